/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-writer.h — export a report as an .xlsx workbook (libxlsxwriter)
 *
 * The workbook holds, in this order:
 *   报告正文      the title, the six section headings and the section texts
 *                (one paragraph a row, always as text, never as a formula);
 *   one sheet per table, named after the section's short heading
 *                ("二、主动公开"), laid out from the table's NbGrid like the
 *                official form; computed totals are live =SUM() formulas with
 *                their value cached (the sum, even where an imported report
 *                stated another total: the 数据 sheet keeps the stated one);
 *                input cells carry data validation;
 *   数据          two columns, "key" | "value", for programs that read the
 *                workbook back: format, agency, agency_kind, year, date, then
 *                every cell key of the format in its order. Every value is
 *                text, exactly as nb_report_dup_field() gives it ("793.9397",
 *                "" for blank), so decimals survive without rounding;
 *                then signoff, stated_title, text/<section> (a long text on
 *                several rows with the same key, to be joined) and
 *                stated_totals (the keys of totals stated as printed,
 *                separated by spaces), so the workbook reads back into
 *                the same document (nb-xlsx-reader.h).
 */
#pragma once

#include <glib.h>

#include "nb-report.h"
#include "nb-safe-write.h"

/* The sheets of the summary workbook (src/aggregate/nb-summary-writer.c). */
#define NB_SUMMARY_AGENCIES_SHEET "汇总"
#define NB_SUMMARY_PROBLEMS_SHEET "问题"
#define NB_SUMMARY_COMPARE_SHEET  "对比"
#define NB_SUMMARY_CHART_SHEET    "图表"

G_BEGIN_DECLS

/* The names of the machine-readable sheet and of the text sheet. */
#define NB_XLSX_DATA_SHEET "数据"
#define NB_XLSX_BODY_SHEET "报告正文"

/* Writes @report to @path (UTF-8, may be Chinese) atomically: a temporary
 * file in the same folder is renamed over @path only once it is complete.
 * Fails with NB_ERROR_EXPORT. */
gboolean nb_xlsx_write (NbReport    *report,
                        const char  *path,
                        GError     **error);

/* The same through nb-safe-write with @flags (NB_SAFE_WRITE_FORCE to
 * replace a read-only file). */
gboolean nb_xlsx_write_full (NbReport          *report,
                             const char        *path,
                             NbSafeWriteFlags   flags,
                             GError           **error);

/* For other workbooks (the summary workbook): adds @report's table sheets,
 * laid out exactly as nb_xlsx_write() does (grid, live total formulas,
 * validation, print set-up), to @workbook, which the caller closes.
 * @avoid_names (NULL-terminated, may be NULL): sheet names already taken. */
typedef struct lxw_workbook lxw_workbook;
gboolean nb_xlsx_add_table_sheets (lxw_workbook  *workbook,
                                   NbReport      *report,
                                   const char    *avoid_names[],
                                   GError       **error);

G_END_DECLS
