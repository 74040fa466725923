/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * Preferences → Desk Key (issue 21). GnuPG does the work (mp-openpgp.h);
 * this page only collects what it needs and says what came of it.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-desk-key-page.h"
#include "mp-format.h"
#include "mp-openpgp.h"
#include "mp-policy.h"
#include "mp-ui-util.h"

struct _MpDeskKeyPage
{
  AdwPreferencesPage    parent_instance;

  MpStore              *store;
  GFile                *key_file;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *dialog;

  AdwPreferencesGroup  *key_group;
  AdwActionRow         *fingerprint_row;
  GtkLabel             *fingerprint_label;
  AdwActionRow         *expiry_row;
  AdwActionRow         *export_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *expires_row;
  GtkLabel             *generate_problem;
  GtkButton            *generate_button;
  AdwActionRow         *file_row;
  AdwPasswordEntryRow  *passphrase_row;
  GtkLabel             *import_problem;
  GtkButton            *import_button;

  GCancellable         *generating;   /* GnuPG is making the key */
};

G_DEFINE_FINAL_TYPE (MpDeskKeyPage, mp_desk_key_page, ADW_TYPE_PREFERENCES_PAGE)

typedef enum
{
  ACTION_GENERATE,
  ACTION_IMPORT,
} Action;

static void
show_toast (MpDeskKeyPage *self,
            const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
show_problem (GtkLabel   *label,
              const char *problem)
{
  gtk_label_set_text (label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (label), problem != NULL);
}

/* "1234 5678 …": a fingerprint as people read it out to each other. */
static char *
group_fingerprint (const char *fingerprint)
{
  GString *text = g_string_new (NULL);

  for (gsize i = 0; fingerprint[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (text, ' ');
      g_string_append_c (text, fingerprint[i]);
    }
  return g_string_free (text, FALSE);
}

static void
refresh (MpDeskKeyPage *self)
{
  g_autofree char *fingerprint = NULL;
  gint64 expires_at = 0;
  gboolean has_key;

  has_key = mp_store_get_desk_key_info (self->store, &fingerprint, &expires_at, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->fingerprint_row), has_key);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_row), has_key);
  gtk_widget_set_visible (GTK_WIDGET (self->export_row), has_key);
  if (!has_key)
    {
      adw_preferences_group_set_description (self->key_group,
                                             _("The desk has no OpenPGP key yet. Generate one "
                                               "below, or import the desk's existing key."));
      return;
    }
  adw_preferences_group_set_description (self->key_group,
                                         _("Reporters encrypt their findings to this key; "
                                           "letters to them are signed with it. It is kept "
                                           "sealed in the desk."));
  {
    g_autofree char *grouped = group_fingerprint (fingerprint);

    gtk_label_set_text (self->fingerprint_label, grouped);
  }
  if (expires_at <= 0)
    adw_action_row_set_subtitle (self->expiry_row, _("Never"));
  else
    {
      g_autoptr(MpPolicy) policy = mp_store_get_policy (self->store);
      g_autofree char *day = mp_format_date (expires_at * G_USEC_PER_SEC, policy->timezone,
                                             mp_ui_language ());

      if (expires_at < g_get_real_time () / G_USEC_PER_SEC)
        {
          /* Translators: %s is a date */
          g_autofree char *expired = g_strdup_printf (_("%s (expired)"), day);

          adw_action_row_set_subtitle (self->expiry_row, expired);
        }
      else
        adw_action_row_set_subtitle (self->expiry_row, day);
    }
}

static char *
dup_public_key (MpDeskKeyPage *self)
{
  char *public_key = NULL;

  mp_store_get_desk_key_info (self->store, NULL, NULL, &public_key, NULL);
  return public_key;
}

/* While GnuPG makes the key (a second or more, in a worker thread), the
 * form cannot be sent twice. (The rows stay as they are: GTK 4.8 warns when
 * the focused one turns insensitive.) */
static void
set_generating (MpDeskKeyPage *self,
                gboolean       generating)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_button), !generating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            !generating && self->key_file != NULL);
  gtk_button_set_label (self->generate_button,
                        generating ? _("Generating…") : _("_Generate Key"));
}

static void
generated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  MpDeskKeyPage *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = mp_openpgp_generate_desk_key_finish (MP_STORE (object), result, &error);

  /* Cancelled: the page is gone (see dispose). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->generating);
  set_generating (self, FALSE);
  if (!ok)
    {
      show_problem (self->generate_problem, error->message);
      return;
    }
  refresh (self);
  show_toast (self, _("The desk's OpenPGP key was generated"));
}

static void
generate (MpDeskKeyPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  const char *expires = gtk_editable_get_text (GTK_EDITABLE (self->expires_row));
  g_autoptr(GDateTime) day = NULL;
  int year, month, date;
  char end;

  if (sscanf (expires, "%4d-%2d-%2d%c", &year, &month, &date, &end) != 3 ||
      strlen (expires) != 10 || !g_date_valid_dmy (date, month, year))
    {
      show_problem (self->generate_problem,
                    _("Write the expiry date as YYYY-MM-DD, for example 2028-12-31."));
      gtk_widget_grab_focus (GTK_WIDGET (self->expires_row));
      return;
    }
  /* Midday UTC: the same date in every time zone the desk may be in. */
  day = g_date_time_new_utc (year, month, date, 12, 0, 0);
  if (!mp_openpgp_check_new_desk_key (self->store, name, email, g_date_time_to_unix (day), &error))
    {
      show_problem (self->generate_problem, error->message);
      return;
    }
  show_problem (self->generate_problem, NULL);
  set_generating (self, TRUE);
  self->generating = g_cancellable_new ();
  mp_openpgp_generate_desk_key_async (self->store, name, email, g_date_time_to_unix (day),
                                      self->generating, generated_cb, self);
}

static void
import (MpDeskKeyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) armored = NULL;
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  if (self->key_file == NULL)
    return;
  if (!(armored = g_file_load_bytes (self->key_file, NULL, NULL, &error)) ||
      !mp_openpgp_import_desk_key (self->store, armored, passphrase, &error))
    {
      show_problem (self->import_problem, error->message);
      if (g_error_matches (error, MP_OPENPGP_ERROR, MP_OPENPGP_ERROR_BAD_PASSPHRASE))
        gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }
  show_problem (self->import_problem, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  g_clear_object (&self->key_file);
  adw_action_row_set_subtitle (self->file_row, _("No file chosen"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  refresh (self);
  show_toast (self, _("The desk's OpenPGP key was imported"));
}

static void
run (MpDeskKeyPage *self,
     Action         action)
{
  if (action == ACTION_GENERATE)
    generate (self);
  else
    import (self);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  MpDeskKeyPage *self = MP_DESK_KEY_PAGE (user_data);
  Action action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "action"));

  self->dialog = NULL;
  if (g_str_equal (response, "replace"))
    run (self, action);
}

/* A desk that has a key asks before it is replaced: what was encrypted to
 * the old key cannot be read with the new one. */
static void
confirm_and_run (MpDeskKeyPage *self,
                 Action         action)
{
  g_autofree char *fingerprint = NULL;
  GtkRoot *root;

  if (!mp_store_get_desk_key_info (self->store, &fingerprint, NULL, NULL, NULL))
    {
      run (self, action);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root)
                                                             ? GTK_WINDOW (root) : NULL,
                                                             _("Replace the Desk's Key?"), NULL));
  adw_message_dialog_format_body (self->dialog,
                                  _("Reports encrypted to the current key (%s) can no longer "
                                    "be decrypted once it is replaced. Export the desk's "
                                    "backup first if you may need it."), fingerprint);
  adw_message_dialog_add_responses (self->dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace Key"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (self->dialog, "cancel");
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  g_object_set_data (G_OBJECT (self->dialog), "action", GINT_TO_POINTER (action));
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
}

static void
on_generate_clicked_cb (MpDeskKeyPage *self)
{
  confirm_and_run (self, ACTION_GENERATE);
}

static void
on_import_clicked_cb (MpDeskKeyPage *self)
{
  confirm_and_run (self, ACTION_IMPORT);
}

static void
on_copy_clicked_cb (MpDeskKeyPage *self)
{
  g_autofree char *public_key = dup_public_key (self);

  if (public_key == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), public_key);
  show_toast (self, _("The public key was copied"));
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  MpDeskKeyPage *self = MP_DESK_KEY_PAGE (user_data);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *public_key = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (public_key = dup_public_key (self)) != NULL)
    {
      if (g_file_replace_contents (file, public_key, strlen (public_key), NULL, FALSE,
                                   G_FILE_CREATE_NONE, NULL, NULL, &error))
        show_toast (self, _("The public key was saved"));
      else
        {
          /* Translators: %s is the reason */
          g_autofree char *message = g_strdup_printf (_("The public key was not saved: %s"),
                                                      error->message);

          show_toast (self, message);
        }
    }
  g_clear_object (&self->chooser);
}

static void
on_save_clicked_cb (MpDeskKeyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Public Key"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "desk-public-key.asc");
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  MpDeskKeyPage *self = MP_DESK_KEY_PAGE (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      mp_ui_keep_out_of_recent (file);
      _mp_desk_key_page_set_key_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (MpDeskKeyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Choose the Secret Key"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (choose_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mp_desk_key_page_dispose (GObject *object)
{
  MpDeskKeyPage *self = MP_DESK_KEY_PAGE (object);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->key_file);
  /* A key being made is still stored; only this page no longer hears of it. */
  g_cancellable_cancel (self->generating);
  g_clear_object (&self->generating);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_DESK_KEY_PAGE);
  G_OBJECT_CLASS (mp_desk_key_page_parent_class)->dispose (object);
}

static void
mp_desk_key_page_class_init (MpDeskKeyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_desk_key_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/meldpunt/Meldpunt/ui/mp-desk-key-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, key_group);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, export_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, expires_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, generate_problem);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, generate_button);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, file_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, import_problem);
  gtk_widget_class_bind_template_child (widget_class, MpDeskKeyPage, import_button);
  gtk_widget_class_bind_template_callback (widget_class, on_generate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
}

static void
mp_desk_key_page_init (MpDeskKeyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MpDeskKeyPage *
mp_desk_key_page_new (MpStore *store)
{
  MpDeskKeyPage *self;
  g_autoptr(MpPolicy) policy = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 2);
  g_autofree char *expires = g_date_time_format (later, "%Y-%m-%d");

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_DESK_KEY_PAGE, NULL);
  self->store = g_object_ref (store);
  policy = mp_store_get_policy (store);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         policy->desk_name != NULL && *policy->desk_name != '\0'
                         ? policy->desk_name : mp_store_get_organisation (store));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                         policy->desk_email != NULL ? policy->desk_email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->expires_row), expires);
  refresh (self);
  return self;
}

void
_mp_desk_key_page_set_key_file (MpDeskKeyPage *self,
                                GFile         *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (MP_IS_DESK_KEY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->key_file, file);
  name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, name);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  show_problem (self->import_problem, NULL);
}

const char *
_mp_desk_key_page_get_problem (MpDeskKeyPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_KEY_PAGE (self), NULL);

  if (gtk_widget_get_visible (GTK_WIDGET (self->generate_problem)))
    return gtk_label_get_text (self->generate_problem);
  if (gtk_widget_get_visible (GTK_WIDGET (self->import_problem)))
    return gtk_label_get_text (self->import_problem);
  return NULL;
}

AdwMessageDialog *
_mp_desk_key_page_get_dialog (MpDeskKeyPage *self)
{
  g_return_val_if_fail (MP_IS_DESK_KEY_PAGE (self), NULL);
  return self->dialog;
}
