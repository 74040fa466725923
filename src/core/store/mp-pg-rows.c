/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * What goes into a statement and what comes out of it (mp-pg.c): the
 * parameters, from a GVariant tuple (bytea sent as bytes, in binary
 * format), and the rows, in text form except bytea, whose escaped text
 * is turned back into bytes here.
 */
#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pg-private.h"

struct _MpPgRows
{
  grefcount ref_count;
  PGresult *result;
};

G_DEFINE_BOXED_TYPE (MpPgRows, mp_pg_rows, mp_pg_rows_ref, mp_pg_rows_unref)

gboolean
_mp_pg_build_params (GVariant     *params,
                     int          *n_params,
                     char       ***values,
                     int         **lengths,
                     int         **formats,
                     Oid         **types,
                     GPtrArray    *texts,
                     GPtrArray    *blobs,
                     GError      **error)
{
  gsize n;

  *n_params = 0;
  if (params == NULL)
    return TRUE;
  if (!g_variant_is_of_type (params, G_VARIANT_TYPE_TUPLE))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           "The parameters of a statement must be a tuple");
      return FALSE;
    }
  n = g_variant_n_children (params);
  *n_params = (int) n;
  *values = g_new0 (char *, n + 1);
  *lengths = g_new0 (int, n + 1);
  *formats = g_new0 (int, n + 1);
  *types = g_new0 (Oid, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (params, i);
      g_autoptr(GVariant) value = NULL;
      char *text = NULL;

      if (g_variant_is_of_type (child, G_VARIANT_TYPE_MAYBE))
        {
          value = g_variant_get_maybe (child);
          if (value == NULL)
            continue;   /* NULL */
        }
      else
        value = g_variant_ref (child);

      switch (g_variant_classify (value))
        {
        case G_VARIANT_CLASS_STRING:
          text = g_variant_dup_string (value, NULL);
          break;
        case G_VARIANT_CLASS_BOOLEAN:
          text = g_strdup (g_variant_get_boolean (value) ? "true" : "false");
          break;
        case G_VARIANT_CLASS_INT32:
          text = g_strdup_printf ("%" G_GINT32_FORMAT, g_variant_get_int32 (value));
          break;
        case G_VARIANT_CLASS_UINT32:
          text = g_strdup_printf ("%" G_GUINT32_FORMAT, g_variant_get_uint32 (value));
          break;
        case G_VARIANT_CLASS_INT64:
          text = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
          break;
        case G_VARIANT_CLASS_UINT64:
          text = g_strdup_printf ("%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
          break;
        case G_VARIANT_CLASS_DOUBLE:
          text = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
          g_ascii_dtostr (text, G_ASCII_DTOSTR_BUF_SIZE, g_variant_get_double (value));
          break;
        case G_VARIANT_CLASS_ARRAY:
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
            {
              gsize size = 0;
              const char *data = g_variant_get_fixed_array (value, &size, 1);
              /* libpq wants a pointer even for no bytes */
              (*values)[i] = (char *) (data != NULL ? data : "");
              (*lengths)[i] = (int) size;
              (*formats)[i] = 1;
              (*types)[i] = MP_PG_BYTEA_OID;
              g_ptr_array_add (blobs, g_variant_ref (value));
              continue;
            }
          G_GNUC_FALLTHROUGH;
        default:
          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                       "Parameter $%" G_GSIZE_FORMAT " has a type Meldpunt does not send: %s",
                       i + 1, g_variant_get_type_string (value));
          return FALSE;
        }
      (*values)[i] = text;
      g_ptr_array_add (texts, text);
    }
  return TRUE;
}

MpPgRows *
_mp_pg_rows_new (PGresult *result)
{
  MpPgRows *rows = g_new0 (MpPgRows, 1);

  g_ref_count_init (&rows->ref_count);
  rows->result = result;
  return rows;
}

MpPgRows *
mp_pg_rows_ref (MpPgRows *rows)
{
  g_return_val_if_fail (rows != NULL, NULL);
  g_ref_count_inc (&rows->ref_count);
  return rows;
}

void
mp_pg_rows_unref (MpPgRows *rows)
{
  g_return_if_fail (rows != NULL);
  if (g_ref_count_dec (&rows->ref_count))
    {
      PQclear (rows->result);
      g_free (rows);
    }
}

guint
mp_pg_rows_get_n_rows (MpPgRows *rows)
{
  return (guint) PQntuples (rows->result);
}

guint
mp_pg_rows_get_n_columns (MpPgRows *rows)
{
  return (guint) PQnfields (rows->result);
}

int
mp_pg_rows_get_column (MpPgRows   *rows,
                       const char *name)
{
  for (int i = 0; i < PQnfields (rows->result); i++)
    if (g_strcmp0 (PQfname (rows->result, i), name) == 0)
      return i;
  return -1;
}

static gboolean
in_range (MpPgRows *rows,
          guint     row,
          guint     column)
{
  return row < (guint) PQntuples (rows->result) && column < (guint) PQnfields (rows->result);
}

gboolean
mp_pg_rows_is_null (MpPgRows *rows,
                    guint     row,
                    guint     column)
{
  g_return_val_if_fail (in_range (rows, row, column), TRUE);
  return PQgetisnull (rows->result, (int) row, (int) column);
}

const char *
mp_pg_rows_get_text (MpPgRows *rows,
                     guint     row,
                     guint     column)
{
  g_return_val_if_fail (in_range (rows, row, column), NULL);
  if (PQgetisnull (rows->result, (int) row, (int) column))
    return NULL;
  return PQgetvalue (rows->result, (int) row, (int) column);
}

gint64
mp_pg_rows_get_int64 (MpPgRows *rows,
                      guint     row,
                      guint     column)
{
  const char *text = mp_pg_rows_get_text (rows, row, column);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

gboolean
mp_pg_rows_get_boolean (MpPgRows *rows,
                        guint     row,
                        guint     column)
{
  return g_strcmp0 (mp_pg_rows_get_text (rows, row, column), "t") == 0;
}

GBytes *
mp_pg_rows_get_bytes (MpPgRows *rows,
                      guint     row,
                      guint     column)
{
  const char *text = mp_pg_rows_get_text (rows, row, column);
  unsigned char *data;
  size_t size = 0;
  GBytes *bytes;

  if (text == NULL)
    return NULL;
  if (PQftype (rows->result, (int) column) != MP_PG_BYTEA_OID)
    return g_bytes_new (text, strlen (text));
  data = PQunescapeBytea ((const unsigned char *) text, &size);
  if (data == NULL)
    return NULL;
  bytes = g_bytes_new (data, size);
  PQfreemem (data);
  return bytes;
}
