/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-policy.h"

G_BEGIN_DECLS

/* security.txt (RFC 9116) for @domain, one of the desk's own
 * (mp_publish_check_domain()): Contact (desk.email), Expires
 * (publish.expires_months after @now, at most a year, RFC 3339 in UTC),
 * Encryption, Acknowledgments, Preferred-Languages, Canonical, one Policy
 * per language and CSAF when publish.csaf_url is set.
 *
 * The text is not signed: with @unsigned_note it begins with a comment
 * that says so. A signing caller passes FALSE and clear-signs the result.
 * @expires: (out) (optional): the Expires moment, microseconds since the
 * epoch (the renewal is due a month before it).
 * Returns: (transfer full) (nullable) */
char *mp_publish_security_txt (MpPolicy    *policy,
                               const char  *domain,
                               gint64       now,
                               gboolean     unsigned_note,
                               gint64      *expires,
                               GError     **error);

G_END_DECLS
