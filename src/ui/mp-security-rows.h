/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-passphrase-dialog.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Adds "Passphrase" (Change…) and "Unlock with my login" to the Security
 * group of the preferences. */
void       mp_security_rows_add          (AdwPreferencesGroup *group,
                                          MpStore             *store);

G_END_DECLS
