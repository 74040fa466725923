/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-cvss.h"

G_BEGIN_DECLS

/* The score of a CVSS 4.0 macro vector, or -1.0 when that macro vector does
 * not exist (e.g. EQ1 3, or EQ3 2 with EQ6 0). */
double _mp_cvss4_lookup (int eq1,
                         int eq2,
                         int eq3,
                         int eq4,
                         int eq5,
                         int eq6);

G_END_DECLS
