/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "mp-cli.h"
#include "mp-deadlines.h"
#include "mp-format.h"
#include "mp-ics.h"
#include "mp-policy.h"
#include "mp-workdays.h"

/* A bound: a day (YYYY-MM-DD, in the desk's time zone) or an ISO 8601
 * moment. A day as --to includes the whole of that day. */
static gboolean
parse_bound (MpPolicy    *policy,
             const char  *text,
             gboolean     upper,
             gint64      *usec)
{
  GDate date;

  if (mp_date_parse (text, &date))
    {
      if (upper)
        g_date_add_days (&date, 1);
      *usec = mp_workdays_start_of_day (policy, &date);
      return TRUE;
    }
  return mp_time_parse_iso8601 (text, usec);
}

static int
bad_date (const char *text)
{
  g_printerr (_("meldpunt-cli: “%s” is not a date; write it as YYYY-MM-DD\n"), text);
  return 2;
}

int
mp_cli_deadlines (MpCli  *cli,
                  int     argc,
                  char  **argv)
{
  static const char usage[] =
    "deadlines [--from DATE] [--to DATE] [--json] [--ics FILE [--language nl|en]]";
  g_autoptr(GError) error = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *ics_path = NULL;
  g_autofree char *language = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only deadlines due on or after this day"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only deadlines due on or before this day"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "ics", 0, 0, G_OPTION_ARG_FILENAME, &ics_path,
      N_("Write the deadlines to an iCalendar file instead"), N_("FILE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Language of the iCalendar file’s summaries (nl or en; en by default)"), N_("LANGUAGE") },
    { NULL }
  };
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GListModel) deadlines = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  gint64 from = 0, to = 0;
  gint64 now = mp_time_now ();
  MpStore *store;

  if (!mp_cli_parse_options (usage, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (usage);

  /* Deadlines are sealed with their cases (issue 18): they are computed
   * from the cases after unlock, so the passphrase is needed. */
  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);

  if (from_text != NULL && !parse_bound (policy, from_text, FALSE, &from))
    return bad_date (from_text);
  if (to_text != NULL && !parse_bound (policy, to_text, TRUE, &to))
    return bad_date (to_text);

  if (language != NULL && g_strcmp0 (language, "nl") != 0 && g_strcmp0 (language, "en") != 0)
    {
      g_printerr (_("meldpunt-cli: the language must be nl or en, not “%s”\n"), language);
      return 2;
    }

  deadlines = mp_deadlines_list_open (store, from, to, &error);
  if (deadlines == NULL)
    return mp_cli_fail (error);

  /* The file is for calendar programs: times in the desk's time zone,
   * summaries in the chosen language, nothing confidential. */
  if (ics_path != NULL)
    {
      g_autofree char *text = mp_ics_build (deadlines, policy->timezone,
                                            language != NULL ? language : "en", &error);

      if (text == NULL || !g_file_set_contents (ics_path, text, -1, &error))
        return mp_cli_fail (error);
      return 0;
    }

  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  for (guint i = 0; i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
      g_autofree char *due = mp_time_format_iso8601 (mp_deadline_get_due_at (deadline));
      const char *state = mp_deadline_state_to_string (mp_deadlines_get_state (deadline, now));

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "reference");
          json_builder_add_string_value (builder, mp_deadline_get_reference (deadline));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, mp_deadline_get_kind (deadline));
          json_builder_set_member_name (builder, "due");
          json_builder_add_string_value (builder, due);
          json_builder_set_member_name (builder, "state");
          json_builder_add_string_value (builder, state);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\t%s\n", due, mp_deadline_get_reference (deadline),
                 mp_deadline_get_kind (deadline), state);
    }

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  return 0;
}
