/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* Sealing by default (issue 18). A case keeps in clear only its id, its
 * reference (with year and sequence) and its key id; everything else is
 * sealed with the case's key:
 *
 * - the case record (cases.record): every field of the case and its
 *   reporter, and its derived state (status, next deadline, the deadlines
 *   with their due and met moments), as one GVariant a{sv};
 * - each answer, event, status change and attachment's name, type, size and
 *   moment: one sealed blob per row (the rows' `sealed` column), beside
 *   the row's id, case id and version (answers also a keyed tag of their
 *   item, so that a write finds the row of an item without naming it).
 *
 * Every sealed blob binds table, column, row id, key id and the row's
 * version, which grows with every write of the row: an older ciphertext put
 * back is refused. A keyed MAC per case (cases.mac) covers the record's
 * version and the (table, id, version) list of every row of the case: a
 * row deleted, added, NULLed or replayed with its older version makes the
 * MAC fail. A case whose record or rows fail is damaged: it is listed by
 * its reference, read-only, and the rest of the desk works. */

#define DEADLINES_KEY "mp-store-deadlines"
#define DAMAGE_KEY    "mp-store-damage"
#define VALUES_KEY    "mp-store-values"

/* The answers the desk-wide views add up over every case (the overview,
 * the reward ledger): their values ride in the case's record, so that
 * these views need not read the answers of every case. */
static const char * const summary_items[] = {
  "ack.sent_on", "assess.sent_on", "reward.sent_on", "reward.declined", "reward.amount", NULL
};

/* The tables of a case's rows, in the order the MAC covers them. */
static const char * const child_tables[] = { "answers", "events", "status_history", "attachments" };

/* ---- per-case state kept on the case object ------------------------------ */

GPtrArray *
_mp_store_case_get_deadlines (MpCase *kase)
{
  return g_object_get_data (G_OBJECT (kase), DEADLINES_KEY);
}

void
_mp_store_case_set_deadlines (MpCase    *kase,
                              GPtrArray *deadlines)
{
  g_object_set_data_full (G_OBJECT (kase), DEADLINES_KEY,
                          deadlines != NULL ? g_ptr_array_ref (deadlines) : NULL,
                          (GDestroyNotify) g_ptr_array_unref);
}

/* The values of summary_items[] @kase's answers hold, as a{ss}. */
static GVariant *
case_values (MpCase *kase)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; summary_items[i] != NULL; i++)
    {
      const char *value = mp_case_get_answer_value (kase, summary_items[i]);

      if (value != NULL)
        g_variant_builder_add (&builder, "{ss}", summary_items[i], value);
    }
  return g_variant_builder_end (&builder);
}

static void
set_values (MpCase   *kase,
            GVariant *values)
{
  GVariant *own = NULL;

  /* A copy of its own: the record it came from is not kept. */
  if (values != NULL && g_variant_n_children (values) > 0)
    own = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a{ss}"),
                                                        g_bytes_new (g_variant_get_data (values),
                                                                     g_variant_get_size (values)),
                                                        TRUE));
  g_object_set_data_full (G_OBJECT (kase), VALUES_KEY, own, (GDestroyNotify) g_variant_unref);
}

/* The value of @item among the desk-wide answers, if it is one of them:
 * TRUE and @value (NULL: not answered); FALSE when @item is not kept so. */
gboolean
_mp_store_case_lookup_value (MpCase      *kase,
                             const char  *item,
                             const char **value)
{
  GVariant *values;

  if (!g_strv_contains (summary_items, item))
    return FALSE;
  values = g_object_get_data (G_OBJECT (kase), VALUES_KEY);
  *value = NULL;
  if (values != NULL)
    g_variant_lookup (values, item, "&s", value);
  return TRUE;
}

/* After a write: @kase takes what @work's record holds beside its fields. */
void
_mp_store_case_take_state (MpCase *kase,
                           MpCase *work)
{
  _mp_store_case_set_deadlines (kase, _mp_store_case_get_deadlines (work));
  g_object_set_data_full (G_OBJECT (kase), VALUES_KEY,
                          g_object_steal_data (G_OBJECT (work), VALUES_KEY),
                          (GDestroyNotify) g_variant_unref);
}

void
_mp_store_mark_damaged (MpCase     *kase,
                        const char *detail)
{
  g_autofree char *message = NULL;

  if (g_object_get_data (G_OBJECT (kase), DAMAGE_KEY) != NULL)
    return;
  message = g_strdup_printf (_("Case %s is damaged: its stored records failed their integrity "
                               "check (%s); they were changed outside Meldpunt. The case cannot "
                               "be changed; restore a backup to repair it."),
                             mp_case_get_reference (kase) != NULL ? mp_case_get_reference (kase) : "?",
                             detail);
  g_object_set_data_full (G_OBJECT (kase), DAMAGE_KEY, g_steal_pointer (&message), g_free);
}

const char *
mp_store_get_case_damage (MpStore *self,
                          MpCase  *kase)
{
  g_return_val_if_fail (self == NULL || MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  return g_object_get_data (G_OBJECT (kase), DAMAGE_KEY);
}

gboolean
_mp_store_require_not_damaged (MpStore  *self,
                               MpCase   *kase,
                               GError  **error)
{
  MpCase *stored = NULL;
  const char *damage;

  if (mp_case_get_reference (kase) != NULL)
    stored = g_hash_table_lookup (self->by_reference, mp_case_get_reference (kase));
  damage = g_object_get_data (G_OBJECT (kase), DAMAGE_KEY);
  if (damage == NULL && stored != NULL)
    damage = g_object_get_data (G_OBJECT (stored), DAMAGE_KEY);
  if (damage == NULL)
    return TRUE;
  g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED, damage);
  return FALSE;
}

/* ---- the case record ------------------------------------------------------ */

GBytes *
_mp_store_case_record_serialise (MpCase    *kase,
                                 GPtrArray *deadlines)
{
  g_autoptr(GVariant) record = NULL;
  GVariantBuilder builder;
  GVariantBuilder list;
  const MpCaseField *fields;
  guint n_fields;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].name;
      GVariant *value = NULL;

      if (g_str_equal (name, "reference"))
        continue;
      switch (fields[i].kind)
        {
        case MP_FIELD_TEXT:
          {
            const char *text = mp_case_get_text (kase, name);

            if (text != NULL)
              value = g_variant_new_string (text);
          }
          break;
        case MP_FIELD_BOOLEAN:
          value = g_variant_new_boolean (mp_case_get_boolean (kase, name));
          break;
        case MP_FIELD_TIME:
          if (mp_case_get_time (kase, name) != 0)
            value = g_variant_new_int64 (mp_case_get_time (kase, name));
          break;
        default:
          g_assert_not_reached ();
        }
      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", name, value);
    }

  g_variant_builder_init (&list, G_VARIANT_TYPE ("a(sxx)"));
  for (guint i = 0; deadlines != NULL && i < deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (deadlines, i);

      g_variant_builder_add (&list, "(sxx)", mp_deadline_get_kind (deadline),
                             (gint64) mp_deadline_get_due_at (deadline),
                             (gint64) mp_deadline_get_met_at (deadline));
    }
  g_variant_builder_add (&builder, "{sv}", "deadlines", g_variant_builder_end (&list));
  g_variant_builder_add (&builder, "{sv}", "values", case_values (kase));

  record = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_variant_get_data_as_bytes (record);
}

/* Sets the fields of @kase from a record (text fields it does not hold are
 * left empty); its deadlines go on @kase too. */
gboolean
_mp_store_case_record_apply (MpCase  *kase,
                             GBytes  *plain)
{
  g_autoptr(GVariant) record = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("a{sv}"),
                                                                             plain, FALSE));
  g_autoptr(GPtrArray) deadlines = g_ptr_array_new_with_free_func (g_object_unref);
  const MpCaseField *fields;
  guint n_fields;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!g_variant_is_normal_form (record))
    return FALSE;
  /* A text field the record does not hold is empty. */
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == MP_FIELD_TEXT && !g_str_equal (fields[i].name, "reference"))
      mp_case_set_text (kase, fields[i].name, NULL);

  g_variant_iter_init (&iter, record);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      const MpCaseField *meta;

      if (g_str_equal (key, "deadlines") && g_variant_is_of_type (value, G_VARIANT_TYPE ("a(sxx)")))
        {
          GVariantIter items;
          const char *kind;
          gint64 due_at, met_at;

          g_variant_iter_init (&items, value);
          while (g_variant_iter_next (&items, "(&sxx)", &kind, &due_at, &met_at))
            g_ptr_array_add (deadlines, mp_deadline_new (mp_case_get_reference (kase), kind,
                                                         due_at, met_at));
        }
      else if (g_str_equal (key, "values") && g_variant_is_of_type (value, G_VARIANT_TYPE ("a{ss}")))
        set_values (kase, value);
      else if ((meta = mp_case_lookup_field (key)) != NULL && !g_str_equal (key, "reference"))
        {
          if (meta->kind == MP_FIELD_TEXT && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            mp_case_set_text (kase, key, g_variant_get_string (value, NULL));
          else if (meta->kind == MP_FIELD_BOOLEAN && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
            mp_case_set_boolean (kase, key, g_variant_get_boolean (value));
          else if (meta->kind == MP_FIELD_TIME && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
            mp_case_set_time (kase, key, g_variant_get_int64 (value));
        }
      g_variant_unref (value);
    }
  _mp_store_case_set_deadlines (kase, deadlines);
  return TRUE;
}

/* Opens a case's record (key @key_id, loaded from @wrapped if needed) onto
 * @kase. Safe in the threads of unlock. */
gboolean
_mp_store_open_case_record (MpStore       *self,
                            MpCase        *kase,
                            gint64         key_id,
                            const guint8  *wrapped,
                            gsize          wrapped_len,
                            gint64         version,
                            const guint8  *sealed,
                            gsize          sealed_len,
                            GError       **error)
{
  g_autoptr(GBytes) plain = NULL;

  plain = mp_vault_open_row (self->vault, key_id, wrapped, wrapped_len, "cases", "record",
                             mp_case_get_id (kase), version, sealed, sealed_len, error);
  if (plain == NULL)
    return FALSE;
  if (!_mp_store_case_record_apply (kase, plain))
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("The case's record is not in a form Meldpunt knows."));
      return FALSE;
    }
  return TRUE;
}

/* ---- the MAC over a case's record set ------------------------------------ */

static gboolean
case_set_mac (MpStore  *self,
              gint64    case_id,
              gint64    key_id,
              guint8    mac[MP_VAULT_MAC_BYTES],
              GError  **error)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) record = NULL;
  int rc;

  if (!(record = _mp_store_prepare (self, "SELECT version FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (record, 1, case_id);
  if (sqlite3_step (record) != SQLITE_ROW)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                           _("The case is not in the database."));
      return FALSE;
    }
  g_string_printf (set, "meldpunt|case-set|v1|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                   case_id, key_id, (gint64) sqlite3_column_int64 (record, 0));

  for (guint t = 0; t < G_N_ELEMENTS (child_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, version FROM %s WHERE case_id = ? ORDER BY id",
                                              child_tables[t]);
      g_autoptr(sqlite3_stmt) rows = _mp_store_prepare (self, sql, error);

      if (rows == NULL)
        return FALSE;
      sqlite3_bind_int64 (rows, 1, case_id);
      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        g_string_append_printf (set, "|%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, child_tables[t],
                                (gint64) sqlite3_column_int64 (rows, 0),
                                (gint64) sqlite3_column_int64 (rows, 1));
      if (rc != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return FALSE;
        }
    }
  return mp_vault_case_mac (self->vault, key_id, set->str, set->len, mac, error);
}

/* Writes the MAC of case @case_id's record set; inside the write that
 * changed it, after its last row. */
gboolean
_mp_store_seal_case_set (MpStore  *self,
                         gint64    case_id,
                         gint64    key_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];

  if (!case_set_mac (self, case_id, key_id, mac, error) ||
      !(update = _mp_store_prepare (self, "UPDATE cases SET mac = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_blob (update, 1, mac, sizeof mac, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, case_id);
  return _mp_store_step_done (self, update, error);
}

/* Checks the MAC of @kase's record set; a mismatch marks it damaged. */
gboolean
_mp_store_check_case_set (MpStore  *self,
                          MpCase   *kase,
                          gint64    key_id,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];
  gboolean ok;

  if (!case_set_mac (self, mp_case_get_id (kase), key_id, mac, error) ||
      !(stmt = _mp_store_prepare (self, "SELECT mac FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  ok = sqlite3_step (stmt) == SQLITE_ROW &&
       sqlite3_column_bytes (stmt, 0) == MP_VAULT_MAC_BYTES &&
       sodium_memcmp (sqlite3_column_blob (stmt, 0), mac, MP_VAULT_MAC_BYTES) == 0;
  if (!ok)
    {
      _mp_store_mark_damaged (kase, _("a record was removed, added or put back"));
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED,
                           g_object_get_data (G_OBJECT (kase), DAMAGE_KEY));
    }
  return ok;
}

/* ---- writing sealed rows -------------------------------------------------- */

/* Writes the record of @work (its fields and @deadlines) with the next
 * version, then the case's MAC; inside a write, after the case's rows. */
gboolean
_mp_store_write_case_record (MpStore    *self,
                             MpCase     *work,
                             gint64      key_id,
                             GPtrArray  *deadlines,
                             GError    **error)
{
  g_autoptr(sqlite3_stmt) bump = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 id = mp_case_get_id (work);
  gint64 version;

  if (!(bump = _mp_store_prepare (self, "UPDATE cases SET version = version + 1 WHERE id = ?"
                                        " RETURNING version", error)))
    return FALSE;
  sqlite3_bind_int64 (bump, 1, id);
  if (sqlite3_step (bump) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
      return FALSE;
    }
  version = sqlite3_column_int64 (bump, 0);
  g_clear_pointer (&bump, _mp_store_release_stmt);

  plain = _mp_store_case_record_serialise (work, deadlines);
  sealed = mp_vault_seal_row (self->vault, key_id, "cases", "record", id, version,
                              g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), error);
  if (sealed == NULL ||
      !(update = _mp_store_prepare (self, "UPDATE cases SET record = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_blob (update, 1, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed),
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, id);
  if (!_mp_store_step_done (self, update, error))
    return FALSE;
  _mp_store_case_set_deadlines (work, deadlines);
  {
    g_autoptr(GVariant) values = g_variant_ref_sink (case_values (work));

    set_values (work, values);
  }
  return _mp_store_seal_case_set (self, id, key_id, error);
}

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

  if (!_mp_store_require_not_damaged (self, kase, error) ||
      !_mp_store_check_case_set (self, kase, key_id, error) ||
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
                               g_object_get_data (G_OBJECT (kase), DAMAGE_KEY));
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
