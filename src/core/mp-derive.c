/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-derive.h"
#include "mp-policy.h"
#include "mp-record.h"

/* The CVSS engine is written on its own branch; until it is merged the
 * severity stays unknown (NULL) and fix targets come from the fix date. */
#if defined(__has_include)
# if __has_include("mp-cvss.h")
#  include "mp-cvss.h"
#  define MP_HAVE_CVSS 1
# endif
#endif

const char *
mp_derive_severity (const char *cvss_vector)
{
  if (cvss_vector == NULL)
    return NULL;
#ifdef MP_HAVE_CVSS
  {
    g_autoptr(MpCvss) cvss = mp_cvss_parse (cvss_vector, NULL);
    const MpTerm *term;

    /* Hand back the vocabulary's string, which outlives the parsed vector. */
    if (cvss != NULL &&
        (term = mp_vocabulary_lookup (MP_VOCABULARY_SEVERITY, mp_cvss_get_severity (cvss))))
      return term->id;
  }
#endif
  return NULL;
}

const char *
mp_derive_rules_followed (MpCase *kase)
{
  const char * const *methods = mp_checklist_get_method_items ();
  gboolean all_no = TRUE;

  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  for (guint i = 0; methods[i] != NULL; i++)
    {
      const char *value = mp_case_get_answer_value (kase, methods[i]);

      if (g_strcmp0 (value, "yes") == 0)
        return "no";
      if (g_strcmp0 (value, "no") != 0)
        all_no = FALSE;
    }
  return all_no ? "yes" : NULL;
}

GPtrArray *
mp_derive_case (MpPolicy *policy,
                MpCase   *kase,
                gint64    now)
{
  GPtrArray *deadlines;
  MpDeadline *next;
  const char *severity;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  severity = mp_derive_severity (mp_case_get_answer_value (kase, "assess.cvss"));

  /* Nothing here depends on @now: status and deadlines follow from the
   * answers and the policy alone, so they stay true until the next write. */
  mp_case_set_text (kase, "severity", severity);
  mp_case_set_text (kase, "outcome", mp_checklist_get_outcome (kase));
  mp_case_set_text (kase, "status", mp_checklist_get_status (kase));

  deadlines = mp_deadlines_for_case (policy, kase, severity);
  next = mp_deadlines_find_next (deadlines, mp_case_is_closed (kase));
  mp_case_set_time (kase, "next_due", next != NULL ? mp_deadline_get_due_at (next) : 0);
  mp_case_set_text (kase, "next_due_kind", next != NULL ? mp_deadline_get_kind (next) : NULL);
  return deadlines;
}
