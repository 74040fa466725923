/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's private GnuPG homes (issue 21): wiped at lock and at exit,
 * none left behind by an import in the window, and GPGME's process-wide
 * home never shared between threads decrypting for two desks at once.
 * Messages are encrypted by the real gpg to keys generated in the test.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-eml-import.h"
#include "mp-openpgp.h"
#include "mp-store.h"

#define PASSPHRASE "tulpen in de lente"

typedef struct
{
  char    *dir;
  MpStore *store[2];
  GBytes  *message[2];   /* PGP/MIME, encrypted to desk 0 and desk 1 */
} Fixture;

static char *runtime_dir;

/* The folders named meldpunt-gnupg-* in the runtime directory. */
static guint
count_homes (void)
{
  g_autoptr(GDir) dir = g_dir_open (runtime_dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "meldpunt-gnupg-"))
      n++;
  return n;
}

static GBytes *
run_gpg (const char  *home,
         const char **args,
         GBytes      *input)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) "gpg");
  g_ptr_array_add (argv, (char *) "--homedir");
  g_ptr_array_add (argv, (char *) home);
  g_ptr_array_add (argv, (char *) "--batch");
  g_ptr_array_add (argv, (char *) "--trust-model");
  g_ptr_array_add (argv, (char *) "always");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));
  return g_steal_pointer (&out);
}

/* A PGP/MIME message holding @text, encrypted by gpg to @store's key. */
static GBytes *
encrypt_to_desk (Fixture    *fixture,
                 MpStore    *store,
                 const char *text)
{
  g_autofree char *home = g_build_filename (fixture->dir, "sender-XXXXXX", NULL);
  g_autofree char *fingerprint = NULL;
  g_autofree char *public_key = NULL;
  g_autoptr(GBytes) key_bytes = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) cipher = NULL;
  g_autoptr(GError) error = NULL;
  const char *import[] = { "--import", NULL };
  const char *encrypt[] = { "--armor", "--encrypt", "--recipient", NULL, NULL };
  const char *kill[] = { "gpgconf", "--homedir", NULL, "--kill", "all", NULL };
  g_autofree char *inner = NULL;
  char *message;

  g_assert_true (mp_store_get_desk_key_info (store, &fingerprint, NULL, &public_key, &error));
  g_assert_no_error (error);
  g_assert_nonnull (g_mkdtemp_full (home, 0700));
  key_bytes = g_bytes_new (public_key, strlen (public_key));
  g_bytes_unref (run_gpg (home, import, key_bytes));
  encrypt[3] = fingerprint;
  inner = g_strdup_printf ("Content-Type: text/plain; charset=utf-8\n\n%s\n", text);
  plain = g_bytes_new (inner, strlen (inner));
  cipher = run_gpg (home, encrypt, plain);
  kill[2] = home;
  g_spawn_sync (NULL, (char **) kill, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);

  message = g_strdup_printf ("From: Jan de Vries <jan@example.org>\n"
                             "To: security@example.nl\n"
                             "Subject: Lek in het klantportaal\n"
                             "Date: Mon, 7 Dec 2026 10:00:00 +0100\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: multipart/encrypted; "
                             "protocol=\"application/pgp-encrypted\"; boundary=\"grens\"\n\n"
                             "--grens\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n\n"
                             "--grens\nContent-Type: application/octet-stream\n\n%.*s\n"
                             "--grens--\n",
                             (int) g_bytes_get_size (cipher),
                             (const char *) g_bytes_get_data (cipher, NULL));
  return g_bytes_new_take (message, strlen (message));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-openpgp-home-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("desk-%u.db", i);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *text = g_strdup_printf ("Geheim rapport voor balie %u: SQL-injectie.", i);

      fixture->store[i] = mp_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (mp_store_initialise (fixture->store[i], "ICT Teamwork", PASSPHRASE, &error));
      g_assert_no_error (error);
      g_assert_true (mp_openpgp_generate_desk_key (fixture->store[i], "Meldpunt",
                                                   "security@example.nl",
                                                   g_get_real_time () / G_USEC_PER_SEC +
                                                   365 * 24 * 3600, &error));
      g_assert_no_error (error);
      fixture->message[i] = encrypt_to_desk (fixture, fixture->store[i], text);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < 2; i++)
    {
      g_assert_finalize_object (fixture->store[i]);
      g_bytes_unref (fixture->message[i]);
    }
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Locking one desk wipes its homes, not the other desk's; exit wipes all. */
static void
test_wipe_at_lock (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MpOpenpgpHome) home0 = NULL;
  g_autoptr(MpOpenpgpHome) home1 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path0 = NULL;
  g_autofree char *path1 = NULL;
  guint before = count_homes ();

  home0 = mp_openpgp_home_new_for_store (fixture->store[0], &error);
  g_assert_no_error (error);
  home1 = mp_openpgp_home_new_for_store (fixture->store[1], &error);
  g_assert_no_error (error);
  path0 = g_strdup (mp_openpgp_home_get_path (home0));
  path1 = g_strdup (mp_openpgp_home_get_path (home1));
  g_assert_true (g_file_test (path0, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (path1, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_homes (), ==, before + 2);

  /* What the window does at lock. */
  mp_store_lock (fixture->store[0]);
  mp_openpgp_wipe_homes (fixture->store[0]);
  g_assert_false (g_file_test (path0, G_FILE_TEST_EXISTS));
  g_assert_null (mp_openpgp_home_get_path (home0));
  g_assert_true (g_file_test (path1, G_FILE_TEST_IS_DIR));

  /* A wiped home decrypts nothing, and says nothing wrong. */
  {
    g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);

    g_assert_null (mp_openpgp_decrypt_message (home0, fixture->message[0], notes));
  }

  /* What the application does at exit. */
  mp_openpgp_wipe_homes (NULL);
  g_assert_false (g_file_test (path1, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_homes (), ==, before);
}

typedef struct
{
  MpOpenpgpHome *home;
  GBytes        *message;
  const char    *expected;
  guint          n_decrypted;
} Worker;

static gpointer
decrypt_thread (gpointer data)
{
  Worker *worker = data;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GBytes) clear = mp_openpgp_decrypt_message (worker->home, worker->message, notes);

      if (clear != NULL &&
          g_strstr_len (g_bytes_get_data (clear, NULL), g_bytes_get_size (clear),
                        worker->expected) != NULL)
        worker->n_decrypted++;
    }
  return NULL;
}

/* Two desks decrypting at the same time, each in its own home: each
 * message is read every time, never with the other desk's home. */
static void
test_concurrent_decrypt (Fixture       *fixture,
                         gconstpointer  data)
{
  MpOpenpgpHome *home[2];
  g_autoptr(GError) error = NULL;
  Worker workers[4];
  GThread *threads[4];

  for (guint i = 0; i < 2; i++)
    {
      home[i] = mp_openpgp_home_new_for_store (fixture->store[i], &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      workers[i] = (Worker) { home[i % 2], fixture->message[i % 2],
                              i % 2 == 0 ? "balie 0: SQL" : "balie 1: SQL", 0 };
      threads[i] = g_thread_new ("decrypt", decrypt_thread, &workers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].n_decrypted, ==, 4);
    }
  for (guint i = 0; i < 2; i++)
    g_assert_finalize_object (home[i]);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The window's import (mp_eml_import_bytes_async) decrypts as the CLI
 * does, and leaves no home behind. */
static void
test_async_import_decrypts (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  guint before = count_homes ();

  mp_eml_import_bytes_async (fixture->store[1], fixture->message[1], NULL, imported_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  kase = mp_eml_import_finish (fixture->store[1], result, &notes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  g_assert_nonnull (strstr (mp_case_get_description (kase), "balie 1: SQL-injectie"));
  g_assert_true (mp_case_get_boolean (kase, "report_encrypted"));
  g_assert_cmpuint (count_homes (), ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  runtime_dir = g_dir_make_tmp ("meldpunt-rt-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/openpgp/home/wipe-at-lock", Fixture, NULL,
              fixture_set_up, test_wipe_at_lock, fixture_tear_down);
  g_test_add ("/openpgp/home/concurrent-decrypt", Fixture, NULL,
              fixture_set_up, test_concurrent_decrypt, fixture_tear_down);
  g_test_add ("/openpgp/home/async-import-decrypts", Fixture, NULL,
              fixture_set_up, test_async_import_decrypts, fixture_tear_down);
  status = g_test_run ();
  remove_tree (runtime_dir);
  return status;
}
