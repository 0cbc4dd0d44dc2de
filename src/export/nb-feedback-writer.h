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

/* Progress: @done of @total agencies written. */
typedef void (*NbFeedbackProgress) (guint    done,
                                    guint    total,
                                    gpointer user_data);

/* Writes, into @folder (created if need be), "<agency>-反馈意见.txt" and
 * ".pdf" for every entry of @aggregate that has something to say; never
 * over one of the files read. Stops at the first failure or when
 * @cancellable is cancelled. */
gboolean  nb_feedback_write_all (NbAggregate        *aggregate,
                                 const char         *folder,
                                 const char         *from,
                                 GCancellable       *cancellable,
                                 NbFeedbackProgress  progress,
                                 gpointer            user_data,
                                 guint              *n_written,
                                 GError            **error);

G_END_DECLS
