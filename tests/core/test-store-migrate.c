/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A crash at any moment of a migration leaves the database entirely at the
 * old or entirely at the new schema version, with its data; the next open
 * finishes the migration. The schema is at version 1 today, so the test adds
 * two migrations of its own through _mp_store_set_test_migrations():
 * 1 → 2 adds a table filled with many rows (a long step), a column filled
 * from the cases and an index; 2 → 3 rebuilds that table the way SQLite
 * changes a column. A child process opens (and so migrates) a copy of a
 * version 1 desk and is killed with SIGKILL
 *   - in the middle of its Nth write to any file (the main file, the WAL, the
 *     backup copy): half the bytes are written, then the process dies;
 *   - after N steps of SQLite's virtual machine (a progress handler),
 * for N spread over the whole open. After each kill the file must pass
 * integrity_check, its user_version and schema (sqlite_master) must be those
 * of version 1, 2 or 3 exactly, with the data of that version, a backup
 * under its final name must be a sound copy of the version it names, and
 * mp_store_open() must then bring it to version 3 with nothing lost.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-store.h"
#include "mp-store-private.h"

#define PASSPHRASE "fietsenstalling"
#define N_ROWS 1000

static const char * const extra_migrations[] = {
  /* FIRST -> FIRST + 1 */
  "CREATE TABLE test_extra ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER,"
  "  filler TEXT NOT NULL);"
  "INSERT INTO test_extra (case_id, filler)"
  "  WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000)"
  "  SELECT (SELECT min(id) FROM cases), printf('%0200d', x) FROM n;"
  "ALTER TABLE cases ADD COLUMN test_label TEXT;"
  "UPDATE cases SET test_label = 'label ' || reference;"
  "CREATE INDEX test_extra_by_case ON test_extra (case_id);",
  /* FIRST + 1 -> FIRST + 2 */
  "CREATE TABLE test_extra_new ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL,"
  "  filler TEXT NOT NULL,"
  "  size INTEGER NOT NULL);"
  "INSERT INTO test_extra_new SELECT id, case_id, filler, length (filler) FROM test_extra;"
  "DROP TABLE test_extra;"
  "ALTER TABLE test_extra_new RENAME TO test_extra;"
  "CREATE INDEX test_extra_by_case ON test_extra (case_id);",
};

#define FIRST MP_STORE_SCHEMA_VERSION
#define LAST (MP_STORE_SCHEMA_VERSION + (int) G_N_ELEMENTS (extra_migrations))

typedef struct
{
  char     *dir;
  char     *template;          /* a desk at version FIRST, one case */
  char     *schema[LAST + 1];  /* sqlite_master of each version, FIRST … LAST */
  char     *reference;         /* of the one case */
  guint     n_audit;           /* audit entries of the template */
} Fixture;

/* ---- helpers --------------------------------------------------------------- */

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (result, "%s%s", i > 0 ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (result, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (result, FALSE);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autofree char *text = query_text (db, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

static char *
schema_of (sqlite3 *db)
{
  return query_text (db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
remove_dir_contents (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
}

/* A fresh folder holding a copy of the version FIRST desk; returns its path. */
static char *
fresh_copy (Fixture    *fixture,
            const char *name)
{
  g_autofree char *dir = g_build_filename (fixture->dir, name, NULL);
  char *path = g_build_filename (dir, "desk.db", NULL);

  g_mkdir_with_parents (dir, 0700);
  remove_dir_contents (dir);
  copy_file (fixture->template, path);
  return path;
}

/* Which version the database at @path is, asserting that it is exactly one
 * of them: integrity, schema, user_version and data agree. */
static int
assert_consistent (Fixture    *fixture,
                   const char *path)
{
  sqlite3 *db = open_raw (path);
  g_autofree char *integrity = query_text (db, "PRAGMA integrity_check");
  g_autofree char *schema = schema_of (db);
  int version = (int) query_int (db, "PRAGMA user_version");
  int matching = 0;

  g_assert_cmpstr (integrity, ==, "ok\n");
  for (int v = FIRST; v <= LAST; v++)
    if (g_strcmp0 (schema, fixture->schema[v]) == 0)
      matching = v;
  if (matching != version)
    g_error ("%s: user_version %d but the schema of version %d:\n%s",
             path, version, matching, schema);

  /* The data of that version, whole. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit"), ==, fixture->n_audit);
  if (version >= FIRST + 1)
    {
      g_autofree char *label = query_text (db, "SELECT test_label FROM cases");
      g_autofree char *expected = g_strdup_printf ("label %s\n", fixture->reference);

      g_assert_cmpstr (label, ==, expected);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM test_extra"), ==, N_ROWS);
    }
  if (version >= FIRST + 2)
    g_assert_cmpint (query_int (db, "SELECT sum(size) FROM test_extra"), ==, N_ROWS * 200);
  sqlite3_close (db);
  return version;
}

/* A backup under its final name is a sound copy of the version it names. */
static guint
assert_backups_sound (Fixture    *fixture,
                      const char *path)
{
  guint n = 0;

  for (int v = FIRST; v < LAST; v++)
    {
      g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, v);

      if (!g_file_test (backup, G_FILE_TEST_EXISTS))
        continue;
      g_assert_cmpint (assert_consistent (fixture, backup), ==, v);
      n++;
    }
  return n;
}

/* Opens @path as the application does (migrating it to LAST) and checks that
 * the desk is whole. */
static void
assert_opens_whole (Fixture    *fixture,
                    const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (path, &error);
  MpCase *kase;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 1);
  kase = mp_store_find_case (store, fixture->reference);
  g_assert_nonnull (kase);
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Migrated case");
  g_assert_true (mp_store_verify_audit (store, &n, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, fixture->n_audit);
  g_clear_object (&store);
  g_assert_cmpint (assert_consistent (fixture, path), ==, LAST);
}

/* ---- the child and its ways to die ------------------------------------------- */

static guint kill_at_write;      /* 0: never */
static guint kill_at_step;       /* 0: never */
static guint n_writes;
static guint n_steps;

static sqlite3_syscall_ptr real_pwrite64;
static sqlite3_syscall_ptr real_write;

static gboolean
count_write (size_t  count,
             size_t *allowed)
{
  *allowed = count;
  if (++n_writes != kill_at_write)
    return FALSE;
  /* A torn write: half of it reaches the file, then the process dies. */
  *allowed = count / 2;
  return TRUE;
}

static ssize_t
counting_pwrite64 (int         fd,
                   const void *buf,
                   size_t      count,
                   off_t       offset)
{
  size_t allowed;
  gboolean die = count_write (count, &allowed);
  ssize_t n = ((ssize_t (*) (int, const void *, size_t, off_t)) real_pwrite64) (fd, buf, allowed, offset);

  if (die)
    raise (SIGKILL);
  return n;
}

static ssize_t
counting_write (int         fd,
                const void *buf,
                size_t      count)
{
  size_t allowed;
  gboolean die = count_write (count, &allowed);
  ssize_t n = ((ssize_t (*) (int, const void *, size_t)) real_write) (fd, buf, allowed);

  if (die)
    raise (SIGKILL);
  return n;
}

static int
on_progress (void *data)
{
  if (++n_steps == kill_at_step)
    raise (SIGKILL);
  return 0;
}

static int
install_progress_handler (sqlite3                     *db,
                          char                       **message,
                          const struct sqlite3_api_routines *api)
{
  sqlite3_progress_handler (db, 50, on_progress, NULL);
  return SQLITE_OK;
}

static void
install_write_counter (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  g_assert_nonnull (vfs);
  g_assert_nonnull (vfs->xSetSystemCall);
  real_pwrite64 = vfs->xGetSystemCall (vfs, "pwrite64");
  real_write = vfs->xGetSystemCall (vfs, "write");
  g_assert_nonnull (real_pwrite64);
  g_assert_nonnull (real_write);
  g_assert_cmpint (vfs->xSetSystemCall (vfs, "pwrite64", (sqlite3_syscall_ptr) counting_pwrite64), ==, SQLITE_OK);
  g_assert_cmpint (vfs->xSetSystemCall (vfs, "write", (sqlite3_syscall_ptr) counting_write), ==, SQLITE_OK);
}

typedef struct
{
  guint writes;
  guint steps;
} Counts;

/* Opens @path in a child that dies at the given write or step (0: never).
 * Returns whether it was killed; @counts (if not NULL) gets how many writes
 * and steps a child that was not killed saw. */
static gboolean
run_child (const char *path,
           guint       at_write,
           guint       at_step,
           Counts     *counts)
{
  int fds[2];
  pid_t pid;
  int status = 0;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpStore) store = NULL;
      Counts seen;

      close (fds[0]);
      kill_at_write = at_write;
      kill_at_step = at_step;
      install_write_counter ();
      sqlite3_auto_extension ((void (*) (void)) install_progress_handler);
      store = mp_store_open (path, &error);
      if (store == NULL)
        {
          g_printerr ("child: %s\n", error->message);
          _exit (2);
        }
      g_clear_object (&store);
      seen.writes = n_writes;
      seen.steps = n_steps;
      if (write (fds[1], &seen, sizeof seen) != sizeof seen)
        _exit (3);
      _exit (0);
    }

  close (fds[1]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      close (fds[0]);
      return TRUE;
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  if (counts != NULL)
    g_assert_cmpint (read (fds[0], counts, sizeof *counts), ==, sizeof *counts);
  close (fds[0]);
  return FALSE;
}

/* ---- fixture ----------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  guint n_audit = 0;

  /* A process killed keeps what it wrote whatever the file system, so the
   * many runs may use memory (no fsync to wait for) where there is some. */
  if (g_access ("/dev/shm", W_OK) == 0)
    fixture->dir = g_mkdtemp (g_strdup ("/dev/shm/meldpunt-migrate-XXXXXX"));
  else
    fixture->dir = g_dir_make_tmp ("meldpunt-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->dir);
  fixture->template = g_build_filename (fixture->dir, "template.db", NULL);

  _mp_store_set_test_migrations (NULL, 0);
  store = mp_store_open (fixture->template, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", PASSPHRASE, &error));
  mp_case_set_text (draft, "title", "Migrated case");
  mp_case_set_text (draft, "description", "Must survive every crash");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  fixture->reference = g_strdup (mp_case_get_reference (kase));
  g_assert_true (mp_store_verify_audit (store, &n_audit, NULL, NULL, &error));
  fixture->n_audit = n_audit;
  g_clear_object (&store);

  /* The file alone (no WAL) is the desk at version FIRST. */
  {
    sqlite3 *db = open_raw (fixture->template);

    g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, FIRST);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
    fixture->schema[FIRST] = schema_of (db);
    sqlite3_close (db);
  }

  /* The schema of each later version, from an uninterrupted migration. */
  for (int n = 1; n <= LAST - FIRST; n++)
    {
      g_autofree char *name = g_strdup_printf ("reference-%d", n);
      g_autofree char *path = fresh_copy (fixture, name);
      sqlite3 *db;

      _mp_store_set_test_migrations (extra_migrations, n);
      store = mp_store_open (path, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      db = open_raw (path);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, FIRST + n);
      fixture->schema[FIRST + n] = schema_of (db);
      sqlite3_close (db);
      g_assert_cmpstr (fixture->schema[FIRST + n], !=, fixture->schema[FIRST + n - 1]);
    }
  _mp_store_set_test_migrations (extra_migrations, LAST - FIRST);
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

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          remove_dir_contents (path);
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (fixture->dir);
  _mp_store_set_test_migrations (NULL, 0);
  for (int v = 0; v <= LAST; v++)
    g_free (fixture->schema[v]);
  g_free (fixture->reference);
  g_free (fixture->template);
  g_free (fixture->dir);
}

/* ---- tests ------------------------------------------------------------------- */

/* The backup made before migrating is deleted once the migrated desk is
 * verified: it would keep whatever is erased later. */
static void
test_backup_before_migration (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = fresh_copy (fixture, "backup");
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, FIRST);

  g_assert_false (run_child (path, 0, 0, NULL));
  g_assert_cmpint (assert_consistent (fixture, path), ==, LAST);

  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (assert_backups_sound (fixture, path), ==, 0);
}

/* A migration that fails keeps its backup: sound, of the version the file
 * had, a desk the application of that version opens and unlocks. The next
 * open that finishes the migration deletes it. */
static void
assert_backup_kept (Fixture    *fixture,
                    const char *path)
{
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", path, FIRST);
  g_autofree char *copy = g_strconcat (path, ".copy-of-backup", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  MpCase *kase;

  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (assert_backups_sound (fixture, path), ==, 1);

  g_assert_true (g_file_get_contents (backup, &contents, &length, &error));
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  _mp_store_set_test_migrations (NULL, 0);
  store = mp_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  kase = mp_store_find_case (store, fixture->reference);
  g_assert_nonnull (kase);
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Migrated case");
  g_clear_object (&store);
  _mp_store_set_test_migrations (extra_migrations, LAST - FIRST);
}

static void
test_failing_step (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const failing[] = {
    NULL,  /* extra_migrations[0] */
    "CREATE TABLE test_half (x INTEGER);"
    "INSERT INTO test_half VALUES (1);"
    "INSERT INTO no_such_table VALUES (1);",
  };
  const char *steps[G_N_ELEMENTS (failing)];
  g_autofree char *path = fresh_copy (fixture, "failing");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;

  memcpy (steps, failing, sizeof failing);
  steps[0] = extra_migrations[0];
  _mp_store_set_test_migrations (steps, G_N_ELEMENTS (steps));
  store = mp_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  _mp_store_set_test_migrations (extra_migrations, LAST - FIRST);

  /* The step before it stays; nothing of the failed one. */
  g_assert_cmpint (assert_consistent (fixture, path), ==, FIRST + 1);
  assert_backup_kept (fixture, path);
  assert_opens_whole (fixture, path);
  g_assert_cmpuint (assert_backups_sound (fixture, path), ==, 0);
}

/* Kill points: the first @n_edge and last @n_edge of 1 … @total, and
 * @n_spread evenly between them. */
static GArray *
kill_points (guint total,
             guint n_edge,
             guint n_spread)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 1; k <= total; k++)
    {
      gboolean edge = k <= n_edge || k + n_edge > total;
      gboolean spread = n_spread > 0 && (k % MAX (1, total / n_spread)) == 0;

      if (edge || spread)
        g_array_append_val (points, k);
    }
  return points;
}

static void
crash_at (Fixture  *fixture,
          gboolean  by_write)
{
  g_autofree char *path = fresh_copy (fixture, "count");
  g_autoptr(GArray) points = NULL;
  guint seen[LAST + 1] = { 0 };
  Counts counts = { 0, 0 };

  /* How many writes and steps a whole open takes. */
  g_assert_false (run_child (path, 0, 0, &counts));
  g_assert_cmpint (assert_consistent (fixture, path), ==, LAST);
  g_test_message ("an uninterrupted open: %u writes, %u progress steps", counts.writes, counts.steps);
  g_assert_cmpuint (counts.writes, >, 20);
  g_assert_cmpuint (counts.steps, >, 20);

  points = by_write ? kill_points (counts.writes, 6, 30) : kill_points (counts.steps, 2, 20);
  for (guint i = 0; i < points->len; i++)
    {
      guint k = g_array_index (points, guint, i);
      g_autofree char *name = g_strdup_printf ("crash-%u", k);
      g_autofree char *copy = fresh_copy (fixture, name);
      int version;

      if (!run_child (copy, by_write ? k : 0, by_write ? 0 : k, NULL))
        {
          /* Only the very end may differ by a write between two runs. */
          g_assert_cmpuint (k + 2, >=, by_write ? counts.writes : counts.steps);
          continue;
        }
      version = assert_consistent (fixture, copy);
      seen[version]++;
      assert_backups_sound (fixture, copy);
      assert_opens_whole (fixture, copy);
      {
        g_autofree char *dir = g_path_get_dirname (copy);

        remove_dir_contents (dir);
        g_rmdir (dir);
      }
    }

  for (int v = FIRST; v <= LAST; v++)
    g_test_message ("killed at version %d: %u times", v, seen[v]);
  /* The kill points cover the whole migration: each version was seen (by
   * steps, the work after the last commit may be too short for a kill). */
  for (int v = FIRST; v <= (by_write ? LAST : LAST - 1); v++)
    g_assert_cmpuint (seen[v], >, 0);
}

static void
test_crash_at_write (Fixture       *fixture,
                     gconstpointer  data)
{
  crash_at (fixture, TRUE);
}

static void
test_crash_at_step (Fixture       *fixture,
                    gconstpointer  data)
{
  crash_at (fixture, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/migrate/backup-before-migration", test_backup_before_migration);
  ADD ("/store/migrate/failing-step", test_failing_step);
  ADD ("/store/migrate/crash-at-write", test_crash_at_write);
  ADD ("/store/migrate/crash-at-step", test_crash_at_step);
#undef ADD

  return g_test_run ();
}
