/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cli.h"
#include "mp-eml-import.h"
#include "mp-mailbox.h"
#include "mp-openpgp.h"

#define USAGE "import-eml FILE…"

static gboolean
parse_options (int    *argc,
               char ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE…"));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Imports each e-mail message (.eml file, as saved from a mail "
                                  "client or a mailbox) as a new case, with its attachments and "
                                  "the original message. Prints the reference of each new case "
                                  "on a line of its own; what was refused, what was noticed "
                                  "while reading, and a summary go to standard error.\n\n"
                                  "A message that answers a case's message (In-Reply-To or "
                                  "References) or names a case in its subject (“Re: [CVD-2026-"
                                  "0012]”) is added to that case as the reporter's reply and "
                                  "printed as “reply CVD-…”; a message a case already has (the "
                                  "same Message-ID) is not imported again and is printed as "
                                  "“duplicate CVD-…”, as “mailbox fetch” does."));
  description = g_strdup_printf ("%s\n\n%s\n  %s",
                                 _("Each file is imported on its own: a refused file does not "
                                   "stop the others.\n\n"
                                   "Exit status: 0 when every file was imported (or a case "
                                   "already had it), 1 when one or more were refused or could "
                                   "not be stored (or the desk could not be opened), 2 for "
                                   "wrong usage."),
                                 _("Example:"),
                                 "meldpunt-cli --passphrase-file passphrase.txt import-eml "
                                 "report.eml forwarded.eml");
  g_option_context_set_description (context, description);
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

typedef struct
{
  const char  *path;
  MpEmlReport *report;
} Parsed;

static void
parsed_clear (gpointer data)
{
  Parsed *parsed = data;

  g_clear_pointer (&parsed->report, mp_eml_report_free);
}

static void
print_imported (const Parsed     *parsed,
                MpCase           *kase,
                MpMailboxOutcome  outcome)
{
  GPtrArray *notes = mp_eml_report_get_notes (parsed->report);
  const char *reference = mp_case_get_reference (kase);

  /* A new case is its reference alone, as it always was; the rest say
   * what became of the file as `mailbox fetch` does. */
  if (outcome == MP_MAILBOX_DUPLICATE)
    {
      g_print ("duplicate %s\n", reference);
      g_printerr (_("meldpunt-cli: %s: already in %s, not imported again\n"), parsed->path,
                  reference);
      return;
    }
  if (outcome == MP_MAILBOX_REPLY)
    {
      g_print ("reply %s\n", reference);
      g_printerr (_("meldpunt-cli: %s: added to %s as the reporter's reply\n"), parsed->path,
                  reference);
    }
  else
    g_print ("%s\n", reference);
  for (guint j = 0; j < notes->len; j++)
    g_printerr (_("meldpunt-cli: %s: %s\n"), parsed->path,
                (const char *) g_ptr_array_index (notes, j));
}

/* A key the reporter attached (application/pgp-keys) is kept with the
 * case, for encrypted letters; one that is no usable key is only noted. */
static void
take_reporter_key (MpStore      *store,
                   const Parsed *parsed,
                   MpCase       *kase)
{
  guint n = mp_eml_report_get_n_attachments (parsed->report);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *fingerprint = NULL;
      const char *mime_type = NULL;
      GBytes *content = NULL;

      mp_eml_report_get_attachment (parsed->report, i, &mime_type, &content);
      if (g_strcmp0 (mime_type, "application/pgp-keys") != 0 || content == NULL)
        continue;
      text = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
      if ((fingerprint = mp_openpgp_set_reporter_key (store, kase, text, &error)) != NULL)
        g_printerr (_("meldpunt-cli: %s: the reporter's OpenPGP key %s is kept with the case\n"),
                    parsed->path, fingerprint);
      else
        g_printerr (_("meldpunt-cli: %s: the attached OpenPGP key was not kept: %s\n"),
                    parsed->path, error->message);
      return;
    }
}

/* The raw message @parsed was read from (the report keeps it last), whose
 * headers threading goes by. */
static GBytes *
raw_message (const Parsed *parsed)
{
  guint n = mp_eml_report_get_n_attachments (parsed->report);
  GBytes *content = NULL;

  mp_eml_report_get_attachment (parsed->report, n - 1, NULL, &content);
  return content;
}

/* Takes @parsed in as `mailbox fetch` does: a new case, a reply on its
 * case, or nothing when a case already has it. */
static MpCase *
take_in (MpStore           *store,
         const Parsed      *parsed,
         MpMailboxOutcome  *outcome,
         GError           **error)
{
  return mp_mailbox_take_in_report (store, parsed->report, raw_message (parsed), outcome, error);
}

/* Stores @chunk in one transaction: a thousand messages are not a thousand
 * waits for the disk. Should one fail to be stored, the transaction is
 * dropped and each is stored on its own, so that each file stays all or
 * nothing and only stored cases are printed. */
typedef struct
{
  guint imported;
  guint refused;
  guint duplicates;
} Tally;

static void
store_chunk (MpStore *store,
             GArray  *chunk,
             Tally   *tally)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) outcomes = g_array_new (FALSE, TRUE, sizeof (MpMailboxOutcome));
  g_autoptr(GError) error = NULL;
  gboolean together = chunk->len > 1 && mp_store_begin_batch (store, NULL);

  for (guint i = 0; together && i < chunk->len; i++)
    {
      Parsed *parsed = &g_array_index (chunk, Parsed, i);
      MpMailboxOutcome outcome;
      MpCase *kase = take_in (store, parsed, &outcome, NULL);

      if (kase == NULL)
        {
          mp_store_abort_batch (store);
          together = FALSE;
          g_ptr_array_set_size (cases, 0);
          break;
        }
      g_ptr_array_add (cases, kase);
      g_array_append_val (outcomes, outcome);
    }
  if (together && !mp_store_end_batch (store, NULL))
    {
      mp_store_abort_batch (store);
      together = FALSE;
      g_ptr_array_set_size (cases, 0);
    }

  for (guint i = 0; i < chunk->len; i++)
    {
      Parsed *parsed = &g_array_index (chunk, Parsed, i);
      g_autoptr(MpCase) kase = NULL;
      MpMailboxOutcome outcome = MP_MAILBOX_NEW;

      if (together)
        {
          kase = g_object_ref (g_ptr_array_index (cases, i));
          outcome = g_array_index (outcomes, MpMailboxOutcome, i);
        }
      else
        kase = take_in (store, parsed, &outcome, &error);
      if (kase == NULL)
        {
          g_printerr (_("meldpunt-cli: %s: not imported: %s\n"), parsed->path, error->message);
          g_clear_error (&error);
          tally->refused++;
          continue;
        }
      print_imported (parsed, kase, outcome);
      if (outcome == MP_MAILBOX_DUPLICATE)
        {
          tally->duplicates++;
          continue;
        }
      tally->imported++;
      if (mp_mailbox_wants_reporter_key (store, kase, outcome))
        take_reporter_key (store, parsed, kase);
    }
  g_array_set_size (chunk, 0);
}

/* An encrypted report read again with the desk's key, when the desk has
 * one: *@home is made at the first such message and wiped at exit. */
static void
decrypt_report (MpStore        *store,
                GFile          *file,
                gsize           max_bytes,
                MpOpenpgpHome **home,
                gboolean       *no_key,
                Parsed         *parsed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) message = NULL;
  MpEmlReport *report;

  if (*no_key || !mp_case_get_boolean (mp_eml_report_get_draft (parsed->report),
                                       "report_encrypted"))
    return;
  if (*home == NULL)
    {
      if (!mp_store_get_desk_key_info (store, NULL, NULL, NULL, NULL))
        {
          *no_key = TRUE;
          return;
        }
      if (!(*home = mp_openpgp_home_new_for_store (store, &error)))
        {
          g_printerr (_("meldpunt-cli: the desk's OpenPGP key cannot be used, encrypted reports "
                        "are imported unread: %s\n"), error->message);
          *no_key = TRUE;
          return;
        }
    }
  if (!(message = g_file_load_bytes (file, NULL, NULL, &error)) ||
      !(report = mp_openpgp_report_parse (*home, message, max_bytes, &error)))
    {
      g_printerr (_("meldpunt-cli: %s: not decrypted: %s\n"), parsed->path, error->message);
      return;
    }
  mp_eml_report_free (parsed->report);
  parsed->report = report;
}

int
mp_cli_import_eml (MpCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) chunk = NULL;
  g_autoptr(MpOpenpgpHome) home = NULL;
  gboolean no_key = FALSE;
  MpStore *store;
  Tally tally = { 0 };
  gsize max_bytes;

  if (!parse_options (&argc, &argv))
    return 2;
  if (argc < 2)
    return mp_cli_usage (USAGE);

  store = mp_cli_open_store (cli, TRUE, &error);
  if (store == NULL)
    return mp_cli_fail (error);
  max_bytes = mp_eml_get_max_bytes (store);

  /* Each file is all or nothing; a refused file does not stop the others. */
  chunk = g_array_new (FALSE, TRUE, sizeof (Parsed));
  g_array_set_clear_func (chunk, parsed_clear);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) file_error = NULL;
      Parsed parsed = { argv[i], NULL };

      parsed.report = mp_eml_report_parse_file (file, max_bytes, NULL, &file_error);
      if (parsed.report == NULL)
        {
          /* What came before is stored first, to keep the files' order. */
          store_chunk (store, chunk, &tally);
          g_printerr (_("meldpunt-cli: %s: not imported: %s\n"), argv[i], file_error->message);
          tally.refused++;
          continue;
        }
      decrypt_report (store, file, max_bytes, &home, &no_key, &parsed);
      g_array_append_val (chunk, parsed);
      if (chunk->len == 100)
        store_chunk (store, chunk, &tally);
    }
  store_chunk (store, chunk, &tally);

  /* Standard output stays one reference a line; the tally goes beside it. */
  if (argc > 2 || tally.refused > 0)
    {
      g_autofree char *done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u message imported",
                                                            "%u messages imported",
                                                            tally.imported),
                                               tally.imported);

      /* A duplicate is no failure: the desk has the message. */
      if (tally.duplicates > 0)
        g_printerr (_("meldpunt-cli: %s, %u refused, %u already in a case\n"), done,
                    tally.refused, tally.duplicates);
      else
        g_printerr (_("meldpunt-cli: %s, %u refused\n"), done, tally.refused);
    }
  return tally.refused > 0 ? 1 : 0;
}
