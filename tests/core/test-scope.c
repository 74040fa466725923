/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-scope.h"

static MpPolicy *
make_policy (void)
{
  MpPolicy *policy = mp_policy_new ();
  static const struct { const char *key, *value; } settings[] = {
    { "assets.hosts", "www.example.nl, vpn.example.net" },
    { "assets.domains", "example.org, bücher.example" },
    { "assets.networks", "192.0.2.0/24, 2001:db8::/32, 203.0.113.7" },
    { "sister.1.name", "Zuster BV" },
    { "sister.1.url", "https://zuster.nl/cvd" },
    { "sister.1.domains", "zuster.nl" },
    { "sister.1.networks", "198.51.100.0/24, 2001:db8:ffff::/48" },
    /* Also listed by the sister: ours wins. */
    { "sister.1.hosts", "www.example.nl" },
    /* A sister without a name is not a sister. */
    { "sister.3.domains", "nameless.example" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr(GError) error = NULL;

      mp_policy_apply (policy, settings[i].key, settings[i].value, &error);
      g_assert_no_error (error);
    }
  return policy;
}

static void
assert_owner (MpPolicy     *policy,
              const char   *text,
              MpScopeOwner  expected)
{
  g_autoptr(MpScopeMatch) match = mp_scope_match (policy, text);
  g_autofree char *escaped = g_strescape (text != NULL ? text : "(null)", NULL);

  g_test_message ("%s", escaped);
  g_assert_nonnull (match);
  g_assert_cmpint (match->owner, ==, expected);
  if (expected == MP_SCOPE_CANNOT_TELL)
    g_assert_null (match->host);
  else
    g_assert_nonnull (match->host);
  if (expected != MP_SCOPE_SISTER)
    g_assert_null (match->sister_name);
}

static void
test_ours (void)
{
  g_autoptr(MpPolicy) policy = make_policy ();

  assert_owner (policy, "www.example.nl", MP_SCOPE_OURS);
  assert_owner (policy, "https://www.example.nl/search?q=1", MP_SCOPE_OURS);
  assert_owner (policy, "WWW.EXAMPLE.NL.", MP_SCOPE_OURS);
  assert_owner (policy, "  https://WWW.Example.nl./path  ", MP_SCOPE_OURS);
  assert_owner (policy, "http://user:secret@www.example.nl:8443/x", MP_SCOPE_OURS);
  assert_owner (policy, "www.example.nl:443", MP_SCOPE_OURS);
  assert_owner (policy, "www.example.nl/admin", MP_SCOPE_OURS);
  assert_owner (policy, "ftp://vpn.example.net", MP_SCOPE_OURS);
  assert_owner (policy, "example.org", MP_SCOPE_OURS);
  assert_owner (policy, "deep.sub.example.org", MP_SCOPE_OURS);
  assert_owner (policy, "https://bücher.example/", MP_SCOPE_OURS);
  assert_owner (policy, "shop.BÜCHER.example", MP_SCOPE_OURS);
  assert_owner (policy, "xn--bcher-kva.example", MP_SCOPE_OURS);
  assert_owner (policy, "192.0.2.55", MP_SCOPE_OURS);
  assert_owner (policy, "http://192.0.2.10:8080/login", MP_SCOPE_OURS);
  assert_owner (policy, "203.0.113.7", MP_SCOPE_OURS);
  assert_owner (policy, "192.0.2.1:8080", MP_SCOPE_OURS);
  assert_owner (policy, "admin@192.0.2.1", MP_SCOPE_OURS);
  assert_owner (policy, "security@www.example.nl", MP_SCOPE_OURS);
  assert_owner (policy, "2001:db8::1", MP_SCOPE_OURS);
  assert_owner (policy, "2001:DB8:0:0::abcd", MP_SCOPE_OURS);
  assert_owner (policy, "[2001:db8::1]", MP_SCOPE_OURS);
  assert_owner (policy, "https://[2001:db8::1]:8443/", MP_SCOPE_OURS);
  assert_owner (policy, "::ffff:192.0.2.7", MP_SCOPE_OURS);

  {
    g_autoptr(MpScopeMatch) match = mp_scope_match (policy, "https://Shop.Example.ORG:443/");

    g_assert_cmpstr (match->host, ==, "shop.example.org");
    g_assert_cmpstr (match->matched, ==, "example.org");
    g_assert_false (match->is_address);
    g_assert_cmpstr (mp_scope_owner_to_answer (match->owner), ==, "ours");
  }
  {
    g_autoptr(MpScopeMatch) match = mp_scope_match (policy, "https://[2001:DB8::1]/");

    g_assert_true (match->is_address);
    g_assert_cmpstr (match->host, ==, "2001:db8::1");
    g_assert_cmpstr (match->matched, ==, "2001:db8::/32");
  }
}

static void
test_sister (void)
{
  g_autoptr(MpPolicy) policy = make_policy ();
  g_autoptr(MpScopeMatch) match = mp_scope_match (policy, "https://login.zuster.nl/");

  g_assert_cmpint (match->owner, ==, MP_SCOPE_SISTER);
  g_assert_cmpstr (match->sister_name, ==, "Zuster BV");
  g_assert_cmpstr (match->sister_url, ==, "https://zuster.nl/cvd");
  g_assert_cmpstr (mp_scope_owner_to_answer (match->owner), ==, "sister");

  assert_owner (policy, "zuster.nl", MP_SCOPE_SISTER);
  assert_owner (policy, "198.51.100.200", MP_SCOPE_SISTER);
  assert_owner (policy, "[2001:db8:ffff::5]:443", MP_SCOPE_OURS);   /* inside our /32 too */
  assert_owner (policy, "www.example.nl", MP_SCOPE_OURS);
  assert_owner (policy, "www.nameless.example", MP_SCOPE_THIRD_PARTY);
}

static void
test_third_party (void)
{
  g_autoptr(MpPolicy) policy = make_policy ();

  assert_owner (policy, "example.nl", MP_SCOPE_THIRD_PARTY);          /* only www is ours */
  assert_owner (policy, "evilexample.org", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "example.org.evil.com", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "https://www.example.nl.evil.com/", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "https://www.example.nl@evil.com/", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "https://www.example.nl%2F@evil.com/", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "https://evil.com/?next=https://www.example.nl/", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "https://evil.com#@www.example.nl", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "192.0.3.1", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "203.0.113.8", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "2001:db9::1", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "::ffff:192.0.3.7", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "localhost", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "http://[fe80::1%25eth0]/", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "fe80::1%eth0", MP_SCOPE_THIRD_PARTY);
  assert_owner (policy, "[2001:db8::1%eth0]:443", MP_SCOPE_OURS);
  {
    g_autoptr(MpScopeMatch) match = mp_scope_match (policy, "evilexample.org");

    g_assert_cmpstr (mp_scope_owner_to_answer (match->owner), ==, "third-party");
    g_assert_null (match->matched);
  }
}

static void
test_cannot_tell (void)
{
  g_autoptr(MpPolicy) policy = make_policy ();
  g_autoptr(MpPolicy) empty = mp_policy_new ();

  assert_owner (policy, NULL, MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "   ", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "the login page", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "http://", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "https:///path", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "\xff\xfe\xfd", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "www..example.nl", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "-bad-.example.org", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "[2001:db8::1", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "http://exa$mple.org/", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, ":::::", MP_SCOPE_CANNOT_TELL);
  assert_owner (policy, "%%%", MP_SCOPE_CANNOT_TELL);
  assert_owner (empty, "", MP_SCOPE_CANNOT_TELL);
  g_assert_cmpstr (mp_scope_owner_to_answer (MP_SCOPE_CANNOT_TELL), ==, "unknown");

  /* No asset list at all: every readable host is someone else's. */
  assert_owner (empty, "www.example.nl", MP_SCOPE_THIRD_PARTY);
}

static void
test_normalise_host (void)
{
  g_autofree char *a = mp_scope_normalise_host ("WWW.Example.NL.");
  g_autofree char *b = mp_scope_normalise_host ("Bücher.Example");
  g_autofree char *c = mp_scope_normalise_host ("a..b");
  g_autofree char *d = mp_scope_normalise_host ("");
  g_autofree char *e = mp_scope_normalise_host (".");

  g_assert_cmpstr (a, ==, "www.example.nl");
  g_assert_cmpstr (b, ==, "xn--bcher-kva.example");
  g_assert_null (c);
  g_assert_null (d);
  g_assert_null (e);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scope/ours", test_ours);
  g_test_add_func ("/scope/sister", test_sister);
  g_test_add_func ("/scope/third-party", test_third_party);
  g_test_add_func ("/scope/cannot-tell", test_cannot_tell);
  g_test_add_func ("/scope/normalise-host", test_normalise_host);

  return g_test_run ();
}
