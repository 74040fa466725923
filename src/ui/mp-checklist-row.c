/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-checklist-row.h"
#include "mp-cvss.h"
#include "mp-format.h"
#include "mp-policy.h"
#include "mp-ui-util.h"

struct _MpChecklistRow
{
  GtkListBoxRow   parent_instance;

  const MpChecklistItem *item;
  char           *problem;
  gboolean        updating;
  char           *saved_value;
  char           *saved_note;
  gint64          amount_cap;     /* cents; 0: no cap known */

  GtkWidget      *value_widget;   /* entry, drop-down or box of toggles */
  GtkToggleButton *toggles[3];

  GtkLabel       *title_label;
  GtkLabel       *clause_label;
  GtkLabel       *help_label;
  GtkBox         *answer_box;
  GtkLabel       *extra_label;
  GtkEntry       *note_entry;
  GtkLabel       *problem_label;
  GtkLabel       *answered_label;
};

G_DEFINE_FINAL_TYPE (MpChecklistRow, mp_checklist_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  ANSWER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const toggle_values[] = { "yes", "no", "unknown" };

char *
mp_checklist_row_dup_value (MpChecklistRow *self)
{
  g_return_val_if_fail (MP_IS_CHECKLIST_ROW (self), NULL);

  switch (self->item->kind)
    {
    case MP_ANSWER_KIND_YES_NO:
    case MP_ANSWER_KIND_YES_NO_UNKNOWN:
      for (guint i = 0; i < 3; i++)
        if (self->toggles[i] != NULL && gtk_toggle_button_get_active (self->toggles[i]))
          return g_strdup (toggle_values[i]);
      return NULL;

    case MP_ANSWER_KIND_CHOICE:
      {
        guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->value_widget));

        if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
          return NULL;
        return g_strdup (self->item->choices[selected - 1].value);
      }

    case MP_ANSWER_KIND_AMOUNT:
      {
        g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_widget)));
        gint64 cents;

        /* the stored form ("150.00") of what is shown ("150,00" in Dutch) */
        g_strstrip (text);
        if (mp_format_parse_amount_input (text, mp_ui_language (), &cents))
          return mp_amount_format (cents);
        return *text != '\0' ? g_steal_pointer (&text) : NULL;
      }

    case MP_ANSWER_KIND_TEXT:
    case MP_ANSWER_KIND_DATE:
    case MP_ANSWER_KIND_CVSS:
    case MP_ANSWER_KIND_REFERENCE:
    default:
      {
        g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_widget)));

        g_strstrip (text);
        return *text != '\0' ? g_steal_pointer (&text) : NULL;
      }
    }
}

void
mp_checklist_row_show_problem (MpChecklistRow *self,
                               const char     *problem)
{
  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));

  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (self->value_widget != NULL && GTK_IS_ENTRY (self->value_widget))
    {
      if (problem != NULL)
        gtk_widget_add_css_class (self->value_widget, "error");
      else
        gtk_widget_remove_css_class (self->value_widget, "error");
    }
}

void
mp_checklist_row_set_extra (MpChecklistRow *self,
                            const char     *text)
{
  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));

  gtk_label_set_label (self->extra_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->extra_label), text != NULL && *text != '\0');
}

const char *
mp_checklist_row_get_extra (MpChecklistRow *self)
{
  g_return_val_if_fail (MP_IS_CHECKLIST_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->extra_label)))
    return NULL;
  return gtk_label_get_label (self->extra_label);
}

/* Checks the typed value against the checklist; normalises what a person
 * may reasonably type (a comma in an amount, spaces). */
static gboolean
validate_value (MpChecklistRow  *self,
                char           **value,
                const char     **problem)
{
  g_autoptr(GError) error = NULL;

  *problem = NULL;
  g_clear_pointer (&self->problem, g_free);
  if (*value == NULL)
    return TRUE;

  if (self->item->kind == MP_ANSWER_KIND_AMOUNT)
    {
      gint64 cents;

      /* typed in the UI's language ("150,00" in Dutch), "150.00" taken too;
       * stored with a dot */
      if (!mp_format_parse_amount_input (*value, mp_ui_language (), &cents))
        {
          g_autofree char *example = mp_format_amount_input (15000, mp_ui_language ());

          /* Translators: %s is what was typed, then an example: "150,00" */
          *problem = self->problem = g_strdup_printf (_("“%s” is not an amount; write it like "
                                                        "%s."), *value, example);
          return FALSE;
        }
      if (self->amount_cap > 0 && cents > self->amount_cap)
        {
          g_autofree char *amount = mp_ui_format_cents (cents);
          g_autofree char *cap = mp_ui_format_cents (self->amount_cap);

          /* Translators: "€ 350,00 is above the reward cap of € 300,00 …" */
          *problem = self->problem = g_strdup_printf (_("%s is above the reward cap of %s in the "
                                                        "desk’s policy; a reward can be at most "
                                                        "%s."), amount, cap, cap);
          return FALSE;
        }
      g_free (*value);
      *value = mp_amount_format (cents);
    }
  if (self->item->kind == MP_ANSWER_KIND_REFERENCE)
    {
      char *upper = g_ascii_strup (*value, -1);

      g_free (*value);
      *value = upper;
    }
  if (self->item->kind == MP_ANSWER_KIND_DATE && !mp_ui_parse_date (*value, NULL))
    *problem = _("Write the date as year-month-day, for example 2026-03-31.");
  else if (!mp_checklist_validate_answer (self->item->id, *value, &error))
    *problem = self->problem = g_strdup (error->message);
  return *problem == NULL;
}

static void
commit (MpChecklistRow *self)
{
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  const char *problem;

  if (self->updating)
    return;

  value = mp_checklist_row_dup_value (self);
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  if (*note == '\0')
    g_clear_pointer (&note, g_free);

  if (!validate_value (self, &value, &problem))
    {
      mp_checklist_row_show_problem (self, problem);
      return;
    }
  mp_checklist_row_show_problem (self, NULL);

  if (g_strcmp0 (value, self->saved_value) == 0 && g_strcmp0 (note, self->saved_note) == 0)
    return;
  /* A note needs an answer to hang on; keep it typed until there is one. */
  if (value == NULL && self->saved_value == NULL)
    return;

  g_signal_emit (self, signals[ANSWER_CHANGED], 0, value, note);
}

static void
on_note_activate_cb (MpChecklistRow *self)
{
  commit (self);
}

static void
on_focus_leave_cb (GtkEventControllerFocus *controller,
                   MpChecklistRow          *self)
{
  commit (self);
}

static void
on_changed_cb (MpChecklistRow *self)
{
  commit (self);
}

static void
on_entry_changed_cb (GtkEditable    *editable,
                     MpChecklistRow *self)
{
  g_autofree char *value = NULL;
  const char *problem;

  if (self->updating)
    return;
  /* Say what is wrong as soon as it is typed, but only store on activate
   * or when the focus leaves. */
  value = mp_checklist_row_dup_value (self);
  validate_value (self, &value, &problem);
  mp_checklist_row_show_problem (self, problem);

  /* CVSS: score and severity while typing */
  if (self->item->kind == MP_ANSWER_KIND_CVSS)
    {
      g_autoptr(MpCvss) cvss = value != NULL ? mp_cvss_parse (value, NULL) : NULL;

      if (cvss != NULL)
        {
          g_autofree char *score = mp_cvss_format_score (mp_cvss_get_score (cvss));
          /* Translators: "Score 9.8 · Critical" */
          g_autofree char *text = g_strdup_printf (_("Score %s · %s"), score,
                                                   mp_cvss_severity_to_label (mp_cvss_get_severity (cvss)));

          mp_checklist_row_set_extra (self, text);
        }
      else
        mp_checklist_row_set_extra (self, NULL);
    }
}

static void
on_today_cb (GtkEntry             *entry,
             GtkEntryIconPosition  position,
             MpChecklistRow       *self)
{
  g_autofree char *today = mp_ui_today ();

  gtk_editable_set_text (GTK_EDITABLE (entry), today);
  commit (self);
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

/* In the popup the choices show whole, wrapping when long (issue 16: "Not
 * known bef…"). */
static void
setup_list_choice_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* When the popup of a drop-down closes, the focus goes back to the
 * drop-down: GTK 4.8 leaves it nowhere, and typing then lands in the
 * window's search (issue 16). */
static void
on_popup_closed_cb (GtkPopover *popover,
                    GtkWidget  *drop_down)
{
  if (gtk_widget_get_mapped (drop_down))
    gtk_widget_grab_focus (drop_down);
}

static void
refocus_after_popup (GtkWidget *drop_down)
{
  for (GtkWidget *child = gtk_widget_get_first_child (drop_down); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_signal_connect_object (child, "closed", G_CALLBACK (on_popup_closed_cb), drop_down, 0);
}

static void
add_focus_commit (MpChecklistRow *self,
                  GtkWidget      *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (widget, focus);
}

static void
build_value_widget (MpChecklistRow *self)
{
  const MpChecklistItem *item = self->item;
  const char *label = mp_checklist_item_get_label (item);

  if (item->kind == MP_ANSWER_KIND_YES_NO || item->kind == MP_ANSWER_KIND_YES_NO_UNKNOWN)
    {
      static const char *labels[] = { N_("Yes"), N_("No"), N_("Unknown") };
      guint n = item->kind == MP_ANSWER_KIND_YES_NO ? 2 : 3;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_add_css_class (box, "linked");
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *toggle = gtk_toggle_button_new_with_label (_(labels[i]));

          self->toggles[i] = GTK_TOGGLE_BUTTON (toggle);
          if (i > 0)
            gtk_toggle_button_set_group (self->toggles[i], self->toggles[0]);
          g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (on_changed_cb), self);
          gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, label, -1);
          gtk_box_append (GTK_BOX (box), toggle);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      self->value_widget = box;
    }
  else if (item->kind == MP_ANSWER_KIND_CHOICE)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
      GtkWidget *drop_down;

      gtk_string_list_append (list, _("Not answered"));
      for (guint i = 0; item->choices[i].value != NULL; i++)
        gtk_string_list_append (list, mp_checklist_choice_get_label (&item->choices[i]));
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)),
                                     gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
      {
        /* long choices ellipsize in the button only when the window is narrow */
        g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

        g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

        g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
        g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
        gtk_drop_down_set_factory (GTK_DROP_DOWN (drop_down), factory);
        g_signal_connect (list_factory, "setup", G_CALLBACK (setup_list_choice_cb), NULL);
        g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
        gtk_drop_down_set_list_factory (GTK_DROP_DOWN (drop_down), list_factory);
      }
      /* the whole row's width, so that the chosen one shows whole too */
      gtk_widget_set_hexpand (drop_down, TRUE);
      refocus_after_popup (drop_down);
      g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (on_changed_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      self->value_widget = drop_down;
    }
  else
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_widget_set_hexpand (entry, TRUE);
      if (item->kind == MP_ANSWER_KIND_DATE)
        {
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("YYYY-MM-DD"));
          gtk_entry_set_icon_from_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY,
                                             "x-office-calendar-symbolic");
          gtk_entry_set_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY, _("Today"));
          gtk_entry_set_max_length (GTK_ENTRY (entry), 10);
          g_signal_connect (entry, "icon-release", G_CALLBACK (on_today_cb), self);
        }
      else if (item->kind == MP_ANSWER_KIND_AMOUNT)
        {
          g_autofree char *zero = mp_format_amount_input (0, mp_ui_language ());

          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), zero);
        }
      else if (item->kind == MP_ANSWER_KIND_TEXT)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Answer"));
      else if (item->kind == MP_ANSWER_KIND_REFERENCE)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "CVD-2026-0001");
      else if (item->kind == MP_ANSWER_KIND_CVSS)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "CVSS:3.1/AV:N/AC:L/…");
      else if (item->kind == MP_ANSWER_KIND_MOMENT)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "2026-10-24T09:30:00+02:00");
      g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_changed_cb), self);
      g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed_cb), self);
      add_focus_commit (self, entry);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_name (entry, "value");
      self->value_widget = entry;
    }

  gtk_box_append (self->answer_box, self->value_widget);
}

void
mp_checklist_row_set_answer (MpChecklistRow *self,
                             const MpAnswer *answer)
{
  const char *value = answer != NULL ? answer->value : NULL;

  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));

  self->updating = TRUE;
  g_free (self->saved_value);
  self->saved_value = g_strdup (value);
  g_free (self->saved_note);
  self->saved_note = g_strdup (answer != NULL ? answer->note : NULL);

  switch (self->item->kind)
    {
    case MP_ANSWER_KIND_YES_NO:
    case MP_ANSWER_KIND_YES_NO_UNKNOWN:
      for (guint i = 0; i < 3; i++)
        if (self->toggles[i] != NULL)
          gtk_toggle_button_set_active (self->toggles[i], g_strcmp0 (value, toggle_values[i]) == 0);
      break;

    case MP_ANSWER_KIND_CHOICE:
      {
        guint selected = 0;

        for (guint i = 0; self->item->choices[i].value != NULL; i++)
          if (g_strcmp0 (self->item->choices[i].value, value) == 0)
            selected = i + 1;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->value_widget), selected);
      }
      break;

    case MP_ANSWER_KIND_AMOUNT:
      {
        gint64 cents;
        g_autofree char *shown = NULL;

        /* in the UI's language: "150,00" in Dutch */
        if (value != NULL && mp_amount_parse (value, &cents))
          shown = mp_format_amount_input (cents, mp_ui_language ());
        gtk_editable_set_text (GTK_EDITABLE (self->value_widget),
                               shown != NULL ? shown : value != NULL ? value : "");
      }
      break;

    case MP_ANSWER_KIND_TEXT:
    case MP_ANSWER_KIND_DATE:
    case MP_ANSWER_KIND_CVSS:
    case MP_ANSWER_KIND_REFERENCE:
    default:
      gtk_editable_set_text (GTK_EDITABLE (self->value_widget), value != NULL ? value : "");
      break;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry),
                         answer != NULL && answer->note != NULL ? answer->note : "");

  if (answer != NULL && answer->answered_at != 0)
    {
      g_autofree char *when = mp_ui_format_time (answer->answered_at);
      g_autofree char *text = NULL;

      if (answer->actor != NULL && *answer->actor != '\0')
        /* Translators: "Answered by Anna de Vries, 2026-11-20 14:05" */
        text = g_strdup_printf (_("Answered by %s, %s"), answer->actor, when);
      else
        text = g_strdup_printf (_("Answered %s"), when);
      gtk_label_set_label (self->answered_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->answered_label), answer != NULL && answer->answered_at != 0);
  mp_checklist_row_show_problem (self, NULL);
  self->updating = FALSE;
}

void
mp_checklist_row_enter_value (MpChecklistRow *self,
                              const char     *value)
{
  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));

  switch (self->item->kind)
    {
    case MP_ANSWER_KIND_YES_NO:
    case MP_ANSWER_KIND_YES_NO_UNKNOWN:
      for (guint i = 0; i < 3; i++)
        if (self->toggles[i] != NULL && g_strcmp0 (value, toggle_values[i]) == 0)
          gtk_toggle_button_set_active (self->toggles[i], TRUE);
      break;

    case MP_ANSWER_KIND_CHOICE:
      for (guint i = 0; self->item->choices[i].value != NULL; i++)
        if (g_strcmp0 (self->item->choices[i].value, value) == 0)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (self->value_widget), i + 1);
      break;

    case MP_ANSWER_KIND_TEXT:
    case MP_ANSWER_KIND_DATE:
    case MP_ANSWER_KIND_CVSS:
    case MP_ANSWER_KIND_AMOUNT:
    case MP_ANSWER_KIND_REFERENCE:
    default:
      gtk_editable_set_text (GTK_EDITABLE (self->value_widget), value != NULL ? value : "");
      g_signal_emit_by_name (self->value_widget, "activate");
      break;
    }
}

void
mp_checklist_row_set_amount_cap (MpChecklistRow *self,
                                 gint64          cents)
{
  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));

  self->amount_cap = cents;
}

void
mp_checklist_row_suggest_value (MpChecklistRow *self,
                                const char     *value)
{
  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));
  g_return_if_fail (GTK_IS_EDITABLE (self->value_widget));

  /* never over an answer, nor over what is being typed */
  if (self->saved_value != NULL || value == NULL ||
      *gtk_editable_get_text (GTK_EDITABLE (self->value_widget)) != '\0')
    return;
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->value_widget), value);
  self->updating = FALSE;
}

const MpChecklistItem *
mp_checklist_row_get_item (MpChecklistRow *self)
{
  g_return_val_if_fail (MP_IS_CHECKLIST_ROW (self), NULL);
  return self->item;
}

static void
mp_checklist_row_finalize (GObject *object)
{
  MpChecklistRow *self = MP_CHECKLIST_ROW (object);

  g_free (self->saved_value);
  g_free (self->saved_note);
  g_free (self->problem);
  G_OBJECT_CLASS (mp_checklist_row_parent_class)->finalize (object);
}

static void
mp_checklist_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MP_TYPE_CHECKLIST_ROW);
  G_OBJECT_CLASS (mp_checklist_row_parent_class)->dispose (object);
}

static void
mp_checklist_row_class_init (MpChecklistRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_checklist_row_dispose;
  object_class->finalize = mp_checklist_row_finalize;

  signals[ANSWER_CHANGED] = g_signal_new ("answer-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-checklist-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, clause_label);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, help_label);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, answer_box);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, extra_label);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, note_entry);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpChecklistRow, answered_label);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate_cb);
}

static void
mp_checklist_row_init (MpChecklistRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_focus_commit (self, GTK_WIDGET (self->note_entry));
}

void
mp_checklist_row_set_needed (MpChecklistRow *self,
                             gboolean        needed)
{
  g_return_if_fail (MP_IS_CHECKLIST_ROW (self));

  if (needed)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "needed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "needed");
}

MpChecklistRow *
mp_checklist_row_new (const MpChecklistItem *item)
{
  MpChecklistRow *self = g_object_new (MP_TYPE_CHECKLIST_ROW, NULL);
  g_autofree char *clauses = item->clauses != NULL ? g_strjoinv (" ", (char **) item->clauses) : NULL;

  self->item = item;
  gtk_widget_set_name (GTK_WIDGET (self), item->id);
  gtk_label_set_label (self->title_label, mp_checklist_item_get_label (item));
  gtk_label_set_label (self->clause_label, clauses != NULL ? clauses : "");
  gtk_widget_set_visible (GTK_WIDGET (self->clause_label), clauses != NULL && *clauses != '\0');
  if (clauses != NULL && *clauses != '\0')
    {
      /* Translators: tooltip of clause ids such as "R-NO-PII" */
      g_autofree char *tip = g_strdup_printf (_("Policy clauses: %s"), clauses);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->clause_label), tip);
    }
  gtk_label_set_label (self->help_label, item->help != NULL ? mp_checklist_item_get_help (item) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->help_label), item->help != NULL);
  build_value_widget (self);
  return self;
}
