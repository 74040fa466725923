/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-member-keys.h"

G_BEGIN_DECLS

#define MP_TYPE_MEMBER_KEYS_PAGE (mp_member_keys_page_get_type ())
G_DECLARE_FINAL_TYPE (MpMemberKeysPage, mp_member_keys_page, MP, MEMBER_KEYS_PAGE, GtkWidget)

/* The joining member's side of a shared desk (issue 20): their name,
 * e-mail address and a passphrase of their own; Create Keys makes their
 * keys in a worker thread, then the page shows their fingerprint to read
 * to the coordinator. ::keys-created hands over the new keys (unlocked;
 * mp_member_keys_get_sealed() gives what to keep). */
GtkWidget    *mp_member_keys_page_new             (void);
/* Returns: (transfer none) (nullable): the keys made, once made. */
MpMemberKeys *mp_member_keys_page_get_keys        (MpMemberKeysPage *self);

/* For tests: fills in the fields and presses Create Keys. */
void          _mp_member_keys_page_submit         (MpMemberKeysPage *self,
                                                   const char       *name,
                                                   const char       *email,
                                                   const char       *passphrase,
                                                   const char       *repeat);
/* For tests: the problem shown, or NULL. */
const char   *_mp_member_keys_page_get_problem    (MpMemberKeysPage *self);

G_END_DECLS
