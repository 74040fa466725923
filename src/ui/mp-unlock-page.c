/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-keyring.h"
#include "mp-unlock-page.h"

struct _MpUnlockPage
{
  AdwBin        parent_instance;

  MpStore      *store;
  GSignalGroup *store_signals;  /* the lock: the desk's name */
  gboolean      busy;

  AdwStatusPage *status_page;
  AdwEntryRow  *passphrase_row;
  GtkLabel     *problem_label;
  GtkButton    *unlock_button;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (MpUnlockPage, mp_unlock_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (MpUnlockPage *self,
          gboolean      busy)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !busy && *text != '\0');
}

/* The desk's name is known once it has been created. */
static void
update_title (MpUnlockPage *self)
{
  if (self->store != NULL && mp_store_get_organisation (self->store) != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("%s Desk Locked"),
                                                mp_store_get_organisation (self->store));

      adw_status_page_set_title (self->status_page, title);
    }
}

static void
on_passphrase_changed_cb (MpUnlockPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
  set_busy (self, self->busy);
}

static void
unlock_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MpUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!mp_store_unlock_finish (MP_STORE (object), result, &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  /* The keyring's key may be one another program has rotated since. */
  mp_keyring_refresh (MP_STORE (object));
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
on_unlock_clicked_cb (MpUnlockPage *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (self->busy || self->store == NULL || *passphrase == '\0')
    return;

  set_busy (self, TRUE);
  mp_store_unlock_async (self->store, passphrase, NULL, unlock_done_cb, g_object_ref (self));
}

static void
mp_unlock_page_dispose (GObject *object)
{
  MpUnlockPage *self = MP_UNLOCK_PAGE (object);

  /* AdwBin unparents its child itself; let it go first. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  /* AdwBin unparents its child itself; let it go first. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_UNLOCK_PAGE);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mp_unlock_page_parent_class)->dispose (object);
}

static void
mp_unlock_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MpUnlockPage *self = MP_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_unlock_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MpUnlockPage *self = MP_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_unlock_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_unlock_page_class_init (MpUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_unlock_page_dispose;
  object_class->get_property = mp_unlock_page_get_property;
  object_class->set_property = mp_unlock_page_set_property;

  /* The desk to unlock. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, MpUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MpUnlockPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, MpUnlockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed_cb);
}

static void
mp_unlock_page_init (MpUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
}

void
mp_unlock_page_set_store (MpUnlockPage *self,
                          MpStore      *store)
{
  g_return_if_fail (MP_IS_UNLOCK_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (store == self->store)
    return;
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
mp_unlock_page_reset (MpUnlockPage *self)
{
  g_return_if_fail (MP_IS_UNLOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
keyring_unlock_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(MpUnlockPage) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!mp_keyring_unlock_finish (MP_STORE (object), result, &error))
    {
      /* Quietly: the passphrase still works. Never log the key itself. */
      g_debug ("Login keyring not used: %s", error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  if (MP_STORE (object) == self->store)
    g_signal_emit (self, signals[UNLOCKED], 0);
}

void
mp_unlock_page_try_keyring (MpUnlockPage *self)
{
  g_return_if_fail (MP_IS_UNLOCK_PAGE (self));

  if (self->store == NULL || self->busy || !mp_keyring_is_enabled ())
    return;
  set_busy (self, TRUE);
  mp_keyring_unlock_async (self->store, NULL, keyring_unlock_done_cb, g_object_ref (self));
}
