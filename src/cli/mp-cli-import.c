/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-eml-import.h"

#define USAGE "import-eml FILE…"

static gboolean
parse_options (int    *argc,
               char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Imports each e-mail message (.eml file, as saved from a mail "
                                  "client or a mailbox) as a new case, with its attachments and "
                                  "the original message. Prints the reference of each new case "
                                  "on a line of its own; what was refused, what was noticed "
                                  "while reading, and a summary go to standard error."));
  g_option_context_set_description (context,
                                    _("Each file is imported on its own: a refused file does not "
                                      "stop the others.\n\n"
                                      "Exit status: 0 when every file was imported, 1 when one or "
                                      "more were refused or could not be stored (or the desk "
                                      "could not be opened), 2 for wrong usage."));
  /* "meldpunt-cli import-eml [OPTION…] FILE…", not the command twice. */
  g_set_prgname ("meldpunt-cli import-eml");
  if (!g_option_context_parse_strv (context, argv, &error))
    {
      g_printerr ("meldpunt-cli: %s\n", error->message);
      return FALSE;
    }
  *argc = (int) g_strv_length (*argv);
  return TRUE;
}

int
mp_cli_import_eml (MpCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  MpStore *store;
  guint imported = 0, refused = 0;

  if (!parse_options (&argc, &argv))
    return 2;
  if (argc < 2)
    return mp_cli_usage (USAGE);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);

  /* Each file is all or nothing; a refused file does not stop the others. */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GPtrArray) notes = NULL;
      g_autoptr(GError) file_error = NULL;
      g_autoptr(MpCase) kase = NULL;

      kase = mp_eml_import_file (store, file, NULL, &notes, &file_error);
      if (kase == NULL)
        {
          g_printerr (_("meldpunt-cli: %s: not imported: %s\n"), argv[i], file_error->message);
          refused++;
          continue;
        }
      imported++;
      g_print ("%s\n", mp_case_get_reference (kase));
      for (guint j = 0; notes != NULL && j < notes->len; j++)
        {
          const char *note = g_ptr_array_index (notes, j);

          g_printerr (_("meldpunt-cli: %s: %s\n"), argv[i], note);
        }
    }
  /* Standard output stays one reference a line; the tally goes beside it. */
  if (argc > 2 || refused > 0)
    {
      g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u message imported",
                                                            "%u messages imported", imported),
                                               imported);

      g_printerr (_("meldpunt-cli: %s, %u refused\n"), done, refused);
    }
  return refused > 0 ? 1 : 0;
}
