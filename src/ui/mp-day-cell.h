/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-calendar-month.h"
#include "mp-deadline-chip.h"

G_BEGIN_DECLS

#define MP_TYPE_DAY_CELL (mp_day_cell_get_type ())
G_DECLARE_FINAL_TYPE (MpDayCell, mp_day_cell, MP, DAY_CELL, GtkBox)

/* Fills @chip with @deadline: the calendar knows the words (the case's
 * title, the desk's time zone, whether it is overdue). */
typedef void (*MpDayCellChipFunc) (MpDeadlineChip *chip,
                                   MpDeadline     *deadline,
                                   gpointer        user_data);

/* A day of the month grid: its number, a holiday's name, up to three
 * deadline chips and "+N more", whose list is built as it opens. Made once
 * and filled again on each month (issue 12). Emits "deadline-activated"
 * (MpDeadline) when one of its chips is clicked. */
GtkWidget *mp_day_cell_new           (guint                index);
/* The cell's place in the grid, 0 at the top left. */
guint      mp_day_cell_get_index     (MpDayCell           *self);
void       mp_day_cell_set_chip_func (MpDayCell           *self,
                                      MpDayCellChipFunc    func,
                                      gpointer             user_data);
/* Shows @day, its chips filled by the chip function. */
void       mp_day_cell_set_day       (MpDayCell           *self,
                                      const MpCalendarDay *day);

G_END_DECLS
