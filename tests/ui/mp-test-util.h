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

typedef gboolean (*MpTestPredicate) (gpointer data);

/* Runs the main loop until @predicate (@data) holds. After half a minute
 * the test fails with the predicate's name and the caller's place:
 * it never passes silently. */
#define mp_test_wait_until(predicate, data) \
  _mp_test_wait_until ((predicate), (data), #predicate, __FILE__, __LINE__, G_STRFUNC)
void        _mp_test_wait_until    (MpTestPredicate predicate,
                                    gpointer        data,
                                    const char     *what,
                                    const char     *file,
                                    int             line,
                                    const char     *func);
/* Waits until @widget (mapped) has been laid out and drawn once more, and
 * the X server has seen what GTK sent it. */
void        mp_test_wait_for_draw  (GtkWidget    *widget);
/* Dispatches what is pending (idles, a destroyed window's last events)
 * without blocking. */
void        mp_test_run_pending    (void);
/* Destroys @window, runs what is pending and asserts that it was
 * finalised: a reference left anywhere fails the test. Takes the caller's
 * own reference (from g_object_ref after creating the window). */
void        mp_test_destroy_window (GtkWindow    *window);
/* Waits until @window, which closes itself (a dialog's own button or
 * action), has left the toplevels, runs what is pending and asserts that it
 * was finalised. Takes the caller's own reference, as above. */
void        mp_test_wait_closed    (GtkWindow    *window);
/* Depth-first search for a widget of @type (and @name when given). */
GtkWidget  *mp_test_find_widget    (GtkWidget    *root,
                                    GType         type,
                                    const char   *name);
/* Writes what @widget shows to @path as PNG. */
void        mp_test_save_png       (GtkWidget    *widget,
                                    const char   *path);

G_END_DECLS
