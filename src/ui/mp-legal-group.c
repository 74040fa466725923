/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-deadlines.h"
#include "mp-legal.h"
#include "mp-legal-drafts.h"
#include "mp-legal-group.h"
#include "mp-policy.h"
#include "mp-ui-util.h"

struct _MpLegalGroup
{
  AdwBin               parent_instance;

  MpStore             *store;
  MpCase              *kase;
  GPtrArray           *rows;     /* AdwActionRow, one per legal deadline shown */
  GPtrArray           *kinds;    /* const char *, the kinds of @rows */

  AdwPreferencesGroup *group;
  AdwActionRow        *aware_row;
  AdwActionRow        *idle_row;
};

G_DEFINE_FINAL_TYPE (MpLegalGroup, mp_legal_group, ADW_TYPE_BIN)

/* ---- helpers -------------------------------------------------------------- */

static char *
describe (MpDeadline *deadline,
          gboolean   *overdue)
{
  *overdue = FALSE;
  if (mp_deadline_is_met (deadline))
    {
      g_autofree char *when = mp_ui_format_time (mp_deadline_get_met_at (deadline));

      /* Translators: a legal deadline settled, "done on 20 November 2026, 14:05" */
      return g_strdup_printf (_("done on %s"), when);
    }
  else
    {
      g_autofree char *due = mp_ui_format_due (mp_deadline_get_due_at (deadline), mp_time_now (),
                                               overdue);
      g_autofree char *at = mp_ui_format_time (mp_deadline_get_due_at (deadline));

      /* Translators: "due in 2 days (20 November 2026, 14:05)" */
      return g_strdup_printf (_("%s (%s)"), due, at);
    }
}

static void
on_copy_clicked_cb (GtkButton    *button,
                    MpLegalGroup *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");
  const char *language = g_object_get_data (G_OBJECT (button), "language");
  g_autofree char *text = mp_legal_group_dup_draft (self, kind, language);

  if (text == NULL)
    return;
  /* The draft holds the case's confidential facts: cleared again later. */
  mp_ui_copy_confidential (GTK_WIDGET (self), text);
  mp_ui_toast (GTK_WIDGET (self),
               g_str_equal (language, "nl")
               ? _("Dutch draft copied; the clipboard is cleared in 30 seconds")
               : _("English draft copied; the clipboard is cleared in 30 seconds"));
}

static GtkWidget *
copy_button (MpLegalGroup *self,
             const char   *kind,
             const char   *language)
{
  GtkWidget *button = gtk_button_new_with_label (g_str_equal (language, "nl") ? "NL" : "EN");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, g_str_equal (language, "nl")
                                       ? _("Copy the draft for the authority in Dutch")
                                       : _("Copy the draft for the authority in English"));
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "kind", (gpointer) kind);
  g_object_set_data_full (G_OBJECT (button), "language", g_strdup (language), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_copy_clicked_cb), self);
  return button;
}

static void
clear_rows (MpLegalGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->kinds, 0);
}

/* ---- overrides ------------------------------------------------------------ */

static void
mp_legal_group_dispose (GObject *object)
{
  MpLegalGroup *self = MP_LEGAL_GROUP (object);

  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_LEGAL_GROUP);
  G_OBJECT_CLASS (mp_legal_group_parent_class)->dispose (object);
}

static void
mp_legal_group_finalize (GObject *object)
{
  MpLegalGroup *self = MP_LEGAL_GROUP (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->kinds);
  G_OBJECT_CLASS (mp_legal_group_parent_class)->finalize (object);
}

static void
mp_legal_group_class_init (MpLegalGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_legal_group_dispose;
  object_class->finalize = mp_legal_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/meldpunt/Meldpunt/ui/mp-legal-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MpLegalGroup, group);
  gtk_widget_class_bind_template_child (widget_class, MpLegalGroup, aware_row);
  gtk_widget_class_bind_template_child (widget_class, MpLegalGroup, idle_row);
}

static void
mp_legal_group_init (MpLegalGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->kinds = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ---- public --------------------------------------------------------------- */

MpLegalGroup *
mp_legal_group_new (void)
{
  return g_object_new (MP_TYPE_LEGAL_GROUP, NULL);
}

void
mp_legal_group_update (MpLegalGroup *self,
                       MpStore      *store,
                       MpCase       *kase,
                       GListModel   *deadlines)
{
  const char * const *kinds = mp_deadlines_list_kinds ();
  const char *aware_value;
  const char *reason;
  g_autofree char *aware = NULL;
  g_autofree char *aware_text = NULL;
  gboolean any_open = FALSE;

  g_return_if_fail (MP_IS_LEGAL_GROUP (self));

  g_set_object (&self->store, store);
  g_set_object (&self->kase, kase);
  clear_rows (self);
  if (kase == NULL)
    return;

  aware = mp_ui_format_time (mp_legal_get_aware_at (kase));
  aware_value = mp_case_get_answer_value (kase, "legal.aware_at");
  reason = mp_case_get_answer_value (kase, "legal.aware_reason");
  if (aware_value == NULL)
    /* Translators: "24 November 2026, 10:00 · when the report was received" */
    aware_text = g_strdup_printf (_("%s · when the report was received"), aware);
  else
    aware_text = g_strdup_printf ("%s · %s", aware,
                                  reason != NULL ? reason : _("no reason given"));
  adw_action_row_set_subtitle (self->aware_row, aware_text);

  /* In the order of the kinds' table: the AVG, NIS2, then the CRA. */
  for (guint k = 0; kinds[k] != NULL; k++)
    {
      if (!mp_legal_is_legal_kind (kinds[k]))
        continue;
      for (guint i = 0; deadlines != NULL && i < g_list_model_get_n_items (deadlines); i++)
        {
          g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);
          GtkWidget *row, *icon;
          g_autofree char *text = NULL;
          gboolean overdue;

          if (!g_str_equal (mp_deadline_get_kind (deadline), kinds[k]))
            continue;
          text = describe (deadline, &overdue);
          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         mp_ui_deadline_label (kinds[k]));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
          icon = gtk_image_new_from_icon_name (mp_deadline_is_met (deadline)
                                               ? "emblem-ok-symbolic"
                                               : overdue ? "dialog-warning-symbolic"
                                                         : "alarm-symbolic");
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          if (overdue)
            gtk_widget_add_css_class (row, "overdue-row");
          if (!mp_deadline_is_met (deadline))
            {
              any_open = TRUE;
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy_button (self, kinds[k], "nl"));
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy_button (self, kinds[k], "en"));
            }
          adw_preferences_group_add (self->group, row);
          g_ptr_array_add (self->rows, row);
          g_ptr_array_add (self->kinds, (gpointer) kinds[k]);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->idle_row), self->rows->len == 0);
  /* It stands out while a legal clock runs. */
  if (any_open)
    gtk_widget_add_css_class (GTK_WIDGET (self->group), "legal-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->group), "legal-active");
}

GPtrArray *
mp_legal_group_get_kinds (MpLegalGroup *self)
{
  g_return_val_if_fail (MP_IS_LEGAL_GROUP (self), NULL);
  return self->kinds;
}

char *
mp_legal_group_dup_draft (MpLegalGroup *self,
                          const char   *kind,
                          const char   *language)
{
  g_autoptr(MpPolicy) policy = NULL;

  g_return_val_if_fail (MP_IS_LEGAL_GROUP (self), NULL);

  if (self->store == NULL || self->kase == NULL)
    return NULL;
  policy = mp_store_get_policy (self->store);
  return mp_legal_draft_build (policy, self->kase, kind, language);
}
