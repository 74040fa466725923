/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's mailbox settings and the libcurl connection that IMAP
 * (mp-mailbox-imap.c) and SMTP (mp-smtp.c) share.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mp-mailbox-private.h"
#include "mp-store-mailbox.h"

G_DEFINE_QUARK (mp-mailbox-error-quark, mp_mailbox_error)

#define DEFAULT_FOLDER "Meldpunt"

void
mp_mailbox_settings_free (MpMailboxSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->imap_url);
  g_free (settings->smtp_url);
  g_free (settings->user);
  g_free (settings->folder);
  g_free (settings->ca_pem);
  g_free (settings);
}

MpMailboxSettings *
mp_mailbox_settings_load (MpStore  *store,
                          GError  **error)
{
  g_autoptr(MpMailboxSettings) settings = g_new0 (MpMailboxSettings, 1);

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  settings->imap_url = mp_store_get_setting (store, "mailbox.imap_url");
  settings->smtp_url = mp_store_get_setting (store, "mailbox.smtp_url");
  settings->user = mp_store_get_setting (store, "mailbox.user");
  settings->folder = mp_store_get_setting (store, "mailbox.folder");
  settings->ca_pem = mp_store_get_setting (store, "mailbox.ca_pem");
  if (settings->folder == NULL || *settings->folder == '\0')
    {
      g_free (settings->folder);
      settings->folder = g_strdup (DEFAULT_FOLDER);
    }
  if (settings->imap_url == NULL || settings->user == NULL)
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_NOT_SET_UP,
                           _("The desk's mailbox is not set up. Set it up in Preferences → "
                             "Mailbox, or with “meldpunt-cli mailbox setup”."));
      return NULL;
    }
  return g_steal_pointer (&settings);
}

gboolean
mp_mailbox_check_url (const char  *url,
                      gboolean     smtp,
                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *path;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  path = uri != NULL ? g_uri_get_path (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (smtp ? (g_strcmp0 (scheme, "smtp") != 0 && g_strcmp0 (scheme, "smtps") != 0)
            : (g_strcmp0 (scheme, "imap") != 0 && g_strcmp0 (scheme, "imaps") != 0)) ||
      g_uri_get_userinfo (uri) != NULL || (path != NULL && *path != '\0' && strcmp (path, "/") != 0) ||
      g_uri_get_query (uri) != NULL)
    {
      if (smtp)
        g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                     _("“%s” is not a mail server address Meldpunt can use. Write smtps://HOST:PORT "
                       "(TLS) or smtp://HOST:PORT (STARTTLS), without a user name or path."), url);
      else
        g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                     _("“%s” is not a mailbox address Meldpunt can use. Write imaps://HOST:PORT "
                       "(TLS) or imap://HOST:PORT (STARTTLS), without a user name or path."), url);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_folder (const char  *folder,
              GError     **error)
{
  for (const char *p = folder; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e || *p == '"' || *p == '\\' || *p == '%' || *p == '*')
      {
        g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                     _("The folder name “%s” cannot be used: use letters, digits, spaces, "
                       "dots and dashes only."), folder);
        return FALSE;
      }
  if (*folder == '\0' || g_ascii_strcasecmp (folder, "INBOX") == 0)
    {
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                   _("The folder for imported messages must be a folder other than the inbox."));
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_mailbox_settings_save (MpStore                 *store,
                          const MpMailboxSettings *settings,
                          const char              *password,
                          GError                 **error)
{
  const char *folder;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  folder = settings->folder != NULL && *settings->folder != '\0' ? settings->folder : DEFAULT_FOLDER;
  if (settings->imap_url == NULL || !mp_mailbox_check_url (settings->imap_url, FALSE, error) ||
      (settings->smtp_url != NULL && *settings->smtp_url != '\0' &&
       !mp_mailbox_check_url (settings->smtp_url, TRUE, error)) ||
      !check_folder (folder, error))
    return FALSE;
  if (settings->user == NULL || *settings->user == '\0')
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                           _("The mailbox needs a user name."));
      return FALSE;
    }
  if (settings->ca_pem != NULL && strstr (settings->ca_pem, "-----BEGIN CERTIFICATE-----") == NULL)
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                           _("The certificate authority file holds no PEM certificate."));
      return FALSE;
    }

  if (!mp_store_begin_batch (store, error))
    return FALSE;
  if (!mp_store_set_setting (store, "mailbox.imap_url", settings->imap_url, error) ||
      !mp_store_set_setting (store, "mailbox.smtp_url",
                             settings->smtp_url != NULL && *settings->smtp_url != '\0'
                               ? settings->smtp_url : NULL, error) ||
      !mp_store_set_setting (store, "mailbox.user", settings->user, error) ||
      !mp_store_set_setting (store, "mailbox.folder", folder, error) ||
      !mp_store_set_setting (store, "mailbox.ca_pem", settings->ca_pem, error) ||
      (password != NULL && !mp_store_set_mailbox_password (store, password, error)))
    {
      mp_store_abort_batch (store);
      return FALSE;
    }
  return mp_store_end_batch (store, error);
}

/* Connection ---------------------------------------------------------------- */

void
_mp_mail_connection_free (MpMailConnection *connection)
{
  if (connection == NULL)
    return;
  g_clear_pointer (&connection->curl, curl_easy_cleanup);
  if (connection->ca_path != NULL)
    g_unlink (connection->ca_path);
  g_free (connection->ca_path);
  g_free (connection->base_url);
  g_free (connection->host);
  g_free (connection);
}

/* libcurl copies the CA file name, not its content: a private file for
 * the connection's life (GnuTLS builds of libcurl take no CA blob). */
static char *
write_ca_file (const char  *pem,
               GError     **error)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("meldpunt-ca-XXXXXX.pem", &path, error);

  if (fd < 0)
    return NULL;
  close (fd);
  if (!g_file_set_contents_full (path, pem, -1, G_FILE_SET_CONTENTS_NONE, 0600, error))
    {
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

MpMailConnection *
_mp_mail_connection_new (const char  *url,
                         gboolean     smtp,
                         const char  *user,
                         const char  *password,
                         const char  *ca_pem,
                         GError     **error)
{
  g_autoptr(MpMailConnection) connection = g_new0 (MpMailConnection, 1);
  g_autoptr(GUri) uri = NULL;
  static gsize initialised = 0;

  if (!mp_mailbox_check_url (url, smtp, error))
    return NULL;
  if (g_once_init_enter (&initialised))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialised, 1);
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  connection->host = g_strdup (g_uri_get_host (uri));
  connection->base_url = g_strdup_printf ("%s://%s%s%s", g_uri_get_scheme (uri),
                                          strchr (connection->host, ':') ? "[" : "",
                                          connection->host,
                                          strchr (connection->host, ':') ? "]" : "");
  if (g_uri_get_port (uri) > 0)
    {
      char *with_port = g_strdup_printf ("%s:%d", connection->base_url, g_uri_get_port (uri));

      g_free (connection->base_url);
      connection->base_url = with_port;
    }
  if (ca_pem != NULL && (connection->ca_path = write_ca_file (ca_pem, error)) == NULL)
    return NULL;

  connection->curl = curl_easy_init ();
  if (connection->curl == NULL)
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_UNREACHABLE,
                           _("The mail library could not start."));
      return NULL;
    }
  curl_easy_setopt (connection->curl, CURLOPT_ERRORBUFFER, connection->errbuf);
  curl_easy_setopt (connection->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (connection->curl, CURLOPT_PROTOCOLS_STR, smtp ? "smtp,smtps" : "imap,imaps");
  /* STARTTLS or nothing: the password never goes in the clear. */
  curl_easy_setopt (connection->curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  curl_easy_setopt (connection->curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (connection->curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (connection->ca_path != NULL)
    curl_easy_setopt (connection->curl, CURLOPT_CAINFO, connection->ca_path);
  curl_easy_setopt (connection->curl, CURLOPT_CONNECTTIMEOUT, 20L);
  /* A server that stops answering is a lost connection, not a hang. */
  curl_easy_setopt (connection->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (connection->curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt (connection->curl, CURLOPT_USERNAME, user);
  curl_easy_setopt (connection->curl, CURLOPT_PASSWORD, password);
  return g_steal_pointer (&connection);
}

void
_mp_mail_set_error (MpMailConnection  *connection,
                    CURLcode           code,
                    GError           **error)
{
  const char *detail = connection->errbuf[0] != '\0' ? connection->errbuf : curl_easy_strerror (code);

  switch (code)
    {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_UNREACHABLE,
                   _("The mail server %s could not be reached (%s). Check the server name and "
                     "port, and the network; nothing was changed."), connection->host, detail);
      break;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_LOGIN,
                   _("The mail server %s refused the user name or password. Check them in "
                     "Preferences → Mailbox; nothing was changed."), connection->host);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_CERTIFICATE,
                   _("The certificate of the mail server %s could not be verified (%s). Meldpunt "
                     "did not log in. If the desk uses a certificate authority of its own, add "
                     "its certificate in the mailbox settings."), connection->host, detail);
      break;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_NO_TLS,
                   _("The mail server %s does not offer an encrypted connection (STARTTLS), so "
                     "Meldpunt did not send the password. Use the server's TLS port "
                     "(imaps:// or smtps://)."), connection->host);
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_CONNECTION_LOST,
                   _("The connection to the mail server %s was lost (%s). Nothing was half "
                     "imported or deleted; try again later."), connection->host, detail);
      break;
    default:
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_SERVER,
                   _("The mail server %s refused a command (%s). Nothing was half imported or "
                     "deleted."), connection->host, detail);
      break;
    }
}
