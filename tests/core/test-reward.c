/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-checklist.h"
#include "mp-reward.h"

static void
answer (MpCase     *kase,
        const char *item,
        const char *value)
{
  MpAnswer *a = g_new0 (MpAnswer, 1);

  a->item = g_strdup (item);
  a->value = g_strdup (value);
  a->actor = g_strdup ("test");
  _mp_case_put_answer (kase, a);
}

/* A case that meets every condition of P-REWARD. */
static MpCase *
eligible_case (const char *severity,
               const char *quality)
{
  MpCase *kase = mp_case_new ();

  mp_case_set_text (kase, "severity", severity);
  answer (kase, "scope.outcome", "in-scope");
  answer (kase, "scope.known", "no");
  answer (kase, "scope.rules_followed", "yes");
  answer (kase, "scope.method.dos", "no");
  answer (kase, "scope.method.social_engineering", "no");
  if (quality != NULL)
    answer (kase, "assess.quality", quality);
  return kase;
}

static void
test_eligible (void)
{
  g_autoptr(MpCase) kase = eligible_case ("high", "good");
  g_autoptr(GPtrArray) reasons = NULL;

  g_assert_cmpint (mp_reward_check_eligibility (kase, &reasons), ==, MP_REWARD_ELIGIBLE);
  g_assert_cmpuint (reasons->len, ==, 0);

  /* "Within influence" only excludes when answered no. */
  answer (kase, "reward.in_influence", "yes");
  g_assert_cmpint (mp_reward_check_eligibility (kase, NULL), ==, MP_REWARD_ELIGIBLE);
}

static void
test_not_eligible (void)
{
  static const struct {
    const char            *item;
    const char            *value;
    MpRewardIneligibility  flag;
  } cases[] = {
    { "scope.outcome", "out-of-scope", MP_REWARD_NOT_IN_SCOPE },
    { "scope.outcome", "duplicate", MP_REWARD_NOT_IN_SCOPE },
    { "scope.outcome", "not-vulnerability", MP_REWARD_NOT_IN_SCOPE },
    { "scope.known", "duplicate", MP_REWARD_NOT_NEW },
    { "scope.known", "known-issue", MP_REWARD_NOT_NEW },
    { "scope.known", "earlier-test", MP_REWARD_NOT_NEW },
    { "scope.rules_followed", "no", MP_REWARD_RULES_NOT_FOLLOWED },
    { "scope.method.dos", "yes", MP_REWARD_FORBIDDEN_METHOD },
    { "scope.method.data_beyond_need", "yes", MP_REWARD_FORBIDDEN_METHOD },
    { "scope.method.third_party_apps", "yes", MP_REWARD_FORBIDDEN_METHOD },
    { "reward.in_influence", "no", MP_REWARD_OUTSIDE_INFLUENCE },
  };
  g_autoptr(MpPolicy) policy = mp_policy_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MpCase) kase = eligible_case ("critical", "excellent");
      g_autoptr(GPtrArray) reasons = NULL;

      answer (kase, cases[i].item, cases[i].value);
      g_assert_cmpint (mp_reward_check_eligibility (kase, &reasons), ==, cases[i].flag);
      g_assert_cmpuint (reasons->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (reasons, 0), !=, "");
      g_assert_cmpint (mp_reward_suggest (policy, kase), ==, 0);
    }

  /* Nothing answered yet: every condition still open. */
  {
    g_autoptr(MpCase) kase = mp_case_new ();
    g_autoptr(GPtrArray) reasons = NULL;

    g_assert_cmpint (mp_reward_check_eligibility (kase, &reasons), ==,
                     MP_REWARD_NOT_IN_SCOPE | MP_REWARD_NOT_NEW | MP_REWARD_RULES_NOT_FOLLOWED);
    g_assert_cmpuint (reasons->len, ==, 3);
  }

  /* Several reasons at once, each named once. */
  {
    g_autoptr(MpCase) kase = eligible_case ("low", "poor");
    g_autoptr(GPtrArray) reasons = NULL;

    answer (kase, "scope.rules_followed", "no");
    answer (kase, "scope.method.spam", "yes");
    answer (kase, "scope.method.malware", "yes");
    answer (kase, "reward.in_influence", "no");
    g_assert_cmpint (mp_reward_check_eligibility (kase, &reasons), ==,
                     MP_REWARD_RULES_NOT_FOLLOWED | MP_REWARD_FORBIDDEN_METHOD |
                     MP_REWARD_OUTSIDE_INFLUENCE);
    g_assert_cmpuint (reasons->len, ==, 3);
  }
}

static void
test_amounts (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();

  g_assert_cmpint (mp_reward_matrix_amount (policy, "critical", "excellent"), ==, 30000);
  g_assert_cmpint (mp_reward_matrix_amount (policy, "low", "poor"), ==, 0);
  g_assert_cmpint (mp_reward_matrix_amount (policy, "none", "excellent"), ==, 0);
  g_assert_cmpint (mp_reward_matrix_amount (policy, "critical", NULL), ==, -1);
  g_assert_cmpint (mp_reward_matrix_amount (policy, NULL, "good"), ==, -1);
  g_assert_cmpint (mp_reward_matrix_amount (policy, "severe", "good"), ==, -1);

  /* Increasing with severity and with quality. */
  for (guint s = 0; s < MP_N_SEVERITIES; s++)
    for (guint q = 1; q < MP_N_QUALITIES; q++)
      g_assert_cmpint (policy->reward_matrix[s][q - 1], <=, policy->reward_matrix[s][q]);
  for (guint q = 0; q < MP_N_QUALITIES; q++)
    for (guint s = 1; s < MP_N_SEVERITIES; s++)
      g_assert_cmpint (policy->reward_matrix[s - 1][q], <=, policy->reward_matrix[s][q]);

  /* The suggestion follows the case's severity and quality. */
  {
    g_autoptr(MpCase) kase = eligible_case ("critical", "excellent");
    g_autoptr(MpCase) unassessed = eligible_case (NULL, NULL);

    g_assert_cmpint (mp_reward_suggest (policy, kase), ==, 30000);
    g_assert_cmpint (mp_reward_suggest (policy, unassessed), ==, -1);
  }

  /* A matrix above the cap (e.g. read from an older database) is capped. */
  policy->reward_matrix[MP_SEVERITY_CRITICAL][MP_QUALITY_EXCELLENT] = 50000;
  g_assert_cmpint (mp_reward_matrix_amount (policy, "critical", "excellent"), ==, 30000);
  g_assert_true (mp_policy_apply (policy, "reward_cap", "500", NULL));
  g_assert_cmpint (mp_reward_matrix_amount (policy, "critical", "excellent"), ==, 50000);
  g_assert_true (mp_policy_apply (policy, "reward_matrix.high.good", "0", NULL));
  g_assert_cmpint (mp_reward_matrix_amount (policy, "high", "good"), ==, 0);
}

static void
add_answers (GHashTable *answers,
             gint64      case_id,
             const char *declined,
             const char *sent_on,
             const char *amount)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (declined != NULL)
    g_hash_table_insert (values, g_strdup ("reward.declined"), g_strdup (declined));
  if (sent_on != NULL)
    g_hash_table_insert (values, g_strdup ("reward.sent_on"), g_strdup (sent_on));
  if (amount != NULL)
    g_hash_table_insert (values, g_strdup ("reward.amount"), g_strdup (amount));
  g_hash_table_insert (answers, g_memdup2 (&case_id, sizeof case_id), values);
}

/* The year's total from a table of answers, as the store reads them, and
 * kept by a ledger that follows a changed case. */
static void
test_ledger (void)
{
  g_autoptr(GHashTable) answers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_hash_table_unref);
  g_autoptr(MpRewardLedger) ledger = NULL;
  g_autoptr(MpCase) kase = mp_case_new ();

  add_answers (answers, 1, NULL, "2026-03-01", "150.00");
  add_answers (answers, 2, "no", "2026-12-31", "75.50");
  add_answers (answers, 3, "yes", "2026-05-01", "500.00");    /* declined */
  add_answers (answers, 4, NULL, "2025-12-31", "100");
  add_answers (answers, 5, NULL, NULL, "80.00");              /* not sent */
  add_answers (answers, 6, NULL, "2026-06-01", "a lot");      /* unreadable */
  g_assert_cmpint (mp_reward_sum_year (answers, 2026), ==, 22550);
  g_assert_cmpint (mp_reward_sum_year (answers, 2025), ==, 10000);
  g_assert_cmpint (mp_reward_sum_year (answers, 2027), ==, 0);

  ledger = mp_reward_ledger_new (answers);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2026), ==, 22550);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2025), ==, 10000);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2027), ==, 0);

  /* Case 2 declined after all, then sent in 2027 instead. */
  _mp_case_set_id (kase, 2);
  answer (kase, "reward.declined", "yes");
  answer (kase, "reward.sent_on", "2026-12-31");
  answer (kase, "reward.amount", "75.50");
  mp_reward_ledger_update (ledger, kase);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2026), ==, 15000);
  answer (kase, "reward.declined", "no");
  answer (kase, "reward.sent_on", "2027-01-02");
  mp_reward_ledger_update (ledger, kase);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2026), ==, 15000);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2027), ==, 7550);

  /* A new case, not in the table it was built from. */
  g_clear_object (&kase);
  kase = mp_case_new ();
  _mp_case_set_id (kase, 7);
  answer (kase, "reward.sent_on", "2027-02-01");
  answer (kase, "reward.amount", "20");
  mp_reward_ledger_update (ledger, kase);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2027), ==, 9550);

  /* An empty ledger. */
  g_clear_object (&ledger);
  ledger = mp_reward_ledger_new (NULL);
  g_assert_cmpint (mp_reward_ledger_year_total (ledger, 2026), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reward/eligible", test_eligible);
  g_test_add_func ("/reward/not-eligible", test_not_eligible);
  g_test_add_func ("/reward/amounts", test_amounts);
  g_test_add_func ("/reward/ledger", test_ledger);

  return g_test_run ();
}
