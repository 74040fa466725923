/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_EML_INTAKE (mp_eml_intake_get_type ())
G_DECLARE_FINAL_TYPE (MpEmlIntake, mp_eml_intake, MP, EML_INTAKE, GObject)

/* Imports e-mail messages one after another in the background
 * (mp_mailbox_take_in_async: threaded as the mailbox does), with one toast
 * on @overlay per message: the new reference, or why the file was refused;
 * "Details" shows what the importer skipped. Emits "imported" (MpCase) for
 * each new case. A reply that joined its case, or a message a case already
 * has, is told with "Open Case", which emits "show-case" (MpCase). */
MpEmlIntake *mp_eml_intake_new             (AdwToastOverlay *overlay);
void         mp_eml_intake_set_store       (MpEmlIntake     *self,
                                            MpStore         *store);
void         mp_eml_intake_import_files    (MpEmlIntake     *self,
                                            GFile          **files,
                                            guint            n_files);
/* @name: what the toasts call the message. */
void         mp_eml_intake_import_bytes    (MpEmlIntake     *self,
                                            GBytes          *message,
                                            const char      *name);
/* Makes @target take dropped e-mails: files (GdkFileList, text/uri-list)
 * and message/rfc822 data; @highlight is shown while a drag hovers. */
void         mp_eml_intake_add_drop_target (MpEmlIntake     *self,
                                            GtkWidget       *target,
                                            GtkWidget       *highlight);
/* What a drop does with its value: a GdkFileList, a GFile, GBytes (one
 * message) or a string (text/uri-list). Returns whether anything is
 * imported. */
gboolean     mp_eml_intake_drop_value      (MpEmlIntake     *self,
                                            const GValue    *value);
/* Messages still being read or waiting their turn. */
guint        mp_eml_intake_get_n_pending   (MpEmlIntake     *self);

/* For tests: the toast of the last message, while it is shown. (transfer none) (nullable) */
AdwToast    *_mp_eml_intake_get_last_toast (MpEmlIntake     *self);

G_END_DECLS
