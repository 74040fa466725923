/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The window's actions (win.*), their shortcuts, and e-mail import: .eml
 * files opened with Meldpunt, chosen or dropped here; mp-eml-intake.c
 * reads them in the background and tells how it went.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-backup-actions.h"
#include "mp-preferences-window.h"
#include "mp-publish-dialog.h"
#include "mp-report-ui.h"
#include "mp-ui-util.h"
#include "mp-window-private.h"

/* The keyboard shortcuts window, built the first time it is asked for. */
static void
show_help_overlay_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();

      gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
      if (!gtk_builder_add_from_resource (builder, RESOURCE_BASE "/ui/help-overlay.ui", NULL))
        g_return_if_reached ();
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _mp_window_lock (MP_WINDOW (widget));
}

static void
on_intake_created_cb (MpWindow       *self,
                      MpCase         *kase,
                      MpIntakeDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("Report logged as %s"), mp_case_get_reference (kase));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  mp_desk_page_show_case (self->desk, kase, NULL);
}

static void
new_report_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (!_mp_window_is_unlocked (self))
    return;
  if (self->intake != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->intake));
      return;
    }
  self->intake = mp_intake_dialog_new (GTK_WINDOW (self), self->store);
  g_object_add_weak_pointer (G_OBJECT (self->intake), (gpointer *) &self->intake);
  g_signal_connect_object (self->intake, "created", G_CALLBACK (on_intake_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->intake));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (_mp_window_is_unlocked (self))
    mp_desk_page_search (self->desk);
}

/* win.check-mail: the desk's mailbox, read now (issue 22). */
static void
check_mail_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (_mp_window_is_unlocked (self))
    mp_desk_page_check_mail (self->desk);
}

/* win.publish: the desk's public documents (issue 24). */
static void
publish_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (_mp_window_is_unlocked (self))
    gtk_window_present (GTK_WINDOW (mp_publish_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  MpPreferencesWindow *preferences;

  if (!_mp_window_is_unlocked (self))
    return;
  preferences = mp_preferences_window_new (GTK_WINDOW (self), self->store);
  /* A named page ("desk-key", "mailbox"): e.g. from the key's expiry on the
   * calendar. */
  if (parameter != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                  g_variant_get_string (parameter, NULL));
  /* The pages follow the desk's policy themselves (MpStore::policy-changed). */
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Printing and exporting: mp-report-ui.c. */

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  MpCase *kase = self->desk != NULL ? mp_desk_page_get_case (self->desk) : NULL;

  if (_mp_window_is_unlocked (self) && kase != NULL)
    mp_report_ui_print (GTK_WIDGET (self->toast_overlay), self->store, kase);
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  MpCase *kase = self->desk != NULL ? mp_desk_page_get_case (self->desk) : NULL;

  if (_mp_window_is_unlocked (self) && kase != NULL)
    mp_report_ui_export_case (GTK_WIDGET (self->toast_overlay), self->store, kase);
}

static void
period_report_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (_mp_window_is_unlocked (self))
    mp_report_ui_export_period (GTK_WIDGET (self->toast_overlay), self->store);
}

static void
on_imported_cb (MpWindow *self,
                MpCase   *kase)
{
  _mp_window_build_desk (self);
  mp_desk_page_show_case (self->desk, kase, NULL);
}

static void
import_files (MpWindow  *self,
              GPtrArray *files)
{
  mp_eml_intake_import_files (self->eml_intake, (GFile **) files->pdata, files->len);
}

static void
import_chooser_cb (GtkNativeDialog *chooser,
                   int              response,
                   MpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && _mp_window_is_unlocked (self))
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      mp_ui_keep_all_out_of_recent (files);
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      import_files (self, list);
    }
  g_clear_object (&self->chooser);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!_mp_window_is_unlocked (self) || self->chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("E-mail messages"));
  gtk_file_filter_add_mime_type (filter, "message/rfc822");
  gtk_file_filter_add_suffix (filter, "eml");
  self->chooser = gtk_file_chooser_native_new (_("Import E-mail"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_chooser_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_mp_window_update_actions (MpWindow *self)
{
  gboolean unlocked = _mp_window_is_unlocked (self);
  gboolean has_case = unlocked && self->desk != NULL && mp_desk_page_get_case (self->desk) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-report", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences-page", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", has_case);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.period-report", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.publish", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-mail", unlocked);
}

void
_mp_window_init_actions (MpWindow *self)
{
  g_signal_connect_object (self->eml_intake, "imported", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->eml_intake, "show-case", G_CALLBACK (on_imported_cb), self,
                           G_CONNECT_SWAPPED);
  _mp_window_update_actions (self);
}

void
_mp_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_activated);
  gtk_widget_class_install_action (widget_class, "win.new-report", NULL, new_report_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences-page", "s", preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_activated);
  gtk_widget_class_install_action (widget_class, "win.check-mail", NULL, check_mail_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.back-up", NULL, mp_backup_actions_back_up);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, mp_backup_actions_restore);
  gtk_widget_class_install_action (widget_class, "win.open-desk", NULL,
                                   mp_backup_actions_open_desk);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_activated);
  gtk_widget_class_install_action (widget_class, "win.period-report", NULL, period_report_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

/* Public API */

void
mp_window_import (MpWindow  *self,
                  GFile    **files,
                  int        n_files)
{
  g_return_if_fail (MP_IS_WINDOW (self));

  /* A locked desk imports once it is unlocked. */
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->pending_imports, g_object_ref (files[i]));
  if (_mp_window_is_unlocked (self) && self->pending_imports->len > 0)
    {
      g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending_imports);

      self->pending_imports = g_ptr_array_new_with_free_func (g_object_unref);
      import_files (self, pending);
    }
  else if (n_files > 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Unlock the desk to import the e-mail")));
}
