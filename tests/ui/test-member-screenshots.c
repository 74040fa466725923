/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Renders the pieces of a shared desk (issue 20) to PNG files under the
 * build directory's screenshots/LANGUAGE/, to look at after each change:
 * a member's fingerprint, and the same just copied; a coordinator
 * confirming a member, and the same with a digit that does not match; a
 * joining member creating their keys, and their fingerprint after.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "mp-member-confirm-dialog.h"
#include "mp-member-fingerprint.h"
#include "mp-member-keys.h"
#include "mp-member-keys-page.h"
#include "mp-test-util.h"

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

/* Whether a mapped toast (CSS name "toast") is under @widget. */
static gboolean
has_toast (GtkWidget *widget)
{
  if (g_str_equal (gtk_widget_get_css_name (widget), "toast") && gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_toast (child))
      return TRUE;
  return FALSE;
}

static gboolean
toast_shown (gpointer window)
{
  return has_toast (GTK_WIDGET (window));
}

static void
test_fingerprint (void)
{
  /* Fixed keys, so that every run shows the same digits. */
  guint8 box_key[MP_MEMBER_PUBLIC_KEY_BYTES];
  guint8 sign_key[MP_MEMBER_PUBLIC_KEY_BYTES];
  g_autofree char *fingerprint = NULL;
  GtkWindow *window;
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *widget = mp_member_fingerprint_new ();

  for (guint i = 0; i < MP_MEMBER_PUBLIC_KEY_BYTES; i++)
    {
      box_key[i] = i;
      sign_key[i] = 32 + i;
    }
  fingerprint = mp_member_public_compute_fingerprint (box_key, sign_key);

  window = g_object_ref (GTK_WINDOW (adw_window_new ()));
  gtk_window_set_default_size (window, 480, 320);
  gtk_widget_set_margin_top (widget, 36);
  gtk_widget_set_margin_bottom (widget, 36);
  gtk_widget_set_margin_start (widget, 36);
  gtk_widget_set_margin_end (widget, 36);
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  mp_member_fingerprint_set_fingerprint (MP_MEMBER_FINGERPRINT (widget), fingerprint);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), widget);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  gtk_window_present (window);
  shoot (GTK_WIDGET (window), "member-fingerprint");

  g_assert_true (gtk_widget_activate_action (widget, "fingerprint.copy", NULL));
  mp_test_wait_until (toast_shown, window);
  shoot (GTK_WIDGET (window), "member-fingerprint-copied");

  mp_test_destroy_window (window);
}

/* A member with keys from fixed seeds, in the stored form of a public part
 * (see mp-member-keys.c), so that every run shows the same digits. */
static MpMemberPublic *
fixed_member (const char *name,
              const char *email)
{
  guint8 seed[32];
  guint8 box_key[crypto_box_PUBLICKEYBYTES], box_secret[crypto_box_SECRETKEYBYTES];
  guint8 sign_key[crypto_sign_PUBLICKEYBYTES], sign_secret[crypto_sign_SECRETKEYBYTES];
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;
  guint8 length[2];
  MpMemberPublic *member;

  memset (seed, 1, sizeof seed);
  crypto_box_seed_keypair (box_key, box_secret, seed);
  memset (seed, 2, sizeof seed);
  crypto_sign_seed_keypair (sign_key, sign_secret, seed);
  g_byte_array_append (bytes, (const guint8 *) "MPMP\1", 5);
  g_byte_array_append (bytes, box_key, sizeof box_key);
  g_byte_array_append (bytes, sign_key, sizeof sign_key);
  length[0] = strlen (name) >> 8;
  length[1] = strlen (name) & 0xff;
  g_byte_array_append (bytes, length, 2);
  g_byte_array_append (bytes, (const guint8 *) name, strlen (name));
  length[0] = strlen (email) >> 8;
  length[1] = strlen (email) & 0xff;
  g_byte_array_append (bytes, length, 2);
  g_byte_array_append (bytes, (const guint8 *) email, strlen (email));
  stored = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  member = mp_member_public_deserialize (stored, &error);
  g_assert_no_error (error);
  return member;
}

static void
test_confirm (void)
{
  g_autoptr(MpMemberPublic) member = fixed_member ("Bram Jansen", "bram@example.nl");
  g_autofree char *fingerprint = mp_member_public_get_fingerprint (member);
  GtkWindow *parent = g_object_ref (GTK_WINDOW (adw_window_new ()));
  GtkWidget *dialog;

  gtk_window_set_default_size (parent, 800, 600);
  gtk_window_present (parent);
  dialog = g_object_ref (mp_member_confirm_dialog_new (parent, member));
  gtk_window_present (GTK_WINDOW (dialog));
  shoot (dialog, "member-confirm");

  /* The first group heard, then a digit that is not the fingerprint's. */
  {
    g_autofree char *typed = g_strndup (fingerprint, 8);

    typed[7] = typed[7] == '9' ? '0' : typed[7] + 1;
    _mp_member_confirm_dialog_type (MP_MEMBER_CONFIRM_DIALOG (dialog), typed);
  }
  g_assert_nonnull (_mp_member_confirm_dialog_get_problem (MP_MEMBER_CONFIRM_DIALOG (dialog)));
  shoot (dialog, "member-confirm-mismatch");

  mp_test_destroy_window (GTK_WINDOW (dialog));
  mp_test_destroy_window (parent);
}

static gboolean
keys_made (gpointer page)
{
  return mp_member_keys_page_get_keys (page) != NULL;
}

static void
type_into (GtkWidget  *root,
           GType       type,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (mp_test_find_widget (root, type, name)), text);
}

static void
test_keys_page (void)
{
  GtkWindow *window = g_object_ref (GTK_WINDOW (adw_window_new ()));
  GtkWidget *page = mp_member_keys_page_new ();

  gtk_window_set_default_size (window, 560, 560);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (window);
  type_into (page, ADW_TYPE_ENTRY_ROW, "member-name", "Bram Jansen");
  type_into (page, ADW_TYPE_ENTRY_ROW, "member-email", "bram@example.nl");
  type_into (page, ADW_TYPE_PASSWORD_ENTRY_ROW, "member-passphrase", "lantaarn fiets gracht");
  type_into (page, ADW_TYPE_PASSWORD_ENTRY_ROW, "member-passphrase-again", "lantaarn fiets gracht");
  shoot (GTK_WIDGET (window), "member-keys");

  g_signal_emit_by_name (mp_test_find_widget (page, GTK_TYPE_BUTTON, "create-member-keys"), "clicked");
  mp_test_wait_until (keys_made, page);
  shoot (GTK_WIDGET (window), "member-keys-fingerprint");

  mp_test_destroy_window (window);
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

  mp_test_init_ui (&argc, &argv, language);
  g_assert_cmpint (sodium_init (), >=, 0);
  /* what stays on screen, not a transition half-way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/member-screenshots/fingerprint", test_fingerprint);
  g_test_add_func ("/ui/member-screenshots/confirm", test_confirm);
  g_test_add_func ("/ui/member-screenshots/keys-page", test_keys_page);
  return g_test_run ();
}
