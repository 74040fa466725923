/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Runs twice (see meson.build): with the UI in English and in Dutch. The
 * letters must come out in the reporter's language both times.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "mp-letters.h"
#include "mp-policy.h"
#include "mp-store.h"

typedef struct
{
  char    *dir;
  MpStore *store;
  MpCase  *full;     /* every fact known, Dutch reporter */
  MpCase  *sparse;   /* anonymous, English, nothing answered yet */
} Fixture;

static MpCase *
add_case (MpStore     *store,
          const char **fields)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  for (guint i = 0; fields[i] != NULL; i += 2)
    {
      mp_case_set_value_string (draft, fields[i], fields[i + 1], &error);
      g_assert_no_error (error);
    }
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
answer (Fixture    *fixture,
        MpCase     *kase,
        const char *item,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  mp_store_set_answer (fixture->store, kase, item, value, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *full_fields[] = {
    "title", "Reflected XSS in the customer portal search",
    "received_at", "2026-11-27T13:30:00Z",
    "channel", "email",
    "asset", "https://portal.example.nl/search",
    "reporter_name", "Sanne de Vries",
    "reporter_email", "sanne@example.org",
    "reporter_language", "nl",
    "description", "The q parameter is written into the page without encoding.",
    "impact", "Script runs in a logged-in customer's session.",
    "reproduction", "Open /search?q=<script>alert(1)</script> while logged in.",
    NULL,
  };
  const char *sparse_fields[] = {
    "title", "Something odd on the web site",
    "received_at", "2026-11-27T13:30:00Z",
    "reporter_anonymous", "true",
    "reporter_language", "en",
    "description", "The login page looks strange.",
    NULL,
  };

  fixture->dir = g_dir_make_tmp ("test-letters-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_initialise (fixture->store, "Voorbeeld Diensten", "correct horse battery", &error);
  g_assert_no_error (error);
  mp_store_set_actor (fixture->store, "Joris Jansen");
  mp_store_set_setting (fixture->store, "desk.email", "security@voorbeeld.example", &error);
  g_assert_no_error (error);
  mp_store_set_setting (fixture->store, "currency", "EUR", &error);
  g_assert_no_error (error);
  mp_store_set_setting (fixture->store, "sister.1.name", "Voorbeeld Wonen", &error);
  g_assert_no_error (error);
  mp_store_set_setting (fixture->store, "sister.1.url", "https://wonen.example/cvd", &error);
  g_assert_no_error (error);
  mp_store_set_setting (fixture->store, "sister.2.name", "Voorbeeld Zorg", &error);
  g_assert_no_error (error);
  mp_store_set_setting (fixture->store, "sister.2.url", "https://zorg.example/cvd", &error);
  g_assert_no_error (error);

  fixture->full = add_case (fixture->store, full_fields);
  answer (fixture, fixture->full, "intake.complete", "yes");
  answer (fixture, fixture->full, "scope.sister_name", "voorbeeld zorg");
  answer (fixture, fixture->full, "scope.duplicate_of", "CVD-2026-0001");
  answer (fixture, fixture->full, "scope.outcome_reason", "The page is a public demonstration.");
  answer (fixture, fixture->full, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
  answer (fixture, fixture->full, "assess.fix_date", "2026-12-04");
  answer (fixture, fixture->full, "remed.fix_date_extended_to", "2026-12-18");
  answer (fixture, fixture->full, "remed.extension_reason", "the supplier needs another release");
  answer (fixture, fixture->full, "remed.fixed_on", "2026-12-16");
  answer (fixture, fixture->full, "reward.amount", "150.00");
  answer (fixture, fixture->full, "reward.kind", "VVV-cadeaukaart");
  answer (fixture, fixture->full, "credit.name", "Sanne \"s4nne\" de Vries");
  answer (fixture, fixture->full, "disclose.agreed_on", "2027-02-01");

  fixture->sparse = add_case (fixture->store, sparse_fields);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "desk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fixture->full);
  g_clear_object (&fixture->sparse);
  g_assert_finalize_object (fixture->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static MpLetter *
render (Fixture    *fixture,
        MpCase     *kase,
        const char *kind,
        const char *language)
{
  g_autoptr(GError) error = NULL;
  MpLetter *letter = mp_letters_render (fixture->store, kase, kind, language, &error);

  g_assert_no_error (error);
  g_assert_nonnull (letter);
  return letter;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, haystack);
}

static void
assert_filled (MpLetter *letter)
{
  g_assert_cmpstr (mp_letter_get_subject (letter), !=, "");
  g_assert_cmpstr (mp_letter_get_body (letter), !=, "");
  g_assert_null (strchr (mp_letter_get_subject (letter), '\n'));
  assert_lacks (mp_letter_get_subject (letter), "{");
  assert_lacks (mp_letter_get_subject (letter), "}");
  assert_lacks (mp_letter_get_body (letter), "{");
  assert_lacks (mp_letter_get_body (letter), "}");
}

static void
test_letters_kinds (void)
{
  const char * const *kinds = mp_letters_list_kinds ();
  const char * const expected[] = {
    "request-info", "third-party", "sister-redirect", "duplicate", "out-of-scope",
    "acknowledgement", "assessment", "progress-update", "extension", "fixed", "reward",
    "credit", "closure",
  };

  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (kinds[i], ==, expected[i]);
      g_assert_true (mp_letters_is_kind (expected[i]));
      g_assert_nonnull (mp_letters_get_kind_title (expected[i]));
    }
  g_assert_false (mp_letters_is_kind ("thank-you"));
  g_assert_null (mp_letters_get_kind_title ("thank-you"));

  for (const char * const *p = mp_letters_list_placeholders (); *p != NULL; p++)
    g_assert_nonnull (mp_letters_describe_placeholder (*p));
  g_assert_null (mp_letters_describe_placeholder ("voucher_code"));
}

/* Every letter, both languages, a case with every fact: complete letters. */
static void
test_letters_render_all (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(MpCase) graded = _mp_case_clone (fixture->full);

  /* Severity is derived from the CVSS vector by the rules; pin it here. */
  mp_case_set_text (graded, "severity", "high");

  for (const char * const *kind = mp_letters_list_kinds (); *kind != NULL; kind++)
    {
      const char * const languages[] = { "nl", "en" };

      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        {
          g_autoptr(MpLetter) letter = render (fixture, graded, *kind, languages[i]);

          g_test_message ("%s.%s", *kind, languages[i]);
          assert_filled (letter);
          g_assert_cmpstr (mp_letter_get_kind (letter), ==, *kind);
          g_assert_cmpstr (mp_letter_get_language (letter), ==, languages[i]);
          g_assert_false (mp_letter_is_custom (letter));
          assert_contains (mp_letter_get_body (letter), "CVD-2026-");
          assert_contains (mp_letter_get_body (letter),
                           i == 0 ? "Beste Sanne de Vries," : "Dear Sanne de Vries,");
          assert_contains (mp_letter_get_body (letter), "Joris Jansen\nVoorbeeld Diensten");
          g_assert_cmpuint (g_strv_length ((char **) mp_letter_get_missing (letter)), ==, 0);
        }
    }
}

/* An anonymous case with almost no facts: still no placeholder left, and
 * the missing facts are reported. */
static void
test_letters_render_sparse (Fixture       *fixture,
                            gconstpointer  data)
{
  for (const char * const *kind = mp_letters_list_kinds (); *kind != NULL; kind++)
    {
      const char * const languages[] = { "nl", "en" };

      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        {
          g_autoptr(MpLetter) letter = render (fixture, fixture->sparse, *kind, languages[i]);

          assert_filled (letter);
          assert_contains (mp_letter_get_body (letter),
                           i == 0 ? "Beste melder," : "Dear reporter,");
          g_assert_false (g_strv_contains (mp_letter_get_missing (letter), "reporter_name"));
        }
    }
}

static void
test_letters_missing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MpLetter) nl = render (fixture, fixture->sparse, "assessment", "nl");
  g_autoptr(MpLetter) en = render (fixture, fixture->sparse, "assessment", "en");
  g_autoptr(MpLetter) info = render (fixture, fixture->sparse, "request-info", "en");
  const char * const *missing = mp_letter_get_missing (nl);

  g_assert_true (g_strv_contains (missing, "fix_date"));
  g_assert_true (g_strv_contains (missing, "severity"));
  g_assert_false (g_strv_contains (missing, "reference"));
  g_assert_false (g_strv_contains (missing, "disclosure_date"));
  /* Each fact is reported once, even when used twice. */
  g_assert_cmpuint (g_strv_length ((char **) missing), ==,
                    g_strv_length ((char **) mp_letter_get_missing (en)));

  assert_contains (mp_letter_get_body (nl), "Verwachte datum van herstel: nog niet bekend");
  assert_contains (mp_letter_get_body (en), "Expected fix date: still to be determined");
  /* Without an agreed date: received 27 November 2026 + 90 days. */
  assert_contains (mp_letter_get_body (nl), "donderdag 25 februari 2027");
  assert_contains (mp_letter_get_body (en), "Thursday 25 February 2027");

  /* The report lacks location, impact and reproduction: all three asked. */
  assert_contains (mp_letter_get_body (info), "the URL, host name or IP address");
  assert_contains (mp_letter_get_body (info), "potential impact");
  assert_contains (mp_letter_get_body (info), "steps to reproduce");
}

static void
test_letters_request_info_details (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(MpLetter) complete = NULL;
  g_autoptr(MpLetter) partial = NULL;
  g_autoptr(GError) error = NULL;

  complete = render (fixture, fixture->full, "request-info", "nl");
  assert_contains (mp_letter_get_body (complete), "verdere details");
  assert_lacks (mp_letter_get_body (complete), "IP-adres van het getroffen systeem");

  mp_store_update_case (fixture->store, fixture->full, "reproduction", "", &error);
  g_assert_no_error (error);
  partial = render (fixture, fixture->full, "request-info", "nl");
  assert_contains (mp_letter_get_body (partial), "de stappen om het probleem na te bootsen");
  assert_lacks (mp_letter_get_body (partial), "de mogelijke impact");
  assert_lacks (mp_letter_get_body (partial), "verdere details");
}

/* The reporter's language decides, not the UI's (LANGUAGE is en in one run
 * of this test and nl in the other). */
static void
test_letters_language (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MpLetter) dutch = render (fixture, fixture->full, "acknowledgement", NULL);
  g_autoptr(MpLetter) english = render (fixture, fixture->full, "acknowledgement", "en");
  g_autoptr(MpLetter) anonymous = render (fixture, fixture->sparse, "acknowledgement", NULL);

  g_assert_cmpstr (mp_letter_get_language (dutch), ==, "nl");
  g_assert_cmpstr (mp_letter_get_subject (dutch), ==,
                   "We hebben je melding CVD-2026-0001 ontvangen");
  assert_contains (mp_letter_get_body (dutch), "Beste Sanne de Vries,\n");
  assert_contains (mp_letter_get_body (dutch),
                   "op vrijdag 27 november 2026 bij ons is binnengekomen");
  assert_contains (mp_letter_get_body (dutch), "security@voorbeeld.example");
  assert_contains (mp_letter_get_body (dutch), "Met vriendelijke groet,");
  assert_lacks (mp_letter_get_body (dutch), "Dear");

  g_assert_cmpstr (mp_letter_get_language (english), ==, "en");
  g_assert_cmpstr (mp_letter_get_subject (english), ==,
                   "We have received your report CVD-2026-0001");
  assert_contains (mp_letter_get_body (english), "Dear Sanne de Vries,\n");
  assert_contains (mp_letter_get_body (english), "on Friday 27 November 2026");
  assert_contains (mp_letter_get_body (english), "Kind regards,");
  assert_lacks (mp_letter_get_body (english), "Beste");

  g_assert_cmpstr (mp_letter_get_language (anonymous), ==, "en");
  assert_contains (mp_letter_get_body (anonymous), "Dear reporter,\n");
}

static void
test_letters_facts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(MpLetter) reward_nl = render (fixture, fixture->full, "reward", "nl");
  g_autoptr(MpLetter) reward_en = render (fixture, fixture->full, "reward", "en");
  g_autoptr(MpLetter) extension_nl = render (fixture, fixture->full, "extension", "nl");
  g_autoptr(MpLetter) extension_en = render (fixture, fixture->full, "extension", "en");
  g_autoptr(MpLetter) sister = render (fixture, fixture->full, "sister-redirect", "en");
  g_autoptr(MpLetter) progress = render (fixture, fixture->full, "progress-update", "nl");
  g_autoptr(MpLetter) credit = render (fixture, fixture->full, "credit", "en");
  g_autoptr(MpLetter) fixed = render (fixture, fixture->full, "fixed", "nl");
  g_autoptr(MpLetter) third = render (fixture, fixture->full, "third-party", "nl");
  g_autoptr(MpLetter) big = NULL;
  g_autoptr(GError) error = NULL;

  assert_contains (mp_letter_get_body (reward_nl), "Waarde: € 150,00\n");
  assert_contains (mp_letter_get_body (reward_nl), "Beloning: VVV-cadeaukaart\n");
  assert_contains (mp_letter_get_body (reward_en), "Value: €150.00\n");

  assert_contains (mp_letter_get_body (extension_nl),
                   "Eerder verwachte datum van herstel: vrijdag 4 december 2026\n");
  assert_contains (mp_letter_get_body (extension_nl),
                   "Nieuwe verwachte datum van herstel: vrijdag 18 december 2026\n");
  assert_contains (mp_letter_get_body (extension_en),
                   "Previous expected fix date: Friday 4 December 2026\n");
  assert_contains (mp_letter_get_body (extension_en), "Reason: the supplier needs another release");

  g_assert_cmpstr (mp_letter_get_subject (sister), ==,
                   "Your report CVD-2026-0001: please send it to Voorbeeld Zorg");
  assert_contains (mp_letter_get_body (sister), "\nhttps://zorg.example/cvd\n");

  /* MELDPUNT_NOW is 1 December 2026: the next update is 14 days later. */
  assert_contains (mp_letter_get_body (progress), "Uiterlijk dinsdag 15 december 2026");
  assert_contains (mp_letter_get_body (credit), "\nSanne \"s4nne\" de Vries\n");
  assert_contains (mp_letter_get_body (fixed), "op woensdag 16 december 2026 verholpen");
  assert_contains (mp_letter_get_body (fixed), "vóór maandag 1 februari 2027");
  assert_contains (mp_letter_get_body (fixed), "gegevens verwijderen");
  assert_contains (mp_letter_get_body (third), "https://www.ncsc.nl/");

  /* a desk with a higher cap: thousands are grouped */
  g_assert_true (mp_store_set_policy (fixture->store, "reward_cap", "2000.00", &error));
  g_assert_no_error (error);
  mp_store_set_answer (fixture->store, fixture->full, "reward.amount", "1500", NULL, &error);
  g_assert_no_error (error);
  big = render (fixture, fixture->full, "reward", "nl");
  assert_contains (mp_letter_get_body (big), "Waarde: € 1.500,00\n");
}

/* A reporter's own text is inserted as it is, never read as a template. */
static void
test_letters_no_injection (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  mp_store_set_answer (fixture->store, fixture->full, "scope.outcome_reason",
                       "Uses {desk_email} literally", NULL, &error);
  g_assert_no_error (error);
  letter = render (fixture, fixture->full, "out-of-scope", "en");
  assert_contains (mp_letter_get_body (letter), "Uses {desk_email} literally");
}

static void
test_letters_reason_by_outcome (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  mp_store_set_answer (fixture->store, fixture->sparse, "scope.outcome", "not-vulnerability",
                       NULL, &error);
  g_assert_no_error (error);
  letter = render (fixture, fixture->sparse, "out-of-scope", "en");
  assert_contains (mp_letter_get_body (letter), "is not a security vulnerability");
  g_assert_true (g_strv_contains (mp_letter_get_missing (letter), "reason"));
}

static void
test_letters_custom (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(MpLetter) other = NULL;
  g_autoptr(MpLetter) restored = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *stored = NULL;
  gboolean custom = TRUE;

  g_assert_true (mp_letters_get_template (fixture->store, "acknowledgement", "nl",
                                          &subject, &body, &custom, &error));
  g_assert_no_error (error);
  g_assert_false (custom);
  g_assert_cmpstr (subject, ==, "We hebben je melding {reference} ontvangen");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  g_assert_true (mp_letters_set_template (fixture->store, "acknowledgement", "nl",
                                          "Ontvangen: {reference}",
                                          "Hallo {reporter_name},\n\nDank voor je melding van "
                                          "{received_date}.\n\n{handler}\n",
                                          &error));
  g_assert_no_error (error);
  stored = mp_store_get_setting (fixture->store, "letter.acknowledgement.nl");
  g_assert_cmpstr (stored, ==, "Ontvangen: {reference}\n\nHallo {reporter_name},\n\n"
                               "Dank voor je melding van {received_date}.\n\n{handler}\n");

  letter = render (fixture, fixture->full, "acknowledgement", "nl");
  g_assert_true (mp_letter_is_custom (letter));
  g_assert_cmpstr (mp_letter_get_subject (letter), ==, "Ontvangen: CVD-2026-0001");
  g_assert_cmpstr (mp_letter_get_body (letter), ==,
                   "Hallo Sanne de Vries,\n\nDank voor je melding van vrijdag 27 november 2026."
                   "\n\nJoris Jansen");
  /* The other language keeps its default. */
  other = render (fixture, fixture->full, "acknowledgement", "en");
  g_assert_false (mp_letter_is_custom (other));

  /* Unknown placeholders and stray braces are refused, and change nothing. */
  g_assert_false (mp_letters_set_template (fixture->store, "acknowledgement", "nl",
                                           "Ontvangen", "Je code: {voucher_code}", &error));
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_PLACEHOLDER);
  g_clear_error (&error);
  g_assert_false (mp_letters_set_template (fixture->store, "acknowledgement", "nl",
                                           "{Reference}", "Tekst", &error));
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE);
  g_clear_error (&error);
  g_assert_false (mp_letters_set_template (fixture->store, "acknowledgement", "nl",
                                           "Ontvangen", "Open {reference", &error));
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE);
  g_clear_error (&error);
  g_assert_false (mp_letters_set_template (fixture->store, "acknowledgement", "nl",
                                           "Twee\nregels", "Tekst", &error));
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE);
  g_clear_error (&error);
  g_assert_false (mp_letters_check_template ("a } b", NULL));
  g_assert_true (mp_letters_check_template ("{reference} and {fix_date}", NULL));
  g_assert_true (mp_letters_get_template (fixture->store, "acknowledgement", "nl",
                                          &subject, &body, &custom, &error));
  g_assert_true (custom);
  g_assert_cmpstr (subject, ==, "Ontvangen: {reference}");

  g_assert_true (mp_letters_reset_template (fixture->store, "acknowledgement", "nl", &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_free);
  stored = mp_store_get_setting (fixture->store, "letter.acknowledgement.nl");
  g_assert_null (stored);
  restored = render (fixture, fixture->full, "acknowledgement", "nl");
  g_assert_false (mp_letter_is_custom (restored));
  assert_contains (mp_letter_get_body (restored), "Met vriendelijke groet,");
}

/* A template stored behind our back (older version, hand edit) that names
 * an unknown fact is refused at rendering, not sent with braces in it. */
static void
test_letters_custom_stale (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MpLetter *letter;

  mp_store_set_setting (fixture->store, "letter.closure.en", "Closed\n\n{old_fact}\n", &error);
  g_assert_no_error (error);
  letter = mp_letters_render (fixture->store, fixture->full, "closure", "en", &error);
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_null (letter);
}

static void
test_letters_record (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MpLetter) letter = render (fixture, fixture->full, "acknowledgement", "nl");
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mp_letter_dup_text (letter);
  MpEvent *found = NULL;

  g_assert_true (mp_letters_record_sent (fixture->store, fixture->full, letter, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "We hebben je melding CVD-2026-0001 ontvangen\n\nBeste "));

  events = mp_store_list_events (fixture->store, fixture->full, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (mp_event_get_kind (event), "letter"))
        found = event;
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (mp_event_get_summary (found), ==, "acknowledgement");
  g_assert_cmpstr (mp_event_get_body (found), ==, text);
}

/* A letter sent is kept as it was sent, edited or not (issue 16): the
 * facts changing later do not change it. */
static void
test_letters_sent_frozen (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MpLetter) before = render (fixture, fixture->full, "progress-update", "en");
  g_autoptr(MpLetter) after = NULL;
  g_autoptr(MpEvent) sent = NULL;
  g_autoptr(MpEvent) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mp_letter_dup_text (before);
  g_autofree char *edited = g_strconcat (text, "\nP.S. Edited by hand.\n", NULL);
  g_autofree char *now = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  none = mp_letters_find_sent (fixture->store, fixture->full, "progress-update", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (mp_letters_record_sent_text (fixture->store, fixture->full, "progress-update",
                                              edited, &error));
  g_assert_no_error (error);

  /* the fix date moves on; a new filling shows it, the letter sent does not */
  answer (fixture, fixture->full, "remed.fix_date_extended_to", "2027-03-15");
  after = render (fixture, fixture->full, "progress-update", "en");
  now = mp_letter_dup_text (after);
  g_assert_cmpstr (now, !=, text);
  g_assert_nonnull (strstr (now, "15 March 2027"));

  sent = mp_letters_find_sent (fixture->store, fixture->full, "progress-update", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sent);
  g_assert_cmpstr (mp_event_get_body (sent), ==, edited);
  g_assert_null (strstr (mp_event_get_body (sent), "15 March 2027"));
  /* another kind has not been sent */
  g_clear_object (&none);
  none = mp_letters_find_sent (fixture->store, fixture->full, "acknowledgement", &error);
  g_assert_null (none);

  subject = mp_letters_split_text (edited, &body);
  g_assert_cmpstr (subject, ==, mp_letter_get_subject (before));
  g_assert_true (g_str_has_prefix (body, mp_letter_get_body (before)));
  g_assert_true (g_str_has_suffix (body, "P.S. Edited by hand.\n"));

  /* nothing to send is refused, and nothing recorded */
  g_assert_false (mp_letters_record_sent_text (fixture->store, fixture->full, "closure", "  \n ",
                                               &error));
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE);
  g_clear_error (&error);
  g_assert_false (mp_letters_record_sent_text (fixture->store, fixture->full, "thank-you", "Hi",
                                               &error));
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_KIND);
}

/* The template editor's preview fills the text being edited. */
static void
test_letters_render_template (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  letter = mp_letters_render_template (fixture->store, fixture->full, "acknowledgement", "en",
                                       "Received: {reference}", "Dear {reporter_name},\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mp_letter_get_subject (letter), ==, "Received: CVD-2026-0001");
  g_assert_cmpstr (mp_letter_get_body (letter), ==, "Dear Sanne de Vries,\n");
  g_clear_object (&letter);

  letter = mp_letters_render_template (fixture->store, fixture->full, "acknowledgement", "en",
                                       "Received", "Dear {nobody}\n", &error);
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_PLACEHOLDER);
  g_assert_null (letter);
}

/* The editor's invented case fills every letter in both languages. */
static void
test_letters_sample_case (Fixture       *fixture,
                          gconstpointer  data)
{
  const char * const *kinds = mp_letters_list_kinds ();
  const char * const languages[] = { "nl", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(MpCase) sample = mp_letters_new_sample_case (languages[l]);

      g_assert_cmpstr (mp_case_get_reporter_language (sample), ==, languages[l]);
      g_assert_cmpint (mp_case_get_id (sample), ==, 0);
      for (guint i = 0; kinds[i] != NULL; i++)
        {
          g_autoptr(MpLetter) letter = render (fixture, sample, kinds[i], NULL);
          g_autofree char *text = mp_letter_dup_text (letter);

          g_assert_cmpstr (mp_letter_get_language (letter), ==, languages[l]);
          g_assert_nonnull (strstr (text, "CVD-2026-0042"));
          g_assert_null (strchr (text, '{'));
        }
    }
}

static void
test_letters_errors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MpLetter *letter;

  letter = mp_letters_render (fixture->store, fixture->full, "thank-you", NULL, &error);
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_KIND);
  g_assert_null (letter);
  g_clear_error (&error);

  letter = mp_letters_render (fixture->store, fixture->full, "closure", "de", &error);
  g_assert_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_LANGUAGE);
  g_assert_null (letter);
}

static void
test_letters_kind_for_step (Fixture       *fixture,
                            gconstpointer  data)
{
  g_assert_cmpstr (mp_letters_kind_for_step ("intake", NULL), ==, "request-info");
  g_assert_cmpstr (mp_letters_kind_for_step ("waiting", NULL), ==, "request-info");
  g_assert_null (mp_letters_kind_for_step ("intake", fixture->full));
  g_assert_cmpstr (mp_letters_kind_for_step ("acknowledgement", NULL), ==, "acknowledgement");
  g_assert_cmpstr (mp_letters_kind_for_step ("assessment", NULL), ==, "assessment");
  g_assert_cmpstr (mp_letters_kind_for_step ("remediation", fixture->sparse), ==,
                   "progress-update");
  g_assert_cmpstr (mp_letters_kind_for_step ("remediation", fixture->full), ==, "fixed");
  g_assert_cmpstr (mp_letters_kind_for_step ("reward", NULL), ==, "reward");
  g_assert_cmpstr (mp_letters_kind_for_step ("credit", NULL), ==, "credit");
  g_assert_null (mp_letters_kind_for_step ("disclosure", NULL));
  g_assert_cmpstr (mp_letters_kind_for_step ("closure", NULL), ==, "closure");
  g_assert_null (mp_letters_kind_for_step ("closed", NULL));

  g_assert_null (mp_letters_kind_for_step ("scope", fixture->sparse));
  answer (fixture, fixture->sparse, "scope.outcome", "duplicate");
  g_assert_cmpstr (mp_letters_kind_for_step ("scope", fixture->sparse), ==, "duplicate");
  answer (fixture, fixture->sparse, "scope.outcome", "not-vulnerability");
  g_assert_cmpstr (mp_letters_kind_for_step ("scope", fixture->sparse), ==, "out-of-scope");
  answer (fixture, fixture->sparse, "scope.asset_owner", "sister");
  g_assert_cmpstr (mp_letters_kind_for_step ("scope", fixture->sparse), ==, "sister-redirect");
  answer (fixture, fixture->sparse, "scope.asset_owner", "third-party");
  g_assert_cmpstr (mp_letters_kind_for_step ("scope", fixture->sparse), ==, "third-party");
  answer (fixture, fixture->sparse, "credit.wants", "no");
  g_assert_null (mp_letters_kind_for_step ("credit", fixture->sparse));
}

/* The kind titles are interface text: they follow LANGUAGE. */
static void
test_letters_ui_language (void)
{
  const char *ui = g_getenv ("LANGUAGE");
  const char *title = mp_letters_get_kind_title ("acknowledgement");

  if (g_strcmp0 (ui, "nl") == 0)
    g_assert_cmpstr (title, ==, "Ontvangstbevestiging");
  else
    g_assert_cmpstr (title, ==, "Acknowledgement of receipt");
}

int
main (int   argc,
      char *argv[])
{
  /* The second run of this test switches the UI to Dutch before the first
   * gettext call. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--ui-language="))
      {
        g_setenv ("LANGUAGE", argv[i] + strlen ("--ui-language="), TRUE);
        for (int j = i; j < argc; j++)
          argv[j] = argv[j + 1];
        argc--;
        break;
      }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, MP_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("MELDPUNT_NOW", "2026-12-01T10:00:00Z", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/letters/kinds", test_letters_kinds);
  g_test_add_func ("/letters/ui-language", test_letters_ui_language);
  ADD ("/letters/render/all", test_letters_render_all);
  ADD ("/letters/render/sparse", test_letters_render_sparse);
  ADD ("/letters/render/missing", test_letters_missing);
  ADD ("/letters/render/request-info", test_letters_request_info_details);
  ADD ("/letters/render/language", test_letters_language);
  ADD ("/letters/render/facts", test_letters_facts);
  ADD ("/letters/render/no-injection", test_letters_no_injection);
  ADD ("/letters/render/reason", test_letters_reason_by_outcome);
  ADD ("/letters/custom", test_letters_custom);
  ADD ("/letters/custom/stale", test_letters_custom_stale);
  ADD ("/letters/record", test_letters_record);
  ADD ("/letters/sent-frozen", test_letters_sent_frozen);
  ADD ("/letters/render-template", test_letters_render_template);
  ADD ("/letters/sample-case", test_letters_sample_case);
  ADD ("/letters/errors", test_letters_errors);
  ADD ("/letters/kind-for-step", test_letters_kind_for_step);

  return g_test_run ();
}
