/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-preferences-window.h"
#include "mp-ui-util.h"

struct _MpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MpStore              *store;

  AdwPreferencesPage   *general_page;
  AdwEntryRow          *handler_row;
  GtkSpinButton        *lock_spin;
};

G_DEFINE_FINAL_TYPE (MpPreferencesWindow, mp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Without an installed schema (a bare build tree) the choices last for the
 * session only. */
static char *session_handler;
static guint session_lock_timeout = 15;

char *
mp_preferences_dup_handler_name (void)
{
  GSettings *settings = mp_ui_get_settings ();
  g_autofree char *name = NULL;

  if (settings != NULL)
    name = g_settings_get_string (settings, "handler-name");
  else
    name = g_strdup (session_handler);
  if (name == NULL || *name == '\0')
    {
      const char *real = g_get_real_name ();

      g_free (name);
      name = g_strdup (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0 ? real
                                                                                         : g_get_user_name ());
    }
  return g_steal_pointer (&name);
}

guint
mp_preferences_get_lock_timeout (void)
{
  GSettings *settings = mp_ui_get_settings ();

  if (settings != NULL)
    return g_settings_get_uint (settings, "lock-timeout");
  return session_lock_timeout;
}

static void
on_handler_apply_cb (MpPreferencesWindow *self)
{
  GSettings *settings = mp_ui_get_settings ();
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->handler_row))));

  if (settings != NULL)
    g_settings_set_string (settings, "handler-name", name);
  else
    {
      g_free (session_handler);
      session_handler = g_strdup (name);
    }
  if (self->store != NULL)
    {
      g_autofree char *actor = mp_preferences_dup_handler_name ();

      mp_store_set_actor (self->store, actor);
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Name saved")));
}

static void
on_lock_changed_cb (MpPreferencesWindow *self)
{
  GSettings *settings = mp_ui_get_settings ();
  guint minutes = (guint) gtk_spin_button_get_value_as_int (self->lock_spin);

  if (settings != NULL)
    g_settings_set_uint (settings, "lock-timeout", minutes);
  else
    session_lock_timeout = minutes;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
mp_preferences_window_dispose (GObject *object)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (mp_preferences_window_parent_class)->dispose (object);
}

static void
mp_preferences_window_class_init (MpPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_preferences_window_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, handler_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, lock_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_handler_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lock_changed_cb);
}

static void
mp_preferences_window_init (MpPreferencesWindow *self)
{
  g_autofree char *name = mp_preferences_dup_handler_name ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_editable_set_text (GTK_EDITABLE (self->handler_row), name);
  g_signal_handlers_block_by_func (self->lock_spin, on_lock_changed_cb, self);
  gtk_spin_button_set_value (self->lock_spin, mp_preferences_get_lock_timeout ());
  g_signal_handlers_unblock_by_func (self->lock_spin, on_lock_changed_cb, self);
}

MpPreferencesWindow *
mp_preferences_window_new (GtkWindow *parent,
                           MpStore   *store)
{
  MpPreferencesWindow *self = g_object_new (MP_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  self->store = store != NULL ? g_object_ref (store) : NULL;
  return self;
}
