/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-report-ui.h"
#include "mp-ui-util.h"

/* The options of a report, as the dialogs ask for them. */
typedef struct
{
  GtkWidget *widget;      /* inside the window, for toasts */
  MpStore   *store;
  MpCase    *kase;        /* NULL for the period report */
  char      *language;
  gboolean   redacted;
  MpReportPaper paper;
  char      *from;
  char      *to;
  GtkFileChooserNative *chooser;
  AdwComboRow *language_row;
  AdwComboRow *paper_row;
  GtkSwitch   *redacted_switch;
  AdwEntryRow *from_row;
  AdwEntryRow *to_row;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->widget);
  g_clear_object (&job->store);
  g_clear_object (&job->kase);
  g_free (job->language);
  g_free (job->from);
  g_free (job->to);
  if (job->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (job->chooser));
  g_clear_object (&job->chooser);
  g_free (job);
}

static Job *
job_new (GtkWidget *widget,
         MpStore   *store,
         MpCase    *kase)
{
  Job *job = g_new0 (Job, 1);
  GSettings *settings = mp_ui_get_settings ();
  g_autofree char *paper = NULL;

  job->widget = g_object_ref (widget);
  job->store = g_object_ref (store);
  job->kase = kase != NULL ? g_object_ref (kase) : NULL;
  job->language = settings != NULL ? g_settings_get_string (settings, "report-language")
                                   : g_strdup (mp_ui_language ());
  paper = settings != NULL ? g_settings_get_string (settings, "report-paper-size")
                           : g_strdup ("a4");
  job->paper = g_strcmp0 (paper, "letter") == 0 ? MP_REPORT_PAPER_LETTER : MP_REPORT_PAPER_A4;
  return job;
}

static void
job_get_options (Job             *job,
                 MpReportOptions *options)
{
  mp_report_options_init (options);
  options->language = job->language;
  options->redacted = job->redacted;
  options->paper = job->paper;
}

/* A group of rows for the options; the rows are remembered in @job. */
static GtkWidget *
options_group_new (Job      *job,
                   gboolean  with_redacted,
                   gboolean  with_paper)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char * const languages[] = { _("Dutch"), _("English"), NULL };
  const char * const papers[] = { _("A4"), _("US Letter"), NULL };
  GtkWidget *row;

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Language"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Independent of the language of the interface"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (languages)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), g_strcmp0 (job->language, "en") == 0 ? 1 : 0);
  gtk_widget_set_name (row, "language");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  job->language_row = ADW_COMBO_ROW (row);

  if (with_redacted)
    {
      GtkWidget *toggle = gtk_switch_new ();

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Redacted"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Leave out the reporter and the "
                                                           "details of the vulnerability"));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), job->redacted);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_widget_set_name (toggle, "redacted");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      job->redacted_switch = GTK_SWITCH (toggle);
    }

  if (with_paper)
    {
      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Paper Size"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (papers)));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  job->paper == MP_REPORT_PAPER_LETTER ? 1 : 0);
      gtk_widget_set_name (row, "paper");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      job->paper_row = ADW_COMBO_ROW (row);
    }
  return group;
}

static void
job_read_rows (Job *job)
{
  /* The choices of language and paper are the desk's next defaults. */
  if (job->language_row != NULL)
    {
      GSettings *settings = mp_ui_get_settings ();

      g_free (job->language);
      job->language = g_strdup (adw_combo_row_get_selected (job->language_row) == 1 ? "en" : "nl");
      if (settings != NULL)
        g_settings_set_string (settings, "report-language", job->language);
    }
  if (job->redacted_switch != NULL)
    job->redacted = gtk_switch_get_active (job->redacted_switch);
  if (job->paper_row != NULL)
    {
      GSettings *settings = mp_ui_get_settings ();

      job->paper = adw_combo_row_get_selected (job->paper_row) == 1 ? MP_REPORT_PAPER_LETTER
                                                                     : MP_REPORT_PAPER_A4;
      if (settings != NULL)
        g_settings_set_string (settings, "report-paper-size",
                               job->paper == MP_REPORT_PAPER_LETTER ? "letter" : "a4");
    }
  if (job->from_row != NULL)
    {
      g_free (job->from);
      job->from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (job->from_row))));
    }
  if (job->to_row != NULL)
    {
      g_free (job->to);
      job->to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (job->to_row))));
    }
  job->language_row = NULL;
  job->paper_row = NULL;
  job->redacted_switch = NULL;
  job->from_row = NULL;
  job->to_row = NULL;
}

/* Printing */

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation,
                         Job               *job)
{
  GtkWidget *group = options_group_new (job, TRUE, FALSE);

  gtk_widget_set_margin_top (group, 18);
  gtk_widget_set_margin_bottom (group, 18);
  gtk_widget_set_margin_start (group, 18);
  gtk_widget_set_margin_end (group, 18);
  return G_OBJECT (group);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        Job               *job)
{
  job_read_rows (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Job               *job)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  GtkPaperSize *paper = setup != NULL ? gtk_page_setup_get_paper_size (setup) : NULL;
  g_autoptr(GError) error = NULL;
  MpReportOptions options;
  MpReport *report;

  job->paper = paper != NULL && g_str_equal (gtk_paper_size_get_name (paper), GTK_PAPER_NAME_LETTER)
               ? MP_REPORT_PAPER_LETTER : MP_REPORT_PAPER_A4;
  job_get_options (job, &options);
  report = mp_report_layout (job->store, job->kase, &options, &error);
  if (report == NULL)
    {
      mp_ui_toast (job->widget, error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  g_object_set_data_full (G_OBJECT (operation), "report", report, g_object_unref);
  gtk_print_operation_set_n_pages (operation, (int) mp_report_get_n_pages (report));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Job               *job)
{
  MpReport *report = g_object_get_data (G_OBJECT (operation), "report");

  if (report != NULL)
    mp_report_draw_page (report, gtk_print_context_get_cairo_context (context), (guint) page,
                         gtk_print_context_get_width (context),
                         gtk_print_context_get_height (context));
}

static GtkPrintOperation *
print_operation_new (Job *job)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *name = NULL;

  paper = gtk_paper_size_new (job->paper == MP_REPORT_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                   : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  name = g_strdup_printf ("%s %s", mp_case_get_reference (job->kase),
                          mp_case_get_title (job->kase));
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_custom_tab_label (operation, _("Report"));
  g_object_set_data_full (G_OBJECT (operation), "job", job, (GDestroyNotify) job_free);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), job);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), job);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  return operation;
}

void
mp_report_ui_print (GtkWidget *widget,
                    MpStore   *store,
                    MpCase    *kase)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_CASE (kase));

  operation = print_operation_new (job_new (widget, store, kase));
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    mp_ui_toast (widget, error->message);
}

gboolean
_mp_report_ui_print_to_file (GtkWidget              *widget,
                             MpStore                *store,
                             MpCase                 *kase,
                             const MpReportOptions  *options,
                             const char             *path,
                             GError                **error)
{
  Job *job = job_new (widget, store, kase);
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_free (job->language);
  job->language = g_strdup (options->language);
  job->redacted = options->redacted;
  job->paper = options->paper;
  operation = print_operation_new (job);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* Writing a PDF */

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = g_task_get_task_data (task);
  GtkWidget *widget = g_object_get_data (G_OBJECT (task), "widget");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  gboolean done;

  if (G_IS_TASK (result) && g_task_get_source_tag (G_TASK (result)) == mp_report_ui_write_period)
    done = g_task_propagate_boolean (G_TASK (result), &error);
  else
    done = mp_report_render_pdf_finish (result, &error);

  if (done)
    message = g_strdup_printf (_("Saved “%s”"), name);
  else
    message = g_strdup_printf (_("“%s” could not be saved: %s"), name, error->message);
  mp_ui_toast (widget, message);
  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static GTask *
write_task_new (GtkWidget           *widget,
                GFile               *file,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (widget, NULL, callback, user_data);

  g_task_set_source_tag (task, mp_report_ui_write_case);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "widget", g_object_ref (widget), g_object_unref);
  return task;
}

void
mp_report_ui_write_case (GtkWidget             *widget,
                         MpStore               *store,
                         MpCase                *kase,
                         const MpReportOptions *options,
                         GFile                 *file,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  GTask *task = write_task_new (widget, file, callback, user_data);
  g_autofree char *path = g_file_get_path (file);

  mp_report_render_pdf_async (store, kase, options, path, NULL, written_cb, task);
}

gboolean
mp_report_ui_write_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
write_period_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  MpReport *report = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;

  if (mp_report_write_pdf (report, path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mp_report_ui_write_period (GtkWidget             *widget,
                           MpStore               *store,
                           const char            *from,
                           const char            *to,
                           const MpReportOptions *options,
                           GFile                 *file,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  GTask *task = write_task_new (widget, file, callback, user_data);
  g_autoptr(GTask) writer = NULL;
  g_autoptr(GError) error = NULL;
  MpReport *report;

  /* The store is read here; the layout and the writing in a thread. */
  report = mp_report_new_period (store, from, to, options, &error);
  writer = g_task_new (NULL, NULL, written_cb, task);
  g_task_set_source_tag (writer, mp_report_ui_write_period);
  if (report == NULL)
    {
      g_task_return_error (writer, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (writer, report, g_object_unref);
  g_object_set_data_full (G_OBJECT (writer), "path", g_file_get_path (file), g_free);
  g_task_run_in_thread (writer, write_period_thread);
}

/* Exporting: options, then the file name. */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     Job             *job)
{
  g_autoptr(GFile) file = NULL;
  MpReportOptions options;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && !mp_store_is_locked (job->store))
    {
      job_get_options (job, &options);
      if (job->kase != NULL)
        mp_report_ui_write_case (job->widget, job->store, job->kase, &options, file, NULL, NULL);
      else
        mp_report_ui_write_period (job->widget, job->store, job->from, job->to, &options, file,
                                   NULL, NULL);
    }
  job_free (job);
}

static void
choose_file (Job *job)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (job->kase != NULL)
    name = g_strdup_printf ("%s.pdf", mp_case_get_reference (job->kase));
  else
    /* Translators: the file name of the period report; keep the %s (dates) */
    name = g_strdup_printf (_("report-%s-%s.pdf"), job->from, job->to);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  job->chooser = gtk_file_chooser_native_new (_("Export PDF"),
                                              GTK_WINDOW (gtk_widget_get_root (job->widget)),
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                              _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  g_signal_connect (job->chooser, "response", G_CALLBACK (chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}

static void
options_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Job              *job)
{
  if (!g_str_equal (response, "export"))
    {
      job_free (job);
      return;
    }
  job_read_rows (job);
  choose_file (job);
}

static GtkWidget *
options_dialog_new (Job        *job,
                    const char *heading,
                    const char *body)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (job->widget));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (options_response_cb), job);
  return dialog;
}

void
mp_report_ui_export_case (GtkWidget *widget,
                          MpStore   *store,
                          MpCase    *kase)
{
  Job *job;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_CASE (kase));

  job = job_new (widget, store, kase);
  body = g_strdup_printf ("%s · %s", mp_case_get_reference (kase), mp_case_get_title (kase));
  dialog = options_dialog_new (job, _("Export Case as PDF"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      options_group_new (job, TRUE, TRUE));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_period_changed_cb (AdwMessageDialog *dialog)
{
  Job *job = g_object_get_data (G_OBJECT (dialog), "job");
  const char *from = gtk_editable_get_text (GTK_EDITABLE (job->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (job->to_row));
  gint64 start = 0, end = 0;
  gboolean from_ok = mp_ui_parse_date (from, &start);
  gboolean to_ok = mp_ui_parse_date (to, &end);

  if (from_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (job->from_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (job->from_row), "error");
  if (to_ok && (!from_ok || end >= start))
    gtk_widget_remove_css_class (GTK_WIDGET (job->to_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (job->to_row), "error");
  adw_message_dialog_set_response_enabled (dialog, "export", from_ok && to_ok && end >= start);
}

void
mp_report_ui_export_period (GtkWidget *widget,
                            MpStore   *store)
{
  MpDeskContext *desk = mp_ui_get_desk_context ();
  g_autofree char *from = g_strdup_printf ("%04d-01-01",
                                           mp_desk_context_year_of (desk, mp_desk_context_now (desk)));
  g_autofree char *to = mp_ui_today ();
  GtkWidget *dialog, *box, *group, *row;
  Job *job;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (MP_IS_STORE (store));

  job = job_new (widget, store, NULL);
  dialog = options_dialog_new (job, _("Period Report"),
                               _("All cases received in the period, with the time taken to "
                                 "acknowledge, assess and fix, the deadlines met, the outcomes "
                                 "and the rewards paid."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Dates as YYYY-MM-DD, both included"));
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("From"));
  gtk_editable_set_text (GTK_EDITABLE (row), from);
  gtk_widget_set_name (row, "from");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  job->from_row = ADW_ENTRY_ROW (row);
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("To"));
  gtk_editable_set_text (GTK_EDITABLE (row), to);
  gtk_widget_set_name (row, "to");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  job->to_row = ADW_ENTRY_ROW (row);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), options_group_new (job, FALSE, TRUE));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "job", job);
  g_signal_connect_swapped (job->from_row, "changed", G_CALLBACK (on_period_changed_cb), dialog);
  g_signal_connect_swapped (job->to_row, "changed", G_CALLBACK (on_period_changed_cb), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
