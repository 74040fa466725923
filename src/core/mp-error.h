/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MP_STORE_ERROR (mp_store_error_quark ())
#define MP_VAULT_ERROR (mp_vault_error_quark ())

typedef enum
{
  MP_STORE_ERROR_FAILED,
  MP_STORE_ERROR_NOT_A_DATABASE,   /* not SQLite, or corrupt */
  MP_STORE_ERROR_CORRUPT,
  MP_STORE_ERROR_TOO_NEW,          /* written by a newer Meldpunt */
  MP_STORE_ERROR_READ_ONLY,
  MP_STORE_ERROR_FULL,             /* disk or quota full */
  MP_STORE_ERROR_IO,
  MP_STORE_ERROR_BUSY,             /* another process holds the lock */
  MP_STORE_ERROR_NOT_INITIALISED,
  MP_STORE_ERROR_ALREADY_INITIALISED,
  MP_STORE_ERROR_LOCKED,           /* the vault is locked */
  MP_STORE_ERROR_NOT_FOUND,
  MP_STORE_ERROR_INVALID,          /* a value the domain does not accept */
  MP_STORE_ERROR_ERASED,           /* confidential data was erased */
  MP_STORE_ERROR_REPLACED,         /* the desk file was moved, deleted or replaced */
  /* A shared desk's server (issue 20, src/core/store/mp-pg.c): */
  MP_STORE_ERROR_UNREACHABLE,      /* the server cannot be reached */
  MP_STORE_ERROR_AUTHENTICATION,   /* the server refused the user name or password */
  MP_STORE_ERROR_CERTIFICATE,      /* the server's certificate is not trusted */
  MP_STORE_ERROR_PERMISSION_DENIED,/* the server's roles forbid it */
  MP_STORE_ERROR_CONNECTION_LOST,  /* the connection broke; the statement did not finish */
  MP_STORE_ERROR_CONFLICT,         /* someone else changed it meanwhile */
  MP_STORE_ERROR_DAMAGED,          /* a case's sealed records failed their checks */
} MpStoreError;

typedef enum
{
  MP_VAULT_ERROR_FAILED,
  MP_VAULT_ERROR_WRONG_PASSPHRASE,
  MP_VAULT_ERROR_OUT_OF_MEMORY,    /* key derivation could not get its memory */
  MP_VAULT_ERROR_LOCKED,
  MP_VAULT_ERROR_TAMPERED,         /* a ciphertext failed authentication */
  MP_VAULT_ERROR_WEAK_PASSPHRASE,
} MpVaultError;

GQuark mp_store_error_quark (void);
GQuark mp_vault_error_quark (void);

G_END_DECLS
