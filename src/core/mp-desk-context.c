/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-case.h"
#include "mp-desk-context.h"

struct _MpDeskContext
{
  GObject    parent_instance;

  GTimeZone *tz;
  char      *timezone;
};

G_DEFINE_FINAL_TYPE (MpDeskContext, mp_desk_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEZONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The identifier a zone is known by: the one asked for when the system
 * knows it, the default's otherwise. */
static char *
known_identifier (const char *identifier)
{
  g_autoptr(GTimeZone) tz = NULL;

  if (identifier != NULL && *identifier != '\0')
    tz = g_time_zone_new_identifier (identifier);
  if (tz != NULL)
    return g_strdup (identifier);
  return g_strdup (MP_DESK_DEFAULT_TIMEZONE);
}

static void
mp_desk_context_finalize (GObject *object)
{
  MpDeskContext *self = MP_DESK_CONTEXT (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->timezone, g_free);

  G_OBJECT_CLASS (mp_desk_context_parent_class)->finalize (object);
}

static void
mp_desk_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpDeskContext *self = MP_DESK_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_desk_context_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpDeskContext *self = MP_DESK_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_TIMEZONE:
      mp_desk_context_set_timezone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_desk_context_class_init (MpDeskContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_desk_context_finalize;
  object_class->get_property = mp_desk_context_get_property;
  object_class->set_property = mp_desk_context_set_property;

  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, MP_DESK_DEFAULT_TIMEZONE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mp_desk_context_init (MpDeskContext *self)
{
  self->timezone = g_strdup (MP_DESK_DEFAULT_TIMEZONE);
  self->tz = mp_desk_time_zone_new (self->timezone);
}

GTimeZone *
mp_desk_time_zone_new (const char *identifier)
{
  GTimeZone *tz = NULL;

  if (identifier != NULL && *identifier != '\0')
    tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    tz = g_time_zone_new_identifier (MP_DESK_DEFAULT_TIMEZONE);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return tz;
}

MpDeskContext *
mp_desk_context_new (const char *timezone)
{
  MpDeskContext *self = g_object_new (MP_TYPE_DESK_CONTEXT, NULL);

  mp_desk_context_set_timezone (self, timezone);
  return self;
}

void
mp_desk_context_set_timezone (MpDeskContext *self,
                              const char    *timezone)
{
  g_autofree char *identifier = NULL;

  g_return_if_fail (MP_IS_DESK_CONTEXT (self));

  identifier = known_identifier (timezone);
  if (g_strcmp0 (identifier, self->timezone) == 0)
    return;
  g_free (self->timezone);
  self->timezone = g_steal_pointer (&identifier);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = mp_desk_time_zone_new (self->timezone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);
}

const char *
mp_desk_context_get_timezone (MpDeskContext *self)
{
  g_return_val_if_fail (MP_IS_DESK_CONTEXT (self), NULL);

  return self->timezone;
}

GTimeZone *
mp_desk_context_get_time_zone (MpDeskContext *self)
{
  g_return_val_if_fail (MP_IS_DESK_CONTEXT (self), NULL);

  return self->tz;
}

gint64
mp_desk_context_now (MpDeskContext *self)
{
  g_return_val_if_fail (MP_IS_DESK_CONTEXT (self), 0);

  return mp_time_now ();
}

GDateTime *
mp_desk_context_to_desk (MpDeskContext *self,
                         gint64         usec)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (MP_IS_DESK_CONTEXT (self), NULL);

  /* Floor division, so that moments before 1970 land on the right second. */
  utc = g_date_time_new_from_unix_utc (usec >= 0 ? usec / G_USEC_PER_SEC
                                                 : -((-usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
  if (utc == NULL)
    return NULL;
  return g_date_time_to_timezone (utc, self->tz);
}

GDate
mp_desk_context_day_of (MpDeskContext *self,
                        gint64         usec)
{
  g_autoptr(GDateTime) local = mp_desk_context_to_desk (self, usec);
  GDate date;

  g_date_clear (&date, 1);
  if (local != NULL)
    g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                    (GDateMonth) g_date_time_get_month (local),
                    (GDateYear) g_date_time_get_year (local));
  return date;
}

int
mp_desk_context_year_of (MpDeskContext *self,
                         gint64         usec)
{
  g_autoptr(GDateTime) local = mp_desk_context_to_desk (self, usec);

  return local != NULL ? g_date_time_get_year (local) : 0;
}

char *
mp_desk_context_dup_today (MpDeskContext *self)
{
  g_autoptr(GDateTime) local = mp_desk_context_to_desk (self, mp_desk_context_now (self));

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : NULL;
}

GDateTime *
mp_desk_context_new_date_time (MpDeskContext *self,
                               int            year,
                               int            month,
                               int            day,
                               int            hour,
                               int            minute,
                               double         seconds)
{
  g_return_val_if_fail (MP_IS_DESK_CONTEXT (self), NULL);

  return g_date_time_new (self->tz, year, month, day, hour, minute, seconds);
}

gint64
mp_desk_context_start_of_day (MpDeskContext *self,
                              int            year,
                              int            month,
                              int            day)
{
  g_autoptr(GDateTime) start = NULL;

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;
  start = mp_desk_context_new_date_time (self, year, month, day, 0, 0, 0);
  return start != NULL ? g_date_time_to_unix (start) * G_USEC_PER_SEC : 0;
}

gint64
mp_desk_context_start_of_date (MpDeskContext *self,
                               const GDate   *date)
{
  g_return_val_if_fail (date != NULL, 0);

  if (!g_date_valid (date))
    return 0;
  return mp_desk_context_start_of_day (self, g_date_get_year (date), g_date_get_month (date),
                                       g_date_get_day (date));
}
