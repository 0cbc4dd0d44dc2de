/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c — published reports read into documents: the fixture and variants of it
 *
 * Expected figures come from ../shared/spec/checks.md (the fixture), from
 * the hand-made fixtures/wenxian-transport-2020.nianbao, and from the
 * figures chosen by hand in fixtures/import/make-pages.py — never from
 * the importer itself. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nb-checker.h"
#include "nb-error.h"
#include "nb-import.h"
#include "nb-report-file.h"


/* The name nianbao decodes GB18030 files as: GBK where the system's
 * converter lacks GB18030 (Wine's code pages; see nb-decode.c). */
static const char *
gb_name (void)
{
  GIConv cd = g_iconv_open ("UTF-8", "GB18030");

  if (cd == (GIConv) -1)
    return "GBK";
  g_iconv_close (cd);
  return "GB18030";
}
static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("NB_FIXTURES"), name, NULL);
}

static char *
fixture_text (void)
{
  g_autofree char *path = fixture_path ("wenxian-transport-2020.txt");
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static NbReport *
reference_report (void)
{
  g_autofree char *path = fixture_path ("wenxian-transport-2020.nianbao");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static NbImport *
import_bytes (const char *data,
              gssize      len,
              const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  g_autoptr(GError) error = NULL;
  NbImport *import = nb_import_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);
  g_assert_cmpuint (g_strv_length (parts), >=, 2);   /* the variant must change something */
  return g_strjoinv (to, parts);
}

static gboolean
has_warning (NbImport   *import,
             const char *a,
             const char *b)
{
  for (guint i = 0; i < import->warnings->len; i++)
    {
      const char *w = g_ptr_array_index (import->warnings, i);
      if (strstr (w, a) && (!b || strstr (w, b)))
        return TRUE;
    }
  return FALSE;
}

static void
dump_warnings (NbImport *import)
{
  for (guint i = 0; i < import->warnings->len; i++)
    g_test_message ("warning: %s", (char *) g_ptr_array_index (import->warnings, i));
}

static char *
field (NbReport   *report,
       const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = nb_report_dup_field (report, key, &error);
  g_assert_no_error (error);
  return value;
}

static void
assert_field (NbReport   *report,
              const char *key,
              const char *expected)
{
  g_autofree char *value = field (report, key);
  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s: expected “%s”, got “%s”", key, expected, value);
}

static guint
count_problems (NbReport   *report,
                const char *id,
                const char *key)
{
  g_autoptr(GPtrArray) problems = nb_check_report (report, NULL);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      if ((!id || g_str_equal (nb_problem_get_id (p), id)) && (!key || nb_problem_has_key (p, key)))
        n++;
    }
  return n;
}

static guint
count_errors (NbReport *report)
{
  g_autoptr(GPtrArray) problems = nb_check_report (report, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      if (nb_problem_get_severity (p) == NB_SEVERITY_ERROR)
        g_test_message ("error %s: %s", nb_problem_get_id (p), nb_problem_get_message (p));
    }
  return nb_problems_count (problems, NB_SEVERITY_ERROR);
}

/* Every input cell as the hand-made reference document has it, and the
 * figures checks.md names, spelled out. */
static void
assert_fixture_figures (NbReport *report)
{
  g_autoptr(NbReport) reference = reference_report ();
  NbFormat *format = nb_report_get_format (report);
  static const char *const spec[][2] = {
    { "active/license/prev", "61" }, { "active/license/delta", "0" }, { "active/license/decisions", "43" },
    { "active/service/prev", "64" }, { "active/service/delta", "0" }, { "active/service/decisions", "0" },
    { "active/penalty/prev", "189" }, { "active/penalty/delta", "-33" }, { "active/penalty/decisions", "795" },
    { "active/coercion/prev", "0" }, { "active/fee/prev", "0" }, { "active/fee/delta", "0" },
    { "active/procurement/count", "1" }, { "active/procurement/amount", "793.9397" },
    { "active/regulation/made", "0" }, { "active/normative/total", "0" },
    { "requests/new/natural", "0" }, { "requests/results_total/total", "0" },
    { "review/count/after_total", "0" },
  };

  g_assert_cmpstr (nb_format_get_version (format), ==, "2019");
  for (guint i = 0; i < G_N_ELEMENTS (spec); i++)
    assert_field (report, spec[i][0], spec[i][1]);
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      g_autofree char *expected = NULL;

      if (!def->table)
        continue;
      expected = field (reference, def->key);
      assert_field (report, def->key, expected);
    }
}

static void
assert_fixture_texts (NbReport *report)
{
  g_autoptr(NbReport) reference = reference_report ();
  const char *sections[] = { "overview", "problems", "other" };

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_cmpstr (nb_report_get_text (report, sections[i]), ==, nb_report_get_text (reference, sections[i]));
}

static void
test_fixture (void)
{
  g_autofree char *text = fixture_text ();
  g_autoptr(NbImport) import = import_bytes (text, -1, "wenxian-transport-2020.txt");

  dump_warnings (import);
  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);
  g_assert_cmpstr (nb_report_get_agency (import->report), ==, "温县交通运输局");
  g_assert_cmpint (nb_report_get_year (import->report), ==, 2020);
  g_assert_cmpuint (count_errors (import->report), ==, 0);
  /* The fixture's text figures (73 执法信息, 327 条信息) are no table's. */
  g_assert_cmpuint (count_problems (import->report, "text.figures", NULL), ==, 0);
  g_assert_cmpuint (import->read, ==, import->cells);
  g_assert_cmpuint (import->cells, ==, 22 + 132 + 12);
  /* Every table was printed, so none counts as never filled in (export
   * would warn that its figures are all still the default 0). */
  {
    g_autoptr(GPtrArray) untouched = nb_report_dup_untouched_tables (import->report);
    g_autofree char *sentence = nb_report_describe_untouched (import->report);

    g_assert_cmpuint (untouched->len, ==, 0);
    g_assert_null (sentence);
  }
  /* The fixture prints 其他法律法规禁止公开: read, and said. */
  g_assert_true (has_warning (import, "其他法律法规禁止公开", "其他法律行政法规禁止公开"));
  g_assert_true (has_warning (import, "交通运输局", "温县交通运输局"));

  g_assert_cmpstr (nb_report_get_import_file (import->report), ==, "wenxian-transport-2020.txt");
  g_assert_cmpstr (nb_report_get_import_kind (import->report), ==, "text");
  g_assert_cmpstr (nb_report_get_import_encoding (import->report), ==, "UTF-8");
  g_assert_cmpuint (g_strv_length ((char **) nb_report_get_import_warnings (import->report)), ==,
                    import->warnings->len);
}

static void
test_spaces (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *spaced = replace (text, "\t", "  ");
  g_autoptr(NbImport) import = import_bytes (spaced, -1, "spaces.txt");

  dump_warnings (import);
  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);
  g_assert_cmpuint (count_errors (import->report), ==, 0);
}

static void
test_crlf (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *crlf = replace (text, "\n", "\r\n");
  g_autoptr(NbImport) import = import_bytes (crlf, -1, "crlf.txt");

  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);
  g_assert_cmpuint (count_errors (import->report), ==, 0);
}

static void
test_gb18030 (void)
{
  g_autofree char *text = fixture_text ();
  gsize len = 0;
  g_autofree char *gb = g_convert (text, -1, gb_name (), "UTF-8", NULL, &len, NULL);
  g_autoptr(NbImport) import = NULL;

  g_assert_nonnull (gb);
  g_assert_false (g_utf8_validate (gb, len, NULL));
  import = import_bytes (gb, len, "gbk.txt");
  g_assert_cmpstr (import->encoding, ==, gb_name ());
  g_assert_cmpstr (nb_report_get_import_encoding (import->report), ==, gb_name ());
  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);
  g_assert_cmpstr (nb_report_get_agency (import->report), ==, "温县交通运输局");
}

static void
test_utf16 (void)
{
  g_autofree char *text = fixture_text ();
  gsize len = 0;
  g_autofree char *u16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  g_autofree char *with_bom = g_malloc (len + 2);
  g_autofree char *utf8_bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);
  g_autoptr(NbImport) import = NULL;
  g_autoptr(NbImport) import8 = NULL;

  memcpy (with_bom, "\xFF\xFE", 2);
  memcpy (with_bom + 2, u16, len);
  import = import_bytes (with_bom, len + 2, "unicode.txt");
  g_assert_cmpstr (import->encoding, ==, "UTF-16LE");
  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);

  import8 = import_bytes (utf8_bom, -1, "bom.txt");
  g_assert_cmpstr (import8->encoding, ==, "UTF-8");
  assert_fixture_figures (import8->report);
  g_assert_cmpstr (nb_report_get_agency (import8->report), ==, "温县交通运输局");
}

/* Too little Chinese for the detector: a short GBK file, and a GBK page
 * that is mostly ASCII markup (uchardet says "UTF-8" or nothing). */
static void
test_short_gbk (void)
{
  const char *text = "某局2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n"
                     "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
  const char *page = "<html><head><meta charset=gbk></head><body><p>某局2021年政府信息公开工作年度报告</p>"
                     "<p>六、其他需要报告的事项</p><p>无其他需要报告的事项。</p></body></html>";
  gsize len1 = 0, len2 = 0;
  g_autofree char *gbk_text = g_convert (text, -1, gb_name (), "UTF-8", NULL, &len1, NULL);
  g_autofree char *gbk_page = g_convert (page, -1, gb_name (), "UTF-8", NULL, &len2, NULL);
  g_autoptr(NbImport) a = import_bytes (gbk_text, len1, "short.txt");
  g_autoptr(NbImport) b = import_bytes (gbk_page, len2, "short.html");

  g_assert_cmpstr (a->encoding, ==, gb_name ());
  g_assert_cmpstr (nb_report_get_agency (a->report), ==, "某局");
  assert_field (a->report, "review/count/after_total", "0");
  g_assert_cmpstr (b->encoding, ==, gb_name ());
  g_assert_cmpstr (nb_report_get_agency (b->report), ==, "某局");
  g_assert_cmpstr (nb_report_get_text (b->report, "other"), ==, "无其他需要报告的事项。");
}

/* Every cell of a table row on a line of its own (some sites' text). */
static void
test_one_value_per_line (void)
{
  g_autofree char *text = fixture_text ();
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(NbImport) import = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (cells) < 2)
        {
          g_string_append_printf (out, "%s\n", lines[i]);
          continue;
        }
      for (guint c = 0; cells[c]; c++)
        if (*g_strstrip (cells[c]))
          g_string_append_printf (out, "%s\n", cells[c]);
    }
  import = import_bytes (out->str, -1, "one-per-line.txt");
  dump_warnings (import);
  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);
  g_assert_cmpuint (count_errors (import->report), ==, 0);
}

static void
test_missing_cell (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *empty = replace (text, "行政许可\t61\t0\t43", "行政许可\t61\t\t43");
  g_autofree char *dropped = replace (text, "行政处罚\t189\t-33\t795", "行政处罚\t189\t795");
  g_autoptr(NbImport) a = import_bytes (empty, -1, "a.txt");
  g_autoptr(NbImport) b = import_bytes (dropped, -1, "b.txt");

  /* An empty cell stays blank (never an invented 0): cell.blank says so. */
  assert_field (a->report, "active/license/delta", "");
  assert_field (a->report, "active/license/prev", "61");
  assert_field (a->report, "active/license/decisions", "43");
  g_assert_cmpuint (count_problems (a->report, "cell.blank", "active/license/delta"), ==, 1);
  g_assert_cmpuint (g_array_index (a->tables, NbImportTable, 0).blank, ==, 1);

  /* Two figures for three columns: which one is missing cannot be told. */
  dump_warnings (b);
  assert_field (b->report, "active/penalty/prev", "");
  assert_field (b->report, "active/penalty/delta", "");
  assert_field (b->report, "active/penalty/decisions", "");
  g_assert_true (has_warning (b, "line 37", "2 figures"));
  g_assert_true (has_warning (b, "cells were not found", "行政处罚"));
  g_assert_cmpuint (b->read, ==, b->cells - 3);
}

static void
test_reworded_labels (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *v1 = replace (text, "二、上年结转政府信息公开申请数量\t\t0",
                                 "二、上年结转的政府信息公开申请数\t\t0");
  g_autofree char *v2 = replace (v1, "2.其他法律法规禁止公开", "2.其他法律行政止公开");
  g_autofree char *v3 = replace (v2, "行政处罚\t189", "行政处罚事项\t189");
  g_autofree char *v4 = replace (v3, "行政许可\t61", "公共资源交易\t61");
  g_autoptr(NbImport) import = import_bytes (v4, -1, "reworded.txt");

  dump_warnings (import);
  g_assert_true (has_warning (import, "二、上年结转的政府信息公开申请数", "二、上年结转政府信息公开申请数量"));
  g_assert_true (has_warning (import, "其他法律行政止公开", "其他法律行政法规禁止公开"));
  g_assert_true (has_warning (import, "行政处罚事项", "行政处罚"));
  assert_field (import->report, "active/penalty/delta", "-33");
  /* A label that is no row of the form: refused, said, its cells blank. */
  g_assert_true (has_warning (import, "公共资源交易", NULL));
  assert_field (import->report, "active/license/prev", "");
  assert_field (import->report, "requests/carried_in/natural", "0");
}

static void
test_values (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *v1 = replace (text, "行政许可\t61\t0\t43", "行政许可\t６１\t+4\t1,043");
  g_autofree char *v2 = replace (v1, "行政强制\t0\t0\t0", "行政强制\t——\t/\t无");
  g_autofree char *v3 = replace (v2, "政府集中采购\t1\t793.9397", "政府集中采购\t1\t251000元");
  g_autoptr(NbImport) import = import_bytes (v3, -1, "values.txt");

  dump_warnings (import);
  assert_field (import->report, "active/license/prev", "61");
  assert_field (import->report, "active/license/delta", "4");
  assert_field (import->report, "active/license/decisions", "1043");
  assert_field (import->report, "active/coercion/prev", "");
  assert_field (import->report, "active/coercion/delta", "");
  assert_field (import->report, "active/coercion/decisions", "");
  g_assert_cmpuint (g_array_index (import->tables, NbImportTable, 0).blank, ==, 3);
  g_assert_cmpuint (count_problems (import->report, "cell.blank", "active/coercion/prev"), ==, 1);
  /* 元 in a 万元 column: converted, and the warning says which. */
  assert_field (import->report, "active/procurement/amount", "25.1");
  g_assert_true (has_warning (import, "251000元", "25.1"));
}

static void
test_format_not_year (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *v = replace (text, "交通运输局2020年政府信息公开", "交通运输局2023年政府信息公开");
  g_autoptr(NbImport) import = import_bytes (v, -1, "2023.txt");

  /* The tables are the 2019 ones: so it comes in, and format.year says so. */
  g_assert_cmpint (nb_report_get_year (import->report), ==, 2023);
  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (import->report)), ==, "2019");
  g_assert_cmpuint (count_problems (import->report, "format.year", NULL), ==, 1);
  assert_field (import->report, "active/penalty/delta", "-33");
}

static void
test_run_together (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *v = replace (text, "规章\t0\t0\t0\n规范性文件\t0\t0\t0\n", "规章000规范性文件6233440\n");
  g_autoptr(NbImport) import = import_bytes (v, -1, "glued.txt");

  dump_warnings (import);
  g_assert_true (has_warning (import, "规章000规范性文件6233440", "规范性文件"));
  assert_field (import->report, "active/regulation/made", "");
  assert_field (import->report, "active/normative/total", "");
  assert_field (import->report, "active/license/prev", "61");
}

/* Rows in another order, and a table split by a page break that repeats
 * its header rows (with a page number between the parts). */
static void
test_order_and_split (void)
{
  g_autofree char *text = fixture_text ();
  const char *row7 = "\t\t7.属于行政执法案卷\t\t0\t0\t0\t0\t0\t0\n";
  const char *row8 = "\t\t8.属于行政查询事项\t\t0\t0\t0\t0\t0\t0\n";
  g_autofree char *swapped_rows = g_strconcat ("\t\t8.属于行政查询事项\t\t5\t0\t0\t0\t0\t0\n", row7, NULL);
  g_autofree char *v1 = replace (text, row8, "");
  g_autofree char *v2 = replace (v1, row7, swapped_rows);
  g_autofree char *header = NULL;
  g_autofree char *v3 = NULL;
  g_autoptr(NbImport) import = NULL;
  const char *h = strstr (text, "(本列数据的勾稽关系");
  const char *h_end = strstr (text, "一、本年新收政府信息公开申请数量");

  header = g_strndup (h, h_end - h);
  {
    g_autofree char *page = g_strconcat ("- 3 -\n\n", header, "\t(四) 无法提供\t1.本机关", NULL);
    v3 = replace (v2, "\t(四) 无法提供\t1.本机关", page);
  }
  import = import_bytes (v3, -1, "split.txt");
  dump_warnings (import);
  assert_field (import->report, "requests/withheld_query/natural", "5");
  assert_field (import->report, "requests/withheld_enforcement/natural", "0");
  assert_field (import->report, "requests/unable_none/natural", "0");
  assert_field (import->report, "requests/carried_out/natural", "0");
  g_assert_cmpuint (g_array_index (import->tables, NbImportTable, 1).read, ==, 132);
  /* The printed （七）总计 (0) does not add up now: the checks say so. */
  g_assert_cmpuint (count_problems (import->report, "requests.results_total", NULL), >=, 1);
}

/* A 表三 printed with a 法人或其他组织 subtotal: its place is found by the
 * sums (after the five kinds here), and it is left out. */
static void
test_subtotal_column (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *v = replace (text, "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t",
                                "一、本年新收政府信息公开申请数量\t\t3\t1\t0\t2\t0\t0\t3\t6\t");
  g_autofree char *bad = replace (text, "一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0\t",
                                  "一、本年新收政府信息公开申请数量\t\t3\t1\t0\t2\t0\t0\t9\t6\t");
  g_autoptr(NbImport) import = import_bytes (v, -1, "subtotal.txt");
  g_autoptr(NbImport) refused = import_bytes (bad, -1, "bad-subtotal.txt");

  dump_warnings (import);
  assert_field (import->report, "requests/new/natural", "3");
  assert_field (import->report, "requests/new/business", "1");
  assert_field (import->report, "requests/new/nonprofit", "2");
  assert_field (import->report, "requests/new/other", "0");
  assert_field (import->report, "requests/new/total", "6");
  g_assert_true (has_warning (import, "法人或其他组织", "7"));

  /* Eight figures that no subtotal explains: not guessed. */
  dump_warnings (refused);
  assert_field (refused->report, "requests/new/natural", "");
  g_assert_true (has_warning (refused, "8 figures", NULL));
}

/* A title printed over two lines (the agency, then the rest). */
static void
test_title_two_lines (void)
{
  g_autofree char *text = fixture_text ();
  g_autofree char *v = replace (text, "交通运输局2020年政府信息公开工作年度报告",
                                "温县交通运输局\n\n2020年政府信息公开工作年度报告");
  g_autoptr(NbImport) import = import_bytes (v, -1, "two-lines.txt");
  const char *page = "<html><body><div class=nav><a href=/>首页</a> &gt; <a href=/nb>年报</a></div>"
                     "<div class=art><p align=center><b>某市生态环境局<br>2022年政府信息公开工作年度报告</b></p>"
                     "<p>一、总体情况</p><p>本局严格落实条例。</p></div></body></html>";
  g_autoptr(NbImport) html = import_bytes (page, -1, "two-lines.html");

  assert_fixture_figures (import->report);
  assert_fixture_texts (import->report);
  g_assert_cmpstr (nb_report_get_agency (import->report), ==, "温县交通运输局");
  g_assert_false (has_warning (import, "calls it", NULL));
  g_assert_cmpstr (nb_report_get_agency (html->report), ==, "某市生态环境局");
  g_assert_cmpint (nb_report_get_year (html->report), ==, 2022);
  g_assert_cmpstr (nb_report_get_text (html->report, "overview"), ==, "本局严格落实条例。");
}

/* ---- web pages ---- */

static NbImport *
import_fixture_file (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NbImport *import = nb_import_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  dump_warnings (import);
  return import;
}

/* The figures chosen in fixtures/import/make-pages.py. */
static const char *const qingtian_figures[][2] = {
  { "active/regulation/issued", "0" }, { "active/normative/issued", "3" },
  { "active/normative/repealed", "1" }, { "active/normative/in_force", "12" },
  { "active/license/decisions", "1234" }, { "active/penalty/decisions", "56" },
  { "active/coercion/decisions", "2" }, { "active/fee/amount", "38" },
  { "requests/new/natural", "25" }, { "requests/new/business", "3" }, { "requests/new/research", "0" },
  { "requests/new/nonprofit", "1" }, { "requests/new/legal", "2" }, { "requests/new/other", "0" },
  { "requests/new/total", "31" }, { "requests/carried_in/natural", "2" },
  { "requests/open/natural", "12" }, { "requests/open/business", "1" }, { "requests/open/legal", "1" },
  { "requests/open/total", "14" }, { "requests/partial/natural", "3" },
  { "requests/withheld_law/natural", "1" }, { "requests/withheld_third_party/natural", "1" },
  { "requests/withheld_internal/natural", "0" }, { "requests/withheld_query/natural", "0" },
  { "requests/unable_none/natural", "5" }, { "requests/unable_none/business", "1" },
  { "requests/unable_none/nonprofit", "1" }, { "requests/unable_none/total", "7" },
  { "requests/unable_create/natural", "1" }, { "requests/rejected_petition/natural", "2" },
  { "requests/rejected_repeat/natural", "1" }, { "requests/other_other/natural", "1" },
  { "requests/other_no_fee/natural", "0" },
  { "requests/results_total/natural", "27" }, { "requests/results_total/business", "2" },
  { "requests/results_total/total", "31" }, { "requests/carried_out/natural", "0" },
  { "requests/carried_out/business", "1" }, { "requests/carried_out/legal", "1" },
  { "requests/carried_out/total", "2" },
  { "review/count/reconsideration_upheld", "1" }, { "review/count/reconsideration_pending", "1" },
  { "review/count/reconsideration_total", "2" }, { "review/count/direct_upheld", "1" },
  { "review/count/direct_total", "1" }, { "review/count/after_total", "0" },
};

static void
assert_qingtian (NbImport *import,
                 gboolean  other_items)
{
  NbReport *report = import->report;

  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (report)), ==, "2021");
  g_assert_cmpstr (nb_report_get_agency (report), ==, "青田县市场监督管理局");
  g_assert_cmpint (nb_report_get_year (report), ==, 2023);
  g_assert_cmpstr (nb_report_get_date (report), ==, "2024-01-22");
  for (guint i = 0; i < G_N_ELEMENTS (qingtian_figures); i++)
    if (other_items || !g_str_has_prefix (qingtian_figures[i][0], "requests/other_"))
      assert_field (report, qingtian_figures[i][0], qingtian_figures[i][1]);
  /* The site's lines around the report are no section text. */
  g_assert_true (g_str_has_prefix (nb_report_get_text (report, "overview"), "本报告根据《中华人民共和国政府信息公开条例》"));
  g_assert_nonnull (strstr (nb_report_get_text (report, "overview"), "\n\n（五）监督保障\n\n将政务公开工作"));
  g_assert_null (strstr (nb_report_get_text (report, "overview"), "发布时间"));
  g_assert_true (g_str_has_prefix (nb_report_get_text (report, "problems"), "2023年我局政府信息公开工作虽取得"));
  g_assert_cmpstr (nb_report_get_text (report, "other"), ==, "2023年，本机关无收取信息处理费情况。无其他需要报告的事项。");
  for (guint i = 0; i < 3; i++)
    {
      const char *t = nb_report_get_text (report, (const char *[]) { "overview", "problems", "other" }[i]);
      g_assert_null (strstr (t, "ICP"));
      g_assert_null (strstr (t, "打印本页"));
      g_assert_null (strstr (t, "document.write"));
    }
  g_assert_true (has_warning (import, "380000元", "38 万元"));
}

static void
test_html_word_page (void)
{
  g_autoptr(NbImport) import = import_fixture_file ("import/qingtian-market-2023.html");

  g_assert_cmpstr (import->kind, ==, "html");
  g_assert_cmpstr (import->encoding, ==, gb_name ());
  assert_qingtian (import, TRUE);
  g_assert_cmpuint (import->read, ==, import->cells);
  g_assert_cmpuint (count_errors (import->report), ==, 0);
  g_assert_cmpuint (import->warnings->len, ==, 1);
}

static void
test_html_extra_column (void)
{
  g_autoptr(NbImport) import = import_fixture_file ("import/qingtian-market-2023-extra-column.html");

  assert_qingtian (import, TRUE);
  g_assert_true (has_warning (import, "法人或其他组织", NULL));
  g_assert_cmpuint (count_errors (import->report), ==, 0);
}

static void
test_html_other_one_row (void)
{
  g_autoptr(NbImport) import = import_fixture_file ("import/qingtian-market-2023-other-one-row.html");

  assert_qingtian (import, FALSE);
  /* （六）其他处理 as one row: its items are unknown, blank, and said. */
  assert_field (import->report, "requests/other_no_correction/natural", "");
  assert_field (import->report, "requests/other_other/natural", "");
  g_assert_true (has_warning (import, "（六）其他处理", "one row"));
  g_assert_cmpuint (count_problems (import->report, "cell.blank", "requests/other_other/natural"), ==, 1);
  /* The printed （七）总计 is kept: it no longer adds up. */
  g_assert_cmpuint (count_problems (import->report, "requests.results_total", NULL), >=, 1);
}

/* The page as it was saved, but with the article's text typed without the
 * site: a bare table with the official merges and a broken label. */
static void
test_html_bare_table (void)
{
  const char *page =
    "<html><body><p>某县教育局2022年政府信息公开工作年度报告</p>"
    "<p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
    "<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>"
    "<tr><td rowspan=2>结果维持</td><td rowspan=2>结果纠正</td><td rowspan=2>其他结果</td>"
    "<td rowspan=2>尚未审结</td><td rowspan=2>总计</td><td colspan=5>未经复议直接<br>起诉</td>"
    "<td colspan=5>复议后起诉</td></tr><tr>"
    "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>"
    "<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"
    "<tr><td>1</td><td>2</td><td>&nbsp;</td><td>0</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td>"
    "<td>0</td><td>—</td><td>0</td><td>0</td><td>0</td><td>0</td></tr></table>";
  g_autoptr(NbImport) import = import_bytes (page, -1, "bare.htm");

  dump_warnings (import);
  g_assert_cmpstr (import->kind, ==, "html");
  g_assert_cmpstr (nb_report_get_agency (import->report), ==, "某县教育局");
  assert_field (import->report, "review/count/reconsideration_upheld", "1");
  assert_field (import->report, "review/count/reconsideration_corrected", "2");
  assert_field (import->report, "review/count/reconsideration_other", "");
  assert_field (import->report, "review/count/reconsideration_total", "4");
  assert_field (import->report, "review/count/after_upheld", "");
  g_assert_cmpuint (g_array_index (import->tables, NbImportTable, 2).blank, ==, 2);
  /* 1 + 2 + blank + 0 is not the printed 4: published errors are seen. */
  g_assert_cmpuint (count_problems (import->report, "review.totals", NULL), ==, 1);
}

/* An older site laid out with tables: menus in one cell, the article in
 * another, the report's own tables inside it. */
static void
test_html_layout_tables (void)
{
  g_autofree char *path = fixture_path ("import/qingtian-market-2023-extra-column.html");
  g_autofree char *page = NULL;
  g_autofree char *body = NULL;
  g_autofree char *layout = NULL;
  g_autoptr(NbImport) import = NULL;
  const char *start, *end;

  g_assert_true (g_file_get_contents (path, &page, NULL, NULL));
  start = strstr (page, "<div class=WordSection1");
  end = strstr (start, "<div class=\"tools\">");
  body = g_strndup (start, end - start);
  layout = g_strconcat ("<html><head><meta charset=utf-8><title>年报</title></head><body>"
                        "<table width=1000><tr><td colspan=2><a href=/>首页</a> | <a href=/zw>政务公开</a> | "
                        "<a href=/fw>政务服务</a></td></tr><tr><td width=200 valign=top>"
                        "<table><tr><td><a href=/a>通知公告</a></td></tr><tr><td><a href=/b>政策文件</a></td></tr>"
                        "<tr><td><a href=/c>年度报告 2022</a></td></tr></table></td><td valign=top>",
                        body, "</td></tr><tr><td colspan=2>版权所有 © 青田县人民政府 地址：鹤城街道</td></tr></table>"
                        "</body></html>", NULL);
  import = import_bytes (layout, -1, "layout.html");
  dump_warnings (import);
  assert_qingtian (import, TRUE);
  g_assert_null (strstr (nb_report_get_text (import->report, "overview"), "通知公告"));
  g_assert_cmpuint (count_errors (import->report), ==, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(NbImport) import = import_fixture_file ("import/qingtian-market-2023.html");
  g_autofree char *data = nb_report_file_to_data (import->report, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) loaded = nb_report_file_load_from_data (data, -1, &error);
  const char *const *warnings;

  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_import_file (loaded), ==, "qingtian-market-2023.html");
  g_assert_cmpstr (nb_report_get_import_kind (loaded), ==, "html");
  g_assert_cmpstr (nb_report_get_import_encoding (loaded), ==, gb_name ());
  warnings = nb_report_get_import_warnings (loaded);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "380000元"));
  assert_field (loaded, "requests/results_total/total", "31");
  /* Gone through: cleared, and saved without it. */
  nb_report_clear_import_source (loaded);
  {
    g_autofree char *again = nb_report_file_to_data (loaded, NULL);
    g_assert_null (strstr (again, "\"import\""));
  }
}

static void
test_not_a_report (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("hello\tworld\n1\t2\n", 16);
  g_autoptr(GBytes) binary = g_bytes_new_static ("\x00\x01\x02\xff\xfe\xfa\x80\x81", 8);
  g_autoptr(GError) error = NULL;
  NbImport *import = nb_import_bytes (bytes, "x.txt", &error);

  g_assert_null (import);
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  g_clear_error (&error);
  import = nb_import_bytes (binary, "x.txt", &error);
  g_assert_null (import);
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);

  /* An empty file (an empty GBytes has no data at all): refused with a
   * message, by both readers. */
  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    const char *names[] = { "empty.txt", "empty.html" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_clear_error (&error);
        import = nb_import_bytes (empty, names[i], &error);
        g_assert_null (import);
        g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
      }
  }

  {
    static const char *const cases[][3] = {
      { "%PDF-1.7", NULL, "pdf" }, { "PK\x03\x04", "a.docx", "docx" }, { "<p>x</p>", "a.txt", "html" },
      { "plain", "a.htm", "html" }, { "plain", "a.txt", "text" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GBytes) b = g_bytes_new_static (cases[i][0], strlen (cases[i][0]));
        g_assert_cmpstr (nb_import_sniff (b, cases[i][1]), ==, cases[i][2]);
      }
  }
}

/* ---- the command line, as a user runs it ---- */

static int
run_cli (const char *const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("NB_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  /* Portable: the exit code, or a failure if the program was killed. */
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  if (error->domain != G_SPAWN_EXIT_ERROR)
    g_error ("nianbao-cli did not exit normally: %s", error->message);
  return error->code;
}

static void
test_cli_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-import-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "温县.nianbao", NULL);
  g_autofree char *input = fixture_path ("wenxian-transport-2020.txt");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (out_path);
  g_autoptr(NbReport) saved = NULL;
  int status = run_cli ((const char *[]) { "import", input, "-o", out_path, NULL }, &out, &err);

  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "其他法律法规禁止公开"));
  g_assert_nonnull (strstr (out, "132 of 132"));
  saved = nb_report_file_load (file, NULL, NULL);
  g_assert_nonnull (saved);
  assert_fixture_figures (saved);
  g_assert_cmpstr (nb_report_get_import_kind (saved), ==, "text");
  g_unlink (out_path);
  g_rmdir (dir);
}

static void
test_cli_check_many (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-check-XXXXXX", NULL);
  g_autofree char *text = fixture_text ();
  g_autofree char *broken = replace (text, "(七) 总计\t\t0", "(七) 总计\t\t3");
  g_autofree char *good = g_build_filename (dir, "a-温县.txt", NULL);
  g_autofree char *bad = g_build_filename (dir, "b-errors.txt", NULL);
  g_autofree char *junk = g_build_filename (dir, "c-junk.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *html = fixture_path ("import/qingtian-market-2023.html");
  g_autofree char *out = NULL, *err = NULL, *csv_text = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_assert_true (g_file_set_contents (good, text, -1, NULL));
  g_assert_true (g_file_set_contents (bad, broken, -1, NULL));
  g_assert_true (g_file_set_contents (junk, "%PDF-1.4 not really", -1, NULL));

  status = run_cli ((const char *[]) { "import", "--check", html, dir, "--csv", csv, NULL }, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);   /* four files, the total, "" */
  g_assert_nonnull (strstr (lines[0], "青田县市场监督管理局\t2023\t2021\t166/166\t0 errors"));
  g_assert_nonnull (strstr (lines[1], "温县交通运输局\t2020\t2019\t166/166\t0 errors"));
  g_assert_nonnull (strstr (lines[2], "b-errors.txt"));
  g_assert_null (strstr (lines[2], "\t0 errors"));
  g_assert_nonnull (strstr (lines[3], "c-junk.pdf"));
  g_assert_nonnull (strstr (lines[3], "unreadable"));
  g_assert_nonnull (strstr (lines[4], "4 reports, 1 with errors, 1 unreadable"));

  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBF\"file\""));
  g_assert_nonnull (strstr (csv_text, "\"温县交通运输局\",\"2020\",\"2019\",\"166\",\"166\",\"0\""));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli ((const char *[]) { "import", "--check", "--json", good, NULL }, &out, &err);
  g_assert_cmpint (status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o;
    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    o = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
    g_assert_cmpstr (json_object_get_string_member (o, "agency"), ==, "温县交通运输局");
    g_assert_cmpint (json_object_get_int_member (o, "cells_read"), ==, 166);
    g_assert_cmpint (json_object_get_int_member (o, "errors"), ==, 0);
  }

  g_unlink (good);
  g_unlink (bad);
  g_unlink (junk);
  g_unlink (csv);
  g_rmdir (dir);
}

/* ---- the closing lines, the headings, wrapped text, the fees ---- */

/* A 2021-format report as a county bureau's site prints it as text (no
 * tables: the texts are what is tested): @problems_heading is 五's heading
 * as printed, @six the paragraphs of 六 and what follows it. */
static char *
county_report (const char *fourth_heading,
               const char *problems_heading,
               const char *six)
{
  return g_strdup_printf ("青田县市场监督管理局2023年政府信息公开工作年度报告\n\n"
                          "一、总体情况\n\n"
                          "2023年，青田县市场监督管理局认真贯彻落实《中华人民共和国政府信息公开条例》，"
                          "全面推进政务公开工作。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n\n"
                          "二、主动公开政府信息情况\n\n"
                          "三、收到和处理政府信息公开申请情况\n\n"
                          "%s%s"
                          "%s\n\n"
                          "一是信息公开的及时性有待提高，部分栏目更新不够及时。二是政策解读形式较为单一。"
                          "下一步，我局将加强业务培训，丰富解读形式，不断提高公开质量。\n\n"
                          "六、其他需要报告的事项\n\n"
                          "%s\n",
                          fourth_heading ? fourth_heading : "", fourth_heading ? "\n\n" : "",
                          problems_heading, six);
}

static void
test_closing_lines (void)
{
  static const char *const cases[][3] = {
    /* 六's end as printed; the date; the sign-off (NULL: the agency's own, kept as default) */
    { "本年度未收取信息处理费。\n\n无其他需要报告的事项。\n\n青田县市场监督管理局\n\n二〇二四年一月二十日",
      "2024-01-20", NULL },
    { "本年度未收取信息处理费。\n\n无其他需要报告的事项。\n\n2024-01-20", "2024-01-20", NULL },
    { "本年度未收取信息处理费。\n\n无其他需要报告的事项。\n\n青田县市场监督管理局　　2024年1月20日",
      "2024-01-20", NULL },
    { "本年度未收取信息处理费。\n\n无其他需要报告的事项。\n\n２０２４年１月２０日\n\n青田县市场监督管理局",
      "2024-01-20", NULL },
    /* Signed by the office that wrote it: a name, beside the date. */
    { "本年度未收取信息处理费。\n\n无其他需要报告的事项。\n\n青田县市场监督管理局办公室\n二〇二四年一月十五日",
      "2024-01-15", "青田县市场监督管理局办公室" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = county_report ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                             cases[i][0]);
      g_autoptr(NbImport) import = import_bytes (text, -1, "青田.txt");
      const char *other = nb_report_get_text (import->report, "other");

      g_test_message ("case %u: 六 = “%s”", i, other);
      g_assert_cmpstr (other, ==, "本年度未收取信息处理费。\n\n无其他需要报告的事项。");
      g_assert_cmpstr (nb_report_get_date (import->report), ==, cases[i][1]);
      if (cases[i][2])
        g_assert_cmpstr (nb_report_get_signoff (import->report), ==, cases[i][2]);
      else
        g_assert_true (!nb_report_get_signoff (import->report) || !*nb_report_get_signoff (import->report) ||
                       g_str_equal (nb_report_get_signoff (import->report), "青田县市场监督管理局"));
    }

  /* A sentence that ends with a date is text, not the closing date. */
  {
    g_autofree char *text = county_report ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                           "本年度未收取信息处理费。\n\n"
                                           "本报告所列数据的统计期限为2023年1月1日至2023年12月31日");
    g_autoptr(NbImport) import = import_bytes (text, -1, "青田.txt");

    g_assert_nonnull (strstr (nb_report_get_text (import->report, "other"), "至2023年12月31日"));
    g_assert_true (!nb_report_get_date (import->report) || !*nb_report_get_date (import->report));
  }
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *id,
             const char *text)
{
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      if (g_str_equal (nb_problem_get_id (p), id) && strstr (nb_problem_get_message (p), text))
        return TRUE;
    }
  return FALSE;
}

static void
test_headings_checked (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-headings-XXXXXX", NULL);
  g_autofree char *variant_path = g_build_filename (dir, "a-改写.txt", NULL);
  g_autofree char *misnumbered_path = g_build_filename (dir, "b-序号.txt", NULL);
  g_autofree char *variant = county_report ("四、政府信息公开行政复议、行政诉讼情况", "五、存在问题及改进情况",
                                            "本年度未收取信息处理费。");
  /* 四 left out, so 五 was numbered 四 by whoever wrote it. */
  g_autofree char *misnumbered = county_report (NULL, "四、存在的主要问题及改进情况", "本年度未收取信息处理费。");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_object_unref);
  int status;

  /* The window's problems for the imported document, also after saving and opening it again. */
  {
    g_autoptr(NbImport) import = import_bytes (variant, -1, "a.txt");
    g_autofree char *data = nb_report_file_to_data (import->report, NULL);
    g_autoptr(NbReport) loaded = nb_report_file_load_from_data (data, -1, NULL);

    nb_import_add_problems (import->report, problems);
    g_assert_true (has_problem (problems, "section.heading_variant", "五、存在问题及改进情况"));
    g_assert_false (has_problem (problems, "section.headings", "缺少"));
    g_ptr_array_set_size (problems, 0);
    g_assert_nonnull (loaded);
    nb_import_add_problems (loaded, problems);
    g_assert_true (has_problem (problems, "section.heading_variant", "五、存在问题及改进情况"));
    g_ptr_array_set_size (problems, 0);
    /* Gone through: the headings' problems go with the import's warnings. */
    nb_report_clear_import_source (loaded);
    nb_import_add_problems (loaded, problems);
    g_assert_cmpuint (problems->len, ==, 0);
  }
  {
    g_autoptr(NbImport) import = import_bytes (misnumbered, -1, "b.txt");
    /* Its text is still 五's, not 四's. */
    g_assert_nonnull (strstr (nb_report_get_text (import->report, "problems"), "一是信息公开的及时性"));
    nb_import_add_problems (import->report, problems);
    g_assert_true (has_problem (problems, "section.headings", "四、存在的主要问题及改进情况"));
    g_assert_true (has_problem (problems, "section.headings", "四、政府信息公开行政复议、行政诉讼情况"));
  }

  g_assert_true (g_file_set_contents (variant_path, variant, -1, NULL));
  g_assert_true (g_file_set_contents (misnumbered_path, misnumbered, -1, NULL));
  {
    g_autofree char *doc = g_build_filename (dir, "out.nianbao", NULL);
    run_cli ((const char *[]) { "import", variant_path, "-o", doc, NULL }, &out, &err);
    g_test_message ("%s%s", out, err);
    g_assert_nonnull (strstr (out, "warning section.heading_variant: 标题“五、存在问题及改进情况”"));
    g_unlink (doc);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_cli ((const char *[]) { "import", "--check", "--json", misnumbered_path, NULL }, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (misnumbered_path);
    g_autoptr(NbImport) import = nb_import_file (file, NULL, NULL);
    g_autoptr(GPtrArray) checks = nb_check_report (import->report, NULL);
    g_autoptr(GPtrArray) headings = nb_import_check_headings (import->report, NULL);
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *o;

    g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
    o = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
    g_assert_cmpuint (nb_problems_count (headings, NB_SEVERITY_ERROR), >=, 2);
    g_assert_cmpint (json_object_get_int_member (o, "errors"), ==,
                     nb_problems_count (checks, NB_SEVERITY_ERROR) + nb_problems_count (headings, NB_SEVERITY_ERROR));
  }
  g_unlink (variant_path);
  g_unlink (misnumbered_path);
  g_rmdir (dir);
}

static void
test_fees_from_text (void)
{
  static const char *const cases[][5] = {
    /* 六 as printed; fee_notices, fee_notified_amount, fee_collected_cases, fee_collected_amount */
    { "2023年对25件政府信息公开申请案件收取了信息处理费2950元。\n\n无其他需要报告的事项。", "", "", "25", "2950" },
    { "本年度未收取信息处理费。\n\n无其他需要报告的事项。", "0", "0", "0", "0" },
    { "2023年，本机关依据《政府信息公开信息处理费管理办法》发出收费通知书3件，金额共计1200元，实际收取0元。",
      "3", "1200", "0", "0" },
    { "2023年，本机关共发出收费通知2件，总金额1,500元；实际收取信息处理费1件，总金额300元。",
      "2", "1500", "1", "300" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = county_report ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                             cases[i][0]);
      g_autoptr(NbImport) import = import_bytes (text, -1, "青田.txt");

      g_test_message ("case %u", i);
      dump_warnings (import);
      assert_field (import->report, "other/fee_notices", cases[i][1]);
      assert_field (import->report, "other/fee_notified_amount", cases[i][2]);
      assert_field (import->report, "other/fee_collected_cases", cases[i][3]);
      assert_field (import->report, "other/fee_collected_amount", cases[i][4]);
      g_assert_false (has_warning (import, "信息处理费", "not understood"));
      /* The statement stays in the text as printed. */
      g_assert_nonnull (strstr (nb_report_get_text (import->report, "other"), "收"));
    }

  /* Not understood: said, the fields stay blank. */
  {
    g_autofree char *text = county_report ("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                           "信息处理费的收取严格按照有关规定执行。");
    g_autoptr(NbImport) import = import_bytes (text, -1, "青田.txt");

    dump_warnings (import);
    assert_field (import->report, "other/fee_notices", "");
    assert_field (import->report, "other/fee_collected_amount", "");
    g_assert_true (has_warning (import, "信息处理费的收取严格按照有关规定执行", NULL));
  }
}

/* @paragraph broken every @width characters, as a site's plain-text
 * version or pdftotext prints it; @indent before its first line. */
static void
append_wrapped (GString    *out,
                const char *paragraph,
                guint       width,
                const char *indent)
{
  const char *p = paragraph;
  guint n = 0;

  g_string_append (out, indent);
  for (; *p; p = g_utf8_next_char (p))
    {
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
      if (++n == width && *g_utf8_next_char (p))
        {
          g_string_append_c (out, '\n');
          n = 0;
        }
    }
  g_string_append_c (out, '\n');
}

static void
test_wrapped_lines (void)
{
  static const char *const overview[] = {
    "2023年，青田县市场监督管理局深入贯彻落实《中华人民共和国政府信息公开条例》和省、市政务公开工作要点，"
    "坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开，政务公开工作取得新成效。",
    "（一）主动公开情况。全年通过县政府门户网站主动公开政府信息312条，其中行政许可信息96条、"
    "行政处罚信息57条，及时回应社会关切。",
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与青田县市场监督管理局办公室联系。",
    NULL
  };
  static const char *const problems[] = {
    "一是信息公开的及时性有待提高，部分栏目更新不够及时，个别信息发布滞后。二是政策解读形式较为单一，图解、视频解读较少。",
    "下一步，我局将加强业务培训，丰富解读形式，健全信息发布审核机制，不断提高政务公开质量和实效。",
    NULL
  };

  for (guint indent = 0; indent < 2; indent++)
    {
      g_autoptr(GString) text = g_string_new ("青田县市场监督管理局2023年政府信息公开工作年度报告\n一、总体情况\n");
      g_autoptr(NbImport) import = NULL;
      g_autofree char *expected_overview = g_strjoinv ("\n\n", (char **) overview);
      g_autofree char *expected_problems = g_strjoinv ("\n\n", (char **) problems);
      const char *lead = indent ? "　　" : "";

      for (guint i = 0; overview[i]; i++)
        append_wrapped (text, overview[i], 30, lead);
      g_string_append (text, "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                             "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n");
      for (guint i = 0; problems[i]; i++)
        append_wrapped (text, problems[i], 30, lead);
      g_string_append (text, "六、其他需要报告的事项\n");
      append_wrapped (text, "本年度未收取信息处理费。无其他需要报告的事项。", 30, lead);
      g_string_append (text, "青田县市场监督管理局\n2024年1月20日\n");

      g_test_message ("%s", text->str);
      import = import_bytes (text->str, -1, "青田.txt");
      dump_warnings (import);
      g_assert_cmpstr (nb_report_get_text (import->report, "overview"), ==, expected_overview);
      g_assert_cmpstr (nb_report_get_text (import->report, "problems"), ==, expected_problems);
      g_assert_cmpstr (nb_report_get_text (import->report, "other"), ==, "本年度未收取信息处理费。无其他需要报告的事项。");
      g_assert_cmpstr (nb_report_get_date (import->report), ==, "2024-01-20");
      g_assert_cmpstr (nb_report_get_agency (import->report), ==, "青田县市场监督管理局");
    }
}

/* Enough reports for import --check to read them in several threads: the
 * lines come out in the files' order with each file's own verdict. */
static void
test_cli_check_threads (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-check-threads-XXXXXX", NULL);
  g_autofree char *text = fixture_text ();
  g_autofree char *broken = replace (text, "(七) 总计\t\t0", "(七) 总计\t\t3");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  int status;

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%02u.%s", i, i == 13 ? "pdf" : "txt");
      char *path = g_build_filename (dir, name, NULL);   /* as the CLI prints it: \ on Windows */
      const char *content = i == 13 ? "%PDF-1.4 not really" : i % 5 == 2 ? broken : text;
      g_assert_true (g_file_set_contents (path, content, -1, NULL));
      g_ptr_array_add (files, path);
    }
  status = run_cli ((const char *[]) { "import", "--check", dir, NULL }, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 24 + 2);
  for (guint i = 0; i < 24; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], g_ptr_array_index (files, i)));
      if (i == 13)
        g_assert_nonnull (strstr (lines[i], "unreadable"));
      else if (i % 5 == 2)
        g_assert_null (strstr (lines[i], "\t0 errors"));
      else
        g_assert_nonnull (strstr (lines[i], "温县交通运输局\t2020\t2019\t166/166\t0 errors"));
    }
  g_assert_nonnull (strstr (lines[24], "24 reports, 5 with errors, 1 unreadable"));
  for (guint i = 0; i < files->len; i++)
    g_unlink (g_ptr_array_index (files, i));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/text/fixture", test_fixture);
  g_test_add_func ("/import/text/spaces", test_spaces);
  g_test_add_func ("/import/text/crlf", test_crlf);
  g_test_add_func ("/import/text/gb18030", test_gb18030);
  g_test_add_func ("/import/text/utf16", test_utf16);
  g_test_add_func ("/import/text/short-gbk", test_short_gbk);
  g_test_add_func ("/import/text/one-value-per-line", test_one_value_per_line);
  g_test_add_func ("/import/text/missing-cell", test_missing_cell);
  g_test_add_func ("/import/text/reworded-labels", test_reworded_labels);
  g_test_add_func ("/import/text/values", test_values);
  g_test_add_func ("/import/text/format-not-year", test_format_not_year);
  g_test_add_func ("/import/text/run-together", test_run_together);
  g_test_add_func ("/import/text/order-and-split", test_order_and_split);
  g_test_add_func ("/import/text/subtotal-column", test_subtotal_column);
  g_test_add_func ("/import/text/title-two-lines", test_title_two_lines);
  g_test_add_func ("/import/html/word-page", test_html_word_page);
  g_test_add_func ("/import/html/extra-column", test_html_extra_column);
  g_test_add_func ("/import/html/other-one-row", test_html_other_one_row);
  g_test_add_func ("/import/html/bare-table", test_html_bare_table);
  g_test_add_func ("/import/html/layout-tables", test_html_layout_tables);
  g_test_add_func ("/import/file/round-trip", test_round_trip);
  g_test_add_func ("/import/not-a-report", test_not_a_report);
  g_test_add_func ("/import/cli/import", test_cli_import);
  g_test_add_func ("/import/cli/check-many", test_cli_check_many);
  g_test_add_func ("/import/text/closing-lines", test_closing_lines);
  g_test_add_func ("/import/text/headings-checked", test_headings_checked);
  g_test_add_func ("/import/text/fees-from-text", test_fees_from_text);
  g_test_add_func ("/import/text/wrapped-lines", test_wrapped_lines);
  g_test_add_func ("/import/cli/check-threads", test_cli_check_threads);
  return g_test_run ();
}
