/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Derives what follows from a case's fields and answers under the desk's
 * policy: sets status, outcome, severity, next_due and next_due_kind on
 * @kase, and returns every deadline of the case. Called by the store inside
 * each write to the case, so the stored status and deadlines never go stale.
 * Returns: (transfer full) (element-type MpDeadline) */
GPtrArray *mp_derive_case (MpStore *store,
                           MpCase  *kase,
                           gint64   now);

G_END_DECLS
