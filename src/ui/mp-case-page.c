/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "mp-backup-actions.h"
#include "mp-case-page-private.h"
#include "mp-checklist-row.h"
#include "mp-cvss.h"
#include "mp-deadlines.h"
#include "mp-derive.h"
#include "mp-duplicates-row.h"
#include "mp-encryption-group.h"
#include "mp-format.h"
#include "mp-intake-dialog.h"
#include "mp-checklist.h"
#include "mp-legal-group.h"
#include "mp-letter-row.h"
#include "mp-letters.h"
#include "mp-policy.h"
#include "mp-reward.h"
#include "mp-scope.h"
#include "mp-ui-util.h"

/* struct _MpCasePage is in mp-case-page-private.h */

G_DEFINE_FINAL_TYPE (MpCasePage, mp_case_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE,
  N_PROPS
};

enum {
  CHANGED,
  BACK,
  OPEN_CASE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh (MpCasePage *self, gboolean reset);

void
_mp_case_page_emit_changed (MpCasePage *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

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

static MpDeadline *
find_step_deadline (GListModel *deadlines,
                    MpStep      step)
{
  guint n_kinds;
  const MpTerm *kinds = mp_vocabulary_get_terms (MP_VOCABULARY_DEADLINE_KIND, &n_kinds);
  MpDeadline *met = NULL;

  /* The desk's own kinds of the step, the first open one winning; the legal
   * clocks have their own group. */
  for (guint i = 0; i < n_kinds; i++)
    {
      MpDeadline *deadline;

      if (kinds[i].legal || kinds[i].step != step)
        continue;
      deadline = find_deadline (deadlines, kinds[i].id);
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

/* Letters that do not wait for their step (issue 16): the acknowledgement
 * is offered as soon as the report is logged, on the intake or scope step
 * (whichever is current), until it is sent or its own step is reached; the notice of a new fix date goes with
 * the act of moving it, on the remediation step. */
static void
update_extra_letters (MpCasePage *self,
                      guint       current)
{
  gboolean early = current < MP_STEP_ACKNOWLEDGEMENT &&
                   mp_checklist_step_applies (self->kase, MP_STEP_ACKNOWLEDGEMENT) &&
                   mp_case_get_answer_value (self->kase, "ack.sent_on") == NULL;
  gboolean extended = mp_checklist_step_applies (self->kase, MP_STEP_REMEDIATION) &&
                      mp_case_get_answer_value (self->kase, "remed.fix_date_extended_to") != NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->ack_letter_rows); i++)
    mp_letter_row_set_letter (MP_LETTER_ROW (self->ack_letter_rows[i]), self->store, self->kase,
                              early && i == current ? "acknowledgement" : NULL);
  mp_letter_row_set_letter (MP_LETTER_ROW (self->extension_letter_row), self->store, self->kase,
                            extended ? "extension" : NULL);
}

/* The first item of @step that still needs an answer (else its first
 * item); NULL when the step shows none. */
static GtkWidget *
first_open_item (MpCasePage *self,
                 guint       step)
{
  guint n_items;
  const MpChecklistItem *items = mp_checklist_get_items (step, &n_items);
  GtkWidget *first = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->item_rows, items[i].id);

      if (row == NULL || !gtk_widget_get_visible (row))
        continue;
      if (first == NULL)
        first = row;
      if (mp_case_get_answer_value (self->kase, items[i].id) == NULL &&
          mp_checklist_item_is_required (&items[i], self->kase))
        return row;
    }
  return first;
}

/* The y of @widget in the page's visible area, or NAN. */
static double
screen_y (MpCasePage *self,
          GtkWidget  *widget)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (self->scroller),
                                 &GRAPHENE_POINT_INIT (0, 0), &point))
    return NAN;
  return point.y;
}

/* Folding and opening steps is animated, and tick callbacks run before a
 * frame's layout: the item is focused once it has stayed in one place for
 * two frames, so that the page scrolls to where it is, not to where it was
 * (that jumped the page by thousands of pixels). */
static gboolean
focus_step_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  MpCasePage *self = MP_CASE_PAGE (widget);
  guint step = self->focus_step;
  GtkWidget *target;
  double y;

  if (self->kase == NULL || step >= MP_N_STEPS)
    goto done;
  target = first_open_item (self, step);
  if (target == NULL)
    {
      gtk_widget_grab_focus (g_ptr_array_index (self->step_rows, step));
      goto done;
    }
  y = gtk_widget_get_mapped (target) ? screen_y (self, target) : NAN;
  if (++self->focus_ticks < 120 && (isnan (y) || y != self->focus_last_y || self->focus_stable++ < 2))
    {
      if (isnan (y) || y != self->focus_last_y)
        self->focus_stable = 0;
      self->focus_last_y = y;
      return G_SOURCE_CONTINUE;
    }
  if (!gtk_widget_child_focus (target, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (g_ptr_array_index (self->step_rows, step));

done:
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Moves the focus into @step (the last step's row once closed), from the
 * title of @folded, the step that just folded. */
static void
move_focus_to_step (MpCasePage *self,
                    guint       step,
                    GtkWidget  *folded)
{
  if (step >= MP_N_STEPS)
    {
      gtk_widget_grab_focus (g_ptr_array_index (self->step_rows, MP_N_STEPS - 1));
      return;
    }
  /* Meanwhile the focus is on the title of the step that folded: it stays
   * where it is on the page, and is not lost to the window. */
  gtk_widget_grab_focus (folded);
  self->focus_step = step;
  self->focus_ticks = 0;
  self->focus_stable = 0;
  self->focus_last_y = NAN;
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_step_tick_cb,
                                                        NULL, NULL);
}

static void
update_steps (MpCasePage *self,
              GListModel *deadlines,
              gboolean    reset)
{
  gboolean closed = mp_checklist_is_closed (self->kase);
  guint current = closed ? MP_N_STEPS : (guint) mp_checklist_get_current_step (self->kase);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean focus_moves = FALSE;
  GtkWidget *folded = NULL;

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
      if (reset)
        adw_expander_row_set_expanded (row, i == current);
      else if (current != self->current_step && i != current && i < current)
        {
          /* Finished steps fold away as the case moves on (issue 16: a
           * walked case was 11,000 px tall); the user can open any again. */
          if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (row)))
            {
              focus_moves = TRUE;
              folded = GTK_WIDGET (row);
            }
          adw_expander_row_set_expanded (row, FALSE);
        }
      else if (current != self->current_step && i == current)
        adw_expander_row_set_expanded (row, TRUE);

      /* a letter for steps that call for one, once the step is reached */
      mp_letter_row_set_letter (g_ptr_array_index (self->letter_rows, i), self->store, self->kase,
                                applies && i <= current ? kind : NULL);
    }
  update_extra_letters (self, current);
  /* The focus was in the step that just folded: it goes on in the next
   * step rather than to the window (where typing would land in the search). */
  if (focus_moves)
    move_focus_to_step (self, current, folded);
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

/* The expected fix date the policy's fix period for the case's severity
 * gives (P-FIX-ASAP), offered beside the field until one is stored. */
static void
update_fix_date_suggestion (MpCasePage *self,
                            MpPolicy   *policy)
{
  MpChecklistRow *row = g_hash_table_lookup (self->item_rows, "assess.fix_date");
  const char *severity = mp_derive_severity (mp_case_get_answer_value (self->kase, "assess.cvss"));
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (row == NULL)
    return;
  if (mp_case_get_answer_value (self->kase, "assess.fix_date") == NULL)
    date = mp_deadlines_suggest_fix_date (policy, mp_case_get_received_at (self->kase), severity);
  if (date != NULL)
    {
      guint days = mp_policy_get_fix_days (policy, severity);

      /* Translators: "Suggested: 2026-12-02 — severity High, fixed within
       * 30 days of receipt." */
      text = g_strdup_printf (ngettext ("Suggested: %s — severity %s, fixed within %u day of receipt.",
                                        "Suggested: %s — severity %s, fixed within %u days of receipt.",
                                        days),
                              date, mp_cvss_severity_to_label (severity), days);
    }
  mp_checklist_row_set_suggestion (row, date, text);
}

/* The reward suggested and what is left of the year's budget, next to the
 * reward's amount. Only while the reward step is open (issue 12): the
 * year's total reads the rewards of every case the first time. */
static void
update_reward_text (MpCasePage *self,
                    MpPolicy   *policy)
{
  g_autofree char *reward_text = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  gint64 suggestion = mp_reward_suggest (policy, self->kase);
  MpDeskContext *desk = mp_ui_get_desk_context ();
  int year = mp_desk_context_year_of (desk, mp_desk_context_now (desk));
  gint64 left = mp_reward_budget_left (policy, self->store, year);
  g_autofree char *left_text = mp_ui_format_cents (left);
  g_autofree char *budget_text = NULL;
  MpChecklistRow *amount_row = g_hash_table_lookup (self->item_rows, "reward.amount");

  /* an overspent budget is said so, not shown as a negative amount left */
  if (left < 0)
    {
      g_autofree char *over = mp_ui_format_cents (-left);

      budget_text = g_strdup_printf (_("The budget for this year is overspent by %s."), over);
    }
  else
    budget_text = g_strdup_printf (_("Budget left this year: %s."), left_text);
  if (amount_row != NULL)
    {
      mp_checklist_row_set_amount_cap (amount_row, policy->reward_cap);
      /* the suggestion, ready to confirm (issue 16) */
      if (suggestion > 0)
        {
          g_autofree char *suggested = mp_format_amount_input (suggestion, mp_ui_language ());

          mp_checklist_row_suggest_value (amount_row, suggested);
        }
    }

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
  self->reward_text_stale = FALSE;
}

static void
on_reward_step_expanded_cb (MpCasePage *self)
{
  g_autoptr(MpPolicy) policy = NULL;

  if (!self->reward_text_stale || self->kase == NULL || self->store == NULL
      || !adw_expander_row_get_expanded (self->reward_step_row))
    return;
  policy = mp_store_get_policy (self->store);
  update_reward_text (self, policy);
}

/* What the policy suggests next to the answers: the asset's owner, the
 * reward and what is left of the year's budget. */
static void
update_extras (MpCasePage *self)
{
  g_autoptr(MpPolicy) policy = mp_store_get_policy (self->store);
  const char *asset = mp_case_get_asset (self->kase);
  g_autofree char *scope_text = NULL;

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

  /* A sister's or a third party's system decides the outcome by itself
   * (issue 16: it still read "Not answered"). */
  {
    const char *outcome = mp_checklist_get_outcome (self->kase);
    const char *routed = NULL;

    if (g_strcmp0 (outcome, "third-party") == 0)
      routed = _("Outcome: a third party's system. Refer the reporter to its owner or the "
                 "national CSIRT; no other outcome is needed.");
    else if (g_strcmp0 (outcome, "sister") == 0)
      routed = _("Outcome: a sister organisation's system. Redirect the reporter to its "
                 "policy; no other outcome is needed.");
    set_item_extra (self, "scope.outcome", routed);
  }
  update_fix_date_suggestion (self, policy);
  mp_duplicates_row_update (MP_DUPLICATES_ROW (self->duplicates_row), self->store, self->kase);

  if (self->reward_step_row == NULL || adw_expander_row_get_expanded (self->reward_step_row))
    update_reward_text (self, policy);
  else
    {
      /* Not another case's text meanwhile; filled when the step opens. */
      set_item_extra (self, "reward.amount", NULL);
      self->reward_text_stale = TRUE;
    }
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
  g_autofree char *erased = NULL;
  gint64 due = mp_case_get_next_due (kase);
  static const struct { const char *field; const char *heading; } texts[] = {
    { "description", N_("Description") },
    { "impact", N_("Potential impact") },
    { "reproduction", N_("Steps to reproduce") },
  };

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
    {
      /* Issue 16: erased details read "(not given)", as if never reported. */
      g_autofree char *when = mp_ui_format_time (mp_case_get_time (kase, "erased_at"));

      /* Translators: "Erased on 2026-11-20 14:05" */
      erased = g_strdup_printf (_("Erased on %s"), when);
    }
  if (erased != NULL)
    g_string_append (reporter, erased);
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
  set_subtitle (self->asset_row, mp_case_get_asset (kase) != NULL ? mp_case_get_asset (kase) : erased);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *text = mp_case_get_text (kase, texts[i].field);

      if (details->len > 0)
        g_string_append (details, "\n\n");
      g_string_append_printf (details, "%s\n%s", _(texts[i].heading),
                              text != NULL ? text : erased != NULL ? erased : _("(not given)"));
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
  mp_legal_group_update (self->legal_group, self->store, self->kase, deadlines);
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
  _mp_case_page_load_records (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* "None of these were used": the nine forbidden-method questions answered
 * "no" in one write, each recorded (the store then derives "rules
 * followed"). */
static void
on_no_methods_cb (MpCasePage *self)
{
  const char * const *methods = mp_checklist_get_method_items ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *status_before = NULL;

  if (self->kase == NULL)
    return;
  for (guint i = 0; methods[i] != NULL; i++)
    g_ptr_array_add (values, (gpointer) "no");
  g_ptr_array_add (values, NULL);
  status_before = g_strdup (mp_case_get_status (self->kase));
  if (!mp_store_set_answers (self->store, self->kase, methods,
                             (const char * const *) values->pdata, NULL, &error))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  refresh (self, FALSE);
  if (g_strcmp0 (status_before, mp_case_get_status (self->kase)) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s moved to %s"), mp_case_get_reference (self->kase),
                                                  mp_ui_status_label (mp_case_get_status (self->kase)));

      mp_ui_toast (GTK_WIDGET (self), message);
    }
  _mp_case_page_load_records (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
no_methods_row_new (MpCasePage *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_None of These Were Used"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Forbidden methods"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Answers the nine questions below with No at once; "
                                 "“Were the rules followed?” follows from them."));
  gtk_widget_set_name (row, "scope.methods-none");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_no_methods_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
on_letter_sent_cb (MpCasePage *self)
{
  refresh (self, FALSE);
  _mp_case_page_load_records (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_duplicate_open_cb (MpCasePage *self,
                      const char *reference)
{
  g_signal_emit (self, signals[OPEN_CASE], 0, reference);
}

static GtkWidget *
step_help_button_new (const MpChecklistStep *step)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (mp_checklist_step_get_help (step));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_set_tooltip_text (button, _("About This Step"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("About This Step"), -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, "step-help");
  return button;
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
      if (g_str_equal (step->id, "reward"))
        {
          self->reward_step_row = ADW_EXPANDER_ROW (row);
          g_signal_connect_swapped (row, "notify::expanded",
                                    G_CALLBACK (on_reward_step_expanded_cb), self);
        }
      /* The step's help behind a button, not as the whole step's tooltip:
       * that covered the popups of its drop-downs (issue 16). */
      if (step->help != NULL)
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), step_help_button_new (step));

      for (guint j = 0; j < n_items; j++)
        {
          MpChecklistRow *item_row = mp_checklist_row_new (&items[j]);

          /* the cases alike first: a duplicate needs no further scope check */
          if (g_str_equal (items[j].id, "scope.asset_owner"))
            {
              self->duplicates_row = GTK_WIDGET (mp_duplicates_row_new ());
              g_signal_connect_swapped (self->duplicates_row, "open-case",
                                        G_CALLBACK (on_duplicate_open_cb), self);
              g_signal_connect_swapped (self->duplicates_row, "answered", G_CALLBACK (on_letter_sent_cb), self);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), self->duplicates_row);
            }
          if (g_str_equal (items[j].id, mp_checklist_get_method_items ()[0]))
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row), no_methods_row_new (self));
          g_signal_connect (item_row, "answer-changed", G_CALLBACK (on_answer_changed_cb), self);
          g_hash_table_insert (self->item_rows, (gpointer) items[j].id, item_row);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (item_row));
        }
      g_signal_connect_swapped (letter, "sent", G_CALLBACK (on_letter_sent_cb), self);
      gtk_widget_set_visible (GTK_WIDGET (letter), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), GTK_WIDGET (letter));
      if (i == MP_STEP_INTAKE || i == MP_STEP_SCOPE || i == MP_STEP_REMEDIATION)
        {
          GtkWidget *extra = GTK_WIDGET (mp_letter_row_new ());

          gtk_widget_set_name (extra, i == MP_STEP_REMEDIATION ? "extension-letter"
                                                               : "acknowledgement-letter");
          g_signal_connect_swapped (extra, "sent", G_CALLBACK (on_letter_sent_cb), self);
          gtk_widget_set_visible (extra, FALSE);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), extra);
          if (i == MP_STEP_INTAKE || i == MP_STEP_SCOPE)
            self->ack_letter_rows[i] = extra;
          else
            self->extension_letter_row = extra;
        }
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

static void
on_report_corrected_cb (MpCasePage *self)
{
  refresh (self, FALSE);
  _mp_case_page_load_records (self);
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
  if (mp_store_has_erase_pending (self->store))
    message = g_strdup_printf (_("The confidential data of %s was erased; an earlier copy stays "
                                 "in the desk's log file until another program lets go of the "
                                 "desk"), mp_case_get_reference (self->kase));
  else
    message = g_strdup_printf (_("The confidential data of %s was erased"),
                               mp_case_get_reference (self->kase));
  mp_ui_toast (GTK_WIDGET (self), message);
  refresh (self, TRUE);
  _mp_case_page_load_records (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.edit-report", FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
  mp_backup_actions_offer_delete_erased (GTK_WIDGET (self), self->store);
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

/* A locked desk shows no case, and keeps no copy of its attachments. */
static void
on_store_locked_cb (MpCasePage *self)
{
  if (self->store != NULL && mp_store_is_locked (self->store))
    {
      mp_case_page_set_case (self, NULL);
      mp_case_page_clear_temp (self);
    }
}

static void
mp_case_page_dispose (GObject *object)
{
  MpCasePage *self = MP_CASE_PAGE (object);

  mp_case_page_clear_temp (self);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
  self->focus_tick_id = 0;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->saving);
  if (self->case_signals != NULL)
    g_signal_group_set_target (self->case_signals, NULL);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->case_bindings != NULL)
    g_binding_group_set_source (self->case_bindings, NULL);
  g_clear_object (&self->case_signals);
  g_clear_object (&self->case_bindings);
  g_clear_object (&self->store_signals);
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
mp_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpCasePage *self = MP_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpCasePage *self = MP_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_case_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_CASE:
      mp_case_page_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_case_page_class_init (MpCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_case_page_dispose;
  object_class->get_property = mp_case_page_get_property;
  object_class->set_property = mp_case_page_set_property;

  /* The desk the case belongs to: the page follows its lock. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The case shown, or NULL: the page follows its status. */
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, MP_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[OPEN_CASE] = g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (MP_TYPE_LEGAL_GROUP);
  g_type_ensure (MP_TYPE_ENCRYPTION_GROUP);
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
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, legal_group);
  /* Offset 0: found by name, no field in the page's struct. */
  gtk_widget_class_bind_template_child_full (widget_class, "encryption_group", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "damaged_status", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "damaged_back_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, MpCasePage, attachment_list);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "case.edit-report", NULL, edit_report_activated);
  gtk_widget_class_install_action (widget_class, "case.erase", NULL, erase_activated);
  _mp_case_page_add_record_actions (widget_class);
}

static void
mp_case_page_init (MpCasePage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (on_store_locked_cb), self, G_CONNECT_SWAPPED);
  self->case_signals = g_signal_group_new (MP_TYPE_CASE);
  g_signal_group_connect_object (self->case_signals, "notify::status",
                                 G_CALLBACK (on_case_notify_cb), self, G_CONNECT_SWAPPED);
  /* The heading follows an edit of the report at once. */
  self->case_bindings = g_binding_group_new ();
  g_binding_group_bind (self->case_bindings, "reference", self->reference_label, "label",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->case_bindings, "title", self->title_label, "label",
                        G_BINDING_SYNC_CREATE);

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
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (store == self->store)
    return;
  mp_case_page_set_case (self, NULL);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MpStore *
mp_case_page_get_store (MpCasePage *self)
{
  g_return_val_if_fail (MP_IS_CASE_PAGE (self), NULL);
  return self->store;
}

void
mp_case_page_set_case (MpCasePage *self,
                       MpCase     *kase)
{
  g_autoptr(GPtrArray) answered = NULL;
  const char *damage;

  g_return_if_fail (MP_IS_CASE_PAGE (self));
  g_return_if_fail (kase == NULL || MP_IS_CASE (kase));

  if (kase != self->kase)
    {
      g_set_object (&self->kase, kase);
      g_signal_group_set_target (self->case_signals, kase);
      g_binding_group_set_source (self->case_bindings, kase);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-note", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-reply", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-attachment", kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.edit-report", kase != NULL && !mp_case_is_erased (kase));

  /* Looked up by name: the page's struct stays as it is. */
  mp_encryption_group_set_case (MP_ENCRYPTION_GROUP (gtk_widget_get_template_child (
                                  GTK_WIDGET (self), MP_TYPE_CASE_PAGE, "encryption_group")),
                                self->store, kase);
  if (kase == NULL || self->store == NULL)
    {
      mp_legal_group_update (self->legal_group, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->timeline_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->attachment_list, NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* A damaged case (issue 18) is shown as such, not as a checklist of
   * what could be read: reading its answers is what checks its rows. */
  answered = mp_case_list_answers (kase);
  if ((damage = mp_store_get_case_damage (self->store, kase)) != NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_widget_get_template_child (
                                         GTK_WIDGET (self), MP_TYPE_CASE_PAGE, "damaged_status")),
                                       damage);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-note", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-reply", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.add-attachment", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.edit-report", FALSE);
      mp_legal_group_update (self->legal_group, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->timeline_list, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->attachment_list, NULL, NULL, NULL, NULL);
      gtk_stack_set_visible_child_name (self->stack, "damaged");
      return;
    }

  self->current_step = G_MAXUINT;
  refresh (self, TRUE);
  _mp_case_page_load_records (self);
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
  gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), MP_TYPE_CASE_PAGE,
                                                                     "damaged_back_button")),
                          show_back);
}

static gboolean
scroll_to_step_cb (gpointer user_data)
{
  MpCasePage *self = user_data;
  GtkWidget *row = g_ptr_array_index (self->step_rows, self->scroll_step);
  graphene_point_t point;

  self->scroll_source = 0;
  /* after the expander has been laid out, bring the step to the top */
  if (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (self->scroller),
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
        {
          /* the page's own source, gone with the page: a reference on the
           * row here kept its desk alive after the window was closed */
          g_clear_handle_id (&self->scroll_source, g_source_remove);
          self->scroll_step = i;
          self->scroll_source = g_timeout_add (400, scroll_to_step_cb, self);
        }
    }
}
