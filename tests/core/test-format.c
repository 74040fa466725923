/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-case.h"
#include <string.h>

#include "mp-format.h"
#include "mp-parse.h"

static gint64
utc (const char *iso)
{
  gint64 usec = 0;

  g_assert_true (mp_time_parse_iso8601 (iso, &usec));
  return usec;
}

#define assert_take_cmpstr(expr, expected) \
  G_STMT_START { \
    g_autofree char *_s = (expr); \
    g_assert_cmpstr (_s, ==, (expected)); \
  } G_STMT_END

static void
test_format_date_long (void)
{
  /* 13:30 UTC is 14:30 in Amsterdam in November (CET). */
  gint64 t = utc ("2026-11-27T13:30:00Z");

  assert_take_cmpstr (mp_format_date (t, "Europe/Amsterdam", "nl"), "vrijdag 27 november 2026");
  assert_take_cmpstr (mp_format_date (t, "Europe/Amsterdam", "en"), "Friday 27 November 2026");
  /* Late in the evening UTC is already the next day in Amsterdam. */
  t = utc ("2026-11-27T23:30:00Z");
  assert_take_cmpstr (mp_format_date (t, "Europe/Amsterdam", "nl"), "zaterdag 28 november 2026");
  assert_take_cmpstr (mp_format_date (t, "UTC", "en"), "Friday 27 November 2026");
  /* Unset moments give nothing, not 1 January 1970. */
  g_assert_null (mp_format_date (0, "Europe/Amsterdam", "nl"));
}

static void
test_format_date_short (void)
{
  gint64 t = utc ("2026-11-27T13:30:00Z");

  assert_take_cmpstr (mp_format_date_short (t, "Europe/Amsterdam", "nl"), "27 nov. 2026");
  assert_take_cmpstr (mp_format_date_short (t, "Europe/Amsterdam", "en"), "27 Nov 2026");
  t = utc ("2026-05-04T10:00:00Z");
  assert_take_cmpstr (mp_format_date_short (t, "Europe/Amsterdam", "nl"), "4 mei 2026");
  assert_take_cmpstr (mp_format_date_short (t, "Europe/Amsterdam", "en"), "4 May 2026");
  t = utc ("2026-03-02T10:00:00Z");
  assert_take_cmpstr (mp_format_date_short (t, NULL, "nl"), "2 mrt. 2026");
}

static void
test_format_date_time (void)
{
  gint64 t = utc ("2026-11-27T13:30:00Z");

  assert_take_cmpstr (mp_format_date_time (t, "Europe/Amsterdam", "nl"), "27 november 2026, 14:30");
  assert_take_cmpstr (mp_format_date_time (t, "Europe/Amsterdam", "en"), "27 November 2026, 14:30");
  /* Summer time: UTC+2, and past midnight into the next day. */
  t = utc ("2026-07-01T22:05:00Z");
  assert_take_cmpstr (mp_format_date_time (t, "Europe/Amsterdam", "nl"), "2 juli 2026, 00:05");
  /* No time zone means the desk's default. */
  assert_take_cmpstr (mp_format_date_time (t, NULL, "en"), "2 July 2026, 00:05");
  /* An unknown language is English. */
  assert_take_cmpstr (mp_format_date_time (t, "UTC", "de"), "1 July 2026, 22:05");
  assert_take_cmpstr (mp_format_date_time (t, "UTC", "nl_NL.UTF-8"), "1 juli 2026, 22:05");
}

static void
test_format_day (void)
{
  assert_take_cmpstr (mp_format_day ("2026-11-27", "nl"), "vrijdag 27 november 2026");
  assert_take_cmpstr (mp_format_day ("2026-11-27", "en"), "Friday 27 November 2026");
  assert_take_cmpstr (mp_format_day ("2027-01-01", "nl"), "vrijdag 1 januari 2027");
  assert_take_cmpstr (mp_format_day ("2026-10-25", "en"), "Sunday 25 October 2026");
  assert_take_cmpstr (mp_format_day_short ("2026-12-31", "nl"), "31 dec. 2026");
  assert_take_cmpstr (mp_format_day_short ("2026-12-31", "en"), "31 Dec 2026");
  g_assert_null (mp_format_day ("2026-02-30", "nl"));
  g_assert_null (mp_format_day ("27-11-2026", "nl"));
  g_assert_null (mp_format_day ("", "en"));
  g_assert_null (mp_format_day (NULL, "en"));
}

static void
test_format_amount (void)
{
  assert_take_cmpstr (mp_format_amount (150.0, "EUR", "nl"), "€ 150,00");
  assert_take_cmpstr (mp_format_amount (150.0, "EUR", "en"), "€150.00");
  assert_take_cmpstr (mp_format_amount (1500.0, "EUR", "nl"), "€ 1.500,00");
  assert_take_cmpstr (mp_format_amount (1500.0, "EUR", "en"), "€1,500.00");
  assert_take_cmpstr (mp_format_amount (1234567.891, NULL, "nl"), "€ 1.234.567,89");
  assert_take_cmpstr (mp_format_amount (0.1 + 0.2, "EUR", "en"), "€0.30");
  assert_take_cmpstr (mp_format_amount (999.995, "EUR", "en"), "€1,000.00");
  assert_take_cmpstr (mp_format_amount_cents (-2550, "EUR", "nl"), "€ -25,50");
  assert_take_cmpstr (mp_format_amount_cents (-2550, "EUR", "en"), "-€25.50");
  assert_take_cmpstr (mp_format_amount_cents (5, "USD", "en"), "$0.05");
  assert_take_cmpstr (mp_format_amount_cents (30000, "CHF", "en"), "CHF 300.00");
  assert_take_cmpstr (mp_format_amount_cents (30000, "CHF", "nl"), "CHF 300,00");
}

static void
test_format_parse_amount (void)
{
  gint64 cents = -1;

  g_assert_true (mp_amount_parse ("150.00", &cents));
  g_assert_cmpint (cents, ==, 15000);
  g_assert_true (mp_amount_parse ("150", &cents));
  g_assert_cmpint (cents, ==, 15000);
  g_assert_true (mp_amount_parse ("75.5", &cents));
  g_assert_cmpint (cents, ==, 7550);
  g_assert_false (mp_amount_parse ("150,00", &cents));
  g_assert_false (mp_amount_parse ("1.234.00", &cents));
  g_assert_false (mp_amount_parse ("12.345", &cents));
  g_assert_false (mp_amount_parse ("abc", &cents));
  g_assert_false (mp_amount_parse ("", &cents));
}

/* The one amount parser: no sign, no spaces, nothing above the largest
 * amount, and a message that says what is wrong. */
static void
test_parse_amount_strict (void)
{
  static const char * const refused[] = {
    "-1", "+1", " 150", "150 ", "1e3", "0x10", "150.", ".50", "150.005", "1,500.00",
    "1000000.01", "1000001", "99999999999999999999", "€150", NULL
  };
  gint64 cents = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_parse_amount ("1000000.00", &cents, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cents, ==, MP_AMOUNT_MAX);
  g_assert_true (mp_parse_amount ("0", &cents, NULL));
  g_assert_cmpint (cents, ==, 0);
  g_assert_true (mp_parse_amount ("0.05", &cents, NULL));
  g_assert_cmpint (cents, ==, 5);

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_test_message ("%s", refused[i]);
      cents = -1;
      g_assert_false (mp_parse_amount (refused[i], &cents, &error));
      g_assert_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_AMOUNT);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_cmpint (cents, ==, -1);
      g_clear_error (&error);
    }
  g_assert_false (mp_parse_amount (NULL, &cents, &error));
  g_assert_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_AMOUNT);
}

/* The one day parser: exactly YYYY-MM-DD, a day that exists, from 1583. */
static void
test_parse_day_strict (void)
{
  static const char * const refused[] = {
    "2027-2-28", "2027-02-28T00:00", " 2027-02-28", "2027-02-28 ", "2027/02/28",
    "27-02-2027", "+027-02-28", "2027-0x-01", "2027-02-29", "2027-13-01", "2027-00-10",
    "2027-04-31", "0000-01-01", "1582-12-31", "", NULL
  };
  GDate date;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_parse_day ("2028-02-29", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_date_get_day (&date), ==, 29);
  g_assert_true (mp_parse_day ("1583-01-01", &date, NULL));
  g_assert_true (mp_parse_day ("9999-12-31", &date, NULL));

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_test_message ("%s", refused[i]);
      g_assert_false (mp_parse_day (refused[i], &date, &error));
      g_assert_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_DAY);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_false (g_date_valid (&date));
      g_clear_error (&error);
    }
  g_assert_false (mp_parse_day (NULL, &date, &error));
  g_assert_error (error, MP_PARSE_ERROR, MP_PARSE_ERROR_DAY);
}

/* What a person types in the UI (issue 16): the language's decimal comma,
 * a dot too, thousands, the currency. */
static void
test_format_parse_amount_input (void)
{
  static const struct { const char *text; const char *language; gint64 cents; } good[] = {
    { "150,00", "nl", 15000 }, { "150.00", "nl", 15000 }, { "150", "nl", 15000 },
    { "150,5", "nl", 15050 }, { "€ 150,00", "nl", 15000 }, { "1.500,50", "nl", 150050 },
    { "1.500", "nl", 150000 }, { "150 EUR", "nl", 15000 }, { " 42 ", "en", 4200 },
    { "150.00", "en", 15000 }, { "150,00", "en", 15000 }, { "1,500.50", "en", 150050 },
    { "1,500", "en", 150000 }, { "€150.00", "en", 15000 }, { "0", "en", 0 },
  };
  static const struct { const char *text; const char *language; } bad[] = {
    { "", "nl" }, { "abc", "nl" }, { "-5", "nl" }, { "150,", "nl" }, { "1,50,00", "nl" },
    { "1,500", "nl" }, { "150.001", "en" }, { "150 dollar", "en" }, { "1.2.3,4.5", "nl" },
  };
  g_autofree char *nl = mp_format_amount_input (15000, "nl");
  g_autofree char *en = mp_format_amount_input (30005, "en");

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 cents = -1;

      g_test_message ("%s (%s)", good[i].text, good[i].language);
      g_assert_true (mp_format_parse_amount_input (good[i].text, good[i].language, &cents));
      g_assert_cmpint (cents, ==, good[i].cents);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 cents = -1;

      g_test_message ("%s (%s)", bad[i].text, bad[i].language);
      g_assert_false (mp_format_parse_amount_input (bad[i].text, bad[i].language, &cents));
    }
  g_assert_cmpstr (nl, ==, "150,00");
  g_assert_cmpstr (en, ==, "300.05");
}

static void
test_format_names (void)
{
  g_assert_cmpstr (mp_format_month_name (3, "nl"), ==, "maart");
  g_assert_cmpstr (mp_format_month_name (3, "en"), ==, "March");
  g_assert_cmpstr (mp_format_weekday_name (G_DATE_MONDAY, "nl"), ==, "maandag");
  g_assert_cmpstr (mp_format_weekday_name (G_DATE_SUNDAY, "en"), ==, "Sunday");
  g_assert_cmpstr (mp_format_language ("NL"), ==, "nl");
  g_assert_cmpstr (mp_format_language (NULL), ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/date/long", test_format_date_long);
  g_test_add_func ("/format/date/short", test_format_date_short);
  g_test_add_func ("/format/date/time", test_format_date_time);
  g_test_add_func ("/format/day", test_format_day);
  g_test_add_func ("/format/amount", test_format_amount);
  g_test_add_func ("/format/amount/parse", test_format_parse_amount);
  g_test_add_func ("/format/amount/parse-input", test_format_parse_amount_input);
  g_test_add_func ("/parse/amount", test_parse_amount_strict);
  g_test_add_func ("/parse/day", test_parse_day_strict);
  g_test_add_func ("/format/names", test_format_names);

  return g_test_run ();
}
