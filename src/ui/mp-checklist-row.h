/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-case.h"
#include "mp-checklist.h"

G_BEGIN_DECLS

#define MP_TYPE_CHECKLIST_ROW (mp_checklist_row_get_type ())
G_DECLARE_FINAL_TYPE (MpChecklistRow, mp_checklist_row, MP, CHECKLIST_ROW, GtkListBoxRow)

/* One checklist item: its answer widget, note and what the policy says.
 * Emits "answer-changed" (value, note) when the user changes either. */
MpChecklistRow        *mp_checklist_row_new      (const MpChecklistItem *item);
const MpChecklistItem *mp_checklist_row_get_item (MpChecklistRow        *self);
/* Shows @answer (NULL: unanswered) without emitting a change. */
void            mp_checklist_row_set_answer   (MpChecklistRow *self,
                                               const MpAnswer *answer);
/* The value as the widgets hold it now (transfer full, nullable). */
char           *mp_checklist_row_dup_value    (MpChecklistRow *self);
/* Sets the widgets to @value as a user would, emitting the change. */
void            mp_checklist_row_enter_value  (MpChecklistRow *self,
                                               const char     *value);
/* Shows why the last change was not stored, keeping what was typed. */
void            mp_checklist_row_show_problem (MpChecklistRow *self,
                                               const char     *problem);
/* A line under the answer: a suggestion, a score. */
void            mp_checklist_row_set_extra    (MpChecklistRow *self,
                                               const char     *text);
/* The text shown below the answer, or NULL. (transfer none) */
const char     *mp_checklist_row_get_extra    (MpChecklistRow *self);
/* Marks the item as still needed before the step can go on. */
void            mp_checklist_row_set_needed   (MpChecklistRow *self,
                                               gboolean        needed);

/* An amount row refuses amounts above @cents (the reward cap) inline. */
void            mp_checklist_row_set_amount_cap (MpChecklistRow *self,
                                                 gint64          cents);
/* Puts @value in an entry that has no answer and nothing typed, without
 * storing it (the suggested reward): the handler confirms or changes it. */
void            mp_checklist_row_suggest_value  (MpChecklistRow *self,
                                                 const char     *value);

G_END_DECLS
