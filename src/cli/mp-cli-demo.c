/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-policy.h"

/* Synthetic but realistic reports: what small desks actually receive. */
typedef struct
{
  const char *title;
  const char *language;
  const char *asset;
  const char *description;
  const char *impact;
  const char *reproduction;
} DemoReport;

static const DemoReport reports[] = {
  { "Reflected XSS in search field", "en", "https://portal.example.nl/search?q=",
    "The q parameter of the search page is echoed into the page without encoding.",
    "An attacker can run script in a logged-in user's session through a crafted link.",
    "Open https://portal.example.nl/search?q=%3Cscript%3Ealert(1)%3C/script%3E while logged in." },
  { "Verouderde TLS-configuratie op mailserver", "nl", "mail.example.nl",
    "De mailserver accepteert nog TLS 1.0 en zwakke ciphers (RC4, 3DES).",
    "Verkeer tussen clients en de server kan mogelijk worden afgeluisterd.",
    "testssl.sh mail.example.nl:465 laat TLS 1.0 en 3DES zien." },
  { "Open directory listing exposes backups", "en", "https://www.example.nl/backup/",
    "The /backup/ folder lists database dumps from 2024.",
    "Customer data in the dumps may be downloaded by anyone.",
    "Browse to https://www.example.nl/backup/ and note the .sql.gz files (not downloaded)." },
  { "Wachtwoord-reset zonder rate limiting", "nl", "https://login.example.nl/reset",
    "Het resetformulier beperkt het aantal pogingen niet.",
    "Een aanvaller kan resetcodes raden of mailboxen overspoelen.",
    "Stuur 50 resetverzoeken voor hetzelfde account binnen een minuut; alle worden geaccepteerd." },
  { "IDOR on invoice download", "en", "https://klant.example.nl/invoices/10231",
    "Changing the invoice number in the URL shows another customer's invoice.",
    "Any customer can read other customers' invoices, including addresses.",
    "Log in, open an own invoice, change the number by one. Stopped after one request." },
  { "SPF-record ontbreekt", "nl", "example.nl",
    "Het domein heeft geen SPF- of DMARC-record.",
    "Mail kan uit naam van het domein worden vervalst.",
    "dig TXT example.nl laat geen v=spf1 zien." },
  { "Exposed admin panel on test host", "en", "https://test.example.nl/admin",
    "The admin panel of the test environment is reachable from the internet with default credentials advertised on the login page.",
    "Full control over the test environment, which holds a copy of production data.",
    "Open the URL; the page itself shows the default user name." },
  { "SQL-injectie in contactformulier", "nl", "https://www.example.nl/contact",
    "Het veld 'onderwerp' geeft een databasefout bij een enkel aanhalingsteken.",
    "Mogelijk toegang tot de database achter de website.",
    "Vul ' in het onderwerpveld in en verstuur; de foutmelding toont de SQL-query." },
  { "Clickjacking on customer portal", "en", "https://portal.example.nl/",
    "The portal sends no X-Frame-Options or frame-ancestors header.",
    "Users can be tricked into clicking actions in a hidden frame.",
    "Embed the portal in an iframe on any page; it renders." },
  { "Subdomain takeover mogelijk", "nl", "oud.example.nl",
    "oud.example.nl verwijst via CNAME naar een opgeheven cloudopslag-bucket.",
    "Een aanvaller kan inhoud publiceren onder het domein van de organisatie.",
    "dig CNAME oud.example.nl; de bucket bestaat niet meer." },
  { "Server version disclosure", "en", "192.0.2.15",
    "The web server on 192.0.2.15 reports its exact version in every response.",
    "Makes it easier to find known vulnerabilities.",
    "curl -I http://192.0.2.15/" },
  { "Kwetsbare WordPress-plugin", "nl", "https://blog.example.nl/",
    "De blog draait een contactformulier-plugin met een bekende kwetsbaarheid.",
    "Bestanden kunnen mogelijk zonder inloggen worden geüpload.",
    "De versie staat in /wp-content/plugins/…/readme.txt." },
};

static const char * const first_names_nl[] = { "Sanne", "Daan", "Fleur", "Bram", "Noor", "Jeroen", "Anouk", "Thijs", "Eva", "Joris" };
static const char * const last_names_nl[] = { "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "van Dijk" };
static const char * const first_names_en[] = { "Alex", "Priya", "Tom", "Maria", "Chen", "Olivia", "Lukas", "Amara", "James", "Sofia" };
static const char * const last_names_en[] = { "Taylor", "Kowalski", "Nguyen", "Okafor", "Schmidt", "Brown", "Rossi", "Haddad", "Moreau", "Lindqvist" };
static const char * const pseudonyms[] = { "n0pe", "bytewitch", "0xdeadbeef", "kwetsbaar", "s1lentfox", "greyhat_nl" };
static const char * const channels[] = { "email", "email", "email", "web-form", "web-form", "phone", "letter", "other" };

static char *
make_email (const char *first,
            const char *last)
{
  g_autofree char *joined = g_strdup_printf ("%s.%s", first, last);
  g_autofree char *lower = g_ascii_strdown (joined, -1);

  g_strdelimit (lower, " ", '.');
  return g_strdup_printf ("%s@example.org", lower);
}

/* How far a demo case has come: every step, the side states and every
 * outcome, so that lists, filters and the calendar have something to show. */
typedef enum
{
  STAGE_INTAKE,
  STAGE_WAITING,
  STAGE_SCOPE,
  STAGE_ACKNOWLEDGEMENT,
  STAGE_ASSESSMENT,
  STAGE_REMEDIATION,
  STAGE_REWARD,
  STAGE_CREDIT,
  STAGE_DISCLOSURE,
  STAGE_CLOSURE,
  STAGE_CLOSED,
  N_STAGES
} DemoStage;

typedef enum
{
  OUTCOME_IN_SCOPE,
  OUTCOME_THIRD_PARTY,
  OUTCOME_SISTER,
  OUTCOME_OUT_OF_SCOPE,
  OUTCOME_DUPLICATE,
  OUTCOME_NOT_VULNERABILITY,
} DemoOutcome;

/* The first cases cover every combination once; the rest are drawn. */
static const struct { DemoStage stage; DemoOutcome outcome; } covered[] = {
  { STAGE_CLOSED, OUTCOME_IN_SCOPE },
  { STAGE_INTAKE, OUTCOME_IN_SCOPE },
  { STAGE_WAITING, OUTCOME_IN_SCOPE },
  { STAGE_SCOPE, OUTCOME_IN_SCOPE },
  { STAGE_ACKNOWLEDGEMENT, OUTCOME_IN_SCOPE },
  { STAGE_ASSESSMENT, OUTCOME_IN_SCOPE },
  { STAGE_REMEDIATION, OUTCOME_IN_SCOPE },
  { STAGE_REWARD, OUTCOME_IN_SCOPE },
  { STAGE_CREDIT, OUTCOME_IN_SCOPE },
  { STAGE_DISCLOSURE, OUTCOME_IN_SCOPE },
  { STAGE_CLOSURE, OUTCOME_IN_SCOPE },
  { STAGE_CLOSURE, OUTCOME_THIRD_PARTY },
  { STAGE_CLOSED, OUTCOME_SISTER },
  { STAGE_CLOSURE, OUTCOME_OUT_OF_SCOPE },
  { STAGE_CLOSED, OUTCOME_DUPLICATE },
  { STAGE_CLOSED, OUTCOME_NOT_VULNERABILITY },
  { STAGE_CLOSED, OUTCOME_THIRD_PARTY },
  { STAGE_CLOSURE, OUTCOME_SISTER },
  { STAGE_CLOSED, OUTCOME_OUT_OF_SCOPE },
  { STAGE_CLOSURE, OUTCOME_DUPLICATE },
  { STAGE_CLOSURE, OUTCOME_NOT_VULNERABILITY },
};

static const char * const methods[] = {
  "scope.method.social_engineering", "scope.method.physical", "scope.method.dos",
  "scope.method.spam", "scope.method.malware", "scope.method.backdoor",
  "scope.method.data_beyond_need", "scope.method.unrelated_changes",
  "scope.method.third_party_apps",
};

static const char * const vectors[] = {
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
  "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N",
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N",
  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
};

static const char * const qualities[] = { "poor", "fair", "good", "good", "excellent" };
static const char * const owners[] = {
  "Web team", "Infrastructure", "Workplace services", "Supplier (hosting)"
};
static const char * const sisters[] = { "Example Zorg", "Example Wonen" };

typedef struct
{
  MpStore   *store;
  MpCase    *kase;
  GTimeZone *tz;
  gint64     received;
  gint64     now;
  GRand     *rand;
  GError   **error;
  gboolean   ok;
  GPtrArray *items;     /* pending answers, written a step at a time */
  GPtrArray *values;
} DemoAnswers;

/* The desk's day @days after receipt, never after today. */
static char *
demo_day (DemoAnswers *a,
          int          days)
{
  gint64 at = MIN (a->received + (gint64) days * 24 * 3600 * G_USEC_PER_SEC, a->now);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, a->tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

/* A day that may lie in the future (promised fix dates, publication). */
static char *
demo_future_day (DemoAnswers *a,
                 int          days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (a->received / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, a->tz);
  g_autoptr(GDateTime) later = g_date_time_add_days (local, days);

  return g_date_time_format (later, "%Y-%m-%d");
}

static void
answer (DemoAnswers *a,
        const char  *item,
        const char  *value)
{
  g_ptr_array_add (a->items, g_strdup (item));
  g_ptr_array_add (a->values, g_strdup (value));
}

/* Writes the pending answers in one write: a few per case (intake, scope
 * and acknowledgement, assessment and remediation, the rest), so the
 * status history still shows progress and 10000 cases take seconds. */
static gboolean
flush (DemoAnswers *a)
{
  if (a->ok && a->items->len > 0)
    {
      g_ptr_array_add (a->items, NULL);
      g_ptr_array_add (a->values, NULL);
      a->ok = mp_store_set_answers (a->store, a->kase, (const char * const *) a->items->pdata,
                                    (const char * const *) a->values->pdata, NULL, a->error);
    }
  g_ptr_array_set_size (a->items, 0);
  g_ptr_array_set_size (a->values, 0);
  return a->ok;
}

static void
answer_day (DemoAnswers *a,
            const char  *item,
            int          days)
{
  g_autofree char *day = demo_day (a, days);

  answer (a, item, day);
}

static DemoStage
draw_stage (GRand  *rand,
            double  age_days)
{
  if (age_days < 2)
    return g_rand_int_range (rand, STAGE_INTAKE, STAGE_ASSESSMENT);
  if (age_days < 8)
    return g_rand_int_range (rand, STAGE_INTAKE, STAGE_REMEDIATION);
  if (age_days < 45)
    return g_rand_int_range (rand, STAGE_WAITING, STAGE_REWARD);
  if (age_days < 120)
    return g_rand_int_range (rand, STAGE_REMEDIATION, N_STAGES);
  /* Old cases are nearly all closed; a few were forgotten along the way. */
  return g_rand_int_range (rand, 0, 20) == 0 ? g_rand_int_range (rand, STAGE_INTAKE, N_STAGES)
                                             : STAGE_CLOSED;
}

static DemoOutcome
draw_outcome (GRand *rand)
{
  int roll = g_rand_int_range (rand, 0, 100);

  if (roll < 4)
    return OUTCOME_THIRD_PARTY;
  if (roll < 6)
    return OUTCOME_SISTER;
  if (roll < 10)
    return OUTCOME_OUT_OF_SCOPE;
  if (roll < 13)
    return OUTCOME_DUPLICATE;
  if (roll < 15)
    return OUTCOME_NOT_VULNERABILITY;
  return OUTCOME_IN_SCOPE;
}

/* Answers the checklist as far as @stage, with dates after receipt. */
static gboolean
answer_case (DemoAnswers *a,
             DemoStage    stage,
             DemoOutcome  outcome,
             gboolean     typical,
             const char  *duplicate_of)
{
  GRand *rand = a->rand;
  gboolean early = outcome != OUTCOME_IN_SCOPE;
  /* The cases that cover every stage are typical ones, so that each stops
   * exactly at its step; the rest vary. */
  gboolean rules_broken = !typical && g_rand_int_range (rand, 0, 20) == 0;
  gboolean personal_data = g_rand_int_range (rand, 0, 8) == 0;
  int day = 0;

  if (stage == STAGE_INTAKE)
    return TRUE;

  if (stage == STAGE_WAITING)
    {
      answer (a, "intake.complete", "no");
      answer_day (a, "info.requested_on", 1);
      return flush (a);
    }
  if (g_rand_int_range (rand, 0, 6) == 0)
    {
      /* The reporter was asked for more, and answered. */
      answer (a, "intake.complete", "no");
      answer_day (a, "info.requested_on", 1);
      answer_day (a, "info.received_on", 1 + g_rand_int_range (rand, 1, 6));
    }
  answer (a, "intake.complete", "yes");
  flush (a);

  /* Scope check. */
  day = g_rand_int_range (rand, 0, 2);
  switch (outcome)
    {
    case OUTCOME_THIRD_PARTY:
      answer (a, "scope.asset_owner", "third-party");
      break;
    case OUTCOME_SISTER:
      answer (a, "scope.asset_owner", "sister");
      answer (a, "scope.sister_name", sisters[g_rand_int_range (rand, 0, G_N_ELEMENTS (sisters))]);
      break;
    case OUTCOME_OUT_OF_SCOPE:
      answer (a, "scope.asset_owner", "ours");
      answer (a, "scope.outcome", "out-of-scope");
      answer (a, "scope.outcome_reason",
              "Best practice without a security impact (missing header).");
      break;
    case OUTCOME_DUPLICATE:
      answer (a, "scope.asset_owner", "ours");
      answer (a, "scope.known", "duplicate");
      answer (a, "scope.outcome", "duplicate");
      answer (a, "scope.duplicate_of", duplicate_of);
      break;
    case OUTCOME_NOT_VULNERABILITY:
      answer (a, "scope.asset_owner", "ours");
      answer (a, "scope.outcome", "not-vulnerability");
      answer (a, "scope.outcome_reason", "The behaviour is intended and documented.");
      break;
    case OUTCOME_IN_SCOPE:
    default:
      if (stage == STAGE_SCOPE)
        {
          answer (a, "scope.asset_owner", "ours");
          return flush (a);
        }
      answer (a, "scope.asset_owner", "ours");
      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        answer (a, methods[i], rules_broken && i == G_N_ELEMENTS (methods) - 3 ? "yes" : "no");
      answer (a, "scope.personal_data", personal_data ? "yes" : "no");
      answer (a, "scope.known",
              !typical && g_rand_int_range (rand, 0, 10) == 0 ? "known-issue" : "no");
      answer (a, "scope.outcome", "in-scope");
      answer (a, "scope.rules_followed", rules_broken ? "no" : "yes");
      break;
    }

  if (early)
    {
      day += g_rand_int_range (rand, 1, 4);
      answer_day (a, "close.final_letter_on", day);
      if (stage == STAGE_CLOSED)
        answer_day (a, "close.closed_on", day + g_rand_int_range (rand, 0, 3));
      return flush (a);
    }

  if (stage == STAGE_ACKNOWLEDGEMENT)
    return flush (a);
  answer_day (a, "ack.sent_on", g_rand_int_range (rand, 0, 3));
  flush (a);

  /* Assessment. */
  if (stage == STAGE_ASSESSMENT)
    {
      answer (a, "assess.reproduced", "yes");
      return flush (a);
    }
  {
    g_autofree char *fix_date = demo_future_day (a, g_rand_int_range (rand, 7, 90));

    answer (a, "assess.reproduced", g_rand_int_range (rand, 0, 10) == 0 ? "unknown" : "yes");
    answer (a, "assess.cvss", vectors[g_rand_int_range (rand, 0, G_N_ELEMENTS (vectors))]);
    answer (a, "assess.quality", qualities[g_rand_int_range (rand, 0, G_N_ELEMENTS (qualities))]);
    answer (a, "assess.owner", owners[g_rand_int_range (rand, 0, G_N_ELEMENTS (owners))]);
    answer (a, "assess.fix_date", fix_date);
    answer_day (a, "assess.sent_on", g_rand_int_range (rand, 1, 5));
  }

  /* Remediation. */
  day = g_rand_int_range (rand, 10, 40);
  answer_day (a, "remed.last_update_on", day);
  if (g_rand_int_range (rand, 0, 8) == 0)
    {
      g_autofree char *extended = demo_future_day (a, day + g_rand_int_range (rand, 30, 60));

      answer (a, "remed.fix_date_extended_to", extended);
      answer (a, "remed.extension_reason", "The supplier needs more time for a patch.");
    }
  if (stage == STAGE_REMEDIATION)
    return flush (a);
  day += g_rand_int_range (rand, 1, 20);
  answer_day (a, "remed.fixed_on", day);
  answer (a, "remed.verified", "yes");
  if (g_rand_boolean (rand))
    answer (a, "remed.retest_by_reporter", "yes");
  flush (a);

  /* Reward: eligible cases only. */
  if (stage == STAGE_REWARD)
    return flush (a);
  if (!rules_broken && g_strcmp0 (mp_case_get_answer_value (a->kase, "scope.known"), "no") == 0)
    {
      gboolean in_influence = g_rand_int_range (rand, 0, 10) != 0;

      in_influence = in_influence || typical;
      answer (a, "reward.in_influence", in_influence ? "yes" : "no");
      if (g_rand_int_range (rand, 0, 15) == 0)
        answer (a, "reward.declined", "yes");
      else if (in_influence)
        {
          static const char * const amounts[] = { "50.00", "100.00", "150.00", "250.00", "300.00" };

          answer (a, "reward.amount", amounts[g_rand_int_range (rand, 0, G_N_ELEMENTS (amounts))]);
          answer (a, "reward.kind", "Gift voucher");
          answer (a, "reward.voucher_code", "DEMO-VOUCHER-CODE");
          answer_day (a, "reward.sent_on", day + 2);
        }
    }

  /* Credit. */
  if (stage == STAGE_CREDIT)
    return flush (a);
  if (mp_case_get_reporter_name (a->kase) != NULL && g_rand_boolean (rand))
    {
      answer (a, "credit.wants", "yes");
      answer (a, "credit.name", mp_case_get_reporter_name (a->kase));
      answer_day (a, "credit.consent_on", day + 3);
    }
  else
    answer (a, "credit.wants", "no");

  /* Disclosure: some publish on an agreed day, some in the future. */
  if (stage == STAGE_DISCLOSURE)
    return flush (a);
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_autofree char *agreed = demo_future_day (a, day + g_rand_int_range (rand, 14, 60));

      answer (a, "disclose.agreed_on", agreed);
      answer (a, "disclose.reporter_plans", "A short write-up on the reporter's blog.");
      if (stage == STAGE_CLOSED && g_rand_int_range (rand, 0, 4) != 0)
        answer (a, "disclose.advisory", "https://www.example.nl/security/advisories");
    }
  else
    answer (a, "disclose.reporter_plans", "No publication planned.");

  /* Closure. */
  day += g_rand_int_range (rand, 3, 10);
  answer_day (a, "close.delete_requested_on", day);
  if (g_rand_boolean (rand))
    answer_day (a, "close.delete_confirmed_on", day + 2);
  answer_day (a, "close.final_letter_on", day + 3);
  if (stage == STAGE_CLOSED)
    {
      answer_day (a, "close.closed_on", day + 3);
      if (personal_data && g_rand_boolean (rand))
        answer_day (a, "close.own_data_deleted_on", day + 10);
    }
  return flush (a);
}

int
mp_cli_demo (MpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  gint n_cases = 0;
  gint seed = 1;
  GOptionEntry entries[] = {
    { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, N_("How many cases to make"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed for the random choices"), N_("S") },
    { NULL }
  };
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *first_reference = NULL;
  MpStore *store;
  gint64 now = mp_time_now ();
  const gint64 two_years = (gint64) 730 * 24 * 3600 * G_USEC_PER_SEC;

  if (!mp_cli_parse_options ("demo --cases N [--seed S]", entries, &argc, &argv))
    return 2;
  if (argc != 1 || n_cases <= 0)
    return mp_cli_usage ("demo --cases N [--seed S]");

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);

  policy = mp_store_get_policy (store);
  rand = g_rand_new_with_seed ((guint32) seed);
  if (!mp_store_begin_batch (store, &error))
    return mp_cli_fail (error);

  for (gint i = 0; i < n_cases; i++)
    {
      const DemoReport *report = &reports[g_rand_int_range (rand, 0, G_N_ELEMENTS (reports))];
      gboolean dutch = g_str_equal (report->language, "nl");
      g_autoptr(MpCase) draft = mp_case_new ();
      g_autoptr(MpCase) kase = NULL;
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;
      int kind = g_rand_int_range (rand, 0, 10);
      const char *first = dutch ? first_names_nl[g_rand_int_range (rand, 0, 10)]
                                : first_names_en[g_rand_int_range (rand, 0, 10)];
      const char *last = dutch ? last_names_nl[g_rand_int_range (rand, 0, 10)]
                               : last_names_en[g_rand_int_range (rand, 0, 10)];

      if (kind == 0)
        mp_case_set_boolean (draft, "reporter_anonymous", TRUE);
      else if (kind == 1)
        {
          name = g_strdup (pseudonyms[g_rand_int_range (rand, 0, G_N_ELEMENTS (pseudonyms))]);
          email = g_strdup_printf ("%s@proton.example", name);
        }
      else
        {
          name = g_strdup_printf ("%s %s", first, last);
          email = make_email (first, last);
        }

      mp_case_set_text (draft, "title", report->title);
      mp_case_set_text (draft, "asset", report->asset);
      mp_case_set_text (draft, "description", report->description);
      mp_case_set_text (draft, "impact", report->impact);
      mp_case_set_text (draft, "reproduction", report->reproduction);
      mp_case_set_text (draft, "reporter_name", name);
      mp_case_set_text (draft, "reporter_email", email);
      mp_case_set_text (draft, "reporter_language", report->language);
      mp_case_set_text (draft, "channel", channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (channels))]);
      mp_case_set_boolean (draft, "reporter_wants_credit", g_rand_boolean (rand));
      mp_case_set_boolean (draft, "report_encrypted", g_rand_int_range (rand, 0, 5) == 0);
      /* Spread over the last two years, the newest few in the last days. */
      mp_case_set_time (draft, "received_at",
                        now - (i % 20 == 0 ? g_rand_int_range (rand, 0, 96) * (gint64) 3600 * G_USEC_PER_SEC
                                           : (gint64) (g_rand_double (rand) * two_years)));

      kase = mp_store_add_case (store, draft, &error);
      if (kase != NULL)
        {
          DemoAnswers a = { store, kase, policy->tz, mp_case_get_received_at (kase), now, rand,
                            &error, TRUE, items, values };
          gboolean forced = (guint) i < G_N_ELEMENTS (covered);
          double age_days = (double) (now - a.received) / (24.0 * 3600 * G_USEC_PER_SEC);

          if (first_reference == NULL)
            first_reference = g_strdup (mp_case_get_reference (kase));
          if (!answer_case (&a, forced ? covered[i].stage : draw_stage (rand, age_days),
                            forced ? covered[i].outcome : draw_outcome (rand), forced,
                            first_reference))
            g_clear_object (&kase);
        }
      if (kase == NULL)
        {
          g_autoptr(GError) ignored = NULL;

          mp_store_end_batch (store, &ignored);
          return mp_cli_fail (error);
        }
    }

  if (!mp_store_end_batch (store, &error))
    return mp_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %d demo case\n", "Added %d demo cases\n", n_cases), n_cases);
  return 0;
}
