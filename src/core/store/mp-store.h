/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#ifdef MP_RULES_COMPILATION
# error "The rules (src/core) must not use the store: pass them values instead."
#endif

#include <gio/gio.h>

#include "mp-case.h"
#include "mp-policy.h"
#include "mp-record.h"
#include "mp-vault.h"

G_BEGIN_DECLS

#define MP_STORE_SCHEMA_VERSION 6

#define MP_TYPE_STORE (mp_store_get_type ())
G_DECLARE_FINAL_TYPE (MpStore, mp_store, MP, STORE, GObject)

/* Returns: (transfer full): $MELDPUNT_DATABASE, or the default path under
 * the user data directory. */
char        *mp_store_default_path         (void);

/* Opens (or creates) the desk's database file and brings its schema up to
 * date; a database of a newer Meldpunt, or a file that is not a database, is
 * refused without being written to. The store starts locked. */
MpStore     *mp_store_open                 (const char           *path,
                                            GError              **error);
const char  *mp_store_get_path             (MpStore              *self);
gboolean     mp_store_is_initialised       (MpStore              *self);
const char  *mp_store_get_organisation     (MpStore              *self);

/* Creates the desk: organisation, master key under @passphrase. Leaves the
 * store unlocked. */
gboolean     mp_store_initialise           (MpStore              *self,
                                            const char           *organisation,
                                            const char           *passphrase,
                                            GError              **error);
gboolean     mp_store_unlock               (MpStore              *self,
                                            const char           *passphrase,
                                            GError              **error);
/* Key derivation and bulk decryption in a thread. */
void         mp_store_unlock_async         (MpStore              *self,
                                            const char           *passphrase,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean     mp_store_unlock_finish        (MpStore              *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Wipes the keys and empties the decrypted models. */
void         mp_store_lock                 (MpStore              *self);
gboolean     mp_store_is_locked            (MpStore              *self);
/* Whether every page of the file is sound (PRAGMA quick_check). Unlock
 * starts this check in a thread and shows the cases without waiting for it;
 * the first write waits for its verdict and is refused (MP_STORE_ERROR_CORRUPT)
 * if the file is damaged. This waits for that verdict (or runs the check if
 * none ran yet) and returns it. */
gboolean     mp_store_check_integrity      (MpStore              *self,
                                            GError              **error);
gboolean     mp_store_change_passphrase    (MpStore              *self,
                                            const char           *new_passphrase,
                                            GError              **error);

/* Who is recorded as having done each change (the handler's name). */
/* Whether @passphrase unlocks this desk; the store itself is not touched.
 * Slow (key derivation): call it off the main thread. */
gboolean     mp_store_check_passphrase     (MpStore              *self,
                                            const char           *passphrase,
                                            GError              **error);
/* The unlocked master key as base64 text, for the login keyring; wiped
 * when freed. Returns: (transfer full) */
GBytes      *mp_store_export_key           (MpStore              *self,
                                            GError              **error);
/* Unlocks with a key from mp_store_export_key(). A key that does not fit
 * (checked against the first audit entry) is refused and the store stays
 * locked. */
gboolean     mp_store_unlock_with_key      (MpStore              *self,
                                            const char           *encoded_key,
                                            GError              **error);
void         mp_store_set_actor            (MpStore              *self,
                                            const char           *actor);
const char  *mp_store_get_actor            (MpStore              *self);

/* Returns: (transfer none): every case as MpCase, in order of receipt;
 * empty while locked. */
GListModel  *mp_store_get_cases            (MpStore              *self);
/* Returns: (transfer none) (nullable) */
MpCase      *mp_store_find_case            (MpStore              *self,
                                            const char           *reference);

/* Stores a new case from @draft (any fields set on it; reference, status
 * and dates are assigned here). Returns: (transfer full): the stored case. */
MpCase      *mp_store_add_case             (MpStore              *self,
                                            MpCase               *draft,
                                            GError              **error);
/* Changes one editable field (see mp_case_get_fields()); validated, written
 * with its audit entry, and only then applied to @kase. */
gboolean     mp_store_update_case          (MpStore              *self,
                                            MpCase               *kase,
                                            const char           *field,
                                            const char           *value,
                                            GError              **error);
/* Records a checklist answer (value NULL clears it). */
gboolean     mp_store_set_answer           (MpStore              *self,
                                            MpCase               *kase,
                                            const char           *item,
                                            const char           *value,
                                            const char           *note,
                                            GError              **error);

/* Records several answers to one case in one write (one derivation, an
 * audit entry each): a whole checklist page, or imported and demo data.
 * @items is NULL-terminated; @values[i] NULL clears items[i]; @notes
 * (nullable) runs parallel to @items. */
gboolean     mp_store_set_answers          (MpStore              *self,
                                            MpCase               *kase,
                                            const char * const   *items,
                                            const char * const   *values,
                                            const char * const   *notes,
                                            GError              **error);

/* Derives the status and deadlines of every case again, in one write with
 * one audit entry: after a change of the policy that they depend on.
 * (Unlocking a desk whose derived state an older MP_DERIVE_RULES_VERSION
 * wrote does this once by itself.) */
gboolean     mp_store_refresh_derived      (MpStore              *self,
                                            GError              **error);

/* The plaintext values of the answers @items (NULL-terminated) of every
 * case, in one query: for overviews that would otherwise read the answers of
 * each case. Confidential answers (`reward.voucher_code`) are left out.
 * Returns: (transfer full): a table from the case id (a gint64 *, see
 * mp_case_get_id()) to a table from item to value (both utf8); cases
 * without any of @items are not in it. NULL on error. */
GHashTable  *mp_store_list_answer_values   (MpStore              *self,
                                            const char * const   *items,
                                            GError              **error);

/* Why @kase cannot be read (translated, naming its reference), or NULL
 * when it is sound. A damaged case's record or rows failed their checks
 * (a bit changed, a row removed or put back); it is listed by its
 * reference and every write to it is refused (MP_STORE_ERROR_DAMAGED). */
const char  *mp_store_get_case_damage      (MpStore              *self,
                                            MpCase               *kase);

/* Timeline. Returns: (transfer full): a list of MpEvent. */
GListModel  *mp_store_list_events          (MpStore              *self,
                                            MpCase               *kase,
                                            GError              **error);
gboolean     mp_store_add_event            (MpStore              *self,
                                            MpCase               *kase,
                                            const char           *kind,
                                            const char           *summary,
                                            const char           *body,
                                            GError              **error);
/* Status changes, oldest first. Returns: (transfer full): a list of MpEvent
 * whose kind is "status" and summary the new status. */
GListModel  *mp_store_list_status_history  (MpStore              *self,
                                            MpCase               *kase,
                                            GError              **error);

/* Attachments. Returns: (transfer full): a list of MpAttachment. */
GListModel  *mp_store_list_attachments     (MpStore              *self,
                                            MpCase               *kase,
                                            GError              **error);
/* The largest attachment a desk takes (SQLite keeps a value under 1 GB). */
#define MP_STORE_MAX_ATTACHMENT (G_GUINT64_CONSTANT (512) * 1024 * 1024)

MpAttachment *mp_store_add_attachment      (MpStore              *self,
                                            MpCase               *kase,
                                            const char           *name,
                                            const char           *mime_type,
                                            GBytes               *content,
                                            GError              **error);
/* Returns: (transfer full): the decrypted contents. */
GBytes      *mp_store_read_attachment      (MpStore              *self,
                                            MpAttachment         *attachment,
                                            GError              **error);

/* Deadlines as last derived: of @kase (earliest first), or with @kase NULL
 * those of every open case plus the data deletions still due of closed
 * cases (the desk must be reminded of those), in no particular order.
 * Returns: (transfer full): a list of MpDeadline. */
GListModel  *mp_store_list_deadlines       (MpStore              *self,
                                            MpCase               *kase,
                                            GError              **error);
/* The legal deadlines (mp-legal.h) of open cases not met: @missed those
 * due before @now, @due those due in [@now, @until). FALSE with @error set
 * on failure. */
gboolean     mp_store_count_legal_deadlines (MpStore             *self,
                                            gint64                now,
                                            gint64                until,
                                            guint                *missed,
                                            guint                *due,
                                            GError              **error);
/* The agreed publication dates that mp_store_list_deadlines() with no case
 * leaves out: of closed cases, and those met by a recorded advisory; a
 * closed case's unmet one counts as met at its due moment.
 * Returns: (transfer full): a list of MpDeadline. */
GListModel  *mp_store_list_settled_publications (MpStore         *self,
                                                 GError         **error);
guint        mp_store_count_overdue_deadlines (MpStore           *self,
                                            gint64                now,
                                            GError              **error);

/* The desk's settings (the policy), as text by key. Readable while locked.
 * Returns: (transfer full) (nullable) */
char        *mp_store_get_setting          (MpStore              *self,
                                            const char           *key);
gboolean     mp_store_set_setting          (MpStore              *self,
                                            const char           *key,
                                            const char           *value,
                                            GError              **error);

/* The desk's policy as its settings say (readable while locked), with the
 * default for every key that is missing or not valid. The store keeps it
 * while the file does not change; "policy-changed" says when it did
 * through this store. Do not change the policy returned.
 * Returns: (transfer full) */
MpPolicy    *mp_store_get_policy           (MpStore              *self);
/* Validates @value for @key against the stored policy and stores it in its
 * normal form; @value NULL removes the stored value so that the default
 * applies again (if the default fits the rest of the policy). The store
 * must be unlocked. */
gboolean     mp_store_set_policy           (MpStore              *self,
                                            const char           *key,
                                            const char           *value,
                                            GError              **error);

/* The desk's OpenPGP key (see src/exchange/mp-openpgp.h, which makes and
 * uses it): the armored secret key is sealed in the desk; @fingerprint
 * (hex), @expires_at (UTC seconds, 0: never) and the armored public key are
 * kept in the clear; @passphrase (nullable: none) of the secret key is sealed
 * too. Setting replaces the key the desk had. */
gboolean     mp_store_set_desk_key         (MpStore              *self,
                                            const char           *fingerprint,
                                            gint64                expires_at,
                                            const char           *public_key,
                                            GBytes               *secret_key,
                                            const char           *passphrase,
                                            GError              **error);
/* Whether the desk has a key; the out arguments (nullable, transfer full)
 * are set when it has. Readable while locked. */
gboolean     mp_store_get_desk_key_info    (MpStore              *self,
                                            char                **fingerprint,
                                            gint64               *expires_at,
                                            char                **public_key,
                                            GError              **error);
/* Returns: (transfer full): the armored secret key, in memory that is
 * wiped when the GBytes is freed; NULL with MP_STORE_ERROR_NOT_FOUND when
 * the desk has no key. @passphrase (transfer full, nullable) receives the
 * secret key's passphrase, NULL when it has none. Needs the desk unlocked. */
GBytes      *mp_store_get_desk_key         (MpStore              *self,
                                            char                **passphrase,
                                            GError              **error);

/* What the desk published (issue 24): @document ("security.txt") for
 * @subject (its domain) at @published_at, valid until @expires_at (UTC
 * microseconds), signed or not. Replaces the earlier record of the same
 * document and subject; the renewal falls due a month before @expires_at. */
gboolean     mp_store_record_publication   (MpStore              *self,
                                            const char           *document,
                                            const char           *subject,
                                            gint64                published_at,
                                            gint64                expires_at,
                                            gboolean              is_signed,
                                            GError              **error);
/* Whether @document for @subject was published; the out arguments
 * (nullable) then hold its record. Readable while locked. */
gboolean     mp_store_get_publication      (MpStore              *self,
                                            const char           *document,
                                            const char           *subject,
                                            gint64               *published_at,
                                            gint64               *expires_at,
                                            gboolean             *is_signed);
/* The renewals of the published security.txt files as deadlines of kind
 * "security-txt-renewal" whose reference is the domain, soonest first.
 * Returns: (transfer full): a list of MpDeadline */
GListModel  *mp_store_list_renewals        (MpStore              *self,
                                            GError              **error);

/* The reporter's armored OpenPGP public key, sealed with the case
 * (@public_key NULL: forget it). The store does not check it; see
 * mp_openpgp_set_reporter_key(). */
gboolean     mp_store_set_reporter_key     (MpStore              *self,
                                            MpCase               *kase,
                                            const char           *public_key,
                                            GError              **error);
/* Returns: (transfer full) (nullable): the reporter's key, NULL without
 * an error when the case has none. */
char        *mp_store_get_reporter_key     (MpStore              *self,
                                            MpCase               *kase,
                                            GError              **error);

/* A consistent copy through the SQLite backup API, checked and renamed
 * into place. */
gboolean     mp_store_backup               (MpStore              *self,
                                            const char           *path,
                                            GError              **error);

/* A backup Meldpunt made of this desk. */
typedef struct
{
  char     *path;
  gint64    made_at;        /* microseconds since the epoch, UTC */
  gboolean  holds_erased;   /* made before an erase: it still holds that data */
} MpBackupInfo;

#define MP_TYPE_BACKUP_INFO (mp_backup_info_get_type ())
GType         mp_backup_info_get_type      (void) G_GNUC_CONST;
MpBackupInfo *mp_backup_info_copy          (const MpBackupInfo   *info);
void          mp_backup_info_free          (MpBackupInfo         *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpBackupInfo, mp_backup_info_free)

/* The backups this desk made that are still where they were written,
 * oldest first; with @holding_erased_only, those made before an erase,
 * which still hold its data for anyone with the passphrase of that time.
 * Returns: (transfer full) (element-type MpBackupInfo). */
GPtrArray   *mp_store_list_backups         (MpStore              *self,
                                            gboolean              holding_erased_only,
                                            GError              **error);
/* Deletes the backup at @path, which this desk must have made, and
 * forgets it. */
gboolean     mp_store_delete_backup        (MpStore              *self,
                                            const char           *path,
                                            GError              **error);

/* Replaces the database at @database_path (which no store may have open)
 * by a checked copy of @backup_path, on which every erase of the current
 * desk's ledger is done again first: restoring a backup never brings an
 * erased case back. The current file is kept aside, whole.
 * Returns: (transfer full): the path it was kept at ("" when there was no
 * current file), or NULL on error with nothing changed. */
char        *mp_store_restore              (const char           *backup_path,
                                            const char           *database_path,
                                            GError              **error);

/* Checks the audit chain. On success @n_entries and @head (hex, transfer
 * full) are set; on a broken chain @first_bad is the entry's id and FALSE is
 * returned with an error saying what is wrong. A sound chain in a file
 * older than this computer has seen (mp_store_get_rollback()) fails too,
 * with @first_bad the first entry it lacks. */
gboolean     mp_store_verify_audit         (MpStore              *self,
                                            guint                *n_entries,
                                            char                **head,
                                            gint64               *first_bad,
                                            GError              **error);

/* TRUE when the desk file, as unlocked (or as its audit trail last
 * verified), is older than the newest state this computer has seen of the
 * same desk: the whole file put back from an older copy, or its audit trail
 * cut back. @seen and @found are the audit entries seen here before and in
 * the file. A restore through mp_store_restore() is never reported. */
gboolean     mp_store_get_rollback         (MpStore              *self,
                                            guint64              *seen,
                                            guint64              *found);
/* Takes the desk file as it is for this desk's newest state (after a
 * deliberate restore from elsewhere): the rollback is no longer reported. */
gboolean     mp_store_accept_rollback      (MpStore              *self,
                                            GError              **error);

/* Erases the confidential data of a closed case: its key and every
 * ciphertext are destroyed and the WAL is checkpointed, so no copy stays in
 * the live files; the record of what was decided stays. */
gboolean     mp_store_erase_case           (MpStore              *self,
                                            MpCase               *kase,
                                            GError              **error);
/* TRUE while an erased case's old pages may still be in the database's
 * write-ahead log, because another program had the desk open during the
 * erase; each later write (and closing the desk) tries again. */
gboolean     mp_store_has_erase_pending    (MpStore              *self);

/* Groups many writes into one transaction (demo data, imports of many
 * messages); each write inside is a savepoint. */
gboolean     mp_store_begin_batch          (MpStore              *self,
                                            GError              **error);
gboolean     mp_store_end_batch            (MpStore              *self,
                                            GError              **error);
/* Drops every write of the batch (e.g. an import that failed halfway) and
 * reloads the models from the file. */
void         mp_store_abort_batch          (MpStore              *self);
gboolean     mp_store_in_batch             (MpStore              *self);

G_END_DECLS

/* The rules applied to the store's data (letters, deadlines, rewards,
 * duplicates). */
#include "mp-store-rules.h"
