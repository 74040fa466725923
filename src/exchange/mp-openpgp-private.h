/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * What the OpenPGP files of the exchange library share, and nothing above
 * them sees: GPGME stays out of the public headers.
 */
#pragma once

#include <gpgme.h>

#include "mp-openpgp.h"

G_BEGIN_DECLS

/* A GPGME context working in @self's folder (never the user's own home),
 * armoured, asking @self for the key's passphrase. Returns: (transfer full):
 * release it with gpgme_release(); NULL with @error set. */
gpgme_ctx_t  _mp_openpgp_home_new_context (MpOpenpgpHome  *self,
                                           GError        **error);

G_END_DECLS
