/* nb-xlsx-writer.h: export a report as an .xlsx workbook (libxlsxwriter).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nb-report.h"

G_BEGIN_DECLS

gboolean nb_xlsx_write (NbReport    *report,
                        const char  *path,
                        GError     **error);

G_END_DECLS
