/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-grid.h — the official grid of one table: rows, columns, merged cells
 *
 * Computed once from the format data (HTML-table-like rows with colspan and
 * rowspan). The editor, the xlsx and PDF exporters and the importers all
 * lay tables out from this, so they agree with each other and the form.
 */
#pragma once

#include <glib-object.h>

#include "nb-format.h"

G_BEGIN_DECLS

typedef enum
{
  NB_GRID_CAPTION,  /* "第二十条第（一）项": a group caption spanning the table */
  NB_GRID_HEADER,   /* column headings */
  NB_GRID_LABEL,    /* row labels */
  NB_GRID_VALUE,    /* a value cell: see `cell` */
  NB_GRID_EMPTY,    /* an unused position (merged away or left blank) */
} NbGridRole;

typedef struct
{
  guint            row;       /* 0-based top-left position */
  guint            column;
  guint            rowspan;   /* ≥ 1 */
  guint            colspan;   /* ≥ 1 */
  NbGridRole       role;
  const char      *text;      /* captions, headers, labels; NULL for values */
  const NbCellDef *cell;      /* NB_GRID_VALUE only */
  const NbColumnDef *column_def;  /* the column whose label it prints, or NULL */
  const NbRowDef    *row_def;     /* the row whose label it prints, or NULL */
} NbGridCell;

#define NB_TYPE_GRID (nb_grid_get_type ())
G_DECLARE_FINAL_TYPE (NbGrid, nb_grid, NB, GRID, GObject)

guint             nb_grid_get_n_rows       (NbGrid *self);
guint             nb_grid_get_n_columns    (NbGrid *self);
/* A table too wide for the usual type (the 15-column 复议诉讼 table): the
 * editor wraps its headings, the workbook prints it smaller and landscape. */
gboolean          nb_grid_is_wide          (NbGrid *self);
/* Leading rows that are the table's header (repeated on every page). */
guint             nb_grid_get_header_rows  (NbGrid *self);
/* Relative width of a column (the data's "widths"; 1.0 when absent). */
double            nb_grid_get_column_width (NbGrid *self,
                                            guint   column);

/* Grid cells in reading order (row by row, left to right). */
guint             nb_grid_get_n_cells      (NbGrid *self);
const NbGridCell *nb_grid_get_cell         (NbGrid *self,
                                            guint   i);
/* The grid cell that covers (row, column), or NULL if none. */
const NbGridCell *nb_grid_cell_at          (NbGrid *self,
                                            guint   row,
                                            guint   column);
/* The grid cell holding a cell key's value, or NULL. */
const NbGridCell *nb_grid_find_value       (NbGrid     *self,
                                            const char *key);

G_END_DECLS
