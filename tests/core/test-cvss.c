/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-cvss.h"
#include "mp-cvss-metrics.h"

/* Every expected score below is published by FIRST (specification,
 * examples, reference calculator) or taken from the FIRST calculator by a
 * named third party; none was produced by this code. */

typedef struct
{
  const char *what;
  const char *vector;
  double      score;
} Example;

static void
assert_score (double      got,
              double      expected,
              const char *vector)
{
  if (lround (got * 10) != lround (expected * 10))
    g_error ("%s: expected %.1f, got %.1f", vector, expected, got);
}

static MpCvss *
parse_ok (const char *vector)
{
  g_autoptr(GError) error = NULL;
  MpCvss *cvss = mp_cvss_parse (vector, &error);

  if (cvss == NULL)
    g_error ("%s: %s", vector, error->message);
  return cvss;
}

/* FIRST, "Common Vulnerability Scoring System v3.1: Examples",
 * https://www.first.org/cvss/v3.1/examples (base scores of each section;
 * the vectors and scores as listed there). */
static const Example examples_3_1[] = {
  { "CVE-2013-1937 phpMyAdmin reflected XSS (v3.0 examples; unchanged in 3.1)",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1 },
  { "CVE-2013-0375 MySQL stored SQL injection",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4 },
  { "CVE-2014-3566 SSLv3 POODLE", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1 },
  { "CVE-2012-1516 VMware guest to host escape",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9 },
  { "CVE-2009-0783 Apache Tomcat XML parser", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2 },
  { "CVE-2012-0384 Cisco IOS command execution",
    "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2 },
  { "CVE-2015-1098 Apple iWork denial of service",
    "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8 },
  { "CVE-2014-0160 OpenSSL Heartbleed", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5 },
  { "CVE-2014-6271 GNU Bash Shellshock", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8 },
  { "CVE-2008-1447 DNS Kaminsky bug", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8 },
  { "CVE-2014-2005 Sophos login screen bypass",
    "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8 },
  { "CVE-2010-0467 Joomla directory traversal",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8 },
  { "CVE-2012-1342 Cisco access control bypass",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8 },
  { "CVE-2013-6014 Juniper proxy ARP denial of service",
    "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3 },
  { "CVE-2011-1265 Windows Bluetooth code execution",
    "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8 },
  { "CVE-2014-2019 Apple iOS security control bypass",
    "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6 },
  { "CVE-2015-0970 SearchBlox CSRF", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8 },
  { "CVE-2014-0224 SSL/TLS MITM", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4 },
  { "CVE-2012-5376 Chrome sandbox bypass", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6 },
  { "CVE-2016-0128 Badlock (SAMR/LSAD)", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8 },
  { "CVE-2016-2118 Badlock (SAMR/LSAD)", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5 },
  { "CVE-2019-7551 Cantemo Portal stored XSS",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 9.0 },
  { "CVE-2017-5942 WordPress Mail plugin reflected XSS",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1 },
  { "CVE-2016-5558 Oracle Outside In code execution",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 8.6 },
  { "CVE-2016-5729 Lenovo ThinkPwn", "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2 },
  { "CVE-2015-2890 Failure to lock flash on resume",
    "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 6.0 },
  { "CVE-2018-3652 Intel DCI issue", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6 },
  { "CVE-2019-0884 Scripting engine memory corruption",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2 },
};

static void
test_cvss31_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples_3_1); i++)
    {
      g_autoptr(MpCvss) cvss = parse_ok (examples_3_1[i].vector);

      g_test_message ("%s", examples_3_1[i].what);
      g_assert_cmpint (mp_cvss_get_version (cvss), ==, MP_CVSS_VERSION_3_1);
      assert_score (mp_cvss_get_base_score (cvss), examples_3_1[i].score, examples_3_1[i].vector);
      /* No temporal or environmental metric: the base score is the score. */
      assert_score (mp_cvss_get_score (cvss), examples_3_1[i].score, examples_3_1[i].vector);
      g_assert_cmpstr (mp_cvss_get_severity (cvss), ==,
                       mp_cvss_severity_for_score (examples_3_1[i].score));
    }
}

static void
test_cvss31_severity_of_examples (void)
{
  g_autoptr(MpCvss) heartbleed = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
  g_autoptr(MpCvss) shellshock = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  g_autoptr(MpCvss) poodle = parse_ok ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N");
  g_autoptr(MpCvss) xss = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");

  g_assert_cmpstr (mp_cvss_get_severity (heartbleed), ==, "high");
  g_assert_cmpstr (mp_cvss_get_severity (shellshock), ==, "critical");
  g_assert_cmpstr (mp_cvss_get_severity (poodle), ==, "low");
  g_assert_cmpstr (mp_cvss_get_severity (xss), ==, "medium");
}

/* CVSS v3.1 specification, section 7.5 and Appendix A: "Roundup (4.02) is
 * 4.1; and Roundup (4.00) is 4.0", and results within floating-point noise
 * of a tenth must not be rounded up. */
static void
test_cvss31_roundup (void)
{
  g_assert_cmpfloat (mp_cvss_roundup (4.02), ==, 4.1);
  g_assert_cmpfloat (mp_cvss_roundup (4.00), ==, 4.0);
  g_assert_cmpfloat (mp_cvss_roundup (4.000001), ==, 4.0);
  g_assert_cmpfloat (mp_cvss_roundup (4.0001), ==, 4.1);
  g_assert_cmpfloat (mp_cvss_roundup (0.1 + 0.2), ==, 0.3);   /* 0.30000000000000004 */
  g_assert_cmpfloat (mp_cvss_roundup (7.0 * 1.1), ==, 7.7);   /* 7.700000000000001 */
  g_assert_cmpfloat (mp_cvss_roundup (0.0), ==, 0.0);
  g_assert_cmpfloat (mp_cvss_roundup (9.999), ==, 10.0);
}

static void
test_cvss31_zero_impact (void)
{
  /* All impacts None: the spec sets the base score to 0 ("if Impact <= 0"). */
  static const char * const vectors[] = {
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
    "CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:N/I:N/A:N",
    "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N/E:H/CR:H/IR:H/AR:H",
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(MpCvss) cvss = parse_ok (vectors[i]);

      g_assert_cmpfloat (mp_cvss_get_base_score (cvss), ==, 0.0);
      g_assert_cmpfloat (mp_cvss_get_score (cvss), ==, 0.0);
      g_assert_cmpstr (mp_cvss_get_severity (cvss), ==, "none");
    }
}

static void
test_cvss31_temporal (void)
{
  /* CVE-2014-6271 (9.8) with a proof-of-concept exploit and an official fix:
   * Roundup (9.8 × 0.94 × 0.95 × 1) = Roundup (8.7514) = 8.8. */
  g_autoptr(MpCvss) shellshock =
    parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C");
  /* CVE-2013-1937 (6.1): Roundup (6.1 × 0.94 × 0.95) = Roundup (5.4473) = 5.5. */
  g_autoptr(MpCvss) xss =
    parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:O/RC:C");
  /* Explicit Not Defined values do not make a temporal score. */
  g_autoptr(MpCvss) undefined =
    parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X");

  assert_score (mp_cvss_get_base_score (shellshock), 9.8, "shellshock");
  assert_score (mp_cvss_get_temporal_score (shellshock), 8.8, "shellshock");
  assert_score (mp_cvss_get_score (shellshock), 8.8, "shellshock");
  g_assert_cmpstr (mp_cvss_get_severity (shellshock), ==, "high");
  g_assert_cmpfloat (mp_cvss_get_score (shellshock), <, mp_cvss_get_base_score (shellshock));

  assert_score (mp_cvss_get_base_score (xss), 6.1, "xss");
  assert_score (mp_cvss_get_score (xss), 5.5, "xss");

  assert_score (mp_cvss_get_score (undefined), 9.8, "undefined");
  g_assert_cmpstr (mp_cvss_get_severity (undefined), ==, "critical");
}

static void
test_cvss31_environmental (void)
{
  /* Environmental scores from FIRST's 3.1 calculator, as recorded in the
   * regression tests of us.springett.cvss (CvssV3_1NotDefinedRegression) and
   * of cvss-rs (issue 9). */
  static const Example environmental[] = {
    { "MUI not defined",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H/E:X/RL:X/RC:X/CR:X/IR:H/AR:H/MAV:A/MAC:H/"
      "MPR:H/MUI:X/MS:U/MC:H/MI:H/MA:H", 6.4 },
    { "MPR not defined",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H/E:X/RL:X/RC:X/CR:X/IR:H/AR:H/MAV:A/MAC:H/"
      "MPR:X/MUI:N/MS:U/MC:H/MI:H/MA:H", 7.5 },
    { "MAC not defined",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H/E:X/RL:X/RC:X/CR:X/IR:H/AR:H/MAV:A/MAC:X/"
      "MPR:N/MUI:N/MS:U/MC:H/MI:H/MA:H", 7.5 },
    { "MAV not defined",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H/E:X/RL:X/RC:X/CR:X/IR:H/AR:H/MAV:X/MAC:H/"
      "MPR:N/MUI:N/MS:U/MC:H/MI:H/MA:H", 8.1 },
    { "MS not defined",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H/E:X/RL:X/RC:X/CR:X/IR:H/AR:H/MAV:A/MAC:H/"
      "MPR:N/MUI:N/MS:X/MC:H/MI:H/MA:H", 7.5 },
    { "MC not defined",
      "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H/E:X/RL:X/RC:X/CR:X/IR:H/AR:H/MAV:A/MAC:H/"
      "MPR:N/MUI:N/MS:U/MC:X/MI:H/MA:H", 7.5 },
    { "requirements (cvss-rs issue 9)",
      "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/MAV:A/MAC:L/MPR:N/MUI:X/MS:U/CR:L/IR:H/AR:X",
      8.0 },
    { "all requirements High",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:H/IR:H/AR:H", 9.8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (environmental); i++)
    {
      g_autoptr(MpCvss) cvss = parse_ok (environmental[i].vector);

      g_test_message ("%s", environmental[i].what);
      assert_score (mp_cvss_get_environmental_score (cvss), environmental[i].score,
                    environmental[i].vector);
      assert_score (mp_cvss_get_score (cvss), environmental[i].score, environmental[i].vector);
    }
}

static void
test_cvss31_environmental_scope (void)
{
  /* CVE-2023-35161 (base 9.6, S:C). With the modified metrics equal to the base
   * ones, the 3.1 ModifiedImpact for a changed scope, 7.52 × (MISS − 0.029) −
   * 3.25 × (MISS × 0.9731 − 0.02)^13, gives 9.7 where the base formula gives
   * 9.6 (FIRST 3.1 calculator, as recorded in cvss-rs's rounding tests). */
  g_autoptr(MpCvss) changed = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H/MS:C");
  /* CVE-2012-1516 (9.9, S:C, PR:L) assessed with an unchanged modified scope:
   * MPR:L weighs 0.62 instead of 0.68 and the impact is 6.42 × MISS, exactly
   * the base equation of the same vector with S:U, which the v3.0 examples
   * score 8.8 (CVE-2012-0384 as first published). */
  g_autoptr(MpCvss) unchanged = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H/MS:U");
  /* Shellshock (9.8, S:U) with a changed modified scope: 1.08 × (impact +
   * exploitability) exceeds 10, so the environmental score is the maximum,
   * 10.0, as the base score of the same vector with S:C. */
  g_autoptr(MpCvss) lifted = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:C");

  assert_score (mp_cvss_get_base_score (changed), 9.6, "changed");
  assert_score (mp_cvss_get_score (changed), 9.7, "changed");

  assert_score (mp_cvss_get_base_score (unchanged), 9.9, "unchanged");
  assert_score (mp_cvss_get_score (unchanged), 8.8, "unchanged");
  g_assert_cmpstr (mp_cvss_get_severity (unchanged), ==, "high");

  assert_score (mp_cvss_get_base_score (lifted), 9.8, "lifted");
  assert_score (mp_cvss_get_score (lifted), 10.0, "lifted");
}

static void
test_cvss31_environmental_formula (void)
{
  /* Base-only vectors with the base, temporal and environmental scores of
   * FIRST's 3.1 calculator (RedHatProductSecurity/cvss, tests/vectors_simple31,
   * "computed using https://www.first.org/cvss/calculator/3.1"). With every
   * environmental metric Not Defined, a changed scope still makes the
   * environmental score differ from the base score (9.7 against 9.6, 8.0
   * against 8.1): the 3.1 ModifiedImpact uses MISS × 0.9731 and the power 13. */
  static const struct
  {
    const char *vector;
    double      base;
    double      environmental;
  } vectors[] = {
    { "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 9.6, 9.7 },
    { "CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 8.8, 8.9 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.0, 9.1 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 8.4, 8.5 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:N", 8.1, 8.0 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:C/C:H/I:N/A:H", 8.1, 8.0 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:C/C:N/I:H/A:H", 8.1, 8.0 },
    { "CVSS:3.1/AV:A/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.4, 8.5 },
    { "CVSS:3.1/AV:A/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:N", 8.1, 8.1 },
    { "CVSS:3.1/AV:A/AC:L/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.6, 6.6 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L", 4.9, 4.9 },
    { "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:H", 4.8, 4.8 },
    { "CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:L/I:N/A:N", 4.1, 4.1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(MpCvss) cvss = parse_ok (vectors[i].vector);
      /* CR:M weighs 1.0, as Not Defined: the same scores, but now the vector
       * gives an environmental metric, so it is the score. */
      g_autofree char *with_cr = g_strconcat (vectors[i].vector, "/CR:M", NULL);
      g_autoptr(MpCvss) cvss_cr = parse_ok (with_cr);

      assert_score (mp_cvss_get_base_score (cvss), vectors[i].base, vectors[i].vector);
      assert_score (mp_cvss_get_temporal_score (cvss), vectors[i].base, vectors[i].vector);
      assert_score (mp_cvss_get_environmental_score (cvss), vectors[i].environmental,
                    vectors[i].vector);
      assert_score (mp_cvss_get_score (cvss), vectors[i].base, vectors[i].vector);
      assert_score (mp_cvss_get_score (cvss_cr), vectors[i].environmental, with_cr);
    }
}

static void
test_cvss31_any_order (void)
{
  /* The 3.1 specification (section 6) allows the metrics in any order. */
  g_autoptr(MpCvss) ordered = parse_ok ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H");
  g_autoptr(MpCvss) shuffled = parse_ok ("CVSS:3.1/S:C/A:H/C:H/AV:N/UI:N/I:H/PR:L/AC:L");
  g_autoptr(MpCvss) padded = parse_ok ("  CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H\n");

  assert_score (mp_cvss_get_score (shuffled), 9.9, "shuffled");
  g_assert_cmpfloat (mp_cvss_get_score (ordered), ==, mp_cvss_get_score (shuffled));
  g_assert_cmpstr (mp_cvss_get_vector (padded), ==, "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H");
  g_assert_cmpstr (mp_cvss_get_metric (shuffled, "PR"), ==, "L");
  g_assert_null (mp_cvss_get_metric (shuffled, "E"));
  g_assert_null (mp_cvss_get_metric (shuffled, "NOPE"));
}

/* --- CVSS 4.0 ----------------------------------------------------------- */

static char *
field (const char *line,
       const char *key)
{
  const char *start = strstr (line, key);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (key);
  end = strpbrk (start, "',}");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static void
test_cvss40_reference_set (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "cvss4-first-reference.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *vector = NULL;
      g_autofree char *score_text = NULL;
      g_autofree char *severity_text = NULL;
      g_autofree char *severity = NULL;
      g_autoptr(MpCvss) cvss = NULL;

      if (!g_str_has_prefix (lines[i], "{"))
        continue;
      vector = field (lines[i], "'vector': '");
      score_text = field (lines[i], "'score': ");
      severity_text = field (lines[i], "'severity': '");
      severity = g_ascii_strdown (severity_text, -1);

      cvss = parse_ok (vector);
      g_assert_cmpint (mp_cvss_get_version (cvss), ==, MP_CVSS_VERSION_4_0);
      assert_score (mp_cvss_get_score (cvss), g_ascii_strtod (score_text, NULL), vector);
      g_assert_cmpstr (mp_cvss_get_severity (cvss), ==, severity);
      checked++;
    }

  g_assert_cmpuint (checked, ==, 100);
}

static void
test_cvss40_examples (void)
{
  static const Example examples[] = {
    /* FIRST's CVSS v4.0 calculator, the default vector and no impact at all. */
    { "base, high impact on the vulnerable system",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3 },
    { "base, no impact", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0 },
    /* The doc comment of the reference cvss40.js (class CVSS40). */
    { "threat and environmental (cvss40.js example)",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A", 8.7 },
    /* polycvss documentation, scored with the FIRST calculator. */
    { "low impacts", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9 },
    /* Ties at x.x5 round half up (reference issues 48 and 66, PR 67;
     * FIRSTdotorg/cvss-v4-calculator PR 4). */
    { "tie 0.35 rounds up (issue 48)",
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U", 0.4 },
    { "tie 8.95 rounds up (issue 48)",
      "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H/E:P", 9.0 },
    { "tie 8.55 one ULP low rounds up (issue 66)",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", 8.6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(MpCvss) cvss = parse_ok (examples[i].vector);

      g_test_message ("%s", examples[i].what);
      assert_score (mp_cvss_get_score (cvss), examples[i].score, examples[i].vector);
    }
}

static void
test_cvss40_groups (void)
{
  /* Reference set: with E:A and CR/IR/AR:H (the worst cases that Not Defined
   * stands for) this base scores 10; with E:U it scores 9.1. */
  g_autoptr(MpCvss) threat =
    parse_ok ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U");
  g_autoptr(MpCvss) full =
    parse_ok ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U/CR:H/IR:H/AR:H");
  /* Reference set: base 9.3 (the first example), lowered to 0.0 when the
   * environment modifies every impact to None. */
  g_autoptr(MpCvss) no_impact =
    parse_ok ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
              "MVC:N/MVI:N/MVA:N");
  /* The metrics in another order than the specification's table. */
  g_autoptr(MpCvss) shuffled =
    parse_ok ("CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N");
  /* Supplemental metrics do not change the score. */
  g_autoptr(MpCvss) supplemental =
    parse_ok ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
              "S:P/AU:Y/R:I/V:C/RE:H/U:Red");

  assert_score (mp_cvss_get_base_score (threat), 10.0, "threat");
  assert_score (mp_cvss_get_score (threat), 9.1, "threat");
  g_assert_cmpfloat (mp_cvss_get_temporal_score (threat), ==, mp_cvss_get_score (threat));

  assert_score (mp_cvss_get_base_score (full), 10.0, "full");
  assert_score (mp_cvss_get_score (full), 9.1, "full");

  assert_score (mp_cvss_get_base_score (no_impact), 9.3, "no impact");
  assert_score (mp_cvss_get_score (no_impact), 0.0, "no impact");
  g_assert_cmpstr (mp_cvss_get_severity (no_impact), ==, "none");

  assert_score (mp_cvss_get_score (supplemental), 9.3, "supplemental");
  assert_score (mp_cvss_get_score (shuffled), 9.3, "shuffled");
  g_assert_cmpstr (mp_cvss_get_metric (supplemental, "U"), ==, "Red");
}

/* --- Invalid vectors ---------------------------------------------------- */

typedef struct
{
  const char  *vector;
  MpCvssError  code;
  const char  *named;     /* must appear in the message */
} Invalid;

static void
test_invalid (void)
{
  static const Invalid invalid[] = {
    { "", MP_CVSS_ERROR_EMPTY, "empty" },
    { "   ", MP_CVSS_ERROR_EMPTY, "empty" },
    /* Missing base metric */
    { "CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_MISSING_METRIC, "metric PR" },
    { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", MP_CVSS_ERROR_MISSING_METRIC, "metric S" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
      MP_CVSS_ERROR_MISSING_METRIC, "metric SA" },
    { "CVSS:3.1", MP_CVSS_ERROR_MISSING_METRIC, "metric AV" },
    /* Duplicate metric, same or different value */
    { "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_DUPLICATE_METRIC, "AV" },
    { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/E:U", MP_CVSS_ERROR_DUPLICATE_METRIC, "E" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:L/MAV:N",
      MP_CVSS_ERROR_DUPLICATE_METRIC, "MAV" },
    /* Unknown value */
    { "CVSS:3.1/AV:W/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_UNKNOWN_VALUE, "AV" },
    { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/RC:P", MP_CVSS_ERROR_UNKNOWN_VALUE, "RC" },
    { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H", MP_CVSS_ERROR_UNKNOWN_VALUE, "S" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S",
      MP_CVSS_ERROR_UNKNOWN_VALUE, "MSC" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
      MP_CVSS_ERROR_UNKNOWN_VALUE, "SI" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      MP_CVSS_ERROR_UNKNOWN_VALUE, "UI" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red",
      MP_CVSS_ERROR_UNKNOWN_VALUE, "red" },
    { "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_UNKNOWN_VALUE, "AV" },
    /* Unknown metric, including one of the other version */
    { "CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_UNKNOWN_METRIC, "AT" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O",
      MP_CVSS_ERROR_UNKNOWN_METRIC, "RL" },
    { "CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_UNKNOWN_METRIC, "av" },
    /* Wrong prefix */
    { "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_PREFIX, "CVSS:3.1/" },
    { "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_PREFIX, "3.0" },
    { "CVSS:4/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      MP_CVSS_ERROR_PREFIX, "“4”" },
    { "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_PREFIX, "CVSS:3.1/" },
    /* Empty parts: trailing slash, double slash, slash after the prefix */
    { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", MP_CVSS_ERROR_SYNTAX, "metric A;" },
    { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/",
      MP_CVSS_ERROR_SYNTAX, "metric SA" },
    { "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_SYNTAX, "metric AV" },
    { "CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_SYNTAX, "CVSS:3.1" },
    /* A part that is not NAME:VALUE */
    { "CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", MP_CVSS_ERROR_SYNTAX, "AVN" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpCvss) cvss = mp_cvss_parse (invalid[i].vector, &error);

      g_test_message ("%s", invalid[i].vector);
      g_assert_null (cvss);
      g_assert_error (error, MP_CVSS_ERROR, (int) invalid[i].code);
      if (strstr (error->message, invalid[i].named) == NULL)
        g_error ("“%s”: message “%s” does not name “%s”",
                 invalid[i].vector, error->message, invalid[i].named);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (mp_cvss_parse (NULL, &error));
    g_assert_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_EMPTY);
  }
}

/* --- Severity ----------------------------------------------------------- */

static void
test_severity (void)
{
  g_autofree char *high = mp_cvss_format_score (9.8);
  g_autofree char *ten = mp_cvss_format_score (10.0);
  g_autofree char *zero = mp_cvss_format_score (0.0);

  /* CVSS v3.1 specification, Table 14; CVSS v4.0 specification, section 6. */
  g_assert_cmpstr (mp_cvss_severity_for_score (0.0), ==, "none");
  g_assert_cmpstr (mp_cvss_severity_for_score (0.1), ==, "low");
  g_assert_cmpstr (mp_cvss_severity_for_score (3.9), ==, "low");
  g_assert_cmpstr (mp_cvss_severity_for_score (4.0), ==, "medium");
  g_assert_cmpstr (mp_cvss_severity_for_score (6.9), ==, "medium");
  g_assert_cmpstr (mp_cvss_severity_for_score (7.0), ==, "high");
  g_assert_cmpstr (mp_cvss_severity_for_score (8.9), ==, "high");
  g_assert_cmpstr (mp_cvss_severity_for_score (9.0), ==, "critical");
  g_assert_cmpstr (mp_cvss_severity_for_score (10.0), ==, "critical");

  g_assert_cmpstr (mp_cvss_severity_to_label ("none"), ==, "None");
  g_assert_cmpstr (mp_cvss_severity_to_label ("medium"), ==, "Medium");
  g_assert_cmpstr (mp_cvss_severity_to_label ("critical"), ==, "Critical");
  g_assert_null (mp_cvss_severity_to_label ("severe"));

  g_assert_cmpstr (high, ==, "9.8");
  g_assert_cmpstr (ten, ==, "10.0");
  g_assert_cmpstr (zero, ==, "0.0");
}

/* The picker's tables: every value of every base metric builds a vector
 * that mp_cvss_parse() accepts, with that value. */
static void
test_base_metrics (void)
{
  static const MpCvssVersion versions[] = { MP_CVSS_VERSION_3_1, MP_CVSS_VERSION_4_0 };

  for (guint k = 0; k < G_N_ELEMENTS (versions); k++)
    {
      guint n;
      const MpCvssMetric *metrics = mp_cvss_get_base_metrics (versions[k], &n);

      g_assert_cmpuint (n, ==, versions[k] == MP_CVSS_VERSION_4_0 ? 11 : 8);
      for (guint m = 0; m < n; m++)
        for (guint v = 0; metrics[m].values[v].code != NULL; v++)
          {
            g_autofree const char **codes = g_new0 (const char *, n);
            g_autofree char *vector = NULL;
            g_autoptr(MpCvss) cvss = NULL;
            g_autoptr(GError) error = NULL;

            for (guint i = 0; i < n; i++)
              codes[i] = metrics[i].values[0].code;
            codes[m] = metrics[m].values[v].code;
            vector = mp_cvss_build_base_vector (versions[k], codes);
            cvss = mp_cvss_parse (vector, &error);
            g_assert_no_error (error);
            g_assert_cmpint (mp_cvss_get_version (cvss), ==, versions[k]);
            g_assert_cmpstr (mp_cvss_get_metric (cvss, metrics[m].code), ==, codes[m]);
          }
    }
  {
    static const char * const worst[] = { "N", "L", "N", "N", "C", "H", "H", "H" };
    g_autofree char *vector = mp_cvss_build_base_vector (MP_CVSS_VERSION_3_1, worst);

    g_assert_cmpstr (vector, ==, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cvss/3.1/examples", test_cvss31_examples);
  g_test_add_func ("/cvss/3.1/severity-of-examples", test_cvss31_severity_of_examples);
  g_test_add_func ("/cvss/3.1/roundup", test_cvss31_roundup);
  g_test_add_func ("/cvss/3.1/zero-impact", test_cvss31_zero_impact);
  g_test_add_func ("/cvss/3.1/temporal", test_cvss31_temporal);
  g_test_add_func ("/cvss/3.1/environmental", test_cvss31_environmental);
  g_test_add_func ("/cvss/3.1/environmental-scope", test_cvss31_environmental_scope);
  g_test_add_func ("/cvss/3.1/environmental-formula", test_cvss31_environmental_formula);
  g_test_add_func ("/cvss/3.1/any-order", test_cvss31_any_order);
  g_test_add_func ("/cvss/4.0/reference-set", test_cvss40_reference_set);
  g_test_add_func ("/cvss/4.0/examples", test_cvss40_examples);
  g_test_add_func ("/cvss/4.0/groups", test_cvss40_groups);
  g_test_add_func ("/cvss/invalid", test_invalid);
  g_test_add_func ("/cvss/severity", test_severity);
  g_test_add_func ("/cvss/base-metrics", test_base_metrics);

  return g_test_run ();
}
