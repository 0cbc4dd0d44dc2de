/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-print-operation.h — printing a report: the PDF's pages on a printer
 *
 * The pages come from NbPageLayout, the same engine that draws the PDF,
 * so the preview and the paper show what "Export PDF" writes.
 */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_PRINT_OPERATION (nb_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (NbPrintOperation, nb_print_operation, NB, PRINT_OPERATION, GtkPrintOperation)

/* A4 portrait, full page, points; the job is named after the report. */
NbPrintOperation *nb_print_operation_new (NbReport *report);

G_END_DECLS
