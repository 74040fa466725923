/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <stdlib.h>

#include "mp-breach-register.h"
#include "mp-overview-page.h"
#include "mp-parse.h"
#include "mp-policy.h"
#include "mp-reward.h"
#include "mp-ui-util.h"

/* What the page takes from one case's answers, kept per case (issue 26):
 * reading the answers of every case each time the page was shown took 0.8 s
 * at 100,000 cases. Made from one query of every case's answers the first
 * time, then again only for the cases that changed. */
typedef struct
{
  gboolean known;        /* made, and the case has not changed since */
  gint64   received;     /* the receipt the days below count from */
  double   ack_days;     /* receipt to ack.sent_on, or -1 */
  double   assess_days;  /* receipt to assess.sent_on, or -1 */
  int      listed_year;  /* the year of a reward sent and not declined, or 0 */
  int      paid_year;    /* the year whose total reward_cents counts toward, or 0 */
  gint64   paid_cents;
} CaseFigures;

/* More changed cases than this are read again with one query. */
#define MAX_CASES_READ_ONE_BY_ONE 256

enum {
  COUNT_OPEN,
  COUNT_WAITING,
  COUNT_OVERDUE,
  COUNT_WEEK,
  N_COUNTS
};

struct _MpOverviewPage
{
  AdwBin        parent_instance;

  MpStore      *store;
  GSignalGroup *store_signals;  /* case-changed, the lock */
  GSignalGroup *cases_signals;  /* cases added and removed */
  guint         update_id;      /* their changes, coalesced */
  GArray       *figures;        /* CaseFigures by case id (ids are rowids, dense) */
  guint         n_stale;        /* cases changed or added since they were read */
  gboolean      stale;   /* updated while hidden: update when shown */
  GtkLabel     *count_labels[N_COUNTS];
  GtkLabel     *caption_labels[N_COUNTS];

  GtkFlowBox   *counts_box;
  GtkLabel     *ack_label;
  GtkLabel     *assess_label;
  GtkLabel     *rewards_label;
  AdwActionRow *rewards_row;
  AdwActionRow *budget_row;
  GtkLevelBar  *budget_bar;
  GtkLabel     *budget_label;
  AdwActionRow *legal_row;
  GtkLabel     *legal_label;
  AdwExpanderRow *register_row;
  GPtrArray    *register_rows;   /* the rows added to register_row */
};

G_DEFINE_FINAL_TYPE (MpOverviewPage, mp_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static char *
format_median_days (GArray *days)
{
  double median;

  if (days->len == 0)
    return g_strdup (_("No data yet"));
  g_array_sort (days, compare_double);
  if (days->len % 2 == 1)
    median = g_array_index (days, double, days->len / 2);
  else
    median = (g_array_index (days, double, days->len / 2 - 1) + g_array_index (days, double, days->len / 2)) / 2;
  if (median < 1)
    return g_strdup (_("Same day"));
  {
    char number[G_ASCII_DTOSTR_BUF_SIZE];

    /* "1.5" in English, "1,5" in Dutch, whatever LC_NUMERIC says. */
    g_ascii_formatd (number, sizeof number, "%.1f", median);
    if (g_str_equal (mp_ui_language (), "nl"))
      *strchr (number, '.') = ',';
    /* Translators: %s is a number of days with one decimal, "1.5" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", median == 1 ? 1 : 2),
                            number);
  }
}

static char *
format_euros (gint64 cents)
{
  return mp_ui_format_cents (cents);
}

static double
days_between (gint64      received,
              const char *date)
{
  gint64 day;

  if (!mp_ui_parse_date (date, &day))
    return -1;
  {
    MpDeskContext *desk = mp_ui_get_desk_context ();
    GDate received_day = mp_desk_context_day_of (desk, received);
    gint64 start = mp_desk_context_start_of_date (desk, &received_day);

    return MAX (0, (double) (day - start) / (G_USEC_PER_SEC * 86400.0));
  }
}

static void fill_register (MpOverviewPage *self);

/* Each card says what it counts: cases, where the calendar counts
 * deadlines ("2 overdue cases" here, "3 deadlines" overdue there). */
static void
set_caption (MpOverviewPage *self,
             guint           index,
             guint           n)
{
  const char *text;

  switch (index)
    {
    case COUNT_OPEN:
      text = ngettext ("open case", "open cases", n);
      break;
    case COUNT_WAITING:
      text = ngettext ("case waiting for the reporter", "cases waiting for the reporter", n);
      break;
    case COUNT_OVERDUE:
      text = ngettext ("overdue case", "overdue cases", n);
      break;
    case COUNT_WEEK:
    default:
      text = ngettext ("case due this week", "cases due this week", n);
      break;
    }
  gtk_label_set_label (self->caption_labels[index], text);
}

static void
case_figures_fill (CaseFigures *figures,
                   gint64       received,
                   const char  *ack_sent_on,
                   const char  *assess_sent_on,
                   const char  *reward_sent_on,
                   const char  *reward_declined,
                   const char  *reward_amount)
{
  gboolean declined = g_strcmp0 (reward_declined, "yes") == 0;
  GDate paid_on;

  figures->known = TRUE;
  figures->received = received;
  figures->ack_days = days_between (received, ack_sent_on);
  figures->assess_days = days_between (received, assess_sent_on);
  /* Listed: sent on a day of the year ("2026-…"), with an amount. */
  figures->listed_year = 0;
  if (!declined && reward_amount != NULL && reward_sent_on != NULL &&
      strlen (reward_sent_on) >= 5 && reward_sent_on[4] == '-' &&
      g_ascii_isdigit (reward_sent_on[0]) && g_ascii_isdigit (reward_sent_on[1]) &&
      g_ascii_isdigit (reward_sent_on[2]) && g_ascii_isdigit (reward_sent_on[3]))
    figures->listed_year = (int) g_ascii_strtoll (reward_sent_on, NULL, 10);
  /* Paid: as mp_reward_sum_year () counts it. */
  figures->paid_year = 0;
  figures->paid_cents = 0;
  if (!declined && mp_date_parse (reward_sent_on, &paid_on) &&
      mp_amount_parse (reward_amount, &figures->paid_cents))
    figures->paid_year = g_date_get_year (&paid_on);
}

static CaseFigures *
lookup_figures (MpOverviewPage *self,
                gint64          case_id)
{
  if (case_id <= 0)
    return NULL;
  if ((guint64) case_id >= self->figures->len)
    g_array_set_size (self->figures, (guint) case_id + 1);  /* cleared: not known */
  return &g_array_index (self->figures, CaseFigures, case_id);
}

/* Every case's figures from one query of the answers: asking each case
 * would load the answers of every case. */
static void
read_all_figures (MpOverviewPage *self,
                  GListModel     *cases)
{
  static const char * const items[] = {
    "ack.sent_on", "assess.sent_on", "reward.sent_on", "reward.declined", "reward.amount", NULL
  };
  g_autoptr(GHashTable) answers = NULL;
  g_autoptr(GError) error = NULL;

  answers = mp_store_list_answer_values (self->store, items, &error);
  if (answers == NULL)
    {
      g_warning ("Could not read the answers for the overview: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      gint64 case_id = mp_case_get_id (kase);
      GHashTable *values = g_hash_table_lookup (answers, &case_id);
      CaseFigures *figures = lookup_figures (self, case_id);

      if (figures == NULL)
        continue;
      if (values == NULL)
        case_figures_fill (figures, mp_case_get_received_at (kase),
                           NULL, NULL, NULL, NULL, NULL);
      else
        case_figures_fill (figures, mp_case_get_received_at (kase),
                           g_hash_table_lookup (values, "ack.sent_on"),
                           g_hash_table_lookup (values, "assess.sent_on"),
                           g_hash_table_lookup (values, "reward.sent_on"),
                           g_hash_table_lookup (values, "reward.declined"),
                           g_hash_table_lookup (values, "reward.amount"));
    }
}

/* A case's figures, from its own answers when they are not known. */
static const CaseFigures *
get_figures (MpOverviewPage *self,
             MpCase         *kase)
{
  CaseFigures *figures = lookup_figures (self, mp_case_get_id (kase));

  if (figures == NULL)
    return NULL;
  if (!figures->known || figures->received != mp_case_get_received_at (kase))
    case_figures_fill (figures, mp_case_get_received_at (kase),
                       mp_case_get_answer_value (kase, "ack.sent_on"),
                       mp_case_get_answer_value (kase, "assess.sent_on"),
                       mp_case_get_answer_value (kase, "reward.sent_on"),
                       mp_case_get_answer_value (kase, "reward.declined"),
                       mp_case_get_answer_value (kase, "reward.amount"));
  return figures;
}

static void
forget_figures (MpOverviewPage *self)
{
  g_array_set_size (self->figures, 0);
  self->n_stale = 0;
}

static void
update (MpOverviewPage *self)
{
  GListModel *cases;
  guint counts[N_COUNTS] = { 0, };
  MpDeskContext *desk = mp_ui_get_desk_context ();
  gint64 now = mp_desk_context_now (desk);
  gint64 week = now + (gint64) 7 * 86400 * G_USEC_PER_SEC;
  gint64 year_ago = now - (gint64) 365 * 86400 * G_USEC_PER_SEC;
  g_autoptr(GArray) ack_days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) assess_days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  gboolean unlocked;
  gint64 rewards = 0;
  int year;
  guint n_rewards = 0;

  if (self->store == NULL)
    return;
  cases = mp_store_get_cases (self->store);
  year = mp_desk_context_year_of (desk, now);
  policy = mp_store_get_policy (self->store);
  unlocked = !mp_store_is_locked (self->store);
  if (!unlocked)
    forget_figures (self);
  else if ((self->figures->len == 0 && g_list_model_get_n_items (cases) > 0) ||
           self->n_stale > MAX_CASES_READ_ONE_BY_ONE)
    read_all_figures (self, cases);
  /* The rest that changed are read below, each from its case. */
  self->n_stale = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cases); i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      gint64 due = mp_case_get_next_due (kase);
      const CaseFigures *figures;

      if (!mp_case_is_closed (kase))
        {
          counts[COUNT_OPEN]++;
          if (g_strcmp0 (mp_case_get_status (kase), "waiting") == 0)
            counts[COUNT_WAITING]++;
          if (due != 0 && due < now)
            counts[COUNT_OVERDUE]++;
          else if (due != 0 && due < week)
            counts[COUNT_WEEK]++;
        }
      if (!unlocked || (figures = get_figures (self, kase)) == NULL)
        continue;
      if (figures->received >= year_ago)
        {
          if (figures->ack_days >= 0)
            g_array_append_val (ack_days, figures->ack_days);
          if (figures->assess_days >= 0)
            g_array_append_val (assess_days, figures->assess_days);
        }
      if (figures->listed_year == year)
        n_rewards++;
      if (figures->paid_year == year)
        rewards += figures->paid_cents;
    }

  /* The legal clocks (issue 23): missed, and due within a week. */
  {
    guint missed = 0, due_soon = 0;
    g_autofree char *text = NULL;
    g_autofree char *count = NULL;

    if (!mp_store_is_locked (self->store) &&
        !mp_store_count_legal_deadlines (self->store, now, week, &missed, &due_soon, &error))
      g_warning ("Could not count the legal deadlines: %s", error->message);
    g_clear_error (&error);
    count = g_strdup_printf ("%u", missed);
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due within a week",
                                         "%u due within a week", due_soon), due_soon);
    gtk_label_set_label (self->legal_label, count);
    adw_action_row_set_subtitle (self->legal_row, text);
    if (missed > 0)
      gtk_widget_add_css_class (GTK_WIDGET (self->legal_label), "overdue");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->legal_label), "overdue");
  }

  for (guint i = 0; i < N_COUNTS; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", counts[i]);

      gtk_label_set_label (self->count_labels[i], text);
      set_caption (self, i, counts[i]);
    }
  if (counts[COUNT_OVERDUE] > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_labels[COUNT_OVERDUE]), "overdue");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_labels[COUNT_OVERDUE]), "overdue");

  {
    g_autofree char *ack = format_median_days (ack_days);
    g_autofree char *assess = format_median_days (assess_days);
    g_autofree char *total = format_euros (rewards);
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reward", "%u rewards", n_rewards),
                                              n_rewards);
    gint64 budget = policy->reward_budget;

    gtk_label_set_label (self->ack_label, ack);
    gtk_label_set_label (self->assess_label, assess);
    gtk_label_set_label (self->rewards_label, total);
    adw_action_row_set_subtitle (self->rewards_row, count);

    /* the yearly budget of the policy (P-REWARD) */
    if (budget > 0)
      {
        g_autofree char *left = format_euros (budget - rewards);
        g_autofree char *of = format_euros (budget);
        g_autofree char *label = NULL;

        /* overspent: flagged, with by how much (issue 16) */
        if (rewards > budget)
          {
            g_autofree char *over = format_euros (rewards - budget);

            label = g_strdup_printf (_("Overspent by %s: the budget is %s this year"), over, of);
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->budget_row),
                                           _("Budget overspent"));
            gtk_widget_add_css_class (GTK_WIDGET (self->budget_label), "error");
          }
        else
          {
            label = g_strdup_printf (_("Of %s this year"), of);
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->budget_row),
                                           _("Budget left"));
            gtk_widget_remove_css_class (GTK_WIDGET (self->budget_label), "error");
          }

        gtk_level_bar_set_max_value (self->budget_bar, (double) budget);
        gtk_level_bar_set_value (self->budget_bar, CLAMP ((double) (budget - rewards), 0, (double) budget));
        gtk_label_set_label (self->budget_label, left);
        adw_action_row_set_subtitle (self->budget_row, label);
        gtk_widget_set_visible (GTK_WIDGET (self->budget_row), TRUE);
      }
    else
      gtk_widget_set_visible (GTK_WIDGET (self->budget_row), FALSE);
  }
  if (adw_expander_row_get_expanded (self->register_row))
    fill_register (self);
}

/* ---- the register of data breaches (issue 23) ------------------------------ */

/* Filled when opened: it reads an answer of every case. */
static void
fill_register (MpOverviewPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  const char *lang = mp_ui_language ();

  for (guint i = 0; i < self->register_rows->len; i++)
    adw_expander_row_remove (self->register_row, g_ptr_array_index (self->register_rows, i));
  g_ptr_array_set_size (self->register_rows, 0);
  if (self->store == NULL || mp_store_is_locked (self->store))
    return;

  entries = mp_breach_register_list (mp_store_get_cases (self->store), 0, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      MpBreachEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *aware = mp_ui_format_time (entry->aware_at);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", aware,
                                                   mp_breach_decision_label (entry->decision, lang),
                                                   entry->data != NULL ? " · " : "",
                                                   entry->data != NULL ? entry->data : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->reference);
      gtk_widget_set_name (row, entry->reference);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (self->register_row, row);
      g_ptr_array_add (self->register_rows, row);
    }
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No data breaches recorded"));
      adw_expander_row_add_row (self->register_row, row);
      g_ptr_array_add (self->register_rows, row);
    }
}

static void
on_register_expanded_cb (MpOverviewPage *self)
{
  if (adw_expander_row_get_expanded (self->register_row))
    fill_register (self);
}

gboolean
mp_overview_page_write_register (MpOverviewPage  *self,
                                 const char      *path,
                                 GError         **error)
{
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (MP_IS_OVERVIEW_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  policy = mp_store_get_policy (self->store);
  entries = mp_breach_register_list (mp_store_get_cases (self->store), 0, 0);
  csv = mp_breach_register_to_csv (entries, policy->timezone, mp_ui_language ());
  return g_file_set_contents (path, csv, -1, error);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    MpOverviewPage  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && mp_overview_page_write_register (self, path, &error))
        mp_ui_toast (GTK_WIDGET (self), _("Register of data breaches exported"));
      else if (error != NULL)
        mp_ui_toast (GTK_WIDGET (self), error->message);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_register_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  MpOverviewPage *self = MP_OVERVIEW_PAGE (widget);
  GtkFileChooserNative *chooser;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *day = mp_ui_today ();
  g_autofree char *name = g_strdup_printf ("%s-%s.csv", _("breach-register"), day);

  if (self->store == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Register of Data Breaches"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
mp_overview_page_dispose (GObject *object)
{
  MpOverviewPage *self = MP_OVERVIEW_PAGE (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->cases_signals != NULL)
    g_signal_group_set_target (self->cases_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->cases_signals);
  g_clear_object (&self->store);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_OVERVIEW_PAGE);
  g_clear_pointer (&self->register_rows, g_ptr_array_unref);
  g_clear_pointer (&self->figures, g_array_unref);
  G_OBJECT_CLASS (mp_overview_page_parent_class)->dispose (object);
}

void
mp_overview_page_update (MpOverviewPage *self)
{
  g_return_if_fail (MP_IS_OVERVIEW_PAGE (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (!self->stale)
    update (self);
}

static void
mp_overview_page_map (GtkWidget *widget)
{
  MpOverviewPage *self = MP_OVERVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (mp_overview_page_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      update (self);
    }
}

static gboolean
update_cb (gpointer user_data)
{
  MpOverviewPage *self = user_data;

  self->update_id = 0;
  mp_overview_page_update (self);
  return G_SOURCE_REMOVE;
}

/* Once for many changes: re-deriving every case after a change of the
 * policy changes them all, one after another. */
static void
on_cases_changed_cb (MpOverviewPage *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_cb, self, NULL);
}

static void
on_case_changed_cb (MpOverviewPage *self,
                    MpCase         *kase)
{
  gint64 case_id = kase != NULL ? mp_case_get_id (kase) : 0;

  if (case_id > 0 && (guint64) case_id < self->figures->len)
    g_array_index (self->figures, CaseFigures, case_id).known = FALSE;
  self->n_stale++;
  on_cases_changed_cb (self);
}

static void
on_items_changed_cb (MpOverviewPage *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  self->n_stale += added;
  on_cases_changed_cb (self);
}

/* The days are counted in the policy's time zone. */
static void
on_policy_changed_cb (MpOverviewPage *self)
{
  forget_figures (self);
  on_cases_changed_cb (self);
}

static void
on_locked_cb (MpOverviewPage *self)
{
  forget_figures (self);
  mp_overview_page_update (self);
}

static void
mp_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpOverviewPage *self = MP_OVERVIEW_PAGE (object);

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
mp_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MpOverviewPage *self = MP_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_overview_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_overview_page_class_init (MpOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_overview_page_dispose;
  object_class->get_property = mp_overview_page_get_property;
  object_class->set_property = mp_overview_page_set_property;
  widget_class->map = mp_overview_page_map;

  /* The desk counted: the page follows its cases and its lock. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, ack_label);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, legal_row);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, legal_label);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, register_row);
  gtk_widget_class_install_action (widget_class, "overview.export-register", NULL,
                                   export_register_activated);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, assess_label);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, rewards_label);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, rewards_row);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, budget_row);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, budget_bar);
  gtk_widget_class_bind_template_child (widget_class, MpOverviewPage, budget_label);
}

static void
mp_overview_page_init (MpOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->register_rows = g_ptr_array_new ();
  self->figures = g_array_new (FALSE, TRUE, sizeof (CaseFigures));
  /* Counted again when shown (mp_overview_page_update ()). */
  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "case-changed",
                                 G_CALLBACK (on_case_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "policy-changed",
                                 G_CALLBACK (on_policy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "notify::locked",
                                 G_CALLBACK (on_locked_cb), self, G_CONNECT_SWAPPED);
  self->cases_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->cases_signals, "items-changed",
                                 G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->register_row, "notify::expanded",
                            G_CALLBACK (on_register_expanded_cb), self);

  /* Four cards of the same shape: built here rather than repeated in XML. */
  for (guint i = 0; i < N_COUNTS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *number = gtk_label_new ("0");
      GtkWidget *caption = gtk_label_new (NULL);

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "count-card");
      gtk_widget_add_css_class (number, "title-1");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (card), number);
      gtk_box_append (GTK_BOX (card), caption);
      gtk_flow_box_append (self->counts_box, card);
      self->count_labels[i] = GTK_LABEL (number);
      self->caption_labels[i] = GTK_LABEL (caption);
      set_caption (self, i, 0);
    }
}

void
mp_overview_page_set_store (MpOverviewPage *self,
                            MpStore        *store)
{
  g_return_if_fail (MP_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (store == self->store)
    return;
  g_set_object (&self->store, store);
  forget_figures (self);
  g_signal_group_set_target (self->store_signals, store);
  g_signal_group_set_target (self->cases_signals, store != NULL ? mp_store_get_cases (store) : NULL);
  mp_overview_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MpStore *
mp_overview_page_get_store (MpOverviewPage *self)
{
  g_return_val_if_fail (MP_IS_OVERVIEW_PAGE (self), NULL);
  return self->store;
}
