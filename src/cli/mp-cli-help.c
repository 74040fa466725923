/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-cli-help.h"

/* What `meldpunt-cli COMMAND --help` says besides the options: a sentence
 * of what the command does and an example. Found by the command's words at
 * the start of its usage line, so the usage stays beside the code. */
static const MpCliHelp help[] = {
  { "init", N_("Create a new encrypted desk; the passphrase comes from --passphrase-file."),
    "meldpunt-cli --database desk.db --passphrase-file passphrase.txt init --organisation \"ICT Teamwork\"" },
  { "case add", N_("Log a new case from a JSON object (a file, or standard input) and print its reference."),
    "meldpunt-cli --passphrase-file passphrase.txt case add tests/data/case.json" },
  { "case list", N_("List cases, one a line: reference, status, next deadline, title. "
                    "Without --status only open cases are listed."),
    "meldpunt-cli --passphrase-file passphrase.txt case list --status all" },
  { "case show", N_("Show the whole case."),
    "meldpunt-cli --passphrase-file passphrase.txt case show CVD-2026-0001 --json" },
  { "case set", N_("Change one field of a case; FIELD is named as in case show --json."),
    "meldpunt-cli --passphrase-file passphrase.txt case set CVD-2026-0001 impact \"Sessions can be taken over\"" },
  { "case answer", N_("Record an answer of the guided checklist and print the case's new status."),
    "meldpunt-cli --passphrase-file passphrase.txt case answer CVD-2026-0001 scope.outcome in-scope" },
  { "case erase", N_("Erase the confidential data of a closed case; what was decided stays."),
    "meldpunt-cli --passphrase-file passphrase.txt case erase CVD-2026-0001" },
  { "deadlines", N_("List the open deadlines of open cases, or write them to an iCalendar file."),
    "meldpunt-cli deadlines --from 2026-12-01 --to 2026-12-31" },
  { "backup", N_("Write a consistent copy of the desk's database; --list names the copies "
                 "Meldpunt made and which of them still hold erased data, --delete-erased "
                 "deletes those."),
    "meldpunt-cli --database desk.db backup desk-backup.db" },
  { "restore", N_("Put a backup back; the current database is kept aside beside it."),
    "meldpunt-cli --database desk.db restore desk-backup.db" },
  { "policy", N_("Show the desk's policy settings, or change one of them."),
    "meldpunt-cli --passphrase-file passphrase.txt policy set fix_days.critical 5" },
  { "holidays", N_("List the holidays of a year in the desk's calendar, one a line."),
    "meldpunt-cli holidays 2027" },
  { "workdays add", N_("Print the N-th working day after DATE (DATE itself not counted)."),
    "meldpunt-cli workdays add 2026-12-24 3" },
  { "demo", N_("Fill the database with N realistic synthetic cases."),
    "meldpunt-cli --passphrase-file passphrase.txt demo --cases 100 --seed 1" },
  { "audit verify", N_("Check the audit trail and print its length and head, or the first broken entry."),
    "meldpunt-cli --passphrase-file passphrase.txt audit verify" },
  { "cvss", N_("Print the score and severity of a CVSS 3.1 or 4.0 vector."),
    "meldpunt-cli cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
  { "mailbox setup", N_("Set up the desk's mailbox: the IMAP server it reads reports from, the "
                        "SMTP server letters leave through, the user and the password."),
    "meldpunt-cli --passphrase-file passphrase.txt mailbox setup --imap imaps://mail.example.nl "
    "--smtp smtps://mail.example.nl --user security --password-file mail-password.txt" },
  { "mailbox fetch", N_("Read the desk's mailbox once: new reports become cases, replies join "
                        "their case, and each message is moved to the folder; prints one line a "
                        "message."),
    "meldpunt-cli --passphrase-file passphrase.txt mailbox fetch" },
  { "letter", N_("Print the filled letter of a kind to a case's reporter."),
    "meldpunt-cli --passphrase-file passphrase.txt letter CVD-2026-0001 acknowledgement --language nl" },
  { "import-eml", N_("Log a new case from each e-mail message (.eml file) and print one reference "
                     "a line; a file that cannot be imported is reported and the others still are."),
    "meldpunt-cli --passphrase-file passphrase.txt import-eml report.eml" },
  { "checklist", N_("List every item of the guided checklist: id, step, kind of answer, choices "
                    "and clause ids."),
    "meldpunt-cli checklist --json" },
  { "publish security-txt", N_("Write security.txt (RFC 9116) for one of the desk's domains. "
                               "It is not signed while the desk has no OpenPGP key."),
    "meldpunt-cli --passphrase-file passphrase.txt publish security-txt --domain example.nl --output security.txt" },
  { "publish check-security-txt", N_("Check a security.txt (a file, or standard input with -): "
                                     "its fields, its expiry and its signature by the desk's "
                                     "key. Exit status 1 when it has an error."),
    "meldpunt-cli publish check-security-txt security.txt" },
  { "publish policy", N_("Write the desk's coordinated vulnerability disclosure policy from its "
                         "settings, as an HTML page or plain text."),
    "meldpunt-cli publish policy --language nl --format html --output policy-nl.html" },
  { "publish hall-of-fame", N_("Write the hall of fame: only the reporters who consented to be "
                               "named, with the month of their report."),
    "meldpunt-cli --passphrase-file passphrase.txt publish hall-of-fame --language en --format text" },
  { "publish csaf", N_("Write the CSAF 2.0 security advisory of a fixed case as JSON. It is not "
                       "signed while the desk has no OpenPGP key."),
    "meldpunt-cli --passphrase-file passphrase.txt publish csaf CVD-2026-0001 --output cvd-2026-0001.json" },
  { "legal draft", N_("Print the pre-filled text for an authority's notification form of a case's "
                      "legal deadline."),
    "meldpunt-cli --passphrase-file passphrase.txt legal draft CVD-2026-0001 gdpr-authority --language nl" },
  { "key generate", N_("Make the desk's OpenPGP key (Ed25519 and Cv25519) and keep it sealed in the "
                     "desk; print its fingerprint and expiry."),
    "meldpunt-cli --passphrase-file passphrase.txt key generate --email security@example.nl --expires 2028-12-31" },
  { "key import", N_("Take an armored OpenPGP secret key as the desk's key; its passphrase, if it has "
                   "one, is the first line of standard input."),
    "meldpunt-cli --passphrase-file passphrase.txt key import desk-key.asc < key-passphrase.txt" },
  { "key export", N_("Print the desk's public OpenPGP key, armored, for the website."),
    "meldpunt-cli key export > meldpunt-desk.asc" },
  { "key show", N_("Print the fingerprint and expiry of the desk's OpenPGP key."),
    "meldpunt-cli key show" },
  { "key reporter", N_("Keep the reporter's OpenPGP public key with a case, for encrypted "
                     "letters; FILE - reads it from standard input."),
    "meldpunt-cli --passphrase-file passphrase.txt key reporter CVD-2026-0001 reporter-key.asc" },
  { "legal register", N_("Print the register of data breaches as CSV."),
    "meldpunt-cli --passphrase-file passphrase.txt legal register --from 2026-01-01 --to 2026-12-31" },
  { "report", N_("Write a case dossier, or a report over a period, as PDF."),
    "meldpunt-cli --passphrase-file passphrase.txt report CVD-2026-0001 --output dossier.pdf --redacted" },
};

const MpCliHelp *
mp_cli_help_find (const char *usage)
{
  const MpCliHelp *best = NULL;

  g_return_val_if_fail (usage != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (help); i++)
    {
      gsize length = strlen (help[i].name);

      if (strncmp (usage, help[i].name, length) == 0 &&
          (usage[length] == '\0' || usage[length] == ' ') &&
          (best == NULL || length > strlen (best->name)))
        best = &help[i];
    }
  return best;
}

void
mp_cli_help_print_group (const char         *group,
                         const char * const *sub_commands)
{
  g_print (_("Usage: meldpunt-cli [--database FILE] [--passphrase-file FILE|-] %s COMMAND …\n\n"),
           group);
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; sub_commands[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", group, sub_commands[i]);
      const MpCliHelp *entry = mp_cli_help_find (name);

      g_print ("  %-10s %s\n", sub_commands[i], entry != NULL ? _(entry->summary) : "");
    }
  g_print ("\n");
  g_print (_("“meldpunt-cli %s COMMAND --help” tells more about each.\n"), group);
}
