/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"

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
