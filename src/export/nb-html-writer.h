/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-html-writer.h — the report as a web page for the 政府信息公开 column
 *
 * One self-contained HTML5 file rendered from the printed report's
 * document (nb-document.h): the title, the headings, the paragraphs, the
 * official tables as <table>s with the form's colspan/rowspan and <th
 * scope>, the sign-off. Its style sheet is inline; it has no script and
 * loads nothing. On a phone the text is one column and a wide table
 * scrolls sideways; printed, it is set as the PDF is (A4, 仿宋 3号).
 */
#pragma once

#include <glib.h>

#include "nb-report.h"

G_BEGIN_DECLS

/* The page as UTF-8 bytes; nb_export_to_path() writes them to a file. */
GBytes   *nb_html_render (NbReport    *report);

G_END_DECLS
