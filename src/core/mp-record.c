/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-record.h"

struct _MpEvent
{
  GObject  parent_instance;
  gint64   id;
  gint64   at;
  char    *kind;
  char    *actor;
  char    *summary;
  char    *body;
};

struct _MpAttachment
{
  GObject  parent_instance;
  gint64   id;
  gint64   case_id;
  gint64   added_at;
  char    *name;
  char    *mime_type;
  gint64   size;
};

struct _MpDeadline
{
  GObject  parent_instance;
  char    *reference;
  char    *kind;
  gint64   due_at;
  gint64   met_at;
};

G_DEFINE_FINAL_TYPE (MpEvent, mp_event, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (MpAttachment, mp_attachment, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (MpDeadline, mp_deadline, G_TYPE_OBJECT)

static void
mp_event_finalize (GObject *object)
{
  MpEvent *self = MP_EVENT (object);

  g_free (self->kind);
  g_free (self->actor);
  g_free (self->summary);
  g_free (self->body);
  G_OBJECT_CLASS (mp_event_parent_class)->finalize (object);
}

static void
mp_event_class_init (MpEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_event_finalize;
}

static void
mp_event_init (MpEvent *self)
{
}

MpEvent *
mp_event_new (gint64      id,
              gint64      at,
              const char *kind,
              const char *actor,
              const char *summary,
              const char *body)
{
  MpEvent *self = g_object_new (MP_TYPE_EVENT, NULL);

  self->id = id;
  self->at = at;
  self->kind = g_strdup (kind);
  self->actor = g_strdup (actor);
  self->summary = g_strdup (summary);
  self->body = g_strdup (body);
  return self;
}

gint64 mp_event_get_id (MpEvent *self) { return self->id; }
gint64 mp_event_get_at (MpEvent *self) { return self->at; }
const char *mp_event_get_kind (MpEvent *self) { return self->kind; }
const char *mp_event_get_actor (MpEvent *self) { return self->actor; }
const char *mp_event_get_summary (MpEvent *self) { return self->summary; }
const char *mp_event_get_body (MpEvent *self) { return self->body; }

static void
mp_attachment_finalize (GObject *object)
{
  MpAttachment *self = MP_ATTACHMENT (object);

  g_free (self->name);
  g_free (self->mime_type);
  G_OBJECT_CLASS (mp_attachment_parent_class)->finalize (object);
}

static void
mp_attachment_class_init (MpAttachmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_attachment_finalize;
}

static void
mp_attachment_init (MpAttachment *self)
{
}

MpAttachment *
mp_attachment_new (gint64      id,
                   gint64      case_id,
                   gint64      added_at,
                   const char *name,
                   const char *mime_type,
                   gint64      size)
{
  MpAttachment *self = g_object_new (MP_TYPE_ATTACHMENT, NULL);

  self->id = id;
  self->case_id = case_id;
  self->added_at = added_at;
  self->name = g_strdup (name);
  self->mime_type = g_strdup (mime_type);
  self->size = size;
  return self;
}

gint64 mp_attachment_get_id (MpAttachment *self) { return self->id; }
gint64 mp_attachment_get_case_id (MpAttachment *self) { return self->case_id; }
gint64 mp_attachment_get_added_at (MpAttachment *self) { return self->added_at; }
const char *mp_attachment_get_name (MpAttachment *self) { return self->name; }
const char *mp_attachment_get_mime_type (MpAttachment *self) { return self->mime_type; }
gint64 mp_attachment_get_size (MpAttachment *self) { return self->size; }

static void
mp_deadline_finalize (GObject *object)
{
  MpDeadline *self = MP_DEADLINE (object);

  g_free (self->reference);
  g_free (self->kind);
  G_OBJECT_CLASS (mp_deadline_parent_class)->finalize (object);
}

static void
mp_deadline_class_init (MpDeadlineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_deadline_finalize;
}

static void
mp_deadline_init (MpDeadline *self)
{
}

MpDeadline *
mp_deadline_new (const char *reference,
                 const char *kind,
                 gint64      due_at,
                 gint64      met_at)
{
  MpDeadline *self = g_object_new (MP_TYPE_DEADLINE, NULL);

  self->reference = g_strdup (reference);
  self->kind = g_strdup (kind);
  self->due_at = due_at;
  self->met_at = met_at;
  return self;
}

const char *mp_deadline_get_reference (MpDeadline *self) { return self->reference; }
const char *mp_deadline_get_kind (MpDeadline *self) { return self->kind; }
gint64 mp_deadline_get_due_at (MpDeadline *self) { return self->due_at; }
gint64 mp_deadline_get_met_at (MpDeadline *self) { return self->met_at; }
gboolean mp_deadline_is_met (MpDeadline *self) { return self->met_at != 0; }

gboolean
mp_deadline_is_overdue (MpDeadline *self,
                        gint64      now)
{
  g_return_val_if_fail (MP_IS_DEADLINE (self), FALSE);
  return self->met_at == 0 && self->due_at < now;
}
