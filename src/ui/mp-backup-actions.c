/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Back Up… and Restore… of the main menu. A backup is a consistent copy
 * made in a worker thread; a restore lets go of the open store first,
 * because no store may have the file open while it is replaced.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-backup-actions.h"
#include "mp-ui-util.h"
#include "mp-window-private.h"

static void
show_error (GtkWidget  *window,
            const char *heading,
            const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                                         heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- back up -------------------------------------------------------------- */

static void
back_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (mp_store_backup (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
back_up_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (window, _("Backup Failed"), error->message);
      return;
    }
  mp_ui_toast (window, _("Backup saved"));
}

void
_mp_backup_actions_back_up_to (GtkWidget  *window,
                               const char *path)
{
  MpStore *store = mp_window_get_store (MP_WINDOW (window));
  g_autoptr(GTask) task = NULL;

  if (store == NULL)
    return;
  task = g_task_new (store, NULL, back_up_done_cb, g_object_ref (window));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, back_up_thread);
}

static void
back_up_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  GtkWidget *window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        _mp_backup_actions_back_up_to (window, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
mp_backup_actions_back_up (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autofree char *day = mp_ui_today ();
  g_autofree char *name = g_strdup_printf ("meldpunt-backup-%s.db", day);

  chooser = gtk_file_chooser_native_new (_("Back Up Desk"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_data (chooser, "response", G_CALLBACK (back_up_response_cb),
                         g_object_ref (widget),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- backups that hold erased data --------------------------------------- */

static void
delete_erased_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           gpointer          user_data)
{
  MpStore *store = user_data;
  GtkWidget *parent = GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint deleted = 0;

  if (!g_str_equal (response, "delete"))
    return;
  backups = mp_store_list_backups (store, TRUE, &error);
  for (guint i = 0; backups != NULL && i < backups->len; i++)
    {
      MpBackupInfo *info = g_ptr_array_index (backups, i);

      if (!mp_store_delete_backup (store, info->path, &error))
        break;
      deleted++;
    }
  if (error != NULL)
    {
      show_error (parent, _("Not Every Backup Was Deleted"), error->message);
      return;
    }
  message = g_strdup_printf (ngettext ("%u backup deleted", "%u backups deleted", deleted), deleted);
  mp_ui_toast (parent, message);
}

GtkWidget *
mp_backup_actions_offer_delete_erased (GtkWidget *widget,
                                       MpStore   *store)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  backups = mp_store_list_backups (store, TRUE, NULL);
  if (backups == NULL || backups->len == 0)
    return NULL;

  body = g_string_new (ngettext ("This backup was made before the erase. Anyone who has it and "
                                 "the desk's passphrase of that time can still read the erased "
                                 "data:",
                                 "These backups were made before the erase. Anyone who has one "
                                 "of them and the desk's passphrase of that time can still read "
                                 "the erased data:",
                                 backups->len));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < backups->len; i++)
    g_string_append_printf (body, "\n%s", ((MpBackupInfo *) g_ptr_array_index (backups, i))->path);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       ngettext ("A Backup Still Holds the Erased Data",
                                                                 "Backups Still Hold the Erased Data",
                                                                 backups->len),
                                                       body->str));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep"),
                                    "delete", ngettext ("_Delete Backup", "_Delete Backups",
                                                        backups->len),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_erased_response_cb),
                         g_object_ref (store), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/* ---- restore -------------------------------------------------------------- */

typedef struct
{
  char *backup_path;
  char *database_path;
} Restore;

static void
restore_free (gpointer data)
{
  Restore *restore = data;

  g_free (restore->backup_path);
  g_free (restore->database_path);
  g_free (restore);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Restore *restore = task_data;
  GError *error = NULL;
  char *aside = mp_store_restore (restore->backup_path, restore->database_path, &error);

  if (aside != NULL)
    g_task_return_pointer (task, aside, g_free);
  else
    g_task_return_error (task, error);
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MpWindow *window = MP_WINDOW (object);
  Restore *restore = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *aside = g_task_propagate_pointer (G_TASK (result), &error);

  /* Either way the desk opens again locked: the restored one, or the same. */
  _mp_window_open_store (window, restore->database_path);
  if (aside == NULL)
    {
      show_error (GTK_WIDGET (window), _("Restore Failed"), error->message);
      return;
    }
  if (*aside != '\0')
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Desk restored; the previous one is kept at %s"), aside);

      mp_ui_toast (GTK_WIDGET (window), message);
    }
  else
    mp_ui_toast (GTK_WIDGET (window), _("Desk restored"));
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  MpWindow *window = MP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  MpStore *store = mp_window_get_store (window);
  const char *backup_path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  g_autoptr(GTask) task = NULL;
  Restore *restore;

  if (g_strcmp0 (response, "restore") != 0 || store == NULL)
    return;

  restore = g_new0 (Restore, 1);
  restore->backup_path = g_strdup (backup_path);
  restore->database_path = g_strdup (mp_store_get_path (store));
  task = g_task_new (window, NULL, restore_done_cb, NULL);
  g_task_set_task_data (task, restore, restore_free);
  if (!_mp_window_release_store (window))
    {
      /* Something still holds the database open: do not replace it. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("The desk is still in use; close its other windows and try "
                                 "again."));
      return;
    }
  g_task_run_in_thread (task, restore_thread);
}

GtkWidget *
_mp_backup_actions_confirm_restore (GtkWidget  *window,
                                    const char *path)
{
  MpStore *store = mp_window_get_store (MP_WINDOW (window));
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *folder = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (store == NULL)
    return NULL;
  folder = g_path_get_dirname (mp_store_get_path (store));
  body = g_strdup_printf (_("The current desk is replaced by the backup “%s”. The current desk is "
                            "kept aside, whole, in %s. The desk locks; unlock the restored desk "
                            "with the passphrase it had when it was backed up."),
                          name, folder);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Restore Backup?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
restore_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  GtkWidget *window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        _mp_backup_actions_confirm_restore (window, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
mp_backup_actions_restore (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Restore Desk from Backup"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Meldpunt backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_data (chooser, "response", G_CALLBACK (restore_chooser_response_cb),
                         g_object_ref (widget),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Open Another Desk --------------------------------------------------- */

GtkWidget *
_mp_backup_actions_open_desk_at (GtkWidget  *widget,
                                 const char *path)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (widget));
  g_autoptr(GFile) wanted = g_file_new_for_path (path);
  MpWindow *window;

  /* A desk already open in a window is shown there, not opened twice. */
  if (application != NULL)
    for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
      {
        MpStore *store = MP_IS_WINDOW (l->data) ? mp_window_get_store (l->data) : NULL;
        g_autoptr(GFile) open = store != NULL ? g_file_new_for_path (mp_store_get_path (store)) : NULL;

        if (open != NULL && g_file_equal (open, wanted))
          {
            gtk_window_present (GTK_WINDOW (l->data));
            return GTK_WIDGET (l->data);
          }
      }

  window = mp_window_new (application != NULL ? MP_APPLICATION (application) : NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WIDGET (window);
}

static void
open_desk_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               GtkWidget       *widget)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        _mp_backup_actions_open_desk_at (widget, path);
    }
  g_object_unref (chooser);
}

void
mp_backup_actions_open_desk (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Another Desk"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Meldpunt desks"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_data (chooser, "response", G_CALLBACK (open_desk_chooser_response_cb),
                         g_object_ref (widget),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
