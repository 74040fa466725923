/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Every date the desk shows, parses or compares is in the desk's time zone
 * (issue 17), not in the zone of the computer it runs on: a server in UTC,
 * a laptop that travelled. Each test puts the process in another zone than
 * the desk's (TZ), whatever zone the suite runs in, and pins the clock
 * (MELDPUNT_NOW) close to midnight, where the two zones' days differ.
 */
#include "config.h"

#include <string.h>

#include "mp-calendar-month.h"
#include "mp-calendar-view.h"
#include "mp-date-popover.h"
#include "mp-intake-dialog.h"
#include "mp-overview-page.h"
#include "mp-policy.h"
#include "mp-test-util.h"
#include "mp-ui-util.h"

typedef struct
{
  char    *dir;
  MpStore *store;
} Fixture;

/* Puts the process in @process_zone and checks that GLib follows: the
 * tests below mean nothing when the process and the desk share a zone. */
static void
set_process_zone (const char *process_zone)
{
  g_autoptr(GTimeZone) local = NULL;

  g_setenv ("TZ", process_zone, TRUE);
  local = g_time_zone_new_local ();
  g_assert_cmpstr (g_time_zone_get_identifier (local), ==, process_zone);
}

/* The desk's zone, set in its policy as the preferences do, and taken
 * into the desk context as the window does when the desk opens. */
static void
set_desk_zone (Fixture    *fixture,
               const char *desk_zone)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_set_policy (fixture->store, "timezone", desk_zone, &error));
  g_assert_no_error (error);
  mp_ui_follow_desk_policy (fixture->store);
  g_assert_cmpstr (mp_desk_context_get_timezone (mp_ui_get_desk_context ()), ==, desk_zone);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = mp_test_new_store (&fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  mp_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  /* The next test starts from the default desk again. */
  mp_desk_context_set_timezone (mp_ui_get_desk_context (), NULL);
}

static const char *
entry_text (GtkWidget  *dialog,
            const char *name)
{
  GObject *row = gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, name);

  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_entry (GtkWidget  *dialog,
           const char *name,
           const char *text)
{
  GObject *row = gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, name);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The intake form proposes the desk's date and time, and a time typed in
 * it is that time at the desk. */
static void
test_intake_time (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *cases = mp_store_get_cases (fixture->store);
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *received = NULL;
  GtkWidget *dialog;

  set_process_zone ("America/New_York");
  set_desk_zone (fixture, "Europe/Amsterdam");
  /* 10:00 at the desk (CET), 05:00 in New York */
  g_setenv ("MELDPUNT_NOW", "2026-03-10T09:00:00Z", TRUE);

  dialog = g_object_ref (GTK_WIDGET (mp_intake_dialog_new (NULL, fixture->store)));
  gtk_window_present (GTK_WINDOW (dialog));
  mp_test_wait_for_draw (dialog);
  g_assert_cmpstr (entry_text (dialog, "date_row"), ==, "2026-03-10");
  g_assert_cmpstr (entry_text (dialog, "time_row"), ==, "10:00");

  /* The reporter's message came in yesterday at 08:15, desk time. */
  set_entry (dialog, "title_row", "Open redirect on the login page");
  set_entry (dialog, "asset_row", "https://portal.example.nl/login");
  set_entry (dialog, "email_row", "sem@example.net");
  set_entry (dialog, "date_row", "2026-03-09");
  set_entry (dialog, "time_row", "08:15");
  g_assert_true (gtk_widget_activate_action (dialog, "intake.create", NULL));
  mp_test_wait_closed (GTK_WINDOW (g_steal_pointer (&dialog)));

  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  kase = g_list_model_get_item (cases, 0);
  received = mp_time_format_iso8601 (mp_case_get_received_at (kase));
  g_assert_cmpstr (received, ==, "2026-03-09T07:15:00Z");

  /* Corrected later, the form shows the same desk time again. */
  dialog = g_object_ref (GTK_WIDGET (mp_intake_dialog_new_for_case (NULL, fixture->store, kase)));
  g_assert_cmpstr (entry_text (dialog, "date_row"), ==, "2026-03-09");
  g_assert_cmpstr (entry_text (dialog, "time_row"), ==, "08:15");
  mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&dialog)));
}

typedef struct
{
  const char *desk_zone;
  const char *process_zone;
  const char *now;
  const char *desk_day;
  int         year, month, day;
} TodayCase;

/* Close to midnight the desk's day and the computer's differ, on either
 * side of the desk. */
static const TodayCase today_cases[] = {
  /* 00:30 on New Year's Day at the desk, still 18:30 on 31 December in New York */
  { "Europe/Amsterdam", "America/New_York", "2026-12-31T23:30:00Z", "2027-01-01", 2027, 1, 1 },
  /* 23:30 on 31 December at the desk, already 07:30 on 1 January in UTC */
  { "America/Los_Angeles", "UTC", "2027-01-01T07:30:00Z", "2026-12-31", 2026, 12, 31 },
};

/* "Today" is the desk's day: for a date field's month (it opens on today,
 * and its Today button) and for the Calendar page. */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (today_cases); i++)
    {
      const TodayCase *c = &today_cases[i];
      g_autofree char *today = NULL;
      g_autoptr(GDateTime) shown = NULL;
      GtkWidget *popover;
      GtkWidget *view;
      MpCalendarMonth *month;
      GDate date;
      int index;

      g_test_message ("desk in %s, process in %s", c->desk_zone, c->process_zone);
      set_process_zone (c->process_zone);
      set_desk_zone (fixture, c->desk_zone);
      g_setenv ("MELDPUNT_NOW", c->now, TRUE);

      today = mp_ui_today ();
      g_assert_cmpstr (today, ==, c->desk_day);

      popover = g_object_ref_sink (mp_date_popover_new ());
      mp_date_popover_set_date (MP_DATE_POPOVER (popover), NULL);
      shown = gtk_calendar_get_date (mp_date_popover_get_calendar (MP_DATE_POPOVER (popover)));
      g_assert_cmpint (g_date_time_get_year (shown), ==, c->year);
      g_assert_cmpint (g_date_time_get_month (shown), ==, c->month);
      g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, c->day);
      g_assert_finalize_object (popover);

      view = g_object_ref_sink (mp_calendar_view_new ());
      mp_calendar_view_set_store (MP_CALENDAR_VIEW (view), fixture->store);
      month = mp_calendar_view_get_month_model (MP_CALENDAR_VIEW (view));
      g_assert_cmpint (mp_calendar_month_get_year (month), ==, c->year);
      g_assert_cmpuint (mp_calendar_month_get_month (month), ==, (guint) c->month);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) c->day, (GDateMonth) c->month, (GDateYear) c->year);
      index = mp_calendar_month_find_date (month, &date);
      g_assert_cmpint (index, >=, 0);
      g_assert_true (mp_calendar_month_get_day (month, (guint) index)->today);
      mp_calendar_view_set_store (MP_CALENDAR_VIEW (view), NULL);
      g_assert_finalize_object (view);
    }
}

static MpCase *
add_rewarded_case (MpStore    *store,
                   const char *sent_on)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", "Stored XSS in the contact form");
  mp_case_set_text (draft, "asset", "portal.example.nl");
  mp_case_set_text (draft, "reporter_language", "en");
  mp_case_set_time (draft, "received_at", mp_time_now () - (gint64) 20 * 86400 * G_USEC_PER_SEC);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "reward.amount", "150.00", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "reward.sent_on", sent_on, NULL, &error));
  g_assert_no_error (error);
  return kase;
}

/* A reward granted at 23:30 on 31 December, desk time, counts in that
 * year's total, even where the computer already has New Year. */
static void
test_reward_year (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *today = NULL;
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *page = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkLabel *rewards;

  set_process_zone ("Asia/Tokyo");
  set_desk_zone (fixture, "Europe/Amsterdam");
  /* 23:30 on 31 December at the desk, 07:30 on 1 January in Tokyo */
  g_setenv ("MELDPUNT_NOW", "2026-12-31T22:30:00Z", TRUE);

  today = mp_ui_today ();
  g_assert_cmpstr (today, ==, "2026-12-31");
  kase = add_rewarded_case (fixture->store, today);
  g_assert_true (g_str_has_prefix (mp_case_get_reference (kase), "CVD-2026-"));

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), fixture->store);
  mp_test_wait_for_draw (window);
  g_assert_true (gtk_widget_get_mapped (page));
  rewards = GTK_LABEL (gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, "rewards_label"));
  g_assert_cmpstr (gtk_label_get_label (rewards), ==, "€150.00");

  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), NULL);
  mp_test_destroy_window (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  mp_test_init_ui (&argc, &argv, "en");

  g_test_add ("/ui/desk-zone/intake-time", Fixture, NULL,
              fixture_set_up, test_intake_time, fixture_tear_down);
  g_test_add ("/ui/desk-zone/today", Fixture, NULL,
              fixture_set_up, test_today, fixture_tear_down);
  g_test_add ("/ui/desk-zone/reward-year", Fixture, NULL,
              fixture_set_up, test_reward_year, fixture_tear_down);
  return g_test_run ();
}
