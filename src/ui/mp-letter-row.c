/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-letter-row.h"
#include "mp-letters.h"
#include "mp-mailbox.h"
#include "mp-openpgp.h"
#include "mp-ui-util.h"

struct _MpLetterRow
{
  GtkListBoxRow  parent_instance;

  MpStore       *store;
  MpCase        *kase;
  char          *kind;
  MpLetter      *letter;
  MpEvent       *sent;        /* the letter last sent, frozen; NULL when writing one */
  gboolean       writing;     /* writing a new letter of a kind already sent */
  gboolean       edited;      /* the handler changed the text */
  gboolean       filling;     /* the text is being set, not typed */
  gboolean       sending;     /* on its way to the desk's SMTP server */

  GtkLabel      *title_label;
  GtkLabel      *status_label;
  GtkExpander   *preview_expander;
  GtkLabel      *edit_hint_label;
  GtkTextView   *text_view;
  GtkButton     *copy_button;
  GtkButton     *copy_encrypted_button;
  GtkButton     *ask_key_button;
  GtkButton     *mail_button;
  GtkButton     *send_button;
  GtkButton     *again_button;
  GtkButton     *sent_button;
};

G_DEFINE_FINAL_TYPE (MpLetterRow, mp_letter_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update (MpLetterRow *self);
static void show_button (GtkButton *button,
                         gboolean   visible);

/* The text as the handler has it in front of them: edited, or as sent. */
static char *
dup_text (MpLetterRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
language_name (const char *language)
{
  return g_strcmp0 (language, "en") == 0 ? _("English") : _("Dutch");
}

static void
set_text (MpLetterRow *self,
          const char  *text)
{
  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  self->filling = FALSE;
}

static void
on_copy_clicked_cb (MpLetterRow *self)
{
  g_autofree char *text = dup_text (self);

  if (*text == '\0')
    return;
  mp_ui_copy_confidential (GTK_WIDGET (self), text);
  mp_ui_toast (GTK_WIDGET (self), _("Letter copied"));
}

/* The text as the handler has it, encrypted to the reporter's key and
 * signed by the desk's: for a reporter who asked for it (R-ENCRYPT). */
static void
on_copy_encrypted_clicked_cb (MpLetterRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_text (self);
  g_autofree char *armored = NULL;

  if (*text == '\0')
    return;
  if (!(armored = mp_openpgp_encrypt_letter (self->store, self->kase, text, &error)))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  /* Ciphertext: no need to keep it out of clipboard managers. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), armored);
  mp_ui_toast (GTK_WIDGET (self), _("Encrypted letter copied"));
}

/* A paragraph in the letter's own language (not the interface's), asking
 * the reporter for their key and naming the desk's. */
static char *
key_request (const char *language,
             const char *fingerprint)
{
  gboolean dutch = g_strcmp0 (language, "en") != 0;
  GString *text = g_string_new (dutch
    ? "Wilt u ons uw publieke OpenPGP-sleutel sturen? Dan versleutelen wij onze berichten "
      "aan u voortaan."
    : "Could you send us your OpenPGP public key? We will then encrypt our messages to you.");

  if (fingerprint != NULL)
    g_string_append_printf (text, dutch
                            ? " Onze eigen sleutel heeft de vingerafdruk %s; u kunt uw "
                              "bevindingen daarmee versleutelen."
                            : " Our own key has the fingerprint %s; you can encrypt your "
                              "findings to it.", fingerprint);
  return g_string_free (text, FALSE);
}

static void
on_ask_key_clicked_cb (MpLetterRow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *fingerprint = NULL;
  g_autofree char *paragraph = NULL;
  g_autofree char *text = dup_text (self);
  GtkTextIter end;

  if (self->letter == NULL)
    return;
  mp_store_get_desk_key_info (self->store, &fingerprint, NULL, NULL, NULL);
  paragraph = key_request (mp_letter_get_language (self->letter), fingerprint);
  if (strstr (text, paragraph) != NULL)
    return;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "\n\n", -1);
  gtk_text_buffer_insert (buffer, &end, paragraph, -1);
  show_button (self->ask_key_button, FALSE);
}

/* What to tell the handler when no program takes the mailto: link. */
const char *
mp_letter_row_describe_mail_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED))
    return _("No e-mail program is set up. Copy the letter and paste it into your e-mail, "
             "or choose a default e-mail program in Settings.");
  return NULL;
}

static void
on_mail_clicked_cb (MpLetterRow *self)
{
  const char *to = mp_case_get_reporter_email (self->kase);
  g_autofree char *text = dup_text (self);
  g_autofree char *address = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject_uri = NULL;
  g_autofree char *body_uri = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  subject = mp_letters_split_text (text, &body);
  /* the reference in the subject, so that the reply finds its case */
  {
    char *with_reference = mp_mailbox_subject_with_reference (subject,
                                                              mp_case_get_reference (self->kase));

    g_free (subject);
    subject = with_reference;
  }
  address = g_uri_escape_string (to != NULL ? to : "", "@", FALSE);
  subject_uri = g_uri_escape_string (subject, NULL, FALSE);
  body_uri = g_uri_escape_string (body, NULL, FALSE);
  uri = g_strdup_printf ("mailto:%s?subject=%s&body=%s", address, subject_uri, body_uri);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
    {
      const char *advice = mp_letter_row_describe_mail_error (error);
      g_autofree char *message = NULL;

      if (advice == NULL)
        /* Translators: %s is the system's reason, e.g. "Permission denied" */
        message = g_strdup_printf (_("The e-mail program could not be opened: %s. Copy the "
                                     "letter and paste it into your e-mail."), error->message);
      mp_ui_toast (GTK_WIDGET (self), advice != NULL ? advice : message);
    }
}

static void
on_sent_clicked_cb (MpLetterRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_text (self);
  const char *item = mp_letters_get_sent_item (self->kind);

  if (self->kind == NULL || self->sent != NULL)
    return;
  /* the text as edited is the letter the reporter gets, and is kept */
  if (!mp_letters_record_sent_text (self->store, self->kase, self->kind, text, &error))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  self->writing = FALSE;
  self->edited = FALSE;
  /* The letter's date answers the step's "sent on" item, unless the desk
   * already recorded one; a progress update is dated each time. */
  if (item != NULL &&
      (mp_case_get_answer_value (self->kase, item) == NULL ||
       g_str_equal (item, "remed.last_update_on")))
    {
      g_autofree char *today = mp_ui_today ();

      if (!mp_store_set_answer (self->store, self->kase, item, today, NULL, &error))
        mp_ui_toast (GTK_WIDGET (self), error->message);
    }
  update (self);
  mp_ui_toast (GTK_WIDGET (self), _("Letter recorded as sent"));
  g_signal_emit (self, signals[SENT], 0);
}

static void
letter_sent_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MpLetterRow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean encrypted = FALSE;

  self->sending = FALSE;
  if (!mp_mailbox_send_letter_finish (MP_STORE (source_object), result, &encrypted, &error))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      update (self);
      return;
    }
  self->writing = FALSE;
  self->edited = FALSE;
  update (self);
  mp_ui_toast (GTK_WIDGET (self), encrypted ? _("Letter sent, encrypted and signed")
                                            : _("Letter sent"));
  g_signal_emit (self, signals[SENT], 0);
}

/* Sends the text as edited from the desk's address; the exchange records
 * it on the timeline and answers the step's "sent on" item. */
static void
on_send_clicked_cb (MpLetterRow *self)
{
  g_autofree char *text = dup_text (self);

  if (self->kind == NULL || self->sent != NULL || self->sending || *text == '\0')
    return;
  self->sending = TRUE;
  update (self);
  mp_mailbox_send_letter_async (self->store, self->kase, self->kind, text, NULL, letter_sent_cb,
                                g_object_ref (self));
}

/* A letter of a kind already sent, written anew (the next progress update,
 * a second request for information). */
static void
on_again_clicked_cb (MpLetterRow *self)
{
  self->writing = TRUE;
  self->edited = FALSE;
  update (self);
  gtk_expander_set_expanded (self->preview_expander, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
on_text_changed_cb (MpLetterRow *self)
{
  if (!self->filling && self->sent == NULL)
    self->edited = TRUE;
}

/* Shows the letter: as sent (frozen, read-only), or filled from today's
 * facts for the handler to edit. Text being edited is never replaced. */
/* A button of the flow box, and the flow box's child around it: a hidden
 * button alone would leave a gap. */
static void
show_button (GtkButton *button,
             gboolean   visible)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (button));

  gtk_widget_set_visible (GTK_WIDGET (button), visible);
  if (GTK_IS_FLOW_BOX_CHILD (parent))
    gtk_widget_set_visible (parent, visible);
}

/* Copy Encrypted where the reporter has a key (and the desk one to sign
 * with); for a letter still to send without one, the offer to ask. */
static void
update_encryption (MpLetterRow *self)
{
  g_autofree char *reporter_key = NULL;
  gboolean desk_key;

  if (self->store == NULL || self->kase == NULL || mp_store_is_locked (self->store))
    {
      show_button (self->copy_encrypted_button, FALSE);
      show_button (self->ask_key_button, FALSE);
      return;
    }
  reporter_key = mp_store_get_reporter_key (self->store, self->kase, NULL);
  desk_key = mp_store_get_desk_key_info (self->store, NULL, NULL, NULL, NULL);
  show_button (self->copy_encrypted_button, reporter_key != NULL && desk_key);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_encrypted_button),
                            self->sent != NULL || self->letter != NULL);
  show_button (self->ask_key_button,
               reporter_key == NULL && self->sent == NULL && self->letter != NULL &&
               !mp_case_get_boolean (self->kase, "reporter_anonymous"));
}

static void
update (MpLetterRow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  g_clear_object (&self->sent);
  if (!self->writing)
    self->sent = mp_letters_find_sent (self->store, self->kase, self->kind, NULL);

  if (self->sent != NULL)
    {
      g_autofree char *when = mp_ui_format_time (mp_event_get_at (self->sent));
      const char *body = mp_event_get_body (self->sent);

      /* Translators: "Sent 3 Dec 2026, 14:05. This is the letter as it was sent." */
      status = g_strdup_printf (_("Sent %s. This is the letter as it was sent."), when);
      set_text (self, body != NULL ? body : _("The text of this letter was erased."));
      gtk_label_set_label (self->edit_hint_label,
                           _("A letter that was sent cannot be changed. Write Again starts a new "
                             "one from today’s facts."));
      gtk_widget_set_visible (GTK_WIDGET (self->preview_expander), TRUE);
    }
  else
    {
      g_clear_object (&self->letter);
      self->letter = mp_letters_render (self->store, self->kase, self->kind, NULL, &error);
      if (self->letter == NULL)
        {
          status = g_strdup (error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->preview_expander), FALSE);
        }
      else
        {
          const char *language = language_name (mp_letter_get_language (self->letter));

          if (!self->edited)
            {
              g_autofree char *text = mp_letter_dup_text (self->letter);

              set_text (self, text);
            }
          if (self->edited)
            /* Translators: %s is "Dutch" or "English" */
            status = g_strdup_printf (_("Not sent yet, changed by you. In %s, the reporter's "
                                        "language."), language);
          else
            status = g_strdup_printf (_("Not sent yet. In %s, the reporter's language."),
                                      language);
          gtk_label_set_label (self->edit_hint_label,
                               _("You can change the letter here before you copy or send it."));
          gtk_widget_set_visible (GTK_WIDGET (self->preview_expander), TRUE);
        }
    }
  gtk_label_set_label (self->status_label, status);

  gtk_text_view_set_editable (self->text_view, self->sent == NULL);
  gtk_text_view_set_cursor_visible (self->text_view, self->sent == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->again_button), self->sent != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button),
                            self->sent != NULL || self->letter != NULL);
  update_encryption (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mail_button),
                            self->sent == NULL && self->letter != NULL &&
                            mp_case_get_reporter_email (self->kase) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sent_button),
                            self->sent == NULL && self->letter != NULL && !self->sending);
  /* Send: through the desk's SMTP server, once it has one (issue 22) */
  {
    g_autofree char *smtp = self->store != NULL ? mp_store_get_setting (self->store, "mailbox.smtp_url")
                                                : NULL;

    gtk_widget_set_visible (GTK_WIDGET (self->send_button), smtp != NULL);
    gtk_widget_set_sensitive (GTK_WIDGET (self->send_button),
                              self->sent == NULL && self->letter != NULL && !self->sending &&
                              mp_case_get_reporter_email (self->kase) != NULL);
  }
  gtk_button_set_label (self->sent_button, self->sent != NULL ? _("Sent") : _("Mark as _Sent"));
}

void
mp_letter_row_set_letter (MpLetterRow *self,
                          MpStore     *store,
                          MpCase      *kase,
                          const char  *kind)
{
  g_autofree char *title = NULL;
  gboolean same;

  g_return_if_fail (MP_IS_LETTER_ROW (self));

  /* the same letter again keeps what the handler typed */
  same = store == self->store && kase == self->kase && g_strcmp0 (kind, self->kind) == 0;
  if (!same)
    {
      self->writing = FALSE;
      self->edited = FALSE;
    }
  g_set_object (&self->store, store);
  g_set_object (&self->kase, kase);
  g_free (self->kind);
  self->kind = g_strdup (kind);

  gtk_widget_set_visible (GTK_WIDGET (self), kind != NULL && kase != NULL);
  if (kind == NULL || kase == NULL || store == NULL)
    {
      g_clear_object (&self->letter);
      g_clear_object (&self->sent);
      return;
    }

  /* Translators: "Letter: Acknowledgement of receipt" */
  title = g_strdup_printf (_("Letter: %s"), mp_letters_get_kind_title (kind));
  gtk_label_set_label (self->title_label, title);
  update (self);
}

gboolean
mp_letter_row_is_sent (MpLetterRow *self)
{
  g_return_val_if_fail (MP_IS_LETTER_ROW (self), FALSE);

  return self->sent != NULL;
}

static void
mp_letter_row_dispose (GObject *object)
{
  MpLetterRow *self = MP_LETTER_ROW (object);

  g_clear_object (&self->letter);
  g_clear_object (&self->sent);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);
  g_clear_pointer (&self->kind, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_LETTER_ROW);
  G_OBJECT_CLASS (mp_letter_row_parent_class)->dispose (object);
}

static void
mp_letter_row_class_init (MpLetterRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_letter_row_dispose;

  signals[SENT] = g_signal_new ("sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-letter-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, preview_expander);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, edit_hint_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, text_view);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, copy_encrypted_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, ask_key_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, mail_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, send_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, again_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, sent_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_encrypted_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ask_key_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mail_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sent_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked_cb);
}

static void
mp_letter_row_init (MpLetterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_changed_cb), self);
}

MpLetterRow *
mp_letter_row_new (void)
{
  return g_object_new (MP_TYPE_LETTER_ROW, NULL);
}
