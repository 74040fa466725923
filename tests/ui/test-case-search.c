/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The case search (issue 12): the folded search text kept per case follows
 * the case's changes, the case list narrows and widens as the search text
 * grows and shrinks, its places (MpCaseSlots) stay while the cases under
 * them change, and the selection follows its case.
 */
#include "config.h"

#include <locale.h>

#include "mp-case-list.h"
#include "mp-case-slots.h"
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

  /* Fields that are not ASCII are folded (ü, ß, Σ); ASCII ones compared in
   * any case; still no match across fields of either kind. */
  mp_case_set_text (kase, "description", "Bestanden kunnen worden GEÜPLOAD naar de Straße-server.");
  mp_case_set_text (kase, "impact", "ΣΥΣΤΗΜΑ");
  g_assert_true (mp_ui_case_matches (kase, "geüpload"));
  g_assert_true (mp_ui_case_matches (kase, "strasse-server"));
  g_assert_true (mp_ui_case_matches (kase, "συστημα"));
  g_assert_true (mp_ui_case_matches (kase, "injection"));
  g_assert_true (mp_ui_case_matches (kase, "webshop"));
  g_assert_false (mp_ui_case_matches (kase, "server.σ"));
  g_assert_false (mp_ui_case_matches (kase, "webshopada"));
  g_assert_false (mp_ui_case_matches (kase, "geupload"));
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

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static gboolean
keep_with_needle (MpCase   *kase,
                  gpointer *key,
                  gpointer  user_data)
{
  return mp_ui_case_matches (kase, *(const char **) user_data);
}

static int
by_reference (MpCase   *a,
              MpCase   *b,
              gpointer  user_data)
{
  return g_strcmp0 (mp_case_get_reference (a), mp_case_get_reference (b));
}

static MpCase *
slot_case (GListModel *slots,
           guint       position)
{
  g_autoptr(MpCaseSlot) slot = g_list_model_get_item (slots, position);

  return mp_case_slot_get_case (slot);
}

static void
test_slots_keep_their_places (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (MP_TYPE_CASE);
  g_autoptr(MpCase) a = make_case ("MP-2026-0003", "Open redirect on portal");
  g_autoptr(MpCase) b = make_case ("MP-2026-0001", "Open port on mail server");
  g_autoptr(MpCase) c = make_case ("MP-2026-0002", "XSS in webshop");
  const char *needle = "";
  g_autoptr(MpCaseSlots) slots = mp_case_slots_new (keep_with_needle, by_reference, NULL, &needle);
  GListModel *model = G_LIST_MODEL (slots);
  g_autoptr(MpCaseSlot) first = NULL;
  Change change = { 0 };

  g_list_store_append (cases, a);
  g_list_store_append (cases, b);
  g_list_store_append (cases, c);
  mp_case_slots_set_model (slots, G_LIST_MODEL (cases));
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed), &change);

  /* sorted by reference */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_true (slot_case (model, 0) == b);
  g_assert_true (slot_case (model, 1) == c);
  g_assert_true (slot_case (model, 2) == a);
  first = g_list_model_get_item (model, 0);

  /* Narrowing: the first place now shows the one case left, and only the
   * two places at the end go. */
  needle = "webshop";
  mp_case_slots_refilter (slots, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_cmpuint (change.added, ==, 0);
  {
    g_autoptr(MpCaseSlot) again = g_list_model_get_item (model, 0);

    g_assert_true (again == first);
    g_assert_true (mp_case_slot_get_case (first) == c);
  }

  /* Widening: places are added at the end; the first shows the first case again. */
  needle = "open";
  mp_case_slots_refilter (slots, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_true (mp_case_slot_get_case (first) == b);
  g_assert_true (slot_case (model, 1) == a);
  g_assert_cmpuint (mp_case_slots_find (slots, a), ==, 1);
  g_assert_cmpuint (mp_case_slots_find (slots, c), ==, GTK_INVALID_LIST_POSITION);

  /* A new case is sorted in and shown when it is kept. */
  {
    g_autoptr(MpCase) d = make_case ("MP-2026-0000", "Open directory listing");

    g_list_store_append (cases, d);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
    g_assert_true (mp_case_slot_get_case (first) == d);
    g_assert_cmpuint (mp_case_slots_find (slots, a), ==, 2);
    g_list_store_remove (cases, 3);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_true (mp_case_slot_get_case (first) == b);
  }
}

static gboolean
keep_with_key (MpCase   *kase,
               gpointer *key,
               gpointer  user_data)
{
  return mp_ui_case_matches_key (kase, key, *(const char **) user_data);
}

/* The search text a list keeps for each case (issue 26) follows a change
 * of the case, stays with its case when cases come and go, and a case
 * that went takes its own with it. */
static void
test_slots_keys_follow_their_cases (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (MP_TYPE_CASE);
  g_autoptr(MpCase) a = make_case ("MP-2026-0001", "Open redirect on portal");
  g_autoptr(MpCase) b = make_case ("MP-2026-0002", "XSS in webshop");
  const char *needle = "webshop";
  g_autoptr(MpCaseSlots) slots = mp_case_slots_new (keep_with_key, by_reference,
                                                    mp_ui_case_search_key_free, &needle);
  GListModel *model = G_LIST_MODEL (slots);

  g_list_store_append (cases, a);
  g_list_store_append (cases, b);
  mp_case_slots_set_model (slots, G_LIST_MODEL (cases));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (slot_case (model, 0) == b);

  /* a changes: its kept text is made again */
  mp_case_set_text (a, "title", "Open redirect on the webshop");
  mp_case_slots_refilter (slots, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (slot_case (model, 0) == a);

  /* a case comes and one goes: each keeps its own text */
  {
    g_autoptr(MpCase) c = make_case ("MP-2026-0000", "Clickjacking on the portal");

    g_list_store_insert (cases, 0, c);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    needle = "portal";
    mp_case_slots_refilter (slots, GTK_FILTER_CHANGE_DIFFERENT);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    g_assert_true (slot_case (model, 0) == c);
    g_list_store_remove (cases, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  }
  needle = "redirect";
  mp_case_slots_refilter (slots, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (slot_case (model, 0) == a);
  mp_case_set_text (b, "title", "Open redirect in webshop search");
  needle = "redirect in";
  mp_case_slots_refilter (slots, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (slot_case (model, 0) == b);
}

static void
on_case_activated (MpCaseList  *list,
                   MpCase      *kase,
                   MpCase     **activated)
{
  *activated = kase;
}

static void
test_selection_follows_its_case (void)
{
  g_autoptr(GListStore) cases = g_list_store_new (MP_TYPE_CASE);
  g_autoptr(MpCase) a = make_case ("MP-2026-0001", "Open redirect on portal");
  g_autoptr(MpCase) b = make_case ("MP-2026-0002", "Open port on mail server");
  g_autoptr(MpCase) c = make_case ("MP-2026-0003", "XSS in webshop");
  MpCaseList *list = g_object_ref_sink (g_object_new (MP_TYPE_CASE_LIST, NULL));
  MpCase *activated = NULL;
  GtkGridView *view;
  GtkSelectionModel *selection;
  GtkEditable *entry;

  /* all three received at the same time: newest reference first */
  g_list_store_append (cases, a);
  g_list_store_append (cases, b);
  g_list_store_append (cases, c);
  mp_case_list_set_model (list, G_LIST_MODEL (cases));
  mp_case_list_set_filter (list, 4 /* all */);
  g_signal_connect (list, "case-activated", G_CALLBACK (on_case_activated), &activated);
  view = GTK_GRID_VIEW (gtk_widget_get_template_child (GTK_WIDGET (list), MP_TYPE_CASE_LIST,
                                                       "list_view"));
  selection = gtk_grid_view_get_model (view);
  entry = find_search_entry (GTK_WIDGET (list));

  mp_case_list_select (list, a);
  g_assert_true (activated == a);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 2);

  /* The search leaves a at the top: the selection moves with it and
   * nothing is activated again. */
  activated = NULL;
  type_search (entry, "portal");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, 0);
  g_assert_null (activated);

  /* Searching for another case leaves nothing selected, not the case that
   * took a's place. */
  type_search (entry, "webshop");
  g_assert_cmpuint (mp_case_list_get_n_shown (list), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_null (activated);

  /* Choosing a row activates the case shown there. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), 0);
  g_assert_true (activated == c);

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
  g_test_add_func ("/case-search/slots-keep-their-places", test_slots_keep_their_places);
  g_test_add_func ("/case-search/slots-keys-follow-their-cases", test_slots_keys_follow_their_cases);
  if (gtk_init_check ())
    {
      adw_init ();
      g_test_add_func ("/case-search/list-narrows-and-widens", test_list_narrows_and_widens);
      g_test_add_func ("/case-search/selection-follows-its-case", test_selection_follows_its_case);
    }
  return g_test_run ();
}
