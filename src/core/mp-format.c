/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-format.h"

/* Deliberately not gettext and not strftime(): these are the conventions of
 * the letter's language, not of the desk's user interface or locale. */
static const char * const months_nl[] = {
  "januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december",
};
static const char * const months_en[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};
/* Dutch abbreviations take a full stop, except "mei", which is whole. */
static const char * const months_short_nl[] = {
  "jan.", "feb.", "mrt.", "apr.", "mei", "jun.",
  "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
};
static const char * const months_short_en[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
/* Monday first, as GDateWeekday. */
static const char * const weekdays_nl[] = {
  "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
};
static const char * const weekdays_en[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const weekday_abbreviations_nl[] = {
  "ma", "di", "wo", "do", "vr", "za", "zo",
};
static const char * const weekday_abbreviations_en[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

typedef struct
{
  const char *code;
  const char *symbol;
} MpCurrencySymbol;

static const MpCurrencySymbol currency_symbols[] = {
  { "EUR", "€" },
  { "USD", "$" },
  { "GBP", "£" },
};

static gboolean
is_dutch (const char *language)
{
  return g_str_equal (mp_format_language (language), "nl");
}

static GDateTime *
to_local (gint64      usec_utc,
          const char *timezone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (usec_utc == 0)
    return NULL;

  tz = mp_desk_time_zone_new (timezone);

  /* Floor division, so that moments before 1970 land on the right second. */
  utc = g_date_time_new_from_unix_utc (usec_utc >= 0 ? usec_utc / G_USEC_PER_SEC
                                                     : -((-usec_utc + G_USEC_PER_SEC - 1)
                                                         / G_USEC_PER_SEC));
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, tz);
}

static char *
format_ymd (guint       year,
            guint       month,
            guint       day,
            guint       weekday,
            gboolean    with_weekday,
            gboolean    short_month,
            const char *language)
{
  gboolean nl = is_dutch (language);
  const char *month_name;

  g_assert (month >= 1 && month <= 12);

  if (short_month)
    month_name = nl ? months_short_nl[month - 1] : months_short_en[month - 1];
  else
    month_name = mp_format_month_name (month, language);

  if (with_weekday)
    return g_strdup_printf ("%s %u %s %u", mp_format_weekday_name (weekday, language),
                            day, month_name, year);
  return g_strdup_printf ("%u %s %u", day, month_name, year);
}

static char *
format_datetime (GDateTime  *dt,
                 gboolean    with_weekday,
                 gboolean    short_month,
                 const char *language)
{
  return format_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                     g_date_time_get_day_of_month (dt), g_date_time_get_day_of_week (dt),
                     with_weekday, short_month, language);
}

static gboolean
parse_day (const char *day,
           GDate      *date)
{
  guint year, month, mday;

  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (day, NULL, 10);
  month = (guint) g_ascii_strtoull (day + 5, NULL, 10);
  mday = (guint) g_ascii_strtoull (day + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) mday, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
format_day (const char *day,
            gboolean    long_form,
            const char *language)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!parse_day (day, &date))
    return NULL;
  return format_ymd (g_date_get_year (&date), g_date_get_month (&date),
                     g_date_get_day (&date), g_date_get_weekday (&date),
                     long_form, !long_form, language);
}

/* Groups the digits of @units in threes with @separator. */
static void
append_grouped (GString    *out,
                guint64     units,
                const char *separator)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, units);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

const char *
mp_format_language (const char *language)
{
  if (language != NULL && g_ascii_strncasecmp (language, "nl", 2) == 0)
    return "nl";
  return "en";
}

const char *
mp_format_month_name (guint       month,
                      const char *language)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return is_dutch (language) ? months_nl[month - 1] : months_en[month - 1];
}

const char *
mp_format_weekday_name (guint       weekday,
                        const char *language)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);

  return is_dutch (language) ? weekdays_nl[weekday - 1] : weekdays_en[weekday - 1];
}

const char *
mp_format_month_abbreviation (guint       month,
                              const char *language)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return is_dutch (language) ? months_short_nl[month - 1] : months_short_en[month - 1];
}

const char *
mp_format_weekday_abbreviation (guint       weekday,
                                const char *language)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);

  return is_dutch (language) ? weekday_abbreviations_nl[weekday - 1]
                             : weekday_abbreviations_en[weekday - 1];
}

char *
mp_format_date (gint64      usec_utc,
                const char *timezone,
                const char *language)
{
  g_autoptr(GDateTime) dt = to_local (usec_utc, timezone);

  if (dt == NULL)
    return NULL;
  return format_datetime (dt, TRUE, FALSE, language);
}

char *
mp_format_date_short (gint64      usec_utc,
                      const char *timezone,
                      const char *language)
{
  g_autoptr(GDateTime) dt = to_local (usec_utc, timezone);

  if (dt == NULL)
    return NULL;
  return format_datetime (dt, FALSE, TRUE, language);
}

char *
mp_format_date_time (gint64      usec_utc,
                     const char *timezone,
                     const char *language)
{
  g_autoptr(GDateTime) dt = to_local (usec_utc, timezone);
  g_autofree char *date = NULL;

  if (dt == NULL)
    return NULL;
  date = format_datetime (dt, FALSE, FALSE, language);
  return g_strdup_printf ("%s, %02d:%02d", date,
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt));
}

char *
mp_format_day (const char *day,
               const char *language)
{
  return format_day (day, TRUE, language);
}

char *
mp_format_day_short (const char *day,
                     const char *language)
{
  return format_day (day, FALSE, language);
}

char *
mp_format_amount_cents (gint64      cents,
                        const char *currency,
                        const char *language)
{
  gboolean nl = is_dutch (language);
  const char *symbol = NULL;
  GString *out = g_string_new (NULL);
  guint64 magnitude = cents < 0 ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;

  if (currency == NULL || *currency == '\0')
    currency = MP_FORMAT_DEFAULT_CURRENCY;
  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (g_ascii_strcasecmp (currency, currency_symbols[i].code) == 0
        || g_str_equal (currency, currency_symbols[i].symbol))
      symbol = currency_symbols[i].symbol;

  /* Dutch: "€ -1.500,00" (symbol, space, sign); English: "-€1,500.00";
   * a code rather than a symbol is always followed by a space. */
  if (nl)
    {
      g_string_append (out, symbol != NULL ? symbol : currency);
      g_string_append_c (out, ' ');
      if (cents < 0)
        g_string_append_c (out, '-');
    }
  else
    {
      if (cents < 0)
        g_string_append_c (out, '-');
      g_string_append (out, symbol != NULL ? symbol : currency);
      if (symbol == NULL)
        g_string_append_c (out, ' ');
    }

  append_grouped (out, magnitude / 100, nl ? "." : ",");
  g_string_append_printf (out, "%s%02u", nl ? "," : ".", (guint) (magnitude % 100));

  return g_string_free (out, FALSE);
}

char *
mp_format_amount (double      amount,
                  const char *currency,
                  const char *language)
{
  return mp_format_amount_cents ((gint64) llround (amount * 100.0), currency, language);
}

gboolean
mp_format_parse_amount (const char *text,
                        gint64     *cents)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 units = 0;
  guint fraction = 0;
  guint n_digits = 0;

  g_return_val_if_fail (cents != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (units > G_MAXINT64 / 1000)
        return FALSE;
      units = units * 10 + (guint) (*p - '0');
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++, n_digits++)
        {
          if (n_digits >= 2)
            return FALSE;
          fraction = fraction * 10 + (guint) (*p - '0');
        }
      if (n_digits == 0)
        return FALSE;
      if (n_digits == 1)
        fraction *= 10;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  *cents = (gint64) (units * 100 + fraction) * (negative ? -1 : 1);
  return TRUE;
}

gboolean
mp_format_parse_amount_input (const char *text,
                              const char *language,
                              gint64     *cents)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  char thousands = g_strcmp0 (language, "en") == 0 ? ',' : '.';
  const char *last_sep = NULL;
  const char *p;
  gboolean mixed = FALSE;
  char first_kind = 0;

  g_return_val_if_fail (cents != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  /* the currency around the number: "€", "EUR", spaces */
  while (*text != '\0' && !g_ascii_isdigit (*text))
    {
      if (g_str_has_prefix (text, "€"))
        text += strlen ("€");
      else if (g_ascii_strncasecmp (text, "EUR", 3) == 0)
        text += 3;
      else if (g_ascii_isspace (*text))
        text++;
      else
        return FALSE;
    }
  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        continue;
      if (*p == '.' || *p == ',')
        {
          if (first_kind != 0 && first_kind != *p)
            mixed = TRUE;
          if (first_kind == 0)
            first_kind = *p;
          last_sep = p;
          continue;
        }
      break;
    }
  /* only spaces and the currency may follow */
  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "€"))
        p += strlen ("€");
      else if (g_ascii_strncasecmp (p, "EUR", 3) == 0)
        p += 3;
      else if (g_ascii_isspace (*p))
        p++;
      else
        return FALSE;
    }
  p = last_sep != NULL ? last_sep + 1 : text;
  while (g_ascii_isdigit (*p))
    p++;

  for (const char *q = text; q < p; q++)
    {
      if (g_ascii_isdigit (*q))
        g_string_append_c (digits, *q);
      else if (q == last_sep &&
               (mixed || *q != thousands || (p - q - 1) != 3))
        g_string_append_c (digits, '.');
      else
        {
          /* a thousands separator, dropped: the same one each time, and
           * three digits after it */
          char group = mixed ? first_kind : thousands;
          guint n = 0;

          if (*q != group || (q == last_sep && mixed))
            return FALSE;
          for (const char *d = q + 1; g_ascii_isdigit (*d); d++)
            n++;
          if (n != 3)
            return FALSE;
        }
    }
  /* a separator with nothing after it */
  if (digits->len == 0 || digits->str[digits->len - 1] == '.')
    return FALSE;
  return mp_format_parse_amount (digits->str, cents) && *cents >= 0;
}

char *
mp_format_amount_input (gint64      cents,
                        const char *language)
{
  char sep = g_strcmp0 (language, "en") == 0 ? '.' : ',';

  return g_strdup_printf ("%" G_GINT64_FORMAT "%c%02d", cents / 100, sep, (int) (cents % 100));
}
