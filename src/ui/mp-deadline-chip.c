/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include "mp-calendar-private.h"
#include "mp-deadline-chip.h"

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

/* ---- the chip ---------------------------------------------------------------- */

struct _MpDeadlineChip
{
  GtkButton    parent_instance;

  MpDeadline  *deadline;
  const char  *kind_class;  /* static: the CSS class of its kind */
  char        *tooltip;

  GtkImage    *icon;
  MpChipText  *text;
};

G_DEFINE_FINAL_TYPE (MpDeadlineChip, mp_deadline_chip, GTK_TYPE_BUTTON)

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
 * X server where the pointer is, a round trip per widget (issue 12). */
static gboolean
mp_deadline_chip_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  MpDeadlineChip *self = MP_DEADLINE_CHIP (widget);

  if (self->tooltip == NULL || *self->tooltip == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

static void
mp_deadline_chip_dispose (GObject *object)
{
  MpDeadlineChip *self = MP_DEADLINE_CHIP (object);

  g_clear_object (&self->deadline);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DEADLINE_CHIP);
  G_OBJECT_CLASS (mp_deadline_chip_parent_class)->dispose (object);
}

static void
mp_deadline_chip_finalize (GObject *object)
{
  MpDeadlineChip *self = MP_DEADLINE_CHIP (object);

  g_free (self->tooltip);
  G_OBJECT_CLASS (mp_deadline_chip_parent_class)->finalize (object);
}

static void
mp_deadline_chip_class_init (MpDeadlineChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_deadline_chip_dispose;
  object_class->finalize = mp_deadline_chip_finalize;
  widget_class->query_tooltip = mp_deadline_chip_query_tooltip;

  g_type_ensure (MP_TYPE_CHIP_TEXT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-deadline-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDeadlineChip, icon);
  gtk_widget_class_bind_template_child (widget_class, MpDeadlineChip, text);
}

static void
mp_deadline_chip_init (MpDeadlineChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mp_deadline_chip_new (void)
{
  return g_object_new (MP_TYPE_DEADLINE_CHIP, NULL);
}

void
mp_deadline_chip_set_deadline (MpDeadlineChip *self,
                               MpDeadline     *deadline,
                               const char     *text,
                               const char     *tooltip,
                               gboolean        overdue)
{
  const char *kind_class;

  g_return_if_fail (MP_IS_DEADLINE_CHIP (self));
  g_return_if_fail (deadline == NULL || MP_IS_DEADLINE (deadline));

  g_set_object (&self->deadline, deadline);
  if (deadline == NULL)
    return;

  kind_class = _mp_calendar_kind_css_class (mp_deadline_get_kind (deadline));
  gtk_widget_set_visible (GTK_WIDGET (self->icon), overdue);
  set_class (GTK_WIDGET (self), "overdue", overdue);
  set_class (GTK_WIDGET (self), "met", mp_deadline_is_met (deadline));
  mp_chip_text_set_text (self->text, text);
  if (self->kind_class != kind_class)
    {
      if (self->kind_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->kind_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), kind_class);
      self->kind_class = kind_class;
    }
  g_free (self->tooltip);
  self->tooltip = g_strdup (tooltip);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), tooltip != NULL && *tooltip != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

MpDeadline *
mp_deadline_chip_get_deadline (MpDeadlineChip *self)
{
  g_return_val_if_fail (MP_IS_DEADLINE_CHIP (self), NULL);
  return self->deadline;
}

const char *
mp_deadline_chip_get_text (MpDeadlineChip *self)
{
  g_return_val_if_fail (MP_IS_DEADLINE_CHIP (self), NULL);
  return self->text->text;
}
