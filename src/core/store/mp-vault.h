/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#ifdef MP_RULES_COMPILATION
# error "The rules (src/core) must not use the vault: pass them values instead."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

#define MP_VAULT_MAC_BYTES 32

/* How the passphrase was stretched: stored beside the wrapped master key and
 * bound into its associated data, so it cannot be swapped for weaker values. */
typedef struct
{
  guint64  opslimit;
  guint64  memlimit;
  gint     alg;
  GBytes  *salt;
  GBytes  *sealed;   /* nonce || wrapped master key (v1), or box key's secret half (v2) */
  /* v2 (NULL in v1): the box key's public half, bound into the wrap, and
   * the master key sealed to it (crypto_box_seal). A rotation at an erase
   * changes only master_box; then the other fields are NULL. */
  GBytes  *box_public;
  GBytes  *master_box;
} MpVaultEnvelope;

void             mp_vault_envelope_free (MpVaultEnvelope *envelope);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpVaultEnvelope, mp_vault_envelope_free)

#define MP_TYPE_VAULT (mp_vault_get_type ())
G_DECLARE_FINAL_TYPE (MpVault, mp_vault, MP, VAULT, GObject)

MpVault         *mp_vault_new                (void);
gboolean         mp_vault_is_unlocked        (MpVault          *self);
void             mp_vault_lock               (MpVault          *self);

/* Makes a new random master key and wraps it under @passphrase.
 * Returns: (transfer full): the envelope to store. */
MpVaultEnvelope *mp_vault_create             (MpVault          *self,
                                              const char       *passphrase,
                                              GError          **error);
gboolean         mp_vault_unlock             (MpVault          *self,
                                              const char       *passphrase,
                                              const MpVaultEnvelope *envelope,
                                              GError          **error);
/* As mp_vault_unlock(); for a v1 envelope, *@upgraded (if not NULL)
 * receives a v2 envelope of the same master key under the same passphrase
 * for the caller to store, or NULL. */
gboolean         mp_vault_unlock_upgrading   (MpVault          *self,
                                              const char       *passphrase,
                                              const MpVaultEnvelope *envelope,
                                              MpVaultEnvelope **upgraded,
                                              GError          **error);
/* Wraps the unlocked master key under a new passphrase. Case keys and
 * ciphertexts stay as they are. Returns: (transfer full). */
MpVaultEnvelope *mp_vault_rewrap             (MpVault          *self,
                                              const char       *new_passphrase,
                                              GError          **error);

/* The unlocked master key as base64 text (NUL-terminated), for the login
 * keyring. The bytes live in guarded memory and are wiped when the GBytes is
 * freed. Returns: (transfer full) */
GBytes          *mp_vault_export_key         (MpVault          *self,
                                              GError          **error);
/* Takes @encoded (as from mp_vault_export_key()) as the master key. It
 * cannot tell whether the key fits a desk: the store checks that. */
gboolean         mp_vault_unlock_with_key    (MpVault          *self,
                                              const char       *encoded,
                                              GError          **error);

/* Case keys: a random key per case, wrapped by the master key.
 * Returns: (transfer full): the wrapped key to store. */
GBytes          *mp_vault_new_case_key       (MpVault          *self,
                                              gint64            key_id,
                                              GError          **error);
gboolean         mp_vault_load_case_key      (MpVault          *self,
                                              gint64            key_id,
                                              GBytes           *wrapped,
                                              GError          **error);
gboolean         mp_vault_has_case_key       (MpVault          *self,
                                              gint64            key_id);
void             mp_vault_forget_case_key    (MpVault          *self,
                                              gint64            key_id);

/* Field encryption, bound to where the ciphertext lives.
 * Returns: (transfer full): nonce || ciphertext. */
GBytes          *mp_vault_seal               (MpVault          *self,
                                              gint64            key_id,
                                              const char       *table,
                                              const char       *column,
                                              gint64            row_id,
                                              const void       *data,
                                              gsize             length,
                                              GError          **error);
/* Returns: (transfer full): the plaintext, NUL-terminated past its length. */
GBytes          *mp_vault_open               (MpVault          *self,
                                              gint64            key_id,
                                              const char       *table,
                                              const char       *column,
                                              gint64            row_id,
                                              GBytes           *sealed,
                                              GError          **error);

/* A sealed field of a case to open with mp_vault_open_case_fields(). */
typedef struct
{
  const char   *table;
  const char   *column;
  gint64        row_id;
  const guint8 *sealed;      /* nonce || ciphertext; NULL: no value */
  gsize         sealed_len;
} MpVaultField;

/* Opens @n_fields fields sealed with case key @key_id in one go (one lock,
 * one key lookup, no copies: what loading every case at unlock needs).
 * If @wrapped is not NULL and the key is not loaded yet, loads it from
 * there first (as mp_vault_load_case_key()). @texts[i] receives the
 * NUL-terminated plaintext of @fields[i] (g_free()), or NULL where it has
 * no value. On failure every @texts[i] is NULL. */
gboolean         mp_vault_open_case_fields   (MpVault            *self,
                                              gint64              key_id,
                                              const guint8       *wrapped,
                                              gsize               wrapped_len,
                                              const MpVaultField *fields,
                                              guint               n_fields,
                                              char              **texts,
                                              GError            **error);

/* Attachment contents, as a secretstream with a final tag.
 * Returns: (transfer full): header || chunks. */
GBytes          *mp_vault_seal_stream        (MpVault          *self,
                                              gint64            key_id,
                                              const char       *table,
                                              gint64            row_id,
                                              GBytes           *content,
                                              GError          **error);
GBytes          *mp_vault_open_stream        (MpVault          *self,
                                              gint64            key_id,
                                              const char       *table,
                                              gint64            row_id,
                                              GBytes           *sealed,
                                              GError          **error);

/* Keyed BLAKE2b over @data and @previous (may be NULL), for the audit chain. */
gboolean         mp_vault_audit_mac          (MpVault          *self,
                                              const void       *data,
                                              gsize             length,
                                              const guint8     *previous,
                                              guint8            out[MP_VAULT_MAC_BYTES],
                                              GError          **error);

/* The audit key (which also keys the Message-ID digests) stays the same
 * across master keys: it is kept sealed under the master key, bound to the
 * box key. Returns: (transfer full): the sealed audit key to store. */
GBytes          *mp_vault_seal_audit_key     (MpVault          *self,
                                              GError          **error);
/* After an unlock: takes the stored audit key and box key's public half
 * (both NULL for a desk from before them: the derived audit key stays). */
gboolean         mp_vault_open_desk_keys     (MpVault          *self,
                                              GBytes           *audit_sealed,
                                              GBytes           *box_public,
                                              GError          **error);

/* Master-key rotation: a new random master key, every case key re-wrapped
 * under it (mp_vault_rotate_rewrap() for each stored wrapped key), then
 * mp_vault_rotate_finish() with TRUE once all of it is stored, FALSE to
 * keep the current key. With @new_passphrase (a passphrase change) the box
 * key is new too; without, the new master key is sealed to the current box
 * key, which needs no passphrase (mp_vault_can_rotate()). Returns: (transfer
 * full): the envelope to store (see MpVaultEnvelope), and in @audit_sealed
 * the audit key sealed under the new master key. */
gboolean         mp_vault_can_rotate         (MpVault          *self);
MpVaultEnvelope *mp_vault_rotate_begin       (MpVault          *self,
                                              const char       *new_passphrase,
                                              GBytes          **audit_sealed,
                                              GError          **error);
GBytes          *mp_vault_rotate_rewrap      (MpVault          *self,
                                              gint64            key_id,
                                              const guint8     *wrapped,
                                              gsize             wrapped_len,
                                              GError          **error);
void             mp_vault_rotate_finish      (MpVault          *self,
                                              gboolean          commit);

/* Sealed rows (one AEAD blob per row), bound to table, column, row id, key
 * id and the row's @version, which grows with every write of the row.
 * Returns: (transfer full): nonce || ciphertext. */
GBytes          *mp_vault_seal_row           (MpVault          *self,
                                              gint64            key_id,
                                              const char       *table,
                                              const char       *column,
                                              gint64            row_id,
                                              gint64            version,
                                              const void       *data,
                                              gsize             length,
                                              GError          **error);
/* Opens what mp_vault_seal_row() sealed; loads the case key from
 * @wrapped first if it is not loaded and @wrapped is not NULL. Safe to
 * call from several threads. Returns: (transfer full): the plaintext,
 * NUL-terminated past its length. */
GBytes          *mp_vault_open_row           (MpVault          *self,
                                              gint64            key_id,
                                              const guint8     *wrapped,
                                              gsize             wrapped_len,
                                              const char       *table,
                                              const char       *column,
                                              gint64            row_id,
                                              gint64            version,
                                              const guint8     *sealed,
                                              gsize             sealed_len,
                                              GError          **error);
/* Keyed BLAKE2b with a key derived from case key @key_id: the MAC over a
 * case's record set, and the tags that find a sealed row by its name. */
gboolean         mp_vault_case_mac           (MpVault          *self,
                                              gint64            key_id,
                                              const void       *data,
                                              gsize             length,
                                              guint8            out[MP_VAULT_MAC_BYTES],
                                              GError          **error);

#define MP_VAULT_FINGERPRINT_BYTES 16

/* A keyed fingerprint of @data for the audit trail (never the value
 * itself). With @key_id a subkey of that case key: the same value in two
 * cases gives two fingerprints, and once the case key is erased no guess
 * can be checked against it. With @key_id 0 a subkey of the audit key, for
 * entries of no case. The one place the audit's fingerprint keys come
 * from, so a change to how the vault keeps its keys needs only this. */
gboolean         mp_vault_fingerprint        (MpVault          *self,
                                              gint64            key_id,
                                              const void       *data,
                                              gsize             length,
                                              guint8            out[MP_VAULT_FINGERPRINT_BYTES],
                                              GError          **error);

/* TRUE when MELDPUNT_TEST_CHEAP_KDF is set: tests use cheap key derivation
 * for new databases. The defaults are never weakened. */
gboolean         mp_vault_uses_test_kdf      (void);
/* The Argon2id parameters a new passphrase envelope gets today (cheap ones
 * under MELDPUNT_TEST_CHEAP_KDF in a test build). */
void             mp_vault_kdf_parameters     (guint64          *opslimit,
                                              guint64          *memlimit,
                                              gint             *alg);
/* Argon2id of @passphrase with @salt (crypto_pwhash_SALTBYTES) into @out;
 * the parameters must have been checked. Fails only for want of memory,
 * with a clear MP_VAULT_ERROR_OUT_OF_MEMORY. */
gboolean         mp_vault_derive_key         (const char       *passphrase,
                                              const guint8     *salt,
                                              guint64           opslimit,
                                              guint64           memlimit,
                                              gint              alg,
                                              guint8           *out,
                                              gsize             out_len,
                                              GError          **error);

G_END_DECLS
