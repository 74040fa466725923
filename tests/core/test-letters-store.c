/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's letters through the store: its own templates (settings), the
 * letters it renders with them, and the letters recorded as sent (events).
 * test-letters tests the filling itself, from values.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
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

/* The third-party referral names the CSIRT the policy sets (csirt.name,
 * csirt.url), the NCSC by default; and the letters take the policy's
 * numbers, so a stored value the policy refuses gives the policy's
 * default, not a copy of it in the letters. */
static void
test_letters_policy (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MpLetter) before = render (fixture, fixture->full, "third-party", "en");
  g_autoptr(MpLetter) after = NULL;
  g_autoptr(MpLetter) progress = NULL;
  g_autoptr(GError) error = NULL;

  assert_contains (mp_letter_get_body (before), "National Cyber Security Centre (NCSC)");
  assert_contains (mp_letter_get_body (before), "https://www.ncsc.nl/");

  g_assert_true (mp_store_set_policy (fixture->store, "csirt.name", "CERT Voorbeeld", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_set_policy (fixture->store, "csirt.url", "https://cert.voorbeeld.example/",
                                &error));
  g_assert_no_error (error);
  g_assert_false (mp_store_set_policy (fixture->store, "csirt.url", "http://insecure.example/", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  after = render (fixture, fixture->full, "third-party", "en");
  assert_contains (mp_letter_get_body (after),
                   "contact CERT Voorbeeld, the national computer security incident response "
                   "team: https://cert.voorbeeld.example/");
  g_assert_null (strstr (mp_letter_get_body (after), "ncsc"));

  /* a value the policy refuses, stored around it: the policy's default */
  mp_store_set_setting (fixture->store, "update_interval_days", "fortnightly", &error);
  g_assert_no_error (error);
  progress = render (fixture, fixture->full, "progress-update", "nl");
  /* MELDPUNT_NOW is 1 December 2026: 14 days later. */
  assert_contains (mp_letter_get_body (progress), "Uiterlijk dinsdag 15 december 2026");
  g_clear_object (&progress);
  g_assert_true (mp_store_set_policy (fixture->store, "update_interval_days", "21", &error));
  g_assert_no_error (error);
  progress = render (fixture, fixture->full, "progress-update", "nl");
  assert_contains (mp_letter_get_body (progress), "Uiterlijk dinsdag 22 december 2026");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MELDPUNT_NOW", "2026-12-01T10:00:00Z", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/letters/custom", test_letters_custom);
  ADD ("/letters/custom/stale", test_letters_custom_stale);
  ADD ("/letters/record", test_letters_record);
  ADD ("/letters/sent-frozen", test_letters_sent_frozen);
  ADD ("/letters/render-template", test_letters_render_template);
  ADD ("/letters/errors", test_letters_errors);
  ADD ("/letters/render/policy", test_letters_policy);

#undef ADD
  return g_test_run ();
}
