/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-page-layout.h — the printed report: measures it and splits it into pages
 *
 * One layout engine for every paged surface: the PDF writer and GTK's print
 * operation both paginate with it and draw each page onto their own cairo_t,
 * so what is printed is what is exported. The page follows GB/T 9704-2012
 * (docs/typesetting.md): A4, type area 156 × 225 mm, 16 pt
 * 仿宋 body on 22 lines of 28 characters, tables as ruled grids.
 *
 * Units are points (1/72 inch); (0, 0) is the page's top-left corner.
 *
 * With GtkPrintOperation: set use-full-page and GTK_UNIT_POINTS; in
 * begin-print call nb_page_layout_paginate() with the print context's font
 * map (gtk_print_context_get_pango_fontmap()) and the paper size in points,
 * then gtk_print_operation_set_n_pages(); in draw-page call
 * nb_page_layout_draw_page() on gtk_print_context_get_cairo_context().
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "nb-report.h"
#include "nb-document.h"
#include "nb-font-subsetter.h"

G_BEGIN_DECLS

/* A4 in points. */
#define NB_PAGE_A4_WIDTH  595.276
#define NB_PAGE_A4_HEIGHT 841.89

#define NB_TYPE_PAGE_LAYOUT (nb_page_layout_get_type ())
G_DECLARE_FINAL_TYPE (NbPageLayout, nb_page_layout, NB, PAGE_LAYOUT, GObject)

NbPageLayout *nb_page_layout_new           (NbReport     *report);

NbReport     *nb_page_layout_get_report    (NbPageLayout *self);

/* Measures everything and splits it into pages. @fontmap NULL means
 * pango_cairo_font_map_get_default(); a print operation passes the font map
 * of its print context. Measures do not depend on the surface drawn on
 * later (fixed 72 dpi, no hinting). Call again after the report changed. */
void          nb_page_layout_paginate      (NbPageLayout *self,
                                            PangoFontMap *fontmap,
                                            double        page_width_pt,
                                            double        page_height_pt);

/* 0 before the first nb_page_layout_paginate(). */
guint         nb_page_layout_get_n_pages   (NbPageLayout *self);

/* Draws page @page (0-based) with the origin at the page's top-left corner,
 * in points. Leaves @cr's state as it found it. */
void          nb_page_layout_draw_page     (NbPageLayout *self,
                                            cairo_t      *cr,
                                            guint         page);

/* The type area (版心) of the paginated pages, in points. */
void          nb_page_layout_get_type_area (NbPageLayout *self,
                                            double       *x,
                                            double       *y,
                                            double       *width,
                                            double       *height);

/* A layout of @text in the faces of @role at @size points, @width wide
 * (-1: unwrapped), measured as the paginated pages are (72 dpi, unhinted,
 * mainland glyph forms): for other documents on the report's page (the
 * feedback letters). */
PangoLayout  *nb_page_layout_new_text      (NbPageLayout *self,
                                            NbFontRole    role,
                                            double        size,
                                            const char   *text,
                                            double        width);

/* Where row @row (0-based, as in the table's NbGrid) of table @table_key
 * was placed: returns its page, or G_MAXUINT if the table or row is unknown
 * or not paginated yet; @top and @bottom (may be NULL) receive the row's box
 * on that page. Header rows report their first occurrence. For tests and
 * for the print preview. */
guint         nb_page_layout_get_row_page  (NbPageLayout *self,
                                            const char   *table_key,
                                            guint         row,
                                            double       *top,
                                            double       *bottom);

/* The section headings with the place they were put, in reading order:
 * for a document outline (PDF bookmarks). FALSE when @i is out of range. */
guint         nb_page_layout_get_n_headings (NbPageLayout *self);
gboolean      nb_page_layout_get_heading   (NbPageLayout *self,
                                            guint         i,
                                            const char  **text,
                                            guint        *page,
                                            double       *y);

/* With a subsetter, nb_page_layout_draw_page() only notes the text of the
 * page while the subsetter collects, and draws it with the subset faces
 * once it is prepared (the PDF writer draws every page twice). NULL: Pango
 * draws (print, preview). */
void          nb_page_layout_set_font_subsetter (NbPageLayout    *self,
                                                 NbFontSubsetter *subsetter);

G_END_DECLS
