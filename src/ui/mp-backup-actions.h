/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* win.back-up and win.restore of MpWindow. */
void mp_backup_actions_back_up (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);
void mp_backup_actions_restore (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);

/* win.open-desk: opens another desk file in a window of its own. */
void mp_backup_actions_open_desk (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter);

/* The window of the desk at @path: the one that has it open, or a new one.
 * Returns: (transfer none) */
GtkWidget *_mp_backup_actions_open_desk_at (GtkWidget  *window,
                                            const char *path);

/* After an erase: when backups the desk made before it still hold the
 * erased data, a dialog names them and offers to delete them.
 * Returns: (transfer none) (nullable): the dialog, NULL when there are none. */
GtkWidget *mp_backup_actions_offer_delete_erased (GtkWidget *widget,
                                                  MpStore   *store);

/* For tests: the same without the file chooser. */
void _mp_backup_actions_back_up_to (GtkWidget  *window,
                                    const char *path);
/* For tests: asks to confirm the restore of @path; returns the dialog. */
GtkWidget *_mp_backup_actions_confirm_restore (GtkWidget  *window,
                                               const char *path);

G_END_DECLS
