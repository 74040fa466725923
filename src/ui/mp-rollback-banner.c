/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-rollback-banner.h"

struct _MpRollbackBanner
{
  GtkWidget     parent_instance;

  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkButton    *accept_button;

  MpStore      *store;
  GSignalGroup *store_signals;
};

G_DEFINE_FINAL_TYPE (MpRollbackBanner, mp_rollback_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MpRollbackBanner *self)
{
  g_autofree char *text = NULL;
  guint64 seen = 0, found = 0;
  guint missing;

  if (self->store == NULL || mp_store_is_locked (self->store) ||
      !mp_store_get_rollback (self->store, &seen, &found))
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }
  missing = (guint) MIN (seen - found, G_MAXUINT);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This desk file is older than the one last opened on this "
                                       "computer: %u audit entry is missing. It may have been "
                                       "replaced by an older copy.",
                                       "This desk file is older than the one last opened on this "
                                       "computer: %u audit entries are missing. It may have been "
                                       "replaced by an older copy.",
                                       missing),
                          missing);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
on_accept_clicked_cb (MpRollbackBanner *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!mp_store_accept_rollback (self->store, &error))
    {
      gtk_label_set_text (self->label, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), FALSE);
      return;
    }
  update (self);
}

static void
mp_rollback_banner_dispose (GObject *object)
{
  MpRollbackBanner *self = MP_ROLLBACK_BANNER (object);

  mp_rollback_banner_set_store (self, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_ROLLBACK_BANNER);
  G_OBJECT_CLASS (mp_rollback_banner_parent_class)->dispose (object);
}

static void
mp_rollback_banner_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MpRollbackBanner *self = MP_ROLLBACK_BANNER (object);

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
mp_rollback_banner_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MpRollbackBanner *self = MP_ROLLBACK_BANNER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_rollback_banner_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_rollback_banner_class_init (MpRollbackBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_rollback_banner_dispose;
  object_class->get_property = mp_rollback_banner_get_property;
  object_class->set_property = mp_rollback_banner_set_property;

  /* The desk whose file is checked. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-rollback-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MpRollbackBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, MpRollbackBanner, label);
  gtk_widget_class_bind_template_child (widget_class, MpRollbackBanner, accept_button);
  gtk_widget_class_bind_template_callback (widget_class, on_accept_clicked_cb);
}

static void
mp_rollback_banner_init (MpRollbackBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

GtkWidget *
mp_rollback_banner_new (void)
{
  return g_object_new (MP_TYPE_ROLLBACK_BANNER, NULL);
}

void
mp_rollback_banner_set_store (MpRollbackBanner *self,
                              MpStore          *store)
{
  g_return_if_fail (MP_IS_ROLLBACK_BANNER (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, store);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
