/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * What the desk published and until when (issue 24). A security.txt
 * expires; its renewal is a deadline a month before, on the calendar
 * beside the cases' deadlines (mp_deadlines_list_open()).
 */
#include "config.h"

#include "mp-store-private.h"

/* A month before @expires_at, at the same time of day (UTC). */
static gint64
renewal_due (gint64 expires_at)
{
  g_autoptr(GDateTime) expires = g_date_time_new_from_unix_utc (expires_at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) due = g_date_time_add_months (expires, -1);

  return g_date_time_to_unix (due) * G_USEC_PER_SEC;
}

gboolean
mp_store_record_publication (MpStore     *self,
                             const char  *document,
                             const char  *subject,
                             gint64       published_at,
                             gint64       expires_at,
                             gboolean     is_signed,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *field = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 old_expires = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL && subject != NULL, FALSE);
  g_return_val_if_fail (expires_at > published_at, FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  if (mp_store_get_publication (self, document, subject, NULL, &old_expires, NULL))
    {
      g_autoptr(GDateTime) old = g_date_time_new_from_unix_utc (old_expires / G_USEC_PER_SEC);

      old_value = g_date_time_format_iso8601 (old);
    }
  expires = g_date_time_new_from_unix_utc (expires_at / G_USEC_PER_SEC);
  new_value = g_date_time_format_iso8601 (expires);
  field = g_strdup_printf ("%s %s", document, subject);

  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!(write = _mp_store_prepare (self, "INSERT INTO publications (document, subject,"
                                         " published_at, expires_at, renew_at, signed)"
                                         " VALUES (?, ?, ?, ?, ?, ?)"
                                         " ON CONFLICT (document, subject) DO UPDATE SET"
                                         " published_at = excluded.published_at,"
                                         " expires_at = excluded.expires_at,"
                                         " renew_at = excluded.renew_at,"
                                         " signed = excluded.signed", error)))
    goto fail;
  sqlite3_bind_text (write, 1, document, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 2, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 3, published_at);
  sqlite3_bind_int64 (write, 4, expires_at);
  sqlite3_bind_int64 (write, 5, renewal_due (expires_at));
  sqlite3_bind_int (write, 6, is_signed ? 1 : 0);
  if (!_mp_store_step_done (self, write, error) ||
      !_mp_store_audit_append (self, NULL, "publish", field, old_value, new_value, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

gboolean
mp_store_get_publication (MpStore     *self,
                          const char  *document,
                          const char  *subject,
                          gint64      *published_at,
                          gint64      *expires_at,
                          gboolean    *is_signed)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL && subject != NULL, FALSE);

  if (!(stmt = _mp_store_prepare (self, "SELECT published_at, expires_at, signed FROM publications"
                                        " WHERE document = ? AND subject = ?", NULL)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, document, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, subject, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (published_at != NULL)
    *published_at = sqlite3_column_int64 (stmt, 0);
  if (expires_at != NULL)
    *expires_at = sqlite3_column_int64 (stmt, 1);
  if (is_signed != NULL)
    *is_signed = sqlite3_column_int (stmt, 2) != 0;
  return TRUE;
}

GListModel *
mp_store_list_renewals (MpStore  *self,
                        GError  **error)
{
  g_autoptr(GListStore) renewals = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  /* A renewal is met by publishing again: the row then holds the new
   * file's moments, so every row is one open renewal. */
  if (!(stmt = _mp_store_prepare (self, "SELECT subject, renew_at FROM publications"
                                        " WHERE document = 'security.txt' ORDER BY renew_at",
                                  error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MpDeadline) deadline = mp_deadline_new ((const char *) sqlite3_column_text (stmt, 0),
                                                        "security-txt-renewal",
                                                        sqlite3_column_int64 (stmt, 1), 0);

      g_list_store_append (renewals, deadline);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&renewals));
}
