/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-reader.h — read .xlsx workbooks back (libgsf + libxml2)
 *
 * Two kinds of workbook come in:
 *   - nianbao's own exports: their hidden 数据 sheet (key | value, all
 *     text; see nb-xlsx-writer.h) gives back the exact document that was
 *     exported: every cell, the texts, the metadata;
 *   - any other workbook that follows the official tables (a superior's
 *     template, one typed by hand in Excel or WPS): each sheet becomes a
 *     table of an NbSourceDoc (merged cells as colspan/rowspan), for the
 *     import matcher to find the figures by their labels.
 *
 * Cell values are read as Excel stores them: shared strings, inline
 * strings, numbers (also numbers stored as text) and the cached results of
 * formulas. Numbers become exact decimal text (15 significant digits, as
 * Excel shows them), never a double.
 */
#pragma once

#include <gio/gio.h>

#include "nb-report.h"
#include "nb-source-doc.h"

G_BEGIN_DECLS

typedef enum
{
  NB_XLSX_NIANBAO,   /* exported by nianbao: has the 数据 sheet */
  NB_XLSX_SUMMARY,   /* a summary workbook nianbao wrote (nb-summary-writer.h) */
  NB_XLSX_OTHER,     /* a workbook of another origin */
} NbXlsxKind;

/* Reads @path (UTF-8, may be Chinese). A nianbao workbook gives the
 * document it was exported from; another workbook goes through the import
 * matcher (not available yet: then NB_ERROR_IMPORT says so). Every failure
 * (empty file, not a zip, damaged zip, not a spreadsheet, a password-
 * protected or old .xls file) is an NB_ERROR_IMPORT with a message that
 * names the file. @warnings (char*, may be NULL) receives what was not
 * understood. */
NbReport    *nb_xlsx_read             (const char  *path,
                                       GPtrArray   *warnings,
                                       GError     **error);

/* Every sheet of any workbook as an NbSourceDoc ("xlsx"): a sheet of one
 * column gives paragraphs, others a table each ("工作表“名称”"). */
NbSourceDoc *nb_xlsx_read_source      (const char  *path,
                                       GError     **error);

/* What kind of workbook @path is, without reading more than the workbook's
 * sheet list; FALSE + error when it is not a readable workbook at all. */
gboolean     nb_xlsx_probe            (const char  *path,
                                       NbXlsxKind  *kind,
                                       GError     **error);

G_END_DECLS
