/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The register of data breaches (AVG art. 33(5), issue 23): every case
 * whose "legal.data_breach" is "yes", with the facts the register keeps.
 * They come from the legal.* answers, whose values stay when a case's
 * confidential data is erased (only their notes go), so an entry outlives
 * the erasure of its case's details. */

typedef struct
{
  char     *reference;
  gint64    aware_at;             /* UTC microseconds */
  char     *data;                 /* what personal data (nullable) */
  char     *people;               /* how many people (nullable) */
  char     *risk;                 /* "unlikely" | "risk" | "high" (nullable) */
  char     *decision;             /* "notified" | "controller-informed" | "not-notified" | "open" */
  char     *reason;               /* why not notified (nullable) */
  gint64    notified_at;          /* authority notified or controller informed; 0 if not */
  char     *authority_reference;  /* (nullable) */
  gboolean  erased;               /* the case's confidential details are erased */
} MpBreachEntry;

void         mp_breach_entry_free             (MpBreachEntry *entry);

/* The entries of @cases (MpCase) whose awareness moment lies in
 * [@from, @to) — 0 for no bound — sorted by that moment.
 * Returns: (transfer full) (element-type MpBreachEntry) */
GPtrArray   *mp_breach_register_list          (GListModel    *cases,
                                               gint64         from,
                                               gint64         to);

/* "Notified", "Gemeld", …: the decision in @language ("nl" or "en"). */
const char  *mp_breach_decision_label         (const char    *decision,
                                               const char    *language);
/* The likely risk in @language; "" for NULL. */
const char  *mp_breach_risk_label             (const char    *risk,
                                               const char    *language);

/* The register as CSV (RFC 4180, CRLF line ends, a header row in
 * @language), moments in @timezone as "YYYY-MM-DD HH:MM".
 * Returns: (transfer full) */
char        *mp_breach_register_to_csv        (GPtrArray     *entries,
                                               const char    *timezone,
                                               const char    *language);

G_END_DECLS
