/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-policy.h"
#include "mp-publish.h"

G_BEGIN_DECLS

/* The desk's CVD policy in @language ("nl" or "en"), written from @policy's
 * settings: what the desk asks of reporters (the R-clauses of DOMAIN.md),
 * what it promises with its own numbers (the P-clauses), its sister
 * organisations, how to report and encrypt, what not to send.
 * @key_fingerprint: (nullable): the desk's OpenPGP fingerprint, left out
 * while the desk has no key.
 * HTML is one page without scripts; text is plain, wrapped by the reader.
 * Returns: (transfer full) */
char *mp_publish_policy (MpPolicy        *policy,
                         const char      *language,
                         MpPublishFormat  format,
                         const char      *key_fingerprint);

G_END_DECLS
