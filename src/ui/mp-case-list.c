/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-case-list.h"
#include "mp-case-row.h"
#include "mp-checklist.h"
#include "mp-cvss.h"
#include "mp-case-slots.h"
#include "mp-ui-util.h"
#include "mp-vocabulary.h"

enum {
  FILTER_OPEN,
  FILTER_WAITING,
  FILTER_OVERDUE,
  FILTER_CLOSED,
  FILTER_ALL,
};

/* The choices of the refining drop-downs after their first, "any". */
static const char * const severities[] = { "critical", "high", "medium", "low", "none", "" };
/* The desk's own deadline kinds, the legal clocks after them left out. */
#define N_OVERDUE_KINDS MP_DEADLINE_KIND_GDPR_AUTHORITY

struct _MpCaseList
{
  AdwBin              parent_instance;

  MpStore            *store;
  GSignalGroup       *store_signals;  /* case-changed, the lock */
  guint               refresh_id;     /* case-changed, coalesced */
  GListModel         *cases;
  MpCaseSlots        *slots;        /* the cases shown, sorted */
  GtkSingleSelection *selection;
  MpCase             *selected;     /* the case the selection shows */
  guint               filter;       /* FILTER_*, from filter_drop_down */
  const char         *step;         /* a step id, or NULL for any */
  const char         *severity;     /* one of severities[] ("" unscored), or NULL */
  const char         *overdue_kind; /* a kind of the desk's own, or NULL */
  gboolean            by_due;       /* the order, from sort_drop_down */
  char               *needle;
  guint               prepare_id;   /* folding the cases' search texts */
  guint               prepared;     /* ... up to this position of @cases */

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *filter_drop_down;
  GtkDropDown        *sort_drop_down;
  GtkDropDown        *step_drop_down;
  GtkDropDown        *severity_drop_down;
  GtkDropDown        *overdue_drop_down;
  GtkWidget          *refine_box;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkGridView        *list_view;     /* one column: see mp-case-list.ui */
};

G_DEFINE_FINAL_TYPE (MpCaseList, mp_case_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
filter_func (MpCase   *kase,
             gpointer *key,
             gpointer  user_data)
{
  MpCaseList *self = user_data;
  gboolean keep;

  switch (self->filter)
    {
    case FILTER_OPEN:
      keep = !mp_case_is_closed (kase);
      break;
    case FILTER_WAITING:
      keep = g_strcmp0 (mp_case_get_status (kase), "waiting") == 0;
      break;
    case FILTER_OVERDUE:
      keep = !mp_case_is_closed (kase) && mp_case_get_next_due (kase) != 0 &&
             mp_case_get_next_due (kase) < mp_time_now ();
      break;
    case FILTER_CLOSED:
      keep = mp_case_is_closed (kase);
      break;
    case FILTER_ALL:
    default:
      keep = TRUE;
      break;
    }
  if (keep && self->step != NULL)
    {
      const char *status = mp_case_get_status (kase);

      /* A case waiting for the reporter is still at its intake. */
      keep = g_strcmp0 (status, self->step) == 0 ||
             (g_strcmp0 (status, "waiting") == 0 && g_str_equal (self->step, "intake"));
    }
  if (keep && self->severity != NULL)
    {
      const char *severity = mp_case_get_severity (kase);

      keep = g_strcmp0 (severity != NULL ? severity : "", self->severity) == 0;
    }
  if (keep && self->overdue_kind != NULL)
    keep = !mp_case_is_closed (kase) && mp_case_get_next_due (kase) != 0 &&
           mp_case_get_next_due (kase) < mp_time_now () &&
           g_strcmp0 (mp_case_get_next_due_kind (kase), self->overdue_kind) == 0;
  return keep && mp_ui_case_matches_key (kase, key, self->needle);
}

static int
sort_func (MpCase   *x,
           MpCase   *y,
           gpointer  user_data)
{
  MpCaseList *self = user_data;

  if (self->by_due)
    {
      gint64 dx = mp_case_get_next_due (x), dy = mp_case_get_next_due (y);

      /* cases without a deadline go last */
      if (dx != dy)
        {
          if (dx == 0)
            return 1;
          if (dy == 0)
            return -1;
          return dx < dy ? -1 : 1;
        }
    }
  /* newest first */
  if (mp_case_get_received_at (x) != mp_case_get_received_at (y))
    return mp_case_get_received_at (x) > mp_case_get_received_at (y) ? -1 : 1;
  return g_strcmp0 (mp_case_get_reference (y), mp_case_get_reference (x));
}

/* "12 cases", or "3 of 12 cases" while filters or the search leave some out. */
static void
update_count (MpCaseList *self)
{
  guint total = self->cases != NULL ? g_list_model_get_n_items (self->cases) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->slots));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", total), total);
  else
    /* Translators: "3 of 12 cases" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
}

static void
update_stack (MpCaseList *self)
{
  const char *page = "list";
  gboolean any = self->cases != NULL && g_list_model_get_n_items (self->cases) > 0;

  if (self->cases == NULL || g_list_model_get_n_items (self->cases) == 0)
    page = "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->slots)) == 0)
    page = "no-results";
  gtk_stack_set_visible_child_name (self->list_stack, page);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->filter_drop_down)), any);
  gtk_widget_set_visible (self->refine_box, any);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), any);
  update_count (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, GTK_WIDGET (mp_case_row_new ()));
}

/* A row stays with its place in the list; the case shown there changes. */
static void
on_slot_case_cb (MpCaseSlot *slot,
                 GParamSpec *pspec,
                 MpCaseRow  *row)
{
  mp_case_row_set_case (row, mp_case_slot_get_case (slot));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  MpCaseSlot *slot = gtk_list_item_get_item (item);
  MpCaseRow *row = MP_CASE_ROW (gtk_list_item_get_child (item));

  g_signal_connect_object (slot, "notify::case", G_CALLBACK (on_slot_case_cb), row, 0);
  mp_case_row_set_case (row, mp_case_slot_get_case (slot));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  MpCaseRow *row = MP_CASE_ROW (gtk_list_item_get_child (item));

  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_slot_case_cb, row);
  mp_case_row_set_case (row, NULL);
}

static void
on_search_changed_cb (MpCaseList *self)
{
  g_autofree char *old = g_steal_pointer (&self->needle);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  if (g_strcmp0 (old, self->needle) == 0)
    return;
  /* A longer search keeps a subset of what is shown, a shorter one a
   * superset: look only at the cases that can change. */
  if (old != NULL && strstr (self->needle, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (old != NULL && strstr (old, self->needle) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  mp_case_slots_refilter (self->slots, change);
}

static void
on_stop_search_cb (MpCaseList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* The choice @drop_down shows: NULL for its first ("any"), else
 * @values[selected - 1]. */
static const char *
selected_value (GtkDropDown        *drop_down,
                const char * const *values,
                guint               n_values)
{
  guint selected = drop_down != NULL ? gtk_drop_down_get_selected (drop_down) : 0;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n_values)
    return NULL;
  return values[selected - 1];
}

static void
on_filter_changed_cb (MpCaseList *self)
{
  static const char *step_ids[MP_N_STEPS];

  for (guint i = 0; i < MP_N_STEPS; i++)
    step_ids[i] = mp_checklist_get_step (i)->id;
  self->step = selected_value (self->step_drop_down, step_ids, MP_N_STEPS);
  self->severity = selected_value (self->severity_drop_down, severities, G_N_ELEMENTS (severities));
  self->overdue_kind = selected_value (self->overdue_drop_down,
                                       mp_vocabulary_list_ids (MP_VOCABULARY_DEADLINE_KIND),
                                       N_OVERDUE_KINDS);
  self->filter = gtk_drop_down_get_selected (self->filter_drop_down);
  if (self->slots != NULL)
    mp_case_slots_refilter (self->slots, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_sort_changed_cb (MpCaseList *self)
{
  self->by_due = gtk_drop_down_get_selected (self->sort_drop_down) == 0;
  if (self->slots != NULL)
    mp_case_slots_resort (self->slots);
}

static void
on_activate_cb (MpCaseList *self,
                guint       position)
{
  MpCase *kase = mp_case_slots_get_case (self->slots, position);

  if (kase != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, kase);
}

static void
on_selected_cb (MpCaseList *self)
{
  MpCase *kase = mp_case_slots_get_case (self->slots,
                                         gtk_single_selection_get_selected (self->selection));

  g_set_object (&self->selected, kase);
  if (kase != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, kase);
}

/* The places stay when the shown cases change (MpCaseSlots), so the
 * selection would stay at its place and show another case: while the slots
 * change, the selection follows its case instead, without activating it
 * again, and is gone when its case is no longer shown. */
static void
before_shown_changed_cb (MpCaseList *self)
{
  g_signal_handlers_block_by_func (self->selection, on_selected_cb, self);
}

static void
after_shown_changed_cb (MpCaseList *self)
{
  if (self->selected != NULL)
    {
      guint position = mp_case_slots_find (self->slots, self->selected);

      gtk_single_selection_set_selected (self->selection, position);
      if (position == GTK_INVALID_LIST_POSITION)
        g_clear_object (&self->selected);
    }
  g_signal_handlers_unblock_by_func (self->selection, on_selected_cb, self);
}

static void
mp_case_list_dispose (GObject *object)
{
  MpCaseList *self = MP_CASE_LIST (object);

  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  gtk_grid_view_set_model (self->list_view, NULL);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_CASE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->selected);
  g_clear_object (&self->cases);
  g_clear_pointer (&self->needle, g_free);
  G_OBJECT_CLASS (mp_case_list_parent_class)->dispose (object);
}

static gboolean
refresh_cb (gpointer user_data)
{
  MpCaseList *self = user_data;

  self->refresh_id = 0;
  mp_case_list_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Once for many changes: re-deriving every case after a change of the
 * policy changes them all, one after another. Before the next layout. */
static void
on_case_changed_cb (MpCaseList *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

/* The cases of an unlocked desk; none while it is locked. */
static void
on_store_locked_cb (MpCaseList *self)
{
  gboolean unlocked = self->store != NULL && !mp_store_is_locked (self->store);

  mp_case_list_set_model (self, unlocked ? mp_store_get_cases (self->store) : NULL);
}

static void
mp_case_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpCaseList *self = MP_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_case_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpCaseList *self = MP_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_case_list_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_case_list_class_init (MpCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_case_list_dispose;
  object_class->get_property = mp_case_list_get_property;
  object_class->set_property = mp_case_list_set_property;

  /* The desk whose cases are listed while it is unlocked. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CASE_ACTIVATED] = g_signal_new ("case-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, MP_TYPE_CASE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-case-list.ui");
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, filter_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, sort_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, step_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, severity_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, overdue_drop_down);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, refine_box);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, count_label);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MpCaseList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
}

static void
setup_choice_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* In the button: asking for little width, so the pane keeps its own. */
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* Drop-downs share the pane's width: the button ellipsizes its choice,
 * the popup shows it whole. */
static void
set_factories (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) popup = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (TRUE));
  g_signal_connect (button, "bind", G_CALLBACK (bind_choice_cb), NULL);
  g_signal_connect (popup, "setup", G_CALLBACK (setup_choice_cb), GINT_TO_POINTER (FALSE));
  g_signal_connect (popup, "bind", G_CALLBACK (bind_choice_cb), NULL);
  gtk_drop_down_set_factory (drop_down, button);
  gtk_drop_down_set_list_factory (drop_down, popup);
}

static void
set_choices (GtkDropDown   *drop_down,
             GtkStringList *choices)
{
  set_factories (drop_down);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (choices));
  g_object_unref (choices);
}

static void
fill_refine_drop_downs (MpCaseList *self)
{
  GtkStringList *steps = gtk_string_list_new (NULL);
  GtkStringList *severity = gtk_string_list_new (NULL);
  GtkStringList *kinds = gtk_string_list_new (NULL);

  /* the first choice, "any", names what the drop-down filters by */
  gtk_string_list_append (steps, _("Step"));
  for (guint i = 0; i < MP_N_STEPS; i++)
    gtk_string_list_append (steps, mp_checklist_step_get_label (mp_checklist_get_step (i)));
  gtk_string_list_append (severity, _("Severity"));
  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    gtk_string_list_append (severity, *severities[i] != '\0' ? mp_cvss_severity_to_label (severities[i])
                                                              : _("Not Scored"));
  gtk_string_list_append (kinds, _("Overdue"));
  for (guint i = 0; i < N_OVERDUE_KINDS; i++)
    {
      const char *kind = mp_vocabulary_list_ids (MP_VOCABULARY_DEADLINE_KIND)[i];
      /* Translators: a filter, "Overdue: Acknowledgement" */
      g_autofree char *label = g_strdup_printf (_("Overdue: %s"), mp_ui_deadline_label (kind));

      gtk_string_list_append (kinds, label);
    }
  set_factories (self->filter_drop_down);
  set_factories (self->sort_drop_down);
  set_choices (self->step_drop_down, steps);
  set_choices (self->severity_drop_down, severity);
  set_choices (self->overdue_drop_down, kinds);
}

static void
mp_case_list_init (MpCaseList *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A stored change can move a case in the order (its next deadline). */
  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "case-changed",
                                 G_CALLBACK (on_case_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (on_store_locked_cb), self, G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  fill_refine_drop_downs (self);

  self->filter = gtk_drop_down_get_selected (self->filter_drop_down);
  self->by_due = gtk_drop_down_get_selected (self->sort_drop_down) == 0;
  self->slots = mp_case_slots_new (filter_func, sort_func, mp_ui_case_search_key_free, self);
  g_signal_connect_object (self->slots, "changing", G_CALLBACK (before_shown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slots, "changed", G_CALLBACK (after_shown_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slots, "items-changed", G_CALLBACK (update_stack), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  update_stack (self);
}

/* Folds the search texts of the cases a slice at a time while the window is
 * idle: the first keystroke would otherwise fold every case (0.7 s at
 * 100,000 cases). */
static gboolean
prepare_search_cb (gpointer data)
{
  MpCaseList *self = data;
  guint n = self->cases != NULL ? g_list_model_get_n_items (self->cases) : 0;
  guint end = MIN (n, self->prepared + 500);

  for (; self->prepared < end; self->prepared++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (self->cases, self->prepared);

      mp_ui_case_prepare_search (kase);
    }
  if (self->prepared < n)
    return G_SOURCE_CONTINUE;
  self->prepare_id = 0;
  return G_SOURCE_REMOVE;
}

static void
start_preparing_search (MpCaseList *self)
{
  self->prepared = 0;
  if (self->prepare_id == 0)
    self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_search_cb, self, NULL);
}

void
mp_case_list_set_store (MpCaseList *self,
                        MpStore    *store)
{
  g_return_if_fail (MP_IS_CASE_LIST (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (store == self->store)
    return;
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  on_store_locked_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MpStore *
mp_case_list_get_store (MpCaseList *self)
{
  g_return_val_if_fail (MP_IS_CASE_LIST (self), NULL);
  return self->store;
}

void
mp_case_list_set_model (MpCaseList *self,
                        GListModel *cases)
{
  g_return_if_fail (MP_IS_CASE_LIST (self));

  if (self->cases != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->cases, update_stack, self);
      g_signal_handlers_disconnect_by_func (self->cases, start_preparing_search, self);
    }
  g_set_object (&self->cases, cases);
  if (cases != NULL)
    {
      g_signal_connect_object (cases, "items-changed", G_CALLBACK (update_stack), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (cases, "items-changed", G_CALLBACK (start_preparing_search), self,
                               G_CONNECT_SWAPPED);
    }
  mp_case_slots_set_model (self->slots, cases);
  update_stack (self);
  start_preparing_search (self);
}

void
mp_case_list_refresh (MpCaseList *self)
{
  g_return_if_fail (MP_IS_CASE_LIST (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  /* The selection follows its case while the order changes under it
   * (after_shown_changed_cb). */
  mp_case_slots_resort (self->slots);
  update_stack (self);
}

void
mp_case_list_start_search (MpCaseList *self,
                           GtkWidget  *key_capture)
{
  g_return_if_fail (MP_IS_CASE_LIST (self));

  if (key_capture != NULL)
    gtk_search_bar_set_key_capture_widget (self->search_bar, key_capture);
  else
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
}

void
mp_case_list_select (MpCaseList *self,
                     MpCase     *kase)
{
  g_return_if_fail (MP_IS_CASE_LIST (self));

  gtk_single_selection_set_selected (self->selection, mp_case_slots_find (self->slots, kase));
}

void
mp_case_list_set_filter (MpCaseList *self,
                         guint       filter)
{
  g_return_if_fail (MP_IS_CASE_LIST (self));
  gtk_drop_down_set_selected (self->filter_drop_down, filter);
}

guint
mp_case_list_get_n_shown (MpCaseList *self)
{
  g_return_val_if_fail (MP_IS_CASE_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->slots));
}
