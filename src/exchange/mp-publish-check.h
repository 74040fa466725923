/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-openpgp-sign.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Checking a security.txt someone pasted or saved (issue 24): its fields
 * against RFC 9116, its expiry, and its signature against the desk's key. */

typedef enum
{
  MP_SECURITY_TXT_OK,
  MP_SECURITY_TXT_WARNING,
  MP_SECURITY_TXT_ERROR,
} MpSecurityTxtLevel;

typedef struct
{
  MpSecurityTxtLevel  level;
  char               *message;   /* translated, one sentence or two */
} MpSecurityTxtFinding;

typedef struct
{
  GPtrArray          *findings;  /* (element-type MpSecurityTxtFinding) in the file's order */
  gint64              expires;   /* UTC microseconds; 0 when missing or unreadable */
  MpClearsignVerdict  signature;
  char               *signer;    /* (nullable) fingerprint or key id */
} MpSecurityTxtCheck;

/* Checks @text at @now; @desk_public_key (armored, nullable) is the key the
 * signature should be made with. Returns: (transfer full) */
MpSecurityTxtCheck *mp_publish_check_security_txt (const char         *text,
                                                   const char         *desk_public_key,
                                                   gint64              now);
/* mp_publish_check_security_txt() against the desk of @store (nullable:
 * none): its public key checks the signature, and a good signature by a
 * key that expires before the file adds a warning. Readable while locked.
 * Returns: (transfer full) */
MpSecurityTxtCheck *mp_publish_check_security_txt_for_desk (MpStore    *store,
                                                            const char *text,
                                                            gint64      now);
/* Whether no finding is an error. */
gboolean            mp_security_txt_check_passed  (MpSecurityTxtCheck *check);
void                mp_security_txt_check_free    (MpSecurityTxtCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpSecurityTxtCheck, mp_security_txt_check_free)

G_END_DECLS
