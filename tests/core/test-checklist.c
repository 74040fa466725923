/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-checklist.h"

/* The shared contract of answer ids (BRIEF-COMMON.md), written out here
 * independently of the checklist's own table. */
static const char * const contract_ids[] = {
  "intake.complete", "info.requested_on", "info.received_on",
  "scope.asset_owner", "scope.sister_name",
  "scope.method.social_engineering", "scope.method.physical", "scope.method.dos",
  "scope.method.spam", "scope.method.malware", "scope.method.backdoor",
  "scope.method.data_beyond_need", "scope.method.unrelated_changes",
  "scope.method.third_party_apps",
  "scope.personal_data", "scope.known", "scope.duplicate_of", "scope.outcome",
  "scope.outcome_reason", "scope.rules_followed",
  "ack.sent_on",
  "assess.reproduced", "assess.cvss", "assess.quality", "assess.impact_notes", "assess.owner",
  "assess.fix_date", "assess.sent_on",
  "remed.last_update_on", "remed.fix_date_extended_to", "remed.extension_reason",
  "remed.fixed_on", "remed.verified", "remed.retest_by_reporter",
  "reward.in_influence", "reward.amount", "reward.kind", "reward.voucher_code",
  "reward.sent_on", "reward.declined",
  "credit.wants", "credit.name", "credit.consent_on",
  "disclose.agreed_on", "disclose.extended_to", "disclose.extension_reason",
  "disclose.reporter_plans", "disclose.advisory",
  "close.delete_requested_on", "close.delete_confirmed_on", "close.own_data_deleted_on",
  "close.final_letter_on", "close.closed_on",
  /* the legal triage and notifications (mp-legal.h) */
  "legal.aware_at", "legal.aware_reason", "legal.data_breach", "legal.data_breach_by",
  "legal.data_breach_data", "legal.data_breach_people", "legal.data_breach_risk", "legal.role",
  "legal.client", "legal.exploited", "legal.own_product", "legal.significant_incident",
  "legal.gdpr_authority_notified_at", "legal.gdpr_authority_reference",
  "legal.gdpr_controller_informed_at", "legal.gdpr_subjects_informed_at",
  "legal.gdpr_not_required", "legal.nis2_early_warning_at", "legal.nis2_notification_at",
  "legal.nis2_reference", "legal.nis2_final_at", "legal.nis2_not_required",
  "legal.cra_early_warning_at", "legal.cra_notification_at", "legal.cra_reference",
  "legal.cra_severe", "legal.cra_measure_at", "legal.cra_final_at", "legal.cra_not_required",
};

/* DOMAIN.md §1. */
static const char * const clause_ids[] = {
  "R-MINIMAL", "R-NO-EXPLOIT", "R-NO-DAMAGE", "R-NO-AVAILABILITY", "R-NO-SOCIAL", "R-NO-SPAM",
  "R-NO-MALWARE", "R-NO-THIRDPARTY", "R-CONFIDENTIAL", "R-NO-REUSE", "R-DELETE-DATA",
  "R-DETAILS", "R-RESPOND", "R-NO-PII", "R-ENCRYPT", "R-GROUP",
  "P-ACK", "P-ASSESS", "P-INFORM", "P-CONFIDENTIAL", "P-PSEUDONYM", "P-CREDIT", "P-NO-LEGAL",
  "P-REWARD", "P-DISCLOSE", "P-PUBLICATION", "P-FIX-ASAP",
  /* the legal clocks (mp-legal.h) */
  "L-AVG-33", "L-AVG-33-5", "L-AVG-34", "L-NIS2-23", "L-CRA-14", NULL
};

static const char * const methods[] = {
  "scope.method.social_engineering", "scope.method.physical", "scope.method.dos",
  "scope.method.spam", "scope.method.malware", "scope.method.backdoor",
  "scope.method.data_beyond_need", "scope.method.unrelated_changes",
  "scope.method.third_party_apps",
};

/* ---- helpers -------------------------------------------------------------- */

static void
answer (MpCase     *kase,
        const char *item,
        const char *value)
{
  g_autoptr(GError) error = NULL;
  MpAnswer *a = g_new0 (MpAnswer, 1);

  /* Only valid answers go in, as through the command line. */
  g_assert_true (mp_checklist_validate_answer (item, value, &error));
  g_assert_no_error (error);
  a->item = g_strdup (item);
  a->value = g_strdup (value);
  a->actor = g_strdup ("Test Handler");
  a->answered_at = 1;
  _mp_case_put_answer (kase, a);
}

static void
unanswer (MpCase     *kase,
          const char *item)
{
  g_autoptr(MpCase) copy = mp_case_new ();
  g_autoptr(GPtrArray) items = mp_case_list_answers (kase);

  for (guint i = 0; i < items->len; i++)
    if (!g_str_equal (g_ptr_array_index (items, i), item))
      _mp_case_put_answer (copy, mp_answer_copy (mp_case_get_answer (kase, g_ptr_array_index (items, i))));
  _mp_case_clear_answers (kase);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = mp_case_list_answers (copy);
  for (guint i = 0; i < items->len; i++)
    _mp_case_put_answer (kase, mp_answer_copy (mp_case_get_answer (copy, g_ptr_array_index (items, i))));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The ids of the blocking items of the current step, sorted, joined by spaces. */
static char *
blocking_ids (MpCase *kase)
{
  g_autoptr(GPtrArray) blocking = mp_checklist_list_blocking (kase, mp_checklist_get_current_step (kase));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < blocking->len; i++)
    g_ptr_array_add (ids, (gpointer) ((const MpChecklistItem *) g_ptr_array_index (blocking, i))->id);
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static void
assert_blocking (MpCase     *kase,
                 const char *expected)
{
  g_autofree char *ids = blocking_ids (kase);

  g_assert_cmpstr (ids, ==, expected);
}

static void
complete_scope (MpCase     *kase,
                const char *rules)
{
  answer (kase, "scope.asset_owner", "ours");
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    answer (kase, methods[i], "no");
  answer (kase, "scope.personal_data", "no");
  answer (kase, "scope.known", "no");
  answer (kase, "scope.outcome", "in-scope");
  answer (kase, "scope.rules_followed", rules);
}

/* ---- the data ------------------------------------------------------------- */

static void
test_steps (void)
{
  static const char * const ids[] = {
    "intake", "scope", "acknowledgement", "assessment", "remediation", "reward", "credit",
    "disclosure", "closure",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == MP_N_STEPS);
  for (MpStep step = MP_STEP_INTAKE; step < MP_N_STEPS; step++)
    {
      const MpChecklistStep *s = mp_checklist_get_step (step);

      g_assert_nonnull (s);
      g_assert_cmpint (s->step, ==, step);
      g_assert_cmpstr (s->id, ==, ids[step]);
      g_assert_true (mp_checklist_lookup_step (ids[step]) == s);
      g_assert_cmpstr (mp_checklist_step_get_label (s), !=, "");
      g_assert_cmpuint (strlen (mp_checklist_step_get_help (s)), >, 20);
      g_assert_nonnull (s->clauses[0]);
    }
  g_assert_null (mp_checklist_lookup_step ("waiting"));
}

static void
test_items_match_contract (void)
{
  guint n_items = 0, n_total = 0;
  const MpChecklistItem *all = mp_checklist_get_all_items (&n_total);

  /* Exactly the contract's ids: each one there, nothing more. */
  g_assert_cmpuint (n_total, ==, G_N_ELEMENTS (contract_ids));
  for (guint i = 0; i < G_N_ELEMENTS (contract_ids); i++)
    {
      const MpChecklistItem *item = mp_checklist_lookup_item (contract_ids[i]);

      g_assert_nonnull (item);
      g_assert_cmpstr (item->id, ==, contract_ids[i]);
    }
  g_assert_null (mp_checklist_lookup_item ("ack.sent"));

  for (guint i = 0; i < n_total; i++)
    {
      const MpChecklistItem *item = &all[i];

      /* Items of a step come together, in step order. */
      if (i > 0)
        g_assert_cmpint (all[i - 1].step, <=, item->step);
      g_assert_cmpstr (mp_checklist_item_get_label (item), !=, "");
      g_assert_cmpuint (strlen (mp_checklist_item_get_help (item)), >, 10);
      g_assert_nonnull (item->clauses);
      g_assert_nonnull (item->clauses[0]);
      for (guint c = 0; item->clauses[c] != NULL; c++)
        g_assert_true (g_strv_contains (clause_ids, item->clauses[c]));
      if (item->kind == MP_ANSWER_KIND_CHOICE || item->kind == MP_ANSWER_KIND_YES_NO ||
          item->kind == MP_ANSWER_KIND_YES_NO_UNKNOWN)
        {
          g_assert_nonnull (item->choices);
          for (guint c = 0; item->choices[c].value != NULL; c++)
            g_assert_cmpstr (mp_checklist_choice_get_label (&item->choices[c]), !=, "");
        }
      if (item->required == MP_REQUIRED_WHEN)
        g_assert_nonnull (item->condition);
      /* The id's first word names its step. */
      {
        static const struct { const char *prefix; MpStep step; } prefixes[] = {
          { "intake.", MP_STEP_INTAKE }, { "info.", MP_STEP_INTAKE }, { "scope.", MP_STEP_SCOPE },
          { "ack.", MP_STEP_ACKNOWLEDGEMENT }, { "assess.", MP_STEP_ASSESSMENT },
          { "remed.", MP_STEP_REMEDIATION }, { "reward.", MP_STEP_REWARD },
          { "credit.", MP_STEP_CREDIT }, { "disclose.", MP_STEP_DISCLOSURE },
          { "close.", MP_STEP_CLOSURE },
        };
        gboolean matched = FALSE;

        for (guint p = 0; p < G_N_ELEMENTS (prefixes); p++)
          if (g_str_has_prefix (item->id, prefixes[p].prefix))
            {
              g_assert_cmpint (item->step, ==, prefixes[p].step);
              matched = TRUE;
            }
        /* The legal items (fixed ids, issue 23) sit in the scope check and
         * the assessment. */
        if (g_str_has_prefix (item->id, "legal."))
          {
            g_assert_true (item->step == MP_STEP_SCOPE || item->step == MP_STEP_ASSESSMENT);
            matched = TRUE;
          }
        g_assert_true (matched);
      }
    }

  /* The slices per step add up to the whole. */
  for (MpStep step = MP_STEP_INTAKE; step < MP_N_STEPS; step++)
    {
      guint n = 0;
      const MpChecklistItem *first = mp_checklist_get_items (step, &n);

      g_assert_nonnull (first);
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (first[i].step, ==, step);
      n_items += n;
    }
  g_assert_cmpuint (n_items, ==, n_total);

  g_assert_true (mp_checklist_lookup_item ("reward.voucher_code")->confidential);
  g_assert_cmpint (mp_checklist_lookup_item ("scope.asset_owner")->kind, ==, MP_ANSWER_KIND_CHOICE);
  g_assert_cmpint (mp_checklist_lookup_item ("assess.cvss")->kind, ==, MP_ANSWER_KIND_CVSS);
  g_assert_cmpint (mp_checklist_lookup_item ("reward.amount")->kind, ==, MP_ANSWER_KIND_AMOUNT);
  g_assert_cmpint (mp_checklist_lookup_item ("scope.duplicate_of")->kind, ==, MP_ANSWER_KIND_REFERENCE);
  g_assert_cmpstr (mp_checklist_item_get_value_label (mp_checklist_lookup_item ("scope.known"), "duplicate"),
                   ==, "Duplicate of another case");
  g_assert_null (mp_checklist_item_get_value_label (mp_checklist_lookup_item ("scope.known"), "maybe"));
}

/* ---- validation ----------------------------------------------------------- */

static void
assert_valid (const char *item,
              const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_checklist_validate_answer (item, value, &error));
  g_assert_no_error (error);
}

static void
assert_invalid (const char *item,
                const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mp_checklist_validate_answer (item, value, &error));
  g_assert_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_validate (void)
{
  g_autoptr(GError) error = NULL;

  /* yes / no / unknown */
  assert_valid ("intake.complete", "yes");
  assert_valid ("intake.complete", "no");
  assert_invalid ("intake.complete", "unknown");
  assert_invalid ("intake.complete", "Yes");
  assert_valid ("scope.method.dos", "unknown");
  assert_invalid ("scope.method.dos", "");

  /* choices */
  assert_valid ("scope.asset_owner", "third-party");
  assert_valid ("scope.asset_owner", "sister");
  assert_invalid ("scope.asset_owner", "theirs");
  assert_valid ("scope.known", "earlier-test");
  assert_invalid ("scope.known", "yes");
  assert_valid ("scope.outcome", "not-vulnerability");
  assert_invalid ("scope.outcome", "rejected");
  assert_valid ("assess.quality", "excellent");
  assert_invalid ("assess.quality", "great");

  /* dates */
  assert_valid ("ack.sent_on", "2026-11-20");
  assert_valid ("ack.sent_on", "2028-02-29");
  assert_invalid ("ack.sent_on", "2026-02-29");
  assert_invalid ("ack.sent_on", "2026-13-01");
  assert_invalid ("ack.sent_on", "2026-1-01");
  assert_invalid ("ack.sent_on", "20-11-2026");
  assert_invalid ("ack.sent_on", "2026-11-20T10:00:00Z");
  assert_invalid ("close.closed_on", "tomorrow");

  /* amounts */
  assert_valid ("reward.amount", "150.00");
  assert_valid ("reward.amount", "150");
  assert_valid ("reward.amount", "0");
  assert_valid ("reward.amount", "12.5");
  assert_invalid ("reward.amount", "-1");
  assert_invalid ("reward.amount", "-0.01");
  assert_invalid ("reward.amount", "1.234");
  assert_invalid ("reward.amount", "1,50");
  assert_invalid ("reward.amount", "150.");
  assert_invalid ("reward.amount", ".50");
  assert_invalid ("reward.amount", "EUR 150");
  assert_invalid ("reward.amount", "1e3");

  /* references */
  assert_valid ("scope.duplicate_of", "CVD-2026-0012");
  assert_valid ("scope.duplicate_of", "CVD-2026-10012");
  assert_invalid ("scope.duplicate_of", "CVD-26-0012");
  assert_invalid ("scope.duplicate_of", "CVD-2026-12");
  assert_invalid ("scope.duplicate_of", "cvd-2026-0012");
  assert_invalid ("scope.duplicate_of", "CVD-2026-0012 ");

  /* CVSS vectors */
  assert_valid ("assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  assert_valid ("assess.cvss", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  assert_invalid ("assess.cvss", "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P");
  assert_invalid ("assess.cvss", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  assert_invalid ("assess.cvss", "9.8");

  /* text */
  assert_valid ("scope.outcome_reason", "Outside the asset list.");
  assert_invalid ("scope.outcome_reason", "   ");

  /* unknown items */
  g_assert_false (mp_checklist_validate_answer ("ack.sent", "2026-11-20", &error));
  g_assert_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_UNKNOWN_ITEM);
}

/* ---- routing -------------------------------------------------------------- */

static void
test_route_intake_and_waiting (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "intake");
  g_assert_null (mp_checklist_get_outcome (kase));
  assert_blocking (kase, "intake.complete");

  /* Incomplete: the desk must ask, and "no" still blocks. */
  answer (kase, "intake.complete", "no");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "intake");
  assert_blocking (kase, "info.requested_on intake.complete");

  answer (kase, "info.requested_on", "2026-11-02");
  g_assert_true (mp_checklist_is_waiting (kase));
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "waiting");
  g_assert_cmpint (mp_checklist_get_current_step (kase), ==, MP_STEP_INTAKE);
  assert_blocking (kase, "info.received_on intake.complete");

  answer (kase, "info.received_on", "2026-11-05");
  g_assert_false (mp_checklist_is_waiting (kase));
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "intake");

  /* A second request after the first answer waits again. */
  answer (kase, "info.requested_on", "2026-11-06");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "waiting");
  answer (kase, "info.received_on", "2026-11-06");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "intake");

  answer (kase, "intake.complete", "yes");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "scope");
}

static void
test_route_in_scope_to_closed (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "scope");
  answer (kase, "scope.asset_owner", "ours");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "scope");
  complete_scope (kase, "yes");
  g_assert_cmpstr (mp_checklist_get_outcome (kase), ==, "in-scope");
  g_assert_true (mp_checklist_rules_followed (kase));
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "acknowledgement");
  assert_blocking (kase, "ack.sent_on");

  answer (kase, "ack.sent_on", "2026-11-03");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "assessment");
  assert_blocking (kase, "assess.cvss assess.fix_date assess.owner assess.quality assess.reproduced "
                         "assess.sent_on");
  answer (kase, "assess.reproduced", "yes");
  answer (kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  answer (kase, "assess.quality", "good");
  answer (kase, "assess.owner", "Web team");
  answer (kase, "assess.fix_date", "2026-11-20");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "assessment");
  answer (kase, "assess.sent_on", "2026-11-05");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "remediation");

  /* An extension needs its reason; a fix that is not verified keeps the
   * case in remediation. */
  answer (kase, "remed.fix_date_extended_to", "2026-12-20");
  assert_blocking (kase, "remed.extension_reason remed.fixed_on remed.verified");
  answer (kase, "remed.extension_reason", "Supplier patch");
  answer (kase, "remed.fixed_on", "2026-12-10");
  answer (kase, "remed.verified", "no");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "remediation");
  assert_blocking (kase, "remed.verified");
  answer (kase, "remed.verified", "yes");

  /* Eligible: the influence question, then the reward itself. */
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "reward");
  assert_blocking (kase, "reward.in_influence");
  answer (kase, "reward.in_influence", "yes");
  assert_blocking (kase, "reward.amount reward.kind reward.sent_on");
  answer (kase, "reward.declined", "yes");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "credit");
  unanswer (kase, "reward.declined");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "reward");
  answer (kase, "reward.amount", "150.00");
  answer (kase, "reward.kind", "Gift voucher");
  answer (kase, "reward.sent_on", "2026-12-12");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "credit");

  answer (kase, "credit.wants", "yes");
  assert_blocking (kase, "credit.consent_on credit.name");
  answer (kase, "credit.name", "bytewitch");
  answer (kase, "credit.consent_on", "2026-12-13");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "disclosure");

  answer (kase, "disclose.extended_to", "2027-03-01");
  assert_blocking (kase, "disclose.extension_reason disclose.reporter_plans");
  answer (kase, "disclose.extension_reason", "Patch roll-out at customers");
  answer (kase, "disclose.reporter_plans", "A blog post after the fix");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "closure");
  assert_blocking (kase, "close.closed_on close.delete_requested_on close.final_letter_on");

  answer (kase, "close.delete_requested_on", "2026-12-14");
  answer (kase, "close.final_letter_on", "2026-12-15");
  assert_blocking (kase, "close.closed_on");
  answer (kase, "close.closed_on", "2026-12-15");
  g_assert_true (mp_checklist_is_closed (kase));
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "closed");
  g_assert_cmpstr (mp_checklist_get_outcome (kase), ==, "in-scope");
}

static void
assert_early (MpCase     *kase,
              const char *outcome)
{
  g_assert_cmpstr (mp_checklist_get_outcome (kase), ==, outcome);
  g_assert_true (mp_checklist_outcome_is_early (outcome));
  for (MpStep step = MP_STEP_INTAKE; step < MP_N_STEPS; step++)
    g_assert_true (mp_checklist_step_applies (kase, step) ==
                   (step == MP_STEP_SCOPE || step == MP_STEP_CLOSURE));
}

static void
close_early (MpCase *kase)
{
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "closure");
  /* No data to delete by the reporter: they never went through a fix. */
  assert_blocking (kase, "close.closed_on close.final_letter_on");
  answer (kase, "close.final_letter_on", "2026-11-04");
  answer (kase, "close.closed_on", "2026-11-04");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "closed");
}

static void
test_route_third_party (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  /* The asset decides, even before the intake is complete. */
  answer (kase, "scope.asset_owner", "third-party");
  assert_early (kase, "third-party");
  close_early (kase);
}

static void
test_route_sister (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  answer (kase, "scope.asset_owner", "sister");
  assert_early (kase, "sister");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "scope");
  assert_blocking (kase, "scope.sister_name");
  answer (kase, "scope.sister_name", "Example Zorg");
  close_early (kase);
}

static void
test_route_out_of_scope (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  answer (kase, "scope.asset_owner", "ours");
  answer (kase, "scope.outcome", "out-of-scope");
  assert_early (kase, "out-of-scope");
  assert_blocking (kase, "scope.outcome_reason");
  answer (kase, "scope.outcome_reason", "A best practice without impact");
  close_early (kase);
}

static void
test_route_duplicate (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  answer (kase, "scope.outcome", "duplicate");
  assert_early (kase, "duplicate");
  assert_blocking (kase, "scope.duplicate_of");
  answer (kase, "scope.duplicate_of", "CVD-2026-0003");
  close_early (kase);
}

static void
test_route_not_vulnerability (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  answer (kase, "scope.outcome", "not-vulnerability");
  assert_early (kase, "not-vulnerability");
  assert_blocking (kase, "scope.outcome_reason");
  answer (kase, "scope.outcome_reason", "Intended behaviour");
  close_early (kase);
}

static void
test_route_rules_not_followed (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  complete_scope (kase, "yes");
  g_assert_true (mp_checklist_rules_followed (kase));

  /* One forbidden method is enough, whatever the summary answer says. */
  answer (kase, "scope.method.dos", "yes");
  g_assert_false (mp_checklist_rules_followed (kase));
  answer (kase, "scope.method.dos", "unknown");
  g_assert_true (mp_checklist_rules_followed (kase));
  answer (kase, "scope.rules_followed", "no");
  g_assert_false (mp_checklist_rules_followed (kase));

  /* Recorded, still in scope: the case goes on, but skips the reward. */
  g_assert_cmpstr (mp_checklist_get_outcome (kase), ==, "in-scope");
  answer (kase, "ack.sent_on", "2026-11-03");
  answer (kase, "assess.reproduced", "yes");
  answer (kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
  answer (kase, "assess.quality", "fair");
  answer (kase, "assess.owner", "Infrastructure");
  answer (kase, "assess.fix_date", "2026-12-01");
  answer (kase, "assess.sent_on", "2026-11-05");
  answer (kase, "remed.fixed_on", "2026-11-20");
  answer (kase, "remed.verified", "yes");
  g_assert_false (mp_checklist_item_is_required (mp_checklist_lookup_item ("reward.in_influence"), kase));
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "credit");
}

static void
test_route_known_issue_skips_reward (void)
{
  g_autoptr(MpCase) kase = mp_case_new ();

  answer (kase, "intake.complete", "yes");
  complete_scope (kase, "yes");
  answer (kase, "scope.known", "known-issue");
  answer (kase, "ack.sent_on", "2026-11-03");
  g_assert_cmpstr (mp_checklist_get_status (kase), ==, "assessment");
  g_assert_false (mp_checklist_step_applies (kase, MP_STEP_REWARD) &&
                  mp_checklist_item_is_required (mp_checklist_lookup_item ("reward.in_influence"), kase));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/checklist/steps", test_steps);
  g_test_add_func ("/checklist/items-match-contract", test_items_match_contract);
  g_test_add_func ("/checklist/validate", test_validate);
  g_test_add_func ("/checklist/route/intake-and-waiting", test_route_intake_and_waiting);
  g_test_add_func ("/checklist/route/in-scope-to-closed", test_route_in_scope_to_closed);
  g_test_add_func ("/checklist/route/third-party", test_route_third_party);
  g_test_add_func ("/checklist/route/sister", test_route_sister);
  g_test_add_func ("/checklist/route/out-of-scope", test_route_out_of_scope);
  g_test_add_func ("/checklist/route/duplicate", test_route_duplicate);
  g_test_add_func ("/checklist/route/not-vulnerability", test_route_not_vulnerability);
  g_test_add_func ("/checklist/route/rules-not-followed", test_route_rules_not_followed);
  g_test_add_func ("/checklist/route/known-issue-skips-reward", test_route_known_issue_skips_reward);

  return g_test_run ();
}
