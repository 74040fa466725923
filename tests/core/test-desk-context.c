/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk context: the desk's zone and clock, whatever the process's zone
 * (issue 17). No store: the context holds values only.
 */
#include "config.h"

#include "mp-case.h"
#include "mp-desk-context.h"

static gint64
at (const char *iso8601)
{
  gint64 usec = 0;

  g_assert_true (mp_time_parse_iso8601 (iso8601, &usec));
  return usec;
}

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             guint      *n)
{
  (*n)++;
}

/* One default zone; an unknown zone falls back to it, and a change is
 * notified once. */
static void
test_zone (void)
{
  g_autoptr(MpDeskContext) desk = mp_desk_context_new (NULL);
  g_autoptr(GTimeZone) unknown = mp_desk_time_zone_new ("Mars/Olympus_Mons");
  guint n = 0;

  g_assert_cmpstr (mp_desk_context_get_timezone (desk), ==, MP_DESK_DEFAULT_TIMEZONE);
  g_assert_cmpstr (g_time_zone_get_identifier (mp_desk_context_get_time_zone (desk)), ==,
                   MP_DESK_DEFAULT_TIMEZONE);
  g_assert_cmpstr (g_time_zone_get_identifier (unknown), ==, MP_DESK_DEFAULT_TIMEZONE);

  g_signal_connect (desk, "notify::timezone", G_CALLBACK (notified_cb), &n);
  mp_desk_context_set_timezone (desk, "America/Los_Angeles");
  g_assert_cmpuint (n, ==, 1);
  mp_desk_context_set_timezone (desk, "America/Los_Angeles");
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (mp_desk_context_get_timezone (desk), ==, "America/Los_Angeles");
  mp_desk_context_set_timezone (desk, "Mars/Olympus_Mons");
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (mp_desk_context_get_timezone (desk), ==, MP_DESK_DEFAULT_TIMEZONE);
}

/* Today, the year and a day's start are the desk's, in whatever zone the
 * process runs. */
static void
test_today_and_year (void)
{
  static const char * const process_zones[] = { "UTC", "America/New_York", "Asia/Tokyo" };
  g_autoptr(MpDeskContext) desk = mp_desk_context_new ("Europe/Amsterdam");

  for (guint i = 0; i < G_N_ELEMENTS (process_zones); i++)
    {
      g_autofree char *today = NULL;
      GDate day;

      g_setenv ("TZ", process_zones[i], TRUE);
      /* 23:30 on New Year's Eve at the desk */
      g_setenv ("MELDPUNT_NOW", "2026-12-31T22:30:00Z", TRUE);
      g_assert_cmpint (mp_desk_context_now (desk), ==, at ("2026-12-31T22:30:00Z"));
      today = mp_desk_context_dup_today (desk);
      g_assert_cmpstr (today, ==, "2026-12-31");
      g_assert_cmpint (mp_desk_context_year_of (desk, mp_desk_context_now (desk)), ==, 2026);
      /* 00:30 on New Year's Day at the desk */
      g_assert_cmpint (mp_desk_context_year_of (desk, at ("2026-12-31T23:30:00Z")), ==, 2027);

      day = mp_desk_context_day_of (desk, at ("2026-12-31T23:30:00Z"));
      g_assert_cmpint (g_date_get_year (&day), ==, 2027);
      g_assert_cmpint (g_date_get_month (&day), ==, 1);
      g_assert_cmpint (g_date_get_day (&day), ==, 1);
      g_assert_cmpint (mp_desk_context_start_of_date (desk, &day), ==, at ("2026-12-31T23:00:00Z"));
    }
  g_unsetenv ("MELDPUNT_NOW");
}

/* A wall-clock time is the desk's, also on the days the clocks change. */
static void
test_wall_clock (void)
{
  g_autoptr(MpDeskContext) desk = mp_desk_context_new ("Europe/Amsterdam");
  g_autoptr(GDateTime) summer = NULL;
  g_autoptr(GDateTime) winter = NULL;

  g_setenv ("TZ", "America/New_York", TRUE);
  summer = mp_desk_context_new_date_time (desk, 2026, 3, 29, 8, 15, 0);
  winter = mp_desk_context_new_date_time (desk, 2026, 3, 28, 8, 15, 0);
  g_assert_cmpint (g_date_time_to_unix (summer) * G_USEC_PER_SEC, ==, at ("2026-03-29T06:15:00Z"));
  g_assert_cmpint (g_date_time_to_unix (winter) * G_USEC_PER_SEC, ==, at ("2026-03-28T07:15:00Z"));
  g_assert_cmpint (mp_desk_context_start_of_day (desk, 2026, 3, 29), ==, at ("2026-03-28T23:00:00Z"));
  g_assert_cmpint (mp_desk_context_start_of_day (desk, 2026, 10, 25), ==, at ("2026-10-24T22:00:00Z"));
  g_assert_cmpint (mp_desk_context_start_of_day (desk, 2026, 2, 30), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/desk-context/zone", test_zone);
  g_test_add_func ("/desk-context/today-and-year", test_today_and_year);
  g_test_add_func ("/desk-context/wall-clock", test_wall_clock);
  return g_test_run ();
}
