/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <string.h>

#include "mp-eml-import.h"
#include "mp-eml-text.h"

typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *content;
} Attachment;

struct _MpEmlReport
{
  MpCase    *draft;
  GPtrArray *notes;         /* char * */
  GPtrArray *attachments;   /* Attachment */
  char      *summary;
  char      *headers;
};

/* What a walk over one message's MIME tree collects. */
typedef struct
{
  MpEmlReport  *report;
  GString      *plain;
  GString      *html;
  GMimeMessage *forwarded;    /* the first message/rfc822 part, (transfer none) */
  GString      *fwd_plain;
  GString      *fwd_html;
  gboolean      encrypted;
  guint         n_unnamed;
  guint         depth;
  gboolean      broken_multipart;
} Walk;

#define MAX_DEPTH 40

/* GMime 3.2 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParser, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeParserOptions, g_mime_parser_options_free)

G_DEFINE_QUARK (mp-eml-error-quark, mp_eml_error)

static void walk_object (Walk        *walk,
                         GMimeObject *object,
                         gboolean     in_forward);

static void
attachment_free (gpointer data)
{
  Attachment *attachment = data;

  g_free (attachment->name);
  g_free (attachment->mime_type);
  g_bytes_unref (attachment->content);
  g_free (attachment);
}

static void
ensure_gmime (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      g_mime_init ();
      g_once_init_leave (&initialised, 1);
    }
}

static void
replace_str (char       **target,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*target);
  *target = copy;
}

static void
add_note (MpEmlReport *report,
          const char  *note)
{
  for (guint i = 0; i < report->notes->len; i++)
    if (g_str_equal (g_ptr_array_index (report->notes, i), note))
      return;
  g_ptr_array_add (report->notes, g_strdup (note));
}

static void
add_attachment (MpEmlReport *report,
                const char  *name,
                const char  *mime_type,
                GBytes      *content)
{
  Attachment *attachment = g_new0 (Attachment, 1);

  attachment->name = g_strdup (name);
  attachment->mime_type = g_strdup (mime_type != NULL ? mime_type : "application/octet-stream");
  attachment->content = g_bytes_ref (content);
  g_ptr_array_add (report->attachments, attachment);
}

static void
parser_warning_cb (gint64              offset,
                   GMimeParserWarning  warning,
                   const char         *item,
                   gpointer            user_data)
{
  MpEmlReport *report = user_data;

  switch ((int) warning)
    {
    case GMIME_WARN_TRUNCATED_MESSAGE:
      add_note (report, _("The message is cut short; what was there has been imported."));
      break;
    case GMIME_WARN_MALFORMED_MULTIPART:
    case GMIME_WARN_MALFORMED_MESSAGE:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
    case GMIME_CRIT_INVALID_HEADER_NAME:
    case GMIME_CRIT_NESTING_OVERFLOW:
      add_note (report, _("The structure of the message is damaged; parts of it may be missing "
                          "or have been read as plain text."));
      break;
    default:
      break;
    }
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
attachment_name (Walk        *walk,
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

static void
append_text (GString    *target,
             const char *text)
{
  if (*text == '\0')
    return;
  if (target->len > 0)
    g_string_append (target, "\n\n");
  g_string_append (target, text);
}

static void
walk_text_part (Walk       *walk,
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
      g_autofree char *note = g_strdup_printf (_("A text part could not be read as “%s”; "
                                                 "characters that could not be decoded were "
                                                 "replaced."),
                                               charset);
      add_note (walk->report, note);
    }

  if (g_str_equal (mime_type, "text/html"))
    {
      g_autofree char *plain = _mp_eml_html_to_text (text);

      append_text (in_forward ? walk->fwd_html : walk->html, plain);
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
      add_attachment (walk->report, "encrypted-message.asc", "application/pgp-encrypted", content);
      strip_pgp_message (rest);
      g_strstrip (rest->str);
      append_text (in_forward ? walk->fwd_plain : walk->plain, rest->str);
      return;
    }

  g_strstrip (text);
  append_text (in_forward ? walk->fwd_plain : walk->plain, text);
}

static void
walk_leaf (Walk      *walk,
           GMimePart *part,
           gboolean   in_forward)
{
  GMimeObject *object = GMIME_OBJECT (part);
  g_autofree char *mime_type = type_of (object);
  g_autofree char *name = NULL;
  g_autoptr(GBytes) content = part_content (part);
  const char *disposition = g_mime_object_get_disposition (object);
  gboolean is_attachment = (disposition != NULL && g_ascii_strcasecmp (disposition, "attachment") == 0) ||
                           g_mime_part_get_filename (part) != NULL;

  if (content == NULL)
    {
      add_note (walk->report, _("A part of the message could not be decoded and was skipped."));
      return;
    }

  if (!is_attachment && (g_str_equal (mime_type, "text/plain") || g_str_equal (mime_type, "text/html")))
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
  add_attachment (walk->report, name, mime_type, content);
}

static void
walk_forwarded (Walk         *walk,
                GMimeMessage *message)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);

  walk->forwarded = message;
  if (body != NULL)
    walk_object (walk, body, TRUE);
}

static void
walk_object (Walk        *walk,
             GMimeObject *object,
             gboolean     in_forward)
{
  if (walk->depth >= MAX_DEPTH)
    {
      add_note (walk->report, _("The message nests too deep; its innermost parts were skipped."));
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
          add_attachment (walk->report, name, "application/pgp-encrypted", content);
        }
    }
  else if (GMIME_IS_MULTIPART_SIGNED (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      int n = g_mime_multipart_get_count (multipart);

      /* The signed content reads as usual; the signature is kept. */
      if (n > 0)
        walk_object (walk, g_mime_multipart_get_part (multipart, 0), in_forward);
      for (int i = 1; i < n; i++)
        {
          GMimeObject *child = g_mime_multipart_get_part (multipart, i);
          g_autofree char *mime_type = type_of (child);
          g_autofree char *name = NULL;
          g_autoptr(GBytes) content = NULL;

          if (!GMIME_IS_PART (child) || (content = part_content (GMIME_PART (child))) == NULL)
            continue;
          name = attachment_name (walk, child, mime_type, "signature.asc");
          add_attachment (walk->report, name, mime_type, content);
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
        {
          GMimeObject *chosen = g_mime_multipart_get_part (multipart, n - 1);

          /* Prefer what the reporter typed; else the richest version. */
          for (int i = 0; i < n; i++)
            {
              GMimeObject *child = g_mime_multipart_get_part (multipart, i);
              g_autofree char *mime_type = type_of (child);

              if (g_str_equal (mime_type, "text/plain"))
                {
                  chosen = child;
                  break;
                }
            }
          walk_object (walk, chosen, in_forward);
        }
      else
        for (int i = 0; i < n; i++)
          walk_object (walk, g_mime_multipart_get_part (multipart, i), in_forward);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (object));

      if (inner != NULL && walk->forwarded == NULL && !in_forward)
        walk_forwarded (walk, inner);
      else if (inner != NULL)
        {
          g_autoptr(GBytes) content = object_bytes (GMIME_OBJECT (inner));
          g_autofree char *name = NULL;

          if (content != NULL)
            {
              name = g_strdup_printf ("attachment-%u.eml", ++walk->n_unnamed);
              add_attachment (walk->report, name, "message/rfc822", content);
            }
        }
    }
  else if (GMIME_IS_PART (object))
    walk_leaf (walk, GMIME_PART (object), in_forward);

  walk->depth--;
}

/* Headers ---------------------------------------------------------------- */

static const char *
header_of (GMimeObject *object,
           const char  *name)
{
  const char *value = g_mime_object_get_header (object, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static char *
clean_header_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *fixed = NULL;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  fixed = _mp_eml_fix_c1 (valid);
  g_strdelimit (fixed, "\r\n\t", ' ');
  g_strstrip (fixed);
  if (*fixed == '\0')
    return NULL;
  return g_steal_pointer (&fixed);
}

static InternetAddressMailbox *
first_mailbox (InternetAddressList *list)
{
  int n;

  if (list == NULL)
    return NULL;
  n = internet_address_list_length (list);
  for (int i = 0; i < n; i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        {
          const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));

          if (addr != NULL && strchr (addr, '@') != NULL)
            return INTERNET_ADDRESS_MAILBOX (address);
        }
      else if (INTERNET_ADDRESS_IS_GROUP (address))
        {
          InternetAddressMailbox *inner =
            first_mailbox (internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address)));

          if (inner != NULL)
            return inner;
        }
    }
  return NULL;
}

/* The raw header block of @data, as text. */
static char *
raw_headers (const char *data,
             gsize       size)
{
  gsize end = size;

  for (gsize i = 0; i + 1 < size; i++)
    {
      if (data[i] == '\n' && data[i + 1] == '\n')
        {
          end = i + 1;
          break;
        }
      if (data[i] == '\n' && data[i + 1] == '\r' && i + 2 < size && data[i + 2] == '\n')
        {
          end = i + 1;
          break;
        }
    }
  {
    g_autofree char *text = _mp_eml_to_utf8 (data, end, NULL, NULL);

    return g_strchomp (g_steal_pointer (&text));
  }
}

/* A multipart GMime could not split (no boundary, say): the text between
 * the boundary lines and part headers is still worth having. */
static void
salvage_text (Walk       *walk,
              const char *data,
              gsize       size)
{
  const char *body = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *kept = g_string_new (NULL);
  gboolean in_part_headers = FALSE;

  for (gsize i = 0; i + 1 < size && body == NULL; i++)
    if (data[i] == '\n' && (data[i + 1] == '\n' || (data[i + 1] == '\r' && i + 2 < size && data[i + 2] == '\n')))
      body = data + i + (data[i + 1] == '\n' ? 2 : 3);
  if (body != NULL)
    {
      text = _mp_eml_to_utf8 (body, size - (body - data), NULL, NULL);
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "--"))
            {
              in_part_headers = TRUE;
              continue;
            }
          if (in_part_headers)
            {
              in_part_headers = *lines[i] != '\0';
              continue;
            }
          g_string_append_printf (kept, "%s\n", lines[i]);
        }
    }
  g_strstrip (kept->str);
  if (kept->str[0] != '\0')
    {
      append_text (walk->plain, kept->str);
      add_note (walk->report, _("The parts of the message could not be told apart; its text was "
                                "taken as it is."));
    }
  else
    add_note (walk->report, _("A multipart part of the message was empty."));
  g_string_free (kept, TRUE);
}

/* Is this the start of a header block ("Name: value", or an mbox "From ")? */
static gboolean
looks_like_headers (const char *data,
                    gsize       size)
{
  gsize i = 0;
  gsize check = MIN (size, 4096);

  if (size == 0)
    return FALSE;
  if (memchr (data, '\0', check) != NULL)
    return FALSE;
  if (size > 5 && memcmp (data, "From ", 5) == 0)
    {
      const char *nl = memchr (data, '\n', check);

      if (nl == NULL)
        return FALSE;
      i = nl - data + 1;
    }
  /* A field name is printable ASCII without ':' or spaces, then ':'. */
  {
    gsize start = i;

    while (i < size && data[i] > 32 && data[i] < 127 && data[i] != ':')
      i++;
    return i > start && i < size && data[i] == ':';
  }
}

static gboolean
has_mail_headers (GMimeObject *object)
{
  static const char * const names[] = {
    "From", "Date", "Message-ID", "Received", "MIME-Version", "Return-Path", "Sender", "To",
    "Reply-To", NULL
  };

  for (guint i = 0; names[i] != NULL; i++)
    if (header_of (object, names[i]) != NULL)
      return TRUE;
  return FALSE;
}

static char *
strip_forward_prefix (const char *subject)
{
  static const char * const prefixes[] = { "fwd:", "fw:", "doorst:", "tr:", "wg:", NULL };
  const char *p = subject;
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      while (g_ascii_isspace (*p))
        p++;
      for (guint i = 0; prefixes[i] != NULL; i++)
        if (g_ascii_strncasecmp (p, prefixes[i], strlen (prefixes[i])) == 0)
          {
            p += strlen (prefixes[i]);
            again = TRUE;
          }
    }
  return g_strdup (p);
}

static gint64
message_date (GMimeMessage *message)
{
  GDateTime *date;

  if (message == NULL || header_of (GMIME_OBJECT (message), "Date") == NULL)
    return 0;
  date = g_mime_message_get_date (message);
  if (date == NULL)
    return 0;
  return g_date_time_to_unix (date) * G_USEC_PER_SEC + g_date_time_get_microsecond (date);
}

/* Fills the draft from the messages and what the walk found. */
static void
fill_draft (MpEmlReport  *report,
            GMimeMessage *outer,
            Walk         *walk)
{
  GMimeMessage *source = walk->forwarded != NULL ? walk->forwarded : outer;
  MpCase *draft = report->draft;
  InternetAddressMailbox *from = first_mailbox (g_mime_message_get_from (source));
  InternetAddressMailbox *reply_to = first_mailbox (g_mime_message_get_reply_to (source));
  GString *plain = walk->forwarded != NULL ? walk->fwd_plain : walk->plain;
  GString *html = walk->forwarded != NULL ? walk->fwd_html : walk->html;
  const char *body = plain->len > 0 ? plain->str : html->str;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *title = NULL;
  g_autofree char *asset = NULL;
  g_autofree char *description = NULL;
  g_autofree char *form_name = NULL;
  g_autofree char *form_email = NULL;
  g_autofree char *form_subject = NULL;
  g_autofree char *form_asset = NULL;
  g_autofree char *form_description = NULL;
  g_autofree char *language_sample = NULL;
  gint64 received_at;

  /* Reporter: the name from From, the address to write to from Reply-To. */
  if (from != NULL)
    name = clean_header_text (internet_address_get_name (INTERNET_ADDRESS (from)));
  if (name == NULL && reply_to != NULL)
    name = clean_header_text (internet_address_get_name (INTERNET_ADDRESS (reply_to)));
  if (reply_to != NULL)
    email = clean_header_text (internet_address_mailbox_get_addr (reply_to));
  else if (from != NULL)
    email = clean_header_text (internet_address_mailbox_get_addr (from));

  /* Title. */
  {
    g_autofree char *subject = clean_header_text (g_mime_message_get_subject (source));

    if (subject == NULL && source != outer)
      {
        g_autofree char *outer_subject = clean_header_text (g_mime_message_get_subject (outer));

        if (outer_subject != NULL)
          subject = strip_forward_prefix (outer_subject);
      }
    title = subject != NULL && *subject != '\0' ? g_steal_pointer (&subject) : NULL;
  }

  /* Received at: when the reporter sent it. */
  received_at = message_date (source);
  if (received_at == 0 && source != outer)
    received_at = message_date (outer);
  if (received_at == 0)
    {
      if (header_of (GMIME_OBJECT (source), "Date") != NULL)
        add_note (report, _("The date of the message could not be read; the time of the import "
                            "is used instead."));
      else
        add_note (report, _("The message has no date; the time of the import is used instead."));
      received_at = mp_time_now ();
    }

  /* A web form's body names the reporter better than its From. */
  if (_mp_eml_parse_web_form (body, &form_name, &form_email, &form_subject, &form_asset,
                              &form_description))
    {
      mp_case_set_text (draft, "channel", "web-form");
      /* From names the web site; only a Reply-To can name the reporter. */
      replace_str (&name, form_name);
      if (name == NULL && reply_to != NULL)
        name = clean_header_text (internet_address_get_name (INTERNET_ADDRESS (reply_to)));
      if (form_email != NULL)
        replace_str (&email, form_email);
      if (form_subject != NULL)
        replace_str (&title, form_subject);
      if (form_asset != NULL)
        asset = g_strdup (form_asset);
      description = g_strdup (form_description);
    }
  else
    {
      mp_case_set_text (draft, "channel", "email");
      description = g_strdup (body);
    }

  if (email == NULL)
    add_note (report, _("The message has no sender address."));

  if (walk->encrypted)
    {
      const char *warning = _("This report is encrypted. Decrypt the attached encrypted part "
                              "outside Meldpunt and add what it says to this case.");

      if (description != NULL && *description != '\0')
        {
          char *joined = g_strdup_printf ("%s\n\n%s", warning, description);

          g_free (description);
          description = joined;
        }
      else
        replace_str (&description, warning);
      mp_case_set_boolean (draft, "report_encrypted", TRUE);
    }
  else if (description == NULL || *description == '\0')
    add_note (report, _("The message has no readable text."));

  if (title == NULL)
    {
      add_note (report, _("The message has no subject."));
      title = g_strdup (_("(no subject)"));
    }

  if (asset == NULL)
    asset = _mp_eml_find_asset (title);
  if (asset == NULL && !walk->encrypted)
    asset = _mp_eml_find_asset (description);

  /* The service desk's cover note of a forward goes into the notes. */
  if (walk->forwarded != NULL)
    {
      const char *cover = walk->plain->len > 0 ? walk->plain->str : walk->html->str;

      if (*cover != '\0')
        {
          InternetAddressMailbox *by = first_mailbox (g_mime_message_get_from (outer));
          g_autofree char *by_raw = by != NULL
                                    ? internet_address_to_string (INTERNET_ADDRESS (by), NULL, FALSE)
                                    : NULL;
          g_autofree char *by_text = clean_header_text (by_raw);
          g_autofree char *note = NULL;

          if (by_text != NULL)
            note = g_strdup_printf (_("Forwarded by %s:\n%s"), by_text, cover);
          else
            note = g_strdup_printf (_("Forwarded with this note:\n%s"), cover);
          mp_case_set_text (draft, "notes", note);
        }
    }

  language_sample = g_strdup_printf ("%s\n%s", title, description != NULL ? description : "");
  mp_case_set_text (draft, "title", title);
  mp_case_set_time (draft, "received_at", received_at);
  mp_case_set_text (draft, "reporter_name", name);
  mp_case_set_text (draft, "reporter_email", email);
  {
    const char *language = _mp_eml_guess_language (language_sample);

    /* The store needs a language; the desk's own is the safe default. */
    if (language == NULL)
      {
        add_note (report, _("The language of the report could not be recognised; Dutch is "
                            "assumed."));
        language = "nl";
      }
    mp_case_set_text (draft, "reporter_language", language);
  }
  mp_case_set_text (draft, "asset", asset);
  mp_case_set_text (draft, "description",
                    description != NULL && *description != '\0' ? description : NULL);
}

MpEmlReport *
mp_eml_report_parse (GBytes  *message,
                     gsize    max_bytes,
                     GError **error)
{
  g_autoptr(MpEmlReport) report = NULL;
  g_autoptr(GMimeParserOptions) options = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  static const char *fallback_charsets[] = { "UTF-8", "windows-1252", NULL };
  GMimeObject *body;
  gsize size;
  const char *data;
  Walk walk = { 0 };

  g_return_val_if_fail (message != NULL, NULL);

  ensure_gmime ();
  data = g_bytes_get_data (message, &size);

  if (max_bytes > 0 && size > max_bytes)
    {
      g_autofree char *have = g_format_size (size);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, MP_EML_ERROR, MP_EML_ERROR_TOO_LARGE,
                   _("The message is %s, more than the import limit of %s "
                     "(setting import.max_bytes)."), have, limit);
      return NULL;
    }
  if (data == NULL || !looks_like_headers (data, size))
    {
      g_set_error_literal (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL,
                           _("This file is not an e-mail message: it does not start with "
                             "mail headers."));
      return NULL;
    }

  report = g_new0 (MpEmlReport, 1);
  report->draft = mp_case_new ();
  report->notes = g_ptr_array_new_with_free_func (g_free);
  report->attachments = g_ptr_array_new_with_free_func (attachment_free);

  options = g_mime_parser_options_new ();
  g_mime_parser_options_set_fallback_charsets (options, fallback_charsets);
  g_mime_parser_options_set_rfc2047_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_address_compliance_mode (options, GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_warning_callback (options, parser_warning_cb, report);

  stream = g_mime_stream_mem_new_with_buffer (data, size);
  parser = g_mime_parser_new_with_stream (stream);
  g_mime_parser_set_format (parser, GMIME_FORMAT_MESSAGE);
  parsed = g_mime_parser_construct_message (parser, options);
  if (parsed == NULL)
    {
      g_set_error_literal (error, MP_EML_ERROR, MP_EML_ERROR_MALFORMED,
                           _("The message is too damaged to be read."));
      return NULL;
    }
  if (!has_mail_headers (GMIME_OBJECT (parsed)))
    {
      g_set_error_literal (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL,
                           _("This file is not an e-mail message: it has no sender, date or "
                             "other mail headers."));
      return NULL;
    }

  walk.report = report;
  walk.plain = g_string_new (NULL);
  walk.html = g_string_new (NULL);
  walk.fwd_plain = g_string_new (NULL);
  walk.fwd_html = g_string_new (NULL);
  body = g_mime_message_get_mime_part (parsed);
  if (body != NULL)
    walk_object (&walk, body, FALSE);
  if (walk.broken_multipart && walk.plain->len == 0 && walk.html->len == 0 &&
      walk.fwd_plain->len == 0 && walk.fwd_html->len == 0)
    salvage_text (&walk, data, size);
  fill_draft (report, parsed, &walk);

  report->headers = raw_headers (data, size);
  if (walk.forwarded != NULL)
    {
      g_autofree char *inner = g_mime_object_get_headers (GMIME_OBJECT (walk.forwarded), NULL);
      g_autofree char *inner_text = inner != NULL ? _mp_eml_to_utf8 (inner, strlen (inner), NULL, NULL)
                                                  : NULL;

      if (inner_text != NULL && *inner_text != '\0')
        {
          char *both = g_strdup_printf ("%s\n\n%s\n%s", report->headers,
                                        _("Headers of the forwarded message:"),
                                        g_strchomp (inner_text));

          g_free (report->headers);
          report->headers = both;
        }
    }

  {
    g_autofree char *message_id = clean_header_text (g_mime_message_get_message_id (parsed));

    if (message_id != NULL)
      report->summary = g_strdup_printf (_("Imported from e-mail <%s>"), message_id);
    else
      report->summary = g_strdup (_("Imported from e-mail without a Message-ID"));
  }

  add_attachment (report, "original-message.eml", "message/rfc822", message);

  g_string_free (walk.plain, TRUE);
  g_string_free (walk.html, TRUE);
  g_string_free (walk.fwd_plain, TRUE);
  g_string_free (walk.fwd_html, TRUE);
  return g_steal_pointer (&report);
}

void
mp_eml_report_free (MpEmlReport *report)
{
  if (report == NULL)
    return;
  g_clear_object (&report->draft);
  g_clear_pointer (&report->notes, g_ptr_array_unref);
  g_clear_pointer (&report->attachments, g_ptr_array_unref);
  g_free (report->summary);
  g_free (report->headers);
  g_free (report);
}

MpCase *
mp_eml_report_get_draft (MpEmlReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->draft;
}

GPtrArray *
mp_eml_report_get_notes (MpEmlReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->notes;
}

guint
mp_eml_report_get_n_attachments (MpEmlReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->attachments->len;
}

const char *
mp_eml_report_get_attachment (MpEmlReport  *report,
                              guint         index,
                              const char  **mime_type,
                              GBytes      **content)
{
  Attachment *attachment;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->attachments->len, NULL);

  attachment = g_ptr_array_index (report->attachments, index);
  if (mime_type != NULL)
    *mime_type = attachment->mime_type;
  if (content != NULL)
    *content = attachment->content;
  return attachment->name;
}

static char *
event_body (MpEmlReport *report)
{
  GString *body = g_string_new (report->headers);

  if (report->notes->len > 0)
    {
      g_string_append_printf (body, "\n\n%s\n", _("Notes from the import:"));
      for (guint i = 0; i < report->notes->len; i++)
        g_string_append_printf (body, "- %s\n", (const char *) g_ptr_array_index (report->notes, i));
    }
  return g_string_free (body, FALSE);
}

MpCase *
mp_eml_report_store (MpEmlReport  *report,
                     MpStore      *store,
                     GError      **error)
{
  g_autoptr(MpCase) kase = NULL;
  g_autofree char *body = NULL;
  gboolean own_batch;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  own_batch = !mp_store_in_batch (store);
  if (own_batch && !mp_store_begin_batch (store, error))
    return NULL;

  kase = mp_store_add_case (store, report->draft, error);
  if (kase == NULL)
    goto fail;
  for (guint i = 0; i < report->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (report->attachments, i);
      g_autoptr(MpAttachment) stored = mp_store_add_attachment (store, kase, attachment->name,
                                                                attachment->mime_type,
                                                                attachment->content, error);

      if (stored == NULL)
        goto fail;
    }
  body = event_body (report);
  if (!mp_store_add_event (store, kase, "import", report->summary, body, error))
    goto fail;

  if (own_batch && !mp_store_end_batch (store, error))
    return NULL;
  return g_steal_pointer (&kase);

fail:
  if (own_batch)
    mp_store_abort_batch (store);
  return NULL;
}

gsize
mp_eml_get_max_bytes (MpStore *store)
{
  g_autofree char *setting = NULL;
  guint64 value;
  char *end = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), MP_EML_DEFAULT_MAX_BYTES);

  setting = mp_store_get_setting (store, "import.max_bytes");
  if (setting == NULL)
    return MP_EML_DEFAULT_MAX_BYTES;
  value = g_ascii_strtoull (setting, &end, 10);
  if (end == setting || *end != '\0' || value == 0 || value > G_MAXSIZE)
    return MP_EML_DEFAULT_MAX_BYTES;
  return (gsize) value;
}

MpCase *
mp_eml_import_bytes (MpStore    *store,
                     GBytes     *message,
                     GPtrArray **notes,
                     GError    **error)
{
  g_autoptr(MpEmlReport) report = NULL;
  g_autoptr(MpCase) kase = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  report = mp_eml_report_parse (message, mp_eml_get_max_bytes (store), error);
  if (report == NULL)
    return NULL;
  kase = mp_eml_report_store (report, store, error);
  if (kase == NULL)
    return NULL;
  if (notes != NULL)
    *notes = g_ptr_array_ref (report->notes);
  return g_steal_pointer (&kase);
}

static GBytes *
read_file (GFile         *file,
           gsize          max_bytes,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Refuse a huge file before reading it into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL,
                           _("This is a folder, not an e-mail message."));
      return NULL;
    }
  if (info != NULL && max_bytes > 0 && (guint64) g_file_info_get_size (info) > max_bytes)
    {
      g_autofree char *have = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, MP_EML_ERROR, MP_EML_ERROR_TOO_LARGE,
                   _("The message is %s, more than the import limit of %s "
                     "(setting import.max_bytes)."), have, limit);
      return NULL;
    }
  g_clear_error (&local_error);

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MP_EML_ERROR, MP_EML_ERROR_READ,
                     _("The file could not be read: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

MpCase *
mp_eml_import_file (MpStore       *store,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GPtrArray    **notes,
                    GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = read_file (file, mp_eml_get_max_bytes (store), cancellable, error);
  if (bytes == NULL)
    return NULL;
  return mp_eml_import_bytes (store, bytes, notes, error);
}

/* Async ------------------------------------------------------------------ */

typedef struct
{
  GFile  *file;
  GBytes *bytes;
  gsize   max_bytes;
} ParseData;

typedef struct
{
  MpCase    *kase;
  GPtrArray *notes;
} ImportResult;

static void
parse_data_free (gpointer data)
{
  ParseData *parse = data;

  g_clear_object (&parse->file);
  g_clear_pointer (&parse->bytes, g_bytes_unref);
  g_free (parse);
}

static void
import_result_free (gpointer data)
{
  ImportResult *result = data;

  g_clear_object (&result->kase);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  g_free (result);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *parse = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  MpEmlReport *report;

  if (parse->bytes != NULL)
    bytes = g_bytes_ref (parse->bytes);
  else if ((bytes = read_file (parse->file, parse->max_bytes, cancellable, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report = mp_eml_report_parse (bytes, parse->max_bytes, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) mp_eml_report_free);
}

static void
parsed_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MpEmlReport) report = NULL;
  GError *error = NULL;
  ImportResult *import;
  MpCase *kase;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The store and its models belong to this thread. */
  kase = mp_eml_report_store (report, MP_STORE (g_task_get_source_object (task)), &error);
  if (kase == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  import = g_new0 (ImportResult, 1);
  import->kase = kase;
  import->notes = g_ptr_array_ref (report->notes);
  g_task_return_pointer (task, import, import_result_free);
}

static void
start_import (MpStore             *store,
              GFile               *file,
              GBytes              *bytes,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) parse_task = NULL;
  GTask *task;
  ParseData *parse;

  ensure_gmime ();
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_eml_import_finish);

  parse = g_new0 (ParseData, 1);
  parse->file = file != NULL ? g_object_ref (file) : NULL;
  parse->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  parse->max_bytes = mp_eml_get_max_bytes (store);

  /* Without a source object: the worker may drop its reference to this
   * task after parsed_cb ran, and must not keep the store alive then. */
  parse_task = g_task_new (NULL, cancellable, parsed_cb, task);
  g_task_set_task_data (parse_task, parse, parse_data_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

void
mp_eml_import_file_async (MpStore             *store,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  start_import (store, file, NULL, cancellable, callback, user_data);
}

void
mp_eml_import_bytes_async (MpStore             *store,
                           GBytes              *message,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (message != NULL);

  start_import (store, NULL, message, cancellable, callback, user_data);
}

MpCase *
mp_eml_import_finish (MpStore       *store,
                      GAsyncResult  *result,
                      GPtrArray    **notes,
                      GError       **error)
{
  ImportResult *import;
  MpCase *kase;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  import = g_task_propagate_pointer (G_TASK (result), error);
  if (import == NULL)
    return NULL;
  kase = g_steal_pointer (&import->kase);
  if (notes != NULL)
    *notes = g_steal_pointer (&import->notes);
  import_result_free (import);
  return kase;
}
