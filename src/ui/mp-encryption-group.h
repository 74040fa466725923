/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_ENCRYPTION_GROUP (mp_encryption_group_get_type ())
G_DECLARE_FINAL_TYPE (MpEncryptionGroup, mp_encryption_group, MP, ENCRYPTION_GROUP,
                      AdwPreferencesGroup)

/* The case page's "Encryption" group (issue 21): whether the report came
 * encrypted and the verdict on its signature, checked again with the keys
 * the desk has now; the reporter's OpenPGP key, pasted or taken from an
 * application/pgp-keys attachment, kept sealed with the case. */
MpEncryptionGroup *mp_encryption_group_new          (void);
/* Shows @kase (nullable) of @store; GnuPG's checks run in a thread. */
void               mp_encryption_group_set_case     (MpEncryptionGroup *self,
                                                     MpStore           *store,
                                                     MpCase            *kase);

/* For tests: whether the checks are still running. */
gboolean           _mp_encryption_group_is_busy     (MpEncryptionGroup *self);
/* For tests: the Paste Key dialog while it is open. (transfer none) (nullable) */
AdwMessageDialog  *_mp_encryption_group_get_dialog  (MpEncryptionGroup *self);

G_END_DECLS
