/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A desk file put back from an older copy: the desk page says so in a
 * banner, and Accept takes the file as the desk's newest state. A desk
 * that was not rolled back shows no banner.
 *
 * `test-rollback-banner --language nl --screenshot FILE` also writes the
 * window with the banner to FILE (to look at it, not a test).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-rollback-banner.h"
#include "mp-test-util.h"
#include "mp-unlock-page.h"
#include "mp-window.h"

#define PASSPHRASE "correct horse battery"

static const char *language = "en";
static const char *screenshot = NULL;

static void
add_case (MpStore    *store,
          const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  mp_case_set_text (draft, "title", title);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents_full (to, contents, (gssize) length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
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
  g_assert_true (mp_store_unlock (mp_window_get_store (window), PASSPHRASE, &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL),
                         "unlocked");
  mp_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static GtkRevealer *
banner_revealer (MpWindow *window)
{
  GtkWidget *banner = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_ROLLBACK_BANNER, NULL);

  g_assert_nonnull (banner);
  return GTK_REVEALER (mp_test_find_widget (banner, GTK_TYPE_REVEALER, NULL));
}

static gboolean
banner_shown (gpointer window)
{
  GtkRevealer *revealer = banner_revealer (window);

  return gtk_revealer_get_reveal_child (revealer) && gtk_revealer_get_child_revealed (revealer);
}

static gboolean
banner_hidden (gpointer window)
{
  GtkRevealer *revealer = banner_revealer (window);

  return !gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer);
}

static void
test_rolled_back (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;
  GtkLabel *label;
  GtkWidget *accept;

  add_case (store, "Before the copy");
  path = g_strdup (mp_store_get_path (store));
  mp_store_lock (store);
  g_assert_finalize_object (store);
  copy = g_build_filename (dir, "older-copy.db", NULL);
  copy_file (path, copy);

  /* Two more entries, then the older copy put back by another program. */
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  add_case (store, "After the copy");
  add_case (store, "Later still");
  g_assert_finalize_object (store);
  wal = g_strconcat (path, "-wal", NULL);
  g_unlink (wal);
  copy_file (copy, path);

  window = open_window (path);
  store = mp_window_get_store (window);
  g_assert_true (mp_store_get_rollback (store, NULL, NULL));
  mp_test_wait_until (banner_shown, window);
  label = GTK_LABEL (mp_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                          "rollback-banner-label"));
  g_assert_nonnull (label);
  if (g_str_equal (language, "en"))
    g_assert_cmpstr (gtk_label_get_label (label), ==,
                     "This desk file is older than the one last opened on this computer: "
                     "2 audit entries are missing. It may have been replaced by an older copy.");
  else
    g_assert_nonnull (strstr (gtk_label_get_label (label), "2"));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  if (screenshot != NULL)
    mp_test_save_png (GTK_WIDGET (window), screenshot);

  /* Accepted (restored on purpose from elsewhere): the banner goes, and
   * stays away after locking and unlocking. */
  accept = mp_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "rollback-accept");
  g_assert_nonnull (accept);
  g_assert_true (gtk_widget_is_sensitive (accept));
  gtk_widget_activate (accept);
  mp_test_wait_until (banner_hidden, window);
  g_assert_false (mp_store_get_rollback (store, NULL, NULL));
  mp_store_lock (store);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (banner_hidden (window));

  mp_test_destroy_window (GTK_WINDOW (window));
  g_unlink (copy);
  mp_test_remove_dir (dir);
}

static void
test_not_rolled_back (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;

  add_case (store, "Only case");
  path = g_strdup (mp_store_get_path (store));
  mp_store_lock (store);
  g_assert_finalize_object (store);

  window = open_window (path);
  g_assert_false (mp_store_get_rollback (mp_window_get_store (window), NULL, NULL));
  g_assert_true (banner_hidden (window));
  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* --language LANG and --screenshot FILE, taken out before GTest sees
   * the arguments */
  for (int i = 1; i + 1 < argc;)
    {
      if (g_str_equal (argv[i], "--language") || g_str_equal (argv[i], "--screenshot"))
        {
          if (g_str_equal (argv[i], "--language"))
            language = argv[i + 1];
          else
            screenshot = argv[i + 1];
          for (int j = i; j + 2 <= argc; j++)
            argv[j] = argv[j + 2];
          argc -= 2;
        }
      else
        i++;
    }
  mp_test_init_ui (&argc, &argv, language);

  g_test_add_func ("/ui/rollback-banner/not-rolled-back", test_not_rolled_back);
  g_test_add_func ("/ui/rollback-banner/rolled-back", test_rolled_back);

  return g_test_run ();
}
