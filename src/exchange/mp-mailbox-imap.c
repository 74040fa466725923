/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * One round over the desk's IMAP inbox with libcurl: list, fetch, take in,
 * move to the folder. A message is moved only after it was stored, and
 * never deleted otherwise; one taken in whose move was lost is found again
 * as a duplicate in the next round and moved then.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-eml-import.h"
#include "mp-mailbox-private.h"
#include "mp-store-mailbox.h"

typedef struct
{
  guint64 uid;
  guint64 size;
  gint64  arrival;   /* INTERNALDATE, microseconds; 0: unknown */
} Listed;

typedef struct
{
  GByteArray *data;
  gsize       limit;   /* 0: none */
} Sink;

static size_t
sink_write_cb (char   *ptr,
               size_t  size,
               size_t  nmemb,
               void   *user_data)
{
  Sink *sink = user_data;
  gsize length = size * nmemb;

  if (sink->limit > 0 && sink->data->len + length > sink->limit)
    return 0;   /* a write error: the message grew beyond what the server said */
  g_byte_array_append (sink->data, (const guint8 *) ptr, length);
  return length;
}

/* Runs @command (an IMAP command without its tag) on @mailbox (nullable);
 * its untagged answer lines go to *@answer when not NULL. */
static gboolean
run_command (MpMailConnection  *connection,
             const char        *mailbox,
             const char        *command,
             char             **answer,
             CURLcode          *code_out,
             GError           **error)
{
  g_autofree char *url = mailbox != NULL ? g_strdup_printf ("%s/%s", connection->base_url, mailbox)
                                         : g_strdup_printf ("%s/", connection->base_url);
  Sink sink = { g_byte_array_new (), 0 };
  CURLcode code;

  connection->errbuf[0] = '\0';
  curl_easy_setopt (connection->curl, CURLOPT_URL, url);
  curl_easy_setopt (connection->curl, CURLOPT_CUSTOMREQUEST, command);
  curl_easy_setopt (connection->curl, CURLOPT_NOBODY, 0L);
  curl_easy_setopt (connection->curl, CURLOPT_WRITEFUNCTION, sink_write_cb);
  curl_easy_setopt (connection->curl, CURLOPT_WRITEDATA, &sink);
  code = curl_easy_perform (connection->curl);
  curl_easy_setopt (connection->curl, CURLOPT_CUSTOMREQUEST, NULL);
  if (code_out != NULL)
    *code_out = code;
  if (code != CURLE_OK)
    {
      g_byte_array_unref (sink.data);
      _mp_mail_set_error (connection, code, error);
      return FALSE;
    }
  g_byte_array_append (sink.data, (const guint8 *) "", 1);
  if (answer != NULL)
    *answer = (char *) g_byte_array_free (sink.data, FALSE);
  else
    g_byte_array_unref (sink.data);
  return TRUE;
}

static gint64
parse_internal_date (const char *text)
{
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  char month[4] = { 0 };
  int day, year, hour, minute, second, zone;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *offset = NULL;

  if (sscanf (text, "%d-%3s-%d %d:%d:%d %d", &day, month, &year, &hour, &minute, &second, &zone) != 7)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strcasecmp (month, months[i]) == 0)
      {
        offset = g_strdup_printf ("%c%02d:%02d", zone < 0 ? '-' : '+', ABS (zone) / 100,
                                  ABS (zone) % 100);
        tz = g_time_zone_new_identifier (offset);
        if (tz == NULL)
          return 0;
        dt = g_date_time_new (tz, year, (int) i + 1, day, hour, minute, second);
        return dt != NULL ? g_date_time_to_unix (dt) * G_USEC_PER_SEC : 0;
      }
  return 0;
}

/* "* 3 FETCH (UID 7 RFC822.SIZE 1234 INTERNALDATE "01-Apr-2026 09:00:00 +0200")" */
static GArray *
parse_listing (const char *answer)
{
  g_autoptr(GRegex) line = g_regex_new ("^\\* [0-9]+ FETCH \\((.*)\\)\\s*$",
                                        G_REGEX_MULTILINE | G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) uid = g_regex_new ("UID ([0-9]+)", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) size = g_regex_new ("RFC822\\.SIZE ([0-9]+)", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) date = g_regex_new ("INTERNALDATE \"([^\"]*)\"", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GArray *listed = g_array_new (FALSE, TRUE, sizeof (Listed));

  g_regex_match (line, answer, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *items = g_match_info_fetch (match, 1);
      g_autoptr(GMatchInfo) m = NULL;
      Listed entry = { 0 };

      if (g_regex_match (uid, items, 0, &m))
        {
          g_autofree char *value = g_match_info_fetch (m, 1);

          entry.uid = g_ascii_strtoull (value, NULL, 10);
        }
      g_clear_pointer (&m, g_match_info_unref);
      if (g_regex_match (size, items, 0, &m))
        {
          g_autofree char *value = g_match_info_fetch (m, 1);

          entry.size = g_ascii_strtoull (value, NULL, 10);
        }
      g_clear_pointer (&m, g_match_info_unref);
      if (g_regex_match (date, items, 0, &m))
        {
          g_autofree char *value = g_match_info_fetch (m, 1);

          entry.arrival = parse_internal_date (value);
        }
      if (entry.uid > 0)
        g_array_append_val (listed, entry);
      g_match_info_next (match, NULL);
    }
  return listed;
}

static GBytes *
fetch_message (MpMailConnection  *connection,
               guint64            uid,
               gsize              limit,
               GError           **error)
{
  g_autofree char *url = g_strdup_printf ("%s/INBOX/;UID=%" G_GUINT64_FORMAT,
                                          connection->base_url, uid);
  Sink sink = { g_byte_array_new (), limit };
  CURLcode code;

  connection->errbuf[0] = '\0';
  curl_easy_setopt (connection->curl, CURLOPT_URL, url);
  curl_easy_setopt (connection->curl, CURLOPT_WRITEFUNCTION, sink_write_cb);
  curl_easy_setopt (connection->curl, CURLOPT_WRITEDATA, &sink);
  code = curl_easy_perform (connection->curl);
  if (code != CURLE_OK)
    {
      g_byte_array_unref (sink.data);
      _mp_mail_set_error (connection, code, error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (sink.data);
}

/* Moves @uid out of the inbox into @folder: MOVE (RFC 6851), else copy
 * then mark deleted and expunge that one message (UIDPLUS). */
static gboolean
move_message (MpMailConnection  *connection,
              guint64            uid,
              const char        *folder,
              GError           **error)
{
  g_autofree char *move = g_strdup_printf ("UID MOVE %" G_GUINT64_FORMAT " \"%s\"", uid, folder);
  g_autofree char *copy = g_strdup_printf ("UID COPY %" G_GUINT64_FORMAT " \"%s\"", uid, folder);
  g_autofree char *flag = g_strdup_printf ("UID STORE %" G_GUINT64_FORMAT " +FLAGS.SILENT (\\Deleted)",
                                           uid);
  g_autofree char *expunge = g_strdup_printf ("UID EXPUNGE %" G_GUINT64_FORMAT, uid);
  g_autoptr(GError) local_error = NULL;
  CURLcode code = CURLE_OK;

  if (run_command (connection, "INBOX", move, NULL, &code, &local_error))
    return TRUE;
  if (code != CURLE_QUOTE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return run_command (connection, "INBOX", copy, NULL, NULL, error) &&
         run_command (connection, "INBOX", flag, NULL, NULL, error) &&
         run_command (connection, "INBOX", expunge, NULL, NULL, error);
}

gboolean
mp_mailbox_fetch (MpStore        *store,
                  GCancellable   *cancellable,
                  MpMailboxFunc   func,
                  gpointer        user_data,
                  GError        **error)
{
  g_autoptr(MpMailboxSettings) settings = NULL;
  g_autoptr(MpMailConnection) connection = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autofree char *password = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *create = NULL;
  gsize max_bytes;
  CURLcode code = CURLE_OK;
  GError *local_error = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);

  if ((settings = mp_mailbox_settings_load (store, error)) == NULL)
    return FALSE;
  password = mp_store_get_mailbox_password (store, &local_error);
  if (password == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_NOT_SET_UP,
                             _("The desk has no password for its mailbox. Enter it in "
                               "Preferences → Mailbox."));
      return FALSE;
    }
  connection = _mp_mail_connection_new (settings->imap_url, FALSE, settings->user, password,
                                        settings->ca_pem, error);
  if (connection == NULL)
    return FALSE;
  max_bytes = mp_eml_get_max_bytes (store);

  /* The folder first: a message is only taken in when it can be moved. */
  create = g_strdup_printf ("CREATE \"%s\"", settings->folder);
  if (!run_command (connection, NULL, create, NULL, &code, &local_error))
    {
      if (code != CURLE_QUOTE_ERROR)   /* QUOTE_ERROR: it exists already */
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
    }
  if (!run_command (connection, "INBOX", "UID FETCH 1:* (UID RFC822.SIZE INTERNALDATE)", &answer,
                    NULL, error))
    return FALSE;
  listed = parse_listing (answer);

  for (guint i = 0; i < listed->len; i++)
    {
      Listed *entry = &g_array_index (listed, Listed, i);
      g_autoptr(GBytes) message = NULL;
      g_autoptr(MpCase) kase = NULL;
      MpMailboxOutcome outcome = MP_MAILBOX_SKIPPED;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (max_bytes > 0 && entry->size > max_bytes)
        {
          g_autofree char *have = g_format_size (entry->size);
          g_autofree char *limit = g_format_size (max_bytes);
          g_autofree char *uid = g_strdup_printf ("%" G_GUINT64_FORMAT, entry->uid);
          /* Translators: the reason a message stays in the inbox; the first
           * %s is its number (IMAP UID) */
          g_autofree char *reason = g_strdup_printf (_("message %s is %s, more than the import "
                                                       "limit of %s"), uid, have, limit);

          if (func != NULL)
            func (MP_MAILBOX_SKIPPED, NULL, reason, user_data);
          continue;
        }
      message = fetch_message (connection, entry->uid, max_bytes > 0 ? max_bytes + 1 : 0, error);
      if (message == NULL)
        return FALSE;
      kase = mp_mailbox_take_in (store, message, entry->arrival, &outcome, &local_error);
      if (kase == NULL)
        {
          g_autofree char *uid = g_strdup_printf ("%" G_GUINT64_FORMAT, entry->uid);
          g_autofree char *reason = NULL;

          if (local_error->domain != MP_EML_ERROR)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          /* Translators: %s is the message's number (IMAP UID), then why */
          reason = g_strdup_printf (_("message %s: %s"), uid, local_error->message);
          g_clear_error (&local_error);
          if (func != NULL)
            func (MP_MAILBOX_SKIPPED, NULL, reason, user_data);
          continue;
        }
      if (!move_message (connection, entry->uid, settings->folder, error))
        return FALSE;
      if (func != NULL)
        func (outcome, kase, NULL, user_data);
    }
  return TRUE;
}
