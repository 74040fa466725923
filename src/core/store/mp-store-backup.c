/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* Backups go through the SQLite backup API into a temporary file in the
 * target folder, are checked, and only then renamed into place; a restore
 * keeps a copy of the current desk aside, made the same way, and replaces
 * the file only when no other process has it open. */

static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Copies @source through the SQLite backup API into a new file at @path
 * (0600), in rollback-journal mode so that it can be checked and read
 * without write access to its folder; written to a temporary file beside
 * @path, checked, synced, and only then renamed into place. */
static gboolean
copy_database (sqlite3     *source,
               const char  *path,
               GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  sqlite3_stmt *check = NULL;
  gboolean ok = FALSE;
  int fd;
  int rc;

  dir = g_path_get_dirname (path);
  tmp_path = g_build_filename (dir, ".meldpunt-backup-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0600);
  if (fd < 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                   _("A backup cannot be written to “%s”: %s."), dir, g_strerror (errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp_path, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, copy, rc);
      goto out;
    }

  backup = sqlite3_backup_init (copy, "main", source, "main");
  if (backup == NULL)
    {
      _mp_store_set_sqlite_error (error, copy, sqlite3_errcode (copy));
      goto out;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, copy, rc);
      goto out;
    }
  /* The pages copied say WAL, as the desk does. */
  if (!_mp_store_exec (copy, "PRAGMA journal_mode = DELETE;", error))
    goto out;

  /* The copy must be sound before it may replace anything. */
  rc = sqlite3_prepare_v2 (copy, "PRAGMA integrity_check(1)", -1, &check, NULL);
  if (rc != SQLITE_OK || sqlite3_step (check) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The backup copy failed its integrity check; it was not kept."));
      goto out;
    }
  ok = TRUE;

out:
  if (check != NULL)
    sqlite3_finalize (check);
  if (copy != NULL)
    sqlite3_close (copy);

  if (ok)
    {
      sync_file (tmp_path);
      if (g_rename (tmp_path, path) != 0)
        {
          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                       _("The backup could not be put in place at “%s”: %s."),
                       path, g_strerror (errno));
          ok = FALSE;
        }
    }
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}

gboolean
mp_store_backup (MpStore     *self,
                 const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return copy_database (_mp_store_get_db (self), path, error);
}

/* Checks that @path is a sound Meldpunt database this version can open. */
static gboolean
check_restorable (const char  *path,
                  GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK || (rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  if (sqlite3_column_int (stmt, 0) > MP_STORE_SCHEMA_VERSION)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_TOO_NEW,
                           _("The backup was written by a newer version of Meldpunt; "
                             "update Meldpunt to restore it."));
      goto out;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(1)", -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The backup is damaged; nothing was restored."));
      goto out;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM desk", -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 1)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_A_DATABASE,
                           _("The file is not a backup of a Meldpunt desk; nothing was restored."));
      goto out;
    }
  ok = TRUE;

out:
  if (stmt != NULL)
    sqlite3_finalize (stmt);
  if (db != NULL)
    sqlite3_close (db);
  return ok;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);

  return g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* Copies the desk at @path, whole, to @aside before a restore replaces it.
 * The desk must be closed everywhere: a process that still had it open
 * would go on writing into a file that is no longer the desk. Every commit
 * in its WAL (a writer that was killed leaves them there) is read and
 * checkpointed into the file first, and the WAL is removed by SQLite
 * itself, never unlinked by hand. */
static gboolean
keep_aside (const char  *path,
            const char  *aside,
            GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  GStatBuf st;
  int n_log = -1, n_copied = -1;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  sqlite3_busy_timeout (db, MP_STORE_BUSY_TIMEOUT_MS);
  /* An exclusive lock on the file: refused while anyone else has it open.
   * The read goes through the WAL, recovering it if its writer died. */
  rc = sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE;"
                         "BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_master; COMMIT;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY,
                             _("The desk is open in another program, such as meldpunt-cli or "
                               "another Meldpunt window. Close it and try again; nothing was "
                               "restored."));
      else
        _mp_store_set_sqlite_error (error, db, rc);
      goto out;
    }
  rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &n_log, &n_copied);
  if (rc != SQLITE_OK || n_log != n_copied)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY,
                           _("Not every change of the desk could be written into its file; "
                             "nothing was restored. Close other programs that use the desk "
                             "and try again."));
      goto out;
    }
  if (!copy_database (db, aside, error))
    {
      g_prefix_error (error, _("The current desk could not be kept aside; nothing was restored. "));
      goto out;
    }
  ok = TRUE;

out:
  if (db != NULL)
    sqlite3_close (db);
  /* The last connection closed removes the WAL; one that is left, with
   * frames in it, belongs to a process that opened the desk meanwhile. */
  if (ok && g_stat (wal, &st) == 0 && st.st_size > 0)
    {
      g_unlink (aside);
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY,
                           _("The desk is open in another program, such as meldpunt-cli or "
                             "another Meldpunt window. Close it and try again; nothing was "
                             "restored."));
      ok = FALSE;
    }
  return ok;
}

char *
mp_store_restore (const char  *backup_path,
                  const char  *database_path,
                  GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  int fd;

  g_return_val_if_fail (backup_path != NULL && database_path != NULL, NULL);

  if (!check_restorable (backup_path, error))
    return NULL;

  dir = g_path_get_dirname (database_path);
  tmp_path = g_build_filename (dir, ".meldpunt-restore-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0600);
  if (fd < 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                   _("Nothing can be written to “%s”: %s."), dir, g_strerror (errno));
      return NULL;
    }
  close (fd);
  /* The desk is the desk's owner's alone, whatever mode the backup has. */
  if (!copy_file (backup_path, tmp_path, error) || g_chmod (tmp_path, 0600) != 0 ||
      !sync_file (tmp_path))
    {
      g_unlink (tmp_path);
      return NULL;
    }

  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      aside = g_strdup_printf ("%s.before-restore-%s", database_path, stamp);
      if (!keep_aside (database_path, aside, error))
        {
          g_unlink (tmp_path);
          return NULL;
        }
    }

  if (g_rename (tmp_path, database_path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                   _("The backup could not be put in place: %s. The current database was kept."),
                   g_strerror (saved));
      return NULL;
    }

  /* Put back on purpose: not a rollback to report at the next unlock. */
  _mp_store_freshness_adopt (database_path);
  return aside != NULL ? g_steal_pointer (&aside) : g_strdup ("");
}
