/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MP_FIELD_TEXT,
  MP_FIELD_BOOLEAN,
  MP_FIELD_TIME,     /* microseconds since the epoch, UTC; 0 = not set */
} MpFieldKind;

/* One field of a case, as named in `meldpunt-cli case show --json`. */
typedef struct
{
  const char  *name;
  MpFieldKind  kind;
  guint        confidential : 1;   /* encrypted at rest with the case key */
  guint        editable : 1;       /* may be changed with `case set` */
  guint        reporter : 1;       /* stored with the reporter */
} MpCaseField;

/* A checklist answer: value, note, who and when. */
typedef struct
{
  char   *item;
  char   *value;
  char   *note;
  char   *actor;
  gint64  answered_at;
} MpAnswer;

GType              mp_answer_get_type            (void) G_GNUC_CONST;
MpAnswer          *mp_answer_copy                (const MpAnswer *answer);
void               mp_answer_free                (MpAnswer       *answer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpAnswer, mp_answer_free)

#define MP_TYPE_CASE (mp_case_get_type ())
G_DECLARE_FINAL_TYPE (MpCase, mp_case, MP, CASE, GObject)

const MpCaseField *mp_case_get_fields            (guint          *n_fields);
const MpCaseField *mp_case_lookup_field          (const char     *name);

MpCase            *mp_case_new                   (void);
gint64             mp_case_get_id                (MpCase         *self);
const char        *mp_case_get_reference         (MpCase         *self);
const char        *mp_case_get_status            (MpCase         *self);
const char        *mp_case_get_outcome           (MpCase         *self);
const char        *mp_case_get_title             (MpCase         *self);
const char        *mp_case_get_asset             (MpCase         *self);
const char        *mp_case_get_reporter_name     (MpCase         *self);
const char        *mp_case_get_reporter_email    (MpCase         *self);
const char        *mp_case_get_reporter_language (MpCase         *self);
const char        *mp_case_get_description       (MpCase         *self);
const char        *mp_case_get_impact            (MpCase         *self);
const char        *mp_case_get_reproduction      (MpCase         *self);
guint              mp_case_get_changes           (MpCase         *self);
const char        *mp_case_get_severity          (MpCase         *self);
gint64             mp_case_get_received_at       (MpCase         *self);
gint64             mp_case_get_next_due          (MpCase         *self);
const char        *mp_case_get_next_due_kind     (MpCase         *self);
gint64             mp_case_get_closed_at         (MpCase         *self);
gboolean           mp_case_is_erased             (MpCase         *self);
gboolean           mp_case_is_closed             (MpCase         *self);

/* Generic access by field name (see mp_case_get_fields()). Text fields
 * return NULL when empty; time fields are ISO 8601 in UTC. */
const char        *mp_case_get_text              (MpCase         *self,
                                                  const char     *name);
gboolean           mp_case_get_boolean           (MpCase         *self,
                                                  const char     *name);
gint64             mp_case_get_time              (MpCase         *self,
                                                  const char     *name);
/* Returns: (transfer full) (nullable): the value as text. */
char              *mp_case_dup_value_string      (MpCase         *self,
                                                  const char     *name);
/* Validates and sets a field from text; notifies when it changed. */
gboolean           mp_case_set_value_string      (MpCase         *self,
                                                  const char     *name,
                                                  const char     *value,
                                                  GError        **error);
void               mp_case_set_text              (MpCase         *self,
                                                  const char     *name,
                                                  const char     *value);
void               mp_case_set_boolean           (MpCase         *self,
                                                  const char     *name,
                                                  gboolean        value);
void               mp_case_set_time              (MpCase         *self,
                                                  const char     *name,
                                                  gint64          value);

/* Answers to the checklist, by item id. (transfer none) */
const MpAnswer    *mp_case_get_answer            (MpCase         *self,
                                                  const char     *item);
const char        *mp_case_get_answer_value      (MpCase         *self,
                                                  const char     *item);
/* Returns: (transfer container): the item ids answered, sorted. */
GPtrArray         *mp_case_list_answers          (MpCase         *self);

/* Store-side setters: not for callers outside core. */
void               _mp_case_set_id               (MpCase         *self,
                                                  gint64          id);
void               _mp_case_put_answer           (MpCase         *self,
                                                  MpAnswer       *answer);
void               _mp_case_clear_answers        (MpCase         *self);
/* A stored case's answers are read when first asked for: @load puts them
 * with _mp_case_put_answer(). One source is shared by the cases of one
 * unlock; detaching it (on lock) leaves unread answers unread. */
typedef struct _MpCaseAnswerSource MpCaseAnswerSource;
typedef void (*MpCaseAnswerLoader) (MpCase   *kase,
                                    gpointer  data);
MpCaseAnswerSource *_mp_case_answer_source_new    (MpCaseAnswerLoader  load,
                                                   gpointer            data);
void               _mp_case_answer_source_unref  (MpCaseAnswerSource *source);
void               _mp_case_answer_source_detach (MpCaseAnswerSource *source);
void               _mp_case_set_answer_source    (MpCase             *self,
                                                  MpCaseAnswerSource *source);

/* Helpers for the fixed ISO 8601 form used in storage and JSON.
 * Returns: (transfer full) (nullable). */
char              *mp_time_format_iso8601        (gint64          usec);
gboolean           mp_time_parse_iso8601         (const char     *text,
                                                  gint64         *usec);
gint64             mp_time_now                   (void);

G_END_DECLS

G_BEGIN_DECLS
/* Returns: (transfer full): a detached copy with the same id, fields and answers. */
MpCase            *_mp_case_clone                (MpCase         *self);
/* Copies every field and answer of @src into @self, notifying what changed. */
void               _mp_case_update_from          (MpCase         *self,
                                                  MpCase         *src);
G_END_DECLS
