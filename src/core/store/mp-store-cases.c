/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mp-checklist.h"
#include "mp-derive.h"
#include "mp-desk-context.h"
#include "mp-error.h"
#include "mp-reward.h"
#include "mp-store-private.h"

/* Writes to a case: adding and changing it, its answers, its derived
 * state (status, deadlines) and erasing its confidential data. */

/* Answers whose value is itself confidential (DESIGN.md: voucher codes). */
static const char * const confidential_answers[] = { "reward.voucher_code", NULL };

/* ---- derived state -------------------------------------------------------- */

static gint64
case_key_id (MpStore *self,
             gint64   case_id)
{
  g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, "SELECT key_id FROM cases WHERE id = ?", NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* Derives status and deadlines on @work and writes them, with every field
 * of @work, as the case's sealed record (and the case's MAC): the last
 * step of every write to a case, after its rows; inside a write. */
gboolean
_mp_store_write_derived (MpStore  *self,
                         MpCase   *work,
                         GError  **error)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (self);
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autofree char *old_status = g_strdup (mp_case_get_status (work));
  g_autofree char *old_outcome = g_strdup (mp_case_get_outcome (work));
  gint64 now = mp_time_now ();
  gint64 id = mp_case_get_id (work);
  gint64 key_id = case_key_id (self, id);

  if (!_mp_store_require_not_damaged (self, work, error))
    return FALSE;
  if (key_id == 0)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                   _("Case %s is not in the database."), mp_case_get_reference (work));
      return FALSE;
    }
  deadlines = mp_derive_case (policy, work, now);

  if (g_strcmp0 (old_status, mp_case_get_status (work)) != 0 ||
      g_strcmp0 (old_outcome, mp_case_get_outcome (work)) != 0 ||
      mp_case_get_time (work, "created_at") == now)
    {
      if (mp_case_is_closed (work) && mp_case_get_closed_at (work) == 0)
        mp_case_set_time (work, "closed_at", now);
      else if (!mp_case_is_closed (work))
        mp_case_set_time (work, "closed_at", 0);

      if (!_mp_store_add_sealed_row (self, "status_history", id, key_id,
                                     g_variant_new ("(xsmss)", now, mp_case_get_status (work),
                                                    mp_case_get_outcome (work), self->actor),
                                     error))
        return FALSE;
    }

  mp_case_set_time (work, "updated_at", now);
  return _mp_store_write_case_record (self, work, key_id, deadlines, error);
}

static char *
desk_year_of (MpStore *self,
              gint64   usec)
{
  g_autofree char *zone = mp_store_get_setting (self, "timezone");
  g_autoptr(MpDeskContext) desk = mp_desk_context_new (zone);

  return g_strdup_printf ("%d", mp_desk_context_year_of (desk, usec));
}

gint64
_mp_store_new_case_key (MpStore  *self,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  gint64 key_id;

  if (!(insert = _mp_store_prepare (self, "INSERT INTO case_keys (wrapped) VALUES (x'')", error)) ||
      !_mp_store_step_done (self, insert, error))
    return 0;
  key_id = sqlite3_last_insert_rowid (self->db);
  if (!(wrapped = mp_vault_new_case_key (self->vault, key_id, error)) ||
      !(update = _mp_store_prepare (self, "UPDATE case_keys SET wrapped = ? WHERE id = ?", error)))
    return 0;
  sqlite3_bind_blob (update, 1, g_bytes_get_data (wrapped, NULL),
                     (int) g_bytes_get_size (wrapped), SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, key_id);
  if (!_mp_store_step_done (self, update, error))
    {
      mp_vault_forget_case_key (self->vault, key_id);
      return 0;
    }
  return key_id;
}

MpCase *
mp_store_add_case (MpStore  *self,
                   MpCase   *draft,
                   GError  **error)
{
  g_autoptr(MpCase) work = NULL;
  g_autoptr(sqlite3_stmt) seq_stmt = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *year = NULL;
  g_autofree char *reference = NULL;
  gint64 now = mp_time_now ();
  gint64 key_id = 0, case_id;
  gint64 seq = 1;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (draft), NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  if (mp_case_get_title (draft) == NULL)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("A case needs a title."));
      return NULL;
    }

  work = _mp_case_clone (draft);
  /* A draft may have cleared these; the desk's defaults apply then. */
  if (mp_case_get_reporter_language (work) == NULL)
    mp_case_set_text (work, "reporter_language", "nl");
  if (mp_case_get_text (work, "channel") == NULL)
    mp_case_set_text (work, "channel", "email");
  if (mp_case_get_received_at (work) == 0)
    mp_case_set_time (work, "received_at", now);
  mp_case_set_time (work, "created_at", now);
  mp_case_set_time (work, "updated_at", now);
  mp_case_set_time (work, "closed_at", 0);
  mp_case_set_time (work, "erased_at", 0);
  mp_case_set_text (work, "status", "intake");
  mp_case_set_text (work, "outcome", NULL);
  year = desk_year_of (self, mp_case_get_received_at (work));

  if (!_mp_store_begin_write (self, error))
    return NULL;

  if (!(seq_stmt = _mp_store_prepare (self, "SELECT COALESCE(MAX(seq), 0) + 1 FROM cases WHERE year = ?",
                                      error)))
    goto fail;
  sqlite3_bind_int (seq_stmt, 1, atoi (year));
  if (sqlite3_step (seq_stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (seq_stmt, 0);
  reference = g_strdup_printf ("CVD-%s-%04" G_GINT64_FORMAT, year, seq);
  mp_case_set_text (work, "reference", reference);

  if (!(key_id = _mp_store_new_case_key (self, error)))
    goto fail;

  /* Only what is read before unlock is in clear; the record follows. */
  if (!(insert = _mp_store_prepare (self, "INSERT INTO cases (reference, year, seq, key_id)"
                                          " VALUES (?, ?, ?, ?)", error)))
    goto fail;
  sqlite3_bind_text (insert, 1, reference, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 2, atoi (year));
  sqlite3_bind_int64 (insert, 3, seq);
  sqlite3_bind_int64 (insert, 4, key_id);
  if (!_mp_store_step_done (self, insert, error))
    goto fail;
  case_id = sqlite3_last_insert_rowid (self->db);
  _mp_case_set_id (work, case_id);

  if (!_mp_store_write_derived (self, work, error) ||
      !_mp_store_audit_append (self, reference, "case.create", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  g_list_store_append (self->cases, work);
  g_hash_table_insert (self->by_reference, (gpointer) mp_case_get_reference (work), work);
  return g_steal_pointer (&work);

fail:
  _mp_store_rollback_write (self);
  if (key_id != 0)
    mp_vault_forget_case_key (self->vault, key_id);
  return NULL;
}

gboolean
_mp_store_lookup_case_ids (MpStore  *self,
                           MpCase   *kase,
                           gint64   *key_id,
                           gint64   *reporter_id,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A damaged case is read-only: no write re-derives what it could not read. */
  if (!_mp_store_require_not_damaged (self, kase, error))
    return FALSE;
  if (!(stmt = _mp_store_prepare (self, "SELECT key_id FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                   _("Case %s is not in the database."), mp_case_get_reference (kase));
      return FALSE;
    }
  *key_id = sqlite3_column_int64 (stmt, 0);
  /* The reporter is part of the case's record. */
  *reporter_id = 0;
  return TRUE;
}

gboolean
_mp_store_require_not_erased (MpCase  *kase,
                              GError **error)
{
  if (!mp_case_is_erased (kase))
    return TRUE;
  g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
               _("The confidential data of case %s was erased; it cannot be changed."),
               mp_case_get_reference (kase));
  return FALSE;
}

void
_mp_store_finish_case_write (MpStore *self,
                             MpCase  *kase,
                             MpCase  *work)
{
  _mp_case_update_from (kase, work);
  _mp_store_case_take_state (kase, work);
  _mp_store_emit_case_changed (self, kase);
}

gboolean
mp_store_update_case (MpStore     *self,
                      MpCase      *kase,
                      const char  *field,
                      const char  *value,
                      GError     **error)
{
  const MpCaseField *meta;
  g_autoptr(MpCase) work = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 key_id = 0, reporter_id = 0;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return FALSE;

  meta = mp_case_lookup_field (field);
  if (meta == NULL || !meta->editable)
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   meta == NULL ? _("There is no field “%s”.") : _("The field “%s” cannot be changed directly."),
                   field);
      return FALSE;
    }

  work = _mp_case_clone (kase);
  if (!mp_case_set_value_string (work, field, value, error))
    return FALSE;
  old_value = mp_case_dup_value_string (kase, field);
  new_value = mp_case_dup_value_string (work, field);
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error) ||
      !_mp_store_write_derived (self, work, error) ||
      !_mp_store_audit_append (self, mp_case_get_reference (work), "case.set", field, old_value,
                               new_value, error) ||
      !_mp_store_commit_write (self, error))
    {
      _mp_store_rollback_write (self);
      return FALSE;
    }

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;
}

static gboolean
check_answer_text (const char  *value,
                   const char  *note,
                   GError     **error)
{
  if ((value != NULL && !g_utf8_validate (value, -1, NULL)) ||
      (note != NULL && !g_utf8_validate (note, -1, NULL)))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                           _("The answer is not valid UTF-8 text."));
      return FALSE;
    }
  return TRUE;
}

/* Puts one answer (value NULL: removes it) on @work and in the answers
 * table, with its audit entry; inside a write. */
static gboolean
write_answer (MpStore     *self,
              MpCase      *work,
              gint64       key_id,
              const char  *item,
              const char  *value,
              const char  *note,
              gint64       now,
              GError     **error)
{
  const MpAnswer *old;
  g_autofree char *old_value = NULL;

  if (note != NULL && *note == '\0')
    note = NULL;

  old = mp_case_get_answer (work, item);
  old_value = old != NULL ? g_strdup (old->value) : NULL;

  if (value != NULL)
    {
      MpAnswer *answer = g_new0 (MpAnswer, 1);

      answer->item = g_strdup (item);
      answer->value = g_strdup (value);
      answer->note = g_strdup (note);
      answer->actor = g_strdup (self->actor);
      answer->answered_at = now;
      _mp_case_put_answer (work, answer);
    }
  else
    {
      g_autoptr(MpCase) rebuilt = mp_case_new ();
      g_autoptr(GPtrArray) items = mp_case_list_answers (work);

      /* Drop the one answer by rebuilding the set without it. */
      for (guint i = 0; i < items->len; i++)
        if (!g_str_equal (g_ptr_array_index (items, i), item))
          _mp_case_put_answer (rebuilt, mp_answer_copy (mp_case_get_answer (work, g_ptr_array_index (items, i))));
      _mp_case_clear_answers (work);
      g_clear_pointer (&items, g_ptr_array_unref);
      items = mp_case_list_answers (rebuilt);
      for (guint i = 0; i < items->len; i++)
        _mp_case_put_answer (work, mp_answer_copy (mp_case_get_answer (rebuilt, g_ptr_array_index (items, i))));
    }

  if (value == NULL)
    {
      if (!_mp_store_delete_answer_row (self, mp_case_get_id (work), key_id, item, error))
        return FALSE;
    }
  else if (!_mp_store_put_answer_row (self, mp_case_get_id (work), key_id, item,
                                      _mp_store_answer_to_variant (mp_case_get_answer (work, item)),
                                      error))
    return FALSE;

  return _mp_store_audit_append (self, mp_case_get_reference (work), "answer", item, old_value, value,
                                 error);
}

/* "Were the rules followed?" follows the nine forbidden-method questions
 * (mp_derive_rules_followed()) whenever a write changes one of them, with
 * its own audit entry; an answer given in the same write wins. */
static gboolean
write_rules_followed (MpStore            *self,
                      MpCase             *work,
                      gint64              key_id,
                      const char * const *items,
                      gint64              now,
                      GError            **error)
{
  const char * const *methods = mp_checklist_get_method_items ();
  const MpAnswer *old;
  const char *derived;
  g_autofree char *note = NULL;
  gboolean touched = FALSE;

  for (guint i = 0; items[i] != NULL; i++)
    {
      if (g_str_equal (items[i], "scope.rules_followed"))
        return TRUE;
      touched |= g_strv_contains (methods, items[i]);
    }
  if (!touched || (derived = mp_derive_rules_followed (work)) == NULL)
    return TRUE;
  old = mp_case_get_answer (work, "scope.rules_followed");
  if (old != NULL && g_strcmp0 (old->value, derived) == 0)
    return TRUE;
  /* The note stays; write_answer() replaces @old. */
  note = old != NULL ? g_strdup (old->note) : NULL;
  return write_answer (self, work, key_id, "scope.rules_followed", derived, note, now, error);
}

gboolean
mp_store_set_answer (MpStore     *self,
                     MpCase      *kase,
                     const char  *item,
                     const char  *value,
                     const char  *note,
                     GError     **error)
{
  const char * const items[] = { item, NULL };
  const char * const values[] = { value, NULL };
  const char * const notes[] = { note, NULL };

  g_return_val_if_fail (item != NULL, FALSE);

  return mp_store_set_answers (self, kase, items, values, notes, error);
}

gboolean
mp_store_set_answers (MpStore            *self,
                      MpCase             *kase,
                      const char * const *items,
                      const char * const *values,
                      const char * const *notes,
                      GError            **error)
{
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0;
  gint64 now = mp_time_now ();

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);
  g_return_val_if_fail (items != NULL && values != NULL, FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_require_not_erased (kase, error))
    return FALSE;
  for (guint i = 0; items[i] != NULL; i++)
    if (!check_answer_text (values[i], notes != NULL ? notes[i] : NULL, error))
      return FALSE;
  /* P-REWARD: an amount above the cap is never offered (issue 16). */
  for (guint i = 0; items[i] != NULL; i++)
    if (values[i] != NULL && g_str_equal (items[i], "reward.amount"))
      {
        g_autoptr(MpPolicy) policy = mp_store_get_policy (self);

        if (!mp_reward_check_amount (policy, values[i], error))
          return FALSE;
      }

  work = _mp_case_clone (kase);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error))
    goto fail;
  for (guint i = 0; items[i] != NULL; i++)
    if (!write_answer (self, work, key_id, items[i], values[i], notes != NULL ? notes[i] : NULL,
                       now, error))
      goto fail;
  if (!write_rules_followed (self, work, key_id, items, now, error) ||
      !_mp_store_write_derived (self, work, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  return FALSE;
}

/* Derives every case again into @works (clones, in model order); inside a
 * write. */
gboolean
_mp_store_rederive_cases (MpStore    *self,
                          GPtrArray  *works,
                          GError    **error)
{
  guint n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);
      MpCase *work = _mp_case_clone (kase);

      g_ptr_array_add (works, work);
      /* A damaged case keeps what it has: nothing is derived from what
       * could not be read. */
      if (mp_store_get_case_damage (self, kase) != NULL)
        continue;
      /* Nor is anything of an erased case: it is closed for good. */
      if (mp_case_is_erased (kase))
        continue;
      if (!_mp_store_write_derived (self, work, error))
        return FALSE;
    }
  return TRUE;
}

/* After the write committed: the cases take their new derived state. */
void
_mp_store_publish_rederived (MpStore   *self,
                             GPtrArray *works)
{
  for (guint i = 0; i < works->len; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);

      _mp_store_finish_case_write (self, kase, g_ptr_array_index (works, i));
    }
}

gboolean
mp_store_refresh_derived (MpStore  *self,
                          GError  **error)
{
  g_autoptr(GPtrArray) works = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);

  if (!_mp_store_require_unlocked (self, error) || !_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_rederive_cases (self, works, error) ||
      !_mp_store_audit_append (self, NULL, "derive.refresh", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    {
      _mp_store_rollback_write (self);
      return FALSE;
    }
  _mp_store_publish_rederived (self, works);
  return TRUE;
}

GHashTable *
mp_store_list_answer_values (MpStore             *self,
                             const char * const  *items,
                             GError             **error)
{
  g_autoptr(GHashTable) table = NULL;
  guint n_cases;

  g_return_val_if_fail (MP_IS_STORE (self), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  if (!_mp_store_require_unlocked (self, error))
    return NULL;
  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_hash_table_unref);
  if (items[0] == NULL)
    return g_steal_pointer (&table);

  /* The answers are sealed: read from the cases (a damaged case gives
   * what could be read of it). */
  n_cases = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (G_LIST_MODEL (self->cases), i);
      gint64 case_id = mp_case_get_id (kase);
      GHashTable *values = NULL;

      for (guint j = 0; items[j] != NULL; j++)
        {
          const char *value = NULL;

          if (g_strv_contains (confidential_answers, items[j]))
            continue;
          /* The desk-wide answers ride in the record: no answers read. */
          if (!_mp_store_case_lookup_value (kase, items[j], &value))
            value = mp_case_get_answer_value (kase, items[j]);
          if (value == NULL)
            continue;
          if (values == NULL)
            {
              values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_hash_table_insert (table, g_memdup2 (&case_id, sizeof case_id), values);
            }
          g_hash_table_insert (values, g_strdup (items[j]), g_strdup (value));
        }
    }
  return g_steal_pointer (&table);
}

/* Re-seals the rows of @work's case under @new_key as an erase leaves
 * them: answers without notes or confidential values, events without
 * bodies, attachments without names or contents; status changes whole. */
static gboolean
reseal_erased_rows (MpStore  *self,
                    MpCase   *work,
                    gint64    old_key,
                    gint64    new_key,
                    GError  **error)
{
  static const char * const tables[] = { "events", "status_history", "attachments" };
  static const GVariantType * const types[] = {
    MP_STORE_EVENT_TYPE, MP_STORE_STATUS_TYPE, MP_STORE_ATTACHMENT_TYPE,
  };
  g_autoptr(GPtrArray) items = mp_case_list_answers (work);
  g_autoptr(sqlite3_stmt) drop = NULL;
  gint64 case_id = mp_case_get_id (work);

  GPtrArray *rows[G_N_ELEMENTS (tables)] = { NULL, };
  GArray *row_ids[G_N_ELEMENTS (tables)] = { NULL, };
  gboolean ok = TRUE;

  /* Everything is read (and checked) before the first row changes. */
  for (guint t = 0; ok && t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE case_id = ? ORDER BY id", tables[t]);
      g_autoptr(sqlite3_stmt) ids = NULL;

      row_ids[t] = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!(rows[t] = _mp_store_read_case_rows (self, work, old_key, tables[t], types[t], error)) ||
          !(ids = _mp_store_prepare (self, sql, error)))
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (ids, 1, case_id);
      while (sqlite3_step (ids) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (ids, 0);

          g_array_append_val (row_ids[t], id);
        }
      ok = row_ids[t]->len == rows[t]->len;
    }

  for (guint t = 0; ok && t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; ok && i < rows[t]->len; i++)
      {
        GVariant *row = g_ptr_array_index (rows[t], i);
        GVariant *kept;

        if (t == 0)
          {
            gint64 at;
            const char *kind, *actor, *summary;

            g_variant_get (row, "(x&s&s&sm&s)", &at, &kind, &actor, &summary, NULL);
            kept = g_variant_new ("(xsssms)", at, kind, actor, summary, NULL);
          }
        else if (t == 2)
          {
            gint64 added_at, size;
            const char *mime_type;

            g_variant_get (row, "(xm&s&sx)", &added_at, NULL, &mime_type, &size);
            kept = g_variant_new ("(xmssx)", added_at, NULL, mime_type, size);
          }
        else
          kept = row;   /* borrowed: the rewrite sinks a floating value only */
        ok = _mp_store_rewrite_sealed_row (self, tables[t], g_array_index (row_ids[t], gint64, i),
                                           new_key, kept, error);
      }
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_clear_pointer (&rows[t], g_ptr_array_unref);
      if (row_ids[t] != NULL)
        g_array_unref (row_ids[t]);
    }
  if (!ok)
    return FALSE;

  /* The answers' confidential values go; the decisions themselves stay. */
  if (!(drop = _mp_store_prepare (self, "DELETE FROM answers WHERE case_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (drop, 1, case_id);
  if (!_mp_store_step_done (self, drop, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      MpAnswer *answer = mp_answer_copy (mp_case_get_answer (work, g_ptr_array_index (items, i)));

      g_clear_pointer (&answer->note, g_free);
      if (g_strv_contains (confidential_answers, answer->item))
        {
          g_free (answer->value);
          answer->value = g_strdup ("");
        }
      _mp_case_put_answer (work, answer);
      if (!_mp_store_put_answer_row (self, case_id, new_key, answer->item,
                                     _mp_store_answer_to_variant (answer), error))
        return FALSE;
    }
  return TRUE;
}

/* Destroys the confidential data of case @case_id in @db without a key:
 * a restore runs it on the copy it puts in place, for every case the
 * desk's erasure ledger names. Nothing sealed can be read there, so
 * everything sealed goes: the wrapped key, the record and every row; the
 * case keeps its id and reference, and loads as erased because the ledger
 * names it. The caller holds a write transaction. */
gboolean
_mp_store_erase_case_rows (sqlite3  *db,
                           gint64    case_id,
                           gint64    erased_at,
                           GError  **error)
{
  static const char * const statements[] = {
    "DELETE FROM answers WHERE case_id = ?1",
    "DELETE FROM events WHERE case_id = ?1",
    "DELETE FROM status_history WHERE case_id = ?1",
    "DELETE FROM attachments WHERE case_id = ?1",
    "DELETE FROM reporter_keys WHERE case_id = ?1",
    /* The wrapped key is destroyed but its row stays, empty: a new case
     * never gets the id of an erased key, which another process may still
     * hold in memory under that id. */
    "UPDATE case_keys SET wrapped = x'' WHERE id = (SELECT key_id FROM cases WHERE id = ?1)",
    "UPDATE cases SET key_id = NULL, record = NULL, mac = NULL, version = version + 1"
    " WHERE id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, statements[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, case_id);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            sqlite3_bind_int64 (stmt, 2, erased_at);
          rc = sqlite3_step (stmt);
          sqlite3_finalize (stmt);
        }
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, db, rc);
          return FALSE;
        }
    }
  return TRUE;
}

/* Erasing destroys the case key and every ciphertext made with it: what
 * stays of the case (its record without the confidential fields, its
 * decisions, timeline and status history) is sealed again under a new key
 * with a new id, and the old key's row is emptied. */
gboolean
mp_store_erase_case (MpStore  *self,
                     MpCase   *kase,
                     GError  **error)
{
  static const char * const statements[] = {
    "UPDATE attachments SET content = NULL WHERE case_id = ?1",
    "DELETE FROM reporter_keys WHERE case_id = ?1",
    /* As in _mp_store_erase_case_rows(): the old key's row stays, empty. */
    "UPDATE case_keys SET wrapped = x'' WHERE id = (SELECT key_id FROM cases WHERE id = ?1)",
    "UPDATE cases SET key_id = ?2 WHERE id = ?1",
  };
  static const char * const confidential_fields[] = {
    "description", "impact", "reproduction", "notes", "reporter_name", "reporter_email",
  };
  g_autoptr(MpCase) work = NULL;
  gint64 key_id = 0, reporter_id = 0, new_key = 0;
  gint64 now = mp_time_now ();
  gboolean rotated = FALSE;

  g_return_val_if_fail (MP_IS_STORE (self), FALSE);
  g_return_val_if_fail (MP_IS_CASE (kase), FALSE);

  if (!_mp_store_require_unlocked (self, error))
    return FALSE;
  if (!mp_case_is_closed (kase))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("Case %s is still open; only a closed case's data can be erased."),
                   mp_case_get_reference (kase));
      return FALSE;
    }
  if (mp_case_is_erased (kase))
    {
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_ERASED,
                   _("The confidential data of case %s was already erased."),
                   mp_case_get_reference (kase));
      return FALSE;
    }
  if (self->batch_depth > 0)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                           _("Erasing cannot be part of a batch of changes."));
      return FALSE;
    }

  work = _mp_case_clone (kase);
  if (!_mp_store_begin_write (self, error))
    return FALSE;
  if (!_mp_store_lookup_case_ids (self, work, &key_id, &reporter_id, error) ||
      !_mp_store_record_erasure (self->db, mp_case_get_reference (work), now, error))
    goto fail;
  if (!(new_key = _mp_store_new_case_key (self, error)) ||
      !reseal_erased_rows (self, work, key_id, new_key, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = _mp_store_prepare (self, statements[i], error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, mp_case_get_id (work));
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_int64 (stmt, 2, new_key);
      if (!_mp_store_step_done (self, stmt, error))
        goto fail;
    }

  for (guint i = 0; i < G_N_ELEMENTS (confidential_fields); i++)
    mp_case_set_text (work, confidential_fields[i], NULL);
  mp_case_set_time (work, "erased_at", now);

  /* A new master key, so that key material taken from the desk or the
   * keyring from now on opens nothing in a copy made before the erase. */
  if (!_mp_store_write_derived (self, work, error) ||
      !_mp_store_rotate_master_key (self, NULL, &rotated, error) ||
      !_mp_store_audit_append (self, mp_case_get_reference (work), "case.erase", NULL, NULL, NULL, error) ||
      !_mp_store_commit_write (self, error))
    goto fail;
  if (rotated)
    _mp_store_finish_rotation (self, TRUE);

  mp_vault_forget_case_key (self->vault, key_id);
  /* Copy the zeroed pages into the file and empty the WAL, so that no
   * earlier version of a page survives there. A reader in another process
   * can hold the log: then it is done at a later write or when closing. */
  _mp_store_finish_erase (self);

  _mp_store_finish_case_write (self, kase, work);
  return TRUE;

fail:
  _mp_store_rollback_write (self);
  if (rotated)
    _mp_store_finish_rotation (self, FALSE);
  if (new_key != 0)
    mp_vault_forget_case_key (self->vault, new_key);
  return FALSE;
}
