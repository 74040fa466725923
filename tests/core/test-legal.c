/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-breach-register.h"
#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-legal.h"
#include "mp-legal-drafts.h"
#include "mp-policy.h"
#include "mp-record.h"

/* The legal clocks (issue 23), pure: a case in memory, a policy, answers.
 * Expected moments are worked out by hand (Europe/Amsterdam: CET = UTC+1,
 * CEST = UTC+2 from 29 March to 25 October 2026). Hours are elapsed
 * hours; days and months keep the local wall-clock time. */

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

/* Records an answer as if given at @when. */
static void
answer (MpCase     *kase,
        const char *item,
        const char *value,
        const char *when)
{
  MpAnswer answer = { (char *) item, (char *) value, NULL, (char *) "Test", at (when) };
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_checklist_validate_answer (item, value, &error));
  g_assert_no_error (error);
  _mp_case_put_answer (kase, mp_answer_copy (&answer));
}

static MpDeadline *
find (GPtrArray  *deadlines,
      const char *kind)
{
  for (guint i = 0; i < deadlines->len; i++)
    if (g_str_equal (mp_deadline_get_kind (g_ptr_array_index (deadlines, i)), kind))
      return g_ptr_array_index (deadlines, i);
  return NULL;
}

static void
assert_due (GPtrArray  *deadlines,
            const char *kind,
            const char *expected)
{
  MpDeadline *deadline = find (deadlines, kind);
  g_autofree char *due = NULL;

  if (deadline == NULL)
    g_error ("no %s deadline", kind);
  due = mp_time_format_iso8601 (mp_deadline_get_due_at (deadline));
  g_assert_cmpstr (due, ==, expected);
}

static MpDeadlineState
state_at (GPtrArray  *deadlines,
          const char *kind,
          const char *now)
{
  MpDeadline *deadline = find (deadlines, kind);

  g_assert_nonnull (deadline);
  return mp_deadlines_get_state (deadline, at (now));
}

static guint
count_legal (GPtrArray *deadlines)
{
  guint n = 0;

  for (guint i = 0; i < deadlines->len; i++)
    n += mp_legal_is_legal_kind (mp_deadline_get_kind (g_ptr_array_index (deadlines, i)));
  return n;
}

static GPtrArray *
deadlines_of (MpPolicy *policy,
              MpCase   *kase)
{
  return mp_deadlines_for_case (policy, kase, NULL);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_items (void)
{
  static const struct { const char *id; MpAnswerKind kind; } fixed[] = {
    { "legal.aware_at", MP_ANSWER_KIND_MOMENT },
    { "legal.data_breach", MP_ANSWER_KIND_YES_NO_UNKNOWN },
    { "legal.exploited", MP_ANSWER_KIND_YES_NO_UNKNOWN },
    { "legal.significant_incident", MP_ANSWER_KIND_YES_NO_UNKNOWN },
    { "legal.own_product", MP_ANSWER_KIND_YES_NO_UNKNOWN },
  };
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      const MpChecklistItem *item = mp_checklist_lookup_item (fixed[i].id);

      g_assert_nonnull (item);
      g_assert_cmpint (item->kind, ==, fixed[i].kind);
      g_assert_cmpint (item->step, ==, MP_STEP_SCOPE);
    }
  g_assert_true (mp_checklist_validate_answer ("legal.aware_at", "2026-10-24T09:30:00+02:00",
                                               NULL));
  g_assert_true (mp_checklist_validate_answer ("legal.aware_at", "2026-10-24T07:30:00Z", NULL));
  /* No zone, no time, no moment: refused with a message. */
  g_assert_false (mp_checklist_validate_answer ("legal.aware_at", "2026-10-24T09:30:00", &error));
  g_assert_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-10-24T09:30:00+02:00"));
  g_clear_error (&error);
  g_assert_false (mp_checklist_validate_answer ("legal.aware_at", "2026-10-24", NULL));
  g_assert_false (mp_checklist_validate_answer ("legal.exploited", "maybe", NULL));
  g_assert_false (mp_checklist_validate_answer ("legal.gdpr_not_required", "  ", NULL));

  /* The policy keys and their defaults. */
  g_assert_false (policy->legal_essential_entity);
  g_assert_false (policy->legal_processor);
  g_assert_true (mp_policy_is_key ("legal.essential_entity"));
  g_assert_true (mp_policy_is_key ("legal.processor"));
  g_assert_true (mp_policy_apply (policy, "legal.processor", "true", NULL));
  g_assert_true (policy->legal_processor);
  g_assert_false (mp_policy_apply (policy, "legal.essential_entity", "perhaps", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_assert_cmpuint (policy->legal_gdpr_authority_hours, ==, 72);
  g_assert_cmpuint (policy->legal_gdpr_controller_hours, ==, 24);
  g_assert_cmpuint (policy->legal_nis2_final_months, ==, 1);
  g_assert_cmpuint (policy->legal_cra_final_days, ==, 14);
}

static void
test_kinds (void)
{
  static const char * const legal[] = {
    "gdpr-authority", "gdpr-controller", "nis2-early-warning", "nis2-notification",
    "nis2-final", "cra-early-warning", "cra-notification", "cra-final",
  };
  const char * const *kinds = mp_deadlines_list_kinds ();

  for (guint i = 0; i < G_N_ELEMENTS (legal); i++)
    {
      g_assert_true (g_strv_contains (kinds, legal[i]));
      g_assert_true (mp_legal_is_legal_kind (legal[i]));
      g_assert_nonnull (mp_deadlines_kind_get_label (legal[i]));
      g_assert_cmpint (mp_deadlines_kind_get_step (legal[i]), <, MP_N_STEPS);
    }
  g_assert_false (mp_legal_is_legal_kind ("acknowledgement"));
}

/* Nothing answered, or "unknown"/"no": no legal clock runs. */
static void
test_not_started (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-11-02T10:00:00+01:00");
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) still_none = NULL;

  g_assert_true (mp_policy_apply (policy, "legal.essential_entity", "true", NULL));
  none = deadlines_of (policy, kase);
  g_assert_cmpuint (count_legal (none), ==, 0);

  answer (kase, "legal.data_breach", "unknown", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.exploited", "no", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.own_product", "yes", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.significant_incident", "unknown", "2026-11-02T11:00:00+01:00");
  still_none = deadlines_of (policy, kase);
  g_assert_cmpuint (count_legal (still_none), ==, 0);
}

/* A data breach over Christmas: calendar hours, holidays do not move it;
 * from the receipt, then from an earlier awareness moment. */
static void
test_gdpr_christmas (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-12-24T16:00:00+01:00");
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GPtrArray) aware = NULL;
  g_autoptr(GPtrArray) processor = NULL;

  answer (kase, "legal.data_breach", "yes", "2026-12-24T17:00:00+01:00");
  received = deadlines_of (policy, kase);
  assert_due (received, "gdpr-authority", "2026-12-27T15:00:00Z");
  g_assert_null (find (received, "gdpr-controller"));
  g_assert_cmpint (state_at (received, "gdpr-authority", "2026-12-27T14:59:59Z"), ==,
                   MP_DEADLINE_STATE_OPEN);
  /* Missed: nothing recorded by the due moment. */
  g_assert_cmpint (state_at (received, "gdpr-authority", "2026-12-27T15:00:01Z"), ==,
                   MP_DEADLINE_STATE_OVERDUE);

  answer (kase, "legal.aware_at", "2026-12-23T09:15:00+01:00", "2026-12-24T17:00:00+01:00");
  aware = deadlines_of (policy, kase);
  assert_due (aware, "gdpr-authority", "2026-12-26T08:15:00Z");

  /* A processor informs the controller within 24 hours instead. */
  answer (kase, "legal.role", "processor", "2026-12-24T17:00:00+01:00");
  processor = deadlines_of (policy, kase);
  assert_due (processor, "gdpr-controller", "2026-12-24T08:15:00Z");
  g_assert_null (find (processor, "gdpr-authority"));
}

static void
test_gdpr_met_and_not_required (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) notified = new_case ("2026-11-02T10:00:00+01:00");
  g_autoptr(MpCase) reasoned = new_case ("2026-11-02T10:00:00+01:00");
  g_autoptr(MpCase) by_policy = new_case ("2026-11-02T10:00:00+01:00");
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  MpDeadline *deadline;

  answer (notified, "legal.data_breach", "yes", "2026-11-02T11:00:00+01:00");
  answer (notified, "legal.gdpr_authority_notified_at", "2026-11-04T16:30:00+01:00",
          "2026-11-04T17:00:00+01:00");
  answer (notified, "legal.gdpr_authority_reference", "AP-2026-12345",
          "2026-11-04T17:00:00+01:00");
  a = deadlines_of (policy, notified);
  deadline = find (a, "gdpr-authority");
  g_assert_cmpint (mp_deadline_get_met_at (deadline), ==, at ("2026-11-04T15:30:00Z"));
  g_assert_cmpint (state_at (a, "gdpr-authority", "2026-12-01T00:00:00Z"), ==,
                   MP_DEADLINE_STATE_MET);

  /* Not required: the reason, recorded, settles it. */
  answer (reasoned, "legal.data_breach", "yes", "2026-11-02T11:00:00+01:00");
  answer (reasoned, "legal.data_breach_risk", "unlikely", "2026-11-02T11:00:00+01:00");
  answer (reasoned, "legal.gdpr_not_required", "Only the reporter saw one test account.",
          "2026-11-03T09:00:00+01:00");
  b = deadlines_of (policy, reasoned);
  g_assert_cmpint (mp_deadline_get_met_at (find (b, "gdpr-authority")), ==,
                   at ("2026-11-03T08:00:00Z"));

  /* The policy's usual role applies while the case does not name one. */
  g_assert_true (mp_policy_apply (policy, "legal.processor", "true", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.gdpr_controller_hours", "12", NULL));
  answer (by_policy, "legal.data_breach", "yes", "2026-11-02T11:00:00+01:00");
  c = deadlines_of (policy, by_policy);
  assert_due (c, "gdpr-controller", "2026-11-02T21:00:00Z");
  g_assert_true (mp_legal_is_processor (policy, by_policy));
}

/* NIS2 over the spring clock change: the notification is due 72 elapsed
 * hours on; the final report a month after it at the same local time. */
static void
test_nis2_spring (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-03-27T10:00:00+01:00");
  g_autoptr(GPtrArray) not_entity = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) notified = NULL;
  g_autoptr(GPtrArray) reasoned = NULL;

  answer (kase, "legal.significant_incident", "yes", "2026-03-27T11:00:00+01:00");
  /* Only for an essential or important entity. */
  not_entity = deadlines_of (policy, kase);
  g_assert_cmpuint (count_legal (not_entity), ==, 0);

  g_assert_true (mp_policy_apply (policy, "legal.essential_entity", "true", NULL));
  due = deadlines_of (policy, kase);
  g_assert_cmpuint (count_legal (due), ==, 3);
  /* 24 hours after 09:00Z on Friday: Saturday 10:00 CET. */
  assert_due (due, "nis2-early-warning", "2026-03-28T09:00:00Z");
  /* 72 hours: Monday 30 March, 11:00 CEST (the night of the 29th is an hour short). */
  assert_due (due, "nis2-notification", "2026-03-30T09:00:00Z");
  /* A month after the notification's due moment: 30 April 11:00 CEST. */
  assert_due (due, "nis2-final", "2026-04-30T09:00:00Z");
  g_assert_cmpint (state_at (due, "nis2-early-warning", "2026-03-28T10:00:00Z"), ==,
                   MP_DEADLINE_STATE_OVERDUE);

  /* The notification made early, across the change: the final report
   * follows it; the early warning counts as given with it. */
  answer (kase, "legal.nis2_notification_at", "2026-03-28T20:00:00+01:00",
          "2026-03-28T20:05:00+01:00");
  answer (kase, "legal.nis2_reference", "NCSC-2026-77", "2026-03-28T20:05:00+01:00");
  notified = deadlines_of (policy, kase);
  assert_due (notified, "nis2-final", "2026-04-28T18:00:00Z");
  g_assert_cmpint (state_at (notified, "nis2-early-warning", "2026-04-01T00:00:00Z"), ==,
                   MP_DEADLINE_STATE_MET);
  g_assert_cmpint (state_at (notified, "nis2-notification", "2026-04-01T00:00:00Z"), ==,
                   MP_DEADLINE_STATE_MET);
  g_assert_cmpint (state_at (notified, "nis2-final", "2026-04-28T18:00:01Z"), ==,
                   MP_DEADLINE_STATE_OVERDUE);

  answer (kase, "legal.nis2_not_required", "The CSIRT judged it not significant.",
          "2026-04-02T10:00:00+02:00");
  reasoned = deadlines_of (policy, kase);
  g_assert_cmpint (state_at (reasoned, "nis2-final", "2026-05-01T00:00:00Z"), ==,
                   MP_DEADLINE_STATE_MET);
}

/* CRA over the autumn clock change, and only from its first day. */
static void
test_cra_autumn (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-10-24T12:00:00+02:00");
  g_autoptr(MpCase) early = new_case ("2026-09-10T23:59:59+02:00");
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) measured = NULL;
  g_autoptr(GPtrArray) severe = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) from_first_day = NULL;
  g_autoptr(GPtrArray) reasoned = NULL;

  answer (kase, "legal.exploited", "yes", "2026-10-24T13:00:00+02:00");
  answer (kase, "legal.own_product", "yes", "2026-10-24T13:00:00+02:00");
  due = deadlines_of (policy, kase);
  /* 24 elapsed hours: Sunday 11:00 CET (the night has 25 hours). */
  assert_due (due, "cra-early-warning", "2026-10-25T10:00:00Z");
  assert_due (due, "cra-notification", "2026-10-27T10:00:00Z");
  /* The final report waits for a measure (or a severe incident). */
  g_assert_null (find (due, "cra-final"));

  /* 14 calendar days after the measure, at the same local time. */
  answer (kase, "legal.cra_measure_at", "2026-10-20T09:00:00+02:00", "2026-10-26T09:00:00+01:00");
  measured = deadlines_of (policy, kase);
  assert_due (measured, "cra-final", "2026-11-03T08:00:00Z");

  /* A severe incident: a month after the notification. */
  answer (kase, "legal.cra_notification_at", "2026-10-22T09:00:00+02:00",
          "2026-10-26T09:00:00+01:00");
  answer (kase, "legal.cra_severe", "yes", "2026-10-26T09:00:00+01:00");
  severe = deadlines_of (policy, kase);
  assert_due (severe, "cra-final", "2026-11-22T08:00:00Z");
  g_assert_cmpint (state_at (severe, "cra-notification", "2026-11-01T00:00:00Z"), ==,
                   MP_DEADLINE_STATE_MET);
  g_assert_cmpint (state_at (severe, "cra-final", "2026-11-22T08:00:01Z"), ==,
                   MP_DEADLINE_STATE_OVERDUE);

  answer (kase, "legal.cra_not_required", "Not our product after all: a reseller's build.",
          "2026-11-23T09:00:00+01:00");
  reasoned = deadlines_of (policy, kase);
  g_assert_cmpint (state_at (reasoned, "cra-final", "2026-11-24T00:00:00Z"), ==,
                   MP_DEADLINE_STATE_MET);

  /* Awareness before 11 September 2026: no CRA reporting obligation. */
  answer (early, "legal.exploited", "yes", "2026-09-11T09:00:00+02:00");
  answer (early, "legal.own_product", "yes", "2026-09-11T09:00:00+02:00");
  before = deadlines_of (policy, early);
  g_assert_cmpuint (count_legal (before), ==, 0);
  answer (early, "legal.aware_at", "2026-09-11T00:00:00+02:00", "2026-09-11T09:00:00+02:00");
  answer (early, "legal.aware_reason", "The exploit was seen in the logs after midnight.",
          "2026-09-11T09:00:00+02:00");
  from_first_day = deadlines_of (policy, early);
  assert_due (from_first_day, "cra-early-warning", "2026-09-11T22:00:00Z");
}

/* Every number is a setting. */
static void
test_policy_numbers (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-11-02T10:00:00+01:00");
  g_autoptr(GPtrArray) deadlines = NULL;

  g_assert_true (mp_policy_apply (policy, "legal.essential_entity", "true", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.gdpr_authority_hours", "48", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.nis2_early_warning_hours", "12", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.nis2_notification_hours", "36", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.nis2_final_months", "2", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.cra_early_warning_hours", "6", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.cra_notification_hours", "30", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.cra_final_days", "7", NULL));
  g_assert_true (mp_policy_apply (policy, "legal.cra_severe_final_months", "3", NULL));
  g_assert_false (mp_policy_apply (policy, "legal.cra_final_days", "-1", NULL));

  answer (kase, "legal.data_breach", "yes", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.significant_incident", "yes", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.exploited", "yes", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.own_product", "yes", "2026-11-02T11:00:00+01:00");
  answer (kase, "legal.cra_severe", "yes", "2026-11-02T11:00:00+01:00");
  deadlines = deadlines_of (policy, kase);
  g_assert_cmpuint (count_legal (deadlines), ==, 7);
  assert_due (deadlines, "gdpr-authority", "2026-11-04T09:00:00Z");
  assert_due (deadlines, "nis2-early-warning", "2026-11-02T21:00:00Z");
  assert_due (deadlines, "nis2-notification", "2026-11-03T21:00:00Z");
  assert_due (deadlines, "nis2-final", "2027-01-03T21:00:00Z");
  assert_due (deadlines, "cra-early-warning", "2026-11-02T15:00:00Z");
  assert_due (deadlines, "cra-notification", "2026-11-03T15:00:00Z");
  assert_due (deadlines, "cra-final", "2027-02-03T15:00:00Z");
}

/* Every kind has a draft in both languages, filled from the case, with no
 * unfilled placeholder: what is unknown is said in words. */
static void
test_drafts (void)
{
  static const char * const kinds[] = {
    "gdpr-authority", "gdpr-controller", "nis2-early-warning", "nis2-notification",
    "nis2-final", "cra-early-warning", "cra-notification", "cra-final",
  };
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-11-24T10:00:00+01:00");
  g_autoptr(GRegex) placeholder = g_regex_new ("[{}$%<>]|\\(null\\)|\\[\\w+\\]|XXX|TODO",
                                                0, 0, NULL);

  g_assert_true (mp_policy_apply (policy, "desk.name", "ICT Teamwork", NULL));
  mp_case_set_text (kase, "title", "Customer records readable through the portal");
  mp_case_set_text (kase, "asset", "portal.example.nl");
  answer (kase, "legal.data_breach", "yes", "2026-11-24T11:00:00+01:00");
  answer (kase, "legal.data_breach_data", "Names and e-mail addresses",
          "2026-11-24T11:00:00+01:00");
  answer (kase, "legal.data_breach_risk", "high", "2026-11-24T11:00:00+01:00");

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (guint l = 0; l < 2; l++)
      {
        const char *language = l == 0 ? "en" : "nl";
        g_autofree char *text = mp_legal_draft_build (policy, kase, kinds[i], language);

        g_assert_true (mp_legal_draft_exists (kinds[i]));
        g_assert_nonnull (text);
        if (g_regex_match (placeholder, text, 0, NULL))
          g_error ("%s/%s has a placeholder:\n%s", kinds[i], language, text);
        g_assert_nonnull (strstr (text, "CVD-2026-0023"));
        g_assert_nonnull (strstr (text, "ICT Teamwork"));
        g_assert_nonnull (strstr (text, "portal.example.nl"));
        /* The language of the draft, not of the interface. */
        g_assert_nonnull (strstr (text, l == 0 ? "Our reference: " : "Ons kenmerk: "));
        g_assert_null (strstr (text, l == 0 ? "Ons kenmerk" : "Our reference"));
        g_assert_nonnull (strstr (text, l == 0 ? "not known yet" : "nog niet bekend"));
        /* The moment of awareness in the desk's zone: 24 Nov 10:00 CET. */
        g_assert_nonnull (strstr (text, l == 0 ? "24 November 2026, 10:00"
                                               : "24 november 2026, 10:00"));
      }

  {
    g_autofree char *en = mp_legal_draft_build (policy, kase, "gdpr-authority", "en");
    g_autofree char *nl = mp_legal_draft_build (policy, kase, "gdpr-authority", "nl");

    g_assert_nonnull (strstr (en, "Kinds of personal data: Names and e-mail addresses"));
    g_assert_nonnull (strstr (en, "Likely consequences: a high risk to the people concerned"));
    g_assert_nonnull (strstr (nl, "Waarschijnlijke gevolgen: een hoog risico voor de betrokkenen"));
    g_assert_nonnull (strstr (nl, "Autoriteit Persoonsgegevens"));
  }
  g_assert_null (mp_legal_draft_build (policy, kase, "acknowledgement", "en"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/legal/items", test_items);
  g_test_add_func ("/legal/kinds", test_kinds);
  g_test_add_func ("/legal/not-started", test_not_started);
  g_test_add_func ("/legal/gdpr-christmas", test_gdpr_christmas);
  g_test_add_func ("/legal/gdpr-met-and-not-required", test_gdpr_met_and_not_required);
  g_test_add_func ("/legal/nis2-spring", test_nis2_spring);
  g_test_add_func ("/legal/cra-autumn", test_cra_autumn);
  g_test_add_func ("/legal/policy-numbers", test_policy_numbers);
  g_test_add_func ("/legal/drafts", test_drafts);

  return g_test_run ();
}
