/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The desk's OpenPGP key through GPGME. The key lives sealed in the desk
 * (mp_store_get_desk_key()); GnuPG only ever sees it in a private home made
 * for the moment and wiped afterwards, never the user's own GNUPGHOME or
 * gpg-agent.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gpgme.h>
#include <locale.h>
#include <string.h>

#include "mp-eml-private.h"
#include "mp-error.h"
#include "mp-openpgp.h"
#include "mp-openpgp-private.h"

struct _MpOpenpgpHome
{
  GObject  parent_instance;

  char    *path;        /* NULL once wiped */
  char    *passphrase;  /* of the desk key, or NULL */
  gpointer owner;       /* what mp_openpgp_wipe_homes() is asked for, or NULL */
};

G_DEFINE_FINAL_TYPE (MpOpenpgpHome, mp_openpgp_home, G_TYPE_OBJECT)

G_DEFINE_QUARK (mp-openpgp-error-quark, mp_openpgp_error)

/* GPGME's default home is one per process; whoever sets it, uses it and
 * sets it back holds this, and so does whoever wipes a home, so that no
 * thread decrypts in another's home or in one being removed. */
static GRecMutex engine_lock;

/* Every home alive, not owned: a home leaves the list first thing in
 * finalize, so one found here under the lock is still whole. */
G_LOCK_DEFINE_STATIC (homes);
static GPtrArray *homes;

static void
ensure_gpgme (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gpgme_check_version (NULL);
      gpgme_set_locale (NULL, LC_CTYPE, setlocale (LC_CTYPE, NULL));
      g_once_init_leave (&done, 1);
    }
}

static void
set_gpgme_error (GError      **error,
                 gpgme_error_t err,
                 const char   *what)
{
  if (gpgme_err_code (err) == GPG_ERR_BAD_PASSPHRASE)
    g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_BAD_PASSPHRASE,
                         _("The passphrase of the OpenPGP key is wrong."));
  else if (gpgme_err_code (err) == GPG_ERR_CANCELED ||
           gpgme_err_code (err) == GPG_ERR_NO_PASSPHRASE)
    g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_BAD_PASSPHRASE,
                         _("The OpenPGP key is protected by a passphrase; give its passphrase."));
  else
    g_set_error (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_FAILED,
                 /* Translators: the first %s says what failed, the second is GnuPG's reason */
                 _("%s failed: %s."), what, gpgme_strerror (err));
}

/* ---- the private home ---------------------------------------------------- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
mp_openpgp_home_wipe (MpOpenpgpHome *self)
{
  const char *argv[] = { "gpgconf", "--homedir", NULL, "--kill", "all", NULL };

  g_return_if_fail (MP_IS_OPENPGP_HOME (self));

  g_rec_mutex_lock (&engine_lock);
  if (self->path != NULL)
    {
      /* Its agent holds the key in memory: stop it before the folder goes. */
      argv[2] = self->path;
      g_spawn_sync (NULL, (char **) argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, NULL, NULL);
      remove_tree (self->path);
      g_clear_pointer (&self->path, g_free);
    }
  g_rec_mutex_unlock (&engine_lock);
}

static void
mp_openpgp_home_finalize (GObject *object)
{
  MpOpenpgpHome *self = MP_OPENPGP_HOME (object);

  G_LOCK (homes);
  g_ptr_array_remove_fast (homes, self);
  G_UNLOCK (homes);
  mp_openpgp_home_wipe (self);
  if (self->passphrase != NULL)
    {
      memset (self->passphrase, 0, strlen (self->passphrase));
      g_free (self->passphrase);
    }
  G_OBJECT_CLASS (mp_openpgp_home_parent_class)->finalize (object);
}

static void
mp_openpgp_home_class_init (MpOpenpgpHomeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mp_openpgp_home_finalize;
}

static void
mp_openpgp_home_init (MpOpenpgpHome *self)
{
  G_LOCK (homes);
  if (homes == NULL)
    homes = g_ptr_array_new ();
  g_ptr_array_add (homes, self);
  G_UNLOCK (homes);
}

MpOpenpgpHome *
mp_openpgp_home_new (GError **error)
{
  g_autoptr(MpOpenpgpHome) self = g_object_new (MP_TYPE_OPENPGP_HOME, NULL);
  const char *runtime = g_get_user_runtime_dir ();
  static const char agent_conf[] = "allow-loopback-pinentry\n"
                                   "default-cache-ttl 86400\n"
                                   "max-cache-ttl 86400\n";
  g_autofree char *path = g_build_filename (runtime, "meldpunt-gnupg-XXXXXX", NULL);
  g_autofree char *conf = NULL;
  int saved;

  ensure_gpgme ();
  g_mkdir_with_parents (runtime, 0700);
  if (g_mkdtemp_full (path, 0700) == NULL)
    {
      saved = errno;
      g_set_error (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_FAILED,
                   _("No private folder for GnuPG could be made in %s: %s."),
                   runtime, g_strerror (saved));
      return NULL;
    }
  self->path = g_steal_pointer (&path);
  /* The passphrase comes from Meldpunt, never from a pinentry window. */
  conf = g_build_filename (self->path, "gpg-agent.conf", NULL);
  if (!g_file_set_contents (conf, agent_conf, -1, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
mp_openpgp_home_get_path (MpOpenpgpHome *self)
{
  g_return_val_if_fail (MP_IS_OPENPGP_HOME (self), NULL);
  return self->path;
}

const char *
mp_openpgp_home_get_passphrase (MpOpenpgpHome *self)
{
  g_return_val_if_fail (MP_IS_OPENPGP_HOME (self), NULL);
  return self->passphrase;
}

static gpgme_error_t
passphrase_cb (void       *hook,
               const char *uid_hint,
               const char *passphrase_info,
               int         prev_was_bad,
               int         fd)
{
  MpOpenpgpHome *self = hook;

  if (self->passphrase == NULL)
    return gpgme_error (GPG_ERR_CANCELED);
  if (prev_was_bad)
    return gpgme_error (GPG_ERR_BAD_PASSPHRASE);
  if (gpgme_io_writen (fd, self->passphrase, strlen (self->passphrase)) != 0 ||
      gpgme_io_writen (fd, "\n", 1) != 0)
    return gpgme_error_from_syserror ();
  return 0;
}

gpgme_ctx_t
_mp_openpgp_home_new_context (MpOpenpgpHome  *self,
                              GError        **error)
{
  gpgme_ctx_t ctx = NULL;
  gpgme_error_t err;

  /* Never the user's own home: a wiped home has none. */
  if (self->path == NULL)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_FAILED,
                           _("The desk's private GnuPG folder was removed when the desk "
                             "locked."));
      return NULL;
    }
  if ((err = gpgme_new (&ctx)) ||
      (err = gpgme_set_protocol (ctx, GPGME_PROTOCOL_OpenPGP)) ||
      (err = gpgme_ctx_set_engine_info (ctx, GPGME_PROTOCOL_OpenPGP, NULL, self->path)) ||
      (err = gpgme_set_pinentry_mode (ctx, GPGME_PINENTRY_MODE_LOOPBACK)))
    {
      set_gpgme_error (error, err, _("Starting GnuPG"));
      if (ctx != NULL)
        gpgme_release (ctx);
      return NULL;
    }
  gpgme_set_armor (ctx, 1);
  gpgme_set_passphrase_cb (ctx, passphrase_cb, self);
  return ctx;
}

static GBytes *
take_data (gpgme_data_t data)
{
  size_t length = 0;
  char *mem = gpgme_data_release_and_get_mem (data, &length);
  GBytes *bytes = g_bytes_new (mem, length);

  if (mem != NULL)
    memset (mem, 0, length);
  gpgme_free (mem);
  return bytes;
}

static GBytes *
export_key (gpgme_ctx_t     ctx,
            const char     *fingerprint,
            gpgme_export_mode_t mode,
            GError        **error)
{
  gpgme_data_t data = NULL;
  gpgme_error_t err;

  if ((err = gpgme_data_new (&data)) ||
      (err = gpgme_op_export (ctx, fingerprint, mode, data)))
    {
      if (data != NULL)
        gpgme_data_release (data);
      set_gpgme_error (error, err, _("Exporting the key"));
      return NULL;
    }
  return take_data (data);
}

/* A desk key as GnuPG made or imported it, ready to be stored. */
typedef struct
{
  char    *fingerprint;
  gint64   expires_at;
  char    *public_key;
  GBytes  *secret_key;
  char    *passphrase;
} DeskKey;

static void
desk_key_free (DeskKey *key)
{
  g_free (key->fingerprint);
  g_free (key->public_key);
  g_clear_pointer (&key->secret_key, g_bytes_unref);
  if (key->passphrase != NULL)
    explicit_bzero (key->passphrase, strlen (key->passphrase));
  g_free (key->passphrase);
  g_free (key);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeskKey, desk_key_free)

/* Reads the secret key @fingerprint out of @self. */
static DeskKey *
read_desk_key (MpOpenpgpHome  *self,
               gpgme_ctx_t     ctx,
               const char     *fingerprint,
               GError        **error)
{
  g_autoptr(GBytes) public_key = NULL;
  g_autoptr(DeskKey) desk_key = NULL;
  gpgme_key_t key = NULL;
  gpgme_error_t err;
  gint64 expires_at;

  if ((err = gpgme_get_key (ctx, fingerprint, &key, 1)))
    {
      set_gpgme_error (error, err, _("Reading the key"));
      return NULL;
    }
  expires_at = key->subkeys != NULL ? key->subkeys->expires : 0;
  gpgme_key_unref (key);

  desk_key = g_new0 (DeskKey, 1);
  if (!(public_key = export_key (ctx, fingerprint, 0, error)) ||
      !(desk_key->secret_key = export_key (ctx, fingerprint, GPGME_EXPORT_MODE_SECRET, error)))
    return NULL;
  if (g_bytes_get_size (desk_key->secret_key) == 0)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_FAILED,
                           _("GnuPG gave no secret key to store."));
      return NULL;
    }
  desk_key->fingerprint = g_strdup (fingerprint);
  desk_key->expires_at = expires_at;
  desk_key->public_key = g_strndup (g_bytes_get_data (public_key, NULL), g_bytes_get_size (public_key));
  desk_key->passphrase = g_strdup (self->passphrase);
  return g_steal_pointer (&desk_key);
}

static gboolean
store_desk_key (MpStore  *store,
                DeskKey  *key,
                GError  **error)
{
  return mp_store_set_desk_key (store, key->fingerprint, key->expires_at, key->public_key,
                                key->secret_key, key->passphrase, error);
}

/* ---- public API ---------------------------------------------------------- */

gboolean
mp_openpgp_check_new_desk_key (MpStore     *store,
                               const char  *name,
                               const char  *email,
                               gint64       expires_at,
                               GError     **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (mp_store_is_locked (store))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED,
                           _("The desk is locked; unlock it with its passphrase first."));
      return FALSE;
    }
  if (*name == '\0' || strchr (name, '<') != NULL || strchr (name, '\n') != NULL)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                           _("The key's name must not be empty nor hold “<” or a line break."));
      return FALSE;
    }
  if (strchr (email, '@') == NULL || strpbrk (email, "<> \n") != NULL)
    {
      g_set_error (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                   _("“%s” is not an e-mail address."), email);
      return FALSE;
    }
  if (expires_at <= now + 24 * 60 * 60)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                           _("The key's expiry must be a day in the future."));
      return FALSE;
    }
  return TRUE;
}

/* Makes the key in a home of its own; needs no store, so that it can run
 * in a worker thread (GnuPG takes a second or more). */
static DeskKey *
make_desk_key (const char  *name,
               const char  *email,
               gint64       expires_at,
               GError     **error)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *fingerprint = NULL;
  gpgme_ctx_t ctx;
  gpgme_genkey_result_t result;
  gpgme_key_t key = NULL;
  gpgme_error_t err;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  DeskKey *desk_key = NULL;

  if (!(home = mp_openpgp_home_new (error)) || !(ctx = _mp_openpgp_home_new_context (home, error)))
    return NULL;
  user_id = g_strdup_printf ("%s <%s>", name, email);
  err = gpgme_op_createkey (ctx, user_id, "ed25519", 0, (unsigned long) (expires_at - now), NULL,
                            GPGME_CREATE_SIGN | GPGME_CREATE_CERT | GPGME_CREATE_NOPASSWD |
                            GPGME_CREATE_FORCE);
  if (err || !(result = gpgme_op_genkey_result (ctx)) || result->fpr == NULL)
    {
      set_gpgme_error (error, err ? err : gpgme_error (GPG_ERR_GENERAL), _("Making the key"));
      goto out;
    }
  fingerprint = g_strdup (result->fpr);
  if ((err = gpgme_get_key (ctx, fingerprint, &key, 1)) ||
      (err = gpgme_op_createsubkey (ctx, key, "cv25519", 0, (unsigned long) (expires_at - now),
                                    GPGME_CREATE_ENCR | GPGME_CREATE_NOPASSWD)))
    {
      set_gpgme_error (error, err, _("Making the encryption key"));
      goto out;
    }
  desk_key = read_desk_key (home, ctx, fingerprint, error);

out:
  if (key != NULL)
    gpgme_key_unref (key);
  gpgme_release (ctx);
  return desk_key;
}

gboolean
mp_openpgp_generate_desk_key (MpStore     *store,
                              const char  *name,
                              const char  *email,
                              gint64       expires_at,
                              GError     **error)
{
  g_autoptr(DeskKey) desk_key = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && email != NULL, FALSE);

  if (!mp_openpgp_check_new_desk_key (store, name, email, expires_at, error) ||
      !(desk_key = make_desk_key (name, email, expires_at, error)))
    return FALSE;
  return store_desk_key (store, desk_key, error);
}

typedef struct
{
  char   *name;
  char   *email;
  gint64  expires_at;
} NewDeskKey;

static void
new_desk_key_free (NewDeskKey *request)
{
  g_free (request->name);
  g_free (request->email);
  g_free (request);
}

static void
make_desk_key_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  NewDeskKey *request = task_data;
  GError *error = NULL;
  DeskKey *desk_key = make_desk_key (request->name, request->email, request->expires_at, &error);

  if (desk_key != NULL)
    g_task_return_pointer (task, desk_key, (GDestroyNotify) desk_key_free);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's thread: the store is written where it lives. */
static void
made_desk_key_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(DeskKey) desk_key = NULL;
  GError *error = NULL;

  if (!(desk_key = g_task_propagate_pointer (G_TASK (result), &error)) ||
      !store_desk_key (g_task_get_source_object (task), desk_key, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
mp_openpgp_generate_desk_key_async (MpStore             *store,
                                    const char          *name,
                                    const char          *email,
                                    gint64               expires_at,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  NewDeskKey *request;
  GError *error = NULL;

  g_return_if_fail (MP_IS_STORE (store));
  g_return_if_fail (name != NULL && email != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_openpgp_generate_desk_key_async);
  if (!mp_openpgp_check_new_desk_key (store, name, email, expires_at, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  request = g_new0 (NewDeskKey, 1);
  request->name = g_strdup (name);
  request->email = g_strdup (email);
  request->expires_at = expires_at;
  worker = g_task_new (store, cancellable, made_desk_key_cb, g_steal_pointer (&task));
  /* A key made is stored even when the caller stopped waiting for it. */
  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, request, (GDestroyNotify) new_desk_key_free);
  g_task_run_in_thread (worker, make_desk_key_thread);
}

gboolean
mp_openpgp_generate_desk_key_finish (MpStore       *store,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Imports @armored into @home; returns the fingerprint of its secret key. */
static char *
import_secret (MpOpenpgpHome  *home,
               gpgme_ctx_t     ctx,
               GBytes         *armored,
               GError        **error)
{
  gpgme_data_t data = NULL;
  gpgme_import_result_t result;
  gpgme_import_status_t status;
  gpgme_error_t err;
  char *fingerprint = NULL;

  if ((err = gpgme_data_new_from_mem (&data, g_bytes_get_data (armored, NULL),
                                      g_bytes_get_size (armored), 0)))
    {
      set_gpgme_error (error, err, _("Reading the key"));
      return NULL;
    }
  err = gpgme_op_import (ctx, data);
  gpgme_data_release (data);
  if (err)
    {
      set_gpgme_error (error, err, _("Importing the key"));
      return NULL;
    }
  result = gpgme_op_import_result (ctx);
  for (status = result != NULL ? result->imports : NULL; status != NULL; status = status->next)
    if (status->result == 0 && (status->status & GPGME_IMPORT_SECRET) && status->fpr != NULL)
      {
        if (fingerprint != NULL && g_strcmp0 (fingerprint, status->fpr) != 0)
          {
            g_free (fingerprint);
            g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                                 _("The file holds more than one secret key; "
                                   "export only the desk's key."));
            return NULL;
          }
        if (fingerprint == NULL)
          fingerprint = g_strdup (status->fpr);
      }
  if (fingerprint == NULL)
    g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                         _("The file holds no OpenPGP secret key. Export the key with "
                           "“gpg --armor --export-secret-keys”."));
  return fingerprint;
}

gboolean
mp_openpgp_import_desk_key (MpStore     *store,
                            GBytes      *armored,
                            const char  *passphrase,
                            GError     **error)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autofree char *fingerprint = NULL;
  gpgme_ctx_t ctx;
  gpgme_key_t key = NULL;
  gpgme_data_t in = NULL;
  gpgme_data_t out = NULL;
  gpgme_error_t err;
  gboolean ok = FALSE;

  g_return_val_if_fail (MP_IS_STORE (store), FALSE);
  g_return_val_if_fail (armored != NULL, FALSE);

  if (mp_store_is_locked (store))
    {
      g_set_error_literal (error, MP_STORE_ERROR, MP_STORE_ERROR_LOCKED,
                           _("The desk is locked; unlock it with its passphrase first."));
      return FALSE;
    }
  if (g_strstr_len (g_bytes_get_data (armored, NULL), g_bytes_get_size (armored),
                    "-----BEGIN PGP PRIVATE KEY BLOCK-----") == NULL)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                           _("The file is not an armored OpenPGP secret key (it has no "
                             "“BEGIN PGP PRIVATE KEY BLOCK” line)."));
      return FALSE;
    }
  if (!(home = mp_openpgp_home_new (error)))
    return FALSE;
  if (passphrase != NULL && *passphrase != '\0')
    home->passphrase = g_strdup (passphrase);
  if (!(ctx = _mp_openpgp_home_new_context (home, error)))
    return FALSE;
  if (!(fingerprint = import_secret (home, ctx, armored, error)))
    goto out;

  /* Sign a few bytes: proves the passphrase (and that the key can sign)
   * before the desk takes the key. */
  if ((err = gpgme_get_key (ctx, fingerprint, &key, 1)) ||
      (err = gpgme_signers_add (ctx, key)) ||
      (err = gpgme_data_new_from_mem (&in, "meldpunt", 8, 0)) ||
      (err = gpgme_data_new (&out)) ||
      (err = gpgme_op_sign (ctx, in, out, GPGME_SIG_MODE_DETACH)))
    {
      set_gpgme_error (error, err, _("Using the key"));
      goto out;
    }
  gpgme_signers_clear (ctx);
  {
    g_autoptr(DeskKey) desk_key = read_desk_key (home, ctx, fingerprint, error);

    ok = desk_key != NULL && store_desk_key (store, desk_key, error);
  }

out:
  if (in != NULL)
    gpgme_data_release (in);
  if (out != NULL)
    gpgme_data_release (out);
  if (key != NULL)
    gpgme_key_unref (key);
  gpgme_release (ctx);
  return ok;
}

static gboolean
unlock_in_agent (gpgme_ctx_t   ctx,
                 const char   *fingerprint,
                 GError      **error)
{
  gpgme_key_t recipients[2] = { NULL, NULL };
  gpgme_data_t plain = NULL;
  gpgme_data_t cipher = NULL;
  gpgme_data_t out = NULL;
  gpgme_error_t err;

  if (!(err = gpgme_get_key (ctx, fingerprint, &recipients[0], 1)) &&
      !(err = gpgme_signers_add (ctx, recipients[0])) &&
      !(err = gpgme_data_new_from_mem (&plain, "meldpunt", 8, 0)) &&
      !(err = gpgme_data_new (&cipher)) &&
      !(err = gpgme_data_new (&out)) &&
      !(err = gpgme_op_encrypt_sign (ctx, recipients, GPGME_ENCRYPT_ALWAYS_TRUST, plain,
                                     cipher)) &&
      !(err = gpgme_data_seek (cipher, 0, SEEK_SET) < 0 ? gpgme_error_from_syserror () : 0))
    err = gpgme_op_decrypt (ctx, cipher, out);
  gpgme_signers_clear (ctx);
  if (recipients[0] != NULL)
    gpgme_key_unref (recipients[0]);
  if (plain != NULL)
    gpgme_data_release (plain);
  if (cipher != NULL)
    gpgme_data_release (cipher);
  if (out != NULL)
    gpgme_data_release (out);
  if (err)
    {
      set_gpgme_error (error, err, _("Using the key"));
      return FALSE;
    }
  return TRUE;
}

MpOpenpgpHome *
mp_openpgp_home_new_for_key (GBytes      *secret_key,
                             const char  *passphrase,
                             gpointer     owner,
                             GError     **error)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autofree char *imported = NULL;
  gpgme_ctx_t ctx;

  g_return_val_if_fail (secret_key != NULL, NULL);

  if (!(home = mp_openpgp_home_new (error)))
    return NULL;
  home->passphrase = g_strdup (passphrase);
  home->owner = owner;
  if (!(ctx = _mp_openpgp_home_new_context (home, error)))
    return NULL;
  imported = import_secret (home, ctx, secret_key, error);
  /* GMime's own contexts cannot give a passphrase: a key that has one is
   * unlocked here once, for signing and decrypting, and its agent keeps it
   * for as long as the home lives. */
  if (imported != NULL && home->passphrase != NULL && !unlock_in_agent (ctx, imported, error))
    g_clear_pointer (&imported, g_free);
  gpgme_release (ctx);
  if (imported == NULL)
    return NULL;
  return g_steal_pointer (&home);
}

MpOpenpgpHome *
mp_openpgp_home_new_for_store (MpStore  *store,
                               GError  **error)
{
  g_autoptr(GBytes) secret = NULL;
  char *passphrase = NULL;
  MpOpenpgpHome *home;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  if (!(secret = mp_store_get_desk_key (store, &passphrase, error)))
    return NULL;
  home = mp_openpgp_home_new_for_key (secret, passphrase, store, error);
  if (passphrase != NULL)
    {
      memset (passphrase, 0, strlen (passphrase));
      g_free (passphrase);
    }
  return home;
}

void
mp_openpgp_wipe_homes (gpointer owner)
{
  G_LOCK (homes);
  for (guint i = 0; homes != NULL && i < homes->len; i++)
    {
      MpOpenpgpHome *home = g_ptr_array_index (homes, i);

      if (owner == NULL || home->owner == owner)
        mp_openpgp_home_wipe (home);
    }
  G_UNLOCK (homes);
}

void
_mp_openpgp_engine_lock (void)
{
  g_rec_mutex_lock (&engine_lock);
}

void
_mp_openpgp_engine_unlock (void)
{
  g_rec_mutex_unlock (&engine_lock);
}

/* ---- the reporter's key and encrypted letters ------------------------------- */

/* Imports the armored public key @armored into @ctx's home; returns the
 * fingerprint of the one key it holds, which must be able to encrypt. */
static char *
import_public (gpgme_ctx_t   ctx,
               const char   *armored,
               GError      **error)
{
  gpgme_data_t data = NULL;
  gpgme_import_result_t result;
  gpgme_key_t key = NULL;
  gpgme_error_t err;
  g_autofree char *fingerprint = NULL;
  gboolean can_encrypt;

  if (strstr (armored, "-----BEGIN PGP PUBLIC KEY BLOCK-----") == NULL)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                           _("This is not an armored OpenPGP public key (it has no “BEGIN PGP "
                             "PUBLIC KEY BLOCK” line)."));
      return NULL;
    }
  if ((err = gpgme_data_new_from_mem (&data, armored, strlen (armored), 0)))
    {
      set_gpgme_error (error, err, _("Reading the key"));
      return NULL;
    }
  err = gpgme_op_import (ctx, data);
  gpgme_data_release (data);
  if (err)
    {
      set_gpgme_error (error, err, _("Importing the key"));
      return NULL;
    }
  result = gpgme_op_import_result (ctx);
  if (result == NULL || result->imports == NULL || result->imports->fpr == NULL ||
      result->considered < 1)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                           _("The text holds no usable OpenPGP public key."));
      return NULL;
    }
  if (result->considered > 1)
    {
      g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                           _("The text holds more than one OpenPGP key; give only the "
                             "reporter's."));
      return NULL;
    }
  fingerprint = g_strdup (result->imports->fpr);
  if ((err = gpgme_get_key (ctx, fingerprint, &key, 0)))
    {
      set_gpgme_error (error, err, _("Reading the key"));
      return NULL;
    }
  can_encrypt = key->can_encrypt && !key->expired && !key->revoked;
  gpgme_key_unref (key);
  if (!can_encrypt)
    {
      g_set_error (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_INVALID,
                   _("Key %s cannot be used to encrypt (it has no encryption key, or it has "
                     "expired or been revoked)."), fingerprint);
      return NULL;
    }
  return g_steal_pointer (&fingerprint);
}

char *
mp_openpgp_home_import_public (MpOpenpgpHome  *home,
                               const char     *armored,
                               GError        **error)
{
  gpgme_ctx_t ctx;
  char *fingerprint;

  g_return_val_if_fail (MP_IS_OPENPGP_HOME (home), NULL);
  g_return_val_if_fail (armored != NULL, NULL);

  if (!(ctx = _mp_openpgp_home_new_context (home, error)))
    return NULL;
  fingerprint = import_public (ctx, armored, error);
  gpgme_release (ctx);
  return fingerprint;
}

char *
mp_openpgp_set_reporter_key (MpStore     *store,
                             MpCase      *kase,
                             const char  *armored,
                             GError     **error)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autofree char *fingerprint = NULL;
  gpgme_ctx_t ctx;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (armored != NULL, NULL);

  if (!(home = mp_openpgp_home_new (error)) || !(ctx = _mp_openpgp_home_new_context (home, error)))
    return NULL;
  fingerprint = import_public (ctx, armored, error);
  gpgme_release (ctx);
  if (fingerprint == NULL || !mp_store_set_reporter_key (store, kase, armored, error))
    return NULL;
  return g_steal_pointer (&fingerprint);
}

char *
mp_openpgp_encrypt_letter (MpStore     *store,
                           MpCase      *kase,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autofree char *reporter_key = NULL;
  g_autofree char *reporter_fpr = NULL;
  g_autofree char *desk_fpr = NULL;
  g_autoptr(GError) local_error = NULL;
  gpgme_key_t recipients[2] = { NULL, NULL };
  gpgme_key_t signer = NULL;
  gpgme_data_t plain = NULL;
  gpgme_data_t cipher = NULL;
  gpgme_ctx_t ctx = NULL;
  gpgme_error_t err;
  char *armored = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!(reporter_key = mp_store_get_reporter_key (store, kase, &local_error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_NO_KEY,
                     _("The reporter of %s has no OpenPGP key on the case; ask for one, or "
                       "send the letter unencrypted."), mp_case_get_reference (kase));
      return NULL;
    }
  if (!mp_store_get_desk_key_info (store, &desk_fpr, NULL, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_NO_KEY,
                             _("The desk has no OpenPGP key yet to sign with; generate or "
                               "import one first."));
      return NULL;
    }
  if (!(home = mp_openpgp_home_new_for_store (store, error)) ||
      !(ctx = _mp_openpgp_home_new_context (home, error)) ||
      !(reporter_fpr = import_public (ctx, reporter_key, error)))
    goto out;

  if ((err = gpgme_get_key (ctx, reporter_fpr, &recipients[0], 0)) ||
      (err = gpgme_get_key (ctx, desk_fpr, &signer, 1)) ||
      (err = gpgme_signers_add (ctx, signer)) ||
      (err = gpgme_data_new_from_mem (&plain, text, strlen (text), 0)) ||
      (err = gpgme_data_new (&cipher)) ||
      (err = gpgme_op_encrypt_sign (ctx, recipients, GPGME_ENCRYPT_ALWAYS_TRUST, plain, cipher)))
    {
      set_gpgme_error (error, err, _("Encrypting the letter"));
      goto out;
    }
  {
    g_autoptr(GBytes) bytes = take_data (g_steal_pointer (&cipher));

    armored = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }

out:
  if (plain != NULL)
    gpgme_data_release (plain);
  if (cipher != NULL)
    gpgme_data_release (cipher);
  if (recipients[0] != NULL)
    gpgme_key_unref (recipients[0]);
  if (signer != NULL)
    gpgme_key_unref (signer);
  if (ctx != NULL)
    gpgme_release (ctx);
  return armored;
}
