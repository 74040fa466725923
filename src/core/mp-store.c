/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "mp-derive.h"
#include "mp-error.h"
#include "mp-store-private.h"

#define BUSY_TIMEOUT_MS 5000
/* Page cache in KiB (negative: see PRAGMA cache_size): SQLite's default, and
 * the larger one of a batch. */
#define DEFAULT_CACHE_SIZE "-2000"
#define BATCH_CACHE_SIZE "-131072"

struct _MpStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  MpVault     *vault;
  char        *organisation;
  char        *actor;
  gboolean     initialised;
  gboolean     checked;        /* quick_check found every page sound */
  guint        batch_depth;
  MpCaseAnswerSource *answer_source;  /* of the cases of the last unlock */

  GMutex       stmt_mutex;
  GHashTable  *stmt_cache;     /* SQL text -> prepared statement */
  GHashTable  *stmt_in_use;    /* statements handed out */

  GListStore  *cases;
  GHashTable  *by_reference;   /* reference -> MpCase (borrowed) */
};

G_DEFINE_FINAL_TYPE (MpStore, mp_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOCKED,
  N_PROPS
};

enum {
  CASE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Answers whose value is itself confidential (DESIGN.md: voucher codes). */
static const char * const confidential_answers[] = { "reward.voucher_code", NULL };

/* ---- statements ------------------------------------------------------- */

/* Statements are prepared once per SQL text and kept: preparing anew on
 * every write was half the cost of a write. A statement already in use
 * (a nested query of the same text) gets a fresh one, finalized when
 * released. Release with release_stmt(), which g_autoptr(sqlite3_stmt)
 * does; it finds the owning store through the connection. */
G_LOCK_DEFINE_STATIC (stores_by_db);
static GHashTable *stores_by_db;   /* sqlite3 * -> MpStore * (not owned) */

static sqlite3_stmt *
prepare (MpStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean cache_it;
  int rc;

  g_mutex_lock (&self->stmt_mutex);
  stmt = g_hash_table_lookup (self->stmt_cache, sql);
  if (stmt != NULL && !g_hash_table_contains (self->stmt_in_use, stmt))
    {
      g_hash_table_add (self->stmt_in_use, stmt);
      g_mutex_unlock (&self->stmt_mutex);
      return stmt;
    }
  cache_it = stmt == NULL;
  g_mutex_unlock (&self->stmt_mutex);

  stmt = NULL;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, cache_it ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }

  if (cache_it)
    {
      g_mutex_lock (&self->stmt_mutex);
      g_hash_table_insert (self->stmt_cache, g_strdup (sql), stmt);
      g_hash_table_add (self->stmt_in_use, stmt);
      g_mutex_unlock (&self->stmt_mutex);
    }
  return stmt;
}

static void
release_stmt (sqlite3_stmt *stmt)
{
  MpStore *self;
  gboolean cached = FALSE;

  if (stmt == NULL)
    return;

  G_LOCK (stores_by_db);
  self = stores_by_db != NULL ? g_hash_table_lookup (stores_by_db, sqlite3_db_handle (stmt)) : NULL;
  G_UNLOCK (stores_by_db);

  if (self != NULL)
    {
      g_mutex_lock (&self->stmt_mutex);
      cached = g_hash_table_remove (self->stmt_in_use, stmt);
      g_mutex_unlock (&self->stmt_mutex);
    }

  if (cached)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  else
    sqlite3_finalize (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, release_stmt)

static gboolean
step_done (MpStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int           index,
                   gint64        usec)
{
  if (usec != 0)
    sqlite3_bind_int64 (stmt, index, usec);
  else
    sqlite3_bind_null (stmt, index);
}

static GBytes *
column_bytes (sqlite3_stmt *stmt,
              int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, index), sqlite3_column_bytes (stmt, index));
}

/* A quick look at every page, so that a damaged file is never written to.
 * It reads the whole file (seconds for a large desk), so open leaves it to
 * unlock, which runs in a worker thread; every write path runs it first if
 * it has not run yet. */
static gboolean
check_integrity (MpStore  *self,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  int rc;

  if (self->checked)
    return TRUE;
  if (!(check = prepare (self, "PRAGMA quick_check(1)", error)))
    return FALSE;
  rc = sqlite3_step (check);
  if (rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (check, 0), "ok") != 0)
    {
      if (rc == SQLITE_ROW)
        rc = SQLITE_CORRUPT;
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  self->checked = TRUE;
  return TRUE;
}

/* Every write is one BEGIN IMMEDIATE transaction; inside a batch it is a
 * savepoint of the batch's transaction instead. */
static gboolean
begin_write (MpStore  *self,
             GError  **error)
{
  if (self->batch_depth > 0)
    return _mp_store_exec (self->db, "SAVEPOINT write;", error);
  if (!check_integrity (self, error))
    return FALSE;
  return _mp_store_exec (self->db, "BEGIN IMMEDIATE;", error);
}

static gboolean
commit_write (MpStore  *self,
              GError  **error)
{
  if (self->batch_depth > 0)
    return _mp_store_exec (self->db, "RELEASE write;", error);
  if (_mp_store_exec (self->db, "COMMIT;", error))
    return TRUE;
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

static void
rollback_write (MpStore *self)
{
  if (self->batch_depth > 0)
    sqlite3_exec (self->db, "ROLLBACK TO write; RELEASE write;", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
}

static gboolean
require_unlocked (MpStore  *self,
                  GError  **error)
{
  if (!self->initialised)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                           _("This database has no desk yet; create one first."));
      return FALSE;
    }
  if (!mp_vault_is_unlocked (self->vault))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED,
                           _("The desk is locked; unlock it with its passphrase first."));
      return FALSE;
    }
  return TRUE;
}

/* ---- sealing ------------------------------------------------------------ */

static gboolean
bind_sealed (MpStore       *self,
             sqlite3_stmt  *stmt,
             int            index,
             gint64         key_id,
             const char    *table,
             const char    *column,
             gint64         row_id,
             const char    *text,
             GError       **error)
{
  g_autoptr(GBytes) sealed = NULL;

  if (text == NULL)
    {
      sqlite3_bind_null (stmt, index);
      return TRUE;
    }

  sealed = mp_vault_seal (self->vault, key_id, table, column, row_id, text, strlen (text), error);
  if (sealed == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, index, g_bytes_get_data (sealed, NULL),
                     (int) g_bytes_get_size (sealed), SQLITE_TRANSIENT);
  return TRUE;
}

static char *
open_sealed_column (MpStore       *self,
                    sqlite3_stmt  *stmt,
                    int            index,
                    gint64         key_id,
                    const char    *table,
                    const char    *column,
                    gint64         row_id,
                    GError       **error)
{
  g_autoptr(GBytes) sealed = column_bytes (stmt, index);
  g_autoptr(GBytes) plain = NULL;

  if (sealed == NULL || key_id == 0)
    return NULL;
  plain = mp_vault_open (self->vault, key_id, table, column, row_id, sealed, error);
  if (plain == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
}

/* ---- audit ---------------------------------------------------------------- */

static char *
fingerprint (MpStore    *self,
             const char *value)
{
  guint8 mac[MP_VAULT_MAC_BYTES];
  char hex[17];
  g_autofree char *data = NULL;

  if (value == NULL)
    return NULL;
  /* Keyed, so that a short value such as "yes" cannot be guessed from it. */
  data = g_strconcat ("fingerprint|", value, NULL);
  if (!mp_vault_audit_mac (self->vault, data, strlen (data), NULL, mac, NULL))
    return NULL;
  sodium_bin2hex (hex, sizeof hex, mac, 8);
  return g_strdup (hex);
}

static char *
audit_serialise (gint64      id,
                 gint64      at,
                 const char *actor,
                 const char *case_ref,
                 const char *action,
                 const char *field,
                 const char *old_fp,
                 const char *new_fp)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
                          id, at, actor, case_ref ? case_ref : "", action,
                          field ? field : "", old_fp ? old_fp : "", new_fp ? new_fp : "");
}

/* The chain's MACs prove each entry and those before it, but not that no
 * entry came after the last one left: the head record (setting
 * AUDIT_HEAD_KEY, "COUNT HEAD SEAL") names the last entry, sealed with the
 * audit key, and is written in the same transaction as each entry. */
#define AUDIT_HEAD_KEY "audit.head"

static char *
audit_head_seal (MpStore    *self,
                 gint64      count,
                 const char *head_hex,
                 GError    **error)
{
  g_autofree char *data = g_strdup_printf ("audit-head\x1f%" G_GINT64_FORMAT "\x1f%s", count, head_hex);
  guint8 mac[MP_VAULT_MAC_BYTES];
  char hex[MP_VAULT_MAC_BYTES * 2 + 1];

  if (!mp_vault_audit_mac (self->vault, data, strlen (data), NULL, mac, error))
    return NULL;
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup (hex);
}

static gboolean
audit_write_head (MpStore       *self,
                  gint64         count,
                  const guint8   head[MP_VAULT_MAC_BYTES],
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autofree char *seal = NULL;
  char head_hex[MP_VAULT_MAC_BYTES * 2 + 1];

  sodium_bin2hex (head_hex, sizeof head_hex, head, MP_VAULT_MAC_BYTES);
  if (!(seal = audit_head_seal (self, count, head_hex, error)))
    return FALSE;
  if (!(upsert = prepare (self,
                          "INSERT INTO settings (key, value) VALUES ('" AUDIT_HEAD_KEY "', ?)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    return FALSE;
  sqlite3_bind_text (upsert, 1, g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", count, head_hex, seal),
                     -1, g_free);
  return step_done (self, upsert, error);
}

/* Appends an entry to the audit chain; call inside the write's transaction. */
static gboolean
audit_append (MpStore     *self,
              const char  *case_ref,
              const char  *action,
              const char  *field,
              const char  *old_value,
              const char  *new_value,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *old_fp = fingerprint (self, old_value);
  g_autofree char *new_fp = fingerprint (self, new_value);
  g_autofree char *data = NULL;
  guint8 previous[MP_VAULT_MAC_BYTES];
  guint8 mac[MP_VAULT_MAC_BYTES];
  gboolean has_previous = FALSE;
  gint64 id = 1;
  gint64 at = mp_time_now ();

  if (!(last = prepare (self, "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1", error)))
    return FALSE;
  if (sqlite3_step (last) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (last, 0) + 1;
      if (sqlite3_column_bytes (last, 1) == MP_VAULT_MAC_BYTES)
        {
          memcpy (previous, sqlite3_column_blob (last, 1), MP_VAULT_MAC_BYTES);
          has_previous = TRUE;
        }
    }

  data = audit_serialise (id, at, self->actor, case_ref, action, field, old_fp, new_fp);
  if (!mp_vault_audit_mac (self->vault, data, strlen (data), has_previous ? previous : NULL, mac, error))
    return FALSE;

  if (!(insert = prepare (self,
                          "INSERT INTO audit (id, at, actor, case_ref, action, field, old_fp, new_fp, mac)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, at);
  sqlite3_bind_text (insert, 3, self->actor, -1, SQLITE_TRANSIENT);
  bind_text_or_null (insert, 4, case_ref);
  sqlite3_bind_text (insert, 5, action, -1, SQLITE_STATIC);
  bind_text_or_null (insert, 6, field);
  bind_text_or_null (insert, 7, old_fp);
  bind_text_or_null (insert, 8, new_fp);
  sqlite3_bind_blob (insert, 9, mac, sizeof mac, SQLITE_TRANSIENT);
  return step_done (self, insert, error) && audit_write_head (self, id, mac, error);
}

/* ---- derived state -------------------------------------------------------- */

/* Derives status and deadlines on @work and writes them; inside a write. */
static gboolean
write_derived (MpStore  *self,
               MpCase   *work,
               GError  **error)
{
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autofree char *old_status = g_strdup (mp_case_get_status (work));
  g_autofree char *old_outcome = g_strdup (mp_case_get_outcome (work));
  gint64 now = mp_time_now ();
  gint64 id = mp_case_get_id (work);

  deadlines = mp_derive_case (self, work, now);

  if (g_strcmp0 (old_status, mp_case_get_status (work)) != 0 ||
      g_strcmp0 (old_outcome, mp_case_get_outcome (work)) != 0 ||
      mp_case_get_time (work, "created_at") == now)
    {
      g_autoptr(sqlite3_stmt) history = NULL;

      if (mp_case_is_closed (work) && mp_case_get_closed_at (work) == 0)
        mp_case_set_time (work, "closed_at", now);
      else if (!mp_case_is_closed (work))
        mp_case_set_time (work, "closed_at", 0);

      if (!(history = prepare (self, "INSERT INTO status_history (case_id, at, status, outcome, actor)"
                                     " VALUES (?, ?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (history, 1, id);
      sqlite3_bind_int64 (history, 2, now);
      sqlite3_bind_text (history, 3, mp_case_get_status (work), -1, SQLITE_TRANSIENT);
      bind_text_or_null (history, 4, mp_case_get_outcome (work));
      sqlite3_bind_text (history, 5, self->actor, -1, SQLITE_TRANSIENT);
      if (!step_done (self, history, error))
        return FALSE;
    }

  mp_case_set_time (work, "updated_at", now);
  if (!(update = prepare (self, "UPDATE cases SET status = ?, outcome = ?, severity = ?, next_due = ?,"
                                " next_due_kind = ?, closed_at = ?, updated_at = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (update, 1, mp_case_get_status (work), -1, SQLITE_TRANSIENT);
  bind_text_or_null (update, 2, mp_case_get_outcome (work));
  bind_text_or_null (update, 3, mp_case_get_severity (work));
  bind_time_or_null (update, 4, mp_case_get_next_due (work));
  bind_text_or_null (update, 5, mp_case_get_next_due_kind (work));
  bind_time_or_null (update, 6, mp_case_get_closed_at (work));
  sqlite3_bind_int64 (update, 7, now);
  sqlite3_bind_int64 (update, 8, id);
  if (!step_done (self, update, error))
    return FALSE;

  if (!(clear = prepare (self, "DELETE FROM deadlines WHERE case_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (clear, 1, id);
  if (!step_done (self, clear, error))
    return FALSE;

  for (guint i = 0; i < deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (deadlines, i);
      g_autoptr(sqlite3_stmt) insert = NULL;

      if (!(insert = prepare (self, "INSERT INTO deadlines (case_id, kind, due_at, met_at)"
                                    " VALUES (?, ?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_text (insert, 2, mp_deadline_get_kind (deadline), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 3, mp_deadline_get_due_at (deadline));
      bind_time_or_null (insert, 4, mp_deadline_get_met_at (deadline));
      if (!step_done (self, insert, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- loading -------------------------------------------------------------- */

#define CASE_COLUMNS \
  "c.id, c.reference, c.key_id, k.wrapped, c.status, c.outcome, c.title, c.received_at," \
  " c.channel, c.asset, c.report_encrypted, c.description, c.impact, c.reproduction, c.notes," \
  " c.severity, c.next_due, c.next_due_kind, c.created_at, c.updated_at, c.closed_at, c.erased_at," \
  " r.id, r.name, r.email, r.language, r.anonymous, r.wants_credit"

static const char * const case_text_columns[] = {
  "description", "impact", "reproduction", "notes",
};

static MpCase *
load_case_row (MpStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(MpCase) kase = mp_case_new ();
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gint64 key_id = sqlite3_column_int64 (stmt, 2);
  gint64 reporter_id = sqlite3_column_int64 (stmt, 22);
  g_autoptr(GBytes) wrapped = column_bytes (stmt, 3);

  if (key_id != 0 && wrapped != NULL &&
      !mp_vault_load_case_key (self->vault, key_id, wrapped, error))
    return NULL;
  if (wrapped == NULL)
    key_id = 0;

  _mp_case_set_id (kase, id);
  mp_case_set_text (kase, "reference", (const char *) sqlite3_column_text (stmt, 1));
  mp_case_set_text (kase, "status", (const char *) sqlite3_column_text (stmt, 4));
  mp_case_set_text (kase, "outcome", (const char *) sqlite3_column_text (stmt, 5));
  mp_case_set_text (kase, "title", (const char *) sqlite3_column_text (stmt, 6));
  mp_case_set_time (kase, "received_at", sqlite3_column_int64 (stmt, 7));
  mp_case_set_text (kase, "channel", (const char *) sqlite3_column_text (stmt, 8));
  mp_case_set_text (kase, "asset", (const char *) sqlite3_column_text (stmt, 9));
  mp_case_set_boolean (kase, "report_encrypted", sqlite3_column_int (stmt, 10));
  for (guint i = 0; i < G_N_ELEMENTS (case_text_columns); i++)
    {
      GError *local_error = NULL;
      g_autofree char *text = open_sealed_column (self, stmt, 11 + (int) i, key_id, "cases",
                                                  case_text_columns[i], id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      mp_case_set_text (kase, case_text_columns[i], text);
    }
  mp_case_set_text (kase, "severity", (const char *) sqlite3_column_text (stmt, 15));
  mp_case_set_time (kase, "next_due", sqlite3_column_int64 (stmt, 16));
  mp_case_set_text (kase, "next_due_kind", (const char *) sqlite3_column_text (stmt, 17));
  mp_case_set_time (kase, "created_at", sqlite3_column_int64 (stmt, 18));
  mp_case_set_time (kase, "updated_at", sqlite3_column_int64 (stmt, 19));
  mp_case_set_time (kase, "closed_at", sqlite3_column_int64 (stmt, 20));
  mp_case_set_time (kase, "erased_at", sqlite3_column_int64 (stmt, 21));

  if (reporter_id != 0)
    {
      GError *local_error = NULL;
      g_autofree char *name = open_sealed_column (self, stmt, 23, key_id, "reporters", "name",
                                                  reporter_id, &local_error);
      g_autofree char *email = NULL;

      if (local_error == NULL)
        email = open_sealed_column (self, stmt, 24, key_id, "reporters", "email",
                                    reporter_id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      mp_case_set_text (kase, "reporter_name", name);
      mp_case_set_text (kase, "reporter_email", email);
      mp_case_set_text (kase, "reporter_language", (const char *) sqlite3_column_text (stmt, 25));
      mp_case_set_boolean (kase, "reporter_anonymous", sqlite3_column_int (stmt, 26));
      mp_case_set_boolean (kase, "reporter_wants_credit", sqlite3_column_int (stmt, 27));
    }

  return g_steal_pointer (&kase);
}

static gint64
case_key_id (MpStore *self,
             gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT key_id FROM cases WHERE id = ?", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* The MpCaseAnswerLoader of the cases: reads the answers of @kase when they
 * are first asked for. Unlock leaves them out: they are some 30 a case, most
 * of the memory and time of loading a large desk, and the case list, search
 * and calendar never read them. */
static void
load_case_answers (MpCase   *kase,
                   gpointer  data)
{
  MpStore *self = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id = mp_case_get_id (kase);
  int rc;

  if (case_id == 0 || !mp_vault_is_unlocked (self->vault))
    return;
  /* One statement: outside a transaction each one takes and drops the
   * database's read lock, which costs more than reading the answers. */
  if (!(stmt = prepare (self, "SELECT a.id, a.item, a.value, a.value_sealed, a.note, a.actor,"
                              " a.answered_at, c.key_id"
                              " FROM answers a JOIN cases c ON c.id = a.case_id"
                              " WHERE a.case_id = ?", &error)))
    {
      g_warning ("Could not read the answers of case %" G_GINT64_FORMAT ": %s",
                 case_id, error->message);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 answer_id = sqlite3_column_int64 (stmt, 0);
      gint64 key_id = sqlite3_column_int64 (stmt, 7);
      MpAnswer *answer = g_new0 (MpAnswer, 1);

      answer->item = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      answer->value = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (answer->value == NULL)
        answer->value = open_sealed_column (self, stmt, 3, key_id, "answers", "value_sealed",
                                            answer_id, &error);
      if (error == NULL)
        answer->note = open_sealed_column (self, stmt, 4, key_id, "answers", "note", answer_id,
                                           &error);
      answer->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      answer->answered_at = sqlite3_column_int64 (stmt, 6);
      if (error != NULL)
        {
          mp_answer_free (answer);
          g_warning ("Could not read an answer of case %" G_GINT64_FORMAT ": %s",
                     case_id, error->message);
          return;
        }
      _mp_case_put_answer (kase, answer);
    }
  if (rc != SQLITE_DONE)
    g_warning ("Could not read the answers of case %" G_GINT64_FORMAT ": %s",
               case_id, sqlite3_errmsg (self->db));
}

/* Decrypts every case; runs in a worker thread during unlock. */
static GPtrArray *
load_cases (MpStore  *self,
            GError  **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MpCaseAnswerSource *source;
  int rc;

  if (!(stmt = prepare (self, "SELECT " CASE_COLUMNS " FROM cases c"
                              " LEFT JOIN case_keys k ON k.id = c.key_id"
                              " LEFT JOIN reporters r ON r.case_id = c.id"
                              " ORDER BY c.id", error)))
    return NULL;

  if (!_mp_store_exec (self->db, "BEGIN;", error))
    return NULL;

  /* The cases of an earlier unlock read no more answers from here. */
  if (self->answer_source != NULL)
    _mp_case_answer_source_detach (self->answer_source);
  g_clear_pointer (&self->answer_source, _mp_case_answer_source_unref);
  source = self->answer_source = _mp_case_answer_source_new (load_case_answers, self);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpCase *kase = load_case_row (self, stmt, error);

      if (kase == NULL)
        {
          rollback_write (self);
          return NULL;
        }
      _mp_case_set_answer_source (kase, source);
      g_ptr_array_add (cases, kase);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      rollback_write (self);
      return NULL;
    }

  _mp_store_exec (self->db, "COMMIT;", NULL);

  return g_steal_pointer (&cases);
}

static void
publish_cases (MpStore   *self,
               GPtrArray *cases)
{
  g_hash_table_remove_all (self->by_reference);
  for (guint i = 0; i < cases->len; i++)
    {
      MpCase *kase = g_ptr_array_index (cases, i);

      g_hash_table_insert (self->by_reference, (gpointer) mp_case_get_reference (kase), kase);
    }
  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       cases->pdata, cases->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

static gboolean
read_envelope (MpStore           *self,
               MpVaultEnvelope  **out,
               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MpVaultEnvelope) envelope = g_new0 (MpVaultEnvelope, 1);

  if (!(stmt = prepare (self, "SELECT kdf_opslimit, kdf_memlimit, kdf_alg, kdf_salt, master_sealed"
                              " FROM desk WHERE id = 1", error)))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                           _("This database has no desk yet; create one first."));
      return FALSE;
    }
  envelope->opslimit = sqlite3_column_int64 (stmt, 0);
  envelope->memlimit = sqlite3_column_int64 (stmt, 1);
  envelope->alg = sqlite3_column_int (stmt, 2);
  envelope->salt = column_bytes (stmt, 3);
  envelope->sealed = column_bytes (stmt, 4);
  if (envelope->salt == NULL || envelope->sealed == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The desk's key record is damaged; restore the database from a backup."));
      return FALSE;
    }
  *out = g_steal_pointer (&envelope);
  return TRUE;
}

/* ---- object --------------------------------------------------------------- */

static void
mp_store_finalize (GObject *object)
{
  MpStore *self = MP_STORE (object);

  if (self->answer_source != NULL)
    _mp_case_answer_source_detach (self->answer_source);
  g_clear_pointer (&self->answer_source, _mp_case_answer_source_unref);
  mp_vault_lock (self->vault);
  g_clear_object (&self->vault);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->by_reference, g_hash_table_unref);
  if (self->db != NULL)
    {
      G_LOCK (stores_by_db);
      g_hash_table_remove (stores_by_db, self->db);
      G_UNLOCK (stores_by_db);
    }
  g_clear_pointer (&self->stmt_cache, g_hash_table_unref);
  g_clear_pointer (&self->stmt_in_use, g_hash_table_unref);
  g_mutex_clear (&self->stmt_mutex);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->organisation);
  g_free (self->actor);

  G_OBJECT_CLASS (mp_store_parent_class)->finalize (object);
}

static void
mp_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  MpStore *self = MP_STORE (object);

  switch (prop_id)
    {
    case PROP_LOCKED:
      g_value_set_boolean (value, mp_store_is_locked (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_store_class_init (MpStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_store_finalize;
  object_class->get_property = mp_store_get_property;

  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpStore::case-changed:
   * @kase: the case whose stored data changed (fields, answers, timeline)
   */
  signals[CASE_CHANGED] =
    g_signal_new ("case-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MP_TYPE_CASE);
}

static void
mp_store_init (MpStore *self)
{
  const char *real_name = g_get_real_name ();

  self->vault = mp_vault_new ();
  g_mutex_init (&self->stmt_mutex);
  self->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->stmt_in_use = g_hash_table_new (NULL, NULL);
  self->cases = g_list_store_new (MP_TYPE_CASE);
  self->by_reference = g_hash_table_new (g_str_hash, g_str_equal);
  if (real_name == NULL || g_str_equal (real_name, "Unknown") || *real_name == '\0')
    real_name = g_get_user_name ();
  self->actor = g_strdup (real_name);
}

char *
mp_store_default_path (void)
{
  const char *env = g_getenv ("MELDPUNT_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "meldpunt", "meldpunt.db", NULL);
}

static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *file;
  gsize n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      if (errno == ENOENT)
        return TRUE;
      if (errno == EACCES)
        {
          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                       _("“%s” cannot be read: permission denied."), path);
          return FALSE;
        }
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                   _("“%s” cannot be opened: %s."), path, g_strerror (errno));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, file);
  fclose (file);

  /* An empty file becomes a new database; anything else must be SQLite. */
  if (n == 0)
    return TRUE;
  if (n < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Meldpunt database. It was not changed."), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_before_migration (MpStore  *self,
                         int       version,
                         GError  **error)
{
  g_autofree char *path = g_strdup_printf ("%s.v%d.bak", self->path, version);

  return mp_store_backup (self, path, error);
}

MpStore *
mp_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(MpStore) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *dir = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                           _("The encryption library could not start."));
      return NULL;
    }

  if (g_str_has_prefix (path, "/run/user/") && strstr (path, "/doc/") != NULL)
    {
      /* The document portal's FUSE mount breaks SQLite's locking. */
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                           _("The database cannot live in a shared-document folder; "
                             "choose a folder of your own."));
      return NULL;
    }

  if (!check_header (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                   _("The folder “%s” cannot be created: %s."), dir, g_strerror (errno));
      return NULL;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Only the desk's own account may read the file, encrypted or not. */
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);

      if (fd < 0)
        {
          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                       _("The database “%s” cannot be created: %s."), path, g_strerror (errno));
          return NULL;
        }
      close (fd);
    }

  self = g_object_new (MP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  G_LOCK (stores_by_db);
  if (stores_by_db == NULL)
    stores_by_db = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (stores_by_db, self->db, self);
  G_UNLOCK (stores_by_db);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  /* Read the version before anything writes: a newer database, a damaged
   * file or a read-only one must be left exactly as it is. */
  if (!(stmt = prepare (self, "PRAGMA user_version", error)))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, release_stmt);

  /* A negative version (there is no migration for it), or another
   * program's database (tables, but no version): not ours to change. */
  if (version == 0)
    {
      if (!(stmt = prepare (self, "SELECT count(*) FROM sqlite_master", error)))
        return NULL;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return NULL;
        }
      if (sqlite3_column_int (stmt, 0) > 0)
        version = -1;
      g_clear_pointer (&stmt, release_stmt);
    }
  if (version < 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Meldpunt database. It was not changed."), path);
      return NULL;
    }

  if (version > _mp_store_schema_version ())
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Meldpunt "
                     "(schema %d; this version knows up to %d). Update Meldpunt to open it; "
                     "the file was not changed."), version, _mp_store_schema_version ());
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") == 1 || g_access (path, W_OK) != 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                   _("“%s” is read-only. Meldpunt needs to write to it; "
                     "check the permissions of the file and its folder. Nothing was changed."),
                   path);
      return NULL;
    }

  /* A damaged file must never be written to, but reading every page takes
   * seconds for a large desk: open checks only when it is about to write to
   * the file itself (a migration, or a journal mode that is not yet WAL,
   * both rare); unlock checks before anything else writes. The schema was
   * read above, so a broken header or schema has already been refused. */
  if (version > 0)
    {
      g_autoptr(sqlite3_stmt) mode = NULL;
      gboolean wal;

      if (!(mode = prepare (self, "PRAGMA journal_mode", error)))
        return NULL;
      rc = sqlite3_step (mode);
      if (rc != SQLITE_ROW)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return NULL;
        }
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), "wal") == 0;
      if ((!wal || version < _mp_store_schema_version ()) && !check_integrity (self, error))
        return NULL;
    }
  else
    self->checked = TRUE;   /* a new, empty database */

  if (!_mp_store_exec (self->db,
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;"
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA secure_delete = ON;"
                       "PRAGMA cell_size_check = ON;"
                       /* Each write inside a batch is a savepoint, whose
                        * journal would otherwise be a temporary file written
                        * for every page it touches. */
                       "PRAGMA temp_store = MEMORY;", error))
    return NULL;

  if (version < _mp_store_schema_version ())
    {
      if (version > 0 && !backup_before_migration (self, version, error))
        return NULL;
      if (!_mp_store_migrate (self->db, version, error))
        return NULL;
    }

  if (!(stmt = prepare (self, "SELECT organisation FROM desk WHERE id = 1", error)))
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->initialised = TRUE;
      self->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }

  return g_steal_pointer (&self);
}

sqlite3 *
_mp_store_get_db (MpStore *self)
{
  return self->db;
}

const char *
mp_store_get_path (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  return self->path;
}

gboolean
mp_store_is_initialised (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  return self->initialised;
}

const char *
mp_store_get_organisation (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  return self->organisation;
}

gboolean
mp_store_initialise (MpStore     *self,
                     const char  *organisation,
                     const char  *passphrase,
                     GError     **error)
{
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (organisation != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (self->initialised)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_ALREADY_INITIALISED,
                           _("This database already holds a desk."));
      return FALSE;
    }

  name = g_strstrip (g_strdup (organisation));
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The organisation needs a name."));
      return FALSE;
    }

  envelope = mp_vault_create (self->vault, passphrase, error);
  if (envelope == NULL)
    return FALSE;

  if (!begin_write (self, error))
    goto fail;
  if (!(stmt = prepare (self, "INSERT INTO desk (id, organisation, created_at, kdf_opslimit,"
                              " kdf_memlimit, kdf_alg, kdf_salt, master_sealed)"
                              " VALUES (1, ?, ?, ?, ?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, mp_time_now ());
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) envelope->opslimit);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) envelope->memlimit);
  sqlite3_bind_int (stmt, 5, envelope->alg);
  sqlite3_bind_blob (stmt, 6, g_bytes_get_data (envelope->salt, NULL),
                     (int) g_bytes_get_size (envelope->salt), SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 7, g_bytes_get_data (envelope->sealed, NULL),
                     (int) g_bytes_get_size (envelope->sealed), SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error) ||
      !audit_append (self, NULL, "desk.create", "organisation", NULL, name, error) ||
      !commit_write (self, error))
    goto fail;

  self->initialised = TRUE;
  self->organisation = g_steal_pointer (&name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  return TRUE;

fail:
  rollback_write (self);
  mp_vault_lock (self->vault);
  return FALSE;
}

static GPtrArray *
unlock_and_load (MpStore     *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  GPtrArray *cases;

  if (!self->initialised)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                           _("This database has no desk yet; create one first."));
      return NULL;
    }
  /* Before anything is written: see check_integrity(). */
  if (!check_integrity (self, error) ||
      !read_envelope (self, &envelope, error) ||
      !mp_vault_unlock (self->vault, passphrase, envelope, error))
    return NULL;

  cases = load_cases (self, error);
  if (cases == NULL)
    mp_vault_lock (self->vault);
  return cases;
}

gboolean
mp_store_unlock (MpStore     *self,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  cases = unlock_and_load (self, passphrase, error);
  if (cases == NULL)
    return FALSE;
  publish_cases (self, cases);
  return TRUE;
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *cases = unlock_and_load (source_object, task_data, &error);

  if (cases == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cases, (GDestroyNotify) g_ptr_array_unref);
}

static void
free_passphrase (gpointer data)
{
  sodium_memzero (data, strlen (data));
  g_free (data);
}

void
mp_store_unlock_async (MpStore             *self,
                       const char          *passphrase,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MP_IS_STORE (self));
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_store_unlock_async);
  g_task_set_task_data (task, g_strdup (passphrase), free_passphrase);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
mp_store_unlock_finish (MpStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  cases = g_task_propagate_pointer (G_TASK (result), error);
  if (cases == NULL)
    return FALSE;
  publish_cases (self, cases);
  return TRUE;
}

void
mp_store_lock (MpStore *self)
{
  g_return_if_fail (MP_IS_STORE (self));

  if (self->answer_source != NULL)
    _mp_case_answer_source_detach (self->answer_source);
  mp_vault_lock (self->vault);
  g_hash_table_remove_all (self->by_reference);
  g_list_store_remove_all (self->cases);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

gboolean
mp_store_is_locked (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), TRUE);
  return !mp_vault_is_unlocked (self->vault);
}

gboolean
mp_store_change_passphrase (MpStore     *self,
                            const char  *new_passphrase,
                            GError     **error)
{
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (!require_unlocked (self, error))
    return FALSE;
  envelope = mp_vault_rewrap (self->vault, new_passphrase, error);
  if (envelope == NULL)
    return FALSE;

  if (!begin_write (self, error))
    return FALSE;
  if (!(stmt = prepare (self, "UPDATE desk SET kdf_opslimit = ?, kdf_memlimit = ?, kdf_alg = ?,"
                              " kdf_salt = ?, master_sealed = ? WHERE id = 1", error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) envelope->opslimit);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) envelope->memlimit);
  sqlite3_bind_int (stmt, 3, envelope->alg);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (envelope->salt, NULL),
                     (int) g_bytes_get_size (envelope->salt), SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 5, g_bytes_get_data (envelope->sealed, NULL),
                     (int) g_bytes_get_size (envelope->sealed), SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error) ||
      !audit_append (self, NULL, "desk.passphrase", NULL, NULL, NULL, error) ||
      !commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  rollback_write (self);
  return FALSE;
}

gboolean
mp_store_check_passphrase (MpStore     *self,
                           const char  *passphrase,
                           GError     **error)
{
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  g_autoptr(MpVault) vault = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  if (!read_envelope (self, &envelope, error))
    return FALSE;
  vault = mp_vault_new ();
  if (!mp_vault_unlock (vault, passphrase, envelope, error))
    return FALSE;
  mp_vault_lock (vault);
  return TRUE;
}

GBytes *
mp_store_export_key (MpStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  if (!require_unlocked (self, error))
    return NULL;
  return mp_vault_export_key (self->vault, error);
}

/* Whether the vault's key made the first audit entry (desk.create). */
static gboolean
key_fits (MpStore  *self,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *data = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];

  if (!(stmt = prepare (self, "SELECT id, at, actor, case_ref, action, field, old_fp, new_fp, mac"
                              " FROM audit WHERE id = 1", error)))
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      data = audit_serialise (1, sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 7));
      if (mp_vault_audit_mac (self->vault, data, strlen (data), NULL, mac, NULL) &&
          sqlite3_column_bytes (stmt, 8) == MP_VAULT_MAC_BYTES &&
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 8), MP_VAULT_MAC_BYTES) == 0)
        return TRUE;
    }
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE,
                       _("The stored key is not a key of this desk."));
  return FALSE;
}

gboolean
mp_store_unlock_with_key (MpStore     *self,
                          const char  *encoded_key,
                          GError     **error)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (encoded_key != NULL, FALSE);

  if (!self->initialised)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                           _("This database has no desk yet; create one first."));
      return FALSE;
    }
  /* Before anything is written: see check_integrity(). */
  if (!check_integrity (self, error) ||
      !mp_vault_unlock_with_key (self->vault, encoded_key, error))
    return FALSE;
  if (!key_fits (self, error) || (cases = load_cases (self, error)) == NULL)
    {
      mp_vault_lock (self->vault);
      return FALSE;
    }
  publish_cases (self, cases);
  return TRUE;
}

void
mp_store_set_actor (MpStore    *self,
                    const char *actor)
{
  g_return_if_fail (MP_IS_STORE (self));

  if (actor != NULL && *actor != '\0')
    {
      g_free (self->actor);
      self->actor = g_strdup (actor);
    }
}

const char *
mp_store_get_actor (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  return self->actor;
}

GListModel *
mp_store_get_cases (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  return G_LIST_MODEL (self->cases);
}

MpCase *
mp_store_find_case (MpStore    *self,
                    const char *reference)
{
  g_autofree char *upper = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  upper = g_ascii_strup (reference, -1);
  return g_hash_table_lookup (self->by_reference, upper);
}

/* ---- writes ----------------------------------------------------------- */

static char *
desk_year_of (MpStore *self,
              gint64   usec)
{
  g_autofree char *zone = mp_store_get_setting (self, "timezone");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone != NULL ? zone : "Europe/Amsterdam");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, tz);
  return g_strdup_printf ("%d", g_date_time_get_year (local));
}

static gboolean
write_case_texts (MpStore  *self,
                  MpCase   *work,
                  gint64    key_id,
                  gint64    reporter_id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) texts = NULL;
  g_autoptr(sqlite3_stmt) reporter = NULL;
  gint64 id = mp_case_get_id (work);

  if (!(texts = prepare (self, "UPDATE cases SET title = ?, received_at = ?, channel = ?, asset = ?,"
                               " report_encrypted = ?, description = ?, impact = ?, reproduction = ?,"
                               " notes = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (texts, 1, mp_case_get_title (work), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (texts, 2, mp_case_get_received_at (work));
  sqlite3_bind_text (texts, 3, mp_case_get_text (work, "channel"), -1, SQLITE_TRANSIENT);
  bind_text_or_null (texts, 4, mp_case_get_asset (work));
  sqlite3_bind_int (texts, 5, mp_case_get_boolean (work, "report_encrypted"));
  for (guint i = 0; i < G_N_ELEMENTS (case_text_columns); i++)
    if (!bind_sealed (self, texts, 6 + (int) i, key_id, "cases", case_text_columns[i], id,
                      mp_case_get_text (work, case_text_columns[i]), error))
      return FALSE;
  sqlite3_bind_int64 (texts, 10, id);
  if (!step_done (self, texts, error))
    return FALSE;

  if (!(reporter = prepare (self, "UPDATE reporters SET name = ?, email = ?, language = ?,"
                                  " anonymous = ?, wants_credit = ? WHERE id = ?", error)))
    return FALSE;
  if (!bind_sealed (self, reporter, 1, key_id, "reporters", "name", reporter_id,
                    mp_case_get_reporter_name (work), error) ||
      !bind_sealed (self, reporter, 2, key_id, "reporters", "email", reporter_id,
                    mp_case_get_reporter_email (work), error))
    return FALSE;
  sqlite3_bind_text (reporter, 3, mp_case_get_reporter_language (work), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (reporter, 4, mp_case_get_boolean (work, "reporter_anonymous"));
  sqlite3_bind_int (reporter, 5, mp_case_get_boolean (work, "reporter_wants_credit"));
  sqlite3_bind_int64 (reporter, 6, reporter_id);
  return step_done (self, reporter, error);
}

static gint64
insert_returning_id (MpStore     *self,
                     const char  *sql,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, sql, error);

  if (stmt == NULL || !step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

MpCase *
mp_store_add_case (MpStore  *self,
                   MpCase   *draft,
                   GError  **error)
{
  g_autoptr(MpCase) work = NULL;
  g_autoptr(sqlite3_stmt) seq_stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) key_stmt = NULL;
  g_autoptr(sqlite3_stmt) reporter = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *year = NULL;
  g_autofree char *reference = NULL;
  gint64 now = mp_time_now ();
  gint64 key_id = 0, case_id, reporter_id;
  gint64 seq = 1;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (draft), NULL);

  if (!require_unlocked (self, error))
    return NULL;
  if (mp_case_get_title (draft) == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("A case needs a title."));
      return NULL;
    }

  work = _mp_case_clone (draft);
  /* A draft may have cleared these; the desk's defaults apply then. */
  if (mp_case_get_reporter_language (work) == NULL)
    mp_case_set_text (work, "reporter_language", "nl");
  if (mp_case_get_text (work, "channel") == NULL)
    mp_case_set_text (work, "channel", "email");
  if (mp_case_get_received_at (work) == 0)
    mp_case_set_time (work, "received_at", now);
  mp_case_set_time (work, "created_at", now);
  mp_case_set_time (work, "updated_at", now);
  mp_case_set_time (work, "closed_at", 0);
  mp_case_set_time (work, "erased_at", 0);
  mp_case_set_text (work, "status", "intake");
  mp_case_set_text (work, "outcome", NULL);
  year = desk_year_of (self, mp_case_get_received_at (work));

  if (!begin_write (self, error))
    return NULL;

  if (!(seq_stmt = prepare (self, "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?", error)))
    goto fail;
  sqlite3_bind_int (seq_stmt, 1, atoi (year));
  if (sqlite3_step (seq_stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (seq_stmt, 0);
  reference = g_strdup_printf ("CVD-%s-%04" G_GINT64_FORMAT, year, seq);
  mp_case_set_text (work, "reference", reference);

  if (!(key_id = insert_returning_id (self, "INSERT INTO case_keys (wrapped) VALUES (x'')", error)))
    goto fail;
  if (!(wrapped = mp_vault_new_case_key (self->vault, key_id, error)))
    goto fail;
  if (!(key_stmt = prepare (self, "UPDATE case_keys SET wrapped = ? WHERE id = ?", error)))
    goto fail;
  sqlite3_bind_blob (key_stmt, 1, g_bytes_get_data (wrapped, NULL),
                     (int) g_bytes_get_size (wrapped), SQLITE_TRANSIENT);
  sqlite3_bind_int64 (key_stmt, 2, key_id);
  if (!step_done (self, key_stmt, error))
    goto fail;

  if (!(insert = prepare (self, "INSERT INTO cases (reference, year, seq, key_id, status, title,"
                                " received_at, channel, created_at, updated_at)"
                                " VALUES (?, ?, ?, ?, 'intake', '', 0, '', ?, ?)", error)))
    goto fail;
  sqlite3_bind_text (insert, 1, reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 2, atoi (year));
  sqlite3_bind_int64 (insert, 3, seq);
  sqlite3_bind_int64 (insert, 4, key_id);
  sqlite3_bind_int64 (insert, 5, now);
  sqlite3_bind_int64 (insert, 6, now);
  if (!step_done (self, insert, error))
    goto fail;
  case_id = sqlite3_last_insert_rowid (self->db);
  _mp_case_set_id (work, case_id);

  if (!(reporter = prepare (self, "INSERT INTO reporters (case_id) VALUES (?)", error)))
    goto fail;
  sqlite3_bind_int64 (reporter, 1, case_id);
  if (!step_done (self, reporter, error))
    goto fail;
  reporter_id = sqlite3_last_insert_rowid (self->db);

  if (!write_case_texts (self, work, key_id, reporter_id, error) ||
      !write_derived (self, work, error) ||
      !audit_append (self, reference, "case.create", NULL, NULL, NULL, error) ||
      !commit_write (self, error))
    goto fail;

  g_list_store_append (self->cases, work);
  g_hash_table_insert (self->by_reference, (gpointer) mp_case_get_reference (work), work);
  return g_steal_pointer (&work);

fail:
  rollback_write (self);
  if (key_id != 0)
    mp_vault_forget_case_key (self->vault, key_id);
  return NULL;
}

static gboolean
lookup_case_ids (MpStore  *self,
                 MpCase   *kase,
                 gint64   *key_id,
                 gint64   *reporter_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = prepare (self, "SELECT c.key_id, r.id FROM cases c"
                              " LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                   _("Case %s is not in the database."), mp_case_get_reference (kase));
      return FALSE;
    }
  *key_id = sqlite3_column_int64 (stmt, 0);
  *reporter_id = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
require_not_erased (MpCase  *kase,
                    GError **error)
{
  if (!mp_case_is_erased (kase))
    return TRUE;
  g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
               _("The confidential data of case %s was erased; it cannot be changed."),
               mp_case_get_reference (kase));
  return FALSE;
}

static void
finish_case_write (MpStore *self,
                   MpCase  *kase,
                   MpCase  *work)
{
  _mp_case_update_from (kase, work);
  g_signal_emit (self, signals[CASE_CHANGED], 0, kase);
}

gboolean
mp_store_update_case (MpStore     *self,
                      MpCase      *kase,
                      const char  *field,
                      const char  *value,
                      GError     **error)
{
  const MpCaseField *meta;
  g_autoptr(MpCase) work = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 key_id = 0, reporter_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!require_unlocked (self, error) || !require_not_erased (kase, error))
    return FALSE;

  meta = mp_case_lookup_field (field);
  if (meta == NULL || !meta->editable)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   meta == NULL ? _("There is no field “%s”.") : _("The field “%s” cannot be changed directly."),
                   field);
      return FALSE;
    }

  work = _mp_case_clone (kase);
  if (!mp_case_set_value_string (work, field, value, error))
    return FALSE;
  old_value = mp_case_dup_value_string (kase, field);
  new_value = mp_case_dup_value_string (work, field);
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  if (!begin_write (self, error))
    return FALSE;
  if (!lookup_case_ids (self, work, &key_id, &reporter_id, error) ||
      !write_case_texts (self, work, key_id, reporter_id, error) ||
      !write_derived (self, work, error) ||
      !audit_append (self, mp_case_get_reference (work), "case.set", field, old_value, new_value, error) ||
      !commit_write (self, error))
    {
      rollback_write (self);
      return FALSE;
    }

  finish_case_write (self, kase, work);
  return TRUE;
}

static gboolean
check_answer_text (const char  *value,
                   const char  *note,
                   GError     **error)
{
  if ((value != NULL && !g_utf8_validate (value, -1, NULL)) ||
      (note != NULL && !g_utf8_validate (note, -1, NULL)))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The answer is not valid UTF-8 text."));
      return FALSE;
    }
  return TRUE;
}

/* Puts one answer (value NULL: removes it) on @work and in the answers
 * table, with its audit entry; inside a write. */
static gboolean
write_answer (MpStore     *self,
              MpCase      *work,
              gint64       key_id,
              const char  *item,
              const char  *value,
              const char  *note,
              gint64       now,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  const MpAnswer *old;
  g_autofree char *old_value = NULL;
  gboolean sealed_value;
  gint64 answer_id = 0;

  if (note != NULL && *note == '\0')
    note = NULL;

  old = mp_case_get_answer (work, item);
  old_value = old != NULL ? g_strdup (old->value) : NULL;
  sealed_value = g_strv_contains (confidential_answers, item);

  if (value != NULL)
    {
      MpAnswer *answer = g_new0 (MpAnswer, 1);

      answer->item = g_strdup (item);
      answer->value = g_strdup (value);
      answer->note = g_strdup (note);
      answer->actor = g_strdup (self->actor);
      answer->answered_at = now;
      _mp_case_put_answer (work, answer);
    }
  else
    {
      g_autoptr(MpCase) rebuilt = mp_case_new ();
      g_autoptr(GPtrArray) items = mp_case_list_answers (work);

      /* Drop the one answer by rebuilding the set without it. */
      for (guint i = 0; i < items->len; i++)
        if (!g_str_equal (g_ptr_array_index (items, i), item))
          _mp_case_put_answer (rebuilt, mp_answer_copy (mp_case_get_answer (work, g_ptr_array_index (items, i))));
      _mp_case_clear_answers (work);
      g_clear_pointer (&items, g_ptr_array_unref);
      items = mp_case_list_answers (rebuilt);
      for (guint i = 0; i < items->len; i++)
        _mp_case_put_answer (work, mp_answer_copy (mp_case_get_answer (rebuilt, g_ptr_array_index (items, i))));
    }

  if (value == NULL)
    {
      if (!(write = prepare (self, "DELETE FROM answers WHERE case_id = ? AND item = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (write, 1, mp_case_get_id (work));
      sqlite3_bind_text (write, 2, item, -1, SQLITE_TRANSIENT);
      if (!step_done (self, write, error))
        return FALSE;
    }
  else
    {
      if (!(find = prepare (self, "INSERT INTO answers (case_id, item, actor, answered_at)"
                                  " VALUES (?, ?, ?, ?) ON CONFLICT (case_id, item)"
                                  " DO UPDATE SET actor = excluded.actor,"
                                  " answered_at = excluded.answered_at RETURNING id", error)))
        return FALSE;
      sqlite3_bind_int64 (find, 1, mp_case_get_id (work));
      sqlite3_bind_text (find, 2, item, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 3, self->actor, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (find, 4, now);
      if (sqlite3_step (find) != SQLITE_ROW)
        {
          _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
          return FALSE;
        }
      answer_id = sqlite3_column_int64 (find, 0);
      g_clear_pointer (&find, release_stmt);

      if (!(write = prepare (self, "UPDATE answers SET value = ?, value_sealed = ?, note = ?"
                                   " WHERE id = ?", error)))
        return FALSE;
      bind_text_or_null (write, 1, sealed_value ? NULL : value);
      if (!bind_sealed (self, write, 2, key_id, "answers", "value_sealed", answer_id,
                        sealed_value ? value : NULL, error) ||
          !bind_sealed (self, write, 3, key_id, "answers", "note", answer_id, note, error))
        return FALSE;
      sqlite3_bind_int64 (write, 4, answer_id);
      if (!step_done (self, write, error))
        return FALSE;
    }

  return audit_append (self, mp_case_get_reference (work), "answer", item, old_value, value, error);
}

gboolean
mp_store_set_answer (MpStore     *self,
                     MpCase      *kase,
                     const char  *item,
                     const char  *value,
                     const char  *note,
                     GError     **error)
{
  const char * const items[] = { item, NULL };
  const char * const values[] = { value, NULL };
  const char * const notes[] = { note, NULL };

  g_return_val_if_fail (item != NULL, FALSE);

  return mp_store_set_answers (self, kase, items, values, notes, error);
}

gboolean
mp_store_set_answers (MpStore            *self,
                      MpCase             *kase,
                      const char * const *items,
                      const char * const *values,
                      const char * const *notes,
                      GError            **error)
{
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (items != NULL && values != NULL, FALSE);

  if (!require_unlocked (self, error) || !require_not_erased (kase, error))
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    if (!check_answer_text (values[i], notes != NULL ? notes[i] : NULL, error))
      return FALSE;

  work = _mp_case_clone (kase);
  if (!begin_write (self, error))
    return FALSE;
  if (!lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  for (guint i = 0; items[i] != NULL; i++)
    if (!write_answer (self, work, key_id, items[i], values[i], notes != NULL ? notes[i] : NULL,
                       now, error))
      goto fail;
  if (!write_derived (self, work, error) ||
      !commit_write (self, error))
    goto fail;

  finish_case_write (self, kase, work);
  return TRUE;

fail:
  rollback_write (self);
  return FALSE;
}

/* Derives every case again into @works (clones, in model order); inside a
 * write. */
static gboolean
rederive_cases (MpStore    *self,
                GPtrArray  *works,
                GError    **error)
{
  guint n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);
      MpCase *work = _mp_case_clone (kase);

      g_ptr_array_add (works, work);
      if (!write_derived (self, work, error))
        return FALSE;
    }
  return TRUE;
}

/* After the write committed: the cases take their new derived state. */
static void
publish_rederived (MpStore   *self,
                   GPtrArray *works)
{
  for (guint i = 0; i < works->len; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      finish_case_write (self, kase, g_ptr_array_index (works, i));
    }
}

gboolean
mp_store_refresh_derived (MpStore  *self,
                          GError  **error)
{
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!require_unlocked (self, error) || !begin_write (self, error))
    return FALSE;
  if (!rederive_cases (self, works, error) ||
      !audit_append (self, NULL, "derive.refresh", NULL, NULL, NULL, error) ||
      !commit_write (self, error))
    {
      rollback_write (self);
      return FALSE;
    }
  publish_rederived (self, works);
  return TRUE;
}

gboolean
mp_store_add_event (MpStore     *self,
                    MpCase      *kase,
                    const char  *kind,
                    const char  *summary,
                    const char  *body,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) seal = NULL;
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0, event_id;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (kind != NULL && summary != NULL, FALSE);

  if (!require_unlocked (self, error) || !require_not_erased (kase, error))
    return FALSE;

  work = _mp_case_clone (kase);
  if (!begin_write (self, error))
    return FALSE;
  if (!lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  if (!(insert = prepare (self, "INSERT INTO events (case_id, at, kind, actor, summary)"
                                " VALUES (?, ?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_int64 (insert, 1, mp_case_get_id (work));
  sqlite3_bind_int64 (insert, 2, mp_time_now ());
  sqlite3_bind_text (insert, 3, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, summary, -1, SQLITE_TRANSIENT);
  if (!step_done (self, insert, error))
    goto fail;
  event_id = sqlite3_last_insert_rowid (self->db);

  if (body != NULL)
    {
      if (!(seal = prepare (self, "UPDATE events SET body = ? WHERE id = ?", error)) ||
          !bind_sealed (self, seal, 1, key_id, "events", "body", event_id, body, error))
        goto fail;
      sqlite3_bind_int64 (seal, 2, event_id);
      if (!step_done (self, seal, error))
        goto fail;
    }

  if (!write_derived (self, work, error) ||
      !audit_append (self, mp_case_get_reference (work), "event", kind, NULL, body, error) ||
      !commit_write (self, error))
    goto fail;

  finish_case_write (self, kase, work);
  return TRUE;

fail:
  rollback_write (self);
  return FALSE;
}

GHashTable *
mp_store_list_answer_values (MpStore             *self,
                             const char * const  *items,
                             GError             **error)
{
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT case_id, item, value FROM answers"
                                         " WHERE value IS NOT NULL AND value_sealed IS NULL"
                                         " AND item IN (");
  guint n_items;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  if (!require_unlocked (self, error))
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_hash_table_unref);
  n_items = g_strv_length ((char **) items);
  if (n_items == 0)
    return g_steal_pointer (&table);
  for (guint i = 0; i < n_items; i++)
    g_string_append (sql, i == 0 ? "?" : ", ?");
  g_string_append (sql, ")");

  if (!(stmt = prepare (self, sql->str, error)))
    return NULL;
  for (guint i = 0; i < n_items; i++)
    sqlite3_bind_text (stmt, i + 1, items[i], -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 case_id = sqlite3_column_int64 (stmt, 0);
      const char *item = (const char *) sqlite3_column_text (stmt, 1);
      const char *value = (const char *) sqlite3_column_text (stmt, 2);
      GHashTable *values;

      if (g_strv_contains (confidential_answers, item))
        continue;
      values = g_hash_table_lookup (table, &case_id);
      if (values == NULL)
        {
          values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (table, g_memdup2 (&case_id, sizeof case_id), values);
        }
      g_hash_table_insert (values, g_strdup (item), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return g_steal_pointer (&table);
}

GListModel *
mp_store_list_events (MpStore  *self,
                      MpCase   *kase,
                      GError  **error)
{
  g_autoptr(GListStore) events = g_list_store_new (MP_TYPE_EVENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 key_id;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!require_unlocked (self, error))
    return NULL;
  key_id = case_key_id (self, mp_case_get_id (kase));
  if (!(stmt = prepare (self, "SELECT id, at, kind, actor, summary, body FROM events"
                              " WHERE case_id = ? ORDER BY at, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GError *local_error = NULL;
      g_autofree char *body = open_sealed_column (self, stmt, 5, key_id, "events", "body", id,
                                                  &local_error);
      g_autoptr(MpEvent) event = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      event = mp_event_new (id, sqlite3_column_int64 (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4), body);
      g_list_store_append (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&events));
}

GListModel *
mp_store_list_status_history (MpStore  *self,
                              MpCase   *kase,
                              GError  **error)
{
  g_autoptr(GListStore) history = g_list_store_new (MP_TYPE_EVENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!(stmt = prepare (self, "SELECT id, at, status, actor, outcome FROM status_history"
                              " WHERE case_id = ? ORDER BY at, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MpEvent) event = mp_event_new (sqlite3_column_int64 (stmt, 0),
                                               sqlite3_column_int64 (stmt, 1), "status",
                                               (const char *) sqlite3_column_text (stmt, 3),
                                               (const char *) sqlite3_column_text (stmt, 2),
                                               (const char *) sqlite3_column_text (stmt, 4));
      g_list_store_append (history, event);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&history));
}

GListModel *
mp_store_list_attachments (MpStore  *self,
                           MpCase   *kase,
                           GError  **error)
{
  g_autoptr(GListStore) attachments = g_list_store_new (MP_TYPE_ATTACHMENT);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 key_id;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!require_unlocked (self, error))
    return NULL;
  key_id = case_key_id (self, mp_case_get_id (kase));
  if (!(stmt = prepare (self, "SELECT id, added_at, name, mime_type, size FROM attachments"
                              " WHERE case_id = ? ORDER BY id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GError *local_error = NULL;
      g_autofree char *name = open_sealed_column (self, stmt, 2, key_id, "attachments", "name", id,
                                                  &local_error);
      g_autoptr(MpAttachment) attachment = NULL;

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      attachment = mp_attachment_new (id, mp_case_get_id (kase), sqlite3_column_int64 (stmt, 1),
                                      name, (const char *) sqlite3_column_text (stmt, 3),
                                      sqlite3_column_int64 (stmt, 4));
      g_list_store_append (attachments, attachment);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&attachments));
}

MpAttachment *
mp_store_add_attachment (MpStore     *self,
                         MpCase      *kase,
                         const char  *name,
                         const char  *mime_type,
                         GBytes      *content,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) seal = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *checksum = NULL;
  gint64 key_id = 0, reporter_id = 0, id;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);
  g_return_val_if_fail (name != NULL && content != NULL, NULL);

  if (!require_unlocked (self, error) || !require_not_erased (kase, error))
    return NULL;
  if (mime_type == NULL)
    mime_type = "application/octet-stream";

  if (!begin_write (self, error))
    return NULL;
  if (!lookup_case_ids (self, kase, &key_id, &reporter_id, error))
    goto fail;
  if (!(insert = prepare (self, "INSERT INTO attachments (case_id, added_at, mime_type, size)"
                                " VALUES (?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_int64 (insert, 1, mp_case_get_id (kase));
  sqlite3_bind_int64 (insert, 2, now);
  sqlite3_bind_text (insert, 3, mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 4, (sqlite3_int64) g_bytes_get_size (content));
  if (!step_done (self, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  sealed = mp_vault_seal_stream (self->vault, key_id, "attachments", id, content, error);
  if (sealed == NULL)
    goto fail;
  if (!(seal = prepare (self, "UPDATE attachments SET name = ?, content = ? WHERE id = ?", error)) ||
      !bind_sealed (self, seal, 1, key_id, "attachments", "name", id, name, error))
    goto fail;
  sqlite3_bind_blob64 (seal, 2, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                       SQLITE_TRANSIENT);
  sqlite3_bind_int64 (seal, 3, id);
  if (!step_done (self, seal, error))
    goto fail;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  if (!audit_append (self, mp_case_get_reference (kase), "attachment.add", NULL, NULL, checksum, error) ||
      !commit_write (self, error))
    goto fail;

  g_signal_emit (self, signals[CASE_CHANGED], 0, kase);
  return mp_attachment_new (id, mp_case_get_id (kase), now, name, mime_type,
                            (gint64) g_bytes_get_size (content));

fail:
  rollback_write (self);
  return NULL;
}

GBytes *
mp_store_read_attachment (MpStore       *self,
                          MpAttachment  *attachment,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 key_id;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_ATTACHMENT (attachment), NULL);

  if (!require_unlocked (self, error))
    return NULL;
  key_id = case_key_id (self, mp_attachment_get_case_id (attachment));
  if (!(stmt = prepare (self, "SELECT content FROM attachments WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_attachment_get_id (attachment));
  if (sqlite3_step (stmt) != SQLITE_ROW || key_id == 0 ||
      (sealed = column_bytes (stmt, 0)) == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
                           _("The attachment's contents are no longer stored."));
      return NULL;
    }
  return mp_vault_open_stream (self->vault, key_id, "attachments", mp_attachment_get_id (attachment),
                               sealed, error);
}

GListModel *
mp_store_list_deadlines (MpStore  *self,
                         MpCase   *kase,
                         GError  **error)
{
  g_autoptr(GListStore) deadlines = g_list_store_new (MP_TYPE_DEADLINE);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (kase == NULL || MP_IS_CASE (kase), NULL);

  if (!(stmt = prepare (self, kase != NULL
                                ? "SELECT c.reference, d.kind, d.due_at, d.met_at FROM deadlines d"
                                  " JOIN cases c ON c.id = d.case_id WHERE d.case_id = ? ORDER BY d.due_at"
                                : "SELECT c.reference, d.kind, d.due_at, d.met_at FROM deadlines d"
                                  " JOIN cases c ON c.id = d.case_id WHERE c.status <> 'closed'"
                                  " OR (d.kind = 'data-deletion' AND d.met_at IS NULL)"
                                  " ORDER BY d.due_at", error)))
    return NULL;
  if (kase != NULL)
    sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(MpDeadline) deadline = mp_deadline_new ((const char *) sqlite3_column_text (stmt, 0),
                                                        (const char *) sqlite3_column_text (stmt, 1),
                                                        sqlite3_column_int64 (stmt, 2),
                                                        sqlite3_column_int64 (stmt, 3));
      g_list_store_append (deadlines, deadline);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&deadlines));
}

char *
mp_store_get_setting (MpStore    *self,
                      const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = prepare (self, "SELECT value FROM settings WHERE key = ?", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
mp_store_set_setting (MpStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *old_value = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!require_unlocked (self, error))
    return FALSE;
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The setting is not valid UTF-8 text."));
      return FALSE;
    }

  old_value = mp_store_get_setting (self, key);
  if (!begin_write (self, error))
    return FALSE;
  if (!(stmt = prepare (self, value != NULL
                                ? "INSERT INTO settings (key, value) VALUES (?, ?)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                : "DELETE FROM settings WHERE key = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  /* The policy is settings: deadlines and status follow it in the same
   * write, so that they are never stale. */
  if (!step_done (self, stmt, error) ||
      (g_strcmp0 (old_value, value) != 0 && !rederive_cases (self, works, error)) ||
      !audit_append (self, NULL, "setting", key, old_value, value, error) ||
      !commit_write (self, error))
    goto fail;
  publish_rederived (self, works);
  return TRUE;

fail:
  rollback_write (self);
  return FALSE;
}

/* Whether the head record names @count entries ending in @head: the chain
 * was not cut short. An unlocked desk has at least its desk.create entry. */
static gboolean
audit_check_head (MpStore       *self,
                  guint          count,
                  const guint8  *head,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *seal = NULL;
  char head_hex[MP_VAULT_MAC_BYTES * 2 + 1] = "";
  g_autofree char *number = g_strdup_printf ("%u", count + 1);
  gint64 recorded;

  if (!(stmt = prepare (self, "SELECT value FROM settings WHERE key = '" AUDIT_HEAD_KEY "'", error)))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || count == 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                   _("The record of the last audit entry is missing: audit entries from "
                     "entry %s on may have been removed."), number);
      return FALSE;
    }
  parts = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), " ", 0);
  if (head != NULL)
    sodium_bin2hex (head_hex, sizeof head_hex, head, MP_VAULT_MAC_BYTES);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64, &recorded, NULL) ||
      !(seal = audit_head_seal (self, recorded, parts[1], error)) ||
      strlen (seal) != strlen (parts[2]) ||
      sodium_memcmp (seal, parts[2], strlen (seal)) != 0)
    {
      g_clear_error (error);
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The record of the last audit entry was changed."));
      return FALSE;
    }
  if (recorded != count || g_strcmp0 (parts[1], head_hex) != 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                   _("The audit trail ends before its last entry: audit entries from "
                     "entry %s on were removed or replaced."), number);
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_store_verify_audit (MpStore  *self,
                       guint    *n_entries,
                       char    **head,
                       gint64   *first_bad,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 previous[MP_VAULT_MAC_BYTES];
  gboolean has_previous = FALSE;
  gint64 expected_id = 1;
  guint count = 0;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!require_unlocked (self, error))
    return FALSE;
  if (!(stmt = prepare (self, "SELECT id, at, actor, case_ref, action, field, old_fp, new_fp, mac"
                              " FROM audit ORDER BY id", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *data = NULL;
      guint8 mac[MP_VAULT_MAC_BYTES];

      if (id != expected_id)
        {
          if (first_bad != NULL)
            *first_bad = expected_id;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, expected_id);

          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                       _("Audit entry %s is missing."), number);
          return FALSE;
        }

      data = audit_serialise (id, sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 7));
      if (!mp_vault_audit_mac (self->vault, data, strlen (data), has_previous ? previous : NULL,
                               mac, error))
        return FALSE;
      if (sqlite3_column_bytes (stmt, 8) != MP_VAULT_MAC_BYTES ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 8), MP_VAULT_MAC_BYTES) != 0)
        {
          if (first_bad != NULL)
            *first_bad = id;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                       _("Audit entry %s was changed, or an entry before it "
                         "was removed or reordered."), number);
          return FALSE;
        }
      memcpy (previous, mac, sizeof mac);
      has_previous = TRUE;
      expected_id++;
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }

  if (!audit_check_head (self, count, has_previous ? previous : NULL, error))
    {
      if (first_bad != NULL)
        *first_bad = (gint64) count + 1;
      return FALSE;
    }

  if (n_entries != NULL)
    *n_entries = count;
  if (head != NULL)
    {
      char hex[MP_VAULT_MAC_BYTES * 2 + 1] = "";

      if (has_previous)
        sodium_bin2hex (hex, sizeof hex, previous, sizeof previous);
      *head = g_strdup (hex);
    }
  return TRUE;
}

gboolean
mp_store_begin_batch (MpStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 0, FALSE);

  if (!require_unlocked (self, error) || !check_integrity (self, error) ||
      !_mp_store_exec (self->db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  /* A batch is one large transaction: with SQLite's default 2 MiB page cache
   * its dirty pages spill to the WAL again and again (a demo of 1,000 cases
   * spent a third of its time in pwrite). The cache only grows as used. */
  sqlite3_exec (self->db, "PRAGMA cache_size = " BATCH_CACHE_SIZE ";", NULL, NULL, NULL);
  self->batch_depth = 1;
  return TRUE;
}

static void
end_batch_cache (MpStore *self)
{
  sqlite3_exec (self->db, "PRAGMA cache_size = " DEFAULT_CACHE_SIZE ";", NULL, NULL, NULL);
}

gboolean
mp_store_end_batch (MpStore  *self,
                    GError  **error)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 1, FALSE);

  self->batch_depth = 0;
  if (_mp_store_exec (self->db, "COMMIT;", error))
    {
      end_batch_cache (self);
      return TRUE;
    }

  /* Nothing of the batch was kept: make the models agree with the file again. */
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  end_batch_cache (self);
  cases = load_cases (self, NULL);
  if (cases != NULL)
    publish_cases (self, cases);
  return FALSE;
}

gboolean
mp_store_erase_case (MpStore  *self,
                     MpCase   *kase,
                     GError  **error)
{
  static const char * const statements[] = {
    "UPDATE cases SET description = NULL, impact = NULL, reproduction = NULL, notes = NULL,"
    " erased_at = ?2, updated_at = ?2 WHERE id = ?1",
    "UPDATE reporters SET name = NULL, email = NULL WHERE case_id = ?1",
    "UPDATE answers SET note = NULL, value_sealed = NULL,"
    " value = CASE WHEN value_sealed IS NULL THEN value ELSE '' END WHERE case_id = ?1",
    "UPDATE events SET body = NULL WHERE case_id = ?1",
    "UPDATE attachments SET name = NULL, content = NULL WHERE case_id = ?1",
    "DELETE FROM case_keys WHERE id = (SELECT key_id FROM cases WHERE id = ?1)",
  };
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  if (!require_unlocked (self, error))
    return FALSE;
  if (!mp_case_is_closed (kase))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("Case %s is still open; only a closed case's data can be erased."),
                   mp_case_get_reference (kase));
      return FALSE;
    }
  if (mp_case_is_erased (kase))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
                   _("The confidential data of case %s was already erased."),
                   mp_case_get_reference (kase));
      return FALSE;
    }
  if (self->batch_depth > 0)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                           _("Erasing cannot be part of a batch of changes."));
      return FALSE;
    }

  work = _mp_case_clone (kase);
  if (!begin_write (self, error))
    return FALSE;
  if (!lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare (self, statements[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, mp_case_get_id (work));
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, now);
      if (!step_done (self, stmt, error))
        goto fail;
    }

  /* The answers' confidential values go; the decisions themselves stay. */
  {
    g_autoptr(GPtrArray) items = mp_case_list_answers (work);

    for (guint i = 0; i < items->len; i++)
      {
        MpAnswer *answer = mp_answer_copy (mp_case_get_answer (work, g_ptr_array_index (items, i)));

        g_clear_pointer (&answer->note, g_free);
        if (g_strv_contains (confidential_answers, answer->item))
          {
            g_free (answer->value);
            answer->value = g_strdup ("");
          }
        _mp_case_put_answer (work, answer);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (case_text_columns); i++)
    mp_case_set_text (work, case_text_columns[i], NULL);
  mp_case_set_text (work, "reporter_name", NULL);
  mp_case_set_text (work, "reporter_email", NULL);
  mp_case_set_time (work, "erased_at", now);

  if (!write_derived (self, work, error) ||
      !audit_append (self, mp_case_get_reference (work), "case.erase", NULL, NULL, NULL, error) ||
      !commit_write (self, error))
    goto fail;

  mp_vault_forget_case_key (self->vault, key_id);
  /* Copy the zeroed pages into the file and empty the WAL, so that no
   * earlier version of a page survives there. */
  sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  finish_case_write (self, kase, work);
  return TRUE;

fail:
  rollback_write (self);
  return FALSE;
}

void
mp_store_abort_batch (MpStore *self)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_if_fail (MP_IS_STORE (self));
  g_return_if_fail (self->batch_depth == 1);

  self->batch_depth = 0;
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  end_batch_cache (self);
  /* Cases added inside the batch are in the models already: reload them. */
  cases = load_cases (self, NULL);
  if (cases != NULL)
    publish_cases (self, cases);
}

gboolean
mp_store_in_batch (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  return self->batch_depth > 0;
}
