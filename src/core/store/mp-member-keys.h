/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A member of a shared desk and their keys: an X25519 key pair to receive
 * the desk key (crypto_box_seal) and an Ed25519 key pair to sign audit
 * entries. The secret keys are sealed under the member's own passphrase
 * (Argon2id, as the vault seals the master key) and live in guarded memory
 * while unlocked. The public part (both public keys, name and e-mail
 * address) is not secret: the server keeps it, and a coordinator confirms
 * it by its fingerprint before the desk key is sealed to it.
 */
#pragma once

#ifdef MP_RULES_COMPILATION
# error "The rules (src/core) must not use member keys: pass them values instead."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

/* The desk key handed to members: the vault's master key. */
#define MP_MEMBER_DESK_KEY_BYTES    32
#define MP_MEMBER_PUBLIC_KEY_BYTES  32
#define MP_MEMBER_SIGNATURE_BYTES   64
/* A fingerprint: 30 digits in 6 groups of 5, separated by spaces. */
#define MP_MEMBER_FINGERPRINT_GROUPS 6
#define MP_MEMBER_FINGERPRINT_DIGITS 30

/* The public part of a member's keys. */
#define MP_TYPE_MEMBER_PUBLIC (mp_member_public_get_type ())
G_DECLARE_FINAL_TYPE (MpMemberPublic, mp_member_public, MP, MEMBER_PUBLIC, GObject)

/* A member's secret keys, locked or unlocked, with their public part. */
#define MP_TYPE_MEMBER_KEYS (mp_member_keys_get_type ())
G_DECLARE_FINAL_TYPE (MpMemberKeys, mp_member_keys, MP, MEMBER_KEYS, GObject)

/* Reads a public part as mp_member_public_serialize() wrote it; refuses
 * anything else with MP_VAULT_ERROR_TAMPERED.
 * Returns: (transfer full) (nullable) */
MpMemberPublic *mp_member_public_deserialize      (GBytes          *bytes,
                                                   GError         **error);
/* Returns: (transfer full): the bytes to store. Not secret. */
GBytes         *mp_member_public_serialize        (MpMemberPublic  *self);
const char     *mp_member_public_get_name         (MpMemberPublic  *self);
const char     *mp_member_public_get_email        (MpMemberPublic  *self);
/* The X25519 and Ed25519 public keys (MP_MEMBER_PUBLIC_KEY_BYTES each). */
const guint8   *mp_member_public_get_box_key      (MpMemberPublic  *self);
const guint8   *mp_member_public_get_sign_key     (MpMemberPublic  *self);
/* TRUE when both hold the same two public keys (names are not compared). */
gboolean        mp_member_public_same_keys        (MpMemberPublic  *self,
                                                   MpMemberPublic  *other);
/* Returns: (transfer full): mp_member_public_compute_fingerprint() of its keys. */
char           *mp_member_public_get_fingerprint  (MpMemberPublic  *self);

/* Seals @desk_key (MP_MEMBER_DESK_KEY_BYTES) with its generation @key_id
 * to this member (crypto_box_seal): only their unlocked secret key opens it.
 * Returns: (transfer full): the sealed key to store beside the member. */
GBytes         *mp_member_public_seal_desk_key    (MpMemberPublic  *self,
                                                   gint64           key_id,
                                                   const guint8    *desk_key);
/* Checks @signature (as from mp_member_keys_sign_audit_entry()) over
 * @data; MP_VAULT_ERROR_TAMPERED when it is not this member's. */
gboolean        mp_member_public_verify_audit_entry (MpMemberPublic *self,
                                                     const void     *data,
                                                     gsize           length,
                                                     GBytes         *signature,
                                                     GError        **error);

/* The fingerprint of two public keys, to compare aloud or side by side:
 * BLAKE2b-256 (crypto_generichash, no key) over the ASCII text
 * "meldpunt|member-fingerprint|v1|" followed by @box_key and @sign_key;
 * of its output, bytes 5i..5i+4 read as a big-endian number modulo 100000
 * give group i (i = 0..5) as five digits with leading zeros; the groups are
 * joined by single spaces ("01234 56789 …", 35 characters).
 * Returns: (transfer full) */
char           *mp_member_public_compute_fingerprint (const guint8 *box_key,
                                                     const guint8 *sign_key);
/* TRUE when @typed names @fingerprint: its digits alone are compared, so
 * spaces, dashes and line breaks a person typed or pasted do not count. */
gboolean        mp_member_public_fingerprint_matches (const char   *fingerprint,
                                                      const char   *typed);

/* Makes new key pairs for a member and seals their secret keys under
 * @passphrase. The keys are unlocked afterwards.
 * Returns: (transfer full) (nullable) */
MpMemberKeys   *mp_member_keys_generate           (const char      *name,
                                                   const char      *email,
                                                   const char      *passphrase,
                                                   GError         **error);
/* The same in a worker thread (the key derivation is slow on purpose);
 * the _finish() returns (transfer full) (nullable). */
void            mp_member_keys_generate_async     (const char          *name,
                                                   const char          *email,
                                                   const char          *passphrase,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
MpMemberKeys   *mp_member_keys_generate_finish    (GAsyncResult        *result,
                                                   GError             **error);
/* Reads sealed keys as mp_member_keys_get_sealed() gave them; locked.
 * Returns: (transfer full) (nullable) */
MpMemberKeys   *mp_member_keys_load               (GBytes          *sealed,
                                                   GError         **error);
/* The secret keys sealed under the passphrase, with the public part in the
 * clear and bound to them: what to store. Returns: (transfer full) */
GBytes         *mp_member_keys_get_sealed         (MpMemberKeys    *self);
/* Returns: (transfer none): the public part. */
MpMemberPublic *mp_member_keys_get_public         (MpMemberKeys    *self);
gboolean        mp_member_keys_is_unlocked        (MpMemberKeys    *self);
/* MP_VAULT_ERROR_WRONG_PASSPHRASE when @passphrase does not open them. */
gboolean        mp_member_keys_unlock             (MpMemberKeys    *self,
                                                   const char      *passphrase,
                                                   GError         **error);
void            mp_member_keys_unlock_async       (MpMemberKeys        *self,
                                                   const char          *passphrase,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        mp_member_keys_unlock_finish      (MpMemberKeys        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Wipes the secret keys. */
void            mp_member_keys_lock               (MpMemberKeys    *self);
/* Seals the unlocked secret keys under @new_passphrase; afterwards
 * mp_member_keys_get_sealed() returns the new form. */
gboolean        mp_member_keys_change_passphrase  (MpMemberKeys    *self,
                                                   const char      *new_passphrase,
                                                   GError         **error);

/* Opens a desk key sealed to this member by mp_member_public_seal_desk_key()
 * and checks it is generation @key_id. MP_VAULT_ERROR_TAMPERED when it was
 * not sealed to these keys or is another generation.
 * Returns: (transfer full): MP_MEMBER_DESK_KEY_BYTES bytes in guarded
 * memory, wiped when the GBytes is freed. */
GBytes         *mp_member_keys_open_desk_key      (MpMemberKeys    *self,
                                                   gint64           key_id,
                                                   GBytes          *sealed,
                                                   GError         **error);
/* Signs an audit entry's bytes (Ed25519, detached).
 * Returns: (transfer full): MP_MEMBER_SIGNATURE_BYTES bytes. */
GBytes         *mp_member_keys_sign_audit_entry   (MpMemberKeys    *self,
                                                   const void      *data,
                                                   gsize            length,
                                                   GError         **error);

G_END_DECLS
