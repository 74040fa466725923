/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Between mp-pg.c and mp-pg-rows.c; nothing else includes libpq.
 */
#pragma once

#include <libpq-fe.h>

#include "mp-pg.h"

G_BEGIN_DECLS

#define MP_PG_BYTEA_OID 17

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
