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
#include "mp-deadlines.h"
#include "mp-format.h"
#include "mp-ics.h"
#include "mp-workdays.h"

/* A crowded day shows this many chips and "+N more". */
#define MAX_CHIPS 3

/* A day of the grid. Its widgets are made once and filled again on each
 * month (issue 12): MAX_CHIPS chips and a "+N more" button, hidden when
 * unused; the "+N more" list is only built when it opens. */
typedef struct
{
  GtkWidget  *box;
  GtkLabel   *number;
  GtkLabel   *holiday;
  GtkBox     *chips;
  GtkWidget  *chip[MAX_CHIPS];
  GtkWidget  *more;
  GtkLabel   *more_label;
  GPtrArray  *deadlines;    /* of MpDeadline: the day's, for the "+N more" list */
} DayCell;

struct _MpCalendarView
{
  AdwBin            parent_instance;

  MpStore          *store;
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
  DayCell           cells[MP_CALENDAR_MONTH_N_DAYS];
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

typedef struct
{
  const char *kind;
  const char *label;
} KindWords;

/* One name per kind, the same on chips, in the legend, the agenda and
 * tooltips: a chip that said "Confirm" beside a legend that said
 * "Acknowledgement" left the reader to guess they were one thing. */
static const KindWords kind_words[] = {
  { "acknowledgement",    NC_("deadline kind", "Acknowledgement") },
  { "assessment",         NC_("deadline kind", "Assessment") },
  { "progress-update",    NC_("deadline kind", "Progress update") },
  { "reporter-follow-up", NC_("deadline kind", "Reporter follow-up") },
  { "fix-target",         NC_("deadline kind", "Fix target") },
  { "disclosure",         NC_("deadline kind", "Disclosure deadline") },
  { "publication",        NC_("deadline kind", "Agreed publication") },
  { "data-deletion",      NC_("deadline kind", "Data deletion") },
  /* The legal clocks (issue 23). */
  { "gdpr-authority",     NC_("deadline kind", "Data breach: notify the authority") },
  { "gdpr-controller",    NC_("deadline kind", "Data breach: inform the controller") },
  { "nis2-early-warning", NC_("deadline kind", "NIS2 early warning") },
  { "nis2-notification",  NC_("deadline kind", "NIS2 incident notification") },
  { "nis2-final",         NC_("deadline kind", "NIS2 final report") },
  { "cra-early-warning",  NC_("deadline kind", "CRA early warning") },
  { "cra-notification",   NC_("deadline kind", "CRA vulnerability notification") },
  { "cra-final",          NC_("deadline kind", "CRA final report") },
  /* The desk's own (issue 24): its reference is a domain. */
  { "security-txt-renewal", NC_("deadline kind", "Renew security.txt") },
};

/* ---- chip text ------------------------------------------------------------- */

/* A chip's words: one line, cut short with "…" to the width it is given.
 * Unlike a GtkLabel it asks for no width and a line's height, so that new
 * words on a month switch are only drawn, not measured again with the whole
 * grid (issue 12). */
#define MP_TYPE_CHIP_TEXT (mp_chip_text_get_type ())
G_DECLARE_FINAL_TYPE (MpChipText, mp_chip_text, MP, CHIP_TEXT, GtkWidget)

struct _MpChipText
{
  GtkWidget    parent_instance;

  char        *text;
  PangoLayout *layout;      /* (nullable): of text, made when drawn */
  PangoFontDescription *font;  /* (nullable): the font line_height is of */
  int          line_height; /* -1 until measured */
};

G_DEFINE_FINAL_TYPE (MpChipText, mp_chip_text, GTK_TYPE_WIDGET)

static void
mp_chip_text_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MpChipText *self = MP_CHIP_TEXT (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  if (self->line_height < 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (widget);
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      if (self->line_height <= 0)
        self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                               + pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
    }
  *minimum = *natural = self->line_height;
}

static void
mp_chip_text_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MpChipText *self = MP_CHIP_TEXT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
mp_chip_text_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  MpChipText *self = MP_CHIP_TEXT (widget);

  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);

  GTK_WIDGET_CLASS (mp_chip_text_parent_class)->css_changed (widget, change);
  /* The chip's colours change on each month; only another font (or size)
   * makes the text another height. */
  if (self->font != NULL && font != NULL && pango_font_description_equal (self->font, font))
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  if (font != NULL)
    self->font = pango_font_description_copy (font);
  g_clear_object (&self->layout);
  self->line_height = -1;
  gtk_widget_queue_resize (widget);
}

static void
mp_chip_text_finalize (GObject *object)
{
  MpChipText *self = MP_CHIP_TEXT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_free (self->text);

  G_OBJECT_CLASS (mp_chip_text_parent_class)->finalize (object);
}

static void
mp_chip_text_class_init (MpChipTextClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mp_chip_text_finalize;
  widget_class->measure = mp_chip_text_measure;
  widget_class->snapshot = mp_chip_text_snapshot;
  widget_class->css_changed = mp_chip_text_css_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
}

static void
mp_chip_text_init (MpChipText *self)
{
  self->line_height = -1;
}

static void
mp_chip_text_set_text (MpChipText *self,
                       const char *text)
{
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- shared words (mp-calendar-private.h) --------------------------------- */

const char *
_mp_calendar_ui_language (void)
{
  /* Translators: the code of your language as Meldpunt writes dates in it:
   * "nl" for Dutch; any other language gets English month names. */
  return mp_format_language (C_("language code", "en"));
}

static const KindWords *
lookup_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    if (g_strcmp0 (kind_words[i].kind, kind) == 0)
      return &kind_words[i];
  return NULL;
}

const char *
_mp_calendar_kind_label (const char *kind)
{
  const KindWords *words = lookup_kind (kind);

  return words != NULL ? g_dpgettext2 (NULL, "deadline kind", words->label) : kind;
}

const char *
_mp_calendar_kind_css_class (const char *kind)
{
  static const char * const classes[] = {
    "kind-acknowledgement", "kind-assessment", "kind-progress-update",
    "kind-reporter-follow-up", "kind-fix-target", "kind-disclosure",
    "kind-publication", "kind-data-deletion",
    /* The legal clocks share one colour that stands out. */
    "kind-legal", "kind-legal", "kind-legal", "kind-legal", "kind-legal",
    "kind-legal", "kind-legal", "kind-legal",
    /* The desk's own renewal: a publication of its own. */
    "kind-publication",
  };
  const KindWords *words = lookup_kind (kind);

  G_STATIC_ASSERT (G_N_ELEMENTS (classes) == G_N_ELEMENTS (kind_words));
  return words != NULL ? classes[words - kind_words] : "kind-other";
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
on_chip_clicked_cb (GtkButton      *button,
                    MpCalendarView *self)
{
  MpDeadline *deadline = g_object_get_data (G_OBJECT (button), "deadline");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  if (deadline == NULL)
    return;
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit (self, signals[OPEN_CASE], 0,
                 mp_deadline_get_reference (deadline), mp_deadline_get_kind (deadline));
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
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

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
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

static GtkWidget *
new_chip (MpCalendarView *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = g_object_new (MP_TYPE_CHIP_TEXT, NULL);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 12);
  gtk_widget_set_visible (icon, FALSE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  g_object_set_data (G_OBJECT (button), "icon", icon);
  g_object_set_data (G_OBJECT (button), "label", label);
  gtk_widget_add_css_class (button, "deadline-chip");
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_chip_clicked_cb), self, 0);
  return button;
}

/* Shows @deadline on @button, made by new_chip(). */
static void
set_chip (MpCalendarView *self,
          GtkWidget      *button,
          MpDeadline     *deadline)
{
  const char *kind = mp_deadline_get_kind (deadline);
  const char *reference = mp_deadline_get_reference (deadline);
  gboolean overdue = mp_calendar_month_is_overdue (self->month, deadline);
  g_autofree char *time = format_time (self, mp_deadline_get_due_at (deadline));
  g_autofree char *text = g_strdup_printf ("%s %s", _mp_calendar_short_reference (reference),
                                           _mp_calendar_kind_label (kind));
  MpCase *kase = self->store != NULL ? mp_store_find_case (self->store, reference) : NULL;
  const char *title = kase != NULL ? mp_case_get_title (kase) : NULL;
  const char *old_class = g_object_get_data (G_OBJECT (button), "kind-class");
  const char *new_class = _mp_calendar_kind_css_class (kind);
  g_autofree char *when = NULL;
  g_autofree char *tooltip = NULL;

  if (overdue)
    /* Translators: a deadline chip's tooltip: the kind, then the time of day. */
    when = g_strdup_printf (_("%s, due at %s — overdue"), _mp_calendar_kind_label (kind), time);
  else
    when = g_strdup_printf (_("%s, due at %s"), _mp_calendar_kind_label (kind), time);
  if (title != NULL && *title != '\0')
    tooltip = g_strdup_printf ("%s — %s\n%s", reference, title, when);
  else
    tooltip = g_strdup_printf ("%s\n%s", reference, when);

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (button), "icon"), overdue);
  set_class (button, "overdue", overdue);
  set_class (button, "met", mp_deadline_is_met (deadline));
  mp_chip_text_set_text (g_object_get_data (G_OBJECT (button), "label"), text);
  if (old_class != new_class)
    {
      if (old_class != NULL)
        gtk_widget_remove_css_class (button, old_class);
      gtk_widget_add_css_class (button, new_class);
      /* The classes are static strings. */
      g_object_set_data (G_OBJECT (button), "kind-class", (gpointer) new_class);
    }
  _mp_calendar_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "deadline", g_object_ref (deadline), g_object_unref);
}

const char *
_mp_calendar_chip_get_text (GtkWidget *chip)
{
  MpChipText *text = g_object_get_data (G_OBJECT (chip), "label");

  g_return_val_if_fail (text != NULL, NULL);
  return text->text;
}

static GtkWidget *
create_chip (MpCalendarView *self,
             MpDeadline     *deadline)
{
  GtkWidget *button = new_chip (self);

  set_chip (self, button, deadline);
  return button;
}

/* The "+N more" list is built as it opens, from the day's deadlines. */
static void
create_more_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  MpCalendarView *self = user_data;
  GtkPopover *popover = gtk_menu_button_get_popover (button);
  DayCell *cell = g_object_get_data (G_OBJECT (button), "cell");
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  if (cell->deadlines != NULL)
    for (guint i = 0; i < cell->deadlines->len; i++)
      gtk_box_append (GTK_BOX (list), create_chip (self, g_ptr_array_index (cell->deadlines, i)));
  gtk_widget_set_size_request (list, 200, -1);
  gtk_popover_set_child (popover, list);
}

static GtkWidget *
new_more_button (MpCalendarView *self,
                 DayCell        *cell)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *label;

  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), gtk_popover_new ());
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_more_popup_cb,
                                         self, NULL);
  g_object_set_data (G_OBJECT (button), "cell", cell);
  /* A label of its own, so that a narrow day cuts it short. */
  label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  cell->more_label = GTK_LABEL (label);
  gtk_widget_add_css_class (button, "more-chip");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  _mp_calendar_set_tooltip (button, _("Show every deadline of this day"));
  return button;
}

static void
fill_cell (MpCalendarView      *self,
           DayCell             *cell,
           const MpCalendarDay *day)
{
  const char *language = _mp_calendar_ui_language ();
  g_autofree char *number = g_strdup_printf ("%u", g_date_get_day (&day->date));
  g_autofree char *date_text = NULL;
  g_autoptr(GString) accessible = NULL;
  guint n = day->deadlines->len;
  guint shown = MIN (n, MAX_CHIPS);

  gtk_label_set_label (cell->number, number);
  /* Its tooltip is the label's text (on_query_tooltip_cb). */
  gtk_label_set_label (cell->holiday, day->holiday != NULL ? day->holiday : "");
  gtk_widget_set_has_tooltip (GTK_WIDGET (cell->holiday), day->holiday != NULL);
  set_class (cell->box, "other-month", !day->in_month);
  set_class (cell->box, "today", day->today);
  set_class (cell->box, "weekend", day->weekend);
  set_class (cell->box, "holiday", day->holiday != NULL);
  set_class (cell->box, "has-overdue", day->n_overdue > 0);

  for (guint i = 0; i < MAX_CHIPS; i++)
    {
      if (i < shown)
        set_chip (self, cell->chip[i], g_ptr_array_index (day->deadlines, i));
      else
        g_object_set_data (G_OBJECT (cell->chip[i]), "deadline", NULL);
      gtk_widget_set_visible (cell->chip[i], i < shown);
    }
  g_clear_pointer (&cell->deadlines, g_ptr_array_unref);
  if (shown < n)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("+%u more", "+%u more", n - shown),
                                               n - shown);

      cell->deadlines = g_ptr_array_ref (day->deadlines);
      gtk_label_set_label (cell->more_label, text);
    }
  gtk_widget_set_visible (cell->more, shown < n);

  /* What a screen reader says on the focused day. */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (&day->date),
                                                   g_date_get_month (&day->date),
                                                   g_date_get_day (&day->date), 12, 0, 0);
    date_text = mp_format_date (g_date_time_to_unix (dt) * G_USEC_PER_SEC, "UTC", language);
  }
  accessible = g_string_new (date_text);
  if (day->today)
    g_string_append_printf (accessible, ", %s", C_("calendar", "today"));
  if (day->holiday != NULL)
    g_string_append_printf (accessible, ", %s", day->holiday);
  if (n > 0)
    {
      g_string_append (accessible, ", ");
      g_string_append_printf (accessible, ngettext ("%u deadline", "%u deadlines", n), n);
    }
  if (day->n_overdue > 0)
    {
      g_string_append (accessible, ", ");
      g_string_append_printf (accessible, ngettext ("%u overdue", "%u overdue", day->n_overdue),
                              day->n_overdue);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
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
  if (self->store != NULL)
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
    fill_cell (self, &self->cells[i], mp_calendar_month_get_day (self->month, i));
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
    gtk_widget_grab_focus (self->cells[index].box);
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
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (box), "index"));

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
  g_clear_object (&self->store);
  g_clear_object (&self->month);
  g_clear_object (&self->deadlines);
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    g_clear_pointer (&self->cells[i].deadlines, g_ptr_array_unref);
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

  /* The day cells are list rows of a kind: built here, filled by fill_cell(). */
  for (guint i = 0; i < MP_CALENDAR_MONTH_N_DAYS; i++)
    {
      DayCell *cell = &self->cells[i];
      GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      cell->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_focusable (cell->box, TRUE);
      gtk_widget_add_css_class (cell->box, "calendar-day");
      g_object_set_data (G_OBJECT (cell->box), "index", GUINT_TO_POINTER (i));
      g_signal_connect_object (focus, "enter", G_CALLBACK (on_cell_focus_enter_cb), self, 0);
      gtk_widget_add_controller (cell->box, focus);

      cell->number = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (cell->number), "day-number");
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (cell->number));
      cell->holiday = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_ellipsize (cell->holiday, PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (cell->holiday, 1);
      gtk_widget_set_hexpand (GTK_WIDGET (cell->holiday), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (cell->holiday), "holiday-name");
      gtk_widget_add_css_class (GTK_WIDGET (cell->holiday), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (cell->holiday), "dim-label");
      g_signal_connect (cell->holiday, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
      gtk_box_append (GTK_BOX (top), GTK_WIDGET (cell->holiday));
      gtk_box_append (GTK_BOX (cell->box), top);

      cell->chips = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
      for (guint k = 0; k < MAX_CHIPS; k++)
        {
          cell->chip[k] = new_chip (self);
          gtk_widget_set_visible (cell->chip[k], FALSE);
          gtk_box_append (cell->chips, cell->chip[k]);
        }
      cell->more = new_more_button (self, cell);
      gtk_widget_set_visible (cell->more, FALSE);
      gtk_box_append (cell->chips, cell->more);
      gtk_box_append (GTK_BOX (cell->box), GTK_WIDGET (cell->chips));

      gtk_grid_attach (self->days_grid, cell->box, (int) (i % 7), (int) (i / 7), 1, 1);
    }

  /* Which colour is which kind. */
  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    {
      GtkWidget *item, *dot, *label;

      /* One entry for the legal clocks' shared colour. */
      if (g_str_equal (_mp_calendar_kind_css_class (kind_words[i].kind), "kind-legal") &&
          i > 0 && g_str_equal (_mp_calendar_kind_css_class (kind_words[i - 1].kind), "kind-legal"))
        continue;
      item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      dot = gtk_image_new ();
      label = gtk_label_new (g_str_equal (_mp_calendar_kind_css_class (kind_words[i].kind),
                                          "kind-legal")
                             ? _("Legal deadline (AVG, NIS2, CRA)")
                             : _mp_calendar_kind_label (kind_words[i].kind));

      gtk_widget_add_css_class (dot, "kind-dot");
      gtk_widget_add_css_class (dot, _mp_calendar_kind_css_class (kind_words[i].kind));
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
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->store, self);
      g_signal_handlers_disconnect_by_data (mp_store_get_cases (self->store), self);
    }
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "case-changed",
                               G_CALLBACK (on_case_changed_cb), self, G_CONNECT_SWAPPED);
      /* Unlocking and locking fill and empty the cases at once. */
      g_signal_connect_object (mp_store_get_cases (store), "items-changed",
                               G_CALLBACK (on_case_changed_cb), self, G_CONNECT_SWAPPED);
    }
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
