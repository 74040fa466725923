/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of the JSON case import: a case file from outside is
 * untrusted. Every input gives a draft case or a clean error.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-case-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_json_parse_draft ((const char *) data, size, &error);

  if (draft == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (MP_IS_CASE (draft));
  return 0;
}
