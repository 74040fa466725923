/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <curl/curl.h>

#include "mp-mailbox.h"

G_BEGIN_DECLS

/* One connection to the desk's IMAP or SMTP server through libcurl, with
 * the checks every use shares: TLS required (implicit or STARTTLS), the
 * certificate verified (against the desk's private authority if it has
 * one), the password never in a URL. mp-mailbox-curl.c. */
typedef struct
{
  CURL  *curl;
  char  *base_url;     /* scheme://host:port, no path */
  char  *host;
  char  *ca_path;      /* nullable: the private authority, in a file of our own */
  char   errbuf[CURL_ERROR_SIZE];
} MpMailConnection;

MpMailConnection *_mp_mail_connection_new   (const char         *url,
                                             gboolean            smtp,
                                             const char         *user,
                                             const char         *password,
                                             const char         *ca_pem,
                                             GError            **error);
void              _mp_mail_connection_free  (MpMailConnection   *connection);
/* Sets a clear MP_MAILBOX_ERROR for @code. */
void              _mp_mail_set_error        (MpMailConnection   *connection,
                                             CURLcode            code,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpMailConnection, _mp_mail_connection_free)

G_END_DECLS
