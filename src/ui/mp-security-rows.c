/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The security preferences: changing the passphrase (mp-passphrase-dialog.c)
 * and "Unlock with my login".
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-keyring.h"
#include "mp-passphrase-dialog.h"
#include "mp-security-rows.h"
#include "mp-ui-util.h"

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

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
keyring_store_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkSwitch) toggle = user_data;
  g_autoptr(MpStore) store = g_weak_ref_get (g_object_get_data (G_OBJECT (toggle), "mp-store"));
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
  /* Weak: the window that shows the switch keeps the desk, and the switch
   * must not keep it past the window (libadwaita 1.2's preferences window
   * leaves its groups' rows unfinalised). */
  g_object_set_data_full (G_OBJECT (toggle), "mp-store", weak_ref_new (store), weak_ref_free);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_login_switch_cb), store);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
}
