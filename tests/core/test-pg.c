/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The connection to a shared desk's PostgreSQL server (issue 20,
 * src/core/store/mp-pg.c) against a real server: Debian's PostgreSQL,
 * started for this program by tests/servers/pgserver.py on a private
 * socket and, with TLS only, on a loopback port (the MELDPUNT_TEST_PG_*
 * variables), and stopped after it. No mocks.
 */
#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-pg.h"

/* The message of an error, in the log: what a person would read. */
#define LOGGED(e) g_test_message ("%s", (e) != NULL ? (e)->message : "(no error)")

/* How long a test waits for an event before it fails. */
#define WAIT_LIMIT_SECONDS 30

static const char *
env (const char *name)
{
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

static MpPgConnection *
connect_ok (const char *location)
{
  g_autoptr(GError) error = NULL;
  MpPgConnection *conn = mp_pg_connection_new (location, &error);

  g_assert_no_error (error);
  g_assert_nonnull (conn);
  g_assert_true (mp_pg_connection_get_connected (conn));
  return conn;
}

static void
exec_ok (MpPgConnection *conn,
         const char     *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mp_pg_connection_exec (conn, sql, NULL, &error), >=, 0);
  g_assert_no_error (error);
}

static char *
scalar (MpPgConnection *conn,
        const char     *sql,
        GVariant       *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPgRows) rows = mp_pg_connection_query (conn, sql, params, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (mp_pg_rows_get_n_rows (rows), ==, 1);
  return g_strdup (mp_pg_rows_get_text (rows, 0, 0));
}

typedef gboolean (*Predicate) (gpointer data);

static gboolean
on_wait_limit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the thread-default main context until @predicate holds; fails the
 * test, naming @what, when it does not within WAIT_LIMIT_SECONDS. */
static void
wait_until (Predicate   predicate,
            gpointer    data,
            const char *what)
{
  gboolean too_long = FALSE;
  GSource *limit = g_timeout_source_new_seconds (WAIT_LIMIT_SECONDS);

  g_source_set_callback (limit, on_wait_limit_cb, &too_long, NULL);
  g_source_attach (limit, g_main_context_get_thread_default ());
  while (!predicate (data) && !too_long)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
  g_source_destroy (limit);
  g_source_unref (limit);
  if (!predicate (data))
    g_error ("waited %d s in vain for %s", WAIT_LIMIT_SECONDS, what);
}

static void
server_ctl (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  /* through sh: the temporary folder may be mounted noexec */
  const char *argv[] = { "/bin/sh", env ("MELDPUNT_TEST_PG_CTL"), command, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s: %s", argv[1], command, err);
}

/* -- over the socket ------------------------------------------------------- */

static void
test_location (void)
{
  g_assert_true (mp_pg_is_location ("postgresql://desk.example/meldpunt"));
  g_assert_true (mp_pg_is_location ("postgres:///meldpunt"));
  g_assert_true (mp_pg_is_location ("host=desk.example dbname=meldpunt"));
  g_assert_true (mp_pg_is_location ("  dbname = meldpunt"));
  g_assert_false (mp_pg_is_location ("/home/jan/meldpunt.db"));
  g_assert_false (mp_pg_is_location ("desk=1.db"));
  g_assert_false (mp_pg_is_location ("meldpunt.db"));
}

static void
test_socket_rows (void)
{
  g_autoptr(MpPgConnection) conn = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPgRows) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) empty = NULL;
  guint8 all[512];
  g_autofree char *ssl = NULL;

  /* a socket needs no TLS, and gets none */
  ssl = scalar (conn, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()", NULL);
  g_assert_cmpstr (ssl, ==, "f");

  for (guint i = 0; i < sizeof all; i++)
    all[i] = (guint8) (i * 7);
  exec_ok (conn, "CREATE TABLE rows_test (id bigint PRIMARY KEY, title text, secret bytea, "
                 "done boolean, note text)");
  g_assert_cmpint (mp_pg_connection_exec (conn,
      "INSERT INTO rows_test VALUES ($1, $2, $3, $4, $5)",
      g_variant_new ("(xs@ayb@ms)", G_GINT64_CONSTANT (9007199254740993), "Lek in “portaal” ✓",
                     g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, all, sizeof all, 1), TRUE,
                     g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL)),
      &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (mp_pg_connection_exec (conn,
      "INSERT INTO rows_test (id, secret, done) VALUES ($1, $2, $3)",
      g_variant_new ("(i@ayb)", 2, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, NULL, 0, 1),
                     FALSE), &error), ==, 1);
  g_assert_no_error (error);

  rows = mp_pg_connection_query (conn, "SELECT id, title, secret, done, note FROM rows_test "
                                       "WHERE id >= $1 ORDER BY id DESC",
                                 g_variant_new ("(x)", G_GINT64_CONSTANT (0)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mp_pg_rows_get_n_rows (rows), ==, 2);
  g_assert_cmpuint (mp_pg_rows_get_n_columns (rows), ==, 5);
  g_assert_cmpint (mp_pg_rows_get_column (rows, "secret"), ==, 2);
  g_assert_cmpint (mp_pg_rows_get_column (rows, "nothing"), ==, -1);
  g_assert_cmpint (mp_pg_rows_get_int64 (rows, 0, 0), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpstr (mp_pg_rows_get_text (rows, 0, 1), ==, "Lek in “portaal” ✓");
  bytes = mp_pg_rows_get_bytes (rows, 0, 2);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), all, sizeof all);
  g_assert_true (mp_pg_rows_get_boolean (rows, 0, 3));
  g_assert_true (mp_pg_rows_is_null (rows, 0, 4));
  g_assert_null (mp_pg_rows_get_text (rows, 0, 4));
  g_assert_false (mp_pg_rows_get_boolean (rows, 1, 3));
  g_assert_true (mp_pg_rows_is_null (rows, 1, 1));
  empty = mp_pg_rows_get_bytes (rows, 1, 2);
  g_assert_nonnull (empty);
  g_assert_cmpuint (g_bytes_get_size (empty), ==, 0);

  /* a failed statement: a plain error, the connection stays */
  g_assert_cmpint (mp_pg_connection_exec (conn, "INSERT INTO no_such_table VALUES (1)", NULL, &error),
                   ==, -1);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_true (mp_pg_connection_get_connected (conn));

  exec_ok (conn, "DROP TABLE rows_test");
}

static void
test_transactions (void)
{
  g_autoptr(MpPgConnection) conn = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(MpPgConnection) other = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;

  exec_ok (conn, "CREATE TABLE tx_test (id int PRIMARY KEY)");
  g_assert_true (mp_pg_connection_begin (conn, MP_PG_READ_COMMITTED, &error));
  g_assert_true (mp_pg_connection_in_transaction (conn));
  exec_ok (conn, "INSERT INTO tx_test VALUES (1)");
  count = scalar (other, "SELECT count(*) FROM tx_test", NULL);
  g_assert_cmpstr (count, ==, "0");
  mp_pg_connection_rollback (conn);
  g_assert_false (mp_pg_connection_in_transaction (conn));
  after = scalar (other, "SELECT count(*) FROM tx_test", NULL);
  g_assert_cmpstr (after, ==, "0");

  g_assert_true (mp_pg_connection_begin (conn, MP_PG_SERIALIZABLE, &error));
  exec_ok (conn, "INSERT INTO tx_test VALUES (2)");
  g_assert_true (mp_pg_connection_commit (conn, &error));
  g_assert_no_error (error);
  kept = scalar (other, "SELECT string_agg (id::text, ',') FROM tx_test", NULL);
  g_assert_cmpstr (kept, ==, "2");

  /* a transaction in which a statement failed is not committed */
  g_assert_true (mp_pg_connection_begin (conn, MP_PG_READ_COMMITTED, &error));
  exec_ok (conn, "INSERT INTO tx_test VALUES (3)");
  g_assert_cmpint (mp_pg_connection_exec (conn, "INSERT INTO tx_test VALUES ('x')", NULL, &error),
                   ==, -1);
  g_clear_error (&error);
  g_assert_false (mp_pg_connection_commit (conn, &error));
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_free (kept);
  kept = scalar (other, "SELECT string_agg (id::text, ',') FROM tx_test", NULL);
  g_assert_cmpstr (kept, ==, "2");

  exec_ok (conn, "DROP TABLE tx_test");
}

/* -- TLS, passwords, an absent server -------------------------------------- */

static void
test_tls_trusted (void)
{
  g_autoptr(MpPgConnection) conn = connect_ok (env ("MELDPUNT_TEST_PG_TLS_URI"));
  g_autofree char *ssl = scalar (conn, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()",
                                 NULL);

  g_assert_cmpstr (ssl, ==, "t");
}

static void
test_tls_untrusted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = g_strdup_printf ("postgresql://meldpunt:%s@127.0.0.1:%s/meldpunt"
                                               "?sslrootcert=%s",
                                               env ("MELDPUNT_TEST_PG_PASSWORD"),
                                               env ("MELDPUNT_TEST_PG_PORT"),
                                               env ("MELDPUNT_TEST_PG_OTHER_CA"));
  g_autoptr(MpPgConnection) conn = mp_pg_connection_new (location, &error);

  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CERTIFICATE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

/* Without sslrootcert, the certificate is still checked (against the
 * system's authorities, which do not know the test's), and the server's
 * name too: TLS cannot be turned off by leaving something out. */
static void
test_tls_verified_by_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = g_strdup_printf ("postgresql://meldpunt:%s@127.0.0.1:%s/meldpunt",
                                               env ("MELDPUNT_TEST_PG_PASSWORD"),
                                               env ("MELDPUNT_TEST_PG_PORT"));
  g_autoptr(MpPgConnection) conn = NULL;
  g_autofree char *location_conninfo = NULL;
  g_autofree char *wrong_name = NULL;

  /* PGSSLMODE=disable is set (main ()) */
  conn = mp_pg_connection_new (location, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CERTIFICATE);
  g_clear_error (&error);

  /* the same as a key=value string */
  location_conninfo = g_strdup_printf ("host=127.0.0.1 port=%s dbname=meldpunt user=meldpunt "
                                       "password=%s", env ("MELDPUNT_TEST_PG_PORT"),
                                       env ("MELDPUNT_TEST_PG_PASSWORD"));
  conn = mp_pg_connection_new (location_conninfo, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CERTIFICATE);
  g_clear_error (&error);

  /* a trusted authority, but the certificate is not made out to this
   * name (it names 127.0.0.1 and localhost) */
  wrong_name = g_strdup_printf ("postgresql://meldpunt:%s@127.0.0.1:%s/meldpunt?sslrootcert=%s"
                                "&hostaddr=127.0.0.1&host=desk.example",
                                env ("MELDPUNT_TEST_PG_PASSWORD"), env ("MELDPUNT_TEST_PG_PORT"),
                                env ("MELDPUNT_TEST_PG_CA"));
  conn = mp_pg_connection_new (wrong_name, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CERTIFICATE);
}

static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_socket = g_strdup_printf ("postgresql://meldpunt:not-the-password@/meldpunt"
                                                "?host=%s&port=%s",
                                                env ("MELDPUNT_TEST_PG_SOCKET"),
                                                env ("MELDPUNT_TEST_PG_PORT"));
  g_autofree char *over_tls = g_strdup_printf ("postgresql://meldpunt:not-the-password@127.0.0.1:%s"
                                               "/meldpunt?sslrootcert=%s",
                                               env ("MELDPUNT_TEST_PG_PORT"),
                                               env ("MELDPUNT_TEST_PG_CA"));
  g_autofree char *no_password = g_strdup_printf ("postgresql://meldpunt@/meldpunt?host=%s&port=%s",
                                                  env ("MELDPUNT_TEST_PG_SOCKET"),
                                                  env ("MELDPUNT_TEST_PG_PORT"));
  g_autoptr(MpPgConnection) conn = NULL;

  conn = mp_pg_connection_new (on_socket, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_AUTHENTICATION);
  g_assert_null (strstr (error->message, "not-the-password"));
  g_clear_error (&error);

  conn = mp_pg_connection_new (over_tls, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_AUTHENTICATION);
  g_clear_error (&error);

  conn = mp_pg_connection_new (no_password, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_AUTHENTICATION);
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpPgConnection) conn = NULL;
  g_autofree char *no_database = NULL;

  /* nothing listens on port 1, nor in a folder that does not exist */
  conn = mp_pg_connection_new ("postgresql://meldpunt@127.0.0.1:1/meldpunt", &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  conn = mp_pg_connection_new ("postgresql:///meldpunt?host=/nonexistent/meldpunt-test", &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);

  conn = mp_pg_connection_new ("postgresql://jan:geheim-wachtwoord@[::1", &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID);
  g_assert_null (strstr (error->message, "geheim"));
  g_clear_error (&error);

  no_database = g_strdup_printf ("postgresql://meldpunt:%s@/no_such_desk?host=%s&port=%s",
                                 env ("MELDPUNT_TEST_PG_PASSWORD"), env ("MELDPUNT_TEST_PG_SOCKET"),
                                 env ("MELDPUNT_TEST_PG_PORT"));
  conn = mp_pg_connection_new (no_database, &error);
  g_assert_null (conn);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND);
}

/* -- roles, conflicts ---------------------------------------------------- */

static void
test_permission_denied (void)
{
  g_autoptr(MpPgConnection) admin = connect_ok (env ("MELDPUNT_TEST_PG_ADMIN_URI"));
  g_autoptr(MpPgConnection) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = g_strdup_printf ("postgresql://auditor:auditor-password-1@/meldpunt"
                                               "?host=%s&port=%s",
                                               env ("MELDPUNT_TEST_PG_SOCKET"),
                                               env ("MELDPUNT_TEST_PG_PORT"));
  g_autofree char *title = NULL;

  exec_ok (admin, "CREATE ROLE auditor LOGIN PASSWORD 'auditor-password-1'");
  exec_ok (admin, "CREATE TABLE perm_test (id int PRIMARY KEY, title text)");
  exec_ok (admin, "INSERT INTO perm_test VALUES (1, 'gelezen')");
  exec_ok (admin, "GRANT SELECT ON perm_test TO auditor");

  reader = connect_ok (location);
  title = scalar (reader, "SELECT title FROM perm_test WHERE id = $1", g_variant_new ("(i)", 1));
  g_assert_cmpstr (title, ==, "gelezen");
  g_assert_cmpint (mp_pg_connection_exec (reader, "UPDATE perm_test SET title = $1",
                                          g_variant_new ("(s)", "veranderd"), &error), ==, -1);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (mp_pg_connection_exec (reader, "INSERT INTO perm_test VALUES (2, 'nieuw')",
                                          NULL, &error), ==, -1);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);
  g_clear_object (&reader);

  g_free (title);
  title = scalar (admin, "SELECT string_agg (title, ',') FROM perm_test", NULL);
  g_assert_cmpstr (title, ==, "gelezen");
  exec_ok (admin, "DROP TABLE perm_test");
  exec_ok (admin, "DROP ROLE auditor");
}

static void
test_conflict (void)
{
  g_autoptr(MpPgConnection) one = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(MpPgConnection) two = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(GError) error = NULL;
  g_autofree char *version_one = NULL;
  g_autofree char *version_two = NULL;
  g_autofree char *title = NULL;
  const char *update = "UPDATE conflict_test SET title = $1, version = version + 1 "
                       "WHERE id = 1 AND version = $2";

  exec_ok (one, "CREATE TABLE conflict_test (id int PRIMARY KEY, version bigint NOT NULL, "
                "title text)");
  exec_ok (one, "INSERT INTO conflict_test VALUES (1, 1, 'eerste')");

  /* both read version 1; the first save wins, the second sees a conflict */
  version_one = scalar (one, "SELECT version FROM conflict_test WHERE id = 1", NULL);
  version_two = scalar (two, "SELECT version FROM conflict_test WHERE id = 1", NULL);
  g_assert_cmpstr (version_one, ==, version_two);
  g_assert_true (mp_pg_connection_exec_expecting (one, update,
      g_variant_new ("(sx)", "van één", g_ascii_strtoll (version_one, NULL, 10)), 1, &error));
  g_assert_no_error (error);
  g_assert_false (mp_pg_connection_exec_expecting (two, update,
      g_variant_new ("(sx)", "van twee", g_ascii_strtoll (version_two, NULL, 10)), 1, &error));
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  title = scalar (two, "SELECT title || ' ' || version FROM conflict_test", NULL);
  g_assert_cmpstr (title, ==, "van één 2");

  /* in a snapshot: the server itself refuses (serialization failure) */
  g_assert_true (mp_pg_connection_begin (two, MP_PG_REPEATABLE_READ, &error));
  g_free (version_two);
  version_two = scalar (two, "SELECT version FROM conflict_test WHERE id = 1", NULL);
  g_assert_true (mp_pg_connection_exec_expecting (one, update,
      g_variant_new ("(sx)", "weer van één", G_GINT64_CONSTANT (2)), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mp_pg_connection_exec (two, update,
      g_variant_new ("(sx)", "weer van twee", g_ascii_strtoll (version_two, NULL, 10)), &error),
      ==, -1);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  mp_pg_connection_rollback (two);
  g_free (title);
  title = scalar (two, "SELECT title || ' ' || version FROM conflict_test", NULL);
  g_assert_cmpstr (title, ==, "weer van één 3");

  exec_ok (one, "DROP TABLE conflict_test");
}

/* -- notifications, a server that goes away ------------------------------- */

typedef struct
{
  GPtrArray *payloads;
  int sender_pid;
} Received;

static void
on_notification_cb (MpPgConnection *conn,
                    const char     *channel,
                    const char     *payload,
                    int             pid,
                    Received       *received)
{
  g_assert_cmpstr (channel, ==, "desk");
  g_ptr_array_add (received->payloads, g_strdup (payload));
  received->sender_pid = pid;
}

static gboolean
received_two (gpointer data)
{
  return ((Received *) data)->payloads->len >= 2;
}

static gboolean
received_three (gpointer data)
{
  return ((Received *) data)->payloads->len >= 3;
}

static gboolean
received_one (gpointer data)
{
  return ((Received *) data)->payloads->len >= 1;
}

static void
test_notify (void)
{
  g_autoptr(MpPgConnection) listener = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(MpPgConnection) sender = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(GError) error = NULL;
  Received received = { g_ptr_array_new_with_free_func (g_free), 0 };

  g_signal_connect (listener, "notification::desk", G_CALLBACK (on_notification_cb), &received);
  g_assert_true (mp_pg_connection_listen (listener, "desk", &error));
  g_assert_no_error (error);

  /* a notification inside a transaction leaves at its commit */
  g_assert_true (mp_pg_connection_begin (sender, MP_PG_READ_COMMITTED, &error));
  g_assert_true (mp_pg_connection_notify (sender, "desk", "case CVD-2026-0007", &error));
  g_assert_true (mp_pg_connection_notify (sender, "elsewhere", "not for us", &error));
  g_assert_true (mp_pg_connection_commit (sender, &error));
  g_assert_true (mp_pg_connection_notify (sender, "desk", "case CVD-2026-0008", &error));
  g_assert_no_error (error);

  wait_until (received_two, &received, "two notifications on the listener's main context");
  g_assert_cmpuint (received.payloads->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (received.payloads, 0), ==, "case CVD-2026-0007");
  g_assert_cmpstr (g_ptr_array_index (received.payloads, 1), ==, "case CVD-2026-0008");
  g_assert_cmpint (received.sender_pid, ==, mp_pg_connection_get_backend_pid (sender));

  /* one that arrives while the listener runs a statement of its own */
  g_assert_true (mp_pg_connection_notify (sender, "desk", "case CVD-2026-0009", &error));
  g_free (scalar (listener, "SELECT 1", NULL));
  wait_until (received_three, &received, "a notification read with a statement's result");
  g_assert_cmpstr (g_ptr_array_index (received.payloads, 2), ==, "case CVD-2026-0009");

  g_ptr_array_unref (received.payloads);
}

typedef struct
{
  GError *error;
  int backend_pid;
  GMutex lock;
  GCond started;
} Writer;

/* A member's write in a thread of its own: a transaction whose second
 * statement is still running on the server when the server dies. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(MpPgConnection) conn = NULL;

  g_main_context_push_thread_default (context);
  conn = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_assert_true (mp_pg_connection_begin (conn, MP_PG_READ_COMMITTED, NULL));
  exec_ok (conn, "INSERT INTO lost_test VALUES ('half a change')");
  g_mutex_lock (&writer->lock);
  writer->backend_pid = mp_pg_connection_get_backend_pid (conn);
  g_cond_signal (&writer->started);
  g_mutex_unlock (&writer->lock);
  /* the server is stopped while this runs */
  g_assert_cmpint (mp_pg_connection_exec (conn, "SELECT pg_sleep (120)", NULL, &writer->error),
                   ==, -1);
  g_assert_false (mp_pg_connection_get_connected (conn));
  /* a lost transaction is not carried on on a new connection */
  g_assert_cmpint (mp_pg_connection_exec (conn, "INSERT INTO lost_test VALUES ('rest')", NULL,
                                          NULL), ==, -1);
  mp_pg_connection_rollback (conn);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
both_disconnected (gpointer data)
{
  MpPgConnection **conns = data;

  return !mp_pg_connection_get_connected (conns[0]) && !mp_pg_connection_get_connected (conns[1]);
}

static void
on_connected_changed_cb (GObject    *object,
                         GParamSpec *pspec,
                         guint      *changes)
{
  (*changes)++;
}

static void
test_server_killed (void)
{
  g_autoptr(MpPgConnection) listener = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(MpPgConnection) watcher = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(MpPgConnection) sender = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *count = NULL;
  Received received = { g_ptr_array_new_with_free_func (g_free), 0 };
  Writer writer = { NULL, 0 };
  guint changes = 0;
  gboolean sleeping = FALSE;

  exec_ok (listener, "CREATE TABLE lost_test (title text)");
  g_signal_connect (listener, "notification::desk", G_CALLBACK (on_notification_cb), &received);
  g_signal_connect (listener, "notify::connected", G_CALLBACK (on_connected_changed_cb), &changes);
  g_assert_true (mp_pg_connection_listen (listener, "desk", &error));

  g_mutex_init (&writer.lock);
  g_cond_init (&writer.started);
  g_mutex_lock (&writer.lock);
  thread = g_thread_new ("writer", writer_thread, &writer);
  while (writer.backend_pid == 0)
    g_cond_wait (&writer.started, &writer.lock);
  g_mutex_unlock (&writer.lock);

  /* wait until the server runs the writer's statement: it tells */
  for (gint64 end = g_get_monotonic_time () + WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;
       !sleeping && g_get_monotonic_time () < end;)
    {
      g_autofree char *event = scalar (watcher, "SELECT coalesce (wait_event, '') "
                                                "FROM pg_stat_activity WHERE pid = $1",
                                       g_variant_new ("(i)", writer.backend_pid));
      sleeping = g_str_equal (event, "PgSleep");
    }
  g_assert_true (sleeping);

  server_ctl ("stop");
  g_thread_join (g_steal_pointer (&thread));
  LOGGED (writer.error); g_assert_error (writer.error, MP_STORE_ERROR, MP_STORE_ERROR_CONNECTION_LOST);
  g_clear_error (&writer.error);

  /* the idle connections see their sockets close */
  wait_until (both_disconnected, (MpPgConnection *[]) { listener, watcher },
              "the idle connections to notice the server went away");
  g_assert_cmpuint (changes, ==, 1);

  /* while the server is away: a clear error, not a hang */
  g_assert_cmpint (mp_pg_connection_exec (listener, "SELECT 1", NULL, &error), ==, -1);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (mp_pg_connection_reconnect (listener, &error));
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);

  server_ctl ("start");
  g_assert_true (mp_pg_connection_reconnect (listener, &error));
  g_assert_no_error (error);
  g_assert_true (mp_pg_connection_get_connected (listener));

  /* nothing half-written */
  count = scalar (listener, "SELECT count(*) FROM lost_test", NULL);
  g_assert_cmpstr (count, ==, "0");

  /* the channel is listened to again */
  sender = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_assert_true (mp_pg_connection_notify (sender, "desk", "back", &error));
  g_assert_no_error (error);
  wait_until (received_one, &received, "a notification after the reconnect");
  g_assert_cmpstr (g_ptr_array_index (received.payloads, 0), ==, "back");

  /* the watcher, idle all along, reconnects by itself at its next use */
  g_free (count);
  count = scalar (watcher, "SELECT count(*) FROM lost_test", NULL);
  g_assert_cmpstr (count, ==, "0");

  exec_ok (listener, "DROP TABLE lost_test");
  g_ptr_array_unref (received.payloads);
  g_mutex_clear (&writer.lock);
  g_cond_clear (&writer.started);
}

static gboolean
both_connected (gpointer data)
{
  MpPgConnection **conns = data;

  return mp_pg_connection_get_connected (conns[0]) && mp_pg_connection_get_connected (conns[1]);
}

/* Nobody calls anything: the connections come back when the server does,
 * listen again, and a transaction cut off stays cut off. */
static void
test_reconnects_by_itself (void)
{
  g_autoptr(MpPgConnection) listener = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(MpPgConnection) writer = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  Received received = { g_ptr_array_new_with_free_func (g_free), 0 };
  guint changes = 0;

  exec_ok (writer, "CREATE TABLE again_test (title text)");
  g_signal_connect (listener, "notification::desk", G_CALLBACK (on_notification_cb), &received);
  g_signal_connect (listener, "notify::connected", G_CALLBACK (on_connected_changed_cb), &changes);
  g_assert_true (mp_pg_connection_listen (listener, "desk", &error));
  g_assert_true (mp_pg_connection_begin (writer, MP_PG_READ_COMMITTED, &error));
  exec_ok (writer, "INSERT INTO again_test VALUES ('before')");

  server_ctl ("stop");
  wait_until (both_disconnected, (MpPgConnection *[]) { listener, writer },
              "the connections to notice the server went away");
  server_ctl ("start");
  wait_until (both_connected, (MpPgConnection *[]) { listener, writer },
              "the connections to come back by themselves");
  g_assert_cmpuint (changes, ==, 2);

  /* the writer's transaction went with the server: the rest of it is
   * refused, not run on the new connection without the first part */
  g_assert_true (mp_pg_connection_in_transaction (writer));
  g_assert_cmpint (mp_pg_connection_exec (writer, "INSERT INTO again_test VALUES ('after')",
                                          NULL, &error), ==, -1);
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CONNECTION_LOST);
  g_clear_error (&error);
  g_assert_false (mp_pg_connection_commit (writer, &error));
  LOGGED (error); g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CONNECTION_LOST);
  g_clear_error (&error);
  g_assert_false (mp_pg_connection_in_transaction (writer));
  count = scalar (writer, "SELECT count(*) FROM again_test", NULL);
  g_assert_cmpstr (count, ==, "0");

  g_assert_true (mp_pg_connection_notify (writer, "desk", "still there", &error));
  g_assert_no_error (error);
  wait_until (received_one, &received, "a notification on the connection that came back");
  g_assert_cmpstr (g_ptr_array_index (received.payloads, 0), ==, "still there");

  exec_ok (writer, "DROP TABLE again_test");
  g_ptr_array_unref (received.payloads);
}

typedef struct
{
  MpPgConnection *conn;
  GError *error;
  gboolean done;
} Opened;

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Opened *opened = data;

  opened->conn = mp_pg_connection_new_finish (result, &opened->error);
  opened->done = TRUE;
}

static gboolean
is_opened (gpointer data)
{
  return ((Opened *) data)->done;
}

/* Connecting in a thread, as a window does: the notifications come to the
 * caller's main context all the same. */
static void
test_new_async (void)
{
  g_autofree char *wrong = g_strdup_printf ("postgresql://meldpunt:wrong-password@/meldpunt"
                                            "?host=%s&port=%s", env ("MELDPUNT_TEST_PG_SOCKET"),
                                            env ("MELDPUNT_TEST_PG_PORT"));
  g_autoptr(MpPgConnection) sender = connect_ok (env ("MELDPUNT_TEST_PG_URI"));
  g_autoptr(GError) error = NULL;
  Received received = { g_ptr_array_new_with_free_func (g_free), 0 };
  Opened opened = { NULL, NULL, FALSE };

  mp_pg_connection_new_async (env ("MELDPUNT_TEST_PG_URI"), NULL, on_opened_cb, &opened);
  wait_until (is_opened, &opened, "the connection made in a thread");
  g_assert_no_error (opened.error);
  g_assert_true (mp_pg_connection_get_connected (opened.conn));
  g_signal_connect (opened.conn, "notification::desk", G_CALLBACK (on_notification_cb), &received);
  g_assert_true (mp_pg_connection_listen (opened.conn, "desk", &error));
  g_assert_true (mp_pg_connection_notify (sender, "desk", "from the main thread", &error));
  g_assert_no_error (error);
  wait_until (received_one, &received, "a notification to a connection made in a thread");
  g_assert_cmpstr (g_ptr_array_index (received.payloads, 0), ==, "from the main thread");
  g_clear_object (&opened.conn);

  opened.done = FALSE;
  mp_pg_connection_new_async (wrong, NULL, on_opened_cb, &opened);
  wait_until (is_opened, &opened, "a refused connection made in a thread");
  g_assert_null (opened.conn);
  LOGGED (opened.error); g_assert_error (opened.error, MP_STORE_ERROR, MP_STORE_ERROR_AUTHENTICATION);
  g_clear_error (&opened.error);
  g_ptr_array_unref (received.payloads);
}

int
main (int   argc,
      char *argv[])
{
  /* The environment cannot turn TLS off: every TCP connection here must
   * still use it (and check the certificate). */
  g_setenv ("PGSSLMODE", "disable", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pg/location", test_location);
  g_test_add_func ("/pg/socket/rows", test_socket_rows);
  g_test_add_func ("/pg/socket/transactions", test_transactions);
  g_test_add_func ("/pg/tls/trusted", test_tls_trusted);
  g_test_add_func ("/pg/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/pg/tls/verified-by-default", test_tls_verified_by_default);
  g_test_add_func ("/pg/wrong-password", test_wrong_password);
  g_test_add_func ("/pg/unreachable", test_unreachable);
  g_test_add_func ("/pg/permission-denied", test_permission_denied);
  g_test_add_func ("/pg/conflict", test_conflict);
  g_test_add_func ("/pg/notify", test_notify);
  g_test_add_func ("/pg/new-async", test_new_async);
  g_test_add_func ("/pg/server-killed", test_server_killed);
  g_test_add_func ("/pg/reconnects-by-itself", test_reconnects_by_itself);

  return g_test_run ();
}
