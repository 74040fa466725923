/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <adwaita.h>

#include "mp-store.h"

G_BEGIN_DECLS

#define MP_TYPE_LETTER_EDITOR (mp_letter_editor_get_type ())
G_DECLARE_FINAL_TYPE (MpLetterEditor, mp_letter_editor, MP, LETTER_EDITOR, AdwPreferencesPage)

/* Preferences → Letters: the desk's own version of each letter, per
 * language (the setting "letter.KIND.LANG" of mp-letters.h), with a live
 * preview filled with an invented case, the placeholders and what each
 * means, and Reset to Default. Text typed and not saved is kept per letter
 * and language while the window is open. */
MpLetterEditor *mp_letter_editor_new         (MpStore        *store);
/* Shows the letter @kind in @language ("nl" or "en"). */
void            mp_letter_editor_select      (MpLetterEditor *self,
                                              const char     *kind,
                                              const char     *language);
/* Whether a letter was changed and not saved. */
gboolean        mp_letter_editor_has_unsaved (MpLetterEditor *self);
/* Saves every changed letter; stops at the first that is refused, shows it
 * with the reason and returns FALSE with @error set. */
gboolean        mp_letter_editor_save_all    (MpLetterEditor *self,
                                              GError        **error);

G_END_DECLS
