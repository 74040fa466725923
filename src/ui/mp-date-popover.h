/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_DATE_POPOVER (mp_date_popover_get_type ())
G_DECLARE_FINAL_TYPE (MpDatePopover, mp_date_popover, MP, DATE_POPOVER, GtkPopover)

/* A month to pick a day from, and "Today". Emits "date-chosen" with the day
 * as "YYYY-MM-DD" only when a day is picked; leafing through months does
 * not. */
GtkWidget  *mp_date_popover_new       (void);
/* Shows the month of @date ("YYYY-MM-DD") with the day selected, or this
 * month when @date is NULL or not a date. */
void        mp_date_popover_set_date  (MpDatePopover *self,
                                       const char    *date);
GtkCalendar *mp_date_popover_get_calendar (MpDatePopover *self);

G_END_DECLS
