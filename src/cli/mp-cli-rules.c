/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-cli.h"
#include "mp-error.h"
#include "mp-policy.h"
#include "mp-workdays.h"

/* The policy without asking for a passphrase: settings are readable while
 * the desk is locked, and without any database the defaults apply. Only a
 * database named with --database must exist. */
static MpPolicy *
load_policy (MpCli   *cli,
             GError **error)
{
  g_autofree char *path = cli->database != NULL ? g_strdup (cli->database)
                                                : mp_store_default_path ();
  MpStore *store;

  if (cli->database == NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    return mp_policy_new ();

  store = mp_cli_open_store (cli, FALSE, error);
  if (store == NULL)
    return NULL;
  return mp_store_get_policy (store);
}

/* Drops the "--" that lets a value start with a dash ("policy set KEY -- -1"),
 * which GOption leaves in place. */
static void
drop_dashes (int    *argc,
             char ***argv)
{
  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--"))
      {
        g_free ((*argv)[i]);
        memmove (&(*argv)[i], &(*argv)[i + 1], (*argc - i) * sizeof (char *));
        (*argc)--;
        return;
      }
}

int
mp_cli_holidays (MpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GArray) holidays = NULL;
  g_autoptr(GError) error = NULL;
  guint64 year;

  if (!mp_cli_parse_options ("holidays YEAR", NULL, &argc, &argv))
    return 2;
  drop_dashes (&argc, &argv);
  if (argc != 2)
    return mp_cli_usage ("holidays YEAR");
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1583, 9999, &year, NULL))
    {
      g_printerr (_("meldpunt-cli: “%s” is not a year from 1583 to 9999\n"), argv[1]);
      return 2;
    }

  policy = load_policy (cli, &error);
  if (policy == NULL)
    return mp_cli_fail (error);

  holidays = mp_workdays_list_holidays (policy, (int) year);
  for (guint i = 0; i < holidays->len; i++)
    {
      const MpHoliday *holiday = &g_array_index (holidays, MpHoliday, i);
      g_autofree char *date = mp_date_format (&holiday->date);

      g_print ("%s\t%s\n", date, holiday->name);
    }
  return 0;
}

int
mp_cli_workdays (MpCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate date, result;
  guint64 n;

  if (!mp_cli_parse_options ("workdays add DATE N", NULL, &argc, &argv))
    return 2;
  drop_dashes (&argc, &argv);
  if (argc != 4 || !g_str_equal (argv[1], "add"))
    return mp_cli_usage ("workdays add DATE N");
  /* Room for the working days added after it. */
  if (!mp_date_parse (argv[2], &date) || g_date_get_year (&date) > 9990)
    {
      g_printerr (_("meldpunt-cli: “%s” is not a date of the form YYYY-MM-DD\n"), argv[2]);
      return 2;
    }
  if (!g_ascii_string_to_unsigned (argv[3], 10, 0, 10000, &n, NULL))
    {
      g_printerr (_("meldpunt-cli: “%s” is not a number of working days from 0 to 10000\n"),
                  argv[3]);
      return 2;
    }

  policy = load_policy (cli, &error);
  if (policy == NULL)
    return mp_cli_fail (error);

  result = mp_workdays_add (policy, &date, (guint) n);
  text = mp_date_format (&result);
  g_print ("%s\n", text);
  return 0;
}

int
mp_cli_policy (MpCli  *cli,
               int     argc,
               char  **argv)
{
  static const char usage[] = "policy show | set KEY VALUE";
  g_autoptr(GError) error = NULL;

  if (!mp_cli_parse_options (usage, NULL, &argc, &argv))
    return 2;
  drop_dashes (&argc, &argv);

  if (argc == 2 && g_str_equal (argv[1], "show"))
    {
      g_autoptr(MpPolicy) policy = load_policy (cli, &error);
      g_auto(GStrv) keys = NULL;

      if (policy == NULL)
        return mp_cli_fail (error);
      keys = mp_policy_list_keys (policy);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          g_autofree char *value = mp_policy_dup_value (policy, keys[i]);

          g_print ("%s\t%s\n", keys[i], value);
        }
      return 0;
    }

  if (argc == 4 && g_str_equal (argv[1], "set"))
    {
      MpStore *store;

      /* Refuse an unknown key, with the list of keys, before asking for the
       * passphrase. */
      if (!mp_policy_is_key (argv[2]))
        {
          g_autoptr(MpPolicy) defaults = mp_policy_new ();

          if (!mp_policy_apply (defaults, argv[2], argv[3], &error))
            return mp_cli_fail (error);
        }
      store = mp_cli_open_store (cli, TRUE, &error);
      if (store == NULL || !mp_store_set_policy (store, argv[2], argv[3], &error))
        return mp_cli_fail (error);
      return 0;
    }

  return mp_cli_usage (usage);
}
