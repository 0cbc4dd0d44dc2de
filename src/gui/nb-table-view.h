/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-table-view.h — one table of the report, laid out like the official form */
#pragma once

#include <gtk/gtk.h>

#include "nb-cell-entry.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_TABLE_VIEW (nb_table_view_get_type ())
G_DECLARE_FINAL_TYPE (NbTableView, nb_table_view, NB, TABLE_VIEW, GtkWidget)

GtkWidget   *nb_table_view_new          (NbReport          *report,
                                         const NbSectionDef *section);
const char  *nb_table_view_get_section  (NbTableView       *self);
void         nb_table_view_set_problems (NbTableView       *self,
                                         GPtrArray         *problems);
/* The entry of an input cell, or NULL (computed or not in this table). */
NbCellEntry *nb_table_view_get_entry    (NbTableView       *self,
                                         const char        *key);
/* Focuses the cell's entry (or its total's label); FALSE if not here. */
gboolean     nb_table_view_focus_cell   (NbTableView       *self,
                                         const char        *key);

/* Implements NbSectionPage (its "refused" signal too). */

G_END_DECLS
