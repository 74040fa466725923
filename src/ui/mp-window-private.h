/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-eml-intake.h"
#include "mp-intake-dialog.h"
#include "mp-window.h"

G_BEGIN_DECLS

/* For tests: shows the desk of an already unlocked @store. */
MpWindow       *_mp_window_new_for_store (MpApplication *application,
                                          MpStore       *store);
/* For tests: the intake dialog that win.new-report opened last. (transfer none) */
MpIntakeDialog *_mp_window_get_intake    (MpWindow      *self);
/* For tests: what imports dropped and opened e-mails. (transfer none) */
MpEmlIntake    *_mp_window_get_eml_intake (MpWindow     *self);

/* Locks the desk and lets go of the store, so that its file can be
 * replaced (restore). Returns: whether no one else holds the store. */
gboolean        _mp_window_release_store (MpWindow      *self);
/* Opens the desk at @path again: the unlock page. */
void            _mp_window_open_store    (MpWindow      *self,
                                          const char    *path);

G_END_DECLS
