/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_LEGAL_GROUP (mp_legal_group_get_type ())
G_DECLARE_FINAL_TYPE (MpLegalGroup, mp_legal_group, MP, LEGAL_GROUP, AdwBin)

/* The case page's "Legal" group (issue 23): when the organisation became
 * aware, and each legal deadline of the case (AVG, NIS2/Cbw, CRA) with its
 * state, and buttons that copy the draft for the authority in Dutch or
 * English as confidential text. It stands out while a legal clock runs. */
MpLegalGroup *mp_legal_group_new            (void);
/* @kase NULL lets go of the case and the store. */
void          mp_legal_group_update         (MpLegalGroup *self,
                                             MpStore      *store,
                                             MpCase       *kase,
                                             GListModel   *deadlines);
/* The legal deadline kinds shown, in order. (transfer none) */
GPtrArray    *mp_legal_group_get_kinds      (MpLegalGroup *self);
/* What a draft button of @kind copies. Returns: (transfer full) (nullable) */
char         *mp_legal_group_dup_draft      (MpLegalGroup *self,
                                             const char   *kind,
                                             const char   *language);

G_END_DECLS
