/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "mp-ics.h"
#include "mp-store.h"

static MpStore *
make_store (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  MpStore *store;

  *dir = g_dir_make_tmp ("meldpunt-ics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "desk.db", NULL);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", "pw", &error));
  return store;
}

static void
add_case (MpStore    *store,
          const char *received,
          const char *marker)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  mp_case_set_text (draft, "title", "Vulnerable host");
  g_assert_true (mp_case_set_value_string (draft, "received_at", received, &error));
  mp_case_set_text (draft, "description", marker);
  mp_case_set_text (draft, "reporter_name", marker);
  mp_case_set_text (draft, "asset", "secret-host.example.nl");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
}

/* The wall-clock time of @end in Amsterdam, as "YYYY-MM-DD HH:MM:SS". */
static char *
amsterdam_wall_clock (struct icaltimetype end)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Amsterdam");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (icaltime_as_timet (end));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static void
test_ics_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = make_store (&dir);
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) due = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  icalcomponent *calendar, *event;
  guint n_events = 0;
  guint n_end_of_day = 0;

  /* One in winter time, one in summer time: the wall-clock time differs. */
  add_case (store, "2026-01-15T10:00:00+01:00", "MARKER-ICS-1");
  add_case (store, "2026-07-15T10:00:00+02:00", "MARKER-ICS-2");
  deadlines = mp_store_list_deadlines (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      g_hash_table_insert (due, mp_ics_deadline_summary (mp_deadline_get_reference (deadline),
                                                         mp_deadline_get_kind (deadline), "en"),
                           GINT_TO_POINTER ((int) (mp_deadline_get_due_at (deadline)
                                                   / G_USEC_PER_SEC - 1700000000)));
    }
  g_assert_cmpuint (g_hash_table_size (due), >=, 4);

  text = mp_ics_build (deadlines, "Europe/Amsterdam", "en", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (text, "MARKER-ICS"));
  g_assert_null (strstr (text, "secret-host"));
  g_assert_null (strstr (text, "Vulnerable"));
  /* Every moment in UTC: no time-zone id anywhere, so no calendar can read a
   * UTC value as wall-clock time in a zone. */
  g_assert_null (strstr (text, "TZID"));
  g_assert_null (strstr (text, "VTIMEZONE"));
  g_assert_nonnull (strstr (text, "X-WR-TIMEZONE:Europe/Amsterdam"));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype end = icalcomponent_get_dtend (event);
      const char *summary = icalcomponent_get_summary (event);
      const char *uid = icalcomponent_get_uid (event);
      g_autofree char *wall = amsterdam_wall_clock (end);
      gpointer expected;

      g_test_message ("%s  %s  %s  %s", uid, summary, icaltime_as_ical_string (end), wall);
      g_assert_false (g_hash_table_contains (uids, uid));
      g_hash_table_add (uids, g_strdup (uid));
      g_assert_true (icaltime_is_utc (start));
      g_assert_true (icaltime_is_utc (end));
      /* The event ends at the very moment the deadline is due. */
      g_assert_true (g_hash_table_lookup_extended (due, summary, NULL, &expected));
      g_assert_cmpint (icaltime_as_timet (end) - 1700000000, ==, GPOINTER_TO_INT (expected));
      g_assert_cmpint (icaltime_as_timet (end) - icaltime_as_timet (start), ==, 30 * 60);

      /* Received at 10:00 local, acknowledgement 72 hours later: 10:00 local,
       * in winter time (+01:00) and in summer time (+02:00). */
      if (g_str_equal (summary, "CVD-2026-0001: acknowledgement due"))
        {
          g_assert_cmpstr (wall, ==, "2026-01-18 10:00:00");
          g_assert_cmpint (end.hour, ==, 9);
          g_assert_cmpint (icaltime_as_timet (end), ==, 1768726800);
        }
      else if (g_str_equal (summary, "CVD-2026-0002: acknowledgement due"))
        {
          g_assert_cmpstr (wall, ==, "2026-07-18 10:00:00");
          g_assert_cmpint (end.hour, ==, 8);
        }
      /* End-of-day deadlines end on their own day in Amsterdam, summer or
       * winter; in UTC that is 22:59:59 or 21:59:59. */
      if (g_str_has_suffix (summary, ": assessment due"))
        {
          g_assert_true (g_str_has_suffix (wall, " 23:59:59"));
          g_assert_cmpint (end.hour, ==, g_str_has_prefix (summary, "CVD-2026-0001") ? 22 : 21);
          n_end_of_day++;
        }
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, g_hash_table_size (due));
  g_assert_cmpuint (n_end_of_day, ==, 2);
  icalcomponent_free (calendar);

  /* UIDs are stable across exports; the language changes only the words. */
  again = mp_ics_build (deadlines, "Europe/Amsterdam", "nl", &error);
  g_assert_no_error (error);
  calendar = icalparser_parse_string (again);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_true (g_hash_table_contains (uids, icalcomponent_get_uid (event)));
      if (strstr (icalcomponent_get_summary (event), "ontvangstbevestiging") != NULL)
        n_events--;
    }
  g_assert_cmpuint (n_events, ==, g_hash_table_size (due) - 2);
  icalcomponent_free (calendar);

  g_assert_null (mp_ics_build (deadlines, "Mars/Olympus_Mons", "en", &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ics/round-trip", test_ics_round_trip);
  return g_test_run ();
}
