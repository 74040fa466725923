/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A connection to a shared desk's PostgreSQL server over libpq (issue 20).
 *
 * Connecting, and the errors of a failed attempt: mp-pg-connect.c.
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

#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <libpq-fe.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pg-private.h"

#define MAX_RETRY_SECONDS 16

struct _MpPgConnection
{
  GObject parent_instance;

  PGconn *conn;
  MpPgTarget target;         /* what to connect to */

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
          g_debug ("Reconnected to %s, but could not listen again: %s",
                   self->target.where, error->message);
          schedule_reconnect (self);
        }
      return G_SOURCE_REMOVE;
    }
  if (polling == PGRES_POLLING_FAILED)
    {
      g_debug ("Reconnecting to %s failed: %s",
               self->target.where, PQerrorMessage (self->connecting));
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

  g_clear_pointer (&self->retry_source, g_source_unref);
  self->connecting = PQconnectStartParams ((const char *const *) self->target.keywords,
                                           (const char *const *) self->target.values, 0);
  if (self->connecting == NULL || PQstatus (self->connecting) == CONNECTION_BAD
      || PQsocket (self->connecting) < 0)
    {
      g_clear_pointer (&self->connecting, PQfinish);
      schedule_reconnect (self);
      return G_SOURCE_REMOVE;
    }
  PQsetErrorVerbosity (self->connecting, PQERRORS_VERBOSE);
  watch_connecting (self, PGRES_POLLING_WRITING);

  self->connecting_limit = g_timeout_source_new_seconds (_mp_pg_target_get_timeout (&self->target));
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
                 "again."), self->target.where);
}

/* The error of a statement that failed. */
static void
set_result_error (MpPgConnection  *self,
                  PGresult        *result,
                  GError         **error)
{
  const char *sqlstate = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *detail = _mp_pg_detail (primary != NULL ? primary : PQerrorMessage (self->conn));

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

static MpPgConnection *
connection_new_for_context (const char    *location,
                            GMainContext  *context,
                            GError       **error)
{
  g_autoptr(MpPgConnection) self = g_object_new (MP_TYPE_PG_CONNECTION, NULL);

  g_main_context_unref (self->context);
  self->context = g_main_context_ref (context);
  if (!_mp_pg_target_parse (&self->target, location, error))
    return NULL;
  self->conn = _mp_pg_target_connect (&self->target, error);
  if (self->conn == NULL)
    return NULL;
  self->connected = TRUE;
  watch_socket (self);
  return g_steal_pointer (&self);
}

typedef struct
{
  char *location;
  GMainContext *context;     /* the caller's, for the notifications */
} NewData;

static void
new_data_free (NewData *data)
{
  /* the location may hold the password */
  memset (data->location, 0, strlen (data->location));
  g_free (data->location);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
new_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  NewData *data = task_data;
  GError *error = NULL;
  MpPgConnection *conn = connection_new_for_context (data->location, data->context, &error);

  if (conn == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, conn, g_object_unref);
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

  _mp_pg_target_clear (&self->target);
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
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (location != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return connection_new_for_context (location, context, error);
}

void
mp_pg_connection_new_async (const char          *location,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  NewData *data;

  g_return_if_fail (location != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_pg_connection_new_async);
  data = g_new0 (NewData, 1);
  data->location = g_strdup (location);
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) new_data_free);
  g_task_run_in_thread (task, new_in_thread);
}

MpPgConnection *
mp_pg_connection_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_pg_connection_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  conn = _mp_pg_target_connect (&self->target, error);
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
  g_autoptr(GError) local_error = NULL;
  PGresult *result;
  gboolean committed, was_broken;

  g_return_val_if_fail (MP_IS_PG_CONNECTION (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  was_broken = self->broken;
  result = run (self, "COMMIT", NULL, &local_error);
  self->in_transaction = FALSE;
  self->broken = FALSE;
  if (result == NULL && !was_broken
      && g_error_matches (local_error, MP_STORE_ERROR, MP_STORE_ERROR_CONNECTION_LOST))
    {
      /* COMMIT was sent: the server may have committed before it went */
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CONNECTION_LOST,
                   _("The connection to the desk’s server %s was lost while the change was "
                     "being saved; whether it was saved can be seen once the server is back."),
                   self->target.where);
      return FALSE;
    }
  if (result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
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
