/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-agenda.h"
#include "mp-workdays.h"

struct _MpAgenda
{
  GObject      parent_instance;

  gint64       now;
  GListStore  *groups[MP_AGENDA_N_GROUPS];
};

G_DEFINE_FINAL_TYPE (MpAgenda, mp_agenda, G_TYPE_OBJECT)

static int
compare_due (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  MpDeadline *first = (MpDeadline *) a;
  MpDeadline *second = (MpDeadline *) b;
  gint64 x = mp_deadline_get_due_at (first);
  gint64 y = mp_deadline_get_due_at (second);

  if (x != y)
    return x < y ? -1 : 1;
  return g_strcmp0 (mp_deadline_get_reference (first), mp_deadline_get_reference (second));
}

static void
mp_agenda_dispose (GObject *object)
{
  MpAgenda *self = MP_AGENDA (object);

  for (guint i = 0; i < MP_AGENDA_N_GROUPS; i++)
    g_clear_object (&self->groups[i]);

  G_OBJECT_CLASS (mp_agenda_parent_class)->dispose (object);
}

static void
mp_agenda_class_init (MpAgendaClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mp_agenda_dispose;
}

static void
mp_agenda_init (MpAgenda *self)
{
  for (guint i = 0; i < MP_AGENDA_N_GROUPS; i++)
    self->groups[i] = g_list_store_new (MP_TYPE_DEADLINE);
}

int
mp_agenda_classify (MpPolicy   *policy,
                    MpDeadline *deadline,
                    gint64      now)
{
  gint64 due;
  GDate today, sunday;

  g_return_val_if_fail (policy != NULL, -1);
  g_return_val_if_fail (MP_IS_DEADLINE (deadline), -1);

  if (mp_deadline_is_met (deadline))
    return -1;
  due = mp_deadline_get_due_at (deadline);
  if (due < now)
    return MP_AGENDA_OVERDUE;

  /* Compare the desk's days, not 24-hour spans: a day with a
   * daylight-saving change has 23 or 25 hours. */
  today = mp_workdays_local_date (policy, now);
  if (due <= mp_workdays_end_of_day (policy, &today))
    return MP_AGENDA_TODAY;
  sunday = today;
  g_date_add_days (&sunday, G_DATE_SUNDAY - g_date_get_weekday (&today));
  if (due <= mp_workdays_end_of_day (policy, &sunday))
    return MP_AGENDA_THIS_WEEK;
  return MP_AGENDA_LATER;
}

MpAgenda *
mp_agenda_new (MpPolicy   *policy,
               GListModel *deadlines,
               gint64      now)
{
  MpAgenda *self;
  guint n;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (deadlines == NULL || G_IS_LIST_MODEL (deadlines), NULL);

  self = g_object_new (MP_TYPE_AGENDA, NULL);
  self->now = now;
  n = deadlines != NULL ? g_list_model_get_n_items (deadlines) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      int group = mp_agenda_classify (policy, deadline, now);

      if (group >= 0)
        g_list_store_append (self->groups[group], deadline);
    }
  for (guint i = 0; i < MP_AGENDA_N_GROUPS; i++)
    g_list_store_sort (self->groups[i], compare_due, NULL);
  return self;
}

gint64
mp_agenda_get_now (MpAgenda *self)
{
  g_return_val_if_fail (MP_IS_AGENDA (self), 0);

  return self->now;
}

GListModel *
mp_agenda_get_group (MpAgenda      *self,
                     MpAgendaGroup  group)
{
  g_return_val_if_fail (MP_IS_AGENDA (self), NULL);
  g_return_val_if_fail (group < MP_AGENDA_N_GROUPS, NULL);

  return G_LIST_MODEL (self->groups[group]);
}

guint
mp_agenda_get_count (MpAgenda      *self,
                     MpAgendaGroup  group)
{
  g_return_val_if_fail (MP_IS_AGENDA (self), 0);
  g_return_val_if_fail (group < MP_AGENDA_N_GROUPS, 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->groups[group]));
}
