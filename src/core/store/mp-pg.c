/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A connection to a shared desk's PostgreSQL server over libpq (issue 20).
 *
 * Connecting goes through PQconnectStartParams()/PQconnectPoll() rather
 * than PQconnectdb() for two reasons: the stage a failed attempt reached
 * tells an unreachable server from a refused certificate (both fail
 * before the server says a word, with libpq's own, translated text), and
 * verbose errors, switched on before the server answers, carry the
 * server's SQLSTATE (28P01: wrong password) in the message, which is
 * the only place libpq keeps it for a connection that failed.
 *
 * Notifications: a GSource on PQsocket() wakes the connection's main
 * context when the server sends something while the connection is idle;
 * PQconsumeInput() reads it and PQnotifies() hands out the NOTIFYs. A
 * statement run meanwhile may read notifications with its result: they
 * are queued and emitted from an idle callback on the same context. The
 * same source sees the server go away (end of file on the socket).
 *
 * Then the connection comes back by itself: an attempt at once, and again
 * after 1, 2, 4 … up to MAX_RETRY_SECONDS, each driven by PQconnectPoll()
 * from a source on the new socket, so the main context never blocks. A
 * statement called meanwhile connects at once instead (blocking, as
 * statements do). A transaction whose connection was lost stays broken
 * until mp_pg_connection_rollback(): its remaining statements are never
 * run on a new connection outside it.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <libpq-fe.h>
#include <poll.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pg-private.h"

#define DEFAULT_CONNECT_TIMEOUT "10"
#define MAX_RETRY_SECONDS 16

struct _MpPgConnection
{
  GObject parent_instance;

  PGconn *conn;
  /* what to connect with: libpq's keywords and values, NULL-terminated */
  GStrv keywords;
  GStrv values;
  char *where;               /* the server, for messages */
  char *dbname;

  GMainContext *context;
  GSource *socket_source;
  GSource *idle_source;
  GQueue pending;            /* of Notification, not yet emitted */
  GPtrArray *channels;       /* LISTENed, to LISTEN again after a reconnect */

  /* reconnecting in the background after the server went away */
  PGconn *connecting;
  GSource *connecting_source;
  GSource *connecting_limit;
  GSource *retry_source;
  guint retry_seconds;

  guint in_transaction : 1;
  guint broken : 1;          /* the transaction's connection was lost */
  guint connected : 1;
};

typedef struct
{
  char *channel;
  char *payload;
  int pid;
} Notification;

G_DEFINE_FINAL_TYPE (MpPgConnection, mp_pg_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

enum {
  NOTIFICATION,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
notification_free (Notification *n)
{
  g_free (n->channel);
  g_free (n->payload);
  g_free (n);
}

/* The server's SQLSTATE in a verbose connection error ("FATAL:  28P01:
 * password authentication failed …"), or NULL. */
static char *
find_sqlstate (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new (":  ([0-9A-Z]{5}): ", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (message != NULL && g_regex_match (regex, message, 0, &match))
    return g_match_info_fetch (match, 1);
  return NULL;
}

/* libpq's text without the verbose parts, on one line: a detail for the
 * person who set up the server. */
static char *
libpq_detail (const char *message)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (message != NULL ? message : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (*line == '\0' || g_str_has_prefix (line, "LOCATION:"))
        continue;
      if (detail->len > 0)
        g_string_append_c (detail, ' ');
      g_string_append (detail, line);
    }
  return g_string_free (g_steal_pointer (&detail), FALSE);
}

static gboolean
is_socket_host (const char *host)
{
  return host == NULL || *host == '\0' || *host == '/' || *host == '@';
}

static const char *
option_value (GPtrArray *keywords, GPtrArray *values, const char *keyword)
{
  for (guint i = 0; i < keywords->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keywords, i), keyword) == 0)
      return g_ptr_array_index (values, i);
  return NULL;
}

static void
add_option (GPtrArray *keywords, GPtrArray *values, const char *keyword, const char *value)
{
  g_ptr_array_add (keywords, g_strdup (keyword));
  g_ptr_array_add (values, g_strdup (value));
}

/* The system's certificate authorities, for verify-full when neither the
 * location nor ~/.postgresql/root.crt names any (libpq 15 has no
 * sslrootcert=system). */
static const char *
system_authorities (void)
{
  static const char *const bundles[] = {
    "/etc/ssl/certs/ca-certificates.crt",   /* Debian, the Flatpak runtime */
    "/etc/pki/tls/certs/ca-bundle.crt",     /* Fedora */
    "/etc/ssl/cert.pem",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bundles); i++)
    if (g_file_test (bundles[i], G_FILE_TEST_IS_REGULAR))
      return bundles[i];
  return NULL;
}

/* Reads @location into keywords and values, adding what Meldpunt insists
 * on: TLS with a verified certificate over TCP, a connect timeout. */
static gboolean
parse_location (MpPgConnection  *self,
                const char      *location,
                GError         **error)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  PQconninfoOption *options;
  char *message = NULL;
  const char *host, *hostaddr, *dbname;
  gboolean tcp = FALSE;

  options = PQconninfoParse (location, &message);
  if (options == NULL)
    {
      /* Neither the location nor libpq's text (which quotes it) goes into
       * the message: it may hold a password. */
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The address of the desk’s server is neither a postgresql:// "
                             "address nor a connection string that Meldpunt can read."));
      PQfreemem (message);
      return FALSE;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL && *o->val != '\0')
      add_option (keywords, values, o->keyword, o->val);
  PQconninfoFree (options);

  /* libpq takes what the location leaves out from the environment (PGHOST),
   * so the environment decides too whether this goes over TCP. */
  host = option_value (keywords, values, "host");
  if (host == NULL)
    host = g_getenv ("PGHOST");
  hostaddr = option_value (keywords, values, "hostaddr");
  if (hostaddr == NULL)
    hostaddr = g_getenv ("PGHOSTADDR");
  if (hostaddr != NULL && *hostaddr != '\0')
    tcp = TRUE;
  else if (host != NULL)
    {
      g_auto(GStrv) hosts = g_strsplit (host, ",", -1);
      for (guint i = 0; hosts[i] != NULL; i++)
        tcp |= !is_socket_host (hosts[i]);
    }

  /* Over TCP: TLS with the certificate and the server's name checked,
   * unless the location itself says otherwise (the environment's
   * PGSSLMODE cannot weaken it). */
  if (tcp && option_value (keywords, values, "sslmode") == NULL)
    add_option (keywords, values, "sslmode", "verify-full");
  if (tcp && option_value (keywords, values, "sslrootcert") == NULL
      && g_getenv ("PGSSLROOTCERT") == NULL)
    {
      g_autofree char *own = g_build_filename (g_get_home_dir (), ".postgresql", "root.crt", NULL);
      const char *bundle = system_authorities ();
      if (!g_file_test (own, G_FILE_TEST_EXISTS) && bundle != NULL)
        add_option (keywords, values, "sslrootcert", bundle);
    }
  if (option_value (keywords, values, "connect_timeout") == NULL)
    add_option (keywords, values, "connect_timeout", DEFAULT_CONNECT_TIMEOUT);
  if (option_value (keywords, values, "application_name") == NULL)
    add_option (keywords, values, "application_name", "meldpunt");

  dbname = option_value (keywords, values, "dbname");
  if (dbname == NULL)
    dbname = option_value (keywords, values, "user");
  self->dbname = g_strdup (dbname != NULL ? dbname : g_get_user_name ());
  if (tcp && host != NULL && *host != '\0')
    self->where = g_strdup_printf ("“%s”", host);
  else if (tcp)
    self->where = g_strdup_printf ("“%s”", hostaddr);
  else if (host != NULL && *host != '\0')
    self->where = g_strdup_printf (_("on this computer (“%s”)"), host);
  else
    self->where = g_strdup (_("on this computer"));

  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);
  self->keywords = (GStrv) g_ptr_array_free (g_steal_pointer (&keywords), FALSE);
  self->values = (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
  return TRUE;
}

/* The error of a connection attempt that failed, from the stage it had
 * reached and what the server said. */
static void
set_connect_error (MpPgConnection  *self,
                   PGconn          *conn,
                   ConnStatusType   stage,
                   gboolean         timed_out,
                   GError         **error)
{
  const char *message = conn != NULL ? PQerrorMessage (conn) : NULL;
  g_autofree char *sqlstate = find_sqlstate (message);
  g_autofree char *detail = libpq_detail (message);

  if (timed_out)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE,
                 _("The desk’s server %s did not answer in time."), self->where);
  else if (conn == NULL)
    g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                         _("Not enough memory to connect to the desk’s server."));
  else if (g_strcmp0 (sqlstate, "28P01") == 0 || g_strcmp0 (sqlstate, "28000") == 0
           || PQconnectionNeedsPassword (conn))
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_AUTHENTICATION,
                 _("The desk’s server %s did not accept the user name or password."),
                 self->where);
  else if (g_strcmp0 (sqlstate, "3D000") == 0)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                 _("The desk’s server %s has no database “%s”."), self->where, self->dbname);
  else if (g_strcmp0 (sqlstate, "42501") == 0)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_PERMISSION_DENIED,
                 _("The desk’s server %s does not let this user connect."), self->where);
  else if (sqlstate != NULL && (g_str_has_prefix (sqlstate, "57P") || g_str_has_prefix (sqlstate, "53")))
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE,
                 _("The desk’s server %s cannot take a connection now: %s"), self->where, detail);
  else if (stage == CONNECTION_SSL_STARTUP)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CERTIFICATE,
                 _("The desk’s server %s could not prove who it is: its certificate is not "
                   "trusted or not made out to its name (%s)."), self->where, detail);
  else if (stage == CONNECTION_STARTED || stage == CONNECTION_MADE || stage == CONNECTION_NEEDED)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_UNREACHABLE,
                 _("The desk’s server %s cannot be reached: %s"), self->where, detail);
  else
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                 _("Could not connect to the desk’s server %s: %s"), self->where, detail);
}

/* A new PGconn, connected, or NULL with @error set. */
static PGconn *
connect_server (MpPgConnection  *self,
                GError         **error)
{
  PGconn *conn;
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  ConnStatusType stage = CONNECTION_NEEDED;
  const char *timeout_text = NULL;
  gint64 deadline;

  for (guint i = 0; self->keywords[i] != NULL; i++)
    if (g_str_equal (self->keywords[i], "connect_timeout"))
      timeout_text = self->values[i];
  deadline = g_get_monotonic_time ()
             + MAX (2, g_ascii_strtoll (timeout_text, NULL, 10)) * G_USEC_PER_SEC;

  conn = PQconnectStartParams ((const char *const *) self->keywords,
                               (const char *const *) self->values, 0);
  if (conn == NULL)
    {
      set_connect_error (self, NULL, stage, FALSE, error);
      return NULL;
    }
  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);

  while (PQstatus (conn) != CONNECTION_BAD
         && polling != PGRES_POLLING_OK && polling != PGRES_POLLING_FAILED)
    {
      struct pollfd pfd = { .fd = PQsocket (conn), .events = 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      int ready;

      pfd.events = polling == PGRES_POLLING_READING ? POLLIN : POLLOUT;
      if (left <= 0)
        {
          set_connect_error (self, conn, stage, TRUE, error);
          PQfinish (conn);
          return NULL;
        }
      ready = poll (&pfd, 1, (int) MIN (left / 1000 + 1, G_MAXINT));
      if (ready < 0 && errno != EINTR)
        break;
      if (ready == 0)
        continue;
      stage = PQstatus (conn);
      polling = PQconnectPoll (conn);
    }

  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_connect_error (self, conn, stage, FALSE, error);
      PQfinish (conn);
      return NULL;
    }
  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);
  return conn;
}

static void
set_connected (MpPgConnection *self,
               gboolean        connected)
{
  if (self->connected == !!connected)
    return;
  self->connected = !!connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static gboolean
emit_pending_cb (gpointer data)
{
  MpPgConnection *self = data;
  Notification *n;

  g_clear_pointer (&self->idle_source, g_source_unref);
  g_object_ref (self);
  while ((n = g_queue_pop_head (&self->pending)) != NULL)
    {
      g_signal_emit (self, signals[NOTIFICATION], g_quark_from_string (n->channel),
                     n->channel, n->payload, n->pid);
      notification_free (n);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

/* Takes the notifications libpq has read into the queue and has them
 * emitted on the connection's context. */
static void
collect_notifications (MpPgConnection *self)
{
  PGnotify *notify;

  if (self->conn == NULL)
    return;
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      Notification *n = g_new0 (Notification, 1);
      n->channel = g_strdup (notify->relname);
      n->payload = g_strdup (notify->extra);
      n->pid = notify->be_pid;
      g_queue_push_tail (&self->pending, n);
      PQfreemem (notify);
    }
  if (!g_queue_is_empty (&self->pending) && self->idle_source == NULL)
    {
      self->idle_source = g_idle_source_new ();
      g_source_set_priority (self->idle_source, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->idle_source, emit_pending_cb, self, NULL);
      g_source_set_static_name (self->idle_source, "[meldpunt] PostgreSQL notifications");
      g_source_attach (self->idle_source, self->context);
    }
}

static void watch_socket (MpPgConnection *self);
static void connection_lost (MpPgConnection *self);
static gboolean listen_channel (MpPgConnection *self, const char *channel, GError **error);

static void
drop_socket_source (MpPgConnection *self)
{
  if (self->socket_source != NULL)
    {
      g_source_destroy (self->socket_source);
      g_clear_pointer (&self->socket_source, g_source_unref);
    }
}

static gboolean
on_socket_cb (int          fd,
              GIOCondition condition,
              gpointer     data)
{
  MpPgConnection *self = data;

  if (self->conn == NULL || !PQconsumeInput (self->conn) || PQstatus (self->conn) == CONNECTION_BAD)
    {
      /* The server went away: the socket says end of file. */
      g_clear_pointer (&self->socket_source, g_source_unref);
      connection_lost (self);
      return G_SOURCE_REMOVE;
    }
  collect_notifications (self);
  return G_SOURCE_CONTINUE;
}

static void
watch_socket (MpPgConnection *self)
{
  drop_socket_source (self);
  if (self->conn == NULL || PQsocket (self->conn) < 0)
    return;
  self->socket_source = g_unix_fd_source_new (PQsocket (self->conn), G_IO_IN | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->socket_source, G_SOURCE_FUNC (on_socket_cb), self, NULL);
  g_source_set_static_name (self->socket_source, "[meldpunt] PostgreSQL socket");
  g_source_attach (self->socket_source, self->context);
}

static void
cancel_background (MpPgConnection *self)
{
  GSource **sources[] = { &self->connecting_source, &self->connecting_limit, &self->retry_source };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (*sources[i] != NULL)
      {
        g_source_destroy (*sources[i]);
        g_clear_pointer (sources[i], g_source_unref);
      }
  g_clear_pointer (&self->connecting, PQfinish);
}

/* Takes @conn, connected, as the connection: listens again, watches its
 * socket. */
static gboolean
take_connection (MpPgConnection  *self,
                 PGconn          *conn,
                 GError         **error)
{
  g_clear_pointer (&self->conn, PQfinish);
  self->conn = conn;
  /* a transaction that was open is gone with the old connection */
  if (self->in_transaction)
    self->broken = TRUE;
  for (guint i = 0; i < self->channels->len; i++)
    if (!listen_channel (self, g_ptr_array_index (self->channels, i), error))
      {
        g_clear_pointer (&self->conn, PQfinish);
        return FALSE;
      }
  watch_socket (self);
  self->retry_seconds = 0;
  set_connected (self, TRUE);
  return TRUE;
}

static void schedule_reconnect (MpPgConnection *self);

static gboolean
on_connecting_limit_cb (gpointer data)
{
  MpPgConnection *self = data;

  g_clear_pointer (&self->connecting_limit, g_source_unref);
  cancel_background (self);
  schedule_reconnect (self);
  return G_SOURCE_REMOVE;
}

static void watch_connecting (MpPgConnection *self, PostgresPollingStatusType polling);

static gboolean
on_connecting_cb (int          fd,
                  GIOCondition condition,
                  gpointer     data)
{
  MpPgConnection *self = data;
  PostgresPollingStatusType polling = PQconnectPoll (self->connecting);

  if (polling == PGRES_POLLING_OK)
    {
      PGconn *conn = g_steal_pointer (&self->connecting);
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&self->connecting_source, g_source_unref);
      cancel_background (self);
      PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);
      if (!take_connection (self, conn, &error))
        {
          g_debug ("Reconnected to %s, but could not listen again: %s", self->where, error->message);
          schedule_reconnect (self);
        }
      return G_SOURCE_REMOVE;
    }
  if (polling == PGRES_POLLING_FAILED)
    {
      g_debug ("Reconnecting to %s failed: %s", self->where, PQerrorMessage (self->connecting));
      g_clear_pointer (&self->connecting_source, g_source_unref);
      cancel_background (self);
      schedule_reconnect (self);
      return G_SOURCE_REMOVE;
    }
  /* the socket or the direction may change from one step to the next */
  g_clear_pointer (&self->connecting_source, g_source_unref);
  watch_connecting (self, polling);
  return G_SOURCE_REMOVE;
}

static void
watch_connecting (MpPgConnection           *self,
                  PostgresPollingStatusType polling)
{
  GIOCondition condition = polling == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT;

  self->connecting_source = g_unix_fd_source_new (PQsocket (self->connecting),
                                                  condition | G_IO_HUP | G_IO_ERR);
  g_source_set_callback (self->connecting_source, G_SOURCE_FUNC (on_connecting_cb), self, NULL);
  g_source_set_static_name (self->connecting_source, "[meldpunt] PostgreSQL reconnect");
  g_source_attach (self->connecting_source, self->context);
}

static gboolean
on_retry_cb (gpointer data)
{
  MpPgConnection *self = data;
  const char *timeout_text = NULL;

  g_clear_pointer (&self->retry_source, g_source_unref);
  self->connecting = PQconnectStartParams ((const char *const *) self->keywords,
                                           (const char *const *) self->values, 0);
  if (self->connecting == NULL || PQstatus (self->connecting) == CONNECTION_BAD
      || PQsocket (self->connecting) < 0)
    {
      g_clear_pointer (&self->connecting, PQfinish);
      schedule_reconnect (self);
      return G_SOURCE_REMOVE;
    }
  PQsetErrorVerbosity (self->connecting, PQERRORS_VERBOSE);
  watch_connecting (self, PGRES_POLLING_WRITING);

  for (guint i = 0; self->keywords[i] != NULL; i++)
    if (g_str_equal (self->keywords[i], "connect_timeout"))
      timeout_text = self->values[i];
  self->connecting_limit = g_timeout_source_new_seconds (
      MAX (2, (guint) g_ascii_strtoull (timeout_text, NULL, 10)));
  g_source_set_callback (self->connecting_limit, on_connecting_limit_cb, self, NULL);
  g_source_set_static_name (self->connecting_limit, "[meldpunt] PostgreSQL reconnect limit");
  g_source_attach (self->connecting_limit, self->context);
  return G_SOURCE_REMOVE;
}

/* The next attempt to connect in the background: at once the first time,
 * then after a pause that doubles. */
static void
schedule_reconnect (MpPgConnection *self)
{
  if (self->retry_source != NULL || self->connecting != NULL)
    return;
  if (self->retry_seconds == 0)
    self->retry_source = g_idle_source_new ();
  else
    self->retry_source = g_timeout_source_new_seconds (self->retry_seconds);
  self->retry_seconds = CLAMP (self->retry_seconds * 2, 1, MAX_RETRY_SECONDS);
  g_source_set_callback (self->retry_source, on_retry_cb, self, NULL);
  g_source_set_static_name (self->retry_source, "[meldpunt] PostgreSQL retry");
  g_source_attach (self->retry_source, self->context);
}

static void
connection_lost (MpPgConnection *self)
{
  drop_socket_source (self);
  if (self->in_transaction)
    self->broken = TRUE;
  set_connected (self, FALSE);
  schedule_reconnect (self);
}

static gboolean
is_lost (MpPgConnection *self)
{
  return self->conn == NULL || PQstatus (self->conn) == CONNECTION_BAD;
}

static void
set_lost_error (MpPgConnection  *self,
                GError         **error)
{
  g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CONNECTION_LOST,
               _("The connection to the desk’s server %s was lost before the change was "
                 "finished. Nothing of it was kept; once the server is back it can be made "
                 "again."), self->where);
}

/* The error of a statement that failed. */
static void
set_result_error (MpPgConnection  *self,
                  PGresult        *result,
                  GError         **error)
{
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *detail = libpq_detail (primary != NULL ? primary : PQerrorMessage (self->conn));

  if (is_lost (self) || (sqlstate != NULL && (g_str_has_prefix (sqlstate, "08")
                                              || g_str_has_prefix (sqlstate, "57P"))))
    {
      set_lost_error (self, error);
      set_connected (self, FALSE);
    }
  else if (g_strcmp0 (sqlstate, "42501") == 0)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_PERMISSION_DENIED,
                 _("The desk’s server does not allow you to do this (%s)."), detail);
  else if (g_strcmp0 (sqlstate, "40001") == 0 || g_strcmp0 (sqlstate, "40P01") == 0
           || g_strcmp0 (sqlstate, "23505") == 0)
    g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CONFLICT,
                         _("Someone else changed this at the same time; their change was "
                           "saved, yours was not."));
  else
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                 _("The desk’s server refused the change: %s"), detail);
}

static gboolean
listen_channel (MpPgConnection  *self,
                const char      *channel,
                GError         **error)
{
  char *quoted = PQescapeIdentifier (self->conn, channel, strlen (channel));
  g_autofree char *sql = g_strconcat ("LISTEN ", quoted, NULL);
  PGresult *result;
  gboolean ok;

  PQfreemem (quoted);
  result = PQexec (self->conn, sql);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok)
    set_result_error (self, result, error);
  PQclear (result);
  return ok;
}

/* Connects again if the connection was lost, unless a transaction was
 * open on it. */
static gboolean
ensure_connected (MpPgConnection  *self,
                  GError         **error)
{
  if (self->in_transaction && (self->broken || is_lost (self)))
    {
      self->broken = TRUE;
      set_lost_error (self, error);
      return FALSE;
    }
  if (!is_lost (self))
    return TRUE;
  return mp_pg_connection_reconnect (self, error);
}

/* Runs a statement; returns its result (to PQclear) or NULL with @error. */
static PGresult *
run (MpPgConnection  *self,
     const char      *sql,
     GVariant        *params,
     GError         **error)
{
  g_autoptr(GVariant) owned = params != NULL ? g_variant_ref_sink (params) : NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char **values = NULL;
  g_autofree int *lengths = NULL;
  g_autofree int *formats = NULL;
  g_autofree Oid *types = NULL;
  int n_params = 0;
  PGresult *result;
  ExecStatusType status;

  if (!ensure_connected (self, error))
    return NULL;
  if (!_mp_pg_build_params (owned, &n_params, &values, &lengths, &formats, &types, texts, blobs, error))
    return NULL;

  result = PQexecParams (self->conn, sql, n_params, types, (const char *const *) values,
                         lengths, formats, 0);
  status = PQresultStatus (result);
  collect_notifications (self);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_result_error (self, result, error);
      PQclear (result);
      if (is_lost (self))
        connection_lost (self);
      return NULL;
    }
  return result;
}

static void
mp_pg_connection_dispose (GObject *object)
{
  MpPgConnection *self = MP_PG_CONNECTION (object);

  drop_socket_source (self);
  cancel_background (self);
  if (self->idle_source != NULL)
    {
      g_source_destroy (self->idle_source);
      g_clear_pointer (&self->idle_source, g_source_unref);
    }
  g_queue_clear_full (&self->pending, (GDestroyNotify) notification_free);
  g_clear_pointer (&self->conn, PQfinish);

  G_OBJECT_CLASS (mp_pg_connection_parent_class)->dispose (object);
}

static void
mp_pg_connection_finalize (GObject *object)
{
  MpPgConnection *self = MP_PG_CONNECTION (object);

  /* the values hold the password */
  for (guint i = 0; self->values != NULL && self->values[i] != NULL; i++)
    memset (self->values[i], 0, strlen (self->values[i]));
  g_clear_pointer (&self->keywords, g_strfreev);
  g_clear_pointer (&self->values, g_strfreev);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->dbname, g_free);
  g_clear_pointer (&self->channels, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (mp_pg_connection_parent_class)->finalize (object);
}

static void
mp_pg_connection_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpPgConnection *self = MP_PG_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_pg_connection_class_init (MpPgConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mp_pg_connection_dispose;
  object_class->finalize = mp_pg_connection_finalize;
  object_class->get_property = mp_pg_connection_get_property;

  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpPgConnection::notification:
   * @channel: the channel it came on
   * @payload: its text
   * @pid: the server process of the connection that sent it
   *
   * A NOTIFY on a channel of mp_pg_connection_listen(); detailed with the
   * channel's name.
   */
  signals[NOTIFICATION] =
    g_signal_new ("notification", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT);
}

static void
mp_pg_connection_init (MpPgConnection *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->channels = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&self->pending);
}

/* -- the connection ------------------------------------------------------- */

gboolean
mp_pg_is_location (const char *location)
{
  static const char *const keywords[] = { "host", "hostaddr", "port", "dbname", "user", "service" };

  if (location == NULL)
    return FALSE;
  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return TRUE;
  while (g_ascii_isspace (*location))
    location++;
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      gsize n = strlen (keywords[i]);
      const char *rest = location + n;
      if (strncmp (location, keywords[i], n) != 0)
        continue;
      while (*rest == ' ')
        rest++;
      if (*rest == '=')
        return TRUE;
    }
  return FALSE;
}

MpPgConnection *
mp_pg_connection_new (const char  *location,
                      GError     **error)
{
  g_autoptr(MpPgConnection) self = NULL;

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (MP_TYPE_PG_CONNECTION, NULL);
  if (!parse_location (self, location, error))
    return NULL;
  self->conn = connect_server (self, error);
  if (self->conn == NULL)
    return NULL;
  self->connected = TRUE;
  watch_socket (self);
  return g_steal_pointer (&self);
}

gboolean
mp_pg_connection_get_connected (MpPgConnection *self)
{
  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  return self->connected && !is_lost (self);
}

gboolean
mp_pg_connection_reconnect (MpPgConnection  *self,
                            GError         **error)
{
  PGconn *conn;

  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);

  cancel_background (self);
  drop_socket_source (self);
  g_clear_pointer (&self->conn, PQfinish);
  if (self->in_transaction)
    self->broken = TRUE;
  set_connected (self, FALSE);
  conn = connect_server (self, error);
  if (conn == NULL || !take_connection (self, conn, error))
    {
      schedule_reconnect (self);
      return FALSE;
    }
  return TRUE;
}

MpPgRows *
mp_pg_connection_query (MpPgConnection  *self,
                        const char      *sql,
                        GVariant        *params,
                        GError         **error)
{
  PGresult *result;

  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  result = run (self, sql, params, error);
  return result != NULL ? _mp_pg_rows_new (result) : NULL;
}

gint64
mp_pg_connection_exec (MpPgConnection  *self,
                       const char      *sql,
                       GVariant        *params,
                       GError         **error)
{
  PGresult *result;
  const char *count;
  gint64 changed;

  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), -1);
  g_return_val_if_fail (sql != NULL, -1);

  result = run (self, sql, params, error);
  if (result == NULL)
    return -1;
  count = PQcmdTuples (result);
  changed = count != NULL && *count != '\0' ? g_ascii_strtoll (count, NULL, 10) : 0;
  PQclear (result);
  return changed;
}

gboolean
mp_pg_connection_exec_expecting (MpPgConnection  *self,
                                 const char      *sql,
                                 GVariant        *params,
                                 gint64           expected,
                                 GError         **error)
{
  gint64 changed = mp_pg_connection_exec (self, sql, params, error);

  if (changed < 0)
    return FALSE;
  if (changed != expected)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CONFLICT,
                           _("Someone else changed this since you opened it; their change "
                             "was saved, yours was not."));
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_pg_connection_begin (MpPgConnection  *self,
                        MpPgIsolation    isolation,
                        GError         **error)
{
  static const char *const statements[] = {
    [MP_PG_READ_COMMITTED] = "BEGIN ISOLATION LEVEL READ COMMITTED",
    [MP_PG_REPEATABLE_READ] = "BEGIN ISOLATION LEVEL REPEATABLE READ",
    [MP_PG_SERIALIZABLE] = "BEGIN ISOLATION LEVEL SERIALIZABLE",
  };

  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  g_return_val_if_fail (isolation <= MP_PG_SERIALIZABLE, FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (mp_pg_connection_exec (self, statements[isolation], NULL, error) < 0)
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
mp_pg_connection_commit (MpPgConnection  *self,
                         GError         **error)
{
  PGresult *result;
  gboolean committed;

  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  result = run (self, "COMMIT", NULL, error);
  self->in_transaction = FALSE;
  self->broken = FALSE;
  if (result == NULL)
    return FALSE;
  /* A transaction in which a statement failed ends with ROLLBACK. */
  committed = g_strcmp0 (PQcmdStatus (result), "COMMIT") == 0;
  PQclear (result);
  if (!committed)
    g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                         _("The desk’s server undid the change because a part of it failed."));
  return committed;
}

void
mp_pg_connection_rollback (MpPgConnection *self)
{
  g_return_if_fail (MP_IS_PG_CONNECTION (self));

  if (!self->broken && !is_lost (self) && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    {
      PGresult *result = PQexec (self->conn, "ROLLBACK");
      collect_notifications (self);
      PQclear (result);
    }
  self->in_transaction = FALSE;
  self->broken = FALSE;
}

gboolean
mp_pg_connection_in_transaction (MpPgConnection *self)
{
  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  return self->in_transaction;
}

gboolean
mp_pg_connection_listen (MpPgConnection  *self,
                         const char      *channel,
                         GError         **error)
{
  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  g_return_val_if_fail (channel != NULL && *channel != '\0', FALSE);

  if (!ensure_connected (self, error) || !listen_channel (self, channel, error))
    return FALSE;
  for (guint i = 0; i < self->channels->len; i++)
    if (g_str_equal (g_ptr_array_index (self->channels, i), channel))
      return TRUE;
  g_ptr_array_add (self->channels, g_strdup (channel));
  return TRUE;
}

gboolean
mp_pg_connection_notify (MpPgConnection  *self,
                         const char      *channel,
                         const char      *payload,
                         GError         **error)
{
  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  g_return_val_if_fail (channel != NULL, FALSE);

  return mp_pg_connection_exec (self, "SELECT pg_notify ($1, $2)",
                                g_variant_new ("(ss)", channel, payload != NULL ? payload : ""),
                                error) >= 0;
}

int
mp_pg_connection_get_backend_pid (MpPgConnection *self)
{
  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), 0);
  return self->conn != NULL ? PQbackendPID (self->conn) : 0;
}
