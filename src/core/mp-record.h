/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A timeline entry: a letter, a status change, a note, a reply, an import. */
#define MP_TYPE_EVENT (mp_event_get_type ())
G_DECLARE_FINAL_TYPE (MpEvent, mp_event, MP, EVENT, GObject)

MpEvent     *mp_event_new              (gint64      id,
                                        gint64      at,
                                        const char *kind,
                                        const char *actor,
                                        const char *summary,
                                        const char *body);
gint64       mp_event_get_id           (MpEvent    *self);
gint64       mp_event_get_at           (MpEvent    *self);
const char  *mp_event_get_kind         (MpEvent    *self);
const char  *mp_event_get_actor        (MpEvent    *self);
const char  *mp_event_get_summary      (MpEvent    *self);
/* (nullable): the confidential body, NULL when there is none or it was erased */
const char  *mp_event_get_body         (MpEvent    *self);

/* An attachment's record; the contents are read through the store. */
#define MP_TYPE_ATTACHMENT (mp_attachment_get_type ())
G_DECLARE_FINAL_TYPE (MpAttachment, mp_attachment, MP, ATTACHMENT, GObject)

MpAttachment *mp_attachment_new           (gint64      id,
                                           gint64      case_id,
                                           gint64      added_at,
                                           const char *name,
                                           const char *mime_type,
                                           gint64      size);
gint64        mp_attachment_get_id        (MpAttachment *self);
gint64        mp_attachment_get_case_id   (MpAttachment *self);
gint64        mp_attachment_get_added_at  (MpAttachment *self);
const char   *mp_attachment_get_name      (MpAttachment *self);
const char   *mp_attachment_get_mime_type (MpAttachment *self);
gint64        mp_attachment_get_size      (MpAttachment *self);

/* A deadline of a case: kind, due moment, and when it was met (0 = open). */
#define MP_TYPE_DEADLINE (mp_deadline_get_type ())
G_DECLARE_FINAL_TYPE (MpDeadline, mp_deadline, MP, DEADLINE, GObject)

MpDeadline  *mp_deadline_new            (const char *reference,
                                         const char *kind,
                                         gint64      due_at,
                                         gint64      met_at);
const char  *mp_deadline_get_reference  (MpDeadline *self);
const char  *mp_deadline_get_kind       (MpDeadline *self);
gint64       mp_deadline_get_due_at     (MpDeadline *self);
gint64       mp_deadline_get_met_at     (MpDeadline *self);
gboolean     mp_deadline_is_met         (MpDeadline *self);
gboolean     mp_deadline_is_overdue     (MpDeadline *self,
                                         gint64      now);

G_END_DECLS
