/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* Unlocking, locking and the passphrase; unlock decrypts every case into
 * the store's model (their answers when first asked for). */

#define CASE_COLUMNS "c.id, c.reference, c.key_id, k.wrapped, c.version, c.record," \
  " (SELECT e.erased_at FROM erasures e WHERE e.reference = c.reference)"

/* A case from its row: its record opened, or, when it does not open, its
 * reference alone, marked damaged (the rest of the desk still opens). */
static MpCase *
load_case_row (MpStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(MpCase) kase = mp_case_new ();
  g_autoptr(GError) local_error = NULL;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gint64 key_id = sqlite3_column_int64 (stmt, 2);
  const guint8 *wrapped = sqlite3_column_blob (stmt, 3);
  gsize wrapped_len = wrapped != NULL ? (gsize) sqlite3_column_bytes (stmt, 3) : 0;

  _mp_case_set_id (kase, id);
  mp_case_set_text (kase, "reference", (const char *) sqlite3_column_text (stmt, 1));
  /* A case erased by a restore's ledger (_mp_store_erase_case_rows()):
   * nothing of it is left to open, and that is no damage. */
  if ((key_id == 0 || wrapped_len == 0 || sqlite3_column_type (stmt, 5) == SQLITE_NULL) &&
      sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      gint64 erased_at = sqlite3_column_int64 (stmt, 6);

      /* Translators: the title of a case of which nothing is left but its
       * reference: it was erased in a later copy of the desk */
      mp_case_set_text (kase, "title", _("Erased"));
      mp_case_set_text (kase, "status", "closed");
      mp_case_set_time (kase, "closed_at", erased_at);
      mp_case_set_time (kase, "erased_at", erased_at);
      return g_steal_pointer (&kase);
    }
  if (key_id == 0 || wrapped_len == 0)
    local_error = g_error_new_literal (MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                                       _("its key is missing"));
  else
    _mp_store_open_case_record (self, kase, key_id, wrapped, wrapped_len,
                                sqlite3_column_int64 (stmt, 4), sqlite3_column_blob (stmt, 5),
                                (gsize) sqlite3_column_bytes (stmt, 5), &local_error);
  if (local_error != NULL)
    {
      g_autoptr(MpCase) bare = mp_case_new ();

      if (g_error_matches (local_error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Nothing of the record is trusted: the reference alone. */
      _mp_case_set_id (bare, id);
      mp_case_set_text (bare, "reference", (const char *) sqlite3_column_text (stmt, 1));
      mp_case_set_text (bare, "status", "intake");
      _mp_store_mark_damaged (bare, g_error_matches (local_error, MP_VAULT_ERROR,
                                                     MP_VAULT_ERROR_TAMPERED)
                                      ? _("its record does not open") : local_error->message);
      return g_steal_pointer (&bare);
    }
  return g_steal_pointer (&kase);
}

/* The MpCaseAnswerLoader of the cases: reads the answers of @kase when they
 * are first asked for. Unlock leaves them out: they are some 30 a case, most
 * of the memory and time of loading a large desk, and the case list, search
 * and calendar never read them. A row that does not open, or a record set
 * whose MAC fails, marks the case damaged (and read-only): the answers that
 * opened are kept, so that nothing is silently dropped by a later write. */
static void
load_case_answers (MpCase   *kase,
                   gpointer  data)
{
  MpStore *self = data;
  g_autoptr(sqlite3_stmt) key = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 case_id = mp_case_get_id (kase);
  gint64 key_id;
  int rc;

  if (case_id == 0 || !mp_vault_is_unlocked (self->vault) ||
      mp_store_get_case_damage (self, kase) != NULL)
    return;
  if (!(key = _mp_store_prepare (self, "SELECT key_id FROM cases WHERE id = ?", &error)))
    goto fail;
  sqlite3_bind_int64 (key, 1, case_id);
  key_id = sqlite3_step (key) == SQLITE_ROW ? sqlite3_column_int64 (key, 0) : 0;
  g_clear_pointer (&key, _mp_store_release_stmt);
  /* Erased by a restore's ledger: nothing is left to read. */
  if (key_id == 0 && mp_case_is_erased (kase))
    return;
  if (!_mp_store_check_case_set (self, kase, key_id, &error))
    goto fail;
  if (!(stmt = _mp_store_prepare (self, "SELECT id, version, sealed FROM answers WHERE case_id = ?",
                                  &error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, case_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GVariant) value = NULL;
      g_autoptr(GError) row_error = NULL;
      MpAnswer *answer;

      value = _mp_store_open_sealed_row (self, stmt, "answers", key_id, MP_STORE_ANSWER_TYPE,
                                         &row_error);
      if (value == NULL)
        {
          g_autofree char *detail = g_strdup_printf (_("an answer: %s"), row_error->message);

          _mp_store_mark_damaged (kase, detail);
          continue;
        }
      answer = g_new0 (MpAnswer, 1);
      g_variant_get (value, "(smsmssx)", &answer->item, &answer->value, &answer->note,
                     &answer->actor, &answer->answered_at);
      _mp_case_put_answer (kase, answer);
    }
  if (rc != SQLITE_DONE)
    g_warning ("Could not read the answers of case %" G_GINT64_FORMAT ": %s",
               case_id, sqlite3_errmsg (self->db));
  return;

fail:
  if (!g_error_matches (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED))
    g_warning ("Could not read the answers of case %" G_GINT64_FORMAT ": %s",
               case_id, error->message);
}

#define LOAD_CASES_SQL \
  "SELECT " CASE_COLUMNS " FROM cases c" \
  " LEFT JOIN case_keys k ON k.id = c.key_id" \
  " WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id"

/* From this many cases on, unlock decrypts them on two threads. */
#define PARALLEL_LOAD_MIN_CASES 256

/* Loads the cases that @stmt (LOAD_CASES_SQL, bound) yields into @cases. */
static gboolean
load_rows (MpStore             *self,
           sqlite3_stmt        *stmt,
           MpCaseAnswerSource  *source,
           GPtrArray           *cases,
           GError             **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MpCase *kase = load_case_row (self, stmt, error);

      if (kase == NULL)
        return FALSE;
      _mp_case_set_answer_source (kase, source);
      g_ptr_array_add (cases, kase);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, sqlite3_db_handle (stmt), rc);
      return FALSE;
    }
  return TRUE;
}

/* The second half of a large desk, loaded on a read-only connection of its
 * own (WAL lets it read beside the store's) in a thread of its own. */
typedef struct
{
  MpStore            *self;
  MpCaseAnswerSource *source;
  gint64              first_id;
  gint64              last_id;
  GPtrArray          *cases;
  gboolean            opened;   /* FALSE: the main thread loads it instead */
  GError             *error;
} LoadPart;

static gpointer
load_part_thread (gpointer data)
{
  LoadPart *part = data;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (part->self->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, LOAD_CASES_SQL, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_extended_result_codes (db, 1);
      sqlite3_busy_timeout (db, 5000);
      part->opened = TRUE;
      sqlite3_bind_int64 (stmt, 1, part->first_id);
      sqlite3_bind_int64 (stmt, 2, part->last_id);
      load_rows (part->self, stmt, part->source, part->cases, &part->error);
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return NULL;
}

/* Decrypts every case; runs in a worker thread during unlock. Decryption is
 * most of the time of a large desk: from PARALLEL_LOAD_MIN_CASES cases on,
 * the upper half of the ids is loaded by a second thread meanwhile. */
GPtrArray *
_mp_store_load_cases (MpStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) range = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  MpCaseAnswerSource *source;
  LoadPart part = { self, NULL, 0, -1, NULL, FALSE, NULL };
  GThread *thread = NULL;
  gint64 first_id = 0, last_id = -1;
  gboolean ok;

  if (!(range = _mp_store_prepare (self, "SELECT count(*), min(id), max(id) FROM cases", error)) ||
      !(stmt = _mp_store_prepare (self, LOAD_CASES_SQL, error)))
    return NULL;

  if (!_mp_store_exec (self->db, "BEGIN;", error))
    return NULL;

  /* The cases of an earlier unlock read no more answers from here. */
  if (self->answer_source != NULL)
    _mp_case_answer_source_detach (self->answer_source);
  g_clear_pointer (&self->answer_source, _mp_case_answer_source_unref);
  source = self->answer_source = _mp_case_answer_source_new (load_case_answers, self);

  if (sqlite3_step (range) == SQLITE_ROW && sqlite3_column_int64 (range, 0) > 0)
    {
      first_id = sqlite3_column_int64 (range, 1);
      last_id = sqlite3_column_int64 (range, 2);
      if (sqlite3_column_int64 (range, 0) >= PARALLEL_LOAD_MIN_CASES)
        {
          part.source = source;
          part.last_id = last_id;
          last_id = first_id + (last_id - first_id) / 2;
          part.first_id = last_id + 1;
          part.cases = g_ptr_array_new_with_free_func (g_object_unref);
          thread = g_thread_new ("mp-store-load", load_part_thread, &part);
        }
    }

  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  ok = load_rows (self, stmt, source, cases, error);

  if (thread != NULL)
    {
      g_thread_join (thread);
      if (ok && !part.opened)
        {
          /* The thread could not read the file: load its half here. */
          g_clear_pointer (&stmt, _mp_store_release_stmt);
          if (!(stmt = _mp_store_prepare (self, LOAD_CASES_SQL, error)))
            ok = FALSE;
          else
            {
              sqlite3_bind_int64 (stmt, 1, part.first_id);
              sqlite3_bind_int64 (stmt, 2, part.last_id);
              ok = load_rows (self, stmt, source, part.cases, error);
            }
        }
      else if (ok && part.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&part.error));
          ok = FALSE;
        }
      g_clear_error (&part.error);
      if (ok)
        g_ptr_array_extend_and_steal (cases, g_steal_pointer (&part.cases));
      g_clear_pointer (&part.cases, g_ptr_array_unref);
    }

  if (!ok)
    {
      _mp_store_rollback_write (self);
      return NULL;
    }
  _mp_store_exec (self->db, "COMMIT;", NULL);

  return g_steal_pointer (&cases);
}

void
_mp_store_publish_cases (MpStore   *self,
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
  _mp_store_notify_locked (self);
}

static gboolean
read_envelope (MpStore           *self,
               MpVaultEnvelope  **out,
               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(MpVaultEnvelope) envelope = g_new0 (MpVaultEnvelope, 1);

  if (!(stmt = _mp_store_prepare (self, "SELECT kdf_opslimit, kdf_memlimit, kdf_alg, kdf_salt,"
                                        " master_sealed, box_public, master_box"
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
  envelope->salt = _mp_store_column_bytes (stmt, 3);
  envelope->sealed = _mp_store_column_bytes (stmt, 4);
  envelope->box_public = _mp_store_column_bytes (stmt, 5);
  envelope->master_box = _mp_store_column_bytes (stmt, 6);
  if (envelope->salt == NULL || envelope->sealed == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The desk's key record is damaged; restore the database from a backup."));
      return FALSE;
    }
  *out = g_steal_pointer (&envelope);
  return TRUE;
}

/* After an unlock: the audit key kept sealed under the master key (a desk
 * whose master key has rotated no longer derives it), and the key
 * generation every write checks. */
static gboolean
open_desk_keys (MpStore  *self,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) audit_sealed = NULL;
  g_autoptr(GBytes) box_public = NULL;

  if (!(stmt = _mp_store_prepare (self, "SELECT audit_sealed, box_public, key_generation"
                                        " FROM desk WHERE id = 1", error)))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_INITIALISED,
                           _("This database has no desk yet; create one first."));
      return FALSE;
    }
  audit_sealed = _mp_store_column_bytes (stmt, 0);
  box_public = _mp_store_column_bytes (stmt, 1);
  self->key_generation = sqlite3_column_int64 (stmt, 2);
  return mp_vault_open_desk_keys (self->vault, audit_sealed, box_public, error);
}

/* Inside a write transaction: stores @envelope's parts that are set, the
 * sealed audit key and, for a rotation, the next key generation. */
static gboolean
store_envelope (MpStore                *self,
                const MpVaultEnvelope  *envelope,
                GBytes                 *audit_sealed,
                gboolean                rotated,
                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) keys = NULL;

  if (envelope->sealed != NULL)
    {
      if (!(stmt = _mp_store_prepare (self, "UPDATE desk SET kdf_opslimit = ?, kdf_memlimit = ?,"
                                            " kdf_alg = ?, kdf_salt = ?, master_sealed = ?"
                                            " WHERE id = 1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) envelope->opslimit);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) envelope->memlimit);
      sqlite3_bind_int (stmt, 3, envelope->alg);
      sqlite3_bind_blob (stmt, 4, g_bytes_get_data (envelope->salt, NULL),
                         (int) g_bytes_get_size (envelope->salt), SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 5, g_bytes_get_data (envelope->sealed, NULL),
                         (int) g_bytes_get_size (envelope->sealed), SQLITE_TRANSIENT);
      if (!_mp_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (!(keys = _mp_store_prepare (self, "UPDATE desk SET master_box = ?, box_public = ?,"
                                        " audit_sealed = ?, key_generation = key_generation + ?"
                                        " WHERE id = 1", error)))
    return FALSE;
  sqlite3_bind_blob (keys, 1, g_bytes_get_data (envelope->master_box, NULL),
                     (int) g_bytes_get_size (envelope->master_box), SQLITE_TRANSIENT);
  sqlite3_bind_blob (keys, 2, g_bytes_get_data (envelope->box_public, NULL),
                     (int) g_bytes_get_size (envelope->box_public), SQLITE_TRANSIENT);
  sqlite3_bind_blob (keys, 3, g_bytes_get_data (audit_sealed, NULL),
                     (int) g_bytes_get_size (audit_sealed), SQLITE_TRANSIENT);
  sqlite3_bind_int (keys, 4, rotated ? 1 : 0);
  return _mp_store_step_done (self, keys, error);
}

/* A desk from before the box key, unlocked with its passphrase: stores the
 * box key the vault made, so that its master key can rotate at an erase. */
static void
store_pending_upgrade (MpStore *self)
{
  g_autoptr(MpVaultEnvelope) envelope = g_steal_pointer (&self->pending_upgrade);
  g_autoptr(GBytes) audit_sealed = NULL;
  g_autoptr(GError) error = NULL;

  if (envelope == NULL)
    return;
  if (!(audit_sealed = mp_vault_seal_audit_key (self->vault, &error)) ||
      !_mp_store_begin_write (self, &error))
    goto out;
  if (!store_envelope (self, envelope, audit_sealed, FALSE, &error) ||
      !_mp_store_commit_write (self, &error))
    _mp_store_rollback_write (self);

out:
  /* Not fatal: the desk opens as before, and the next unlock tries again. */
  if (error != NULL)
    g_debug ("The desk's box key was not stored: %s", error->message);
}

typedef struct
{
  gint64  id;
  GBytes *wrapped;
} WrappedKey;

static void
wrapped_key_clear (gpointer data)
{
  g_bytes_unref (((WrappedKey *) data)->wrapped);
}

gboolean
_mp_store_rotate_master_key (MpStore     *self,
                             const char  *new_passphrase,
                             gboolean    *rotated,
                             GError     **error)
{
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  g_autoptr(GBytes) audit_sealed = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (WrappedKey));
  gint64 start = g_get_monotonic_time ();
  int rc;

  *rotated = FALSE;
  g_array_set_clear_func (keys, wrapped_key_clear);
  if (new_passphrase == NULL && !mp_vault_can_rotate (self->vault))
    return TRUE;
  if (!(envelope = mp_vault_rotate_begin (self->vault, new_passphrase, &audit_sealed, error)))
    return FALSE;
  *rotated = TRUE;

  /* Every key the master key wraps: cases', the desk key's and the
   * mailbox password's. An erased key's row is empty and stays so. */
  if (!(select = _mp_store_prepare (self, "SELECT id, wrapped FROM case_keys"
                                          " WHERE length (wrapped) > 0", error)))
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      WrappedKey key = { sqlite3_column_int64 (select, 0), _mp_store_column_bytes (select, 1) };

      g_array_append_val (keys, key);
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  if (!(update = _mp_store_prepare (self, "UPDATE case_keys SET wrapped = ? WHERE id = ?", error)))
    return FALSE;
  for (guint i = 0; i < keys->len; i++)
    {
      WrappedKey *key = &g_array_index (keys, WrappedKey, i);
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (key->wrapped, &length);
      g_autoptr(GBytes) rewrapped = mp_vault_rotate_rewrap (self->vault, key->id, data, length,
                                                           error);

      if (rewrapped == NULL)
        return FALSE;
      sqlite3_reset (update);
      sqlite3_bind_blob (update, 1, g_bytes_get_data (rewrapped, NULL),
                         (int) g_bytes_get_size (rewrapped), SQLITE_TRANSIENT);
      sqlite3_bind_int64 (update, 2, key->id);
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
          return FALSE;
        }
    }
  if (!store_envelope (self, envelope, audit_sealed, TRUE, error))
    return FALSE;
  g_debug ("Rotated the master key: %u keys re-wrapped in %.3f s", keys->len,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return TRUE;
}

void
_mp_store_finish_rotation (MpStore  *self,
                           gboolean  committed)
{
  mp_vault_rotate_finish (self->vault, committed);
  if (!committed)
    return;
  self->key_generation++;
  _mp_store_emit_key_changed (self);
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
  g_clear_pointer (&self->pending_upgrade, mp_vault_envelope_free);
  if (!read_envelope (self, &envelope, error) ||
      !mp_vault_unlock_upgrading (self->vault, passphrase, envelope, &self->pending_upgrade, error))
    return NULL;
  /* A desk from before everything was sealed is sealed now, once. */
  if (!open_desk_keys (self, error) || !_mp_store_seal_legacy (self, error))
    {
      mp_vault_lock (self->vault);
      return NULL;
    }

  /* The cases need not wait for the integrity check: every write does (see
   * _mp_store_check_integrity()). It starts once the cases are loaded, so
   * that loading has both cores, and runs while they are shown. */
  cases = _mp_store_load_cases (self, error);
  if (cases == NULL)
    mp_vault_lock (self->vault);
  else
    _mp_store_start_integrity_check (self);
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
  /* Before the cases are published (which tells the locked state): the
   * window asks for the rollback then. */
  _mp_store_freshness_check (self);
  _mp_store_publish_cases (self, cases);
  store_pending_upgrade (self);
  _mp_store_rederive_if_stale (self);
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
  /* Before the cases are published (which tells the locked state): the
   * window asks for the rollback then. */
  _mp_store_freshness_check (self);
  _mp_store_publish_cases (self, cases);
  store_pending_upgrade (self);
  _mp_store_rederive_if_stale (self);
  return TRUE;
}

void
mp_store_lock (MpStore *self)
{
  g_return_if_fail (MP_IS_STORE (self));

  if (self->answer_source != NULL)
    _mp_case_answer_source_detach (self->answer_source);
  _mp_store_freshness_flush (self);
  mp_vault_lock (self->vault);
  g_hash_table_remove_all (self->by_reference);
  g_list_store_remove_all (self->cases);
  _mp_store_notify_locked (self);
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
  gboolean rotated = FALSE;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;

  /* A new master key too, not only a new wrap of it: the old passphrase
   * and an old copy of the desk give the old master key, which must open
   * nothing written from now on. */
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_rotate_master_key (self, new_passphrase, &rotated, error) ||
      !_mp_store_audit_append (self, NULL, "desk.passphrase", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  _mp_store_finish_rotation (self, TRUE);
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  if (rotated)
    _mp_store_finish_rotation (self, FALSE);
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

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  return mp_vault_export_key (self->vault, error);
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
  if (!mp_vault_unlock_with_key (self->vault, encoded_key, error))
    return FALSE;
  /* A key that does not open the sealed audit key is another master key:
   * an older one of this desk (rotated since) or another desk's. */
  if (!open_desk_keys (self, NULL))
    {
      mp_vault_lock (self->vault);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE,
                           _("The stored key is not a key of this desk."));
      return FALSE;
    }
  if (!_mp_store_audit_key_fits (self, error) || !_mp_store_seal_legacy (self, error) ||
      (cases = _mp_store_load_cases (self, error)) == NULL)
    {
      mp_vault_lock (self->vault);
      return FALSE;
    }
  /* As in unlock_and_load(): writes wait for the check, the cases do not. */
  _mp_store_start_integrity_check (self);
  /* Before the cases are published (which tells the locked state): the
   * window asks for the rollback then. */
  _mp_store_freshness_check (self);
  _mp_store_publish_cases (self, cases);
  _mp_store_rederive_if_stale (self);
  return TRUE;
}
