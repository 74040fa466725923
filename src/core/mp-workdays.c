/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-desk-context.h"
#include "mp-workdays.h"

/* The names are the Dutch legal names of the days; they are the same in
 * every user interface language, like the calendar they come from. */
#define NAME_NEW_YEAR        "Nieuwjaarsdag"
#define NAME_GOOD_FRIDAY     "Goede Vrijdag"
#define NAME_EASTER          "Eerste Paasdag"
#define NAME_EASTER_MONDAY   "Tweede Paasdag"
#define NAME_KINGS_DAY       "Koningsdag"
#define NAME_QUEENS_DAY      "Koninginnedag"
#define NAME_LIBERATION_DAY  "Bevrijdingsdag"
#define NAME_ASCENSION       "Hemelvaartsdag"
#define NAME_WHIT_SUNDAY     "Eerste Pinksterdag"
#define NAME_WHIT_MONDAY     "Tweede Pinksterdag"
#define NAME_CHRISTMAS       "Eerste Kerstdag"
#define NAME_BOXING_DAY      "Tweede Kerstdag"
#define NAME_CLOSING_DAY     "Sluitingsdag"

static GTimeZone *
policy_tz (MpPolicy *policy)
{
  static GTimeZone *default_tz;

  if (policy != NULL && policy->tz != NULL)
    return policy->tz;
  /* Only without a policy: the default desk's zone. */
  if (g_once_init_enter (&default_tz))
    {
      g_once_init_leave (&default_tz, mp_desk_time_zone_new (NULL));
    }
  return default_tz;
}

static void
add_holiday (GArray     *holidays,
             const GDate *date,
             const char  *name)
{
  MpHoliday holiday = { .date = *date, .name = name };

  g_array_append_val (holidays, holiday);
}

static void
add_dmy (GArray      *holidays,
         GDateDay     day,
         GDateMonth   month,
         int          year,
         const char  *name)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, (GDateYear) year);
  add_holiday (holidays, &date, name);
}

static void
add_easter (GArray      *holidays,
            const GDate *easter,
            int          offset,
            const char  *name)
{
  GDate date = *easter;

  if (offset >= 0)
    g_date_add_days (&date, (guint) offset);
  else
    g_date_subtract_days (&date, (guint) -offset);
  add_holiday (holidays, &date, name);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  return g_date_compare (&((const MpHoliday *) a)->date, &((const MpHoliday *) b)->date);
}

/* ---- public API ------------------------------------------------------- */

GDate
mp_workdays_easter (int year)
{
  /* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  int a = year % 19;
  int b = year / 100;
  int c = year % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;
  GDate date;

  g_date_clear (&date, 1);
  g_return_val_if_fail (year >= 1583 && year <= 9999, date);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

GArray *
mp_workdays_list_holidays (MpPolicy *policy,
                           int       year)
{
  GArray *holidays = g_array_new (FALSE, TRUE, sizeof (MpHoliday));
  GDate easter;

  g_return_val_if_fail (policy != NULL, holidays);
  g_return_val_if_fail (year >= 1583 && year <= 9999, holidays);

  easter = mp_workdays_easter (year);

  add_dmy (holidays, 1, G_DATE_JANUARY, year, NAME_NEW_YEAR);
  if (policy->good_friday)
    add_easter (holidays, &easter, -2, NAME_GOOD_FRIDAY);
  add_easter (holidays, &easter, 0, NAME_EASTER);
  add_easter (holidays, &easter, 1, NAME_EASTER_MONDAY);

  /* The King's birthday is celebrated on 27 April, on the 26th when the
   * 27th is a Sunday; before 2014 it was the Queen's, on 30 April (29th). */
  {
    GDateDay day = year >= 2014 ? 27 : 30;
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, day, G_DATE_APRIL, (GDateYear) year);
    if (g_date_get_weekday (&date) == G_DATE_SUNDAY)
      g_date_subtract_days (&date, 1);
    add_holiday (holidays, &date, year >= 2014 ? NAME_KINGS_DAY : NAME_QUEENS_DAY);
  }

  if (policy->liberation_day == MP_LIBERATION_DAY_EVERY_YEAR ||
      (policy->liberation_day == MP_LIBERATION_DAY_EVERY_FIFTH_YEAR && year % 5 == 0))
    add_dmy (holidays, 5, G_DATE_MAY, year, NAME_LIBERATION_DAY);

  add_easter (holidays, &easter, 39, NAME_ASCENSION);
  add_easter (holidays, &easter, 49, NAME_WHIT_SUNDAY);
  add_easter (holidays, &easter, 50, NAME_WHIT_MONDAY);
  add_dmy (holidays, 25, G_DATE_DECEMBER, year, NAME_CHRISTMAS);
  add_dmy (holidays, 26, G_DATE_DECEMBER, year, NAME_BOXING_DAY);

  /* Closing days in this year that are not already a holiday. */
  for (guint i = 0; policy->closing_days != NULL && i < policy->closing_days->len; i++)
    {
      const MpDateRange *range = &g_array_index (policy->closing_days, MpDateRange, i);
      GDate date = range->first;

      if (g_date_get_year (&range->last) < (GDateYear) year ||
          g_date_get_year (&range->first) > (GDateYear) year)
        continue;
      for (; g_date_compare (&date, &range->last) <= 0; g_date_add_days (&date, 1))
        {
          gboolean known = FALSE;

          if (g_date_get_year (&date) != (GDateYear) year)
            continue;
          for (guint j = 0; j < holidays->len && !known; j++)
            known = g_date_compare (&g_array_index (holidays, MpHoliday, j).date, &date) == 0;
          if (!known)
            add_holiday (holidays, &date, NAME_CLOSING_DAY);
        }
    }

  /* Stable: a day that is two holidays (Hemelvaartsdag on 5 May) keeps the
   * order above. */
  g_array_sort (holidays, compare_holidays);
  return holidays;
}

gboolean
mp_workdays_is_holiday (MpPolicy     *policy,
                        const GDate  *date,
                        const char  **name)
{
  g_autoptr(GArray) holidays = NULL;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (name != NULL)
    *name = NULL;
  holidays = mp_workdays_list_holidays (policy, g_date_get_year (date));
  for (guint i = 0; i < holidays->len; i++)
    {
      const MpHoliday *holiday = &g_array_index (holidays, MpHoliday, i);

      if (g_date_compare (&holiday->date, date) == 0)
        {
          if (name != NULL)
            *name = holiday->name;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
mp_workdays_is_workday (MpPolicy    *policy,
                        const GDate *date)
{
  GDateWeekday weekday;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  weekday = g_date_get_weekday (date);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return FALSE;
  return !mp_workdays_is_holiday (policy, date, NULL);
}

GDate
mp_workdays_add (MpPolicy    *policy,
                 const GDate *date,
                 guint        n)
{
  GDate day;

  g_date_clear (&day, 1);
  g_return_val_if_fail (policy != NULL, day);
  g_return_val_if_fail (date != NULL && g_date_valid (date), day);

  day = *date;
  while (n > 0)
    {
      g_date_add_days (&day, 1);
      if (mp_workdays_is_workday (policy, &day))
        n--;
    }
  return day;
}

GDate
mp_workdays_local_date (MpPolicy *policy,
                        gint64    usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_return_val_if_fail (utc != NULL, date);

  local = g_date_time_to_timezone (utc, policy_tz (policy));
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  return date;
}

static gint64
local_instant (MpPolicy    *policy,
               const GDate *date,
               int          hour,
               int          minute,
               int          seconds)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  local = g_date_time_new (policy_tz (policy), g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), hour, minute, seconds);
  g_return_val_if_fail (local != NULL, 0);
  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

gint64
mp_workdays_start_of_day (MpPolicy    *policy,
                          const GDate *date)
{
  return local_instant (policy, date, 0, 0, 0);
}

gint64
mp_workdays_end_of_day (MpPolicy    *policy,
                        const GDate *date)
{
  return local_instant (policy, date, 23, 59, 59);
}

gint64
mp_workdays_deadline (MpPolicy *policy,
                      gint64    from,
                      guint     n)
{
  GDate day = mp_workdays_local_date (policy, from);
  GDate due = mp_workdays_add (policy, &day, n);

  return mp_workdays_end_of_day (policy, &due);
}

gint64
mp_workdays_add_days_end (MpPolicy *policy,
                          gint64    from,
                          guint     n)
{
  GDate day = mp_workdays_local_date (policy, from);

  g_date_add_days (&day, n);
  return mp_workdays_end_of_day (policy, &day);
}
