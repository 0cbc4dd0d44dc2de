/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-window.h — NbAggregateWindow: 汇总, the superior's view
 *
 * Choose the agencies' report files (or a folder), a roster, the year to
 * total and the area's own report to compare (as `nianbao-cli aggregate`
 * --roster, --year, --against); they are
 * read and checked in a worker thread with a progress bar and Cancel; the
 * table lists every agency with its state (sortable, filterable), and
 * activating one opens its report; the totals open as a report of their
 * own; the summary workbook and the feedback documents are exported; a
 * chart shows the agencies at a glance. */
#pragma once

#include <gtk/gtk.h>

#include "nb-aggregate.h"

G_BEGIN_DECLS

#define NB_TYPE_AGGREGATE_WINDOW (nb_aggregate_window_get_type ())
G_DECLARE_FINAL_TYPE (NbAggregateWindow, nb_aggregate_window, NB, AGGREGATE_WINDOW, GtkWindow)

NbAggregateWindow *nb_aggregate_window_new           (GtkApplication    *app);

/* For the file choosers and for tests: what the next run reads. */
void               nb_aggregate_window_add_path      (NbAggregateWindow *self,
                                                      const char        *path);
void               nb_aggregate_window_set_roster    (NbAggregateWindow *self,
                                                      const char        *path);
/* The area's own report, compared figure by figure with the totals (as
 * `nianbao-cli aggregate --against`); NULL for none. */
void               nb_aggregate_window_set_against   (NbAggregateWindow *self,
                                                      const char        *path);
/* Starts reading in a worker thread (as the Summarize button does). */
void               nb_aggregate_window_start         (NbAggregateWindow *self);
gboolean           nb_aggregate_window_is_running    (NbAggregateWindow *self);
void               nb_aggregate_window_cancel        (NbAggregateWindow *self);
/* The finished run, or NULL. */
NbAggregate       *nb_aggregate_window_get_aggregate (NbAggregateWindow *self);
/* The finished run's differences from the area's report (char*), or NULL
 * when there was none to compare. */
GPtrArray         *nb_aggregate_window_get_differences (NbAggregateWindow *self);
/* Writes the summary workbook (with a 对比 sheet of the differences), as
 * Export Workbook does; never over one of the reports read. */
gboolean           nb_aggregate_window_export        (NbAggregateWindow  *self,
                                                      const char         *path,
                                                      GError            **error);
/* The table's rows as shown (sorted and filtered): NbAggregateItem. */
GListModel        *nb_aggregate_window_get_rows      (NbAggregateWindow *self);
/* Shows only rows in @state, or every row with -1 (the state drop-down). */
void               nb_aggregate_window_filter_state  (NbAggregateWindow *self,
                                                      int                state);
/* Opens row @position (of get_rows) as activating it does; returns the new
 * window, or NULL for a row without a readable report. */
GtkWindow         *nb_aggregate_window_open_row      (NbAggregateWindow *self,
                                                      guint              position);

G_END_DECLS
