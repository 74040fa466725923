/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fewest characters a new passphrase may have. A stolen desk file can
 * be attacked offline, one Argon2id derivation per guess: twelve characters
 * keep even a passphrase of lower-case words out of reach. */
#define MP_PASSPHRASE_MIN_LENGTH 12

typedef enum
{
  MP_PASSPHRASE_TOO_SHORT,
  MP_PASSPHRASE_WEAK,
  MP_PASSPHRASE_FAIR,
  MP_PASSPHRASE_STRONG,
} MpPassphraseStrength;

/* Whether @passphrase may be set as a desk's passphrase; if not, an
 * MP_VAULT_ERROR_WEAK_PASSPHRASE error says why. */
gboolean              mp_passphrase_check          (const char  *passphrase,
                                                    GError     **error);
/* How hard @passphrase is to guess, from its length and its variety. */
MpPassphraseStrength  mp_passphrase_get_strength   (const char  *passphrase);
/* The same as a fraction from 0 to 1, for a level bar. */
double                mp_passphrase_get_score      (const char  *passphrase);
/* "Too short", "Weak", "Fair" or "Strong", translated.
 * Returns: (transfer none) */
const char           *mp_passphrase_strength_label (MpPassphraseStrength strength);

G_END_DECLS
