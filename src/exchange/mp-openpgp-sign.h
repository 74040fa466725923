/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-openpgp.h"

G_BEGIN_DECLS

/* Signatures by the desk's key for what the desk publishes (issue 24):
 * security.txt clear-signed (RFC 9116 2.3), CSAF advisories with a
 * detached .asc beside them. Both need the desk unlocked; without a desk
 * key they fail with MP_OPENPGP_ERROR_NO_KEY, and the caller publishes
 * unsigned and says so. */

/* @text clear-signed by the desk's key (GnuPG's digest), as
 * "-----BEGIN PGP SIGNED MESSAGE-----" … Returns: (transfer full) */
char *mp_openpgp_clearsign        (MpStore     *store,
                                   const char  *text,
                                   GError     **error);
/* An ASCII-armored detached signature by the desk's key over the
 * @length bytes of @data. Returns: (transfer full) */
char *mp_openpgp_sign_detached    (MpStore     *store,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

/* What a signed text says: whether it was clear-signed at all, and if so
 * by which key and whether the signature holds. */
typedef enum
{
  MP_CLEARSIGN_NONE,      /* not clear-signed */
  MP_CLEARSIGN_GOOD,      /* made by the desk's key, text unchanged */
  MP_CLEARSIGN_BAD,       /* the text was changed after signing */
  MP_CLEARSIGN_UNKNOWN,   /* by another key than the desk's */
  MP_CLEARSIGN_EXPIRED,   /* good, but the key or signature expired */
  MP_CLEARSIGN_ERROR,     /* signed, but it could not be checked */
} MpClearsignVerdict;

/* Checks the clear-signed @text against @public_key (armored, nullable: the
 * signature can then only be found, not checked). @fingerprint (out,
 * optional, transfer full): the signing key's fingerprint or key id as
 * GnuPG reports it. */
MpClearsignVerdict mp_openpgp_verify_clearsigned (const char  *text,
                                                  const char  *public_key,
                                                  char       **fingerprint);

G_END_DECLS
