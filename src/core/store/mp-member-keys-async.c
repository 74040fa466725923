/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Making and unlocking member keys in a worker thread: Argon2id takes a
 * second and 256 MiB on purpose, which a window must not wait for.
 */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "mp-member-keys.h"

typedef struct
{
  char *name;
  char *email;
  char *passphrase;   /* sodium_malloc */
} Request;

static char *
secure_strdup (const char *text)
{
  gsize length = strlen (text) + 1;
  char *copy = sodium_malloc (length);

  if (copy == NULL)
    g_error ("Out of protected memory for a passphrase");
  memcpy (copy, text, length);
  return copy;
}

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->name);
  g_free (request->email);
  sodium_free (request->passphrase);
  g_free (request);
}

static Request *
request_new (const char *name,
             const char *email,
             const char *passphrase)
{
  Request *request = g_new0 (Request, 1);

  request->name = g_strdup (name);
  request->email = g_strdup (email);
  request->passphrase = secure_strdup (passphrase);
  return request;
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  MpMemberKeys *keys = mp_member_keys_generate (request->name, request->email,
                                                request->passphrase, &error);

  if (keys == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, keys, g_object_unref);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;

  if (mp_member_keys_unlock (source_object, request->passphrase, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * mp_member_keys_generate_async:
 *
 * mp_member_keys_generate() in a worker thread.
 */
void
mp_member_keys_generate_async (const char          *name,
                               const char          *email,
                               const char          *passphrase,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (name != NULL);
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_member_keys_generate_async);
  g_task_set_task_data (task, request_new (name, email, passphrase), request_free);
  g_task_run_in_thread (task, generate_thread);
}

MpMemberKeys *
mp_member_keys_generate_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mp_member_keys_generate_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mp_member_keys_unlock_async:
 *
 * mp_member_keys_unlock() in a worker thread.
 */
void
mp_member_keys_unlock_async (MpMemberKeys        *self,
                             const char          *passphrase,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MP_IS_MEMBER_KEYS (self));
  g_return_if_fail (passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mp_member_keys_unlock_async);
  g_task_set_task_data (task, request_new (NULL, NULL, passphrase), request_free);
  g_task_run_in_thread (task, unlock_thread);
}

gboolean
mp_member_keys_unlock_finish (MpMemberKeys  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (MP_IS_MEMBER_KEYS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
