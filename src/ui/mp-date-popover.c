/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "mp-date-popover.h"
#include "mp-ui-util.h"

struct _MpDatePopover
{
  GtkPopover   parent_instance;

  gboolean     updating;

  GtkCalendar *calendar;
  GtkButton   *today_button;
};

G_DEFINE_FINAL_TYPE (MpDatePopover, mp_date_popover, GTK_TYPE_POPOVER)

enum {
  DATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choose (MpDatePopover *self,
        const char    *date)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DATE_CHOSEN], 0, date);
}

static void
on_day_selected_cb (MpDatePopover *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  choose (self, text);
}

static void
on_today_clicked_cb (MpDatePopover *self)
{
  /* The desk's today, in its time zone and by its clock. */
  g_autofree char *today = mp_ui_today ();

  choose (self, today);
}

static void
mp_date_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MP_TYPE_DATE_POPOVER);
  G_OBJECT_CLASS (mp_date_popover_parent_class)->dispose (object);
}

static void
mp_date_popover_class_init (MpDatePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_date_popover_dispose;

  /**
   * MpDatePopover::date-chosen:
   * @date: the day picked, as "YYYY-MM-DD"
   */
  signals[DATE_CHOSEN] = g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-date-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDatePopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, MpDatePopover, today_button);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_today_clicked_cb);
}

static void
mp_date_popover_init (MpDatePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mp_date_popover_new (void)
{
  return g_object_new (MP_TYPE_DATE_POPOVER, NULL);
}

void
mp_date_popover_set_date (MpDatePopover *self,
                          const char    *date)
{
  g_autoptr(GDateTime) shown = NULL;
  g_autofree char *today = NULL;
  int year, month, day;

  g_return_if_fail (MP_IS_DATE_POPOVER (self));

  if (date == NULL || !mp_ui_parse_date (date, NULL))
    date = today = mp_ui_today ();
  if (sscanf (date, "%d-%d-%d", &year, &month, &day) == 3)
    shown = mp_desk_context_new_date_time (mp_ui_get_desk_context (), year, month, day, 12, 0, 0);
  if (shown == NULL)
    return;

  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, shown);
  self->updating = FALSE;
}

GtkCalendar *
mp_date_popover_get_calendar (MpDatePopover *self)
{
  g_return_val_if_fail (MP_IS_DATE_POPOVER (self), NULL);
  return self->calendar;
}
