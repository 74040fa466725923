/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_CASE_PAGE (mp_case_page_get_type ())
G_DECLARE_FINAL_TYPE (MpCasePage, mp_case_page, MP, CASE_PAGE, AdwBin)

/* One case: summary, the guided checklist, timeline and attachments.
 * Emits "changed" after each stored change, "open-case" (reference) for a
 * case it points to, and "back" when the user wants
 * the list again (folded window). */
MpStore *mp_case_page_get_store     (MpCasePage *self);
void     mp_case_page_set_store     (MpCasePage *self,
                                     MpStore    *store);
void     mp_case_page_set_case      (MpCasePage *self,
                                     MpCase     *kase);
MpCase  *mp_case_page_get_case      (MpCasePage *self);
void     mp_case_page_set_show_back (MpCasePage *self,
                                     gboolean    show_back);
/* Scrolls to and opens the step with @step_id (e.g. "scope"). */
void     mp_case_page_show_step     (MpCasePage *self,
                                     const char *step_id);
/* Removes the private copies of opened attachments. */
void     mp_case_page_clear_temp    (MpCasePage *self);

G_END_DECLS
