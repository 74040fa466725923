/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-desk-key-page.h"
#include "mp-letter-editor.h"
#include "mp-policy.h"
#include "mp-preferences-window.h"
#include "mp-mailbox-page.h"
#include "mp-security-rows.h"
#include "mp-ui-util.h"

struct _MpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MpStore              *store;

  AdwPreferencesPage   *general_page;
  AdwPreferencesPage   *policy_page;
  AdwPreferencesGroup  *sisters_group;
  AdwPreferencesGroup  *security_group;
  GPtrArray            *sister_rows;
  AdwEntryRow          *handler_row;
  GtkSpinButton        *lock_spin;
  MpLetterEditor       *letter_editor;
  gboolean              closing;   /* the letters were saved or discarded: close */
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
static guint session_lock_timeout = 5;

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

  /* the setting is in seconds; the window counts whole minutes */
  if (settings != NULL)
    return MAX (1, (g_settings_get_uint (settings, "lock-timeout") + 59) / 60);
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

  minutes = MAX (minutes, 1);
  if (settings != NULL)
    g_settings_set_uint (settings, "lock-timeout", minutes * 60);
  else
    session_lock_timeout = minutes;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The policy (mp-policy.h), each setting a row that stores on apply. */

typedef struct
{
  const char *key;
  const char *label;
  const char *help;
} PolicyRow;

static const PolicyRow desk_rows[] = {
  { "desk.name", N_("Name in letters"), NULL },
  { "desk.email", N_("Desk e-mail address"), NULL },
  { "timezone", N_("Time zone"), N_("Working days and “end of day” follow it, e.g. Europe/Amsterdam") },
  { "currency", N_("Currency"), NULL },
};

static const PolicyRow deadline_rows[] = {
  { "ack_hours", N_("Acknowledge within hours"), "P-ACK" },
  { "assess_workdays", N_("Assess within working days"), "P-ASSESS" },
  { "update_interval_days", N_("Progress update every days"), "P-INFORM" },
  { "follow_up_days", N_("Follow up a waiting reporter after days"), NULL },
  { "fix_days.critical", N_("Fix critical within days"), "P-FIX-ASAP" },
  { "fix_days.high", N_("Fix high within days"), "P-FIX-ASAP" },
  { "fix_days.medium", N_("Fix medium within days"), "P-FIX-ASAP" },
  { "fix_days.low", N_("Fix low within days"), "P-FIX-ASAP" },
  { "disclosure_days", N_("Disclosure window in days"), "P-DISCLOSE" },
  { "deletion_days", N_("Delete data days after closure"), "R-DELETE-DATA" },
};

/* The legal clocks (issue 23): who the desk is, and every number. */
static const PolicyRow legal_rows[] = {
  { "legal.processor_clients", N_("Clients we process personal data for"), NULL },
  { "legal.own_products", N_("Products with digital elements we make or market"), NULL },
  { "legal.gdpr_authority_hours", N_("Notify the data protection authority within hours"), NULL },
  { "legal.gdpr_controller_hours", N_("As processor, inform the controller within hours"), NULL },
  { "legal.nis2_early_warning_hours", N_("NIS2 early warning within hours"), NULL },
  { "legal.nis2_notification_hours", N_("NIS2 incident notification within hours"), NULL },
  { "legal.nis2_final_months", N_("NIS2 final report months after the notification"), NULL },
  { "legal.cra_early_warning_hours", N_("CRA early warning within hours"), NULL },
  { "legal.cra_notification_hours", N_("CRA vulnerability notification within hours"), NULL },
  { "legal.cra_final_days", N_("CRA final report days after a corrective measure"), NULL },
  { "legal.cra_severe_final_months", N_("CRA final report of a severe incident, months"), NULL },
};

static const PolicyRow reward_rows[] = {
  { "reward_cap", N_("Highest reward (euros)"), "P-REWARD" },
  { "reward_budget", N_("Yearly budget (euros)"), "P-REWARD" },
};

static const PolicyRow calendar_rows[] = {
  { "holidays.closing_days", N_("Closing days"), N_("Dates and ranges, e.g. 2026-12-28..2026-12-31") },
};

static const PolicyRow asset_rows[] = {
  { "assets.domains", N_("Domains"), N_("A domain covers every name under it, e.g. example.nl") },
  { "assets.hosts", N_("Single host names"), NULL },
  { "assets.networks", N_("Networks and addresses"), N_("IPv4 or IPv6, e.g. 192.0.2.0/24") },
};

/* Where a report about someone else's system is referred (R-NO-THIRDPARTY). */
static const PolicyRow csirt_rows[] = {
  { "csirt.name", N_("National CSIRT"), N_("Empty: the Dutch NCSC, named in the letter's language") },
  { "csirt.url", N_("Web address of the CSIRT"), NULL },
};

/* What the desk publishes (issue 24): empty is a path under https://DOMAIN/. */
static const PolicyRow publish_rows[] = {
  { "publish.expires_months", N_("security.txt expires after months"), NULL },
  { "publish.canonical_url", N_("Address of security.txt"), NULL },
  { "publish.policy_url_nl", N_("Address of the Dutch policy"), NULL },
  { "publish.policy_url_en", N_("Address of the English policy"), NULL },
  { "publish.key_url", N_("Address of the desk's public key"), NULL },
  { "publish.hall_of_fame_url", N_("Address of the hall of fame"), NULL },
  { "publish.csaf_url", N_("Address of the CSAF provider metadata"), NULL },
};

static void
on_policy_apply_cb (AdwEntryRow         *row,
                    MpPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "policy-key");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  /* An emptied row goes back to the default. */
  if (!mp_store_set_policy (self->store, key, *text != '\0' ? text : NULL, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  {
    g_autoptr(MpPolicy) policy = mp_store_get_policy (self->store);
    g_autofree char *value = mp_policy_dup_value (policy, key);

    gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Policy saved")));
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
policy_entry_row (MpPreferencesWindow *self,
                  MpPolicy            *policy,
                  const char          *key,
                  const char          *label)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *value = mp_policy_dup_value (policy, key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  g_object_set_data_full (G_OBJECT (row), "policy-key", g_strdup (key), g_free);
  g_signal_connect (row, "apply", G_CALLBACK (on_policy_apply_cb), self);
  return row;
}

static AdwPreferencesGroup *
add_policy_group (MpPreferencesWindow *self,
                  MpPolicy            *policy,
                  const char          *title,
                  const char          *description,
                  const PolicyRow     *rows,
                  guint                n_rows)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  if (description != NULL)
    adw_preferences_group_set_description (group, description);
  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *row = policy_entry_row (self, policy, rows[i].key, _(rows[i].label));

      if (rows[i].help != NULL)
        gtk_widget_set_tooltip_text (row, g_str_has_prefix (rows[i].help, "P-") || g_str_has_prefix (rows[i].help, "R-")
                                          ? rows[i].help : _(rows[i].help));
      adw_preferences_group_add (group, row);
    }
  adw_preferences_page_add (self->policy_page, group);
  return group;
}

static void
on_switch_policy_cb (GtkSwitch           *toggle,
                     GParamSpec          *pspec,
                     MpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!mp_store_set_policy (self->store, "holidays.good_friday", gtk_switch_get_active (toggle) ? "true" : "false", &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_liberation_cb (AdwComboRow         *row,
                  GParamSpec          *pspec,
                  MpPreferencesWindow *self)
{
  static const char * const values[] = { "every-year", "every-fifth-year", "never" };
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (values))
    return;
  if (!mp_store_set_policy (self->store, "holidays.liberation_day", values[selected], &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_legal_switch_cb (GtkSwitch           *toggle,
                    GParamSpec          *pspec,
                    MpPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (toggle), "policy-key");
  g_autoptr(GError) error = NULL;

  if (!mp_store_set_policy (self->store, key, gtk_switch_get_active (toggle) ? "true" : "false", &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (error->message));
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_legal_group (MpPreferencesWindow *self,
                 MpPolicy            *policy)
{
  static const struct { const char *key; const char *title; const char *subtitle; } switches[] = {
    { "legal.essential_entity", N_("Essential or important entity"),
      N_("Under NIS2 and the Cyberbeveiligingswet: significant incidents must be reported") },
    { "legal.processor", N_("We process personal data for clients"),
      N_("Under the AVG a processor informs its client, the controller, of a data breach") },
  };
  AdwPreferencesGroup *group;

  group = add_policy_group (self, policy, _("Legal clocks"),
                            _("The law's deadlines for data breaches (AVG), incidents (NIS2/Cbw) "
                              "and exploited vulnerabilities in our products (CRA), in calendar "
                              "hours. Meldpunt helps; it does not give legal advice."),
                            legal_rows, G_N_ELEMENTS (legal_rows));
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();
      gboolean active = i == 0 ? policy->legal_essential_entity : policy->legal_processor;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(switches[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(switches[i].subtitle));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), active);
      g_object_set_data (G_OBJECT (toggle), "policy-key", (gpointer) switches[i].key);
      gtk_widget_set_name (toggle, switches[i].key);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_legal_switch_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (group, row);
    }
}

static void build_sisters (MpPreferencesWindow *self, MpPolicy *policy);

static void
on_add_sister_cb (MpPreferencesWindow *self)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (self->store);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  guint next = 1;

  for (guint i = 0; i < policy->sisters->len; i++)
    next = MAX (next, ((MpSister *) g_ptr_array_index (policy->sisters, i))->number + 1);
  key = g_strdup_printf ("sister.%u.name", next);
  if (!mp_store_set_policy (self->store, key, _("New sister organisation"), &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&policy, mp_policy_unref);
  policy = mp_store_get_policy (self->store);
  build_sisters (self, policy);
}

static void
build_sisters (MpPreferencesWindow *self,
               MpPolicy            *policy)
{
  static const struct { const char *field; const char *label; } fields[] = {
    { "name", N_("Name") },
    { "url", N_("Their disclosure policy (URL)") },
    { "domains", N_("Domains") },
    { "hosts", N_("Single host names") },
    { "networks", N_("Networks and addresses") },
  };

  for (guint i = 0; i < self->sister_rows->len; i++)
    adw_preferences_group_remove (self->sisters_group, g_ptr_array_index (self->sister_rows, i));
  g_ptr_array_set_size (self->sister_rows, 0);

  for (guint i = 0; i < policy->sisters->len; i++)
    {
      MpSister *sister = g_ptr_array_index (policy->sisters, i);
      GtkWidget *expander = adw_expander_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sister->name);
      if (sister->url != NULL)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), sister->url);
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          g_autofree char *key = g_strdup_printf ("sister.%u.%s", sister->number, fields[j].field);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                    policy_entry_row (self, policy, key, _(fields[j].label)));
        }
      adw_preferences_group_add (self->sisters_group, expander);
      g_ptr_array_add (self->sister_rows, expander);
    }
}

static void
build_policy_page (MpPreferencesWindow *self)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (self->store);
  AdwPreferencesGroup *group;
  GtkWidget *row, *toggle, *matrix, *add;
  g_autoptr(GtkStringList) liberation = NULL;

  self->policy_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_preferences_page_set_title (self->policy_page, _("Policy"));
  adw_preferences_page_set_name (self->policy_page, "policy");
  adw_preferences_page_set_icon_name (self->policy_page, "security-high-symbolic");

  add_policy_group (self, policy, _("Desk"), NULL, desk_rows, G_N_ELEMENTS (desk_rows));
  add_policy_group (self, policy, _("Deadlines"),
                    _("What the desk promises the reporter. Press Enter or the check mark to save a value; an empty value goes back to the default."),
                    deadline_rows, G_N_ELEMENTS (deadline_rows));
  add_legal_group (self, policy);

  group = add_policy_group (self, policy, _("Rewards"), NULL, reward_rows, G_N_ELEMENTS (reward_rows));
  matrix = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (matrix), _("Amounts by severity and report quality"));
  for (int severity = MP_N_SEVERITIES - 1; severity >= 0; severity--)
    for (int quality = MP_N_QUALITIES - 1; quality >= 0; quality--)
      {
        g_autofree char *key = g_strdup_printf ("reward_matrix.%s.%s", mp_severity_to_string (severity),
                                                mp_quality_to_string (quality));
        g_autofree char *label = g_strdup_printf ("%s × %s", mp_severity_to_string (severity),
                                                  mp_quality_to_string (quality));

        adw_expander_row_add_row (ADW_EXPANDER_ROW (matrix), policy_entry_row (self, policy, key, label));
      }
  adw_preferences_group_add (group, matrix);

  group = add_policy_group (self, policy, _("Calendar"),
                            _("Working days follow the Dutch holidays of the Algemene termijnenwet."),
                            calendar_rows, G_N_ELEMENTS (calendar_rows));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Good Friday is a holiday"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), policy->good_friday);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_switch_policy_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);

  liberation = gtk_string_list_new (NULL);
  gtk_string_list_append (liberation, _("Every year"));
  gtk_string_list_append (liberation, _("Every fifth year (2025, 2030, …)"));
  gtk_string_list_append (liberation, _("Never"));
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Liberation Day (5 May) is a holiday"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (liberation));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), policy->liberation_day);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_liberation_cb), self);
  adw_preferences_group_add (group, row);

  add_policy_group (self, policy, _("Our Systems"),
                    _("The scope check compares the reported system with these lists."),
                    asset_rows, G_N_ELEMENTS (asset_rows));
  add_policy_group (self, policy, _("Third-Party Reports"),
                    _("A report about a system that is not ours is referred to its owner, or to "
                      "this CSIRT."),
                    csirt_rows, G_N_ELEMENTS (csirt_rows));
  add_policy_group (self, policy, _("Publishing"),
                    _("Addresses in security.txt and the policy page: an https:// address, a "
                      "path under each domain, or empty for the default path."),
                    publish_rows, G_N_ELEMENTS (publish_rows));

  self->sisters_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->sisters_group, _("Sister Organisations"));
  adw_preferences_group_set_description (self->sisters_group,
                                         _("Reports about their systems go to their own policy (R-GROUP)."));
  add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_sister_cb), self);
  adw_preferences_group_set_header_suffix (self->sisters_group, add);
  adw_preferences_page_add (self->policy_page, self->sisters_group);
  build_sisters (self, policy);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), self->policy_page);
}

static void
unsaved_letters_response_cb (AdwMessageDialog    *dialog,
                             const char          *response,
                             MpPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "save") &&
      !mp_letter_editor_save_all (self->letter_editor, &error))
    {
      /* the letter that was refused is shown, with the reason */
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                               ADW_PREFERENCES_PAGE (self->letter_editor));
      return;
    }
  if (g_str_equal (response, "save") || g_str_equal (response, "discard"))
    {
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Letters changed and not saved are not lost by closing the window. */
static gboolean
mp_preferences_window_close_request (GtkWindow *window)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (window);
  GtkWidget *dialog;

  if (self->closing || self->letter_editor == NULL ||
      !mp_letter_editor_has_unsaved (self->letter_editor))
    return GTK_WINDOW_CLASS (mp_preferences_window_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Save the Changed Letters?"),
                                   _("You changed one or more letters and did not save them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_letters_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
mp_preferences_window_dispose (GObject *object)
{
  MpPreferencesWindow *self = MP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->sister_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (mp_preferences_window_parent_class)->dispose (object);
}

static void
mp_preferences_window_class_init (MpPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_preferences_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = mp_preferences_window_close_request;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, handler_row);
  gtk_widget_class_bind_template_child (widget_class, MpPreferencesWindow, security_group);
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
  self->sister_rows = g_ptr_array_new ();
  if (store != NULL && !mp_store_is_locked (store))
    {
      mp_security_rows_add (self->security_group, store);
      build_policy_page (self);
      self->letter_editor = mp_letter_editor_new (store);
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (self->letter_editor));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), mp_mailbox_page_new (store));
      adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                  ADW_PREFERENCES_PAGE (mp_desk_key_page_new (store)));
    }
  return self;
}
