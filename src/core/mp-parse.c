/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-parse.h"

G_DEFINE_QUARK (mp-parse-error-quark, mp_parse_error)

static guint
digits_value (const char *text,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (text[i] - '0');
  return value;
}

gboolean
mp_parse_day (const char  *text,
              GDate       *date,
              GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    goto not_a_day;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      goto not_a_day;

  year = digits_value (text, 4);
  month = digits_value (text + 5, 2);
  day = digits_value (text + 8, 2);
  if (year < 1583)
    {
      g_set_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_DAY,
                   /* Translators: %s is what was typed, e.g. "1200-01-01" */
                   _("“%s” lies before 1583, the first year of the calendar in use"), text);
      return FALSE;
    }
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_DAY,
                   /* Translators: %s is what was typed, e.g. "2027-02-29" */
                   _("“%s” is not a day of the calendar"), text);
      return FALSE;
    }
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;

not_a_day:
  g_set_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_DAY,
               /* Translators: %s is what was typed */
               _("“%s” is not a date of the form YYYY-MM-DD"), text != NULL ? text : "");
  return FALSE;
}

gboolean
mp_parse_amount (const char  *text,
                 gint64      *cents,
                 GError     **error)
{
  const char *p = text;
  gint64 whole = 0;
  gint64 fraction = 0;
  guint digits = 0;

  g_return_val_if_fail (cents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || !g_ascii_isdigit (*p))
    goto not_an_amount;
  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > MP_AMOUNT_MAX / 100)
        goto too_large;
    }
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p) && digits < 3; p++, digits++)
        fraction = fraction * 10 + (*p - '0');
      if (digits == 0 || digits > 2)
        goto not_an_amount;
      if (digits == 1)
        fraction *= 10;
    }
  if (*p != '\0')
    goto not_an_amount;
  if (whole * 100 + fraction > MP_AMOUNT_MAX)
    goto too_large;
  *cents = whole * 100 + fraction;
  return TRUE;

not_an_amount:
  g_set_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_AMOUNT,
               /* Translators: %s is what was typed */
               _("“%s” is not an amount in euros such as 150 or 150.50"),
               text != NULL ? text : "");
  return FALSE;

too_large:
  g_set_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_AMOUNT,
               /* Translators: %s is what was typed */
               _("“%s” is more than the largest amount, 1000000.00"), text);
  return FALSE;
}

gboolean
mp_date_parse (const char *text,
               GDate      *date)
{
  return mp_parse_day (text, date, NULL);
}

gboolean
mp_amount_parse (const char *text,
                 gint64     *cents)
{
  return mp_parse_amount (text, cents, NULL);
}

char *
mp_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

char *
mp_amount_format (gint64 cents)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", cents < 0 ? "-" : "",
                          ABS (cents) / 100, (int) (ABS (cents) % 100));
}
