/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-table-view.c — one table of the report, laid out like the official form
 *
 * Everything comes from the format's NbGrid: merged headers, row labels,
 * which cells are entered and which are totals. No code here knows a table.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-form-grid.h"
#include "nb-grid.h"
#include "nb-table-view.h"
#include "nb-section-page.h"
#include "nb-tooltip.h"

struct _NbTableView
{
  GtkWidget           parent_instance;

  GtkWidget          *scroller;
  GtkLabel           *heading;
  NbFormGrid         *form;
  GtkGrid            *grid;

  NbReport           *report;
  const NbSectionDef *section;
  NbGrid             *layout;
  GHashTable         *entries;   /* cell key → NbCellEntry */
  GHashTable         *totals;    /* cell key → GtkLabel */
  GSignalGroup       *report_signals;  /* the report's "changed", emptied before the report is let go */
  /* Tab–Tab–Enter: where the tabbing began and the cell it reached. */
  NbCellEntry        *tab_anchor;
  NbCellEntry        *tab_last;
};

static void section_page_iface_init (NbSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NbTableView, nb_table_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (NB_TYPE_SECTION_PAGE, section_page_iface_init))

static void
nb_table_view_dispose (GObject *object)
{
  NbTableView *self = NB_TABLE_VIEW (object);

  g_clear_object (&self->report_signals);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->totals, g_hash_table_unref);
  g_clear_object (&self->report);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_TABLE_VIEW);

  G_OBJECT_CLASS (nb_table_view_parent_class)->dispose (object);
}

static NbCellEntry *table_end (NbTableView *self,
                               gboolean     last);

/* Tab into the page starts at the table's first figure (its last going
 * back): GTK would order the cells by where they are drawn, and a page built
 * by the tab switch that shows it is not laid out yet (the second came first). */
static gboolean
nb_table_view_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  NbTableView *self = NB_TABLE_VIEW (widget);

  if (gtk_widget_get_focus_child (widget) == NULL &&
      (direction == GTK_DIR_TAB_FORWARD || direction == GTK_DIR_TAB_BACKWARD))
    {
      NbCellEntry *end = table_end (self, direction == GTK_DIR_TAB_BACKWARD);

      if (end && gtk_widget_grab_focus (GTK_WIDGET (nb_cell_entry_get_editable (end))))
        return TRUE;
    }
  return GTK_WIDGET_CLASS (nb_table_view_parent_class)->focus (widget, direction);
}

static void
nb_table_view_class_init (NbTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_table_view_dispose;
  widget_class->focus = nb_table_view_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (NB_TYPE_FORM_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-table-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NbTableView, scroller);
  gtk_widget_class_bind_template_child (widget_class, NbTableView, heading);
  gtk_widget_class_bind_template_child (widget_class, NbTableView, form);
}

static void
nb_table_view_init (NbTableView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->grid = nb_form_grid_get_grid (self->form);
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "nb-form");
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
  g_autofree char *title = nb_format_dup_cell_title (nb_report_get_format (self->report),
                                                     nb_cell_entry_get_cell (entry));
  g_autofree char *text = g_strdup_printf ("%s：%s", title, message);

  nb_section_page_emit_refused (NB_SECTION_PAGE (self), text);
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

  self->tab_anchor = self->tab_last = NULL;
  if (next)
    nb_cell_entry_focus (next);
}

static NbCellEntry *
input_at (NbTableView *self,
          guint        row,
          guint        column)
{
  const NbGridCell *g = nb_grid_cell_at (self->layout, row, column);

  if (g && g->role == NB_GRID_VALUE && !g->cell->computed)
    return g_hash_table_lookup (self->entries, g->cell->key);
  return NULL;
}

/* The first (or last) input cell of a grid row, or of the whole table. */
static NbCellEntry *
row_end (NbTableView *self,
         guint        row,
         gboolean     last)
{
  guint n = nb_grid_get_n_columns (self->layout);
  NbCellEntry *found = NULL;

  for (guint c = 0; c < n && !(found && !last); c++)
    {
      NbCellEntry *e = input_at (self, row, c);
      if (e)
        found = e;
    }
  return found;
}

static NbCellEntry *
table_end (NbTableView *self,
           gboolean     last)
{
  NbCellEntry *found = NULL;

  for (guint i = 0; i < nb_grid_get_n_cells (self->layout); i++)
    {
      const NbGridCell *g = nb_grid_get_cell (self->layout, i);

      if (g->role == NB_GRID_VALUE && !g->cell->computed)
        {
          found = g_hash_table_lookup (self->entries, g->cell->key);
          if (!last)
            break;
        }
    }
  return found;
}

/* Rows of cells that fit the visible part of the table. */
static int
rows_per_page (NbTableView *self,
               NbCellEntry *entry)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  int h = MAX (1, gtk_widget_get_height (GTK_WIDGET (entry)) + 1);
  NbCellEntry *first = table_end (self, FALSE);
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t at;

  /* The header rows (which stay in view) take part of the page. */
  if (first && gtk_widget_compute_point (GTK_WIDGET (first), GTK_WIDGET (self->grid), &top, &at))
    top.y = at.y;
  return MAX (1, ((int) (gtk_adjustment_get_page_size (adj) - top.y)) / h - 1);
}

static gboolean
on_navigate (NbCellEntry *entry,
             NbCellNav    nav,
             NbTableView *self)
{
  const NbGridCell *g = nb_grid_find_value (self->layout, nb_cell_entry_get_cell (entry)->key);
  NbCellEntry *next = NULL;
  gboolean handled = TRUE;

  if (!g)
    return FALSE;
  switch (nav)
    {
    case NB_CELL_NAV_TAB:
      if (self->tab_last != entry)
        self->tab_anchor = entry;
      next = neighbour (self, g, 0, 1);
      self->tab_last = next;
      handled = next != NULL;   /* past the last cell: on out of the table */
      break;
    case NB_CELL_NAV_BACKTAB:
      next = neighbour (self, g, 0, -1);
      handled = next != NULL;
      break;
    case NB_CELL_NAV_ENTER:
      /* As in Excel/WPS: after Tab–Tab, Enter goes to the next row, to the
       * column where the tabbing began. */
      if (self->tab_anchor && self->tab_last == entry)
        {
          const NbGridCell *a = nb_grid_find_value (self->layout,
                                                    nb_cell_entry_get_cell (self->tab_anchor)->key);

          for (guint r = g->row + g->rowspan; a && !next && r < nb_grid_get_n_rows (self->layout); r++)
            next = input_at (self, r, a->column);
        }
      if (!next)
        next = neighbour (self, g, 1, 0);
      break;
    case NB_CELL_NAV_ROW_START:
    case NB_CELL_NAV_ROW_END:
      next = row_end (self, g->row, nav == NB_CELL_NAV_ROW_END);
      break;
    case NB_CELL_NAV_FIRST:
    case NB_CELL_NAV_LAST:
      next = table_end (self, nav == NB_CELL_NAV_LAST);
      break;
    case NB_CELL_NAV_PAGE_UP:
    case NB_CELL_NAV_PAGE_DOWN:
      {
        int n = rows_per_page (self, entry);
        int dir = nav == NB_CELL_NAV_PAGE_UP ? -1 : 1;
        const NbGridCell *at = g;

        for (int i = 0; i < n; i++)
          {
            NbCellEntry *e = neighbour (self, at, dir, 0);
            if (!e)
              break;
            next = e;
            at = nb_grid_find_value (self->layout, nb_cell_entry_get_cell (e)->key);
          }
        if (!next)
          next = table_end (self, dir > 0);
      }
      break;
    default:
      return FALSE;
    }
  if (nav != NB_CELL_NAV_TAB)
    self->tab_anchor = self->tab_last = NULL;
  if (next && next != entry)
    nb_cell_entry_focus (next);
  return handled;
}

/* A figure as a spreadsheet copies it (empty = 0), or FALSE for a label. */
static gboolean
is_figure (const char *text)
{
  NbNumber n;

  return *text == '\0' || nb_number_parse (text, &n, NULL);
}

/* The value cell at (row, column) or after it on the row, skipping labels. */
static const NbGridCell *
value_from (NbTableView *self,
            guint        row,
            guint        column)
{
  for (guint c = column; c < nb_grid_get_n_columns (self->layout); c++)
    {
      const NbGridCell *g = nb_grid_cell_at (self->layout, row, c);

      if (g && g->role == NB_GRID_VALUE)
        return g;
    }
  return NULL;
}

/* A block copied from Excel/WPS/LibreOffice: rows by newline, cells by tab,
 * laid over the form from the focused cell as the form's own columns and
 * rows: a block that includes the total column or a total row puts those
 * figures on the totals, which are computed and skipped; row labels and
 * heading lines copied along are skipped too. One undo step. */
static void
on_paste (NbCellEntry *entry,
          const char  *block,
          NbTableView *self)
{
  g_auto(GStrv) lines = g_strsplit (block, "\n", -1);
  const NbGridCell *origin = nb_grid_find_value (self->layout, nb_cell_entry_get_cell (entry)->key);
  guint filled = 0, refused = 0, dropped = 0, totals = 0, labels = 0;
  guint n_rows = nb_grid_get_n_rows (self->layout);
  guint row, n_lines;
  gboolean first = TRUE;

  if (!origin)
    return;
  n_lines = g_strv_length (lines);
  if (n_lines > 0)
    {
      g_strchomp (lines[n_lines - 1]);
      if (lines[n_lines - 1][0] == '\0')
        n_lines--;   /* the newline spreadsheets put after the last row */
    }
  row = origin->row;
  nb_report_begin_group (self->report);
  for (guint l = 0; l < n_lines; l++)
    {
      g_auto(GStrv) cells = NULL;
      guint n, skip = 0, figures = 0, column = origin->column;

      g_strchomp (lines[l]);   /* "\r" from Windows clipboards */
      cells = g_strsplit (lines[l], "\t", -1);
      n = g_strv_length (cells);
      for (guint c = 0; c < n; c++)
        {
          g_strstrip (cells[c]);
          if (*cells[c] && is_figure (cells[c]))
            figures++;
        }
      /* A heading line copied along: nothing to put anywhere. */
      if (figures == 0 && n > 0 && !(n == 1 && *cells[0] == '\0'))
        {
          labels += n;
          continue;
        }
      /* Row labels in front of the figures. */
      while (skip < n && !is_figure (cells[skip]))
        skip++;
      labels += skip;

      /* The grid row for this line: the next that has a value under the origin. */
      if (!first)
        {
          for (row++; row < n_rows; row++)
            {
              const NbGridCell *g = nb_grid_cell_at (self->layout, row, origin->column);

              if (g && g->role == NB_GRID_VALUE && g->row == row)
                break;
            }
        }
      first = FALSE;
      if (row >= n_rows)
        {
          dropped += n - skip;
          continue;
        }
      for (guint c = skip; c < n; c++)
        {
          const NbGridCell *g = value_from (self, row, column);
          g_autoptr(GError) error = NULL;

          if (!g)
            {
              dropped++;   /* past the table's last column */
              continue;
            }
          column = g->column + g->colspan;
          if (g->cell->computed)
            totals++;
          else if (!nb_report_set_value_from_string (self->report, g->cell->key,
                                                     *cells[c] ? cells[c] : "0", &error))
            refused++;
          else
            filled++;
        }
    }
  nb_report_end_group (self->report);

  if (refused > 0 || dropped > 0 || totals > 0 || labels > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "Pasted %u cell.", "Pasted %u cells.", filled),
                              filled);
      if (totals > 0)
        {
          g_string_append_c (message, ' ');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Totals are computed: %u figure for a total was skipped.",
                                               "Totals are computed: %u figures for totals were skipped.", totals),
                                  totals);
        }
      if (labels > 0)
        {
          g_string_append_c (message, ' ');
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u label copied along was skipped.",
                                               "%u labels copied along were skipped.", labels),
                                  labels);
        }
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
      nb_section_page_emit_refused (NB_SECTION_PAGE (self), message->str);
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
  guint first_value_column = G_MAXUINT;

  g_return_val_if_fail (section->kind == NB_SECTION_TABLE, NULL);

  self->report = g_object_ref (report);
  self->section = section;
  self->layout = section->table->grid;
  gtk_label_set_text (self->heading, section->heading);
  nb_form_grid_set_adjustments (self->form,
                                gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                                gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)));
  /* Columns left of every value are the row labels' (they stay in view). */
  for (guint i = 0; i < nb_grid_get_n_cells (self->layout); i++)
    {
      const NbGridCell *g = nb_grid_get_cell (self->layout, i);
      if (g->role == NB_GRID_VALUE)
        first_value_column = MIN (first_value_column, g->column);
    }

  /* Drawn in the order attached: cells, row labels, headers, the corner. */
  for (guint pass = 0; pass < 4; pass++)
  for (guint i = 0; i < nb_grid_get_n_cells (self->layout); i++)
    {
      const NbGridCell *g = nb_grid_get_cell (self->layout, i);
      gboolean top = g->role != NB_GRID_VALUE && g->row + g->rowspan <= nb_grid_get_header_rows (self->layout);
      gboolean left = g->role != NB_GRID_VALUE && g->column + g->colspan <= first_value_column;
      GtkWidget *widget;
      double width = 0;

      if ((guint) (top * 2 + left) != pass)
        continue;
      for (guint c = g->column; c < g->column + g->colspan; c++)
        width += nb_grid_get_column_width (self->layout, c);

      if (g->role == NB_GRID_VALUE && g->cell->computed)
        {
          widget = gtk_label_new (NULL);
          gtk_label_set_xalign (GTK_LABEL (widget), 1.0f);
          gtk_widget_add_css_class (widget, "nb-total");
          gtk_widget_set_focusable (widget, TRUE);
          nb_tooltip_set_text (widget, _("Computed total: it follows the cells it sums"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, g->cell->label, -1);
          g_hash_table_insert (self->totals, (gpointer) g->cell->key, widget);
        }
      else if (g->role == NB_GRID_VALUE)
        {
          widget = nb_cell_entry_new (report, g->cell);
          g_signal_connect (widget, "refused", G_CALLBACK (on_refused), self);
          g_signal_connect (widget, "move", G_CALLBACK (on_move), self);
          g_signal_connect (widget, "navigate", G_CALLBACK (on_navigate), self);
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
      if (top || left)
        nb_form_grid_set_sticky (self->form, widget, top, left);
    }

  refresh_totals (self);
  self->report_signals = g_signal_group_new (NB_TYPE_REPORT);
  g_signal_group_connect (self->report_signals, "changed", G_CALLBACK (on_report_changed), self);
  g_signal_group_set_target (self->report_signals, report);
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

/* ---- NbSectionPage ----------------------------------------------------- */

static void
section_page_set_problems (NbSectionPage *page,
                           GPtrArray     *problems)
{
  nb_table_view_set_problems (NB_TABLE_VIEW (page), problems);
}

static gboolean
section_page_focus_key (NbSectionPage *page,
                        const char    *key)
{
  return nb_table_view_focus_cell (NB_TABLE_VIEW (page), key);
}

static void
section_page_iface_init (NbSectionPageInterface *iface)
{
  iface->set_problems = section_page_set_problems;
  iface->focus_key = section_page_focus_key;
}
