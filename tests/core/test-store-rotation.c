/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The master key rotates at every erase and at a passphrase change, so that
 * key material taken from the live desk or the keyring afterwards opens
 * nothing in an older copy, and the old passphrase with an old copy opens
 * nothing written after the change. Another process that still holds the
 * old key writes nothing under it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store.h"
#include "mp-vault.h"

#define PASSPHRASE "de molen draait op wind"
#define NEW_PASSPHRASE "een nieuwe zin voor het meldpunt"

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

  fixture->dir = g_dir_make_tmp ("meldpunt-rotation-XXXXXX", &error);
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
add_case (MpStore    *store,
          const char *title,
          gboolean    closed)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "description", "What the reporter found.");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  if (closed)
    {
      g_assert_true (mp_store_set_answer (store, kase, "close.closed_on", "2026-11-22", NULL, &error));
      g_assert_no_error (error);
    }
  return kase;
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
}

/* The passphrase envelope as stored in the file at @path. */
static MpVaultEnvelope *
read_envelope (const char *path)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  MpVaultEnvelope *envelope = g_new0 (MpVaultEnvelope, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT kdf_opslimit, kdf_memlimit, kdf_alg, kdf_salt,"
                                           " master_sealed, box_public, master_box FROM desk",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  envelope->opslimit = sqlite3_column_int64 (stmt, 0);
  envelope->memlimit = sqlite3_column_int64 (stmt, 1);
  envelope->alg = sqlite3_column_int (stmt, 2);
  envelope->salt = column_bytes (stmt, 3);
  envelope->sealed = column_bytes (stmt, 4);
  envelope->box_public = column_bytes (stmt, 5);
  envelope->master_box = column_bytes (stmt, 6);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return envelope;
}

/* The key id and wrapped key of case @reference in the file at @path. */
static GBytes *
wrapped_key (const char *path,
             const char *reference,
             gint64     *key_id)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  GBytes *wrapped;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT case_keys.id, case_keys.wrapped FROM cases"
                                           " JOIN case_keys ON case_keys.id = cases.key_id"
                                           " WHERE reference = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *key_id = sqlite3_column_int64 (stmt, 0);
  wrapped = column_bytes (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_nonnull (wrapped);
  g_assert_cmpuint (g_bytes_get_size (wrapped), >, 0);
  return wrapped;
}

static char *
export_key (MpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = mp_store_export_key (store, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (key, NULL), g_bytes_get_size (key));
}

static void
assert_audit_ok (MpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  gint64 first_bad = 0;
  guint n = 0;

  g_assert_true (mp_store_verify_audit (store, &n, &head, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
}

/* After an erase, the key the keyring would hold (exported after it) and the
 * live desk open nothing in a copy made before it. */
static void
test_erase_rotates (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "before-erase.db", NULL);
  g_autofree char *key_before = NULL;
  g_autofree char *key_after = NULL;
  g_autofree char *reference = NULL;
  g_autoptr(MpCase) erased = NULL;
  g_autoptr(MpCase) kept = NULL;
  g_autoptr(GBytes) old_wrapped = NULL;
  g_autoptr(GBytes) kept_wrapped = NULL;
  g_autoptr(MpVaultEnvelope) old_envelope = NULL;
  g_autoptr(MpVault) vault = NULL;
  g_autoptr(MpStore) old_copy = NULL;
  g_autoptr(MpStore) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key_id = 0, kept_id = 0;

  erased = add_case (fixture->store, "Erased", TRUE);
  kept = add_case (fixture->store, "Kept", FALSE);
  reference = g_strdup (mp_case_get_reference (erased));
  key_before = export_key (fixture->store);
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  old_wrapped = wrapped_key (backup, reference, &key_id);

  g_assert_true (mp_store_erase_case (fixture->store, erased, &error));
  g_assert_no_error (error);
  key_after = export_key (fixture->store);
  g_assert_cmpstr (key_after, !=, key_before);

  /* The new key cannot unwrap the erased case's key in the old copy. */
  vault = mp_vault_new ();
  g_assert_true (mp_vault_unlock_with_key (vault, key_after, &error));
  g_assert_no_error (error);
  g_assert_false (mp_vault_load_case_key (vault, key_id, old_wrapped, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (mp_vault_has_case_key (vault, key_id));
  /* (The old key could: the copy is what it was.) */
  mp_vault_lock (vault);
  g_assert_true (mp_vault_unlock_with_key (vault, key_before, &error));
  g_assert_true (mp_vault_load_case_key (vault, key_id, old_wrapped, &error));
  g_assert_no_error (error);
  mp_vault_lock (vault);

  /* Nor does the old copy unlock with it, as the keyring would try. */
  old_copy = mp_store_open (backup, &error);
  g_assert_no_error (error);
  g_assert_false (mp_store_unlock_with_key (old_copy, key_after, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_clear_object (&old_copy);

  /* The live desk opens with it and with the passphrase, every kept case
   * key re-wrapped, and its audit chain still verifies. */
  kept_wrapped = wrapped_key (fixture->path, mp_case_get_reference (kept), &kept_id);
  g_assert_true (mp_vault_unlock_with_key (vault, key_after, &error));
  g_assert_true (mp_vault_load_case_key (vault, kept_id, kept_wrapped, &error));
  g_assert_no_error (error);
  assert_audit_ok (fixture->store);
  g_clear_object (&fixture->store);
  again = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock_with_key (again, key_after, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_case_get_text (mp_store_find_case (again, mp_case_get_reference (kept)),
                                     "description"), ==, "What the reporter found.");
  assert_audit_ok (again);
  mp_store_lock (again);
  g_assert_true (mp_store_unlock (again, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_audit_ok (again);

  /* After a passphrase change too, the new passphrase opens nothing in
   * the old copy. */
  g_assert_true (mp_store_change_passphrase (again, NEW_PASSPHRASE, &error));
  g_assert_no_error (error);
  old_envelope = read_envelope (backup);
  g_assert_false (mp_vault_unlock (vault, NEW_PASSPHRASE, old_envelope, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  key_after = (g_free (key_after), export_key (again));
  g_assert_true (mp_vault_unlock_with_key (vault, key_after, &error));
  g_assert_false (mp_vault_load_case_key (vault, key_id, old_wrapped, &error));
  g_clear_error (&error);
}

/* The old passphrase with a copy from before the change gives the old
 * master key: it opens nothing written after the change. */
static void
test_passphrase_change_rotates (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "before-change.db", NULL);
  g_autofree char *old_key = NULL;
  g_autoptr(MpVaultEnvelope) old_envelope = NULL;
  g_autoptr(MpVaultEnvelope) live_envelope = NULL;
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpCase) before = NULL;
  g_autoptr(MpCase) after = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(MpStore) live = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key_id = 0;

  before = add_case (fixture->store, "Filed before the change", FALSE);
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_change_passphrase (fixture->store, NEW_PASSPHRASE, &error));
  g_assert_no_error (error);
  after = add_case (fixture->store, "Filed after the change", FALSE);
  assert_audit_ok (fixture->store);

  /* What a thief with the old passphrase and the old copy has. */
  old_envelope = read_envelope (backup);
  g_assert_true (mp_vault_unlock (vault, PASSPHRASE, old_envelope, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) exported = mp_vault_export_key (vault, &error);

    old_key = g_strndup (g_bytes_get_data (exported, NULL), g_bytes_get_size (exported));
  }

  /* It unwraps no key of the live desk: not of the case filed after the
   * change, nor of the one re-wrapped at the change. */
  wrapped = wrapped_key (fixture->path, mp_case_get_reference (after), &key_id);
  g_assert_false (mp_vault_load_case_key (vault, key_id, wrapped, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_clear_pointer (&wrapped, g_bytes_unref);
  mp_vault_lock (vault);
  g_assert_true (mp_vault_unlock_with_key (vault, old_key, &error));
  wrapped = wrapped_key (fixture->path, mp_case_get_reference (before), &key_id);
  g_assert_false (mp_vault_load_case_key (vault, key_id, wrapped, &error));
  g_clear_error (&error);

  /* The old passphrase opens neither the live envelope nor, as a key, the desk. */
  live_envelope = read_envelope (fixture->path);
  g_assert_false (mp_vault_unlock (vault, PASSPHRASE, live_envelope, &error));
  g_clear_error (&error);
  g_clear_object (&fixture->store);
  live = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (mp_store_unlock_with_key (live, old_key, &error));
  g_clear_error (&error);
  g_assert_false (mp_store_unlock (live, PASSPHRASE, &error));
  g_clear_error (&error);
  g_assert_true (mp_store_unlock (live, NEW_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_case_get_title (mp_store_find_case (live, mp_case_get_reference (after))),
                   ==, "Filed after the change");
  assert_audit_ok (live);
}

/* A second store on the desk (the CLI beside the window) still holds the
 * old master key after the first one rotated it: its next write is
 * refused, and it locks. */
static void
test_other_process_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MpStore) other = NULL;
  g_autoptr(MpStore) third = NULL;
  g_autoptr(MpCase) erased = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;

  erased = add_case (fixture->store, "Erased by the first", TRUE);
  other = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (other, PASSPHRASE, &error));
  g_assert_no_error (error);

  g_assert_true (mp_store_erase_case (fixture->store, erased, &error));
  g_assert_no_error (error);

  mp_case_set_text (draft, "title", "Typed in the second");
  g_assert_null (mp_store_add_case (other, draft, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  g_assert_true (mp_store_is_locked (other));
  /* What was typed is the caller's still. */
  g_assert_cmpstr (mp_case_get_title (draft), ==, "Typed in the second");

  /* Unlocked again, it writes under the new key, which everyone reads. */
  g_assert_true (mp_store_unlock (other, PASSPHRASE, &error));
  g_assert_no_error (error);
  added = mp_store_add_case (other, draft, &error);
  g_assert_no_error (error);
  reference = g_strdup (mp_case_get_reference (added));
  g_clear_object (&other);
  g_clear_object (&fixture->store);
  third = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (third, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_case_get_title (mp_store_find_case (third, reference)), ==,
                   "Typed in the second");
  assert_audit_ok (third);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("MELDPUNT_TEST_CHEAP_KDF", "1", TRUE);

  g_test_add ("/store/rotation/erase", Fixture, NULL, fixture_set_up,
              test_erase_rotates, fixture_tear_down);
  g_test_add ("/store/rotation/passphrase-change", Fixture, NULL, fixture_set_up,
              test_passphrase_change_rotates, fixture_tear_down);
  g_test_add ("/store/rotation/other-process", Fixture, NULL, fixture_set_up,
              test_other_process_refused, fixture_tear_down);

  return g_test_run ();
}
