/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_DESK_KEY_PAGE (mp_desk_key_page_get_type ())
G_DECLARE_FINAL_TYPE (MpDeskKeyPage, mp_desk_key_page, MP, DESK_KEY_PAGE, AdwPreferencesPage)

/* Preferences → Desk Key: the desk's OpenPGP key (fingerprint, expiry,
 * the public key to copy or save), generating a new one or importing the
 * desk's existing secret key. Replacing a key asks first; a refused
 * generate or import says why and keeps what was typed. */
MpDeskKeyPage *mp_desk_key_page_new                (MpStore       *store);

/* For tests: takes @file as the chosen secret key file. */
void           _mp_desk_key_page_set_key_file      (MpDeskKeyPage *self,
                                                    GFile         *file);
/* For tests: the problem shown under Generate or Import, or NULL.
 * (transfer none) */
const char    *_mp_desk_key_page_get_problem       (MpDeskKeyPage *self);
/* For tests: the "Replace the desk's key?" dialog while it is open.
 * (transfer none) (nullable) */
AdwMessageDialog *_mp_desk_key_page_get_dialog     (MpDeskKeyPage *self);

G_END_DECLS
