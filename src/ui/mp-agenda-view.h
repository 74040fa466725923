/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-agenda.h"
#include "mp-policy.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* What is due, in four groups with their counts: overdue, today, this
 * week, later. Activating a row emits ::open-case (reference, kind). */
#define MP_TYPE_AGENDA_VIEW (mp_agenda_view_get_type ())
G_DECLARE_FINAL_TYPE (MpAgendaView, mp_agenda_view, MP, AGENDA_VIEW, AdwBin)

GtkWidget  *mp_agenda_view_new         (void);
/* Shows @agenda (nullable: empty) with times in @policy's time zone and
 * the titles of @store's cases (nullable: references only). */
void        mp_agenda_view_set_agenda  (MpAgendaView  *self,
                                        MpAgenda      *agenda,
                                        MpPolicy      *policy,
                                        MpStore       *store);
/* Returns: (transfer none) (nullable) */
MpAgenda   *mp_agenda_view_get_agenda  (MpAgendaView  *self);

G_END_DECLS
