/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-cvss.h"
#include "mp-cvss-metrics.h"
#include "mp-cvss-picker.h"

struct _MpCvssPicker
{
  GtkPopover       parent_instance;

  MpCvssVersion    version;
  gboolean         updating;
  GPtrArray       *drop_downs;   /* one per base metric of the version */

  GtkToggleButton *v31_button;
  GtkToggleButton *v40_button;
  GtkGrid         *metrics_grid;
  GtkLabel        *score_label;
  GtkButton       *use_button;
};

G_DEFINE_FINAL_TYPE (MpCvssPicker, mp_cvss_picker, GTK_TYPE_POPOVER)

enum {
  VECTOR_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_score (MpCvssPicker *self)
{
  g_autofree char *vector = mp_cvss_picker_dup_vector (self);
  g_autoptr(MpCvss) cvss = mp_cvss_parse (vector, NULL);
  g_autofree char *score = NULL;
  g_autofree char *text = NULL;

  if (cvss == NULL)
    return;
  score = mp_cvss_format_score (mp_cvss_get_score (cvss));
  /* Translators: "Score 9.8 · Critical" */
  text = g_strdup_printf (_("Score %s · %s"), score,
                          mp_cvss_severity_to_label (mp_cvss_get_severity (cvss)));
  gtk_label_set_label (self->score_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_label), vector);
}

static void
on_metric_changed_cb (MpCvssPicker *self)
{
  if (!self->updating)
    update_score (self);
}

/* Metric rows: a label and a drop-down of the metric's values, the first
 * value (the worst case) chosen. */
static void
build_metrics (MpCvssPicker *self)
{
  GtkWidget *child;
  guint n;
  const MpCvssMetric *metrics = mp_cvss_get_base_metrics (self->version, &n);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->metrics_grid))) != NULL)
    gtk_grid_remove (self->metrics_grid, child);
  g_ptr_array_set_size (self->drop_downs, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringList) values = gtk_string_list_new (NULL);
      GtkWidget *label = gtk_label_new (mp_cvss_metric_get_label (&metrics[i]));
      GtkWidget *drop_down;

      for (guint v = 0; metrics[i].values[v].code != NULL; v++)
        gtk_string_list_append (values, mp_cvss_metric_value_get_label (&metrics[i].values[v]));
      drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&values)), NULL);
      gtk_widget_set_name (drop_down, metrics[i].code);
      gtk_widget_set_hexpand (drop_down, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      g_signal_connect_swapped (drop_down, "notify::selected",
                                G_CALLBACK (on_metric_changed_cb), self);
      gtk_grid_attach (self->metrics_grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->metrics_grid, drop_down, 1, (int) i, 1, 1);
      g_ptr_array_add (self->drop_downs, drop_down);
    }
  update_score (self);
}

static void
on_version_toggled_cb (MpCvssPicker *self)
{
  MpCvssVersion version = gtk_toggle_button_get_active (self->v40_button)
                            ? MP_CVSS_VERSION_4_0 : MP_CVSS_VERSION_3_1;

  if (version == self->version)
    return;
  self->version = version;
  build_metrics (self);
}

static void
on_use_clicked_cb (MpCvssPicker *self)
{
  g_autofree char *vector = mp_cvss_picker_dup_vector (self);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[VECTOR_CHOSEN], 0, vector);
}

static void
mp_cvss_picker_dispose (GObject *object)
{
  MpCvssPicker *self = MP_CVSS_PICKER (object);

  g_clear_pointer (&self->drop_downs, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), MP_TYPE_CVSS_PICKER);
  G_OBJECT_CLASS (mp_cvss_picker_parent_class)->dispose (object);
}

static void
mp_cvss_picker_class_init (MpCvssPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_cvss_picker_dispose;

  /**
   * MpCvssPicker::vector-chosen:
   * @vector: the vector built from the choices
   */
  signals[VECTOR_CHOSEN] = g_signal_new ("vector-chosen", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-cvss-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, MpCvssPicker, v31_button);
  gtk_widget_class_bind_template_child (widget_class, MpCvssPicker, v40_button);
  gtk_widget_class_bind_template_child (widget_class, MpCvssPicker, metrics_grid);
  gtk_widget_class_bind_template_child (widget_class, MpCvssPicker, score_label);
  gtk_widget_class_bind_template_child (widget_class, MpCvssPicker, use_button);
  gtk_widget_class_bind_template_callback (widget_class, on_version_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_use_clicked_cb);
}

static void
mp_cvss_picker_init (MpCvssPicker *self)
{
  self->drop_downs = g_ptr_array_new ();
  self->version = MP_CVSS_VERSION_3_1;
  gtk_widget_init_template (GTK_WIDGET (self));
  build_metrics (self);
}

GtkWidget *
mp_cvss_picker_new (void)
{
  return g_object_new (MP_TYPE_CVSS_PICKER, NULL);
}

void
mp_cvss_picker_set_vector (MpCvssPicker *self,
                           const char   *vector)
{
  g_autoptr(MpCvss) cvss = NULL;
  guint n;
  const MpCvssMetric *metrics;

  g_return_if_fail (MP_IS_CVSS_PICKER (self));

  if (vector == NULL || (cvss = mp_cvss_parse (vector, NULL)) == NULL)
    return;
  /* the version first: it rebuilds the rows */
  gtk_toggle_button_set_active (mp_cvss_get_version (cvss) == MP_CVSS_VERSION_4_0
                                  ? self->v40_button : self->v31_button, TRUE);
  metrics = mp_cvss_get_base_metrics (self->version, &n);
  self->updating = TRUE;
  for (guint i = 0; i < n && i < self->drop_downs->len; i++)
    {
      const char *code = mp_cvss_get_metric (cvss, metrics[i].code);

      for (guint v = 0; code != NULL && metrics[i].values[v].code != NULL; v++)
        if (g_str_equal (metrics[i].values[v].code, code))
          gtk_drop_down_set_selected (g_ptr_array_index (self->drop_downs, i), v);
    }
  self->updating = FALSE;
  update_score (self);
}

char *
mp_cvss_picker_dup_vector (MpCvssPicker *self)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  guint n;
  const MpCvssMetric *metrics;

  g_return_val_if_fail (MP_IS_CVSS_PICKER (self), NULL);

  metrics = mp_cvss_get_base_metrics (self->version, &n);
  for (guint i = 0; i < n && i < self->drop_downs->len; i++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->drop_downs, i));

      g_ptr_array_add (codes, (gpointer) metrics[i].values[selected == GTK_INVALID_LIST_POSITION
                                                             ? 0 : selected].code);
    }
  return mp_cvss_build_base_vector (self->version, (const char * const *) codes->pdata);
}
