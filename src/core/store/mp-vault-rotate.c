/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The audit key kept sealed under the master key, and master-key rotation
 * (see mp-vault.h).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-error.h"
#include "mp-vault-private.h"

/* ---- the audit key and rotation ------------------------------------------ */

static char *
audit_key_ad (const guint8 *box_public)
{
  char public_hex[crypto_box_PUBLICKEYBYTES * 2 + 1];

  sodium_bin2hex (public_hex, sizeof public_hex, box_public, crypto_box_PUBLICKEYBYTES);
  return g_strdup_printf ("meldpunt|audit-key|v1|%s", public_hex);
}

GBytes *
mp_vault_seal_audit_key (MpVault  *self,
                         GError  **error)
{
  g_autofree char *ad = NULL;
  GBytes *sealed = NULL;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);

  g_mutex_lock (&self->mutex);
  if (_mp_vault_require_unlocked (self, error))
    {
      if (!self->has_box_public)
        g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                             _("The desk's key can be renewed only once the desk has been unlocked with its passphrase."));
      else
        {
          ad = audit_key_ad (self->box_public);
          sealed = _mp_vault_seal_with (self->master_key, ad, self->audit_key, KEY_BYTES);
        }
    }
  g_mutex_unlock (&self->mutex);
  return sealed;
}

gboolean
mp_vault_open_desk_keys (MpVault  *self,
                         GBytes   *audit_sealed,
                         GBytes   *box_public,
                         GError  **error)
{
  g_autofree char *ad = NULL;
  g_autoptr(GBytes) plain = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);

  if (audit_sealed == NULL && box_public == NULL)
    return TRUE;   /* a desk from before the box key: the derived audit key */
  if (audit_sealed == NULL || box_public == NULL ||
      g_bytes_get_size (box_public) != crypto_box_PUBLICKEYBYTES)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("The stored master key is damaged."));
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  ad = audit_key_ad (g_bytes_get_data (box_public, NULL));
  if (_mp_vault_require_unlocked (self, error) &&
      (plain = _mp_vault_open_with (self->master_key, ad, audit_sealed, error)) != NULL)
    {
      if (g_bytes_get_size (plain) == KEY_BYTES)
        {
          memcpy (self->audit_key, g_bytes_get_data (plain, NULL), KEY_BYTES);
          memcpy (self->box_public, g_bytes_get_data (box_public, NULL), crypto_box_PUBLICKEYBYTES);
          self->has_box_public = TRUE;
          ok = TRUE;
        }
      else
        g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                             _("The stored master key is damaged."));
      sodium_memzero ((void *) g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
    }
  g_mutex_unlock (&self->mutex);
  return ok;
}

gboolean
mp_vault_can_rotate (MpVault *self)
{
  gboolean can;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  can = self->master_key != NULL && self->has_box_public;
  g_mutex_unlock (&self->mutex);
  return can;
}

MpVaultEnvelope *
mp_vault_rotate_begin (MpVault     *self,
                       const char  *new_passphrase,
                       GBytes     **audit_sealed,
                       GError     **error)
{
  MpVaultEnvelope *envelope = NULL;
  g_autofree char *ad = NULL;
  guint8 box[crypto_box_SEALBYTES + KEY_BYTES];

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (audit_sealed != NULL, NULL);

  if (new_passphrase != NULL && *new_passphrase == '\0')
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }

  g_mutex_lock (&self->mutex);
  if (!_mp_vault_require_unlocked (self, error))
    goto out;
  if (new_passphrase == NULL && !self->has_box_public)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                           _("The desk's key can be renewed only once the desk has been unlocked with its passphrase."));
      goto out;
    }

  g_clear_pointer (&self->next_master_key, sodium_free);
  self->next_master_key = _mp_vault_secure_key_new ();
  crypto_aead_xchacha20poly1305_ietf_keygen (self->next_master_key);
  if (new_passphrase != NULL)
    envelope = _mp_vault_make_box_envelope (self->next_master_key, new_passphrase, self->next_box_public,
                                  error);
  else
    {
      /* Only the master key changes: sealed to the box key's public half,
       * which needs no passphrase. */
      memcpy (self->next_box_public, self->box_public, sizeof self->next_box_public);
      crypto_box_seal (box, self->next_master_key, KEY_BYTES, self->next_box_public);
      envelope = g_new0 (MpVaultEnvelope, 1);
      envelope->box_public = g_bytes_new (self->next_box_public, sizeof self->next_box_public);
      envelope->master_box = g_bytes_new (box, sizeof box);
    }
  if (envelope == NULL)
    {
      g_clear_pointer (&self->next_master_key, sodium_free);
      goto out;
    }
  ad = audit_key_ad (self->next_box_public);
  *audit_sealed = _mp_vault_seal_with (self->next_master_key, ad, self->audit_key, KEY_BYTES);

out:
  g_mutex_unlock (&self->mutex);
  return envelope;
}

GBytes *
mp_vault_rotate_rewrap (MpVault       *self,
                        gint64         key_id,
                        const guint8  *wrapped,
                        gsize          wrapped_len,
                        GError       **error)
{
  char ad[64];
  guint8 *key;
  unsigned long long key_len = 0;
  GBytes *rewrapped = NULL;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);

  g_snprintf (ad, sizeof ad, "meldpunt|case-key|v1|%" G_GINT64_FORMAT, key_id);
  g_mutex_lock (&self->mutex);
  /* One guarded page for all of them: a page with guard pages per key
   * costs more than re-wrapping it. */
  if (self->rotate_scratch == NULL)
    self->rotate_scratch = _mp_vault_secure_key_new ();
  key = self->rotate_scratch;
  if (self->master_key == NULL || self->next_master_key == NULL)
    g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED, _("The desk is locked."));
  else if (wrapped_len != NONCE_BYTES + KEY_BYTES + TAG_BYTES ||
           crypto_aead_xchacha20poly1305_ietf_decrypt (key, &key_len, NULL,
                                                       wrapped + NONCE_BYTES,
                                                       wrapped_len - NONCE_BYTES,
                                                       (const guint8 *) ad, strlen (ad), wrapped,
                                                       self->master_key) != 0 ||
           key_len != KEY_BYTES)
    g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                         _("A stored case key is damaged."));
  else
    rewrapped = _mp_vault_seal_with (self->next_master_key, ad, key, KEY_BYTES);
  sodium_memzero (key, KEY_BYTES);
  g_mutex_unlock (&self->mutex);
  return rewrapped;
}

void
mp_vault_rotate_finish (MpVault  *self,
                        gboolean  commit)
{
  g_return_if_fail (MP_IS_VAULT (self));

  g_mutex_lock (&self->mutex);
  if (commit && self->next_master_key != NULL && self->master_key != NULL)
    {
      sodium_free (self->master_key);
      self->master_key = g_steal_pointer (&self->next_master_key);
      memcpy (self->box_public, self->next_box_public, sizeof self->box_public);
      self->has_box_public = TRUE;
    }
  g_clear_pointer (&self->next_master_key, sodium_free);
  g_clear_pointer (&self->rotate_scratch, sodium_free);
  g_mutex_unlock (&self->mutex);
}
