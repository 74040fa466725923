/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-breach-register.h"
#include "mp-cli.h"
#include "mp-cli-help.h"
#include "mp-legal-drafts.h"
#include "mp-policy.h"
#include "mp-workdays.h"

#define DRAFT_USAGE "legal draft REF KIND [--language nl|en]"
#define REGISTER_USAGE "legal register [--from DATE] [--to DATE] [--language nl|en]"

/* `legal draft REF KIND`: the pre-filled text for the authority's form of
 * a legal deadline kind (gdpr-authority … cra-final), Dutch by default. */
static int
cmd_draft (MpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;
  MpStore *store;
  MpCase *kase;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Write the draft in this language (nl or en)"), N_("LANGUAGE") },
    { NULL }
  };

  if (!mp_cli_parse_options (DRAFT_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 3)
    return mp_cli_usage (DRAFT_USAGE);
  if (language != NULL && !g_str_equal (language, "nl") && !g_str_equal (language, "en"))
    {
      g_printerr (_("meldpunt-cli: “%s” is not a language of the drafts; use nl or en\n"),
                  language);
      return 2;
    }
  if (!mp_legal_draft_exists (argv[2]))
    {
      g_printerr (_("meldpunt-cli: there is no draft for “%s”; use gdpr-authority, "
                    "gdpr-controller, nis2-early-warning, nis2-notification, nis2-final, "
                    "cra-early-warning, cra-notification or cra-final\n"), argv[2]);
      return 2;
    }

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL || (kase = mp_cli_find_case (store, argv[1], &error)) == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);
  text = mp_legal_draft_build (policy, kase, argv[2], language != NULL ? language : "nl");
  g_print ("%s", text);
  return 0;
}

/* A day in the desk's time zone; as the upper bound, the whole day. */
static gboolean
parse_day (MpPolicy   *policy,
           const char *text,
           gboolean    upper,
           gint64     *usec)
{
  GDate date;

  if (!mp_date_parse (text, &date))
    return FALSE;
  if (upper)
    g_date_add_days (&date, 1);
  *usec = mp_workdays_start_of_day (policy, &date);
  return TRUE;
}

/* `legal register`: the register of data breaches as CSV, with a header
 * row in the chosen language (Dutch by default). It keeps the entries of
 * erased cases. */
static int
cmd_register (MpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *language = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *csv = NULL;
  gint64 from = 0, to = 0;
  MpStore *store;
  GOptionEntry entries_options[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only breaches the organisation became aware of on or after this day"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only breaches the organisation became aware of on or before this day"), N_("DATE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Write the header and the decisions in this language (nl or en)"), N_("LANGUAGE") },
    { NULL }
  };

  if (!mp_cli_parse_options (REGISTER_USAGE, entries_options, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (REGISTER_USAGE);
  if (language != NULL && !g_str_equal (language, "nl") && !g_str_equal (language, "en"))
    {
      g_printerr (_("meldpunt-cli: the language must be nl or en, not “%s”\n"), language);
      return 2;
    }

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);
  if ((from_text != NULL && !parse_day (policy, from_text, FALSE, &from)) ||
      (to_text != NULL && !parse_day (policy, to_text, TRUE, &to)))
    {
      g_printerr (_("meldpunt-cli: “%s” is not a date; write it as YYYY-MM-DD\n"),
                  from_text != NULL && !parse_day (policy, from_text, FALSE, &from) ? from_text
                                                                                   : to_text);
      return 2;
    }

  entries = mp_breach_register_list (mp_store_get_cases (store), from, to);
  csv = mp_breach_register_to_csv (entries, policy->timezone, language != NULL ? language : "nl");
  g_print ("%s", csv);
  return 0;
}

int
mp_cli_legal (MpCli  *cli,
              int     argc,
              char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "draft"))
    return cmd_draft (cli, argc - 1, argv + 1);
  static const char * const names[] = { "draft", "register", NULL };

  if (argc >= 2 && g_str_equal (argv[1], "register"))
    return cmd_register (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      mp_cli_help_print_group ("legal", names);
      return 0;
    }
  if (argc >= 2)
    g_printerr (_("meldpunt-cli: unknown command “legal %s”\n"), argv[1]);
  return mp_cli_usage ("legal draft|register … (see meldpunt-cli legal --help)");
}
