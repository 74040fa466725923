/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-mailbox.h"
#include "mp-mailbox-banner.h"

struct _MpMailboxBanner
{
  GtkWidget     parent_instance;

  GtkRevealer  *revealer;
  GtkBox       *box;
  GtkSpinner   *spinner;
  GtkLabel     *label;
  GtkButton    *retry_button;
  GtkButton    *close_button;

  MpStore      *store;
  gulong        locked_handler;
  guint         timer;
  GCancellable *cancellable;     /* of the running round; NULL: none */
  gboolean      asked;           /* the running round was asked for (Check Now) */
  guint         n_new;
  guint         n_replies;
  GPtrArray    *skipped;         /* char *: reasons */
};

G_DEFINE_FINAL_TYPE (MpMailboxBanner, mp_mailbox_banner, GTK_TYPE_WIDGET)

static void start_round (MpMailboxBanner *self, gboolean asked);

static void
show_message (MpMailboxBanner *self,
              const char      *text,
              gboolean         busy,
              gboolean         error)
{
  gtk_label_set_text (self->label, text);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), error);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), !busy);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->box), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->box), "error");
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
hide (MpMailboxBanner *self)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

static gboolean
is_set_up (MpMailboxBanner *self)
{
  g_autofree char *url = mp_store_get_setting (self->store, "mailbox.imap_url");

  return url != NULL && *url != '\0';
}

static void
stop_timer (MpMailboxBanner *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
timer_cb (gpointer user_data)
{
  MpMailboxBanner *self = user_data;

  if (self->store != NULL && !mp_store_is_locked (self->store) && is_set_up (self))
    start_round (self, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
follow_lock (MpMailboxBanner *self)
{
  stop_timer (self);
  if (self->store == NULL || mp_store_is_locked (self->store))
    {
      hide (self);
      return;
    }
  self->timer = g_timeout_add_seconds (MP_MAILBOX_CHECK_MINUTES * 60, timer_cb, self);
  /* the first round right after unlocking */
  if (is_set_up (self))
    start_round (self, FALSE);
}

/* The summary of a round, in a sentence. */
static char *
describe_round (MpMailboxBanner *self)
{
  GString *text = g_string_new (NULL);

  if (self->n_new > 0 && self->n_replies > 0)
    {
      g_autofree char *reports = g_strdup_printf (ngettext ("%u new report", "%u new reports",
                                                            self->n_new), self->n_new);
      g_autofree char *replies = g_strdup_printf (ngettext ("%u reply", "%u replies",
                                                            self->n_replies), self->n_replies);

      /* Translators: "2 new reports and 1 reply from the mailbox." */
      g_string_append_printf (text, _("%s and %s from the mailbox."), reports, replies);
    }
  else if (self->n_new > 0)
    g_string_append_printf (text, ngettext ("%u new report from the mailbox.",
                                            "%u new reports from the mailbox.", self->n_new),
                            self->n_new);
  else if (self->n_replies > 0)
    g_string_append_printf (text, ngettext ("%u reply from the mailbox joined its case.",
                                            "%u replies from the mailbox joined their cases.",
                                            self->n_replies), self->n_replies);
  if (self->skipped->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u message could not be imported and stays in "
                                              "the inbox:",
                                              "%u messages could not be imported and stay in "
                                              "the inbox:", self->skipped->len),
                              self->skipped->len);
      for (guint i = 0; i < self->skipped->len; i++)
        g_string_append_printf (text, "%s%s", i == 0 ? " " : "; ",
                                (const char *) g_ptr_array_index (self->skipped, i));
      g_string_append_c (text, '.');
    }
  return g_string_free (text, text->len == 0);
}

static void
message_cb (MpMailboxOutcome  outcome,
            MpCase           *kase,
            const char       *reason,
            gpointer          user_data)
{
  MpMailboxBanner *self = user_data;

  switch (outcome)
    {
    case MP_MAILBOX_NEW:
      self->n_new++;
      break;
    case MP_MAILBOX_REPLY:
      self->n_replies++;
      break;
    case MP_MAILBOX_SKIPPED:
      g_ptr_array_add (self->skipped, g_strdup (reason));
      break;
    case MP_MAILBOX_DUPLICATE:
    default:
      break;
    }
}

static void
round_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MpMailboxBanner) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean ok = mp_mailbox_fetch_finish (MP_STORE (source_object), result, &error);

  g_clear_object (&self->cancellable);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL ||
      mp_store_is_locked (self->store))
    {
      hide (self);
      return;
    }
  summary = describe_round (self);
  if (!ok)
    {
      g_autofree char *text = summary != NULL ? g_strdup_printf ("%s %s", summary, error->message)
                                              : g_strdup (error->message);

      show_message (self, text, FALSE, TRUE);
    }
  else if (summary != NULL)
    show_message (self, summary, FALSE, self->skipped->len > 0);
  else if (self->asked)
    show_message (self, _("No new messages in the mailbox."), FALSE, FALSE);
  else
    hide (self);
}

static void
start_round (MpMailboxBanner *self,
             gboolean         asked)
{
  if (self->cancellable != NULL || self->store == NULL || mp_store_is_locked (self->store))
    return;
  self->asked = asked;
  self->n_new = self->n_replies = 0;
  g_ptr_array_set_size (self->skipped, 0);
  self->cancellable = g_cancellable_new ();
  show_message (self, _("Checking the mailbox…"), TRUE, FALSE);
  mp_mailbox_fetch_async (self->store, self->cancellable, message_cb, self, round_done_cb,
                          g_object_ref (self));
}

static void
on_retry_clicked_cb (MpMailboxBanner *self)
{
  start_round (self, TRUE);
}

static void
on_close_clicked_cb (MpMailboxBanner *self)
{
  hide (self);
}

static void
mp_mailbox_banner_dispose (GObject *object)
{
  MpMailboxBanner *self = MP_MAILBOX_BANNER (object);

  mp_mailbox_banner_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_MAILBOX_BANNER);
  G_OBJECT_CLASS (mp_mailbox_banner_parent_class)->dispose (object);
}

static void
mp_mailbox_banner_finalize (GObject *object)
{
  MpMailboxBanner *self = MP_MAILBOX_BANNER (object);

  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  G_OBJECT_CLASS (mp_mailbox_banner_parent_class)->finalize (object);
}

static void
mp_mailbox_banner_class_init (MpMailboxBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_mailbox_banner_dispose;
  object_class->finalize = mp_mailbox_banner_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-mailbox-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, MpMailboxBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxBanner, box);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxBanner, spinner);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxBanner, label);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxBanner, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MpMailboxBanner, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);
}

static void
mp_mailbox_banner_init (MpMailboxBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->skipped = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
mp_mailbox_banner_new (void)
{
  return g_object_new (MP_TYPE_MAILBOX_BANNER, NULL);
}

void
mp_mailbox_banner_set_store (MpMailboxBanner *self,
                             MpStore         *store)
{
  g_return_if_fail (MP_IS_MAILBOX_BANNER (self));
  g_return_if_fail (store == NULL || MP_IS_STORE (store));

  if (self->store == store)
    return;
  stop_timer (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->locked_handler, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->locked_handler = g_signal_connect_swapped (store, "notify::locked",
                                                     G_CALLBACK (follow_lock), self);
  follow_lock (self);
}

void
mp_mailbox_banner_check_now (MpMailboxBanner *self)
{
  g_return_if_fail (MP_IS_MAILBOX_BANNER (self));

  if (self->store == NULL || mp_store_is_locked (self->store))
    return;
  if (!is_set_up (self))
    {
      show_message (self, _("The desk's mailbox is not set up. Set it up in Preferences → "
                            "Mailbox."), FALSE, FALSE);
      return;
    }
  start_round (self, TRUE);
}

gboolean
mp_mailbox_banner_is_checking (MpMailboxBanner *self)
{
  g_return_val_if_fail (MP_IS_MAILBOX_BANNER (self), FALSE);

  return self->cancellable != NULL;
}
