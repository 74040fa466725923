/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The pages observe the desk (issue 17): bound once to a store, they follow
 * its lock and let it go when it is taken away, without the window telling
 * them. Each test ends by checking that the widgets and the store finalise.
 */
#include "config.h"

#include "mp-calendar-view.h"
#include "mp-case-list.h"
#include "mp-case-page.h"
#include "mp-desk-page.h"
#include "mp-overview-page.h"
#include "mp-test-util.h"
#include "mp-ui-util.h"

#define PASSPHRASE "correct horse battery"

typedef struct
{
  char    *dir;
  MpStore *store;
  MpCase  *kase;
} Fixture;

static MpCase *
add_case (MpStore    *store,
          const char *title)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "asset", "portal.example.nl");
  mp_case_set_text (draft, "description", "Found a problem.");
  mp_case_set_text (draft, "reporter_language", "en");
  mp_case_set_time (draft, "received_at", mp_time_now ());
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MpCase) other = NULL;

  fixture->store = mp_test_new_store (&fixture->dir);
  fixture->kase = add_case (fixture->store, "Open redirect");
  other = add_case (fixture->store, "XSS in search");
}

static gboolean
object_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  MpStore *store = g_steal_pointer (&fixture->store);

  g_clear_object (&fixture->kase);
  /* No page kept the desk: once work a page started in the background
   * (the case's signature check) has come back, the desk goes. */
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);
  mp_test_wait_until (object_gone, &store);
  mp_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
unlock (MpStore *store)
{
  g_autoptr(GError) error = NULL;

  mp_store_unlock (store, PASSPHRASE, &error);
  g_assert_no_error (error);
}

static void
test_case_list_follows_store (Fixture       *fixture,
                              gconstpointer  data)
{
  MpCaseList *list = g_object_ref_sink (g_object_new (MP_TYPE_CASE_LIST,
                                                      "store", fixture->store, NULL));
  guint notified = 0;

  /* The store's cases, without being handed its model. */
  g_signal_connect (list, "notify::store", G_CALLBACK (count_notify_cb), &notified);
  mp_case_list_set_filter (list, 4 /* all */);
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 2);

  mp_store_lock (fixture->store);
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 0);
  unlock (fixture->store);
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 2);

  /* The same store again is no change. */
  g_object_set (list, "store", fixture->store, NULL);
  g_assert_cmpuint (notified, ==, 0);
  mp_case_list_set_store (list, NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 0);
  g_assert_finalize_object (list);
}

static void
test_case_page_follows_lock (Fixture       *fixture,
                             gconstpointer  data)
{
  MpCasePage *page = g_object_ref_sink (g_object_new (MP_TYPE_CASE_PAGE,
                                                      "store", fixture->store,
                                                      "case", fixture->kase, NULL));
  guint notified = 0;
  MpCase *shown = NULL;
  GtkLabel *title;

  g_signal_connect (page, "notify::case", G_CALLBACK (count_notify_cb), &notified);
  g_object_get (page, "case", &shown, NULL);
  g_assert_true (shown == fixture->kase);
  g_clear_object (&shown);

  /* The heading follows the case's title. */
  title = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), MP_TYPE_CASE_PAGE,
                                                    "title_label"));
  g_assert_cmpstr (gtk_label_get_label (title), ==, "Open redirect");
  mp_case_set_text (fixture->kase, "title", "Open redirect on login");
  g_assert_cmpstr (gtk_label_get_label (title), ==, "Open redirect on login");

  /* A locked desk shows no case. */
  mp_store_lock (fixture->store);
  g_assert_null (mp_case_page_get_case (page));
  g_assert_cmpuint (notified, ==, 1);
  mp_case_page_set_case (page, NULL);
  g_assert_cmpuint (notified, ==, 1);

  unlock (fixture->store);
  g_assert_finalize_object (page);
}

static void
test_desk_page_binds_store (Fixture       *fixture,
                            gconstpointer  data)
{
  MpDeskPage *desk = g_object_ref_sink (MP_DESK_PAGE (mp_desk_page_new ()));
  GtkWidget *list = mp_test_find_widget (GTK_WIDGET (desk), MP_TYPE_CASE_LIST, NULL);
  GtkWidget *page = mp_test_find_widget (GTK_WIDGET (desk), MP_TYPE_CASE_PAGE, NULL);
  GtkWidget *overview = mp_test_find_widget (GTK_WIDGET (desk), MP_TYPE_OVERVIEW_PAGE, NULL);
  GtkWidget *calendar = mp_test_find_widget (GTK_WIDGET (desk), MP_TYPE_CALENDAR_VIEW, NULL);
  guint notified = 0;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (list);
  g_assert_nonnull (page);
  g_assert_nonnull (overview);
  g_assert_nonnull (calendar);
  g_signal_connect (desk, "notify::case", G_CALLBACK (count_notify_cb), &notified);

  /* Bound once: each page follows the desk page's store. */
  mp_desk_page_set_store (desk, fixture->store);
  g_assert_true (mp_case_list_get_store (MP_CASE_LIST (list)) == fixture->store);
  g_assert_true (mp_case_page_get_store (MP_CASE_PAGE (page)) == fixture->store);
  g_assert_true (mp_overview_page_get_store (MP_OVERVIEW_PAGE (overview)) == fixture->store);
  g_assert_true (mp_calendar_view_get_store (MP_CALENDAR_VIEW (calendar)) == fixture->store);

  mp_desk_page_show_case (desk, fixture->kase, NULL);
  g_assert_true (mp_desk_page_get_case (desk) == fixture->kase);
  g_assert_cmpuint (notified, ==, 1);

  /* Locking lets the case go, and the desk page says so. */
  mp_store_lock (fixture->store);
  g_assert_null (mp_desk_page_get_case (desk));
  g_assert_cmpuint (notified, ==, 2);
  unlock (fixture->store);

  /* A policy change through the store moves the pages to the desk's new
   * zone, with no call from the preferences. */
  g_assert_cmpstr (mp_desk_context_get_timezone (mp_ui_get_desk_context ()), !=,
                   "America/Halifax");
  g_assert_true (mp_store_set_policy (fixture->store, "timezone", "America/Halifax", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mp_desk_context_get_timezone (mp_ui_get_desk_context ()), ==,
                   "America/Halifax");

  /* Taking the store away takes it from every page. */
  mp_desk_page_set_store (desk, NULL);
  g_assert_null (mp_case_list_get_store (MP_CASE_LIST (list)));
  g_assert_null (mp_case_page_get_store (MP_CASE_PAGE (page)));
  g_assert_null (mp_overview_page_get_store (MP_OVERVIEW_PAGE (overview)));
  g_assert_null (mp_calendar_view_get_store (MP_CALENDAR_VIEW (calendar)));
  g_assert_finalize_object (desk);
}

int
main (int    argc,
      char **argv)
{
  mp_test_init_ui (&argc, &argv, "en");
  g_test_add ("/observe/case-list-follows-store", Fixture, NULL,
              fixture_set_up, test_case_list_follows_store, fixture_tear_down);
  g_test_add ("/observe/case-page-follows-lock", Fixture, NULL,
              fixture_set_up, test_case_page_follows_lock, fixture_tear_down);
  g_test_add ("/observe/desk-page-binds-store", Fixture, NULL,
              fixture_set_up, test_desk_page_binds_store, fixture_tear_down);
  return g_test_run ();
}
