/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;     /* the command's words, "case add" */
  const char *summary;  /* N_() marked: one sentence of what it does */
  const char *example;  /* a command line, not translated */
} MpCliHelp;

/* The help of the command whose usage line is @usage.
 * Returns: (transfer none) (nullable) */
const MpCliHelp *mp_cli_help_find        (const char         *usage);
/* Prints the sub-commands of @group ("case") with their summaries. */
void             mp_cli_help_print_group (const char         *group,
                                          const char * const *sub_commands);

G_END_DECLS
