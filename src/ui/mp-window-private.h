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

G_END_DECLS
