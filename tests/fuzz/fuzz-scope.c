/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of the scope matcher: the URL, host name or address in a
 * report is untrusted. Matched against the default policy and against a
 * policy with hosts, domains (one IDN), networks and a sister.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "mp-scope.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static MpPolicy *
assets_policy (void)
{
  static const struct { const char *key, *value; } settings[] = {
    { "assets.hosts", "www.example.nl, vpn.example.net" },
    { "assets.domains", "example.org, bücher.example" },
    { "assets.networks", "192.0.2.0/24, 2001:db8::/32, 203.0.113.7" },
    { "sister.1.name", "Zuster BV" },
    { "sister.1.url", "https://zuster.nl/cvd" },
    { "sister.1.domains", "zuster.nl" },
    { "sister.1.networks", "198.51.100.0/24, 2001:db8:ffff::/48" },
  };
  MpPolicy *policy = mp_policy_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!mp_policy_apply (policy, settings[i].key, settings[i].value, &error))
        g_error ("%s: %s", settings[i].key, error->message);
    }
  return policy;
}

static void
check (MpPolicy   *policy,
       const char *text)
{
  g_autoptr(MpScopeMatch) match = mp_scope_match (policy, text);

  g_assert (match != NULL);
  g_assert (mp_scope_owner_to_answer (match->owner) != NULL);
  if (match->owner == MP_SCOPE_CANNOT_TELL)
    return;
  g_assert (match->host != NULL && g_utf8_validate (match->host, -1, NULL));
  if (match->owner == MP_SCOPE_SISTER)
    g_assert (match->sister_name != NULL);
  else
    g_assert (match->sister_name == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static MpPolicy *defaults, *assets;
  g_autofree char *text = g_strndup ((const char *) data, size);

  if (defaults == NULL)
    {
      defaults = mp_policy_new ();
      assets = assets_policy ();
    }

  check (defaults, text);
  check (assets, text);
  {
    g_autofree char *host = mp_scope_normalise_host (text);

    g_assert (host == NULL || g_utf8_validate (host, -1, NULL));
  }
  return 0;
}
