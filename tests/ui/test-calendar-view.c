/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The Calendar page on a temporary desk with demo-like cases, "now" pinned
 * to Tuesday 24 November 2026, 10:00 in Amsterdam: months, chips, keys,
 * the agenda, the overdue count, the export, and a screenshot in the
 * language given with --ui-language (build dir's screenshots/).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "mp-agenda-view.h"
#include "mp-calendar-private.h"
#include "mp-calendar-view.h"
#include "mp-deadlines.h"
#include "mp-store.h"
#include "mp-test-util.h"
#include "mp-workdays.h"

#define NOW "2026-11-24T10:00:00+01:00"

typedef struct
{
  char            *dir;
  MpStore         *store;
  GtkWidget       *window;
  MpCalendarView  *view;
  char            *opened_reference;
  char            *opened_kind;
} Fixture;

static const char *ui_language = "en";

static gint64
instant (const char *iso8601)
{
  gint64 usec = 0;
  gboolean ok = mp_time_parse_iso8601 (iso8601, &usec);

  g_assert_true (ok);
  return usec;
}

static MpCase *
add_case (MpStore    *store,
          const char *title,
          const char *received,
          ...)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;
  va_list args;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "asset", "portal.example.nl");
  g_assert_true (mp_case_set_value_string (draft, "received_at", received, &error));
  g_assert_no_error (error);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);

  /* Item, value pairs. */
  va_start (args, received);
  for (const char *item = va_arg (args, const char *);
       item != NULL;
       item = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      g_assert_true (mp_store_set_answer (store, kase, item, value, NULL, &error));
      g_assert_no_error (error);
    }
  va_end (args);
  return kase;
}

/* A desk like `meldpunt-cli demo` makes: cases at every step. */
static void
fill_desk (MpStore *store)
{
  g_autoptr(MpCase) c1 = NULL, c2 = NULL, c3 = NULL, c4 = NULL, c5 = NULL, c6 = NULL;
  g_autoptr(MpCase) c7 = NULL, c8 = NULL, c9 = NULL, c10 = NULL;

  g_assert_true (mp_store_begin_batch (store, NULL));
  /* CVD-2026-0001: acknowledgement due in 72 hours, on 22 November. */
  c1 = add_case (store, "SQL injection in the search form", "2026-11-19T14:00:00+01:00", NULL);
  /* CVD-2026-0002: in remediation, fix date and agreed publication set. */
  c2 = add_case (store, "Stored XSS in the contact form", "2026-10-12T09:30:00+02:00",
                 "intake.complete", "yes", "scope.asset_owner", "ours",
                 "scope.outcome", "in-scope", "ack.sent_on", "2026-10-13",
                 "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
                 "assess.fix_date", "2026-11-27", "assess.sent_on", "2026-10-14",
                 "remed.last_update_on", "2026-11-20", "disclose.agreed_on", "2026-12-15", NULL);
  /* CVD-2026-0003: assessed, a progress update is overdue. */
  c3 = add_case (store, "Directory listing on the file server", "2026-11-02T11:00:00+01:00",
                 "intake.complete", "yes", "scope.asset_owner", "ours",
                 "scope.outcome", "in-scope", "ack.sent_on", "2026-11-03",
                 "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
                 "assess.fix_date", "2026-12-04", "assess.sent_on", "2026-11-05", NULL);
  /* CVD-2026-0004: waiting for the reporter. */
  c4 = add_case (store, "Unclear report about the VPN", "2026-11-16T16:20:00+01:00",
                 "intake.complete", "no", "info.requested_on", "2026-11-17", NULL);
  /* CVD-2026-0005 … 0009: a busy Tuesday; everything falls on Friday the 27th. */
  c5 = add_case (store, "Open redirect on the login page", "2026-11-24T08:05:00+01:00", NULL);
  c6 = add_case (store, "Outdated TLS on the mail relay", "2026-11-24T08:40:00+01:00", NULL);
  c7 = add_case (store, "Exposed .git folder", "2026-11-24T09:10:00+01:00", NULL);
  c8 = add_case (store, "Missing rate limit on password reset", "2026-11-24T09:30:00+01:00", NULL);
  c9 = add_case (store, "Clickjacking on the portal", "2026-11-23T16:00:00+01:00", NULL);
  /* CVD-2026-0010: the disclosure window ends on 30 November. */
  c10 = add_case (store, "Information disclosure in error pages", "2026-09-01T10:00:00+02:00",
                  "intake.complete", "yes", "scope.asset_owner", "ours",
                  "scope.outcome", "in-scope", "ack.sent_on", "2026-09-02",
                  "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
                  "assess.sent_on", "2026-09-03", "remed.last_update_on", "2026-11-23", NULL);
  g_assert_true (mp_store_end_batch (store, NULL));
}

static void
on_open_case_cb (MpCalendarView *view,
                 const char     *reference,
                 const char     *kind,
                 Fixture        *fixture)
{
  g_free (fixture->opened_reference);
  g_free (fixture->opened_kind);
  fixture->opened_reference = g_strdup (reference);
  fixture->opened_kind = g_strdup (kind);
}

static gboolean
more_toplevels_than (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) > GPOINTER_TO_UINT (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *box;

  fixture->dir = g_dir_make_tmp ("meldpunt-calendar-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_initialise (fixture->store, "Voorbeeld BV", "a test passphrase", &error));
  fill_desk (fixture->store);

  fixture->view = g_object_ref_sink (MP_CALENDAR_VIEW (mp_calendar_view_new ()));
  mp_calendar_view_set_store (fixture->view, fixture->store);
  g_signal_connect (fixture->view, "open-case", G_CALLBACK (on_open_case_cb), fixture);

  fixture->window = g_object_ref (gtk_window_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1360, 860);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (box, "background");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), TRUE);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  mp_test_wait_for_draw (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "desk.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  mp_test_destroy_window (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->view);
  g_clear_object (&fixture->store);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->opened_reference);
  g_free (fixture->opened_kind);
}

/* Widgets under @widget with @css_class, depth first; what is on screen
 * only, or also inside popovers (a "+N more" list). Hidden widgets (a day's
 * unused chips) do not count. */
static void
collect_full (GtkWidget  *widget,
              const char *css_class,
              gboolean    popovers,
              GPtrArray  *found)
{
  if (!gtk_widget_get_visible (widget) && !GTK_IS_POPOVER (widget))
    return;
  if (gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (popovers || !GTK_IS_POPOVER (child))
      collect_full (child, css_class, popovers, found);
}

static void
collect (GtkWidget  *widget,
         const char *css_class,
         GPtrArray  *found)
{
  collect_full (widget, css_class, FALSE, found);
}

/* Rows that carry a deadline under @widget, visible or not. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *found)
{
  if (GTK_IS_LIST_BOX_ROW (widget) && g_object_get_data (G_OBJECT (widget), "deadline") != NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, found);
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The cell of @day_text ("2026-11-27"): the days grid's child at its index. */
static GtkWidget *
find_cell (Fixture    *fixture,
           const char *day_text)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  MpCalendarMonth *month = mp_calendar_view_get_month_model (fixture->view);
  GDate date;
  int index;

  g_assert_true (mp_date_parse (day_text, &date));
  index = mp_calendar_month_find_date (month, &date);
  g_assert_cmpint (index, >=, 0);
  collect (GTK_WIDGET (fixture->view), "calendar-day", cells);
  g_assert_cmpuint (cells->len, ==, MP_CALENDAR_MONTH_N_DAYS);
  return g_ptr_array_index (cells, index);
}

static GtkWidget *
find_chip (GtkWidget  *cell,
           const char *reference,
           const char *kind)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();

  collect_full (cell, "deadline-chip", TRUE, chips);
  for (guint i = 0; i < chips->len; i++)
    {
      MpDeadline *deadline = _mp_calendar_chip_get_deadline (g_ptr_array_index (chips, i));

      if (g_str_equal (mp_deadline_get_reference (deadline), reference)
          && g_str_equal (mp_deadline_get_kind (deadline), kind))
        return g_ptr_array_index (chips, i);
    }
  return NULL;
}

static guint
count_class (GtkWidget  *widget,
             const char *css_class)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (widget, css_class, found);
  return found->len;
}

static void
assert_month (Fixture *fixture,
              int      year,
              guint    month)
{
  MpCalendarMonth *model = mp_calendar_view_get_month_model (fixture->view);

  g_assert_cmpint (mp_calendar_month_get_year (model), ==, year);
  g_assert_cmpuint (mp_calendar_month_get_month (model), ==, month);
}

static void
assert_focus (Fixture    *fixture,
              const char *expected)
{
  GDate date = mp_calendar_view_get_focus_date (fixture->view);
  g_autofree char *text = mp_date_format (&date);

  g_assert_cmpstr (text, ==, expected);
}

static gboolean
press (Fixture *fixture,
       guint    keyval)
{
  g_autoptr(GPtrArray) grids = g_ptr_array_new ();
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled = FALSE;

  collect (GTK_WIDGET (fixture->view), "calendar-grid", grids);
  g_assert_cmpuint (grids->len, ==, 1);
  controllers = gtk_widget_observe_controllers (g_ptr_array_index (grids, 0));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

/* Counts the open deadlines of open cases from the store itself. */
static void
count_open (Fixture *fixture,
            guint   *n_open,
            guint   *n_overdue)
{
  g_autoptr(GListModel) deadlines = mp_deadlines_list_open (fixture->store, 0, 0, NULL);
  gint64 now = instant (NOW);

  *n_open = *n_overdue = 0;
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      (*n_open)++;
      if (mp_deadline_get_due_at (deadline) < now)
        (*n_overdue)++;
    }
}

static void
test_chips (Fixture       *fixture,
            gconstpointer  data)
{
  MpCalendarMonth *month;
  const MpCalendarDay *day;
  GtkWidget *cell, *chip, *popover, *label;
  g_autoptr(GPtrArray) more = g_ptr_array_new ();
  g_autofree char *more_text = NULL;
  GDate date;

  /* "Now" decides the month and today. */
  assert_month (fixture, 2026, 11);
  cell = find_cell (fixture, "2026-11-24");
  g_assert_true (gtk_widget_has_css_class (cell, "today"));
  g_assert_false (gtk_widget_has_css_class (find_cell (fixture, "2026-11-23"), "today"));
  g_assert_true (gtk_widget_has_css_class (find_cell (fixture, "2026-11-28"), "weekend"));
  g_assert_true (gtk_widget_has_css_class (find_cell (fixture, "2026-12-06"), "other-month"));

  /* CVD-2026-0001, received Thursday 19 November 14:00: its
   * acknowledgement was due Sunday 22 November 14:00 — overdue. */
  cell = find_cell (fixture, "2026-11-22");
  chip = find_chip (cell, "CVD-2026-0001", "acknowledgement");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_css_class (chip, "overdue"));
  g_assert_true (gtk_widget_has_css_class (chip, "kind-acknowledgement"));
  g_assert_true (gtk_widget_has_css_class (cell, "has-overdue"));

  /* The chip names its kind as the legend does. */
  {
    GObject *legend = gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                     MP_TYPE_CALENDAR_VIEW, "legend_box");
    g_autoptr(GPtrArray) dots = g_ptr_array_new ();
    g_autofree char *expected = NULL;
    GtkWidget *legend_label = NULL;

    collect (GTK_WIDGET (legend), "kind-acknowledgement", dots);
    g_assert_cmpuint (dots->len, ==, 1);
    legend_label = gtk_widget_get_next_sibling (g_ptr_array_index (dots, 0));
    g_assert_true (GTK_IS_LABEL (legend_label));
    expected = g_strdup_printf ("0001 %s", gtk_label_get_label (GTK_LABEL (legend_label)));
    g_assert_cmpstr (_mp_calendar_chip_get_text (chip), ==, expected);
  }

  /* Activating a chip asks to open the case at its step. */
  g_signal_emit_by_name (chip, "clicked");
  g_assert_cmpstr (fixture->opened_reference, ==, "CVD-2026-0001");
  g_assert_cmpstr (fixture->opened_kind, ==, "acknowledgement");

  /* Friday 27 November: four cases received on the 24th and one on the
   * 23rd all have their acknowledgement (72 hours) or assessment (three
   * working days) due then, and 0002's fix date is that day: at most three
   * chips, and "+N more" for the rest. */
  g_assert_true (mp_date_parse ("2026-11-27", &date));
  month = mp_calendar_view_get_month_model (fixture->view);
  day = mp_calendar_month_get_day (month, mp_calendar_month_find_date (month, &date));
  g_assert_cmpuint (day->deadlines->len, >=, 9);
  cell = find_cell (fixture, "2026-11-27");
  collect (cell, "more-chip", more);
  g_assert_cmpuint (more->len, ==, 1);
  g_assert_cmpuint (count_class (cell, "deadline-chip"), ==, 3);
  more_text = g_strdup_printf (ngettext ("+%u more", "+%u more", day->deadlines->len - 3),
                               day->deadlines->len - 3);
  label = gtk_menu_button_get_child (g_ptr_array_index (more, 0));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, more_text);

  /* Every one of them is in the "+N more" list once it opens, coloured by
   * kind: the 27th holds 0002's fix target. */
  gtk_menu_button_popup (g_ptr_array_index (more, 0));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (g_ptr_array_index (more, 0)));
  g_assert_cmpuint (count_class (popover, "deadline-chip"), ==, day->deadlines->len);
  chip = find_chip (cell, "CVD-2026-0002", "fix-target");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_css_class (chip, "kind-fix-target"));
  gtk_menu_button_popdown (g_ptr_array_index (more, 0));
}

/* The page fits a 1024-pixel-wide screen: day cells and chips shrink,
 * their words are cut short. */
static void
test_minimum_size (Fixture       *fixture,
                   gconstpointer  data)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width: %d", minimum);
  /* A phone-sized window: the agenda folds under the month. */
  g_assert_cmpint (minimum, <=, 360);
}


static void
test_navigation (Fixture       *fixture,
                 gconstpointer  data)
{
  /* Buttons: next, next (across the new year), previous, today. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.next", NULL));
  assert_month (fixture, 2026, 12);
  /* CVD-2026-0002's agreed publication, 15 December. */
  g_assert_nonnull (find_chip (find_cell (fixture, "2026-12-15"), "CVD-2026-0002", "publication"));
  g_assert_true (gtk_widget_has_css_class (find_cell (fixture, "2026-12-25"), "holiday"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.next", NULL);
  assert_month (fixture, 2027, 1);
  g_assert_true (gtk_widget_has_css_class (find_cell (fixture, "2027-01-01"), "holiday"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.previous", NULL);
  assert_month (fixture, 2026, 12);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.today", NULL);
  assert_month (fixture, 2026, 11);
  assert_focus (fixture, "2026-11-24");

  /* Keys: arrows move by a day and a week, across the month's end. */
  g_assert_true (press (fixture, GDK_KEY_Right));
  assert_focus (fixture, "2026-11-25");
  g_assert_true (press (fixture, GDK_KEY_Down));
  assert_focus (fixture, "2026-12-02");
  assert_month (fixture, 2026, 12);
  g_assert_true (press (fixture, GDK_KEY_Up));
  assert_focus (fixture, "2026-11-25");
  assert_month (fixture, 2026, 11);
  g_assert_true (press (fixture, GDK_KEY_Left));
  assert_focus (fixture, "2026-11-24");
  /* Page Down / Up change the month and keep the day. */
  g_assert_true (press (fixture, GDK_KEY_Page_Down));
  assert_month (fixture, 2026, 12);
  assert_focus (fixture, "2026-12-24");
  g_assert_true (press (fixture, GDK_KEY_Page_Down));
  assert_month (fixture, 2027, 1);
  g_assert_true (press (fixture, GDK_KEY_Page_Up));
  g_assert_true (press (fixture, GDK_KEY_Page_Up));
  g_assert_true (press (fixture, GDK_KEY_Page_Up));
  assert_month (fixture, 2026, 10);
  /* Home: back to today. */
  g_assert_true (press (fixture, GDK_KEY_Home));
  assert_month (fixture, 2026, 11);
  assert_focus (fixture, "2026-11-24");
  g_assert_false (press (fixture, GDK_KEY_a));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* The day cells are filled again on each month (issue 12): whatever was
 * shown before, each cell shows exactly its day's first deadlines and a
 * "+N more" only when there are more. */
static void
assert_cells_match_model (Fixture *fixture)
{
  MpCalendarMonth *month = mp_calendar_view_get_month_model (fixture->view);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  collect (GTK_WIDGET (fixture->view), "calendar-day", cells);
  g_assert_cmpuint (cells->len, ==, MP_CALENDAR_MONTH_N_DAYS);
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    {
      const MpCalendarDay *day = mp_calendar_month_get_day (month, i);
      g_autoptr(GPtrArray) chips = g_ptr_array_new ();
      g_autoptr(GPtrArray) more = g_ptr_array_new ();
      guint n = day->deadlines->len;

      collect (g_ptr_array_index (cells, i), "deadline-chip", chips);
      collect (g_ptr_array_index (cells, i), "more-chip", more);
      g_assert_cmpuint (chips->len, ==, MIN (n, 3));
      g_assert_cmpuint (more->len, ==, n > 3 ? 1 : 0);
      for (guint k = 0; k < chips->len; k++)
        {
          GtkWidget *chip = g_ptr_array_index (chips, k);
          MpDeadline *deadline = g_ptr_array_index (day->deadlines, k);

          g_assert_true (_mp_calendar_chip_get_deadline (chip) == deadline);
          g_assert_true (gtk_widget_has_css_class (chip, "overdue")
                         == mp_calendar_month_is_overdue (month, deadline));
          g_auto(GStrv) classes = gtk_widget_get_css_classes (chip);
          g_autofree char *kind_class = g_strconcat ("kind-", mp_deadline_get_kind (deadline),
                                                     NULL);
          guint n_kind_classes = 0;

          /* Its kind's colour, and no other's. */
          g_assert_true (gtk_widget_has_css_class (chip, kind_class));
          for (guint c = 0; classes[c] != NULL; c++)
            n_kind_classes += g_str_has_prefix (classes[c], "kind-");
          g_assert_cmpuint (n_kind_classes, ==, 1);
        }
    }
}

static void
test_cells_reused (Fixture       *fixture,
                   gconstpointer  data)
{
  guint total = 0;

  assert_cells_match_model (fixture);
  /* November has a crowded day (see test_chips); December and February
   * fewer deadlines, on other days. */
  mp_calendar_view_show_month (fixture->view, 2026, 12);
  assert_cells_match_model (fixture);
  mp_calendar_view_show_month (fixture->view, 2027, 2);
  assert_cells_match_model (fixture);
  mp_calendar_view_show_month (fixture->view, 2026, 11);
  assert_cells_match_model (fixture);
  /* Not vacuous: November shows chips. */
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    total += mp_calendar_month_get_day (mp_calendar_view_get_month_model (fixture->view),
                                        i)->deadlines->len;
  g_assert_cmpuint (total, >, 3);

  /* The 27th's first chips are acknowledgements of 0005–0008; once they
   * are sent, the same chips show deadlines of other kinds. */
  for (guint i = 5; i <= 8; i++)
    {
      g_autofree char *reference = g_strdup_printf ("CVD-2026-%04u", i);
      MpCase *kase = mp_store_find_case (fixture->store, reference);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (kase);
      g_assert_true (mp_store_set_answer (fixture->store, kase, "ack.sent_on", "2026-11-24", NULL,
                                          &error));
      g_assert_no_error (error);
    }
  g_assert_null (find_chip (find_cell (fixture, "2026-11-27"), "CVD-2026-0005", "acknowledgement"));
  assert_cells_match_model (fixture);
}

/* A crowded group shows its first rows and a row that shows more of them
 * (issue 12); the count says how many there are in all. */
static void
test_agenda_pages (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(MpAgenda) agenda = NULL;
  GtkWidget *view = g_object_ref_sink (mp_agenda_view_new ());
  gint64 now = instant (NOW);
  guint expected[] = { 50, 100, 120 };

  /* 120 deadlines due in the next months: all "Later". */
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *reference = g_strdup_printf ("CVD-2026-%04u", i + 1);
      g_autoptr(MpDeadline) deadline = mp_deadline_new (reference, "fix-target",
                                                        now + (gint64) (30 + i) * G_TIME_SPAN_DAY,
                                                        0);

      g_list_store_append (deadlines, deadline);
    }
  agenda = mp_agenda_new (policy, G_LIST_MODEL (deadlines), now);
  g_assert_cmpuint (mp_agenda_get_count (agenda, MP_AGENDA_LATER), ==, 120);
  mp_agenda_view_set_agenda (MP_AGENDA_VIEW (view), agenda, policy, NULL);

  for (guint step = 0; step < G_N_ELEMENTS (expected); step++)
    {
      g_autoptr(GPtrArray) more = g_ptr_array_new ();
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      GtkWidget *list;

      collect (view, "agenda-more", more);
      collect_rows (view, rows);
      g_assert_cmpuint (rows->len, ==, expected[step]);
      list = gtk_widget_get_parent (g_ptr_array_index (rows, 0));
      g_assert_cmpuint (more->len, ==, expected[step] < 120 ? 1 : 0);
      if (more->len > 0)
        {
          g_assert_true (gtk_widget_get_parent (g_ptr_array_index (more, 0)) == list);
          g_signal_emit_by_name (list, "row-activated", g_ptr_array_index (more, 0));
        }
    }
  g_object_unref (view);
}

static void
test_agenda_and_badge (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *agenda_view;
  MpAgenda *agenda;
  MpCase *kase;
  guint n_open, n_overdue, total = 0, notified = 0;
  gboolean attention = FALSE;
  g_autoptr(GError) error = NULL;

  count_open (fixture, &n_open, &n_overdue);
  /* At least 0001's acknowledgement and 0003's progress update (14 days
   * after the assessment letter of 5 November) are late. */
  g_assert_cmpuint (n_overdue, >=, 2);
  g_assert_cmpuint (mp_calendar_view_get_n_overdue (fixture->view), ==, n_overdue);
  g_object_get (fixture->view, "needs-attention", &attention, NULL);
  g_assert_true (attention);

  /* The agenda beside the grid: every open deadline in one group. */
  agenda_view = find_by_type (GTK_WIDGET (fixture->view), MP_TYPE_AGENDA_VIEW);
  g_assert_nonnull (agenda_view);
  agenda = mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view));
  g_assert_nonnull (agenda);
  for (guint g = 0; g < MP_AGENDA_N_GROUPS; g++)
    total += mp_agenda_get_count (agenda, g);
  g_assert_cmpuint (total, ==, n_open);
  g_assert_cmpuint (mp_agenda_get_count (agenda, MP_AGENDA_OVERDUE), ==, n_overdue);
  /* 0004 waits for the reporter since 17 November: follow up today, 24th. */
  g_assert_cmpuint (mp_agenda_get_count (agenda, MP_AGENDA_TODAY), >=, 1);
  g_assert_cmpuint (count_class (agenda_view, "overdue-row"), ==, n_overdue);
  /* It says what it counts: deadlines (the overview counts cases). */
  {
    g_autoptr(GPtrArray) counts = g_ptr_array_new ();
    g_autofree char *expected = g_strdup_printf (ngettext ("%u deadline", "%u deadlines",
                                                           n_overdue), n_overdue);

    collect (agenda_view, "agenda-count", counts);
    g_assert_cmpuint (counts->len, ==, MP_AGENDA_N_GROUPS);
    g_assert_cmpstr (gtk_label_get_label (g_ptr_array_index (counts, MP_AGENDA_OVERDUE)), ==,
                     expected);
    if (g_str_equal (ui_language, "en"))
      g_assert_true (g_str_has_suffix (expected, " deadlines"));
  }

  /* Recording the acknowledgement of 0001 updates the page and the badge. */
  g_signal_connect (fixture->view, "notify::n-overdue", G_CALLBACK (on_notify_cb), &notified);
  kase = mp_store_find_case (fixture->store, "CVD-2026-0001");
  g_assert_true (mp_store_set_answer (fixture->store, kase, "ack.sent_on", "2026-11-24", NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (mp_calendar_view_get_n_overdue (fixture->view), ==, n_overdue - 1);
  g_assert_null (find_chip (find_cell (fixture, "2026-11-22"), "CVD-2026-0001", "acknowledgement"));
}

/* Closing a case leaves its agreed publication date on the calendar, as
 * a settled date: not overdue, not in the overdue count. */
static void
test_closed_keeps_publication (Fixture       *fixture,
                               gconstpointer  data)
{
  MpCase *kase = mp_store_find_case (fixture->store, "CVD-2026-0002");
  g_autoptr(GError) error = NULL;
  GtkWidget *chip;
  guint n_overdue;

  mp_calendar_view_show_month (fixture->view, 2026, 12);
  mp_test_run_pending ();
  chip = find_chip (find_cell (fixture, "2026-12-15"), "CVD-2026-0002", "publication");
  g_assert_nonnull (chip);
  g_assert_false (gtk_widget_has_css_class (chip, "met"));
  n_overdue = mp_calendar_view_get_n_overdue (fixture->view);

  g_assert_true (mp_store_set_answer (fixture->store, kase, "close.closed_on", "2026-11-24",
                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_case_get_status (kase), ==, "closed");
  mp_calendar_view_refresh (fixture->view);
  mp_test_run_pending ();

  chip = find_chip (find_cell (fixture, "2026-12-15"), "CVD-2026-0002", "publication");
  g_assert_nonnull (chip);
  g_assert_true (gtk_widget_has_css_class (chip, "met"));
  g_assert_false (gtk_widget_has_css_class (chip, "overdue"));
  g_assert_cmpuint (mp_calendar_view_get_n_overdue (fixture->view), <=, n_overdue);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "deadlines.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *p;
  guint n_open, n_overdue, n_events = 0, n_windows;

  g_assert_true (mp_calendar_view_export_ics (fixture->view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (text, "X-WR-TIMEZONE:Europe/Amsterdam"));
  g_assert_null (strstr (text, "TZID"));
  for (p = strstr (text, "BEGIN:VEVENT"); p != NULL; p = strstr (p + 1, "BEGIN:VEVENT"))
    n_events++;
  count_open (fixture, &n_open, &n_overdue);
  g_assert_cmpuint (n_events, ==, n_open);
  /* Titles of cases are confidential enough to stay out. */
  g_assert_null (strstr (text, "SQL injection"));
  g_assert_null (strstr (text, "portal.example.nl"));
  g_remove (path);

  /* The action asks for a file first: a file chooser opens and nothing is
   * written until it is answered. */
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.export-ics",
                                             NULL));
  mp_test_wait_until (more_toplevels_than, GUINT_TO_POINTER (n_windows));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), >, n_windows);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Hidden, the view does not build its grid or agenda when the deadlines
 * change: it counts the overdue ones for the badge when the main loop is
 * idle, and catches up when it is shown (issue 12). */
static void
test_hidden_catches_up (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *agenda_view = find_by_type (GTK_WIDGET (fixture->view), MP_TYPE_AGENDA_VIEW);
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (fixture->view));
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *other = gtk_label_new ("cases");
  g_autoptr(MpAgenda) before = NULL;
  g_autoptr(GError) error = NULL;
  guint n_open, n_overdue, notified = 0;
  MpCase *kase;

  count_open (fixture, &n_open, &n_overdue);
  before = g_object_ref (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)));
  g_assert_cmpuint (mp_agenda_get_count (before, MP_AGENDA_OVERDUE), ==, n_overdue);

  /* Behind another page. */
  g_object_ref (fixture->view);
  gtk_box_remove (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_stack_add_named (GTK_STACK (stack), other, "cases");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (fixture->view), "calendar");
  g_object_unref (fixture->view);
  gtk_widget_set_vexpand (stack, TRUE);
  gtk_box_append (GTK_BOX (box), stack);
  mp_test_run_pending ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));

  /* A deadline is met: the agenda is left alone, the badge follows. */
  g_signal_connect (fixture->view, "notify::n-overdue", G_CALLBACK (on_notify_cb), &notified);
  kase = mp_store_find_case (fixture->store, "CVD-2026-0001");
  g_assert_true (mp_store_set_answer (fixture->store, kase, "ack.sent_on", "2026-11-24", NULL,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)) == before);
  mp_test_run_pending ();
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (mp_calendar_view_get_n_overdue (fixture->view), ==, n_overdue - 1);
  g_assert_true (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)) == before);

  /* Shown: the agenda is built from the new deadlines. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "calendar");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  g_assert_false (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)) == before);
  g_assert_cmpuint (mp_agenda_get_count (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)),
                                         MP_AGENDA_OVERDUE), ==, n_overdue - 1);
}

/* Switching months keeps the agenda (it does not depend on the month); a
 * change to a case rebuilds it, whatever month is shown. */
static void
test_agenda_kept_across_months (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *agenda_view = find_by_type (GTK_WIDGET (fixture->view), MP_TYPE_AGENDA_VIEW);
  g_autoptr(MpAgenda) before = NULL;
  MpAgenda *after;
  MpCase *kase;
  guint n_overdue = mp_calendar_view_get_n_overdue (fixture->view);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (agenda_view);
  /* Held, so that a new agenda cannot take its address. */
  before = g_object_ref (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)));
  mp_calendar_view_show_month (fixture->view, 2027, 2);
  mp_calendar_view_show_month (fixture->view, 2026, 12);
  g_assert_true (mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view)) == before);

  kase = mp_store_find_case (fixture->store, "CVD-2026-0001");
  g_assert_true (mp_store_set_answer (fixture->store, kase, "ack.sent_on", "2026-11-24", NULL,
                                      &error));
  g_assert_no_error (error);
  after = mp_agenda_view_get_agenda (MP_AGENDA_VIEW (agenda_view));
  g_assert_true (after != before);
  g_assert_cmpuint (mp_agenda_get_count (after, MP_AGENDA_OVERDUE), ==, n_overdue - 1);
  g_assert_cmpuint (mp_calendar_view_get_n_overdue (fixture->view), ==, n_overdue - 1);
}

/* Waits until @widget has been laid out and drawn once more: a busy
 * machine may not have drawn it after what was pending ran. A frame that never
 * comes fails the test (it used to be given up silently after 2 s). */
static void
wait_frame (GtkWidget *widget)
{
  mp_test_wait_for_draw (widget);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (MP_SCREENSHOT_DIR, name, NULL);
  int width, height;

  wait_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  g_assert_true (g_mkdir_with_parents (MP_SCREENSHOT_DIR, 0755) == 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* The weekday names the header shows now: the squeezers' visible labels. */
static char *
shown_weekdays (Fixture *fixture)
{
  GObject *grid = gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                 MP_TYPE_CALENDAR_VIEW, "weekday_grid");
  g_autoptr(GString) names = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = adw_squeezer_get_visible_child (ADW_SQUEEZER (child));

      g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "",
                              gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* A 360 px window: short weekday names, the agenda under the month (not
 * clipped beside it), nothing wider than the window. */
static gboolean
view_is_narrow (gpointer view)
{
  return gtk_widget_get_width (view) <= 360;
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  gboolean dutch = g_str_equal (ui_language, "nl");
  GtkWidget *agenda = find_by_type (GTK_WIDGET (fixture->view), MP_TYPE_AGENDA_VIEW);
  GtkWidget *box = gtk_window_get_child (GTK_WINDOW (fixture->window));
  g_autofree char *wide = shown_weekdays (fixture);
  g_autofree char *narrow = NULL;
  g_autofree char *shot = g_strdup_printf ("calendar-%s-narrow.png", ui_language);
  graphene_rect_t bounds;
  int minimum = 0;

  /* Wide: whole names, the agenda beside the month. */
  g_assert_cmpstr (wide, ==, dutch ? "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
                                   : "Monday Tuesday Wednesday Thursday Friday Saturday Sunday");
  g_assert_true (gtk_widget_compute_bounds (agenda, GTK_WIDGET (fixture->view), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >, 0);
  g_assert_cmpfloat (bounds.origin.y, ==, 0);

  gtk_widget_measure (GTK_WIDGET (fixture->view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                      NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 1200);
  mp_test_wait_until (view_is_narrow, fixture->view);
  mp_test_run_pending ();

  narrow = shown_weekdays (fixture);
  {
    GObject *full = gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                   MP_TYPE_CALENDAR_VIEW, "month_label");
    GtkWidget *squeezer = gtk_widget_get_parent (GTK_WIDGET (full));
    GtkWidget *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));

    /* "Nov 2026": a short month name rather than "Nov…" */
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (shown)), ==,
                     dutch ? "nov. 2026" : "Nov 2026");
  }
  g_assert_cmpstr (narrow, ==, dutch ? "ma di wo do vr za zo" : "Mon Tue Wed Thu Fri Sat Sun");
  /* The agenda under the month, as wide as the window. */
  g_assert_true (gtk_widget_compute_bounds (agenda, GTK_WIDGET (fixture->view), &bounds));
  g_assert_cmpfloat (bounds.origin.x, ==, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 600);
  g_assert_cmpfloat (bounds.size.width, ==, gtk_widget_get_width (GTK_WIDGET (fixture->view)));
  save_screenshot (box, shot);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("calendar-%s.png", ui_language);
  g_autofree char *name_dark = g_strdup_printf ("calendar-%s-dark.png", ui_language);
  g_autofree char *name_december = g_strdup_printf ("calendar-%s-december.png", ui_language);
  GtkWidget *box = gtk_window_get_child (GTK_WINDOW (fixture->window));

  /* The words follow the UI language. */
  if (g_str_equal (ui_language, "nl"))
    g_assert_cmpstr (_("Overdue"), ==, "Te laat");
  else
    g_assert_cmpstr (_("Overdue"), ==, "Overdue");

  mp_calendar_view_show_today (fixture->view);
  mp_test_run_pending ();
  save_screenshot (box, name);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  mp_test_run_pending ();
  save_screenshot (box, name_dark);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* December: Christmas and New Year's Day shaded with their names. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "calendar.next", NULL);
  mp_test_run_pending ();
  save_screenshot (box, name_december);
}

static void
test_no_display (void)
{
  g_test_skip ("No display: run under xvfb-run");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--ui-language="))
      {
        ui_language = argv[i] + strlen ("--ui-language=");
        g_setenv ("LANGUAGE", ui_language, TRUE);
      }
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("MELDPUNT_NOW", NOW, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, MP_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/calendar-view/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/meldpunt/Meldpunt/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/calendar-view/chips", Fixture, NULL, fixture_set_up, test_chips, fixture_tear_down);
  g_test_add_func ("/calendar-view/agenda-pages", test_agenda_pages);
  g_test_add ("/calendar-view/cells-reused", Fixture, NULL, fixture_set_up, test_cells_reused,
              fixture_tear_down);
  g_test_add ("/calendar-view/navigation", Fixture, NULL, fixture_set_up, test_navigation,
              fixture_tear_down);
  g_test_add ("/calendar-view/agenda-and-badge", Fixture, NULL, fixture_set_up,
              test_agenda_and_badge, fixture_tear_down);
  g_test_add ("/calendar-view/agenda-kept-across-months", Fixture, NULL, fixture_set_up,
              test_agenda_kept_across_months, fixture_tear_down);
  g_test_add ("/calendar-view/hidden-catches-up", Fixture, NULL, fixture_set_up,
              test_hidden_catches_up, fixture_tear_down);
  g_test_add ("/calendar-view/minimum-size", Fixture, NULL, fixture_set_up, test_minimum_size,
              fixture_tear_down);
  g_test_add ("/calendar-view/narrow", Fixture, NULL, fixture_set_up, test_narrow,
              fixture_tear_down);
  g_test_add ("/calendar-view/closed-keeps-publication", Fixture, NULL, fixture_set_up,
              test_closed_keeps_publication, fixture_tear_down);
  g_test_add ("/calendar-view/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/calendar-view/screenshot", Fixture, NULL, fixture_set_up, test_screenshot,
              fixture_tear_down);
  return g_test_run ();
}
