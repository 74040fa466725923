/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-agenda-view.h"
#include "mp-agenda.h"
#include "mp-calendar-private.h"
#include "mp-fold-layout.h"
#include "mp-calendar-view.h"
#include "mp-day-cell.h"
#include "mp-deadlines.h"
#include "mp-format.h"
#include "mp-ics.h"
#include "mp-vocabulary.h"
#include "mp-workdays.h"

struct _MpCalendarView
{
  AdwBin            parent_instance;

  MpStore          *store;
  GSignalGroup     *store_signals;  /* case-changed */
  GSignalGroup     *cases_signals;  /* unlocking and locking fill and empty it */
  MpPolicy         *policy;
  GListModel       *deadlines;
  MpCalendarMonth  *month;
  int               year;
  guint             month_number;
  GDate             focus_date;
  guint             n_overdue;
  gboolean          agenda_valid;
  GDate             agenda_day;
  guint             tick_source;
  GtkFileChooserNative *chooser;
  /* Changes while hidden (issue 12): the deadlines are read again and
   * counted for the overdue badge when the main loop is idle, the grid and
   * the agenda built when the view is shown. */
  gboolean          deadlines_stale;
  gboolean          view_stale;
  gboolean          show_today_pending;
  guint             count_source;

  GtkLabel         *month_label;
  GtkLabel         *month_short_label;
  GtkGrid          *weekday_grid;
  GtkGrid          *days_grid;
  GtkFlowBox       *legend_box;
  MpAgendaView     *agenda_view;
  MpDayCell        *cells[MP_CALENDAR_MONTH_N_DAYS];
};

G_DEFINE_FINAL_TYPE (MpCalendarView, mp_calendar_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_OVERDUE,
  PROP_NEEDS_ATTENTION,
  N_PROPS
};

enum {
  OPEN_CASE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- shared words (mp-calendar-private.h) --------------------------------- */

const char *
_mp_calendar_ui_language (void)
{
  /* Translators: the code of your language as Meldpunt writes dates in it:
   * "nl" for Dutch; any other language gets English month names. */
  return mp_format_language (C_("language code", "en"));
}

/* One name per kind, the same on chips, in the legend, the agenda and
 * tooltips: the vocabulary's. */
const char *
_mp_calendar_kind_label (const char *kind)
{
  return mp_vocabulary_get_label (MP_VOCABULARY_DEADLINE_KIND, kind);
}

const char *
_mp_calendar_kind_css_class (const char *kind)
{
  const MpTerm *term = mp_vocabulary_lookup (MP_VOCABULARY_DEADLINE_KIND, kind);
  g_autofree char *css_class = NULL;

  if (term == NULL)
    return "kind-other";
  /* The legal clocks share one colour that stands out. */
  if (term->legal)
    return "kind-legal";
  /* The desk's own renewal: a publication of its own. */
  if (term->value == MP_DEADLINE_KIND_SECURITY_TXT_RENEWAL)
    return "kind-publication";
  if (term->value == MP_DEADLINE_KIND_DESK_KEY_EXPIRY)
    return "kind-other";
  css_class = g_strconcat ("kind-", term->id, NULL);
  return g_intern_string (css_class);
}

const char *
_mp_calendar_short_reference (const char *reference)
{
  const char *dash = reference != NULL ? strrchr (reference, '-') : NULL;

  return dash != NULL && dash[1] != '\0' ? dash + 1 : reference;
}

/* ---- helpers --------------------------------------------------------------- */

static GDate
today (MpCalendarView *self)
{
  return mp_workdays_local_date (self->policy, mp_time_now ());
}

static char *
format_time (MpCalendarView *self,
             gint64          usec)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->policy->tz);

  return g_date_time_format (local, "%H:%M");
}

static void
set_n_overdue (MpCalendarView *self,
               guint           n)
{
  gboolean attention_changed = (n > 0) != (self->n_overdue > 0);

  if (n == self->n_overdue)
    return;
  self->n_overdue = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
  if (attention_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_ATTENTION]);
}

static void
update_overdue (MpCalendarView *self,
                MpAgenda       *agenda)
{
  set_n_overdue (self, mp_agenda_get_count (agenda, MP_AGENDA_OVERDUE));
}

/* Hidden, the badge is counted by the store: the deadlines (120,000 at
 * 100,000 cases) are read when the calendar is shown. */
static void
count_overdue (MpCalendarView *self)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (self->store != NULL && !mp_store_is_locked (self->store))
    n = mp_store_count_overdue_deadlines (self->store, mp_time_now (), &error);
  if (error != NULL)
    g_debug ("Could not count the overdue deadlines: %s", error->message);
  set_n_overdue (self, n);
}

static void
on_deadline_activated_cb (MpCalendarView *self,
                          MpDeadline     *deadline)
{
  g_signal_emit (self, signals[OPEN_CASE], 0,
                 mp_deadline_get_reference (deadline), mp_deadline_get_kind (deadline));
}

/* Tooltips are asked for when shown: gtk_widget_set_tooltip_text() asks the
 * X server where the pointer is, a round trip per widget (issue 12). The
 * text is kept as "mp-tooltip" data. */
static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "mp-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
_mp_calendar_set_tooltip (GtkWidget  *widget,
                          const char *text)
{
  if (g_object_get_data (G_OBJECT (widget), "mp-tooltip-connected") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
      g_object_set_data (G_OBJECT (widget), "mp-tooltip-connected", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data_full (G_OBJECT (widget), "mp-tooltip", g_strdup (text), g_free);
  gtk_widget_set_has_tooltip (widget, text != NULL && *text != '\0');
}

/* Fills a day's @chip with @deadline (MpDayCellChipFunc). */
static void
set_chip (MpDeadlineChip *chip,
          MpDeadline     *deadline,
          gpointer        user_data)
{
  MpCalendarView *self = user_data;
  const char *kind = mp_deadline_get_kind (deadline);
  const char *reference = mp_deadline_get_reference (deadline);
  gboolean overdue = mp_calendar_month_is_overdue (self->month, deadline);
  g_autofree char *time = format_time (self, mp_deadline_get_due_at (deadline));
  /* A deadline of the desk (reference "") is named by its kind alone. */
  g_autofree char *text = *reference != '\0'
                          ? g_strdup_printf ("%s %s", _mp_calendar_short_reference (reference),
                                             _mp_calendar_kind_label (kind))
                          : g_strdup (_mp_calendar_kind_label (kind));
  MpCase *kase = self->store != NULL ? mp_store_find_case (self->store, reference) : NULL;
  const char *title = kase != NULL ? mp_case_get_title (kase) : NULL;
  g_autofree char *when = NULL;
  g_autofree char *tooltip = NULL;

  if (overdue)
    /* Translators: a deadline chip's tooltip: the kind, then the time of day. */
    when = g_strdup_printf (_("%s, due at %s — overdue"), _mp_calendar_kind_label (kind), time);
  else
    when = g_strdup_printf (_("%s, due at %s"), _mp_calendar_kind_label (kind), time);
  if (title != NULL && *title != '\0')
    tooltip = g_strdup_printf ("%s — %s\n%s", reference, title, when);
  else if (*reference != '\0')
    tooltip = g_strdup_printf ("%s\n%s", reference, when);
  else
    tooltip = g_strdup (when);

  mp_deadline_chip_set_deadline (chip, deadline, text, tooltip, overdue);
}

const char *
_mp_calendar_chip_get_text (GtkWidget *chip)
{
  g_return_val_if_fail (MP_IS_DEADLINE_CHIP (chip), NULL);
  return mp_deadline_chip_get_text (MP_DEADLINE_CHIP (chip));
}

gpointer
_mp_calendar_chip_get_deadline (GtkWidget *chip)
{
  g_return_val_if_fail (MP_IS_DEADLINE_CHIP (chip), NULL);
  return mp_deadline_chip_get_deadline (MP_DEADLINE_CHIP (chip));
}

static void
update_header (MpCalendarView *self)
{
  const char *language = _mp_calendar_ui_language ();
  g_autofree char *title = g_strdup_printf ("%s %d",
                                            mp_format_month_name (self->month_number, language),
                                            self->year);
  g_autofree char *short_title = g_strdup_printf ("%s %d",
                                                  mp_format_month_abbreviation (self->month_number,
                                                                                language),
                                                  self->year);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->weekday_grid));

  gtk_label_set_label (self->month_label, title);
  gtk_label_set_label (self->month_short_label, short_title);
  for (guint weekday = 1; weekday <= 7 && child != NULL; weekday++)
    {
      /* A squeezer: the whole name where it fits, else "Mon" / "ma". */
      GtkWidget *full = gtk_widget_get_first_child (child);
      GtkWidget *abbreviation = gtk_widget_get_next_sibling (full);

      gtk_label_set_label (GTK_LABEL (full), mp_format_weekday_name (weekday, language));
      gtk_label_set_label (GTK_LABEL (abbreviation),
                           mp_format_weekday_abbreviation (weekday, language));
      child = gtk_widget_get_next_sibling (child);
    }
}

static void
load_deadlines (MpCalendarView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->deadlines);
  g_clear_pointer (&self->policy, mp_policy_unref);
  self->agenda_valid = FALSE;
  /* A locked desk shows no deadlines: they name its cases. */
  if (self->store != NULL && !mp_store_is_locked (self->store))
    {
      self->policy = mp_store_get_policy (self->store);
      /* Open deadlines, and agreed publications of closed cases too. */
      self->deadlines = mp_deadlines_list_for_calendar (self->store, &error);
      if (self->deadlines == NULL)
        g_debug ("No deadlines for the calendar: %s", error->message);
    }
  else
    self->policy = mp_policy_new ();
  if (self->deadlines == NULL)
    self->deadlines = G_LIST_MODEL (g_list_store_new (MP_TYPE_DEADLINE));
}

/* Rebuilds the month grid from the loaded deadlines at @now. */
static void
rebuild_grid (MpCalendarView *self,
              gint64          now)
{
  g_clear_object (&self->month);
  self->month = mp_calendar_month_new (self->policy, self->year, self->month_number,
                                       self->deadlines, now);
  update_header (self);
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    mp_day_cell_set_day (self->cells[i], mp_calendar_month_get_day (self->month, i));
}

/* Rebuilds the agenda from the loaded deadlines at @now. The agenda does not
 * depend on the month shown, so switching months leaves it alone (issue 12). */
static void
rebuild_agenda (MpCalendarView *self,
                gint64          now)
{
  g_autoptr(MpAgenda) agenda = mp_agenda_new (self->policy, self->deadlines, now);

  mp_agenda_view_set_agenda (self->agenda_view, agenda, self->policy, self->store);
  update_overdue (self, agenda);
  self->agenda_day = mp_workdays_local_date (self->policy, now);
  self->agenda_valid = TRUE;
}

/* Rebuilds the grid and the agenda from the loaded deadlines at "now". */
static void
rebuild (MpCalendarView *self)
{
  gint64 now = mp_time_now ();

  rebuild_grid (self, now);
  rebuild_agenda (self, now);
}

static void
focus_date (MpCalendarView *self,
            const GDate    *date)
{
  int index;

  self->focus_date = *date;
  if (g_date_get_year (date) != self->year || g_date_get_month (date) != self->month_number)
    mp_calendar_view_show_month (self, g_date_get_year (date), g_date_get_month (date));
  index = mp_calendar_month_find_date (self->month, date);
  /* Not while hidden: the page must not take the focus from another one. */
  if (index >= 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->cells[index]));
}

static void
move_focus (MpCalendarView *self,
            int             days)
{
  GDate date = self->focus_date;

  if (!g_date_valid (&date))
    date = today (self);
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  focus_date (self, &date);
}

static void
move_focus_months (MpCalendarView *self,
                   int             months)
{
  GDate date = self->focus_date;

  if (!g_date_valid (&date))
    g_date_set_dmy (&date, 1, (GDateMonth) self->month_number, (GDateYear) self->year);
  /* GLib keeps the day where it can and clamps 31 to the month's end. */
  if (months >= 0)
    g_date_add_months (&date, (guint) months);
  else
    g_date_subtract_months (&date, (guint) -months);
  focus_date (self, &date);
}

/* ---- callbacks --------------------------------------------------------------- */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   MpCalendarView        *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? 1 : -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? -1 : 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_focus (self, -7);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, 7);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      move_focus_months (self, -1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      move_focus_months (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      mp_calendar_view_show_today (self);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_cell_focus_enter_cb (GtkEventControllerFocus *controller,
                        MpCalendarView          *self)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index = mp_day_cell_get_index (MP_DAY_CELL (cell));

  if (self->month != NULL)
    self->focus_date = mp_calendar_month_get_day (self->month, index)->date;
}

/* Brings the deadlines, and with @view the grid and the agenda, up to date. */
static void
catch_up (MpCalendarView *self,
          gboolean        view)
{
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->deadlines_stale)
    {
      self->deadlines_stale = FALSE;
      load_deadlines (self);
    }
  if (view && self->view_stale)
    {
      self->view_stale = FALSE;
      if (self->show_today_pending)
        {
          self->show_today_pending = FALSE;
          mp_calendar_view_show_today (self);
        }
      else
        rebuild (self);
    }
}

static gboolean
count_overdue_cb (gpointer data)
{
  MpCalendarView *self = data;

  self->count_source = 0;
  count_overdue (self);
  return G_SOURCE_REMOVE;
}

/* The deadlines changed (or the store): catch up now when shown. */
static void
deadlines_changed (MpCalendarView *self)
{
  self->deadlines_stale = TRUE;
  self->view_stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self, TRUE);
  else if (self->count_source == 0)
    self->count_source = g_idle_add_full (G_PRIORITY_LOW, count_overdue_cb, self, NULL);
}

static void
mp_calendar_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mp_calendar_view_parent_class)->map (widget);
  catch_up (MP_CALENDAR_VIEW (widget), TRUE);
}

static void
on_case_changed_cb (MpCalendarView *self)
{
  mp_calendar_view_refresh (self);
}

static void
on_agenda_open_case_cb (MpCalendarView *self,
                        const char     *reference,
                        const char     *kind)
{
  g_signal_emit (self, signals[OPEN_CASE], 0, reference, kind);
}

/* Time passes: a deadline may have become overdue, or the day changed. */
static gboolean
on_tick_cb (gpointer user_data)
{
  MpCalendarView *self = user_data;
  gint64 now = mp_time_now ();
  g_autoptr(MpAgenda) agenda = NULL;
  GDate day, built_day;

  if (self->month == NULL)
    return G_SOURCE_CONTINUE;
  /* Hidden, only the overdue badge follows the clock. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      count_overdue (self);
      self->view_stale = TRUE;
      return G_SOURCE_CONTINUE;
    }
  agenda = mp_agenda_new (self->policy, self->deadlines, now);
  day = mp_workdays_local_date (self->policy, now);
  built_day = mp_workdays_local_date (self->policy, mp_calendar_month_get_now (self->month));
  if (mp_agenda_get_count (agenda, MP_AGENDA_OVERDUE) != self->n_overdue
      || g_date_compare (&day, &built_day) != 0)
    rebuild (self);
  return G_SOURCE_CONTINUE;
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       MpCalendarView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);

  if (file != NULL && !mp_calendar_view_export_ics (self, file, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *message = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   _("Could Not Export the Calendar"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
    }
}

/* ---- actions ----------------------------------------------------------------- */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move_focus_months (MP_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_focus_months (MP_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  mp_calendar_view_show_today (MP_CALENDAR_VIEW (widget));
}

static void
export_ics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MpCalendarView *self = MP_CALENDAR_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Calendar"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: the suggested file name of an exported calendar. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("deadlines.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- overrides ----------------------------------------------------------------- */

static void
mp_calendar_view_dispose (GObject *object)
{
  MpCalendarView *self = MP_CALENDAR_VIEW (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->cases_signals != NULL)
    g_signal_group_set_target (self->cases_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->cases_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->month);
  g_clear_object (&self->deadlines);
  g_clear_pointer (&self->policy, mp_policy_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_CALENDAR_VIEW);

  G_OBJECT_CLASS (mp_calendar_view_parent_class)->dispose (object);
}

static void
mp_calendar_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MpCalendarView *self = MP_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_N_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    case PROP_NEEDS_ATTENTION:
      g_value_set_boolean (value, self->n_overdue > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_calendar_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MpCalendarView *self = MP_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_calendar_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_calendar_view_class_init (MpCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_calendar_view_dispose;
  widget_class->map = mp_calendar_view_map;
  object_class->get_property = mp_calendar_view_get_property;
  object_class->set_property = mp_calendar_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OVERDUE] =
    g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS_ATTENTION] =
    g_param_spec_boolean ("needs-attention", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MpCalendarView::open-case:
   * @reference: the case's reference
   * @kind: the deadline's kind, naming the step to open
   */
  signals[OPEN_CASE] =
    g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-ics", NULL, export_ics_action);

  g_type_ensure (MP_TYPE_AGENDA_VIEW);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/meldpunt/Meldpunt/ui/mp-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MpCalendarView, month_label);
  gtk_widget_class_bind_template_child (widget_class, MpCalendarView, month_short_label);
  gtk_widget_class_bind_template_child (widget_class, MpCalendarView, weekday_grid);
  gtk_widget_class_bind_template_child (widget_class, MpCalendarView, days_grid);
  gtk_widget_class_bind_template_child (widget_class, MpCalendarView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, MpCalendarView, agenda_view);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_open_case_cb);
}

static void
mp_calendar_view_init (MpCalendarView *self)
{
  GtkEventController *keys;
  GDate date;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (MP_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "case-changed",
                                 G_CALLBACK (on_case_changed_cb), self, G_CONNECT_SWAPPED);
  /* Unlocking and locking fill and empty the cases at once. */
  self->cases_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->cases_signals, "items-changed",
                                 G_CALLBACK (on_case_changed_cb), self, G_CONNECT_SWAPPED);

  /* The bin's child (not bound: the bin unparents it itself). */
  gtk_widget_set_layout_manager (adw_bin_get_child (ADW_BIN (self)),
                                 mp_fold_layout_new (480, 360, 780));

  for (guint weekday = 0; weekday < 7; weekday++)
    {
      GtkWidget *squeezer = adw_squeezer_new ();
      GtkWidget *full = gtk_label_new (NULL);
      GtkWidget *abbreviation = gtk_label_new (NULL);

      adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
      gtk_widget_add_css_class (full, "weekday");
      gtk_widget_add_css_class (abbreviation, "weekday");
      /* the shortest still cuts short rather than widen the grid */
      gtk_label_set_ellipsize (GTK_LABEL (abbreviation), PANGO_ELLIPSIZE_END);
      adw_squeezer_add (ADW_SQUEEZER (squeezer), full);
      adw_squeezer_add (ADW_SQUEEZER (squeezer), abbreviation);
      gtk_grid_attach (self->weekday_grid, squeezer, (int) weekday, 0, 1, 1);
    }

  /* The day cells are list rows of a kind: built here, filled on each month. */
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    {
      GtkWidget *cell = mp_day_cell_new (i);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      self->cells[i] = MP_DAY_CELL (cell);
      mp_day_cell_set_chip_func (self->cells[i], set_chip, self);
      g_signal_connect_object (cell, "deadline-activated", G_CALLBACK (on_deadline_activated_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "enter", G_CALLBACK (on_cell_focus_enter_cb), self, 0);
      gtk_widget_add_controller (cell, focus);
      gtk_grid_attach (self->days_grid, cell, (int) (i % 7), (int) (i / 7), 1, 1);
    }

  /* Which colour is which kind. */
  for (guint i = 0; i < MP_N_DEADLINE_KINDS; i++)
    {
      const char * const *kinds = mp_vocabulary_list_ids (MP_VOCABULARY_DEADLINE_KIND);
      const char *css_class = _mp_calendar_kind_css_class (kinds[i]);
      GtkWidget *item, *dot, *label;

      /* One entry for the legal clocks' shared colour. */
      if (g_str_equal (css_class, "kind-legal") && i > 0 &&
          g_str_equal (_mp_calendar_kind_css_class (kinds[i - 1]), "kind-legal"))
        continue;
      item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      dot = gtk_image_new ();
      label = gtk_label_new (g_str_equal (css_class, "kind-legal")
                             ? _("Legal deadline (AVG, NIS2, CRA)")
                             : _mp_calendar_kind_label (kinds[i]));

      gtk_widget_add_css_class (dot, "kind-dot");
      gtk_widget_add_css_class (dot, css_class);
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (item), dot);
      gtk_box_append (GTK_BOX (item), label);
      gtk_flow_box_append (self->legend_box, item);
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->days_grid), keys);

  load_deadlines (self);
  date = today (self);
  self->focus_date = date;
  self->year = g_date_get_year (&date);
  self->month_number = g_date_get_month (&date);
  rebuild (self);
  self->tick_source = g_timeout_add_seconds (60, on_tick_cb, self);
}

/* ---- public API ------------------------------------------------------------------ */

GtkWidget *
mp_calendar_view_new (void)
{
  return g_object_new (MP_TYPE_CALENDAR_VIEW, NULL);
}

void
mp_calendar_view_set_store (MpCalendarView *self,
                            MpStore        *store)
{
  g_return_if_fail (MP_IS_CALENDAR_VIEW (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (self->store == store)
    return;
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  g_signal_group_set_target (self->cases_signals, store != NULL ? mp_store_get_cases (store) : NULL);
  /* The agenda lets the old desk go now, not when it is next shown. */
  mp_agenda_view_set_agenda (self->agenda_view, NULL, NULL, NULL);
  self->show_today_pending = TRUE;
  deadlines_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

MpStore *
mp_calendar_view_get_store (MpCalendarView *self)
{
  g_return_val_if_fail (MP_IS_CALENDAR_VIEW (self), NULL);

  return self->store;
}

guint
mp_calendar_view_get_n_overdue (MpCalendarView *self)
{
  g_return_val_if_fail (MP_IS_CALENDAR_VIEW (self), 0);

  if (self->count_source != 0)
    {
      g_clear_handle_id (&self->count_source, g_source_remove);
      count_overdue (self);
    }
  return self->n_overdue;
}

/**
 * mp_calendar_view_refresh:
 *
 * Reads the deadlines again: at once when the view is shown, else the
 * overdue count when the main loop is idle and the rest when it is shown.
 */
void
mp_calendar_view_refresh (MpCalendarView *self)
{
  g_return_if_fail (MP_IS_CALENDAR_VIEW (self));

  deadlines_changed (self);
}

void
mp_calendar_view_show_month (MpCalendarView *self,
                             int             year,
                             guint           month)
{
  g_return_if_fail (MP_IS_CALENDAR_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (year >= 1 && year <= 9999);

  catch_up (self, FALSE);
  self->show_today_pending = FALSE;
  self->view_stale = FALSE;
  self->year = year;
  self->month_number = month;
  if (!g_date_valid (&self->focus_date)
      || g_date_get_year (&self->focus_date) != year
      || g_date_get_month (&self->focus_date) != month)
    g_date_set_dmy (&self->focus_date, 1, (GDateMonth) month, (GDateYear) year);

  /* Only the grid depends on the month; the agenda is kept until the
   * deadlines are reloaded or the day changes. */
  {
    gint64 now = mp_time_now ();
    GDate day = mp_workdays_local_date (self->policy, now);

    rebuild_grid (self, now);
    if (!self->agenda_valid || g_date_compare (&day, &self->agenda_day) != 0)
      rebuild_agenda (self, now);
  }
}

void
mp_calendar_view_show_today (MpCalendarView *self)
{
  GDate date;

  g_return_if_fail (MP_IS_CALENDAR_VIEW (self));

  date = today (self);
  self->focus_date = date;
  mp_calendar_view_show_month (self, g_date_get_year (&date), g_date_get_month (&date));
  focus_date (self, &date);
}

MpCalendarMonth *
mp_calendar_view_get_month_model (MpCalendarView *self)
{
  g_return_val_if_fail (MP_IS_CALENDAR_VIEW (self), NULL);

  catch_up (self, TRUE);
  return self->month;
}

GDate
mp_calendar_view_get_focus_date (MpCalendarView *self)
{
  GDate invalid;

  g_date_clear (&invalid, 1);
  g_return_val_if_fail (MP_IS_CALENDAR_VIEW (self), invalid);

  return self->focus_date;
}

gboolean
mp_calendar_view_export_ics (MpCalendarView  *self,
                             GFile           *file,
                             GError         **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (MP_IS_CALENDAR_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  load_deadlines (self);
  text = mp_ics_build (self->deadlines, self->policy->timezone, _mp_calendar_ui_language (), error);
  if (text == NULL)
    return FALSE;
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
