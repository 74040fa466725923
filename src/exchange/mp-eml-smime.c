/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * S/MIME without a key: an opaque-signed message (CMS SignedData) carries
 * the readable message inside its signature; this takes it out, reading
 * just enough BER (definite and indefinite lengths, chunked octet strings)
 * to reach it. The signature is not checked: the importer only reads.
 */
#include "config.h"

#include <string.h>

#include "mp-eml-private.h"

#define MAX_BER_DEPTH 16

typedef struct
{
  const guchar *data;   /* the whole element, header included */
  gsize         size;   /* of the whole element */
  const guchar *content;
  gsize         content_size;   /* for indefinite lengths: without the 00 00 */
  guchar        tag;
} BerElement;

static gboolean ber_read (const guchar *data, gsize size, guint depth, BerElement *element);

/* The element that starts @offset bytes into @parent's content. */
static gboolean
ber_child_at (const BerElement *parent,
              gsize             offset,
              guint             depth,
              BerElement       *child)
{
  if (offset >= parent->content_size)
    return FALSE;
  return ber_read (parent->content + offset, parent->content_size - offset, depth, child);
}

static gboolean
ber_read (const guchar *data,
          gsize         size,
          guint         depth,
          BerElement   *element)
{
  gsize at = 1;
  gsize length = 0;

  if (depth > MAX_BER_DEPTH || size < 2 || (data[0] & 0x1F) == 0x1F)
    return FALSE;
  element->tag = data[0];
  element->data = data;
  if (data[at] < 0x80)
    length = data[at++];
  else if (data[at] == 0x80)
    {
      gsize offset = 0;

      /* Indefinite (constructed only): children up to an end-of-contents. */
      if ((data[0] & 0x20) == 0)
        return FALSE;
      at++;
      element->content = data + at;
      element->content_size = size - at;
      while (TRUE)
        {
          BerElement child;

          if (offset + 2 <= element->content_size && element->content[offset] == 0 &&
              element->content[offset + 1] == 0)
            break;
          if (!ber_child_at (element, offset, depth + 1, &child))
            return FALSE;
          offset += child.size;
        }
      element->content_size = offset;
      element->size = at + offset + 2;
      return TRUE;
    }
  else
    {
      guint n = data[at++] & 0x7F;

      if (n > 4 || at + n > size)
        return FALSE;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | data[at++];
    }
  if (length > size - at)
    return FALSE;
  element->content = data + at;
  element->content_size = length;
  element->size = at + length;
  return TRUE;
}

/* The @index-th child of @parent. */
static gboolean
ber_child (const BerElement *parent,
           guint             index,
           BerElement       *child)
{
  gsize offset = 0;

  if ((parent->tag & 0x20) == 0)
    return FALSE;
  for (guint i = 0; ; i++)
    {
      if (!ber_child_at (parent, offset, 1, child))
        return FALSE;
      if (i == index)
        return TRUE;
      offset += child->size;
    }
}

static gboolean
ber_collect_octets (const BerElement *element,
                    guint             depth,
                    GByteArray       *out)
{
  if (element->tag == 0x04)
    {
      g_byte_array_append (out, element->content, (guint) element->content_size);
      return TRUE;
    }
  if (element->tag != 0x24 || depth > MAX_BER_DEPTH)
    return FALSE;
  for (guint i = 0; ; i++)
    {
      BerElement chunk;

      if (!ber_child (element, i, &chunk))
        return TRUE;
      if (!ber_collect_octets (&chunk, depth + 1, out))
        return FALSE;
    }
}

static gboolean
ber_is_oid (const BerElement *element,
            const guchar     *oid,
            gsize             length)
{
  return element->tag == 0x06 && element->content_size == length &&
         memcmp (element->content, oid, length) == 0;
}

GBytes *
_mp_eml_smime_signed_content (GBytes *der)
{
  /* 1.2.840.113549.1.7.2 (signedData) and 1.2.840.113549.1.7.1 (data). */
  static const guchar signed_data[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };
  static const guchar data_oid[] = { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01 };
  gsize size;
  const guchar *data = g_bytes_get_data (der, &size);
  BerElement info, type, explicit, sdata, encap, encap_type, encap_explicit, octets;
  g_autoptr(GByteArray) out = NULL;

  /* ContentInfo { signedData, [0] SignedData { version, digestAlgorithms,
   * EncapsulatedContentInfo { data, [0] OCTET STRING } … } } */
  if (data == NULL || !ber_read (data, size, 0, &info) || info.tag != 0x30 ||
      !ber_child (&info, 0, &type) || !ber_is_oid (&type, signed_data, sizeof signed_data) ||
      !ber_child (&info, 1, &explicit) || explicit.tag != 0xA0 ||
      !ber_child (&explicit, 0, &sdata) || sdata.tag != 0x30 ||
      !ber_child (&sdata, 2, &encap) || encap.tag != 0x30 ||
      !ber_child (&encap, 0, &encap_type) ||
      !ber_is_oid (&encap_type, data_oid, sizeof data_oid) ||
      !ber_child (&encap, 1, &encap_explicit) || encap_explicit.tag != 0xA0 ||
      !ber_child (&encap_explicit, 0, &octets))
    return NULL;
  out = g_byte_array_new ();
  if (!ber_collect_octets (&octets, 0, out))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
