/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <sodium.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp-error.h"
#include "mp-vault.h"

static void
test_vault_round_trip (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVault) other = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  const char *secret = "The admin password is hunter2";

  envelope = mp_vault_create (vault, "correct horse", &error);
  g_assert_no_error (error);
  g_assert_nonnull (envelope);
  g_assert_true (mp_vault_is_unlocked (vault));

  wrapped = mp_vault_new_case_key (vault, 7, &error);
  g_assert_no_error (error);
  sealed = mp_vault_seal (vault, 7, "cases", "description", 3, secret, strlen (secret), &error);
  g_assert_no_error (error);
  g_assert_null (memmem (g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                         "hunter2", 7));

  /* A second vault opens it with the passphrase only. */
  g_assert_true (mp_vault_unlock (other, "correct horse", envelope, &error));
  g_assert_no_error (error);
  g_assert_true (mp_vault_load_case_key (other, 7, wrapped, &error));
  plain = mp_vault_open (other, 7, "cases", "description", 3, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_bytes_get_data (plain, NULL), ==, secret);
}

/* Opening the fields of a case in one go: loads the case key from its
 * wrapped form, opens each field bound to its own place, leaves absent ones
 * NULL, and refuses a field moved to another place or a forged key. */
static void
test_vault_open_case_fields (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVault) other = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) impact = NULL;
  g_autoptr(GBytes) name = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *bad_key = NULL;
  gsize wrapped_len, impact_len, name_len;
  const guint8 *wrapped_data, *impact_data, *name_data;
  char *texts[3];

  envelope = mp_vault_create (vault, "correct horse", &error);
  g_assert_no_error (error);
  wrapped = mp_vault_new_case_key (vault, 12, &error);
  impact = mp_vault_seal (vault, 12, "cases", "impact", 40, "Takes over accounts", 19, &error);
  name = mp_vault_seal (vault, 12, "reporters", "name", 41, "Anna de Vries", 13, &error);
  g_assert_no_error (error);
  wrapped_data = g_bytes_get_data (wrapped, &wrapped_len);
  impact_data = g_bytes_get_data (impact, &impact_len);
  name_data = g_bytes_get_data (name, &name_len);

  g_assert_true (mp_vault_unlock (other, "correct horse", envelope, &error));
  g_assert_false (mp_vault_has_case_key (other, 12));
  {
    MpVaultField fields[] = {
      { "cases", "impact", 40, impact_data, impact_len },
      { "cases", "notes", 40, NULL, 0 },
      { "reporters", "name", 41, name_data, name_len },
    };

    /* Without the wrapped key it is not there yet. */
    g_assert_false (mp_vault_open_case_fields (other, 12, NULL, 0, fields, 3, texts, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED);
    g_clear_error (&error);

    g_assert_true (mp_vault_open_case_fields (other, 12, wrapped_data, wrapped_len, fields, 3, texts,
                                              &error));
    g_assert_no_error (error);
    g_assert_true (mp_vault_has_case_key (other, 12));
    g_assert_cmpstr (texts[0], ==, "Takes over accounts");
    g_assert_null (texts[1]);
    g_assert_cmpstr (texts[2], ==, "Anna de Vries");
    for (guint i = 0; i < 3; i++)
      g_free (texts[i]);
  }
  {
    /* The reporter's name put in the place of the impact. */
    MpVaultField fields[] = {
      { "cases", "impact", 40, impact_data, impact_len },
      { "cases", "impact", 40, name_data, name_len },
    };

    g_assert_false (mp_vault_open_case_fields (other, 12, NULL, 0, fields, 2, texts, &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
    g_clear_error (&error);
    g_assert_null (texts[0]);
    g_assert_null (texts[1]);
  }
  {
    /* Another case's wrapped key does not unwrap as this one. */
    MpVaultField fields[] = { { "cases", "impact", 40, impact_data, impact_len } };

    bad_key = g_memdup2 (wrapped_data, wrapped_len);
    bad_key[wrapped_len - 1] ^= 1;
    g_assert_false (mp_vault_open_case_fields (other, 13, bad_key, wrapped_len, fields, 1, texts,
                                               &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
    g_clear_error (&error);
    g_assert_false (mp_vault_has_case_key (other, 13));
  }

  /* Locked: nothing opens. */
  mp_vault_lock (other);
  {
    MpVaultField fields[] = { { "cases", "impact", 40, impact_data, impact_len } };

    g_assert_false (mp_vault_open_case_fields (other, 12, wrapped_data, wrapped_len, fields, 1, texts,
                                               &error));
    g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
    g_assert_null (texts[0]);
  }
}

static void
test_vault_wrong_passphrase (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "right", NULL);
  g_autoptr(GError) error = NULL;

  mp_vault_lock (vault);
  g_assert_false (mp_vault_is_unlocked (vault));
  g_assert_false (mp_vault_unlock (vault, "wrong", envelope, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_false (mp_vault_is_unlocked (vault));
}

static void
test_vault_kdf_parameters_bound (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "right", NULL);
  g_autoptr(GError) error = NULL;

  /* Stored parameters cannot be swapped: they are part of the wrap's AD. */
  envelope->opslimit += 1;
  mp_vault_lock (vault);
  g_assert_false (mp_vault_unlock (vault, "right", envelope, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
}

static void
test_vault_kdf_out_of_memory (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "right", NULL);
  g_autoptr(GError) error = NULL;
  pid_t pid;
  int status = 0;

  mp_vault_lock (vault);

  /* Key derivation asks for 2 GiB where the process may have 512 MiB: reported
   * as a memory shortage, not as a wrong passphrase. A child process, so the
   * limit cannot touch the rest of the suite. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* 512 MiB more than the process already maps: under AddressSanitizer
       * that is terabytes of reserved shadow memory, so a fixed limit would
       * leave no room for any allocation at all. */
      g_autofree char *statm = NULL;
      guint64 mapped = 0;
      struct rlimit limit;

      if (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
        mapped = g_ascii_strtoull (statm, NULL, 10) * (guint64) sysconf (_SC_PAGESIZE);
      limit.rlim_cur = limit.rlim_max = mapped + 512u * 1024 * 1024;
      setrlimit (RLIMIT_AS, &limit);
      envelope->memlimit = (guint64) 2 * 1024 * 1024 * 1024;
      if (mp_vault_unlock (vault, "right", envelope, &error))
        _exit (1);
      _exit (g_error_matches (error, MP_VAULT_ERROR, MP_VAULT_ERROR_OUT_OF_MEMORY) ? 0 : 2);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* Impossible parameters are damage, not a memory shortage. */
  envelope->memlimit = G_MAXUINT64 / 2;
  g_assert_false (mp_vault_unlock (vault, "right", envelope, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_FAILED);
}

static void
test_vault_tampering (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "pw", NULL);
  g_autoptr(GBytes) wrapped = mp_vault_new_case_key (vault, 1, NULL);
  g_autoptr(GBytes) sealed = mp_vault_seal (vault, 1, "cases", "impact", 5, "secret", 6, NULL);
  g_autoptr(GBytes) flipped = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *copy;
  gsize len;

  /* A flipped bit. */
  copy = g_memdup2 (g_bytes_get_data (sealed, &len), g_bytes_get_size (sealed));
  copy[len - 3] ^= 0x01;
  flipped = g_bytes_new_take (copy, len);
  g_assert_null (mp_vault_open (vault, 1, "cases", "impact", 5, flipped, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* Moved to another row, column, table or key. */
  g_assert_null (mp_vault_open (vault, 1, "cases", "impact", 6, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (mp_vault_open (vault, 1, "cases", "description", 5, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (mp_vault_open (vault, 1, "events", "impact", 5, sealed, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);

  /* The untouched ciphertext still opens. */
  {
    g_autoptr(GBytes) plain = mp_vault_open (vault, 1, "cases", "impact", 5, sealed, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "secret", 6);
  }
}

static void
test_vault_stream (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "pw", NULL);
  g_autoptr(GBytes) wrapped = mp_vault_new_case_key (vault, 2, NULL);
  g_autoptr(GError) error = NULL;
  gsize sizes[] = { 0, 1, 65535, 65536, 65537, 200000 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree guint8 *data = g_malloc (sizes[i] + 1);
      g_autoptr(GBytes) content = NULL;
      g_autoptr(GBytes) sealed = NULL;
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GBytes) cut = NULL;

      randombytes_buf (data, sizes[i]);
      content = g_bytes_new (data, sizes[i]);
      sealed = mp_vault_seal_stream (vault, 2, "attachments", 9, content, &error);
      g_assert_no_error (error);
      plain = mp_vault_open_stream (vault, 2, "attachments", 9, sealed, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (plain, content));

      /* Another row refuses it; so does a stream cut before its final tag. */
      g_assert_null (mp_vault_open_stream (vault, 2, "attachments", 10, sealed, &error));
      g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
      g_clear_error (&error);
      if (sizes[i] > 65536)
        {
          cut = g_bytes_new_from_bytes (sealed, 0, g_bytes_get_size (sealed) - (sizes[i] - 65536) - 17);
          g_assert_null (mp_vault_open_stream (vault, 2, "attachments", 9, cut, &error));
          g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED);
          g_clear_error (&error);
        }
    }
}

static void
test_vault_lock_wipes_keys (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "pw", NULL);
  g_autoptr(GBytes) wrapped = mp_vault_new_case_key (vault, 3, NULL);
  g_autoptr(GError) error = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];

  g_assert_true (mp_vault_has_case_key (vault, 3));
  mp_vault_lock (vault);
  g_assert_false (mp_vault_is_unlocked (vault));
  g_assert_false (mp_vault_has_case_key (vault, 3));
  g_assert_null (mp_vault_seal (vault, 3, "cases", "impact", 1, "x", 1, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (mp_vault_audit_mac (vault, "x", 1, NULL, mac, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
}

static void
test_vault_rewrap (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) old_envelope = mp_vault_create (vault, "old", NULL);
  g_autoptr(GBytes) wrapped = mp_vault_new_case_key (vault, 4, NULL);
  g_autoptr(GBytes) sealed = mp_vault_seal (vault, 4, "cases", "notes", 1, "kept", 4, NULL);
  g_autoptr(MpVaultEnvelope) new_envelope = mp_vault_rewrap (vault, "new", NULL);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (new_envelope);
  mp_vault_lock (vault);
  g_assert_false (mp_vault_unlock (vault, "old", new_envelope, &error));
  g_clear_error (&error);
  g_assert_true (mp_vault_unlock (vault, "new", new_envelope, &error));
  g_assert_true (mp_vault_load_case_key (vault, 4, wrapped, &error));
  plain = mp_vault_open (vault, 4, "cases", "notes", 1, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "kept", 4);
}

static void
test_vault_export_key (void)
{
  g_autoptr(MpVault) vault = mp_vault_new ();
  g_autoptr(MpVaultEnvelope) envelope = mp_vault_create (vault, "pw", NULL);
  g_autoptr(GBytes) wrapped = mp_vault_new_case_key (vault, 5, NULL);
  g_autoptr(GBytes) sealed = mp_vault_seal (vault, 5, "cases", "notes", 1, "kept", 4, NULL);
  g_autoptr(GBytes) key = mp_vault_export_key (vault, NULL);
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  g_assert_nonnull (key);
  text = g_bytes_get_data (key, NULL);
  g_assert_cmpuint (strlen (text), ==, g_bytes_get_size (key));

  mp_vault_lock (vault);
  g_assert_null (mp_vault_export_key (vault, &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_LOCKED);
  g_clear_error (&error);

  /* Not base64, or too short or too long: refused, still locked. */
  g_assert_false (mp_vault_unlock_with_key (vault, "%%%", &error));
  g_assert_error (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (mp_vault_unlock_with_key (vault, "AAAA", &error));
  g_clear_error (&error);
  {
    g_autofree char *longer = g_strconcat (text, "AAAA", NULL);

    g_assert_false (mp_vault_unlock_with_key (vault, longer, &error));
    g_clear_error (&error);
  }
  g_assert_false (mp_vault_is_unlocked (vault));

  g_assert_true (mp_vault_unlock_with_key (vault, text, &error));
  g_assert_no_error (error);
  g_assert_true (mp_vault_load_case_key (vault, 5, wrapped, &error));
  plain = mp_vault_open (vault, 5, "cases", "notes", 1, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), "kept", 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_true (mp_vault_uses_test_kdf ());

  g_test_add_func ("/vault/round-trip", test_vault_round_trip);
  g_test_add_func ("/vault/open-case-fields", test_vault_open_case_fields);
  g_test_add_func ("/vault/wrong-passphrase", test_vault_wrong_passphrase);
  g_test_add_func ("/vault/kdf-parameters-bound", test_vault_kdf_parameters_bound);
  g_test_add_func ("/vault/kdf-out-of-memory", test_vault_kdf_out_of_memory);
  g_test_add_func ("/vault/tampering", test_vault_tampering);
  g_test_add_func ("/vault/stream", test_vault_stream);
  g_test_add_func ("/vault/lock-wipes-keys", test_vault_lock_wipes_keys);
  g_test_add_func ("/vault/rewrap", test_vault_rewrap);
  g_test_add_func ("/vault/export-key", test_vault_export_key);
  return g_test_run ();
}
