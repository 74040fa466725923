/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-case.h"
#include "mp-checklist.h"
#include "mp-policy.h"
#include "mp-record.h"

G_BEGIN_DECLS

/* The deadlines of a case (DOMAIN.md §3), derived from its answers and the
 * desk's policy. Kinds: "acknowledgement", "assessment", "progress-update",
 * "reporter-follow-up", "fix-target", "disclosure", "publication",
 * "data-deletion", and the legal ones of mp-legal.h: "gdpr-authority",
 * "gdpr-controller", "nis2-early-warning", "nis2-notification", "nis2-final",
 * "cra-early-warning", "cra-notification", "cra-final"; and the desk's own
 * "security-txt-renewal" (mp_store_list_renewals()), whose reference is a
 * domain, not a case. Due and met moments
 * are UTC microseconds; a date answer
 * ("2026-11-20") is due, or counts as met, at the end of that day in the
 * desk's time zone — or at the moment it was recorded when that was on the
 * same day. */

typedef enum
{
  MP_DEADLINE_STATE_OPEN,
  MP_DEADLINE_STATE_MET,
  MP_DEADLINE_STATE_OVERDUE,
} MpDeadlineState;

/* Returns: (transfer none): the kinds of a case (not the desk's own),
 * NULL-terminated, in the vocabulary's order (mp-vocabulary.h). */
const char * const *mp_deadlines_list_kinds      (void);
/* Returns: (transfer none) (nullable): the translated name of a kind. */
const char         *mp_deadlines_kind_get_label  (const char      *kind);
/* The checklist step a kind of deadline belongs to (MP_N_STEPS for an
 * unknown kind). */
MpStep              mp_deadlines_kind_get_step   (const char      *kind);

MpDeadlineState     mp_deadlines_get_state       (MpDeadline      *deadline,
                                                  gint64           now);
/* "open", "met" or "overdue". (transfer none) */
const char         *mp_deadline_state_to_string  (MpDeadlineState  state);

/* Every deadline of @kase under @policy, the case's severity given (NULL
 * while unknown). Pure: reads nothing else.
 * Returns: (transfer full) (element-type MpDeadline) */
GPtrArray          *mp_deadlines_for_case        (MpPolicy        *policy,
                                                  MpCase          *kase,
                                                  const char      *severity);
/* The deadline that warns: the earliest one not met; for a closed case only
 * the data deletion still counts.
 * Returns: (transfer none) (nullable) */
MpDeadline         *mp_deadlines_find_next       (GPtrArray       *deadlines,
                                                  gboolean         closed);

/* The deadlines of @deadlines (of MpDeadline) that are not met and whose
 * due moment lies in [@from, @to) — 0 for no bound — and every one of
 * @extra (nullable: none; already chosen by the caller), sorted by due
 * moment. The store's mp_deadlines_list_open() and
 * mp_deadlines_list_for_calendar() give them their deadlines.
 * Returns: (transfer full): a list of MpDeadline. */
GListModel         *mp_deadlines_select_open     (GListModel      *deadlines,
                                                  GListModel      *extra,
                                                  gint64           from,
                                                  gint64           to);

/* The expected fix date the policy suggests (P-FIX-ASAP) for a case
 * received at @received_at whose severity is @severity ("critical", "high",
 * "medium", "low"): the day the policy's fix days for it end, as
 * "YYYY-MM-DD" in the desk's time zone; NULL without a receipt moment or
 * when the severity sets no fix period ("none", unknown, NULL).
 * Returns: (transfer full) (nullable) */
char               *mp_deadlines_suggest_fix_date (MpPolicy      *policy,
                                                   gint64         received_at,
                                                   const char    *severity);
/* The kind of the desk key's deadline (issue 21), and its warning: the
 * store's mp_deadlines_list_for_calendar() adds it. */
#define MP_DEADLINE_DESK_KEY_EXPIRY "desk-key-expiry"
#define MP_DESK_KEY_WARNING_DAYS    30

G_END_DECLS
