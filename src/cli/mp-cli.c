/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mp-cli.h"
#include "mp-cli-help.h"
#include "mp-error.h"
#include "mp-passphrase.h"

static int cmd_init (MpCli *cli, int argc, char **argv);
static int cmd_backup (MpCli *cli, int argc, char **argv);
static int cmd_audit (MpCli *cli, int argc, char **argv);
static int cmd_restore (MpCli *cli, int argc, char **argv);

typedef struct
{
  const char       *name;
  MpCliCommandFunc  run;
  const char       *summary;
} MpCliCommand;

static const MpCliCommand commands[] = {
  { "init",    cmd_init,    N_("Create a new encrypted desk database") },
  { "case",    mp_cli_case, N_("Add, list, show and change cases") },
  { "deadlines", mp_cli_deadlines, N_("List the open deadlines of open cases") },
  { "backup",  cmd_backup,  N_("Write a consistent copy of the database") },
  { "restore", cmd_restore, N_("Replace the database by a backup, keeping the current one aside") },
  { "policy",  mp_cli_policy, N_("Show or change the desk's policy settings") },
  { "holidays", mp_cli_holidays, N_("List the holidays of a year in the desk's calendar") },
  { "workdays", mp_cli_workdays, N_("Count working days in the desk's calendar") },
  { "demo",    mp_cli_demo, N_("Fill the database with realistic synthetic cases") },
  { "audit",   cmd_audit,   N_("Verify the audit trail") },
  { "cvss",    mp_cli_cvss, N_("Print the score and severity of a CVSS 3.1 or 4.0 vector") },
  { "letter",  mp_cli_letter, N_("Print a filled letter to the reporter") },
  { "import-eml", mp_cli_import_eml, N_("Import reports from e-mail messages (.eml files)") },
  { "report",  mp_cli_report, N_("Write a case dossier or a period report as PDF") },
  { "legal",   mp_cli_legal, N_("Drafts for the authorities and the breach register") },
  { "checklist", mp_cli_checklist, N_("List every checklist item and its kind of answer") },
  { "key",     mp_cli_key, N_("Make, import, export and show the desk's OpenPGP key") },
  { "mailbox", mp_cli_mailbox, N_("Set up and read the desk's mailbox") },
  { "publish", mp_cli_publish, N_("Write the desk's public documents: security.txt, policy, "
                                  "hall of fame, CSAF") },
};

int
mp_cli_fail (GError *error)
{
  g_printerr ("meldpunt-cli: %s\n", error != NULL ? error->message : _("Unknown error"));
  return 1;
}

int
mp_cli_usage (const char *usage)
{
  g_printerr (_("Usage: meldpunt-cli %s\n"), usage);
  return 2;
}

gboolean
mp_cli_parse_options (const char     *usage,
                      GOptionEntry   *entries,
                      int            *argc,
                      char         ***argv)
{
  const MpCliHelp *help = mp_cli_help_find (usage);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  const char *arguments = usage;

  /* GOption's help names the program by its prgname and then the
   * parameter string: "meldpunt-cli case add" and "[FILE.json]". */
  if (help != NULL)
    {
      arguments = usage + strlen (help->name);
      while (*arguments == ' ')
        arguments++;
      prgname = g_strdup_printf ("meldpunt-cli %s", help->name);
    }
  else
    prgname = g_strdup ("meldpunt-cli");
  g_set_prgname (prgname);

  context = g_option_context_new (arguments);
  g_option_context_set_help_enabled (context, TRUE);
  if (help != NULL)
    {
      g_autofree char *example = g_strdup_printf ("%s\n  %s", _("Example:"), help->example);

      g_option_context_set_summary (context, _(help->summary));
      g_option_context_set_description (context, example);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* argv is a GStrv of our own: parse_strv frees what it removes. */
  if (!g_option_context_parse_strv (context, argv, &error))
    {
      g_printerr ("meldpunt-cli: %s\n", error->message);
      return FALSE;
    }
  *argc = (int) g_strv_length (*argv);
  return TRUE;
}

char *
mp_cli_read_passphrase (MpCli   *cli,
                        GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (cli->passphrase_file == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED,
                           _("This command needs the desk's passphrase: "
                             "give --passphrase-file FILE, or --passphrase-file - to read it "
                             "from standard input."));
      return NULL;
    }

  if (g_str_equal (cli->passphrase_file, "-"))
    {
      GString *line = g_string_new (NULL);
      int c;

      while ((c = getchar ()) != EOF && c != '\n')
        g_string_append_c (line, (char) c);
      length = line->len;
      contents = g_string_free (line, FALSE);
    }
  else
    {
      struct stat info;

      if (!g_file_get_contents (cli->passphrase_file, &contents, &length, error))
        return NULL;
      /* Others who can read the file can read the desk. */
      if (stat (cli->passphrase_file, &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        g_printerr (_("meldpunt-cli: warning: others can read the passphrase file %s (mode %04o); "
                      "make it yours only with: chmod 600 %s\n"),
                    cli->passphrase_file, (guint) (info.st_mode & 07777), cli->passphrase_file);
    }

  /* One trailing line end is not part of the passphrase. */
  if (length > 0 && contents[length - 1] == '\n')
    contents[--length] = '\0';
  if (length > 0 && contents[length - 1] == '\r')
    contents[--length] = '\0';

  if (length == 0)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }
  /* Everything after a NUL byte would silently not count. */
  if (memchr (contents, '\0', length) != NULL)
    {
      sodium_memzero (contents, length);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase contains a NUL byte, which cannot be part of a "
                             "passphrase. Is this the right file?"));
      return NULL;
    }
  return g_steal_pointer (&contents);
}

char *
mp_cli_read_value (MpCli       *cli,
                   const char  *argument,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (argument != NULL, NULL);

  if (g_str_has_prefix (argument, "@@"))
    return g_strdup (argument + 1);
  if (g_str_equal (argument, "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[4096];
      gsize n;

      if (g_strcmp0 (cli->passphrase_file, "-") == 0)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               _("Standard input cannot carry both the passphrase and a value; "
                                 "give one of them as a file."));
          return NULL;
        }
      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (text, buffer, n);
      length = text->len;
      contents = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (argument[0] == '@')
    {
      if (!g_file_get_contents (argument + 1, &contents, &length, error))
        {
          g_prefix_error (error, _("A value that begins with “@” is read from a file "
                                   "(write “@@” for a value that begins with “@”): "));
          return NULL;
        }
    }
  else
    return g_strdup (argument);

  if (length > 0 && contents[length - 1] == '\n')
    contents[--length] = '\0';
  if (length > 0 && contents[length - 1] == '\r')
    contents[--length] = '\0';
  if (strlen (contents) != length || !g_utf8_validate (contents, length, NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The value is not text (it is not UTF-8, or holds a NUL byte)."));
      return NULL;
    }
  return g_steal_pointer (&contents);
}

MpStore *
mp_cli_open_store (MpCli    *cli,
                   gboolean  unlock,
                   GError  **error)
{
  g_autofree char *passphrase = NULL;

  if (cli->store == NULL)
    {
      g_autofree char *path = cli->database != NULL ? g_strdup (cli->database)
                                                    : mp_store_default_path ();

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                       _("There is no database at “%s”. Create one with "
                         "“meldpunt-cli init --organisation NAME”."), path);
          return NULL;
        }
      cli->store = mp_store_open (path, error);
      if (cli->store == NULL)
        return NULL;
    }

  if (!unlock || !mp_store_is_locked (cli->store))
    return cli->store;

  if (!mp_store_is_initialised (cli->store))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                           _("This database has no desk yet. Create one with "
                             "“meldpunt-cli init --organisation NAME”."));
      return NULL;
    }

  passphrase = mp_cli_read_passphrase (cli, error);
  if (passphrase == NULL)
    return NULL;
  if (!mp_store_unlock (cli->store, passphrase, error))
    {
      sodium_memzero (passphrase, strlen (passphrase));
      return NULL;
    }
  sodium_memzero (passphrase, strlen (passphrase));
  return cli->store;
}

MpCase *
mp_cli_find_case (MpStore     *store,
                  const char  *reference,
                  GError     **error)
{
  MpCase *kase = mp_store_find_case (store, reference);

  if (kase == NULL)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                 _("There is no case “%s”."), reference);
  return kase;
}

static int
cmd_init (MpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autofree char *organisation = NULL;
  g_autofree char *path = NULL;
  g_autofree char *passphrase = NULL;
  g_autoptr(MpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("The organisation's name"), N_("NAME") },
    { NULL }
  };

  if (!mp_cli_parse_options ("init --organisation NAME", entries, &argc, &argv))
    return 2;
  if (organisation == NULL || argc != 1)
    return mp_cli_usage ("init --organisation NAME");

  path = cli->database != NULL ? g_strdup (cli->database) : mp_store_default_path ();
  passphrase = mp_cli_read_passphrase (cli, &error);
  if (passphrase == NULL)
    return mp_cli_fail (error);
  if (!mp_passphrase_check (passphrase, &error))
    {
      sodium_memzero (passphrase, strlen (passphrase));
      return mp_cli_fail (error);
    }

  store = mp_store_open (path, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  if (!mp_store_initialise (store, organisation, passphrase, &error))
    {
      sodium_memzero (passphrase, strlen (passphrase));
      return mp_cli_fail (error);
    }
  sodium_memzero (passphrase, strlen (passphrase));

  g_print (_("Created the desk of %s in %s\n"), mp_store_get_organisation (store), path);
  return 0;
}

static int
cmd_backup (MpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  MpStore *store;

  if (!mp_cli_parse_options ("backup FILE", NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage ("backup FILE");

  store = mp_cli_open_store (cli, FALSE, &error);
  if (store == NULL || !mp_store_backup (store, argv[1], &error))
    return mp_cli_fail (error);
  g_print (_("Backed up to %s\n"), argv[1]);
  return 0;
}

static int
cmd_restore (MpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;

  if (!mp_cli_parse_options ("restore FILE", NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage ("restore FILE");

  path = cli->database != NULL ? g_strdup (cli->database) : mp_store_default_path ();
  aside = mp_store_restore (argv[1], path, &error);
  if (aside == NULL)
    return mp_cli_fail (error);
  if (*aside != '\0')
    g_print (_("Restored %s; the previous database was kept as %s\n"), argv[1], aside);
  else
    g_print (_("Restored %s\n"), argv[1]);
  return 0;
}

static int
cmd_audit (MpCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  gint64 first_bad = 0;
  guint n_entries = 0;
  MpStore *store;

  if (!mp_cli_parse_options ("audit verify", NULL, &argc, &argv))
    return 2;
  if (argc != 2 || !g_str_equal (argv[1], "verify"))
    return mp_cli_usage ("audit verify");

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  if (!mp_store_verify_audit (store, &n_entries, &head, &first_bad, &error))
    {
      guint64 seen = 0, found = 0;

      g_print ("broken %" G_GINT64_FORMAT "\n", first_bad);
      /* A sound trail in a file older than the one this computer last
       * saw: the whole file put back, or the trail cut back. */
      if (mp_store_get_rollback (store, &seen, &found))
        g_print ("rolled back: %" G_GUINT64_FORMAT " entries here, %" G_GUINT64_FORMAT
                 " seen on this computer\n", found, seen);
      return mp_cli_fail (error);
    }
  g_print ("ok %u %s\n", n_entries, head);
  return 0;
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: meldpunt-cli [--database FILE] [--passphrase-file FILE|-] COMMAND …"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("“meldpunt-cli COMMAND --help” tells more about each."));
}

int
mp_cli_run (int    argc,
            char **argv)
{
  MpCli cli = { 0 };
  int i = 1;
  int status = 2;

  /* Global options come before the command. */
  while (i < argc && argv[i][0] == '-')
    {
      const char *arg = argv[i];
      char **target = NULL;
      const char *value = NULL;

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          return 0;
        }
      if (g_str_equal (arg, "--version"))
        {
          g_print ("meldpunt-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      if (g_str_has_prefix (arg, "--database"))
        target = &cli.database;
      else if (g_str_has_prefix (arg, "--passphrase-file"))
        target = &cli.passphrase_file;
      else if (g_str_has_prefix (arg, "--passphrase"))
        {
          g_printerr ("meldpunt-cli: %s\n",
                      _("A passphrase is never given as an argument (others can read it); "
                        "use --passphrase-file FILE or --passphrase-file -."));
          return 2;
        }
      else
        {
          g_printerr (_("meldpunt-cli: unknown option “%s”\n"), arg);
          return 2;
        }

      value = strchr (arg, '=');
      if (value != NULL)
        value++;
      else if (i + 1 < argc)
        value = argv[++i];
      else
        {
          g_printerr (_("meldpunt-cli: “%s” needs a value\n"), arg);
          return 2;
        }
      g_free (*target);
      *target = g_strdup (value);
      i++;
    }

  if (i >= argc)
    {
      print_help ();
      status = 2;
      goto out;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        char **sub_argv = g_new0 (char *, argc - i + 1);

        for (int j = i; j < argc; j++)
          sub_argv[j - i] = g_strdup (argv[j]);
        status = commands[c].run (&cli, argc - i, sub_argv);
        g_strfreev (sub_argv);
        goto out;
      }

  g_printerr (_("meldpunt-cli: unknown command “%s”; see meldpunt-cli --help\n"), argv[i]);

out:
  g_clear_object (&cli.store);
  g_free (cli.database);
  g_free (cli.passphrase_file);
  return status;
}
