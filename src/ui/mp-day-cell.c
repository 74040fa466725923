/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-calendar-private.h"
#include "mp-day-cell.h"
#include "mp-format.h"

/* A crowded day shows this many chips and "+N more". */
#define MAX_CHIPS 3

struct _MpDayCell
{
  GtkBox             parent_instance;

  guint              index;
  GPtrArray         *deadlines;   /* of MpDeadline: the day's, for the "+N more" list */
  MpDayCellChipFunc  chip_func;
  gpointer           chip_data;

  GtkLabel          *number;
  GtkLabel          *holiday;
  MpDeadlineChip    *chip[MAX_CHIPS];
  GtkMenuButton     *more;
  GtkLabel          *more_label;
};

G_DEFINE_FINAL_TYPE (MpDayCell, mp_day_cell, GTK_TYPE_BOX)

enum {
  DEADLINE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
fill_chip (MpDayCell      *self,
           MpDeadlineChip *chip,
           MpDeadline     *deadline)
{
  if (self->chip_func != NULL)
    self->chip_func (chip, deadline, self->chip_data);
  else
    mp_deadline_chip_set_deadline (chip, deadline, NULL, NULL, FALSE);
}

static void
on_chip_clicked_cb (MpDayCell      *self,
                    MpDeadlineChip *chip)
{
  MpDeadline *deadline = mp_deadline_chip_get_deadline (chip);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (chip), GTK_TYPE_POPOVER);

  if (deadline == NULL)
    return;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit (self, signals[DEADLINE_ACTIVATED], 0, deadline);
}

/* Tooltips are asked for when shown: gtk_widget_set_tooltip_text() asks the
 * X server where the pointer is, a round trip per widget (issue 12). */
static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  else
    text = _("Show every deadline of this day");
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The "+N more" list is built as it opens, from the day's deadlines. */
static void
create_more_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  MpDayCell *self = user_data;
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  if (self->deadlines != NULL)
    for (guint i = 0; i < self->deadlines->len; i++)
      {
        GtkWidget *chip = mp_deadline_chip_new ();

        fill_chip (self, MP_DEADLINE_CHIP (chip), g_ptr_array_index (self->deadlines, i));
        g_signal_connect_object (chip, "clicked", G_CALLBACK (on_chip_clicked_cb), self,
                                 G_CONNECT_SWAPPED);
        gtk_box_append (GTK_BOX (list), chip);
      }
  gtk_widget_set_size_request (list, 200, -1);
  gtk_popover_set_child (popover, list);
}

static void
mp_day_cell_dispose (GObject *object)
{
  MpDayCell *self = MP_DAY_CELL (object);

  g_clear_pointer (&self->deadlines, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DAY_CELL);
  G_OBJECT_CLASS (mp_day_cell_parent_class)->dispose (object);
}

static void
mp_day_cell_class_init (MpDayCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_day_cell_dispose;

  /**
   * MpDayCell::deadline-activated:
   * @deadline: the deadline of the chip clicked
   */
  signals[DEADLINE_ACTIVATED] = g_signal_new ("deadline-activated", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, MP_TYPE_DEADLINE);

  g_type_ensure (MP_TYPE_DEADLINE_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-day-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDayCell, number);
  gtk_widget_class_bind_template_child (widget_class, MpDayCell, holiday);
  gtk_widget_class_bind_template_child_full (widget_class, "chip0", FALSE,
                                             G_STRUCT_OFFSET (MpDayCell, chip[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "chip1", FALSE,
                                             G_STRUCT_OFFSET (MpDayCell, chip[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "chip2", FALSE,
                                             G_STRUCT_OFFSET (MpDayCell, chip[2]));
  gtk_widget_class_bind_template_child (widget_class, MpDayCell, more);
  gtk_widget_class_bind_template_child (widget_class, MpDayCell, more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_chip_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip_cb);
}

static void
mp_day_cell_init (MpDayCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->more, create_more_popup_cb, self, NULL);
}

GtkWidget *
mp_day_cell_new (guint index)
{
  MpDayCell *self = g_object_new (MP_TYPE_DAY_CELL, NULL);

  self->index = index;
  return GTK_WIDGET (self);
}

guint
mp_day_cell_get_index (MpDayCell *self)
{
  g_return_val_if_fail (MP_IS_DAY_CELL (self), 0);
  return self->index;
}

void
mp_day_cell_set_chip_func (MpDayCell         *self,
                           MpDayCellChipFunc  func,
                           gpointer           user_data)
{
  g_return_if_fail (MP_IS_DAY_CELL (self));

  self->chip_func = func;
  self->chip_data = user_data;
}

void
mp_day_cell_set_day (MpDayCell           *self,
                     const MpCalendarDay *day)
{
  const char *language = _mp_calendar_ui_language ();
  g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (&day->date));
  g_autofree char *date_text = NULL;
  g_autoptr(GString) accessible = NULL;
  guint n = day->deadlines->len;
  guint shown = MIN (n, MAX_CHIPS);

  g_return_if_fail (MP_IS_DAY_CELL (self));

  gtk_label_set_label (self->number, number);
  /* Its tooltip is the label's text (on_query_tooltip_cb). */
  gtk_label_set_label (self->holiday, day->holiday != NULL ? day->holiday : "");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->holiday), day->holiday != NULL);
  set_class (GTK_WIDGET (self), "other-month", !day->in_month);
  set_class (GTK_WIDGET (self), "today", day->today);
  set_class (GTK_WIDGET (self), "weekend", day->weekend);
  set_class (GTK_WIDGET (self), "holiday", day->holiday != NULL);
  set_class (GTK_WIDGET (self), "has-overdue", day->n_overdue > 0);

  for (guint i = 0; i < MAX_CHIPS; i++)
    {
      if (i < shown)
        fill_chip (self, self->chip[i], g_ptr_array_index (day->deadlines, i));
      else
        mp_deadline_chip_set_deadline (self->chip[i], NULL, NULL, NULL, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->chip[i]), i < shown);
    }
  g_clear_pointer (&self->deadlines, g_ptr_array_unref);
  if (shown < n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("+%u more", "+%u more", n - shown),
                                               n - shown);

      self->deadlines = g_ptr_array_ref (day->deadlines);
      gtk_label_set_label (self->more_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more), shown < n);

  /* What a screen reader says on the focused day. */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&day->date),
                                                   g_date_get_month (&day->date),
                                                   g_date_get_day (&day->date), 12, 0, 0);
    date_text = mp_format_date (g_date_time_to_unix (dt) * G_USEC_PER_SEC, "UTC", language);
  }
  accessible = g_string_new (date_text);
  if (day->today)
    g_string_append_printf (accessible, ", %s", C_("calendar", "today"));
  if (day->holiday != NULL)
    g_string_append_printf (accessible, ", %s", day->holiday);
  if (n > 0)
    {
      g_string_append (accessible, ", ");
      g_string_append_printf (accessible, ngettext ("%u deadline", "%u deadlines", n), n);
    }
  if (day->n_overdue > 0)
    {
      g_string_append (accessible, ", ");
      g_string_append_printf (accessible, ngettext ("%u overdue", "%u overdue", day->n_overdue),
                              day->n_overdue);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
}
