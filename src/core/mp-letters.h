/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case.h"
#include "mp-policy.h"

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
/* Returns: (transfer none) (nullable): the kind's title untranslated (the
 * msgid), for a document written in a language other than the UI's. */
const char         *mp_letters_get_kind_msgid          (const char  *kind);
/* The checklist item (a date) that sending a letter of @kind answers, e.g.
 * "ack.sent_on" for "acknowledgement".
 * Returns: (transfer none) (nullable): NULL when sending it answers none. */
const char         *mp_letters_get_sent_item           (const char  *kind);

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

/* Splits a letter's text (the subject on the first line, blank lines, the
 * body) for an e-mail.
 * Returns: (transfer full): the subject; @body (transfer full) the rest. */
char               *mp_letters_split_text              (const char  *text,
                                                        char       **body);

/* A case of invented facts (reference CVD-2026-0042, a reporter, dates
 * around today, an amount) in @language, not stored: what the template
 * editor fills its preview with.
 * Returns: (transfer full): the case. */
MpCase             *mp_letters_new_sample_case         (const char  *language);

/* The template Meldpunt ships, whatever the desk has changed. */
gboolean            mp_letters_get_default_template    (const char  *kind,
                                                        const char  *language,
                                                        char       **subject,
                                                        char       **body,
                                                        GError     **error);
/* Checks that @text only uses known placeholders and has no stray braces. */
gboolean            mp_letters_check_template          (const char  *text,
                                                        GError     **error);

/* Fills the template @subject / @body for @kase in @language ("nl" or
 * "en"; NULL: mp_letters_pick_language()) from the case, the policy (desk
 * e-mail and name, time zone, currency, disclosure and update days, the
 * sister organisations), the organisation and the handler who signs
 * (nullable: the desk's name). The template is checked first; @is_custom
 * says whether it is the desk's own. The case must be decrypted for the
 * reporter's name and details. The store's mp_letters_render() gives all
 * of these from the desk.
 * Returns: (transfer full): the letter, or NULL with @error set. */
MpLetter           *mp_letters_fill                    (MpPolicy    *policy,
                                                        const char  *organisation,
                                                        const char  *handler,
                                                        MpCase      *kase,
                                                        const char  *kind,
                                                        const char  *language,
                                                        const char  *subject,
                                                        const char  *body,
                                                        gboolean     is_custom,
                                                        GError     **error);
/* @language, else the reporter's language, else Dutch.
 * Returns: (transfer none) */
const char         *mp_letters_pick_language           (MpCase      *kase,
                                                        const char  *language);
/* Refuses (MP_LETTERS_ERROR) an unknown letter kind or language. */
gboolean            mp_letters_check_kind_and_language (const char  *kind,
                                                        const char  *language,
                                                        GError     **error);
/* The setting under which the desk keeps its own template.
 * Returns: (transfer full) */
char               *mp_letters_template_key            (const char  *kind,
                                                        const char  *language);
/* A stored template's subject and body. */
gboolean            mp_letters_parse_template          (const char  *text,
                                                        char       **subject,
                                                        char       **body,
                                                        GError     **error);
/* Checks the desk's own version (a one-line subject, a body, and only known
 * placeholders) and gives the text to store.
 * Returns: (transfer full) (nullable): the text, NULL with @error set. */
char               *mp_letters_make_template           (const char  *subject,
                                                        const char  *body,
                                                        GError     **error);

G_END_DECLS
