/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Threading and deduplication of messages taken in (issue 22): replies by
 * header and by subject join their case, a message is taken in once, and a
 * case waiting for the reporter stops waiting when the reply comes.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-error.h"
#include "mp-mailbox.h"
#include "mp-store-mailbox.h"

#define NOW "2026-04-01T10:00:00Z"

typedef struct
{
  char    *dir;
  MpStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-thread-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "meldpunt.db", NULL);
  fixture->store = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_initialise (fixture->store, "Example Desk", "correct horse battery staple", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GBytes *
message (const char *message_id,
         const char *subject,
         const char *extra_headers,
         const char *body)
{
  g_autofree char *text =
    g_strdup_printf ("From: Sanne de Vries <sanne@example.org>\r\n"
                     "To: security@desk.example\r\n"
                     "Subject: %s\r\n"
                     "Date: Wed, 01 Apr 2026 09:00:00 +0200\r\n"
                     "%s%s%s"
                     "MIME-Version: 1.0\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n"
                     "\r\n%s\r\n",
                     subject,
                     message_id != NULL ? "Message-ID: " : "", message_id != NULL ? message_id : "",
                     message_id != NULL ? "\r\n" : "",
                     body);
  g_autofree char *all = g_strconcat (text, "", NULL);

  if (extra_headers != NULL)
    {
      /* the extra headers go right after Date: */
      g_autofree char *head = NULL;
      const char *split = strstr (text, "MIME-Version");

      head = g_strndup (text, split - text);
      g_free (all);
      all = g_strconcat (head, extra_headers, split, NULL);
    }
  return g_bytes_new (all, strlen (all));
}

static MpCase *
take_in (Fixture          *fixture,
         GBytes           *bytes,
         MpMailboxOutcome  expected)
{
  g_autoptr(GError) error = NULL;
  MpMailboxOutcome outcome = -1;
  MpCase *kase = mp_mailbox_take_in (fixture->store, bytes, 0, &outcome, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
  g_assert_cmpint (outcome, ==, expected);
  return kase;
}

static guint
count_events (Fixture    *fixture,
              MpCase     *kase,
              const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = mp_store_list_events (fixture->store, kase, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (mp_event_get_kind (event), kind) == 0)
        n++;
    }
  return n;
}

static guint
n_cases (Fixture *fixture)
{
  return g_list_model_get_n_items (mp_store_get_cases (fixture->store));
}

static void
test_new_and_duplicate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) report = message ("<report-1@example.org>", "XSS in the portal", NULL,
                                      "The search page reflects its input.");
  g_autoptr(MpCase) first = take_in (fixture, report, MP_MAILBOX_NEW);
  g_autoptr(MpCase) again = take_in (fixture, report, MP_MAILBOX_DUPLICATE);

  g_assert_true (again == first);
  g_assert_cmpuint (n_cases (fixture), ==, 1);
  g_assert_cmpuint (count_events (fixture, first, "import"), ==, 1);
}

static void
test_reply_by_header (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) report = message ("<report-2@example.org>", "SQL injection", NULL,
                                      "The login form is injectable.");
  g_autoptr(GBytes) reply = message ("<reply-2@example.org>", "Re: your question", /* no reference */
                                     "In-Reply-To: <letter-x@desk.example>\r\n"
                                     "References: <report-2@example.org> <letter-x@desk.example>\r\n",
                                     "Here are the steps to reproduce.");
  g_autoptr(GBytes) unrelated = message ("<other@example.org>", "Re: something else",
                                         "In-Reply-To: <unknown@example.org>\r\n",
                                         "A different report.");
  g_autoptr(MpCase) kase = take_in (fixture, report, MP_MAILBOX_NEW);
  g_autoptr(MpCase) joined = take_in (fixture, reply, MP_MAILBOX_REPLY);
  g_autoptr(MpCase) twice = take_in (fixture, reply, MP_MAILBOX_DUPLICATE);
  g_autoptr(MpCase) other = take_in (fixture, unrelated, MP_MAILBOX_NEW);

  g_assert_true (joined == kase);
  g_assert_true (twice == kase);
  g_assert_true (other != kase);
  g_assert_cmpuint (n_cases (fixture), ==, 2);
  g_assert_cmpuint (count_events (fixture, kase, "reply"), ==, 1);
}

static void
test_reply_to_letter (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) report = message (NULL, "Open redirect", NULL, "The redirect is open.");
  g_autoptr(GBytes) reply = message ("<reply-3@example.org>", "Re: our letter",
                                     "In-Reply-To: <meldpunt.1@desk.example>\r\n",
                                     "Thank you.");
  g_autoptr(MpCase) kase = take_in (fixture, report, MP_MAILBOX_NEW);
  g_autoptr(MpCase) joined = NULL;

  /* a letter the desk sent, remembered by its Message-ID */
  g_assert_true (mp_store_remember_message (fixture->store, kase, "<meldpunt.1@desk.example>",
                                            &error));
  g_assert_no_error (error);
  joined = take_in (fixture, reply, MP_MAILBOX_REPLY);
  g_assert_true (joined == kase);
  g_clear_object (&joined);
  /* without a Message-ID, known by its content */
  joined = take_in (fixture, report, MP_MAILBOX_DUPLICATE);
  g_assert_true (joined == kase);
}

static void
test_reply_by_subject (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) report = message ("<report-4@example.org>", "Exposed backup", NULL,
                                      "A backup file is downloadable.");
  g_autoptr(MpCase) kase = take_in (fixture, report, MP_MAILBOX_NEW);
  const char *reference = mp_case_get_reference (kase);
  const char *prefixes[] = { "Re: ", "Antw: ", "Fwd: ", "RE: [", "" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autofree char *subject = g_strdup_printf ("%sYour report %s%s", prefixes[i], reference,
                                                  g_str_has_suffix (prefixes[i], "[") ? "]" : "");
      g_autofree char *id = g_strdup_printf ("<subject-%u@example.org>", i);
      g_autoptr(GBytes) reply = message (id, subject, NULL, "More details.");
      g_autoptr(MpCase) joined = take_in (fixture, reply, MP_MAILBOX_REPLY);

      g_assert_true (joined == kase);
    }
  g_assert_cmpuint (n_cases (fixture), ==, 1);
  g_assert_cmpuint (count_events (fixture, kase, "reply"), ==, G_N_ELEMENTS (prefixes));
}

static void
test_subject_reference (void)
{
  g_autofree char *a = mp_mailbox_subject_reference ("Antw: Re: [cvd-2026-0012] vraag");
  g_autofree char *b = mp_mailbox_subject_reference ("XCVD-2026-0012 is not one");
  g_autofree char *c = mp_mailbox_subject_reference ("no reference");
  g_autofree char *d = mp_mailbox_subject_with_reference ("Your report", "CVD-2026-0001");
  g_autofree char *e = mp_mailbox_subject_with_reference ("Your report CVD-2026-0001", "CVD-2026-0001");
  g_autofree char *id = mp_mailbox_new_message_id ("Desk <security@desk.example>");

  g_assert_cmpstr (a, ==, "CVD-2026-0012");
  g_assert_null (b);
  g_assert_null (c);
  g_assert_cmpstr (d, ==, "Your report [CVD-2026-0001]");
  g_assert_cmpstr (e, ==, "Your report CVD-2026-0001");
  g_assert_true (g_str_has_prefix (id, "<meldpunt."));
  g_assert_true (g_str_has_suffix (id, "@desk.example>"));
}

static void
test_waiting_ends (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) report = message ("<report-5@example.org>", "Weak TLS", NULL, "TLS 1.0 on.");
  g_autoptr(MpCase) kase = take_in (fixture, report, MP_MAILBOX_NEW);
  g_autofree char *subject = g_strdup_printf ("Re: %s", mp_case_get_reference (kase));
  g_autoptr(GBytes) reply = message ("<reply-5@example.org>", subject, NULL, "The host is x.");
  g_autoptr(MpCase) joined = NULL;

  g_assert_true (mp_store_set_answer (fixture->store, kase, "info.requested_on", "2026-04-01",
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mp_checklist_is_waiting (kase));
  g_assert_cmpstr (mp_case_get_status (kase), ==, "waiting");

  joined = take_in (fixture, reply, MP_MAILBOX_REPLY);
  g_assert_true (joined == kase);
  g_assert_false (mp_checklist_is_waiting (kase));
  g_assert_cmpstr (mp_case_get_answer_value (kase, "info.received_on"), ==, "2026-04-01");
  g_assert_cmpstr (mp_case_get_status (kase), !=, "waiting");
}

static void
test_erased_case (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) report = message ("<report-7@example.org>", "Old finding", NULL, "Text.");
  g_autoptr(MpCase) kase = take_in (fixture, report, MP_MAILBOX_NEW);
  g_autofree char *subject = g_strdup_printf ("Re: %s", mp_case_get_reference (kase));
  g_autoptr(GBytes) reply = message ("<reply-7@example.org>", subject,
                                     "In-Reply-To: <report-7@example.org>\r\n", "One more thing.");
  g_autoptr(MpCase) other = NULL;

  g_assert_true (mp_store_set_answer (fixture->store, kase, "close.closed_on", "2026-04-01", NULL,
                                      &error));
  g_assert_true (mp_store_erase_case (fixture->store, kase, &error));
  g_assert_no_error (error);
  /* the erased case takes nothing more: a case of its own, not an error */
  other = take_in (fixture, reply, MP_MAILBOX_NEW);
  g_assert_true (other != kase);
  g_assert_cmpuint (n_cases (fixture), ==, 2);
}

static void
test_locked_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) report = message ("<report-6@example.org>", "Anything", NULL, "Text.");
  MpCase *kase;

  mp_store_lock (fixture->store);
  kase = mp_mailbox_take_in (fixture->store, report, 0, NULL, &error);
  g_assert_null (kase);
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static MpCase *
take_in_async (Fixture          *fixture,
               GFile            *file,
               GBytes           *bytes,
               MpMailboxOutcome  expected)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  MpMailboxOutcome outcome = -1;
  MpCase *kase;

  mp_mailbox_take_in_async (fixture->store, file, bytes, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  kase = mp_mailbox_take_in_finish (fixture->store, result, &outcome, &notes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  g_assert_nonnull (notes);
  g_assert_cmpint (outcome, ==, expected);
  return kase;
}

/* The window's path (issue 22): read in a worker, threaded as the mailbox
 * does, from a file or from bytes alike. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) report = message ("<report-7@example.org>", "Open redirect", NULL,
                                      "The login page redirects anywhere.");
  g_autoptr(GBytes) reply = message ("<reply-7@example.org>", "Re: Open redirect",
                                     "In-Reply-To: <report-7@example.org>\r\n", "Details.");
  g_autofree char *path = g_build_filename (fixture->dir, "report.eml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(MpCase) again = NULL;
  g_autoptr(MpCase) joined = NULL;

  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (report, NULL),
                                          g_bytes_get_size (report), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  kase = take_in_async (fixture, file, NULL, MP_MAILBOX_NEW);
  again = take_in_async (fixture, NULL, report, MP_MAILBOX_DUPLICATE);
  joined = take_in_async (fixture, NULL, reply, MP_MAILBOX_REPLY);
  g_assert_true (again == kase);
  g_assert_true (joined == kase);
  g_assert_cmpuint (n_cases (fixture), ==, 1);
  g_assert_cmpuint (count_events (fixture, kase, "reply"), ==, 1);
  g_remove (path);
}

/* Inside the caller's batch (import-eml's transactions): a second copy
 * finds the first before the batch ends, and an aborted batch keeps no
 * Message-ID, so the message is new again afterwards. */
static void
test_in_batch (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) report = message ("<report-8@example.org>", "Weak TLS", NULL, "TLS 1.0.");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpEmlReport) parsed = mp_eml_report_parse (report, 0, &error);
  MpMailboxOutcome outcome = -1;

  g_assert_no_error (error);
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(MpCase) first = NULL;
      g_autoptr(MpCase) second = NULL;

      g_assert_true (mp_store_begin_batch (fixture->store, &error));
      first = mp_mailbox_take_in_report (fixture->store, parsed, report, &outcome, &error);
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, MP_MAILBOX_NEW);
      second = mp_mailbox_take_in_report (fixture->store, parsed, report, &outcome, &error);
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, MP_MAILBOX_DUPLICATE);
      g_assert_true (second == first);
      g_assert_true (mp_store_in_batch (fixture->store));
      if (round == 0)
        {
          mp_store_abort_batch (fixture->store);
          g_assert_cmpuint (n_cases (fixture), ==, 0);
        }
      else
        g_assert_true (mp_store_end_batch (fixture->store, &error));
    }
  g_assert_cmpuint (n_cases (fixture), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MELDPUNT_NOW", NOW, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/mailbox/new-and-duplicate", test_new_and_duplicate);
  ADD ("/mailbox/reply-by-header", test_reply_by_header);
  ADD ("/mailbox/reply-to-letter", test_reply_to_letter);
  ADD ("/mailbox/reply-by-subject", test_reply_by_subject);
  ADD ("/mailbox/waiting-ends", test_waiting_ends);
  ADD ("/mailbox/erased-case", test_erased_case);
  ADD ("/mailbox/locked-refused", test_locked_refused);
  ADD ("/mailbox/async", test_async);
  ADD ("/mailbox/in-batch", test_in_batch);
  g_test_add_func ("/mailbox/subject-reference", test_subject_reference);

#undef ADD
  return g_test_run ();
}
