/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-error.h"
#include "mp-policy.h"

static void
test_defaults (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  /* The defaults of DOMAIN.md, typed in from there. */
  static const struct { const char *key, *value; } expected[] = {
    { "ack_hours", "72" },
    { "assess_workdays", "3" },
    { "update_interval_days", "14" },
    { "follow_up_days", "7" },
    { "fix_days.critical", "7" },
    { "fix_days.high", "30" },
    { "fix_days.medium", "60" },
    { "fix_days.low", "90" },
    { "disclosure_days", "90" },
    { "deletion_days", "30" },
    { "reward_cap", "300.00" },
    { "currency", "EUR" },
    { "timezone", "Europe/Amsterdam" },
    { "holidays.good_friday", "false" },
    { "holidays.liberation_day", "every-year" },
    { "holidays.closing_days", "" },
    { "assets.domains", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = mp_policy_dup_value (policy, expected[i].key);

      g_assert_cmpstr (value, ==, expected[i].value);
    }

  g_assert_cmpuint (policy->ack_hours, ==, 72);
  g_assert_cmpuint (policy->assess_workdays, ==, 3);
  g_assert_cmpint (policy->reward_cap, ==, 30000);
  g_assert_cmpuint (mp_policy_get_fix_days (policy, "critical"), ==, 7);
  g_assert_cmpuint (mp_policy_get_fix_days (policy, "low"), ==, 90);
  g_assert_cmpuint (mp_policy_get_fix_days (policy, "none"), ==, 0);
  g_assert_cmpuint (mp_policy_get_fix_days (policy, NULL), ==, 0);
  g_assert_nonnull (policy->tz);
  g_assert_false (policy->good_friday);
  g_assert_cmpint (policy->liberation_day, ==, MP_LIBERATION_DAY_EVERY_YEAR);

  /* Every cell of the matrix is within the cap, and the best report of the
   * worst problem gets the cap. */
  for (guint s = 0; s < MP_N_SEVERITIES; s++)
    for (guint q = 0; q < MP_N_QUALITIES; q++)
      {
        g_assert_cmpint (policy->reward_matrix[s][q], >=, 0);
        g_assert_cmpint (policy->reward_matrix[s][q], <=, policy->reward_cap);
      }
  g_assert_cmpint (policy->reward_matrix[MP_SEVERITY_CRITICAL][MP_QUALITY_EXCELLENT], ==, 30000);
}

static void
test_every_key_round_trips (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_auto(GStrv) keys = mp_policy_list_keys (policy);

  g_assert_cmpuint (g_strv_length (keys), >=, 38);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = mp_policy_dup_value (policy, keys[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (mp_policy_is_key (keys[i]));
      g_assert_nonnull (value);
      mp_policy_apply (policy, keys[i], value, &error);
      g_assert_no_error (error);
    }
}

static void
assert_refused (MpPolicy   *policy,
                const char *key,
                const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = mp_policy_dup_value (policy, key);
  g_autofree char *after = NULL;

  g_test_message ("%s = %s", key, value);
  g_assert_false (mp_policy_apply (policy, key, value, &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  /* The message names the key. */
  g_assert_nonnull (strstr (error->message, key));
  after = mp_policy_dup_value (policy, key);
  g_assert_cmpstr (before, ==, after);
}

static void
test_validation (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GError) error = NULL;

  assert_refused (policy, "ack_hours", "-1");
  assert_refused (policy, "ack_hours", "");
  assert_refused (policy, "ack_hours", "72 hours");
  assert_refused (policy, "ack_hours", "1.5");
  assert_refused (policy, "assess_workdays", "-3");
  assert_refused (policy, "fix_days.critical", "-7");
  assert_refused (policy, "disclosure_days", "99999999999");
  assert_refused (policy, "deletion_days", "+30");
  assert_refused (policy, "reward_cap", "-300");
  assert_refused (policy, "reward_cap", "300,00");
  assert_refused (policy, "reward_cap", "300.001");
  assert_refused (policy, "reward_budget", "lots");
  /* The cap stays at or above every matrix cell, both ways. */
  assert_refused (policy, "reward_matrix.critical.excellent", "300.01");
  assert_refused (policy, "reward_cap", "299.99");
  assert_refused (policy, "timezone", "Mars/Olympus");
  assert_refused (policy, "timezone", "");
  assert_refused (policy, "currency", "euro");
  assert_refused (policy, "desk.email", "not an address");
  assert_refused (policy, "desk.email", "a@b@c.nl");
  assert_refused (policy, "holidays.good_friday", "maybe");
  assert_refused (policy, "holidays.liberation_day", "every-other-year");
  assert_refused (policy, "holidays.closing_days", "2026-02-30");
  assert_refused (policy, "holidays.closing_days", "2026-12-31..2026-12-28");
  assert_refused (policy, "holidays.closing_days", "2026-12-28, tomorrow");
  assert_refused (policy, "holidays.closing_days", "28-12-2026");
  assert_refused (policy, "assets.networks", "192.0.2.0/33");
  assert_refused (policy, "assets.networks", "300.1.2.3");
  assert_refused (policy, "assets.networks", "192.0.2.1/24");
  assert_refused (policy, "assets.networks", "2001:db8::/129");
  assert_refused (policy, "assets.networks", "192.0.2.0/");
  assert_refused (policy, "assets.networks", "example.nl");
  assert_refused (policy, "assets.hosts", "www..example.nl");
  assert_refused (policy, "assets.domains", "-bad-.example");
  assert_refused (policy, "sister.1.url", "not a url");
  assert_refused (policy, "sister.1.networks", "10.0.0.0/8x");

  /* Unknown keys are refused with the list of keys. */
  g_assert_false (mp_policy_apply (policy, "ack_days", "3", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_assert_nonnull (strstr (error->message, "ack_days"));
  g_assert_nonnull (strstr (error->message, "ack_hours"));
  g_assert_nonnull (strstr (error->message, "holidays.closing_days"));
  g_assert_nonnull (strstr (error->message, "sister.N.name"));
  g_clear_error (&error);
  g_assert_false (mp_policy_apply (policy, "sister.0.name", "X", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (mp_policy_apply (policy, "sister.21.name", "X", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (mp_policy_apply (policy, "sister.1.colour", "X", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (mp_policy_apply (policy, "reward_matrix.critical.superb", "10", &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);
  g_assert_false (mp_policy_is_key ("reward.amount"));

  /* Raising the cap first lets a cell go higher; lowering cells first lets
   * the cap go lower. */
  g_assert_true (mp_policy_apply (policy, "reward_cap", "500", NULL));
  g_assert_true (mp_policy_apply (policy, "reward_matrix.critical.excellent", "450.5", NULL));
  g_assert_cmpint (policy->reward_matrix[MP_SEVERITY_CRITICAL][MP_QUALITY_EXCELLENT], ==, 45050);
  assert_refused (policy, "reward_cap", "400");
}

static void
test_normal_forms (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autofree char *value = NULL;

  g_assert_true (mp_policy_apply (policy, "assets.hosts", "WWW.Example.NL.  portal.example.nl", NULL));
  value = mp_policy_dup_value (policy, "assets.hosts");
  g_assert_cmpstr (value, ==, "www.example.nl, portal.example.nl");
  g_clear_pointer (&value, g_free);

  g_assert_true (mp_policy_apply (policy, "assets.domains", "*.example.org, .bücher.example\nexample.org", NULL));
  value = mp_policy_dup_value (policy, "assets.domains");
  g_assert_cmpstr (value, ==, "example.org, xn--bcher-kva.example");
  g_clear_pointer (&value, g_free);

  g_assert_true (mp_policy_apply (policy, "assets.networks", "192.0.2.0/24;2001:DB8::/32, 198.51.100.7", NULL));
  value = mp_policy_dup_value (policy, "assets.networks");
  g_assert_cmpstr (value, ==, "192.0.2.0/24, 2001:db8::/32, 198.51.100.7");
  g_clear_pointer (&value, g_free);

  g_assert_true (mp_policy_apply (policy, "holidays.closing_days", "2026-12-28..2026-12-31 2027-05-07..2027-05-07", NULL));
  value = mp_policy_dup_value (policy, "holidays.closing_days");
  g_assert_cmpstr (value, ==, "2026-12-28..2026-12-31, 2027-05-07");
  g_assert_cmpuint (policy->closing_days->len, ==, 2);
  g_clear_pointer (&value, g_free);

  g_assert_true (mp_policy_apply (policy, "holidays.good_friday", "yes", NULL));
  value = mp_policy_dup_value (policy, "holidays.good_friday");
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);

  g_assert_true (mp_policy_apply (policy, "reward_budget", "1200.5", NULL));
  value = mp_policy_dup_value (policy, "reward_budget");
  g_assert_cmpstr (value, ==, "1200.50");
  g_clear_pointer (&value, g_free);
}

static void
test_amounts_and_dates (void)
{
  gint64 cents = -1;
  GDate date;
  g_autofree char *text = NULL;

  g_assert_true (mp_amount_parse ("150", &cents));
  g_assert_cmpint (cents, ==, 15000);
  g_assert_true (mp_amount_parse ("0.05", &cents));
  g_assert_cmpint (cents, ==, 5);
  g_assert_true (mp_amount_parse ("12.3", &cents));
  g_assert_cmpint (cents, ==, 1230);
  g_assert_false (mp_amount_parse ("", &cents));
  g_assert_false (mp_amount_parse (NULL, &cents));
  g_assert_false (mp_amount_parse ("1.", &cents));
  g_assert_false (mp_amount_parse (".5", &cents));
  g_assert_false (mp_amount_parse ("-1", &cents));
  g_assert_false (mp_amount_parse ("99999999999999999999", &cents));
  text = mp_amount_format (123456);
  g_assert_cmpstr (text, ==, "1234.56");
  g_clear_pointer (&text, g_free);

  g_assert_true (mp_date_parse ("2028-02-29", &date));
  text = mp_date_format (&date);
  g_assert_cmpstr (text, ==, "2028-02-29");
  g_assert_false (mp_date_parse ("2027-02-29", &date));
  g_assert_false (mp_date_parse ("2027-2-28", &date));
  g_assert_false (mp_date_parse ("2027-02-28T00:00", &date));
  g_assert_false (mp_date_parse (NULL, &date));
}

static void
test_sisters (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_auto(GStrv) before = mp_policy_list_keys (policy);
  g_auto(GStrv) after = NULL;
  MpSister *sister;

  g_assert_true (mp_policy_apply (policy, "sister.2.domains", "zuster.nl", NULL));
  /* Without a name there is no sister yet. */
  {
    g_auto(GStrv) unnamed = mp_policy_list_keys (policy);

    g_assert_cmpuint (g_strv_length (unnamed), ==, g_strv_length (before));
  }
  g_assert_true (mp_policy_apply (policy, "sister.2.name", "Zuster BV", NULL));
  g_assert_true (mp_policy_apply (policy, "sister.2.url", "https://zuster.nl/cvd", NULL));
  after = mp_policy_list_keys (policy);
  g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before) + 5);
  g_assert_true (g_strv_contains ((const char * const *) after, "sister.2.networks"));

  g_assert_cmpuint (policy->sisters->len, ==, 1);
  sister = g_ptr_array_index (policy->sisters, 0);
  g_assert_cmpuint (sister->number, ==, 2);
  g_assert_cmpstr (sister->name, ==, "Zuster BV");
  g_assert_cmpstr (sister->url, ==, "https://zuster.nl/cvd");
  g_assert_cmpstr (sister->domains[0], ==, "zuster.nl");
}

/* The policy as the store reads it, from a table of settings: the
 * organisation names the desk until desk.name is set, and a stored value
 * that is not valid keeps the default. */
static void
test_from_settings (void)
{
  g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(MpPolicy) policy = NULL;

  policy = mp_policy_new_from_settings (NULL, "Voorbeeld Groep");
  g_assert_cmpuint (policy->ack_hours, ==, 72);
  g_assert_cmpstr (policy->desk_name, ==, "Voorbeeld Groep");
  g_clear_pointer (&policy, mp_policy_unref);

  g_hash_table_insert (settings, g_strdup ("ack_hours"), g_strdup ("48"));
  g_hash_table_insert (settings, g_strdup ("follow_up_days"), g_strdup ("-5"));
  g_hash_table_insert (settings, g_strdup ("sister.1.name"), g_strdup ("Zuster BV"));
  g_hash_table_insert (settings, g_strdup ("desk.name"), g_strdup ("Meldpunt Voorbeeld"));
  policy = mp_policy_new_from_settings (settings, "Voorbeeld Groep");
  g_assert_cmpuint (policy->ack_hours, ==, 48);
  g_assert_cmpuint (policy->follow_up_days, ==, 7);
  g_assert_cmpuint (policy->sisters->len, ==, 1);
  g_assert_cmpstr (policy->desk_name, ==, "Meldpunt Voorbeeld");
}

/* A change as the store validates it before storing: the normal form, or
 * NULL for the default, which must fit the rest of the policy. */
static void
test_normalise_setting (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(GError) error = NULL;
  char *normal = NULL;

  g_assert_true (mp_policy_normalise_setting (policy, "Org", "assets.domains", "Example.NL.",
                                              &normal, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normal, ==, "example.nl");
  g_clear_pointer (&normal, g_free);

  g_assert_false (mp_policy_normalise_setting (policy, "Org", "ack_hours", "-1", &normal, &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_assert_null (normal);
  g_clear_error (&error);
  g_assert_false (mp_policy_normalise_setting (policy, "Org", "nonsense", "1", &normal, &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_UNKNOWN_KEY);
  g_clear_error (&error);

  /* The default of the cap does not fit a matrix cell above it. */
  g_assert_true (mp_policy_normalise_setting (policy, "Org", "reward_cap", "400", &normal, &error));
  g_clear_pointer (&normal, g_free);
  g_assert_true (mp_policy_normalise_setting (policy, "Org", "reward_matrix.critical.excellent",
                                              "350", &normal, &error));
  g_clear_pointer (&normal, g_free);
  g_assert_false (mp_policy_normalise_setting (policy, "Org", "reward_cap", NULL, &normal, &error));
  g_assert_error (error, MP_POLICY_ERROR, MP_POLICY_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (mp_policy_normalise_setting (policy, "Org", "ack_hours", NULL, &normal, &error));
  g_assert_no_error (error);
  g_assert_null (normal);
  g_assert_cmpuint (policy->ack_hours, ==, 72);

  /* desk.name's default is the organisation. */
  g_assert_true (mp_policy_normalise_setting (policy, "Org", "desk.name", NULL, &normal, &error));
  g_assert_cmpstr (policy->desk_name, ==, "Org");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/policy/defaults", test_defaults);
  g_test_add_func ("/policy/every-key-round-trips", test_every_key_round_trips);
  g_test_add_func ("/policy/validation", test_validation);
  g_test_add_func ("/policy/normal-forms", test_normal_forms);
  g_test_add_func ("/policy/amounts-and-dates", test_amounts_and_dates);
  g_test_add_func ("/policy/sisters", test_sisters);
  g_test_add_func ("/policy/from-settings", test_from_settings);
  g_test_add_func ("/policy/normalise-setting", test_normalise_setting);

  return g_test_run ();
}
