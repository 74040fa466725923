/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_INTAKE_DIALOG (mp_intake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MpIntakeDialog, mp_intake_dialog, MP, INTAKE_DIALOG, AdwWindow)

/* Logs a new report into @store; emits "created" (MpCase) and closes. */
MpIntakeDialog *mp_intake_dialog_new            (GtkWindow      *parent,
                                                 MpStore        *store);
/* The same form filled with @kase's report, to correct it; "created"
 * is emitted after the changes were stored. */
MpIntakeDialog *mp_intake_dialog_new_for_case   (GtkWindow      *parent,
                                                 MpStore        *store,
                                                 MpCase         *kase);
/* Adds a file as if it had been dropped. */
gboolean        mp_intake_dialog_add_file       (MpIntakeDialog *self,
                                                 GFile          *file,
                                                 GError        **error);

G_END_DECLS
