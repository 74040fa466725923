/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The main window: a stack of the unlock page, the welcome page of a new
 * desk, a problem page and the desk page (mp-desk-page.c). Each page is
 * bound once to the window's store and follows its lock itself; the
 * actions are in mp-window-actions.c, locking in mp-window-lock.c.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-keyring.h"
#include "mp-openpgp.h"
#include "mp-preferences-window.h"
#include "mp-ui-util.h"
#include "mp-window-private.h"

G_DEFINE_FINAL_TYPE (MpWindow, mp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_store (MpWindow *self,
           MpStore  *store)
{
  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  _mp_window_update_actions (self);
}

static void
show_desk (MpWindow *self)
{
  g_autofree char *actor = mp_preferences_dup_handler_name ();

  _mp_window_build_desk (self);
  mp_store_set_actor (self->store, actor);
  mp_ui_follow_desk_policy (self->store);
  gtk_stack_set_visible_child_name (self->stack, "desk");
  mp_desk_page_restore_view (self->desk);
  _mp_window_note_activity (self);
  if (self->pending_imports->len > 0)
    mp_window_import (self, NULL, 0);
}

static void
on_unlocked_cb (MpWindow *self)
{
  show_desk (self);
}

/* Adds @page under a flat header bar to the window's stack, as the unlock
 * page is in mp-window.ui. The welcome and problem pages are added only
 * when they are needed: most starts show neither. */
static void
add_page (MpWindow   *self,
          const char *name,
          GtkWidget  *page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header_bar = adw_header_bar_new ();

  gtk_widget_add_css_class (header_bar, "flat");
  gtk_box_append (GTK_BOX (box), header_bar);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  gtk_stack_add_named (self->stack, box, name);
}

static void
add_welcome_page (MpWindow *self)
{
  if (self->welcome_page != NULL)
    return;
  self->welcome_page = g_object_new (MP_TYPE_WELCOME_PAGE, NULL);
  g_object_bind_property (self, "store", self->welcome_page, "store", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->welcome_page, "created", G_CALLBACK (on_unlocked_cb), self,
                           G_CONNECT_SWAPPED);
  add_page (self, "welcome", GTK_WIDGET (self->welcome_page));
}

static void
show_problem (MpWindow   *self,
              const char *problem)
{
  if (self->problem_page == NULL)
    {
      self->problem_page = ADW_STATUS_PAGE (adw_status_page_new ());
      adw_status_page_set_icon_name (self->problem_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->problem_page, _("The Desk Cannot Be Opened"));
      add_page (self, "problem", GTK_WIDGET (self->problem_page));
    }
  adw_status_page_set_description (self->problem_page, problem);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static void
open_store (MpWindow   *self,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MpStore) store = mp_store_open (path, &error);

  if (store == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  set_store (self, store);
  if (!mp_store_is_initialised (store))
    {
      add_welcome_page (self);
      gtk_stack_set_visible_child_name (self->stack, "welcome");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "unlock");
      mp_unlock_page_try_keyring (self->unlock_page);
    }
}

static gboolean
build_desk_cb (gpointer user_data)
{
  MpWindow *self = user_data;

  self->build_desk_source = 0;
  _mp_window_build_desk (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   MpWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  if (self->desk == NULL && self->build_desk_source == 0)
    self->build_desk_source = g_idle_add_full (G_PRIORITY_LOW, build_desk_cb, self, NULL);
}

static gboolean
mp_window_close_request (GtkWindow *window)
{
  GSettings *settings = mp_ui_get_settings ();

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (mp_window_parent_class)->close_request (window);
}

static void
mp_window_realize (GtkWidget *widget)
{
  MpWindow *self = MP_WINDOW (widget);

  GTK_WIDGET_CLASS (mp_window_parent_class)->realize (widget);
  if (self->desk == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_frame_cb), self, 0);
  _mp_window_watch_screensaver (self);
}

static void
mp_window_dispose (GObject *object)
{
  MpWindow *self = MP_WINDOW (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->build_desk_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->pending_imports, g_ptr_array_unref);
  g_clear_object (&self->eml_intake);
  if (self->intake != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->intake), (gpointer *) &self->intake);
  self->intake = NULL;
  if (self->desk != NULL)
    mp_desk_page_clear_temp (self->desk);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_WINDOW);
  /* The pages added later went with the stack. */
  self->problem_page = NULL;
  self->welcome_page = NULL;
  self->desk = NULL;
  if (self->store != NULL)
    {
      mp_store_lock (self->store);
      mp_openpgp_wipe_homes (self->store);
    }
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mp_window_parent_class)->dispose (object);
}

static void
mp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MpWindow *self = MP_WINDOW (object);

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
mp_window_class_init (MpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_window_dispose;
  object_class->get_property = mp_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = mp_window_close_request;
  widget_class->realize = mp_window_realize;

  /* The desk the window shows, locked or not; every page is bound to it. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_UNLOCK_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, unlock_page);
  gtk_widget_class_bind_template_callback (widget_class, on_unlocked_cb);
  gtk_widget_class_bind_template_callback (widget_class, _mp_window_update_actions);

  _mp_window_class_add_actions (widget_class);
}

static void
mp_window_init (MpWindow *self)
{
  GSettings *settings = mp_ui_get_settings ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_imports = g_ptr_array_new_with_free_func (g_object_unref);
  self->eml_intake = mp_eml_intake_new (self->toast_overlay);
  g_object_bind_property (self, "store", self->eml_intake, "store", G_BINDING_SYNC_CREATE);
  /* The actions follow the lock, whoever locks. */
  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (_mp_window_update_actions), self, G_CONNECT_SWAPPED);
  mp_keyring_follow_store (self->store_signals);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  _mp_window_init_lock (self);
  _mp_window_init_actions (self);
}

gboolean
_mp_window_is_unlocked (MpWindow *self)
{
  return self->store != NULL && !mp_store_is_locked (self->store) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "desk") == 0;
}

/* The desk page (case list, case page, calendar, overview) takes longer to
 * build than everything else in the window together: it is built when it
 * is first needed, or while the unlock page waits for the passphrase, so
 * that the unlock page is drawn without waiting for it. */
void
_mp_window_build_desk (MpWindow *self)
{
  if (self->desk != NULL)
    return;
  g_clear_handle_id (&self->build_desk_source, g_source_remove);

  self->desk = MP_DESK_PAGE (mp_desk_page_new ());
  g_object_bind_property (self, "store", self->desk, "store", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->desk, "notify::case", G_CALLBACK (_mp_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->desk), "desk");
  mp_desk_page_add_drop_target (self->desk, self->eml_intake);
  mp_desk_page_capture_keys (self->desk, GTK_WIDGET (self));
}

gboolean
_mp_window_release_store (MpWindow *self)
{
  MpStore *store = self->store;

  g_return_val_if_fail (MP_IS_WINDOW (self), FALSE);

  if (store == NULL)
    return TRUE;
  _mp_window_lock (self);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  /* Every page is bound to the window's store: they all let it go. */
  set_store (self, NULL);
  if (store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  return store == NULL;
}

void
_mp_window_open_store (MpWindow   *self,
                       const char *path)
{
  g_return_if_fail (MP_IS_WINDOW (self));
  g_return_if_fail (self->store == NULL);

  open_store (self, path);
}

MpWindow *
_mp_window_new_for_store (MpApplication *application,
                          MpStore       *store)
{
  MpWindow *self = g_object_new (MP_TYPE_WINDOW, "application", application, NULL);

  set_store (self, store);
  show_desk (self);
  return self;
}

MpIntakeDialog *
_mp_window_get_intake (MpWindow *self)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), NULL);
  return self->intake;
}

MpEmlIntake *
_mp_window_get_eml_intake (MpWindow *self)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), NULL);
  return self->eml_intake;
}

/* Public API */

MpWindow *
mp_window_new (MpApplication *application,
               const char    *path)
{
  MpWindow *self = g_object_new (MP_TYPE_WINDOW, "application", application, NULL);

  open_store (self, path);
  return self;
}

MpStore *
mp_window_get_store (MpWindow *self)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), NULL);
  return self->store;
}
