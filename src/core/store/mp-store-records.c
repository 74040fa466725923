/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* The records of a case beside its fields: the timeline (events), the
 * status history, attachments and deadlines. */

static gint64
case_key_id (MpStore *self,
             gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, "SELECT key_id FROM cases WHERE id = ?", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
mp_store_add_event (MpStore     *self,
                    MpCase      *kase,
                    const char  *kind,
                    const char  *summary,
                    const char  *body,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) seal = NULL;
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0, event_id;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (kind != NULL && summary != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return FALSE;

  work = _mp_case_clone (kase);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  if (!(insert = _mp_store_prepare (self, "INSERT INTO events (case_id, at, kind, actor, summary)"
                                          " VALUES (?, ?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_int64 (insert, 1, mp_case_get_id (work));
  sqlite3_bind_int64 (insert, 2, mp_time_now ());
  sqlite3_bind_text (insert, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, summary, -1, SQLITE_TRANSIENT);
  if (!_mp_store_step_done (self, insert, error))
    goto fail;
  event_id = sqlite3_last_insert_rowid (self->db);

  if (body != NULL)
    {
      if (!(seal = _mp_store_prepare (self, "UPDATE events SET body = ? WHERE id = ?", error)) ||
          !_mp_store_bind_sealed (self, seal, 1, key_id, "events", "body", event_id, body, error))
        goto fail;
      sqlite3_bind_int64 (seal, 2, event_id);
      if (!_mp_store_step_done (self, seal, error))
        goto fail;
    }

  if (!_mp_store_write_derived (self, work, error) ||
      !_mp_store_audit_append (self, mp_case_get_reference (work), "event", kind, NULL, body, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

GListModel *
mp_store_list_events (MpStore  *self,
                      MpCase   *kase,
                      GError  **error)
{
  g_autoptr(GListStore) events = g_list_store_new (MP_TYPE_EVENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 key_id;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  key_id = case_key_id (self, mp_case_get_id (kase));
  if (!(stmt = _mp_store_prepare (self, "SELECT id, at, kind, actor, summary, body FROM events"
                                        " WHERE case_id = ? ORDER BY at, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GError *local_error = NULL;
      g_autofree char *body = _mp_store_open_sealed_column (self, stmt, 5, key_id, "events", "body", id,
                                                            &local_error);
      g_autoptr(MpEvent) event = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      event = mp_event_new (id, sqlite3_column_int64 (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4), body);
      g_list_store_append (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&events));
}

GListModel *
mp_store_list_status_history (MpStore  *self,
                              MpCase   *kase,
                              GError  **error)
{
  g_autoptr(GListStore) history = g_list_store_new (MP_TYPE_EVENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!(stmt = _mp_store_prepare (self, "SELECT id, at, status, actor, outcome FROM status_history"
                                        " WHERE case_id = ? ORDER BY at, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MpEvent) event = mp_event_new (sqlite3_column_int64 (stmt, 0),
                                               sqlite3_column_int64 (stmt, 1), "status",
                                               (const char *) sqlite3_column_text (stmt, 3),
                                               (const char *) sqlite3_column_text (stmt, 2),
                                               (const char *) sqlite3_column_text (stmt, 4));
      g_list_store_append (history, event);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&history));
}

GListModel *
mp_store_list_attachments (MpStore  *self,
                           MpCase   *kase,
                           GError  **error)
{
  g_autoptr(GListStore) attachments = g_list_store_new (MP_TYPE_ATTACHMENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 key_id;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  key_id = case_key_id (self, mp_case_get_id (kase));
  if (!(stmt = _mp_store_prepare (self, "SELECT id, added_at, name, mime_type, size FROM attachments"
                                        " WHERE case_id = ? ORDER BY id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GError *local_error = NULL;
      g_autofree char *name = _mp_store_open_sealed_column (self, stmt, 2, key_id, "attachments",
                                                            "name", id, &local_error);
      g_autoptr(MpAttachment) attachment = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      attachment = mp_attachment_new (id, mp_case_get_id (kase), sqlite3_column_int64 (stmt, 1),
                                      name, (const char *) sqlite3_column_text (stmt, 3),
                                      sqlite3_column_int64 (stmt, 4));
      g_list_store_append (attachments, attachment);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&attachments));
}

MpAttachment *
mp_store_add_attachment (MpStore     *self,
                         MpCase      *kase,
                         const char  *name,
                         const char  *mime_type,
                         GBytes      *content,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) seal = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *checksum = NULL;
  gint64 key_id = 0, reporter_id = 0, id;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);
  g_return_val_if_fail (name != NULL && content != NULL, NULL);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return NULL;
  if (g_bytes_get_size (content) > MP_STORE_MAX_ATTACHMENT)
    {
      g_autofree char *size = g_format_size_full (g_bytes_get_size (content),
                                                    G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *limit = g_format_size_full (MP_STORE_MAX_ATTACHMENT,
                                                     G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("“%s” is %s; an attachment can be at most %s. Keep a large file elsewhere "
                     "and note in the case where it is."), name, size, limit);
      return NULL;
    }
  if (mime_type == NULL)
    mime_type = "application/octet-stream";

  if (!_mp_store_begin_write (self, error))
    return NULL;
  if (!_mp_store_lookup_case_ids (self, kase, &key_id, &reporter_id, error))
    goto fail;
  if (!(insert = _mp_store_prepare (self, "INSERT INTO attachments (case_id, added_at, mime_type, size)"
                                          " VALUES (?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_int64 (insert, 1, mp_case_get_id (kase));
  sqlite3_bind_int64 (insert, 2, now);
  sqlite3_bind_text (insert, 3, mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, (sqlite3_int64) g_bytes_get_size (content));
  if (!_mp_store_step_done (self, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  sealed = mp_vault_seal_stream (self->vault, key_id, "attachments", id, content, error);
  if (sealed == NULL)
    goto fail;
  if (!(seal = _mp_store_prepare (self, "UPDATE attachments SET name = ?, content = ? WHERE id = ?",
                                  error)) ||
      !_mp_store_bind_sealed (self, seal, 1, key_id, "attachments", "name", id, name, error))
    goto fail;
  sqlite3_bind_blob64 (seal, 2, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (seal, 3, id);
  if (!_mp_store_step_done (self, seal, error))
    goto fail;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  if (!_mp_store_audit_append (self, mp_case_get_reference (kase), "attachment.add", NULL, NULL,
                               checksum, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  _mp_store_emit_case_changed (self, kase);
  return mp_attachment_new (id, mp_case_get_id (kase), now, name, mime_type,
                            (gint64) g_bytes_get_size (content));

fail:
  _mp_store_rollback_write (self);
  return NULL;
}

GBytes *
mp_store_read_attachment (MpStore       *self,
                          MpAttachment  *attachment,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 key_id;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_ATTACHMENT (attachment), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  key_id = case_key_id (self, mp_attachment_get_case_id (attachment));
  if (!(stmt = _mp_store_prepare (self, "SELECT content FROM attachments WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_attachment_get_id (attachment));
  if (sqlite3_step (stmt) != SQLITE_ROW || key_id == 0 ||
      (sealed = _mp_store_column_bytes (stmt, 0)) == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
                           _("The attachment's contents are no longer stored."));
      return NULL;
    }
  return mp_vault_open_stream (self->vault, key_id, "attachments", mp_attachment_get_id (attachment),
                               sealed, error);
}

GListModel *
mp_store_list_deadlines (MpStore  *self,
                         MpCase   *kase,
                         GError  **error)
{
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (kase == NULL || MP_IS_CASE (kase), NULL);

  /* Every case's: in the order of the table (their caller sorts what it
   * keeps). Ordered by the due_at index, SQLite visited the deadlines and
   * their cases' rows in a random order: 3.5 s at 100,000 cases instead of
   * 0.2 s (issue 12). */
  if (!(stmt = _mp_store_prepare (self,
                                  kase != NULL
                                    ? "SELECT c.reference, d.kind, d.due_at, d.met_at FROM deadlines d"
                                      " JOIN cases c ON c.id = d.case_id WHERE d.case_id = ?"
                                      " ORDER BY d.due_at"
                                    : "SELECT c.reference, d.kind, d.due_at, d.met_at FROM deadlines d"
                                      " JOIN cases c ON c.id = d.case_id WHERE c.status <> 'closed'"
                                      " OR (d.kind = 'data-deletion' AND d.met_at IS NULL)", error)))
    return NULL;
  if (kase != NULL)
    sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, mp_deadline_new ((const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1),
                                             sqlite3_column_int64 (stmt, 2),
                                             sqlite3_column_int64 (stmt, 3)));
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  g_list_store_splice (deadlines, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (g_steal_pointer (&deadlines));
}

GListModel *
mp_store_list_settled_publications (MpStore  *self,
                                    GError  **error)
{
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  /* A closed case has nothing left to do about its publication: an
   * advisory never recorded counts as met on the day, so it is never
   * shown or counted as overdue. */
  if (!(stmt = _mp_store_prepare (self,
                                  "SELECT c.reference, d.kind, d.due_at,"
                                  " COALESCE(d.met_at, d.due_at) FROM deadlines d"
                                  " JOIN cases c ON c.id = d.case_id"
                                  " WHERE d.kind = 'publication'"
                                  " AND (c.status = 'closed' OR d.met_at IS NOT NULL)", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, mp_deadline_new ((const char *) sqlite3_column_text (stmt, 0),
                                             (const char *) sqlite3_column_text (stmt, 1),
                                             sqlite3_column_int64 (stmt, 2),
                                             sqlite3_column_int64 (stmt, 3)));
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  g_list_store_splice (deadlines, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (g_steal_pointer (&deadlines));
}

/**
 * mp_store_count_overdue_deadlines:
 * @now: the moment to count at
 *
 * Counts what mp_store_list_deadlines() with no case and
 * mp_store_list_renewals() list that is not met and was due before @now,
 * without making the lists: the calendar's overdue badge while the
 * calendar is hidden.
 *
 * Returns: the number, or 0 with @error set
 */
gboolean
mp_store_count_legal_deadlines (MpStore  *self,
                                gint64    now,
                                gint64    until,
                                guint    *missed,
                                guint    *due,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (missed != NULL && due != NULL, FALSE);

  *missed = *due = 0;
  /* The kinds of mp-legal.c: one query for the overview. */
  if (!(stmt = _mp_store_prepare (self,
                                  "SELECT COALESCE(SUM(d.due_at < ?1), 0),"
                                  " COALESCE(SUM(d.due_at >= ?1 AND d.due_at < ?2), 0)"
                                  " FROM deadlines d JOIN cases c ON c.id = d.case_id"
                                  " WHERE d.met_at IS NULL AND c.status <> 'closed'"
                                  " AND d.kind IN ('gdpr-authority', 'gdpr-controller',"
                                  " 'nis2-early-warning', 'nis2-notification', 'nis2-final',"
                                  " 'cra-early-warning', 'cra-notification', 'cra-final')", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, until);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  *missed = (guint) sqlite3_column_int64 (stmt, 0);
  *due = (guint) sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

guint
mp_store_count_overdue_deadlines (MpStore  *self,
                                  gint64    now,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), 0);

  if (!(stmt = _mp_store_prepare (self,
                                  "SELECT (SELECT COUNT(*) FROM deadlines d"
                                  " JOIN cases c ON c.id = d.case_id"
                                  " WHERE d.met_at IS NULL AND d.due_at < ?1"
                                  " AND (c.status <> 'closed' OR d.kind = 'data-deletion'))"
                                  /* the desk's own renewals, as the calendar shows them */
                                  " + (SELECT COUNT(*) FROM publications WHERE renew_at < ?1)",
                                  error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, now);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}
