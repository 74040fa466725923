/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-breach-register.h"
#include "mp-case.h"
#include "mp-desk-context.h"
#include "mp-legal.h"

/* Both languages side by side: the register is exported in the desk's two
 * languages whatever the interface speaks. */
typedef struct
{
  const char *id;
  const char *en;
  const char *nl;
} Label;

static const Label decisions[] = {
  { "notified", "Notified to the authority", "Gemeld bij de toezichthouder" },
  { "controller-informed", "Controller informed", "Verwerkingsverantwoordelijke geïnformeerd" },
  { "not-notified", "Not notified", "Niet gemeld" },
  { "open", "Not decided yet", "Nog niet besloten" },
};

static const Label risks[] = {
  { "unlikely", "Unlikely to pose a risk", "Waarschijnlijk geen risico" },
  { "risk", "A risk", "Een risico" },
  { "high", "A high risk", "Een hoog risico" },
};

static const Label headers[] = {
  { "reference", "Reference", "Kenmerk" },
  { "aware", "Aware since", "Bekend sinds" },
  { "data", "Personal data", "Persoonsgegevens" },
  { "people", "People concerned", "Aantal betrokkenen" },
  { "risk", "Likely risk", "Waarschijnlijk risico" },
  { "decision", "Decision", "Besluit" },
  { "reason", "Reason", "Reden" },
  { "notified", "Notified at", "Gemeld op" },
  { "authority_reference", "Authority's reference", "Kenmerk toezichthouder" },
  { "erased", "Details erased", "Details gewist" },
};

static const char *
label_of (const Label *labels,
          guint        n_labels,
          const char  *id,
          const char  *language)
{
  for (guint i = 0; id != NULL && i < n_labels; i++)
    if (g_str_equal (labels[i].id, id))
      return g_strcmp0 (language, "nl") == 0 ? labels[i].nl : labels[i].en;
  return "";
}

static gint64
moment_answer (MpCase     *kase,
               const char *item)
{
  const char *value = mp_case_get_answer_value (kase, item);
  gint64 moment = 0;

  if (value == NULL || !mp_legal_parse_moment (value, &moment))
    return 0;
  return moment;
}

static char *
dup_answer (MpCase     *kase,
            const char *item)
{
  const char *value = mp_case_get_answer_value (kase, item);

  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static MpBreachEntry *
entry_new (MpCase *kase)
{
  MpBreachEntry *entry = g_new0 (MpBreachEntry, 1);
  gint64 authority = moment_answer (kase, "legal.gdpr_authority_notified_at");
  gint64 controller = moment_answer (kase, "legal.gdpr_controller_informed_at");

  entry->reference = g_strdup (mp_case_get_reference (kase));
  entry->aware_at = mp_legal_get_aware_at (kase);
  entry->data = dup_answer (kase, "legal.data_breach_data");
  entry->people = dup_answer (kase, "legal.data_breach_people");
  entry->risk = dup_answer (kase, "legal.data_breach_risk");
  entry->reason = dup_answer (kase, "legal.gdpr_not_required");
  entry->authority_reference = dup_answer (kase, "legal.gdpr_authority_reference");
  entry->erased = mp_case_is_erased (kase);
  if (authority != 0)
    {
      entry->decision = g_strdup ("notified");
      entry->notified_at = authority;
    }
  else if (controller != 0)
    {
      entry->decision = g_strdup ("controller-informed");
      entry->notified_at = controller;
    }
  else
    entry->decision = g_strdup (entry->reason != NULL ? "not-notified" : "open");
  return entry;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const MpBreachEntry *ea = *(const MpBreachEntry **) a;
  const MpBreachEntry *eb = *(const MpBreachEntry **) b;

  if (ea->aware_at != eb->aware_at)
    return ea->aware_at < eb->aware_at ? -1 : 1;
  return g_strcmp0 (ea->reference, eb->reference);
}

static void
append_csv_field (GString    *line,
                  const char *value)
{
  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  /* A field that a spreadsheet would take for a formula is quoted and
   * prefixed, so that opening the export runs nothing. */
  if (strpbrk (value, ",\"\r\n") != NULL || strchr ("=+-@", value[0]) != NULL)
    {
      g_string_append_c (line, '"');
      if (value[0] != '\0' && strchr ("=+-@", value[0]) != NULL)
        g_string_append_c (line, '\'');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  else
    g_string_append (line, value);
}

static char *
format_moment (gint64     moment,
               GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (moment == 0)
    return NULL;
  utc = g_date_time_new_from_unix_utc (moment / G_USEC_PER_SEC);
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* ---- public --------------------------------------------------------------- */

void
mp_breach_entry_free (MpBreachEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->reference);
  g_free (entry->data);
  g_free (entry->people);
  g_free (entry->risk);
  g_free (entry->decision);
  g_free (entry->reason);
  g_free (entry->authority_reference);
  g_free (entry);
}

GPtrArray *
mp_breach_register_list (GListModel *cases,
                         gint64      from,
                         gint64      to)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_breach_entry_free);

  g_return_val_if_fail (G_IS_LIST_MODEL (cases), entries);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      gint64 aware;

      if (!mp_legal_gdpr_applies (kase))
        continue;
      aware = mp_legal_get_aware_at (kase);
      if ((from != 0 && aware < from) || (to != 0 && aware >= to))
        continue;
      g_ptr_array_add (entries, entry_new (kase));
    }
  g_ptr_array_sort (entries, compare_entries);
  return entries;
}

const char *
mp_breach_decision_label (const char *decision,
                          const char *language)
{
  return label_of (decisions, G_N_ELEMENTS (decisions), decision, language);
}

const char *
mp_breach_risk_label (const char *risk,
                      const char *language)
{
  return label_of (risks, G_N_ELEMENTS (risks), risk, language);
}

char *
mp_breach_register_to_csv (GPtrArray  *entries,
                           const char *timezone,
                           const char *language)
{
  g_autoptr(GTimeZone) tz = mp_desk_time_zone_new (timezone);
  GString *csv = g_string_new (NULL);
  gboolean dutch = g_strcmp0 (language, "nl") == 0;

  g_return_val_if_fail (entries != NULL, g_string_free (csv, FALSE));

  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    append_csv_field (csv, dutch ? headers[h].nl : headers[h].en);
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < entries->len; i++)
    {
      MpBreachEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *aware = format_moment (entry->aware_at, tz);
      g_autofree char *notified = format_moment (entry->notified_at, tz);

      /* Each row starts after the previous CRLF. */
      append_csv_field (csv, entry->reference);
      append_csv_field (csv, aware);
      append_csv_field (csv, entry->data);
      append_csv_field (csv, entry->people);
      append_csv_field (csv, mp_breach_risk_label (entry->risk, language));
      append_csv_field (csv, mp_breach_decision_label (entry->decision, language));
      append_csv_field (csv, entry->reason);
      append_csv_field (csv, notified);
      append_csv_field (csv, entry->authority_reference);
      append_csv_field (csv, entry->erased ? (dutch ? "ja" : "yes") : (dutch ? "nee" : "no"));
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}
