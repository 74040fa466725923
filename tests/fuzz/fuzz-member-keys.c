/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * libFuzzer target of the member keys' stored forms: on a shared desk
 * (issue 20) a member's public part and sealed keys come from the server,
 * which is not trusted. Every input is either refused with a clean
 * MP_VAULT_ERROR or read into keys whose stored form is exactly the input.
 */
#include "config.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "mp-error.h"
#include "mp-member-keys.h"

/* The offsets of the key derivation's limits in sealed keys (see the
 * comment atop mp-member-keys.c). */
#define OPSLIMIT_AT 6
#define MEMLIMIT_AT 14

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_public (MpMemberPublic *public,
              GBytes         *expected)
{
  g_autoptr(GBytes) again = mp_member_public_serialize (public);
  g_autofree char *fingerprint = mp_member_public_get_fingerprint (public);

  /* One stored form per public part: what was read is written back. */
  if (expected != NULL)
    g_assert (g_bytes_equal (again, expected));
  g_assert (g_utf8_validate (mp_member_public_get_name (public), -1, NULL));
  g_assert (g_utf8_validate (mp_member_public_get_email (public), -1, NULL));
  g_assert (strlen (fingerprint) == MP_MEMBER_FINGERPRINT_DIGITS + MP_MEMBER_FINGERPRINT_GROUPS - 1);
  g_assert (mp_member_public_fingerprint_matches (fingerprint, fingerprint));
}

static guint64
read_be64 (const uint8_t *data)
{
  guint64 value = 0;

  for (guint i = 0; i < 8; i++)
    value = (value << 8) | data[i];
  return value;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMemberPublic) public = NULL;
  g_autoptr(MpMemberKeys) keys = NULL;

  g_assert (sodium_init () >= 0);

  public = mp_member_public_deserialize (bytes, &error);
  if (public == NULL)
    g_assert (error != NULL && error->domain == MP_VAULT_ERROR);
  else
    {
      g_assert (error == NULL);
      check_public (public, bytes);
    }
  g_clear_error (&error);

  keys = mp_member_keys_load (bytes, &error);
  if (keys == NULL)
    {
      g_assert (error != NULL && error->domain == MP_VAULT_ERROR);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (!mp_member_keys_is_unlocked (keys));
  check_public (mp_member_keys_get_public (keys), NULL);
  {
    g_autoptr(GBytes) sealed = mp_member_keys_get_sealed (keys);

    g_assert (g_bytes_equal (sealed, bytes));
  }

  /* Locked keys sign and open nothing. */
  {
    guint8 desk_key[MP_MEMBER_DESK_KEY_BYTES] = { 0 };
    g_autoptr(GBytes) sealed_key = mp_member_public_seal_desk_key (mp_member_keys_get_public (keys),
                                                                   1, desk_key);

    g_assert (mp_member_keys_open_desk_key (keys, 1, sealed_key, &error) == NULL);
    g_assert (g_error_matches (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED));
    g_clear_error (&error);
    g_assert (mp_member_keys_sign_audit_entry (keys, "x", 1, &error) == NULL);
    g_assert (g_error_matches (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED));
    g_clear_error (&error);
  }

  /* Unlocking, with the seeds' passphrase, where the key derivation is
   * cheap (as in the seeds): a fuzzer cannot forge the authentication, so
   * anything but the seeds themselves is refused. */
  if (read_be64 (data + OPSLIMIT_AT) <= 3 && read_be64 (data + MEMLIMIT_AT) <= 64 * 1024)
    {
      if (mp_member_keys_unlock (keys, "fuzz", &error))
        {
          g_autoptr(GBytes) signature = mp_member_keys_sign_audit_entry (keys, "entry", 5, NULL);

          g_assert (mp_member_public_verify_audit_entry (mp_member_keys_get_public (keys), "entry",
                                                         5, signature, NULL));
        }
      else
        g_assert (error != NULL && error->domain == MP_VAULT_ERROR);
    }
  return 0;
}
