/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mp-case-page.h"
#include "mp-checklist-row.h"
#include "mp-intake-dialog.h"
#include "mp-checklist.h"
#include "mp-letter-row.h"
#include "mp-letters.h"
#include "mp-policy.h"
#include "mp-reward.h"
#include "mp-scope.h"
#include "mp-ui-util.h"

struct _MpCasePage
{
  AdwBin                parent_instance;

  MpStore              *store;
  MpCase               *kase;
  gulong                notify_id;
  guint                 current_step;

  GPtrArray            *step_rows;    /* AdwExpanderRow, one per step */
  GPtrArray            *step_icons;   /* GtkImage, one per step */
  GPtrArray            *letter_rows;  /* MpLetterRow, one per step */
  GHashTable           *item_rows;    /* item id → MpChecklistRow */

  char                 *temp_dir;     /* private copies of opened attachments */
  GtkFileChooserNative *chooser;
  MpAttachment         *saving;
  char                 *draft_kind;   /* a note or reply kept after a failed save */
  char                 *draft_text;

  GtkStack             *stack;
  GtkButton            *back_button;
  GtkLabel             *reference_label;
  GtkLabel             *title_label;
  GtkScrolledWindow    *scroller;
  AdwActionRow         *status_row;
  AdwActionRow         *due_row;
  GtkImage             *due_icon;
  AdwActionRow         *received_row;
  AdwActionRow         *reporter_row;
  AdwActionRow         *asset_row;
  AdwActionRow         *erase_row;
  GtkLabel             *details_label;
  AdwPreferencesGroup  *checklist_group;
  GtkListBox           *timeline_list;
  GtkListBox           *attachment_list;
};

G_DEFINE_FINAL_TYPE (MpCasePage, mp_case_page, ADW_TYPE_BIN)

enum {
  CHANGED,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (MpCasePage *self, gboolean reset);

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : "—");
}

static MpDeadline *
find_deadline (GListModel *deadlines,
               const char *kind)
{
  for (guint i = 0; deadlines != NULL && i < g_list_model_get_n_items (deadlines); i++)
    {
      g_autoptr(MpDeadline) deadline = g_list_model_get_item (deadlines, i);

      if (g_strcmp0 (mp_deadline_get_kind (deadline), kind) == 0)
        return g_steal_pointer (&deadline);
    }
  return NULL;
}

static char *
describe_deadline (MpDeadline *deadline,
                   gboolean   *overdue)
{
  *overdue = FALSE;
  if (mp_deadline_is_met (deadline))
    {
      g_autofree char *when = mp_ui_format_time (mp_deadline_get_met_at (deadline));

      /* Translators: "Acknowledgement met on 2026-11-20 14:05" */
      return g_strdup_printf (_("%s met on %s"), mp_ui_deadline_label (mp_deadline_get_kind (deadline)), when);
    }
  else
    {
      g_autofree char *due = mp_ui_format_due (mp_deadline_get_due_at (deadline), mp_time_now (), overdue);
      g_autofree char *at = mp_ui_format_time (mp_deadline_get_due_at (deadline));

      /* Translators: "Acknowledgement due in 2 days (2026-11-23 10:00)" */
      return g_strdup_printf (_("%s %s (%s)"), mp_ui_deadline_label (mp_deadline_get_kind (deadline)),
                              due, at);
    }
}

/* The deadline kinds each step shows, the first open one winning. */
static const char * const *
step_deadlines (MpStep step)
{
  static const char * const intake[] = { "reporter-follow-up", NULL };
  static const char * const ack[] = { "acknowledgement", NULL };
  static const char * const assess[] = { "assessment", NULL };
  static const char * const remed[] = { "progress-update", "fix-target", NULL };
  static const char * const disclose[] = { "publication", "disclosure", NULL };
  static const char * const closure[] = { "data-deletion", NULL };

  switch (step)
    {
    case MP_STEP_INTAKE:
      return intake;
    case MP_STEP_ACKNOWLEDGEMENT:
      return ack;
    case MP_STEP_ASSESSMENT:
      return assess;
    case MP_STEP_REMEDIATION:
      return remed;
    case MP_STEP_DISCLOSURE:
      return disclose;
    case MP_STEP_CLOSURE:
      return closure;
    case MP_STEP_SCOPE:
    case MP_STEP_REWARD:
    case MP_STEP_CREDIT:
    case MP_N_STEPS:
    default:
      return NULL;
    }
}

static MpDeadline *
find_step_deadline (GListModel *deadlines,
                    MpStep      step)
{
  const char * const *kinds = step_deadlines (step);
  MpDeadline *met = NULL;

  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      MpDeadline *deadline = find_deadline (deadlines, kinds[i]);

      if (deadline == NULL)
        continue;
      if (!mp_deadline_is_met (deadline))
        {
          g_clear_object (&met);
          return deadline;
        }
      if (met == NULL)
        met = deadline;
      else
        g_object_unref (deadline);
    }
  return met;
}

static char *
summarise_step (MpCasePage *self,
                MpStep      step)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n_items, answered = 0, shown = 0;
  const MpChecklistItem *items = mp_checklist_get_items (step, &n_items);

  for (guint i = 0; i < n_items; i++)
    {
      const char *value = mp_case_get_answer_value (self->kase, items[i].id);

      if (value == NULL)
        continue;
      answered++;
      if (shown < 2 && items[i].kind == MP_ANSWER_KIND_CHOICE)
        {
          const char *label = mp_checklist_item_get_value_label (&items[i], value);

          if (summary->len > 0)
            g_string_append (summary, " · ");
          g_string_append (summary, label != NULL ? label : value);
          shown++;
        }
    }
  if (summary->len > 0)
    g_string_append (summary, " · ");
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u of %u answered",
                                                "%u of %u answered", n_items),
                          answered, n_items);
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static char *
describe_blocking (MpCasePage *self,
                   MpStep      step)
{
  g_autoptr(GPtrArray) blocking = mp_checklist_list_blocking (self->kase, step);
  g_autoptr(GString) text = g_string_new (NULL);

  if (blocking == NULL || blocking->len == 0)
    return NULL;
  for (guint i = 0; i < blocking->len && i < 3; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, mp_checklist_item_get_label (g_ptr_array_index (blocking, i)));
    }
  if (blocking->len > 3)
    g_string_append (text, ", …");
  /* Translators: "Still needed: Acknowledgement sent on" */
  return g_strdup_printf (_("Still needed: %s"), text->str);
}

static void
update_steps (MpCasePage *self,
              GListModel *deadlines,
              gboolean    reset)
{
  gboolean closed = mp_checklist_is_closed (self->kase);
  guint current = closed ? MP_N_STEPS : (guint) mp_checklist_get_current_step (self->kase);

  for (guint i = 0; i < MP_N_STEPS; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->step_rows, i);
      GtkImage *icon = g_ptr_array_index (self->step_icons, i);
      const MpChecklistStep *step = mp_checklist_get_step (i);
      g_autofree char *summary = summarise_step (self, i);
      g_autofree char *subtitle = NULL;
      g_autoptr(MpDeadline) deadline = find_step_deadline (deadlines, i);
      gboolean overdue = FALSE;
      g_autofree char *due = deadline != NULL ? describe_deadline (deadline, &overdue) : NULL;
      gboolean applies = mp_checklist_step_applies (self->kase, i);
      const char *kind = mp_letters_kind_for_step (step->id, self->kase);

      if (!applies)
        {
          subtitle = g_strdup (_("Not needed for this case"));
          gtk_image_set_from_icon_name (icon, "action-unavailable-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (row), "quiet");
          gtk_widget_remove_css_class (GTK_WIDGET (icon), "overdue");
        }
      else if (i < current)
        {
          subtitle = g_strdup_printf (_("Done · %s"), summary);
          gtk_image_set_from_icon_name (icon, "object-select-symbolic");
          gtk_widget_remove_css_class (GTK_WIDGET (row), "quiet");
          gtk_widget_remove_css_class (GTK_WIDGET (icon), "overdue");
        }
      else if (i == current)
        {
          g_autofree char *needed = describe_blocking (self, i);

          subtitle = g_strdup_printf (_("Current step · %s"),
                                      due != NULL ? due : needed != NULL ? needed : summary);
          gtk_image_set_from_icon_name (icon, overdue ? "dialog-warning-symbolic" : "go-next-symbolic");
          gtk_widget_remove_css_class (GTK_WIDGET (row), "quiet");
          if (overdue)
            gtk_widget_add_css_class (GTK_WIDGET (icon), "overdue");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (icon), "overdue");
        }
      else
        {
          subtitle = due != NULL ? g_strdup_printf (_("Later · %s"), due) : g_strdup (_("Later"));
          gtk_image_set_from_icon_name (icon, "content-loading-symbolic");
          gtk_widget_add_css_class (GTK_WIDGET (row), "quiet");
          gtk_widget_remove_css_class (GTK_WIDGET (icon), "overdue");
        }
      adw_expander_row_set_subtitle (row, subtitle);
      if (reset || (i == current && current != self->current_step))
        adw_expander_row_set_expanded (row, i == current);

      /* a letter for steps that call for one, once the step is reached */
      mp_letter_row_set_letter (g_ptr_array_index (self->letter_rows, i), self->store, self->kase,
                                applies && i <= current ? kind : NULL);
    }
  self->current_step = current;
}

static void
set_item_extra (MpCasePage *self,
                const char *item,
                const char *text)
{
  MpChecklistRow *row = g_hash_table_lookup (self->item_rows, item);

  if (row != NULL)
    mp_checklist_row_set_extra (row, text);
}

/* What the policy suggests next to the answers: the asset's owner, the
 * reward and what is left of the year's budget. */
static void
update_extras (MpCasePage *self)
{
  g_autoptr(MpPolicy) policy = mp_policy_load (self->store);
  const char *asset = mp_case_get_asset (self->kase);
  g_autofree char *scope_text = NULL;
  g_autofree char *reward_text = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  gint64 suggestion = mp_reward_suggest (policy, self->kase);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (mp_time_now () / G_USEC_PER_SEC);
  gint64 left = mp_reward_budget_left (policy, mp_store_get_cases (self->store), g_date_time_get_year (now));
  g_autofree char *left_text = mp_ui_format_cents (left);
  g_autofree char *budget_text = g_strdup_printf (_("Budget left this year: %s."), left_text);

  if (asset != NULL)
    {
      g_autoptr(MpScopeMatch) match = mp_scope_match (policy, asset);

      switch (match->owner)
        {
        case MP_SCOPE_OURS:
          scope_text = g_strdup_printf (_("Suggested: ours — %s is on the asset list (%s)."),
                                        match->host, match->matched);
          break;
        case MP_SCOPE_SISTER:
          scope_text = g_strdup_printf (_("Suggested: %s — redirect the reporter to their policy (R-GROUP)."),
                                        match->sister_name);
          break;
        case MP_SCOPE_THIRD_PARTY:
          scope_text = g_strdup_printf (_("Suggested: a third party's — %s is not on the asset list. "
                                          "Refer the reporter to the owner or the national CSIRT."),
                                        match->host);
          break;
        case MP_SCOPE_CANNOT_TELL:
        default:
          scope_text = g_strdup (_("No host or address found in the affected system to compare with the asset list."));
          break;
        }
    }
  set_item_extra (self, "scope.asset_owner", scope_text);

  if (mp_reward_check_eligibility (self->kase, &reasons) != MP_REWARD_ELIGIBLE && reasons->len > 0)
    {
      g_autoptr(GString) why = g_string_new (_("Not eligible:"));

      for (guint i = 0; i < reasons->len; i++)
        g_string_append_printf (why, " %s", (const char *) g_ptr_array_index (reasons, i));
      g_string_append_printf (why, " %s", budget_text);
      reward_text = g_string_free (g_steal_pointer (&why), FALSE);
    }
  else if (suggestion < 0)
    reward_text = g_strdup_printf ("%s %s",
                                   _("A suggestion follows once severity (CVSS) and report quality are known."),
                                   budget_text);
  else
    {
      g_autofree char *amount = mp_ui_format_cents (suggestion);
      g_autofree char *cap = mp_ui_format_cents (policy->reward_cap);

      reward_text = g_strdup_printf (_("Suggested: %s (cap %s). %s"), amount, cap, budget_text);
    }
  set_item_extra (self, "reward.amount", reward_text);
}

static void
update_items (MpCasePage *self,
              gboolean    reset)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->item_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MpChecklistRow *row = value;
      const MpAnswer *answer = mp_case_get_answer (self->kase, key);
      g_autofree char *shown = mp_checklist_row_dup_value (row);

      /* Leave rows alone whose stored answer did not change, so that text
       * being typed elsewhere on the page is kept. */
      if (reset || g_strcmp0 (shown, answer != NULL ? answer->value : NULL) != 0)
        mp_checklist_row_set_answer (row, answer);
      {
        const MpChecklistItem *item = mp_checklist_row_get_item (row);
        gboolean required = mp_checklist_item_is_required (item, self->kase);

        mp_checklist_row_set_needed (row, answer == NULL && required);
        /* Items that only some cases need show up when they apply. */
        gtk_widget_set_visible (GTK_WIDGET (row),
                                item->required != MP_REQUIRED_WHEN || required || answer != NULL);
      }
    }
  update_extras (self);
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  MpEvent *event = item;
  g_autofree char *when = mp_ui_format_time (mp_event_get_at (event));
  g_autofree char *subtitle = NULL;
  const char *actor = mp_event_get_actor (event);
  const char *body = mp_event_get_body (event);
  const char *summary = mp_event_get_summary (event);
  GtkWidget *row;

  if (g_strcmp0 (mp_event_get_kind (event), "status") == 0)
    summary = mp_ui_status_label (summary);
  else if (g_strcmp0 (mp_event_get_kind (event), "letter") == 0 && summary != NULL &&
           mp_letters_is_kind (summary))
    summary = mp_letters_get_kind_title (summary);
  if (actor != NULL && *actor != '\0')
    subtitle = g_strdup_printf ("%s · %s · %s", when, mp_ui_event_kind_label (mp_event_get_kind (event)), actor);
  else
    subtitle = g_strdup_printf ("%s · %s", when, mp_ui_event_kind_label (mp_event_get_kind (event)));

  if (body != NULL && *body != '\0')
    {
      GtkWidget *label = gtk_label_new (body);

      row = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary != NULL ? summary : "");
  return row;
}

static GtkWidget *
create_attachment_row (gpointer item,
                       gpointer user_data)
{
  MpAttachment *attachment = item;
  g_autofree char *size = g_format_size (mp_attachment_get_size (attachment));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", size, mp_attachment_get_mime_type (attachment));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
  GtkWidget *save = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  g_autofree char *open_label = g_strdup_printf (_("Open %s"), mp_attachment_get_name (attachment));
  g_autofree char *save_label = g_strdup_printf (_("Save %s"), mp_attachment_get_name (attachment));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mp_attachment_get_name (attachment));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_tooltip_text (open, _("Open"));
  gtk_widget_set_tooltip_text (save, _("Save As…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (save), GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "case.open-attachment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", mp_attachment_get_id (attachment));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "case.save-attachment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (save), "x", mp_attachment_get_id (attachment));
  for (GtkWidget *button = open; button != NULL; button = button == open ? save : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  gint64 x = mp_event_get_at ((MpEvent *) a), y = mp_event_get_at ((MpEvent *) b);

  return x < y ? -1 : x > y;
}

/* The timeline: the store's events, the status changes and every answer
 * with who gave it and when, oldest first. */
static GListModel *
build_timeline (MpCasePage  *self,
                GError     **error)
{
  g_autoptr(GListModel) events = mp_store_list_events (self->store, self->kase, error);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GPtrArray) answered = NULL;
  GListStore *timeline;
  gboolean has_status = FALSE;

  if (events == NULL)
    return NULL;
  timeline = g_list_store_new (MP_TYPE_EVENT);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      has_status |= g_strcmp0 (mp_event_get_kind (event), "status") == 0;
      g_list_store_append (timeline, event);
    }
  if (!has_status && (history = mp_store_list_status_history (self->store, self->kase, NULL)) != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (history); i++)
      {
        g_autoptr(MpEvent) event = g_list_model_get_item (history, i);

        g_list_store_append (timeline, event);
      }

  answered = mp_case_list_answers (self->kase);
  for (guint i = 0; i < answered->len; i++)
    {
      const MpAnswer *answer = mp_case_get_answer (self->kase, g_ptr_array_index (answered, i));
      const MpChecklistItem *item = mp_checklist_lookup_item (answer->item);
      const char *label = item != NULL ? mp_checklist_item_get_label (item) : answer->item;
      const char *value = item != NULL ? mp_checklist_item_get_value_label (item, answer->value) : NULL;
      g_autofree char *summary = NULL;
      g_autoptr(MpEvent) event = NULL;

      if (value == NULL)
        value = answer->value != NULL ? answer->value : "—";
      /* a confidential answer (the voucher code) is not repeated here */
      if (item != NULL && item->confidential)
        value = "•••";
      /* "Spam sent? No", "Owner of the affected system: Team Web" */
      summary = g_str_has_suffix (label, "?") ? g_strdup_printf ("%s %s", label, value)
                                              : g_strdup_printf ("%s: %s", label, value);
      event = mp_event_new (0, answer->answered_at, "answer", answer->actor, summary, answer->note);
      g_list_store_append (timeline, event);
    }
  g_list_store_sort (timeline, compare_events, NULL);
  return G_LIST_MODEL (timeline);
}

static void
load_records (MpCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = build_timeline (self, &error);
  g_autoptr(GListModel) attachments = NULL;

  if (events == NULL)
    mp_ui_toast (GTK_WIDGET (self), error->message);
  gtk_list_box_bind_model (self->timeline_list, events, create_event_row, self, NULL);
  g_clear_error (&error);

  attachments = mp_store_list_attachments (self->store, self->kase, &error);
  if (attachments == NULL)
    mp_ui_toast (GTK_WIDGET (self), error->message);
  gtk_list_box_bind_model (self->attachment_list, attachments, create_attachment_row, self, NULL);
}

static void
update_summary (MpCasePage *self,
                GListModel *deadlines)
{
  MpCase *kase = self->kase;
  g_autofree char *received = mp_ui_format_time (mp_case_get_received_at (kase));
  g_autoptr(GString) reporter = g_string_new (NULL);
  g_autoptr(GString) details = g_string_new (NULL);
  const char *outcome = mp_case_get_outcome (kase);
  g_autofree char *status = NULL;
  gint64 due = mp_case_get_next_due (kase);
  static const struct { const char *field; const char *heading; } texts[] = {
    { "description", N_("Description") },
    { "impact", N_("Potential impact") },
    { "reproduction", N_("Steps to reproduce") },
  };

  gtk_label_set_label (self->reference_label, mp_case_get_reference (kase));
  gtk_label_set_label (self->title_label, mp_case_get_title (kase));

  if (outcome != NULL)
    {
      const char *label = mp_checklist_item_get_value_label (mp_checklist_lookup_item ("scope.outcome"), outcome);

      if (label == NULL)
        label = g_strcmp0 (outcome, "sister") == 0 ? _("Sister organisation's system")
                : g_strcmp0 (outcome, "third-party") == 0 ? _("Third party's system") : outcome;
      status = g_strdup_printf ("%s · %s", mp_ui_status_label (mp_case_get_status (kase)), label);
    }
  else
    status = g_strdup (mp_ui_status_label (mp_case_get_status (kase)));
  set_subtitle (self->status_row, status);

  if (due != 0 && !mp_case_is_closed (kase))
    {
      g_autoptr(MpDeadline) deadline = find_deadline (deadlines, mp_case_get_next_due_kind (kase));
      gboolean overdue = FALSE;
      g_autofree char *text = NULL;

      if (deadline != NULL && mp_deadline_get_due_at (deadline) == due)
        text = describe_deadline (deadline, &overdue);
      else
        {
          g_autofree char *when = mp_ui_format_due (due, mp_time_now (), &overdue);

          text = g_strdup_printf (C_("deadline", "%s %s"),
                                  mp_ui_deadline_label (mp_case_get_next_due_kind (kase)), when);
        }
      set_subtitle (self->due_row, text);
      gtk_image_set_from_icon_name (self->due_icon, overdue ? "dialog-warning-symbolic" : "alarm-symbolic");
      if (overdue)
        gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "overdue-row");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "overdue-row");
      gtk_widget_set_visible (GTK_WIDGET (self->due_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->due_row), FALSE);

  set_subtitle (self->received_row, received);
  gtk_widget_set_visible (GTK_WIDGET (self->erase_row), mp_case_is_closed (kase) && !mp_case_is_erased (kase));

  if (mp_case_is_erased (kase))
    g_string_append (reporter, _("Erased"));
  else if (mp_case_get_boolean (kase, "reporter_anonymous"))
    g_string_append (reporter, _("Anonymous"));
  else
    {
      const char *name = mp_case_get_reporter_name (kase);
      const char *email = mp_case_get_reporter_email (kase);

      g_string_append (reporter, name != NULL ? name : _("No name given"));
      if (email != NULL)
        g_string_append_printf (reporter, " <%s>", email);
    }
  g_string_append_printf (reporter, " · %s",
                          g_strcmp0 (mp_case_get_reporter_language (kase), "en") == 0 ? _("English")
                                                                                       : _("Dutch"));
  if (mp_case_get_boolean (kase, "reporter_wants_credit"))
    g_string_append_printf (reporter, " · %s", _("wants credit"));
  set_subtitle (self->reporter_row, reporter->str);
  set_subtitle (self->asset_row, mp_case_get_asset (kase));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *text = mp_case_get_text (kase, texts[i].field);

      if (details->len > 0)
        g_string_append (details, "\n\n");
      g_string_append_printf (details, "%s\n%s", _(texts[i].heading),
                              text != NULL ? text : _("(not given)"));
    }
  gtk_label_set_label (self->details_label, details->str);
}

static void
refresh (MpCasePage *self,
         gboolean    reset)
{
  g_autoptr(GListModel) deadlines = NULL;

  if (self->kase == NULL || self->store == NULL)
    return;

  deadlines = mp_store_list_deadlines (self->store, self->kase, NULL);
  update_summary (self, deadlines);
  update_items (self, reset);
  update_steps (self, deadlines, reset);
}

static void
on_answer_changed_cb (MpChecklistRow *row,
                      const char     *value,
                      const char     *note,
                      MpCasePage     *self)
{
  const MpChecklistItem *item = mp_checklist_row_get_item (row);
  g_autoptr(GError) error = NULL;
  const char *old_status;
  g_autofree char *status_before = NULL;

  if (self->kase == NULL)
    return;

  old_status = mp_case_get_status (self->kase);
  status_before = g_strdup (old_status);
  if (!mp_store_set_answer (self->store, self->kase, item->id, value, note, &error))
    {
      /* What was typed stays in the row, with the reason next to it. */
      mp_checklist_row_show_problem (row, error->message);
      return;
    }

  mp_checklist_row_set_answer (row, mp_case_get_answer (self->kase, item->id));
  refresh (self, FALSE);
  if (g_strcmp0 (status_before, mp_case_get_status (self->kase)) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s moved to %s"), mp_case_get_reference (self->kase),
                                                  mp_ui_status_label (mp_case_get_status (self->kase)));

      mp_ui_toast (GTK_WIDGET (self), message);
    }
  load_records (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_letter_sent_cb (MpCasePage *self)
{
  refresh (self, FALSE);
  load_records (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
build_checklist (MpCasePage *self)
{
  for (guint i = 0; i < MP_N_STEPS; i++)
    {
      const MpChecklistStep *step = mp_checklist_get_step (i);
      GtkWidget *row = adw_expander_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("content-loading-symbolic");
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, mp_checklist_step_get_label (step));
      MpLetterRow *letter = mp_letter_row_new ();
      guint n_items;
      const MpChecklistItem *items = mp_checklist_get_items (i, &n_items);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_widget_set_name (row, step->id);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      if (step->help != NULL)
        gtk_widget_set_tooltip_text (row, mp_checklist_step_get_help (step));

      for (guint j = 0; j < n_items; j++)
        {
          MpChecklistRow *item_row = mp_checklist_row_new (&items[j]);

          g_signal_connect (item_row, "answer-changed", G_CALLBACK (on_answer_changed_cb), self);
          g_hash_table_insert (self->item_rows, (gpointer) items[j].id, item_row);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (item_row));
        }
      g_signal_connect_swapped (letter, "sent", G_CALLBACK (on_letter_sent_cb), self);
      gtk_widget_set_visible (GTK_WIDGET (letter), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (letter));
      adw_preferences_group_add (self->checklist_group, row);
      g_ptr_array_add (self->step_rows, row);
      g_ptr_array_add (self->step_icons, icon);
      g_ptr_array_add (self->letter_rows, letter);
    }
}

static void
on_back_clicked_cb (MpCasePage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

/* Notes and replies */

static void
event_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MpCasePage       *self);

static void
ask_for_event (MpCasePage *self,
               const char *kind,
               const char *text)
{
  gboolean reply = g_str_equal (kind, "reply");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root),
                                              reply ? _("Add Reporter's Reply") : _("Add Note"),
                                              reply ? _("Paste or summarise what the reporter wrote.")
                                                    : _("Notes are kept encrypted with the case."));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text != NULL ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reply ? _("Reply") : _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 140);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (kind), g_free);
  g_object_set_data (G_OBJECT (dialog), "view", view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (event_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (view);
}

static void
event_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MpCasePage       *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "view");
  const char *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (!g_str_equal (response, "add") || self->kase == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    return;

  /* The summary is not encrypted: it names the kind of entry, never its text. */
  if (!mp_store_add_event (self->store, self->kase, kind,
                           g_str_equal (kind, "reply") ? _("Reply from the reporter") : _("Note"),
                           text, &error))
    {
      g_autofree char *kept = g_strdup (text);
      g_autofree char *kind_kept = g_strdup (kind);

      mp_ui_toast (GTK_WIDGET (self), error->message);
      ask_for_event (self, kind_kept, kept);
      return;
    }
  load_records (self);
  mp_ui_toast (GTK_WIDGET (self), g_str_equal (kind, "reply") ? _("Reply added") : _("Note added"));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_note_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_for_event (MP_CASE_PAGE (widget), g_str_equal (action_name, "case.add-reply") ? "reply" : "note", NULL);
}

/* Attachments */

static MpAttachment *
lookup_attachment (MpCasePage *self,
                   gint64      id)
{
  g_autoptr(GListModel) attachments = mp_store_list_attachments (self->store, self->kase, NULL);

  for (guint i = 0; attachments != NULL && i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, i);

      if (mp_attachment_get_id (attachment) == id)
        return g_steal_pointer (&attachment);
    }
  return NULL;
}

static char *
private_copy (MpCasePage   *self,
              MpAttachment *attachment,
              GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *safe = NULL;
  g_autofree char *name = NULL;
  char *path;

  if (!(bytes = mp_store_read_attachment (self->store, attachment, error)))
    return NULL;
  if (self->temp_dir == NULL)
    {
      const char *base = g_get_user_runtime_dir ();
      g_autofree char *template = g_build_filename (base, "meldpunt-XXXXXX", NULL);

      /* Only this user may enter the folder or read the copies. */
      if (g_mkdtemp_full (template, 0700) == NULL)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("No private folder could be made for the copy: %s"), g_strerror (errno));
          return NULL;
        }
      self->temp_dir = g_steal_pointer (&template);
    }
  safe = g_strdup (mp_attachment_get_name (attachment));
  g_strdelimit (safe, "/\\", '_');
  name = g_strdup_printf ("%" G_GINT64_FORMAT "-%s", mp_attachment_get_id (attachment), safe);
  path = g_build_filename (self->temp_dir, name, NULL);
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_free (path);
      return NULL;
    }
  return path;
}

static void
open_attachment_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  g_autoptr(MpAttachment) attachment = lookup_attachment (self, g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;

  if (attachment == NULL)
    return;
  if (!(path = private_copy (self, attachment, &error)))
    {
      mp_ui_toast (widget, error->message);
      return;
    }
  uri = g_filename_to_uri (path, NULL, NULL);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
    {
      g_unlink (path);
      mp_ui_toast (widget, error->message);
    }
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  MpCasePage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->saving != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = mp_store_read_attachment (self->store, self->saving, &error);

      if (bytes == NULL ||
          !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                                    FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                    NULL, NULL, &error))
        mp_ui_toast (GTK_WIDGET (self), error->message);
      else
        mp_ui_toast (GTK_WIDGET (self), _("Attachment saved"));
    }
  g_clear_object (&self->saving);
  g_clear_object (&self->chooser);
}

static void
save_attachment_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  MpAttachment *attachment = lookup_attachment (self, g_variant_get_int64 (parameter));

  if (attachment == NULL || self->chooser != NULL)
    {
      g_clear_object (&attachment);
      return;
    }
  self->saving = attachment;
  self->chooser = gtk_file_chooser_native_new (_("Save Attachment"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), mp_attachment_get_name (attachment));
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_response_cb (GtkNativeDialog *chooser,
                 int              response,
                 MpCasePage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->kase != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint added = 0;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *type = NULL;
          g_autofree char *mime = NULL;
          g_autoptr(MpAttachment) attachment = NULL;

          if (bytes != NULL)
            {
              type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL),
                                           MIN (g_bytes_get_size (bytes), 4096), NULL);
              mime = g_content_type_get_mime_type (type);
              attachment = mp_store_add_attachment (self->store, self->kase, name,
                                                    mime != NULL ? mime : "application/octet-stream",
                                                    bytes, &error);
            }
          if (attachment == NULL)
            mp_ui_toast (GTK_WIDGET (self), error->message);
          else
            added++;
        }
      if (added > 0)
        {
          load_records (self);
          mp_ui_toast (GTK_WIDGET (self), g_dngettext (GETTEXT_PACKAGE, "Attachment added",
                                                       "Attachments added", added));
          g_signal_emit (self, signals[CHANGED], 0);
        }
    }
  g_clear_object (&self->chooser);
}

static void
add_attachment_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);

  if (self->chooser != NULL || self->kase == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add Attachments"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (add_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_report_corrected_cb (MpCasePage *self)
{
  refresh (self, FALSE);
  load_records (self);
  mp_ui_toast (GTK_WIDGET (self), _("Report corrected"));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
edit_report_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  MpIntakeDialog *dialog;

  if (self->kase == NULL || mp_case_is_erased (self->kase))
    return;
  dialog = mp_intake_dialog_new_for_case (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, self->kase);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_report_corrected_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
erase_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MpCasePage       *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "erase") || self->kase == NULL)
    return;
  mp_case_page_clear_temp (self);
  if (!mp_store_erase_case (self->store, self->kase, &error))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  message = g_strdup_printf (_("The confidential data of %s was erased"), mp_case_get_reference (self->kase));
  mp_ui_toast (GTK_WIDGET (self), message);
  refresh (self, TRUE);
  load_records (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.edit-report", FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
erase_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->kase == NULL || !mp_case_is_closed (self->kase) || mp_case_is_erased (self->kase))
    return;
  heading = g_strdup_printf (_("Erase the Confidential Data of %s?"), mp_case_get_reference (self->kase));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("The reporter's name and address, the description, notes, letters and "
                                     "attachments are destroyed for good. The checklist, dates and audit "
                                     "trail stay. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_case_notify_cb (MpCasePage *self)
{
  /* the store changed the case (another part of the window, an import) */
  refresh (self, FALSE);
}

static void
mp_case_page_dispose (GObject *object)
{
  MpCasePage *self = MP_CASE_PAGE (object);

  mp_case_page_clear_temp (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->saving);
  if (self->kase != NULL)
    g_clear_signal_handler (&self->notify_id, self->kase);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_CASE_PAGE);
  g_clear_pointer (&self->item_rows, g_hash_table_unref);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);
  g_clear_pointer (&self->step_icons, g_ptr_array_unref);
  g_clear_pointer (&self->letter_rows, g_ptr_array_unref);
  g_clear_pointer (&self->draft_kind, g_free);
  g_clear_pointer (&self->draft_text, g_free);
  G_OBJECT_CLASS (mp_case_page_parent_class)->dispose (object);
}

static void
mp_case_page_class_init (MpCasePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_case_page_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, reference_label);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, status_row);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, due_row);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, due_icon);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, received_row);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, reporter_row);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, asset_row);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, erase_row);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, details_label);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, checklist_group);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, attachment_list);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "case.add-note", NULL, add_note_activated);
  gtk_widget_class_install_action (widget_class, "case.edit-report", NULL, edit_report_activated);
  gtk_widget_class_install_action (widget_class, "case.erase", NULL, erase_activated);
  gtk_widget_class_install_action (widget_class, "case.add-reply", NULL, add_note_activated);
  gtk_widget_class_install_action (widget_class, "case.add-attachment", NULL, add_attachment_activated);
  gtk_widget_class_install_action (widget_class, "case.open-attachment", "x", open_attachment_activated);
  gtk_widget_class_install_action (widget_class, "case.save-attachment", "x", save_attachment_activated);
}

static void
mp_case_page_init (MpCasePage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->step_rows = g_ptr_array_new ();
  self->step_icons = g_ptr_array_new ();
  self->letter_rows = g_ptr_array_new ();
  self->item_rows = g_hash_table_new (g_str_hash, g_str_equal);
  build_checklist (self);

  placeholder = gtk_label_new (_("No attachments"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->attachment_list, placeholder);
}

void
mp_case_page_set_store (MpCasePage *self,
                        MpStore    *store)
{
  g_return_if_fail (MP_IS_CASE_PAGE (self));

  if (store != self->store)
    mp_case_page_set_case (self, NULL);
  g_set_object (&self->store, store);
}

void
mp_case_page_set_case (MpCasePage *self,
                       MpCase     *kase)
{
  g_return_if_fail (MP_IS_CASE_PAGE (self));

  if (self->kase != NULL)
    g_clear_signal_handler (&self->notify_id, self->kase);
  g_set_object (&self->kase, kase);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-note", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-reply", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-attachment", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.edit-report", kase != NULL && !mp_case_is_erased (kase));

  if (kase == NULL || self->store == NULL)
    {
      gtk_list_box_bind_model (self->timeline_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->attachment_list, NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->notify_id = g_signal_connect_object (kase, "notify::status", G_CALLBACK (on_case_notify_cb), self,
                                             G_CONNECT_SWAPPED);
  self->current_step = G_MAXUINT;
  refresh (self, TRUE);
  load_records (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "case");
}

MpCase *
mp_case_page_get_case (MpCasePage *self)
{
  g_return_val_if_fail (MP_IS_CASE_PAGE (self), NULL);
  return self->kase;
}

void
mp_case_page_set_show_back (MpCasePage *self,
                            gboolean    show_back)
{
  g_return_if_fail (MP_IS_CASE_PAGE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
}

static gboolean
scroll_to_step_cb (gpointer user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  MpCasePage *self = MP_CASE_PAGE (gtk_widget_get_ancestor (row, MP_TYPE_CASE_PAGE));
  graphene_point_t point;

  /* after the expander has been laid out, bring the step to the top */
  if (self != NULL &&
      gtk_widget_compute_point (row, gtk_scrolled_window_get_child (self->scroller),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), MAX (0, point.y - 12));
  return G_SOURCE_REMOVE;
}

void
mp_case_page_show_step (MpCasePage *self,
                        const char *step_id)
{
  g_return_if_fail (MP_IS_CASE_PAGE (self));

  for (guint i = 0; i < MP_N_STEPS; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->step_rows, i);
      gboolean shown = g_str_equal (mp_checklist_get_step (i)->id, step_id);

      adw_expander_row_set_expanded (row, shown);
      if (shown)
        g_timeout_add (400, scroll_to_step_cb, g_object_ref (row));
    }
}

void
mp_case_page_clear_temp (MpCasePage *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_if_fail (MP_IS_CASE_PAGE (self));

  if (self->temp_dir == NULL)
    return;
  if ((dir = g_dir_open (self->temp_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (self->temp_dir, name, NULL);

        g_unlink (path);
      }
  g_rmdir (self->temp_dir);
  g_clear_pointer (&self->temp_dir, g_free);
}
