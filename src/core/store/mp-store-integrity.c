/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The store's integrity check: PRAGMA quick_check on a connection of its
 * own in a thread, and the verdict every write waits for.
 */
#include "config.h"

#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

#include "mp-store-private.h"

/* A quick look at every page, so that a damaged file is never written to.
 * It reads the whole file (over a second for a large desk), so open leaves
 * it to unlock, which starts it on a read-only connection of its own in a
 * thread (WAL lets it read beside the store's connection) and does not wait
 * for it: the cases show while it runs. Every write path calls
 * _mp_store_check_integrity() first, which waits for that verdict (or runs
 * the check itself if none was started), so nothing is written to the file
 * before the check has passed. A read that meets a damaged page fails on
 * its own (SQLITE_CORRUPT). */
static int
quick_check (sqlite3 *db)
{
  sqlite3_stmt *check = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &check, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (check);
  if (rc == SQLITE_ROW)
    rc = g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") == 0 ? SQLITE_OK : SQLITE_CORRUPT;
  sqlite3_finalize (check);
  return rc;
}

static gpointer
check_thread_func (gpointer data)
{
  MpStore *self = data;
  sqlite3 *db = NULL;
  int rc;

#ifdef __linux__
  /* It runs while the cases are drawn: let the drawing go first. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
#endif
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      gboolean cancelled;

      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, MP_STORE_BUSY_TIMEOUT_MS);
      g_mutex_lock (&self->check_db_mutex);
      cancelled = self->check_cancelled;
      if (!cancelled)
        self->check_db = db;
      g_mutex_unlock (&self->check_db_mutex);
      rc = cancelled ? SQLITE_INTERRUPT : quick_check (db);
      g_mutex_lock (&self->check_db_mutex);
      self->check_db = NULL;
      g_mutex_unlock (&self->check_db_mutex);
    }
  sqlite3_close_v2 (db);

  self->check_rc = rc;
  g_atomic_int_set (&self->check_done, TRUE);
  return NULL;
}

void
_mp_store_start_integrity_check (MpStore *self)
{
  g_mutex_lock (&self->check_mutex);
  if (!self->checked && self->check_thread == NULL)
    {
      g_atomic_int_set (&self->check_done, FALSE);
      self->check_thread = g_thread_new ("mp-store-check", check_thread_func, self);
    }
  g_mutex_unlock (&self->check_mutex);
}

/* Waits for the check thread and takes its verdict; with check_mutex held
 * (the thread never takes it). Returns -1 if there was no thread. */
static int
join_check_thread (MpStore *self)
{
  if (self->check_thread == NULL)
    return -1;
  g_thread_join (g_steal_pointer (&self->check_thread));
  return self->check_rc;
}

static gboolean
take_verdict (MpStore  *self,
              int       rc,
              GError  **error)
{
  int primary = rc & 0xff;

  if (rc == SQLITE_OK)
    {
      self->checked = TRUE;
      return TRUE;
    }
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    {
      _mp_store_set_sqlite_error (error, NULL, rc);
      return FALSE;
    }
  /* The thread could not tell (busy, could not open, …): check here. */
  rc = quick_check (self->db);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, rc == SQLITE_CORRUPT ? NULL : self->db, rc);
      return FALSE;
    }
  self->checked = TRUE;
  return TRUE;
}

gboolean
_mp_store_check_integrity (MpStore  *self,
                           GError  **error)
{
  gboolean ok;
  int rc;

  g_mutex_lock (&self->check_mutex);
  if (self->checked)
    ok = TRUE;
  else if ((rc = join_check_thread (self)) != -1)
    ok = take_verdict (self, rc, error);
  else
    ok = take_verdict (self, quick_check (self->db), error);
  g_mutex_unlock (&self->check_mutex);
  return ok;
}

/* The store goes: stop the check where it is. */
void
_mp_store_cancel_integrity_check (MpStore *self)
{
  g_mutex_lock (&self->check_db_mutex);
  self->check_cancelled = TRUE;
  if (self->check_db != NULL)
    sqlite3_interrupt (self->check_db);
  g_mutex_unlock (&self->check_db_mutex);
  if (self->check_thread != NULL)
    g_thread_join (g_steal_pointer (&self->check_thread));
}

gboolean
mp_store_check_integrity (MpStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  return _mp_store_check_integrity (self, error);
}
