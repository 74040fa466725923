/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The overview counts the cases when it is shown (issue 12): updated while
 * hidden, it only notes that its figures are stale. What it takes from the
 * answers it keeps per case and reads again only for a changed case (issue
 * 26): its figures stay those of a page that reads everything afresh.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mp-overview-page.h"
#include "mp-test-util.h"

static const char *
open_count (GtkWidget *page)
{
  GObject *cards = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, "counts_box");
  GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (cards), 0);
  GtkWidget *number = gtk_widget_get_first_child (gtk_flow_box_child_get_child (first));

  return gtk_label_get_label (GTK_LABEL (number));
}

/* The words under the number of card @index. */
static const char *
caption (GtkWidget *page,
         int        index)
{
  GObject *cards = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, "counts_box");
  GtkFlowBoxChild *card = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (cards), index);
  GtkWidget *number = gtk_widget_get_first_child (gtk_flow_box_child_get_child (card));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (number)));
}

static void
add_case (MpStore    *store,
          const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "asset", "portal.example.nl");
  mp_case_set_text (draft, "description", "Found a problem.");
  mp_case_set_text (draft, "reporter_language", "en");
  mp_case_set_time (draft, "received_at", mp_time_now ());
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
}

static void
test_updates_when_shown (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *other = gtk_label_new ("cases");
  GtkWidget *page = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *window = g_object_ref (gtk_window_new ());

  gtk_stack_add_named (GTK_STACK (stack), other, "cases");
  gtk_stack_add_named (GTK_STACK (stack), page, "overview");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (window);
  g_assert_false (gtk_widget_get_mapped (page));

  add_case (store, "Open redirect");
  add_case (store, "XSS in search");
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), store);
  /* hidden: not counted yet */
  g_assert_cmpstr (open_count (page), ==, "0");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "overview");
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (open_count (page), ==, "2");
  /* Each card says that it counts cases (the calendar counts deadlines). */
  g_assert_cmpstr (caption (page, 0), ==, "open cases");
  g_assert_cmpstr (caption (page, 2), ==, "overdue cases");
  g_assert_cmpstr (caption (page, 3), ==, "cases due this week");

  /* shown: counted at once */
  add_case (store, "SQL injection");
  mp_overview_page_update (MP_OVERVIEW_PAGE (page));
  g_assert_cmpstr (open_count (page), ==, "3");

  /* hidden again: counted when shown again */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "cases");
  add_case (store, "Open directory listing");
  mp_overview_page_update (MP_OVERVIEW_PAGE (page));
  g_assert_cmpstr (open_count (page), ==, "3");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "overview");
  g_assert_cmpstr (open_count (page), ==, "4");

  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), NULL);
  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

/* The legal clocks (issue 23): missed ones counted, due ones named. */
static void
test_legal_clocks (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  GtkWidget *page = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GObject *label = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, "legal_label");
  GObject *row = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, "legal_row");
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) late = mp_case_new ();
  g_autoptr(MpCase) fresh = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(MpCase) kase2 = NULL;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), store);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "0");

  /* Aware four days ago: the authority's 72 hours have passed. */
  for (guint i = 0; i < 2; i++)
    {
      MpCase *draft = i == 0 ? late : fresh;

      mp_case_set_text (draft, "title", "Customer data readable");
      mp_case_set_text (draft, "description", "IDOR");
      mp_case_set_time (draft, "received_at", mp_time_now () - (gint64) (i == 0 ? 96 : 1) * 3600 *
                                                               G_USEC_PER_SEC);
    }
  kase = mp_store_add_case (store, late, &error);
  g_assert_no_error (error);
  kase2 = mp_store_add_case (store, fresh, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "legal.data_breach", "yes", NULL, &error));
  g_assert_true (mp_store_set_answer (store, kase2, "legal.data_breach", "yes", NULL, &error));
  g_assert_no_error (error);
  mp_overview_page_update (MP_OVERVIEW_PAGE (page));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "1");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "overdue"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 due within a week");

  /* The register: both breaches, listed when opened, exported as CSV. */
  {
    GObject *register_row = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE,
                                                           "register_row");
    g_autofree char *path = g_build_filename (dir, "register.csv", NULL);
    g_autofree char *csv = NULL;
    GtkWidget *found;

    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (register_row), TRUE);
    found = mp_test_find_widget (GTK_WIDGET (register_row), ADW_TYPE_ACTION_ROW,
                                 mp_case_get_reference (kase));
    g_assert_nonnull (found);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (found)),
                              "Not decided yet"));
    g_assert_nonnull (mp_test_find_widget (GTK_WIDGET (register_row), ADW_TYPE_ACTION_ROW,
                                           mp_case_get_reference (kase2)));
    g_assert_true (mp_overview_page_write_register (MP_OVERVIEW_PAGE (page), path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "Reference,Aware since,"));
    g_assert_nonnull (strstr (csv, mp_case_get_reference (kase)));
    g_assert_nonnull (strstr (csv, mp_case_get_reference (kase2)));
    g_unlink (path);
  }

  /* Notified: no longer missed. */
  g_assert_true (mp_store_set_answer (store, kase, "legal.gdpr_not_required",
                                      "Unlikely to pose a risk: one test account", NULL, &error));
  g_assert_no_error (error);
  mp_overview_page_update (MP_OVERVIEW_PAGE (page));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "0");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (label), "overdue"));

  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), NULL);
  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&kase);
  g_clear_object (&kase2);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

/* What the page shows, in one line, to compare two pages. */
static char *
figures (GtkWidget *page)
{
  static const char * const labels[] = { "ack_label", "assess_label", "rewards_label", "budget_label" };
  GObject *rewards_row = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, "rewards_row");
  GString *text = g_string_new (open_count (page));

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GObject *label = gtk_widget_get_template_child (page, MP_TYPE_OVERVIEW_PAGE, labels[i]);

      g_string_append_printf (text, " | %s", gtk_label_get_label (GTK_LABEL (label)));
    }
  g_string_append_printf (text, " | %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (rewards_row)));
  return g_string_free (text, FALSE);
}

/* The figures of a page that has seen nothing before: read afresh. */
static char *
fresh_figures (MpStore *store)
{
  GtkWidget *page = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  char *text;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), store);
  g_assert_true (gtk_widget_get_mapped (page));
  text = figures (page);
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), NULL);
  mp_test_destroy_window (GTK_WINDOW (window));
  return text;
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

/* A day @days before today, as an answer takes it. */
static char *
day_before (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (mp_time_now () / G_USEC_PER_SEC);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
test_follows_changes (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  GtkWidget *page = g_object_new (MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *window = g_object_ref (gtk_window_new ());
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_before (0);
  g_autofree char *nine_days_ago = day_before (9);
  g_autofree char *seven_days_ago = day_before (7);
  g_autofree char *shown = NULL;
  g_autofree char *fresh = NULL;
  GListModel *model;

  /* More cases than the page reads one by one: the first time, one query. */
  g_assert_true (mp_store_begin_batch (store, &error));
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(MpCase) draft = mp_case_new ();

      mp_case_set_text (draft, "title", "Open redirect");
      mp_case_set_text (draft, "description", "Found a problem.");
      mp_case_set_time (draft, "received_at", mp_time_now () - (gint64) (240 + i) * 3600 * G_USEC_PER_SEC);
      g_ptr_array_add (cases, mp_store_add_case (store, draft, &error));
      g_assert_no_error (error);
      if (i < 3)
        answer (store, g_ptr_array_index (cases, i), "ack.sent_on", i == 0 ? nine_days_ago : seven_days_ago);
    }
  g_assert_true (mp_store_end_batch (store, &error));
  g_assert_no_error (error);
  model = mp_store_get_cases (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 300);

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), store);
  mp_test_wait_for_draw (window);
  shown = figures (page);
  fresh = fresh_figures (store);
  g_assert_cmpstr (shown, ==, fresh);
  g_assert_nonnull (strstr (shown, "| 0 rewards"));
  g_test_message ("%s", shown);
  /* the acknowledgements' median */
  g_assert_true (g_str_has_prefix (shown, "300 | "));
  g_assert_false (g_str_has_prefix (shown, "300 | No data yet"));

  /* A reward sent: counted and added up. */
  answer (store, g_ptr_array_index (cases, 5), "reward.amount", "150.00");
  answer (store, g_ptr_array_index (cases, 5), "reward.sent_on", today);
  mp_overview_page_update (MP_OVERVIEW_PAGE (page));
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&fresh, g_free);
  shown = figures (page);
  fresh = fresh_figures (store);
  g_assert_cmpstr (shown, ==, fresh);
  g_assert_nonnull (strstr (shown, "| 1 reward"));

  /* An acknowledgement moved, another case's added; the reward declined. */
  answer (store, g_ptr_array_index (cases, 0), "ack.sent_on", seven_days_ago);
  answer (store, g_ptr_array_index (cases, 9), "ack.sent_on", nine_days_ago);
  answer (store, g_ptr_array_index (cases, 5), "reward.declined", "yes");
  mp_overview_page_update (MP_OVERVIEW_PAGE (page));
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&fresh, g_free);
  shown = figures (page);
  fresh = fresh_figures (store);
  g_assert_cmpstr (shown, ==, fresh);
  g_assert_nonnull (strstr (shown, "| 0 rewards"));

  /* A new case, acknowledged, hidden while it came: counted when shown. */
  {
    g_autoptr(MpCase) draft = mp_case_new ();
    g_autoptr(MpCase) kase = NULL;

    mp_case_set_text (draft, "title", "XSS in search");
    mp_case_set_text (draft, "description", "Found a problem.");
    mp_case_set_time (draft, "received_at", mp_time_now () - (gint64) 240 * 3600 * G_USEC_PER_SEC);
    kase = mp_store_add_case (store, draft, &error);
    g_assert_no_error (error);
    answer (store, kase, "ack.sent_on", nine_days_ago);
  }
  /* the page's own coalesced update, as the window gets it */
  mp_test_wait_for_draw (window);
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&fresh, g_free);
  shown = figures (page);
  fresh = fresh_figures (store);
  g_assert_cmpstr (shown, ==, fresh);
  g_assert_true (g_str_has_prefix (shown, "301 |"));

  mp_overview_page_set_store (MP_OVERVIEW_PAGE (page), NULL);
  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  mp_test_init_ui (&argc, &argv, "en");
  g_test_add_func ("/overview-page/updates-when-shown", test_updates_when_shown);
  g_test_add_func ("/overview-page/legal-clocks", test_legal_clocks);
  g_test_add_func ("/overview-page/follows-changes", test_follows_changes);
  return g_test_run ();
}
