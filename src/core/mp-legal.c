/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-legal.h"
#include "mp-record.h"
#include "mp-vocabulary.h"
#include "mp-workdays.h"

#define HOUR (G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC)

/* ---- helpers -------------------------------------------------------------- */

static gboolean
answer_is (MpCase     *kase,
           const char *item,
           const char *value)
{
  return g_strcmp0 (mp_case_get_answer_value (kase, item), value) == 0;
}

/* The moment a moment answer names; 0 when unanswered. */
static gint64
moment_of (MpCase     *kase,
           const char *item)
{
  const char *value = mp_case_get_answer_value (kase, item);
  gint64 moment = 0;

  if (value == NULL || !mp_legal_parse_moment (value, &moment))
    return 0;
  return moment;
}

/* When an answer was recorded ("not required" with its reason). */
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

/* @moment plus @months calendar months, or @days calendar days, at the
 * same wall-clock time in the desk's zone (a day is 23 or 25 hours over a
 * clock change). */
static gint64
add_calendar (MpPolicy *policy,
              gint64    moment,
              guint     months,
              guint     days)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) with_days = NULL;
  gint64 rest;

  if (moment == 0)
    return 0;
  rest = moment % G_USEC_PER_SEC;
  utc = g_date_time_new_from_unix_utc (moment / G_USEC_PER_SEC);
  local = g_date_time_to_timezone (utc, policy->tz);
  later = g_date_time_add_months (local, (int) months);
  with_days = g_date_time_add_days (later, (int) days);
  return g_date_time_to_unix (with_days) * G_USEC_PER_SEC + rest;
}

static void
add (GPtrArray  *deadlines,
     MpCase     *kase,
     const char *kind,
     gint64      due,
     gint64      met)
{
  if (due == 0)
    return;
  g_ptr_array_add (deadlines, mp_deadline_new (mp_case_get_reference (kase), kind, due, met));
}

static gint64
cra_in_force (MpPolicy *policy)
{
  GDate date;

  if (!mp_date_parse (MP_LEGAL_CRA_IN_FORCE, &date))
    g_assert_not_reached ();
  return mp_workdays_start_of_day (policy, &date);
}

/* ---- public --------------------------------------------------------------- */

gboolean
mp_legal_parse_moment (const char *text,
                       gint64     *moment)
{
  g_autoptr(GDateTime) parsed = NULL;

  g_return_val_if_fail (moment != NULL, FALSE);

  /* No default zone: a moment without one is refused, not guessed. */
  if (text == NULL || strlen (text) < 16 || strchr (text, 'T') == NULL)
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (text, NULL);
  if (parsed == NULL || g_date_time_get_year (parsed) < 1970)
    return FALSE;
  *moment = g_date_time_to_unix (parsed) * G_USEC_PER_SEC + g_date_time_get_microsecond (parsed);
  return TRUE;
}

gint64
mp_legal_get_aware_at (MpCase *kase)
{
  gint64 aware;

  g_return_val_if_fail (MP_IS_CASE (kase), 0);

  aware = moment_of (kase, "legal.aware_at");
  return aware != 0 ? aware : mp_case_get_received_at (kase);
}

gboolean
mp_legal_gdpr_applies (MpCase *kase)
{
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  return answer_is (kase, "legal.data_breach", "yes");
}

gboolean
mp_legal_is_processor (MpPolicy *policy,
                       MpCase   *kase)
{
  const char *role;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  role = mp_case_get_answer_value (kase, "legal.role");
  if (role != NULL)
    return g_str_equal (role, "processor");
  return policy->legal_processor;
}

gboolean
mp_legal_nis2_applies (MpPolicy *policy,
                       MpCase   *kase)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  return policy->legal_essential_entity && answer_is (kase, "legal.significant_incident", "yes");
}

gboolean
mp_legal_cra_applies (MpPolicy *policy,
                      MpCase   *kase)
{
  gint64 aware;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  /* A researcher's finding with no sign of earlier malicious use is not
   * "actively exploited": the checklist asks, and only "yes" counts. */
  if (!answer_is (kase, "legal.exploited", "yes") || !answer_is (kase, "legal.own_product", "yes"))
    return FALSE;
  aware = mp_legal_get_aware_at (kase);
  return aware != 0 && aware >= cra_in_force (policy);
}

gboolean
mp_legal_is_legal_kind (const char *kind)
{
  const MpTerm *term = mp_vocabulary_lookup (MP_VOCABULARY_DEADLINE_KIND, kind);

  return term != NULL && term->legal;
}

void
mp_legal_add_deadlines (MpPolicy  *policy,
                        MpCase    *kase,
                        GPtrArray *deadlines)
{
  gint64 aware;

  g_return_if_fail (policy != NULL);
  g_return_if_fail (MP_IS_CASE (kase));
  g_return_if_fail (deadlines != NULL);

  aware = mp_legal_get_aware_at (kase);
  if (aware == 0)
    return;

  /* AVG art. 33: a controller notifies the Autoriteit Persoonsgegevens, a
   * processor informs its client, the controller. Recording why no
   * notification is needed (art. 33(5)) settles it as well. */
  if (mp_legal_gdpr_applies (kase))
    {
      if (mp_legal_is_processor (policy, kase))
        add (deadlines, kase, "gdpr-controller",
             aware + (gint64) policy->legal_gdpr_controller_hours * HOUR,
             earliest (moment_of (kase, "legal.gdpr_controller_informed_at"),
                       recorded_at (kase, "legal.gdpr_not_required")));
      else
        add (deadlines, kase, "gdpr-authority",
             aware + (gint64) policy->legal_gdpr_authority_hours * HOUR,
             earliest (moment_of (kase, "legal.gdpr_authority_notified_at"),
                       recorded_at (kase, "legal.gdpr_not_required")));
    }

  /* NIS2 art. 23 / Cbw: early warning, notification, and a final report a
   * month after the notification actually made (or due). */
  if (mp_legal_nis2_applies (policy, kase))
    {
      gint64 not_required = recorded_at (kase, "legal.nis2_not_required");
      gint64 notification_due = aware + (gint64) policy->legal_nis2_notification_hours * HOUR;
      gint64 notified = moment_of (kase, "legal.nis2_notification_at");

      add (deadlines, kase, "nis2-early-warning",
           aware + (gint64) policy->legal_nis2_early_warning_hours * HOUR,
           earliest (earliest (moment_of (kase, "legal.nis2_early_warning_at"), notified),
                     not_required));
      add (deadlines, kase, "nis2-notification", notification_due,
           earliest (notified, not_required));
      add (deadlines, kase, "nis2-final",
           add_calendar (policy, notified != 0 ? notified : notification_due,
                         policy->legal_nis2_final_months, 0),
           earliest (moment_of (kase, "legal.nis2_final_at"), not_required));
    }

  /* CRA art. 14: early warning, notification, and a final report within
   * the set days after a correcting or mitigating measure is available —
   * or, for a severe incident, a month after the notification. */
  if (mp_legal_cra_applies (policy, kase))
    {
      gint64 not_required = recorded_at (kase, "legal.cra_not_required");
      gint64 notification_due = aware + (gint64) policy->legal_cra_notification_hours * HOUR;
      gint64 notified = moment_of (kase, "legal.cra_notification_at");
      gint64 measure = moment_of (kase, "legal.cra_measure_at");
      gint64 final_due = 0;

      add (deadlines, kase, "cra-early-warning",
           aware + (gint64) policy->legal_cra_early_warning_hours * HOUR,
           earliest (earliest (moment_of (kase, "legal.cra_early_warning_at"), notified),
                     not_required));
      add (deadlines, kase, "cra-notification", notification_due,
           earliest (notified, not_required));
      if (answer_is (kase, "legal.cra_severe", "yes"))
        final_due = add_calendar (policy, notified != 0 ? notified : notification_due,
                                  policy->legal_cra_severe_final_months, 0);
      else if (measure != 0)
        final_due = add_calendar (policy, measure, 0, policy->legal_cra_final_days);
      add (deadlines, kase, "cra-final", final_due,
           earliest (moment_of (kase, "legal.cra_final_at"), not_required));
    }
}
