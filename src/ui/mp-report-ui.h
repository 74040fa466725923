/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-report.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* The dossier of @kase and the period report from the interface. @widget
 * is inside the window: its toast overlay tells how it went, its window is
 * the dialogs' parent. The report's language defaults to the desk's
 * preference "report-language", the paper of an export to
 * "report-paper-size"; printing takes the paper of the page setup. */

/* Print (GtkPrintOperation with preview) with a "Report" tab: language and
 * redacted variant. */
void      mp_report_ui_print            (GtkWidget             *widget,
                                         MpStore               *store,
                                         MpCase                *kase);
/* Asks for the options, then a file name (CVD-2026-0001.pdf), then
 * writes the PDF off the main thread. */
void      mp_report_ui_export_case      (GtkWidget             *widget,
                                         MpStore               *store,
                                         MpCase                *kase);
/* The last part of that: writes the dossier to @file in a worker thread
 * and shows a toast when done. */
void      mp_report_ui_write_case       (GtkWidget             *widget,
                                         MpStore               *store,
                                         MpCase                *kase,
                                         const MpReportOptions *options,
                                         GFile                 *file,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
gboolean  mp_report_ui_write_finish     (GAsyncResult          *result,
                                         GError               **error);
/* Asks for a period (from, to), the language and a file name, then
 * writes the management report. */
void      mp_report_ui_export_period    (GtkWidget             *widget,
                                         MpStore               *store);
/* The same without asking: writes the period report to @file in a worker
 * thread and shows a toast when done. */
void      mp_report_ui_write_period     (GtkWidget             *widget,
                                         MpStore               *store,
                                         const char            *from,
                                         const char            *to,
                                         const MpReportOptions *options,
                                         GFile                 *file,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);

/* For tests: runs the print operation of mp_report_ui_print() without a
 * dialog, exporting to a PDF at @path; @options->paper is the page setup's
 * paper. */
gboolean  _mp_report_ui_print_to_file   (GtkWidget             *widget,
                                         MpStore               *store,
                                         MpCase                *kase,
                                         const MpReportOptions *options,
                                         const char            *path,
                                         GError               **error);

G_END_DECLS
