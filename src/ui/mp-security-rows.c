/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The security preferences: changing the passphrase (checked and re-wrapped
 * in a worker thread, key derivation is slow on purpose) and "Unlock with
 * my login".
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "mp-error.h"
#include "mp-keyring.h"
#include "mp-passphrase.h"
#include "mp-security-rows.h"
#include "mp-strength-bar.h"
#include "mp-ui-util.h"

/* ---- the Change Passphrase dialog ------------------------------------------ */

typedef struct
{
  MpStore          *store;
  AdwPasswordEntryRow *current_row;
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *repeat_row;
  GtkLabel         *problem_label;
  MpStrengthBar    *strength_bar;
  GtkButton        *change_button;
  GtkSpinner       *spinner;
  gboolean          busy;
} Dialog;

static void
dialog_free (gpointer data)
{
  Dialog *dialog = data;

  g_clear_object (&dialog->store);
  g_free (dialog);
}

static Dialog *
get_dialog (GtkWidget *window)
{
  return g_object_get_data (G_OBJECT (window), "mp-passphrase-dialog");
}

static const char *
row_text (AdwPasswordEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_dialog (Dialog *dialog)
{
  gboolean complete = *row_text (dialog->current_row) != '\0' &&
                      *row_text (dialog->new_row) != '\0' &&
                      *row_text (dialog->repeat_row) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (dialog->change_button), complete && !dialog->busy);
  gtk_widget_set_visible (GTK_WIDGET (dialog->spinner), dialog->busy);
  gtk_spinner_set_spinning (dialog->spinner, dialog->busy);
}

static void
show_problem (Dialog     *dialog,
              const char *message)
{
  gtk_label_set_label (dialog->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (dialog->problem_label), message != NULL);
}

static void
on_field_changed_cb (GtkWidget *window)
{
  Dialog *dialog = get_dialog (window);

  show_problem (dialog, NULL);
  mp_strength_bar_set_passphrase (dialog->strength_bar, row_text (dialog->new_row));
  update_dialog (dialog);
}

typedef struct
{
  char *current;
  char *new_passphrase;
} Change;

static void
wipe_string (char *text)
{
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

static void
change_free (gpointer data)
{
  Change *change = data;

  wipe_string (change->current);
  wipe_string (change->new_passphrase);
  g_free (change);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Change *change = task_data;
  GError *error = NULL;

  if (!mp_store_check_passphrase (source_object, change->current, &error) ||
      !mp_store_change_passphrase (source_object, change->new_passphrase, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) window = user_data;
  Dialog *dialog = get_dialog (window);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (window));

  dialog->busy = FALSE;
  update_dialog (dialog);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE))
        {
          show_problem (dialog, _("The current passphrase is not correct."));
          gtk_widget_grab_focus (GTK_WIDGET (dialog->current_row));
        }
      else
        show_problem (dialog, error->message);
      return;
    }
  if (parent != NULL)
    mp_ui_toast (GTK_WIDGET (parent), _("Passphrase changed"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_change_clicked_cb (GtkWidget *window)
{
  Dialog *dialog = get_dialog (window);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Change *change;

  if (dialog->busy || !gtk_widget_get_sensitive (GTK_WIDGET (dialog->change_button)))
    return;
  if (g_strcmp0 (row_text (dialog->new_row), row_text (dialog->repeat_row)) != 0)
    {
      show_problem (dialog, _("The new passphrases are not the same."));
      gtk_widget_grab_focus (GTK_WIDGET (dialog->repeat_row));
      return;
    }
  if (g_strcmp0 (row_text (dialog->new_row), row_text (dialog->current_row)) == 0)
    {
      show_problem (dialog, _("The new passphrase is the same as the current one."));
      gtk_widget_grab_focus (GTK_WIDGET (dialog->new_row));
      return;
    }
  if (!mp_passphrase_check (row_text (dialog->new_row), &error))
    {
      show_problem (dialog, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (dialog->new_row));
      return;
    }

  change = g_new0 (Change, 1);
  change->current = g_strdup (row_text (dialog->current_row));
  change->new_passphrase = g_strdup (row_text (dialog->new_row));
  dialog->busy = TRUE;
  update_dialog (dialog);
  task = g_task_new (dialog->store, NULL, change_done_cb, g_object_ref (window));
  g_task_set_task_data (task, change, change_free);
  g_task_run_in_thread (task, change_thread);
}

static AdwPasswordEntryRow *
add_password_row (AdwPreferencesGroup *group,
                  GtkWidget           *window,
                  const char          *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), window);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_change_clicked_cb), window);
  adw_preferences_group_add (group, row);
  return ADW_PASSWORD_ENTRY_ROW (row);
}

GtkWidget *
mp_passphrase_dialog_new (GtkWindow *parent,
                          MpStore   *store)
{
  GtkWidget *window = adw_window_new ();
  Dialog *dialog = g_new0 (Dialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *title = adw_window_title_new (_("Change Passphrase"), NULL);

  dialog->store = g_object_ref (store);
  g_object_set_data_full (G_OBJECT (window), "mp-passphrase-dialog", dialog, dialog_free);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_title (GTK_WINDOW (window), _("Change Passphrase"));
  gtk_window_set_default_size (GTK_WINDOW (window), 460, -1);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  dialog->change_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("C_hange")));
  gtk_widget_add_css_class (GTK_WIDGET (dialog->change_button), "suggested-action");
  g_signal_connect_swapped (dialog->change_button, "clicked", G_CALLBACK (on_change_clicked_cb),
                            window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (dialog->change_button));
  dialog->spinner = GTK_SPINNER (gtk_spinner_new ());
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (dialog->spinner));
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The passphrase cannot be recovered: if it is "
                                           "forgotten, the desk and its backups cannot be "
                                           "opened. Backups made earlier keep their old "
                                           "passphrase."));
  dialog->current_row = add_password_row (ADW_PREFERENCES_GROUP (group), window,
                                          _("Current passphrase"));
  dialog->new_row = add_password_row (ADW_PREFERENCES_GROUP (group), window,
                                      _("New passphrase"));
  dialog->repeat_row = add_password_row (ADW_PREFERENCES_GROUP (group), window,
                                         _("New passphrase again"));
  gtk_box_append (GTK_BOX (content), group);
  dialog->strength_bar = MP_STRENGTH_BAR (mp_strength_bar_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (dialog->strength_bar));
  dialog->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (dialog->problem_label, TRUE);
  gtk_label_set_xalign (dialog->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (dialog->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (dialog->problem_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (dialog->problem_label));

  gtk_widget_set_margin_top (content, 18);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (window), box);

  update_dialog (dialog);
  gtk_widget_grab_focus (GTK_WIDGET (dialog->current_row));
  return window;
}

void
_mp_passphrase_dialog_submit (GtkWidget  *window,
                              const char *current,
                              const char *new_passphrase,
                              const char *repeat)
{
  Dialog *dialog = get_dialog (window);

  gtk_editable_set_text (GTK_EDITABLE (dialog->current_row), current);
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_row), new_passphrase);
  gtk_editable_set_text (GTK_EDITABLE (dialog->repeat_row), repeat);
  on_change_clicked_cb (window);
}

const char *
_mp_passphrase_dialog_get_problem (GtkWidget *window)
{
  Dialog *dialog = get_dialog (window);

  if (!gtk_widget_get_visible (GTK_WIDGET (dialog->problem_label)))
    return NULL;
  return gtk_label_get_label (dialog->problem_label);
}

/* ---- the rows ---------------------------------------------------------------- */

static void
on_change_passphrase_cb (GtkWidget *button,
                         MpStore   *store)
{
  GtkRoot *root = gtk_widget_get_root (button);
  GtkWidget *dialog = mp_passphrase_dialog_new (GTK_WINDOW (root), store);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void on_login_switch_cb (GtkSwitch *toggle, GParamSpec *pspec, MpStore *store);

static void
set_switch_quietly (GtkSwitch *toggle,
                    gboolean   active,
                    MpStore   *store)
{
  g_signal_handlers_block_by_func (toggle, on_login_switch_cb, store);
  gtk_switch_set_active (toggle, active);
  g_signal_handlers_unblock_by_func (toggle, on_login_switch_cb, store);
}

static void
keyring_store_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkSwitch) toggle = user_data;
  MpStore *store = g_object_get_data (G_OBJECT (toggle), "mp-store");
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (toggle), TRUE);
  if (!mp_keyring_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The login keyring could not keep the key: %s"),
                                                  error->message);

      if (store != NULL)
        set_switch_quietly (toggle, FALSE, store);
      mp_keyring_set_enabled (FALSE);
      mp_ui_toast (GTK_WIDGET (toggle), message);
      return;
    }
  mp_keyring_set_enabled (TRUE);
  mp_ui_toast (GTK_WIDGET (toggle), _("The desk now unlocks with your login"));
}

static void
on_login_switch_cb (GtkSwitch  *toggle,
                    GParamSpec *pspec,
                    MpStore    *store)
{
  if (gtk_switch_get_active (toggle))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (toggle), FALSE);
      mp_keyring_store_async (store, NULL, keyring_store_done_cb, g_object_ref (toggle));
    }
  else
    {
      mp_keyring_clear (mp_store_get_path (store));
      mp_keyring_set_enabled (FALSE);
    }
}

void
mp_security_rows_add (AdwPreferencesGroup *group,
                      MpStore             *store)
{
  GtkWidget *row;
  GtkWidget *button;
  GtkWidget *toggle;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  g_return_if_fail (MP_IS_STORE (store));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Passphrase"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The passphrase that unlocks the desk."));
  button = gtk_button_new_with_mnemonic (_("C_hange…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (button, "change-passphrase");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_change_passphrase_cb), store, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unlock with my login"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Keep the desk’s key in your login keyring, so that the desk "
                                 "opens with your session. Turning it off removes the key."));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_name (toggle, "unlock-with-login");
  gtk_switch_set_active (GTK_SWITCH (toggle), mp_keyring_is_enabled ());
  g_object_set_data_full (G_OBJECT (toggle), "mp-store", g_object_ref (store), g_object_unref);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_login_switch_cb), store);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
}
