/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "mp-cli.h"
#include "mp-cli-help.h"
#include "mp-mailbox.h"

#define SETUP_USAGE "mailbox setup --imap URL [--smtp URL] --user NAME --password-file FILE " \
                    "[--ca-file FILE] [--folder NAME]"
#define FETCH_USAGE "mailbox fetch"

static int
cmd_setup (MpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMailboxSettings) settings = g_new0 (MpMailboxSettings, 1);
  g_autofree char *password_file = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *password = NULL;
  MpStore *store;
  GOptionEntry entries[] = {
    { "imap", 0, 0, G_OPTION_ARG_STRING, &settings->imap_url,
      N_("The desk's mailbox: imaps://HOST[:PORT] (TLS) or imap://HOST[:PORT] (STARTTLS)"),
      N_("URL") },
    { "smtp", 0, 0, G_OPTION_ARG_STRING, &settings->smtp_url,
      N_("The server letters are sent through: smtps://HOST[:PORT] or smtp://HOST[:PORT] "
         "(STARTTLS)"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &settings->user,
      N_("The user name on both servers"), N_("NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from FILE (- for standard input)"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the certificate authority in FILE (PEM) for the servers"), N_("FILE") },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &settings->folder,
      N_("Move imported messages to this folder (default Meldpunt)"), N_("NAME") },
    { NULL }
  };

  if (!mp_cli_parse_options (SETUP_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1 || settings->imap_url == NULL || settings->user == NULL || password_file == NULL)
    return mp_cli_usage (SETUP_USAGE);

  {
    /* "-" or "@FILE", as every confidential value of the CLI */
    g_autofree char *argument = g_strcmp0 (password_file, "-") == 0
                                  ? g_strdup ("-") : g_strconcat ("@", password_file, NULL);

    if ((password = mp_cli_read_value (cli, argument, &error)) == NULL)
      return mp_cli_fail (error);
  }
  if (ca_file != NULL && !g_file_get_contents (ca_file, &settings->ca_pem, NULL, &error))
    return mp_cli_fail (error);
  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  if (!mp_mailbox_settings_save (store, settings, password, &error))
    {
      sodium_memzero (password, strlen (password));
      return mp_cli_fail (error);
    }
  sodium_memzero (password, strlen (password));
  return 0;
}

static void
fetched_cb (MpMailboxOutcome  outcome,
            MpCase           *kase,
            const char       *reason,
            gpointer          user_data)
{
  guint *n_skipped = user_data;

  switch (outcome)
    {
    case MP_MAILBOX_NEW:
      g_print ("new %s\n", mp_case_get_reference (kase));
      break;
    case MP_MAILBOX_REPLY:
      g_print ("reply %s\n", mp_case_get_reference (kase));
      break;
    case MP_MAILBOX_DUPLICATE:
      g_print ("duplicate %s\n", mp_case_get_reference (kase));
      break;
    case MP_MAILBOX_SKIPPED:
    default:
      g_print ("skipped %s\n", reason);
      (*n_skipped)++;
      break;
    }
}

static int
cmd_fetch (MpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  MpStore *store;
  guint n_skipped = 0;
  GOptionEntry entries[] = { { NULL } };

  if (!mp_cli_parse_options (FETCH_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (FETCH_USAGE);
  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  if (!mp_mailbox_fetch (store, NULL, fetched_cb, &n_skipped, &error))
    return mp_cli_fail (error);
  return 0;
}

int
mp_cli_mailbox (MpCli  *cli,
                int     argc,
                char  **argv)
{
  static const char * const names[] = { "setup", "fetch", NULL };

  if (argc >= 2 && g_str_equal (argv[1], "setup"))
    return cmd_setup (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "fetch"))
    return cmd_fetch (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      mp_cli_help_print_group ("mailbox", names);
      return 0;
    }
  if (argc >= 2)
    g_printerr (_("meldpunt-cli: unknown command “mailbox %s”\n"), argv[1]);
  return mp_cli_usage ("mailbox setup|fetch … (see meldpunt-cli mailbox --help)");
}
