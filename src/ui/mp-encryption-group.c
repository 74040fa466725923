/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The case page's "Encryption" group (issue 21). GnuPG's answers come from
 * mp_openpgp_case_info_async(); this group only says them in words.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-encryption-group.h"
#include "mp-openpgp.h"
#include "mp-ui-util.h"

struct _MpEncryptionGroup
{
  AdwPreferencesGroup  parent_instance;

  MpStore             *store;
  MpCase              *kase;
  MpAttachment        *key_attachment;  /* an attached key, not kept yet */
  GCancellable        *cancellable;
  AdwMessageDialog    *dialog;
  GtkTextView         *dialog_text;
  char                *pasted;          /* kept when the dialog is shown again */
  gboolean             busy;

  AdwActionRow        *report_row;
  GtkImage            *report_icon;
  GtkSpinner          *spinner;
  AdwActionRow        *key_row;
  GtkButton           *attachment_button;
  GtkButton           *paste_button;
};

G_DEFINE_FINAL_TYPE (MpEncryptionGroup, mp_encryption_group, ADW_TYPE_PREFERENCES_GROUP)

static void show_paste_dialog (MpEncryptionGroup *self,
                               const char        *problem);

/* The verdict on the encrypted report, in words. */
static char *
describe_report (MpOpenpgpCaseInfo *info,
                 gboolean           desk_has_key,
                 gboolean          *alarming)
{
  GString *text;

  *alarming = FALSE;
  if (!info->has_original)
    return g_strdup (_("The report came encrypted and was not decrypted when it was imported."));
  if (!desk_has_key)
    return g_strdup (_("The report was decrypted at import; the desk has no key now to check "
                       "its signature with."));
  if (!info->decrypted)
    {
      *alarming = TRUE;
      return g_strdup (_("The report was decrypted at import, but the desk's current key cannot "
                         "decrypt it: its signature cannot be checked."));
    }
  if (info->signatures->len == 0)
    return g_strdup (_("Decrypted with the desk's key. It is not signed."));

  text = g_string_new (NULL);
  for (guint i = 0; i < info->signatures->len; i++)
    {
      MpOpenpgpSignature *signature = g_ptr_array_index (info->signatures, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      switch (signature->status)
        {
        case MP_OPENPGP_SIGNATURE_VALID:
          g_string_append_printf (text, _("Decrypted with the desk's key. Signed by key %s: "
                                          "the signature is valid."), signature->key_id);
          break;
        case MP_OPENPGP_SIGNATURE_GOOD:
          if (info->reporter_fingerprint != NULL &&
              g_ascii_strcasecmp (signature->key_id, info->reporter_fingerprint) == 0)
            g_string_append_printf (text, _("Decrypted with the desk's key. Signed by key %s: "
                                            "the signature is valid."), signature->key_id);
          else
            g_string_append_printf (text, _("Decrypted with the desk's key. Signed by key %s, "
                                            "which is not the reporter's key kept with the "
                                            "case: check who holds it."), signature->key_id);
          break;
        case MP_OPENPGP_SIGNATURE_BAD:
          *alarming = TRUE;
          g_string_append_printf (text, _("Decrypted with the desk's key. The signature by key "
                                          "%s is BAD: the report was changed after it was "
                                          "signed, or the signature is forged."),
                                  signature->key_id);
          break;
        case MP_OPENPGP_SIGNATURE_KEY_MISSING:
          g_string_append_printf (text, _("Decrypted with the desk's key. Signed by key %s, "
                                          "which the desk does not have: add the reporter's "
                                          "key to check the signature."), signature->key_id);
          break;
        case MP_OPENPGP_SIGNATURE_UNCHECKED:
        default:
          g_string_append_printf (text, _("Decrypted with the desk's key. The signature by key "
                                          "%s could not be checked."), signature->key_id);
          break;
        }
    }
  return g_string_free (text, FALSE);
}

static void
set_busy (MpEncryptionGroup *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
case_info_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  MpEncryptionGroup *self = user_data;
  g_autoptr(MpOpenpgpCaseInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  gboolean alarming = FALSE;

  info = mp_openpgp_case_info_finish (MP_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  set_busy (self, FALSE);
  if (info == NULL)
    {
      adw_action_row_set_subtitle (self->report_row, error->message);
      adw_action_row_set_subtitle (self->key_row, error->message);
      g_object_unref (self);
      return;
    }

  verdict = describe_report (info, mp_store_get_desk_key_info (self->store, NULL, NULL,
                                                               NULL, NULL), &alarming);
  adw_action_row_set_subtitle (self->report_row, verdict);
  gtk_image_set_from_icon_name (self->report_icon, alarming ? "dialog-warning-symbolic"
                                                            : "channel-secure-symbolic");
  if (alarming)
    gtk_widget_add_css_class (GTK_WIDGET (self->report_icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->report_icon), "error");

  if (info->reporter_fingerprint != NULL)
    adw_action_row_set_subtitle (self->key_row, info->reporter_fingerprint);
  else if (info->reporter_key_problem != NULL)
    adw_action_row_set_subtitle (self->key_row, info->reporter_key_problem);
  else
    adw_action_row_set_subtitle (self->key_row,
                                 _("None yet: letters to the reporter cannot be encrypted."));
  gtk_widget_set_visible (GTK_WIDGET (self->attachment_button),
                          self->key_attachment != NULL && info->reporter_fingerprint == NULL);
  g_object_unref (self);
}

static MpAttachment *
find_key_attachment (MpStore *store,
                     MpCase  *kase)
{
  g_autoptr(GListModel) attachments = mp_store_list_attachments (store, kase, NULL);

  for (guint i = 0; attachments != NULL && i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(MpAttachment) attachment = g_list_model_get_item (attachments, i);

      if (g_strcmp0 (mp_attachment_get_mime_type (attachment), "application/pgp-keys") == 0)
        return g_steal_pointer (&attachment);
    }
  return NULL;
}

static void
reload (MpEncryptionGroup *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->key_attachment);
  gtk_widget_set_visible (GTK_WIDGET (self), self->kase != NULL && self->store != NULL);
  if (self->kase == NULL || self->store == NULL)
    {
      set_busy (self, FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->report_row),
                          mp_case_get_boolean (self->kase, "report_encrypted"));
  gtk_widget_set_visible (GTK_WIDGET (self->attachment_button), FALSE);
  adw_action_row_set_subtitle (self->report_row, _("Checking the signature…"));
  adw_action_row_set_subtitle (self->key_row, "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->paste_button), !mp_case_is_erased (self->kase));
  self->key_attachment = find_key_attachment (self->store, self->kase);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  mp_openpgp_case_info_async (self->store, self->kase, self->cancellable, case_info_cb,
                              g_object_ref (self));
}

/* Keeps @armored as the reporter's key; FALSE with the reason shown. */
static gboolean
keep_key (MpEncryptionGroup  *self,
          const char         *armored,
          GError            **error)
{
  g_autofree char *fingerprint = mp_openpgp_set_reporter_key (self->store, self->kase, armored,
                                                              error);

  if (fingerprint == NULL)
    return FALSE;
  mp_ui_toast (GTK_WIDGET (self), _("The reporter's key is kept with the case"));
  reload (self);
  return TRUE;
}

static void
paste_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  MpEncryptionGroup *self = MP_ENCRYPTION_GROUP (user_data);
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->dialog_text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (self->pasted);
  self->pasted = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->dialog = NULL;
  self->dialog_text = NULL;
  if (!g_str_equal (response, "keep"))
    return;
  if (keep_key (self, self->pasted, &error))
    g_clear_pointer (&self->pasted, g_free);
  else
    /* Shown again with what was pasted and why it was refused. */
    show_paste_dialog (self, error->message);
}

static void
show_paste_dialog (MpEncryptionGroup *self,
                   const char        *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();

  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root)
                                                             ? GTK_WINDOW (root) : NULL,
                                                             _("Reporter's OpenPGP Key"), NULL));
  if (problem != NULL)
    adw_message_dialog_set_body (self->dialog, problem);
  else
    adw_message_dialog_set_body (self->dialog,
                                 _("Paste the reporter's public key: the text from “-----BEGIN "
                                   "PGP PUBLIC KEY BLOCK-----” to its END line."));
  gtk_widget_set_name (text, "reporter-key-text");
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (text), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_CHAR);
  if (self->pasted != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), self->pasted, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 180);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (self->dialog, scroller);
  self->dialog_text = GTK_TEXT_VIEW (text);
  adw_message_dialog_add_responses (self->dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Key"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "keep", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (paste_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->dialog));
  gtk_widget_grab_focus (text);
}

static void
on_paste_clicked_cb (MpEncryptionGroup *self)
{
  show_paste_dialog (self, NULL);
}

static void
on_attachment_clicked_cb (MpEncryptionGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *armored = NULL;

  if (self->key_attachment == NULL)
    return;
  if ((content = mp_store_read_attachment (self->store, self->key_attachment, &error)) != NULL)
    {
      armored = g_strndup (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
      if (keep_key (self, armored, &error))
        return;
    }
  mp_ui_toast (GTK_WIDGET (self), error->message);
}

static void
mp_encryption_group_dispose (GObject *object)
{
  MpEncryptionGroup *self = MP_ENCRYPTION_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
  g_clear_object (&self->key_attachment);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_ENCRYPTION_GROUP);
  G_OBJECT_CLASS (mp_encryption_group_parent_class)->dispose (object);
}

static void
mp_encryption_group_finalize (GObject *object)
{
  MpEncryptionGroup *self = MP_ENCRYPTION_GROUP (object);

  g_free (self->pasted);
  G_OBJECT_CLASS (mp_encryption_group_parent_class)->finalize (object);
}

static void
mp_encryption_group_class_init (MpEncryptionGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_encryption_group_dispose;
  object_class->finalize = mp_encryption_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/meldpunt/Meldpunt/ui/mp-encryption-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MpEncryptionGroup, report_row);
  gtk_widget_class_bind_template_child (widget_class, MpEncryptionGroup, report_icon);
  gtk_widget_class_bind_template_child (widget_class, MpEncryptionGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpEncryptionGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, MpEncryptionGroup, attachment_button);
  gtk_widget_class_bind_template_child (widget_class, MpEncryptionGroup, paste_button);
  gtk_widget_class_bind_template_callback (widget_class, on_paste_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_attachment_clicked_cb);
}

static void
mp_encryption_group_init (MpEncryptionGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MpEncryptionGroup *
mp_encryption_group_new (void)
{
  return g_object_new (MP_TYPE_ENCRYPTION_GROUP, NULL);
}

void
mp_encryption_group_set_case (MpEncryptionGroup *self,
                              MpStore           *store,
                              MpCase            *kase)
{
  g_return_if_fail (MP_IS_ENCRYPTION_GROUP (self));

  /* Without a case the group lets go of the store too: a window that
   * locks or restores must be its only holder. */
  if (kase == NULL)
    store = NULL;
  g_set_object (&self->store, store);
  g_set_object (&self->kase, kase);
  g_clear_pointer (&self->pasted, g_free);
  reload (self);
}

gboolean
_mp_encryption_group_is_busy (MpEncryptionGroup *self)
{
  g_return_val_if_fail (MP_IS_ENCRYPTION_GROUP (self), FALSE);
  return self->busy;
}

AdwMessageDialog *
_mp_encryption_group_get_dialog (MpEncryptionGroup *self)
{
  g_return_val_if_fail (MP_IS_ENCRYPTION_GROUP (self), NULL);
  return self->dialog;
}
