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

/* One round's state. The network runs in the calling thread (sync) or a
 * worker (async); the store is only touched from the thread that owns it,
 * which the worker asks and waits for. */
typedef struct
{
  MpStore           *store;
  GMainContext      *context;    /* the store's thread, for async rounds; NULL: sync */
  MpMailboxSettings *settings;
  char              *password;
  gsize              max_bytes;
  MpMailboxFunc      func;
  gpointer           func_data;

  /* one hand-over to the store's thread at a time */
  GMutex             mutex;
  GCond              cond;
  gboolean           done;
  GBytes            *message;
  gint64             arrival;
  MpMailboxOutcome   outcome;
  MpCase            *kase;
  char              *reason;
  GError            *error;
} Round;

static void
round_free (Round *round)
{
  g_clear_object (&round->store);
  g_clear_pointer (&round->context, g_main_context_unref);
  g_clear_pointer (&round->settings, mp_mailbox_settings_free);
  if (round->password != NULL)
    {
      memset (round->password, 0, strlen (round->password));
      g_free (round->password);
    }
  g_mutex_clear (&round->mutex);
  g_cond_clear (&round->cond);
  g_free (round);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Round, round_free)

static Round *
round_new (MpStore        *store,
           MpMailboxFunc   func,
           gpointer        func_data,
           GError        **error)
{
  g_autoptr(Round) round = g_new0 (Round, 1);
  GError *local_error = NULL;

  g_mutex_init (&round->mutex);
  g_cond_init (&round->cond);
  round->store = g_object_ref (store);
  round->func = func;
  round->func_data = func_data;
  if ((round->settings = mp_mailbox_settings_load (store, error)) == NULL)
    return NULL;
  round->password = mp_store_get_mailbox_password (store, &local_error);
  if (round->password == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_NOT_SET_UP,
                             _("The desk has no password for its mailbox. Enter it in "
                               "Preferences → Mailbox."));
      return NULL;
    }
  round->max_bytes = mp_eml_get_max_bytes (store);
  return g_steal_pointer (&round);
}

/* In the store's thread: take the handed-over message in, or report. */
static gboolean
take_in_cb (gpointer data)
{
  Round *round = data;

  round->kase = mp_mailbox_take_in (round->store, round->message, round->arrival,
                                    &round->outcome, &round->error);
  g_mutex_lock (&round->mutex);
  round->done = TRUE;
  g_cond_signal (&round->cond);
  g_mutex_unlock (&round->mutex);
  return G_SOURCE_REMOVE;
}

static gboolean
report_cb (gpointer data)
{
  Round *round = data;

  if (round->func != NULL)
    round->func (round->outcome, round->kase, round->reason, round->func_data);
  g_mutex_lock (&round->mutex);
  round->done = TRUE;
  g_cond_signal (&round->cond);
  g_mutex_unlock (&round->mutex);
  return G_SOURCE_REMOVE;
}

static void
run_in_store_thread (Round       *round,
                     GSourceFunc  func)
{
  if (round->context == NULL)
    {
      func (round);
      return;
    }
  g_mutex_lock (&round->mutex);
  round->done = FALSE;
  g_mutex_unlock (&round->mutex);
  g_main_context_invoke (round->context, func, round);
  g_mutex_lock (&round->mutex);
  while (!round->done)
    g_cond_wait (&round->cond, &round->mutex);
  g_mutex_unlock (&round->mutex);
}

static void
report (Round            *round,
        MpMailboxOutcome  outcome,
        MpCase           *kase,
        const char       *reason)
{
  round->outcome = outcome;
  round->kase = kase;
  round->reason = (char *) reason;
  run_in_store_thread (round, report_cb);
  round->kase = NULL;
  round->reason = NULL;
}

static gboolean
run_round (Round         *round,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(MpMailConnection) connection = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *create = NULL;
  MpMailboxSettings *settings = round->settings;
  gsize max_bytes = round->max_bytes;
  CURLcode code = CURLE_OK;
  GError *local_error = NULL;

  connection = _mp_mail_connection_new (settings->imap_url, FALSE, settings->user, round->password,
                                        settings->ca_pem, error);
  if (connection == NULL)
    return FALSE;

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
      g_autofree char *uid = g_strdup_printf ("%" G_GUINT64_FORMAT, entry->uid);
      g_autoptr(GBytes) message = NULL;
      g_autoptr(MpCase) kase = NULL;
      MpMailboxOutcome outcome;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (max_bytes > 0 && entry->size > max_bytes)
        {
          g_autofree char *have = g_format_size (entry->size);
          g_autofree char *limit = g_format_size (max_bytes);
          /* Translators: the reason a message stays in the inbox; the first
           * %s is its number (IMAP UID) */
          g_autofree char *reason = g_strdup_printf (_("message %s is %s, more than the import "
                                                       "limit of %s"), uid, have, limit);

          report (round, MP_MAILBOX_SKIPPED, NULL, reason);
          continue;
        }
      message = fetch_message (connection, entry->uid, max_bytes > 0 ? max_bytes + 1 : 0, error);
      if (message == NULL)
        return FALSE;

      round->message = message;
      round->arrival = entry->arrival;
      round->error = NULL;
      run_in_store_thread (round, take_in_cb);
      round->message = NULL;
      kase = g_steal_pointer (&round->kase);
      outcome = round->outcome;
      if (kase == NULL)
        {
          g_autofree char *reason = NULL;

          if (round->error->domain != MP_EML_ERROR)
            {
              g_propagate_error (error, g_steal_pointer (&round->error));
              return FALSE;
            }
          /* Translators: %s is the message's number (IMAP UID), then why */
          reason = g_strdup_printf (_("message %s: %s"), uid, round->error->message);
          g_clear_error (&round->error);
          report (round, MP_MAILBOX_SKIPPED, NULL, reason);
          continue;
        }
      if (!move_message (connection, entry->uid, settings->folder, error))
        return FALSE;
      report (round, outcome, kase, NULL);
    }
  return TRUE;
}

gboolean
mp_mailbox_fetch (MpStore        *store,
                  GCancellable   *cancellable,
                  MpMailboxFunc   func,
                  gpointer        user_data,
                  GError        **error)
{
  g_autoptr(Round) round = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);

  round = round_new (store, func, user_data, error);
  return round != NULL && run_round (round, cancellable, error);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_round (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mp_mailbox_fetch_async (MpStore             *store,
                        GCancellable        *cancellable,
                        MpMailboxFunc        func,
                        gpointer             func_data,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Round *round;

  g_return_if_fail (MP_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_mailbox_fetch_async);
  round = round_new (store, func, func_data, &error);
  if (round == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  round->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, round, (GDestroyNotify) round_free);
  g_task_run_in_thread (task, fetch_thread);
}

gboolean
mp_mailbox_fetch_finish (MpStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
