/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-feedback-writer.h — a report sent back: its problems in plain Chinese
 *
 * For each agency whose report has problems, the superior office returns
 * a short document (text and PDF) saying what to correct. The PDF has the
 * report's page (A4, the type area of NbPageLayout, 仿宋 3号 body, 22 lines a
 * page, folio "— N —").
 */
#pragma once

#include "nb-aggregate.h"

G_BEGIN_DECLS

/* The feedback for @entry, or NULL when it has nothing to say (a report
 * counted without problems). @from: the office that writes (the area). */
char     *nb_feedback_text      (NbAggregate            *aggregate,
                                 const NbAggregateEntry *entry,
                                 const char             *from);

/* Writes @text (first line the title, then paragraphs) as a PDF, atomically. */
gboolean  nb_feedback_write_pdf (const char  *text,
                                 const char  *path,
                                 GError     **error);

/* The file name stem for @entry's feedback: "温县交通运输局-反馈意见". */
char     *nb_feedback_file_stem (const NbAggregateEntry *entry);

G_END_DECLS
