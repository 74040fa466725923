/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* Sealing by default (issue 18). A case keeps in clear only its id, its
 * reference (with year and sequence) and its key id; everything else is
 * sealed with the case's key:
 *
 * - the case record (cases.record): every field of the case and its
 *   reporter, and its derived state (status, next deadline, the deadlines
 *   with their due and met moments), as one GVariant a{sv};
 * - each answer, event, status change and attachment's name, type, size and
 *   moment: one sealed blob per row (the rows' `sealed` column), beside
 *   the row's id, case id and version (answers also a keyed tag of their
 *   item, so that a write finds the row of an item without naming it).
 *
 * Every sealed blob binds table, column, row id, key id and the row's
 * version, which grows with every write of the row: an older ciphertext put
 * back is refused. A keyed MAC per case (cases.mac) covers the record's
 * version and the (table, id, version) list of every row of the case: a
 * row deleted, added, NULLed or replayed with its older version makes the
 * MAC fail. A case whose record or rows fail is damaged: it is listed by
 * its reference, read-only, and the rest of the desk works. */

#define DEADLINES_KEY "mp-store-deadlines"
#define DAMAGE_KEY    "mp-store-damage"
#define VALUES_KEY    "mp-store-values"

/* The answers the desk-wide views add up over every case (the overview,
 * the reward ledger): their values ride in the case's record, so that
 * these views need not read the answers of every case. */
static const char * const summary_items[] = {
  "ack.sent_on", "assess.sent_on", "reward.sent_on", "reward.declined", "reward.amount", NULL
};

/* The tables of a case's rows, in the order the MAC covers them. */
static const char * const child_tables[] = { "answers", "events", "status_history", "attachments" };

/* ---- reading the encoded record ------------------------------------------ */

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         at;
  gboolean      bad;
} Reader;

static const guint8 *
take (Reader *r,
      gsize   n)
{
  const guint8 *p;

  if (r->bad || n > r->length - r->at)
    {
      r->bad = TRUE;
      return NULL;
    }
  p = r->data + r->at;
  r->at += n;
  return p;
}

static guint32
get_u32 (Reader *r)
{
  const guint8 *p = take (r, 4);
  guint32 le;

  if (p == NULL)
    return 0;
  memcpy (&le, p, 4);
  return GUINT32_FROM_LE (le);
}

static gint64
get_i64 (Reader *r)
{
  const guint8 *p = take (r, 8);
  guint64 le;

  if (p == NULL)
    return 0;
  memcpy (&le, p, 8);
  return (gint64) GUINT64_FROM_LE (le);
}

/* A short string (u8 length) into @buf (256 bytes), NUL-terminated. */
static const char *
get_short (Reader *r,
           char    buf[256])
{
  const guint8 *n = take (r, 1);
  const guint8 *p = n != NULL ? take (r, *n) : NULL;

  if (p == NULL)
    return NULL;
  memcpy (buf, p, *n);
  buf[*n] = '\0';
  return buf;
}

/* ---- per-case state kept on the case object ------------------------------ */

/* The deadlines of a case as its record holds them, made into MpDeadline
 * objects only when first asked for: unlock makes none (100,000 cases have
 * some 400,000 deadlines, most never looked at). */
typedef struct
{
  GBytes    *encoded;   /* the record's deadline list, see below */
  GPtrArray *objects;   /* made from it on first use */
} Deadlines;

static void
deadlines_free (gpointer data)
{
  Deadlines *deadlines = data;

  g_clear_pointer (&deadlines->encoded, g_bytes_unref);
  g_clear_pointer (&deadlines->objects, g_ptr_array_unref);
  g_free (deadlines);
}

static gboolean decode_deadlines (const guint8 *data, gsize length, const char *reference,
                                  GPtrArray *out);

GPtrArray *
_mp_store_case_get_deadlines (MpCase *kase)
{
  Deadlines *deadlines = g_object_get_data (G_OBJECT (kase), DEADLINES_KEY);

  if (deadlines == NULL)
    return NULL;
  if (deadlines->objects == NULL)
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (deadlines->encoded, &length);

      deadlines->objects = g_ptr_array_new_with_free_func (g_object_unref);
      decode_deadlines (data, length, mp_case_get_reference (kase), deadlines->objects);
    }
  return deadlines->objects;
}

/* Calls @fn for each deadline of @kase without making objects of them:
 * what counting every case's deadlines needs. */
void
_mp_store_case_foreach_deadline (MpCase               *kase,
                                 MpStoreDeadlineFunc   fn,
                                 gpointer              data)
{
  Deadlines *deadlines = g_object_get_data (G_OBJECT (kase), DEADLINES_KEY);

  if (deadlines == NULL)
    return;
  if (deadlines->objects != NULL)
    {
      for (guint i = 0; i < deadlines->objects->len; i++)
        {
          MpDeadline *deadline = g_ptr_array_index (deadlines->objects, i);

          fn (mp_deadline_get_kind (deadline), mp_deadline_get_due_at (deadline),
              mp_deadline_get_met_at (deadline), data);
        }
      return;
    }
  {
    gsize length = 0;
    const guint8 *bytes = g_bytes_get_data (deadlines->encoded, &length);
    Reader r = { bytes, length, 0, FALSE };

    while (!r.bad && r.at < r.length)
      {
        char kind[256];
        gint64 due_at, met_at;

        if (get_short (&r, kind) == NULL)
          break;
        due_at = get_i64 (&r);
        met_at = get_i64 (&r);
        if (!r.bad)
          fn (kind, due_at, met_at, data);
      }
  }
}

void
_mp_store_case_set_deadlines (MpCase    *kase,
                              GPtrArray *objects)
{
  Deadlines *deadlines = NULL;

  if (objects != NULL)
    {
      deadlines = g_new0 (Deadlines, 1);
      deadlines->objects = g_ptr_array_ref (objects);
    }
  g_object_set_data_full (G_OBJECT (kase), DEADLINES_KEY, deadlines, deadlines_free);
}

static void
set_encoded_deadlines (MpCase       *kase,
                       const guint8 *data,
                       gsize         length)
{
  Deadlines *deadlines = g_new0 (Deadlines, 1);

  deadlines->encoded = g_bytes_new (data, length);
  g_object_set_data_full (G_OBJECT (kase), DEADLINES_KEY, deadlines, deadlines_free);
}

/* The values of summary_items[] @kase's answers hold: a NULL-terminated
 * list of item, value, item, value … (g_strfreev()), or NULL. */
static char **
case_values (MpCase *kase)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; summary_items[i] != NULL; i++)
    {
      const char *value = mp_case_get_answer_value (kase, summary_items[i]);

      if (value != NULL)
        {
          g_ptr_array_add (values, g_strdup (summary_items[i]));
          g_ptr_array_add (values, g_strdup (value));
        }
    }
  if (values->len == 0)
    {
      g_ptr_array_unref (values);
      return NULL;
    }
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

/* The value of @item among the desk-wide answers, if it is one of them:
 * TRUE and @value (NULL: not answered); FALSE when @item is not kept so. */
gboolean
_mp_store_case_lookup_value (MpCase      *kase,
                             const char  *item,
                             const char **value)
{
  char **values;

  if (!g_strv_contains (summary_items, item))
    return FALSE;
  values = g_object_get_data (G_OBJECT (kase), VALUES_KEY);
  *value = NULL;
  for (guint i = 0; values != NULL && values[i] != NULL && values[i + 1] != NULL; i += 2)
    if (g_str_equal (values[i], item))
      *value = values[i + 1];
  return TRUE;
}

/* After a write: @kase takes what @work's record holds beside its fields. */
void
_mp_store_case_take_state (MpCase *kase,
                           MpCase *work)
{
  g_object_set_data_full (G_OBJECT (kase), DEADLINES_KEY,
                          g_object_steal_data (G_OBJECT (work), DEADLINES_KEY), deadlines_free);
  g_object_set_data_full (G_OBJECT (kase), VALUES_KEY,
                          g_object_steal_data (G_OBJECT (work), VALUES_KEY),
                          (GDestroyNotify) g_strfreev);
}

void
_mp_store_mark_damaged (MpCase     *kase,
                        const char *detail)
{
  g_autofree char *message = NULL;

  if (g_object_get_data (G_OBJECT (kase), DAMAGE_KEY) != NULL)
    return;
  message = g_strdup_printf (_("Case %s is damaged: its stored records failed their integrity "
                               "check (%s); they were changed outside Meldpunt. The case cannot "
                               "be changed; restore a backup to repair it."),
                             mp_case_get_reference (kase) != NULL ? mp_case_get_reference (kase) : "?",
                             detail);
  g_object_set_data_full (G_OBJECT (kase), DAMAGE_KEY, g_steal_pointer (&message), g_free);
}

const char *
mp_store_get_case_damage (MpStore *self,
                          MpCase  *kase)
{
  g_return_val_if_fail (self == NULL || MP_IS_STORE (self), NULL);
  g_return_val_if_fail (MP_IS_CASE (kase), NULL);

  return g_object_get_data (G_OBJECT (kase), DAMAGE_KEY);
}

gboolean
_mp_store_require_not_damaged (MpStore  *self,
                               MpCase   *kase,
                               GError  **error)
{
  MpCase *stored = NULL;
  const char *damage;

  if (mp_case_get_reference (kase) != NULL)
    stored = g_hash_table_lookup (self->by_reference, mp_case_get_reference (kase));
  damage = g_object_get_data (G_OBJECT (kase), DAMAGE_KEY);
  if (damage == NULL && stored != NULL)
    damage = g_object_get_data (G_OBJECT (stored), DAMAGE_KEY);
  if (damage == NULL)
    return TRUE;
  g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED, damage);
  return FALSE;
}

/* ---- the case record ------------------------------------------------------ */

/* A record is read for every case at every unlock, so its form is plain
 * and quick to read (GVariant's checks took three times the whole unlock):
 *
 *   "MPR1", then entries until the end, each
 *   u8 name length, name, u8 kind, then by kind:
 *     't' text:    u32 length, bytes
 *     'b' boolean: u8
 *     'x' time:    i64
 *     'd' the deadlines: u32 length, then that many bytes of
 *                  (u8 length, kind, i64 due, i64 met) …
 *     'v' the desk-wide answer values: u32 length, then that many bytes of
 *                  (u8 length, item, u32 length, value) …
 *
 * integers little-endian. A field the record does not hold is empty. The
 * record is authenticated (AEAD) before it is read; the reader still
 * checks every length. */

#define RECORD_MAGIC "MPR1"

static void
put_u32 (GByteArray *out,
         guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
put_i64 (GByteArray *out,
         gint64      value)
{
  guint64 le = GUINT64_TO_LE ((guint64) value);

  g_byte_array_append (out, (const guint8 *) &le, sizeof le);
}

static void
put_short (GByteArray *out,
           const char *text)
{
  gsize length = MIN (strlen (text), 255);
  guint8 n = (guint8) length;

  g_byte_array_append (out, &n, 1);
  g_byte_array_append (out, (const guint8 *) text, length);
}

static void
put_entry (GByteArray *out,
           const char *name,
           char        kind)
{
  put_short (out, name);
  g_byte_array_append (out, (const guint8 *) &kind, 1);
}

static gboolean
decode_deadlines (const guint8 *data,
                  gsize         length,
                  const char   *reference,
                  GPtrArray    *out)
{
  Reader r = { data, length, 0, FALSE };

  while (!r.bad && r.at < r.length)
    {
      char kind[256];
      gint64 due_at, met_at;

      if (get_short (&r, kind) == NULL)
        break;
      due_at = get_i64 (&r);
      met_at = get_i64 (&r);
      if (!r.bad)
        g_ptr_array_add (out, mp_deadline_new (reference, kind, due_at, met_at));
    }
  return !r.bad;
}

GBytes *
_mp_store_case_record_serialise (MpCase    *kase,
                                 GPtrArray *deadlines)
{
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) list = g_byte_array_new ();
  g_auto(GStrv) values = case_values (kase);
  const MpCaseField *fields;
  guint n_fields;

  g_byte_array_append (out, (const guint8 *) RECORD_MAGIC, 4);
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *name = fields[i].name;

      if (g_str_equal (name, "reference"))
        continue;
      switch (fields[i].kind)
        {
        case MP_FIELD_TEXT:
          {
            const char *text = mp_case_get_text (kase, name);

            if (text != NULL)
              {
                put_entry (out, name, 't');
                put_u32 (out, (guint32) strlen (text));
                g_byte_array_append (out, (const guint8 *) text, strlen (text));
              }
          }
          break;
        case MP_FIELD_BOOLEAN:
          {
            guint8 value = mp_case_get_boolean (kase, name) ? 1 : 0;

            put_entry (out, name, 'b');
            g_byte_array_append (out, &value, 1);
          }
          break;
        case MP_FIELD_TIME:
          if (mp_case_get_time (kase, name) != 0)
            {
              put_entry (out, name, 'x');
              put_i64 (out, mp_case_get_time (kase, name));
            }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (guint i = 0; deadlines != NULL && i < deadlines->len; i++)
    {
      MpDeadline *deadline = g_ptr_array_index (deadlines, i);

      put_short (list, mp_deadline_get_kind (deadline));
      put_i64 (list, mp_deadline_get_due_at (deadline));
      put_i64 (list, mp_deadline_get_met_at (deadline));
    }
  put_entry (out, "deadlines", 'd');
  put_u32 (out, list->len);
  g_byte_array_append (out, list->data, list->len);

  g_byte_array_set_size (list, 0);
  for (guint i = 0; values != NULL && values[i] != NULL && values[i + 1] != NULL; i += 2)
    {
      put_short (list, values[i]);
      put_u32 (list, (guint32) strlen (values[i + 1]));
      g_byte_array_append (list, (const guint8 *) values[i + 1], strlen (values[i + 1]));
    }
  put_entry (out, "values", 'v');
  put_u32 (out, list->len);
  g_byte_array_append (out, list->data, list->len);

  return g_byte_array_free_to_bytes (out);
}

/* Sets the fields of @kase from a record (text fields it does not hold are
 * left empty); its deadlines and desk-wide values go on @kase too. */
gboolean
_mp_store_case_record_apply (MpCase  *kase,
                             GBytes  *plain)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (plain, &length);
  Reader r = { data, length, 0, FALSE };
  const guint8 *magic = take (&r, 4);
  const MpCaseField *fields;
  guint n_fields;

  if (magic == NULL || memcmp (magic, RECORD_MAGIC, 4) != 0)
    return FALSE;
  fields = mp_case_get_fields (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].kind == MP_FIELD_TEXT && !g_str_equal (fields[i].name, "reference"))
      mp_case_set_text (kase, fields[i].name, NULL);

  while (!r.bad && r.at < r.length)
    {
      char name[256];
      const guint8 *kind;

      if (get_short (&r, name) == NULL || (kind = take (&r, 1)) == NULL)
        break;
      switch (*kind)
        {
        case 't':
          {
            guint32 n = get_u32 (&r);
            const guint8 *p = take (&r, n);

            if (p != NULL && !g_str_equal (name, "reference"))
              {
                g_autofree char *text = g_strndup ((const char *) p, n);

                mp_case_set_text (kase, name, text);
              }
          }
          break;
        case 'b':
          {
            const guint8 *p = take (&r, 1);

            if (p != NULL)
              mp_case_set_boolean (kase, name, *p != 0);
          }
          break;
        case 'x':
          {
            gint64 value = get_i64 (&r);

            if (!r.bad)
              mp_case_set_time (kase, name, value);
          }
          break;
        case 'd':
          {
            guint32 n = get_u32 (&r);
            const guint8 *p = take (&r, n);

            if (p != NULL)
              set_encoded_deadlines (kase, p, n);
          }
          break;
        case 'v':
          {
            guint32 n = get_u32 (&r);
            const guint8 *p = take (&r, n);
            Reader v = { p, n, 0, p == NULL };
            GPtrArray *values = g_ptr_array_new ();

            while (!v.bad && v.at < v.length)
              {
                char item[256];
                guint32 m;
                const guint8 *q;

                if (get_short (&v, item) == NULL)
                  break;
                m = get_u32 (&v);
                if ((q = take (&v, m)) == NULL)
                  break;
                g_ptr_array_add (values, g_strdup (item));
                g_ptr_array_add (values, g_strndup ((const char *) q, m));
              }
            r.bad |= v.bad;
            if (values->len > 0)
              {
                g_ptr_array_add (values, NULL);
                g_object_set_data_full (G_OBJECT (kase), VALUES_KEY, g_ptr_array_free (values, FALSE),
                                        (GDestroyNotify) g_strfreev);
              }
            else
              {
                g_object_set_data (G_OBJECT (kase), VALUES_KEY, NULL);
                g_ptr_array_free (values, TRUE);
              }
          }
          break;
        default:
          r.bad = TRUE;
          break;
        }
    }
  return !r.bad;
}

/* Opens a case's record (key @key_id, loaded from @wrapped if needed) onto
 * @kase. Safe in the threads of unlock. */
gboolean
_mp_store_open_case_record (MpStore       *self,
                            MpCase        *kase,
                            gint64         key_id,
                            const guint8  *wrapped,
                            gsize          wrapped_len,
                            gint64         version,
                            const guint8  *sealed,
                            gsize          sealed_len,
                            GError       **error)
{
  g_autoptr(GBytes) plain = NULL;

  plain = mp_vault_open_row (self->vault, key_id, wrapped, wrapped_len, "cases", "record",
                             mp_case_get_id (kase), version, sealed, sealed_len, error);
  if (plain == NULL)
    return FALSE;
  if (!_mp_store_case_record_apply (kase, plain))
    {
      g_set_error_literal (error, MP_VAULT_ERROR, MP_VAULT_ERROR_TAMPERED,
                           _("The case's record is not in a form Meldpunt knows."));
      return FALSE;
    }
  return TRUE;
}

/* ---- the MAC over a case's record set ------------------------------------ */

static gboolean
case_set_mac (MpStore  *self,
              gint64    case_id,
              gint64    key_id,
              guint8    mac[MP_VAULT_MAC_BYTES],
              GError  **error)
{
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) record = NULL;
  int rc;

  if (!(record = _mp_store_prepare (self, "SELECT version FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (record, 1, case_id);
  if (sqlite3_step (record) != SQLITE_ROW)
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_FOUND,
                           _("The case is not in the database."));
      return FALSE;
    }
  g_string_printf (set, "meldpunt|case-set|v1|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                   case_id, key_id, (gint64) sqlite3_column_int64 (record, 0));

  for (guint t = 0; t < G_N_ELEMENTS (child_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id, version FROM %s WHERE case_id = ? ORDER BY id",
                                              child_tables[t]);
      g_autoptr(sqlite3_stmt) rows = _mp_store_prepare (self, sql, error);

      if (rows == NULL)
        return FALSE;
      sqlite3_bind_int64 (rows, 1, case_id);
      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        g_string_append_printf (set, "|%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, child_tables[t],
                                (gint64) sqlite3_column_int64 (rows, 0),
                                (gint64) sqlite3_column_int64 (rows, 1));
      if (rc != SQLITE_DONE)
        {
          _mp_store_set_sqlite_error (error, self->db, rc);
          return FALSE;
        }
    }
  return mp_vault_case_mac (self->vault, key_id, set->str, set->len, mac, error);
}

/* Writes the MAC of case @case_id's record set; inside the write that
 * changed it, after its last row. */
gboolean
_mp_store_seal_case_set (MpStore  *self,
                         gint64    case_id,
                         gint64    key_id,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];

  if (!case_set_mac (self, case_id, key_id, mac, error) ||
      !(update = _mp_store_prepare (self, "UPDATE cases SET mac = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_blob (update, 1, mac, sizeof mac, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, case_id);
  return _mp_store_step_done (self, update, error);
}

/* Checks the MAC of @kase's record set; a mismatch marks it damaged. */
gboolean
_mp_store_check_case_set (MpStore  *self,
                          MpCase   *kase,
                          gint64    key_id,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint8 mac[MP_VAULT_MAC_BYTES];
  gboolean ok;

  if (!case_set_mac (self, mp_case_get_id (kase), key_id, mac, error) ||
      !(stmt = _mp_store_prepare (self, "SELECT mac FROM cases WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mp_case_get_id (kase));
  ok = sqlite3_step (stmt) == SQLITE_ROW &&
       sqlite3_column_bytes (stmt, 0) == MP_VAULT_MAC_BYTES &&
       sodium_memcmp (sqlite3_column_blob (stmt, 0), mac, MP_VAULT_MAC_BYTES) == 0;
  if (!ok)
    {
      _mp_store_mark_damaged (kase, _("a record was removed, added or put back"));
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_DAMAGED,
                           g_object_get_data (G_OBJECT (kase), DAMAGE_KEY));
    }
  return ok;
}

/* ---- writing sealed rows -------------------------------------------------- */

/* Writes the record of @work (its fields and @deadlines) with the next
 * version, then the case's MAC; inside a write, after the case's rows. */
gboolean
_mp_store_write_case_record (MpStore    *self,
                             MpCase     *work,
                             gint64      key_id,
                             GPtrArray  *deadlines,
                             GError    **error)
{
  g_autoptr(sqlite3_stmt) bump = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) sealed = NULL;
  gint64 id = mp_case_get_id (work);
  gint64 version;

  if (!(bump = _mp_store_prepare (self, "UPDATE cases SET version = version + 1 WHERE id = ?"
                                        " RETURNING version", error)))
    return FALSE;
  sqlite3_bind_int64 (bump, 1, id);
  if (sqlite3_step (bump) != SQLITE_ROW)
    {
      _mp_store_set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
      return FALSE;
    }
  version = sqlite3_column_int64 (bump, 0);
  g_clear_pointer (&bump, _mp_store_release_stmt);

  plain = _mp_store_case_record_serialise (work, deadlines);
  sealed = mp_vault_seal_row (self->vault, key_id, "cases", "record", id, version,
                              g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), error);
  if (sealed == NULL ||
      !(update = _mp_store_prepare (self, "UPDATE cases SET record = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_blob (update, 1, g_bytes_get_data (sealed, NULL), (int) g_bytes_get_size (sealed),
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, id);
  if (!_mp_store_step_done (self, update, error))
    return FALSE;
  _mp_store_case_set_deadlines (work, deadlines);
  g_object_set_data_full (G_OBJECT (work), VALUES_KEY, case_values (work), (GDestroyNotify) g_strfreev);
  return _mp_store_seal_case_set (self, id, key_id, error);
}
