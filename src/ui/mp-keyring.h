/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* "Unlock with my login": the desk's master key in the session keyring
 * (libsecret), by the database's path. */
gboolean  mp_keyring_is_enabled     (void);
void      mp_keyring_set_enabled    (gboolean              enabled);

/* Stores the unlocked @store's master key. */
void      mp_keyring_store_async    (MpStore              *store,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  mp_keyring_store_finish   (GAsyncResult         *result,
                                     GError              **error);
/* Removes the stored key of the database at @path; errors are ignored. */
void      mp_keyring_clear          (const char           *path);

/* Unlocks @store with its stored key. Fails quietly-able: the error says why. */
void      mp_keyring_unlock_async   (MpStore              *store,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean  mp_keyring_unlock_finish  (MpStore              *store,
                                     GAsyncResult         *result,
                                     GError              **error);

/* Keeps the keyring's key of the store @store_signals targets up to date
 * when the store rotates its master key (MpStore::key-changed). */
void      mp_keyring_follow_store   (GSignalGroup         *store_signals);

/* When "Unlock with my login" is on: puts the unlocked @store's key into
 * the keyring again, as after a passphrase unlock (another program may
 * have rotated the key the keyring held). */
void      mp_keyring_refresh        (MpStore              *store);

/* For tests: how many rotated keys were put into the keyring. */
guint     _mp_keyring_get_n_replaced (void);

G_END_DECLS
