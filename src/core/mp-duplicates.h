/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-case.h"

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

/* The cases of a list (of MpCase, in order of receipt, e.g. the store's
 * cases) by host and by e-mail address, built on first use and dropped when
 * the list changes; a case changed in place is moved to its new keys by
 * mp_duplicate_index_update(). The store keeps one
 * (mp_store_get_duplicate_index()). */
#define MP_TYPE_DUPLICATE_INDEX (mp_duplicate_index_get_type ())
G_DECLARE_FINAL_TYPE (MpDuplicateIndex, mp_duplicate_index, MP, DUPLICATE_INDEX, GObject)

/* Returns: (transfer full) */
MpDuplicateIndex *mp_duplicate_index_new    (GListModel       *cases);
void         mp_duplicate_index_update       (MpDuplicateIndex *self,
                                              MpCase           *kase);

/* The cases of @self, other than @kase, with the same reporter e-mail
 * address (ignoring case) or the same affected host, in order of receipt.
 * Returns: (transfer full) (element-type MpDuplicate): a new array, empty
 * when there is nothing alike. */
GPtrArray   *mp_duplicate_index_find         (MpDuplicateIndex *self,
                                              MpCase           *kase);

/* As mp_duplicate_index_find(), but only the @max_newest last of them and
 * the one whose reference is @also (nullable), in the same order; @n_found
 * (optional) is set to how many there are in all. For a host that reports
 * often, which matches thousands of cases. */
GPtrArray   *mp_duplicate_index_find_newest  (MpDuplicateIndex *self,
                                              MpCase           *kase,
                                              guint             max_newest,
                                              const char       *also,
                                              guint            *n_found);

G_END_DECLS
