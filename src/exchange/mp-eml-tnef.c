/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * winmail.dat (TNEF, [MS-OXTNEF]), as Outlook sends it when it thinks the
 * other side runs Outlook too: the attachments and the plain text body are
 * in it. Only what is needed to take those out is read; libytnef would read
 * more, but is not on every platform the Flatpak builds for.
 */
#include "config.h"

#include <string.h>

#include "mp-eml-private.h"
#include "mp-eml-text.h"

#define TNEF_SIGNATURE 0x223E9F78u

/* Attribute ids (the low 16 bits; the high ones give the type). */
#define ATT_BODY          0x800C
#define ATT_ATTACH_DATA   0x800F
#define ATT_ATTACH_TITLE  0x8010
#define ATT_ATTACH_REND   0x9002
#define ATT_ATTACHMENT    0x9005

/* MAPI property types and the one property read. */
#define PT_SHORT    0x0002
#define PT_LONG     0x0003
#define PT_FLOAT    0x0004
#define PT_DOUBLE   0x0005
#define PT_CURRENCY 0x0006
#define PT_APPTIME  0x0007
#define PT_ERROR    0x000A
#define PT_BOOLEAN  0x000B
#define PT_OBJECT   0x000D
#define PT_I8       0x0014
#define PT_STRING8  0x001E
#define PT_UNICODE  0x001F
#define PT_SYSTIME  0x0040
#define PT_CLSID    0x0048
#define PT_BINARY   0x0102
#define PT_MV       0x1000
#define PR_ATTACH_LONG_FILENAME 0x3707

static guint32
le32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guchar *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static char *
text_value (const guchar *data,
            gsize         length,
            gboolean      unicode)
{
  char *text;

  if (unicode)
    {
      text = g_convert ((const char *) data, (gssize) (length & ~(gsize) 1), "UTF-8", "UTF-16LE",
                        NULL, NULL, NULL);
      if (text == NULL)
        return NULL;
    }
  else
    text = _mp_eml_to_utf8 ((const char *) data, length, NULL, NULL);
  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The long file name in an attachment's MAPI properties, when the
 * properties before it are of types this reader knows. */
static char *
long_file_name (const guchar *data,
                gsize         length)
{
  gsize at = 4;
  guint32 count;

  if (length < 4)
    return NULL;
  count = le32 (data);
  for (guint32 i = 0; i < count && at + 4 <= length; i++)
    {
      guint16 type = le16 (data + at);
      guint16 id = le16 (data + at + 2);
      guint32 values = 1;
      gsize fixed = 0;
      gboolean multi = (type & PT_MV) != 0;

      at += 4;
      if (id >= 0x8000)
        return NULL;   /* a named property: a GUID and a name to skip; stop here */
      if (multi)
        {
          if (at + 4 > length)
            return NULL;
          values = le32 (data + at);
          at += 4;
          type &= ~PT_MV;
        }
      switch (type)
        {
        case PT_SHORT: case PT_LONG: case PT_FLOAT: case PT_ERROR: case PT_BOOLEAN:
          fixed = 4;
          break;
        case PT_DOUBLE: case PT_CURRENCY: case PT_APPTIME: case PT_I8: case PT_SYSTIME:
          fixed = 8;
          break;
        case PT_CLSID:
          fixed = 16;
          break;
        case PT_STRING8: case PT_UNICODE: case PT_BINARY: case PT_OBJECT:
          /* Single values of these types are counted too (always 1). */
          if (!multi)
            {
              if (at + 4 > length)
                return NULL;
              values = le32 (data + at);
              at += 4;
            }
          for (guint32 v = 0; v < values; v++)
            {
              guint32 size;

              if (at + 4 > length)
                return NULL;
              size = le32 (data + at);
              at += 4;
              if (size > length - at)
                return NULL;
              if (id == PR_ATTACH_LONG_FILENAME && type != PT_BINARY && type != PT_OBJECT)
                return text_value (data + at, size, type == PT_UNICODE);
              at += (size + 3) & ~(gsize) 3;
            }
          continue;
        default:
          return NULL;
        }
      if (fixed * values > length - at)
        return NULL;
      at += fixed * values;
    }
  return NULL;
}

GPtrArray *
_mp_eml_tnef_unpack (GBytes  *tnef,
                     char   **body)
{
  gsize size;
  const guchar *data = g_bytes_get_data (tnef, &size);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (_mp_eml_attachment_free);
  MpEmlAttachment *current = NULL;
  gsize at = 6;

  *body = NULL;
  if (data == NULL || size < 6 || le32 (data) != TNEF_SIGNATURE)
    return NULL;
  while (at + 9 <= size)
    {
      guint16 id = le16 (data + at + 1);
      guint32 length = le32 (data + at + 5);
      const guchar *value = data + at + 9;

      if (length > size - at - 9 || size - at - 9 - length < 2)
        return NULL;   /* cut short or damaged */
      switch (id)
        {
        case ATT_ATTACH_REND:
          current = g_new0 (MpEmlAttachment, 1);
          current->mime_type = g_strdup ("application/octet-stream");
          g_ptr_array_add (files, current);
          break;
        case ATT_ATTACH_TITLE:
          if (current != NULL && current->name == NULL)
            current->name = text_value (value, length, FALSE);
          break;
        case ATT_ATTACHMENT:
          if (current != NULL)
            {
              char *name = long_file_name (value, length);

              if (name != NULL)
                {
                  g_free (current->name);
                  current->name = name;
                }
            }
          break;
        case ATT_ATTACH_DATA:
          if (current != NULL && current->content == NULL)
            current->content = g_bytes_new (value, length);
          break;
        case ATT_BODY:
          if (*body == NULL)
            *body = text_value (value, length, FALSE);
          break;
        default:
          break;
        }
      at += 9 + length + 2;
    }
  /* An attachment without data is a link or an embedded object: nothing
   * that could be opened. */
  for (guint i = files->len; i > 0; i--)
    {
      MpEmlAttachment *file = g_ptr_array_index (files, i - 1);

      if (file->content == NULL)
        g_ptr_array_remove_index (files, i - 1);
    }
  return g_steal_pointer (&files);
}
