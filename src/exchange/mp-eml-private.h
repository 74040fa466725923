/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gmime/gmime.h>

#include "mp-eml-import.h"

G_BEGIN_DECLS

/* GMime 3.2 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParserOptions, g_mime_parser_options_free)

/* Internal to the e-mail importer: mp-eml-parse.c reads the headers and
 * fills the draft, mp-eml-walk.c reads the MIME tree, mp-eml-import.c
 * stores the result. */

typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *content;
} MpEmlAttachment;

struct _MpEmlReport
{
  MpCase    *draft;
  GPtrArray *notes;         /* char * */
  GPtrArray *attachments;   /* MpEmlAttachment */
  char      *summary;
  char      *headers;
  gint64     arrival;       /* when the mailbox got it (mbox line, Received:); 0: unknown */
  gint64     sender_date;   /* the Date the sender's clock gave; 0: none */
};

/* What a walk over one message's MIME tree collects. */
typedef struct
{
  MpEmlReport  *report;
  GString      *plain;
  GString      *html;
  GMimeMessage *forwarded;    /* the first message/rfc822 part, (transfer none) */
  GString      *fwd_plain;
  GString      *fwd_html;
  gboolean      encrypted;
  GPtrArray    *owned;        /* (nullable) parts parsed during the walk, kept alive for it */
  gboolean      is_signed;    /* an S/MIME or OpenPGP signature was found */
  guint         n_unnamed;
  guint         depth;
  gboolean      broken_multipart;
  gboolean      is_forward;   /* the subject says "Fwd:": an attached message is the report */
  guint         n_messages;   /* attached messages outside the forward */
  gboolean      inline_message; /* one of them shown inline: a forward too */
  guint         in_digest;    /* inside a multipart/digest or multipart/report */
  GString      *inner;        /* the text of a digest's or bounce's messages */
} MpEmlWalk;

void  _mp_eml_ensure_gmime      (void);
void  _mp_eml_attachment_free   (gpointer      data);
/* Adds @note once: the same note twice says nothing new. */
void  _mp_eml_add_note          (MpEmlReport  *report,
                                 const char   *note);
void  _mp_eml_add_attachment    (MpEmlReport  *report,
                                 const char   *name,
                                 const char   *mime_type,
                                 GBytes       *content);
/* Appends a paragraph to @target. */
void  _mp_eml_append_text       (GString      *target,
                                 const char   *text);
/* Collects the text, attachments and encryption of @object's tree. */
void  _mp_eml_walk              (MpEmlWalk    *walk,
                                 GMimeObject  *object,
                                 gboolean      in_forward);

/* mp-eml-repair.c: what GMime would read wrongly, set right in a copy
 * (BOM, blank lines or spaces before the headers, "Subject :", a missing
 * blank line after the headers, split base64 encoded words). Returns:
 * (transfer full): @message itself when nothing needed repair. */
GBytes *_mp_eml_repair              (GBytes       *message);
/* The length of the field name when @line starts a header field ("Name:"
 * or the obsolete "Name :"), else 0. */
gsize   _mp_eml_field_name_length   (const char   *line,
                                     gsize         length);
gboolean _mp_eml_is_outlook_msg     (const char   *data,
                                     gsize         size);
/* @value (a raw header value) with adjacent base64 encoded words of one
 * charset joined into one word, as _mp_eml_repair() does for the message's
 * own headers. Returns: (transfer full) */
char    *_mp_eml_merge_encoded_words (const char  *value);

/* mp-eml-forward.c. The subject without "Fwd:", "Re: Fwd:", "[Fwd: …]",
 * "Doorgestuurd:"; *@is_forward says whether it said forward. */
char    *_mp_eml_strip_forward_prefix (const char   *subject,
                                       gboolean     *is_forward);
/* A line that starts a forwarded message; @strict: only words that say
 * "forwarded", not those a reply quotes with ("Original Message"). */
gboolean _mp_eml_is_forward_marker  (const char   *line,
                                     gboolean      strict);
/* Whether @text says next to nothing (a forward without a note). */
gboolean _mp_eml_is_thin_text       (const char   *text);
/* Returns: (transfer full) (nullable): the readable text of @message. */
char    *_mp_eml_message_text       (GMimeMessage *message);

/* Takes uuencoded files ("begin 644 name" … "end") out of *@text.
 * Returns: (transfer full) (nullable): MpEmlAttachments, NULL if none. */
GPtrArray *_mp_eml_take_uuencoded   (char        **text);
/* mp-eml-tnef.c: the files (MpEmlAttachment, names may be NULL) and the
 * plain text *@body (nullable) of a winmail.dat. Returns: (transfer full)
 * (nullable): NULL when @tnef is not TNEF or is damaged. */
GPtrArray *_mp_eml_tnef_unpack      (GBytes       *tnef,
                                     char        **body);
/* mp-eml-smime.c: the MIME entity inside an opaque-signed S/MIME message
 * (DER or BER CMS SignedData), unchecked. Returns: (transfer full)
 * (nullable): NULL when @der is no such thing (enveloped, say). */
GBytes  *_mp_eml_smime_signed_content (GBytes     *der);

/* mp-openpgp.c: held around any use of GPGME's process-wide default home
 * (recursive). */
void  _mp_openpgp_engine_lock   (void);
void  _mp_openpgp_engine_unlock (void);

G_END_DECLS
