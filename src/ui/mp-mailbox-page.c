/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-mailbox.h"
#include "mp-mailbox-page.h"
#include "mp-store-mailbox.h"

struct _MpMailboxPage
{
  AdwPreferencesPage  parent_instance;

  AdwEntryRow        *imap_row;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow        *folder_row;
  AdwEntryRow        *smtp_row;
  AdwEntryRow        *ca_row;
  GtkButton          *check_button;
  GtkButton          *save_button;

  MpStore            *store;
};

G_DEFINE_FINAL_TYPE (MpMailboxPage, mp_mailbox_page, ADW_TYPE_PREFERENCES_PAGE)

static void
toast (MpMailboxPage *self,
       const char    *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
save (MpMailboxPage  *self,
      GError        **error)
{
  g_autoptr(MpMailboxSettings) settings = g_new0 (MpMailboxSettings, 1);
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  g_autofree char *ca_path = entry_text (self->ca_row);
  g_autofree char *had_password = NULL;
  gboolean ok;

  settings->imap_url = entry_text (self->imap_row);
  settings->user = entry_text (self->user_row);
  settings->folder = entry_text (self->folder_row);
  settings->smtp_url = entry_text (self->smtp_row);
  if (*ca_path != '\0' && !g_file_get_contents (ca_path, &settings->ca_pem, NULL, error))
    return FALSE;
  /* an empty password keeps the one the desk has */
  had_password = mp_store_get_mailbox_password (self->store, NULL);
  if (*password == '\0' && had_password == NULL)
    {
      g_set_error_literal (error, MP_MAILBOX_ERROR, MP_MAILBOX_ERROR_INVALID,
                           _("Enter the mailbox password."));
      return FALSE;
    }
  ok = mp_mailbox_settings_save (self->store, settings, *password != '\0' ? password : NULL, error);
  memset (password, 0, strlen (password));
  if (had_password != NULL)
    memset (had_password, 0, strlen (had_password));
  if (ok)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  return ok;
}

static void
on_save_clicked_cb (MpMailboxPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!save (self, &error))
    toast (self, error->message);
  else
    toast (self, _("Mailbox saved"));
}

static void
on_check_clicked_cb (MpMailboxPage *self)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

  if (!save (self, &error))
    {
      toast (self, error->message);
      return;
    }
  /* the window's banner shows the round */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.check-mail", NULL);
  toast (self, _("Checking the mailbox; the main window shows what came in."));
}

static void
load (MpMailboxPage *self)
{
  static const struct { const char *key; gsize offset; } rows[] = {
    { "mailbox.imap_url", G_STRUCT_OFFSET (MpMailboxPage, imap_row) },
    { "mailbox.user", G_STRUCT_OFFSET (MpMailboxPage, user_row) },
    { "mailbox.folder", G_STRUCT_OFFSET (MpMailboxPage, folder_row) },
    { "mailbox.smtp_url", G_STRUCT_OFFSET (MpMailboxPage, smtp_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = mp_store_get_setting (self->store, rows[i].key);
      AdwEntryRow *row = G_STRUCT_MEMBER (AdwEntryRow *, self, rows[i].offset);

      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->folder_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->folder_row), "Meldpunt");
}

static void
mp_mailbox_page_dispose (GObject *object)
{
  MpMailboxPage *self = MP_MAILBOX_PAGE (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_MAILBOX_PAGE);
  G_OBJECT_CLASS (mp_mailbox_page_parent_class)->dispose (object);
}

static void
mp_mailbox_page_class_init (MpMailboxPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_mailbox_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-mailbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, imap_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, smtp_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, ca_row);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxPage, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked_cb);
}

static void
mp_mailbox_page_init (MpMailboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AdwPreferencesPage *
mp_mailbox_page_new (MpStore *store)
{
  MpMailboxPage *self;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_MAILBOX_PAGE, NULL);
  self->store = g_object_ref (store);
  load (self);
  return ADW_PREFERENCES_PAGE (self);
}
