/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-format.h"
#include "mp-publish-policy.h"

/* The policy is written in the reader's language, not the interface's:
 * both languages side by side, like the letters and the dossier. Every
 * sentence is written for Meldpunt; none comes from the sample policies
 * DOMAIN.md was distilled from. */
typedef struct
{
  const char *en;
  const char *nl;
} Words;

#define W(en_, nl_) ((Words) { en_, nl_ })

typedef struct
{
  MpPublishDoc *doc;
  MpPolicy     *policy;
  gboolean      dutch;
  const char   *language;
} Writer;

static const char *
say (Writer *w,
     Words   words)
{
  return w->dutch ? words.nl : words.en;
}

static void
heading (Writer *w,
         Words   words)
{
  mp_publish_doc_heading (w->doc, say (w, words));
}

static void
paragraph (Writer *w,
           Words   words)
{
  mp_publish_doc_paragraph (w->doc, say (w, words));
}

static void
item (Writer *w,
      Words   words)
{
  mp_publish_doc_item (w->doc, say (w, words));
}

/* Items and paragraphs with numbers: the format is one of the two Words. */
G_GNUC_PRINTF (2, 3) static void
item_printf (Writer     *w,
             const char *format,
             ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  mp_publish_doc_item (w->doc, text);
}

G_GNUC_PRINTF (2, 3) static void
paragraph_printf (Writer     *w,
                  const char *format,
                  ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  mp_publish_doc_paragraph (w->doc, text);
}

static const char *
desk_name (Writer *w)
{
  if (w->policy->desk_name != NULL && w->policy->desk_name[0] != '\0')
    return w->policy->desk_name;
  return say (w, W ("our organisation", "onze organisatie"));
}

static void
write_introduction (Writer *w)
{
  const char *domain = mp_publish_main_domain (w->policy);

  if (w->dutch)
    paragraph_printf (w, "%s neemt de beveiliging van zijn systemen serieus. Ziet u een "
                      "zwakke plek in een van onze systemen? Meld die bij ons meldpunt. Op "
                      "deze pagina leest u wat wij van u vragen en wat u van ons kunt "
                      "verwachten.", desk_name (w));
  else
    paragraph_printf (w, "At %s, the security of our systems matters to us. If you come "
                      "across a weakness in one of them, please tell our disclosure desk. "
                      "This page sets out what we ask of you and what you can count on from "
                      "us.", desk_name (w));

  if (domain == NULL)
    return;
  if (w->dutch)
    paragraph_printf (w, "Deze afspraken gelden voor de systemen onder %s.", domain);
  else
    paragraph_printf (w, "These terms cover the systems under %s.", domain);
}

static void
write_how_to_report (Writer     *w,
                     const char *fingerprint)
{
  const char *domain = mp_publish_main_domain (w->policy);
  const char *email = w->policy->desk_email;

  heading (w, W ("How to report", "Zo meldt u"));
  if (email != NULL && email[0] != '\0')
    paragraph_printf (w, w->dutch ? "Stuur uw melding per e-mail naar %s."
                                  : "Send your report by e-mail to %s.", email);
  if (domain != NULL)
    {
      g_autofree char *key_url = mp_publish_url (domain, w->policy->publish_key_url,
                                                 "/security/desk-key.asc");

      paragraph_printf (w, w->dutch ? "Versleutel uw bevindingen waar dat kan met onze "
                                      "OpenPGP-sleutel: %s"
                                    : "Where you can, encrypt your findings with our OpenPGP "
                                      "key: %s", key_url);
    }
  if (fingerprint != NULL && fingerprint[0] != '\0')
    paragraph_printf (w, w->dutch ? "Vingerafdruk van de sleutel: %s"
                                  : "Fingerprint of the key: %s", fingerprint);
  paragraph (w, W ("If you would rather use another confidential channel, write to us first "
                   "and we will agree on one together.",
                   "Wilt u liever een ander vertrouwelijk kanaal gebruiken? Schrijf ons dan "
                   "eerst, dan spreken we er samen een af."));
  paragraph (w, W ("A good report tells us where the weakness is (an address or URL), what "
                   "someone could do with it, and the steps that show it, for example with a "
                   "proof of concept or screenshots.",
                   "Een goede melding vertelt waar de zwakke plek zit (een adres of URL), wat "
                   "iemand ermee zou kunnen doen en met welke stappen het zichtbaar wordt, "
                   "bijvoorbeeld met een proof of concept of schermafbeeldingen."));

  heading (w, W ("What not to send", "Wat u niet meestuurt"));
  paragraph (w, W ("Please leave personal data of others out of your report, and never send "
                   "payment details such as bank account or card numbers. Describe what you "
                   "could reach instead.",
                   "Laat persoonsgegevens van anderen weg uit uw melding en stuur nooit "
                   "betaalgegevens zoals rekening- of kaartnummers mee. Beschrijf liever wat u "
                   "kon inzien."));
}

/* R-clauses: what the desk asks of reporters. */
static void
write_requests (Writer *w)
{
  heading (w, W ("What we ask of you", "Wat wij van u vragen"));
  mp_publish_doc_list_begin (w->doc);
  item (w, W ("Do no more than you need to demonstrate the weakness.",
              "Doe niet meer dan nodig is om de zwakke plek aan te tonen."));
  item (w, W ("Do not look at, copy, change or delete data, yours or anyone else's, beyond "
              "what the demonstration needs.",
              "Bekijk, kopieer, wijzig of wis geen gegevens, van uzelf of van anderen, verder "
              "dan het aantonen vereist."));
  item (w, W ("Cause no damage: place no backdoors and make no changes to systems that "
              "have nothing to do with the weakness.",
              "Richt geen schade aan: plaats geen achterdeurtjes en breng geen wijzigingen aan "
              "die niets met de zwakke plek te maken hebben."));
  item (w, W ("Keep our services available: no denial-of-service attacks or anything else "
              "that disrupts production.",
              "Houd onze diensten beschikbaar: geen (D)DoS-aanvallen of andere verstoringen "
              "van de productie."));
  item (w, W ("Use no social engineering or phishing, and no physical attacks on our "
              "buildings or people.",
              "Gebruik geen social engineering of phishing en geen fysieke aanvallen op onze "
              "gebouwen of mensen."));
  item (w, W ("Send no spam and place no malware.",
              "Verstuur geen spam en plaats geen malware."));
  item (w, W ("Test only systems we control ourselves, not applications of third parties.",
              "Test alleen systemen die wij zelf beheren, geen toepassingen van derden."));
  if (w->dutch)
    item_printf (w, "Houd uw bevinding vertrouwelijk tot het probleem is opgelost, en geef "
                 "ons minstens %u dagen.", w->policy->disclosure_days);
  else
    item_printf (w, "Keep your finding confidential until the problem is solved, and give us "
                 "at least %u days.", w->policy->disclosure_days);
  item (w, W ("Once reported, do not use the weakness again.",
              "Gebruik de zwakke plek na uw melding niet opnieuw."));
  item (w, W ("Delete any confidential data you obtained as soon as we have fixed the "
              "problem.",
              "Wis vertrouwelijke gegevens die u hebt verkregen zodra wij het probleem hebben "
              "verholpen."));
  item (w, W ("Answer our questions if we need more information about your report.",
              "Beantwoord onze vragen als wij meer informatie over uw melding nodig hebben."));
  mp_publish_doc_list_end (w->doc);
}

/* P-clauses: what the desk promises, with its own numbers. */
static void
write_promises (Writer *w)
{
  MpPolicy *policy = w->policy;
  g_autofree char *cap = mp_format_amount_cents (policy->reward_cap, policy->currency,
                                                 w->language);
  const char *hall = NULL;
  g_autofree char *hall_url = NULL;

  if (mp_publish_main_domain (policy) != NULL)
    hall = hall_url = mp_publish_url (mp_publish_main_domain (policy),
                                      policy->publish_hall_of_fame_url,
                                      "/security/hall-of-fame.html");

  heading (w, W ("What we promise", "Wat wij u beloven"));
  mp_publish_doc_list_begin (w->doc);
  if (w->dutch)
    {
      item_printf (w, "U krijgt binnen %u uur een ontvangstbevestiging.", policy->ack_hours);
      item_printf (w, "Binnen %u werkdagen laten wij u weten hoe wij uw melding beoordelen en "
                   "wanneer wij een oplossing verwachten.", policy->assess_workdays);
      item_printf (w, "Tot de oplossing houden wij u op de hoogte, ten minste eens per %u "
                   "dagen.", policy->update_interval_days);
      item_printf (w, "Wij lossen het probleem zo snel mogelijk op; ons doel is %u dagen bij "
                   "een kritieke, %u bij een hoge, %u bij een middelgrote en %u bij een lage "
                   "ernst.", policy->fix_days[MP_SEVERITY_CRITICAL],
                   policy->fix_days[MP_SEVERITY_HIGH], policy->fix_days[MP_SEVERITY_MEDIUM],
                   policy->fix_days[MP_SEVERITY_LOW]);
    }
  else
    {
      item_printf (w, "You receive an acknowledgement within %u hours.", policy->ack_hours);
      item_printf (w, "Within %u working days we tell you how we assess your report and when "
                   "we expect a fix.", policy->assess_workdays);
      item_printf (w, "Until it is fixed we keep you informed, at least once every %u days.",
                   policy->update_interval_days);
      item_printf (w, "We fix the problem as soon as we can; we aim for %u days at critical, "
                   "%u at high, %u at medium and %u at low severity.",
                   policy->fix_days[MP_SEVERITY_CRITICAL], policy->fix_days[MP_SEVERITY_HIGH],
                   policy->fix_days[MP_SEVERITY_MEDIUM], policy->fix_days[MP_SEVERITY_LOW]);
    }
  item (w, W ("We treat your report in confidence. We share your personal details with no "
              "one without your consent, unless the law requires it or we have good reason to "
              "doubt your good faith.",
              "Wij behandelen uw melding vertrouwelijk. Uw persoonsgegevens delen wij met "
              "niemand zonder uw toestemming, tenzij de wet dat eist of wij gegronde twijfel "
              "hebben aan uw goede trouw."));
  item (w, W ("You may report under a pseudonym.", "U mag onder een pseudoniem melden."));
  if (hall != NULL)
    item_printf (w, w->dutch ? "Als u dat wilt, noemen wij u als ontdekker in publicaties en "
                               "in onze hall of fame: %s"
                             : "If you wish, we name you as the discoverer in publications "
                               "and in our hall of fame: %s", hall);
  else
    item (w, W ("If you wish, we name you as the discoverer in publications.",
                "Als u dat wilt, noemen wij u als ontdekker in publicaties."));
  item (w, W ("When you have followed these rules in good faith, we take no legal action "
              "against you over your report.",
              "Hebt u zich te goeder trouw aan deze regels gehouden, dan ondernemen wij geen "
              "juridische stappen tegen u vanwege uw melding."));
  if (policy->reward_cap > 0)
    item_printf (w, w->dutch ? "Voor elk nog onbekend probleem waarop wij invloed hebben en "
                               "dat volgens deze regels is gemeld, geven wij een beloning "
                               "van ten hoogste %s. De hoogte hangt af van de ernst van het "
                               "probleem en de kwaliteit van uw melding."
                             : "For each problem we did not know of, that we can act on and "
                               "that was reported under these rules, we give a reward of at "
                               "most %s. The amount depends on the severity of the problem "
                               "and the quality of your report.", cap);
  if (w->dutch)
    item_printf (w, "Openbaar maken gebeurt pas als het probleem is verholpen, en niet "
                 "eerder dan %u dagen na uw melding, tenzij wij samen iets anders "
                 "afspreken.", policy->disclosure_days);
  else
    item_printf (w, "Publication comes only after the fix, and not sooner than %u days after "
                 "your report unless we agree otherwise together.", policy->disclosure_days);
  item (w, W ("We would like to take part in whatever is published about the weakness once "
              "it is fixed.",
              "Wij denken graag mee over wat er na de oplossing over de zwakke plek wordt "
              "gepubliceerd."));
  mp_publish_doc_list_end (w->doc);
}

/* R-GROUP: the sister organisations and their own policies. */
static void
write_sisters (Writer *w)
{
  GPtrArray *sisters = w->policy->sisters;

  if (sisters == NULL || sisters->len == 0)
    return;
  heading (w, W ("Other organisations in our group", "Andere organisaties in onze groep"));
  paragraph (w, W ("Reports about these organisations go to them, under their own policy:",
                   "Meldingen over deze organisaties gaan naar henzelf, volgens hun eigen "
                   "beleid:"));
  mp_publish_doc_list_begin (w->doc);
  for (guint i = 0; i < sisters->len; i++)
    {
      MpSister *sister = g_ptr_array_index (sisters, i);

      if (sister->url != NULL && sister->url[0] != '\0')
        item_printf (w, "%s: %s", sister->name, sister->url);
      else
        mp_publish_doc_item (w->doc, sister->name);
    }
  mp_publish_doc_list_end (w->doc);
}

char *
mp_publish_policy (MpPolicy        *policy,
                   const char      *language,
                   MpPublishFormat  format,
                   const char      *key_fingerprint)
{
  Writer w = { NULL, policy, FALSE, NULL };
  g_autofree char *title = NULL;

  g_return_val_if_fail (policy != NULL, NULL);

  w.language = mp_format_language (language);
  w.dutch = g_str_equal (w.language, "nl");
  title = g_strdup_printf (w.dutch ? "Coordinated vulnerability disclosure bij %s"
                                   : "Coordinated vulnerability disclosure at %s",
                           desk_name (&w));
  w.doc = mp_publish_doc_new (format, w.language, title);
  write_introduction (&w);
  write_how_to_report (&w, key_fingerprint);
  write_requests (&w);
  write_promises (&w);
  write_sisters (&w);
  return mp_publish_doc_finish (w.doc);
}
