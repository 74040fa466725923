/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <string.h>

#include "mp-report-private.h"

/* Texts that belong to core (the checklist's questions and choices) are
 * translated in the application's gettext catalogue. A report in Dutch
 * needs their Dutch form even when the user interface runs in English, and
 * gettext only answers in the process's locale (switching LANGUAGE for a
 * lookup is not thread-safe). So the report reads the Dutch catalogue file
 * itself, once: a GNU .mo file is a sorted table of original and translated
 * strings, simple to read. A missing or unreadable catalogue leaves the
 * English text. */

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Returns: (transfer full): msgid (with "context\004" in front when it has
 * one) → msgstr (the first form of a plural), or an empty table. */
static GHashTable *
load_catalogue (const char *path)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree guint8 *data = NULL;
  gsize length = 0;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  if (!g_file_get_contents (path, (char **) &data, &length, NULL) || length < 28)
    return table;

  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return table;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if ((guint64) originals + (guint64) n * 8 > length ||
      (guint64) translations + (guint64) n * 8 > length)
    return table;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_length = read_u32 (data, originals + 8 * i, swapped);
      guint32 id_offset = read_u32 (data, originals + 8 * i + 4, swapped);
      guint32 str_length = read_u32 (data, translations + 8 * i, swapped);
      guint32 str_offset = read_u32 (data, translations + 8 * i + 4, swapped);

      if ((guint64) id_offset + id_length >= length || (guint64) str_offset + str_length >= length)
        continue;
      /* strdup stops at the NUL between a plural's forms: the first one. */
      if (id_length > 0 && str_length > 0)
        g_hash_table_insert (table, g_strdup ((const char *) data + id_offset),
                             g_strdup ((const char *) data + str_offset));
    }
  return table;
}

static gpointer
load_dutch (gpointer data)
{
  const char *localedir = g_getenv ("MELDPUNT_LOCALEDIR");
  g_autofree char *path = g_build_filename (localedir != NULL ? localedir : LOCALEDIR,
                                            "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  return load_catalogue (path);
}

const char *
_mp_report_catalogue_lookup (const char *language,
                             const char *context,
                             const char *msgid)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *key = NULL;
  GHashTable *dutch;
  const char *found;

  if (msgid == NULL || g_strcmp0 (language, "nl") != 0)
    return msgid;

  /* The table is filled once and only read afterwards: safe in threads. */
  dutch = g_once (&once, load_dutch, NULL);
  key = context != NULL ? g_strconcat (context, "\004", msgid, NULL) : NULL;
  found = g_hash_table_lookup (dutch, key != NULL ? key : msgid);
  return found != NULL ? found : msgid;
}
