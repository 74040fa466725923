/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-application.h"
#include "mp-openpgp.h"
#include "mp-window.h"

struct _MpApplication
{
  AdwApplication   parent_instance;
  char            *database;
  GDBusConnection *sleep_bus;
  guint            sleep_id;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (MpApplication, mp_application, ADW_TYPE_APPLICATION)

static void
mp_application_activate (GApplication *application)
{
  MpApplication *self = MP_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      g_autofree char *path = self->database != NULL ? g_strdup (self->database)
                                                     : mp_store_default_path ();

      window = GTK_WINDOW (mp_window_new (self, path));
    }
  gtk_window_present (window);
}

static void
mp_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GtkWindow *window;

  /* A second launch with .eml files hands them to this instance. */
  mp_application_activate (application);
  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (MP_IS_WINDOW (window))
    mp_window_import (MP_WINDOW (window), files, n_files);
}

static int
mp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  MpApplication *self = MP_APPLICATION (application);
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    self->database = g_strdup (database);
  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* "Audit trail: N entries, fingerprint 1a2b 3c4d …" of an unlocked desk,
 * a plain warning when the chain is broken, NULL while locked.
 * Returns: (transfer full) (nullable) */
char *
mp_application_describe_audit (MpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GString) fingerprint = g_string_new (NULL);
  guint n_entries = 0;
  gint64 first_bad = 0;

  if (store == NULL || mp_store_is_locked (store))
    return NULL;
  if (!mp_store_verify_audit (store, &n_entries, &head, &first_bad, &error))
    return g_strdup_printf (_("The audit trail is broken: %s"), error->message);

  /* The first 16 hex digits in groups of four, enough to compare by eye. */
  for (guint i = 0; head[i] != '\0' && i < 16; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (fingerprint, ' ');
      g_string_append_c (fingerprint, head[i]);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Audit trail: %u entry, fingerprint %s …",
                                       "Audit trail: %u entries, fingerprint %s …", n_entries),
                          n_entries, fingerprint->str);
}

GtkWidget *
mp_application_show_about (GtkWindow *parent)
{
  static const char *developers[] = { "The Meldpunt developers", NULL };
  g_autofree char *audit = NULL;
  g_autofree char *comments = NULL;
  GtkWidget *about = adw_about_window_new ();

  if (MP_IS_WINDOW (parent))
    audit = mp_application_describe_audit (mp_window_get_store (MP_WINDOW (parent)));
  if (audit != NULL)
    comments = g_strdup_printf ("%s\n\n%s", _("Vulnerability disclosure desk"), audit);
  else
    comments = g_strdup (_("Vulnerability disclosure desk"));

  g_object_set (about,
                "transient-for", parent,
                "application-name", _("Meldpunt"),
                "application-icon", APPLICATION_ID,
                "comments", comments,
                "version", PACKAGE_VERSION,
                "developers", developers,
                "website", "https://github.com/meldpunt/meldpunt",
                "issue-url", "https://github.com/meldpunt/meldpunt/issues",
                "translator-credits", _("translator-credits"),
                "license-type", GTK_LICENSE_GPL_3_0,
                NULL);
  gtk_window_present (GTK_WINDOW (about));
  return about;
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  mp_application_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static void
lock_every_window (MpApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MP_IS_WINDOW (l->data))
      gtk_widget_activate_action (GTK_WIDGET (l->data), "win.lock", NULL);
}

static void
on_prepare_for_sleep_cb (GDBusConnection *connection,
                         const char      *sender,
                         const char      *object_path,
                         const char      *interface,
                         const char      *signal,
                         GVariant        *parameters,
                         gpointer         user_data)
{
  gboolean starting = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;
  g_variant_get (parameters, "(b)", &starting);
  /* Locked before the computer sleeps, not after it wakes up in other hands. */
  if (starting)
    lock_every_window (MP_APPLICATION (user_data));
}

static void
unwatch_sleep (MpApplication *self)
{
  if (self->sleep_bus != NULL && self->sleep_id != 0)
    g_dbus_connection_signal_unsubscribe (self->sleep_bus, self->sleep_id);
  self->sleep_id = 0;
  g_clear_object (&self->sleep_bus);
}

void
mp_application_watch_sleep (MpApplication   *self,
                            GDBusConnection *bus)
{
  g_return_if_fail (MP_IS_APPLICATION (self));
  g_return_if_fail (G_IS_DBUS_CONNECTION (bus));

  unwatch_sleep (self);
  self->sleep_bus = g_object_ref (bus);
  self->sleep_id = g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                                       "org.freedesktop.login1.Manager",
                                                       "PrepareForSleep",
                                                       "/org/freedesktop/login1", NULL,
                                                       G_DBUS_SIGNAL_FLAGS_NONE,
                                                       on_prepare_for_sleep_cb, self, NULL);
}

static void
got_system_bus_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MpApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  /* Without a system bus (a container, a test) only the idle time and the
   * screen lock lock the desk. */
  if (bus == NULL)
    g_debug ("No system bus, so no locking before sleep: %s", error->message);
  else if (self->sleep_bus == NULL)
    mp_application_watch_sleep (self, bus);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
mp_application_startup (GApplication *application)
{
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (mp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  /* What GtkApplication sets for a gtk/help-overlay.ui resource; ours is
   * elsewhere so that it is built on first use (mp-window.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay",
                                         help_accels);
  g_bus_get (G_BUS_TYPE_SYSTEM, MP_APPLICATION (application)->cancellable, got_system_bus_cb,
             g_object_ref (application));
}

/* Closing each window closes its desk: the database is checkpointed and
 * its WAL removed now, not left for the next process to find, and a desk
 * file that was created but never set up is removed. */
static void
mp_application_shutdown (GApplication *application)
{
  GList *windows;

  g_cancellable_cancel (MP_APPLICATION (application)->cancellable);
  unwatch_sleep (MP_APPLICATION (application));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
  /* The desk keys' private GnuPG homes, whichever desk they were for. */
  mp_openpgp_wipe_homes (NULL);
  G_APPLICATION_CLASS (mp_application_parent_class)->shutdown (application);
}

static void
mp_application_finalize (GObject *object)
{
  MpApplication *self = MP_APPLICATION (object);

  unwatch_sleep (self);
  g_clear_object (&self->cancellable);
  g_free (self->database);
  G_OBJECT_CLASS (mp_application_parent_class)->finalize (object);
}

static void
mp_application_class_init (MpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mp_application_finalize;
  app_class->activate = mp_application_activate;
  app_class->open = mp_application_open;
  app_class->startup = mp_application_startup;
  app_class->shutdown = mp_application_shutdown;
  app_class->handle_local_options = mp_application_handle_local_options;
}

static void
mp_application_init (MpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The desk's database file"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  self->cancellable = g_cancellable_new ();
}

MpApplication *
mp_application_new (void)
{
  return g_object_new (MP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* GTK follows the screen lock (screensaver-active)
                        * only for an application that registers. */
                       "register-session", TRUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
