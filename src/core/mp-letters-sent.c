/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-letters.h"

char *
mp_letters_split_text (const char  *text,
                       char       **body)
{
  const char *newline;
  const char *rest;

  g_return_val_if_fail (text != NULL, NULL);

  newline = strchr (text, '\n');
  if (newline == NULL)
    {
      if (body != NULL)
        *body = g_strdup ("");
      return g_strstrip (g_strdup (text));
    }
  rest = newline + 1;
  while (*rest == '\n' || *rest == '\r')
    rest++;
  if (body != NULL)
    *body = g_strdup (rest);
  return g_strstrip (g_strndup (text, newline - text));
}

/* The day @days from now, as an answer ("YYYY-MM-DD"). */
static char *
day_from_now (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (mp_time_now () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, days);

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
put_answer (MpCase     *kase,
            const char *item,
            const char *value)
{
  MpAnswer *answer = g_new0 (MpAnswer, 1);

  answer->item = g_strdup (item);
  answer->value = g_strdup (value);
  answer->answered_at = mp_time_now ();
  _mp_case_put_answer (kase, answer);
}

MpCase *
mp_letters_new_sample_case (const char *language)
{
  MpCase *kase = mp_case_new ();
  gboolean en = g_strcmp0 (language, "en") == 0;
  struct { const char *item; int days; } dates[] = {
    { "assess.fix_date", 25 }, { "remed.fix_date_extended_to", 39 }, { "remed.fixed_on", 37 },
    { "remed.last_update_on", 10 }, { "info.requested_on", -1 },
  };

  /* invented facts, nothing of a real case */
  mp_case_set_text (kase, "reference", "CVD-2026-0042");
  mp_case_set_text (kase, "title", en ? "Reflected XSS in the customer portal search"
                                      : "Reflected XSS in de zoekfunctie van het klantportaal");
  mp_case_set_text (kase, "asset", "https://portal.example.nl/search");
  mp_case_set_text (kase, "reporter_name", "Sanne de Vries");
  mp_case_set_text (kase, "reporter_email", "sanne@example.org");
  mp_case_set_text (kase, "reporter_language", en ? "en" : "nl");
  mp_case_set_text (kase, "severity", "high");
  mp_case_set_time (kase, "received_at", mp_time_now () - 2 * G_TIME_SPAN_DAY);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *day = day_from_now (dates[i].days);

      put_answer (kase, dates[i].item, day);
    }
  put_answer (kase, "remed.extension_reason",
              en ? "The supplier needs more time for the update."
                 : "De leverancier heeft meer tijd nodig voor de update.");
  put_answer (kase, "reward.amount", "150.00");
  put_answer (kase, "reward.kind", en ? "Gift voucher" : "Cadeaubon");
  put_answer (kase, "credit.name", "Sanne de Vries");
  put_answer (kase, "scope.duplicate_of", "CVD-2026-0017");
  put_answer (kase, "scope.outcome_reason",
              en ? "The page only shows public information."
                 : "De pagina toont alleen openbare informatie.");
  return kase;
}
