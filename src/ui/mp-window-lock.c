/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Locking the desk: by hand (win.lock), after the idle time of the
 * preferences, and when the screensaver starts. The pages follow the
 * store's lock themselves; the window closes what shows case data.
 */
#include "config.h"

#include <time.h>

#include "mp-openpgp.h"
#include "mp-preferences-window.h"
#include "mp-ui-util.h"
#include "mp-window-private.h"

/* The idle time counts while the computer is suspended: a laptop shut for
 * an hour wakes up locked. (The monotonic clock stops during suspend.) */
static gint64
awake_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return g_get_monotonic_time ();
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* Connected in the capture phase: it must let every key through. */
static gboolean
on_key_activity_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    MpWindow              *self)
{
  _mp_window_note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_motion_activity_cb (GtkEventControllerMotion *controller,
                       double                    x,
                       double                    y,
                       MpWindow                 *self)
{
  _mp_window_note_activity (self);
}

static void
on_click_activity_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      MpWindow        *self)
{
  _mp_window_note_activity (self);
}

static gboolean
check_idle_cb (gpointer user_data)
{
  MpWindow *self = user_data;
  guint minutes = mp_preferences_get_lock_timeout ();

  if (minutes > 0 && _mp_window_is_unlocked (self) &&
      awake_time () - self->last_activity > (gint64) minutes * 60 * G_USEC_PER_SEC)
    _mp_window_lock (self);
  return G_SOURCE_CONTINUE;
}

static void
on_screensaver_cb (MpWindow *self)
{
  gboolean active = FALSE;

  g_object_get (gtk_window_get_application (GTK_WINDOW (self)), "screensaver-active", &active, NULL);
  if (active)
    _mp_window_lock (self);
}

void
_mp_window_lock (MpWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->store == NULL || mp_store_is_locked (self->store))
    return;

  /* Close every window that shows case data before the keys go, and take
   * a letter or voucher copied from the desk off the clipboard. */
  mp_ui_forget_confidential (GTK_WIDGET (self));
  if (self->intake != NULL)
    gtk_window_destroy (GTK_WINDOW (self->intake));
  if (application != NULL)
    {
      GList *windows = g_list_copy (gtk_application_get_windows (application));

      for (GList *l = windows; l != NULL; l = l->next)
        if (l->data != self && gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
          gtk_window_destroy (l->data);
      g_list_free (windows);
    }

  /* The pages follow the lock: the case page lets its case and its copies
   * of attachments go, the list and the calendar empty. */
  mp_store_lock (self->store);
  mp_openpgp_wipe_homes (self->store);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  mp_unlock_page_reset (self->unlock_page);
}

void
_mp_window_note_activity (MpWindow *self)
{
  self->last_activity = awake_time ();
}

/* Any key, pointer movement or click counts as activity for the idle lock. */
void
_mp_window_init_lock (MpWindow *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_activity_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_activity_cb), self);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_activity_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  self->idle_source = g_timeout_add_seconds (20, check_idle_cb, self);
}

/* Once the window has its application. */
void
_mp_window_watch_screensaver (MpWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application != NULL && self->screensaver_id == 0)
    self->screensaver_id = g_signal_connect_object (application, "notify::screensaver-active",
                                                    G_CALLBACK (on_screensaver_cb), self,
                                                    G_CONNECT_SWAPPED);
}
