/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-eml-import.h"

#define USAGE "import-eml FILE…"

int
mp_cli_import_eml (MpCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  MpStore *store;
  int status = 0;

  if (!mp_cli_parse_options (USAGE, entries, &argc, &argv))
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
          status = 1;
          continue;
        }
      g_print ("%s\n", mp_case_get_reference (kase));
      for (guint j = 0; notes != NULL && j < notes->len; j++)
        {
          const char *note = g_ptr_array_index (notes, j);

          g_printerr (_("meldpunt-cli: %s: %s\n"), argv[i], note);
        }
    }
  return status;
}
