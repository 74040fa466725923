/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mp-duplicates.h"

G_DEFINE_BOXED_TYPE (MpDuplicate, mp_duplicate, mp_duplicate_copy, mp_duplicate_free)

MpDuplicate *
mp_duplicate_copy (const MpDuplicate *duplicate)
{
  MpDuplicate *copy = g_new0 (MpDuplicate, 1);

  copy->reference = g_strdup (duplicate->reference);
  copy->match = duplicate->match;
  copy->reason = g_strdup (duplicate->reason);
  return copy;
}

void
mp_duplicate_free (MpDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->reference);
  g_free (duplicate->reason);
  g_free (duplicate);
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* g_utf8_strdown(), without its work for the usual ASCII text: the index
 * folds the host of every case (issue 12). */
static char *
lower_case (const char *text)
{
  return is_ascii (text) ? g_ascii_strdown (text, -1) : g_utf8_strdown (text, -1);
}

char *
mp_duplicates_host_of (const char *asset)
{
  g_autofree char *text = NULL;
  const char *start, *end, *p;
  g_autofree char *host = NULL;

  if (asset == NULL)
    return NULL;
  text = g_strstrip (g_strdup (asset));

  start = text;
  if ((p = strstr (start, "://")) != NULL)
    start = p + 3;
  /* The authority ends at the path, query or fragment. */
  end = start + strcspn (start, "/?#");
  /* user:password@ goes. */
  for (p = start; p < end; p++)
    if (*p == '@')
      start = p + 1;

  if (*start == '[')
    {
      /* [IPv6]:port */
      const char *close = memchr (start, ']', end - start);

      if (close == NULL)
        return NULL;
      host = g_strndup (start + 1, close - start - 1);
    }
  else
    {
      const char *colon = memchr (start, ':', end - start);

      /* One colon is a port; more is a bare IPv6 address. */
      if (colon != NULL && memchr (colon + 1, ':', end - colon - 1) == NULL)
        end = colon;
      host = g_strndup (start, end - start);
    }

  g_strstrip (host);
  {
    gsize len = strlen (host);

    while (len > 0 && host[len - 1] == '.')
      host[--len] = '\0';
  }
  {
    char *lower = lower_case (host);

    g_free (host);
    host = lower;
  }
  if (g_str_has_prefix (host, "www."))
    memmove (host, host + 4, strlen (host + 4) + 1);
  if (*host == '\0')
    return NULL;
  return g_steal_pointer (&host);
}

/* The key two e-mail addresses match on: folded case, no surrounding
 * spaces; NULL for none. */
static char *
email_key (const char *email)
{
  char *folded;

  if (email == NULL || *email == '\0')
    return NULL;
  /* Case folding is lower case for ASCII. */
  folded = is_ascii (email) ? g_ascii_strdown (email, -1) : g_utf8_casefold (email, -1);
  return g_strstrip (folded);
}

/* The cases of a list by host and by e-mail address (issue 12): comparing
 * a case with every other one took 15 ms at 10,000 cases and 150 ms at
 * 100,000 on every case page. Built on first use; a changed case
 * (mp_duplicate_index_update()) moves to its new keys, and a change of the
 * list of cases (added, unlocked, locked, a batch undone) drops the index
 * until the next use. The cases are the list's: it holds them while they
 * are indexed. */
typedef struct
{
  char  *host;
  char  *email;
  guint  position;          /* in the list of cases, for the order of results */
} CaseKeys;

typedef struct
{
  MpCase     *kase;
  guint       position;
} Entry;

struct _MpDuplicateIndex
{
  GObject     parent_instance;

  GListModel *cases;        /* owned */
  gulong      items_id;
  gboolean    valid;
  GHashTable *keys;         /* MpCase * → CaseKeys */
  GHashTable *by_host;      /* host → GArray of Entry, by position */
  GHashTable *by_email;     /* email key → GArray of Entry, by position */
};

typedef struct _MpDuplicateIndex DuplicatesIndex;

G_DEFINE_FINAL_TYPE (MpDuplicateIndex, mp_duplicate_index, G_TYPE_OBJECT)

static void
case_keys_free (gpointer data)
{
  CaseKeys *keys = data;

  g_free (keys->host);
  g_free (keys->email);
  g_free (keys);
}

/* Adds @kase to the bucket of @key, keeping the bucket in the list's order. */
static void
bucket_add (GHashTable *table,
            const char *key,
            MpCase     *kase,
            guint       position)
{
  GArray *bucket;
  Entry entry = { kase, position };
  guint low, high;

  if (key == NULL)
    return;
  bucket = g_hash_table_lookup (table, key);
  if (bucket == NULL)
    {
      bucket = g_array_new (FALSE, FALSE, sizeof (Entry));
      g_hash_table_insert (table, g_strdup (key), bucket);
    }
  /* Built in the list's order: mostly an append. */
  low = 0;
  high = bucket->len;
  if (high > 0 && g_array_index (bucket, Entry, high - 1).position < position)
    low = high;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (bucket, Entry, middle).position < position)
        low = middle + 1;
      else
        high = middle;
    }
  g_array_insert_val (bucket, low, entry);
}

static void
bucket_remove (GHashTable *table,
               const char *key,
               MpCase     *kase)
{
  GArray *bucket = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  if (bucket == NULL)
    return;
  for (guint i = 0; i < bucket->len; i++)
    if (g_array_index (bucket, Entry, i).kase == kase)
      {
        g_array_remove_index (bucket, i);
        break;
      }
  if (bucket->len == 0)
    g_hash_table_remove (table, key);
}

static void
index_add (DuplicatesIndex *index,
           MpCase          *kase,
           guint            position)
{
  CaseKeys *keys = g_new0 (CaseKeys, 1);

  keys->host = mp_duplicates_host_of (mp_case_get_asset (kase));
  keys->email = email_key (mp_case_get_reporter_email (kase));
  keys->position = position;
  bucket_add (index->by_host, keys->host, kase, position);
  bucket_add (index->by_email, keys->email, kase, position);
  g_hash_table_insert (index->keys, kase, keys);
}

static void
index_clear (DuplicatesIndex *index)
{
  index->valid = FALSE;
  g_hash_table_remove_all (index->keys);
  g_hash_table_remove_all (index->by_host);
  g_hash_table_remove_all (index->by_email);
}

static void
on_cases_changed_cb (GListModel      *cases,
                     guint            position,
                     guint            removed,
                     guint            added,
                     DuplicatesIndex *index)
{
  index_clear (index);
}

static void
index_fill (DuplicatesIndex *index)
{
  guint n;

  if (index->valid)
    return;
  n = g_list_model_get_n_items (index->cases);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (index->cases, i);

      index_add (index, kase, i);
    }
  index->valid = TRUE;
}

static void
mp_duplicate_index_finalize (GObject *object)
{
  MpDuplicateIndex *self = MP_DUPLICATE_INDEX (object);

  g_signal_handler_disconnect (self->cases, self->items_id);
  g_object_unref (self->cases);
  g_hash_table_unref (self->keys);
  g_hash_table_unref (self->by_host);
  g_hash_table_unref (self->by_email);
  G_OBJECT_CLASS (mp_duplicate_index_parent_class)->finalize (object);
}

static void
mp_duplicate_index_class_init (MpDuplicateIndexClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_duplicate_index_finalize;
}

static void
mp_duplicate_index_init (MpDuplicateIndex *self)
{
  self->keys = g_hash_table_new_full (NULL, NULL, NULL, case_keys_free);
  self->by_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_array_unref);
  self->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_array_unref);
}

MpDuplicateIndex *
mp_duplicate_index_new (GListModel *cases)
{
  MpDuplicateIndex *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (cases), NULL);

  self = g_object_new (MP_TYPE_DUPLICATE_INDEX, NULL);
  self->cases = g_object_ref (cases);
  self->items_id = g_signal_connect (cases, "items-changed",
                                     G_CALLBACK (on_cases_changed_cb), self);
  return self;
}

void
mp_duplicate_index_update (MpDuplicateIndex *self,
                           MpCase           *kase)
{
  CaseKeys *keys;
  guint position;

  g_return_if_fail (MP_IS_DUPLICATE_INDEX (self));
  g_return_if_fail (MP_IS_CASE (kase));

  if (!self->valid || (keys = g_hash_table_lookup (self->keys, kase)) == NULL)
    return;
  position = keys->position;
  bucket_remove (self->by_host, keys->host, kase);
  bucket_remove (self->by_email, keys->email, kase);
  g_hash_table_remove (self->keys, kase);
  index_add (self, kase, position);
}

typedef struct
{
  MpCase           *kase;
  MpDuplicateMatch  match;
} Match;

static MpDuplicate *
duplicate_new (MpCase           *other,
               MpDuplicateMatch  match,
               const char       *host)
{
  MpDuplicate *duplicate = g_new0 (MpDuplicate, 1);
  GString *reason = g_string_new (NULL);

  if (match & MP_DUPLICATE_SAME_EMAIL)
    g_string_append_printf (reason, _("Same reporter e-mail address: %s"),
                            mp_case_get_reporter_email (other));
  if (match & MP_DUPLICATE_SAME_HOST)
    {
      if (reason->len > 0)
        g_string_append (reason, "; ");
      g_string_append_printf (reason, _("Same affected host: %s"), host);
    }
  duplicate->reference = g_strdup (mp_case_get_reference (other));
  duplicate->match = match;
  duplicate->reason = g_string_free (reason, FALSE);
  return duplicate;
}

GPtrArray *
mp_duplicate_index_find_newest (MpDuplicateIndex *index,
                                MpCase           *kase,
                                guint             max_newest,
                                const char       *also,
                                guint            *n_found)
{
  GPtrArray *found;
  g_autoptr(GArray) matches = NULL;     /* of Match */
  g_autofree char *host = NULL;
  g_autofree char *email = NULL;
  const char *own_reference;
  GArray *by_email, *by_host;
  guint e = 0, h = 0, first_newest;

  g_return_val_if_fail (MP_IS_DUPLICATE_INDEX (index), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) mp_duplicate_free);
  if (n_found != NULL)
    *n_found = 0;
  email = email_key (mp_case_get_reporter_email (kase));
  host = mp_duplicates_host_of (mp_case_get_asset (kase));
  if (email == NULL && host == NULL)
    return found;

  /* The cases with the same e-mail address or host: both buckets are in
   * the list's order, so merging them keeps it. */
  index_fill (index);
  by_email = email != NULL ? g_hash_table_lookup (index->by_email, email) : NULL;
  by_host = host != NULL ? g_hash_table_lookup (index->by_host, host) : NULL;
  own_reference = mp_case_get_reference (kase);
  matches = g_array_new (FALSE, FALSE, sizeof (Match));
  while ((by_email != NULL && e < by_email->len) || (by_host != NULL && h < by_host->len))
    {
      const Entry *x = by_email != NULL && e < by_email->len
                       ? &g_array_index (by_email, Entry, e) : NULL;
      const Entry *y = by_host != NULL && h < by_host->len
                       ? &g_array_index (by_host, Entry, h) : NULL;
      Match match;
      const char *reference;

      if (y == NULL || (x != NULL && x->position < y->position))
        {
          match = (Match) { x->kase, MP_DUPLICATE_SAME_EMAIL };
          e++;
        }
      else if (x == NULL || y->position < x->position)
        {
          match = (Match) { y->kase, MP_DUPLICATE_SAME_HOST };
          h++;
        }
      else
        {
          match = (Match) { x->kase, MP_DUPLICATE_SAME_EMAIL | MP_DUPLICATE_SAME_HOST };
          e++;
          h++;
        }
      reference = mp_case_get_reference (match.kase);
      if (match.kase == kase || reference == NULL || g_strcmp0 (reference, own_reference) == 0)
        continue;
      g_array_append_val (matches, match);
    }

  if (n_found != NULL)
    *n_found = matches->len;
  first_newest = matches->len > max_newest ? matches->len - max_newest : 0;
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *match = &g_array_index (matches, Match, i);

      if (i >= first_newest
          || (also != NULL && g_strcmp0 (also, mp_case_get_reference (match->kase)) == 0))
        g_ptr_array_add (found, duplicate_new (match->kase, match->match, host));
    }
  return found;
}

GPtrArray *
mp_duplicate_index_find (MpDuplicateIndex *index,
                         MpCase           *kase)
{
  return mp_duplicate_index_find_newest (index, kase, G_MAXUINT, NULL, NULL);
}
