/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Sealed by default and integrity per case (issue 18): the attacks on a
 * stolen or planted desk file, each detected or harmless, and a desk of
 * the previous schema sealed at its first unlock.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store.h"

#define PASSPHRASE "tulpen in de lente"

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

  fixture->dir = g_dir_make_tmp ("meldpunt-seal-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
  if (data != NULL)
    return;
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (fixture->store, "Seal Desk", PASSPHRASE, &error));
  g_assert_no_error (error);
  mp_store_set_actor (fixture->store, "Test Handler");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Changes the closed desk file as an attacker with write access would. */
static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static gint64
query_int (const char *path,
           const char *statement)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, statement, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
close_store (Fixture *fixture)
{
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;
}

/* Opens and unlocks the desk again: unlock succeeds whatever was done to
 * a case's rows. */
static void
reopen (Fixture    *fixture,
        const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  if (fixture->store != NULL)
    close_store (fixture);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (fixture->store, passphrase, &error));
  g_assert_no_error (error);
  mp_store_set_actor (fixture->store, "Test Handler");
}

static MpCase *
add_case (MpStore    *store,
          const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "description", "Something is wrong");
  g_assert_true (mp_case_set_value_string (draft, "received_at", "2026-11-20T09:15:00Z", &error));
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  return kase;
}

static MpCase *
find (Fixture    *fixture,
      const char *reference)
{
  MpCase *kase = mp_store_find_case (fixture->store, reference);

  g_assert_nonnull (kase);
  return kase;
}

/* The case reads as damaged, names itself and refuses writes; the other
 * case is sound and takes a write. */
static void
assert_only_damaged (Fixture    *fixture,
                     const char *damaged,
                     const char *sound)
{
  g_autoptr(GError) error = NULL;
  MpCase *bad = find (fixture, damaged);
  MpCase *good = find (fixture, sound);
  const char *why;

  /* Reading its rows (the answers, the timeline) checks them. */
  mp_case_get_answer (bad, "scope.asset_owner");
  g_assert_null (mp_store_list_events (fixture->store, bad, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  why = mp_store_get_case_damage (fixture->store, bad);
  g_assert_nonnull (why);
  g_assert_nonnull (strstr (why, damaged));

  g_assert_false (mp_store_update_case (fixture->store, bad, "title", "Overwritten", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_false (mp_store_set_answer (fixture->store, bad, "scope.asset_owner", "ours", NULL, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_false (mp_store_add_event (fixture->store, bad, "note", "A note", NULL, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  g_assert_null (mp_store_get_case_damage (fixture->store, good));
  g_assert_true (mp_store_update_case (fixture->store, good, "title", "Still writable", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_add_event (fixture->store, good, "note", "A note", NULL, &error));
  g_assert_no_error (error);
}

/* Two cases, each with an answer with a note and an event. */
static void
fill (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  const char *titles[] = { "First", "Second" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(MpCase) kase = add_case (fixture->store, titles[i]);

      g_assert_true (mp_store_set_answer (fixture->store, kase, "scope.asset_owner", "ours",
                                          "checked the asset list", &error));
      g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.owner", "Team web",
                                          NULL, &error));
      g_assert_true (mp_store_add_event (fixture->store, kase, "letter", "Acknowledgement sent",
                                         "Dear reporter", &error));
      g_assert_no_error (error);
    }
}

/* An older ciphertext of the same cell put back: with its own version
 * (the MAC covers the versions) or with the current one (the associated
 * data binds the version). */
static void
test_replay (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fill (fixture);
  close_store (fixture);
  /* The record as it is now, kept aside by the attacker. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GBytes) old_record = NULL;
    gint64 old_version;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT record, version FROM cases WHERE reference ="
                                             " 'CVD-2026-0001'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    old_record = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    old_version = sqlite3_column_int64 (stmt, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);

    /* The desk goes on: the case's title changes. */
    reopen (fixture, PASSPHRASE);
    g_assert_true (mp_store_update_case (fixture->store, find (fixture, "CVD-2026-0001"), "title",
                                         "First, renamed", &error));
    g_assert_no_error (error);
    close_store (fixture);
    g_assert_cmpint (query_int (fixture->path, "SELECT version FROM cases WHERE id = 1"), >, old_version);

    /* The old record put back under the current version: refused. */
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE cases SET record = ? WHERE id = 1", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (old_record, NULL), (int) g_bytes_get_size (old_record),
                       SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    reopen (fixture, PASSPHRASE);
    g_assert_nonnull (mp_store_get_case_damage (fixture->store, find (fixture, "CVD-2026-0001")));
    g_assert_null (mp_case_get_title (find (fixture, "CVD-2026-0001")));
    assert_only_damaged (fixture, "CVD-2026-0001", "CVD-2026-0002");
    close_store (fixture);

    /* And with its old version too: the record opens, the MAC does not. */
    sql (fixture->path, "UPDATE cases SET version = version - 1 WHERE id = 1");
    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE cases SET record = ?, version = ? WHERE id = 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (old_record, NULL), (int) g_bytes_get_size (old_record),
                       SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, old_version);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    reopen (fixture, PASSPHRASE);
    /* The old title would show, but reading the case's rows finds it out. */
    assert_only_damaged (fixture, "CVD-2026-0001", "CVD-2026-0002");
  }
}

/* An answer row's older ciphertext with its older version. */
static void
test_replay_row (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fill (fixture);
  sql (fixture->path, "CREATE TABLE keep AS SELECT id, version, sealed FROM answers"
                      " WHERE case_id = 1;");
  g_assert_true (mp_store_set_answer (fixture->store, find (fixture, "CVD-2026-0001"),
                                      "scope.asset_owner", "third-party", "changed our mind", &error));
  g_assert_no_error (error);
  close_store (fixture);
  sql (fixture->path, "UPDATE answers SET (version, sealed) = (SELECT version, sealed FROM keep"
                      " WHERE keep.id = answers.id) WHERE id IN (SELECT id FROM keep);"
                      "DROP TABLE keep;");
  reopen (fixture, PASSPHRASE);
  assert_only_damaged (fixture, "CVD-2026-0001", "CVD-2026-0002");
}

/* A sealed cell set to NULL. */
static void
test_null_cell (Fixture       *fixture,
                gconstpointer  data)
{
  fill (fixture);
  close_store (fixture);
  sql (fixture->path, "UPDATE events SET sealed = NULL WHERE case_id = 2");
  reopen (fixture, PASSPHRASE);
  assert_only_damaged (fixture, "CVD-2026-0002", "CVD-2026-0001");
  close_store (fixture);

  /* The other case's MAC set to NULL. */
  sql (fixture->path, "UPDATE cases SET mac = NULL WHERE id = 1");
  reopen (fixture, PASSPHRASE);
  {
    g_autoptr(GError) error = NULL;
    MpCase *kase = find (fixture, "CVD-2026-0001");

    g_assert_null (mp_store_list_attachments (fixture->store, kase, &error));
    g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED);
    g_assert_nonnull (mp_store_get_case_damage (fixture->store, kase));
  }
}

/* A row of a case deleted. */
static void
test_deleted_row (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;

  fill (fixture);
  close_store (fixture);
  sql (fixture->path, "DELETE FROM answers WHERE id = (SELECT min(id) FROM answers WHERE case_id = 1)");
  reopen (fixture, PASSPHRASE);
  assert_only_damaged (fixture, "CVD-2026-0001", "CVD-2026-0002");

  /* The sound case's timeline reads as it was written. */
  events = mp_store_list_events (fixture->store, find (fixture, "CVD-2026-0002"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
}

/* A flipped bit in one case's record: unlock succeeds, that case alone is
 * damaged, named by its reference and read-only. */
static void
test_flipped_record (Fixture       *fixture,
                     gconstpointer  data)
{
  MpCase *bad;

  fill (fixture);
  close_store (fixture);
  sql (fixture->path, "UPDATE cases SET record = substr (record, 1, 40)"
                      " || CASE WHEN substr (record, 41, 1) = x'00' THEN x'01' ELSE x'00' END"
                      " || substr (record, 42) WHERE id = 2");
  reopen (fixture, PASSPHRASE);
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 2);
  bad = find (fixture, "CVD-2026-0002");
  g_assert_nonnull (mp_store_get_case_damage (fixture->store, bad));
  g_assert_null (mp_case_get_title (bad));
  g_assert_cmpstr (mp_case_get_title (find (fixture, "CVD-2026-0001")), ==, "First");
  assert_only_damaged (fixture, "CVD-2026-0002", "CVD-2026-0001");
}

/* A damaged answer (its note): the case is damaged, says so, keeps every
 * answer that opened and is never derived again from what is left. */
static void
test_damaged_answer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  MpCase *bad;

  fill (fixture);
  status = g_strdup (mp_case_get_status (find (fixture, "CVD-2026-0001")));
  close_store (fixture);
  sql (fixture->path, "UPDATE answers SET sealed = substr (sealed, 1, 30)"
                      " || CASE WHEN substr (sealed, 31, 1) = x'00' THEN x'01' ELSE x'00' END"
                      " || substr (sealed, 32)"
                      " WHERE id = (SELECT min(id) FROM answers WHERE case_id = 1)");
  reopen (fixture, PASSPHRASE);
  bad = find (fixture, "CVD-2026-0001");
  /* Reading its answers finds it out: not silently one answer fewer. */
  g_assert_null (mp_case_get_answer_value (bad, "scope.asset_owner"));
  g_assert_nonnull (mp_store_get_case_damage (fixture->store, bad));
  g_assert_cmpstr (mp_case_get_answer_value (bad, "assess.owner"), ==, "Team web");
  assert_only_damaged (fixture, "CVD-2026-0001", "CVD-2026-0002");

  /* Deriving every case again (as a new version of the rules does at
   * unlock) leaves the damaged case as it was stored. */
  g_assert_true (mp_store_refresh_derived (fixture->store, &error));
  g_assert_no_error (error);
  reopen (fixture, PASSPHRASE);
  g_assert_cmpstr (mp_case_get_status (find (fixture, "CVD-2026-0001")), ==, status);
}

static gboolean
file_holds (const char *path,
            const char *marker)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, marker, strlen (marker)) != NULL;
}

/* Every file in @dir: none holds any of @markers. */
static void
assert_no_marker (const char         *dir,
                  const char * const *markers,
                  const char         *when)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      for (guint i = 0; markers[i] != NULL; i++)
        if (file_holds (path, markers[i]))
          g_error ("%s: %s holds “%s”", when, name, markers[i]);
    }
}

/* Through the store's API, what the window does: every field, answers
 * with notes, a sent letter and a note on the timeline, an attachment, a
 * backup; before and after an erase no marker is in any file. */
static void
test_markers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) markers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(MpCase) other = NULL;
  g_autoptr(MpAttachment) attachment = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  const char *texts[] = { "title", "asset", "reporter_name", "reporter_email", "description",
                          "impact", "reproduction", "notes" };
  const char *answers[] = { "assess.impact_notes", "assess.owner", "credit.name",
                            "disclose.reporter_plans", "reward.voucher_code" };
#define MARK() (g_ptr_array_add (markers, g_strdup_printf ("Mk%08x%08x%08x", g_random_int (), \
                                                           g_random_int (), g_random_int ())), \
                (const char *) g_ptr_array_index (markers, markers->len - 1))

  kase = add_case (fixture->store, "placeholder");
  other = add_case (fixture->store, "placeholder too");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *mark = MARK ();
      g_autofree char *value = g_str_equal (texts[i], "reporter_email")
                                 ? g_strdup_printf ("%s@example.org", mark)
                               : g_str_equal (texts[i], "asset")
                                 ? g_strdup_printf ("https://%s.example.nl/login", mark)
                                 : g_strdup_printf ("%s %s", texts[i], mark);

      g_assert_true (mp_store_update_case (fixture->store, kase, texts[i], value, &error));
      g_assert_no_error (error);
    }
  g_assert_true (mp_store_update_case (fixture->store, other, "title", MARK (), &error));
  g_assert_true (mp_store_update_case (fixture->store, other, "reporter_name", MARK (), &error));
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autofree char *value = g_strdup (MARK ());

      g_assert_true (mp_store_set_answer (fixture->store, kase, answers[i], value, MARK (), &error));
      g_assert_no_error (error);
    }
  g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.cvss",
                                      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MARK (), &error));
  g_assert_true (mp_store_add_event (fixture->store, kase, "letter", MARK (), MARK (), &error));
  g_assert_true (mp_store_add_event (fixture->store, other, "note", MARK (), MARK (), &error));
  g_assert_no_error (error);
  content = g_bytes_new_static ("proof MkContent5e1f0c9d2b7a4e68", 30);
  g_ptr_array_add (markers, g_strdup ("MkContent5e1f0c9d2b7a4e68"));
  attachment = mp_store_add_attachment (fixture->store, other, MARK (), "text/x-mk-type", content, &error);
  g_assert_no_error (error);
  g_ptr_array_add (markers, g_strdup ("text/x-mk-type"));
  g_ptr_array_add (markers, g_strdup ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_ptr_array_add (markers, NULL);
  assert_no_marker (fixture->dir, (const char * const *) markers->pdata, "filled");

  g_assert_true (mp_store_set_answer (fixture->store, other, "close.closed_on", "2026-11-22", NULL, &error));
  g_assert_true (mp_store_erase_case (fixture->store, other, &error));
  g_assert_no_error (error);
  assert_no_marker (fixture->dir, (const char * const *) markers->pdata, "erased");
  close_store (fixture);
  assert_no_marker (fixture->dir, (const char * const *) markers->pdata, "closed");

  /* What stays of the erased case is still there, sealed. */
  reopen (fixture, PASSPHRASE);
  g_assert_true (mp_case_is_erased (find (fixture, "CVD-2026-0002")));
  g_assert_null (mp_store_get_case_damage (fixture->store, find (fixture, "CVD-2026-0002")));
  g_assert_cmpstr (mp_case_get_title (find (fixture, "CVD-2026-0002")), ==, g_ptr_array_index (markers, 8));
  g_assert_null (mp_case_get_reporter_name (find (fixture, "CVD-2026-0002")));
#undef MARK
}

/* A desk of schema version 4 (tests/data/desk-v4.sql): migrated at open,
 * sealed at its first unlock, every field still there, and afterwards no
 * marker in any file of its folder (the migration's backup removed). */
static void
test_upgrade_v4 (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const markers[] = {
    "MkL7a1c9e04b2d6f8a3", "MkL0b3e5d7f9a2c4e61", "MkL3c5e7a9b1d2f4068", "MkL9e8d7c6b5a4f3021",
    "MkL1f2e3d4c5b6a7980", "MkL5a6b7c8d9e0f1a23", "MkL2b4d6f8a0c1e3579", "MkL8a9b0c1d2e3f4a56",
    "MkL6d7e8f9a0b1c2d34", "MkL4e5f6a7b8c9d0e12", "MkL0c1d2e3f4a5b6c78", "MkL7f8e9d0c1b2a3e45",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Password reset link leaks the account id",
  };
  g_autofree char *dump_path = g_test_build_filename (G_TEST_DIST, "data", "desk-v4.sql", NULL);
  g_autofree char *dump = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) attachments = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  MpCase *kase;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (dump_path, &dump, NULL, &error));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, dump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (file_holds (fixture->path, markers[0]));

  reopen (fixture, "legacy passphrase");
  g_assert_cmpint (query_int (fixture->path, "PRAGMA user_version"), ==, MP_STORE_SCHEMA_VERSION);

  kase = find (fixture, "CVD-2026-0001");
  g_assert_null (mp_store_get_case_damage (fixture->store, kase));
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Legacy title MkL7a1c9e04b2d6f8a3");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "https://MkL0b3e5d7f9a2c4e61.example.nl/");
  g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, "MkL3c5e7a9b1d2f4068");
  g_assert_cmpstr (mp_case_get_description (kase), ==, "MkL1f2e3d4c5b6a7980");
  g_assert_cmpstr (mp_case_get_severity (kase), ==, "critical");
  g_assert_cmpint (mp_case_get_next_due (kase), !=, 0);
  g_assert_cmpstr (mp_case_get_answer (kase, "assess.cvss")->note, ==, "MkL4e5f6a7b8c9d0e12");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "credit.name"), ==, "MkL0c1d2e3f4a5b6c78");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "reward.voucher_code"), ==, "MkL7f8e9d0c1b2a3e45");
  {
    g_autoptr(GListModel) deadlines = mp_store_list_deadlines (fixture->store, kase, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (deadlines), >, 0);
  }

  kase = find (fixture, "CVD-2026-0002");
  g_assert_null (mp_store_get_case_damage (fixture->store, kase));
  g_assert_true (mp_case_is_erased (kase));
  g_assert_cmpstr (mp_case_get_status (kase), ==, "closed");
  g_assert_cmpstr (mp_case_get_title (kase), ==, "To erase MkL2b4d6f8a0c1e3579");
  g_assert_null (mp_case_get_description (kase));

  kase = find (fixture, "CVD-2026-0003");
  attachments = mp_store_list_attachments (fixture->store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), >, 0);
  {
    g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, 0);
    g_autoptr(GBytes) content = mp_store_read_attachment (fixture->store, attachment, &error);

    g_assert_no_error (error);
    g_assert_nonnull (mp_attachment_get_name (attachment));
    g_assert_cmpuint (g_bytes_get_size (content), ==, mp_attachment_get_size (attachment));
  }
  /* Still writable. */
  g_assert_true (mp_store_update_case (fixture->store, kase, "title", "Renamed", &error));
  g_assert_no_error (error);

  /* While the desk is open (its -wal, -shm) and after it closed. */
  for (guint round = 0; round < 2; round++)
    {
      if (round == 1)
        close_store (fixture);
      dir = g_dir_open (fixture->dir, 0, &error);
      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

          g_assert_false (g_str_has_suffix (name, ".bak"));
          for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
            if (file_holds (path, markers[i]))
              g_error ("%s holds “%s” after the upgrade", name, markers[i]);
        }
      g_clear_pointer (&dir, g_dir_close);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/seal/markers", Fixture, NULL, fixture_set_up, test_markers, fixture_tear_down);
  g_test_add ("/store/seal/replay-record", Fixture, NULL, fixture_set_up, test_replay, fixture_tear_down);
  g_test_add ("/store/seal/replay-row", Fixture, NULL, fixture_set_up, test_replay_row, fixture_tear_down);
  g_test_add ("/store/seal/null-cell", Fixture, NULL, fixture_set_up, test_null_cell, fixture_tear_down);
  g_test_add ("/store/seal/deleted-row", Fixture, NULL, fixture_set_up, test_deleted_row, fixture_tear_down);
  g_test_add ("/store/seal/flipped-record", Fixture, NULL, fixture_set_up, test_flipped_record,
              fixture_tear_down);
  g_test_add ("/store/seal/damaged-answer", Fixture, NULL, fixture_set_up, test_damaged_answer,
              fixture_tear_down);
  g_test_add ("/store/seal/upgrade-v4", Fixture, "legacy", fixture_set_up, test_upgrade_v4,
              fixture_tear_down);

  return g_test_run ();
}
