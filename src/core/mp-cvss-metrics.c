/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The base metrics of CVSS 3.1 and 4.0 as data, for a picker that builds a
 * vector; scoring stays in mp-cvss.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mp-cvss-metrics.h"



static const MpCvssMetricValue av[] = {
  { "N", NC_("CVSS value", "Network") }, { "A", NC_("CVSS value", "Adjacent") },
  { "L", NC_("CVSS value", "Local") }, { "P", NC_("CVSS value", "Physical") }, { NULL, NULL },
};
static const MpCvssMetricValue low_high[] = {
  { "L", NC_("CVSS value", "Low") }, { "H", NC_("CVSS value", "High") }, { NULL, NULL },
};
static const MpCvssMetricValue none_low_high[] = {
  { "N", NC_("CVSS value", "None") }, { "L", NC_("CVSS value", "Low") },
  { "H", NC_("CVSS value", "High") }, { NULL, NULL },
};
static const MpCvssMetricValue high_low_none[] = {
  { "H", NC_("CVSS value", "High") }, { "L", NC_("CVSS value", "Low") },
  { "N", NC_("CVSS value", "None") }, { NULL, NULL },
};
static const MpCvssMetricValue ui3[] = {
  { "N", NC_("CVSS value", "None") }, { "R", NC_("CVSS value", "Required") }, { NULL, NULL },
};
static const MpCvssMetricValue scope[] = {
  { "U", NC_("CVSS value", "Unchanged") }, { "C", NC_("CVSS value", "Changed") }, { NULL, NULL },
};
static const MpCvssMetricValue at[] = {
  { "N", NC_("CVSS value", "None") }, { "P", NC_("CVSS value", "Present") }, { NULL, NULL },
};
static const MpCvssMetricValue ui4[] = {
  { "N", NC_("CVSS value", "None") }, { "P", NC_("CVSS value", "Passive") },
  { "A", NC_("CVSS value", "Active") }, { NULL, NULL },
};

static const MpCvssMetric metrics_3_1[] = {
  { "AV", NC_("CVSS metric", "Attack Vector"), av },
  { "AC", NC_("CVSS metric", "Attack Complexity"), low_high },
  { "PR", NC_("CVSS metric", "Privileges Required"), none_low_high },
  { "UI", NC_("CVSS metric", "User Interaction"), ui3 },
  { "S", NC_("CVSS metric", "Scope"), scope },
  { "C", NC_("CVSS metric", "Confidentiality"), high_low_none },
  { "I", NC_("CVSS metric", "Integrity"), high_low_none },
  { "A", NC_("CVSS metric", "Availability"), high_low_none },
};

static const MpCvssMetric metrics_4_0[] = {
  { "AV", NC_("CVSS metric", "Attack Vector"), av },
  { "AC", NC_("CVSS metric", "Attack Complexity"), low_high },
  { "AT", NC_("CVSS metric", "Attack Requirements"), at },
  { "PR", NC_("CVSS metric", "Privileges Required"), none_low_high },
  { "UI", NC_("CVSS metric", "User Interaction"), ui4 },
  { "VC", NC_("CVSS metric", "Confidentiality (vulnerable system)"), high_low_none },
  { "VI", NC_("CVSS metric", "Integrity (vulnerable system)"), high_low_none },
  { "VA", NC_("CVSS metric", "Availability (vulnerable system)"), high_low_none },
  { "SC", NC_("CVSS metric", "Confidentiality (subsequent systems)"), high_low_none },
  { "SI", NC_("CVSS metric", "Integrity (subsequent systems)"), high_low_none },
  { "SA", NC_("CVSS metric", "Availability (subsequent systems)"), high_low_none },
};

const MpCvssMetric *
mp_cvss_get_base_metrics (MpCvssVersion  version,
                          guint         *n_metrics)
{
  g_return_val_if_fail (n_metrics != NULL, NULL);

  if (version == MP_CVSS_VERSION_4_0)
    {
      *n_metrics = G_N_ELEMENTS (metrics_4_0);
      return metrics_4_0;
    }
  *n_metrics = G_N_ELEMENTS (metrics_3_1);
  return metrics_3_1;
}

const char *
mp_cvss_metric_get_label (const MpCvssMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "CVSS metric", metric->label);
}

const char *
mp_cvss_metric_value_get_label (const MpCvssMetricValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);
  return g_dpgettext2 (GETTEXT_PACKAGE, "CVSS value", value->label);
}

char *
mp_cvss_build_base_vector (MpCvssVersion       version,
                           const char * const *codes)
{
  guint n;
  const MpCvssMetric *metrics;
  GString *vector;

  g_return_val_if_fail (codes != NULL, NULL);

  metrics = mp_cvss_get_base_metrics (version, &n);
  vector = g_string_new (version == MP_CVSS_VERSION_4_0 ? "CVSS:4.0" : "CVSS:3.1");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (vector, "/%s:%s", metrics[i].code, codes[i]);
  return g_string_free (vector, FALSE);
}
