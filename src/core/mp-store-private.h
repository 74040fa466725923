/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <sqlite3.h>

#include "mp-store.h"

G_BEGIN_DECLS

/* Turns an SQLite result code into a clear MP_STORE_ERROR. */
void      _mp_store_set_sqlite_error   (GError    **error,
                                        sqlite3    *db,
                                        int         rc);
/* Runs every migration from the file's version up to
 * MP_STORE_SCHEMA_VERSION, one transaction each. */
gboolean  _mp_store_migrate            (sqlite3    *db,
                                        int         from_version,
                                        GError    **error);
gboolean  _mp_store_exec               (sqlite3    *db,
                                        const char *sql,
                                        GError    **error);
sqlite3  *_mp_store_get_db             (MpStore    *self);

G_END_DECLS
