/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-eml-import.h"
#include "mp-eml-intake.h"
#include "mp-mailbox.h"

/* One message waiting its turn: a file, or bytes dropped from a mail client. */
typedef struct
{
  GFile  *file;
  GBytes *bytes;
  char   *name;
} Job;

struct _MpEmlIntake
{
  GObject          parent_instance;

  AdwToastOverlay *overlay;     /* weak */
  MpStore         *store;
  GQueue           jobs;
  Job             *current;
  GCancellable    *cancellable;
  AdwToast        *last_toast;  /* weak */
};

G_DEFINE_FINAL_TYPE (MpEmlIntake, mp_eml_intake, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORTED,
  SHOW_CASE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_next (MpEmlIntake *self);

static void
job_free (Job *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job->name);
  g_free (job);
}

static void
show_notes (AdwToast   *toast,
            GtkWidget  *parent)
{
  GPtrArray *notes = g_object_get_data (G_OBJECT (toast), "notes");
  const char *name = g_object_get_data (G_OBJECT (toast), "name");
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* one row per note, left-aligned: they are sentences, not a poem */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (notes, i));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  /* Translators: the heading of the list of what an e-mail import skipped */
  heading = g_strdup_printf (_("Notes on “%s”"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (parent), heading,
                                   _("The report was imported; this is what was skipped or "
                                     "guessed. The notes are also on the case's timeline."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_case_cb (AdwToast    *toast,
              MpEmlIntake *self)
{
  MpCase *kase = g_object_get_data (G_OBJECT (toast), "case");

  g_signal_emit (self, signals[SHOW_CASE], 0, kase);
}

/* @kase (nullable): the case the toast offers to open, for a message that
 * went to a case already there; else "Details" shows @notes. */
static void
toast (MpEmlIntake *self,
       const char  *message,
       const char  *name,
       GPtrArray   *notes,
       MpCase      *kase,
       guint        timeout)
{
  AdwToast *toast;

  if (self->overlay == NULL)
    return;
  toast = adw_toast_new (message);
  /* Toasts queue up when many messages are dropped: a plain success goes
   * quickly, what needs reading stays longer. */
  adw_toast_set_timeout (toast, timeout);
  if (kase != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open Case"));
      g_object_set_data_full (G_OBJECT (toast), "case", g_object_ref (kase), g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_case_cb), self, 0);
    }
  else if (notes != NULL && notes->len > 0)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->overlay));

      adw_toast_set_button_label (toast, _("_Details"));
      g_object_set_data_full (G_OBJECT (toast), "notes", g_ptr_array_ref (notes),
                              (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (toast), "name", g_strdup (name), g_free);
      if (GTK_IS_WINDOW (root))
        g_signal_connect (toast, "button-clicked", G_CALLBACK (show_notes), root);
    }
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->last_toast);
  adw_toast_overlay_add_toast (self->overlay, toast);
}

AdwToast *
_mp_eml_intake_get_last_toast (MpEmlIntake *self)
{
  g_return_val_if_fail (MP_IS_EML_INTAKE (self), NULL);
  return self->last_toast;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MpEmlIntake) self = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  MpMailboxOutcome outcome = MP_MAILBOX_NEW;
  g_autoptr(MpCase) kase = mp_mailbox_take_in_finish (MP_STORE (source), result, &outcome, &notes,
                                                      &error);
  Job *job = g_steal_pointer (&self->current);
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_free (job);
      return;
    }
  if (kase == NULL)
    {
      /* Translators: "“report.eml” was not imported: This file is not an e-mail message." */
      message = g_strdup_printf (_("“%s” was not imported: %s"), job->name, error->message);
      toast (self, message, job->name, NULL, NULL, 8);
    }
  else if (outcome == MP_MAILBOX_DUPLICATE)
    {
      /* Translators: "“report.eml” is already in CVD-2026-0007: not imported again" */
      message = g_strdup_printf (_("“%s” is already in %s: not imported again"), job->name,
                                 mp_case_get_reference (kase));
      toast (self, message, job->name, NULL, kase, 8);
    }
  else if (outcome == MP_MAILBOX_REPLY)
    {
      /* Translators: "“answer.eml” added to CVD-2026-0007 as the reporter's reply" */
      message = g_strdup_printf (_("“%s” added to %s as the reporter's reply"), job->name,
                                 mp_case_get_reference (kase));
      toast (self, message, job->name, NULL, kase, 8);
    }
  else
    {
      /* Translators: "Imported CVD-2026-0007 from “report.eml”" */
      message = g_strdup_printf (_("Imported %s from “%s”"), mp_case_get_reference (kase),
                                 job->name);
      toast (self, message, job->name, notes, NULL, notes == NULL || notes->len == 0 ? 3 : 8);
      g_signal_emit (self, signals[IMPORTED], 0, kase);
    }
  job_free (job);
  run_next (self);
}

static void
run_next (MpEmlIntake *self)
{
  if (self->current != NULL || self->store == NULL)
    return;
  self->current = g_queue_pop_head (&self->jobs);
  if (self->current == NULL)
    return;
  /* Threaded as the mailbox does: a reply joins its case, a message a
   * case has already is not taken in again (issue 22). */
  mp_mailbox_take_in_async (self->store, self->current->file, self->current->bytes,
                            self->cancellable, import_done_cb, g_object_ref (self));
}

void
mp_eml_intake_import_files (MpEmlIntake  *self,
                            GFile       **files,
                            guint         n_files)
{
  g_return_if_fail (MP_IS_EML_INTAKE (self));

  for (guint i = 0; i < n_files; i++)
    {
      Job *job = g_new0 (Job, 1);

      job->file = g_object_ref (files[i]);
      job->name = g_file_get_basename (files[i]);
      if (job->name == NULL)
        job->name = g_file_get_uri (files[i]);
      g_queue_push_tail (&self->jobs, job);
    }
  run_next (self);
}

void
mp_eml_intake_import_bytes (MpEmlIntake *self,
                            GBytes      *message,
                            const char  *name)
{
  Job *job;

  g_return_if_fail (MP_IS_EML_INTAKE (self));
  g_return_if_fail (message != NULL);

  job = g_new0 (Job, 1);
  job->bytes = g_bytes_ref (message);
  job->name = g_strdup (name != NULL ? name : _("dropped message"));
  g_queue_push_tail (&self->jobs, job);
  run_next (self);
}

guint
mp_eml_intake_get_n_pending (MpEmlIntake *self)
{
  g_return_val_if_fail (MP_IS_EML_INTAKE (self), 0);
  return self->jobs.length + (self->current != NULL ? 1 : 0);
}

gboolean
mp_eml_intake_drop_value (MpEmlIntake  *self,
                          const GValue *value)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MP_IS_EML_INTAKE (self), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *list = gdk_file_list_get_files (g_value_get_boxed (value));

      for (GSList *l = list; l != NULL; l = l->next)
        g_ptr_array_add (files, g_object_ref (l->data));
      g_slist_free (list);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE) && g_value_get_object (value) != NULL)
    g_ptr_array_add (files, g_value_dup_object (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_BYTES) && g_value_get_boxed (value) != NULL)
    {
      mp_eml_intake_import_bytes (self, g_value_get_boxed (value), NULL);
      return TRUE;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_STRING) && g_value_get_string (value) != NULL)
    {
      g_auto(GStrv) uris = g_uri_list_extract_uris (g_value_get_string (value));

      for (guint i = 0; uris[i] != NULL; i++)
        g_ptr_array_add (files, g_file_new_for_uri (uris[i]));
    }

  if (files->len == 0)
    return FALSE;
  mp_eml_intake_import_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* Dropping: files are read as a GdkFileList (text/uri-list converts to
 * one); a message dragged out of a mail client may only offer its bytes. */

static GdkContentFormats *
drop_formats (GdkDrop *drop)
{
  GdkContentFormats *formats = gdk_content_formats_ref (gdk_drop_get_formats (drop));

  return gdk_content_formats_union_deserialize_gtypes (formats);
}

static gboolean
accept_cb (GtkDropTargetAsync *target,
           GdkDrop            *drop,
           MpEmlIntake        *self)
{
  g_autoptr(GdkContentFormats) formats = drop_formats (drop);

  return self->store != NULL &&
         (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
          gdk_content_formats_contain_mime_type (formats, "message/rfc822"));
}

static GdkDragAction
drag_enter_cb (GtkDropTargetAsync *target,
               GdkDrop            *drop,
               double              x,
               double              y,
               GtkWidget          *highlight)
{
  gtk_widget_set_visible (highlight, TRUE);
  return GDK_ACTION_COPY;
}

static void
drag_leave_cb (GtkDropTargetAsync *target,
               GdkDrop            *drop,
               GtkWidget          *highlight)
{
  gtk_widget_set_visible (highlight, FALSE);
}

typedef struct
{
  MpEmlIntake *self;
  GdkDrop     *drop;
} DropData;

static void
drop_data_free (DropData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->drop);
  g_free (data);
}

static void
read_value_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  DropData *data = user_data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_drop_read_value_finish (GDK_DROP (source), result, &error);
  gboolean done = value != NULL && mp_eml_intake_drop_value (data->self, value);

  gdk_drop_finish (data->drop, done ? GDK_ACTION_COPY : 0);
  drop_data_free (data);
}

static void
splice_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  DropData *data = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);

  if (n > 0)
    {
      GMemoryOutputStream *memory = G_MEMORY_OUTPUT_STREAM (source);
      g_autoptr(GBytes) bytes = g_memory_output_stream_steal_as_bytes (memory);

      mp_eml_intake_import_bytes (data->self, bytes, NULL);
    }
  gdk_drop_finish (data->drop, n > 0 ? GDK_ACTION_COPY : 0);
  drop_data_free (data);
}

static void
read_stream_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DropData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_drop_read_finish (GDK_DROP (source), result, NULL, &error);
  g_autoptr(GOutputStream) memory = NULL;

  if (stream == NULL)
    {
      gdk_drop_finish (data->drop, 0);
      drop_data_free (data);
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, splice_cb, data);
}

static gboolean
drop_cb (GtkDropTargetAsync *target,
         GdkDrop            *drop,
         double              x,
         double              y,
         MpEmlIntake        *self)
{
  g_autoptr(GdkContentFormats) formats = drop_formats (drop);
  GtkWidget *highlight = g_object_get_data (G_OBJECT (target), "highlight");
  DropData *data = g_new0 (DropData, 1);

  gtk_widget_set_visible (highlight, FALSE);
  data->self = g_object_ref (self);
  data->drop = g_object_ref (drop);
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_drop_read_value_async (drop, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL, read_value_cb,
                               data);
  else
    {
      static const char *mime_types[] = { "message/rfc822", NULL };

      gdk_drop_read_async (drop, mime_types, G_PRIORITY_DEFAULT, NULL, read_stream_cb, data);
    }
  return TRUE;
}

void
mp_eml_intake_add_drop_target (MpEmlIntake *self,
                               GtkWidget   *target,
                               GtkWidget   *highlight)
{
  GdkContentFormatsBuilder *builder = gdk_content_formats_builder_new ();
  GtkDropTargetAsync *drop_target;

  g_return_if_fail (MP_IS_EML_INTAKE (self));

  gdk_content_formats_builder_add_gtype (builder, GDK_TYPE_FILE_LIST);
  gdk_content_formats_builder_add_mime_type (builder, "text/uri-list");
  gdk_content_formats_builder_add_mime_type (builder, "message/rfc822");
  drop_target = gtk_drop_target_async_new (gdk_content_formats_builder_free_to_formats (builder),
                                           GDK_ACTION_COPY);
  g_object_set_data (G_OBJECT (drop_target), "highlight", highlight);
  g_signal_connect_object (drop_target, "accept", G_CALLBACK (accept_cb), self, 0);
  g_signal_connect (drop_target, "drag-enter", G_CALLBACK (drag_enter_cb), highlight);
  g_signal_connect (drop_target, "drag-leave", G_CALLBACK (drag_leave_cb), highlight);
  g_signal_connect_object (drop_target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (target, GTK_EVENT_CONTROLLER (drop_target));
}

void
mp_eml_intake_set_store (MpEmlIntake *self,
                         MpStore     *store)
{
  g_return_if_fail (MP_IS_EML_INTAKE (self));

  if (store == self->store)
    return;
  /* What waits for another desk is dropped. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  g_set_object (&self->store, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
mp_eml_intake_dispose (GObject *object)
{
  MpEmlIntake *self = MP_EML_INTAKE (object);

  g_cancellable_cancel (self->cancellable);
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  g_clear_object (&self->store);
  if (self->overlay != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->overlay), (gpointer *) &self->overlay);
  self->overlay = NULL;
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;
  G_OBJECT_CLASS (mp_eml_intake_parent_class)->dispose (object);
}

static void
mp_eml_intake_finalize (GObject *object)
{
  MpEmlIntake *self = MP_EML_INTAKE (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (mp_eml_intake_parent_class)->finalize (object);
}

static void
mp_eml_intake_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MpEmlIntake *self = MP_EML_INTAKE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_eml_intake_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MpEmlIntake *self = MP_EML_INTAKE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_eml_intake_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_eml_intake_class_init (MpEmlIntakeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mp_eml_intake_dispose;
  object_class->finalize = mp_eml_intake_finalize;
  object_class->get_property = mp_eml_intake_get_property;
  object_class->set_property = mp_eml_intake_set_property;

  /* The desk the e-mails become reports of; a new desk drops what waits. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_CASE);
  /* "Open Case" on the toast of a reply or a message a case already had. */
  signals[SHOW_CASE] = g_signal_new ("show-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_CASE);
}

static void
mp_eml_intake_init (MpEmlIntake *self)
{
  g_queue_init (&self->jobs);
  self->cancellable = g_cancellable_new ();
}

MpEmlIntake *
mp_eml_intake_new (AdwToastOverlay *overlay)
{
  MpEmlIntake *self = g_object_new (MP_TYPE_EML_INTAKE, NULL);

  self->overlay = overlay;
  g_object_add_weak_pointer (G_OBJECT (overlay), (gpointer *) &self->overlay);
  return self;
}
