/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-steps.h"

static const MpUiChoice asset_owners[] = {
  { "ours", N_("Ours") },
  { "sister", N_("A sister organisation's") },
  { "third-party", N_("A third party's") },
  { "unknown", N_("Unknown") },
  { NULL, NULL }
};

static const MpUiChoice known_choices[] = {
  { "no", N_("Not known before") },
  { "duplicate", N_("Duplicate of another case") },
  { "known-issue", N_("Known issue") },
  { "earlier-test", N_("Found in an earlier security test") },
  { NULL, NULL }
};

static const MpUiChoice outcomes[] = {
  { "in-scope", N_("In scope") },
  { "out-of-scope", N_("Out of scope") },
  { "duplicate", N_("Duplicate") },
  { "not-vulnerability", N_("Not a vulnerability") },
  { NULL, NULL }
};

static const MpUiChoice qualities[] = {
  { "poor", N_("Poor") },
  { "fair", N_("Fair") },
  { "good", N_("Good") },
  { "excellent", N_("Excellent") },
  { NULL, NULL }
};

static const MpUiItem intake_items[] = {
  { "intake.complete", N_("Report is complete"),
    N_("Location, potential impact and steps to reproduce are all there."), "R-DETAILS",
    MP_UI_ANSWER_YES_NO, NULL },
  { "info.requested_on", N_("More information requested on"),
    N_("The case waits for the reporter until the information arrives."), "R-RESPOND",
    MP_UI_ANSWER_DATE, NULL },
  { "info.received_on", N_("Information received on"), NULL, "R-RESPOND",
    MP_UI_ANSWER_DATE, NULL },
};

static const MpUiItem scope_items[] = {
  { "scope.asset_owner", N_("Whose system is it?"),
    N_("Compare the reported system with the asset list. A sister organisation's report goes to their own policy."),
    "R-GROUP", MP_UI_ANSWER_CHOICE, asset_owners },
  { "scope.sister_name", N_("Sister organisation"), NULL, "R-GROUP", MP_UI_ANSWER_TEXT, NULL },
  { "scope.method.social_engineering", N_("Social engineering used"), N_("Phishing and similar tricks are not allowed."),
    "R-NO-SOCIAL", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.physical", N_("Physical attack used"), N_("Such as tailgating into a building."),
    "R-NO-SOCIAL", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.dos", N_("Denial of service used"), N_("No disruption of production systems."),
    "R-NO-AVAILABILITY", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.spam", N_("Spam sent"), NULL, "R-NO-SPAM", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.malware", N_("Malware placed"), NULL, "R-NO-MALWARE", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.backdoor", N_("Backdoor placed"), NULL, "R-NO-DAMAGE", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.data_beyond_need", N_("Data accessed beyond need"),
    N_("Viewing, copying, changing or deleting more data than needed to show the problem."),
    "R-NO-EXPLOIT", MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.unrelated_changes", N_("Unrelated changes made"), NULL, "R-NO-DAMAGE",
    MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.method.third_party_apps", N_("Third-party applications attacked"), NULL, "R-NO-THIRDPARTY",
    MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.personal_data", N_("Personal or payment data received"),
    N_("Received data is marked for deletion when the case closes."), "R-NO-PII",
    MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "scope.known", N_("Previously known?"), NULL, "P-REWARD", MP_UI_ANSWER_CHOICE, known_choices },
  { "scope.duplicate_of", N_("Duplicate of case"), N_("The reference of the earlier case, such as CVD-2026-0001."),
    NULL, MP_UI_ANSWER_TEXT, NULL },
  { "scope.rules_followed", N_("Rules followed"),
    N_("When the rules were followed in good faith, no legal action is taken."), "P-NO-LEGAL",
    MP_UI_ANSWER_YES_NO, NULL },
  { "scope.outcome", N_("Outcome"),
    N_("Out of scope, duplicate and not a vulnerability lead straight to the closing letter."), NULL,
    MP_UI_ANSWER_CHOICE, outcomes },
  { "scope.outcome_reason", N_("Reason for the outcome"), NULL, NULL, MP_UI_ANSWER_TEXT, NULL },
};

static const MpUiItem ack_items[] = {
  { "ack.sent_on", N_("Acknowledgement sent on"),
    N_("Confirm receipt to the reporter within 72 hours."), "P-ACK", MP_UI_ANSWER_DATE, NULL },
};

static const MpUiItem assess_items[] = {
  { "assess.reproduced", N_("Reproduced"), NULL, NULL, MP_UI_ANSWER_YES_NO_UNKNOWN, NULL },
  { "assess.cvss", N_("CVSS vector"), N_("A CVSS 3.1 or 4.0 vector gives the score and severity."),
    NULL, MP_UI_ANSWER_CVSS, NULL },
  { "assess.quality", N_("Report quality"), N_("Counts towards the reward."), "P-REWARD",
    MP_UI_ANSWER_CHOICE, qualities },
  { "assess.impact_notes", N_("Impact notes"), NULL, NULL, MP_UI_ANSWER_TEXT, NULL },
  { "assess.owner", N_("Owner of the system"), NULL, NULL, MP_UI_ANSWER_TEXT, NULL },
  { "assess.fix_date", N_("Expected fix date"), N_("Suggested from the severity."), "P-FIX-ASAP",
    MP_UI_ANSWER_DATE, NULL },
  { "assess.sent_on", N_("Assessment sent on"),
    N_("Send the assessment and the expected fix date within 3 working days."), "P-ASSESS",
    MP_UI_ANSWER_DATE, NULL },
};

static const MpUiItem remed_items[] = {
  { "remed.last_update_on", N_("Last progress update on"),
    N_("Keep the reporter informed at least every 14 days."), "P-INFORM", MP_UI_ANSWER_DATE, NULL },
  { "remed.fix_date_extended_to", N_("Fix date extended to"), NULL, "P-INFORM", MP_UI_ANSWER_DATE, NULL },
  { "remed.extension_reason", N_("Reason for the extension"), NULL, NULL, MP_UI_ANSWER_TEXT, NULL },
  { "remed.fixed_on", N_("Fixed on"), NULL, "P-FIX-ASAP", MP_UI_ANSWER_DATE, NULL },
  { "remed.verified", N_("Fix verified"), NULL, NULL, MP_UI_ANSWER_YES_NO, NULL },
  { "remed.retest_by_reporter", N_("Retested by the reporter"), NULL, NULL, MP_UI_ANSWER_YES_NO, NULL },
};

static const MpUiItem reward_items[] = {
  { "reward.in_influence", N_("Within our influence"),
    N_("A reward is for previously unknown problems the desk can fix, reported under the rules."),
    "P-REWARD", MP_UI_ANSWER_YES_NO, NULL },
  { "reward.amount", N_("Amount (EUR)"), N_("Sized by severity and report quality."), "P-REWARD",
    MP_UI_ANSWER_AMOUNT, NULL },
  { "reward.kind", N_("Kind of reward"), N_("For example the brand of the gift voucher."), NULL,
    MP_UI_ANSWER_TEXT, NULL },
  { "reward.voucher_code", N_("Voucher code"), N_("Stored encrypted."), NULL, MP_UI_ANSWER_TEXT, NULL },
  { "reward.sent_on", N_("Reward sent on"), NULL, NULL, MP_UI_ANSWER_DATE, NULL },
  { "reward.declined", N_("Reward declined"), NULL, NULL, MP_UI_ANSWER_YES_NO, NULL },
};

static const MpUiItem credit_items[] = {
  { "credit.wants", N_("Reporter wants credit"), NULL, "P-CREDIT", MP_UI_ANSWER_YES_NO, NULL },
  { "credit.name", N_("Name to publish"), N_("A pseudonym is fine."), "P-PSEUDONYM", MP_UI_ANSWER_TEXT, NULL },
  { "credit.consent_on", N_("Consent given on"), NULL, "P-CREDIT", MP_UI_ANSWER_DATE, NULL },
};

static const MpUiItem disclose_items[] = {
  { "disclose.agreed_on", N_("Publication agreed for"),
    N_("Not before the fix, and not before the disclosure window ends unless agreed."), "P-DISCLOSE",
    MP_UI_ANSWER_DATE, NULL },
  { "disclose.extended_to", N_("Disclosure extended to"), NULL, "P-DISCLOSE", MP_UI_ANSWER_DATE, NULL },
  { "disclose.extension_reason", N_("Reason for the extension"), NULL, NULL, MP_UI_ANSWER_TEXT, NULL },
  { "disclose.reporter_plans", N_("Reporter's publication plans"), NULL, "P-PUBLICATION",
    MP_UI_ANSWER_TEXT, NULL },
  { "disclose.advisory", N_("Advisory"), N_("Text or address of the published advisory."), NULL,
    MP_UI_ANSWER_TEXT, NULL },
};

static const MpUiItem close_items[] = {
  { "close.delete_requested_on", N_("Reporter asked to delete data on"), NULL, "R-DELETE-DATA",
    MP_UI_ANSWER_DATE, NULL },
  { "close.delete_confirmed_on", N_("Deletion confirmed on"), NULL, "R-DELETE-DATA", MP_UI_ANSWER_DATE, NULL },
  { "close.own_data_deleted_on", N_("Our copy of personal data deleted on"), NULL, "R-NO-PII",
    MP_UI_ANSWER_DATE, NULL },
  { "close.final_letter_on", N_("Final letter sent on"), NULL, NULL, MP_UI_ANSWER_DATE, NULL },
  { "close.closed_on", N_("Closed on"), NULL, "P-CONFIDENTIAL", MP_UI_ANSWER_DATE, NULL },
};

#define STEP(id, title, clause, deadline, items) \
  { id, title, clause, deadline, items, G_N_ELEMENTS (items) }

static const MpUiStep steps[] = {
  STEP ("intake", N_("Intake"), "R-DETAILS", "reporter-follow-up", intake_items),
  STEP ("scope", N_("Scope Check"), NULL, NULL, scope_items),
  STEP ("acknowledgement", N_("Acknowledgement"), "P-ACK", "acknowledgement", ack_items),
  STEP ("assessment", N_("Assessment"), "P-ASSESS", "assessment", assess_items),
  STEP ("remediation", N_("Remediation"), "P-INFORM", "progress-update", remed_items),
  STEP ("reward", N_("Reward"), "P-REWARD", NULL, reward_items),
  STEP ("credit", N_("Credit"), "P-CREDIT", NULL, credit_items),
  STEP ("disclosure", N_("Disclosure"), "P-DISCLOSE", "disclosure", disclose_items),
  STEP ("closure", N_("Closure"), "R-DELETE-DATA", "data-deletion", close_items),
};

const MpUiStep *
mp_ui_get_steps (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (steps);
  return steps;
}

guint
mp_ui_step_for_status (const char *status)
{
  if (status == NULL || strcmp (status, "waiting") == 0)
    return 0;
  if (strcmp (status, "closed") == 0)
    return G_N_ELEMENTS (steps);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (strcmp (steps[i].id, status) == 0)
      return i;
  return 0;
}

const char *
mp_ui_choice_label (const MpUiItem *item,
                    const char     *value)
{
  for (guint i = 0; item->choices != NULL && item->choices[i].value != NULL; i++)
    if (g_strcmp0 (item->choices[i].value, value) == 0)
      return _(item->choices[i].label);
  return value;
}
