/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-derive.h"
#include "mp-policy.h"
#include "mp-store.h"
#include "mp-store-private.h"

/* Every expected moment below is worked out by hand from the calendar
 * (TZ Europe/Amsterdam: CET = UTC+1, CEST = UTC+2 from the last Sunday of
 * March to the last Sunday of October) and the default policy: 72 hours,
 * 3 working days, updates every 14 days, follow-up after 7 days, fix
 * targets 7/30/60/90 days, disclosure after 90 days, deletion 30 days after
 * closing. "End of day" is 23:59:59 local time. */

#define PASSPHRASE "tulpen in de lente"

typedef struct
{
  char    *dir;
  char    *path;
  MpStore *store;
} Fixture;

static void
set_now (const char *iso)
{
  g_setenv ("MELDPUNT_NOW", iso, TRUE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_now ("2026-11-02T12:00:00Z");
  fixture->dir = g_dir_make_tmp ("meldpunt-derive-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (fixture->store, "ICT Teamwork", PASSPHRASE, &error));
  g_assert_no_error (error);
  mp_store_set_actor (fixture->store, "Test Handler");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_finalize_object (fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_unsetenv ("MELDPUNT_NOW");
}

/* ---- helpers -------------------------------------------------------------- */

static MpCase *
add_case (MpStore    *store,
          const char *received)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  MpCase *kase;

  mp_case_set_text (draft, "title", "Reflected XSS in search");
  mp_case_set_text (draft, "description", "The q parameter is echoed without encoding.");
  g_assert_true (mp_case_set_value_string (draft, "received_at", received, &error));
  g_assert_no_error (error);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
answer (MpStore    *store,
        MpCase     *kase,
        const char *item,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  if (value != NULL)
    {
      g_assert_true (mp_checklist_validate_answer (item, value, &error));
      g_assert_no_error (error);
    }
  g_assert_true (mp_store_set_answer (store, kase, item, value, NULL, &error));
  g_assert_no_error (error);
}

static void
complete_scope (MpStore *store,
                MpCase  *kase)
{
  static const char * const methods[] = {
    "scope.method.social_engineering", "scope.method.physical", "scope.method.dos",
    "scope.method.spam", "scope.method.malware", "scope.method.backdoor",
    "scope.method.data_beyond_need", "scope.method.unrelated_changes",
    "scope.method.third_party_apps",
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  /* One write for the whole page, as the interface saves it. */
  g_ptr_array_add (items, (gpointer) "intake.complete");
  g_ptr_array_add (values, (gpointer) "yes");
  g_ptr_array_add (items, (gpointer) "scope.asset_owner");
  g_ptr_array_add (values, (gpointer) "ours");
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_ptr_array_add (items, (gpointer) methods[i]);
      g_ptr_array_add (values, (gpointer) "no");
    }
  g_ptr_array_add (items, (gpointer) "scope.personal_data");
  g_ptr_array_add (values, (gpointer) "yes");
  g_ptr_array_add (items, (gpointer) "scope.known");
  g_ptr_array_add (values, (gpointer) "no");
  g_ptr_array_add (items, (gpointer) "scope.outcome");
  g_ptr_array_add (values, (gpointer) "in-scope");
  g_ptr_array_add (items, (gpointer) "scope.rules_followed");
  g_ptr_array_add (values, (gpointer) "yes");
  g_ptr_array_add (items, NULL);
  g_ptr_array_add (values, NULL);
  g_assert_true (mp_store_set_answers (store, kase, (const char * const *) items->pdata,
                                       (const char * const *) values->pdata, NULL, &error));
  g_assert_no_error (error);
}

static MpDeadline *
find_deadline (MpStore    *store,
               MpCase     *kase,
               const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) deadlines = mp_store_list_deadlines (store, kase, &error);
  MpDeadline *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), kind))
        {
          g_assert_null (found);   /* at most one of each kind */
          found = g_object_ref (deadline);
        }
    }
  return found;
}

/* The stored due moment of @kind as ISO 8601, or NULL without one. */
static char *
due (MpStore    *store,
     MpCase     *kase,
     const char *kind)
{
  g_autoptr(MpDeadline) deadline = find_deadline (store, kase, kind);

  return deadline != NULL ? mp_time_format_iso8601 (mp_deadline_get_due_at (deadline)) : NULL;
}

static char *
met (MpStore    *store,
     MpCase     *kase,
     const char *kind)
{
  g_autoptr(MpDeadline) deadline = find_deadline (store, kase, kind);

  g_assert_nonnull (deadline);
  return mp_time_format_iso8601 (mp_deadline_get_met_at (deadline));
}

#define assert_due(store, kase, kind, expected) \
  G_STMT_START { \
    g_autofree char *due_ = due ((store), (kase), (kind)); \
    g_assert_cmpstr (due_, ==, (expected)); \
  } G_STMT_END

#define assert_met(store, kase, kind, expected) \
  G_STMT_START { \
    g_autofree char *met_ = met ((store), (kase), (kind)); \
    g_assert_cmpstr (met_, ==, (expected)); \
  } G_STMT_END

#define assert_next(kase, kind, expected) \
  G_STMT_START { \
    g_autofree char *next_ = mp_time_format_iso8601 (mp_case_get_next_due (kase)); \
    g_assert_cmpstr (mp_case_get_next_due_kind (kase), ==, (kind)); \
    g_assert_cmpstr (next_, ==, (expected)); \
  } G_STMT_END

/* ---- 72 hours and 3 working days ------------------------------------------ */

static void
test_christmas (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;

  /* Wednesday 23 December, 10:00 CET. 72 hours: Saturday 26th, 10:00 CET.
   * Working days: Thursday 24th (1); 25th and 26th are Christmas, then the
   * weekend; Monday 28th (2), Tuesday 29th (3). */
  set_now ("2026-12-23T09:30:00Z");
  kase = add_case (fixture->store, "2026-12-23T10:00:00+01:00");
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-26T09:00:00Z");
  assert_due (fixture->store, kase, "assessment", "2026-12-29T22:59:59Z");
  assert_next (kase, "acknowledgement", "2026-12-26T09:00:00Z");

  /* Recorded on the day it was sent: met at that moment. */
  set_now ("2026-12-24T08:15:00Z");
  answer (fixture->store, kase, "ack.sent_on", "2026-12-24");
  assert_met (fixture->store, kase, "acknowledgement", "2026-12-24T08:15:00Z");
  assert_next (kase, "assessment", "2026-12-29T22:59:59Z");

  /* Without the acknowledgement, a policy of a week for it turns the order
   * round: now the working days warn first. The stored case follows the
   * policy change at once. */
  answer (fixture->store, kase, "ack.sent_on", NULL);
  assert_next (kase, "acknowledgement", "2026-12-26T09:00:00Z");
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "168", &error));
  g_assert_no_error (error);
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-30T09:00:00Z");
  /* Deriving again changes nothing more. */
  g_assert_true (mp_store_refresh_derived (fixture->store, &error));
  g_assert_no_error (error);
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-30T09:00:00Z");
  assert_due (fixture->store, kase, "assessment", "2026-12-29T22:59:59Z");
  assert_next (kase, "assessment", "2026-12-29T22:59:59Z");
}

/* The store keeps the parsed policy between writes: each way the settings
 * change must reach the next derive. */
static void
test_policy_cache (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  sqlite3 *db = NULL;

  /* Tuesday 1 December 2026: 72 hours by default. */
  set_now ("2026-12-01T09:00:00Z");
  kase = add_case (fixture->store, "2026-12-01T10:00:00+01:00");
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-04T09:00:00Z");

  /* A change through the store: the very next write follows it. */
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "24", &error));
  g_assert_no_error (error);
  answer (fixture->store, kase, "assess.owner", "Web team");
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-02T09:00:00Z");

  /* A change inside a batch that is dropped again is dropped for derive too. */
  g_assert_true (mp_store_begin_batch (fixture->store, &error));
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "168", &error));
  g_assert_no_error (error);
  mp_store_abort_batch (fixture->store);
  g_clear_object (&kase);
  kase = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  answer (fixture->store, kase, "assess.owner", "Mail team");
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-02T09:00:00Z");

  /* A change by another program (the command line beside the desk). */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE settings SET value = '48' WHERE key = 'ack_hours'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
  answer (fixture->store, kase, "assess.owner", "Web team");
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-03T09:00:00Z");
}

/* A write rewrites only the deadlines that changed: one that no longer
 * applies goes, one that comes back is there once, the others stay. */
static void
test_deadline_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) deadlines = NULL;
  g_autofree char *follow_up = NULL;
  g_autofree char *gone = NULL;
  guint n_before;

  set_now ("2026-11-02T12:00:00Z");
  kase = add_case (fixture->store, "2026-11-02T09:00:00+01:00");
  deadlines = mp_store_list_deadlines (fixture->store, kase, &error);
  g_assert_no_error (error);
  n_before = g_list_model_get_n_items (deadlines);
  g_clear_object (&deadlines);

  answer (fixture->store, kase, "intake.complete", "no");
  answer (fixture->store, kase, "info.requested_on", "2026-11-03");
  assert_due (fixture->store, kase, "reporter-follow-up", "2026-11-10T22:59:59Z");
  deadlines = mp_store_list_deadlines (fixture->store, kase, &error);
  g_assert_cmpuint (g_list_model_get_n_items (deadlines), ==, n_before + 1);
  g_clear_object (&deadlines);

  /* Withdrawn: the follow-up goes, the rest stays as it was. */
  answer (fixture->store, kase, "info.requested_on", NULL);
  gone = due (fixture->store, kase, "reporter-follow-up");
  g_assert_null (gone);
  deadlines = mp_store_list_deadlines (fixture->store, kase, &error);
  g_assert_cmpuint (g_list_model_get_n_items (deadlines), ==, n_before);
  g_clear_object (&deadlines);
  assert_due (fixture->store, kase, "acknowledgement", "2026-11-05T08:00:00Z");

  /* Asked again, later: one follow-up, at the new date. */
  answer (fixture->store, kase, "info.requested_on", "2026-11-05");
  follow_up = due (fixture->store, kase, "reporter-follow-up");
  g_assert_cmpstr (follow_up, ==, "2026-11-12T22:59:59Z");
  deadlines = mp_store_list_deadlines (fixture->store, kase, &error);
  g_assert_cmpuint (g_list_model_get_n_items (deadlines), ==, n_before + 1);
}

static void
test_koningsdag (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MpCase) kase = NULL;

  /* Friday 24 April 2026, 12:00 CEST. 72 hours: Monday 27th 12:00 CEST,
   * Koningsdag — hours run on holidays. Working days skip it: Tuesday 28th
   * (1), Wednesday 29th (2), Thursday 30th (3). */
  set_now ("2026-04-24T10:30:00Z");
  kase = add_case (fixture->store, "2026-04-24T12:00:00+02:00");
  assert_due (fixture->store, kase, "acknowledgement", "2026-04-27T10:00:00Z");
  assert_due (fixture->store, kase, "assessment", "2026-04-30T21:59:59Z");
  assert_next (kase, "acknowledgement", "2026-04-27T10:00:00Z");
}

static void
test_daylight_saving (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MpCase) spring = NULL;
  g_autoptr(MpCase) autumn = NULL;

  /* Friday 27 March 2026, 10:00 CET; summer time starts on Sunday 29th.
   * 72 hours are 72 real hours: Monday 30th 09:00 UTC (11:00 CEST). The
   * third working day is Wednesday 1 April, ending at 23:59:59 CEST. */
  set_now ("2026-03-27T09:30:00Z");
  spring = add_case (fixture->store, "2026-03-27T10:00:00+01:00");
  assert_due (fixture->store, spring, "acknowledgement", "2026-03-30T09:00:00Z");
  assert_due (fixture->store, spring, "assessment", "2026-04-01T21:59:59Z");

  /* Friday 23 October 2026, 10:00 CEST; winter time starts on Sunday 25th.
   * The third working day, Wednesday 28th, ends at 23:59:59 CET. */
  set_now ("2026-10-23T08:30:00Z");
  autumn = add_case (fixture->store, "2026-10-23T10:00:00+02:00");
  assert_due (fixture->store, autumn, "acknowledgement", "2026-10-26T08:00:00Z");
  assert_due (fixture->store, autumn, "assessment", "2026-10-28T22:59:59Z");

  /* A fix date on the day of the change itself ends in winter time. */
  complete_scope (fixture->store, autumn);
  answer (fixture->store, autumn, "assess.fix_date", "2026-10-25");
  assert_due (fixture->store, autumn, "fix-target", "2026-10-25T22:59:59Z");
  answer (fixture->store, spring, "intake.complete", "yes");
  answer (fixture->store, spring, "assess.fix_date", "2026-03-29");
  assert_due (fixture->store, spring, "fix-target", "2026-03-29T21:59:59Z");
}

/* ---- every kind ----------------------------------------------------------- */

static void
test_every_kind (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) open = NULL;
  g_autoptr(MpCase) kase = NULL;

  /* Monday 2 November 2026, 09:00 CET. */
  kase = add_case (fixture->store, "2026-11-02T09:00:00+01:00");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "intake");
  assert_due (fixture->store, kase, "acknowledgement", "2026-11-05T08:00:00Z");
  assert_due (fixture->store, kase, "assessment", "2026-11-05T22:59:59Z");
  /* 90 days: 28 in November, 31 in December, 31 in January. */
  assert_due (fixture->store, kase, "disclosure", "2027-01-31T22:59:59Z");
  g_assert_null (due (fixture->store, kase, "reporter-follow-up"));
  g_assert_null (due (fixture->store, kase, "progress-update"));
  g_assert_null (due (fixture->store, kase, "fix-target"));
  g_assert_null (due (fixture->store, kase, "publication"));
  g_assert_null (due (fixture->store, kase, "data-deletion"));

  /* Waiting for the reporter: follow up 7 days after asking. */
  answer (fixture->store, kase, "intake.complete", "no");
  answer (fixture->store, kase, "info.requested_on", "2026-11-03");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "waiting");
  assert_due (fixture->store, kase, "reporter-follow-up", "2026-11-10T22:59:59Z");
  assert_met (fixture->store, kase, "reporter-follow-up", NULL);
  answer (fixture->store, kase, "info.received_on", "2026-11-04");
  assert_met (fixture->store, kase, "reporter-follow-up", "2026-11-04T22:59:59Z");

  complete_scope (fixture->store, kase);
  g_assert_cmpstr (mp_case_get_status (kase), ==, "acknowledgement");
  answer (fixture->store, kase, "ack.sent_on", "2026-11-02");
  assert_met (fixture->store, kase, "acknowledgement", "2026-11-02T12:00:00Z");

  /* Assessment: the promised fix date is the fix target. */
  answer (fixture->store, kase, "assess.reproduced", "yes");
  answer (fixture->store, kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
  answer (fixture->store, kase, "assess.quality", "good");
  answer (fixture->store, kase, "assess.owner", "Web team");
  answer (fixture->store, kase, "assess.fix_date", "2026-12-15");
  assert_due (fixture->store, kase, "fix-target", "2026-12-15T22:59:59Z");
  answer (fixture->store, kase, "assess.sent_on", "2026-11-04");
  assert_met (fixture->store, kase, "assessment", "2026-11-04T22:59:59Z");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "remediation");

  /* Progress updates every 14 days, from the assessment, then from the
   * last update. */
  assert_due (fixture->store, kase, "progress-update", "2026-11-18T22:59:59Z");
  answer (fixture->store, kase, "remed.last_update_on", "2026-11-16");
  assert_due (fixture->store, kase, "progress-update", "2026-11-30T22:59:59Z");
  assert_next (kase, "progress-update", "2026-11-30T22:59:59Z");

  /* Extensions move the fix target and the disclosure deadline. */
  answer (fixture->store, kase, "remed.fix_date_extended_to", "2027-01-10");
  answer (fixture->store, kase, "remed.extension_reason", "Supplier patch");
  assert_due (fixture->store, kase, "fix-target", "2027-01-10T22:59:59Z");
  answer (fixture->store, kase, "disclose.extended_to", "2027-02-28");
  answer (fixture->store, kase, "disclose.extension_reason", "Roll-out at customers");
  assert_due (fixture->store, kase, "disclosure", "2027-02-28T22:59:59Z");

  answer (fixture->store, kase, "remed.fixed_on", "2026-12-20");
  assert_met (fixture->store, kase, "fix-target", "2026-12-20T22:59:59Z");
  answer (fixture->store, kase, "remed.verified", "yes");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "reward");
  g_assert_null (due (fixture->store, kase, "progress-update"));

  /* Agreed publication. */
  answer (fixture->store, kase, "disclose.agreed_on", "2027-01-20");
  assert_due (fixture->store, kase, "publication", "2027-01-20T22:59:59Z");
  assert_met (fixture->store, kase, "publication", NULL);
  assert_met (fixture->store, kase, "disclosure", "2026-11-02T12:00:00Z");

  /* The open deadlines across open cases include this one's. */
  open = mp_deadlines_list_open (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  g_clear_object (&open);
  /* The calendar shows the same while the case is open and the
   * publication not yet settled. */
  open = mp_deadlines_list_for_calendar (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  g_clear_object (&open);

  /* Closed: data deletion 30 days after closing, met by our deletion. */
  answer (fixture->store, kase, "close.closed_on", "2027-01-25");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "closed");
  g_assert_cmpint (mp_case_get_closed_at (kase), !=, 0);
  assert_due (fixture->store, kase, "data-deletion", "2027-02-24T22:59:59Z");
  assert_next (kase, "data-deletion", "2027-02-24T22:59:59Z");
  answer (fixture->store, kase, "close.own_data_deleted_on", "2027-02-01");
  assert_met (fixture->store, kase, "data-deletion", "2027-02-01T22:59:59Z");
  assert_next (kase, NULL, NULL);

  /* Closed cases have no open deadlines (`deadlines` lists none)… */
  open = mp_deadlines_list_open (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 0);
  g_clear_object (&open);

  /* …but the calendar keeps the agreed publication date, as a settled one
   * that is never overdue (the advisory was not recorded). */
  open = mp_deadlines_list_for_calendar (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  {
    g_autoptr(MpDeadline) publication = g_list_model_get_item (open, 0);
    g_autofree char *text = mp_time_format_iso8601 (mp_deadline_get_due_at (publication));

    g_assert_cmpstr (mp_deadline_get_kind (publication), ==, "publication");
    g_assert_cmpstr (mp_deadline_get_reference (publication), ==, mp_case_get_reference (kase));
    g_assert_cmpstr (text, ==, "2027-01-20T22:59:59Z");
    g_assert_true (mp_deadline_is_met (publication));
    g_assert_false (mp_deadline_is_overdue (publication, G_MAXINT64));
  }
  g_clear_object (&open);
  g_assert_cmpuint (mp_store_count_overdue_deadlines (fixture->store, G_MAXINT64, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_fix_target_by_severity (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = mp_case_new ();
  g_autoptr(GError) error = NULL;
  static const struct { const char *severity; const char *due; } cases[] = {
    { "critical", "2026-11-09T22:59:59Z" },   /* 7 days */
    { "high", "2026-12-02T22:59:59Z" },       /* 30 days */
    { "medium", "2027-01-01T22:59:59Z" },     /* 60 days */
    { "low", "2027-01-31T22:59:59Z" },        /* 90 days */
    { "none", NULL },
    { NULL, NULL },
  };

  g_assert_true (mp_case_set_value_string (kase, "received_at", "2026-11-02T09:00:00+01:00", &error));
  g_assert_no_error (error);
  mp_case_set_text (kase, "reference", "CVD-2026-0001");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) deadlines = mp_deadlines_for_case (policy, kase, cases[i].severity);
      const char *found = NULL;
      g_autofree char *text = NULL;

      for (guint d = 0; d < deadlines->len; d++)
        {
          MpDeadline *deadline = g_ptr_array_index (deadlines, d);

          g_assert_cmpstr (mp_deadline_get_reference (deadline), ==, "CVD-2026-0001");
          if (g_str_equal (mp_deadline_get_kind (deadline), "fix-target"))
            {
              text = mp_time_format_iso8601 (mp_deadline_get_due_at (deadline));
              found = text;
            }
        }
      g_assert_cmpstr (found, ==, cases[i].due);

      /* The suggested fix date is that day in Amsterdam. */
      {
        g_autofree char *suggested = mp_deadlines_suggest_fix_date (policy, mp_case_get_received_at (kase),
                                                                    cases[i].severity);

        if (cases[i].due == NULL)
          g_assert_null (suggested);
        else
          g_assert_true (g_str_has_prefix (cases[i].due, suggested));
      }
    }

  /* Receipt late in the evening: the days count from the desk's day, in its
   * zone; summer time to winter time on the way. */
  {
    g_autoptr(MpCase) late = mp_case_new ();
    g_autofree char *critical = NULL;
    g_autofree char *low = NULL;
    g_autofree char *none = NULL;

    g_assert_true (mp_case_set_value_string (late, "received_at", "2026-10-20T23:30:00+02:00", &error));
    critical = mp_deadlines_suggest_fix_date (policy, mp_case_get_received_at (late), "critical");
    low = mp_deadlines_suggest_fix_date (policy, mp_case_get_received_at (late), "low");
    none = mp_deadlines_suggest_fix_date (policy, 0, "critical");
    g_assert_cmpstr (critical, ==, "2026-10-27");
    g_assert_cmpstr (low, ==, "2027-01-18");
    g_assert_null (none);
  }

  /* The policy's own numbers count. */
  g_assert_true (mp_policy_apply (policy, "fix_days.high", "14", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) deadlines = mp_deadlines_for_case (policy, kase, "high");
    gboolean seen = FALSE;

    for (guint d = 0; d < deadlines->len; d++)
      if (g_str_equal (mp_deadline_get_kind (g_ptr_array_index (deadlines, d)), "fix-target"))
        {
          g_autofree char *text = mp_time_format_iso8601 (mp_deadline_get_due_at (g_ptr_array_index (deadlines, d)));

          g_assert_cmpstr (text, ==, "2026-11-16T22:59:59Z");
          seen = TRUE;
        }
    g_assert_true (seen);
  }
}

/* The nine forbidden-method questions decide "Were the rules followed?":
 * all "no" records "yes", any "yes" records "no", and an answer given in the
 * same write wins. */
static void
test_rules_followed_from_methods (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_case (fixture->store, "2026-11-02T09:00:00Z");
  const char * const *methods = mp_checklist_get_method_items ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const MpAnswer *rules;
  guint n = 0;

  for (guint i = 0; methods[i] != NULL; i++, n++)
    {
      const MpChecklistItem *item = mp_checklist_lookup_item (methods[i]);

      g_assert_nonnull (item);
      g_assert_cmpint (item->step, ==, MP_STEP_SCOPE);
    }
  g_assert_cmpuint (n, ==, 9);
  {
    guint all;
    const MpChecklistItem *every = mp_checklist_get_all_items (&all);
    guint found = 0;

    for (guint i = 0; i < all; i++)
      found += g_str_has_prefix (every[i].id, "scope.method.");
    g_assert_cmpuint (found, ==, n);
  }

  /* Eight answered: nothing can be told yet. */
  for (guint i = 0; i + 1 < n; i++)
    answer (fixture->store, kase, methods[i], "no");
  g_assert_null (mp_derive_rules_followed (kase));
  g_assert_null (mp_case_get_answer_value (kase, "scope.rules_followed"));

  /* "Unknown" is not "no". */
  answer (fixture->store, kase, methods[n - 1], "unknown");
  g_assert_null (mp_case_get_answer_value (kase, "scope.rules_followed"));

  answer (fixture->store, kase, methods[n - 1], "no");
  g_assert_cmpstr (mp_derive_rules_followed (kase), ==, "yes");
  rules = mp_case_get_answer (kase, "scope.rules_followed");
  g_assert_nonnull (rules);
  g_assert_cmpstr (rules->value, ==, "yes");
  g_assert_cmpstr (rules->actor, ==, "Test Handler");
  g_assert_true (mp_checklist_rules_followed (kase));

  /* One method used turns it round. */
  answer (fixture->store, kase, "scope.method.dos", "yes");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.rules_followed"), ==, "no");
  g_assert_false (mp_checklist_rules_followed (kase));
  answer (fixture->store, kase, "scope.method.dos", "no");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.rules_followed"), ==, "yes");

  /* The desk may still record otherwise; a write that does not touch the
   * methods leaves that alone. */
  answer (fixture->store, kase, "scope.rules_followed", "no");
  answer (fixture->store, kase, "scope.personal_data", "no");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.rules_followed"), ==, "no");

  /* All nine "no" in one write, with an explicit answer in it: that wins. */
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (items, (gpointer) methods[i]);
      g_ptr_array_add (values, (gpointer) "no");
    }
  g_ptr_array_add (items, (gpointer) "scope.rules_followed");
  g_ptr_array_add (values, (gpointer) "no");
  g_ptr_array_add (items, NULL);
  g_ptr_array_add (values, NULL);
  g_assert_true (mp_store_set_answers (fixture->store, kase, (const char * const *) items->pdata,
                                       (const char * const *) values->pdata, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.rules_followed"), ==, "no");
}

static void
test_early_outcome (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_case (fixture->store, "2026-11-02T09:00:00+01:00");

  answer (fixture->store, kase, "scope.asset_owner", "third-party");
  g_assert_cmpstr (mp_case_get_outcome (kase), ==, "third-party");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "closure");
  /* No fix, no disclosure window: it is not ours. */
  g_assert_null (due (fixture->store, kase, "fix-target"));
  g_assert_null (due (fixture->store, kase, "disclosure"));
  /* The referral letter answers the report: P-ACK and P-ASSESS are met. */
  answer (fixture->store, kase, "close.final_letter_on", "2026-11-02");
  assert_met (fixture->store, kase, "acknowledgement", "2026-11-02T12:00:00Z");
  assert_met (fixture->store, kase, "assessment", "2026-11-02T12:00:00Z");
  answer (fixture->store, kase, "close.closed_on", "2026-11-03");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "closed");
  assert_due (fixture->store, kase, "data-deletion", "2026-12-03T22:59:59Z");
}

/* P-ACK is met by the first reply of any kind (issue 16): a request for more
 * information stops the 72-hour warning, and the assessment still waits for
 * its own letter. */
static void
test_first_reply_acknowledges (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(MpDeadline) assessment = NULL;

  set_now ("2026-12-23T09:30:00Z");
  kase = add_case (fixture->store, "2026-12-23T10:00:00+01:00");
  assert_next (kase, "acknowledgement", "2026-12-26T09:00:00Z");

  set_now ("2026-12-23T14:00:00Z");
  answer (fixture->store, kase, "info.requested_on", "2026-12-23");
  assert_met (fixture->store, kase, "acknowledgement", "2026-12-23T14:00:00Z");
  assessment = find_deadline (fixture->store, kase, "assessment");
  g_assert_cmpint (mp_deadline_get_met_at (assessment), ==, 0);
  g_assert_cmpstr (mp_case_get_next_due_kind (kase), !=, "acknowledgement");

  /* The acknowledgement sent later does not move the moment it was met. */
  set_now ("2026-12-24T08:15:00Z");
  answer (fixture->store, kase, "ack.sent_on", "2026-12-24");
  assert_met (fixture->store, kase, "acknowledgement", "2026-12-23T14:00:00Z");

  /* Taking the request back leaves the acknowledgement as the first reply. */
  answer (fixture->store, kase, "info.requested_on", NULL);
  assert_met (fixture->store, kase, "acknowledgement", "2026-12-24T08:15:00Z");
}

static void
test_severity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_case (fixture->store, "2026-11-02T09:00:00+01:00");

  complete_scope (fixture->store, kase);
  answer (fixture->store, kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
#if defined(__has_include) && __has_include("mp-cvss.h")
  /* 9.8: critical, so the fix target is 7 days after receipt until a fix
   * date is promised. */
  g_assert_cmpstr (mp_case_get_severity (kase), ==, "critical");
  assert_due (fixture->store, kase, "fix-target", "2026-11-09T22:59:59Z");
  /* 5.3: medium, 60 days. */
  answer (fixture->store, kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
  g_assert_cmpstr (mp_case_get_severity (kase), ==, "medium");
  assert_due (fixture->store, kase, "fix-target", "2027-01-01T22:59:59Z");
#else
  /* Without the CVSS engine the severity stays unknown. */
  g_assert_null (mp_case_get_severity (kase));
  g_assert_null (due (fixture->store, kase, "fix-target"));
#endif
  answer (fixture->store, kase, "assess.fix_date", "2026-11-20");
  assert_due (fixture->store, kase, "fix-target", "2026-11-20T22:59:59Z");
}

/* ---- recomputation and listing -------------------------------------------- */

static void
test_received_at_moves_deadlines (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = add_case (fixture->store, "2026-11-02T09:00:00+01:00");

  assert_due (fixture->store, kase, "assessment", "2026-11-05T22:59:59Z");
  g_assert_true (mp_store_update_case (fixture->store, kase, "received_at",
                                       "2026-12-23T10:00:00+01:00", &error));
  g_assert_no_error (error);
  assert_due (fixture->store, kase, "acknowledgement", "2026-12-26T09:00:00Z");
  assert_due (fixture->store, kase, "assessment", "2026-12-29T22:59:59Z");
  assert_next (kase, "acknowledgement", "2026-12-26T09:00:00Z");
}

static void
test_holiday_policy_change (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;

  /* Thursday 2 April 2026. Goede Vrijdag (3rd) is no holiday by default:
   * Friday 3rd (1), Tuesday 7th (2, after Tweede Paasdag), Wednesday 8th (3). */
  kase = add_case (fixture->store, "2026-04-02T10:00:00+02:00");
  assert_due (fixture->store, kase, "assessment", "2026-04-08T21:59:59Z");
  g_assert_true (mp_store_set_policy (fixture->store, "holidays.good_friday", "true", &error));
  g_assert_no_error (error);
  assert_due (fixture->store, kase, "assessment", "2026-04-09T21:59:59Z");

  /* The desk's time zone is policy too. */
  g_assert_true (mp_store_set_policy (fixture->store, "timezone", "UTC", &error));
  g_assert_no_error (error);
  assert_due (fixture->store, kase, "assessment", "2026-04-09T23:59:59Z");

  /* A setting written straight into the store is followed too. */
  g_assert_true (mp_store_set_setting (fixture->store, "assess_workdays", "1", &error));
  g_assert_no_error (error);
  assert_due (fixture->store, kase, "assessment", "2026-04-07T23:59:59Z");
}

static void
test_states_and_listing (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) some = NULL;
  g_autoptr(MpDeadline) ack = NULL;
  g_autoptr(MpDeadline) assess = NULL;
  g_autoptr(MpCase) late = NULL;
  g_autoptr(MpCase) early = NULL;
  gint64 from, to, previous = 0;

  late = add_case (fixture->store, "2026-11-04T09:00:00+01:00");
  early = add_case (fixture->store, "2026-11-02T09:00:00+01:00");
  answer (fixture->store, early, "ack.sent_on", "2026-11-02");

  ack = find_deadline (fixture->store, late, "acknowledgement");
  g_assert_cmpint (mp_deadlines_get_state (ack, mp_deadline_get_due_at (ack) - 1), ==,
                   MP_DEADLINE_STATE_OPEN);
  g_assert_cmpint (mp_deadlines_get_state (ack, mp_deadline_get_due_at (ack) + 1), ==,
                   MP_DEADLINE_STATE_OVERDUE);
  g_assert_cmpstr (mp_deadline_state_to_string (MP_DEADLINE_STATE_OVERDUE), ==, "overdue");
  g_clear_object (&ack);
  ack = find_deadline (fixture->store, early, "acknowledgement");
  g_assert_cmpint (mp_deadlines_get_state (ack, G_MAXINT64), ==, MP_DEADLINE_STATE_MET);

  /* Open deadlines only (the met acknowledgement is left out), by due. */
  all = mp_deadlines_list_open (fixture->store, 0, 0, &error);
  g_assert_no_error (error);
  /* late: ack, assessment, disclosure; early: assessment, disclosure */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (all, i);

      g_assert_false (mp_deadline_is_met (deadline));
      g_assert_cmpint (mp_deadline_get_due_at (deadline), >=, previous);
      previous = mp_deadline_get_due_at (deadline);
    }

  /* Between 5 and 7 November: early's assessment (5th, end of day),
   * late's acknowledgement (7th, 08:00 UTC). */
  g_assert_true (mp_time_parse_iso8601 ("2026-11-05T00:00:00+01:00", &from));
  g_assert_true (mp_time_parse_iso8601 ("2026-11-08T00:00:00+01:00", &to));

  /* The overdue count (the calendar's badge while hidden) counts what the
   * open list holds due before the moment. */
  {
    gint64 moments[] = { 0, from, to, G_MAXINT64 };

    for (guint m = 0; m < G_N_ELEMENTS (moments); m++)
      {
        guint expected = 0;

        for (guint i = 0; i < g_list_model_get_n_items (all); i++)
          {
            g_autoptr(MpDeadline) deadline = g_list_model_get_item (all, i);

            expected += mp_deadline_get_due_at (deadline) < moments[m];
          }
        g_assert_cmpuint (mp_store_count_overdue_deadlines (fixture->store, moments[m], &error), ==,
                          expected);
        g_assert_no_error (error);
      }
    g_assert_cmpuint (mp_store_count_overdue_deadlines (fixture->store, G_MAXINT64, NULL), ==, 5);
  }
  some = mp_deadlines_list_open (fixture->store, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (some), ==, 2);
  assess = g_list_model_get_item (some, 0);
  g_assert_cmpstr (mp_deadline_get_reference (assess), ==, mp_case_get_reference (early));
  g_assert_cmpstr (mp_deadline_get_kind (assess), ==, "assessment");
  g_clear_object (&assess);
  assess = g_list_model_get_item (some, 1);
  g_assert_cmpstr (mp_deadline_get_reference (assess), ==, mp_case_get_reference (late));
  g_assert_cmpstr (mp_deadline_get_kind (assess), ==, "acknowledgement");
}

static void
test_kinds (void)
{
  const char * const *kinds = mp_deadlines_list_kinds ();
  static const char * const contract[] = {
    "acknowledgement", "assessment", "progress-update", "reporter-follow-up", "fix-target",
    "disclosure", "publication", "data-deletion",
    "gdpr-authority", "gdpr-controller", "nis2-early-warning", "nis2-notification", "nis2-final",
    "cra-early-warning", "cra-notification", "cra-final",
  };

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, G_N_ELEMENTS (contract));
  for (guint i = 0; i < G_N_ELEMENTS (contract); i++)
    {
      g_assert_true (g_strv_contains (kinds, contract[i]));
      g_assert_nonnull (mp_deadlines_kind_get_label (contract[i]));
      g_assert_cmpint (mp_deadlines_kind_get_step (contract[i]), <, MP_N_STEPS);
    }
  g_assert_cmpint (mp_deadlines_kind_get_step ("acknowledgement"), ==, MP_STEP_ACKNOWLEDGEMENT);
  g_assert_cmpint (mp_deadlines_kind_get_step ("data-deletion"), ==, MP_STEP_CLOSURE);
  g_assert_cmpint (mp_deadlines_kind_get_step ("nonsense"), ==, MP_N_STEPS);
  /* The desk's own renewal (issue 24) has a name but belongs to no case's
   * step, and is not among the kinds of a case. */
  g_assert_cmpstr (mp_deadlines_kind_get_label ("security-txt-renewal"), ==, "Renew security.txt");
  g_assert_cmpint (mp_deadlines_kind_get_step ("security-txt-renewal"), ==, MP_N_STEPS);
  g_assert_false (g_strv_contains (kinds, "security-txt-renewal"));
}

static guint
count_audit (const char *path,
             const char *action)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = '%s'", action);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Opens the desk at @fixture's path again, as the next start of the
 * application does, and unlocks it. */
static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  mp_store_set_actor (fixture->store, "Test Handler");
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
}

/* Derivation is versioned: a desk whose derived state an older version of
 * the rules wrote is derived again at unlock, every case in one write with
 * one audit entry; a desk written by the current rules is left alone. */
static void
test_rules_version_upgrade (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) first = NULL;
  g_autoptr(MpCase) second = NULL;
  g_autofree char *first_status = NULL;
  g_autofree char *second_status = NULL;
  g_autofree char *head = NULL;
  guint n_entries = 0;
  const char *stale = "closed";

  set_now ("2026-12-01T09:00:00Z");
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
  first = add_case (fixture->store, "2026-12-01T10:00:00+01:00");
  second = add_case (fixture->store, "2026-11-20T10:00:00+01:00");
  answer (fixture->store, second, "ack.sent_on", "2026-11-21");
  first_status = g_strdup (mp_case_get_status (first));
  second_status = g_strdup (mp_case_get_status (second));
  g_assert_cmpstr (first_status, !=, stale);
  g_assert_cmpstr (second_status, !=, stale);
  /* A new desk is written by the current rules. */
  g_assert_cmpuint (count_audit (fixture->path, "derive.upgrade"), ==, 0);

  /* Stale under the current version: unlocking leaves it (and so shows
   * that the hook did write it). */
  g_assert_true (_mp_store_set_stale_derived (fixture->store, first, stale,
                                              MP_DERIVE_RULES_VERSION, &error));
  g_assert_no_error (error);
  g_clear_object (&first);
  g_clear_object (&second);
  reopen (fixture);
  first = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  g_assert_cmpstr (mp_case_get_status (first), ==, stale);
  g_assert_cmpuint (count_audit (fixture->path, "derive.upgrade"), ==, 0);

  /* Stale under an older version: derived again at unlock. */
  g_assert_true (_mp_store_set_stale_derived (fixture->store, first, stale,
                                              MP_DERIVE_RULES_VERSION - 1, &error));
  g_assert_no_error (error);
  g_clear_object (&first);
  reopen (fixture);
  first = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  second = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0002"));
  g_assert_cmpstr (mp_case_get_status (first), ==, first_status);
  g_assert_cmpstr (mp_case_get_status (second), ==, second_status);
  g_assert_cmpuint (count_audit (fixture->path, "derive.upgrade"), ==, 1);
  g_assert_true (mp_store_verify_audit (fixture->store, &n_entries, &head, NULL, &error));
  g_assert_no_error (error);

  /* Once: the next unlock finds the current version. */
  g_clear_object (&first);
  g_clear_object (&second);
  reopen (fixture);
  first = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  g_assert_cmpstr (mp_case_get_status (first), ==, first_status);
  g_assert_cmpuint (count_audit (fixture->path, "derive.upgrade"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/derive/christmas", test_christmas);
  ADD ("/derive/koningsdag", test_koningsdag);
  ADD ("/derive/daylight-saving", test_daylight_saving);
  ADD ("/derive/every-kind", test_every_kind);
  ADD ("/derive/early-outcome", test_early_outcome);
  ADD ("/derive/severity", test_severity);
  ADD ("/derive/first-reply-acknowledges", test_first_reply_acknowledges);
  ADD ("/derive/rules-followed-from-methods", test_rules_followed_from_methods);
  ADD ("/derive/received-at-moves-deadlines", test_received_at_moves_deadlines);
  ADD ("/derive/policy-change", test_holiday_policy_change);
  ADD ("/derive/policy-cache", test_policy_cache);
  ADD ("/derive/deadline-rows", test_deadline_rows);
  ADD ("/derive/states-and-listing", test_states_and_listing);
  ADD ("/derive/rules-version-upgrade", test_rules_version_upgrade);
  g_test_add_func ("/derive/fix-target-by-severity", test_fix_target_by_severity);
  g_test_add_func ("/derive/kinds", test_kinds);

#undef ADD
  return g_test_run ();
}
