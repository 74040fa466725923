/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-calendar-month.h"
#include "mp-workdays.h"

struct _MpCalendarMonth
{
  GObject        parent_instance;

  MpPolicy      *policy;
  int            year;
  guint          month;
  gint64         now;
  MpCalendarDay  days[MP_CALENDAR_MONTH_N_DAYS];
};

G_DEFINE_FINAL_TYPE (MpCalendarMonth, mp_calendar_month, G_TYPE_OBJECT)

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  MpDeadline *first = *(MpDeadline **) a;
  MpDeadline *second = *(MpDeadline **) b;
  gint64 x = mp_deadline_get_due_at (first);
  gint64 y = mp_deadline_get_due_at (second);

  if (x != y)
    return x < y ? -1 : 1;
  return g_strcmp0 (mp_deadline_get_reference (first), mp_deadline_get_reference (second));
}

static void
fill_days (MpCalendarMonth *self)
{
  GDate first, today, day;
  guint lead;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, (GDateMonth) self->month, (GDateYear) self->year);
  today = mp_workdays_local_date (self->policy, self->now);

  /* Monday first: G_DATE_MONDAY is 1, so a month starting on a Wednesday
   * has two leading days. */
  lead = (guint) g_date_get_weekday (&first) - G_DATE_MONDAY;
  day = first;
  g_date_subtract_days (&day, lead);

  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    {
      MpCalendarDay *cell = &self->days[i];
      GDateWeekday weekday = g_date_get_weekday (&day);

      cell->date = day;
      cell->in_month = g_date_get_month (&day) == self->month;
      cell->today = g_date_valid (&today) && g_date_compare (&day, &today) == 0;
      cell->weekend = weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
      cell->holiday = NULL;
      mp_workdays_is_holiday (self->policy, &day, &cell->holiday);
      cell->deadlines = g_ptr_array_new_with_free_func (g_object_unref);
      cell->n_overdue = 0;
      g_date_add_days (&day, 1);
    }
}

static void
add_deadlines (MpCalendarMonth *self,
               GListModel      *deadlines)
{
  guint n = deadlines != NULL ? g_list_model_get_n_items (deadlines) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      GDate local = mp_workdays_local_date (self->policy, mp_deadline_get_due_at (deadline));
      int index = mp_calendar_month_find_date (self, &local);
      MpCalendarDay *cell;

      if (index < 0)
        continue;
      cell = &self->days[index];
      g_ptr_array_add (cell->deadlines, g_object_ref (deadline));
      if (mp_deadline_is_overdue (deadline, self->now))
        cell->n_overdue++;
    }

  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    g_ptr_array_sort (self->days[i].deadlines, compare_due);
}

static void
mp_calendar_month_finalize (GObject *object)
{
  MpCalendarMonth *self = MP_CALENDAR_MONTH (object);

  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    g_clear_pointer (&self->days[i].deadlines, g_ptr_array_unref);
  g_clear_pointer (&self->policy, mp_policy_unref);

  G_OBJECT_CLASS (mp_calendar_month_parent_class)->finalize (object);
}

static void
mp_calendar_month_class_init (MpCalendarMonthClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_calendar_month_finalize;
}

static void
mp_calendar_month_init (MpCalendarMonth *self)
{
}

MpCalendarMonth *
mp_calendar_month_new (MpPolicy   *policy,
                       int         year,
                       guint       month,
                       GListModel *deadlines,
                       gint64      now)
{
  MpCalendarMonth *self;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail (year >= 1 && year <= 9999, NULL);
  g_return_val_if_fail (deadlines == NULL || G_IS_LIST_MODEL (deadlines), NULL);

  self = g_object_new (MP_TYPE_CALENDAR_MONTH, NULL);
  self->policy = mp_policy_ref (policy);
  self->year = year;
  self->month = month;
  self->now = now;
  fill_days (self);
  add_deadlines (self, deadlines);
  return self;
}

int
mp_calendar_month_get_year (MpCalendarMonth *self)
{
  g_return_val_if_fail (MP_IS_CALENDAR_MONTH (self), 0);

  return self->year;
}

guint
mp_calendar_month_get_month (MpCalendarMonth *self)
{
  g_return_val_if_fail (MP_IS_CALENDAR_MONTH (self), 0);

  return self->month;
}

gint64
mp_calendar_month_get_now (MpCalendarMonth *self)
{
  g_return_val_if_fail (MP_IS_CALENDAR_MONTH (self), 0);

  return self->now;
}

const MpCalendarDay *
mp_calendar_month_get_day (MpCalendarMonth *self,
                           guint            index)
{
  g_return_val_if_fail (MP_IS_CALENDAR_MONTH (self), NULL);
  g_return_val_if_fail (index < MP_CALENDAR_MONTH_N_DAYS, NULL);

  return &self->days[index];
}

int
mp_calendar_month_find_date (MpCalendarMonth *self,
                             const GDate     *date)
{
  int offset;

  g_return_val_if_fail (MP_IS_CALENDAR_MONTH (self), -1);
  g_return_val_if_fail (date != NULL, -1);

  if (!g_date_valid (date))
    return -1;
  offset = g_date_days_between (&self->days[0].date, date);
  return offset >= 0 && offset < MP_CALENDAR_MONTH_N_DAYS ? offset : -1;
}

gboolean
mp_calendar_month_is_overdue (MpCalendarMonth *self,
                              MpDeadline      *deadline)
{
  g_return_val_if_fail (MP_IS_CALENDAR_MONTH (self), FALSE);
  g_return_val_if_fail (MP_IS_DEADLINE (deadline), FALSE);

  return mp_deadline_is_overdue (deadline, self->now);
}
