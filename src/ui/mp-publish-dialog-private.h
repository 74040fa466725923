/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-publish-dialog.h"

G_BEGIN_DECLS

/* For tests: the documents in the order of the list. */
typedef enum
{
  MP_PUBLISH_DOCUMENT_SECURITY_TXT,
  MP_PUBLISH_DOCUMENT_POLICY,
  MP_PUBLISH_DOCUMENT_HALL_OF_FAME,
  MP_PUBLISH_DOCUMENT_CSAF,
  MP_PUBLISH_DOCUMENT_CHECK,
  MP_PUBLISH_N_DOCUMENTS,
} MpPublishDocument;

void        _mp_publish_dialog_select       (MpPublishDialog   *self,
                                             MpPublishDocument  document);
/* The state line of @document's row in the list. (transfer none) */
const char *_mp_publish_dialog_get_state    (MpPublishDialog   *self,
                                             MpPublishDocument  document);
/* The preview's text. (transfer full) */
char       *_mp_publish_dialog_get_preview  (MpPublishDialog   *self);
/* What Save… does once a file is chosen. */
gboolean    _mp_publish_dialog_save_to      (MpPublishDialog   *self,
                                             const char        *path,
                                             GError           **error);
/* Puts @text into the checker and checks it; returns the number of
 * findings listed. */
guint       _mp_publish_dialog_check_text   (MpPublishDialog   *self,
                                             const char        *text);

G_END_DECLS
