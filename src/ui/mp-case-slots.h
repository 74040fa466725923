/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

#include "mp-case.h"

G_BEGIN_DECLS

#define MP_TYPE_CASE_SLOT (mp_case_slot_get_type ())
G_DECLARE_FINAL_TYPE (MpCaseSlot, mp_case_slot, MP, CASE_SLOT, GObject)

MpCase *mp_case_slot_get_case (MpCaseSlot *self);

#define MP_TYPE_CASE_SLOTS (mp_case_slots_get_type ())
G_DECLARE_FINAL_TYPE (MpCaseSlots, mp_case_slots, MP, CASE_SLOTS, GObject)

/* Whether @kase is shown; the order of two cases. @key is a place the
 * keep function may keep something of its own for @kase in (NULL at first;
 * freed with the key_free of mp_case_slots_new()), read without a look-up
 * on the case: the search text a keystroke looks in (issue 26). */
typedef gboolean (*MpCaseKeepFunc)    (MpCase *kase, gpointer *key, gpointer user_data);
typedef int      (*MpCaseCompareFunc) (MpCase *a, MpCase *b, gpointer user_data);

MpCaseSlots *mp_case_slots_new       (MpCaseKeepFunc     keep,
                                      MpCaseCompareFunc  compare,
                                      GDestroyNotify     key_free,
                                      gpointer           user_data);
void         mp_case_slots_set_model (MpCaseSlots       *self,
                                      GListModel        *cases);
void         mp_case_slots_refilter  (MpCaseSlots       *self,
                                      GtkFilterChange    change);
void         mp_case_slots_resort    (MpCaseSlots       *self);
guint        mp_case_slots_find      (MpCaseSlots       *self,
                                      MpCase            *kase);
MpCase      *mp_case_slots_get_case  (MpCaseSlots       *self,
                                      guint              position);

G_END_DECLS
