/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Preferences → Desk Key (issue 21): a key generated from the page, its
 * fingerprint and expiry shown, the public key copied; a refused generate
 * or import says why and keeps what was typed; a secret key made by the
 * real gpg imported with its passphrase, after the page asked before
 * replacing the desk's key. Writes desk-key-LANG.png for the README.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-desk-key-page.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"

#define KEY_PASSPHRASE "sleutel van de balie"

static const char *language = "en";

typedef struct
{
  char                *dir;
  MpStore             *store;
  MpPreferencesWindow *window;
  MpDeskKeyPage       *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = mp_test_new_store (&fixture->dir);
  fixture->window = g_object_ref (mp_preferences_window_new (NULL, fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 720, 860);
  fixture->page = MP_DESK_KEY_PAGE (mp_test_find_widget (GTK_WIDGET (fixture->window),
                                                         MP_TYPE_DESK_KEY_PAGE, NULL));
  g_assert_nonnull (fixture->page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture->window),
                                           ADW_PREFERENCES_PAGE (fixture->page));
  gtk_window_present (GTK_WINDOW (fixture->window));
  mp_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mp_test_destroy_window (GTK_WINDOW (fixture->window));
  mp_test_run_pending ();
  /* The preferences window's other pages may hold the store a while
   * longer (their idle work), as in test-legal-group. */
  g_clear_object (&fixture->store);
  mp_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
find (Fixture    *fixture,
      GType       type,
      const char *name)
{
  GtkWidget *widget = mp_test_find_widget (GTK_WIDGET (fixture->page), type, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
set_text (Fixture    *fixture,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find (fixture, GTK_TYPE_WIDGET, name)), text);
}

static const char *
get_text (Fixture    *fixture,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (find (fixture, GTK_TYPE_WIDGET, name)));
}

static void
click (Fixture    *fixture,
       const char *name)
{
  GtkWidget *button = find (fixture, GTK_TYPE_BUTTON, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static char *
grouped (const char *fingerprint)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; fingerprint[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (text, ' ');
      g_string_append_c (text, fingerprint[i]);
    }
  return g_string_free (text, FALSE);
}

static void
assert_shows_key (Fixture *fixture)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *expected = NULL;
  gint64 expires_at = 0;

  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, &expires_at, NULL,
                                             NULL));
  expected = grouped (fingerprint);
  g_assert_true (gtk_widget_get_visible (find (fixture, ADW_TYPE_ACTION_ROW,
                                               "key-fingerprint-row")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (fixture, GTK_TYPE_LABEL,
                                                        "key-fingerprint"))), ==, expected);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (fixture, ADW_TYPE_ACTION_ROW,
                                                                      "key-expiry"))), !=, "");
}

static gboolean
generate_done (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_sensitive (find (fixture, GTK_TYPE_BUTTON, "generate-key"));
}

/* Generating runs GnuPG in a worker thread: the form waits, unsendable,
 * until the key is made and stored. */
static void
click_generate_and_wait (Fixture *fixture)
{
  GtkWidget *button = find (fixture, GTK_TYPE_BUTTON, "generate-key");

  click (fixture, "generate-key");
  if (_mp_desk_key_page_get_problem (fixture->page) == NULL)
    {
      g_assert_false (gtk_widget_get_sensitive (button));
      mp_test_wait_until (generate_done, fixture);
    }
}

/* Generate: refused twice with the reason and what was typed kept, then
 * made; its fingerprint shown and its public key copied. */
static void
test_generate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 2);
  g_autofree char *default_expiry = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *public_key = NULL;
  GdkContentProvider *content;
  GValue value = G_VALUE_INIT;

  g_assert_false (mp_store_get_desk_key_info (fixture->store, NULL, NULL, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (find (fixture, ADW_TYPE_ACTION_ROW,
                                                "key-fingerprint-row")));
  g_assert_cmpstr (get_text (fixture, "key-expires"), ==, default_expiry);

  set_text (fixture, "key-name", "Meldpunt ICT Teamwork");
  set_text (fixture, "key-email", "geen adres");
  click (fixture, "generate-key");
  g_assert_nonnull (_mp_desk_key_page_get_problem (fixture->page));
  g_assert_nonnull (strstr (_mp_desk_key_page_get_problem (fixture->page), "geen adres"));
  g_assert_cmpstr (get_text (fixture, "key-name"), ==, "Meldpunt ICT Teamwork");
  g_assert_false (mp_store_get_desk_key_info (fixture->store, NULL, NULL, NULL, NULL));

  set_text (fixture, "key-email", "security@ictteamwork.nl");
  set_text (fixture, "key-expires", "31-12-2028");
  click (fixture, "generate-key");
  g_assert_nonnull (_mp_desk_key_page_get_problem (fixture->page));
  g_assert_cmpstr (get_text (fixture, "key-expires"), ==, "31-12-2028");
  g_assert_false (mp_store_get_desk_key_info (fixture->store, NULL, NULL, NULL, NULL));

  set_text (fixture, "key-expires", default_expiry);
  click_generate_and_wait (fixture);
  g_assert_null (_mp_desk_key_page_get_problem (fixture->page));
  assert_shows_key (fixture);

  click (fixture, "copy-public-key");
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (fixture->page)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_true (mp_store_get_desk_key_info (fixture->store, NULL, NULL, &public_key, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, public_key);
  g_assert_nonnull (strstr (public_key, "BEGIN PGP PUBLIC KEY BLOCK"));
  g_value_unset (&value);

  mp_test_wait_for_draw (GTK_WIDGET (fixture->window));
  {
    g_autofree char *dir = g_build_filename (MP_TEST_SCREENSHOT_DIR, NULL);
    g_autofree char *name = g_strdup_printf ("desk-key-%s.png", language);
    g_autofree char *path = g_build_filename (dir, name, NULL);

    g_mkdir_with_parents (dir, 0755);
    mp_test_save_png (GTK_WIDGET (fixture->window), path);
  }
}

static char *
gpg (const char  *home,
     const char **args,
     GError     **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;

  g_ptr_array_add (argv, (char *) "gpg");
  g_ptr_array_add (argv, (char *) "--homedir");
  g_ptr_array_add (argv, (char *) home);
  g_ptr_array_add (argv, (char *) "--batch");
  g_ptr_array_add (argv, (char *) "--pinentry-mode");
  g_ptr_array_add (argv, (char *) "loopback");
  g_ptr_array_add (argv, (char *) "--passphrase");
  g_ptr_array_add (argv, (char *) KEY_PASSPHRASE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               error);
  if (process == NULL || !g_subprocess_communicate (process, NULL, NULL, &out, NULL, error))
    return NULL;
  g_assert_true (g_subprocess_get_successful (process));
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static void
respond (Fixture    *fixture,
         const char *response)
{
  AdwMessageDialog *dialog = _mp_desk_key_page_get_dialog (fixture->page);

  g_assert_nonnull (dialog);
  mp_test_wait_for_draw (GTK_WIDGET (dialog));
  adw_message_dialog_response (dialog, response);
  g_assert_null (_mp_desk_key_page_get_dialog (fixture->page));
}

/* Import: the desk already has a key, so the page asks first; a wrong
 * passphrase is refused and the file and passphrase stay; the right one
 * makes gpg's key the desk's. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (fixture->dir, "gnupg", NULL);
  g_autofree char *key_path = g_build_filename (fixture->dir, "balie.asc", NULL);
  g_autofree char *secret = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *gpg_fingerprint = NULL;
  g_autofree char *first = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GFile) file = NULL;
  const char *generate[] = { "--quick-generate-key", "Balie <balie@example.nl>", "ed25519",
                             "sign,cert", "2y", NULL };
  const char *export[] = { "--armor", "--export-secret-keys", "balie@example.nl", NULL };
  const char *list[] = { "--with-colons", "--list-secret-keys", "balie@example.nl", NULL };
  const char *kill[] = { "gpgconf", "--homedir", NULL, "--kill", "all", NULL };
  char **lines;

  /* The desk has a key already. */
  set_text (fixture, "key-email", "security@ictteamwork.nl");
  click_generate_and_wait (fixture);
  g_assert_true (mp_store_get_desk_key_info (fixture->store, &first, NULL, NULL, NULL));

  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  g_free (gpg (home, generate, &error));
  g_assert_no_error (error);
  secret = gpg (home, export, &error);
  g_assert_no_error (error);
  listing = gpg (home, list, &error);
  g_assert_no_error (error);
  kill[2] = home;
  g_spawn_sync (NULL, (char **) kill, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  lines = g_strsplit (listing, "\n", -1);
  for (guint i = 0; lines[i] != NULL && gpg_fingerprint == NULL; i++)
    if (g_str_has_prefix (lines[i], "fpr:"))
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ":", -1);

        gpg_fingerprint = g_strdup (fields[9]);
      }
  g_strfreev (lines);
  g_assert_nonnull (gpg_fingerprint);
  g_assert_true (g_file_set_contents (key_path, secret, -1, &error));
  g_assert_no_error (error);

  file = g_file_new_for_path (key_path);
  _mp_desk_key_page_set_key_file (fixture->page, file);
  set_text (fixture, "key-passphrase", "verkeerd");
  click (fixture, "import-key");
  respond (fixture, "replace");
  g_assert_nonnull (_mp_desk_key_page_get_problem (fixture->page));
  g_assert_cmpstr (get_text (fixture, "key-passphrase"), ==, "verkeerd");
  g_assert_true (gtk_widget_get_sensitive (find (fixture, GTK_TYPE_BUTTON, "import-key")));
  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, NULL, NULL, NULL));
  g_assert_cmpstr (fingerprint, ==, first);
  g_clear_pointer (&fingerprint, g_free);

  /* Cancel leaves everything as it was. */
  set_text (fixture, "key-passphrase", KEY_PASSPHRASE);
  click (fixture, "import-key");
  respond (fixture, "cancel");
  g_assert_cmpstr (get_text (fixture, "key-passphrase"), ==, KEY_PASSPHRASE);
  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, NULL, NULL, NULL));
  g_assert_cmpstr (fingerprint, ==, first);
  g_clear_pointer (&fingerprint, g_free);

  click (fixture, "import-key");
  respond (fixture, "replace");
  g_assert_null (_mp_desk_key_page_get_problem (fixture->page));
  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, NULL, NULL, NULL));
  g_assert_cmpstr (fingerprint, ==, gpg_fingerprint);
  g_assert_cmpstr (get_text (fixture, "key-passphrase"), ==, "");
  assert_shows_key (fixture);
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--ui-language="))
      language = argv[i] + strlen ("--ui-language=");
  /* gtk_test_init would refuse the option. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--ui-language="))
      {
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }
  mp_test_init_ui (&argc, &argv, language);

  g_test_add ("/ui/desk-key/generate", Fixture, NULL, fixture_set_up, test_generate,
              fixture_tear_down);
  g_test_add ("/ui/desk-key/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  return g_test_run ();
}
