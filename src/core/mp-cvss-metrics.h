/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-cvss.h"

G_BEGIN_DECLS

/* One value of a base metric: its code in a vector ("N") and its name. */
typedef struct
{
  const char *code;
  const char *label;   /* untranslated; see mp_cvss_metric_value_get_label() */
} MpCvssMetricValue;

/* A base metric of a CVSS version: its code ("AV"), name and values,
 * the last one { NULL, NULL }. */
typedef struct
{
  const char              *code;
  const char              *label;
  const MpCvssMetricValue *values;
} MpCvssMetric;

/* The base metrics of @version, in vector order; @n_metrics set to their
 * number. Returns: (transfer none) */
const MpCvssMetric *mp_cvss_get_base_metrics      (MpCvssVersion            version,
                                                   guint                   *n_metrics);
/* Returns: (transfer none): the translated names. */
const char         *mp_cvss_metric_get_label      (const MpCvssMetric      *metric);
const char         *mp_cvss_metric_value_get_label (const MpCvssMetricValue *value);
/* The base vector of @version with @codes, one per base metric in order,
 * e.g. "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".
 * Returns: (transfer full) */
char               *mp_cvss_build_base_vector     (MpCvssVersion            version,
                                                   const char * const      *codes);

G_END_DECLS
