/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The Publish dialog (issue 24). Every document is written by
 * src/exchange/mp-publish-*.c from the desk's settings and cases; this
 * only chooses which, shows it and saves it. The preview of security.txt
 * is the text before signing: it is signed when saved, so that looking
 * at it does not wake GnuPG.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-policy.h"
#include "mp-publish.h"
#include "mp-publish-check.h"
#include "mp-publish-csaf.h"
#include "mp-publish-dialog-private.h"
#include "mp-publish-halloffame.h"
#include "mp-publish-policy.h"
#include "mp-publish-securitytxt.h"
#include "mp-ui-util.h"

struct _MpPublishDialog
{
  AdwWindow             parent_instance;

  MpStore              *store;
  MpPolicy             *policy;
  GPtrArray            *fixed_cases;   /* (element-type MpCase) */
  GtkStringList        *domains;
  GtkStringList        *references;
  AdwActionRow         *rows[MP_PUBLISH_N_DOCUMENTS];
  MpPublishDocument     current;
  GtkFileChooserNative *chooser;

  AdwToastOverlay      *toast_overlay;
  GtkListBox           *document_list;
  GtkStack             *content_stack;
  GtkLabel             *document_title;
  GtkLabel             *state_label;
  GtkDropDown          *domain_dropdown;
  GtkDropDown          *case_dropdown;
  GtkDropDown          *language_dropdown;
  GtkDropDown          *format_dropdown;
  GtkLabel             *signing_label;
  GtkTextView          *preview_view;
  GtkTextView          *check_view;
  GtkListBox           *findings_list;
  GtkButton            *save_button;
};

G_DEFINE_FINAL_TYPE (MpPublishDialog, mp_publish_dialog, ADW_TYPE_WINDOW)

typedef enum
{
  TONE_NONE,
  TONE_GOOD,
  TONE_WARNING,
  TONE_ERROR,
} Tone;

static const char *
document_title (MpPublishDocument document)
{
  switch (document)
    {
    case MP_PUBLISH_DOCUMENT_SECURITY_TXT:
      return "security.txt";
    case MP_PUBLISH_DOCUMENT_POLICY:
      return _("Disclosure Policy");
    case MP_PUBLISH_DOCUMENT_HALL_OF_FAME:
      return _("Hall of Fame");
    case MP_PUBLISH_DOCUMENT_CSAF:
      return _("CSAF Advisory");
    case MP_PUBLISH_DOCUMENT_CHECK:
    case MP_PUBLISH_N_DOCUMENTS:
    default:
      return _("Check a security.txt");
    }
}

static const char *
selected_string (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static const char *
current_language (MpPublishDialog *self)
{
  return gtk_drop_down_get_selected (self->language_dropdown) == 1 ? "en" : "nl";
}

static MpPublishFormat
current_format (MpPublishDialog *self)
{
  return gtk_drop_down_get_selected (self->format_dropdown) == 1 ? MP_PUBLISH_FORMAT_TEXT
                                                                 : MP_PUBLISH_FORMAT_HTML;
}

static MpCase *
current_case (MpPublishDialog *self)
{
  guint i = gtk_drop_down_get_selected (self->case_dropdown);

  return i < self->fixed_cases->len ? g_ptr_array_index (self->fixed_cases, i) : NULL;
}

static gboolean
has_desk_key (MpPublishDialog *self,
              char           **fingerprint,
              gint64          *expires_at)
{
  return mp_store_get_desk_key_info (self->store, fingerprint, expires_at, NULL, NULL);
}

/* Where the security.txt of @domain stands, in words for its row. */
static char *
security_txt_state (MpPublishDialog *self,
                    const char      *domain,
                    Tone            *tone)
{
  gint64 now = mp_time_now ();
  gint64 expires = 0, key_expires = 0;
  g_autofree char *when = NULL;
  int days;

  if (domain == NULL)
    {
      *tone = TONE_ERROR;
      return g_strdup (_("No domain of the desk yet: add one under Preferences → Policy → Our Systems"));
    }
  switch (mp_publish_security_txt_state (self->store, domain, now, &expires, &key_expires))
    {
    case MP_PUBLISH_STATE_NOT_PUBLISHED:
      *tone = TONE_WARNING;
      return g_strdup_printf (_("%s: not published yet"), domain);
    case MP_PUBLISH_STATE_EXPIRED:
      *tone = TONE_ERROR;
      when = mp_ui_format_time (expires);
      return g_strdup_printf (_("%s: expired on %s"), domain, when);
    case MP_PUBLISH_STATE_KEY_EXPIRES_FIRST:
      *tone = TONE_WARNING;
      when = mp_ui_format_time (key_expires);
      return g_strdup_printf (_("%s: the desk's key expires first, on %s"), domain, when);
    case MP_PUBLISH_STATE_RENEW:
      *tone = TONE_WARNING;
      days = (int) ((expires - now) / G_TIME_SPAN_DAY);
      return g_strdup_printf (ngettext ("%s: expires in %d day, renew it now",
                                        "%s: expires in %d days, renew it now", days),
                              domain, days);
    case MP_PUBLISH_STATE_CURRENT:
    default:
      *tone = TONE_GOOD;
      days = (int) ((expires - now) / G_TIME_SPAN_DAY);
      return g_strdup_printf (ngettext ("%s: current, expires in %d day",
                                        "%s: current, expires in %d days", days),
                              domain, days);
    }
}

static char *
document_state (MpPublishDialog   *self,
                MpPublishDocument  document,
                Tone              *tone)
{
  gint64 key_expires = 0;

  *tone = TONE_GOOD;
  switch (document)
    {
    case MP_PUBLISH_DOCUMENT_SECURITY_TXT:
      return security_txt_state (self, selected_string (self->domain_dropdown), tone);
    case MP_PUBLISH_DOCUMENT_POLICY:
      if (has_desk_key (self, NULL, &key_expires) && key_expires > 0 &&
          key_expires * G_USEC_PER_SEC <= mp_time_now ())
        {
          *tone = TONE_ERROR;
          return g_strdup (_("The desk's key on the page has expired"));
        }
      return g_strdup (_("Current: written from the desk's settings"));
    case MP_PUBLISH_DOCUMENT_HALL_OF_FAME:
      return g_strdup (_("Current: the credits reporters consented to"));
    case MP_PUBLISH_DOCUMENT_CSAF:
      if (self->fixed_cases->len == 0)
        {
          *tone = TONE_WARNING;
          return g_strdup (_("No fixed case to advise on yet"));
        }
      return g_strdup_printf (ngettext ("%u fixed case to advise on",
                                        "%u fixed cases to advise on", self->fixed_cases->len),
                              self->fixed_cases->len);
    case MP_PUBLISH_DOCUMENT_CHECK:
    case MP_PUBLISH_N_DOCUMENTS:
    default:
      *tone = TONE_NONE;
      return g_strdup (_("Fields, expiry and signature of a pasted or saved file"));
    }
}

static void
set_tone (GtkWidget *widget,
          Tone       tone)
{
  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "error");
  if (tone == TONE_GOOD)
    gtk_widget_add_css_class (widget, "success");
  else if (tone == TONE_WARNING)
    gtk_widget_add_css_class (widget, "warning");
  else if (tone == TONE_ERROR)
    gtk_widget_add_css_class (widget, "error");
}

static void
update_states (MpPublishDialog *self)
{
  for (guint i = 0; i < MP_PUBLISH_N_DOCUMENTS; i++)
    {
      Tone tone;
      g_autofree char *state = document_state (self, i, &tone);

      adw_action_row_set_subtitle (self->rows[i], state);
    }
}

/* The document as it is saved (security.txt before signing).
 * Returns: (transfer full) (nullable) */
static char *
write_document (MpPublishDialog  *self,
                GError          **error)
{
  MpCase *kase;

  switch (self->current)
    {
    case MP_PUBLISH_DOCUMENT_SECURITY_TXT:
      if (selected_string (self->domain_dropdown) == NULL)
        {
          g_set_error_literal (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_OURS,
                               _("security.txt is written for one of the desk's domains: add "
                                 "them to the asset list first."));
          return NULL;
        }
      return mp_publish_security_txt (self->policy, selected_string (self->domain_dropdown),
                                      mp_time_now (), !has_desk_key (self, NULL, NULL), NULL,
                                      error);
    case MP_PUBLISH_DOCUMENT_POLICY:
      if (self->policy->desk_email == NULL || self->policy->desk_email[0] == '\0')
        {
          g_set_error_literal (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NO_EMAIL,
                               _("The policy tells reporters where to write: set the desk's "
                                 "e-mail address under Preferences first."));
          return NULL;
        }
      {
        g_autofree char *fingerprint = NULL;

        has_desk_key (self, &fingerprint, NULL);
        return mp_publish_policy (self->policy, current_language (self), current_format (self),
                                  fingerprint);
      }
    case MP_PUBLISH_DOCUMENT_HALL_OF_FAME:
      return mp_publish_hall_of_fame (self->policy, mp_store_get_cases (self->store),
                                      current_language (self), current_format (self));
    case MP_PUBLISH_DOCUMENT_CSAF:
      if ((kase = current_case (self)) == NULL)
        {
          g_set_error_literal (error, MP_PUBLISH_ERROR, MP_PUBLISH_ERROR_NOT_PUBLISHABLE,
                               _("An advisory is written for a fixed case: record the fix date "
                                 "of a case first."));
          return NULL;
        }
      return mp_publish_csaf (self->policy, kase, mp_time_now (), error);
    case MP_PUBLISH_DOCUMENT_CHECK:
    case MP_PUBLISH_N_DOCUMENTS:
    default:
      return NULL;
    }
}

static char *
signing_text (MpPublishDialog *self)
{
  g_autofree char *fingerprint = NULL;
  gboolean has_key = has_desk_key (self, &fingerprint, NULL);

  if (self->current == MP_PUBLISH_DOCUMENT_SECURITY_TXT)
    return has_key ? g_strdup_printf (_("Saved clear-signed with the desk's key %s. Its renewal "
                                        "goes on the calendar a month before it expires."),
                                      fingerprint)
                   : g_strdup (_("Saved unsigned, and the file says so: the desk has no OpenPGP "
                                 "key. Its renewal goes on the calendar a month before it "
                                 "expires."));
  if (self->current == MP_PUBLISH_DOCUMENT_CSAF)
    return has_key ? g_strdup (_("Saved with its .sha256 and .sha512 files and a detached .asc "
                                 "signature by the desk's key."))
                   : g_strdup (_("Saved with its .sha256 and .sha512 files; unsigned, as the "
                                 "desk has no OpenPGP key."));
  return NULL;
}

static void
update_document (MpPublishDialog *self)
{
  MpPublishDocument document = self->current;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *state = NULL;
  g_autofree char *signing = NULL;
  Tone tone;

  if (document == MP_PUBLISH_DOCUMENT_CHECK)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "check");
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  gtk_label_set_label (self->document_title, document_title (document));
  gtk_widget_set_visible (GTK_WIDGET (self->domain_dropdown),
                          document == MP_PUBLISH_DOCUMENT_SECURITY_TXT);
  gtk_widget_set_visible (GTK_WIDGET (self->case_dropdown), document == MP_PUBLISH_DOCUMENT_CSAF);
  gtk_widget_set_visible (GTK_WIDGET (self->language_dropdown),
                          document == MP_PUBLISH_DOCUMENT_POLICY ||
                          document == MP_PUBLISH_DOCUMENT_HALL_OF_FAME);
  gtk_widget_set_visible (GTK_WIDGET (self->format_dropdown),
                          document == MP_PUBLISH_DOCUMENT_POLICY ||
                          document == MP_PUBLISH_DOCUMENT_HALL_OF_FAME);

  text = write_document (self, &error);
  if (text == NULL)
    {
      state = g_strdup (error != NULL ? error->message : "");
      tone = TONE_ERROR;
    }
  else
    state = document_state (self, document, &tone);
  gtk_label_set_label (self->state_label, state);
  set_tone (GTK_WIDGET (self->state_label), tone);
  signing = signing_text (self);
  gtk_label_set_label (self->signing_label, signing != NULL ? signing : "");
  gtk_widget_set_visible (GTK_WIDGET (self->signing_label), signing != NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_view),
                            text != NULL ? text : "", -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), text != NULL);
}

static char *
suggested_name (MpPublishDialog *self)
{
  const char *extension = current_format (self) == MP_PUBLISH_FORMAT_TEXT ? "txt" : "html";
  MpCase *kase;

  switch (self->current)
    {
    case MP_PUBLISH_DOCUMENT_POLICY:
      return g_strdup_printf ("policy-%s.%s", current_language (self), extension);
    case MP_PUBLISH_DOCUMENT_HALL_OF_FAME:
      return g_strdup_printf ("hall-of-fame-%s.%s", current_language (self), extension);
    case MP_PUBLISH_DOCUMENT_CSAF:
      kase = current_case (self);
      if (kase != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (mp_case_get_reference (kase), -1);

          return g_strdup_printf ("%s.json", lower);
        }
      return g_strdup ("advisory.json");
    case MP_PUBLISH_DOCUMENT_SECURITY_TXT:
    case MP_PUBLISH_DOCUMENT_CHECK:
    case MP_PUBLISH_N_DOCUMENTS:
    default:
      return g_strdup ("security.txt");
    }
}

static void
show_findings (MpPublishDialog    *self,
               MpSecurityTxtCheck *check)
{
  static const char * const icons[] = {
    "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic",
  };
  static const Tone tones[] = { TONE_GOOD, TONE_WARNING, TONE_ERROR };
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);
  for (guint i = 0; i < check->findings->len; i++)
    {
      MpSecurityTxtFinding *finding = g_ptr_array_index (check->findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[finding->level]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      set_tone (icon, tones[finding->level]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->findings_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->findings_list), check->findings->len > 0);
}

static guint
check_text (MpPublishDialog *self,
            const char      *text)
{
  g_autoptr(MpSecurityTxtCheck) check = NULL;

  check = mp_publish_check_security_txt_for_desk (self->store, text, mp_time_now ());
  show_findings (self, check);
  return check->findings->len;
}

static void
load_fixed_cases (MpPublishDialog *self)
{
  GListModel *cases = mp_store_get_cases (self->store);
  guint n = g_list_model_get_n_items (cases);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MpCase) kase = g_list_model_get_item (cases, i);
      g_autofree char *label = NULL;

      if (mp_case_get_answer_value (kase, "remed.fixed_on") == NULL)
        continue;
      label = g_strdup_printf ("%s · %s", mp_case_get_reference (kase), mp_case_get_title (kase));
      gtk_string_list_append (self->references, label);
      g_ptr_array_add (self->fixed_cases, g_steal_pointer (&kase));
    }
}

static void
add_rows (MpPublishDialog *self)
{
  static const char * const icons[] = {
    "mail-unread-symbolic", "text-x-generic-symbolic", "starred-symbolic",
    "dialog-information-symbolic", "edit-find-symbolic",
  };

  for (guint i = 0; i < MP_PUBLISH_N_DOCUMENTS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), document_title (i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icons[i]));
      gtk_list_box_append (self->document_list, row);
      self->rows[i] = ADW_ACTION_ROW (row);
    }
}

/* ---- callbacks ------------------------------------------------------------ */

static void
on_document_selected_cb (MpPublishDialog *self,
                         GtkListBoxRow   *row)
{
  if (row == NULL)
    return;
  self->current = (MpPublishDocument) gtk_list_box_row_get_index (row);
  update_document (self);
}

static void
on_option_changed_cb (MpPublishDialog *self)
{
  if (self->store == NULL)
    return;
  update_states (self);
  update_document (self);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  MpPublishDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!_mp_publish_dialog_save_to (self, path, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *message = g_strdup_printf (_("Saved %s"), base);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  }
}

static void
on_save_clicked_cb (MpPublishDialog *self)
{
  g_autofree char *name = suggested_name (self);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save Document"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  MpPublishDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  if (!g_utf8_validate (contents, (gssize) length, NULL))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("The file is not UTF-8 text.")));
      return;
    }
  _mp_publish_dialog_check_text (self, contents);
}

static void
on_open_clicked_cb (MpPublishDialog *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Open security.txt"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_check_clicked_cb (MpPublishDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->check_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  check_text (self, text);
}

/* ---- overrides ------------------------------------------------------------ */

static void
mp_publish_dialog_dispose (GObject *object)
{
  MpPublishDialog *self = MP_PUBLISH_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->policy, mp_policy_unref);
  g_clear_pointer (&self->fixed_cases, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_PUBLISH_DIALOG);
  G_OBJECT_CLASS (mp_publish_dialog_parent_class)->dispose (object);
}

static void
mp_publish_dialog_class_init (MpPublishDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_publish_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, document_list);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, document_title);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, state_label);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, domain_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, case_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, signing_label);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, check_view);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MpPublishDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_document_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_check_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mp_publish_dialog_init (MpPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fixed_cases = g_ptr_array_new_with_free_func (g_object_unref);
  self->domains = gtk_string_list_new (NULL);
  self->references = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->domain_dropdown, G_LIST_MODEL (self->domains));
  gtk_drop_down_set_model (self->case_dropdown, G_LIST_MODEL (self->references));
  g_object_unref (self->domains);
  g_object_unref (self->references);
  add_rows (self);
}

/* ---- public API ----------------------------------------------------------- */

MpPublishDialog *
mp_publish_dialog_new (GtkWindow *parent,
                       MpStore   *store)
{
  MpPublishDialog *self;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_PUBLISH_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->policy = mp_store_get_policy (store);
  /* The documents speak the interface's language first. */
  gtk_drop_down_set_selected (self->language_dropdown,
                              g_str_equal (mp_ui_language (), "nl") ? 0 : 1);
  for (guint i = 0; self->policy->asset_domains != NULL && self->policy->asset_domains[i]; i++)
    gtk_string_list_append (self->domains, self->policy->asset_domains[i]);
  load_fixed_cases (self);
  update_states (self);
  gtk_list_box_select_row (self->document_list, GTK_LIST_BOX_ROW (self->rows[0]));
  return self;
}

void
_mp_publish_dialog_select (MpPublishDialog   *self,
                           MpPublishDocument  document)
{
  g_return_if_fail (MP_IS_PUBLISH_DIALOG (self));
  g_return_if_fail (document < MP_PUBLISH_N_DOCUMENTS);

  gtk_list_box_select_row (self->document_list, GTK_LIST_BOX_ROW (self->rows[document]));
}

const char *
_mp_publish_dialog_get_state (MpPublishDialog   *self,
                              MpPublishDocument  document)
{
  g_return_val_if_fail (MP_IS_PUBLISH_DIALOG (self), NULL);
  g_return_val_if_fail (document < MP_PUBLISH_N_DOCUMENTS, NULL);

  return adw_action_row_get_subtitle (self->rows[document]);
}

char *
_mp_publish_dialog_get_preview (MpPublishDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (MP_IS_PUBLISH_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->preview_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
_mp_publish_dialog_save_to (MpPublishDialog  *self,
                            const char       *path,
                            GError          **error)
{
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (MP_IS_PUBLISH_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->current == MP_PUBLISH_DOCUMENT_SECURITY_TXT)
    {
      const char *domain = selected_string (self->domain_dropdown);
      gint64 now = mp_time_now ();
      gint64 expires = 0;
      MpPublishSigning signing = MP_PUBLISH_UNSIGNED_NO_KEY;

      text = domain != NULL ? mp_publish_security_txt_for_desk (self->store, self->policy, domain,
                                                                now, TRUE, &signing, &expires,
                                                                error)
                            : write_document (self, error);
      ok = text != NULL && g_file_set_contents (path, text, -1, error) &&
           mp_store_record_publication (self->store, "security.txt", domain, now, expires,
                                        signing == MP_PUBLISH_SIGNED, error);
    }
  else if (self->current == MP_PUBLISH_DOCUMENT_CSAF)
    ok = (text = write_document (self, error)) != NULL &&
         mp_publish_save_csaf (self->store, text, path, NULL, error);
  else
    ok = (text = write_document (self, error)) != NULL &&
         g_file_set_contents (path, text, -1, error);
  update_states (self);
  update_document (self);
  return ok;
}

guint
_mp_publish_dialog_check_text (MpPublishDialog *self,
                               const char      *text)
{
  g_return_val_if_fail (MP_IS_PUBLISH_DIALOG (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  _mp_publish_dialog_select (self, MP_PUBLISH_DOCUMENT_CHECK);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->check_view), text, -1);
  return check_text (self, text);
}
