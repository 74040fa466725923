/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The vault's parts share its instance and these helpers: mp-vault.c
 * (keys, unlock, sealing) and mp-vault-rotate.c (the kept audit key and
 * master-key rotation).
 */
#pragma once

#include <sodium.h>

#include "mp-vault.h"

G_BEGIN_DECLS

#define KEY_BYTES     crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES   crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES     crypto_aead_xchacha20poly1305_ietf_ABYTES

struct _MpVault
{
  GObject     parent_instance;

  GMutex      mutex;
  guint8     *master_key;     /* sodium_malloc, NULL while locked */
  guint8     *audit_key;      /* derived from the first master key, then kept sealed */
  /* The desk's box key: the passphrase opens its secret half, which opens
   * the master key sealed to its public half. A new master key is sealed
   * to the public half without the passphrase (at an erase). */
  guint8      box_public[crypto_box_PUBLICKEYBYTES];
  gboolean    has_box_public;
  /* While a rotation is under way: the master key to come, and its box key. */
  guint8     *next_master_key;
  guint8      next_box_public[crypto_box_PUBLICKEYBYTES];
  guint8     *rotate_scratch;  /* one case key at a time while re-wrapping */
  GHashTable *case_keys;      /* key id -> key inside a slab */
  GPtrArray  *slabs;          /* sodium_malloc'd arrays of SLAB_KEYS keys */
  guint       slab_used;      /* keys used in the last slab */
};

/* A key in its own guarded page (sodium_malloc). */
guint8          *_mp_vault_secure_key_new     (void);
/* nonce || ciphertext of @data under @key, bound to @ad. */
GBytes          *_mp_vault_seal_with          (const guint8  *key,
                                               const char    *ad,
                                               const void    *data,
                                               gsize          length);
GBytes          *_mp_vault_open_with          (const guint8  *key,
                                               const char    *ad,
                                               GBytes        *sealed,
                                               GError       **error);
/* With the vault's mutex held. */
gboolean         _mp_vault_require_unlocked   (MpVault       *self,
                                               GError       **error);
/* A new box key; @master sealed to its public half, which goes to
 * @box_public, in an envelope made under @passphrase. */
MpVaultEnvelope *_mp_vault_make_box_envelope  (const guint8  *master,
                                               const char    *passphrase,
                                               guint8         box_public[crypto_box_PUBLICKEYBYTES],
                                               GError       **error);

G_END_DECLS
