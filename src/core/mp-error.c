/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-error.h"

G_DEFINE_QUARK (mp-store-error-quark, mp_store_error)
G_DEFINE_QUARK (mp-vault-error-quark, mp_vault_error)
