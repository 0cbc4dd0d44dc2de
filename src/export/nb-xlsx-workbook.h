/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-workbook.h — what every workbook nianbao writes shares
 *
 * nianbao's own workbook (nb-xlsx-writer.c) and the summary workbook
 * (src/aggregate/nb-summary-writer.c) open and close their libxlsxwriter
 * workbook, report its failures and size rows of wrapped text the same way.
 */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* A new workbook at @utf8_path (may be Chinese: on Windows libxlsxwriter
 * gets the system-codepage name), its temporary parts in the temporary
 * folder. NULL with NB_ERROR_EXPORT. */
lxw_workbook *nb_xlsx_workbook_new   (const char     *utf8_path,
                                      GError        **error);

/* Keeps the first libxlsxwriter failure in @first (every call is checked,
 * the first failure is the one worth telling). */
void          nb_xlsx_keep_error     (lxw_error      *first,
                                      lxw_error       err);

/* FALSE with NB_ERROR_EXPORT, in words rather than libxlsxwriter's
 * English, when @first is a failure. */
gboolean      nb_xlsx_check_error    (lxw_error       first,
                                      GError        **error);

/* Closes and frees @workbook (always: also after a failure). FALSE with
 * NB_ERROR_EXPORT (nb_xlsx_check_error) when @first (the first failure
 * while writing) or the close failed. */
gboolean      nb_xlsx_workbook_close (lxw_workbook   *workbook,
                                      lxw_error       first,
                                      GError        **error);

/* The lines @text takes in a wrapped cell @width units wide (Excel's unit,
 * a digit of Calibri 11) at @size points, with no fonts at hand: CJK
 * characters are 2.1 units at 11 pt, others 1.1. */
guint         nb_xlsx_text_lines     (const char     *text,
                                      double          size,
                                      double          width);

/* The height of one such line, in points. */
double        nb_xlsx_line_height    (double          size);

G_END_DECLS
