/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* Freshness of the whole file. The audit head record tells how many
 * entries the trail has, but an older copy of the whole file (or the trail
 * cut back together with an older head record) is a sound file too. So the
 * highest head seen on this computer is also kept outside the file, per
 * desk, in $XDG_STATE_HOME/meldpunt/desks/DESK-ID ("count N", "head HEX"):
 * a file at unlock whose head counts fewer entries than that is reported as
 * rolled back, until the person accepts it. The desk id is random, kept in
 * the file's settings (readable before unlock) and bound into the head
 * record's seal, so it cannot be swapped for a new one unnoticed.
 *
 * The outside record only moves forward, and only with writes (or when a
 * desk is first seen here); it is written after the first commit, then at most every FRESH_WRITE_INTERVAL while writes go on, after
 * every batch and at lock and close: a lost update only weakens the check,
 * it never reports a sound file. */

#define FRESH_WRITE_INTERVAL (5 * G_USEC_PER_SEC)
#define DESK_ID_BYTES 16

static char *
record_path (const char *desk_id)
{
  return g_build_filename (g_get_user_state_dir (), "meldpunt", "desks", desk_id, NULL);
}

/* The desk id is hex digits only: it names a file. */
static gboolean
desk_id_is_valid (const char *desk_id)
{
  if (desk_id == NULL || strlen (desk_id) != DESK_ID_BYTES * 2)
    return FALSE;
  for (const char *p = desk_id; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/* Reads the outside record of @desk_id; FALSE when there is none (or it is
 * unreadable, which is treated the same: nothing seen yet). */
static gboolean
read_record (const char  *desk_id,
             gint64      *count,
             char       **head)
{
  g_autofree char *path = record_path (desk_id);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean has_count = FALSE;

  *count = 0;
  if (head != NULL)
    *head = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "count "))
        has_count = g_ascii_string_to_signed (lines[i] + 6, 10, 0, G_MAXINT64, count, NULL);
      else if (g_str_has_prefix (lines[i], "head ") && head != NULL)
        {
          g_free (*head);
          *head = g_strdup (lines[i] + 5);
        }
    }
  return has_count;
}

static gboolean
write_record (const char  *desk_id,
              gint64       count,
              const char  *head,
              GError     **error)
{
  g_autofree char *path = record_path (desk_id);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *text = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                   _("The record of this desk's last state could not be kept in “%s”: %s."),
                   dir, g_strerror (saved));
      return FALSE;
    }
  text = g_strdup_printf ("count %" G_GINT64_FORMAT "\nhead %s\n", count, head != NULL ? head : "");
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return TRUE;
}

/* Writes @count and @head outside unless the record there is as far on
 * already (another process of this computer may have moved it). */
static void
move_record_forward (const char *desk_id,
                     gint64      count,
                     const char *head)
{
  g_autoptr(GError) error = NULL;
  gint64 recorded = 0;

  if (read_record (desk_id, &recorded, NULL) && recorded >= count)
    return;
  if (!write_record (desk_id, count, head, &error))
    g_message ("%s", error->message);
}

/* Splits a head record "COUNT HEAD SEAL"; FALSE when it has another shape. */
static gboolean
parse_head_record (const char  *value,
                   gint64      *count,
                   char       **head)
{
  g_auto(GStrv) parts = value != NULL ? g_strsplit (value, " ", 0) : NULL;

  if (parts == NULL || g_strv_length (parts) != 3 ||
      !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64, count, NULL))
    return FALSE;
  *head = g_strdup (parts[1]);
  return TRUE;
}

static char *
read_setting (sqlite3    *db,
              const char *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

char *
_mp_store_freshness_get_desk_id (MpStore  *self,
                                 gboolean  create,
                                 GError  **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *desk_id = read_setting (self->db, MP_STORE_DESK_ID_KEY);
  guint8 bytes[DESK_ID_BYTES];
  char hex[DESK_ID_BYTES * 2 + 1];

  if (desk_id != NULL || !create)
    return g_steal_pointer (&desk_id);
  /* A desk made before desks had ids gets one with its first write. */
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  if (!(insert = _mp_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?, ?)", error)))
    return NULL;
  sqlite3_bind_text (insert, 1, MP_STORE_DESK_ID_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, hex, -1, SQLITE_TRANSIENT);
  if (!_mp_store_step_done (self, insert, error))
    return NULL;
  return g_strdup (hex);
}

static void
write_now (MpStore *self)
{
  g_autofree char *desk_id = read_setting (self->db, MP_STORE_DESK_ID_KEY);

  self->fresh_dirty = FALSE;
  self->fresh_written_at = g_get_monotonic_time ();
  /* A rolled-back file is not the newest state until it is accepted. */
  if (self->rollback_seen > 0 || !desk_id_is_valid (desk_id))
    return;
  move_record_forward (desk_id, self->fresh_count, self->fresh_head);
}

void
_mp_store_freshness_committed (MpStore  *self,
                               gboolean  now)
{
  g_autofree char *value = NULL;
  g_autofree char *head = NULL;
  gint64 count = 0;

  if (!self->head_staged)
    return;
  self->head_staged = FALSE;
  /* What the file holds now, not what the write meant to: a write of the
   * transaction may have been undone. */
  value = read_setting (self->db, MP_STORE_AUDIT_HEAD_KEY);
  if (!parse_head_record (value, &count, &head))
    return;
  self->fresh_count = count;
  g_free (self->fresh_head);
  self->fresh_head = g_steal_pointer (&head);
  self->fresh_dirty = TRUE;
  if (now || self->fresh_written_at == 0 ||
      g_get_monotonic_time () - self->fresh_written_at >= FRESH_WRITE_INTERVAL)
    write_now (self);
}

void
_mp_store_freshness_flush (MpStore *self)
{
  if (self->db != NULL && self->fresh_dirty)
    write_now (self);
}

void
_mp_store_freshness_check (MpStore *self)
{
  g_autofree char *desk_id = read_setting (self->db, MP_STORE_DESK_ID_KEY);
  g_autofree char *head = NULL;
  gint64 count = 0, recorded = 0;

  self->rollback_seen = self->rollback_found = 0;
  /* A desk without an id gets one, and its record, with its first write. */
  if (!desk_id_is_valid (desk_id) || !_mp_store_audit_read_head (self, &count, &head))
    return;
  g_free (self->fresh_head);
  self->fresh_head = g_steal_pointer (&head);
  self->fresh_count = count;
  if (read_record (desk_id, &recorded, NULL))
    {
      if (recorded > count)
        {
          self->rollback_seen = recorded;
          self->rollback_found = count;
        }
      /* A file ahead of the record moves it with its next write: only
       * looking into a copy kept aside (ahead of a restored desk) must not
       * make the desk in use look rolled back. */
      return;
    }
  self->fresh_dirty = TRUE;
  write_now (self);
}

void
_mp_store_freshness_note_seen (MpStore *self,
                               gint64   found)
{
  g_autofree char *desk_id = read_setting (self->db, MP_STORE_DESK_ID_KEY);
  gint64 recorded = 0;

  if (self->rollback_seen > 0 || !desk_id_is_valid (desk_id))
    return;
  if (read_record (desk_id, &recorded, NULL) && recorded > found)
    {
      self->rollback_seen = recorded;
      self->rollback_found = found;
    }
}

void
_mp_store_freshness_adopt (const char *database_path)
{
  g_autofree char *desk_id = NULL;
  g_autofree char *value = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 count = 0;

  if (sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      desk_id = read_setting (db, MP_STORE_DESK_ID_KEY);
      value = read_setting (db, MP_STORE_AUDIT_HEAD_KEY);
    }
  sqlite3_close (db);
  /* Put back on purpose: the restored file is this desk's newest state,
   * even when it is older than the one it replaced. */
  if (desk_id_is_valid (desk_id) && parse_head_record (value, &count, &head) &&
      !write_record (desk_id, count, head, &error))
    g_message ("%s", error->message);
}

gboolean
mp_store_get_rollback (MpStore *self,
                       guint64 *seen,
                       guint64 *found)
{
  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (seen != NULL)
    *seen = (guint64) self->rollback_seen;
  if (found != NULL)
    *found = (guint64) self->rollback_found;
  return self->rollback_seen > 0;
}

gboolean
mp_store_accept_rollback (MpStore  *self,
                          GError  **error)
{
  g_autofree char *desk_id = NULL;
  g_autofree char *head = NULL;
  gint64 count = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  if (self->rollback_seen == 0)
    return TRUE;
  desk_id = read_setting (self->db, MP_STORE_DESK_ID_KEY);
  if (!desk_id_is_valid (desk_id) || !_mp_store_audit_read_head (self, &count, &head))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The record of the last audit entry was changed."));
      return FALSE;
    }
  /* The one way the outside record moves back. */
  if (!write_record (desk_id, count, head, error))
    return FALSE;
  self->rollback_seen = self->rollback_found = 0;
  self->fresh_count = count;
  g_free (self->fresh_head);
  self->fresh_head = g_steal_pointer (&head);
  self->fresh_dirty = FALSE;
  return TRUE;
}
