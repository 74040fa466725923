/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-letters.h"

/* A letter sent is frozen (issue 16): what the reporter received is the
 * confidential body of its "letter" event on the timeline, sealed with the
 * case's key like every event body, and never rendered again from today's
 * facts. The text may be the one the handler edited before sending. */

gboolean
mp_letters_record_sent_text (MpStore     *store,
                             MpCase      *kase,
                             const char  *kind,
                             const char  *text,
                             GError     **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!mp_letters_is_kind (kind))
    {
      g_set_error (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_UNKNOWN_KIND,
                   _("There is no letter “%s”."), kind != NULL ? kind : "");
      return FALSE;
    }
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    {
      g_set_error_literal (error, MP_LETTERS_ERROR, MP_LETTERS_ERROR_INVALID_TEMPLATE,
                           _("The letter has no text."));
      return FALSE;
    }
  return mp_store_add_event (store, kase, "letter", kind, text, error);
}

MpEvent *
mp_letters_find_sent (MpStore     *store,
                      MpCase      *kase,
                      const char  *kind,
                      GError     **error)
{
  g_autoptr(GListModel) events = NULL;
  MpEvent *last = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  events = mp_store_list_events (store, kase, error);
  if (events == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (mp_event_get_kind (event), "letter") != 0 ||
          g_strcmp0 (mp_event_get_summary (event), kind) != 0)
        continue;
      /* the latest; of two at the same moment, the one written last */
      if (last == NULL || mp_event_get_at (event) > mp_event_get_at (last) ||
          (mp_event_get_at (event) == mp_event_get_at (last) &&
           mp_event_get_id (event) > mp_event_get_id (last)))
        g_set_object (&last, event);
    }
  return last;
}

char *
mp_letters_split_text (const char  *text,
                       char       **body)
{
  const char *newline;
  const char *rest;

  g_return_val_if_fail (text != NULL, NULL);

  newline = strchr (text, '\n');
  if (newline == NULL)
    {
      if (body != NULL)
        *body = g_strdup ("");
      return g_strstrip (g_strdup (text));
    }
  rest = newline + 1;
  while (*rest == '\n' || *rest == '\r')
    rest++;
  if (body != NULL)
    *body = g_strdup (rest);
  return g_strstrip (g_strndup (text, newline - text));
}
