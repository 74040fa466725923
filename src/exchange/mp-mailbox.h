/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-eml-import.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* What became of one message taken in (issue 22). */
typedef enum
{
  MP_MAILBOX_NEW,         /* a new case */
  MP_MAILBOX_REPLY,       /* added to a case's timeline as the reporter's reply */
  MP_MAILBOX_DUPLICATE,   /* a case already has this Message-ID: nothing stored */
  MP_MAILBOX_SKIPPED,     /* not taken in (too large, not mail): left in the inbox */
} MpMailboxOutcome;

#define MP_MAILBOX_ERROR (mp_mailbox_error_quark ())

typedef enum
{
  MP_MAILBOX_ERROR_NOT_SET_UP,      /* no server or password in the desk */
  MP_MAILBOX_ERROR_INVALID,         /* a URL, folder or address that cannot be used */
  MP_MAILBOX_ERROR_UNREACHABLE,     /* no connection to the server */
  MP_MAILBOX_ERROR_LOGIN,           /* user name or password refused */
  MP_MAILBOX_ERROR_CERTIFICATE,     /* the server's certificate did not verify */
  MP_MAILBOX_ERROR_NO_TLS,          /* the server offers no STARTTLS */
  MP_MAILBOX_ERROR_CONNECTION_LOST, /* the server went away during the round */
  MP_MAILBOX_ERROR_SERVER,          /* the server refused a command */
} MpMailboxError;

GQuark      mp_mailbox_error_quark      (void);

/* The settings of the desk's mailbox ("mailbox.imap_url", …). */
typedef struct
{
  char *imap_url;    /* imaps://HOST[:PORT] (implicit TLS) or imap://… (STARTTLS, required) */
  char *smtp_url;    /* nullable: smtps://… or smtp://… (STARTTLS, required) */
  char *user;
  char *folder;      /* where taken-in messages go; default "Meldpunt" */
  char *ca_pem;      /* nullable: a private certificate authority to trust (PEM) */
} MpMailboxSettings;

void        mp_mailbox_settings_free    (MpMailboxSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpMailboxSettings, mp_mailbox_settings_free)

/* Returns: (transfer full) (nullable): NULL with MP_MAILBOX_ERROR_NOT_SET_UP
 * when the desk has no mailbox. */
MpMailboxSettings *mp_mailbox_settings_load (MpStore            *store,
                                             GError            **error);
/* Checks @settings (URLs, folder) and keeps them and @password (nullable:
 * keep the one the desk has) in the unlocked @store. */
gboolean    mp_mailbox_settings_save    (MpStore                 *store,
                                         const MpMailboxSettings *settings,
                                         const char              *password,
                                         GError                 **error);
/* Whether @url is one Meldpunt accepts (@smtp: an SMTP one). */
gboolean    mp_mailbox_check_url        (const char        *url,
                                         gboolean           smtp,
                                         GError           **error);

/* Called for each message of a round: @kase (nullable for SKIPPED) is the
 * case it went to; @reason (nullable) says why it was skipped. */
typedef void (*MpMailboxFunc) (MpMailboxOutcome  outcome,
                               MpCase           *kase,
                               const char       *reason,
                               gpointer          user_data);

/* One round: every message in the inbox is taken in (mp_mailbox_take_in)
 * and then moved to the folder; one that cannot be taken in stays and is
 * reported as skipped. Stops at the first error of the server or the
 * store: what was taken in before stays, nothing is half taken in, and
 * nothing is deleted. Blocks; the store is written from this thread. */
gboolean    mp_mailbox_fetch            (MpStore           *store,
                                         GCancellable      *cancellable,
                                         MpMailboxFunc      func,
                                         gpointer           user_data,
                                         GError           **error);

/* The same in a worker thread: the network there, the store written from
 * the calling thread's main context (which must keep running), @func
 * called there too. */
void        mp_mailbox_fetch_async      (MpStore             *store,
                                         GCancellable        *cancellable,
                                         MpMailboxFunc        func,
                                         gpointer             func_data,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    mp_mailbox_fetch_finish     (MpStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Sends @text (the subject, a blank line, the body) of the letter @kind to
 * the reporter of @kase through the desk's SMTP server, from the desk's
 * address (policy desk.email) with Reply-To the desk, the case reference in
 * the subject and a new Message-ID; PGP/MIME encrypted and signed when the
 * reporter has a key and the desk has one. Then records it as sent on the
 * timeline and remembers its Message-ID. *@encrypted says how it went. */
gboolean    mp_mailbox_send_letter      (MpStore           *store,
                                         MpCase            *kase,
                                         const char        *kind,
                                         const char        *text,
                                         gboolean          *encrypted,
                                         GError           **error);
/* The same with the submission in a worker thread; the message is made and
 * the letter recorded in the calling thread. */
void        mp_mailbox_send_letter_async  (MpStore             *store,
                                           MpCase              *kase,
                                           const char          *kind,
                                           const char          *text,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    mp_mailbox_send_letter_finish (MpStore             *store,
                                           GAsyncResult        *result,
                                           gboolean            *encrypted,
                                           GError             **error);

/* Takes one message in: a new case; or, when its In-Reply-To or References
 * name a message a case holds or sent, or its subject carries a case's
 * reference, the reporter's reply on that case's timeline (attachments
 * sealed; a case waiting for the reporter stops waiting); or nothing, when
 * a case already has its Message-ID. All or nothing.
 * @arrival: when the mailbox got it (microseconds, 0: unknown).
 * Errors as mp_eml_import_bytes().
 * Returns: (transfer full) (nullable): the case it went to, or the one that
 * has it already. */
MpCase     *mp_mailbox_take_in          (MpStore           *store,
                                         GBytes            *message,
                                         gint64             arrival,
                                         MpMailboxOutcome  *outcome,
                                         GError           **error);

/* The same for a message already read into @report (and decrypted, where
 * the caller does that) from the raw @message, which gives the headers
 * threading goes by; import-eml and the window's import use it, so that a
 * file imported twice or a reply saved as a file is taken in as a mailbox
 * message is. The reporter's attached key is left to the caller. Stores
 * in a batch of its own, or inside the caller's batch when one is open
 * (then the caller must abort its batch on failure).
 * Returns: (transfer full) (nullable): as mp_mailbox_take_in(). */
MpCase     *mp_mailbox_take_in_report   (MpStore           *store,
                                         MpEmlReport       *report,
                                         GBytes            *message,
                                         MpMailboxOutcome  *outcome,
                                         GError           **error);
/* mp_mailbox_take_in_report() for @file or @message (one of them set), read
 * and parsed in a worker thread as mp_eml_import_file_async() does (in
 * mp-eml-import.c), stored from the calling thread's main context. */
void        mp_mailbox_take_in_async    (MpStore             *store,
                                         GFile               *file,
                                         GBytes              *message,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* @notes: (out) (optional) (transfer full): as mp_eml_import_finish().
 * Returns: (transfer full) (nullable): the case it went to or has it. */
MpCase     *mp_mailbox_take_in_finish   (MpStore             *store,
                                         GAsyncResult        *result,
                                         MpMailboxOutcome    *outcome,
                                         GPtrArray          **notes,
                                         GError             **error);

/* Whether a key the reporter attached to a message taken in with @outcome
 * is to be kept with @kase: not for a message the case had already, nor
 * when the case has the reporter's key already. */
gboolean    mp_mailbox_wants_reporter_key (MpStore          *store,
                                           MpCase           *kase,
                                           MpMailboxOutcome  outcome);

/* The first case reference (CVD-YYYY-NNNN) in @subject, after any "Re:",
 * "Antw:", "Fwd:" or in brackets. Returns: (transfer full) (nullable) */
char       *mp_mailbox_subject_reference (const char       *subject);

/* @subject with " [REF]" added when it does not carry @reference yet, so
 * that the reporter's reply finds its case. Returns: (transfer full) */
char       *mp_mailbox_subject_with_reference (const char  *subject,
                                               const char  *reference);

/* A new Message-ID for a letter of the desk: "<random@domain>", the domain
 * taken from @from (an address) or "meldpunt.invalid". Returns: (transfer full) */
char       *mp_mailbox_new_message_id   (const char       *from);

G_END_DECLS
