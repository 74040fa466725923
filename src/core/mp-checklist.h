/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-vocabulary.h"

G_BEGIN_DECLS

/* The guided checklist (DOMAIN.md §2) as data: nine steps, each with its
 * items. The interface renders it from here; the routing below derives the
 * current step, what blocks it, the outcome and the case's status from the
 * answers alone, so nothing of it is stored separately. */

#define MP_CHECKLIST_ERROR (mp_checklist_error_quark ())

typedef enum
{
  MP_CHECKLIST_ERROR_UNKNOWN_ITEM,
  MP_CHECKLIST_ERROR_INVALID,       /* the value does not fit the item's kind */
} MpChecklistError;

typedef enum
{
  MP_ANSWER_KIND_YES_NO,            /* "yes" | "no" */
  MP_ANSWER_KIND_YES_NO_UNKNOWN,    /* "yes" | "no" | "unknown" */
  MP_ANSWER_KIND_CHOICE,            /* one of the item's choices */
  MP_ANSWER_KIND_TEXT,
  MP_ANSWER_KIND_DATE,              /* YYYY-MM-DD, a day in the desk's time zone */
  MP_ANSWER_KIND_CVSS,              /* a CVSS 3.1 or 4.0 vector */
  MP_ANSWER_KIND_AMOUNT,            /* euros, >= 0, a dot and at most two decimals */
  MP_ANSWER_KIND_REFERENCE,         /* a case reference, CVD-YYYY-NNNN */
  MP_ANSWER_KIND_MOMENT,            /* ISO 8601 with a zone, 2026-10-24T09:30:00+02:00 */
} MpAnswerKind;

typedef enum
{
  MP_REQUIRED_NO,
  MP_REQUIRED_ALWAYS,               /* whenever the case goes through its step */
  MP_REQUIRED_WHEN,                 /* only when other answers call for it */
} MpRequirement;

typedef struct
{
  const char *value;                /* stored value */
  const char *label;                /* untranslated: use mp_checklist_choice_get_label() */
} MpChecklistChoice;

typedef struct
{
  MpStep              step;
  const char         *id;           /* equals the case status while the step is current;
                                       the label is the vocabulary's */
  const char         *help;         /* untranslated: use mp_checklist_step_get_help() */
  const char * const *clauses;      /* NULL-terminated clause ids (DOMAIN.md §1) */
} MpChecklistStep;

typedef struct _MpChecklistItem MpChecklistItem;

struct _MpChecklistItem
{
  const char              *id;            /* the answer's item id, e.g. "scope.asset_owner" */
  MpStep                   step;
  MpAnswerKind             kind;
  const MpChecklistChoice *choices;       /* yes/no, yes/no/unknown and choice kinds;
                                             ends with a { NULL, NULL } entry */
  const char * const      *clauses;       /* NULL-terminated clause ids (DOMAIN.md §1) */
  MpRequirement            required;      /* see mp_checklist_item_is_required() */
  const char              *proceed_value; /* non-NULL: the step goes on only with this answer */
  gboolean                 confidential;  /* the store encrypts the value */
  const char              *label;         /* untranslated: use mp_checklist_item_get_label() */
  const char              *help;          /* untranslated: use mp_checklist_item_get_help() */

  /*< private >*/
  gboolean               (*condition) (MpCase *kase);
};

GQuark                   mp_checklist_error_quark       (void);

/* ---- the data ------------------------------------------------------------- */

/* Returns: (transfer none): the step's description; steps run from
 * MP_STEP_INTAKE to MP_STEP_CLOSURE. */
const MpChecklistStep   *mp_checklist_get_step          (MpStep                  step);
/* Returns: (transfer none) (nullable): the step whose id is @id ("scope"). */
const MpChecklistStep   *mp_checklist_lookup_step       (const char             *id);
const char              *mp_checklist_step_get_label    (const MpChecklistStep  *step);
const char              *mp_checklist_step_get_help     (const MpChecklistStep  *step);

/* Returns: (transfer none) (array length=n_items): the items of @step, in
 * the order the interface shows them. */
const MpChecklistItem   *mp_checklist_get_items         (MpStep                  step,
                                                         guint                  *n_items);
/* Returns: (transfer none) (array length=n_items): every item, step by step. */
const MpChecklistItem   *mp_checklist_get_all_items     (guint                  *n_items);
/* Returns: (transfer none) (nullable) */
const MpChecklistItem   *mp_checklist_lookup_item       (const char             *id);
/* Translated label and help text (what the policy says). */
const char              *mp_checklist_item_get_label    (const MpChecklistItem  *item);
const char              *mp_checklist_item_get_help     (const MpChecklistItem  *item);
const char              *mp_checklist_choice_get_label  (const MpChecklistChoice *choice);
/* Returns: (transfer none) (nullable): the translated label of one of the
 * item's values, or NULL when the item has no such choice. */
const char              *mp_checklist_item_get_value_label (const MpChecklistItem *item,
                                                            const char            *value);

/* Checks @value against the kind of the item whose id is @item: dates as
 * YYYY-MM-DD, one of the choices, amounts >= 0 with at most two decimals,
 * references as CVD-YYYY-NNNN, CVSS vectors. */
gboolean                 mp_checklist_validate_answer   (const char             *item,
                                                         const char             *value,
                                                         GError                **error);

/* ---- routing (derived from the answers, never stored) --------------------- */

/* Whether @item must be answered before the case can leave its step,
 * given the case's other answers and its route. */
gboolean                 mp_checklist_item_is_required  (const MpChecklistItem  *item,
                                                         MpCase                 *kase);
/* Whether the case goes through @step at all: out of scope, duplicate, not a
 * vulnerability, third-party and sister cases go from the scope check
 * straight to closure. */
gboolean                 mp_checklist_step_applies      (MpCase                 *kase,
                                                         MpStep                  step);
/* Returns: (transfer container) (element-type MpChecklistItem): the
 * required items of @step that are unanswered, or whose answer does not let
 * the step go on (e.g. "intake.complete" = "no"). Empty when the step is
 * done or does not apply. */
GPtrArray               *mp_checklist_list_blocking     (MpCase                 *kase,
                                                         MpStep                  step);
/* The first step that applies and is not done (MP_STEP_CLOSURE once all
 * are done). */
MpStep                   mp_checklist_get_current_step  (MpCase                 *kase);
/* The outcome: "third-party" or "sister" from the asset's owner, else the
 * answer to "scope.outcome"; NULL while undecided. (transfer none) */
const char              *mp_checklist_get_outcome       (MpCase                 *kase);
/* TRUE for outcomes that end the case early (everything but "in-scope"). */
gboolean                 mp_checklist_outcome_is_early  (const char             *outcome);
/* FALSE when any forbidden method was used (answer "yes") or
 * "scope.rules_followed" is "no" (P-NO-LEGAL, P-REWARD). */
gboolean                 mp_checklist_rules_followed    (MpCase                 *kase);
/* The ids of the nine forbidden-method questions ("scope.method.…"), in
 * checklist order, NULL-terminated. (transfer none) */
const char * const      *mp_checklist_get_method_items  (void);
/* Information was asked of the reporter and has not come in since. */
gboolean                 mp_checklist_is_waiting        (MpCase                 *kase);
/* "close.closed_on" is answered. */
gboolean                 mp_checklist_is_closed         (MpCase                 *kase);
/* The case status: "closed", "waiting", or the current step's id.
 * (transfer none) */
const char              *mp_checklist_get_status        (MpCase                 *kase);

G_END_DECLS
