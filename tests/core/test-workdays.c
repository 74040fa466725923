/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-case.h"
#include "mp-workdays.h"

/* Easter Sunday 2024–2040, typed in from a published table of Gregorian
 * Easter dates, not computed; Gauss's algorithm below checks further
 * years independently. */
static const char * const easter_dates[] = {
  "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01",
  "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25",
  "2036-04-13", "2037-04-05", "2038-04-25", "2039-04-10", "2040-04-01",
};

static GDate
date_of (const char *text)
{
  GDate date;
  gboolean ok = mp_date_parse (text, &date);

  g_assert_true (ok);
  return date;
}

static GDate
date_plus (const char *text,
           int         days)
{
  GDate date = date_of (text);

  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  return date;
}

static gint64
instant (const char *iso8601)
{
  gint64 usec = 0;
  gboolean ok = mp_time_parse_iso8601 (iso8601, &usec);

  g_assert_true (ok);
  return usec;
}

static void
assert_instant (gint64      usec,
                const char *expected)
{
  g_autofree char *text = mp_time_format_iso8601 (usec);

  g_test_message ("%s, expected %s", text, expected);
  g_assert_cmpint (usec, ==, instant (expected));
}

/* The name of the holiday on @date in @holidays, or NULL. */
static const char *
holiday_on (GArray      *holidays,
            const GDate *date)
{
  for (guint i = 0; i < holidays->len; i++)
    {
      const MpHoliday *holiday = &g_array_index (holidays, MpHoliday, i);

      if (g_date_compare (&holiday->date, date) == 0)
        return holiday->name;
    }
  return NULL;
}

static void
assert_holiday (GArray      *holidays,
                GDate        date,
                const char  *name)
{
  g_assert_cmpstr (holiday_on (holidays, &date), ==, name);
}

/* Gauss's Easter algorithm with its Gregorian corrections: a second,
 * independent computation to compare with over many years. */
static GDate
gauss_easter (int year)
{
  int a = year % 19, b = year % 4, c = year % 7;
  int k = year / 100;
  int p = (13 + 8 * k) / 25;
  int q = k / 4;
  int m = (15 - p + k - q) % 30;
  int n = (4 + k - q) % 7;
  int d = (19 * a + m) % 30;
  int e = (2 * b + 4 * c + 6 * d + n) % 7;
  int day = 22 + d + e;
  GDate date;

  if (d == 29 && e == 6)
    day = 50;
  else if (d == 28 && e == 6 && (11 * m + 11) % 30 < 19)
    day = 49;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_MARCH, (GDateYear) year);
  g_date_add_days (&date, (guint) day - 1);
  return date;
}

static void
test_easter (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (easter_dates); i++)
    {
      GDate expected = date_of (easter_dates[i]);
      GDate easter = mp_workdays_easter (2024 + (int) i);

      g_assert_cmpint (g_date_compare (&easter, &expected), ==, 0);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
    }

  for (int year = 1700; year <= 2300; year++)
    {
      GDate easter = mp_workdays_easter (year);
      GDate other = gauss_easter (year);

      g_assert_cmpint (g_date_compare (&easter, &other), ==, 0);
    }
}

static void
test_holidays_default (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();

  for (int year = 2024; year <= 2040; year++)
    {
      g_autoptr(GArray) holidays = mp_workdays_list_holidays (policy, year);
      const char *easter = easter_dates[year - 2024];
      g_autofree char *new_year = g_strdup_printf ("%d-01-01", year);
      g_autofree char *liberation = g_strdup_printf ("%d-05-05", year);
      g_autofree char *christmas = g_strdup_printf ("%d-12-25", year);
      g_autofree char *boxing = g_strdup_printf ("%d-12-26", year);
      /* Koningsdag is on the 26th in the years whose 27 April is a Sunday. */
      gboolean kings_26 = year == 2025 || year == 2031 || year == 2036;
      g_autofree char *kings = g_strdup_printf ("%d-04-%d", year, kings_26 ? 26 : 27);

      g_test_message ("year %d", year);
      g_assert_cmpuint (holidays->len, ==, 10);
      assert_holiday (holidays, date_of (new_year), "Nieuwjaarsdag");
      assert_holiday (holidays, date_plus (easter, -2), NULL);
      assert_holiday (holidays, date_of (easter), "Eerste Paasdag");
      assert_holiday (holidays, date_plus (easter, 1), "Tweede Paasdag");
      assert_holiday (holidays, date_of (kings), "Koningsdag");
      assert_holiday (holidays, date_of (liberation), "Bevrijdingsdag");
      assert_holiday (holidays, date_plus (easter, 39), "Hemelvaartsdag");
      assert_holiday (holidays, date_plus (easter, 49), "Eerste Pinksterdag");
      assert_holiday (holidays, date_plus (easter, 50), "Tweede Pinksterdag");
      assert_holiday (holidays, date_of (christmas), "Eerste Kerstdag");
      assert_holiday (holidays, date_of (boxing), "Tweede Kerstdag");

      /* In date order. */
      for (guint i = 1; i < holidays->len; i++)
        g_assert_cmpint (g_date_compare (&g_array_index (holidays, MpHoliday, i - 1).date,
                                         &g_array_index (holidays, MpHoliday, i).date), <, 0);
    }
}

static void
test_holidays_known_years (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GArray) y2026 = mp_workdays_list_holidays (policy, 2026);
  g_autoptr(GArray) y2025 = mp_workdays_list_holidays (policy, 2025);

  /* Typed in from the 2026 calendar. */
  assert_holiday (y2026, date_of ("2026-04-06"), "Tweede Paasdag");
  assert_holiday (y2026, date_of ("2026-04-27"), "Koningsdag");
  assert_holiday (y2026, date_of ("2026-05-14"), "Hemelvaartsdag");
  assert_holiday (y2026, date_of ("2026-05-25"), "Tweede Pinksterdag");
  /* 2025: 27 April was a Sunday. */
  assert_holiday (y2025, date_of ("2025-04-26"), "Koningsdag");
  assert_holiday (y2025, date_of ("2025-04-27"), NULL);
  assert_holiday (y2025, date_of ("2025-05-29"), "Hemelvaartsdag");
  assert_holiday (y2025, date_of ("2025-06-09"), "Tweede Pinksterdag");
}

static void
test_good_friday (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_policy_apply (policy, "holidays.good_friday", "true", &error));
  g_assert_no_error (error);
  for (int year = 2024; year <= 2040; year++)
    {
      g_autoptr(GArray) holidays = mp_workdays_list_holidays (policy, year);

      g_assert_cmpuint (holidays->len, ==, 11);
      assert_holiday (holidays, date_plus (easter_dates[year - 2024], -2), "Goede Vrijdag");
    }
  {
    g_autoptr(GArray) y2026 = mp_workdays_list_holidays (policy, 2026);
    GDate thursday = date_of ("2026-04-02");
    GDate next = mp_workdays_add (policy, &thursday, 1);
    GDate tuesday = date_of ("2026-04-07");

    assert_holiday (y2026, date_of ("2026-04-03"), "Goede Vrijdag");
    g_assert_cmpint (g_date_compare (&next, &tuesday), ==, 0);
  }
}

static void
test_liberation_day (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();

  for (int year = 2024; year <= 2040; year++)
    {
      g_autofree char *text = g_strdup_printf ("%d-05-05", year);
      GDate may5 = date_of (text);
      gboolean fifth = year == 2025 || year == 2030 || year == 2035 || year == 2040;
      g_autoptr(GArray) every = NULL, some = NULL, none = NULL;

      g_assert_true (mp_policy_apply (policy, "holidays.liberation_day", "every-year", NULL));
      every = mp_workdays_list_holidays (policy, year);
      g_assert_true (mp_policy_apply (policy, "holidays.liberation_day", "every-fifth-year", NULL));
      some = mp_workdays_list_holidays (policy, year);
      g_assert_true (mp_policy_apply (policy, "holidays.liberation_day", "never", NULL));
      none = mp_workdays_list_holidays (policy, year);

      g_assert_cmpstr (holiday_on (every, &may5), ==, "Bevrijdingsdag");
      g_assert_cmpstr (holiday_on (some, &may5), ==, fifth ? "Bevrijdingsdag" : NULL);
      g_assert_cmpstr (holiday_on (none, &may5), ==, NULL);
      g_assert_cmpuint (none->len, ==, 9);
    }

  /* Not a holiday in 2027 when only every fifth year counts. */
  g_assert_true (mp_policy_apply (policy, "holidays.liberation_day", "every-fifth-year", NULL));
  {
    GDate d = date_of ("2027-05-05");

    g_assert_true (mp_workdays_is_workday (policy, &d));
  }
}

static void
test_closing_days (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GArray) y2026 = NULL;
  g_autoptr(GArray) y2027 = NULL;
  GDate d;

  g_assert_true (mp_policy_apply (policy, "holidays.closing_days",
                                  "2026-12-24..2027-01-02, 2027-05-07", NULL));
  y2026 = mp_workdays_list_holidays (policy, 2026);
  y2027 = mp_workdays_list_holidays (policy, 2027);

  assert_holiday (y2026, date_of ("2026-12-24"), "Sluitingsdag");
  assert_holiday (y2026, date_of ("2026-12-25"), "Eerste Kerstdag");
  assert_holiday (y2026, date_of ("2026-12-26"), "Tweede Kerstdag");
  assert_holiday (y2026, date_of ("2026-12-27"), "Sluitingsdag");
  assert_holiday (y2026, date_of ("2026-12-31"), "Sluitingsdag");
  assert_holiday (y2026, date_of ("2026-12-23"), NULL);
  /* 2 at Christmas are holidays already: 24, 27–31 are closing days. */
  g_assert_cmpuint (y2026->len, ==, 10 + 6);

  assert_holiday (y2027, date_of ("2027-01-01"), "Nieuwjaarsdag");
  assert_holiday (y2027, date_of ("2027-01-02"), "Sluitingsdag");
  assert_holiday (y2027, date_of ("2027-05-07"), "Sluitingsdag");
  g_assert_cmpuint (y2027->len, ==, 10 + 2);

  d = date_of ("2026-12-23");
  d = mp_workdays_add (policy, &d, 1);
  {
    GDate expected = date_of ("2027-01-04");

    g_assert_cmpint (g_date_compare (&d, &expected), ==, 0);
  }
}

static void
assert_add (MpPolicy   *policy,
            const char *from,
            guint       n,
            const char *expected)
{
  GDate date = date_of (from);
  GDate result = mp_workdays_add (policy, &date, n);
  g_autofree char *text = mp_date_format (&result);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_add (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  GDate d;

  assert_add (policy, "2026-12-24", 0, "2026-12-24");
  assert_add (policy, "2026-12-24", 1, "2026-12-28");
  assert_add (policy, "2026-12-24", 3, "2026-12-30");
  assert_add (policy, "2026-12-30", 2, "2027-01-04");    /* over Nieuwjaarsdag */
  assert_add (policy, "2026-11-20", 1, "2026-11-23");    /* Friday → Monday */
  assert_add (policy, "2026-11-21", 1, "2026-11-23");    /* from a Saturday */
  assert_add (policy, "2027-04-23", 3, "2027-04-29");    /* over Koningsdag (Tuesday) */
  assert_add (policy, "2027-05-04", 1, "2027-05-07");    /* Bevrijdingsdag, Hemelvaartsdag */
  assert_add (policy, "2026-04-02", 1, "2026-04-03");    /* Goede Vrijdag is a working day */
  assert_add (policy, "2026-04-02", 2, "2026-04-07");    /* … Tweede Paasdag is not */

  d = date_of ("2026-11-21");
  g_assert_false (mp_workdays_is_workday (policy, &d));
  d = date_of ("2026-11-22");
  g_assert_false (mp_workdays_is_workday (policy, &d));
  d = date_of ("2026-11-23");
  g_assert_true (mp_workdays_is_workday (policy, &d));
  d = date_of ("2026-12-25");
  g_assert_false (mp_workdays_is_workday (policy, &d));
}

static void
test_end_of_day_dst (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  GDate d;

  /* Summer time starts on the last Sunday of March (2026-03-29) and ends
   * on the last Sunday of October (2026-10-25). */
  d = date_of ("2026-03-28");
  assert_instant (mp_workdays_end_of_day (policy, &d), "2026-03-28T22:59:59Z");
  assert_instant (mp_workdays_start_of_day (policy, &d), "2026-03-27T23:00:00Z");
  d = date_of ("2026-03-29");
  assert_instant (mp_workdays_start_of_day (policy, &d), "2026-03-28T23:00:00Z");
  assert_instant (mp_workdays_end_of_day (policy, &d), "2026-03-29T21:59:59Z");
  d = date_of ("2026-03-30");
  assert_instant (mp_workdays_end_of_day (policy, &d), "2026-03-30T21:59:59Z");
  d = date_of ("2026-10-24");
  assert_instant (mp_workdays_end_of_day (policy, &d), "2026-10-24T21:59:59Z");
  d = date_of ("2026-10-25");
  assert_instant (mp_workdays_end_of_day (policy, &d), "2026-10-25T22:59:59Z");

  /* Three working days across the change to summer time: from Thursday
   * 26 March (winter) to Tuesday 31 March (summer), 23:59:59 local. */
  assert_instant (mp_workdays_deadline (policy, instant ("2026-03-26T12:00:00Z"), 3),
                  "2026-03-31T21:59:59Z");
  /* Across the change back: received just after midnight on Friday 23
   * October, local time (Thursday in UTC), due Wednesday 28 October. */
  assert_instant (mp_workdays_deadline (policy, instant ("2026-10-22T22:30:00Z"), 3),
                  "2026-10-28T22:59:59Z");
  /* The desk's day, not UTC's. */
  d = mp_workdays_local_date (policy, instant ("2026-10-22T22:30:00Z"));
  {
    g_autofree char *text = mp_date_format (&d);

    g_assert_cmpstr (text, ==, "2026-10-23");
  }

  /* Calendar days end in the desk's zone too: 90 days after a winter
   * report ends in summer time. */
  assert_instant (mp_workdays_add_days_end (policy, instant ("2026-01-15T10:00:00Z"), 90),
                  "2026-04-15T21:59:59Z");

  /* Another zone gives other instants for the same days. */
  g_assert_true (mp_policy_apply (policy, "timezone", "UTC", NULL));
  assert_instant (mp_workdays_deadline (policy, instant ("2026-10-22T22:30:00Z"), 3),
                  "2026-10-27T23:59:59Z");
}

/* DOMAIN.md §3: where "72 hours" and "3 working days" fall differently,
 * both are shown and the first warns. */
static void
test_hours_against_workdays (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  gint64 received, hours, workdays;

  /* Christmas: Wednesday 23 December 2026, 10:00 local. */
  received = instant ("2026-12-23T09:00:00Z");
  hours = received + (gint64) policy->ack_hours * G_USEC_PER_SEC * 3600;
  workdays = mp_workdays_deadline (policy, received, policy->assess_workdays);
  assert_instant (hours, "2026-12-26T09:00:00Z");
  assert_instant (workdays, "2026-12-29T22:59:59Z");
  g_assert_cmpint (hours, <, workdays);

  /* With the desk closed between Christmas and New Year. */
  g_assert_true (mp_policy_apply (policy, "holidays.closing_days", "2026-12-28..2026-12-31",
                                  NULL));
  assert_instant (mp_workdays_deadline (policy, received, 3), "2027-01-05T22:59:59Z");

  /* Koningsdag: Friday 23 April 2027, 12:00 local (summer time). */
  received = instant ("2027-04-23T10:00:00Z");
  hours = received + (gint64) policy->ack_hours * G_USEC_PER_SEC * 3600;
  workdays = mp_workdays_deadline (policy, received, policy->assess_workdays);
  assert_instant (hours, "2027-04-26T10:00:00Z");
  assert_instant (workdays, "2027-04-29T21:59:59Z");
  g_assert_cmpint (hours, <, workdays);

  /* Even with no holiday near, 72 hours comes first: it ends at the
   * moment of receipt, working days at the end of the day. */
  received = instant ("2026-11-23T08:00:00Z");
  hours = received + (gint64) policy->ack_hours * G_USEC_PER_SEC * 3600;
  workdays = mp_workdays_deadline (policy, received, policy->assess_workdays);
  assert_instant (workdays, "2026-11-26T22:59:59Z");
  assert_instant (hours, "2026-11-26T08:00:00Z");
  g_assert_cmpint (hours, <, workdays);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/workdays/easter", test_easter);
  g_test_add_func ("/workdays/holidays/default", test_holidays_default);
  g_test_add_func ("/workdays/holidays/known-years", test_holidays_known_years);
  g_test_add_func ("/workdays/holidays/good-friday", test_good_friday);
  g_test_add_func ("/workdays/holidays/liberation-day", test_liberation_day);
  g_test_add_func ("/workdays/holidays/closing-days", test_closing_days);
  g_test_add_func ("/workdays/add", test_add);
  g_test_add_func ("/workdays/end-of-day-dst", test_end_of_day_dst);
  g_test_add_func ("/workdays/hours-against-workdays", test_hours_against_workdays);

  return g_test_run ();
}
