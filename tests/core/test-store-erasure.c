/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Erasure that reaches the copies Meldpunt makes: restoring a backup made
 * before an erase does not bring the erased case back, and the backups made
 * before an erase are named as still holding its data.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store.h"
#include "mp-store-private.h"

#define PASSPHRASE "kaasschaaf in de la"
#define MARKER "ERASED-MARKER-41c9"

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

  fixture->dir = g_dir_make_tmp ("meldpunt-erasure-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (fixture->store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static MpCase *
add_closed_case (MpStore    *store,
                 const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "description", MARKER);
  mp_case_set_text (draft, "reporter_email", "erased-41c9@example.org");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "close.closed_on", "2026-11-22", NULL, &error));
  g_assert_no_error (error);
  return kase;
}

static gboolean
file_contains (const char *path,
               GBytes     *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return memmem (contents, length, g_bytes_get_data (needle, NULL), g_bytes_get_size (needle)) != NULL;
}

/* The wrapped case key and the sealed description of case @reference in the
 * file at @path, as they are stored (empty when erased). */
static GBytes *
stored_secret (const char *path,
               const char *reference,
               const char *what)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases LEFT JOIN case_keys"
                                          " ON case_keys.id = cases.key_id"
                                          " WHERE reference = ?", what);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

/* The case @reference in the desk at @path, unlocked with the passphrase. */
static MpCase *
find_in (const char *path,
         const char *reference,
         MpStore   **store_out)
{
  g_autoptr(GError) error = NULL;
  MpStore *store = mp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  *store_out = store;
  return mp_store_find_case (store, reference);
}

static void
test_restore_keeps_erased (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "before-erase.db", NULL);
  g_autofree char *later = g_build_filename (fixture->dir, "after-erase.db", NULL);
  g_autofree char *reference = NULL;
  g_autofree char *kept_reference = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GPtrArray) holding = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) restored = NULL;
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(MpCase) kept = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) sealed = NULL;
  MpCase *found;

  kase = add_closed_case (fixture->store, "Erased after the backup");
  kept = add_closed_case (fixture->store, "Never erased");
  reference = g_strdup (mp_case_get_reference (kase));
  kept_reference = g_strdup (mp_case_get_reference (kept));
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  wrapped = stored_secret (backup, reference, "case_keys.wrapped");
  sealed = stored_secret (backup, reference, "cases.record");
  g_assert_cmpuint (g_bytes_get_size (wrapped), >, 16);
  g_assert_cmpuint (g_bytes_get_size (sealed), >, 16);
  g_assert_true (file_contains (backup, wrapped));
  g_assert_true (file_contains (backup, sealed));

  /* Before an erase, no backup holds erased data. */
  holding = mp_store_list_backups (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holding->len, ==, 0);
  g_clear_pointer (&holding, g_ptr_array_unref);

  g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_backup (fixture->store, later, &error));
  g_assert_no_error (error);

  /* The backup made before the erase is named; the one after it is not. */
  holding = mp_store_list_backups (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holding->len, ==, 1);
  g_assert_cmpstr (((MpBackupInfo *) g_ptr_array_index (holding, 0))->path, ==, backup);
  g_clear_pointer (&holding, g_ptr_array_unref);
  holding = mp_store_list_backups (fixture->store, FALSE, &error);
  g_assert_cmpuint (holding->len, ==, 2);
  g_clear_pointer (&holding, g_ptr_array_unref);

  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  aside = mp_store_restore (backup, fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);

  /* The erased case is erased in the restored desk too, key and all, and
   * not a byte of it is left in the file; the other case is whole. */
  g_assert_false (file_contains (fixture->path, wrapped));
  g_assert_false (file_contains (fixture->path, sealed));
  found = find_in (fixture->path, reference, &restored);
  g_assert_nonnull (found);
  g_assert_true (mp_case_is_erased (found));
  g_assert_null (mp_case_get_text (found, "description"));
  g_assert_null (mp_case_get_text (found, "reporter_email"));
  g_assert_null (mp_store_get_case_damage (restored, found));
  /* Nothing is left to read of it, and reading it is no error. */
  g_assert_null (mp_case_get_answer_value (found, "close.closed_on"));
  {
    g_autoptr(GListModel) events = mp_store_list_events (restored, found, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (events), ==, 0);
  }
  found = mp_store_find_case (restored, kept_reference);
  g_assert_nonnull (found);
  g_assert_false (mp_case_is_erased (found));
  g_assert_cmpstr (mp_case_get_text (found, "description"), ==, MARKER);

  /* The ledger went with it: the restored desk still names the backup as
   * holding erased data, and restoring it again changes nothing. */
  holding = mp_store_list_backups (restored, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holding->len, >=, 1);
  g_assert_cmpstr (((MpBackupInfo *) g_ptr_array_index (holding, 0))->path, ==, backup);

  /* Delete it, as the warning offers: the file goes and is forgotten. */
  g_assert_true (mp_store_delete_backup (restored, backup, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_pointer (&holding, g_ptr_array_unref);
  holding = mp_store_list_backups (restored, TRUE, &error);
  for (guint i = 0; i < holding->len; i++)
    g_assert_cmpstr (((MpBackupInfo *) g_ptr_array_index (holding, i))->path, !=, backup);
  g_assert_false (mp_store_delete_backup (restored, backup, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND);
}

/* A backup from before the erasure ledger existed (a desk of schema 4,
 * tests/data/desk-v4.sql, before everything was sealed) is brought up to
 * date and then has the erase done too. */
static void
test_restore_older_backup (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *dump_path = g_test_build_filename (G_TEST_DIST, "data", "desk-v4.sql", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "old.db", NULL);
  g_autofree char *dump = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) restored = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  const char *reference = "CVD-2026-0001";
  MpCase *kase;
  sqlite3 *db = NULL;

  /* The live desk and its backup: both the old desk as it was. */
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  g_unlink (fixture->path);
  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, &error));
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  wrapped = stored_secret (backup, reference, "case_keys.wrapped");
  g_assert_cmpuint (g_bytes_get_size (wrapped), >, 16);
  g_assert_true (file_contains (backup, wrapped));

  /* The live desk is upgraded at unlock; the case is closed and erased. */
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (fixture->store, "legacy passphrase", &error));
  g_assert_no_error (error);
  kase = mp_store_find_case (fixture->store, reference);
  g_assert_nonnull (kase);
  g_assert_false (mp_case_is_erased (kase));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "close.closed_on", "2026-11-22", NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  aside = mp_store_restore (backup, fixture->path, &error);
  g_assert_no_error (error);

  /* Not a byte of the old key is left, and the case is erased when the
   * restored desk is opened; the other cases are as they were. */
  g_assert_false (file_contains (fixture->path, wrapped));
  restored = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  mp_store_unlock (restored, "legacy passphrase", &error);
  g_assert_no_error (error);
  kase = mp_store_find_case (restored, reference);
  g_assert_nonnull (kase);
  g_assert_true (mp_case_is_erased (kase));
  g_assert_null (mp_store_get_case_damage (restored, kase));
  g_assert_cmpstr (mp_case_get_status (kase), ==, "closed");
  g_assert_null (mp_case_get_description (kase));
  kase = mp_store_find_case (restored, "CVD-2026-0003");
  g_assert_nonnull (kase);
  g_assert_false (mp_case_is_erased (kase));
  g_assert_null (mp_store_get_case_damage (restored, kase));
}

/* A path planted in the desk's list of backups by someone who could write
 * the file is neither offered nor deleted unless it is a desk's copy. */
static void
test_planted_backup_not_deleted (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *planted = g_build_filename (fixture->dir, "thesis.odt", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) holding = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (planted, "a file of the user's own", -1, &error));
  sql = sqlite3_mprintf ("INSERT INTO backups (path, made_at, last_erasure) VALUES (%Q, 1, 0)",
                         planted);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  sqlite3_free (g_steal_pointer (&sql));

  kase = add_closed_case (fixture->store, "Erased");
  g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_no_error (error);
  holding = mp_store_list_backups (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holding->len, ==, 0);
  g_assert_false (mp_store_delete_backup (fixture->store, planted, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_A_DATABASE);
  g_assert_true (g_file_test (planted, G_FILE_TEST_IS_REGULAR));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MELDPUNT_TEST_CHEAP_KDF", "1", TRUE);

  g_test_add ("/store/erasure/restore-keeps-erased", Fixture, NULL, fixture_set_up,
              test_restore_keeps_erased, fixture_tear_down);
  g_test_add ("/store/erasure/restore-older-backup", Fixture, NULL, fixture_set_up,
              test_restore_older_backup, fixture_tear_down);
  g_test_add ("/store/erasure/planted-backup-not-deleted", Fixture, NULL, fixture_set_up,
              test_planted_backup_not_deleted, fixture_tear_down);

  return g_test_run ();
}
