/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-letters.h"

/* A letter sent is frozen (issue 16): what the reporter received is the
 * confidential body of its "letter" event on the timeline, sealed with the
 * case's key like every event body, and never rendered again from today's
 * facts. The text may be the one the handler edited before sending. */

gboolean
mp_letters_record_sent_text (MpStore     *store,
                             MpCase      *kase,
                             const char  *kind,
                             const char  *text,
                             GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!mp_letters_is_kind (kind))
    {
      g_set_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_KIND,
                   _("There is no letter “%s”."), kind != NULL ? kind : "");
      return FALSE;
    }
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    {
      g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                           _("The letter has no text."));
      return FALSE;
    }
  return mp_store_add_event (store, kase, "letter", kind, text, error);
}

MpEvent *
mp_letters_find_sent (MpStore     *store,
                      MpCase      *kase,
                      const char  *kind,
                      GError     **error)
{
  g_autoptr(GListModel) events = NULL;
  MpEvent *last = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  events = mp_store_list_events (store, kase, error);
  if (events == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (mp_event_get_kind (event), "letter") != 0 ||
          g_strcmp0 (mp_event_get_summary (event), kind) != 0)
        continue;
      /* the latest; of two at the same moment, the one written last */
      if (last == NULL || mp_event_get_at (event) > mp_event_get_at (last) ||
          (mp_event_get_at (event) == mp_event_get_at (last) &&
           mp_event_get_id (event) > mp_event_get_id (last)))
        g_set_object (&last, event);
    }
  return last;
}

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
