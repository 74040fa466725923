/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The stored forms, all numbers big-endian:
 *
 *   public part  "MPMP" | version 1 (u8) | X25519 public key (32)
 *                | Ed25519 public key (32) | name length (u16) | name
 *                | e-mail length (u16) | e-mail           (UTF-8, no NUL)
 *
 *   sealed keys  "MPMK" | version 1 (u8) | Argon2 algorithm (u8)
 *                | opslimit (u64) | memlimit (u64) | salt (16)
 *                | public part length (u32) | public part
 *                | nonce (24) | XChaCha20-Poly1305 of X25519 secret key (32)
 *                  || Ed25519 secret key (64)
 *
 *   The associated data of the sealed keys is everything before the
 *   nonce: the key derivation's parameters, its salt and the public part
 *   cannot be changed without the passphrase failing.
 *
 *   desk key     crypto_box_seal of "MPDK" | version 1 (u8)
 *                | generation (i64) | key (32)
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-member-keys.h"
#include "mp-vault.h"

#define BOX_SECRET_BYTES   crypto_box_SECRETKEYBYTES
#define SIGN_SECRET_BYTES  crypto_sign_SECRETKEYBYTES
#define SECRET_BYTES       (BOX_SECRET_BYTES + SIGN_SECRET_BYTES)
#define WRAP_KEY_BYTES     crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES        crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES          crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SALT_BYTES         crypto_pwhash_SALTBYTES
#define PUBLIC_MAGIC       "MPMP"
#define SEALED_MAGIC       "MPMK"
#define DESK_KEY_MAGIC     "MPDK"
#define FORMAT_VERSION     1
#define PUBLIC_FIXED_BYTES (4 + 1 + 2 * MP_MEMBER_PUBLIC_KEY_BYTES + 2 + 2)
#define SEALED_HEAD_BYTES  (4 + 1 + 1 + 8 + 8 + SALT_BYTES + 4)
#define DESK_KEY_PLAIN_BYTES (4 + 1 + 8 + MP_MEMBER_DESK_KEY_BYTES)
#define MAX_TEXT_BYTES     1024
#define FINGERPRINT_PREFIX "meldpunt|member-fingerprint|v1|"
#define SIGNATURE_PREFIX   "meldpunt|audit-entry|v1|"
/* Sealed keys may come from a shared server: parameters beyond these would
 * only make unlocking hang or run out of memory. */
#define MAX_OPSLIMIT       (4 * (guint64) crypto_pwhash_OPSLIMIT_SENSITIVE)
#define MAX_MEMLIMIT       ((guint64) crypto_pwhash_MEMLIMIT_SENSITIVE)

struct _MpMemberPublic
{
  GObject  parent_instance;

  guint8   box_key[MP_MEMBER_PUBLIC_KEY_BYTES];
  guint8   sign_key[MP_MEMBER_PUBLIC_KEY_BYTES];
  char    *name;
  char    *email;
};

struct _MpMemberKeys
{
  GObject         parent_instance;

  GMutex          mutex;
  MpMemberPublic *public;
  GBytes         *sealed;   /* what mp_member_keys_get_sealed() returns */
  guint8         *secret;   /* sodium_malloc: X25519 || Ed25519 secret keys; NULL while locked */
};

/* The parsed form of sealed keys; pointers into the sealed bytes. */
typedef struct
{
  gint          alg;
  guint64       opslimit;
  guint64       memlimit;
  const guint8 *salt;
  const guint8 *public;
  gsize         public_len;
  const guint8 *ad;
  gsize         ad_len;
  const guint8 *nonce;
  const guint8 *ciphertext;
  gsize         ciphertext_len;
} Envelope;

G_DEFINE_FINAL_TYPE (MpMemberPublic, mp_member_public, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (MpMemberKeys, mp_member_keys, G_TYPE_OBJECT)

static void
put_u16 (GByteArray *out,
         guint16     value)
{
  guint8 b[2] = { value >> 8, value & 0xff };

  g_byte_array_append (out, b, sizeof b);
}

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 be = GUINT32_TO_BE (value);

  g_byte_array_append (out, (const guint8 *) &be, sizeof be);
}

static void
put_u64 (GByteArray *out,
         guint64     value)
{
  guint64 be = GUINT64_TO_BE (value);

  g_byte_array_append (out, (const guint8 *) &be, sizeof be);
}

static guint64
get_be (const guint8 *data,
        guint         n_bytes)
{
  guint64 value = 0;

  for (guint i = 0; i < n_bytes; i++)
    value = (value << 8) | data[i];
  return value;
}

static gboolean
set_tampered (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED, message);
  return FALSE;
}

/* A name or address as stored: UTF-8 without NUL, not too long. */
static gboolean
text_is_valid (const char *text,
               gsize       length)
{
  return length <= MAX_TEXT_BYTES && g_utf8_validate_len (text, length, NULL);
}

static gboolean
has_visible_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

static guint8 *
secure_alloc (gsize size)
{
  guint8 *data = sodium_malloc (size);

  if (data == NULL)
    g_error ("Out of protected memory for keys");
  return data;
}

static void
secure_free (gpointer data)
{
  sodium_free (data);
}

/* A GBytes over guarded memory that is wiped when it is freed. */
static GBytes *
secure_bytes_new (const guint8 *data,
                  gsize         size)
{
  guint8 *copy = secure_alloc (size);

  memcpy (copy, data, size);
  return g_bytes_new_with_free_func (copy, size, secure_free, copy);
}

static MpMemberPublic *
member_public_new (const guint8 *box_key,
                   const guint8 *sign_key,
                   const char   *name,
                   gsize         name_len,
                   const char   *email,
                   gsize         email_len)
{
  MpMemberPublic *self = g_object_new (MP_TYPE_MEMBER_PUBLIC, NULL);

  memcpy (self->box_key, box_key, MP_MEMBER_PUBLIC_KEY_BYTES);
  memcpy (self->sign_key, sign_key, MP_MEMBER_PUBLIC_KEY_BYTES);
  self->name = g_strndup (name, name_len);
  self->email = g_strndup (email, email_len);
  return self;
}

/* Whether @key is a point crypto_box can seal to: a low-order point
 * would make the shared secret predictable, and libsodium refuses it. */
static gboolean
box_key_is_usable (const guint8 *key)
{
  guint8 probe_secret[crypto_scalarmult_SCALARBYTES];
  guint8 shared[crypto_scalarmult_BYTES];
  gboolean usable;

  randombytes_buf (probe_secret, sizeof probe_secret);
  usable = crypto_scalarmult (shared, probe_secret, key) == 0;
  sodium_memzero (probe_secret, sizeof probe_secret);
  sodium_memzero (shared, sizeof shared);
  return usable;
}

static gboolean
parse_envelope (GBytes    *sealed,
                Envelope  *envelope,
                GError   **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (sealed, &length);
  guint64 public_len;

  if (length < SEALED_HEAD_BYTES || memcmp (data, SEALED_MAGIC, 4) != 0 ||
      data[4] != FORMAT_VERSION)
    return set_tampered (error, _("The stored member keys are damaged or not member keys."));

  envelope->alg = data[5];
  envelope->opslimit = get_be (data + 6, 8);
  envelope->memlimit = get_be (data + 14, 8);
  envelope->salt = data + 22;
  public_len = get_be (data + 22 + SALT_BYTES, 4);
  if (public_len > length - SEALED_HEAD_BYTES ||
      length - SEALED_HEAD_BYTES - public_len != NONCE_BYTES + SECRET_BYTES + TAG_BYTES)
    return set_tampered (error, _("The stored member keys are damaged or not member keys."));

  envelope->public = data + SEALED_HEAD_BYTES;
  envelope->public_len = public_len;
  envelope->ad = data;
  envelope->ad_len = SEALED_HEAD_BYTES + public_len;
  envelope->nonce = data + envelope->ad_len;
  envelope->ciphertext = envelope->nonce + NONCE_BYTES;
  envelope->ciphertext_len = SECRET_BYTES + TAG_BYTES;

  if (envelope->alg != crypto_pwhash_ALG_ARGON2ID13 ||
      envelope->opslimit < crypto_pwhash_OPSLIMIT_MIN || envelope->opslimit > MAX_OPSLIMIT ||
      envelope->memlimit < crypto_pwhash_MEMLIMIT_MIN || envelope->memlimit > MAX_MEMLIMIT)
    return set_tampered (error, _("The stored key parameters are damaged."));

  return TRUE;
}

/* Argon2id of @passphrase into @out (WRAP_KEY_BYTES of guarded memory). */
static gboolean
derive_wrapping_key (const char      *passphrase,
                     const Envelope  *envelope,
                     guint8          *out,
                     GError         **error)
{
  return mp_vault_derive_key (passphrase, envelope->salt, envelope->opslimit, envelope->memlimit,
                              envelope->alg, out, WRAP_KEY_BYTES, error);
}

/* Seals @secret under @passphrase with fresh salt and the parameters of the
 * day (cheap ones under MELDPUNT_TEST_CHEAP_KDF); with the public part. */
static GBytes *
seal_secret (MpMemberPublic  *public,
             const guint8    *secret,
             const char      *passphrase,
             GError         **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GBytes) public_bytes = mp_member_public_serialize (public);
  guint8 salt[SALT_BYTES];
  guint8 *wrapping_key;
  Envelope envelope = { 0 };
  gsize public_len = 0;
  const guint8 *public_data = g_bytes_get_data (public_bytes, &public_len);
  guint ad_len;
  unsigned long long ciphertext_len = 0;

  mp_vault_kdf_parameters (&envelope.opslimit, &envelope.memlimit, &envelope.alg);
  randombytes_buf (salt, sizeof salt);
  envelope.salt = salt;

  wrapping_key = secure_alloc (WRAP_KEY_BYTES);
  if (!derive_wrapping_key (passphrase, &envelope, wrapping_key, error))
    {
      sodium_free (wrapping_key);
      return NULL;
    }

  g_byte_array_append (out, (const guint8 *) SEALED_MAGIC, 4);
  g_byte_array_append (out, (const guint8[]) { FORMAT_VERSION, envelope.alg }, 2);
  put_u64 (out, envelope.opslimit);
  put_u64 (out, envelope.memlimit);
  g_byte_array_append (out, salt, sizeof salt);
  put_u32 (out, public_len);
  g_byte_array_append (out, public_data, public_len);
  ad_len = out->len;

  g_byte_array_set_size (out, ad_len + NONCE_BYTES + SECRET_BYTES + TAG_BYTES);
  randombytes_buf (out->data + ad_len, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out->data + ad_len + NONCE_BYTES, &ciphertext_len,
                                              secret, SECRET_BYTES, out->data, ad_len, NULL,
                                              out->data + ad_len, wrapping_key);
  sodium_free (wrapping_key);
  g_assert (ciphertext_len == SECRET_BYTES + TAG_BYTES);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Whether @secret holds the secret keys of @public's public keys. */
static gboolean
secret_matches_public (const guint8   *secret,
                       MpMemberPublic *public)
{
  guint8 box_key[crypto_box_PUBLICKEYBYTES];
  guint8 sign_key[crypto_sign_PUBLICKEYBYTES];

  crypto_scalarmult_base (box_key, secret);
  crypto_sign_ed25519_sk_to_pk (sign_key, secret + BOX_SECRET_BYTES);
  return sodium_memcmp (box_key, public->box_key, sizeof box_key) == 0 &&
         sodium_memcmp (sign_key, public->sign_key, sizeof sign_key) == 0;
}

static gboolean
require_unlocked (MpMemberKeys  *self,
                  GError       **error)
{
  if (self->secret != NULL)
    return TRUE;
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED,
                       _("Your member keys are locked."));
  return FALSE;
}

static GBytes *
signed_message (const void *data,
                gsize       length)
{
  gsize prefix_len = strlen (SIGNATURE_PREFIX);
  guint8 *message = g_malloc (prefix_len + length);

  memcpy (message, SIGNATURE_PREFIX, prefix_len);
  if (length > 0)
    memcpy (message + prefix_len, data, length);
  return g_bytes_new_take (message, prefix_len + length);
}

static void
mp_member_public_finalize (GObject *object)
{
  MpMemberPublic *self = MP_MEMBER_PUBLIC (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (mp_member_public_parent_class)->finalize (object);
}

static void
mp_member_public_class_init (MpMemberPublicClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_member_public_finalize;
}

static void
mp_member_public_init (MpMemberPublic *self)
{
}

static void
mp_member_keys_finalize (GObject *object)
{
  MpMemberKeys *self = MP_MEMBER_KEYS (object);

  mp_member_keys_lock (self);
  g_clear_object (&self->public);
  g_clear_pointer (&self->sealed, g_bytes_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (mp_member_keys_parent_class)->finalize (object);
}

static void
mp_member_keys_class_init (MpMemberKeysClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_member_keys_finalize;
}

static void
mp_member_keys_init (MpMemberKeys *self)
{
  g_mutex_init (&self->mutex);
}

MpMemberPublic *
mp_member_public_deserialize (GBytes  *bytes,
                              GError **error)
{
  gsize length = 0;
  const guint8 *data;
  const guint8 *box_key, *sign_key;
  const char *name, *email;
  gsize name_len, email_len, offset;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (length < PUBLIC_FIXED_BYTES || memcmp (data, PUBLIC_MAGIC, 4) != 0 ||
      data[4] != FORMAT_VERSION)
    goto damaged;

  box_key = data + 5;
  sign_key = box_key + MP_MEMBER_PUBLIC_KEY_BYTES;
  offset = 5 + 2 * MP_MEMBER_PUBLIC_KEY_BYTES;
  name_len = get_be (data + offset, 2);
  offset += 2;
  if (name_len > length - offset - 2)
    goto damaged;
  name = (const char *) data + offset;
  offset += name_len;
  email_len = get_be (data + offset, 2);
  offset += 2;
  if (email_len != length - offset)
    goto damaged;
  email = (const char *) data + offset;

  if (!text_is_valid (name, name_len) || !text_is_valid (email, email_len))
    goto damaged;
  if (!box_key_is_usable (box_key) || crypto_core_ed25519_is_valid_point (sign_key) != 1)
    goto damaged;

  return member_public_new (box_key, sign_key, name, name_len, email, email_len);

damaged:
  set_tampered (error, _("The public keys of a member are damaged."));
  return NULL;
}

GBytes *
mp_member_public_serialize (MpMemberPublic *self)
{
  GByteArray *out;
  gsize name_len, email_len;

  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);

  name_len = strlen (self->name);
  email_len = strlen (self->email);
  out = g_byte_array_sized_new (PUBLIC_FIXED_BYTES + name_len + email_len);
  g_byte_array_append (out, (const guint8 *) PUBLIC_MAGIC, 4);
  g_byte_array_append (out, (const guint8[]) { FORMAT_VERSION }, 1);
  g_byte_array_append (out, self->box_key, MP_MEMBER_PUBLIC_KEY_BYTES);
  g_byte_array_append (out, self->sign_key, MP_MEMBER_PUBLIC_KEY_BYTES);
  put_u16 (out, name_len);
  g_byte_array_append (out, (const guint8 *) self->name, name_len);
  put_u16 (out, email_len);
  g_byte_array_append (out, (const guint8 *) self->email, email_len);
  return g_byte_array_free_to_bytes (out);
}

const char *
mp_member_public_get_name (MpMemberPublic *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);
  return self->name;
}

const char *
mp_member_public_get_email (MpMemberPublic *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);
  return self->email;
}

const guint8 *
mp_member_public_get_box_key (MpMemberPublic *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);
  return self->box_key;
}

const guint8 *
mp_member_public_get_sign_key (MpMemberPublic *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);
  return self->sign_key;
}

gboolean
mp_member_public_same_keys (MpMemberPublic *self,
                            MpMemberPublic *other)
{
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), FALSE);
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (other), FALSE);

  return memcmp (self->box_key, other->box_key, MP_MEMBER_PUBLIC_KEY_BYTES) == 0 &&
         memcmp (self->sign_key, other->sign_key, MP_MEMBER_PUBLIC_KEY_BYTES) == 0;
}

char *
mp_member_public_get_fingerprint (MpMemberPublic *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);
  return mp_member_public_compute_fingerprint (self->box_key, self->sign_key);
}

GBytes *
mp_member_public_seal_desk_key (MpMemberPublic *self,
                                gint64          key_id,
                                const guint8   *desk_key)
{
  guint8 *plain;
  guint8 *sealed;
  guint64 id_be = GUINT64_TO_BE ((guint64) key_id);

  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), NULL);
  g_return_val_if_fail (desk_key != NULL, NULL);

  plain = secure_alloc (DESK_KEY_PLAIN_BYTES);
  memcpy (plain, DESK_KEY_MAGIC, 4);
  plain[4] = FORMAT_VERSION;
  memcpy (plain + 5, &id_be, 8);
  memcpy (plain + 13, desk_key, MP_MEMBER_DESK_KEY_BYTES);

  sealed = g_malloc (crypto_box_SEALBYTES + DESK_KEY_PLAIN_BYTES);
  /* The key was checked to be a usable point when it was read or made. */
  if (crypto_box_seal (sealed, plain, DESK_KEY_PLAIN_BYTES, self->box_key) != 0)
    g_error ("Could not seal the desk key to a member's public key");
  sodium_free (plain);

  return g_bytes_new_take (sealed, crypto_box_SEALBYTES + DESK_KEY_PLAIN_BYTES);
}

gboolean
mp_member_public_verify_audit_entry (MpMemberPublic  *self,
                                     const void      *data,
                                     gsize            length,
                                     GBytes          *signature,
                                     GError         **error)
{
  g_autoptr(GBytes) message = NULL;
  gsize message_len = 0;
  const guint8 *message_data;

  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (signature != NULL, FALSE);

  if (g_bytes_get_size (signature) != crypto_sign_BYTES)
    return set_tampered (error, _("An audit entry's signature is not the signature of its member."));

  message = signed_message (data, length);
  message_data = g_bytes_get_data (message, &message_len);
  if (crypto_sign_verify_detached (g_bytes_get_data (signature, NULL), message_data, message_len,
                                   self->sign_key) != 0)
    return set_tampered (error, _("An audit entry's signature is not the signature of its member."));

  return TRUE;
}

char *
mp_member_public_compute_fingerprint (const guint8 *box_key,
                                      const guint8 *sign_key)
{
  crypto_generichash_state state;
  guint8 hash[32];
  GString *out = g_string_sized_new (MP_MEMBER_FINGERPRINT_DIGITS + MP_MEMBER_FINGERPRINT_GROUPS);

  g_return_val_if_fail (box_key != NULL, NULL);
  g_return_val_if_fail (sign_key != NULL, NULL);

  crypto_generichash_init (&state, NULL, 0, sizeof hash);
  crypto_generichash_update (&state, (const guint8 *) FINGERPRINT_PREFIX, strlen (FINGERPRINT_PREFIX));
  crypto_generichash_update (&state, box_key, MP_MEMBER_PUBLIC_KEY_BYTES);
  crypto_generichash_update (&state, sign_key, MP_MEMBER_PUBLIC_KEY_BYTES);
  crypto_generichash_final (&state, hash, sizeof hash);

  /* 2^40 is 10,995,116 times 100,000 and a bit: the bias is negligible. */
  for (guint i = 0; i < MP_MEMBER_FINGERPRINT_GROUPS; i++)
    g_string_append_printf (out, "%s%05u", i > 0 ? " " : "",
                            (guint) (get_be (hash + 5 * i, 5) % 100000));

  return g_string_free (out, FALSE);
}

gboolean
mp_member_public_fingerprint_matches (const char *fingerprint,
                                      const char *typed)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  g_return_val_if_fail (fingerprint != NULL, FALSE);
  g_return_val_if_fail (typed != NULL, FALSE);

  for (const char *p = fingerprint; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (a, *p);
  for (const char *p = typed; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (b, *p);

  return a->len == MP_MEMBER_FINGERPRINT_DIGITS && g_str_equal (a->str, b->str);
}

MpMemberKeys *
mp_member_keys_generate (const char  *name,
                         const char  *email,
                         const char  *passphrase,
                         GError     **error)
{
  g_autoptr(MpMemberKeys) self = NULL;
  guint8 box_key[crypto_box_PUBLICKEYBYTES];
  guint8 sign_key[crypto_sign_PUBLICKEYBYTES];
  guint8 *secret;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (email == NULL)
    email = "";
  if (!has_visible_text (name))
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                           _("A member needs a name."));
      return NULL;
    }
  if (!text_is_valid (name, strlen (name)) || !text_is_valid (email, strlen (email)))
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED,
                           _("The name or e-mail address is too long or not valid text."));
      return NULL;
    }
  if (*passphrase == '\0')
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return NULL;
    }

  secret = secure_alloc (SECRET_BYTES);
  crypto_box_keypair (box_key, secret);
  crypto_sign_keypair (sign_key, secret + BOX_SECRET_BYTES);

  self = g_object_new (MP_TYPE_MEMBER_KEYS, NULL);
  self->public = member_public_new (box_key, sign_key, name, strlen (name), email, strlen (email));
  self->secret = secret;
  self->sealed = seal_secret (self->public, self->secret, passphrase, error);
  if (self->sealed == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

MpMemberKeys *
mp_member_keys_load (GBytes  *sealed,
                     GError **error)
{
  g_autoptr(MpMemberKeys) self = NULL;
  g_autoptr(GBytes) public_bytes = NULL;
  Envelope envelope;

  g_return_val_if_fail (sealed != NULL, NULL);

  if (!parse_envelope (sealed, &envelope, error))
    return NULL;

  self = g_object_new (MP_TYPE_MEMBER_KEYS, NULL);
  public_bytes = g_bytes_new_from_bytes (sealed, envelope.public - envelope.ad, envelope.public_len);
  self->public = mp_member_public_deserialize (public_bytes, error);
  if (self->public == NULL)
    return NULL;
  self->sealed = g_bytes_ref (sealed);

  return g_steal_pointer (&self);
}

GBytes *
mp_member_keys_get_sealed (MpMemberKeys *self)
{
  GBytes *sealed;

  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), NULL);

  g_mutex_lock (&self->mutex);
  sealed = g_bytes_ref (self->sealed);
  g_mutex_unlock (&self->mutex);
  return sealed;
}

MpMemberPublic *
mp_member_keys_get_public (MpMemberKeys *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), NULL);
  return self->public;
}

gboolean
mp_member_keys_is_unlocked (MpMemberKeys *self)
{
  gboolean unlocked;

  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), FALSE);

  g_mutex_lock (&self->mutex);
  unlocked = self->secret != NULL;
  g_mutex_unlock (&self->mutex);
  return unlocked;
}

gboolean
mp_member_keys_unlock (MpMemberKeys  *self,
                       const char    *passphrase,
                       GError       **error)
{
  g_autoptr(GBytes) sealed = NULL;
  Envelope envelope;
  guint8 *wrapping_key;
  guint8 *secret;
  unsigned long long secret_len = 0;

  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);

  sealed = mp_member_keys_get_sealed (self);
  if (!parse_envelope (sealed, &envelope, error))
    return FALSE;

  wrapping_key = secure_alloc (WRAP_KEY_BYTES);
  if (!derive_wrapping_key (passphrase, &envelope, wrapping_key, error))
    {
      sodium_free (wrapping_key);
      return FALSE;
    }

  secret = secure_alloc (SECRET_BYTES);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (secret, &secret_len, NULL,
                                                  envelope.ciphertext, envelope.ciphertext_len,
                                                  envelope.ad, envelope.ad_len,
                                                  envelope.nonce, wrapping_key) != 0)
    {
      sodium_free (wrapping_key);
      sodium_free (secret);
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE,
                           _("The passphrase does not open these member keys."));
      return FALSE;
    }
  sodium_free (wrapping_key);

  /* Authenticated, so written by someone who knew the passphrase; still,
   * keys that do not belong together would fail later in obscure ways. */
  if (secret_len != SECRET_BYTES || !secret_matches_public (secret, self->public))
    {
      sodium_free (secret);
      return set_tampered (error, _("The stored member keys are damaged or not member keys."));
    }

  g_mutex_lock (&self->mutex);
  g_clear_pointer (&self->secret, sodium_free);
  self->secret = secret;
  g_mutex_unlock (&self->mutex);

  return TRUE;
}

/**
 * mp_member_keys_lock:
 *
 * Wipes the secret keys; the public part and the sealed form stay.
 */
void
mp_member_keys_lock (MpMemberKeys *self)
{
  g_return_if_fail (MP_IS_MEMBER_KEYS (self));

  g_mutex_lock (&self->mutex);
  /* sodium_free() zeroes the memory before releasing it. */
  g_clear_pointer (&self->secret, sodium_free);
  g_mutex_unlock (&self->mutex);
}

gboolean
mp_member_keys_change_passphrase (MpMemberKeys  *self,
                                  const char    *new_passphrase,
                                  GError       **error)
{
  GBytes *sealed = NULL;

  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  if (*new_passphrase == '\0')
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE,
                           _("The passphrase is empty."));
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  if (require_unlocked (self, error))
    sealed = seal_secret (self->public, self->secret, new_passphrase, error);
  if (sealed != NULL)
    {
      g_bytes_unref (self->sealed);
      self->sealed = sealed;
    }
  g_mutex_unlock (&self->mutex);

  return sealed != NULL;
}

GBytes *
mp_member_keys_open_desk_key (MpMemberKeys  *self,
                              gint64         key_id,
                              GBytes        *sealed,
                              GError       **error)
{
  gsize sealed_len = 0;
  const guint8 *sealed_data;
  guint8 *plain;
  guint64 id_be = GUINT64_TO_BE ((guint64) key_id);
  gboolean opened = FALSE;
  GBytes *key = NULL;

  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), NULL);
  g_return_val_if_fail (sealed != NULL, NULL);

  sealed_data = g_bytes_get_data (sealed, &sealed_len);
  plain = secure_alloc (DESK_KEY_PLAIN_BYTES);

  g_mutex_lock (&self->mutex);
  if (!require_unlocked (self, error))
    {
      g_mutex_unlock (&self->mutex);
      sodium_free (plain);
      return NULL;
    }
  if (sealed_len == crypto_box_SEALBYTES + DESK_KEY_PLAIN_BYTES)
    opened = crypto_box_seal_open (plain, sealed_data, sealed_len,
                                   self->public->box_key, self->secret) == 0;
  g_mutex_unlock (&self->mutex);

  /* The generation inside the sealed box keeps an older desk key from
   * being handed out as the current one. */
  if (opened && memcmp (plain, DESK_KEY_MAGIC, 4) == 0 && plain[4] == FORMAT_VERSION &&
      memcmp (plain + 5, &id_be, 8) == 0)
    key = secure_bytes_new (plain + 13, MP_MEMBER_DESK_KEY_BYTES);
  else
    set_tampered (error, _("The desk key handed to you does not open with your member keys: "
                           "a coordinator has to confirm you again."));
  sodium_free (plain);

  return key;
}

GBytes *
mp_member_keys_sign_audit_entry (MpMemberKeys  *self,
                                 const void    *data,
                                 gsize          length,
                                 GError       **error)
{
  g_autoptr(GBytes) message = NULL;
  gsize message_len = 0;
  const guint8 *message_data;
  guint8 *signature = NULL;

  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  message = signed_message (data, length);
  message_data = g_bytes_get_data (message, &message_len);

  g_mutex_lock (&self->mutex);
  if (require_unlocked (self, error))
    {
      signature = g_malloc (crypto_sign_BYTES);
      crypto_sign_detached (signature, NULL, message_data, message_len,
                            self->secret + BOX_SECRET_BYTES);
    }
  g_mutex_unlock (&self->mutex);

  return signature != NULL ? g_bytes_new_take (signature, crypto_sign_BYTES) : NULL;
}
