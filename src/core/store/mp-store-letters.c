/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-store.h"

/* The store's side of the letters: the desk's own templates are settings,
 * a letter is filled (mp_letters_fill(), a rule) from the desk's policy,
 * organisation and handler, and a letter sent is an event. */

gboolean
mp_letters_get_template (MpStore     *store,
                         const char  *kind,
                         const char  *language,
                         char       **subject,
                         char       **body,
                         gboolean    *is_custom,
                         GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *custom = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (subject != NULL && body != NULL, FALSE);

  if (!mp_letters_check_kind_and_language (kind, language, error))
    return FALSE;

  key = mp_letters_template_key (kind, language);
  custom = mp_store_get_setting (store, key);
  if (is_custom != NULL)
    *is_custom = custom != NULL;
  if (custom != NULL)
    return mp_letters_parse_template (custom, subject, body, error);
  return mp_letters_get_default_template (kind, language, subject, body, error);
}

gboolean
mp_letters_set_template (MpStore     *store,
                         const char  *kind,
                         const char  *language,
                         const char  *subject,
                         const char  *body,
                         GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (subject != NULL && body != NULL, FALSE);

  if (!mp_letters_check_kind_and_language (kind, language, error))
    return FALSE;
  text = mp_letters_make_template (subject, body, error);
  if (text == NULL)
    return FALSE;
  key = mp_letters_template_key (kind, language);
  return mp_store_set_setting (store, key, text, error);
}

gboolean
mp_letters_reset_template (MpStore     *store,
                           const char  *kind,
                           const char  *language,
                           GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);

  if (!mp_letters_check_kind_and_language (kind, language, error))
    return FALSE;

  key = mp_letters_template_key (kind, language);
  current = mp_store_get_setting (store, key);
  if (current == NULL)
    return TRUE;
  return mp_store_set_setting (store, key, NULL, error);
}

static MpLetter *
render (MpStore     *store,
        MpCase      *kase,
        const char  *kind,
        const char  *language,
        const char  *template_subject,
        const char  *template_body,
        GError     **error)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean custom = FALSE;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  language = mp_letters_pick_language (kase, language);
  if (!mp_letters_check_kind_and_language (kind, language, error))
    return NULL;
  if (template_subject != NULL && template_body != NULL)
    {
      subject = g_strdup (template_subject);
      body = g_strdup (template_body);
      custom = TRUE;
    }
  else if (!mp_letters_get_template (store, kind, language, &subject, &body, &custom, error))
    return NULL;

  policy = mp_store_get_policy (store);
  return mp_letters_fill (policy, mp_store_get_organisation (store), mp_store_get_actor (store),
                          kase, kind, language, subject, body, custom, error);
}

MpLetter *
mp_letters_render (MpStore     *store,
                   MpCase      *kase,
                   const char  *kind,
                   const char  *language,
                   GError     **error)
{
  return render (store, kase, kind, language, NULL, NULL, error);
}

MpLetter *
mp_letters_render_template (MpStore     *store,
                            MpCase      *kase,
                            const char  *kind,
                            const char  *language,
                            const char  *subject,
                            const char  *body,
                            GError     **error)
{
  g_return_val_if_fail (subject != NULL && body != NULL, NULL);

  return render (store, kase, kind, language, subject, body, error);
}

gboolean
mp_letters_record_sent (MpStore   *store,
                        MpCase    *kase,
                        MpLetter  *letter,
                        GError   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (MP_IS_LETTER (letter), FALSE);

  text = mp_letter_dup_text (letter);
  return mp_store_add_event (store, kase, "letter", mp_letter_get_kind (letter), text, error);
}

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

