/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-cli.h"
#include "mp-report.h"

#define REPORT_USAGE \
  "report REF --output FILE.pdf [--language nl|en] [--redacted] [--paper a4|letter]\n" \
  "       meldpunt-cli report --period FROM..TO --output FILE.pdf [--language nl|en] " \
  "[--redacted]"

int
mp_cli_report (MpCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpReport) report = NULL;
  g_autofree char *output = NULL;
  g_autofree char *language = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *period = NULL;
  gboolean redacted = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("The report's language: nl or en"),
      N_("LANGUAGE") },
    { "redacted", 0, 0, G_OPTION_ARG_NONE, &redacted,
      N_("Leave out the reporter and the vulnerability details, for sharing"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("Paper size: a4 (default) or letter"),
      N_("PAPER") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("Report on all cases received in a period instead of one case"), N_("FROM..TO") },
    { NULL }
  };
  MpReportOptions options;
  MpStore *store;

  if (!mp_cli_parse_options (REPORT_USAGE, entries, &argc, &argv))
    return 2;
  if (output == NULL || (period == NULL && argc != 2) || (period != NULL && argc != 1))
    return mp_cli_usage (REPORT_USAGE);

  mp_report_options_init (&options);
  if (language != NULL)
    options.language = language;
  options.redacted = redacted;
  if (paper != NULL && g_ascii_strcasecmp (paper, "letter") == 0)
    options.paper = MP_REPORT_PAPER_LETTER;
  else if (paper != NULL && g_ascii_strcasecmp (paper, "a4") != 0)
    {
      g_printerr ("meldpunt-cli: %s\n", _("The paper size is “a4” or “letter”."));
      return 2;
    }

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);

  if (period != NULL)
    {
      const char *dots = strstr (period, "..");
      g_autofree char *from = NULL;

      if (dots == NULL)
        {
          g_printerr ("meldpunt-cli: %s\n",
                      _("Give the period as FROM..TO, for example 2026-01-01..2026-12-31."));
          return 2;
        }
      from = g_strndup (period, dots - period);
      report = mp_report_new_period (store, from, dots + 2, &options, &error);
    }
  else
    {
      MpCase *kase = mp_cli_find_case (store, argv[1], &error);

      if (kase == NULL)
        return mp_cli_fail (error);
      report = mp_report_new_case (store, kase, &options, &error);
    }

  if (report == NULL || !mp_report_write_pdf (report, output, &error))
    return mp_cli_fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n",
                        mp_report_get_n_pages (report)),
           mp_report_get_n_pages (report), output);
  return 0;
}
