/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-compare-window.h — 与上年对比: this year's report beside last year's */
#pragma once

#include <gtk/gtk.h>

#include "nb-comparison.h"

G_BEGIN_DECLS

#define NB_TYPE_COMPARE_WINDOW (nb_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (NbCompareWindow, nb_compare_window, NB, COMPARE_WINDOW, GtkWindow)

NbCompareWindow *nb_compare_window_new            (GtkWindow    *parent,
                                                   NbReport     *last,
                                                   NbReport     *this);
NbComparison    *nb_compare_window_get_comparison (NbCompareWindow *self);
/* "figures", "texts" or "chart" */
void             nb_compare_window_show_page      (NbCompareWindow *self,
                                                   const char      *name);

G_END_DECLS
