/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The coordinator's side of a member joining a shared desk: only a
 * fingerprint compared out of band (read aloud, in person) tells the
 * member's real keys from keys a server put in their place, so the dialog
 * will not confirm without it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "mp-member-confirm-dialog.h"
#include "mp-member-fingerprint.h"

struct _MpMemberConfirmDialog
{
  AdwMessageDialog     parent_instance;

  GtkLabel            *email_label;
  MpMemberFingerprint *fingerprint;
  GtkEntry            *typed_entry;
  GtkLabel            *problem_label;
  GtkCheckButton      *matched_check;

  MpMemberPublic      *member;
  char                *expected;   /* the member's fingerprint */
};

G_DEFINE_FINAL_TYPE (MpMemberConfirmDialog, mp_member_confirm_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The digits of @text into @digits; FALSE if it holds anything else than
 * digits and the separators a person types between groups. */
static gboolean
collect_digits (const char *text,
                GString    *digits)
{
  gboolean only_digits = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!g_ascii_isspace (*p) && *p != '-' && *p != '.')
        only_digits = FALSE;
    }
  return only_digits;
}

/* Enables "confirm" when the digits typed match, or when none are typed
 * and the coordinator ticked that every digit matches; says what is wrong
 * with typed digits as soon as one differs. */
static void
update (MpMemberConfirmDialog *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->typed_entry));
  g_autoptr(GString) typed_digits = g_string_new (NULL);
  g_autoptr(GString) expected_digits = g_string_new (NULL);
  const char *problem = NULL;
  gboolean typed_match = FALSE;
  gboolean enabled;

  collect_digits (self->expected, expected_digits);
  if (!collect_digits (typed, typed_digits))
    problem = _("A fingerprint holds digits only.");
  else if (typed_digits->len > 0 && mp_member_public_fingerprint_matches (self->expected, typed))
    typed_match = TRUE;
  else if (!g_str_has_prefix (expected_digits->str, typed_digits->str))
    problem = _("These digits do not match: do not confirm this member. "
                "Someone may have put other keys in their place.");

  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->typed_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->typed_entry), "error");
  if (typed_match)
    gtk_widget_add_css_class (GTK_WIDGET (self->typed_entry), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->typed_entry), "success");

  /* Digits typed decide; without them, the coordinator's word. */
  enabled = typed_match ||
            (typed_digits->len == 0 && problem == NULL &&
             gtk_check_button_get_active (self->matched_check));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "confirm", enabled);
}

static void
on_typed_changed_cb (MpMemberConfirmDialog *self)
{
  update (self);
}

static void
on_matched_toggled_cb (MpMemberConfirmDialog *self)
{
  update (self);
}

static void
mp_member_confirm_dialog_dispose (GObject *object)
{
  MpMemberConfirmDialog *self = MP_MEMBER_CONFIRM_DIALOG (object);

  g_clear_object (&self->member);
  G_OBJECT_CLASS (mp_member_confirm_dialog_parent_class)->dispose (object);
}

static void
mp_member_confirm_dialog_finalize (GObject *object)
{
  MpMemberConfirmDialog *self = MP_MEMBER_CONFIRM_DIALOG (object);

  g_clear_pointer (&self->expected, g_free);
  G_OBJECT_CLASS (mp_member_confirm_dialog_parent_class)->finalize (object);
}

static void
mp_member_confirm_dialog_class_init (MpMemberConfirmDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mp_member_confirm_dialog_dispose;
  object_class->finalize = mp_member_confirm_dialog_finalize;

  g_type_ensure (MP_TYPE_MEMBER_FINGERPRINT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mp-member-confirm-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MpMemberConfirmDialog, email_label);
  gtk_widget_class_bind_template_child (widget_class, MpMemberConfirmDialog, fingerprint);
  gtk_widget_class_bind_template_child (widget_class, MpMemberConfirmDialog, typed_entry);
  gtk_widget_class_bind_template_child (widget_class, MpMemberConfirmDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MpMemberConfirmDialog, matched_check);
  gtk_widget_class_bind_template_callback (widget_class, on_typed_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_matched_toggled_cb);
}

static void
mp_member_confirm_dialog_init (MpMemberConfirmDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mp_member_confirm_dialog_new (GtkWindow      *parent,
                              MpMemberPublic *member)
{
  MpMemberConfirmDialog *self;
  g_autofree char *heading = NULL;
  const char *email;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MP_IS_MEMBER_PUBLIC (member), NULL);

  self = g_object_new (MP_TYPE_MEMBER_CONFIRM_DIALOG, "transient-for", parent, NULL);
  self->member = g_object_ref (member);
  self->expected = mp_member_public_get_fingerprint (member);

  /* TRANSLATORS: %s is the name of a member who asked to join the desk */
  heading = g_strdup_printf (_("Confirm %s?"), mp_member_public_get_name (member));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  email = mp_member_public_get_email (member);
  gtk_label_set_label (self->email_label, email);
  gtk_widget_set_visible (GTK_WIDGET (self->email_label), *email != '\0');
  mp_member_fingerprint_set_fingerprint (self->fingerprint, self->expected);
  update (self);

  return GTK_WIDGET (self);
}

MpMemberPublic *
mp_member_confirm_dialog_get_member (MpMemberConfirmDialog *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_CONFIRM_DIALOG (self), NULL);

  return self->member;
}

void
_mp_member_confirm_dialog_type (MpMemberConfirmDialog *self,
                                const char            *digits)
{
  g_return_if_fail (MP_IS_MEMBER_CONFIRM_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->typed_entry), digits);
}

void
_mp_member_confirm_dialog_set_matched (MpMemberConfirmDialog *self,
                                       gboolean               matched)
{
  g_return_if_fail (MP_IS_MEMBER_CONFIRM_DIALOG (self));

  gtk_check_button_set_active (self->matched_check, matched);
}

const char *
_mp_member_confirm_dialog_get_problem (MpMemberConfirmDialog *self)
{
  g_return_val_if_fail (MP_IS_MEMBER_CONFIRM_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->problem_label))
           ? gtk_label_get_label (self->problem_label) : NULL;
}
