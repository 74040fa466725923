/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Signing what the desk publishes with its key, and checking a signed
 * security.txt, through GPGME in a private home (mp-openpgp.c makes it).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gpgme.h>
#include <string.h>

#include "mp-openpgp-private.h"
#include "mp-openpgp-sign.h"

static void
set_error (GError       **error,
           gpgme_error_t  err,
           const char    *what)
{
  g_set_error (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_FAILED,
               /* Translators: the first %s says what failed, the second is GnuPG's reason */
               _("%s failed: %s."), what, gpgme_strerror (err));
}

static char *
sign_with_desk_key (MpStore                *store,
                    const char             *data,
                    gsize                   length,
                    gpgme_sig_mode_t        mode,
                    GError                **error)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  g_autofree char *fingerprint = NULL;
  gpgme_ctx_t ctx = NULL;
  gpgme_key_t signer = NULL;
  gpgme_data_t plain = NULL;
  gpgme_data_t signed_data = NULL;
  gpgme_error_t err;
  char *result = NULL;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!mp_store_get_desk_key_info (store, &fingerprint, NULL, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_NO_KEY,
                             _("The desk has no OpenPGP key yet to sign with; generate or "
                               "import one first."));
      return NULL;
    }
  if (!(home = mp_openpgp_home_new_for_store (store, error)) ||
      !(ctx = _mp_openpgp_home_new_context (home, error)))
    return NULL;

  /* A clear-signed text is signed as text (its line ends do not count); a
   * detached signature covers the file's bytes exactly. */
  gpgme_set_textmode (ctx, mode == GPGME_SIG_MODE_CLEAR);
  if ((err = gpgme_get_key (ctx, fingerprint, &signer, 1)) ||
      (err = gpgme_signers_add (ctx, signer)) ||
      (err = gpgme_data_new_from_mem (&plain, data, length, 0)) ||
      (err = gpgme_data_new (&signed_data)) ||
      (err = gpgme_op_sign (ctx, plain, signed_data, mode)))
    set_error (error, err, _("Signing"));
  else
    {
      size_t size = 0;
      char *mem = gpgme_data_release_and_get_mem (g_steal_pointer (&signed_data), &size);

      result = g_strndup (mem, size);
      gpgme_free (mem);
    }
  if (plain != NULL)
    gpgme_data_release (plain);
  if (signed_data != NULL)
    gpgme_data_release (signed_data);
  if (signer != NULL)
    gpgme_key_unref (signer);
  gpgme_release (ctx);
  return result;
}

char *
mp_openpgp_clearsign (MpStore     *store,
                      const char  *text,
                      GError     **error)
{
  g_return_val_if_fail (text != NULL, NULL);

  return sign_with_desk_key (store, text, strlen (text), GPGME_SIG_MODE_CLEAR, error);
}

char *
mp_openpgp_sign_detached (MpStore     *store,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  return sign_with_desk_key (store, data, length, GPGME_SIG_MODE_DETACH, error);
}

MpClearsignVerdict
mp_openpgp_verify_clearsigned (const char  *text,
                               const char  *public_key,
                               char       **fingerprint)
{
  g_autoptr(MpOpenpgpHome) home = NULL;
  gpgme_ctx_t ctx = NULL;
  gpgme_data_t key_data = NULL;
  gpgme_data_t sig = NULL;
  gpgme_data_t plain = NULL;
  gpgme_verify_result_t result;
  gpgme_error_t err;
  MpClearsignVerdict state = MP_CLEARSIGN_ERROR;

  g_return_val_if_fail (text != NULL, MP_CLEARSIGN_NONE);

  if (fingerprint != NULL)
    *fingerprint = NULL;
  if (strstr (text, "-----BEGIN PGP SIGNED MESSAGE-----") == NULL)
    return MP_CLEARSIGN_NONE;
  if (!(home = mp_openpgp_home_new (NULL)) || !(ctx = _mp_openpgp_home_new_context (home, NULL)))
    return MP_CLEARSIGN_ERROR;

  if (public_key != NULL && public_key[0] != '\0' &&
      !gpgme_data_new_from_mem (&key_data, public_key, strlen (public_key), 0))
    gpgme_op_import (ctx, key_data);
  if (!(err = gpgme_data_new_from_mem (&sig, text, strlen (text), 0)) &&
      !(err = gpgme_data_new (&plain)))
    err = gpgme_op_verify (ctx, sig, NULL, plain);
  if (!err && (result = gpgme_op_verify_result (ctx)) != NULL && result->signatures != NULL)
    {
      gpgme_signature_t signature = result->signatures;

      if (fingerprint != NULL && signature->fpr != NULL)
        *fingerprint = g_strdup (signature->fpr);
      switch (gpgme_err_code (signature->status))
        {
        case GPG_ERR_NO_ERROR:
          state = MP_CLEARSIGN_GOOD;
          break;
        case GPG_ERR_BAD_SIGNATURE:
          state = MP_CLEARSIGN_BAD;
          break;
        case GPG_ERR_NO_PUBKEY:
          state = MP_CLEARSIGN_UNKNOWN;
          break;
        case GPG_ERR_SIG_EXPIRED:
        case GPG_ERR_KEY_EXPIRED:
        case GPG_ERR_CERT_EXPIRED:
          state = MP_CLEARSIGN_EXPIRED;
          break;
        default:
          state = MP_CLEARSIGN_ERROR;
          break;
        }
    }
  if (key_data != NULL)
    gpgme_data_release (key_data);
  if (sig != NULL)
    gpgme_data_release (sig);
  if (plain != NULL)
    gpgme_data_release (plain);
  gpgme_release (ctx);
  return state;
}
