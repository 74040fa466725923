/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer harness of the decrypting e-mail import (issue 21): every
 * input, read with the desk's key in a private GnuPG home, must give a
 * report or a clean MP_EML_ERROR, never a crash or a report with broken
 * text. The key (openpgp-decrypt-key.asc, a test key without passphrase)
 * and the seed corpus (corpus/openpgp-decrypt/: PGP/MIME, signed, inline,
 * forwarded, to another key, tampered, truncated) were made by gpg.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-eml-import.h"
#include "mp-openpgp.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static MpOpenpgpHome *home;

static void
wipe_home (void)
{
  g_clear_object (&home);
}

/* One home for the whole run: GnuPG starts once, not per input. */
static MpOpenpgpHome *
get_home (void)
{
  if (home == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = NULL;
      gsize length = 0;
      g_autoptr(GBytes) bytes = NULL;

      if (!g_file_get_contents (MP_FUZZ_KEY, &key, &length, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new (key, length);
      home = mp_openpgp_home_new_for_key (bytes, NULL, NULL, &error);
      if (home == NULL)
        g_error ("%s", error->message);
      atexit (wipe_home);
    }
  return home;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEmlReport) report = mp_openpgp_report_parse (get_home (), bytes, 0, &error);

  if (report == NULL)
    {
      g_assert (error != NULL && error->domain == MP_EML_ERROR);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (g_utf8_validate (mp_case_get_title (mp_eml_report_get_draft (report)), -1, NULL));
  g_assert (mp_case_get_description (mp_eml_report_get_draft (report)) == NULL ||
            g_utf8_validate (mp_case_get_description (mp_eml_report_get_draft (report)), -1,
                             NULL));
  for (guint i = 0; i < mp_eml_report_get_n_attachments (report); i++)
    {
      GBytes *content = NULL;
      const char *name = mp_eml_report_get_attachment (report, i, NULL, &content);

      g_assert (name != NULL && *name != '\0' && strchr (name, '/') == NULL);
      g_assert (content != NULL);
    }
  return 0;
}
