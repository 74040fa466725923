/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shared by the calendar and the agenda: words and style of a deadline
 * kind. Defined in mp-calendar-view.c. */

/* "nl" or "en": the language of the UI's translation, for the month and
 * weekday names and dates of mp-format.h. (transfer none) */
const char *_mp_calendar_ui_language     (void);
/* The translated name of a kind ("Assessment"), the same on chips, in the
 * legend and in lists. (transfer none) */
const char *_mp_calendar_kind_label       (const char *kind);
/* The CSS class of a kind: "kind-assessment", or "kind-other". (transfer none) */
const char *_mp_calendar_kind_css_class   (const char *kind);
/* "0001" of "CVD-2026-0001": what fits on a chip. (transfer none) */
const char *_mp_calendar_short_reference  (const char *reference);
/* The words a deadline chip shows ("0001 Assessment"). (transfer none) */
const char *_mp_calendar_chip_get_text    (GtkWidget  *chip);
/* The deadline a chip shows (MpDeadline), or NULL. (transfer none) */
gpointer    _mp_calendar_chip_get_deadline (GtkWidget *chip);
/* Sets the tooltip of @widget, asked for only when it is shown: cheaper
 * than gtk_widget_set_tooltip_text(), which asks the display where the
 * pointer is. */
void        _mp_calendar_set_tooltip      (GtkWidget  *widget,
                                           const char *text);

G_END_DECLS
