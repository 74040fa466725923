/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "mp-hardening.h"

gboolean
mp_hardening_init (void)
{
  struct rlimit no_core = { 0, 0 };

  /* Decrypted reports and keys must never end up in a core file. */
  setrlimit (RLIMIT_CORE, &no_core);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  /* Over a file-size limit a write then fails with EFBIG and is reported
   * like a full disk, rather than the process being killed half-way. */
  signal (SIGXFSZ, SIG_IGN);

  return sodium_init () >= 0;
}
