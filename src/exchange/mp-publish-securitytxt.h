/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

#include "mp-policy.h"
#include "mp-store.h"

G_BEGIN_DECLS

/* security.txt (RFC 9116) for @domain, one of the desk's own
 * (mp_publish_check_domain()): Contact (desk.email), Expires
 * (publish.expires_months after @now, at most a year, RFC 3339 in UTC),
 * Encryption, Acknowledgments, Preferred-Languages, Canonical, one Policy
 * per language and CSAF when publish.csaf_url is set.
 *
 * The text is not signed: with @unsigned_note it begins with a comment
 * that says so. A signing caller passes FALSE and clear-signs the result.
 * @expires: (out) (optional): the Expires moment, microseconds since the
 * epoch (the renewal is due a month before it).
 * Returns: (transfer full) (nullable) */
char *mp_publish_security_txt (MpPolicy    *policy,
                               const char  *domain,
                               gint64       now,
                               gboolean     unsigned_note,
                               gint64      *expires,
                               GError     **error);

typedef enum
{
  MP_PUBLISH_SIGNED,
  MP_PUBLISH_UNSIGNED_ASKED,    /* the caller asked for it unsigned */
  MP_PUBLISH_UNSIGNED_NO_KEY,   /* the desk has no OpenPGP key */
} MpPublishSigning;

/* mp_publish_security_txt() clear-signed with the desk's key when @sign
 * and the desk has one (the desk must be unlocked then); otherwise
 * unsigned, beginning with a comment that says so. @signing (out,
 * optional): which of the three it is. @expires: as above.
 * Returns: (transfer full) (nullable) */
char *mp_publish_security_txt_for_desk (MpStore           *store,
                                        MpPolicy          *policy,
                                        const char        *domain,
                                        gint64             now,
                                        gboolean           sign,
                                        MpPublishSigning  *signing,
                                        gint64            *expires,
                                        GError           **error);

/* When the desk's key expires before @expires (UTC microseconds): the
 * key's expiry in UTC microseconds; 0 when it does not (or there is no
 * key, or it never expires). A file signed by an expired key is not
 * trusted, however long its own Expires runs. */
gint64 mp_publish_key_expires_first (MpStore *store,
                                     gint64   expires);

/* Where the desk's security.txt of @domain stands at @now, for the
 * Publish page: not published (from this desk), current, due for renewal
 * (its renewal deadline, a month before Expires, has come), expired, or
 * signed by a key that expires before the file does.
 * @expires, @key_expires (out, optional): UTC microseconds, 0 when
 * unknown. */
typedef enum
{
  MP_PUBLISH_STATE_NOT_PUBLISHED,
  MP_PUBLISH_STATE_CURRENT,
  MP_PUBLISH_STATE_RENEW,
  MP_PUBLISH_STATE_EXPIRED,
  MP_PUBLISH_STATE_KEY_EXPIRES_FIRST,
} MpPublishState;

MpPublishState mp_publish_security_txt_state (MpStore    *store,
                                              const char *domain,
                                              gint64      now,
                                              gint64     *expires,
                                              gint64     *key_expires);

G_END_DECLS
