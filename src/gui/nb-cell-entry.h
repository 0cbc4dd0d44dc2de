/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-cell-entry.h — an entry bound to one cell of a report */
#pragma once

#include <gtk/gtk.h>

#include "nb-problem.h"
#include "nb-report.h"

G_BEGIN_DECLS

/* Spreadsheet moves the entry asks its table for ("navigate" signal). */
typedef enum
{
  NB_CELL_NAV_TAB,
  NB_CELL_NAV_BACKTAB,
  NB_CELL_NAV_ENTER,       /* after Tab–Tab: the next row, where the tabbing began */
  NB_CELL_NAV_ROW_START,   /* Home */
  NB_CELL_NAV_ROW_END,     /* End */
  NB_CELL_NAV_FIRST,       /* Ctrl+Home */
  NB_CELL_NAV_LAST,        /* Ctrl+End */
  NB_CELL_NAV_PAGE_UP,
  NB_CELL_NAV_PAGE_DOWN,
} NbCellNav;

#define NB_TYPE_CELL_ENTRY (nb_cell_entry_get_type ())
G_DECLARE_FINAL_TYPE (NbCellEntry, nb_cell_entry, NB, CELL_ENTRY, GtkWidget)

GtkWidget       *nb_cell_entry_new          (NbReport        *report,
                                             const NbCellDef *cell);
const NbCellDef *nb_cell_entry_get_cell     (NbCellEntry     *self);
/* Writes what is typed into the model; FALSE (and a "refused" signal) if
 * the cell does not take it: then the model is unchanged and the typed text
 * stays in the entry, marked as not accepted with the reason. */
gboolean         nb_cell_entry_commit       (NbCellEntry     *self);
/* Shows the model's value (after undo, paste, load); a refused text stays
 * unless the model's value itself changed. */
void             nb_cell_entry_refresh      (NbCellEntry     *self);
/* Esc: drops a refused text, shows the stored value. */
void             nb_cell_entry_revert       (NbCellEntry     *self);
gboolean         nb_cell_entry_is_refused   (NbCellEntry     *self);
const char      *nb_cell_entry_get_refused_reason (NbCellEntry *self);
/* Marks the cell with the worst of @problems that involve it (or clears). */
void             nb_cell_entry_set_problems (NbCellEntry     *self,
                                             GPtrArray       *problems);
void             nb_cell_entry_focus        (NbCellEntry     *self);
GtkEditable     *nb_cell_entry_get_editable (NbCellEntry     *self);

/* Signals:
 *   "refused" (const char *message)  a key, a paste or a value was refused: say why
 *   "move"    (int rows, int columns) the user asked to move to another cell
 *   "navigate" (NbCellNav) → gboolean  a spreadsheet move; FALSE = not handled
 *   "paste"   (const char *text)      a multi-cell block was pasted here */

G_END_DECLS
