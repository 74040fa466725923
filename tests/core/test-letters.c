/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Runs twice (see meson.build): with the UI in English and in Dutch. The
 * letters must come out in the reporter's language both times.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-derive.h"
#include "mp-letters.h"
#include "mp-policy.h"

typedef struct
{
  MpPolicy *policy;
  MpCase   *full;     /* every fact known, Dutch reporter */
  MpCase   *sparse;   /* anonymous, English, nothing answered yet */
} Fixture;

#define ORGANISATION "Voorbeeld Diensten"
#define HANDLER      "Joris Jansen"

/* Derives as the store does on every write of the case. */
static void
derive (Fixture *fixture,
        MpCase  *kase)
{
  g_autoptr(GPtrArray) deadlines = mp_derive_case (fixture->policy, kase, mp_time_now ());
}

/* A case as the store would have it after adding it: @reference the next
 * in the year. */
static MpCase *
add_case (Fixture     *fixture,
          const char  *reference,
          const char **fields)
{
  MpCase *kase = mp_case_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; fields[i] != NULL; i += 2)
    {
      mp_case_set_value_string (kase, fields[i], fields[i + 1], &error);
      g_assert_no_error (error);
    }
  mp_case_set_text (kase, "reference", reference);
  derive (fixture, kase);
  return kase;
}

static void
answer (Fixture    *fixture,
        MpCase     *kase,
        const char *item,
        const char *value)
{
  MpAnswer *a = g_new0 (MpAnswer, 1);

  a->item = g_strdup (item);
  a->value = g_strdup (value);
  a->actor = g_strdup (HANDLER);
  _mp_case_put_answer (kase, a);
  derive (fixture, kase);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GHashTable) settings = g_hash_table_new (g_str_hash, g_str_equal);
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

  /* The desk's policy as its settings give it. */
  g_hash_table_insert (settings, (char *) "desk.email", (char *) "security@voorbeeld.example");
  g_hash_table_insert (settings, (char *) "currency", (char *) "EUR");
  g_hash_table_insert (settings, (char *) "sister.1.name", (char *) "Voorbeeld Wonen");
  g_hash_table_insert (settings, (char *) "sister.1.url", (char *) "https://wonen.example/cvd");
  g_hash_table_insert (settings, (char *) "sister.2.name", (char *) "Voorbeeld Zorg");
  g_hash_table_insert (settings, (char *) "sister.2.url", (char *) "https://zorg.example/cvd");
  fixture->policy = mp_policy_new_from_settings (settings, ORGANISATION);

  fixture->full = add_case (fixture, "CVD-2026-0001", full_fields);
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

  fixture->sparse = add_case (fixture, "CVD-2026-0002", sparse_fields);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->full);
  g_assert_finalize_object (fixture->sparse);
  mp_policy_unref (fixture->policy);
}

/* The letter as the store renders it, from the default template. */
static MpLetter *
render (Fixture    *fixture,
        MpCase     *kase,
        const char *kind,
        const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  MpLetter *letter;

  language = mp_letters_pick_language (kase, language);
  g_assert_true (mp_letters_get_default_template (kind, language, &subject, &body, &error));
  g_assert_no_error (error);
  letter = mp_letters_fill (fixture->policy, ORGANISATION, HANDLER, kase, kind, language,
                            subject, body, FALSE, &error);
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

  /* Sending a letter answers a date item of the checklist, or none. */
  g_assert_cmpstr (mp_letters_get_sent_item ("acknowledgement"), ==, "ack.sent_on");
  g_assert_cmpstr (mp_letters_get_sent_item ("closure"), ==, "close.final_letter_on");
  g_assert_null (mp_letters_get_sent_item ("credit"));
  g_assert_null (mp_letters_get_sent_item ("thank-you"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *item_id = mp_letters_get_sent_item (expected[i]);
      const MpChecklistItem *item;

      if (item_id == NULL)
        continue;
      item = mp_checklist_lookup_item (item_id);
      g_assert_nonnull (item);
      g_assert_cmpint (item->kind, ==, MP_ANSWER_KIND_DATE);
    }

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

  mp_case_set_value_string (fixture->full, "reproduction", "", &error);
  g_assert_no_error (error);
  derive (fixture, fixture->full);
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
  g_assert_true (mp_policy_apply (fixture->policy, "reward_cap", "2000.00", &error));
  g_assert_no_error (error);
  answer (fixture, fixture->full, "reward.amount", "1500");
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

  answer (fixture, fixture->full, "scope.outcome_reason", "Uses {desk_email} literally");
  letter = render (fixture, fixture->full, "out-of-scope", "en");
  assert_contains (mp_letter_get_body (letter), "Uses {desk_email} literally");
}

static void
test_letters_reason_by_outcome (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  answer (fixture, fixture->sparse, "scope.outcome", "not-vulnerability");
  letter = render (fixture, fixture->sparse, "out-of-scope", "en");
  assert_contains (mp_letter_get_body (letter), "is not a security vulnerability");
  g_assert_true (g_strv_contains (mp_letter_get_missing (letter), "reason"));
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
  ADD ("/letters/sample-case", test_letters_sample_case);
  ADD ("/letters/kind-for-step", test_letters_kind_for_step);

  return g_test_run ();
}
