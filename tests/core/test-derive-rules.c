/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Derivation as a rule: mp_derive_case () on a case and a policy made
 * here, no store. The moments are worked out by hand as in test-derive
 * (Europe/Amsterdam), which tests the same rules as the store applies
 * them on every write.
 */
#include "config.h"

#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-derive.h"
#include "mp-policy.h"

static MpCase *
new_case (const char *received)
{
  MpCase *kase = mp_case_new ();
  g_autoptr(GError) error = NULL;

  mp_case_set_text (kase, "reference", "CVD-2026-0001");
  mp_case_set_text (kase, "title", "Reflected XSS in search");
  g_assert_true (mp_case_set_value_string (kase, "received_at", received, &error));
  g_assert_no_error (error);
  return kase;
}

static void
answer (MpCase     *kase,
        const char *item,
        const char *value)
{
  MpAnswer *a = g_new0 (MpAnswer, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (mp_checklist_validate_answer (item, value, &error));
  g_assert_no_error (error);
  a->item = g_strdup (item);
  a->value = g_strdup (value);
  a->actor = g_strdup ("Test");
  _mp_case_put_answer (kase, a);
}

/* The due moment of @kind among @deadlines as ISO 8601, NULL without one. */
static char *
due (GPtrArray  *deadlines,
     const char *kind)
{
  for (guint i = 0; i < deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (g_str_equal (mp_deadline_get_kind (deadline), kind))
        return mp_time_format_iso8601 (mp_deadline_get_due_at (deadline));
    }
  return NULL;
}

#define assert_due(deadlines, kind, expected) \
  G_STMT_START { \
    g_autofree char *due_ = due ((deadlines), (kind)); \
    g_assert_cmpstr (due_, ==, (expected)); \
  } G_STMT_END

static void
assert_next (MpCase     *kase,
             const char *kind,
             const char *expected)
{
  g_autofree char *next = mp_time_format_iso8601 (mp_case_get_next_due (kase));

  g_assert_cmpstr (mp_case_get_next_due_kind (kase), ==, kind);
  g_assert_cmpstr (next, ==, expected);
}

/* Friday 24 April 2026, 12:00 CEST: 72 hours run on Koningsdag (Monday
 * 27th), the three working days skip it. The derived fields are set on
 * the case. */
static void
test_koningsdag (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-04-24T12:00:00+02:00");
  g_autoptr(GPtrArray) deadlines = mp_derive_case (policy, kase, 0);

  assert_due (deadlines, "acknowledgement", "2026-04-27T10:00:00Z");
  assert_due (deadlines, "assessment", "2026-04-30T21:59:59Z");
  assert_next (kase, "acknowledgement", "2026-04-27T10:00:00Z");
  g_assert_cmpstr (mp_case_get_status (kase), ==, "intake");
  g_assert_null (mp_case_get_severity (kase));
}

/* The same case under another policy derives differently: the rule
 * takes the policy it is given. Wednesday 23 December 2026, 10:00 CET. */
static void
test_policy_is_an_argument (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpPolicy) slower = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-12-23T10:00:00+01:00");
  g_autoptr(GPtrArray) deadlines = NULL;

  deadlines = mp_derive_case (policy, kase, 0);
  assert_due (deadlines, "acknowledgement", "2026-12-26T09:00:00Z");
  assert_due (deadlines, "assessment", "2026-12-29T22:59:59Z");
  assert_next (kase, "acknowledgement", "2026-12-26T09:00:00Z");
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  g_assert_true (mp_policy_apply (slower, "ack_hours", "168", NULL));
  deadlines = mp_derive_case (slower, kase, 0);
  assert_due (deadlines, "acknowledgement", "2026-12-30T09:00:00Z");
  assert_due (deadlines, "assessment", "2026-12-29T22:59:59Z");
  assert_next (kase, "assessment", "2026-12-29T22:59:59Z");
}

/* Severity from the CVSS vector, the fix target from it, then from the
 * promised date; the forbidden methods decide scope.rules_followed. */
static void
test_severity_and_methods (void)
{
  g_autoptr(MpPolicy) policy = mp_policy_new ();
  g_autoptr(MpCase) kase = new_case ("2026-11-02T09:00:00+01:00");
  const char * const *methods = mp_checklist_get_method_items ();
  g_autoptr(GPtrArray) deadlines = NULL;
  guint n = 0;

  g_assert_null (mp_derive_severity (NULL));
  g_assert_null (mp_derive_severity ("not a vector"));

  for (n = 0; methods[n + 1] != NULL; n++)
    answer (kase, methods[n], "no");
  g_assert_null (mp_derive_rules_followed (kase));
  answer (kase, methods[n], "unknown");
  g_assert_null (mp_derive_rules_followed (kase));
  answer (kase, methods[n], "no");
  g_assert_cmpstr (mp_derive_rules_followed (kase), ==, "yes");
  answer (kase, methods[0], "yes");
  g_assert_cmpstr (mp_derive_rules_followed (kase), ==, "no");
  answer (kase, methods[0], "no");

  answer (kase, "intake.complete", "yes");
  answer (kase, "scope.asset_owner", "ours");
  answer (kase, "scope.personal_data", "yes");
  answer (kase, "scope.known", "no");
  answer (kase, "scope.outcome", "in-scope");
  answer (kase, "scope.rules_followed", "yes");
  answer (kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  deadlines = mp_derive_case (policy, kase, 0);
  g_assert_cmpstr (mp_case_get_outcome (kase), ==, "in-scope");
  g_assert_cmpstr (mp_case_get_severity (kase), ==, "critical");
  g_assert_cmpstr (mp_derive_severity ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), ==,
                   "critical");
  /* 9.8: critical, 7 days after receipt until a fix date is promised. */
  assert_due (deadlines, "fix-target", "2026-11-09T22:59:59Z");
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  /* 5.3: medium, 60 days. */
  answer (kase, "assess.cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
  deadlines = mp_derive_case (policy, kase, 0);
  g_assert_cmpstr (mp_case_get_severity (kase), ==, "medium");
  assert_due (deadlines, "fix-target", "2027-01-01T22:59:59Z");
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  answer (kase, "assess.fix_date", "2026-11-20");
  deadlines = mp_derive_case (policy, kase, 0);
  assert_due (deadlines, "fix-target", "2026-11-20T22:59:59Z");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/derive-rules/koningsdag", test_koningsdag);
  g_test_add_func ("/derive-rules/policy-is-an-argument", test_policy_is_an_argument);
  g_test_add_func ("/derive-rules/severity-and-methods", test_severity_and_methods);

  return g_test_run ();
}
