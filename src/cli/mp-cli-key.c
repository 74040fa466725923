/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mp-cli.h"
#include "mp-cli-help.h"
#include "mp-openpgp.h"
#include "mp-policy.h"

#define GENERATE_USAGE "key generate [--name NAME] [--email ADDR] [--expires YYYY-MM-DD]"
#define IMPORT_USAGE "key import FILE"
#define EXPORT_USAGE "key export"
#define SHOW_USAGE "key show"
#define REPORTER_USAGE "key reporter REF FILE"

/* A day as 12:00 UTC, so that it stays the same day in every zone near
 * the desk's. */
static gboolean
parse_expiry (const char *text,
              gint64     *expires_at)
{
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  if (!mp_date_parse (text, &date))
    return FALSE;
  when = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
  *expires_at = g_date_time_to_unix (when);
  return TRUE;
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  if (unix_time <= 0)
    return g_strdup ("never");
  when = g_date_time_new_from_unix_utc (unix_time);
  return g_date_time_format (when, "%Y-%m-%d");
}

static int
cmd_generate (MpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *day = NULL;
  gint64 expires_at = 0;
  MpStore *store;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("The name in the key's user id (default: the desk's name)"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("The address in the key's user id (default: the desk's address)"), N_("ADDR") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires,
      N_("The day the key expires (default: in two years)"), N_("DATE") },
    { NULL }
  };

  if (!mp_cli_parse_options (GENERATE_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (GENERATE_USAGE);
  if (expires != NULL && !parse_expiry (expires, &expires_at))
    {
      g_printerr (_("meldpunt-cli: “%s” is not a date; write it as YYYY-MM-DD\n"), expires);
      return 2;
    }

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);
  if (name == NULL)
    name = g_strdup (policy->desk_name != NULL && *policy->desk_name != '\0'
                     ? policy->desk_name : mp_store_get_organisation (store));
  if (email == NULL && policy->desk_email != NULL && *policy->desk_email != '\0')
    email = g_strdup (policy->desk_email);
  if (email == NULL)
    {
      g_printerr (_("meldpunt-cli: the desk has no e-mail address; give --email ADDR or set it "
                    "with “policy set desk.email ADDR”\n"));
      return 2;
    }
  if (expires_at == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_years (now, 2);

      expires_at = g_date_time_to_unix (later);
    }

  if (!mp_openpgp_generate_desk_key (store, name, email, expires_at, &error))
    return mp_cli_fail (error);
  mp_store_get_desk_key_info (store, &fingerprint, &expires_at, NULL, NULL);
  day = format_day (expires_at);
  g_print ("%s\t%s\n", fingerprint, day);
  return 0;
}

/* The key's passphrase: the first line of standard input, unless that is
 * a terminal (then the key has none) or the desk's own passphrase. */
static char *
read_key_passphrase (MpCli *cli)
{
  GString *line;
  int c;

  if (g_strcmp0 (cli->passphrase_file, "-") == 0 || isatty (STDIN_FILENO))
    return NULL;
  line = g_string_new (NULL);
  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  return g_string_free (line, FALSE);
}

static int
cmd_import (MpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *passphrase = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GBytes) armored = NULL;
  gint64 expires_at = 0;
  gsize length = 0;
  MpStore *store;
  GOptionEntry entries[] = { { NULL } };

  if (!mp_cli_parse_options (IMPORT_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage (IMPORT_USAGE);
  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    return mp_cli_fail (error);
  armored = g_bytes_new_take (g_steal_pointer (&contents), length);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  passphrase = read_key_passphrase (cli);
  if (!mp_openpgp_import_desk_key (store, armored, passphrase, &error))
    {
      if (g_error_matches (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_BAD_PASSPHRASE) &&
          g_strcmp0 (cli->passphrase_file, "-") == 0)
        g_printerr (_("meldpunt-cli: the key's passphrase is read from standard input; give the "
                      "desk's passphrase with --passphrase-file FILE instead of -\n"));
      if (passphrase != NULL)
        memset (passphrase, 0, strlen (passphrase));
      return mp_cli_fail (error);
    }
  if (passphrase != NULL)
    memset (passphrase, 0, strlen (passphrase));
  mp_store_get_desk_key_info (store, &fingerprint, &expires_at, NULL, NULL);
  day = format_day (expires_at);
  g_print ("%s\t%s\n", fingerprint, day);
  return 0;
}

static int
cmd_export (MpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = NULL;
  GOptionEntry entries[] = { { NULL } };
  MpStore *store;

  if (!mp_cli_parse_options (EXPORT_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (EXPORT_USAGE);
  store = mp_cli_open_store (cli, FALSE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  if (!mp_store_get_desk_key_info (store, NULL, NULL, &public_key, &error))
    {
      if (error != NULL)
        return mp_cli_fail (error);
      g_printerr (_("meldpunt-cli: the desk has no OpenPGP key yet; make one with “key generate” "
                    "or “key import FILE”\n"));
      return 1;
    }
  g_print ("%s", public_key);
  return 0;
}

static int
cmd_show (MpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *day = NULL;
  GOptionEntry entries[] = { { NULL } };
  gint64 expires_at = 0;
  MpStore *store;

  if (!mp_cli_parse_options (SHOW_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (SHOW_USAGE);
  store = mp_cli_open_store (cli, FALSE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  if (!mp_store_get_desk_key_info (store, &fingerprint, &expires_at, NULL, &error))
    {
      if (error != NULL)
        return mp_cli_fail (error);
      g_printerr (_("meldpunt-cli: the desk has no OpenPGP key yet; make one with “key generate” "
                    "or “key import FILE”\n"));
      return 1;
    }
  day = format_day (expires_at);
  g_print ("%s\t%s\n", fingerprint, day);
  return 0;
}

/* `key reporter REF FILE`: the reporter's public key, kept with the case
 * for encrypted letters; FILE "-" is standard input. */
static int
cmd_reporter (MpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fingerprint = NULL;
  GOptionEntry entries[] = { { NULL } };
  MpStore *store;
  MpCase *kase;

  if (!mp_cli_parse_options (REPORTER_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 3)
    return mp_cli_usage (REPORTER_USAGE);
  if (g_str_equal (argv[2], "-"))
    {
      GString *read = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (read, buffer, (gssize) n);
      contents = g_string_free (read, FALSE);
    }
  else if (!g_file_get_contents (argv[2], &contents, NULL, &error))
    return mp_cli_fail (error);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  kase = mp_cli_find_case (store, argv[1], &error);
  if (kase == NULL)
    return mp_cli_fail (error);
  if (!(fingerprint = mp_openpgp_set_reporter_key (store, kase, contents, &error)))
    return mp_cli_fail (error);
  g_print ("%s\n", fingerprint);
  return 0;
}

int
mp_cli_key (MpCli  *cli,
            int     argc,
            char  **argv)
{
  static const char * const names[] = { "generate", "import", "export", "show", "reporter",
                                        NULL };

  if (argc >= 2 && g_str_equal (argv[1], "generate"))
    return cmd_generate (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return cmd_import (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return cmd_export (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "show"))
    return cmd_show (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "reporter"))
    return cmd_reporter (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      mp_cli_help_print_group ("key", names);
      return 0;
    }
  if (argc >= 2)
    g_printerr (_("meldpunt-cli: unknown command “key %s”\n"), argv[1]);
  return mp_cli_usage ("key generate|import|export|show|reporter … (see meldpunt-cli key --help)");
}
