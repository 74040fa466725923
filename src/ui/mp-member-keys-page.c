/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * A joining member creates their keys: who they are, a passphrase of their
 * own (the same rule as a desk's), then the fingerprint they read to the
 * coordinator. The keys are made in a worker thread: the key derivation
 * takes a second on purpose.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-member-fingerprint.h"
#include "mp-member-keys-page.h"
#include "mp-passphrase.h"
#include "mp-strength-bar.h"

struct _MpMemberKeysPage
{
  GtkWidget            parent_instance;

  GtkWidget           *clamp;
  GtkStack            *stack;
  AdwEntryRow         *name_row;
  AdwEntryRow         *email_row;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *repeat_row;
  MpStrengthBar       *strength_bar;
  GtkLabel            *problem_label;
  GtkWidget           *create_button;
  GtkSpinner          *spinner;
  MpMemberFingerprint *fingerprint;

  GCancellable        *cancellable;
  MpMemberKeys        *keys;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (MpMemberKeysPage, mp_member_keys_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEYS,
  N_PROPS
};

enum {
  KEYS_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_problem (MpMemberKeysPage *self,
              const char       *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
update (MpMemberKeysPage *self)
{
  g_autofree char *name = g_strstrip (g_strdup (row_text (self->name_row)));
  gboolean complete = *name != '\0' && *row_text (self->passphrase_row) != '\0' &&
                      *row_text (self->repeat_row) != '\0';

  gtk_widget_set_sensitive (self->create_button, complete && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
keys_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MpMemberKeysPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpMemberKeys) keys = mp_member_keys_generate_finish (result, &error);
  g_autofree char *fingerprint = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  update (self);
  if (keys == NULL)
    {
      show_problem (self, error->message);
      return;
    }

  self->keys = g_steal_pointer (&keys);
  /* The passphrase is in the keys now: no copy stays in the fields. */
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  fingerprint = mp_member_public_get_fingerprint (mp_member_keys_get_public (self->keys));
  mp_member_fingerprint_set_fingerprint (self->fingerprint, fingerprint);
  gtk_stack_set_visible_child_name (self->stack, "fingerprint");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYS]);
  g_signal_emit (self, signals[KEYS_CREATED], 0, self->keys);
}

static void
on_field_changed_cb (MpMemberKeysPage *self)
{
  show_problem (self, NULL);
  mp_strength_bar_set_passphrase (self->strength_bar, row_text (self->passphrase_row));
  update (self);
}

static void
on_create_clicked_cb (MpMemberKeysPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autoptr(GError) error = NULL;

  if (self->busy || self->keys != NULL || !gtk_widget_get_sensitive (self->create_button))
    return;
  if (g_strcmp0 (row_text (self->passphrase_row), row_text (self->repeat_row)) != 0)
    {
      show_problem (self, _("The passphrases are not the same."));
      gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
      return;
    }
  if (!mp_passphrase_check (row_text (self->passphrase_row), &error))
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  name = g_strstrip (g_strdup (row_text (self->name_row)));
  email = g_strstrip (g_strdup (row_text (self->email_row)));
  self->busy = TRUE;
  update (self);
  mp_member_keys_generate_async (name, email, row_text (self->passphrase_row), self->cancellable,
                                 keys_created_cb, g_object_ref (self));
}

/* A page taken out of its window (the window closed, the member went
 * back) makes no keys any more: nobody would see their fingerprint. */
static void
mp_member_keys_page_unroot (GtkWidget *widget)
{
  MpMemberKeysPage *self = MP_MEMBER_KEYS_PAGE (widget);

  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      self->busy = FALSE;
      update (self);
    }
  GTK_WIDGET_CLASS (mp_member_keys_page_parent_class)->unroot (widget);
}

static void
mp_member_keys_page_dispose (GObject *object)
{
  MpMemberKeysPage *self = MP_MEMBER_KEYS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), MP_TYPE_MEMBER_KEYS_PAGE);
  g_clear_object (&self->keys);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (mp_member_keys_page_parent_class)->dispose (object);
}

static void
mp_member_keys_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MpMemberKeysPage *self = MP_MEMBER_KEYS_PAGE (object);

  switch (prop_id)
    {
    case PROP_KEYS:
      g_value_set_object (value, self->keys);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_member_keys_page_class_init (MpMemberKeysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_member_keys_page_dispose;
  object_class->get_property = mp_member_keys_page_get_property;
  widget_class->unroot = mp_member_keys_page_unroot;

  properties[PROP_KEYS] =
    g_param_spec_object ("keys", NULL, NULL, MP_TYPE_MEMBER_KEYS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[KEYS_CREATED] = g_signal_new ("keys-created", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, MP_TYPE_MEMBER_KEYS);

  g_type_ensure (MP_TYPE_MEMBER_FINGERPRINT);
  g_type_ensure (MP_TYPE_STRENGTH_BAR);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-member-keys-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, clamp);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpMemberKeysPage, fingerprint);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
}

static void
mp_member_keys_page_init (MpMemberKeysPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
mp_member_keys_page_new (void)
{
  return g_object_new (MP_TYPE_MEMBER_KEYS_PAGE, NULL);
}

MpMemberKeys *
mp_member_keys_page_get_keys (MpMemberKeysPage *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_KEYS_PAGE (self), NULL);

  return self->keys;
}

void
_mp_member_keys_page_submit (MpMemberKeysPage *self,
                             const char       *name,
                             const char       *email,
                             const char       *passphrase,
                             const char       *repeat)
{
  g_return_if_fail (MP_IS_MEMBER_KEYS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), repeat);
  g_signal_emit_by_name (self->create_button, "clicked");
}

const char *
_mp_member_keys_page_get_problem (MpMemberKeysPage *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_KEYS_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
           ? gtk_label_get_label (self->problem_label) : NULL;
}
