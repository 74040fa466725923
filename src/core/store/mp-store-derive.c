/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <stdlib.h>

#include "mp-derive.h"
#include "mp-store-private.h"

/* Derivation is versioned (issue 17): status, outcome, severity and
 * deadlines are derived inside every write and stored, so a new version
 * of the rules would leave existing cases as the old rules derived them
 * until each is next written. The desk keeps the rules version its derived
 * state was written with (the setting RULES_VERSION_KEY, not part of the
 * policy); unlocking a desk with an older one re-derives every case in one
 * transaction, audited once. */

#define RULES_VERSION_KEY "derive.rules_version"

/* 0: a desk from before derivation was versioned. */
static guint
stored_rules_version (MpStore *self)
{
  g_autofree char *value = mp_store_get_setting (self, RULES_VERSION_KEY);
  guint64 version;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &version, NULL))
    return 0;
  return (guint) version;
}

/* Inside a write. */
gboolean
_mp_store_write_rules_version (MpStore  *self,
                               guint     version,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _mp_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?)"
                                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, RULES_VERSION_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, version);
  return _mp_store_step_done (self, stmt, error);
}

/* After an unlock has published the cases. A desk that cannot be written
 * now (another process holds the write lock, the file is damaged) keeps
 * its derived state and is re-derived at a later unlock; the unlock
 * itself does not fail. */
void
_mp_store_rederive_if_stale (MpStore *self)
{
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  guint stored = stored_rules_version (self);

  if (stored >= MP_DERIVE_RULES_VERSION || self->batch_depth > 0)
    return;

  old_value = stored > 0 ? g_strdup_printf ("%u", stored) : NULL;
  new_value = g_strdup_printf ("%u", (guint) MP_DERIVE_RULES_VERSION);
  if (!_mp_store_begin_write (self, &error))
    goto out;
  if (!_mp_store_rederive_cases (self, works, &error) ||
      !_mp_store_write_rules_version (self, MP_DERIVE_RULES_VERSION, &error) ||
      !_mp_store_audit_append (self, NULL, "derive.upgrade", "rules_version", old_value,
                               new_value, &error) ||
      !_mp_store_commit_write (self, &error))
    {
      _mp_store_rollback_write (self);
      goto out;
    }
  _mp_store_publish_rederived (self, works);

out:
  if (error != NULL)
    g_message ("Could not derive the cases again under rules version %s: %s",
               new_value, error->message);
}

gboolean
_mp_store_set_stale_derived (MpStore     *self,
                             MpCase      *kase,
                             const char  *status,
                             guint        rules_version,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MpCase) work = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_begin_write (self, error))
    return FALSE;
  /* The stored record with the stale status, as written by older rules. */
  work = _mp_case_clone (kase);
  mp_case_set_text (work, "status", status);
  if (!(stmt = _mp_store_prepare (self, "SELECT key_id FROM cases WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      !_mp_store_write_case_record (self, work, sqlite3_column_int64 (stmt, 0),
                                    _mp_store_case_get_deadlines (kase), error) ||
      !_mp_store_write_rules_version (self, rules_version, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}
