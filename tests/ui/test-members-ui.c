/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The member pieces of a shared desk (issue 20): the fingerprint widget
 * (a real member's fingerprint laid out in groups, copied as the plain
 * fingerprint, nothing to copy without one), the coordinator's
 * confirmation, which needs matching digits, and the joining member's
 * page that makes their keys.
 */
#include "config.h"

#include <sodium.h>

#include "mp-member-confirm-dialog.h"
#include "mp-member-fingerprint.h"
#include "mp-member-keys-page.h"
#include "mp-member-keys.h"
#include "mp-test-util.h"

typedef struct
{
  GtkWindow           *window;
  MpMemberFingerprint *fingerprint;
  guint                notifications;
} Fixture;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              Fixture    *fixture)
{
  fixture->notifications++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  fixture->fingerprint = MP_MEMBER_FINGERPRINT (mp_member_fingerprint_new ());
  g_signal_connect (fixture->fingerprint, "notify::fingerprint", G_CALLBACK (on_notify_cb), fixture);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->fingerprint));
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  mp_test_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mp_test_destroy_window (fixture->window);
}

static char *
clipboard_text (GdkClipboard *clipboard)
{
  GdkContentProvider *provider = gdk_clipboard_get_content (clipboard);
  GValue value = G_VALUE_INIT;
  char *text;

  if (provider == NULL)
    return NULL;
  g_value_init (&value, G_TYPE_STRING);
  if (!gdk_content_provider_get_value (provider, &value, NULL))
    return NULL;
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static GtkWidget *
copy_button (Fixture *fixture)
{
  return mp_test_find_widget (GTK_WIDGET (fixture->fingerprint), GTK_TYPE_BUTTON, "copy-fingerprint");
}

/* The documented test vector's fingerprint, as the widget lays it out. */
static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *label = mp_test_find_widget (GTK_WIDGET (fixture->fingerprint), GTK_TYPE_LABEL,
                                          "fingerprint-groups");

  g_assert_false (gtk_widget_get_visible (label));
  mp_member_fingerprint_set_fingerprint (fixture->fingerprint,
                                         "14608 99910 54692 11259 41102 87703");
  mp_test_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (_mp_member_fingerprint_get_shown (fixture->fingerprint), ==,
                   "14608  99910  54692\n11259  41102  87703");
  g_assert_cmpuint (fixture->notifications, ==, 1);

  /* The same again: no change, no notification. */
  g_object_set (fixture->fingerprint, "fingerprint", "14608 99910 54692 11259 41102 87703", NULL);
  g_assert_cmpuint (fixture->notifications, ==, 1);

  /* Large digits in a fixed-width font: wider than one line of text is
   * tall, and taller than two ordinary lines. */
  g_assert_true (gtk_widget_has_css_class (label, "monospace"));
  g_assert_cmpint (gtk_widget_get_height (label), >, 2 * 20);
}

/* A real member's fingerprint: every digit shown, and Copy puts the plain
 * fingerprint on the clipboard. */
static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMemberKeys) keys = mp_member_keys_generate ("Anna de Vries", "anna@example.nl",
                                                          "a passphrase", &error);
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;
  GtkWidget *button = copy_button (fixture);

  g_assert_no_error (error);
  expected = mp_member_public_get_fingerprint (mp_member_keys_get_public (keys));
  g_assert_false (gtk_widget_is_sensitive (button));

  g_object_set (fixture->fingerprint, "fingerprint", expected, NULL);
  mp_test_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (mp_member_public_fingerprint_matches (expected,
                                                       _mp_member_fingerprint_get_shown (fixture->fingerprint)));
  g_assert_true (gtk_widget_is_sensitive (button));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), "something else");
  g_signal_emit_by_name (button, "clicked");
  copied = clipboard_text (gtk_widget_get_clipboard (button));
  g_assert_cmpstr (copied, ==, expected);
}

/* Without a fingerprint there is nothing to show or copy. */
static void
test_cleared (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *button = copy_button (fixture);
  g_autofree char *copied = NULL;

  mp_member_fingerprint_set_fingerprint (fixture->fingerprint, "00001 00002 00003 00004 00005 00006");
  g_assert_true (gtk_widget_is_sensitive (button));
  mp_member_fingerprint_set_fingerprint (fixture->fingerprint, NULL);
  mp_test_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_null (mp_member_fingerprint_get_fingerprint (fixture->fingerprint));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (mp_test_find_widget (GTK_WIDGET (fixture->fingerprint),
                                                               GTK_TYPE_LABEL, "fingerprint-groups")));
  g_assert_cmpuint (fixture->notifications, ==, 2);

  /* The action refuses too, whoever calls it. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (button), "kept");
  gtk_widget_activate_action (GTK_WIDGET (fixture->fingerprint), "fingerprint.copy", NULL);
  copied = clipboard_text (gtk_widget_get_clipboard (button));
  g_assert_cmpstr (copied, ==, "kept");

  /* Not copyable: no button, and the action refuses with a fingerprint. */
  mp_member_fingerprint_set_fingerprint (fixture->fingerprint, "00001 00002 00003 00004 00005 00006");
  mp_member_fingerprint_set_copyable (fixture->fingerprint, FALSE);
  g_assert_false (gtk_widget_get_visible (button));
  gtk_widget_activate_action (GTK_WIDGET (fixture->fingerprint), "fingerprint.copy", NULL);
  g_clear_pointer (&copied, g_free);
  copied = clipboard_text (gtk_widget_get_clipboard (button));
  g_assert_cmpstr (copied, ==, "kept");
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                char            **out)
{
  g_free (*out);
  *out = g_strdup (response);
}

static gboolean
can_confirm (GtkWidget *dialog)
{
  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "confirm");
}

/* Confirm stays off until the digits match: ticked without digits typed,
 * or typed to the last digit; one wrong digit says so at once and wins
 * over the tick. */
static void
test_confirm_dialog (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMemberKeys) keys = mp_member_keys_generate ("Bram Jansen", "bram@example.nl",
                                                          "a passphrase", &error);
  MpMemberPublic *member;
  g_autofree char *fingerprint = NULL;
  g_autofree char *response = NULL;
  g_autofree char *dashed = NULL;
  g_autofree char *wrong = NULL;
  MpMemberConfirmDialog *confirm;
  GtkWidget *dialog;
  GtkWidget *shown;

  g_assert_no_error (error);
  member = mp_member_keys_get_public (keys);
  fingerprint = mp_member_public_get_fingerprint (member);
  dialog = g_object_ref (mp_member_confirm_dialog_new (fixture->window, member));
  confirm = MP_MEMBER_CONFIRM_DIALOG (dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), &response);
  gtk_window_present (GTK_WINDOW (dialog));
  mp_test_wait_for_draw (dialog);

  g_assert_true (mp_member_confirm_dialog_get_member (confirm) == member);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Confirm Bram Jansen?");
  shown = mp_test_find_widget (dialog, MP_TYPE_MEMBER_FINGERPRINT, NULL);
  g_assert_cmpstr (mp_member_fingerprint_get_fingerprint (MP_MEMBER_FINGERPRINT (shown)), ==,
                   fingerprint);
  g_assert_false (can_confirm (dialog));
  g_assert_null (_mp_member_confirm_dialog_get_problem (confirm));
  /* The expected digits cannot be copied into the field for those heard. */
  g_assert_false (mp_member_fingerprint_get_copyable (MP_MEMBER_FINGERPRINT (shown)));
  g_assert_false (gtk_widget_get_visible (mp_test_find_widget (shown, GTK_TYPE_BUTTON,
                                                               "copy-fingerprint")));

  /* The coordinator's word, without digits typed. */
  _mp_member_confirm_dialog_set_matched (confirm, TRUE);
  g_assert_true (can_confirm (dialog));
  _mp_member_confirm_dialog_set_matched (confirm, FALSE);
  g_assert_false (can_confirm (dialog));

  /* Typed as heard, half-way: nothing wrong yet, nothing to confirm. */
  _mp_member_confirm_dialog_type (confirm, "");
  {
    g_autofree char *half = g_strndup (fingerprint, 11);

    _mp_member_confirm_dialog_type (confirm, half);
    g_assert_null (_mp_member_confirm_dialog_get_problem (confirm));
    g_assert_false (can_confirm (dialog));
  }

  /* One digit off: said at once, and the tick does not help. */
  wrong = g_strdup (fingerprint);
  wrong[1] = wrong[1] == '9' ? '0' : wrong[1] + 1;
  {
    g_autofree char *start = g_strndup (wrong, 3);

    _mp_member_confirm_dialog_type (confirm, start);
  }
  g_assert_nonnull (_mp_member_confirm_dialog_get_problem (confirm));
  _mp_member_confirm_dialog_set_matched (confirm, TRUE);
  g_assert_false (can_confirm (dialog));
  _mp_member_confirm_dialog_type (confirm, wrong);
  g_assert_nonnull (_mp_member_confirm_dialog_get_problem (confirm));
  g_assert_false (can_confirm (dialog));
  _mp_member_confirm_dialog_type (confirm, "1234x");
  g_assert_nonnull (_mp_member_confirm_dialog_get_problem (confirm));
  g_assert_false (can_confirm (dialog));

  /* Every digit, with dashes between the groups: confirmed. */
  _mp_member_confirm_dialog_set_matched (confirm, FALSE);
  dashed = g_strdelimit (g_strdup (fingerprint), " ", '-');
  _mp_member_confirm_dialog_type (confirm, dashed);
  g_assert_null (_mp_member_confirm_dialog_get_problem (confirm));
  g_assert_true (can_confirm (dialog));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
  g_assert_cmpstr (response, ==, "confirm");
  mp_test_destroy_window (GTK_WINDOW (dialog));
}

static void
on_keys_created_cb (MpMemberKeysPage *page,
                    MpMemberKeys     *keys,
                    GPtrArray        *created)
{
  g_ptr_array_add (created, g_object_ref (keys));
}

static gboolean
keys_made (gpointer page)
{
  return mp_member_keys_page_get_keys (page) != NULL;
}

static gboolean
problem_shown (gpointer page)
{
  return _mp_member_keys_page_get_problem (page) != NULL;
}

/* A joining member: passphrases that differ or are too short are refused
 * with a reason; then the keys are made in a thread, the passphrase leaves
 * the fields, and the page shows the keys' fingerprint. */
static void
test_keys_page (void)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWindow *window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  MpMemberKeysPage *page = MP_MEMBER_KEYS_PAGE (mp_member_keys_page_new ());
  GtkWidget *create = mp_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "create-member-keys");
  GtkWidget *shown;
  MpMemberKeys *keys;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(MpMemberKeys) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (page, "keys-created", G_CALLBACK (on_keys_created_cb), created);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_sensitive (create));

  _mp_member_keys_page_submit (page, "Anna de Vries", "anna@example.nl",
                               "correct horse battery", "correct horse battery!");
  g_assert_cmpstr (_mp_member_keys_page_get_problem (page), ==, "The passphrases are not the same.");
  _mp_member_keys_page_submit (page, "Anna de Vries", "anna@example.nl", "short", "short");
  g_assert_nonnull (_mp_member_keys_page_get_problem (page));
  g_assert_null (mp_member_keys_page_get_keys (page));

  /* A name of spaces only is no name. */
  _mp_member_keys_page_submit (page, "   ", "", "correct horse battery", "correct horse battery");
  g_assert_false (gtk_widget_get_sensitive (create));
  g_assert_null (mp_member_keys_page_get_keys (page));

  _mp_member_keys_page_submit (page, "  Anna de Vries ", " anna@example.nl",
                               "correct horse battery", "correct horse battery");
  g_assert_null (_mp_member_keys_page_get_problem (page));
  g_assert_false (gtk_widget_get_sensitive (create));
  mp_test_wait_until (keys_made, page);
  g_assert_false (problem_shown (page));

  keys = mp_member_keys_page_get_keys (page);
  g_assert_cmpuint (created->len, ==, 1);
  g_assert_true (g_ptr_array_index (created, 0) == keys);
  g_assert_true (mp_member_keys_is_unlocked (keys));
  g_assert_cmpstr (mp_member_public_get_name (mp_member_keys_get_public (keys)), ==, "Anna de Vries");
  g_assert_cmpstr (mp_member_public_get_email (mp_member_keys_get_public (keys)), ==,
                   "anna@example.nl");

  /* The fingerprint of these keys, on the page now showing. */
  fingerprint = mp_member_public_get_fingerprint (mp_member_keys_get_public (keys));
  shown = mp_test_find_widget (GTK_WIDGET (page), MP_TYPE_MEMBER_FINGERPRINT, NULL);
  g_assert_cmpstr (mp_member_fingerprint_get_fingerprint (MP_MEMBER_FINGERPRINT (shown)), ==,
                   fingerprint);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (shown));
  g_assert_false (gtk_widget_get_mapped (create));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mp_test_find_widget (GTK_WIDGET (page),
                                                                             ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                                             "member-passphrase"))),
                   ==, "");

  /* What is kept opens with the passphrase typed. */
  sealed = mp_member_keys_get_sealed (keys);
  loaded = mp_member_keys_load (sealed, &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_keys_unlock (loaded, "correct horse battery", &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (created, 0);
  mp_test_destroy_window (window);
}

/* Whether only the test's own reference to @page is left: the worker
 * thread's task has given back its own. */
static gboolean
only_test_holds (gpointer page)
{
  return G_OBJECT (page)->ref_count == 1;
}

/* Taken out of its window while making keys, the page gives up: no keys,
 * no signal, and Create Keys can be pressed again. */
static void
test_keys_page_unrooted (void)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWindow *window = g_object_ref (GTK_WINDOW (gtk_window_new ()));
  MpMemberKeysPage *page = g_object_ref_sink (MP_MEMBER_KEYS_PAGE (mp_member_keys_page_new ()));
  GtkWidget *create = mp_test_find_widget (GTK_WIDGET (page), GTK_TYPE_BUTTON, "create-member-keys");

  g_signal_connect (page, "keys-created", G_CALLBACK (on_keys_created_cb), created);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  mp_test_wait_for_draw (GTK_WIDGET (window));

  _mp_member_keys_page_submit (page, "Anna", "", "correct horse battery", "correct horse battery");
  g_assert_false (gtk_widget_get_sensitive (create));
  gtk_window_set_child (window, NULL);
  g_assert_true (gtk_widget_get_sensitive (create));

  mp_test_wait_until (only_test_holds, page);
  g_assert_null (mp_member_keys_page_get_keys (page));
  g_assert_cmpuint (created->len, ==, 0);

  mp_test_destroy_window (window);
  g_assert_finalize_object (page);
}

int
main (int    argc,
      char **argv)
{
  mp_test_init_ui (&argc, &argv, "en");
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add ("/ui/member-fingerprint/layout", Fixture, NULL, fixture_set_up, test_layout,
              fixture_tear_down);
  g_test_add ("/ui/member-fingerprint/copy", Fixture, NULL, fixture_set_up, test_copy,
              fixture_tear_down);
  g_test_add ("/ui/member-fingerprint/cleared", Fixture, NULL, fixture_set_up, test_cleared,
              fixture_tear_down);
  g_test_add ("/ui/member-confirm-dialog/digits", Fixture, NULL, fixture_set_up,
              test_confirm_dialog, fixture_tear_down);
  g_test_add_func ("/ui/member-keys-page/create", test_keys_page);
  g_test_add_func ("/ui/member-keys-page/unrooted", test_keys_page_unrooted);
  return g_test_run ();
}
