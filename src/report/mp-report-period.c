/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp-format.h"
#include "mp-parse.h"
#include "mp-breach-register.h"
#include "mp-report-private.h"

/* The period report for management: every case received in a period, how
 * fast the desk acknowledged, assessed and fixed (medians, in calendar days
 * from receipt), how many deadlines it met, the outcomes, and the rewards
 * paid. One or two pages for a typical year; the table of cases breaks
 * across pages like any other. */

typedef struct
{
  GArray *ack;        /* of int: days to the acknowledgement */
  GArray *assess;
  GArray *fix;
  guint   deadlines_due;
  guint   deadlines_met;
  gint64  reward_cents;
  guint   n_rewards;
  guint   n_cases;
  guint   n_closed;
  GHashTable *outcomes;   /* label → count */
} Totals;

static gint64
start_of_day (GTimeZone   *tz,
              const GDate *date)
{
  g_autoptr(GDateTime) local = g_date_time_new (tz, g_date_get_year (date),
                                                g_date_get_month (date),
                                                g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (local) * G_USEC_PER_SEC;
}

static void
local_date (GTimeZone *tz,
            gint64     usec,
            GDate     *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

/* Days from @received to the date answered for @item, or -1. */
static int
days_to (MpCase      *kase,
         const GDate *received,
         const char  *item)
{
  GDate done;

  if (!mp_date_parse (mp_case_get_answer_value (kase, item), &done))
    return -1;
  return MAX (0, g_date_days_between (received, &done));
}

static char *
days_cell (int days)
{
  return days < 0 ? g_strdup ("–") : g_strdup_printf ("%d", days);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

static char *
median_text (const char *lang,
             GArray     *values)
{
  g_autofree char *number = NULL;
  g_autofree char *days = NULL;
  g_autofree char *count = NULL;
  guint n = values->len;
  int twice;

  if (n == 0)
    return g_strdup (_mp_report_tr (lang, "not enough data"));

  g_array_sort (values, compare_int);
  /* Twice the median, to stay in integers: the middle value, or the sum
   * of the two middle ones. */
  if (n % 2 == 1)
    twice = 2 * g_array_index (values, int, n / 2);
  else
    twice = g_array_index (values, int, n / 2 - 1) + g_array_index (values, int, n / 2);
  if (twice % 2 == 0)
    number = g_strdup_printf ("%d", twice / 2);
  else
    number = g_strdup_printf ("%d%s5", twice / 2, g_strcmp0 (lang, "nl") == 0 ? "," : ".");

  days = twice == 2 ? g_strdup (_mp_report_tr (lang, "1 day"))
                    : _mp_report_trf (lang, "%s days", number, NULL);
  count = g_strdup_printf ("%u", n);
  return n == 1 ? _mp_report_trf (lang, "%s (1 case)", days, NULL)
                : _mp_report_trf (lang, "%s (%s cases)", days, count, NULL);
}

static gboolean
count_deadlines (MpStore  *store,
                 MpCase   *kase,
                 gint64    now,
                 Totals   *totals,
                 GError  **error)
{
  g_autoptr(GListModel) deadlines = mp_store_list_deadlines (store, kase, error);

  if (deadlines == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      gint64 due = mp_deadline_get_due_at (deadline), met = mp_deadline_get_met_at (deadline);

      /* Only deadlines that have come (or were met) count. */
      if (met == 0 && due > now)
        continue;
      totals->deadlines_due++;
      if (met != 0 && met <= due)
        totals->deadlines_met++;
    }
  return TRUE;
}

static guint
percent (guint part,
         guint whole)
{
  return whole > 0 ? (guint) (100.0 * part / whole + 0.5) : 0;
}

static char *
cents_text (const char *lang,
            gint64      cents)
{
  return mp_format_amount_cents (cents, NULL, lang);
}

/* The register of data breaches (AVG art. 33(5), issue 23) of the period:
 * it keeps the entries of erased cases. */
static void
add_breach_register (MpDocument *doc,
                     GListModel *cases,
                     GTimeZone  *tz,
                     gint64      start,
                     gint64      end)
{
  const char *lang = doc->language;
  g_autoptr(GPtrArray) entries = mp_breach_register_list (cases, start, end);
  MpBlock *table;

  _mp_document_add_text (doc, MP_BLOCK_HEADING, _mp_report_tr (lang, "Register of data breaches"));
  if (entries->len == 0)
    {
      _mp_document_add_text (doc, MP_BLOCK_NOTE,
                             _mp_report_tr (lang, "No data breaches in this period."));
      return;
    }
  _mp_document_add_text (doc, MP_BLOCK_NOTE,
                         _mp_report_tr (lang, "Every data breach the organisation became aware "
                                              "of in this period (AVG art. 33(5)), notified or "
                                              "not; entries stay when a case's details are "
                                              "erased."));
  table = _mp_document_add_table (doc, 6, _mp_report_tr (lang, "Reference"), 1.3,
                                  _mp_report_tr (lang, "Aware since"), 1.3,
                                  _mp_report_tr (lang, "Personal data"), 2.0,
                                  _mp_report_tr (lang, "People"), 1.1,
                                  _mp_report_tr (lang, "Decision"), 2.0,
                                  _mp_report_tr (lang, "Notified"), 1.3, NULL);
  table->small = TRUE;
  for (guint i = 0; i < entries->len; i++)
    {
      MpBreachEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *aware = _mp_report_format_time_short (lang, tz, entry->aware_at, TRUE);
      g_autofree char *notified = entry->notified_at != 0
        ? _mp_report_format_time_short (lang, tz, entry->notified_at, TRUE) : g_strdup ("–");
      g_autofree char *decision = entry->reason != NULL
        ? g_strdup_printf ("%s: %s", mp_breach_decision_label (entry->decision, lang),
                           entry->reason)
        : g_strdup (mp_breach_decision_label (entry->decision, lang));

      _mp_block_add_row (table, entry->reference, aware, entry->data != NULL ? entry->data : "–",
                         entry->people != NULL ? entry->people : "–", decision, notified);
    }
}

MpDocument *
_mp_report_build_period (MpStore               *store,
                         const char            *from,
                         const char            *to,
                         const MpReportOptions *options,
                         GError               **error)
{
  g_autoptr(MpDocument) doc = _mp_document_new (options->language);
  g_autoptr(GTimeZone) tz = _mp_report_desk_time_zone (store);
  g_autoptr(GArray) ack = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) assess = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) fix = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) outcomes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *printed = NULL;
  const char *lang = doc->language;
  Totals totals = { ack, assess, fix, 0, 0, 0, 0, 0, 0, outcomes };
  GListModel *cases = mp_store_get_cases (store);
  gint64 start, end, now = mp_time_now ();
  GDate first, last;
  MpBlock *fields, *table;
  g_autoptr(GList) outcome_labels = NULL;

  if (!mp_date_parse (from, &first) || !mp_date_parse (to, &last) || g_date_compare (&first, &last) > 0)
    {
      g_set_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_INVALID,
                   _("The period “%s” to “%s” is not a valid range of days (YYYY-MM-DD)."),
                   from != NULL ? from : "", to != NULL ? to : "");
      return NULL;
    }
  start = start_of_day (tz, &first);
  g_date_add_days (&last, 1);
  end = start_of_day (tz, &last);
  g_date_subtract_days (&last, 1);

  from_text = _mp_report_format_date_text (lang, from, FALSE);
  to_text = _mp_report_format_date_text (lang, to, FALSE);
  subtitle = _mp_report_trf (lang, "Cases received from %s to %s", from_text, to_text, NULL);
  now_text = _mp_report_format_time (lang, tz, now);
  printed = _mp_report_trf (lang, "Printed on %s. Times are in the time zone %s.", now_text,
                            g_time_zone_get_identifier (tz), NULL);

  doc->organisation = g_strdup (mp_store_get_organisation (store));
  doc->marking = g_strdup (_mp_report_tr (lang, options->redacted ? "Redacted – for sharing"
                                                                  : "CONFIDENTIAL"));
  doc->footer = g_strdup_printf ("%s · %s – %s", _mp_report_tr (lang, "Period report"), from, to);

  _mp_document_add_text (doc, MP_BLOCK_TITLE, _mp_report_tr (lang, "Period report"));
  _mp_document_add_text (doc, MP_BLOCK_SUBTITLE, subtitle);
  _mp_document_add_text (doc, MP_BLOCK_NOTE, printed);

  /* The table of cases is built first; the summary above it needs the totals. */
  {
    g_autoptr(MpDocument) rows = _mp_document_new (lang);

    /* The shared version leaves out the titles, which can say too much. */
    if (options->redacted)
      table = _mp_document_add_table (rows, 8, _mp_report_tr (lang, "Reference"), 1.3,
                                      _mp_report_tr (lang, "Received"), 1.2,
                                      _mp_report_tr (lang, "Status"), 1.75,
                                      _mp_report_tr (lang, "Severity"), 0.95,
                                      _mp_report_tr (lang, "Ack."), 0.6,
                                      _mp_report_tr (lang, "Assess."), 0.8,
                                      _mp_report_tr (lang, "Fix"), 0.8,
                                      _mp_report_tr (lang, "Reward"), 1.1, NULL);
    else
      table = _mp_document_add_table (rows, 8, _mp_report_tr (lang, "Reference"), 1.3,
                                      _mp_report_tr (lang, "Title"), 2.4,
                                      _mp_report_tr (lang, "Status"), 1.75,
                                      _mp_report_tr (lang, "Severity"), 0.95,
                                      _mp_report_tr (lang, "Ack."), 0.6,
                                      _mp_report_tr (lang, "Assess."), 0.8,
                                      _mp_report_tr (lang, "Fix"), 0.8,
                                      _mp_report_tr (lang, "Reward"), 1.1, NULL);
    table->small = TRUE;

    for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
      {
        g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
        gint64 received = mp_case_get_received_at (kase);
        const char *outcome;
        const char *severity;
        guint n_outcome;
        const char *amount = mp_case_get_answer_value (kase, "reward.amount");
        g_autofree char *received_text = NULL;
        g_autofree char *reward_text = NULL;
        g_autofree char *ack_text = NULL;
        g_autofree char *assess_text = NULL;
        g_autofree char *fix_text = NULL;
        GDate received_day;
        int days[3];

        if (received < start || received >= end)
          continue;

        local_date (tz, received, &received_day);
        days[0] = days_to (kase, &received_day, "ack.sent_on");
        days[1] = days_to (kase, &received_day, "assess.sent_on");
        days[2] = days_to (kase, &received_day, "remed.fixed_on");
        if (days[0] >= 0)
          g_array_append_val (ack, days[0]);
        if (days[1] >= 0)
          g_array_append_val (assess, days[1]);
        if (days[2] >= 0)
          g_array_append_val (fix, days[2]);

        totals.n_cases++;
        if (mp_case_is_closed (kase))
          totals.n_closed++;
        outcome = _mp_report_outcome_label (lang, mp_case_get_outcome (kase));
        n_outcome = GPOINTER_TO_UINT (g_hash_table_lookup (outcomes, outcome));
        g_hash_table_insert (outcomes, (gpointer) outcome, GUINT_TO_POINTER (n_outcome + 1));
        if (!count_deadlines (store, kase, now, &totals, error))
          return NULL;

        /* Paid: sent and not declined. */
        if (amount != NULL && mp_case_get_answer_value (kase, "reward.sent_on") != NULL &&
            g_strcmp0 (mp_case_get_answer_value (kase, "reward.declined"), "yes") != 0)
          {
            gint64 cents = 0;

            if (mp_amount_parse (amount, &cents))
              totals.reward_cents += cents;
            totals.n_rewards++;
            reward_text = _mp_report_format_amount (lang, amount);
          }

        received_text = _mp_report_format_time_short (lang, tz, received, FALSE);
        ack_text = days_cell (days[0]);
        assess_text = days_cell (days[1]);
        fix_text = days_cell (days[2]);
        severity = mp_case_get_severity (kase) != NULL
                     ? _mp_report_severity_label (lang, mp_case_get_severity (kase)) : "–";
        _mp_block_add_row (table, mp_case_get_reference (kase),
                           options->redacted ? received_text : mp_case_get_title (kase),
                           _mp_report_status_label (lang, mp_case_get_status (kase)), severity,
                           ack_text, assess_text, fix_text,
                           reward_text != NULL ? reward_text : "–");
      }

    /* Summary */
    _mp_document_add_text (doc, MP_BLOCK_HEADING, _mp_report_tr (lang, "Summary"));
    fields = _mp_document_add_fields (doc);
    {
      g_autofree char *n_cases = g_strdup_printf ("%u", totals.n_cases);
      g_autofree char *n_closed = g_strdup_printf ("%u", totals.n_closed);
      g_autofree char *ack_median = median_text (lang, ack);
      g_autofree char *assess_median = median_text (lang, assess);
      g_autofree char *fix_median = median_text (lang, fix);
      g_autofree char *met = g_strdup_printf ("%u", totals.deadlines_met);
      g_autofree char *due = g_strdup_printf ("%u", totals.deadlines_due);
      g_autofree char *share = g_strdup_printf ("%u", percent (totals.deadlines_met,
                                                               totals.deadlines_due));
      g_autofree char *deadlines = totals.deadlines_due > 0
        ? _mp_report_trf (lang, "%s of %s (%s%%)", met, due, share, NULL)
        : g_strdup (_mp_report_tr (lang, "not enough data"));
      g_autofree char *paid = cents_text (lang, totals.reward_cents);
      g_autofree char *n_rewards = g_strdup_printf ("%u", totals.n_rewards);
      g_autofree char *rewards = totals.n_rewards == 1
        ? _mp_report_trf (lang, "%s (1 case)", paid, NULL)
        : _mp_report_trf (lang, "%s (%s cases)", paid, n_rewards, NULL);

      _mp_block_add_row (fields, _mp_report_tr (lang, "Cases received"), n_cases);
      _mp_block_add_row (fields, _mp_report_tr (lang, "Cases closed"), n_closed);
      _mp_block_add_row (fields, _mp_report_tr (lang, "Median time to acknowledge"), ack_median);
      _mp_block_add_row (fields, _mp_report_tr (lang, "Median time to assess"), assess_median);
      _mp_block_add_row (fields, _mp_report_tr (lang, "Median time to fix"), fix_median);
      _mp_block_add_row (fields, _mp_report_tr (lang, "Deadlines met (of due)"), deadlines);
      _mp_block_add_row (fields, _mp_report_tr (lang, "Rewards paid"), rewards);
    }

    /* Outcomes */
    _mp_document_add_text (doc, MP_BLOCK_HEADING, _mp_report_tr (lang, "Outcomes"));
    if (totals.n_cases > 0)
      {
        MpBlock *outcome_table = _mp_document_add_table (doc, 3,
                                                         _mp_report_tr (lang, "Outcome"), 3.0,
                                                         _mp_report_tr (lang, "Count"), 1.0,
                                                         _mp_report_tr (lang, "Share"), 1.0, NULL);

        outcome_labels = g_hash_table_get_keys (outcomes);
        outcome_labels = g_list_sort (outcome_labels, (GCompareFunc) g_utf8_collate);
        for (GList *l = outcome_labels; l != NULL; l = l->next)
          {
            guint count = GPOINTER_TO_UINT (g_hash_table_lookup (outcomes, l->data));
            g_autofree char *count_text = g_strdup_printf ("%u", count);
            g_autofree char *share_text = g_strdup_printf ("%u%%", percent (count, totals.n_cases));

            _mp_block_add_row (outcome_table, l->data, count_text, share_text);
          }
      }

    /* Cases: move the table built above into the document. */
    _mp_document_add_text (doc, MP_BLOCK_HEADING, _mp_report_tr (lang, "Cases"));
    if (totals.n_cases == 0)
      _mp_document_add_text (doc, MP_BLOCK_NOTE,
                             _mp_report_tr (lang, "No cases were received in this period."));
    else
      {
        _mp_document_add_text (doc, MP_BLOCK_NOTE,
                               _mp_report_tr (lang, "Times are in calendar days from receipt. "
                                                    "“Ack.”, “Assess.” and “Fix” give the days "
                                                    "until the acknowledgement, the assessment and "
                                                    "the fix; a dash means not (yet) done."));
        g_ptr_array_add (doc->blocks, g_ptr_array_steal_index (rows->blocks, 0));
      }
  }

  add_breach_register (doc, cases, tz, start, end);

  return g_steal_pointer (&doc);
}
