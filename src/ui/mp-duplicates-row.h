/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_DUPLICATES_ROW (mp_duplicates_row_get_type ())
G_DECLARE_FINAL_TYPE (MpDuplicatesRow, mp_duplicates_row, MP, DUPLICATES_ROW, GtkListBoxRow)

/* On the scope step: the earlier cases that may report the same thing
 * (mp_duplicates_find), each with a button that opens it ("open-case",
 * reference) and one that marks this case as its duplicate (answers
 * scope.known and scope.duplicate_of, then emits "answered"). Hidden when
 * there is nothing alike. */
MpDuplicatesRow *mp_duplicates_row_new         (void);
void             mp_duplicates_row_update      (MpDuplicatesRow *self,
                                                MpStore         *store,
                                                MpCase          *kase);
/* The references shown, in order. (transfer none) */
GPtrArray       *mp_duplicates_row_get_shown   (MpDuplicatesRow *self);
/* What the "Mark as duplicate" button of @reference does. */
gboolean         mp_duplicates_row_mark        (MpDuplicatesRow *self,
                                                const char      *reference,
                                                GError         **error);

G_END_DECLS
