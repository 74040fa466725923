/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_LETTER_ROW (mp_letter_row_get_type ())
G_DECLARE_FINAL_TYPE (MpLetterRow, mp_letter_row, MP, LETTER_ROW, GtkListBoxRow)

/* The letter a step calls for, filled from the case's facts and editable:
 * Copy, Open in E-mail and Mark as Sent use the text as edited; Mark as Sent
 * records it on the timeline (sealed) and the step's date. A letter sent is
 * shown as it was sent, read-only, until Write Again starts a new one.
 * Emits "sent" after a letter was recorded. */
MpLetterRow *mp_letter_row_new       (void);
/* Shows the letter of @kind for @kase (NULL @kind hides the row). */
void         mp_letter_row_set_letter (MpLetterRow *self,
                                       MpStore     *store,
                                       MpCase      *kase,
                                       const char  *kind);
/* Whether the row shows a letter already sent (frozen). */
gboolean     mp_letter_row_is_sent    (MpLetterRow *self);
/* The advice for a failed "Open in E-mail", or NULL for another failure. */
const char  *mp_letter_row_describe_mail_error (const GError *error);

G_END_DECLS
