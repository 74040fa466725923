/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-breach-register.h"
#include "mp-legal.h"
#include "mp-store.h"

/* The register of data breaches over a desk's stored cases, and what
 * erasing a case leaves of its entry. (test-legal tests the legal clocks
 * and drafts from values.) */

static gint64
at (const char *iso)
{
  gint64 usec = 0;

  g_assert_true (mp_legal_parse_moment (iso, &usec));
  return usec;
}

static MpCase *
new_case (const char *received)
{
  MpCase *kase = mp_case_new ();

  mp_case_set_text (kase, "reference", "CVD-2026-0023");
  mp_case_set_time (kase, "received_at", at (received));
  return kase;
}

static void
store_answer (MpStore    *store,
              MpCase     *kase,
              const char *item,
              const char *value,
              const char *note)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_set_answer (store, kase, item, value, note, &error));
  g_assert_no_error (error);
}

/* The register: every data breach with its facts, in a period, as CSV in
 * both languages; erasing a case's confidential data keeps its entry and
 * removes the rest. */
static void
test_register (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-legal-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(MpStore) store = mp_store_open (path, &error);
  g_autoptr(MpCase) breach = new_case ("2026-11-24T10:00:00+01:00");
  g_autoptr(MpCase) other = new_case ("2026-11-25T10:00:00+01:00");
  g_autoptr(MpCase) earlier = new_case ("2026-10-01T10:00:00+02:00");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) november = NULL;
  g_autoptr(GPtrArray) after_erasure = NULL;
  g_autofree char *csv_en = NULL;
  g_autofree char *csv_nl = NULL;
  MpCase *kase, *kase_other, *kase_earlier;
  MpBreachEntry *entry;
  const char *last;

  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "ICT Teamwork", "tulpen in de lente", &error));
  g_assert_no_error (error);
  mp_case_set_text (breach, "description", "Invoices of other customers, =1+1, readable");
  mp_case_set_text (breach, "title", "Invoices readable");
  mp_case_set_text (breach, "reporter_name", "Priya Kowalski");
  mp_case_set_text (other, "description", "No personal data");
  mp_case_set_text (other, "title", "TLS");
  mp_case_set_text (earlier, "description", "Older breach");
  mp_case_set_text (earlier, "title", "Older");
  kase = mp_store_add_case (store, breach, &error);
  g_assert_no_error (error);
  kase_other = mp_store_add_case (store, other, &error);
  kase_earlier = mp_store_add_case (store, earlier, &error);
  g_assert_no_error (error);

  store_answer (store, kase, "legal.data_breach", "yes", NULL);
  store_answer (store, kase, "legal.data_breach_data", "Names, addresses and \"amounts\"", NULL);
  store_answer (store, kase, "legal.data_breach_people", "About 1,200", "from the logs");
  store_answer (store, kase, "legal.data_breach_risk", "risk", NULL);
  store_answer (store, kase, "legal.gdpr_authority_notified_at", "2026-11-26T16:00:00+01:00",
                "by the privacy officer");
  store_answer (store, kase, "legal.gdpr_authority_reference", "AP-2026-4711", NULL);
  store_answer (store, kase_other, "legal.data_breach", "no", NULL);
  store_answer (store, kase_earlier, "legal.data_breach", "yes", NULL);
  store_answer (store, kase_earlier, "legal.gdpr_not_required", "One test account only", NULL);

  all = mp_breach_register_list (mp_store_get_cases (store), 0, 0);
  g_assert_cmpuint (all->len, ==, 2);
  entry = g_ptr_array_index (all, 0);
  g_assert_cmpstr (entry->reference, ==, mp_case_get_reference (kase_earlier));
  g_assert_cmpstr (entry->decision, ==, "not-notified");
  g_assert_cmpstr (entry->reason, ==, "One test account only");
  entry = g_ptr_array_index (all, 1);
  g_assert_cmpstr (entry->decision, ==, "notified");
  g_assert_cmpint (entry->notified_at, ==, at ("2026-11-26T15:00:00Z"));

  november = mp_breach_register_list (mp_store_get_cases (store), at ("2026-11-01T00:00:00+01:00"),
                                      at ("2026-12-01T00:00:00+01:00"));
  g_assert_cmpuint (november->len, ==, 1);

  csv_en = mp_breach_register_to_csv (november, "Europe/Amsterdam", "en");
  csv_nl = mp_breach_register_to_csv (november, "Europe/Amsterdam", "nl");
  g_assert_true (g_str_has_prefix (csv_en, "Reference,Aware since,Personal data,"));
  g_assert_true (g_str_has_prefix (csv_nl, "Kenmerk,Bekend sinds,Persoonsgegevens,"));
  last = strstr (csv_en, "\r\n") + 2;
  g_assert_cmpstr (last, ==,
                   "CVD-2026-0001,2026-11-24 10:00,\"Names, addresses and \"\"amounts\"\"\","
                   "\"About 1,200\",A risk,Notified to the authority,,2026-11-26 16:00,"
                   "AP-2026-4711,no\r\n");
  g_assert_nonnull (strstr (csv_nl, ",Een risico,Gemeld bij de toezichthouder,,"));

  /* Closed and erased: the register keeps the entry, the rest goes. */
  store_answer (store, kase, "close.closed_on", "2026-12-01", NULL);
  g_assert_true (mp_store_erase_case (store, kase, &error));
  g_assert_no_error (error);
  g_assert_null (mp_case_get_description (kase));
  g_assert_null (mp_case_get_reporter_name (kase));
  g_assert_null (mp_case_get_answer (kase, "legal.data_breach_people")->note);
  mp_store_lock (store);
  g_assert_true (mp_store_unlock (store, "tulpen in de lente", &error));
  g_assert_no_error (error);
  after_erasure = mp_breach_register_list (mp_store_get_cases (store),
                                           at ("2026-11-01T00:00:00+01:00"),
                                           at ("2026-12-01T00:00:00+01:00"));
  g_assert_cmpuint (after_erasure->len, ==, 1);
  entry = g_ptr_array_index (after_erasure, 0);
  g_assert_true (entry->erased);
  g_assert_cmpstr (entry->data, ==, "Names, addresses and \"amounts\"");
  g_assert_cmpstr (entry->people, ==, "About 1,200");
  g_assert_cmpstr (entry->decision, ==, "notified");
  g_assert_cmpstr (entry->authority_reference, ==, "AP-2026-4711");
  g_assert_cmpint (entry->notified_at, ==, at ("2026-11-26T15:00:00Z"));
  {
    g_autoptr(MpCase) reloaded = g_list_model_get_item (mp_store_get_cases (store), 0);

    g_assert_cmpstr (mp_case_get_reference (reloaded), ==, "CVD-2026-0001");
    g_assert_null (mp_case_get_description (reloaded));
    g_assert_null (mp_case_get_reporter_name (reloaded));
  }

  g_object_unref (kase);
  g_object_unref (kase_other);
  g_object_unref (kase_earlier);
  g_assert_finalize_object (g_steal_pointer (&store));
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/legal/register", test_register);

  return g_test_run ();
}
