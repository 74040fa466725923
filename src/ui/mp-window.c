/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-unlock-page.h"
#include "mp-welcome-page.h"
#include "mp-window.h"

struct _MpWindow
{
  AdwApplicationWindow  parent_instance;

  MpStore              *store;

  AdwWindowTitle       *window_title;
  GtkButton            *lock_button;
  GtkStack             *stack;
  AdwStatusPage        *problem_page;
  MpWelcomePage        *welcome_page;
  MpUnlockPage         *unlock_page;
  GtkListView          *case_list;
};

G_DEFINE_FINAL_TYPE (MpWindow, mp_window, ADW_TYPE_APPLICATION_WINDOW)

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  MpCase *kase = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_last_child (box);
  g_autofree char *text = g_strdup_printf ("%s  %s", mp_case_get_reference (kase),
                                           mp_case_get_title (kase));

  gtk_label_set_label (GTK_LABEL (title), text);
  gtk_label_set_label (GTK_LABEL (subtitle), mp_case_get_status (kase));
}

static void
show_cases (MpWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  selection = gtk_no_selection_new (g_object_ref (mp_store_get_cases (self->store)));
  gtk_list_view_set_model (self->case_list, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_list_view_set_factory (self->case_list, factory);

  adw_window_title_set_subtitle (self->window_title, mp_store_get_organisation (self->store));
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "cases");
}

static void
on_unlocked_cb (MpWindow *self)
{
  show_cases (self);
}

static void
lock_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MpWindow *self = MP_WINDOW (widget);

  if (self->store == NULL || mp_store_is_locked (self->store))
    return;

  gtk_list_view_set_model (self->case_list, NULL);
  mp_store_lock (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_button), FALSE);
  mp_unlock_page_set_store (self->unlock_page, self->store);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  mp_unlock_page_reset (self->unlock_page);
}

static void
open_store (MpWindow   *self,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  self->store = mp_store_open (path, &error);
  if (self->store == NULL)
    {
      adw_status_page_set_description (self->problem_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "problem");
      return;
    }

  if (!mp_store_is_initialised (self->store))
    {
      mp_welcome_page_set_store (self->welcome_page, self->store);
      gtk_stack_set_visible_child_name (self->stack, "welcome");
    }
  else
    {
      mp_unlock_page_set_store (self->unlock_page, self->store);
      gtk_stack_set_visible_child_name (self->stack, "unlock");
    }
}

static void
mp_window_dispose (GObject *object)
{
  MpWindow *self = MP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_WINDOW);
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

  g_type_ensure (MP_TYPE_WELCOME_PAGE);
  g_type_ensure (MP_TYPE_UNLOCK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, lock_button);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, MpWindow, case_list);
  gtk_widget_class_bind_template_callback (widget_class, on_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
}

static void
mp_window_init (MpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

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
