/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-error.h"
#include "mp-intake-dialog.h"
#include "mp-ui-util.h"

typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *content;
} Pending;

struct _MpIntakeDialog
{
  AdwWindow       parent_instance;

  MpStore        *store;
  MpCase         *created;     /* set once the case is stored, for retrying attachments */
  MpCase         *editing;     /* the case whose report is being corrected, or NULL */
  GPtrArray      *pending;     /* of Pending */
  GtkFileChooserNative *chooser;

  GtkLabel       *problem_label;
  AdwEntryRow    *title_row;
  AdwEntryRow    *date_row;
  AdwEntryRow    *time_row;
  AdwComboRow    *channel_row;
  GtkSwitch      *encrypted_switch;
  GtkLabel       *report_problem;
  GtkSwitch      *anonymous_switch;
  AdwEntryRow    *name_row;
  AdwEntryRow    *email_row;
  AdwComboRow    *language_row;
  GtkSwitch      *credit_switch;
  GtkLabel       *reporter_problem;
  AdwEntryRow    *asset_row;
  GtkLabel       *asset_problem;
  GtkTextView    *description_view;
  GtkTextView    *impact_view;
  GtkTextView    *reproduction_view;
  GtkListBox     *attachment_list;
  GtkButton      *create_button;
};

G_DEFINE_FINAL_TYPE (MpIntakeDialog, mp_intake_dialog, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const channel_ids[] = { "email", "web-form", "phone", "letter", "other" };
static const char * const language_ids[] = { "nl", "en" };

static void
pending_free (Pending *pending)
{
  g_free (pending->name);
  g_free (pending->mime_type);
  g_bytes_unref (pending->content);
  g_free (pending);
}

static void
set_problem (GtkLabel   *label,
             GtkWidget  *row,
             const char *problem)
{
  gtk_label_set_label (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
  if (row == NULL)
    return;
  if (problem != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (text);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Parses date and time in the desk's time zone; 0 when either is wrong. */
static gint64
received_at (MpIntakeDialog *self)
{
  gint64 day;
  int hours, minutes;
  char tail;

  if (!mp_ui_parse_date (entry_text (self->date_row), &day))
    return 0;
  if (sscanf (entry_text (self->time_row), "%d:%d%c", &hours, &minutes, &tail) != 2 ||
      hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
    return 0;
  {
    MpDeskContext *desk = mp_ui_get_desk_context ();
    g_autoptr(GDateTime) start = mp_desk_context_to_desk (desk, day);
    g_autoptr(GDateTime) dt = mp_desk_context_new_date_time (desk, g_date_time_get_year (start),
                                                             g_date_time_get_month (start),
                                                             g_date_time_get_day_of_month (start),
                                                             hours, minutes, 0);

    return dt != NULL ? g_date_time_to_unix (dt) * G_USEC_PER_SEC : 0;
  }
}

/* Inline validation: says what is wrong and keeps what was typed. */
static gboolean
validate (MpIntakeDialog *self)
{
  const char *email_problem = mp_ui_check_email (entry_text (self->email_row));
  const char *asset_problem = mp_ui_check_asset (entry_text (self->asset_row));
  const char *report_problem = NULL;
  gint64 when = received_at (self);
  gboolean anonymous = gtk_switch_get_active (self->anonymous_switch);

  if (*entry_text (self->date_row) != '\0' && !mp_ui_parse_date (entry_text (self->date_row), NULL))
    report_problem = _("Write the date as year-month-day, for example 2026-03-31.");
  else if (when == 0)
    report_problem = _("Write the time as hours:minutes, for example 09:30.");
  else if (when > mp_time_now () + (gint64) G_USEC_PER_SEC * 3600)
    report_problem = _("The report cannot have been received in the future.");

  set_problem (self->report_problem, NULL, report_problem);
  set_problem (self->reporter_problem, GTK_WIDGET (self->email_row), email_problem);
  set_problem (self->asset_problem, GTK_WIDGET (self->asset_row), asset_problem);

  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !anonymous);
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), !anonymous);

  return email_problem == NULL && asset_problem == NULL && report_problem == NULL;
}

static void
on_input_changed_cb (MpIntakeDialog *self)
{
  validate (self);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}

static void
remove_pending_cb (GtkButton      *button,
                   MpIntakeDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  g_ptr_array_remove_index (self->pending, index);
  gtk_list_box_remove (self->attachment_list, row);
}

gboolean
mp_intake_dialog_add_file (MpIntakeDialog *self,
                           GFile          *file,
                           GError        **error)
{
  g_autoptr(GBytes) content = NULL;
  const guchar *contents;
  gsize length = 0;
  g_autofree char *size = NULL;
  g_autofree char *content_type = NULL;
  Pending *pending;
  GtkWidget *row, *button;

  g_return_val_if_fail (MP_IS_INTAKE_DIALOG (self), FALSE);

  if ((content = mp_ui_load_attachment (file, error)) == NULL)
    return FALSE;

  contents = g_bytes_get_data (content, &length);
  content_type = g_content_type_guess (g_file_peek_path (file), contents, MIN (length, 4096), NULL);
  pending = g_new0 (Pending, 1);
  pending->name = g_file_get_basename (file);
  pending->mime_type = g_content_type_get_mime_type (content_type);
  if (pending->mime_type == NULL)
    pending->mime_type = g_strdup ("application/octet-stream");
  pending->content = g_steal_pointer (&content);
  g_ptr_array_add (self->pending, pending);

  size = g_format_size (length);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pending->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove attachment"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_pending_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  gtk_list_box_append (self->attachment_list, row);
  return TRUE;
}

static void
add_files (MpIntakeDialog *self,
           GSList         *files)
{
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (!mp_intake_dialog_add_file (self, l->data, &error))
        set_problem (self->problem_label, NULL, error->message);
    }
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            MpIntakeDialog *self)
{
  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  add_files (self, g_value_get_boxed (value));
  return TRUE;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     MpIntakeDialog  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;

      mp_ui_keep_all_out_of_recent (files);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        list = g_slist_append (list, g_list_model_get_item (files, i));
      add_files (self, list);
      g_slist_free_full (list, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

static void
add_attachment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MpIntakeDialog *self = MP_INTAKE_DIALOG (widget);

  self->chooser = gtk_file_chooser_native_new (_("Add Attachments"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static MpCase *
build_draft (MpIntakeDialog *self,
             GError        **error)
{
  g_autoptr(MpCase) draft = mp_case_new ();
  g_autofree char *title = g_strstrip (g_strdup (entry_text (self->title_row)));
  g_autofree char *description = text_of (self->description_view);
  g_autofree char *impact = text_of (self->impact_view);
  g_autofree char *reproduction = text_of (self->reproduction_view);
  g_autofree char *when = mp_time_format_iso8601 (received_at (self));
  gboolean anonymous = gtk_switch_get_active (self->anonymous_switch);
  guint channel = adw_combo_row_get_selected (self->channel_row);
  guint language = adw_combo_row_get_selected (self->language_row);
  struct { const char *field; const char *value; } values[] = {
    { "title", title },
    { "received_at", when },
    { "channel", channel_ids[MIN (channel, G_N_ELEMENTS (channel_ids) - 1)] },
    { "reporter_language", language_ids[MIN (language, 1)] },
    { "reporter_name", anonymous ? NULL : entry_text (self->name_row) },
    { "reporter_email", anonymous ? NULL : entry_text (self->email_row) },
    { "reporter_anonymous", anonymous ? "true" : "false" },
    { "reporter_wants_credit", gtk_switch_get_active (self->credit_switch) ? "true" : "false" },
    { "report_encrypted", gtk_switch_get_active (self->encrypted_switch) ? "true" : "false" },
    { "asset", entry_text (self->asset_row) },
    { "description", description },
    { "impact", impact },
    { "reproduction", reproduction },
  };

  if (*title == '\0')
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("Give the report a short title, such as “XSS in search field”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (values[i].value != NULL ? values[i].value : ""));

      if (*value == '\0')
        continue;
      if (!mp_case_set_value_string (draft, values[i].field, value, error))
        return NULL;
    }
  return g_steal_pointer (&draft);
}

static void
create_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MpIntakeDialog *self = MP_INTAKE_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!validate (self))
    {
      set_problem (self->problem_label, NULL, _("Some fields need another look; see the messages below them."));
      return;
    }

  if (self->editing != NULL && self->created == NULL)
    {
      g_autoptr(MpCase) draft = build_draft (self, &error);
      guint n_fields;
      const MpCaseField *fields = mp_case_get_fields (&n_fields);

      if (draft == NULL)
        {
          set_problem (self->problem_label, NULL, error->message);
          return;
        }
      /* Store only what changed, field by field; a refusal leaves the form
       * as typed. */
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;

          if (!fields[i].editable || g_str_equal (fields[i].name, "notes"))
            continue;
          /* the form shows minutes: an unchanged time keeps its seconds */
          if (g_str_equal (fields[i].name, "received_at") &&
              mp_case_get_received_at (self->editing) / (60 * G_USEC_PER_SEC) ==
              mp_case_get_received_at (draft) / (60 * G_USEC_PER_SEC))
            continue;
          before = mp_case_dup_value_string (self->editing, fields[i].name);
          after = mp_case_dup_value_string (draft, fields[i].name);
          if (g_strcmp0 (before, after) == 0)
            continue;
          if (!mp_store_update_case (self->store, self->editing, fields[i].name, after, &error))
            {
              set_problem (self->problem_label, NULL, error->message);
              return;
            }
        }
      self->created = g_object_ref (self->editing);
    }

  if (self->created == NULL)
    {
      g_autoptr(MpCase) draft = build_draft (self, &error);

      if (draft != NULL)
        self->created = mp_store_add_case (self->store, draft, &error);
      if (self->created == NULL)
        {
          set_problem (self->problem_label, NULL, error->message);
          return;
        }
    }

  /* Each stored attachment leaves the list, so a retry only adds the rest. */
  while (self->pending->len > 0)
    {
      Pending *pending = g_ptr_array_index (self->pending, 0);
      g_autoptr(MpAttachment) attachment = NULL;

      attachment = mp_store_add_attachment (self->store, self->created, pending->name,
                                            pending->mime_type, pending->content, &error);
      if (attachment == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("The report was logged as %s, but the attachment “%s” could not be stored: %s"),
                             mp_case_get_reference (self->created), pending->name, error->message);

          set_problem (self->problem_label, NULL, message);
          return;
        }
      g_ptr_array_remove_index (self->pending, 0);
      gtk_list_box_remove (self->attachment_list,
                           GTK_WIDGET (gtk_list_box_get_row_at_index (self->attachment_list, 0)));
    }

  g_signal_emit (self, signals[CREATED], 0, self->created);
  gtk_window_close (GTK_WINDOW (self));
}

static void
mp_intake_dialog_dispose (GObject *object)
{
  MpIntakeDialog *self = MP_INTAKE_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_INTAKE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->created);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  G_OBJECT_CLASS (mp_intake_dialog_parent_class)->dispose (object);
}

static void
mp_intake_dialog_class_init (MpIntakeDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_intake_dialog_dispose;

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_CASE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-intake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, encrypted_switch);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, report_problem);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, anonymous_switch);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, credit_switch);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, reporter_problem);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, asset_row);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, asset_problem);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, impact_view);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, reproduction_view);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, attachment_list);
  gtk_widget_class_bind_template_child (widget_class, MpIntakeDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);

  gtk_widget_class_install_action (widget_class, "intake.create", NULL, create_activated);
  gtk_widget_class_install_action (widget_class, "intake.add-attachment", NULL, add_attachment_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "intake.create", NULL);
}

static void
mp_intake_dialog_init (MpIntakeDialog *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  GtkDropTarget *target;
  GtkEventController *shortcuts;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  local = mp_desk_context_to_desk (mp_ui_get_desk_context (),
                                   mp_desk_context_now (mp_ui_get_desk_context ()));
  date = g_date_time_format (local, "%Y-%m-%d");
  time = g_date_time_format (local, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  if (g_str_has_prefix (g_get_language_names ()[0], "en"))
    adw_combo_row_set_selected (self->language_row, 1);

  placeholder = gtk_label_new (_("No attachments"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->attachment_list, placeholder);

  /* Ctrl+Enter logs the report, as the shortcuts window says, also from the
   * text views, which would otherwise take it as a new line: the shortcut
   * is caught before the focused widget sees the key. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("intake.create")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("intake.create")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* Typing starts in the first field, not on Cancel. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

MpIntakeDialog *
mp_intake_dialog_new (GtkWindow *parent,
                      MpStore   *store)
{
  MpIntakeDialog *self = g_object_new (MP_TYPE_INTAKE_DIALOG, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  return self;
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

MpIntakeDialog *
mp_intake_dialog_new_for_case (GtkWindow *parent,
                               MpStore   *store,
                               MpCase    *kase)
{
  MpIntakeDialog *self = mp_intake_dialog_new (parent, store);
  g_autoptr(GDateTime) local = mp_desk_context_to_desk (mp_ui_get_desk_context (),
                                                        mp_case_get_received_at (kase));
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  const char *channel = mp_case_get_text (kase, "channel");
  const char *text;

  self->editing = g_object_ref (kase);
  gtk_window_set_title (GTK_WINDOW (self), _("Correct the Report"));
  gtk_button_set_label (self->create_button, _("_Save"));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), mp_case_get_title (kase));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
  for (guint i = 0; i < G_N_ELEMENTS (channel_ids); i++)
    if (g_strcmp0 (channel, channel_ids[i]) == 0)
      adw_combo_row_set_selected (self->channel_row, i);
  adw_combo_row_set_selected (self->language_row,
                              g_strcmp0 (mp_case_get_reporter_language (kase), "en") == 0 ? 1 : 0);
  gtk_switch_set_active (self->encrypted_switch, mp_case_get_boolean (kase, "report_encrypted"));
  gtk_switch_set_active (self->anonymous_switch, mp_case_get_boolean (kase, "reporter_anonymous"));
  gtk_switch_set_active (self->credit_switch, mp_case_get_boolean (kase, "reporter_wants_credit"));
  text = mp_case_get_reporter_name (kase);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), text != NULL ? text : "");
  text = mp_case_get_reporter_email (kase);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), text != NULL ? text : "");
  text = mp_case_get_asset (kase);
  gtk_editable_set_text (GTK_EDITABLE (self->asset_row), text != NULL ? text : "");
  set_view_text (self->description_view, mp_case_get_text (kase, "description"));
  set_view_text (self->impact_view, mp_case_get_text (kase, "impact"));
  set_view_text (self->reproduction_view, mp_case_get_text (kase, "reproduction"));
  validate (self);
  return self;
}
