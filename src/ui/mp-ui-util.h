/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-desk-context.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* Translated labels for the domain's fixed values. (transfer none) */
const char *mp_ui_status_label        (const char *status);
const char *mp_ui_deadline_label      (const char *kind);
const char *mp_ui_event_kind_label    (const char *kind);

/* "due in 2 days", "due today", "3 days overdue". Returns: (transfer full) */
char       *mp_ui_format_due          (gint64      due,
                                       gint64      now,
                                       gboolean   *overdue);
/* A moment in the desk's time zone: "20 November 2026, 14:05". Returns: (transfer full) */
char       *mp_ui_format_time         (gint64      usec);
/* "nl" or "en": the language the interface is shown in. */
const char *mp_ui_language            (void);
/* An amount in cents as the interface's language writes it:
 * "€ 1.500,00" / "€1,500.00". Returns: (transfer full) */
char       *mp_ui_format_cents        (gint64      cents);
/* The desk context every page formats and parses dates with: the zone of
 * the open desk's policy and the desk's clock. (transfer none) */
MpDeskContext *mp_ui_get_desk_context (void);
/* Takes the zone of @store's policy into the desk context: when the desk
 * opens and after its policy changed. */
void        mp_ui_follow_desk_policy  (MpStore    *store);
/* Today in the desk's time zone as YYYY-MM-DD. Returns: (transfer full) */
char       *mp_ui_today               (void);
/* Whether @text is a YYYY-MM-DD date that exists; @usec_start_of_day
 * (nullable) gets the start of that day in the desk's time zone. */
gboolean    mp_ui_parse_date          (const char *text,
                                       gint64     *usec_start_of_day);

/* The app's settings, or NULL when the schema is not installed (a build
 * tree without compiled schemas). (transfer none) */
GSettings  *mp_ui_get_settings        (void);

/* Keeps @file out of GTK's recently used files: reporters' messages and
 * attachments are named after what they are about. The file chooser adds
 * what was chosen after the fact, so the URI is removed whenever it shows
 * up, for as long as the application runs (it may be on disk for a
 * moment, until the manager writes its list again). */
void        mp_ui_keep_out_of_recent  (GFile      *file);
/* The same for each GFile of @files. */
void        mp_ui_keep_all_out_of_recent (GListModel *files);
/* Shows @message in a toast of the window that holds @widget. */
void        mp_ui_toast               (GtkWidget  *widget,
                                       const char *message);

/* Plausibility checks for intake: NULL when fine, else what is wrong
 * (transfer none, translated). */
const char *mp_ui_check_email         (const char *text);
const char *mp_ui_check_asset         (const char *text);

/* Case text search over the unlocked, decrypted case (reference, title,
 * reporter, asset and description). The folded text of each case is kept
 * on the case until one of its properties changes. */
void        mp_ui_case_prepare_search (MpCase     *kase);
gboolean    mp_ui_case_matches        (MpCase     *kase,
                                       const char *needle_casefolded);
gboolean    mp_ui_case_matches_key    (MpCase     *kase,
                                       gpointer   *key,
                                       const char *needle);
void        mp_ui_case_search_key_free (gpointer   key);

/* Copies confidential @text to the clipboard of @widget and empties the
 * clipboard after 30 seconds when it still holds this text. */
void        mp_ui_copy_confidential   (GtkWidget  *widget,
                                       const char *text);
/* The contents of @file as an attachment: mapped rather than read when the
 * file is local, refused (MP_STORE_ERROR_INVALID, saying why) when it is
 * larger than a desk takes. Returns: (transfer full) (nullable) */
GBytes     *mp_ui_load_attachment (GFile    *file,
                                   GError  **error);
/* Clears the clipboard of @widget's display when it still holds what
 * mp_ui_copy_confidential() put there (as the desk locks). */
void        mp_ui_forget_confidential (GtkWidget *widget);
/* For tests: how long a confidential copy stays on the clipboard. */
void        _mp_ui_set_clipboard_seconds (guint     seconds);
/* For tests: how many confidential copies still wait to be cleared. */
guint       _mp_ui_get_clipboard_timers  (void);

G_END_DECLS
