/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#ifdef MP_RULES_COMPILATION
# error "The rules (src/core) must not use the store: pass them values instead."
#endif

#include "mp-deadlines.h"
#include "mp-duplicates.h"
#include "mp-letters.h"
#include "mp-reward.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* The rules of src/core applied to the desk's data: each reads what it
 * needs from the store and hands it to the rule, which takes values. */

/* ---- deadlines -------------------------------------------------------- */

/* The open (not met) deadlines of open cases whose due moment lies in
 * [@from, @to) — 0 for no bound — sorted by due moment.
 * Returns: (transfer full): a list of MpDeadline. */
GListModel         *mp_deadlines_list_open       (MpStore         *store,
                                                  gint64           from,
                                                  gint64           to,
                                                  GError         **error);

/* What the calendar shows: the open deadlines of open cases, as
 * mp_deadlines_list_open(), and every agreed publication date that is
 * settled (met, or of a closed case) as a met deadline, so that a
 * publication stays on the calendar after the case closes; and, when the
 * desk has an OpenPGP key that expires, MP_DEADLINE_DESK_KEY_EXPIRY: a
 * deadline of the desk (reference "") due a month before the key expires.
 * Sorted by due moment. Returns: (transfer full): a list of MpDeadline. */
GListModel         *mp_deadlines_list_for_calendar (MpStore       *store,
                                                    GError       **error);

/* ---- rewards ---------------------------------------------------------- */

/* The rewards of the desk's cases, kept by the store up to date with its
 * writes and its list of cases: read with one query
 * (mp_store_list_answer_values()) on first use. NULL while @self is
 * locked, and (with a warning) when it cannot be read.
 * Returns: (transfer none) (nullable) */
MpRewardLedger     *mp_store_get_reward_ledger         (MpStore     *self);
/* The sum of `reward.amount` of the desk's cases whose `reward.sent_on`
 * falls in @year, in cents (mp_reward_ledger_year_total()); 0 while @store
 * is locked. */
gint64              mp_reward_year_total               (MpStore     *store,
                                                        int          year);
/* The policy's yearly budget minus the year's total (may be negative). */
gint64              mp_reward_budget_left              (MpPolicy    *policy,
                                                        MpStore     *store,
                                                        int          year);

/* ---- duplicates ------------------------------------------------------- */

/* The index of the desk's cases by host and e-mail address, kept by the
 * store up to date with its writes. Returns: (transfer none) */
MpDuplicateIndex   *mp_store_get_duplicate_index       (MpStore     *self);
/* mp_duplicate_index_find() and mp_duplicate_index_find_newest() on the
 * desk's cases. */
GPtrArray          *mp_duplicates_find                 (MpStore     *store,
                                                        MpCase      *kase);
GPtrArray          *mp_duplicates_find_newest          (MpStore     *store,
                                                        MpCase      *kase,
                                                        guint        max_newest,
                                                        const char  *also,
                                                        guint       *n_found);

/* ---- letters ---------------------------------------------------------- */

/* Fills the letter @kind for @kase in @language ("nl" or "en"; NULL means
 * the reporter's language, and Dutch when that is not recorded) with
 * mp_letters_fill(): the desk's template, its policy (mp_store_get_policy()),
 * its organisation and the handler (its actor). The case must be decrypted
 * (store unlocked) for the reporter's name and details.
 * Returns: (transfer full): the letter, or NULL with @error set. */
MpLetter           *mp_letters_render                  (MpStore     *store,
                                                        MpCase      *kase,
                                                        const char  *kind,
                                                        const char  *language,
                                                        GError     **error);

/* Adds the letter to the case's timeline as sent: an event of kind
 * "letter" whose summary is the letter's kind (e.g. "acknowledgement";
 * show it with mp_letters_get_kind_title()) and whose confidential body is
 * the whole text. The summary is stored unencrypted, so it never holds the
 * subject, which a desk's own template may fill with the reporter's name. */
gboolean            mp_letters_record_sent             (MpStore     *store,
                                                        MpCase      *kase,
                                                        MpLetter    *letter,
                                                        GError     **error);

/* Records the text the handler actually sent — the letter as filled, or as
 * edited before sending — as a letter of @kind on the timeline (as
 * mp_letters_record_sent() does). The text is sealed with the case's other
 * confidential data and shown from then on instead of a fresh filling. */
gboolean            mp_letters_record_sent_text        (MpStore     *store,
                                                        MpCase      *kase,
                                                        const char  *kind,
                                                        const char  *text,
                                                        GError     **error);
/* The last letter of @kind recorded as sent; its body is the text sent.
 * Returns: (transfer full) (nullable): the event, NULL when none was sent
 * (or on error, with @error set). */
MpEvent            *mp_letters_find_sent               (MpStore     *store,
                                                        MpCase      *kase,
                                                        const char  *kind,
                                                        GError     **error);
/* Fills the template @subject / @body (as the desk would store it, checked
 * first) for @kase, like mp_letters_render(): the preview of the template
 * editor. */
MpLetter           *mp_letters_render_template         (MpStore     *store,
                                                        MpCase      *kase,
                                                        const char  *kind,
                                                        const char  *language,
                                                        const char  *subject,
                                                        const char  *body,
                                                        GError     **error);

/* The template in use for @kind in @language: the desk's own if it has one
 * (then @is_custom is TRUE), else the default.
 * Returns: TRUE with @subject and @body (transfer full) set. */
gboolean            mp_letters_get_template            (MpStore     *store,
                                                        const char  *kind,
                                                        const char  *language,
                                                        char       **subject,
                                                        char       **body,
                                                        gboolean    *is_custom,
                                                        GError     **error);
/* Stores the desk's own version, after checking it: a one-line subject, a
 * body, and only known placeholders. */
gboolean            mp_letters_set_template            (MpStore     *store,
                                                        const char  *kind,
                                                        const char  *language,
                                                        const char  *subject,
                                                        const char  *body,
                                                        GError     **error);
/* Goes back to the default template (removes the desk's own version). */
gboolean            mp_letters_reset_template          (MpStore     *store,
                                                        const char  *kind,
                                                        const char  *language,
                                                        GError     **error);
G_END_DECLS
