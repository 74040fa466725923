/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-case.h"
#include "mp-format.h"
#include "mp-publish-halloffame.h"

typedef struct
{
  const char *name;
  gint64      received_at;
  const char *severity;
} Credit;

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Credit *x = a, *y = b;

  if (x->received_at != y->received_at)
    return x->received_at > y->received_at ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

static const char *
severity_word (const char *severity,
               gboolean    dutch)
{
  static const struct { const char *id, *en, *nl; } words[] = {
    { "low", "low severity", "lage ernst" },
    { "medium", "medium severity", "middelgrote ernst" },
    { "high", "high severity", "hoge ernst" },
    { "critical", "critical severity", "kritieke ernst" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (severity, words[i].id) == 0)
      return dutch ? words[i].nl : words[i].en;
  return NULL;
}

static gboolean
filled (const char *text)
{
  return text != NULL && text[0] != '\0';
}

gboolean
mp_publish_credit_consented (gpointer kase)
{
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  return g_strcmp0 (mp_case_get_answer_value (kase, "credit.wants"), "yes") == 0 &&
         filled (mp_case_get_answer_value (kase, "credit.name")) &&
         filled (mp_case_get_answer_value (kase, "credit.consent_on"));
}

char *
mp_publish_hall_of_fame (MpPolicy        *policy,
                         GListModel      *cases,
                         const char      *language,
                         MpPublishFormat  format)
{
  g_autoptr(GArray) credits = g_array_new (FALSE, FALSE, sizeof (Credit));
  g_autofree char *title = NULL;
  MpPublishDoc *doc;
  gboolean dutch;
  guint n;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);

  language = mp_format_language (language);
  dutch = g_str_equal (language, "nl");
  n = g_list_model_get_n_items (cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      Credit credit;

      if (!mp_publish_credit_consented (kase))
        continue;
      credit.name = mp_case_get_answer_value (kase, "credit.name");
      credit.received_at = mp_case_get_received_at (kase);
      credit.severity = mp_case_get_severity (kase);
      /* The model holds the case, so its strings outlive this function's use. */
      g_array_append_val (credits, credit);
    }
  g_array_sort (credits, newest_first);

  title = g_strdup_printf (dutch ? "Hall of fame van %s" : "Hall of fame of %s",
                           filled (policy->desk_name) ? policy->desk_name
                                                      : (dutch ? "ons meldpunt" : "our desk"));
  doc = mp_publish_doc_new (format, language, title);
  mp_publish_doc_paragraph (doc, dutch ? "Deze mensen hebben een zwakke plek in onze systemen "
                                         "gevonden en die netjes bij ons gemeld. Dank u wel! "
                                         "Wij noemen alleen wie daar toestemming voor gaf."
                                       : "These people found a weakness in our systems and "
                                         "reported it to us with care. Thank you! We only name "
                                         "those who agreed to be named.");
  if (credits->len == 0)
    mp_publish_doc_paragraph (doc, dutch ? "Er staat nog niemand op deze lijst."
                                         : "Nobody is on this list yet.");
  else
    {
      mp_publish_doc_list_begin (doc);
      for (guint i = 0; i < credits->len; i++)
        {
          const Credit *credit = &g_array_index (credits, Credit, i);
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (credit->received_at /
                                                                    G_USEC_PER_SEC);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, policy->tz);
          const char *severity = severity_word (credit->severity, dutch);
          g_autofree char *line = NULL;

          line = g_strdup_printf ("%s, %s %d%s%s", credit->name,
                                  mp_format_month_name ((guint) g_date_time_get_month (local),
                                                        language),
                                  g_date_time_get_year (local),
                                  severity != NULL ? ", " : "", severity != NULL ? severity : "");
          mp_publish_doc_item (doc, line);
        }
      mp_publish_doc_list_end (doc);
    }
  return mp_publish_doc_finish (doc);
}
