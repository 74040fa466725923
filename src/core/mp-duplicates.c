/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-duplicates.h"

G_DEFINE_BOXED_TYPE (MpDuplicate, mp_duplicate, mp_duplicate_copy, mp_duplicate_free)

MpDuplicate *
mp_duplicate_copy (const MpDuplicate *duplicate)
{
  MpDuplicate *copy = g_new0 (MpDuplicate, 1);

  copy->reference = g_strdup (duplicate->reference);
  copy->match = duplicate->match;
  copy->reason = g_strdup (duplicate->reason);
  return copy;
}

void
mp_duplicate_free (MpDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->reference);
  g_free (duplicate->reason);
  g_free (duplicate);
}

char *
mp_duplicates_host_of (const char *asset)
{
  g_autofree char *text = NULL;
  const char *start, *end, *p;
  g_autofree char *host = NULL;

  if (asset == NULL)
    return NULL;
  text = g_strstrip (g_strdup (asset));

  start = text;
  if ((p = strstr (start, "://")) != NULL)
    start = p + 3;
  /* The authority ends at the path, query or fragment. */
  end = start + strcspn (start, "/?#");
  /* user:password@ goes. */
  for (p = start; p < end; p++)
    if (*p == '@')
      start = p + 1;

  if (*start == '[')
    {
      /* [IPv6]:port */
      const char *close = memchr (start, ']', end - start);

      if (close == NULL)
        return NULL;
      host = g_strndup (start + 1, close - start - 1);
    }
  else
    {
      const char *colon = memchr (start, ':', end - start);

      /* One colon is a port; more is a bare IPv6 address. */
      if (colon != NULL && memchr (colon + 1, ':', end - colon - 1) == NULL)
        end = colon;
      host = g_strndup (start, end - start);
    }

  g_strstrip (host);
  {
    gsize len = strlen (host);

    while (len > 0 && host[len - 1] == '.')
      host[--len] = '\0';
  }
  {
    char *lower = g_utf8_strdown (host, -1);

    g_free (host);
    host = lower;
  }
  if (g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host + 4) + 1);
  if (*host == '\0')
    return NULL;
  return g_steal_pointer (&host);
}

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
    return FALSE;
  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  g_strstrip (fa);
  g_strstrip (fb);
  return g_str_equal (fa, fb);
}

GPtrArray *
mp_duplicates_find (MpStore *store,
                    MpCase  *kase)
{
  GPtrArray *found;
  GListModel *cases;
  g_autofree char *host = NULL;
  const char *email;
  guint n;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_duplicate_free);
  email = mp_case_get_reporter_email (kase);
  host = mp_duplicates_host_of (mp_case_get_asset (kase));
  if ((email == NULL || *email == '\0') && host == NULL)
    return found;

  cases = mp_store_get_cases (store);
  n = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpCase) other = g_list_model_get_item (cases, i);
      g_autofree char *other_host = NULL;
      const char *reference = mp_case_get_reference (other);
      MpDuplicate *duplicate;
      GString *reason;
      MpDuplicateMatch match = 0;

      if (other == kase || reference == NULL ||
          g_strcmp0 (reference, mp_case_get_reference (kase)) == 0)
        continue;
      if (same_email (email, mp_case_get_reporter_email (other)))
        match |= MP_DUPLICATE_SAME_EMAIL;
      other_host = mp_duplicates_host_of (mp_case_get_asset (other));
      if (host != NULL && g_strcmp0 (host, other_host) == 0)
        match |= MP_DUPLICATE_SAME_HOST;
      if (match == 0)
        continue;

      reason = g_string_new (NULL);
      if (match & MP_DUPLICATE_SAME_EMAIL)
        g_string_append_printf (reason, _("Same reporter e-mail address: %s"),
                                mp_case_get_reporter_email (other));
      if (match & MP_DUPLICATE_SAME_HOST)
        {
          if (reason->len > 0)
            g_string_append (reason, "; ");
          g_string_append_printf (reason, _("Same affected host: %s"), host);
        }

      duplicate = g_new0 (MpDuplicate, 1);
      duplicate->reference = g_strdup (reference);
      duplicate->match = match;
      duplicate->reason = g_string_free (reason, FALSE);
      g_ptr_array_add (found, duplicate);
    }
  return found;
}
