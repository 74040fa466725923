/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * `meldpunt-cli deadlines --ics FILE` end to end, the file parsed back with
 * libical: one event per open deadline, UIDs stable across exports, times in
 * UTC without a time-zone id, no confidential text. The desk is
 * made through the store; the command runs as a separate process.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "mp-deadlines.h"
#include "mp-ics.h"
#include "mp-store.h"

typedef struct
{
  char    *dir;
  char    *db;
  MpStore *store;
  char    *first;     /* reference of the case received before the change to summer time */
  char    *met;       /* reference of the case whose acknowledgement was sent */
} Desk;

static MpCase *
add_case (MpStore    *store,
          const char *received,
          const char *marker)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strconcat ("Title ", marker, NULL);
  g_autofree char *reporter = g_strconcat ("Reporter ", marker, NULL);
  g_autofree char *asset = g_strconcat (marker, ".intranet.example.nl", NULL);
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "description", marker);
  mp_case_set_text (draft, "reporter_name", reporter);
  mp_case_set_text (draft, "reporter_email", "finder@example.org");
  mp_case_set_text (draft, "asset", asset);
  g_assert_true (mp_case_set_value_string (draft, "received_at", received, &error));
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  return kase;
}

static void
desk_set_up (Desk          *desk,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) first = NULL, second = NULL, third = NULL;

  desk->dir = g_dir_make_tmp ("meldpunt-cli-ics-XXXXXX", &error);
  g_assert_no_error (error);
  desk->db = g_build_filename (desk->dir, "desk.db", NULL);
  desk->store = mp_store_open (desk->db, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (desk->store, "Voorbeeld BV", "a test passphrase", &error));

  /* Friday 26 March 2027, 22:30 winter time: 72 hours later is Monday 29
   * March, 23:30 summer time. */
  first = add_case (desk->store, "2027-03-26T22:30:00+01:00", "SECRETMARKERONE");
  second = add_case (desk->store, "2026-12-30T10:00:00+01:00", "SECRETMARKERTWO");
  third = add_case (desk->store, "2027-06-01T09:00:00+02:00", "SECRETMARKERTHREE");
  g_assert_true (mp_store_set_answer (desk->store, third, "ack.sent_on", "2027-06-01",
                                      "SECRETMARKERNOTE", &error));
  g_assert_no_error (error);
  desk->first = g_strdup (mp_case_get_reference (first));
  desk->met = g_strdup (mp_case_get_reference (third));
}

static void
desk_tear_down (Desk          *desk,
                gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&desk->store);
  dir = g_dir_open (desk->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (desk->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (desk->dir);
  g_free (desk->dir);
  g_free (desk->db);
  g_free (desk->first);
  g_free (desk->met);
}

/* Runs meldpunt-cli; returns its exit status, the file's text in @text. */
static int
run_cli (Desk        *desk,
         const char  *language,
         char       **text)
{
  g_autofree char *path = g_build_filename (desk->dir, "deadlines.ics", NULL);
  g_autofree char *pass = g_build_filename (desk->dir, "pass", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (args, (char *) MELDPUNT_CLI);
  g_ptr_array_add (args, (char *) "--database");
  g_ptr_array_add (args, desk->db);
  /* The deadlines are sealed with their cases (issue 18). */
  g_assert_true (g_file_set_contents_full (pass, "a test passphrase\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  g_ptr_array_add (args, (char *) "--passphrase-file");
  g_ptr_array_add (args, pass);
  g_ptr_array_add (args, (char *) "deadlines");
  g_ptr_array_add (args, (char *) "--ics");
  g_ptr_array_add (args, path);
  if (language != NULL)
    {
      g_ptr_array_add (args, (char *) "--language");
      g_ptr_array_add (args, (char *) language);
    }
  g_ptr_array_add (args, NULL);

  g_remove (path);
  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("stderr: %s", err);
  if (text != NULL)
    g_file_get_contents (path, text, NULL, NULL);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The deadlines the export must hold, by UID-independent key
 * "REFERENCE KIND" → due moment (µs). */
static GHashTable *
expected_deadlines (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) open = mp_deadlines_list_open (desk->store, 0, 0, &error);
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (open); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (open, i);

      g_hash_table_insert (expected,
                           mp_ics_deadline_summary (mp_deadline_get_reference (deadline),
                                                    mp_deadline_get_kind (deadline), "en"),
                           GINT_TO_POINTER (1));
    }
  return expected;
}

static void
check_no_secrets (const char *text)
{
  static const char * const secrets[] = {
    "SECRETMARKER", "Reporter", "finder@example.org", "intranet.example.nl", "Title ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      if (strstr (text, secrets[i]) != NULL)
        g_error ("The calendar file contains “%s”", secrets[i]);
    }
}

static void
test_export (Desk          *desk,
             gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) expected = expected_deadlines (desk);
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  icalcomponent *calendar, *event;
  guint n_events = 0;
  gboolean found_first_ack = FALSE;
  g_autofree char *first_ack = mp_ics_deadline_summary (desk->first, "acknowledgement", "en");
  g_autofree char *met_ack = mp_ics_deadline_summary (desk->met, "acknowledgement", "en");

  /* Two open cases have at least an acknowledgement and an assessment. */
  g_assert_cmpuint (g_hash_table_size (expected), >=, 4);
  g_assert_false (g_hash_table_contains (expected, met_ack));

  g_assert_cmpint (run_cli (desk, NULL, &text), ==, 0);
  g_assert_nonnull (text);
  check_no_secrets (text);

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_null (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  g_assert_null (strstr (text, "TZID"));

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *summary = icalcomponent_get_summary (event);
      const char *uid = icalcomponent_get_uid (event);
      icalproperty *dtend = icalcomponent_get_first_property (event, ICAL_DTEND_PROPERTY);
      icalparameter *tzid = icalproperty_get_first_parameter (dtend, ICAL_TZID_PARAMETER);
      struct icaltimetype end = icalcomponent_get_dtend (event);

      g_test_message ("%s  %s  %s", uid, summary, icaltime_as_ical_string (end));
      g_assert_nonnull (uid);
      g_assert_false (g_hash_table_contains (uids, uid));
      g_hash_table_insert (uids, g_strdup (uid), g_strdup (summary));
      g_assert_true (g_hash_table_remove (expected, summary));
      g_assert_null (tzid);
      g_assert_true (icaltime_is_utc (end));

      if (g_str_equal (summary, first_ack))
        {
          /* Received Friday 26 March 2027, 22:30 winter time; due 72 hours
           * later across the change to summer time: Monday 29 March, 23:30
           * in Amsterdam, i.e. 21:30 UTC = 1806355800 seconds since the epoch. */
          g_assert_cmpint (end.year, ==, 2027);
          g_assert_cmpint (end.month, ==, 3);
          g_assert_cmpint (end.day, ==, 29);
          g_assert_cmpint (end.hour, ==, 21);
          g_assert_cmpint (end.minute, ==, 30);
          g_assert_cmpint (icaltime_as_timet (end), ==, 1806355800);
          found_first_ack = TRUE;
        }
      n_events++;
    }
  /* Every open deadline once, nothing else. */
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
  g_assert_cmpuint (n_events, ==, g_hash_table_size (uids));
  g_assert_true (found_first_ack);
  icalcomponent_free (calendar);

  /* Dutch summaries; the same UIDs for the same deadlines. */
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (run_cli (desk, "nl", &text), ==, 0);
  check_no_secrets (text);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  n_events = 0;
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      const char *english = g_hash_table_lookup (uids, icalcomponent_get_uid (event));
      g_autofree char *reference = NULL;

      g_assert_nonnull (english);
      /* The reference stays, the words change. */
      reference = g_strndup (english, strchr (english, ':') - english);
      g_assert_true (g_str_has_prefix (icalcomponent_get_summary (event), reference));
      g_assert_cmpstr (icalcomponent_get_summary (event), !=, english);
      n_events++;
    }
  g_assert_cmpuint (n_events, ==, g_hash_table_size (uids));
  g_assert_nonnull (strstr (text, "ontvangstbevestiging"));
  icalcomponent_free (calendar);
}

/* A UID names case and kind: acknowledging one case leaves the UIDs of the
 * other deadlines as they were, so calendars update instead of duplicating. */
static void
test_stable_uids (Desk          *desk,
                  gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar, *event;
  guint n_before = 0, n_after = 0;
  MpCase *first;

  g_assert_cmpint (run_cli (desk, "en", &before), ==, 0);
  calendar = icalparser_parse_string (before);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_hash_table_add (uids, g_strdup (icalcomponent_get_uid (event)));
      n_before++;
    }
  icalcomponent_free (calendar);

  first = mp_store_find_case (desk->store, desk->first);
  g_assert_true (mp_store_set_answer (desk->store, first, "ack.sent_on", "2027-03-27", NULL,
                                      &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (desk, "en", &after), ==, 0);
  calendar = icalparser_parse_string (after);
  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_true (g_hash_table_contains (uids, icalcomponent_get_uid (event)));
      n_after++;
    }
  icalcomponent_free (calendar);
  /* The acknowledgement is met and left out; nothing else changed. */
  g_assert_cmpuint (n_after, ==, n_before - 1);
}

static void
test_bad_language (Desk          *desk,
                   gconstpointer  data)
{
  g_assert_cmpint (run_cli (desk, "fr", NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/deadlines-ics/export", Desk, NULL, desk_set_up, test_export, desk_tear_down);
  g_test_add ("/cli/deadlines-ics/stable-uids", Desk, NULL, desk_set_up, test_stable_uids,
              desk_tear_down);
  g_test_add ("/cli/deadlines-ics/bad-language", Desk, NULL, desk_set_up, test_bad_language,
              desk_tear_down);
  return g_test_run ();
}
