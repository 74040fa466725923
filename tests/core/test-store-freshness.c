/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Freshness of the whole desk file, and keyed audit fingerprints.
 *
 * A desk file put back from an older copy is a sound file: its audit chain
 * verifies and its head record is sealed. What tells it is older is the
 * record of the newest head this computer has seen of the same desk, kept
 * outside the file: unlock reports it, and mp_store_verify_audit() fails,
 * until the person accepts the file. A restore through Meldpunt is
 * deliberate and is not reported.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

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

  fixture->dir = g_dir_make_tmp ("meldpunt-fresh-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static MpStore *
open_unlocked (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static guint
count_entries (MpStore *store)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (mp_store_verify_audit (store, &n, NULL, NULL, &error));
  g_assert_no_error (error);
  return n;
}

/* A new desk with one case; returns the number of audit entries. */
static guint
make_desk (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (path, &error);
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;

  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", PASSPHRASE, &error));
  g_assert_no_error (error);
  mp_case_set_text (draft, "title", "Fresh");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  return count_entries (store);
}

/* Makes @n more writes to the desk at @path; returns its entries after. */
static guint
write_more (const char *path,
            guint       n)
{
  g_autoptr(MpStore) store = open_unlocked (path);
  MpCase *kase = g_list_model_get_item (mp_store_get_cases (store), 0);
  g_autoptr(GError) error = NULL;
  guint entries;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *impact = g_strdup_printf ("Impact %u", i);

      g_assert_true (mp_store_update_case (store, kase, "impact", impact, &error));
      g_assert_no_error (error);
    }
  g_object_unref (kase);
  entries = count_entries (store);
  g_assert_false (mp_store_get_rollback (store, NULL, NULL));
  return entries;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (to, contents, (gssize) length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
}

/* Puts @copy in place of the closed desk at @path, as another program
 * (cp, a file manager, a sync client) would. */
static void
put_back (const char *copy,
          const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  copy_file (copy, path);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
assert_rolled_back (MpStore *store,
                    guint    seen,
                    guint    found)
{
  g_autoptr(GError) error = NULL;
  guint64 rb_seen = 0, rb_found = 0;
  gint64 bad = 0;

  g_assert_true (mp_store_get_rollback (store, &rb_seen, &rb_found));
  g_assert_cmpuint (rb_seen, ==, seen);
  g_assert_cmpuint (rb_found, ==, found);
  g_assert_false (mp_store_verify_audit (store, NULL, NULL, &bad, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_cmpint (bad, ==, (gint64) found + 1);
}

static void
test_untouched (Fixture       *fixture,
                gconstpointer  data)
{
  guint before = make_desk (fixture->path);
  guint after = write_more (fixture->path, 3);
  g_autoptr(MpStore) store = open_unlocked (fixture->path);
  g_autofree char *desk_id = mp_store_get_setting (store, "audit.desk-id");
  g_autofree char *record = NULL;
  GStatBuf st;

  g_assert_cmpuint (after, ==, before + 3);
  g_assert_false (mp_store_get_rollback (store, NULL, NULL));
  g_assert_cmpuint (count_entries (store), ==, after);

  /* The record outside the file is the user's alone. */
  g_assert_nonnull (desk_id);
  record = g_build_filename (g_get_user_state_dir (), "meldpunt", "desks", desk_id, NULL);
  g_assert_cmpint (g_stat (record, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_whole_file_rolled_back (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  guint before = make_desk (fixture->path);
  guint after;

  copy_file (fixture->path, copy);
  after = write_more (fixture->path, 4);
  g_assert_cmpuint (after, ==, before + 4);
  put_back (copy, fixture->path);

  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    assert_rolled_back (store, after, before);
    /* Still reported after more writes to the older file. */
    {
      MpCase *kase = g_list_model_get_item (mp_store_get_cases (store), 0);

      g_assert_true (mp_store_update_case (store, kase, "impact", "Later", &error));
      g_assert_no_error (error);
      g_object_unref (kase);
    }
    assert_rolled_back (store, after, before);
  }

  /* Reported again at the next unlock (with the one entry since): nothing
   * accepted it. */
  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    assert_rolled_back (store, after, before + 1);
    /* Accepted (a deliberate restore from elsewhere): no longer reported. */
    g_assert_true (mp_store_accept_rollback (store, &error));
    g_assert_no_error (error);
    g_assert_false (mp_store_get_rollback (store, NULL, NULL));
    g_assert_cmpuint (count_entries (store), ==, before + 1);
  }
  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    g_assert_false (mp_store_get_rollback (store, NULL, NULL));
    g_assert_cmpuint (count_entries (store), ==, before + 1);
  }
}

static void
test_restore_not_reported (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  guint before = make_desk (fixture->path);

  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    g_assert_true (mp_store_backup (store, backup, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (write_more (fixture->path, 3), ==, before + 3);

  aside = mp_store_restore (backup, fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    g_assert_false (mp_store_get_rollback (store, NULL, NULL));
    g_assert_cmpuint (count_entries (store), ==, before);
  }
  /* Restored, it is the newest state: going on from it is not reported. */
  g_assert_cmpuint (write_more (fixture->path, 1), ==, before + 1);
}

/* The trail cut back and an older head record (sealed, genuine) put back
 * with it: the chain and the head agree, only the record outside tells. */
static void
test_trail_cut_with_older_head (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *old_head = NULL;
  char *sql;
  guint before = make_desk (fixture->path);
  guint after;

  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    old_head = mp_store_get_setting (store, "audit.head");
    g_assert_nonnull (old_head);
  }
  after = write_more (fixture->path, 3);
  g_assert_cmpuint (after, ==, before + 3);

  sql = sqlite3_mprintf ("DELETE FROM audit WHERE id > %u;"
                         "UPDATE settings SET value = %Q WHERE key = 'audit.head';",
                         before, old_head);
  run_sql (fixture->path, sql);
  sqlite3_free (sql);

  {
    g_autoptr(MpStore) store = open_unlocked (fixture->path);

    assert_rolled_back (store, after, before);
  }
}

/* The trail cut and its head record (and the desk id naming the record
 * outside) deleted: verify says so, and the next write must not paper it
 * over with a new head record. */
static void
test_no_write_over_a_cut_trail (Fixture       *fixture,
                                gconstpointer  data)
{
  static const char * const tamperings[] = {
    "DELETE FROM audit WHERE id > 2;"
    "DELETE FROM settings WHERE key IN ('audit.head', 'audit.desk-id');",
    "DELETE FROM audit WHERE id > 2;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpStore) store = NULL;
      MpCase *kase;
      gint64 bad = 0;

      g_unlink (fixture->path);
      g_assert_cmpuint (make_desk (fixture->path), ==, 2);
      g_assert_cmpuint (write_more (fixture->path, 3), ==, 5);
      run_sql (fixture->path, tamperings[i]);

      store = open_unlocked (fixture->path);
      kase = g_list_model_get_item (mp_store_get_cases (store), 0);
      g_assert_false (mp_store_update_case (store, kase, "impact", "Covered up", &error));
      g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
      g_object_unref (kase);
      g_assert_false (mp_store_verify_audit (store, NULL, NULL, &bad, &error));
      g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
      g_assert_cmpint (bad, ==, 3);
    }
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
stored_fingerprint (const char *path,
                    const char *case_ref,
                    const char *field)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *fp = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT new_fp FROM audit WHERE case_ref IS ? AND field = ?"
                                           " ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, case_ref, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  fp = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return fp;
}

static void
test_fingerprints_keyed (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *value = "Remote code execution as root";
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (fixture->path, &error);
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) a = NULL;
  g_autoptr(MpCase) b = NULL;
  g_autofree char *ref_a = NULL;
  g_autofree char *fp_a = NULL;
  g_autofree char *fp_b = NULL;
  g_autofree char *fp_desk = NULL;
  g_autofree char *again_a = NULL;
  g_autofree char *after_erase = NULL;
  g_autofree char *fp_a_after = NULL;
  g_autofree char *desk_again = NULL;
  g_autofree char *desk_other = NULL;
  g_autofree char *field_a = NULL;
  g_autofree char *field_b = NULL;

  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", PASSPHRASE, &error));
  mp_case_set_text (draft, "title", "A");
  a = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  b = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  ref_a = g_strdup (mp_case_get_reference (a));
  g_assert_true (mp_store_update_case (store, a, "impact", value, &error));
  g_assert_true (mp_store_update_case (store, b, "impact", value, &error));
  g_assert_true (mp_store_set_setting (store, "desk.email", "security@example.nl", &error));
  g_assert_no_error (error);

  /* A case's entries name their field by a keyed fingerprint too: the
   * same field in two cases, two tags, and no field name in clear. */
  field_a = _mp_store_audit_field_tag (store, ref_a, "impact");
  field_b = _mp_store_audit_field_tag (store, mp_case_get_reference (b), "impact");
  g_assert_true (g_str_has_prefix (field_a, "c:"));
  g_assert_cmpstr (field_a, !=, field_b);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM audit WHERE case_ref IS NOT NULL"
                                              " AND field IS NOT NULL AND field NOT LIKE 'c:%'"
                                              " AND field NOT LIKE 'd:%'"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM audit WHERE field = 'impact'"),
                   ==, 0);

  /* The same value in two cases: two fingerprints, each of its case's key. */
  fp_a = stored_fingerprint (fixture->path, ref_a, field_a);
  fp_b = stored_fingerprint (fixture->path, mp_case_get_reference (b), field_b);
  g_assert_true (g_str_has_prefix (fp_a, "c:"));
  g_assert_true (g_str_has_prefix (fp_b, "c:"));
  g_assert_cmpstr (fp_a, !=, fp_b);
  /* While the case key exists, the desk can check a value against it. */
  again_a = _mp_store_audit_fingerprint (store, ref_a, value);
  g_assert_cmpstr (again_a, ==, fp_a);
  /* An entry of no case: the desk's own fingerprint key. */
  fp_desk = stored_fingerprint (fixture->path, NULL, "desk.email");
  g_assert_true (g_str_has_prefix (fp_desk, "d:"));
  desk_again = _mp_store_audit_fingerprint (store, NULL, "security@example.nl");
  desk_other = _mp_store_audit_fingerprint (store, NULL, "security@example.com");
  g_assert_cmpstr (fp_desk, ==, desk_again);
  g_assert_cmpstr (fp_desk, !=, desk_other);

  /* Erased with its key: the right guess no longer matches. */
  g_assert_true (mp_store_set_answer (store, a, "close.closed_on", "2026-11-22", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mp_case_is_closed (a));
  g_assert_true (mp_store_erase_case (store, a, &error));
  g_assert_no_error (error);
  after_erase = _mp_store_audit_fingerprint (store, ref_a, value);
  fp_a_after = stored_fingerprint (fixture->path, ref_a, field_a);
  g_assert_cmpstr (fp_a_after, ==, fp_a);
  g_assert_cmpstr (after_erase, !=, fp_a);
  g_clear_object (&store);

  /* Nor after a restart, and the chain with both kinds still verifies. */
  store = open_unlocked (fixture->path);
  g_clear_pointer (&after_erase, g_free);
  after_erase = _mp_store_audit_fingerprint (store, ref_a, value);
  g_assert_cmpstr (after_erase, !=, fp_a);
  count_entries (store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/freshness/untouched", test_untouched);
  ADD ("/freshness/whole-file-rolled-back", test_whole_file_rolled_back);
  ADD ("/freshness/restore-not-reported", test_restore_not_reported);
  ADD ("/freshness/trail-cut-with-older-head", test_trail_cut_with_older_head);
  ADD ("/audit/no-write-over-a-cut-trail", test_no_write_over_a_cut_trail);
  ADD ("/audit/fingerprints-keyed", test_fingerprints_keyed);
#undef ADD

  return g_test_run ();
}
