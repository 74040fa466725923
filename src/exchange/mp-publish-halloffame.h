/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-policy.h"
#include "mp-publish.h"

G_BEGIN_DECLS

/* Whether @kase (an MpCase) may be named in the hall of fame: the reporter
 * wants credit (credit.wants yes), gave the name to publish (credit.name)
 * and the day of consent is recorded (credit.consent_on). These answers
 * survive the erasure of the case's confidential data. */
gboolean  mp_publish_credit_consented (gpointer          kase);

/* The hall of fame in @language ("nl" or "en"): one line per consented
 * credit of @cases (a GListModel of MpCase), newest first, with the name or
 * pseudonym, the month of the report (in the desk's time zone) and the
 * severity where it is known.
 * Returns: (transfer full) */
char     *mp_publish_hall_of_fame     (MpPolicy         *policy,
                                       GListModel       *cases,
                                       const char       *language,
                                       MpPublishFormat   format);

G_END_DECLS
