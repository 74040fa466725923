/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-cli.h"
#include "mp-case.h"
#include "mp-cli-help.h"
#include "mp-policy.h"
#include "mp-publish.h"
#include "mp-publish-csaf.h"
#include "mp-publish-halloffame.h"
#include "mp-publish-policy.h"
#include "mp-publish-securitytxt.h"

#define SECURITY_TXT_USAGE "publish security-txt --domain DOMAIN [--output FILE] [--unsigned]"
#define HALL_USAGE "publish hall-of-fame [--language nl|en] [--format html|text] [--output FILE]"
#define CSAF_USAGE "publish csaf REF [--output FILE]"
#define POLICY_USAGE "publish policy --language nl|en [--format html|text] [--output FILE]"

/* Prints @text, or writes it to @output; says where it went on standard
 * error so that standard output stays the document. */
static int
emit (const char *text,
      const char *output)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL)
    {
      g_print ("%s", text);
      return 0;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    return mp_cli_fail (error);
  return 0;
}

static gboolean
check_language (const char *language)
{
  if (language == NULL || g_str_equal (language, "nl") || g_str_equal (language, "en"))
    return TRUE;
  g_printerr (_("meldpunt-cli: the language must be nl or en, not “%s”\n"), language);
  return FALSE;
}

static gboolean
check_format (const char *format)
{
  if (format == NULL || g_str_equal (format, "html") || g_str_equal (format, "text"))
    return TRUE;
  g_printerr (_("meldpunt-cli: the format must be html or text, not “%s”\n"), format);
  return FALSE;
}

/* `publish security-txt --domain D`: RFC 9116 for one of the desk's
 * domains. The desk has no OpenPGP key to sign with yet, so the file is
 * written unsigned and says so (--unsigned asks for exactly that). */
static int
cmd_security_txt (MpCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autofree char *normal = NULL;
  gboolean unsigned_only = FALSE;
  MpStore *store;
  GOptionEntry entries[] = {
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain,
      N_("The desk's domain the file is for"), N_("DOMAIN") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the file to FILE instead of standard output"), N_("FILE") },
    { "unsigned", 0, 0, G_OPTION_ARG_NONE, &unsigned_only,
      N_("Do not sign the file"), NULL },
    { NULL }
  };

  if (!mp_cli_parse_options (SECURITY_TXT_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1 || domain == NULL || domain[0] == '\0')
    return mp_cli_usage (SECURITY_TXT_USAGE);

  store = mp_cli_open_store (cli, FALSE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);

  normal = g_ascii_strdown (domain, -1);
  if (g_str_has_suffix (normal, "."))
    normal[strlen (normal) - 1] = '\0';
  /* The signing seam: once the desk has a key (and without --unsigned) the
   * text is clear-signed here. Until then it is unsigned and says so. */
  text = mp_publish_security_txt (policy, normal, mp_time_now (), TRUE, NULL, &error);
  if (text == NULL)
    return mp_cli_fail (error);
  if (!unsigned_only)
    g_printerr ("%s\n", _("meldpunt-cli: security.txt is not signed: the desk has no OpenPGP "
                          "key yet."));
  return emit (text, output);
}

/* `publish policy --language L`: the desk's CVD policy from its settings,
 * HTML by default. */
static int
cmd_policy (MpCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *language = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  MpStore *store;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Write the policy in this language (nl or en)"), N_("LANGUAGE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Write HTML (the default) or plain text"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the file to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!mp_cli_parse_options (POLICY_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1 || language == NULL)
    return mp_cli_usage (POLICY_USAGE);
  if (!check_language (language) || !check_format (format))
    return 2;

  store = mp_cli_open_store (cli, FALSE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);
  if (policy->desk_email == NULL || policy->desk_email[0] == '\0')
    {
      g_printerr ("%s\n", _("meldpunt-cli: the policy tells reporters where to write: set the "
                            "desk's e-mail address first, e.g. with: meldpunt-cli policy set "
                            "desk.email security@example.nl"));
      return 1;
    }
  /* The key's fingerprint joins the page once the desk has a key. */
  text = mp_publish_policy (policy, language,
                            g_strcmp0 (format, "text") == 0 ? MP_PUBLISH_FORMAT_TEXT
                                                            : MP_PUBLISH_FORMAT_HTML,
                            NULL);
  return emit (text, output);
}

/* `publish hall-of-fame`: the credits reporters consented to, Dutch and
 * HTML by default. The names are in the unlocked desk. */
static int
cmd_hall_of_fame (MpCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *language = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  MpStore *store;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Write the page in this language (nl or en)"), N_("LANGUAGE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Write HTML (the default) or plain text"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the file to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!mp_cli_parse_options (HALL_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 1)
    return mp_cli_usage (HALL_USAGE);
  if (!check_language (language) || !check_format (format))
    return 2;

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);
  text = mp_publish_hall_of_fame (policy, mp_store_get_cases (store),
                                  language != NULL ? language : "nl",
                                  g_strcmp0 (format, "text") == 0 ? MP_PUBLISH_FORMAT_TEXT
                                                                  : MP_PUBLISH_FORMAT_HTML);
  return emit (text, output);
}

/* `publish csaf REF`: the CSAF 2.0 advisory of a fixed case, unsigned. */
static int
cmd_csaf (MpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  MpStore *store;
  MpCase *kase;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the file to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!mp_cli_parse_options (CSAF_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage (CSAF_USAGE);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL || (kase = mp_cli_find_case (store, argv[1], &error)) == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);
  /* The signing seam: a detached .asc beside the file once the desk has a key. */
  text = mp_publish_csaf (policy, kase, mp_time_now (), &error);
  if (text == NULL)
    return mp_cli_fail (error);
  if (output == NULL)
    return emit (text, NULL);

  /* Beside the file, its hashes as a CSAF trusted provider publishes them
   * (FILE.sha256, FILE.sha512, in the form sha256sum checks). */
  {
    static const struct { GChecksumType type; const char *suffix; } sums[] = {
      { G_CHECKSUM_SHA256, ".sha256" }, { G_CHECKSUM_SHA512, ".sha512" },
    };
    g_autofree char *base = g_path_get_basename (output);

    if (emit (text, output) != 0)
      return 1;
    for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
      {
        g_autofree char *sum = g_compute_checksum_for_string (sums[i].type, text, -1);
        g_autofree char *line = g_strdup_printf ("%s  %s\n", sum, base);
        g_autofree char *path = g_strconcat (output, sums[i].suffix, NULL);

        if (emit (line, path) != 0)
          return 1;
      }
  }
  return 0;
}

int
mp_cli_publish (MpCli  *cli,
                int     argc,
                char  **argv)
{
  static const char * const names[] = { "security-txt", "policy", "hall-of-fame", "csaf", NULL };

  if (argc >= 2 && g_str_equal (argv[1], "security-txt"))
    return cmd_security_txt (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "policy"))
    return cmd_policy (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "hall-of-fame"))
    return cmd_hall_of_fame (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "csaf"))
    return cmd_csaf (cli, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      mp_cli_help_print_group ("publish", names);
      return 0;
    }
  if (argc >= 2)
    g_printerr (_("meldpunt-cli: unknown command “publish %s”\n"), argv[1]);
  return mp_cli_usage ("publish security-txt|policy|hall-of-fame|csaf … "
                       "(see meldpunt-cli publish --help)");
}
