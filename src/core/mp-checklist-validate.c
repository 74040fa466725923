/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Checking an answer against the kind of its checklist item (the items
 * themselves are in mp-checklist.c).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-cvss.h"
#include "mp-legal.h"
#include "mp-parse.h"

static gboolean
all_digits (const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A day since 1970: the day parser's rules, and no case is older. */
static gboolean
validate_date (const char *value)
{
  GDate date;

  return mp_date_parse (value, &date) && g_date_get_year (&date) >= 1970;
}

static gboolean
validate_amount (const char *value)
{
  gint64 cents;

  return mp_amount_parse (value, &cents);
}

static gboolean
validate_reference (const char *value)
{
  gsize length = strlen (value);

  return length >= 13 && g_str_has_prefix (value, "CVD-") && all_digits (value + 4, 4) &&
         value[8] == '-' && all_digits (value + 9, length - 9) && length <= 15;
}

/* The whole vector is parsed, and the engine's own message (naming the bad
 * metric) is passed on. */
static gboolean
validate_cvss (const char  *value,
               GError     **error)
{
  g_autoptr(GError) cvss_error = NULL;
  g_autoptr(MpCvss) cvss = NULL;

  /* Stored as given, so no white space around it. */
  if (value[0] != '\0' && !g_ascii_isspace (value[0]) &&
      !g_ascii_isspace (value[strlen (value) - 1]) &&
      (cvss = mp_cvss_parse (value, &cvss_error)) != NULL)
    return TRUE;
  if (cvss_error != NULL)
    {
      g_set_error_literal (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                           cvss_error->message);
      return FALSE;
    }
  g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
               _("“%s” is not a CVSS vector; it starts with CVSS:3.1/ or CVSS:4.0/, for example "
                 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."), value);
  return FALSE;
}

static GString *
list_choices (const MpChecklistChoice *choices)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; choices[i].value != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, choices[i].value);
    }
  return list;
}

gboolean
mp_checklist_validate_answer (const char  *item,
                              const char  *value,
                              GError     **error)
{
  const MpChecklistItem *meta;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  meta = mp_checklist_lookup_item (item);
  if (meta == NULL)
    {
      g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_UNKNOWN_ITEM,
                   _("There is no checklist item “%s”."), item);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                           _("The answer is not valid UTF-8."));
      return FALSE;
    }

  switch (meta->kind)
    {
    case MP_ANSWER_KIND_YES_NO:
    case MP_ANSWER_KIND_YES_NO_UNKNOWN:
    case MP_ANSWER_KIND_CHOICE:
      if (mp_checklist_item_get_value_label (meta, value) == NULL)
        {
          g_autoptr(GString) allowed = list_choices (meta->choices);

          g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                       _("“%s” is not an answer to %s; use one of: %s."),
                       value, item, allowed->str);
          return FALSE;
        }
      return TRUE;

    case MP_ANSWER_KIND_TEXT:
      if (is_blank (value))
        {
          g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                       _("The answer to %s is empty."), item);
          return FALSE;
        }
      return TRUE;

    case MP_ANSWER_KIND_DATE:
      if (!validate_date (value))
        {
          g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                       _("“%s” is not a date; write it as YYYY-MM-DD, for example 2026-11-20."),
                       value);
          return FALSE;
        }
      return TRUE;

    case MP_ANSWER_KIND_CVSS:
      return validate_cvss (value, error);

    case MP_ANSWER_KIND_AMOUNT:
      if (!validate_amount (value))
        {
          g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                       _("“%s” is not an amount; write euros with a dot and at most two "
                         "decimals, for example 150.00."), value);
          return FALSE;
        }
      return TRUE;

    case MP_ANSWER_KIND_MOMENT:
      {
        gint64 moment;

        if (!mp_legal_parse_moment (value, &moment))
          {
            g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                         _("“%s” is not a moment; write it as date, time and zone, for example "
                           "2026-10-24T09:30:00+02:00."), value);
            return FALSE;
          }
        return TRUE;
      }

    case MP_ANSWER_KIND_REFERENCE:
      if (!validate_reference (value))
        {
          g_set_error (error, MP_CHECKLIST_ERROR, MP_CHECKLIST_ERROR_INVALID,
                       _("“%s” is not a case reference; write it as CVD-YYYY-NNNN, for "
                         "example CVD-2026-0012."), value);
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}
