/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-form.h — the form of a report's text, one paragraph at a time
 *
 * What the checks read besides figures: numbered items ("一是", "（二）"),
 * years and counts matched by the format's patterns, totals with their
 * listed parts ("共…6条，其中…5条，…3条") and half-width punctuation in
 * Chinese text. Offsets are in characters from the start of the paragraph.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint  start;    /* characters */
  guint  end;
  gint64 value;    /* the named group read as a number ("三" → 3), or -1 */
} NbTextMatch;

/* Every match of @regex in @paragraph; @group names the number to read
 * (Arabic or Chinese numerals). Returns NbTextMatch (GArray). */
GArray   *nb_text_find_matches     (const GRegex       *regex,
                                    const char         *paragraph,
                                    const char         *group);

typedef struct
{
  guint  start;       /* characters: the total's figure to the last part */
  guint  end;
  gint64 total;
  gint64 parts_sum;
  guint  n_parts;
  guint  unit;        /* index into the units given */
} NbTextTotal;

/* Sentences that state a total ("共发布信息6条") and then its parts after
 * "其中", in the same unit. Returns NbTextTotal (GArray), one per sentence
 * with at least two parts. */
GArray   *nb_text_find_totals      (const char         *paragraph,
                                    const char *const  *total_words,
                                    const char *const  *part_words,
                                    const char *const  *units);

/* Half-width , : ; ( ) ? ! next to Chinese text (not inside "1,234" or
 * "12:30"): how many, and the first one's offset (characters). */
guint     nb_text_count_halfwidth  (const char         *paragraph,
                                    guint              *first);
/* @paragraph with those marks in full width (，：；（）？！). */
char     *nb_text_fix_halfwidth    (const char         *paragraph);
/* @text with the half-width marks fixed in the characters [start, end)
 * only — what a problem of check text.punctuation covers; the one-click fix. */
char     *nb_text_fix_halfwidth_range (const char      *text,
                                       guint            start,
                                       guint            end);

G_END_DECLS
