/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

typedef enum
{
  MP_REPORT_PAPER_A4,
  MP_REPORT_PAPER_LETTER,     /* US Letter */
} MpReportPaper;

/* What to print and how. The report's language is its own: it does not
 * follow the user interface's locale. */
typedef struct
{
  const char    *language;    /* "nl" or "en"; NULL means "en" */
  gboolean       redacted;    /* leave out the reporter and the vulnerability details */
  MpReportPaper  paper;
} MpReportOptions;

#define MP_REPORT_ERROR (mp_report_error_quark ())

typedef enum
{
  MP_REPORT_ERROR_INVALID,    /* bad options (language, period) */
  MP_REPORT_ERROR_WRITE,      /* the PDF could not be written */
} MpReportError;

GQuark         mp_report_error_quark      (void);

/* Fills @options with the defaults: English, not redacted, A4. */
void           mp_report_options_init     (MpReportOptions *options);

/* Printing from the interface (GtkPrintOperation), for example:
 *
 *   report = mp_report_layout (store, kase, &options, &error);  // or _new_case + _paginate_async
 *   gtk_print_operation_set_use_full_page (op, TRUE);           // the report has its own margins
 *   gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
 *   gtk_print_operation_set_n_pages (op, mp_report_get_n_pages (report));
 *   // "draw-page":
 *   mp_report_draw_page (report, gtk_print_context_get_cairo_context (context), page_nr,
 *                        gtk_print_context_get_width (context),
 *                        gtk_print_context_get_height (context));
 *
 * Pick options.paper from the page setup (GTK_PAPER_NAME_LETTER → US Letter);
 * a page of another size is scaled to fit. */

#define MP_TYPE_REPORT (mp_report_get_type ())
G_DECLARE_FINAL_TYPE (MpReport, mp_report, MP, REPORT, GObject)

/* Collects everything the dossier of @kase shows from @store (on the thread
 * that owns the store) into a document of its own; nothing of the store is
 * touched afterwards, so mp_report_paginate() and drawing may run in
 * another thread.
 * Returns: (transfer full) (nullable): the report, not yet paginated. */
MpReport      *mp_report_new_case         (MpStore               *store,
                                           MpCase                *kase,
                                           const MpReportOptions *options,
                                           GError               **error);
/* mp_report_new_case() and mp_report_paginate() in one: the report, laid
 * out, ready for mp_report_get_n_pages() and mp_report_draw_page().
 * Returns: (transfer full) (nullable) */
MpReport      *mp_report_layout           (MpStore               *store,
                                           MpCase                *kase,
                                           const MpReportOptions *options,
                                           GError               **error);
/* The management report of all cases received from @from to @to (days in
 * the desk's time zone, both included; GDate-style "YYYY-MM-DD").
 * Returns: (transfer full) (nullable) */
MpReport      *mp_report_new_period       (MpStore               *store,
                                           const char            *from,
                                           const char            *to,
                                           const MpReportOptions *options,
                                           GError               **error);

/* Lays the document out on pages: the first pass, which fixes the number
 * of pages. Idempotent; drawing and getting the page count paginate when
 * that has not happened yet. */
void           mp_report_paginate         (MpReport              *self);
/* The paper size the pages are laid out for, in points (1/72 inch). */
void           mp_report_get_page_size    (MpReport              *self,
                                           double                *width,
                                           double                *height);
guint          mp_report_get_n_pages      (MpReport              *self);
/* Draws page @page (0-based) onto @cr, whose user space is @width × @height
 * (points, pixels: any unit); the page is scaled to fit and centred. */
void           mp_report_draw_page        (MpReport              *self,
                                           cairo_t               *cr,
                                           guint                  page,
                                           double                 width,
                                           double                 height);
/* Writes every page to a PDF file at @path. */
gboolean       mp_report_write_pdf        (MpReport              *self,
                                           const char            *path,
                                           GError               **error);

/* Collects on the calling thread, then paginates in a worker thread; for
 * a print operation that wants the page count without blocking. */
void           mp_report_paginate_async   (MpReport              *self,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean       mp_report_paginate_finish  (MpReport              *self,
                                           GAsyncResult          *result,
                                           GError               **error);

/* The whole dossier of @kase as a PDF at @path. */
gboolean       mp_report_render_pdf       (MpStore               *store,
                                           MpCase                *kase,
                                           const MpReportOptions *options,
                                           const char            *path,
                                           GError               **error);
/* The same, with the store read on the calling thread and the layout and
 * PDF writing in a worker thread. */
void           mp_report_render_pdf_async (MpStore               *store,
                                           MpCase                *kase,
                                           const MpReportOptions *options,
                                           const char            *path,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean       mp_report_render_pdf_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
