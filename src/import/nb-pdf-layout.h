/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-pdf-layout.h — paragraphs and tables rebuilt from positioned characters
 *
 * What poppler gives for a page (each character with its box) and the
 * ruling lines found on the page's image go in; paragraphs and tables
 * come out into an NbSourceDoc.  Kept apart from poppler so that it can be
 * tested and fuzzed on made-up pages.  Coordinates are PDF points with the
 * origin at the top left of the page, y growing downwards.
 */
#pragma once

#include <glib.h>

#include "nb-source-doc.h"

G_BEGIN_DECLS

typedef struct
{
  gunichar c;
  double   x1, y1, x2, y2;   /* the character's box */
} NbPdfChar;

/* A ruling line: horizontal (y1 == y2) or vertical (x1 == x2). */
typedef struct
{
  double x1, y1, x2, y2;
} NbPdfRule;

typedef struct
{
  double           width, height;
  const NbPdfChar *chars;
  guint            n_chars;
  const NbPdfRule *rules;
  guint            n_rules;
} NbPdfPage;

/* Appends the pages' paragraphs and tables to doc, in reading order: the
 * lines of a page are joined into paragraphs (a paragraph may go on over a
 * page break), page numbers and running headers are dropped, the cells of
 * a ruled table are the rectangles of its grid (spans where a line is
 * missing) and a table going on over a page break is one table. */
void nb_pdf_layout_rebuild    (const NbPdfPage *pages,
                               guint            n_pages,
                               NbSourceDoc     *doc);

/* The ruling lines on a page's image (CAIRO_FORMAT_ARGB32 or RGB24, drawn
 * on white at scale pixels per point): long thin runs of dark pixels,
 * outside the characters' boxes.  Appends NbPdfRule to rules. */
void nb_pdf_layout_find_rules (const guint8    *pixels,
                               int              width,
                               int              height,
                               int              stride,
                               double           scale,
                               const NbPdfChar *chars,
                               guint            n_chars,
                               GArray          *rules);

G_END_DECLS
