/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The summary of a deadline in @language ("nl" or "en"), e.g.
 * "CVD-2026-0001: assessment due". Returns: (transfer full) */
char  *mp_ics_deadline_summary (const char  *reference,
                                const char  *kind,
                                const char  *language);

/* An iCalendar file of the open deadlines in @deadlines (MpDeadline; met
 * ones are left out): one VEVENT each, ending at the due moment, with a UID
 * stable for case and kind, times in UTC (@timezone, the desk's zone, is only
 * named in X-WR-TIMEZONE), and no confidential detail. Returns: (transfer full) */
char  *mp_ics_build            (GListModel  *deadlines,
                                const char  *timezone,
                                const char  *language,
                                GError     **error);

G_END_DECLS
