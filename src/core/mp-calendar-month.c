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

/* The deadlines of a list, sorted by due moment, kept on the list itself
 * (issue 12): a month takes the few due in its six weeks by binary search
 * instead of converting every deadline to a local day. Built on the first
 * month made from the list; a change of the list drops it. Deadlines are
 * immutable, so the list's items-changed is all that can make it stale. */
typedef struct
{
  gint64      due_at;
  MpDeadline *deadline;
} IndexEntry;

typedef struct
{
  GListModel *model;        /* unowned: the index lives on it */
  gulong      handler;
  GArray     *entries;      /* of IndexEntry, by due_at */
} DeadlineIndex;

static GQuark
index_quark (void)
{
  return g_quark_from_static_string ("mp-calendar-month-index");
}

static void
index_free (gpointer data)
{
  DeadlineIndex *index = data;

  for (guint i = 0; i < index->entries->len; i++)
    g_object_unref (g_array_index (index->entries, IndexEntry, i).deadline);
  g_array_unref (index->entries);
  g_free (index);
}

static void
on_deadlines_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         gpointer    user_data)
{
  DeadlineIndex *index = g_object_get_qdata (G_OBJECT (model), index_quark ());

  if (index != NULL)
    g_signal_handler_disconnect (model, index->handler);
  g_object_set_qdata (G_OBJECT (model), index_quark (), NULL);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const IndexEntry *) a)->due_at;
  gint64 y = ((const IndexEntry *) b)->due_at;

  return x < y ? -1 : x > y ? 1 : 0;
}

static DeadlineIndex *
get_index (GListModel *deadlines)
{
  DeadlineIndex *index = g_object_get_qdata (G_OBJECT (deadlines), index_quark ());
  guint n;

  if (index != NULL)
    return index;

  n = g_list_model_get_n_items (deadlines);
  index = g_new0 (DeadlineIndex, 1);
  index->model = deadlines;
  index->entries = g_array_sized_new (FALSE, FALSE, sizeof (IndexEntry), n);
  for (guint i = 0; i < n; i++)
    {
      IndexEntry entry;

      entry.deadline = g_list_model_get_item (deadlines, i);
      entry.due_at = mp_deadline_get_due_at (entry.deadline);
      g_array_append_val (index->entries, entry);
    }
  g_array_sort (index->entries, compare_entries);
  index->handler = g_signal_connect (deadlines, "items-changed",
                                     G_CALLBACK (on_deadlines_changed_cb), NULL);
  g_object_set_qdata_full (G_OBJECT (deadlines), index_quark (), index, index_free);
  return index;
}

/* The first entry due at or after @usec. */
static guint
index_lower_bound (DeadlineIndex *index,
                   gint64         usec)
{
  guint low = 0, high = index->entries->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (index->entries, IndexEntry, middle).due_at < usec)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Midnight at the start of @date in UTC: within 14 hours of the local one. */
static gint64
utc_start_of_day (const GDate *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (g_date_get_year (date),
                                                  g_date_get_month (date),
                                                  g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (utc) * G_USEC_PER_SEC;
}

static void
add_deadlines (MpCalendarMonth *self,
               GListModel      *deadlines)
{
  DeadlineIndex *index;
  GDate first, last;
  gint64 from, until;

  if (deadlines == NULL || g_list_model_get_n_items (deadlines) == 0)
    return;

  /* The grid's six weeks, two days wider on each side whatever the time
   * zone: each candidate is still placed by its local day. */
  first = self->days[0].date;
  last = self->days[MP_CALENDAR_MONTH_N_DAYS - 1].date;
  g_date_subtract_days (&first, MIN (2, g_date_get_julian (&first) - 1));
  g_date_add_days (&last, 3);
  from = g_date_get_julian (&first) > 1 ? utc_start_of_day (&first) : G_MININT64;
  until = g_date_get_year (&last) <= 9999 ? utc_start_of_day (&last) : G_MAXINT64;

  index = get_index (deadlines);
  for (guint i = index_lower_bound (index, from); i < index->entries->len; i++)
    {
      const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, i);
      GDate local;
      int position;
      MpCalendarDay *cell;

      if (entry->due_at >= until)
        break;
      local = mp_workdays_local_date (self->policy, entry->due_at);
      position = mp_calendar_month_find_date (self, &local);
      if (position < 0)
        continue;
      cell = &self->days[position];
      g_ptr_array_add (cell->deadlines, g_object_ref (entry->deadline));
      if (mp_deadline_is_overdue (entry->deadline, self->now))
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
