/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-case-row.h"
#include "mp-ui-util.h"

struct _MpCaseRow
{
  GtkBox     parent_instance;

  MpCase    *kase;
  gulong     notify_id;

  GtkLabel  *reference_label;
  GtkLabel  *status_label;
  GtkLabel  *title_label;
  GtkBox    *due_box;
  GtkImage  *due_icon;
  GtkLabel  *due_label;
};

G_DEFINE_FINAL_TYPE (MpCaseRow, mp_case_row, GTK_TYPE_BOX)

static void
update (MpCaseRow *self)
{
  MpCase *kase = self->kase;
  gint64 due;
  gboolean overdue = FALSE;
  g_autofree char *accessible = NULL;

  if (kase == NULL)
    return;

  gtk_label_set_label (self->reference_label, mp_case_get_reference (kase));
  gtk_label_set_label (self->title_label, mp_case_get_title (kase));
  gtk_label_set_label (self->status_label, mp_ui_status_label (mp_case_get_status (kase)));

  due = mp_case_get_next_due (kase);
  if (due != 0 && !mp_case_is_closed (kase))
    {
      g_autofree char *when = mp_ui_format_due (due, mp_time_now (), &overdue);
      /* Translators: "Acknowledgement due in 2 days" */
      g_autofree char *text = g_strdup_printf (C_("deadline", "%s %s"),
                                               mp_ui_deadline_label (mp_case_get_next_due_kind (kase)),
                                               when);

      gtk_label_set_label (self->due_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->due_box), TRUE);
    }
  else
    {
      gtk_label_set_label (self->due_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->due_box), FALSE);
    }

  gtk_image_set_from_icon_name (self->due_icon, overdue ? "dialog-warning-symbolic" : "alarm-symbolic");
  if (overdue)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->due_box), "overdue");
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_box), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_box), "overdue");
      gtk_widget_add_css_class (GTK_WIDGET (self->due_box), "dim-label");
    }

  accessible = g_strjoin (", ", mp_case_get_reference (kase), mp_case_get_title (kase),
                          mp_ui_status_label (mp_case_get_status (kase)),
                          gtk_label_get_label (self->due_label), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

void
mp_case_row_set_case (MpCaseRow *self,
                      MpCase    *kase)
{
  g_return_if_fail (MP_IS_CASE_ROW (self));

  if (self->kase == kase)
    {
      update (self);
      return;
    }
  if (self->kase != NULL)
    g_clear_signal_handler (&self->notify_id, self->kase);
  g_set_object (&self->kase, kase);
  if (kase != NULL)
    self->notify_id = g_signal_connect_object (kase, "notify", G_CALLBACK (update), self,
                                               G_CONNECT_SWAPPED);
  update (self);
}

MpCase *
mp_case_row_get_case (MpCaseRow *self)
{
  g_return_val_if_fail (MP_IS_CASE_ROW (self), NULL);
  return self->kase;
}

const char *
mp_case_row_get_due_text (MpCaseRow *self)
{
  g_return_val_if_fail (MP_IS_CASE_ROW (self), NULL);
  return gtk_label_get_label (self->due_label);
}

static void
mp_case_row_dispose (GObject *object)
{
  MpCaseRow *self = MP_CASE_ROW (object);

  if (self->kase != NULL)
    g_clear_signal_handler (&self->notify_id, self->kase);
  g_clear_object (&self->kase);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_CASE_ROW);
  G_OBJECT_CLASS (mp_case_row_parent_class)->dispose (object);
}

static void
mp_case_row_class_init (MpCaseRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_case_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-case-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MpCaseRow, reference_label);
  gtk_widget_class_bind_template_child (widget_class, MpCaseRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MpCaseRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpCaseRow, due_box);
  gtk_widget_class_bind_template_child (widget_class, MpCaseRow, due_icon);
  gtk_widget_class_bind_template_child (widget_class, MpCaseRow, due_label);
}

static void
mp_case_row_init (MpCaseRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MpCaseRow *
mp_case_row_new (void)
{
  return g_object_new (MP_TYPE_CASE_ROW, NULL);
}
