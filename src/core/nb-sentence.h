/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-sentence.h — sentences generated from the tables, for the text sections
 *
 * Figures quoted in a text are where reports most often contradict their
 * tables; the editor offers these sentences and the checks keep them in
 * step. The sentences are the format's data ("sentences" in the format
 * file): templates whose {…} are the year or sums of cells, e.g.
 *   "{year}年，本机关共收到政府信息公开申请{requests/new/total}件，…"
 *   {requests/withheld_*\/total}   every row whose key starts "withheld_"
 *   {review/count/direct_total+review/count/after_total}   a sum
 * and an optional "when_zero": {"sum": EXPR, "template": …} used when the
 * sum is 0 ("本机关未发生…"). A sentence with "section" is that section's
 * fields' own; with "needs_all" it is not made while a cell it names is
 * blank (a blank fee is not "no fee").
 */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

/* The format's sentences offered in every text section, in the data's order. */
guint       nb_sentence_get_n_sentences (NbFormat    *format);
const char *nb_sentence_get_id          (NbFormat    *format,
                                         guint        i);
/* "依申请公开（表三）": what the editor's menu shows. */
const char *nb_sentence_get_label       (NbFormat    *format,
                                         guint        i);
/* The sentence @id filled in from @report's tables, or NULL if none. */
char       *nb_sentence_render          (NbReport    *report,
                                         const char  *id);
/* FALSE + @error if a template names a cell the format does not have
 * (the format's tests run this; the editor skips such a sentence). */
gboolean    nb_sentence_check_format    (NbFormat    *format,
                                         GError     **error);

/* The sentence of the section with fields (2021: 六's 信息处理费 sentence,
 * "fields_sentence" in the data), or NULL when the format has none or a
 * field is blank. */
char       *nb_sentence_fees            (NbReport    *report);

G_END_DECLS
