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

static void
test_ics_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = make_store (&dir);
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  icalcomponent *calendar, *event;
  guint n_events = 0;

  /* One in winter time, one in summer time: the wall-clock time differs. */
  add_case (store, "2026-01-15T10:00:00+01:00", "MARKER-ICS-1");
  add_case (store, "2026-07-15T10:00:00+02:00", "MARKER-ICS-2");
  all = mp_store_list_deadlines (store, NULL, &error);
  g_assert_no_error (error);
  /* Only the acknowledgements: their due moment is a fixed number of hours
   * after receipt, which is what this test checks the wall clock of. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (all, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), "acknowledgement"))
        g_list_store_append (deadlines, deadline);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (deadlines)), ==, 2);

  text = mp_ics_build (G_LIST_MODEL (deadlines), "Europe/Amsterdam", "en", &error);
  g_assert_no_error (error);
  g_assert_null (strstr (text, "MARKER-ICS"));
  g_assert_null (strstr (text, "secret-host"));
  g_assert_null (strstr (text, "Vulnerable"));

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype end = icalcomponent_get_dtend (event);
      const char *summary = icalcomponent_get_summary (event);
      const char *uid = icalcomponent_get_uid (event);
      icalproperty *dtend = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
      icalparameter *tzid = icalproperty_get_first_parameter (dtend, ICAL_TZID_PARAMETER);

      g_assert_false (g_hash_table_contains (uids, uid));
      g_hash_table_add (uids, g_strdup (uid));
      g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "/freeassociation.sourceforge.net/Europe/Amsterdam");
      /* Received at 10:00 local, acknowledgement 72 hours later: 10:00 local. */
      g_assert_cmpint (end.hour, ==, 10);
      g_assert_cmpint (end.minute, ==, 0);
      if (g_str_has_prefix (summary, "CVD-2026-0001"))
        {
          g_assert_cmpstr (summary, ==, "CVD-2026-0001: acknowledgement due");
          g_assert_cmpint (end.day, ==, 18);
          g_assert_cmpint (end.month, ==, 1);
          g_assert_cmpint (icaltime_as_timet_with_zone (end, icaltimezone_get_builtin_timezone ("Europe/Amsterdam")),
                           ==, 1768726800);
        }
      else
        {
          g_assert_cmpstr (summary, ==, "CVD-2026-0002: acknowledgement due");
          g_assert_cmpint (end.day, ==, 18);
          g_assert_cmpint (end.month, ==, 7);
        }
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, 2);
  icalcomponent_free (calendar);

  /* UIDs are stable across exports; the language changes only the words. */
  again = mp_ics_build (G_LIST_MODEL (deadlines), "Europe/Amsterdam", "nl", &error);
  g_assert_no_error (error);
  calendar = icalparser_parse_string (again);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_true (g_hash_table_contains (uids, icalcomponent_get_uid (event)));
      g_assert_nonnull (strstr (icalcomponent_get_summary (event), "ontvangstbevestiging"));
    }
  icalcomponent_free (calendar);

  g_assert_null (mp_ics_build (G_LIST_MODEL (deadlines), "Mars/Olympus_Mons", "en", &error));
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
