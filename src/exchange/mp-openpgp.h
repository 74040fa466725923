/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <gio/gio.h>

#include "mp-eml-import.h"
#include "mp-store.h"

G_BEGIN_DECLS

#define MP_OPENPGP_ERROR (mp_openpgp_error_quark ())
GQuark mp_openpgp_error_quark (void);

typedef enum
{
  MP_OPENPGP_ERROR_FAILED,
  MP_OPENPGP_ERROR_INVALID,       /* not an armored secret key, or a bad value */
  MP_OPENPGP_ERROR_BAD_PASSPHRASE,
  MP_OPENPGP_ERROR_NO_KEY,        /* the desk has no key */
} MpOpenpgpError;

/* A private GnuPG home (0700, under the runtime directory) that GPGME
 * works in; its folder and its gpg-agent go when the object is finalised
 * or mp_openpgp_home_wipe() is called. */
#define MP_TYPE_OPENPGP_HOME (mp_openpgp_home_get_type ())
G_DECLARE_FINAL_TYPE (MpOpenpgpHome, mp_openpgp_home, MP, OPENPGP_HOME, GObject)

/* An empty private home. Returns: (transfer full) */
MpOpenpgpHome *mp_openpgp_home_new            (GError       **error);
/* A private home holding the desk's key, taken from the unlocked @store.
 * Returns: (transfer full) */
MpOpenpgpHome *mp_openpgp_home_new_for_store  (MpStore       *store,
                                               GError       **error);
/* A private home holding the armored secret key @secret_key (its
 * @passphrase nullable); @owner (nullable) is what mp_openpgp_wipe_homes()
 * finds it by. It touches no store, so a worker thread may make it.
 * Returns: (transfer full) */
MpOpenpgpHome *mp_openpgp_home_new_for_key    (GBytes        *secret_key,
                                               const char    *passphrase,
                                               gpointer       owner,
                                               GError       **error);
/* Wipes every home alive that was made for @owner (a store; NULL: every
 * home): at lock and at exit. A decryption in progress in another thread
 * finishes first. */
void           mp_openpgp_wipe_homes          (gpointer       owner);
const char    *mp_openpgp_home_get_path       (MpOpenpgpHome *self);
/* The desk key's passphrase, NULL when it has none (or the home is not
 * the store's). */
const char    *mp_openpgp_home_get_passphrase (MpOpenpgpHome *self);
/* Stops its gpg-agent and removes the folder; the object is of no use
 * afterwards. */
void           mp_openpgp_home_wipe           (MpOpenpgpHome *self);

/* Makes the desk's key (Ed25519 for signing, Cv25519 for encryption) with
 * the user id "@name <@email>", expiring at @expires_at (UTC seconds), and
 * stores it sealed in the unlocked @store, replacing any key it had. */
gboolean       mp_openpgp_generate_desk_key   (MpStore       *store,
                                               const char    *name,
                                               const char    *email,
                                               gint64         expires_at,
                                               GError       **error);
/* Refuses (MP_OPENPGP_ERROR_INVALID, or MP_STORE_ERROR_LOCKED) a request
 * GnuPG would refuse, with a clearer message: an empty name or one with
 * “<”, an address without “@”, an expiry less than a day away. The
 * functions below check it too; a form calls it to answer at once. */
gboolean       mp_openpgp_check_new_desk_key  (MpStore       *store,
                                               const char    *name,
                                               const char    *email,
                                               gint64         expires_at,
                                               GError       **error);
/* The same, with GnuPG's work (a second or more) in a worker thread; the
 * store is written on the calling thread, which must run its main context. */
void           mp_openpgp_generate_desk_key_async  (MpStore             *store,
                                                    const char          *name,
                                                    const char          *email,
                                                    gint64               expires_at,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       mp_openpgp_generate_desk_key_finish (MpStore             *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Takes the armored secret key @armored (with @passphrase, nullable, when
 * it has one) as the desk's key. */
gboolean       mp_openpgp_import_desk_key     (MpStore       *store,
                                               GBytes        *armored,
                                               const char    *passphrase,
                                               GError       **error);

/* Checks that @armored is one OpenPGP public key that can encrypt and
 * keeps it, sealed, with @kase. Returns: (transfer full): its fingerprint. */
char          *mp_openpgp_set_reporter_key    (MpStore       *store,
                                               MpCase        *kase,
                                               const char    *armored,
                                               GError       **error);
/* @text encrypted to the reporter's key kept with @kase and signed by the
 * desk's key, ASCII-armored; MP_OPENPGP_ERROR_NO_KEY when the reporter (or
 * the desk) has none. Returns: (transfer full) */
char          *mp_openpgp_encrypt_letter      (MpStore       *store,
                                               MpCase        *kase,
                                               const char    *text,
                                               GError       **error);

/* mp-openpgp-decrypt.c. The raw @message with its encrypted parts
 * (PGP/MIME, inline PGP, also in forwarded messages) decrypted with the key
 * in @home; NULL when nothing was decrypted. @notes receives translated
 * notes (char *) on signatures and on what could not be decrypted and why
 * (encrypted to another key: its key id). Returns: (transfer full) */
GBytes        *mp_openpgp_decrypt_message     (MpOpenpgpHome *home,
                                               GBytes        *message,
                                               GPtrArray     *notes);
/* mp_eml_report_parse(), decrypting first with @home (nullable: do not).
 * A decrypted report is marked encrypted, says so in its notes with the
 * signature results, and keeps the encrypted message as an attachment; one
 * that could not be decrypted is read as it came, with a note saying why.
 * Returns: (transfer full) (nullable) */
MpEmlReport   *mp_openpgp_report_parse        (MpOpenpgpHome *home,
                                               GBytes        *message,
                                               gsize          max_bytes,
                                               GError       **error);

/* A signature found inside an encrypted report, as GnuPG judged it. */
typedef enum
{
  MP_OPENPGP_SIGNATURE_VALID,
  MP_OPENPGP_SIGNATURE_BAD,          /* changed after signing, or forged */
  MP_OPENPGP_SIGNATURE_KEY_MISSING,  /* by a key the desk does not have */
  MP_OPENPGP_SIGNATURE_UNCHECKED,    /* any other reason it could not be checked */
  MP_OPENPGP_SIGNATURE_GOOD,         /* good, by a key no one the desk trusts certified:
                                      * valid when the key is the one kept with the case */
} MpOpenpgpSignatureStatus;

typedef struct
{
  MpOpenpgpSignatureStatus  status;
  char                     *key_id;  /* the signer's fingerprint, else key id */
} MpOpenpgpSignature;

void           mp_openpgp_signature_free      (MpOpenpgpSignature *signature);

/* mp_openpgp_decrypt_message() that also appends an MpOpenpgpSignature to
 * @signatures (nullable) for each signature found. Returns: (transfer full) */
GBytes        *mp_openpgp_decrypt_message_full (MpOpenpgpHome *home,
                                                GBytes        *message,
                                                GPtrArray     *notes,
                                                GPtrArray     *signatures);

/* Imports the armored public key @armored into @home (for checking
 * signatures, or to encrypt to). Returns: (transfer full): its fingerprint */
char          *mp_openpgp_home_import_public  (MpOpenpgpHome *home,
                                               const char    *armored,
                                               GError       **error);

/* mp-openpgp-case.c. What a case's page shows about encryption: the
 * reporter's key and the signatures of the encrypted report, checked again
 * now with the desk's key and the reporter's key (a signature by a key the
 * desk lacked at import is valid once the reporter's key is added). */
typedef struct
{
  char      *reporter_fingerprint;  /* NULL: the case has no reporter key */
  char      *reporter_key_problem;  /* why a kept key cannot be used, or NULL */
  gboolean   has_original;          /* the encrypted message is kept with the case */
  gboolean   decrypted;             /* it could be decrypted now */
  GPtrArray *signatures;            /* MpOpenpgpSignature */
} MpOpenpgpCaseInfo;

void               mp_openpgp_case_info_free   (MpOpenpgpCaseInfo   *info);
/* Reads what it needs from the unlocked @store now; GnuPG runs in a
 * thread. */
void               mp_openpgp_case_info_async  (MpStore             *store,
                                                MpCase              *kase,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns: (transfer full) */
MpOpenpgpCaseInfo *mp_openpgp_case_info_finish (MpStore             *store,
                                                GAsyncResult        *result,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MpOpenpgpCaseInfo, mp_openpgp_case_info_free)

G_END_DECLS
