/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* Publish (issue 24): security.txt, the CVD policy, the hall of fame and
 * CSAF advisories, each with its state, a preview and Save…; and a
 * checker for a pasted or opened security.txt. */
#define MP_TYPE_PUBLISH_DIALOG (mp_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MpPublishDialog, mp_publish_dialog, MP, PUBLISH_DIALOG, AdwWindow)

/* A dialog for the unlocked @store, over @parent. Returns: (transfer floating) */
MpPublishDialog *mp_publish_dialog_new (GtkWindow *parent,
                                        MpStore   *store);

G_END_DECLS
