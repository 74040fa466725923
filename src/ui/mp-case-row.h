/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-case.h"

G_BEGIN_DECLS

#define MP_TYPE_CASE_ROW (mp_case_row_get_type ())
G_DECLARE_FINAL_TYPE (MpCaseRow, mp_case_row, MP, CASE_ROW, GtkWidget)

/* A row of the case list: reference, title, status and next deadline. */
MpCaseRow  *mp_case_row_new          (void);
void        mp_case_row_set_case     (MpCaseRow *self,
                                      MpCase    *kase);
MpCase     *mp_case_row_get_case     (MpCaseRow *self);
/* What the deadline line says, for tests. (transfer none) */
const char *mp_case_row_get_due_text (MpCaseRow *self);

G_END_DECLS
