/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

/* The desk's mailbox as the store keeps it (issue 22): the Message-IDs
 * each case holds or sent, and the mailbox password. A Message-ID is kept
 * as a digest keyed with the desk's key, never in the clear. */

/* The case that holds or sent the message @message_id ("<id@host>" or
 * without the brackets). Needs the desk unlocked.
 * Returns: (transfer full) (nullable): NULL, with @error unset, when no
 * case has it. */
MpCase      *mp_store_find_message         (MpStore      *self,
                                            const char   *message_id,
                                            GError      **error);
/* Remembers that @kase holds or sent @message_id; a second time is no
 * change. One write, or part of the caller's batch. */
gboolean     mp_store_remember_message     (MpStore      *self,
                                            MpCase       *kase,
                                            const char   *message_id,
                                            GError      **error);

/* The password of the desk's mailbox, sealed in the desk (so that
 * `meldpunt-cli mailbox fetch` and the window use the same one). */
gboolean     mp_store_set_mailbox_password (MpStore      *self,
                                            const char   *password,
                                            GError      **error);
/* Returns: (transfer full) (nullable): NULL with @error unset when none
 * is set. Free with g_free() after wiping it. */
char        *mp_store_get_mailbox_password (MpStore      *self,
                                            GError      **error);

G_END_DECLS
