/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The Publish dialog (issue 24): the four documents with their state, the
 * preview, Save… (with the renewal on the calendar and the signature when
 * the desk has a key), the security.txt checker, and screenshots of it in
 * the language the test runs in.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-calendar-view.h"
#include "mp-deadlines.h"
#include "mp-openpgp.h"
#include "mp-policy.h"
#include "mp-publish-dialog-private.h"
#include "mp-test-util.h"
#include "mp-window-private.h"

static char *language;

static void
set (MpStore    *store,
     const char *key,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_set_setting (store, key, value, &error));
  g_assert_no_error (error);
}

static void
settle (GtkWidget *window)
{
  mp_test_run_pending ();
  mp_test_wait_for_draw (window);
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autofree char *dir = g_build_filename (MP_TEST_SCREENSHOT_DIR, language, NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  settle (window);
  mp_test_save_png (window, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static gboolean
has_renewal (MpStore    *store,
             const char *domain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) open = mp_deadlines_list_open (store, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (open); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (open, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), "security-txt-renewal") &&
          g_str_equal (mp_deadline_get_reference (deadline), domain))
        return TRUE;
    }
  return FALSE;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
test_publish (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  gboolean dutch = g_str_equal (language, "nl");
  MpPublishDialog *dialog;

  set (store, "desk.email", "security@example.nl");
  set (store, "assets.domains", "example.nl, voorbeeld.nl");

  dialog = g_object_ref (mp_publish_dialog_new (NULL, store));
  gtk_window_present (GTK_WINDOW (dialog));
  settle (GTK_WIDGET (dialog));

  /* The state of each document, before anything was published. */
  g_assert_nonnull (strstr (_mp_publish_dialog_get_state (dialog, MP_PUBLISH_DOCUMENT_SECURITY_TXT),
                            dutch ? "nog niet gepubliceerd" : "not published yet"));
  g_assert_nonnull (strstr (_mp_publish_dialog_get_state (dialog, MP_PUBLISH_DOCUMENT_CSAF),
                            dutch ? "Nog geen opgeloste zaak" : "No fixed case"));
  preview = _mp_publish_dialog_get_preview (dialog);
  g_assert_nonnull (strstr (preview, "Contact: mailto:security@example.nl\n"));
  g_assert_nonnull (strstr (preview, "Canonical: https://example.nl/.well-known/security.txt"));
  g_assert_nonnull (strstr (preview, "not signed"));
  g_clear_pointer (&preview, g_free);

  /* Save…: the file, and its renewal on the calendar. */
  g_assert_false (has_renewal (store, "example.nl"));
  path = g_build_filename (dir, "security.txt", NULL);
  g_assert_true (_mp_publish_dialog_save_to (dialog, path, &error));
  g_assert_no_error (error);
  saved = read_file (path);
  g_assert_true (g_str_has_prefix (saved, "# This file is not signed"));
  g_assert_true (has_renewal (store, "example.nl"));
  g_assert_false (has_renewal (store, "voorbeeld.nl"));
  g_assert_nonnull (strstr (_mp_publish_dialog_get_state (dialog, MP_PUBLISH_DOCUMENT_SECURITY_TXT),
                            dutch ? "actueel, verloopt over" : "current, expires in"));

  /* The policy, in the interface's language first, as HTML, then text. */
  _mp_publish_dialog_select (dialog, MP_PUBLISH_DOCUMENT_POLICY);
  settle (GTK_WIDGET (dialog));
  preview = _mp_publish_dialog_get_preview (dialog);
  g_assert_nonnull (strstr (preview, dutch ? "<html lang=\"nl\"" : "<html lang=\"en\""));
  g_assert_nonnull (strstr (preview, "72"));
  g_clear_pointer (&preview, g_free);
  shoot (GTK_WIDGET (dialog), "publish-policy");

  _mp_publish_dialog_select (dialog, MP_PUBLISH_DOCUMENT_HALL_OF_FAME);
  preview = _mp_publish_dialog_get_preview (dialog);
  g_assert_nonnull (strstr (preview, "<html"));
  g_clear_pointer (&preview, g_free);

  /* The checker on the file just saved, and on a broken one. */
  g_assert_cmpuint (_mp_publish_dialog_check_text (dialog, saved), >=, 3);
  settle (GTK_WIDGET (dialog));
  shoot (GTK_WIDGET (dialog), "publish-check");
  g_assert_cmpuint (_mp_publish_dialog_check_text (dialog, "Policy: http://example.nl/\n"), >=, 3);

  /* A key that expires before the file: signed, and the state says so. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) soon = g_date_time_add_days (now, 100);

    g_assert_true (mp_openpgp_generate_desk_key (store, "Voorbeeld Servicedesk",
                                                 "security@example.nl",
                                                 g_date_time_to_unix (soon), &error));
    g_assert_no_error (error);
  }
  _mp_publish_dialog_select (dialog, MP_PUBLISH_DOCUMENT_SECURITY_TXT);
  g_assert_true (_mp_publish_dialog_save_to (dialog, path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&saved, g_free);
  saved = read_file (path);
  g_assert_true (g_str_has_prefix (saved, "-----BEGIN PGP SIGNED MESSAGE-----"));
  g_assert_nonnull (strstr (_mp_publish_dialog_get_state (dialog, MP_PUBLISH_DOCUMENT_SECURITY_TXT),
                            dutch ? "sleutel van het meldpunt verloopt eerder"
                                  : "the desk's key expires first"));
  shoot (GTK_WIDGET (dialog), "publish");

  mp_test_destroy_window (GTK_WINDOW (dialog));
  g_assert_finalize_object (g_steal_pointer (&store));
  mp_test_remove_dir (dir);
}

static MpPublishDialog *
find_publish_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (MP_IS_PUBLISH_DIALOG (window))
        return MP_PUBLISH_DIALOG (window);
    }
  return NULL;
}

/* The main menu's Publish… and the calendar's renewal both open it. */
static void
test_window_opens_it (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  MpPublishDialog *dialog;
  MpWindow *window;
  GtkWidget *calendar;

  set (store, "desk.email", "security@example.nl");
  set (store, "assets.domains", "example.nl");
  g_assert_true (mp_store_record_publication (store, "security.txt", "example.nl",
                                              mp_time_now (), mp_time_now () + 300 * G_TIME_SPAN_DAY,
                                              FALSE, &error));
  g_assert_no_error (error);
  window = g_object_ref (_mp_window_new_for_store (NULL, store));
  gtk_window_present (GTK_WINDOW (window));
  settle (GTK_WIDGET (window));

  g_assert_null (find_publish_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  settle (GTK_WIDGET (window));
  dialog = find_publish_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));
  settle (GTK_WIDGET (window));
  g_assert_null (find_publish_dialog ());

  calendar = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CALENDAR_VIEW, NULL);
  g_assert_nonnull (calendar);
  g_signal_emit_by_name (calendar, "open-case", "example.nl", "security-txt-renewal");
  settle (GTK_WIDGET (window));
  dialog = find_publish_dialog ();
  g_assert_nonnull (dialog);
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));

  mp_test_destroy_window (GTK_WINDOW (window));
  g_assert_finalize_object (g_steal_pointer (&store));
  mp_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--language"))
      language = g_strdup (argv[i + 1]);
  if (language == NULL)
    language = g_strdup ("en");
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--language") && i + 1 < argc)
      {
        memmove (&argv[i], &argv[i + 2], (argc - i - 1) * sizeof (char *));
        argc -= 2;
        break;
      }
  mp_test_init_ui (&argc, &argv, language);
  g_test_add_func ("/publish/dialog", test_publish);
  g_test_add_func ("/publish/window", test_window_opens_it);
  return g_test_run ();
}
