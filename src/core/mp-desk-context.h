/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The desk's default time zone: the policy's default, and the zone of a
 * desk whose policy names none (or one this system does not know). The
 * only place a zone is written down. */
#define MP_DESK_DEFAULT_TIMEZONE "Europe/Amsterdam"

/* The desk context: the desk's time zone and its clock, which everyone who
 * shows, parses or compares a date takes them from (the UI, reports,
 * letters, the calendar export). A desk's day is a day in its zone, never
 * in the zone of the computer it runs on (a server in UTC, a laptop
 * travelling with a staff member).
 *
 * It holds values only: no store, no settings. Whoever loads the policy
 * sets its zone (mp_desk_context_set_timezone()). "Now" is mp_time_now(),
 * which tests pin with MELDPUNT_NOW. */
#define MP_TYPE_DESK_CONTEXT (mp_desk_context_get_type ())
G_DECLARE_FINAL_TYPE (MpDeskContext, mp_desk_context, MP, DESK_CONTEXT, GObject)

/* Returns: (transfer full): a zone for @identifier (an IANA identifier);
 * the desk's default zone for NULL, "" or an unknown identifier, and UTC
 * where even that is not installed. */
GTimeZone     *mp_desk_time_zone_new            (const char    *identifier);

/* Returns: (transfer full): a context in @timezone (as
 * mp_desk_time_zone_new() takes it). */
MpDeskContext *mp_desk_context_new              (const char    *timezone);

/* Changes the zone; notifies "timezone" when the zone changed. */
void           mp_desk_context_set_timezone     (MpDeskContext *self,
                                                 const char    *timezone);
/* Returns: (transfer none): the zone's identifier, as the policy gives it
 * ("Europe/Amsterdam"), or the default's when that was unknown. */
const char    *mp_desk_context_get_timezone     (MpDeskContext *self);
/* Returns: (transfer none): the zone itself. */
GTimeZone     *mp_desk_context_get_time_zone    (MpDeskContext *self);

/* The desk's clock, UTC microseconds. */
gint64         mp_desk_context_now              (MpDeskContext *self);
/* Returns: (transfer full): @usec (UTC microseconds) in the desk's zone. */
GDateTime     *mp_desk_context_to_desk          (MpDeskContext *self,
                                                 gint64         usec);
/* The calendar day of @usec in the desk's zone. */
GDate          mp_desk_context_day_of           (MpDeskContext *self,
                                                 gint64         usec);
/* The year of @usec in the desk's zone (a reward granted on 31 December at
 * 23:30 belongs to that year, wherever the computer is). */
int            mp_desk_context_year_of          (MpDeskContext *self,
                                                 gint64         usec);
/* Returns: (transfer full): the desk's today as "YYYY-MM-DD". */
char          *mp_desk_context_dup_today        (MpDeskContext *self);
/* Returns: (transfer full): a wall-clock time in the desk's zone, or NULL
 * for an invalid one. */
GDateTime     *mp_desk_context_new_date_time    (MpDeskContext *self,
                                                 int            year,
                                                 int            month,
                                                 int            day,
                                                 int            hour,
                                                 int            minute,
                                                 double         seconds);
/* The start of the desk's day @year-@month-@day (00:00 in its zone), as
 * UTC microseconds; 0 for an invalid day. */
gint64         mp_desk_context_start_of_day     (MpDeskContext *self,
                                                 int            year,
                                                 int            month,
                                                 int            day);
/* The start of @date (00:00 in the desk's zone), as UTC microseconds; 0
 * for an invalid date. */
gint64         mp_desk_context_start_of_date    (MpDeskContext *self,
                                                 const GDate   *date);

G_END_DECLS
