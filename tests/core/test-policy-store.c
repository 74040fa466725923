/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mp-error.h"
#include "mp-policy.h"
#include "mp-store.h"

/* The policy as the store keeps it: read from the settings, written in its
 * normal form, and announced when it changes. */

typedef struct
{
  char    *dir;
  MpStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("meldpunt-policy-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "desk.db", NULL);
  fixture->store = mp_store_open (path, &error);
  g_assert_no_error (error);
  mp_store_initialise (fixture->store, "Voorbeeld Groep", "a long test passphrase", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (fixture->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  /* Nothing stored: the defaults, and the organisation as desk name. */
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 72);
  g_assert_cmpstr (policy->desk_name, ==, "Voorbeeld Groep");
  g_clear_pointer (&policy, mp_policy_unref);

  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "48", &error));
  g_assert_no_error (error);
  g_assert_true (mp_store_set_policy (fixture->store, "assets.domains", "Example.NL.", &error));
  g_assert_true (mp_store_set_policy (fixture->store, "reward_cap", "400", &error));
  g_assert_true (mp_store_set_policy (fixture->store, "reward_matrix.critical.excellent", "350", &error));
  g_assert_true (mp_store_set_policy (fixture->store, "sister.1.name", "Zuster BV", &error));
  g_assert_true (mp_store_set_policy (fixture->store, "sister.1.networks", "198.51.100.0/24", &error));
  g_assert_true (mp_store_set_policy (fixture->store, "desk.name", "Meldpunt Voorbeeld", &error));
  g_assert_no_error (error);

  /* Stored in the normal form. */
  stored = mp_store_get_setting (fixture->store, "assets.domains");
  g_assert_cmpstr (stored, ==, "example.nl");

  /* Refused values are not stored. */
  g_assert_false (mp_store_set_policy (fixture->store, "ack_hours", "-1", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (mp_store_set_policy (fixture->store, "reward_matrix.high.good", "401", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (mp_store_set_policy (fixture->store, "nonsense", "1", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);

  /* Readable while locked; not writable. */
  mp_store_lock (fixture->store);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 48);
  g_assert_cmpstr (policy->asset_domains[0], ==, "example.nl");
  g_assert_cmpint (policy->reward_cap, ==, 40000);
  g_assert_cmpint (policy->reward_matrix[MP_SEVERITY_CRITICAL][MP_QUALITY_EXCELLENT], ==, 35000);
  g_assert_cmpstr (policy->desk_name, ==, "Meldpunt Voorbeeld");
  g_assert_cmpuint (policy->sisters->len, ==, 1);
  g_assert_false (mp_store_set_policy (fixture->store, "ack_hours", "24", &error));
  g_assert_error (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_pointer (&policy, mp_policy_unref);

  /* A stored value that is not valid (written around the policy) keeps the
   * default instead of breaking the desk. */
  g_assert_true (mp_store_unlock (fixture->store, "a long test passphrase", &error));
  g_assert_true (mp_store_set_setting (fixture->store, "follow_up_days", "-5", &error));
  g_assert_no_error (error);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->follow_up_days, ==, 7);
  g_assert_cmpuint (policy->ack_hours, ==, 48);
  g_clear_pointer (&policy, mp_policy_unref);

  /* Back to the default: allowed for ack_hours; for the cap only once the
   * default fits the matrix. */
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (mp_store_get_setting (fixture->store, "ack_hours"));
  g_assert_false (mp_store_set_policy (fixture->store, "reward_cap", NULL, &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (mp_store_set_policy (fixture->store, "reward_matrix.critical.excellent", NULL, &error));
  g_assert_true (mp_store_set_policy (fixture->store, "reward_cap", NULL, &error));
  g_assert_no_error (error);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 72);
  g_assert_cmpint (policy->reward_cap, ==, 30000);
}

static void
on_policy_changed_cb (MpStore *store,
                      guint   *n_changed)
{
  (*n_changed)++;
}

/* MpStore::policy-changed follows the writes of policy settings (and only
 * those), and the policy then returned is the new one. */
static void
test_policy_changed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changed = 0;

  g_signal_connect (fixture->store, "policy-changed", G_CALLBACK (on_policy_changed_cb),
                    &n_changed);
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "48", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 48);
  g_clear_pointer (&policy, mp_policy_unref);

  /* The same value again, a refused value, a setting that is not policy. */
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "48", &error));
  g_assert_false (mp_store_set_policy (fixture->store, "ack_hours", "-1", &error));
  g_clear_error (&error);
  g_assert_true (mp_store_set_setting (fixture->store, "letter.closure.en", "Closed\n\nBye\n",
                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);

  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 72);
  g_clear_pointer (&policy, mp_policy_unref);

  /* A batch that changed it and is undone changes it back. */
  g_assert_true (mp_store_begin_batch (fixture->store, &error));
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "24", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 3);
  mp_store_abort_batch (fixture->store);
  g_assert_cmpuint (n_changed, ==, 4);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 72);
  g_clear_pointer (&policy, mp_policy_unref);

  /* A batch kept: once. */
  g_assert_true (mp_store_begin_batch (fixture->store, &error));
  g_assert_true (mp_store_set_policy (fixture->store, "ack_hours", "24", &error));
  g_assert_true (mp_store_end_batch (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 5);
  policy = mp_store_get_policy (fixture->store);
  g_assert_cmpuint (policy->ack_hours, ==, 24);
  g_signal_handlers_disconnect_by_func (fixture->store, on_policy_changed_cb, &n_changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/policy/store", Fixture, NULL, fixture_set_up, test_store, fixture_tear_down);
  g_test_add ("/policy/changed", Fixture, NULL, fixture_set_up, test_policy_changed,
              fixture_tear_down);

  return g_test_run ();
}
