/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Drives the main window the way a desk worker does: log a report through
 * the intake form, answer the scope step, and check what the list and the
 * store say afterwards.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mp-calendar-view.h"
#include "mp-case-page.h"
#include "mp-case-page-private.h"
#include "mp-case-row.h"
#include "mp-checklist.h"
#include "mp-checklist-row.h"
#include "mp-error.h"
#include "mp-letter-row.h"
#include "mp-preferences-window.h"
#include "mp-test-util.h"
#include "mp-backup-actions.h"
#include "mp-strength-bar.h"
#include "mp-ui-util.h"
#include "mp-welcome-page.h"
#include "mp-window-private.h"

#define PASSPHRASE "correct horse battery"

static void
set_entry (GtkWidget  *dialog,
           const char *id,
           const char *text)
{
  GObject *row = gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, id);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
set_view (GtkWidget  *dialog,
          const char *id,
          const char *text)
{
  GObject *view = gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, id);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static gboolean
label_shown (GtkWidget  *dialog,
             const char *id)
{
  GObject *label = gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, id);

  return gtk_widget_get_visible (GTK_WIDGET (label));
}

static MpChecklistRow *
find_item (GtkWidget  *window,
           const char *item)
{
  GtkWidget *row = mp_test_find_widget (window, MP_TYPE_CHECKLIST_ROW, item);

  g_assert_nonnull (row);
  return MP_CHECKLIST_ROW (row);
}

/* Whether @menu or one of its sections has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* Whether @widget has a shortcut caught in the capture phase (before the
 * focused child sees the key) that activates @action. */
static gboolean
has_capture_shortcut (GtkWidget       *widget,
                      guint            keyval,
                      GdkModifierType  modifiers,
                      const char      *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *activates = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
              GTK_IS_NAMED_ACTION (activates) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (activates)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* A new desk in a temporary folder, and the window a test opens on it. The
 * teardown closes the window and checks that it and the store are
 * finalised: a reference kept anywhere fails the test. */
typedef struct
{
  char     *dir;
  MpStore  *store;
  MpWindow *window;     /* (owned) (nullable) */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = mp_test_new_store (&f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  mp_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* Opens the window on the fixture's desk and waits until it is drawn. */
static MpWindow *
present_window (Fixture *f,
                int      width,
                int      height)
{
  g_assert_null (f->window);
  f->window = g_object_ref (_mp_window_new_for_store (NULL, f->store));
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  mp_test_wait_for_draw (GTK_WIDGET (f->window));
  return f->window;
}

/* The desk's window, wide enough for list and case side by side. */
static MpWindow *
open_window (Fixture *f)
{
  return present_window (f, 1100, 760);
}

static gboolean
intake_closed (gpointer window)
{
  return _mp_window_get_intake (window) == NULL;
}

static gboolean
stack_shows (MpWindow   *window,
             const char *name)
{
  GObject *stack = gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), name) == 0;
}

static gboolean
desk_locked (gpointer window)
{
  return stack_shows (window, "unlock");
}

static gboolean
desk_open (gpointer window)
{
  return stack_shows (window, "desk");
}

static gboolean
overlay_hidden (gpointer window)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  return overlay == NULL || !gtk_widget_get_visible (GTK_WIDGET (overlay));
}

static void
test_intake_to_scope (Fixture       *f,
                     gconstpointer  data)
{
  MpStore *store = f->store;
  const char *dir = f->dir;
  g_autoptr(MpStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (mp_store_get_path (store));
  MpWindow *window;
  GtkWidget *dialog;
  MpCase *kase, *stored;
  GtkWidget *row;
  GListModel *cases = mp_store_get_cases (store);
  GtkWidget *focus;
  GtkWidget *title_row;

  window = open_window (f);

  /* Ctrl+N opens the intake form */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-report", NULL));
  dialog = GTK_WIDGET (_mp_window_get_intake (window));
  g_assert_nonnull (dialog);
  mp_test_wait_for_draw (dialog);

  /* Typing starts in the first field, and Ctrl+Enter logs the report even
   * from a text view, which takes plain Enter as a new line. */
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  title_row = GTK_WIDGET (gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, "title_row"));
  g_assert_true (focus == title_row || gtk_widget_is_ancestor (focus, title_row));
  g_assert_true (has_capture_shortcut (dialog, GDK_KEY_Return, GDK_CONTROL_MASK, "intake.create"));

  set_entry (dialog, "title_row", "Reflected XSS in search");
  set_entry (dialog, "name_row", "bytewitch");

  /* A wrong e-mail address is pointed out and kept as typed; nothing is stored. */
  set_entry (dialog, "email_row", "bytewitch@");
  set_entry (dialog, "asset_row", "https://portal.example.nl/search?q=");
  g_assert_true (label_shown (dialog, "reporter_problem"));
  g_assert_false (label_shown (dialog, "asset_problem"));
  g_assert_true (gtk_widget_activate_action (dialog, "intake.create", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, MP_TYPE_INTAKE_DIALOG, "email_row"))),
                   ==, "bytewitch@");

  /* An implausible system name is pointed out too. */
  set_entry (dialog, "asset_row", "not a host!");
  g_assert_true (label_shown (dialog, "asset_problem"));
  set_entry (dialog, "asset_row", "https://portal.example.nl/search?q=");
  set_entry (dialog, "email_row", "bytewitch@example.org");
  g_assert_false (label_shown (dialog, "reporter_problem"));
  g_assert_false (label_shown (dialog, "asset_problem"));

  {
    /* an attachment, as if dropped on the form */
    g_autofree char *shot = g_build_filename (dir, "poc.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (shot);

    g_assert_true (g_file_set_contents (shot, "GET /search?q=<script>", -1, NULL));
    g_assert_true (mp_intake_dialog_add_file (MP_INTAKE_DIALOG (dialog), file, &error));
    g_assert_no_error (error);
    g_unlink (shot);
  }
  {
    /* one too large for a desk: refused at once, saying why, and not read
     * (a sparse file) */
    g_autofree char *huge = g_build_filename (dir, "capture.pcap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (huge);
    FILE *stream = g_fopen (huge, "wb");

    g_assert_nonnull (stream);
    g_assert_no_errno (ftruncate (fileno (stream), MP_STORE_MAX_ATTACHMENT + 1));
    g_assert_no_errno (fclose (stream));
    g_assert_false (mp_intake_dialog_add_file (MP_INTAKE_DIALOG (dialog), file, &error));
    g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "capture.pcap"));
    g_clear_error (&error);
    g_unlink (huge);
  }
  set_view (dialog, "description_view", "The q parameter is echoed without encoding.");
  set_view (dialog, "impact_view", "Script runs in a logged-in user's session.");
  set_view (dialog, "reproduction_view", "Open /search?q=<script>alert(1)</script>.");
  g_assert_true (gtk_widget_activate_action (dialog, "intake.create", NULL));
  mp_test_wait_until (intake_closed, window);

  g_assert_null (_mp_window_get_intake (window));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);
  kase = g_list_model_get_item (cases, 0);
  g_assert_cmpstr (mp_case_get_title (kase), ==, "Reflected XSS in search");
  g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "bytewitch@example.org");
  g_assert_cmpstr (mp_case_get_asset (kase), ==, "https://portal.example.nl/search?q=");
  g_assert_cmpstr (mp_case_get_text (kase, "reproduction"), ==, "Open /search?q=<script>alert(1)</script>.");
  {
    g_autoptr(GListModel) attachments = mp_store_list_attachments (store, kase, &error);
    g_autoptr(MpAttachment) attachment = NULL;
    g_autoptr(GBytes) content = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (attachments), ==, 1);
    attachment = g_list_model_get_item (attachments, 0);
    g_assert_cmpstr (mp_attachment_get_name (attachment), ==, "poc.txt");
    content = mp_store_read_attachment (store, attachment, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (content, NULL), g_bytes_get_size (content),
                     "GET /search?q=<script>", strlen ("GET /search?q=<script>"));
  }
  /* received now (MELDPUNT_NOW), to the minute */
  g_assert_cmpint (mp_case_get_received_at (kase) / (60 * G_USEC_PER_SEC), ==,
                   mp_time_now () / (60 * G_USEC_PER_SEC));

  /* The new case is open on the case page; answer the scope step there. */
  g_assert_true (mp_case_page_get_case (MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL))) == kase);
  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.asset_owner"), "ours");
  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.method.dos"), "no");
  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.rules_followed"), "yes");
  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "scope.outcome"), "in-scope");
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* A date that does not exist is refused in place; the text stays. */
  mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), "ack.sent_on"), "2026-02-30");
  g_assert_null (mp_case_get_answer_value (kase, "ack.sent_on"));
  {
    g_autofree char *shown = mp_checklist_row_dup_value (find_item (GTK_WIDGET (window), "ack.sent_on"));

    g_assert_cmpstr (shown, ==, "2026-02-30");
  }

  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.asset_owner"), ==, "ours");
  g_assert_cmpstr (mp_case_get_answer_value (kase, "scope.outcome"), ==, "in-scope");
  {
    /* recorded with the handler's name from the preferences */
    g_autofree char *handler = mp_preferences_dup_handler_name ();

    g_assert_cmpstr (mp_case_get_answer (kase, "scope.outcome")->actor, ==, handler);
  }

  /* The list row shows the acknowledgement deadline: received + 72 hours (P-ACK). */
  row = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_ROW, NULL);
  g_assert_nonnull (row);
  g_assert_true (mp_case_row_get_case (MP_CASE_ROW (row)) == kase);
  g_assert_nonnull (strstr (mp_case_row_get_due_text (MP_CASE_ROW (row)), "Acknowledgement"));
  g_assert_nonnull (strstr (mp_case_row_get_due_text (MP_CASE_ROW (row)), "due in 3 days"));

  /* Finish intake and scope through the widgets; the acknowledgement step
   * then offers its letter, and Mark as Sent records it and its date. */
  {
    static const char * const answers[] = {
      "intake.complete", "yes",
      "scope.method.social_engineering", "no", "scope.method.physical", "no",
      "scope.method.spam", "no", "scope.method.malware", "no", "scope.method.backdoor", "no",
      "scope.method.data_beyond_need", "no", "scope.method.unrelated_changes", "no",
      "scope.method.third_party_apps", "no", "scope.personal_data", "no", "scope.known", "no",
    };
    GtkWidget *letter = NULL;
    g_autoptr(GListModel) events = NULL;
    gboolean recorded = FALSE;

    for (guint i = 0; i < G_N_ELEMENTS (answers); i += 2)
      mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), answers[i]), answers[i + 1]);
    mp_test_wait_for_draw (GTK_WIDGET (window));
    g_assert_cmpstr (mp_case_get_status (kase), ==, "acknowledgement");

    for (GtkWidget *step = mp_test_find_widget (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW, "acknowledgement");
         step != NULL && letter == NULL; step = NULL)
      letter = mp_test_find_widget (step, MP_TYPE_LETTER_ROW, NULL);
    g_assert_nonnull (letter);
    g_assert_true (gtk_widget_get_visible (letter));
    g_signal_emit_by_name (gtk_widget_get_template_child (letter, MP_TYPE_LETTER_ROW, "sent_button"), "clicked");
    mp_test_wait_for_draw (GTK_WIDGET (window));

    g_assert_cmpstr (mp_case_get_answer_value (kase, "ack.sent_on"), ==, "2026-03-10");
    events = mp_store_list_events (store, kase, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

        if (g_str_equal (mp_event_get_kind (event), "letter") &&
            g_strcmp0 (mp_event_get_summary (event), "acknowledgement") == 0)
          {
            recorded = TRUE;
            /* the letter names the case */
            g_assert_nonnull (strstr (mp_event_get_body (event), mp_case_get_reference (kase)));
          }
      }
    g_assert_true (recorded);
    /* the list row moved on from the acknowledgement */
    g_assert_null (strstr (mp_case_row_get_due_text (MP_CASE_ROW (row)), "Acknowledgement"));
  }

  /* Correcting the report later changes only what was changed. */
  {
    MpIntakeDialog *edit = mp_intake_dialog_new_for_case (GTK_WINDOW (window), store, kase);
    gint64 received = mp_case_get_received_at (kase);

    gtk_window_present (GTK_WINDOW (edit));
    mp_test_wait_for_draw (GTK_WIDGET (edit));
    set_entry (GTK_WIDGET (edit), "title_row", "Reflected XSS in the search page");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (edit), "intake.create", NULL));
    mp_test_wait_for_draw (GTK_WIDGET (window));
    g_assert_cmpstr (mp_case_get_title (kase), ==, "Reflected XSS in the search page");
    g_assert_cmpint (mp_case_get_received_at (kase), ==, received);
    g_assert_cmpstr (mp_case_get_reporter_email (kase), ==, "bytewitch@example.org");
  }

  mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));

  /* What the window stored is on disk, encrypted, and reads back after unlocking. */
  reopened = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_unlock (reopened, PASSPHRASE, &error);
  g_assert_no_error (error);
  stored = mp_store_find_case (reopened, mp_case_get_reference (kase));
  g_assert_nonnull (stored);
  g_assert_cmpstr (mp_case_get_answer_value (stored, "scope.asset_owner"), ==, "ours");
  g_assert_cmpstr (mp_case_get_answer_value (stored, "scope.method.dos"), ==, "no");
  g_assert_cmpstr (mp_case_get_reporter_name (stored), ==, "bytewitch");
  g_assert_cmpstr (mp_case_get_title (stored), ==, "Reflected XSS in the search page");
  {
    g_autoptr(GListModel) deadlines = mp_store_list_deadlines (reopened, stored, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
      {
        g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

        if (g_str_equal (mp_deadline_get_kind (deadline), "acknowledgement"))
          {
            found = TRUE;
            g_assert_cmpint (mp_deadline_get_due_at (deadline), ==,
                             mp_case_get_received_at (stored) + (gint64) 72 * 3600 * G_USEC_PER_SEC);
          }
      }
    g_assert_true (found);
  }

  g_clear_object (&kase);
  g_clear_object (&reopened);
}

static void
test_lock_drops_cases (Fixture       *f,
                      gconstpointer  data)
{
  MpStore *store = f->store;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  GtkStack *stack;
  GtkMenuButton *menu_button;
  GMenuModel *menu;

  mp_case_set_text (draft, "title", "Open directory listing");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);

  window = present_window (f, 0, 0);
  g_assert_nonnull (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_ROW, NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  mp_test_wait_until (desk_locked, window);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "unlock");
  g_assert_true (mp_store_is_locked (store));
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 0);
  g_assert_null (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_ROW, NULL));

  /* Locked, the header bar still has a menu: another desk, the shortcuts
   * and About. */
  menu_button = GTK_MENU_BUTTON (mp_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                      "locked-menu"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu_button)));
  menu = gtk_menu_button_get_menu_model (menu_button);
  g_assert_true (menu_has_action (menu, "win.open-desk"));
  g_assert_true (menu_has_action (menu, "app.about"));
  g_assert_true (menu_has_action (menu, "win.show-help-overlay"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  {
    /* Open Another Desk opens the chosen file in a window of its own. */
    g_autofree char *other_dir = NULL;
    g_autoptr(MpStore) other = mp_test_new_store (&other_dir);
    g_autofree char *other_path = g_strdup (mp_store_get_path (other));
    GtkWidget *other_window;

    mp_store_lock (other);
    g_clear_object (&other);
    other_window = _mp_backup_actions_open_desk_at (GTK_WIDGET (window), other_path);
    g_assert_true (other_window != GTK_WIDGET (window));
    g_assert_cmpstr (mp_store_get_path (mp_window_get_store (MP_WINDOW (other_window))), ==,
                     other_path);
    mp_test_destroy_window (GTK_WINDOW (g_object_ref (other_window)));
    mp_test_remove_dir (other_dir);
  }
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  return dialog;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_reply_on_timeline (Fixture       *f,
                       gconstpointer  data)
{
  MpStore *store = f->store;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;
  MpWindow *window;
  MpCasePage *page;
  AdwMessageDialog *dialog;
  GtkWidget *view;
  gboolean found = FALSE;
  guint rows = 0;

  mp_case_set_text (draft, "title", "Password reset without rate limiting");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);

  window = present_window (f, 0, 0);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  mp_case_page_set_case (page, kase);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.add-reply", NULL));
  mp_test_wait_until (message_dialog_shown, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  view = mp_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL);
  g_assert_nonnull (view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            "Retested: the limit works now.", -1);
  adw_message_dialog_response (dialog, "add");
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* stored encrypted as a reply, and shown on the timeline */
  events = mp_store_list_events (store, kase, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (mp_event_get_kind (event), "reply"))
        {
          found = TRUE;
          g_assert_cmpstr (mp_event_get_body (event), ==, "Retested: the limit works now.");
          /* the unencrypted summary never repeats the reporter's words */
          g_assert_null (strstr (mp_event_get_summary (event), "Retested"));
        }
    }
  g_assert_true (found);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), MP_TYPE_CASE_PAGE, "timeline_list")));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    rows++;
  g_assert_cmpuint (rows, >=, 1);
}

static void
test_erase_asks_first (Fixture       *f,
                      gconstpointer  data)
{
  MpStore *store = f->store;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  MpCasePage *page;
  AdwMessageDialog *dialog;

  mp_case_set_text (draft, "title", "Out of scope: marketing site");
  mp_case_set_text (draft, "reporter_name", "Tom Brown");
  mp_case_set_text (draft, "description", "Details that must not outlive the case.");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  mp_store_set_answer (store, kase, "close.closed_on", "2026-03-09", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mp_case_is_closed (kase));

  window = present_window (f, 0, 0);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  mp_case_page_set_case (page, kase);
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* Erasing is destructive: nothing happens until the dialog is answered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "case.erase", NULL));
  mp_test_wait_until (message_dialog_shown, NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (mp_case_is_erased (kase));
  adw_message_dialog_response (dialog, "erase");
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_case_is_erased (kase));
  g_assert_null (mp_case_get_reporter_name (kase));
  g_assert_null (mp_case_get_description (kase));
}

/* A value a desk worker would give @item to move the case on. */
static const char *
walk_value (const MpChecklistItem *item)
{
  if (item->proceed_value != NULL)
    return item->proceed_value;
  if (g_str_has_prefix (item->id, "scope.method.") || g_str_equal (item->id, "scope.personal_data"))
    return "no";
  switch (item->kind)
    {
    case MP_ANSWER_KIND_YES_NO:
    case MP_ANSWER_KIND_YES_NO_UNKNOWN:
      return g_str_equal (item->id, "reward.declined") ? "no" : "yes";
    case MP_ANSWER_KIND_CHOICE:
      return item->choices[0].value;
    case MP_ANSWER_KIND_DATE:
      return "2026-03-10";
    case MP_ANSWER_KIND_CVSS:
      return "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N";
    case MP_ANSWER_KIND_AMOUNT:
      return "100.00";
    case MP_ANSWER_KIND_REFERENCE:
      return "CVD-2026-0001";
    case MP_ANSWER_KIND_TEXT:
    default:
      return "Agreed with the reporter";
    }
}

typedef struct
{
  MpCase                *kase;
  const MpChecklistItem *item;
} Answer;

static gboolean
answer_recorded (gpointer data)
{
  Answer *answer = data;

  return g_strcmp0 (mp_case_get_answer_value (answer->kase, answer->item->id),
                    walk_value (answer->item)) == 0;
}

static void
test_walk_to_closure (Fixture       *f,
                     gconstpointer  data)
{
  MpStore *store = f->store;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  guint rounds = 0;

  mp_case_set_text (draft, "title", "Open redirect on login page");
  mp_case_set_text (draft, "asset", "https://portal.example.nl/login");
  mp_case_set_text (draft, "description", "The next parameter accepts any URL.");
  mp_case_set_text (draft, "impact", "Phishing through a trusted link.");
  mp_case_set_text (draft, "reproduction", "Open /login?next=https://evil.example.");
  mp_case_set_text (draft, "reporter_name", "Noor Visser");
  mp_case_set_text (draft, "reporter_email", "noor@example.org");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);

  window = open_window (f);
  mp_case_page_set_case (MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL)),
                         kase);
  mp_test_wait_for_draw (GTK_WIDGET (window));

  /* Step by step, answer what blocks the current step through its widget,
   * until the case is closed: every step must be reachable from the page. */
  while (!mp_case_is_closed (kase))
    {
      MpStep step = mp_checklist_get_current_step (kase);
      g_autoptr(GPtrArray) blocking = mp_checklist_list_blocking (kase, step);

      g_assert_cmpuint (++rounds, <, 60);
      g_assert_cmpuint (blocking->len, >, 0);
      for (guint i = 0; i < blocking->len; i++)
        {
          const MpChecklistItem *item = g_ptr_array_index (blocking, i);

          Answer answer = { kase, item };

          mp_checklist_row_enter_value (find_item (GTK_WIDGET (window), item->id), walk_value (item));
          mp_test_wait_until (answer_recorded, &answer);
        }
      /* the page shows the next step's rows */
      mp_test_wait_for_draw (GTK_WIDGET (window));
    }

  g_assert_cmpstr (mp_case_get_outcome (kase), ==, "in-scope");
  g_assert_nonnull (mp_case_get_answer (kase, "ack.sent_on"));
  g_assert_nonnull (mp_case_get_answer (kase, "assess.cvss"));
  g_assert_cmpstr (mp_case_get_severity (kase), ==, "medium");
  g_assert_nonnull (mp_case_get_answer (kase, "close.closed_on"));
  g_assert_true (mp_store_verify_audit (store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_deadline_opens_its_step (Fixture       *f,
                             gconstpointer  data)
{
  MpStore *store = f->store;
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  MpCasePage *page;
  GtkWidget *calendar;

  mp_case_set_text (draft, "title", "Deadline from the calendar");
  mp_case_set_text (draft, "description", "d");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);

  window = open_window (f);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  calendar = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CALENDAR_VIEW, NULL);
  g_assert_nonnull (calendar);

  /* Activating an assessment chip opens the case with its assessment step open. */
  g_signal_emit_by_name (calendar, "open-case", mp_case_get_reference (kase), "assessment");
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_case_page_get_case (page) == kase);
  for (guint i = 0; i < MP_N_STEPS; i++)
    g_assert_cmpint (adw_expander_row_get_expanded (g_ptr_array_index (page->step_rows, i)), ==,
                     i == MP_STEP_ASSESSMENT);
}

static MpPreferencesWindow *
find_preferences_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (MP_IS_PREFERENCES_WINDOW (toplevel))
        return MP_PREFERENCES_WINDOW (toplevel);
    }
  return NULL;
}

/* The desk key's expiry is no case's: its chip opens Preferences at the
 * Desk Key page, where the key is renewed. */
static void
test_desk_key_expiry_opens_preferences (Fixture       *f,
                                        gconstpointer  data)
{
  MpPreferencesWindow *preferences;
  MpWindow *window;
  GtkWidget *calendar;

  window = open_window (f);
  calendar = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CALENDAR_VIEW, NULL);
  g_assert_nonnull (calendar);
  g_assert_null (find_preferences_window ());

  g_signal_emit_by_name (calendar, "open-case", NULL, "desk-key-expiry");
  preferences = find_preferences_window ();
  g_assert_nonnull (preferences);
  mp_test_wait_for_draw (GTK_WIDGET (preferences));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)),
                   ==, "desk-key");
  mp_test_destroy_window (GTK_WINDOW (g_object_ref (preferences)));
}

/* The keyboard shortcuts window is built on first use, for the window. */
static void
test_help_overlay (Fixture       *f,
                  gconstpointer  data)
{
  GtkShortcutsWindow *overlay;
  MpWindow *window;

  window = present_window (f, 0, 0);
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  mp_test_wait_for_draw (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_nonnull (mp_test_find_widget (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, NULL));

  /* closed and asked for again: the same window */
  gtk_window_close (GTK_WINDOW (overlay));
  mp_test_wait_until (overlay_hidden, window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  mp_test_wait_for_draw (GTK_WIDGET (overlay));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) ==
                 overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* the window keeps its help overlay: it finalises with the window */
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* A new desk: the welcome page sets it up and opens it. */
static void
test_welcome_sets_up_desk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "desk.db", NULL);
  GtkWidget *page;
  GtkWidget *passphrase_row;
  GtkWidget *repeat_row;
  GtkLabel *problem;
  GtkStack *stack;
  MpWindow *window;
  MpStore *store;

  g_assert_no_error (error);
  /* The rows turn insensitive while the key is derived; under Xvfb GTK
   * 4.8 then warns from the focused row's cursor blink ("did not receive a
   * focus-out event"), with or without this window around it. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  window = g_object_ref (mp_window_new (NULL, path));
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "welcome");
  g_assert_false (mp_store_is_initialised (mp_window_get_store (window)));
  page = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_WELCOME_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE,
                                                                      "organisation_row")),
                         "Gemeente Voorbeeld");
  /* A short passphrase: the button stays off, Enter says why, and nothing
   * typed is lost. */
  passphrase_row = GTK_WIDGET (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE,
                                                              "passphrase_row"));
  repeat_row = GTK_WIDGET (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE, "repeat_row"));
  gtk_editable_set_text (GTK_EDITABLE (passphrase_row), "kort wachtw");
  gtk_editable_set_text (GTK_EDITABLE (repeat_row), "kort wachtw");
  g_assert_false (gtk_widget_get_sensitive (
    GTK_WIDGET (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE, "create_button"))));
  g_assert_nonnull (strstr (mp_strength_bar_get_label (MP_STRENGTH_BAR (
    gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE, "strength_bar"))), "Too short"));
  g_signal_emit_by_name (repeat_row, "entry-activated");
  problem = GTK_LABEL (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE, "problem_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_nonnull (strstr (gtk_label_get_label (problem), "at least 12 characters"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (repeat_row)), ==, "kort wachtw");
  g_assert_false (mp_store_is_initialised (mp_window_get_store (window)));

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE,
                                                                      "passphrase_row")),
                         PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE,
                                                                      "repeat_row")),
                         PASSPHRASE);
  g_signal_emit_by_name (gtk_widget_get_template_child (page, MP_TYPE_WELCOME_PAGE, "create_button"),
                         "clicked");
  mp_test_wait_until (desk_open, window);
  mp_test_wait_for_draw (GTK_WIDGET (window));

  store = mp_window_get_store (window);
  g_assert_true (mp_store_is_initialised (store));
  g_assert_false (mp_store_is_locked (store));
  g_assert_cmpstr (mp_store_get_organisation (store), ==, "Gemeente Voorbeeld");
  g_assert_nonnull (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  mp_test_wait_until (desk_locked, window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "unlock");

  mp_test_destroy_window (GTK_WINDOW (window));

  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", TRUE, NULL);
  mp_test_remove_dir (dir);
}

/* A desk that cannot be opened: the problem page says why. (Run on its
 * own, before any store was opened, mp_store_finalize () warns about its
 * stores_by_db table that does not exist yet: a bug of the store.) */
static void
test_problem_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("meldpunt-ui-XXXXXX", &error);
  GtkWidget *page;
  GtkStack *stack;
  MpWindow *window;

  g_assert_no_error (error);
  /* a folder where the database file should be */
  window = g_object_ref (mp_window_new (NULL, dir));
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (mp_window_get_store (window));
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "problem");
  page = mp_test_find_widget (gtk_stack_get_visible_child (stack), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==,
                   "The Desk Cannot Be Opened");
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (page)));
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), !=, "");

  mp_test_destroy_window (GTK_WINDOW (window));

  g_rmdir (dir);
}

/* The recent files on disk list the unrelated file, without the secret one. */
static gboolean
recent_list_rewritten (gpointer xbel)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (xbel, &contents, NULL, NULL) &&
         strstr (contents, "unrelated.txt") != NULL &&
         strstr (contents, "sql-injection-portal") == NULL;
}

/* Files chosen to import or attach are kept out of GTK's recently used
 * files (their names tell what a report is about); others stay. */
static void
test_imports_not_recent (void)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GFile) secret = g_file_new_for_path ("/tmp/meldpunt-test/sql-injection-portal.eml");
  g_autoptr(GFile) earlier = g_file_new_for_path ("/tmp/meldpunt-test/chosen-before.eml");
  g_autofree char *secret_uri = g_file_get_uri (secret);
  g_autofree char *earlier_uri = g_file_get_uri (earlier);
  g_autofree char *xbel = g_build_filename (g_get_user_data_dir (), "recently-used.xbel", NULL);
  g_autofree char *contents = NULL;
  GtkRecentData data = { NULL, NULL, (char *) "message/rfc822", (char *) "meldpunt",
                         (char *) "meldpunt %u", NULL, FALSE };

  /* Added by the file chooser before the application hears of the file... */
  g_assert_true (gtk_recent_manager_add_full (manager, earlier_uri, &data));
  g_assert_true (gtk_recent_manager_has_item (manager, earlier_uri));
  mp_ui_keep_out_of_recent (earlier);
  g_assert_false (gtk_recent_manager_has_item (manager, earlier_uri));

  /* ... or after it: gone from the list on disk once the manager has
   * written it again. */
  mp_ui_keep_out_of_recent (secret);
  g_assert_true (gtk_recent_manager_add_full (manager, secret_uri, &data));
  g_assert_true (gtk_recent_manager_add_full (manager, "file:///tmp/meldpunt-test/unrelated.txt",
                                              &data));
  mp_test_wait_until (recent_list_rewritten, xbel);
  g_assert_true (g_file_get_contents (xbel, &contents, NULL, NULL));
  g_assert_false (gtk_recent_manager_has_item (manager, secret_uri));
  g_assert_true (gtk_recent_manager_has_item (manager, "file:///tmp/meldpunt-test/unrelated.txt"));
  g_assert_null (strstr (contents, "sql-injection-portal"));
  g_assert_null (strstr (contents, "chosen-before"));
}

/* The widgets under @widget that need more than @limit pixels of width,
 * deepest first: what keeps a window from getting narrower. */
static void
report_wide (GtkWidget *widget,
             int        limit,
             int        depth)
{
  int minimum = 0;
  gboolean child_wide = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int m = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &m, NULL, NULL, NULL);
      if (m > limit)
        {
          child_wide = TRUE;
          report_wide (child, limit, depth + 1);
        }
    }
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (!child_wide && minimum > limit)
    g_test_message ("%*s%s #%s: %d px", depth, "", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_name (widget), minimum);
}

/* A phone-sized window, 360 px wide, fits every page of the desk with a
 * case open (it was held at 479 px by the header bar's strict centering). */
static void
test_narrow (Fixture       *f,
            gconstpointer  data)
{
  MpStore *store = f->store;
  static const char * const pages[] = { "cases", "calendar", "overview" };
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(MpCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  MpWindow *window;
  GObject *stack;

  mp_case_set_text (draft, "title", "Stored XSS in the contact form of the customer portal");
  mp_case_set_text (draft, "asset", "https://portal.example.nl/contact");
  mp_case_set_text (draft, "description", "The message field is shown to staff unescaped.");
  mp_case_set_text (draft, "reporter_name", "bytewitch");
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  window = open_window (f);
  mp_case_page_set_case (MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE,
                                                            NULL)), kase);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  mp_test_wait_for_draw (GTK_WIDGET (window));

  stack = gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "view_stack");
  if (stack == NULL)
    stack = G_OBJECT (mp_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int minimum = 0;

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), pages[i]);
      mp_test_wait_for_draw (GTK_WIDGET (window));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                          NULL, NULL, NULL);
      g_test_message ("%s: minimum width %d", pages[i], minimum);
      if (minimum > 360)
        report_wide (GTK_WIDGET (window), 360, 0);
      g_assert_cmpint (minimum, <=, 360);
    }

  /* With minimize and maximize buttons too, strict centering of the
   * header bar asked for 479 px; loose, it is the buttons' width alone. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout",
                "appmenu:minimize,maximize,close", NULL);
  mp_test_wait_for_draw (GTK_WIDGET (window));
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                        NULL, NULL, NULL);
    g_test_message ("with minimize and maximize: minimum width %d", minimum);
    g_assert_cmpint (minimum, <, 400);
  }
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", ":close", NULL);
}

int
main (int    argc,
      char **argv)
{
  /* Tuesday 10 March 2026, 10:00 in Amsterdam */
  g_setenv ("MELDPUNT_NOW", "2026-03-10T09:00:00Z", TRUE);
  mp_test_init_ui (&argc, &argv, "en");

  g_test_add ("/ui/window/intake-to-scope", Fixture, NULL, fixture_set_up, test_intake_to_scope, fixture_tear_down);
  g_test_add ("/ui/window/lock-drops-cases", Fixture, NULL, fixture_set_up, test_lock_drops_cases, fixture_tear_down);
  g_test_add ("/ui/window/help-overlay", Fixture, NULL, fixture_set_up, test_help_overlay, fixture_tear_down);
  g_test_add ("/ui/window/narrow", Fixture, NULL, fixture_set_up, test_narrow, fixture_tear_down);
  g_test_add_func ("/ui/window/welcome-sets-up-desk", test_welcome_sets_up_desk);
  g_test_add_func ("/ui/window/imports-not-recent", test_imports_not_recent);
  g_test_add_func ("/ui/window/problem-page", test_problem_page);
  g_test_add ("/ui/window/reply-on-timeline", Fixture, NULL, fixture_set_up, test_reply_on_timeline, fixture_tear_down);
  g_test_add ("/ui/window/erase-asks-first", Fixture, NULL, fixture_set_up, test_erase_asks_first, fixture_tear_down);
  g_test_add ("/ui/window/walk-to-closure", Fixture, NULL, fixture_set_up, test_walk_to_closure, fixture_tear_down);
  g_test_add ("/ui/window/deadline-opens-its-step", Fixture, NULL, fixture_set_up, test_deadline_opens_its_step, fixture_tear_down);
  g_test_add ("/ui/window/desk-key-expiry-opens-preferences", Fixture, NULL, fixture_set_up,
              test_desk_key_expiry_opens_preferences, fixture_tear_down);
  return g_test_run ();
}
