/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Renders the main views to PNG files under the build directory's
 * screenshots/LANGUAGE/, to look at after each change.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mp-case-list.h"
#include "mp-case-page.h"
#include "mp-case-page-private.h"
#include "mp-checklist-row.h"
#include "mp-legal-group.h"
#include "mp-policy.h"
#include "mp-letter-row.h"
#include "mp-preferences-window.h"
#include "mp-checklist.h"
#include "mp-test-util.h"
#include "mp-window-private.h"

static char *language;

typedef enum
{
  AT_INTAKE,
  AT_SCOPE,        /* complete report, scope check to do */
  AT_ACK,          /* scope checked, acknowledgement due */
  AT_ASSESSMENT,
  AT_REWARD,       /* fixed and verified */
} DemoStage;

typedef struct
{
  const char *title;
  const char *asset;
  const char *name;
  const char *email;
  const char *language;
  int         days_ago;
  DemoStage   stage;
} Demo;

static const Demo demos[] = {
  { "Reflected XSS in search field", "https://portal.example.nl/search?q=", "Priya Kowalski",
    "priya@example.org", "en", 1, AT_SCOPE },
  { "Verouderde TLS-configuratie op mailserver", "mail.example.nl", "Sanne de Vries",
    "sanne@example.net", "nl", 5, AT_ACK },
  { "IDOR on invoice download", "https://klant.example.nl/invoices/10231", "bytewitch",
    "bytewitch@example.org", "en", 9, AT_ASSESSMENT },
  { "Wachtwoord-reset zonder rate limiting", "https://login.example.nl/reset", "Bram Jansen",
    "bram@example.com", "nl", 0, AT_INTAKE },
  { "Exposed admin panel on test host", "https://test.example.nl/admin", NULL, NULL, "en", 20,
    AT_REWARD },
  { "Subdomain takeover mogelijk", "oud.example.nl", "kwetsbaar", "kwetsbaar@example.nl", "nl", 2,
    AT_ACK },
};

/* The answers that bring a case to @stage, as item=value. */
static const char * const scope_answers[] = {
  "intake.complete=yes", "scope.asset_owner=ours", "scope.method.social_engineering=no",
  "scope.method.physical=no", "scope.method.dos=no", "scope.method.spam=no",
  "scope.method.malware=no", "scope.method.backdoor=no", "scope.method.data_beyond_need=no",
  "scope.method.unrelated_changes=no", "scope.method.third_party_apps=no",
  "scope.personal_data=no", "scope.known=no", "scope.rules_followed=yes", "scope.outcome=in-scope",
  NULL
};
static const char * const assess_answers[] = {
  "ack.sent_on=2026-02-19", "assess.reproduced=yes",
  "assess.cvss=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "assess.quality=good",
  "assess.owner=Team Web", "assess.fix_date=2026-02-26", "assess.sent_on=2026-02-20",
  "remed.fixed_on=2026-02-25", "remed.verified=yes", "reward.in_influence=yes", NULL
};

static MpCase *
add_demo (MpStore    *store,
          const Demo *demo)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", demo->title);
  mp_case_set_text (draft, "asset", demo->asset);
  mp_case_set_text (draft, "reporter_name", demo->name);
  mp_case_set_text (draft, "reporter_email", demo->email);
  mp_case_set_text (draft, "reporter_language", demo->language);
  mp_case_set_boolean (draft, "reporter_anonymous", demo->name == NULL);
  mp_case_set_text (draft, "description", "The parameter is echoed into the page without encoding.");
  mp_case_set_text (draft, "impact", "Script runs in the session of a logged-in user.");
  mp_case_set_text (draft, "reproduction", "Open the address with a crafted parameter while logged in.");
  mp_case_set_time (draft, "received_at", mp_time_now () - (gint64) demo->days_ago * 86400 * G_USEC_PER_SEC
                                          - (gint64) 3 * 3600 * G_USEC_PER_SEC);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  for (guint list = 0; list < 2; list++)
    {
      const char * const *answers = list == 0 ? scope_answers : assess_answers;

      if ((list == 0 && demo->stage < AT_ACK) || (list == 1 && demo->stage < AT_REWARD))
        continue;
      for (guint i = 0; answers[i] != NULL; i++)
        {
          g_auto(GStrv) pair = g_strsplit (answers[i], "=", 2);

          mp_store_set_answer (store, kase, pair[0], pair[1], NULL, &error);
          g_assert_no_error (error);
        }
    }
  if (demo->stage == AT_SCOPE)
    {
      mp_store_set_answer (store, kase, "intake.complete", "yes", NULL, &error);
      g_assert_no_error (error);
    }
  if (demo->stage == AT_ASSESSMENT)
    {
      mp_store_set_answer (store, kase, "ack.sent_on", "2026-03-02", NULL, &error);
      g_assert_no_error (error);
    }
  return kase;
}

static char *
shot_path (const char *name)
{
  g_autofree char *dir = g_build_filename (MP_TEST_SCREENSHOT_DIR, language, NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);

  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (dir, file, NULL);
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *path = shot_path (name);

  mp_test_wait_for_draw (widget);
  mp_test_save_png (widget, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* Opens @step on @page and waits until the page has scrolled it into view
 * (it does so once the expander is laid out). */
static gboolean
step_scrolled (gpointer page)
{
  return MP_CASE_PAGE (page)->scroll_source == 0;
}

static void
show_step (MpCasePage *page,
           const char *step)
{
  mp_case_page_show_step (page, step);
  mp_test_wait_until (step_scrolled, page);
}

static MpWindow *
open_window (MpStore *store,
             int      width,
             int      height)
{
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, store));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_empty_desk (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  MpWindow *window = open_window (store, 1000, 700);

  shoot (GTK_WIDGET (window), "empty-desk");
  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

static void
test_desk (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) first = NULL;
  g_autoptr(MpCase) assessed = NULL;
  g_autoptr(MpCase) rewarded = NULL;
  MpWindow *window;
  MpCasePage *page;
  MpCaseList *list;
  GtkWidget *dialog;
  GtkWidget *preferences;
  AdwViewStack *views;

  /* the desk's own domain, so that the scope step can suggest "ours" */
  g_assert_true (mp_store_set_policy (store, "assets.domains", "example.nl", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (demos); i++)
    {
      MpCase *kase = add_demo (store, &demos[i]);

      if (i == 0)
        first = g_object_ref (kase);
      if (i == 2)
        assessed = g_object_ref (kase);
      if (i == 4)
        rewarded = g_object_ref (kase);
      g_object_unref (kase);
    }

  window = open_window (store, 1100, 800);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  list = MP_CASE_LIST (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL));
  views = ADW_VIEW_STACK (mp_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  shoot (GTK_WIDGET (window), "case-list");

  mp_case_list_select (list, first);
  show_step (page, "scope");
  shoot (GTK_WIDGET (window), "case-scope");

  mp_case_list_select (list, assessed);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  show_step (page, "assessment");
  {
    /* a vector being typed: score and severity show at once */
    GtkWidget *row = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CHECKLIST_ROW, "assess.cvss");
    GtkWidget *entry = mp_test_find_widget (row, GTK_TYPE_ENTRY, NULL);

    gtk_editable_set_text (GTK_EDITABLE (entry), "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N");
  }
  shoot (GTK_WIDGET (window), "case-assessment");
  mp_case_list_select (list, rewarded);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  show_step (page, "reward");
  shoot (GTK_WIDGET (window), "case-reward");

  {
    /* a letter sent, shown as it was sent (issue 16) */
    GtkWidget *step;
    GtkWidget *letter;

    mp_case_list_select (list, assessed);
    mp_test_wait_for_draw (GTK_WIDGET (window));
    show_step (page, "acknowledgement");
    step = mp_test_find_widget (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, "acknowledgement");
    letter = mp_test_find_widget (step, MP_TYPE_LETTER_ROW, NULL);
    if (!mp_letter_row_is_sent (MP_LETTER_ROW (letter)))
      g_signal_emit_by_name (gtk_widget_get_template_child (letter, MP_TYPE_LETTER_ROW, "sent_button"),
                             "clicked");
    gtk_expander_set_expanded (GTK_EXPANDER (gtk_widget_get_template_child (letter, MP_TYPE_LETTER_ROW,
                                                                            "preview_expander")),
                               TRUE);
    mp_test_wait_for_draw (GTK_WIDGET (window));
    shoot (GTK_WIDGET (window), "case-letter-sent");
  }

  {
    /* the timeline at the bottom of the case page */
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                      MP_TYPE_CASE_PAGE,
                                                                                      "scroller"));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    mp_test_wait_for_draw (GTK_WIDGET (window));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    shoot (GTK_WIDGET (window), "case-timeline");
  }
  /* a case opened afresh: its finished steps folded, the current one open */
  mp_case_list_select (list, first);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  mp_case_list_select (list, rewarded);
  shoot (GTK_WIDGET (window), "case-steps-folded");

  /* finding cases: the list at one step, with its count */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (list), MP_TYPE_CASE_LIST,
                                                                            "step_drop_down")),
                              1 + mp_checklist_get_current_step (first));
  shoot (GTK_WIDGET (window), "case-list-filtered");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (list), MP_TYPE_CASE_LIST,
                                                                            "step_drop_down")), 0);

  adw_view_stack_set_visible_child_name (views, "calendar");
  shoot (GTK_WIDGET (window), "calendar");
  adw_view_stack_set_visible_child_name (views, "overview");
  shoot (GTK_WIDGET (window), "overview");
  adw_view_stack_set_visible_child_name (views, "cases");

  /* intake, with an e-mail address still being typed */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-report", NULL));
  dialog = GTK_WIDGET (_mp_window_get_intake (window));
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, "title_row")),
                         "Open redirect on login page");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, "name_row")),
                         "Chen Okafor");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, "email_row")),
                         "chen.okafor@");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, "asset_row")),
                         "https://login.example.nl/?next=");
  shoot (dialog, "intake");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (dialog)));

  preferences = GTK_WIDGET (mp_preferences_window_new (GTK_WINDOW (window), store));
  gtk_window_present (GTK_WINDOW (preferences));
  shoot (preferences, "preferences");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "policy");
  shoot (preferences, "preferences-policy");
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "letters");
  shoot (preferences, "preferences-letters");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (preferences)));

  mp_test_destroy_window (GTK_WINDOW (window));

  /* narrow: the list, then a case (closing the window locked the desk).
   * With animations off, GTK 4.8 warns here that the leaflet allocates a
   * box with width 0 and height -1 (fatal in tests): on for this part. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  mp_store_unlock (store, "correct horse battery", NULL);
  window = open_window (store, 360, 720);
  shoot (GTK_WIDGET (window), "narrow-list");
  list = MP_CASE_LIST (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL));
  {
    /* unlocking loaded the cases afresh */
    g_autoptr(MpCase) again = g_list_model_get_item (mp_store_get_cases (store), 0);

    mp_case_list_select (list, again);
  }
  shoot (GTK_WIDGET (window), "narrow-case");
  /* the calendar, its agenda under the month */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (mp_test_find_widget (GTK_WIDGET (window),
                                                                              ADW_TYPE_VIEW_STACK,
                                                                              NULL)),
                                         "calendar");
  shoot (GTK_WIDGET (window), "narrow-calendar");
  mp_test_destroy_window (GTK_WINDOW (window));

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_clear_object (&first);
  g_clear_object (&assessed);
  g_clear_object (&rewarded);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

/* A case with a data breach and its legal clocks (issue 23): the
 * authority's 72 hours running, NIS2's early warning given, its
 * notification due. */
static void
test_legal (void)
{
  static const char * const answers[] = {
    "intake.complete=yes", "legal.data_breach=yes",
    "legal.data_breach_by=Only the reporter, one test account",
    "legal.data_breach_data=Names, addresses and invoice amounts of customers",
    "legal.data_breach_people=About 1,200", "legal.data_breach_risk=risk",
    "legal.role=controller", "legal.exploited=no", "legal.significant_incident=yes",
    "legal.aware_at=2026-03-09T08:30:00+01:00",
    "legal.aware_reason=The help desk saw the first access in the logs",
    "legal.nis2_early_warning_at=2026-03-09T16:10:00+01:00", NULL
  };
  static const Demo demo = {
    "Invoices of other customers readable", "https://klant.example.nl/invoices/10231",
    "bytewitch", "bytewitch@example.org", "en", 1, AT_SCOPE
  };
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  MpCaseList *list;
  GtkWidget *group;

  g_assert_true (mp_store_set_policy (store, "assets.domains", "example.nl", NULL));
  g_assert_true (mp_store_set_policy (store, "legal.essential_entity", "true", NULL));
  kase = add_demo (store, &demo);
  for (guint i = 0; answers[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (answers[i], "=", 2);

      mp_store_set_answer (store, kase, pair[0], pair[1], NULL, &error);
      g_assert_no_error (error);
    }

  window = open_window (store, 1100, 1000);
  list = MP_CASE_LIST (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_LIST, NULL));
  mp_case_list_select (list, kase);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  group = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_LEGAL_GROUP, NULL);
  g_assert_cmpuint (mp_legal_group_get_kinds (MP_LEGAL_GROUP (group))->len, ==, 4);
  shoot (GTK_WIDGET (window), "case-legal");

  mp_test_destroy_window (GTK_WINDOW (window));
  g_clear_object (&kase);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--language"))
      language = g_strdup (argv[i + 1]);
  if (language == NULL)
    language = g_strdup ("en");
  /* drop --language LANG before GTest sees the arguments */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--language") && i + 1 < argc)
      {
        for (int j = i; j + 2 <= argc; j++)
          argv[j] = argv[j + 2];
        argc -= 2;
        break;
      }

  g_setenv ("MELDPUNT_NOW", "2026-03-10T09:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, language);
  /* what stays on screen, not a transition half-way */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/screenshots/empty-desk", test_empty_desk);
  g_test_add_func ("/ui/screenshots/desk", test_desk);
  g_test_add_func ("/ui/screenshots/legal", test_legal);
  return g_test_run ();
}
