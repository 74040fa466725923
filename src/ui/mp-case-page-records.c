/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The case page's records: the timeline (events, status changes and
 * answers), notes and replies, and attachments opened through a private
 * temporary copy or saved with the file chooser.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mp-case-page-private.h"
#include "mp-checklist.h"
#include "mp-letters.h"
#include "mp-ui-util.h"

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  MpEvent *event = item;
  g_autofree char *when = mp_ui_format_time (mp_event_get_at (event));
  g_autofree char *subtitle = NULL;
  const char *actor = mp_event_get_actor (event);
  const char *body = mp_event_get_body (event);
  const char *summary = mp_event_get_summary (event);
  GtkWidget *row;

  if (g_strcmp0 (mp_event_get_kind (event), "status") == 0)
    summary = mp_ui_status_label (summary);
  else if (g_strcmp0 (mp_event_get_kind (event), "letter") == 0 && summary != NULL &&
           mp_letters_is_kind (summary))
    summary = mp_letters_get_kind_title (summary);
  if (actor != NULL && *actor != '\0')
    subtitle = g_strdup_printf ("%s · %s · %s", when, mp_ui_event_kind_label (mp_event_get_kind (event)), actor);
  else
    subtitle = g_strdup_printf ("%s · %s", when, mp_ui_event_kind_label (mp_event_get_kind (event)));

  if (body != NULL && *body != '\0')
    {
      GtkWidget *label = gtk_label_new (body);

      row = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary != NULL ? summary : "");
  return row;
}

static GtkWidget *
create_attachment_row (gpointer item,
                       gpointer user_data)
{
  MpAttachment *attachment = item;
  g_autofree char *size = g_format_size (mp_attachment_get_size (attachment));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", size, mp_attachment_get_mime_type (attachment));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  g_autofree char *open_label = g_strdup_printf (_("Open %s"), mp_attachment_get_name (attachment));
  g_autofree char *save_label = g_strdup_printf (_("Save %s"), mp_attachment_get_name (attachment));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mp_attachment_get_name (attachment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_tooltip_text (open, _("Open"));
  gtk_widget_set_tooltip_text (save, _("Save As…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "case.open-attachment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", mp_attachment_get_id (attachment));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "case.save-attachment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (save), "x", mp_attachment_get_id (attachment));
  for (GtkWidget *button = open; button != NULL; button = button == open ? save : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  gint64 x = mp_event_get_at ((MpEvent *) a), y = mp_event_get_at ((MpEvent *) b);

  return x < y ? -1 : x > y;
}

/* The timeline: the store's events, the status changes and every answer
 * with who gave it and when, oldest first. */
static GListModel *
build_timeline (MpCasePage  *self,
                GError     **error)
{
  g_autoptr(GListModel) events = mp_store_list_events (self->store, self->kase, error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  GListStore *timeline;
  gboolean has_status = FALSE;

  if (events == NULL)
    return NULL;
  timeline = g_list_store_new (MP_TYPE_EVENT);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      has_status |= g_strcmp0 (mp_event_get_kind (event), "status") == 0;
      g_list_store_append (timeline, event);
    }
  if (!has_status && (history = mp_store_list_status_history (self->store, self->kase, NULL)) != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (history); i++)
      {
        g_autoptr(MpEvent) event = g_list_model_get_item (history, i);

        g_list_store_append (timeline, event);
      }

  answered = mp_case_list_answers (self->kase);
  for (guint i = 0; i < answered->len; i++)
    {
      const MpAnswer *answer = mp_case_get_answer (self->kase, g_ptr_array_index (answered, i));
      const MpChecklistItem *item = mp_checklist_lookup_item (answer->item);
      const char *label = item != NULL ? mp_checklist_item_get_label (item) : answer->item;
      const char *value = item != NULL ? mp_checklist_item_get_value_label (item, answer->value) : NULL;
      g_autofree char *summary = NULL;
      g_autoptr(MpEvent) event = NULL;

      if (value == NULL)
        value = answer->value != NULL ? answer->value : "—";
      /* a confidential answer (the voucher code) is not repeated here */
      if (item != NULL && item->confidential)
        value = "•••";
      /* "Spam sent? No", "Owner of the affected system: Team Web" */
      summary = g_str_has_suffix (label, "?") ? g_strdup_printf ("%s %s", label, value)
                                              : g_strdup_printf ("%s: %s", label, value);
      event = mp_event_new (0, answer->answered_at, "answer", answer->actor, summary, answer->note);
      g_list_store_append (timeline, event);
    }
  g_list_store_sort (timeline, compare_events, NULL);
  return G_LIST_MODEL (timeline);
}

void
_mp_case_page_load_records (MpCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = build_timeline (self, &error);
  g_autoptr(GListModel) attachments = NULL;

  if (events == NULL)
    mp_ui_toast (GTK_WIDGET (self), error->message);
  gtk_list_box_bind_model (self->timeline_list, events, create_event_row, self, NULL);
  g_clear_error (&error);

  attachments = mp_store_list_attachments (self->store, self->kase, &error);
  if (attachments == NULL)
    mp_ui_toast (GTK_WIDGET (self), error->message);
  gtk_list_box_bind_model (self->attachment_list, attachments, create_attachment_row, self, NULL);
}

/* Notes and replies */

static void
event_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MpCasePage       *self);

static void
ask_for_event (MpCasePage *self,
               const char *kind,
               const char *text)
{
  gboolean reply = g_str_equal (kind, "reply");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root),
                                              reply ? _("Add Reporter's Reply") : _("Add Note"),
                                              reply ? _("Paste or summarise what the reporter wrote.")
                                                    : _("Notes are kept encrypted with the case."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reply ? _("Reply") : _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 140);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (dialog), "view", view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (event_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
event_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MpCasePage       *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "view");
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (!g_str_equal (response, "add") || self->kase == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    return;

  /* The summary is not encrypted: it names the kind of entry, never its text. */
  if (!mp_store_add_event (self->store, self->kase, kind,
                           g_str_equal (kind, "reply") ? _("Reply from the reporter") : _("Note"),
                           text, &error))
    {
      g_autofree char *kept = g_strdup (text);
      g_autofree char *kind_kept = g_strdup (kind);

      mp_ui_toast (GTK_WIDGET (self), error->message);
      ask_for_event (self, kind_kept, kept);
      return;
    }
  _mp_case_page_load_records (self);
  mp_ui_toast (GTK_WIDGET (self), g_str_equal (kind, "reply") ? _("Reply added") : _("Note added"));
  _mp_case_page_emit_changed (self);
}

static void
add_note_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_for_event (MP_CASE_PAGE (widget), g_str_equal (action_name, "case.add-reply") ? "reply" : "note", NULL);
}

/* Attachments */

static MpAttachment *
lookup_attachment (MpCasePage *self,
                   gint64      id)
{
  g_autoptr(GListModel) attachments = mp_store_list_attachments (self->store, self->kase, NULL);

  for (guint i = 0; attachments != NULL && i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, i);

      if (mp_attachment_get_id (attachment) == id)
        return g_steal_pointer (&attachment);
    }
  return NULL;
}

static char *
private_copy (MpCasePage   *self,
              MpAttachment *attachment,
              GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *name = NULL;
  char *path;

  if (!(bytes = mp_store_read_attachment (self->store, attachment, error)))
    return NULL;
  if (self->temp_dir == NULL)
    {
      const char *base = g_get_user_runtime_dir ();
      g_autofree char *template = g_build_filename (base, "meldpunt-XXXXXX", NULL);

      /* Only this user may enter the folder or read the copies. */
      if (g_mkdtemp_full (template, 0700) == NULL)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("No private folder could be made for the copy: %s"), g_strerror (errno));
          return NULL;
        }
      self->temp_dir = g_steal_pointer (&template);
    }
  safe = g_strdup (mp_attachment_get_name (attachment));
  g_strdelimit (safe, "/\\", '_');
  name = g_strdup_printf ("%" G_GINT64_FORMAT "-%s", mp_attachment_get_id (attachment), safe);
  path = g_build_filename (self->temp_dir, name, NULL);
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static gboolean
remove_copy_cb (gpointer data)
{
  /* the viewer has had the file long enough; the page removes the rest
   * when the desk locks or the window closes */
  g_unlink (data);
  return G_SOURCE_REMOVE;
}

static void
open_attachment_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  g_autoptr(MpAttachment) attachment = lookup_attachment (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (attachment == NULL)
    return;
  if (!(path = private_copy (self, attachment, &error)))
    {
      mp_ui_toast (widget, error->message);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
    {
      g_unlink (path);
      mp_ui_toast (widget, error->message);
      return;
    }
  g_timeout_add_seconds_full (G_PRIORITY_LOW, 10 * 60, remove_copy_cb, g_steal_pointer (&path), g_free);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  MpCasePage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->saving != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = mp_store_read_attachment (self->store, self->saving, &error);

      if (file != NULL)
        mp_ui_keep_out_of_recent (file);
      if (bytes == NULL ||
          !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                    FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        mp_ui_toast (GTK_WIDGET (self), error->message);
      else
        mp_ui_toast (GTK_WIDGET (self), _("Attachment saved"));
    }
  g_clear_object (&self->saving);
  g_clear_object (&self->chooser);
}

static void
save_attachment_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  MpAttachment *attachment = lookup_attachment (self, g_variant_get_int64 (parameter));

  if (attachment == NULL || self->chooser != NULL)
    {
      g_clear_object (&attachment);
      return;
    }
  self->saving = attachment;
  self->chooser = gtk_file_chooser_native_new (_("Save Attachment"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), mp_attachment_get_name (attachment));
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_response_cb (GtkNativeDialog *chooser,
                 int              response,
                 MpCasePage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->kase != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint added = 0;

      mp_ui_keep_all_out_of_recent (files);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = mp_ui_load_attachment (file, &error);
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *type = NULL;
          g_autofree char *mime = NULL;
          g_autoptr(MpAttachment) attachment = NULL;

          if (bytes != NULL)
            {
              type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL),
                                           MIN (g_bytes_get_size (bytes), 4096), NULL);
              mime = g_content_type_get_mime_type (type);
              attachment = mp_store_add_attachment (self->store, self->kase, name,
                                                    mime != NULL ? mime : "application/octet-stream",
                                                    bytes, &error);
            }
          if (attachment == NULL)
            mp_ui_toast (GTK_WIDGET (self), error->message);
          else
            added++;
        }
      if (added > 0)
        {
          _mp_case_page_load_records (self);
          mp_ui_toast (GTK_WIDGET (self), g_dngettext (GETTEXT_PACKAGE, "Attachment added",
                                                       "Attachments added", added));
          _mp_case_page_emit_changed (self);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_attachment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);

  if (self->chooser != NULL || self->kase == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Attachments"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (add_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_mp_case_page_add_record_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "case.add-note", NULL, add_note_activated);
  gtk_widget_class_install_action (widget_class, "case.add-reply", NULL, add_note_activated);
  gtk_widget_class_install_action (widget_class, "case.add-attachment", NULL, add_attachment_activated);
  gtk_widget_class_install_action (widget_class, "case.open-attachment", "x", open_attachment_activated);
  gtk_widget_class_install_action (widget_class, "case.save-attachment", "x", save_attachment_activated);
}

void
mp_case_page_clear_temp (MpCasePage *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_if_fail (MP_IS_CASE_PAGE (self));

  if (self->temp_dir == NULL)
    return;
  if ((dir = g_dir_open (self->temp_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (self->temp_dir, name, NULL);

        g_unlink (path);
      }
  g_rmdir (self->temp_dir);
  g_clear_pointer (&self->temp_dir, g_free);
}
