/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problems-view.h — the list of every problem of the report */
#pragma once

#include <gtk/gtk.h>

#include "nb-problem.h"

G_BEGIN_DECLS

#define NB_TYPE_PROBLEMS_VIEW (nb_problems_view_get_type ())
G_DECLARE_FINAL_TYPE (NbProblemsView, nb_problems_view, NB, PROBLEMS_VIEW, GtkWidget)

GtkWidget *nb_problems_view_new          (void);
void       nb_problems_view_set_problems (NbProblemsView *self,
                                          GPtrArray      *problems);
guint      nb_problems_view_get_n_rows   (NbProblemsView *self);
/* Activates row @i as a click would (for keyboard users and tests). */
void       nb_problems_view_activate     (NbProblemsView *self,
                                          guint           i);

/* Signal "problem-activated" (NbProblem *problem). */

/* The height its summary and every row need at @width (rows of one line). */
int  nb_problems_view_get_wanted_height (NbProblemsView *self,
                                         int             width);

G_END_DECLS
