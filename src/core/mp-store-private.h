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
 * _mp_store_schema_version(), one transaction each. */
gboolean  _mp_store_migrate            (sqlite3    *db,
                                        int         from_version,
                                        GError    **error);
/* Runs @steps[@from_version] … @steps[@n_steps - 1], one transaction each;
 * @steps[n] brings a database from version n to n + 1. */
gboolean  _mp_store_migrate_with       (sqlite3             *db,
                                        const char * const  *steps,
                                        int                  n_steps,
                                        int                  from_version,
                                        GError             **error);
/* The schema version this process migrates to: MP_STORE_SCHEMA_VERSION,
 * plus the test migrations if a test set any. */
int       _mp_store_schema_version     (void);
/* TESTS ONLY: appends @n_extra migrations (SQL, version
 * MP_STORE_SCHEMA_VERSION + i → + i + 1) for the rest of the process, so a
 * test can crash a migration; @extra must outlive their use. */
void      _mp_store_set_test_migrations (const char * const *extra,
                                         int                 n_extra);
gboolean  _mp_store_exec               (sqlite3    *db,
                                        const char *sql,
                                        GError    **error);
sqlite3  *_mp_store_get_db             (MpStore    *self);

G_END_DECLS
