/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include "mp-case-page.h"
#include "mp-legal-group.h"

G_BEGIN_DECLS

struct _MpCasePage
{
  AdwBin                parent_instance;

  MpStore              *store;
  MpCase               *kase;
  GSignalGroup         *store_signals;  /* the store's lock */
  GSignalGroup         *case_signals;   /* the shown case's status */
  GBindingGroup        *case_bindings;  /* its reference and title in the heading */
  guint                 current_step;
  guint                 focus_step;     /* the step the focus moves into */
  guint                 focus_tick_id;
  guint                 focus_ticks;
  guint                 focus_stable;   /* frames the item kept its place */
  double                focus_last_y;
  guint                 scroll_step;    /* the step mp_case_page_show_step() brings up */
  guint                 scroll_source;

  GPtrArray            *step_rows;    /* AdwExpanderRow, one per step */
  GPtrArray            *step_icons;   /* GtkImage, one per step */
  GPtrArray            *letter_rows;  /* MpLetterRow, one per step */
  GtkWidget            *ack_letter_rows[2];    /* the acknowledgement, offered on intake
                                                * and scope, whichever is current */
  GtkWidget            *extension_letter_row;  /* the new fix date, on remediation */
  GHashTable           *item_rows;    /* item id → MpChecklistRow */
  GtkWidget            *duplicates_row;  /* MpDuplicatesRow on the scope step */
  AdwExpanderRow       *reward_step_row;
  gboolean              reward_text_stale;  /* shown once the reward step opens */

  char                 *temp_dir;     /* private copies of opened attachments */
  GtkFileChooserNative *chooser;
  MpAttachment         *saving;
  char                 *draft_kind;   /* a note or reply kept after a failed save */
  char                 *draft_text;

  GtkStack             *stack;
  GtkButton            *back_button;
  GtkLabel             *reference_label;
  GtkLabel             *title_label;
  GtkScrolledWindow    *scroller;
  AdwActionRow         *status_row;
  AdwActionRow         *due_row;
  GtkImage             *due_icon;
  AdwActionRow         *received_row;
  AdwActionRow         *reporter_row;
  AdwActionRow         *asset_row;
  AdwActionRow         *erase_row;
  GtkLabel             *details_label;
  AdwPreferencesGroup  *checklist_group;
  MpLegalGroup         *legal_group;   /* mp-legal-group.h */
  GtkListBox           *timeline_list;
  GtkListBox           *attachment_list;
};

/* mp-case-page.c */
void _mp_case_page_emit_changed       (MpCasePage     *self);

/* mp-case-page-records.c: the timeline, notes and attachments */
void _mp_case_page_load_records       (MpCasePage     *self);
void _mp_case_page_add_record_actions (GtkWidgetClass *widget_class);

G_END_DECLS
