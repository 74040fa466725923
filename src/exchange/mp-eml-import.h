/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_EML_ERROR (mp_eml_error_quark ())

typedef enum
{
  MP_EML_ERROR_NOT_EMAIL,    /* the file is not an e-mail message */
  MP_EML_ERROR_TOO_LARGE,    /* bigger than the setting import.max_bytes */
  MP_EML_ERROR_MALFORMED,    /* looks like mail but cannot be read at all */
  MP_EML_ERROR_READ,         /* the file could not be read */
} MpEmlError;

/* The default of the setting "import.max_bytes". */
#define MP_EML_DEFAULT_MAX_BYTES ((gsize) 50 * 1024 * 1024)

GQuark        mp_eml_error_quark             (void);

/* A message read into a draft case, not yet stored. */
typedef struct _MpEmlReport MpEmlReport;

/* Reads @message (the raw bytes of an .eml file). Refuses (with an
 * MP_EML_ERROR) what is not an e-mail or is bigger than @max_bytes (0: no
 * limit); anything else becomes a report, with notes saying what was skipped.
 * Safe to call from any thread. Returns: (transfer full) (nullable) */
MpEmlReport  *mp_eml_report_parse            (GBytes        *message,
                                              gsize          max_bytes,
                                              GError       **error);
/* Reads @file (refusing one bigger than @max_bytes before reading it) and
 * parses it as mp_eml_report_parse() does. Returns: (transfer full) (nullable) */
MpEmlReport  *mp_eml_report_parse_file       (GFile         *file,
                                              gsize          max_bytes,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* The same, for a message whose mailbox says when it arrived (IMAP's
 * INTERNALDATE, say): @arrival (microseconds since the epoch, 0: unknown)
 * is then the moment of receipt, before any Received: header. */
MpEmlReport  *mp_eml_report_parse_arrived    (GBytes        *message,
                                              gsize          max_bytes,
                                              gint64         arrival,
                                              GError       **error);
void          mp_eml_report_free             (MpEmlReport   *report);
/* Returns: (transfer none): the case to be stored. */
MpCase       *mp_eml_report_get_draft        (MpEmlReport   *report);
/* The date the sender's clock gave (microseconds since the epoch, 0 when
 * there is none); the draft's received_at is when the desk received it. */
gint64        mp_eml_report_get_sender_date  (MpEmlReport   *report);
/* Returns: (transfer none): translated notes (char *) on what was skipped
 * or guessed; empty when everything was read. */
GPtrArray    *mp_eml_report_get_notes        (MpEmlReport   *report);
/* The attachments that will be stored, the original message last. */
guint         mp_eml_report_get_n_attachments (MpEmlReport  *report);
/* Returns: (transfer none): the file name; @mime_type and @content
 * (transfer none) are set when not NULL. */
const char   *mp_eml_report_get_attachment   (MpEmlReport   *report,
                                              guint          index,
                                              const char   **mime_type,
                                              GBytes       **content);
/* Stores the case, its attachments and the "import" timeline entry, all or
 * nothing: in a batch of its own, or inside the caller's batch when one is
 * open (then the caller must abort its batch on failure).
 * Returns: (transfer full) (nullable): the stored case. */
MpCase       *mp_eml_report_store            (MpEmlReport   *report,
                                              MpStore       *store,
                                              GError       **error);

/* The size limit of the desk (setting "import.max_bytes"). */
gsize         mp_eml_get_max_bytes           (MpStore       *store);

/* Imports one message into @store: parse + store in one call.
 * @notes: (out) (optional) (transfer full): translated notes (char *) on
 * what was skipped; they are also in the timeline entry.
 * Errors are MP_EML_ERROR (refused: not mail, too big, unreadable) or
 * MP_STORE_ERROR (the desk is locked, the disk is full, …); their messages
 * are translated and do not name the file, so callers say which file it was.
 * Returns: (transfer full) (nullable): the new case. */
MpCase       *mp_eml_import_bytes            (MpStore       *store,
                                              GBytes        *message,
                                              GPtrArray    **notes,
                                              GError       **error);
MpCase       *mp_eml_import_file             (MpStore       *store,
                                              GFile         *file,
                                              GCancellable  *cancellable,
                                              GPtrArray    **notes,
                                              GError       **error);

/* The same, reading and parsing in a worker thread; the store is written
 * from the calling thread's main context before @callback runs. */
void          mp_eml_import_file_async       (MpStore             *store,
                                              GFile               *file,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void          mp_eml_import_bytes_async      (MpStore             *store,
                                              GBytes              *message,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Finishes either async call. Returns: (transfer full) (nullable) */
MpCase       *mp_eml_import_finish           (MpStore             *store,
                                              GAsyncResult        *result,
                                              GPtrArray          **notes,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpEmlReport, mp_eml_report_free)

G_END_DECLS
