/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-checklist.h"
#include "mp-reward.h"

/* The forbidden methods of the scope check (R-NO-SOCIAL … R-NO-THIRDPARTY). */
static const char * const forbidden_methods[] = {
  "scope.method.social_engineering",
  "scope.method.physical",
  "scope.method.dos",
  "scope.method.spam",
  "scope.method.malware",
  "scope.method.backdoor",
  "scope.method.data_beyond_need",
  "scope.method.unrelated_changes",
  "scope.method.third_party_apps",
};

static void
add_reason (GPtrArray  *reasons,
            const char *reason)
{
  if (reasons != NULL)
    g_ptr_array_add (reasons, g_strdup (reason));
}

MpRewardIneligibility
mp_reward_check_eligibility (MpCase     *kase,
                             GPtrArray **reasons)
{
  g_autoptr(GPtrArray) list = NULL;
  MpRewardIneligibility flags = MP_REWARD_ELIGIBLE;
  const char *outcome, *known, *rules, *influence;

  g_return_val_if_fail (MP_IS_CASE (kase), MP_REWARD_NOT_IN_SCOPE);

  if (reasons != NULL)
    list = g_ptr_array_new_with_free_func (g_free);

  outcome = mp_case_get_answer_value (kase, "scope.outcome");
  known = mp_case_get_answer_value (kase, "scope.known");
  rules = mp_case_get_answer_value (kase, "scope.rules_followed");
  influence = mp_case_get_answer_value (kase, "reward.in_influence");

  if (outcome == NULL)
    {
      flags |= MP_REWARD_NOT_IN_SCOPE;
      add_reason (list, _("The scope check has no outcome yet."));
    }
  else if (!g_str_equal (outcome, "in-scope"))
    {
      flags |= MP_REWARD_NOT_IN_SCOPE;
      add_reason (list, _("The report is not in scope."));
    }

  if (known == NULL)
    {
      flags |= MP_REWARD_NOT_NEW;
      add_reason (list, _("It is not yet recorded whether the problem was previously unknown."));
    }
  else if (!g_str_equal (known, "no"))
    {
      flags |= MP_REWARD_NOT_NEW;
      add_reason (list, _("The problem was already known (a duplicate, a known issue or an "
                          "earlier test finding)."));
    }

  if (rules == NULL)
    {
      flags |= MP_REWARD_RULES_NOT_FOLLOWED;
      add_reason (list, _("It is not yet recorded whether the reporter followed the rules."));
    }
  else if (!g_str_equal (rules, "yes"))
    {
      flags |= MP_REWARD_RULES_NOT_FOLLOWED;
      add_reason (list, _("The reporter did not follow the rules."));
    }

  for (guint i = 0; i < G_N_ELEMENTS (forbidden_methods); i++)
    if (g_strcmp0 (mp_case_get_answer_value (kase, forbidden_methods[i]), "yes") == 0)
      {
        flags |= MP_REWARD_FORBIDDEN_METHOD;
        add_reason (list, _("The reporter used a forbidden method."));
        break;
      }

  if (g_strcmp0 (influence, "no") == 0)
    {
      flags |= MP_REWARD_OUTSIDE_INFLUENCE;
      add_reason (list, _("The problem is outside the desk's influence."));
    }

  if (reasons != NULL)
    *reasons = g_steal_pointer (&list);
  return flags;
}

gint64
mp_reward_matrix_amount (MpPolicy   *policy,
                         const char *severity,
                         const char *quality)
{
  int s, q;

  g_return_val_if_fail (policy != NULL, -1);

  q = mp_quality_from_string (quality);
  if (g_strcmp0 (severity, "none") == 0 && q >= 0)
    return 0;
  s = mp_severity_from_string (severity);
  if (s < 0 || q < 0)
    return -1;
  return MIN (policy->reward_matrix[s][q], policy->reward_cap);
}

gint64
mp_reward_suggest (MpPolicy *policy,
                   MpCase   *kase)
{
  g_return_val_if_fail (policy != NULL, -1);
  g_return_val_if_fail (MP_IS_CASE (kase), -1);

  if (mp_reward_check_eligibility (kase, NULL) != MP_REWARD_ELIGIBLE)
    return 0;
  return mp_reward_matrix_amount (policy, mp_case_get_severity (kase),
                                  mp_case_get_answer_value (kase, "assess.quality"));
}

/* Whether a case with these reward answers counts toward @year's total,
 * and with how many cents. */
static gboolean
reward_counts (const char *declined,
               const char *sent_on_text,
               const char *amount,
               int         year,
               gint64     *cents)
{
  GDate sent_on;

  if (g_strcmp0 (declined, "yes") == 0)
    return FALSE;
  if (!mp_date_parse (sent_on_text, &sent_on) || (int) g_date_get_year (&sent_on) != year)
    return FALSE;
  return mp_amount_parse (amount, cents);
}

gint64
mp_reward_sum_year (GHashTable *answers,
                    int         year)
{
  GHashTableIter iter;
  GHashTable *values;
  gint64 total = 0;

  g_return_val_if_fail (answers != NULL, 0);

  g_hash_table_iter_init (&iter, answers);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &values))
    {
      gint64 cents;

      if (reward_counts (g_hash_table_lookup (values, "reward.declined"),
                         g_hash_table_lookup (values, "reward.sent_on"),
                         g_hash_table_lookup (values, "reward.amount"), year, &cents))
        total += cents;
    }
  return total;
}

/* The rewards of a store's cases, kept on the store (issue 12): reading
 * every case's reward answers took 50 ms at 10,000 cases and more than
 * 500 ms at 100,000, on every case page. Filled by one query on first use;
 * a changed case ("case-changed") updates its own entry from its answers,
 * and a change of the list of cases (added, unlocked, locked, a batch
 * undone) empties it until the next use. */
typedef struct
{
  int    year;
  gint64 cents;
} Reward;

typedef struct
{
  GListModel *cases;        /* owned: the store's, for the handler */
  gulong      items_id;
  gulong      changed_id;
  gboolean    valid;
  GHashTable *by_case;      /* case id (gint64 *) → Reward */
} RewardCache;

static GQuark
reward_cache_quark (void)
{
  return g_quark_from_static_string ("mp-reward-cache");
}

static void
reward_cache_free (gpointer data)
{
  RewardCache *cache = data;

  g_signal_handler_disconnect (cache->cases, cache->items_id);
  g_object_unref (cache->cases);
  g_hash_table_unref (cache->by_case);
  g_free (cache);
}

/* Whether a case with these reward answers counts, and toward which year. */
static gboolean
reward_of (const char *declined,
           const char *sent_on_text,
           const char *amount,
           Reward     *reward)
{
  GDate sent_on;

  if (g_strcmp0 (declined, "yes") == 0)
    return FALSE;
  if (!mp_date_parse (sent_on_text, &sent_on))
    return FALSE;
  reward->year = (int) g_date_get_year (&sent_on);
  return mp_amount_parse (amount, &reward->cents);
}

static void
reward_cache_set (RewardCache *cache,
                  gint64       case_id,
                  const char  *declined,
                  const char  *sent_on,
                  const char  *amount)
{
  Reward reward;

  if (reward_of (declined, sent_on, amount, &reward))
    g_hash_table_insert (cache->by_case, g_memdup2 (&case_id, sizeof case_id),
                         g_memdup2 (&reward, sizeof reward));
  else
    g_hash_table_remove (cache->by_case, &case_id);
}

static void
on_cases_changed_cb (GListModel  *cases,
                     guint        position,
                     guint        removed,
                     guint        added,
                     RewardCache *cache)
{
  cache->valid = FALSE;
  g_hash_table_remove_all (cache->by_case);
}

static void
on_case_changed_cb (MpStore     *store,
                    MpCase      *kase,
                    RewardCache *cache)
{
  if (!cache->valid)
    return;
  reward_cache_set (cache, mp_case_get_id (kase),
                    mp_case_get_answer_value (kase, "reward.declined"),
                    mp_case_get_answer_value (kase, "reward.sent_on"),
                    mp_case_get_answer_value (kase, "reward.amount"));
}

static RewardCache *
reward_cache_get (MpStore *store)
{
  RewardCache *cache = g_object_get_qdata (G_OBJECT (store), reward_cache_quark ());

  if (cache != NULL)
    return cache;
  cache = g_new0 (RewardCache, 1);
  cache->cases = g_object_ref (mp_store_get_cases (store));
  cache->by_case = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  cache->items_id = g_signal_connect (cache->cases, "items-changed",
                                      G_CALLBACK (on_cases_changed_cb), cache);
  /* Gone with the store, as the cache is. */
  cache->changed_id = g_signal_connect (store, "case-changed",
                                        G_CALLBACK (on_case_changed_cb), cache);
  g_object_set_qdata_full (G_OBJECT (store), reward_cache_quark (), cache, reward_cache_free);
  return cache;
}

gint64
mp_reward_year_total (MpStore *store,
                      int      year)
{
  static const char * const items[] = {
    "reward.declined", "reward.sent_on", "reward.amount", NULL
  };
  RewardCache *cache;
  GHashTableIter iter;
  Reward *reward;
  gint64 total = 0;

  g_return_val_if_fail (MP_IS_STORE (store), 0);

  /* A locked store has no cases to add up (its list of cases is empty). */
  if (mp_store_is_locked (store))
    return 0;
  cache = reward_cache_get (store);
  if (!cache->valid)
    {
      g_autoptr(GHashTable) answers = NULL;
      g_autoptr(GError) error = NULL;
      GHashTable *values;
      gint64 *case_id;

      /* One query for every case, instead of loading each case's answers. */
      answers = mp_store_list_answer_values (store, items, &error);
      if (answers == NULL)
        {
          g_warning ("Could not add up the rewards of %d: %s", year, error->message);
          return 0;
        }
      g_hash_table_iter_init (&iter, answers);
      while (g_hash_table_iter_next (&iter, (gpointer *) &case_id, (gpointer *) &values))
        reward_cache_set (cache, *case_id,
                          g_hash_table_lookup (values, "reward.declined"),
                          g_hash_table_lookup (values, "reward.sent_on"),
                          g_hash_table_lookup (values, "reward.amount"));
      cache->valid = TRUE;
    }

  g_hash_table_iter_init (&iter, cache->by_case);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &reward))
    if (reward->year == year)
      total += reward->cents;
  return total;
}

gint64
mp_reward_budget_left (MpPolicy *policy,
                       MpStore  *store,
                       int       year)
{
  g_return_val_if_fail (policy != NULL, 0);

  return policy->reward_budget - mp_reward_year_total (store, year);
}

gboolean
mp_reward_check_amount (MpPolicy    *policy,
                        const char  *value,
                        GError     **error)
{
  gint64 cents;

  g_return_val_if_fail (policy != NULL, FALSE);

  if (value == NULL || !mp_amount_parse (value, &cents))
    return TRUE;  /* the checklist says what is wrong with its form */
  if (policy->reward_cap > 0 && cents > policy->reward_cap)
    {
      g_autofree char *amount = mp_amount_format (cents);
      g_autofree char *cap = mp_amount_format (policy->reward_cap);

      g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                   /* Translators: "EUR 350.00 is above the reward cap of EUR 300.00 …" */
                   _("%s %s is above the reward cap of %s %s in the desk’s policy; a reward "
                     "can be at most %s %s."),
                   policy->currency != NULL ? policy->currency : "EUR", amount,
                   policy->currency != NULL ? policy->currency : "EUR", cap,
                   policy->currency != NULL ? policy->currency : "EUR", cap);
      return FALSE;
    }
  return TRUE;
}
