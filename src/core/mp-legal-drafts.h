/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-policy.h"

G_BEGIN_DECLS

/* Drafts for the authorities (issue 23): for each legal deadline kind
 * ("gdpr-authority" … "cra-final", mp-legal.h) a pre-filled text with the
 * fields that regime's form asks for, from the case's facts, in Dutch or
 * English whatever the interface's language, to paste into the authority's
 * own form. Every field is filled: what the case does not know yet is said
 * in words ("not known yet"), never left as a placeholder. The text holds
 * confidential case facts; copy it as confidential text. */

/* Whether @kind has a draft. */
gboolean     mp_legal_draft_exists    (const char *kind);

/* Returns: (transfer full) (nullable): the draft, or NULL for a kind
 * without one. @language "nl" or "en" (anything else: English). */
char        *mp_legal_draft_build     (MpPolicy   *policy,
                                       MpCase     *kase,
                                       const char *kind,
                                       const char *language);

G_END_DECLS
