/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-publish.h"
#include "mp-openpgp-sign.h"
#include "mp-publish-securitytxt.h"

char *
mp_publish_security_txt (MpPolicy    *policy,
                         const char  *domain,
                         gint64       now,
                         gboolean     unsigned_note,
                         gint64      *expires,
                         GError     **error)
{
  g_autoptr(GDateTime) now_dt = NULL;
  g_autoptr(GDateTime) expires_dt = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *expires_text = NULL;
  g_autofree char *key_url = NULL;
  g_autofree char *policy_en = NULL;
  g_autofree char *policy_nl = NULL;
  g_autofree char *hall_url = NULL;
  g_autofree char *canonical = NULL;
  GString *out;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  if (!mp_publish_check_domain (policy, domain, error))
    return NULL;
  if (policy->desk_email == NULL || policy->desk_email[0] == '\0')
    {
      g_set_error_literal (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NO_EMAIL,
                           _("security.txt needs the desk's e-mail address as its Contact. "
                             "Set it with: meldpunt-cli policy set desk.email "
                             "security@example.nl"));
      return NULL;
    }
  /* RFC 9116 2.5.5: more than a year ahead is not allowed. */
  if (policy->publish_expires_months < 1 || policy->publish_expires_months > 12)
    {
      g_set_error (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_SETTING,
                   _("publish.expires_months is %u; security.txt must expire within a year, "
                     "so give 1 to 12."), policy->publish_expires_months);
      return NULL;
    }

  /* Whole seconds in UTC: "2027-10-07T12:00:00Z". */
  now_dt = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);
  expires_dt = g_date_time_add_months (now_dt, (int) policy->publish_expires_months);
  expires_text = g_date_time_format (expires_dt, "%Y-%m-%dT%H:%M:%SZ");
  if (expires != NULL)
    *expires = g_date_time_to_unix (expires_dt) * G_USEC_PER_SEC;

  contact = g_strdup_printf ("mailto:%s", policy->desk_email);
  key_url = mp_publish_url (domain, policy->publish_key_url, "/security/desk-key.asc");
  policy_nl = mp_publish_url (domain, policy->publish_policy_url_nl, "/security/policy-nl.html");
  policy_en = mp_publish_url (domain, policy->publish_policy_url_en, "/security/policy-en.html");
  hall_url = mp_publish_url (domain, policy->publish_hall_of_fame_url,
                             "/security/hall-of-fame.html");
  canonical = mp_publish_url (domain, policy->publish_canonical_url,
                              "/.well-known/security.txt");

  /* The comments and field names are fixed English of the RFC; the file is
   * the same whatever the desk's language. */
  out = g_string_new (NULL);
  if (unsigned_note)
    g_string_append (out, "# This file is not signed: the desk has no OpenPGP key yet.\n");
  g_string_append_printf (out, "# security.txt of %s, written by Meldpunt\n", domain);
  g_string_append_printf (out, "Contact: %s\n", contact);
  g_string_append_printf (out, "Expires: %s\n", expires_text);
  g_string_append_printf (out, "Encryption: %s\n", key_url);
  g_string_append_printf (out, "Acknowledgments: %s\n", hall_url);
  g_string_append (out, "Preferred-Languages: nl, en\n");
  g_string_append_printf (out, "Canonical: %s\n", canonical);
  g_string_append_printf (out, "Policy: %s\n", policy_nl);
  g_string_append_printf (out, "Policy: %s\n", policy_en);
  if (policy->publish_csaf_url != NULL && policy->publish_csaf_url[0] != '\0')
    {
      g_autofree char *csaf = mp_publish_url (domain, policy->publish_csaf_url, "");

      g_string_append_printf (out, "CSAF: %s\n", csaf);
    }
  return g_string_free (out, FALSE);
}

char *
mp_publish_security_txt_for_desk (MpStore           *store,
                                  MpPolicy          *policy,
                                  const char        *domain,
                                  gint64             now,
                                  gboolean           sign,
                                  MpPublishSigning  *signing,
                                  gint64            *expires,
                                  GError           **error)
{
  g_autofree char *text = NULL;
  gboolean has_key;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  has_key = mp_store_get_desk_key_info (store, NULL, NULL, NULL, NULL);
  text = mp_publish_security_txt (policy, domain, now, !has_key, expires, error);
  if (text == NULL)
    return NULL;
  if (signing != NULL)
    *signing = !has_key ? MP_PUBLISH_UNSIGNED_NO_KEY
                        : sign ? MP_PUBLISH_SIGNED : MP_PUBLISH_UNSIGNED_ASKED;
  if (!has_key)
    return g_steal_pointer (&text);
  if (!sign)
    return g_strconcat ("# This file is not signed.\n", text, NULL);
  return mp_openpgp_clearsign (store, text, error);
}

gint64
mp_publish_key_expires_first (MpStore *store,
                              gint64   expires)
{
  gint64 key_expires = 0;

  g_return_val_if_fail (MP_IS_STORE (store), 0);

  if (!mp_store_get_desk_key_info (store, NULL, &key_expires, NULL, NULL) || key_expires <= 0)
    return 0;
  key_expires *= G_USEC_PER_SEC;
  return key_expires < expires ? key_expires : 0;
}

MpPublishState
mp_publish_security_txt_state (MpStore    *store,
                               const char *domain,
                               gint64      now,
                               gint64     *expires,
                               gint64     *key_expires)
{
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) renew = NULL;
  gint64 until = 0;
  gint64 key_end = 0;
  gboolean was_signed = FALSE;

  g_return_val_if_fail (MP_IS_STORE (store), MP_PUBLISH_STATE_NOT_PUBLISHED);
  g_return_val_if_fail (domain != NULL, MP_PUBLISH_STATE_NOT_PUBLISHED);

  if (expires != NULL)
    *expires = 0;
  if (key_expires != NULL)
    *key_expires = 0;
  if (!mp_store_get_publication (store, "security.txt", domain, NULL, &until, &was_signed))
    return MP_PUBLISH_STATE_NOT_PUBLISHED;
  if (expires != NULL)
    *expires = until;
  if (until <= now)
    return MP_PUBLISH_STATE_EXPIRED;
  /* Only a signed file depends on the key. */
  key_end = was_signed ? mp_publish_key_expires_first (store, until) : 0;
  if (key_expires != NULL)
    *key_expires = key_end;
  if (key_end != 0)
    return MP_PUBLISH_STATE_KEY_EXPIRES_FIRST;
  end = g_date_time_new_from_unix_utc (until / G_USEC_PER_SEC);
  renew = g_date_time_add_months (end, -1);
  if (g_date_time_to_unix (renew) * G_USEC_PER_SEC <= now)
    return MP_PUBLISH_STATE_RENEW;
  return MP_PUBLISH_STATE_CURRENT;
}
