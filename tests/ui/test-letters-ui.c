/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Letters and the reward as a desk worker meets them (issue 16): the
 * acknowledgement offered at intake, a letter edited before it is sent and
 * kept as sent, the notice of a new fix date, and the reward's amount in
 * the UI's language, refused above the cap, the budget overspent flagged.
 * Runs in English and in Dutch (the first argument after the options).
 */
#include "config.h"

#include <string.h>

#include "mp-case-page.h"
#include "mp-checklist-row.h"
#include "mp-format.h"
#include "mp-letter-editor.h"
#include "mp-letter-row.h"
#include "mp-letters.h"
#include "mp-overview-page.h"
#include "mp-policy.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"
#include "mp-ui-util.h"

typedef struct
{
  char       *dir;
  MpStore    *store;
  MpCase     *kase;
  GtkWidget  *window;
  GtkWidget  *page;
} Fixture;

static const char *ui_language = "en";

static void
answer (Fixture    *fixture,
        const char *item,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_set_answer (fixture->store, fixture->kase, item, value, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;

  g_setenv ("MELDPUNT_NOW", "2026-12-01T10:00:00Z", TRUE);
  fixture->store = mp_test_new_store (&fixture->dir);
  mp_case_set_text (draft, "title", "Reflected XSS in search");
  mp_case_set_text (draft, "asset", "https://portal.example.nl/search");
  mp_case_set_text (draft, "description", "The q parameter is echoed.");
  mp_case_set_text (draft, "reporter_name", "Sanne de Vries");
  mp_case_set_text (draft, "reporter_email", "sanne@example.org");
  mp_case_set_text (draft, "reporter_language", "en");
  mp_case_set_time (draft, "received_at", mp_time_now ());
  fixture->kase = mp_store_add_case (fixture->store, draft, &error);
  g_assert_no_error (error);

  fixture->page = g_object_new (MP_TYPE_CASE_PAGE, NULL);
  fixture->window = g_object_ref (gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  mp_case_page_set_store (MP_CASE_PAGE (fixture->page), fixture->store);
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->store);
  mp_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_unsetenv ("MELDPUNT_NOW");
}

/* The letter row named @name (an extra letter of a step). */
static MpLetterRow *
find_letter (Fixture    *fixture,
             const char *name)
{
  GtkWidget *row = mp_test_find_widget (fixture->page, MP_TYPE_LETTER_ROW, name);

  g_assert_nonnull (row);
  return MP_LETTER_ROW (row);
}

static GtkWidget *
child (MpLetterRow *row,
       const char  *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), MP_TYPE_LETTER_ROW, name));
}

static char *
shown_text (MpLetterRow *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (row, "text_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
click (MpLetterRow *row,
       const char  *button)
{
  g_assert_true (gtk_widget_get_sensitive (child (row, button)));
  g_signal_emit_by_name (child (row, button), "clicked");
}

static MpDeadline *
find_deadline (Fixture    *fixture,
               const char *kind)
{
  g_autoptr(GListModel) deadlines = mp_store_list_deadlines (fixture->store, fixture->kase, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), kind))
        return g_steal_pointer (&deadline);
    }
  return NULL;
}

/* The acknowledgement is offered as soon as the report is logged, and
 * sending it meets P-ACK while the scope check is still open. */
static void
test_acknowledgement_at_intake (Fixture       *fixture,
                                gconstpointer  data)
{
  MpLetterRow *letter = NULL;
  g_autoptr(MpDeadline) deadline = NULL;
  g_autofree char *text = NULL;
  const char *status = mp_case_get_status (fixture->kase);

  g_assert_true (g_str_equal (status, "intake") || g_str_equal (status, "scope"));
  /* one acknowledgement row shows, on intake or scope, whichever is current */
  for (guint step = 0; step < 2; step++)
    {
      GtkWidget *expander = mp_test_find_widget (fixture->page, ADW_TYPE_EXPANDER_ROW,
                                                 step == 0 ? "intake" : "scope");
      GtkWidget *row = mp_test_find_widget (expander, MP_TYPE_LETTER_ROW, "acknowledgement-letter");

      g_assert_nonnull (row);
      if (gtk_widget_get_visible (row))
        {
          g_assert_null (letter);
          letter = MP_LETTER_ROW (row);
        }
    }
  g_assert_nonnull (letter);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (
    gtk_widget_get_ancestor (GTK_WIDGET (letter), ADW_TYPE_EXPANDER_ROW))));
  text = shown_text (letter);
  g_assert_nonnull (strstr (text, mp_case_get_reference (fixture->kase)));

  click (letter, "sent_button");
  g_assert_nonnull (mp_case_get_answer_value (fixture->kase, "ack.sent_on"));
  deadline = find_deadline (fixture, "acknowledgement");
  g_assert_nonnull (deadline);
  g_assert_cmpint (mp_deadline_get_met_at (deadline), !=, 0);
  /* sent: the early offer goes; the step of its own shows it as sent */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (letter)));
}

/* A request for more information is a first reply: P-ACK is met. */
static void
test_request_info_acknowledges (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MpDeadline) deadline = NULL;
  GtkWidget *intake = mp_test_find_widget (fixture->page, ADW_TYPE_EXPANDER_ROW, "intake");
  MpLetterRow *request = NULL;

  answer (fixture, "intake.complete", "no");
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);
  request = MP_LETTER_ROW (mp_test_find_widget (intake, MP_TYPE_LETTER_ROW, NULL));
  g_assert_nonnull (request);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (request)));
  click (request, "sent_button");
  g_assert_nonnull (mp_case_get_answer_value (fixture->kase, "info.requested_on"));
  deadline = find_deadline (fixture, "acknowledgement");
  g_assert_cmpint (mp_deadline_get_met_at (deadline), !=, 0);
}

/* Edited before sending: Mark as Sent records the edited text; the letter
 * is then frozen, read-only, Mark as Sent disabled; a later fix date does
 * not change it; Write Again starts a new one with today's facts. */
static void
test_edit_send_freeze (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *remediation = NULL;
  MpLetterRow *letter = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *before = NULL;
  g_autofree char *sent_text = NULL;
  g_autofree char *frozen = NULL;
  g_autofree char *again = NULL;
  g_autoptr(MpEvent) event = NULL;
  static const char * const answers[] = {
    "intake.complete", "yes", "scope.asset_owner", "ours", "scope.outcome", "in-scope",
    "scope.rules_followed", "yes", "scope.known", "no", "scope.personal_data", "no",
    "scope.method.social_engineering", "no", "scope.method.physical", "no",
    "scope.method.dos", "no", "scope.method.spam", "no", "scope.method.malware", "no",
    "scope.method.backdoor", "no", "scope.method.data_beyond_need", "no",
    "scope.method.unrelated_changes", "no", "scope.method.third_party_apps", "no",
    "ack.sent_on", "2026-12-01", "assess.reproduced", "yes",
    "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "assess.quality", "good",
    "assess.owner", "Web team", "assess.fix_date", "2026-12-20", "assess.sent_on", "2026-12-01",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i += 2)
    answer (fixture, answers[i], answers[i + 1]);
  g_assert_cmpstr (mp_case_get_status (fixture->kase), ==, "remediation");
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);

  remediation = mp_test_find_widget (fixture->page, ADW_TYPE_EXPANDER_ROW, "remediation");
  letter = MP_LETTER_ROW (mp_test_find_widget (remediation, MP_TYPE_LETTER_ROW, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (letter)));
  g_assert_false (mp_letter_row_is_sent (letter));
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (child (letter, "text_view"))));
  before = shown_text (letter);
  g_assert_nonnull (strstr (before, "20 December 2026"));

  /* the handler adds a line */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (letter, "text_view")));
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\nP.S. Thank you for your patience.\n", -1);
  sent_text = shown_text (letter);

  /* another answer elsewhere refreshes the page: the edit stays */
  answer (fixture, "remed.retest_by_reporter", "yes");
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);
  {
    g_autofree char *kept = shown_text (letter);

    g_assert_cmpstr (kept, ==, sent_text);
  }

  click (letter, "sent_button");
  event = mp_letters_find_sent (fixture->store, fixture->kase, "progress-update", NULL);
  g_assert_nonnull (event);
  g_assert_cmpstr (mp_event_get_body (event), ==, sent_text);
  g_assert_true (mp_letter_row_is_sent (letter));
  g_assert_false (gtk_widget_get_sensitive (child (letter, "sent_button")));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (child (letter, "text_view"))));
  g_assert_true (gtk_widget_get_visible (child (letter, "again_button")));
  g_assert_cmpstr (mp_case_get_answer_value (fixture->kase, "remed.last_update_on"), ==, "2026-12-01");

  /* the fix date moves: the letter sent stays as it was sent */
  answer (fixture, "remed.fix_date_extended_to", "2027-01-15");
  answer (fixture, "remed.extension_reason", "The supplier needs more time.");
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);
  frozen = shown_text (letter);
  g_assert_cmpstr (frozen, ==, sent_text);
  g_assert_null (strstr (frozen, "15 January 2027"));

  /* the next update, from today's facts */
  click (letter, "again_button");
  g_assert_false (mp_letter_row_is_sent (letter));
  g_assert_true (gtk_widget_get_sensitive (child (letter, "sent_button")));
  again = shown_text (letter);
  g_assert_nonnull (strstr (again, "15 January 2027"));

  /* the extension notice is offered now the fix date moved */
  {
    MpLetterRow *extension = find_letter (fixture, "extension-letter");
    g_autofree char *notice = shown_text (extension);

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (extension)));
    g_assert_nonnull (strstr (notice, "15 January 2027"));
    click (extension, "sent_button");
    g_assert_true (mp_letter_row_is_sent (extension));
  }
}

/* Without an e-mail program the reason is what to do, not "Operation not
 * supported". */
static void
test_mail_error (void)
{
  g_autoptr(GError) unsupported = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                       "Operation not supported");
  g_autoptr(GError) denied = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                                  "Permission denied");
  const char *advice = mp_letter_row_describe_mail_error (unsupported);

  g_assert_nonnull (advice);
  g_assert_null (strstr (advice, "Operation not supported"));
  g_assert_null (mp_letter_row_describe_mail_error (denied));
}

/* The reward's amount: in the UI's language, "150.00" taken too, refused
 * above the cap without losing what was typed, the suggestion pre-filled. */
static void
test_reward_amount (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const answers[] = {
    "intake.complete", "yes", "scope.asset_owner", "ours", "scope.outcome", "in-scope",
    "scope.rules_followed", "yes", "scope.known", "no", "scope.personal_data", "no",
    "scope.method.social_engineering", "no", "scope.method.physical", "no",
    "scope.method.dos", "no", "scope.method.spam", "no", "scope.method.malware", "no",
    "scope.method.backdoor", "no", "scope.method.data_beyond_need", "no",
    "scope.method.unrelated_changes", "no", "scope.method.third_party_apps", "no",
    "ack.sent_on", "2026-12-01", "assess.reproduced", "yes",
    "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "assess.quality", "excellent",
    "assess.owner", "Web team", "assess.fix_date", "2026-12-20", "assess.sent_on", "2026-12-01",
    "remed.fixed_on", "2026-12-01", "remed.retest_by_reporter", "yes", "reward.in_influence", "yes",
  };
  GtkWidget *step;
  GtkWidget *row;
  GtkWidget *entry;
  GtkWidget *problem;
  g_autofree char *suggested = NULL;
  g_autofree char *typed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (answers); i += 2)
    answer (fixture, answers[i], answers[i + 1]);
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);
  step = mp_test_find_widget (fixture->page, ADW_TYPE_EXPANDER_ROW, "reward");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (step), TRUE);

  row = NULL;
  for (GtkWidget *w = mp_test_find_widget (step, MP_TYPE_CHECKLIST_ROW, NULL); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (MP_IS_CHECKLIST_ROW (w) &&
        g_str_equal (mp_checklist_row_get_item (MP_CHECKLIST_ROW (w))->id, "reward.amount"))
      row = w;
  g_assert_nonnull (row);
  entry = mp_test_find_widget (row, GTK_TYPE_ENTRY, "value");
  g_assert_nonnull (entry);

  /* critical × excellent: the cap, pre-filled in the UI's language, not stored */
  suggested = mp_format_amount_input (30000, ui_language);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, suggested);
  g_assert_null (mp_case_get_answer_value (fixture->kase, "reward.amount"));

  /* above the cap: refused in place, the text kept */
  typed = mp_format_amount_input (35000, ui_language);
  mp_checklist_row_enter_value (MP_CHECKLIST_ROW (row), typed);
  g_assert_null (mp_case_get_answer_value (fixture->kase, "reward.amount"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, typed);
  problem = GTK_WIDGET (gtk_widget_get_template_child (row, MP_TYPE_CHECKLIST_ROW, "problem_label"));
  g_assert_true (gtk_widget_get_visible (problem));
  {
    g_autofree char *cap = mp_ui_format_cents (30000);

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (problem)), cap));
  }

  /* the UI's own way of writing, and a dot too */
  mp_checklist_row_enter_value (MP_CHECKLIST_ROW (row), "150,00");
  g_assert_cmpstr (mp_case_get_answer_value (fixture->kase, "reward.amount"), ==, "150.00");
  mp_checklist_row_enter_value (MP_CHECKLIST_ROW (row), "125.50");
  g_assert_cmpstr (mp_case_get_answer_value (fixture->kase, "reward.amount"), ==, "125.50");
  {
    g_autofree char *shown = mp_format_amount_input (12550, ui_language);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, shown);
  }
}

/* Rewards sent above the year's budget are flagged, on the overview and
 * next to the reward's amount. */
static void
test_budget_overspent (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overview = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *budget_row;
  GtkWidget *budget_label;
  GtkWidget *step;
  g_autofree char *over = mp_ui_format_cents (10000);

  /* 1,600 sent against a budget of 1,500 */
  g_assert_true (mp_store_set_policy (fixture->store, "reward_cap", "1600.00", &error));
  g_assert_no_error (error);
  answer (fixture, "reward.amount", "1600.00");
  answer (fixture, "reward.sent_on", "2026-11-30");

  gtk_window_set_child (GTK_WINDOW (window), overview);
  gtk_window_present (GTK_WINDOW (window));
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (overview), fixture->store);
  mp_overview_page_update (MP_OVERVIEW_PAGE (overview));
  budget_row = GTK_WIDGET (gtk_widget_get_template_child (overview, MP_TYPE_OVERVIEW_PAGE, "budget_row"));
  budget_label = GTK_WIDGET (gtk_widget_get_template_child (overview, MP_TYPE_OVERVIEW_PAGE, "budget_label"));
  g_assert_true (gtk_widget_get_visible (budget_row));
  g_assert_true (gtk_widget_has_css_class (budget_label, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (budget_row)), over));
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (overview), NULL);
  mp_test_destroy_window (GTK_WINDOW (window));

  /* and next to the amount in the reward step */
  mp_case_page_set_case (MP_CASE_PAGE (fixture->page), fixture->kase);
  step = mp_test_find_widget (fixture->page, ADW_TYPE_EXPANDER_ROW, "reward");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (step), TRUE);
  for (GtkWidget *w = mp_test_find_widget (step, MP_TYPE_CHECKLIST_ROW, NULL); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (MP_IS_CHECKLIST_ROW (w) &&
        g_str_equal (mp_checklist_row_get_item (MP_CHECKLIST_ROW (w))->id, "reward.amount"))
      {
        GObject *extra = gtk_widget_get_template_child (w, MP_TYPE_CHECKLIST_ROW, "extra_label");

        g_autofree char *minus = mp_ui_format_cents (-10000);

        g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (extra)), over));
        g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (extra)), minus));
      }
}

static char *
editor_body (GtkWidget *editor)
{
  GObject *view = gtk_widget_get_template_child (editor, MP_TYPE_LETTER_EDITOR, "body_view");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
editor_set_body (GtkWidget  *editor,
                 const char *text)
{
  GObject *view = gtk_widget_get_template_child (editor, MP_TYPE_LETTER_EDITOR, "body_view");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static GtkWidget *
editor_child (GtkWidget  *editor,
              const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (editor, MP_TYPE_LETTER_EDITOR, name));
}

static gboolean
store_has_own (MpStore    *store,
               const char *kind,
               const char *language)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean custom = FALSE;

  g_assert_true (mp_letters_get_template (store, kind, language, &subject, &body, &custom, NULL));
  return custom;
}

/* Preferences → Letters: edit the desk's own version per language, with a
 * live preview and the placeholders; a wrong placeholder is refused with
 * the reason and nothing typed is lost; Reset to Default; closing with
 * changes not saved asks first. */
static void
test_letter_editor (Fixture       *fixture,
                    gconstpointer  data)
{
  MpPreferencesWindow *preferences = mp_preferences_window_new (GTK_WINDOW (fixture->window),
                                                                fixture->store);
  GtkWidget *editor;
  GtkWidget *preview;
  GtkWidget *problem;
  GtkWidget *placeholders;
  guint n_rows = 0;
  g_autofree char *typed = NULL;
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  editor = mp_test_find_widget (GTK_WIDGET (preferences), MP_TYPE_LETTER_EDITOR, NULL);
  g_assert_nonnull (editor);
  mp_letter_editor_select (MP_LETTER_EDITOR (editor), "acknowledgement", "en");
  preview = editor_child (editor, "preview_label");
  problem = editor_child (editor, "problem_label");

  /* the default, filled with the invented case */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (preview)), "CVD-2026-0042"));
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_false (gtk_widget_get_sensitive (editor_child (editor, "reset_button")));

  /* every placeholder listed with what it means */
  placeholders = editor_child (editor, "placeholders_group");
  for (guint i = 0; mp_letters_list_placeholders ()[i] != NULL; i++)
    {
      const char *name = mp_letters_list_placeholders ()[i];
      GtkWidget *row = mp_test_find_widget (placeholders, ADW_TYPE_ACTION_ROW, name);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                       mp_letters_describe_placeholder (name));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, >, 10);

  /* a placeholder that does not exist: the reason, no preview, not saved */
  editor_set_body (editor, "Dear {reporter_name},\n\nWe received {nothing}.\n");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (problem)), "nothing"));
  g_signal_emit_by_name (editor_child (editor, "save_button"), "clicked");
  g_assert_false (store_has_own (fixture->store, "acknowledgement", "en"));
  typed = editor_body (editor);
  g_assert_cmpstr (typed, ==, "Dear {reporter_name},\n\nWe received {nothing}.\n");

  /* a placeholder chosen from the list goes in; the preview follows */
  editor_set_body (editor, "Dear {reporter_name},\n\nWe received ");
  g_signal_emit_by_name (mp_test_find_widget (placeholders, ADW_TYPE_ACTION_ROW, "reference"),
                         "activated");
  g_clear_pointer (&typed, g_free);
  typed = editor_body (editor);
  g_assert_nonnull (strstr (typed, "{reference}"));
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (preview)), "Dear Sanne de Vries,"));

  /* the subject too */
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "subject_row")), "Report {reference}");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (preview)),
                                   "Report CVD-2026-0042\n"));

  /* another language and back: what was typed is still there */
  mp_letter_editor_select (MP_LETTER_EDITOR (editor), "acknowledgement", "nl");
  {
    g_autofree char *dutch = editor_body (editor);

    g_assert_cmpstr (dutch, !=, typed);
  }
  mp_letter_editor_select (MP_LETTER_EDITOR (editor), "acknowledgement", "en");
  {
    g_autofree char *back = editor_body (editor);

    g_assert_cmpstr (back, ==, typed);
  }
  g_assert_true (mp_letter_editor_has_unsaved (MP_LETTER_EDITOR (editor)));

  /* saved: the case's letter uses it */
  g_signal_emit_by_name (editor_child (editor, "save_button"), "clicked");
  g_assert_true (store_has_own (fixture->store, "acknowledgement", "en"));
  g_assert_false (mp_letter_editor_has_unsaved (MP_LETTER_EDITOR (editor)));
  letter = mp_letters_render (fixture->store, fixture->kase, "acknowledgement", "en", &error);
  g_assert_no_error (error);
  g_assert_true (mp_letter_is_custom (letter));
  {
    g_autofree char *subject = g_strdup_printf ("Report %s", mp_case_get_reference (fixture->kase));

    g_assert_cmpstr (mp_letter_get_subject (letter), ==, subject);
  }
  g_assert_nonnull (strstr (mp_letter_get_body (letter), mp_case_get_reference (fixture->kase)));

  /* Reset to Default */
  g_assert_true (gtk_widget_get_sensitive (editor_child (editor, "reset_button")));
  g_signal_emit_by_name (editor_child (editor, "reset_button"), "clicked");
  g_assert_false (store_has_own (fixture->store, "acknowledgement", "en"));
  g_clear_pointer (&typed, g_free);
  typed = editor_body (editor);
  g_assert_null (strstr (typed, "We received {reference}"));

  /* closing with a change not saved asks; Discard closes */
  editor_set_body (editor, "Changed and not saved.\n");
  gtk_window_close (GTK_WINDOW (preferences));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */
    AdwMessageDialog *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel))
          dialog = ADW_MESSAGE_DIALOG (toplevel);
      }
    g_assert_nonnull (dialog);
    g_object_ref (preferences);
    g_object_ref (dialog);
    adw_message_dialog_response (dialog, "discard");
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preferences)));
    /* the question first, while the window it is transient for lives; a
     * response given by code does not close it as its buttons do */
    mp_test_destroy_window (GTK_WINDOW (dialog));
    mp_test_wait_closed (GTK_WINDOW (preferences));
  }
  g_assert_false (store_has_own (fixture->store, "acknowledgement", "en"));
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "nl") || g_str_equal (argv[i], "en"))
      ui_language = argv[i];
  mp_test_init_ui (&argc, &argv, ui_language);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/letters-ui/acknowledgement-at-intake", test_acknowledgement_at_intake);
  ADD ("/letters-ui/request-info-acknowledges", test_request_info_acknowledges);
  ADD ("/letters-ui/edit-send-freeze", test_edit_send_freeze);
  ADD ("/letters-ui/reward-amount", test_reward_amount);
  ADD ("/letters-ui/budget-overspent", test_budget_overspent);
  ADD ("/letters-ui/letter-editor", test_letter_editor);
  g_test_add_func ("/letters-ui/mail-error", test_mail_error);

#undef ADD
  return g_test_run ();
}
