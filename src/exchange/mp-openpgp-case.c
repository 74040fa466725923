/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * What a case's page shows about encryption (issue 21): the reporter's key
 * and the signatures of the encrypted report, checked again with the keys
 * the desk has now. The store is read in its own thread; GnuPG runs in a
 * worker thread, in a private home that goes when the work is done.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-openpgp.h"

typedef struct
{
  char     *reporter_key;  /* armored, or NULL */
  GBytes   *original;      /* the encrypted message kept with the case, or NULL */
  GBytes   *desk_key;      /* the desk's secret key, or NULL */
  char     *passphrase;
  gpointer  owner;
} CaseData;

static void
case_data_free (gpointer data)
{
  CaseData *input = data;

  g_free (input->reporter_key);
  g_clear_pointer (&input->original, g_bytes_unref);
  g_clear_pointer (&input->desk_key, g_bytes_unref);
  if (input->passphrase != NULL)
    memset (input->passphrase, 0, strlen (input->passphrase));
  g_free (input->passphrase);
  g_free (input);
}

void
mp_openpgp_case_info_free (MpOpenpgpCaseInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->reporter_fingerprint);
  g_free (info->reporter_key_problem);
  g_clear_pointer (&info->signatures, g_ptr_array_unref);
  g_free (info);
}

/* The message import kept as "encrypted-original.eml" (mp-openpgp-decrypt.c). */
static GBytes *
read_original (MpStore *store,
               MpCase  *kase)
{
  g_autoptr(GListModel) attachments = mp_store_list_attachments (store, kase, NULL);

  for (guint i = 0; attachments != NULL && i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, i);

      if (g_strcmp0 (mp_attachment_get_name (attachment), "encrypted-original.eml") == 0 &&
          g_strcmp0 (mp_attachment_get_mime_type (attachment), "message/rfc822") == 0)
        return mp_store_read_attachment (store, attachment, NULL);
    }
  return NULL;
}

static void
case_info_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CaseData *input = task_data;
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autoptr(GError) error = NULL;
  MpOpenpgpCaseInfo *info = g_new0 (MpOpenpgpCaseInfo, 1);

  info->signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_openpgp_signature_free);
  info->has_original = input->original != NULL;

  if (input->desk_key != NULL && input->original != NULL)
    home = mp_openpgp_home_new_for_key (input->desk_key, input->passphrase, input->owner, &error);
  else if (input->reporter_key != NULL)
    home = mp_openpgp_home_new (&error);
  if (home == NULL && error == NULL)
    {
      g_task_return_pointer (task, info, (GDestroyNotify) mp_openpgp_case_info_free);
      return;
    }
  if (home == NULL)
    {
      mp_openpgp_case_info_free (info);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (input->reporter_key != NULL)
    {
      info->reporter_fingerprint = mp_openpgp_home_import_public (home, input->reporter_key,
                                                                  &error);
      if (info->reporter_fingerprint == NULL)
        {
          info->reporter_key_problem = g_strdup (error->message);
          g_clear_error (&error);
        }
    }
  if (input->desk_key != NULL && input->original != NULL)
    {
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) clear = mp_openpgp_decrypt_message_full (home, input->original, notes,
                                                                 info->signatures);

      info->decrypted = clear != NULL;
    }
  g_task_return_pointer (task, info, (GDestroyNotify) mp_openpgp_case_info_free);
}

void
mp_openpgp_case_info_async (MpStore             *store,
                            MpCase              *kase,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CaseData *input;

  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_CASE (kase));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_openpgp_case_info_async);
  input = g_new0 (CaseData, 1);
  input->owner = store;
  if (!mp_store_is_locked (store))
    {
      input->reporter_key = mp_store_get_reporter_key (store, kase, NULL);
      if (mp_case_get_boolean (kase, "report_encrypted"))
        input->original = read_original (store, kase);
      if (input->original != NULL &&
          mp_store_get_desk_key_info (store, NULL, NULL, NULL, NULL))
        input->desk_key = mp_store_get_desk_key (store, &input->passphrase, NULL);
    }
  g_task_set_task_data (task, input, case_data_free);
  g_task_run_in_thread (task, case_info_thread);
}

MpOpenpgpCaseInfo *
mp_openpgp_case_info_finish (MpStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
