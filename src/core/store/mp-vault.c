/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-vault-private.h"

#define STREAM_CHUNK  65536
#define AUDIT_SUBKEY  1
#define FINGERPRINT_SUBKEY 2
/* Case keys live in slabs of protected memory: one sodium_malloc() per key
 * would cost a mapping with guard pages each, and a desk with 100,000 cases
 * would run out of mappings. */
#define SLAB_KEYS     1024

G_DEFINE_FINAL_TYPE (MpVault, mp_vault, G_TYPE_OBJECT)

static void
secure_free (gpointer key)
{
  sodium_free (key);
}

static guint8 *
case_key_slot (MpVault *self)
{
  guint8 *slab;

  if (self->slabs->len == 0 || self->slab_used == SLAB_KEYS)
    {
      slab = sodium_malloc (SLAB_KEYS * KEY_BYTES);
      if (slab == NULL)
        g_error ("Out of protected memory for keys");
      g_ptr_array_add (self->slabs, slab);
      self->slab_used = 0;
    }
  slab = g_ptr_array_index (self->slabs, self->slabs->len - 1);
  return slab + KEY_BYTES * self->slab_used++;
}

static void
wipe_case_key (gpointer key)
{
  sodium_memzero (key, KEY_BYTES);
}

guint8 *
_mp_vault_secure_key_new (void)
{
  guint8 *key = sodium_malloc (KEY_BYTES);

  if (key == NULL)
    g_error ("Out of protected memory for keys");
  return key;
}

void
mp_vault_envelope_free (MpVaultEnvelope *envelope)
{
  if (envelope == NULL)
    return;
  g_clear_pointer (&envelope->salt, g_bytes_unref);
  g_clear_pointer (&envelope->sealed, g_bytes_unref);
  g_clear_pointer (&envelope->box_public, g_bytes_unref);
  g_clear_pointer (&envelope->master_box, g_bytes_unref);
  g_free (envelope);
}

gboolean
mp_vault_uses_test_kdf (void)
{
#if MP_TEST_HOOKS
  return g_getenv ("MELDPUNT_TEST_CHEAP_KDF") != NULL;
#else
  return FALSE;
#endif
}

void
mp_vault_kdf_parameters (guint64 *opslimit,
                         guint64 *memlimit,
                         gint    *alg)
{
  gboolean cheap = mp_vault_uses_test_kdf ();

  *opslimit = cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_MODERATE;
  *memlimit = cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_MODERATE;
  *alg = crypto_pwhash_ALG_ARGON2ID13;
}

gboolean
mp_vault_derive_key (const char    *passphrase,
                     const guint8  *salt,
                     guint64        opslimit,
                     guint64        memlimit,
                     gint           alg,
                     guint8        *out,
                     gsize          out_len,
                     GError       **error)
{
  errno = 0;
  if (crypto_pwhash (out, out_len, passphrase, strlen (passphrase), salt,
                     opslimit, (gsize) memlimit, alg) != 0)
    {
      /* With valid parameters, Argon2id fails only when it cannot get its memory. */
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_OUT_OF_MEMORY,
                           _("There was not enough memory to derive the key from the passphrase. "
                             "Close other applications and try again."));
      return FALSE;
    }
  return TRUE;
}

static char *
envelope_ad (const MpVaultEnvelope *envelope)
{
  g_autofree char *salt_hex = NULL;
  gsize salt_len = 0;
  const guint8 *salt = g_bytes_get_data (envelope->salt, &salt_len);

  salt_hex = g_malloc (salt_len * 2 + 1);
  sodium_bin2hex (salt_hex, salt_len * 2 + 1, salt, salt_len);
  if (envelope->box_public != NULL)
    {
      /* v2: the passphrase wraps the box key's secret half, bound to its
       * public half. */
      gsize public_len = 0;
      const guint8 *public = g_bytes_get_data (envelope->box_public, &public_len);
      g_autofree char *public_hex = g_malloc (public_len * 2 + 1);

      sodium_bin2hex (public_hex, public_len * 2 + 1, public, public_len);
      return g_strdup_printf ("meldpunt|master|v2|%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT
                              "|%d|%s|%s", envelope->opslimit, envelope->memlimit, envelope->alg,
                              salt_hex, public_hex);
    }
  return g_strdup_printf ("meldpunt|master|v1|%" G_GUINT64_FORMAT "|%" G_GUINT64_FORMAT "|%d|%s",
                          envelope->opslimit, envelope->memlimit, envelope->alg, salt_hex);
}

static gboolean
derive_wrapping_key (const char             *passphrase,
                     const MpVaultEnvelope  *envelope,
                     guint8                 *out,
                     GError                **error)
{
  if (g_bytes_get_size (envelope->salt) != crypto_pwhash_SALTBYTES)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                           _("The stored key parameters are damaged."));
      return FALSE;
    }

  if (envelope->memlimit > crypto_pwhash_MEMLIMIT_MAX || envelope->opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      envelope->memlimit < crypto_pwhash_MEMLIMIT_MIN || envelope->opslimit < crypto_pwhash_OPSLIMIT_MIN)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                           _("The stored key parameters are damaged."));
      return FALSE;
    }

  return mp_vault_derive_key (passphrase, g_bytes_get_data (envelope->salt, NULL),
                              envelope->opslimit, envelope->memlimit, envelope->alg,
                              out, KEY_BYTES, error);
}

/* Wraps @secret (KEY_BYTES) under a key derived from @passphrase with a
 * new salt, bound to @box_public (NULL: the v1 envelope of the master key
 * itself). */
static MpVaultEnvelope *
make_envelope (const guint8  *secret,
               const char    *passphrase,
               const guint8  *box_public,
               GError       **error)
{
  g_autoptr(MpVaultEnvelope) envelope = g_new0 (MpVaultEnvelope, 1);
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 *wrapping_key = NULL;
  g_autofree guint8 *sealed = NULL;
  g_autofree char *ad = NULL;
  unsigned long long sealed_len = 0;

  mp_vault_kdf_parameters (&envelope->opslimit, &envelope->memlimit, &envelope->alg);
  randombytes_buf (salt, sizeof salt);
  envelope->salt = g_bytes_new (salt, sizeof salt);
  if (box_public != NULL)
    envelope->box_public = g_bytes_new (box_public, crypto_box_PUBLICKEYBYTES);

  wrapping_key = _mp_vault_secure_key_new ();
  if (!derive_wrapping_key (passphrase, envelope, wrapping_key, error))
    {
      sodium_free (wrapping_key);
      return NULL;
    }

  ad = envelope_ad (envelope);
  sealed = g_malloc (NONCE_BYTES + KEY_BYTES + TAG_BYTES);
  randombytes_buf (sealed, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed + NONCE_BYTES, &sealed_len,
                                              secret, KEY_BYTES,
                                              (const guint8 *) ad, strlen (ad),
                                              NULL, sealed, wrapping_key);
  sodium_free (wrapping_key);
  envelope->sealed = g_bytes_new (sealed, NONCE_BYTES + sealed_len);

  return g_steal_pointer (&envelope);
}

/* A new box key; @master is sealed to its public half in the envelope made
 * under @passphrase, whose public half goes to @box_public. */
MpVaultEnvelope *
_mp_vault_make_box_envelope (const guint8  *master,
                   const char    *passphrase,
                   guint8         box_public[crypto_box_PUBLICKEYBYTES],
                   GError       **error)
{
  guint8 *box_secret = sodium_malloc (crypto_box_SECRETKEYBYTES);
  guint8 box[crypto_box_SEALBYTES + KEY_BYTES];
  MpVaultEnvelope *envelope;

  G_STATIC_ASSERT (crypto_box_SECRETKEYBYTES == KEY_BYTES);
  if (box_secret == NULL)
    g_error ("Out of protected memory for keys");
  crypto_box_keypair (box_public, box_secret);
  envelope = make_envelope (box_secret, passphrase, box_public, error);
  sodium_free (box_secret);
  if (envelope == NULL)
    return NULL;
  crypto_box_seal (box, master, KEY_BYTES, box_public);
  envelope->master_box = g_bytes_new (box, sizeof box);
  return envelope;
}

static void
derive_audit_key (MpVault *self)
{
  self->audit_key = _mp_vault_secure_key_new ();
  crypto_kdf_derive_from_key (self->audit_key, KEY_BYTES, AUDIT_SUBKEY, "mpaudit_", self->master_key);
}

GBytes *
_mp_vault_seal_with (const guint8  *key,
           const char    *ad,
           const void    *data,
           gsize          length)
{
  gsize total = NONCE_BYTES + length + TAG_BYTES;
  guint8 *out = g_malloc (total);
  unsigned long long out_len = 0;

  randombytes_buf (out, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + NONCE_BYTES, &out_len, data, length,
                                              (const guint8 *) ad, strlen (ad), NULL, out, key);
  return g_bytes_new_take (out, NONCE_BYTES + out_len);
}

GBytes *
_mp_vault_open_with (const guint8  *key,
           const char    *ad,
           GBytes        *sealed,
           GError       **error)
{
  gsize sealed_len = 0;
  const guint8 *data = g_bytes_get_data (sealed, &sealed_len);
  guint8 *out;
  unsigned long long out_len = 0;

  if (sealed_len < NONCE_BYTES + TAG_BYTES)
    goto tampered;

  out = g_malloc (sealed_len - NONCE_BYTES - TAG_BYTES + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (out, &out_len, NULL,
                                                  data + NONCE_BYTES, sealed_len - NONCE_BYTES,
                                                  (const guint8 *) ad, strlen (ad),
                                                  data, key) != 0)
    {
      g_free (out);
      goto tampered;
    }
  out[out_len] = '\0';
  return g_bytes_new_take (out, out_len);

tampered:
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                       _("Stored confidential data failed its integrity check: "
                         "it was changed or moved outside Meldpunt."));
  return NULL;
}

static void
mp_vault_finalize (GObject *object)
{
  MpVault *self = MP_VAULT (object);

  mp_vault_lock (self);
  g_clear_pointer (&self->case_keys, g_hash_table_unref);
  g_clear_pointer (&self->slabs, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (mp_vault_parent_class)->finalize (object);
}

static void
mp_vault_class_init (MpVaultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_vault_finalize;
}

static void
mp_vault_init (MpVault *self)
{
  g_mutex_init (&self->mutex);
  self->case_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, wipe_case_key);
  self->slabs = g_ptr_array_new_with_free_func (secure_free);
}

MpVault *
mp_vault_new (void)
{
  return g_object_new (MP_TYPE_VAULT, NULL);
}

gboolean
mp_vault_is_unlocked (MpVault *self)
{
  gboolean unlocked;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  unlocked = self->master_key != NULL;
  g_mutex_unlock (&self->mutex);
  return unlocked;
}

/**
 * mp_vault_lock:
 *
 * Wipes the master key, the audit key and every case key.
 */
void
mp_vault_lock (MpVault *self)
{
  g_return_if_fail (MP_IS_VAULT (self));

  g_mutex_lock (&self->mutex);
  /* sodium_free() zeroes the memory before releasing it. */
  g_clear_pointer (&self->master_key, sodium_free);
  g_clear_pointer (&self->audit_key, sodium_free);
  g_clear_pointer (&self->next_master_key, sodium_free);
  g_clear_pointer (&self->rotate_scratch, sodium_free);
  self->has_box_public = FALSE;
  g_hash_table_remove_all (self->case_keys);
  g_ptr_array_set_size (self->slabs, 0);
  self->slab_used = 0;
  g_mutex_unlock (&self->mutex);
}

MpVaultEnvelope *
mp_vault_create (MpVault     *self,
                 const char  *passphrase,
                 GError     **error)
{
  MpVaultEnvelope *envelope;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (*passphrase == '\0')
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }

  mp_vault_lock (self);
  g_mutex_lock (&self->mutex);
  self->master_key = _mp_vault_secure_key_new ();
  crypto_aead_xchacha20poly1305_ietf_keygen (self->master_key);
  envelope = _mp_vault_make_box_envelope (self->master_key, passphrase, self->box_public, error);
  if (envelope != NULL)
    {
      derive_audit_key (self);
      self->has_box_public = TRUE;
    }
  else
    g_clear_pointer (&self->master_key, sodium_free);
  g_mutex_unlock (&self->mutex);

  return envelope;
}

gboolean
mp_vault_unlock (MpVault                *self,
                 const char             *passphrase,
                 const MpVaultEnvelope  *envelope,
                 GError                **error)
{
  return mp_vault_unlock_upgrading (self, passphrase, envelope, NULL, error);
}

gboolean
mp_vault_unlock_upgrading (MpVault                *self,
                           const char             *passphrase,
                           const MpVaultEnvelope  *envelope,
                           MpVaultEnvelope       **upgraded,
                           GError                **error)
{
  guint8 *wrapping_key;
  guint8 *secret;
  guint8 *master_key;
  g_autofree char *ad = NULL;
  gsize sealed_len = 0;
  const guint8 *sealed;
  unsigned long long key_len = 0;
  gboolean boxed;
  guint8 box_public[crypto_box_PUBLICKEYBYTES];

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (envelope != NULL, FALSE);

  boxed = envelope->box_public != NULL || envelope->master_box != NULL;
  sealed = g_bytes_get_data (envelope->sealed, &sealed_len);
  if (sealed_len != NONCE_BYTES + KEY_BYTES + TAG_BYTES ||
      (boxed && (envelope->box_public == NULL || envelope->master_box == NULL ||
                 g_bytes_get_size (envelope->box_public) != crypto_box_PUBLICKEYBYTES ||
                 g_bytes_get_size (envelope->master_box) != crypto_box_SEALBYTES + KEY_BYTES)))
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                           _("The stored master key is damaged."));
      return FALSE;
    }

  wrapping_key = _mp_vault_secure_key_new ();
  if (!derive_wrapping_key (passphrase, envelope, wrapping_key, error))
    {
      sodium_free (wrapping_key);
      return FALSE;
    }

  ad = envelope_ad (envelope);
  secret = _mp_vault_secure_key_new ();
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (secret, &key_len, NULL,
                                                  sealed + NONCE_BYTES, sealed_len - NONCE_BYTES,
                                                  (const guint8 *) ad, strlen (ad),
                                                  sealed, wrapping_key) != 0)
    {
      sodium_free (wrapping_key);
      sodium_free (secret);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase is not correct."));
      return FALSE;
    }

  if (boxed)
    {
      /* The secret is the box key's; the master key is sealed to it. */
      master_key = _mp_vault_secure_key_new ();
      crypto_scalarmult_base (box_public, secret);
      if (sodium_memcmp (box_public, g_bytes_get_data (envelope->box_public, NULL),
                         sizeof box_public) != 0 ||
          crypto_box_seal_open (master_key, g_bytes_get_data (envelope->master_box, NULL),
                                g_bytes_get_size (envelope->master_box), box_public, secret) != 0)
        {
          sodium_free (wrapping_key);
          sodium_free (secret);
          sodium_free (master_key);
          g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                               _("The stored master key is damaged."));
          return FALSE;
        }
      sodium_free (secret);
    }
  else
    master_key = secret;
  sodium_free (wrapping_key);

  mp_vault_lock (self);
  g_mutex_lock (&self->mutex);
  self->master_key = master_key;
  derive_audit_key (self);
  if (boxed)
    {
      memcpy (self->box_public, box_public, sizeof box_public);
      self->has_box_public = TRUE;
    }
  else if (upgraded != NULL)
    {
      /* A desk from before the box key: give it one, under the same
       * passphrase, so that its master key can be rotated at an erase. */
      *upgraded = _mp_vault_make_box_envelope (self->master_key, passphrase, self->box_public, NULL);
      self->has_box_public = *upgraded != NULL;
    }
  g_mutex_unlock (&self->mutex);

  return TRUE;
}

MpVaultEnvelope *
mp_vault_rewrap (MpVault     *self,
                 const char  *new_passphrase,
                 GError     **error)
{
  MpVaultEnvelope *envelope = NULL;
  guint8 box_public[crypto_box_PUBLICKEYBYTES];

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (new_passphrase != NULL, NULL);

  if (*new_passphrase == '\0')
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }

  g_mutex_lock (&self->mutex);
  if (self->master_key == NULL)
    g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED, _("The desk is locked."));
  else
    envelope = _mp_vault_make_box_envelope (self->master_key, new_passphrase, box_public, error);
  if (envelope != NULL)
    {
      memcpy (self->box_public, box_public, sizeof box_public);
      self->has_box_public = TRUE;
    }
  g_mutex_unlock (&self->mutex);

  return envelope;
}

static void
free_exported_key (gpointer data)
{
  sodium_free (data);
}

GBytes *
mp_vault_export_key (MpVault  *self,
                     GError  **error)
{
  gsize length = sodium_base64_ENCODED_LEN (KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
  char *encoded;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);

  g_mutex_lock (&self->mutex);
  if (self->master_key == NULL)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED, _("The desk is locked."));
      return NULL;
    }
  encoded = sodium_malloc (length);
  if (encoded == NULL)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_OUT_OF_MEMORY,
                           _("There is not enough memory for the key."));
      return NULL;
    }
  sodium_bin2base64 (encoded, length, self->master_key, KEY_BYTES,
                     sodium_base64_VARIANT_ORIGINAL);
  g_mutex_unlock (&self->mutex);

  return g_bytes_new_with_free_func (encoded, strlen (encoded), free_exported_key, encoded);
}

gboolean
mp_vault_unlock_with_key (MpVault     *self,
                          const char  *encoded,
                          GError     **error)
{
  guint8 *master_key;
  size_t key_len = 0;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);
  g_return_val_if_fail (encoded != NULL, FALSE);

  master_key = _mp_vault_secure_key_new ();
  if (sodium_base642bin (master_key, KEY_BYTES, encoded, strlen (encoded), NULL, &key_len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0 ||
      key_len != KEY_BYTES)
    {
      sodium_free (master_key);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE,
                           _("The stored key is not a key of this desk."));
      return FALSE;
    }

  mp_vault_lock (self);
  g_mutex_lock (&self->mutex);
  self->master_key = master_key;
  derive_audit_key (self);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

static char *
case_key_ad (gint64 key_id)
{
  return g_strdup_printf ("meldpunt|case-key|v1|%" G_GINT64_FORMAT, key_id);
}

gboolean
_mp_vault_require_unlocked (MpVault  *self,
                  GError  **error)
{
  if (self->master_key != NULL)
    return TRUE;
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED, _("The desk is locked."));
  return FALSE;
}

GBytes *
mp_vault_new_case_key (MpVault  *self,
                       gint64    key_id,
                       GError  **error)
{
  g_autofree char *ad = case_key_ad (key_id);
  guint8 *key;
  GBytes *wrapped = NULL;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);

  g_mutex_lock (&self->mutex);
  if (_mp_vault_require_unlocked (self, error))
    {
      key = case_key_slot (self);
      crypto_aead_xchacha20poly1305_ietf_keygen (key);
      wrapped = _mp_vault_seal_with (self->master_key, ad, key, KEY_BYTES);
      g_hash_table_replace (self->case_keys, g_memdup2 (&key_id, sizeof key_id), key);
    }
  g_mutex_unlock (&self->mutex);

  return wrapped;
}

gboolean
mp_vault_load_case_key (MpVault  *self,
                        gint64    key_id,
                        GBytes   *wrapped,
                        GError  **error)
{
  g_autofree char *ad = case_key_ad (key_id);
  g_autoptr(GBytes) plain = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);
  g_return_val_if_fail (wrapped != NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (g_hash_table_contains (self->case_keys, &key_id))
    ok = TRUE;
  else if (_mp_vault_require_unlocked (self, error) &&
           (plain = _mp_vault_open_with (self->master_key, ad, wrapped, error)) != NULL)
    {
      if (g_bytes_get_size (plain) == KEY_BYTES)
        {
          guint8 *key = case_key_slot (self);

          memcpy (key, g_bytes_get_data (plain, NULL), KEY_BYTES);
          g_hash_table_replace (self->case_keys, g_memdup2 (&key_id, sizeof key_id), key);
          ok = TRUE;
        }
      else
        g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                             _("A stored case key is damaged."));
      /* The plaintext copy of the key lives in ordinary memory: wipe it. */
      sodium_memzero ((void *) g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

gboolean
mp_vault_has_case_key (MpVault *self,
                       gint64   key_id)
{
  gboolean has;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  has = g_hash_table_contains (self->case_keys, &key_id);
  g_mutex_unlock (&self->mutex);
  return has;
}

void
mp_vault_forget_case_key (MpVault *self,
                          gint64   key_id)
{
  g_return_if_fail (MP_IS_VAULT (self));

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->case_keys, &key_id);
  g_mutex_unlock (&self->mutex);
}

static char *
field_ad (gint64      key_id,
          const char *table,
          const char *column,
          gint64      row_id)
{
  return g_strdup_printf ("meldpunt|field|v1|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                          table, column, row_id, key_id);
}

static const guint8 *
lookup_case_key (MpVault  *self,
                 gint64    key_id,
                 GError  **error)
{
  const guint8 *key;

  if (!_mp_vault_require_unlocked (self, error))
    return NULL;
  key = g_hash_table_lookup (self->case_keys, &key_id);
  if (key == NULL)
    g_set_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                 _("The key of this case is not available."));
  return key;
}

GBytes *
mp_vault_seal (MpVault     *self,
               gint64       key_id,
               const char  *table,
               const char  *column,
               gint64       row_id,
               const void  *data,
               gsize        length,
               GError     **error)
{
  g_autofree char *ad = field_ad (key_id, table, column, row_id);
  const guint8 *key;
  GBytes *sealed = NULL;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  g_mutex_lock (&self->mutex);
  if ((key = lookup_case_key (self, key_id, error)) != NULL)
    sealed = _mp_vault_seal_with (key, ad, data != NULL ? data : "", length);
  g_mutex_unlock (&self->mutex);

  return sealed;
}

GBytes *
mp_vault_open (MpVault     *self,
               gint64       key_id,
               const char  *table,
               const char  *column,
               gint64       row_id,
               GBytes      *sealed,
               GError     **error)
{
  g_autofree char *ad = field_ad (key_id, table, column, row_id);
  const guint8 *key;
  GBytes *plain = NULL;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  g_mutex_lock (&self->mutex);
  if ((key = lookup_case_key (self, key_id, error)) != NULL)
    plain = _mp_vault_open_with (key, ad, sealed, error);
  g_mutex_unlock (&self->mutex);

  return plain;
}

/* The associated data of field_ad() into @buf; FALSE if it does not fit. */
static gboolean
field_ad_into (char        *buf,
               gsize        size,
               gint64       key_id,
               const char  *table,
               const char  *column,
               gint64       row_id)
{
  int n = g_snprintf (buf, size, "meldpunt|field|v1|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                      table, column, row_id, key_id);

  return n > 0 && (gsize) n < size;
}

/* _mp_vault_open_with() into a new NUL-terminated string; NULL (and @error) if it
 * fails its integrity check. */
static char *
open_text_with (const guint8  *key,
                const char    *ad,
                gsize          ad_len,
                const guint8  *data,
                gsize          sealed_len,
                GError       **error)
{
  unsigned long long out_len = 0;
  char *out;

  if (sealed_len < NONCE_BYTES + TAG_BYTES)
    goto tampered;
  out = g_malloc (sealed_len - NONCE_BYTES - TAG_BYTES + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt ((guint8 *) out, &out_len, NULL,
                                                  data + NONCE_BYTES, sealed_len - NONCE_BYTES,
                                                  (const guint8 *) ad, ad_len, data, key) != 0)
    {
      g_free (out);
      goto tampered;
    }
  out[out_len] = '\0';
  return out;

tampered:
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                       _("Stored confidential data failed its integrity check: "
                         "it was changed or moved outside Meldpunt."));
  return NULL;
}

/* Unwraps the case key @key_id from @wrapped straight into protected
 * memory; with the mutex held. */
static const guint8 *
load_case_key_locked (MpVault       *self,
                      gint64         key_id,
                      const guint8  *wrapped,
                      gsize          wrapped_len,
                      GError       **error)
{
  char ad[64];
  unsigned long long key_len = 0;
  guint8 *key;

  g_snprintf (ad, sizeof ad, "meldpunt|case-key|v1|%" G_GINT64_FORMAT, key_id);
  if (wrapped_len != NONCE_BYTES + KEY_BYTES + TAG_BYTES)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("A stored case key is damaged."));
      return NULL;
    }
  key = case_key_slot (self);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (key, &key_len, NULL,
                                                  wrapped + NONCE_BYTES, wrapped_len - NONCE_BYTES,
                                                  (const guint8 *) ad, strlen (ad), wrapped,
                                                  self->master_key) != 0 ||
      key_len != KEY_BYTES)
    {
      /* Give the slot back: it is the last one taken. */
      sodium_memzero (key, KEY_BYTES);
      self->slab_used--;
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("Stored confidential data failed its integrity check: "
                             "it was changed or moved outside Meldpunt."));
      return NULL;
    }
  g_hash_table_replace (self->case_keys, g_memdup2 (&key_id, sizeof key_id), key);
  return key;
}

/* Copies case key @key_id (loading it from @wrapped first if needed) into
 * @copy; FALSE and @error when it is not available. */
static gboolean
copy_case_key (MpVault       *self,
               gint64         key_id,
               const guint8  *wrapped,
               gsize          wrapped_len,
               guint8         copy[KEY_BYTES],
               GError       **error)
{
  const guint8 *key = NULL;
  gboolean ok = TRUE;

  g_mutex_lock (&self->mutex);
  if (!_mp_vault_require_unlocked (self, error))
    ok = FALSE;
  else if ((key = g_hash_table_lookup (self->case_keys, &key_id)) == NULL)
    {
      if (wrapped != NULL && wrapped_len > 0)
        ok = (key = load_case_key_locked (self, key_id, wrapped, wrapped_len, error)) != NULL;
      else
        {
          g_set_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                       _("The key of this case is not available."));
          ok = FALSE;
        }
    }
  if (ok)
    memcpy (copy, key, KEY_BYTES);
  g_mutex_unlock (&self->mutex);
  return ok;
}

gboolean
mp_vault_open_case_fields (MpVault            *self,
                           gint64              key_id,
                           const guint8       *wrapped,
                           gsize               wrapped_len,
                           const MpVaultField *fields,
                           guint               n_fields,
                           char              **texts,
                           GError            **error)
{
  const guint8 *key = NULL;
  guint8 key_copy[KEY_BYTES];
  gboolean ok = TRUE;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);
  g_return_val_if_fail (texts != NULL || n_fields == 0, FALSE);

  for (guint i = 0; i < n_fields; i++)
    texts[i] = NULL;

  /* Decrypt with a copy of the key, outside the vault's lock, so that two
   * threads loading cases do not take turns (mp_vault_lock() may wipe the
   * original meanwhile). The copy is wiped below. */
  ok = copy_case_key (self, key_id, wrapped, wrapped_len, key_copy, error);
  key = key_copy;

  for (guint i = 0; ok && i < n_fields; i++)
    {
      char ad[256];
      g_autofree char *long_ad = NULL;
      const char *use_ad = ad;

      if (fields[i].sealed == NULL)
        continue;
      if (!field_ad_into (ad, sizeof ad, key_id, fields[i].table, fields[i].column, fields[i].row_id))
        use_ad = long_ad = field_ad (key_id, fields[i].table, fields[i].column, fields[i].row_id);
      texts[i] = open_text_with (key, use_ad, strlen (use_ad), fields[i].sealed, fields[i].sealed_len,
                                 error);
      ok = texts[i] != NULL;
    }
  sodium_memzero (key_copy, sizeof key_copy);

  if (!ok)
    for (guint i = 0; i < n_fields; i++)
      g_clear_pointer (&texts[i], g_free);
  return ok;
}

GBytes *
mp_vault_seal_stream (MpVault     *self,
                      gint64       key_id,
                      const char  *table,
                      gint64       row_id,
                      GBytes      *content,
                      GError     **error)
{
  g_autofree char *ad = field_ad (key_id, table, "content", row_id);
  crypto_secretstream_xchacha20poly1305_state state;
  const guint8 *key;
  const guint8 *data;
  gsize length = 0;
  gsize offset = 0;
  GByteArray *out;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (content != NULL, NULL);

  g_mutex_lock (&self->mutex);
  key = lookup_case_key (self, key_id, error);
  if (key == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return NULL;
    }

  data = g_bytes_get_data (content, &length);
  out = g_byte_array_sized_new (crypto_secretstream_xchacha20poly1305_HEADERBYTES + length +
                                (length / STREAM_CHUNK + 1) * crypto_secretstream_xchacha20poly1305_ABYTES);
  g_byte_array_set_size (out, crypto_secretstream_xchacha20poly1305_HEADERBYTES);
  crypto_secretstream_xchacha20poly1305_init_push (&state, out->data, key);
  g_mutex_unlock (&self->mutex);

  do
    {
      gsize chunk = MIN (STREAM_CHUNK, length - offset);
      gboolean last = offset + chunk >= length;
      guint old_len = out->len;

      g_byte_array_set_size (out, old_len + chunk + crypto_secretstream_xchacha20poly1305_ABYTES);
      /* The location is bound into the first chunk only; the stream chains the rest. */
      crypto_secretstream_xchacha20poly1305_push (&state, out->data + old_len, NULL,
                                                  data + offset, chunk,
                                                  offset == 0 ? (const guint8 *) ad : NULL,
                                                  offset == 0 ? strlen (ad) : 0,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      offset += chunk;
    }
  while (offset < length);

  sodium_memzero (&state, sizeof state);
  return g_byte_array_free_to_bytes (out);
}

GBytes *
mp_vault_open_stream (MpVault     *self,
                      gint64       key_id,
                      const char  *table,
                      gint64       row_id,
                      GBytes      *sealed,
                      GError     **error)
{
  g_autofree char *ad = field_ad (key_id, table, "content", row_id);
  crypto_secretstream_xchacha20poly1305_state state;
  const guint8 *key;
  const guint8 *data;
  gsize length = 0;
  gsize offset = crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gboolean final = FALSE;
  gboolean init_ok;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  data = g_bytes_get_data (sealed, &length);

  g_mutex_lock (&self->mutex);
  key = lookup_case_key (self, key_id, error);
  init_ok = key != NULL && length >= offset &&
            crypto_secretstream_xchacha20poly1305_init_pull (&state, data, key) == 0;
  g_mutex_unlock (&self->mutex);
  if (key == NULL)
    return NULL;
  if (!init_ok)
    goto tampered;

  while (offset < length && !final)
    {
      gsize chunk = MIN (STREAM_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES, length - offset);
      guint old_len = out->len;
      unsigned long long plain_len = 0;
      guint8 tag = 0;

      if (chunk < crypto_secretstream_xchacha20poly1305_ABYTES)
        goto tampered;
      g_byte_array_set_size (out, old_len + chunk);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, out->data + old_len, &plain_len, &tag,
                                                      data + offset, chunk,
                                                      old_len == 0 && offset == crypto_secretstream_xchacha20poly1305_HEADERBYTES
                                                        ? (const guint8 *) ad : NULL,
                                                      offset == crypto_secretstream_xchacha20poly1305_HEADERBYTES
                                                        ? strlen (ad) : 0) != 0)
        goto tampered;
      g_byte_array_set_size (out, old_len + plain_len);
      offset += chunk;
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }

  /* A stream cut short, or with data after its final chunk, is refused. */
  if (!final || offset != length)
    goto tampered;

  sodium_memzero (&state, sizeof state);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));

tampered:
  sodium_memzero (&state, sizeof state);
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                       _("A stored attachment failed its integrity check: "
                         "it was changed or cut short outside Meldpunt."));
  return NULL;
}

gboolean
mp_vault_fingerprint (MpVault       *self,
                      gint64         key_id,
                      const void    *data,
                      gsize          length,
                      guint8         out[MP_VAULT_FINGERPRINT_BYTES],
                      GError       **error)
{
  const guint8 *key;
  guint8 *subkey;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  g_mutex_lock (&self->mutex);
  if (key_id != 0)
    key = lookup_case_key (self, key_id, error);
  else
    key = _mp_vault_require_unlocked (self, error) ? self->audit_key : NULL;
  if (key == NULL)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  subkey = _mp_vault_secure_key_new ();
  crypto_kdf_derive_from_key (subkey, KEY_BYTES, FINGERPRINT_SUBKEY, "mpfprnt_", key);
  G_STATIC_ASSERT (MP_VAULT_FINGERPRINT_BYTES >= crypto_generichash_BYTES_MIN);
  crypto_generichash (out, MP_VAULT_FINGERPRINT_BYTES, data, length, subkey, KEY_BYTES);
  sodium_free (subkey);
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

gboolean
mp_vault_audit_mac (MpVault       *self,
                    const void    *data,
                    gsize          length,
                    const guint8  *previous,
                    guint8         out[MP_VAULT_MAC_BYTES],
                    GError       **error)
{
  crypto_generichash_state state;
  gboolean ok;

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);

  g_mutex_lock (&self->mutex);
  ok = _mp_vault_require_unlocked (self, error);
  if (ok)
    {
      static const guint8 genesis[MP_VAULT_MAC_BYTES] = { 0 };

      crypto_generichash_init (&state, self->audit_key, KEY_BYTES, MP_VAULT_MAC_BYTES);
      crypto_generichash_update (&state, previous != NULL ? previous : genesis, MP_VAULT_MAC_BYTES);
      crypto_generichash_update (&state, data, length);
      crypto_generichash_final (&state, out, MP_VAULT_MAC_BYTES);
    }
  g_mutex_unlock (&self->mutex);

  return ok;
}

/* ---- sealed rows (issue 18) ------------------------------------------------ */

/* A sealed row binds where it lives and which write made it: table, column,
 * row id, key id and the row's version, which grows with every write of
 * the row, so that an older ciphertext put back is refused. */
static char *
row_ad (gint64      key_id,
        const char *table,
        const char *column,
        gint64      row_id,
        gint64      version)
{
  return g_strdup_printf ("meldpunt|row|v2|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%" G_GINT64_FORMAT, table, column, row_id, key_id, version);
}

GBytes *
mp_vault_seal_row (MpVault     *self,
                   gint64       key_id,
                   const char  *table,
                   const char  *column,
                   gint64       row_id,
                   gint64       version,
                   const void  *data,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *ad = row_ad (key_id, table, column, row_id, version);
  const guint8 *key;
  GBytes *sealed = NULL;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  g_mutex_lock (&self->mutex);
  if ((key = lookup_case_key (self, key_id, error)) != NULL)
    sealed = _mp_vault_seal_with (key, ad, data != NULL ? data : "", length);
  g_mutex_unlock (&self->mutex);

  return sealed;
}

GBytes *
mp_vault_open_row (MpVault       *self,
                   gint64         key_id,
                   const guint8  *wrapped,
                   gsize          wrapped_len,
                   const char    *table,
                   const char    *column,
                   gint64         row_id,
                   gint64         version,
                   const guint8  *sealed,
                   gsize          sealed_len,
                   GError       **error)
{
  guint8 key[KEY_BYTES];
  char ad[256];
  int n;
  guint8 *out;
  unsigned long long out_len = 0;

  g_return_val_if_fail (MP_IS_VAULT (self), NULL);

  if (sealed == NULL || sealed_len < NONCE_BYTES + TAG_BYTES)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("Stored confidential data is missing or cut short: "
                             "it was changed outside Meldpunt."));
      return NULL;
    }
  n = g_snprintf (ad, sizeof ad, "meldpunt|row|v2|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                  "|%" G_GINT64_FORMAT, table, column, row_id, key_id, version);
  if (n <= 0 || (gsize) n >= sizeof ad)
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED, "table name too long");
      return NULL;
    }
  /* Decrypt outside the lock, as mp_vault_open_case_fields() does. */
  if (!copy_case_key (self, key_id, wrapped, wrapped_len, key, error))
    return NULL;
  out = g_malloc (sealed_len - NONCE_BYTES - TAG_BYTES + 1);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (out, &out_len, NULL,
                                                  sealed + NONCE_BYTES, sealed_len - NONCE_BYTES,
                                                  (const guint8 *) ad, (gsize) n, sealed, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      g_free (out);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("Stored confidential data failed its integrity check: "
                             "it was changed or moved outside Meldpunt."));
      return NULL;
    }
  sodium_memzero (key, sizeof key);
  out[out_len] = '\0';
  return g_bytes_new_take (out, out_len);
}

gboolean
mp_vault_case_mac (MpVault       *self,
                   gint64         key_id,
                   const void    *data,
                   gsize          length,
                   guint8         out[MP_VAULT_MAC_BYTES],
                   GError       **error)
{
  guint8 key[KEY_BYTES];
  guint8 subkey[KEY_BYTES];

  g_return_val_if_fail (MP_IS_VAULT (self), FALSE);

  if (!copy_case_key (self, key_id, NULL, 0, key, error))
    return FALSE;
  /* A key of its own for the MAC, derived from the case key. */
  crypto_kdf_derive_from_key (subkey, sizeof subkey, 1, "mpcasmac", key);
  crypto_generichash (out, MP_VAULT_MAC_BYTES, data, length, subkey, sizeof subkey);
  sodium_memzero (key, sizeof key);
  sodium_memzero (subkey, sizeof subkey);
  return TRUE;
}
