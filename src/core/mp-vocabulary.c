/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-vocabulary.h"

/* Each table lists every value of its enum, in enum order (the vocabulary
 * test checks both), with its one label. */

static const MpTerm steps[] = {
  { MP_STEP_INTAKE, "intake", NC_ ("checklist", "Intake"), MP_STEP_INTAKE },
  { MP_STEP_SCOPE, "scope", NC_ ("checklist", "Scope check"), MP_STEP_SCOPE },
  { MP_STEP_ACKNOWLEDGEMENT, "acknowledgement", NC_ ("checklist", "Acknowledgement"),
    MP_STEP_ACKNOWLEDGEMENT },
  { MP_STEP_ASSESSMENT, "assessment", NC_ ("checklist", "Assessment"), MP_STEP_ASSESSMENT },
  { MP_STEP_REMEDIATION, "remediation", NC_ ("checklist", "Remediation"), MP_STEP_REMEDIATION },
  { MP_STEP_REWARD, "reward", NC_ ("checklist", "Reward"), MP_STEP_REWARD },
  { MP_STEP_CREDIT, "credit", NC_ ("checklist", "Credit"), MP_STEP_CREDIT },
  { MP_STEP_DISCLOSURE, "disclosure", NC_ ("checklist", "Disclosure"), MP_STEP_DISCLOSURE },
  { MP_STEP_CLOSURE, "closure", NC_ ("checklist", "Closure"), MP_STEP_CLOSURE },
};

/* A status that is a step has the step's id and label (NULL here). */
static const MpTerm statuses[] = {
  { MP_STATUS_INTAKE, "intake", NULL, MP_STEP_INTAKE },
  { MP_STATUS_WAITING, "waiting", NC_ ("case status", "Waiting for the reporter"),
    MP_STEP_INTAKE },
  { MP_STATUS_SCOPE, "scope", NULL, MP_STEP_SCOPE },
  { MP_STATUS_ACKNOWLEDGEMENT, "acknowledgement", NULL, MP_STEP_ACKNOWLEDGEMENT },
  { MP_STATUS_ASSESSMENT, "assessment", NULL, MP_STEP_ASSESSMENT },
  { MP_STATUS_REMEDIATION, "remediation", NULL, MP_STEP_REMEDIATION },
  { MP_STATUS_REWARD, "reward", NULL, MP_STEP_REWARD },
  { MP_STATUS_CREDIT, "credit", NULL, MP_STEP_CREDIT },
  { MP_STATUS_DISCLOSURE, "disclosure", NULL, MP_STEP_DISCLOSURE },
  { MP_STATUS_CLOSURE, "closure", NULL, MP_STEP_CLOSURE },
  { MP_STATUS_CLOSED, "closed", NC_ ("case status", "Closed"), MP_N_STEPS },
};

#define KIND(value_, id_, step_, label_, en_, nl_) \
  { MP_DEADLINE_KIND_##value_, id_, label_, MP_STEP_##step_, en_, nl_, FALSE }
#define LEGAL(value_, id_, step_, label_, en_, nl_) \
  { MP_DEADLINE_KIND_##value_, id_, label_, MP_STEP_##step_, en_, nl_, TRUE }

static const MpTerm deadline_kinds[] = {
  KIND (ACKNOWLEDGEMENT, "acknowledgement", ACKNOWLEDGEMENT,
        NC_ ("deadline kind", "Acknowledgement"),
        "acknowledgement due", "ontvangstbevestiging verwacht"),
  KIND (ASSESSMENT, "assessment", ASSESSMENT,
        NC_ ("deadline kind", "Assessment"),
        "assessment due", "beoordeling verwacht"),
  KIND (PROGRESS_UPDATE, "progress-update", REMEDIATION,
        NC_ ("deadline kind", "Progress update"),
        "progress update due", "voortgangsbericht verwacht"),
  KIND (REPORTER_FOLLOW_UP, "reporter-follow-up", INTAKE,
        NC_ ("deadline kind", "Reporter follow-up"),
        "follow up with reporter", "melder opnieuw benaderen"),
  KIND (FIX_TARGET, "fix-target", REMEDIATION,
        NC_ ("deadline kind", "Fix target"),
        "fix target", "streefdatum oplossing"),
  KIND (PUBLICATION, "publication", DISCLOSURE,
        NC_ ("deadline kind", "Agreed publication"),
        "agreed publication", "afgesproken publicatie"),
  KIND (DISCLOSURE, "disclosure", DISCLOSURE,
        NC_ ("deadline kind", "Disclosure deadline"),
        "disclosure deadline", "uiterste openbaarmakingsdatum"),
  KIND (DATA_DELETION, "data-deletion", CLOSURE,
        NC_ ("deadline kind", "Data deletion"),
        "confidential data to be deleted", "vertrouwelijke gegevens verwijderen"),
  /* The legal clocks (mp-legal.c): the calendar says what is due where. */
  LEGAL (GDPR_AUTHORITY, "gdpr-authority", ASSESSMENT,
        NC_ ("deadline kind", "Data breach: notify the authority"),
        "data breach: notify the Dutch DPA (AP)", "datalek: melden bij de AP"),
  LEGAL (GDPR_CONTROLLER, "gdpr-controller", ASSESSMENT,
        NC_ ("deadline kind", "Data breach: inform the controller"),
        "data breach: inform the controller", "datalek: verwerkingsverantwoordelijke informeren"),
  LEGAL (NIS2_EARLY_WARNING, "nis2-early-warning", ASSESSMENT,
        NC_ ("deadline kind", "NIS2 early warning"),
        "NIS2 early warning to the CSIRT", "NIS2 vroegtijdige waarschuwing aan CSIRT"),
  LEGAL (NIS2_NOTIFICATION, "nis2-notification", ASSESSMENT,
        NC_ ("deadline kind", "NIS2 incident notification"),
        "NIS2 incident notification", "NIS2 incidentmelding"),
  LEGAL (NIS2_FINAL, "nis2-final", ASSESSMENT,
        NC_ ("deadline kind", "NIS2 final report"),
        "NIS2 final report", "NIS2 eindverslag"),
  LEGAL (CRA_EARLY_WARNING, "cra-early-warning", ASSESSMENT,
        NC_ ("deadline kind", "CRA early warning"),
        "CRA early warning", "CRA vroegtijdige waarschuwing"),
  LEGAL (CRA_NOTIFICATION, "cra-notification", ASSESSMENT,
        NC_ ("deadline kind", "CRA vulnerability notification"),
        "CRA vulnerability notification", "CRA kwetsbaarheidsmelding"),
  LEGAL (CRA_FINAL, "cra-final", ASSESSMENT,
        NC_ ("deadline kind", "CRA final report"),
        "CRA final report", "CRA eindverslag"),
  /* The desk's own (mp_store_list_renewals()): of no case, so of no step. */
  { MP_DEADLINE_KIND_SECURITY_TXT_RENEWAL, "security-txt-renewal",
    NC_ ("deadline kind", "Renew security.txt"), MP_N_STEPS,
    "renew security.txt", "security.txt vernieuwen", FALSE },
  { MP_DEADLINE_KIND_DESK_KEY_EXPIRY, "desk-key-expiry",
    NC_ ("deadline kind", "Renew the desk key"), MP_N_STEPS,
    "renew the desk key", "sleutel van het meldpunt vernieuwen", FALSE },
};

static const MpTerm channels[] = {
  { MP_CHANNEL_EMAIL, "email", NC_ ("channel", "E-mail"), MP_STEP_INTAKE },
  { MP_CHANNEL_WEB_FORM, "web-form", NC_ ("channel", "Web form"), MP_STEP_INTAKE },
  { MP_CHANNEL_PHONE, "phone", NC_ ("channel", "Phone"), MP_STEP_INTAKE },
  { MP_CHANNEL_LETTER, "letter", NC_ ("channel", "Letter"), MP_STEP_INTAKE },
  { MP_CHANNEL_OTHER, "other", NC_ ("channel", "Other"), MP_STEP_INTAKE },
};

static const MpTerm severities[] = {
  { MP_SEVERITY_LOW, "low", NC_ ("CVSS severity", "Low"), MP_STEP_ASSESSMENT },
  { MP_SEVERITY_MEDIUM, "medium", NC_ ("CVSS severity", "Medium"), MP_STEP_ASSESSMENT },
  { MP_SEVERITY_HIGH, "high", NC_ ("CVSS severity", "High"), MP_STEP_ASSESSMENT },
  { MP_SEVERITY_CRITICAL, "critical", NC_ ("CVSS severity", "Critical"), MP_STEP_ASSESSMENT },
  { MP_SEVERITY_NONE, "none", NC_ ("CVSS severity", "None"), MP_STEP_ASSESSMENT },
};

static const MpTerm event_kinds[] = {
  { MP_EVENT_KIND_LETTER, "letter", NC_ ("event kind", "Letter"), MP_N_STEPS },
  { MP_EVENT_KIND_NOTE, "note", NC_ ("event kind", "Note"), MP_N_STEPS },
  { MP_EVENT_KIND_REPLY, "reply", NC_ ("event kind", "Reporter's reply"), MP_N_STEPS },
  { MP_EVENT_KIND_PROGRESS_UPDATE, "progress-update", NC_ ("event kind", "Progress update"),
    MP_STEP_REMEDIATION },
  { MP_EVENT_KIND_EXTENSION, "extension", NC_ ("event kind", "Extension"), MP_STEP_REMEDIATION },
  { MP_EVENT_KIND_IMPORT, "import", NC_ ("event kind", "Import"), MP_STEP_INTAKE },
  { MP_EVENT_KIND_STATUS, "status", NC_ ("event kind", "Status"), MP_N_STEPS },
  { MP_EVENT_KIND_ANSWER, "answer", NC_ ("event kind", "Answer"), MP_N_STEPS },
};

static const struct
{
  const MpTerm *terms;
  guint         n_terms;
  const char   *context;
} vocabularies[] = {
  [MP_VOCABULARY_STEP] = { steps, G_N_ELEMENTS (steps), "checklist" },
  [MP_VOCABULARY_STATUS] = { statuses, G_N_ELEMENTS (statuses), "case status" },
  [MP_VOCABULARY_DEADLINE_KIND] = { deadline_kinds, G_N_ELEMENTS (deadline_kinds),
                                    "deadline kind" },
  [MP_VOCABULARY_CHANNEL] = { channels, G_N_ELEMENTS (channels), "channel" },
  [MP_VOCABULARY_SEVERITY] = { severities, G_N_ELEMENTS (severities), "CVSS severity" },
  [MP_VOCABULARY_EVENT_KIND] = { event_kinds, G_N_ELEMENTS (event_kinds), "event kind" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == MP_N_STEPS);
G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == MP_N_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (deadline_kinds) == MP_N_DEADLINE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (channels) == MP_N_CHANNELS);
G_STATIC_ASSERT (G_N_ELEMENTS (severities) == MP_SEVERITY_NONE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (event_kinds) == MP_N_EVENT_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (vocabularies) == MP_N_VOCABULARIES);

const MpTerm *
mp_vocabulary_get_terms (MpVocabulary  vocabulary,
                         guint        *n_terms)
{
  g_return_val_if_fail (vocabulary < MP_N_VOCABULARIES, NULL);

  if (n_terms != NULL)
    *n_terms = vocabularies[vocabulary].n_terms;
  return vocabularies[vocabulary].terms;
}

const char *
mp_vocabulary_get_context (MpVocabulary vocabulary)
{
  g_return_val_if_fail (vocabulary < MP_N_VOCABULARIES, NULL);
  return vocabularies[vocabulary].context;
}

const MpTerm *
mp_vocabulary_lookup (MpVocabulary  vocabulary,
                      const char   *id)
{
  g_return_val_if_fail (vocabulary < MP_N_VOCABULARIES, NULL);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < vocabularies[vocabulary].n_terms; i++)
    if (g_str_equal (vocabularies[vocabulary].terms[i].id, id))
      return &vocabularies[vocabulary].terms[i];
  return NULL;
}

const char *
mp_vocabulary_get_label (MpVocabulary  vocabulary,
                         const char   *id)
{
  const MpTerm *term = mp_vocabulary_lookup (vocabulary, id);

  if (term == NULL)
    return id != NULL ? id : "";
  return mp_term_get_label (vocabulary, term);
}

const char * const *
mp_vocabulary_list_ids (MpVocabulary vocabulary)
{
  static const char **ids[MP_N_VOCABULARIES];

  g_return_val_if_fail (vocabulary < MP_N_VOCABULARIES, NULL);

  if (g_once_init_enter (&ids[vocabulary]))
    {
      guint n = vocabularies[vocabulary].n_terms;
      const char **list = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        list[i] = vocabularies[vocabulary].terms[i].id;
      g_once_init_leave (&ids[vocabulary], list);
    }
  return (const char * const *) ids[vocabulary];
}

const char *
mp_term_get_msgid (MpVocabulary   vocabulary,
                   const MpTerm  *term,
                   const char   **context)
{
  g_return_val_if_fail (vocabulary < MP_N_VOCABULARIES, NULL);
  g_return_val_if_fail (term != NULL, NULL);

  /* A status that is a step says what the step says. */
  if (term->label == NULL && vocabulary == MP_VOCABULARY_STATUS)
    return mp_term_get_msgid (MP_VOCABULARY_STEP, &steps[term->step], context);
  if (context != NULL)
    *context = vocabularies[vocabulary].context;
  return term->label;
}

const char *
mp_term_get_label (MpVocabulary  vocabulary,
                   const MpTerm *term)
{
  const char *context = NULL;
  const char *msgid = mp_term_get_msgid (vocabulary, term, &context);

  return g_dpgettext2 (GETTEXT_PACKAGE, context, msgid);
}

MpStatus
mp_status_for_step (MpStep step)
{
  g_return_val_if_fail (step < MP_N_STEPS, MP_STATUS_INTAKE);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (statuses[i].label == NULL && statuses[i].step == step)
      return statuses[i].value;
  g_assert_not_reached ();
}
