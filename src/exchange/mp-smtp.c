/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Sending a letter through the desk's SMTP server (issue 22): a MIME
 * message made with GMime, PGP/MIME (RFC 3156) when the reporter has a key,
 * submitted with libcurl; then recorded on the case's timeline with the
 * Message-ID that the reporter's reply will name.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-eml-private.h"
#include "mp-letters.h"
#include "mp-mailbox-private.h"
#include "mp-openpgp.h"
#include "mp-policy.h"
#include "mp-store-mailbox.h"

typedef struct
{
  const char *data;
  gsize       length;
  gsize       offset;
} Source;

static size_t
source_read_cb (char   *buffer,
                size_t  size,
                size_t  nitems,
                void   *user_data)
{
  Source *source = user_data;
  gsize n = MIN (size * nitems, source->length - source->offset);

  memcpy (buffer, source->data + source->offset, n);
  source->offset += n;
  return n;
}

static GMimeObject *
text_part (const char *body)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");

  g_mime_text_part_set_text (part, body);
  g_mime_part_set_content_encoding (GMIME_PART (part), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return GMIME_OBJECT (part);
}

static char *
object_to_crlf_string (GMimeObject *object)
{
  GMimeFormatOptions *options = g_mime_format_options_new ();
  char *text;

  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  text = g_mime_object_to_string (object, options);
  g_mime_format_options_free (options);
  return text;
}

/* multipart/encrypted (RFC 3156): the version part, then the armored
 * entity, which holds the letter as a text/plain part of its own. */
static GMimeObject *
encrypted_body (MpStore     *store,
                MpCase      *kase,
                const char  *body,
                GError     **error)
{
  g_autoptr(GMimeObject) inner = text_part (body);
  g_autofree char *entity = object_to_crlf_string (inner);
  g_autofree char *armored = mp_openpgp_encrypt_letter (store, kase, entity, error);
  GMimeMultipart *multipart;
  GMimePart *control;
  GMimePart *payload;
  GMimeStream *stream;
  GMimeDataWrapper *content;

  if (armored == NULL)
    return NULL;
  multipart = g_mime_multipart_new_with_subtype ("encrypted");
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (multipart), "protocol",
                                            "application/pgp-encrypted");

  control = g_mime_part_new_with_type ("application", "pgp-encrypted");
  stream = g_mime_stream_mem_new_with_buffer ("Version: 1\r\n", 12);
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_7BIT);
  g_mime_part_set_content (control, content);
  g_object_unref (content);
  g_object_unref (stream);
  g_mime_multipart_add (multipart, GMIME_OBJECT (control));
  g_object_unref (control);

  payload = g_mime_part_new_with_type ("application", "octet-stream");
  g_mime_part_set_filename (payload, "encrypted.asc");
  g_mime_object_set_disposition (GMIME_OBJECT (payload), "inline");
  stream = g_mime_stream_mem_new_with_buffer (armored, strlen (armored));
  content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_7BIT);
  g_mime_part_set_content (payload, content);
  g_object_unref (content);
  g_object_unref (stream);
  g_mime_multipart_add (multipart, GMIME_OBJECT (payload));
  g_object_unref (payload);
  return GMIME_OBJECT (multipart);
}

static gboolean
submit (MpMailboxSettings  *settings,
        const char         *password,
        const char         *from,
        const char         *to,
        const char         *message,
        GError            **error)
{
  g_autoptr(MpMailConnection) connection = NULL;
  g_autofree char *mail_from = g_strdup_printf ("<%s>", from);
  g_autofree char *rcpt = g_strdup_printf ("<%s>", to);
  struct curl_slist *recipients = NULL;
  Source source = { message, strlen (message), 0 };
  CURLcode code;

  connection = _mp_mail_connection_new (settings->smtp_url, TRUE, settings->user, password,
                                        settings->ca_pem, error);
  if (connection == NULL)
    return FALSE;
  recipients = curl_slist_append (recipients, rcpt);
  curl_easy_setopt (connection->curl, CURLOPT_URL, connection->base_url);
  curl_easy_setopt (connection->curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (connection->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (connection->curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (connection->curl, CURLOPT_READFUNCTION, source_read_cb);
  curl_easy_setopt (connection->curl, CURLOPT_READDATA, &source);
  code = curl_easy_perform (connection->curl);
  curl_slist_free_all (recipients);
  if (code != CURLE_OK)
    {
      _mp_mail_set_error (connection, code, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_sent (MpStore     *store,
             MpCase      *kase,
             const char  *kind,
             const char  *text,
             const char  *message_id,
             GError     **error)
{
  const char *item = mp_letters_get_sent_item (kind);

  if (!mp_store_begin_batch (store, error))
    return FALSE;
  if (!mp_letters_record_sent_text (store, kase, kind, text, error) ||
      !mp_store_remember_message (store, kase, message_id, error))
    goto fail;
  /* The letter's date answers the step's "sent on" item, unless the desk
   * recorded one already; a progress update is dated each time. */
  if (item != NULL && (mp_case_get_answer_value (kase, item) == NULL ||
                       g_str_equal (item, "remed.last_update_on")))
    {
      g_autoptr(MpPolicy) policy = mp_store_get_policy (store);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (mp_time_now () / G_USEC_PER_SEC);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, policy->tz);
      g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");

      if (!mp_store_set_answer (store, kase, item, today, NULL, error))
        goto fail;
    }
  return mp_store_end_batch (store, error);

fail:
  mp_store_abort_batch (store);
  return FALSE;
}

/* A letter ready to go: made in the store's thread, submitted anywhere. */
typedef struct
{
  MpStore           *store;
  MpCase            *kase;
  char              *kind;
  char              *text;
  MpMailboxSettings *settings;
  char              *password;
  char              *from;
  char              *to;
  char              *message_id;
  char              *serialised;
  gboolean           encrypted;
} Outgoing;

static void
outgoing_free (Outgoing *outgoing)
{
  g_clear_object (&outgoing->store);
  g_clear_object (&outgoing->kase);
  g_free (outgoing->kind);
  g_free (outgoing->text);
  g_clear_pointer (&outgoing->settings, mp_mailbox_settings_free);
  if (outgoing->password != NULL)
    memset (outgoing->password, 0, strlen (outgoing->password));
  g_free (outgoing->password);
  g_free (outgoing->from);
  g_free (outgoing->to);
  g_free (outgoing->message_id);
  g_free (outgoing->serialised);
  g_free (outgoing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outgoing, outgoing_free)

static Outgoing *
prepare (MpStore     *store,
         MpCase      *kase,
         const char  *kind,
         const char  *text,
         GError     **error)
{
  g_autoptr(Outgoing) outgoing = g_new0 (Outgoing, 1);
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeObject) body_part = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *full_subject = NULL;
  g_autofree char *reporter_key = NULL;
  g_autofree char *desk_fpr = NULL;
  g_autofree char *bare = NULL;
  GError *local_error = NULL;
  const char *desk_name;

  outgoing->store = g_object_ref (store);
  outgoing->kase = g_object_ref (kase);
  outgoing->kind = g_strdup (kind);
  outgoing->text = g_strdup (text);
  if ((outgoing->settings = mp_mailbox_settings_load (store, error)) == NULL)
    return NULL;
  if (outgoing->settings->smtp_url == NULL)
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_NOT_SET_UP,
                           _("The desk has no server for sending mail. Add it in Preferences → "
                             "Mailbox, or send the letter with your e-mail program."));
      return NULL;
    }
  policy = mp_store_get_policy (store);
  if (policy->desk_email == NULL || strchr (policy->desk_email, '@') == NULL)
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                           _("The desk has no e-mail address to send from. Set it in the policy "
                             "(desk.email) first."));
      return NULL;
    }
  outgoing->from = g_strdup (policy->desk_email);
  if (mp_case_get_reporter_email (kase) == NULL || strchr (mp_case_get_reporter_email (kase), '@') == NULL)
    {
      g_set_error (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                   _("The reporter of %s has no e-mail address on the case."),
                   mp_case_get_reference (kase));
      return NULL;
    }
  outgoing->to = g_strdup (mp_case_get_reporter_email (kase));
  outgoing->password = mp_store_get_mailbox_password (store, &local_error);
  if (outgoing->password == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_NOT_SET_UP,
                             _("The desk has no password for its mailbox. Enter it in "
                               "Preferences → Mailbox."));
      return NULL;
    }

  /* Encrypted when the reporter gave a key and the desk has one to sign with. */
  reporter_key = mp_store_get_reporter_key (store, kase, NULL);
  outgoing->encrypted = reporter_key != NULL &&
                        mp_store_get_desk_key_info (store, &desk_fpr, NULL, NULL, NULL);

  _mp_eml_ensure_gmime ();
  subject = mp_letters_split_text (text, &body);
  full_subject = mp_mailbox_subject_with_reference (subject, mp_case_get_reference (kase));
  outgoing->message_id = mp_mailbox_new_message_id (outgoing->from);
  desk_name = policy->desk_name != NULL ? policy->desk_name : "";
  message = g_mime_message_new (TRUE);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, desk_name, outgoing->from);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_REPLY_TO, desk_name, outgoing->from);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, mp_case_get_reporter_name (kase),
                              outgoing->to);
  g_mime_message_set_subject (message, full_subject, "utf-8");
  bare = g_strndup (outgoing->message_id + 1, strlen (outgoing->message_id) - 2);
  g_mime_message_set_message_id (message, bare);
  now = g_date_time_new_from_unix_utc (mp_time_now () / G_USEC_PER_SEC);
  g_mime_message_set_date (message, now);
  body_part = outgoing->encrypted ? encrypted_body (store, kase, body, error) : text_part (body);
  if (body_part == NULL)
    return NULL;
  g_mime_message_set_mime_part (message, body_part);
  outgoing->serialised = object_to_crlf_string (GMIME_OBJECT (message));
  return g_steal_pointer (&outgoing);
}

static gboolean
finish_sent (Outgoing  *outgoing,
             GError   **error)
{
  GError *local_error = NULL;

  if (!record_sent (outgoing->store, outgoing->kase, outgoing->kind, outgoing->text,
                    outgoing->message_id, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The letter was sent, but could not be recorded on the case: %s "
                     "Record it as sent by hand."), local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_mailbox_send_letter (MpStore     *store,
                        MpCase      *kase,
                        const char  *kind,
                        const char  *text,
                        gboolean    *encrypted,
                        GError     **error)
{
  g_autoptr(Outgoing) outgoing = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if ((outgoing = prepare (store, kase, kind, text, error)) == NULL ||
      !submit (outgoing->settings, outgoing->password, outgoing->from, outgoing->to,
               outgoing->serialised, error))
    return FALSE;
  if (encrypted != NULL)
    *encrypted = outgoing->encrypted;
  return finish_sent (outgoing, error);
}

static void
submit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Outgoing *outgoing = task_data;
  GError *error = NULL;

  if (submit (outgoing->settings, outgoing->password, outgoing->from, outgoing->to,
              outgoing->serialised, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
submitted_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Outgoing *outgoing = g_task_get_task_data (task);
  GError *error = NULL;

  /* back in the store's thread: record what left */
  if (!g_task_propagate_boolean (G_TASK (result), &error) || !finish_sent (outgoing, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mp_mailbox_send_letter_async (MpStore             *store,
                              MpCase              *kase,
                              const char          *kind,
                              const char          *text,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) submit_task = NULL;
  GTask *task;
  Outgoing *outgoing;
  GError *error = NULL;

  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_CASE (kase));
  g_return_if_fail (text != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_mailbox_send_letter_async);
  outgoing = prepare (store, kase, kind, text, &error);
  if (outgoing == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, outgoing, (GDestroyNotify) outgoing_free);
  submit_task = g_task_new (NULL, cancellable, submitted_cb, task);
  g_task_set_task_data (submit_task, outgoing, NULL);
  g_task_run_in_thread (submit_task, submit_thread);
}

gboolean
mp_mailbox_send_letter_finish (MpStore       *store,
                               GAsyncResult  *result,
                               gboolean      *encrypted,
                               GError       **error)
{
  Outgoing *outgoing;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  outgoing = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (encrypted != NULL)
    *encrypted = outgoing != NULL && outgoing->encrypted;
  return TRUE;
}
