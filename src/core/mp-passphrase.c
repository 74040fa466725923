/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The rule for a new passphrase: a minimum length, and an estimate of its
 * strength shown while it is typed (the welcome page, the passphrase change
 * dialog) and checked by `meldpunt-cli init`.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mp-error.h"
#include "mp-passphrase.h"

/* Bits of guessing work at which a passphrase counts as fair and strong. */
#define FAIR_BITS   60.0
#define STRONG_BITS 80.0

/* A rough estimate of the guessing work, in bits: each character counts for
 * the size of the alphabets it is drawn from, but a character that was
 * already used counts for little, so "aaaaaaaaaaaa" stays weak. */
static double
estimate_bits (const char *passphrase)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE, wide = FALSE;
  guint length = 0, repeats = 0;
  double alphabet = 0;

  for (const char *p = passphrase; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      length++;
      if (!g_hash_table_add (seen, GUINT_TO_POINTER (c)))
        repeats++;
      if (c >= 'a' && c <= 'z')
        lower = TRUE;
      else if (c >= 'A' && c <= 'Z')
        upper = TRUE;
      else if (c >= '0' && c <= '9')
        digit = TRUE;
      else if (c < 128)
        other = TRUE;
      else
        wide = TRUE;
    }
  alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0) +
             (wide ? 100 : 0);
  if (length == 0 || alphabet < 2)
    return 0;
  /* A repeated character adds about one bit. */
  return (length - repeats) * log2 (alphabet) + repeats;
}

gboolean
mp_passphrase_check (const char  *passphrase,
                     GError     **error)
{
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (*passphrase == '\0')
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return FALSE;
    }
  if (g_utf8_strlen (passphrase, -1) < MP_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The passphrase is too short: use at least %u character; "
                                "a few words make a good one.",
                                "The passphrase is too short: use at least %u characters; "
                                "a few words make a good one.",
                                MP_PASSPHRASE_MIN_LENGTH),
                   MP_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }
  return TRUE;
}

MpPassphraseStrength
mp_passphrase_get_strength (const char *passphrase)
{
  double bits;

  g_return_val_if_fail (passphrase != NULL, MP_PASSPHRASE_TOO_SHORT);

  if (g_utf8_strlen (passphrase, -1) < MP_PASSPHRASE_MIN_LENGTH)
    return MP_PASSPHRASE_TOO_SHORT;
  bits = estimate_bits (passphrase);
  if (bits >= STRONG_BITS)
    return MP_PASSPHRASE_STRONG;
  if (bits >= FAIR_BITS)
    return MP_PASSPHRASE_FAIR;
  return MP_PASSPHRASE_WEAK;
}

double
mp_passphrase_get_score (const char *passphrase)
{
  g_return_val_if_fail (passphrase != NULL, 0);

  return CLAMP (estimate_bits (passphrase) / STRONG_BITS, 0.0, 1.0);
}

const char *
mp_passphrase_strength_label (MpPassphraseStrength strength)
{
  switch (strength)
    {
    case MP_PASSPHRASE_TOO_SHORT:
      return C_("passphrase strength", "Too short");
    case MP_PASSPHRASE_WEAK:
      return C_("passphrase strength", "Weak");
    case MP_PASSPHRASE_FAIR:
      return C_("passphrase strength", "Fair");
    case MP_PASSPHRASE_STRONG:
      return C_("passphrase strength", "Strong");
    default:
      g_return_val_if_reached ("");
    }
}
