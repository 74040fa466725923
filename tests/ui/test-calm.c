/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Issue 16, "tried as a desk worker would": a calm case page (it keeps its
 * place and the focus after an answer, finished steps fold away, drop-downs
 * show their choices whole and no tooltip covers them) and finding cases
 * (filters by step, severity and overdue kind, and how many are shown).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-case-list.h"
#include "mp-case-page.h"
#include "mp-case-page-private.h"
#include "mp-checklist.h"
#include "mp-checklist-row.h"
#include "mp-test-util.h"
#include "mp-window-private.h"

static MpCase *
add_case (MpStore    *store,
          const char *title,
          const char *received)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) draft = mp_case_new ();
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "asset", "https://portal.example.nl/");
  mp_case_set_text (draft, "description", "The q parameter is echoed without encoding.");
  g_assert_true (mp_case_set_value_string (draft, "received_at", received, &error));
  g_assert_no_error (error);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  return kase;
}

static void
answer (MpStore    *store,
        MpCase     *kase,
        const char *item,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_store_set_answer (store, kase, item, value, NULL, &error));
  g_assert_no_error (error);
}

static MpChecklistRow *
find_item (GtkWidget  *root,
           const char *item)
{
  GtkWidget *row = mp_test_find_widget (root, MP_TYPE_CHECKLIST_ROW, item);

  g_assert_nonnull (row);
  return MP_CHECKLIST_ROW (row);
}

/* The toggle button labelled @label inside @root. */
static GtkWidget *
find_toggle (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_TOGGLE_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_toggle (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
has_case_page (gpointer data)
{
  return mp_test_find_widget (data, MP_TYPE_CASE_PAGE, NULL) != NULL &&
         mp_test_find_widget (data, MP_TYPE_CASE_LIST, NULL) != NULL;
}

/* The desk's window on @store, wide enough for list and case side by side,
 * once its desk page is built. */
static MpWindow *
open_window (MpStore *store)
{
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, store));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_until (is_mapped, window);
  mp_test_wait_until (has_case_page, window);
  return window;
}

static gboolean
page_shows_case (gpointer data)
{
  MpCasePage *page = data;

  return mp_case_page_get_case (page) != NULL && gtk_widget_get_mapped (GTK_WIDGET (page->scroller));
}

static gboolean
spam_answered (gpointer data)
{
  return mp_case_get_answer_value (data, "scope.method.spam") != NULL;
}

/* ---- the case page keeps its place --------------------------------------- */

static void
test_answer_keeps_place (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store, "Reflected XSS in search", "2026-11-02T09:00:00Z");
  MpWindow *window;
  MpCasePage *page;
  MpChecklistRow *row;
  GtkWidget *no, *focus;
  GtkAdjustment *adjustment;
  double before;

  answer (store, kase, "intake.complete", "yes");
  window = open_window (store);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL),
                         "case-activated", kase);
  mp_test_wait_until (page_shows_case, page);

  row = find_item (GTK_WIDGET (window), "scope.method.spam");
  mp_test_wait_until (is_mapped, row);
  no = find_toggle (GTK_WIDGET (row), _("No"));
  g_assert_nonnull (no);
  /* Focus the toggle (the page scrolls to it), as Tab would. */
  g_assert_true (gtk_widget_grab_focus (no));
  mp_test_run_pending ();
  adjustment = gtk_scrolled_window_get_vadjustment (page->scroller);
  {
    graphene_point_t point;

    /* the row near the top of the page */
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (row), gtk_scrolled_window_get_child (page->scroller),
                                             &GRAPHENE_POINT_INIT (0, 0), &point));
    g_assert_cmpfloat (point.y, >, 200);
    gtk_adjustment_set_value (adjustment, point.y - 100);
  }
  mp_test_run_pending ();
  before = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (before, >, 0);

  /* as the space bar does: a button is clicked a moment after it is activated */
  g_assert_true (gtk_widget_activate (no));
  mp_test_wait_until (spam_answered, kase);
  mp_test_run_pending ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, before);
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (row)));

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

static GtkWidget *focus_in;

static double
screen_y (MpCasePage *page,
          GtkWidget  *widget)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (page->scroller),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static gboolean
focus_is_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, focus_in);
}

static gboolean
focus_settled (gpointer data)
{
  return MP_CASE_PAGE (data)->focus_tick_id == 0;
}

static gboolean
scope_finished (gpointer data)
{
  return mp_checklist_get_current_step (data) > MP_STEP_SCOPE;
}

/* The last answer of a step folds it, opens the next one and takes the
 * focus there; "None of these were used" answers all nine methods. */
static void
test_finished_steps_fold (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store, "Reflected XSS in search", "2026-11-02T09:00:00Z");
  const char * const *methods = mp_checklist_get_method_items ();
  MpWindow *window;
  MpCasePage *page;
  GtkWidget *none_row, *button, *focus;
  AdwExpanderRow *intake, *scope, *ack;

  answer (store, kase, "intake.complete", "yes");
  answer (store, kase, "scope.asset_owner", "ours");
  answer (store, kase, "scope.personal_data", "no");
  answer (store, kase, "scope.known", "no");
  answer (store, kase, "scope.outcome", "in-scope");
  window = open_window (store);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL),
                         "case-activated", kase);
  mp_test_wait_until (page_shows_case, page);

  intake = g_ptr_array_index (page->step_rows, MP_STEP_INTAKE);
  scope = g_ptr_array_index (page->step_rows, MP_STEP_SCOPE);
  ack = g_ptr_array_index (page->step_rows, MP_STEP_ACKNOWLEDGEMENT);
  /* opened: only the current step is open */
  g_assert_false (adw_expander_row_get_expanded (intake));
  g_assert_true (adw_expander_row_get_expanded (scope));
  g_assert_false (adw_expander_row_get_expanded (ack));

  /* the user opens a finished step; it stays open while they work */
  adw_expander_row_set_expanded (intake, TRUE);

  none_row = mp_test_find_widget (GTK_WIDGET (scope), ADW_TYPE_ACTION_ROW, "scope.methods-none");
  g_assert_nonnull (none_row);
  button = mp_test_find_widget (none_row, GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  mp_test_wait_until (is_mapped, button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_signal_emit_by_name (button, "clicked");
  mp_test_wait_until (scope_finished, kase);
  mp_test_run_pending ();

  /* each of the nine recorded, and "rules followed" derived from them */
  for (guint i = 0; methods[i] != NULL; i++)
    g_assert_cmpstr (mp_case_get_answer_value (kase, methods[i]), ==, "no");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.rules_followed"), ==, "yes");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "acknowledgement");

  /* finished steps fold, the current one opens */
  g_assert_false (adw_expander_row_get_expanded (intake));
  g_assert_false (adw_expander_row_get_expanded (scope));
  g_assert_true (adw_expander_row_get_expanded (ack));
  /* the focus goes on to the acknowledgement's date, not to the window */
  focus_in = GTK_WIDGET (find_item (GTK_WIDGET (window), "ack.sent_on"));
  mp_test_wait_until (focus_is_in, window);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (ack)));
  /* and the page shows it: it did not scroll to where it was before the
   * steps folded */
  mp_test_wait_until (focus_settled, page);
  mp_test_run_pending ();
  g_assert_cmpfloat (screen_y (page, focus), >=, 0);
  g_assert_cmpfloat (screen_y (page, focus) + gtk_widget_get_height (focus), <=,
                     gtk_widget_get_height (GTK_WIDGET (page->scroller)));

  /* any step opens again on demand */
  adw_expander_row_set_expanded (scope, TRUE);
  mp_test_run_pending ();
  g_assert_true (adw_expander_row_get_expanded (scope));

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

/* ---- the case list ------------------------------------------------------- */

static int
natural_width (GtkWidget *widget)
{
  int minimum, natural;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return natural;
}

static gboolean
list_shows (gpointer data)
{
  return mp_test_find_widget (data, g_type_from_name ("MpCaseRow"), NULL) != NULL;
}

/* The list pane keeps its width whatever the titles shown. */
static void
test_list_width_is_stable (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) first = add_case (store, "XSS", "2026-11-02T09:00:00Z");
  g_autoptr(MpCase) second = NULL;
  MpWindow *window;
  GtkWidget *list;
  int short_width, long_width;

  window = open_window (store);
  list = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL);
  mp_test_wait_until (list_shows, list);
  mp_test_run_pending ();
  short_width = gtk_widget_get_width (list);
  g_assert_cmpint (short_width, <=, natural_width (list));

  second = add_case (store, "Stored cross-site scripting in the customer portal's profile page "
                     "lets any logged-in customer run script in the help desk's session",
                     "2026-11-02T10:00:00Z");
  mp_case_list_refresh (MP_CASE_LIST (list));
  mp_test_run_pending ();
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 2);
  /* the pane keeps its width (the long title ellipsizes), and takes no
   * share of the window's width either */
  long_width = gtk_widget_get_width (list);
  g_assert_cmpint (short_width, ==, long_width);
  g_assert_cmpint (long_width, <=, natural_width (list));

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

/* Opens @kase on the window's case page. */
static MpCasePage *
show_case (MpWindow *window,
           MpCase   *kase)
{
  MpCasePage *page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));

  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL),
                         "case-activated", kase);
  mp_test_wait_until (page_shows_case, page);
  return page;
}

/* A third party's or a sister's system decides the outcome: the outcome
 * item says so instead of only "Not answered". */
static void
test_outcome_follows_routing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store, "Open redirect", "2026-11-02T09:00:00Z");
  MpWindow *window;
  MpChecklistRow *outcome;

  answer (store, kase, "intake.complete", "yes");
  window = open_window (store);
  show_case (window, kase);
  outcome = find_item (GTK_WIDGET (window), "scope.outcome");
  g_assert_null (mp_checklist_row_get_extra (outcome));

  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.asset_owner"), "third-party");
  g_assert_cmpstr (mp_case_get_outcome (kase), ==, "third-party");
  g_assert_nonnull (mp_checklist_row_get_extra (outcome));
  g_assert_nonnull (strstr (mp_checklist_row_get_extra (outcome), "third party"));

  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.asset_owner"), "sister");
  g_assert_nonnull (strstr (mp_checklist_row_get_extra (outcome), "sister"));

  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.asset_owner"), "ours");
  g_assert_null (mp_checklist_row_get_extra (outcome));

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

/* An erased case says "Erased on …" where its details were, not "(not
 * given)". */
static void
test_erased_fields_say_erased (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store, "Open redirect", "2026-11-02T09:00:00Z");
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  MpCasePage *page;
  const char *details;

  answer (store, kase, "intake.complete", "yes");
  answer (store, kase, "scope.outcome", "not-vulnerability");
  answer (store, kase, "scope.outcome_reason", "Intended behaviour");
  answer (store, kase, "close.final_letter_on", "2026-11-03");
  answer (store, kase, "close.closed_on", "2026-11-03");
  g_assert_true (mp_store_erase_case (store, kase, &error));
  g_assert_no_error (error);

  window = open_window (store);
  page = show_case (window, kase);
  details = gtk_label_get_label (page->details_label);
  g_assert_null (strstr (details, "(not given)"));
  g_assert_nonnull (strstr (details, "Erased on "));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (page->reporter_row), "Erased on "));

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

/* The label showing @text inside @root. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      if ((found = find_label (child, text)) != NULL)
        return found;
    }
  return NULL;
}

static const char *label_text;
static GtkWidget *label_root;

static gboolean
label_whole (gpointer data)
{
  return gtk_widget_get_width (data) > 0 &&
         !pango_layout_is_ellipsized (gtk_label_get_layout (data));
}

static gboolean
label_mapped (gpointer data)
{
  GtkLabel *label = find_label (label_root, label_text);

  return label != NULL && gtk_widget_get_mapped (GTK_WIDGET (label));
}

/* A drop-down's popup shows its choices whole, and nothing around it has a
 * tooltip that could cover the popup; the step's help is behind a button. */
static void
test_drop_down_choices (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store, "Open redirect", "2026-11-02T09:00:00Z");
  MpWindow *window;
  MpCasePage *page;
  GtkWidget *drop_down, *help, *scope;
  GtkLabel *choice;
  const char *text;

  answer (store, kase, "intake.complete", "yes");
  window = open_window (store);
  page = show_case (window, kase);
  drop_down = mp_test_find_widget (GTK_WIDGET (find_item (GTK_WIDGET (window), "scope.known")),
                                   GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (drop_down);
  mp_test_wait_until (is_mapped, drop_down);

  /* The popup lists the choices whole (its own factory: labels that wrap
   * rather than ellipsize); Xvfb has no monitor to pop it up on. */
  g_assert_nonnull (gtk_drop_down_get_list_factory (GTK_DROP_DOWN (drop_down)));
  g_assert_true (gtk_drop_down_get_list_factory (GTK_DROP_DOWN (drop_down)) !=
                 gtk_drop_down_get_factory (GTK_DROP_DOWN (drop_down)));
  /* the button shows even the longest choice whole at this width */
  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.known"), "earlier-test");
  text = mp_checklist_item_get_value_label (mp_checklist_lookup_item ("scope.known"), "earlier-test");
  label_text = text;
  label_root = drop_down;
  mp_test_wait_until (label_mapped, NULL);
  choice = find_label (drop_down, text);
  mp_test_wait_until (label_whole, choice);
  g_assert_cmpint (gtk_widget_get_width (drop_down), >, 400);

  /* When its popup closes, the focus is back on the drop-down, not lost
   * to the window (where typing would open the search). */
  {
    GtkWidget *popover = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER (child))
        popover = child;
    g_assert_nonnull (popover);
    gtk_root_set_focus (GTK_ROOT (window), NULL);
    g_signal_emit_by_name (popover, "closed");
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != NULL);
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), drop_down) ||
                   gtk_root_get_focus (GTK_ROOT (window)) == drop_down);
  }

  /* no tooltip on the drop-down or anything it sits in */
  for (GtkWidget *w = drop_down; w != NULL; w = gtk_widget_get_parent (w))
    g_assert_false (gtk_widget_get_has_tooltip (w));

  /* the step's help is one click away */
  scope = g_ptr_array_index (page->step_rows, MP_STEP_SCOPE);
  help = mp_test_find_widget (scope, GTK_TYPE_MENU_BUTTON, "step-help");
  g_assert_nonnull (help);
  g_assert_nonnull (find_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (help))),
                                mp_checklist_step_get_help (mp_checklist_get_step (MP_STEP_SCOPE))));

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

/* ---- finding cases ------------------------------------------------------- */

static void
select_choice (GtkWidget  *list,
               const char *drop_down,
               guint       position)
{
  GObject *widget = gtk_widget_get_template_child (list, MP_TYPE_CASE_LIST, drop_down);

  g_assert_nonnull (widget);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (widget), position);
}

static const char *
count_text (GtkWidget *list)
{
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (list, MP_TYPE_CASE_LIST,
                                                                        "count_label")));
}

static guint
severity_position (const char *severity)
{
  static const char * const order[] = { "critical", "high", "medium", "low", "none", "" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (order[i], severity))
      return i + 1;
  g_assert_not_reached ();
}

static guint
overdue_position (const char *kind)
{
  static const char * const order[] = {
    "acknowledgement", "assessment", "progress-update", "reporter-follow-up", "fix-target",
    "disclosure", "publication", "data-deletion",
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (order[i], kind))
      return i + 1;
  g_assert_not_reached ();
}

/* Filters by the current step, the severity and the kind of an overdue
 * deadline, and "N of M cases" for what is shown. */
static void
test_filters_and_count (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  /* received a month ago: its acknowledgement is overdue */
  g_autoptr(MpCase) late = add_case (store, "Old SQL injection", "2026-10-01T09:00:00Z");
  g_autoptr(MpCase) scored = add_case (store, "Remote code execution", "2026-11-02T09:00:00Z");
  g_autoptr(MpCase) waiting = add_case (store, "Vague report", "2026-11-02T10:00:00Z");
  const char * const *methods = mp_checklist_get_method_items ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  MpWindow *window;
  GtkWidget *list;

  answer (store, scored, "intake.complete", "yes");
  answer (store, scored, "scope.asset_owner", "ours");
  for (guint i = 0; methods[i] != NULL; i++)
    g_ptr_array_add (values, (gpointer) "no");
  g_ptr_array_add (values, NULL);
  g_assert_true (mp_store_set_answers (store, scored, methods, (const char * const *) values->pdata,
                                       NULL, &error));
  g_assert_no_error (error);
  answer (store, scored, "scope.personal_data", "no");
  answer (store, scored, "scope.known", "no");
  answer (store, scored, "scope.outcome", "in-scope");
  answer (store, scored, "ack.sent_on", "2026-11-02");
  answer (store, scored, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  g_assert_cmpstr (mp_case_get_status (scored), ==, "assessment");
  g_assert_cmpstr (mp_case_get_severity (scored), ==, "critical");
  answer (store, waiting, "intake.complete", "no");
  answer (store, waiting, "info.requested_on", "2026-11-02");
  g_assert_cmpstr (mp_case_get_status (waiting), ==, "waiting");

  window = open_window (store);
  list = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL);
  mp_test_wait_until (list_shows, list);
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 3);
  g_assert_cmpstr (count_text (list), ==, "3 cases");

  /* by step: a case waiting for the reporter is at its intake */
  select_choice (list, "step_drop_down", 1 + MP_STEP_INTAKE);
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 2);
  g_assert_cmpstr (count_text (list), ==, "2 of 3 cases");
  select_choice (list, "step_drop_down", 1 + MP_STEP_ASSESSMENT);
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 1);
  g_assert_cmpstr (count_text (list), ==, "1 of 3 cases");
  select_choice (list, "step_drop_down", 0);

  /* by severity */
  select_choice (list, "severity_drop_down", severity_position ("critical"));
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 1);
  select_choice (list, "severity_drop_down", severity_position ("high"));
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 0);
  g_assert_cmpstr (count_text (list), ==, "0 of 3 cases");
  select_choice (list, "severity_drop_down", severity_position (""));
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 2);
  select_choice (list, "severity_drop_down", 0);

  /* by the kind of the overdue deadline */
  select_choice (list, "overdue_drop_down", overdue_position ("acknowledgement"));
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 1);
  g_assert_cmpstr (count_text (list), ==, "1 of 3 cases");
  select_choice (list, "overdue_drop_down", overdue_position ("assessment"));
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 0);
  select_choice (list, "overdue_drop_down", 0);

  /* the filters combine, with each other and with the search */
  select_choice (list, "step_drop_down", 1 + MP_STEP_INTAKE);
  select_choice (list, "severity_drop_down", severity_position (""));
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (list, MP_TYPE_CASE_LIST,
                                                                      "search_entry")), "vague");
  g_signal_emit_by_name (gtk_widget_get_template_child (list, MP_TYPE_CASE_LIST, "search_entry"),
                         "search-changed");
  g_assert_cmpuint (mp_case_list_get_n_shown (MP_CASE_LIST (list)), ==, 1);
  g_assert_cmpstr (count_text (list), ==, "1 of 3 cases");
  select_choice (list, "step_drop_down", 0);
  select_choice (list, "severity_drop_down", 0);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (list, MP_TYPE_CASE_LIST,
                                                                      "search_entry")), "");
  g_signal_emit_by_name (gtk_widget_get_template_child (list, MP_TYPE_CASE_LIST, "search_entry"),
                         "search-changed");
  g_assert_cmpstr (count_text (list), ==, "3 cases");

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MELDPUNT_NOW", "2026-11-03T10:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, "en");

  g_test_add_func ("/ui/calm/answer-keeps-place", test_answer_keeps_place);
  g_test_add_func ("/ui/calm/finished-steps-fold", test_finished_steps_fold);
  g_test_add_func ("/ui/calm/list-width-is-stable", test_list_width_is_stable);
  g_test_add_func ("/ui/calm/outcome-follows-routing", test_outcome_follows_routing);
  g_test_add_func ("/ui/calm/erased-fields-say-erased", test_erased_fields_say_erased);
  g_test_add_func ("/ui/calm/drop-down-choices", test_drop_down_choices);
  g_test_add_func ("/ui/calm/filters-and-count", test_filters_and_count);
  return g_test_run ();
}
