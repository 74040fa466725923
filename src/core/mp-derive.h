/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-policy.h"

G_BEGIN_DECLS

/* The version of the derivation rules (mp_derive_case() and the rules it
 * calls). Raise it with every change that derives a different status,
 * outcome, severity or deadline from the same case and policy: the store
 * keeps the version its derived state was written with, and re-derives
 * every case once when it unlocks a desk written with an older one. */
#define MP_DERIVE_RULES_VERSION 1

/* Derives what follows from a case's fields and answers under the desk's
 * policy @policy: sets status, outcome, severity, next_due and next_due_kind on
 * @kase, and returns every deadline of the case. Called by the store inside
 * each write to the case, so the stored status and deadlines never go stale.
 * Returns: (transfer full) (element-type MpDeadline) */
GPtrArray   *mp_derive_case          (MpPolicy    *policy,
                                      MpCase      *kase,
                                      gint64       now);

/* The severity that follows from a CVSS vector ("none" … "critical"), or
 * NULL when the vector is missing, not valid or cannot be scored yet.
 * (transfer none) */
const char  *mp_derive_severity      (const char  *cvss_vector);

/* "scope.rules_followed" as the forbidden-method questions answer it: "no"
 * when any method was used, "yes" when all nine were answered "no", NULL
 * while that cannot be told (unanswered or "unknown" ones). The store
 * records it whenever a write changes a method answer (and does not answer
 * "scope.rules_followed" itself). (transfer none) */
const char  *mp_derive_rules_followed (MpCase     *kase);

G_END_DECLS
