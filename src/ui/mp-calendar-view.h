/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-calendar-month.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* The Calendar page: a month of the desk's days with the open deadlines
 * as chips coloured by kind, and the agenda beside it. Activating a chip or
 * an agenda row emits ::open-case (reference, kind). Follows the store's
 * ::case-changed. Actions: calendar.previous, calendar.next,
 * calendar.today, calendar.export-ics. Keys: arrows move the focused day,
 * Page Up/Down change the month, Home goes to today. */
#define MP_TYPE_CALENDAR_VIEW (mp_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (MpCalendarView, mp_calendar_view, MP, CALENDAR_VIEW, AdwBin)

GtkWidget        *mp_calendar_view_new               (void);
void              mp_calendar_view_set_store         (MpCalendarView  *self,
                                                      MpStore         *store);
/* Returns: (transfer none) (nullable) */
MpStore          *mp_calendar_view_get_store         (MpCalendarView  *self);
/* How many open deadlines are overdue now (also the "n-overdue" property,
 * with "needs-attention" TRUE when it is not 0): for the Calendar tab's
 * badge. */
guint             mp_calendar_view_get_n_overdue     (MpCalendarView  *self);
/* Re-reads the deadlines and "now". */
void              mp_calendar_view_refresh           (MpCalendarView  *self);
/* Shows @month (1…12) of @year. */
void              mp_calendar_view_show_month        (MpCalendarView  *self,
                                                      int              year,
                                                      guint            month);
/* Shows the month of today and focuses today. */
void              mp_calendar_view_show_today        (MpCalendarView  *self);
/* Returns: (transfer none): the month shown. */
MpCalendarMonth  *mp_calendar_view_get_month_model   (MpCalendarView  *self);
/* The day that has (or last had) the keyboard focus. */
GDate             mp_calendar_view_get_focus_date    (MpCalendarView  *self);
/* Writes the open deadlines as an iCalendar file, in the desk's time zone
 * and the UI's language (what calendar.export-ics does after asking). */
gboolean          mp_calendar_view_export_ics        (MpCalendarView  *self,
                                                      GFile           *file,
                                                      GError         **error);

G_END_DECLS
