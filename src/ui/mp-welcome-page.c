/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-passphrase.h"
#include "mp-strength-bar.h"
#include "mp-welcome-page.h"

struct _MpWelcomePage
{
  AdwBin        parent_instance;

  MpStore      *store;
  gboolean      busy;

  AdwEntryRow  *organisation_row;
  AdwEntryRow  *passphrase_row;
  AdwEntryRow  *repeat_row;
  MpStrengthBar *strength_bar;
  GtkLabel     *problem_label;
  GtkButton    *create_button;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (MpWelcomePage, mp_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char *organisation;
  char *passphrase;
} CreateData;

static void
create_data_free (CreateData *data)
{
  g_free (data->organisation);
  if (data->passphrase != NULL)
    memset (data->passphrase, 0, strlen (data->passphrase));
  g_free (data->passphrase);
  g_free (data);
}

static void
show_problem (MpWelcomePage *self,
              const char    *problem)
{
  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
update_sensitivity (MpWelcomePage *self)
{
  const char *organisation = gtk_editable_get_text (GTK_EDITABLE (self->organisation_row));
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  gboolean mismatch = *repeat != '\0' && g_strcmp0 (passphrase, repeat) != 0;
  g_autofree char *trimmed = g_strstrip (g_strdup (organisation));

  if (mismatch)
    gtk_widget_add_css_class (GTK_WIDGET (self->repeat_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->repeat_row), "error");
  show_problem (self, mismatch ? _("The two passphrases are not the same.") : NULL);
  mp_strength_bar_set_passphrase (self->strength_bar, passphrase);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button),
                            !self->busy && *trimmed != '\0' &&
                            mp_passphrase_check (passphrase, NULL) &&
                            g_strcmp0 (passphrase, repeat) == 0);
}

static void
on_input_changed_cb (MpWelcomePage *self)
{
  update_sensitivity (self);
}

static void
set_busy (MpWelcomePage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->organisation_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->repeat_row), !busy);
  update_sensitivity (self);
}

static void
create_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  MpWelcomePage *self = source_object;
  CreateData *data = task_data;
  GError *error = NULL;

  /* Key derivation takes a second or more: never on the main thread. */
  if (mp_store_initialise (self->store, data->organisation, data->passphrase, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
create_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  MpWelcomePage *self = MP_WELCOME_PAGE (object);
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_problem (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  g_signal_emit (self, signals[CREATED], 0);
}

static void
on_create_clicked_cb (MpWelcomePage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CreateData *data;

  if (self->busy || self->store == NULL)
    return;
  /* Enter in the last row comes here even while the button is insensitive:
   * say why, and keep what was typed. */
  if (!mp_passphrase_check (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)), &error))
    {
      show_problem (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    return;

  data = g_new0 (CreateData, 1);
  data->organisation = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organisation_row)));
  data->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)));

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, create_done_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) create_data_free);
  g_task_run_in_thread (task, create_thread);
}

static void
mp_welcome_page_dispose (GObject *object)
{
  MpWelcomePage *self = MP_WELCOME_PAGE (object);

  /* AdwBin unparents its child itself; let it go first. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  /* AdwBin unparents its child itself; let it go first. */

  adw_bin_set_child (ADW_BIN (self), NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_WELCOME_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mp_welcome_page_parent_class)->dispose (object);
}

static void
mp_welcome_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MpWelcomePage *self = MP_WELCOME_PAGE (object);

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
mp_welcome_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MpWelcomePage *self = MP_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      mp_welcome_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_welcome_page_class_init (MpWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_welcome_page_dispose;
  object_class->get_property = mp_welcome_page_get_property;
  object_class->set_property = mp_welcome_page_set_property;

  /* The new desk the page creates. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, MP_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MP_TYPE_STRENGTH_BAR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, MpWelcomePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
}

static void
mp_welcome_page_init (MpWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mp_welcome_page_set_store (MpWelcomePage *self,
                           MpStore       *store)
{
  g_return_if_fail (MP_IS_WELCOME_PAGE (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
