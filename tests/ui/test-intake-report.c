/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * E-mails dropped onto the window, the possible duplicates on the scope
 * step and the PDF export of a case, driven as the window does; with
 * screenshots of the drop card, the duplicates and the report options in
 * the build directory's screenshots/LANGUAGE/.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mp-case-page.h"
#include "mp-case-page-private.h"
#include "mp-checklist-row.h"
#include "mp-duplicates-row.h"
#include "mp-policy.h"
#include "mp-reward.h"
#include "mp-ui-util.h"
#include "mp-report-ui.h"
#include "mp-test-util.h"
#include "mp-unlock-page.h"
#include "mp-window-private.h"

static char *language;

static MpWindow *
open_window (MpStore *store)
{
  MpWindow *window = g_object_ref (_mp_window_new_for_store (NULL, store));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
close_window (MpWindow *window)
{
  mp_test_destroy_window (GTK_WINDOW (window));
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

static gboolean
message_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_mapped (toplevel))
        return TRUE;
    }
  return FALSE;
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *dir = g_build_filename (MP_TEST_SCREENSHOT_DIR, language, NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  mp_test_wait_for_draw (widget);
  mp_test_save_png (widget, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static MpCase *
add_case (MpStore    *store,
          const char *title,
          const char *asset,
          const char *name,
          const char *email,
          int         days_ago)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autoptr(GError) error = NULL;
  MpCase *kase;

  mp_case_set_text (draft, "title", title);
  mp_case_set_text (draft, "asset", asset);
  mp_case_set_text (draft, "reporter_name", name);
  mp_case_set_text (draft, "reporter_email", email);
  mp_case_set_text (draft, "reporter_language", "en");
  mp_case_set_text (draft, "description", "The session cookie lacks the Secure flag.");
  mp_case_set_text (draft, "impact", "A session can be stolen on an open network.");
  mp_case_set_text (draft, "reproduction", "Log in over plain HTTP and read the cookie.");
  mp_case_set_time (draft, "received_at", mp_time_now () - (gint64) days_ago * 86400 * G_USEC_PER_SEC);
  kase = mp_store_add_case (store, draft, &error);
  g_assert_no_error (error);
  g_assert_true (mp_store_set_answer (store, kase, "intake.complete", "yes", NULL, &error));
  g_assert_no_error (error);
  return kase;
}

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_build_filename (MP_TEST_SOURCE_ROOT, "tests", "exchange", "eml", name, NULL);

  return g_file_new_for_path (path);
}

static gboolean
imports_done (gpointer intake)
{
  return mp_eml_intake_get_n_pending (intake) == 0;
}

static void
wait_for_imports (MpEmlIntake *intake)
{
  mp_test_wait_until (imports_done, intake);
  mp_test_run_pending ();
}

static gboolean
desk_page_built (gpointer window)
{
  return mp_test_find_widget (window, MP_TYPE_CASE_PAGE, NULL) != NULL;
}

static gboolean
report_written (gpointer widget)
{
  return g_object_get_data (widget, "test-done") != NULL;
}

static MpCase *
find_by_title (MpStore    *store,
               const char *title)
{
  GListModel *cases = mp_store_get_cases (store);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);

      if (g_strcmp0 (mp_case_get_title (kase), title) == 0)
        return kase;
    }
  return NULL;
}

static void
test_drop_files (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(GFile) first = fixture ("thunderbird-utf8.eml");
  g_autoptr(GFile) second = fixture ("outlook-latin1.eml");
  g_autoptr(GFile) junk = fixture ("not-an-email.txt");
  GListModel *cases = mp_store_get_cases (store);
  GSList *list = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) junk_value = G_VALUE_INIT;
  MpWindow *window = open_window (store);
  MpEmlIntake *intake = _mp_window_get_eml_intake (window);
  MpCasePage *page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  GtkWidget *highlight = mp_test_find_widget (GTK_WIDGET (window), GTK_TYPE_BOX, "drop-highlight");
  MpCase *jose, *zoe;

  g_assert_nonnull (intake);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 0);

  /* the card over the list, as a drag over the window shows it */
  g_assert_nonnull (highlight);
  g_assert_false (gtk_widget_get_visible (highlight));
  gtk_widget_set_visible (highlight, TRUE);
  shoot (GTK_WIDGET (window), "drop-highlight");
  gtk_widget_set_visible (highlight, FALSE);

  list = g_slist_append (list, first);
  list = g_slist_append (list, second);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_assert_true (mp_eml_intake_drop_value (intake, &value));
  wait_for_imports (intake);

  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  jose = find_by_title (store, "Reflected XSS in the customer portal – search page");
  zoe = find_by_title (store, "Lek in inlogpagina € account-enumeratie");
  g_assert_nonnull (jose);
  g_assert_nonnull (zoe);
  g_assert_cmpstr (mp_case_get_reporter_email (jose), ==, "jose.muller@example.org");
  g_assert_cmpstr (mp_case_get_reporter_email (zoe), ==, "meldingen@vdberg.example");  /* its Reply-To */
  /* the last one imported is open */
  g_assert_true (mp_case_page_get_case (page) == zoe);

  /* a file that is not mail is refused and adds nothing */
  g_value_init (&junk_value, G_TYPE_FILE);
  g_value_set_object (&junk_value, junk);
  g_assert_true (mp_eml_intake_drop_value (intake, &junk_value));
  wait_for_imports (intake);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);

  /* a message dragged out of a mail client as message/rfc822 bytes */
  {
    g_autoptr(GFile) third = fixture ("nested-alternative.eml");
    g_autoptr(GBytes) bytes = g_file_load_bytes (third, NULL, NULL, NULL);
    g_auto(GValue) bytes_value = G_VALUE_INIT;
    MpCase *priya;

    g_assert_nonnull (bytes);
    g_value_init (&bytes_value, G_TYPE_BYTES);
    g_value_set_boxed (&bytes_value, bytes);
    g_assert_true (mp_eml_intake_drop_value (intake, &bytes_value));
    wait_for_imports (intake);
    g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 3);
    priya = find_by_title (store, "Exposed admin panel on test.example.nl:8443");
    g_assert_nonnull (priya);
    g_assert_true (mp_case_page_get_case (page) == priya);
  }

  /* a damaged message comes in with notes on what was skipped */
  {
    g_autoptr(GFile) damaged = fixture ("malformed.eml");
    AdwToast *toast;
    GListModel *toplevels = gtk_window_get_toplevels ();
    gboolean shown = FALSE;

    mp_eml_intake_import_files (intake, &damaged, 1);
    wait_for_imports (intake);
    g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 4);
    toast = _mp_eml_intake_get_last_toast (intake);
    g_assert_nonnull (toast);
    g_assert_nonnull (strstr (adw_toast_get_title (toast), "malformed.eml"));
    g_assert_nonnull (adw_toast_get_button_label (toast));
    shoot (GTK_WIDGET (window), "import-toast");
    g_signal_emit_by_name (toast, "button-clicked");
    mp_test_wait_until (message_dialog_shown, NULL);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) dialog = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (dialog))
          {
            GtkWidget *notes = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
            gboolean found = FALSE;

            /* the note on the missing subject, in the interface's language */
            for (GtkWidget *row = gtk_widget_get_first_child (notes); row != NULL;
                 row = gtk_widget_get_next_sibling (row))
              if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))),
                             g_dgettext (GETTEXT_PACKAGE, "The message has no subject.")) == 0)
                found = TRUE;
            g_assert_true (found);
            shoot (dialog, "import-notes");
            mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&dialog)));
            shown = TRUE;
            break;
          }
      }
    g_assert_true (shown);
  }

  close_window (window);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

static GtkWidget *
find_named_button (GtkWidget  *root,
                   const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      found = find_named_button (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* An e-mail opened with Meldpunt while the desk is still locked (the
 * window's desk page not even built yet) is imported once the desk is
 * unlocked, and shown; meanwhile the desk page is built in the background. */
static void
test_open_before_unlock (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = fixture ("thunderbird-utf8.eml");
  g_autoptr(GError) error = NULL;
  MpStore *store = mp_test_new_store (&dir);
  MpWindow *window;
  GtkStack *stack;
  MpCasePage *page;
  MpCase *kase;

  path = g_strdup (mp_store_get_path (store));
  mp_store_lock (store);
  g_assert_finalize_object (store);

  window = g_object_ref (mp_window_new (NULL, path));
  mp_window_import (window, &file, 1);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  mp_test_wait_for_draw (GTK_WIDGET (window));
  /* The desk page is built in the background once the unlock page is
   * drawn. */
  mp_test_wait_until (desk_page_built, window);

  store = mp_window_get_store (window);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), MP_TYPE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "unlock");
  g_assert_true (mp_store_is_locked (store));
  g_assert_cmpuint (mp_eml_intake_get_n_pending (_mp_window_get_eml_intake (window)), ==, 0);

  /* as the unlock page does */
  g_assert_true (mp_store_unlock (store, "correct horse battery", &error));
  g_assert_no_error (error);
  g_signal_emit_by_name (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_UNLOCK_PAGE, NULL),
                         "unlocked");
  wait_for_imports (_mp_window_get_eml_intake (window));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "desk");
  g_assert_cmpuint (g_list_model_get_n_items (mp_store_get_cases (store)), ==, 1);
  kase = find_by_title (store, "Reflected XSS in the customer portal – search page");
  g_assert_nonnull (kase);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  g_assert_nonnull (page);
  g_assert_true (mp_case_page_get_case (page) == kase);

  mp_test_destroy_window (GTK_WINDOW (window));
  mp_test_remove_dir (dir);
}

static void
test_duplicates (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) earlier = add_case (store, "Session cookie without Secure flag",
                                        "https://portal.example.nl/login", "Anouk Visser",
                                        "anouk@example.org", 6);
  g_autoptr(MpCase) other = add_case (store, "Open redirect", "https://www.example.com/go",
                                      "Sem de Boer", "sem@example.net", 4);
  g_autoptr(MpCase) later = add_case (store, "Cookie flags missing on portal", "portal.example.nl:443",
                                      "Iris Bakker", "iris@example.com", 1);
  MpWindow *window = open_window (store);
  MpCasePage *page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  GtkWidget *row = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_DUPLICATES_ROW, NULL);
  GPtrArray *shown;
  GtkWidget *mark;

  g_assert_nonnull (row);
  mp_case_page_set_case (page, later);
  show_step (page, "scope");
  shown = mp_duplicates_row_get_shown (MP_DUPLICATES_ROW (row));
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, mp_case_get_reference (earlier));
  g_assert_true (gtk_widget_get_visible (row));
  shoot (GTK_WIDGET (window), "scope-duplicates");

  /* one click answers both questions */
  mark = find_named_button (row, "mark");
  g_assert_nonnull (mark);
  g_signal_emit_by_name (mark, "clicked");
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (mp_case_get_answer_value (later, "scope.known"), ==, "duplicate");
  g_assert_cmpstr (mp_case_get_answer_value (later, "scope.duplicate_of"), ==, mp_case_get_reference (earlier));
  g_assert_null (find_named_button (row, "mark"));

  /* the reference opens the earlier case */
  g_signal_emit_by_name (find_named_button (row, "open"), "clicked");
  mp_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (mp_case_page_get_case (page) == earlier);
  g_assert_cmpuint (mp_duplicates_row_get_shown (MP_DUPLICATES_ROW (row))->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (mp_duplicates_row_get_shown (MP_DUPLICATES_ROW (row)), 0), ==,
                   mp_case_get_reference (later));

  /* a case about another host and from someone else has nothing alike */
  mp_case_page_set_case (page, other);
  g_assert_cmpuint (mp_duplicates_row_get_shown (MP_DUPLICATES_ROW (row))->len, ==, 0);
  g_assert_false (gtk_widget_get_visible (row));

  close_window (window);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!mp_report_ui_write_finish (result, error) && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no error given");
  g_object_set_data (G_OBJECT (source), "test-done", GINT_TO_POINTER (1));
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
export (MpWindow   *window,
        MpStore    *store,
        MpCase     *kase,
        gboolean    redacted,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *widget = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL);
  g_autoptr(GError) error = NULL;
  MpReportOptions options;

  mp_report_options_init (&options);
  options.language = "nl";
  options.redacted = redacted;
  g_object_set_data (G_OBJECT (widget), "test-done", NULL);
  mp_report_ui_write_case (widget, store, kase, &options, file, written_cb, &error);
  mp_test_wait_until (report_written, widget);
  g_assert_no_error (error);
  return pdf_text (path);
}

static void
test_export_redacted (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) kase = add_case (store, "Session cookie without Secure flag",
                                     "https://portal.example.nl/login", "Wilhelmina Oosterbroek",
                                     "wilhelmina@oosterbroek.example", 3);
  MpWindow *window = open_window (store);
  g_autofree char *full_path = g_build_filename (dir, "full.pdf", NULL);
  g_autofree char *redacted_path = g_build_filename (dir, "redacted.pdf", NULL);
  g_autofree char *period_path = g_build_filename (dir, "period.pdf", NULL);
  g_autofree char *full = export (window, store, kase, FALSE, full_path);
  g_autofree char *redacted = export (window, store, kase, TRUE, redacted_path);
  g_autofree char *period = NULL;
  g_autoptr(GFile) period_file = g_file_new_for_path (period_path);
  g_autoptr(GError) error = NULL;
  GtkWidget *widget = mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL);
  MpReportOptions options;

  /* the full dossier names the reporter, so its absence below means something */
  g_assert_nonnull (strstr (full, "Oosterbroek"));
  g_assert_nonnull (strstr (redacted, mp_case_get_reference (kase)));
  g_assert_null (strstr (redacted, "Oosterbroek"));
  g_assert_null (strstr (redacted, "wilhelmina@"));
  g_assert_null (strstr (redacted, "lacks the Secure flag"));

  /* printing, as the print dialog does it: US Letter from the page setup,
   * the options of the Report tab */
  {
    g_autofree char *printed_path = g_build_filename (dir, "printed.pdf", NULL);
    const char *argv[] = { "pdfinfo", printed_path, NULL };
    g_autofree char *printed = NULL;
    g_autofree char *info = NULL;

    mp_report_options_init (&options);
    options.language = "en";
    options.redacted = TRUE;
    options.paper = MP_REPORT_PAPER_LETTER;
    g_assert_true (_mp_report_ui_print_to_file (widget, store, kase, &options, printed_path, &error));
    g_assert_no_error (error);
    printed = pdf_text (printed_path);
    g_assert_nonnull (strstr (printed, mp_case_get_reference (kase)));
    g_assert_null (strstr (printed, "Oosterbroek"));
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &info, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (info, "612 x 792 pts"));
  }

  /* the period report, written off the main thread as well */
  mp_report_options_init (&options);
  options.language = "en";
  g_object_set_data (G_OBJECT (widget), "test-done", NULL);
  mp_report_ui_write_period (widget, store, "2026-01-01", "2026-12-31", &options, period_file,
                             written_cb, &error);
  mp_test_wait_until (report_written, widget);
  g_assert_no_error (error);
  period = pdf_text (period_path);
  g_assert_nonnull (strstr (period, mp_case_get_reference (kase)));

  /* the options dialogs, to look at */
  mp_case_page_set_case (MP_CASE_PAGE (widget), kase);
  mp_report_ui_export_case (widget, store, kase);
  mp_test_wait_until (message_dialog_shown, NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) dialog = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (dialog))
          {
            shoot (dialog, "export-options");
            mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&dialog)));
          }
      }
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.period-report", NULL);
  mp_test_wait_until (message_dialog_shown, NULL);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) dialog = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (dialog))
          {
            shoot (dialog, "period-report-options");
            mp_test_destroy_window (GTK_WINDOW (g_steal_pointer (&dialog)));
          }
      }
  }

  close_window (window);
  g_clear_object (&store);
  mp_test_remove_dir (dir);
}

/* Whether a visible label under @widget contains @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* "Budget left this year: …" as the page should say it now. */
static char *
budget_text (MpStore *store)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (store);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (mp_time_now () / G_USEC_PER_SEC);
  g_autofree char *left = mp_ui_format_cents (mp_reward_budget_left (policy, store,
                                                                     g_date_time_get_year (now)));

  return g_strdup_printf (_("Budget left this year: %s."), left);
}

/* The reward's suggestion and the year's budget are worked out when the
 * reward step opens (issue 12), and follow rewards recorded since. */
static void
test_reward_text (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(MpCase) rewarded = add_case (store, "Stored XSS", "https://portal.example.nl/",
                                         "Anouk Visser", "anouk@example.org", 30);
  g_autoptr(MpCase) fresh = add_case (store, "Open redirect", "https://www.example.com/go",
                                      "Sem de Boer", "sem@example.net", 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (mp_time_now () / G_USEC_PER_SEC);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MpWindow *window;
  MpCasePage *page;
  GtkWidget *amount_row;

  g_assert_true (mp_store_set_answer (store, rewarded, "reward.amount", "150.00", NULL, &error));
  g_assert_true (mp_store_set_answer (store, rewarded, "reward.sent_on", today, NULL, &error));
  g_assert_no_error (error);
  before = budget_text (store);

  window = open_window (store);
  page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  amount_row = mp_test_find_widget (GTK_WIDGET (page), MP_TYPE_CHECKLIST_ROW, "reward.amount");
  g_assert_nonnull (amount_row);

  /* Before the reward step: not worked out (the row shows once the case
   * has an amount). */
  mp_case_page_set_case (page, rewarded);
  g_assert_false (shows_text (amount_row, before));
  show_step (page, "reward");
  g_assert_true (shows_text (amount_row, before));

  /* Another reward recorded: the next time the step opens, it counts, and
   * meanwhile the old figure is not shown. */
  g_assert_true (mp_store_set_answer (store, fresh, "reward.amount", "100.00", NULL, &error));
  g_assert_true (mp_store_set_answer (store, fresh, "reward.sent_on", today, NULL, &error));
  g_assert_no_error (error);
  after = budget_text (store);
  g_assert_cmpstr (before, !=, after);
  mp_case_page_set_case (page, fresh);
  mp_case_page_set_case (page, rewarded);
  g_assert_false (shows_text (amount_row, before));
  g_assert_false (shows_text (amount_row, after));
  show_step (page, "reward");
  g_assert_true (shows_text (amount_row, after));

  close_window (window);
}

/* Imports @file or @bytes as the window does, waits for it, and returns
 * the title of its toast; the toast is dismissed after @name is shot (when
 * set), so that the next one is shown at once rather than queued. */
static char *
take_in (MpWindow    *window,
         GFile       *file,
         GBytes      *bytes,
         const char  *bytes_name,
         const char  *name,
         gboolean     open)
{
  MpEmlIntake *intake = _mp_window_get_eml_intake (window);
  AdwToast *toast;
  char *title;

  if (file != NULL)
    mp_eml_intake_import_files (intake, &file, 1);
  else
    mp_eml_intake_import_bytes (intake, bytes, bytes_name);
  wait_for_imports (intake);
  toast = _mp_eml_intake_get_last_toast (intake);
  g_assert_nonnull (toast);
  title = g_strdup (adw_toast_get_title (toast));
  if (name != NULL)
    shoot (GTK_WIDGET (window), name);
  if (open)
    {
      /* "Open Case" on the toast */
      g_assert_cmpstr (adw_toast_get_button_label (toast), ==,
                       g_dgettext (GETTEXT_PACKAGE, "_Open Case"));
      g_signal_emit_by_name (toast, "button-clicked");
    }
  adw_toast_dismiss (toast);
  return title;
}

static guint
count_replies (MpStore *store,
               MpCase  *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = mp_store_list_events (store, kase, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (mp_event_get_kind (event), "reply") == 0)
        n++;
    }
  return n;
}

static GBytes *
reply_message (const char *message_id,
               const char *subject,
               const char *in_reply_to)
{
  g_autofree char *extra = in_reply_to != NULL ? g_strdup_printf ("In-Reply-To: %s\n", in_reply_to)
                                               : g_strdup ("");
  char *text = g_strdup_printf ("From: Zoë van der Berg <meldingen@vdberg.example>\n"
                                "To: security@example.nl\n"
                                "Subject: %s\n"
                                "Date: Mon, 09 Mar 2026 10:00:00 +0100\n"
                                "Message-ID: %s\n%s"
                                "MIME-Version: 1.0\n"
                                "Content-Type: text/plain; charset=utf-8\n\n"
                                "The details you asked for.\n", subject, message_id, extra);

  return g_bytes_new_take (text, strlen (text));
}

/* A file imported again is not a second case, and a reply (by the
 * reference in its subject, or by In-Reply-To) joins its case; the toast
 * names the case and opens it (issue 22). */
static void
test_thread (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(MpStore) store = mp_test_new_store (&dir);
  g_autoptr(GFile) first = fixture ("thunderbird-utf8.eml");
  g_autoptr(GFile) second = fixture ("outlook-latin1.eml");
  GListModel *cases = mp_store_get_cases (store);
  MpWindow *window = open_window (store);
  MpCasePage *page = MP_CASE_PAGE (mp_test_find_widget (GTK_WIDGET (window), MP_TYPE_CASE_PAGE, NULL));
  MpCase *jose, *zoe;
  g_autofree char *title = NULL;
  g_autofree char *expected = NULL;

  g_free (take_in (window, first, NULL, NULL, NULL, FALSE));
  g_free (take_in (window, second, NULL, NULL, NULL, FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  jose = find_by_title (store, "Reflected XSS in the customer portal – search page");
  zoe = find_by_title (store, "Lek in inlogpagina € account-enumeratie");
  g_assert_nonnull (jose);
  g_assert_nonnull (zoe);
  g_assert_true (mp_case_page_get_case (page) == zoe);

  /* the same file again: nothing new, the case that has it named and opened */
  title = take_in (window, first, NULL, NULL, "import-duplicate", TRUE);
  expected = g_strdup_printf (_("“%s” is already in %s: not imported again"),
                              "thunderbird-utf8.eml", mp_case_get_reference (jose));
  g_assert_cmpstr (title, ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
  g_assert_true (mp_case_page_get_case (page) == jose);
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&expected, g_free);

  /* a reply by the reference in its subject, dropped as bytes */
  {
    g_autofree char *subject = g_strdup_printf ("Re: [%s] Uw melding", mp_case_get_reference (zoe));
    g_autoptr(GBytes) bytes = reply_message ("<answer-1@vdberg.example>", subject, NULL);

    title = take_in (window, NULL, bytes, "answer.eml", "import-reply", TRUE);
    expected = g_strdup_printf (_("“%s” added to %s as the reporter's reply"), "answer.eml",
                                mp_case_get_reference (zoe));
    g_assert_cmpstr (title, ==, expected);
    g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
    g_assert_cmpuint (count_replies (store, zoe), ==, 1);
    g_assert_true (mp_case_page_get_case (page) == zoe);
    g_clear_pointer (&title, g_free);
    g_clear_pointer (&expected, g_free);

    /* the same reply again is a duplicate of its case */
    title = take_in (window, NULL, bytes, "answer.eml", NULL, FALSE);
    expected = g_strdup_printf (_("“%s” is already in %s: not imported again"), "answer.eml",
                                mp_case_get_reference (zoe));
    g_assert_cmpstr (title, ==, expected);
    g_assert_cmpuint (count_replies (store, zoe), ==, 1);
    g_clear_pointer (&title, g_free);
    g_clear_pointer (&expected, g_free);
  }

  /* a reply by In-Reply-To, its subject naming no case */
  {
    g_autoptr(GBytes) bytes = reply_message ("<answer-2@example.org>", "Re: your question",
                                             "<5f1c2a3b-7d8e-4f90-a1b2-c3d4e5f60718@example.org>");

    title = take_in (window, NULL, bytes, "answer-2.eml", NULL, FALSE);
    expected = g_strdup_printf (_("“%s” added to %s as the reporter's reply"), "answer-2.eml",
                                mp_case_get_reference (jose));
    g_assert_cmpstr (title, ==, expected);
    g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 2);
    g_assert_cmpuint (count_replies (store, jose), ==, 1);
  }

  close_window (window);
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
  /* screenshots of what stays, not of a toast sliding in */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/intake/drop-files", test_drop_files);
  g_test_add_func ("/ui/intake/open-before-unlock", test_open_before_unlock);
  g_test_add_func ("/ui/intake/duplicates", test_duplicates);
  g_test_add_func ("/ui/intake/thread", test_thread);
  g_test_add_func ("/ui/case-page/reward-text", test_reward_text);
  g_test_add_func ("/ui/report/export-redacted", test_export_redacted);
  return g_test_run ();
}
