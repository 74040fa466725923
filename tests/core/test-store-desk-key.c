/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's OpenPGP key as the store keeps it (issue 21): sealed, never
 * in the file's bytes, readable only unlocked, replaced as a whole.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-deadlines.h"
#include "mp-error.h"
#include "mp-store.h"

#define PASSPHRASE "tulpen in de lente"
#define SECRET "-----BEGIN PGP PRIVATE KEY BLOCK-----\nZEER-GEHEIM-sleutelmateriaal-0123456789\n"
#define SECRET_2 "-----BEGIN PGP PRIVATE KEY BLOCK-----\nNIEUW-GEHEIM-sleutelmateriaal-9876543210\n"
#define KEY_PASSPHRASE "wachtwoord-van-de-sleutel"

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

  fixture->dir = g_dir_make_tmp ("meldpunt-desk-key-XXXXXX", &error);
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
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
}

/* Whether @needle is anywhere in the database file or its WAL. */
static gboolean
on_disk (Fixture    *fixture,
         const char *needle)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (file, &contents, &length, NULL) &&
          memmem (contents, length, needle, strlen (needle)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
set_key (MpStore    *store,
         const char *fingerprint,
         const char *secret,
         const char *passphrase)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (secret, strlen (secret));
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_set_desk_key (store, fingerprint, 1861358400,
                                        "-----BEGIN PGP PUBLIC KEY BLOCK-----\npubliek\n",
                                        bytes, passphrase, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *passphrase = NULL;
  gint64 expires_at = 0;

  g_assert_false (mp_store_get_desk_key_info (fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (mp_store_get_desk_key (fixture->store, NULL, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  set_key (fixture->store, "AAAA1111", SECRET, KEY_PASSPHRASE);
  reopen (fixture);

  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, &expires_at,
                                             &public_key, &error));
  g_assert_cmpstr (fingerprint, ==, "AAAA1111");
  g_assert_cmpint (expires_at, ==, 1861358400);
  g_assert_true (g_str_has_suffix (public_key, "publiek\n"));
  secret = mp_store_get_desk_key (fixture->store, &passphrase, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (secret, NULL), g_bytes_get_size (secret),
                   SECRET, strlen (SECRET));
  g_assert_cmpstr (passphrase, ==, KEY_PASSPHRASE);

  /* Sealed: neither the key nor its passphrase is in the file's bytes. */
  g_assert_false (on_disk (fixture, "ZEER-GEHEIM"));
  g_assert_false (on_disk (fixture, KEY_PASSPHRASE));
  g_assert_true (on_disk (fixture, "AAAA1111"));
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (SECRET, strlen (SECRET));
  g_autofree char *fingerprint = NULL;

  set_key (fixture->store, "AAAA1111", SECRET, NULL);
  mp_store_lock (fixture->store);

  g_assert_null (mp_store_get_desk_key (fixture->store, NULL, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (mp_store_set_desk_key (fixture->store, "BBBB", 0, "pub", bytes, NULL, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  /* What is public stays readable: `key show` and `key export`. */
  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, NULL, NULL, &error));
  g_assert_cmpstr (fingerprint, ==, "AAAA1111");
}

static void
test_replace (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *fingerprint = NULL;
  guint n_entries = 0;
  g_autofree char *head = NULL;
  gint64 first_bad = 0;

  set_key (fixture->store, "AAAA1111", SECRET, KEY_PASSPHRASE);
  set_key (fixture->store, "BBBB2222", SECRET_2, NULL);
  reopen (fixture);

  g_assert_true (mp_store_get_desk_key_info (fixture->store, &fingerprint, NULL, NULL, &error));
  g_assert_cmpstr (fingerprint, ==, "BBBB2222");
  secret = mp_store_get_desk_key (fixture->store, &passphrase, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (secret, NULL), g_bytes_get_size (secret),
                   SECRET_2, strlen (SECRET_2));
  g_assert_null (passphrase);
  /* Each change of key is in the audit trail, which still holds. */
  g_assert_true (mp_store_verify_audit (fixture->store, &n_entries, &head, &first_bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, >=, 3);
}

static void
test_reporter_key (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *key = NULL;
  const char *armored = "-----BEGIN PGP PUBLIC KEY BLOCK-----\nSLEUTEL-VAN-JAN-de-Vries\n";

  mp_case_set_text (draft, "title", "Lek");
  mp_case_set_text (draft, "description", "Een lek");
  kase = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);

  key = mp_store_get_reporter_key (fixture->store, kase, &error);
  g_assert_no_error (error);
  g_assert_null (key);
  g_assert_true (mp_store_set_reporter_key (fixture->store, kase, armored, &error));
  g_assert_no_error (error);
  reopen (fixture);
  g_set_object (&kase, mp_store_find_case (fixture->store, mp_case_get_reference (kase)));
  key = mp_store_get_reporter_key (fixture->store, kase, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, armored);
  g_assert_false (on_disk (fixture, "SLEUTEL-VAN-JAN"));

  g_assert_true (mp_store_set_reporter_key (fixture->store, kase, NULL, &error));
  g_clear_pointer (&key, g_free);
  key = mp_store_get_reporter_key (fixture->store, kase, &error);
  g_assert_no_error (error);
  g_assert_null (key);
}

/* The key's expiry is on the calendar a month ahead (issue 21), as a
 * deadline of the desk, not of a case; a desk without a key has none. */
static void
test_expiry_on_calendar (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) secret = g_bytes_new_static (SECRET, strlen (SECRET));
  gint64 expires_at = 1893456000;  /* 2030-01-01 */
  MpDeadline *deadline;

  before = mp_deadlines_list_for_calendar (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 0);

  g_assert_true (mp_store_set_desk_key (fixture->store, "0123456789ABCDEF0123456789ABCDEF01234567",
                                        expires_at, "-----BEGIN PGP PUBLIC KEY BLOCK-----\n",
                                        secret, NULL, &error));
  g_assert_no_error (error);
  after = mp_deadlines_list_for_calendar (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  deadline = g_list_model_get_item (after, 0);
  g_assert_cmpstr (mp_deadline_get_kind (deadline), ==, "desk-key-expiry");
  g_assert_cmpstr (mp_deadline_get_reference (deadline), ==, "");
  g_assert_cmpint (mp_deadline_get_due_at (deadline), ==,
                   (expires_at - 30 * 24 * 3600) * G_USEC_PER_SEC);
  g_assert_false (mp_deadline_is_met (deadline));
  g_object_unref (deadline);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/desk-key/expiry-on-calendar", test_expiry_on_calendar);
  ADD ("/store/desk-key/round-trip", test_round_trip);
  ADD ("/store/desk-key/locked", test_locked);
  ADD ("/store/desk-key/replace", test_replace);
  ADD ("/store/desk-key/reporter-key", test_reporter_key);

  return g_test_run ();
}
