/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-desk-page.h"
#include "mp-eml-intake.h"
#include "mp-intake-dialog.h"
#include "mp-unlock-page.h"
#include "mp-welcome-page.h"
#include "mp-window.h"

G_BEGIN_DECLS

struct _MpWindow
{
  AdwApplicationWindow  parent_instance;

  MpStore              *store;
  GSignalGroup         *store_signals;   /* the lock: the actions */
  MpIntakeDialog       *intake;          /* weak */
  gint64                last_activity;
  guint                 idle_source;
  gulong                screensaver_id;
  GPtrArray            *pending_imports; /* GFile, opened while locked */
  guint                 build_desk_source;
  GtkFileChooserNative *chooser;
  MpEmlIntake          *eml_intake;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MpUnlockPage         *unlock_page;
  AdwStatusPage        *problem_page;    /* only once a desk cannot be opened */
  MpWelcomePage        *welcome_page;    /* only once a new desk needs it */
  MpDeskPage           *desk;            /* built on first use (_mp_window_build_desk ()) */
};

/* For tests: shows the desk of an already unlocked @store. */
MpWindow       *_mp_window_new_for_store (MpApplication *application,
                                          MpStore       *store);
/* For tests: the intake dialog that win.new-report opened last. (transfer none) */
MpIntakeDialog *_mp_window_get_intake    (MpWindow      *self);
/* For tests: what imports dropped and opened e-mails. (transfer none) */
MpEmlIntake    *_mp_window_get_eml_intake (MpWindow     *self);

/* Locks the desk and lets go of the store, so that its file can be
 * replaced (restore). Returns: whether no one else holds the store. */
gboolean        _mp_window_release_store (MpWindow      *self);
/* Opens the desk at @path again: the unlock page. */
void            _mp_window_open_store    (MpWindow      *self,
                                          const char    *path);

/* mp-window.c */
gboolean        _mp_window_is_unlocked   (MpWindow      *self);
void            _mp_window_build_desk    (MpWindow      *self);

/* mp-window-actions.c: the win.* actions and e-mail import */
void            _mp_window_class_add_actions (GtkWidgetClass *widget_class);
void            _mp_window_init_actions  (MpWindow      *self);
void            _mp_window_update_actions (MpWindow     *self);

/* mp-window-lock.c: locking by hand, when idle and with the screensaver */
void            _mp_window_lock          (MpWindow      *self);
void            _mp_window_note_activity (MpWindow      *self);
void            _mp_window_init_lock     (MpWindow      *self);
void            _mp_window_watch_screensaver (MpWindow  *self);

G_END_DECLS
