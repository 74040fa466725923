/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-agenda-view.h"
#include "mp-calendar-private.h"
#include "mp-format.h"

/* A group shows this many rows, and a row to show as many more (issue 12):
 * on a large desk the groups hold thousands of deadlines, and every row is
 * measured again when the page's layout changes. */
#define AGENDA_PAGE 50

typedef struct
{
  GtkWidget  *box;
  GtkLabel   *count;
  GtkListBox *list;
  GtkLabel   *empty;
  GtkWidget  *more_row;     /* (nullable): the last row, while rows are left */
  guint       n_shown;      /* deadline rows in the list */
} Group;

struct _MpAgendaView
{
  AdwBin      parent_instance;

  MpAgenda   *agenda;
  MpPolicy   *policy;
  MpStore    *store;

  GtkBox     *groups_box;
  Group       groups[MP_AGENDA_N_GROUPS];
};

G_DEFINE_FINAL_TYPE (MpAgendaView, mp_agenda_view, ADW_TYPE_BIN)

enum {
  OPEN_CASE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const group_titles[MP_AGENDA_N_GROUPS] = {
  N_("Overdue"),
  N_("Today"),
  N_("This Week"),
  N_("Later"),
};

static const char * const group_css[MP_AGENDA_N_GROUPS] = {
  "agenda-overdue", "agenda-today", "agenda-this-week", "agenda-later",
};

/* "14:30" today, "27 Apr, 14:30" this year, "27 Apr 2027, 14:30" otherwise,
 * in the desk's time zone. */
static char *
format_due (MpAgendaView  *self,
            MpAgendaGroup  group,
            gint64         due)
{
  const char *timezone = self->policy != NULL ? self->policy->timezone : NULL;
  const char *language = _mp_calendar_ui_language ();
  g_autofree char *day = mp_format_date_short (due, timezone, language);
  g_autofree char *full = mp_format_date_time (due, timezone, language);
  g_autofree char *now_day = mp_format_date_short (mp_agenda_get_now (self->agenda), timezone,
                                                   language);
  const char *time = full != NULL ? strrchr (full, ' ') : NULL;
  const char *year = now_day != NULL ? strrchr (now_day, ' ') : NULL;

  /* mp_format_date_time() ends with " HH:MM", mp_format_date_short() with
   * " YYYY". */
  time = time != NULL ? time + 1 : "";
  if (group == MP_AGENDA_TODAY)
    return g_strdup (time);
  if (day != NULL && year != NULL && g_str_has_suffix (day, year))
    day[strlen (day) - strlen (year)] = '\0';
  return g_strdup_printf ("%s, %s", day, time);
}

static GtkWidget *
create_row (MpAgendaView  *self,
            MpDeadline    *deadline,
            MpAgendaGroup  group)
{
  const char *kind = mp_deadline_get_kind (deadline);
  const char *reference = mp_deadline_get_reference (deadline);
  MpCase *kase = self->store != NULL ? mp_store_find_case (self->store, reference) : NULL;
  const char *case_title = kase != NULL ? mp_case_get_title (kase) : NULL;
  g_autofree char *due = format_due (self, group, mp_deadline_get_due_at (deadline));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", _mp_calendar_kind_label (kind), due);
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dot = gtk_image_new ();
  gboolean overdue = group == MP_AGENDA_OVERDUE;

  if (case_title != NULL && *case_title != '\0')
    title = g_strdup_printf ("%s · %s", reference, case_title);
  else if (*reference != '\0')
    title = g_strdup (reference);
  else
    /* A deadline of the desk, of no case (mp-deadlines.h). */
    title = g_strdup (_("The desk's OpenPGP key"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  _mp_calendar_set_tooltip (row, title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_add_css_class (dot, "kind-dot");
  gtk_widget_add_css_class (dot, _mp_calendar_kind_css_class (kind));
  gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);
  if (overdue)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "overdue");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overdue"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (row, "overdue-row");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "deadline", g_object_ref (deadline), g_object_unref);
  return row;
}

/* Appends the next page of rows of group @index, and the "show more" row
 * when deadlines are left. */
static void
append_page (MpAgendaView  *self,
             MpAgendaGroup  index)
{
  Group *group = &self->groups[index];
  GListModel *model = self->agenda != NULL ? mp_agenda_get_group (self->agenda, index) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint until = MIN (n, group->n_shown + AGENDA_PAGE);
  gboolean had_focus = FALSE;
  GtkWidget *first = NULL;

  if (group->more_row != NULL)
    {
      had_focus = gtk_widget_has_focus (group->more_row);
      gtk_list_box_remove (group->list, group->more_row);
      group->more_row = NULL;
    }
  for (; group->n_shown < until; group->n_shown++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (model, group->n_shown);
      GtkWidget *row = create_row (self, deadline, index);

      gtk_list_box_append (group->list, row);
      if (first == NULL)
        first = row;
    }
  /* The keyboard goes on where the "show more" row was. */
  if (had_focus && first != NULL)
    gtk_widget_grab_focus (first);
  if (group->n_shown < n)
    {
      guint left = n - group->n_shown;
      guint next = MIN (left, AGENDA_PAGE);
      g_autofree char *text = g_strdup_printf (ngettext ("Show %u More", "Show %u More", next),
                                               next);
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u deadline not shown",
                                                             "%u deadlines not shown", left),
                                                   left);

      group->more_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (group->more_row), text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (group->more_row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (group->more_row), TRUE);
      gtk_widget_add_css_class (group->more_row, "agenda-more");
      g_object_set_data (G_OBJECT (group->more_row), "group", GUINT_TO_POINTER (index + 1));
      gtk_list_box_append (group->list, group->more_row);
    }
}

static void
fill_group (MpAgendaView  *self,
            MpAgendaGroup  index)
{
  Group *group = &self->groups[index];
  GListModel *model = self->agenda != NULL ? mp_agenda_get_group (self->agenda, index) : NULL;
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
  /* Translators: the number of deadlines in a group of the agenda
   * ("Overdue", "Today", …); the overview counts cases instead. */
  g_autofree char *count = g_strdup_printf (ngettext ("%u deadline", "%u deadlines", n), n);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (group->list))) != NULL)
    gtk_list_box_remove (group->list, child);
  group->more_row = NULL;
  group->n_shown = 0;
  append_page (self, index);

  gtk_label_set_label (group->count, count);
  gtk_widget_set_visible (GTK_WIDGET (group->list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (group->empty), n == 0);
  if (index == MP_AGENDA_OVERDUE)
    {
      if (n > 0)
        gtk_widget_add_css_class (GTK_WIDGET (group->count), "overdue");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (group->count), "overdue");
    }
}

static void
on_row_activated_cb (MpAgendaView  *self,
                     GtkListBoxRow *row)
{
  MpDeadline *deadline = g_object_get_data (G_OBJECT (row), "deadline");
  guint group = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "group"));

  if (group > 0)
    append_page (self, group - 1);
  else if (deadline != NULL)
    g_signal_emit (self, signals[OPEN_CASE], 0,
                   mp_deadline_get_reference (deadline), mp_deadline_get_kind (deadline));
}

static void
build_group (MpAgendaView  *self,
             MpAgendaGroup  index)
{
  Group *group = &self->groups[index];
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_(group_titles[index]));

  group->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (group->box, group_css[index]);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  group->count = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (group->count), "agenda-count");
  gtk_widget_set_valign (GTK_WIDGET (group->count), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (group->count));
  gtk_box_append (GTK_BOX (group->box), header);

  group->empty = GTK_LABEL (gtk_label_new (_("Nothing due")));
  gtk_label_set_xalign (group->empty, 0);
  gtk_widget_add_css_class (GTK_WIDGET (group->empty), "dim-label");
  gtk_box_append (GTK_BOX (group->box), GTK_WIDGET (group->empty));

  group->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (group->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (group->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (group->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(group_titles[index]), -1);
  g_signal_connect_object (group->list, "row-activated",
                           G_CALLBACK (on_row_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (group->box), GTK_WIDGET (group->list));

  gtk_box_append (self->groups_box, group->box);
}

static void
mp_agenda_view_dispose (GObject *object)
{
  MpAgendaView *self = MP_AGENDA_VIEW (object);

  g_clear_object (&self->agenda);
  g_clear_object (&self->store);
  g_clear_pointer (&self->policy, mp_policy_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_AGENDA_VIEW);

  G_OBJECT_CLASS (mp_agenda_view_parent_class)->dispose (object);
}

static void
mp_agenda_view_class_init (MpAgendaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_agenda_view_dispose;

  /**
   * MpAgendaView::open-case:
   * @reference: the case's reference
   * @kind: the deadline's kind, naming the step to open
   */
  signals[OPEN_CASE] =
    g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/meldpunt/Meldpunt/ui/mp-agenda-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpAgendaView, groups_box);
}

static void
mp_agenda_view_init (MpAgendaView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < MP_AGENDA_N_GROUPS; i++)
    {
      build_group (self, i);
      fill_group (self, i);
    }
}

GtkWidget *
mp_agenda_view_new (void)
{
  return g_object_new (MP_TYPE_AGENDA_VIEW, NULL);
}

void
mp_agenda_view_set_agenda (MpAgendaView *self,
                           MpAgenda     *agenda,
                           MpPolicy     *policy,
                           MpStore      *store)
{
  g_return_if_fail (MP_IS_AGENDA_VIEW (self));
  g_return_if_fail (agenda == NULL || MP_IS_AGENDA (agenda));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  g_set_object (&self->agenda, agenda);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->policy, mp_policy_unref);
  if (policy != NULL)
    self->policy = mp_policy_ref (policy);
  for (guint i = 0; i < MP_AGENDA_N_GROUPS; i++)
    fill_group (self, i);
}

MpAgenda *
mp_agenda_view_get_agenda (MpAgendaView *self)
{
  g_return_val_if_fail (MP_IS_AGENDA_VIEW (self), NULL);

  return self->agenda;
}
