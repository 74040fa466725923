/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-member-keys.h"
#include "mp-vault.h"

/* Offsets in the sealed form (see the comment atop mp-member-keys.c). */
#define SEALED_OPSLIMIT_AT   6
#define SEALED_PUBLIC_AT     (4 + 1 + 1 + 8 + 8 + crypto_pwhash_SALTBYTES + 4)

static MpMemberKeys *
generate (const char *name,
          const char *email,
          const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  MpMemberKeys *keys = mp_member_keys_generate (name, email, passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (keys);
  return keys;
}

/* A copy of @bytes with the bits @mask of the byte at @offset flipped. */
static GBytes *
flip_bits (GBytes *bytes,
           gsize   offset,
           guint8  mask)
{
  gsize length = g_bytes_get_size (bytes);
  guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), length);

  g_assert_cmpuint (offset, <, length);
  copy[offset] ^= mask;
  return g_bytes_new_take (copy, length);
}

static GBytes *
flip_byte (GBytes *bytes,
           gsize   offset)
{
  return flip_bits (bytes, offset, 0x01);
}

static void
test_generate (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna de Vries", "anna@example.nl", "anna's passphrase");
  g_autoptr(MpMemberKeys) bram = generate ("Bram Jansen", NULL, "bram's passphrase");
  g_autoptr(GBytes) sealed = mp_member_keys_get_sealed (anna);
  MpMemberPublic *public = mp_member_keys_get_public (anna);
  const guint8 *data;
  gsize length = 0;
  guint64 opslimit;

  g_assert_true (mp_member_keys_is_unlocked (anna));
  g_assert_cmpstr (mp_member_public_get_name (public), ==, "Anna de Vries");
  g_assert_cmpstr (mp_member_public_get_email (public), ==, "anna@example.nl");
  g_assert_cmpstr (mp_member_public_get_email (mp_member_keys_get_public (bram)), ==, "");

  /* Two key pairs per member, and every member their own. */
  g_assert_true (memcmp (mp_member_public_get_box_key (public),
                         mp_member_public_get_sign_key (public), MP_MEMBER_PUBLIC_KEY_BYTES) != 0);
  g_assert_false (mp_member_public_same_keys (public, mp_member_keys_get_public (bram)));
  g_assert_true (mp_member_public_same_keys (public, public));

  /* The sealed form carries the public part in the clear and the cheap
   * test parameters the tests ask for: never the passphrase. */
  data = g_bytes_get_data (sealed, &length);
  g_assert_nonnull (memmem (data, length, "Anna de Vries", 13));
  g_assert_nonnull (memmem (data, length, mp_member_public_get_box_key (public),
                            MP_MEMBER_PUBLIC_KEY_BYTES));
  g_assert_null (memmem (data, length, "anna's passphrase", 17));
  g_assert_true (mp_vault_uses_test_kdf ());
  memcpy (&opslimit, data + SEALED_OPSLIMIT_AT, sizeof opslimit);
  g_assert_cmpuint (GUINT64_FROM_BE (opslimit), ==, crypto_pwhash_OPSLIMIT_MIN);
}

static void
test_generate_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (2000, 'a');

  g_assert_null (mp_member_keys_generate ("  ", "a@example.nl", "pw", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (mp_member_keys_generate (long_name, "a@example.nl", "pw", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (mp_member_keys_generate ("Anna", "a@example.nl", "", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE);
}

/* A wrong passphrase says so, in the user's language, and leaves the keys
 * locked. */
static void
test_wrong_passphrase (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "right");
  g_autoptr(GBytes) sealed = mp_member_keys_get_sealed (anna);
  g_autoptr(MpMemberKeys) loaded = mp_member_keys_load (sealed, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = g_strdup (g_getenv ("LANGUAGE"));

  g_assert_nonnull (loaded);
  g_assert_false (mp_member_keys_is_unlocked (loaded));
  g_assert_false (mp_member_keys_unlock (loaded, "wrong", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==, "The passphrase does not open these member keys.");
  g_assert_false (mp_member_keys_is_unlocked (loaded));
  g_clear_error (&error);

  g_setenv ("LANGUAGE", "nl", TRUE);
  g_assert_false (mp_member_keys_unlock (loaded, "Right", &error));
  g_setenv ("LANGUAGE", previous != NULL ? previous : "en", TRUE);
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==,
                   "Deze wachtwoordzin opent de sleutels van dit lid niet.");
  g_clear_error (&error);

  g_assert_true (mp_member_keys_unlock (loaded, "right", &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna de Vries", "anna@example.nl", "right");
  g_autoptr(GBytes) sealed = mp_member_keys_get_sealed (anna);
  g_autoptr(MpMemberKeys) loaded = NULL;
  g_autoptr(GBytes) public_bytes = NULL;
  g_autoptr(MpMemberPublic) public = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *entry = "case CVD-2026-0001 answered scope.asset_owner=yes";

  /* The sealed keys read back, locked, with the same public part. */
  loaded = mp_member_keys_load (sealed, &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_public_same_keys (mp_member_keys_get_public (loaded),
                                             mp_member_keys_get_public (anna)));
  g_assert_cmpstr (mp_member_public_get_name (mp_member_keys_get_public (loaded)), ==,
                   "Anna de Vries");
  g_assert_cmpstr (mp_member_public_get_email (mp_member_keys_get_public (loaded)), ==,
                   "anna@example.nl");

  /* Unlocked, they are the same secret keys: what one signs, the other's
   * public part verifies. */
  g_assert_true (mp_member_keys_unlock (loaded, "right", &error));
  g_assert_no_error (error);
  signature = mp_member_keys_sign_audit_entry (loaded, entry, strlen (entry), &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_public_verify_audit_entry (mp_member_keys_get_public (anna),
                                                      entry, strlen (entry), signature, &error));
  g_assert_no_error (error);

  /* The public part alone: serialised, read back, the same bytes again. */
  public_bytes = mp_member_public_serialize (mp_member_keys_get_public (anna));
  public = mp_member_public_deserialize (public_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_public_same_keys (public, mp_member_keys_get_public (anna)));
  g_assert_cmpstr (mp_member_public_get_name (public), ==, "Anna de Vries");
  g_assert_cmpstr (mp_member_public_get_email (public), ==, "anna@example.nl");
  again = mp_member_public_serialize (public);
  g_assert_true (g_bytes_equal (again, public_bytes));
}

static void
test_change_passphrase (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "", "old");
  g_autoptr(GBytes) old_sealed = mp_member_keys_get_sealed (anna);
  g_autoptr(GBytes) new_sealed = NULL;
  g_autoptr(MpMemberKeys) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_member_keys_change_passphrase (anna, "new", &error));
  g_assert_no_error (error);
  new_sealed = mp_member_keys_get_sealed (anna);
  g_assert_false (g_bytes_equal (old_sealed, new_sealed));

  loaded = mp_member_keys_load (new_sealed, &error);
  g_assert_no_error (error);
  g_assert_false (mp_member_keys_unlock (loaded, "old", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (mp_member_keys_unlock (loaded, "new", &error));
  g_assert_no_error (error);
  g_assert_true (mp_member_public_same_keys (mp_member_keys_get_public (loaded),
                                             mp_member_keys_get_public (anna)));

  /* Locked keys cannot be sealed again. */
  mp_member_keys_lock (anna);
  g_assert_false (mp_member_keys_change_passphrase (anna, "newer", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
}

/* Every byte before the secret keys' ciphertext is bound to it: the
 * parameters, the salt and the public part (a server cannot swap in its own
 * public keys under a member's sealed secret keys). */
static void
test_sealed_tampering (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "right");
  g_autoptr(MpMemberKeys) bert = generate ("Bert", "bert@example.nl", "right");
  g_autoptr(GBytes) sealed = mp_member_keys_get_sealed (anna);
  g_autoptr(GBytes) bert_public = mp_member_public_serialize (mp_member_keys_get_public (bert));
  gsize length = g_bytes_get_size (sealed);
  struct {
    gsize    offset;
    guint8   mask;
    gboolean may_be_refused;
  } changes[] = {
    { SEALED_OPSLIMIT_AT + 7, 0x02, FALSE },        /* opslimit 1 -> 3 */
    { SEALED_OPSLIMIT_AT + 8 + 7, 0x01, FALSE },    /* memlimit 8192 -> 8193 */
    { SEALED_OPSLIMIT_AT + 16, 0x01, FALSE },       /* salt */
    { SEALED_PUBLIC_AT + 5 + 40, 0x01, TRUE },      /* the Ed25519 public key */
    { SEALED_PUBLIC_AT + 5 + 64 + 2, 0x01, FALSE }, /* the name */
    { length - 40, 0x01, FALSE },                   /* the ciphertext */
    { length - 1, 0x01, FALSE },                    /* the tag */
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr(GBytes) changed = flip_bits (sealed, changes[i].offset, changes[i].mask);
      g_autoptr(MpMemberKeys) loaded = NULL;
      g_autoptr(GError) error = NULL;

      /* A changed public key may not be a valid point any more: then it is
       * refused at once; otherwise the passphrase no longer opens it. */
      loaded = mp_member_keys_load (changed, &error);
      if (loaded == NULL && changes[i].may_be_refused)
        {
          g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
          continue;
        }
      g_assert_no_error (error);
      g_assert_false (mp_member_keys_unlock (loaded, "right", &error));
      g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
      g_assert_false (mp_member_keys_is_unlocked (loaded));
    }

  /* Bert's public part (of the same length) in place of Anna's. */
  {
    g_autoptr(GByteArray) swapped = g_byte_array_new ();
    g_autoptr(GBytes) swapped_bytes = NULL;
    g_autoptr(MpMemberKeys) loaded = NULL;
    g_autoptr(GError) error = NULL;
    gsize public_len = g_bytes_get_size (bert_public);

    g_byte_array_append (swapped, g_bytes_get_data (sealed, NULL), length);
    memcpy (swapped->data + SEALED_PUBLIC_AT, g_bytes_get_data (bert_public, NULL), public_len);
    swapped_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&swapped));
    loaded = mp_member_keys_load (swapped_bytes, &error);
    g_assert_no_error (error);
    g_assert_false (mp_member_keys_unlock (loaded, "right", &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  }

  /* Cut short, lengthened, or not member keys at all. */
  {
    g_autoptr(GBytes) short_bytes = g_bytes_new_from_bytes (sealed, 0, length - 1);
    g_autoptr(GByteArray) longer = g_byte_array_new ();
    g_autoptr(GBytes) long_bytes = NULL;
    g_autoptr(GBytes) other = g_bytes_new_static ("MPMP\1 not sealed keys", 21);
    g_autoptr(GBytes) huge = NULL;
    g_autoptr(GByteArray) huge_array = g_byte_array_new ();
    g_autoptr(GError) error = NULL;
    guint64 too_much = GUINT64_TO_BE ((guint64) 64 * 1024 * 1024 * 1024);

    g_assert_null (mp_member_keys_load (short_bytes, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
    g_clear_error (&error);

    g_byte_array_append (longer, g_bytes_get_data (sealed, NULL), length);
    g_byte_array_append (longer, (const guint8 *) "x", 1);
    long_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
    g_assert_null (mp_member_keys_load (long_bytes, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
    g_clear_error (&error);

    g_assert_null (mp_member_keys_load (other, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
    g_clear_error (&error);

    /* A memory limit no desk would choose: refused, not tried. */
    g_byte_array_append (huge_array, g_bytes_get_data (sealed, NULL), length);
    memcpy (huge_array->data + SEALED_OPSLIMIT_AT + 8, &too_much, 8);
    huge = g_byte_array_free_to_bytes (g_steal_pointer (&huge_array));
    g_assert_null (mp_member_keys_load (huge, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  }
}

static void
test_public_refused (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "pw");
  g_autoptr(GBytes) public_bytes = mp_member_public_serialize (mp_member_keys_get_public (anna));
  gsize length = g_bytes_get_size (public_bytes);
  g_autoptr(GBytes) short_bytes = g_bytes_new_from_bytes (public_bytes, 0, length - 1);
  g_autoptr(GByteArray) bad = g_byte_array_new ();
  g_autoptr(GBytes) bad_bytes = NULL;
  g_autoptr(GBytes) zero_key = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (mp_member_public_deserialize (short_bytes, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* A name that is not UTF-8. */
  g_byte_array_append (bad, g_bytes_get_data (public_bytes, NULL), length);
  bad->data[5 + 64 + 2] = 0xff;
  bad_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&bad));
  g_assert_null (mp_member_public_deserialize (bad_bytes, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* An X25519 key of low order (all zeroes): nothing could be sealed to it
   * that only its member opens. */
  {
    guint8 *data = g_memdup2 (g_bytes_get_data (public_bytes, NULL), length);

    memset (data + 5, 0, MP_MEMBER_PUBLIC_KEY_BYTES);
    zero_key = g_bytes_new_take (data, length);
  }
  g_assert_null (mp_member_public_deserialize (zero_key, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
}

/* The documented construction (mp-member-keys.h), checked against values
 * computed outside Meldpunt, with Python's hashlib:
 *   blake2b(b"meldpunt|member-fingerprint|v1|" + box + sign, digest_size=32)
 * and each group int.from_bytes(h[5*i:5*i+5], "big") % 100000. */
static void
test_fingerprint_vector (void)
{
  guint8 box_key[MP_MEMBER_PUBLIC_KEY_BYTES];
  guint8 sign_key[MP_MEMBER_PUBLIC_KEY_BYTES];
  g_autofree char *counting = NULL;
  g_autofree char *zeroes = NULL;

  for (guint i = 0; i < MP_MEMBER_PUBLIC_KEY_BYTES; i++)
    {
      box_key[i] = i;
      sign_key[i] = 32 + i;
    }
  counting = mp_member_public_compute_fingerprint (box_key, sign_key);
  g_assert_cmpstr (counting, ==, "14608 99910 54692 11259 41102 87703");

  /* A group with a leading zero keeps it. */
  memset (box_key, 0, sizeof box_key);
  memset (sign_key, 0, sizeof sign_key);
  zeroes = mp_member_public_compute_fingerprint (box_key, sign_key);
  g_assert_cmpstr (zeroes, ==, "38367 03057 53454 44781 31609 94352");
}

static void
test_fingerprint_distinct (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "pw");
  g_autoptr(MpMemberKeys) same_name = generate ("Anna", "anna@example.nl", "pw");
  g_autoptr(GBytes) sealed = mp_member_keys_get_sealed (anna);
  g_autoptr(MpMemberKeys) loaded = mp_member_keys_load (sealed, NULL);
  g_autofree char *fingerprint = mp_member_public_get_fingerprint (mp_member_keys_get_public (anna));
  g_autofree char *other = mp_member_public_get_fingerprint (mp_member_keys_get_public (same_name));
  g_autofree char *reloaded = mp_member_public_get_fingerprint (mp_member_keys_get_public (loaded));
  g_autofree char *typed = NULL;
  g_autofree char *one_off = g_strdup (fingerprint);
  guint8 box_key[MP_MEMBER_PUBLIC_KEY_BYTES] = { 0 };
  guint8 sign_key[MP_MEMBER_PUBLIC_KEY_BYTES] = { 0 };
  g_autofree char *base = NULL;
  g_autofree char *swapped = NULL;

  g_assert_true (g_regex_match_simple ("^[0-9]{5}( [0-9]{5}){5}$", fingerprint, 0, 0));

  /* The same member's keys read back: the same fingerprint; another key
   * pair, even under the same name: another one. */
  g_assert_cmpstr (fingerprint, ==, reloaded);
  g_assert_cmpstr (fingerprint, !=, other);

  /* Each key counts, and so does which is which. */
  base = mp_member_public_compute_fingerprint (box_key, sign_key);
  sign_key[31] = 1;
  swapped = mp_member_public_compute_fingerprint (sign_key, box_key);
  g_assert_cmpstr (base, !=, swapped);
  g_clear_pointer (&swapped, g_free);
  swapped = mp_member_public_compute_fingerprint (box_key, sign_key);
  g_assert_cmpstr (base, !=, swapped);

  /* Typed with other separators, it still matches; one digit off does not. */
  typed = g_strdelimit (g_strdup (fingerprint), " ", '-');
  g_assert_true (mp_member_public_fingerprint_matches (fingerprint, typed));
  g_assert_true (mp_member_public_fingerprint_matches (fingerprint, fingerprint));
  one_off[0] = one_off[0] == '9' ? '0' : one_off[0] + 1;
  g_assert_false (mp_member_public_fingerprint_matches (fingerprint, one_off));
  g_assert_false (mp_member_public_fingerprint_matches (fingerprint, ""));
  g_assert_false (mp_member_public_fingerprint_matches ("", ""));
}

/* Decodes the vault's exported master key (base64 text) into bytes. */
static void
master_key_bytes (MpVault *vault,
                  guint8   out[MP_MEMBER_DESK_KEY_BYTES])
{
  g_autoptr(GBytes) text = mp_vault_export_key (vault, NULL);
  gsize length = 0;
  const char *encoded = g_bytes_get_data (text, &length);
  size_t key_len = 0;

  g_assert_cmpint (sodium_base642bin (out, MP_MEMBER_DESK_KEY_BYTES, encoded, length, NULL,
                                      &key_len, NULL, sodium_base64_VARIANT_ORIGINAL), ==, 0);
  g_assert_cmpuint (key_len, ==, MP_MEMBER_DESK_KEY_BYTES);
}

/* A vault unlocked with the desk key a member opened. */
static MpVault *
vault_from_desk_key (GBytes *desk_key)
{
  char encoded[sodium_base64_ENCODED_LEN (MP_MEMBER_DESK_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  g_autoptr(GError) error = NULL;
  MpVault *vault = mp_vault_new ();

  g_assert_cmpuint (g_bytes_get_size (desk_key), ==, MP_MEMBER_DESK_KEY_BYTES);
  sodium_bin2base64 (encoded, sizeof encoded, g_bytes_get_data (desk_key, NULL),
                     MP_MEMBER_DESK_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
  g_assert_true (mp_vault_unlock_with_key (vault, encoded, &error));
  g_assert_no_error (error);
  sodium_memzero (encoded, sizeof encoded);
  return vault;
}

static void
test_desk_key_seal_open (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "pw");
  g_autoptr(MpMemberKeys) bram = generate ("Bram", "bram@example.nl", "pw");
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GError) error = NULL;
  guint8 desk_key[MP_MEMBER_DESK_KEY_BYTES];

  randombytes_buf (desk_key, sizeof desk_key);
  sealed = mp_member_public_seal_desk_key (mp_member_keys_get_public (anna), 3, desk_key);
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                         desk_key, sizeof desk_key));

  opened = mp_member_keys_open_desk_key (anna, 3, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened),
                   desk_key, sizeof desk_key);

  /* Another generation than the one sealed: refused, so an old desk key
   * cannot be passed off as the current one. */
  g_assert_null (mp_member_keys_open_desk_key (anna, 4, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* Another member's keys open nothing sealed to Anna. */
  g_assert_null (mp_member_keys_open_desk_key (bram, 3, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  flipped = flip_byte (sealed, g_bytes_get_size (sealed) - 5);
  g_assert_null (mp_member_keys_open_desk_key (anna, 3, flipped, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* Locked keys open nothing. */
  mp_member_keys_lock (anna);
  g_assert_null (mp_member_keys_open_desk_key (anna, 3, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
}

/* A desk of Anna and Bram; Bram leaves. The coordinator makes a new desk
 * key (a new master key), seals it to Anna alone and re-wraps the case keys
 * under it. Bram, with his keys and the old desk key he kept, opens neither
 * the new desk key nor a case written afterwards. */
static void
test_desk_key_removal (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "anna");
  g_autoptr(MpMemberKeys) bram = generate ("Bram", "bram@example.nl", "bram");
  g_autoptr(MpVault) first = mp_vault_new ();
  g_autoptr(MpVault) second = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) first_envelope = NULL;
  g_autoptr(MpVaultEnvelope) second_envelope = NULL;
  g_autoptr(GBytes) to_anna_1 = NULL, to_bram_1 = NULL, to_anna_2 = NULL;
  g_autoptr(GBytes) bram_kept = NULL, anna_key_2 = NULL;
  g_autoptr(MpVault) bram_vault = NULL, anna_vault = NULL;
  g_autoptr(GBytes) before_key = NULL, before = NULL;
  g_autoptr(GBytes) after_key = NULL, after = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  guint8 desk_key_1[MP_MEMBER_DESK_KEY_BYTES];
  guint8 desk_key_2[MP_MEMBER_DESK_KEY_BYTES];

  /* Generation 1, sealed to both; a case written then. */
  first_envelope = mp_vault_create (first, "unused", &error);
  g_assert_no_error (error);
  master_key_bytes (first, desk_key_1);
  to_anna_1 = mp_member_public_seal_desk_key (mp_member_keys_get_public (anna), 1, desk_key_1);
  to_bram_1 = mp_member_public_seal_desk_key (mp_member_keys_get_public (bram), 1, desk_key_1);
  before_key = mp_vault_new_case_key (first, 10, &error);
  before = mp_vault_seal (first, 10, "cases", "description", 10, "before", 6, &error);
  g_assert_no_error (error);

  bram_kept = mp_member_keys_open_desk_key (bram, 1, to_bram_1, &error);
  g_assert_no_error (error);
  bram_vault = vault_from_desk_key (bram_kept);
  g_assert_true (mp_vault_load_case_key (bram_vault, 10, before_key, &error));
  g_assert_no_error (error);

  /* Bram removed: generation 2 for Anna only, and a case written after. */
  second_envelope = mp_vault_create (second, "unused", &error);
  g_assert_no_error (error);
  master_key_bytes (second, desk_key_2);
  g_assert_true (memcmp (desk_key_1, desk_key_2, sizeof desk_key_1) != 0);
  to_anna_2 = mp_member_public_seal_desk_key (mp_member_keys_get_public (anna), 2, desk_key_2);
  after_key = mp_vault_new_case_key (second, 11, &error);
  after = mp_vault_seal (second, 11, "cases", "description", 11, "after", 5, &error);
  g_assert_no_error (error);

  /* Anna opens generation 2 and the new case. */
  anna_key_2 = mp_member_keys_open_desk_key (anna, 2, to_anna_2, &error);
  g_assert_no_error (error);
  anna_vault = vault_from_desk_key (anna_key_2);
  g_assert_true (mp_vault_load_case_key (anna_vault, 11, after_key, &error));
  plain = mp_vault_open (anna_vault, 11, "cases", "description", 11, after, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "after", 5);

  /* Bram: neither with his keys (the only sealed copy is Anna's), nor his
   * old generation passed as the new one, nor with the old desk key. */
  g_assert_null (mp_member_keys_open_desk_key (bram, 2, to_anna_2, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (mp_member_keys_open_desk_key (bram, 2, to_bram_1, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (mp_vault_load_case_key (bram_vault, 11, after_key, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);

  sodium_memzero (desk_key_1, sizeof desk_key_1);
  sodium_memzero (desk_key_2, sizeof desk_key_2);
}

static void
test_signatures (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "pw");
  g_autoptr(MpMemberKeys) bram = generate ("Bram", "bram@example.nl", "pw");
  MpMemberPublic *anna_public = mp_member_keys_get_public (anna);
  MpMemberPublic *bram_public = mp_member_keys_get_public (bram);
  const char *entry = "2026-12-07T23:00:00Z|anna|case.set|CVD-2026-0007|title";
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GBytes) bram_signature = NULL;
  g_autoptr(GBytes) flipped_signature = NULL;
  g_autoptr(GBytes) empty_signature = NULL;
  g_autoptr(GBytes) short_signature = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = g_strdup (entry);

  signature = mp_member_keys_sign_audit_entry (anna, entry, strlen (entry), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (signature), ==, MP_MEMBER_SIGNATURE_BYTES);
  g_assert_true (mp_member_public_verify_audit_entry (anna_public, entry, strlen (entry),
                                                      signature, &error));
  g_assert_no_error (error);

  /* Anna's signature is not Bram's, nor Bram's Anna's. */
  g_assert_false (mp_member_public_verify_audit_entry (bram_public, entry, strlen (entry),
                                                       signature, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  bram_signature = mp_member_keys_sign_audit_entry (bram, entry, strlen (entry), &error);
  g_assert_no_error (error);
  g_assert_false (mp_member_public_verify_audit_entry (anna_public, entry, strlen (entry),
                                                       bram_signature, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* One flipped byte in the entry or in the signature; a signature cut
   * short; a signature over only part of the entry. */
  changed[strlen (changed) - 1] ^= 0x01;
  g_assert_false (mp_member_public_verify_audit_entry (anna_public, changed, strlen (changed),
                                                       signature, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  flipped_signature = flip_byte (signature, 17);
  g_assert_false (mp_member_public_verify_audit_entry (anna_public, entry, strlen (entry),
                                                       flipped_signature, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  short_signature = g_bytes_new_from_bytes (signature, 0, MP_MEMBER_SIGNATURE_BYTES - 1);
  g_assert_false (mp_member_public_verify_audit_entry (anna_public, entry, strlen (entry),
                                                       short_signature, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (mp_member_public_verify_audit_entry (anna_public, entry, strlen (entry) - 1,
                                                       signature, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* It signs an audit entry, not a bare message: a plain Ed25519 check of
   * the entry's bytes alone fails. */
  g_assert_cmpint (crypto_sign_verify_detached (g_bytes_get_data (signature, NULL),
                                                (const guint8 *) entry, strlen (entry),
                                                mp_member_public_get_sign_key (anna_public)),
                   !=, 0);

  /* An empty entry is signed and checked like any other. */
  empty_signature = mp_member_keys_sign_audit_entry (anna, "", 0, &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_public_verify_audit_entry (anna_public, "", 0, empty_signature, &error));
  g_assert_no_error (error);
}

static void
test_lock_wipes (void)
{
  g_autoptr(MpMemberKeys) anna = generate ("Anna", "anna@example.nl", "pw");
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) error = NULL;
  guint8 desk_key[MP_MEMBER_DESK_KEY_BYTES] = { 7 };

  sealed = mp_member_public_seal_desk_key (mp_member_keys_get_public (anna), 1, desk_key);
  mp_member_keys_lock (anna);
  g_assert_false (mp_member_keys_is_unlocked (anna));

  g_assert_null (mp_member_keys_sign_audit_entry (anna, "x", 1, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (mp_member_keys_open_desk_key (anna, 1, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
  g_clear_error (&error);

  /* The public part stays usable while locked: sealing to a member needs
   * none of their secrets. */
  g_clear_pointer (&sealed, g_bytes_unref);
  sealed = mp_member_public_seal_desk_key (mp_member_keys_get_public (anna), 2, desk_key);
  g_assert_nonnull (sealed);

  g_assert_true (mp_member_keys_unlock (anna, "pw", &error));
  g_assert_no_error (error);
  signature = mp_member_keys_sign_audit_entry (anna, "x", 1, &error);
  g_assert_no_error (error);
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Making and unlocking keys in a worker thread give what the plain calls
 * give, errors included. */
static void
test_async (void)
{
  g_autoptr(GAsyncResult) made = NULL;
  g_autoptr(GAsyncResult) wrong = NULL;
  g_autoptr(GAsyncResult) right = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(MpMemberKeys) keys = NULL;
  g_autoptr(MpMemberKeys) loaded = NULL;
  g_autoptr(MpMemberKeys) none = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(GError) error = NULL;

  mp_member_keys_generate_async ("Anna", "anna@example.nl", "right", NULL, on_result_cb, &made);
  keys = mp_member_keys_generate_finish (wait_for_result (&made), &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_keys_is_unlocked (keys));
  g_assert_cmpstr (mp_member_public_get_name (mp_member_keys_get_public (keys)), ==, "Anna");

  mp_member_keys_generate_async ("Anna", NULL, "", NULL, on_result_cb, &refused);
  none = mp_member_keys_generate_finish (wait_for_result (&refused), &error);
  g_assert_null (none);
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  sealed = mp_member_keys_get_sealed (keys);
  loaded = mp_member_keys_load (sealed, &error);
  g_assert_no_error (error);
  mp_member_keys_unlock_async (loaded, "wrong", NULL, on_result_cb, &wrong);
  g_assert_false (mp_member_keys_unlock_finish (loaded, wait_for_result (&wrong), &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (mp_member_keys_is_unlocked (loaded));

  mp_member_keys_unlock_async (loaded, "right", NULL, on_result_cb, &right);
  g_assert_true (mp_member_keys_unlock_finish (loaded, wait_for_result (&right), &error));
  g_assert_no_error (error);
  signature = mp_member_keys_sign_audit_entry (loaded, "x", 1, &error);
  g_assert_no_error (error);
  g_assert_true (mp_member_public_verify_audit_entry (mp_member_keys_get_public (keys), "x", 1,
                                                      signature, &error));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, MP_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/member-keys/generate", test_generate);
  g_test_add_func ("/member-keys/generate-refused", test_generate_refused);
  g_test_add_func ("/member-keys/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/member-keys/round-trip", test_round_trip);
  g_test_add_func ("/member-keys/change-passphrase", test_change_passphrase);
  g_test_add_func ("/member-keys/sealed-tampering", test_sealed_tampering);
  g_test_add_func ("/member-keys/public-refused", test_public_refused);
  g_test_add_func ("/member-keys/fingerprint/vector", test_fingerprint_vector);
  g_test_add_func ("/member-keys/fingerprint/distinct", test_fingerprint_distinct);
  g_test_add_func ("/member-keys/desk-key/seal-open", test_desk_key_seal_open);
  g_test_add_func ("/member-keys/desk-key/removal", test_desk_key_removal);
  g_test_add_func ("/member-keys/signatures", test_signatures);
  g_test_add_func ("/member-keys/lock-wipes", test_lock_wipes);
  g_test_add_func ("/member-keys/async", test_async);
  return g_test_run ();
}
