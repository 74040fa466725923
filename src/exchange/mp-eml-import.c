/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-eml-private.h"
#include "mp-eml-text.h"
#include "mp-mailbox.h"
#include "mp-openpgp.h"

G_DEFINE_QUARK (mp-eml-error-quark, mp_eml_error)

static char *
event_body (MpEmlReport *report)
{
  GString *body = g_string_new (report->headers);

  /* The sender's clock is a fact of the case, not its moment of receipt. */
  if (report->sender_date != 0)
    {
      g_autofree char *sent = mp_time_format_iso8601 (report->sender_date);

      g_string_append_printf (body, "\n\n%s %s", _("Date given by the sender:"), sent);
    }

  if (report->notes->len > 0)
    {
      g_string_append_printf (body, "\n\n%s\n", _("Notes from the import:"));
      for (guint i = 0; i < report->notes->len; i++)
        {
          const char *note = g_ptr_array_index (report->notes, i);

          g_string_append_printf (body, "- %s\n", note);
        }
    }
  return g_string_free (body, FALSE);
}

MpCase *
mp_eml_report_store (MpEmlReport  *report,
                     MpStore      *store,
                     GError      **error)
{
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *body = NULL;
  gboolean own_batch;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  own_batch = !mp_store_in_batch (store);
  if (own_batch && !mp_store_begin_batch (store, error))
    return NULL;

  kase = mp_store_add_case (store, report->draft, error);
  if (kase == NULL)
    goto fail;
  for (guint i = 0; i < report->attachments->len; i++)
    {
      MpEmlAttachment *attachment = g_ptr_array_index (report->attachments, i);
      g_autoptr(MpAttachment) stored = mp_store_add_attachment (store, kase, attachment->name,
                                                                attachment->mime_type,
                                                                attachment->content, error);

      if (stored == NULL)
        goto fail;
    }
  body = event_body (report);
  if (!mp_store_add_event (store, kase, "import", report->summary, body, error))
    goto fail;

  if (own_batch && !mp_store_end_batch (store, error))
    return NULL;
  return g_steal_pointer (&kase);

fail:
  if (own_batch)
    mp_store_abort_batch (store);
  return NULL;
}

gsize
mp_eml_get_max_bytes (MpStore *store)
{
  g_autofree char *setting = NULL;
  guint64 value;
  char *end = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), MP_EML_DEFAULT_MAX_BYTES);

  setting = mp_store_get_setting (store, "import.max_bytes");
  if (setting == NULL)
    return MP_EML_DEFAULT_MAX_BYTES;
  value = g_ascii_strtoull (setting, &end, 10);
  if (end == setting || *end != '\0' || value == 0 || value > G_MAXSIZE)
    return MP_EML_DEFAULT_MAX_BYTES;
  return (gsize) value;
}

MpCase *
mp_eml_import_bytes (MpStore    *store,
                     GBytes     *message,
                     GPtrArray **notes,
                     GError    **error)
{
  g_autoptr(MpEmlReport) report = NULL;
  g_autoptr(MpCase) kase = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  report = mp_eml_report_parse (message, mp_eml_get_max_bytes (store), error);
  if (report == NULL)
    return NULL;
  kase = mp_eml_report_store (report, store, error);
  if (kase == NULL)
    return NULL;
  if (notes != NULL)
    *notes = g_ptr_array_ref (report->notes);
  return g_steal_pointer (&kase);
}

static GBytes *
read_file (GFile         *file,
           gsize          max_bytes,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Refuse a huge file before reading it into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL,
                           _("This is a folder, not an e-mail message."));
      return NULL;
    }
  if (info != NULL && max_bytes > 0 && (guint64) g_file_info_get_size (info) > max_bytes)
    {
      g_autofree char *have = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, MP_EML_ERROR, MP_EML_ERROR_TOO_LARGE,
                   _("The message is %s, more than the import limit of %s "
                     "(setting import.max_bytes)."), have, limit);
      return NULL;
    }
  g_clear_error (&local_error);

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MP_EML_ERROR, MP_EML_ERROR_READ,
                     _("The file could not be read: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

MpCase *
mp_eml_import_file (MpStore       *store,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GPtrArray    **notes,
                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_file (file, mp_eml_get_max_bytes (store), cancellable, error);
  if (bytes == NULL)
    return NULL;
  return mp_eml_import_bytes (store, bytes, notes, error);
}

MpEmlReport *
mp_eml_report_parse_file (GFile         *file,
                          gsize          max_bytes,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_file (file, max_bytes, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return mp_eml_report_parse (bytes, max_bytes, error);
}

/* Async ------------------------------------------------------------------ */

typedef struct
{
  GFile    *file;
  GBytes   *bytes;
  gsize     max_bytes;
  GBytes   *desk_key;    /* the desk's secret OpenPGP key, or NULL */
  char     *passphrase;  /* its passphrase, or NULL */
  gpointer  owner;       /* the store, only as the home's owner */
} ParseData;

/* What the worker hands back: the report and the message it was read from. */
typedef struct
{
  MpEmlReport *report;
  GBytes      *bytes;
} Parsed;

typedef struct
{
  MpCase           *kase;
  GPtrArray        *notes;
  MpMailboxOutcome  outcome;
} ImportResult;

static void
parse_data_free (gpointer data)
{
  ParseData *parse = data;

  g_clear_object (&parse->file);
  g_clear_pointer (&parse->bytes, g_bytes_unref);
  g_clear_pointer (&parse->desk_key, g_bytes_unref);
  if (parse->passphrase != NULL)
    memset (parse->passphrase, 0, strlen (parse->passphrase));
  g_free (parse->passphrase);
  g_free (parse);
}

static void
parsed_free (gpointer data)
{
  Parsed *parsed = data;

  g_clear_pointer (&parsed->report, mp_eml_report_free);
  g_clear_pointer (&parsed->bytes, g_bytes_unref);
  g_free (parsed);
}

static void
import_result_free (gpointer data)
{
  ImportResult *result = data;

  g_clear_object (&result->kase);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  g_free (result);
}

/* @report read again with the desk's key, as `meldpunt-cli import-eml`
 * does; the home lives only as long as this and is wiped after. A key
 * that cannot be used leaves @report as it came, saying why. */
static MpEmlReport *
decrypt_report (ParseData   *parse,
                GBytes      *bytes,
                MpEmlReport *report)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autoptr(GError) error = NULL;
  MpEmlReport *decrypted;

  home = mp_openpgp_home_new_for_key (parse->desk_key, parse->passphrase, parse->owner, &error);
  if (home == NULL)
    {
      g_autofree char *note = g_strdup_printf (_("The desk's OpenPGP key could not be used, so "
                                                 "the report was not decrypted: %s"),
                                               error->message);

      _mp_eml_add_note (report, note);
      return report;
    }
  if (!(decrypted = mp_openpgp_report_parse (home, bytes, parse->max_bytes, &error)))
    {
      g_autofree char *note = g_strdup_printf (_("The report was not decrypted: %s"),
                                               error->message);

      _mp_eml_add_note (report, note);
      return report;
    }
  mp_eml_report_free (report);
  return decrypted;
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *parse = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  MpEmlReport *report;
  Parsed *parsed;

  if (parse->bytes != NULL)
    bytes = g_bytes_ref (parse->bytes);
  else if ((bytes = read_file (parse->file, parse->max_bytes, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report = mp_eml_report_parse (bytes, parse->max_bytes, &error);
  if (report != NULL && parse->desk_key != NULL &&
      mp_case_get_boolean (report->draft, "report_encrypted"))
    report = decrypt_report (parse, bytes, report);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    {
      parsed = g_new0 (Parsed, 1);
      parsed->report = report;
      parsed->bytes = g_steal_pointer (&bytes);
      g_task_return_pointer (task, parsed, parsed_free);
    }
}

/* A key the reporter attached (application/pgp-keys) is kept with the
 * case, for encrypted letters, as `meldpunt-cli import-eml` does; one that
 * is no usable key is only noted. */
static void
take_reporter_key (MpStore     *store,
                   MpEmlReport *report,
                   MpCase      *kase)
{
  for (guint i = 0; i < mp_eml_report_get_n_attachments (report); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *fingerprint = NULL;
      g_autofree char *note = NULL;
      const char *mime_type = NULL;
      GBytes *content = NULL;

      mp_eml_report_get_attachment (report, i, &mime_type, &content);
      if (g_strcmp0 (mime_type, "application/pgp-keys") != 0 || content == NULL)
        continue;
      text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
      if ((fingerprint = mp_openpgp_set_reporter_key (store, kase, text, &error)) != NULL)
        note = g_strdup_printf (_("The reporter's OpenPGP key %s is kept with the case."),
                                fingerprint);
      else
        note = g_strdup_printf (_("The attached OpenPGP key was not kept: %s"), error->message);
      _mp_eml_add_note (report, note);
      return;
    }
}

static void
parsed_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MpStore *store = MP_STORE (g_task_get_source_object (task));
  Parsed *parsed;
  GError *error = NULL;
  ImportResult *import;
  MpCase *kase;
  MpMailboxOutcome outcome = MP_MAILBOX_NEW;

  parsed = g_task_propagate_pointer (G_TASK (result), &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      parsed_free (parsed);
      return;
    }
  /* The store and its models belong to this thread. */
  if (g_task_get_source_tag (task) == mp_mailbox_take_in_finish)
    kase = mp_mailbox_take_in_report (store, parsed->report, parsed->bytes, &outcome, &error);
  else
    kase = mp_eml_report_store (parsed->report, store, &error);
  if (kase == NULL)
    {
      parsed_free (parsed);
      g_task_return_error (task, error);
      return;
    }
  /* A message a case had already brings nothing; a reply's key is kept
   * when the case has none yet, as the mailbox does. */
  if (mp_mailbox_wants_reporter_key (store, kase, outcome))
    take_reporter_key (store, parsed->report, kase);
  import = g_new0 (ImportResult, 1);
  import->kase = kase;
  import->outcome = outcome;
  import->notes = g_ptr_array_ref (parsed->report->notes);
  parsed_free (parsed);
  g_task_return_pointer (task, import, import_result_free);
}

static void
start_import (MpStore             *store,
              GFile               *file,
              GBytes              *bytes,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) parse_task = NULL;
  GTask *task;
  ParseData *parse;

  _mp_eml_ensure_gmime ();
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  parse = g_new0 (ParseData, 1);
  parse->file = file != NULL ? g_object_ref (file) : NULL;
  parse->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  parse->max_bytes = mp_eml_get_max_bytes (store);
  /* Taken here, in the store's thread: the worker decrypts with it. */
  if (!mp_store_is_locked (store) && mp_store_get_desk_key_info (store, NULL, NULL, NULL, NULL))
    parse->desk_key = mp_store_get_desk_key (store, &parse->passphrase, NULL);
  parse->owner = store;

  /* Without a source object: the worker may drop its reference to this
   * task after parsed_cb ran, and must not keep the store alive then. */
  parse_task = g_task_new (NULL, cancellable, parsed_cb, task);
  g_task_set_task_data (parse_task, parse, parse_data_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

void
mp_eml_import_file_async (MpStore             *store,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  start_import (store, file, NULL, mp_eml_import_finish, cancellable, callback, user_data);
}

void
mp_eml_import_bytes_async (MpStore             *store,
                           GBytes              *message,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (message != NULL);

  start_import (store, NULL, message, mp_eml_import_finish, cancellable, callback, user_data);
}

MpCase *
mp_eml_import_finish (MpStore       *store,
                      GAsyncResult  *result,
                      GPtrArray    **notes,
                      GError       **error)
{
  ImportResult *import;
  MpCase *kase;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  import = g_task_propagate_pointer (G_TASK (result), error);
  if (import == NULL)
    return NULL;
  kase = g_steal_pointer (&import->kase);
  if (notes != NULL)
    *notes = g_steal_pointer (&import->notes);
  import_result_free (import);
  return kase;
}

void
mp_mailbox_take_in_async (MpStore             *store,
                          GFile               *file,
                          GBytes              *message,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail ((file != NULL) != (message != NULL));

  start_import (store, file, message, mp_mailbox_take_in_finish, cancellable, callback, user_data);
}

MpCase *
mp_mailbox_take_in_finish (MpStore           *store,
                           GAsyncResult      *result,
                           MpMailboxOutcome  *outcome,
                           GPtrArray        **notes,
                           GError           **error)
{
  ImportResult *import;
  MpCase *kase;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  import = g_task_propagate_pointer (G_TASK (result), error);
  if (import == NULL)
    return NULL;
  kase = g_steal_pointer (&import->kase);
  if (outcome != NULL)
    *outcome = import->outcome;
  if (notes != NULL)
    *notes = g_steal_pointer (&import->notes);
  import_result_free (import);
  return kase;
}
