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
#include "mp-policy.h"
#include "mp-store-private.h"

/* The store: the object, opening and creating a desk, the statement cache
 * and the helpers every part of the store writes with, settings and
 * batches. Unlocking and loading the cases are in mp-store-unlock.c, the
 * audit chain in mp-store-audit.c, case writes in mp-store-cases.c, the
 * records of a case in mp-store-records.c, backups in mp-store-backup.c. */

/* Page cache in KiB (negative: see PRAGMA cache_size): SQLite's default, and
 * the larger one of a batch. */
#define DEFAULT_CACHE_SIZE "-2000"
#define BATCH_CACHE_SIZE "-131072"

G_DEFINE_FINAL_TYPE (MpStore, mp_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOCKED,
  N_PROPS
};

enum {
  CASE_CHANGED,
  POLICY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- statements ------------------------------------------------------- */

/* Statements are prepared once per SQL text and kept: preparing anew on
 * every write was half the cost of a write. A statement already in use
 * (a nested query of the same text) gets a fresh one, finalized when
 * released. Release with _mp_store_release_stmt(), which g_autoptr(sqlite3_stmt)
 * does; it finds the owning store through the connection. */
G_LOCK_DEFINE_STATIC (stores_by_db);
static GHashTable *stores_by_db;   /* sqlite3 * -> MpStore * (not owned) */

sqlite3_stmt *
_mp_store_prepare (MpStore     *self,
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

void
_mp_store_release_stmt (sqlite3_stmt *stmt)
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

gboolean
_mp_store_step_done (MpStore       *self,
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

void
_mp_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_mp_store_bind_time_or_null (sqlite3_stmt *stmt,
                             int           index,
                             gint64        usec)
{
  if (usec != 0)
    sqlite3_bind_int64 (stmt, index, usec);
  else
    sqlite3_bind_null (stmt, index);
}

GBytes *
_mp_store_column_bytes (sqlite3_stmt *stmt,
                        int           index)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    return NULL;
  return g_bytes_new (sqlite3_column_blob (stmt, index), sqlite3_column_bytes (stmt, index));
}

/* Runs one statement of @sql through the statement cache: a batch of
 * thousands of writes parsed its SAVEPOINT and RELEASE again each time. */
static gboolean
exec_cached (MpStore     *self,
             const char  *sql,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, sql, error);

  return stmt != NULL && _mp_store_step_done (self, stmt, error);
}

static gboolean
file_id (const char *path,
         guint64    *dev,
         guint64    *ino)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return FALSE;
  *dev = st.st_dev;
  *ino = st.st_ino;
  return TRUE;
}

/* A desk file moved away, deleted or replaced by another program while it
 * was open: whatever is written now goes into a file nobody will open
 * again, so nothing is written. */
gboolean
_mp_store_check_file (MpStore  *self,
                      GError  **error)
{
  guint64 dev, ino;

  if (file_id (self->path, &dev, &ino) && dev == self->file_dev && ino == self->file_ino)
    return TRUE;
  g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_REPLACED,
               _("The desk file “%s” was moved, deleted or replaced by another program while "
                 "Meldpunt had it open. To keep that file intact, nothing more is written to it; "
                 "close the desk and open the file where it now is."), self->path);
  return FALSE;
}

/* Every write is one BEGIN IMMEDIATE transaction; inside a batch it is a
 * savepoint of the batch's transaction instead. */
gboolean
_mp_store_begin_write (MpStore  *self,
                       GError  **error)
{
  if (self->batch_depth > 0)
    return exec_cached (self, "SAVEPOINT write", error);
  if (!_mp_store_check_file (self, error) || !_mp_store_check_integrity (self, error))
    return FALSE;
  return _mp_store_exec (self->db, "BEGIN IMMEDIATE;", error);
}

gboolean
_mp_store_finish_erase (MpStore *self)
{
  int n_log = -1, n_copied = -1;
  int rc;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &n_log, &n_copied);
  /* TRUNCATE leaves an empty log: 0 and 0 (or -1 and -1 in a file that is
   * not in WAL mode). Anything else is a reader that holds old frames. */
  self->erase_pending = rc != SQLITE_OK || n_log != n_copied || n_log > 0;
  return !self->erase_pending;
}

gboolean
mp_store_has_erase_pending (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  return self->erase_pending && !_mp_store_finish_erase (self);
}

gboolean
_mp_store_commit_write (MpStore  *self,
                        GError  **error)
{
  if (self->batch_depth > 0)
    return exec_cached (self, "RELEASE write", error);
  if (_mp_store_exec (self->db, "COMMIT;", error))
    {
      if (self->erase_pending)
        _mp_store_finish_erase (self);
      _mp_store_freshness_committed (self, FALSE);
      return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

void
_mp_store_rollback_write (MpStore *self)
{
  /* The write may have changed settings that are now undone, and its
   * audit entries are gone. */
  _mp_store_forget_policy (self);
  _mp_store_audit_forget_last (self);
  if (self->batch_depth > 0)
    sqlite3_exec (self->db, "ROLLBACK TO write; RELEASE write;", NULL, NULL, NULL);
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
}

gboolean
_mp_store_require_unlocked (MpStore  *self,
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

gboolean
_mp_store_bind_sealed (MpStore       *self,
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

char *
_mp_store_open_sealed_column (MpStore       *self,
                              sqlite3_stmt  *stmt,
                              int            index,
                              gint64         key_id,
                              const char    *table,
                              const char    *column,
                              gint64         row_id,
                              GError       **error)
{
  g_autoptr(GBytes) sealed = _mp_store_column_bytes (stmt, index);
  g_autoptr(GBytes) plain = NULL;

  if (sealed == NULL || key_id == 0)
    return NULL;
  plain = mp_vault_open (self->vault, key_id, table, column, row_id, sealed, error);
  if (plain == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
}

/* ---- object --------------------------------------------------------------- */

/* Whether the file at @self's path is still the one this store created and
 * holds no desk (nobody set one up in it, from this process or another). */
static gboolean
created_file_is_unused (MpStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GStatBuf info;
  gboolean unused = FALSE;

  if (!self->created_file || self->initialised || self->db == NULL)
    return FALSE;
  if (g_stat (self->path, &info) != 0 || info.st_dev != self->created_dev ||
      info.st_ino != self->created_ino)
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM desk", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    unused = sqlite3_column_int (stmt, 0) == 0;
  return unused;
}

static void
remove_created_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
mp_store_finalize (GObject *object)
{
  MpStore *self = MP_STORE (object);
  gboolean remove_file = FALSE;

  _mp_store_cancel_integrity_check (self);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_mutex_clear (&self->check_mutex);
  g_mutex_clear (&self->check_db_mutex);
  if (self->answer_source != NULL)
    _mp_case_answer_source_detach (self->answer_source);
  g_clear_pointer (&self->answer_source, _mp_case_answer_source_unref);
  g_clear_pointer (&self->policy, mp_policy_unref);
  _mp_store_clear_views (self);
  mp_vault_lock (self->vault);
  g_clear_object (&self->vault);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->by_reference, g_hash_table_unref);
  if (self->db != NULL)
    {
      G_LOCK (stores_by_db);
      /* NULL when the first store of the process failed to open */
      if (stores_by_db != NULL)
        g_hash_table_remove (stores_by_db, self->db);
      G_UNLOCK (stores_by_db);
    }
  g_clear_pointer (&self->stmt_cache, g_hash_table_unref);
  g_clear_pointer (&self->stmt_in_use, g_hash_table_unref);
  g_mutex_clear (&self->stmt_mutex);
  if (self->db != NULL && self->erase_pending)
    _mp_store_finish_erase (self);
  _mp_store_freshness_flush (self);
  g_clear_pointer (&self->fresh_head, g_free);
  remove_file = created_file_is_unused (self);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  if (remove_file)
    remove_created_file (self->path);
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

  /**
   * MpStore::policy-changed:
   *
   * The desk's policy (mp_store_get_policy()) changed: a policy setting or
   * the organisation (desk.name's default) was written through this store.
   */
  signals[POLICY_CHANGED] =
    g_signal_new ("policy-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mp_store_init (MpStore *self)
{
  const char *real_name = g_get_real_name ();

  self->owner_thread = g_thread_self ();
  self->owner_context = g_main_context_ref_thread_default ();
  self->vault = mp_vault_new ();
  g_mutex_init (&self->stmt_mutex);
  g_mutex_init (&self->check_mutex);
  g_mutex_init (&self->check_db_mutex);
  self->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->stmt_in_use = g_hash_table_new (NULL, NULL);
  self->cases = g_list_store_new (MP_TYPE_CASE);
  _mp_store_init_views (self);
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
  gboolean created = FALSE;
  dev_t created_dev = 0;
  ino_t created_ino = 0;
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
      GStatBuf info;

      if (fd < 0)
        {
          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                       _("The database “%s” cannot be created: %s."), path, g_strerror (errno));
          return NULL;
        }
      close (fd);
      if (g_stat (path, &info) == 0)
        {
          created = TRUE;
          created_dev = info.st_dev;
          created_ino = info.st_ino;
        }
    }

  _mp_store_install_locks ();
  self = g_object_new (MP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->created_file = created;
  self->created_dev = created_dev;
  self->created_ino = created_ino;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  /* Nothing in the file is trusted: no writes to the schema or pages by
   * SQL, no functions with side effects from its views or triggers. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  if (!file_id (path, &self->file_dev, &self->file_ino))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                   _("“%s” cannot be opened: %s."), path, g_strerror (errno));
      return NULL;
    }
  G_LOCK (stores_by_db);
  if (stores_by_db == NULL)
    stores_by_db = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (stores_by_db, self->db, self);
  G_UNLOCK (stores_by_db);
  sqlite3_busy_timeout (self->db, MP_STORE_BUSY_TIMEOUT_MS);

  /* Read the version before anything writes: a newer database, a damaged
   * file or a read-only one must be left exactly as it is. */
  if (!(stmt = _mp_store_prepare (self, "PRAGMA user_version", error)))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, _mp_store_release_stmt);

  /* A negative version (there is no migration for it), or another
   * program's database (tables, but no version): not ours to change. */
  if (version == 0)
    {
      if (!(stmt = _mp_store_prepare (self, "SELECT count(*) FROM sqlite_master", error)))
        return NULL;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return NULL;
        }
      if (sqlite3_column_int (stmt, 0) > 0)
        version = -1;
      g_clear_pointer (&stmt, _mp_store_release_stmt);
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

      if (!(mode = _mp_store_prepare (self, "PRAGMA journal_mode", error)))
        return NULL;
      rc = sqlite3_step (mode);
      if (rc != SQLITE_ROW)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return NULL;
        }
      wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), "wal") == 0;
      if ((!wal || version < _mp_store_schema_version ()) && !_mp_store_check_integrity (self, error))
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
  if (!_mp_store_check_schema (self->db, error))
    return NULL;

  if (!(stmt = _mp_store_prepare (self, "SELECT organisation FROM desk WHERE id = 1", error)))
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

static void
emit_initialised (MpStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
  g_signal_emit (self, signals[POLICY_CHANGED], 0);
}

static gboolean
emit_initialised_cb (gpointer data)
{
  emit_initialised (data);
  return G_SOURCE_REMOVE;
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

  if (!_mp_store_begin_write (self, error))
    goto fail;
  if (!(stmt = _mp_store_prepare (self, "INSERT INTO desk (id, organisation, created_at, kdf_opslimit,"
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
  if (!_mp_store_step_done (self, stmt, error) ||
      !_mp_store_write_rules_version (self, MP_DERIVE_RULES_VERSION, error) ||
      !_mp_store_audit_append (self, NULL, "desk.create", "organisation", NULL, name, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  self->initialised = TRUE;
  self->organisation = g_steal_pointer (&name);
  _mp_store_forget_policy (self);   /* the desk's name defaults to it */
  /* Key derivation makes callers initialise in a worker thread (the
   * welcome page); the store's listeners are widgets: tell them in the
   * thread that made the store, before the caller's own completion. */
  if (g_thread_self () == self->owner_thread)
    emit_initialised (self);
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_HIGH);
      g_source_set_callback (source, emit_initialised_cb, g_object_ref (self), g_object_unref);
      g_source_attach (source, self->owner_context);
    }
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  mp_vault_lock (self->vault);
  return FALSE;
}

void
_mp_store_notify_locked (MpStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
}

void
_mp_store_emit_case_changed (MpStore *self,
                             MpCase  *kase)
{
  _mp_store_update_views (self, kase);
  g_signal_emit (self, signals[CASE_CHANGED], 0, kase);
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

char *
mp_store_get_setting (MpStore    *self,
                      const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = _mp_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL)))
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

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The setting is not valid UTF-8 text."));
      return FALSE;
    }

  old_value = mp_store_get_setting (self, key);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!(stmt = _mp_store_prepare (self, value != NULL
                                          ? "INSERT INTO settings (key, value) VALUES (?, ?)"
                                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                          : "DELETE FROM settings WHERE key = ?", error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  /* The policy is settings: deadlines and status follow it in the same
   * write, so that they are never stale. */
  if (!_mp_store_step_done (self, stmt, error))
    goto fail;
  _mp_store_forget_policy (self);
  if ((g_strcmp0 (old_value, value) != 0 && !_mp_store_rederive_cases (self, works, error)) ||
      !_mp_store_audit_append (self, NULL, "setting", key, old_value, value, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  _mp_store_publish_rederived (self, works);
  if (g_strcmp0 (old_value, value) != 0 && mp_policy_is_key (key))
    {
      /* Undoing the batch undoes the change: that is announced too. */
      self->batch_changed_policy = self->batch_depth > 0;
      g_signal_emit (self, signals[POLICY_CHANGED], 0);
    }
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

gboolean
mp_store_begin_batch (MpStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 0, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_check_integrity (self, error) ||
      !_mp_store_exec (self->db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  _mp_store_audit_forget_last (self);
  self->audit_head_pending = FALSE;
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

/* A batch that changed the policy was undone: the policy is the one
 * before it again. */
static void
emit_policy_undone (MpStore *self)
{
  if (!self->batch_changed_policy)
    return;
  self->batch_changed_policy = FALSE;
  g_signal_emit (self, signals[POLICY_CHANGED], 0);
}

gboolean
mp_store_end_batch (MpStore  *self,
                    GError  **error)
{
  g_autoptr(GPtrArray) cases = NULL;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->batch_depth == 1, FALSE);

  /* The head record is still inside the batch (batch_depth > 0). */
  if (_mp_store_audit_flush_head (self, error))
    {
      self->batch_depth = 0;
      if (_mp_store_exec (self->db, "COMMIT;", error))
        {
          end_batch_cache (self);
          _mp_store_audit_forget_last (self);
          self->batch_changed_policy = FALSE;
          _mp_store_freshness_committed (self, TRUE);
          return TRUE;
        }
    }
  self->batch_depth = 0;
  _mp_store_audit_forget_last (self);
  self->audit_head_pending = FALSE;

  /* Nothing of the batch was kept: make the models agree with the file again. */
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  _mp_store_forget_policy (self);
  end_batch_cache (self);
  cases = _mp_store_load_cases (self, NULL);
  if (cases != NULL)
    _mp_store_publish_cases (self, cases);
  emit_policy_undone (self);
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
  _mp_store_forget_policy (self);
  _mp_store_audit_forget_last (self);
  self->audit_head_pending = FALSE;
  end_batch_cache (self);
  /* Cases added inside the batch are in the models already: reload them. */
  cases = _mp_store_load_cases (self, NULL);
  if (cases != NULL)
    _mp_store_publish_cases (self, cases);
  emit_policy_undone (self);
}

gboolean
mp_store_in_batch (MpStore *self)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  return self->batch_depth > 0;
}
