/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-docx-writer.h — the report as a Word file (.docx)
 *
 * Rendered from the printed report's document (nb-document.h) and laid
 * out as GB/T 9704 asks (docs/typesetting.md): A4, the official margins,
 * 仿宋 3号 body on 22 lines of 28 characters, 黑体 and 楷体 headings, the
 * 方正小标宋 title, "— 1 —" page numbers in the footer; the official
 * tables as Word tables with merged cells and their header rows repeated
 * on every page. The package is written with libgsf (zip and Open
 * Packaging relationships) and every part with libxml2's xmlTextWriter.
 */
#pragma once

#include <glib.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* The .docx file's bytes; NULL and NB_ERROR_EXPORT if the package could
 * not be made. */
GBytes   *nb_docx_render (NbReport    *report,
                          GError     **error);

G_END_DECLS
