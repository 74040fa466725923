/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_LETTER_ROW (mp_letter_row_get_type ())
G_DECLARE_FINAL_TYPE (MpLetterRow, mp_letter_row, MP, LETTER_ROW, GtkListBoxRow)

/* The letter a step calls for: preview, Copy, Open in E-mail and Mark as
 * Sent (which records the letter on the timeline and the step's date).
 * Emits "sent" after a letter was recorded. */
MpLetterRow *mp_letter_row_new       (void);
/* Shows the letter of @kind for @kase (NULL @kind hides the row). */
void         mp_letter_row_set_letter (MpLetterRow *self,
                                       MpStore     *store,
                                       MpCase      *kase,
                                       const char  *kind);
/* The answer a sent letter of @kind dates ("ack.sent_on"), or NULL. */
const char  *mp_letter_row_sent_item  (const char  *kind);

G_END_DECLS
