/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* Sets up GTK, libadwaita, the app's style and the build tree's
 * translations for @language ("en", "nl"). */
void        mp_test_init_ui        (int          *argc,
                                    char       ***argv,
                                    const char   *language);
/* A new, unlocked desk in a fresh temporary folder. */
MpStore    *mp_test_new_store      (char        **dir);
void        mp_test_remove_dir     (const char   *dir);
/* Runs the main loop for @ms milliseconds. */
void        mp_test_wait           (guint         ms);
/* Depth-first search for a widget of @type (and @name when given). */
GtkWidget  *mp_test_find_widget    (GtkWidget    *root,
                                    GType         type,
                                    const char   *name);
/* Writes what @widget shows to @path as PNG. */
void        mp_test_save_png       (GtkWidget    *widget,
                                    const char   *path);

G_END_DECLS
