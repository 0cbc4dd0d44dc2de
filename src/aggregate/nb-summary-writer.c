/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-summary-writer.c — the summary workbook, written with libxlsxwriter */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <xlsxwriter.h>

#include "nb-error.h"
#include "nb-summary-writer.h"
#include "nb-xlsx-verify.h"
#include "nb-export.h"
#include "nb-safe-write.h"
#include "nb-xlsx-writer.h"
#include "nb-xlsx-workbook.h"

#define FONT "宋体"
#define SIZE 10.5  /* 5号 */

typedef struct
{
  lxw_workbook *wb;
  lxw_error     error;
  lxw_format   *title, *head, *text, *number, *total_label, *total, *wrap;
} Summary;

static void
check (Summary  *s,
       lxw_error err)
{
  nb_xlsx_keep_error (&s->error, err);
}

static lxw_format *
new_format (Summary *s,
            gboolean bold,
            gboolean border,
            const char *num_format)
{
  lxw_format *f = workbook_add_format (s->wb);

  format_set_font_name (f, FONT);
  format_set_font_size (f, SIZE);
  format_set_font_charset (f, 134);
  format_set_align (f, LXW_ALIGN_VERTICAL_CENTER);
  if (bold)
    format_set_bold (f);
  if (border)
    format_set_border (f, LXW_BORDER_THIN);
  if (num_format)
    format_set_num_format (f, num_format);
  return f;
}

static double
to_double (const NbNumber *n)
{
  char buf[NB_NUMBER_BUF];

  return n->blank ? 0 : g_ascii_strtod (nb_number_format (n, buf), NULL);
}

/* Counted agencies first (the chart shows them), then the rest. */
static GPtrArray *
ordered_entries (NbAggregate *agg)
{
  GPtrArray *out = g_ptr_array_new ();

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < nb_aggregate_get_n_entries (agg); i++)
      {
        const NbAggregateEntry *e = nb_aggregate_get_entry (agg, i);

        if (e->counted == (pass == 0))
          g_ptr_array_add (out, (gpointer) e);
      }
  return out;
}

static char *
join_notes (const NbAggregateEntry *e)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; e->notes && i < e->notes->len; i++)
    g_string_append_printf (s, "%s%s", s->len ? "；" : "", (const char *) g_ptr_array_index (e->notes, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
base_name (const char *path)
{
  return path ? g_path_get_basename (path) : g_strdup ("");
}

/* Rows of wrapped text get the height they need: LibreOffice does not grow
 * them by itself. Measured as the report's workbook measures its text. */
static double
wrapped_height (const char *text,
                double      width)
{
  return nb_xlsx_line_height (SIZE) * nb_xlsx_text_lines (text, SIZE, width) + 2;
}

/* Columns of the 汇总 sheet. */
enum { C_NO, C_AGENCY, C_FILE, C_FIGURES };

static void
write_agencies (Summary     *s,
                NbAggregate *agg,
                GPtrArray   *rows)
{
  lxw_worksheet *ws = workbook_add_worksheet (s->wb, NB_SUMMARY_AGENCIES_SHEET);
  guint n_fig = nb_aggregate_get_n_figures (agg);
  guint c_errors = C_FIGURES + n_fig, c_warnings = c_errors + 1, c_state = c_errors + 2,
        c_counted = c_errors + 3, c_notes = c_errors + 4;
  guint first = 2, last = first + (rows->len ? rows->len - 1 : 0), total_row = first + rows->len;
  g_autofree char *title = NULL;
  g_autofree NbNumber *sums = g_new0 (NbNumber, n_fig);
  guint sum_errors = 0, sum_warnings = 0;
  char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH], k0[LXW_MAX_CELL_NAME_LENGTH],
       k1[LXW_MAX_CELL_NAME_LENGTH];
  NbReport *summary = nb_aggregate_get_summary (agg);

  if (!ws)
    {
      check (s, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }
  title = g_strdup_printf (_("%s %d: reports of %u agencies, %u counted"),
                           nb_report_get_agency (summary), nb_aggregate_get_year (agg),
                           rows->len - nb_aggregate_count_state (agg, NB_ENTRY_MISSING),
                           nb_aggregate_get_n_counted (agg));
  check (s, worksheet_write_string (ws, 0, 0, title, s->title));
  check (s, worksheet_set_row (ws, 0, 24, NULL));

  check (s, worksheet_write_string (ws, 1, C_NO, _("No."), s->head));
  check (s, worksheet_write_string (ws, 1, C_AGENCY, _("Agency"), s->head));
  check (s, worksheet_write_string (ws, 1, C_FILE, _("File"), s->head));
  for (guint f = 0; f < n_fig; f++)
    {
      check (s, worksheet_write_string (ws, 1, C_FIGURES + f, nb_aggregate_get_figure_label (agg, f), s->head));
      sums[f] = nb_number_from_int (0);
    }
  check (s, worksheet_write_string (ws, 1, c_errors, _("Errors"), s->head));
  check (s, worksheet_write_string (ws, 1, c_warnings, _("Warnings"), s->head));
  check (s, worksheet_write_string (ws, 1, c_state, _("State"), s->head));
  check (s, worksheet_write_string (ws, 1, c_counted, _("Counted"), s->head));
  check (s, worksheet_write_string (ws, 1, c_notes, _("Notes"), s->head));
  check (s, worksheet_set_row (ws, 1, 42, NULL));

  for (guint i = 0; i < rows->len; i++)
    {
      const NbAggregateEntry *e = g_ptr_array_index (rows, i);
      guint r = first + i;
      g_autofree char *file = base_name (e->path);
      g_autofree char *notes = join_notes (e);

      check (s, worksheet_write_number (ws, r, C_NO, i + 1, s->number));
      check (s, worksheet_write_string (ws, r, C_AGENCY, e->agency ? e->agency : "", s->text));
      check (s, worksheet_write_string (ws, r, C_FILE, file, s->text));
      for (guint f = 0; f < n_fig; f++)
        {
          if (e->figures)
            {
              check (s, worksheet_write_number (ws, r, C_FIGURES + f, to_double (&e->figures[f]), s->number));
              if (e->counted)
                nb_number_add (&sums[f], &e->figures[f]);
            }
          else
            check (s, worksheet_write_blank (ws, r, C_FIGURES + f, s->number));
        }
      if (e->state != NB_ENTRY_UNREADABLE && e->state != NB_ENTRY_MISSING)
        {
          check (s, worksheet_write_number (ws, r, c_errors, e->n_errors, s->number));
          check (s, worksheet_write_number (ws, r, c_warnings, e->n_warnings, s->number));
          if (e->counted)
            {
              sum_errors += e->n_errors;
              sum_warnings += e->n_warnings;
            }
        }
      else
        {
          check (s, worksheet_write_blank (ws, r, c_errors, s->number));
          check (s, worksheet_write_blank (ws, r, c_warnings, s->number));
        }
      check (s, worksheet_write_string (ws, r, c_state, nb_entry_state_to_string (e->state), s->text));
      check (s, worksheet_write_string (ws, r, c_counted, e->counted ? "是" : "否", s->text));
      check (s, worksheet_write_string (ws, r, c_notes, notes, s->wrap));
      if (*notes)
        check (s, worksheet_set_row (ws, r, wrapped_height (notes, 48), NULL));
    }

  /* Totals: live formulas over the counted rows, their values cached. */
  lxw_rowcol_to_cell_abs (k0, first, c_counted, 1, 1);
  lxw_rowcol_to_cell_abs (k1, last, c_counted, 1, 1);
  check (s, worksheet_write_string (ws, total_row, C_NO, "", s->total_label));
  check (s, worksheet_write_string (ws, total_row, C_AGENCY, _("Total (counted reports)"), s->total_label));
  check (s, worksheet_write_string (ws, total_row, C_FILE, "", s->total_label));
  for (guint c = C_FIGURES; c <= c_warnings; c++)
    {
      g_autofree char *formula = NULL;
      double value;

      lxw_rowcol_to_cell (a, first, c);
      lxw_rowcol_to_cell (b, last, c);
      formula = g_strdup_printf ("=SUMIFS(%s:%s,%s:%s,\"是\")", a, b, k0, k1);
      if (c < c_errors)
        value = to_double (&sums[c - C_FIGURES]);
      else
        value = c == c_errors ? sum_errors : sum_warnings;
      check (s, worksheet_write_formula_num (ws, total_row, c, formula, s->total, value));
    }
  for (guint c = c_state; c <= c_notes; c++)
    check (s, worksheet_write_string (ws, total_row, c, "", s->total_label));

  check (s, worksheet_set_column (ws, C_NO, C_NO, 5, NULL));
  check (s, worksheet_set_column (ws, C_AGENCY, C_AGENCY, 24, NULL));
  check (s, worksheet_set_column (ws, C_FILE, C_FILE, 24, NULL));
  check (s, worksheet_set_column (ws, C_FIGURES, C_FIGURES + n_fig - 1, 9, NULL));
  check (s, worksheet_set_column (ws, c_errors, c_counted, 7, NULL));
  check (s, worksheet_set_column (ws, c_state, c_state, 12, NULL));
  check (s, worksheet_set_column (ws, c_notes, c_notes, 48, NULL));
  check (s, worksheet_autofilter (ws, 1, 0, last, c_notes));
  worksheet_freeze_panes (ws, 2, 2);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  check (s, worksheet_repeat_rows (ws, 1, 1));
  worksheet_activate (ws);
}

static void
problem_row (Summary       *s,
             lxw_worksheet *ws,
             guint         *row,
             const char    *agency,
             const char    *file,
             const char    *severity,
             const char    *id,
             const char    *message)
{
  check (s, worksheet_write_string (ws, *row, 0, agency ? agency : "", s->text));
  check (s, worksheet_write_string (ws, *row, 1, file, s->text));
  check (s, worksheet_write_string (ws, *row, 2, severity, s->text));
  check (s, worksheet_write_string (ws, *row, 3, id ? id : "", s->text));
  check (s, worksheet_write_string (ws, *row, 4, message, s->wrap));
  check (s, worksheet_set_row (ws, *row, wrapped_height (message, 90), NULL));
  (*row)++;
}

static void
write_problems (Summary     *s,
                NbAggregate *agg,
                GPtrArray   *rows)
{
  lxw_worksheet *ws = workbook_add_worksheet (s->wb, NB_SUMMARY_PROBLEMS_SHEET);
  guint row = 0;

  if (!ws)
    {
      check (s, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }
  check (s, worksheet_write_string (ws, row, 0, _("Agency"), s->head));
  check (s, worksheet_write_string (ws, row, 1, _("File"), s->head));
  check (s, worksheet_write_string (ws, row, 2, _("Kind"), s->head));
  check (s, worksheet_write_string (ws, row, 3, _("Check"), s->head));
  check (s, worksheet_write_string (ws, row, 4, _("Problem"), s->head));
  row++;
  for (guint i = 0; i < rows->len; i++)
    {
      const NbAggregateEntry *e = g_ptr_array_index (rows, i);
      g_autofree char *file = base_name (e->path);

      for (guint k = 0; e->notes && k < e->notes->len; k++)
        problem_row (s, ws, &row, e->agency, file,
                     e->state == NB_ENTRY_FINE || e->state == NB_ENTRY_WARNINGS || e->state == NB_ENTRY_ERRORS
                       ? _("note") : _("not counted"),
                     NULL, g_ptr_array_index (e->notes, k));
      for (guint k = 0; e->problems && k < e->problems->len; k++)
        {
          NbProblem *p = g_ptr_array_index (e->problems, k);

          problem_row (s, ws, &row, e->agency, file,
                       nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? _("error") : _("warning"),
                       nb_problem_get_id (p), nb_problem_get_message (p));
        }
    }
  check (s, worksheet_set_column (ws, 0, 1, 24, NULL));
  check (s, worksheet_set_column (ws, 2, 2, 8, NULL));
  check (s, worksheet_set_column (ws, 3, 3, 22, NULL));
  check (s, worksheet_set_column (ws, 4, 4, 90, NULL));
  if (row > 1)
    check (s, worksheet_autofilter (ws, 0, 0, row - 1, 4));
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
}

static void
write_differences (Summary   *s,
                   GPtrArray *differences)
{
  lxw_worksheet *ws = workbook_add_worksheet (s->wb, NB_SUMMARY_COMPARE_SHEET);

  if (!ws)
    {
      check (s, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }
  check (s, worksheet_write_string (ws, 0, 0, differences->len
                                    ? _("The area's own report against the totals of its agencies' reports")
                                    : _("The area's own report agrees with the totals of its agencies' reports"),
                                    s->head));
  for (guint i = 0; i < differences->len; i++)
    check (s, worksheet_write_string (ws, i + 1, 0, g_ptr_array_index (differences, i), s->wrap));
  check (s, worksheet_set_column (ws, 0, 0, 120, NULL));
}

/* Figure @f of every counted agency (汇总 rows @r0…@r1) as a series of
 * @chart, named after its column's heading. */
static void
add_figure_series (lxw_chart *chart,
                   guint      f,
                   guint      r0,
                   guint      r1)
{
  lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

  chart_series_set_categories (series, NB_SUMMARY_AGENCIES_SHEET, r0, C_AGENCY, r1, C_AGENCY);
  chart_series_set_values (series, NB_SUMMARY_AGENCIES_SHEET, r0, C_FIGURES + f, r1, C_FIGURES + f);
  chart_series_set_name_range (series, NB_SUMMARY_AGENCIES_SHEET, 1, C_FIGURES + f);
}

static void
label_chart (lxw_chart  *chart,
             const char *title,
             const char *y_axis)
{
  chart_title_set_name (chart, title);
  chart_axis_set_name (chart_axis_get (chart, LXW_CHART_AXIS_TYPE_Y), y_axis);
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
}

static void
write_charts (Summary     *s,
              NbAggregate *agg,
              guint        n_counted)
{
  lxw_worksheet *ws = workbook_add_worksheet (s->wb, NB_SUMMARY_CHART_SHEET);
  guint first, end, n_fig = nb_aggregate_get_n_figures (agg);
  lxw_chart *handled, *reviews;
  lxw_chart_options options = { 0 };
  guint r0 = 2, r1 = 2 + n_counted - 1;
  /* Charts grow with the number of agencies, up to a readable limit. */
  double scale = CLAMP (n_counted / 8.0, 1.0, 6.0);

  if (!ws)
    {
      check (s, LXW_ERROR_PARAMETER_VALIDATION);
      return;
    }
  if (n_counted == 0)
    return;
  nb_aggregate_get_handled_range (agg, &first, &end);

  handled = workbook_add_chart (s->wb, LXW_CHART_COLUMN_STACKED);
  for (guint f = first; f < end; f++)
    add_figure_series (handled, f, r0, r1);
  label_chart (handled, _("Requests handled per agency, by result"), _("Requests"));
  options.x_scale = scale * 1.5;
  options.y_scale = 1.6;
  check (s, worksheet_insert_chart_opt (ws, 0, 0, handled, &options));

  reviews = workbook_add_chart (s->wb, LXW_CHART_COLUMN);
  for (guint f = 0; f < n_fig; f++)
    {
      if (nb_aggregate_figure_is_charted (agg, f))
        add_figure_series (reviews, f, r0, r1);
    }
  label_chart (reviews, _("Administrative reviews and lawsuits per agency"), _("Cases"));
  check (s, worksheet_insert_chart_opt (ws, 26, 0, reviews, &options));
  worksheet_set_paper (ws, 9);
  worksheet_set_landscape (ws);
  worksheet_fit_to_pages (ws, 1, 1);
}

static gboolean
write_summary (NbAggregate *agg,
               GPtrArray   *differences,
               const char  *filename,
               GError     **error)
{
  Summary s = { 0 };
  g_autoptr(GPtrArray) rows = ordered_entries (agg);
  const char *avoid[] = { NB_SUMMARY_AGENCIES_SHEET, NB_SUMMARY_PROBLEMS_SHEET, NB_SUMMARY_COMPARE_SHEET,
                          NB_SUMMARY_CHART_SHEET, NULL };
  g_autoptr(GError) local_error = NULL;
  lxw_doc_properties props = { 0 };
  g_autofree char *title = NULL, *comments = NULL;

  s.wb = nb_xlsx_workbook_new (filename, error);
  if (!s.wb)
    return FALSE;
  s.title = new_format (&s, TRUE, FALSE, NULL);
  format_set_font_size (s.title, 14);
  s.head = new_format (&s, TRUE, TRUE, NULL);
  format_set_text_wrap (s.head);
  format_set_align (s.head, LXW_ALIGN_CENTER);
  s.text = new_format (&s, FALSE, TRUE, NULL);
  s.wrap = new_format (&s, FALSE, TRUE, NULL);
  format_set_text_wrap (s.wrap);
  s.number = new_format (&s, FALSE, TRUE, NULL);
  s.total_label = new_format (&s, TRUE, TRUE, NULL);
  s.total = new_format (&s, TRUE, TRUE, NULL);

  title = g_strdup_printf (_("Summary of the %d open-government annual reports of %s"),
                           nb_aggregate_get_year (agg), nb_report_get_agency (nb_aggregate_get_summary (agg)));
  props.title = title;
  comments = nb_format_fill (nb_format_get_document_texts (nb_aggregate_get_format (agg))->generated_by,
                             "program", "nianbao " PACKAGE_VERSION, NULL);
  props.comments = comments;
  check (&s, workbook_set_properties (s.wb, &props));

  write_agencies (&s, agg, rows);
  write_problems (&s, agg, rows);
  if (differences)
    write_differences (&s, differences);
  write_charts (&s, agg, nb_aggregate_get_n_counted (agg));
  if (!nb_xlsx_add_table_sheets (s.wb, nb_aggregate_get_summary (agg), avoid, &local_error))
    {
      workbook_close (s.wb);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return nb_xlsx_workbook_close (s.wb, s.error, error);
}

typedef struct
{
  NbAggregate *aggregate;
  GPtrArray   *differences;
} SummaryJob;

static gboolean
write_summary_to (const char  *tmp_path,
                  gpointer     user_data,
                  GError     **error)
{
  SummaryJob *job = user_data;

  return write_summary (job->aggregate, job->differences, tmp_path, error);
}

gboolean
nb_summary_write (NbAggregate  *aggregate,
                  GPtrArray    *differences,
                  const char   *path,
                  GError      **error)
{
  SummaryJob job = { aggregate, differences };

  g_return_val_if_fail (NB_IS_AGGREGATE (aggregate), FALSE);
  g_return_val_if_fail (nb_aggregate_get_summary (aggregate) != NULL, FALSE);

  /* Verified (zip and XML) before it replaces the old one. */
  return nb_export_write_file (path, write_summary_to, &job, NB_SAFE_WRITE_NONE,
                               nb_xlsx_verify, error);
}
