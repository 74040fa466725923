/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * What the desk published (issue 24): one record per document and
 * domain, its renewal a month before it expires, on the deadlines list
 * beside the cases', audited, and written only while unlocked.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mp-deadlines.h"
#include "mp-error.h"
#include "mp-store.h"

#define PASSPHRASE "tulpen in de lente"

static gint64
at (const char *iso)
{
  g_autoptr(GDateTime) moment = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (moment);
  return g_date_time_to_unix (moment) * G_USEC_PER_SEC;
}

static MpDeadline *
renewal_of (GListModel *deadlines,
            const char *domain)
{
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), "security-txt-renewal") &&
          g_str_equal (mp_deadline_get_reference (deadline), domain))
        return g_steal_pointer (&deadline);
    }
  return NULL;
}

static void
test_publications (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-publications-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(GListModel) open = NULL;
  g_autoptr(MpDeadline) renewal = NULL;
  g_autofree char *head = NULL;
  MpStore *store;
  gint64 published = 0, expires = 0;
  gboolean is_signed = TRUE;
  guint entries_before = 0, entries_after = 0;

  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (mp_store_get_publication (store, "security.txt", "example.nl", NULL, NULL, NULL));
  g_assert_true (mp_store_verify_audit (store, &entries_before, NULL, NULL, &error));

  /* Expires on the 31st: a month before is the last day of the shorter month. */
  g_assert_true (mp_store_record_publication (store, "security.txt", "example.nl",
                                              at ("2026-04-30T09:00:00Z"),
                                              at ("2027-03-31T09:00:00Z"), FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_get_publication (store, "security.txt", "example.nl", &published,
                                           &expires, &is_signed));
  g_assert_cmpint (published, ==, at ("2026-04-30T09:00:00Z"));
  g_assert_cmpint (expires, ==, at ("2027-03-31T09:00:00Z"));
  g_assert_false (is_signed);
  g_assert_true (mp_store_verify_audit (store, &entries_after, &head, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries_after, ==, entries_before + 1);

  open = mp_deadlines_list_open (store, 0, 0, &error);
  g_assert_no_error (error);
  renewal = renewal_of (open, "example.nl");
  g_assert_nonnull (renewal);
  g_assert_cmpint (mp_deadline_get_due_at (renewal), ==, at ("2027-02-28T09:00:00Z"));
  g_assert_false (mp_deadline_is_met (renewal));
  g_clear_object (&renewal);
  /* The calendar's badge counts it once it is due. */
  g_assert_cmpuint (mp_store_count_overdue_deadlines (store, at ("2027-02-28T08:59:59Z"), &error),
                    ==, 0);
  g_assert_cmpuint (mp_store_count_overdue_deadlines (store, at ("2027-03-01T00:00:00Z"), &error),
                    ==, 1);
  g_assert_no_error (error);
  g_clear_object (&open);

  /* Outside the asked window it is not listed. */
  open = mp_deadlines_list_open (store, at ("2027-03-01T00:00:00Z"), 0, &error);
  g_assert_no_error (error);
  g_assert_null (renewal_of (open, "example.nl"));
  g_clear_object (&open);

  /* Publishing again replaces the record and moves the renewal. */
  g_assert_true (mp_store_record_publication (store, "security.txt", "example.nl",
                                              at ("2026-12-07T10:00:00Z"),
                                              at ("2027-11-07T10:00:00Z"), TRUE, &error));
  g_assert_no_error (error);
  open = mp_deadlines_list_for_calendar (store, &error);
  g_assert_no_error (error);
  renewal = renewal_of (open, "example.nl");
  g_assert_cmpint (mp_deadline_get_due_at (renewal), ==, at ("2027-10-07T10:00:00Z"));
  g_clear_object (&renewal);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  g_clear_object (&open);
  g_assert_true (mp_store_get_publication (store, "security.txt", "example.nl", NULL, NULL,
                                           &is_signed));
  g_assert_true (is_signed);

  /* Locked: readable, not writable. */
  mp_store_lock (store);
  g_assert_true (mp_store_get_publication (store, "security.txt", "example.nl", NULL, NULL, NULL));
  g_assert_false (mp_store_record_publication (store, "security.txt", "voorbeeld.nl",
                                               at ("2026-12-07T10:00:00Z"),
                                               at ("2027-11-07T10:00:00Z"), FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (mp_store_get_publication (store, "security.txt", "voorbeeld.nl", NULL, NULL,
                                            NULL));

  g_assert_finalize_object (store);
  {
    const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MELDPUNT_TEST_CHEAP_KDF", "1", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/publications", test_publications);
  return g_test_run ();
}
