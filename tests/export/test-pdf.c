/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF exporter and the page layout, read back with poppler-utils
 * (pdfinfo, pdftotext, pdffonts): independent readers, so the checks are
 * about what a person gets, not about what our code thinks it wrote. The
 * expected texts and figures come from the model and the format. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>

#include "nb-error.h"
#include "nb-grid.h"
#include "nb-page-layout.h"
#include "nb-pdf-writer.h"
#include "nb-report-file.h"

static char *tmpdir;

static gboolean
have_poppler (void)
{
  const char *tools[] = { "pdfinfo", "pdftotext", "pdffonts" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        {
          g_test_skip ("poppler-utils (pdfinfo, pdftotext, pdffonts) is not installed");
          return FALSE;
        }
    }
  return TRUE;
}

/* Runs a program (NULL-terminated arguments) and returns its output. */
static char *
run (const char *program,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (gpointer) program);
  va_start (args, program);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("%s failed: %s\n%s", program, error->message, err);
  return out;
}

/* Text with every kind of white space removed: pdftotext puts spaces and
 * line ends wherever the layout put gaps. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000 && c != '\f')
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static NbReport *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static char *
write_pdf (NbReport   *report,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (nb_pdf_write (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static NbPageLayout *
paginate (NbReport *report)
{
  NbPageLayout *layout = nb_page_layout_new (report);

  nb_page_layout_paginate (layout, NULL, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  return layout;
}

static char *
info_field (const char *info,
            const char *field)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("%s:", field);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  g_error ("pdfinfo prints no %s:\n%s", field, info);
  return NULL;
}

/* Page size, page count and metadata as pdfinfo reads them. */
static void
check_info (NbReport   *report,
            const char *pdf)
{
  g_autoptr(NbPageLayout) layout = paginate (report);
  g_autofree char *info = run ("pdfinfo", pdf, NULL);
  g_autofree char *size = info_field (info, "Page size");
  g_autofree char *pages = info_field (info, "Pages");
  g_autofree char *title = info_field (info, "Title");
  g_autofree char *author = info_field (info, "Author");
  g_autofree char *creator = info_field (info, "Creator");
  g_autofree char *expected_title = nb_report_dup_title (report);

  g_assert_cmpstr (size, ==, "595.276 x 841.89 pts (A4)");
  g_assert_cmpuint (g_ascii_strtoull (pages, NULL, 10), ==, nb_page_layout_get_n_pages (layout));
  g_assert_cmpuint (nb_page_layout_get_n_pages (layout), >, 0);
  g_assert_cmpstr (title, ==, expected_title);
  g_assert_cmpstr (author, ==, nb_report_get_agency (report));
  g_assert_cmpstr (creator, ==, "nianbao");
}

/* The figure as a whole token of @line: not part of a longer number. */
static gboolean
has_figure (const char *text,
            const char *figure)
{
  gsize n = strlen (figure);

  for (const char *p = strstr (text, figure); p != NULL; p = strstr (p + 1, figure))
    {
      gboolean left = p == text || !(g_ascii_isdigit (p[-1]) || p[-1] == '.' || p[-1] == '-');
      gboolean right = !(g_ascii_isdigit (p[n]) || p[n] == '.');

      if (left && right)
        return TRUE;
    }
  return FALSE;
}

/* The single-line label of row @row (its own LABEL cell), or NULL. */
static const char *
row_label (NbGrid *grid,
           guint   row)
{
  const char *label = NULL;

  for (guint c = 0; c < nb_grid_get_n_columns (grid); c++)
    {
      const NbGridCell *cell = nb_grid_cell_at (grid, row, c);

      if (cell != NULL && cell->role == NB_GRID_LABEL && cell->row == row && cell->rowspan == 1)
        label = cell->text;
    }
  return label;
}

/* Every section heading, every table text and every non-zero figure of
 * @report are in the PDF; figures on the line of their row's label when
 * that label is on one line. Every paragraph of the texts is there whole. */
static void
check_text (NbReport   *report,
            const char *pdf)
{
  NbFormat *format = nb_report_get_format (report);
  g_autofree char *layout_text = run ("pdftotext", "-layout", pdf, "-", NULL);
  g_autofree char *raw_text = run ("pdftotext", "-raw", pdf, "-", NULL);
  g_autoptr(GRegex) folio = g_regex_new ("—\\s*[0-9]+\\s*—", 0, 0, NULL);
  /* Without the page numbers, a paragraph that runs over a page is whole. */
  g_autofree char *body = g_regex_replace_literal (folio, raw_text, -1, 0, "", 0, NULL);
  g_autofree char *raw = squeeze (body);
  g_auto(GStrv) lines = g_strsplit (layout_text, "\n", -1);
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *squeezed_title = squeeze (title);
  guint figures = 0;

  g_assert_nonnull (strstr (raw, squeezed_title));
  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);

      /* Headings stand on a line of their own. */
      g_assert_nonnull (strstr (layout_text, section->heading));

      if (section->kind == NB_SECTION_TEXT)
        {
          g_auto(GStrv) paragraphs = g_strsplit (nb_report_get_text (report, section->key), "\n", -1);

          for (guint p = 0; paragraphs[p] != NULL; p++)
            {
              g_autofree char *para = squeeze (paragraphs[p]);

              if (strstr (raw, para) == NULL)
                g_error ("paragraph missing from the PDF: %s", paragraphs[p]);
            }
        }
    }

  for (guint t = 0; t < nb_format_get_n_tables (format); t++)
    {
      const NbTableDef *table = nb_format_get_table (format, t);
      NbGrid *grid = table->grid;

      for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
        {
          const NbGridCell *cell = nb_grid_get_cell (grid, i);
          const NbNumber *value;
          g_autofree char *figure = NULL;
          const char *label;

          if (cell->role != NB_GRID_VALUE)
            {
              g_autofree char *text = cell->text ? squeeze (cell->text) : NULL;

              if (text != NULL && strstr (raw, text) == NULL)
                g_error ("table text missing from the PDF: %s", cell->text);
              continue;
            }

          value = nb_report_get_value (report, cell->cell->key);
          g_assert_nonnull (value);
          if (value->blank || value->units == 0)
            continue;
          figure = nb_number_to_string (value);
          figures++;
          if (!has_figure (layout_text, figure))
            g_error ("figure %s of %s missing from the PDF", figure, cell->cell->key);

          label = row_label (grid, cell->row);
          if (label != NULL)
            {
              g_autofree char *want = squeeze (label);
              gboolean found = FALSE, on_line = FALSE;

              for (guint l = 0; lines[l] != NULL; l++)
                {
                  g_autofree char *line = squeeze (lines[l]);

                  if (strstr (line, want) == NULL)
                    continue;
                  found = TRUE;
                  on_line = on_line || has_figure (lines[l], figure);
                }
              if (found && !on_line)
                g_error ("figure %s of %s is not on the line of “%s”", figure, cell->cell->key, label);
            }
        }
    }
  g_test_message ("%u non-zero figures found", figures);
}

static void
test_fixture (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autofree char *pdf = NULL;
  g_autofree char *fonts = NULL;
  g_auto(GStrv) lines = NULL;
  guint cjk = 0, n_fonts = 0;

  if (!have_poppler ())
    return;
  /* A Chinese file name, as a clerk would save it. */
  pdf = write_pdf (report, "温县交通运输局2020年报告.pdf");
  check_info (report, pdf);
  check_text (report, pdf);

  /* Every font embedded; the Chinese ones among them. */
  fonts = run ("pdffonts", pdf, NULL);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();
      const char *emb;

      if (*lines[i] == '\0')
        continue;
      for (guint f = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0')
          g_ptr_array_add (words, fields[f]);
      /* name type [type…] encoding emb sub uni object ID: emb is 5th from the end */
      g_assert_cmpuint (words->len, >=, 7);
      emb = g_ptr_array_index (words, words->len - 5);
      if (g_strcmp0 (emb, "yes") != 0)
        g_error ("font not embedded: %s", lines[i]);
      n_fonts++;
      if (strstr (lines[i], "CJK") || strstr (lines[i], "Kai") || strstr (lines[i], "Ming")
          || strstr (lines[i], "Sim") || strstr (lines[i], "Fang") || strstr (lines[i], "Song")
          || strstr (lines[i], "Hei"))
        cjk++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  g_assert_cmpuint (cjk, >, 0);
}

/* Section headings are one size at one level: those heading a table (二、
 * 三、四) are set exactly as those heading a text (一、五、六), in the body's
 * 3号, as pdftotext -bbox measures them (box height, advance a character). */
static void
test_heading_sizes (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  NbFormat *format = nb_report_get_format (report);
  g_autofree char *pdf = NULL;
  g_autofree char *bbox = NULL;
  g_autoptr(GRegex) word = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                                        "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                                        0, 0, NULL);
  double first_height = 0, first_advance = 0;
  guint measured = 0, tables = 0;

  if (!have_poppler ())
    return;
  pdf = write_pdf (report, "headings.pdf");
  bbox = run ("pdftotext", "-bbox", pdf, "-", NULL);

  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);
      g_autoptr(GMatchInfo) match = NULL;
      gboolean found = FALSE;

      g_regex_match (word, bbox, 0, &match);
      for (; g_match_info_matches (match) && !found; g_match_info_next (match, NULL))
        {
          g_autofree char *text = g_match_info_fetch (match, 5);
          double v[4];

          if (!g_str_equal (text, section->heading))
            continue;
          for (guint k = 0; k < 4; k++)
            {
              g_autofree char *n = g_match_info_fetch (match, k + 1);

              v[k] = g_ascii_strtod (n, NULL);
            }
          found = TRUE;
          {
            double height = v[3] - v[1];
            double advance = (v[2] - v[0]) / g_utf8_strlen (text, -1);

            g_test_message ("%s: height %.2f, advance %.2f", text, height, advance);
            if (measured == 0)
              {
                first_height = height;
                first_advance = advance;
                /* 3号 (16 pt) on the 28-character grid. */
                g_assert_cmpfloat_with_epsilon (advance, 156 * 72 / 25.4 / 28, 0.3);
              }
            if (fabs (height - first_height) > 0.05 || fabs (advance - first_advance) > 0.05)
              g_error ("heading %s is %.2f high, %.2f a character; %s is %.2f, %.2f",
                       text, height, advance, nb_format_get_section (format, 0)->heading,
                       first_height, first_advance);
          }
        }
      /* Each heading one word (no spaces), on one line. */
      if (!found)
        g_error ("heading %s not found as one word in the PDF", section->heading);
      measured++;
      if (section->kind == NB_SECTION_TABLE)
        tables++;
    }
  g_assert_cmpuint (measured, ==, nb_format_get_n_sections (format));
  g_assert_cmpuint (tables, >, 0);
  g_assert_cmpuint (tables, <, measured);
}

/* Version 2021 on a fresh report: its own grid, figures, the fee sentence
 * made from the section's fields, date and sign-off. */
static void
test_format_2021 (void)
{
  g_autoptr(GError) error = NULL;
  NbFormat *format = nb_format_get ("2021", &error);
  g_autoptr(NbReport) report = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  const char *values[][2] = {
    { "active/regulation/issued", "3" },
    { "active/fee/amount", "18651.06" },
    { "requests/new/natural", "27" },
    { "requests/new/business", "4" },
    { "requests/open/natural", "12" },
    { "review/count/reconsideration_upheld", "2" },
    { "other/fee_notices", "25" },
    { "other/fee_notified_amount", "2950" },
    { "other/fee_collected_cases", "25" },
    { "other/fee_collected_amount", "2950" },
  };

  g_assert_no_error (error);
  if (!have_poppler ())
    return;
  report = nb_report_new (format, 2024, "某市教育局");
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      nb_report_set_value_from_string (report, values[i][0], values[i][1], &error);
      g_assert_no_error (error);
    }
  nb_report_set_date (report, "2025-01-20", &error);
  g_assert_no_error (error);
  nb_report_set_signoff (report, "某市教育局办公室");
  nb_report_set_text (report, "overview", "（一）主动公开\n本年度主动公开信息120条。\n1.加强解读。\n一是完善制度。", &error);
  g_assert_no_error (error);

  pdf = write_pdf (report, "2021.pdf");
  check_info (report, pdf);
  check_text (report, pdf);

  text = run ("pdftotext", "-layout", pdf, "-", NULL);
  g_assert_nonnull (strstr (text, "2025年1月20日"));
  g_assert_nonnull (strstr (text, "某市教育局办公室"));
  g_assert_nonnull (strstr (text, "18651.06"));
  g_assert_nonnull (strstr (text, "2950"));
}

/* What a person typed is printed as typed: no formula, no markup. */
static void
test_literal (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;

  if (!have_poppler ())
    return;
  nb_report_set_text (report, "problems", "=1+1\n<b>粗体</b> &amp; 100%\n\t　　缩进的段落", &error);
  g_assert_no_error (error);
  pdf = write_pdf (report, "literal.pdf");
  text = run ("pdftotext", "-layout", pdf, "-", NULL);
  raw = squeeze (text);
  g_assert_nonnull (strstr (text, "=1+1"));
  g_assert_nonnull (strstr (raw, "<b>粗体</b>&amp;100%"));
  g_assert_nonnull (strstr (raw, "缩进的段落"));
}

/* The sign-off never stands alone on the last page: whatever the length
 * of the last text, the page it is on holds some of that text too. Checked
 * where the page count grows, which is where the sign-off would spill. */
static void
test_signoff_not_alone (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GError) error = NULL;
  guint previous = 0, checked = 0;

  if (!have_poppler ())
    return;
  nb_report_set_date (report, "2021-01-20", &error);
  g_assert_no_error (error);
  for (guint k = 0; k <= 24; k++)
    {
      g_autoptr(GString) text = g_string_new ("无其他需要报告的事项。");
      g_autoptr(NbPageLayout) layout = NULL;
      guint n;

      for (guint i = 0; i < k; i++)
        g_string_append_printf (text, "\n补充第%u行。", i + 1);
      nb_report_set_text (report, "other", text->str, &error);
      g_assert_no_error (error);
      layout = paginate (report);
      n = nb_page_layout_get_n_pages (layout);
      if (previous != 0 && n > previous)
        {
          g_autofree char *pdf = write_pdf (report, "signoff.pdf");
          g_autofree char *page = g_strdup_printf ("%u", n);
          g_autofree char *out = run ("pdftotext", "-f", page, "-l", page, "-layout", pdf, "-", NULL);

          g_assert_nonnull (strstr (out, "温县交通运输局"));
          g_assert_nonnull (strstr (out, "2021年1月20日"));
          if (strstr (out, "补充第") == NULL)
            g_error ("the last page holds only the sign-off:\n%s", out);
          checked++;
        }
      previous = n;
    }
  g_assert_cmpuint (checked, >, 0);
}

/* Every row of every table lies inside one page's type area, rows come in
 * order, and nothing is left unplaced. Returns whether some table broke. */
static gboolean
check_rows (NbPageLayout *layout)
{
  NbFormat *format = nb_report_get_format (nb_page_layout_get_report (layout));
  double x, y, width, height;
  gboolean broke = FALSE;

  nb_page_layout_get_type_area (layout, &x, &y, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 156 * 72 / 25.4, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 225 * 72 / 25.4, 0.01);

  for (guint t = 0; t < nb_format_get_n_tables (format); t++)
    {
      const NbTableDef *table = nb_format_get_table (format, t);
      guint header_rows = nb_grid_get_header_rows (table->grid);
      guint prev_page = 0;
      double prev_bottom = 0;

      for (guint r = 0; r < nb_grid_get_n_rows (table->grid); r++)
        {
          double top, bottom;
          guint page = nb_page_layout_get_row_page (layout, table->key, r, &top, &bottom);

          g_assert_cmpuint (page, <, nb_page_layout_get_n_pages (layout));
          g_assert_cmpfloat (top, >=, y - 0.01);
          g_assert_cmpfloat (bottom, <=, y + height + 0.01);
          g_assert_cmpfloat (bottom, >, top);
          if (r > 0)
            {
              g_assert_true (page > prev_page || (page == prev_page && top >= prev_bottom - 0.01));
              if (page > prev_page)
                {
                  broke = TRUE;
                  /* A continuation starts right below the repeated header. */
                  if (r >= header_rows && header_rows > 0)
                    {
                      double header_bottom;

                      g_assert_cmpuint (nb_page_layout_get_row_page (layout, table->key, header_rows - 1,
                                                                     NULL, &header_bottom), <, page);
                    }
                }
            }
          prev_page = page;
          prev_bottom = bottom;
        }
      g_assert_cmpuint (nb_page_layout_get_row_page (layout, table->key, nb_grid_get_n_rows (table->grid),
                                                     NULL, NULL), ==, G_MAXUINT);
    }
  return broke;
}

/* The tables start at every height of a page: whatever the text before
 * them, no row is cut, and a table that continues repeats its header. */
/* A table that breaks over pages leaves at least three body rows before
 * the break (or starts on the next page, its heading with it), however
 * much text comes before it. */
static void
test_table_break_rows (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  NbFormat *format = nb_report_get_format (report);
  guint tested = 0;

  for (guint k = 0; k < 2 * 22; k++)
    {
      g_autoptr(GString) text = g_string_new (nb_report_get_text (report, "overview"));
      g_autoptr(NbPageLayout) layout = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < k; i++)
        g_string_append_printf (text, "\n补充第%u行。", i + 1);
      nb_report_set_text (report, "overview", text->str, &error);
      g_assert_no_error (error);
      layout = paginate (report);

      for (guint t = 0; t < nb_format_get_n_tables (format); t++)
        {
          const NbTableDef *table = nb_format_get_table (format, t);
          guint header = nb_grid_get_header_rows (table->grid);
          guint n_rows = nb_grid_get_n_rows (table->grid);
          guint first = nb_page_layout_get_row_page (layout, table->key, header, NULL, NULL);
          guint last = nb_page_layout_get_row_page (layout, table->key, n_rows - 1, NULL, NULL);

          if (first == last || n_rows < header + 3)
            continue;
          tested++;
          for (guint r = header; r < header + 3; r++)
            g_assert_cmpuint (nb_page_layout_get_row_page (layout, table->key, r, NULL, NULL), ==, first);
        }
      /* The heading is on the page where its table begins. */
      for (guint h = 0; h < nb_page_layout_get_n_headings (layout); h++)
        {
          const char *heading;
          guint page;

          g_assert_true (nb_page_layout_get_heading (layout, h, &heading, &page, NULL));
          for (guint t = 0; t < nb_format_get_n_tables (format); t++)
            {
              const NbTableDef *table = nb_format_get_table (format, t);

              if (g_str_equal (table->title, heading))
                g_assert_cmpuint (nb_page_layout_get_row_page (layout, table->key, 0, NULL, NULL), ==, page);
            }
        }
    }
  g_assert_cmpuint (tested, >, 0);
}

static void
test_table_breaks (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  guint breaks = 0;
  gboolean header_checked = FALSE;

  for (guint k = 0; k < 2 * 22; k++)
    {
      g_autoptr(GString) text = g_string_new (nb_report_get_text (report, "overview"));
      g_autoptr(NbPageLayout) layout = NULL;
      g_autoptr(GError) error = NULL;
      guint first_page, last_page, rows;

      for (guint i = 0; i < k; i++)
        g_string_append_printf (text, "\n补充第%u行。", i + 1);
      nb_report_set_text (report, "overview", text->str, &error);
      g_assert_no_error (error);
      layout = paginate (report);
      if (check_rows (layout))
        breaks++;

      /* Read the page after a break of the requests table back from the PDF:
       * its header is there again. */
      rows = nb_grid_get_n_rows (nb_format_find_table (nb_report_get_format (report), "requests")->grid);
      first_page = nb_page_layout_get_row_page (layout, "requests", 3, NULL, NULL);
      last_page = nb_page_layout_get_row_page (layout, "requests", rows - 1, NULL, NULL);
      if (!header_checked && last_page > first_page && have_poppler ())
        {
          g_autofree char *pdf = write_pdf (report, "breaks.pdf");
          g_autofree char *page = g_strdup_printf ("%u", last_page + 1);
          g_autofree char *page_text = run ("pdftotext", "-f", page, "-l", page, "-raw", pdf, "-", NULL);
          g_autofree char *out = squeeze (page_text);

          g_assert_nonnull (strstr (out, "申请人情况"));
          g_assert_nonnull (strstr (out, "自然人"));
          g_assert_nonnull (strstr (out, "结转下年度继续办理"));
          header_checked = TRUE;
        }

      /* Back to the original text, plus k lines next time. */
      nb_report_undo (report);
    }
  /* The test means something only if tables did break. */
  g_assert_cmpuint (breaks, >, 0);
  g_assert_true (header_checked || !g_find_program_in_path ("pdftotext"));
}

/* A 50+ page report: every paragraph arrives, pages agree with pdfinfo. */
/* Fails unless every marker "…N…" (the pattern's one group), N = 1…@n,
 * occurs in @text: no paragraph or sentence was lost. */
static void
assert_all_markers (const char *text,
                    const char *pattern,
                    guint       n,
                    const char *what)
{
  g_autoptr(GRegex) marker = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree gboolean *seen = g_new0 (gboolean, n + 1);

  g_regex_match (marker, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);
      guint64 k = g_ascii_strtoull (number, NULL, 10);

      if (k >= 1 && k <= n)
        seen[k] = TRUE;
      g_match_info_next (match, NULL);
    }
  for (guint i = 1; i <= n; i++)
    if (!seen[i])
      g_error ("%s %u is missing from the PDF", what, i);
}

static void
test_long (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbPageLayout) layout = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  const guint n = 3000;

  for (guint i = 1; i <= n; i++)
    {
      if (i % 100 == 1)
        g_string_append_printf (text, "（%s）第%u段小标题\n", i % 200 == 1 ? "一" : "二", i);
      else if (i % 10 == 0)
        g_string_append_printf (text, "%u.第%u段是编号的一行。", i / 10, i);
      else
        g_string_append_printf (text, "第%u段", i);
      for (guint j = 0; j < i % 7; j++)
        g_string_append (text, "全面推进政务公开工作，");
      g_string_append (text, "。\n");
    }
  nb_report_set_text (report, "problems", text->str, &error);
  g_assert_no_error (error);

  layout = paginate (report);
  g_assert_cmpuint (nb_page_layout_get_n_pages (layout), >=, 50);
  check_rows (layout);

  if (!have_poppler ())
    return;
  pdf = write_pdf (report, "long.pdf");
  check_info (report, pdf);
  out = run ("pdftotext", "-layout", pdf, "-", NULL);
  assert_all_markers (out, "第([0-9]+)段", n, "paragraph");
}

/* One enormous paragraph (a pasted document without line breaks): pango
 * lays out nothing for ~140 000 characters, so no text may be lost. */
static void
test_huge_paragraph (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *out = NULL;
  const guint n = 16000;   /* ~180 000 characters, no newline */

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "第%u句政务公开%s", i, i % 3 ? "，" : "。");
  g_assert_cmpint (g_utf8_strlen (text->str, -1), >, 150000);
  nb_report_set_text (report, "overview", text->str, &error);
  g_assert_no_error (error);
  if (!have_poppler ())
    return;
  pdf = write_pdf (report, "huge.pdf");
  {
    g_autofree char *raw = run ("pdftotext", pdf, "-", NULL);

    g_autofree char *joined = squeeze (raw);
    g_autoptr(GRegex) folio = g_regex_new ("—[0-9]+—", 0, 0, NULL);

    /* Markers may wrap across lines and pages: read the text joined up,
     * without the page numbers pdftotext puts between two pages' lines. */
    out = g_regex_replace_literal (folio, joined, -1, 0, "", 0, NULL);
  }
  assert_all_markers (out, "第([0-9]+)句", n, "sentence of the one long paragraph");
}

/* The print operation draws with its own cairo_t, font map and scale: the
 * pages are the same, and drawing leaves the cairo_t as it was. */
static void
test_other_surface (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(NbPageLayout) a = paginate (report);
  g_autoptr(NbPageLayout) b = nb_page_layout_new (report);
  PangoFontMap *fontmap = pango_cairo_font_map_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 420);
  cairo_t *cr = cairo_create (surface);
  cairo_matrix_t before, after;

  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (fontmap), 300);
  nb_page_layout_paginate (b, fontmap, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  g_assert_cmpuint (nb_page_layout_get_n_pages (a), ==, nb_page_layout_get_n_pages (b));
  for (guint p = 0; p < nb_page_layout_get_n_pages (a); p++)
    {
      double ta, tb, ba, bb;

      if (nb_page_layout_get_row_page (a, "requests", 3, &ta, &ba)
          == nb_page_layout_get_row_page (b, "requests", 3, &tb, &bb))
        g_assert_cmpfloat_with_epsilon (ta, tb, 0.001);
    }

  cairo_scale (cr, 300 / NB_PAGE_A4_WIDTH, 420 / NB_PAGE_A4_HEIGHT);
  cairo_get_matrix (cr, &before);
  for (guint p = 0; p < nb_page_layout_get_n_pages (b); p++)
    nb_page_layout_draw_page (b, cr, p);
  cairo_get_matrix (cr, &after);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpfloat (before.xx, ==, after.xx);
  g_assert_cmpfloat (before.y0, ==, after.y0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (fontmap);
}

/* Pixels of two PNG pages that differ by more than a trace of
 * antialiasing; -1 when the sizes differ. */
static gint64
differing_pixels (const char *a_path,
                  const char *b_path)
{
  cairo_surface_t *a = cairo_image_surface_create_from_png (a_path);
  cairo_surface_t *b = cairo_image_surface_create_from_png (b_path);
  gint64 n = 0;
  int w, h;

  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (a);
  h = cairo_image_surface_get_height (a);
  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b)
      || cairo_image_surface_get_format (a) != cairo_image_surface_get_format (b))
    n = -1;
  else
    for (int y = 0; y < h; y++)
      {
        const guint8 *pa = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a);
        const guint8 *pb = cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b);

        for (int x = 0; x < w * 4; x += 4)
          for (int c = 0; c < 3; c++)
            if (ABS ((int) pa[x + c] - (int) pb[x + c]) > 48)
              {
                n++;
                break;
              }
      }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  return n;
}

/* The PDF writer draws with faces subset by harfbuzz; the same pages drawn
 * by Pango with the whole faces must look the same and read the same, in a
 * much smaller file. A character no font has (Pango's hex box) goes through
 * Pango in both. The e and combining acute that shaping makes one é (a
 * glyph none of the cluster's characters maps to) has its face subset by
 * glyph ids, the other faces by characters. */
static void
test_subset_same_pages (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *whole = g_build_filename (tmpdir, "whole-faces.pdf", NULL);
  g_autofree char *text_ours = NULL, *text_whole = NULL, *fonts = NULL;
  g_autoptr(NbPageLayout) layout = NULL;
  g_auto(GStrv) lines = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  GStatBuf st_ours, st_whole;
  guint n_pages, n_fonts = 0;

  if (!have_poppler ())
    return;
  g_assert_true (nb_report_set_text (report, "other",
                                     "本机关无其他需要报告的事项。\xee\x80\x80 ⿰ 𠀀。Cafe\xcc\x81。", &error));
  g_assert_no_error (error);
  ours = write_pdf (report, "subset.pdf");

  layout = paginate (report);
  n_pages = nb_page_layout_get_n_pages (layout);
  surface = cairo_pdf_surface_create (whole, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  cr = cairo_create (surface);
  for (guint p = 0; p < n_pages; p++)
    {
      nb_page_layout_draw_page (layout, cr, p);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  text_ours = run ("pdftotext", ours, "-", NULL);
  text_whole = run ("pdftotext", whole, "-", NULL);
  g_assert_cmpstr (text_ours, ==, text_whole);
  g_assert_nonnull (strstr (text_ours, "温县交通运输局"));

  /* Every face embedded, subset, with a ToUnicode map. */
  fonts = run ("pdffonts", ours, NULL);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) split = NULL;
      const char *cols[32];
      guint n = 0;

      if (*lines[i] == '\0')
        continue;
      split = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      for (guint j = 0; split[j] != NULL && n < G_N_ELEMENTS (cols); j++)
        if (*split[j] != '\0')
          cols[n++] = split[j];
      g_assert_cmpuint (n, >=, 5);
      g_assert_cmpstr (cols[n - 5], ==, "yes");  /* emb */
      g_assert_cmpstr (cols[n - 4], ==, "yes");  /* sub */
      g_assert_cmpstr (cols[n - 3], ==, "yes");  /* uni */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 3);

  g_assert_cmpint (g_stat (ours, &st_ours), ==, 0);
  g_assert_cmpint (g_stat (whole, &st_whole), ==, 0);
  g_test_message ("subset faces: %" G_GINT64_FORMAT " bytes; whole faces: %" G_GINT64_FORMAT,
                  (gint64) st_ours.st_size, (gint64) st_whole.st_size);
  g_assert_cmpint (st_ours.st_size * 3, <, st_whole.st_size);

  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *page = g_strdup_printf ("%u", p);
      g_autofree char *prefix_ours = g_build_filename (tmpdir, "subset-page", NULL);
      g_autofree char *prefix_whole = g_build_filename (tmpdir, "whole-page", NULL);
      g_autofree char *png_ours = g_strdup_printf ("%s.png", prefix_ours);
      g_autofree char *png_whole = g_strdup_printf ("%s.png", prefix_whole);
      g_autofree char *o1 = run ("pdftoppm", "-png", "-r", "100", "-singlefile", "-f", page, "-l", page,
                                 ours, prefix_ours, NULL);
      g_autofree char *o2 = run ("pdftoppm", "-png", "-r", "100", "-singlefile", "-f", page, "-l", page,
                                 whole, prefix_whole, NULL);
      gint64 n = differing_pixels (png_ours, png_whole);

      g_test_message ("page %u: %" G_GINT64_FORMAT " pixels differ", p, n);
      g_assert_cmpint (n, >=, 0);
      g_assert_cmpint (n, <=, 40);
    }
}

/* The number of fonts pdffonts lists, each embedded, subset, with a
 * ToUnicode map. */
static guint
count_subset_fonts (const char *pdf)
{
  g_autofree char *fonts = run ("pdffonts", pdf, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_assert_nonnull (strstr (lines[i], "yes yes yes"));
      n_fonts++;
    }
  return n_fonts;
}

/* The small faces are kept for the next export of the process (the
 * window's case): exporting again after an edit that brings glyphs the
 * kept faces lack draws them from new small faces, not from the whole face
 * through Pango (which would embed a second copy of the face). */
static void
test_subset_kept (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  g_autofree char *text_first = NULL, *text_second = NULL, *text_third = NULL;
  /* Rare characters, in the body text's face and in the tables' */
  const char *rare = "本机关无其他需要报告的事项。龘靐齉爩";

  if (!have_poppler ())
    return;
  first = write_pdf (report, "kept-1.pdf");
  text_first = run ("pdftotext", first, "-", NULL);
  g_assert_null (strstr (text_first, "龘靐齉爩"));

  g_assert_true (nb_report_set_text (report, "other", rare, &error));
  g_assert_no_error (error);
  second = write_pdf (report, "kept-2.pdf");
  text_second = run ("pdftotext", second, "-", NULL);
  g_assert_nonnull (strstr (text_second, "龘靐齉爩"));
  g_assert_cmpuint (count_subset_fonts (second), ==, count_subset_fonts (first));

  /* Back to the first text: the same text and fonts as the first time. */
  g_assert_true (nb_report_set_text (report, "other", "本机关无其他需要报告的事项。", &error));
  g_assert_no_error (error);
  third = write_pdf (report, "kept-3.pdf");
  text_third = run ("pdftotext", third, "-", NULL);
  g_assert_null (strstr (text_third, "龘"));
  g_assert_cmpuint (count_subset_fonts (third), ==, count_subset_fonts (first));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Failures are reported and leave no file behind; a good write replaces
 * the old file whole. */
static void
test_errors (void)
{
  g_autoptr(NbReport) report = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (tmpdir, "错误", NULL);
  g_autofree char *missing = g_build_filename (dir, "没有的文件夹", "报告.pdf", NULL);
  g_autofree char *target = g_build_filename (dir, "报告.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "是文件夹.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  g_assert_false (nb_pdf_write (report, missing, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* An existing folder of that name is not replaced. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (nb_pdf_write (report, folder, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_true (nb_pdf_write (report, target, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (target, &data, &length, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_cmpuint (length, >, 16);
  g_assert_nonnull (g_strstr_len (data + length - 16, 16, "%%EOF"));
  /* No temporary file left next to it. */
  g_assert_cmpuint (count_files (dir), ==, 2);
}

static gboolean
remove_all (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_all (child);
        }
      return g_rmdir (path) == 0;
    }
  return g_remove (path) == 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("nb-test-pdf-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/pdf/fixture", test_fixture);
  g_test_add_func ("/pdf/format-2021", test_format_2021);
  g_test_add_func ("/pdf/literal", test_literal);
  g_test_add_func ("/pdf/heading-sizes", test_heading_sizes);
  g_test_add_func ("/pdf/errors", test_errors);
  g_test_add_func ("/pdf/signoff-not-alone", test_signoff_not_alone);
  g_test_add_func ("/pdf/long", test_long);
  g_test_add_func ("/pdf/huge-paragraph", test_huge_paragraph);
  g_test_add_func ("/pdf/subset-same-pages", test_subset_same_pages);
  g_test_add_func ("/pdf/subset-kept", test_subset_kept);
  g_test_add_func ("/layout/table-breaks", test_table_breaks);
  g_test_add_func ("/layout/table-break-rows", test_table_break_rows);
  g_test_add_func ("/layout/other-surface", test_other_surface);

  status = g_test_run ();
  if (g_getenv ("NB_KEEP_PDF") == NULL)
    remove_all (tmpdir);
  else
    g_printerr ("PDFs kept in %s\n", tmpdir);
  g_free (tmpdir);
  return status;
}
