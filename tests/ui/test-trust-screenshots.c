/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Renders the trust dialogs (restore, change passphrase, the Security
 * preferences, about) to PNG files under the build directory's
 * screenshots/LANGUAGE/, to look at after each change.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mp-application.h"
#include "mp-backup-actions.h"
#include "mp-case-page.h"
#include "mp-preferences-window.h"
#include "mp-security-rows.h"
#include "mp-unlock-page.h"
#include "mp-test-util.h"
#include "mp-window-private.h"

static char *language;

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *dir = g_build_filename (MP_TEST_SCREENSHOT_DIR, language, NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  mp_test_wait_for_draw (widget);
  mp_test_save_png (widget, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static GtkWidget *
first_shown_row (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child) && gtk_widget_get_mapped (child))
        return child;
      if ((found = first_shown_row (child)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_trust_dialogs (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autofree char *backup = NULL;
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, store));
  MpPreferencesWindow *preferences;
  GtkWidget *dialog;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));

  backup = g_build_filename (dir, "meldpunt-backup-2026-03-10.db", NULL);
  dialog = _mp_backup_actions_confirm_restore (GTK_WIDGET (window), backup);
  shoot (dialog, "restore-confirm");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));

  preferences = mp_preferences_window_new (GTK_WINDOW (window), store);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 720);
  gtk_window_present (GTK_WINDOW (preferences));
  shoot (GTK_WIDGET (preferences), "preferences-security");

  dialog = mp_passphrase_dialog_new (GTK_WINDOW (preferences), store);
  gtk_window_present (GTK_WINDOW (dialog));
  _mp_passphrase_dialog_submit (dialog, "correct horse battery", "nieuwe zin voor het meldpunt",
                                "nieuwe zon voor het meldpunt");
  shoot (dialog, "change-passphrase");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (preferences)));

  dialog = mp_application_show_about (GTK_WINDOW (window));
  shoot (dialog, "about");
  /* the Details page, which shows the audit line */
  gtk_widget_activate (first_shown_row (dialog));
  shoot (dialog, "about-details");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));

  /* After an erase: the backups made before it that still hold its data. */
  {
    g_autoptr(MpCase) draft = mp_case_new ();
    g_autoptr(MpCase) kase = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (mp_store_backup (store, backup, &error));
    g_assert_no_error (error);
    mp_case_set_text (draft, "title", "Directory listing on the test server");
    kase = mp_store_add_case (store, draft, &error);
    g_assert_no_error (error);
    g_assert_true (mp_store_set_answer (store, kase, "close.closed_on", "2026-03-10", NULL, &error));
    g_assert_true (mp_store_erase_case (store, kase, &error));
    g_assert_no_error (error);
    dialog = mp_backup_actions_offer_delete_erased (GTK_WIDGET (window), store);
    g_assert_nonnull (dialog);
    shoot (dialog, "erase-backups");
    mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));
  }

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_store_lock (store);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

/* A desk with one case changed outside Meldpunt (issue 18). */
static void
test_damaged_case (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(MpCase) bad = NULL;
  g_autoptr(GError) error = NULL;
  MpStore *store = mp_test_new_store (&dir);
  const char *titles[] = { "Password reset link leaks the account id", "Open redirect on the portal" };
  MpWindow *window;
  sqlite3 *db = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(MpCase) draft = mp_case_new ();
      g_autoptr(MpCase) kase = NULL;

      mp_case_set_text (draft, "title", titles[i]);
      kase = mp_store_add_case (store, draft, &error);
      g_assert_no_error (error);
    }
  g_assert_finalize_object (store);
  path = g_build_filename (dir, "desk.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE cases SET record = substr (record, 1, 40) || x'00'"
                                     " || substr (record, 42) WHERE id = 2", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  window = g_object_ref (mp_window_new (NULL, path));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  store = mp_window_get_store (window);
  g_assert_true (mp_store_unlock (store, "correct horse battery", &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL),
                         "unlocked");
  bad = g_list_model_get_item (mp_store_get_cases (store), 1);
  mp_case_page_set_case (MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE,
                                                            NULL)), bad);
  shoot (GTK_WIDGET (window), "damaged-case");

  g_clear_object (&bad);
  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--language"))
      language = g_strdup (argv[i + 1]);
  if (language == NULL)
    language = g_strdup ("en");
  /* drop --language LANG before GTest sees the arguments */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--language") && i + 1 < argc)
      {
        for (int j = i; j + 2 <= argc; j++)
          argv[j] = argv[j + 2];
        argc -= 2;
        break;
      }

  g_setenv ("MELDPUNT_NOW", "2026-03-10T09:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, language);
  /* what stays on screen, not a transition half-way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/screenshots/trust-dialogs", test_trust_dialogs);
  g_test_add_func ("/ui/screenshots/damaged-case", test_damaged_case);
  return g_test_run ();
}
