/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-eml-private.h"
#include "mp-eml-text.h"

void
_mp_eml_ensure_gmime (void)
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
parser_warning_cb (gint64              offset,
                   GMimeParserWarning  warning,
                   const char         *item,
                   gpointer            user_data)
{
  MpEmlReport *report = user_data;

  switch ((int) warning)
    {
    case GMIME_WARN_TRUNCATED_MESSAGE:
      _mp_eml_add_note (report, _("The message is cut short; what was there has been imported."));
      break;
    case GMIME_WARN_MALFORMED_MULTIPART:
    case GMIME_WARN_MALFORMED_MESSAGE:
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY:
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT:
    case GMIME_CRIT_INVALID_HEADER_NAME:
    case GMIME_CRIT_NESTING_OVERFLOW:
      _mp_eml_add_note (report, _("The structure of the message is damaged; parts of it may be "
                                  "missing or have been read as plain text."));
      break;
    default:
      break;
    }
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
salvage_text (MpEmlWalk  *walk,
              const char *data,
              gsize       size)
{
  const char *body = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *kept = g_string_new (NULL);
  gboolean in_part_headers = FALSE;

  for (gsize i = 0; i + 1 < size && body == NULL; i++)
    {
      if (data[i] != '\n')
        continue;
      if (data[i + 1] == '\n')
        body = data + i + 2;
      else if (data[i + 1] == '\r' && i + 2 < size && data[i + 2] == '\n')
        body = data + i + 3;
    }
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
      _mp_eml_append_text (walk->plain, kept->str);
      _mp_eml_add_note (walk->report, _("The parts of the message could not be told apart; its "
                                        "text was taken as it is."));
    }
  else
    _mp_eml_add_note (walk->report, _("A multipart part of the message was empty."));
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
  return _mp_eml_field_name_length (data + i, size - i) > 0;
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

#define DAY ((gint64) 24 * 3600 * G_USEC_PER_SEC)

/* When the topmost (newest) Received: header says the message arrived. */
static gint64
newest_received (GMimeObject *object)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (object);
  int n = headers != NULL ? g_mime_header_list_get_count (headers) : 0;

  for (int i = 0; i < n; i++)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);
      const char *value = g_mime_header_get_value (header);
      const char *semicolon;
      g_autoptr(GDateTime) date = NULL;

      if (g_ascii_strcasecmp (g_mime_header_get_name (header), "Received") != 0 ||
          value == NULL || (semicolon = strrchr (value, ';')) == NULL)
        continue;
      date = g_mime_utils_header_decode_date (semicolon + 1);
      if (date != NULL && g_date_time_get_year (date) > 1970)
        return g_date_time_to_unix (date) * G_USEC_PER_SEC;
    }
  return 0;
}

/* An mbox "From sender Tue Mar  3 23:15:44 2026" line: when the mailbox
 * got the message (in UTC, as mail servers write it). */
static gint64
mbox_arrival (const char *data,
              gsize       size)
{
  const char *nl;
  const char *space;
  g_autofree char *line = NULL;
  g_autoptr(GDateTime) date = NULL;

  if (size < 5 || memcmp (data, "From ", 5) != 0 || (nl = memchr (data, '\n', size)) == NULL)
    return 0;
  line = g_strndup (data + 5, nl - data - 5);
  if ((space = strchr (line, ' ')) == NULL)
    return 0;
  date = g_mime_utils_header_decode_date (space + 1);
  if (date == NULL || g_date_time_get_year (date) <= 1970)
    return 0;
  return g_date_time_to_unix (date) * G_USEC_PER_SEC;
}

/* A forward written into the text (Thunderbird, Outlook, Gmail "forward
 * inline"): a marker line, a header block, then the forwarded text. */
typedef struct
{
  char                   *cover;     /* what the forwarder wrote above it */
  InternetAddressList    *from;
  gint64                  date;
  char                   *subject;
  char                   *body;
} InlineForward;

static void
inline_forward_clear (InlineForward *forward)
{
  g_clear_pointer (&forward->cover, g_free);
  g_clear_object (&forward->from);
  g_clear_pointer (&forward->subject, g_free);
  g_clear_pointer (&forward->body, g_free);
}

static char *
join_lines (GStrv from,
            GStrv to)
{
  GString *joined = g_string_new (NULL);

  for (GStrv line = from; line < to && *line != NULL; line++)
    g_string_append_printf (joined, "%s\n", *line);
  g_strstrip (joined->str);
  return g_string_free (joined, FALSE);
}

/* Outlook writes "Sunday, January 18, 2026 11:02 PM" in no zone at all;
 * only a date with its zone says when the reporter sent the message. */
static gboolean
has_zone (const char *date)
{
  for (const char *p = date; *p != '\0'; p++)
    if ((*p == '+' || *p == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
        g_ascii_isdigit (p[3]) && g_ascii_isdigit (p[4]) && !g_ascii_isdigit (p[5]))
      return TRUE;
  return strstr (date, "GMT") != NULL || strstr (date, "UTC") != NULL;
}

static gboolean
split_inline_forward (const char    *text,
                      gboolean       strict,
                      InlineForward *forward)
{
  static const struct { const char *label; char field; } labels[] = {
    { "from", 'f' }, { "van", 'f' }, { "date", 'd' }, { "datum", 'd' }, { "sent", 'd' },
    { "verzonden", 'd' }, { "subject", 's' }, { "onderwerp", 's' }, { "to", '-' },
    { "aan", '-' }, { "cc", '-' }, { "reply-to", '-' }, { "antwoord aan", '-' },
  };
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint marker, i;

  for (marker = 0; lines[marker] != NULL && !_mp_eml_is_forward_marker (lines[marker], strict);
       marker++)
    ;
  if (lines[marker] == NULL)
    return FALSE;

  for (i = marker + 1; lines[i] != NULL && *g_strstrip (lines[i]) == '\0'; i++)
    ;
  for (; lines[i] != NULL; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;
      char field = 0;

      if (colon == NULL)
        break;
      label = g_utf8_strdown (lines[i], colon - lines[i]);
      g_strstrip (label);
      for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
        if (g_str_equal (label, labels[l].label))
          field = labels[l].field;
      if (field == 0)
        break;
      value = g_strstrip (g_strdup (colon + 1));
      if (field == 'f' && forward->from == NULL)
        forward->from = internet_address_list_parse (NULL, value);
      else if (field == 's' && forward->subject == NULL && *value != '\0')
        forward->subject = g_steal_pointer (&value);
      else if (field == 'd' && forward->date == 0 && has_zone (value))
        {
          g_autoptr(GDateTime) date = g_mime_utils_header_decode_date (value);

          if (date != NULL)
            forward->date = g_date_time_to_unix (date) * G_USEC_PER_SEC;
        }
    }

  if (first_mailbox (forward->from) == NULL)
    {
      inline_forward_clear (forward);
      return FALSE;
    }
  forward->cover = join_lines (lines, lines + marker);
  forward->body = join_lines (lines + i, lines + g_strv_length (lines));
  return TRUE;
}

static const char *
raw_header (GMimeObject *object,
            const char  *name)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (object);
  GMimeHeader *header = headers != NULL ? g_mime_header_list_get_header (headers, name) : NULL;

  return header != NULL ? g_mime_header_get_raw_value (header) : NULL;
}

/* A forwarded message's headers were not repaired before GMime read them
 * (see _mp_eml_repair()): its subject and addresses are decoded again from
 * their raw text, each encoded word on its own. */
static char *
message_subject (GMimeMessage *message)
{
  const char *raw = raw_header (GMIME_OBJECT (message), "Subject");
  g_autofree char *merged = NULL;
  g_autofree char *decoded = NULL;

  if (raw == NULL || strstr (raw, "=?") == NULL)
    return clean_header_text (g_mime_message_get_subject (message));
  merged = _mp_eml_merge_encoded_words (raw);
  decoded = g_mime_utils_header_decode_text (NULL, merged);
  return clean_header_text (decoded);
}

static InternetAddressList *
message_addresses (GMimeMessage *message,
                   const char   *name)
{
  const char *raw = raw_header (GMIME_OBJECT (message), name);
  g_autofree char *merged = NULL;
  InternetAddressList *list = NULL;
  InternetAddressList *parsed;

  if (raw != NULL && strstr (raw, "=?") != NULL)
    {
      merged = _mp_eml_merge_encoded_words (raw);
      list = internet_address_list_parse (NULL, merged);
    }
  if (list != NULL)
    return list;
  parsed = g_str_equal (name, "From") ? g_mime_message_get_from (message)
                                      : g_mime_message_get_reply_to (message);
  return parsed != NULL ? g_object_ref (parsed) : NULL;
}

/* "nl" or "en" from Content-Language, else from the reporter's address
 * (a Dutch or Flemish domain), else NULL. */
static const char *
declared_language (GMimeMessage *message,
                   const char   *email)
{
  GMimeObject *body = g_mime_message_get_mime_part (message);
  /* GMime keeps the Content-* headers on the body part. */
  const char *declared = body != NULL ? header_of (body, "Content-Language") : NULL;
  const char *at = email != NULL ? strrchr (email, '@') : NULL;

  if (declared != NULL)
    {
      while (g_ascii_isspace (*declared))
        declared++;
      if (g_ascii_strncasecmp (declared, "nl", 2) == 0)
        return "nl";
      if (g_ascii_strncasecmp (declared, "en", 2) == 0)
        return "en";
    }
  if (at != NULL && (g_str_has_suffix (at, ".nl") || g_str_has_suffix (at, ".be")))
    return "nl";
  return NULL;
}

/* Fills the draft from the messages and what the walk found. */
static void
fill_draft (MpEmlReport  *report,
            GMimeMessage *outer,
            MpEmlWalk    *walk)
{
  GMimeMessage *source = walk->forwarded != NULL ? walk->forwarded : outer;
  MpCase *draft = report->draft;
  g_autoptr(InternetAddressList) from_list = message_addresses (source, "From");
  g_autoptr(InternetAddressList) reply_to_list = message_addresses (source, "Reply-To");
  InternetAddressMailbox *from = first_mailbox (from_list);
  InternetAddressMailbox *reply_to = first_mailbox (reply_to_list);
  GString *plain = walk->forwarded != NULL ? walk->fwd_plain : walk->plain;
  GString *html = walk->forwarded != NULL ? walk->fwd_html : walk->html;
  const char *body = plain->len > 0 ? plain->str : html->str;
  InlineForward inline_forward = { 0 };
  gboolean forwarded_inline = FALSE;
  const char *cover = NULL;
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
  gint64 sender_date;

  if (walk->forwarded != NULL)
    cover = walk->plain->len > 0 ? walk->plain->str : walk->html->str;
  else if (split_inline_forward (body, !walk->is_forward, &inline_forward))
    {
      /* The forwarder's own headers say nothing about the reporter. */
      forwarded_inline = TRUE;
      from = first_mailbox (inline_forward.from);
      reply_to = NULL;
      body = inline_forward.body;
      cover = inline_forward.cover;
    }

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
    g_autofree char *subject = message_subject (source);

    if (forwarded_inline)
      {
        g_clear_pointer (&subject, g_free);
        subject = clean_header_text (inline_forward.subject);
      }
    if (subject == NULL && (source != outer || forwarded_inline))
      {
        g_autofree char *outer_subject = clean_header_text (g_mime_message_get_subject (outer));

        if (outer_subject != NULL)
          subject = _mp_eml_strip_forward_prefix (outer_subject, NULL);
      }
    title = subject != NULL && *subject != '\0' ? g_steal_pointer (&subject) : NULL;
  }

  /* Received at: when the desk received it, by the desk's clocks. The
   * sender's Date only counts for a forward (when the reporter wrote to
   * someone else first), and only when the desk's receipt bounds it. */
  sender_date = forwarded_inline ? inline_forward.date : message_date (source);
  received_at = report->arrival;
  if (source != outer || forwarded_inline)
    {
      gint64 reference = received_at != 0 ? received_at : mp_time_now ();
      gint64 inner = source != outer ? newest_received (GMIME_OBJECT (source)) : 0;

      if (inner != 0 && inner <= reference + DAY)
        received_at = inner;
      else if (sender_date != 0 && sender_date <= reference + DAY &&
               sender_date >= reference - 30 * DAY)
        received_at = sender_date;
    }
  if (received_at == 0)
    {
      if (sender_date == 0 && header_of (GMIME_OBJECT (source), "Date") != NULL)
        _mp_eml_add_note (report, _("The date of the message could not be read; the time of "
                                    "the import is used instead."));
      else if (sender_date == 0)
        _mp_eml_add_note (report, _("The message has no date; the time of the import is used "
                                    "instead."));
      else
        _mp_eml_add_note (report, _("The message does not say when the desk received it (it has "
                                    "no Received header); the time of the import is used."));
      received_at = mp_time_now ();
    }
  report->sender_date = sender_date;
  if (sender_date != 0 && ABS (sender_date - received_at) > DAY)
    {
      g_autofree char *sent = mp_time_format_iso8601 (sender_date);
      g_autofree char *received = mp_time_format_iso8601 (received_at);
      g_autofree char *note = g_strdup_printf (_("The date the sender gave (%s) is more than a day "
                                                 "away from when the desk received the message "
                                                 "(%s); the deadlines count from the receipt."),
                                               sent, received);

      _mp_eml_add_note (report, note);
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

  if (walk->inner->len > 0)
    {
      char *joined = description != NULL && *description != '\0'
                     ? g_strdup_printf ("%s\n\n%s", description, walk->inner->str)
                     : g_strdup (walk->inner->str);

      g_free (description);
      description = joined;
    }

  if (email == NULL)
    _mp_eml_add_note (report, _("The message has no sender address."));
  if (walk->is_signed)
    _mp_eml_add_note (report, _("The message is signed (S/MIME or OpenPGP). The signature is "
                                "kept as an attachment; Meldpunt did not check it."));

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
    {
      const MpEmlAttachment *first = report->attachments->len > 0
                                     ? g_ptr_array_index (report->attachments, 0) : NULL;

      /* Why there is nothing to read says where to look. */
      if (first != NULL)
        {
          g_autofree char *note = g_strdup_printf (_("The message has no readable text of its "
                                                     "own; the report is probably in the "
                                                     "attachment “%s”."), first->name);

          _mp_eml_add_note (report, note);
        }
      else
        _mp_eml_add_note (report, _("The message has no readable text: its body is empty."));
    }

  if (title == NULL)
    {
      _mp_eml_add_note (report, _("The message has no subject."));
      title = g_strdup (_("(no subject)"));
    }

  if (asset == NULL)
    asset = _mp_eml_find_asset (title);
  if (asset == NULL && !walk->encrypted)
    asset = _mp_eml_find_asset (description);

  /* The service desk's cover note of a forward goes into the notes. */
  if (cover != NULL)
    {
      if (*cover != '\0')
        {
          InternetAddressMailbox *by = first_mailbox (g_mime_message_get_from (outer));
          g_autofree char *by_raw = NULL;
          g_autofree char *by_text = NULL;
          g_autofree char *note = NULL;

          if (by != NULL)
            by_raw = internet_address_to_string (INTERNET_ADDRESS (by), NULL, FALSE);
          by_text = clean_header_text (by_raw);

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

    /* Other clues before a guess: the language the message declares, and
     * the country of the reporter's address. */
    if (language == NULL)
      language = declared_language (source, email);
    /* The store needs a language; the desk's own is the safe default. It
     * only matters, and is only said, when there was text to go by. */
    if (language == NULL)
      {
        if (description != NULL && *description != '\0' && !walk->encrypted)
          _mp_eml_add_note (report, _("The language of the report could not be recognised; "
                                      "Dutch is assumed. Edit the case to change the reporter's "
                                      "language."));
        language = "nl";
      }
    mp_case_set_text (draft, "reporter_language", language);
  }
  mp_case_set_text (draft, "asset", asset);
  mp_case_set_text (draft, "description",
                    description != NULL && *description != '\0' ? description : NULL);
  inline_forward_clear (&inline_forward);
}

/* Forgets what a walk found, to walk the message again as a forward. */
static void
walk_reset (MpEmlWalk *walk)
{
  g_string_truncate (walk->plain, 0);
  g_string_truncate (walk->html, 0);
  g_string_truncate (walk->fwd_plain, 0);
  g_string_truncate (walk->fwd_html, 0);
  g_string_truncate (walk->inner, 0);
  g_ptr_array_set_size (walk->report->attachments, 0);
  walk->forwarded = NULL;
  walk->encrypted = FALSE;
  walk->is_signed = FALSE;
  walk->n_unnamed = 0;
  walk->n_messages = 0;
  walk->inline_message = FALSE;
  walk->broken_multipart = FALSE;
}

MpEmlReport *
mp_eml_report_parse (GBytes  *message,
                     gsize    max_bytes,
                     GError **error)
{
  return mp_eml_report_parse_arrived (message, max_bytes, 0, error);
}

MpEmlReport *
mp_eml_report_parse_arrived (GBytes  *message,
                             gsize    max_bytes,
                             gint64   arrival,
                             GError **error)
{
  g_autoptr(MpEmlReport) report = NULL;
  g_autoptr(GMimeParserOptions) options = NULL;
  g_autoptr(GMimeStream) stream = NULL;
  g_autoptr(GMimeParser) parser = NULL;
  g_autoptr(GMimeMessage) parsed = NULL;
  g_autoptr(GBytes) repaired = NULL;
  static const char *fallback_charsets[] = { "UTF-8", "windows-1252", NULL };
  GMimeObject *body;
  gsize size;
  const char *data;
  MpEmlWalk walk = { 0 };

  g_return_val_if_fail (message != NULL, NULL);

  _mp_eml_ensure_gmime ();
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
  if (data != NULL && _mp_eml_is_outlook_msg (data, size))
    {
      g_set_error_literal (error, MP_EML_ERROR, MP_EML_ERROR_NOT_EMAIL,
                           _("This is an Outlook message file (.msg), which Meldpunt cannot "
                             "read. Save the message as an .eml file, or drag it from the "
                             "mail client into Meldpunt."));
      return NULL;
    }
  repaired = data != NULL ? _mp_eml_repair (message) : NULL;
  if (repaired != NULL)
    data = g_bytes_get_data (repaired, &size);
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
  report->attachments = g_ptr_array_new_with_free_func (_mp_eml_attachment_free);

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
  walk.inner = g_string_new (NULL);
  {
    g_autofree char *subject = clean_header_text (g_mime_message_get_subject (parsed));
    g_autofree char *stripped = NULL;

    if (subject != NULL)
      stripped = _mp_eml_strip_forward_prefix (subject, &walk.is_forward);
  }
  body = g_mime_message_get_mime_part (parsed);
  if (body != NULL)
    _mp_eml_walk (&walk, body, FALSE);
  /* A forward by its structure, whatever the subject: a message shown
   * inline, or attached to a message with next to nothing of its own. */
  if (body != NULL && !walk.is_forward && walk.forwarded == NULL && walk.in_digest == 0 &&
      walk.inner->len == 0 &&
      (walk.inline_message ||
       (walk.n_messages == 1 && _mp_eml_is_thin_text (walk.plain->len > 0 ? walk.plain->str
                                                                         : walk.html->str))))
    {
      walk_reset (&walk);
      walk.is_forward = TRUE;
      _mp_eml_walk (&walk, body, FALSE);
    }
  if (walk.broken_multipart && walk.plain->len == 0 && walk.html->len == 0 &&
      walk.fwd_plain->len == 0 && walk.fwd_html->len == 0)
    salvage_text (&walk, data, size);
  report->arrival = arrival > 0 ? arrival : mbox_arrival (data, size);
  if (report->arrival == 0)
    report->arrival = newest_received (GMIME_OBJECT (parsed));
  fill_draft (report, parsed, &walk);

  report->headers = raw_headers (data, size);
  if (walk.forwarded != NULL)
    {
      g_autofree char *inner = g_mime_object_get_headers (GMIME_OBJECT (walk.forwarded), NULL);
      g_autofree char *inner_text = NULL;

      if (inner != NULL)
        inner_text = _mp_eml_to_utf8 (inner, strlen (inner), NULL, NULL);

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

  _mp_eml_add_attachment (report, "original-message.eml", "message/rfc822", message);

  g_string_free (walk.plain, TRUE);
  g_string_free (walk.html, TRUE);
  g_string_free (walk.fwd_plain, TRUE);
  g_string_free (walk.fwd_html, TRUE);
  g_string_free (walk.inner, TRUE);
  g_clear_pointer (&walk.owned, g_ptr_array_unref);
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

gint64
mp_eml_report_get_sender_date (MpEmlReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->sender_date;
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
  MpEmlAttachment *attachment;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->attachments->len, NULL);

  attachment = g_ptr_array_index (report->attachments, index);
  if (mime_type != NULL)
    *mime_type = attachment->mime_type;
  if (content != NULL)
    *content = attachment->content;
  return attachment->name;
}
