/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <sqlite3.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store.h"

#define PASSPHRASE "tulpen in de lente"

typedef struct
{
  char    *dir;
  char    *path;
  MpStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (mp_store_is_initialised (fixture->store));
  g_assert_true (mp_store_initialise (fixture->store, "  ICT Teamwork ", PASSPHRASE, &error));
  g_assert_no_error (error);
  mp_store_set_actor (fixture->store, "Test Handler");
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static MpStore *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (fixture->store);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_is_initialised (fixture->store));
  g_assert_true (mp_store_is_locked (fixture->store));
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
  return fixture->store;
}

static MpCase *
add_sample_case (MpStore    *store,
                 const char *title,
                 const char *received)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  g_assert_true (mp_case_set_value_string (draft, "title", title, &error));
  g_assert_true (mp_case_set_value_string (draft, "received_at", received, &error));
  g_assert_true (mp_case_set_value_string (draft, "asset", "https://portal.example.nl/", &error));
  g_assert_true (mp_case_set_value_string (draft, "reporter_name", "Zoë van der Berg", &error));
  g_assert_true (mp_case_set_value_string (draft, "reporter_email", "zoe@example.org", &error));
  g_assert_true (mp_case_set_value_string (draft, "description", "Line one\n  indented line two\n", &error));
  g_assert_no_error (error);
  /* Cleared defaults come back as the desk's defaults. */
  mp_case_set_text (draft, "reporter_language", NULL);
  mp_case_set_text (draft, "channel", NULL);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
test_migrate_and_reopen (Fixture       *fixture,
                         gconstpointer  data)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (mp_store_get_organisation (fixture->store), ==, "ICT Teamwork");
  g_assert_false (mp_store_is_locked (fixture->store));
  reopen (fixture);
  g_assert_cmpstr (mp_store_get_organisation (fixture->store), ==, "ICT Teamwork");

  /* The schema version and the connection settings of DESIGN.md. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, MP_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_create_read_update (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MpCase) first = add_sample_case (fixture->store, "XSS in search", "2026-11-20T09:15:00+01:00");
  g_autoptr(MpCase) second = add_sample_case (fixture->store, "Open directory", "2026-12-31T23:30:00+01:00");
  g_autoptr(MpCase) third = add_sample_case (fixture->store, "Old TLS", "2027-01-01T00:30:00+01:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;
  MpStore *store;
  MpCase *found;

  /* References count within the year of receipt, in the desk's time zone. */
  g_assert_cmpstr (mp_case_get_reference (first), ==, "CVD-2026-0001");
  g_assert_cmpstr (mp_case_get_reference (second), ==, "CVD-2026-0002");
  g_assert_cmpstr (mp_case_get_reference (third), ==, "CVD-2027-0001");
  g_assert_cmpstr (mp_case_get_reporter_language (third), ==, "nl");
  g_assert_cmpstr (mp_case_get_text (third, "channel"), ==, "email");
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 3);
  g_assert_true (mp_store_find_case (fixture->store, "cvd-2026-0002") == second);

  g_assert_true (mp_store_update_case (fixture->store, first, "impact", "Sessions taken over", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_update_case (fixture->store, first, "reporter_language", "en", &error));
  g_assert_true (mp_store_update_case (fixture->store, first, "reporter_wants_credit", "true", &error));
  g_assert_true (mp_store_update_case (fixture->store, first, "title", "  Reflected XSS  ", &error));
  g_assert_no_error (error);

  /* Refused changes leave the case as it was. */
  g_assert_false (mp_store_update_case (fixture->store, first, "reporter_email", "not an address", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mp_store_update_case (fixture->store, first, "reference", "CVD-2000-0001", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mp_store_update_case (fixture->store, first, "title", "   ", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (mp_case_get_reporter_email (first), ==, "zoe@example.org");

  g_assert_true (mp_store_set_answer (fixture->store, first, "assess.quality", "good", "Clear PoC", &error));
  g_assert_true (mp_store_set_answer (fixture->store, first, "reward.voucher_code", "GIFT-1234-5678", NULL, &error));
  g_assert_true (mp_store_add_event (fixture->store, first, "note", "Called the reporter",
                                     "They will retest on Monday", &error));
  g_assert_no_error (error);

  store = reopen (fixture);
  found = mp_store_find_case (store, "CVD-2026-0001");
  g_assert_nonnull (found);
  g_assert_cmpstr (mp_case_get_title (found), ==, "Reflected XSS");
  g_assert_cmpstr (mp_case_get_text (found, "impact"), ==, "Sessions taken over");
  g_assert_cmpstr (mp_case_get_reporter_language (found), ==, "en");
  g_assert_true (mp_case_get_boolean (found, "reporter_wants_credit"));
  g_assert_cmpstr (mp_case_get_answer_value (found, "assess.quality"), ==, "good");
  g_assert_cmpstr (mp_case_get_answer (found, "assess.quality")->note, ==, "Clear PoC");
  g_assert_cmpstr (mp_case_get_answer (found, "assess.quality")->actor, ==, "Test Handler");
  g_assert_cmpstr (mp_case_get_answer_value (found, "reward.voucher_code"), ==, "GIFT-1234-5678");

  /* Clearing an answer removes it. */
  g_assert_true (mp_store_set_answer (store, found, "assess.quality", NULL, NULL, &error));
  g_assert_null (mp_case_get_answer (found, "assess.quality"));

  events = mp_store_list_events (store, found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  {
    g_autoptr(MpEvent) event = g_list_model_get_item (events, 0);

    g_assert_cmpstr (mp_event_get_kind (event), ==, "note");
    g_assert_cmpstr (mp_event_get_body (event), ==, "They will retest on Monday");
    g_assert_cmpstr (mp_event_get_actor (event), ==, "Test Handler");
  }
}

static void
test_attachments (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Screenshot", "2026-11-20T09:15:00Z");
  g_autoptr(GBytes) content = NULL;
  g_autoptr(MpAttachment) attachment = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GBytes) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bytes = g_malloc (150000);

  for (guint i = 0; i < 150000; i++)
    bytes[i] = (guint8) (i * 7 + 3);
  content = g_bytes_new (bytes, 150000);
  attachment = mp_store_add_attachment (fixture->store, kase, "poc (1).png", "image/png", content, &error);
  g_assert_no_error (error);

  reopen (fixture);
  list = mp_store_list_attachments (fixture->store, mp_store_find_case (fixture->store, "CVD-2026-0001"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&attachment);
  attachment = g_list_model_get_item (list, 0);
  g_assert_cmpstr (mp_attachment_get_name (attachment), ==, "poc (1).png");
  g_assert_cmpstr (mp_attachment_get_mime_type (attachment), ==, "image/png");
  g_assert_cmpint (mp_attachment_get_size (attachment), ==, 150000);
  read = mp_store_read_attachment (fixture->store, attachment, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, content));
}

static void
test_confidential_round_trip (Fixture       *fixture,
                              gconstpointer  data)
{
  const MpCaseField *fields;
  guint n_fields;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpCase *found;

  mp_case_set_text (draft, "title", "Round trip");
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].confidential)
      {
        g_autofree char *value = g_strdup_printf ("%s: ünïcödé € 😀 \"quotes\" 'and' \n newline",
                                                  fields[i].name);

        if (g_str_equal (fields[i].name, "reporter_email"))
          mp_case_set_text (draft, fields[i].name, "ünï@example.org");
        else
          mp_case_set_text (draft, fields[i].name, value);
      }
  kase = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);

  reopen (fixture);
  found = mp_store_find_case (fixture->store, mp_case_get_reference (kase));
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].confidential)
      g_assert_cmpstr (mp_case_get_text (found, fields[i].name), ==,
                       mp_case_get_text (draft, fields[i].name));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_marker_not_on_disk (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *marker = "MARKER-7f3a9c-CONFIDENTIAL";
  const MpCaseField *fields;
  guint n_fields;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static (marker, strlen (marker));
  g_autoptr(MpAttachment) attachment = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (fixture->path, "-journal", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);

  mp_case_set_text (draft, "title", "Marker");
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].confidential)
      {
        g_autofree char *value = g_strdup_printf ("%s %s", fields[i].name, marker);

        mp_case_set_text (draft, fields[i].name,
                          g_str_equal (fields[i].name, "reporter_email") ? "m@example.org" : value);
      }
  kase = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.impact_notes", "x", marker, &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "reward.voucher_code", marker, NULL, &error));
  g_assert_true (mp_store_add_event (fixture->store, kase, "reply", "Reply", marker, &error));
  attachment = mp_store_add_attachment (fixture->store, kase, marker, "text/plain", content, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);

  /* While the WAL still holds the writes, and after they reach the file. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (file_contains (wal, marker));
  g_assert_false (file_contains (fixture->path, marker));
  g_assert_false (file_contains (journal, marker));
  g_assert_false (file_contains (backup, marker));
  reopen (fixture);
  g_assert_false (file_contains (fixture->path, marker));
  g_assert_false (file_contains (wal, marker));
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Kept", "2026-11-20T09:15:00Z");

  g_clear_object (&kase);
  g_assert_finalize_object (fixture->store);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (mp_store_unlock (fixture->store, "tulpen in de herfst", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (mp_store_is_locked (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 0);
}

static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static void
test_moved_ciphertext_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(MpCase) a = add_sample_case (fixture->store, "A", "2026-11-20T09:15:00Z");
  g_autoptr(MpCase) b = add_sample_case (fixture->store, "B", "2026-11-21T09:15:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_update_case (fixture->store, a, "impact", "impact of A", &error));
  g_clear_object (&a);
  g_clear_object (&b);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;

  /* The record of another case, with its version: bound to its row. Unlock
   * still succeeds; only the case it was put in is damaged, named and
   * read-only (issue 18). */
  sql (fixture->path, "UPDATE cases SET (record, version) = (SELECT record, version FROM cases"
                      " WHERE reference = 'CVD-2026-0001') WHERE reference = 'CVD-2026-0002'");
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
  a = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  b = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0002"));
  g_assert_null (mp_store_get_case_damage (fixture->store, a));
  g_assert_cmpstr (mp_case_get_impact (a), ==, "impact of A");
  g_assert_nonnull (mp_store_get_case_damage (fixture->store, b));
  g_assert_nonnull (strstr (mp_store_get_case_damage (fixture->store, b), "CVD-2026-0002"));
  g_assert_null (mp_case_get_title (b));
  g_assert_false (mp_store_update_case (fixture->store, b, "title", "B again", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_true (mp_store_update_case (fixture->store, a, "title", "A again", &error));
  g_assert_no_error (error);
  g_clear_object (&a);
  g_clear_object (&b);
  g_assert_finalize_object (fixture->store);
  fixture->store = NULL;

  /* A changed byte (one that was not zero already: the ciphertext is random). */
  sql (fixture->path, "UPDATE cases SET record = substr(record, 1, 30)"
                      " || CASE WHEN substr(record, 31, 1) = x'00' THEN x'01' ELSE x'00' END"
                      " || substr(record, 32) WHERE reference = 'CVD-2026-0001'");
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  a = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  g_assert_nonnull (mp_store_get_case_damage (fixture->store, a));
  g_clear_object (&a);
}

/* Inside a batch the audit head record is written once, at its end (or
 * when the trail is verified inside it); the trail must check out after a
 * batch that is kept, one that is dropped, and in the middle of one. */
/* A desk large enough that unlock loads it on two threads (the upper half
 * of the ids on a connection of its own): every case comes back, in order,
 * with its own texts, and an erased case (no key) among them. */
static void
test_unlock_many (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *cases;
  const guint n_cases = 600;
  guint erased = 417;

  g_assert_true (mp_store_begin_batch (fixture->store, &error));
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(MpCase) draft = mp_case_new ();
      g_autoptr(MpCase) kase = NULL;
      g_autofree char *title = g_strdup_printf ("Case number %u", i);
      g_autofree char *impact = g_strdup_printf ("Impact of case %u", i);
      g_autofree char *name = g_strdup_printf ("Reporter %u", i);

      mp_case_set_text (draft, "title", title);
      mp_case_set_text (draft, "impact", impact);
      mp_case_set_text (draft, "reporter_name", name);
      if (i % 7 == 0)
        mp_case_set_text (draft, "notes", "A note");
      g_assert_true (mp_case_set_value_string (draft, "received_at", "2026-11-20T09:15:00Z", &error));
      kase = mp_store_add_case (fixture->store, draft, &error);
      g_assert_no_error (error);
    }
  g_assert_true (mp_store_end_batch (fixture->store, &error));
  g_assert_no_error (error);
  {
    MpCase *kase = g_list_model_get_item (mp_store_get_cases (fixture->store), erased);

    g_assert_true (mp_store_set_answer (fixture->store, kase, "close.closed_on", "2026-11-21", NULL, &error));
    g_assert_no_error (error);
    if (mp_case_is_closed (kase))
      g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
    else
      erased = G_MAXUINT;
    g_assert_no_error (error);
    g_object_unref (kase);
  }

  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);

  cases = mp_store_get_cases (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, n_cases);
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      g_autofree char *title = g_strdup_printf ("Case number %u", i);
      g_autofree char *impact = g_strdup_printf ("Impact of case %u", i);
      g_autofree char *name = g_strdup_printf ("Reporter %u", i);

      g_assert_cmpstr (mp_case_get_title (kase), ==, title);
      if (i == erased)
        {
          g_assert_null (mp_case_get_text (kase, "impact"));
          g_assert_null (mp_case_get_reporter_name (kase));
          continue;
        }
      g_assert_cmpstr (mp_case_get_text (kase, "impact"), ==, impact);
      g_assert_cmpstr (mp_case_get_reporter_name (kase), ==, name);
      g_assert_cmpstr (mp_case_get_text (kase, "notes"), ==, i % 7 == 0 ? "A note" : NULL);
      g_assert_true (mp_store_find_case (fixture->store, mp_case_get_reference (kase)) == kase);
    }
  /* The store still writes (after the check) and reads answers lazily. */
  {
    g_autoptr(MpCase) last = g_list_model_get_item (cases, n_cases - 1);

    g_assert_true (mp_store_set_answer (fixture->store, last, "ack.sent_on", "2026-11-20", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (mp_case_get_answer_value (last, "ack.sent_on"), ==, "2026-11-20");
  }
}

static void
test_audit_batch (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Batched", "2026-11-20T09:15:00Z");
  g_autoptr(GError) error = NULL;
  guint n = 0, n2 = 0;
  gint64 bad = 0;

  g_assert_true (mp_store_verify_audit (fixture->store, &n, NULL, &bad, &error));
  g_assert_no_error (error);

  g_assert_true (mp_store_begin_batch (fixture->store, &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "ack.sent_on", "2026-11-20", NULL, &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "intake.complete", "yes", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_verify_audit (fixture->store, &n2, NULL, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n2, ==, n + 2);
  g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.owner", "Web team", "Ask Piet", &error));
  g_assert_true (mp_store_end_batch (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_verify_audit (fixture->store, &n2, NULL, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n2, ==, n + 3);

  /* A dropped batch leaves the trail (and its head) as it was. */
  g_assert_true (mp_store_begin_batch (fixture->store, &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.owner", "Mail team", NULL, &error));
  mp_store_abort_batch (fixture->store);
  g_assert_true (mp_store_verify_audit (fixture->store, &n, NULL, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n2);
  g_clear_object (&kase);
  kase = g_object_ref (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  g_assert_cmpstr (mp_case_get_answer_value (kase, "assess.owner"), ==, "Web team");

  /* And the next write outside a batch chains on. */
  g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.owner", "Mail team", NULL, &error));
  g_assert_true (mp_store_verify_audit (fixture->store, &n, NULL, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n2 + 1);

  /* The head record on file names the last entry. */
  g_clear_object (&kase);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_true (mp_store_verify_audit (fixture->store, &n2, NULL, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n2, ==, n);
}

static void
test_audit_chain (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Audited", "2026-11-20T09:15:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head2 = NULL;
  guint n = 0, n2 = 0;
  gint64 bad = 0;

  g_assert_true (mp_store_update_case (fixture->store, kase, "impact", "secret impact", &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "ack.sent_on", "2026-11-20", NULL, &error));
  g_assert_true (mp_store_set_setting (fixture->store, "desk.email", "security@example.nl", &error));
  g_assert_true (mp_store_verify_audit (fixture->store, &n, &head, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (strlen (head), ==, 64);

  /* Each change adds one entry and moves the head. */
  g_assert_true (mp_store_update_case (fixture->store, kase, "impact", "other", &error));
  g_assert_true (mp_store_verify_audit (fixture->store, &n2, &head2, &bad, &error));
  g_assert_cmpuint (n2, ==, n + 1);
  g_assert_cmpstr (head, !=, head2);

  /* The fingerprint is not the plaintext. */
  g_assert_false (file_contains (fixture->path, "secret impact"));

  g_clear_object (&kase);
  g_assert_finalize_object (fixture->store);
  sql (fixture->path, "UPDATE audit SET actor = 'Mallory' WHERE id = 3");
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_true (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_false (mp_store_verify_audit (fixture->store, &n, NULL, &bad, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT);
  g_assert_cmpint (bad, ==, 3);
}

static void
test_backup_restores_same_cases (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) copy = NULL;
  g_autoptr(MpCase) a = add_sample_case (fixture->store, "A", "2026-11-20T09:15:00Z");
  g_autoptr(MpCase) b = add_sample_case (fixture->store, "B", "2026-11-21T09:15:00Z");
  GListModel *original, *restored;

  g_assert_true (mp_store_backup (fixture->store, backup, &error));
  g_assert_no_error (error);
  copy = mp_store_open (backup, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock (copy, PASSPHRASE, &error));
  original = mp_store_get_cases (fixture->store);
  restored = mp_store_get_cases (copy);
  g_assert_cmpuint (g_list_model_get_n_items (restored), ==, g_list_model_get_n_items (original));
  for (guint i = 0; i < g_list_model_get_n_items (original); i++)
    {
      g_autoptr(MpCase) x = g_list_model_get_item (original, i);
      g_autoptr(MpCase) y = g_list_model_get_item (restored, i);

      g_assert_cmpstr (mp_case_get_reference (x), ==, mp_case_get_reference (y));
      g_assert_cmpstr (mp_case_get_description (x), ==, mp_case_get_description (y));
      g_assert_cmpstr (mp_case_get_reporter_name (x), ==, mp_case_get_reporter_name (y));
    }
}

static void
test_change_passphrase (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Kept", "2026-11-20T09:15:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_change_passphrase (fixture->store, "nieuwe zin", &error));
  g_assert_no_error (error);
  g_clear_object (&kase);
  g_assert_finalize_object (fixture->store);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_false (mp_store_unlock (fixture->store, PASSPHRASE, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (mp_store_unlock (fixture->store, "nieuwe zin", &error));
  g_assert_cmpstr (mp_case_get_description (mp_store_find_case (fixture->store, "CVD-2026-0001")), ==,
                   "Line one\n  indented line two\n");
}

static void
test_check_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_check_passphrase (fixture->store, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (mp_store_check_passphrase (fixture->store, "tulpen in de herfst", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  /* Checking leaves the store as it was, also while locked. */
  g_assert_false (mp_store_is_locked (fixture->store));
  mp_store_lock (fixture->store);
  g_assert_true (mp_store_check_passphrase (fixture->store, PASSPHRASE, &error));
  g_assert_true (mp_store_is_locked (fixture->store));
}

static void
test_unlock_with_key (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Keyring", "2026-11-20T09:15:00Z");
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(MpStore) other = NULL;
  g_autoptr(GBytes) other_key = NULL;
  gsize length;

  key = mp_store_export_key (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  length = g_bytes_get_size (key);
  text = g_strndup (g_bytes_get_data (key, NULL), length);
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpuint (strlen (text), ==, length);
  g_clear_object (&kase);

  /* Locked: nothing to export. */
  mp_store_lock (fixture->store);
  g_assert_null (mp_store_export_key (fixture->store, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* The right key opens every case after a reopen. */
  g_assert_finalize_object (fixture->store);
  fixture->store = mp_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_unlock_with_key (fixture->store, text, &error));
  g_assert_no_error (error);
  g_assert_false (mp_store_is_locked (fixture->store));
  g_assert_cmpstr (mp_case_get_description (mp_store_find_case (fixture->store, "CVD-2026-0001")), ==,
                   "Line one\n  indented line two\n");
  mp_store_lock (fixture->store);

  /* Another desk's key, a changed key and garbage are refused cleanly. */
  other_path = g_build_filename (fixture->dir, "other.db", NULL);
  other = mp_store_open (other_path, &error);
  g_assert_true (mp_store_initialise (other, "Other", PASSPHRASE, &error));
  other_key = mp_store_export_key (other, &error);
  g_assert_no_error (error);
  {
    g_autofree char *other_text = g_strndup (g_bytes_get_data (other_key, NULL),
                                             g_bytes_get_size (other_key));

    g_assert_false (mp_store_unlock_with_key (fixture->store, other_text, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
    g_assert_true (mp_store_is_locked (fixture->store));
  }
  text[0] = text[0] == 'A' ? 'B' : 'A';
  g_assert_false (mp_store_unlock_with_key (fixture->store, text, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (mp_store_unlock_with_key (fixture->store, "not base64 at all!", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (mp_store_unlock_with_key (fixture->store, "", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (mp_store_is_locked (fixture->store));
  g_assert_null (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  mp_store_lock (other);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_lock_drops_everything (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Locked", "2026-11-20T09:15:00Z");
  g_autoptr(GError) error = NULL;

  mp_store_lock (fixture->store);
  g_assert_true (mp_store_is_locked (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 0);
  g_assert_null (mp_store_find_case (fixture->store, "CVD-2026-0001"));
  g_assert_null (mp_store_list_events (fixture->store, kase, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (mp_store_update_case (fixture->store, kase, "impact", "x", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
}

static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  mp_store_unlock_finish (MP_STORE (object), result, error);
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NONE, "done");
}

static void
test_unlock_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Async", "2026-11-20T09:15:00Z");
  GError *error = NULL;

  mp_store_lock (fixture->store);
  mp_store_unlock_async (fixture->store, PASSPHRASE, NULL, unlock_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NONE);
  g_clear_error (&error);
  g_assert_false (mp_store_is_locked (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (fixture->store)), ==, 1);

  mp_store_lock (fixture->store);
  mp_store_unlock_async (fixture->store, "wrong", NULL, unlock_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  /* The worker thread lets go of its task (and so the store) a moment after
   * the callback ran. */
  while (g_atomic_int_get (&G_OBJECT (fixture->store)->ref_count) > 1)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The key id a case is sealed under, read from the file. */
static gint64
case_key_id (const char *path,
             const char *reference)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 key_id;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key_id FROM cases WHERE reference = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  key_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return key_id;
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  data)
{
  const char *marker = "ERASE-ME-5d2e";
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static (marker, strlen (marker));
  g_autoptr(MpAttachment) attachment = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  gint64 erased_key_id;
  const MpCaseField *fields;
  guint n_fields;
  MpCase *found;

  mp_case_set_text (draft, "title", "To be erased");
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].confidential && !g_str_equal (fields[i].name, "reporter_email"))
      mp_case_set_text (draft, fields[i].name, marker);
  mp_case_set_text (draft, "reporter_email", "erase-me-5d2e@example.org");
  kase = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (fixture->store, kase, "assess.quality", "good", marker, &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "reward.voucher_code", marker, NULL, &error));
  g_assert_true (mp_store_set_answer (fixture->store, kase, "reward.amount", "150.00", NULL, &error));
  g_assert_true (mp_store_add_event (fixture->store, kase, "reply", "Reporter replied", marker, &error));
  attachment = mp_store_add_attachment (fixture->store, kase, marker, "text/plain", content, &error);
  g_assert_no_error (error);

  /* An open case cannot be erased. */
  g_assert_false (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (mp_store_set_answer (fixture->store, kase, "close.closed_on", "2026-11-22", NULL, &error));
  g_assert_true (mp_case_is_closed (kase));
  erased_key_id = case_key_id (fixture->path, mp_case_get_reference (kase));
  g_assert_cmpint (erased_key_id, >, 0);
  g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_assert_true (mp_case_is_erased (kase));
  g_assert_null (mp_case_get_description (kase));

  g_assert_false (file_contains (fixture->path, marker));
  g_assert_false (file_contains (wal, marker));
  g_assert_false (file_contains (fixture->path, "erase-me-5d2e"));

  /* The record of what was decided stays, readable after a restart. */
  reopen (fixture);
  found = mp_store_find_case (fixture->store, mp_case_get_reference (kase));
  g_assert_nonnull (found);
  g_assert_true (mp_case_is_erased (found));
  g_assert_cmpstr (mp_case_get_title (found), ==, "To be erased");
  g_assert_cmpstr (mp_case_get_answer_value (found, "assess.quality"), ==, "good");
  g_assert_null (mp_case_get_answer (found, "assess.quality")->note);
  g_assert_cmpstr (mp_case_get_answer_value (found, "reward.amount"), ==, "150.00");
  g_assert_cmpstr (mp_case_get_answer_value (found, "reward.voucher_code"), ==, "");
  g_assert_null (mp_case_get_reporter_name (found));
  events = mp_store_list_events (fixture->store, found, &error);
  g_assert_no_error (error);
  {
    g_autoptr(MpEvent) event = g_list_model_get_item (events, 0);

    g_assert_cmpstr (mp_event_get_summary (event), ==, "Reporter replied");
    g_assert_null (mp_event_get_body (event));
  }

  /* Erased data cannot be changed or erased again; the chain still verifies. */
  g_assert_false (mp_store_update_case (fixture->store, found, "description", "new", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED);
  g_clear_error (&error);
  g_assert_false (mp_store_erase_case (fixture->store, found, &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED);
  g_clear_error (&error);
  g_assert_true (mp_store_verify_audit (fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The erased key's id is never given to a new case: another process may
   * still hold the old key under that id. */
  {
    g_autoptr(MpCase) next = add_sample_case (fixture->store, "After the erase",
                                              "2026-11-23T10:00:00+01:00");

    g_assert_cmpint (case_key_id (fixture->path, mp_case_get_reference (next)), >, erased_key_id);
  }
}

static GBytes *
wrapped_key (const char *path,
             gint64      key_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT wrapped FROM case_keys WHERE id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, key_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

static gboolean
file_contains_bytes (const char *path,
                     GBytes     *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, g_bytes_get_data (needle, NULL),
                 g_bytes_get_size (needle)) != NULL;
}

/* A reader in another connection holds the log during an erase: the erase
 * says that a copy of the erased key remains, and the next write finishes
 * the job. */
static void
test_erase_while_read (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Read elsewhere",
                                           "2026-11-20T09:15:00+01:00");
  g_autoptr(MpCase) next = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *reader = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (mp_store_set_answer (fixture->store, kase, "close.closed_on", "2026-11-22", NULL,
                                      &error));
  g_assert_no_error (error);
  key = wrapped_key (fixture->path, case_key_id (fixture->path, mp_case_get_reference (kase)));
  g_assert_cmpuint (g_bytes_get_size (key), >, 16);
  g_assert_true (file_contains_bytes (wal, key) || file_contains_bytes (fixture->path, key));

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &reader, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (reader, "SELECT count(*) FROM cases", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (reader, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_has_erase_pending (fixture->store));

  sqlite3_finalize (stmt);
  sqlite3_exec (reader, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (reader);
  next = add_sample_case (fixture->store, "The next change", "2026-11-23T09:15:00+01:00");
  g_assert_false (mp_store_has_erase_pending (fixture->store));
  g_assert_false (file_contains_bytes (wal, key));
  g_assert_false (file_contains_bytes (fixture->path, key));
}

/* An attachment too large for the desk is refused with the reason before
 * anything is read or written; it is a sparse file mapped, not memory. */
static void
test_attachment_too_large (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MpCase) kase = add_sample_case (fixture->store, "Huge proof",
                                           "2026-11-20T09:15:00+01:00");
  g_autofree char *path = g_build_filename (fixture->dir, "huge.bin", NULL);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GListModel) attachments = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (ftruncate (fd, MP_STORE_MAX_ATTACHMENT + 1));
  g_assert_no_errno (close (fd));
  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  content = g_mapped_file_get_bytes (mapped);

  g_assert_null (mp_store_add_attachment (fixture->store, kase, "capture.pcap", NULL, content,
                                          &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "capture.pcap"));
  g_assert_nonnull (strstr (error->message, "512.0\u00a0MiB"));
  attachments = mp_store_list_attachments (fixture->store, kase, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 0);
  g_unlink (path);
}

/* Opening a desk file that does not exist creates it; closing it again
 * before a desk is set up in it removes it, so that starting the
 * application and leaving leaves nothing behind. A desk set up in it,
 * here or by another process, keeps it. */
static void
test_unused_new_file_removed (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "new.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  MpStore *store;
  MpStore *other;

  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (mp_store_is_initialised (store));
  g_assert_finalize_object (store);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (store, "Desk", PASSPHRASE, &error));
  g_assert_finalize_object (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_unlink (wal);

  /* Set up through another connection while the first is open. */
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  other = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (other, "Desk", PASSPHRASE, &error));
  g_assert_finalize_object (other);
  g_assert_finalize_object (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A file that was there before is never removed, set up or not. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_unlink (wal);
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (mp_store_is_initialised (store));
  g_assert_finalize_object (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

typedef struct
{
  GThread  *notified_in;
  guint     n_notified;
  gboolean  initialised;
  GError   *error;
} InitialiseRun;

static void
on_locked_notify_cb (MpStore       *store,
                     GParamSpec    *pspec,
                     InitialiseRun *run)
{
  run->notified_in = g_thread_self ();
  run->n_notified++;
}

static gpointer
initialise_thread (gpointer data)
{
  MpStore *store = data;
  InitialiseRun *run = g_object_get_data (G_OBJECT (store), "run");

  run->initialised = mp_store_initialise (store, "ICT Teamwork", PASSPHRASE, &run->error);
  return NULL;
}

/* A desk created in a worker thread (key derivation keeps it off the
 * window's thread) tells its listeners in the thread that made the store:
 * widgets follow "locked" and must not be touched from another thread. */
static void
test_initialise_notifies_owner_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  g_autoptr(MpStore) store = NULL;
  InitialiseRun run = { 0 };
  GThread *thread;

  g_assert_no_error (error);
  store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (store), "run", &run);
  g_signal_connect (store, "notify::locked", G_CALLBACK (on_locked_notify_cb), &run);

  thread = g_thread_new ("initialise", initialise_thread, store);
  g_thread_join (thread);
  g_assert_no_error (run.error);
  g_assert_true (run.initialised);
  g_assert_false (mp_store_is_locked (store));
  /* Not yet: the news waits for this thread's main context. */
  g_assert_cmpuint (run.n_notified, ==, 0);
  while (run.n_notified == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run.notified_in == g_thread_self ());
  g_assert_cmpuint (run.n_notified, ==, 1);

  g_clear_object (&store);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/migrate-and-reopen", test_migrate_and_reopen);
  g_test_add_func ("/store/initialise-notifies-owner-thread", test_initialise_notifies_owner_thread);
  ADD ("/store/create-read-update", test_create_read_update);
  ADD ("/store/attachments", test_attachments);
  ADD ("/store/confidential-round-trip", test_confidential_round_trip);
  ADD ("/store/marker-not-on-disk", test_marker_not_on_disk);
  ADD ("/store/wrong-passphrase", test_wrong_passphrase);
  ADD ("/store/moved-ciphertext-refused", test_moved_ciphertext_refused);
  ADD ("/store/audit-chain", test_audit_chain);
  ADD ("/store/audit-batch", test_audit_batch);
  ADD ("/store/unlock-many", test_unlock_many);
  ADD ("/store/backup", test_backup_restores_same_cases);
  ADD ("/store/change-passphrase", test_change_passphrase);
  ADD ("/store/lock", test_lock_drops_everything);
  ADD ("/store/check-passphrase", test_check_passphrase);
  ADD ("/store/unlock-with-key", test_unlock_with_key);
  ADD ("/store/unlock-async", test_unlock_async);
  ADD ("/store/erase", test_erase);
  ADD ("/store/attachment-too-large", test_attachment_too_large);
  ADD ("/store/erase-while-read", test_erase_while_read);
  ADD ("/store/unused-new-file-removed", test_unused_new_file_removed);
#undef ADD

  return g_test_run ();
}
