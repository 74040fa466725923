/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_STRENGTH_BAR (mp_strength_bar_get_type ())
G_DECLARE_FINAL_TYPE (MpStrengthBar, mp_strength_bar, MP, STRENGTH_BAR, GtkWidget)

GtkWidget  *mp_strength_bar_new            (void);
/* Shows the strength of @passphrase (nothing for an empty one). */
void        mp_strength_bar_set_passphrase (MpStrengthBar *self,
                                            const char    *passphrase);
/* The word shown, e.g. "Weak". Returns: (transfer none) */
const char *mp_strength_bar_get_label      (MpStrengthBar *self);

G_END_DECLS
