/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The guided checklist as the window shows it: steps and their items, with
 * the answer ids of the shared contract and the clauses of DOMAIN.md. */
typedef enum
{
  MP_UI_ANSWER_YES_NO,
  MP_UI_ANSWER_YES_NO_UNKNOWN,
  MP_UI_ANSWER_CHOICE,
  MP_UI_ANSWER_TEXT,
  MP_UI_ANSWER_DATE,
  MP_UI_ANSWER_CVSS,
  MP_UI_ANSWER_AMOUNT,
} MpUiAnswerKind;

typedef struct
{
  const char *value;
  const char *label;   /* untranslated; pass through _() */
} MpUiChoice;

typedef struct
{
  const char       *id;
  const char       *label;
  const char       *help;
  const char       *clause;
  MpUiAnswerKind    kind;
  const MpUiChoice *choices;   /* NULL-terminated, for MP_UI_ANSWER_CHOICE */
} MpUiItem;

typedef struct
{
  const char     *id;          /* the case status while this step is current */
  const char     *title;
  const char     *clause;
  const char     *deadline;    /* deadline kind shown with the step, or NULL */
  const MpUiItem *items;
  guint           n_items;
} MpUiStep;

const MpUiStep *mp_ui_get_steps       (guint      *n_steps);
/* The index of the step that is current for @status ("waiting" is intake,
 * "closed" is past the last step). */
guint           mp_ui_step_for_status (const char *status);
/* Returns: (transfer none): the translated label of @value for @item. */
const char     *mp_ui_choice_label    (const MpUiItem *item,
                                       const char     *value);

G_END_DECLS
