/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's OpenPGP key as the store keeps it: the armored secret key
 * sealed under a key of its own (a row of case_keys that no case uses),
 * beside its fingerprint, expiry and public key. The store does not know
 * OpenPGP; src/exchange/mp-openpgp.c makes, checks and uses the key.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

static void
wipe_and_free (gpointer data,
               gsize    length)
{
  sodium_memzero (data, length);
  g_free (data);
}

typedef struct
{
  gsize length;
  guint8 data[];
} WipedBuffer;

static void
wiped_buffer_free (gpointer data)
{
  WipedBuffer *buffer = data;

  wipe_and_free (buffer, sizeof *buffer + buffer->length);
}

/* A copy of @length bytes at @data that is wiped when freed. */
static GBytes *
wiped_bytes_new (const void *data,
                 gsize       length)
{
  WipedBuffer *buffer = g_malloc (sizeof *buffer + length + 1);

  buffer->length = length + 1;
  memcpy (buffer->data, data, length);
  buffer->data[length] = '\0';
  return g_bytes_new_with_free_func (buffer->data, length, wiped_buffer_free, buffer);
}

gboolean
mp_store_set_desk_key (MpStore     *self,
                       const char  *fingerprint,
                       gint64       expires_at,
                       const char  *public_key,
                       GBytes      *secret_key,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) sealed_passphrase = NULL;
  g_autofree char *old_fingerprint = NULL;
  gint64 key_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (fingerprint != NULL && *fingerprint != '\0', FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);
  g_return_val_if_fail (secret_key != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  if (!mp_store_get_desk_key_info (self, &old_fingerprint, NULL, NULL, error) &&
      error != NULL && *error != NULL)
    return FALSE;
  if (!_mp_store_begin_write (self, error))
    return FALSE;

  /* A new key of its own for each desk key: the old one's ciphertext
   * cannot be opened with the new key once its row is replaced. */
  if (!(key_id = _mp_store_new_secret_key (self, error)))
    goto fail;

  if (!(sealed = mp_vault_seal (self->vault, key_id, "desk_key", "secret_key", 1,
                                g_bytes_get_data (secret_key, NULL),
                                g_bytes_get_size (secret_key), error)))
    goto fail;
  if (passphrase != NULL &&
      !(sealed_passphrase = mp_vault_seal (self->vault, key_id, "desk_key", "passphrase", 1,
                                           passphrase, strlen (passphrase), error)))
    goto fail;
  if (!(write = _mp_store_prepare (self, "INSERT INTO desk_key (id, key_id, fingerprint, expires_at,"
                                         " public_key, secret_key, passphrase, updated_at)"
                                         " VALUES (1, ?, ?, ?, ?, ?, ?, ?)"
                                         " ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id,"
                                         " fingerprint = excluded.fingerprint,"
                                         " expires_at = excluded.expires_at,"
                                         " public_key = excluded.public_key,"
                                         " secret_key = excluded.secret_key,"
                                         " passphrase = excluded.passphrase,"
                                         " updated_at = excluded.updated_at", error)))
    goto fail;
  sqlite3_bind_int64 (write, 1, key_id);
  sqlite3_bind_text (write, 2, fingerprint, -1, SQLITE_TRANSIENT);
  if (expires_at > 0)
    sqlite3_bind_int64 (write, 3, expires_at);
  else
    sqlite3_bind_null (write, 3);
  sqlite3_bind_text (write, 4, public_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (write, 5, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed),
                     SQLITE_TRANSIENT);
  if (sealed_passphrase != NULL)
    sqlite3_bind_blob (write, 6, g_bytes_get_data (sealed_passphrase, NULL),
                       (int) g_bytes_get_size (sealed_passphrase), SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (write, 6);
  sqlite3_bind_int64 (write, 7, g_get_real_time () / G_USEC_PER_SEC);
  if (!_mp_store_step_done (self, write, error))
    goto fail;
  /* The old key's own key is destroyed: its sealed secret is gone with it. */
  if (!_mp_store_destroy_unused_keys (self, error))
    goto fail;
  if (!_mp_store_audit_append (self, NULL, "desk-key", "fingerprint", old_fingerprint, fingerprint,
                               error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  mp_vault_forget_case_key (self->vault, key_id);
  return FALSE;
}

gboolean
mp_store_get_desk_key_info (MpStore     *self,
                            char       **fingerprint,
                            gint64      *expires_at,
                            char       **public_key,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!(stmt = _mp_store_prepare (self, "SELECT fingerprint, coalesce (expires_at, 0), public_key"
                                        " FROM desk_key WHERE id = 1", error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }
  if (fingerprint != NULL)
    *fingerprint = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (expires_at != NULL)
    *expires_at = sqlite3_column_int64 (stmt, 1);
  if (public_key != NULL)
    *public_key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return TRUE;
}

GBytes *
mp_store_get_desk_key (MpStore  *self,
                       char    **passphrase,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed_passphrase = NULL;
  GBytes *secret;
  gint64 key_id = 0;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (!(stmt = _mp_store_prepare (self, "SELECT d.key_id, k.wrapped, d.secret_key, d.passphrase"
                                        " FROM desk_key d"
                                        " JOIN case_keys k ON k.id = d.key_id WHERE d.id = 1", error)))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                           _("The desk has no OpenPGP key yet; generate or import one first."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  key_id = sqlite3_column_int64 (stmt, 0);
  wrapped = _mp_store_column_bytes (stmt, 1);
  sealed = _mp_store_column_bytes (stmt, 2);
  sealed_passphrase = _mp_store_column_bytes (stmt, 3);
  if (wrapped == NULL || sealed == NULL ||
      !mp_vault_load_case_key (self->vault, key_id, wrapped, error) ||
      !(plain = mp_vault_open (self->vault, key_id, "desk_key", "secret_key", 1, sealed, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                             _("The desk's OpenPGP key is damaged; import it again."));
      return NULL;
    }
  if (passphrase != NULL)
    {
      g_autoptr(GBytes) opened = NULL;

      *passphrase = NULL;
      if (sealed_passphrase != NULL)
        {
          if (!(opened = mp_vault_open (self->vault, key_id, "desk_key", "passphrase", 1,
                                        sealed_passphrase, error)))
            return NULL;
          *passphrase = g_strndup (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened));
          sodium_memzero ((void *) g_bytes_get_data (opened, NULL), g_bytes_get_size (opened));
        }
    }
  secret = wiped_bytes_new (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  sodium_memzero ((void *) g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  return secret;
}

gboolean
mp_store_set_reporter_key (MpStore     *self,
                           MpCase      *kase,
                           const char  *public_key,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autofree char *old_key = NULL;
  gint64 key_id = 0, reporter_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return FALSE;
  old_key = mp_store_get_reporter_key (self, kase, NULL);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, kase, &key_id, &reporter_id, error))
    goto fail;
  if (!(write = _mp_store_prepare (self, public_key != NULL
                                         ? "INSERT INTO reporter_keys (case_id, public_key, added_at)"
                                           " VALUES (?1, ?2, ?3) ON CONFLICT (case_id) DO UPDATE"
                                           " SET public_key = excluded.public_key,"
                                           " added_at = excluded.added_at"
                                         : "DELETE FROM reporter_keys WHERE case_id = ?1", error)))
    goto fail;
  sqlite3_bind_int64 (write, 1, mp_case_get_id (kase));
  if (public_key != NULL)
    {
      if (!_mp_store_bind_sealed (self, write, 2, key_id, "reporter_keys", "public_key",
                                  mp_case_get_id (kase), public_key, error))
        goto fail;
      sqlite3_bind_int64 (write, 3, g_get_real_time () / G_USEC_PER_SEC);
    }
  if (!_mp_store_step_done (self, write, error) ||
      !_mp_store_audit_append (self, mp_case_get_reference (kase), "case.set", "reporter_key",
                               old_key, public_key, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

char *
mp_store_get_reporter_key (MpStore  *self,
                           MpCase   *kase,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 key_id = 0, reporter_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  if (!_mp_store_require_unlocked (self, error) ||
      !_mp_store_lookup_case_ids (self, kase, &key_id, &reporter_id, error) ||
      !(stmt = _mp_store_prepare (self, "SELECT public_key FROM reporter_keys WHERE case_id = ?",
                                  error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return _mp_store_open_sealed_column (self, stmt, 0, key_id, "reporter_keys", "public_key",
                                       mp_case_get_id (kase), error);
}
