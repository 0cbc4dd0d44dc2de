/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-grid.c — the official grid of one table, from HTML-table-like data */
#include "config.h"

#include "nb-error.h"
#include "nb-format-private.h"
#include "nb-grid.h"

struct _NbGrid
{
  GObject     parent_instance;

  guint       n_rows;
  guint       n_columns;
  guint       header_rows;
  gboolean    wide;          /* printed smaller, on a landscape page */
  double     *widths;
  GArray     *cells;     /* NbGridCell, reading order */
  guint      *cover;     /* n_rows × n_columns → index into cells + 1 (0 = none) */
  GHashTable *by_key;    /* cell key → index + 1 */
};

G_DEFINE_FINAL_TYPE (NbGrid, nb_grid, G_TYPE_OBJECT)

static void
nb_grid_finalize (GObject *object)
{
  NbGrid *self = NB_GRID (object);

  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->widths, g_free);
  g_clear_pointer (&self->cover, g_free);
  g_clear_pointer (&self->by_key, g_hash_table_unref);

  G_OBJECT_CLASS (nb_grid_parent_class)->finalize (object);
}

static void
nb_grid_class_init (NbGridClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_grid_finalize;
}

static void
nb_grid_init (NbGrid *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (NbGridCell));
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean
parse_role (const char *text,
            NbGridRole *role)
{
  static const struct { const char *name; NbGridRole role; } roles[] = {
    { "caption", NB_GRID_CAPTION }, { "header", NB_GRID_HEADER },
    { "label", NB_GRID_LABEL }, { "empty", NB_GRID_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (text, roles[i].name))
      {
        *role = roles[i].role;
        return TRUE;
      }
  return FALSE;
}

/* A header or label cell states its text, or names the column ("column")
 * or row ("row") whose label it prints, or whose group it prints
 * ("column_group": 行政复议 over its columns, "row_group": the caption
 * 第二十条第（一）项 over its rows), so that a label is written once in the
 * data. */
static gboolean
grid_cell_text (JsonObject        *obj,
                const NbTableDef  *table,
                NbGridCell        *cell,
                GError           **error)
{
  static const char *const members[] = { "text", "column", "row", "column_group", "row_group" };
  g_autofree char *where = g_strdup_printf ("table “%s” grid", table->key);
  const char *given[G_N_ELEMENTS (members)] = { NULL };
  const char *text = NULL;
  guint n = 0, which = 0;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      GError *local = NULL;

      given[i] = nb_format_read_string (obj, members[i], FALSE, where, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (given[i])
        n++, which = i;
    }
  if (n > 1)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: table “%s”: a grid cell has one of “text”, “column”, “row”, "
                   "“column_group” and “row_group”", table->key);
      return FALSE;
    }
  if (n == 1 && (which == 1 || which == 3))
    {
      const NbColumnDef *def = nb_table_def_find_column (table, given[which]);

      if (!def || (which == 3 && !def->group))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: table “%s”: grid names column “%s”, which it does not have%s",
                       table->key, given[which], def ? " in a group" : "");
          return FALSE;
        }
      text = which == 1 ? def->label : def->group;
      if (which == 1)
        cell->column_def = def;
    }
  else if (n == 1 && (which == 2 || which == 4))
    {
      const NbRowDef *def = nb_table_def_find_row (table, given[which]);

      if (!def || (which == 4 && !def->group))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: table “%s”: grid names row “%s”, which it does not have%s",
                       table->key, given[which], def ? " in a group" : "");
          return FALSE;
        }
      text = which == 2 ? def->label : def->group;
      if (which == 2)
        cell->row_def = def;
    }
  else
    text = given[0];
  cell->text = text;
  cell->role = n == 1 && (which == 1 || which == 3) ? NB_GRID_HEADER
             : n == 1 && which == 4 ? NB_GRID_CAPTION
             : text ? NB_GRID_LABEL : NB_GRID_EMPTY;
  return TRUE;
}

NbGrid *
nb_grid_new_from_json (JsonObject        *grid,
                       NbFormat          *format,
                       const NbTableDef  *table,
                       GError           **error)
{
  g_autoptr(NbGrid) self = g_object_new (NB_TYPE_GRID, NULL);
  JsonArray *rows;
  JsonArray *widths = NULL;
  gint64 n_columns;

  n_columns = json_object_get_int_member_with_default (grid, "columns", 0);
  if (n_columns <= 0 || n_columns > 64)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: table “%s”: grid “columns” must be 1–64", table->key);
      return NULL;
    }
  if (!json_object_has_member (grid, "rows") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (grid, "rows")))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: table “%s”: grid needs “rows”", table->key);
      return NULL;
    }
  rows = json_object_get_array_member (grid, "rows");
  self->n_columns = (guint) n_columns;
  self->n_rows = json_array_get_length (rows);
  self->header_rows = (guint) json_object_get_int_member_with_default (grid, "header_rows", 0);
  if (json_object_has_member (grid, "wide"))
    {
      JsonNode *wide = json_object_get_member (grid, "wide");
      if (!JSON_NODE_HOLDS_VALUE (wide) || json_node_get_value_type (wide) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: table “%s”: grid “wide” must be true or false", table->key);
          return NULL;
        }
      self->wide = json_node_get_boolean (wide);
    }
  if (self->header_rows > self->n_rows)
    self->header_rows = self->n_rows;
  self->cover = g_new0 (guint, self->n_rows * self->n_columns);

  self->widths = g_new (double, self->n_columns);
  if (json_object_has_member (grid, "widths"))
    widths = json_object_get_array_member (grid, "widths");
  for (guint c = 0; c < self->n_columns; c++)
    self->widths[c] = (widths && c < json_array_get_length (widths))
                        ? json_array_get_double_element (widths, c) : 1.0;

  for (guint r = 0; r < self->n_rows; r++)
    {
      JsonNode *row_node = json_array_get_element (rows, r);
      JsonArray *row;
      guint col = 0;

      if (!JSON_NODE_HOLDS_ARRAY (row_node))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: table “%s”: grid row %u must be an array", table->key, r + 1);
          return NULL;
        }
      row = json_node_get_array (row_node);

      for (guint i = 0; i < json_array_get_length (row); i++)
        {
          JsonObject *obj = json_array_get_object_element (row, i);
          NbGridCell cell = { 0, };
          guint index;

          if (!obj)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: table “%s”: grid row %u, item %u must be an object",
                           table->key, r + 1, i + 1);
              return NULL;
            }
          /* Skip positions covered by spans from rows above, as HTML does. */
          while (col < self->n_columns && self->cover[r * self->n_columns + col])
            col++;

          cell.row = r;
          cell.column = col;
          cell.rowspan = (guint) json_object_get_int_member_with_default (obj, "rowspan", 1);
          cell.colspan = (guint) json_object_get_int_member_with_default (obj, "colspan", 1);
          if (cell.rowspan < 1 || cell.colspan < 1 ||
              col + cell.colspan > self->n_columns || r + cell.rowspan > self->n_rows)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: table “%s”: grid row %u, item %u does not fit the grid",
                           table->key, r + 1, i + 1);
              return NULL;
            }

          if (json_object_has_member (obj, "cell"))
            {
              const char *key = json_object_get_string_member (obj, "cell");
              const NbCellDef *def = nb_format_find_cell (format, key);

              if (!def || def->table != table)
                {
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: table “%s”: grid names “%s”, which is not a cell of this table",
                               table->key, key ? key : "?");
                  return NULL;
                }
              if (g_hash_table_contains (self->by_key, def->key))
                {
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: table “%s”: grid shows “%s” twice", table->key, key);
                  return NULL;
                }
              cell.role = NB_GRID_VALUE;
              cell.cell = def;
            }
          else
            {
              const char *role = json_object_has_member (obj, "role")
                                   ? json_object_get_string_member (obj, "role") : NULL;

              if (!grid_cell_text (obj, table, &cell, error))
                return NULL;
              if (role && !parse_role (role, &cell.role))
                {
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: table “%s”: unknown grid role “%s”", table->key, role);
                  return NULL;
                }
            }

          index = self->cells->len;
          for (guint dr = 0; dr < cell.rowspan; dr++)
            for (guint dc = 0; dc < cell.colspan; dc++)
              {
                guint *slot = &self->cover[(r + dr) * self->n_columns + col + dc];
                if (*slot)
                  {
                    g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                                 "format data: table “%s”: grid row %u, item %u overlaps another cell",
                                 table->key, r + 1, i + 1);
                    return NULL;
                  }
                *slot = index + 1;
              }
          g_array_append_val (self->cells, cell);
          if (cell.cell)
            g_hash_table_insert (self->by_key, (gpointer) cell.cell->key, GUINT_TO_POINTER (index + 1));
          col += cell.colspan;
        }

      for (guint c = 0; c < self->n_columns; c++)
        if (!self->cover[r * self->n_columns + c])
          {
            g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                         "format data: table “%s”: grid row %u leaves column %u empty",
                         table->key, r + 1, c + 1);
            return NULL;
          }
    }

  for (guint i = 0; i < table->cells->len; i++)
    {
      const NbCellDef *def = g_ptr_array_index (table->cells, i);
      if (!g_hash_table_contains (self->by_key, def->key))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: table “%s”: grid does not show cell “%s”",
                       table->key, def->key);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

guint nb_grid_get_n_rows (NbGrid *self) { return self->n_rows; }
guint nb_grid_get_n_columns (NbGrid *self) { return self->n_columns; }
guint nb_grid_get_header_rows (NbGrid *self) { return self->header_rows; }

double
nb_grid_get_column_width (NbGrid *self,
                          guint   column)
{
  g_return_val_if_fail (column < self->n_columns, 1.0);
  return self->widths[column];
}

guint
nb_grid_get_n_cells (NbGrid *self)
{
  return self->cells->len;
}

const NbGridCell *
nb_grid_get_cell (NbGrid *self,
                  guint   i)
{
  g_return_val_if_fail (i < self->cells->len, NULL);
  return &g_array_index (self->cells, NbGridCell, i);
}

const NbGridCell *
nb_grid_cell_at (NbGrid *self,
                 guint   row,
                 guint   column)
{
  guint slot;

  if (row >= self->n_rows || column >= self->n_columns)
    return NULL;
  slot = self->cover[row * self->n_columns + column];
  return slot ? &g_array_index (self->cells, NbGridCell, slot - 1) : NULL;
}

const NbGridCell *
nb_grid_find_value (NbGrid     *self,
                    const char *key)
{
  guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, key));
  return slot ? &g_array_index (self->cells, NbGridCell, slot - 1) : NULL;
}

gboolean
nb_grid_is_wide (NbGrid *self)
{
  g_return_val_if_fail (NB_IS_GRID (self), FALSE);
  return self->wide;
}
