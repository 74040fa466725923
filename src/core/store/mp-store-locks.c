/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Locks that other code in the process cannot release.
 *
 * SQLite coordinates processes with fcntl() record locks on the desk and on
 * its -shm file. POSIX ties those locks to the process: closing *any*
 * descriptor of the file drops them all. GTK's file chooser does exactly
 * that when it browses the desk's folder (a GIO thread opens desk.db and
 * desk.db-shm to sniff them, then closes them). Another process on the same
 * desk (meldpunt-cli) then believes it is the last one, checkpoints and
 * deletes the WAL this process is still writing into: writes are lost and
 * references numbered twice.
 *
 * Linux's open-file-description locks (F_OFD_SETLK) conflict with the same
 * locks of other processes, but belong to one open file description, which
 * nobody else's close() can end. SQLite lets an application replace the
 * system calls of its unix VFS: the fcntl() below turns every record lock
 * into an OFD lock taken through one descriptor per file (a private
 * duplicate of the first descriptor SQLite opened for it), so that all of
 * this process's connections share one owner, as they did with POSIX locks.
 * The duplicate is closed when SQLite has closed its last descriptor of the
 * file.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mp-store-private.h"

#ifdef F_OFD_SETLK

typedef struct
{
  dev_t dev;
  ino_t ino;
} FileId;

typedef struct
{
  FileId id;
  int    lock_fd;       /* the private duplicate every lock goes through */
  guint  n_open;        /* SQLite's descriptors of the file */
} LockedFile;

typedef int (*OpenFunc)  (const char *path, int flags, int mode);
typedef int (*CloseFunc) (int fd);

static OpenFunc real_open;
static CloseFunc real_close;
static GMutex files_mutex;
static GHashTable *files_by_id;   /* FileId → LockedFile */
static GHashTable *files_by_fd;   /* SQLite's descriptor → LockedFile */

static guint
file_id_hash (gconstpointer key)
{
  const FileId *id = key;

  return (guint) id->ino ^ (guint) (id->ino >> 32) ^ (guint) id->dev;
}

static gboolean
file_id_equal (gconstpointer a,
               gconstpointer b)
{
  const FileId *x = a, *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

static int
locking_open (const char *path,
              int         flags,
              int         mode)
{
  int fd = real_open (path, flags, mode);
  struct stat st;
  LockedFile *file;
  FileId id;

  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    return fd;

  id.dev = st.st_dev;
  id.ino = st.st_ino;
  g_mutex_lock (&files_mutex);
  file = g_hash_table_lookup (files_by_id, &id);
  if (file == NULL)
    {
      int lock_fd = fcntl (fd, F_DUPFD_CLOEXEC, 3);

      if (lock_fd < 0)
        {
          int saved = errno;

          g_mutex_unlock (&files_mutex);
          real_close (fd);
          errno = saved;
          return -1;
        }
      file = g_new0 (LockedFile, 1);
      file->id = id;
      file->lock_fd = lock_fd;
      g_hash_table_insert (files_by_id, &file->id, file);
    }
  file->n_open++;
  g_hash_table_insert (files_by_fd, GINT_TO_POINTER (fd), file);
  g_mutex_unlock (&files_mutex);
  return fd;
}

static int
locking_close (int fd)
{
  LockedFile *file;

  g_mutex_lock (&files_mutex);
  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  if (file != NULL)
    {
      g_hash_table_remove (files_by_fd, GINT_TO_POINTER (fd));
      if (--file->n_open == 0)
        {
          g_hash_table_remove (files_by_id, &file->id);
          real_close (file->lock_fd);
          g_free (file);
        }
    }
  g_mutex_unlock (&files_mutex);
  return real_close (fd);
}

static int
record_lock (int           fd,
             int           cmd,
             struct flock *request)
{
  struct flock lock = { 0 };
  LockedFile *file;
  int lock_fd = fd;
  int ofd_cmd;
  int rc;

  switch (cmd)
    {
    case F_GETLK:
      ofd_cmd = F_OFD_GETLK;
      break;
    case F_SETLK:
      ofd_cmd = F_OFD_SETLK;
      break;
    default:
      ofd_cmd = F_OFD_SETLKW;
      break;
    }

  g_mutex_lock (&files_mutex);
  file = g_hash_table_lookup (files_by_fd, GINT_TO_POINTER (fd));
  if (file != NULL)
    lock_fd = file->lock_fd;
  g_mutex_unlock (&files_mutex);

  /* OFD locks need l_pid = 0; SQLite leaves it unset. */
  lock.l_type = request->l_type;
  lock.l_whence = request->l_whence;
  lock.l_start = request->l_start;
  lock.l_len = request->l_len;
  rc = fcntl (lock_fd, ofd_cmd, &lock);
  if (rc == 0 && cmd == F_GETLK)
    {
      request->l_type = lock.l_type;
      request->l_whence = lock.l_whence;
      request->l_start = lock.l_start;
      request->l_len = lock.l_len;
      request->l_pid = lock.l_pid;
    }
  return rc;
}

static int
locking_fcntl (int fd,
               int cmd,
               ...)
{
  va_list args;
  int rc;

  va_start (args, cmd);
  switch (cmd)
    {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
      rc = record_lock (fd, cmd, va_arg (args, struct flock *));
      break;
    case F_GETFD:
    case F_GETFL:
      rc = fcntl (fd, cmd);
      break;
    case F_SETFD:
    case F_SETFL:
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
      rc = fcntl (fd, cmd, va_arg (args, int));
      break;
    default:
      rc = fcntl (fd, cmd, va_arg (args, void *));
      break;
    }
  va_end (args);
  return rc;
}

static gboolean
install (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");
  struct flock probe = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
  int fd;

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    return FALSE;

  /* A kernel without OFD locks (before Linux 3.15) keeps SQLite's own. */
  fd = open ("/dev/null", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  if (fcntl (fd, F_OFD_GETLK, &probe) != 0 && errno == EINVAL)
    {
      close (fd);
      return FALSE;
    }
  close (fd);

  real_open = (OpenFunc) vfs->xGetSystemCall (vfs, "open");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  if (real_open == NULL || real_close == NULL)
    return FALSE;
  files_by_id = g_hash_table_new (file_id_hash, file_id_equal);
  files_by_fd = g_hash_table_new (NULL, NULL);
  if (vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) locking_open) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) locking_close) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) locking_fcntl) != SQLITE_OK)
    {
      vfs->xSetSystemCall (vfs, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

#endif

/* Installs the locks before the process opens its first database; once. */
gboolean
_mp_store_install_locks (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
#ifdef F_OFD_SETLK
      g_once_init_leave (&installed, install () ? 1 : 2);
#else
      g_once_init_leave (&installed, 2);
#endif
    }
  return installed == 1;
}
