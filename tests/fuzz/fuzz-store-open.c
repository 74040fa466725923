/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of opening an arbitrary file as a desk: the input is
 * written to a file, opened with mp_store_open() and, when that succeeds,
 * unlocked with the passphrase of the seed desks ("fuzz"), its cases listed
 * and its audit trail verified. Each step either works or fails with a
 * clean error; nothing may crash.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mp-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
}

static char *dir;

static void
remove_dir (void)
{
  remove_all (dir);
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("meldpunt-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
      atexit (remove_dir);
    }
  remove_all (dir);
  path = g_build_filename (dir, "desk.db", NULL);
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    g_error ("cannot write %s", path);

  store = mp_store_open (path, &error);
  if (store == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (error == NULL);
  if (mp_store_is_initialised (store) && mp_store_unlock (store, "fuzz", &error))
    {
      GListModel *cases = mp_store_get_cases (store);
      guint n = 0;

      for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
        {
          g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);

          g_assert (mp_case_get_reference (kase) != NULL);
        }
      mp_store_verify_audit (store, &n, NULL, NULL, NULL);
    }
  g_clear_object (&store);
  remove_all (dir);
  return 0;
}
