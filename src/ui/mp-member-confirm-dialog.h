/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-member-keys.h"

G_BEGIN_DECLS

#define MP_TYPE_MEMBER_CONFIRM_DIALOG (mp_member_confirm_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MpMemberConfirmDialog, mp_member_confirm_dialog, MP, MEMBER_CONFIRM_DIALOG,
                      AdwMessageDialog)

/* A coordinator confirms a member who asked to join a shared desk (issue
 * 20): the member's fingerprint, to compare with the one on their screen
 * or as they read it aloud, and the digits as typed, checked as they are
 * typed. The "confirm" response is enabled only when the coordinator says
 * every digit matches or typed the digits that match, and never while
 * typed digits differ. The caller seals the desk key on "confirm". */
GtkWidget      *mp_member_confirm_dialog_new         (GtkWindow             *parent,
                                                      MpMemberPublic        *member);
/* Returns: (transfer none): the member to confirm. */
MpMemberPublic *mp_member_confirm_dialog_get_member  (MpMemberConfirmDialog *self);

/* For tests: types @digits into the dialog's field. */
void            _mp_member_confirm_dialog_type       (MpMemberConfirmDialog *self,
                                                      const char            *digits);
/* For tests: ticks or clears "Every digit matches". */
void            _mp_member_confirm_dialog_set_matched (MpMemberConfirmDialog *self,
                                                       gboolean               matched);
/* For tests: the problem shown under the field, or NULL. */
const char     *_mp_member_confirm_dialog_get_problem (MpMemberConfirmDialog *self);

G_END_DECLS
