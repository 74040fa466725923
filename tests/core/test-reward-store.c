/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The rewards of a desk: the year's total from the store's answers, kept
 * up to date with its writes (the reward ledger it keeps), and the cap
 * checked on every write of an amount.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-reward.h"
#include "mp-store.h"

/* The per-case total, as mp_reward_year_total() computed it from the loaded
 * cases before it asked the store: the reference the store query must equal. */
static gint64
per_case_year_total (GListModel *cases,
                     int         year)
{
  gint64 total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      GDate sent_on;
      gint64 cents;

      if (g_strcmp0 (mp_case_get_answer_value (kase, "reward.declined"), "yes") == 0)
        continue;
      if (!mp_date_parse (mp_case_get_answer_value (kase, "reward.sent_on"), &sent_on) ||
          (int) g_date_get_year (&sent_on) != year)
        continue;
      if (!mp_amount_parse (mp_case_get_answer_value (kase, "reward.amount"), &cents))
        continue;
      total += cents;
    }
  return total;
}

#define PASSPHRASE "tulpen in de lente"

static MpCase *
add_rewarded_case (MpStore    *store,
                   const char *amount,
                   const char *sent_on)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", "Rewarded");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "reward.voucher_code", "VOUCHER-1", NULL, &error));
  if (amount != NULL)
    g_assert_true (mp_store_set_answer (store, kase, "reward.amount", amount, NULL, &error));
  if (sent_on != NULL)
    g_assert_true (mp_store_set_answer (store, kase, "reward.sent_on", sent_on, NULL, &error));
  g_assert_no_error (error);
  /* The store's case list keeps it alive: hand back a borrowed pointer. */
  g_object_unref (kase);
  return kase;
}

static void
assert_totals (MpStore *store)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  GListModel *cases = mp_store_get_cases (store);

  /* Known answers first, so a wrong reference cannot hide a wrong total:
   * 150.00 + 75.50 + 12.00 + 40.00 of the erased case in 2026. */
  g_assert_cmpint (mp_reward_year_total (store, 2026), ==, 27750);
  g_assert_cmpint (mp_reward_year_total (store, 2025), ==, 10000);
  g_assert_cmpint (mp_reward_year_total (store, 2027), ==, 20000);
  g_assert_cmpint (mp_reward_year_total (store, 2024), ==, 0);
  for (int year = 2024; year <= 2027; year++)
    g_assert_cmpint (mp_reward_year_total (store, year), ==, per_case_year_total (cases, year));
  g_assert_cmpint (mp_reward_budget_left (policy, store, 2026), ==, 150000 - 27750);

  /* The overview's query, with other items beside the reward's, adds up the same. */
  {
    static const char * const items[] = {
      "ack.sent_on", "reward.sent_on", "reward.declined", "reward.amount", "reward.voucher_code", NULL
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) answers = mp_store_list_answer_values (store, items, &error);
    GHashTableIter iter;
    GHashTable *values;

    g_assert_no_error (error);
    g_assert_cmpint (mp_reward_sum_year (answers, 2026), ==, 27750);
    g_assert_cmpint (mp_reward_sum_year (answers, 2025), ==, 10000);
    /* The confidential voucher code is never in it. */
    g_hash_table_iter_init (&iter, answers);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &values))
      g_assert_null (g_hash_table_lookup (values, "reward.voucher_code"));
  }

  /* Over budget shows as negative. */
  g_assert_true (mp_policy_apply (policy, "reward_budget", "200", NULL));
  g_assert_cmpint (mp_reward_budget_left (policy, store, 2026), ==, -7750);
}

static void
test_year_total (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-reward-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "meldpunt.db", NULL);
  MpCase *declined, *erased;

  g_assert_no_error (error);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);

  add_rewarded_case (store, "150.00", "2026-01-01");
  add_rewarded_case (store, "75.50", "2026-12-31");
  add_rewarded_case (store, "100", "2025-12-31");
  add_rewarded_case (store, "200.00", "2027-01-01");
  add_rewarded_case (store, "50.00", NULL);
  add_rewarded_case (store, "lots", "2026-03-03");
  add_rewarded_case (store, NULL, "2026-03-04");
  declined = add_rewarded_case (store, "300.00", "2026-06-01");
  g_assert_true (mp_store_set_answer (store, declined, "reward.declined", "yes", NULL, &error));
  {
    MpCase *undeclined = add_rewarded_case (store, "12.00", "2026-06-02");

    /* Declined, then not after all: counts. */
    g_assert_true (mp_store_set_answer (store, undeclined, "reward.declined", "yes", NULL, &error));
    g_assert_true (mp_store_set_answer (store, undeclined, "reward.declined", "no", NULL, &error));
  }
  /* The erased case keeps its (not confidential) amount and date. */
  erased = add_rewarded_case (store, "40.00", "2026-02-02");
  g_assert_true (mp_store_set_answer (store, erased, "close.closed_on", "2026-11-22", NULL, &error));
  g_assert_true (mp_store_erase_case (store, erased, &error));
  g_assert_no_error (error);

  assert_totals (store);

  /* Again after a restart, when the cases' answers are not loaded yet. */
  g_clear_object (&store);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_totals (store);

  /* A locked store has no total to give. */
  g_clear_object (&store);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (mp_store_list_answer_values (store, (const char *[]) { "reward.amount", NULL },
                                              &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (mp_reward_year_total (store, 2026), ==, 0);
  g_clear_object (&store);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

/* The year's total is kept between calls (issue 12) and follows every
 * change: an answer of a case, a new case, a batch undone, lock and unlock.
 * Each step also equals the total counted case by case. */
static void
assert_year (MpStore *store,
             int      year,
             gint64   expected)
{
  g_assert_cmpint (mp_reward_year_total (store, year), ==, expected);
  g_assert_cmpint (per_case_year_total (mp_store_get_cases (store), year), ==, expected);
}

/* P-REWARD: an amount above the cap is refused with the reason, by the
 * store itself, so every way in (the window, `case answer`) refuses it. */
static void
test_cap_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-reward-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "meldpunt.db", NULL);
  MpCase *kase;

  /* the rule on its own */
  g_assert_true (mp_reward_check_amount (policy, "300.00", &error));
  g_assert_no_error (error);
  g_assert_false (mp_reward_check_amount (policy, "350.00", &error));
  g_assert_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "350.00"));
  g_assert_nonnull (strstr (error->message, "300.00"));
  g_clear_error (&error);

  g_assert_no_error (error);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);
  kase = add_rewarded_case (store, "300.00", "2026-05-01");

  g_assert_false (mp_store_set_answer (store, kase, "reward.amount", "350.00", NULL, &error));
  g_assert_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cap"));
  g_clear_error (&error);
  /* nothing changed */
  g_assert_cmpstr (mp_case_get_answer_value (kase, "reward.amount"), ==, "300.00");

  /* a desk that raises its cap may give more */
  g_assert_true (mp_store_set_policy (store, "reward_cap", "400.00", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "reward.amount", "350.00", NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

static void
test_year_total_follows_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-reward-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "meldpunt.db", NULL);
  MpCase *first, *second;

  g_assert_no_error (error);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);

  first = add_rewarded_case (store, "100.00", "2026-05-01");
  assert_year (store, 2026, 10000);

  /* The amount, declining and not, and the year it was sent. */
  g_assert_true (mp_store_set_answer (store, first, "reward.amount", "120.00", NULL, &error));
  assert_year (store, 2026, 12000);
  g_assert_true (mp_store_set_answer (store, first, "reward.declined", "yes", NULL, &error));
  assert_year (store, 2026, 0);
  g_assert_true (mp_store_set_answer (store, first, "reward.declined", "no", NULL, &error));
  assert_year (store, 2026, 12000);
  g_assert_true (mp_store_set_answer (store, first, "reward.sent_on", "2025-12-30", NULL, &error));
  g_assert_no_error (error);
  assert_year (store, 2026, 0);
  assert_year (store, 2025, 12000);

  /* A new case. */
  second = add_rewarded_case (store, "30.00", "2026-01-02");
  assert_year (store, 2026, 3000);

  /* A change in a batch that is undone leaves the total as it was. */
  g_assert_true (mp_store_begin_batch (store, &error));
  g_assert_true (mp_store_set_answer (store, second, "reward.amount", "299.00", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mp_reward_year_total (store, 2026), ==, 29900);
  mp_store_abort_batch (store);
  assert_year (store, 2026, 3000);

  /* Locked: nothing; unlocked again: the same totals. */
  mp_store_lock (store);
  g_assert_cmpint (mp_reward_year_total (store, 2026), ==, 0);
  g_assert_true (mp_store_unlock (store, PASSPHRASE, &error));
  g_assert_no_error (error);
  assert_year (store, 2026, 3000);
  assert_year (store, 2025, 12000);

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reward/year-total", test_year_total);
  g_test_add_func ("/reward/year-total-follows-changes", test_year_total_follows_changes);
  g_test_add_func ("/reward/cap-refused", test_cap_refused);

  return g_test_run ();
}
