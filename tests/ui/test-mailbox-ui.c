/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's mailbox in the window (issue 22), against a real Dovecot and
 * SMTP server (tests/servers/run-mailservers.py): a new user fills in
 * Preferences → Mailbox, presses Check Now, and sees the reports arrive as
 * cases and a reply join its case, with the banner saying so; a wrong
 * password is shown in the banner with Try Again. Screenshots in
 * screenshots/LANGUAGE/.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mp-case-page.h"
#include "mp-letter-row.h"
#include "mp-mailbox.h"
#include "mp-mailbox-banner.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"
#include "mp-window-private.h"

static char *language;

typedef struct
{
  GSubprocess      *process;
  GDataInputStream *out;
  GOutputStream    *in;
  JsonObject       *info;
} Servers;

static Servers servers;

static void
servers_start (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "servers", "run-mailservers.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *line = NULL;

  servers.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                      &error, MP_TEST_PYTHON, script, NULL);
  g_assert_no_error (error);
  servers.in = g_subprocess_get_stdin_pipe (servers.process);
  servers.out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (servers.process));
  /* the first line comes once both servers listen */
  line = g_data_input_stream_read_line_utf8 (servers.out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  servers.info = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static char *
servers_command (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat (command, "\n", NULL);
  char *answer;

  g_output_stream_write_all (servers.in, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  answer = g_data_input_stream_read_line_utf8 (servers.out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

static void
servers_deliver (const char *dir,
                 const char *message)
{
  g_autofree char *path = g_build_filename (dir, "message.eml", NULL);
  g_autofree char *command = g_strconcat ("deliver ", path, NULL);
  g_autofree char *answer = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, message, -1, &error);
  g_assert_no_error (error);
  answer = servers_command (command);
  g_assert_cmpstr (answer, ==, "ok");
}

static void
servers_stop (void)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (servers.in, NULL, NULL);
  g_subprocess_wait_check (servers.process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&servers.out);
  g_clear_object (&servers.process);
  g_clear_pointer (&servers.info, json_object_unref);
}

/* No revealer under @data is half-way through its slide. */
static gboolean
revealers_settled (gpointer data)
{
  GtkWidget *widget = data;

  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)) !=
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!revealers_settled (child))
      return FALSE;
  return TRUE;
}

/* Waits until @widget has settled and been drawn, then writes it out. */
static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *dir = g_build_filename (MP_TEST_SCREENSHOT_DIR, language, NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  /* the banner's slide ends, then the layout it leaves is drawn */
  mp_test_wait_until (revealers_settled, widget);
  mp_test_wait_for_draw (widget);
  mp_test_save_png (widget, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static gboolean
round_done (gpointer data)
{
  return !mp_mailbox_banner_is_checking (data);
}

static guint
count_events (MpStore    *store,
              MpCase     *kase,
              const char *kind)
{
  g_autoptr(GListModel) events = mp_store_list_events (store, kase, NULL);
  guint n = 0;

  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      n += g_strcmp0 (mp_event_get_kind (event), kind) == 0;
    }
  return n;
}

typedef struct
{
  MpStore *store;
  MpCase  *kase;
} SentWait;

static gboolean
letter_recorded (gpointer data)
{
  SentWait *wait = data;

  return count_events (wait->store, wait->kase, "letter") == 1;
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (MP_IS_PREFERENCES_WINDOW (window))
        return window;
    }
  return NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWindow *window = find_preferences ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
type_into (GtkWidget  *root,
           const char *name,
           const char *text)
{
  GtkWidget *row = mp_test_find_widget (root, GTK_TYPE_WIDGET, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_mailbox (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_path = g_build_filename (dir, "mail-ca.pem", NULL);
  g_autofree char *subject = NULL;
  g_autofree char *reply = NULL;
  MpMailboxBanner *banner;
  GtkWindow *preferences;
  GtkWidget *label;
  MpWindow *window;
  MpCase *first;

  servers_start ();
  g_assert_true (mp_store_set_setting (store, "desk.email", "security@desk.example", &error));
  g_file_set_contents (ca_path, json_object_get_string_member (servers.info, "ca_pem"), -1, &error);
  g_assert_no_error (error);

  window = g_object_ref (_mp_window_new_for_store (NULL, store));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  banner = MP_MAILBOX_BANNER (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_MAILBOX_BANNER, NULL));
  g_assert_nonnull (banner);

  /* A new user sets up the mailbox in Preferences → Mailbox. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  mp_test_wait_until (preferences_shown, NULL);
  preferences = g_object_ref (find_preferences ());
  gtk_window_set_default_size (preferences, 720, 820);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "mailbox");
  type_into (GTK_WIDGET (preferences), "mailbox-imap",
             json_object_get_string_member (servers.info, "imaps_url"));
  type_into (GTK_WIDGET (preferences), "mailbox-user", json_object_get_string_member (servers.info, "user"));
  type_into (GTK_WIDGET (preferences), "mailbox-password",
             json_object_get_string_member (servers.info, "password"));
  type_into (GTK_WIDGET (preferences), "mailbox-smtp",
             json_object_get_string_member (servers.info, "smtp_url"));
  type_into (GTK_WIDGET (preferences), "mailbox-ca", ca_path);
  shoot (GTK_WIDGET (preferences), "mailbox-preferences");

  servers_deliver (dir, "From: Priya Kowalski <priya@example.org>\r\nTo: security@desk.example\r\n"
                        "Subject: Reflected XSS in the portal search\r\nMessage-ID: <xss@example.org>\r\n"
                        "Date: Tue, 10 Mar 2026 08:00:00 +0100\r\n\r\n"
                        "The search page of https://portal.example.nl reflects its input.\r\n");
  servers_deliver (dir, "From: Bram Jansen <bram@example.com>\r\nTo: security@desk.example\r\n"
                        "Subject: Wachtwoord-reset zonder rate limiting\r\n"
                        "Message-ID: <reset@example.com>\r\nDate: Tue, 10 Mar 2026 08:30:00 +0100\r\n\r\n"
                        "https://login.example.nl/reset accepteert onbeperkt pogingen.\r\n");

  /* Check Now saves and reads the mailbox; the window's banner shows it. */
  /* "clicked" itself: activate() would press and release it on a timer */
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_BUTTON,
                                              "mailbox-check"), "clicked");
  g_assert_true (mp_mailbox_banner_is_checking (banner));
  mp_test_wait_until (round_done, banner);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 2);
  mp_test_destroy_window (g_steal_pointer (&preferences));
  label = mp_test_find_widget (GTK_WIDGET (banner), GTK_TYPE_LABEL, "mailbox-banner-label");
  {
    g_autofree char *expected = g_strdup_printf (ngettext ("%u new report from the mailbox.",
                                                           "%u new reports from the mailbox.", 2), 2);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  }
  shoot (GTK_WIDGET (window), "mailbox-new-reports");

  /* The reporter's reply joins the case (the reference in the subject). */
  first = g_list_model_get_item (mp_store_get_cases (store), 0);
  subject = g_strdup_printf ("Re: %s", mp_case_get_reference (first));
  reply = g_strdup_printf ("From: Priya Kowalski <priya@example.org>\r\nTo: security@desk.example\r\n"
                           "Subject: %s\r\nMessage-ID: <xss-2@example.org>\r\n\r\n"
                           "The parameter is q; a screenshot is attached.\r\n", subject);
  servers_deliver (dir, reply);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-mail", NULL);
  mp_test_wait_until (round_done, banner);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 2);
  g_assert_cmpuint (count_events (store, first, "reply"), ==, 1);
  {
    g_autofree char *expected = g_strdup_printf (ngettext ("%u reply from the mailbox joined its case.",
                                                           "%u replies from the mailbox joined their cases.",
                                                           1), 1);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  }
  shoot (GTK_WIDGET (window), "mailbox-reply");

  /* Send on the acknowledgement: it leaves through the SMTP server and is
   * recorded on the timeline. */
  {
    MpCasePage *page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
    GtkWidget *row, *send;
    g_autofree char *sent = NULL;
    SentWait wait = { store, first };

    mp_case_page_set_case (page, first);
    row = mp_test_find_widget (GTK_WIDGET (page), MP_TYPE_LETTER_ROW, "acknowledgement-letter");
    g_assert_nonnull (row);
    send = GTK_WIDGET (gtk_widget_get_template_child (row, MP_TYPE_LETTER_ROW, "send_button"));
    g_assert_true (gtk_widget_get_visible (send) && gtk_widget_get_sensitive (send));
    g_signal_emit_by_name (send, "clicked");
    mp_test_wait_until (letter_recorded, &wait);
    sent = servers_command ("sent");
    g_assert_cmpstr (sent, ==, "1");
  }

  /* A wrong password: said in the banner, with Try Again; nothing changed. */
  {
    g_autoptr(MpMailboxSettings) settings = mp_mailbox_settings_load (store, &error);

    g_assert_no_error (error);
    g_assert_true (mp_mailbox_settings_save (store, settings, "not-the-password", &error));
    g_assert_no_error (error);
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-mail", NULL);
  mp_test_wait_until (round_done, banner);
  g_assert_true (gtk_widget_get_visible (mp_test_find_widget (GTK_WIDGET (banner), GTK_TYPE_BUTTON,
                                                              "mailbox-retry")));
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (label)), "127.0.0.1") != NULL);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 2);
  shoot (GTK_WIDGET (window), "mailbox-error");

  g_clear_object (&first);
  mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&window)));
  servers_stop ();
  g_assert_finalize_object (g_steal_pointer (&store));
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
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--language") && i + 1 < argc)
      {
        for (int j = i; j + 2 <= argc; j++)
          argv[j] = argv[j + 2];
        argc -= 2;
        break;
      }

  mp_test_init_ui (&argc, &argv, language);
  g_test_add_func ("/ui/mailbox", test_mailbox);
  return g_test_run ();
}
