/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-application.h"
#include "mp-window.h"

struct _MpApplication
{
  AdwApplication  parent_instance;
  char           *database;
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

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "The Meldpunt developers", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Meldpunt"),
                         "application-icon", APPLICATION_ID,
                         "comments", _("Vulnerability disclosure desk"),
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
mp_application_startup (GApplication *application)
{
  static const char * const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (mp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
mp_application_finalize (GObject *object)
{
  MpApplication *self = MP_APPLICATION (object);

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
}

MpApplication *
mp_application_new (void)
{
  return g_object_new (MP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
