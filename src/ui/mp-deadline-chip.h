/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-record.h"

G_BEGIN_DECLS

#define MP_TYPE_DEADLINE_CHIP (mp_deadline_chip_get_type ())
G_DECLARE_FINAL_TYPE (MpDeadlineChip, mp_deadline_chip, MP, DEADLINE_CHIP, GtkButton)

/* A deadline on a day of the calendar: "0001 Assessment" in the colour of
 * its kind, with a warning sign when it is overdue. Clicking it opens the
 * case (the calendar's business). */
GtkWidget  *mp_deadline_chip_new          (void);
/* Shows @deadline with @text on the chip and @tooltip (also what a screen
 * reader says); a NULL @deadline only lets the shown one go. */
void        mp_deadline_chip_set_deadline (MpDeadlineChip *self,
                                           MpDeadline     *deadline,
                                           const char     *text,
                                           const char     *tooltip,
                                           gboolean        overdue);
/* Returns: (transfer none) (nullable) */
MpDeadline *mp_deadline_chip_get_deadline (MpDeadlineChip *self);
/* The words on the chip. (transfer none) (nullable) */
const char *mp_deadline_chip_get_text     (MpDeadlineChip *self);

G_END_DECLS
