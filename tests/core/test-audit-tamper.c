/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Whoever can write the database file but does not know the passphrase
 * cannot change the audit trail unnoticed: each way of editing, deleting,
 * reordering or inserting entries below is applied to a closed desk with
 * plain SQL, and mp_store_verify_audit() must then fail with
 * MP_STORE_ERROR_CORRUPT naming the first entry that is wrong.
 *
 * Not detectable from the file alone: putting back an older copy of the
 * whole database, or cutting the trail back together with an older copy of
 * its head record. The record of the newest head kept outside the file
 * shows those; see test-store-freshness.c.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store.h"

#define PASSPHRASE "fietsenstalling"

/* Entries of the desk made by make_desk(): desk.create, case.create and
 * four changes. */
#define N 6

typedef struct
{
  const char *name;
  const char *sql;        /* %d is replaced by N where it appears */
  gint64      first_bad;  /* the entry verify must name */
} Tampering;

static const Tampering tamperings[] = {
  /* Each column of an entry edited. */
  { "edit-id", "UPDATE audit SET id = 100 WHERE id = 3", 3 },
  { "edit-at", "UPDATE audit SET at = at + 1 WHERE id = 3", 3 },
  { "edit-actor", "UPDATE audit SET actor = 'Mallory' WHERE id = 3", 3 },
  { "edit-case-ref", "UPDATE audit SET case_ref = 'CVD-2026-9999' WHERE id = 3", 3 },
  { "edit-case-ref-null", "UPDATE audit SET case_ref = NULL WHERE id = 3", 3 },
  { "edit-action", "UPDATE audit SET action = 'case.erase' WHERE id = 3", 3 },
  { "edit-field", "UPDATE audit SET field = 'title' WHERE id = 3", 3 },
  { "edit-field-null", "UPDATE audit SET field = NULL WHERE id = 3", 3 },
  { "edit-old-fp", "UPDATE audit SET old_fp = '0000000000000000' WHERE id = 4", 4 },
  { "edit-new-fp", "UPDATE audit SET new_fp = '0000000000000000' WHERE id = 3", 3 },
  { "edit-new-fp-null", "UPDATE audit SET new_fp = NULL WHERE id = 3", 3 },
  { "edit-mac", "UPDATE audit SET mac = zeroblob (32) WHERE id = 3", 3 },
  { "edit-mac-short", "UPDATE audit SET mac = substr (mac, 1, 31) WHERE id = 3", 3 },
  { "edit-last-entry", "UPDATE audit SET actor = 'Mallory' WHERE id = %d", N },
  { "edit-first-entry", "UPDATE audit SET at = 0 WHERE id = 1", 1 },
  /* Entries deleted. */
  { "delete-first", "DELETE FROM audit WHERE id = 1", 1 },
  { "delete-middle", "DELETE FROM audit WHERE id = 3", 3 },
  { "delete-last", "DELETE FROM audit WHERE id = %d", N },
  { "delete-last-two", "DELETE FROM audit WHERE id >= %d - 1", N - 1 },
  { "delete-all", "DELETE FROM audit", 1 },
  { "delete-last-and-head-record",
    "DELETE FROM audit WHERE id = %d; DELETE FROM settings WHERE key = 'audit.head'", N },
  { "delete-all-and-head-record",
    "DELETE FROM audit; DELETE FROM settings WHERE key = 'audit.head'", 1 },
  { "delete-head-record", "DELETE FROM settings WHERE key = 'audit.head'", N + 1 },
  /* The head record rewritten to name the entry before the last one. */
  { "delete-last-and-rewrite-head-record",
    "DELETE FROM audit WHERE id = %d;"
    "UPDATE settings SET value = (SELECT (id || ' ' || lower (hex (mac)) || ' ')"
    "  FROM audit ORDER BY id DESC LIMIT 1) || substr (value, -64)"
    "  WHERE key = 'audit.head'", N },
  { "edit-head-record-count",
    "UPDATE settings SET value = '7' || substr (value, 2) WHERE key = 'audit.head'", N + 1 },
  /* Entries reordered. */
  { "swap-ids",
    "UPDATE audit SET id = -id WHERE id IN (3, 4);"
    "UPDATE audit SET id = 4 WHERE id = -3;"
    "UPDATE audit SET id = 3 WHERE id = -4", 3 },
  { "swap-first-and-last",
    "UPDATE audit SET id = -id WHERE id IN (1, %d);"
    "UPDATE audit SET id = %d WHERE id = -1;"
    "UPDATE audit SET id = 1 WHERE id = -%d", 1 },
  { "swap-contents",
    "CREATE TEMP TABLE t AS SELECT * FROM audit WHERE id IN (4, 5);"
    "UPDATE audit SET (at, actor, case_ref, action, field, old_fp, new_fp, mac) ="
    "  (SELECT at, actor, case_ref, action, field, old_fp, new_fp, mac FROM t"
    "   WHERE t.id = 9 - audit.id) WHERE id IN (4, 5)", 4 },
  /* Entries inserted: copies of a real one. */
  { "insert-copy-at-end",
    "INSERT INTO audit (id, at, actor, case_ref, action, field, old_fp, new_fp, mac)"
    "  SELECT %d + 1, at, actor, case_ref, action, field, old_fp, new_fp, mac FROM audit WHERE id = 3",
    N + 1 },
  { "insert-copy-of-last-at-end",
    "INSERT INTO audit (id, at, actor, case_ref, action, field, old_fp, new_fp, mac)"
    "  SELECT id + 1, at, actor, case_ref, action, field, old_fp, new_fp, mac FROM audit WHERE id = %d",
    N + 1 },
  { "insert-copy-in-middle",
    "UPDATE audit SET id = id + 1000 WHERE id >= 3;"
    "UPDATE audit SET id = id - 999 WHERE id >= 1000;"
    "INSERT INTO audit (id, at, actor, case_ref, action, field, old_fp, new_fp, mac)"
    "  SELECT 3, at, actor, case_ref, action, field, old_fp, new_fp, mac FROM audit WHERE id = 2",
    3 },
};

static char *
make_desk (char **head)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-audit-XXXXXX", &error);
  char *path = g_build_filename (dir, "desk.db", NULL);
  guint n = 0;

  g_assert_no_error (error);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", PASSPHRASE, &error));
  mp_case_set_text (draft, "title", "Audited");
  mp_case_set_text (draft, "description", "Secret");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_update_case (store, kase, "impact", "Large", &error));
  g_assert_true (mp_store_update_case (store, kase, "impact", "Small", &error));
  g_assert_true (mp_store_set_answer (store, kase, "ack.sent_on", "2026-11-20", NULL, &error));
  g_assert_true (mp_store_set_setting (store, "desk.email", "security@example.nl", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_verify_audit (store, &n, head, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N);
  return path;
}

static void
remove_desk (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
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
  g_assert_cmpint (sqlite3_changes (db), >, 0);
  sqlite3_close (db);
}

static void
test_untouched (void)
{
  g_autofree char *head = NULL;
  g_autofree char *head2 = NULL;
  g_autofree char *path = make_desk (&head);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (path, &error);
  guint n = 0;

  /* Reopened, the same trail verifies to the same head. */
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_true (mp_store_verify_audit (store, &n, &head2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, N);
  g_assert_cmpstr (head, ==, head2);
  g_clear_object (&store);
  remove_desk (path);
}

static void
test_tampering (gconstpointer data)
{
  const Tampering *tampering = data;
  g_autofree char *path = make_desk (NULL);
  g_autofree char *n = g_strdup_printf ("%d", N);
  g_auto(GStrv) pieces = g_strsplit (tampering->sql, "%d", -1);
  g_autofree char *sql = g_strjoinv (n, pieces);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  gint64 bad = 0;

  run_sql (path, sql);

  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (mp_store_verify_audit (store, NULL, NULL, &bad, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
  g_test_message ("%s: %s", tampering->name, error->message);
  g_assert_cmpint (bad, ==, tampering->first_bad);
  g_clear_object (&store);
  remove_desk (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit/untouched", test_untouched);
  for (gsize i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *name = g_strdup_printf ("/audit/tampered/%s", tamperings[i].name);

      g_test_add_data_func (name, &tamperings[i], test_tampering);
    }

  return g_test_run ();
}
