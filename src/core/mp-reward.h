/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-case.h"
#include "mp-policy.h"

G_BEGIN_DECLS

/* P-REWARD: who is eligible, how much to suggest, and the year's total. */

/* Why a case is not (yet) eligible; several may hold at once. */
typedef enum
{
  MP_REWARD_ELIGIBLE              = 0,
  MP_REWARD_NOT_IN_SCOPE          = 1 << 0,   /* scope.outcome is not in-scope (or not decided) */
  MP_REWARD_NOT_NEW               = 1 << 1,   /* scope.known is not "no" (or not answered) */
  MP_REWARD_RULES_NOT_FOLLOWED    = 1 << 2,   /* scope.rules_followed is not "yes" */
  MP_REWARD_FORBIDDEN_METHOD      = 1 << 3,   /* a scope.method.* was answered yes */
  MP_REWARD_OUTSIDE_INFLUENCE     = 1 << 4,   /* reward.in_influence is "no" */
} MpRewardIneligibility;

/* Checks eligibility from @kase's answers. @reasons (nullable) gets one
 * translated sentence per reason, (transfer full) (element-type utf8).
 * Returns: the reasons as flags; MP_REWARD_ELIGIBLE (0) when eligible. */
MpRewardIneligibility  mp_reward_check_eligibility (MpCase       *kase,
                                                    GPtrArray   **reasons);

/* The matrix amount for @severity × @quality, capped at the policy's cap;
 * 0 for severity "none"; -1 when either is NULL or unknown. In cents. */
gint64                 mp_reward_matrix_amount     (MpPolicy     *policy,
                                                    const char   *severity,
                                                    const char   *quality);
/* The suggested amount for @kase (its severity × `assess.quality`), in
 * cents: 0 when not eligible, -1 when severity or quality is not known yet. */
gint64                 mp_reward_suggest           (MpPolicy     *policy,
                                                    MpCase       *kase);

/* The sum of `reward.amount` of the cases in @store whose `reward.sent_on`
 * falls in @year, in cents. Declined rewards and unreadable amounts are left
 * out. Reads the answers with one query (mp_store_list_answer_values()), not
 * case by case, on first use, and keeps them on @store, up to date with its
 * "case-changed" and its list of cases; 0 while @store is locked, and (with
 * a warning) when it cannot be read. */
gint64                 mp_reward_year_total        (MpStore      *store,
                                                    int           year);
/* The same sum from @answers, a table of mp_store_list_answer_values() that
 * holds at least `reward.declined`, `reward.sent_on` and `reward.amount`:
 * for a caller that reads other answers with the same query. */
gint64                 mp_reward_sum_year          (GHashTable   *answers,
                                                    int           year);
/* The policy's yearly budget minus the year's total (may be negative). */
gint64                 mp_reward_budget_left       (MpPolicy     *policy,
                                                    MpStore      *store,
                                                    int           year);

/* Checks an amount for `reward.amount` (decimal text with a dot, as
 * stored) against the policy's cap (P-REWARD): an amount above it is never
 * offered to a reporter. The store calls it for every write of the answer.
 * Returns: FALSE with @error (MP_CHECKLIST_ERROR_INVALID) saying the cap. */
gboolean               mp_reward_check_amount      (MpPolicy     *policy,
                                                    const char   *value,
                                                    GError      **error);

G_END_DECLS
