/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-policy.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* A CSAF 2.0 advisory (profile csaf_security_advisory) for @kase (an
 * MpCase) whose fix is recorded (remed.fixed_on): the publisher from the
 * desk's settings (desk.name, desk.email, the main domain as namespace),
 * the product tree from the case's system (its asset), the vulnerability
 * with its CVSS 3.1 score (a CVSS 4.0 vector goes into a note: CSAF 2.0 has
 * no field for it), the vendor fix with its date, the acknowledgment only
 * with the reporter's consent, and tracking with the case's reference as
 * id, status final, version 1. Ids and dates come from the case, so the
 * same case gives the same document; @now is only the generator's date.
 * The document is not signed (see mp-publish.h).
 * Returns: (transfer full) (nullable): pretty-printed JSON, or NULL with
 * @error set (MP_PUBLISH_ERROR) when the case cannot be published yet. */
char *mp_publish_csaf (MpPolicy    *policy,
                       gpointer     kase,
                       gint64       now,
                       GError     **error);

/* Writes the advisory @text to @path and, as a CSAF trusted provider
 * publishes them, PATH.sha256 and PATH.sha512 (in the form sha256sum
 * checks) and, when the desk has a key, PATH.asc: a detached signature by
 * it (the desk must be unlocked then). @is_signed (out, optional): whether
 * PATH.asc was written. */
gboolean mp_publish_save_csaf (MpStore     *store,
                               const char  *text,
                               const char  *path,
                               gboolean    *is_signed,
                               GError     **error);

G_END_DECLS
