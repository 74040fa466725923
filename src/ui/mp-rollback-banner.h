/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_ROLLBACK_BANNER (mp_rollback_banner_get_type ())
G_DECLARE_FINAL_TYPE (MpRollbackBanner, mp_rollback_banner, MP, ROLLBACK_BANNER, GtkWidget)

/* The strip at the top of the desk that says, while its store is unlocked,
 * that the desk file is older than the one last opened on this computer
 * (mp_store_get_rollback()), and lets the person accept it. */
GtkWidget  *mp_rollback_banner_new        (void);
/* @store (nullable): the desk; the banner follows its locking. */
void        mp_rollback_banner_set_store  (MpRollbackBanner *self,
                                           MpStore          *store);

G_END_DECLS
