/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "mp-cli.h"
#include "mp-case.h"
#include "mp-cli-help.h"
#include "mp-policy.h"
#include "mp-publish.h"
#include "mp-openpgp-sign.h"
#include "mp-publish-check.h"
#include "mp-publish-csaf.h"
#include "mp-publish-halloffame.h"
#include "mp-publish-policy.h"
#include "mp-publish-securitytxt.h"

#define SECURITY_TXT_USAGE "publish security-txt --domain DOMAIN [--output FILE] [--unsigned]"
#define HALL_USAGE "publish hall-of-fame [--language nl|en] [--format html|text] [--output FILE]"
#define CSAF_USAGE "publish csaf REF [--output FILE]"
#define CHECK_USAGE "publish check-security-txt FILE|-"
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

/* Warns on standard error when the desk's key expires before @expires:
 * a signature by an expired key is not trusted. */
static void
warn_key_expires_first (MpStore *store,
                        gint64   expires)
{
  gint64 key_expires = mp_publish_key_expires_first (store, expires);
  g_autoptr(GDateTime) moment = NULL;
  g_autofree char *day = NULL;

  if (key_expires == 0)
    return;
  moment = g_date_time_new_from_unix_utc (key_expires / G_USEC_PER_SEC);
  day = g_date_time_format (moment, "%Y-%m-%d");
  g_printerr (_("meldpunt-cli: warning: the desk's OpenPGP key expires on %s, before this file "
                "does; extend the key or publish a new file before then.\n"), day);
}

/* `publish security-txt --domain D`: RFC 9116 for one of the desk's
 * domains, clear-signed with the desk's key. Without a key, or with
 * --unsigned, it is unsigned and says so. Its renewal goes on the
 * calendar a month before it expires. */
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
  MpPublishSigning signing = MP_PUBLISH_UNSIGNED_NO_KEY;
  gint64 now = mp_time_now ();
  gint64 expires = 0;
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

  /* Unlocked: signing opens the desk's key, and the renewal is a write. */
  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  policy = mp_store_get_policy (store);

  normal = g_ascii_strdown (domain, -1);
  if (g_str_has_suffix (normal, "."))
    normal[strlen (normal) - 1] = '\0';
  text = mp_publish_security_txt_for_desk (store, policy, normal, now, !unsigned_only, &signing,
                                           &expires, &error);
  if (text == NULL)
    return mp_cli_fail (error);
  if (signing == MP_PUBLISH_UNSIGNED_NO_KEY)
    g_printerr ("%s\n", _("meldpunt-cli: security.txt is not signed: the desk has no OpenPGP "
                          "key yet."));
  else if (signing == MP_PUBLISH_UNSIGNED_ASKED)
    g_printerr ("%s\n", _("meldpunt-cli: security.txt is not signed, as asked (--unsigned)."));
  if (signing == MP_PUBLISH_SIGNED)
    warn_key_expires_first (store, expires);
  if (emit (text, output) != 0)
    return 1;
  if (!mp_store_record_publication (store, "security.txt", normal, now, expires,
                                    signing == MP_PUBLISH_SIGNED, &error))
    return mp_cli_fail (error);
  return 0;
}

/* `publish check-security-txt FILE`: a security.txt read back (a file, or
 * standard input with "-"): one finding a line, "ok: …", "warning: …" or
 * "error: …"; exit status 1 when there is an error. The signature is
 * checked against the desk's key when there is a desk with one. */
static int
cmd_check_security_txt (MpCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpSecurityTxtCheck) check = NULL;
  g_autofree char *contents = NULL;
  MpStore *store;

  if (!mp_cli_parse_options (CHECK_USAGE, NULL, &argc, &argv))
    return 2;
  if (argc != 2)
    return mp_cli_usage (CHECK_USAGE);

  if (g_str_equal (argv[1], "-"))
    {
      GString *in = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (in, buffer, (gssize) n);
      contents = g_string_free (in, FALSE);
    }
  else if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    return mp_cli_fail (error);

  /* Checking needs no desk; with one, its public key (readable while
   * locked) is what the signature must be made with. */
  store = mp_cli_open_store (cli, FALSE, NULL);
  check = mp_publish_check_security_txt_for_desk (store, contents, mp_time_now ());
  for (guint i = 0; i < check->findings->len; i++)
    {
      MpSecurityTxtFinding *finding = g_ptr_array_index (check->findings, i);
      static const char * const levels[] = { "ok", "warning", "error" };

      g_print ("%s: %s\n", levels[finding->level], finding->message);
    }
  return mp_security_txt_check_passed (check) ? 0 : 1;
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
  g_autofree char *fingerprint = NULL;
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
  /* The key's fingerprint joins the page once the desk has a key (readable
   * while locked). */
  mp_store_get_desk_key_info (store, &fingerprint, NULL, NULL, NULL);
  text = mp_publish_policy (policy, language,
                            g_strcmp0 (format, "text") == 0 ? MP_PUBLISH_FORMAT_TEXT
                                                            : MP_PUBLISH_FORMAT_HTML,
                            fingerprint);
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

/* `publish csaf REF`: the CSAF 2.0 advisory of a fixed case; with
 * --output, its hashes and (when the desk has a key) a detached signature
 * beside it. */
static int
cmd_csaf (MpCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  gboolean is_signed = FALSE;
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
  text = mp_publish_csaf (policy, kase, mp_time_now (), &error);
  if (text == NULL)
    return mp_cli_fail (error);
  if (output == NULL)
    return emit (text, NULL);

  /* Beside the file, its hashes and its signature as a CSAF trusted
   * provider publishes them. */
  if (!mp_publish_save_csaf (store, text, output, &is_signed, &error))
    return mp_cli_fail (error);
  if (is_signed)
    return 0;
  g_printerr ("%s\n", _("meldpunt-cli: the advisory is not signed: the desk has no OpenPGP key "
                        "yet."));
  return 0;
}

int
mp_cli_publish (MpCli  *cli,
                int     argc,
                char  **argv)
{
  static const char * const names[] = { "security-txt", "check-security-txt", "policy",
                                        "hall-of-fame", "csaf", NULL };

  if (argc >= 2 && g_str_equal (argv[1], "security-txt"))
    return cmd_security_txt (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "check-security-txt"))
    return cmd_check_security_txt (cli, argc - 1, argv + 1);
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
  return mp_cli_usage ("publish security-txt|check-security-txt|policy|hall-of-fame|csaf … "
                       "(see meldpunt-cli publish --help)");
}
