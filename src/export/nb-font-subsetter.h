/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-font-subsetter.h — draws text with small copies of the faces it uses
 *
 * cairo's PDF surface copies each face's whole CFF table (15–24 MB for a
 * Noto CJK face) once to read one flag and again to subset it, and with
 * some drawing orders embeds every subroutine. Subsetting each face once
 * with harfbuzz (glyph ids mapped to the small face's) before cairo sees it makes the PDF smaller
 * and the export faster and lighter; the glyphs and their positions are
 * Pango's, so the pages are the same.
 *
 * Use: note every line the pages will show (nb_font_subsetter_add_*), call
 * nb_font_subsetter_prepare(), then draw with nb_font_subsetter_show_*
 * instead of pango_cairo_show_layout*(). A run whose font is not a
 * FreeType/fontconfig one, is TrueType (cairo's own subsetter copies just
 * the glyphs it needs from those, and harfbuzz would first walk the whole
 * face), or could not be subset is drawn by Pango as usual.
 *
 * The small faces outlive the subsetter: the process keeps each face's
 * latest one, so that exporting again subsets nothing unless the pages show
 * a glyph it lacks (then it is made again, with those glyphs added).
 */
#pragma once

#include <glib-object.h>
#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

#define NB_TYPE_FONT_SUBSETTER (nb_font_subsetter_get_type ())
G_DECLARE_FINAL_TYPE (NbFontSubsetter, nb_font_subsetter, NB, FONT_SUBSETTER, GObject)

NbFontSubsetter *nb_font_subsetter_new              (void);

/* Collecting: notes the glyphs of a line or of every line of a layout. */
void             nb_font_subsetter_add_layout_line  (NbFontSubsetter *self,
                                                     PangoLayoutLine *line);
void             nb_font_subsetter_add_layout       (NbFontSubsetter *self,
                                                     PangoLayout     *layout);

/* Subsets every face noted; after this, add_* must not be called. */
void             nb_font_subsetter_prepare          (NbFontSubsetter *self);
gboolean         nb_font_subsetter_is_prepared      (NbFontSubsetter *self);

/* As pango_cairo_show_layout_line() / pango_cairo_show_layout(): the line's
 * baseline start, or the layout's top-left corner, at the current point. */
void             nb_font_subsetter_show_layout_line (NbFontSubsetter *self,
                                                     cairo_t         *cr,
                                                     PangoLayoutLine *line);
void             nb_font_subsetter_show_layout      (NbFontSubsetter *self,
                                                     cairo_t         *cr,
                                                     PangoLayout     *layout);

/* Faces subset, and faces left to Pango (for tests and the bench). */
guint            nb_font_subsetter_get_n_subset     (NbFontSubsetter *self);
guint            nb_font_subsetter_get_n_fallback   (NbFontSubsetter *self);

G_END_DECLS
