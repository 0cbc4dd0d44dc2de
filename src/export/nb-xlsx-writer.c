/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-writer.c — the report as an .xlsx workbook, laid out from NbGrid
 *
 * Values are exact NbNumbers everywhere; a double is made only at the last
 * moment, from the number's exact decimal text, to hand libxlsxwriter a
 * number. Every text (labels, section texts, data) goes through
 * worksheet_write_string(), so text such as "=1+1" is never a formula.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <xlsxwriter.h>

#include "nb-error.h"
#include "nb-document.h"
#include "nb-export.h"
#include "nb-grid.h"
#include "nb-xlsx-writer.h"
#include "nb-xlsx-workbook.h"
#include "nb-xlsx-verify.h"
#include "nb-text-check.h"

/* The first (Windows) face of each role, as every renderer names them. */
#define FONT_TABLE   (nb_document_get_faces (NB_FONT_SONG)[0].family)
#define FONT_BODY    (nb_document_get_faces (NB_FONT_FANGSONG)[0].family)
#define FONT_HEADING (nb_document_get_faces (NB_FONT_HEI)[0].family)
#define FONT_KAI     (nb_document_get_faces (NB_FONT_KAI)[0].family)

/* Sizes in points: 5号 for tables, 小五 for the 15-column table, 3号 body
 * text and 2号 title as in GB/T 9704. */
#define SIZE_TABLE       10.5
#define SIZE_TABLE_WIDE  9.0
#define SIZE_BODY        16.0
#define SIZE_TITLE       22.0

/* Tables with more columns than this print landscape, in the small size. */

/* Page margins in inches. Text follows GB/T 9704 (left 28 mm, right 26 mm,
 * top 37 mm, bottom 35 mm); tables, printed on their own, take narrower
 * side margins so their labels wrap less. */
#define TEXT_MARGIN_LEFT   1.10
#define TEXT_MARGIN_RIGHT  1.02
#define TEXT_MARGIN_TOP    1.46
#define TEXT_MARGIN_BOTTOM 1.38
#define TABLE_MARGIN_SIDE  0.60
#define TABLE_MARGIN_TOP   0.90
#define TABLE_MARGIN_BOTTOM 0.80

/* The printable width in pixels at 96 dpi. Column widths are chosen to fit
 * it at 100 % (Excel's units: a column w wide takes 7w + 5 pixels with the
 * default Calibri 11), so nothing depends on an application honouring
 * fit-to-width. */
#define PAGE_WIDTH_PX(paper_mm, margins_in) (((paper_mm) / 25.4 - (margins_in)) * 96.0)
/* 26 characters of 3号 a line (GB/T 9704 has 28 with tighter spacing). */
#define BODY_WIDTH        80.0

/* Excel's row height limit, in points. */
#define MAX_ROW_HEIGHT 409.0

enum
{
  F_BOLD    = 1 << 0,
  F_BORDER  = 1 << 1,
  F_WRAP    = 1 << 2,
  F_CENTER  = 1 << 3,
  F_RIGHT   = 1 << 4,
  F_VCENTER = 1 << 5,
  F_VTOP    = 1 << 6,
  F_INPUT   = 1 << 7,   /* unlocked: typed into on a protected sheet */
};

typedef struct
{
  const char *sheet;  /* quoted for formulas; NULL: not on a table sheet */
  guint       row;
  guint       column;
} CellPos;

typedef struct
{
  lxw_workbook *workbook;
  NbReport     *report;
  NbFormat     *format;
  char         *title;
  CellPos      *positions;   /* by NbCellDef index */
  GHashTable   *formats;     /* description → lxw_format* (owned by workbook) */
  GPtrArray    *strings;     /* strings that must live until workbook_close */
  lxw_error     error;       /* the first libxlsxwriter failure */
} Writer;

static void
check (Writer   *w,
       lxw_error err)
{
  nb_xlsx_keep_error (&w->error, err);
}

static const char *
keep (Writer *w,
      char   *string)
{
  g_ptr_array_add (w->strings, string);
  return string;
}

/* XML forbids most control characters and U+FFFE/U+FFFF: one of them in a
 * text (a Word line break \v pasted or imported) left LibreOffice showing
 * an empty workbook. Such texts are written mapped (see nb_text_sanitize). */
static const char *
xml_text (Writer     *w,
          const char *text)
{
  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return keep (w, nb_text_sanitize (text));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!nb_text_char_is_allowed (g_utf8_get_char (p)))
      return keep (w, nb_text_sanitize (text));
  return text;
}

static lxw_format *
get_format (Writer     *w,
            const char *font,
            double      size,
            guint       flags,
            const char *num_format)
{
  g_autofree char *key = g_strdup_printf ("%s|%g|%u|%s", font, size, flags,
                                          num_format ? num_format : "");
  lxw_format *format = g_hash_table_lookup (w->formats, key);

  if (format)
    return format;

  format = workbook_add_format (w->workbook);
  format_set_font_name (format, font);
  format_set_font_size (format, size);
  /* GB2312 charset, so Excel picks the Chinese font for every glyph. */
  format_set_font_charset (format, 134);
  if (flags & F_BOLD)
    format_set_bold (format);
  if (flags & F_BORDER)
    {
      format_set_border (format, LXW_BORDER_THIN);
      format_set_border_color (format, LXW_COLOR_BLACK);
    }
  if (flags & F_WRAP)
    format_set_text_wrap (format);
  if (flags & F_CENTER)
    format_set_align (format, LXW_ALIGN_CENTER);
  else if (flags & F_RIGHT)
    format_set_align (format, LXW_ALIGN_RIGHT);
  else
    format_set_align (format, LXW_ALIGN_LEFT);
  if (flags & F_VCENTER)
    format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  else if (flags & F_VTOP)
    format_set_align (format, LXW_ALIGN_VERTICAL_TOP);
  if (num_format)
    format_set_num_format (format, num_format);
  if (flags & F_INPUT)
    format_set_unlocked (format);
  g_hash_table_insert (w->formats, g_steal_pointer (&key), format);
  return format;
}

/* ---- values ---- */

static double
number_to_double (const NbNumber *number)
{
  char buf[NB_NUMBER_BUF];

  if (number->blank)
    return 0;
  return g_ascii_strtod (nb_number_format (number, buf), NULL);
}

/* "0", "0.0000": the places the value was typed with, so the cell shows
 * exactly the report's figure. */
static char *
number_format_for (const NbCellDef *cell,
                   const NbNumber  *value)
{
  guint places = 0;

  if (cell->kind.type == NB_KIND_DECIMAL)
    places = value->blank ? cell->kind.places : value->places;
  if (places == 0)
    return g_strdup ("0");
  return g_strdup_printf ("0.%.*s", (int) places, "000000000000");
}

static void
cell_name (char  *buf,
           guint  row,
           guint  column)
{
  lxw_rowcol_to_cell (buf, row, column);
}

static void
append_ref (GString       *f,
            const char    *own_sheet,
            const CellPos *first,
            const CellPos *last)
{
  char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];

  if (f->str[f->len - 1] != '(')
    g_string_append_c (f, ',');
  if (g_strcmp0 (first->sheet, own_sheet) != 0)
    g_string_append_printf (f, "%s!", first->sheet);
  cell_name (a, first->row, first->column);
  g_string_append (f, a);
  if (first->row != last->row || first->column != last->column)
    {
      cell_name (b, last->row, last->column);
      g_string_append_printf (f, ":%s", b);
    }
}

/* "=SUM(D6:D25)": the terms, adjacent ones joined into ranges. NULL when a
 * term has no place in a table sheet (then the value is written as is). */
static char *
sum_formula (Writer          *w,
             const NbCellDef *cell,
             const char      *own_sheet)
{
  g_autoptr(GString) f = g_string_new ("=SUM(");
  const CellPos *first = NULL, *last = NULL;
  int direction = 0;  /* 0 single, 1 along a row, 2 down a column */

  if (cell->n_terms == 0)
    return NULL;
  for (guint i = 0; i < cell->n_terms; i++)
    {
      const CellPos *p = &w->positions[cell->terms[i]];

      if (!p->sheet)
        return NULL;
      if (first && p->sheet == last->sheet)
        {
          if (direction != 2 && p->row == last->row && p->column == last->column + 1)
            {
              last = p;
              direction = 1;
              continue;
            }
          if (direction != 1 && p->column == last->column && p->row == last->row + 1)
            {
              last = p;
              direction = 2;
              continue;
            }
        }
      if (first)
        append_ref (f, own_sheet, first, last);
      first = last = p;
      direction = 0;
    }
  append_ref (f, own_sheet, first, last);
  g_string_append_c (f, ')');
  return g_string_free (g_steal_pointer (&f), FALSE);
}

static void
add_validation (Writer          *w,
                lxw_worksheet   *ws,
                guint            row,
                guint            column,
                guint            last_row,
                guint            last_column,
                const NbCellDef *cell)
{
  lxw_data_validation dv = { 0 };
  g_autofree char *formula = NULL;
  g_autofree char *message = NULL;
  g_autofree char *places = NULL;
  const NbDocumentTextsDef *texts = nb_format_get_document_texts (w->format);
  char ref[LXW_MAX_CELL_NAME_LENGTH];

  dv.show_error = LXW_VALIDATION_ON;
  dv.ignore_blank = LXW_VALIDATION_ON;
  dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  dv.error_title = (char *) texts->invalid_title;
  switch (cell->kind.type)
    {
    case NB_KIND_COUNT:
      dv.validate = LXW_VALIDATION_TYPE_INTEGER;
      dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      dv.minimum_number = 0;
      dv.maximum_number = (double) NB_NUMBER_MAX_INTEGER;
      dv.error_message = (char *) texts->invalid_count;
      break;
    case NB_KIND_SIGNED:
      dv.validate = LXW_VALIDATION_TYPE_INTEGER;
      dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      dv.minimum_number = -(double) NB_NUMBER_MAX_INTEGER;
      dv.maximum_number = (double) NB_NUMBER_MAX_INTEGER;
      dv.error_message = (char *) texts->invalid_signed;
      break;
    case NB_KIND_DECIMAL:
      /* Excel cannot limit decimal places itself: a formula does. */
      cell_name (ref, row, column);
      formula = g_strdup_printf ("=AND(ISNUMBER(%s),%s>=0,%s<=%" G_GINT64_FORMAT ",ROUND(%s,%u)=%s)",
                                 ref, ref, ref, NB_NUMBER_MAX_INTEGER,
                                 ref, cell->kind.places, ref);
      places = g_strdup_printf ("%u", cell->kind.places);
      message = nb_format_fill (texts->invalid_decimal, "places", places, NULL);
      dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
      dv.value_formula = formula;
      dv.error_message = message;
      break;
    case NB_KIND_TEXT:
    default:
      return;
    }
  if (row == last_row && column == last_column)
    check (w, worksheet_data_validation_cell (ws, row, column, &dv));
  else
    check (w, worksheet_data_validation_range (ws, row, column, last_row, last_column, &dv));
}

/* ---- sheets ---- */

static char *
escape_header (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "&", -1);

  return g_strjoinv ("&&", parts);
}

typedef enum
{
  PAGE_TEXT,
  PAGE_TABLE,
  PAGE_TABLE_WIDE,
} PageKind;

static void
print_setup (Writer        *w,
             lxw_worksheet *ws,
             PageKind       kind)
{
  g_autofree char *title = escape_header (w->title);
  g_autofree char *header = g_strdup_printf ("&C%s", title);

  worksheet_set_paper (ws, 9);  /* A4 */
  if (kind == PAGE_TEXT)
    worksheet_set_margins (ws, TEXT_MARGIN_LEFT, TEXT_MARGIN_RIGHT,
                           TEXT_MARGIN_TOP, TEXT_MARGIN_BOTTOM);
  else
    worksheet_set_margins (ws, TABLE_MARGIN_SIDE, TABLE_MARGIN_SIDE,
                           TABLE_MARGIN_TOP, TABLE_MARGIN_BOTTOM);
  if (kind == PAGE_TABLE_WIDE)
    worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_center_horizontally (ws);
  /* A header too long for Excel is left out rather than failing the export. */
  if (strlen (header) <= LXW_HEADER_FOOTER_MAX)
    worksheet_set_header (ws, header);
  worksheet_set_footer (ws, "&C— &P —");
}

static void
merge_or_write (Writer        *w,
                lxw_worksheet *ws,
                guint          row,
                guint          column,
                guint          last_row,
                guint          last_column,
                const char    *text,
                lxw_format    *format)
{
  if (row != last_row || column != last_column)
    check (w, worksheet_merge_range (ws, row, column, last_row, last_column,
                                     text ? text : "", format));
  else if (text && *text)
    check (w, worksheet_write_string (ws, row, column, xml_text (w, text), format));
  else
    check (w, worksheet_write_blank (ws, row, column, format));
}

static void
write_value (Writer           *w,
             lxw_worksheet    *ws,
             const char       *own_sheet,
             const NbGridCell *gc,
             guint             row,
             double            size)
{
  const NbCellDef *cell = gc->cell;
  guint last_row = row + gc->rowspan - 1;
  guint last_column = gc->column + gc->colspan - 1;
  NbNumber value;
  g_autofree char *num_format = NULL;
  g_autofree char *formula = NULL;
  lxw_format *format;

  /* The formula's cached result is the sum it computes, so Excel, WPS and
   * LibreOffice show the same figure before and after recalculating. */
  if (cell->computed)
    value = nb_report_compute_at (w->report, cell->index);
  else
    value = *nb_report_get_value_at (w->report, cell->index);
  num_format = number_format_for (cell, &value);
  format = get_format (w, FONT_TABLE, size,
                       F_BORDER | F_CENTER | F_VCENTER | (cell->computed ? 0 : F_INPUT), num_format);

  if (row != last_row || gc->column != last_column)
    check (w, worksheet_merge_range (ws, row, gc->column, last_row, last_column, "", format));
  if (cell->computed)
    formula = sum_formula (w, cell, own_sheet);
  if (formula)
    check (w, worksheet_write_formula_num (ws, row, gc->column, formula, format,
                                           number_to_double (&value)));
  else if (value.blank)
    check (w, worksheet_write_blank (ws, row, gc->column, format));
  else
    check (w, worksheet_write_number (ws, row, gc->column, number_to_double (&value), format));

  if (!cell->computed)
    add_validation (w, ws, row, gc->column, last_row, last_column, cell);
}

static void
write_table_sheet (Writer           *w,
                   const NbTableDef *table,
                   const char       *name,
                   const char       *quoted)
{
  NbGrid *grid = table->grid;
  guint n_rows = nb_grid_get_n_rows (grid);
  guint n_columns = nb_grid_get_n_columns (grid);
  gboolean wide = nb_grid_is_wide (grid);
  double size = wide ? SIZE_TABLE_WIDE : SIZE_TABLE;
  /* 2 % spare for rounding to whole pixels. */
  double page = wide ? PAGE_WIDTH_PX (297.0, 2 * TABLE_MARGIN_SIDE)
                     : PAGE_WIDTH_PX (210.0, 2 * TABLE_MARGIN_SIDE);
  double total = (page - 5.0 * n_columns) / 7.0 * 0.98;
  double min_height = nb_xlsx_line_height (size) + 6;
  g_autofree double *widths = g_new0 (double, n_columns);
  g_autofree double *heights = g_new0 (double, n_rows + 1);
  double sum = 0;
  lxw_worksheet *ws;
  lxw_format *title_format;
  const guint offset = 1;  /* row 0 holds the table's title */

  ws = workbook_add_worksheet (w->workbook, name);
  if (!ws)
    {
      check (w, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }

  for (guint c = 0; c < n_columns; c++)
    sum += nb_grid_get_column_width (grid, c);
  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] = total * nb_grid_get_column_width (grid, c) / (sum > 0 ? sum : 1);
      check (w, worksheet_set_column (ws, c, c, widths[c], NULL));
    }

  title_format = get_format (w, FONT_HEADING, size + 1.5, F_VCENTER | F_WRAP, NULL);
  merge_or_write (w, ws, 0, 0, 0, n_columns - 1, table->title, title_format);
  heights[0] = nb_xlsx_line_height (size + 1.5) * nb_xlsx_text_lines (table->title, size + 1.5, total) + 8;
  for (guint r = 0; r < n_rows; r++)
    heights[r + offset] = min_height;

  /* Cells, and the heights their wrapped text needs: single rows first,
   * then spans grow their rows evenly where they need more room. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
      {
        const NbGridCell *gc = nb_grid_get_cell (grid, i);
        guint row = gc->row + offset;
        double width = 0, have = 0, need;

        if ((pass == 0) != (gc->rowspan == 1))
          continue;
        if (gc->role == NB_GRID_VALUE)
          {
            write_value (w, ws, quoted, gc, row, size);
            continue;
          }
        if (gc->role != NB_GRID_EMPTY && gc->text)
          {
            for (guint c = gc->column; c < gc->column + gc->colspan; c++)
              width += widths[c];
            need = nb_xlsx_line_height (size) * nb_xlsx_text_lines (gc->text, size, width) + 6;
            for (guint r = row; r < row + gc->rowspan; r++)
              have += heights[r];
            if (need > have)
              for (guint r = row; r < row + gc->rowspan; r++)
                heights[r] += (need - have) / gc->rowspan;
          }

        {
          guint flags = F_BORDER | F_WRAP | F_VCENTER;
          lxw_format *format;

          switch (gc->role)
            {
            case NB_GRID_CAPTION:
              flags |= F_CENTER | F_BOLD;
              break;
            case NB_GRID_HEADER:
              flags |= F_CENTER;
              break;
            case NB_GRID_LABEL:
              /* Long row labels read better left-aligned; a label spanning
               * several rows (三、本年度办理结果) is centred in its block. */
              if (gc->rowspan > 1)
                flags |= F_CENTER;
              break;
            default:
              break;
            }
          format = get_format (w, FONT_TABLE, size, flags, NULL);
          merge_or_write (w, ws, row, gc->column, row + gc->rowspan - 1,
                          gc->column + gc->colspan - 1,
                          gc->role == NB_GRID_EMPTY ? NULL : gc->text, format);
        }
      }

  double total_height = 0;

  for (guint r = 0; r <= n_rows; r++)
    {
      check (w, worksheet_set_row (ws, r, MIN (heights[r], MAX_ROW_HEIGHT), NULL));
      total_height += MIN (heights[r], MAX_ROW_HEIGHT);
    }

  /* Figures can be typed (and are validated); labels and the totals'
   * formulas cannot be overwritten by accident. No password: Review →
   * Unprotect Sheet lifts it. */
  {
    lxw_protection protection = { 0, };

    protection.format_cells = 1;
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect (ws, NULL, &protection);
  }

  print_setup (w, ws, wide ? PAGE_TABLE_WIDE : PAGE_TABLE);
  /* A form a little taller than a page prints on one page, slightly
   * smaller, rather than with a merged label cut at the page break; a
   * much longer one keeps its size and its repeated header rows. */
  {
    double page = ((wide ? 8.27 : 11.69) - TABLE_MARGIN_TOP - TABLE_MARGIN_BOTTOM) * 72 - 30;

    if (total_height <= page * 1.4)
      worksheet_fit_to_pages (ws, 1, 1);
  }
  /* The title and the header rows on every printed page. */
  check (w, worksheet_repeat_rows (ws, 0, nb_grid_get_header_rows (grid)));
  worksheet_freeze_panes (ws, nb_grid_get_header_rows (grid) + offset, 0);
}

/* A paragraph longer than a row can show is cut, preferably after a
 * sentence, into pieces of at most @max characters. */
static GPtrArray *
split_paragraph (const char *text,
                 glong       max)
{
  GPtrArray *pieces = g_ptr_array_new_with_free_func (g_free);

  while (g_utf8_strlen (text, -1) > max)
    {
      const char *end = g_utf8_offset_to_pointer (text, max);
      const char *cut = NULL;

      const char *comma = NULL;

      for (const char *p = text; p < end; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* 。！？； end sentences; ，、 at least phrases. */
          if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B)
            cut = g_utf8_next_char (p);
          else if (c == 0xFF0C || c == 0x3001)
            comma = g_utf8_next_char (p);
        }
      if (!cut || cut - text < (end - text) / 2)
        cut = comma;
      if (!cut || cut - text < (end - text) / 2)
        cut = end;
      g_ptr_array_add (pieces, g_strndup (text, cut - text));
      text = cut;
    }
  if (*text)
    g_ptr_array_add (pieces, g_strdup (text));
  return pieces;
}

/* Body paragraphs open with two ideographic spaces, the first-line
 * indent of Chinese documents (a cell has no first-line indent of its own). */
#define FIRST_LINE_INDENT "\u3000\u3000"

/* @text opens with @indent_len bytes of indent; up to @lead_len bytes (a
 * subheading) are set in @lead_format, the rest in @format. */
static void
write_paragraph (Writer        *w,
                 lxw_worksheet *ws,
                 guint         *row,
                 const char    *text,
                 lxw_format    *format,
                 double         size,
                 gsize          indent_len,
                 gsize          lead_len,
                 lxw_format    *lead_format)
{
  /* Characters that fit in one maximal row. */
  glong per_line = (glong) (BODY_WIDTH / (2.1 * size / 11.0));
  glong max_lines = (glong) (MAX_ROW_HEIGHT / nb_xlsx_line_height (size)) - 1;
  g_autoptr(GPtrArray) pieces = split_paragraph (text, MAX (per_line * max_lines * 9 / 10, 1));

  for (guint i = 0; i < pieces->len; i++)
    {
      const char *piece = g_ptr_array_index (pieces, i);
      double height = nb_xlsx_line_height (size) * nb_xlsx_text_lines (piece, size, BODY_WIDTH) + 4;

      /* The cell keeps the body's format; the lead is a run of its own
       * after the indent (a rich string needs two runs or more). */
      /* Text XML cannot hold is mapped first (see xml_text); a lead is
       * only set apart when that changed nothing. */
      const char *clean = xml_text (w, piece);

      if (i == 0 && lead_len > indent_len && lead_len <= strlen (piece) && strcmp (clean, piece) == 0)
        {
          g_autofree char *indent = g_strndup (piece, indent_len);
          g_autofree char *lead = g_strndup (piece + indent_len, lead_len - indent_len);
          lxw_rich_string_tuple first = { format, indent };
          lxw_rich_string_tuple second = { lead_format, lead };
          lxw_rich_string_tuple rest = { format, (char *) piece + lead_len };
          lxw_rich_string_tuple *fragments[] = { &first, &second, piece[lead_len] ? &rest : NULL, NULL };

          check (w, worksheet_write_rich_string (ws, *row, 0, fragments, format));
        }
      else
        check (w, worksheet_write_string (ws, *row, 0, clean, format));
      check (w, worksheet_set_row (ws, *row, MIN (height, MAX_ROW_HEIGHT), NULL));
      (*row)++;
    }
}

/* The table a section's table block stands for: a link to its sheet. */
static void
write_table_link (Writer         *w,
                  lxw_worksheet  *ws,
                  guint          *row,
                  const NbBlock  *block,
                  const char    **sheet_names,
                  const char    **quoted_names,
                  lxw_format     *link)
{
  for (guint t = 0; t < nb_format_get_n_tables (w->format); t++)
    if (nb_format_get_table (w->format, t) == block->table)
      {
        g_autofree char *text = nb_format_fill (nb_format_get_document_texts (w->format)->table_link,
                                                "sheet", sheet_names[t], NULL);
        g_autofree char *url = g_strdup_printf ("internal:%s!A1", quoted_names[t]);

        check (w, worksheet_write_url_opt (ws, *row, 0, url, link, text, NULL));
        check (w, worksheet_set_row (ws, *row, nb_xlsx_line_height (SIZE_BODY) + 4, NULL));
        (*row)++;
        return;
      }
}

/* Renders the printed report's document (nb-document.h) one block a row:
 * the texts are the PDF's, the tables are links to their sheets. */
static void
write_body_sheet (Writer      *w,
                  const char **sheet_names,
                  const char **quoted_names)
{
  lxw_worksheet *ws = workbook_add_worksheet (w->workbook, NB_XLSX_BODY_SHEET);
  lxw_format *title = get_format (w, FONT_TABLE, SIZE_TITLE, F_BOLD | F_CENTER | F_VCENTER | F_WRAP, NULL);
  lxw_format *heading = get_format (w, FONT_HEADING, SIZE_BODY, F_VCENTER | F_WRAP, NULL);
  lxw_format *body = get_format (w, FONT_BODY, SIZE_BODY, F_VTOP | F_WRAP, NULL);
  lxw_format *right = get_format (w, FONT_BODY, SIZE_BODY, F_RIGHT | F_VCENTER, NULL);
  lxw_format *link = get_format (w, FONT_BODY, SIZE_BODY, F_VTOP | F_WRAP, NULL);
  lxw_format *kai = get_format (w, FONT_KAI, SIZE_BODY, F_VTOP | F_WRAP, NULL);
  lxw_format *bold = get_format (w, FONT_BODY, SIZE_BODY, F_BOLD | F_VTOP | F_WRAP, NULL);
  g_autoptr(NbDocument) document = nb_document_new (w->report);
  guint n = nb_document_get_n_blocks (document);
  guint row = 0;

  if (!ws)
    {
      check (w, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }
  check (w, worksheet_set_column (ws, 0, 0, BODY_WIDTH, NULL));

  for (guint i = 0; i < n; i++)
    {
      const NbBlock *block = nb_document_get_block (document, i);
      const NbBlock *next = i + 1 < n ? nb_document_get_block (document, i + 1) : NULL;

      switch (block->kind)
        {
        case NB_BLOCK_TITLE:
          {
            /* Too long for a line: broken where the PDF breaks it, after
             * the agency and year, not wherever the cell runs out. */
            g_auto(GStrv) lines = nb_document_dup_title_lines (block);
            g_autofree char *text = nb_xlsx_text_lines (block->text, SIZE_TITLE, BODY_WIDTH) > 1
                                    ? g_strjoinv ("\n", lines) : g_strdup (block->text);

            check (w, worksheet_write_string (ws, row, 0, xml_text (w, text), title));
            check (w, worksheet_set_row (ws, row, nb_xlsx_line_height (SIZE_TITLE) * nb_xlsx_text_lines (text, SIZE_TITLE, BODY_WIDTH) + 12, NULL));
            row += 2;
          }
          break;
        case NB_BLOCK_HEADING:
          check (w, worksheet_write_string (ws, row, 0, xml_text (w, block->text), heading));
          check (w, worksheet_set_row (ws, row, nb_xlsx_line_height (SIZE_BODY) * nb_xlsx_text_lines (block->text, SIZE_BODY, BODY_WIDTH) + 8, NULL));
          row++;
          break;
        case NB_BLOCK_TABLE:
          write_table_link (w, ws, &row, block, sheet_names, quoted_names, link);
          break;
        case NB_BLOCK_PARAGRAPH:
          {
            /* A cell has no first-line indent of its own. Subheadings:
             * 楷体 (level 2) or bold (level 3) up to their first 。. */
            g_autofree char *indented = g_strconcat (FIRST_LINE_INDENT, block->text, NULL);
            lxw_format *lead = block->level == 2 ? kai : block->level == 3 ? bold : body;
            gsize lead_len = block->level > 0 ? strlen (FIRST_LINE_INDENT) + block->lead_len : 0;

            write_paragraph (w, ws, &row, indented, body, SIZE_BODY, strlen (FIRST_LINE_INDENT), lead_len, lead);
          }
          break;
        case NB_BLOCK_FIELD:
          write_paragraph (w, ws, &row, block->text, body, SIZE_BODY, 0, 0, NULL);
          break;
        case NB_BLOCK_SIGNOFF:
          if (*block->text)
            {
              check (w, worksheet_write_string (ws, row, 0, xml_text (w, block->text), right));
              check (w, worksheet_set_row (ws, row++, nb_xlsx_line_height (SIZE_BODY) + 4, NULL));
            }
          if (block->date)
            {
              check (w, worksheet_write_string (ws, row, 0, block->date, right));
              check (w, worksheet_set_row (ws, row++, nb_xlsx_line_height (SIZE_BODY) + 4, NULL));
            }
          break;
        default:
          break;
        }
      /* A blank row after each section. */
      if (block->section != NULL && (next == NULL || next->section != block->section))
        row++;
    }

  print_setup (w, ws, PAGE_TEXT);
  worksheet_activate (ws);
}

static void
write_data_row (Writer        *w,
                lxw_worksheet *ws,
                guint          row,
                const char    *key,
                const char    *value,
                lxw_format    *format)
{
  check (w, worksheet_write_string (ws, row, 0, key, format));
  if (value && *value)
    check (w, worksheet_write_string (ws, row, 1, xml_text (w, value), format));
}

/* A text longer than this goes on several rows with the same key (a cell
 * holds at most 32 767 UTF-16 units; a character may take two). */
#define DATA_CHUNK_CHARS 16000

/* What the figures alone do not say, so that reading the workbook back
 * gives the very document exported (nb-xlsx-reader.c): the sign-off, a
 * stated title, the section texts, and which totals were stated as
 * printed (an imported report) rather than computed. */
static void
write_data_document (Writer        *w,
                     lxw_worksheet *ws,
                     guint         *row,
                     lxw_format    *format)
{
  g_autoptr(GString) stated = g_string_new (NULL);

  write_data_row (w, ws, (*row)++, "signoff", nb_report_get_signoff (w->report), format);
  write_data_row (w, ws, (*row)++, "stated_title", nb_report_get_stated_title (w->report), format);
  for (guint s = 0; s < nb_format_get_n_sections (w->format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (w->format, s);
      g_autofree char *key = NULL;
      const char *text;

      if (section->kind != NB_SECTION_TEXT)
        continue;
      key = g_strconcat ("text/", section->key, NULL);
      text = nb_report_get_text (w->report, section->key);
      do
        {
          const char *end = text;
          g_autofree char *piece = NULL;

          for (guint n = 0; *end && n < DATA_CHUNK_CHARS; n++)
            end = g_utf8_next_char (end);
          piece = g_strndup (text, end - text);
          write_data_row (w, ws, (*row)++, key, piece, format);
          text = end;
        }
      while (*text);
    }
  for (guint i = 0; i < nb_format_get_n_cells (w->format); i++)
    if (nb_report_has_stated_value (w->report, i))
      g_string_append_printf (stated, "%s%s", stated->len ? " " : "",
                              nb_format_get_cell (w->format, i)->key);
  write_data_row (w, ws, (*row)++, "stated_totals", stated->str, format);
}

static void
write_data_sheet (Writer *w)
{
  static const char *const meta[] = { "format", "agency", "agency_kind", "year", "date" };
  lxw_worksheet *ws = workbook_add_worksheet (w->workbook, NB_XLSX_DATA_SHEET);
  lxw_format *head = get_format (w, FONT_TABLE, 11, F_BOLD | F_BORDER, NULL);
  lxw_format *text = get_format (w, FONT_TABLE, 11, 0, "@");
  guint row = 0;

  if (!ws)
    {
      check (w, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }
  check (w, worksheet_set_column (ws, 0, 0, 44, NULL));
  check (w, worksheet_set_column (ws, 1, 1, 24, NULL));
  write_data_row (w, ws, row++, "key", "value", head);

  for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
    {
      g_autofree char *value = nb_report_dup_field (w->report, meta[i], NULL);

      write_data_row (w, ws, row++, meta[i], value, text);
    }
  for (guint i = 0; i < nb_format_get_n_cells (w->format); i++)
    {
      const NbCellDef *cell = nb_format_get_cell (w->format, i);
      g_autofree char *value = nb_report_dup_field (w->report, cell->key, NULL);

      write_data_row (w, ws, row++, cell->key, value, text);
    }
  write_data_document (w, ws, &row, text);

  /* Values are text on purpose (exact decimals): no green triangles. */
  check (w, worksheet_ignore_errors (ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT,
                                     keep (w, g_strdup_printf ("B1:B%u", row))));
  worksheet_freeze_panes (ws, 1, 0);
  print_setup (w, ws, PAGE_TEXT);
  /* For programs (aggregation), not for people: hidden, so it is neither
   * in the way nor printed; Excel's "Unhide" shows it. */
  worksheet_hide (ws);
}

/* The section's short heading ("三、依申请公开"), made a valid sheet name:
 * at most 31 characters, none of []:*?/\ , not starting or ending with
 * an apostrophe, and unique. */
static char *
sheet_name_for (NbFormat         *format,
                const NbTableDef *table,
                GHashTable       *used)
{
  const char *base = table->title;
  g_autoptr(GString) name = g_string_new (NULL);
  char *result;

  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);

      if (section->table == table && section->short_heading)
        base = section->short_heading;
    }
  if (!base || !*base)
    base = table->key;

  for (const char *p = base; *p && g_utf8_strlen (name->str, -1) < 31; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) && c < 0x80)
        c = '_';
      else if (c < 0x20)
        continue;
      g_string_append_unichar (name, c);
    }
  while (name->len && name->str[0] == '\'')
    g_string_erase (name, 0, 1);
  while (name->len && name->str[name->len - 1] == '\'')
    g_string_truncate (name, name->len - 1);
  if (!name->len)
    g_string_assign (name, table->key);

  result = g_strdup (name->str);
  for (guint n = 2; g_hash_table_contains (used, result); n++)
    {
      g_autofree char *suffix = g_strdup_printf ("(%u)", n);
      glong room = 31 - g_utf8_strlen (suffix, -1);
      g_autofree char *stem = g_utf8_substring (name->str, 0, MIN (room, g_utf8_strlen (name->str, -1)));

      g_free (result);
      result = g_strconcat (stem, suffix, NULL);
    }
  g_hash_table_add (used, g_utf8_casefold (result, -1));
  return result;
}

static void
set_properties (Writer *w)
{
  g_autofree char *subject = NULL, *year = NULL, *comments = NULL;
  const NbDocumentTextsDef *texts = nb_format_get_document_texts (w->format);
  const char *agency = nb_report_get_agency (w->report);
  lxw_doc_properties props = { 0 };

  year = g_strdup_printf ("%d", nb_report_get_year (w->report));
  subject = nb_format_fill (texts->workbook_subject, "year", year,
                            "version", nb_format_get_version (w->format),
                            "issued_by", nb_format_get_issued_by (w->format), NULL);
  comments = nb_format_fill (texts->generated_by, "program", "nianbao " PACKAGE_VERSION, NULL);
  props.title = (char *) xml_text (w, w->title);
  props.subject = subject;
  props.author = (char *) xml_text (w, agency ? agency : "");
  props.company = props.author;
  props.keywords = (char *) texts->keywords;
  props.comments = comments;
  check (w, workbook_set_properties (w->workbook, &props));
  /* core.xml has no separate "creator program": name it here. */
  check (w, workbook_set_custom_property_string (w->workbook, "Generator", "nianbao " PACKAGE_VERSION));
}

/* Where every value lands, before any formula refers to it. */
static void
place_tables (Writer     *w,
              GHashTable *used,
              GPtrArray  *names,
              GPtrArray  *quoted)
{
  for (guint t = 0; t < nb_format_get_n_tables (w->format); t++)
    {
      const NbTableDef *table = nb_format_get_table (w->format, t);
      char *name = sheet_name_for (w->format, table, used);
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = g_strsplit (name, "'", -1);
      char *q;

      escaped = g_strjoinv ("''", parts);
      q = g_strdup_printf ("'%s'", escaped);
      g_ptr_array_add (names, name);
      g_ptr_array_add (quoted, q);
      for (guint i = 0; i < nb_grid_get_n_cells (table->grid); i++)
        {
          const NbGridCell *gc = nb_grid_get_cell (table->grid, i);

          if (gc->role == NB_GRID_VALUE && gc->cell)
            w->positions[gc->cell->index] = (CellPos) { q, gc->row + 1, gc->column };
        }
    }
}

/* What both workbooks (nianbao's own and the summary's table sheets) need
 * before the first sheet. */
static void
writer_init (Writer   *w,
             NbReport *report)
{
  g_autofree char *title = nb_report_dup_title (report);

  w->report = report;
  w->format = nb_report_get_format (report);
  /* Also in every page header: mapped once here. */
  w->title = nb_text_sanitize (title);
  w->formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->strings = g_ptr_array_new_with_free_func (g_free);
  w->positions = g_new0 (CellPos, nb_format_get_n_cells (w->format));
}

/* Frees what writer_init made; FALSE with @error after a libxlsxwriter
 * failure. Table sheets keep no string of ours past this point. */
static gboolean
writer_finish (Writer  *w,
               GError **error)
{
  g_clear_pointer (&w->title, g_free);
  g_clear_pointer (&w->positions, g_free);
  g_clear_pointer (&w->formats, g_hash_table_unref);
  g_clear_pointer (&w->strings, g_ptr_array_unref);
  return nb_xlsx_check_error (w->error, error);
}

gboolean
nb_xlsx_add_table_sheets (lxw_workbook  *workbook,
                          NbReport      *report,
                          const char    *avoid_names[],
                          GError       **error)
{
  Writer w = { 0 };
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (workbook != NULL, FALSE);
  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);

  w.workbook = workbook;
  writer_init (&w, report);
  for (guint i = 0; avoid_names && avoid_names[i]; i++)
    g_hash_table_add (used, g_utf8_casefold (avoid_names[i], -1));

  place_tables (&w, used, names, quoted);
  for (guint t = 0; t < nb_format_get_n_tables (w.format); t++)
    write_table_sheet (&w, nb_format_get_table (w.format, t),
                       g_ptr_array_index (names, t), g_ptr_array_index (quoted, t));
  return writer_finish (&w, error);
}

static gboolean
write_workbook (NbReport   *report,
                const char *utf8_filename,
                GError    **error)
{
  Writer w = { 0 };
  guint n_tables;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) quoted = g_ptr_array_new_with_free_func (g_free);

  writer_init (&w, report);
  n_tables = nb_format_get_n_tables (w.format);

  g_hash_table_add (used, g_utf8_casefold (NB_XLSX_BODY_SHEET, -1));
  g_hash_table_add (used, g_utf8_casefold (NB_XLSX_DATA_SHEET, -1));

  place_tables (&w, used, names, quoted);

  w.workbook = nb_xlsx_workbook_new (utf8_filename, error);
  if (!w.workbook)
    {
      writer_finish (&w, NULL);
      return FALSE;
    }

  set_properties (&w);
  write_body_sheet (&w, (const char **) names->pdata, (const char **) quoted->pdata);
  for (guint t = 0; t < n_tables; t++)
    write_table_sheet (&w, nb_format_get_table (w.format, t),
                       g_ptr_array_index (names, t), g_ptr_array_index (quoted, t));
  write_data_sheet (&w);

  /* Always close: it frees the workbook, even after a failure. */
  nb_xlsx_keep_error (&w.error, workbook_close (w.workbook));
  return writer_finish (&w, error);
}

static gboolean
write_workbook_to (const char  *tmp_path,
                   gpointer     user_data,
                   GError     **error)
{
  NbReport *report = user_data;
  g_autofree char *title = nb_report_dup_title (report);
  const char *labels[] = { _("The agency"), _("The title"), _("The sign-off") };
  const char *values[] = { nb_report_get_agency (report), title, nb_report_get_signoff (report) };

  /* One cell each: refused by name, not with libxlsxwriter's English
   * "String exceeds Excel's limit" after the work is done. Characters
   * XML forbids are mapped when written; only the length is fatal. */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!nb_text_check (labels[i], values[i], NB_TEXT_MAX_CELL_CHARS, &local_error) &&
          g_error_matches (local_error, NB_ERROR, NB_ERROR_RANGE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return write_workbook (report, tmp_path, error);
}

gboolean
nb_xlsx_write_full (NbReport          *report,
                    const char        *path,
                    NbSafeWriteFlags   flags,
                    GError           **error)
{
  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);

  /* The workbook replaces the old one only once its zip directory and
   * every XML part read back. */
  return nb_export_write_file (path, write_workbook_to, report, flags, nb_xlsx_verify, error);
}

gboolean
nb_xlsx_write (NbReport    *report,
               const char  *path,
               GError     **error)
{
  return nb_xlsx_write_full (report, path, NB_SAFE_WRITE_NONE, error);
}
