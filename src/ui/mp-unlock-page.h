/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_UNLOCK_PAGE (mp_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (MpUnlockPage, mp_unlock_page, MP, UNLOCK_PAGE, AdwBin)

/* Unlocks @store; emits "unlocked" when done. */
void mp_unlock_page_set_store (MpUnlockPage *self,
                               MpStore      *store);
/* Clears the entry and puts the focus in it. */
void mp_unlock_page_reset     (MpUnlockPage *self);

/* When "Unlock with my login" is on, tries the login keyring; on failure
 * the page stays as it is, quietly. */
void mp_unlock_page_try_keyring (MpUnlockPage *self);

G_END_DECLS
