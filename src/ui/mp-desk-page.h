/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-eml-intake.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_DESK_PAGE (mp_desk_page_get_type ())
G_DECLARE_FINAL_TYPE (MpDeskPage, mp_desk_page, MP, DESK_PAGE, AdwBin)

/* The unlocked desk: the case list beside the case page, the calendar and
 * the overview, each bound once to the page's store. Its "case" property
 * is the case the case page shows. */
GtkWidget  *mp_desk_page_new              (void);
/* Returns: (transfer none) (nullable) */
MpStore    *mp_desk_page_get_store        (MpDeskPage  *self);
void        mp_desk_page_set_store        (MpDeskPage  *self,
                                           MpStore     *store);
/* The case shown. Returns: (transfer none) (nullable) */
MpCase     *mp_desk_page_get_case         (MpDeskPage  *self);
/* Opens @kase in the cases view; with a deadline @kind, at the step the
 * deadline belongs to. */
void        mp_desk_page_show_case        (MpDeskPage  *self,
                                           MpCase      *kase,
                                           const char  *kind);
/* Shows the case list with its search entry focused. */
void        mp_desk_page_search           (MpDeskPage  *self);
/* Typing anywhere in @widget starts a search of the cases. */
void        mp_desk_page_capture_keys     (MpDeskPage  *self,
                                           GtkWidget   *widget);
/* Shows the view (cases, calendar, overview) the user saw last. */
void        mp_desk_page_restore_view     (MpDeskPage  *self);
/* E-mails dropped on the case list become reports through @intake. */
void        mp_desk_page_add_drop_target  (MpDeskPage  *self,
                                           MpEmlIntake *intake);
/* The desk's policy changed (preferences): the order of the cases too. */
void        mp_desk_page_policy_changed   (MpDeskPage  *self);
/* Removes the private copies of attachments the case page opened. */
void        mp_desk_page_clear_temp       (MpDeskPage  *self);
void        mp_desk_page_check_mail       (MpDeskPage  *self);

G_END_DECLS
