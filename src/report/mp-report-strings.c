/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-letters.h"
#include "mp-format.h"
#include "mp-parse.h"
#include "mp-report-private.h"
#include "mp-vocabulary.h"

/* The report's own words, in Dutch and English.
 *
 * A report is printed in the language chosen for it, whatever the language
 * of the user interface; gettext answers in the process's locale, and
 * switching LANGUAGE for one lookup is not thread-safe (reports are laid out
 * in worker threads). So the report keeps a small table of its own, looked up
 * by the English text; these strings are deliberately not in po/. A string
 * missing from the table is a bug: it warns (and fails the tests). */

typedef struct
{
  const char *en;
  const char *nl;
} Phrase;

static const Phrase phrases[] = {
  /* markings and titles */
  { "CONFIDENTIAL", "VERTROUWELIJK" },
  { "Redacted – for sharing", "Geredigeerd – om te delen" },
  { "Case dossier", "Dossier" },
  { "Period report", "Perioderapportage" },
  { "Printed on %s. Times are in the time zone %s.",
    "Afgedrukt op %s. Tijden staan in de tijdzone %s." },
  { "This copy leaves out the reporter's identity and the details of the vulnerability, "
    "so that it can be shared beyond the desk.",
    "Deze versie laat de identiteit van de melder en de details van de kwetsbaarheid weg, "
    "zodat ze buiten het meldpunt gedeeld kan worden." },
  /* sections */
  { "Summary", "Samenvatting" },
  { "Reporter", "Melder" },
  { "Report", "Melding" },
  { "Timeline", "Tijdlijn" },
  { "Checklist", "Checklist" },
  { "Deadlines", "Termijnen" },
  { "Assessment", "Beoordeling" },
  { "Remediation", "Herstel" },
  { "Reward", "Beloning" },
  { "Credit", "Vermelding" },
  { "Disclosure", "Openbaarmaking" },
  { "Data deletion", "Verwijdering van gegevens" },
  { "Audit trail", "Audittrail" },
  { "Attachments", "Bijlagen" },
  { "Notes", "Notities" },
  /* summary fields */
  { "Reference", "Kenmerk" },
  { "Title", "Titel" },
  { "Status", "Status" },
  { "Outcome", "Uitkomst" },
  { "Received", "Ontvangen" },
  { "Channel", "Kanaal" },
  { "Affected system", "Getroffen systeem" },
  { "Severity", "Ernst" },
  { "Closed", "Gesloten" },
  { "Next deadline", "Volgende termijn" },
  { "Report encrypted", "Melding versleuteld" },
  /* reporter */
  { "Name", "Naam" },
  { "E-mail", "E-mail" },
  { "Language", "Taal" },
  { "Anonymous", "Anoniem" },
  { "Wants credit", "Wil vermelding" },
  { "Redacted", "Geredigeerd" },
  { "Erased", "Gewist" },
  { "The reporter's identity and contact details are left out of this copy.",
    "De identiteit en contactgegevens van de melder zijn uit deze versie weggelaten." },
  { "The description, impact and steps to reproduce are left out of this copy.",
    "De beschrijving, impact en reproductiestappen zijn uit deze versie weggelaten." },
  { "Dutch", "Nederlands" },
  { "English", "Engels" },
  { "Description", "Beschrijving" },
  { "Impact", "Impact" },
  { "Steps to reproduce", "Reproductiestappen" },
  { "Not given.", "Niet opgegeven." },
  { "The confidential details of this case were erased on %s.",
    "De vertrouwelijke gegevens van deze zaak zijn gewist op %s." },
  /* tables */
  { "When", "Wanneer" },
  { "What", "Wat" },
  { "Who", "Wie" },
  { "Details", "Details" },
  { "Step", "Stap" },
  { "Item", "Onderdeel" },
  { "Answer", "Antwoord" },
  { "Note", "Notitie" },
  { "Deadline", "Termijn" },
  { "Due", "Uiterlijk" },
  { "Met on", "Voldaan op" },
  { "Result", "Resultaat" },
  { "met", "gehaald" },
  { "met late", "te laat" },
  { "missed", "gemist" },
  { "open", "open" },
  { "File", "Bestand" },
  { "Type", "Soort" },
  { "Size", "Grootte" },
  { "Added", "Toegevoegd" },
  { "Status changed to %s", "Status gewijzigd in %s" },
  { "No entries.", "Geen vermeldingen." },
  { "No answers recorded yet.", "Nog geen antwoorden vastgelegd." },
  { "No deadlines.", "Geen termijnen." },
  { "(redacted)", "(geredigeerd)" },
  { "(continued)", "(vervolg)" },
  { "(confidential, not printed)", "(vertrouwelijk, niet afgedrukt)" },
  { "Number of attachments: %s (names left out)", "Aantal bijlagen: %s (namen weggelaten)" },
  /* assessment */
  { "CVSS vector", "CVSS-vector" },
  { "CVSS score", "CVSS-score" },
  { "not a valid CVSS vector", "geen geldige CVSS-vector" },
  { "Reproduced", "Gereproduceerd" },
  { "Report quality", "Kwaliteit van de melding" },
  { "Owner of the system", "Eigenaar van het systeem" },
  { "Expected fix date", "Verwachte hersteldatum" },
  { "Assessment sent", "Beoordeling verstuurd" },
  { "Impact notes", "Toelichting op de impact" },
  /* remediation */
  { "Last progress update", "Laatste voortgangsbericht" },
  { "Fix date extended to", "Hersteldatum verlengd tot" },
  { "Reason for the extension", "Reden van de verlenging" },
  { "Fixed on", "Hersteld op" },
  { "Fix verified", "Herstel gecontroleerd" },
  { "Retest by the reporter", "Hertest door de melder" },
  /* reward */
  { "Within our influence", "Binnen onze invloed" },
  { "Amount", "Bedrag" },
  { "Kind", "Soort" },
  { "Sent on", "Verstuurd op" },
  { "Declined", "Afgewezen" },
  { "Voucher code", "Waardeboncode" },
  /* credit */
  { "Name to publish", "Te publiceren naam" },
  { "Consent given on", "Toestemming gegeven op" },
  /* disclosure */
  { "Publication agreed for", "Publicatie afgesproken op" },
  { "Disclosure extended to", "Openbaarmaking verlengd tot" },
  { "Reporter's publication plans", "Publicatieplannen van de melder" },
  { "Advisory", "Advisory" },
  /* deletion */
  { "Personal data received", "Persoonsgegevens ontvangen" },
  { "Reporter asked to delete data", "Melder gevraagd gegevens te verwijderen" },
  { "Reporter confirmed deletion", "Melder bevestigde verwijdering" },
  { "Our own copies deleted", "Eigen kopieën verwijderd" },
  { "Confidential case data erased", "Vertrouwelijke zaakgegevens gewist" },
  { "Final letter sent", "Slotbrief verstuurd" },
  { "Nothing recorded yet.", "Nog niets vastgelegd." },
  /* audit */
  { "Entries in the audit trail", "Regels in de audittrail" },
  { "Fingerprint (chain head)", "Vingerafdruk (kop van de keten)" },
  { "Chain verified", "Keten gecontroleerd" },
  { "The audit trail is a chain of entries, each sealed together with the one before it. "
    "The fingerprint identifies the whole trail as it stood when this report was made; "
    "“meldpunt-cli audit verify” shows the same value.",
    "De audittrail is een keten van regels die elk samen met de vorige zijn verzegeld. "
    "De vingerafdruk identificeert de hele trail zoals die was toen dit rapport werd gemaakt; "
    "“meldpunt-cli audit verify” toont dezelfde waarde." },
  { "BROKEN: %s", "VERBROKEN: %s" },
  /* period report */
  { "Cases received from %s to %s", "Zaken ontvangen van %s tot en met %s" },
  { "Cases received", "Ontvangen zaken" },
  { "Cases closed", "Gesloten zaken" },
  { "Median time to acknowledge", "Mediane tijd tot ontvangstbevestiging" },
  { "Median time to assess", "Mediane tijd tot beoordeling" },
  { "Median time to fix", "Mediane tijd tot herstel" },
  { "Deadlines met", "Termijnen gehaald" },
  { "Rewards paid", "Beloningen uitgekeerd" },
  { "Outcomes", "Uitkomsten" },
  { "Cases", "Zaken" },
  { "Count", "Aantal" },
  { "Share", "Aandeel" },
  { "Ack.", "Bev." },
  { "Assess.", "Beoord." },
  { "Fix", "Herstel" },
  { "Deadlines met (of due)", "Termijnen gehaald (van verstreken)" },
  { "not yet decided", "nog niet besloten" },
  { "%s of %s (%s%%)", "%s van %s (%s%%)" },
  { "%s (%s cases)", "%s (%s zaken)" },
  { "%s (1 case)", "%s (1 zaak)" },
  { "%s days", "%s dagen" },
  { "1 day", "1 dag" },
  { "not enough data", "onvoldoende gegevens" },
  { "Times are in calendar days from receipt. “Ack.”, “Assess.” and “Fix” give the days "
    "until the acknowledgement, the assessment and the fix; a dash means not (yet) done.",
    "Tijden zijn in kalenderdagen vanaf ontvangst. „Bev.”, „Beoord.” en „Herstel” geven "
    "het aantal dagen tot de ontvangstbevestiging, de beoordeling en het herstel; een "
    "streepje betekent: (nog) niet gedaan." },
  { "No cases were received in this period.", "In deze periode zijn geen zaken ontvangen." },
  { "yes", "ja" },
  { "no", "nee" },
  { "unknown", "onbekend" },
  { "none", "geen" },
  /* the register of data breaches (issue 23) */
  { "Register of data breaches", "Register van datalekken" },
  { "Every data breach the organisation became aware of in this period (AVG art. 33(5)), "
    "notified or not; entries stay when a case's details are erased.",
    "Elk datalek waarvan de organisatie in deze periode op de hoogte raakte (AVG art. 33 lid 5), "
    "gemeld of niet; de regels blijven staan als de details van een zaak gewist zijn." },
  { "No data breaches in this period.", "In deze periode zijn geen datalekken geregistreerd." },
  { "Aware since", "Bekend sinds" },
  { "Personal data", "Persoonsgegevens" },
  { "People", "Betrokkenen" },
  { "Decision", "Besluit" },
  { "Notified", "Gemeld" },
};

const char *
_mp_report_tr (const char *language,
               const char *english)
{
  if (g_strcmp0 (language, "nl") != 0)
    return english;
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (strcmp (phrases[i].en, english) == 0)
      return phrases[i].nl;
  g_warning ("report: no Dutch for “%s”", english);
  return english;
}

char *
_mp_report_trf (const char *language,
                const char *english,
                ...)
{
  const char *template = _mp_report_tr (language, english);
  GString *out = g_string_new (NULL);
  va_list args;

  /* Only "%s" (taken in order) and "%%": the templates come from the table
   * above, so no printf with a format that is not a literal. */
  va_start (args, english);
  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == 's')
        {
          const char *arg = va_arg (args, const char *);

          g_string_append (out, arg != NULL ? arg : "");
          p++;
        }
      else if (p[0] == '%' && p[1] == '%')
        {
          g_string_append_c (out, '%');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

/* ---- labels for stored values ------------------------------------------ */

typedef struct
{
  const char *value;
  const char *en;
  const char *nl;
} Label;

static const Label outcomes[] = {
  { "in-scope", "In scope", "Binnen scope" },
  { "out-of-scope", "Out of scope", "Buiten scope" },
  { "duplicate", "Duplicate", "Dubbele melding" },
  { "not-vulnerability", "Not a vulnerability", "Geen kwetsbaarheid" },
  { "third-party", "Third party", "Derde partij" },
  { "sister", "Sister organisation", "Zusterorganisatie" },
  { NULL }
};

static const Label values[] = {
  { "yes", "yes", "ja" },
  { "no", "no", "nee" },
  { "unknown", "unknown", "onbekend" },
  { "ours", "ours", "van ons" },
  { "sister", "sister organisation", "zusterorganisatie" },
  { "third-party", "third party", "derde partij" },
  { "duplicate", "duplicate", "dubbele melding" },
  { "known-issue", "known issue", "bekend probleem" },
  { "earlier-test", "earlier security test", "eerdere beveiligingstest" },
  { "in-scope", "in scope", "binnen scope" },
  { "out-of-scope", "out of scope", "buiten scope" },
  { "not-vulnerability", "not a vulnerability", "geen kwetsbaarheid" },
  { "poor", "poor", "slecht" },
  { "fair", "fair", "redelijk" },
  { "good", "good", "goed" },
  { "excellent", "excellent", "uitstekend" },
  { NULL }
};

static const char *
label_lookup (const Label *labels,
              const char  *language,
              const char  *value)
{
  if (value == NULL)
    return "";
  for (guint i = 0; labels[i].value != NULL; i++)
    if (strcmp (labels[i].value, value) == 0)
      return g_strcmp0 (language, "nl") == 0 ? labels[i].nl : labels[i].en;
  return value;
}

/* The vocabulary's label of @id, in the report's language. */
static const char *
term_label (const char   *language,
            MpVocabulary  vocabulary,
            const char   *id)
{
  const MpTerm *term = mp_vocabulary_lookup (vocabulary, id);
  const char *context = NULL;
  const char *msgid;

  if (term == NULL)
    return id != NULL ? id : "";
  msgid = mp_term_get_msgid (vocabulary, term, &context);
  return _mp_report_catalogue_lookup (language, context, msgid);
}

const char *
_mp_report_status_label (const char *language,
                         const char *status)
{
  return term_label (language, MP_VOCABULARY_STATUS, status);
}

const char *
_mp_report_outcome_label (const char *language,
                          const char *outcome)
{
  if (outcome == NULL)
    return _mp_report_tr (language, "not yet decided");
  return label_lookup (outcomes, language, outcome);
}

const char *
_mp_report_severity_label (const char *language,
                           const char *severity)
{
  return term_label (language, MP_VOCABULARY_SEVERITY, severity);
}

const char *
_mp_report_channel_label (const char *language,
                          const char *channel)
{
  return term_label (language, MP_VOCABULARY_CHANNEL, channel);
}

const char *
_mp_report_deadline_label (const char *language,
                           const char *kind)
{
  return term_label (language, MP_VOCABULARY_DEADLINE_KIND, kind);
}

const char *
_mp_report_event_label (const char *language,
                        const char *kind)
{
  return term_label (language, MP_VOCABULARY_EVENT_KIND, kind);
}

const char *
_mp_report_letter_label (const char *language,
                         const char *kind)
{
  /* The kind's title as the window shows it, in the report's language. */
  const char *msgid = mp_letters_get_kind_msgid (kind);

  if (msgid == NULL)
    return kind != NULL ? kind : "";
  return _mp_report_catalogue_lookup (language, NULL, msgid);
}

const char *
_mp_report_value_label (const char *language,
                        const char *value)
{
  return label_lookup (values, language, value);
}

const char *
_mp_report_step_label (const char *language,
                       const char *item)
{
  const MpChecklistItem *checklist_item = mp_checklist_lookup_item (item);
  g_autofree char *prefix = NULL;

  if (checklist_item != NULL)
    return term_label (language, MP_VOCABULARY_STEP,
                       mp_checklist_get_step (checklist_item->step)->id);
  /* An item the checklist no longer has: under its own name. */
  prefix = g_strndup (item, strcspn (item, "."));
  return g_intern_string (prefix);
}

/* The one place where checklist item labels come from: core's checklist
 * (mp-checklist.h) has each item's question, in English in its table and in
 * Dutch in the application's catalogue, read here without gettext (see
 * mp-report-catalog.c). For an item it does not know, the item id is
 * printed: stable, and what auditors can search for. */
char *
_mp_report_item_label (const char *language,
                       const char *item)
{
  const MpChecklistItem *checklist_item = mp_checklist_lookup_item (item);

  if (checklist_item != NULL && checklist_item->label != NULL)
    return g_strdup (_mp_report_catalogue_lookup (language, NULL, checklist_item->label));
  return g_strdup (item);
}

/* Returns: (transfer none) (nullable): the checklist's label for @value of
 * @item ("A sister organisation in the group"), or NULL. */
const char *
_mp_report_choice_label (const char *language,
                         const char *item,
                         const char *value)
{
  const MpChecklistItem *checklist_item = mp_checklist_lookup_item (item);

  /* The checklist's choices are translated with the context "checklist". */
  if (checklist_item != NULL && checklist_item->choices != NULL)
    for (guint i = 0; checklist_item->choices[i].value != NULL; i++)
      if (g_strcmp0 (checklist_item->choices[i].value, value) == 0)
        return _mp_report_catalogue_lookup (language, "checklist",
                                            checklist_item->choices[i].label);
  return NULL;
}

/* ---- dates, amounts, pages --------------------------------------------- */

/* Dates and amounts come from core's mp-format, which writes them per
 * language without the C library's locale; these wrappers only fix the
 * report's choices (which form where) and print a dash for "not set". */

static char *
or_dash (char *text)
{
  return text != NULL ? text : g_strdup ("–");
}

char *
_mp_report_format_day (const char *language,
                       GTimeZone  *tz,
                       gint64      usec)
{
  if (usec == 0)
    return g_strdup ("–");
  return or_dash (mp_format_date (usec, g_time_zone_get_identifier (tz), language));
}

char *
_mp_report_format_time (const char *language,
                        GTimeZone  *tz,
                        gint64      usec)
{
  if (usec == 0)
    return g_strdup ("–");
  return or_dash (mp_format_date_time (usec, g_time_zone_get_identifier (tz), language));
}

char *
_mp_report_format_time_short (const char *language,
                              GTimeZone  *tz,
                              gint64      usec,
                              gboolean    with_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;

  /* For table cells: "20 Nov 2026 09:15" / "20 nov. 2026 09:15". */
  if (usec == 0)
    return g_strdup ("–");
  date = mp_format_date_short (usec, g_time_zone_get_identifier (tz), language);
  utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
  if (date == NULL || local == NULL)
    return g_strdup ("?");
  if (!with_time)
    return g_steal_pointer (&date);
  return g_strdup_printf ("%s %02d:%02d", date, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

char *
_mp_report_format_date_text (const char *language,
                             const char *date,
                             gboolean    brief)
{
  char *text;

  if (date == NULL)
    return g_strdup ("–");
  text = brief ? mp_format_day_short (date, language) : mp_format_day (date, language);
  /* Not a day after all: print what was recorded. */
  return text != NULL ? text : g_strdup (date);
}

char *
_mp_report_format_amount (const char *language,
                          const char *amount)
{
  gint64 cents;

  if (amount == NULL)
    return g_strdup ("–");
  if (!mp_amount_parse (amount, &cents))
    return g_strdup (amount);
  return mp_format_amount_cents (cents, NULL, language);
}

char *
_mp_report_format_page (const char *language,
                        guint       page,
                        guint       n_pages)
{
  if (g_strcmp0 (language, "nl") == 0)
    return g_strdup_printf ("pagina %u van %u", page, n_pages);
  return g_strdup_printf ("page %u of %u", page, n_pages);
}
