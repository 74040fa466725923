/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-cvss.h"

#define USAGE "cvss VECTOR"

/* Prints "SCORE SEVERITY" (e.g. "9.8 critical"): the most specific score of
 * the vector, with a dot whatever the locale, and the rating in lower case.
 * Needs no database. */
int
mp_cli_cvss (MpCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(MpCvss) cvss = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *score = NULL;

  if (!mp_cli_parse_options (USAGE, NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage (USAGE);

  cvss = mp_cvss_parse (argv[1], &error);
  if (cvss == NULL)
    return mp_cli_fail (error);

  score = mp_cvss_format_score (mp_cvss_get_score (cvss));
  g_print ("%s %s\n", score, mp_cvss_get_severity (cvss));
  return 0;
}
