/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of the CVSS parser: a reporter's vector is untrusted.
 * Every input gives a parsed vector with scores in range, or a clean
 * MP_CVSS_ERROR.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-cvss.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *vector = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCvss) cvss = mp_cvss_parse (vector, &error);
  double score;

  if (cvss == NULL)
    {
      g_assert (error != NULL && error->domain == MP_CVSS_ERROR);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (mp_cvss_get_version (cvss) == MP_CVSS_VERSION_3_1 ||
            mp_cvss_get_version (cvss) == MP_CVSS_VERSION_4_0);
  g_assert (mp_cvss_get_vector (cvss) != NULL);
  score = mp_cvss_get_score (cvss);
  g_assert (score >= 0.0 && score <= 10.0);
  g_assert (mp_cvss_get_base_score (cvss) >= 0.0 && mp_cvss_get_base_score (cvss) <= 10.0);
  g_assert (mp_cvss_get_temporal_score (cvss) >= 0.0 && mp_cvss_get_temporal_score (cvss) <= 10.0);
  g_assert (mp_cvss_get_environmental_score (cvss) >= 0.0 &&
            mp_cvss_get_environmental_score (cvss) <= 10.0);
  g_assert_cmpstr (mp_cvss_get_severity (cvss), ==, mp_cvss_severity_for_score (score));
  {
    g_autofree char *formatted = mp_cvss_format_score (score);

    g_assert (formatted != NULL && strlen (formatted) <= 4);
  }
  /* The vector as kept parses again to the same score. */
  {
    g_autoptr(MpCvss) again = mp_cvss_parse (mp_cvss_get_vector (cvss), NULL);

    g_assert (again != NULL);
    g_assert (mp_cvss_get_score (again) == score);
  }
  return 0;
}
