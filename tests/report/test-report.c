/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-letters.h"
#include "mp-report-private.h"

/* The dossier as a reader gets it: each test writes a PDF through the
 * public API and reads it back with poppler's pdftotext and pdfinfo. */

#define REPORTER_NAME   "Sanne Markervries"
#define REPORTER_EMAIL  "sanne.marker@example.org"
#define DESCRIPTION     "DESCMARKER the search page echoes its q parameter"
#define IMPACT          "IMPACTMARKER script in a customer's session"
#define REPRODUCTION    "REPROMARKER open the crafted link while logged in"
#define CASE_NOTES      "NOTESMARKER called the reporter back"
#define ANSWER_NOTE     "ANSWERNOTEMARKER checked with the owner"
#define EVENT_BODY      "EVENTBODYMARKER Dear reporter, thank you"
#define ATTACHMENT      "ATTACHMARKER-screenshot.png"
#define VOUCHER         "VOUCHERCODE7788"

static char *screenshots_dir;

typedef struct
{
  char    *dir;
  MpStore *store;
  MpCase  *kase;      /* owned by the store's model */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("meldpunt-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "desk.db", NULL);
  f->store = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_initialise (f->store, "Voorbeeld Groep B.V.", "correct horse battery", &error);
  g_assert_no_error (error);
  mp_store_set_actor (f->store, "Jan Behandelaar");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static MpCase *
add_case (Fixture    *f,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  gint64 received;

  g_assert_true (mp_time_parse_iso8601 ("2026-11-20T09:15:00+01:00", &received));
  mp_case_set_text (draft, "title", title);
  mp_case_set_time (draft, "received_at", received);
  mp_case_set_text (draft, "channel", "email");
  mp_case_set_text (draft, "asset", "https://portal.example.nl/search");
  mp_case_set_text (draft, "reporter_name", REPORTER_NAME);
  mp_case_set_text (draft, "reporter_email", REPORTER_EMAIL);
  mp_case_set_text (draft, "reporter_language", "nl");
  mp_case_set_boolean (draft, "reporter_wants_credit", TRUE);
  mp_case_set_text (draft, "description", DESCRIPTION);
  mp_case_set_text (draft, "impact", IMPACT);
  mp_case_set_text (draft, "reproduction", REPRODUCTION);
  mp_case_set_text (draft, "notes", CASE_NOTES);
  kase = mp_store_add_case (f->store, draft, &error);
  g_assert_no_error (error);
  /* The store keeps the case in its model. */
  return mp_store_find_case (f->store, mp_case_get_reference (kase));
}

static void
answer (Fixture    *f,
        const char *item,
        const char *value,
        const char *note)
{
  g_autoptr(GError) error = NULL;

  mp_store_set_answer (f->store, f->kase, item, value, note, &error);
  g_assert_no_error (error);
}

/* A case with something in every section. */
static void
fill_case (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG", 4);
  g_autoptr(MpAttachment) attachment = NULL;

  f->kase = add_case (f, "Reflected XSS in the customer portal search");
  answer (f, "intake.complete", "yes", NULL);
  answer (f, "scope.asset_owner", "ours", ANSWER_NOTE);
  answer (f, "scope.method.dos", "no", NULL);
  answer (f, "scope.personal_data", "no", NULL);
  answer (f, "scope.outcome", "in-scope", NULL);
  answer (f, "ack.sent_on", "2026-11-21", NULL);
  answer (f, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", NULL);
  answer (f, "assess.quality", "good", NULL);
  answer (f, "assess.fix_date", "2026-12-20", NULL);
  answer (f, "assess.sent_on", "2026-11-23", NULL);
  answer (f, "remed.fixed_on", "2026-12-01", NULL);
  answer (f, "remed.verified", "yes", NULL);
  answer (f, "reward.amount", "150.00", NULL);
  answer (f, "reward.kind", "Bol.com voucher", NULL);
  answer (f, "reward.voucher_code", VOUCHER, NULL);
  answer (f, "reward.sent_on", "2026-12-03", NULL);
  answer (f, "credit.wants", "yes", NULL);
  answer (f, "credit.name", REPORTER_NAME, NULL);
  answer (f, "disclose.agreed_on", "2027-01-15", NULL);
  answer (f, "close.delete_requested_on", "2026-12-01", NULL);
  answer (f, "close.delete_confirmed_on", "2026-12-02", NULL);

  mp_store_add_event (f->store, f->kase, "letter", "acknowledgement", EVENT_BODY, &error);
  g_assert_no_error (error);
  mp_store_add_event (f->store, f->kase, "reply", "The reporter confirms deletion", NULL, &error);
  g_assert_no_error (error);
  attachment = mp_store_add_attachment (f->store, f->kase, ATTACHMENT, "image/png", png, &error);
  g_assert_no_error (error);
}

/* ---- reading the PDF back ---------------------------------------------- */

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  return run (argv);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

/* The text of each page, with all white space taken out so that wrapping
 * does not matter. pdftotext ends every page with a form feed. */
static GPtrArray *
pdf_pages_text (const char *pdf)
{
  g_autofree char *text = pdf_text (pdf);
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; pages[i] != NULL; i++)
    {
      GString *compact;

      if (pages[i + 1] == NULL && *g_strstrip (pages[i]) == '\0')
        break;
      compact = g_string_new (NULL);
      for (const char *p = pages[i]; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (compact, *p);
      g_ptr_array_add (result, g_string_free (compact, FALSE));
    }
  return result;
}

static char *
compact (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
render (Fixture    *f,
        const char *name,
        const char *language,
        gboolean    redacted)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  MpReportOptions options;

  mp_report_options_init (&options);
  options.language = language;
  options.redacted = redacted;
  mp_report_render_pdf (f->store, f->kase, &options, path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Every page says "page N of M" with its own N and the real M. */
static void
assert_page_numbers (const char *pdf,
                     const char *language)
{
  g_autoptr(GPtrArray) pages = pdf_pages_text (pdf);
  guint n_pages = pdf_pages (pdf);

  g_assert_cmpuint (pages->len, ==, n_pages);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *expected = g_strcmp0 (language, "nl") == 0
                                    ? g_strdup_printf ("pagina%uvan%u", i + 1, n_pages)
                                    : g_strdup_printf ("page%uof%u", i + 1, n_pages);

      if (strstr (g_ptr_array_index (pages, i), expected) == NULL)
        g_error ("page %u of %s lacks “%s”", i + 1, pdf, expected);
    }
}

/* ---- the tests --------------------------------------------------------- */

static const char * const sections_en[] = {
  "CONFIDENTIAL", "Summary", "Reporter", "Report", "Timeline", "Checklist", "Deadlines",
  "Assessment", "Remediation", "Reward", "Credit", "Disclosure", "Data deletion", "Audit trail",
  NULL
};
static const char * const sections_nl[] = {
  "VERTROUWELIJK", "Samenvatting", "Melder", "Melding", "Tijdlijn", "Checklist", "Termijnen",
  "Beoordeling", "Herstel", "Beloning", "Vermelding", "Openbaarmaking",
  "Verwijdering van gegevens", "Audittrail", NULL
};

static void
test_sections (Fixture       *f,
               gconstpointer  data)
{
  const char *language = data;
  const char * const *sections = g_str_equal (language, "nl") ? sections_nl : sections_en;
  g_autofree char *name = g_strdup_printf ("dossier-%s.pdf", language);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *head = NULL;
  g_autofree char *head_grouped = NULL;
  g_autoptr(GError) error = NULL;
  guint n_entries;

  fill_case (f);
  pdf = render (f, name, language, FALSE);
  text = pdf_text (pdf);
  flat = compact (text);

  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autofree char *section = compact (sections[i]);

      if (strstr (flat, section) == NULL)
        g_error ("the %s dossier lacks the section “%s”", language, sections[i]);
    }

  /* The facts themselves. */
  g_assert_nonnull (strstr (flat, mp_case_get_reference (f->kase)));
  g_assert_nonnull (strstr (flat, "VoorbeeldGroepB.V."));
  g_assert_nonnull (strstr (flat, "SanneMarkervries"));
  g_assert_nonnull (strstr (flat, REPORTER_EMAIL));
  g_assert_nonnull (strstr (flat, "DESCMARKER"));
  g_assert_nonnull (strstr (flat, "EVENTBODYMARKER"));
  /* Checklist questions and choices from core's checklist, in the report's
   * language (the tests run with LANGUAGE=en). */
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl") ? "Vanwieishetgetroffensysteem?"
                                                               : "Whosesystemisaffected?"));
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl") ? "Vanons" : "Ours"));
  /* The letter's kind, as a reader knows it. */
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl")
                                    ? "Brief:Ontvangstbevestiging"
                                    : "Letter:Acknowledgementofreceipt"));
  g_assert_nonnull (strstr (flat, "ANSWERNOTEMARKER"));
  g_assert_nonnull (strstr (flat, "ATTACHMARKER"));
  g_assert_nonnull (strstr (flat, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"));
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl") ? "€150,00" : "€150.00"));
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl") ? "23november2026"
                                                               : "23November2026"));
  /* The score of this vector is 6.1 (FIRST's calculator), a medium one. */
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl") ? "CVSS-score6.1(Gemiddeld)"
                                                               : "CVSSscore6.1(Medium)"));
  /* Never the voucher code. */
  g_assert_null (strstr (flat, VOUCHER));

  /* The audit fingerprint is the chain's head, in groups of four. */
  mp_store_verify_audit (f->store, &n_entries, &head, NULL, &error);
  g_assert_no_error (error);
  head_grouped = g_strndup (head, 16);
  g_assert_nonnull (strstr (flat, head_grouped));

  assert_page_numbers (pdf, language);
}

static void
test_redacted (Fixture       *f,
               gconstpointer  data)
{
  const char *language = data;
  g_autofree char *name = g_strdup_printf ("redacted-%s.pdf", language);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  static const char * const secrets[] = {
    "Markervries", "sanne.marker", "DESCMARKER", "IMPACTMARKER", "REPROMARKER", "NOTESMARKER",
    "ANSWERNOTEMARKER", "EVENTBODYMARKER", "ATTACHMARKER", VOUCHER,
    /* the title, the affected system and a reply's summary name the problem */
    "portal.example.nl", "confirmsdeletion", NULL
  };

  fill_case (f);
  g_assert_nonnull (mp_case_get_title (f->kase));
  pdf = render (f, name, language, TRUE);
  text = pdf_text (pdf);
  flat = compact (text);

  for (guint i = 0; secrets[i] != NULL; i++)
    if (strstr (flat, secrets[i]) != NULL)
      g_error ("the redacted %s dossier shows “%s”", language, secrets[i]);
  {
    g_autofree char *title = compact (mp_case_get_title (f->kase));

    if (strstr (flat, title) != NULL)
      g_error ("the redacted %s dossier shows the title", language);
  }

  /* What it still shows. */
  g_assert_nonnull (strstr (flat, g_str_equal (language, "nl") ? "Geredigeerd–omtedelen"
                                                               : "Redacted–forsharing"));
  g_assert_nonnull (strstr (flat, mp_case_get_reference (f->kase)));
  g_assert_nonnull (strstr (flat, "CVSS:3.1/AV:N"));
  assert_page_numbers (pdf, language);
}

/* After erasure the record of what was decided stays, the details go. */
static void
test_erased (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  /* The name to publish (credit.name) is public by nature and stays. */
  static const char * const secrets[] = {
    "sanne.marker", "DESCMARKER", "IMPACTMARKER", "REPROMARKER", "NOTESMARKER",
    "EVENTBODYMARKER", VOUCHER, NULL
  };

  fill_case (f);
  answer (f, "close.closed_on", "2026-12-05", NULL);
  g_assert_true (mp_case_is_closed (f->kase));
  mp_store_erase_case (f->store, f->kase, &error);
  g_assert_no_error (error);

  pdf = render (f, "erased.pdf", "en", FALSE);
  text = pdf_text (pdf);
  flat = compact (text);
  for (guint i = 0; secrets[i] != NULL; i++)
    if (strstr (flat, secrets[i]) != NULL)
      g_error ("the erased dossier shows “%s”", secrets[i]);
  g_assert_nonnull (strstr (flat, "Erased"));
  g_assert_null (strstr (flat, "Anonymous"));
  g_assert_nonnull (strstr (flat, "wereerasedon"));
  g_assert_nonnull (strstr (flat, "CVSS:3.1/AV:N"));
  assert_page_numbers (pdf, "en");
}

#define N_ROWS 500

static void
test_long_timeline (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GString) long_body = g_string_new (NULL);
  g_autofree char *pdf = NULL;
  guint pages_with_rows = 0;
  static const char * const header[] = { "When", "What", "Who", "Details" };

  f->kase = add_case (f, "A case with a very long timeline");
  mp_store_begin_batch (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ROWS; i++)
    {
      /* Long enough to wrap over several lines in its column, and of
       * varying length, so that page ends fall at different places. */
      g_autofree char *filler = g_strnfill ((i * 7) % 60, 'x');
      g_autofree char *summary = g_strdup_printf ("ROW%03uBEGIN progress update to the reporter "
                                                  "about the fix of the affected portal %s "
                                                  "ROW%03uEND", i, filler, i);

      mp_store_add_event (f->store, f->kase, "progress-update", summary, NULL, &error);
      g_assert_no_error (error);
    }
  /* One entry whose text is longer than a page: it splits between lines. */
  for (guint i = 0; i < 140; i++)
    g_string_append_printf (long_body, "LONGLINE%03u of a very long letter\n", i);
  mp_store_add_event (f->store, f->kase, "letter", "A very long letter", long_body->str, &error);
  g_assert_no_error (error);
  mp_store_end_batch (f->store, &error);
  g_assert_no_error (error);

  pdf = render (f, "long.pdf", "en", FALSE);
  pages = pdf_pages_text (pdf);
  g_assert_cmpuint (pages->len, ==, pdf_pages (pdf));
  g_assert_cmpuint (pages->len, >, 10);
  assert_page_numbers (pdf, "en");

  /* No row is cut: each row's beginning and end are on one page, once. */
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *begin = g_strdup_printf ("ROW%03uBEGIN", i);
      g_autofree char *end = g_strdup_printf ("ROW%03uEND", i);
      guint found = 0;

      for (guint p = 0; p < pages->len; p++)
        {
          const char *page = g_ptr_array_index (pages, p);
          guint n_begin = count_occurrences (page, begin);
          guint n_end = count_occurrences (page, end);

          if (n_begin != n_end)
            g_error ("row %u is cut at the end of page %u", i, p + 1);
          found += n_begin;
        }
      g_assert_cmpuint (found, ==, 1);
    }

  /* The table's header row is repeated on every page the table is on
   * (pdftotext reads an empty column's header out of order). */
  for (guint p = 0; p < pages->len; p++)
    {
      const char *page = g_ptr_array_index (pages, p);

      if (strstr (page, "ROW") == NULL && strstr (page, "LONGLINE") == NULL)
        continue;
      pages_with_rows++;
      for (guint h = 0; h < G_N_ELEMENTS (header); h++)
        if (strstr (page, header[h]) == NULL)
          g_error ("page %u continues the timeline without its header (%s)", p + 1, header[h]);
    }
  g_assert_cmpuint (pages_with_rows, >, 10);

  /* The long entry is split by lines: every line once, none lost. */
  for (guint i = 0; i < 140; i++)
    {
      g_autofree char *line = g_strdup_printf ("LONGLINE%03uofaverylongletter", i);
      guint found = 0;

      for (guint p = 0; p < pages->len; p++)
        found += count_occurrences (g_ptr_array_index (pages, p), line);
      if (found != 1)
        g_error ("line %u of the long entry appears %u times", i, found);
    }
}

static void
test_paper_and_pages (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) a4 = NULL;
  g_autoptr(MpReport) letter = NULL;
  MpReportOptions options;
  double width, height;

  fill_case (f);
  mp_report_options_init (&options);
  a4 = mp_report_new_case (f->store, f->kase, &options, &error);
  g_assert_no_error (error);
  mp_report_get_page_size (a4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.3, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 841.9, 0.5);

  options.paper = MP_REPORT_PAPER_LETTER;
  letter = mp_report_layout (f->store, f->kase, &options, &error);
  g_assert_no_error (error);
  mp_report_get_page_size (letter, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612.0, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 792.0, 0.5);
  g_assert_cmpuint (mp_report_get_n_pages (letter), >=, 1);

  /* Drawing onto any cairo context, as a print operation does. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 420);
    cairo_t *cr = cairo_create (surface);

    for (guint i = 0; i < mp_report_get_n_pages (a4); i++)
      mp_report_draw_page (a4, cr, i, 300, 420);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  options.language = "de";
  g_assert_null (mp_report_new_case (f->store, f->kase, &options, &error));
  g_assert_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_INVALID);
}

typedef struct
{
  gboolean  done;
  GError   *error;
} AsyncDone;

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncDone *done = user_data;

  mp_report_render_pdf_finish (result, &done->error);
  done->done = TRUE;
}

static void
paginated_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  MpReportOptions options;
  AsyncDone done = { FALSE, NULL };

  fill_case (f);
  path = g_build_filename (f->dir, "async.pdf", NULL);
  mp_report_options_init (&options);
  options.language = "nl";
  mp_report_render_pdf_async (f->store, f->kase, &options, path, NULL, render_done_cb, &done);
  while (!done.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (done.error);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Samenvatting"));

  /* Paginating in a worker, as a print operation would before it starts. */
  {
    g_autoptr(MpReport) report = mp_report_new_case (f->store, f->kase, &options, NULL);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (report);
    mp_report_paginate_async (report, NULL, paginated_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (mp_report_paginate_finish (report, result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (mp_report_get_n_pages (report), ==, pdf_pages (path));
  }
}

static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  const char *language = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  MpReportOptions options;
  MpCase *second;

  fill_case (f);
  second = add_case (f, "Second case, not yet acknowledged");
  mp_report_options_init (&options);
  options.language = language;
  report = mp_report_new_period (f->store, "2026-01-01", "2026-12-31", &options, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "period.pdf", NULL);
  mp_report_write_pdf (report, path, &error);
  g_assert_no_error (error);
  text = pdf_text (path);
  flat = compact (text);

  g_assert_nonnull (strstr (flat, mp_case_get_reference (f->kase)));
  g_assert_nonnull (strstr (flat, mp_case_get_reference (second)));
  if (g_str_equal (language, "nl"))
    {
      g_assert_nonnull (strstr (flat, "Perioderapportage"));
      g_assert_nonnull (strstr (flat, "Ontvangenzaken2"));
      /* Acknowledged after 1 day (received 20 November, sent 21 November). */
      g_assert_nonnull (strstr (flat, "Medianetijdtotontvangstbevestiging1dag(1zaak)"));
      g_assert_nonnull (strstr (flat, "€150,00(1zaak)"));
    }
  else
    {
      g_assert_nonnull (strstr (flat, "Periodreport"));
      g_assert_nonnull (strstr (flat, "Casesreceived2"));
      g_assert_nonnull (strstr (flat, "Mediantimetoacknowledge1day(1case)"));
      g_assert_nonnull (strstr (flat, "Mediantimetofix11days(1case)"));
      g_assert_nonnull (strstr (flat, "€150.00(1case)"));
    }
  assert_page_numbers (path, language);

  /* A period outside every case, and a reversed one. */
  g_clear_object (&report);
  report = mp_report_new_period (f->store, "2020-01-01", "2020-12-31", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_report_get_n_pages (report), ==, 1);
  g_clear_object (&report);
  report = mp_report_new_period (f->store, "2026-12-31", "2026-01-01", &options, &error);
  g_assert_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_INVALID);
  g_assert_null (report);
}

/* Pages of a sample dossier as PNGs in the build's screenshots/, to be
 * looked at: the only check a reader's eye can make. */
static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char * const variants[][3] = {
    { "dossier-en", "en", "" }, { "dossier-nl", "nl", "" }, { "dossier-nl-redacted", "nl", "r" },
  };
  MpReportOptions options;

  if (screenshots_dir == NULL)
    {
      g_test_skip ("no screenshots folder given");
      return;
    }
  g_mkdir_with_parents (screenshots_dir, 0755);
  /* Pages of an earlier, longer run would otherwise be taken for these. */
  {
    g_autoptr(GDir) dir = g_dir_open (screenshots_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      if ((g_str_has_prefix (name, "dossier-") || g_str_has_prefix (name, "period-")) &&
          g_str_has_suffix (name, ".png"))
        {
          g_autofree char *path = g_build_filename (screenshots_dir, name, NULL);

          g_unlink (path);
        }
  }
  fill_case (f);
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s.pdf", variants[i][0]);
      g_autofree char *pdf = render (f, file, variants[i][1], variants[i][2][0] == 'r');
      g_autofree char *prefix = g_build_filename (screenshots_dir, variants[i][0], NULL);
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL };
      g_autofree char *out = run (argv);
      g_autofree char *first = g_strdup_printf ("%s-1.png", prefix);

      g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
    }

  /* A timeline that runs over pages, with one entry longer than a page. */
  {
    g_autoptr(GString) body = g_string_new (NULL);
    g_autofree char *pdf = NULL;
    g_autofree char *prefix = g_build_filename (screenshots_dir, "dossier-long-timeline", NULL);

    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *summary = g_strdup_printf ("Progress update %u: the supplier is "
                                                    "testing the patch on the acceptance "
                                                    "environment", i + 1);

        mp_store_add_event (f->store, f->kase, "progress-update", summary, NULL, &error);
        g_assert_no_error (error);
      }
    for (guint i = 0; i < 110; i++)
      g_string_append_printf (body, "Line %u of a long letter that quotes the whole "
                              "exchange.\n", i + 1);
    mp_store_add_event (f->store, f->kase, "letter", "Fixed, with the request to delete data",
                        body->str, &error);
    g_assert_no_error (error);
    pdf = render (f, "long-timeline.pdf", "en", FALSE);
    {
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL };
      g_autofree char *out = run (argv);
    }
  }

  /* A few more cases for a period report with a table worth looking at. */
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *title = g_strdup_printf ("Sample report %u about an exposed service", i + 1);
      g_autofree char *ack_day = g_strdup_printf ("2026-11-%02u", 20 + i % 4);

      f->kase = add_case (f, title);
      answer (f, "ack.sent_on", ack_day, NULL);
      if (i % 3 == 0)
        answer (f, "assess.sent_on", "2026-11-25", NULL);
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "period-en" : "period-nl-redacted";
      g_autoptr(MpReport) period = NULL;
      g_autofree char *period_pdf = g_strdup_printf ("%s/%s.pdf", f->dir, name);
      g_autofree char *prefix = g_build_filename (screenshots_dir, name, NULL);
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", period_pdf, prefix, NULL };
      g_autofree char *out = NULL;

      mp_report_options_init (&options);
      options.language = i == 0 ? "en" : "nl";
      options.redacted = i == 1;
      period = mp_report_new_period (f->store, "2026-01-01", "2026-12-31", &options, &error);
      g_assert_no_error (error);
      mp_report_write_pdf (period, period_pdf, &error);
      g_assert_no_error (error);
      out = run (argv);
    }
}

/* The Dutch catalogue is read without gettext and the process's locale
 * (the tests run with LANGUAGE=en). */
static void
test_catalogue (void)
{
  if (g_getenv ("MELDPUNT_LOCALEDIR") == NULL)
    {
      g_test_skip ("no catalogue folder given");
      return;
    }
  g_assert_cmpstr (_mp_report_catalogue_lookup ("nl", NULL, "Write the PDF to FILE"), ==,
                   "De pdf naar BESTAND schrijven");
  g_assert_cmpstr (_mp_report_catalogue_lookup ("en", NULL, "Write the PDF to FILE"), ==,
                   "Write the PDF to FILE");
  g_assert_cmpstr (_mp_report_catalogue_lookup ("nl", NULL, "No such message, surely"), ==,
                   "No such message, surely");
  g_assert_cmpstr (_mp_report_catalogue_lookup ("nl", "no-such-context", "Write the PDF to FILE"),
                   ==, "Write the PDF to FILE");

  /* A letter's kind reads in the report as in the window, in either
   * language: the report takes the kinds' titles from the catalogue. */
  for (const char * const *kind = mp_letters_list_kinds (); *kind != NULL; kind++)
    {
      const char *msgid = mp_letters_get_kind_msgid (*kind);

      g_assert_nonnull (msgid);
      g_assert_cmpstr (_mp_report_letter_label ("en", *kind), ==, msgid);
      g_assert_cmpstr (_mp_report_letter_label ("nl", *kind), ==,
                       _mp_report_catalogue_lookup ("nl", NULL, msgid));
      g_assert_cmpstr (_mp_report_letter_label ("nl", *kind), !=, msgid);
    }
  g_assert_cmpstr (_mp_report_letter_label ("nl", "out-of-scope"), ==,
                   "Buiten het beleid of afgewezen");
  g_assert_cmpstr (_mp_report_letter_label ("nl", "no-such-kind"), ==, "no-such-kind");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MELDPUNT_NOW", "2026-12-10T12:00:00Z", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    screenshots_dir = argv[1];
  if (argc > 2)
    g_setenv ("MELDPUNT_LOCALEDIR", argv[2], TRUE);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/report/sections/en", "en", test_sections);
  ADD ("/report/sections/nl", "nl", test_sections);
  ADD ("/report/redacted/en", "en", test_redacted);
  ADD ("/report/redacted/nl", "nl", test_redacted);
  ADD ("/report/erased", NULL, test_erased);
  ADD ("/report/long-timeline", NULL, test_long_timeline);
  ADD ("/report/paper-and-pages", NULL, test_paper_and_pages);
  ADD ("/report/async", NULL, test_async);
  ADD ("/report/period/en", "en", test_period);
  ADD ("/report/period/nl", "nl", test_period);
  ADD ("/report/screenshots", NULL, test_screenshots);
  g_test_add_func ("/report/catalogue", test_catalogue);

  return g_test_run ();
}
