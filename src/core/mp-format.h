/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-desk-context.h"

G_BEGIN_DECLS

/* Dates and amounts in the conventions of a language (Dutch or English),
 * whatever the process locale or the UI language: letters and reports are
 * written in the reporter's or reader's language, and system locales may
 * not even be installed. Month and weekday names come from tables here.
 *
 * @language is "nl" or "en" (a longer tag such as "nl_NL.UTF-8" counts as
 * its first two letters; anything else is English). @timezone is an IANA
 * identifier; NULL or an unknown one means MP_DESK_DEFAULT_TIMEZONE, the
 * desk's default. Every function returns (transfer full) text, or NULL for an
 * unset moment (0) or an invalid day.
 */

#define MP_FORMAT_DEFAULT_CURRENCY "EUR"

/* Returns: (transfer none): "nl" or "en". */
const char *mp_format_language          (const char *language);

/* Returns: (transfer none): "november" / "November" for @month 1…12. */
const char *mp_format_month_name        (guint       month,
                                         const char *language);
/* Returns: (transfer none): "nov." / "Nov" for @month 1…12. */
const char *mp_format_month_abbreviation (guint       month,
                                          const char *language);
/* Returns: (transfer none): "vrijdag" / "Friday" for @weekday 1 (Monday)
 * … 7 (Sunday), as GDateWeekday and g_date_time_get_day_of_week(). */
const char *mp_format_weekday_name      (guint       weekday,
                                         const char *language);
/* Returns: (transfer none): "vr" / "Fri" for @weekday 1 (Monday) … 7. */
const char *mp_format_weekday_abbreviation (guint       weekday,
                                            const char *language);

/* "vrijdag 27 november 2026" / "Friday 27 November 2026" */
char       *mp_format_date              (gint64      usec_utc,
                                         const char *timezone,
                                         const char *language);
/* "27 nov. 2026" / "27 Nov 2026" */
char       *mp_format_date_short        (gint64      usec_utc,
                                         const char *timezone,
                                         const char *language);
/* "27 november 2026, 14:30" / "27 November 2026, 14:30" (24-hour clock in
 * both languages, as British English writes it) */
char       *mp_format_date_time         (gint64      usec_utc,
                                         const char *timezone,
                                         const char *language);

/* A calendar day "YYYY-MM-DD" (as checklist answers store dates):
 * "vrijdag 27 november 2026" / "Friday 27 November 2026". No time zone is
 * involved: the day is already the desk's day. */
char       *mp_format_day               (const char *day,
                                         const char *language);
/* "27 nov. 2026" / "27 Nov 2026" */
char       *mp_format_day_short         (const char *day,
                                         const char *language);

/* Amounts: "€ 150,00" / "€150.00", "€ 1.500,00" / "€1,500.00". @currency is
 * an ISO 4217 code ("EUR", "USD", "GBP" get their symbol; other codes are
 * written as "CHF 150,00" / "CHF 150.00"); NULL means EUR. */
char       *mp_format_amount            (double      amount,
                                         const char *currency,
                                         const char *language);
char       *mp_format_amount_cents      (gint64      cents,
                                         const char *currency,
                                         const char *language);
/* Parses a stored amount ("150", "150.5", "150.00"; a decimal dot, at most
 * two decimals) into cents. */
gboolean    mp_format_parse_amount      (const char *text,
                                         gint64     *cents);

/* Parses an amount as a person types it in @language ("nl" or "en"):
 * "150", "150,00", "150.00", "€ 150,00", "1.500,50" (nl), "1,500.50" (en),
 * "EUR 150". Both a decimal comma and a decimal dot are taken; a separator
 * followed by exactly three digits is read as the language's thousands
 * separator. At most two decimals, never negative.
 * Returns: TRUE with @cents set. */
gboolean    mp_format_parse_amount_input (const char *text,
                                          const char *language,
                                          gint64     *cents);
/* "150,00" / "150.00": an amount for an input field, without the currency
 * or thousands separators. Returns: (transfer full) */
char       *mp_format_amount_input      (gint64      cents,
                                         const char *language);

G_END_DECLS
