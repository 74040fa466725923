/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "mp-keyring.h"
#include "mp-ui-util.h"

static gboolean session_enabled;

static const SecretSchema *
master_key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.meldpunt.Meldpunt.MasterKey", SECRET_SCHEMA_NONE,
    {
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

gboolean
mp_keyring_is_enabled (void)
{
  GSettings *settings = mp_ui_get_settings ();

  if (settings != NULL)
    return g_settings_get_boolean (settings, "unlock-with-login");
  return session_enabled;
}

void
mp_keyring_set_enabled (gboolean enabled)
{
  GSettings *settings = mp_ui_get_settings ();

  if (settings != NULL)
    g_settings_set_boolean (settings, "unlock-with-login", enabled);
  session_enabled = enabled;
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mp_keyring_store_async (MpStore             *store,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GBytes) key = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  key = mp_store_export_key (store, &error);
  if (key == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  label = g_strdup_printf (_("Meldpunt desk key for %s"), mp_store_get_path (store));
  /* The exported key is NUL-terminated text. libsecret copies it into its
   * own non-pageable memory. */
  secret_password_store (master_key_schema (), SECRET_COLLECTION_DEFAULT, label,
                         g_bytes_get_data (key, NULL), cancellable, store_done_cb,
                         g_steal_pointer (&task),
                         "database", mp_store_get_path (store), NULL);
}

gboolean
mp_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mp_keyring_clear (const char *path)
{
  g_return_if_fail (path != NULL);

  secret_password_clear (master_key_schema (), NULL, NULL, NULL, "database", path, NULL);
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MpStore *store = g_task_get_source_object (task);
  GError *error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (key == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                     _("The login keyring holds no key for this desk."));
      g_task_return_error (task, error);
      return;
    }
  if (!mp_store_unlock_with_key (store, key, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  secret_password_free (key);
}

void
mp_keyring_unlock_async (MpStore             *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  secret_password_lookup (master_key_schema (), cancellable, lookup_done_cb, task,
                          "database", mp_store_get_path (store), NULL);
}

gboolean
mp_keyring_unlock_finish (MpStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static guint n_replaced;

static void
key_replaced_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mp_keyring_store_finish (result, &error))
    g_warning ("The login keyring could not take the desk's new key: %s", error->message);
  else
    n_replaced++;
}

guint
_mp_keyring_get_n_replaced (void)
{
  return n_replaced;
}

void
mp_keyring_refresh (MpStore *store)
{
  g_return_if_fail (MP_IS_STORE (store));

  if (mp_keyring_is_enabled () && !mp_store_is_locked (store))
    mp_keyring_store_async (store, NULL, key_replaced_cb, NULL);
}

static void
on_key_changed_cb (MpStore *store)
{
  /* The key in the keyring opens nothing any more: the desk's master key
   * was rotated (an erase, a passphrase change). */
  mp_keyring_refresh (store);
}

void
mp_keyring_follow_store (GSignalGroup *store_signals)
{
  g_return_if_fail (G_IS_SIGNAL_GROUP (store_signals));

  g_signal_group_connect (store_signals, "key-changed", G_CALLBACK (on_key_changed_cb), NULL);
}
