/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-letters.h"
#include "mp-mailbox.h"
#include "mp-openpgp.h"

#define LETTER_USAGE "letter REF KIND [--language nl|en] [--encrypt] [--send]"

/* `letter REF KIND [--language nl|en] [--encrypt]`: the subject on the
 * first line, a blank line, then the body; with --encrypt all of that
 * encrypted to the reporter's key and signed by the desk's, armored. Facts the case lacks are named on standard
 * error, so that a script sees them without the letter being changed. */
int
mp_cli_letter (MpCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpLetter) letter = NULL;
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;
  gboolean encrypt = FALSE;
  gboolean send = FALSE;
  const char * const *missing;
  MpStore *store;
  MpCase *kase;
  GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("Write the letter in this language instead of the reporter’s (nl or en)"),
      N_("LANGUAGE") },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
      N_("Encrypt the letter to the reporter's OpenPGP key and sign it with the desk's"), NULL },
    { "send", 0, 0, G_OPTION_ARG_NONE, &send,
      N_("Send the letter through the desk's SMTP server and record it as sent"), NULL },
    { NULL }
  };

  if (!mp_cli_parse_options (LETTER_USAGE, entries, &argc, &argv))
    return 2;
  if (argc != 3)
    return mp_cli_usage (LETTER_USAGE);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  kase = mp_cli_find_case (store, argv[1], &error);
  if (kase == NULL)
    return mp_cli_fail (error);

  letter = mp_letters_render (store, kase, argv[2], language, &error);
  if (letter == NULL)
    return mp_cli_fail (error);

  text = g_strdup_printf ("%s\n\n%s\n", mp_letter_get_subject (letter),
                          mp_letter_get_body (letter));
  if (send)
    {
      gboolean encrypted = FALSE;

      /* Sent encrypted by itself when the reporter has a key; --encrypt
       * insists on it. */
      if (encrypt && mp_store_get_reporter_key (store, kase, NULL) == NULL)
        {
          g_autofree char *check = mp_openpgp_encrypt_letter (store, kase, "", &error);

          if (check == NULL)
            return mp_cli_fail (error);
        }
      if (!mp_mailbox_send_letter (store, kase, argv[2], text, &encrypted, &error))
        return mp_cli_fail (error);
      /* a fixed form for scripts, like mailbox fetch's lines */
      g_print ("sent %s%s\n", mp_case_get_reference (kase), encrypted ? " encrypted" : "");
    }
  else if (encrypt)
    {
      g_autofree char *armored = mp_openpgp_encrypt_letter (store, kase, text, &error);

      if (armored == NULL)
        return mp_cli_fail (error);
      g_print ("%s", armored);
    }
  else
    g_print ("%s", text);

  missing = mp_letter_get_missing (letter);
  for (guint i = 0; missing[i] != NULL; i++)
    /* TRANSLATORS: %s is what is missing, e.g. "the expected fix date" */
    g_printerr (_("meldpunt-cli: note: the case does not record %s yet; the letter says so in "
                  "general words\n"),
                mp_letters_describe_placeholder (missing[i]));
  return 0;
}
