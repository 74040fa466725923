/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* The sealed rows of a case (answers, events, status changes,
 * attachments): one AEAD blob per row beside (id, case_id, version), the
 * version raised by every write of the row (see mp-store-seal.c). */

/* ---- writing sealed rows -------------------------------------------------- */

static gboolean
store_sealed_row (MpStore     *self,
                  const char  *table,
                  gint64       row_id,
                  gint64       version,
                  gint64       key_id,
                  GVariant    *value,
                  GError     **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (value);
  g_autoptr(GBytes) plain = g_variant_get_data_as_bytes (owned);
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET sealed = ? WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) update = NULL;

  sealed = mp_vault_seal_row (self->vault, key_id, table, "sealed", row_id, version,
                              g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), error);
  if (sealed == NULL || !(update = _mp_store_prepare (self, sql, error)))
    return FALSE;
  sqlite3_bind_blob (update, 1, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed),
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, row_id);
  return _mp_store_step_done (self, update, error);
}

/* Adds a row of @table (events, status_history, attachments) to case
 * @case_id holding @value (floating, consumed) sealed; returns its id, or 0. */
gint64
_mp_store_add_sealed_row (MpStore     *self,
                          const char  *table,
                          gint64       case_id,
                          gint64       key_id,
                          GVariant    *value,
                          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (case_id, version) VALUES (?, 1)", table);
  g_autoptr(sqlite3_stmt) insert = _mp_store_prepare (self, sql, error);
  gint64 id;

  g_variant_ref_sink (value);
  if (insert == NULL)
    {
      g_variant_unref (value);
      return 0;
    }
  sqlite3_bind_int64 (insert, 1, case_id);
  if (!_mp_store_step_done (self, insert, error))
    {
      g_variant_unref (value);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!store_sealed_row (self, table, id, 1, key_id, value, error))
    id = 0;
  g_variant_unref (value);
  return id;
}

/* Rewrites row @row_id of @table with @value (floating, consumed) under
 * the next version. */
gboolean
_mp_store_rewrite_sealed_row (MpStore     *self,
                              const char  *table,
                              gint64       row_id,
                              gint64       key_id,
                              GVariant    *value,
                              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET version = version + 1 WHERE id = ?"
                                          " RETURNING version", table);
  g_autoptr(sqlite3_stmt) bump = _mp_store_prepare (self, sql, error);
  gint64 version;
  gboolean ok;

  g_variant_ref_sink (value);
  if (bump == NULL)
    {
      g_variant_unref (value);
      return FALSE;
    }
  sqlite3_bind_int64 (bump, 1, row_id);
  if (sqlite3_step (bump) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
      g_variant_unref (value);
      return FALSE;
    }
  version = sqlite3_column_int64 (bump, 0);
  g_clear_pointer (&bump, _mp_store_release_stmt);
  ok = store_sealed_row (self, table, row_id, version, key_id, value, error);
  g_variant_unref (value);
  return ok;
}

/* The keyed tag that finds the answer row of @item in its case. */
gboolean
_mp_store_answer_tag (MpStore     *self,
                      gint64       key_id,
                      const char  *item,
                      guint8       tag[MP_VAULT_MAC_BYTES],
                      GError     **error)
{
  g_autofree char *data = g_strdup_printf ("meldpunt|answer-item|v1|%s", item);

  return mp_vault_case_mac (self->vault, key_id, data, strlen (data), tag, error);
}

/* Puts @value (floating, consumed) as the answer row of @item in case
 * @case_id: a new row, or the item's row under its next version. */
gboolean
_mp_store_put_answer_row (MpStore     *self,
                          gint64       case_id,
                          gint64       key_id,
                          const char  *item,
                          GVariant    *value,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  guint8 tag[MP_VAULT_MAC_BYTES];
  gint64 id, version;
  gboolean ok;

  g_variant_ref_sink (value);
  if (!_mp_store_answer_tag (self, key_id, item, tag, error) ||
      !(upsert = _mp_store_prepare (self, "INSERT INTO answers (case_id, tag, version) VALUES (?, ?, 1)"
                                          " ON CONFLICT (case_id, tag) DO UPDATE SET"
                                          " version = version + 1 RETURNING id, version", error)))
    {
      g_variant_unref (value);
      return FALSE;
    }
  sqlite3_bind_int64 (upsert, 1, case_id);
  sqlite3_bind_blob (upsert, 2, tag, sizeof tag, SQLITE_TRANSIENT);
  if (sqlite3_step (upsert) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
      g_variant_unref (value);
      return FALSE;
    }
  id = sqlite3_column_int64 (upsert, 0);
  version = sqlite3_column_int64 (upsert, 1);
  g_clear_pointer (&upsert, _mp_store_release_stmt);
  ok = store_sealed_row (self, "answers", id, version, key_id, value, error);
  g_variant_unref (value);
  return ok;
}

gboolean
_mp_store_delete_answer_row (MpStore     *self,
                             gint64       case_id,
                             gint64       key_id,
                             const char  *item,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 tag[MP_VAULT_MAC_BYTES];

  if (!_mp_store_answer_tag (self, key_id, item, tag, error) ||
      !(stmt = _mp_store_prepare (self, "DELETE FROM answers WHERE case_id = ? AND tag = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_blob (stmt, 2, tag, sizeof tag, SQLITE_TRANSIENT);
  return _mp_store_step_done (self, stmt, error);
}

GVariant *
_mp_store_answer_to_variant (const MpAnswer *answer)
{
  return g_variant_new ("(smsmssx)", answer->item, answer->value, answer->note,
                        answer->actor != NULL ? answer->actor : "", answer->answered_at);
}

/* ---- reading sealed rows -------------------------------------------------- */

/* Opens the sealed row of the current row of @stmt (id at column 0,
 * version at 1, sealed at 2) as a GVariant of @type. */
GVariant *
_mp_store_open_sealed_row (MpStore             *self,
                           sqlite3_stmt        *stmt,
                           const char          *table,
                           gint64               key_id,
                           const GVariantType  *type,
                           GError             **error)
{
  g_autoptr(GBytes) plain = NULL;
  GVariant *value;

  plain = mp_vault_open_row (self->vault, key_id, NULL, 0, table, "sealed",
                             sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                             sqlite3_column_blob (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2),
                             error);
  if (plain == NULL)
    return NULL;
  value = g_variant_ref_sink (g_variant_new_from_bytes (type, plain, FALSE));
  if (!g_variant_is_normal_form (value))
    {
      g_variant_unref (value);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("A stored record is not in a form Meldpunt knows."));
      return NULL;
    }
  return value;
}

/* The rows of @kase in @table as opened GVariants of @type, in the order
 * of their ids, after checking the case's MAC. A row that does not open,
 * or a MAC that fails, marks the case damaged: then NULL and @error. */
GPtrArray *
_mp_store_read_case_rows (MpStore             *self,
                          MpCase              *kase,
                          gint64               key_id,
                          const char          *table,
                          const GVariantType  *type,
                          GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = g_strdup_printf ("SELECT id, version, sealed FROM %s WHERE case_id = ?"
                                          " ORDER BY id", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_mp_store_require_not_damaged (self, kase, error))
    return NULL;
  /* Erased by a restore's ledger (_mp_store_erase_case_rows()): no key,
   * and nothing is left to read. */
  if (key_id == 0 && mp_case_is_erased (kase))
    return g_steal_pointer (&rows);
  if (!_mp_store_check_case_set (self, kase, key_id, error) ||
      !(stmt = _mp_store_prepare (self, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      GVariant *value = _mp_store_open_sealed_row (self, stmt, table, key_id, type, &local_error);

      if (value == NULL)
        {
          g_autofree char *detail = g_strdup_printf (_("a row of its %s: %s"), table,
                                                     local_error->message);

          _mp_store_mark_damaged (kase, detail);
          g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED,
                               mp_store_get_case_damage (self, kase));
          return NULL;
        }
      g_ptr_array_add (rows, value);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
