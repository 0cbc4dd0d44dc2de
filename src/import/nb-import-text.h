/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-import-text.h — what the matcher reads out of a published report's own sentences
 *
 * The closing lines after 六 (the agency's sign-off and the date, which
 * are the document's fields, not text), and the 信息处理费 statement of a
 * 2021-format report's 六 (the format's fee fields). */
#pragma once

#include <glib.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* A date line: "2021年1月20日", "2021-01-20", "2021.1.20",
 * "二〇二一年一月二十日", optionally after a short sign-off on the same
 * line ("温县交通运输局 2021年1月20日"). TRUE with @date "YYYY-MM-DD" and
 * @before (the text before the date, trimmed, NULL if none). */
gboolean nb_import_text_parse_date     (const char  *line,
                                        char       **date,
                                        char       **before);

/* Removes the closing lines at the end of @paras (const char*, the last
 * section's paragraphs): a date line and an agency's sign-off line, in
 * either order. @agency (may be NULL) is the title's. Sets @signoff and
 * @date (NULL when not found). */
void     nb_import_text_take_closing   (GPtrArray   *paras,
                                        const char  *agency,
                                        char       **signoff,
                                        char       **date);

/* Reads the 信息处理费 fields of @report's format (the "other" section's
 * fields) from the sentences of @text that state them. A sentence about
 * 信息处理费 that is not understood adds a warning to @warnings (char*). */
void     nb_import_text_read_fees      (NbReport    *report,
                                        const char  *section_key,
                                        const char  *text,
                                        GPtrArray   *warnings);

G_END_DECLS
