/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-case-row.h"
#include "mp-ui-util.h"

/* A row of the case list, drawn as one widget:
 *
 *   MP-2026-0042 ············ (Assessment)
 *   Reflected XSS in the search field
 *   ⏰ Assessment due in 2 days
 *
 * GTK 4.8's list views keep up to 200 rows and make and destroy them as the
 * shown cases change: a search keystroke at 10,000 cases spent most of
 * its time building and tearing down the eight labels, images and boxes of
 * each row (issue 12). Drawn here with Pango in the colours of the theme
 * (libadwaita's caption, caption-heading, dim-label and the accent and error
 * colours), a row costs one widget.
 */

#define MARGIN       6
#define LINE_SPACING 3
#define ICON_SIZE    12
#define ICON_SPACING 4
#define TAG_PADDING_X 8
#define TAG_PADDING_Y 1
#define DIM_ALPHA    0.55f
#define CAPTION      0.82

struct _MpCaseRow
{
  GtkWidget         parent_instance;

  MpCase           *kase;
  gulong            notify_id;

  PangoLayout      *reference;
  PangoLayout      *status;
  PangoLayout      *title;
  PangoLayout      *due;
  char             *due_text;
  gboolean          overdue;
  GtkIconPaintable *due_icon;
  guint             pango_serial;
};

G_DEFINE_FINAL_TYPE (MpCaseRow, mp_case_row, GTK_TYPE_WIDGET)

static PangoLayout *
new_layout (MpCaseRow *self,
            double     scale,
            gboolean   bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* The theme's font may have changed since the layouts were made. */
static void
follow_font (MpCaseRow *self)
{
  guint serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));

  if (serial != self->pango_serial)
    {
      self->pango_serial = serial;
      pango_layout_context_changed (self->reference);
      pango_layout_context_changed (self->status);
      pango_layout_context_changed (self->title);
      pango_layout_context_changed (self->due);
    }
}

static gboolean
has_due (MpCaseRow *self)
{
  return self->due_text != NULL && *self->due_text != '\0';
}

static int
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
first_line_height (MpCaseRow *self)
{
  return MAX (layout_height (self->reference), layout_height (self->status) + 2 * TAG_PADDING_Y);
}

static int
due_line_height (MpCaseRow *self)
{
  return MAX (layout_height (self->due), ICON_SIZE);
}

static void
update (MpCaseRow *self)
{
  MpCase *kase = self->kase;
  gint64 due;
  gboolean overdue = FALSE;
  g_autofree char *accessible = NULL;

  if (kase == NULL)
    return;

  pango_layout_set_text (self->reference, mp_case_get_reference (kase) ?: "", -1);
  /* A damaged case (issue 18) has nothing to show but its reference. */
  if (mp_store_get_case_damage (NULL, kase) != NULL)
    pango_layout_set_text (self->title, _("Damaged: this case cannot be read"), -1);
  else
    pango_layout_set_text (self->title, mp_case_get_title (kase) ?: "", -1);
  pango_layout_set_text (self->status, mp_ui_status_label (mp_case_get_status (kase)), -1);

  g_clear_pointer (&self->due_text, g_free);
  due = mp_case_get_next_due (kase);
  if (due != 0 && !mp_case_is_closed (kase))
    {
      g_autofree char *when = mp_ui_format_due (due, mp_time_now (), &overdue);

      /* Translators: "Acknowledgement due in 2 days" */
      self->due_text = g_strdup_printf (C_("deadline", "%s %s"),
                                        mp_ui_deadline_label (mp_case_get_next_due_kind (kase)),
                                        when);
    }
  pango_layout_set_text (self->due, self->due_text ?: "", -1);
  if (overdue != self->overdue || self->due_icon == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (CAPTION));
      if (overdue)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (self->due, attrs);
      pango_attr_list_unref (attrs);
      self->overdue = overdue;
      g_clear_object (&self->due_icon);
    }

  accessible = g_strjoin (", ", mp_case_get_reference (kase), mp_case_get_title (kase),
                          mp_ui_status_label (mp_case_get_status (kase)),
                          self->due_text ?: "", NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
mp_case_row_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  MpCaseRow *self = MP_CASE_ROW (widget);

  follow_font (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int tag = layout_width (self->status) + 2 * TAG_PADDING_X;
      int first, title, due;

      /* Measured without the widths the last allocation set. */
      pango_layout_set_width (self->title, -1);
      pango_layout_set_width (self->due, -1);
      first = layout_width (self->reference) + ICON_SPACING + tag;
      title = layout_width (self->title);
      due = has_due (self) ? ICON_SIZE + ICON_SPACING + layout_width (self->due) : 0;
      *minimum = 2 * MARGIN + first;
      *natural = 2 * MARGIN + MAX (first, MAX (title, due));
    }
  else
    {
      int height = first_line_height (self) + LINE_SPACING + layout_height (self->title);

      if (has_due (self))
        height += LINE_SPACING + due_line_height (self);
      *minimum = *natural = 2 * MARGIN + height;
    }
}

static void
mp_case_row_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  MpCaseRow *self = MP_CASE_ROW (widget);
  int inner = MAX (0, width - 2 * MARGIN);

  follow_font (self);
  pango_layout_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (self->title, inner * PANGO_SCALE);
  pango_layout_set_ellipsize (self->due, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (self->due, MAX (0, inner - ICON_SIZE - ICON_SPACING) * PANGO_SCALE);
}

static GdkRGBA
theme_color (GtkStyleContext *context,
             const char      *name,
             const GdkRGBA   *fallback)
{
  GdkRGBA color;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, name, &color))
    color = *fallback;
G_GNUC_END_IGNORE_DEPRECATIONS
  return color;
}

static void
mp_case_row_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  MpCaseRow *self = MP_CASE_ROW (widget);
  int width = gtk_widget_get_width (widget);
  GtkStyleContext *context;
  GdkRGBA fg, dim, accent, tag_bg, error;
  int first = first_line_height (self);
  int tag_width = layout_width (self->status) + 2 * TAG_PADDING_X;
  int tag_height = layout_height (self->status) + 2 * TAG_PADDING_Y;
  float y = MARGIN;

  follow_font (self);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  dim = fg;
  dim.alpha *= DIM_ALPHA;
  accent = theme_color (context, "accent_color", &fg);
  tag_bg = theme_color (context, "accent_bg_color", &fg);
  tag_bg.alpha *= 0.15f;
  error = theme_color (context, "error_color", &fg);

  /* The reference, and the status as a tag at the end of the line. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, y + (first - layout_height (self->reference)) / 2));
  gtk_snapshot_append_layout (snapshot, self->reference, &dim);
  gtk_snapshot_restore (snapshot);
  {
    GskRoundedRect tag;
    float x = width - MARGIN - tag_width;

    gsk_rounded_rect_init_from_rect (&tag, &GRAPHENE_RECT_INIT (x, y + (first - tag_height) / 2.f,
                                                                tag_width, tag_height),
                                     tag_height / 2.f);
    gtk_snapshot_push_rounded_clip (snapshot, &tag);
    gtk_snapshot_append_color (snapshot, &tag_bg, &tag.bounds);
    gtk_snapshot_pop (snapshot);
    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + TAG_PADDING_X,
                                                            y + (first - tag_height) / 2.f + TAG_PADDING_Y));
    gtk_snapshot_append_layout (snapshot, self->status, &accent);
    gtk_snapshot_restore (snapshot);
  }
  y += first + LINE_SPACING;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, y));
  gtk_snapshot_append_layout (snapshot, self->title, &fg);
  gtk_snapshot_restore (snapshot);
  y += layout_height (self->title) + LINE_SPACING;

  if (has_due (self))
    {
      int line = due_line_height (self);
      const GdkRGBA *color = self->overdue ? &error : &dim;
      GdkRGBA colors[4] = { *color, error, error, fg };

      if (self->due_icon == NULL)
        self->due_icon = gtk_icon_theme_lookup_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)),
                                                     self->overdue ? "dialog-warning-symbolic" : "alarm-symbolic",
                                                     NULL, ICON_SIZE, gtk_widget_get_scale_factor (widget),
                                                     gtk_widget_get_direction (widget), 0);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN, y + (line - ICON_SIZE) / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->due_icon), snapshot,
                                                ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (MARGIN + ICON_SIZE + ICON_SPACING,
                                                              y + (line - layout_height (self->due)) / 2));
      gtk_snapshot_append_layout (snapshot, self->due, color);
      gtk_snapshot_restore (snapshot);
    }
}

void
mp_case_row_set_case (MpCaseRow *self,
                      MpCase    *kase)
{
  g_return_if_fail (MP_IS_CASE_ROW (self));

  if (self->kase == kase)
    {
      update (self);
      return;
    }
  if (self->kase != NULL)
    g_clear_signal_handler (&self->notify_id, self->kase);
  g_set_object (&self->kase, kase);
  if (kase != NULL)
    self->notify_id = g_signal_connect_object (kase, "notify", G_CALLBACK (update), self,
                                               G_CONNECT_SWAPPED);
  update (self);
}

MpCase *
mp_case_row_get_case (MpCaseRow *self)
{
  g_return_val_if_fail (MP_IS_CASE_ROW (self), NULL);
  return self->kase;
}

/**
 * mp_case_row_get_due_text:
 *
 * Returns: the deadline line, "" when the row shows none
 */
const char *
mp_case_row_get_due_text (MpCaseRow *self)
{
  g_return_val_if_fail (MP_IS_CASE_ROW (self), NULL);
  return self->due_text ?: "";
}

static void
mp_case_row_dispose (GObject *object)
{
  MpCaseRow *self = MP_CASE_ROW (object);

  if (self->kase != NULL)
    g_clear_signal_handler (&self->notify_id, self->kase);
  g_clear_object (&self->kase);
  g_clear_object (&self->due_icon);
  G_OBJECT_CLASS (mp_case_row_parent_class)->dispose (object);
}

static void
mp_case_row_finalize (GObject *object)
{
  MpCaseRow *self = MP_CASE_ROW (object);

  g_clear_object (&self->reference);
  g_clear_object (&self->status);
  g_clear_object (&self->title);
  g_clear_object (&self->due);
  g_free (self->due_text);
  G_OBJECT_CLASS (mp_case_row_parent_class)->finalize (object);
}

static void
mp_case_row_class_init (MpCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_case_row_dispose;
  object_class->finalize = mp_case_row_finalize;
  widget_class->measure = mp_case_row_measure;
  widget_class->size_allocate = mp_case_row_size_allocate;
  widget_class->snapshot = mp_case_row_snapshot;
  gtk_widget_class_set_css_name (widget_class, "caserow");
}

static void
mp_case_row_init (MpCaseRow *self)
{
  self->reference = new_layout (self, CAPTION, TRUE);
  self->status = new_layout (self, CAPTION, FALSE);
  self->title = new_layout (self, 1.0, FALSE);
  self->due = new_layout (self, CAPTION, FALSE);
  self->pango_serial = pango_context_get_serial (gtk_widget_get_pango_context (GTK_WIDGET (self)));
}

MpCaseRow *
mp_case_row_new (void)
{
  return g_object_new (MP_TYPE_CASE_ROW, NULL);
}
