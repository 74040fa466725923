/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "mp-backup-actions.h"
#include "mp-calendar-view.h"
#include "mp-case-list.h"
#include "mp-case-page.h"
#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-eml-intake.h"
#include "mp-intake-dialog.h"
#include "mp-overview-page.h"
#include "mp-preferences-window.h"
#include "mp-publish-dialog.h"
#include "mp-report-ui.h"
#include "mp-ui-util.h"
#include "mp-unlock-page.h"
#include "mp-welcome-page.h"
#include "mp-window-private.h"

struct _MpWindow
{
  AdwApplicationWindow  parent_instance;

  MpStore              *store;
  MpIntakeDialog       *intake;        /* weak */
  gint64                last_activity;
  guint                 idle_source;
  gulong                screensaver_id;
  GPtrArray            *pending_imports;  /* GFile, opened while locked */
  guint                 build_desk_source;
  GtkFileChooserNative *chooser;
  MpEmlIntake          *eml_intake;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MpUnlockPage         *unlock_page;
  AdwStatusPage        *problem_page;  /* only once a desk cannot be opened */
  MpWelcomePage        *welcome_page;  /* only once a new desk needs it */

  /* The desk page, built on first use (build_desk ()); NULL until then. */
  GtkWidget            *desk;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwLeaflet           *leaflet;
  MpCaseList           *case_list;
  MpCasePage           *case_page;
  MpOverviewPage       *overview_page;
  MpCalendarView       *calendar_view;
  GtkWidget            *drop_overlay;
  GtkWidget            *drop_highlight;
};

G_DEFINE_FINAL_TYPE (MpWindow, mp_window, ADW_TYPE_APPLICATION_WINDOW)

static void build_desk (MpWindow *self);

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

static gboolean
is_unlocked (MpWindow *self)
{
  return self->store != NULL && !mp_store_is_locked (self->store) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "desk") == 0;
}

static void
update_actions (MpWindow *self)
{
  gboolean unlocked = is_unlocked (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-report", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back-up", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print",
                                 unlocked && mp_case_page_get_case (self->case_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf",
                                 unlocked && mp_case_page_get_case (self->case_page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.period-report", unlocked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.publish", unlocked);
}

static void
show_desk (MpWindow *self)
{
  GSettings *settings = mp_ui_get_settings ();
  g_autofree char *actor = mp_preferences_dup_handler_name ();

  build_desk (self);
  mp_store_set_actor (self->store, actor);
  mp_ui_follow_desk_policy (self->store);
  mp_case_list_set_model (self->case_list, mp_store_get_cases (self->store));
  mp_case_page_set_store (self->case_page, self->store);
  mp_eml_intake_set_store (self->eml_intake, self->store);
  mp_overview_page_set_store (self->overview_page, self->store);
  mp_calendar_view_set_store (self->calendar_view, self->store);
  adw_view_switcher_title_set_subtitle (self->switcher_title, mp_store_get_organisation (self->store));
  gtk_stack_set_visible_child_name (self->stack, "desk");
  if (settings != NULL)
    {
      g_autofree char *view = g_settings_get_string (settings, "last-view");

      if (g_strcmp0 (view, "overview") == 0 || g_strcmp0 (view, "cases") == 0 ||
          g_strcmp0 (view, "calendar") == 0)
        adw_view_stack_set_visible_child_name (self->view_stack, view);
    }
  self->last_activity = awake_time ();
  update_actions (self);
  if (self->pending_imports->len > 0)
    mp_window_import (self, NULL, 0);
}

static void
on_unlocked_cb (MpWindow *self)
{
  show_desk (self);
}

static void
lock_desk (MpWindow *self)
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

  if (self->desk != NULL)
    {
      mp_case_page_set_case (self->case_page, NULL);
      mp_case_page_clear_temp (self->case_page);
      mp_case_list_set_model (self->case_list, NULL);
      mp_overview_page_set_store (self->overview_page, NULL);
      mp_calendar_view_set_store (self->calendar_view, NULL);
    }
  mp_store_lock (self->store);
  mp_unlock_page_set_store (self->unlock_page, self->store);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  mp_unlock_page_reset (self->unlock_page);
  update_actions (self);
}

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
  lock_desk (MP_WINDOW (widget));
}

static void
on_intake_created_cb (MpWindow       *self,
                      MpCase         *kase,
                      MpIntakeDialog *dialog)
{
  g_autofree char *message = g_strdup_printf (_("Report logged as %s"), mp_case_get_reference (kase));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  mp_case_list_refresh (self->case_list);
  mp_case_list_select (self->case_list, kase);
  mp_case_page_set_case (self->case_page, kase);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
  mp_overview_page_update (self->overview_page);
  update_actions (self);
}

static void
new_report_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (!is_unlocked (self))
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

  if (!is_unlocked (self))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  mp_case_list_start_search (self->case_list, NULL);
}

/* win.publish: the desk's public documents (issue 24). */
static void
publish_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (is_unlocked (self))
    gtk_window_present (GTK_WINDOW (mp_publish_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
on_preferences_changed_cb (MpWindow *self)
{
  if (is_unlocked (self))
    mp_ui_follow_desk_policy (self->store);
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  MpPreferencesWindow *preferences;

  if (!is_unlocked (self))
    return;
  preferences = mp_preferences_window_new (GTK_WINDOW (self), self->store);
  /* The desk's zone first: the list formats its dates in it. */
  g_signal_connect_object (preferences, "changed", G_CALLBACK (on_preferences_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "changed", G_CALLBACK (mp_case_list_refresh), self->case_list,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Printing and exporting: mp-report-ui.c. */

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  MpCase *kase = mp_case_page_get_case (self->case_page);

  if (is_unlocked (self) && kase != NULL)
    mp_report_ui_print (GTK_WIDGET (self->toast_overlay), self->store, kase);
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);
  MpCase *kase = mp_case_page_get_case (self->case_page);

  if (is_unlocked (self) && kase != NULL)
    mp_report_ui_export_case (GTK_WIDGET (self->toast_overlay), self->store, kase);
}

static void
period_report_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (is_unlocked (self))
    mp_report_ui_export_period (GTK_WIDGET (self->toast_overlay), self->store);
}

/* E-mail import: .eml files opened with Meldpunt, chosen or dropped here;
 * mp-eml-intake.c reads them in the background and tells how it went. */

static void
on_imported_cb (MpWindow *self,
                MpCase   *kase)
{
  build_desk (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  mp_case_list_refresh (self->case_list);
  mp_case_list_select (self->case_list, kase);
  mp_case_page_set_case (self->case_page, kase);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
  mp_overview_page_update (self->overview_page);
  update_actions (self);
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
  if (response == GTK_RESPONSE_ACCEPT && is_unlocked (self))
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

  if (!is_unlocked (self) || self->chooser != NULL)
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
mp_window_import (MpWindow  *self,
                  GFile    **files,
                  int        n_files)
{
  g_return_if_fail (MP_IS_WINDOW (self));

  /* A locked desk imports once it is unlocked. */
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->pending_imports, g_object_ref (files[i]));
  if (is_unlocked (self) && self->pending_imports->len > 0)
    {
      g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending_imports);

      self->pending_imports = g_ptr_array_new_with_free_func (g_object_unref);
      import_files (self, pending);
    }
  else if (n_files > 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Unlock the desk to import the e-mail")));
}

static void
on_case_activated_cb (MpWindow *self,
                      MpCase   *kase)
{
  if (mp_case_page_get_case (self->case_page) != kase)
    mp_case_page_set_case (self->case_page, kase);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
  update_actions (self);
}

static void
on_calendar_open_case_cb (MpWindow   *self,
                          const char *reference,
                          const char *kind)
{
  MpCase *kase = self->store != NULL ? mp_store_find_case (self->store, reference) : NULL;

  /* The desk's own renewal (issue 24) is done where it was published. */
  if (g_strcmp0 (kind, "security-txt-renewal") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.publish", NULL);
      return;
    }
  if (kase == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  mp_case_list_select (self->case_list, kase);
  mp_case_page_set_case (self->case_page, kase);
  /* A deadline opens the case at the step it belongs to. */
  if (kind != NULL)
    mp_case_page_show_step (self->case_page, mp_checklist_get_step (mp_deadlines_kind_get_step (kind))->id);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
  update_actions (self);
}

static void
on_case_changed_cb (MpWindow *self)
{
  mp_case_list_refresh (self->case_list);
  mp_overview_page_update (self->overview_page);
}

static void
on_case_page_open_case_cb (MpWindow   *self,
                           const char *reference)
{
  on_calendar_open_case_cb (self, reference, NULL);
}

static void
on_back_cb (MpWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
on_folded_cb (MpWindow *self)
{
  mp_case_page_set_show_back (self->case_page, adw_leaflet_get_folded (self->leaflet));
}

static void
on_view_changed_cb (MpWindow *self)
{
  GSettings *settings = mp_ui_get_settings ();
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "overview") == 0)
    mp_overview_page_update (self->overview_page);
  if (settings != NULL && view != NULL && is_unlocked (self))
    g_settings_set_string (settings, "last-view", view);
}

static void
note_activity (MpWindow *self)
{
  self->last_activity = awake_time ();
}

/* Connected in the capture phase: it must let every key through. */
static gboolean
on_key_activity_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    MpWindow              *self)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
on_motion_activity_cb (GtkEventControllerMotion *controller,
                       double                    x,
                       double                    y,
                       MpWindow                 *self)
{
  note_activity (self);
}

static void
on_click_activity_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      MpWindow        *self)
{
  note_activity (self);
}

static gboolean
check_idle_cb (gpointer user_data)
{
  MpWindow *self = user_data;
  guint minutes = mp_preferences_get_lock_timeout ();

  if (minutes > 0 && is_unlocked (self) &&
      awake_time () - self->last_activity > (gint64) minutes * 60 * G_USEC_PER_SEC)
    lock_desk (self);
  return G_SOURCE_CONTINUE;
}

static void
on_screensaver_cb (MpWindow *self)
{
  gboolean active = FALSE;

  g_object_get (gtk_window_get_application (GTK_WINDOW (self)), "screensaver-active", &active, NULL);
  if (active)
    lock_desk (self);
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

  self->store = mp_store_open (path, &error);
  if (self->store == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  if (!mp_store_is_initialised (self->store))
    {
      add_welcome_page (self);
      mp_welcome_page_set_store (self->welcome_page, self->store);
      gtk_stack_set_visible_child_name (self->stack, "welcome");
    }
  else
    {
      mp_unlock_page_set_store (self->unlock_page, self->store);
      gtk_stack_set_visible_child_name (self->stack, "unlock");
      mp_unlock_page_try_keyring (self->unlock_page);
    }
  update_actions (self);
}

gboolean
_mp_window_release_store (MpWindow *self)
{
  MpStore *store = self->store;

  g_return_val_if_fail (MP_IS_WINDOW (self), FALSE);

  if (store == NULL)
    return TRUE;
  lock_desk (self);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  if (self->case_page != NULL)
    mp_case_page_set_store (self->case_page, NULL);
  mp_unlock_page_set_store (self->unlock_page, NULL);
  if (self->welcome_page != NULL)
    mp_welcome_page_set_store (self->welcome_page, NULL);
  mp_eml_intake_set_store (self->eml_intake, NULL);
  g_clear_object (&self->store);
  if (store != NULL)
    g_object_remove_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  update_actions (self);
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

/* The desk page (case list, case page, calendar, overview) takes longer to
 * build than everything else in the window together: it is built when it
 * is first needed, or while the unlock page waits for the passphrase, so
 * that the unlock page is drawn without waiting for it. */
static void
build_desk (MpWindow *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (self->desk != NULL)
    return;
  g_clear_handle_id (&self->build_desk_source, g_source_remove);

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback (scope, on_case_activated_cb);
  gtk_builder_cscope_add_callback (scope, on_case_changed_cb);
  gtk_builder_cscope_add_callback (scope, on_calendar_open_case_cb);
  gtk_builder_cscope_add_callback (scope, on_back_cb);
  gtk_builder_cscope_add_callback (scope, on_folded_cb);
  gtk_builder_cscope_add_callback (scope, on_view_changed_cb);
  builder = gtk_builder_new ();
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  gtk_builder_set_scope (builder, scope);
  /* Handlers without an object connect to the window. */
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  if (!gtk_builder_add_from_resource (builder, RESOURCE_BASE "/ui/mp-window-desk.ui", &error))
    g_error ("mp-window-desk.ui: %s", error->message);

  self->desk = GTK_WIDGET (gtk_builder_get_object (builder, "desk"));
  self->switcher_title = ADW_VIEW_SWITCHER_TITLE (gtk_builder_get_object (builder,
                                                                          "switcher_title"));
  self->view_stack = ADW_VIEW_STACK (gtk_builder_get_object (builder, "view_stack"));
  self->leaflet = ADW_LEAFLET (gtk_builder_get_object (builder, "leaflet"));
  self->case_list = MP_CASE_LIST (gtk_builder_get_object (builder, "case_list"));
  self->case_page = MP_CASE_PAGE (gtk_builder_get_object (builder, "case_page"));
  self->overview_page = MP_OVERVIEW_PAGE (gtk_builder_get_object (builder, "overview_page"));
  self->calendar_view = MP_CALENDAR_VIEW (gtk_builder_get_object (builder, "calendar_view"));
  self->drop_overlay = GTK_WIDGET (gtk_builder_get_object (builder, "drop_overlay"));
  self->drop_highlight = GTK_WIDGET (gtk_builder_get_object (builder, "drop_highlight"));
  gtk_stack_add_named (self->stack, self->desk, "desk");

  g_signal_connect_swapped (self->case_page, "open-case", G_CALLBACK (on_case_page_open_case_cb),
                            self);
  mp_eml_intake_add_drop_target (self->eml_intake, self->drop_overlay, self->drop_highlight);
  mp_case_list_start_search (self->case_list, GTK_WIDGET (self));
  mp_case_page_set_show_back (self->case_page, adw_leaflet_get_folded (self->leaflet));
}

static gboolean
build_desk_cb (gpointer user_data)
{
  MpWindow *self = user_data;

  self->build_desk_source = 0;
  build_desk (self);
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
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  GTK_WIDGET_CLASS (mp_window_parent_class)->realize (widget);
  if (self->desk == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_frame_cb), self, 0);
  if (application != NULL && self->screensaver_id == 0)
    self->screensaver_id = g_signal_connect_object (application, "notify::screensaver-active",
                                                    G_CALLBACK (on_screensaver_cb), self,
                                                    G_CONNECT_SWAPPED);
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
  if (self->case_page != NULL)
    mp_case_page_clear_temp (self->case_page);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_WINDOW);
  /* The pages added later went with the stack. */
  self->problem_page = NULL;
  self->welcome_page = NULL;
  self->desk = NULL;
  self->switcher_title = NULL;
  self->view_stack = NULL;
  self->leaflet = NULL;
  self->case_list = NULL;
  self->case_page = NULL;
  self->overview_page = NULL;
  self->calendar_view = NULL;
  self->drop_overlay = NULL;
  self->drop_highlight = NULL;
  if (self->store != NULL)
    mp_store_lock (self->store);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mp_window_parent_class)->dispose (object);
}

static void
mp_window_class_init (MpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = mp_window_close_request;
  widget_class->realize = mp_window_realize;

  g_type_ensure (MP_TYPE_UNLOCK_PAGE);
  /* mp-window-desk.ui (build_desk ()) */
  g_type_ensure (MP_TYPE_CASE_LIST);
  g_type_ensure (MP_TYPE_CASE_PAGE);
  g_type_ensure (MP_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MP_TYPE_CALENDAR_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, unlock_page);
  gtk_widget_class_bind_template_callback (widget_class, on_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_activated);
  gtk_widget_class_install_action (widget_class, "win.new-report", NULL, new_report_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_activated);
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

static void
mp_window_init (MpWindow *self)
{
  GSettings *settings = mp_ui_get_settings ();
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending_imports = g_ptr_array_new_with_free_func (g_object_unref);
  self->eml_intake = mp_eml_intake_new (self->toast_overlay);
  g_signal_connect_object (self->eml_intake, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* Any key, pointer movement or click counts as activity for the idle lock. */
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

  update_actions (self);
}

MpWindow *
mp_window_new (MpApplication *application,
               const char    *path)
{
  MpWindow *self = g_object_new (MP_TYPE_WINDOW, "application", application, NULL);

  open_store (self, path);
  return self;
}

MpWindow *
_mp_window_new_for_store (MpApplication *application,
                          MpStore       *store)
{
  MpWindow *self = g_object_new (MP_TYPE_WINDOW, "application", application, NULL);

  self->store = g_object_ref (store);
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

MpStore *
mp_window_get_store (MpWindow *self)
{
  g_return_val_if_fail (MP_IS_WINDOW (self), NULL);
  return self->store;
}
