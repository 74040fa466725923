/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_MEMBER_FINGERPRINT (mp_member_fingerprint_get_type ())
G_DECLARE_FINAL_TYPE (MpMemberFingerprint, mp_member_fingerprint, MP, MEMBER_FINGERPRINT,
                      GtkWidget)

/* A member's fingerprint (mp_member_public_get_fingerprint()) shown to be
 * read aloud or compared side by side: its groups of digits large, in a
 * fixed-width font, three to a line, with a Copy button (issue 20). */
GtkWidget  *mp_member_fingerprint_new              (void);
/* Returns: (nullable): the fingerprint shown. */
const char *mp_member_fingerprint_get_fingerprint  (MpMemberFingerprint *self);
/* Shows @fingerprint (nullable: nothing, and nothing to copy). */
void        mp_member_fingerprint_set_fingerprint  (MpMemberFingerprint *self,
                                                    const char          *fingerprint);
/* Whether the Copy button shows (by default it does). */
gboolean    mp_member_fingerprint_get_copyable     (MpMemberFingerprint *self);
void        mp_member_fingerprint_set_copyable     (MpMemberFingerprint *self,
                                                    gboolean             copyable);

/* For tests: the text the label shows. */
const char *_mp_member_fingerprint_get_shown       (MpMemberFingerprint *self);

G_END_DECLS
