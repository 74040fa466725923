/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Runs the fuzz harness once over each file of the given folders, without
 * libFuzzer: the corpus becomes a regression test of the normal build.
 */
#include "config.h"

#include <gio/gio.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, &error))
            g_error ("%s", error->message);
          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          n++;
        }
    }
  g_print ("replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
