/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-calendar-view.h"
#include "mp-case-list.h"
#include "mp-case-page.h"
#include "mp-checklist.h"
#include "mp-deadlines.h"
#include "mp-desk-page.h"
#include "mp-mailbox-banner.h"
#include "mp-rollback-banner.h"
#include "mp-overview-page.h"
#include "mp-ui-util.h"

struct _MpDeskPage
{
  AdwBin                parent_instance;

  MpStore              *store;
  GSignalGroup         *store_signals;  /* the lock: the desk's name; the policy */

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwLeaflet           *leaflet;
  MpCaseList           *case_list;
  MpCasePage           *case_page;
  MpOverviewPage       *overview_page;
  MpCalendarView       *calendar_view;
  GtkWidget            *drop_overlay;
  GtkWidget            *drop_highlight;
  MpMailboxBanner      *mailbox_banner;
};

G_DEFINE_FINAL_TYPE (MpDeskPage, mp_desk_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_unlocked (MpDeskPage *self)
{
  return self->store != NULL && !mp_store_is_locked (self->store);
}

/* Whether the window's stack shows the page (or it stands alone). */
static gboolean
is_shown (MpDeskPage *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return !GTK_IS_STACK (parent) ||
         gtk_stack_get_visible_child (GTK_STACK (parent)) == GTK_WIDGET (self);
}

static void
update_subtitle (MpDeskPage *self)
{
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        self->store != NULL ? mp_store_get_organisation (self->store)
                                                            : NULL);
}

static void
on_case_activated_cb (MpDeskPage *self,
                      MpCase     *kase)
{
  if (mp_case_page_get_case (self->case_page) != kase)
    mp_case_page_set_case (self->case_page, kase);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

static void
on_calendar_open_case_cb (MpDeskPage *self,
                          const char *reference,
                          const char *kind)
{
  MpCase *kase;

  /* The desk's own renewal (issue 24) is done where it was published. */
  if (g_strcmp0 (kind, "security-txt-renewal") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.publish", NULL);
      return;
    }
  /* So is the desk key's expiry: it is renewed in Preferences → Desk Key. */
  if (g_strcmp0 (kind, "desk-key-expiry") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.preferences-page", "s", "desk-key");
      return;
    }
  kase = is_unlocked (self) ? mp_store_find_case (self->store, reference) : NULL;
  if (kase != NULL)
    mp_desk_page_show_case (self, kase, kind);
}

static void
on_case_page_open_case_cb (MpDeskPage *self,
                           const char *reference)
{
  on_calendar_open_case_cb (self, reference, NULL);
}

static void
on_case_shown_cb (MpDeskPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

static void
on_back_cb (MpDeskPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
on_folded_cb (MpDeskPage *self)
{
  mp_case_page_set_show_back (self->case_page, adw_leaflet_get_folded (self->leaflet));
}

static void
on_view_changed_cb (MpDeskPage *self)
{
  GSettings *settings = mp_ui_get_settings ();
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (view, "overview") == 0)
    mp_overview_page_update (self->overview_page);
  /* Only what the user chose: not the views the page passes while it is
   * built or hidden behind the unlock page. */
  if (settings != NULL && view != NULL && is_unlocked (self) && is_shown (self))
    g_settings_set_string (settings, "last-view", view);
}

static void
mp_desk_page_dispose (GObject *object)
{
  MpDeskPage *self = MP_DESK_PAGE (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DESK_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mp_desk_page_parent_class)->dispose (object);
}

static void
mp_desk_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpDeskPage *self = MP_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CASE:
      g_value_set_object (value, mp_desk_page_get_case (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_desk_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpDeskPage *self = MP_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_desk_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_desk_page_class_init (MpDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_desk_page_dispose;
  object_class->get_property = mp_desk_page_get_property;
  object_class->set_property = mp_desk_page_set_property;

  /* The desk shown; its pages are bound to it in mp-desk-page.ui. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The case the case page shows, or NULL. */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, MP_TYPE_CASE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_CASE_LIST);
  g_type_ensure (MP_TYPE_CASE_PAGE);
  g_type_ensure (MP_TYPE_OVERVIEW_PAGE);
  g_type_ensure (MP_TYPE_CALENDAR_VIEW);
  g_type_ensure (MP_TYPE_MAILBOX_BANNER);
  g_type_ensure (MP_TYPE_ROLLBACK_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-desk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, case_list);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, case_page);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, overview_page);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, drop_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, drop_highlight);
  gtk_widget_class_bind_template_child (widget_class, MpDeskPage, mailbox_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_case_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_open_case_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_page_open_case_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_case_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
}

static void
mp_desk_page_init (MpDeskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A new desk gets its name when it is created, which unlocks it. */
  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "policy-changed",
                                 G_CALLBACK (mp_desk_page_policy_changed), self, G_CONNECT_SWAPPED);
  mp_case_page_set_show_back (self->case_page, adw_leaflet_get_folded (self->leaflet));
}

GtkWidget *
mp_desk_page_new (void)
{
  return g_object_new (MP_TYPE_DESK_PAGE, NULL);
}

MpStore *
mp_desk_page_get_store (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), NULL);
  return self->store;
}

void
mp_desk_page_set_store (MpDeskPage *self,
                        MpStore    *store)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  mp_mailbox_banner_set_store (self->mailbox_banner, store);
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MpCase *
mp_desk_page_get_case (MpDeskPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_PAGE (self), NULL);
  return mp_case_page_get_case (self->case_page);
}

void
mp_desk_page_show_case (MpDeskPage *self,
                        MpCase     *kase,
                        const char *kind)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (MP_IS_CASE (kase));

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  mp_case_list_select (self->case_list, kase);
  mp_case_page_set_case (self->case_page, kase);
  if (kind != NULL)
    mp_case_page_show_step (self->case_page,
                            mp_checklist_get_step (mp_deadlines_kind_get_step (kind))->id);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

void
mp_desk_page_search (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "cases");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  mp_case_list_start_search (self->case_list, NULL);
}

void
mp_desk_page_capture_keys (MpDeskPage *self,
                           GtkWidget  *widget)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  mp_case_list_start_search (self->case_list, widget);
}

void
mp_desk_page_restore_view (MpDeskPage *self)
{
  GSettings *settings = mp_ui_get_settings ();
  g_autofree char *view = NULL;

  g_return_if_fail (MP_IS_DESK_PAGE (self));

  if (settings == NULL)
    return;
  view = g_settings_get_string (settings, "last-view");
  if (g_strcmp0 (view, "overview") == 0 || g_strcmp0 (view, "cases") == 0 ||
      g_strcmp0 (view, "calendar") == 0)
    adw_view_stack_set_visible_child_name (self->view_stack, view);
}

void
mp_desk_page_add_drop_target (MpDeskPage  *self,
                              MpEmlIntake *intake)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));
  g_return_if_fail (MP_IS_EML_INTAKE (intake));

  mp_eml_intake_add_drop_target (intake, self->drop_overlay, self->drop_highlight);
}

/* The desk's policy changed (through this store: Preferences, a restore):
 * its zone first, since the pages format their dates in it, then the
 * order of the cases. */
void
mp_desk_page_policy_changed (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  if (self->store != NULL)
    mp_ui_follow_desk_policy (self->store);
  mp_case_list_refresh (self->case_list);
}

void
mp_desk_page_clear_temp (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  mp_case_page_clear_temp (self->case_page);
}

/* The desk's mailbox, read now (issue 22); the banner shows the round. */
void
mp_desk_page_check_mail (MpDeskPage *self)
{
  g_return_if_fail (MP_IS_DESK_PAGE (self));

  if (is_unlocked (self))
    mp_mailbox_banner_check_now (self->mailbox_banner);
}
