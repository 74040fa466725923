/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mp-cli.h"
#include "mp-hardening.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("MELDPUNT_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Uninstalled (meson devenv), the translations live in the build tree. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!mp_hardening_init ())
    {
      g_printerr ("meldpunt-cli: %s\n", _("The encryption library could not start."));
      return 1;
    }

  return mp_cli_run (argc, argv);
}
