/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-policy.h"

G_BEGIN_DECLS

/* Who owns the system a report is about, as suggested from the desk's asset
 * list (DOMAIN.md §2, scope check; R-GROUP, R-NO-THIRDPARTY). */
typedef enum
{
  MP_SCOPE_CANNOT_TELL,    /* the text names no host or address */
  MP_SCOPE_OURS,
  MP_SCOPE_SISTER,         /* redirect to the sister's policy */
  MP_SCOPE_THIRD_PARTY,    /* refer to the owner or the national CSIRT */
} MpScopeOwner;

typedef struct
{
  MpScopeOwner  owner;
  char         *host;         /* normalised host name or address; NULL when cannot tell */
  gboolean      is_address;   /* host is an IPv4 or IPv6 address */
  char         *matched;      /* the asset entry that matched (host, domain or network) */
  char         *sister_name;  /* MP_SCOPE_SISTER only */
  char         *sister_url;   /* MP_SCOPE_SISTER only (may be NULL) */
} MpScopeMatch;

void           mp_scope_match_free       (MpScopeMatch  *match);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpScopeMatch, mp_scope_match_free)

/* Suggests the owner of what @text names: a URL, host name (IDN allowed),
 * IPv4 or IPv6 address (bracketed or not), with or without port and user
 * information. Our own assets win over a sister's. Unreadable text gives
 * MP_SCOPE_CANNOT_TELL, never an error.
 * Returns: (transfer full) */
MpScopeMatch  *mp_scope_match            (MpPolicy      *policy,
                                          const char    *text);

/* The answer value of `scope.asset_owner` for @owner: "ours", "sister",
 * "third-party" or "unknown". */
const char    *mp_scope_owner_to_answer  (MpScopeOwner   owner);

/* Normalises a host name: IDN to ASCII, lower case, no trailing dot.
 * Returns: (transfer full) (nullable): NULL when @host is not a valid name. */
char          *mp_scope_normalise_host   (const char    *host);

G_END_DECLS
