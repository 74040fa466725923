/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A security.txt read back: the text is untrusted (pasted, or a file from
 * anywhere), so nothing here trusts its size, its encoding or its lines.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-publish-check.h"
#include "mp-publish-securitytxt.h"

#define MAX_TEXT (64 * 1024)

static void
add (MpSecurityTxtCheck *check,
     MpSecurityTxtLevel  level,
     char               *message)
{
  MpSecurityTxtFinding *finding = g_new0 (MpSecurityTxtFinding, 1);

  finding->level = level;
  finding->message = message;
  g_ptr_array_add (check->findings, finding);
}

static void
finding_free (gpointer data)
{
  MpSecurityTxtFinding *finding = data;

  g_free (finding->message);
  g_free (finding);
}

/* The signed text of a clear-signed message (RFC 4880 7): after the armor
 * headers, up to the signature, with the dash escapes removed. */
static char *
cleartext_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  guint i = 1;

  while (lines[i] != NULL && lines[i][0] != '\0')
    i++;
  for (i = lines[i] != NULL ? i + 1 : i; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "-----BEGIN PGP SIGNATURE-----"))
        break;
      if (g_str_has_prefix (line, "- "))
        line += 2;
      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_https (const char *value)
{
  return g_ascii_strncasecmp (value, "https://", 8) == 0 && value[8] != '\0';
}

static void
check_uri (MpSecurityTxtCheck *check,
           const char         *name,
           const char         *value,
           gboolean            contact)
{
  if (is_https (value))
    return;
  if (contact && (g_ascii_strncasecmp (value, "mailto:", 7) == 0 ||
                  g_ascii_strncasecmp (value, "tel:", 4) == 0))
    return;
  if (!contact && g_ascii_strcasecmp (name, "Encryption") == 0 &&
      (g_ascii_strncasecmp (value, "dns:", 4) == 0 ||
       g_ascii_strncasecmp (value, "openpgp4fpr:", 12) == 0))
    return;
  add (check, MP_SECURITY_TXT_ERROR,
       /* Translators: %s is a field name, then its value */
       g_strdup_printf (contact ? _("%s: “%s” is not a mailto:, tel: or https:// address.")
                                : _("%s: “%s” is not an https:// address."), name, value));
}

static void
check_expires (MpSecurityTxtCheck *check,
               const char         *value,
               gint64              now)
{
  g_autoptr(GDateTime) moment = NULL;
  gint64 days;

  /* RFC 3339 with a zone: the ISO 8601 reader also takes forms 3339 does
   * not, so the shape is checked first. */
  if (!g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\d[Tt]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?"
                             "([Zz]|[+-]\\d\\d:\\d\\d)$", value, 0, 0) ||
      (moment = g_date_time_new_from_iso8601 (value, NULL)) == NULL)
    {
      add (check, MP_SECURITY_TXT_ERROR,
           g_strdup_printf (_("Expires: “%s” is not a date and time in RFC 3339 form, "
                              "e.g. 2027-11-07T10:00:00Z."), value));
      return;
    }
  check->expires = g_date_time_to_unix (moment) * G_USEC_PER_SEC;
  if (check->expires <= now)
    {
      add (check, MP_SECURITY_TXT_ERROR,
           g_strdup_printf (_("Expires: the file expired on %s; readers must not trust it "
                              "any more. Publish a new one."), value));
      return;
    }
  days = (check->expires - now) / G_TIME_SPAN_DAY;
  if (days > 366)
    add (check, MP_SECURITY_TXT_WARNING,
         g_strdup_printf (_("Expires: %s is more than a year ahead; RFC 9116 advises less "
                            "than a year."), value));
  else
    add (check, (days < 31) ? MP_SECURITY_TXT_WARNING : MP_SECURITY_TXT_OK,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expires: %s, in %d day.",
                                       "Expires: %s, in %d days.", (gulong) days),
                          value, (int) days));
}

static void
check_signature (MpSecurityTxtCheck *check,
                 const char         *text,
                 const char         *desk_public_key)
{
  const char *signer;

  check->signature = mp_openpgp_verify_clearsigned (text, desk_public_key, &check->signer);
  signer = check->signer != NULL ? check->signer : "?";
  switch (check->signature)
    {
    case MP_CLEARSIGN_NONE:
      add (check, MP_SECURITY_TXT_WARNING,
           g_strdup (_("The file is not signed; RFC 9116 advises clear-signing it with "
                       "OpenPGP.")));
      break;
    case MP_CLEARSIGN_GOOD:
      add (check, MP_SECURITY_TXT_OK,
           g_strdup_printf (_("Signed by the desk's key %s: the signature is good."), signer));
      break;
    case MP_CLEARSIGN_BAD:
      add (check, MP_SECURITY_TXT_ERROR,
           g_strdup_printf (_("The signature by key %s is BAD: the file was changed after it "
                              "was signed."), signer));
      break;
    case MP_CLEARSIGN_UNKNOWN:
      if (desk_public_key == NULL)
        add (check, MP_SECURITY_TXT_WARNING,
             g_strdup_printf (_("Signed by key %s; the desk has no key to check it with."),
                              signer));
      else
        add (check, MP_SECURITY_TXT_ERROR,
             g_strdup_printf (_("Signed by key %s, which is not the desk's key."), signer));
      break;
    case MP_CLEARSIGN_EXPIRED:
      add (check, MP_SECURITY_TXT_ERROR,
           g_strdup_printf (_("Signed by the desk's key %s, but the key or the signature has "
                              "expired."), signer));
      break;
    case MP_CLEARSIGN_ERROR:
    default:
      add (check, MP_SECURITY_TXT_ERROR,
           g_strdup (_("The file is signed, but the signature could not be checked.")));
      break;
    }
}

MpSecurityTxtCheck *
mp_publish_check_security_txt (const char *text,
                               const char *desk_public_key,
                               gint64      now)
{
  MpSecurityTxtCheck *check = g_new0 (MpSecurityTxtCheck, 1);
  g_autofree char *normal = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_contact = 0, n_expires = 0, n_languages = 0, n_canonical = 0;
  gboolean signed_text;

  g_return_val_if_fail (text != NULL, check);

  check->findings = g_ptr_array_new_with_free_func (finding_free);
  if (strlen (text) > MAX_TEXT || !g_utf8_validate (text, -1, NULL))
    {
      add (check, MP_SECURITY_TXT_ERROR,
           g_strdup (_("This is not a security.txt: it is not UTF-8 text of at most 64 KiB.")));
      return check;
    }

  /* CRLF and LF are both allowed (RFC 9116 4). */
  {
    g_auto(GStrv) crlf = g_strsplit (text, "\r\n", -1);

    normal = g_strjoinv ("\n", crlf);
  }
  signed_text = g_str_has_prefix (g_strchug (normal), "-----BEGIN PGP SIGNED MESSAGE-----");
  body = signed_text ? cleartext_of (normal) : g_strdup (normal);
  lines = g_strsplit (body, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      const char *colon;
      g_autofree char *name = NULL;
      const char *value;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (g_str_has_prefix (line, "-----BEGIN PGP"))
        {
          add (check, MP_SECURITY_TXT_ERROR,
               g_strdup (_("An OpenPGP block inside the file: a signed security.txt must begin "
                           "with its signature header.")));
          break;
        }
      colon = strchr (line, ':');
      if (colon == NULL || colon == line)
        {
          add (check, MP_SECURITY_TXT_ERROR,
               g_strdup_printf (_("Line %u is not a field (Name: value): “%s”."), i + 1, line));
          continue;
        }
      name = g_strndup (line, colon - line);
      value = colon + 1;
      while (*value == ' ' || *value == '\t')
        value++;

      if (g_ascii_strcasecmp (name, "Contact") == 0)
        {
          n_contact++;
          check_uri (check, "Contact", value, TRUE);
        }
      else if (g_ascii_strcasecmp (name, "Expires") == 0)
        {
          if (++n_expires == 1)
            check_expires (check, value, now);
        }
      else if (g_ascii_strcasecmp (name, "Preferred-Languages") == 0)
        n_languages++;
      else if (g_ascii_strcasecmp (name, "Canonical") == 0 ||
               g_ascii_strcasecmp (name, "Encryption") == 0 ||
               g_ascii_strcasecmp (name, "Acknowledgments") == 0 ||
               g_ascii_strcasecmp (name, "Policy") == 0 ||
               g_ascii_strcasecmp (name, "Hiring") == 0 ||
               g_ascii_strcasecmp (name, "CSAF") == 0)
        {
          if (g_ascii_strcasecmp (name, "Canonical") == 0)
            n_canonical++;
          check_uri (check, name, value, FALSE);
        }
      else
        add (check, MP_SECURITY_TXT_WARNING,
             g_strdup_printf (_("“%s” is not a field of RFC 9116; readers ignore it."), name));
    }

  if (n_contact == 0)
    add (check, MP_SECURITY_TXT_ERROR,
         g_strdup (_("Contact is missing: RFC 9116 requires at least one.")));
  else
    add (check, MP_SECURITY_TXT_OK,
         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Contact: %u address.",
                                       "Contact: %u addresses.", n_contact), n_contact));
  if (n_expires == 0)
    add (check, MP_SECURITY_TXT_ERROR,
         g_strdup (_("Expires is missing: RFC 9116 requires it exactly once.")));
  else if (n_expires > 1)
    add (check, MP_SECURITY_TXT_ERROR,
         g_strdup (_("Expires is given more than once: RFC 9116 allows it once.")));
  if (n_languages > 1)
    add (check, MP_SECURITY_TXT_ERROR,
         g_strdup (_("Preferred-Languages is given more than once: RFC 9116 allows it once.")));
  if (n_canonical == 0)
    add (check, MP_SECURITY_TXT_WARNING,
         g_strdup (_("Canonical is missing: readers cannot tell where the file belongs.")));

  check_signature (check, normal, desk_public_key);
  return check;
}

MpSecurityTxtCheck *
mp_publish_check_security_txt_for_desk (MpStore    *store,
                                        const char *text,
                                        gint64      now)
{
  g_autofree char *public_key = NULL;
  MpSecurityTxtCheck *check;
  gint64 key_expires;

  g_return_val_if_fail (store == NULL || MP_IS_STORE (store), NULL);

  if (store != NULL)
    mp_store_get_desk_key_info (store, NULL, NULL, &public_key, NULL);
  check = mp_publish_check_security_txt (text, public_key, now);
  if (store != NULL && check->signature == MP_CLEARSIGN_GOOD && check->expires > 0 &&
      (key_expires = mp_publish_key_expires_first (store, check->expires)) != 0)
    {
      g_autoptr(GDateTime) moment = g_date_time_new_from_unix_utc (key_expires / G_USEC_PER_SEC);
      g_autofree char *day = g_date_time_format (moment, "%Y-%m-%d");

      add (check, MP_SECURITY_TXT_WARNING,
           g_strdup_printf (_("The desk's key expires on %s, before the file does: from then on "
                              "its signature is not trusted. Extend the key or publish a new "
                              "file before then."), day));
    }
  return check;
}

gboolean
mp_security_txt_check_passed (MpSecurityTxtCheck *check)
{
  g_return_val_if_fail (check != NULL, FALSE);

  for (guint i = 0; i < check->findings->len; i++)
    {
      MpSecurityTxtFinding *finding = g_ptr_array_index (check->findings, i);

      if (finding->level == MP_SECURITY_TXT_ERROR)
        return FALSE;
    }
  return TRUE;
}

void
mp_security_txt_check_free (MpSecurityTxtCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->findings, g_ptr_array_unref);
  g_free (check->signer);
  g_free (check);
}
