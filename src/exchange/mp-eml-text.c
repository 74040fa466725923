/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "mp-eml-text.h"

/* windows-1252 for 0x80–0x9F; 0 where the code page leaves a hole. */
static const gunichar cp1252_c1[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static gunichar
cp1252_char (guchar byte)
{
  if (byte >= 0x80 && byte <= 0x9F && cp1252_c1[byte - 0x80] != 0)
    return cp1252_c1[byte - 0x80];
  return byte;
}

static char *
decode_cp1252 (const char *data,
               gsize       length)
{
  GString *out = g_string_sized_new (length + length / 4);

  for (gsize i = 0; i < length; i++)
    g_string_append_unichar (out, cp1252_char ((guchar) data[i]));
  return g_string_free (out, FALSE);
}

static gboolean
is_latin1_name (const char *charset)
{
  static const char * const names[] = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii",
    "windows-1252", "cp1252", "x-cp1252", "ansi_x3.4-1968", NULL
  };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (charset, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
normalise_newlines (char *text)
{
  char *in = text, *out = text;

  /* CRLF and lone CR become LF; NUL and other C0 controls except tab go. */
  while (*in != '\0')
    {
      if (in[0] == '\r')
        {
          *out++ = '\n';
          in += in[1] == '\n' ? 2 : 1;
          continue;
        }
      if ((guchar) *in < 0x20 && *in != '\n' && *in != '\t')
        {
          in++;
          continue;
        }
      *out++ = *in++;
    }
  *out = '\0';
  return text;
}

char *
_mp_eml_fix_c1 (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x80 && c <= 0x9F)
        c = cp1252_char ((guchar) c);
      if (c >= 0x80 && c <= 0x9F)
        continue;   /* a hole in windows-1252: nothing readable */
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Labels mail clients write that iconv does not know, or knows as a
 * smaller charset than the one they mean. */
static const char *
charset_alias (const char *charset)
{
  static const struct { const char *label; const char *iconv; } aliases[] = {
    { "ks_c_5601-1987", "CP949" }, { "ks_c_5601", "CP949" }, { "ks_c_5601-1989", "CP949" },
    { "euc-kr", "CP949" }, { "x-euc-kr", "CP949" }, { "gb2312", "GBK" }, { "x-gbk", "GBK" },
    { "x-sjis", "SHIFT_JIS" }, { "shift-jis", "SHIFT_JIS" }, { "x-shift_jis", "SHIFT_JIS" },
    { "x-euc-jp", "EUC-JP" }, { "x-mac-roman", "MACINTOSH" }, { "macintosh", "MACINTOSH" },
    { "windows-874", "CP874" }, { "tis-620", "CP874" }, { "iso-8859-8-i", "ISO-8859-8" },
    { "unicode-1-1-utf-7", "UTF-7" }, { "x-unicode20utf8", "UTF-8" }, { "utf8", "UTF-8" },
    { "big5-hkscs", "BIG5-HKSCS" }, { "x-x-big5", "BIG5" }, { "cp-850", "CP850" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (charset, aliases[i].label) == 0)
      return aliases[i].iconv;
  return charset;
}

/* Labels that say nothing about the bytes. */
static gboolean
is_meaningless_charset (const char *charset)
{
  static const char * const names[] = {
    "unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined", "charset", "ansi",
    "8bit", "us", NULL
  };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (charset, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_ascii (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Converts what iconv can; each byte it cannot becomes U+FFFD. NULL when
 * iconv does not know @charset. */
static char *
convert_lossy (const char *data,
               gsize       length,
               const char *charset,
               gboolean   *lossy)
{
  GIConv converter = g_iconv_open ("UTF-8", charset);
  GString *out;
  char buffer[1024];
  char *in = (char *) data;
  gsize in_left = length;

  if (converter == (GIConv) -1)
    return NULL;
  out = g_string_sized_new (length + 16);
  while (TRUE)
    {
      char *to = buffer;
      gsize to_left = sizeof buffer;
      gsize result = g_iconv (converter, in_left > 0 ? &in : NULL, &in_left, &to, &to_left);

      g_string_append_len (out, buffer, (gssize) (to - buffer));
      if (result != (gsize) -1)
        {
          if (in_left == 0)
            break;
          continue;
        }
      if (errno == E2BIG)
        continue;
      /* EILSEQ or EINVAL (cut short): skip a byte and go on. */
      *lossy = TRUE;
      g_string_append (out, "\xef\xbf\xbd");
      if (in_left == 0)
        break;
      in++;
      in_left--;
      g_iconv (converter, NULL, NULL, NULL, NULL);
      if (in_left == 0)
        break;
    }
  g_iconv_close (converter);
  if (!g_utf8_validate (out->str, (gssize) out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, (gssize) out->len);

      g_string_free (out, TRUE);
      *lossy = TRUE;
      return valid;
    }
  return g_string_free (out, FALSE);
}

char *
_mp_eml_to_utf8 (const char *data,
                 gsize       length,
                 const char *charset,
                 gboolean   *lossy)
{
  g_autofree char *clean = NULL;
  g_autofree char *converted = NULL;
  gboolean was_lossy = FALSE;

  /* A NUL inside a text part would cut it short; drop it. */
  clean = g_malloc (length + 1);
  {
    gsize n = 0;

    for (gsize i = 0; i < length; i++)
      if (data[i] != '\0')
        clean[n++] = data[i];
    clean[n] = '\0';
    length = n;
  }

  if (charset != NULL)
    {
      while (g_ascii_isspace (*charset) || *charset == '"')
        charset++;
      if (*charset == '\0' || is_meaningless_charset (charset))
        charset = NULL;
      else
        charset = charset_alias (charset);
    }

  /* The label is a claim, the bytes are the facts: text that is valid UTF-8
   * with bytes beyond ASCII is UTF-8 whatever the label says (no real text in
   * another charset validates by chance); only 7-bit charsets such as
   * ISO-2022-JP or UTF-7 need their label to read ASCII bytes. Text that is
   * not valid UTF-8 labelled UTF-8, Latin-1, US-ASCII or nothing is
   * windows-1252, what Windows clients send. */
  if (g_utf8_validate (clean, (gssize) length, NULL) &&
      (charset == NULL || !is_ascii (clean, length) || is_latin1_name (charset) ||
       g_ascii_strcasecmp (charset, "utf-8") == 0))
    converted = g_strndup (clean, length);
  else if (charset == NULL || is_latin1_name (charset) || g_ascii_strcasecmp (charset, "utf-8") == 0)
    converted = decode_cp1252 (clean, length);
  else
    {
      converted = convert_lossy (clean, length, charset, &was_lossy);
      if (converted == NULL)
        {
          /* A charset iconv does not know: what is ASCII is still readable
           * (and all of it when it is ASCII only). */
          GString *out = g_string_sized_new (length);

          was_lossy = !is_ascii (clean, length);
          for (gsize i = 0; i < length; i++)
            if ((guchar) clean[i] < 0x80)
              g_string_append_c (out, clean[i]);
            else
              g_string_append (out, "\xef\xbf\xbd");
          converted = g_string_free (out, FALSE);
        }
    }

  if (lossy != NULL)
    *lossy = was_lossy;
  return normalise_newlines (_mp_eml_fix_c1 (converted));
}

/* HTML to text ---------------------------------------------------------- */

typedef struct
{
  const char *name;
  gunichar    c;
} Entity;

static const Entity entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", ' ' }, { "shy", 0x00AD }, { "copy", 0x00A9 }, { "reg", 0x00AE },
  { "euro", 0x20AC }, { "hellip", 0x2026 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "bull", 0x2022 }, { "middot", 0x00B7 },
  { "deg", 0x00B0 }, { "times", 0x00D7 }, { "szlig", 0x00DF },
  { "aacute", 0x00E1 }, { "agrave", 0x00E0 }, { "acirc", 0x00E2 }, { "auml", 0x00E4 },
  { "eacute", 0x00E9 }, { "egrave", 0x00E8 }, { "ecirc", 0x00EA }, { "euml", 0x00EB },
  { "iacute", 0x00ED }, { "igrave", 0x00EC }, { "icirc", 0x00EE }, { "iuml", 0x00EF },
  { "oacute", 0x00F3 }, { "ograve", 0x00F2 }, { "ocirc", 0x00F4 }, { "ouml", 0x00F6 },
  { "uacute", 0x00FA }, { "ugrave", 0x00F9 }, { "ucirc", 0x00FB }, { "uuml", 0x00FC },
  { "ccedil", 0x00E7 }, { "ntilde", 0x00F1 }, { "oslash", 0x00F8 }, { "aring", 0x00E5 },
  { "Aacute", 0x00C1 }, { "Auml", 0x00C4 }, { "Eacute", 0x00C9 }, { "Euml", 0x00CB },
  { "Iuml", 0x00CF }, { "Ouml", 0x00D6 }, { "Uuml", 0x00DC }, { "Ccedil", 0x00C7 },
  /* What Word and Outlook write besides (issue 19: "&bdquo;" stayed). */
  { "bdquo", 0x201E }, { "sbquo", 0x201A }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203A },
  { "trade", 0x2122 }, { "permil", 0x2030 }, { "dagger", 0x2020 }, { "Dagger", 0x2021 },
  { "prime", 0x2032 }, { "Prime", 0x2033 }, { "frasl", 0x2044 }, { "minus", 0x2212 },
  { "ensp", ' ' }, { "emsp", ' ' }, { "thinsp", ' ' }, { "zwnj", 0x200C }, { "zwj", 0x200D },
  { "lrm", 0x200E }, { "rlm", 0x200F }, { "cent", 0x00A2 }, { "pound", 0x00A3 },
  { "yen", 0x00A5 }, { "curren", 0x00A4 }, { "sect", 0x00A7 }, { "para", 0x00B6 },
  { "plusmn", 0x00B1 }, { "frac12", 0x00BD }, { "frac14", 0x00BC }, { "frac34", 0x00BE },
  { "sup1", 0x00B9 }, { "sup2", 0x00B2 }, { "sup3", 0x00B3 }, { "micro", 0x00B5 },
  { "iexcl", 0x00A1 }, { "iquest", 0x00BF }, { "ordf", 0x00AA }, { "ordm", 0x00BA },
  { "not", 0x00AC }, { "macr", 0x00AF }, { "acute", 0x00B4 }, { "cedil", 0x00B8 },
  { "uml", 0x00A8 }, { "brvbar", 0x00A6 }, { "divide", 0x00F7 }, { "larr", 0x2190 },
  { "rarr", 0x2192 }, { "uarr", 0x2191 }, { "darr", 0x2193 }, { "harr", 0x2194 },
  { "rArr", 0x21D2 }, { "lArr", 0x21D0 }, { "hArr", 0x21D4 }, { "le", 0x2264 },
  { "ge", 0x2265 }, { "ne", 0x2260 }, { "infin", 0x221E }, { "asymp", 0x2248 },
  { "circ", 0x02C6 }, { "tilde", 0x02DC }, { "fnof", 0x0192 }, { "oline", 0x203E },
  { "Agrave", 0x00C0 }, { "Acirc", 0x00C2 }, { "Atilde", 0x00C3 }, { "Aring", 0x00C5 },
  { "AElig", 0x00C6 }, { "Egrave", 0x00C8 }, { "Ecirc", 0x00CA }, { "Igrave", 0x00CC },
  { "Iacute", 0x00CD }, { "Icirc", 0x00CE }, { "ETH", 0x00D0 }, { "Ntilde", 0x00D1 },
  { "Ograve", 0x00D2 }, { "Oacute", 0x00D3 }, { "Ocirc", 0x00D4 }, { "Otilde", 0x00D5 },
  { "Oslash", 0x00D8 }, { "Ugrave", 0x00D9 }, { "Uacute", 0x00DA }, { "Ucirc", 0x00DB },
  { "Yacute", 0x00DD }, { "THORN", 0x00DE }, { "atilde", 0x00E3 }, { "aelig", 0x00E6 },
  { "eth", 0x00F0 }, { "otilde", 0x00F5 }, { "yacute", 0x00FD }, { "thorn", 0x00FE },
  { "yuml", 0x00FF }, { "OElig", 0x0152 }, { "oelig", 0x0153 }, { "Scaron", 0x0160 },
  { "scaron", 0x0161 }, { "Yuml", 0x0178 }, { "Zcaron", 0x017D }, { "zcaron", 0x017E },
  { "check", 0x2713 }, { "hyphen", 0x2010 }, { "dash", 0x2010 }, { "horbar", 0x2015 },
};

/* Decodes the entity at @p (pointing at '&'); returns how many bytes it
 * used, 0 if it is not an entity. */
static gsize
decode_entity (const char *p,
               gunichar   *out)
{
  const char *end = p + 1;
  g_autofree char *name = NULL;

  while (*end != '\0' && *end != ';' && end - p < 12 && (g_ascii_isalnum (*end) || *end == '#'))
    end++;
  if (*end != ';' || end == p + 1)
    return 0;
  name = g_strndup (p + 1, end - p - 1);

  if (name[0] == '#')
    {
      guint64 value;
      char *stop = NULL;

      if (name[1] == 'x' || name[1] == 'X')
        value = g_ascii_strtoull (name + 2, &stop, 16);
      else
        value = g_ascii_strtoull (name + 1, &stop, 10);
      if (stop == NULL || *stop != '\0' || value == 0 || value > 0x10FFFF ||
          (value >= 0xD800 && value <= 0xDFFF))
        return 0;
      *out = value >= 0x80 && value <= 0x9F ? cp1252_char ((guchar) value) : (gunichar) value;
      return end - p + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    if (strcmp (entities[i].name, name) == 0)
      {
        *out = entities[i].c;
        return end - p + 1;
      }
  return 0;
}

static char *
decode_entities (const char *text,
                 gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length;)
    {
      gunichar c;
      gsize used;

      if (text[i] == '&' && (used = decode_entity (text + i, &c)) > 0 && i + used <= length)
        {
          g_string_append_unichar (out, c);
          i += used;
        }
      else
        g_string_append_c (out, text[i++]);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GString  *out;
  gboolean  pending_space;
  guint     pre;
} HtmlOut;

static void
html_break (HtmlOut *h,
            guint    n)
{
  guint have = 0;

  while (h->out->len > 0 && h->out->str[h->out->len - 1] == ' ')
    g_string_truncate (h->out, h->out->len - 1);
  h->pending_space = FALSE;
  if (h->out->len == 0)
    return;
  for (gsize i = h->out->len; i > 0 && h->out->str[i - 1] == '\n'; i--)
    have++;
  for (; have < n; have++)
    g_string_append_c (h->out, '\n');
}

static void
html_text (HtmlOut    *h,
           const char *text,
           gsize       length)
{
  g_autofree char *decoded = decode_entities (text, length);

  for (const char *p = decoded; *p != '\0'; p++)
    {
      if (h->pre == 0 && g_ascii_isspace (*p))
        {
          h->pending_space = TRUE;
          continue;
        }
      if (h->pending_space && h->out->len > 0 && h->out->str[h->out->len - 1] != '\n')
        g_string_append_c (h->out, ' ');
      h->pending_space = FALSE;
      g_string_append_c (h->out, *p);
    }
}

/* Returns: (transfer full) (nullable): the decoded value of attribute @name
 * in the tag text @attrs (what follows the tag name, up to '>'). */
static char *
find_attribute (const char *attrs,
                gsize       length,
                const char *name)
{
  gsize name_len = strlen (name);

  for (gsize i = 0; i < length;)
    {
      gsize start, end;
      char quote = 0;

      while (i < length && (g_ascii_isspace (attrs[i]) || attrs[i] == '/'))
        i++;
      start = i;
      while (i < length && !g_ascii_isspace (attrs[i]) && attrs[i] != '=' && attrs[i] != '>')
        i++;
      end = i;
      while (i < length && g_ascii_isspace (attrs[i]))
        i++;
      if (i < length && attrs[i] == '=')
        {
          gsize value_start;

          i++;
          while (i < length && g_ascii_isspace (attrs[i]))
            i++;
          if (i < length && (attrs[i] == '"' || attrs[i] == '\''))
            quote = attrs[i++];
          value_start = i;
          while (i < length && (quote ? attrs[i] != quote : !g_ascii_isspace (attrs[i])))
            i++;
          if (end - start == name_len && g_ascii_strncasecmp (attrs + start, name, name_len) == 0)
            {
              g_autofree char *value = decode_entities (attrs + value_start, i - value_start);

              return g_strstrip (g_steal_pointer (&value));
            }
          if (quote && i < length)
            i++;
        }
      else if (end == start)
        i++;
    }
  return NULL;
}

static guint
block_breaks (const char *tag)
{
  static const char * const paragraph[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr",
    "dl", NULL
  };
  static const char * const line[] = {
    "br", "div", "li", "tr", "dt", "dd", "section", "article", "header", "footer", "nav",
    "address", "form", "main", "center", NULL
  };

  if (g_strv_contains (paragraph, tag))
    return 2;
  if (g_strv_contains (line, tag))
    return 1;
  return 0;
}

static gboolean
is_link_worth_showing (const char *href,
                       const char *text)
{
  if (href == NULL || *href == '\0' || href[0] == '#' ||
      g_ascii_strncasecmp (href, "javascript:", 11) == 0 ||
      g_ascii_strncasecmp (href, "cid:", 4) == 0)
    return FALSE;
  if (g_ascii_strncasecmp (href, "mailto:", 7) == 0)
    href += 7;
  if (g_ascii_strcasecmp (href, text) == 0)
    return FALSE;
  /* "https://example.nl/" shown as "example.nl/" or the other way round. */
  if (strstr (href, text) != NULL && strchr (text, '.') != NULL &&
      strlen (text) + 9 >= strlen (href))
    return FALSE;
  return TRUE;
}

char *
_mp_eml_html_to_text (const char *html)
{
  HtmlOut h = { g_string_new (NULL), FALSE, 0 };
  g_autofree char *href = NULL;
  gssize link_start = -1;
  const char *p = html;
  g_auto(GStrv) lines = NULL;
  GString *result;

  g_return_val_if_fail (html != NULL, NULL);

  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');
      const char *name_start, *name_end, *gt;
      g_autofree char *tag = NULL;
      gboolean closing;
      guint breaks;

      if (lt == NULL)
        {
          html_text (&h, p, strlen (p));
          break;
        }
      html_text (&h, p, lt - p);

      if (g_str_has_prefix (lt, "<!--"))
        {
          const char *end = strstr (lt + 4, "-->");

          p = end != NULL ? end + 3 : lt + strlen (lt);
          continue;
        }

      closing = lt[1] == '/';
      name_start = lt + (closing ? 2 : 1);
      name_end = name_start;
      while (g_ascii_isalnum (*name_end))
        name_end++;
      if (name_end == name_start && lt[1] != '!' && lt[1] != '?')
        {
          /* A lone '<' in text. */
          html_text (&h, "<", 1);
          p = lt + 1;
          continue;
        }

      /* The end of the tag, skipping quoted attribute values. */
      gt = name_end;
      {
        char quote = 0;

        while (*gt != '\0' && (quote != 0 || *gt != '>'))
          {
            if (quote == 0 && (*gt == '"' || *gt == '\''))
              quote = *gt;
            else if (quote == *gt)
              quote = 0;
            gt++;
          }
      }
      tag = g_ascii_strdown (name_start, name_end - name_start);
      p = *gt == '>' ? gt + 1 : gt;

      if (!closing && (g_str_equal (tag, "script") || g_str_equal (tag, "style") ||
                       g_str_equal (tag, "head") || g_str_equal (tag, "title") ||
                       g_str_equal (tag, "template")))
        {
          g_autofree char *close = g_strdup_printf ("</%s", tag);
          const char *end = p;

          /* Skip the element's contents up to its closing tag. */
          while ((end = strchr (end, '<')) != NULL &&
                 g_ascii_strncasecmp (end, close, strlen (close)) != 0)
            end++;
          if (end == NULL)
            break;
          end = strchr (end, '>');
          p = end != NULL ? end + 1 : p + strlen (p);
          continue;
        }

      if (g_str_equal (tag, "a"))
        {
          if (!closing)
            {
              g_clear_pointer (&href, g_free);
              href = find_attribute (name_end, gt - name_end, "href");
              if (h.pending_space && h.out->len > 0 && h.out->str[h.out->len - 1] != '\n')
                g_string_append_c (h.out, ' ');
              h.pending_space = FALSE;
              link_start = (gssize) h.out->len;
            }
          else if (link_start >= 0)
            {
              g_autofree char *text = g_strstrip (g_strdup (h.out->str + link_start));

              if (is_link_worth_showing (href, text))
                {
                  if (*text == '\0')
                    g_string_append (h.out, href);
                  else
                    g_string_append_printf (h.out, " (%s)", href);
                }
              link_start = -1;
              g_clear_pointer (&href, g_free);
            }
          continue;
        }

      if (g_str_equal (tag, "pre"))
        h.pre = closing ? (h.pre > 0 ? h.pre - 1 : 0) : h.pre + 1;

      breaks = block_breaks (tag);
      if (g_str_equal (tag, "br"))
        {
          while (h.out->len > 0 && h.out->str[h.out->len - 1] == ' ')
            g_string_truncate (h.out, h.out->len - 1);
          g_string_append_c (h.out, '\n');
          h.pending_space = FALSE;
        }
      else if (breaks > 0)
        {
          html_break (&h, breaks);
          if (!closing && g_str_equal (tag, "li"))
            g_string_append (h.out, "- ");
        }
      else if (g_str_equal (tag, "td") || g_str_equal (tag, "th") || g_str_equal (tag, "img"))
        h.pending_space = TRUE;
    }

  /* Trailing spaces off every line; at most one empty line in a row. */
  lines = g_strsplit (h.out->str, "\n", -1);
  g_string_free (h.out, TRUE);
  result = g_string_new (NULL);
  {
    guint empty = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_strchomp (lines[i]);
        if (*lines[i] == '\0')
          {
            empty++;
            continue;
          }
        if (result->len > 0)
          g_string_append (result, empty > 0 ? "\n\n" : "\n");
        g_string_append (result, lines[i]);
        empty = 0;
      }
  }
  return g_string_free (result, FALSE);
}

/* Guesses ---------------------------------------------------------------- */

const char *
_mp_eml_guess_language (const char *text)
{
  static const char * const dutch[] = {
    "de", "het", "een", "en", "ik", "je", "van", "niet", "dat", "op", "voor", "met", "zijn",
    "uw", "bij", "deze", "heb", "wij", "jullie", "groet", "groeten", NULL
  };
  static const char * const english[] = {
    "the", "and", "is", "you", "to", "of", "that", "it", "your", "this", "with", "for", "are",
    "have", "regards", "found", NULL
  };
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  guint nl = 0, en = 0;

  if (text == NULL)
    return NULL;
  lower = g_utf8_strdown (text, -1);
  g_strdelimit (lower, " \t\n.,;:!?()[]{}\"'<>/-", ' ');
  words = g_strsplit (lower, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_strv_contains (dutch, words[i]))
        nl++;
      else if (g_strv_contains (english, words[i]))
        en++;
    }
  if (nl == 0 && en == 0)
    return NULL;
  return nl > en ? "nl" : "en";
}

static gboolean
is_file_extension (const char *host)
{
  static const char * const extensions[] = {
    "pdf", "png", "jpg", "jpeg", "gif", "txt", "zip", "html", "htm", "php", "js", "exe",
    "doc", "docx", "xls", "xlsx", "eml", "asc", "gz", "sql", "tar", "log", "py", "json",
    "xml", "csv", "bak", "conf", "cfg", "ini", "yml", "yaml", "svg", "css", "mp4", "webp", NULL
  };
  const char *dot = strrchr (host, '.');
  g_autofree char *tld = NULL;

  if (dot == NULL)
    return TRUE;
  tld = g_ascii_strdown (dot + 1, -1);
  return g_strv_contains (extensions, tld);
}

static gboolean
is_ipv4 (const char *text)
{
  g_auto(GStrv) octets = g_strsplit (text, ".", -1);

  if (g_strv_length (octets) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (*octets[i] == '\0' || strlen (octets[i]) > 3 ||
        g_ascii_strtoull (octets[i], NULL, 10) > 255)
      return FALSE;
  return TRUE;
}

char *
_mp_eml_find_asset (const char *text)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL)
    return NULL;
  if (g_once_init_enter (&regex))
    {
      GRegex *compiled =
        g_regex_new ("(?<url>https?://[^\\s<>\"'\\[\\]{}]+)"
                     "|(?<ip>(?<![\\w.@-])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w@-]|\\.\\d))"
                     "|(?<host>(?<![\\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                     "[a-z]{2,24}(?![\\w@-]|\\.\\w))",
                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *url = g_match_info_fetch_named (match, "url");
      g_autofree char *ip = g_match_info_fetch_named (match, "ip");
      g_autofree char *host = g_match_info_fetch_named (match, "host");

      if (url != NULL && *url != '\0')
        {
          gsize len = strlen (url);

          /* Sentence punctuation and an unbalanced ')' are not the URL's. */
          while (len > 0)
            {
              guint open = 0, close = 0;

              for (const char *c = url; *c != '\0'; c++)
                {
                  open += *c == '(';
                  close += *c == ')';
                }
              if (strchr (".,;:!?'\"", url[len - 1]) != NULL ||
                  (url[len - 1] == ')' && close > open))
                url[--len] = '\0';
              else
                break;
            }
          if (len > strlen ("https://"))
            return g_steal_pointer (&url);
        }
      else if (ip != NULL && *ip != '\0')
        {
          if (is_ipv4 (ip))
            return g_steal_pointer (&ip);
        }
      else if (host != NULL && *host != '\0' && !is_file_extension (host))
        return g_ascii_strdown (host, -1);
    }
  return NULL;
}

typedef enum
{
  FORM_NONE,
  FORM_NAME,
  FORM_EMAIL,
  FORM_SUBJECT,
  FORM_ASSET,
  FORM_DESCRIPTION,
} FormField;

static FormField
form_field_of (const char *label)
{
  static const struct { const char *label; FormField field; } labels[] = {
    { "naam", FORM_NAME }, { "name", FORM_NAME }, { "uw naam", FORM_NAME },
    { "your name", FORM_NAME }, { "volledige naam", FORM_NAME }, { "full name", FORM_NAME },
    { "e-mail", FORM_EMAIL }, { "email", FORM_EMAIL }, { "e-mailadres", FORM_EMAIL },
    { "emailadres", FORM_EMAIL }, { "e-mail address", FORM_EMAIL },
    { "email address", FORM_EMAIL }, { "uw e-mailadres", FORM_EMAIL },
    { "onderwerp", FORM_SUBJECT }, { "subject", FORM_SUBJECT },
    { "url", FORM_ASSET }, { "website", FORM_ASSET }, { "systeem", FORM_ASSET },
    { "system", FORM_ASSET }, { "getroffen systeem", FORM_ASSET },
    { "affected system", FORM_ASSET }, { "betreft", FORM_ASSET },
    { "omschrijving", FORM_DESCRIPTION }, { "beschrijving", FORM_DESCRIPTION },
    { "description", FORM_DESCRIPTION }, { "melding", FORM_DESCRIPTION },
    { "bericht", FORM_DESCRIPTION }, { "message", FORM_DESCRIPTION },
    { "toelichting", FORM_DESCRIPTION }, { "details", FORM_DESCRIPTION },
  };
  g_autofree char *lower = g_utf8_strdown (label, -1);

  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (lower, labels[i].label))
      return labels[i].field;
  return FORM_NONE;
}

static char *
clean_email (const char *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  char *start = copy;
  gsize len;

  if (*start == '<' || g_ascii_strncasecmp (start, "mailto:", 7) == 0)
    start += *start == '<' ? 1 : 7;
  len = strlen (start);
  if (len > 0 && start[len - 1] == '>')
    start[len - 1] = '\0';
  if (strchr (start, '@') == NULL || strchr (start, ' ') != NULL)
    return NULL;
  return g_strdup (start);
}

gboolean
_mp_eml_parse_web_form (const char  *text,
                        char       **name,
                        char       **email,
                        char       **subject,
                        char       **asset,
                        char       **description)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *form_name = NULL;
  g_autofree char *form_email = NULL;
  g_autofree char *form_subject = NULL;
  g_autofree char *form_asset = NULL;
  GString *form_description = NULL;
  gboolean in_description = FALSE;
  gboolean found;

  if (text == NULL)
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon = strchr (line, ':');
      FormField field = FORM_NONE;

      if (colon != NULL && colon - line <= 30 && colon > line)
        {
          g_autofree char *label = g_strndup (line, colon - line);

          field = form_field_of (label);
        }

      if (field == FORM_NONE)
        {
          if (in_description)
            g_string_append_printf (form_description, "\n%s", line);
          continue;
        }

      in_description = FALSE;
      {
        g_autofree char *value = g_strstrip (g_strdup (colon + 1));

        switch (field)
          {
          case FORM_NAME:
            if (form_name == NULL && *value != '\0')
              form_name = g_steal_pointer (&value);
            break;
          case FORM_EMAIL:
            if (form_email == NULL)
              form_email = clean_email (value);
            break;
          case FORM_SUBJECT:
            if (form_subject == NULL && *value != '\0')
              form_subject = g_steal_pointer (&value);
            break;
          case FORM_ASSET:
            if (form_asset == NULL && *value != '\0')
              form_asset = g_steal_pointer (&value);
            break;
          case FORM_DESCRIPTION:
            if (form_description == NULL)
              {
                form_description = g_string_new (value);
                in_description = TRUE;
              }
            break;
          case FORM_NONE:
          default:
            break;
          }
      }
    }

  if (form_description != NULL)
    {
      g_strstrip (form_description->str);
      form_description->len = strlen (form_description->str);
    }
  found = (form_name != NULL || form_email != NULL) &&
          form_description != NULL && form_description->len > 0;
  if (!found)
    {
      if (form_description != NULL)
        g_string_free (form_description, TRUE);
      return FALSE;
    }
  *name = g_steal_pointer (&form_name);
  *email = g_steal_pointer (&form_email);
  *subject = g_steal_pointer (&form_subject);
  *asset = g_steal_pointer (&form_asset);
  *description = g_string_free (form_description, FALSE);
  return TRUE;
}
