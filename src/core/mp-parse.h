/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one reader of a day ("2026-11-20") and the one reader of an amount
 * in euros ("150", "150.5", "150.50"), as they are stored, exchanged and
 * typed on the command line. Localised input ("€ 1.234,50") is brought to
 * this form first (mp_format_parse_amount_input()). */

#define MP_PARSE_ERROR (mp_parse_error_quark ())

typedef enum
{
  MP_PARSE_ERROR_DAY,       /* not a day of the form YYYY-MM-DD */
  MP_PARSE_ERROR_AMOUNT,    /* not an amount of the form 150 or 150.50 */
} MpParseError;

/* The largest amount, in cents: 1,000,000.00. */
#define MP_AMOUNT_MAX G_GINT64_CONSTANT (100000000)

GQuark       mp_parse_error_quark       (void);

/* A day: exactly YYYY-MM-DD, ASCII digits, a day that exists, in the years
 * 1583 (the first whole Gregorian year) to 9999. */
gboolean     mp_parse_day               (const char   *text,
                                         GDate        *date,
                                         GError      **error);
/* An amount in euros: whole euros (at least one digit), optionally a dot
 * and one or two digits of cents; no sign, no spaces, no thousands
 * separator; at most MP_AMOUNT_MAX cents. */
gboolean     mp_parse_amount            (const char   *text,
                                         gint64       *cents,
                                         GError      **error);

/* mp_parse_day() and mp_parse_amount() for callers that need no message. */
gboolean     mp_date_parse              (const char   *text,
                                         GDate        *date);
gboolean     mp_amount_parse            (const char   *text,
                                         gint64       *cents);

/* Returns: (transfer full): e.g. "2026-11-20". */
char        *mp_date_format             (const GDate  *date);
/* Returns: (transfer full): e.g. "150.00". */
char        *mp_amount_format           (gint64        cents);

G_END_DECLS
