/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "mp-case.h"
#include "mp-desk-context.h"
#include "mp-ics.h"
#include "mp-record.h"

/* The file is written in the language the desk chose for it, not the UI's. */
static const struct
{
  const char *kind;
  const char *en;
  const char *nl;
} kind_phrases[] = {
  { "acknowledgement",    "acknowledgement due",       "ontvangstbevestiging verwacht" },
  { "assessment",         "assessment due",            "beoordeling verwacht" },
  { "progress-update",    "progress update due",       "voortgangsbericht verwacht" },
  { "reporter-follow-up", "follow up with reporter",   "melder opnieuw benaderen" },
  { "fix-target",         "fix target",                "streefdatum oplossing" },
  { "disclosure",         "disclosure deadline",       "uiterste openbaarmakingsdatum" },
  { "publication",        "agreed publication",        "afgesproken publicatie" },
  { "data-deletion",      "confidential data to be deleted", "vertrouwelijke gegevens verwijderen" },
  /* The legal clocks (issue 23): what is due at the authority. */
  { "gdpr-authority",     "data breach: notify the Dutch DPA (AP)", "datalek: melden bij de AP" },
  { "gdpr-controller",    "data breach: inform the controller",
    "datalek: verwerkingsverantwoordelijke informeren" },
  { "nis2-early-warning", "NIS2 early warning to the CSIRT",
    "NIS2 vroegtijdige waarschuwing aan CSIRT" },
  { "nis2-notification",  "NIS2 incident notification", "NIS2 incidentmelding" },
  { "nis2-final",         "NIS2 final report", "NIS2 eindverslag" },
  { "cra-early-warning",  "CRA early warning", "CRA vroegtijdige waarschuwing" },
  { "cra-notification",   "CRA vulnerability notification", "CRA kwetsbaarheidsmelding" },
  { "cra-final",          "CRA final report", "CRA eindverslag" },
  /* The desk's own (issue 24): the reference is the domain. */
  { "security-txt-renewal", "renew security.txt", "security.txt vernieuwen" },
};

char *
mp_ics_deadline_summary (const char *reference,
                         const char *kind,
                         const char *language)
{
  gboolean dutch = g_strcmp0 (language, "nl") == 0;

  g_return_val_if_fail (reference != NULL && kind != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kind_phrases); i++)
    if (g_str_equal (kind_phrases[i].kind, kind))
      return g_strdup_printf ("%s: %s", reference, dutch ? kind_phrases[i].nl : kind_phrases[i].en);
  return g_strdup_printf ("%s: %s", reference, kind);
}

/* Every moment is written in UTC ("…Z", no TZID): calendars convert it to
 * their own zone, and no VTIMEZONE has to agree with theirs. A UTC value
 * under a TZID (what libical makes of a zoned time from a time_t) is read as
 * wall-clock time by GNOME Calendar, Evolution and Thunderbird. */
static struct icaltimetype
to_utc (gint64 usec)
{
  return icaltime_from_timet_with_zone ((time_t) (usec / G_USEC_PER_SEC), 0,
                                        icaltimezone_get_utc_timezone ());
}

char *
mp_ics_build (GListModel  *deadlines,
              const char  *timezone,
              const char  *language,
              GError     **error)
{
  icalcomponent *calendar;
  g_autoptr(GTimeZone) zone = NULL;
  char *text;
  char *result;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (G_IS_LIST_MODEL (deadlines), NULL);

  if (timezone == NULL)
    timezone = MP_DESK_DEFAULT_TIMEZONE;
  zone = g_time_zone_new_identifier (timezone);
  if (zone == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The time zone “%s” is not known."), timezone);
      return NULL;
    }

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Meldpunt//Meldpunt " PACKAGE_VERSION "//EN"),
                                  icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                  (void *) 0);
  {
    icalproperty *name = icalproperty_new_x (g_strcmp0 (language, "nl") == 0
                                               ? "Meldpunt-termijnen" : "Meldpunt deadlines");

    icalproperty_set_x_name (name, "X-WR-CALNAME");
    icalcomponent_add_property (calendar, name);
  }
  {
    /* The desk's zone, as a hint for display only: every time is in UTC. */
    icalproperty *zone_name = icalproperty_new_x (timezone);

    icalproperty_set_x_name (zone_name, "X-WR-TIMEZONE");
    icalcomponent_add_property (calendar, zone_name);
  }

  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      g_autofree char *uid = NULL;
      g_autofree char *summary = NULL;
      icalcomponent *event;
      icalcomponent *alarm;
      icalproperty *start, *end;
      struct icaltriggertype trigger = { 0 };

      if (mp_deadline_is_met (deadline))
        continue;

      uid = g_strdup_printf ("%s-%s@meldpunt.github.io", mp_deadline_get_reference (deadline),
                             mp_deadline_get_kind (deadline));
      summary = mp_ics_deadline_summary (mp_deadline_get_reference (deadline),
                                         mp_deadline_get_kind (deadline), language);

      /* The event ends at the due moment, so it shows on the day it is due. */
      start = icalproperty_new_dtstart (to_utc (mp_deadline_get_due_at (deadline)
                                                - 30 * 60 * G_USEC_PER_SEC));
      end = icalproperty_new_dtend (to_utc (mp_deadline_get_due_at (deadline)));

      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (to_utc (now)),
                                   start, end,
                                   icalproperty_new_summary (summary),
                                   icalproperty_new_categories (mp_deadline_get_kind (deadline)),
                                   icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT),
                                   (void *) 0);

      trigger.duration = icaldurationtype_from_int (-24 * 3600);
      alarm = icalcomponent_vanew (ICAL_VALARM_COMPONENT,
                                   icalproperty_new_action (ICAL_ACTION_DISPLAY),
                                   icalproperty_new_trigger (trigger),
                                   icalproperty_new_description (summary),
                                   (void *) 0);
      icalcomponent_add_component (event, alarm);
      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  free (text);
  icalcomponent_free (calendar);
  return result;
}
