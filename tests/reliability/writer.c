/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A stream of writes through the store, each acknowledged on standard
 * output only after it committed. The kill test kills it at random moments.
 * With the prefix --list it prints the title of every case instead (they
 * are sealed: the test cannot read them from the file), and "damaged REF"
 * for a case that does not open.
 */
#include "config.h"

#include <stdio.h>

#include "mp-store.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = NULL;

  if (argc != 4)
    {
      g_printerr ("usage: writer DATABASE PASSPHRASE PREFIX\n");
      return 2;
    }

  store = mp_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!mp_store_is_initialised (store) && !mp_store_initialise (store, "Kill test", argv[2], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (mp_store_is_locked (store) && !mp_store_unlock (store, argv[2], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[3], "--list"))
    {
      GListModel *cases = mp_store_get_cases (store);

      for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
        {
          g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);

          if (mp_store_get_case_damage (store, kase) != NULL)
            printf ("damaged %s\n", mp_case_get_reference (kase));
          else
            printf ("%s\n", mp_case_get_title (kase));
        }
      return 0;
    }

  for (guint i = 0; ; i++)
    {
      g_autoptr(MpCase) draft = mp_case_new ();
      g_autoptr(MpCase) kase = NULL;
      g_autofree char *title = g_strdup_printf ("%s-%u", argv[3], i);

      mp_case_set_text (draft, "title", title);
      mp_case_set_text (draft, "description", "A description long enough to span a few cells of a page.");
      kase = mp_store_add_case (store, draft, &error);
      if (kase == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (i % 3 == 0 && !mp_store_set_answer (store, kase, "assess.quality", "good", "note", &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* Acknowledged only now, after the commit. */
      printf ("ack %s\n", title);
      fflush (stdout);
    }
}
