/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "mp-test-util.h"

void
mp_test_init_ui (int          *argc,
                 char       ***argv,
                 const char   *language)
{
  g_autofree char *localedir = NULL;
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  g_setenv ("LANGUAGE", language, TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  setlocale (LC_ALL, "");
  /* meson's i18n module writes po/LANG/LC_MESSAGES/meldpunt.mo in the build tree */
  localedir = g_build_filename (MP_TEST_BUILD_ROOT, "po", NULL);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  /* GNOME's default: only a close button, as on the desks we draw for */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

MpStore *
mp_test_new_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MpStore *store;

  *dir = g_dir_make_tmp ("meldpunt-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "desk.db", NULL);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_initialise (store, "Voorbeeld Servicedesk", "correct horse battery", &error);
  g_assert_no_error (error);
  mp_store_set_actor (store, "Anna de Vries");
  return store;
}

void
mp_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Bounds a hang, times nothing: far beyond what any wait takes under the
 * sanitizers, and below meson's timeouts so that the test says what it was
 * waiting for instead of being killed. */
#define WAIT_TIMEOUT_SECONDS 30

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
_mp_test_wait_until (MpTestPredicate predicate,
                     gpointer        data,
                     const char     *what,
                     const char     *file,
                     int             line,
                     const char     *func)
{
  gboolean timed_out = FALSE;
  guint timeout;

  if (predicate (data))
    return;
  timeout = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timed_out_cb, &timed_out);
  while (!predicate (data))
    {
      if (timed_out)
        {
          g_autofree char *message = g_strdup_printf ("waited %u s in vain for %s",
                                                      WAIT_TIMEOUT_SECONDS, what);

          g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
          return;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (timeout);
}

static gboolean
frame_drawn_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

void
mp_test_wait_for_draw (GtkWidget *widget)
{
  gboolean drawn = FALSE;

  g_assert_true (GTK_IS_WIDGET (widget));
  /* an unmapped widget never ticks: fail at once instead of hanging */
  g_assert_true (gtk_widget_get_mapped (widget));
  /* gtk_test_widget_wait_for_draw(), bounded: the tick comes with the next
   * frame, which lays out and paints what is queued */
  gtk_widget_add_tick_callback (widget, frame_drawn_cb, &drawn, NULL);
  gtk_widget_queue_draw (widget);
  mp_test_wait_until (is_true, &drawn);
  /* and the frame after it, so that the one above has been painted */
  drawn = FALSE;
  gtk_widget_add_tick_callback (widget, frame_drawn_cb, &drawn, NULL);
  gtk_widget_queue_draw (widget);
  mp_test_wait_until (is_true, &drawn);
  gdk_display_sync (gtk_widget_get_display (widget));
  mp_test_run_pending ();
}

void
mp_test_run_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
mp_test_destroy_window (GtkWindow *window)
{
  g_assert_true (GTK_IS_WINDOW (window));
  gtk_window_destroy (window);
  mp_test_run_pending ();
  g_assert_finalize_object (window);
}

static gboolean
is_closed (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window == data)
        return FALSE;
    }
  return TRUE;
}

void
mp_test_wait_closed (GtkWindow *window)
{
  g_assert_true (GTK_IS_WINDOW (window));
  mp_test_wait_until (is_closed, window);
  mp_test_run_pending ();
  g_assert_finalize_object (window);
}

GtkWidget *
mp_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      if ((found = mp_test_find_widget (child, type, name)) != NULL)
        return found;
    }
  return NULL;
}

void
mp_test_save_png (GtkWidget  *widget,
                  const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* an opaque background, as the window manager would show it */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
