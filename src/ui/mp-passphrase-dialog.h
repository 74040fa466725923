/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_PASSPHRASE_DIALOG (mp_passphrase_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MpPassphraseDialog, mp_passphrase_dialog, MP, PASSPHRASE_DIALOG, AdwWindow)

/* The Change Passphrase dialog, transient for @parent: checks the current
 * passphrase and re-wraps the desk's key in a worker thread (key
 * derivation is slow on purpose). */
GtkWidget  *mp_passphrase_dialog_new          (GtkWindow  *parent,
                                               MpStore    *store);
/* For tests: fills in the dialog's three fields and presses Change. */
void        _mp_passphrase_dialog_submit      (GtkWidget  *dialog,
                                               const char *current,
                                               const char *new_passphrase,
                                               const char *repeat);
/* For tests: the problem shown, or NULL. (transfer none) */
const char *_mp_passphrase_dialog_get_problem (GtkWidget  *dialog);

G_END_DECLS
