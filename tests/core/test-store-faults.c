/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-store.h"
#include "mp-store-private.h"

#define PASSPHRASE "fietsenstalling"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-faults-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (fixture->dir, 0755);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);

  store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", PASSPHRASE, &error));
  mp_case_set_text (draft, "title", "Existing case");
  mp_case_set_text (draft, "description", "Kept safe");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_chmod (fixture->dir, 0700);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
write_bytes (const char *path,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Folds the WAL into the file and removes it, so the file alone is the desk. */
static void
checkpoint (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_refused_unchanged (Fixture *fixture,
                          int      code)
{
  g_autoptr(GBytes) before = read_bytes (fixture->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (fixture->path, &error);

  g_assert_null (store);
  g_assert_error (error, MP_STORE_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 20);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n this is a picture, not a desk";
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);

  write_bytes (fixture->path, bytes);
  assert_refused_unchanged (fixture, MP_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_corrupt_header (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) good = NULL;
  guint8 *bytes;
  gsize length;

  checkpoint (fixture->path);
  good = read_bytes (fixture->path);
  bytes = g_memdup2 (g_bytes_get_data (good, &length), g_bytes_get_size (good));
  /* Keep the magic string, break the page size and the rest of the header. */
  memset (bytes + 16, 0xA5, 84);
  {
    g_autoptr(GBytes) bad = g_bytes_new_take (bytes, length);

    write_bytes (fixture->path, bad);
  }
  assert_refused_unchanged (fixture, MP_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_corrupt_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GBytes) good = NULL;
  guint8 *bytes;
  gsize length;
  guint page_size;

  checkpoint (fixture->path);
  good = read_bytes (fixture->path);
  bytes = g_memdup2 (g_bytes_get_data (good, &length), g_bytes_get_size (good));
  page_size = (bytes[16] << 8) | bytes[17];
  g_assert_cmpuint (length, >=, 3 * page_size);
  /* Scribble over the b-tree header of page 2. The file is not in WAL mode
   * (checkpoint() left it so): open would write to it to change that, so
   * open itself checks every page and refuses. */
  memset (bytes + page_size, 0x5A, 64);
  {
    g_autoptr(GBytes) bad = g_bytes_new_take (bytes, length);

    write_bytes (fixture->path, bad);
  }
  assert_refused_unchanged (fixture, MP_STORE_ERROR_CORRUPT);
}

/* The page number of the root of @table's b-tree. */
static guint
root_page (const char *path,
           const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint page;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_master WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

/* A damaged page that neither opening nor loading the cases reads, in a
 * file already in WAL mode (as every desk is): open is cheap and succeeds.
 * Unlock loads the cases and then starts the check of every page in a
 * thread, without waiting for it; the verdict comes when asked for, and the
 * first write waits for it and is refused. (An unlock that meets a damaged
 * page itself refuses at once.) Nothing writes to the file. */
static void
test_corrupt_page_unlock (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  guint8 *bytes;
  gsize length;
  guint page_size, page;

  checkpoint (fixture->path);
  page = root_page (fixture->path, "answers");
  good = read_bytes (fixture->path);
  bytes = g_memdup2 (g_bytes_get_data (good, &length), g_bytes_get_size (good));
  page_size = (bytes[16] << 8) | bytes[17];
  g_assert_cmpuint (page, >, 1);
  g_assert_cmpuint (length, >=, page * page_size);
  /* Scribble over the b-tree header of the answers' root page. */
  memset (bytes + (gsize) (page - 1) * page_size, 0x5A, 64);
  /* The file format's read and write versions: 2 is WAL mode. */
  bytes[18] = 2;
  bytes[19] = 2;
  {
    g_autoptr(GBytes) bad = g_bytes_new_take (bytes, length);

    write_bytes (fixture->path, bad);
  }
  before = read_bytes (fixture->path);

  store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      if (mp_store_unlock (store, PASSPHRASE, &error))
        {
          /* The check was still running: its verdict comes when asked for,
           * and the first write waits for it. */
          g_assert_no_error (error);
          g_assert_false (mp_store_check_integrity (store, &error));
          g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
          g_clear_error (&error);
          g_assert_false (mp_store_set_setting (store, "desk.email", "security@example.nl", &error));
          g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
          g_assert_cmpuint (strlen (error->message), >, 20);
          g_clear_error (&error);
          mp_store_lock (store);
        }
      else
        {
          g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
          g_assert_cmpuint (strlen (error->message), >, 20);
          g_clear_error (&error);
          g_assert_true (mp_store_is_locked (store));
        }
      /* Asking again is refused again: the check is not skipped the second time. */
    }
  g_assert_false (mp_store_check_integrity (store, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_clear_object (&store);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = NULL;

  checkpoint (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (fixture, MP_STORE_ERROR_TOO_NEW);
}

/* Found by fuzz-store-open: a negative user_version has no migration. */
static void
test_negative_version (Fixture       *fixture,
                       gconstpointer  data)
{
  sqlite3 *db = NULL;

  checkpoint (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = -247", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (fixture, MP_STORE_ERROR_NOT_A_DATABASE);
}

/* Another program's SQLite database (tables, user_version 0) is not given
 * Meldpunt's tables. */
static void
test_foreign_database (Fixture       *fixture,
                       gconstpointer  data)
{
  sqlite3 *db = NULL;

  g_unlink (fixture->path);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused_unchanged (fixture, MP_STORE_ERROR_NOT_A_DATABASE);
}

/* Runs @func in a child process as an unprivileged user: root may write
 * to read-only files, so the check must drop root first. */
static int
run_as_nobody (void (*func) (Fixture *),
               Fixture *fixture)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (getuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (77);
      func (fixture);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
open_read_only_child (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (fixture->path, &error);

  if (store != NULL || !g_error_matches (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY))
    _exit (1);
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  checkpoint (fixture->path);
  g_chmod (fixture->path, 0444);
  before = read_bytes (fixture->path);
  g_assert_cmpint (run_as_nobody (open_read_only_child, fixture), ==, 0);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  checkpoint (fixture->path);
  g_chmod (fixture->path, 0666);
  g_chmod (fixture->dir, 0555);
  before = read_bytes (fixture->path);
  g_assert_cmpint (run_as_nobody (open_read_only_child, fixture), ==, 0);
  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  g_chmod (fixture->dir, 0755);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  pid_t pid;
  int status = 0;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpStore) store = mp_store_open (fixture->path, &error);
      g_autoptr(MpCase) draft = mp_case_new ();
      g_autoptr(MpCase) kase = NULL;
      g_autofree char *big = g_strnfill (4 * 1024 * 1024, 'x');
      struct stat st;
      struct rlimit limit;

      if (store == NULL || !mp_store_unlock (store, PASSPHRASE, &error))
        _exit (2);
      /* No file may grow past its current size (+ a little): the disk is "full". */
      signal (SIGXFSZ, SIG_IGN);
      g_stat (fixture->path, &st);
      limit.rlim_cur = limit.rlim_max = RLIM_INFINITY;
      limit.rlim_cur = 64 * 1024;
      setrlimit (RLIMIT_FSIZE, &limit);

      mp_case_set_text (draft, "title", "Too big");
      mp_case_set_text (draft, "description", big);
      kase = mp_store_add_case (store, draft, &error);
      if (kase != NULL || !g_error_matches (error, MP_STORE_ERROR, MP_STORE_ERROR_FULL))
        _exit (3);
      /* Nothing half-written: still one case, in memory and in the file. */
      if (g_list_model_get_n_items (mp_store_get_cases (store)) != 1)
        _exit (4);
      g_clear_error (&error);

      /* Space is free again: the same write succeeds. */
      limit.rlim_cur = RLIM_INFINITY;
      setrlimit (RLIMIT_FSIZE, &limit);
      kase = mp_store_add_case (store, draft, &error);
      if (kase == NULL)
        _exit (5);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MpStore) store = mp_store_open (fixture->path, &error);

    g_assert_no_error (error);
    g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
    g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 2);
    g_assert_cmpstr (mp_case_get_reference (mp_store_find_case (store, "CVD-2026-0002")), !=, NULL);
  }
}

static void
test_second_writer (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) one = mp_store_open (fixture->path, &error);
  g_autoptr(MpStore) two = mp_store_open (fixture->path, &error);
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  sqlite3 *holder = NULL;

  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (one, PASSPHRASE, &error));
  g_assert_true (mp_store_unlock (two, PASSPHRASE, &error));

  /* Both write, one after the other: nothing lost. */
  mp_case_set_text (draft, "title", "From one");
  kase = mp_store_add_case (one, draft, &error);
  g_assert_no_error (error);
  g_clear_object (&kase);
  mp_case_set_text (draft, "title", "From two");
  kase = mp_store_add_case (two, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_case_get_reference (kase), ==, "CVD-2026-0003");
  g_clear_object (&kase);

  /* Someone holds the write lock past the busy timeout: a clear error. */
  g_assert_cmpint (sqlite3_open (fixture->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  mp_case_set_text (draft, "title", "Blocked");
  kase = mp_store_add_case (one, draft, &error);
  g_assert_null (kase);
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY);
  g_clear_error (&error);
  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);

  kase = mp_store_add_case (one, draft, &error);
  g_assert_no_error (error);
}

static void
plant (const char *path,
       const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Someone who once had write access planted a trigger that copies every
 * case key into a table of their own: the schema is not trusted as found. */
static void
test_planted_trigger (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;

  plant (fixture->path, "CREATE TABLE loot (wrapped BLOB);"
                        "CREATE TRIGGER keep_keys AFTER INSERT ON case_keys"
                        " BEGIN INSERT INTO loot VALUES (new.wrapped); END;");
  store = mp_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "outside Meldpunt"));
}

/* An index of Meldpunt's made differently. */
static void
test_changed_table (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;

  plant (fixture->path, "DROP INDEX attachments_by_case;"
                        "CREATE INDEX attachments_by_case ON attachments (case_id, version);");
  store = mp_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "attachments_by_case"));
}

/* The store's own connection cannot be talked into writing the schema. */
static void
test_defensive (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (fixture->path, &error);
  sqlite3 *db;
  int on = -1;

  g_assert_no_error (error);
  db = _mp_store_get_db (store);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &on), ==, SQLITE_OK);
  g_assert_cmpint (on, ==, 1);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &on), ==, SQLITE_OK);
  g_assert_cmpint (on, ==, 0);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON;"
                                     "UPDATE sqlite_schema SET sql = 'x' WHERE name = 'audit';",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/faults/not-a-database", test_not_a_database);
  ADD ("/faults/corrupt-header", test_corrupt_header);
  ADD ("/faults/corrupt-page", test_corrupt_page);
  ADD ("/faults/corrupt-page-unlock", test_corrupt_page_unlock);
  ADD ("/faults/newer-version", test_newer_version);
  ADD ("/faults/negative-version", test_negative_version);
  ADD ("/faults/foreign-database", test_foreign_database);
  ADD ("/faults/read-only-file", test_read_only_file);
  ADD ("/faults/read-only-folder", test_read_only_folder);
  ADD ("/faults/disk-full", test_disk_full);
  ADD ("/faults/second-writer", test_second_writer);
  ADD ("/faults/planted-trigger", test_planted_trigger);
  ADD ("/faults/changed-table", test_changed_table);
  ADD ("/faults/defensive", test_defensive);
#undef ADD

  return g_test_run ();
}
