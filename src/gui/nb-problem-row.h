/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problem-row.h — one row of the problems list, kept while its problem changes
 *
 * The list keeps one row object per position and swaps the problem it shows,
 * so a new check result that rewords every message (a table figure that
 * hundreds of sentences quote) changes the rows' texts in place instead of
 * replacing every row widget of the list.
 */
#pragma once

#include <glib-object.h>

#include "nb-problem.h"

G_BEGIN_DECLS

#define NB_TYPE_PROBLEM_ROW (nb_problem_row_get_type ())
G_DECLARE_FINAL_TYPE (NbProblemRow, nb_problem_row, NB, PROBLEM_ROW, GObject)

NbProblemRow *nb_problem_row_new         (NbProblem    *problem,
                                          guint         position);
NbProblem    *nb_problem_row_get_problem (NbProblemRow *self);
/* Notifies only the properties whose shown value changes. */
void          nb_problem_row_set_problem (NbProblemRow *self,
                                          NbProblem    *problem);
/* The advance of @c in the list's font, in Pango units (1/PANGO_SCALE px). */
typedef int (*NbAdvanceFunc) (gunichar c,
                              gpointer user_data);

/* The width the message has (the list's width less the row's icon, kind
 * word and margins), the Fix button's share when it shows, and how wide
 * each character is: they give the "lines" property, the message's height
 * in lines. @generation changes with the font (other advances). */
void          nb_problem_row_set_metrics (NbProblemRow *self,
                                          int           text_width,
                                          int           fix_width,
                                          NbAdvanceFunc advance,
                                          gpointer      advance_data,
                                          guint         generation);
guint         nb_problem_row_get_lines   (NbProblemRow *self);

G_END_DECLS
