/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mp-letter-editor.h"
#include "mp-letters.h"
#include "mp-ui-util.h"

struct _MpLetterEditor
{
  AdwPreferencesPage    parent_instance;

  MpStore              *store;
  GHashTable           *drafts;     /* "KIND.LANG" → "subject\n\nbody", changed and not saved */
  char                 *kind;
  char                 *language;
  gboolean              loading;    /* the text is being set, not typed */

  AdwComboRow          *kind_row;
  AdwComboRow          *language_row;
  AdwActionRow         *source_row;
  GtkButton            *reset_button;
  AdwEntryRow          *subject_row;
  GtkTextView          *body_view;
  GtkLabel             *problem_label;
  GtkLabel             *state_label;
  GtkButton            *save_button;
  GtkLabel             *preview_label;
  AdwPreferencesGroup  *placeholders_group;
};

G_DEFINE_FINAL_TYPE (MpLetterEditor, mp_letter_editor, ADW_TYPE_PREFERENCES_PAGE)

static const char * const languages[] = { "nl", "en" };

static char *
draft_key (const char *kind,
           const char *language)
{
  return g_strdup_printf ("%s.%s", kind, language);
}

static char *
dup_body (MpLetterEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_problem (MpLetterEditor *self,
              const char     *problem)
{
  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static gboolean
is_custom (MpLetterEditor *self)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean custom = FALSE;

  if (!mp_letters_get_template (self->store, self->kind, self->language, &subject, &body,
                                &custom, NULL))
    return FALSE;
  return custom;
}

/* The preview, the state and the buttons for what is in the fields now. */
static void
update (MpLetterEditor *self)
{
  g_autofree char *key = draft_key (self->kind, self->language);
  g_autofree char *body = dup_body (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  gboolean changed = g_hash_table_contains (self->drafts, key);
  gboolean custom = is_custom (self);
  g_autoptr(MpCase) sample = mp_letters_new_sample_case (self->language);
  g_autoptr(MpLetter) letter = NULL;
  g_autoptr(GError) error = NULL;

  letter = mp_letters_render_template (self->store, sample, self->kind, self->language, subject,
                                       body, &error);
  if (letter != NULL)
    {
      g_autofree char *text = mp_letter_dup_text (letter);

      gtk_label_set_label (self->preview_label, text);
      show_problem (self, NULL);
    }
  else
    {
      gtk_label_set_label (self->preview_label, "");
      show_problem (self, error->message);
    }

  adw_action_row_set_subtitle (self->source_row, custom ? _("The desk’s own version")
                                                        : _("Meldpunt’s default"));
  gtk_label_set_label (self->state_label, changed ? _("Changed, not saved yet.") : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), changed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reset_button), custom || changed);
}

static void
load (MpLetterEditor *self)
{
  g_autofree char *key = draft_key (self->kind, self->language);
  const char *draft = g_hash_table_lookup (self->drafts, key);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;

  if (draft != NULL)
    subject = mp_letters_split_text (draft, &body);
  else if (!mp_letters_get_template (self->store, self->kind, self->language, &subject, &body,
                                     NULL, &error))
    {
      /* a stored version that cannot be read: start from the default */
      g_clear_pointer (&subject, g_free);
      g_clear_pointer (&body, g_free);
      mp_letters_get_default_template (self->kind, self->language, &subject, &body, NULL);
    }

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject != NULL ? subject : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view),
                            body != NULL ? body : "", -1);
  self->loading = FALSE;
  update (self);
  if (error != NULL)
    show_problem (self, error->message);
}

static void
on_text_changed_cb (MpLetterEditor *self)
{
  g_autofree char *body = NULL;

  if (self->loading || self->kind == NULL)
    return;
  /* kept until saved, also while another letter is shown */
  body = dup_body (self);
  g_hash_table_insert (self->drafts, draft_key (self->kind, self->language),
                       g_strconcat (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)),
                                    "\n\n", body, NULL));
  update (self);
}

static void
on_selection_changed_cb (MpLetterEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint language = adw_combo_row_get_selected (self->language_row);
  const char * const *kinds = mp_letters_list_kinds ();

  if (self->store == NULL || kind == GTK_INVALID_LIST_POSITION ||
      language == GTK_INVALID_LIST_POSITION || language >= G_N_ELEMENTS (languages))
    return;
  g_free (self->kind);
  self->kind = g_strdup (kinds[kind]);
  g_free (self->language);
  self->language = g_strdup (languages[language]);
  load (self);
}

static gboolean
save (MpLetterEditor  *self,
      const char      *kind,
      const char      *language,
      GError         **error)
{
  g_autofree char *key = draft_key (kind, language);
  const char *draft = g_hash_table_lookup (self->drafts, key);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  if (draft == NULL)
    return TRUE;
  subject = mp_letters_split_text (draft, &body);
  if (!mp_letters_set_template (self->store, kind, language, subject, body, error))
    return FALSE;
  g_hash_table_remove (self->drafts, key);
  return TRUE;
}

static void
on_save_clicked_cb (MpLetterEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!save (self, self->kind, self->language, &error))
    {
      /* the text stays as typed, with the reason */
      show_problem (self, error->message);
      return;
    }
  update (self);
  mp_ui_toast (GTK_WIDGET (self), _("Letter saved"));
}

static void
on_reset_clicked_cb (MpLetterEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = draft_key (self->kind, self->language);

  if (!mp_letters_reset_template (self->store, self->kind, self->language, &error))
    {
      show_problem (self, error->message);
      return;
    }
  g_hash_table_remove (self->drafts, key);
  load (self);
  mp_ui_toast (GTK_WIDGET (self), _("The default letter is back"));
}

static void
on_placeholder_activated_cb (AdwActionRow   *row,
                             MpLetterEditor *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "placeholder");
  g_autofree char *text = g_strdup_printf ("{%s}", name);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
build_placeholders (MpLetterEditor *self)
{
  const char * const *names = mp_letters_list_placeholders ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("{%s}", names[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mp_letters_describe_placeholder (names[i]));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_name (row, names[i]);
      g_object_set_data_full (G_OBJECT (row), "placeholder", g_strdup (names[i]), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (on_placeholder_activated_cb), self);
      adw_preferences_group_add (self->placeholders_group, row);
    }
}

static void
mp_letter_editor_dispose (GObject *object)
{
  MpLetterEditor *self = MP_LETTER_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->language, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MP_TYPE_LETTER_EDITOR);
  G_OBJECT_CLASS (mp_letter_editor_parent_class)->dispose (object);
}

static void
mp_letter_editor_class_init (MpLetterEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = mp_letter_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mp-letter-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, reset_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, state_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, preview_label);
  gtk_widget_class_bind_template_child (widget_class, MpLetterEditor, placeholders_group);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked_cb);
}

static void
mp_letter_editor_init (MpLetterEditor *self)
{
  const char * const *kinds = mp_letters_list_kinds ();
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);

  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_names, mp_letters_get_kind_title (kinds[i]));
  gtk_string_list_append (language_names, _("Dutch"));
  gtk_string_list_append (language_names, _("English"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_names));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_text_changed_cb), self);
  build_placeholders (self);
}

MpLetterEditor *
mp_letter_editor_new (MpStore *store)
{
  MpLetterEditor *self;

  g_return_val_if_fail (MP_IS_STORE (store), NULL);

  self = g_object_new (MP_TYPE_LETTER_EDITOR, NULL);
  self->store = g_object_ref (store);
  /* the reporter's language is most often the UI's */
  mp_letter_editor_select (self, "acknowledgement", mp_ui_language ());
  return self;
}

void
mp_letter_editor_select (MpLetterEditor *self,
                         const char     *kind,
                         const char     *language)
{
  const char * const *kinds = mp_letters_list_kinds ();

  g_return_if_fail (MP_IS_LETTER_EDITOR (self));

  /* both set before one load */
  g_signal_handlers_block_by_func (self->kind_row, on_selection_changed_cb, self);
  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kinds[i], kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  g_signal_handlers_unblock_by_func (self->kind_row, on_selection_changed_cb, self);
  adw_combo_row_set_selected (self->language_row, g_strcmp0 (language, "en") == 0 ? 1 : 0);
  on_selection_changed_cb (self);
}

gboolean
mp_letter_editor_has_unsaved (MpLetterEditor *self)
{
  g_return_val_if_fail (MP_IS_LETTER_EDITOR (self), FALSE);

  return g_hash_table_size (self->drafts) > 0;
}

gboolean
mp_letter_editor_save_all (MpLetterEditor  *self,
                           GError         **error)
{
  g_autoptr(GList) keys = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (MP_IS_LETTER_EDITOR (self), FALSE);

  keys = g_hash_table_get_keys (self->drafts);
  for (GList *l = keys; l != NULL; l = l->next)
    g_ptr_array_add (copies, g_strdup (l->data));
  for (guint i = 0; i < copies->len; i++)
    {
      char *key = g_ptr_array_index (copies, i);
      char *dot = strrchr (key, '.');
      g_autoptr(GError) local = NULL;

      *dot = '\0';
      if (!save (self, key, dot + 1, &local))
        {
          mp_letter_editor_select (self, key, dot + 1);
          show_problem (self, local->message);
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  update (self);
  return TRUE;
}
