/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Encrypted reports in the window (issue 21), with the real gpg and no
 * stand-ins: the walk of a new desk (generate the key in Preferences, copy
 * the public key, receive a report encrypted and signed to it by gpg,
 * import it into the window and read it), the reporter's key pasted on the
 * case page (refused text kept), the signature verdict, and letters copied
 * encrypted (decrypted and verified by gpg) or, without a key, the offer
 * to ask for one; locking the desk removes its private GnuPG homes. Writes encryption-walk-*-LANG.png for the README.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-case-page.h"
#include "mp-desk-key-page.h"
#include "mp-eml-intake.h"
#include "mp-encryption-group.h"
#include "mp-letter-row.h"
#include "mp-openpgp.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"
#include "mp-window-private.h"

static const char *language = "en";

typedef struct
{
  char    *dir;
  char    *reporter_home;
  char    *reporter_key;          /* armored public key */
  char    *reporter_fingerprint;
  MpStore *store;
} Fixture;

static char *
gpg (const char  *home,
     const char **args,
     const char  *input,
     gboolean     must_succeed)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *common[] = { "gpg", "--homedir", home, "--batch", "--pinentry-mode", "loopback",
                           "--passphrase", "", "--trust-model", "always", NULL };

  for (guint i = 0; common[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) common[i]);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, in, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (must_succeed)
    g_assert_true (g_subprocess_get_successful (process));
  return g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *generate[] = { "--quick-generate-key", "Jan de Vries <jan@example.org>",
                             "future-default", "default", "1y", NULL };
  const char *export[] = { "--armor", "--export", "jan@example.org", NULL };
  const char *list[] = { "--with-colons", "--list-keys", "jan@example.org", NULL };
  g_autofree char *listing = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  fixture->store = mp_test_new_store (&fixture->dir);
  g_assert_true (mp_store_set_setting (fixture->store, "desk.email", "security@voorbeeld.nl",
                                       &error));
  g_assert_no_error (error);
  fixture->reporter_home = g_build_filename (fixture->dir, "jan", NULL);
  g_assert_cmpint (g_mkdir (fixture->reporter_home, 0700), ==, 0);
  g_free (gpg (fixture->reporter_home, generate, NULL, TRUE));
  fixture->reporter_key = gpg (fixture->reporter_home, export, NULL, TRUE);
  listing = gpg (fixture->reporter_home, list, NULL, TRUE);
  lines = g_strsplit (listing, "\n", -1);
  for (guint i = 0; lines[i] != NULL && fixture->reporter_fingerprint == NULL; i++)
    if (g_str_has_prefix (lines[i], "fpr:"))
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ":", -1);

        fixture->reporter_fingerprint = g_strdup (fields[9]);
      }
  g_assert_nonnull (fixture->reporter_fingerprint);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *kill[] = { "gpgconf", "--homedir", fixture->reporter_home, "--kill", "all", NULL };

  g_spawn_sync (NULL, (char **) kill, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  mp_test_run_pending ();
  g_clear_object (&fixture->store);
  mp_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->reporter_home);
  g_free (fixture->reporter_key);
  g_free (fixture->reporter_fingerprint);
}

/* The report Jan sends: Dutch text and his key attached, inside a part
 * signed by him and encrypted by gpg to @desk_key (armored, public). */
static char *
encrypted_report (Fixture    *fixture,
                  const char *desk_key,
                  gboolean    with_key)
{
  const char *import[] = { "--import", NULL };
  const char *encrypt[] = { "--armor", "--sign", "--local-user", "jan@example.org", "--encrypt",
                            "--recipient", "security@voorbeeld.nl", NULL };
  g_autoptr(GString) inner = g_string_new (NULL);
  g_autofree char *cipher = NULL;

  g_free (gpg (fixture->reporter_home, import, desk_key, TRUE));
  g_string_append (inner,
                   "Content-Type: multipart/mixed; boundary=\"binnen\"\n\n"
                   "--binnen\nContent-Type: text/plain; charset=utf-8\n"
                   "Content-Transfer-Encoding: 8bit\n\n"
                   "Geachte heer, mevrouw,\n\n"
                   "Het klantportaal op https://portaal.voorbeeld.nl toont de facturen van andere "
                   "klanten: verander het nummer in /api/factuur/1041 in 1042.\n"
                   "Impact: iedereen met een account kan alle facturen lezen, met naam, adres en "
                   "IBAN.\n\nMet vriendelijke groet,\nJan de Vries\n");
  if (with_key)
    g_string_append_printf (inner,
                            "--binnen\nContent-Type: application/pgp-keys; name=\"jan.asc\"\n"
                            "Content-Disposition: attachment; filename=\"jan.asc\"\n\n%s",
                            fixture->reporter_key);
  g_string_append (inner, "--binnen--\n");
  cipher = gpg (fixture->reporter_home, encrypt, inner->str, TRUE);
  return g_strdup_printf ("From: Jan de Vries <jan@example.org>\n"
                          "To: security@voorbeeld.nl\n"
                          "Subject: Facturen van andere klanten zichtbaar\n"
                          "Date: Mon, 7 Dec 2026 10:00:00 +0100\n"
                          "MIME-Version: 1.0\n"
                          "Content-Type: multipart/encrypted; "
                          "protocol=\"application/pgp-encrypted\"; boundary=\"grens\"\n\n"
                          "--grens\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n\n"
                          "--grens\nContent-Type: application/octet-stream\n\n%s\n--grens--\n",
                          cipher);
}

static gboolean
generate_button_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (mp_test_find_widget (data, GTK_TYPE_BUTTON, "generate-key"));
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  GValue value = G_VALUE_INIT;
  char *text;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = mp_test_find_widget (root, GTK_TYPE_BUTTON, name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
group_checked (gpointer group)
{
  return !_mp_encryption_group_is_busy (group);
}

static void
wait_until_checked (MpEncryptionGroup *group)
{
  mp_test_wait_until (group_checked, group);
}

typedef struct
{
  MpEmlIntake *intake;
  MpCasePage  *case_page;
} ImportWait;

static gboolean
import_shown (gpointer data)
{
  ImportWait *wait = data;

  return mp_eml_intake_get_n_pending (wait->intake) == 0 &&
         mp_case_page_get_case (wait->case_page) != NULL;
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *name)
{
  GtkWidget *row = mp_test_find_widget (root, ADW_TYPE_ACTION_ROW, name);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *what)
{
  g_autofree char *name = g_strdup_printf ("encryption-walk-%s-%s.png", what, language);
  g_autofree char *path = g_build_filename (MP_TEST_SCREENSHOT_DIR, name, NULL);

  g_mkdir_with_parents (MP_TEST_SCREENSHOT_DIR, 0755);
  mp_test_wait_for_draw (widget);
  mp_test_save_png (widget, path);
}

/* The whole walk, as a new desk does it, through the window. */
static void
test_walk (Fixture       *fixture,
           gconstpointer  data)
{
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, fixture->store));
  MpPreferencesWindow *preferences;
  MpDeskKeyPage *page;
  MpEmlIntake *intake;
  ImportWait wait;
  MpCasePage *case_page;
  MpEncryptionGroup *group;
  g_autofree char *public_key = NULL;
  g_autofree char *stored_key = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  MpCase *kase;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* 1. Preferences → Desk Key → Generate Key, then Copy. */
  preferences = g_object_ref (mp_preferences_window_new (GTK_WINDOW (window), fixture->store));
  gtk_window_set_default_size (GTK_WINDOW (preferences), 720, 860);
  page = MP_DESK_KEY_PAGE (mp_test_find_widget (GTK_WIDGET (preferences), MP_TYPE_DESK_KEY_PAGE,
                                                NULL));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (preferences));
  mp_test_wait_for_draw (GTK_WIDGET (preferences));
  click (GTK_WIDGET (page), "generate-key");
  g_assert_null (_mp_desk_key_page_get_problem (page));
  /* GnuPG makes the key in a worker thread; the button comes back after. */
  mp_test_wait_until (generate_button_sensitive, page);
  g_assert_null (_mp_desk_key_page_get_problem (page));
  click (GTK_WIDGET (page), "copy-public-key");
  public_key = clipboard_text (GTK_WIDGET (page));
  g_assert_true (mp_store_get_desk_key_info (fixture->store, NULL, NULL, &stored_key, NULL));
  g_assert_cmpstr (public_key, ==, stored_key);
  save_screenshot (GTK_WIDGET (preferences), "1-key");
  mp_test_destroy_window (GTK_WINDOW (preferences));

  /* 2. The reporter encrypts to the exported key; the desk imports it. */
  message = encrypted_report (fixture, public_key, TRUE);
  g_assert_null (strstr (message, "klantportaal"));
  bytes = g_bytes_new (message, strlen (message));
  intake = _mp_window_get_eml_intake (window);
  mp_eml_intake_import_bytes (intake, bytes, "rapport.eml");
  case_page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  g_assert_nonnull (case_page);
  wait = (ImportWait) { intake, case_page };
  mp_test_wait_until (import_shown, &wait);

  /* 3. The report reads as Jan wrote it; his key is kept, his signature valid. */
  kase = mp_case_page_get_case (case_page);
  g_assert_nonnull (strstr (mp_case_get_description (kase), "toont de facturen van andere"));
  g_assert_true (mp_case_get_boolean (kase, "report_encrypted"));
  group = MP_ENCRYPTION_GROUP (mp_test_find_widget (GTK_WIDGET (case_page),
                                                    MP_TYPE_ENCRYPTION_GROUP, NULL));
  g_assert_nonnull (group);
  wait_until_checked (group);
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (group), "reporter-key"), ==,
                   fixture->reporter_fingerprint);
  g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (group), "encrypted-report"),
                            fixture->reporter_fingerprint));
  if (g_str_equal (language, "en"))
    g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (group), "encrypted-report"),
                              "the signature is valid"));
  save_screenshot (GTK_WIDGET (window), "2-report");
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    graphene_point_t point;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (group),
                                             gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                             &GRAPHENE_POINT_INIT (0, 0), &point));
    gtk_adjustment_set_value (adjustment, point.y - 24);
    save_screenshot (GTK_WIDGET (window), "3-signature");
  }

  /* 4. Ctrl+L locks the desk: its private GnuPG homes go with the keys. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MpOpenpgpHome) home = mp_openpgp_home_new_for_store (fixture->store, &error);
    g_autofree char *path = NULL;

    g_assert_no_error (error);
    path = g_strdup (mp_openpgp_home_get_path (home));
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
    g_assert_true (mp_store_is_locked (fixture->store));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_null (mp_openpgp_home_get_path (home));
  }

  mp_test_destroy_window (GTK_WINDOW (window));
}

/* A case whose report was encrypted and signed by Jan, imported while the
 * desk did not have Jan's key. */
static MpCase *
import_signed_report (Fixture *fixture)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autoptr(MpEmlReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *message = NULL;
  MpCase *kase;

  g_assert_true (mp_openpgp_generate_desk_key (fixture->store, "Voorbeeld Servicedesk",
                                               "security@voorbeeld.nl",
                                               g_get_real_time () / G_USEC_PER_SEC +
                                               365 * 24 * 3600, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_get_desk_key_info (fixture->store, NULL, NULL, &public_key, NULL));
  message = encrypted_report (fixture, public_key, FALSE);
  bytes = g_bytes_new (message, strlen (message));
  home = mp_openpgp_home_new_for_store (fixture->store, &error);
  g_assert_no_error (error);
  report = mp_openpgp_report_parse (home, bytes, 0, &error);
  g_assert_no_error (error);
  kase = mp_eml_report_store (report, fixture->store, &error);
  g_assert_no_error (error);
  return kase;
}

static void
respond (MpEncryptionGroup *group,
         const char        *text,
         const char        *response)
{
  AdwMessageDialog *dialog = _mp_encryption_group_get_dialog (group);
  GtkWidget *view;

  g_assert_nonnull (dialog);
  mp_test_wait_for_draw (GTK_WIDGET (dialog));
  view = mp_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, "reporter-key-text");
  g_assert_nonnull (view);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  adw_message_dialog_response (dialog, response);
}

static char *
dialog_text (MpEncryptionGroup *group)
{
  AdwMessageDialog *dialog = _mp_encryption_group_get_dialog (group);
  GtkWidget *view;
  GtkTextIter start, end;

  g_assert_nonnull (dialog);
  view = mp_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, "reporter-key-text");
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end,
                                   FALSE);
}

/* The verdict "key missing" until Jan's key is pasted; then "valid". Text
 * that is no key is refused and shown again as it was pasted. */
static void
test_paste_key (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MpCase) kase = import_signed_report (fixture);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  MpEncryptionGroup *group = mp_encryption_group_new ();
  g_autofree char *kept = NULL;
  g_autofree char *shown_again = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (group));
  gtk_window_present (GTK_WINDOW (window));
  mp_encryption_group_set_case (group, fixture->store, kase);
  wait_until_checked (group);
  g_assert_true (gtk_widget_get_visible (mp_test_find_widget (GTK_WIDGET (group),
                                                              ADW_TYPE_ACTION_ROW,
                                                              "encrypted-report")));
  g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (group), "encrypted-report"),
                            "which the desk does not have"));
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (group), "reporter-key"), ==,
                   "None yet: letters to the reporter cannot be encrypted.");

  click (GTK_WIDGET (group), "paste-key");
  respond (group, "Dit is geen sleutel.", "keep");
  shown_again = dialog_text (group);
  g_assert_cmpstr (shown_again, ==, "Dit is geen sleutel.");
  g_assert_null (mp_store_get_reporter_key (fixture->store, kase, NULL));

  respond (group, fixture->reporter_key, "keep");
  g_assert_null (_mp_encryption_group_get_dialog (group));
  kept = mp_store_get_reporter_key (fixture->store, kase, NULL);
  g_assert_cmpstr (kept, ==, fixture->reporter_key);
  wait_until_checked (group);
  g_assert_cmpstr (row_subtitle (GTK_WIDGET (group), "reporter-key"), ==,
                   fixture->reporter_fingerprint);
  g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (group), "encrypted-report"),
                            "the signature is valid"));

  mp_test_destroy_window (GTK_WINDOW (window));
}

/* Copy Encrypted gives what gpg decrypts, with the desk's good signature;
 * without a reporter key the letter offers to ask for one instead. */
static void
test_letters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(MpCase) kase = import_signed_report (fixture);
  g_autoptr(MpCase) other = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *armored = NULL;
  g_autofree char *clear = NULL;
  g_autofree char *status_file = g_build_filename (fixture->dir, "status.txt", NULL);
  g_autofree char *status_arg = g_strdup_printf ("--status-file=%s", status_file);
  g_autofree char *status = NULL;
  const char *decrypt[] = { NULL, "--decrypt", NULL };
  const char *import[] = { "--import", NULL };
  g_autofree char *desk_public = NULL;
  GtkWidget *window = g_object_ref (gtk_window_new ());
  MpLetterRow *row = mp_letter_row_new ();
  GtkWidget *text_view;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (mp_openpgp_set_reporter_key (fixture->store, kase, fixture->reporter_key,
                                                 &error));
  g_assert_no_error (error);
  mp_letter_row_set_letter (row, fixture->store, kase, "acknowledgement");
  g_assert_false (gtk_widget_get_visible (mp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON,
                                                               "ask-for-key")));
  click (GTK_WIDGET (row), "copy-encrypted");
  armored = clipboard_text (GTK_WIDGET (row));
  g_assert_true (g_str_has_prefix (armored, "-----BEGIN PGP MESSAGE-----"));

  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, NULL, &desk_public,
                                             NULL));
  g_free (gpg (fixture->reporter_home, import, desk_public, TRUE));
  decrypt[0] = status_arg;
  clear = gpg (fixture->reporter_home, decrypt, armored, TRUE);
  g_assert_nonnull (strstr (clear, mp_case_get_reference (kase)));
  g_assert_true (g_file_get_contents (status_file, &status, NULL, NULL));
  g_assert_nonnull (strstr (status, "[GNUPG:] GOODSIG"));
  g_assert_nonnull (strstr (status, fingerprint));

  /* A reporter without a key. */
  mp_case_set_text (draft, "title", "Open poort op de printer");
  mp_case_set_text (draft, "reporter_email", "piet@example.org");
  mp_case_set_text (draft, "reporter_language", "en");
  other = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);
  mp_letter_row_set_letter (row, fixture->store, other, "acknowledgement");
  g_assert_false (gtk_widget_get_visible (mp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON,
                                                               "copy-encrypted")));
  click (GTK_WIDGET (row), "ask-for-key");
  /* The text is inside the collapsed preview. */
  gtk_expander_set_expanded (GTK_EXPANDER (mp_test_find_widget (GTK_WIDGET (row),
                                                                GTK_TYPE_EXPANDER, NULL)), TRUE);
  text_view = mp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (text_view);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), &start, &end);
  text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), &start,
                                   &end, FALSE);
  g_assert_nonnull (strstr (text, "Could you send us your OpenPGP public key?"));
  g_assert_nonnull (strstr (text, fingerprint));
  g_assert_false (gtk_widget_get_visible (mp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON,
                                                               "ask-for-key")));

  mp_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--ui-language="))
      {
        language = argv[i] + strlen ("--ui-language=");
        memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
        argc--;
        i--;
      }
  mp_test_init_ui (&argc, &argv, language);

  g_test_add ("/ui/encryption/walk", Fixture, NULL, fixture_set_up, test_walk,
              fixture_tear_down);
  if (g_str_equal (language, "en"))
    {
      g_test_add ("/ui/encryption/paste-key", Fixture, NULL, fixture_set_up, test_paste_key,
                  fixture_tear_down);
      g_test_add ("/ui/encryption/letters", Fixture, NULL, fixture_set_up, test_letters,
                  fixture_tear_down);
    }
  return g_test_run ();
}
