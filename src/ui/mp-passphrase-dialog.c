/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>

#include "mp-error.h"
#include "mp-passphrase.h"
#include "mp-passphrase-dialog.h"
#include "mp-strength-bar.h"
#include "mp-ui-util.h"

struct _MpPassphraseDialog
{
  AdwWindow            parent_instance;

  MpStore             *store;
  gboolean             busy;

  AdwPasswordEntryRow *current_row;
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *repeat_row;
  GtkLabel            *problem_label;
  MpStrengthBar       *strength_bar;
  GtkButton           *change_button;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (MpPassphraseDialog, mp_passphrase_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *current;
  char *new_passphrase;
} Change;

static const char *
row_text (AdwPasswordEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    sodium_memzero (text, strlen (text));
  g_free (text);
}

static void
change_free (gpointer data)
{
  Change *change = data;

  wipe_string (change->current);
  wipe_string (change->new_passphrase);
  g_free (change);
}

static void
update (MpPassphraseDialog *self)
{
  gboolean complete = *row_text (self->current_row) != '\0' &&
                      *row_text (self->new_row) != '\0' &&
                      *row_text (self->repeat_row) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->change_button), complete && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
show_problem (MpPassphraseDialog *self,
              const char         *message)
{
  gtk_label_set_label (self->problem_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
change_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Change *change = task_data;
  GError *error = NULL;

  if (!mp_store_check_passphrase (source_object, change->current, &error) ||
      !mp_store_change_passphrase (source_object, change->new_passphrase, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MpPassphraseDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  self->busy = FALSE;
  update (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, MP_VAULT_ERROR, MP_VAULT_ERROR_WRONG_PASSPHRASE))
        {
          show_problem (self, _("The current passphrase is not correct."));
          gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
        }
      else
        show_problem (self, error->message);
      return;
    }
  if (parent != NULL)
    mp_ui_toast (GTK_WIDGET (parent), _("Passphrase changed"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_field_changed_cb (MpPassphraseDialog *self)
{
  show_problem (self, NULL);
  mp_strength_bar_set_passphrase (self->strength_bar, row_text (self->new_row));
  update (self);
}

static void
on_cancel_clicked_cb (MpPassphraseDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_change_clicked_cb (MpPassphraseDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Change *change;

  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->change_button)))
    return;
  if (g_strcmp0 (row_text (self->new_row), row_text (self->repeat_row)) != 0)
    {
      show_problem (self, _("The new passphrases are not the same."));
      gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
      return;
    }
  if (g_strcmp0 (row_text (self->new_row), row_text (self->current_row)) == 0)
    {
      show_problem (self, _("The new passphrase is the same as the current one."));
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }
  if (!mp_passphrase_check (row_text (self->new_row), &error))
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  change = g_new0 (Change, 1);
  change->current = g_strdup (row_text (self->current_row));
  change->new_passphrase = g_strdup (row_text (self->new_row));
  self->busy = TRUE;
  update (self);
  task = g_task_new (self->store, NULL, change_done_cb, g_object_ref (self));
  g_task_set_task_data (task, change, change_free);
  g_task_run_in_thread (task, change_thread);
}

static void
mp_passphrase_dialog_dispose (GObject *object)
{
  MpPassphraseDialog *self = MP_PASSPHRASE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PASSPHRASE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mp_passphrase_dialog_parent_class)->dispose (object);
}

static void
mp_passphrase_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  MpPassphraseDialog *self = MP_PASSPHRASE_DIALOG (object);

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
mp_passphrase_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  MpPassphraseDialog *self = MP_PASSPHRASE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_passphrase_dialog_class_init (MpPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_passphrase_dialog_dispose;
  object_class->get_property = mp_passphrase_dialog_get_property;
  object_class->set_property = mp_passphrase_dialog_set_property;

  /* The desk whose passphrase changes. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MP_TYPE_STRENGTH_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, MpPassphraseDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_clicked_cb);
}

static void
mp_passphrase_dialog_init (MpPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->current_row));
}

GtkWidget *
mp_passphrase_dialog_new (GtkWindow *parent,
                          MpStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  return g_object_new (MP_TYPE_PASSPHRASE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

void
_mp_passphrase_dialog_submit (GtkWidget  *dialog,
                              const char *current,
                              const char *new_passphrase,
                              const char *repeat)
{
  MpPassphraseDialog *self = MP_PASSPHRASE_DIALOG (dialog);

  gtk_editable_set_text (GTK_EDITABLE (self->current_row), current);
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), new_passphrase);
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), repeat);
  on_change_clicked_cb (self);
}

const char *
_mp_passphrase_dialog_get_problem (GtkWidget *dialog)
{
  MpPassphraseDialog *self = MP_PASSPHRASE_DIALOG (dialog);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->problem_label)))
    return NULL;
  return gtk_label_get_label (self->problem_label);
}
