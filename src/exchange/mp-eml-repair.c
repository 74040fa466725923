/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Repairs of the raw message before GMime reads it: what real mail clients
 * and mail servers write that GMime reads wrongly or not at all.
 */
#include "config.h"

#include <string.h>

#include "mp-eml-private.h"

/* An OLE compound file: what Outlook saves as .msg. */
gboolean
_mp_eml_is_outlook_msg (const char *data,
                        gsize       size)
{
  static const guchar magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

  return size >= sizeof magic && memcmp (data, magic, sizeof magic) == 0;
}

/* "Name:" or "Name :" (RFC 5322 §4.5.3, obsolete but to be accepted). */
gsize
_mp_eml_field_name_length (const char *line,
                           gsize       length)
{
  gsize i = 0, name;

  while (i < length && line[i] > 32 && line[i] < 127 && line[i] != ':')
    i++;
  name = i;
  while (i < length && (line[i] == ' ' || line[i] == '\t'))
    i++;
  return name > 0 && i < length && line[i] == ':' ? name : 0;
}

static gsize
line_end (const char *data,
          gsize       size,
          gsize       from)
{
  const char *nl = memchr (data + from, '\n', size - from);

  return nl != NULL ? (gsize) (nl - data) + 1 : size;
}

static gboolean
is_blank (const char *data,
          gsize       from,
          gsize       to)
{
  for (gsize i = from; i < to; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n')
      return FALSE;
  return TRUE;
}

/* An RFC 2047 "B" encoded word at @p: its charset and payload. */
static gboolean
parse_b_word (const char  *p,
              const char  *end,
              const char **charset,
              gsize       *charset_len,
              const char **payload,
              gsize       *payload_len,
              const char **after)
{
  const char *q;

  if (end - p < 8 || p[0] != '=' || p[1] != '?')
    return FALSE;
  q = p + 2;
  *charset = q;
  while (q < end && *q != '?' && *q > 32)
    q++;
  if (q + 3 >= end || *q != '?' || (q[1] != 'B' && q[1] != 'b') || q[2] != '?')
    return FALSE;
  *charset_len = q - *charset;
  q += 3;
  *payload = q;
  while (q + 1 < end && !(q[0] == '?' && q[1] == '='))
    {
      if (!g_ascii_isalnum (*q) && *q != '+' && *q != '/' && *q != '=')
        return FALSE;
      q++;
    }
  if (q + 1 >= end)
    return FALSE;
  *payload_len = q - *payload;
  *after = q + 2;
  return *charset_len > 0;
}

static void
append_decoded (GByteArray *bytes,
                const char *payload,
                gsize       length)
{
  gsize old = bytes->len;
  gint state = 0;
  guint save = 0;
  gsize n;

  /* Each word on its own: its "=" padding ends it, not the run of words. */
  g_byte_array_set_size (bytes, old + (length / 4) * 3 + 3);
  n = g_base64_decode_step (payload, length, bytes->data + old, &state, &save);
  g_byte_array_set_size (bytes, old + n);
}

/* Adjacent "B" encoded words in one charset become one word. GMime joins
 * their base64 text before decoding it, and a "=" that pads one word then
 * ends the decoding of all ("MySurvey.com: You have …" became "MySurvey");
 * joined as bytes they still decode as one, so a character split across
 * two words survives. */
static void
merge_encoded_words (GString    *out,
                     const char *text,
                     gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      const char *charset, *payload, *after, *next;
      gsize charset_len, payload_len;
      g_autoptr(GByteArray) bytes = NULL;
      guint words = 1;

      if (!parse_b_word (p, end, &charset, &charset_len, &payload, &payload_len, &after))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      bytes = g_byte_array_new ();
      append_decoded (bytes, payload, payload_len);
      while (TRUE)
        {
          const char *charset2, *payload2, *after2;
          gsize charset2_len, payload2_len;

          next = after;
          while (next < end && (*next == ' ' || *next == '\t' || *next == '\r' ||
                                (*next == '\n' && next + 1 < end &&
                                 (next[1] == ' ' || next[1] == '\t'))))
            next++;
          if (next == after ||
              !parse_b_word (next, end, &charset2, &charset2_len, &payload2, &payload2_len,
                             &after2) ||
              charset2_len != charset_len ||
              g_ascii_strncasecmp (charset, charset2, charset_len) != 0)
            break;
          append_decoded (bytes, payload2, payload2_len);
          after = after2;
          words++;
        }
      if (words == 1)
        g_string_append_len (out, p, after - p);
      else
        {
          g_autofree char *encoded = g_base64_encode (bytes->data, bytes->len);

          g_string_append (out, "=?");
          g_string_append_len (out, charset, (gssize) charset_len);
          g_string_append_printf (out, "?B?%s?=", encoded);
        }
      p = after;
    }
}

char *
_mp_eml_merge_encoded_words (const char *value)
{
  GString *out = g_string_new (NULL);

  merge_encoded_words (out, value, strlen (value));
  return g_string_free (out, FALSE);
}

GBytes *
_mp_eml_repair (GBytes *message)
{
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  GString *out;
  gsize at = 0;
  gboolean first = TRUE;

  if (data == NULL || size == 0)
    return g_bytes_ref (message);

  out = g_string_sized_new (size + 64);

  /* A byte-order mark, blank lines and spaces before the first header. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    at = 3;
  while (at < size)
    {
      gsize end = line_end (data, size, at);

      if (!is_blank (data, at, end) || end == size)
        break;
      at = end;
    }
  while (at < size && (data[at] == ' ' || data[at] == '\t'))
    at++;

  /* The header block: every line a field, a continuation, or (first) an
   * mbox "From " line. Anything else starts the body even without the
   * blank line, which GMime would otherwise read as a header and lose. */
  while (at < size)
    {
      gsize end = line_end (data, size, at);
      gsize name;

      if (is_blank (data, at, end))
        break;
      if (first && end - at > 5 && memcmp (data + at, "From ", 5) == 0)
        {
          g_string_append_len (out, data + at, (gssize) (end - at));
          at = end;
          first = FALSE;
          continue;
        }
      name = _mp_eml_field_name_length (data + at, end - at);
      if (name == 0)
        {
          g_string_append_c (out, '\n');
          break;
        }
      /* The field goes on in lines that start with a space. */
      while (end < size && (data[end] == ' ' || data[end] == '\t') &&
             !is_blank (data, end, line_end (data, size, end)))
        end = line_end (data, size, end);
      /* "Subject :" becomes "Subject:". */
      g_string_append_len (out, data + at, (gssize) name);
      at += name;
      while (data[at] != ':')
        at++;
      merge_encoded_words (out, data + at, end - at);
      at = end;
      first = FALSE;
    }
  g_string_append_len (out, data + at, (gssize) (size - at));

  if (out->len == size && memcmp (out->str, data, size) == 0)
    {
      g_string_free (out, TRUE);
      return g_bytes_ref (message);
    }
  return g_string_free_to_bytes (out);
}

/* uuencode ----------------------------------------------------------------- */

static gboolean
is_uu_begin (const char *line,
             const char **name)
{
  const char *p;

  if (!g_str_has_prefix (line, "begin "))
    return FALSE;
  p = line + 6;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != ' ' || p[1] == '\0')
    return FALSE;
  *name = p + 1;
  return TRUE;
}

/* One line of uuencoded data, appended to @out; FALSE when it is not. */
static gboolean
uu_decode_line (const char *line,
                GByteArray *out)
{
  gsize length = strlen (line);
  gsize at = 1;
  guint count;

  if (length == 0 || (guchar) line[0] < 32 || (guchar) line[0] > 96)
    return FALSE;
  count = ((guchar) line[0] - 32) & 63;
  if (count > 45)
    return FALSE;
  while (count > 0)
    {
      guchar c[4];
      guchar bytes[3];

      for (guint i = 0; i < 4; i++, at++)
        {
          /* Trailing spaces that a mail server took off read as zeros. */
          guchar ch = at < length ? (guchar) line[at] : ' ';

          if (ch < 32 || ch > 96)
            return FALSE;
          c[i] = (ch - 32) & 63;
        }
      bytes[0] = (guchar) (c[0] << 2 | c[1] >> 4);
      bytes[1] = (guchar) (c[1] << 4 | c[2] >> 2);
      bytes[2] = (guchar) (c[2] << 6 | c[3]);
      g_byte_array_append (out, bytes, MIN (count, 3));
      count -= MIN (count, 3);
    }
  return TRUE;
}

GPtrArray *
_mp_eml_take_uuencoded (char **text)
{
  g_auto(GStrv) lines = g_strsplit (*text, "\n", -1);
  GPtrArray *files = NULL;
  GString *rest = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *name = NULL;
      g_autoptr(GByteArray) bytes = NULL;
      guint j;

      if (!is_uu_begin (lines[i], &name))
        {
          g_string_append (rest, lines[i]);
          if (lines[i + 1] != NULL)
            g_string_append_c (rest, '\n');
          continue;
        }
      bytes = g_byte_array_new ();
      for (j = i + 1; lines[j] != NULL && !g_str_equal (lines[j], "end"); j++)
        if (!uu_decode_line (lines[j], bytes))
          break;
      if (lines[j] == NULL || !g_str_equal (lines[j], "end"))
        {
          /* Not a uuencoded file after all: the text stays as it is. */
          g_string_append (rest, lines[i]);
          if (lines[i + 1] != NULL)
            g_string_append_c (rest, '\n');
          continue;
        }
      if (files == NULL)
        files = g_ptr_array_new_with_free_func (_mp_eml_attachment_free);
      {
        MpEmlAttachment *file = g_new0 (MpEmlAttachment, 1);

        file->name = g_strdup (name);
        file->mime_type = g_strdup ("application/octet-stream");
        file->content = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
        g_ptr_array_add (files, file);
      }
      i = j;
    }
  if (files != NULL)
    {
      char *gap;

      /* Where the file was: at most one empty line in a row. */
      while ((gap = strstr (rest->str, "\n\n\n")) != NULL)
        g_string_erase (rest, gap - rest->str, 1);
      g_free (*text);
      *text = g_strstrip (g_string_free (rest, FALSE));
    }
  else
    g_string_free (rest, TRUE);
  return files;
}
