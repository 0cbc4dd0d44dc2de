/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-comparison-chart.h — the main figures of two years as bars (cairo, pango) */
#pragma once

#include <cairo.h>

#include "nb-comparison.h"

G_BEGIN_DECLS

/* Colours of the two years' bars (also for legends drawn elsewhere). */
#define NB_CHART_LAST_RGB 0.62, 0.65, 0.70
#define NB_CHART_THIS_RGB 0.13, 0.39, 0.74

/* Draws the comparison's chart bars (nb_comparison_get_chart) into a
 * width × height area at the origin of cr: a legend, then for each figure
 * its label, last year's bar above this year's, each with its value. */
void nb_comparison_chart_draw (NbComparison *comparison,
                               cairo_t      *cr,
                               double        width,
                               double        height);

G_END_DECLS
