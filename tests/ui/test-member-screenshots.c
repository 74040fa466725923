/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Renders the pieces of a shared desk (issue 20) to PNG files under the
 * build directory's screenshots/LANGUAGE/, to look at after each change:
 * a member's fingerprint, and the same just copied.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>

#include "mp-member-fingerprint.h"
#include "mp-member-keys.h"
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
  return g_test_run ();
}
