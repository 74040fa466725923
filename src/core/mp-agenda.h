/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-policy.h"
#include "mp-record.h"

G_BEGIN_DECLS

/* The open deadlines sorted into what needs doing first: overdue (due
 * before now), today (the rest of the desk's day), this week (after today,
 * up to and including Sunday of the current week, Monday first) and later.
 * Days are the desk's days in the policy's time zone; met deadlines are
 * left out. */

typedef enum
{
  MP_AGENDA_OVERDUE,
  MP_AGENDA_TODAY,
  MP_AGENDA_THIS_WEEK,
  MP_AGENDA_LATER,
  MP_AGENDA_N_GROUPS
} MpAgendaGroup;

#define MP_TYPE_AGENDA (mp_agenda_get_type ())
G_DECLARE_FINAL_TYPE (MpAgenda, mp_agenda, MP, AGENDA, GObject)

/* Returns: (transfer full) */
MpAgenda      *mp_agenda_new          (MpPolicy       *policy,
                                       GListModel     *deadlines,
                                       gint64          now);
gint64         mp_agenda_get_now      (MpAgenda       *self);
/* Returns: (transfer none): the deadlines of @group (MpDeadline), earliest
 * first. */
GListModel    *mp_agenda_get_group    (MpAgenda       *self,
                                       MpAgendaGroup   group);
guint          mp_agenda_get_count    (MpAgenda       *self,
                                       MpAgendaGroup   group);

/* The group of one open deadline at @now; -1 for a met one. */
int            mp_agenda_classify     (MpPolicy       *policy,
                                       MpDeadline     *deadline,
                                       gint64          now);

G_END_DECLS
