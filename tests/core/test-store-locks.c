/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Two processes on one desk, while other code in one of them opens and
 * closes the desk's files (as GTK's file chooser does when it browses the
 * desk's folder from a GIO thread). On POSIX, closing any descriptor of a
 * file drops every fcntl() lock the process holds on it: without locks that
 * such a close cannot release, the other process takes itself for the last
 * one, checkpoints and deletes the WAL the first is still writing into, and
 * writes are lost or numbered twice.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-store.h"
#include "mp-store-private.h"

#define PASSPHRASE "tulpen in de lente"
#define PATH_VARIABLE "MELDPUNT_TEST_LOCKS_DESK"

typedef struct
{
  char    *dir;
  char    *path;
  MpStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-locks-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (fixture->store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
add_case (MpStore    *store,
          const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_case_set_value_string (draft, "title", title, &error));
  g_assert_true (mp_case_set_value_string (draft, "description", "Found while testing.", &error));
  g_assert_true (mp_case_set_value_string (draft, "received_at", "2026-11-20T09:15:00+01:00",
                                           &error));
  g_assert_no_error (error);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return g_strdup (mp_case_get_reference (kase));
}

/* What GIO does to a file it looks at: open it, read a little, close it. */
static void
touch_like_a_file_chooser (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      char buffer[64];
      int fd = g_open (name, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0)
        {
          g_assert_cmpint (errno, ==, ENOENT);
          continue;
        }
      g_assert_cmpint (read (fd, buffer, sizeof buffer), >=, 0);
      g_assert_no_errno (close (fd));
    }
}

/* The other process: open the desk, add one case, close it again. */
static void
other_process_adds_a_case (void)
{
  const char *path = g_getenv (PATH_VARIABLE);
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("the other process of /store/locks/stray-close");
      return;
    }
  g_assert_nonnull (path);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  reference = add_case (store, g_getenv ("MELDPUNT_TEST_LOCKS_TITLE"));
  g_print ("%s\n", reference);
}

static void
run_other_process (Fixture    *fixture,
                   const char *title)
{
  g_setenv (PATH_VARIABLE, fixture->path, TRUE);
  g_setenv ("MELDPUNT_TEST_LOCKS_TITLE", title, TRUE);
  g_test_trap_subprocess ("/store/locks/other-process", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("CVD-2026-*");
}

static void
test_stray_close (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *titles[] = { "window one", "cli one", "window two", "cli two", "window three" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *head = NULL;
  guint n_entries = 0;
  gint64 first_bad = 0;
  GListModel *cases;

  g_free (add_case (fixture->store, titles[0]));
  touch_like_a_file_chooser (fixture->path);
  run_other_process (fixture, titles[1]);
  g_free (add_case (fixture->store, titles[2]));
  touch_like_a_file_chooser (fixture->path);
  run_other_process (fixture, titles[3]);
  g_free (add_case (fixture->store, titles[4]));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  /* Every write of both processes is there, each with its own number. */
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
  cases = mp_store_get_cases (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      const char *reference = mp_case_get_reference (kase);

      g_assert_false (g_hash_table_contains (references, reference));
      g_hash_table_add (references, (gpointer) reference);
      g_assert_cmpstr (mp_case_get_text (kase, "title"), ==, titles[i]);
    }
  g_assert_true (mp_store_verify_audit (fixture->store, &n_entries, &head, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, >, G_N_ELEMENTS (titles));
}

/* The desk file deleted or replaced under an open desk: the next write is
 * refused with a clear message instead of going into a file nobody will
 * ever open again. */
static void
test_replaced_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autofree char *aside = g_strconcat (fixture->path, ".moved", NULL);
  g_autofree char *reference = add_case (fixture->store, "before the move");

  g_assert_no_errno (g_rename (fixture->path, aside));
  g_assert_true (g_file_set_contents (fixture->path, "", 0, &error));
  g_assert_no_error (error);

  g_assert_true (mp_case_set_value_string (draft, "title", "after the move", &error));
  g_assert_true (mp_case_set_value_string (draft, "description", "Lost?", &error));
  g_assert_null (mp_store_add_case (fixture->store, draft, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_REPLACED);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_clear_error (&error);

  /* Deleted outright: the same. */
  g_assert_no_errno (g_unlink (fixture->path));
  g_assert_null (mp_store_add_case (fixture->store, draft, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_REPLACED);
}

/* The other process: open the desk, add a case, and die before closing it,
 * leaving the committed case in the WAL only. */
static void
writer_killed (void)
{
  const char *path = g_getenv (PATH_VARIABLE);
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("the other process of /store/locks/restore-after-killed-writer");
      return;
    }
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_free (add_case (store, "written just before the kill"));
  raise (SIGKILL);
}

static guint
count_cases (const char *path,
             const char *title)
{
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *cases;
  guint found = 0;

  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  cases = mp_store_get_cases (store);
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);

      found += g_strcmp0 (mp_case_get_text (kase, "title"), title) == 0;
    }
  return found;
}

/* A writer killed after its commit leaves the commit in the WAL; a restore
 * then keeps it in the copy it puts aside, and the restored desk does not
 * pick up the old WAL. */
static void
test_restore_after_killed_writer (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_free (add_case (fixture->store, "in the backup"));
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  /* A backup copied around with a looser mode. */
  g_assert_no_errno (g_chmod (backup, 0644));

  g_setenv (PATH_VARIABLE, fixture->path, TRUE);
  g_test_trap_subprocess ("/store/locks/writer-killed", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();
  g_assert_no_errno (g_stat (wal, &st));
  g_assert_cmpint (st.st_size, >, 0);

  aside = mp_store_restore (backup, fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_cmpstr (aside, !=, "");
  g_assert_no_errno (g_stat (aside, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_cases (aside, "in the backup"), ==, 1);
  g_assert_cmpuint (count_cases (aside, "written just before the kill"), ==, 1);
  g_assert_cmpuint (count_cases (fixture->path, "in the backup"), ==, 1);
  g_assert_cmpuint (count_cases (fixture->path, "written just before the kill"), ==, 0);
}

/* A desk still open elsewhere is not replaced under its user. */
static void
test_restore_while_open (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(GError) error = NULL;

  g_free (add_case (fixture->store, "in the backup"));
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_free (add_case (fixture->store, "after the backup"));

  g_assert_null (mp_store_restore (backup, fixture->path, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Still the same desk, still writable. */
  g_free (add_case (fixture->store, "after the refused restore"));
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_assert_cmpuint (count_cases (fixture->path, "after the backup"), ==, 1);
  g_assert_cmpuint (count_cases (fixture->path, "after the refused restore"), ==, 1);
}

static int
count_settings (const char *path,
                const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM settings WHERE key = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Another program opens the desk after it was kept aside, before the
 * backup replaces it, and writes. */
static void
write_during_restore (const char *path,
                      gpointer    data)
{
  int *rc = data;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  *rc = sqlite3_exec (db, "BEGIN IMMEDIATE;"
                          "INSERT INTO settings (key, value) VALUES ('test.race', 'written');"
                          "COMMIT;", NULL, NULL, NULL);
  sqlite3_close (db);
}

/* Nothing written between keeping the desk aside and replacing it is
 * lost: such a write waits for the restore and is then refused, or it is
 * in one of the two files. */
static void
test_restore_race (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) late = NULL;
  int rc = -1;

  g_free (add_case (fixture->store, "in the backup"));
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  _mp_store_set_restore_hook (write_during_restore, &rc);
  aside = mp_store_restore (backup, fixture->path, &error);
  _mp_store_set_restore_hook (NULL, NULL);
  g_assert_no_error (error);
  g_assert_nonnull (aside);

  g_test_message ("the write during the restore: SQLite result %d", rc);
  if (rc == SQLITE_OK)
    g_assert_cmpint (count_settings (aside, "test.race") + count_settings (fixture->path, "test.race"),
                     ==, 1);
  else
    g_assert_cmpint (rc & 0xff, ==, SQLITE_BUSY);

  /* No WAL or journal of the old desk is left under the restored one's name. */
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (count_cases (fixture->path, "in the backup"), ==, 1);
  g_assert_cmpuint (count_cases (aside, "in the backup"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MELDPUNT_TEST_CHEAP_KDF", "1", TRUE);

  g_test_add_func ("/store/locks/other-process", other_process_adds_a_case);
  g_test_add ("/store/locks/stray-close", Fixture, NULL, fixture_set_up, test_stray_close,
              fixture_tear_down);
  g_test_add ("/store/locks/replaced-file", Fixture, NULL, fixture_set_up, test_replaced_file,
              fixture_tear_down);
  g_test_add_func ("/store/locks/writer-killed", writer_killed);
  g_test_add ("/store/locks/restore-after-killed-writer", Fixture, NULL, fixture_set_up,
              test_restore_after_killed_writer, fixture_tear_down);
  g_test_add ("/store/locks/restore-while-open", Fixture, NULL, fixture_set_up,
              test_restore_while_open, fixture_tear_down);
  g_test_add ("/store/locks/restore-race", Fixture, NULL, fixture_set_up,
              test_restore_race, fixture_tear_down);
  return g_test_run ();
}
