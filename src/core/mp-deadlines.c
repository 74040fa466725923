/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-deadlines.h"
#include "mp-legal.h"
#include "mp-workdays.h"

/* ---- moments of answers --------------------------------------------------- */

static gboolean
answer_date (MpCase     *kase,
             const char *item,
             GDate      *date)
{
  const char *value = mp_case_get_answer_value (kase, item);

  return value != NULL && mp_date_parse (value, date);
}

/* The end of the day a date answer names. */
static gint64
date_due (MpPolicy   *policy,
          MpCase     *kase,
          const char *item)
{
  GDate date;

  if (!answer_date (kase, item, &date))
    return 0;
  return mp_workdays_end_of_day (policy, &date);
}

/* The end of the day @days after the day a date answer names. */
static gint64
date_plus_days_due (MpPolicy   *policy,
                    MpCase     *kase,
                    const char *item,
                    guint       days)
{
  GDate date;

  if (!answer_date (kase, item, &date))
    return 0;
  return mp_workdays_add_days_end (policy, mp_workdays_start_of_day (policy, &date), days);
}

/* When a date answer meets a deadline: the moment it was recorded when that
 * was on the named day (the most precise we know), else the end of that day
 * — a letter recorded afterwards is taken as sent by the end of its day. */
static gint64
date_met (MpPolicy   *policy,
          MpCase     *kase,
          const char *item)
{
  const MpAnswer *answer = mp_case_get_answer (kase, item);
  GDate date;
  gint64 start, end;

  if (answer == NULL || !mp_date_parse (answer->value, &date))
    return 0;
  start = mp_workdays_start_of_day (policy, &date);
  end = mp_workdays_end_of_day (policy, &date);
  if (answer->answered_at >= start && answer->answered_at <= end)
    return answer->answered_at;
  return end;
}

/* When any answer was recorded. */
static gint64
recorded_at (MpCase     *kase,
             const char *item)
{
  const MpAnswer *answer = mp_case_get_answer (kase, item);

  return answer != NULL ? answer->answered_at : 0;
}

static gint64
earliest (gint64 a,
          gint64 b)
{
  if (a == 0)
    return b;
  if (b == 0)
    return a;
  return MIN (a, b);
}

/* P-ACK promises a first reply, not a particular letter (issue 16): any
 * letter to the reporter meets it — a request for more information, the
 * acknowledgement itself, or whichever comes first. These are the answers
 * that date a letter sent (mp_letters_get_sent_item()). */
static gint64
first_reply (MpPolicy *policy,
             MpCase   *kase)
{
  static const char * const letter_items[] = {
    "ack.sent_on", "info.requested_on", "assess.sent_on", "remed.last_update_on",
    "close.delete_requested_on", "close.final_letter_on",
  };
  gint64 first = 0;

  for (guint i = 0; i < G_N_ELEMENTS (letter_items); i++)
    first = earliest (first, date_met (policy, kase, letter_items[i]));
  return first;
}

static void
add_deadline (GPtrArray  *deadlines,
              MpCase     *kase,
              const char *kind,
              gint64      due,
              gint64      met)
{
  if (due == 0)
    return;
  g_ptr_array_add (deadlines, mp_deadline_new (mp_case_get_reference (kase), kind, due, met));
}

/* Due moment, then reference and kind, so that listings are stable. */
static int
compare_deadlines (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  MpDeadline *da = (MpDeadline *) a;
  MpDeadline *db = (MpDeadline *) b;
  gint64 due_a = mp_deadline_get_due_at (da);
  gint64 due_b = mp_deadline_get_due_at (db);
  int cmp;

  if (due_a != due_b)
    return due_a < due_b ? -1 : 1;
  cmp = g_strcmp0 (mp_deadline_get_reference (da), mp_deadline_get_reference (db));
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (mp_deadline_get_kind (da), mp_deadline_get_kind (db));
}

static int
compare_deadline_pointers (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  return compare_deadlines (*(MpDeadline **) a, *(MpDeadline **) b, user_data);
}

/* ---- public --------------------------------------------------------------- */

const char * const *
mp_deadlines_list_kinds (void)
{
  static const char **kinds;

  /* The kinds of a case: the desk's own (of no step) are not. */
  if (g_once_init_enter (&kinds))
    {
      guint n_terms;
      const MpTerm *terms = mp_vocabulary_get_terms (MP_VOCABULARY_DEADLINE_KIND, &n_terms);
      GPtrArray *list = g_ptr_array_new ();

      for (guint i = 0; i < n_terms; i++)
        if (terms[i].step < MP_N_STEPS)
          g_ptr_array_add (list, (gpointer) terms[i].id);
      g_ptr_array_add (list, NULL);
      g_once_init_leave (&kinds, (const char **) g_ptr_array_free (list, FALSE));
    }
  return kinds;
}

const char *
mp_deadlines_kind_get_label (const char *kind)
{
  const MpTerm *term;

  g_return_val_if_fail (kind != NULL, NULL);

  term = mp_vocabulary_lookup (MP_VOCABULARY_DEADLINE_KIND, kind);
  return term != NULL ? mp_term_get_label (MP_VOCABULARY_DEADLINE_KIND, term) : NULL;
}

MpStep
mp_deadlines_kind_get_step (const char *kind)
{
  const MpTerm *term;

  g_return_val_if_fail (kind != NULL, MP_N_STEPS);

  term = mp_vocabulary_lookup (MP_VOCABULARY_DEADLINE_KIND, kind);
  return term != NULL ? term->step : MP_N_STEPS;
}

MpDeadlineState
mp_deadlines_get_state (MpDeadline *deadline,
                        gint64      now)
{
  g_return_val_if_fail (MP_IS_DEADLINE (deadline), MP_DEADLINE_STATE_OPEN);

  if (mp_deadline_is_met (deadline))
    return MP_DEADLINE_STATE_MET;
  if (mp_deadline_is_overdue (deadline, now))
    return MP_DEADLINE_STATE_OVERDUE;
  return MP_DEADLINE_STATE_OPEN;
}

const char *
mp_deadline_state_to_string (MpDeadlineState state)
{
  switch (state)
    {
    case MP_DEADLINE_STATE_OPEN:
      return "open";
    case MP_DEADLINE_STATE_MET:
      return "met";
    case MP_DEADLINE_STATE_OVERDUE:
      return "overdue";
    default:
      g_return_val_if_reached (NULL);
    }
}

GPtrArray *
mp_deadlines_for_case (MpPolicy   *policy,
                       MpCase     *kase,
                       const char *severity)
{
  GPtrArray *deadlines = g_ptr_array_new_with_free_func (g_object_unref);
  const char *outcome;
  gboolean early;
  gint64 received;
  gint64 final_letter;

  g_return_val_if_fail (policy != NULL, deadlines);
  g_return_val_if_fail (MP_IS_CASE (kase), deadlines);

  received = mp_case_get_received_at (kase);
  outcome = mp_checklist_get_outcome (kase);
  early = mp_checklist_outcome_is_early (outcome);
  /* A case that ends early is answered by its closing letter (referral,
   * duplicate or rejection notice), which also meets P-ACK and P-ASSESS. */
  final_letter = early ? date_met (policy, kase, "close.final_letter_on") : 0;

  /* Waiting for the reporter (R-RESPOND): follow up after the set days. */
  if (mp_case_get_answer_value (kase, "info.requested_on") != NULL)
    add_deadline (deadlines, kase, "reporter-follow-up",
                  date_plus_days_due (policy, kase, "info.requested_on", policy->follow_up_days),
                  mp_checklist_is_waiting (kase) ? 0 : date_met (policy, kase, "info.received_on"));

  if (received != 0)
    {
      /* P-ACK counts hours from the moment of receipt, P-ASSESS working days
       * to the end of the desk's day: both are kept, and the earlier warns. */
      add_deadline (deadlines, kase, "acknowledgement",
                    received + (gint64) policy->ack_hours * 3600 * G_USEC_PER_SEC,
                    earliest (first_reply (policy, kase), final_letter));
      add_deadline (deadlines, kase, "assessment",
                    mp_workdays_deadline (policy, received, policy->assess_workdays),
                    earliest (date_met (policy, kase, "assess.sent_on"), final_letter));
    }

  if (!early)
    {
      gint64 fix_due = date_due (policy, kase, "remed.fix_date_extended_to");
      gint64 disclosure_due = date_due (policy, kase, "disclose.extended_to");
      guint fix_days = mp_policy_get_fix_days (policy, severity);

      /* P-INFORM: the next update is due after the last one, or after the
       * assessment, for as long as the fix is under way. */
      if (!mp_checklist_is_closed (kase) &&
          mp_checklist_get_current_step (kase) == MP_STEP_REMEDIATION)
        {
          const char *from = mp_case_get_answer_value (kase, "remed.last_update_on") != NULL
                               ? "remed.last_update_on" : "assess.sent_on";

          add_deadline (deadlines, kase, "progress-update",
                        date_plus_days_due (policy, kase, from, policy->update_interval_days), 0);
        }

      /* P-FIX-ASAP: the extended date, the promised date, or the policy's
       * target for the severity. */
      if (fix_due == 0)
        fix_due = date_due (policy, kase, "assess.fix_date");
      if (fix_due == 0 && received != 0 && fix_days > 0)
        fix_due = mp_workdays_add_days_end (policy, received, fix_days);
      add_deadline (deadlines, kase, "fix-target", fix_due,
                    date_met (policy, kase, "remed.fixed_on"));

      /* P-DISCLOSE: the window closes after the set days, or later when
       * extended; it is settled once publication is agreed or the reporter's
       * plans are known. */
      if (disclosure_due == 0 && received != 0)
        disclosure_due = mp_workdays_add_days_end (policy, received, policy->disclosure_days);
      add_deadline (deadlines, kase, "disclosure", disclosure_due,
                    earliest (recorded_at (kase, "disclose.agreed_on"),
                              recorded_at (kase, "disclose.reporter_plans")));

      /* P-PUBLICATION: the agreed day; met when the advisory is recorded. */
      add_deadline (deadlines, kase, "publication", date_due (policy, kase, "disclose.agreed_on"),
                    recorded_at (kase, "disclose.advisory"));
    }

  /* R-DELETE-DATA, R-NO-PII: personal data goes within the set days after
   * closing; erasing the case's confidential data meets it too. */
  if (mp_checklist_is_closed (kase))
    add_deadline (deadlines, kase, "data-deletion",
                  date_plus_days_due (policy, kase, "close.closed_on", policy->deletion_days),
                  earliest (date_met (policy, kase, "close.own_data_deleted_on"),
                            mp_case_get_time (kase, "erased_at")));

  /* The law's clocks, in calendar hours from awareness. */
  mp_legal_add_deadlines (policy, kase, deadlines);

  return deadlines;
}

char *
mp_deadlines_suggest_fix_date (MpPolicy   *policy,
                               gint64      received_at,
                               const char *severity)
{
  guint fix_days;
  GDate day;

  g_return_val_if_fail (policy != NULL, NULL);

  fix_days = mp_policy_get_fix_days (policy, severity);
  if (received_at == 0 || fix_days == 0)
    return NULL;
  /* The same day the fix-target deadline falls on while no date is set. */
  day = mp_workdays_local_date (policy, mp_workdays_add_days_end (policy, received_at, fix_days));
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day));
}

MpDeadline *
mp_deadlines_find_next (GPtrArray *deadlines,
                        gboolean   closed)
{
  MpDeadline *next = NULL;

  g_return_val_if_fail (deadlines != NULL, NULL);

  for (guint i = 0; i < deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (mp_deadline_is_met (deadline))
        continue;
      if (closed && !g_str_equal (mp_deadline_get_kind (deadline), "data-deletion"))
        continue;
      if (next == NULL || mp_deadline_get_due_at (deadline) < mp_deadline_get_due_at (next))
        next = deadline;
    }
  return next;
}

GListModel *
mp_deadlines_select_open (GListModel *deadlines,
                          GListModel *extra,
                          gint64      from,
                          gint64      to)
{
  g_autoptr(GPtrArray) kept = NULL;
  GListStore *open;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (deadlines), NULL);
  g_return_val_if_fail (extra == NULL || G_IS_LIST_MODEL (extra), NULL);

  n = g_list_model_get_n_items (deadlines);
  kept = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      gint64 due = mp_deadline_get_due_at (deadline);

      if (mp_deadline_is_met (deadline) || (from != 0 && due < from) || (to != 0 && due >= to))
        continue;
      g_ptr_array_add (kept, g_steal_pointer (&deadline));
    }
  if (extra != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (extra); i++)
      g_ptr_array_add (kept, g_list_model_get_item (extra, i));
  /* Sorted once, in an array: a GListStore sorts its sequence node by node. */
  g_ptr_array_sort_with_data (kept, compare_deadline_pointers, NULL);
  open = g_list_store_new (MP_TYPE_DEADLINE);
  g_list_store_splice (open, 0, 0, kept->pdata, kept->len);
  return G_LIST_MODEL (open);
}
