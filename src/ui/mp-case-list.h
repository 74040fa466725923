/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-case.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_CASE_LIST (mp_case_list_get_type ())
G_DECLARE_FINAL_TYPE (MpCaseList, mp_case_list, MP, CASE_LIST, AdwBin)

/* The list of cases with search, filters and sorting. Emits
 * "case-activated" (MpCase) when the user opens a case. */
MpStore *mp_case_list_get_store       (MpCaseList *self);
void     mp_case_list_set_store       (MpCaseList *self,
                                       MpStore    *store);
void     mp_case_list_set_model       (MpCaseList *self,
                                       GListModel *cases);
/* Filters and sorts again after a case changed. */
void     mp_case_list_refresh         (MpCaseList *self);
void     mp_case_list_start_search    (MpCaseList *self,
                                       GtkWidget  *key_capture);
void     mp_case_list_select          (MpCaseList *self,
                                       MpCase     *kase);
/* 0 open, 1 waiting, 2 overdue, 3 closed, 4 all */
void     mp_case_list_set_filter      (MpCaseList *self,
                                       guint       filter);
guint    mp_case_list_get_n_shown     (MpCaseList *self);

G_END_DECLS
