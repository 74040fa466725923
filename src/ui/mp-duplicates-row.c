/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-duplicates.h"
#include "mp-duplicates-row.h"
#include "mp-ui-util.h"

struct _MpDuplicatesRow
{
  GtkListBoxRow  parent_instance;

  MpStore       *store;
  MpCase        *kase;
  GPtrArray     *shown;       /* char *, references */

  GtkWidget     *list_box;    /* GtkBox of the suggestions */
};

G_DEFINE_FINAL_TYPE (MpDuplicatesRow, mp_duplicates_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  OPEN_CASE,
  ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
mp_duplicates_row_mark (MpDuplicatesRow  *self,
                        const char       *reference,
                        GError          **error)
{
  g_return_val_if_fail (MP_IS_DUPLICATES_ROW (self), FALSE);
  g_return_val_if_fail (self->kase != NULL, FALSE);

  /* Both answers or neither. */
  if (!mp_store_begin_batch (self->store, error))
    return FALSE;
  if (!mp_store_set_answer (self->store, self->kase, "scope.known", "duplicate", NULL, error) ||
      !mp_store_set_answer (self->store, self->kase, "scope.duplicate_of", reference, NULL,
                            error) ||
      !mp_store_end_batch (self->store, error))
    {
      mp_store_abort_batch (self->store);
      return FALSE;
    }
  g_signal_emit (self, signals[ANSWERED], 0);
  return TRUE;
}

static void
on_open_clicked_cb (GtkButton       *button,
                    MpDuplicatesRow *self)
{
  g_signal_emit (self, signals[OPEN_CASE], 0, g_object_get_data (G_OBJECT (button), "reference"));
}

static void
on_mark_clicked_cb (GtkButton       *button,
                    MpDuplicatesRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *reference = g_object_get_data (G_OBJECT (button), "reference");
  g_autofree char *message = NULL;

  if (!mp_duplicates_row_mark (self, reference, &error))
    {
      mp_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  /* Translators: "Marked as a duplicate of CVD-2026-0003" */
  message = g_strdup_printf (_("Marked as a duplicate of %s"), reference);
  mp_ui_toast (GTK_WIDGET (self), message);
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    text)
{
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The tooltip is given when asked for: gtk_widget_set_tooltip_text() asks
 * the display where the pointer is, a round trip for each (issue 12). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  char *copy = g_strdup (text);

  g_object_set_data_full (G_OBJECT (widget), "mp-tooltip", copy, g_free);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), copy);
  gtk_widget_set_has_tooltip (widget, TRUE);
}

static GtkWidget *
suggestion_new (MpDuplicatesRow   *self,
                const MpDuplicate *duplicate,
                gboolean           chosen)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_with_label (duplicate->reference);
  GtkWidget *reason = gtk_label_new (duplicate->reason);
  GtkWidget *mark;
  g_autofree char *tooltip = g_strdup_printf (_("Open %s"), duplicate->reference);

  gtk_widget_add_css_class (open, "flat");
  gtk_widget_add_css_class (open, "link");
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  set_tooltip (open, tooltip);
  gtk_widget_set_name (open, "open");
  g_object_set_data_full (G_OBJECT (open), "reference", g_strdup (duplicate->reference), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), self);

  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_set_hexpand (reason, TRUE);
  gtk_widget_add_css_class (reason, "dim-label");

  if (chosen)
    {
      mark = gtk_label_new (_("Marked as duplicate"));
      gtk_widget_add_css_class (mark, "dim-label");
    }
  else
    {
      mark = gtk_button_new_with_label (_("Mark as Duplicate"));
      set_tooltip (mark, _("Answer that this case reports the same as the other one"));
      gtk_widget_set_name (mark, "mark");
      g_object_set_data_full (G_OBJECT (mark), "reference", g_strdup (duplicate->reference),
                              g_free);
      g_signal_connect (mark, "clicked", G_CALLBACK (on_mark_clicked_cb), self);
    }
  gtk_widget_set_valign (mark, GTK_ALIGN_CENTER);
  gtk_widget_set_name (box, duplicate->reference);
  gtk_box_append (GTK_BOX (box), open);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), mark);
  return box;
}

#define MAX_SHOWN 5

void
mp_duplicates_row_update (MpDuplicatesRow *self,
                          MpStore         *store,
                          MpCase          *kase)
{
  g_autoptr(GPtrArray) found = NULL;
  GtkWidget *child;
  const char *chosen;
  guint n_found = 0;

  g_return_if_fail (MP_IS_DUPLICATES_ROW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->kase, kase);
  g_ptr_array_set_size (self->shown, 0);
  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->list_box), child);

  chosen = kase != NULL ? mp_case_get_answer_value (kase, "scope.duplicate_of") : NULL;
  if (store != NULL && kase != NULL && !mp_case_is_erased (kase))
    found = mp_duplicates_find_newest (store, kase, MAX_SHOWN, chosen, &n_found);
  /* The newest few, and the chosen one: a host that reports often can match
   * hundreds of cases, and a row for each made the page slow to open. */
  for (guint i = found != NULL ? found->len : 0; i > 0; i--)
    {
      const MpDuplicate *duplicate = g_ptr_array_index (found, i - 1);
      gboolean is_chosen = g_strcmp0 (chosen, duplicate->reference) == 0;

      if (self->shown->len >= MAX_SHOWN && !is_chosen)
        continue;
      g_ptr_array_add (self->shown, g_strdup (duplicate->reference));
      gtk_box_append (GTK_BOX (self->list_box), suggestion_new (self, duplicate, is_chosen));
    }
  if (n_found > self->shown->len)
    {
      guint more = n_found - self->shown->len;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "and %u more earlier case",
                                                            "and %u more earlier cases", more),
                                               more);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->list_box), label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->shown->len > 0);
}

GPtrArray *
mp_duplicates_row_get_shown (MpDuplicatesRow *self)
{
  g_return_val_if_fail (MP_IS_DUPLICATES_ROW (self), NULL);
  return self->shown;
}

static void
mp_duplicates_row_dispose (GObject *object)
{
  MpDuplicatesRow *self = MP_DUPLICATES_ROW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  G_OBJECT_CLASS (mp_duplicates_row_parent_class)->dispose (object);
}

static void
mp_duplicates_row_class_init (MpDuplicatesRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mp_duplicates_row_dispose;

  signals[OPEN_CASE] = g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mp_duplicates_row_init (MpDuplicatesRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (_("Possible duplicates"));
  GtkWidget *help = gtk_label_new (_("Earlier cases from the same reporter or about the same host. "
                                     "Open one to compare, or mark this case as its duplicate."));

  self->shown = g_ptr_array_new_with_free_func (g_free);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self), FALSE);
  gtk_widget_set_name (GTK_WIDGET (self), "duplicates");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (help), 0);
  gtk_label_set_wrap (GTK_LABEL (help), TRUE);
  gtk_widget_add_css_class (help, "dim-label");
  gtk_widget_add_css_class (help, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), help);

  self->list_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (box), self->list_box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

MpDuplicatesRow *
mp_duplicates_row_new (void)
{
  return g_object_new (MP_TYPE_DUPLICATES_ROW, NULL);
}
