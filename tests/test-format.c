/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The format data loads and matches docs/formats.md. The expected
 * keys and labels below are typed from docs/formats.md, not read from the data. */

/* The format's headers keep JSON inside its loader: were json-glib
 * included by them, its JsonObject would clash with this one. */
typedef struct _NbNotJson JsonObject;

#include "nb-format.h"
#include "nb-grid.h"
#include "nb-error.h"
#include "nb-checker.h"
#include "nb-problem.h"
#include "nb-report.h"
#include "nb-sentence.h"
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

static const char *request_rows_common[] = {
  "new", "carried_in", "open", "partial",
  "withheld_secret", "withheld_law", "withheld_safety", "withheld_third_party",
  "withheld_internal", "withheld_process", "withheld_enforcement", "withheld_query",
  "unable_none", "unable_create", "unable_unclear",
  "rejected_petition", "rejected_repeat", "rejected_publication", "rejected_mass", "rejected_confirm",
};
static const char *request_columns[] = {
  "natural", "business", "research", "nonprofit", "legal", "other", "total",
};

static const NbGridCell *
grid_at (const NbTableDef *t, guint r, guint c)
{
  return nb_grid_cell_at (t->grid, r, c);
}

static void
check_requests (NbFormat *f, gboolean v2021)
{
  const NbTableDef *t = nb_format_find_table (f, "requests");
  const NbGridCell *g;
  guint n_rows = G_N_ELEMENTS (request_rows_common) + (v2021 ? 3 : 1) + 2;

  g_assert_nonnull (t);
  g_assert_cmpstr (t->title, ==, "三、收到和处理政府信息公开申请情况");
  g_assert_cmpuint (t->rows->len, ==, n_rows);
  g_assert_cmpuint (t->columns->len, ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (request_rows_common); i++)
    for (guint c = 0; c < G_N_ELEMENTS (request_columns); c++)
      {
        g_autofree char *key = g_strdup_printf ("requests/%s/%s", request_rows_common[i], request_columns[c]);
        g_assert_nonnull (nb_format_find_cell (f, key));
      }
  g_assert_cmpint (nb_format_find_cell (f, "requests/other/natural") != NULL, ==, !v2021);
  g_assert_cmpint (nb_format_find_cell (f, "requests/other_no_fee/total") != NULL, ==, v2021);
  g_assert_true (nb_format_find_cell (f, "requests/results_total/research")->computed);
  g_assert_true (nb_format_find_cell (f, "requests/new/total")->computed);
  g_assert_true (nb_format_find_cell (f, "requests/results_total/total")->computed);
  g_assert_false (nb_format_find_cell (f, "requests/new/natural")->computed);
  g_assert_false (nb_format_find_cell (f, "requests/carried_out/legal")->computed);
  g_assert_cmpstr (nb_table_def_find_row (t, "new")->label, ==, "一、本年新收政府信息公开申请数量");
  g_assert_cmpstr (nb_table_def_find_row (t, "carried_out")->label, ==, "四、结转下年度继续办理");
  g_assert_cmpstr (nb_table_def_find_row (t, "partial")->label, ==,
                   "（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
  g_assert_cmpstr (nb_table_def_find_column (t, "nonprofit")->label, ==, "社会公益组织");

  /* Grid: 10 columns; 26 rows (2019) or 28 (2021). */
  g_assert_cmpuint (nb_grid_get_n_columns (t->grid), ==, 10);
  g_assert_cmpuint (nb_grid_get_n_rows (t->grid), ==, v2021 ? 28 : 26);
  g_assert_cmpuint (nb_grid_get_header_rows (t->grid), ==, 3);
  g = grid_at (t, 2, 1);   /* A1:C3 */
  g_assert_cmpuint (g->row, ==, 0);
  g_assert_cmpuint (g->column, ==, 0);
  g_assert_cmpuint (g->rowspan, ==, 3);
  g_assert_cmpuint (g->colspan, ==, 3);
  g_assert_true (g_str_has_prefix (g->text, "（本列数据的勾稽关系为"));
  g = grid_at (t, 0, 9);   /* D1:J1 */
  g_assert_cmpstr (g->text, ==, "申请人情况");
  g_assert_cmpuint (g->column, ==, 3);
  g_assert_cmpuint (g->colspan, ==, 7);
  g = grid_at (t, 2, 3);   /* D2:D3 */
  g_assert_cmpstr (g->text, ==, "自然人");
  /* An amount's unit and the finer one a published figure may be in. */
  {
    const NbColumnDef *amount = nb_table_def_find_column (nb_format_find_table (f, "active"), "amount");

    g_assert_cmpstr (amount->unit, ==, "万元");
    g_assert_cmpstr (amount->finer_unit, ==, "元");
    g_assert_cmpuint (amount->finer_places, ==, 4);
    g_assert_null (nb_table_def_find_column (t, "natural")->finer_unit);
  }
  /* The exporters' words, filled in one pass (a value is not a template). */
  {
    const NbDocumentTextsDef *texts = nb_format_get_document_texts (f);
    g_autofree char *line = nb_format_fill (texts->field, "label", "收费通知的总金额", "value", "{unit}",
                                            "unit", "元", NULL);

    g_assert_cmpstr (line, ==, "收费通知的总金额：{unit}元");
    g_assert_cmpstr (texts->keywords, ==, "政府信息公开,年度报告");
    g_assert_nonnull (strstr (texts->invalid_decimal, "{places}"));
  }
  /* The kinds of agency, in the format's words. */
  {
    NbAgencyKind kind = NB_AGENCY_DEPARTMENT;

    g_assert_cmpstr (nb_format_get_agency_kind_word (f, NB_AGENCY_GOVERNMENT), ==, "本级人民政府");
    g_assert_true (nb_format_parse_agency_kind (f, "本级人民政府", &kind));
    g_assert_cmpint (kind, ==, NB_AGENCY_GOVERNMENT);
    g_assert_true (nb_format_parse_agency_kind (f, "department", &kind));
    g_assert_cmpint (kind, ==, NB_AGENCY_DEPARTMENT);
    g_assert_false (nb_format_parse_agency_kind (f, "乡镇", &kind));
  }
  /* What every text-figure rule shares. */
  g_assert_cmpstr (nb_format_get_figure_words (f)->unit, ==, "件");
  g_assert_nonnull (strstr (nb_format_get_figure_words (f)->filler, "共计"));
  g_assert_true (g_strv_contains (nb_format_get_figure_words (f)->other_year, "上年"));
  /* The summary's figures, groups and chart, typed. */
  {
    const NbSummaryDef *summary = nb_format_get_summary (f);

    g_assert_cmpuint (summary->n_figures, ==, 7);
    g_assert_true (summary->figures[0] == nb_format_find_cell (f, "requests/new/total"));
    g_assert_true (summary->groups == t);
    g_assert_true (summary->chart == nb_format_find_table (f, "review"));
    g_assert_true (g_strv_contains (summary->roster_is, "单位"));
  }
  /* The grid prints the column's and the row's labels: written once in the data. */
  g_assert_true (g->text == nb_table_def_find_column (t, "natural")->label);
  g_assert_true (grid_at (t, 3, 0)->text == nb_table_def_find_row (t, "new")->label);
  /* … and the groups: 第二十条第（一）项 is its rows' group, 行政复议 its columns'. */
  {
    const NbTableDef *active = nb_format_find_table (f, "active");
    const NbTableDef *review = nb_format_find_table (f, "review");

    g_assert_true (grid_at (active, 0, 0)->text == nb_table_def_find_row (active, "regulation")->group);
    g_assert_cmpuint (grid_at (active, 0, 0)->role, ==, NB_GRID_CAPTION);
    g_assert_true (grid_at (review, 0, 0)->text ==
                   nb_table_def_find_column (review, "reconsideration_upheld")->group);
    g_assert_cmpuint (grid_at (review, 0, 0)->role, ==, NB_GRID_HEADER);
  }
  g_assert_cmpuint (g->rowspan, ==, 2);
  g = grid_at (t, 1, 6);   /* E2:I2 */
  g_assert_cmpstr (g->text, ==, "法人或其他组织");
  g_assert_cmpuint (g->colspan, ==, 5);
  g = grid_at (t, 2, 4);
  g_assert_cmpstr (g->text, ==, "商业企业");
  g = grid_at (t, 3, 3);
  g_assert_cmpuint (g->role, ==, NB_GRID_VALUE);
  g_assert_cmpstr (g->cell->key, ==, "requests/new/natural");
  g = grid_at (t, 5, 0);   /* 三、本年度办理结果 in A spanning all result rows */
  g_assert_cmpstr (g->text, ==, "三、本年度办理结果");
  g_assert_cmpuint (g->rowspan, ==, v2021 ? 22 : 20);
  g = grid_at (t, 8, 1);   /* （三）不予公开 spans its 8 items in column B */
  g_assert_cmpstr (g->text, ==, "（三）不予公开");
  g_assert_cmpuint (g->rowspan, ==, 8);
  g_assert_cmpuint (g->row, ==, 7);
  g = grid_at (t, nb_grid_get_n_rows (t->grid) - 1, 2);
  g_assert_cmpstr (g->text, ==, "四、结转下年度继续办理");
  g_assert_cmpuint (g->colspan, ==, 3);
  g = grid_at (t, nb_grid_get_n_rows (t->grid) - 1, 9);
  g_assert_cmpstr (g->cell->key, ==, "requests/carried_out/total");
}

static void
check_review (NbFormat *f)
{
  const NbTableDef *t = nb_format_find_table (f, "review");
  const char *groups[] = { "reconsideration", "direct", "after" };
  const char *cols[] = { "upheld", "corrected", "other", "pending", "total" };
  const NbGridCell *g;

  g_assert_cmpuint (t->cells->len, ==, 15);
  for (guint i = 0; i < 3; i++)
    for (guint c = 0; c < 5; c++)
      {
        g_autofree char *key = g_strdup_printf ("review/count/%s_%s", groups[i], cols[c]);
        const NbCellDef *def = nb_format_find_cell (f, key);
        g_assert_nonnull (def);
        g_assert_cmpint (def->computed, ==, c == 4);
        /* Row 4 holds the figures in order A–O. */
        g = nb_grid_find_value (t->grid, key);
        g_assert_cmpuint (g->row, ==, 3);
        g_assert_cmpuint (g->column, ==, i * 5 + c);
      }
  g_assert_cmpuint (nb_grid_get_n_columns (t->grid), ==, 15);
  g_assert_cmpuint (nb_grid_get_n_rows (t->grid), ==, 4);
  g = grid_at (t, 0, 2);
  g_assert_cmpstr (g->text, ==, "行政复议");
  g_assert_cmpuint (g->colspan, ==, 5);
  g = grid_at (t, 0, 10);
  g_assert_cmpstr (g->text, ==, "行政诉讼");
  g_assert_cmpuint (g->colspan, ==, 10);
  g = grid_at (t, 2, 0);
  g_assert_cmpstr (g->text, ==, "结果维持");
  g_assert_cmpuint (g->rowspan, ==, 2);
  g = grid_at (t, 1, 12);
  g_assert_cmpstr (g->text, ==, "复议后起诉");
  g = grid_at (t, 2, 13);
  g_assert_cmpstr (g->text, ==, "尚未审结");
}

static void
test_2019 (void)
{
  g_autoptr(GError) error = NULL;
  NbFormat *f = nb_format_get ("2019", &error);
  const NbTableDef *active;
  const NbCellDef *def;

  g_assert_no_error (error);
  g_assert_cmpstr (nb_format_get_version (f), ==, "2019");
  g_assert_true (nb_format_covers_year (f, 2019));
  g_assert_true (nb_format_covers_year (f, 2020));
  g_assert_false (nb_format_covers_year (f, 2021));
  g_assert_cmpuint (nb_format_get_n_sections (f), ==, 6);
  g_assert_cmpstr (nb_format_get_section (f, 0)->heading, ==, "一、总体情况");
  g_assert_cmpstr (nb_format_get_section (f, 1)->heading, ==, "二、主动公开政府信息情况");
  g_assert_cmpstr (nb_format_get_section (f, 3)->heading, ==, "四、政府信息公开行政复议、行政诉讼情况");
  g_assert_cmpstr (nb_format_get_section (f, 4)->heading, ==, "五、存在的主要问题及改进情况");
  g_assert_cmpstr (nb_format_get_section (f, 5)->heading, ==, "六、其他需要报告的事项");
  g_assert_cmpint (nb_format_get_section (f, 2)->kind, ==, NB_SECTION_TABLE);

  active = nb_format_find_table (f, "active");
  g_assert_cmpuint (nb_grid_get_n_rows (active->grid), ==, 18);
  g_assert_cmpuint (nb_grid_get_n_columns (active->grid), ==, 4);
  def = nb_format_find_cell (f, "active/penalty/delta");
  g_assert_cmpint (def->kind.type, ==, NB_KIND_SIGNED);
  def = nb_format_find_cell (f, "active/procurement/amount");
  g_assert_cmpint (def->kind.type, ==, NB_KIND_DECIMAL);
  g_assert_cmpuint (def->kind.places, ==, 4);
  g_assert_nonnull (nb_format_find_cell (f, "active/regulation/made"));
  g_assert_nonnull (nb_format_find_cell (f, "active/normative/total"));
  g_assert_nonnull (nb_format_find_cell (f, "active/service/decisions"));
  g_assert_nonnull (nb_format_find_cell (f, "active/fee/delta"));
  g_assert_null (nb_format_find_cell (f, "active/fee/decisions"));
  g_assert_nonnull (nb_format_find_cell (f, "active/procurement/count"));
  g_assert_cmpint (nb_format_find_cell (f, "active/license/prev")->kind.type, ==, NB_KIND_COUNT);
  g_assert_cmpstr (nb_grid_cell_at (active->grid, 0, 3)->text, ==, "第二十条第（一）项");
  g_assert_cmpstr (nb_grid_cell_at (active->grid, 1, 1)->text, ==, "本年新制作数量");
  g_assert_cmpstr (nb_grid_cell_at (active->grid, 17, 0)->text, ==, "政府集中采购");
  g_assert_null (nb_format_find_cell (f, "other/fee_notices"));

  check_requests (f, FALSE);
  check_review (f);
}

static void
test_2021 (void)
{
  NbFormat *f = nb_format_get ("2021", NULL);
  const NbTableDef *active = nb_format_find_table (f, "active");
  const NbSectionDef *other = nb_format_find_section (f, "other");
  const NbGridCell *g;

  g_assert_nonnull (f);
  g_assert_true (nb_format_covers_year (f, 2021));
  g_assert_true (nb_format_covers_year (f, 2035));
  g_assert_false (nb_format_covers_year (f, 2020));
  g_assert_true (nb_format_for_year (2024) == f);
  g_assert_true (nb_format_for_year (2020) == nb_format_get ("2019", NULL));
  g_assert_null (nb_format_for_year (2018));

  g_assert_cmpuint (nb_grid_get_n_rows (active->grid), ==, 14);
  g_assert_cmpstr (nb_table_def_find_row (active, "normative")->label, ==, "行政规范性文件");
  g_assert_nonnull (nb_format_find_cell (f, "active/regulation/issued"));
  g_assert_nonnull (nb_format_find_cell (f, "active/normative/repealed"));
  g_assert_nonnull (nb_format_find_cell (f, "active/normative/in_force"));
  g_assert_nonnull (nb_format_find_cell (f, "active/license/decisions"));
  g_assert_nonnull (nb_format_find_cell (f, "active/coercion/decisions"));
  g_assert_null (nb_format_find_cell (f, "active/service/decisions"));
  g_assert_cmpuint (nb_format_find_cell (f, "active/fee/amount")->kind.places, ==, 6);
  /* (五): header label spans B–D, and so does the value. */
  g = nb_grid_find_value (active->grid, "active/license/decisions");
  g_assert_cmpuint (g->column, ==, 1);
  g_assert_cmpuint (g->colspan, ==, 3);
  g = nb_grid_cell_at (active->grid, g->row - 1, 3);
  g_assert_cmpstr (g->text, ==, "本年处理决定数量");

  g_assert_cmpuint (other->fields->len, ==, 4);
  g_assert_nonnull (nb_format_find_cell (f, "other/fee_notices"));
  g_assert_nonnull (nb_format_find_cell (f, "other/fee_notified_amount"));
  g_assert_nonnull (nb_format_find_cell (f, "other/fee_collected_cases"));
  g_assert_nonnull (nb_format_find_cell (f, "other/fee_collected_amount"));
  g_assert_cmpuint (g_strv_length ((char **) nb_format_find_section (f, "overview")->subheadings), ==, 5);

  check_requests (f, TRUE);
  check_review (f);
}

static void
test_bad_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbFormat) f = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/org/nianbao/core/formats/2021.json", 0, NULL);
  g_autofree char *broken = NULL;
  GString *s;

  f = nb_format_new_from_data ("{", 1, &error);
  g_assert_null (f);
  g_assert_error (error, NB_ERROR, NB_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_null (nb_format_get ("2030", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_FORMAT);
  g_clear_error (&error);

  /* A grid naming a cell that does not exist is refused, not ignored. */
  s = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (s, "\"cell\": \"requests/new/legal\"", "\"cell\": \"requests/new/legul\"", 1);
  broken = g_string_free (s, FALSE);
  f = nb_format_new_from_data (broken, -1, &error);
  g_assert_null (f);
  g_assert_error (error, NB_ERROR, NB_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "legul"));
}

/* 2021.json with @from replaced by @to once (asserting it was there). */
static char *
edited_2021 (const char *from,
             const char *to)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/org/nianbao/core/formats/2021.json", 0, NULL);
  GString *s = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_assert_nonnull (strstr (s->str, from));
  g_string_replace (s, from, to, 1);
  return g_string_free (s, FALSE);
}

/* A malformed typed part is refused with a message naming it, and refused
 * just the same when the caller passes no GError (it used to load). */
static void
test_bad_typed_parts (void)
{
  static const struct { const char *from, *to, *says; } cases[] = {
    /* a sentence without its template */
    { "\"template\": \"{year}年，本机关共收到", "\"templat\": \"{year}年，本机关共收到", "“template”" },
    /* a chart figure summing a cell the format does not have */
    { "\"requests/new/total\"\n   ]\n  },", "\"requests/new/totl\"\n   ]\n  },", "requests/new/totl" },
    /* a short heading that is not a string */
    { "\"short_heading\": \"一、总体情况\"", "\"short_heading\": 1", "“short_heading” must be a string" },
    /* a sentence list that is not a list */
    { "\"sentences\": [", "\"sentences\": 3, \"x\": [", "“sentences” must be an array" },
    /* the wide-table rule given as a word */
    { "\"wide\": true", "\"wide\": \"yes\"", "“wide” must be true or false" },
    /* a text-figure rule without triggers */
    { "\"triggers\": [", "\"trigers\": [", "has no triggers" },
    /* shared check wording that is not text */
    { "\"blank_cell\": \"空\"", "\"blank_cell\": 0", "“blank_cell” must be a string" },
    /* a fee sentence without its template (the fee sentence is an ordinary one) */
    { "\"template\": \"{year}年，本机关共发出收费通知", "\"templat\": \"{year}年，本机关共发出收费通知", "“template”" },
    /* text-figure rules without their shared words */
    { "\"text_figure_words\": {", "\"text_figure_wordz\": {", "“text_figure_words” must be an object" },
    { "\"unit\": \"件\",\n  \"other_year\"", "\"unit\": 1,\n  \"other_year\"", "“unit” must be a string" },
    /* the words for the kinds of agency, one missing */
    { "\"government\": \"本级人民政府\"", "\"governmnt\": \"本级人民政府\"", "agency_kinds: missing “government”" },
    /* reading a field of another section from the fee sentence */
    { "\"other/fee_notices\",\n      \"other/fee_notified_amount\"", "\"requests/new/total\",\n      \"other/fee_notified_amount\"", "“requests/new/total” is not a field of section “other”" },
    /* a "none were charged" pattern that is no regular expression */
    { "\"none\": \"(未|无", "\"none\": \"((未|无", "“none” is not a regular expression" },
    /* an exporter's wording naming what it is not given */
    { "\"field_blank\": \"{label}", "\"field_blank\": \"{value}", "“{value}：（未填写）” may use only {label}" },
    /* a finer unit without its places */
    { "\"finer_places\": 4", "\"finer_placez\": 4", "“finer_unit” needs “unit” and “finer_places”" },
    /* a grid caption naming the group of a row its table does not have */
    { "\"row_group\": \"regulation\"", "\"row_group\": \"regulashun\"", "row “regulashun”" },
    /* a summary figure the format does not have */
    { "\"review/count/after_total\"\n  ],\n  \"groups\"", "\"review/count/after_totl\"\n  ],\n  \"groups\"", "summary: “review/count/after_totl”" },
    /* a summary charting a table the format does not have */
    { "\"chart\": \"review\"", "\"chart\": \"reviews\"", "“reviews” is not a table" },
    /* a grid header naming a column its table does not have */
    { "\"column\": \"natural\"", "\"column\": \"naturel\"", "column “naturel”" },
    /* a grid label naming a row its table does not have */
    { "\"row\": \"new\"", "\"row\": \"neu\"", "row “neu”" },
    /* a grid cell both naming its column and stating a text */
    { "\"column\": \"natural\"", "\"column\": \"natural\", \"text\": \"自然人\"", "one of “text”, “column”, “row”, “column_group” and “row_group”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = edited_2021 (cases[i].from, cases[i].to);
      g_autoptr(GError) error = NULL;
      NbFormat *f;

      f = nb_format_new_from_data (data, -1, &error);
      g_assert_null (f);
      g_assert_error (error, NB_ERROR, NB_ERROR_FORMAT);
      if (!strstr (error->message, cases[i].says))
        g_error ("case %u: “%s” does not say %s", i, error->message, cases[i].says);
      g_assert_null (nb_format_new_from_data (data, -1, NULL));
    }
}

/* The checks are compiled when the format loads: a mistake in a check of a
 * revision's data is refused there, naming the check and what is wrong
 * (with or without a GError), instead of a check that silently does
 * nothing or a message with "{lft}" in it. */
static void
test_bad_checks (void)
{
  static const struct { const char *from, *to, *says; } cases[] = {
    /* a term naming no cell */
    { "\"requests/carried_in/{C}\"\n   ],\n   \"op\": \"==\"", "\"requests/carried_in/{X}\"\n   ],\n   \"op\": \"==\"",
      "check requests.balance: names unknown cell “requests/carried_in/{X}”" },
    /* a message naming something the check does not fill in */
    { "{left} = {left_value}，但 {right} = {right_value}", "{lft} = {left_value}，但 {right} = {right_value}",
      "check requests.balance: “message” uses {lft}" },
    /* an operator that is not one */
    { "\"op\": \"==\"", "\"op\": \"=\"", "check requests.balance: bad “op” “=”" },
    /* last year's cells in a check that does not look at last year */
    { "\"requests/carried_in/{C}\"\n   ],\n   \"op\": \"==\"", "\"prev:requests/carried_in/{C}\"\n   ],\n   \"op\": \"==\"",
      "prev: terms need \"across_years\"" },
    /* a deadline that is no day */
    { "\"department\": \"01-31\"", "\"department\": \"01-32\"", "check publish.deadline: “department” must be a day as MM-DD" },
    /* a pattern that does not compile */
    { "\"pattern\": \"^[ 　\\\\t]*[（(](?<n>[一二三四五六七八九十]{1,3})[）)]\"",
      "\"pattern\": \"^[ 　\\\\t]*[（(](?<n>[一二三四五六七八九十]{1,3})[）)\"", "check text.numbering: bad pattern" },
    /* a minimum that is text */
    { "\"problems\": 10", "\"problems\": \"10\"", "check section.present: “problems” must be a whole number" },
    /* a minimum for a table section */
    { "\"problems\": 10", "\"requests\": 10", "“min_chars” names “requests”, which is not a text section" },
    /* a check type nianbao does not have */
    { "\"type\": \"text_figures\"", "\"type\": \"text_figure\"", "check text.figures: unknown type “text_figure”" },
    /* a message that is not text */
    { "\"message\": \"机关名称与上年报告不同", "\"message\": 1, \"x\": \"机关名称与上年报告不同",
      "check carry.agency: “message” must be a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = edited_2021 (cases[i].from, cases[i].to);
      g_autoptr(GError) error = NULL;
      NbFormat *f;

      f = nb_format_new_from_data (data, -1, &error);
      g_assert_null (f);
      g_assert_error (error, NB_ERROR, NB_ERROR_FORMAT);
      if (!strstr (error->message, cases[i].says))
        g_error ("case %u: “%s” does not say %s", i, error->message, cases[i].says);
      g_assert_null (nb_format_new_from_data (data, -1, NULL));
    }
}

/* What the checker reads, typed: 2021's balance rule, one per column. */
static void
test_checks_typed (void)
{
  NbFormat *f = nb_format_get ("2021", NULL);
  const NbCheckDef *balance = nb_format_find_check (f, "requests.balance");
  const NbCheckDef *deadline = nb_format_find_check (f, "publish.deadline");
  const NbCheckDef *present = nb_format_find_check (f, "section.present");
  const NbCompareInstanceDef *legal;

  g_assert_nonnull (balance);
  g_assert_cmpint (balance->type, ==, NB_CHECK_COMPARE);
  g_assert_cmpint (balance->severity, ==, NB_SEVERITY_ERROR);
  g_assert_cmpuint (balance->compare.n_instances, ==, 7);
  legal = &balance->compare.instances[4];
  g_assert_cmpstr (legal->var_key, ==, "legal");
  g_assert_cmpstr (legal->var_ordinal, ==, "（五）");
  g_assert_cmpuint (legal->n_left, ==, 2);
  g_assert_cmpstr (legal->left[1].key, ==, "requests/carried_in/legal");
  g_assert_true (legal->left[1].cell == nb_format_find_cell (f, "requests/carried_in/legal"));
  g_assert_cmpstr (deadline->deadline.government, ==, "03-31");
  g_assert_cmpstr (deadline->deadline.government_text, ==, "3月31日");
  for (guint i = 0; i < present->section_present.n_sections; i++)
    if (g_str_equal (present->section_present.sections[i].section->key, "problems"))
      g_assert_cmpuint (present->section_present.sections[i].min_chars, ==, 10);
  g_assert_null (nb_format_find_check (f, "no.such"));
}

/* The 信息处理费 sentence is an ordinary sentence of the data ("fees",
 *六's "fields_sentence"): its wording, its zero case and its refusal of
 * blanks are the data's, and a revision that words it otherwise is
 * followed with no change to the code. */
static void
test_fee_sentence (void)
{
  NbFormat *f = nb_format_get ("2021", NULL);
  const char *keys[] = { "other/fee_notices", "other/fee_notified_amount",
                         "other/fee_collected_cases", "other/fee_collected_amount" };
  const char *some[] = { "2", "120.50", "1", "60" };
  g_autoptr(NbReport) r = nb_report_new (f, 2024, "某某局");
  g_autoptr(NbFormat) revised = NULL;
  g_autoptr(NbReport) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  char *s;

  g_assert_true (nb_format_get_fee_section (f) == nb_format_find_section (f, "other"));
  g_assert_cmpstr (nb_format_get_fee_section (f)->fields_sentence->id, ==, "fees");
  g_assert_null (nb_format_get_fee_section (nb_format_get ("2019", NULL)));
  /* How importers read the fields from a published sentence: the data's. */
  {
    const NbFieldsReadingDef *reading = nb_format_get_fee_section (f)->fields_reading;

    g_assert_nonnull (reading);
    g_assert_cmpstr (reading->notice_starts, ==, "收费通知");
    g_assert_true (reading->notice_fields[0] == nb_format_find_cell (f, keys[0]));
    g_assert_true (reading->collected_fields[1] == nb_format_find_cell (f, keys[3]));
    g_assert_null (reading->collected_fields[2]);
    g_assert_true (g_regex_match (reading->none_regex, "本年度未收取信息处理费。", 0, NULL));
    g_assert_null (nb_format_find_section (nb_format_get ("2019", NULL), "other")->fields_reading);
  }
  /* Offered beside the fields, not among every section's sentences. */
  g_assert_cmpuint (nb_sentence_get_n_sentences (f), ==, nb_format_get_n_sentences (f) - 1);
  for (guint i = 0; i < nb_sentence_get_n_sentences (f); i++)
    g_assert_cmpstr (nb_sentence_get_id (f, i), !=, "fees");

  /* Blank fields: no sentence (a blank is not "no fee"). */
  g_assert_null (nb_sentence_fees (r));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (nb_report_set_value_from_string (r, keys[i], "0", NULL));
  s = nb_sentence_fees (r);
  g_assert_cmpstr (s, ==, "2024年，本机关无收取信息处理费情况。");
  g_free (s);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (nb_report_set_value_from_string (r, keys[i], some[i], NULL));
  s = nb_sentence_fees (r);
  g_assert_cmpstr (s, ==, "2024年，本机关共发出收费通知2件，总金额120.50元；实际收取信息处理费1件，总金额60元。");
  g_free (s);
  s = nb_sentence_render (r, "fees");
  g_assert_cmpstr (s, ==, "2024年，本机关共发出收费通知2件，总金额120.50元；实际收取信息处理费1件，总金额60元。");
  g_free (s);
  g_assert_true (nb_report_set_value_from_string (r, keys[3], "", NULL));
  g_assert_null (nb_sentence_fees (r));

  data = edited_2021 ("\"template\": \"{year}年，本机关无收取信息处理费情况。\"",
                      "\"template\": \"{year}年度未收取信息处理费。\"");
  revised = nb_format_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  r2 = nb_report_new (revised, 2025, "某某局");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (nb_report_set_value_from_string (r2, keys[i], "0", NULL));
  s = nb_sentence_fees (r2);
  g_assert_cmpstr (s, ==, "2025年度未收取信息处理费。");
  g_free (s);

  /* A section naming a sentence that is not there is refused. */
  g_clear_pointer (&data, g_free);
  data = edited_2021 ("\"fields_sentence\": \"fees\"", "\"fields_sentence\": \"fess\"");
  g_assert_null (nb_format_new_from_data (data, -1, NULL));
}

/* The title is typed: its template, where it breaks, the sign-off's date. */
static void
test_title (void)
{
  NbFormat *f = nb_format_get ("2021", NULL);
  g_autofree char *title = nb_format_dup_title (f, "温县交通运输局", 2020);
  g_autofree char *date = nb_format_dup_date (f, "2021-01-05");
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (title, ==, "温县交通运输局2020年政府信息公开工作年度报告");
  g_assert_cmpuint (nb_format_title_break (f, title), ==, strlen ("温县交通运输局2020年"));
  g_assert_cmpuint (nb_format_title_break (f, "某局年度工作总结"), ==, 0);
  g_assert_cmpstr (date, ==, "2021年1月5日");
  g_assert_cmpstr (nb_format_get_title (f)->second_line, ==, "政府信息公开工作年度报告");

  /* A second line that is not how the template ends, a name it does not fill. */
  data = edited_2021 ("\"second_line\": \"政府信息公开工作年度报告\"", "\"second_line\": \"年度报告书\"");
  g_assert_null (nb_format_new_from_data (data, -1, &error));
  g_assert_nonnull (strstr (error->message, "“second_line”"));
  g_clear_error (&error);
  g_clear_pointer (&data, g_free);
  data = edited_2021 ("\"date\": \"{year}年{month}月{day}日\"", "\"date\": \"{year}年{month}月{dya}日\"");
  g_assert_null (nb_format_new_from_data (data, -1, &error));
  g_assert_nonnull (strstr (error->message, "{year} {month} {day}"));
}

static gboolean
has_message (GPtrArray  *problems,
             const char *part)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (nb_problem_get_message (g_ptr_array_index (problems, i)), part))
      return TRUE;
  return FALSE;
}

/* A new revision is one data file: a copy of 2021.json with another heading,
 * another minimum length for 五 and another sentence, read from a file,
 * changes what nianbao says with no change to the code. */
static void
test_revision_from_file (void)
{
  NbFormat *official = nb_format_get ("2021", NULL);
  g_autofree char *data = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nb-format-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "2027修订.json", NULL);
  g_autofree char *read = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbFormat) revised = NULL;
  g_autoptr(NbChecker) checker = NULL;
  g_autoptr(NbReport) before = NULL;
  g_autoptr(NbReport) after = NULL;
  g_autoptr(GPtrArray) problems_before = NULL;
  g_autoptr(GPtrArray) problems_after = NULL;
  g_autofree char *sentence_before = NULL;
  g_autofree char *sentence_after = NULL;
  const char *text = "本年度主要问题是答复期限把握不够严格，下一步将完善登记和督办制度。";
  gsize len;

  {
    g_autofree char *first = edited_2021 ("\"heading\": \"五、存在的主要问题及改进情况\"",
                                          "\"heading\": \"五、存在的主要问题及改进措施\"");
    GString *s = g_string_new (first);
    g_string_replace (s, "\"min_chars\": {\n    \"problems\": 10", "\"min_chars\": {\n    \"problems\": 200", 1);
    g_string_replace (s, "{year}年，本机关共收到政府信息公开申请", "{year}年度，本单位共受理政府信息公开申请", 1);
    g_string_replace (s, "\"grid\": {\n    \"columns\": 10,\n", "\"grid\": {\n    \"columns\": 10,\n    \"wide\": true,\n", 1);
    data = g_string_free (s, FALSE);
  }
  g_assert_true (g_file_set_contents (path, data, -1, NULL));
  g_assert_true (g_file_get_contents (path, &read, &len, &error));
  g_assert_no_error (error);
  revised = nb_format_new_from_data (read, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (revised);

  /* Which table prints as a wide one is the data's word, not a column count. */
  g_assert_true (nb_grid_is_wide (nb_format_find_table (official, "review")->grid));
  g_assert_false (nb_grid_is_wide (nb_format_find_table (official, "requests")->grid));

  g_assert_true (nb_grid_is_wide (nb_format_find_table (revised, "requests")->grid));
  g_assert_cmpstr (nb_format_find_section (revised, "problems")->heading, ==, "五、存在的主要问题及改进措施");
  g_assert_cmpstr (nb_format_find_section (official, "problems")->heading, ==, "五、存在的主要问题及改进情况");

  before = nb_report_new (official, 2024, "某某局");
  after = nb_report_new (revised, 2024, "某某局");
  g_assert_true (nb_report_set_text (before, "problems", text, NULL));
  g_assert_true (nb_report_set_text (after, "problems", text, NULL));

  /* The same 33 characters pass the official 10 and fail the revision's 200. */
  problems_before = nb_checker_run (nb_checker_for_format (official), before, NULL);
  checker = nb_checker_new (revised, &error);
  g_assert_no_error (error);
  problems_after = nb_checker_run (checker, after, NULL);
  g_assert_false (has_message (problems_before, "不足 200 个字"));
  g_assert_false (has_message (problems_before, "不足 10 个字"));
  g_assert_true (has_message (problems_after, "“五、存在的主要问题及改进措施”只有"));
  g_assert_true (has_message (problems_after, "不足 200 个字"));

  sentence_before = nb_sentence_render (before, "requests");
  sentence_after = nb_sentence_render (after, "requests");
  g_assert_true (g_str_has_prefix (sentence_before, "2024年，本机关共收到政府信息公开申请0件"));
  g_assert_true (g_str_has_prefix (sentence_after, "2024年度，本单位共受理政府信息公开申请0件"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/2019", test_2019);
  g_test_add_func ("/format/2021", test_2021);
  g_test_add_func ("/format/bad-data", test_bad_data);
  g_test_add_func ("/format/bad-typed-parts", test_bad_typed_parts);
  g_test_add_func ("/format/bad-checks", test_bad_checks);
  g_test_add_func ("/format/checks-typed", test_checks_typed);
  g_test_add_func ("/format/fee-sentence", test_fee_sentence);
  g_test_add_func ("/format/title", test_title);
  g_test_add_func ("/format/revision-from-file", test_revision_from_file);
  return g_test_run ();
}
