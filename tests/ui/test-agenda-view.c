/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The agenda shows a page of each group's deadlines at a time (issue 12):
 * a large desk has thousands of open deadlines, and the count beside the
 * group's title says how many. "Show more" adds the next page.
 */
#include "config.h"

#include <locale.h>

#include "mp-agenda-view.h"

static void
collect (GtkWidget  *widget,
         const char *css_class,
         GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, css_class, found);
}

static guint
count_class (GtkWidget  *widget,
             const char *css_class)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (widget, css_class, found);
  return found->len;
}

static GtkWidget *
find_class (GtkWidget  *widget,
            const char *css_class)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (widget, css_class, found);
  g_assert_cmpuint (found->len, <=, 1);
  return found->len == 1 ? g_ptr_array_index (found, 0) : NULL;
}

static void
activate (GtkWidget *row)
{
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
}

static void
on_open_case (MpAgendaView *view,
              const char   *reference,
              const char   *kind,
              char        **opened)
{
  g_free (*opened);
  *opened = g_strdup (reference);
}

static void
test_pages (void)
{
  gint64 now = g_get_real_time ();
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpAgenda) agenda = NULL;
  GtkWidget *view = g_object_ref_sink (mp_agenda_view_new ());
  g_autofree char *opened = NULL;
  GtkWidget *more;

  /* 60 overdue acknowledgements, a day apart; one later deadline */
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *reference = g_strdup_printf ("CVD-2026-%04d", i + 1);
      g_autoptr(MpDeadline) deadline = mp_deadline_new (reference, "acknowledgement",
                                                        now - (gint64) (i + 1) * 86400 * G_USEC_PER_SEC,
                                                        0);

      g_list_store_append (deadlines, deadline);
    }
  {
    g_autoptr(MpDeadline) later = mp_deadline_new ("CVD-2026-0099", "disclosure",
                                                   now + (gint64) 60 * 86400 * G_USEC_PER_SEC, 0);

    g_list_store_append (deadlines, later);
  }
  agenda = mp_agenda_new (policy, G_LIST_MODEL (deadlines), now);
  g_assert_cmpuint (mp_agenda_get_count (agenda, MP_AGENDA_OVERDUE), ==, 60);
  g_signal_connect (view, "open-case", G_CALLBACK (on_open_case), &opened);
  mp_agenda_view_set_agenda (MP_AGENDA_VIEW (view), agenda, policy, NULL);

  /* The first page of the overdue group, and a row to show the next; the
   * later group has its one deadline and no such row. */
  g_assert_cmpuint (count_class (view, "overdue-row"), ==, 25);
  g_assert_cmpuint (count_class (view, "agenda-more"), ==, 1);
  more = find_class (view, "agenda-more");
  g_assert_nonnull (more);

  activate (more);
  g_assert_cmpuint (count_class (view, "overdue-row"), ==, 50);
  g_assert_null (opened);
  more = find_class (view, "agenda-more");
  g_assert_nonnull (more);

  /* The last page: ten, and nothing more to show. */
  activate (more);
  g_assert_cmpuint (count_class (view, "overdue-row"), ==, 60);
  g_assert_null (find_class (view, "agenda-more"));
  g_assert_null (opened);

  /* A deadline row still opens its case; earliest first, so the last row
   * is the deadline of yesterday. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (view, "overdue-row", rows);
    activate (g_ptr_array_index (rows, 59));
    g_assert_cmpstr (opened, ==, "CVD-2026-0001");
    activate (g_ptr_array_index (rows, 0));
    g_assert_cmpstr (opened, ==, "CVD-2026-0060");
  }

  /* A new agenda starts at the first page again. */
  mp_agenda_view_set_agenda (MP_AGENDA_VIEW (view), agenda, policy, NULL);
  g_assert_cmpuint (count_class (view, "overdue-row"), ==, 25);

  g_object_unref (view);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (gtk_init_check ())
    {
      adw_init ();
      g_test_add_func ("/agenda-view/pages", test_pages);
    }
  return g_test_run ();
}
