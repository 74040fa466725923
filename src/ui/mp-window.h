/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-application.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_WINDOW (mp_window_get_type ())
G_DECLARE_FINAL_TYPE (MpWindow, mp_window, MP, WINDOW, AdwApplicationWindow)

/* Opens the desk at @path: a welcome page for a new desk, else the unlock page. */
MpWindow *mp_window_new       (MpApplication *application,
                               const char    *path);
/* Returns: (transfer none) (nullable) */
MpStore  *mp_window_get_store (MpWindow      *self);
/* Imports e-mail messages (.eml) as new reports; waits for the unlock
 * when the desk is locked. */
void      mp_window_import    (MpWindow      *self,
                               GFile        **files,
                               int            n_files);

G_END_DECLS
