/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Connecting to a shared desk's server (mp-pg.c): the location read into
 * libpq's keywords, with TLS made the default, and a blocking connection
 * attempt whose failure becomes a clear MP_STORE_ERROR.
 *
 * It goes through PQconnectStartParams()/PQconnectPoll() rather than
 * PQconnectdb() for two reasons: the stage a failed attempt reached tells
 * an unreachable server from a refused certificate (both fail before the
 * server says a word, with libpq's own, translated text), and verbose
 * errors, switched on before the server answers, carry the server's
 * SQLSTATE (28P01: wrong password) in the message, which is the only place
 * libpq keeps it for a connection that failed.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <string.h>

#include "mp-error.h"
#include "mp-pg-private.h"

#define DEFAULT_CONNECT_TIMEOUT "10"

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
char *
_mp_pg_detail (const char *message)
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
gboolean
_mp_pg_target_parse (MpPgTarget  *self,
                     const char  *location,
                     GError     **error)
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
set_connect_error (const MpPgTarget *self,
                   PGconn          *conn,
                   ConnStatusType   stage,
                   gboolean         timed_out,
                   GError         **error)
{
  const char *message = conn != NULL ? PQerrorMessage (conn) : NULL;
  g_autofree char *sqlstate = find_sqlstate (message);
  g_autofree char *detail = _mp_pg_detail (message);

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
PGconn *
_mp_pg_target_connect (const MpPgTarget  *self,
                       GError           **error)
{
  PGconn *conn;
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  ConnStatusType stage = CONNECTION_NEEDED;
  gint64 deadline;

  deadline = g_get_monotonic_time () + _mp_pg_target_get_timeout (self) * G_USEC_PER_SEC;

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

guint
_mp_pg_target_get_timeout (const MpPgTarget *self)
{
  const char *timeout_text = NULL;

  for (guint i = 0; self->keywords[i] != NULL; i++)
    if (g_str_equal (self->keywords[i], "connect_timeout"))
      timeout_text = self->values[i];
  return MAX (2, (guint) g_ascii_strtoull (timeout_text, NULL, 10));
}

void
_mp_pg_target_clear (MpPgTarget *self)
{
  /* the values hold the password */
  for (guint i = 0; self->values != NULL && self->values[i] != NULL; i++)
    memset (self->values[i], 0, strlen (self->values[i]));
  g_clear_pointer (&self->keywords, g_strfreev);
  g_clear_pointer (&self->values, g_strfreev);
  g_clear_pointer (&self->where, g_free);
  g_clear_pointer (&self->dbname, g_free);
}
