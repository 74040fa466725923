/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_WELCOME_PAGE (mp_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (MpWelcomePage, mp_welcome_page, MP, WELCOME_PAGE, AdwBin)

/* Creates the desk in @store; emits "created" when it is unlocked. */
void mp_welcome_page_set_store (MpWelcomePage *self,
                                MpStore       *store);

G_END_DECLS
