/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-letter-row.h"
#include "mp-letters.h"
#include "mp-ui-util.h"

struct _MpLetterRow
{
  GtkListBoxRow  parent_instance;

  MpStore       *store;
  MpCase        *kase;
  char          *kind;
  MpLetter      *letter;

  GtkLabel      *title_label;
  GtkLabel      *status_label;
  GtkExpander   *preview_expander;
  GtkLabel      *preview_label;
  GtkButton     *copy_button;
  GtkButton     *mail_button;
  GtkButton     *sent_button;
};

G_DEFINE_FINAL_TYPE (MpLetterRow, mp_letter_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
mp_letter_row_sent_item (const char *kind)
{
  static const struct { const char *kind; const char *item; } items[] = {
    { "request-info", "info.requested_on" },
    { "acknowledgement", "ack.sent_on" },
    { "assessment", "assess.sent_on" },
    { "progress-update", "remed.last_update_on" },
    { "fixed", "close.delete_requested_on" },
    { "third-party", "close.final_letter_on" },
    { "sister-redirect", "close.final_letter_on" },
    { "duplicate", "close.final_letter_on" },
    { "out-of-scope", "close.final_letter_on" },
    { "closure", "close.final_letter_on" },
  };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (items); i++)
    if (g_str_equal (items[i].kind, kind))
      return items[i].item;
  return NULL;
}

/* When a letter of this kind was last recorded on the timeline. */
static gint64
last_sent (MpLetterRow *self)
{
  g_autoptr(GListModel) events = mp_store_list_events (self->store, self->kase, NULL);
  gint64 at = 0;

  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(MpEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (mp_event_get_kind (event), "letter") == 0 &&
          g_strcmp0 (mp_event_get_summary (event), self->kind) == 0)
        at = MAX (at, mp_event_get_at (event));
    }
  return at;
}

static void
on_copy_clicked_cb (MpLetterRow *self)
{
  g_autofree char *text = NULL;

  if (self->letter == NULL)
    return;
  text = mp_letter_dup_text (self->letter);
  mp_ui_copy_confidential (GTK_WIDGET (self), text);
  mp_ui_toast (GTK_WIDGET (self), _("Letter copied"));
}

static void
on_mail_clicked_cb (MpLetterRow *self)
{
  const char *to = mp_case_get_reporter_email (self->kase);
  g_autofree char *address = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (self->letter == NULL)
    return;
  address = g_uri_escape_string (to != NULL ? to : "", "@", FALSE);
  subject = g_uri_escape_string (mp_letter_get_subject (self->letter), NULL, FALSE);
  body = g_uri_escape_string (mp_letter_get_body (self->letter), NULL, FALSE);
  uri = g_strdup_printf ("mailto:%s?subject=%s&body=%s", address, subject, body);
  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
    mp_ui_toast (GTK_WIDGET (self), error->message);
}

static void
on_sent_clicked_cb (MpLetterRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *item = mp_letter_row_sent_item (self->kind);

  if (self->letter == NULL)
    return;
  if (!mp_letters_record_sent (self->store, self->kase, self->letter, &error))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  /* The letter's date answers the step's "sent on" item, unless the desk
   * already recorded one. */
  if (item != NULL && mp_case_get_answer_value (self->kase, item) == NULL)
    {
      g_autofree char *today = mp_ui_today ();

      if (!mp_store_set_answer (self->store, self->kase, item, today, NULL, &error))
        mp_ui_toast (GTK_WIDGET (self), error->message);
    }
  mp_ui_toast (GTK_WIDGET (self), _("Letter recorded as sent"));
  g_signal_emit (self, signals[SENT], 0);
}

void
mp_letter_row_set_letter (MpLetterRow *self,
                          MpStore     *store,
                          MpCase      *kase,
                          const char  *kind)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  gint64 sent;

  g_return_if_fail (MP_IS_LETTER_ROW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->kase, kase);
  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_clear_object (&self->letter);

  gtk_widget_set_visible (GTK_WIDGET (self), kind != NULL && kase != NULL);
  if (kind == NULL || kase == NULL || store == NULL)
    return;

  /* Translators: "Letter: Acknowledgement of receipt" */
  title = g_strdup_printf (_("Letter: %s"), mp_letters_get_kind_title (kind));
  gtk_label_set_label (self->title_label, title);

  self->letter = mp_letters_render (store, kase, kind, NULL, &error);
  if (self->letter == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_expander), FALSE);
    }
  else
    {
      text = mp_letter_dup_text (self->letter);
      gtk_label_set_label (self->preview_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_expander), TRUE);
      sent = last_sent (self);
      if (sent != 0)
        {
          g_autofree char *when = mp_ui_format_time (sent);

          status = g_strdup_printf (_("Sent %s. In %s."), when,
                                    g_strcmp0 (mp_letter_get_language (self->letter), "en") == 0
                                    ? _("English") : _("Dutch"));
        }
      else
        status = g_strdup_printf (_("Not sent yet. In %s, the reporter's language."),
                                  g_strcmp0 (mp_letter_get_language (self->letter), "en") == 0
                                  ? _("English") : _("Dutch"));
      gtk_label_set_label (self->status_label, status);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->copy_button), self->letter != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mail_button),
                            self->letter != NULL && mp_case_get_reporter_email (kase) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sent_button), self->letter != NULL);
}

static void
mp_letter_row_dispose (GObject *object)
{
  MpLetterRow *self = MP_LETTER_ROW (object);

  g_clear_object (&self->letter);
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
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, mail_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterRow, sent_button);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mail_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sent_clicked_cb);
}

static void
mp_letter_row_init (MpLetterRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MpLetterRow *
mp_letter_row_new (void)
{
  return g_object_new (MP_TYPE_LETTER_ROW, NULL);
}
