/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Erasure that reaches the copies Meldpunt makes: the ledger of erases
 * (reference and moment, written in the erase's transaction, so carried
 * into every later backup), its re-application to a backup that a restore
 * puts in place, and the list of the backups Meldpunt made, so that those
 * made before an erase can be named and deleted.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "mp-error.h"
#include "mp-store-private.h"

G_DEFINE_BOXED_TYPE (MpBackupInfo, mp_backup_info, mp_backup_info_copy, mp_backup_info_free)

static gboolean is_desk_copy (const char *path);

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return stmt;
}

static gboolean
has_table (sqlite3    *db,
           const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

gboolean
_mp_store_record_erasure (sqlite3     *db,
                          const char  *reference,
                          gint64       erased_at,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!(stmt = prepare (db, "INSERT OR IGNORE INTO erasures (reference, erased_at) VALUES (?, ?)",
                        error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, erased_at);
  ok = step_done (db, stmt, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* Erases in @restored every case @live's ledger names, as the erase did in
 * @live, and merges @live's ledger and list of backups into @restored. */
static gboolean
apply_ledger (sqlite3  *live,
              sqlite3  *restored,
              GError  **error)
{
  sqlite3_stmt *entries = NULL;
  sqlite3_stmt *find = NULL;
  sqlite3_stmt *backups = NULL;
  sqlite3_stmt *add_backup = NULL;
  gboolean ok = FALSE;
  int rc;

  if (!(entries = prepare (live, "SELECT reference, erased_at FROM erasures ORDER BY id", error)) ||
      !(find = prepare (restored, "SELECT id FROM cases c WHERE reference = ?"
                                  " AND NOT EXISTS (SELECT 1 FROM erasures e"
                                  "                 WHERE e.reference = c.reference)", error)))
    goto out;
  while ((rc = sqlite3_step (entries)) == SQLITE_ROW)
    {
      const char *reference = (const char *) sqlite3_column_text (entries, 0);
      gint64 erased_at = sqlite3_column_int64 (entries, 1);

      sqlite3_reset (find);
      sqlite3_bind_text (find, 1, reference, -1, SQLITE_TRANSIENT);
      if ((rc = sqlite3_step (find)) == SQLITE_ROW &&
          !_mp_store_erase_case_rows (restored, sqlite3_column_int64 (find, 0), erased_at, error))
        goto out;
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, restored, rc);
          goto out;
        }
      if (!_mp_store_record_erasure (restored, reference, erased_at, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, live, rc);
      goto out;
    }

  /* The backups the live desk made stay known: each is measured against
   * the restored ledger, whose ids are new, so it is named as holding
   * erased data whenever in doubt. */
  if (!(backups = prepare (live, "SELECT path, made_at FROM backups", error)) ||
      !(add_backup = prepare (restored, "INSERT OR IGNORE INTO backups (path, made_at, last_erasure)"
                                        " VALUES (?, ?, 0)", error)))
    goto out;
  while ((rc = sqlite3_step (backups)) == SQLITE_ROW)
    {
      sqlite3_reset (add_backup);
      sqlite3_bind_text (add_backup, 1, (const char *) sqlite3_column_text (backups, 0), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int64 (add_backup, 2, sqlite3_column_int64 (backups, 1));
      if (!step_done (restored, add_backup, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, live, rc);
      goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&entries, sqlite3_finalize);
  g_clear_pointer (&find, sqlite3_finalize);
  g_clear_pointer (&backups, sqlite3_finalize);
  g_clear_pointer (&add_backup, sqlite3_finalize);
  return ok;
}

gboolean
_mp_store_reapply_erasures (sqlite3     *live,
                            const char  *restored_path,
                            GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int version;
  int rc;

  rc = sqlite3_open_v2 (restored_path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (!_mp_store_exec (db, "PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;", error) ||
      !(stmt = prepare (db, "PRAGMA user_version", error)))
    goto out;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, db, sqlite3_errcode (db));
      goto out;
    }
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* An older backup has no ledger yet: it becomes a desk of this version
   * first (the backup file itself stays as it was). */
  if (version < _mp_store_schema_version () && !_mp_store_migrate (db, version, error))
    goto out;
  if (!_mp_store_check_schema (db, error))
    goto out;

  /* A live desk that was never opened by this version has no ledger; its
   * erased cases are the ledger then. */
  if (!has_table (live, "erasures"))
    {
      ok = TRUE;
      goto out;
    }

  if (!_mp_store_exec (db, "BEGIN IMMEDIATE;", error))
    goto out;
  if (!apply_ledger (live, db, error) || !_mp_store_exec (db, "COMMIT;", error))
    {
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (db != NULL)
    sqlite3_close (db);
  return ok;
}

/* ---- the backups Meldpunt made ----------------------------------------- */

typedef struct
{
  MpStore *store;
  char    *path;
} NoteBackup;

static gboolean record_backup (MpStore *self, const char *absolute, GError **error);

static gboolean
record_backup_cb (gpointer data)
{
  NoteBackup *note = data;
  g_autoptr(GError) error = NULL;

  if (!record_backup (note->store, note->path, &error))
    g_warning ("The backup %s could not be noted: %s", note->path, error->message);
  g_object_unref (note->store);
  g_free (note->path);
  g_free (note);
  return G_SOURCE_REMOVE;
}

gboolean
_mp_store_record_backup (MpStore     *self,
                         const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *absolute = g_file_get_path (file);
  NoteBackup *note;

  if (g_thread_self () == self->owner_thread)
    return record_backup (self, absolute, error);

  /* A backup made in a worker thread (the window's Back Up…) is noted in
   * the store's own thread, where its other writes happen, before the
   * caller hears that the backup is done. */
  note = g_new0 (NoteBackup, 1);
  note->store = g_object_ref (self);
  note->path = g_steal_pointer (&absolute);
  g_main_context_invoke_full (self->owner_context, G_PRIORITY_HIGH, record_backup_cb, note, NULL);
  return TRUE;
}

static gboolean
record_backup (MpStore     *self,
               const char  *absolute,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!(stmt = _mp_store_prepare (self, "INSERT OR REPLACE INTO backups (path, made_at, last_erasure)"
                                        " VALUES (?, ?, (SELECT coalesce (max (id), 0) FROM erasures))",
                                  error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, absolute, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  if (!_mp_store_step_done (self, stmt, error) || !_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

MpBackupInfo *
mp_backup_info_copy (const MpBackupInfo *info)
{
  MpBackupInfo *copy = g_new0 (MpBackupInfo, 1);

  copy->path = g_strdup (info->path);
  copy->made_at = info->made_at;
  copy->holds_erased = info->holds_erased;
  return copy;
}

void
mp_backup_info_free (MpBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info);
}

GPtrArray *
mp_store_list_backups (MpStore   *self,
                       gboolean   holding_erased_only,
                       GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_backup_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  if (!(stmt = _mp_store_prepare (self, "SELECT path, made_at, last_erasure <"
                                        " (SELECT coalesce (max (id), 0) FROM erasures)"
                                        " FROM backups ORDER BY made_at, id", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *path = (const char *) sqlite3_column_text (stmt, 0);
      gboolean holds_erased = sqlite3_column_int (stmt, 2) != 0;
      MpBackupInfo *info;

      /* A backup deleted, moved or replaced outside Meldpunt holds nothing
       * here. */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || (holding_erased_only && !holds_erased) ||
          !is_desk_copy (path))
        continue;
      info = g_new0 (MpBackupInfo, 1);
      info->path = g_strdup (path);
      info->made_at = sqlite3_column_int64 (stmt, 1);
      info->holds_erased = holds_erased;
      g_ptr_array_add (list, info);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, _mp_store_get_db (self), rc);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Whether @path is a copy of a Meldpunt desk: the list of backups is read
 * from the desk file, and whoever once had write access to it must not be
 * able to have another file deleted in its name. */
static gboolean
is_desk_copy (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM desk", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = sqlite3_column_int (stmt, 0) == 1;
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

gboolean
mp_store_delete_backup (MpStore     *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!(stmt = _mp_store_prepare (self, "DELETE FROM backups WHERE path = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, absolute, -1, SQLITE_TRANSIENT);
  if (!_mp_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (_mp_store_get_db (self)) == 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not a backup this desk made; nothing was deleted."), path);
      goto fail;
    }
  if (g_file_test (absolute, G_FILE_TEST_EXISTS) && !is_desk_copy (absolute))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a backup of a Meldpunt desk; it was not deleted."), path);
      goto fail;
    }
  if (g_unlink (absolute) != 0 && errno != ENOENT)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                   _("The backup “%s” could not be deleted: %s."), path, g_strerror (errno));
      goto fail;
    }
  if (!_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}
