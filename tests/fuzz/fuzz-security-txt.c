/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of the security.txt checker (issue 24): the text is
 * pasted or comes from a file from anywhere. Every input gives findings,
 * each a sentence of valid UTF-8, and "passed" exactly when none is an
 * error.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-publish-check.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(MpSecurityTxtCheck) check = NULL;
  gboolean any_error = FALSE;

  /* 2026-12-07T10:00:00Z: the corpus's expiry dates keep their meaning. */
  check = mp_publish_check_security_txt (text, NULL, G_GINT64_CONSTANT (1796637600) * G_USEC_PER_SEC);
  g_assert (check != NULL && check->findings != NULL);
  g_assert (check->findings->len > 0);
  for (guint i = 0; i < check->findings->len; i++)
    {
      MpSecurityTxtFinding *finding = g_ptr_array_index (check->findings, i);

      g_assert (finding->message != NULL && g_utf8_validate (finding->message, -1, NULL));
      g_assert (finding->level <= MP_SECURITY_TXT_ERROR);
      any_error |= finding->level == MP_SECURITY_TXT_ERROR;
    }
  g_assert (mp_security_txt_check_passed (check) == !any_error);
  return 0;
}
