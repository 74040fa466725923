/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The mailbox's part of the store: Message-ID digests and the sealed
 * mailbox password (schema version 4). The store knows no IMAP or SMTP;
 * src/exchange/mp-mailbox*.c and mp-smtp.c do.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-mailbox.h"
#include "mp-store-private.h"

/* Keeps the digest apart from the audit chain's MACs, which use the same key. */
#define MESSAGE_DIGEST_CONTEXT "meldpunt message-id\n"

/* "<a@b>", " a@b " and "<a@b>" with folding all name one message. */
static char *
normalise_message_id (const char *message_id)
{
  GString *clean = g_string_new (NULL);

  for (const char *p = message_id; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '<' && *p != '>')
      g_string_append_c (clean, *p);
  return g_string_free (clean, FALSE);
}

static gboolean
message_digest (MpStore     *self,
                const char  *message_id,
                guint8       digest[MP_VAULT_MAC_BYTES],
                GError     **error)
{
  g_autofree char *clean = normalise_message_id (message_id);
  g_autofree char *data = NULL;

  if (*clean == '\0')
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The message has no Message-ID."));
      return FALSE;
    }
  data = g_strconcat (MESSAGE_DIGEST_CONTEXT, clean, NULL);
  return mp_vault_audit_mac (self->vault, data, strlen (data), NULL, digest, error);
}

static MpCase *
case_by_id (MpStore *self,
            gint64   id)
{
  GListModel *cases = G_LIST_MODEL (self->cases);

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);

      if (mp_case_get_id (kase) == id)
        return g_steal_pointer (&kase);
    }
  return NULL;
}

MpCase *
mp_store_find_message (MpStore     *self,
                       const char  *message_id,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 digest[MP_VAULT_MAC_BYTES];
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (message_id != NULL, NULL);

  if (!_mp_store_require_unlocked (self, error) || !message_digest (self, message_id, digest, error))
    return NULL;
  if (!(stmt = _mp_store_prepare (self, "SELECT case_id FROM messages WHERE digest = ?", error)))
    return NULL;
  sqlite3_bind_blob (stmt, 1, digest, sizeof digest, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return case_by_id (self, sqlite3_column_int64 (stmt, 0));
}

gboolean
mp_store_remember_message (MpStore     *self,
                           MpCase      *kase,
                           const char  *message_id,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  guint8 digest[MP_VAULT_MAC_BYTES];

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !message_digest (self, message_id, digest, error))
    return FALSE;
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!(insert = _mp_store_prepare (self, "INSERT INTO messages (digest, case_id, added_at)"
                                          " VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                                    error)))
    goto fail;
  sqlite3_bind_blob (insert, 1, digest, sizeof digest, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, mp_case_get_id (kase));
  sqlite3_bind_int64 (insert, 3, mp_time_now ());
  if (!_mp_store_step_done (self, insert, error))
    goto fail;
  if (sqlite3_changes (self->db) > 0 &&
      !_mp_store_audit_append (self, mp_case_get_reference (kase), "message", NULL, NULL, NULL,
                               error))
    goto fail;
  if (!_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

gboolean
mp_store_set_mailbox_password (MpStore     *self,
                               const char  *password,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) write = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 key_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_begin_write (self, error))
    return FALSE;
  /* A key of its own for each password, as the desk's OpenPGP key has. */
  if (!(key_id = _mp_store_new_secret_key (self, error)))
    goto fail;
  if (!(sealed = mp_vault_seal (self->vault, key_id, "mailbox_secret", "password", 1,
                                password, strlen (password), error)))
    goto fail;
  if (!(write = _mp_store_prepare (self, "INSERT INTO mailbox_secret (id, key_id, password, updated_at)"
                                         " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                                         " key_id = excluded.key_id, password = excluded.password,"
                                         " updated_at = excluded.updated_at", error)))
    goto fail;
  sqlite3_bind_int64 (write, 1, key_id);
  sqlite3_bind_blob (write, 2, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed),
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!_mp_store_step_done (self, write, error))
    goto fail;
  /* The old password's key is destroyed with it. */
  if (!_mp_store_destroy_unused_keys (self, error) ||
      !_mp_store_audit_append (self, NULL, "mailbox-password", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  mp_vault_forget_case_key (self->vault, key_id);
  return FALSE;
}

char *
mp_store_get_mailbox_password (MpStore  *self,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  char *password;
  gint64 key_id;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (!(stmt = _mp_store_prepare (self, "SELECT m.key_id, k.wrapped, m.password FROM mailbox_secret m"
                                        " JOIN case_keys k ON k.id = m.key_id WHERE m.id = 1", error)))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  key_id = sqlite3_column_int64 (stmt, 0);
  wrapped = _mp_store_column_bytes (stmt, 1);
  sealed = _mp_store_column_bytes (stmt, 2);
  if (wrapped == NULL || sealed == NULL ||
      !mp_vault_load_case_key (self->vault, key_id, wrapped, error) ||
      !(plain = mp_vault_open (self->vault, key_id, "mailbox_secret", "password", 1, sealed, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                             _("The mailbox password in the desk is damaged; set it again."));
      return NULL;
    }
  password = g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  sodium_memzero ((void *) g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  return password;
}
