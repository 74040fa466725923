/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-policy.h"
#include "mp-store-private.h"

/* The store's side of the policy: reading it from the settings table,
 * keeping it while the file does not change, and storing a changed value.
 * The policy itself (its keys, defaults and validation) is a rule, in
 * mp-policy.c, and knows nothing of the store. */

/* Another connection's commit moves PRAGMA data_version; this store's own
 * setting writes forget the policy themselves. */
static gint64
data_version (MpStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Every setting in one query (the policy has about a hundred keys). */
static GHashTable *
read_settings (MpStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (self->db == NULL || !(stmt = _mp_store_prepare (self, "SELECT key, value FROM settings", NULL)))
    return settings;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (settings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  return settings;
}

static MpPolicy *
load_policy (MpStore *self)
{
  g_autoptr(GHashTable) settings = read_settings (self);

  return mp_policy_new_from_settings (settings, mp_store_get_organisation (self));
}

MpPolicy *
mp_store_get_policy (MpStore *self)
{
  gint64 version;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  /* The store derives inside every write: reading and parsing the policy's
   * settings each time was a third of the cost of a write. */
  version = data_version (self);
  if (self->policy != NULL && (version == -1 || version != self->policy_data_version))
    g_clear_pointer (&self->policy, mp_policy_unref);
  if (self->policy == NULL)
    {
      self->policy = load_policy (self);
      self->policy_data_version = version;
    }
  return mp_policy_ref (self->policy);
}

void
_mp_store_forget_policy (MpStore *self)
{
  g_clear_pointer (&self->policy, mp_policy_unref);
}

gboolean
mp_store_set_policy (MpStore     *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  /* A policy of its own: validating changes it. */
  policy = load_policy (self);
  if (!mp_policy_normalise_setting (policy, mp_store_get_organisation (self), key, value,
                                    &normal, error))
    return FALSE;
  return mp_store_set_setting (self, key, normal, error);
}
