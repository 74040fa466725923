/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The duplicate index as a value: built from a list of cases made here,
 * without a store. Each step compares its answer with the expected
 * references typed in, and with a plain comparison of the case with every
 * other one. (test-duplicates checks that the store keeps its index up to
 * date with its writes.)
 */
#include "config.h"

#include "mp-duplicates.h"

static MpCase *
add_case (GListStore *cases,
          const char *asset,
          const char *email)
{
  g_autoptr(MpCase) kase = mp_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;

  reference = g_strdup_printf ("CVD-2026-%04u", g_list_model_get_n_items (G_LIST_MODEL (cases)) + 1);
  mp_case_set_text (kase, "reference", reference);
  mp_case_set_text (kase, "title", "A report");
  if (asset != NULL)
    g_assert_true (mp_case_set_value_string (kase, "asset", asset, &error));
  if (email != NULL)
    g_assert_true (mp_case_set_value_string (kase, "reporter_email", email, &error));
  g_assert_no_error (error);
  g_list_store_append (cases, kase);
  /* The list keeps it: a borrowed pointer. */
  return kase;
}

static void
change (MpDuplicateIndex *index,
        MpCase           *kase,
        const char       *field,
        const char       *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_case_set_value_string (kase, field, value, &error));
  g_assert_no_error (error);
  mp_duplicate_index_update (index, kase);
}

/* Every other case compared with @kase, as the matching was before it had
 * an index. */
static char *
brute_force (GListModel *cases,
             MpCase     *kase)
{
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
found_text (MpDuplicateIndex *index,
            MpCase           *kase)
{
  g_autoptr(GPtrArray) found = mp_duplicate_index_find (index, kase);
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
assert_found (MpDuplicateIndex *index,
              GListStore       *cases,
              MpCase           *kase,
              const char       *expected)
{
  g_autofree char *text = found_text (index, kase);
  g_autofree char *reference = brute_force (G_LIST_MODEL (cases), kase);

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
test_find_and_follow (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (MP_TYPE_CASE);
  g_autoptr(MpDuplicateIndex) index = mp_duplicate_index_new (G_LIST_MODEL (cases));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  MpCase *a, *b, *c, *d, *e;

  a = add_case (cases, "https://portal.example.nl/login", "Zoe@Example.org");
  b = add_case (cases, "portal.example.nl", "someone@example.com");
  c = add_case (cases, "https://www.PORTAL.example.nl:8443/x", "zoe@example.org ");
  d = add_case (cases, "mail.example.nl", NULL);
  e = add_case (cases, NULL, "zoe@example.org");

  /* Host and e-mail address, folded; in the list's order. */
  assert_found (index, cases, a, "CVD-2026-0002:2 CVD-2026-0003:3 CVD-2026-0005:1");
  assert_found (index, cases, d, "");
  assert_found (index, cases, e, "CVD-2026-0001:1 CVD-2026-0003:1");

  /* The newest only, and the one asked for; how many in all. */
  {
    g_autoptr(GPtrArray) newest = NULL;
    guint n_found = 0;

    newest = mp_duplicate_index_find_newest (index, a, 1, "CVD-2026-0002", &n_found);
    g_assert_cmpuint (n_found, ==, 3);
    g_assert_cmpuint (newest->len, ==, 2);
    g_assert_cmpstr (duplicate_at (newest, 0)->reference, ==, "CVD-2026-0002");
    g_assert_cmpuint (duplicate_at (newest, 0)->match, ==, 2);
    g_assert_cmpstr (duplicate_at (newest, 1)->reference, ==, "CVD-2026-0005");
    g_clear_pointer (&newest, g_ptr_array_unref);
    newest = mp_duplicate_index_find_newest (index, a, 2, NULL, NULL);
    g_assert_cmpuint (newest->len, ==, 2);
    g_assert_cmpstr (duplicate_at (newest, 0)->reference, ==, "CVD-2026-0003");
    g_assert_cmpuint (duplicate_at (newest, 0)->match, ==, 3);
  }

  /* A changed asset moves the case to its new host. */
  change (index, d, "asset", "https://portal.example.nl/");
  assert_found (index, cases, a, "CVD-2026-0002:2 CVD-2026-0003:3 CVD-2026-0004:2 CVD-2026-0005:1");
  assert_found (index, cases, d, "CVD-2026-0001:2 CVD-2026-0002:2 CVD-2026-0003:2");
  change (index, b, "asset", "intranet.example.nl");
  change (index, c, "reporter_email", "other@example.org");
  assert_found (index, cases, a, "CVD-2026-0003:2 CVD-2026-0004:2 CVD-2026-0005:1");
  assert_found (index, cases, e, "CVD-2026-0001:1");

  /* A new case in the list is found, and finds. */
  {
    MpCase *f = add_case (cases, "intranet.example.nl", "OTHER@example.org");

    assert_found (index, cases, b, "CVD-2026-0006:2");
    assert_found (index, cases, f, "CVD-2026-0002:2 CVD-2026-0003:1");
  }

  /* Hosts and addresses beyond ASCII fold as before. */
  {
    g_autofree char *upper = mp_duplicates_host_of ("https://ÉÉN.Example.NL/pad");
    MpCase *g = add_case (cases, "https://één.example.nl", "Ånna@Example.org");
    MpCase *h = add_case (cases, "ÉÉN.EXAMPLE.NL", "ånna@example.ORG");

    g_assert_cmpstr (upper, ==, "één.example.nl");
    assert_found (index, cases, g, "CVD-2026-0008:3");
    assert_found (index, cases, h, "CVD-2026-0007:3");
  }

  /* A draft that is not in the list. */
  g_assert_true (mp_case_set_value_string (draft, "asset", "http://mail.example.nl", &error));
  g_assert_no_error (error);
  {
    g_autofree char *text = found_text (index, draft);

    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true (mp_case_set_value_string (draft, "reporter_email", "ZOE@example.org", &error));
  {
    g_autofree char *text = found_text (index, draft);

    g_assert_cmpstr (text, ==, "CVD-2026-0001:1 CVD-2026-0005:1");
  }

  /* An emptied list finds nothing. */
  g_list_store_remove_all (cases);
  {
    g_autofree char *text = found_text (index, draft);

    g_assert_cmpstr (text, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/duplicate-index/find-and-follow", test_find_and_follow);
  return g_test_run ();
}
