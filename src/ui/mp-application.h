/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_APPLICATION (mp_application_get_type ())
G_DECLARE_FINAL_TYPE (MpApplication, mp_application, MP, APPLICATION, AdwApplication)

MpApplication *mp_application_new (void);

/* The about window's line on the audit trail of @store. Returns: (transfer full) (nullable) */
char          *mp_application_describe_audit (MpStore *store);

/* Shows the about window for @parent's desk. Returns: (transfer none) */
GtkWidget     *mp_application_show_about     (GtkWindow *parent);

/* Locks every desk window of @self when @bus (the system bus) says the
 * computer is about to sleep (logind's PrepareForSleep). */
void           mp_application_watch_sleep    (MpApplication   *self,
                                              GDBusConnection *bus);

G_END_DECLS
