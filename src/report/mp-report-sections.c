/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-cvss.h"
#include "mp-desk-context.h"
#include "mp-report-private.h"

/* The contents of a case dossier (DOMAIN.md §5): everything is read from the
 * store here, on the caller's thread, and written into a document of plain
 * strings in the report's language. The redacted variant leaves out, right
 * here, what may not leave the desk: nothing of it reaches the layout. */

typedef struct
{
  MpStore               *store;
  MpCase                *kase;
  MpDocument            *doc;
  const char            *lang;
  gboolean               redacted;
  GTimeZone             *tz;
} Dossier;

/* The checklist's steps in the order of the lifecycle. */
static const char * const step_order[] = {
  "intake", "info", "scope", "ack", "assess", "remed", "reward", "credit", "disclose", "close",
};

/* Answers whose value is a date, a yes/no or a choice are printed as such. */
static gboolean
item_is_date (const char *item)
{
  return g_str_has_suffix (item, "_on") || g_str_has_suffix (item, "_to") ||
         g_str_has_suffix (item, "fix_date");
}

/* Answers that carry the vulnerability's details or the reporter's
 * identity; left out of the redacted variant. */
static gboolean
item_is_sensitive (const char *item)
{
  static const char * const sensitive[] = {
    "assess.impact_notes", "credit.name", "disclose.reporter_plans", NULL
  };

  return g_strv_contains (sensitive, item);
}

static const char *
tr (Dossier    *d,
    const char *english)
{
  return _mp_report_tr (d->lang, english);
}

static const char *
answer (Dossier    *d,
        const char *item)
{
  return mp_case_get_answer_value (d->kase, item);
}

/* The printable form of an answer's value; @brief for a table cell. */
static char *
answer_text (Dossier    *d,
             const char *item,
             const char *value,
             gboolean    brief)
{
  if (value == NULL)
    return NULL;
  if (g_str_equal (item, "reward.voucher_code"))
    return g_strdup (tr (d, "(confidential, not printed)"));
  if (d->redacted && item_is_sensitive (item))
    return g_strdup (tr (d, "(redacted)"));
  if (g_str_equal (item, "reward.amount"))
    return _mp_report_format_amount (d->lang, value);
  if (item_is_date (item))
    return _mp_report_format_date_text (d->lang, value, brief);
  if (_mp_report_choice_label (d->lang, item, value) != NULL)
    return g_strdup (_mp_report_choice_label (d->lang, item, value));
  return g_strdup (_mp_report_value_label (d->lang, value));
}

/* Adds "label: answer" to @fields when the item was answered. */
static gboolean
add_answer_field (Dossier    *d,
                  MpBlock    *fields,
                  const char *label,
                  const char *item)
{
  g_autofree char *text = answer_text (d, item, answer (d, item), FALSE);

  if (text == NULL)
    return FALSE;
  _mp_block_add_row (fields, tr (d, label), text);
  return TRUE;
}

static void
add_field (Dossier    *d,
           MpBlock    *fields,
           const char *label,
           const char *value)
{
  if (value != NULL && *value != '\0')
    _mp_block_add_row (fields, tr (d, label), value);
}

static void
heading (Dossier    *d,
         const char *english)
{
  _mp_document_add_text (d->doc, MP_BLOCK_HEADING, tr (d, english));
}

static void
note (Dossier    *d,
      const char *english)
{
  _mp_document_add_text (d->doc, MP_BLOCK_NOTE, tr (d, english));
}

/* A section of answers: label/item pairs, NULL-terminated. */
static void
answers_section (Dossier    *d,
                 const char *title,
                 ...)
{
  MpBlock *fields;
  gboolean any = FALSE;
  va_list args;
  const char *label;

  heading (d, title);
  fields = _mp_document_add_fields (d->doc);
  va_start (args, title);
  while ((label = va_arg (args, const char *)) != NULL)
    any |= add_answer_field (d, fields, label, va_arg (args, const char *));
  va_end (args);
  if (!any)
    note (d, "Nothing recorded yet.");
}

/* ---- the sections ------------------------------------------------------ */

static void
add_title (Dossier *d)
{
  g_autofree char *title = g_strdup_printf ("%s %s", tr (d, "Case dossier"),
                                            mp_case_get_reference (d->kase));
  g_autofree char *now = _mp_report_format_time (d->lang, d->tz, mp_time_now ());
  g_autofree char *printed = _mp_report_trf (d->lang,
                                             "Printed on %s. Times are in the time zone %s.",
                                             now, g_time_zone_get_identifier (d->tz), NULL);

  _mp_document_add_text (d->doc, MP_BLOCK_TITLE, title);
  /* A title names the vulnerability ("SQL injection in the web shop"). */
  if (mp_case_get_title (d->kase) != NULL && !d->redacted)
    _mp_document_add_text (d->doc, MP_BLOCK_SUBTITLE, mp_case_get_title (d->kase));
  _mp_document_add_text (d->doc, MP_BLOCK_NOTE, printed);
  if (d->redacted)
    note (d, "This copy leaves out the reporter's identity and the details of the vulnerability, "
             "so that it can be shared beyond the desk.");
}

static void
add_summary (Dossier *d)
{
  MpBlock *fields;
  g_autofree char *received = _mp_report_format_time (d->lang, d->tz,
                                                      mp_case_get_received_at (d->kase));
  g_autofree char *closed = NULL;
  g_autofree char *next_due = NULL;
  const char *severity = mp_case_get_severity (d->kase);

  heading (d, "Summary");
  fields = _mp_document_add_fields (d->doc);
  add_field (d, fields, "Reference", mp_case_get_reference (d->kase));
  add_field (d, fields, "Title",
             d->redacted ? tr (d, "(redacted)") : mp_case_get_title (d->kase));
  add_field (d, fields, "Status", _mp_report_status_label (d->lang, mp_case_get_status (d->kase)));
  add_field (d, fields, "Outcome",
             _mp_report_outcome_label (d->lang, mp_case_get_outcome (d->kase)));
  add_field (d, fields, "Received", received);
  add_field (d, fields, "Channel",
             _mp_report_channel_label (d->lang, mp_case_get_text (d->kase, "channel")));
  add_field (d, fields, "Affected system",
             d->redacted ? tr (d, "(redacted)") : mp_case_get_asset (d->kase));
  add_field (d, fields, "Severity",
             severity != NULL ? _mp_report_severity_label (d->lang, severity) : "–");
  add_field (d, fields, "Report encrypted",
             tr (d, mp_case_get_boolean (d->kase, "report_encrypted") ? "yes" : "no"));
  if (mp_case_get_next_due (d->kase) != 0)
    {
      g_autofree char *due = _mp_report_format_time (d->lang, d->tz,
                                                     mp_case_get_next_due (d->kase));

      next_due = g_strdup_printf ("%s (%s)", due,
                                  _mp_report_deadline_label (d->lang,
                                                             mp_case_get_next_due_kind (d->kase)));
      add_field (d, fields, "Next deadline", next_due);
    }
  if (mp_case_get_closed_at (d->kase) != 0)
    {
      closed = _mp_report_format_time (d->lang, d->tz, mp_case_get_closed_at (d->kase));
      add_field (d, fields, "Closed", closed);
    }
}

static void
add_erased_note (Dossier *d)
{
  g_autofree char *erased = _mp_report_format_day (d->lang, d->tz,
                                                   mp_case_get_time (d->kase, "erased_at"));
  g_autofree char *text = _mp_report_trf (d->lang,
                                          "The confidential details of this case were erased "
                                          "on %s.", erased, NULL);

  _mp_document_add_text (d->doc, MP_BLOCK_NOTE, text);
}

static void
add_reporter (Dossier *d)
{
  MpBlock *fields;
  const char *language = mp_case_get_reporter_language (d->kase);

  heading (d, "Reporter");
  fields = _mp_document_add_fields (d->doc);
  if (d->redacted)
    {
      add_field (d, fields, "Reporter", tr (d, "Redacted"));
      note (d, "The reporter's identity and contact details are left out of this copy.");
      return;
    }

  if (mp_case_is_erased (d->kase))
    {
      /* Not "anonymous": the name was known and has been erased. */
      add_field (d, fields, "Name", tr (d, "Erased"));
      add_erased_note (d);
      return;
    }
  if (mp_case_get_boolean (d->kase, "reporter_anonymous") ||
      mp_case_get_reporter_name (d->kase) == NULL)
    add_field (d, fields, "Name", tr (d, "Anonymous"));
  else
    add_field (d, fields, "Name", mp_case_get_reporter_name (d->kase));
  add_field (d, fields, "E-mail", mp_case_get_reporter_email (d->kase));
  if (language != NULL)
    add_field (d, fields, "Language",
               tr (d, g_str_equal (language, "nl") ? "Dutch" : "English"));
  add_field (d, fields, "Wants credit",
             tr (d, mp_case_get_boolean (d->kase, "reporter_wants_credit") ? "yes" : "no"));
}

static void
add_text_part (Dossier    *d,
               const char *title,
               const char *text)
{
  _mp_document_add_text (d->doc, MP_BLOCK_SUBHEADING, tr (d, title));
  if (text != NULL && *text != '\0')
    _mp_document_add_text (d->doc, MP_BLOCK_PARAGRAPH, text);
  else
    note (d, "Not given.");
}

static gboolean
add_report (Dossier  *d,
            GError  **error)
{
  g_autoptr(GListModel) attachments = NULL;
  guint n_attachments;

  heading (d, "Report");
  if (mp_case_is_erased (d->kase))
    add_erased_note (d);
  else if (d->redacted)
    note (d, "The description, impact and steps to reproduce are left out of this copy.");
  else
    {
      add_text_part (d, "Description", mp_case_get_description (d->kase));
      add_text_part (d, "Impact", mp_case_get_text (d->kase, "impact"));
      add_text_part (d, "Steps to reproduce", mp_case_get_text (d->kase, "reproduction"));
      if (mp_case_get_text (d->kase, "notes") != NULL)
        add_text_part (d, "Notes", mp_case_get_text (d->kase, "notes"));
    }

  attachments = mp_store_list_attachments (d->store, d->kase, error);
  if (attachments == NULL)
    return FALSE;
  n_attachments = g_list_model_get_n_items (attachments);
  if (n_attachments == 0)
    return TRUE;

  _mp_document_add_text (d->doc, MP_BLOCK_SUBHEADING, tr (d, "Attachments"));
  if (d->redacted)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_attachments);
      g_autofree char *text = _mp_report_trf (d->lang, "Number of attachments: %s (names left out)",
                                              count, NULL);

      _mp_document_add_text (d->doc, MP_BLOCK_PARAGRAPH, text);
    }
  else
    {
      MpBlock *table = _mp_document_add_table (d->doc, 4,
                                               tr (d, "File"), 3.0, tr (d, "Type"), 1.6,
                                               tr (d, "Size"), 0.9, tr (d, "Added"), 1.6, NULL);

      for (guint i = 0; i < n_attachments; i++)
        {
          g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, i);
          g_autofree char *size = g_format_size (mp_attachment_get_size (attachment));
          gint64 added_at = mp_attachment_get_added_at (attachment);
          g_autofree char *added = _mp_report_format_time_short (d->lang, d->tz, added_at, TRUE);

          _mp_block_add_row (table, mp_attachment_get_name (attachment),
                             mp_attachment_get_mime_type (attachment), size, added);
        }
    }
  return TRUE;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  MpEvent *ea = *(MpEvent **) a;
  MpEvent *eb = *(MpEvent **) b;
  gint64 at = mp_event_get_at (ea), bt = mp_event_get_at (eb);

  if (at != bt)
    return at < bt ? -1 : 1;
  /* A status change sorts after what caused it at the same moment. */
  return (int) g_str_equal (mp_event_get_kind (ea), "status") -
         (int) g_str_equal (mp_event_get_kind (eb), "status");
}

static gboolean
add_timeline (Dossier  *d,
              GError  **error)
{
  g_autoptr(GListModel) events = mp_store_list_events (d->store, d->kase, error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) from_history = g_hash_table_new (NULL, NULL);
  MpEvent *previous = NULL;
  MpBlock *table;

  if (events == NULL)
    return FALSE;
  history = mp_store_list_status_history (d->store, d->kase, error);
  if (history == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    g_ptr_array_add (all, g_list_model_get_item (events, i));
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      MpEvent *event = g_list_model_get_item (history, i);

      /* A history entry that repeats the one before it says nothing new. */
      if (previous != NULL &&
          g_strcmp0 (mp_event_get_summary (previous), mp_event_get_summary (event)) == 0 &&
          g_strcmp0 (mp_event_get_body (previous), mp_event_get_body (event)) == 0)
        {
          g_object_unref (event);
          continue;
        }
      g_ptr_array_add (all, event);
      g_hash_table_add (from_history, event);
      previous = event;
    }
  g_ptr_array_sort (all, compare_events);

  heading (d, "Timeline");
  if (all->len == 0)
    {
      note (d, "No entries.");
      return TRUE;
    }

  if (d->redacted)
    table = _mp_document_add_table (d->doc, 3, tr (d, "When"), 1.65, tr (d, "What"), 4.0,
                                    tr (d, "Who"), 1.3, NULL);
  else
    table = _mp_document_add_table (d->doc, 4, tr (d, "When"), 1.65, tr (d, "What"), 2.3,
                                    tr (d, "Who"), 1.4, tr (d, "Details"), 2.65, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      MpEvent *event = g_ptr_array_index (all, i);
      const char *kind = mp_event_get_kind (event);
      g_autofree char *when = _mp_report_format_time_short (d->lang, d->tz,
                                                            mp_event_get_at (event), TRUE);
      g_autofree char *what = NULL;
      g_autofree char *details = NULL;

      if (g_hash_table_contains (from_history, event))
        {
          /* From the status history: the summary is the new status, the
           * body the outcome at that moment. */
          what = _mp_report_trf (d->lang, "Status changed to %s",
                                 _mp_report_status_label (d->lang, mp_event_get_summary (event)),
                                 NULL);
          if (mp_event_get_body (event) != NULL)
            details = g_strdup (_mp_report_outcome_label (d->lang, mp_event_get_body (event)));
        }
      else
        {
          /* A letter's summary is its kind, e.g. "acknowledgement". */
          const char *summary = g_str_equal (kind, "letter")
                                  ? _mp_report_letter_label (d->lang, mp_event_get_summary (event))
                                  : mp_event_get_summary (event);

          if (summary == NULL)
            summary = "";
          /* Notes, replies and updates are summarised in the handler's own
           * words, which may describe the vulnerability. */
          if (d->redacted && !g_str_equal (kind, "letter"))
            summary = tr (d, "(redacted)");

          what = g_strdup_printf ("%s: %s", _mp_report_event_label (d->lang, kind), summary);
          details = g_strdup (mp_event_get_body (event));
        }

      if (d->redacted)
        _mp_block_add_row (table, when, what, mp_event_get_actor (event));
      else
        _mp_block_add_row (table, when, what, mp_event_get_actor (event), details);
    }
  return TRUE;
}

static guint
step_index (const char *item)
{
  gsize length = strcspn (item, ".");

  for (guint i = 0; i < G_N_ELEMENTS (step_order); i++)
    if (strlen (step_order[i]) == length && strncmp (step_order[i], item, length) == 0)
      return i;
  return G_N_ELEMENTS (step_order);
}

/* The item's place in core's checklist; unknown items go last. */
static guint
checklist_position (const char *item)
{
  const MpChecklistItem *all;
  guint n_items;

  all = mp_checklist_get_all_items (&n_items);
  for (guint i = 0; i < n_items; i++)
    if (g_strcmp0 (all[i].id, item) == 0)
      return i;
  return G_MAXUINT;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const char *ia = *(const char **) a, *ib = *(const char **) b;
  guint sa = step_index (ia), sb = step_index (ib);

  guint pa, pb;

  if (sa != sb)
    return sa < sb ? -1 : 1;
  /* Within a step, in the order the checklist asks. */
  pa = checklist_position (ia);
  pb = checklist_position (ib);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return strcmp (ia, ib);
}

static void
add_checklist (Dossier *d)
{
  g_autoptr(GPtrArray) items = mp_case_list_answers (d->kase);
  MpBlock *table = NULL;
  guint step = G_MAXUINT;

  heading (d, "Checklist");
  if (items->len == 0)
    {
      note (d, "No answers recorded yet.");
      return;
    }
  g_ptr_array_sort (items, compare_items);

  /* One table per step of the lifecycle, under the step's name. */
  for (guint i = 0; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      const MpAnswer *a = mp_case_get_answer (d->kase, item);
      g_autofree char *label = _mp_report_item_label (d->lang, item);
      g_autofree char *value = answer_text (d, item, a->value, TRUE);
      g_autofree char *when = _mp_report_format_time_short (d->lang, d->tz, a->answered_at, TRUE);

      if (table == NULL || step_index (item) != step)
        {
          step = step_index (item);
          _mp_document_add_text (d->doc, MP_BLOCK_SUBHEADING,
                                 _mp_report_step_label (d->lang, item));
          if (d->redacted)
            table = _mp_document_add_table (d->doc, 4, tr (d, "Item"), 2.9, tr (d, "Answer"), 2.0,
                                            tr (d, "Who"), 1.4, tr (d, "When"), 1.75, NULL);
          else
            table = _mp_document_add_table (d->doc, 5, tr (d, "Item"), 2.4, tr (d, "Answer"), 1.6,
                                            tr (d, "Who"), 1.5, tr (d, "When"), 1.75,
                                            tr (d, "Note"), 1.45, NULL);
        }

      if (d->redacted)
        _mp_block_add_row (table, label, value, a->actor, when);
      else
        _mp_block_add_row (table, label, value, a->actor, when, a->note);
    }
}

static gboolean
add_deadlines (Dossier  *d,
               GError  **error)
{
  g_autoptr(GListModel) deadlines = mp_store_list_deadlines (d->store, d->kase, error);
  gint64 now = mp_time_now ();
  MpBlock *table;
  guint n;

  if (deadlines == NULL)
    return FALSE;
  heading (d, "Deadlines");
  n = g_list_model_get_n_items (deadlines);
  if (n == 0)
    {
      note (d, "No deadlines.");
      return TRUE;
    }

  table = _mp_document_add_table (d->doc, 4, tr (d, "Deadline"), 2.2, tr (d, "Due"), 1.6,
                                  tr (d, "Met on"), 1.6, tr (d, "Result"), 1.0, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      gint64 due = mp_deadline_get_due_at (deadline), met = mp_deadline_get_met_at (deadline);
      g_autofree char *due_text = _mp_report_format_time_short (d->lang, d->tz, due, TRUE);
      g_autofree char *met_text = _mp_report_format_time_short (d->lang, d->tz, met, TRUE);
      const char *kind = _mp_report_deadline_label (d->lang, mp_deadline_get_kind (deadline));
      const char *result;

      if (met != 0)
        result = met <= due ? "met" : "met late";
      else
        result = due < now ? "missed" : "open";
      _mp_block_add_row (table, kind, due_text, met_text, tr (d, result));
    }
  return TRUE;
}

/* The score and its rating come from the vector (core's calculator); the
 * case's severity is printed as well, as the desk recorded it. */
static void
add_assessment (Dossier *d)
{
  MpBlock *fields;
  gboolean any = FALSE;
  const char *severity = mp_case_get_severity (d->kase);

  heading (d, "Assessment");
  fields = _mp_document_add_fields (d->doc);
  any |= add_answer_field (d, fields, "CVSS vector", "assess.cvss");
  if (answer (d, "assess.cvss") != NULL)
    {
      g_autoptr(MpCvss) cvss = mp_cvss_parse (answer (d, "assess.cvss"), NULL);

      if (cvss != NULL)
        {
          g_autofree char *number = mp_cvss_format_score (mp_cvss_get_score (cvss));
          const char *rating = _mp_report_severity_label (d->lang, mp_cvss_get_severity (cvss));
          g_autofree char *score = g_strdup_printf ("%s (%s)", number, rating);

          _mp_block_add_row (fields, tr (d, "CVSS score"), score);
        }
      else
        _mp_block_add_row (fields, tr (d, "CVSS score"), tr (d, "not a valid CVSS vector"));
    }
  if (severity != NULL)
    {
      _mp_block_add_row (fields, tr (d, "Severity"), _mp_report_severity_label (d->lang, severity));
      any = TRUE;
    }
  any |= add_answer_field (d, fields, "Reproduced", "assess.reproduced");
  any |= add_answer_field (d, fields, "Report quality", "assess.quality");
  any |= add_answer_field (d, fields, "Owner of the system", "assess.owner");
  any |= add_answer_field (d, fields, "Expected fix date", "assess.fix_date");
  any |= add_answer_field (d, fields, "Assessment sent", "assess.sent_on");
  any |= add_answer_field (d, fields, "Impact notes", "assess.impact_notes");
  if (!any)
    note (d, "Nothing recorded yet.");
}

static void
add_deletion (Dossier *d)
{
  MpBlock *fields;
  gboolean any = FALSE;

  heading (d, "Data deletion");
  fields = _mp_document_add_fields (d->doc);
  any |= add_answer_field (d, fields, "Personal data received", "scope.personal_data");
  any |= add_answer_field (d, fields, "Reporter asked to delete data", "close.delete_requested_on");
  any |= add_answer_field (d, fields, "Reporter confirmed deletion", "close.delete_confirmed_on");
  any |= add_answer_field (d, fields, "Our own copies deleted", "close.own_data_deleted_on");
  if (mp_case_is_erased (d->kase))
    {
      g_autofree char *erased = _mp_report_format_time (d->lang, d->tz,
                                                        mp_case_get_time (d->kase, "erased_at"));

      _mp_block_add_row (fields, tr (d, "Confidential case data erased"), erased);
      any = TRUE;
    }
  any |= add_answer_field (d, fields, "Final letter sent", "close.final_letter_on");
  any |= add_answer_field (d, fields, "Closed", "close.closed_on");
  if (!any)
    note (d, "Nothing recorded yet.");
}

static char *
group_hex (const char *hex)
{
  GString *out = g_string_new (NULL);

  /* Groups of four, so that a reader can compare it by eye. */
  for (gsize i = 0; hex[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, hex[i]);
    }
  return g_string_free (out, FALSE);
}

static void
add_audit (Dossier *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  MpBlock *fields;
  guint n_entries = 0;
  gint64 first_bad = 0;

  heading (d, "Audit trail");
  fields = _mp_document_add_fields (d->doc);
  /* Fixed width, so that the fingerprint's groups line up for comparing. */
  fields->monospace = TRUE;
  if (mp_store_verify_audit (d->store, &n_entries, &head, &first_bad, &error))
    {
      g_autofree char *count = g_strdup_printf ("%u", n_entries);
      g_autofree char *grouped = group_hex (head);

      _mp_block_add_row (fields, tr (d, "Entries in the audit trail"), count);
      _mp_block_add_row (fields, tr (d, "Fingerprint (chain head)"), grouped);
      _mp_block_add_row (fields, tr (d, "Chain verified"), tr (d, "yes"));
    }
  else
    {
      /* A broken chain is itself evidence: say so rather than fail. */
      g_autofree char *broken = _mp_report_trf (d->lang, "BROKEN: %s", error->message, NULL);

      _mp_block_add_row (fields, tr (d, "Chain verified"), broken);
    }
  note (d, "The audit trail is a chain of entries, each sealed together with the one before it. "
           "The fingerprint identifies the whole trail as it stood when this report was made; "
           "“meldpunt-cli audit verify” shows the same value.");
}

GTimeZone *
_mp_report_desk_time_zone (MpStore *store)
{
  g_autofree char *zone = mp_store_get_setting (store, "timezone");

  return mp_desk_time_zone_new (zone);
}

MpDocument *
_mp_report_build_case (MpStore               *store,
                       MpCase                *kase,
                       const MpReportOptions *options,
                       GError               **error)
{
  g_autoptr(MpDocument) doc = _mp_document_new (options->language);
  g_autoptr(GTimeZone) tz = _mp_report_desk_time_zone (store);
  Dossier d = { store, kase, doc, doc->language, options->redacted, tz };

  doc->organisation = g_strdup (mp_store_get_organisation (store));
  doc->marking = g_strdup (tr (&d, options->redacted ? "Redacted – for sharing" : "CONFIDENTIAL"));
  doc->footer = g_strdup_printf ("%s · %s", mp_case_get_reference (kase), tr (&d, "Case dossier"));

  add_title (&d);
  add_summary (&d);
  add_reporter (&d);
  if (!add_report (&d, error) ||
      !add_timeline (&d, error))
    return NULL;
  add_checklist (&d);
  if (!add_deadlines (&d, error))
    return NULL;
  add_assessment (&d);
  answers_section (&d, "Remediation",
                   "Last progress update", "remed.last_update_on",
                   "Fix date extended to", "remed.fix_date_extended_to",
                   "Reason for the extension", "remed.extension_reason",
                   "Fixed on", "remed.fixed_on",
                   "Fix verified", "remed.verified",
                   "Retest by the reporter", "remed.retest_by_reporter",
                   NULL);
  /* Never the voucher code: it is not even looked at. */
  answers_section (&d, "Reward",
                   "Within our influence", "reward.in_influence",
                   "Amount", "reward.amount",
                   "Kind", "reward.kind",
                   "Sent on", "reward.sent_on",
                   "Declined", "reward.declined",
                   NULL);
  answers_section (&d, "Credit",
                   "Wants credit", "credit.wants",
                   "Name to publish", "credit.name",
                   "Consent given on", "credit.consent_on",
                   NULL);
  answers_section (&d, "Disclosure",
                   "Publication agreed for", "disclose.agreed_on",
                   "Disclosure extended to", "disclose.extended_to",
                   "Reason for the extension", "disclose.extension_reason",
                   "Reporter's publication plans", "disclose.reporter_plans",
                   "Advisory", "disclose.advisory",
                   NULL);
  add_deletion (&d);
  add_audit (&d);

  return g_steal_pointer (&doc);
}
