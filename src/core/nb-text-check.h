/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-check.h — which characters a report's texts may hold */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most characters a workbook cell holds (Excel's limit); agency,
 * title and sign-off are each one cell. */
#define NB_TEXT_MAX_CELL_CHARS 32767

/* Newline and tab, and every character that is not a control character,
 * a surrogate or a noncharacter (U+FFFE, U+FFFF, U+FDD0…U+FDEF, …):
 * what survives a save, an XML workbook and a PDF. */
gboolean nb_text_char_is_allowed (gunichar     c);

/* NB_ERROR_PARSE unless @text is valid UTF-8 of allowed characters and
 * (when @max_chars >= 0) at most @max_chars long. @field is the field's
 * name as a person knows it ("the agency"), for the message. */
gboolean nb_text_check           (const char  *field,
                                  const char  *text,
                                  gssize       max_chars,
                                  GError     **error);

/* @text with what XML cannot hold mapped or removed: vertical tab and form
 * feed (Word's line and page breaks) become newlines, other control
 * characters and noncharacters are dropped, invalid UTF-8 is replaced. */
char    *nb_text_sanitize        (const char  *text);

G_END_DECLS
