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

/* The same sum from @answers, a table of answers by case id (as the
 * store's mp_store_list_answer_values() gives) that holds at least
 * `reward.declined`, `reward.sent_on` and `reward.amount`. */
gint64                 mp_reward_sum_year          (GHashTable   *answers,
                                                    int           year);

/* The rewards of a desk's cases by year, kept: built from a table of
 * answers as mp_reward_sum_year() takes, and brought up to date one case at
 * a time (mp_reward_ledger_update(), from the case's answers). Declined
 * rewards and unreadable amounts are left out. */
#define MP_TYPE_REWARD_LEDGER (mp_reward_ledger_get_type ())
G_DECLARE_FINAL_TYPE (MpRewardLedger, mp_reward_ledger, MP, REWARD_LEDGER, GObject)

/* Returns: (transfer full) */
MpRewardLedger        *mp_reward_ledger_new        (GHashTable   *answers);
void                   mp_reward_ledger_update     (MpRewardLedger *self,
                                                    MpCase       *kase);
/* The sum of `reward.amount` of the cases whose `reward.sent_on` falls in
 * @year, in cents. */
gint64                 mp_reward_ledger_year_total (MpRewardLedger *self,
                                                    int           year);

/* Checks an amount for `reward.amount` (decimal text with a dot, as
 * stored) against the policy's cap (P-REWARD): an amount above it is never
 * offered to a reporter. The store calls it for every write of the answer.
 * Returns: FALSE with @error (MP_CHECKLIST_ERROR_INVALID) saying the cap. */
gboolean               mp_reward_check_amount      (MpPolicy     *policy,
                                                    const char   *value,
                                                    GError      **error);

G_END_DECLS
