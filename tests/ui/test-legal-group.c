/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The case page's "Legal" group (issue 23): the legal clocks of a case,
 * their states, and the drafts copied to the clipboard as confidential
 * text.
 */
#include "config.h"

#include <string.h>

#include "mp-legal-group.h"
#include "mp-policy.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"
#include "mp-ui-util.h"

static MpCase *
add_case (MpStore *store)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", "Klantgegevens leesbaar via het portaal");
  mp_case_set_text (draft, "description", "IDOR on /api/klant");
  mp_case_set_text (draft, "asset", "portal.example.nl");
  {
    gint64 received = 0;

    mp_time_parse_iso8601 ("2026-11-24T09:00:00Z", &received);
    mp_case_set_time (draft, "received_at", received);
  }
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

static void
update (MpLegalGroup *group,
        MpStore      *store,
        MpCase       *kase)
{
  g_autoptr(GListModel) deadlines = mp_store_list_deadlines (store, kase, NULL);

  mp_legal_group_update (group, store, kase, deadlines);
}

/* The buttons that copy a draft, in order. */
static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_object_get_data (G_OBJECT (child), "kind") != NULL)
        g_ptr_array_add (buttons, child);
      collect_buttons (child, buttons);
    }
}

static char *
clipboard_text (GdkClipboard *clipboard)
{
  GdkContentProvider *provider = gdk_clipboard_get_content (clipboard);
  GValue value = G_VALUE_INIT;
  char *text;

  if (provider == NULL)
    return NULL;
  g_value_init (&value, G_TYPE_STRING);
  if (!gdk_content_provider_get_value (provider, &value, NULL))
    return NULL;
  text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static void
test_clocks_and_drafts (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store);
  g_autoptr(MpCase) quiet = add_case (store);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *window = g_object_ref (gtk_window_new ());
  MpLegalGroup *group = mp_legal_group_new ();
  GtkWidget *inner;
  g_autofree char *expected = NULL;
  g_autofree char *copied = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (group));
  gtk_window_present (GTK_WINDOW (window));
  inner = gtk_widget_get_first_child (GTK_WIDGET (group));

  /* Nothing answered: no clock, the group says what to answer. */
  update (group, store, quiet);
  g_assert_cmpuint (mp_legal_group_get_kinds (group)->len, ==, 0);
  g_assert_false (gtk_widget_has_css_class (inner, "legal-active"));

  /* A data breach: the authority's clock runs, the group stands out. */
  answer (store, kase, "legal.data_breach", "yes");
  answer (store, kase, "legal.data_breach_data", "Namen en adressen van klanten");
  update (group, store, kase);
  g_assert_cmpuint (mp_legal_group_get_kinds (group)->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (mp_legal_group_get_kinds (group), 0), ==, "gdpr-authority");
  g_assert_true (gtk_widget_has_css_class (inner, "legal-active"));

  /* The Dutch button copies the Dutch draft, with the case's facts. */
  collect_buttons (GTK_WIDGET (group), buttons);
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_cmpstr (g_object_get_data (buttons->pdata[0], "language"), ==, "nl");
  g_signal_emit_by_name (buttons->pdata[0], "clicked");
  expected = mp_legal_group_dup_draft (group, "gdpr-authority", "nl");
  copied = clipboard_text (gtk_widget_get_clipboard (window));
  g_assert_cmpstr (copied, ==, expected);
  g_assert_nonnull (strstr (copied, "Soorten persoonsgegevens: Namen en adressen van klanten"));
  g_assert_nonnull (strstr (copied, mp_case_get_reference (kase)));

  /* Notified: met, no more buttons, the group calms down. */
  answer (store, kase, "legal.gdpr_authority_notified_at", "2026-11-24T11:00:00+01:00");
  update (group, store, kase);
  g_ptr_array_set_size (buttons, 0);
  collect_buttons (GTK_WIDGET (group), buttons);
  g_assert_cmpuint (buttons->len, ==, 0);
  g_assert_cmpuint (mp_legal_group_get_kinds (group)->len, ==, 1);
  g_assert_false (gtk_widget_has_css_class (inner, "legal-active"));

  /* Letting go of the case lets go of the store. */
  mp_legal_group_update (group, NULL, NULL, NULL);
  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&kase);
  g_clear_object (&quiet);
  g_assert_finalize_object (g_steal_pointer (&store));
  mp_test_remove_dir (dir);
}

static GtkWidget *
find_policy_row (GtkWidget  *widget,
                 const char *key)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "policy-key"), key) == 0)
        return child;
      if ((found = find_policy_row (child, key)) != NULL)
        return found;
    }
  return NULL;
}

/* Preferences: who the desk is, and every number, stored in the policy. */
static void
test_preferences (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  MpPreferencesWindow *window = g_object_ref (mp_preferences_window_new (NULL, store));
  GtkWidget *toggle, *row;
  g_autoptr(MpPolicy) before = NULL;
  g_autoptr(MpPolicy) after = NULL;
  g_autoptr(MpPolicy) refused = NULL;

  gtk_window_present (GTK_WINDOW (window));
  toggle = mp_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SWITCH, "legal.essential_entity");
  g_assert_nonnull (toggle);
  before = mp_store_get_policy (store);
  g_assert_false (before->legal_essential_entity);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);

  row = find_policy_row (GTK_WIDGET (window), "legal.gdpr_authority_hours");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "72");
  gtk_editable_set_text (GTK_EDITABLE (row), "48");
  g_signal_emit_by_name (row, "apply");
  after = mp_store_get_policy (store);
  g_assert_true (after->legal_essential_entity);
  g_assert_cmpuint (after->legal_gdpr_authority_hours, ==, 48);

  /* A bad number: refused with a reason, what was typed stays. */
  gtk_editable_set_text (GTK_EDITABLE (row), "twee dagen");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "twee dagen");
  refused = mp_store_get_policy (store);
  g_assert_cmpuint (refused->legal_gdpr_authority_hours, ==, 48);

  /* Publishing (issue 24): an address is saved; http:// is refused and kept. */
  row = find_policy_row (GTK_WIDGET (window), "publish.hall_of_fame_url");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (row), "/dank.html");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&after, mp_policy_unref);
  after = mp_store_get_policy (store);
  g_assert_cmpstr (after->publish_hall_of_fame_url, ==, "/dank.html");
  gtk_editable_set_text (GTK_EDITABLE (row), "http://example.nl/dank.html");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "http://example.nl/dank.html");
  g_clear_pointer (&refused, mp_policy_unref);
  refused = mp_store_get_policy (store);
  g_assert_cmpstr (refused->publish_hall_of_fame_url, ==, "/dank.html");

  /* The CSIRT of the third-party referral: the NCSC until the desk names its own. */
  row = find_policy_row (GTK_WIDGET (window), "csirt.url");
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://www.ncsc.nl/");
  gtk_editable_set_text (GTK_EDITABLE (row), "https://cert.example.nl/");
  g_signal_emit_by_name (row, "apply");
  row = find_policy_row (GTK_WIDGET (window), "csirt.name");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "CERT Voorbeeld");
  g_signal_emit_by_name (row, "apply");
  g_clear_pointer (&after, mp_policy_unref);
  after = mp_store_get_policy (store);
  g_assert_cmpstr (after->csirt_url, ==, "https://cert.example.nl/");
  g_assert_cmpstr (after->csirt_name, ==, "CERT Voorbeeld");

  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MELDPUNT_NOW", "2026-11-24T12:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, "en");

  g_test_add_func ("/ui/legal-group/clocks-and-drafts", test_clocks_and_drafts);
  g_test_add_func ("/ui/legal-group/preferences", test_preferences);
  return g_test_run ();
}
