/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-chart.h — NbAggregateChart: the agencies at a glance (cairo)
 *
 * Two bar charts over the counted agencies: requests handled, stacked by
 * result (予以公开, 部分公开, …, the groups NbAggregate takes from the
 * form), and administrative reviews and lawsuits side by side. */
#pragma once

#include <gtk/gtk.h>

#include "nb-aggregate.h"

G_BEGIN_DECLS

#define NB_TYPE_AGGREGATE_CHART (nb_aggregate_chart_get_type ())
G_DECLARE_FINAL_TYPE (NbAggregateChart, nb_aggregate_chart, NB, AGGREGATE_CHART, GtkWidget)

GtkWidget *nb_aggregate_chart_new           (void);
/* NULL clears it. */
void       nb_aggregate_chart_set_aggregate (NbAggregateChart *self,
                                             NbAggregate      *aggregate);
/* The value axis for bars up to @max: returns its top, sets @step (the
 * distance between its labelled lines, a whole number). */
double     nb_aggregate_chart_scale         (double            max,
                                             double           *step);

G_END_DECLS
