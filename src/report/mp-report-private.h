/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <pango/pangocairo.h>

#include "mp-report.h"

G_BEGIN_DECLS

/* ---- the document: what the sections produce and the layout places ---- */

#define MP_DOC_MAX_COLUMNS 10

typedef enum
{
  MP_BLOCK_TITLE,       /* the document's title, large */
  MP_BLOCK_SUBTITLE,    /* a line under the title */
  MP_BLOCK_HEADING,     /* a section heading; kept with what follows */
  MP_BLOCK_SUBHEADING,  /* a smaller heading inside a section */
  MP_BLOCK_PARAGRAPH,   /* plain text, wrapped; may split by lines across pages */
  MP_BLOCK_NOTE,        /* small grey text */
  MP_BLOCK_FIELDS,      /* label / value pairs, no header row */
  MP_BLOCK_TABLE,       /* a table with a header row repeated on each page */
} MpBlockKind;

typedef struct
{
  MpBlockKind  kind;
  char        *text;                            /* title, headings, paragraphs, notes */
  guint        n_columns;                       /* fields and tables */
  double       widths[MP_DOC_MAX_COLUMNS];      /* relative column widths */
  char        *header[MP_DOC_MAX_COLUMNS];      /* tables */
  GPtrArray   *rows;                            /* of GStrv with n_columns cells */
  gboolean     small;                           /* a smaller font, for wide tables */
  gboolean     monospace;                       /* fields: values in a fixed-width font */
} MpBlock;

typedef struct
{
  char       *language;       /* "nl" or "en" */
  char       *organisation;   /* header, left */
  char       *marking;        /* header, right: the confidentiality marking */
  char       *footer;         /* footer, left: the reference or the period */
  GPtrArray  *blocks;         /* of MpBlock */
} MpDocument;

MpDocument *_mp_document_new              (const char   *language);
void        _mp_document_free             (MpDocument   *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpDocument, _mp_document_free)

void        _mp_document_add_text         (MpDocument   *doc,
                                           MpBlockKind   kind,
                                           const char   *text);
/* Starts a label/value block; add pairs with _mp_document_add_row(). */
MpBlock    *_mp_document_add_fields       (MpDocument   *doc);
/* Starts a table of @n_columns with header texts and relative widths
 * (a NULL-terminated list of header, width pairs: "When", 1.0, …). */
MpBlock    *_mp_document_add_table        (MpDocument   *doc,
                                           guint         n_columns,
                                           ...) G_GNUC_NULL_TERMINATED;
/* Appends a row of the block's number of cells (NULL cells print empty). */
void        _mp_block_add_row             (MpBlock      *block,
                                           ...);
void        _mp_block_add_rowv            (MpBlock      *block,
                                           const char  **cells);

/* ---- pagination and drawing (mp-report-layout.c) ---- */

typedef struct _MpPages MpPages;

/* Lays @doc out on pages of @width × @height points. Touches nothing
 * outside its arguments, so it may run in a worker thread. */
MpPages    *_mp_pages_new                 (const MpDocument *doc,
                                           double            width,
                                           double            height);
void        _mp_pages_free                (MpPages          *pages);
guint       _mp_pages_get_n_pages         (MpPages          *pages);
/* Draws page @page in points; the caller has scaled @cr. */
void        _mp_pages_draw                (MpPages          *pages,
                                           const MpDocument *doc,
                                           cairo_t          *cr,
                                           guint             page);

/* ---- the report's own strings (mp-report-strings.c) ---- */

/* The report's text in @language ("nl" or "en"), looked up by its English
 * form. Returns: (transfer none): the translation, or @english itself. */
const char *_mp_report_tr                 (const char   *language,
                                           const char   *english);
/* Translates @english, then replaces each "%s" in it, in order, by the
 * following string arguments. Returns: (transfer full) */
char       *_mp_report_trf                (const char   *language,
                                           const char   *english,
                                           ...);
/* Human labels for stored values; unknown values are returned as they are.
 * Returns: (transfer none) */
const char *_mp_report_status_label       (const char   *language,
                                           const char   *status);
const char *_mp_report_outcome_label      (const char   *language,
                                           const char   *outcome);
const char *_mp_report_severity_label     (const char   *language,
                                           const char   *severity);
const char *_mp_report_channel_label      (const char   *language,
                                           const char   *channel);
const char *_mp_report_deadline_label     (const char   *language,
                                           const char   *kind);
const char *_mp_report_event_label        (const char   *language,
                                           const char   *kind);
const char *_mp_report_letter_label       (const char   *language,
                                           const char   *kind);
const char *_mp_report_value_label        (const char   *language,
                                           const char   *value);
/* The checklist step an answer belongs to (its id's first part). */
const char *_mp_report_step_label         (const char   *language,
                                           const char   *item);
/* Returns: (transfer full): the label of checklist item @item. */
char       *_mp_report_item_label         (const char   *language,
                                           const char   *item);
/* Returns: (transfer none) (nullable): the checklist's label of one of the
 * values of @item, or NULL when it has none. */
const char *_mp_report_choice_label       (const char   *language,
                                           const char   *item,
                                           const char   *value);
/* Looks @msgid (with @context, or NULL) up in the application's catalogue
 * for @language, read directly rather than through the process's locale.
 * Returns: (transfer none): the translation, or @msgid. */
const char *_mp_report_catalogue_lookup   (const char   *language,
                                           const char   *context,
                                           const char   *msgid);

/* Dates and amounts in the report's language, in the desk's time zone.
 * Returns: (transfer full) */
char       *_mp_report_format_time        (const char   *language,
                                           GTimeZone    *tz,
                                           gint64        usec);
char       *_mp_report_format_day         (const char   *language,
                                           GTimeZone    *tz,
                                           gint64        usec);
/* The short form for table cells, with or without the time of day. */
char       *_mp_report_format_time_short  (const char   *language,
                                           GTimeZone    *tz,
                                           gint64        usec,
                                           gboolean      with_time);
/* @date is "YYYY-MM-DD"; anything else is returned as it is. @brief
 * gives the short form for table cells. */
char       *_mp_report_format_date_text   (const char   *language,
                                           const char   *date,
                                           gboolean      brief);
/* @amount is decimal euros with a dot ("150.00"). */
char       *_mp_report_format_amount      (const char   *language,
                                           const char   *amount);
/* "page N of M" */
char       *_mp_report_format_page        (const char   *language,
                                           guint         page,
                                           guint         n_pages);

/* ---- content ---- */

/* The desk's time zone from its settings. Returns: (transfer full) */
GTimeZone  *_mp_report_desk_time_zone     (MpStore      *store);

/* mp-report-sections.c. Returns: (transfer full) (nullable) */
MpDocument *_mp_report_build_case         (MpStore               *store,
                                           MpCase                *kase,
                                           const MpReportOptions *options,
                                           GError               **error);
/* mp-report-period.c. Returns: (transfer full) (nullable) */
MpDocument *_mp_report_build_period       (MpStore               *store,
                                           const char            *from,
                                           const char            *to,
                                           const MpReportOptions *options,
                                           GError               **error);

G_END_DECLS
