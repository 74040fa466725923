/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MP_TYPE_FOLD_LAYOUT (mp_fold_layout_get_type ())
G_DECLARE_FINAL_TYPE (MpFoldLayout, mp_fold_layout, MP, FOLD_LAYOUT, GtkLayoutManager)

/* Lays out the three children of a widget — main, separator, side — side by
 * side when the main one gets at least @main_width and the side one
 * @side_width, else one under the other, the main one @folded_main_height
 * tall (or its minimum, if more). Its minimum width is that of the widest
 * child, so a narrow window folds it instead of scrolling sideways. */
GtkLayoutManager *mp_fold_layout_new        (int           main_width,
                                             int           side_width,
                                             int           folded_main_height);
/* Whether the last allocation put the side child under the main one. */
gboolean          mp_fold_layout_get_folded (MpFoldLayout *self);

G_END_DECLS
