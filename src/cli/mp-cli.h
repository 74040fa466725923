/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

typedef struct
{
  char    *database;
  char    *passphrase_file;
  MpStore *store;
} MpCli;

/* A command: argv[0] is its last word ("add" of "case add"). Returns the
 * exit status; messages for the user go to standard error. */
typedef int (*MpCliCommandFunc) (MpCli  *cli,
                                 int     argc,
                                 char  **argv);

int       mp_cli_run              (int          argc,
                                   char       **argv);

/* Opens the database; with @unlock, reads the passphrase and unlocks it.
 * Returns: (transfer none) (nullable) */
MpStore  *mp_cli_open_store       (MpCli       *cli,
                                   gboolean     unlock,
                                   GError     **error);
/* Returns: (transfer full): the passphrase from --passphrase-file. */
char     *mp_cli_read_passphrase  (MpCli       *cli,
                                   GError     **error);
/* Prints "meldpunt-cli: MESSAGE" to standard error; returns 1. */
/* A confidential value given as "-" (standard input) or "@FILE" (a
 * file's contents; "@@…" is a value that begins with "@"), so that it does
 * not show in /proc/PID/cmdline; any other value as it is. One trailing
 * line end is dropped. Returns: (transfer full) (nullable) */
char     *mp_cli_read_value       (MpCli       *cli,
                                   const char  *argument,
                                   GError     **error);
int       mp_cli_fail             (GError      *error);
int       mp_cli_usage            (const char  *usage);
/* Parses a command's options; returns FALSE after printing the problem. */
gboolean  mp_cli_parse_options    (const char  *usage,
                                   GOptionEntry *entries,
                                   int         *argc,
                                   char      ***argv);
/* Finds a case by reference or sets a "no such case" error.
 * Returns: (transfer none) (nullable) */
MpCase   *mp_cli_find_case        (MpStore     *store,
                                   const char  *reference,
                                   GError     **error);

int       mp_cli_case             (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_report           (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_deadlines        (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_demo             (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_import_eml       (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_cvss             (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_letter           (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_policy           (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_holidays         (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_workdays         (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_checklist        (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_legal            (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_key              (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_mailbox          (MpCli       *cli,
                                   int          argc,
                                   char       **argv);
int       mp_cli_publish          (MpCli       *cli,
                                   int          argc,
                                   char       **argv);

G_END_DECLS
