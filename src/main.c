/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mp-application.h"
#include "mp-hardening.h"

/* MELDPUNT_EXIT_AFTER_FIRST_FRAME=1 quits right after the first window has
 * drawn its first frame, so that build-aux/bench can time start-up as a whole
 * process. */
static void
on_after_paint_cb (GdkFrameClock  *clock,
                   GApplication   *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  g_application_quit (app);
}

static void
on_window_realize_cb (GtkWidget    *window,
                      GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint_cb), app, 0);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, on_window_added_cb, NULL);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), G_APPLICATION (app));
  else
    g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realize_cb), app, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(MpApplication) app = NULL;

  const char *localedir = g_getenv ("MELDPUNT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Uninstalled (meson devenv), the translations live in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!mp_hardening_init ())
    {
      g_printerr ("meldpunt: %s\n", _("The encryption library could not start."));
      return 1;
    }

  app = mp_application_new ();
  if (g_strcmp0 (g_getenv ("MELDPUNT_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
