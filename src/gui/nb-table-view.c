/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-table-view.c — one table of the report, laid out like the official form
 *
 * Everything comes from the format's NbGrid: merged headers, row labels,
 * which cells are entered and which are totals. No code here knows a table.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-grid.h"
#include "nb-table-view.h"

struct _NbTableView
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkLabel           *heading;
  GtkGrid            *grid;

  NbReport           *report;
  const NbSectionDef *section;
  NbGrid             *layout;
  GHashTable         *entries;   /* cell key → NbCellEntry */
  GHashTable         *totals;    /* cell key → GtkLabel */
  gulong              changed_id;
};

G_DEFINE_FINAL_TYPE (NbTableView, nb_table_view, GTK_TYPE_WIDGET)

enum { REFUSED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
nb_table_view_dispose (GObject *object)
{
  NbTableView *self = NB_TABLE_VIEW (object);

  if (self->report && self->changed_id)
    g_signal_handler_disconnect (self->report, self->changed_id);
  self->changed_id = 0;
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->totals, g_hash_table_unref);
  g_clear_object (&self->report);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_TABLE_VIEW);

  G_OBJECT_CLASS (nb_table_view_parent_class)->dispose (object);
}

static void
nb_table_view_class_init (NbTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_table_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NbTableView, scroller);
  gtk_widget_class_bind_template_child (widget_class, NbTableView, heading);
  gtk_widget_class_bind_template_child (widget_class, NbTableView, grid);

  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nb_table_view_init (NbTableView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->totals = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
refresh_totals (NbTableView *self)
{
  GHashTableIter iter;
  gpointer key, widget;

  g_hash_table_iter_init (&iter, self->totals);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      g_autofree char *value = nb_report_dup_field (self->report, key, NULL);
      gtk_label_set_text (GTK_LABEL (widget), value);
    }
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    nb_cell_entry_refresh (widget);
}

static void
on_report_changed (NbReport    *report,
                   NbTableView *self)
{
  refresh_totals (self);
}

static void
on_refused (NbCellEntry *entry,
            const char  *message,
            NbTableView *self)
{
  g_autofree char *text = g_strdup_printf ("“%s”：%s", nb_cell_entry_get_cell (entry)->label, message);
  g_signal_emit (self, signals[REFUSED], 0, text);
}

/* Next input cell from @from in the direction (drow, dcol), by grid position. */
static NbCellEntry *
neighbour (NbTableView      *self,
           const NbGridCell *from,
           int               drow,
           int               dcol)
{
  int row = (int) from->row + (drow > 0 ? (int) from->rowspan - 1 : 0);
  int col = (int) from->column + (dcol > 0 ? (int) from->colspan - 1 : 0);
  int n_rows = (int) nb_grid_get_n_rows (self->layout);
  int n_cols = (int) nb_grid_get_n_columns (self->layout);

  for (;;)
    {
      const NbGridCell *g;

      row += drow;
      col += dcol;
      if (dcol != 0 && (col < 0 || col >= n_cols))
        {
          /* Past the row's end: on to the next row's first cell, like Tab. */
          row += dcol;
          col = dcol > 0 ? 0 : n_cols - 1;
        }
      if (row < 0 || row >= n_rows)
        return NULL;
      g = nb_grid_cell_at (self->layout, (guint) row, (guint) col);
      if (g && g != from && g->role == NB_GRID_VALUE && !g->cell->computed)
        return g_hash_table_lookup (self->entries, g->cell->key);
    }
}

static void
on_move (NbCellEntry *entry,
         int          rows,
         int          columns,
         NbTableView *self)
{
  const NbGridCell *g = nb_grid_find_value (self->layout, nb_cell_entry_get_cell (entry)->key);
  NbCellEntry *next = g ? neighbour (self, g, rows, columns) : NULL;

  if (next)
    nb_cell_entry_focus (next);
}

/* A block copied from Excel/WPS: rows by newline, cells by tab, filled from
 * the focused cell rightwards and down; one undo step. */
static void
on_paste (NbCellEntry *entry,
          const char  *block,
          NbTableView *self)
{
  g_auto(GStrv) lines = g_strsplit (block, "\n", -1);
  const NbGridCell *origin = nb_grid_find_value (self->layout, nb_cell_entry_get_cell (entry)->key);
  guint filled = 0, refused = 0, dropped = 0;
  NbCellEntry *row_start = entry;
  guint l;

  if (!origin)
    return;
  nb_report_begin_group (self->report);
  for (l = 0; lines[l] && row_start; l++)
    {
      g_auto(GStrv) cells = NULL;
      NbCellEntry *target = row_start;
      const NbGridCell *g;

      g_strchomp (lines[l]);   /* "\r" from Windows clipboards */
      if (lines[l][0] == '\0' && lines[l + 1] == NULL)
        break;
      cells = g_strsplit (lines[l], "\t", -1);
      for (guint c = 0; cells[c]; c++)
        {
          if (!target)
            {
              /* Past the table's last input cell on this row. */
              dropped++;
              continue;
            }
          {
          g_autoptr(GError) error = NULL;
          g_autofree char *value = g_strstrip (g_strdup (cells[c]));
          const NbCellDef *def = nb_cell_entry_get_cell (target);

          if (!nb_report_set_value_from_string (self->report, def->key, *value ? value : "0", &error))
            refused++;
          else
            filled++;
          g = nb_grid_find_value (self->layout, def->key);
          /* Next input cell on the same grid row. */
          target = NULL;
          for (guint col = g->column + g->colspan; col < nb_grid_get_n_columns (self->layout); col++)
            {
              const NbGridCell *n = nb_grid_cell_at (self->layout, g->row, col);
              if (n && n->role == NB_GRID_VALUE)
                {
                  target = n->cell->computed ? NULL : g_hash_table_lookup (self->entries, n->cell->key);
                  break;
                }
            }
          }
        }
      g = nb_grid_find_value (self->layout, nb_cell_entry_get_cell (row_start)->key);
      row_start = neighbour (self, g, 1, 0);
    }
  nb_report_end_group (self->report);

  /* Rows below the table's last one. */
  for (; lines[l]; l++)
    {
      g_auto(GStrv) cells = NULL;

      g_strchomp (lines[l]);
      if (lines[l][0] == '\0' && lines[l + 1] == NULL)
        break;
      cells = g_strsplit (lines[l], "\t", -1);
      dropped += g_strv_length (cells);
    }

  if (refused > 0 || dropped > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "Pasted %u cell.", "Pasted %u cells.", filled),
                              filled);
      if (refused > 0)
        {
          g_string_append_c (message, ' ');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u value was refused (not a number this cell takes).",
                                               "%u values were refused (not numbers the cells take).", refused),
                                  refused);
        }
      if (dropped > 0)
        {
          g_string_append_c (message, ' ');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u value fell outside the table and was not pasted.",
                                               "%u values fell outside the table and were not pasted.", dropped),
                                  dropped);
        }
      g_signal_emit (self, signals[REFUSED], 0, message->str);
    }
}

static GtkWidget *
make_label (const NbGridCell *g,
            double            width,
            double            chars_per_unit)
{
  GtkWidget *label = gtk_label_new (g->text ? g->text : "");
  const char *text = g->text ? g->text : "";
  /* Long labels and numbered ones ("2.重复申请", "（一）…") read as a list: left. */
  gboolean long_label = g->role == NB_GRID_LABEL &&
                        (g_utf8_strlen (text, -1) > 6 || g_ascii_isdigit (text[0]) ||
                         g_str_has_prefix (text, "（"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), long_label ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), long_label ? 0.0f : 0.5f);
  /* Width in characters from the grid's relative column widths. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), MAX (2, (int) (width * chars_per_unit)));
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (MAX (2, (int) (width * chars_per_unit)),
                                                     (int) g_utf8_strlen (g->text ? g->text : "", -1)));
  gtk_widget_add_css_class (label, g->role == NB_GRID_CAPTION ? "nb-caption"
                                   : g->role == NB_GRID_HEADER ? "nb-header" : "nb-label");
  return label;
}

GtkWidget *
nb_table_view_new (NbReport           *report,
                   const NbSectionDef *section)
{
  NbTableView *self = g_object_new (NB_TYPE_TABLE_VIEW, NULL);

  g_return_val_if_fail (section->kind == NB_SECTION_TABLE, NULL);

  self->report = g_object_ref (report);
  self->section = section;
  self->layout = section->table->grid;
  gtk_label_set_text (self->heading, section->heading);

  for (guint i = 0; i < nb_grid_get_n_cells (self->layout); i++)
    {
      const NbGridCell *g = nb_grid_get_cell (self->layout, i);
      GtkWidget *widget;
      double width = 0;

      for (guint c = g->column; c < g->column + g->colspan; c++)
        width += nb_grid_get_column_width (self->layout, c);

      if (g->role == NB_GRID_VALUE && g->cell->computed)
        {
          widget = gtk_label_new (NULL);
          gtk_label_set_xalign (GTK_LABEL (widget), 1.0f);
          gtk_widget_add_css_class (widget, "nb-total");
          gtk_widget_set_focusable (widget, TRUE);
          gtk_widget_set_tooltip_text (widget, _("Computed total: it follows the cells it sums"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, g->cell->label, -1);
          g_hash_table_insert (self->totals, (gpointer) g->cell->key, widget);
        }
      else if (g->role == NB_GRID_VALUE)
        {
          widget = nb_cell_entry_new (report, g->cell);
          g_signal_connect (widget, "refused", G_CALLBACK (on_refused), self);
          g_signal_connect (widget, "move", G_CALLBACK (on_move), self);
          g_signal_connect (widget, "paste", G_CALLBACK (on_paste), self);
          g_hash_table_insert (self->entries, (gpointer) g->cell->key, widget);
        }
      else if (g->role == NB_GRID_EMPTY)
        widget = gtk_label_new (NULL);
      else
        /* The 15-column review table wraps its headings ("结果/维持") as
         * the printed form does, so it fits a laptop's screen. */
        widget = make_label (g, width, nb_grid_is_wide (self->layout) ? 2 : 6);

      gtk_widget_add_css_class (widget, "nb-grid-cell");
      gtk_widget_set_hexpand (widget, FALSE);
      gtk_grid_attach (self->grid, widget, (int) g->column, (int) g->row, (int) g->colspan, (int) g->rowspan);
    }

  refresh_totals (self);
  self->changed_id = g_signal_connect (report, "changed", G_CALLBACK (on_report_changed), self);
  return GTK_WIDGET (self);
}

const char *
nb_table_view_get_section (NbTableView *self)
{
  return self->section->key;
}

NbCellEntry *
nb_table_view_get_entry (NbTableView *self,
                         const char  *key)
{
  return g_hash_table_lookup (self->entries, key);
}

gboolean
nb_table_view_focus_cell (NbTableView *self,
                          const char  *key)
{
  NbCellEntry *entry = g_hash_table_lookup (self->entries, key);
  GtkWidget *total = g_hash_table_lookup (self->totals, key);

  if (entry)
    nb_cell_entry_focus (entry);
  else if (total)
    gtk_widget_grab_focus (total);
  return entry || total;
}

void
nb_table_view_set_problems (NbTableView *self,
                            GPtrArray   *problems)
{
  GHashTableIter iter;
  gpointer key, widget;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    nb_cell_entry_set_problems (widget, problems);

  /* Totals are marked too: a stated (imported) total can be wrong. */
  g_hash_table_iter_init (&iter, self->totals);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      NbProblem *worst = NULL;

      for (guint i = 0; problems && i < problems->len; i++)
        {
          NbProblem *p = g_ptr_array_index (problems, i);
          if (nb_problem_has_key (p, key) &&
              (!worst || nb_problem_get_severity (p) < nb_problem_get_severity (worst)))
            worst = p;
        }
      {
        const char *wanted_class = !worst ? NULL
                                   : nb_problem_get_severity (worst) == NB_SEVERITY_ERROR ? "error" : "warning";
        const char *wanted_tip = worst ? nb_problem_get_message (worst)
                                       : _("Computed total: it follows the cells it sums");
        const char *tip = gtk_widget_get_tooltip_text (widget);

        /* Only touch what changes: restyling is the slow part. */
        if (g_strcmp0 (tip, wanted_tip) == 0 &&
            (wanted_class ? gtk_widget_has_css_class (widget, wanted_class)
                          : !gtk_widget_has_css_class (widget, "error") &&
                            !gtk_widget_has_css_class (widget, "warning")))
          continue;
        gtk_widget_remove_css_class (widget, "error");
        gtk_widget_remove_css_class (widget, "warning");
        if (wanted_class)
          gtk_widget_add_css_class (widget, wanted_class);
        gtk_widget_set_tooltip_text (widget, wanted_tip);
      }
    }
}
