/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_MAILBOX_BANNER (mp_mailbox_banner_get_type ())
G_DECLARE_FINAL_TYPE (MpMailboxBanner, mp_mailbox_banner, MP, MAILBOX_BANNER, GtkWidget)

/* Minutes between two checks of the desk's mailbox while it is unlocked. */
#define MP_MAILBOX_CHECK_MINUTES 5

/* The strip at the top of the desk that reads the desk's mailbox every few
 * minutes while @store is unlocked (and on mp_mailbox_banner_check_now())
 * and says what came in, what stayed behind and what went wrong. */
GtkWidget  *mp_mailbox_banner_new        (void);
/* @store (nullable): the desk to read into; it follows its locking. */
void        mp_mailbox_banner_set_store  (MpMailboxBanner *self,
                                          MpStore         *store);
/* Starts a round now, unless one runs; says so when no mailbox is set up. */
void        mp_mailbox_banner_check_now  (MpMailboxBanner *self);
/* Whether a round is running. */
gboolean    mp_mailbox_banner_is_checking (MpMailboxBanner *self);

G_END_DECLS
