/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Letters to the reporter (DOMAIN.md §4), filled from a case.
 *
 * A letter is written in the reporter's language (nl or en), whatever the
 * language of the desk's user interface. Its text is content, not interface
 * text: the default templates are resources under
 * /io/github/meldpunt/Meldpunt/letters/ (KIND.LANG.txt: the subject on the
 * first line, a blank line, then the body; phrases.LANG.ini: the phrases
 * used for missing facts), which each executable links. The desk may keep
 * its own version of each letter as the setting "letter.KIND.LANG", in the
 * same form.
 *
 * Placeholders are written {name}; mp_letters_list_placeholders() names
 * them all. A fact the case does not have yet renders as a phrase that
 * reads well in its place ("still to be determined"), and the letter tells
 * which facts were missing so that the UI can warn before it is sent.
 */

#define MP_LETTERS_ERROR (mp_letters_error_quark ())

typedef enum
{
  MP_LETTERS_ERROR_UNKNOWN_KIND,
  MP_LETTERS_ERROR_UNKNOWN_LANGUAGE,
  MP_LETTERS_ERROR_UNKNOWN_PLACEHOLDER,  /* a custom template names a fact we do not know */
  MP_LETTERS_ERROR_INVALID_TEMPLATE,     /* no subject, stray brace, … */
} MpLettersError;

GQuark              mp_letters_error_quark             (void);

#define MP_TYPE_LETTER (mp_letter_get_type ())
G_DECLARE_FINAL_TYPE (MpLetter, mp_letter, MP, LETTER, GObject)

const char         *mp_letter_get_kind                 (MpLetter    *self);
/* "nl" or "en" */
const char         *mp_letter_get_language             (MpLetter    *self);
const char         *mp_letter_get_subject              (MpLetter    *self);
const char         *mp_letter_get_body                 (MpLetter    *self);
/* Returns: (transfer full): the subject, a blank line and the body. */
char               *mp_letter_dup_text                 (MpLetter    *self);
/* Returns: (transfer none) (array zero-terminated=1): the names of the
 * placeholders the case had no value for (e.g. "fix_date"), in the order
 * they appear; empty, never NULL, when the letter is complete. */
const char * const *mp_letter_get_missing              (MpLetter    *self);
/* Whether the desk's own version of the letter was used. */
gboolean            mp_letter_is_custom                (MpLetter    *self);

/* Returns: (transfer none) (array zero-terminated=1): the letter kinds,
 * in the order of the case lifecycle: "request-info", "third-party",
 * "sister-redirect", "duplicate", "out-of-scope", "acknowledgement",
 * "assessment", "progress-update", "extension", "fixed", "reward",
 * "credit", "closure". */
const char * const *mp_letters_list_kinds              (void);
gboolean            mp_letters_is_kind                 (const char  *kind);
/* Returns: (transfer none) (nullable): the kind's title in the UI
 * language, e.g. "Acknowledgement of receipt". */
const char         *mp_letters_get_kind_title          (const char  *kind);

/* Which letter a checklist step calls for. @step is a case status
 * ("intake", "waiting", "scope", "acknowledgement", "assessment",
 * "remediation", "reward", "credit", "disclosure", "closure"); @kase, if
 * given, refines the choice by its answers and outcome (the scope step
 * gives "duplicate", "out-of-scope", "third-party" or "sister-redirect";
 * remediation gives "fixed" once the fix is recorded, else
 * "progress-update"; "extension" is the letter of the act of moving the
 * fix date, not of a step).
 * Returns: (transfer none) (nullable): a kind, or NULL when the step sends
 * no letter. */
const char         *mp_letters_kind_for_step           (const char  *step,
                                                        MpCase      *kase);

/* Returns: (transfer none) (array zero-terminated=1): every placeholder
 * name a template may use. */
const char * const *mp_letters_list_placeholders       (void);
/* Returns: (transfer none) (nullable): what a placeholder stands for, in
 * the UI language (for the template editor and the missing-facts warning). */
const char         *mp_letters_describe_placeholder    (const char  *name);

/* Fills the letter @kind for @kase in @language ("nl" or "en"; NULL means
 * the reporter's language, and Dutch when that is not recorded). The store
 * gives the organisation, the handler (its actor, else the policy's
 * desk.name) and the desk's policy (mp_policy_load()): desk.email, currency,
 * disclosure_days, update_interval_days, the sisters, and csirt.name and
 * csirt.url for the third-party referral (default: the NCSC). The case
 * must be decrypted (store unlocked) for the reporter's name and details.
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
/* Splits a letter's text (the subject on the first line, blank lines, the
 * body) for an e-mail.
 * Returns: (transfer full): the subject; @body (transfer full) the rest. */
char               *mp_letters_split_text              (const char  *text,
                                                        char       **body);

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

/* A case of invented facts (reference CVD-2026-0042, a reporter, dates
 * around today, an amount) in @language, not stored: what the template
 * editor fills its preview with.
 * Returns: (transfer full): the case. */
MpCase             *mp_letters_new_sample_case         (const char  *language);

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
/* The template Meldpunt ships, whatever the desk has changed. */
gboolean            mp_letters_get_default_template    (const char  *kind,
                                                        const char  *language,
                                                        char       **subject,
                                                        char       **body,
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
/* Checks that @text only uses known placeholders and has no stray braces. */
gboolean            mp_letters_check_template          (const char  *text,
                                                        GError     **error);

G_END_DECLS
