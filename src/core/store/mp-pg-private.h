/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Between mp-pg.c, mp-pg-connect.c and mp-pg-rows.c; nothing else
 * includes libpq.
 */
#pragma once

#include <libpq-fe.h>

#include "mp-pg.h"

G_BEGIN_DECLS

#define MP_PG_BYTEA_OID 17

/* What a connection connects to (mp-pg-connect.c). */
typedef struct
{
  GStrv keywords;            /* libpq's keywords and values, NULL-terminated */
  GStrv values;
  char *where;               /* the server, for messages */
  char *dbname;
} MpPgTarget;

/* Reads @location (a URI or a connection string), adding TLS with
 * verify-full over TCP, a connect timeout and the application name. */
gboolean  _mp_pg_target_parse       (MpPgTarget        *target,
                                     const char        *location,
                                     GError           **error);
/* Connects, blocking up to the connect timeout: a connected PGconn, or
 * NULL with a clear MP_STORE_ERROR. */
PGconn   *_mp_pg_target_connect     (const MpPgTarget  *target,
                                     GError           **error);
/* The connect timeout in seconds. */
guint     _mp_pg_target_get_timeout (const MpPgTarget  *target);
/* Wipes the password and frees what @target holds. */
void      _mp_pg_target_clear       (MpPgTarget        *target);
/* libpq's text on one line, without its verbose parts. */
char     *_mp_pg_detail             (const char        *message);

/* Takes @result (PQclear()s it when the last reference goes). */
MpPgRows *_mp_pg_rows_new       (PGresult   *result);
/* @params (nullable) as libpq's arrays; texts are added to @texts (to
 * g_free()) and bytea values to @blobs (to g_variant_unref()); the arrays
 * are the caller's to g_free(). */
gboolean  _mp_pg_build_params   (GVariant   *params,
                                 int        *n_params,
                                 char     ***values,
                                 int       **lengths,
                                 int       **formats,
                                 Oid       **types,
                                 GPtrArray  *texts,
                                 GPtrArray  *blobs,
                                 GError    **error);

G_END_DECLS
