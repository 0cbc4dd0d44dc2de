/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-form-grid.h — a GtkGrid whose header rows and row labels stay in view
 *
 * The official forms are long (table 三 has 25 rows) or wide (table 四 has
 * 15 columns): while the grid scrolls inside a viewport, the children marked
 * sticky are drawn at the top (header rows) or the left edge (row labels) of
 * what is visible, over the cells scrolled under them.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NB_TYPE_FORM_GRID (nb_form_grid_get_type ())
G_DECLARE_FINAL_TYPE (NbFormGrid, nb_form_grid, NB, FORM_GRID, GtkWidget)

GtkWidget *nb_form_grid_new           (void);
/* The GtkGrid the cells are attached to. Attach the sticky cells last (row
 * labels, then headers, then the corner): they are drawn in that order. */
GtkGrid   *nb_form_grid_get_grid      (NbFormGrid    *self);
/* @top: a header cell (stays at the top); @left: a row label (stays left). */
void       nb_form_grid_set_sticky    (NbFormGrid    *self,
                                       GtkWidget     *child,
                                       gboolean       top,
                                       gboolean       left);
/* The scrolled window's adjustments: scrolling moves the sticky cells. */
void       nb_form_grid_set_adjustments (NbFormGrid  *self,
                                         GtkAdjustment *hadjustment,
                                         GtkAdjustment *vadjustment);
/* How far the sticky cells are moved now (0 when not scrolled). */
void       nb_form_grid_get_offset    (NbFormGrid    *self,
                                       double        *dx,
                                       double        *dy);

G_END_DECLS
