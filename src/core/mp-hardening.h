/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Turns off core dumps and ptrace attach, and initialises libsodium.
 * Call first thing in main(). Returns FALSE when libsodium cannot start. */
gboolean mp_hardening_init (void);

G_END_DECLS
