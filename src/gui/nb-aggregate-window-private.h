/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-window-private.h — what nb-aggregate-window.c and its
 * actions (nb-aggregate-window-actions.c) share */
#pragma once

#include "nb-aggregate-chart.h"
#include "nb-aggregate-window.h"

G_BEGIN_DECLS

struct _NbAggregateWindow
{
  GtkWindow         parent_instance;

  GtkLabel         *sources_label;
  GtkEntry         *name_entry;
  GtkDropDown      *year_dropdown;  /* "the year most reports have", then the years */
  GtkWidget        *progress_box;
  GtkProgressBar   *progress;
  GtkLabel         *status_label;
  GtkExpander      *differences_expander;
  GtkLabel         *differences_label;
  GtkSearchEntry   *search_entry;
  GtkDropDown      *state_filter;
  GtkColumnView    *view;
  NbAggregateChart *chart;

  GPtrArray        *paths;        /* files and folders chosen, UTF-8 */
  char             *roster;
  char             *against;      /* the area's own report, UTF-8 */
  NbAggregate      *aggregate;    /* the finished run */
  GPtrArray        *differences;  /* its totals against the area's report (char*), or NULL */
  GListStore       *store;        /* NbAggregateItem */
  GtkFilter        *filter;
  GtkSortListModel *sorted;
  GCancellable     *cancellable;  /* the run in progress, else NULL */
};

/* nb-aggregate-window-actions.c */
void  _nb_aggregate_window_class_actions_init (GtkWidgetClass    *widget_class);
/* Enables each action for the window's state (running, finished). */
void  _nb_aggregate_window_update_actions     (NbAggregateWindow *self);

/* nb-aggregate-window.c */
void  _nb_aggregate_window_update_sources     (NbAggregateWindow *self);
/* From a worker thread: shows @fraction and @text in the window's progress
 * bar (in @task's main context), if the window is still there. */
void  _nb_aggregate_window_post_progress      (GTask             *task,
                                               double             fraction,
                                               const char        *text);

G_END_DECLS
