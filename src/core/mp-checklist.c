/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-legal.h"
#include "mp-reward.h"

#define CHECKLIST_CONTEXT "checklist"

/* ---- conditions ----------------------------------------------------------- */

static gboolean
answer_is (MpCase     *kase,
           const char *item,
           const char *value)
{
  return g_strcmp0 (mp_case_get_answer_value (kase, item), value) == 0;
}

static gboolean
is_answered (MpCase     *kase,
             const char *item)
{
  return mp_case_get_answer_value (kase, item) != NULL;
}

static gboolean
intake_incomplete (MpCase *kase)
{
  return answer_is (kase, "intake.complete", "no");
}

static gboolean
info_requested (MpCase *kase)
{
  return is_answered (kase, "info.requested_on");
}

static gboolean
asset_of_sister (MpCase *kase)
{
  return answer_is (kase, "scope.asset_owner", "sister");
}

static gboolean
duplicate_named (MpCase *kase)
{
  return answer_is (kase, "scope.outcome", "duplicate") ||
         answer_is (kase, "scope.known", "duplicate");
}

static gboolean
outcome_needs_reason (MpCase *kase)
{
  return answer_is (kase, "scope.outcome", "out-of-scope") ||
         answer_is (kase, "scope.outcome", "not-vulnerability");
}

static gboolean
fix_date_extended (MpCase *kase)
{
  return is_answered (kase, "remed.fix_date_extended_to");
}

/* A reward is possible at all: in scope, previously unknown, rules followed
 * (P-REWARD, as mp-reward.c judges it). Whether the desk could influence the
 * problem is asked next. */
static gboolean
reward_possible (MpCase *kase)
{
  return (mp_reward_check_eligibility (kase, NULL) & ~MP_REWARD_OUTSIDE_INFLUENCE) == 0;
}

static gboolean
reward_to_send (MpCase *kase)
{
  return mp_reward_check_eligibility (kase, NULL) == MP_REWARD_ELIGIBLE &&
         answer_is (kase, "reward.in_influence", "yes") &&
         !answer_is (kase, "reward.declined", "yes");
}

static gboolean
credit_wanted (MpCase *kase)
{
  return answer_is (kase, "credit.wants", "yes");
}

static gboolean
disclosure_extended (MpCase *kase)
{
  return is_answered (kase, "disclose.extended_to");
}

/* R-DELETE-DATA: a reporter who worked on our systems is asked to delete
 * what they obtained. */
static gboolean
went_through_fix (MpCase *kase)
{
  return !mp_checklist_outcome_is_early (mp_checklist_get_outcome (kase));
}

/* The legal triage (mp-legal.h): follow-up questions once a regime may
 * have started. */
static gboolean
aware_moved (MpCase *kase)
{
  return is_answered (kase, "legal.aware_at");
}

static gboolean
data_breach (MpCase *kase)
{
  return answer_is (kase, "legal.data_breach", "yes");
}

static gboolean
legal_processor (MpCase *kase)
{
  return answer_is (kase, "legal.role", "processor");
}

static gboolean
gdpr_notified (MpCase *kase)
{
  return is_answered (kase, "legal.gdpr_authority_notified_at");
}

static gboolean
nis2_notified (MpCase *kase)
{
  return is_answered (kase, "legal.nis2_notification_at");
}

static gboolean
cra_notified (MpCase *kase)
{
  return is_answered (kase, "legal.cra_notification_at");
}

/* ---- the data ------------------------------------------------------------- */

#define CLAUSES(...) ((const char * const []) { __VA_ARGS__, NULL })

static const MpChecklistChoice yes_no[] = {
  { "yes", NC_ ("checklist", "Yes") },
  { "no", NC_ ("checklist", "No") },
  { NULL, NULL }
};

static const MpChecklistChoice yes_no_unknown[] = {
  { "yes", NC_ ("checklist", "Yes") },
  { "no", NC_ ("checklist", "No") },
  { "unknown", NC_ ("checklist", "Unknown") },
  { NULL, NULL }
};

static const MpChecklistChoice asset_owners[] = {
  { "ours", NC_ ("checklist", "Ours") },
  { "sister", NC_ ("checklist", "A sister organisation in the group") },
  { "third-party", NC_ ("checklist", "A third party") },
  { "unknown", NC_ ("checklist", "Unknown") },
  { NULL, NULL }
};

static const MpChecklistChoice known_kinds[] = {
  { "no", NC_ ("checklist", "Not known before") },
  { "duplicate", NC_ ("checklist", "Duplicate of another case") },
  { "known-issue", NC_ ("checklist", "A known issue") },
  { "earlier-test", NC_ ("checklist", "Found in an earlier security test") },
  { NULL, NULL }
};

static const MpChecklistChoice outcomes[] = {
  { "in-scope", NC_ ("checklist", "In scope") },
  { "out-of-scope", NC_ ("checklist", "Out of scope") },
  { "duplicate", NC_ ("checklist", "Duplicate") },
  { "not-vulnerability", NC_ ("checklist", "Not a vulnerability") },
  { NULL, NULL }
};

static const MpChecklistChoice qualities[] = {
  { "poor", NC_ ("checklist", "Poor") },
  { "fair", NC_ ("checklist", "Fair") },
  { "good", NC_ ("checklist", "Good") },
  { "excellent", NC_ ("checklist", "Excellent") },
  { NULL, NULL }
};

static const MpChecklistChoice legal_risks[] = {
  { "unlikely", NC_ ("checklist", "Unlikely to pose a risk") },
  { "risk", NC_ ("checklist", "A risk to the people concerned") },
  { "high", NC_ ("checklist", "A high risk to the people concerned") },
  { NULL, NULL }
};

static const MpChecklistChoice legal_roles[] = {
  { "controller", NC_ ("checklist", "Controller") },
  { "processor", NC_ ("checklist", "Processor for a client") },
  { NULL, NULL }
};

static const MpChecklistStep steps[MP_N_STEPS] = {
  { MP_STEP_INTAKE, "intake",
    N_("Record the report as it came in. Location, potential impact and steps to reproduce "
       "must all be there; if one is missing, ask the reporter for it."),
    CLAUSES ("R-DETAILS", "R-RESPOND") },
  { MP_STEP_SCOPE, "scope",
    N_("Decide whether the report falls under the policy: whose system it is, whether the "
       "reporter kept to the rules, whether personal data was sent and whether the problem "
       "was known."),
    CLAUSES ("R-MINIMAL", "R-NO-EXPLOIT", "R-NO-DAMAGE", "R-NO-AVAILABILITY", "R-NO-SOCIAL",
             "R-NO-SPAM", "R-NO-MALWARE", "R-NO-THIRDPARTY", "R-NO-PII", "R-GROUP", "P-NO-LEGAL") },
  { MP_STEP_ACKNOWLEDGEMENT, "acknowledgement",
    N_("Confirm to the reporter that the report was received, within the promised time."),
    CLAUSES ("P-ACK") },
  { MP_STEP_ASSESSMENT, "assessment",
    N_("Reproduce the problem, score it, name who fixes it and tell the reporter the "
       "assessment and the expected fix date within the promised working days."),
    CLAUSES ("P-ASSESS", "P-FIX-ASAP") },
  { MP_STEP_REMEDIATION, "remediation",
    N_("Fix the problem as soon as possible and keep the reporter informed of progress "
       "at the promised interval."),
    CLAUSES ("P-INFORM", "P-FIX-ASAP") },
  { MP_STEP_REWARD, "reward",
    N_("A previously unknown problem that the desk can influence, reported under the rules, "
       "earns a reward sized by severity and report quality."),
    CLAUSES ("P-REWARD") },
  { MP_STEP_CREDIT, "credit",
    N_("Name the reporter as the discoverer in publications if they want, exactly as they "
       "wish to be named, and only with their consent."),
    CLAUSES ("P-CREDIT", "P-PSEUDONYM", "P-CONFIDENTIAL") },
  { MP_STEP_DISCLOSURE, "disclosure",
    N_("Agree on publication: only after the fix, and not before the disclosure window "
       "ends unless both sides agree."),
    CLAUSES ("P-DISCLOSE", "P-PUBLICATION", "R-CONFIDENTIAL") },
  { MP_STEP_CLOSURE, "closure",
    N_("Ask the reporter to delete what they obtained, delete personal data received, send "
       "the final letter and close the case."),
    CLAUSES ("R-DELETE-DATA", "R-NO-PII", "P-CONFIDENTIAL") },
};

#define ITEM(id_, step_, kind_, choices_, clauses_, required_, condition_, label_, help_) \
  { id_, step_, kind_, choices_, clauses_, required_, NULL, FALSE, label_, help_, condition_ }

#define METHOD(name_, clauses_, label_, help_) \
  ITEM ("scope.method." name_, MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO_UNKNOWN, yes_no_unknown, \
        clauses_, MP_REQUIRED_ALWAYS, NULL, label_, help_)

/* Ordered by step: mp_checklist_get_items() hands out slices of this. */
static const MpChecklistItem items[] = {
  /* Intake */
  { "intake.complete", MP_STEP_INTAKE, MP_ANSWER_KIND_YES_NO, yes_no, CLAUSES ("R-DETAILS"),
    MP_REQUIRED_ALWAYS, "yes", FALSE,
    N_("Is the report complete?"),
    N_("A report needs the location of the problem (URL, host name or IP address), its "
       "potential impact and the steps to reproduce it. Answer no if any of these is "
       "missing, and ask the reporter for it."),
    NULL },
  ITEM ("info.requested_on", MP_STEP_INTAKE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("R-DETAILS", "R-RESPOND"), MP_REQUIRED_WHEN, intake_incomplete,
        N_("More information requested on"),
        N_("The day the reporter was asked for what is missing. The case waits for the "
           "reporter until the answer comes in; follow up if it does not.")),
  ITEM ("info.received_on", MP_STEP_INTAKE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("R-RESPOND"), MP_REQUIRED_WHEN, info_requested,
        N_("More information received on"),
        N_("The day the reporter's answer came in. Check again whether the report is "
           "complete.")),

  /* Scope check */
  ITEM ("scope.asset_owner", MP_STEP_SCOPE, MP_ANSWER_KIND_CHOICE, asset_owners,
        CLAUSES ("R-NO-THIRDPARTY", "R-GROUP"), MP_REQUIRED_ALWAYS, NULL,
        N_("Whose system is affected?"),
        N_("Only systems under the organisation's own control fall under the policy. A "
           "sister organisation's system goes to that organisation's own policy; anything "
           "else belongs to a third party, and the reporter is referred to its owner or "
           "to the national CSIRT.")),
  ITEM ("scope.sister_name", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("R-GROUP"), MP_REQUIRED_WHEN, asset_of_sister,
        N_("Sister organisation"),
        N_("The organisation in the group whose policy applies; the reporter is redirected "
           "to it.")),
  METHOD ("social_engineering", CLAUSES ("R-NO-SOCIAL"),
          N_("Social engineering used?"),
          N_("Reporters may not deceive people, for example by phishing.")),
  METHOD ("physical", CLAUSES ("R-NO-SOCIAL"),
          N_("Physical attack used?"),
          N_("Reporters may not enter buildings or rooms, for example by tailgating.")),
  METHOD ("dos", CLAUSES ("R-NO-AVAILABILITY"),
          N_("Denial of service used?"),
          N_("Reporters may not disrupt production or make systems unavailable, for "
             "example by (D)DoS attacks.")),
  METHOD ("spam", CLAUSES ("R-NO-SPAM"),
          N_("Spam sent?"),
          N_("Reporters may not send spam.")),
  METHOD ("malware", CLAUSES ("R-NO-MALWARE"),
          N_("Malware placed?"),
          N_("Reporters may not place malware on any system.")),
  METHOD ("backdoor", CLAUSES ("R-NO-DAMAGE"),
          N_("Backdoor placed?"),
          N_("Reporters may not cause damage or place backdoors.")),
  METHOD ("data_beyond_need", CLAUSES ("R-NO-EXPLOIT", "R-MINIMAL"),
          N_("Data handled beyond need?"),
          N_("Reporters may do only what is strictly needed to show the problem: no "
             "downloading more data than needed, and no viewing, changing or deleting data, "
             "their own or anyone else's.")),
  METHOD ("unrelated_changes", CLAUSES ("R-NO-DAMAGE"),
          N_("Unrelated changes made?"),
          N_("Reporters may not change systems in ways that have nothing to do with showing "
             "the problem.")),
  METHOD ("third_party_apps", CLAUSES ("R-NO-THIRDPARTY"),
          N_("Third-party applications attacked?"),
          N_("Reporters may test only systems under the organisation's own control, not "
             "applications of third parties.")),
  ITEM ("scope.personal_data", MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO_UNKNOWN, yes_no_unknown,
        CLAUSES ("R-NO-PII", "R-DELETE-DATA"), MP_REQUIRED_ALWAYS, NULL,
        N_("Personal or payment data received?"),
        N_("Reporters may not send personal data or payment data such as bank or card "
           "numbers. Anything received is marked for deletion, and deleting it is a "
           "closing item.")),
  ITEM ("scope.known", MP_STEP_SCOPE, MP_ANSWER_KIND_CHOICE, known_kinds,
        CLAUSES ("P-REWARD"), MP_REQUIRED_ALWAYS, NULL,
        N_("Was the problem known before?"),
        N_("A duplicate of another case, a known issue or a finding of an earlier security "
           "test is not previously unknown, and earns no reward.")),
  ITEM ("scope.duplicate_of", MP_STEP_SCOPE, MP_ANSWER_KIND_REFERENCE, NULL,
        CLAUSES ("P-REWARD"), MP_REQUIRED_WHEN, duplicate_named,
        N_("Duplicate of case"),
        N_("The reference of the earlier case about the same problem, such as "
           "CVD-2026-0012.")),
  ITEM ("scope.outcome", MP_STEP_SCOPE, MP_ANSWER_KIND_CHOICE, outcomes,
        CLAUSES ("R-NO-THIRDPARTY", "R-GROUP", "R-DETAILS"), MP_REQUIRED_ALWAYS, NULL,
        N_("Outcome of the scope check"),
        N_("In scope continues with acknowledgement and assessment. Out of scope, duplicate "
           "and not a vulnerability go straight to the closing letter.")),
  ITEM ("scope.outcome_reason", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("R-NO-THIRDPARTY", "R-DETAILS"), MP_REQUIRED_WHEN, outcome_needs_reason,
        N_("Reason for the outcome"),
        N_("Why the report is out of scope or not a vulnerability; the closing letter "
           "explains it to the reporter.")),
  ITEM ("scope.rules_followed", MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO, yes_no,
        CLAUSES ("P-NO-LEGAL", "P-REWARD", "R-MINIMAL"), MP_REQUIRED_ALWAYS, NULL,
        N_("Were the rules followed?"),
        N_("The desk takes no legal action against a reporter who followed the rules in "
           "good faith. A reporter who did not is not eligible for a reward.")),

  /* Scope check: the legal triage (mp-legal.h). The application helps; it
   * does not give legal advice. */
  ITEM ("legal.aware_at", MP_STEP_SCOPE, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-AVG-33", "L-NIS2-23", "L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("Aware of it since"),
        N_("The moment the organisation became aware, as 2026-10-24T09:30:00+02:00. The "
           "legal deadlines run in calendar hours from it. Leave it empty to count from "
           "when the report was received.")),
  ITEM ("legal.aware_reason", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_WHEN, aware_moved,
        N_("Why aware at that moment"),
        N_("Why the awareness moment differs from the moment the report was received.")),
  ITEM ("legal.data_breach", MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO_UNKNOWN, yes_no_unknown,
        CLAUSES ("L-AVG-33", "L-AVG-33-5", "R-NO-PII"), MP_REQUIRED_NO, NULL,
        N_("Personal data reached?"),
        N_("Whether the reporter or anyone else could reach personal data through the "
           "problem. That is a data breach under the AVG: it goes in the breach register "
           "and may have to be notified to the Autoriteit Persoonsgegevens.")),
  ITEM ("legal.data_breach_by", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_WHEN, data_breach,
        N_("Reached by whom?"),
        N_("Only the reporter, or also others (for example signs of earlier access).")),
  ITEM ("legal.data_breach_data", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33", "L-AVG-33-5"), MP_REQUIRED_WHEN, data_breach,
        N_("What personal data?"),
        N_("The kinds of personal data concerned, such as names, addresses, e-mail "
           "addresses or health data. It goes in the breach register.")),
  ITEM ("legal.data_breach_people", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33", "L-AVG-33-5"), MP_REQUIRED_WHEN, data_breach,
        N_("How many people?"),
        N_("The number of people concerned, or an estimate.")),
  ITEM ("legal.data_breach_risk", MP_STEP_SCOPE, MP_ANSWER_KIND_CHOICE, legal_risks,
        CLAUSES ("L-AVG-33", "L-AVG-34"), MP_REQUIRED_WHEN, data_breach,
        N_("Likely risk to the people concerned"),
        N_("A breach unlikely to pose a risk need not be notified, but the reason is "
           "recorded. A high risk means informing the people concerned as well.")),
  ITEM ("legal.role", MP_STEP_SCOPE, MP_ANSWER_KIND_CHOICE, legal_roles,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_WHEN, data_breach,
        N_("Controller or processor?"),
        N_("A controller notifies the authority itself; a processor informs its client, "
           "the controller, without undue delay. Preferences give the desk's usual role.")),
  ITEM ("legal.client", MP_STEP_SCOPE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_WHEN, legal_processor,
        N_("For which client?"),
        N_("The controller whose personal data it is.")),
  ITEM ("legal.exploited", MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO_UNKNOWN, yes_no_unknown,
        CLAUSES ("L-NIS2-23", "L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("Signs of exploitation before the report?"),
        N_("Whether anyone used the weakness maliciously before it was reported. A "
           "researcher's finding with no such sign is not actively exploited.")),
  ITEM ("legal.own_product", MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO_UNKNOWN, yes_no_unknown,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("In a product we make or market?"),
        N_("An actively exploited vulnerability in a product with digital elements the "
           "organisation makes or markets must be reported under the Cyber Resilience "
           "Act.")),
  ITEM ("legal.significant_incident", MP_STEP_SCOPE, MP_ANSWER_KIND_YES_NO_UNKNOWN,
        yes_no_unknown, CLAUSES ("L-NIS2-23"), MP_REQUIRED_NO, NULL,
        N_("Significant incident?"),
        N_("For an essential or important entity under NIS2 and the Cyberbeveiligingswet, "
           "a significant incident (for example signs of malicious exploitation) must be "
           "reported to the CSIRT.")),

  /* Acknowledgement */
  ITEM ("ack.sent_on", MP_STEP_ACKNOWLEDGEMENT, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-ACK"), MP_REQUIRED_ALWAYS, NULL,
        N_("Acknowledgement sent on"),
        N_("The day the confirmation of receipt went to the reporter. The policy promises "
           "it within a set number of hours of the report.")),

  /* Assessment */
  ITEM ("assess.reproduced", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_YES_NO_UNKNOWN, yes_no_unknown,
        CLAUSES ("P-ASSESS"), MP_REQUIRED_ALWAYS, NULL,
        N_("Reproduced?"),
        N_("Whether the desk could reproduce the problem with the reporter's steps.")),
  ITEM ("assess.cvss", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_CVSS, NULL,
        CLAUSES ("P-ASSESS", "P-FIX-ASAP", "P-REWARD"), MP_REQUIRED_ALWAYS, NULL,
        N_("CVSS vector"),
        N_("A CVSS 3.1 or 4.0 vector, such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H. "
           "Its severity sets the fix target and weighs in the reward.")),
  ITEM ("assess.quality", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_CHOICE, qualities,
        CLAUSES ("P-REWARD"), MP_REQUIRED_ALWAYS, NULL,
        N_("Quality of the report"),
        N_("How clear and complete the report was; it weighs in the reward.")),
  ITEM ("assess.impact_notes", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-ASSESS"), MP_REQUIRED_NO, NULL,
        N_("Notes on the impact"),
        N_("What the problem means for the organisation and its users.")),
  ITEM ("assess.owner", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-FIX-ASAP"), MP_REQUIRED_ALWAYS, NULL,
        N_("Owner of the affected system"),
        N_("The person or team that fixes the problem.")),
  ITEM ("assess.fix_date", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-ASSESS", "P-FIX-ASAP"), MP_REQUIRED_ALWAYS, NULL,
        N_("Expected fix date"),
        N_("The day the fix is expected, told to the reporter with the assessment. The "
           "policy's fix target for the severity suggests it.")),
  ITEM ("assess.sent_on", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-ASSESS"), MP_REQUIRED_ALWAYS, NULL,
        N_("Assessment sent on"),
        N_("The day the assessment and the expected fix date went to the reporter. The "
           "policy promises it within a set number of working days.")),

  /* Assessment: the notifications to the authorities (mp-legal.h). */
  ITEM ("legal.gdpr_authority_notified_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_NO, NULL,
        N_("Authority notified at"),
        N_("The moment the data breach was notified to the Autoriteit Persoonsgegevens.")),
  ITEM ("legal.gdpr_authority_reference", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_WHEN, gdpr_notified,
        N_("The authority's reference"),
        N_("The reference number the Autoriteit Persoonsgegevens gave the notification.")),
  ITEM ("legal.gdpr_controller_informed_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-AVG-33"), MP_REQUIRED_NO, NULL,
        N_("Controller informed at"),
        N_("The moment the client, as controller, was told of the data breach.")),
  ITEM ("legal.gdpr_subjects_informed_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-AVG-34"), MP_REQUIRED_NO, NULL,
        N_("People concerned informed at"),
        N_("The moment the people concerned were told, when the risk to them is high.")),
  ITEM ("legal.gdpr_not_required", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-AVG-33", "L-AVG-33-5"), MP_REQUIRED_NO, NULL,
        N_("Why no notification is required"),
        N_("The reason the data breach need not be notified, for example that it is "
           "unlikely to pose a risk. It settles the deadline and goes in the breach "
           "register.")),
  ITEM ("legal.nis2_early_warning_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-NIS2-23"), MP_REQUIRED_NO, NULL,
        N_("NIS2 early warning given at"),
        N_("The moment the early warning went to the CSIRT.")),
  ITEM ("legal.nis2_notification_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-NIS2-23"), MP_REQUIRED_NO, NULL,
        N_("NIS2 incident notification made at"),
        N_("The moment the incident notification went to the CSIRT. The final report is "
           "due a month later.")),
  ITEM ("legal.nis2_reference", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-NIS2-23"), MP_REQUIRED_WHEN, nis2_notified,
        N_("The CSIRT's reference"),
        N_("The reference number given to the incident notification.")),
  ITEM ("legal.nis2_final_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-NIS2-23"), MP_REQUIRED_NO, NULL,
        N_("NIS2 final report sent at"),
        N_("The moment the final report (or a progress report while the incident is "
           "still ongoing) went to the CSIRT.")),
  ITEM ("legal.nis2_not_required", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-NIS2-23"), MP_REQUIRED_NO, NULL,
        N_("Why no NIS2 report is required"),
        N_("The reason the incident need not be reported. It settles the NIS2 deadlines.")),
  ITEM ("legal.cra_early_warning_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("CRA early warning given at"),
        N_("The moment the early warning went to the CSIRT through ENISA's reporting "
           "platform.")),
  ITEM ("legal.cra_notification_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("CRA vulnerability notification made at"),
        N_("The moment the vulnerability notification was made.")),
  ITEM ("legal.cra_reference", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_WHEN, cra_notified,
        N_("The notification's reference"),
        N_("The reference number given to the vulnerability notification.")),
  ITEM ("legal.cra_severe", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_YES_NO, yes_no,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("A severe incident?"),
        N_("For a severe incident the final report is due a month after the notification.")),
  ITEM ("legal.cra_measure_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("Correcting measure available since"),
        N_("The moment a correcting or mitigating measure became available; the final "
           "report is due a set number of days later. Inform the product's users too.")),
  ITEM ("legal.cra_final_at", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_MOMENT, NULL,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("CRA final report sent at"),
        N_("The moment the final report was made.")),
  ITEM ("legal.cra_not_required", MP_STEP_ASSESSMENT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("L-CRA-14"), MP_REQUIRED_NO, NULL,
        N_("Why no CRA report is required"),
        N_("The reason the vulnerability need not be reported. It settles the CRA "
           "deadlines.")),

  /* Remediation */
  ITEM ("remed.last_update_on", MP_STEP_REMEDIATION, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-INFORM"), MP_REQUIRED_NO, NULL,
        N_("Last progress update on"),
        N_("The day the reporter last heard how the fix is going. The next update is due a "
           "set number of days later.")),
  ITEM ("remed.fix_date_extended_to", MP_STEP_REMEDIATION, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-FIX-ASAP", "P-INFORM"), MP_REQUIRED_NO, NULL,
        N_("Fix date extended to"),
        N_("A new expected fix date, when the first one cannot be kept. Tell the reporter, "
           "with the reason.")),
  ITEM ("remed.extension_reason", MP_STEP_REMEDIATION, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-INFORM"), MP_REQUIRED_WHEN, fix_date_extended,
        N_("Reason for the extension"),
        N_("Why the fix takes longer; the extension notice tells the reporter.")),
  ITEM ("remed.fixed_on", MP_STEP_REMEDIATION, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-FIX-ASAP"), MP_REQUIRED_ALWAYS, NULL,
        N_("Fixed on"),
        N_("The day the fix was in place.")),
  { "remed.verified", MP_STEP_REMEDIATION, MP_ANSWER_KIND_YES_NO, yes_no,
    CLAUSES ("P-FIX-ASAP"), MP_REQUIRED_ALWAYS, "yes", FALSE,
    N_("Fix verified?"),
    N_("Whether the desk checked that the problem is gone. Remediation ends when the fix "
       "is verified."),
    NULL },
  ITEM ("remed.retest_by_reporter", MP_STEP_REMEDIATION, MP_ANSWER_KIND_YES_NO, yes_no,
        CLAUSES ("P-FIX-ASAP"), MP_REQUIRED_NO, NULL,
        N_("Retested by the reporter?"),
        N_("Whether the reporter confirmed the fix by testing again.")),

  /* Reward */
  ITEM ("reward.in_influence", MP_STEP_REWARD, MP_ANSWER_KIND_YES_NO, yes_no,
        CLAUSES ("P-REWARD"), MP_REQUIRED_WHEN, reward_possible,
        N_("Within the desk's influence?"),
        N_("A reward is given only for problems the desk can influence itself, not for "
           "problems in products it merely uses.")),
  ITEM ("reward.amount", MP_STEP_REWARD, MP_ANSWER_KIND_AMOUNT, NULL,
        CLAUSES ("P-REWARD"), MP_REQUIRED_WHEN, reward_to_send,
        N_("Amount in euros"),
        N_("The value of the reward; the policy suggests it from severity and report "
           "quality, up to its cap.")),
  ITEM ("reward.kind", MP_STEP_REWARD, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-REWARD"), MP_REQUIRED_WHEN, reward_to_send,
        N_("Kind of reward"),
        N_("What the reporter receives, for example a gift voucher of a named shop.")),
  { "reward.voucher_code", MP_STEP_REWARD, MP_ANSWER_KIND_TEXT, NULL,
    CLAUSES ("P-REWARD", "P-CONFIDENTIAL"), MP_REQUIRED_NO, NULL, TRUE,
    N_("Voucher code"),
    N_("The code of the gift voucher. It is confidential and stored encrypted."),
    NULL },
  ITEM ("reward.sent_on", MP_STEP_REWARD, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-REWARD"), MP_REQUIRED_WHEN, reward_to_send,
        N_("Reward sent on"),
        N_("The day the reward went to the reporter.")),
  ITEM ("reward.declined", MP_STEP_REWARD, MP_ANSWER_KIND_YES_NO, yes_no,
        CLAUSES ("P-REWARD"), MP_REQUIRED_NO, NULL,
        N_("Reward declined?"),
        N_("Whether the reporter declined the reward.")),

  /* Credit */
  ITEM ("credit.wants", MP_STEP_CREDIT, MP_ANSWER_KIND_YES_NO, yes_no,
        CLAUSES ("P-CREDIT"), MP_REQUIRED_ALWAYS, NULL,
        N_("Does the reporter want credit?"),
        N_("Whether the reporter wants to be named as the discoverer in publications.")),
  ITEM ("credit.name", MP_STEP_CREDIT, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-CREDIT", "P-PSEUDONYM"), MP_REQUIRED_WHEN, credit_wanted,
        N_("Name to publish"),
        N_("Exactly as the reporter wants to be named; a pseudonym is fine.")),
  ITEM ("credit.consent_on", MP_STEP_CREDIT, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-CREDIT", "P-CONFIDENTIAL"), MP_REQUIRED_WHEN, credit_wanted,
        N_("Consent to publish given on"),
        N_("The day the reporter agreed to be named. Without consent the desk shares the "
           "reporter's identity with no one.")),

  /* Disclosure */
  ITEM ("disclose.agreed_on", MP_STEP_DISCLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-DISCLOSE", "P-PUBLICATION"), MP_REQUIRED_NO, NULL,
        N_("Publication agreed for"),
        N_("The day on which the desk and the reporter agreed the problem may be "
           "published.")),
  ITEM ("disclose.extended_to", MP_STEP_DISCLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-DISCLOSE", "R-CONFIDENTIAL"), MP_REQUIRED_NO, NULL,
        N_("Disclosure window extended to"),
        N_("A later end of the disclosure window, agreed with the reporter.")),
  ITEM ("disclose.extension_reason", MP_STEP_DISCLOSURE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-DISCLOSE"), MP_REQUIRED_WHEN, disclosure_extended,
        N_("Reason for the extension"),
        N_("Why the disclosure window was extended.")),
  ITEM ("disclose.reporter_plans", MP_STEP_DISCLOSURE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("R-CONFIDENTIAL", "P-PUBLICATION"), MP_REQUIRED_ALWAYS, NULL,
        N_("The reporter's publication plans"),
        N_("What the reporter intends to publish, and when. The desk wants to be involved "
           "in any publication after the fix.")),
  ITEM ("disclose.advisory", MP_STEP_DISCLOSURE, MP_ANSWER_KIND_TEXT, NULL,
        CLAUSES ("P-PUBLICATION"), MP_REQUIRED_NO, NULL,
        N_("Advisory"),
        N_("The desk's own advisory, as text or a link, once it is published.")),

  /* Closure */
  ITEM ("close.delete_requested_on", MP_STEP_CLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("R-DELETE-DATA"), MP_REQUIRED_WHEN, went_through_fix,
        N_("Reporter asked to delete data on"),
        N_("The day the reporter was asked to delete all confidential data obtained, as the "
           "policy requires right after the fix.")),
  ITEM ("close.delete_confirmed_on", MP_STEP_CLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("R-DELETE-DATA"), MP_REQUIRED_NO, NULL,
        N_("Reporter confirmed deletion on"),
        N_("The day the reporter confirmed that the data was deleted.")),
  ITEM ("close.own_data_deleted_on", MP_STEP_CLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("R-NO-PII", "P-CONFIDENTIAL"), MP_REQUIRED_NO, NULL,
        N_("Personal data deleted on"),
        N_("The day the desk deleted the personal or payment data it received. It is due a "
           "set number of days after closing.")),
  ITEM ("close.final_letter_on", MP_STEP_CLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-INFORM"), MP_REQUIRED_ALWAYS, NULL,
        N_("Final letter sent on"),
        N_("The day the closing letter went to the reporter.")),
  ITEM ("close.closed_on", MP_STEP_CLOSURE, MP_ANSWER_KIND_DATE, NULL,
        CLAUSES ("P-CONFIDENTIAL"), MP_REQUIRED_ALWAYS, NULL,
        N_("Closed on"),
        N_("The day the case was closed. The record of what was decided stays; the "
           "confidential details can then be erased.")),
};

#undef METHOD
#undef ITEM

G_DEFINE_QUARK (mp-checklist-error-quark, mp_checklist_error)

/* ---- public: the data ----------------------------------------------------- */

const MpChecklistStep *
mp_checklist_get_step (MpStep step)
{
  g_return_val_if_fail (step < MP_N_STEPS, NULL);
  return &steps[step];
}

const MpChecklistStep *
mp_checklist_lookup_step (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < MP_N_STEPS; i++)
    if (g_str_equal (steps[i].id, id))
      return &steps[i];
  return NULL;
}

const char *
mp_checklist_step_get_label (const MpChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return mp_term_get_label (MP_VOCABULARY_STEP,
                            &mp_vocabulary_get_terms (MP_VOCABULARY_STEP, NULL)[step->step]);
}

const char *
mp_checklist_step_get_help (const MpChecklistStep *step)
{
  g_return_val_if_fail (step != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, step->help);
}

const MpChecklistItem *
mp_checklist_get_items (MpStep  step,
                        guint  *n_items)
{
  guint first = 0;

  g_return_val_if_fail (step < MP_N_STEPS, NULL);
  g_return_val_if_fail (n_items != NULL, NULL);

  /* The items are ordered by step (checked in the tests). */
  while (first < G_N_ELEMENTS (items) && items[first].step < step)
    first++;
  *n_items = 0;
  while (first + *n_items < G_N_ELEMENTS (items) && items[first + *n_items].step == step)
    (*n_items)++;
  return *n_items > 0 ? &items[first] : NULL;
}

const MpChecklistItem *
mp_checklist_get_all_items (guint *n_items)
{
  g_return_val_if_fail (n_items != NULL, NULL);
  *n_items = G_N_ELEMENTS (items);
  return items;
}

const MpChecklistItem *
mp_checklist_lookup_item (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_str_equal (items[i].id, id))
      return &items[i];
  return NULL;
}

const char *
mp_checklist_item_get_label (const MpChecklistItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, item->label);
}

const char *
mp_checklist_item_get_help (const MpChecklistItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, item->help);
}

const char *
mp_checklist_choice_get_label (const MpChecklistChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, CHECKLIST_CONTEXT, choice->label);
}

const char *
mp_checklist_item_get_value_label (const MpChecklistItem *item,
                                   const char            *value)
{
  g_return_val_if_fail (item != NULL, NULL);

  if (item->choices == NULL || value == NULL)
    return NULL;
  for (guint i = 0; item->choices[i].value != NULL; i++)
    if (g_str_equal (item->choices[i].value, value))
      return mp_checklist_choice_get_label (&item->choices[i]);
  return NULL;
}

/* ---- public: routing ------------------------------------------------------ */

const char *
mp_checklist_get_outcome (MpCase *kase)
{
  const char *owner;
  const char *outcome;

  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  owner = mp_case_get_answer_value (kase, "scope.asset_owner");
  if (g_strcmp0 (owner, "third-party") == 0)
    return "third-party";
  if (g_strcmp0 (owner, "sister") == 0)
    return "sister";

  /* Hand back our own static string, and nothing outside the contract. */
  outcome = mp_case_get_answer_value (kase, "scope.outcome");
  for (guint i = 0; outcome != NULL && outcomes[i].value != NULL; i++)
    if (g_str_equal (outcomes[i].value, outcome))
      return outcomes[i].value;
  return NULL;
}

gboolean
mp_checklist_outcome_is_early (const char *outcome)
{
  return outcome != NULL && !g_str_equal (outcome, "in-scope");
}

gboolean
mp_checklist_rules_followed (MpCase *kase)
{
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  if (answer_is (kase, "scope.rules_followed", "no"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (g_str_has_prefix (items[i].id, "scope.method.") && answer_is (kase, items[i].id, "yes"))
      return FALSE;
  return TRUE;
}

const char * const *
mp_checklist_get_method_items (void)
{
  static const char * const methods[] = {
    "scope.method.social_engineering", "scope.method.physical", "scope.method.dos",
    "scope.method.spam", "scope.method.malware", "scope.method.backdoor",
    "scope.method.data_beyond_need", "scope.method.unrelated_changes",
    "scope.method.third_party_apps", NULL
  };

  return methods;
}

gboolean
mp_checklist_is_waiting (MpCase *kase)
{
  const char *requested, *received;

  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  requested = mp_case_get_answer_value (kase, "info.requested_on");
  received = mp_case_get_answer_value (kase, "info.received_on");
  /* YYYY-MM-DD compares as text; an answer from before a later request
   * does not end the wait. */
  return requested != NULL && (received == NULL || strcmp (received, requested) < 0);
}

gboolean
mp_checklist_is_closed (MpCase *kase)
{
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  return is_answered (kase, "close.closed_on");
}

static gboolean
step_applies (MpStep   step,
              gboolean early)
{
  return !early || step == MP_STEP_SCOPE || step == MP_STEP_CLOSURE;
}

static gboolean
item_required (const MpChecklistItem *item,
               MpCase                *kase,
               gboolean               early)
{
  if (!step_applies (item->step, early))
    return FALSE;

  switch (item->required)
    {
    case MP_REQUIRED_NO:
      return FALSE;
    case MP_REQUIRED_WHEN:
      return item->condition (kase);
    case MP_REQUIRED_ALWAYS:
      /* A case that leaves the scope check early needs only the answers
       * that explain its outcome (the conditional ones) there. */
      return !(early && item->step == MP_STEP_SCOPE);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
case_is_early (MpCase *kase)
{
  return mp_checklist_outcome_is_early (mp_checklist_get_outcome (kase));
}

/* Appends the blocking items of @step to @blocking (nullable: then only
 * says whether there are any). */
static gboolean
find_blocking (MpCase    *kase,
               MpStep     step,
               gboolean   early,
               GPtrArray *blocking)
{
  const MpChecklistItem *first;
  gboolean found = FALSE;
  guint n_items;

  if (!step_applies (step, early))
    return FALSE;

  first = mp_checklist_get_items (step, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const MpChecklistItem *item = &first[i];
      const char *value;

      if (!item_required (item, kase, early))
        continue;
      value = mp_case_get_answer_value (kase, item->id);
      if (value == NULL ||
          (item->proceed_value != NULL && !g_str_equal (value, item->proceed_value)))
        {
          found = TRUE;
          if (blocking == NULL)
            return TRUE;
          g_ptr_array_add (blocking, (gpointer) item);
        }
    }
  return found;
}

gboolean
mp_checklist_step_applies (MpCase *kase,
                           MpStep  step)
{
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (step < MP_N_STEPS, FALSE);

  return step_applies (step, case_is_early (kase));
}

gboolean
mp_checklist_item_is_required (const MpChecklistItem *item,
                               MpCase                *kase)
{
  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  return item_required (item, kase, case_is_early (kase));
}

GPtrArray *
mp_checklist_list_blocking (MpCase *kase,
                            MpStep  step)
{
  GPtrArray *blocking = g_ptr_array_new ();

  g_return_val_if_fail (MP_IS_CASE (kase), blocking);
  g_return_val_if_fail (step < MP_N_STEPS, blocking);

  find_blocking (kase, step, case_is_early (kase), blocking);
  return blocking;
}

MpStep
mp_checklist_get_current_step (MpCase *kase)
{
  gboolean early;

  g_return_val_if_fail (MP_IS_CASE (kase), MP_STEP_INTAKE);

  early = case_is_early (kase);
  for (MpStep step = MP_STEP_INTAKE; step < MP_STEP_CLOSURE; step++)
    if (find_blocking (kase, step, early, NULL))
      return step;
  return MP_STEP_CLOSURE;
}

const char *
mp_checklist_get_status (MpCase *kase)
{
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (mp_checklist_is_closed (kase))
    return "closed";
  if (mp_checklist_is_waiting (kase))
    return "waiting";
  return steps[mp_checklist_get_current_step (kase)].id;
}
