/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cell-entry.h — an entry bound to one cell of a report */
#pragma once

#include <gtk/gtk.h>

#include "nb-problem.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_CELL_ENTRY (nb_cell_entry_get_type ())
G_DECLARE_FINAL_TYPE (NbCellEntry, nb_cell_entry, NB, CELL_ENTRY, GtkWidget)

GtkWidget       *nb_cell_entry_new          (NbReport        *report,
                                             const NbCellDef *cell);
const NbCellDef *nb_cell_entry_get_cell     (NbCellEntry     *self);
/* Writes what is typed into the model; FALSE (and a "refused" signal) if
 * the model refuses it, in which case the entry shows the model's value. */
gboolean         nb_cell_entry_commit       (NbCellEntry     *self);
/* Shows the model's value (after undo, paste, load). */
void             nb_cell_entry_refresh      (NbCellEntry     *self);
/* Marks the cell with the worst of @problems that involve it (or clears). */
void             nb_cell_entry_set_problems (NbCellEntry     *self,
                                             GPtrArray       *problems);
void             nb_cell_entry_focus        (NbCellEntry     *self);
GtkEditable     *nb_cell_entry_get_editable (NbCellEntry     *self);

/* Signals:
 *   "refused" (const char *message)  a key, a paste or a value was refused: say why
 *   "move"    (int rows, int columns) the user asked to move to another cell
 *   "paste"   (const char *text)      a multi-cell block was pasted here */

G_END_DECLS
