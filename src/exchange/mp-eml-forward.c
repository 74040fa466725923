/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Telling a forward (the desk or a colleague passing a report on) from a
 * message of the reporter's own: by the subject, and by structure.
 */
#include "config.h"

#include <string.h>

#include "mp-eml-private.h"
#include "mp-eml-text.h"

static gboolean
skip_prefix (const char **p,
             const char  *prefix)
{
  gsize length = strlen (prefix);

  if (g_ascii_strncasecmp (*p, prefix, length) != 0)
    return FALSE;
  *p += length;
  return TRUE;
}

char *
_mp_eml_strip_forward_prefix (const char *subject,
                              gboolean   *is_forward)
{
  static const char * const forwards[] = {
    "fwd:", "fw:", "doorst:", "doorgestuurd:", "tr:", "wg:", "rv:", "enc:", NULL
  };
  static const char * const replies[] = { "re:", "antw:", "aw:", "sv:", NULL };
  const char *p = subject;
  gboolean forward = FALSE;
  gboolean bracket = FALSE;
  gboolean again = TRUE;
  char *stripped;

  while (again)
    {
      again = FALSE;
      while (g_ascii_isspace (*p))
        p++;
      for (guint i = 0; forwards[i] != NULL && !again; i++)
        if (skip_prefix (&p, forwards[i]))
          forward = again = TRUE;
      for (guint i = 0; replies[i] != NULL && !again; i++)
        if (skip_prefix (&p, replies[i]))
          again = TRUE;
      /* "[Fwd: subject]", as Netscape and old Thunderbird wrote it. */
      if (!again && (skip_prefix (&p, "[fwd:") || skip_prefix (&p, "[fw:")))
        forward = again = bracket = TRUE;
    }
  if (is_forward != NULL)
    *is_forward = forward;
  /* Replies before a forward ("Re: Fwd: x") go; those of a reply stay. */
  stripped = g_strstrip (g_strdup (forward ? p : subject));
  if (bracket && g_str_has_suffix (stripped, "]"))
    stripped[strlen (stripped) - 1] = '\0';
  return g_strstrip (stripped);
}

gboolean
_mp_eml_is_forward_marker (const char *line,
                           gboolean    strict)
{
  static const char * const forward_markers[] = {
    "forwarded message", "doorgestuurd bericht", "doorgestuurd e-mailbericht",
    "message transféré", "weitergeleitete nachricht", NULL
  };
  static const char * const reply_markers[] = {
    "original message", "oorspronkelijk bericht", NULL
  };
  g_autofree char *lower = g_utf8_strdown (line, -1);
  gsize underscores = strspn (lower, "_");

  g_strstrip (lower);
  /* Apple Mail: "Begin forwarded message:" / "Begin doorgestuurd bericht:". */
  if (g_str_has_prefix (lower, "begin ") && g_str_has_suffix (lower, ":"))
    for (guint i = 0; forward_markers[i] != NULL; i++)
      if (strstr (lower, forward_markers[i]) != NULL)
        return TRUE;
  if (strstr (lower, "---") != NULL)
    for (guint i = 0; forward_markers[i] != NULL; i++)
      if (strstr (lower, forward_markers[i]) != NULL)
        return TRUE;
  /* A reply quotes with the same markers; only a subject saying "Fwd:" makes
   * them a forward. Outlook draws a line of underscores instead of words. */
  if (strict)
    return FALSE;
  if (underscores >= 10 && lower[underscores] == '\0')
    return TRUE;
  if (strstr (lower, "---") == NULL)
    return FALSE;
  for (guint i = 0; reply_markers[i] != NULL; i++)
    if (strstr (lower, reply_markers[i]) != NULL)
      return TRUE;
  return FALSE;
}

gboolean
_mp_eml_is_thin_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gsize words = 0;

  /* What stands above a signature ("-- "), in words: a forward with no
   * note of its own, or only "see below". */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;

      if (g_str_equal (lines[i], "-- ") || g_str_equal (lines[i], "--"))
        break;
      parts = g_strsplit_set (lines[i], " \t", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (*parts[j] != '\0')
          words++;
    }
  return words <= 3;
}

/* The text of @message's own body, for a digest or a bounce. */
char *
_mp_eml_message_text (GMimeMessage *message)
{
  GMimeObject *body = g_mime_message_get_body (message);
  g_autofree char *mime_type = NULL;
  GMimeDataWrapper *wrapper;
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *array;
  g_autofree char *text = NULL;

  if (body == NULL || !GMIME_IS_TEXT_PART (body))
    return NULL;
  wrapper = g_mime_part_get_content (GMIME_PART (body));
  if (wrapper == NULL)
    return NULL;
  stream = g_mime_stream_mem_new ();
  if (g_mime_data_wrapper_write_to_stream (wrapper, stream) < 0)
    return NULL;
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  text = _mp_eml_to_utf8 ((const char *) array->data, array->len,
                          g_mime_object_get_content_type_parameter (body, "charset"), NULL);
  mime_type = g_mime_content_type_get_mime_type (g_mime_object_get_content_type (body));
  if (g_ascii_strcasecmp (mime_type, "text/html") == 0)
    {
      char *plain = _mp_eml_html_to_text (text);

      g_free (text);
      text = plain;
    }
  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}
