/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A member's fingerprint, large enough to read aloud to a coordinator or
 * to compare with the one on their screen, as Signal shows its safety
 * numbers. A fingerprint is not secret: it is copied as plain text.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mp-member-fingerprint.h"
#include "mp-ui-util.h"

/* Groups per line: the six groups of a fingerprint in two lines of three. */
#define GROUPS_PER_LINE 3

struct _MpMemberFingerprint
{
  GtkWidget  parent_instance;

  GtkLabel  *groups_label;
  GtkWidget *copy_button;

  char      *fingerprint;
  gboolean   copyable;
};

G_DEFINE_FINAL_TYPE (MpMemberFingerprint, mp_member_fingerprint, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FINGERPRINT,
  PROP_COPYABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The groups of @fingerprint, GROUPS_PER_LINE to a line, two spaces
 * between them so that they stay apart in a fixed-width font. */
static char *
lay_out_groups (const char *fingerprint)
{
  g_auto(GStrv) groups = g_strsplit_set (fingerprint, " \t\n", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (*groups[i] == '\0')
        continue;
      if (n > 0)
        g_string_append (out, n % GROUPS_PER_LINE == 0 ? "\n" : "  ");
      g_string_append (out, groups[i]);
      n++;
    }
  return g_string_free (out, FALSE);
}

static void
update_copy (MpMemberFingerprint *self)
{
  gtk_widget_set_visible (self->copy_button, self->copyable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "fingerprint.copy",
                                 self->copyable && self->fingerprint != NULL);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MpMemberFingerprint *self = MP_MEMBER_FINGERPRINT (widget);

  if (self->fingerprint == NULL || !self->copyable)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->fingerprint);
  mp_ui_toast (widget, _("The fingerprint was copied"));
}

static void
mp_member_fingerprint_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MP_TYPE_MEMBER_FINGERPRINT);
  G_OBJECT_CLASS (mp_member_fingerprint_parent_class)->dispose (object);
}

static void
mp_member_fingerprint_finalize (GObject *object)
{
  MpMemberFingerprint *self = MP_MEMBER_FINGERPRINT (object);

  g_clear_pointer (&self->fingerprint, g_free);
  G_OBJECT_CLASS (mp_member_fingerprint_parent_class)->finalize (object);
}

static void
mp_member_fingerprint_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MpMemberFingerprint *self = MP_MEMBER_FINGERPRINT (object);

  switch (prop_id)
    {
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_COPYABLE:
      g_value_set_boolean (value, self->copyable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_member_fingerprint_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MpMemberFingerprint *self = MP_MEMBER_FINGERPRINT (object);

  switch (prop_id)
    {
    case PROP_FINGERPRINT:
      mp_member_fingerprint_set_fingerprint (self, g_value_get_string (value));
      break;
    case PROP_COPYABLE:
      mp_member_fingerprint_set_copyable (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_member_fingerprint_class_init (MpMemberFingerprintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_member_fingerprint_dispose;
  object_class->finalize = mp_member_fingerprint_finalize;
  object_class->get_property = mp_member_fingerprint_get_property;
  object_class->set_property = mp_member_fingerprint_set_property;

  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Off where the fingerprint is to be checked, not passed on: a
   * coordinator who could copy the expected digits could paste them into
   * the field meant for the digits they hear. */
  properties[PROP_COPYABLE] =
    g_param_spec_boolean ("copyable", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "fingerprint.copy", NULL, copy_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "member-fingerprint");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-member-fingerprint.ui");
  gtk_widget_class_bind_template_child (widget_class, MpMemberFingerprint, groups_label);
  gtk_widget_class_bind_template_child (widget_class, MpMemberFingerprint, copy_button);
}

static void
mp_member_fingerprint_init (MpMemberFingerprint *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);
  self->copyable = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->groups_label), FALSE);
  update_copy (self);
}

GtkWidget *
mp_member_fingerprint_new (void)
{
  return g_object_new (MP_TYPE_MEMBER_FINGERPRINT, NULL);
}

const char *
mp_member_fingerprint_get_fingerprint (MpMemberFingerprint *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_FINGERPRINT (self), NULL);

  return self->fingerprint;
}

void
mp_member_fingerprint_set_fingerprint (MpMemberFingerprint *self,
                                       const char          *fingerprint)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (MP_IS_MEMBER_FINGERPRINT (self));

  if (fingerprint != NULL && *fingerprint == '\0')
    fingerprint = NULL;
  if (g_strcmp0 (self->fingerprint, fingerprint) == 0)
    return;
  g_free (self->fingerprint);
  self->fingerprint = g_strdup (fingerprint);

  shown = fingerprint != NULL ? lay_out_groups (fingerprint) : g_strdup ("");
  gtk_label_set_label (self->groups_label, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_label), fingerprint != NULL);
  update_copy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);
}

gboolean
mp_member_fingerprint_get_copyable (MpMemberFingerprint *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_FINGERPRINT (self), FALSE);

  return self->copyable;
}

void
mp_member_fingerprint_set_copyable (MpMemberFingerprint *self,
                                    gboolean             copyable)
{
  g_return_if_fail (MP_IS_MEMBER_FINGERPRINT (self));

  copyable = !!copyable;
  if (self->copyable == copyable)
    return;
  self->copyable = copyable;
  update_copy (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPYABLE]);
}

const char *
_mp_member_fingerprint_get_shown (MpMemberFingerprint *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_FINGERPRINT (self), NULL);

  return gtk_label_get_label (self->groups_label);
}
