/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "mp-error.h"
#include "mp-store-private.h"

/* migrations[n] brings a database from version n to n + 1. Never edit one
 * that has shipped; append a new one. */
static const char * const migrations[] = {
  /* 0 -> 1: the first schema */
  "CREATE TABLE desk ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  organisation TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  kdf_opslimit INTEGER NOT NULL,"
  "  kdf_memlimit INTEGER NOT NULL,"
  "  kdf_alg INTEGER NOT NULL,"
  "  kdf_salt BLOB NOT NULL,"
  "  master_sealed BLOB NOT NULL);"
  "CREATE TABLE settings ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE case_keys ("
  "  id INTEGER PRIMARY KEY,"
  "  wrapped BLOB NOT NULL);"
  "CREATE TABLE cases ("
  "  id INTEGER PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  year INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  key_id INTEGER REFERENCES case_keys (id) ON DELETE SET NULL,"
  "  status TEXT NOT NULL,"
  "  outcome TEXT,"
  "  title TEXT NOT NULL,"
  "  received_at INTEGER NOT NULL,"
  "  channel TEXT NOT NULL,"
  "  asset TEXT,"
  "  report_encrypted INTEGER NOT NULL DEFAULT 0,"
  "  description BLOB,"
  "  impact BLOB,"
  "  reproduction BLOB,"
  "  notes BLOB,"
  "  severity TEXT,"
  "  next_due INTEGER,"
  "  next_due_kind TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  closed_at INTEGER,"
  "  erased_at INTEGER,"
  "  UNIQUE (year, seq));"
  "CREATE TABLE reporters ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL UNIQUE REFERENCES cases (id) ON DELETE CASCADE,"
  "  name BLOB,"
  "  email BLOB,"
  "  language TEXT NOT NULL DEFAULT 'nl',"
  "  anonymous INTEGER NOT NULL DEFAULT 0,"
  "  wants_credit INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE answers ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  item TEXT NOT NULL,"
  "  value TEXT,"
  "  value_sealed BLOB,"
  "  note BLOB,"
  "  actor TEXT NOT NULL,"
  "  answered_at INTEGER NOT NULL,"
  "  UNIQUE (case_id, item));"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  body BLOB);"
  "CREATE INDEX events_by_case ON events (case_id, at);"
  "CREATE TABLE status_history ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  status TEXT NOT NULL,"
  "  outcome TEXT,"
  "  actor TEXT NOT NULL);"
  "CREATE INDEX status_history_by_case ON status_history (case_id, at);"
  "CREATE TABLE attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  added_at INTEGER NOT NULL,"
  "  name BLOB,"
  "  mime_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  content BLOB);"
  "CREATE INDEX attachments_by_case ON attachments (case_id);"
  "CREATE TABLE deadlines ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  due_at INTEGER NOT NULL,"
  "  met_at INTEGER,"
  "  UNIQUE (case_id, kind));"
  "CREATE INDEX deadlines_by_due ON deadlines (due_at);"
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  case_ref TEXT,"
  "  action TEXT NOT NULL,"
  "  field TEXT,"
  "  old_fp TEXT,"
  "  new_fp TEXT,"
  "  mac BLOB NOT NULL);",
  /* 1 -> 2: the desk's OpenPGP key (issue 21). The secret key is sealed
   * with a key of its own in case_keys; fingerprint, expiry and the public
   * key are not secret and readable while locked. */
  "CREATE TABLE desk_key ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  key_id INTEGER NOT NULL REFERENCES case_keys (id),"
  "  fingerprint TEXT NOT NULL,"
  "  expires_at INTEGER,"
  "  public_key TEXT NOT NULL,"
  "  secret_key BLOB NOT NULL,"
  "  passphrase BLOB,"
  "  updated_at INTEGER NOT NULL);"
  /* the reporter's public key, sealed with the case's key */
  "CREATE TABLE reporter_keys ("
  "  case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,"
  "  public_key BLOB NOT NULL,"
  "  added_at INTEGER NOT NULL);",
  /* 2 -> 3: what the desk published and until when (issue 24): the
   * security.txt of each domain, whose renewal is a deadline on the
   * calendar a month before it expires. Not secret: the files are public. */
  "CREATE TABLE publications ("
  "  id INTEGER PRIMARY KEY,"
  "  document TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  published_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  renew_at INTEGER NOT NULL,"
  "  signed INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (document, subject));",
  /* 3 -> 4: the desk's mailbox (issue 22). The Message-IDs of messages a
   * case holds or sent, as a keyed digest (an ID names hosts and people),
   * so that a reply finds its case and a message is imported once; and the
   * mailbox password, sealed under a key of its own. */
  "CREATE TABLE messages ("
  "  digest BLOB PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  added_at INTEGER NOT NULL);"
  "CREATE TABLE mailbox_secret ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  key_id INTEGER NOT NULL REFERENCES case_keys (id),"
  "  password BLOB NOT NULL,"
  "  updated_at INTEGER NOT NULL);",
  /* 4 -> 5: erasure that reaches the copies (issue 18). The ledger of
   * erases, carried into every later backup and re-applied by a restore;
   * the backups Meldpunt made, to name those that still hold erased data;
   * the desk's key generation, which every write checks so that a process
   * still holding a rotated master key writes nothing under it; and what
   * lets the master key rotate at an erase without the passphrase.
   * The cases erased before this version go into the ledger. */
  "CREATE TABLE erasures ("
  "  id INTEGER PRIMARY KEY,"
  "  reference TEXT NOT NULL UNIQUE,"
  "  erased_at INTEGER NOT NULL);"
  "INSERT INTO erasures (reference, erased_at)"
  "  SELECT reference, erased_at FROM cases WHERE erased_at IS NOT NULL ORDER BY erased_at, id;"
  /* last_erasure: the ledger's last id when the backup was made; a later
   * entry is an erase the backup still holds the data of. */
  "CREATE TABLE backups ("
  "  id INTEGER PRIMARY KEY,"
  "  path TEXT NOT NULL UNIQUE,"
  "  made_at INTEGER NOT NULL,"
  "  last_erasure INTEGER NOT NULL DEFAULT 0);"
  "ALTER TABLE desk ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 0;"
  /* The master key sealed to the desk's box key (whose secret half the
   * passphrase wraps in master_sealed), the box key's public half, and the
   * audit key sealed under the master key: NULL until the desk is unlocked
   * with its passphrase by this version. */
  "ALTER TABLE desk ADD COLUMN master_box BLOB;"
  "ALTER TABLE desk ADD COLUMN box_public BLOB;"
  "ALTER TABLE desk ADD COLUMN audit_sealed BLOB;",
  /* 5 -> 6: everything about a case sealed (issue 18). A case keeps in
   * clear only its id, reference (year, seq) and key id; its fields, its
   * reporter and its derived state (status, deadlines) become one sealed
   * record, and every answer, event, status change and attachment one
   * sealed blob beside (id, case_id, version). Sealing needs the key, so
   * this migration only moves what was in clear into a plain JSON form
   * (version 0) that the first unlock seals, in one transaction, and then
   * wipes (see mp-store-seal-legacy.c); the setting seal.pending tells it
   * that there is something to seal. Sealed cells of the old shape are carried
   * as hex and opened with their old associated data. */
  "INSERT INTO settings (key, value) SELECT 'seal.pending', '1'"
  "  WHERE EXISTS (SELECT 1 FROM cases);"
  "ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE cases ADD COLUMN record BLOB;"
  "ALTER TABLE cases ADD COLUMN mac BLOB;"
  "UPDATE cases SET record = (SELECT json_object("
  "  'status', c.status, 'outcome', c.outcome, 'title', c.title,"
  "  'received_at', c.received_at, 'channel', c.channel, 'asset', c.asset,"
  "  'report_encrypted', c.report_encrypted, 'description', hex (c.description),"
  "  'impact', hex (c.impact), 'reproduction', hex (c.reproduction), 'notes', hex (c.notes),"
  "  'severity', c.severity, 'next_due', c.next_due, 'next_due_kind', c.next_due_kind,"
  "  'created_at', c.created_at, 'updated_at', c.updated_at, 'closed_at', c.closed_at,"
  "  'erased_at', c.erased_at, 'reporter_id', r.id, 'reporter_name', hex (r.name),"
  "  'reporter_email', hex (r.email), 'reporter_language', r.language,"
  "  'reporter_anonymous', r.anonymous, 'reporter_wants_credit', r.wants_credit,"
  "  'deadlines', json ((SELECT json_group_array (json_array (d.kind, d.due_at, d.met_at))"
  "                      FROM deadlines d WHERE d.case_id = c.id)))"
  "  FROM cases c LEFT JOIN reporters r ON r.case_id = c.id WHERE c.id = cases.id);"
  "DROP TABLE deadlines;"
  "DROP TABLE reporters;"
  "ALTER TABLE cases DROP COLUMN status;"
  "ALTER TABLE cases DROP COLUMN outcome;"
  "ALTER TABLE cases DROP COLUMN title;"
  "ALTER TABLE cases DROP COLUMN received_at;"
  "ALTER TABLE cases DROP COLUMN channel;"
  "ALTER TABLE cases DROP COLUMN asset;"
  "ALTER TABLE cases DROP COLUMN report_encrypted;"
  "ALTER TABLE cases DROP COLUMN description;"
  "ALTER TABLE cases DROP COLUMN impact;"
  "ALTER TABLE cases DROP COLUMN reproduction;"
  "ALTER TABLE cases DROP COLUMN notes;"
  "ALTER TABLE cases DROP COLUMN severity;"
  "ALTER TABLE cases DROP COLUMN next_due;"
  "ALTER TABLE cases DROP COLUMN next_due_kind;"
  "ALTER TABLE cases DROP COLUMN created_at;"
  "ALTER TABLE cases DROP COLUMN updated_at;"
  "ALTER TABLE cases DROP COLUMN closed_at;"
  "ALTER TABLE cases DROP COLUMN erased_at;"
  "CREATE TABLE sealed_answers ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  tag BLOB,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  sealed BLOB,"
  "  UNIQUE (case_id, tag));"
  "INSERT INTO sealed_answers (id, case_id, tag, version, sealed)"
  "  SELECT id, case_id, NULL, 0, json_object ('item', item, 'value', value,"
  "    'value_sealed', hex (value_sealed), 'note', hex (note), 'actor', actor,"
  "    'answered_at', answered_at) FROM answers;"
  "DROP TABLE answers;"
  "ALTER TABLE sealed_answers RENAME TO answers;"
  "CREATE TABLE sealed_events ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  sealed BLOB);"
  "INSERT INTO sealed_events (id, case_id, version, sealed)"
  "  SELECT id, case_id, 0, json_object ('at', at, 'kind', kind, 'actor', actor,"
  "    'summary', summary, 'body', hex (body)) FROM events;"
  "DROP TABLE events;"
  "ALTER TABLE sealed_events RENAME TO events;"
  "CREATE INDEX events_by_case ON events (case_id);"
  "CREATE TABLE sealed_status_history ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  sealed BLOB);"
  "INSERT INTO sealed_status_history (id, case_id, version, sealed)"
  "  SELECT id, case_id, 0, json_object ('at', at, 'status', status, 'outcome', outcome,"
  "    'actor', actor) FROM status_history;"
  "DROP TABLE status_history;"
  "ALTER TABLE sealed_status_history RENAME TO status_history;"
  "CREATE INDEX status_history_by_case ON status_history (case_id);"
  "CREATE TABLE sealed_attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  version INTEGER NOT NULL DEFAULT 0,"
  "  sealed BLOB,"
  "  content BLOB);"
  "INSERT INTO sealed_attachments (id, case_id, version, sealed, content)"
  "  SELECT id, case_id, 0, json_object ('added_at', added_at, 'name', hex (name),"
  "    'mime_type', mime_type, 'size', size), content FROM attachments;"
  "DROP TABLE attachments;"
  "ALTER TABLE sealed_attachments RENAME TO attachments;"
  "CREATE INDEX attachments_by_case ON attachments (case_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MP_STORE_SCHEMA_VERSION);

gboolean
_mp_store_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

/* Test-only: migrations appended after the real ones, so that a test can
 * crash a migration of its own (tests/core/test-store-migrate.c). Never set
 * by the application. */
static const char * const *test_migrations;
static int n_test_migrations;

void
_mp_store_set_test_migrations (const char * const *extra,
                               int                 n_extra)
{
  g_return_if_fail (n_extra >= 0 && (n_extra == 0 || extra != NULL));

  test_migrations = extra;
  n_test_migrations = n_extra;
}

int
_mp_store_schema_version (void)
{
  return MP_STORE_SCHEMA_VERSION + n_test_migrations;
}

gboolean
_mp_store_migrate_with (sqlite3             *db,
                        const char * const  *steps,
                        int                  n_steps,
                        int                  from_version,
                        GError             **error)
{
  g_return_val_if_fail (from_version >= 0 && from_version <= n_steps, FALSE);

  for (int version = from_version; version < n_steps; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", version + 1);

      /* Schema and user_version change together or not at all. */
      if (!_mp_store_exec (db, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!_mp_store_exec (db, steps[version], error) ||
          !_mp_store_exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
      if (!_mp_store_exec (db, "COMMIT;", error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_mp_store_migrate (sqlite3     *db,
                   int          from_version,
                   GError     **error)
{
  g_autofree const char **steps = NULL;
  int n_steps = _mp_store_schema_version ();

  if (n_test_migrations == 0)
    return _mp_store_migrate_with (db, migrations, MP_STORE_SCHEMA_VERSION, from_version, error);

  steps = g_new0 (const char *, n_steps);
  for (int i = 0; i < MP_STORE_SCHEMA_VERSION; i++)
    steps[i] = migrations[i];
  for (int i = 0; i < n_test_migrations; i++)
    steps[MP_STORE_SCHEMA_VERSION + i] = test_migrations[i];
  return _mp_store_migrate_with (db, steps, n_steps, from_version, error);
}

void
_mp_store_set_sqlite_error (GError  **error,
                            sqlite3  *db,
                            int       rc)
{
  int primary = rc & 0xff;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* A write that failed for lack of space is "full", whatever SQLite calls it. */
  if (primary == SQLITE_IOERR && db != NULL)
    {
      int sys = sqlite3_system_errno (db);

      if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT)
        primary = SQLITE_FULL;
    }

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_FULL,
                           _("The disk is full. Nothing was saved; free some space and try again."));
      break;
    case SQLITE_IOERR:
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_IO,
                   _("The database file could not be read or written (%s). "
                     "Nothing was saved; check the disk and try again."), detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_READ_ONLY,
                           _("The database file or its folder cannot be written to. "
                             "Check its permissions; nothing was changed."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_BUSY,
                           _("Another program is writing to the database. "
                             "Nothing was saved; try again in a moment."));
      break;
    case SQLITE_CORRUPT:
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                           _("The database file is damaged. It was not changed; "
                             "restore it from a backup."));
      break;
    case SQLITE_NOTADB:
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_NOT_A_DATABASE,
                           _("The file is not a Meldpunt database, or it is damaged. "
                             "It was not changed."));
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_INVALID,
                   _("The change was refused by the database (%s)."), detail);
      break;
    default:
      g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_FAILED,
                   _("The database reported an error: %s."), detail);
      break;
    }
}

/* "type name table sql" of each entry of @db's schema but SQLite's own. */
static GHashTable *
read_schema (sqlite3  *db,
             GError  **error)
{
  g_autoptr(GHashTable) entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, coalesce (sql, '') FROM sqlite_schema"
                               " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (entries, g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s",
                                                sqlite3_column_text (stmt, 0),
                                                sqlite3_column_text (stmt, 1),
                                                sqlite3_column_text (stmt, 2),
                                                sqlite3_column_text (stmt, 3)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _mp_store_set_sqlite_error (error, db, rc);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

static void
set_schema_error (GError     **error,
                  const char  *entry,
                  gboolean     extra)
{
  g_auto(GStrv) parts = g_strsplit (entry, "\x1f", 4);

  if (extra)
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                 _("The desk file holds a %s “%s” that Meldpunt did not make: it was changed "
                   "outside Meldpunt. It was not opened; restore a backup."), parts[0], parts[1]);
  else
    g_set_error (error, MP_STORE_ERROR, MP_STORE_ERROR_CORRUPT,
                 _("The desk file's %s “%s” is not as Meldpunt made it: the file was changed "
                   "outside Meldpunt. It was not opened; restore a backup."), parts[0], parts[1]);
}

gboolean
_mp_store_check_schema (sqlite3  *db,
                        GError  **error)
{
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) expected = NULL;
  GHashTableIter iter;
  const char *entry;
  sqlite3 *blank = NULL;
  int rc;

  /* The test-only migrations of test-store-migrate fill tables from cases
   * and cannot run on an empty database; those desks are not checked. */
  if (n_test_migrations > 0)
    return TRUE;

  /* The schema a desk of this version has, made the same way in memory. */
  rc = sqlite3_open_v2 (":memory:", &blank, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _mp_store_set_sqlite_error (error, blank, rc);
      sqlite3_close (blank);
      return FALSE;
    }
  if (!_mp_store_migrate (blank, 0, error) || (expected = read_schema (blank, error)) == NULL)
    {
      sqlite3_close (blank);
      return FALSE;
    }
  sqlite3_close (blank);

  if ((found = read_schema (db, error)) == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
    if (!g_hash_table_contains (expected, entry))
      {
        g_auto(GStrv) parts = g_strsplit (entry, "\x1f", 4);
        g_autofree char *prefix = g_strdup_printf ("%s\x1f%s\x1f", parts[0], parts[1]);
        gboolean known = FALSE;
        GHashTableIter other;
        const char *mine;

        /* The same name made differently, or something new. */
        g_hash_table_iter_init (&other, expected);
        while (!known && g_hash_table_iter_next (&other, (gpointer *) &mine, NULL))
          known = g_str_has_prefix (mine, prefix);
        set_schema_error (error, entry, !known);
        return FALSE;
      }
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
    if (!g_hash_table_contains (found, entry))
      {
        set_schema_error (error, entry, FALSE);
        return FALSE;
      }
  return TRUE;
}
