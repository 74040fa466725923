/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <sqlite3.h>
#include <sys/types.h>

#include "mp-store.h"
#include "mp-store-rules.h"

/* How long a connection waits for another program's lock. */
#define MP_STORE_BUSY_TIMEOUT_MS 5000

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
/* Refuses (MP_STORE_ERROR_CORRUPT) a schema that is not exactly the one
 * the migrations make: an extra trigger, view, table or index, or one
 * changed, was put there by someone else. */
gboolean  _mp_store_check_schema       (sqlite3             *db,
                                        GError             **error);
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
/* TESTS ONLY: @hook runs inside mp_store_restore() between keeping the
 * desk at @path aside and putting the backup in its place. */
void      _mp_store_set_restore_hook   (void     (*hook) (const char *path,
                                                         gpointer    data),
                                        gpointer   data);
/* The erasure ledger and the backups the desk made (mp-store-erasure.c).
 * _mp_store_erase_case_rows() (mp-store-cases.c) destroys a case's key and
 * ciphertexts in @db without reading them; the caller holds a write
 * transaction. _mp_store_reapply_erasures() erases in the file at
 * @restored_path every case @live's ledger names and merges the ledger. */
gboolean  _mp_store_erase_case_rows    (sqlite3     *db,
                                        gint64       case_id,
                                        gint64       erased_at,
                                        GError     **error);
gboolean  _mp_store_record_erasure     (sqlite3     *db,
                                        const char  *reference,
                                        gint64       erased_at,
                                        GError     **error);
gboolean  _mp_store_reapply_erasures   (sqlite3     *live,
                                        const char  *restored_path,
                                        GError     **error);
gboolean  _mp_store_record_backup      (MpStore     *self,
                                        const char  *path,
                                        GError     **error);
/* Master-key rotation (mp-store-unlock.c): inside the caller's write
 * transaction, a new master key with every wrapped key re-wrapped under it
 * (and, with @new_passphrase, a new envelope); then, after the commit or
 * the rollback, _mp_store_finish_rotation(). Without @new_passphrase it
 * does nothing (and returns TRUE) when the desk has no box key yet. */
gboolean  _mp_store_rotate_master_key  (MpStore     *self,
                                        const char  *new_passphrase,
                                        gboolean    *rotated,
                                        GError     **error);
void      _mp_store_finish_rotation    (MpStore     *self,
                                        gboolean     committed);
void      _mp_store_emit_key_changed   (MpStore     *self);
/* Deletes the backups made before migrating @path (`PATH.vN.bak`, N below
 * @version) once @path, re-opened, is a sound desk of schema @version. */
void      _mp_store_forget_migration_backups (const char *path,
                                              int         version);

/* The store's parts share its instance and these helpers: mp-store.c
 * (object, open, statements, settings, batches), mp-store-unlock.c,
 * mp-store-audit.c, mp-store-cases.c and mp-store-records.c. */
struct _MpStore
{
  GObject      parent_instance;

  GThread      *owner_thread;   /* where the store was made: its signals go there */
  GMainContext *owner_context;

  char        *path;
  sqlite3     *db;
  guint64      file_dev;       /* the desk file as opened: a write to a file */
  guint64      file_ino;       /* moved, deleted or replaced is refused */
  MpVault     *vault;
  char        *organisation;
  char        *actor;
  gboolean     initialised;
  /* The file this store created at open, while no desk is set up in it:
   * removed again at close, so that starting the application and leaving
   * it at the welcome page leaves no desk file behind. */
  gboolean     created_file;
  dev_t        created_dev;
  ino_t        created_ino;
  gboolean     checked;        /* quick_check found every page sound */
  /* The quick_check that unlock starts on its own read-only connection;
   * see _mp_store_start_integrity_check(). */
  GMutex       check_mutex;
  GThread     *check_thread;
  GMutex       check_db_mutex;
  sqlite3     *check_db;       /* the thread's connection while it runs */
  gboolean     check_cancelled; /* the store goes: do not start checking */
  gint         check_done;     /* atomic: the thread has its verdict */
  int          check_rc;       /* its verdict: SQLITE_OK, or what failed */
  guint        batch_depth;
  gboolean     erase_pending;  /* an erase's WAL frames still wait to be copied out */
  gint64       key_generation; /* desk.key_generation as this store's master key knows it */
  MpVaultEnvelope *pending_upgrade; /* a v2 envelope to store after an unlock */
  MpCaseAnswerSource *answer_source;  /* of the cases of the last unlock */

  GMutex       stmt_mutex;
  GHashTable  *stmt_cache;     /* SQL text -> prepared statement */
  GHashTable  *stmt_in_use;    /* statements handed out */

  GListStore  *cases;
  GHashTable  *by_reference;   /* reference -> MpCase (borrowed) */

  /* The policy parsed from the settings, for deriving inside every write;
   * NULL: read it again. See mp_store_get_policy(). */
  MpPolicy    *policy;
  gint64       policy_data_version;
  gboolean     batch_changed_policy;   /* the open batch wrote a policy setting */

  /* Kept views of the cases, made on first use (mp-store-rules.c). */
  MpRewardLedger   *reward_ledger;
  MpDuplicateIndex *duplicate_index;

  /* Inside a batch, which holds the write lock throughout: the last audit
   * entry, so that the next need not read it back, and whether the head
   * record (written once, at the end of the batch) lags behind it. */
  gboolean     audit_last_known;
  gint64       audit_last_id;
  guint8       audit_last_mac[MP_VAULT_MAC_BYTES];
  gboolean     audit_head_pending;

  /* Freshness of the whole file (mp-store-freshness.c): the last committed
   * head, to be recorded outside the file; and, when unlock found the file
   * behind that record, how many entries it had seen and found. */
  gboolean     head_staged;     /* a write wrote the head record */
  gint64       fresh_count;
  char        *fresh_head;
  gboolean     fresh_dirty;     /* not yet recorded outside */
  gint64       fresh_written_at;
  gint64       rollback_seen;   /* > 0: the file is rolled back */
  gint64       rollback_found;
};

/* ---- mp-store.c --------------------------------------------------------- */

/* Statements are cached per SQL text: release them with
 * _mp_store_release_stmt() (g_autoptr(sqlite3_stmt) does), never with
 * sqlite3_finalize(). */
sqlite3_stmt *_mp_store_prepare             (MpStore       *self,
                                             const char    *sql,
                                             GError       **error);
void          _mp_store_release_stmt        (sqlite3_stmt  *stmt);
gboolean      _mp_store_step_done           (MpStore       *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
void          _mp_store_bind_text_or_null   (sqlite3_stmt  *stmt,
                                             int            index,
                                             const char    *text);
void          _mp_store_bind_time_or_null   (sqlite3_stmt  *stmt,
                                             int            index,
                                             gint64         usec);
GBytes       *_mp_store_column_bytes        (sqlite3_stmt  *stmt,
                                             int            index);
/* quick_check once, before the first write; see mp-store.c. Waits for
 * the check that _mp_store_start_integrity_check() started, if any. */
gboolean      _mp_store_check_integrity     (MpStore       *self,
                                             GError       **error);
/* Starts the quick_check in a thread of its own, unless it ran already. */
void          _mp_store_start_integrity_check (MpStore     *self);
void          _mp_store_cancel_integrity_check (MpStore    *self);
/* Makes SQLite's locks ones that no other close() in the process can
 * release (see mp-store-locks.c); TRUE when they are. */
gboolean      _mp_store_install_locks       (void);
/* Refuses (MP_STORE_ERROR_REPLACED) when the desk file is no longer the
 * file this store opened. */
gboolean      _mp_store_check_file          (MpStore       *self,
                                             GError       **error);
/* Copies every frame of the WAL into the file and empties it, so that no
 * earlier version of an erased page survives there; TRUE when it did. */
gboolean      _mp_store_finish_erase        (MpStore       *self);
/* A write: one transaction, or a savepoint inside a batch. */
gboolean      _mp_store_begin_write         (MpStore       *self,
                                             GError       **error);
gboolean      _mp_store_commit_write        (MpStore       *self,
                                             GError       **error);
void          _mp_store_rollback_write      (MpStore       *self);
gboolean      _mp_store_require_unlocked    (MpStore       *self,
                                             GError       **error);
gboolean      _mp_store_bind_sealed         (MpStore       *self,
                                             sqlite3_stmt  *stmt,
                                             int            index,
                                             gint64         key_id,
                                             const char    *table,
                                             const char    *column,
                                             gint64         row_id,
                                             const char    *text,
                                             GError       **error);
char         *_mp_store_open_sealed_column  (MpStore       *self,
                                             sqlite3_stmt  *stmt,
                                             int            index,
                                             gint64         key_id,
                                             const char    *table,
                                             const char    *column,
                                             gint64         row_id,
                                             GError       **error);
void          _mp_store_notify_locked       (MpStore       *self);
/* Settings changed (or a write that changed them was undone). */
void          _mp_store_forget_policy       (MpStore       *self);
void          _mp_store_emit_case_changed   (MpStore       *self,
                                             MpCase        *kase);
gboolean      _mp_store_write_rules_version (MpStore       *self,
                                             guint          version,
                                             GError       **error);
void          _mp_store_rederive_if_stale   (MpStore       *self);
/* Test hook: writes @status as @kase's stored status (without deriving)
 * and @rules_version as the version the desk's derived state was written
 * with, as an older Meldpunt would have left them. The case object is not
 * changed. */
gboolean      _mp_store_set_stale_derived   (MpStore       *self,
                                             MpCase        *kase,
                                             const char    *status,
                                             guint          rules_version,
                                             GError       **error);
void          _mp_store_init_views          (MpStore       *self);
void          _mp_store_clear_views         (MpStore       *self);
void          _mp_store_update_views        (MpStore       *self,
                                             MpCase        *kase);

/* ---- mp-store-secrets.c ------------------------------------------------ */

/* Inside a write: a new key for one of the desk's own secrets, wrapped and
 * stored in case_keys. Returns: its id, or 0 with @error set. */
gint64        _mp_store_new_secret_key      (MpStore       *self,
                                             GError       **error);
/* Inside a write: destroys every key in case_keys that no case and no desk
 * secret uses any more, so that what it sealed cannot be opened. */
gboolean      _mp_store_destroy_unused_keys (MpStore       *self,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, _mp_store_release_stmt)

/* ---- mp-store-unlock.c -------------------------------------------------- */

GPtrArray    *_mp_store_load_cases          (MpStore       *self,
                                             GError       **error);
void          _mp_store_publish_cases       (MpStore       *self,
                                             GPtrArray     *cases);

/* ---- mp-store-audit.c --------------------------------------------------- */

/* Appends an entry to the audit chain; call inside the write's transaction. */
gboolean      _mp_store_audit_append        (MpStore       *self,
                                             const char    *case_ref,
                                             const char    *action,
                                             const char    *field,
                                             const char    *old_value,
                                             const char    *new_value,
                                             GError       **error);
gboolean      _mp_store_audit_key_fits      (MpStore       *self,
                                             GError       **error);
/* Inside a batch: writes the head record the batch's entries left pending;
 * call before the batch commits. */
gboolean      _mp_store_audit_flush_head    (MpStore       *self,
                                             GError       **error);
/* The batch (or a write inside it) was rolled back: forget what
 * _mp_store_audit_append() remembered. */
void          _mp_store_audit_forget_last   (MpStore       *self);

/* The settings that hold the audit's head record ("COUNT HEAD SEAL") and
 * the desk's random id (hex), both readable before unlock. */
#define MP_STORE_AUDIT_HEAD_KEY "audit.head"
#define MP_STORE_DESK_ID_KEY    "audit.desk-id"

/* The keyed fingerprint an audit entry of @case_ref (NULL: of no case)
 * stores for @value; also for tests. Returns: (transfer full) (nullable) */
char         *_mp_store_audit_fingerprint   (MpStore       *self,
                                             const char    *case_ref,
                                             const char    *value);
/* What the audit trail stores as the field of an entry: for an entry of a
 * case, a keyed fingerprint of the field's name as for values ("c:HEX" or
 * "d:HEX"); for one of the desk (a setting's key), the name itself. */
char         *_mp_store_audit_field_tag     (MpStore       *self,
                                             const char    *case_ref,
                                             const char    *field);
/* The head record's entry count and head (hex), if its seal holds. */
gboolean      _mp_store_audit_read_head     (MpStore       *self,
                                             gint64        *count,
                                             char         **head);

/* ---- mp-store-freshness.c ----------------------------------------------- */

/* The desk's id; with @create, makes one inside the open write if the
 * desk has none yet. Returns: (transfer full) (nullable) */
char         *_mp_store_freshness_get_desk_id (MpStore     *self,
                                               gboolean     create,
                                               GError     **error);
/* A write committed (top level): record its head outside the file, now
 * or a little later (@now: after a batch). */
void          _mp_store_freshness_committed (MpStore       *self,
                                             gboolean       now);
/* Records what is still pending outside the file (lock, close). */
void          _mp_store_freshness_flush     (MpStore       *self);
/* At unlock: compares the file's head with the record outside it. */
void          _mp_store_freshness_check     (MpStore       *self);
/* The audit trail verified with @found entries: notes a rollback if the
 * record outside the file has seen more. */
void          _mp_store_freshness_note_seen (MpStore       *self,
                                             gint64         found);
/* After a restore: the restored file's head is this desk's state now. */
void          _mp_store_freshness_adopt     (const char    *database_path);

/* ---- mp-store-cases.c --------------------------------------------------- */

gboolean      _mp_store_write_derived       (MpStore       *self,
                                             MpCase        *work,
                                             GError       **error);
gboolean      _mp_store_rederive_cases      (MpStore       *self,
                                             GPtrArray     *works,
                                             GError       **error);
void          _mp_store_publish_rederived   (MpStore       *self,
                                             GPtrArray     *works);
gboolean      _mp_store_lookup_case_ids     (MpStore       *self,
                                             MpCase        *kase,
                                             gint64        *key_id,
                                             gint64        *reporter_id,
                                             GError       **error);
gboolean      _mp_store_require_not_erased  (MpCase        *kase,
                                             GError       **error);
void          _mp_store_finish_case_write   (MpStore       *self,
                                             MpCase        *kase,
                                             MpCase        *work);

/* ---- mp-store-seal.c ---------------------------------------------------- */

GPtrArray    *_mp_store_case_get_deadlines  (MpCase        *kase);
typedef void (*MpStoreDeadlineFunc) (const char *kind,
                                     gint64      due_at,
                                     gint64      met_at,
                                     gpointer    data);
void          _mp_store_case_foreach_deadline (MpCase             *kase,
                                               MpStoreDeadlineFunc fn,
                                               gpointer            data);
void          _mp_store_case_set_deadlines  (MpCase        *kase,
                                             GPtrArray     *deadlines);
gboolean      _mp_store_case_lookup_value   (MpCase        *kase,
                                             const char    *item,
                                             const char   **value);
void          _mp_store_case_take_state     (MpCase        *kase,
                                             MpCase        *work);
void          _mp_store_mark_damaged        (MpCase        *kase,
                                             const char    *detail);
/* MP_STORE_ERROR_DAMAGED when @kase (or the store's case of its
 * reference) is damaged. */
gboolean      _mp_store_require_not_damaged (MpStore       *self,
                                             MpCase        *kase,
                                             GError       **error);
GBytes       *_mp_store_case_record_serialise (MpCase      *kase,
                                               GPtrArray   *deadlines);
gboolean      _mp_store_case_record_apply   (MpCase        *kase,
                                             GBytes        *plain);
gboolean      _mp_store_open_case_record    (MpStore       *self,
                                             MpCase        *kase,
                                             gint64         key_id,
                                             const guint8  *wrapped,
                                             gsize          wrapped_len,
                                             gint64         version,
                                             const guint8  *sealed,
                                             gsize          sealed_len,
                                             GError       **error);
gboolean      _mp_store_seal_case_set       (MpStore       *self,
                                             gint64         case_id,
                                             gint64         key_id,
                                             GError       **error);
gboolean      _mp_store_check_case_set      (MpStore       *self,
                                             MpCase        *kase,
                                             gint64         key_id,
                                             GError       **error);
gboolean      _mp_store_write_case_record   (MpStore       *self,
                                             MpCase        *work,
                                             gint64         key_id,
                                             GPtrArray     *deadlines,
                                             GError       **error);
/* @value: (transfer floating): a floating value is sunk and consumed, a
 * non-floating one only borrowed; the caller keeps its own reference. */
gint64        _mp_store_add_sealed_row      (MpStore       *self,
                                             const char    *table,
                                             gint64         case_id,
                                             gint64         key_id,
                                             GVariant      *value,
                                             GError       **error);
gboolean      _mp_store_rewrite_sealed_row  (MpStore       *self,
                                             const char    *table,
                                             gint64         row_id,
                                             gint64         key_id,
                                             GVariant      *value,
                                             GError       **error);
gboolean      _mp_store_answer_tag          (MpStore       *self,
                                             gint64         key_id,
                                             const char    *item,
                                             guint8         tag[MP_VAULT_MAC_BYTES],
                                             GError       **error);
gboolean      _mp_store_put_answer_row      (MpStore       *self,
                                             gint64         case_id,
                                             gint64         key_id,
                                             const char    *item,
                                             GVariant      *value,
                                             GError       **error);
gboolean      _mp_store_delete_answer_row   (MpStore       *self,
                                             gint64         case_id,
                                             gint64         key_id,
                                             const char    *item,
                                             GError       **error);
GVariant     *_mp_store_answer_to_variant   (const MpAnswer *answer);
GVariant     *_mp_store_open_sealed_row     (MpStore       *self,
                                             sqlite3_stmt  *stmt,
                                             const char    *table,
                                             gint64         key_id,
                                             const GVariantType *type,
                                             GError       **error);
GPtrArray    *_mp_store_read_case_rows      (MpStore       *self,
                                             MpCase        *kase,
                                             gint64         key_id,
                                             const char    *table,
                                             const GVariantType *type,
                                             GError       **error);
/* Seals what a desk of schema version 4 kept in clear (the JSON that
 * migration 5 left, rows of version 0), in one write, then wipes the
 * plaintext from the file; at unlock, before the cases load. */
gboolean      _mp_store_seal_legacy         (MpStore       *self,
                                             GError       **error);
/* A new case key, wrapped and stored; inside a write. */
gint64        _mp_store_new_case_key        (MpStore       *self,
                                             GError       **error);

#define MP_STORE_ANSWER_TYPE  ((const GVariantType *) "(smsmssx)")
#define MP_STORE_EVENT_TYPE   ((const GVariantType *) "(xsssms)")
#define MP_STORE_STATUS_TYPE  ((const GVariantType *) "(xsmss)")
#define MP_STORE_ATTACHMENT_TYPE ((const GVariantType *) "(xmssx)")

G_END_DECLS
