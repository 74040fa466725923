/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-legal-drafts.h"
#include "mp-policy.h"

#define DRAFT_USAGE "legal draft REF KIND [--language nl|en]"

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
  policy = mp_policy_load (store);
  text = mp_legal_draft_build (policy, kase, argv[2], language != NULL ? language : "nl");
  g_print ("%s", text);
  return 0;
}

int
mp_cli_legal (MpCli  *cli,
              int     argc,
              char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "draft"))
    return cmd_draft (cli, argc - 1, argv + 1);
  return mp_cli_usage ("legal draft …");
}
