/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The case search (issue 12): the folded search text kept per case follows
 * the case's changes, and the case list narrows and widens as the search
 * text grows and shrinks.
 */
#include "config.h"

#include <locale.h>

#include "mp-case-list.h"
#include "mp-ui-util.h"

static MpCase *
make_case (const char *reference,
           const char *title)
{
  MpCase *kase = mp_case_new ();

  mp_case_set_text (kase, "reference", reference);
  mp_case_set_text (kase, "title", title);
  mp_case_set_text (kase, "reporter_name", "Ada Lovelace");
  return kase;
}

static void
test_matches_follows_changes (void)
{
  g_autoptr(MpCase) kase = make_case ("MP-2026-0001", "Open redirect on Portal");

  g_assert_true (mp_ui_case_matches (kase, ""));
  g_assert_true (mp_ui_case_matches (kase, "portal"));
  g_assert_true (mp_ui_case_matches (kase, "lovelace"));
  g_assert_true (mp_ui_case_matches (kase, "mp-2026-0001"));
  g_assert_false (mp_ui_case_matches (kase, "injection"));
  /* No match across two fields. */
  g_assert_false (mp_ui_case_matches (kase, "0001open"));

  /* The cached text must be dropped when the title changes. */
  mp_case_set_text (kase, "title", "SQL Injection in webshop");
  g_assert_true (mp_ui_case_matches (kase, "injection"));
  g_assert_false (mp_ui_case_matches (kase, "portal"));

  mp_case_set_text (kase, "asset", "Shop.Example.NL");
  g_assert_true (mp_ui_case_matches (kase, "shop.example.nl"));
}

static GtkEditable *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return GTK_EDITABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the entry does after its delay: set the text, then report it. */
static void
type_search (GtkEditable *entry,
             const char  *text)
{
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
test_list_narrows_and_widens (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (MP_TYPE_CASE);
  g_autoptr(MpCase) a = make_case ("MP-2026-0001", "Open redirect on portal");
  g_autoptr(MpCase) b = make_case ("MP-2026-0002", "Open port on mail server");
  g_autoptr(MpCase) c = make_case ("MP-2026-0003", "XSS in webshop");
  MpCaseList *list = g_object_ref_sink (g_object_new (MP_TYPE_CASE_LIST, NULL));
  GtkEditable *entry;

  g_list_store_append (cases, a);
  g_list_store_append (cases, b);
  g_list_store_append (cases, c);
  mp_case_list_set_model (list, G_LIST_MODEL (cases));
  mp_case_list_set_filter (list, 4 /* all */);
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 3);

  entry = find_search_entry (GTK_WIDGET (list));
  g_assert_nonnull (entry);

  type_search (entry, "port");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 2);
  type_search (entry, "porta");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 1);
  type_search (entry, "port");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 2);
  type_search (entry, "");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 3);

  /* A case renamed while the search stands is found by its new title. */
  type_search (entry, "webshop");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 1);
  mp_case_set_text (a, "title", "Stored XSS in webshop");
  mp_case_list_refresh (list);
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 2);

  g_object_unref (list);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case-search/matches-follows-changes", test_matches_follows_changes);
  if (gtk_init_check ())
    {
      adw_init ();
      g_test_add_func ("/case-search/list-narrows-and-widens", test_list_narrows_and_widens);
    }
  return g_test_run ();
}
