/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mp-cvss-private.h"
#include "mp-vocabulary.h"

/* The arithmetic below follows FIRST's reference calculators step by step, in
 * double precision and in the same order of operations, because the published
 * scores are defined by those calculators down to their rounding. */

typedef enum
{
  GROUP_BASE,
  GROUP_TEMPORAL,        /* 3.1 temporal; 4.0 threat */
  GROUP_ENVIRONMENTAL,
  GROUP_SUPPLEMENTAL,
} MetricGroup;

#define MAX_VALUES  6
#define MAX_METRICS 32

typedef struct
{
  const char  *name;
  MetricGroup  group;
  const char  *values[MAX_VALUES];   /* NULL-terminated when shorter */
} MetricDef;

/* CVSS v3.1 specification, Table 15 (vector string metrics and values). */
static const MetricDef metrics_3_1[] = {
  { "AV",  GROUP_BASE,          { "N", "A", "L", "P" } },
  { "AC",  GROUP_BASE,          { "L", "H" } },
  { "PR",  GROUP_BASE,          { "N", "L", "H" } },
  { "UI",  GROUP_BASE,          { "N", "R" } },
  { "S",   GROUP_BASE,          { "U", "C" } },
  { "C",   GROUP_BASE,          { "H", "L", "N" } },
  { "I",   GROUP_BASE,          { "H", "L", "N" } },
  { "A",   GROUP_BASE,          { "H", "L", "N" } },
  { "E",   GROUP_TEMPORAL,      { "X", "H", "F", "P", "U" } },
  { "RL",  GROUP_TEMPORAL,      { "X", "U", "W", "T", "O" } },
  { "RC",  GROUP_TEMPORAL,      { "X", "C", "R", "U" } },
  { "CR",  GROUP_ENVIRONMENTAL, { "X", "H", "M", "L" } },
  { "IR",  GROUP_ENVIRONMENTAL, { "X", "H", "M", "L" } },
  { "AR",  GROUP_ENVIRONMENTAL, { "X", "H", "M", "L" } },
  { "MAV", GROUP_ENVIRONMENTAL, { "X", "N", "A", "L", "P" } },
  { "MAC", GROUP_ENVIRONMENTAL, { "X", "L", "H" } },
  { "MPR", GROUP_ENVIRONMENTAL, { "X", "N", "L", "H" } },
  { "MUI", GROUP_ENVIRONMENTAL, { "X", "N", "R" } },
  { "MS",  GROUP_ENVIRONMENTAL, { "X", "U", "C" } },
  { "MC",  GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
  { "MI",  GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
  { "MA",  GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
};

/* CVSS v4.0 specification, section 7 (vector string). */
static const MetricDef metrics_4_0[] = {
  { "AV",  GROUP_BASE,          { "N", "A", "L", "P" } },
  { "AC",  GROUP_BASE,          { "L", "H" } },
  { "AT",  GROUP_BASE,          { "N", "P" } },
  { "PR",  GROUP_BASE,          { "N", "L", "H" } },
  { "UI",  GROUP_BASE,          { "N", "P", "A" } },
  { "VC",  GROUP_BASE,          { "H", "L", "N" } },
  { "VI",  GROUP_BASE,          { "H", "L", "N" } },
  { "VA",  GROUP_BASE,          { "H", "L", "N" } },
  { "SC",  GROUP_BASE,          { "H", "L", "N" } },
  { "SI",  GROUP_BASE,          { "H", "L", "N" } },
  { "SA",  GROUP_BASE,          { "H", "L", "N" } },
  { "E",   GROUP_TEMPORAL,      { "X", "A", "P", "U" } },
  { "CR",  GROUP_ENVIRONMENTAL, { "X", "H", "M", "L" } },
  { "IR",  GROUP_ENVIRONMENTAL, { "X", "H", "M", "L" } },
  { "AR",  GROUP_ENVIRONMENTAL, { "X", "H", "M", "L" } },
  { "MAV", GROUP_ENVIRONMENTAL, { "X", "N", "A", "L", "P" } },
  { "MAC", GROUP_ENVIRONMENTAL, { "X", "L", "H" } },
  { "MAT", GROUP_ENVIRONMENTAL, { "X", "N", "P" } },
  { "MPR", GROUP_ENVIRONMENTAL, { "X", "N", "L", "H" } },
  { "MUI", GROUP_ENVIRONMENTAL, { "X", "N", "P", "A" } },
  { "MVC", GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
  { "MVI", GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
  { "MVA", GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
  { "MSC", GROUP_ENVIRONMENTAL, { "X", "H", "L", "N" } },
  { "MSI", GROUP_ENVIRONMENTAL, { "X", "S", "H", "L", "N" } },
  { "MSA", GROUP_ENVIRONMENTAL, { "X", "S", "H", "L", "N" } },
  { "S",   GROUP_SUPPLEMENTAL,  { "X", "N", "P" } },
  { "AU",  GROUP_SUPPLEMENTAL,  { "X", "N", "Y" } },
  { "R",   GROUP_SUPPLEMENTAL,  { "X", "A", "U", "I" } },
  { "V",   GROUP_SUPPLEMENTAL,  { "X", "D", "C" } },
  { "RE",  GROUP_SUPPLEMENTAL,  { "X", "L", "M", "H" } },
  { "U",   GROUP_SUPPLEMENTAL,  { "X", "Clear", "Green", "Amber", "Red" } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (metrics_3_1) <= MAX_METRICS);
G_STATIC_ASSERT (G_N_ELEMENTS (metrics_4_0) <= MAX_METRICS);

struct _MpCvss
{
  MpCvssVersion    version;
  char            *vector;
  const MetricDef *defs;
  guint            n_defs;
  const char      *values[MAX_METRICS];  /* point into defs; NULL = absent */

  /* Scores in tenths, so that they compare exactly. */
  int              base;
  int              temporal;
  int              environmental;
  gboolean         has_temporal;
  gboolean         has_environmental;
};

G_DEFINE_QUARK (mp-cvss-error-quark, mp_cvss_error)

static int
find_metric (const MetricDef *defs,
             guint            n_defs,
             const char      *name)
{
  for (guint i = 0; i < n_defs; i++)
    if (g_str_equal (defs[i].name, name))
      return (int) i;
  return -1;
}

/* The metric's letter as written, or 'X' when it is absent. Every metric that
 * enters a score has one-letter values. */
static char
letter (const MpCvss *self,
        const char   *name)
{
  int i = find_metric (self->defs, self->n_defs, name);

  g_assert (i >= 0);
  return self->values[i] != NULL ? self->values[i][0] : 'X';
}

static int
tenths_of (double score)
{
  return (int) round (score * 10.0);
}

/* CVSS v3.1 specification, Appendix A: Roundup on integers. Returns tenths. */
static int
roundup_tenths (double value)
{
  gint64 int_input = (gint64) round (value * 100000.0);

  if (int_input % 10000 == 0)
    return (int) (int_input / 10000);
  return (int) (int_input / 10000 + 1);
}

/* --- CVSS 3.1 ----------------------------------------------------------- */

static double
weight_av (char value)
{
  switch (value)
    {
    case 'N': return 0.85;
    case 'A': return 0.62;
    case 'L': return 0.55;
    case 'P': return 0.2;
    default: g_assert_not_reached ();
    }
}

static double
weight_ac (char value)
{
  return value == 'L' ? 0.77 : 0.44;
}

static double
weight_pr (char     value,
           gboolean scope_changed)
{
  switch (value)
    {
    case 'N': return 0.85;
    case 'L': return scope_changed ? 0.68 : 0.62;
    case 'H': return scope_changed ? 0.5 : 0.27;
    default: g_assert_not_reached ();
    }
}

static double
weight_ui (char value)
{
  return value == 'N' ? 0.85 : 0.62;
}

static double
weight_cia (char value)
{
  switch (value)
    {
    case 'H': return 0.56;
    case 'L': return 0.22;
    case 'N': return 0.0;
    default: g_assert_not_reached ();
    }
}

static double
weight_e (char value)
{
  switch (value)
    {
    case 'X': case 'H': return 1.0;
    case 'F': return 0.97;
    case 'P': return 0.94;
    case 'U': return 0.91;
    default: g_assert_not_reached ();
    }
}

static double
weight_rl (char value)
{
  switch (value)
    {
    case 'X': case 'U': return 1.0;
    case 'W': return 0.97;
    case 'T': return 0.96;
    case 'O': return 0.95;
    default: g_assert_not_reached ();
    }
}

static double
weight_rc (char value)
{
  switch (value)
    {
    case 'X': case 'C': return 1.0;
    case 'R': return 0.96;
    case 'U': return 0.92;
    default: g_assert_not_reached ();
    }
}

static double
weight_requirement (char value)
{
  switch (value)
    {
    case 'X': case 'M': return 1.0;
    case 'H': return 1.5;
    case 'L': return 0.5;
    default: g_assert_not_reached ();
    }
}

/* A modified base metric, or the base metric when it is Not Defined. */
static char
modified_letter (const MpCvss *self,
                 const char   *name)
{
  g_autofree char *modified = g_strconcat ("M", name, NULL);
  char value = letter (self, modified);

  return value != 'X' ? value : letter (self, name);
}

static void
score_3_1 (MpCvss *self)
{
  gboolean changed = letter (self, "S") == 'C';
  gboolean modified_changed = modified_letter (self, "S") == 'C';
  double iss, impact, exploitability;
  double miss, modified_impact, modified_exploitability;

  iss = 1 - ((1 - weight_cia (letter (self, "C"))) *
             (1 - weight_cia (letter (self, "I"))) *
             (1 - weight_cia (letter (self, "A"))));
  if (changed)
    impact = 7.52 * (iss - 0.029) - 3.25 * pow (iss - 0.02, 15);
  else
    impact = 6.42 * iss;
  exploitability = 8.22 * weight_av (letter (self, "AV")) * weight_ac (letter (self, "AC")) *
                   weight_pr (letter (self, "PR"), changed) * weight_ui (letter (self, "UI"));

  if (impact <= 0)
    self->base = 0;
  else if (changed)
    self->base = roundup_tenths (MIN (1.08 * (impact + exploitability), 10));
  else
    self->base = roundup_tenths (MIN (impact + exploitability, 10));

  self->temporal = roundup_tenths (self->base / 10.0 * weight_e (letter (self, "E")) *
                                   weight_rl (letter (self, "RL")) *
                                   weight_rc (letter (self, "RC")));

  miss = MIN (1 - ((1 - weight_requirement (letter (self, "CR")) *
                        weight_cia (modified_letter (self, "C"))) *
                   (1 - weight_requirement (letter (self, "IR")) *
                        weight_cia (modified_letter (self, "I"))) *
                   (1 - weight_requirement (letter (self, "AR")) *
                        weight_cia (modified_letter (self, "A")))),
              0.915);
  if (modified_changed)
    modified_impact = 7.52 * (miss - 0.029) - 3.25 * pow (miss * 0.9731 - 0.02, 13);
  else
    modified_impact = 6.42 * miss;
  modified_exploitability = 8.22 * weight_av (modified_letter (self, "AV")) *
                            weight_ac (modified_letter (self, "AC")) *
                            weight_pr (modified_letter (self, "PR"), modified_changed) *
                            weight_ui (modified_letter (self, "UI"));

  if (modified_impact <= 0)
    self->environmental = 0;
  else
    {
      double sum = modified_changed ? 1.08 * (modified_impact + modified_exploitability)
                                    : modified_impact + modified_exploitability;
      double rounded = roundup_tenths (MIN (sum, 10)) / 10.0;

      self->environmental = roundup_tenths (rounded * weight_e (letter (self, "E")) *
                                            weight_rl (letter (self, "RL")) *
                                            weight_rc (letter (self, "RC")));
    }
}

/* --- CVSS 4.0 ----------------------------------------------------------- */

/* The metrics whose severity distance counts, in the order of the reference
 * calculator's METRIC_LEVELS, with their levels. */
enum { AV, PR, UI, AC, AT, VC, VI, VA, SC, SI, SA, CR, IR, AR, E, N_LEVELS };

static const struct
{
  const char *name;
  const char *letters;
  double      levels[4];
} metric_levels[N_LEVELS] = {
  [AV] = { "AV", "NALP", { 0.0, 0.1, 0.2, 0.3 } },
  [PR] = { "PR", "NLH",  { 0.0, 0.1, 0.2 } },
  [UI] = { "UI", "NPA",  { 0.0, 0.1, 0.2 } },
  [AC] = { "AC", "LH",   { 0.0, 0.1 } },
  [AT] = { "AT", "NP",   { 0.0, 0.1 } },
  [VC] = { "VC", "HLN",  { 0.0, 0.1, 0.2 } },
  [VI] = { "VI", "HLN",  { 0.0, 0.1, 0.2 } },
  [VA] = { "VA", "HLN",  { 0.0, 0.1, 0.2 } },
  [SC] = { "SC", "HLN",  { 0.1, 0.2, 0.3 } },
  [SI] = { "SI", "SHLN", { 0.0, 0.1, 0.2, 0.3 } },
  [SA] = { "SA", "SHLN", { 0.0, 0.1, 0.2, 0.3 } },
  [CR] = { "CR", "HML",  { 0.0, 0.1, 0.2 } },
  [IR] = { "IR", "HML",  { 0.0, 0.1, 0.2 } },
  [AR] = { "AR", "HML",  { 0.0, 0.1, 0.2 } },
  [E]  = { "E",  "UPA",  { 0.2, 0.1, 0.0 } },
};

static double
level_of (int  metric,
          char value)
{
  const char *found = strchr (metric_levels[metric].letters, value);

  g_assert (found != NULL && value != '\0');
  return metric_levels[metric].levels[found - metric_levels[metric].letters];
}

/* The highest-severity vectors of each EQ level (the reference calculator's
 * MAX_COMPOSED), as letters in metric order. */
static const char * const eq1_maxes[3][3] = {      /* AV PR UI */
  { "NNN" },
  { "ANN", "NLN", "NNP" },
  { "PNN", "ALP" },
};
static const char * const eq2_maxes[2][2] = {      /* AC AT */
  { "LN" },
  { "HN", "LP" },
};
static const char * const eq3eq6_maxes[3][2][5] = {   /* VC VI VA CR IR AR */
  { { "HHHHHH" }, { "HHLMMH", "HHHMMM" } },
  { { "LHHHHH", "HLHHHH" }, { "LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM" } },
  { { NULL }, { "LLLHHH" } },
};
static const char * const eq4_maxes[3] = { "HSS", "HHH", "LLL" };   /* SC SI SA */
static const char eq5_maxes[3] = { 'A', 'P', 'U' };                 /* E */

/* The depth of each EQ level, in severity steps (MAX_SEVERITY). */
static const int eq1_depth[3] = { 1, 4, 5 };
static const int eq2_depth[2] = { 1, 2 };
static const int eq3eq6_depth[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
static const int eq4_depth[3] = { 6, 5, 4 };

/* The value a metric has for scoring: a modified base metric overrides its
 * base metric; E, CR, IR and AR count as their worst case when Not Defined. */
static char
effective_4_0 (const MpCvss *self,
               const char   *name,
               gboolean      threat,
               gboolean      environmental)
{
  char value;

  if (g_str_equal (name, "E"))
    {
      value = threat ? letter (self, name) : 'X';
      return value == 'X' ? 'A' : value;
    }
  if (g_str_equal (name, "CR") || g_str_equal (name, "IR") || g_str_equal (name, "AR"))
    {
      value = environmental ? letter (self, name) : 'X';
      return value == 'X' ? 'H' : value;
    }
  if (environmental)
    {
      g_autofree char *modified = g_strconcat ("M", name, NULL);

      if (find_metric (self->defs, self->n_defs, modified) >= 0)
        {
          value = letter (self, modified);
          if (value != 'X')
            return value;
        }
    }
  return letter (self, name);
}

static gboolean
lookup_exists (double score)
{
  return score >= 0;
}

static int
score_4_0 (const MpCvss *self,
           gboolean      threat,
           gboolean      environmental)
{
  char m[N_LEVELS];
  int eq1, eq2, eq3, eq4, eq5, eq6;
  double value;
  double lower1, lower2, lower36, lower4, lower5;
  double distance[N_LEVELS] = { 0 };
  double current1, current2, current36, current4;
  double normalized1 = 0, normalized2 = 0, normalized36 = 0, normalized4 = 0, normalized5 = 0;
  double mean = 0;
  int n_existing_lower = 0;
  const double step = 0.1;
  gboolean found = FALSE;

  for (int i = 0; i < N_LEVELS; i++)
    m[i] = effective_4_0 (self, metric_levels[i].name, threat, environmental);

  /* No impact on any system: the shortcut of the reference calculator. */
  if (m[VC] == 'N' && m[VI] == 'N' && m[VA] == 'N' &&
      m[SC] == 'N' && m[SI] == 'N' && m[SA] == 'N')
    return 0;

  /* The macro vector (specification tables 24–29). */
  if (m[AV] == 'N' && m[PR] == 'N' && m[UI] == 'N')
    eq1 = 0;
  else if ((m[AV] == 'N' || m[PR] == 'N' || m[UI] == 'N') && m[AV] != 'P')
    eq1 = 1;
  else
    eq1 = 2;

  eq2 = (m[AC] == 'L' && m[AT] == 'N') ? 0 : 1;

  if (m[VC] == 'H' && m[VI] == 'H')
    eq3 = 0;
  else if (m[VC] == 'H' || m[VI] == 'H' || m[VA] == 'H')
    eq3 = 1;
  else
    eq3 = 2;

  if (m[SI] == 'S' || m[SA] == 'S')
    eq4 = 0;
  else if (m[SC] == 'H' || m[SI] == 'H' || m[SA] == 'H')
    eq4 = 1;
  else
    eq4 = 2;

  eq5 = m[E] == 'A' ? 0 : m[E] == 'P' ? 1 : 2;

  eq6 = ((m[CR] == 'H' && m[VC] == 'H') || (m[IR] == 'H' && m[VI] == 'H') ||
         (m[AR] == 'H' && m[VA] == 'H')) ? 0 : 1;

  value = _mp_cvss4_lookup (eq1, eq2, eq3, eq4, eq5, eq6);
  g_assert (lookup_exists (value));

  /* 1a. The next lower macro vector of each EQ, which may not exist. */
  lower1 = _mp_cvss4_lookup (eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  lower2 = _mp_cvss4_lookup (eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  if (eq3 == 0 && eq6 == 0)
    {
      /* 00 goes down to 01 or to 10: the higher of the two. */
      lower36 = MAX (_mp_cvss4_lookup (eq1, eq2, eq3, eq4, eq5, eq6 + 1),
                     _mp_cvss4_lookup (eq1, eq2, eq3 + 1, eq4, eq5, eq6));
    }
  else if (eq3 == 1 && eq6 == 0)
    lower36 = _mp_cvss4_lookup (eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  else if (eq3 == 2 && eq6 == 1)
    lower36 = _mp_cvss4_lookup (eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1);
  else
    lower36 = _mp_cvss4_lookup (eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  lower4 = _mp_cvss4_lookup (eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  lower5 = _mp_cvss4_lookup (eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  /* 1b. The severity distance from the first highest-severity vector of the
   * macro vector that is not below the scored vector in any metric. */
  for (guint a = 0; a < G_N_ELEMENTS (eq1_maxes[eq1]) && !found; a++)
    for (guint b = 0; b < G_N_ELEMENTS (eq2_maxes[eq2]) && !found; b++)
      for (guint c = 0; c < G_N_ELEMENTS (eq3eq6_maxes[eq3][eq6]) && !found; c++)
        {
          const char *max1 = eq1_maxes[eq1][a];
          const char *max2 = eq2_maxes[eq2][b];
          const char *max36 = eq3eq6_maxes[eq3][eq6][c];
          const char *max4 = eq4_maxes[eq4];
          char max[N_LEVELS];

          if (max1 == NULL || max2 == NULL || max36 == NULL)
            continue;

          max[AV] = max1[0]; max[PR] = max1[1]; max[UI] = max1[2];
          max[AC] = max2[0]; max[AT] = max2[1];
          max[VC] = max36[0]; max[VI] = max36[1]; max[VA] = max36[2];
          max[CR] = max36[3]; max[IR] = max36[4]; max[AR] = max36[5];
          max[SC] = max4[0]; max[SI] = max4[1]; max[SA] = max4[2];
          max[E] = eq5_maxes[eq5];

          found = TRUE;
          for (int i = 0; i < N_LEVELS; i++)
            {
              distance[i] = level_of (i, m[i]) - level_of (i, max[i]);
              if (distance[i] < 0)
                found = FALSE;
            }
        }

  current1 = distance[AV] + distance[PR] + distance[UI];
  current2 = distance[AC] + distance[AT];
  current36 = distance[VC] + distance[VI] + distance[VA] +
              distance[CR] + distance[IR] + distance[AR];
  current4 = distance[SC] + distance[SI] + distance[SA];

  /* 1c–d. Each EQ moves the score toward its next lower macro vector by the
   * proportion of its depth that the vector lies below the highest one. */
  if (lookup_exists (lower1))
    {
      n_existing_lower++;
      normalized1 = (value - lower1) * (current1 / (eq1_depth[eq1] * step));
    }
  if (lookup_exists (lower2))
    {
      n_existing_lower++;
      normalized2 = (value - lower2) * (current2 / (eq2_depth[eq2] * step));
    }
  if (lookup_exists (lower36))
    {
      n_existing_lower++;
      normalized36 = (value - lower36) * (current36 / (eq3eq6_depth[eq3][eq6] * step));
    }
  if (lookup_exists (lower4))
    {
      n_existing_lower++;
      normalized4 = (value - lower4) * (current4 / (eq4_depth[eq4] * step));
    }
  if (lookup_exists (lower5))
    {
      /* EQ5 has a single value per level: its proportion is always 0. */
      n_existing_lower++;
      normalized5 = 0;
    }

  /* 2–3. The macro vector's score minus the mean distance, rounded half up
   * with the reference calculator's lift of 1e-6 over floating-point ties. */
  if (n_existing_lower > 0)
    mean = (normalized1 + normalized2 + normalized36 + normalized4 + normalized5) /
           n_existing_lower;

  return (int) round ((CLAMP (value - mean, 0.0, 10.0) + 1e-6) * 10);
}

/* --- Parsing ------------------------------------------------------------ */

static char *
list_values (const MetricDef *def)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < MAX_VALUES && def->values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, def->values[i]);
    }
  return g_string_free (list, FALSE);
}

static gboolean
parse_metrics (MpCvss      *self,
               const char  *version,
               const char  *metrics,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (metrics, "/", -1);
  const char *previous = NULL;

  for (guint p = 0; parts[p] != NULL; p++)
    {
      const char *part = parts[p];
      const char *colon = strchr (part, ':');
      g_autofree char *name = NULL;
      const char *value;
      const MetricDef *def;
      int index;
      guint v;

      if (*part == '\0')
        {
          if (previous != NULL)
            g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_SYNTAX,
                         _("The CVSS vector has an empty part after metric %s; "
                           "remove the extra “/”."), previous);
          else
            g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_SYNTAX,
                         _("The CVSS vector has an empty part after “CVSS:%s”; "
                           "remove the extra “/”."), version);
          return FALSE;
        }

      if (colon == NULL || colon == part)
        {
          g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_SYNTAX,
                       _("“%s” in the CVSS vector is not a metric; "
                         "a metric is written as NAME:VALUE."), part);
          return FALSE;
        }

      name = g_strndup (part, colon - part);
      value = colon + 1;
      index = find_metric (self->defs, self->n_defs, name);
      if (index < 0)
        {
          g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_UNKNOWN_METRIC,
                       _("CVSS %s has no metric “%s”."), version, name);
          return FALSE;
        }
      def = &self->defs[index];

      if (self->values[index] != NULL)
        {
          g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_DUPLICATE_METRIC,
                       _("The CVSS metric %s appears more than once."), def->name);
          return FALSE;
        }

      for (v = 0; v < MAX_VALUES && def->values[v] != NULL; v++)
        if (g_str_equal (def->values[v], value))
          break;
      if (v == MAX_VALUES || def->values[v] == NULL)
        {
          g_autofree char *allowed = list_values (def);

          g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_UNKNOWN_VALUE,
                       /* TRANSLATORS: the last %s lists the allowed values: "N, A, L, P" */
                       _("The CVSS metric %s cannot be “%s”; it is one of %s."),
                       def->name, value, allowed);
          return FALSE;
        }

      self->values[index] = def->values[v];
      previous = def->name;
    }

  for (guint i = 0; i < self->n_defs; i++)
    if (self->defs[i].group == GROUP_BASE && self->values[i] == NULL)
      {
        g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_MISSING_METRIC,
                     _("The CVSS vector lacks the base metric %s."), self->defs[i].name);
        return FALSE;
      }

  return TRUE;
}

static gboolean
has_group (const MpCvss *self,
           MetricGroup   group)
{
  for (guint i = 0; i < self->n_defs; i++)
    if (self->defs[i].group == group && self->values[i] != NULL &&
        !g_str_equal (self->values[i], "X"))
      return TRUE;
  return FALSE;
}

/* --- Public API --------------------------------------------------------- */

MpCvss *
mp_cvss_parse (const char  *vector,
               GError     **error)
{
  g_autoptr(MpCvss) self = NULL;
  g_autofree char *text = NULL;
  const char *version;
  const char *metrics;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (vector != NULL ? vector : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, MP_CVSS_ERROR, MP_CVSS_ERROR_EMPTY,
                           _("The CVSS vector is empty."));
      return NULL;
    }

  self = g_new0 (MpCvss, 1);
  if (g_str_equal (text, "CVSS:3.1") || g_str_equal (text, "CVSS:4.0"))
    {
      g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_MISSING_METRIC,
                   _("The CVSS vector lacks the base metric %s."), "AV");
      return NULL;
    }
  if (g_str_has_prefix (text, "CVSS:3.1/"))
    {
      self->version = MP_CVSS_VERSION_3_1;
      self->defs = metrics_3_1;
      self->n_defs = G_N_ELEMENTS (metrics_3_1);
      version = "3.1";
    }
  else if (g_str_has_prefix (text, "CVSS:4.0/"))
    {
      self->version = MP_CVSS_VERSION_4_0;
      self->defs = metrics_4_0;
      self->n_defs = G_N_ELEMENTS (metrics_4_0);
      version = "4.0";
    }
  else if (g_str_has_prefix (text, "CVSS:"))
    {
      g_autofree char *given = g_strndup (text + 5, strcspn (text + 5, "/"));

      g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_PREFIX,
                   _("CVSS version “%s” is not supported; the vector must start with "
                     "“CVSS:3.1/” or “CVSS:4.0/”."), given);
      return NULL;
    }
  else
    {
      g_set_error (error, MP_CVSS_ERROR, MP_CVSS_ERROR_PREFIX,
                   _("“%s” is not a CVSS vector; it must start with “CVSS:3.1/” or “CVSS:4.0/”."),
                   text);
      return NULL;
    }

  metrics = text + strlen ("CVSS:3.1/");
  if (!parse_metrics (self, version, metrics, error))
    return NULL;

  self->has_temporal = has_group (self, GROUP_TEMPORAL);
  self->has_environmental = has_group (self, GROUP_ENVIRONMENTAL);

  if (self->version == MP_CVSS_VERSION_3_1)
    score_3_1 (self);
  else
    {
      self->base = score_4_0 (self, FALSE, FALSE);
      self->temporal = score_4_0 (self, TRUE, FALSE);
      self->environmental = score_4_0 (self, TRUE, TRUE);
    }

  self->vector = g_steal_pointer (&text);
  return g_steal_pointer (&self);
}

void
mp_cvss_free (MpCvss *self)
{
  if (self == NULL)
    return;
  g_free (self->vector);
  g_free (self);
}

MpCvssVersion
mp_cvss_get_version (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->version;
}

const char *
mp_cvss_get_vector (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->vector;
}

const char *
mp_cvss_get_metric (const MpCvss *self,
                    const char   *name)
{
  int index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = find_metric (self->defs, self->n_defs, name);
  return index >= 0 ? self->values[index] : NULL;
}

double
mp_cvss_get_base_score (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->base / 10.0;
}

double
mp_cvss_get_temporal_score (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->temporal / 10.0;
}

double
mp_cvss_get_environmental_score (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  return self->environmental / 10.0;
}

double
mp_cvss_get_score (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  if (self->has_environmental)
    return self->environmental / 10.0;
  if (self->has_temporal)
    return self->temporal / 10.0;
  return self->base / 10.0;
}

const char *
mp_cvss_get_severity (const MpCvss *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return mp_cvss_severity_for_score (mp_cvss_get_score (self));
}

const char *
mp_cvss_severity_for_score (double score)
{
  int tenths = tenths_of (score);

  if (tenths <= 0)
    return "none";
  if (tenths < 40)
    return "low";
  if (tenths < 70)
    return "medium";
  if (tenths < 90)
    return "high";
  return "critical";
}

const char *
mp_cvss_severity_to_label (const char *severity)
{
  const MpTerm *term;

  g_return_val_if_fail (severity != NULL, NULL);

  term = mp_vocabulary_lookup (MP_VOCABULARY_SEVERITY, severity);
  return term != NULL ? mp_term_get_label (MP_VOCABULARY_SEVERITY, term) : NULL;
}

char *
mp_cvss_format_score (double score)
{
  int tenths = tenths_of (score);

  return g_strdup_printf ("%s%d.%d", tenths < 0 ? "-" : "", ABS (tenths) / 10, ABS (tenths) % 10);
}

double
mp_cvss_roundup (double value)
{
  return roundup_tenths (value) / 10.0;
}
