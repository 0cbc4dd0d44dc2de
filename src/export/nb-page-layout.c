/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-page-layout.c — the printed report: measures it and splits it into pages
 *
 * Pagination places every line of text on a baseline grid of 22 lines per
 * type area and every table as row bands; drawing only replays what was
 * placed, so the page count and what each page holds never depend on the
 * surface. Layouts are made with a private PangoContext at 72 dpi without
 * hinting: one Pango unit of size is one point wherever we draw.
 */
#include "config.h"

#include <string.h>

#include "nb-grid.h"
#include "nb-number.h"
#include "nb-page-layout.h"
#include "nb-font-subsetter.h"
#include "nb-document.h"
#include "nb-platform.h"

#define MM (72.0 / 25.4)

/* GB/T 9704-2012: margins and the body text grid. */
#define MARGIN_TOP    (37.0 * MM)
#define MARGIN_LEFT   (28.0 * MM)
#define MARGIN_RIGHT  (26.0 * MM)
#define MARGIN_BOTTOM (35.0 * MM)
#define LINES_PER_PAGE 22
#define CHARS_PER_LINE 28

#define BODY_SIZE     16.0  /* 3号 */
#define TITLE_SIZE    22.0  /* 2号 */
#define FOLIO_SIZE    14.0  /* 4号 */
#define TABLE_SIZE    10.5  /* 5号 */
#define WIDE_TABLE_SIZE 9.0 /* 小五, for the 15-column review table */

#define RULE_WIDTH 0.5
#define EPSILON 0.01

/* The faces of each role are nb-document.h's, shared by every renderer. */
#define ROLE_TITLE    NB_FONT_TITLE
#define ROLE_HEI      NB_FONT_HEI
#define ROLE_KAI      NB_FONT_KAI
#define ROLE_FANGSONG NB_FONT_FANGSONG
#define ROLE_SONG     NB_FONT_SONG
#define N_ROLES       NB_N_FONT_ROLES
typedef NbFontRole FontRole;

typedef struct
{
  const NbTableDef  *def;
  NbGrid            *grid;        /* owned by the format */
  guint              n_rows;
  guint              n_columns;
  guint              header_rows;
  double             pad_x;
  double             pad_y;
  double            *col_x;       /* n_columns + 1 offsets from the left edge */
  double            *row_h;       /* n_rows */
  PangoLayout      **layouts;     /* per grid cell; NULL when it has no text */
  double            *text_h;      /* per grid cell: height its text needs */
  guint             *row_page;    /* where each row went, G_MAXUINT if nowhere */
  double            *row_top;
  GArray            *breaks;      /* guint: rows that begin a continuation */
} Table;

typedef enum
{
  ITEM_LINE,
  ITEM_TABLE,
} ItemKind;

typedef struct
{
  ItemKind     kind;
  guint        page;
  double       x;          /* line: left of the line; table: left edge */
  double       y;          /* line: baseline; table: top */
  double       slot;       /* line: top of its slot, from the type area's top */
  PangoLayout *layout;     /* line: the paragraph it belongs to (a ref) */
  int          line;
  Table       *table;      /* table: borrowed from self->tables */
  guint        row_start;  /* table: body rows [row_start, row_end) */
  guint        row_end;
} Item;

typedef struct
{
  char   *text;
  guint   page;
  double  y;
  guint   item;   /* its first line */
} Heading;

struct _NbPageLayout
{
  GObject       parent_instance;

  NbReport     *report;
  NbDocument   *document;     /* what is printed, as of the last paginate */
  PangoContext *context;
  char         *families[N_ROLES];
  PangoWeight   weights[N_ROLES];

  double        page_width;
  double        page_height;
  double        type_x;
  double        type_y;
  double        type_width;
  double        type_height;
  double        pitch;          /* body line pitch */
  double        char_advance;   /* body character advance (28 per line) */

  guint         n_pages;
  GArray       *items;          /* Item, in page order */
  GArray       *page_first;     /* guint: first item of each page */
  GPtrArray    *tables;         /* Table* */
  GArray       *headings;       /* Heading */

  NbFontSubsetter *subsetter;   /* PDF: text drawn with subset faces */
};

G_DEFINE_FINAL_TYPE (NbPageLayout, nb_page_layout, G_TYPE_OBJECT)

/* Text goes through the subsetter when there is one: while it collects,
 * lines are only noted; once prepared, they are drawn with its faces. */
static void
show_layout (NbPageLayout *self,
             cairo_t      *cr,
             PangoLayout  *layout)
{
  if (self->subsetter == NULL)
    pango_cairo_show_layout (cr, layout);
  else if (!nb_font_subsetter_is_prepared (self->subsetter))
    nb_font_subsetter_add_layout (self->subsetter, layout);
  else
    nb_font_subsetter_show_layout (self->subsetter, cr, layout);
}

static void
show_layout_line (NbPageLayout    *self,
                  cairo_t         *cr,
                  PangoLayoutLine *line)
{
  if (self->subsetter == NULL)
    pango_cairo_show_layout_line (cr, line);
  else if (!nb_font_subsetter_is_prepared (self->subsetter))
    nb_font_subsetter_add_layout_line (self->subsetter, line);
  else
    nb_font_subsetter_show_layout_line (self->subsetter, cr, line);
}

static void
table_free (Table *table)
{
  if (table->layouts != NULL)
    for (guint i = 0; i < nb_grid_get_n_cells (table->grid); i++)
      g_clear_object (&table->layouts[i]);
  g_free (table->layouts);
  g_free (table->text_h);
  g_clear_pointer (&table->breaks, g_array_unref);
  g_free (table->col_x);
  g_free (table->row_h);
  g_free (table->row_page);
  g_free (table->row_top);
  g_free (table);
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->layout);
}

static void
heading_clear (gpointer data)
{
  Heading *heading = data;

  g_clear_pointer (&heading->text, g_free);
}

static void
nb_page_layout_reset (NbPageLayout *self)
{
  self->n_pages = 0;
  g_array_set_size (self->items, 0);
  g_array_set_size (self->page_first, 0);
  g_ptr_array_set_size (self->tables, 0);
  g_array_set_size (self->headings, 0);
}

static void
nb_page_layout_finalize (GObject *object)
{
  NbPageLayout *self = NB_PAGE_LAYOUT (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->page_first, g_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->headings, g_array_unref);
  for (guint i = 0; i < N_ROLES; i++)
    g_clear_pointer (&self->families[i], g_free);
  g_clear_object (&self->context);
  g_clear_object (&self->subsetter);
  g_clear_object (&self->document);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (nb_page_layout_parent_class)->finalize (object);
}

static void
nb_page_layout_class_init (NbPageLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_page_layout_finalize;
}

static void
nb_page_layout_init (NbPageLayout *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->page_first = g_array_new (FALSE, TRUE, sizeof (guint));
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  self->headings = g_array_new (FALSE, TRUE, sizeof (Heading));
  g_array_set_clear_func (self->headings, heading_clear);
}

NbPageLayout *
nb_page_layout_new (NbReport *report)
{
  NbPageLayout *self;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  self = g_object_new (NB_TYPE_PAGE_LAYOUT, NULL);
  self->report = g_object_ref (report);
  return self;
}

NbReport *
nb_page_layout_get_report (NbPageLayout *self)
{
  g_return_val_if_fail (NB_IS_PAGE_LAYOUT (self), NULL);

  return self->report;
}

/* Fonts ------------------------------------------------------------------ */

/* Picks, per role, the first face of the list that is installed, so that
 * the weight goes with the face actually used; when none is, hands Pango
 * the whole list and lets it fall back. */
static void
resolve_fonts (NbPageLayout *self,
               PangoFontMap *fontmap)
{
  g_autoptr(GHashTable) installed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PangoFontFamily **families = NULL;
  int n_families = 0;

  pango_font_map_list_families (fontmap, &families, &n_families);
  for (int i = 0; i < n_families; i++)
    g_hash_table_add (installed, g_utf8_casefold (pango_font_family_get_name (families[i]), -1));
  g_free (families);

  for (guint role = 0; role < N_ROLES; role++)
    {
      const NbFace *choices = nb_document_get_faces (role);
      g_autoptr(GString) list = g_string_new (NULL);
      const NbFace *chosen = NULL;

      for (guint i = 0; choices[i].family != NULL && chosen == NULL; i++)
        {
          g_autofree char *key = g_utf8_casefold (choices[i].family, -1);

          if (g_hash_table_contains (installed, key))
            chosen = &choices[i];
        }

      /* The chosen face first; the rest stay as fall-backs for glyphs the
       * chosen face lacks. */
      if (chosen != NULL)
        g_string_append (list, chosen->family);
      for (guint i = 0; choices[i].family != NULL; i++)
        if (&choices[i] != chosen)
          g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "", choices[i].family);

      g_free (self->families[role]);
      self->families[role] = g_string_free (g_steal_pointer (&list), FALSE);
      self->weights[role] = chosen != NULL && chosen->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      if (chosen == NULL && role == ROLE_TITLE)
        self->weights[role] = PANGO_WEIGHT_BOLD;
    }
}

static PangoFontDescription *
font_for (NbPageLayout *self,
          FontRole      role,
          double        size)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, self->families[role]);
  pango_font_description_set_weight (desc, self->weights[role]);
  /* At 72 dpi a point is a device unit. */
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  return desc;
}

static PangoLayout *
new_layout (NbPageLayout *self,
            FontRole      role,
            double        size,
            const char   *text,
            double        width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) desc = font_for (self, role, size);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Body and headings: 28 characters a line, whatever the face's advance. */
static void
set_body_spacing (NbPageLayout  *self,
                  PangoLayout   *layout,
                  PangoAttrList *attrs)
{
  double spacing = CLAMP (self->char_advance - BODY_SIZE, -2.0, 2.0);

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (pango_units_from_double (spacing)));
  pango_layout_set_attributes (layout, attrs);
}

/* Flow ------------------------------------------------------------------- */

typedef struct
{
  NbPageLayout *self;
  double        y;      /* from the top of the type area */
} Flow;

static void
flow_new_page (Flow *flow)
{
  NbPageLayout *self = flow->self;
  guint first = self->items->len;

  g_array_append_val (self->page_first, first);
  self->n_pages++;
  flow->y = 0;
}

static double
flow_room (Flow *flow)
{
  return flow->self->type_height - flow->y;
}

static guint
flow_page (Flow *flow)
{
  return flow->self->n_pages - 1;
}

/* Places every line of @layout on the grid, @pitch apart, breaking pages
 * between lines. @keep: lines that must come together with the first. */
static void
place_lines (Flow        *flow,
             PangoLayout *layout,
             double       pitch,
             int          keep)
{
  NbPageLayout *self = flow->self;
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int n_lines = pango_layout_get_line_count (layout);
  int line = 0;

  if (flow->y > 0 && flow_room (flow) < MIN (keep, n_lines) * pitch - EPSILON)
    flow_new_page (flow);

  do
    {
      PangoRectangle logical;
      double ascent, height;
      Item item = { 0, };

      if (flow_room (flow) < pitch - EPSILON && flow->y > 0)
        flow_new_page (flow);

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      ascent = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      height = (double) logical.height / PANGO_SCALE;

      item.kind = ITEM_LINE;
      item.page = flow_page (flow);
      item.x = self->type_x + (double) logical.x / PANGO_SCALE;
      /* The line's box centred in its slot of the grid. */
      item.y = self->type_y + flow->y + (pitch - height) / 2 + ascent;
      item.slot = flow->y;
      item.layout = g_object_ref (layout);
      item.line = line++;
      g_array_append_val (self->items, item);

      flow->y += pitch;
    }
  while (pango_layout_iter_next_line (iter));

  g_assert (line == n_lines);
  pango_layout_iter_free (iter);
}

static void
add_heading (Flow       *flow,
             const char *text)
{
  Heading heading = { g_strdup (text), flow_page (flow), flow->self->type_y + flow->y,
                      flow->self->items->len };

  g_array_append_val (flow->self->headings, heading);
}

/* Text ------------------------------------------------------------------- */

/* A paragraph of the document; @continued: a later piece of a long one,
 * set as plain body text without the first-line indent. A level-2 line is
 * often a heading followed by its text in the same paragraph: only its
 * lead, up to the first full stop, is 楷体 (level 3: bold). */
static void
place_paragraph (Flow          *flow,
                 const NbBlock *block,
                 const char    *text,
                 gboolean       continued)
{
  NbPageLayout *self = flow->self;
  g_autoptr(PangoLayout) layout = new_layout (self, ROLE_FANGSONG, BODY_SIZE, text, self->type_width);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  gboolean heading_like = !continued && block->level > 0 && block->heading_only;

  if (!continued)
    pango_layout_set_indent (layout, pango_units_from_double (2 * self->char_advance));
  pango_layout_set_justify (layout, TRUE);

  if (!continued && block->level == 2)
    {
      PangoAttribute *attr = pango_attr_family_new (self->families[ROLE_KAI]);

      attr->start_index = 0;
      attr->end_index = MIN (block->lead_len, strlen (text));
      pango_attr_list_insert (attrs, attr);
    }
  else if (!continued && block->level == 3)
    {
      /* "1.加强行政决策和执行公开。": the third level's lead in bold. */
      PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

      attr->start_index = 0;
      attr->end_index = MIN (block->lead_len, strlen (text));
      pango_attr_list_insert (attrs, attr);
    }
  set_body_spacing (self, layout, attrs);

  /* A heading-like line is not left alone at the foot of a page: it goes
   * over with (at least) the first line of what it heads. */
  if (heading_like && flow->y > 0 &&
      flow_room (flow) < (pango_layout_get_line_count (layout) + 1) * self->pitch - EPSILON)
    flow_new_page (flow);
  place_lines (flow, layout, self->pitch, heading_like ? 2 : 1);
}

#define MAX_PARAGRAPH_CHARS 20000

static void
place_text (Flow          *flow,
            const NbBlock *block)
{
  const char *line = block->text;

  /* Pango lays out nothing at all for a paragraph of ~140 000 characters
   * or more: very long ones go in pieces, cut after a sentence, the later
   * pieces without the first-line indent. */
  for (gboolean continued = FALSE; *line != '\0'; continued = TRUE)
    {
      const char *cut = line;
      const char *sentence_end = NULL;
      glong n = 0;

      while (*cut && n < MAX_PARAGRAPH_CHARS)
        {
          gunichar c = g_utf8_get_char (cut);

          cut = g_utf8_next_char (cut);
          n++;
          if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B)   /* 。！？； */
            sentence_end = cut;
        }
      if (*cut && sentence_end && n - g_utf8_strlen (line, sentence_end - line) < MAX_PARAGRAPH_CHARS / 2)
        cut = sentence_end;
      {
        g_autofree char *piece = g_strndup (line, cut - line);

        place_paragraph (flow, block, piece, continued);
      }
      line = cut;
    }
}

/* Tables ----------------------------------------------------------------- */

static gboolean
is_label_role (NbGridRole role)
{
  return role == NB_GRID_LABEL;
}

/* A row with neither labels nor values (a group caption, a column header
 * inside the table) belongs with the rows after it. */
static gboolean
row_keeps_with_next (Table *table,
                     guint  row)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      const NbGridCell *cell = nb_grid_cell_at (table->grid, row, c);

      if (cell != NULL && cell->row == row
          && (cell->role == NB_GRID_LABEL || cell->role == NB_GRID_VALUE))
        return FALSE;
    }
  return TRUE;
}

/* How many merged cells cross the boundary above row @row. */
static guint
spans_cut (Table *table,
           guint  row)
{
  guint n = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      const NbGridCell *cell = nb_grid_cell_at (table->grid, row, c);

      if (cell != NULL && cell->row < row && cell->column == c)
        n++;
    }
  return n;
}

static gboolean
break_allowed (Table *table,
               guint  row)
{
  return row >= table->n_rows || !row_keeps_with_next (table, row - 1);
}

static Table *
prepare_table (NbPageLayout     *self,
               const NbTableDef *def)
{
  Table *table = g_new0 (Table, 1);
  guint n_cells;
  double total = 0, font_size, min_row;
  g_autoptr(GHashTable) wrapped_groups = g_hash_table_new (NULL, NULL);
  double *needed;

  table->def = def;
  table->grid = def->grid;
  table->n_rows = nb_grid_get_n_rows (def->grid);
  table->n_columns = nb_grid_get_n_columns (def->grid);
  table->header_rows = MIN (nb_grid_get_header_rows (def->grid), table->n_rows);
  n_cells = nb_grid_get_n_cells (def->grid);

  /* The 15-column review table only fits in 小五 with tight cells. */
  font_size = nb_grid_is_wide (def->grid) ? WIDE_TABLE_SIZE : TABLE_SIZE;
  table->pad_x = nb_grid_is_wide (def->grid) ? 1.5 : 3.0;
  table->pad_y = 2.5;
  min_row = (int) (font_size * 1.8 + 0.5);

  table->col_x = g_new0 (double, table->n_columns + 1);
  for (guint c = 0; c < table->n_columns; c++)
    total += MAX (nb_grid_get_column_width (def->grid, c), 0.01);
  for (guint c = 0; c < table->n_columns; c++)
    table->col_x[c + 1] = table->col_x[c]
      + self->type_width * MAX (nb_grid_get_column_width (def->grid, c), 0.01) / total;

  table->layouts = g_new0 (PangoLayout *, n_cells);
  table->text_h = g_new0 (double, n_cells);
  needed = g_new0 (double, n_cells);
  for (guint i = 0; i < n_cells; i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (def->grid, i);
      double inner = table->col_x[cell->column + cell->colspan] - table->col_x[cell->column]
                     - 2 * table->pad_x;
      g_autofree char *text = NULL;
      PangoLayout *layout;
      int w, h;

      if (cell->role == NB_GRID_EMPTY)
        continue;
      text = nb_document_dup_cell_text (self->document, cell);
      layout = new_layout (self, ROLE_SONG, font_size, text, -1);
      /* Most cells are centred (below): aligned so before Pango lays the
       * cell out, setting it again does not make Pango lay it out anew. */
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_size (layout, &w, NULL);
      if (is_label_role (cell->role) && (double) w / PANGO_SCALE > inner)
        g_hash_table_add (wrapped_groups, GUINT_TO_POINTER (cell->column * 1000 + cell->colspan));

      pango_layout_set_width (layout, pango_units_from_double (MAX (inner, font_size)));
      /* CJK faces have tall line boxes (1.45 em); wrapped labels read
       * better, and the long tables keep to fewer pages, a little tighter. */
      pango_layout_set_line_spacing (layout, 0.9);
      pango_layout_get_size (layout, NULL, &h);
      table->text_h[i] = (double) h / PANGO_SCALE;
      needed[i] = table->text_h[i] + 2 * table->pad_y;
      table->layouts[i] = layout;
    }

  /* Labels of a column are all left-aligned when one of them wraps, so a
   * list of items reads as a list; otherwise everything is centred. */
  for (guint i = 0; i < n_cells; i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (def->grid, i);
      PangoAlignment align = PANGO_ALIGN_CENTER;

      if (table->layouts[i] == NULL)
        continue;
      if (is_label_role (cell->role)
          && g_hash_table_contains (wrapped_groups, GUINT_TO_POINTER (cell->column * 1000 + cell->colspan)))
        align = PANGO_ALIGN_LEFT;
      pango_layout_set_alignment (table->layouts[i], align);
    }

  /* Row heights: single rows first, then merged cells stretch the rows
   * they span, the shortest spans first. */
  table->row_h = g_new0 (double, table->n_rows);
  for (guint r = 0; r < table->n_rows; r++)
    table->row_h[r] = min_row;
  for (guint i = 0; i < n_cells; i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (def->grid, i);

      if (cell->rowspan == 1)
        table->row_h[cell->row] = MAX (table->row_h[cell->row], needed[i]);
    }
  for (guint span = 2; span <= table->n_rows; span++)
    for (guint i = 0; i < n_cells; i++)
      {
        const NbGridCell *cell = nb_grid_get_cell (def->grid, i);
        double have = 0;

        if (cell->rowspan != span)
          continue;
        for (guint r = cell->row; r < cell->row + span && r < table->n_rows; r++)
          have += table->row_h[r];
        if (needed[i] > have)
          for (guint r = cell->row; r < cell->row + span && r < table->n_rows; r++)
            table->row_h[r] += (needed[i] - have) / span;
      }
  g_free (needed);

  table->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  table->row_page = g_new (guint, table->n_rows);
  table->row_top = g_new0 (double, table->n_rows);
  for (guint r = 0; r < table->n_rows; r++)
    table->row_page[r] = G_MAXUINT;
  return table;
}

static double
rows_height (Table *table,
             guint  from,
             guint  to)
{
  double h = 0;

  for (guint r = from; r < to; r++)
    h += table->row_h[r];
  return h;
}

/* What must fit below a table's heading: the header rows and the first
 * few rows, up to a place the table may break. */
/* A table broken over pages leaves at least this many body rows before
 * the break; with fewer room it starts on the next page. */
#define MIN_ROWS_BEFORE_BREAK 3

static double
table_first_chunk (Table *table)
{
  guint b = table->header_rows + MIN (MIN_ROWS_BEFORE_BREAK, table->n_rows - table->header_rows);

  while (b < table->n_rows && !break_allowed (table, b))
    b++;
  return rows_height (table, 0, MIN (b, table->n_rows));
}

/* Whether, breaking before row @row in a part that began at @start, each
 * merged cell the break cuts still shows its text whole in one part. */
static gboolean
break_keeps_texts (Table *table,
                   guint  start,
                   guint  row)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      const NbGridCell *cell = nb_grid_cell_at (table->grid, row, c);
      guint i, end;

      if (cell == NULL || cell->row >= row)
        continue;
      for (i = 0; nb_grid_get_cell (table->grid, i) != cell; i++)
        ;
      end = MIN (cell->row + cell->rowspan, table->n_rows);
      if (table->text_h[i] + table->pad_y > rows_height (table, MAX (cell->row, start), row)
          && table->text_h[i] + table->pad_y > rows_height (table, row, end))
        return FALSE;
    }
  return TRUE;
}

/* The row to break before, given that rows [start, fit) fit: the last
 * place that cuts no merged cell, unless that wastes more than a third of
 * the page; else, among places where every cut merged cell keeps its text
 * readable, the one that cuts the fewest (wasting at most a sixth of the
 * page), else the last of them; else any place that does not strand a
 * caption. @start when there is none. */
static guint
choose_break (NbPageLayout *self,
              Table        *table,
              guint         start,
              guint         fit)
{
  guint any = start, readable = start, fewest = start, fewest_cuts = G_MAXUINT;

  for (guint b = fit; b > start; b--)
    {
      guint cuts;

      if (!break_allowed (table, b))
        continue;
      cuts = spans_cut (table, b);
      if (cuts == 0)
        {
          if (rows_height (table, b, fit) <= self->type_height / 3)
            return b;
          if (any == start)
            return b;
          break;
        }
      if (break_keeps_texts (table, start, b))
        {
          if (readable == start)
            readable = b;
          if (cuts < fewest_cuts && rows_height (table, b, fit) <= self->type_height / 6)
            {
              fewest = b;
              fewest_cuts = cuts;
            }
        }
      if (any == start)
        any = b;
    }
  if (fewest != start)
    return fewest;
  return readable != start ? readable : any;
}

static void
record_rows (Flow  *flow,
             Table *table,
             guint  from,
             guint  to,
             double top)
{
  for (guint r = from; r < to; r++)
    {
      if (table->row_page[r] == G_MAXUINT)
        {
          table->row_page[r] = flow_page (flow);
          table->row_top[r] = top;
        }
      top += table->row_h[r];
    }
}

static void new_page_with_last_lines (Flow *flow,
                                      guint n);

/* @heading_lines: the lines of the heading just placed above the table. */
static void
place_table (Flow  *flow,
             Table *table,
             guint  heading_lines)
{
  NbPageLayout *self = flow->self;
  double header_h = rows_height (table, 0, table->header_rows);
  guint start = table->header_rows;
  gboolean first = TRUE;

  while (first || start < table->n_rows)
    {
      double room = flow_room (flow) - header_h;
      double used = 0;
      guint fit = start, end;
      Item item = { 0, };

      while (fit < table->n_rows && used + table->row_h[fit] <= room + EPSILON)
        used += table->row_h[fit++];

      end = fit;
      if (fit < table->n_rows)
        {
          end = choose_break (self, table, start, fit);
          /* Not just two rows at the foot of a page: the table starts on
           * the next one, and its heading goes with it. */
          if (first && end > start && end - start < MIN_ROWS_BEFORE_BREAK
              && self->items->len > g_array_index (self->page_first, guint, flow_page (flow)) + heading_lines)
            {
              new_page_with_last_lines (flow, heading_lines);
              continue;
            }
          if (end == start)
            {
              if (flow->y > 0)
                {
                  flow_new_page (flow);
                  continue;
                }
              /* Nothing fits on an empty page: cut where it must. */
              end = MAX (fit, start + 1);
            }
        }

      item.kind = ITEM_TABLE;
      item.page = flow_page (flow);
      item.x = self->type_x;
      item.y = self->type_y + flow->y;
      item.table = table;
      item.row_start = start;
      item.row_end = end;
      g_array_append_val (self->items, item);

      record_rows (flow, table, 0, table->header_rows, item.y);
      record_rows (flow, table, start, end, item.y + header_h);
      flow->y += header_h + rows_height (table, start, end);
      start = end;
      first = FALSE;
      if (start < table->n_rows)
        {
          g_array_append_val (table->breaks, start);
          flow_new_page (flow);
        }
    }

  /* Back onto the text grid, with some air below the table. */
  flow->y = (guint) ((flow->y + 0.4 * self->pitch) / self->pitch - EPSILON + 1) * self->pitch;
}

/* A merged cell cut by page breaks shows its text in every part tall
 * enough for it; when none is, in its first part (clipped). */
static gboolean
part_shows_text (Table *table,
                 guint  i,
                 guint  r0,
                 guint  r1)
{
  const NbGridCell *cell = nb_grid_get_cell (table->grid, i);
  guint end = MIN (cell->row + cell->rowspan, table->n_rows);
  guint part_start = cell->row;
  gboolean any_fits = FALSE;

  if (r0 == cell->row && r1 == end)
    return TRUE;
  if (table->text_h[i] + table->pad_y <= rows_height (table, r0, r1))
    return TRUE;

  for (guint k = 0; k <= table->breaks->len; k++)
    {
      guint b = k < table->breaks->len ? g_array_index (table->breaks, guint, k) : end;

      if (b <= part_start)
        continue;
      b = MIN (b, end);
      if (table->text_h[i] + table->pad_y <= rows_height (table, part_start, b))
        any_fits = TRUE;
      part_start = b;
      if (b == end)
        break;
    }
  return !any_fits && r0 == cell->row;
}

/* Draws the cells of rows [from, to) with the top of row @from at @y. */
static void
draw_band (NbPageLayout *self,
           Table   *table,
           cairo_t *cr,
           double   x,
           double   y,
           guint    from,
           guint    to)
{
  guint n_cells = nb_grid_get_n_cells (table->grid);
  g_autofree double *row_y = g_new (double, to - from + 1);

  if (from >= to)
    return;
  row_y[0] = y;
  for (guint r = from; r < to; r++)
    row_y[r - from + 1] = row_y[r - from] + table->row_h[r];

  cairo_set_line_width (cr, RULE_WIDTH);
  for (guint i = 0; i < n_cells; i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (table->grid, i);
      guint r0 = MAX (cell->row, from);
      guint r1 = MIN (cell->row + cell->rowspan, to);
      double left, width, top, height;

      if (r0 >= r1)
        continue;
      left = x + table->col_x[cell->column];
      width = table->col_x[MIN (cell->column + cell->colspan, table->n_columns)]
              - table->col_x[cell->column];
      top = row_y[r0 - from];
      height = row_y[r1 - from] - top;

      cairo_rectangle (cr, left, top, width, height);
      cairo_stroke (cr);

      if (table->layouts[i] != NULL && part_shows_text (table, i, r0, r1))
        {
          double ty = top + (height - table->text_h[i]) / 2;

          cairo_save (cr);
          cairo_rectangle (cr, left, top, width, height);
          cairo_clip (cr);
          cairo_move_to (cr, left + table->pad_x, MAX (ty, top + table->pad_y / 2));
          show_layout (self, cr, table->layouts[i]);
          cairo_restore (cr);
        }
    }
}

/* Pagination ------------------------------------------------------------- */

static void
place_title (Flow          *flow,
             const NbBlock *block)
{
  NbPageLayout *self = flow->self;
  const char *title = block->text;
  g_autoptr(PangoLayout) layout = new_layout (self, ROLE_TITLE, TITLE_SIZE, title, self->type_width);
  double size = TITLE_SIZE;

  /* Too long for a line: break where the sense breaks (after the agency
   * and year), not wherever the width runs out; an agency too long for a
   * line of 2号 takes a slightly smaller size (down to 3号) rather than a
   * third line, as the title is at most two lines. */
  if (pango_layout_get_line_count (layout) > 1)
    {
      g_auto(GStrv) lines = nb_document_dup_title_lines (block);
      g_autofree char *broken = block->break_at > 0 ? g_strjoinv ("\n", lines) : NULL;
      gboolean found = FALSE;

      /* Passes: broken after the agency in two lines; wrapped in two; as a
       * last resort (a very long stated title) wrapped in three. */
      for (int pass = broken ? 0 : 1; pass < 3 && !found; pass++)
        for (double s = TITLE_SIZE; s >= BODY_SIZE - EPSILON && !found; s -= 1.0)
          {
            g_autoptr(PangoLayout) candidate = new_layout (self, ROLE_TITLE, s, pass == 0 ? broken : title,
                                                           self->type_width);

            if (pango_layout_get_line_count (candidate) <= (pass == 2 ? 3 : 2))
              {
                g_set_object (&layout, candidate);
                size = s;
                found = TRUE;
              }
          }
    }
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  place_lines (flow, layout, MAX (self->pitch, size * 1.5), 2);
  flow->y += self->pitch;  /* a blank line */
}

/* Starts a new page taking along the last @n lines of the current one
 * (never all it holds): GB/T 9704 does not let the signature stand on a
 * page without text. */
static void
new_page_with_last_lines (Flow  *flow,
                          guint  n)
{
  NbPageLayout *self = flow->self;
  guint first = g_array_index (self->page_first, guint, flow_page (flow));
  guint end = self->items->len;
  guint k = 0;

  while (k < n && end - k - 1 > first
         && g_array_index (self->items, Item, end - k - 1).kind == ITEM_LINE)
    k++;

  flow_new_page (flow);
  g_array_index (self->page_first, guint, flow_page (flow)) = end - k;
  for (guint i = end - k; i < end; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      item->page = flow_page (flow);
      item->y += flow->y - item->slot;
      item->slot = flow->y;
      flow->y += self->pitch;
    }
  for (guint h = 0; h < self->headings->len; h++)
    {
      Heading *heading = &g_array_index (self->headings, Heading, h);

      if (heading->item >= end - k && heading->item < end)
        {
          Item *item = &g_array_index (self->items, Item, heading->item);

          heading->page = item->page;
          heading->y = self->type_y + item->slot;
        }
    }
}

static void
place_section_heading (Flow       *flow,
                       const char *text,
                       double      keep_below)
{
  NbPageLayout *self = flow->self;
  g_autoptr(PangoLayout) layout = new_layout (self, ROLE_HEI, BODY_SIZE, text, self->type_width);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_layout_set_indent (layout, pango_units_from_double (2 * self->char_advance));
  set_body_spacing (self, layout, attrs);

  /* Never the last thing on a page. */
  if (flow->y > 0 && flow_room (flow) < self->pitch * pango_layout_get_line_count (layout) + keep_below - EPSILON)
    flow_new_page (flow);
  if (flow_room (flow) < self->pitch - EPSILON && flow->y > 0)
    flow_new_page (flow);
  add_heading (flow, text);
  place_lines (flow, layout, self->pitch, 1);
}

static void
place_signoff (Flow          *flow,
               const NbBlock *block)
{
  NbPageLayout *self = flow->self;
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  text = block->date != NULL ? g_strdup_printf ("%s\n%s", block->text, block->date) : g_strdup (block->text);
  if (*text == '\0')
    return;

  layout = new_layout (self, ROLE_FANGSONG, BODY_SIZE, text, self->type_width);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  set_body_spacing (self, layout, attrs);

  flow->y += self->pitch;  /* a blank line */
  if (flow_room (flow) < self->pitch * pango_layout_get_line_count (layout) - EPSILON)
    new_page_with_last_lines (flow, 2);
  place_lines (flow, layout, self->pitch, pango_layout_get_line_count (layout));
}

/* What a section heading must keep with it on its page: the table's first
 * rows, or the first line of its text, or its first subheading and that
 * subheading's first line. */
static double
heading_keep (NbPageLayout *self,
              guint         i)
{
  const NbBlock *next = i + 1 < nb_document_get_n_blocks (self->document)
                        ? nb_document_get_block (self->document, i + 1) : NULL;

  if (next == NULL || next->kind != NB_BLOCK_PARAGRAPH)
    return 0;
  return next->level > 0 && next->heading_only ? 2 * self->pitch : self->pitch;
}

static void
place_blocks (Flow *flow)
{
  NbPageLayout *self = flow->self;
  guint n = nb_document_get_n_blocks (self->document);

  for (guint i = 0; i < n; i++)
    {
      const NbBlock *block = nb_document_get_block (self->document, i);

      switch (block->kind)
        {
        case NB_BLOCK_TITLE:
          place_title (flow, block);
          break;
        case NB_BLOCK_HEADING:
          {
            const NbBlock *next = i + 1 < n ? nb_document_get_block (self->document, i + 1) : NULL;

            if (next != NULL && next->kind == NB_BLOCK_TABLE)
              {
                Table *table = prepare_table (self, next->table);

                g_ptr_array_add (self->tables, table);
                guint before = self->items->len;

                place_section_heading (flow, block->text, table_first_chunk (table));
                place_table (flow, table, self->items->len - before);
                i++;
              }
            else
              place_section_heading (flow, block->text, heading_keep (self, i));
          }
          break;
        case NB_BLOCK_PARAGRAPH:
          place_text (flow, block);
          break;
        case NB_BLOCK_SIGNOFF:
          place_signoff (flow, block);
          break;
        case NB_BLOCK_TABLE:    /* always after its heading */
        case NB_BLOCK_FIELD:    /* for the workbook only */
        default:
          break;
        }
    }
}

void
nb_page_layout_paginate (NbPageLayout *self,
                         PangoFontMap *fontmap,
                         double        page_width_pt,
                         double        page_height_pt)
{
  cairo_font_options_t *options;
  Flow flow = { self, 0 };

  g_return_if_fail (NB_IS_PAGE_LAYOUT (self));
  g_return_if_fail (fontmap == NULL || PANGO_IS_FONT_MAP (fontmap));
  g_return_if_fail (page_width_pt > MARGIN_LEFT + MARGIN_RIGHT + 72);
  g_return_if_fail (page_height_pt > MARGIN_TOP + MARGIN_BOTTOM + 72);

  if (fontmap == NULL)
    {
      nb_platform_init ();
      fontmap = pango_cairo_font_map_get_default ();
    }

  nb_page_layout_reset (self);
  g_clear_object (&self->context);
  self->context = pango_font_map_create_context (fontmap);
  /* Fixed measures: 1 unit = 1 pt, unhinted, unrounded, whatever the
   * surface; mainland glyph forms. */
  pango_cairo_context_set_resolution (self->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (self->context, PANGO_DIRECTION_LTR);
  resolve_fonts (self, fontmap);

  self->page_width = page_width_pt;
  self->page_height = page_height_pt;
  self->type_x = MARGIN_LEFT;
  self->type_y = MARGIN_TOP;
  self->type_width = page_width_pt - MARGIN_LEFT - MARGIN_RIGHT;
  self->type_height = page_height_pt - MARGIN_TOP - MARGIN_BOTTOM;
  self->pitch = self->type_height / LINES_PER_PAGE;
  /* A hair under the exact 28th so rounding never pushes a char over. */
  self->char_advance = self->type_width / CHARS_PER_LINE - 0.005;

  g_clear_object (&self->document);
  self->document = nb_document_new (self->report);

  flow_new_page (&flow);
  place_blocks (&flow);
}

guint
nb_page_layout_get_n_pages (NbPageLayout *self)
{
  g_return_val_if_fail (NB_IS_PAGE_LAYOUT (self), 0);

  return self->n_pages;
}

static void
draw_folio (NbPageLayout *self,
            cairo_t      *cr,
            guint         page)
{
  g_autofree char *text = g_strdup_printf ("— %u —", page + 1);
  g_autoptr(PangoLayout) layout = new_layout (self, ROLE_SONG, FOLIO_SIZE, text, -1);
  int width, baseline;

  pango_layout_get_size (layout, &width, NULL);
  baseline = pango_layout_get_baseline (layout);
  /* The dashes (at about a third of the em above the baseline) 7 mm below
   * the type area. */
  cairo_move_to (cr,
                 self->type_x + (self->type_width - (double) width / PANGO_SCALE) / 2,
                 self->type_y + self->type_height + 7 * MM + FOLIO_SIZE * 0.35
                 - (double) baseline / PANGO_SCALE);
  show_layout (self, cr, layout);
}

void
nb_page_layout_draw_page (NbPageLayout *self,
                          cairo_t      *cr,
                          guint         page)
{
  guint first, last;

  g_return_if_fail (NB_IS_PAGE_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  first = g_array_index (self->page_first, guint, page);
  last = page + 1 < self->n_pages ? g_array_index (self->page_first, guint, page + 1) : self->items->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = first; i < last; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (item->kind == ITEM_LINE)
        {
          cairo_move_to (cr, item->x, item->y);
          show_layout_line (self, cr, pango_layout_get_line_readonly (item->layout, item->line));
        }
      else
        {
          Table *table = item->table;
          double header_h = rows_height (table, 0, table->header_rows);

          draw_band (self, table, cr, item->x, item->y, 0, table->header_rows);
          draw_band (self, table, cr, item->x, item->y + header_h, item->row_start, item->row_end);
        }
    }
  draw_folio (self, cr, page);
  cairo_restore (cr);
}

PangoLayout *
nb_page_layout_new_text (NbPageLayout *self,
                         NbFontRole    role,
                         double        size,
                         const char   *text,
                         double        width)
{
  g_return_val_if_fail (NB_IS_PAGE_LAYOUT (self), NULL);
  g_return_val_if_fail (self->context != NULL, NULL);
  g_return_val_if_fail (role < N_ROLES, NULL);

  return new_layout (self, role, size, text, width);
}

void
nb_page_layout_get_type_area (NbPageLayout *self,
                              double       *x,
                              double       *y,
                              double       *width,
                              double       *height)
{
  g_return_if_fail (NB_IS_PAGE_LAYOUT (self));

  if (x != NULL)
    *x = self->type_x;
  if (y != NULL)
    *y = self->type_y;
  if (width != NULL)
    *width = self->type_width;
  if (height != NULL)
    *height = self->type_height;
}

guint
nb_page_layout_get_row_page (NbPageLayout *self,
                             const char   *table_key,
                             guint         row,
                             double       *top,
                             double       *bottom)
{
  g_return_val_if_fail (NB_IS_PAGE_LAYOUT (self), G_MAXUINT);
  g_return_val_if_fail (table_key != NULL, G_MAXUINT);

  for (guint i = 0; i < self->tables->len; i++)
    {
      Table *table = g_ptr_array_index (self->tables, i);

      if (g_strcmp0 (table->def->key, table_key) != 0)
        continue;
      if (row >= table->n_rows || table->row_page[row] == G_MAXUINT)
        return G_MAXUINT;
      if (top != NULL)
        *top = table->row_top[row];
      if (bottom != NULL)
        *bottom = table->row_top[row] + table->row_h[row];
      return table->row_page[row];
    }
  return G_MAXUINT;
}

guint
nb_page_layout_get_n_headings (NbPageLayout *self)
{
  g_return_val_if_fail (NB_IS_PAGE_LAYOUT (self), 0);

  return self->headings->len;
}

gboolean
nb_page_layout_get_heading (NbPageLayout *self,
                            guint         i,
                            const char  **text,
                            guint        *page,
                            double       *y)
{
  Heading *heading;

  g_return_val_if_fail (NB_IS_PAGE_LAYOUT (self), FALSE);

  if (i >= self->headings->len)
    return FALSE;
  heading = &g_array_index (self->headings, Heading, i);
  if (text != NULL)
    *text = heading->text;
  if (page != NULL)
    *page = heading->page;
  if (y != NULL)
    *y = heading->y;
  return TRUE;
}

void
nb_page_layout_set_font_subsetter (NbPageLayout    *self,
                                   NbFontSubsetter *subsetter)
{
  g_return_if_fail (NB_IS_PAGE_LAYOUT (self));
  g_return_if_fail (subsetter == NULL || NB_IS_FONT_SUBSETTER (subsetter));

  g_set_object (&self->subsetter, subsetter);
}
