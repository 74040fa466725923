/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A connection to a shared desk's PostgreSQL server (issue 20), the layer
 * the store's PostgreSQL engine stands on. It hides libpq: the engine
 * above it sees rows, transactions, notifications and MP_STORE_ERROR
 * codes, never a PGconn.
 *
 * Not thread-safe: use a connection from one thread at a time. Its
 * notifications arrive on the main context that was the thread-default
 * one when it was made.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  MP_PG_READ_COMMITTED,
  MP_PG_REPEATABLE_READ,
  MP_PG_SERIALIZABLE,
} MpPgIsolation;

/* The rows a query returned, in text form except bytea, which comes as
 * bytes. Column and row numbers start at 0. */
typedef struct _MpPgRows MpPgRows;

#define MP_TYPE_PG_ROWS (mp_pg_rows_get_type ())
GType        mp_pg_rows_get_type           (void) G_GNUC_CONST;
MpPgRows    *mp_pg_rows_ref                (MpPgRows             *rows);
void         mp_pg_rows_unref              (MpPgRows             *rows);
guint        mp_pg_rows_get_n_rows         (MpPgRows             *rows);
guint        mp_pg_rows_get_n_columns      (MpPgRows             *rows);
/* The number of the column named @name, or -1. */
int          mp_pg_rows_get_column         (MpPgRows             *rows,
                                            const char           *name);
gboolean     mp_pg_rows_is_null            (MpPgRows             *rows,
                                            guint                 row,
                                            guint                 column);
/* Returns: (transfer none) (nullable): NULL for SQL NULL; a bytea column's
 * value is not text: take it with mp_pg_rows_get_bytes(). */
const char  *mp_pg_rows_get_text           (MpPgRows             *rows,
                                            guint                 row,
                                            guint                 column);
/* 0 for NULL. */
gint64       mp_pg_rows_get_int64          (MpPgRows             *rows,
                                            guint                 row,
                                            guint                 column);
gboolean     mp_pg_rows_get_boolean        (MpPgRows             *rows,
                                            guint                 row,
                                            guint                 column);
/* A bytea column's bytes (any other column's text as bytes).
 * Returns: (transfer full) (nullable): NULL for SQL NULL. */
GBytes      *mp_pg_rows_get_bytes          (MpPgRows             *rows,
                                            guint                 row,
                                            guint                 column);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpPgRows, mp_pg_rows_unref)

#define MP_TYPE_PG_CONNECTION (mp_pg_connection_get_type ())
G_DECLARE_FINAL_TYPE (MpPgConnection, mp_pg_connection, MP, PG_CONNECTION, GObject)

/* Whether @location names a PostgreSQL server rather than a file: a
 * postgresql:// or postgres:// URI, or a key=value connection string. */
gboolean        mp_pg_is_location          (const char           *location);

/* Connects to @location, a postgresql:// URI or a libpq connection string.
 * Over TCP it uses TLS and checks the server's certificate and name
 * (sslmode=verify-full, against ~/.postgresql/root.crt or else the
 * system's authorities) unless @location says otherwise (sslmode,
 * sslrootcert); a Unix socket needs no TLS. Blocks until connected or
 * refused (connect_timeout, 10 s unless @location gives one): call it off
 * the main thread in an application.
 * Errors: MP_STORE_ERROR_UNREACHABLE, _AUTHENTICATION, _CERTIFICATE,
 * _PERMISSION_DENIED, _NOT_FOUND (no such database), _INVALID (a location
 * libpq cannot read), _FAILED. */
MpPgConnection *mp_pg_connection_new       (const char           *location,
                                            GError              **error);
/* mp_pg_connection_new() in a thread, for a window: the connection's
 * notifications arrive on the caller's thread-default main context. */
void            mp_pg_connection_new_async (const char           *location,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* Returns: (transfer full): the connection, or NULL with @error set */
MpPgConnection *mp_pg_connection_new_finish (GAsyncResult        *result,
                                            GError              **error);
/* Whether the connection is up; notify::connected follows it, so a window
 * can show that the server went away. */
gboolean        mp_pg_connection_get_connected (MpPgConnection   *self);
/* Connects again (after the server went away) and LISTENs again on every
 * channel of mp_pg_connection_listen(). A transaction that was open is
 * gone: the server rolled it back. */
gboolean        mp_pg_connection_reconnect (MpPgConnection       *self,
                                            GError              **error);

/* Runs @sql with @params (nullable, a tuple GVariant whose members are
 * $1, $2, …: s, b, i, u, x, t, d as text, ay as bytea; a maybe type
 * without a value is NULL). A floating @params is consumed.
 * A connection that was lost is reconnected first, unless a transaction
 * was open on it (then: MP_STORE_ERROR_CONNECTION_LOST until
 * mp_pg_connection_rollback()).
 * Errors: MP_STORE_ERROR_CONNECTION_LOST (the server went away, the
 * statement did not finish), _PERMISSION_DENIED, _CONFLICT (serialization
 * failure, deadlock, or a unique key someone else took meanwhile),
 * _UNREACHABLE (lost and not back), _FAILED.
 * Returns: (transfer full): the rows */
MpPgRows       *mp_pg_connection_query     (MpPgConnection       *self,
                                            const char           *sql,
                                            GVariant             *params,
                                            GError              **error);
/* As mp_pg_connection_query(), for a statement without rows: returns the
 * number of rows it changed, or -1 with @error set. */
gint64          mp_pg_connection_exec      (MpPgConnection       *self,
                                            const char           *sql,
                                            GVariant             *params,
                                            GError              **error);
/* As mp_pg_connection_exec(), for a write that must change exactly
 * @expected rows, such as "UPDATE … WHERE id = $1 AND version = $2": any
 * other count means someone else changed (or removed) the row since it
 * was read, MP_STORE_ERROR_CONFLICT. */
gboolean        mp_pg_connection_exec_expecting (MpPgConnection  *self,
                                            const char           *sql,
                                            GVariant             *params,
                                            gint64                expected,
                                            GError              **error);

gboolean        mp_pg_connection_begin     (MpPgConnection       *self,
                                            MpPgIsolation         isolation,
                                            GError              **error);
gboolean        mp_pg_connection_commit    (MpPgConnection       *self,
                                            GError              **error);
/* Ends the open transaction; never fails (a lost connection has rolled it
 * back already). */
void            mp_pg_connection_rollback  (MpPgConnection       *self);
gboolean        mp_pg_connection_in_transaction (MpPgConnection  *self);

/* LISTENs on @channel: every NOTIFY on it arrives as ::notification,
 * detailed with the channel's name, on this connection's main context,
 * as soon as the server sends it (a source on the connection's socket,
 * no timer). The channel is listened to again after a reconnect. */
gboolean        mp_pg_connection_listen    (MpPgConnection       *self,
                                            const char           *channel,
                                            GError              **error);
/* pg_notify (@channel, @payload): delivered to the listeners when the
 * transaction commits (at once outside one). */
gboolean        mp_pg_connection_notify    (MpPgConnection       *self,
                                            const char           *channel,
                                            const char           *payload,
                                            GError              **error);
/* The process id of this connection's server process, for the tests. */
int             mp_pg_connection_get_backend_pid (MpPgConnection *self);

G_END_DECLS
