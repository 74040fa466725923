/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-eml-private.h"
#include "mp-eml-text.h"

#define MAX_DEPTH 40

void
_mp_eml_attachment_free (gpointer data)
{
  MpEmlAttachment *attachment = data;

  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_bytes_unref (attachment->content);
  g_free (attachment);
}

void
_mp_eml_add_note (MpEmlReport *report,
                  const char  *note)
{
  for (guint i = 0; i < report->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (report->notes, i), note))
      return;
  g_ptr_array_add (report->notes, g_strdup (note));
}

void
_mp_eml_add_attachment (MpEmlReport *report,
                        const char  *name,
                        const char  *mime_type,
                        GBytes      *content)
{
  MpEmlAttachment *attachment = g_new0 (MpEmlAttachment, 1);

  attachment->name = g_strdup (name);
  attachment->mime_type = g_strdup (mime_type != NULL ? mime_type : "application/octet-stream");
  attachment->content = g_bytes_ref (content);
  g_ptr_array_add (report->attachments, attachment);
}

/* Decoded (transfer encoding undone) contents of a leaf part. */
static GBytes *
part_content (GMimePart *part)
{
  GMimeDataWrapper *wrapper = g_mime_part_get_content (part);
  g_autoptr(GMimeStream) stream = NULL;
  GByteArray *array;

  if (wrapper == NULL)
    return g_bytes_new (NULL, 0);
  stream = g_mime_stream_mem_new ();
  if (g_mime_data_wrapper_write_to_stream (wrapper, stream) < 0)
    return NULL;
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static GBytes *
object_bytes (GMimeObject *object)
{
  g_autoptr(GMimeStream) stream = g_mime_stream_mem_new ();
  GByteArray *array;

  if (g_mime_object_write_to_stream (object, NULL, stream) < 0)
    return NULL;
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

static char *
type_of (GMimeObject *object)
{
  GMimeContentType *type = g_mime_object_get_content_type (object);
  g_autofree char *mime_type = NULL;

  if (type == NULL || (mime_type = g_mime_content_type_get_mime_type (type)) == NULL)
    return g_strdup ("application/octet-stream");
  return g_ascii_strdown (mime_type, -1);
}

static const char *
extension_for (const char *mime_type)
{
  static const struct { const char *type; const char *extension; } known[] = {
    { "text/plain", ".txt" }, { "text/html", ".html" }, { "image/png", ".png" },
    { "image/jpeg", ".jpg" }, { "image/gif", ".gif" }, { "application/pdf", ".pdf" },
    { "application/zip", ".zip" }, { "message/rfc822", ".eml" }, { "text/csv", ".csv" },
    { "application/pgp-signature", ".asc" }, { "application/pgp-encrypted", ".asc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (mime_type, known[i].type))
      return known[i].extension;
  return "";
}

/* The type of a file that came without one (uuencoded, in a winmail.dat). */
static char *
guess_mime_type (const char *name,
                 GBytes     *content)
{
  gsize size;
  const guchar *data = g_bytes_get_data (content, &size);
  g_autofree char *type = g_content_type_guess (name, data, size, NULL);
  char *mime_type = type != NULL ? g_content_type_get_mime_type (type) : NULL;

  return mime_type != NULL ? mime_type : g_strdup ("application/octet-stream");
}

/* A file name that is only a name: no folders, no control characters. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *valid = NULL;
  g_autofree char *fixed = NULL;
  const char *base;
  GString *out;

  if (name == NULL)
    return NULL;
  valid = g_utf8_make_valid (name, -1);
  fixed = _mp_eml_fix_c1 (valid);
  base = fixed;
  for (const char *p = fixed; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  out = g_string_new (NULL);
  for (const char *p = base; *p != '\0'; p++)
    if ((guchar) *p >= 0x20 && *p != 0x7F)
      g_string_append_c (out, *p);
  g_strstrip (out->str);
  if (out->str[0] == '\0' || g_str_equal (out->str, ".") || g_str_equal (out->str, ".."))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
attachment_name (MpEmlWalk   *walk,
                 GMimeObject *object,
                 const char  *mime_type,
                 const char  *fallback)
{
  char *name = NULL;

  if (GMIME_IS_PART (object))
    name = safe_file_name (g_mime_part_get_filename (GMIME_PART (object)));
  if (name != NULL)
    return name;
  if (fallback != NULL)
    return g_strdup (fallback);
  return g_strdup_printf ("attachment-%u%s", ++walk->n_unnamed, extension_for (mime_type));
}

static gboolean
bytes_have_pgp_message (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return data != NULL && g_strstr_len (data, (gssize) size, "-----BEGIN PGP MESSAGE-----") != NULL;
}

/* Undoes format=flowed (RFC 3676): a line ending in a space goes on. */
static char *
unflow (const char *text,
        gboolean    delsp)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len;

      if (line[0] == ' ')
        line++;   /* space-stuffing */
      len = strlen (line);
      if (len > 0 && line[len - 1] == ' ' && !g_str_equal (line, "-- ") && lines[i + 1] != NULL)
        {
          g_string_append_len (out, line, delsp ? (gssize) len - 1 : (gssize) len);
          continue;
        }
      g_string_append (out, line);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Takes armoured PGP blocks out of @text; returns whether there were any. */
static gboolean
strip_pgp_message (GString *text)
{
  gboolean found = FALSE;
  char *begin;

  while ((begin = strstr (text->str, "-----BEGIN PGP MESSAGE-----")) != NULL)
    {
      const char *end = strstr (begin, "-----END PGP MESSAGE-----");
      gsize from = begin - text->str;
      gsize to = end != NULL ? (gsize) (end - text->str) + strlen ("-----END PGP MESSAGE-----")
                             : text->len;

      g_string_erase (text, (gssize) from, (gssize) (to - from));
      found = TRUE;
    }
  /* What was around the block: at most one empty line in a row. */
  while ((begin = strstr (text->str, "\n\n\n")) != NULL)
    g_string_erase (text, begin - text->str, 1);
  return found;
}

void
_mp_eml_append_text (GString    *target,
                     const char *text)
{
  if (*text == '\0')
    return;
  if (target->len > 0)
    g_string_append (target, "\n\n");
  g_string_append (target, text);
}

static void
walk_text_part (MpEmlWalk  *walk,
                GMimePart  *part,
                const char *mime_type,
                GBytes     *content,
                gboolean    in_forward)
{
  GMimeObject *object = GMIME_OBJECT (part);
  const char *charset = g_mime_object_get_content_type_parameter (object, "charset");
  const char *format = g_mime_object_get_content_type_parameter (object, "format");
  const char *delsp = g_mime_object_get_content_type_parameter (object, "delsp");
  gboolean lossy = FALSE;
  gsize size;
  const char *data = g_bytes_get_data (content, &size);
  g_autofree char *text = _mp_eml_to_utf8 (data != NULL ? data : "", size, charset, &lossy);

  if (lossy)
    {
      /* The bytes stay as they came; the text shows what could be read. */
      g_autofree char *name = attachment_name (walk, object, mime_type, NULL);
      g_autofree char *note = g_strdup_printf (_("A text part in the character set “%s” could "
                                                 "not be decoded completely; it is kept as the "
                                                 "attachment “%s”, and the characters that could "
                                                 "not be read are shown as “�”."),
                                               charset != NULL ? charset : "?", name);

      _mp_eml_add_attachment (walk->report, name, mime_type, content);
      _mp_eml_add_note (walk->report, note);
    }

  if (g_str_equal (mime_type, "text/html"))
    {
      g_autofree char *plain = _mp_eml_html_to_text (text);

      _mp_eml_append_text (in_forward ? walk->fwd_html : walk->html, plain);
      return;
    }

  if (format != NULL && g_ascii_strcasecmp (format, "flowed") == 0)
    {
      char *joined = unflow (text, delsp != NULL && g_ascii_strcasecmp (delsp, "yes") == 0);

      g_free (text);
      text = joined;
    }

  if (strstr (text, "-----BEGIN PGP MESSAGE-----") != NULL)
    {
      g_autoptr(GString) rest = g_string_new (text);

      /* Inline PGP: keep the ciphertext as it came, the rest as text. */
      walk->encrypted = TRUE;
      _mp_eml_add_attachment (walk->report, "encrypted-message.asc", "application/pgp-encrypted",
                              content);
      strip_pgp_message (rest);
      g_strstrip (rest->str);
      _mp_eml_append_text (in_forward ? walk->fwd_plain : walk->plain, rest->str);
      return;
    }

  {
    g_autoptr(GPtrArray) files = _mp_eml_take_uuencoded (&text);

    /* Old clients (Eudora, Pine, Outlook Express) put files in the text. */
    for (guint i = 0; files != NULL && i < files->len; i++)
      {
        MpEmlAttachment *file = g_ptr_array_index (files, i);
        g_autofree char *name = safe_file_name (file->name);

        g_autofree char *type = NULL;

        if (name == NULL)
          name = g_strdup_printf ("attachment-%u", ++walk->n_unnamed);
        type = guess_mime_type (name, file->content);
        _mp_eml_add_attachment (walk->report, name, type, file->content);
      }
  }
  g_strstrip (text);
  _mp_eml_append_text (in_forward ? walk->fwd_plain : walk->plain, text);
}

static gboolean
is_tnef (GMimePart  *part,
         const char *mime_type)
{
  const char *name = g_mime_part_get_filename (part);

  return g_str_equal (mime_type, "application/ms-tnef") ||
         g_str_equal (mime_type, "application/vnd.ms-tnef") ||
         (name != NULL && g_ascii_strcasecmp (name, "winmail.dat") == 0);
}

static gboolean
is_pkcs7_mime (GMimePart  *part,
               const char *mime_type)
{
  const char *name = g_mime_part_get_filename (part);

  return g_str_equal (mime_type, "application/pkcs7-mime") ||
         g_str_equal (mime_type, "application/x-pkcs7-mime") ||
         (g_str_equal (mime_type, "application/octet-stream") && name != NULL &&
          g_str_has_suffix (name, ".p7m"));
}

/* S/MIME in one part: enveloped (encrypted, like PGP) or opaque-signed,
 * whose text is inside the signature. */
static void
walk_pkcs7_mime (MpEmlWalk  *walk,
                 GMimePart  *part,
                 GBytes     *content,
                 gboolean    in_forward)
{
  GMimeObject *object = GMIME_OBJECT (part);
  const char *smime_type = g_mime_object_get_content_type_parameter (object, "smime-type");
  g_autofree char *name = NULL;
  g_autoptr(GBytes) inner = NULL;

  if (smime_type == NULL || g_ascii_strcasecmp (smime_type, "signed-data") == 0)
    inner = _mp_eml_smime_signed_content (content);
  if (inner != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (inner, &size);
      g_autoptr(GMimeStream) stream = g_mime_stream_mem_new_with_buffer (data, size);
      g_autoptr(GMimeParser) parser = g_mime_parser_new_with_stream (stream);
      g_autoptr(GMimeObject) entity = g_mime_parser_construct_part (parser, NULL);

      walk->is_signed = TRUE;
      if (entity != NULL)
        {
          /* A forwarded message found inside is used after this walk. */
          if (walk->owned == NULL)
            walk->owned = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (walk->owned, g_object_ref (entity));
          _mp_eml_walk (walk, entity, in_forward);
        }
      name = attachment_name (walk, object, "application/pkcs7-mime", "smime.p7m");
      _mp_eml_add_attachment (walk->report, name, "application/pkcs7-mime", content);
      return;
    }
  name = attachment_name (walk, object, "application/pkcs7-mime", "smime.p7m");
  _mp_eml_add_attachment (walk->report, name, "application/pkcs7-mime", content);
  if (smime_type != NULL && g_ascii_strcasecmp (smime_type, "signed-data") == 0)
    {
      /* Signed, not encrypted, but damaged: its text cannot be had. */
      walk->is_signed = TRUE;
      _mp_eml_add_note (walk->report, _("An S/MIME signed part could not be read; it is kept as "
                                        "an attachment."));
      return;
    }
  walk->encrypted = TRUE;
}

static void
walk_leaf (MpEmlWalk *walk,
           GMimePart *part,
           gboolean   in_forward)
{
  GMimeObject *object = GMIME_OBJECT (part);
  g_autofree char *mime_type = type_of (object);
  g_autofree char *name = NULL;
  g_autoptr(GBytes) content = part_content (part);
  const char *disposition = g_mime_object_get_disposition (object);
  gboolean is_attachment = g_mime_part_get_filename (part) != NULL ||
                           (disposition != NULL &&
                            g_ascii_strcasecmp (disposition, "attachment") == 0);

  if (content == NULL)
    {
      _mp_eml_add_note (walk->report, _("A part of the message could not be decoded and was "
                                        "skipped."));
      return;
    }

  if (is_tnef (part, mime_type))
    {
      g_autofree char *body = NULL;
      g_autoptr(GPtrArray) files = _mp_eml_tnef_unpack (content, &body);

      if (files != NULL)
        {
          /* Outlook's own wrapping: its files and text are the message's. */
          for (guint i = 0; i < files->len; i++)
            {
              MpEmlAttachment *file = g_ptr_array_index (files, i);
              g_autofree char *file_name = safe_file_name (file->name);

              g_autofree char *file_type = NULL;

              if (file_name == NULL)
                file_name = g_strdup_printf ("attachment-%u", ++walk->n_unnamed);
              file_type = guess_mime_type (file_name, file->content);
              _mp_eml_add_attachment (walk->report, file_name, file_type, file->content);
            }
          if (body != NULL)
            _mp_eml_append_text (in_forward ? walk->fwd_plain : walk->plain, body);
          return;
        }
      _mp_eml_add_note (walk->report, _("An Outlook winmail.dat attachment could not be "
                                        "unpacked; it is kept as it is."));
    }

  if (is_pkcs7_mime (part, mime_type))
    {
      walk_pkcs7_mime (walk, part, content, in_forward);
      return;
    }

  if (!is_attachment &&
      (g_str_equal (mime_type, "text/plain") || g_str_equal (mime_type, "text/html")))
    {
      walk_text_part (walk, part, mime_type, content, in_forward);
      return;
    }

  if (g_str_equal (mime_type, "application/pgp-encrypted") && g_bytes_get_size (content) < 64 &&
      !bytes_have_pgp_message (content))
    return;   /* the "Version: 1" control part of PGP/MIME */

  if (bytes_have_pgp_message (content))
    walk->encrypted = TRUE;

  name = attachment_name (walk, object, mime_type, NULL);
  _mp_eml_add_attachment (walk->report, name, mime_type, content);
}

static void
walk_forwarded (MpEmlWalk    *walk,
                GMimeMessage *message)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);

  walk->forwarded = message;
  if (body != NULL)
    _mp_eml_walk (walk, body, TRUE);
}

/* The text each version of a multipart/alternative gave. */
typedef struct
{
  GString *plain;
  GString *html;
  GString *fwd_plain;
  GString *fwd_html;
} WalkText;

static void
walk_text_swap (MpEmlWalk *walk,
                WalkText  *text)
{
  GString *swap;

#define SWAP(field) swap = walk->field; walk->field = text->field; text->field = swap
  SWAP (plain);
  SWAP (html);
  SWAP (fwd_plain);
  SWAP (fwd_html);
#undef SWAP
}

static gboolean
walk_text_is_empty (const WalkText *text)
{
  return text->plain->len == 0 && text->html->len == 0 &&
         text->fwd_plain->len == 0 && text->fwd_html->len == 0;
}

static void
walk_text_clear (WalkText *text)
{
  g_string_free (text->plain, TRUE);
  g_string_free (text->html, TRUE);
  g_string_free (text->fwd_plain, TRUE);
  g_string_free (text->fwd_html, TRUE);
}

/* Every version is walked, so that what only one of them carries (the
 * screenshot of a multipart/related, a part marked as attachment) becomes an
 * attachment; the text comes from one version only: the first plain text
 * with content, else the first version with any readable content. The
 * other versions' text is the same text in another form and is dropped. */
static void
walk_alternative (MpEmlWalk      *walk,
                  GMimeMultipart *multipart,
                  gboolean        in_forward)
{
  int n = g_mime_multipart_get_count (multipart);
  g_autofree WalkText *texts = g_new0 (WalkText, n);
  int chosen = -1;

  for (int i = 0; i < n; i++)
    {
      texts[i].plain = g_string_new (NULL);
      texts[i].html = g_string_new (NULL);
      texts[i].fwd_plain = g_string_new (NULL);
      texts[i].fwd_html = g_string_new (NULL);
      walk_text_swap (walk, &texts[i]);
      _mp_eml_walk (walk, g_mime_multipart_get_part (multipart, i), in_forward);
      walk_text_swap (walk, &texts[i]);
    }
  for (int i = 0; i < n && chosen < 0; i++)
    {
      g_autofree char *mime_type = type_of (g_mime_multipart_get_part (multipart, i));

      if (g_str_equal (mime_type, "text/plain") && !walk_text_is_empty (&texts[i]))
        chosen = i;
    }
  for (int i = 0; i < n && chosen < 0; i++)
    if (!walk_text_is_empty (&texts[i]))
      chosen = i;
  if (chosen >= 0)
    {
      _mp_eml_append_text (walk->plain, texts[chosen].plain->str);
      _mp_eml_append_text (walk->html, texts[chosen].html->str);
      _mp_eml_append_text (walk->fwd_plain, texts[chosen].fwd_plain->str);
      _mp_eml_append_text (walk->fwd_html, texts[chosen].fwd_html->str);
    }
  for (int i = 0; i < n; i++)
    walk_text_clear (&texts[i]);
}

void
_mp_eml_walk (MpEmlWalk   *walk,
              GMimeObject *object,
              gboolean     in_forward)
{
  if (walk->depth >= MAX_DEPTH)
    {
      _mp_eml_add_note (walk->report, _("The message nests too deep; its innermost parts were "
                                        "skipped."));
      return;
    }
  walk->depth++;

  if (GMIME_IS_MULTIPART_ENCRYPTED (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      /* PGP/MIME: part 1 says "Version: 1", part 2 is the ciphertext. */
      walk->encrypted = TRUE;
      for (int i = 0; i < n; i++)
        {
          GMimeObject *child = g_mime_multipart_get_part (multipart, i);
          g_autofree char *mime_type = type_of (child);
          g_autofree char *name = NULL;
          g_autoptr(GBytes) content = NULL;

          if (g_str_equal (mime_type, "application/pgp-encrypted") || !GMIME_IS_PART (child))
            continue;
          content = part_content (GMIME_PART (child));
          if (content == NULL)
            continue;
          name = attachment_name (walk, child, mime_type, "encrypted-message.asc");
          _mp_eml_add_attachment (walk->report, name, "application/pgp-encrypted", content);
        }
    }
  else if (GMIME_IS_MULTIPART_SIGNED (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      /* The signed content reads as usual; the signature is kept. */
      walk->is_signed = TRUE;
      if (n > 0)
        _mp_eml_walk (walk, g_mime_multipart_get_part (multipart, 0), in_forward);
      for (int i = 1; i < n; i++)
        {
          GMimeObject *child = g_mime_multipart_get_part (multipart, i);
          g_autofree char *mime_type = type_of (child);
          g_autofree char *name = NULL;
          g_autoptr(GBytes) content = NULL;

          if (!GMIME_IS_PART (child) || (content = part_content (GMIME_PART (child))) == NULL)
            continue;
          name = attachment_name (walk, child, mime_type, "signature.asc");
          _mp_eml_add_attachment (walk->report, name, mime_type, content);
        }
    }
  else if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      GMimeContentType *type = g_mime_object_get_content_type (object);
      const char *subtype = type != NULL ? g_mime_content_type_get_media_subtype (type) : NULL;
      int n = g_mime_multipart_get_count (multipart);

      if (n == 0)
        walk->broken_multipart = TRUE;
      else if (subtype != NULL && g_ascii_strcasecmp (subtype, "alternative") == 0)
        walk_alternative (walk, multipart, in_forward);
      else
        {
          gboolean digest = subtype != NULL && (g_ascii_strcasecmp (subtype, "digest") == 0 ||
                                                g_ascii_strcasecmp (subtype, "report") == 0);

          walk->in_digest += digest ? 1 : 0;
          for (int i = 0; i < n; i++)
            _mp_eml_walk (walk, g_mime_multipart_get_part (multipart, i), in_forward);
          walk->in_digest -= digest ? 1 : 0;
        }
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      /* A forward (the desk passing a report on) carries the report; any
       * other attached message (a phishing mail, say) is an attachment. */
      const char *disposition = g_mime_object_get_disposition (object);

      if (!in_forward)
        {
          walk->n_messages++;
          if (disposition != NULL && g_ascii_strcasecmp (disposition, "inline") == 0)
            walk->inline_message = TRUE;
        }
      if (inner != NULL && walk->forwarded == NULL && !in_forward && walk->is_forward)
        walk_forwarded (walk, inner);
      else if (inner != NULL)
        {
          /* A digest's or a bounce's text is in its messages. */
          if (walk->in_digest > 0)
            {
              g_autofree char *text = _mp_eml_message_text (inner);
              g_autofree char *subject = NULL;
              g_autofree char *heading = NULL;

              if (text != NULL)
                {
                  subject = g_strdup (g_mime_message_get_subject (inner));
                  if (subject == NULL || !g_utf8_validate (subject, -1, NULL))
                    {
                      g_free (subject);
                      subject = g_strdup (_("(no subject)"));
                    }
                  heading = g_strdup_printf (_("Attached message “%s”:"), g_strstrip (subject));
                  _mp_eml_append_text (walk->inner, heading);
                  g_string_append_c (walk->inner, '\n');
                  g_string_append (walk->inner, text);
                }
            }

          g_autoptr(GBytes) content = object_bytes (GMIME_OBJECT (inner));
          g_autofree char *name = NULL;

          if (content != NULL)
            {
              name = safe_file_name (g_mime_object_get_content_disposition_parameter (object,
                                                                                     "filename"));
              if (name == NULL)
                name = g_strdup_printf ("attachment-%u.eml", ++walk->n_unnamed);
              _mp_eml_add_attachment (walk->report, name, "message/rfc822", content);
            }
        }
    }
  else if (GMIME_IS_PART (object))
    walk_leaf (walk, GMIME_PART (object), in_forward);

  walk->depth--;
}
