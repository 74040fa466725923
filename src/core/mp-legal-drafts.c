/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-checklist.h"
#include "mp-format.h"
#include "mp-legal.h"
#include "mp-legal-drafts.h"

/* Both languages side by side, like the dossier's words (mp-report-strings.c):
 * a draft follows the authority's language, not the interface's. */
typedef struct
{
  const char *en;
  const char *nl;
} Words;

#define W(en_, nl_) ((Words) { en_, nl_ })

typedef struct
{
  GString    *text;
  gboolean    dutch;
  MpPolicy   *policy;
  MpCase     *kase;
} Draft;

static const char *
say (const Draft *draft,
     Words        words)
{
  return draft->dutch ? words.nl : words.en;
}

static void
heading (Draft *draft,
         Words  words)
{
  if (draft->text->len > 0)
    g_string_append_c (draft->text, '\n');
  g_string_append_printf (draft->text, "%s\n", say (draft, words));
}

/* "Label: value", the value in words when unknown. */
static void
field (Draft      *draft,
       Words       label,
       const char *value)
{
  const char *shown = value;

  if (shown == NULL || *shown == '\0')
    shown = say (draft, W ("not known yet", "nog niet bekend"));
  g_string_append_printf (draft->text, "%s: %s\n", say (draft, label), shown);
}

static void
field_answer (Draft      *draft,
              Words       label,
              const char *item)
{
  const char *value = mp_case_get_answer_value (draft->kase, item);
  const MpChecklistItem *meta = mp_checklist_lookup_item (item);

  /* Choice answers in the draft's language: yes/no/unknown and the risk. */
  if (value != NULL && meta != NULL && meta->choices != NULL)
    {
      static const struct { const char *value; Words words; } choices[] = {
        { "yes", { "yes", "ja" } },
        { "no", { "no", "nee" } },
        { "unknown", { "unknown", "onbekend" } },
        { "unlikely", { "unlikely to pose a risk", "waarschijnlijk geen risico" } },
        { "risk", { "a risk to the people concerned", "een risico voor de betrokkenen" } },
        { "high", { "a high risk to the people concerned",
                    "een hoog risico voor de betrokkenen" } },
        { "controller", { "controller", "verwerkingsverantwoordelijke" } },
        { "processor", { "processor", "verwerker" } },
      };

      for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
        if (g_str_equal (choices[i].value, value))
          {
            field (draft, label, say (draft, choices[i].words));
            return;
          }
    }
  field (draft, label, value);
}

static void
field_moment (Draft  *draft,
              Words   label,
              gint64  moment)
{
  g_autofree char *text = NULL;

  if (moment != 0)
    {
      g_autofree char *when = mp_format_date_time (moment, draft->policy->timezone,
                                                   draft->dutch ? "nl" : "en");

      text = g_strdup_printf ("%s (%s)", when, draft->policy->timezone);
    }
  field (draft, label, text);
}

static void
field_moment_answer (Draft      *draft,
                     Words       label,
                     const char *item)
{
  const char *value = mp_case_get_answer_value (draft->kase, item);
  gint64 moment = 0;

  if (value != NULL)
    mp_legal_parse_moment (value, &moment);
  field_moment (draft, label, moment);
}

/* Who reports, and about which case: the start of every draft. */
static void
reporter_part (Draft *draft)
{
  heading (draft, W ("Reporting organisation", "Meldende organisatie"));
  field (draft, W ("Organisation", "Organisatie"), draft->policy->desk_name);
  field (draft, W ("Contact (e-mail)", "Contact (e-mail)"), draft->policy->desk_email);
  field (draft, W ("Our reference", "Ons kenmerk"), mp_case_get_reference (draft->kase));
  field_moment (draft, W ("Aware since", "Bekend sinds"), mp_legal_get_aware_at (draft->kase));
  field_moment (draft, W ("Vulnerability report received", "Kwetsbaarheidsmelding ontvangen"),
                mp_case_get_received_at (draft->kase));
}

static void
what_part (Draft *draft)
{
  heading (draft, W ("What happened", "Wat er is gebeurd"));
  field (draft, W ("Summary", "Samenvatting"), mp_case_get_title (draft->kase));
  field (draft, W ("Affected system", "Getroffen systeem"), mp_case_get_asset (draft->kase));
  field (draft, W ("Description", "Beschrijving"), mp_case_get_description (draft->kase));
  field (draft, W ("Potential impact", "Mogelijke gevolgen"), mp_case_get_impact (draft->kase));
  field_answer (draft, W ("Signs of malicious exploitation before the report",
                          "Sporen van kwaadwillig misbruik vóór de melding"), "legal.exploited");
}

static void
measures_part (Draft *draft)
{
  const char *fixed = mp_case_get_answer_value (draft->kase, "remed.fixed_on");
  g_autofree char *fixed_text = fixed != NULL ? mp_format_day (fixed, draft->dutch ? "nl" : "en")
                                              : NULL;

  heading (draft, W ("Measures", "Maatregelen"));
  field (draft, W ("Fixed on", "Verholpen op"), fixed_text);
  field (draft, W ("Expected fix date", "Verwachte hersteldatum"),
         mp_case_get_answer_value (draft->kase, "assess.fix_date"));
}

static void
gdpr_draft (Draft   *draft,
            gboolean controller)
{
  if (controller)
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("Data breach: information for the controller "
                                           "(AVG/GDPR art. 33(2))",
                                           "Datalek: informatie voor de "
                                           "verwerkingsverantwoordelijke (AVG art. 33 lid 2)")));
  else
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("Data breach notification to the Autoriteit "
                                           "Persoonsgegevens (AVG/GDPR art. 33)",
                                           "Melding datalek aan de Autoriteit Persoonsgegevens "
                                           "(AVG art. 33)")));
  reporter_part (draft);
  /* The case's answer, else the desk's usual role from the policy. */
  field (draft, W ("Our role", "Onze rol"),
         mp_legal_is_processor (draft->policy, draft->kase)
         ? say (draft, W ("processor", "verwerker"))
         : say (draft, W ("controller", "verwerkingsverantwoordelijke")));
  if (controller)
    field_answer (draft, W ("Controller (client)", "Verwerkingsverantwoordelijke (klant)"),
                  "legal.client");
  what_part (draft);
  heading (draft, W ("Personal data", "Persoonsgegevens"));
  field_answer (draft, W ("Kinds of personal data", "Soorten persoonsgegevens"),
                "legal.data_breach_data");
  field_answer (draft, W ("Number of people concerned (estimate)",
                          "Aantal betrokkenen (schatting)"), "legal.data_breach_people");
  field_answer (draft, W ("Reached by", "Bereikt door"), "legal.data_breach_by");
  field_answer (draft, W ("Likely consequences", "Waarschijnlijke gevolgen"),
                "legal.data_breach_risk");
  field_moment_answer (draft, W ("People concerned informed", "Betrokkenen geïnformeerd"),
                       "legal.gdpr_subjects_informed_at");
  measures_part (draft);
}

static void
nis2_draft (Draft      *draft,
            const char *kind)
{
  if (g_str_equal (kind, "nis2-early-warning"))
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("NIS2 early warning to the CSIRT "
                                           "(Cbw, NIS2 art. 23(4)(a))",
                                           "NIS2 vroegtijdige waarschuwing aan het CSIRT "
                                           "(Cbw, NIS2 art. 23 lid 4 a)")));
  else if (g_str_equal (kind, "nis2-notification"))
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("NIS2 incident notification to the CSIRT "
                                           "(Cbw, NIS2 art. 23(4)(b))",
                                           "NIS2 incidentmelding aan het CSIRT "
                                           "(Cbw, NIS2 art. 23 lid 4 b)")));
  else
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("NIS2 final report to the CSIRT "
                                           "(Cbw, NIS2 art. 23(4)(d))",
                                           "NIS2 eindverslag aan het CSIRT "
                                           "(Cbw, NIS2 art. 23 lid 4 d)")));
  reporter_part (draft);
  what_part (draft);
  field (draft, W ("Severity", "Ernst"), mp_case_get_severity (draft->kase));
  field (draft, W ("Cross-border impact", "Grensoverschrijdende gevolgen"),
         say (draft, W ("to be assessed", "wordt beoordeeld")));
  if (!g_str_equal (kind, "nis2-early-warning"))
    {
      field_moment_answer (draft, W ("Early warning given", "Vroegtijdige waarschuwing gegeven"),
                           "legal.nis2_early_warning_at");
      field_answer (draft, W ("CSIRT reference", "Kenmerk CSIRT"), "legal.nis2_reference");
      measures_part (draft);
    }
}

static void
cra_draft (Draft      *draft,
           const char *kind)
{
  if (g_str_equal (kind, "cra-early-warning"))
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("CRA early warning of an actively exploited "
                                           "vulnerability (art. 14(2)(a))",
                                           "CRA vroegtijdige waarschuwing over een actief "
                                           "misbruikte kwetsbaarheid (art. 14 lid 2 a)")));
  else if (g_str_equal (kind, "cra-notification"))
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("CRA vulnerability notification (art. 14(2)(b))",
                                           "CRA kwetsbaarheidsmelding (art. 14 lid 2 b)")));
  else
    g_string_append_printf (draft->text, "%s\n",
                            say (draft, W ("CRA final report (art. 14(2)(c))",
                                           "CRA eindverslag (art. 14 lid 2 c)")));
  reporter_part (draft);
  heading (draft, W ("Product", "Product"));
  field (draft, W ("Our products with digital elements", "Onze producten met digitale elementen"),
         draft->policy->legal_own_products);
  field (draft, W ("Affected product or system", "Getroffen product of systeem"),
         mp_case_get_asset (draft->kase));
  what_part (draft);
  field (draft, W ("Severity", "Ernst"), mp_case_get_severity (draft->kase));
  if (!g_str_equal (kind, "cra-early-warning"))
    {
      field_answer (draft, W ("Notification reference", "Kenmerk melding"), "legal.cra_reference");
      field_moment_answer (draft, W ("Correcting or mitigating measure available",
                                     "Corrigerende of beperkende maatregel beschikbaar"),
                           "legal.cra_measure_at");
      field (draft, W ("Users informed", "Gebruikers geïnformeerd"),
             say (draft, W ("describe how and when", "beschrijf hoe en wanneer")));
      measures_part (draft);
    }
}

gboolean
mp_legal_draft_exists (const char *kind)
{
  return mp_legal_is_legal_kind (kind);
}

char *
mp_legal_draft_build (MpPolicy   *policy,
                      MpCase     *kase,
                      const char *kind,
                      const char *language)
{
  Draft draft = { NULL, g_strcmp0 (language, "nl") == 0, policy, kase };

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!mp_legal_draft_exists (kind))
    return NULL;

  draft.text = g_string_new (NULL);
  if (g_str_has_prefix (kind, "gdpr-"))
    gdpr_draft (&draft, g_str_equal (kind, "gdpr-controller"));
  else if (g_str_has_prefix (kind, "nis2-"))
    nis2_draft (&draft, kind);
  else
    cra_draft (&draft, kind);
  g_string_append_printf (draft.text, "\n%s\n",
                          say (&draft, W ("Prepared with Meldpunt from the case's facts. Check "
                                          "every field against the authority's form; Meldpunt "
                                          "does not give legal advice.",
                                          "Voorbereid met Meldpunt uit de gegevens van de zaak. "
                                          "Controleer elk veld aan de hand van het formulier "
                                          "van de toezichthouder; Meldpunt geeft geen juridisch "
                                          "advies.")));
  return g_string_free (draft.text, FALSE);
}
