/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* What became of one message taken in (issue 22). */
typedef enum
{
  MP_MAILBOX_NEW,         /* a new case */
  MP_MAILBOX_REPLY,       /* added to a case's timeline as the reporter's reply */
  MP_MAILBOX_DUPLICATE,   /* a case already has this Message-ID: nothing stored */
} MpMailboxOutcome;

/* Takes one message in: a new case; or, when its In-Reply-To or References
 * name a message a case holds or sent, or its subject carries a case's
 * reference, the reporter's reply on that case's timeline (attachments
 * sealed; a case waiting for the reporter stops waiting); or nothing, when
 * a case already has its Message-ID. All or nothing.
 * @arrival: when the mailbox got it (microseconds, 0: unknown).
 * Errors as mp_eml_import_bytes().
 * Returns: (transfer full) (nullable): the case it went to, or the one that
 * has it already. */
MpCase     *mp_mailbox_take_in          (MpStore           *store,
                                         GBytes            *message,
                                         gint64             arrival,
                                         MpMailboxOutcome  *outcome,
                                         GError           **error);

/* The first case reference (CVD-YYYY-NNNN) in @subject, after any "Re:",
 * "Antw:", "Fwd:" or in brackets. Returns: (transfer full) (nullable) */
char       *mp_mailbox_subject_reference (const char       *subject);

/* @subject with " [REF]" added when it does not carry @reference yet, so
 * that the reporter's reply finds its case. Returns: (transfer full) */
char       *mp_mailbox_subject_with_reference (const char  *subject,
                                               const char  *reference);

/* A new Message-ID for a letter of the desk: "<random@domain>", the domain
 * taken from @from (an address) or "meldpunt.invalid". Returns: (transfer full) */
char       *mp_mailbox_new_message_id   (const char       *from);

G_END_DECLS
