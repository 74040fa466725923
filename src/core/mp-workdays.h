/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-policy.h"

G_BEGIN_DECLS

/* Working days (DOMAIN.md §3): Monday to Friday, minus the holidays of the
 * Algemene termijnenwet as configured in the policy and the desk's closing
 * days. All days are calendar days in the policy's time zone; instants are
 * microseconds since the epoch, UTC. */

typedef struct
{
  GDate        date;
  const char  *name;    /* the Dutch name, e.g. "Tweede Paasdag"; static */
} MpHoliday;

/* Easter Sunday (Gregorian) of @year. */
GDate      mp_workdays_easter              (int           year);

/* Returns: (transfer full) (element-type MpHoliday): every holiday of
 * @year in the policy's calendar, Sundays included (Eerste Paasdag, Eerste
 * Pinksterdag), and the desk's closing days, in date order. */
GArray    *mp_workdays_list_holidays       (MpPolicy     *policy,
                                            int           year);

/* Whether @date is a holiday or closing day; @name (nullable) gets its
 * Dutch name (static). Weekends are not holidays by themselves. */
gboolean   mp_workdays_is_holiday          (MpPolicy     *policy,
                                            const GDate  *date,
                                            const char  **name);
gboolean   mp_workdays_is_workday          (MpPolicy     *policy,
                                            const GDate  *date);

/* The @n-th working day after @date (@date itself not counted); @date
 * itself when @n is 0. */
GDate      mp_workdays_add                 (MpPolicy     *policy,
                                            const GDate  *date,
                                            guint         n);

/* The calendar day of @usec in the policy's time zone. */
GDate      mp_workdays_local_date          (MpPolicy     *policy,
                                            gint64        usec);
/* The start (00:00:00) and the end (23:59:59) of @date in the policy's
 * time zone, as UTC microseconds; correct on daylight-saving days. */
gint64     mp_workdays_start_of_day        (MpPolicy     *policy,
                                            const GDate  *date);
gint64     mp_workdays_end_of_day          (MpPolicy     *policy,
                                            const GDate  *date);
/* The end of the @n-th working day after the desk's day of @from:
 * e.g. P-ASSESS is mp_workdays_deadline (policy, received_at, 3). */
gint64     mp_workdays_deadline            (MpPolicy     *policy,
                                            gint64        from,
                                            guint         n);
/* The end of the desk's day @n calendar days after the day of @from
 * (fix targets, disclosure, deletion). */
gint64     mp_workdays_add_days_end        (MpPolicy     *policy,
                                            gint64        from,
                                            guint         n);

G_END_DECLS
