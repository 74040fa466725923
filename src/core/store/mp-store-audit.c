/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* The audit trail: a chain of entries, each with a MAC over the entry and
 * the MAC before it, and a sealed record of its last entry. Entries hold
 * keyed fingerprints of the old and new values, never the values. */

/* The key id of the case @case_ref, 0 when it has none (any more). */
static gint64
case_key_id (MpStore    *self,
             const char *case_ref)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (case_ref == NULL || !(stmt = _mp_store_prepare (self, "SELECT key_id FROM cases WHERE reference = ?",
                                                      NULL)))
    return 0;
  sqlite3_bind_text (stmt, 1, case_ref, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* A keyed fingerprint of @value: with a subkey of the case's own key
 * ("c:HEX"), so that the same value in two cases gives two fingerprints
 * and, once the case is erased with its key, a guessed value cannot be
 * checked against the trail; for an entry of no case (or of a case whose
 * key is gone) with the desk's fingerprint key, the case's reference mixed
 * in ("d:HEX"). Entries written before had 16 hex digits, keyed with the
 * audit key for the whole desk; the chain covers them as they are. */
char *
_mp_store_audit_fingerprint (MpStore    *self,
                             const char *case_ref,
                             const char *value)
{
  guint8 fp[MP_VAULT_FINGERPRINT_BYTES];
  char hex[MP_VAULT_FINGERPRINT_BYTES * 2 + 1];
  g_autofree char *data = NULL;
  gint64 key_id;

  if (value == NULL)
    return NULL;
  key_id = case_key_id (self, case_ref);
  if (key_id != 0 && mp_vault_has_case_key (self->vault, key_id))
    {
      data = g_strconcat ("fingerprint\x1f", value, NULL);
      if (!mp_vault_fingerprint (self->vault, key_id, data, strlen (data), fp, NULL))
        return NULL;
      sodium_bin2hex (hex, sizeof hex, fp, sizeof fp);
      return g_strconcat ("c:", hex, NULL);
    }
  data = g_strconcat ("fingerprint\x1f", case_ref != NULL ? case_ref : "", "\x1f", value, NULL);
  if (!mp_vault_fingerprint (self->vault, 0, data, strlen (data), fp, NULL))
    return NULL;
  sodium_bin2hex (hex, sizeof hex, fp, sizeof fp);
  return g_strconcat ("d:", hex, NULL);
}

char *
_mp_store_audit_field_tag (MpStore    *self,
                           const char *case_ref,
                           const char *field)
{
  g_autofree char *named = NULL;

  if (field == NULL || case_ref == NULL)
    return g_strdup (field);
  named = g_strconcat ("field\x1f", field, NULL);
  return _mp_store_audit_fingerprint (self, case_ref, named);
}

static char *
audit_serialise (gint64      id,
                 gint64      at,
                 const char *actor,
                 const char *case_ref,
                 const char *action,
                 const char *field,
                 const char *old_fp,
                 const char *new_fp)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
                          id, at, actor, case_ref ? case_ref : "", action,
                          field ? field : "", old_fp ? old_fp : "", new_fp ? new_fp : "");
}

/* The chain's MACs prove each entry and those before it, but not that no
 * entry came after the last one left: the head record (setting
 * AUDIT_HEAD_KEY, "COUNT HEAD SEAL") names the last entry, sealed with the
 * audit key, and is written in the same transaction as each entry. The
 * seal binds the desk's id too (once it has one), which names the record of
 * its head kept outside the file (mp-store-freshness.c). */
#define AUDIT_HEAD_KEY MP_STORE_AUDIT_HEAD_KEY

static char *
audit_head_seal (MpStore    *self,
                 gint64      count,
                 const char *head_hex,
                 const char *desk_id,
                 GError    **error)
{
  g_autofree char *data = g_strdup_printf ("audit-head\x1f%" G_GINT64_FORMAT "\x1f%s%s%s", count, head_hex,
                                           desk_id != NULL ? "\x1f" : "", desk_id != NULL ? desk_id : "");
  guint8 mac[MP_VAULT_MAC_BYTES];
  char hex[MP_VAULT_MAC_BYTES * 2 + 1];

  if (!mp_vault_audit_mac (self->vault, data, strlen (data), NULL, mac, error))
    return NULL;
  sodium_bin2hex (hex, sizeof hex, mac, sizeof mac);
  return g_strdup (hex);
}

static gboolean
audit_write_head (MpStore       *self,
                  gint64         count,
                  const guint8   head[MP_VAULT_MAC_BYTES],
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *desk_id = NULL;
  char head_hex[MP_VAULT_MAC_BYTES * 2 + 1];

  sodium_bin2hex (head_hex, sizeof head_hex, head, MP_VAULT_MAC_BYTES);
  if (!(desk_id = _mp_store_freshness_get_desk_id (self, TRUE, error)) ||
      !(seal = audit_head_seal (self, count, head_hex, desk_id, error)))
    return FALSE;
  if (!(upsert = _mp_store_prepare (self,
                                    "INSERT INTO settings (key, value) VALUES ('" AUDIT_HEAD_KEY "', ?)"
                                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error)))
    return FALSE;
  sqlite3_bind_text (upsert, 1, g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", count, head_hex, seal),
                     -1, g_free);
  if (!_mp_store_step_done (self, upsert, error))
    return FALSE;
  self->head_staged = TRUE;
  return TRUE;
}

/* Reads the head record; FALSE (and no error) when it is missing or its
 * seal does not hold. */
static gboolean
audit_read_head_record (MpStore  *self,
                        gint64   *count,
                        char    **head)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *desk_id = NULL;
  g_autofree char *seal = NULL;

  if (!(stmt = _mp_store_prepare (self, "SELECT value FROM settings WHERE key = '" AUDIT_HEAD_KEY "'",
                                  NULL)) ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  parts = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), " ", 0);
  desk_id = _mp_store_freshness_get_desk_id (self, FALSE, NULL);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_signed (parts[0], 10, 1, G_MAXINT64, count, NULL) ||
      !(seal = audit_head_seal (self, *count, parts[1], desk_id, NULL)) ||
      strlen (seal) != strlen (parts[2]) ||
      sodium_memcmp (seal, parts[2], strlen (seal)) != 0)
    return FALSE;
  *head = g_strdup (parts[1]);
  return TRUE;
}

gboolean
_mp_store_audit_read_head (MpStore  *self,
                           gint64   *count,
                           char    **head)
{
  return audit_read_head_record (self, count, head);
}

/* The id the next entry gets and the MAC of the last one, if any. */
static gboolean
read_last (MpStore  *self,
           gint64   *next_id,
           guint8    previous[MP_VAULT_MAC_BYTES],
           gboolean *has_previous,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) last = NULL;

  *next_id = 1;
  *has_previous = FALSE;
  if (!(last = _mp_store_prepare (self, "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1", error)))
    return FALSE;
  if (sqlite3_step (last) == SQLITE_ROW)
    {
      *next_id = sqlite3_column_int64 (last, 0) + 1;
      if (sqlite3_column_bytes (last, 1) == MP_VAULT_MAC_BYTES)
        {
          memcpy (previous, sqlite3_column_blob (last, 1), MP_VAULT_MAC_BYTES);
          *has_previous = TRUE;
        }
    }
  return TRUE;
}

/* Whether the head record names the @count entries ending in @last that
 * the file has, before a write adds one. Otherwise the trail was cut (or
 * its record removed) outside Meldpunt: a new head record would cover that
 * up, so nothing is written. Inside a batch the record lags behind its
 * entries until the batch ends; it is checked at the batch's first entry. */
static gboolean
audit_head_continues (MpStore       *self,
                      gint64         count,
                      const guint8  *last,
                      GError       **error)
{
  g_autofree char *recorded_head = NULL;
  char last_hex[MP_VAULT_MAC_BYTES * 2 + 1] = "";
  gint64 recorded = 0;

  if (count == 0)
    return TRUE;   /* a new desk: its first entry makes the record */
  if (last != NULL)
    sodium_bin2hex (last_hex, sizeof last_hex, last, MP_VAULT_MAC_BYTES);
  if (audit_read_head_record (self, &recorded, &recorded_head) && recorded == count &&
      g_strcmp0 (recorded_head, last_hex) == 0)
    return TRUE;
  g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                       _("The audit trail was changed outside Meldpunt. To keep that evidence, "
                         "nothing is written to this desk; the about window and “meldpunt-cli "
                         "audit verify” show where it changed. Restore the desk from a backup to "
                         "go on working."));
  return FALSE;
}

/* Appends an entry to the audit chain; call inside the write's transaction. */
gboolean
_mp_store_audit_append (MpStore     *self,
                        const char  *case_ref,
                        const char  *action,
                        const char  *field,
                        const char  *old_value,
                        const char  *new_value,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *old_fp = _mp_store_audit_fingerprint (self, case_ref, old_value);
  g_autofree char *new_fp = _mp_store_audit_fingerprint (self, case_ref, new_value);
  /* Which field or checklist item of a case changed tells too much (a data
   * breach, a CVSS vector set): keyed like the values. */
  g_autofree char *field_tag = _mp_store_audit_field_tag (self, case_ref, field);
  g_autofree char *data = NULL;
  guint8 previous[MP_VAULT_MAC_BYTES];
  guint8 mac[MP_VAULT_MAC_BYTES];
  gboolean has_previous = FALSE;
  gint64 id = 1;
  gint64 at = mp_time_now ();

  if (self->batch_depth > 0 && self->audit_last_known)
    {
      id = self->audit_last_id + 1;
      memcpy (previous, self->audit_last_mac, MP_VAULT_MAC_BYTES);
      has_previous = TRUE;
    }
  else if (!read_last (self, &id, previous, &has_previous, error) ||
           (!self->audit_head_pending && !audit_head_continues (self, id - 1,
                                                                has_previous ? previous : NULL,
                                                                error)))
    return FALSE;

  data = audit_serialise (id, at, self->actor, case_ref, action, field_tag, old_fp, new_fp);
  if (!mp_vault_audit_mac (self->vault, data, strlen (data), has_previous ? previous : NULL, mac, error))
    return FALSE;

  if (!(insert = _mp_store_prepare (self,
                                    "INSERT INTO audit (id, at, actor, case_ref, action, field,"
                                    " old_fp, new_fp, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    error)))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, at);
  sqlite3_bind_text (insert, 3, self->actor, -1, SQLITE_TRANSIENT);
  _mp_store_bind_text_or_null (insert, 4, case_ref);
  sqlite3_bind_text (insert, 5, action, -1, SQLITE_STATIC);
  _mp_store_bind_text_or_null (insert, 6, field_tag);
  _mp_store_bind_text_or_null (insert, 7, old_fp);
  _mp_store_bind_text_or_null (insert, 8, new_fp);
  sqlite3_bind_blob (insert, 9, mac, sizeof mac, SQLITE_TRANSIENT);
  if (!_mp_store_step_done (self, insert, error))
    return FALSE;
  if (self->batch_depth > 0)
    {
      /* One head record for the whole batch: it is one transaction. */
      self->audit_last_known = TRUE;
      self->audit_last_id = id;
      memcpy (self->audit_last_mac, mac, MP_VAULT_MAC_BYTES);
      self->audit_head_pending = TRUE;
      return TRUE;
    }
  return audit_write_head (self, id, mac, error);
}

gboolean
_mp_store_audit_flush_head (MpStore  *self,
                            GError  **error)
{
  guint8 mac[MP_VAULT_MAC_BYTES];
  gboolean has_mac = FALSE;
  gint64 next_id = 1;

  if (!self->audit_head_pending)
    return TRUE;
  /* A write of the batch that was rolled back took its entries along: the
   * file knows the last entry. */
  if (!read_last (self, &next_id, mac, &has_mac, error))
    return FALSE;
  if (has_mac && !audit_write_head (self, next_id - 1, mac, error))
    return FALSE;
  self->audit_head_pending = FALSE;
  return TRUE;
}

void
_mp_store_audit_forget_last (MpStore *self)
{
  self->audit_last_known = FALSE;
}

/* Whether the vault's key made the first audit entry (desk.create). */
gboolean
_mp_store_audit_key_fits (MpStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *data = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];

  if (!(stmt = _mp_store_prepare (self, "SELECT id, at, actor, case_ref, action, field, old_fp, new_fp, mac"
                                        " FROM audit WHERE id = 1", error)))
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      data = audit_serialise (1, sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 7));
      if (mp_vault_audit_mac (self->vault, data, strlen (data), NULL, mac, NULL) &&
          sqlite3_column_bytes (stmt, 8) == MP_VAULT_MAC_BYTES &&
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 8), MP_VAULT_MAC_BYTES) == 0)
        return TRUE;
    }
  g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE,
                       _("The stored key is not a key of this desk."));
  return FALSE;
}

/* Whether the head record names @count entries ending in @head: the chain
 * was not cut short. An unlocked desk has at least its desk.create entry. */
static gboolean
audit_check_head (MpStore       *self,
                  guint          count,
                  const guint8  *head,
                  GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *recorded_head = NULL;
  char head_hex[MP_VAULT_MAC_BYTES * 2 + 1] = "";
  g_autofree char *number = g_strdup_printf ("%u", count + 1);
  gint64 recorded;

  if (!(stmt = _mp_store_prepare (self, "SELECT value FROM settings WHERE key = '" AUDIT_HEAD_KEY "'",
                                  error)))
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW || count == 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                   _("The record of the last audit entry is missing: audit entries from "
                     "entry %s on may have been removed."), number);
      return FALSE;
    }
  if (head != NULL)
    sodium_bin2hex (head_hex, sizeof head_hex, head, MP_VAULT_MAC_BYTES);
  if (!audit_read_head_record (self, &recorded, &recorded_head))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The record of the last audit entry was changed."));
      return FALSE;
    }
  if (recorded != count || g_strcmp0 (recorded_head, head_hex) != 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                   _("The audit trail ends before its last entry: audit entries from "
                     "entry %s on were removed or replaced."), number);
      return FALSE;
    }
  return TRUE;
}

gboolean
mp_store_verify_audit (MpStore  *self,
                       guint    *n_entries,
                       char    **head,
                       gint64   *first_bad,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 previous[MP_VAULT_MAC_BYTES];
  gboolean has_previous = FALSE;
  gint64 expected_id = 1;
  guint count = 0;
  int rc;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  /* Inside a batch the head record is written at its end: bring it up to
   * date for the check (it is part of the batch's transaction). */
  if (self->batch_depth > 0 && !_mp_store_audit_flush_head (self, error))
    return FALSE;
  if (!(stmt = _mp_store_prepare (self, "SELECT id, at, actor, case_ref, action, field, old_fp, new_fp, mac"
                                        " FROM audit ORDER BY id", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *data = NULL;
      guint8 mac[MP_VAULT_MAC_BYTES];

      if (id != expected_id)
        {
          if (first_bad != NULL)
            *first_bad = expected_id;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, expected_id);

          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                       _("Audit entry %s is missing."), number);
          return FALSE;
        }

      data = audit_serialise (id, sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 4),
                              (const char *) sqlite3_column_text (stmt, 5),
                              (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 7));
      if (!mp_vault_audit_mac (self->vault, data, strlen (data), has_previous ? previous : NULL,
                               mac, error))
        return FALSE;
      if (sqlite3_column_bytes (stmt, 8) != MP_VAULT_MAC_BYTES ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 8), MP_VAULT_MAC_BYTES) != 0)
        {
          if (first_bad != NULL)
            *first_bad = id;
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                       _("Audit entry %s was changed, or an entry before it "
                         "was removed or reordered."), number);
          return FALSE;
        }
      memcpy (previous, mac, sizeof mac);
      has_previous = TRUE;
      expected_id++;
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, self->db, rc);
      return FALSE;
    }

  if (!audit_check_head (self, count, has_previous ? previous : NULL, error))
    {
      if (first_bad != NULL)
        *first_bad = (gint64) count + 1;
      return FALSE;
    }
  /* A sound trail can still be an older one: the whole file put back, or
   * the trail cut back together with an older head record. */
  _mp_store_freshness_note_seen (self, count);
  if (self->rollback_seen > 0)
    {
      g_autofree char *here = g_strdup_printf ("%" G_GINT64_FORMAT, self->rollback_found);
      g_autofree char *seen = g_strdup_printf ("%" G_GINT64_FORMAT, self->rollback_seen);

      if (first_bad != NULL)
        *first_bad = self->rollback_found + 1;
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                   _("This desk file is older than the one last opened on this computer: "
                     "its audit trail has %s entries, this computer has seen %s."), here, seen);
      return FALSE;
    }

  if (n_entries != NULL)
    *n_entries = count;
  if (head != NULL)
    {
      char hex[MP_VAULT_MAC_BYTES * 2 + 1] = "";

      if (has_previous)
        sodium_bin2hex (hex, sizeof hex, previous, sizeof previous);
      *head = g_strdup (hex);
    }
  return TRUE;
}
