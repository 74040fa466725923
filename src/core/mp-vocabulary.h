/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The desk's words for its domain values (DOMAIN.md §2–3): one enum and
 * one table each, and every other layer reads its names from here. A term
 * has the id that is stored and exchanged, and one English label that the
 * interface translates with gettext (in the vocabulary's context, see
 * mp_vocabulary_get_context()) and the report through its own catalogue;
 * a deadline kind also has the words of a calendar entry, in the two
 * languages a calendar file can be written in. */

/* The checklist's steps, in their order. */
typedef enum
{
  MP_STEP_INTAKE,
  MP_STEP_SCOPE,
  MP_STEP_ACKNOWLEDGEMENT,
  MP_STEP_ASSESSMENT,
  MP_STEP_REMEDIATION,
  MP_STEP_REWARD,
  MP_STEP_CREDIT,
  MP_STEP_DISCLOSURE,
  MP_STEP_CLOSURE,
  MP_N_STEPS
} MpStep;

/* A case's status: its current step, or one of the two side states. */
typedef enum
{
  MP_STATUS_INTAKE,
  MP_STATUS_WAITING,
  MP_STATUS_SCOPE,
  MP_STATUS_ACKNOWLEDGEMENT,
  MP_STATUS_ASSESSMENT,
  MP_STATUS_REMEDIATION,
  MP_STATUS_REWARD,
  MP_STATUS_CREDIT,
  MP_STATUS_DISCLOSURE,
  MP_STATUS_CLOSURE,
  MP_STATUS_CLOSED,
  MP_N_STATUSES
} MpStatus;

/* The kinds of deadline (mp-deadlines.h), in the order the desk lists
 * them (within a step, the one that speaks for the step first: an agreed
 * publication before the disclosure deadline); then the legal clocks
 * (mp-legal.h); last the desk's own, of no case. */
typedef enum
{
  MP_DEADLINE_KIND_ACKNOWLEDGEMENT,
  MP_DEADLINE_KIND_ASSESSMENT,
  MP_DEADLINE_KIND_PROGRESS_UPDATE,
  MP_DEADLINE_KIND_REPORTER_FOLLOW_UP,
  MP_DEADLINE_KIND_FIX_TARGET,
  MP_DEADLINE_KIND_PUBLICATION,
  MP_DEADLINE_KIND_DISCLOSURE,
  MP_DEADLINE_KIND_DATA_DELETION,
  MP_DEADLINE_KIND_GDPR_AUTHORITY,
  MP_DEADLINE_KIND_GDPR_CONTROLLER,
  MP_DEADLINE_KIND_NIS2_EARLY_WARNING,
  MP_DEADLINE_KIND_NIS2_NOTIFICATION,
  MP_DEADLINE_KIND_NIS2_FINAL,
  MP_DEADLINE_KIND_CRA_EARLY_WARNING,
  MP_DEADLINE_KIND_CRA_NOTIFICATION,
  MP_DEADLINE_KIND_CRA_FINAL,
  MP_DEADLINE_KIND_SECURITY_TXT_RENEWAL,   /* the desk's own, of no case and no step */
  MP_DEADLINE_KIND_DESK_KEY_EXPIRY,        /* likewise (MP_DEADLINE_DESK_KEY_EXPIRY) */
  MP_N_DEADLINE_KINDS
} MpDeadlineKind;

/* How a report came in. */
typedef enum
{
  MP_CHANNEL_EMAIL,
  MP_CHANNEL_WEB_FORM,
  MP_CHANNEL_PHONE,
  MP_CHANNEL_LETTER,
  MP_CHANNEL_OTHER,
  MP_N_CHANNELS
} MpChannel;

/* A CVSS severity rating. The first MP_N_SEVERITIES carry a fix target and
 * a reward (the policy's arrays are indexed by them); "none" has neither. */
typedef enum
{
  MP_SEVERITY_LOW,
  MP_SEVERITY_MEDIUM,
  MP_SEVERITY_HIGH,
  MP_SEVERITY_CRITICAL,
  MP_N_SEVERITIES,
  MP_SEVERITY_NONE = MP_N_SEVERITIES,
} MpSeverity;

/* What a timeline entry records (MpEvent's kind). */
typedef enum
{
  MP_EVENT_KIND_LETTER,
  MP_EVENT_KIND_NOTE,
  MP_EVENT_KIND_REPLY,
  MP_EVENT_KIND_PROGRESS_UPDATE,
  MP_EVENT_KIND_EXTENSION,
  MP_EVENT_KIND_IMPORT,
  MP_EVENT_KIND_STATUS,
  MP_EVENT_KIND_ANSWER,
  MP_N_EVENT_KINDS
} MpEventKind;

typedef enum
{
  MP_VOCABULARY_STEP,
  MP_VOCABULARY_STATUS,
  MP_VOCABULARY_DEADLINE_KIND,
  MP_VOCABULARY_CHANNEL,
  MP_VOCABULARY_SEVERITY,
  MP_VOCABULARY_EVENT_KIND,
  MP_N_VOCABULARIES
} MpVocabulary;

typedef struct
{
  guint       value;        /* the enum value; a table's terms are in enum order */
  const char *id;           /* what is stored, exchanged and typed on the command line */
  const char *label;        /* English; translate with mp_term_get_label() */
  MpStep      step;         /* the step it belongs to; MP_N_STEPS for "closed" */
  const char *calendar_en;  /* deadline kinds: a calendar entry's words; else NULL */
  const char *calendar_nl;
  gboolean    legal;        /* deadline kinds: a clock set by law (mp-legal.h) */
} MpTerm;

/* Returns: (transfer none): the terms of @vocabulary, in enum order. */
const MpTerm *mp_vocabulary_get_terms   (MpVocabulary  vocabulary,
                                         guint        *n_terms);
/* Returns: (transfer none): the gettext context of the vocabulary's labels. */
const char   *mp_vocabulary_get_context (MpVocabulary  vocabulary);
/* Returns: (transfer none) (nullable): the term whose id is @id. */
const MpTerm *mp_vocabulary_lookup      (MpVocabulary  vocabulary,
                                         const char   *id);
/* The translated label of the term whose id is @id; @id itself when no
 * term has it, "" for NULL. (transfer none) */
const char   *mp_vocabulary_get_label   (MpVocabulary  vocabulary,
                                         const char   *id);
/* Returns: (transfer none): the ids of @vocabulary, NULL-terminated, in
 * enum order. */
const char * const *mp_vocabulary_list_ids (MpVocabulary vocabulary);

/* Returns: (transfer none): the label of @term in the UI's language. */
const char   *mp_term_get_label         (MpVocabulary  vocabulary,
                                         const MpTerm *term);
/* Returns: (transfer none): the English label of @term, untranslated, and
 * in @context the gettext context to translate it in: for a catalogue that
 * is not the process's (the report's, in the report's language). */
const char   *mp_term_get_msgid         (MpVocabulary  vocabulary,
                                         const MpTerm *term,
                                         const char  **context);

/* The status a case has while @step is current. */
MpStatus      mp_status_for_step        (MpStep        step);

G_END_DECLS
