/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Date and CVSS fields of the checklist as a desk worker uses them: the
 * calendar icon opens a month to pick a day from, and nothing is saved until
 * a day is picked; typing stays possible.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-case-page.h"
#include "mp-checklist.h"
#include "mp-checklist-row.h"
#include "mp-cvss-picker.h"
#include "mp-date-popover.h"
#include "mp-test-util.h"

static const char *language = "en";

typedef struct
{
  GtkWidget      *window;
  MpChecklistRow *row;
  GPtrArray      *saved;     /* values of "answer-changed", in order */
} Fixture;

static void
answer_changed_cb (MpChecklistRow *row,
                   const char     *value,
                   const char     *note,
                   Fixture        *fixture)
{
  g_ptr_array_add (fixture->saved, g_strdup (value));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *item = data;
  GtkWidget *list = gtk_list_box_new ();

  fixture->saved = g_ptr_array_new_with_free_func (g_free);
  fixture->window = g_object_ref (gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 400);
  fixture->row = mp_checklist_row_new (mp_checklist_lookup_item (item));
  g_signal_connect (fixture->row, "answer-changed", G_CALLBACK (answer_changed_cb), fixture);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (fixture->row));
  gtk_window_set_child (GTK_WINDOW (fixture->window), list);
  gtk_window_present (GTK_WINDOW (fixture->window));
  mp_test_wait_for_draw (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  mp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_ptr_array_unref (fixture->saved);
}

static GtkEntry *
value_entry (Fixture *fixture)
{
  GtkWidget *entry = mp_test_find_widget (GTK_WIDGET (fixture->row), GTK_TYPE_ENTRY, NULL);

  /* the first entry is the value; the note comes after it */
  g_assert_nonnull (entry);
  g_assert_true (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY) != NULL);
  return GTK_ENTRY (entry);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

static MpDatePopover *
open_picker (Fixture *fixture)
{
  GtkEntry *entry = value_entry (fixture);
  GtkWidget *popover;

  g_signal_emit_by_name (entry, "icon-release", GTK_ENTRY_ICON_SECONDARY);
  popover = mp_checklist_row_get_date_popover (fixture->row);
  g_assert_nonnull (popover);
  g_assert_true (MP_IS_DATE_POPOVER (popover));
  mp_test_wait_until (is_mapped, popover);
  return MP_DATE_POPOVER (popover);
}

static void
wait_unmapped (GtkWidget *widget)
{
  mp_test_wait_until (is_unmapped, widget);
}

/* Opening the picker and leafing through months saves nothing; picking a
 * day writes and saves it. */
static void
test_pick_a_day (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkEntry *entry = value_entry (fixture);
  MpDatePopover *popover = open_picker (fixture);
  GtkCalendar *calendar = mp_date_popover_get_calendar (popover);
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) picked = NULL;
  g_autofree char *today = NULL;

  {
    g_autofree char *name = g_strdup_printf ("date-picker-%s.png", language);
    g_autofree char *path = g_build_filename (MP_TEST_SCREENSHOT_DIR, name, NULL);

    g_mkdir_with_parents (MP_TEST_SCREENSHOT_DIR, 0755);
    mp_test_wait_for_draw (GTK_WIDGET (popover));
    mp_test_save_png (GTK_WIDGET (popover), path);
    g_test_message ("screenshot: %s", path);
  }

  /* Opens on today (MELDPUNT_NOW) with the field still empty. */
  today = g_date_time_format (shown, "%Y-%m-%d");
  g_assert_cmpstr (today, ==, "2026-12-07");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (fixture->saved->len, ==, 0);

  /* Next month: still nothing chosen. */
  g_object_set (calendar, "month", 0, "year", 2027, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (fixture->saved->len, ==, 0);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* A day is picked: written, saved, the popover closes. */
  picked = g_date_time_new_local (2027, 1, 15, 0, 0, 0);
  gtk_calendar_select_day (calendar, picked);
  g_signal_emit_by_name (calendar, "day-selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2027-01-15");
  g_assert_cmpuint (fixture->saved->len, >=, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->saved, fixture->saved->len - 1), ==, "2027-01-15");
  wait_unmapped (GTK_WIDGET (popover));

  /* Reopened, it shows the day in the field. */
  popover = open_picker (fixture);
  g_clear_pointer (&shown, g_date_time_unref);
  shown = gtk_calendar_get_date (mp_date_popover_get_calendar (popover));
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2027);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 15);
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_unmapped (GTK_WIDGET (popover));
}

/* "Today" is one of the choices; typing a date stays possible. */
static void
test_today_and_typing (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkEntry *entry = value_entry (fixture);
  MpDatePopover *popover;
  GtkWidget *today;

  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-11-30");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->saved->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->saved, 0), ==, "2026-11-30");

  /* A wrong date is pointed out and kept as typed; the picker opens on today. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-02-30");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->saved->len, ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2026-02-30");

  popover = open_picker (fixture);
  today = mp_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_BUTTON, "today");
  g_assert_nonnull (today);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (today)), ==, _("_Today"));
  g_signal_emit_by_name (today, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2026-12-07");
  g_assert_cmpstr (g_ptr_array_index (fixture->saved, fixture->saved->len - 1), ==, "2026-12-07");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  wait_unmapped (GTK_WIDGET (popover));
}

static MpChecklistRow *
find_item (GtkWidget  *root,
           const char *item)
{
  GtkWidget *row = mp_test_find_widget (root, MP_TYPE_CHECKLIST_ROW, item);

  g_assert_nonnull (row);
  return MP_CHECKLIST_ROW (row);
}

static GtkWidget *
use_button (MpChecklistRow *row)
{
  return mp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON, "use-suggestion");
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

/* The expected fix date is suggested from the severity and the receipt
 * date (the policy's fix periods), stored only when the user takes it. */
static void
test_fix_date_suggested (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MpCase) kase = NULL;
  GtkWidget *window = g_object_ref (gtk_window_new ());
  GtkWidget *page = g_object_new (MP_TYPE_CASE_PAGE, NULL);
  MpChecklistRow *row;
  GtkWidget *entry, *use;

  mp_case_set_text (draft, "title", "SQL injection in the search form");
  mp_case_set_text (draft, "asset", "portal.example.nl");
  mp_case_set_text (draft, "description", "q is pasted into SQL.");
  g_assert_true (mp_case_set_value_string (draft, "received_at", "2026-11-02T09:00:00+01:00", &error));
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  mp_case_page_set_store (MP_CASE_PAGE (page), store);
  mp_case_page_set_case (MP_CASE_PAGE (page), kase);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (window);

  /* No severity yet: nothing to suggest. */
  row = find_item (page, "assess.fix_date");
  use = use_button (row);
  g_assert_true (use == NULL || !gtk_widget_get_visible (use));

  /* High (7.1 … 8.9): 30 days after 2 November. */
  answer (store, kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
  mp_case_page_set_case (MP_CASE_PAGE (page), kase);
  row = find_item (page, "assess.fix_date");
  entry = mp_test_find_widget (GTK_WIDGET (row), GTK_TYPE_ENTRY, NULL);
  use = use_button (row);
  g_assert_nonnull (use);
  g_assert_true (gtk_widget_get_visible (use));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==, "2026-12-02");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (mp_case_get_answer_value (kase, "assess.fix_date"));

  /* Another day typed: the suggestion is still offered beside it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-12-20");
  g_assert_true (gtk_widget_get_visible (use));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  /* "Use" stores it. */
  g_signal_emit_by_name (use, "clicked");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "assess.fix_date"), ==, "2026-12-02");
  row = find_item (page, "assess.fix_date");
  use = use_button (row);
  g_assert_true (use == NULL || !gtk_widget_get_visible (use));

  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

static void
select_value (GtkWidget  *picker,
              const char *metric,
              guint       position)
{
  GtkWidget *drop_down = mp_test_find_widget (picker, GTK_TYPE_DROP_DOWN, metric);

  g_assert_nonnull (drop_down);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
}

static const char *
score_text (GtkWidget *picker)
{
  GObject *label = gtk_widget_get_template_child (picker, MP_TYPE_CVSS_PICKER, "score_label");

  return gtk_label_get_label (GTK_LABEL (label));
}

/* The CVSS field's picker: metrics pre-selected from the vector typed,
 * score live, 3.1 and 4.0, "Use" writes and saves the vector. */
static void
test_cvss_picker (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkEntry *entry = value_entry (fixture);
  GtkWidget *picker;
  g_autofree char *vector = NULL;
  g_autofree char *expected = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (fixture->saved->len, ==, 1);

  g_signal_emit_by_name (entry, "icon-release", GTK_ENTRY_ICON_SECONDARY);
  picker = mp_checklist_row_get_cvss_picker (fixture->row);
  g_assert_nonnull (picker);
  mp_test_wait_until (is_mapped, picker);
  vector = mp_cvss_picker_dup_vector (MP_CVSS_PICKER (picker));
  g_assert_cmpstr (vector, ==, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
  /* Translators' words aside, the score is the one mp-cvss gives: 6.1 medium */
  g_assert_nonnull (strstr (score_text (picker), "6.1"));
  {
    g_autofree char *name = g_strdup_printf ("cvss-picker-%s.png", language);
    g_autofree char *path = g_build_filename (MP_TEST_SCREENSHOT_DIR, name, NULL);

    mp_test_wait_for_draw (picker);
    mp_test_save_png (picker, path);
    g_test_message ("screenshot: %s", path);
  }

  /* Confidentiality High: the score follows at once; nothing saved yet. */
  select_value (picker, "C", 0);
  g_assert_nonnull (strstr (score_text (picker), "8.2"));
  g_assert_cmpuint (fixture->saved->len, ==, 1);

  /* CVSS 4.0: its own metrics. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (mp_test_find_widget (picker,
                                                                        GTK_TYPE_TOGGLE_BUTTON,
                                                                        "v40")), TRUE);
  g_assert_nonnull (mp_test_find_widget (picker, GTK_TYPE_DROP_DOWN, "VC"));
  g_assert_null (mp_test_find_widget (picker, GTK_TYPE_DROP_DOWN, "S"));
  g_clear_pointer (&vector, g_free);
  vector = mp_cvss_picker_dup_vector (MP_CVSS_PICKER (picker));
  /* every metric at its first (worst) value: 10.0 */
  g_assert_cmpstr (vector, ==, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H");
  g_assert_nonnull (strstr (score_text (picker), "10.0"));
  select_value (picker, "SC", 2);
  select_value (picker, "SI", 2);
  select_value (picker, "SA", 2);
  expected = mp_cvss_picker_dup_vector (MP_CVSS_PICKER (picker));
  g_assert_cmpstr (expected, ==, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");

  g_signal_emit_by_name (mp_test_find_widget (picker, GTK_TYPE_BUTTON, "use-vector"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, expected);
  g_assert_cmpuint (fixture->saved->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->saved, 1), ==, expected);
  wait_unmapped (picker);
}

int
main (int    argc,
      char **argv)
{
  /* --language LANG, taken out before GTest sees the arguments */
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--language"))
      {
        language = argv[i + 1];
        for (int j = i; j + 2 <= argc; j++)
          argv[j] = argv[j + 2];
        argc -= 2;
        break;
      }
  g_setenv ("MELDPUNT_NOW", "2026-12-07T10:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, language);
  g_test_add ("/ui/date-fields/pick-a-day", Fixture, "assess.fix_date",
              fixture_set_up, test_pick_a_day, fixture_tear_down);
  g_test_add ("/ui/date-fields/today-and-typing", Fixture, "ack.sent_on",
              fixture_set_up, test_today_and_typing, fixture_tear_down);
  g_test_add_func ("/ui/date-fields/fix-date-suggested", test_fix_date_suggested);
  g_test_add ("/ui/date-fields/cvss-picker", Fixture, "assess.cvss",
              fixture_set_up, test_cvss_picker, fixture_tear_down);
  return g_test_run ();
}
