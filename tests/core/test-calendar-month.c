/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Which deadline lands on which day of the month grid, and the agenda's
 * groups. The expected days are typed in from a 2026/2027 wall calendar
 * (1 March 2027 is a Monday, 1 December 2026 a Tuesday, Easter 2027 is
 * 28 March); instants are written in UTC by hand. TZ=Europe/Amsterdam.
 */
#include "config.h"

#include "mp-agenda.h"
#include "mp-calendar-month.h"
#include "mp-case.h"
#include "mp-derive.h"

static gint64
instant (const char *iso8601)
{
  gint64 usec = 0;
  gboolean ok = mp_time_parse_iso8601 (iso8601, &usec);

  g_assert_true (ok);
  return usec;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = mp_date_format (date);

  g_assert_cmpstr (text, ==, expected);
}

static MpDeadline *
deadline_at (const char *reference,
             const char *kind,
             const char *due)
{
  return mp_deadline_new (reference, kind, instant (due), 0);
}

static GListModel *
make_list (MpDeadline *first,
           ...)
{
  GListStore *store = g_list_store_new (MP_TYPE_DEADLINE);
  va_list args;

  va_start (args, first);
  for (MpDeadline *deadline = first; deadline != NULL; deadline = va_arg (args, MpDeadline *))
    {
      g_list_store_append (store, deadline);
      g_object_unref (deadline);
    }
  va_end (args);
  return G_LIST_MODEL (store);
}

/* The references of the deadlines on day @index, joined with spaces. */
static char *
day_references (MpCalendarMonth *month,
                guint            index)
{
  const MpCalendarDay *day = mp_calendar_month_get_day (month, index);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < day->deadlines->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, mp_deadline_get_reference (g_ptr_array_index (day->deadlines, i)));
    }
  return g_string_free (text, FALSE);
}

static guint
count_deadlines (MpCalendarMonth *month)
{
  guint n = 0;

  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    n += mp_calendar_month_get_day (month, i)->deadlines->len;
  return n;
}

static void
assert_day_refs (MpCalendarMonth *month,
                 guint            index,
                 const char      *expected)
{
  g_autofree char *refs = day_references (month, index);

  g_test_message ("day %u: “%s”, expected “%s”", index, refs, expected);
  g_assert_cmpstr (refs, ==, expected);
}

static void
test_grid_shape (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCalendarMonth) march = mp_calendar_month_new (policy, 2027, 3, NULL, 0);
  g_autoptr(MpCalendarMonth) april = mp_calendar_month_new (policy, 2027, 4, NULL, 0);

  /* March 2027 starts on a Monday: no leading days. */
  assert_date (&mp_calendar_month_get_day (march, 0)->date, "2027-03-01");
  assert_date (&mp_calendar_month_get_day (march, 30)->date, "2027-03-31");
  assert_date (&mp_calendar_month_get_day (march, 31)->date, "2027-04-01");
  assert_date (&mp_calendar_month_get_day (march, 41)->date, "2027-04-11");
  g_assert_true (mp_calendar_month_get_day (march, 0)->in_month);
  g_assert_true (mp_calendar_month_get_day (march, 30)->in_month);
  g_assert_false (mp_calendar_month_get_day (march, 31)->in_month);

  /* April 2027 starts on a Thursday: three days of March lead. */
  assert_date (&mp_calendar_month_get_day (april, 0)->date, "2027-03-29");
  assert_date (&mp_calendar_month_get_day (april, 3)->date, "2027-04-01");
  g_assert_false (mp_calendar_month_get_day (april, 2)->in_month);
  g_assert_true (mp_calendar_month_get_day (april, 3)->in_month);

  /* Saturday and Sunday are the last two columns, and only they. */
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    {
      g_assert_cmpint (mp_calendar_month_get_day (april, i)->weekend, ==, i % 7 >= 5);
      g_assert_cmpint (mp_calendar_month_get_day (march, i)->weekend, ==, i % 7 >= 5);
    }
  g_assert_cmpint (mp_calendar_month_get_year (april), ==, 2027);
  g_assert_cmpuint (mp_calendar_month_get_month (april), ==, 4);
}

static void
test_holidays (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCalendarMonth) april = mp_calendar_month_new (policy, 2027, 4, NULL, 0);
  g_autoptr(MpCalendarMonth) december = mp_calendar_month_new (policy, 2026, 12, NULL, 0);
  const MpCalendarDay *day;
  guint n_holidays = 0;

  /* Koningsdag 2027: Tuesday 27 April (index 3 + 26). */
  day = mp_calendar_month_get_day (april, 29);
  assert_date (&day->date, "2027-04-27");
  g_assert_cmpstr (day->holiday, ==, "Koningsdag");
  g_assert_false (day->weekend);
  /* The leading days are Easter Monday and two plain days. */
  g_assert_cmpstr (mp_calendar_month_get_day (april, 0)->holiday, ==, "Tweede Paasdag");
  g_assert_null (mp_calendar_month_get_day (april, 1)->holiday);
  g_assert_null (mp_calendar_month_get_day (april, 28)->holiday);
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    if (mp_calendar_month_get_day (april, i)->holiday != NULL)
      n_holidays++;
  /* 29 March (Easter Monday), 27 April, 5 May (Bevrijdingsdag, every year
   * by default) and 6 May (Ascension day) are in the grid. */
  g_assert_cmpuint (n_holidays, ==, 4);

  /* Christmas 2026: Friday 25 and Saturday 26 December; 1 December is a
   * Tuesday, so the 25th is index 25. */
  day = mp_calendar_month_get_day (december, 25);
  assert_date (&day->date, "2026-12-25");
  g_assert_cmpstr (day->holiday, ==, "Eerste Kerstdag");
  g_assert_false (day->weekend);
  day = mp_calendar_month_get_day (december, 26);
  g_assert_cmpstr (day->holiday, ==, "Tweede Kerstdag");
  g_assert_true (day->weekend);
  /* New Year's Day among the trailing days. */
  day = mp_calendar_month_get_day (december, 32);
  assert_date (&day->date, "2027-01-01");
  g_assert_cmpstr (day->holiday, ==, "Nieuwjaarsdag");
  g_assert_false (day->in_month);
}

static void
test_daylight_saving (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(MpCalendarMonth) march = NULL;
  g_autoptr(MpCalendarMonth) october = NULL;

  deadlines = make_list (
    /* 23:30 summer time on Sunday 28 March 2027, the day clocks go forward. */
    deadline_at ("CVD-2027-0001", "assessment", "2027-03-28T21:30:00Z"),
    /* 00:30 summer time on Monday 29 March: still Sunday in UTC. */
    deadline_at ("CVD-2027-0002", "assessment", "2027-03-28T22:30:00Z"),
    /* 00:30 winter time on Sunday 28 March, before the change. */
    deadline_at ("CVD-2027-0003", "assessment", "2027-03-27T23:30:00Z"),
    /* 23:30 winter time on Sunday 31 October 2027, the day clocks go back. */
    deadline_at ("CVD-2027-0004", "fix-target", "2027-10-31T22:30:00Z"),
    /* 00:30 winter time on Monday 1 November: Sunday in UTC. */
    deadline_at ("CVD-2027-0005", "fix-target", "2027-10-31T23:30:00Z"),
    /* 23:59:59 summer time on Saturday 30 October. */
    deadline_at ("CVD-2027-0006", "disclosure", "2027-10-30T21:59:59Z"),
    NULL);
  march = mp_calendar_month_new (policy, 2027, 3, deadlines, 0);
  october = mp_calendar_month_new (policy, 2027, 10, deadlines, 0);

  /* March 2027: the 1st is index 0. */
  assert_day_refs (march, 26, "");
  assert_day_refs (march, 27, "CVD-2027-0003 CVD-2027-0001");
  assert_day_refs (march, 28, "CVD-2027-0002");
  g_assert_cmpuint (count_deadlines (march), ==, 3);

  /* October 2027 starts on a Friday: index 4 is the 1st, 34 the 31st,
   * 35 is Monday 1 November. */
  assert_date (&mp_calendar_month_get_day (october, 34)->date, "2027-10-31");
  assert_day_refs (october, 33, "CVD-2027-0006");
  assert_day_refs (october, 34, "CVD-2027-0004");
  assert_day_refs (october, 35, "CVD-2027-0005");
  g_assert_false (mp_calendar_month_get_day (october, 35)->in_month);
  g_assert_cmpuint (count_deadlines (october), ==, 3);
}

static void
test_year_boundary (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(MpCalendarMonth) december = NULL;
  g_autoptr(MpCalendarMonth) january = NULL;
  g_autoptr(MpCalendarMonth) november = NULL;

  deadlines = make_list (
    /* The end of 31 December 2026 (winter time, +01:00). */
    deadline_at ("CVD-2026-0100", "disclosure", "2026-12-31T22:59:59Z"),
    /* Midnight starting 1 January 2027: 31 December in UTC. */
    deadline_at ("CVD-2026-0101", "acknowledgement", "2026-12-31T23:00:00Z"),
    /* Noon on 1 January. */
    deadline_at ("CVD-2026-0102", "progress-update", "2027-01-01T11:00:00Z"),
    /* Monday 30 November, the December grid's first (leading) day. */
    deadline_at ("CVD-2026-0103", "fix-target", "2026-11-30T09:00:00Z"),
    /* Sunday 10 January 2027, the December grid's last day, and one after. */
    deadline_at ("CVD-2026-0104", "publication", "2027-01-10T12:00:00Z"),
    deadline_at ("CVD-2026-0105", "data-deletion", "2027-01-11T12:00:00Z"),
    NULL);
  december = mp_calendar_month_new (policy, 2026, 12, deadlines, 0);
  january = mp_calendar_month_new (policy, 2027, 1, deadlines, 0);
  november = mp_calendar_month_new (policy, 2026, 11, deadlines, 0);

  /* December 2026: Monday 30 November leads, 1–31 December, then 1–10
   * January 2027 trail. */
  assert_date (&mp_calendar_month_get_day (december, 0)->date, "2026-11-30");
  g_assert_false (mp_calendar_month_get_day (december, 0)->in_month);
  assert_date (&mp_calendar_month_get_day (december, 1)->date, "2026-12-01");
  assert_date (&mp_calendar_month_get_day (december, 31)->date, "2026-12-31");
  g_assert_true (mp_calendar_month_get_day (december, 31)->in_month);
  assert_date (&mp_calendar_month_get_day (december, 32)->date, "2027-01-01");
  g_assert_false (mp_calendar_month_get_day (december, 32)->in_month);
  assert_date (&mp_calendar_month_get_day (december, 41)->date, "2027-01-10");

  assert_day_refs (december, 0, "CVD-2026-0103");
  assert_day_refs (december, 31, "CVD-2026-0100");
  assert_day_refs (december, 32, "CVD-2026-0101 CVD-2026-0102");
  assert_day_refs (december, 41, "CVD-2026-0104");
  g_assert_cmpuint (count_deadlines (december), ==, 5);

  /* January 2027 starts on a Friday: 28–31 December lead. */
  assert_date (&mp_calendar_month_get_day (january, 0)->date, "2026-12-28");
  assert_day_refs (january, 3, "CVD-2026-0100");
  assert_day_refs (january, 4, "CVD-2026-0101 CVD-2026-0102");
  assert_day_refs (january, 13, "CVD-2026-0104");
  assert_day_refs (january, 14, "CVD-2026-0105");
  g_assert_cmpuint (count_deadlines (january), ==, 5);

  /* November 2026 starts on a Sunday: its grid ends on 13 December. */
  assert_date (&mp_calendar_month_get_day (november, 0)->date, "2026-10-26");
  assert_date (&mp_calendar_month_get_day (november, 41)->date, "2026-12-06");
  g_assert_cmpuint (count_deadlines (november), ==, 1);
  g_assert_cmpint (mp_calendar_month_find_date (november,
                                                &mp_calendar_month_get_day (december, 31)->date),
                   ==, -1);
}

static void
test_today_and_overdue (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(MpCalendarMonth) april = NULL;
  /* 00:30 summer time on Tuesday 27 April 2027: Monday in UTC. */
  gint64 now = instant ("2027-04-26T22:30:00Z");
  guint n_today = 0;
  const MpCalendarDay *day;

  deadlines = make_list (
    deadline_at ("CVD-2027-0010", "assessment", "2027-04-26T15:00:00Z"),
    deadline_at ("CVD-2027-0011", "fix-target", "2027-04-26T22:00:00Z"),
    deadline_at ("CVD-2027-0012", "acknowledgement", "2027-04-27T08:00:00Z"),
    mp_deadline_new ("CVD-2027-0013", "assessment", instant ("2027-04-26T10:00:00Z"),
                     instant ("2027-04-26T09:00:00Z")),
    NULL);
  april = mp_calendar_month_new (policy, 2027, 4, deadlines, now);

  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    if (mp_calendar_month_get_day (april, i)->today)
      {
        assert_date (&mp_calendar_month_get_day (april, i)->date, "2027-04-27");
        n_today++;
      }
  g_assert_cmpuint (n_today, ==, 1);

  /* Monday 26 April: one open deadline past, one met in time. */
  day = mp_calendar_month_get_day (april, 28);
  assert_date (&day->date, "2027-04-26");
  g_assert_cmpuint (day->deadlines->len, ==, 2);
  g_assert_cmpuint (day->n_overdue, ==, 1);
  /* 00:00 local on the 27th (22:00 UTC on the 26th) is the 27th's. */
  day = mp_calendar_month_get_day (april, 29);
  g_assert_cmpuint (day->deadlines->len, ==, 2);
  g_assert_cmpuint (day->n_overdue, ==, 1);
  g_assert_true (mp_calendar_month_is_overdue (april, g_ptr_array_index (day->deadlines, 0)));
  g_assert_false (mp_calendar_month_is_overdue (april, g_ptr_array_index (day->deadlines, 1)));
}

static char *
group_references (MpAgenda      *agenda,
                  MpAgendaGroup  group)
{
  GListModel *model = mp_agenda_get_group (agenda, group);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, mp_deadline_get_reference (deadline));
    }
  return g_string_free (text, FALSE);
}

static void
assert_group (MpAgenda      *agenda,
              MpAgendaGroup  group,
              const char    *expected)
{
  g_autofree char *refs = group_references (agenda, group);
  g_auto(GStrv) words = g_strsplit (expected, " ", -1);

  g_test_message ("group %d: “%s”, expected “%s”", group, refs, expected);
  g_assert_cmpstr (refs, ==, expected);
  g_assert_cmpuint (mp_agenda_get_count (agenda, group), ==,
                    expected[0] == '\0' ? 0 : g_strv_length (words));
}

static void
test_agenda_groups (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(MpAgenda) agenda = NULL;
  /* Wednesday 21 April 2027, 10:00 summer time. */
  gint64 now = instant ("2027-04-21T08:00:00Z");

  deadlines = make_list (
    /* Given out of order on purpose. */
    deadline_at ("LATER-1", "fix-target", "2027-04-25T22:00:00Z"),         /* Mon 26, 00:00 */
    deadline_at ("WEEK-2", "disclosure", "2027-04-25T21:59:59Z"),          /* Sun 25, 23:59:59 */
    deadline_at ("OVERDUE-2", "assessment", "2027-04-21T07:59:00Z"),       /* today, 09:59 */
    deadline_at ("OVERDUE-1", "acknowledgement", "2027-04-20T15:00:00Z"),  /* yesterday */
    deadline_at ("TODAY-1", "progress-update", "2027-04-21T21:59:59Z"),    /* today, 23:59:59 */
    deadline_at ("WEEK-1", "publication", "2027-04-21T22:00:00Z"),         /* Thu 22, 00:00 */
    deadline_at ("LATER-2", "data-deletion", "2028-01-01T12:00:00Z"),
    mp_deadline_new ("MET", "assessment", instant ("2027-04-19T15:00:00Z"),
                     instant ("2027-04-19T14:00:00Z")),
    NULL);
  agenda = mp_agenda_new (policy, deadlines, now);

  assert_group (agenda, MP_AGENDA_OVERDUE, "OVERDUE-1 OVERDUE-2");
  assert_group (agenda, MP_AGENDA_TODAY, "TODAY-1");
  assert_group (agenda, MP_AGENDA_THIS_WEEK, "WEEK-1 WEEK-2");
  assert_group (agenda, MP_AGENDA_LATER, "LATER-1 LATER-2");
  g_assert_cmpint (mp_agenda_get_now (agenda), ==, now);
}

static void
test_agenda_sunday_after_change (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(MpAgenda) agenda = NULL;
  /* Sunday 31 October 2027, 12:00 winter time (clocks went back at 03:00):
   * the day has 25 hours and this week ends tonight. */
  gint64 now = instant ("2027-10-31T11:00:00Z");

  deadlines = make_list (
    deadline_at ("TODAY", "fix-target", "2027-10-31T22:59:59Z"),    /* 23:59:59 winter time */
    deadline_at ("LATER", "fix-target", "2027-10-31T23:00:00Z"),    /* Monday 00:00 */
    deadline_at ("OVERDUE", "fix-target", "2027-10-31T00:30:00Z"),  /* 02:30 summer time */
    NULL);
  agenda = mp_agenda_new (policy, deadlines, now);

  assert_group (agenda, MP_AGENDA_OVERDUE, "OVERDUE");
  assert_group (agenda, MP_AGENDA_TODAY, "TODAY");
  assert_group (agenda, MP_AGENDA_THIS_WEEK, "");
  assert_group (agenda, MP_AGENDA_LATER, "LATER");
}

/* Deadlines derived from a case (as the store derives them on every write)
 * land where the working-day calendar says: received on Friday 26 March
 * 2027 at 22:30 winter time. */
static void
test_derived_deadlines (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = mp_case_new ();
  g_autoptr(GPtrArray) derived = NULL;
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCalendarMonth) march = NULL;
  const MpCalendarDay *day;
  gboolean found_ack = FALSE, found_assessment = FALSE;

  mp_case_set_text (kase, "reference", "CVD-2027-0001");
  mp_case_set_text (kase, "title", "Open redirect");
  g_assert_true (mp_case_set_value_string (kase, "received_at", "2027-03-26T22:30:00+01:00",
                                           &error));
  g_assert_no_error (error);
  derived = mp_derive_case (policy, kase, instant ("2027-03-26T21:31:00Z"));
  g_list_store_splice (deadlines, 0, 0, derived->pdata, derived->len);

  march = mp_calendar_month_new (policy, 2027, 3, G_LIST_MODEL (deadlines),
                                 instant ("2027-03-27T12:00:00Z"));

  /* 72 hours later, across the change to summer time: Monday 29 March,
   * 23:30 local (Easter Monday). */
  day = mp_calendar_month_get_day (march, 28);
  assert_date (&day->date, "2027-03-29");
  g_assert_cmpstr (day->holiday, ==, "Tweede Paasdag");
  for (guint i = 0; i < day->deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (day->deadlines, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), "acknowledgement"))
        found_ack = TRUE;
    }
  g_assert_true (found_ack);

  /* Three working days after Friday, Easter Monday not counted: Tuesday
   * 30 March, Wednesday 31 March, Thursday 1 April — a trailing day. */
  day = mp_calendar_month_get_day (march, 31);
  assert_date (&day->date, "2027-04-01");
  for (guint i = 0; i < day->deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (day->deadlines, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), "assessment"))
        found_assessment = TRUE;
    }
  g_assert_true (found_assessment);
  g_assert_cmpuint (day->n_overdue, ==, 0);
}

/* The month finds its deadlines through an index of the list by due
 * moment (issue 12): the grid's first and last instants count, whatever the
 * list's order, and a change of the list is seen by the next month made from
 * it. March 2027's grid runs from Monday 1 March to Sunday 11 April. */
static void
test_index_edges_and_changes (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(MpCalendarMonth) first = NULL;
  g_autoptr(MpCalendarMonth) second = NULL;
  g_autoptr(MpCalendarMonth) third = NULL;
  g_autoptr(MpCalendarMonth) april = NULL;
  g_autoptr(MpDeadline) added = NULL;

  list = make_list (deadline_at ("FAR", "fix-target", "2030-01-01T10:00:00Z"),
                    /* 00:00 on 1 March, winter time */
                    deadline_at ("EDGE-FIRST", "acknowledgement", "2027-02-28T23:00:00Z"),
                    /* 23:59:59 on 28 February */
                    deadline_at ("BEFORE", "acknowledgement", "2027-02-28T22:59:59Z"),
                    /* 00:00 on 12 April, summer time */
                    deadline_at ("AFTER", "assessment", "2027-04-11T22:00:00Z"),
                    /* 23:59:59 on 11 April */
                    deadline_at ("EDGE-LAST", "assessment", "2027-04-11T21:59:59Z"),
                    deadline_at ("EARLY", "fix-target", "2020-06-01T10:00:00Z"),
                    NULL);
  first = mp_calendar_month_new (policy, 2027, 3, list, 0);
  assert_day_refs (first, 0, "EDGE-FIRST");
  assert_day_refs (first, 41, "EDGE-LAST");
  g_assert_cmpuint (count_deadlines (first), ==, 2);

  /* Another month from the same list. */
  april = mp_calendar_month_new (policy, 2027, 4, list, 0);
  /* April's grid: 29 March (index 0) to 9 May; 11 April is index 13. */
  assert_day_refs (april, 13, "EDGE-LAST");
  assert_day_refs (april, 14, "AFTER");
  g_assert_cmpuint (count_deadlines (april), ==, 2);

  /* A deadline added to the list: Monday 15 March. */
  added = mp_deadline_new ("ADDED", "progress-update", instant ("2027-03-15T10:00:00Z"), 0);
  g_list_store_append (G_LIST_STORE (list), added);
  second = mp_calendar_month_new (policy, 2027, 3, list, 0);
  assert_day_refs (second, 14, "ADDED");
  g_assert_cmpuint (count_deadlines (second), ==, 3);

  /* And one taken away. */
  g_list_store_remove (G_LIST_STORE (list), 1);
  third = mp_calendar_month_new (policy, 2027, 3, list, 0);
  assert_day_refs (third, 0, "");
  assert_day_refs (third, 14, "ADDED");
  g_assert_cmpuint (count_deadlines (third), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/calendar-month/grid-shape", test_grid_shape);
  g_test_add_func ("/calendar-month/holidays", test_holidays);
  g_test_add_func ("/calendar-month/daylight-saving", test_daylight_saving);
  g_test_add_func ("/calendar-month/year-boundary", test_year_boundary);
  g_test_add_func ("/calendar-month/today-and-overdue", test_today_and_overdue);
  g_test_add_func ("/calendar-month/derived-deadlines", test_derived_deadlines);
  g_test_add_func ("/calendar-month/index-edges-and-changes", test_index_edges_and_changes);
  g_test_add_func ("/agenda/groups", test_agenda_groups);
  g_test_add_func ("/agenda/sunday-after-change", test_agenda_sunday_after_change);
  return g_test_run ();
}
