/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's own secrets (its OpenPGP key, the mailbox password) are each
 * sealed under a key of their own: a row of case_keys that no case uses,
 * wrapped by the master key like a case's key. Replacing a secret makes a
 * new key and destroys the old one, so its ciphertext cannot be opened.
 */
#include "config.h"

#include "mp-store-private.h"

gint64
_mp_store_new_secret_key (MpStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) key_row = NULL;
  g_autoptr(sqlite3_stmt) wrap = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  gint64 key_id;

  if (!(key_row = _mp_store_prepare (self, "INSERT INTO case_keys (wrapped) VALUES (x'')", error)) ||
      !_mp_store_step_done (self, key_row, error))
    return 0;
  key_id = sqlite3_last_insert_rowid (self->db);
  if (!(wrapped = mp_vault_new_case_key (self->vault, key_id, error)) ||
      !(wrap = _mp_store_prepare (self, "UPDATE case_keys SET wrapped = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_blob (wrap, 1, g_bytes_get_data (wrapped, NULL), (int) g_bytes_get_size (wrapped),
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (wrap, 2, key_id);
  if (!_mp_store_step_done (self, wrap, error))
    goto fail;
  return key_id;

fail:
  mp_vault_forget_case_key (self->vault, key_id);
  return 0;
}

gboolean
_mp_store_destroy_unused_keys (MpStore  *self,
                               GError  **error)
{
  return _mp_store_exec (self->db, "UPDATE case_keys SET wrapped = x'' WHERE id NOT IN"
                                   " (SELECT key_id FROM cases WHERE key_id IS NOT NULL"
                                   "  UNION SELECT key_id FROM desk_key"
                                   "  UNION SELECT key_id FROM mailbox_secret) AND wrapped != x''",
                         error);
}
