/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The rule for a new passphrase: its minimum length and its strength.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "mp-error.h"
#include "mp-passphrase.h"

static void
test_minimum_length (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_passphrase_check ("", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  g_assert_false (mp_passphrase_check ("abc", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "at least 12 characters"));
  g_clear_error (&error);

  /* Eleven characters are one too few; twelve are enough. */
  g_assert_false (mp_passphrase_check ("kort wachtw", NULL));
  g_assert_true (mp_passphrase_check ("kort wachtwo", &error));
  g_assert_no_error (error);

  /* Characters, not bytes: eleven accented letters (22 bytes) are short. */
  g_assert_false (mp_passphrase_check ("ééééééééééé", NULL));
  g_assert_true (mp_passphrase_check ("éééééééééééé", NULL));
}

static void
test_strength (void)
{
  g_assert_cmpint (mp_passphrase_get_strength (""), ==, MP_PASSPHRASE_TOO_SHORT);
  g_assert_cmpint (mp_passphrase_get_strength ("Xy7!"), ==, MP_PASSPHRASE_TOO_SHORT);
  g_assert_cmpint (mp_passphrase_get_strength ("aaaaaaaaaaaaaaaaaaaa"), ==, MP_PASSPHRASE_WEAK);
  g_assert_cmpint (mp_passphrase_get_strength ("abcdefghijkl"), ==, MP_PASSPHRASE_WEAK);
  g_assert_cmpint (mp_passphrase_get_strength ("tulpen in de lente"), ==, MP_PASSPHRASE_FAIR);
  g_assert_cmpint (mp_passphrase_get_strength ("correct horse battery staple"), ==,
                   MP_PASSPHRASE_STRONG);
  g_assert_cmpint (mp_passphrase_get_strength ("Gr8-Tulp!n#2026"), ==, MP_PASSPHRASE_STRONG);

  /* The score grows with the passphrase and stays within 0..1. */
  g_assert_cmpfloat (mp_passphrase_get_score (""), ==, 0.0);
  g_assert_cmpfloat (mp_passphrase_get_score ("tulpen"), <, mp_passphrase_get_score ("tulpen in de lente"));
  g_assert_cmpfloat (mp_passphrase_get_score ("correct horse battery staple and more words"), ==, 1.0);

  g_assert_cmpstr (mp_passphrase_strength_label (MP_PASSPHRASE_WEAK), ==, "Weak");
  g_assert_cmpstr (mp_passphrase_strength_label (MP_PASSPHRASE_FAIR), ==, "Fair");
  g_assert_cmpstr (mp_passphrase_strength_label (MP_PASSPHRASE_STRONG), ==, "Strong");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/passphrase/minimum-length", test_minimum_length);
  g_test_add_func ("/passphrase/strength", test_strength);
  return g_test_run ();
}
