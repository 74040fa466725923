/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Possible duplicates: the same reporter e-mail address or affected host.
 * The store keeps an index of its cases (issue 12) up to date with its
 * writes, its lock and unlock; each step here compares its answer with the
 * expected references typed in, and with a plain comparison of the case
 * with every other one. (test-duplicate-index tests the index as a value.)
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mp-duplicates.h"
#include "mp-store.h"

#define PASSPHRASE "tulpen in de lente"

typedef struct
{
  char    *dir;
  char    *path;
  MpStore *store;
} Fixture;

static MpCase *
add_case (MpStore    *store,
          const char *asset,
          const char *email)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", "A report");
  if (asset != NULL)
    g_assert_true (mp_case_set_value_string (draft, "asset", asset, &error));
  if (email != NULL)
    g_assert_true (mp_case_set_value_string (draft, "reporter_email", email, &error));
  g_assert_no_error (error);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  /* The store's list keeps it: a borrowed pointer. */
  g_object_unref (kase);
  return kase;
}

/* Every other case compared with @kase, as mp_duplicates_find() did before
 * it had an index. */
static char *
brute_force (MpStore *store,
             MpCase  *kase)
{
  GListModel *cases = mp_store_get_cases (store);
  g_autofree char *host = mp_duplicates_host_of (mp_case_get_asset (kase));
  g_autofree char *email = NULL;
  GString *text = g_string_new (NULL);

  if (mp_case_get_reporter_email (kase) != NULL && *mp_case_get_reporter_email (kase) != '\0')
    email = g_strstrip (g_utf8_casefold (mp_case_get_reporter_email (kase), -1));
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) other = g_list_model_get_item (cases, i);
      g_autofree char *other_host = mp_duplicates_host_of (mp_case_get_asset (other));
      const char *other_email = mp_case_get_reporter_email (other);
      g_autofree char *other_key = NULL;
      guint match = 0;

      if (other == kase)
        continue;
      if (other_email != NULL && *other_email != '\0')
        other_key = g_strstrip (g_utf8_casefold (other_email, -1));
      if (email != NULL && g_strcmp0 (email, other_key) == 0)
        match |= MP_DUPLICATE_SAME_EMAIL;
      if (host != NULL && g_strcmp0 (host, other_host) == 0)
        match |= MP_DUPLICATE_SAME_HOST;
      if (match != 0)
        g_string_append_printf (text, "%s%s:%u", text->len > 0 ? " " : "",
                                mp_case_get_reference (other), match);
    }
  return g_string_free (text, FALSE);
}

static char *
found_text (MpStore *store,
            MpCase  *kase)
{
  g_autoptr(GPtrArray) found = mp_duplicates_find (store, kase);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      const MpDuplicate *duplicate = g_ptr_array_index (found, i);

      g_string_append_printf (text, "%s%s:%u", i > 0 ? " " : "", duplicate->reference,
                              duplicate->match);
    }
  return g_string_free (text, FALSE);
}

/* @expected: "REFERENCE:MATCH …" in the list's order (1 e-mail, 2 host). */
static void
assert_found (MpStore    *store,
              MpCase     *kase,
              const char *expected)
{
  g_autofree char *text = found_text (store, kase);
  g_autofree char *reference = brute_force (store, kase);

  g_test_message ("%s: “%s”, expected “%s”", mp_case_get_reference (kase), text, expected);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (text, ==, reference);
}

static const MpDuplicate *
duplicate_at (GPtrArray *found,
              guint      index)
{
  return g_ptr_array_index (found, index);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-duplicates-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "meldpunt.db", NULL);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (fixture->store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (fixture->path,
                                           (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
test_find_and_follow (Fixture       *fixture,
                      gconstpointer  data)
{
  MpStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  MpCase *a, *b, *c, *d, *e;

  a = add_case (store, "https://portal.example.nl/login", "Zoe@Example.org");
  b = add_case (store, "portal.example.nl", "someone@example.com");
  c = add_case (store, "https://www.PORTAL.example.nl:8443/x", "zoe@example.org ");
  d = add_case (store, "mail.example.nl", NULL);
  e = add_case (store, NULL, "zoe@example.org");
  g_assert_cmpstr (mp_case_get_reference (a), ==, "CVD-2026-0001");

  /* Host and e-mail address, folded; in the list's order. */
  assert_found (store, a, "CVD-2026-0002:2 CVD-2026-0003:3 CVD-2026-0005:1");
  assert_found (store, d, "");
  assert_found (store, e, "CVD-2026-0001:1 CVD-2026-0003:1");

  /* The newest only, and the one asked for; how many in all. */
  {
    g_autoptr(GPtrArray) newest = NULL;
    guint n_found = 0;

    newest = mp_duplicates_find_newest (store, a, 1, "CVD-2026-0002", &n_found);
    g_assert_cmpuint (n_found, ==, 3);
    g_assert_cmpuint (newest->len, ==, 2);
    g_assert_cmpstr (duplicate_at (newest, 0)->reference, ==, "CVD-2026-0002");
    g_assert_cmpuint (duplicate_at (newest, 0)->match, ==, 2);
    g_assert_cmpstr (duplicate_at (newest, 1)->reference, ==, "CVD-2026-0005");
    g_clear_pointer (&newest, g_ptr_array_unref);
    newest = mp_duplicates_find_newest (store, a, 2, NULL, NULL);
    g_assert_cmpuint (newest->len, ==, 2);
    g_assert_cmpstr (duplicate_at (newest, 0)->reference, ==, "CVD-2026-0003");
    g_assert_cmpuint (duplicate_at (newest, 0)->match, ==, 3);
  }

  /* A changed asset moves the case to its new host. */
  g_assert_true (mp_store_update_case (store, d, "asset", "https://portal.example.nl/", &error));
  g_assert_no_error (error);
  assert_found (store, a, "CVD-2026-0002:2 CVD-2026-0003:3 CVD-2026-0004:2 CVD-2026-0005:1");
  assert_found (store, d, "CVD-2026-0001:2 CVD-2026-0002:2 CVD-2026-0003:2");
  g_assert_true (mp_store_update_case (store, b, "asset", "intranet.example.nl", &error));
  g_assert_true (mp_store_update_case (store, c, "reporter_email", "other@example.org", &error));
  g_assert_no_error (error);
  assert_found (store, a, "CVD-2026-0003:2 CVD-2026-0004:2 CVD-2026-0005:1");
  assert_found (store, e, "CVD-2026-0001:1");

  /* A new case is found, and finds. */
  {
    MpCase *f = add_case (store, "intranet.example.nl", "OTHER@example.org");

    assert_found (store, b, "CVD-2026-0006:2");
    assert_found (store, f, "CVD-2026-0002:2 CVD-2026-0003:1");
  }

  /* Locked and unlocked again: the same answers. */
  mp_store_lock (store);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  a = mp_store_find_case (store, "CVD-2026-0001");
  assert_found (store, a, "CVD-2026-0003:2 CVD-2026-0004:2 CVD-2026-0005:1");

  /* Hosts and addresses beyond ASCII fold as before. */
  {
    g_autofree char *upper = mp_duplicates_host_of ("https://ÉÉN.Example.NL/pad");
    MpCase *g = add_case (store, "https://één.example.nl", "Ånna@Example.org");
    MpCase *h = add_case (store, "ÉÉN.EXAMPLE.NL", "ånna@example.ORG");

    g_assert_cmpstr (upper, ==, "één.example.nl");
    assert_found (store, g, "CVD-2026-0008:3");
    assert_found (store, h, "CVD-2026-0007:3");
  }

  /* A draft that is not in the store yet. */
  g_assert_true (mp_case_set_value_string (draft, "asset", "http://mail.example.nl", &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = found_text (store, draft);

    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true (mp_case_set_value_string (draft, "reporter_email", "ZOE@example.org", &error));
  {
    g_autofree char *text = found_text (store, draft);

    g_assert_cmpstr (text, ==, "CVD-2026-0001:1 CVD-2026-0005:1");
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The references are of 2026. */
  g_setenv ("MELDPUNT_NOW", "2026-11-22T10:00:00Z", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/duplicates/find-and-follow", Fixture, NULL, fixture_set_up, test_find_and_follow,
              fixture_tear_down);
  return g_test_run ();
}
