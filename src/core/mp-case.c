/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-case.h"
#include "mp-error.h"
#include "mp-vocabulary.h"

/* The order is the order of `case show`. */
static const MpCaseField fields[] = {
  { "reference",             MP_FIELD_TEXT,    FALSE, FALSE, FALSE },
  { "status",                MP_FIELD_TEXT,    FALSE, FALSE, FALSE },
  { "outcome",               MP_FIELD_TEXT,    FALSE, FALSE, FALSE },
  { "title",                 MP_FIELD_TEXT,    FALSE, TRUE,  FALSE },
  { "received_at",           MP_FIELD_TIME,    FALSE, TRUE,  FALSE },
  { "channel",               MP_FIELD_TEXT,    FALSE, TRUE,  FALSE },
  { "asset",                 MP_FIELD_TEXT,    FALSE, TRUE,  FALSE },
  { "reporter_name",         MP_FIELD_TEXT,    TRUE,  TRUE,  TRUE  },
  { "reporter_email",        MP_FIELD_TEXT,    TRUE,  TRUE,  TRUE  },
  { "reporter_language",     MP_FIELD_TEXT,    FALSE, TRUE,  TRUE  },
  { "reporter_anonymous",    MP_FIELD_BOOLEAN, FALSE, TRUE,  TRUE  },
  { "reporter_wants_credit", MP_FIELD_BOOLEAN, FALSE, TRUE,  TRUE  },
  { "report_encrypted",      MP_FIELD_BOOLEAN, FALSE, TRUE,  FALSE },
  { "description",           MP_FIELD_TEXT,    TRUE,  TRUE,  FALSE },
  { "impact",                MP_FIELD_TEXT,    TRUE,  TRUE,  FALSE },
  { "reproduction",          MP_FIELD_TEXT,    TRUE,  TRUE,  FALSE },
  { "notes",                 MP_FIELD_TEXT,    TRUE,  TRUE,  FALSE },
  { "severity",              MP_FIELD_TEXT,    FALSE, FALSE, FALSE },
  { "next_due",              MP_FIELD_TIME,    FALSE, FALSE, FALSE },
  { "next_due_kind",         MP_FIELD_TEXT,    FALSE, FALSE, FALSE },
  { "created_at",            MP_FIELD_TIME,    FALSE, FALSE, FALSE },
  { "updated_at",            MP_FIELD_TIME,    FALSE, FALSE, FALSE },
  { "closed_at",             MP_FIELD_TIME,    FALSE, FALSE, FALSE },
  { "erased_at",             MP_FIELD_TIME,    FALSE, FALSE, FALSE },
};

#define N_FIELDS G_N_ELEMENTS (fields)

static const char * const languages[] = { "nl", "en", NULL };

struct _MpCase
{
  GObject      parent_instance;

  gint64       id;
  /* Counts the changes of properties: a cache derived from the case
   * compares it instead of connecting a handler to each of 100,000 cases.
   * (Overriding GObjectClass.notify would do it too, but would make every
   * notification a signal emission, even while nobody listens.) */
  guint        changes;
  union {
    char      *text;
    gboolean   boolean;
    gint64     time;
  }            values[N_FIELDS];
  GHashTable  *answers;   /* item -> MpAnswer; NULL until the first answer */
  /* Where the answers still have to be read from: a stored case's answers
   * are read on first use, not at unlock (there are some 30 per case). */
  MpCaseAnswerSource *answer_source;
};

struct _MpCaseAnswerSource
{
  gatomicrefcount     ref_count;
  MpCaseAnswerLoader  load;
  gpointer            data;   /* NULL once detached */
};

MpCaseAnswerSource *
_mp_case_answer_source_new (MpCaseAnswerLoader load,
                            gpointer           data)
{
  MpCaseAnswerSource *source = g_new0 (MpCaseAnswerSource, 1);

  g_atomic_ref_count_init (&source->ref_count);
  source->load = load;
  source->data = data;
  return source;
}

void
_mp_case_answer_source_unref (MpCaseAnswerSource *source)
{
  if (source != NULL && g_atomic_ref_count_dec (&source->ref_count))
    g_free (source);
}

void
_mp_case_answer_source_detach (MpCaseAnswerSource *source)
{
  g_return_if_fail (source != NULL);
  source->data = NULL;
}

void
_mp_case_set_answer_source (MpCase             *self,
                            MpCaseAnswerSource *source)
{
  g_return_if_fail (MP_IS_CASE (self));

  if (source != NULL)
    g_atomic_ref_count_inc (&source->ref_count);
  _mp_case_answer_source_unref (self->answer_source);
  self->answer_source = source;
}

/* Reads the answers from the source, once. */
static void
ensure_answers (MpCase *self)
{
  MpCaseAnswerSource *source = self->answer_source;

  if (source == NULL)
    return;
  /* First, so that the loader's _mp_case_put_answer() does not come back here. */
  self->answer_source = NULL;
  if (source->data != NULL)
    source->load (self, source->data);
  _mp_case_answer_source_unref (source);
}

/* Forgets the answers still to be read: they are about to be replaced. */
static void
drop_answer_source (MpCase *self)
{
  g_clear_pointer (&self->answer_source, _mp_case_answer_source_unref);
}

static void check_field_places (void);

G_DEFINE_FINAL_TYPE (MpCase, mp_case, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (MpAnswer, mp_answer, mp_answer_copy, mp_answer_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_FIELD,
  N_PROPS = PROP_FIRST_FIELD + N_FIELDS
};

static GParamSpec *properties[N_PROPS];

MpAnswer *
mp_answer_copy (const MpAnswer *answer)
{
  MpAnswer *copy = g_new0 (MpAnswer, 1);

  copy->item = g_strdup (answer->item);
  copy->value = g_strdup (answer->value);
  copy->note = g_strdup (answer->note);
  copy->actor = g_strdup (answer->actor);
  copy->answered_at = answer->answered_at;
  return copy;
}

void
mp_answer_free (MpAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->item);
  g_free (answer->value);
  g_free (answer->note);
  g_free (answer->actor);
  g_free (answer);
}

static int
field_index (const char *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (strcmp (fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

gint64
mp_time_now (void)
{
#if MP_TEST_HOOKS
  const char *now = g_getenv ("MELDPUNT_NOW");
  gint64 usec;

  /* Tests pin "now" so that deadlines are reproducible. */
  if (now != NULL && mp_time_parse_iso8601 (now, &usec))
    return usec;
#endif
  return g_get_real_time ();
}

char *
mp_time_format_iso8601 (gint64 usec)
{
  g_autoptr(GDateTime) dt = NULL;

  if (usec == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
mp_time_parse_iso8601 (const char *text,
                       gint64     *usec)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      /* A bare date means the start of that day in UTC. */
      g_autofree char *with_time = g_strconcat (text, "T00:00:00Z", NULL);

      if (strlen (text) == 10)
        dt = g_date_time_new_from_iso8601 (with_time, utc);
    }
  if (dt == NULL)
    return FALSE;
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

static void
mp_case_finalize (GObject *object)
{
  MpCase *self = MP_CASE (object);

  for (guint i = 0; i < N_FIELDS; i++)
    if (fields[i].kind == MP_FIELD_TEXT)
      g_free (self->values[i].text);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  drop_answer_source (self);

  G_OBJECT_CLASS (mp_case_parent_class)->finalize (object);
}

static void
mp_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  MpCase *self = MP_CASE (object);
  guint i;

  if (prop_id == PROP_ID)
    {
      g_value_set_int64 (value, self->id);
      return;
    }
  if (prop_id < PROP_FIRST_FIELD || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  i = prop_id - PROP_FIRST_FIELD;
  switch (fields[i].kind)
    {
    case MP_FIELD_TEXT:
      g_value_set_string (value, self->values[i].text);
      break;
    case MP_FIELD_BOOLEAN:
      g_value_set_boolean (value, self->values[i].boolean);
      break;
    case MP_FIELD_TIME:
      g_value_set_int64 (value, self->values[i].time);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
mp_case_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  MpCase *self = MP_CASE (object);
  guint i;

  if (prop_id < PROP_FIRST_FIELD || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  i = prop_id - PROP_FIRST_FIELD;
  switch (fields[i].kind)
    {
    case MP_FIELD_TEXT:
      mp_case_set_text (self, fields[i].name, g_value_get_string (value));
      break;
    case MP_FIELD_BOOLEAN:
      mp_case_set_boolean (self, fields[i].name, g_value_get_boolean (value));
      break;
    case MP_FIELD_TIME:
      mp_case_set_time (self, fields[i].name, g_value_get_int64 (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
mp_case_class_init (MpCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  check_field_places ();
  object_class->finalize = mp_case_finalize;
  object_class->get_property = mp_case_get_property;
  object_class->set_property = mp_case_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /* One property per field, named as the field with dashes. */
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (fields[i].name), "_", '-');
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;

      switch (fields[i].kind)
        {
        case MP_FIELD_TEXT:
          properties[PROP_FIRST_FIELD + i] = g_param_spec_string (name, NULL, NULL, NULL, flags);
          break;
        case MP_FIELD_BOOLEAN:
          properties[PROP_FIRST_FIELD + i] = g_param_spec_boolean (name, NULL, NULL, FALSE, flags);
          break;
        case MP_FIELD_TIME:
          properties[PROP_FIRST_FIELD + i] = g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                                                                 flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_case_init (MpCase *self)
{
  self->values[field_index ("reporter_language")].text = g_strdup ("nl");
  self->values[field_index ("channel")].text = g_strdup ("email");
  self->values[field_index ("status")].text = g_strdup ("intake");
}

const MpCaseField *
mp_case_get_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_FIELDS;
  return fields;
}

const MpCaseField *
mp_case_lookup_field (const char *name)
{
  int i;

  g_return_val_if_fail (name != NULL, NULL);

  i = field_index (name);
  return i < 0 ? NULL : &fields[i];
}

MpCase *
mp_case_new (void)
{
  return g_object_new (MP_TYPE_CASE, NULL);
}

gint64
mp_case_get_id (MpCase *self)
{
  g_return_val_if_fail (MP_IS_CASE (self), 0);
  return self->id;
}

void
_mp_case_set_id (MpCase *self,
                 gint64  id)
{
  g_return_if_fail (MP_IS_CASE (self));

  if (self->id != id)
    {
      self->id = id;
      self->changes++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
mp_case_get_text (MpCase     *self,
                  const char *name)
{
  int i;

  g_return_val_if_fail (MP_IS_CASE (self), NULL);
  i = field_index (name);
  g_return_val_if_fail (i >= 0 && fields[i].kind == MP_FIELD_TEXT, NULL);

  return self->values[i].text;
}

gboolean
mp_case_get_boolean (MpCase     *self,
                     const char *name)
{
  int i;

  g_return_val_if_fail (MP_IS_CASE (self), FALSE);
  i = field_index (name);
  g_return_val_if_fail (i >= 0 && fields[i].kind == MP_FIELD_BOOLEAN, FALSE);

  return self->values[i].boolean;
}

gint64
mp_case_get_time (MpCase     *self,
                  const char *name)
{
  int i;

  g_return_val_if_fail (MP_IS_CASE (self), 0);
  i = field_index (name);
  g_return_val_if_fail (i >= 0 && fields[i].kind == MP_FIELD_TIME, 0);

  return self->values[i].time;
}

void
mp_case_set_text (MpCase     *self,
                  const char *name,
                  const char *value)
{
  int i;

  g_return_if_fail (MP_IS_CASE (self));
  i = field_index (name);
  g_return_if_fail (i >= 0 && fields[i].kind == MP_FIELD_TEXT);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->values[i].text, value) != 0)
    {
      g_free (self->values[i].text);
      self->values[i].text = g_strdup (value);
      self->changes++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + i]);
    }
}

void
mp_case_set_boolean (MpCase     *self,
                     const char *name,
                     gboolean    value)
{
  int i;

  g_return_if_fail (MP_IS_CASE (self));
  i = field_index (name);
  g_return_if_fail (i >= 0 && fields[i].kind == MP_FIELD_BOOLEAN);

  value = !!value;
  if (self->values[i].boolean != value)
    {
      self->values[i].boolean = value;
      self->changes++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + i]);
    }
}

void
mp_case_set_time (MpCase     *self,
                  const char *name,
                  gint64      value)
{
  int i;

  g_return_if_fail (MP_IS_CASE (self));
  i = field_index (name);
  g_return_if_fail (i >= 0 && fields[i].kind == MP_FIELD_TIME);

  if (self->values[i].time != value)
    {
      self->values[i].time = value;
      self->changes++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + i]);
    }
}

char *
mp_case_dup_value_string (MpCase     *self,
                          const char *name)
{
  int i;

  g_return_val_if_fail (MP_IS_CASE (self), NULL);
  i = field_index (name);
  g_return_val_if_fail (i >= 0, NULL);

  switch (fields[i].kind)
    {
    case MP_FIELD_TEXT:
      return g_strdup (self->values[i].text);
    case MP_FIELD_BOOLEAN:
      return g_strdup (self->values[i].boolean ? "true" : "false");
    case MP_FIELD_TIME:
      return mp_time_format_iso8601 (self->values[i].time);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_boolean (const char *value,
               gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "1", "ja", NULL };
  static const char * const no[] = { "false", "no", "0", "nee", NULL };

  if (value == NULL)
    return FALSE;
  if (g_strv_contains (yes, value))
    *out = TRUE;
  else if (g_strv_contains (no, value))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_plausible_email (const char *value)
{
  const char *at = strchr (value, '@');

  return at != NULL && at != value && strchr (at + 1, '.') != NULL &&
         strchr (at + 1, '@') == NULL && strpbrk (value, " \t\r\n<>,;") == NULL &&
         at[1] != '.' && value[strlen (value) - 1] != '.';
}

gboolean
mp_case_set_value_string (MpCase      *self,
                          const char  *name,
                          const char  *value,
                          GError     **error)
{
  int i;

  g_return_val_if_fail (MP_IS_CASE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  i = field_index (name);
  if (i < 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("There is no field “%s”."), name);
      return FALSE;
    }

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("The value for “%s” is not valid UTF-8 text."), name);
      return FALSE;
    }

  switch (fields[i].kind)
    {
    case MP_FIELD_TEXT:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value != NULL ? value : ""));

        if (g_str_equal (name, "title") && *stripped == '\0')
          {
            g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                                 _("A case needs a title."));
            return FALSE;
          }
        if (g_str_equal (name, "channel") &&
            mp_vocabulary_lookup (MP_VOCABULARY_CHANNEL, stripped) == NULL)
          {
            g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                         _("“%s” is not a channel; use email, web-form, phone, letter or other."),
                         stripped);
            return FALSE;
          }
        if (g_str_equal (name, "reporter_language") && !g_strv_contains (languages, stripped))
          {
            g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                         _("“%s” is not a language Meldpunt writes letters in; use nl or en."),
                         stripped);
            return FALSE;
          }
        if (g_str_equal (name, "reporter_email") && *stripped != '\0' &&
            !is_plausible_email (stripped))
          {
            g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                         _("“%s” is not an e-mail address."), stripped);
            return FALSE;
          }
        /* Long texts keep their own white space; one-line fields are trimmed. */
        if (fields[i].confidential && !fields[i].reporter)
          mp_case_set_text (self, name, value);
        else
          mp_case_set_text (self, name, stripped);
        return TRUE;
      }

    case MP_FIELD_BOOLEAN:
      {
        gboolean b = FALSE;

        if (!parse_boolean (value, &b))
          {
            g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                         _("“%s” needs true or false."), name);
            return FALSE;
          }
        mp_case_set_boolean (self, name, b);
        return TRUE;
      }

    case MP_FIELD_TIME:
      {
        gint64 usec = 0;

        if (!mp_time_parse_iso8601 (value, &usec))
          {
            g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                         _("“%s” needs a date and time such as 2026-11-20T09:30:00+01:00."),
                         name);
            return FALSE;
          }
        mp_case_set_time (self, name, usec);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* The typed getters below read their field by its place in fields[]:
 * the case list sorts and filters every case by them on each change, and
 * looking a name up costs a dozen string comparisons (issue 12). */
enum {
  F_REFERENCE,
  F_STATUS,
  F_OUTCOME,
  F_TITLE,
  F_RECEIVED_AT,
  F_CHANNEL,
  F_ASSET,
  F_REPORTER_NAME,
  F_REPORTER_EMAIL,
  F_REPORTER_LANGUAGE,
  F_DESCRIPTION = 13,
  F_IMPACT,
  F_REPRODUCTION,
  F_SEVERITY = 17,
  F_NEXT_DUE,
  F_NEXT_DUE_KIND,
  F_CLOSED_AT = 22,
  F_ERASED_AT,
};

#define TEXT_GETTER(fn, id) \
  const char *fn (MpCase *self) \
  { \
    g_return_val_if_fail (MP_IS_CASE (self), NULL); \
    return self->values[id].text; \
  }

#define TIME_GETTER(fn, id) \
  gint64 fn (MpCase *self) \
  { \
    g_return_val_if_fail (MP_IS_CASE (self), 0); \
    return self->values[id].time; \
  }

/* The places above must name the fields they read. */
static void
check_field_places (void)
{
  static const struct { int id; const char *name; } places[] = {
    { F_REFERENCE, "reference" }, { F_STATUS, "status" }, { F_OUTCOME, "outcome" },
    { F_TITLE, "title" }, { F_RECEIVED_AT, "received_at" }, { F_CHANNEL, "channel" },
    { F_ASSET, "asset" }, { F_REPORTER_NAME, "reporter_name" },
    { F_REPORTER_EMAIL, "reporter_email" }, { F_REPORTER_LANGUAGE, "reporter_language" },
    { F_DESCRIPTION, "description" }, { F_IMPACT, "impact" },
    { F_REPRODUCTION, "reproduction" }, { F_SEVERITY, "severity" }, { F_NEXT_DUE, "next_due" },
    { F_NEXT_DUE_KIND, "next_due_kind" }, { F_CLOSED_AT, "closed_at" },
    { F_ERASED_AT, "erased_at" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_assert (field_index (places[i].name) == places[i].id);
}

TEXT_GETTER (mp_case_get_reference, F_REFERENCE)
TEXT_GETTER (mp_case_get_status, F_STATUS)
TEXT_GETTER (mp_case_get_outcome, F_OUTCOME)
TEXT_GETTER (mp_case_get_title, F_TITLE)
TEXT_GETTER (mp_case_get_asset, F_ASSET)
TEXT_GETTER (mp_case_get_reporter_name, F_REPORTER_NAME)
TEXT_GETTER (mp_case_get_reporter_email, F_REPORTER_EMAIL)
TEXT_GETTER (mp_case_get_reporter_language, F_REPORTER_LANGUAGE)
TEXT_GETTER (mp_case_get_description, F_DESCRIPTION)
TEXT_GETTER (mp_case_get_impact, F_IMPACT)
TEXT_GETTER (mp_case_get_reproduction, F_REPRODUCTION)
TEXT_GETTER (mp_case_get_severity, F_SEVERITY)
TEXT_GETTER (mp_case_get_next_due_kind, F_NEXT_DUE_KIND)
TIME_GETTER (mp_case_get_received_at, F_RECEIVED_AT)
TIME_GETTER (mp_case_get_next_due, F_NEXT_DUE)
TIME_GETTER (mp_case_get_closed_at, F_CLOSED_AT)

/**
 * mp_case_get_changes:
 *
 * Returns: a number that changes whenever a property of @self changes
 */
guint
mp_case_get_changes (MpCase *self)
{
  g_return_val_if_fail (MP_IS_CASE (self), 0);
  return self->changes;
}

gboolean
mp_case_is_erased (MpCase *self)
{
  g_return_val_if_fail (MP_IS_CASE (self), FALSE);
  return self->values[F_ERASED_AT].time != 0;
}

gboolean
mp_case_is_closed (MpCase *self)
{
  const char *status = mp_case_get_status (self);

  return status != NULL && strcmp (status, "closed") == 0;
}

const MpAnswer *
mp_case_get_answer (MpCase     *self,
                    const char *item)
{
  g_return_val_if_fail (MP_IS_CASE (self), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  ensure_answers (self);
  return self->answers != NULL ? g_hash_table_lookup (self->answers, item) : NULL;
}

const char *
mp_case_get_answer_value (MpCase     *self,
                          const char *item)
{
  const MpAnswer *answer = mp_case_get_answer (self, item);

  return answer != NULL ? answer->value : NULL;
}

static int
compare_item_ids (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
mp_case_list_answers (MpCase *self)
{
  GPtrArray *items = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (MP_IS_CASE (self), items);

  ensure_answers (self);
  if (self->answers == NULL)
    return items;
  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (items, key);
  g_ptr_array_sort (items, compare_item_ids);
  return items;
}

void
_mp_case_put_answer (MpCase   *self,
                     MpAnswer *answer)
{
  g_return_if_fail (MP_IS_CASE (self));
  g_return_if_fail (answer != NULL && answer->item != NULL);

  ensure_answers (self);
  if (self->answers == NULL)
    self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) mp_answer_free);
  g_hash_table_replace (self->answers, answer->item, answer);
}

void
_mp_case_clear_answers (MpCase *self)
{
  g_return_if_fail (MP_IS_CASE (self));
  drop_answer_source (self);
  if (self->answers != NULL)
    g_hash_table_remove_all (self->answers);
}

MpCase *
_mp_case_clone (MpCase *self)
{
  MpCase *copy;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MP_IS_CASE (self), NULL);

  copy = mp_case_new ();
  copy->id = self->id;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      if (fields[i].kind == MP_FIELD_TEXT)
        {
          g_free (copy->values[i].text);
          copy->values[i].text = g_strdup (self->values[i].text);
        }
      else
        copy->values[i] = self->values[i];
    }
  ensure_answers (self);
  if (self->answers != NULL)
    {
      g_hash_table_iter_init (&iter, self->answers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _mp_case_put_answer (copy, mp_answer_copy (value));
    }
  return copy;
}

void
_mp_case_update_from (MpCase *self,
                      MpCase *src)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (MP_IS_CASE (self));
  g_return_if_fail (MP_IS_CASE (src));

  g_object_freeze_notify (G_OBJECT (self));
  _mp_case_set_id (self, src->id);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      switch (fields[i].kind)
        {
        case MP_FIELD_TEXT:
          mp_case_set_text (self, fields[i].name, src->values[i].text);
          break;
        case MP_FIELD_BOOLEAN:
          mp_case_set_boolean (self, fields[i].name, src->values[i].boolean);
          break;
        case MP_FIELD_TIME:
          mp_case_set_time (self, fields[i].name, src->values[i].time);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  _mp_case_clear_answers (self);
  ensure_answers (src);
  if (src->answers != NULL)
    {
      g_hash_table_iter_init (&iter, src->answers);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _mp_case_put_answer (self, mp_answer_copy (value));
    }
  g_object_thaw_notify (G_OBJECT (self));
}
