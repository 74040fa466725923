/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-store.h"

G_BEGIN_DECLS

typedef enum
{
  MP_DUPLICATE_SAME_EMAIL = 1 << 0,   /* the same reporter e-mail address */
  MP_DUPLICATE_SAME_HOST  = 1 << 1,   /* the same affected host */
} MpDuplicateMatch;

/* An existing case that may report the same thing. */
typedef struct
{
  char             *reference;
  MpDuplicateMatch  match;
  char             *reason;      /* translated, e.g. "Same affected host: portal.example.nl" */
} MpDuplicate;

GType        mp_duplicate_get_type   (void) G_GNUC_CONST;
MpDuplicate *mp_duplicate_copy       (const MpDuplicate *duplicate);
void         mp_duplicate_free       (MpDuplicate       *duplicate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpDuplicate, mp_duplicate_free)

/* The host part of an asset (URL, host name or address): lower case,
 * without scheme, user, port, path or a leading "www.".
 * Returns: (transfer full) (nullable) */
char        *mp_duplicates_host_of   (const char        *asset);

/* Open and closed cases of @store, other than @kase, with the same reporter
 * e-mail address (ignoring case) or the same affected host, in order of
 * receipt. Looks them up in an index by host and e-mail address kept on
 * @store, up to date with its "case-changed" and its list of cases.
 * Returns: (transfer full) (element-type MpDuplicate): a new array, empty
 * when there is nothing alike. */
GPtrArray   *mp_duplicates_find      (MpStore           *store,
                                      MpCase            *kase);

/* As mp_duplicates_find(), but only the @max_newest last of them and the
 * one whose reference is @also (nullable), in the same order; @n_found
 * (optional) is set to how many there are in all. For a host that reports
 * often, which matches thousands of cases. */
GPtrArray   *mp_duplicates_find_newest (MpStore         *store,
                                        MpCase          *kase,
                                        guint            max_newest,
                                        const char      *also,
                                        guint           *n_found);

G_END_DECLS
