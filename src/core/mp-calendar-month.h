/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-policy.h"
#include "mp-record.h"

G_BEGIN_DECLS

/* One month of the desk's calendar as the grid a wall calendar shows: six
 * weeks of seven days, Monday first, starting with the week that holds the
 * 1st. Days are the desk's days (the policy's time zone): a deadline lands
 * on the local day of its due moment, whatever the UTC date is. */

#define MP_CALENDAR_MONTH_N_DAYS 42

typedef struct
{
  GDate        date;
  gboolean     in_month;    /* FALSE for the leading and trailing days */
  gboolean     today;
  gboolean     weekend;     /* Saturday or Sunday */
  const char  *holiday;     /* (nullable): the holiday's Dutch name; static */
  GPtrArray   *deadlines;   /* of MpDeadline due that day, by due moment */
  guint        n_overdue;   /* how many of them are overdue */
} MpCalendarDay;

#define MP_TYPE_CALENDAR_MONTH (mp_calendar_month_get_type ())
G_DECLARE_FINAL_TYPE (MpCalendarMonth, mp_calendar_month, MP, CALENDAR_MONTH, GObject)

/* The grid of @month (1…12) of @year under @policy, with the deadlines of
 * @deadlines (MpDeadline, nullable) that fall inside it; "today" and
 * "overdue" are judged at @now (UTC microseconds).
 * Returns: (transfer full) */
MpCalendarMonth     *mp_calendar_month_new          (MpPolicy         *policy,
                                                     int               year,
                                                     guint             month,
                                                     GListModel       *deadlines,
                                                     gint64            now);
int                  mp_calendar_month_get_year     (MpCalendarMonth  *self);
guint                mp_calendar_month_get_month    (MpCalendarMonth  *self);
gint64               mp_calendar_month_get_now      (MpCalendarMonth  *self);
/* Returns: (transfer none): day @index, 0 (top left) … 41 (bottom right). */
const MpCalendarDay *mp_calendar_month_get_day      (MpCalendarMonth  *self,
                                                     guint             index);
/* The index of @date in the grid, or -1 when it is not shown. */
int                  mp_calendar_month_find_date    (MpCalendarMonth  *self,
                                                     const GDate      *date);
/* Whether @deadline (one of the grid's) is overdue at the grid's "now". */
gboolean             mp_calendar_month_is_overdue   (MpCalendarMonth  *self,
                                                     MpDeadline       *deadline);

G_END_DECLS
