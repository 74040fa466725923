/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The trust parts of the window: Back Up… and Restore…, changing the
 * passphrase, the login keyring's quiet fallback, the about window's audit
 * line and the clipboard that forgets confidential text.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-application.h"
#include "mp-backup-actions.h"
#include "mp-case-page.h"
#include "mp-error.h"
#include "mp-keyring.h"
#include "mp-letters.h"
#include "mp-preferences-window.h"
#include "mp-security-rows.h"
#include "mp-strength-bar.h"
#include "mp-test-util.h"
#include "mp-ui-util.h"
#include "mp-unlock-page.h"
#include "mp-window-private.h"

#define PASSPHRASE "correct horse battery"
#define NEW_PASSPHRASE "nieuwe zin voor het meldpunt"

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  return dialog;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Whether a label under @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0) ||
        shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The backup has finished: its toast, or a dialog saying why not. */
static gboolean
backup_finished (gpointer window)
{
  return shows_label (window, "Backup saved") || message_dialog_shown (NULL);
}

static gboolean
intake_closed (gpointer window)
{
  return _mp_window_get_intake (window) == NULL;
}

static gboolean
store_locked (gpointer store)
{
  return mp_store_is_locked (store);
}

static void
add_case (MpStore    *store,
          const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "reporter_name", "Tom Brown");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
}

static gboolean
window_has_store (gpointer window)
{
  return mp_window_get_store (window) != NULL;
}

/* Opens @path in a window and unlocks it as the unlock page would. */
static MpWindow *
open_window (const char *path)
{
  MpWindow *window = g_object_ref (mp_window_new (NULL, path));
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_store_is_locked (mp_window_get_store (window)));
  g_assert_true (mp_store_unlock (mp_window_get_store (window), PASSPHRASE, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL),
                         "unlocked");
  mp_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static char *
titles (MpStore *store)
{
  GListModel *cases = mp_store_get_cases (store);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);

      g_string_append_printf (text, "%s;", mp_case_get_title (kase));
    }
  return g_string_free (text, FALSE);
}

static void
test_backup_and_restore (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *junk = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *confirm;
  guint n_aside = 0;

  add_case (store, "Before the backup");
  path = g_strdup (mp_store_get_path (store));
  mp_store_lock (store);
  g_assert_finalize_object (store);

  window = open_window (path);
  store = mp_window_get_store (window);
  before = titles (store);
  g_assert_cmpstr (before, ==, "Before the backup;");

  /* Back Up… writes a checked copy in a worker thread. */
  backup = g_build_filename (dir, "meldpunt-backup-2026-03-10.db", NULL);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  _mp_backup_actions_back_up_to (GTK_WIDGET (window), backup);
  mp_test_wait_until (backup_finished, window);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_null (find_message_dialog ());

  add_case (store, "After the backup");
  after = titles (store);
  g_assert_cmpstr (after, ==, "Before the backup;After the backup;");

  /* Restore asks first, naming where the current desk is kept. */
  confirm = _mp_backup_actions_confirm_restore (GTK_WIDGET (window), backup);
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (confirm)), dir));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (confirm)));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_window_get_store (window) == store);
  g_assert_false (mp_store_is_locked (store));

  confirm = g_object_ref (_mp_backup_actions_confirm_restore (GTK_WIDGET (window), backup));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "restore");
  gtk_window_destroy (GTK_WINDOW (confirm));
  /* The window let go of its store before the file is replaced. */
  g_assert_null (mp_window_get_store (window));
  mp_test_wait_until (window_has_store, window);
  g_assert_finalize_object (confirm);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  dialog = find_message_dialog ();
  g_assert_null (dialog != NULL ? adw_message_dialog_get_heading (dialog) : NULL);
  store = mp_window_get_store (window);
  g_assert_true (mp_store_is_locked (store));
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = titles (store);
  g_assert_cmpstr (after, ==, before);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "desk.db.before-restore-"))
        n_aside++;
  }
  g_assert_cmpuint (n_aside, ==, 1);

  /* A file that is no backup: an error, and the desk stays what it was. */
  mp_store_lock (store);
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL),
                         "unlocked");
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL),
                         "unlocked");
  junk = g_build_filename (dir, "not-a-backup.db", NULL);
  g_assert_true (g_file_set_contents (junk, "just some text, not SQLite", -1, NULL));
  confirm = _mp_backup_actions_confirm_restore (GTK_WIDGET (window), junk);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "restore");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (confirm)));
  mp_test_wait_until (window_has_store, window);
  mp_test_wait_until (message_dialog_shown, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore Failed");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));
  store = mp_window_get_store (window);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = titles (store);
  g_assert_cmpstr (after, ==, before);

  mp_test_destroy_window (GTK_WINDOW (window));
  g_unlink (junk);
  g_unlink (backup);
  mp_test_remove_dir (dir);
}

static gboolean
has_problem (gpointer dialog)
{
  return _mp_passphrase_dialog_get_problem (dialog) != NULL;
}

static gboolean
is_gone (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static void
test_change_passphrase (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, store));
  MpPreferencesWindow *preferences;
  GtkWidget *dialog;
  GtkWidget *button;
  GtkWidget *strength;

  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* The Security group of the preferences offers both. */
  preferences = mp_preferences_window_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (preferences));
  mp_test_wait_for_draw (GTK_WIDGET (preferences));
  button = mp_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON, "change-passphrase");
  g_assert_nonnull (button);
  g_assert_nonnull (mp_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH,
                                         "unlock-with-login"));

  dialog = mp_passphrase_dialog_new (GTK_WINDOW (preferences), store);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  mp_test_wait_for_draw (dialog);

  /* The two new ones must agree; nothing is changed. */
  _mp_passphrase_dialog_submit (dialog, PASSPHRASE, NEW_PASSPHRASE, "nieuwe zon voor het meldpunt");
  g_assert_nonnull (_mp_passphrase_dialog_get_problem (dialog));

  /* A short one is refused with the minimum, and its strength shown. */
  _mp_passphrase_dialog_submit (dialog, PASSPHRASE, "kort wachtw", "kort wachtw");
  g_assert_nonnull (strstr (_mp_passphrase_dialog_get_problem (dialog), "at least 12 characters"));
  strength = mp_test_find_widget (dialog, MP_TYPE_STRENGTH_BAR, NULL);
  g_assert_nonnull (strength);
  g_assert_nonnull (strstr (mp_strength_bar_get_label (MP_STRENGTH_BAR (strength)), "Too short"));
  g_assert_true (mp_store_check_passphrase (store, PASSPHRASE, &error));
  _mp_passphrase_dialog_submit (dialog, PASSPHRASE, "abcdefghijkl", "abcdefghijk");
  g_assert_cmpstr (mp_strength_bar_get_label (MP_STRENGTH_BAR (strength)), ==, "Weak");
  _mp_passphrase_dialog_submit (dialog, PASSPHRASE, NEW_PASSPHRASE, "x");
  g_assert_cmpstr (mp_strength_bar_get_label (MP_STRENGTH_BAR (strength)), ==, "Strong");

  /* A wrong current passphrase is refused after the check. */
  _mp_passphrase_dialog_submit (dialog, "wrong horse", NEW_PASSPHRASE, NEW_PASSPHRASE);
  mp_test_wait_until (has_problem, dialog);
  g_assert_cmpstr (_mp_passphrase_dialog_get_problem (dialog), ==,
                   "The current passphrase is not correct.");
  g_assert_true (mp_store_check_passphrase (store, PASSPHRASE, &error));

  _mp_passphrase_dialog_submit (dialog, PASSPHRASE, NEW_PASSPHRASE, NEW_PASSPHRASE);
  mp_test_wait_until (is_gone, &dialog);
  g_assert_false (mp_store_check_passphrase (store, PASSPHRASE, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (mp_store_check_passphrase (store, NEW_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (mp_store_is_locked (store));

  mp_test_destroy_window (GTK_WINDOW (g_object_ref (preferences)));
  mp_test_destroy_window (GTK_WINDOW (window));
  mp_store_lock (store);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

static gboolean
page_idle (gpointer page)
{
  return gtk_widget_get_sensitive (mp_test_find_widget (page, ADW_TYPE_ENTRY_ROW, NULL));
}

static void
test_keyring_fails_quietly (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;
  GtkWidget *page;

  path = g_strdup (mp_store_get_path (store));
  mp_store_lock (store);
  g_assert_finalize_object (store);

  /* On, but no key in reach (no keyring in the test): the unlock page
   * simply stays, ready for the passphrase. */
  mp_keyring_set_enabled (TRUE);
  window = g_object_ref (mp_window_new (NULL, path));
  gtk_window_present (GTK_WINDOW (window));
  page = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL);
  mp_test_wait_until (page_idle, page);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_store_is_locked (mp_window_get_store (window)));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_null (find_message_dialog ());
  mp_keyring_set_enabled (FALSE);

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

static void
test_about_audit (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autofree char *line = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *head = NULL;
  g_autofree char *grouped = NULL;
  g_autofree char *path = g_strdup (mp_store_get_path (store));
  sqlite3 *db = NULL;
  guint n = 0;

  add_case (store, "Counted");
  g_assert_true (mp_store_verify_audit (store, &n, &head, NULL, NULL));
  line = mp_application_describe_audit (store);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Audit trail: "));
  {
    g_autofree char *count = g_strdup_printf (" %u entries,", n);

    g_assert_nonnull (strstr (line, count));
  }
  grouped = g_strdup_printf ("%.4s %.4s %.4s %.4s", head, head + 4, head + 8, head + 12);
  g_assert_nonnull (strstr (line, grouped));

  /* An edited entry: said plainly. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'Mallory' WHERE id = 2", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  broken = mp_application_describe_audit (store);
  g_assert_true (g_str_has_prefix (broken, "The audit trail is broken"));

  mp_store_lock (store);
  g_assert_null (mp_application_describe_audit (store));
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

static gboolean
clipboard_empty (gpointer clipboard)
{
  return gdk_clipboard_get_content (clipboard) == NULL;
}

static gboolean
no_clipboard_timer (gpointer data)
{
  return _mp_ui_get_clipboard_timers () == 0;
}

static void
test_clipboard_forgets (void)
{
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GdkClipboard *clipboard = gtk_widget_get_clipboard (window);

  _mp_ui_set_clipboard_seconds (1);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (window);

  mp_ui_copy_confidential (window, "voucher ABCD-1234");
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));
  /* with the hint that keeps it out of clipboard managers' history */
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard),
                                                        "x-kde-passwordManagerHint"));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                    G_TYPE_STRING));
  mp_test_wait_until (clipboard_empty, clipboard);

  /* Something copied since stays. Each copy claims the X selection; the
   * first claim settles before the second, or the server's late notice
   * about it can empty the clipboard on a busy machine. */
  mp_ui_copy_confidential (window, "voucher ABCD-1234");
  mp_test_wait_for_draw (window);
  gdk_clipboard_set_text (clipboard, "not confidential");
  /* until the second copy's time is up */
  mp_test_wait_until (no_clipboard_timer, NULL);
  g_assert_nonnull (gdk_clipboard_get_content (clipboard));
  g_assert_true (gdk_clipboard_is_local (clipboard));

  _mp_ui_set_clipboard_seconds (30);
  mp_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
switch_settled (gpointer toggle)
{
  return gtk_widget_get_sensitive (toggle);
}

static gboolean
keyring_disabled (gpointer data)
{
  return !mp_keyring_is_enabled ();
}

static gboolean
store_unlocked (gpointer window)
{
  MpStore *store = mp_window_get_store (window);

  return store != NULL && !mp_store_is_locked (store);
}

/* Needs a session keyring: tests/ui/run-with-keyring.sh starts one. */
static gboolean
keyring_key_replaced (gpointer data)
{
  return _mp_keyring_get_n_replaced () > GPOINTER_TO_UINT (data);
}

static void
test_keyring_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  MpStore *store;
  MpWindow *window;
  MpPreferencesWindow *preferences;
  GtkWidget *toggle;
  GtkWidget *page;

  if (g_getenv ("MELDPUNT_TEST_KEYRING") == NULL)
    {
      g_test_skip ("no session keyring (run through tests/ui/run-with-keyring.sh)");
      return;
    }

  store = mp_test_new_store (&dir);
  path = g_strdup (mp_store_get_path (store));
  window = g_object_ref (_mp_window_new_for_store (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  preferences = mp_preferences_window_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (preferences));
  mp_test_wait_for_draw (GTK_WIDGET (preferences));

  /* On: the key goes into the keyring. */
  toggle = mp_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, "unlock-with-login");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  mp_test_wait_until (switch_settled, toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (mp_keyring_is_enabled ());
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (preferences)));
  mp_test_destroy_window (GTK_WINDOW (window));
  mp_store_lock (store);
  g_object_unref (store);

  /* The desk opens with the session. */
  window = g_object_ref (mp_window_new (NULL, path));
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_until (store_unlocked, window);
  store = mp_window_get_store (window);
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* An erase rotates the master key: the keyring gets the new one, with
   * which the desk opens with the session again (the old one opens
   * nothing any more). */
  {
    g_autoptr(MpCase) draft = mp_case_new ();
    g_autoptr(MpCase) kase = NULL;
    g_autoptr(GBytes) old_key = mp_store_export_key (store, NULL);
    g_autoptr(GBytes) new_key = NULL;
    g_autoptr(GError) error = NULL;
    guint n_replaced = _mp_keyring_get_n_replaced ();

    mp_case_set_text (draft, "title", "Closed and erased");
    kase = mp_store_add_case (store, draft, &error);
    g_assert_no_error (error);
    g_assert_true (mp_store_set_answer (store, kase, "close.closed_on", "2026-11-22", NULL, &error));
    g_assert_true (mp_store_erase_case (store, kase, &error));
    g_assert_no_error (error);
    new_key = mp_store_export_key (store, NULL);
    g_assert_false (g_bytes_equal (old_key, new_key));
    mp_test_wait_until (keyring_key_replaced, GUINT_TO_POINTER (n_replaced));

    mp_test_destroy_window (GTK_WINDOW (window));
    window = g_object_ref (mp_window_new (NULL, path));
    gtk_window_present (GTK_WINDOW (window));
    mp_test_wait_until (store_unlocked, window);
    store = mp_window_get_store (window);
    mp_test_wait_for_draw (GTK_WIDGET (window));
  }

  /* Another program (meldpunt-cli) erases: the keyring's key is stale and
   * the window's next write is refused. Unlocked with the passphrase, the
   * window puts the current key into the keyring again. */
  {
    g_autoptr(MpStore) other = NULL;
    g_autoptr(MpCase) draft = mp_case_new ();
    g_autoptr(MpCase) kase = NULL;
    g_autoptr(GError) error = NULL;
    guint n_replaced = _mp_keyring_get_n_replaced ();
    GtkWidget *row;

    other = mp_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (mp_store_unlock (other, PASSPHRASE, &error));
    mp_case_set_text (draft, "title", "Erased by the other program");
    kase = mp_store_add_case (other, draft, &error);
    g_assert_true (mp_store_set_answer (other, kase, "close.closed_on", "2026-11-22", NULL, &error));
    g_assert_true (mp_store_erase_case (other, kase, &error));
    g_assert_no_error (error);
    g_clear_object (&other);

    g_assert_false (mp_store_set_setting (store, "desk.name", "Renamed", &error));
    g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
    mp_test_wait_until (store_locked, store);
    page = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL);
    mp_test_wait_until (page_idle, page);
    row = mp_test_find_widget (page, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
    gtk_editable_set_text (GTK_EDITABLE (row), PASSPHRASE);
    g_signal_emit_by_name (row, "entry-activated");
    mp_test_wait_until (keyring_key_replaced, GUINT_TO_POINTER (n_replaced));
    g_assert_false (mp_store_is_locked (store));

    mp_test_destroy_window (GTK_WINDOW (window));
    window = g_object_ref (mp_window_new (NULL, path));
    gtk_window_present (GTK_WINDOW (window));
    mp_test_wait_until (store_unlocked, window);
    store = mp_window_get_store (window);
    mp_test_wait_for_draw (GTK_WIDGET (window));
  }

  /* Ctrl+L still locks; the keyring does not undo it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  mp_test_wait_until (store_locked, store);
  g_assert_true (mp_store_is_locked (store));
  g_assert_true (mp_store_unlock (store, PASSPHRASE, NULL));
  page = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL);
  g_signal_emit_by_name (page, "unlocked");

  /* Off: the key leaves the keyring, and the next start asks again. */
  preferences = mp_preferences_window_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (preferences));
  mp_test_wait_for_draw (GTK_WIDGET (preferences));
  toggle = mp_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, "unlock-with-login");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  mp_test_wait_until (keyring_disabled, NULL);
  g_assert_false (mp_keyring_is_enabled ());
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (preferences)));
  mp_test_destroy_window (GTK_WINDOW (window));


  /* Even with the setting on again, there is no key: the page stays. */
  mp_keyring_set_enabled (TRUE);
  window = g_object_ref (mp_window_new (NULL, path));
  gtk_window_present (GTK_WINDOW (window));
  page = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL);
  mp_test_wait_until (page_idle, page);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_store_is_locked (mp_window_get_store (window)));
  mp_keyring_set_enabled (FALSE);
  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

/* Every marker starts with this; tests/ui/no-secrets-in-logs.py runs this
 * test with G_MESSAGES_DEBUG=all and looks for it in the output. */
#define MARKER "zqxmarker"

static void
set_intake_entry (GtkWidget  *dialog,
                  const char *id,
                  const char *text)
{
  GObject *widget = gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, id);

  g_assert_nonnull (widget);
  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static void
test_markers_through_the_ui (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = NULL;
  GListModel *cases = mp_store_get_cases (store);
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, store));
  GtkWidget *dialog;

  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* A report through the intake form, every free text a marker. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-report", NULL));
  dialog = GTK_WIDGET (_mp_window_get_intake (window));
  g_assert_nonnull (dialog);
  set_intake_entry (dialog, "title_row", MARKER "-title");
  set_intake_entry (dialog, "name_row", MARKER "-reporter");
  set_intake_entry (dialog, "email_row", MARKER "-mail@example.org");
  set_intake_entry (dialog, "asset_row", "https://" MARKER "-asset.example.nl/");
  set_intake_entry (dialog, "description_view", MARKER "-description");
  set_intake_entry (dialog, "impact_view", MARKER "-impact");
  set_intake_entry (dialog, "reproduction_view", MARKER "-reproduction");
  g_assert_true (gtk_widget_activate_action (dialog, "intake.create", NULL));
  mp_test_wait_until (intake_closed, window);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  kase = g_list_model_get_item (cases, 0);
  g_assert_cmpstr (mp_case_get_title (kase), ==, MARKER "-title");

  /* Copied, backed up, the passphrase changed, locked and unlocked. */
  mp_ui_copy_confidential (GTK_WIDGET (window), MARKER "-copied letter");
  backup = g_build_filename (dir, "backup.db", NULL);
  _mp_backup_actions_back_up_to (GTK_WIDGET (window), backup);
  mp_test_wait_until (backup_finished, window);
  dialog = mp_passphrase_dialog_new (GTK_WINDOW (window), store);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  _mp_passphrase_dialog_submit (dialog, "wrong " MARKER, MARKER "-passphrase",
                                MARKER "-passphrase");
  mp_test_wait_until (has_problem, dialog);
  _mp_passphrase_dialog_submit (dialog, PASSPHRASE, MARKER "-passphrase", MARKER "-passphrase");
  mp_test_wait_until (is_gone, &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  mp_test_wait_until (store_locked, store);
  g_assert_true (mp_store_is_locked (store));
  g_clear_object (&kase);

  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (backup);
  mp_test_remove_dir (dir);
}

/* logind's PrepareForSleep(true) on the system bus locks every desk window;
 * (false), the wake-up, does not. A private dbus-daemon stands in for the
 * system bus (and the session bus the application registers on), and a
 * second connection on it for logind. */
static GDBusConnection *
connect_to (const char *address)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  return connection;
}

static void
test_lock_before_sleep (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDBusConnection) app_side = NULL;
  g_autoptr(GDBusConnection) logind = NULL;
  g_autoptr(MpApplication) application = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *dir = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;
  GVariant *reply;

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon", "--session",
                             "--nofork", "--print-address", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  app_side = connect_to (address);
  logind = connect_to (address);
  reply = g_dbus_connection_call_sync (logind, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", "org.freedesktop.login1", 0),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_unref (reply);

  application = mp_application_new ();
  g_application_set_flags (G_APPLICATION (application),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  window = g_object_ref (_mp_window_new_for_store (application, store));
  gtk_window_present (GTK_WINDOW (window));
  mp_application_watch_sleep (application, app_side);
  /* A round trip: the match rule is on the bus before logind speaks. */
  reply = g_dbus_connection_call_sync (app_side, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetId", NULL, NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_unref (reply);
  g_assert_false (mp_store_is_locked (store));
  /* A letter copied just before: gone with the lock, not 30 s later. */
  mp_ui_copy_confidential (GTK_WIDGET (window), "Dear reporter, the voucher is ABCD-1234");
  g_assert_nonnull (gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (window))));

  g_assert_true (g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1",
                                                "org.freedesktop.login1.Manager",
                                                "PrepareForSleep", g_variant_new ("(b)", FALSE),
                                                &error));
  g_assert_true (g_dbus_connection_emit_signal (logind, NULL, "/org/freedesktop/login1",
                                                "org.freedesktop.login1.Manager",
                                                "PrepareForSleep", g_variant_new ("(b)", TRUE),
                                                &error));
  g_assert_no_error (error);
  mp_test_wait_until (store_locked, store);
  g_assert_null (gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (window))));

  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  g_application_quit (G_APPLICATION (application));
  g_clear_object (&application);
  g_dbus_connection_close_sync (app_side, NULL, NULL);
  g_dbus_connection_close_sync (logind, NULL, NULL);
  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  mp_test_remove_dir (dir);
}

/* A case whose record was changed outside Meldpunt (issue 18): the desk
 * opens, and its page says that it is damaged, naming it, instead of
 * showing a checklist of what could not be read; the other case shows. */
static void
test_damaged_case (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MpCase) bad = NULL;
  g_autoptr(MpCase) good = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;
  MpCasePage *page;
  GtkStack *stack;
  const char *damage;
  sqlite3 *db = NULL;

  add_case (store, "Sound case");
  add_case (store, "Case to damage");
  g_assert_finalize_object (store);
  path = g_build_filename (dir, "desk.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cases SET record = substr (record, 1, 40)"
                                     " || CASE WHEN substr (record, 41, 1) = x'00' THEN x'01' ELSE x'00' END"
                                     " || substr (record, 42) WHERE id = 2", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  window = open_window (path);
  store = mp_window_get_store (window);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 2);
  good = g_list_model_get_item (mp_store_get_cases (store), 0);
  bad = g_list_model_get_item (mp_store_get_cases (store), 1);
  damage = mp_store_get_case_damage (store, bad);
  g_assert_nonnull (damage);
  g_assert_nonnull (strstr (damage, mp_case_get_reference (bad)));

  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (page), MP_TYPE_CASE_PAGE, "stack"));
  mp_case_page_set_case (page, bad);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "damaged");
  g_assert_true (shows_label (GTK_WIDGET (page), damage));

  mp_case_page_set_case (page, good);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "case");

  g_clear_object (&good);
  g_clear_object (&bad);
  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MELDPUNT_NOW", "2026-03-10T09:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, "en");

  g_test_add_func ("/ui/trust/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/ui/trust/change-passphrase", test_change_passphrase);
  g_test_add_func ("/ui/trust/keyring-fails-quietly", test_keyring_fails_quietly);
  g_test_add_func ("/ui/trust/about-audit", test_about_audit);
  g_test_add_func ("/ui/trust/clipboard-forgets", test_clipboard_forgets);
  g_test_add_func ("/ui/trust/keyring-round-trip", test_keyring_round_trip);
  g_test_add_func ("/ui/trust/markers-through-the-ui", test_markers_through_the_ui);
  g_test_add_func ("/ui/trust/lock-before-sleep", test_lock_before_sleep);
  g_test_add_func ("/ui/trust/damaged-case", test_damaged_case);
  return g_test_run ();
}
