/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text helpers of the e-mail importer: charsets, HTML, and the guesses it
 * makes about a report. Internal to src/exchange (and its tests). */

/* Converts @length bytes in @charset (NULL: unknown) to UTF-8 with "\n" line
 * ends. ISO-8859-1 and US-ASCII are read as windows-1252, as mail clients
 * mislabel it; invalid input is repaired and *@lossy set.
 * Returns: (transfer full) */
char        *_mp_eml_to_utf8            (const char  *data,
                                         gsize        length,
                                         const char  *charset,
                                         gboolean    *lossy);
/* Replaces C1 control characters (U+0080–U+009F), which come from
 * windows-1252 text decoded as ISO-8859-1, by the windows-1252 characters.
 * Returns: (transfer full) */
char        *_mp_eml_fix_c1             (const char  *text);
/* Readable text from HTML: paragraphs and line breaks kept, links as
 * "text (url)", no tags, entities decoded. Returns: (transfer full) */
char        *_mp_eml_html_to_text       (const char  *html);
/* "nl", "en" or NULL when the text gives no clue. */
const char  *_mp_eml_guess_language     (const char  *text);
/* The first URL, host name or IPv4 address in @text.
 * Returns: (transfer full) (nullable) */
char        *_mp_eml_find_asset         (const char  *text);
/* Recognises the body of a web form ("Naam: …\nE-mail: …\nOmschrijving: …").
 * Every out argument is set (transfer full, nullable) when TRUE is returned. */
gboolean     _mp_eml_parse_web_form     (const char  *text,
                                         char       **name,
                                         char       **email,
                                         char       **subject,
                                         char       **asset,
                                         char       **description);

G_END_DECLS
