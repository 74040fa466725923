/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CVSS 3.1 and 4.0 vectors and their scores, computed as FIRST specifies
 * them: the 3.1 equations with the Appendix A Roundup, and the 4.0 macro
 * vector lookup with severity-distance interpolation of FIRST's reference
 * calculator. */

#define MP_CVSS_ERROR (mp_cvss_error_quark ())

typedef enum
{
  MP_CVSS_ERROR_EMPTY,             /* no vector at all */
  MP_CVSS_ERROR_PREFIX,            /* not "CVSS:3.1/" or "CVSS:4.0/" */
  MP_CVSS_ERROR_SYNTAX,            /* an empty part, or a part without ':' */
  MP_CVSS_ERROR_UNKNOWN_METRIC,
  MP_CVSS_ERROR_UNKNOWN_VALUE,
  MP_CVSS_ERROR_DUPLICATE_METRIC,
  MP_CVSS_ERROR_MISSING_METRIC,    /* a mandatory base metric is absent */
} MpCvssError;

typedef enum
{
  MP_CVSS_VERSION_3_1 = 31,
  MP_CVSS_VERSION_4_0 = 40,
} MpCvssVersion;

typedef struct _MpCvss MpCvss;

GQuark         mp_cvss_error_quark            (void);

/* Parses and scores a full vector, e.g. "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".
 * Metrics may come in any order; each at most once; all base metrics are
 * required. Surrounding white space is ignored.
 * Returns: (transfer full) (nullable): the vector, or NULL with @error set
 * (MP_CVSS_ERROR) to a translated message that names the offending metric
 * or value. */
MpCvss        *mp_cvss_parse                  (const char    *vector,
                                               GError       **error);
void           mp_cvss_free                   (MpCvss        *self);

MpCvssVersion  mp_cvss_get_version            (const MpCvss  *self);
/* Returns: (transfer none): the vector as given (without surrounding space) */
const char    *mp_cvss_get_vector             (const MpCvss  *self);
/* Returns: (transfer none) (nullable): the value of metric @name as written
 * in the vector ("N", "X", "Clear"), or NULL when the vector lacks it */
const char    *mp_cvss_get_metric             (const MpCvss  *self,
                                               const char    *name);

/* Scores are 0.0–10.0 with one decimal. The base score uses the base metrics
 * only. The temporal score (3.1) or threat score (4.0, CVSS-BT) adds E/RL/RC
 * or E; the environmental score (3.1) or CVSS-BTE score (4.0) adds the
 * environmental metrics as well. Each is defined for every vector: absent
 * metrics count as Not Defined (X). */
double         mp_cvss_get_base_score         (const MpCvss  *self);
double         mp_cvss_get_temporal_score     (const MpCvss  *self);
double         mp_cvss_get_environmental_score (const MpCvss *self);
/* The most specific score: environmental if the vector gives any
 * environmental metric (other than X), else temporal/threat if it gives any
 * of those, else base. */
double         mp_cvss_get_score              (const MpCvss  *self);
/* Returns: (transfer none): "none", "low", "medium", "high" or "critical",
 * the qualitative rating of mp_cvss_get_score () */
const char    *mp_cvss_get_severity           (const MpCvss  *self);

/* Returns: (transfer none): the rating of @score: none 0.0, low 0.1–3.9,
 * medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0 */
const char    *mp_cvss_severity_for_score     (double         score);
/* Returns: (transfer none): the translated label of a rating ("High"), or
 * NULL for a string that is not one of the five ratings */
const char    *mp_cvss_severity_to_label      (const char    *severity);
/* Returns: (transfer full): @score with one decimal and a dot ("9.8"),
 * whatever the locale */
char          *mp_cvss_format_score           (double         score);

/* The CVSS 3.1 Roundup of Appendix A: the smallest number with one decimal
 * that is equal to or higher than @value, computed on integers so that
 * floating-point noise (4.000000000000001) does not round up. */
double         mp_cvss_roundup                (double         value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpCvss, mp_cvss_free)

G_END_DECLS
