/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-derive.h"
#include "mp-desk-context.h"
#include "mp-error.h"
#include "mp-reward.h"
#include "mp-store-private.h"

/* Writes to a case: adding and changing it, its answers, its derived
 * state (status, deadlines) and erasing its confidential data. */

/* Answers whose value is itself confidential (DESIGN.md: voucher codes). */
static const char * const confidential_answers[] = { "reward.voucher_code", NULL };

const char * const _mp_store_case_text_columns[MP_STORE_N_CASE_TEXT_COLUMNS] = {
  "description", "impact", "reproduction", "notes",
};

/* ---- derived state -------------------------------------------------------- */

typedef struct
{
  gint64 row_id;
  gint64 due_at;
  gint64 met_at;
} StoredDeadline;

static gboolean
run_deadline_stmt (MpStore     *self,
                   const char  *sql,
                   gint64       a,
                   const char  *kind,
                   gint64       due_at,
                   gint64       met_at,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    {
      sqlite3_bind_int64 (stmt, 3, due_at);
      _mp_store_bind_time_or_null (stmt, 4, met_at);
    }
  return _mp_store_step_done (self, stmt, error);
}

/* Brings the deadline rows of case @id to @deadlines. Most writes change
 * one or two of a case's deadlines: only those rows are written (deleting
 * and inserting them all touched three b-trees a row each time). */
static gboolean
write_deadlines (MpStore    *self,
                 gint64      id,
                 GPtrArray  *deadlines,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer value;
  int rc;

  if (!(select = _mp_store_prepare (self, "SELECT id, kind, due_at, met_at FROM deadlines"
                                          " WHERE case_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (select, 1, id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      StoredDeadline *row = g_new (StoredDeadline, 1);

      row->row_id = sqlite3_column_int64 (select, 0);
      row->due_at = sqlite3_column_int64 (select, 2);
      row->met_at = sqlite3_column_int64 (select, 3);
      g_hash_table_replace (stored, g_strdup ((const char *) sqlite3_column_text (select, 1)), row);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  g_clear_pointer (&select, _mp_store_release_stmt);

  for (guint i = 0; i < deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (deadlines, i);
      const char *kind = mp_deadline_get_kind (deadline);
      gint64 due_at = mp_deadline_get_due_at (deadline);
      gint64 met_at = mp_deadline_get_met_at (deadline);
      StoredDeadline *row = g_hash_table_lookup (stored, kind);

      if (row == NULL)
        {
          if (!run_deadline_stmt (self, "INSERT INTO deadlines (case_id, kind, due_at, met_at)"
                                        " VALUES (?1, ?2, ?3, ?4)",
                                  id, kind, due_at, met_at, error))
            return FALSE;
          continue;
        }
      if ((row->due_at != due_at || row->met_at != met_at) &&
          !run_deadline_stmt (self, "UPDATE deadlines SET due_at = ?3, met_at = ?4"
                                    " WHERE id = ?1 AND kind = ?2",
                              row->row_id, kind, due_at, met_at, error))
        return FALSE;
      g_hash_table_remove (stored, kind);
    }

  /* The kinds the case no longer has. */
  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!run_deadline_stmt (self, "DELETE FROM deadlines WHERE id = ?1",
                            ((StoredDeadline *) value)->row_id, NULL, 0, 0, error))
      return FALSE;
  return TRUE;
}

/* Derives status and deadlines on @work and writes them; inside a write. */
gboolean
_mp_store_write_derived (MpStore  *self,
                         MpCase   *work,
                         GError  **error)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (self);
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *old_status = g_strdup (mp_case_get_status (work));
  g_autofree char *old_outcome = g_strdup (mp_case_get_outcome (work));
  gint64 now = mp_time_now ();
  gint64 id = mp_case_get_id (work);

  deadlines = mp_derive_case (policy, work, now);

  if (g_strcmp0 (old_status, mp_case_get_status (work)) != 0 ||
      g_strcmp0 (old_outcome, mp_case_get_outcome (work)) != 0 ||
      mp_case_get_time (work, "created_at") == now)
    {
      g_autoptr(sqlite3_stmt) history = NULL;

      if (mp_case_is_closed (work) && mp_case_get_closed_at (work) == 0)
        mp_case_set_time (work, "closed_at", now);
      else if (!mp_case_is_closed (work))
        mp_case_set_time (work, "closed_at", 0);

      if (!(history = _mp_store_prepare (self, "INSERT INTO status_history (case_id, at, status,"
                                               " outcome, actor) VALUES (?, ?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (history, 1, id);
      sqlite3_bind_int64 (history, 2, now);
      sqlite3_bind_text (history, 3, mp_case_get_status (work), -1, SQLITE_TRANSIENT);
      _mp_store_bind_text_or_null (history, 4, mp_case_get_outcome (work));
      sqlite3_bind_text (history, 5, self->actor, -1, SQLITE_TRANSIENT);
      if (!_mp_store_step_done (self, history, error))
        return FALSE;
    }

  mp_case_set_time (work, "updated_at", now);
  if (!(update = _mp_store_prepare (self, "UPDATE cases SET status = ?, outcome = ?, severity = ?,"
                                          " next_due = ?, next_due_kind = ?, closed_at = ?,"
                                          " updated_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (update, 1, mp_case_get_status (work), -1, SQLITE_TRANSIENT);
  _mp_store_bind_text_or_null (update, 2, mp_case_get_outcome (work));
  _mp_store_bind_text_or_null (update, 3, mp_case_get_severity (work));
  _mp_store_bind_time_or_null (update, 4, mp_case_get_next_due (work));
  _mp_store_bind_text_or_null (update, 5, mp_case_get_next_due_kind (work));
  _mp_store_bind_time_or_null (update, 6, mp_case_get_closed_at (work));
  sqlite3_bind_int64 (update, 7, now);
  sqlite3_bind_int64 (update, 8, id);
  if (!_mp_store_step_done (self, update, error))
    return FALSE;

  return write_deadlines (self, id, deadlines, error);
}

static char *
desk_year_of (MpStore *self,
              gint64   usec)
{
  g_autofree char *zone = mp_store_get_setting (self, "timezone");
  g_autoptr(MpDeskContext) desk = mp_desk_context_new (zone);

  return g_strdup_printf ("%d", mp_desk_context_year_of (desk, usec));
}

static gboolean
write_case_texts (MpStore  *self,
                  MpCase   *work,
                  gint64    key_id,
                  gint64    reporter_id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) texts = NULL;
  g_autoptr(sqlite3_stmt) reporter = NULL;
  gint64 id = mp_case_get_id (work);

  if (!(texts = _mp_store_prepare (self, "UPDATE cases SET title = ?, received_at = ?, channel = ?,"
                                         " asset = ?, report_encrypted = ?, description = ?,"
                                         " impact = ?, reproduction = ?, notes = ? WHERE id = ?",
                                   error)))
    return FALSE;
  sqlite3_bind_text (texts, 1, mp_case_get_title (work), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (texts, 2, mp_case_get_received_at (work));
  sqlite3_bind_text (texts, 3, mp_case_get_text (work, "channel"), -1, SQLITE_TRANSIENT);
  _mp_store_bind_text_or_null (texts, 4, mp_case_get_asset (work));
  sqlite3_bind_int (texts, 5, mp_case_get_boolean (work, "report_encrypted"));
  for (guint i = 0; i < G_N_ELEMENTS (_mp_store_case_text_columns); i++)
    if (!_mp_store_bind_sealed (self, texts, 6 + (int) i, key_id, "cases",
                                _mp_store_case_text_columns[i], id,
                                mp_case_get_text (work, _mp_store_case_text_columns[i]), error))
      return FALSE;
  sqlite3_bind_int64 (texts, 10, id);
  if (!_mp_store_step_done (self, texts, error))
    return FALSE;

  if (!(reporter = _mp_store_prepare (self, "UPDATE reporters SET name = ?, email = ?, language = ?,"
                                            " anonymous = ?, wants_credit = ? WHERE id = ?", error)))
    return FALSE;
  if (!_mp_store_bind_sealed (self, reporter, 1, key_id, "reporters", "name", reporter_id,
                              mp_case_get_reporter_name (work), error) ||
      !_mp_store_bind_sealed (self, reporter, 2, key_id, "reporters", "email", reporter_id,
                              mp_case_get_reporter_email (work), error))
    return FALSE;
  sqlite3_bind_text (reporter, 3, mp_case_get_reporter_language (work), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (reporter, 4, mp_case_get_boolean (work, "reporter_anonymous"));
  sqlite3_bind_int (reporter, 5, mp_case_get_boolean (work, "reporter_wants_credit"));
  sqlite3_bind_int64 (reporter, 6, reporter_id);
  return _mp_store_step_done (self, reporter, error);
}

static gint64
insert_returning_id (MpStore     *self,
                     const char  *sql,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, sql, error);

  if (stmt == NULL || !_mp_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

MpCase *
mp_store_add_case (MpStore  *self,
                   MpCase   *draft,
                   GError  **error)
{
  g_autoptr(MpCase) work = NULL;
  g_autoptr(sqlite3_stmt) seq_stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) key_stmt = NULL;
  g_autoptr(sqlite3_stmt) reporter = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *year = NULL;
  g_autofree char *reference = NULL;
  gint64 now = mp_time_now ();
  gint64 key_id = 0, case_id, reporter_id;
  gint64 seq = 1;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (draft), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (mp_case_get_title (draft) == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("A case needs a title."));
      return NULL;
    }

  work = _mp_case_clone (draft);
  /* A draft may have cleared these; the desk's defaults apply then. */
  if (mp_case_get_reporter_language (work) == NULL)
    mp_case_set_text (work, "reporter_language", "nl");
  if (mp_case_get_text (work, "channel") == NULL)
    mp_case_set_text (work, "channel", "email");
  if (mp_case_get_received_at (work) == 0)
    mp_case_set_time (work, "received_at", now);
  mp_case_set_time (work, "created_at", now);
  mp_case_set_time (work, "updated_at", now);
  mp_case_set_time (work, "closed_at", 0);
  mp_case_set_time (work, "erased_at", 0);
  mp_case_set_text (work, "status", "intake");
  mp_case_set_text (work, "outcome", NULL);
  year = desk_year_of (self, mp_case_get_received_at (work));

  if (!_mp_store_begin_write (self, error))
    return NULL;

  if (!(seq_stmt = _mp_store_prepare (self, "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?",
                                      error)))
    goto fail;
  sqlite3_bind_int (seq_stmt, 1, atoi (year));
  if (sqlite3_step (seq_stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (seq_stmt, 0);
  reference = g_strdup_printf ("CVD-%s-%04" G_GINT64_FORMAT, year, seq);
  mp_case_set_text (work, "reference", reference);

  if (!(key_id = insert_returning_id (self, "INSERT INTO case_keys (wrapped) VALUES (x'')", error)))
    goto fail;
  if (!(wrapped = mp_vault_new_case_key (self->vault, key_id, error)))
    goto fail;
  if (!(key_stmt = _mp_store_prepare (self, "UPDATE case_keys SET wrapped = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_blob (key_stmt, 1, g_bytes_get_data (wrapped, NULL),
                     (int) g_bytes_get_size (wrapped), SQLITE_TRANSIENT);
  sqlite3_bind_int64 (key_stmt, 2, key_id);
  if (!_mp_store_step_done (self, key_stmt, error))
    goto fail;

  if (!(insert = _mp_store_prepare (self, "INSERT INTO cases (reference, year, seq, key_id, status, title,"
                                          " received_at, channel, created_at, updated_at)"
                                          " VALUES (?, ?, ?, ?, 'intake', '', 0, '', ?, ?)", error)))
    goto fail;
  sqlite3_bind_text (insert, 1, reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 2, atoi (year));
  sqlite3_bind_int64 (insert, 3, seq);
  sqlite3_bind_int64 (insert, 4, key_id);
  sqlite3_bind_int64 (insert, 5, now);
  sqlite3_bind_int64 (insert, 6, now);
  if (!_mp_store_step_done (self, insert, error))
    goto fail;
  case_id = sqlite3_last_insert_rowid (self->db);
  _mp_case_set_id (work, case_id);

  if (!(reporter = _mp_store_prepare (self, "INSERT INTO reporters (case_id) VALUES (?)", error)))
    goto fail;
  sqlite3_bind_int64 (reporter, 1, case_id);
  if (!_mp_store_step_done (self, reporter, error))
    goto fail;
  reporter_id = sqlite3_last_insert_rowid (self->db);

  if (!write_case_texts (self, work, key_id, reporter_id, error) ||
      !_mp_store_write_derived (self, work, error) ||
      !_mp_store_audit_append (self, reference, "case.create", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  g_list_store_append (self->cases, work);
  g_hash_table_insert (self->by_reference, (gpointer) mp_case_get_reference (work), work);
  return g_steal_pointer (&work);

fail:
  _mp_store_rollback_write (self);
  if (key_id != 0)
    mp_vault_forget_case_key (self->vault, key_id);
  return NULL;
}

gboolean
_mp_store_lookup_case_ids (MpStore  *self,
                           MpCase   *kase,
                           gint64   *key_id,
                           gint64   *reporter_id,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = _mp_store_prepare (self, "SELECT c.key_id, r.id FROM cases c"
                                        " LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = ?",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                   _("Case %s is not in the database."), mp_case_get_reference (kase));
      return FALSE;
    }
  *key_id = sqlite3_column_int64 (stmt, 0);
  *reporter_id = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

gboolean
_mp_store_require_not_erased (MpCase  *kase,
                              GError **error)
{
  if (!mp_case_is_erased (kase))
    return TRUE;
  g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
               _("The confidential data of case %s was erased; it cannot be changed."),
               mp_case_get_reference (kase));
  return FALSE;
}

void
_mp_store_finish_case_write (MpStore *self,
                             MpCase  *kase,
                             MpCase  *work)
{
  _mp_case_update_from (kase, work);
  _mp_store_emit_case_changed (self, kase);
}

gboolean
mp_store_update_case (MpStore     *self,
                      MpCase      *kase,
                      const char  *field,
                      const char  *value,
                      GError     **error)
{
  const MpCaseField *meta;
  g_autoptr(MpCase) work = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 key_id = 0, reporter_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return FALSE;

  meta = mp_case_lookup_field (field);
  if (meta == NULL || !meta->editable)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   meta == NULL ? _("There is no field “%s”.") : _("The field “%s” cannot be changed directly."),
                   field);
      return FALSE;
    }

  work = _mp_case_clone (kase);
  if (!mp_case_set_value_string (work, field, value, error))
    return FALSE;
  old_value = mp_case_dup_value_string (kase, field);
  new_value = mp_case_dup_value_string (work, field);
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error) ||
      !write_case_texts (self, work, key_id, reporter_id, error) ||
      !_mp_store_write_derived (self, work, error) ||
      !_mp_store_audit_append (self, mp_case_get_reference (work), "case.set", field, old_value,
                               new_value, error) ||
      !_mp_store_commit_write (self, error))
    {
      _mp_store_rollback_write (self);
      return FALSE;
    }

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;
}

static gboolean
check_answer_text (const char  *value,
                   const char  *note,
                   GError     **error)
{
  if ((value != NULL && !g_utf8_validate (value, -1, NULL)) ||
      (note != NULL && !g_utf8_validate (note, -1, NULL)))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The answer is not valid UTF-8 text."));
      return FALSE;
    }
  return TRUE;
}

/* Puts one answer (value NULL: removes it) on @work and in the answers
 * table, with its audit entry; inside a write. */
static gboolean
write_answer (MpStore     *self,
              MpCase      *work,
              gint64       key_id,
              const char  *item,
              const char  *value,
              const char  *note,
              gint64       now,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  const MpAnswer *old;
  g_autofree char *old_value = NULL;
  gboolean sealed_value;
  gint64 answer_id = 0;

  if (note != NULL && *note == '\0')
    note = NULL;

  old = mp_case_get_answer (work, item);
  old_value = old != NULL ? g_strdup (old->value) : NULL;
  sealed_value = g_strv_contains (confidential_answers, item);

  if (value != NULL)
    {
      MpAnswer *answer = g_new0 (MpAnswer, 1);

      answer->item = g_strdup (item);
      answer->value = g_strdup (value);
      answer->note = g_strdup (note);
      answer->actor = g_strdup (self->actor);
      answer->answered_at = now;
      _mp_case_put_answer (work, answer);
    }
  else
    {
      g_autoptr(MpCase) rebuilt = mp_case_new ();
      g_autoptr(GPtrArray) items = mp_case_list_answers (work);

      /* Drop the one answer by rebuilding the set without it. */
      for (guint i = 0; i < items->len; i++)
        if (!g_str_equal (g_ptr_array_index (items, i), item))
          _mp_case_put_answer (rebuilt, mp_answer_copy (mp_case_get_answer (work, g_ptr_array_index (items, i))));
      _mp_case_clear_answers (work);
      g_clear_pointer (&items, g_ptr_array_unref);
      items = mp_case_list_answers (rebuilt);
      for (guint i = 0; i < items->len; i++)
        _mp_case_put_answer (work, mp_answer_copy (mp_case_get_answer (rebuilt, g_ptr_array_index (items, i))));
    }

  if (value == NULL)
    {
      if (!(write = _mp_store_prepare (self, "DELETE FROM answers WHERE case_id = ? AND item = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (write, 1, mp_case_get_id (work));
      sqlite3_bind_text (write, 2, item, -1, SQLITE_TRANSIENT);
      if (!_mp_store_step_done (self, write, error))
        return FALSE;
    }
  else if (!sealed_value && note == NULL)
    {
      /* Nothing to seal, so the row's id is not needed first: one statement
       * leaves the row as the two below would. */
      if (!(write = _mp_store_prepare (self, "INSERT INTO answers (case_id, item, value, value_sealed, note,"
                                             " actor, answered_at) VALUES (?, ?, ?, NULL, NULL, ?, ?)"
                                             " ON CONFLICT (case_id, item) DO UPDATE SET"
                                             " value = excluded.value, value_sealed = NULL, note = NULL,"
                                             " actor = excluded.actor, answered_at = excluded.answered_at",
                                       error)))
        return FALSE;
      sqlite3_bind_int64 (write, 1, mp_case_get_id (work));
      sqlite3_bind_text (write, 2, item, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 3, value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 4, self->actor, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (write, 5, now);
      if (!_mp_store_step_done (self, write, error))
        return FALSE;
    }
  else
    {
      if (!(find = _mp_store_prepare (self, "INSERT INTO answers (case_id, item, actor, answered_at)"
                                            " VALUES (?, ?, ?, ?) ON CONFLICT (case_id, item)"
                                            " DO UPDATE SET actor = excluded.actor,"
                                            " answered_at = excluded.answered_at RETURNING id", error)))
        return FALSE;
      sqlite3_bind_int64 (find, 1, mp_case_get_id (work));
      sqlite3_bind_text (find, 2, item, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 3, self->actor, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (find, 4, now);
      if (sqlite3_step (find) != SQLITE_ROW)
        {
          _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
          return FALSE;
        }
      answer_id = sqlite3_column_int64 (find, 0);
      g_clear_pointer (&find, _mp_store_release_stmt);

      if (!(write = _mp_store_prepare (self, "UPDATE answers SET value = ?, value_sealed = ?, note = ?"
                                             " WHERE id = ?", error)))
        return FALSE;
      _mp_store_bind_text_or_null (write, 1, sealed_value ? NULL : value);
      if (!_mp_store_bind_sealed (self, write, 2, key_id, "answers", "value_sealed", answer_id,
                                  sealed_value ? value : NULL, error) ||
          !_mp_store_bind_sealed (self, write, 3, key_id, "answers", "note", answer_id, note, error))
        return FALSE;
      sqlite3_bind_int64 (write, 4, answer_id);
      if (!_mp_store_step_done (self, write, error))
        return FALSE;
    }

  return _mp_store_audit_append (self, mp_case_get_reference (work), "answer", item, old_value, value,
                                 error);
}

/* "Were the rules followed?" follows the nine forbidden-method questions
 * (mp_derive_rules_followed()) whenever a write changes one of them, with
 * its own audit entry; an answer given in the same write wins. */
static gboolean
write_rules_followed (MpStore            *self,
                      MpCase             *work,
                      gint64              key_id,
                      const char * const *items,
                      gint64              now,
                      GError            **error)
{
  const char * const *methods = mp_checklist_get_method_items ();
  const MpAnswer *old;
  const char *derived;
  g_autofree char *note = NULL;
  gboolean touched = FALSE;

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (g_str_equal (items[i], "scope.rules_followed"))
        return TRUE;
      touched |= g_strv_contains (methods, items[i]);
    }
  if (!touched || (derived = mp_derive_rules_followed (work)) == NULL)
    return TRUE;
  old = mp_case_get_answer (work, "scope.rules_followed");
  if (old != NULL && g_strcmp0 (old->value, derived) == 0)
    return TRUE;
  /* The note stays; write_answer() replaces @old. */
  note = old != NULL ? g_strdup (old->note) : NULL;
  return write_answer (self, work, key_id, "scope.rules_followed", derived, note, now, error);
}

gboolean
mp_store_set_answer (MpStore     *self,
                     MpCase      *kase,
                     const char  *item,
                     const char  *value,
                     const char  *note,
                     GError     **error)
{
  const char * const items[] = { item, NULL };
  const char * const values[] = { value, NULL };
  const char * const notes[] = { note, NULL };

  g_return_val_if_fail (item != NULL, FALSE);

  return mp_store_set_answers (self, kase, items, values, notes, error);
}

gboolean
mp_store_set_answers (MpStore            *self,
                      MpCase             *kase,
                      const char * const *items,
                      const char * const *values,
                      const char * const *notes,
                      GError            **error)
{
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (items != NULL && values != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    if (!check_answer_text (values[i], notes != NULL ? notes[i] : NULL, error))
      return FALSE;
  /* P-REWARD: an amount above the cap is never offered (issue 16). */
  for (guint i = 0; items[i] != NULL; i++)
    if (values[i] != NULL && g_str_equal (items[i], "reward.amount"))
      {
        g_autoptr(MpPolicy) policy = mp_store_get_policy (self);

        if (!mp_reward_check_amount (policy, values[i], error))
          return FALSE;
      }

  work = _mp_case_clone (kase);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  for (guint i = 0; items[i] != NULL; i++)
    if (!write_answer (self, work, key_id, items[i], values[i], notes != NULL ? notes[i] : NULL,
                       now, error))
      goto fail;
  if (!write_rules_followed (self, work, key_id, items, now, error) ||
      !_mp_store_write_derived (self, work, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

/* Derives every case again into @works (clones, in model order); inside a
 * write. */
gboolean
_mp_store_rederive_cases (MpStore    *self,
                          GPtrArray  *works,
                          GError    **error)
{
  guint n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);
      MpCase *work = _mp_case_clone (kase);

      g_ptr_array_add (works, work);
      if (!_mp_store_write_derived (self, work, error))
        return FALSE;
    }
  return TRUE;
}

/* After the write committed: the cases take their new derived state. */
void
_mp_store_publish_rederived (MpStore   *self,
                             GPtrArray *works)
{
  for (guint i = 0; i < works->len; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      _mp_store_finish_case_write (self, kase, g_ptr_array_index (works, i));
    }
}

gboolean
mp_store_refresh_derived (MpStore  *self,
                          GError  **error)
{
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_rederive_cases (self, works, error) ||
      !_mp_store_audit_append (self, NULL, "derive.refresh", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    {
      _mp_store_rollback_write (self);
      return FALSE;
    }
  _mp_store_publish_rederived (self, works);
  return TRUE;
}

GHashTable *
mp_store_list_answer_values (MpStore             *self,
                             const char * const  *items,
                             GError             **error)
{
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT case_id, item, value FROM answers"
                                         " WHERE value IS NOT NULL AND value_sealed IS NULL"
                                         " AND item IN (");
  guint n_items;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_hash_table_unref);
  n_items = g_strv_length ((char **) items);
  if (n_items == 0)
    return g_steal_pointer (&table);
  for (guint i = 0; i < n_items; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");

  if (!(stmt = _mp_store_prepare (self, sql->str, error)))
    return NULL;
  for (guint i = 0; i < n_items; i++)
    sqlite3_bind_text (stmt, i + 1, items[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      const char *item = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);
      GHashTable *values;

      if (g_strv_contains (confidential_answers, item))
        continue;
      values = g_hash_table_lookup (table, &case_id);
      if (values == NULL)
        {
          values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (table, g_memdup2 (&case_id, sizeof case_id), values);
        }
      g_hash_table_insert (values, g_strdup (item), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/* Destroys the confidential data of case @case_id in @db: its wrapped key
 * and every ciphertext, keeping the record of what was decided. It reads
 * nothing sealed, so it needs no key: a restore runs it on the copy it puts
 * in place, for every case the desk's erasure ledger names. The caller
 * holds a write transaction. */
gboolean
_mp_store_erase_case_rows (sqlite3  *db,
                           gint64    case_id,
                           gint64    erased_at,
                           GError  **error)
{
  static const char * const statements[] = {
    "UPDATE cases SET description = NULL, impact = NULL, reproduction = NULL, notes = NULL,"
    " erased_at = ?2, updated_at = ?2 WHERE id = ?1",
    "UPDATE reporters SET name = NULL, email = NULL WHERE case_id = ?1",
    "UPDATE answers SET note = NULL, value_sealed = NULL,"
    " value = CASE WHEN value_sealed IS NULL THEN value ELSE '' END WHERE case_id = ?1",
    "UPDATE events SET body = NULL WHERE case_id = ?1",
    "UPDATE attachments SET name = NULL, content = NULL WHERE case_id = ?1",
    "DELETE FROM reporter_keys WHERE case_id = ?1",
    /* The wrapped key is destroyed but its row stays, empty: a new case
     * never gets the id of an erased key, which another process may still
     * hold in memory under that id. */
    "UPDATE case_keys SET wrapped = x'' WHERE id = (SELECT key_id FROM cases WHERE id = ?1)",
    "UPDATE cases SET key_id = NULL WHERE id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, statements[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, case_id);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            sqlite3_bind_int64 (stmt, 2, erased_at);
          rc = sqlite3_step (stmt);
          sqlite3_finalize (stmt);
        }
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, db, rc);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
mp_store_erase_case (MpStore  *self,
                     MpCase   *kase,
                     GError  **error)
{
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0;
  gint64 now = mp_time_now ();
  gboolean rotated = FALSE;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  if (!mp_case_is_closed (kase))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("Case %s is still open; only a closed case's data can be erased."),
                   mp_case_get_reference (kase));
      return FALSE;
    }
  if (mp_case_is_erased (kase))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
                   _("The confidential data of case %s was already erased."),
                   mp_case_get_reference (kase));
      return FALSE;
    }
  if (self->batch_depth > 0)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                           _("Erasing cannot be part of a batch of changes."));
      return FALSE;
    }

  work = _mp_case_clone (kase);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error) ||
      !_mp_store_erase_case_rows (self->db, mp_case_get_id (work), now, error) ||
      !_mp_store_record_erasure (self->db, mp_case_get_reference (work), now, error))
    goto fail;

  /* The answers' confidential values go; the decisions themselves stay. */
  {
    g_autoptr(GPtrArray) items = mp_case_list_answers (work);

    for (guint i = 0; i < items->len; i++)
      {
        MpAnswer *answer = mp_answer_copy (mp_case_get_answer (work, g_ptr_array_index (items, i)));

        g_clear_pointer (&answer->note, g_free);
        if (g_strv_contains (confidential_answers, answer->item))
          {
            g_free (answer->value);
            answer->value = g_strdup ("");
          }
        _mp_case_put_answer (work, answer);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (_mp_store_case_text_columns); i++)
    mp_case_set_text (work, _mp_store_case_text_columns[i], NULL);
  mp_case_set_text (work, "reporter_name", NULL);
  mp_case_set_text (work, "reporter_email", NULL);
  mp_case_set_time (work, "erased_at", now);

  /* A new master key, so that key material taken from the desk or the
   * keyring from now on opens nothing in a copy made before the erase. */
  if (!_mp_store_write_derived (self, work, error) ||
      !_mp_store_rotate_master_key (self, NULL, &rotated, error) ||
      !_mp_store_audit_append (self, mp_case_get_reference (work), "case.erase", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  if (rotated)
    _mp_store_finish_rotation (self, TRUE);

  mp_vault_forget_case_key (self->vault, key_id);
  /* Copy the zeroed pages into the file and empty the WAL, so that no
   * earlier version of a page survives there. A reader in another process
   * can hold the log: then it is done at a later write or when closing. */
  _mp_store_finish_erase (self);

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  if (rotated)
    _mp_store_finish_rotation (self, FALSE);
  return FALSE;
}
