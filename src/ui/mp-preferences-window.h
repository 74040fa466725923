/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_PREFERENCES_WINDOW (mp_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (MpPreferencesWindow, mp_preferences_window, MP, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* The user's preferences and the desk's policy. Emits "changed" after a
 * setting that affects the cases was stored. */
MpPreferencesWindow *mp_preferences_window_new (GtkWindow *parent,
                                                MpStore   *store);

/* The handler's name as configured, or the user's real name. (transfer full) */
char                *mp_preferences_dup_handler_name (void);
/* Idle minutes before the desk locks (it also locks with the screen). */
guint                mp_preferences_get_lock_timeout (void);

G_END_DECLS
