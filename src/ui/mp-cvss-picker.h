/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_CVSS_PICKER (mp_cvss_picker_get_type ())
G_DECLARE_FINAL_TYPE (MpCvssPicker, mp_cvss_picker, MP, CVSS_PICKER, GtkPopover)

/* The base metrics of CVSS 3.1 or 4.0, one drop-down each, with the score
 * and severity as they are chosen. Emits "vector-chosen" with the vector
 * when "Use" is pressed. */
GtkWidget  *mp_cvss_picker_new         (void);
/* Pre-selects the version and metrics of @vector; keeps the choices when
 * @vector is NULL or not a vector. */
void        mp_cvss_picker_set_vector  (MpCvssPicker *self,
                                        const char   *vector);
/* The vector of the current choices. Returns: (transfer full) */
char       *mp_cvss_picker_dup_vector  (MpCvssPicker *self);

G_END_DECLS
