/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-summary-writer.h — the summary workbook of an aggregation (libxlsxwriter)
 *
 * Sheets, in this order:
 *   汇总      one row per file or missing agency: agency, file, the key
 *            figures, errors, warnings, state, counted (是/否), notes; a
 *            totals row of live formulas (=SUMIFS over the counted rows);
 *   问题      every problem of every report, and what the run found about
 *            each file (unreadable, another year, sent twice, missing);
 *   对比      (with an area report) every figure that differs;
 *   图表      native charts: requests received per agency stacked by how
 *            they were handled; reviews and suits per agency;
 *   then the summary report's official-form sheets (nb_xlsx_add_table_sheets).
 */
#pragma once

#include "nb-aggregate.h"

G_BEGIN_DECLS

#define NB_SUMMARY_AGENCIES_SHEET "汇总"
#define NB_SUMMARY_PROBLEMS_SHEET "问题"
#define NB_SUMMARY_COMPARE_SHEET  "对比"
#define NB_SUMMARY_CHART_SHEET    "图表"

/* @aggregate must be finished. @differences (char*, may be NULL): from
 * nb_aggregate_compare(). Atomic, like nb_xlsx_write(). */
gboolean nb_summary_write (NbAggregate  *aggregate,
                           GPtrArray    *differences,
                           const char   *path,
                           GError      **error);

G_END_DECLS
