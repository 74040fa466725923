/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_OVERVIEW_PAGE (mp_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (MpOverviewPage, mp_overview_page, MP, OVERVIEW_PAGE, AdwBin)

/* The desk at a glance: counts, response times, rewards against budget. */
MpStore *mp_overview_page_get_store (MpOverviewPage *self);
void  mp_overview_page_set_store (MpOverviewPage *self,
                                  MpStore        *store);
/* Counts again (after a change). */
void  mp_overview_page_update    (MpOverviewPage *self);
/* The register of data breaches (issue 23) as CSV in the interface's
 * language, to @path: what "Export CSV…" writes. */
gboolean mp_overview_page_write_register (MpOverviewPage *self,
                                          const char     *path,
                                          GError        **error);

G_END_DECLS
