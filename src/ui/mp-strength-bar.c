/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The strength of a new passphrase while it is typed, as GNOME's password
 * dialogs show it: a level bar and a word, from core's passphrase rule.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-passphrase.h"
#include "mp-strength-bar.h"

struct _MpStrengthBar
{
  GtkWidget     parent_instance;

  GtkLevelBar  *level_bar;
  GtkLabel     *label;
};

G_DEFINE_FINAL_TYPE (MpStrengthBar, mp_strength_bar, GTK_TYPE_WIDGET)

static void
mp_strength_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MP_TYPE_STRENGTH_BAR);
  G_OBJECT_CLASS (mp_strength_bar_parent_class)->dispose (object);
}

static void
mp_strength_bar_class_init (MpStrengthBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_strength_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-strength-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MpStrengthBar, level_bar);
  gtk_widget_class_bind_template_child (widget_class, MpStrengthBar, label);
}

static void
mp_strength_bar_init (MpStrengthBar *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  /* The bar's colours follow the words: "weak" red, "fair" yellow. */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_add_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW, 0.5);
  gtk_level_bar_add_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH, 0.99);
  mp_strength_bar_set_passphrase (self, "");
}

GtkWidget *
mp_strength_bar_new (void)
{
  return g_object_new (MP_TYPE_STRENGTH_BAR, NULL);
}

void
mp_strength_bar_set_passphrase (MpStrengthBar *self,
                                const char    *passphrase)
{
  MpPassphraseStrength strength;
  g_autofree char *text = NULL;
  double value;

  g_return_if_fail (MP_IS_STRENGTH_BAR (self));
  g_return_if_fail (passphrase != NULL);

  strength = mp_passphrase_get_strength (passphrase);
  value = mp_passphrase_get_score (passphrase);
  switch (strength)
    {
    case MP_PASSPHRASE_TOO_SHORT:
      value = MIN (value, 0.2);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Too short: at least %u character",
                                           "Too short: at least %u characters",
                                           MP_PASSPHRASE_MIN_LENGTH),
                              MP_PASSPHRASE_MIN_LENGTH);
      break;
    case MP_PASSPHRASE_WEAK:
      value = MIN (value, 0.45);
      break;
    case MP_PASSPHRASE_FAIR:
      value = CLAMP (value, 0.5, 0.95);
      break;
    case MP_PASSPHRASE_STRONG:
    default:
      value = 1.0;
      break;
    }
  if (text == NULL)
    text = g_strdup (mp_passphrase_strength_label (strength));
  if (*passphrase == '\0')
    {
      value = 0;
      g_clear_pointer (&text, g_free);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "At least %u character; a few words make a good "
                                           "passphrase",
                                           "At least %u characters; a few words make a good "
                                           "passphrase",
                                           MP_PASSPHRASE_MIN_LENGTH),
                              MP_PASSPHRASE_MIN_LENGTH);
    }
  gtk_level_bar_set_value (self->level_bar, value);
  gtk_label_set_label (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

const char *
mp_strength_bar_get_label (MpStrengthBar *self)
{
  g_return_val_if_fail (MP_IS_STRENGTH_BAR (self), NULL);

  return gtk_label_get_label (self->label);
}
