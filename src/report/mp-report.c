/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "mp-report-private.h"

/* A report is made in two steps. Collecting reads the store on the thread
 * that owns it and produces a document of plain strings; paginating lays
 * that document out on pages and needs nothing else, so it and the drawing
 * may run in a worker thread. The page count is known after paginating,
 * before anything is drawn: the footer's "page N of M" is right on every
 * page. */

struct _MpReport
{
  GObject      parent_instance;

  MpDocument  *doc;
  MpPages     *pages;        /* NULL until paginated */
  GMutex       mutex;        /* guards pages */
  double       width;
  double       height;
};

G_DEFINE_FINAL_TYPE (MpReport, mp_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (mp-report-error-quark, mp_report_error)

static gboolean
check_options (const MpReportOptions  *options,
               GError                **error)
{
  if (options->language != NULL && !g_str_equal (options->language, "nl") &&
      !g_str_equal (options->language, "en"))
    {
      g_set_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_INVALID,
                   _("A report can be in Dutch (nl) or English (en), not “%s”."),
                   options->language);
      return FALSE;
    }
  return TRUE;
}

static MpReport *
report_new (MpDocument            *doc,
            const MpReportOptions *options)
{
  MpReport *self = g_object_new (MP_TYPE_REPORT, NULL);

  self->doc = doc;
  if (options->paper == MP_REPORT_PAPER_LETTER)
    {
      self->width = 612.0;
      self->height = 792.0;
    }
  else
    {
      self->width = 595.276;
      self->height = 841.89;
    }
  return self;
}

static void
mp_report_finalize (GObject *object)
{
  MpReport *self = MP_REPORT (object);

  g_clear_pointer (&self->pages, _mp_pages_free);
  g_clear_pointer (&self->doc, _mp_document_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (mp_report_parent_class)->finalize (object);
}

static void
mp_report_class_init (MpReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mp_report_finalize;
}

static void
mp_report_init (MpReport *self)
{
  g_mutex_init (&self->mutex);
}

void
mp_report_options_init (MpReportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->language = "en";
  options->redacted = FALSE;
  options->paper = MP_REPORT_PAPER_A4;
}

MpReport *
mp_report_new_case (MpStore               *store,
                    MpCase                *kase,
                    const MpReportOptions *options,
                    GError               **error)
{
  MpDocument *doc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;
  doc = _mp_report_build_case (store, kase, options, error);
  return doc != NULL ? report_new (doc, options) : NULL;
}

MpReport *
mp_report_layout (MpStore               *store,
                  MpCase                *kase,
                  const MpReportOptions *options,
                  GError               **error)
{
  MpReport *self = mp_report_new_case (store, kase, options, error);

  if (self != NULL)
    mp_report_paginate (self);
  return self;
}

MpReport *
mp_report_new_period (MpStore               *store,
                      const char            *from,
                      const char            *to,
                      const MpReportOptions *options,
                      GError               **error)
{
  MpDocument *doc;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;
  doc = _mp_report_build_period (store, from, to, options, error);
  return doc != NULL ? report_new (doc, options) : NULL;
}

void
mp_report_paginate (MpReport *self)
{
  g_return_if_fail (MP_IS_REPORT (self));

  g_mutex_lock (&self->mutex);
  if (self->pages == NULL)
    self->pages = _mp_pages_new (self->doc, self->width, self->height);
  g_mutex_unlock (&self->mutex);
}

void
mp_report_get_page_size (MpReport *self,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (MP_IS_REPORT (self));

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

guint
mp_report_get_n_pages (MpReport *self)
{
  g_return_val_if_fail (MP_IS_REPORT (self), 0);

  mp_report_paginate (self);
  return _mp_pages_get_n_pages (self->pages);
}

void
mp_report_draw_page (MpReport *self,
                     cairo_t  *cr,
                     guint     page,
                     double    width,
                     double    height)
{
  double scale;

  g_return_if_fail (MP_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < mp_report_get_n_pages (self));

  scale = MIN (width / self->width, height / self->height);
  cairo_save (cr);
  cairo_translate (cr, (width - self->width * scale) / 2, (height - self->height * scale) / 2);
  cairo_scale (cr, scale, scale);
  _mp_pages_draw (self->pages, self->doc, cr, page);
  cairo_restore (cr);
}

gboolean
mp_report_write_pdf (MpReport    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *tmp_path = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (MP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  n_pages = mp_report_get_n_pages (self);

  /* Written next to the target and renamed into place: a failed or
   * interrupted export never leaves half a dossier under the real name.
   * A dossier is confidential: only its owner may read it, and the
   * temporary name cannot be guessed (and so not planted beforehand). */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *name = g_strdup_printf (".%s.XXXXXX.part", base);
    int fd;

    tmp_path = g_build_filename (dir, name, NULL);
    fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0)
      {
        int saved_errno = errno;

        g_set_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_WRITE,
                     _("Could not write the report to “%s”: %s"), path,
                     g_strerror (saved_errno));
        return FALSE;
      }
    close (fd);
  }
  surface = cairo_pdf_surface_create (tmp_path, self->width, self->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Meldpunt");
  if (self->doc->organisation != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->doc->organisation);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->doc->footer);
  cr = cairo_create (surface);
  for (guint i = 0; i < n_pages; i++)
    {
      mp_report_draw_page (self, cr, i, self->width, self->height);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp_path);
      g_set_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      g_set_error (error, MP_REPORT_ERROR, MP_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
paginate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  mp_report_paginate (MP_REPORT (source_object));
  g_task_return_boolean (task, TRUE);
}

void
mp_report_paginate_async (MpReport            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MP_IS_REPORT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_report_paginate_async);
  g_task_run_in_thread (task, paginate_thread);
}

gboolean
mp_report_paginate_finish (MpReport      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mp_report_render_pdf (MpStore               *store,
                      MpCase                *kase,
                      const MpReportOptions *options,
                      const char            *path,
                      GError               **error)
{
  g_autoptr(MpReport) report = mp_report_new_case (store, kase, options, error);

  return report != NULL && mp_report_write_pdf (report, path, error);
}

static void
render_pdf_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  MpReport *report = task_data;
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!mp_report_write_pdf (report, path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mp_report_render_pdf_async (MpStore               *store,
                            MpCase                *kase,
                            const MpReportOptions *options,
                            const char            *path,
                            GCancellable          *cancellable,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  MpReport *report;

  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (MP_IS_CASE (kase));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_report_render_pdf_async);

  /* The store is read here, on its own thread; only the layout and the
   * writing happen in the worker. */
  report = mp_report_new_case (store, kase, options, &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, report, g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "path", g_strdup (path), g_free);
  g_task_run_in_thread (task, render_pdf_thread);
}

gboolean
mp_report_render_pdf_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
