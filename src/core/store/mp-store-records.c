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
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0;

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
  if (!_mp_store_add_sealed_row (self, "events", mp_case_get_id (work), key_id,
                                 g_variant_new ("(xsssms)", mp_time_now (), kind, self->actor,
                                                summary, body), error))
    goto fail;

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

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  MpEvent *x = *(MpEvent **) a;
  MpEvent *y = *(MpEvent **) b;
  gint64 ax = mp_event_get_at (x), ay = mp_event_get_at (y);

  if (ax != ay)
    return ax < ay ? -1 : 1;
  return mp_event_get_id (x) < mp_event_get_id (y) ? -1 : mp_event_get_id (x) > mp_event_get_id (y);
}

/* The ids of @kase's rows of @table, in order. */
static GArray *
row_ids (MpStore     *self,
         MpCase      *kase,
         const char  *table,
         GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE case_id = ? ORDER BY id", table);
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, sql, error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* The opened rows of @kase in @table with their ids; in one read
 * transaction, so that both agree. */
static GPtrArray *
read_rows (MpStore             *self,
           MpCase              *kase,
           const char          *table,
           const GVariantType  *type,
           GArray             **ids,
           GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean own = sqlite3_get_autocommit (self->db);

  if (own && !_mp_store_exec (self->db, "BEGIN;", error))
    return NULL;
  rows = _mp_store_read_case_rows (self, kase, case_key_id (self, mp_case_get_id (kase)), table,
                                   type, error);
  if (rows != NULL && (*ids = row_ids (self, kase, table, error)) == NULL)
    g_clear_pointer (&rows, g_ptr_array_unref);
  if (own)
    _mp_store_exec (self->db, "COMMIT;", NULL);
  if (rows != NULL && (*ids)->len != rows->len)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      g_clear_pointer (ids, g_array_unref);
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY,
                           _("Another program is writing to the database. Try again in a moment."));
    }
  return g_steal_pointer (&rows);
}

GListModel *
mp_store_list_events (MpStore  *self,
                      MpCase   *kase,
                      GError  **error)
{
  g_autoptr(GListStore) events = g_list_store_new (MP_TYPE_EVENT);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (!(rows = read_rows (self, kase, "events", MP_STORE_EVENT_TYPE, &ids, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 at;
      const char *kind, *actor, *summary, *body;

      g_variant_get (g_ptr_array_index (rows, i), "(x&s&s&sm&s)", &at, &kind, &actor, &summary, &body);
      g_ptr_array_add (found, mp_event_new (g_array_index (ids, gint64, i), at, kind, actor,
                                            summary, body));
    }
  /* By time, then by the order they were written. */
  g_ptr_array_sort (found, compare_events);
  g_list_store_splice (events, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (g_steal_pointer (&events));
}

GListModel *
mp_store_list_status_history (MpStore  *self,
                              MpCase   *kase,
                              GError  **error)
{
  g_autoptr(GListStore) history = g_list_store_new (MP_TYPE_EVENT);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (!(rows = read_rows (self, kase, "status_history", MP_STORE_STATUS_TYPE, &ids, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 at;
      const char *status, *outcome, *actor;

      g_variant_get (g_ptr_array_index (rows, i), "(x&sm&s&s)", &at, &status, &outcome, &actor);
      g_ptr_array_add (found, mp_event_new (g_array_index (ids, gint64, i), at, "status", actor,
                                            status, outcome));
    }
  g_ptr_array_sort (found, compare_events);
  g_list_store_splice (history, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (g_steal_pointer (&history));
}

GListModel *
mp_store_list_attachments (MpStore  *self,
                           MpCase   *kase,
                           GError  **error)
{
  g_autoptr(GListStore) attachments = g_list_store_new (MP_TYPE_ATTACHMENT);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (!(rows = read_rows (self, kase, "attachments", MP_STORE_ATTACHMENT_TYPE, &ids, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(MpAttachment) attachment = NULL;
      gint64 added_at, size;
      const char *name, *mime_type;

      g_variant_get (g_ptr_array_index (rows, i), "(xm&s&sx)", &added_at, &name, &mime_type, &size);
      attachment = mp_attachment_new (g_array_index (ids, gint64, i), mp_case_get_id (kase),
                                      added_at, name, mime_type, size);
      g_list_store_append (attachments, attachment);
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
  g_autoptr(sqlite3_stmt) seal = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(MpCase) work = NULL;
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
  /* The case as it is, read (and checked) before its rows change. */
  work = _mp_case_clone (kase);
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  if (!(id = _mp_store_add_sealed_row (self, "attachments", mp_case_get_id (kase), key_id,
                                       g_variant_new ("(xmssx)", now, name, mime_type,
                                                      (gint64) g_bytes_get_size (content)),
                                       error)))
    goto fail;

  sealed = mp_vault_seal_stream (self->vault, key_id, "attachments", id, content, error);
  if (sealed == NULL)
    goto fail;
  if (!(seal = _mp_store_prepare (self, "UPDATE attachments SET content = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_blob64 (seal, 1, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (seal, 2, id);
  if (!_mp_store_step_done (self, seal, error))
    goto fail;

  /* The case's record and MAC follow its new row. */
  if (!_mp_store_write_derived (self, work, error))
    goto fail;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  if (!_mp_store_audit_append (self, mp_case_get_reference (kase), "attachment.add", NULL, NULL,
                               checksum, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  _mp_store_finish_case_write (self, kase, work);
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

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  gint64 x = mp_deadline_get_due_at (*(MpDeadline **) a);
  gint64 y = mp_deadline_get_due_at (*(MpDeadline **) b);

  return x < y ? -1 : x > y;
}

GListModel *
mp_store_list_deadlines (MpStore  *self,
                         MpCase   *kase,
                         GError  **error)
{
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint n_cases;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (kase == NULL || MP_IS_CASE (kase), NULL);

  /* Deadlines are sealed in each case's record and kept with the case
   * after unlock: computed in memory, never read from plain rows. */
  if (kase != NULL)
    {
      MpCase *stored = g_hash_table_lookup (self->by_reference, mp_case_get_reference (kase));
      GPtrArray *own = _mp_store_case_get_deadlines (stored != NULL ? stored : kase);

      for (guint i = 0; own != NULL && i < own->len; i++)
        g_ptr_array_add (found, g_ptr_array_index (own, i));
      g_ptr_array_sort (found, compare_due);
      g_list_store_splice (deadlines, 0, 0, found->pdata, found->len);
      return G_LIST_MODEL (g_steal_pointer (&deadlines));
    }

  /* Every case's, in the order of the cases (their caller sorts what it
   * keeps): of a case still open, and a closed case's data deletion. */
  n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  for (guint c = 0; c < n_cases; c++)
    {
      MpCase *each = g_list_model_get_item (G_LIST_MODEL (self->cases), c);
      GPtrArray *own = _mp_store_case_get_deadlines (each);
      gboolean closed = g_strcmp0 (mp_case_get_status (each), "closed") == 0;

      for (guint i = 0; own != NULL && i < own->len; i++)
        {
          MpDeadline *deadline = g_ptr_array_index (own, i);

          if (!closed || (g_str_equal (mp_deadline_get_kind (deadline), "data-deletion") &&
                          mp_deadline_get_met_at (deadline) == 0))
            g_ptr_array_add (found, deadline);
        }
      g_object_unref (each);
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
  guint n_cases;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  /* A closed case has nothing left to do about its publication: an
   * advisory never recorded counts as met on the day, so it is never
   * shown or counted as overdue. */
  n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  for (guint c = 0; c < n_cases; c++)
    {
      g_autoptr(MpCase) each = g_list_model_get_item (G_LIST_MODEL (self->cases), c);
      GPtrArray *own = _mp_store_case_get_deadlines (each);
      gboolean closed = g_strcmp0 (mp_case_get_status (each), "closed") == 0;

      for (guint i = 0; own != NULL && i < own->len; i++)
        {
          MpDeadline *deadline = g_ptr_array_index (own, i);
          gint64 met_at = mp_deadline_get_met_at (deadline);

          if (g_str_equal (mp_deadline_get_kind (deadline), "publication") && (closed || met_at != 0))
            g_ptr_array_add (found, mp_deadline_new (mp_case_get_reference (each), "publication",
                                                     mp_deadline_get_due_at (deadline),
                                                     met_at != 0 ? met_at : mp_deadline_get_due_at (deadline)));
        }
    }
  g_list_store_splice (deadlines, 0, 0, found->pdata, found->len);
  return G_LIST_MODEL (g_steal_pointer (&deadlines));
}

typedef struct
{
  const char * const *legal;
  gint64              now;
  gint64              until;
  guint              *missed;
  guint              *due;
} LegalCount;

static void
count_legal (const char *kind,
             gint64      due_at,
             gint64      met_at,
             gpointer    data)
{
  LegalCount *count = data;

  if (met_at != 0 || !g_strv_contains (count->legal, kind))
    return;
  if (due_at < count->now)
    (*count->missed)++;
  else if (due_at < count->until)
    (*count->due)++;
}

typedef struct
{
  gint64   now;
  gboolean closed;
  guint   *count;
} OverdueCount;

static void
count_overdue (const char *kind,
               gint64      due_at,
               gint64      met_at,
               gpointer    data)
{
  OverdueCount *overdue = data;

  if (met_at == 0 && due_at < overdue->now &&
      (!overdue->closed || g_str_equal (kind, "data-deletion")))
    (*overdue->count)++;
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
  static const char * const legal[] = {
    "gdpr-authority", "gdpr-controller", "nis2-early-warning", "nis2-notification", "nis2-final",
    "cra-early-warning", "cra-notification", "cra-final", NULL
  };
  guint n_cases;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (missed != NULL && due != NULL, FALSE);

  *missed = *due = 0;
  n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  for (guint c = 0; c < n_cases; c++)
    {
      g_autoptr(MpCase) each = g_list_model_get_item (G_LIST_MODEL (self->cases), c);
      LegalCount count = { legal, now, until, missed, due };

      if (g_strcmp0 (mp_case_get_status (each), "closed") != 0)
        _mp_store_case_foreach_deadline (each, count_legal, &count);
    }
  return TRUE;
}

guint
mp_store_count_overdue_deadlines (MpStore  *self,
                                  gint64    now,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint count = 0, n_cases;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), 0);

  n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  for (guint c = 0; c < n_cases; c++)
    {
      g_autoptr(MpCase) each = g_list_model_get_item (G_LIST_MODEL (self->cases), c);
      OverdueCount overdue = { now, g_strcmp0 (mp_case_get_status (each), "closed") == 0, &count };

      _mp_store_case_foreach_deadline (each, count_overdue, &overdue);
    }
  /* the desk's own renewals, as the calendar shows them */
  if (!(stmt = _mp_store_prepare (self, "SELECT COUNT(*) FROM publications WHERE renew_at < ?1", error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, now);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return 0;
    }
  return count + (guint) sqlite3_column_int64 (stmt, 0);
}
