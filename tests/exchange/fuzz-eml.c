/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer harness of the e-mail importer: every input must give a report
 * or a clean MP_EML_ERROR. Built with clang by tests/exchange/build-fuzzer;
 * `meson test` links it with fuzz-replay.c and replays the seed corpus.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-eml-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEmlReport) report = mp_eml_report_parse (bytes, 0, &error);

  if (report == NULL)
    {
      g_assert (error != NULL && error->domain == MP_EML_ERROR);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (g_utf8_validate (mp_case_get_title (mp_eml_report_get_draft (report)), -1, NULL));
  for (guint i = 0; i < mp_eml_report_get_n_attachments (report); i++)
    {
      GBytes *content = NULL;
      const char *name = mp_eml_report_get_attachment (report, i, NULL, &content);

      g_assert (name != NULL && *name != '\0' && strchr (name, '/') == NULL);
      g_assert (content != NULL);
    }
  return 0;
}
