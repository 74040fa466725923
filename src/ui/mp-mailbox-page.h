/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_MAILBOX_PAGE (mp_mailbox_page_get_type ())
G_DECLARE_FINAL_TYPE (MpMailboxPage, mp_mailbox_page, MP, MAILBOX_PAGE, AdwPreferencesPage)

/* Preferences → Mailbox: the desk's IMAP and SMTP servers, user, password
 * (kept sealed in the desk), folder and private certificate authority.
 * "Check Now" activates win.check-mail on the window the preferences
 * belong to. */
AdwPreferencesPage *mp_mailbox_page_new (MpStore *store);

G_END_DECLS
