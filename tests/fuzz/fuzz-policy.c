/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of the policy values (`meldpunt-cli policy set KEY
 * VALUE`, settings read from a database file): the input is "KEY=VALUE"
 * lines applied in turn to one policy. Each value is accepted or refused
 * with a clean MP_POLICY_ERROR, and an accepted value reads back as a value
 * that is accepted again.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-policy.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 16);
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_auto(GStrv) keys = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      char *equals = strchr (lines[i], '=');

      if (equals == NULL)
        continue;
      *equals = '\0';
      if (!mp_policy_apply (policy, lines[i], equals + 1, &error))
        {
          g_assert (error != NULL);
          continue;
        }
      g_assert (error == NULL);
      {
        g_autofree char *value = mp_policy_dup_value (policy, lines[i]);
        g_autoptr(GError) again = NULL;

        g_assert (value != NULL);
        if (!mp_policy_apply (policy, lines[i], value, &again))
          g_error ("%s=%s does not read back: %s", lines[i], value, again->message);
      }
    }
  keys = mp_policy_list_keys (policy);
  for (guint i = 0; keys[i] != NULL; i++)
    g_free (mp_policy_dup_value (policy, keys[i]));
  return 0;
}
