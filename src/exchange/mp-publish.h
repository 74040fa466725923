/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-policy.h"

G_BEGIN_DECLS

/* What the desk publishes (issue 24): security.txt, its CVD policy, the hall
 * of fame and CSAF advisories. Each generator is a pure function of values
 * (the policy, the cases, a "now") and returns the document's text.
 *
 * Signing: no generator signs. The desk's OpenPGP key is a separate
 * concern; a caller that has one clear-signs (security.txt) or signs
 * detached (CSAF) the text it gets here. Until then every document is
 * published unsigned and says so. */

#define MP_PUBLISH_ERROR (mp_publish_error_quark ())

typedef enum
{
  MP_PUBLISH_ERROR_NO_EMAIL,        /* desk.email is not set */
  MP_PUBLISH_ERROR_NOT_OURS,        /* the domain is not one of the desk's */
  MP_PUBLISH_ERROR_SETTING,         /* a publish.* setting does not fit */
  MP_PUBLISH_ERROR_NOT_PUBLISHABLE, /* e.g. a case with no fix for an advisory */
} MpPublishError;

GQuark    mp_publish_error_quark     (void);

/* Whether @domain (lower case, no trailing dot) is one of the desk's own:
 * an asset domain or a name under one, or an asset host; never a sister
 * organisation's. Sets MP_PUBLISH_ERROR_NOT_OURS with what to do. */
gboolean  mp_publish_check_domain    (MpPolicy    *policy,
                                      const char  *domain,
                                      GError     **error);

/* The address a publish.*_url setting gives for @domain: @value itself when
 * it is an https:// address, https://DOMAIN@value for a path, and
 * https://DOMAIN@default_path when @value is empty.
 * Returns: (transfer full) */
char     *mp_publish_url             (const char  *domain,
                                      const char  *value,
                                      const char  *default_path);

/* The desk's own domain for the addresses in documents that are not about
 * one domain (the policy page, the hall of fame): the first asset domain,
 * else the first asset host, else the part of desk.email after the "@".
 * Returns: (transfer none) (nullable) */
const char *mp_publish_main_domain   (MpPolicy    *policy);

/* Appends @text to @out with &, <, >, " and ' escaped for HTML. */
void      mp_publish_append_html     (GString     *out,
                                      const char  *text);

typedef enum
{
  MP_PUBLISH_FORMAT_HTML,
  MP_PUBLISH_FORMAT_TEXT,
} MpPublishFormat;

/* A simple document written as HTML (one page, no scripts, inline style)
 * or as plain text wrapped at 72 columns: a title, headings, paragraphs and
 * bulleted lists. In HTML, https:// addresses and e-mail addresses in the
 * text become links. */
typedef struct _MpPublishDoc MpPublishDoc;

MpPublishDoc *mp_publish_doc_new         (MpPublishFormat  format,
                                          const char      *language,
                                          const char      *title);
void          mp_publish_doc_heading     (MpPublishDoc    *doc,
                                          const char      *text);
void          mp_publish_doc_paragraph   (MpPublishDoc    *doc,
                                          const char      *text);
/* Items between _list_begin and _list_end form one bulleted list. */
void          mp_publish_doc_list_begin  (MpPublishDoc    *doc);
void          mp_publish_doc_item        (MpPublishDoc    *doc,
                                          const char      *text);
void          mp_publish_doc_list_end    (MpPublishDoc    *doc);
/* Ends and frees @doc. Returns: (transfer full): the document. */
char         *mp_publish_doc_finish      (MpPublishDoc    *doc);

G_END_DECLS
