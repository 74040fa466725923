/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The floor of build-aux/bench: an empty AdwApplicationWindow that quits
 * right after its first frame, as meldpunt does with
 * MELDPUNT_EXIT_AFTER_FIRST_FRAME=1. Built by the benchmark with
 *   cc bench-floor.c $(pkg-config --cflags --libs libadwaita-1)
 */
#include <adwaita.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  g_application_quit (app);
}

static void
on_realize_cb (GtkWidget    *window,
               GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), app);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.meldpunt.BenchFloor",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
