/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-derive.h"
#include "mp-record.h"

/* Foundation rules: the acknowledgement deadline only (P-ACK, 72 hours).
 * The rules of the desk replace this with the full checklist. */
GPtrArray *
mp_derive_case (MpStore *store,
                MpCase  *kase,
                gint64   now)
{
  GPtrArray *deadlines = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 received = mp_case_get_received_at (kase);
  gint64 ack_due = received + (gint64) 72 * G_USEC_PER_SEC * 3600;
  const MpAnswer *ack = mp_case_get_answer (kase, "ack.sent_on");
  gint64 met = ack != NULL ? ack->answered_at : 0;

  if (mp_case_get_answer (kase, "close.closed_on") != NULL)
    {
      mp_case_set_text (kase, "status", "closed");
      mp_case_set_time (kase, "next_due", 0);
      mp_case_set_text (kase, "next_due_kind", NULL);
      return deadlines;
    }
  mp_case_set_text (kase, "status", "intake");

  g_ptr_array_add (deadlines, mp_deadline_new (mp_case_get_reference (kase),
                                               "acknowledgement", ack_due, met));
  if (!mp_case_is_closed (kase))
    {
      mp_case_set_text (kase, "status", met ? "assessment" : "acknowledgement");
      mp_case_set_time (kase, "next_due", met ? 0 : ack_due);
      mp_case_set_text (kase, "next_due_kind", met ? NULL : "acknowledgement");
    }
  return deadlines;
}
