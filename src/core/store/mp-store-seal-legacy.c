/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* Sealing a desk made before everything was sealed (schema 4). Migration 5
 * left each case's fields as a plain JSON record and each row as plain
 * JSON, all with version 0; here, at the first unlock, each becomes a
 * sealed record or row (version 1), with the case's MAC, in one write with
 * an audit entry. Then the file is emptied of the plaintext: the log is
 * checkpointed and truncated, and VACUUM rewrites every page (secure_delete
 * zeroes what is freed). Cells the old shape had sealed are opened with
 * their old associated data. A case whose key was erased gets a new key
 * for what stays of it. */

static GBytes *
hex_to_bytes (const char *hex)
{
  gsize len;
  guint8 *out;

  if (hex == NULL || *hex == '\0')
    return NULL;
  len = strlen (hex) / 2;
  out = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    out[i] = (guint8) (g_ascii_xdigit_value (hex[2 * i]) << 4 | g_ascii_xdigit_value (hex[2 * i + 1]));
  return g_bytes_new_take (out, len);
}

/* Opens a cell the old shape sealed (hex in the JSON), or NULL. */
static char *
open_old_cell (MpStore     *self,
               gint64       key_id,
               const char  *table,
               const char  *column,
               gint64       row_id,
               const char  *hex,
               GError     **error)
{
  g_autoptr(GBytes) sealed = hex_to_bytes (hex);
  g_autoptr(GBytes) plain = NULL;

  if (sealed == NULL || key_id == 0)
    return NULL;
  plain = mp_vault_open (self->vault, key_id, table, column, row_id, sealed, error);
  if (plain == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
}

/* Migration 5 leaves the setting seal.pending where it left plaintext:
 * one look-up, not a scan of every row at every unlock. */
static gboolean
has_legacy_rows (MpStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _mp_store_prepare (self, "SELECT 1 FROM settings WHERE key = 'seal.pending'", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/* Loads every case key into the vault (the old cells need them). */
static gboolean
load_keys (MpStore  *self,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _mp_store_prepare (self, "SELECT c.key_id, k.wrapped FROM cases c"
                                        " JOIN case_keys k ON k.id = c.key_id"
                                        " WHERE length (k.wrapped) > 0", error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 key_id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GBytes) wrapped = NULL;

      if (mp_vault_has_case_key (self->vault, key_id))
        continue;
      wrapped = _mp_store_column_bytes (stmt, 1);
      if (!mp_vault_load_case_key (self->vault, key_id, wrapped, error))
        return FALSE;
    }
  return TRUE;
}

#define TEXT(stmt, i) ((const char *) sqlite3_column_text ((stmt), (i)))

#define CHUNK 2000

static gboolean
seal_cases (MpStore  *self,
            gint64   *cursors,
            guint    *n_done,
            GError  **error)
{
  static const char * const sealed_fields[] = {
    "description", "impact", "reproduction", "notes", NULL
  };
  g_autoptr(GString) sql = g_string_new ("SELECT c.id, c.reference, c.key_id,"
                                         " json_extract (c.record, '$.reporter_id'),"
                                         " json_extract (c.record, '$.deadlines')");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func (g_object_unref);
  const MpCaseField *fields;
  guint n_fields;
  int rc;

  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", json_extract (c.record, '$.%s')", fields[i].name);
  /* A few thousand at a time: a large desk's cases do not all sit in
   * memory at once. */
  g_string_append (sql, " FROM cases c WHERE c.version = 0 AND c.id > ?"
                        " ORDER BY c.id LIMIT " G_STRINGIFY (CHUNK));

  if (!(stmt = _mp_store_prepare (self, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cursors[0]);
  /* Read every case before writing one: a table changed under a running
   * SELECT may be visited in any order. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpCase *work = mp_case_new ();
      GPtrArray *deadlines = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(sqlite3_stmt) list = NULL;
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 key_id = sqlite3_column_int64 (stmt, 2);
      gint64 reporter_id = sqlite3_column_int64 (stmt, 3);

      _mp_case_set_id (work, id);
      mp_case_set_text (work, "reference", TEXT (stmt, 1));
      for (guint i = 0; i < n_fields; i++)
        {
          const char *name = fields[i].name;
          int col = 5 + (int) i;

          if (g_str_equal (name, "reference"))
            continue;
          if (g_strv_contains (sealed_fields, name) || g_str_equal (name, "reporter_name") ||
              g_str_equal (name, "reporter_email"))
            {
              gboolean reporter = g_str_has_prefix (name, "reporter_");
              g_autofree char *text = NULL;
              GError *local_error = NULL;

              text = open_old_cell (self, key_id, reporter ? "reporters" : "cases",
                                    reporter ? name + strlen ("reporter_") : name,
                                    reporter ? reporter_id : id, TEXT (stmt, col), &local_error);
              if (local_error != NULL)
                {
                  g_propagate_prefixed_error (error, local_error, "%s: ", TEXT (stmt, 1));
                  g_ptr_array_unref (deadlines);
                  g_object_unref (work);
                  return FALSE;
                }
              mp_case_set_text (work, name, text);
            }
          else if (fields[i].kind == MP_FIELD_TEXT)
            mp_case_set_text (work, name, TEXT (stmt, col));
          else if (fields[i].kind == MP_FIELD_BOOLEAN)
            mp_case_set_boolean (work, name, sqlite3_column_int (stmt, col) != 0);
          else
            mp_case_set_time (work, name, sqlite3_column_int64 (stmt, col));
        }

      if (!(list = _mp_store_prepare (self, "SELECT json_extract (value, '$[0]'),"
                                            " json_extract (value, '$[1]'), json_extract (value, '$[2]')"
                                            " FROM json_each (?)", error)))
        {
          g_ptr_array_unref (deadlines);
          g_object_unref (work);
          return FALSE;
        }
      sqlite3_bind_text (list, 1, TEXT (stmt, 4) != NULL ? TEXT (stmt, 4) : "[]", -1, SQLITE_TRANSIENT);
      while (sqlite3_step (list) == SQLITE_ROW)
        g_ptr_array_add (deadlines, mp_deadline_new (mp_case_get_reference (work), TEXT (list, 0),
                                                     sqlite3_column_int64 (list, 1),
                                                     sqlite3_column_int64 (list, 2)));
      g_clear_pointer (&list, _mp_store_release_stmt);

      /* The answers' plain values, for what the record keeps of them. */
      if (!(list = _mp_store_prepare (self, "SELECT json_extract (sealed, '$.item'),"
                                            " json_extract (sealed, '$.value') FROM answers"
                                            " WHERE case_id = ? AND version = 0", error)))
        {
          g_ptr_array_unref (deadlines);
          g_object_unref (work);
          return FALSE;
        }
      sqlite3_bind_int64 (list, 1, id);
      while (sqlite3_step (list) == SQLITE_ROW)
        if (TEXT (list, 0) != NULL && TEXT (list, 1) != NULL)
          {
            MpAnswer *answer = g_new0 (MpAnswer, 1);

            answer->item = g_strdup (TEXT (list, 0));
            answer->value = g_strdup (TEXT (list, 1));
            _mp_case_put_answer (work, answer);
          }
      g_clear_pointer (&list, _mp_store_release_stmt);
      g_object_set_data_full (G_OBJECT (work), "mp-legacy-deadlines", g_steal_pointer (&deadlines),
                              (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (work), "mp-legacy-key-id", g_memdup2 (&key_id, sizeof key_id),
                              g_free);
      g_ptr_array_add (works, work);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  g_clear_pointer (&stmt, _mp_store_release_stmt);

  *n_done = works->len;
  if (works->len > 0)
    cursors[0] = mp_case_get_id (g_ptr_array_index (works, works->len - 1));
  for (guint w = 0; w < works->len; w++)
    {
      MpCase *work = g_ptr_array_index (works, w);
      gint64 id = mp_case_get_id (work);
      gint64 key_id = *(gint64 *) g_object_get_data (G_OBJECT (work), "mp-legacy-key-id");
      GPtrArray *deadlines = g_object_get_data (G_OBJECT (work), "mp-legacy-deadlines");

      /* An erased case has no key left: what stays gets a new one. */
      if (key_id == 0 || !mp_vault_has_case_key (self->vault, key_id))
        {
          g_autoptr(sqlite3_stmt) rekey = NULL;

          if (!(key_id = _mp_store_new_case_key (self, error)) ||
              !(rekey = _mp_store_prepare (self, "UPDATE cases SET key_id = ? WHERE id = ?", error)))
            return FALSE;
          sqlite3_bind_int64 (rekey, 1, key_id);
          sqlite3_bind_int64 (rekey, 2, id);
          if (!_mp_store_step_done (self, rekey, error))
            return FALSE;
        }
      if (!_mp_store_write_case_record (self, work, key_id, deadlines, error))
        return FALSE;
    }
  return TRUE;
}

/* The sealed row of a legacy row @row_id of @table, from its JSON. */
static GVariant *
legacy_row (MpStore       *self,
            const char    *table,
            gint64         row_id,
            gint64         key_id,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  GError *local_error = NULL;
  GVariant *value = NULL;

  /* Columns from 3 on: the table's JSON fields, as selected below. */
  if (g_str_equal (table, "answers"))
    {
      g_autofree char *sealed_value = open_old_cell (self, key_id, "answers", "value_sealed", row_id,
                                                     TEXT (stmt, 5), &local_error);
      g_autofree char *note = local_error != NULL ? NULL
                              : open_old_cell (self, key_id, "answers", "note", row_id,
                                               TEXT (stmt, 6), &local_error);

      if (local_error == NULL)
        value = g_variant_new ("(smsmssx)", TEXT (stmt, 3),
                               TEXT (stmt, 4) != NULL ? TEXT (stmt, 4) : sealed_value, note,
                               TEXT (stmt, 7) != NULL ? TEXT (stmt, 7) : "",
                               (gint64) sqlite3_column_int64 (stmt, 8));
    }
  else if (g_str_equal (table, "events"))
    {
      g_autofree char *body = open_old_cell (self, key_id, "events", "body", row_id,
                                             TEXT (stmt, 7), &local_error);

      if (local_error == NULL)
        value = g_variant_new ("(xsssms)", (gint64) sqlite3_column_int64 (stmt, 3),
                               TEXT (stmt, 4) ? TEXT (stmt, 4) : "", TEXT (stmt, 5) ? TEXT (stmt, 5) : "",
                               TEXT (stmt, 6) ? TEXT (stmt, 6) : "", body);
    }
  else if (g_str_equal (table, "status_history"))
    value = g_variant_new ("(xsmss)", (gint64) sqlite3_column_int64 (stmt, 3),
                           TEXT (stmt, 4) ? TEXT (stmt, 4) : "", TEXT (stmt, 5),
                           TEXT (stmt, 6) ? TEXT (stmt, 6) : "");
  else
    {
      g_autofree char *name = open_old_cell (self, key_id, "attachments", "name", row_id,
                                             TEXT (stmt, 4), &local_error);

      if (local_error == NULL)
        value = g_variant_new ("(xmssx)", (gint64) sqlite3_column_int64 (stmt, 3), name,
                               TEXT (stmt, 5) ? TEXT (stmt, 5) : "application/octet-stream",
                               (gint64) sqlite3_column_int64 (stmt, 6));
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return value;
}

typedef struct
{
  gint64    row_id;
  gint64    key_id;
  GVariant *value;
  char     *item;
} LegacyRow;

static void
clear_legacy_row (gpointer data)
{
  LegacyRow *row = data;

  g_clear_pointer (&row->value, g_variant_unref);
  g_clear_pointer (&row->item, g_free);
}

static gboolean
seal_rows (MpStore  *self,
           gint64   *cursors,
           guint    *n_done,
           GError  **error)
{
  static const struct { const char *table; const char *fields; } tables[] = {
    { "answers", "'$.item', '$.value', '$.value_sealed', '$.note', '$.actor', '$.answered_at'" },
    { "events", "'$.at', '$.kind', '$.actor', '$.summary', '$.body'" },
    { "status_history", "'$.at', '$.status', '$.outcome', '$.actor'" },
    { "attachments", "'$.added_at', '$.name', '$.mime_type', '$.size'" },
  };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_auto(GStrv) paths = g_strsplit (tables[t].fields, ", ", -1);
      g_autoptr(GString) sql = g_string_new ("SELECT r.id, r.case_id, c.key_id");
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (LegacyRow));
      int rc;

      g_array_set_clear_func (rows, clear_legacy_row);
      for (guint i = 0; paths[i] != NULL; i++)
        g_string_append_printf (sql, ", json_extract (r.sealed, %s)", paths[i]);
      g_string_append_printf (sql, " FROM %s r JOIN cases c ON c.id = r.case_id"
                              " WHERE r.version = 0 AND r.id > ? ORDER BY r.id LIMIT " G_STRINGIFY (CHUNK),
                              tables[t].table);
      if (!(stmt = _mp_store_prepare (self, sql->str, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cursors[t]);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LegacyRow row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 2), NULL, NULL };

          /* An old cell of an erased case was emptied with its key. */
          if (!(row.value = legacy_row (self, tables[t].table, row.row_id, row.key_id, stmt, error)))
            return FALSE;
          g_variant_ref_sink (row.value);
          row.item = g_strdup (TEXT (stmt, 3));
          g_array_append_val (rows, row);
        }
      if (rc != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return FALSE;
        }
      g_clear_pointer (&stmt, _mp_store_release_stmt);

      *n_done += rows->len;
      if (rows->len > 0)
        cursors[t] = g_array_index (rows, LegacyRow, rows->len - 1).row_id;
      for (guint r = 0; r < rows->len; r++)
        {
          LegacyRow *row = &g_array_index (rows, LegacyRow, r);
          gint64 row_id = row->row_id;
          gint64 key_id = row->key_id;

          if (g_str_equal (tables[t].table, "answers"))
            {
              g_autoptr(sqlite3_stmt) tag_stmt = NULL;
              guint8 tag[MP_VAULT_MAC_BYTES];

              if (!_mp_store_answer_tag (self, key_id, row->item, tag, error) ||
                  !(tag_stmt = _mp_store_prepare (self, "UPDATE answers SET tag = ? WHERE id = ?", error)))
                return FALSE;
              sqlite3_bind_blob (tag_stmt, 1, tag, sizeof tag, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (tag_stmt, 2, row_id);
              if (!_mp_store_step_done (self, tag_stmt, error))
                return FALSE;
            }
          if (!_mp_store_rewrite_sealed_row (self, tables[t].table, row_id, key_id,
                                             row->value, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
seal_every_case_set (MpStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A case a restore erased by the ledger has no key and nothing left to
   * cover (_mp_store_erase_case_rows()). */
  if (!(stmt = _mp_store_prepare (self, "SELECT id, key_id FROM cases WHERE key_id IS NOT NULL",
                                  error)))
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (!_mp_store_seal_case_set (self, sqlite3_column_int64 (stmt, 0),
                                  sqlite3_column_int64 (stmt, 1), error))
      return FALSE;
  return TRUE;
}

/* Runs @step until it finds nothing left to seal; each step goes on after
 * the last id it did (a cursor per table), never scanning again what is
 * sealed already. */
static gboolean
seal_in_chunks (MpStore  *self,
                gboolean (*step) (MpStore *, gint64 *, guint *, GError **),
                GError  **error)
{
  gint64 cursors[4] = { 0, 0, 0, 0 };
  guint n_done;

  do
    {
      n_done = 0;
      if (!step (self, cursors, &n_done, error))
        return FALSE;
    }
  while (n_done > 0);
  return TRUE;
}

gboolean
_mp_store_seal_legacy (MpStore  *self,
                       GError  **error)
{
  if (!has_legacy_rows (self))
    return TRUE;

  if (!_mp_store_begin_write (self, error))
    return FALSE;
  /* Cases first: an erased case gets its new key before its rows. */
  if (!load_keys (self, error) || !seal_in_chunks (self, seal_cases, error) ||
      !seal_in_chunks (self, seal_rows, error) || !seal_every_case_set (self, error) ||
      !_mp_store_exec (self->db, "DELETE FROM settings WHERE key = 'seal.pending';", error) ||
      !_mp_store_audit_append (self, NULL, "desk.seal", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    {
      _mp_store_rollback_write (self);
      return FALSE;
    }

  /* No plaintext stays in the file or its log: every page is rewritten
   * and the log emptied. */
  _mp_store_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
  _mp_store_exec (self->db, "VACUUM;", NULL);
  _mp_store_finish_erase (self);

  /* The backups the migrations made held the plaintext: the desk is
   * sealed and verified (it opened and was written), so they go. */
  for (int version = 0; version < MP_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s.v%d.bak", self->path, version);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        g_unlink (path);
    }
  return TRUE;
}
