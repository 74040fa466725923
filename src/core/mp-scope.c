/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mp-scope.h"

/* ---- helpers ---------------------------------------------------------- */

static gboolean
is_valid_hostname (const char *host)
{
  gsize length = strlen (host);
  const char *label = host;

  if (length == 0 || length > 253)
    return FALSE;

  while (label != NULL)
    {
      const char *dot = strchr (label, '.');
      gsize label_length = dot != NULL ? (gsize) (dot - label) : strlen (label);

      if (label_length == 0 || label_length > 63 || label[0] == '-' ||
          label[label_length - 1] == '-')
        return FALSE;
      for (gsize i = 0; i < label_length; i++)
        if (!g_ascii_isalnum (label[i]) && label[i] != '-' && label[i] != '_')
          return FALSE;
      label = dot != NULL ? dot + 1 : NULL;
    }
  return TRUE;
}

/* An IPv4 address mapped into IPv6 (::ffff:192.0.2.1) is the IPv4 address. */
static GInetAddress *
unmap_address (GInetAddress *address)
{
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    {
      const guint8 *bytes = g_inet_address_to_bytes (address);
      static const guint8 prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

      if (memcmp (bytes, prefix, sizeof prefix) == 0)
        return g_inet_address_new_from_bytes (bytes + 12, G_SOCKET_FAMILY_IPV4);
    }
  return g_object_ref (address);
}

static GInetAddress *
parse_address (const char *text)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize length = strlen (text);

  if (length > 2 && text[0] == '[' && text[length - 1] == ']')
    text = bare = g_strndup (text + 1, length - 2);
  /* An IPv6 zone (fe80::1%eth0) names the local interface, not the host. */
  if (strchr (text, ':') != NULL && strchr (text, '%') != NULL)
    {
      char *zoneless = g_strndup (text, strchr (text, '%') - text);

      g_free (bare);
      text = bare = zoneless;
    }
  address = g_inet_address_new_from_string (text);
  return address != NULL ? unmap_address (address) : NULL;
}

static gboolean
matches_networks (GStrv         networks,
                  GInetAddress *address,
                  const char  **matched)
{
  for (guint i = 0; networks != NULL && networks[i] != NULL; i++)
    {
      g_autoptr(GInetAddressMask) mask = g_inet_address_mask_new_from_string (networks[i], NULL);

      if (mask != NULL &&
          g_inet_address_mask_get_family (mask) == g_inet_address_get_family (address) &&
          g_inet_address_mask_matches (mask, address))
        {
          *matched = networks[i];
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
matches_names (GStrv        hosts,
               GStrv        domains,
               const char  *host,
               const char **matched)
{
  gsize host_length = strlen (host);

  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    if (g_str_equal (hosts[i], host))
      {
        *matched = hosts[i];
        return TRUE;
      }

  /* A domain matches itself and every name under it, never a name that
   * merely ends in the same letters (evilexample.nl). */
  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    {
      gsize length = strlen (domains[i]);

      if (g_str_equal (domains[i], host) ||
          (host_length > length && host[host_length - length - 1] == '.' &&
           g_str_has_suffix (host, domains[i])))
        {
          *matched = domains[i];
          return TRUE;
        }
    }
  return FALSE;
}

/* Finds the host part of @text: a bare address, a host, or a URL with or
 * without scheme, user information and port. */
static char *
extract_host (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *with_scheme = NULL;
  const char *host;

  if (strstr (text, "://") == NULL)
    text = with_scheme = g_strconcat ("http://", text, NULL);
  uri = g_uri_parse (text, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL)
    return NULL;
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return NULL;
  return g_strdup (host);
}

/* ---- public API ------------------------------------------------------- */

char *
mp_scope_normalise_host (const char *host)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  gsize length;

  if (host == NULL || !g_utf8_validate (host, -1, NULL))
    return NULL;
  trimmed = g_strstrip (g_strdup (host));
  length = strlen (trimmed);
  if (length > 1 && trimmed[length - 1] == '.')
    trimmed[length - 1] = '\0';
  if (trimmed[0] == '\0')
    return NULL;

  ascii = g_hostname_to_ascii (trimmed);
  if (ascii == NULL)
    return NULL;
  lower = g_ascii_strdown (ascii, -1);
  if (!is_valid_hostname (lower))
    return NULL;
  return g_steal_pointer (&lower);
}

void
mp_scope_match_free (MpScopeMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->host);
  g_free (match->matched);
  g_free (match->sister_name);
  g_free (match->sister_url);
  g_free (match);
}

const char *
mp_scope_owner_to_answer (MpScopeOwner owner)
{
  switch (owner)
    {
    case MP_SCOPE_OURS:
      return "ours";
    case MP_SCOPE_SISTER:
      return "sister";
    case MP_SCOPE_THIRD_PARTY:
      return "third-party";
    case MP_SCOPE_CANNOT_TELL:
    default:
      return "unknown";
    }
}

MpScopeMatch *
mp_scope_match (MpPolicy   *policy,
                const char *text)
{
  g_autoptr(MpScopeMatch) match = g_new0 (MpScopeMatch, 1);
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *host = NULL;
  const char *matched = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  match->owner = MP_SCOPE_CANNOT_TELL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&match);
  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0' || strpbrk (trimmed, " \t\r\n") != NULL)
    return g_steal_pointer (&match);

  address = parse_address (trimmed);
  if (address == NULL)
    {
      host = extract_host (trimmed);
      if (host == NULL)
        return g_steal_pointer (&match);
      address = parse_address (host);
    }

  if (address != NULL)
    {
      match->is_address = TRUE;
      match->host = g_inet_address_to_string (address);
      if (matches_networks (policy->asset_networks, address, &matched))
        match->owner = MP_SCOPE_OURS;
      else
        for (guint i = 0; i < policy->sisters->len; i++)
          {
            MpSister *sister = g_ptr_array_index (policy->sisters, i);

            if (sister->name[0] != '\0' && matches_networks (sister->networks, address, &matched))
              {
                match->owner = MP_SCOPE_SISTER;
                match->sister_name = g_strdup (sister->name);
                match->sister_url = g_strdup (sister->url);
                break;
              }
          }
    }
  else
    {
      match->host = mp_scope_normalise_host (host);
      if (match->host == NULL)
        return g_steal_pointer (&match);
      if (matches_names (policy->asset_hosts, policy->asset_domains, match->host, &matched))
        match->owner = MP_SCOPE_OURS;
      else
        for (guint i = 0; i < policy->sisters->len; i++)
          {
            MpSister *sister = g_ptr_array_index (policy->sisters, i);

            if (sister->name[0] != '\0' &&
                matches_names (sister->hosts, sister->domains, match->host, &matched))
              {
                match->owner = MP_SCOPE_SISTER;
                match->sister_name = g_strdup (sister->name);
                match->sister_url = g_strdup (sister->url);
                break;
              }
          }
    }

  if (match->owner == MP_SCOPE_CANNOT_TELL)
    match->owner = MP_SCOPE_THIRD_PARTY;
  match->matched = g_strdup (matched);
  return g_steal_pointer (&match);
}
