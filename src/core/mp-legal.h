/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-policy.h"

G_BEGIN_DECLS

/* The legal clocks beside the CVD deadlines: a data breach under the AVG
 * (art. 33/34), a significant incident under NIS2 art. 23 and the
 * Cyberbeveiligingswet, an actively exploited vulnerability in a product
 * under the CRA (art. 14). They start from checklist answers ("legal.*")
 * and the desk's policy, and run in calendar time from the moment the
 * organisation became aware: hours as elapsed hours, days and months as
 * calendar days and months at the same wall-clock time in the desk's time
 * zone. Holidays and weekends do not move them. The application helps; it
 * does not give legal advice. */

/* The day the CRA's reporting obligations apply from (art. 71(2)). */
#define MP_LEGAL_CRA_IN_FORCE "2026-09-11"

/* Parses an ISO 8601 moment with a zone ("2026-10-24T09:30:00+02:00" or
 * "…Z") into UTC microseconds. */
gboolean     mp_legal_parse_moment        (const char *text,
                                           gint64     *moment);

/* The moment the organisation became aware: "legal.aware_at" when answered,
 * else the moment the report was received; 0 when neither is known. */
gint64       mp_legal_get_aware_at        (MpCase     *kase);

/* Whether each regime has started for @kase under @policy. */
gboolean     mp_legal_gdpr_applies        (MpCase     *kase);
/* Under the AVG the desk acts as processor (it informs the controller
 * rather than the authority): "legal.role", else the policy's
 * legal.processor. */
gboolean     mp_legal_is_processor        (MpPolicy   *policy,
                                           MpCase     *kase);
gboolean     mp_legal_nis2_applies        (MpPolicy   *policy,
                                           MpCase     *kase);
gboolean     mp_legal_cra_applies         (MpPolicy   *policy,
                                           MpCase     *kase);

/* Whether @kind is one of the legal deadline kinds ("gdpr-authority" …). */
gboolean     mp_legal_is_legal_kind       (const char *kind);

/* Appends the legal deadlines of @kase (MpDeadline) to @deadlines. */
void         mp_legal_add_deadlines       (MpPolicy   *policy,
                                           MpCase     *kase,
                                           GPtrArray  *deadlines);

G_END_DECLS
