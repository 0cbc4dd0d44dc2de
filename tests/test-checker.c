/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every check of docs/checks.md fails on a report built to break it and passes on
 * one built to satisfy it; the fixture's figures pass every error check. */
#include <locale.h>
#include <string.h>

#include "nb-checker.h"
#include "nb-error.h"
#include "nb-sentence.h"
#include "nb-text-figures.h"
#include "nb-text-form.h"

static NbReport *
report_new (const char *version, int year)
{
  NbReport *r = nb_report_new (nb_format_get (version, NULL), year, "温县交通运输局");

  /* A report that passes: texts present, fees stated. */
  nb_report_set_field (r, "text/overview", "本报告所列数据统计期限为1月1日至12月31日。", NULL);
  nb_report_set_field (r, "text/problems", "一是公开内容不够全面。二是将进一步加强培训。", NULL);
  nb_report_set_field (r, "text/other", "无其他需要报告的事项。", NULL);
  if (g_str_equal (version, "2021"))
    for (guint i = 0; i < 4; i++)
      {
        static const char *fees[] = { "other/fee_notices", "other/fee_notified_amount",
                                      "other/fee_collected_cases", "other/fee_collected_amount" };
        nb_report_set_field (r, fees[i], "0", NULL);
      }
  return r;
}

static void
set (NbReport *r, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;

  if (!nb_report_set_field (r, key, value, &error))
    g_error ("cannot set %s=%s: %s", key, value, error->message);
}

static void
stated (NbReport *r, const char *key, gint64 value)
{
  NbNumber n = nb_number_from_int (value);
  nb_report_set_stated_value (r, key, &n);
}

static guint
count (GPtrArray *problems, const char *id)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), id))
      n++;
  return n;
}

static NbProblem *
find (GPtrArray *problems, const char *id)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), id))
      return g_ptr_array_index (problems, i);
  return NULL;
}

static guint
count_for (NbReport *r, NbReport *previous, const char *id)
{
  g_autoptr(GPtrArray) p = nb_check_report (r, previous);
  return count (p, id);
}

static void
dump_problems (GPtrArray *p)
{
  for (guint i = 0; i < p->len; i++)
    {
      const char *m = nb_problem_get_message (g_ptr_array_index (p, i));

      g_test_message ("%s: %s", nb_problem_get_id (g_ptr_array_index (p, i)), m);
      /* Every message comes from the format data, placeholders filled in. */
      g_assert_cmpstr (m, !=, "");
      g_assert_null (strchr (m, '{'));
    }
}

/* ---- the fixture ---- */

static char *
fixture_section (const char *text, const char *from, const char *to)
{
  const char *a = strstr (text, from);
  const char *b;

  g_assert_nonnull (a);
  a += strlen (from);
  b = to ? strstr (a, to) : a + strlen (a);
  g_assert_nonnull (b);
  return g_strstrip (g_strndup (a, b - a));
}

static NbReport *
fixture_report (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *overview = NULL, *problems = NULL, *other = NULL;
  NbReport *r = nb_report_new (nb_format_get ("2019", NULL), 2020, "温县交通运输局");
  static const char *figures[][2] = {
    { "active/license/prev", "61" }, { "active/license/delta", "0" }, { "active/license/decisions", "43" },
    { "active/service/prev", "64" }, { "active/service/delta", "0" }, { "active/service/decisions", "0" },
    { "active/penalty/prev", "189" }, { "active/penalty/delta", "-33" }, { "active/penalty/decisions", "795" },
    { "active/fee/prev", "0" }, { "active/fee/delta", "0" },
    { "active/procurement/count", "1" }, { "active/procurement/amount", "793.9397" },
  };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  overview = fixture_section (text, "一、总体情况", "二、主动公开政府信息情况");
  problems = fixture_section (text, "五、存在的主要问题及改进情况", "六、其他需要报告的事项");
  other = fixture_section (text, "六、其他需要报告的事项", NULL);
  set (r, "text/overview", overview);
  set (r, "text/problems", problems);
  set (r, "text/other", other);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    set (r, figures[i][0], figures[i][1]);
  return r;
}

static void
test_fixture (void)
{
  g_autoptr(NbReport) r = fixture_report ();
  g_autoptr(GPtrArray) p = nb_check_report (r, NULL);

  dump_problems (p);
  g_assert_cmpuint (nb_problems_count (p, NB_SEVERITY_ERROR), ==, 0);
  /* 73 期执法信息, 327 条信息, 人大代表建议4件 are not table figures. */
  g_assert_cmpuint (count (p, "text.figures"), ==, 0);
  g_assert_cmpuint (count (p, "text.template_left"), ==, 0);
  g_assert_cmpuint (count (p, "active.items_negative"), ==, 0);
  /* Its numbering (1. 2. 3., （一）（二）, 一是…三是) runs in order, it
   * states no total smaller than its parts; its 五 really does use
   * half-width commas (two paragraphs), and it states no statistics period. */
  g_assert_cmpuint (count (p, "text.numbering"), ==, 0);
  g_assert_cmpuint (count (p, "text.item_count"), ==, 0);
  g_assert_cmpuint (count (p, "text.total_parts"), ==, 0);
  g_assert_cmpuint (count (p, "text.own_year"), ==, 0);
  g_assert_cmpuint (count (p, "text.punctuation"), ==, 2);
  g_assert_cmpstr (nb_problem_get_section (find (p, "text.punctuation")), ==, "problems");
  g_assert_cmpuint (count (p, "text.period_missing"), ==, 1);
}

/* ---- errors ---- */

static void
test_balance (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);
  g_autoptr(GPtrArray) p = NULL;
  NbProblem *problem;

  g_assert_cmpuint (count_for (r, NULL, "requests.balance"), ==, 0);
  set (r, "requests/new/research", "5");
  set (r, "requests/carried_in/research", "1");
  set (r, "requests/open/research", "4");
  set (r, "requests/carried_out/research", "1");
  p = nb_check_report (r, NULL);
  /* The research column and the total column do not balance. */
  g_assert_cmpuint (count (p, "requests.balance"), ==, 2);
  problem = find (p, "requests.balance");
  g_assert_cmpint (nb_problem_get_severity (problem), ==, NB_SEVERITY_ERROR);
  g_assert_cmpstr (nb_problem_get_message (problem), ==,
                   "第（三）列“科研机构”：一、本年新收(5) + 二、上年结转(1) = 6，"
                   "但 三、办理结果总计(4) + 四、结转下年度(1) = 5");
  g_assert_true (nb_problem_has_key (problem, "requests/new/research"));
  g_assert_true (nb_problem_has_key (problem, "requests/carried_out/research"));

  set (r, "requests/partial/research", "1");
  g_assert_cmpuint (count_for (r, NULL, "requests.balance"), ==, 0);
}

static void
test_stated_totals (void)
{
  g_autoptr(NbReport) r = report_new ("2019", 2020);
  g_autoptr(GPtrArray) p = NULL;

  set (r, "requests/open/natural", "20");
  set (r, "requests/other/natural", "7");
  set (r, "requests/new/natural", "27");
  g_assert_cmpuint (count_for (r, NULL, "requests.results_total"), ==, 0);
  g_assert_cmpuint (count_for (r, NULL, "requests.row_total"), ==, 0);
  /* A real 2020 report printed （七）总计 21 where its items sum to 27. */
  stated (r, "requests/results_total/natural", 21);
  p = nb_check_report (r, NULL);
  /* The natural column, and with it the total column, no longer add up. */
  g_assert_cmpuint (count (p, "requests.results_total"), ==, 2);
  g_assert_true (nb_problem_has_key (find (p, "requests.results_total"), "requests/results_total/natural"));
  g_assert_nonnull (strstr (nb_problem_get_message (find (p, "requests.results_total")), "27"));
  g_assert_nonnull (strstr (nb_problem_get_message (find (p, "requests.results_total")), "21"));
  g_clear_pointer (&p, g_ptr_array_unref);

  nb_report_clear_stated_values (r);
  stated (r, "requests/new/total", 30);
  g_assert_cmpuint (count_for (r, NULL, "requests.row_total"), ==, 1);

  nb_report_clear_stated_values (r);
  set (r, "review/count/direct_upheld", "2");
  g_assert_cmpuint (count_for (r, NULL, "review.totals"), ==, 0);
  stated (r, "review/count/direct_total", 3);
  g_assert_cmpuint (count_for (r, NULL, "review.totals"), ==, 1);
}

static void
test_cell_kind_blank (void)
{
  g_autoptr(NbReport) r = report_new ("2019", 2020);
  NbNumber blank = nb_number_blank ();
  NbNumber half;

  g_assert_cmpuint (count_for (r, NULL, "cell.kind"), ==, 0);
  g_assert_cmpuint (count_for (r, NULL, "cell.blank"), ==, 0);
  stated (r, "requests/open/legal", -2);
  g_assert_cmpuint (count_for (r, NULL, "cell.kind"), ==, 1);
  nb_number_parse ("1.5", &half, NULL);
  nb_report_set_stated_value (r, "active/license/decisions", &half);
  g_assert_cmpuint (count_for (r, NULL, "cell.kind"), ==, 2);
  nb_number_parse ("1.12345", &half, NULL);
  nb_report_set_stated_value (r, "active/procurement/amount", &half);
  g_assert_cmpuint (count_for (r, NULL, "cell.kind"), ==, 3);
  /* A signed cell takes −33. */
  stated (r, "active/penalty/delta", -33);
  g_assert_cmpuint (count_for (r, NULL, "cell.kind"), ==, 3);

  nb_report_set_stated_value (r, "review/count/after_other", &blank);
  g_assert_cmpuint (count_for (r, NULL, "cell.blank"), ==, 1);
}

static void
test_format_year (void)
{
  g_autoptr(NbReport) old = report_new ("2019", 2024);
  g_autoptr(NbReport) right = report_new ("2021", 2024);
  g_autoptr(NbReport) early = report_new ("2021", 2020);

  g_assert_cmpuint (count_for (old, NULL, "format.year"), ==, 1);
  g_assert_cmpuint (count_for (right, NULL, "format.year"), ==, 0);
  g_assert_cmpuint (count_for (early, NULL, "format.year"), ==, 1);
}

static void
test_sections (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);

  g_assert_cmpuint (count_for (r, NULL, "section.present"), ==, 0);
  set (r, "text/problems", "无");
  g_assert_cmpuint (count_for (r, NULL, "section.present"), ==, 1);
  set (r, "text/problems", "  \n");
  g_assert_cmpuint (count_for (r, NULL, "section.present"), ==, 1);
  set (r, "text/other", "");
  g_assert_cmpuint (count_for (r, NULL, "section.present"), ==, 2);
}

static void
test_fees (void)
{
  g_autoptr(NbReport) r = nb_report_new (nb_format_get ("2021", NULL), 2024, "某局");
  g_autoptr(NbReport) r2019 = report_new ("2019", 2020);

  /* Fields blank, text silent: the fees are not stated. */
  g_assert_cmpuint (count_for (r, NULL, "fees.present"), ==, 1);
  set (r, "text/other", "2024年，本机关无收取信息处理费情况。");
  g_assert_cmpuint (count_for (r, NULL, "fees.present"), ==, 0);
  set (r, "text/other", "无其他需要报告的事项。");
  set (r, "other/fee_notices", "0");
  set (r, "other/fee_notified_amount", "0");
  set (r, "other/fee_collected_cases", "0");
  g_assert_cmpuint (count_for (r, NULL, "fees.present"), ==, 1);
  set (r, "other/fee_collected_amount", "0");
  g_assert_cmpuint (count_for (r, NULL, "fees.present"), ==, 0);
  g_assert_cmpuint (count_for (r2019, NULL, "fees.present"), ==, 0);

  /* Applications dropped for unpaid fees mean fee notices were issued. */
  set (r, "requests/other_no_fee/natural", "2");
  set (r, "requests/new/natural", "2");
  set (r, "other/fee_notices", "1");
  g_assert_cmpuint (count_for (r, NULL, "fees.consistent"), ==, 1);
  set (r, "other/fee_notices", "2");
  g_assert_cmpuint (count_for (r, NULL, "fees.consistent"), ==, 0);
}

/* ---- warnings ---- */

static void
test_text_figures (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);
  g_autoptr(GPtrArray) p = NULL;
  NbProblem *problem;
  const char *text;

  set (r, "requests/new/natural", "10");
  set (r, "requests/new/business", "2");
  set (r, "requests/carried_in/natural", "2");
  set (r, "requests/open/natural", "11");
  set (r, "requests/partial/business", "2");
  set (r, "requests/carried_out/natural", "1");
  set (r, "review/count/reconsideration_upheld", "2");
  set (r, "review/count/reconsideration_pending", "1");
  set (r, "review/count/direct_corrected", "1");

  /* Sentences in the style of real reports that agree with the tables. */
  set (r, "text/overview",
       "2024年，本机关共收到政府信息公开申请12件，其中自然人10件、法人或其他组织2件；上年结转2件。"
       "共办结政府信息公开申请13件，结转下年度继续办理1件。"
       "发生政府信息公开行政复议3件、行政诉讼1件，其中行政复议结果维持2件。"
       "2023年收到申请15件。公开执法信息73期，发布信息327条，办结率100%。");
  p = nb_check_report (r, NULL);
  dump_problems (p);
  g_assert_cmpuint (count (p, "text.figures"), ==, 0);
  g_clear_pointer (&p, g_ptr_array_unref);

  /* 收到申请 may count carried-in applications too (12 + 2). */
  set (r, "text/overview", "本年度共收到政府信息公开申请14件。");
  g_assert_cmpuint (count_for (r, NULL, "text.figures"), ==, 0);

  /* A real report said 行政复议134件 where its table said 170. */
  text = "本年度未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。收到政府信息公开申请十三件。发生行政复议5件。";
  set (r, "text/overview", text);
  p = nb_check_report (r, NULL);
  dump_problems (p);
  g_assert_cmpuint (count (p, "text.figures"), ==, 2);
  problem = find (p, "text.figures");
  g_assert_cmpint (nb_problem_get_severity (problem), ==, NB_SEVERITY_WARNING);
  g_assert_cmpstr (nb_problem_get_section (problem), ==, "overview");
  g_assert_nonnull (strstr (nb_problem_get_message (problem), "13"));
  g_assert_nonnull (strstr (nb_problem_get_message (problem), "12"));
  g_assert_true (nb_problem_has_key (problem, "requests/new/total"));
  {
    /* The range covers the quote, in characters. */
    g_autofree char *quoted = g_utf8_substring (text, nb_problem_get_start (problem), nb_problem_get_end (problem));
    g_assert_cmpstr (quoted, ==, "收到政府信息公开申请十三件");
  }
  /* The last text figure found (the date reminder may come after it). */
  for (guint i = 0; i < p->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (p, i)), "text.figures"))
      problem = g_ptr_array_index (p, i);
  g_assert_cmpstr (nb_problem_get_id (problem), ==, "text.figures");
  g_assert_true (nb_problem_has_key (problem, "review/count/reconsideration_total"));
  g_assert_nonnull (strstr (nb_problem_get_message (problem), "5"));
  g_assert_nonnull (strstr (nb_problem_get_message (problem), "3"));
}

static void
test_text_scanner (void)
{
  NbFormat *f = nb_format_get ("2021", NULL);
  g_autoptr(NbTextFigureRules) rules = nb_text_figure_rules_new (f);
  g_autoptr(GArray) figs = NULL;
  g_autoptr(GArray) periods = NULL;
  const char *kw[] = { "统计期限", NULL };
  gint64 v;

  g_assert_true (nb_text_parse_count ("一百零五", -1, &v));
  g_assert_cmpint (v, ==, 105);
  g_assert_true (nb_text_parse_count ("十二", -1, &v));
  g_assert_cmpint (v, ==, 12);
  g_assert_true (nb_text_parse_count ("１２", -1, &v));
  g_assert_cmpint (v, ==, 12);
  g_assert_true (nb_text_parse_count ("两千零二十", -1, &v));
  g_assert_cmpint (v, ==, 2020);
  g_assert_false (nb_text_parse_count ("十二a", -1, &v));

  figs = nb_text_find_figures (rules, "去年收到政府信息公开申请15件；今年收到政府信息公开申请 ２０ 件。", 2024);
  g_assert_cmpuint (figs->len, ==, 1);
  g_assert_cmpint (g_array_index (figs, NbTextFigure, 0).value, ==, 20);

  periods = nb_text_find_periods ("本报告所列数据统计期限自2024年1月1日起至2024年12月29日止。", kw);
  g_assert_cmpuint (periods->len, ==, 1);
  g_assert_cmpint (g_array_index (periods, NbTextPeriod, 0).end_day, ==, 29);
  g_clear_pointer (&periods, g_array_unref);
  /* Dates outside a statistics-period sentence are not periods. */
  periods = nb_text_find_periods ("2024年3月1日至2024年3月5日开展培训。", kw);
  g_assert_cmpuint (periods->len, ==, 0);
}

static void
test_text_period_year_template (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);

  set (r, "text/overview", "本报告所列数据统计期限为2024年1月1日至2024年12月31日。");
  g_assert_cmpuint (count_for (r, NULL, "text.period"), ==, 0);
  g_assert_cmpuint (count_for (r, NULL, "text.year"), ==, 0);
  set (r, "text/overview", "本报告所列数据统计期限为2024年1月1日至2024年12月29日。");
  g_assert_cmpuint (count_for (r, NULL, "text.period"), ==, 1);
  set (r, "text/overview", "本报告所列数据统计期限为2023年1月1日至12月31日。");
  g_assert_cmpuint (count_for (r, NULL, "text.year"), ==, 1);
  g_assert_cmpuint (count_for (r, NULL, "text.period"), ==, 0);
  set (r, "text/overview", "本报告所列数据统计期限为2024年1月1日至2024年12月31日。");
  set (r, "title", "温县交通运输局2023年政府信息公开工作年度报告");
  g_assert_cmpuint (count_for (r, NULL, "text.year"), ==, 1);
  set (r, "title", "");

  g_assert_cmpuint (count_for (r, NULL, "text.template_left"), ==, 0);
  set (r, "text/problems", "一是XX方面存在不足（请根据实际情况填写）。");
  g_assert_cmpuint (count_for (r, NULL, "text.template_left"), ==, 1);
  set (r, "agency", "XX县交通运输局");
  g_assert_cmpuint (count_for (r, NULL, "text.template_left"), ==, 2);
}

static void
test_active_warnings (void)
{
  g_autoptr(NbReport) r = report_new ("2019", 2020);
  g_autoptr(NbReport) n = report_new ("2021", 2024);

  set (r, "active/license/prev", "5");
  set (r, "active/license/delta", "-5");
  g_assert_cmpuint (count_for (r, NULL, "active.items_negative"), ==, 0);
  set (r, "active/license/delta", "-6");
  g_assert_cmpuint (count_for (r, NULL, "active.items_negative"), ==, 1);

  set (r, "active/normative/published", "3");
  g_assert_cmpuint (count_for (r, NULL, "active.total_below_new"), ==, 1);
  set (r, "active/normative/total", "3");
  g_assert_cmpuint (count_for (r, NULL, "active.total_below_new"), ==, 0);

  /* 万元 with 4 decimals: a whole number of ten thousand or more is 元. */
  set (r, "active/procurement/amount", "793.9397");
  g_assert_cmpuint (count_for (r, NULL, "active.fee_unit"), ==, 0);
  set (r, "active/procurement/amount", "9999");
  g_assert_cmpuint (count_for (r, NULL, "active.fee_unit"), ==, 0);
  set (r, "active/procurement/amount", "25100.5");
  g_assert_cmpuint (count_for (r, NULL, "active.fee_unit"), ==, 0);
  set (r, "active/procurement/amount", "380000");
  {
    g_autoptr(GPtrArray) p = nb_check_report (r, NULL);
    g_assert_cmpuint (count (p, "active.fee_unit"), ==, 1);
    g_assert_nonnull (strstr (nb_problem_get_message (find (p, "active.fee_unit")), "是否按元填报？"));
    g_assert_nonnull (strstr (nb_problem_get_message (find (p, "active.fee_unit")), "应填 38.0000"));
  }

  set (n, "active/regulation/issued", "2");
  g_assert_cmpuint (count_for (n, NULL, "active.in_force_below_issued"), ==, 1);
  set (n, "active/regulation/in_force", "12");
  g_assert_cmpuint (count_for (n, NULL, "active.in_force_below_issued"), ==, 0);
  set (n, "active/fee/amount", "1000000.5");
  g_assert_cmpuint (count_for (n, NULL, "active.fee_unit"), ==, 0);
  set (n, "active/fee/amount", "380000");
  g_assert_cmpuint (count_for (n, NULL, "active.fee_unit"), ==, 1);
  set (n, "active/fee/amount", "38");
  g_assert_cmpuint (count_for (n, NULL, "active.fee_unit"), ==, 0);

  /* 本年增/减 more than ten times 上一年项目数量, and by more than 20. */
  set (r, "active/license/delta", "0");
  set (r, "active/penalty/prev", "3");
  set (r, "active/penalty/delta", "31");
  g_assert_cmpuint (count_for (r, NULL, "active.delta_jump"), ==, 1);
  set (r, "active/penalty/delta", "30");
  g_assert_cmpuint (count_for (r, NULL, "active.delta_jump"), ==, 0);
  set (r, "active/penalty/prev", "0");
  set (r, "active/penalty/delta", "20");
  g_assert_cmpuint (count_for (r, NULL, "active.delta_jump"), ==, 0);
  set (r, "active/penalty/delta", "21");
  g_assert_cmpuint (count_for (r, NULL, "active.delta_jump"), ==, 1);
}

static void
test_deadline (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);

  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 1);   /* no date yet: a reminder */
  {
    g_autoptr(GPtrArray) p = nb_check_report (r, NULL);
    NbProblem *problem = find (p, "publish.deadline");

    g_assert_nonnull (strstr (nb_problem_get_message (problem), "尚未填写成文日期"));
    g_assert_true (nb_problem_has_key (problem, "date"));
  }
  set (r, "date", "2025-01-31");
  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 0);
  set (r, "date", "2025-02-01");
  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 1);
  set (r, "agency_kind", "government");   /* governments have until 31 March */
  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 0);
  set (r, "date", "2025-04-01");
  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 1);
  /* Dated inside the report year: the year was probably typed wrong. */
  set (r, "date", "2024-06-01");
  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 1);
  set (r, "date", "2025-01-01");
  g_assert_cmpuint (count_for (r, NULL, "publish.deadline"), ==, 0);
}

static void
test_across_years (void)
{
  g_autoptr(NbReport) last = report_new ("2019", 2020);
  g_autoptr(NbReport) r = report_new ("2021", 2021);
  g_autoptr(NbReport) last19 = report_new ("2019", 2019);

  set (last, "requests/new/natural", "3");
  set (last, "requests/carried_out/natural", "3");
  set (last, "active/regulation/made", "1");
  /* Across-years checks need last year's report. */
  g_assert_cmpuint (count_for (r, NULL, "carry.requests"), ==, 0);
  g_assert_cmpuint (count_for (r, last, "carry.requests"), ==, 2);   /* natural and total */
  set (r, "requests/carried_in/natural", "3");
  set (r, "requests/open/natural", "3");
  g_assert_cmpuint (count_for (r, last, "carry.requests"), ==, 0);

  g_assert_cmpuint (count_for (r, last, "carry.agency"), ==, 0);
  set (r, "agency", "温县交通运输局（县港航事业发展中心）");
  g_assert_cmpuint (count_for (r, last, "carry.agency"), ==, 1);

  set (r, "requests/open/natural", "3");
  {
    g_autoptr(GPtrArray) p = nb_check_report (r, last);
    dump_problems (p);
    g_assert_cmpuint (count (p, "carry.jump"), ==, 0);
  }
  set (r, "active/regulation/issued", "250");   /* no such cell last year (2019 format) */
  set (r, "active/regulation/in_force", "250");
  g_assert_cmpuint (count_for (r, last, "carry.jump"), ==, 0);
  set (r, "requests/carried_out/natural", "40");
  set (r, "requests/new/natural", "40");
  /* 3 → 40 twice: new and carried out. */
  g_assert_cmpuint (count_for (r, last, "carry.jump"), ==, 2);

  /* 2019 → 2019 format: project items carry over. */
  set (last19, "active/license/prev", "61");
  set (last19, "active/license/delta", "4");
  set (last, "active/license/prev", "60");
  g_assert_cmpuint (count_for (last, last19, "carry.items"), ==, 1);
  set (last, "active/license/prev", "65");
  g_assert_cmpuint (count_for (last, last19, "carry.items"), ==, 0);

  /* 2021 → 2021: documents in force carry over. */
  {
    g_autoptr(NbReport) y1 = report_new ("2021", 2023);
    g_autoptr(NbReport) y2 = report_new ("2021", 2024);

    set (y1, "active/normative/in_force", "20");
    set (y2, "active/normative/issued", "3");
    set (y2, "active/normative/repealed", "1");
    set (y2, "active/normative/in_force", "21");
    g_assert_cmpuint (count_for (y2, y1, "carry.in_force"), ==, 1);
    set (y2, "active/normative/in_force", "22");
    g_assert_cmpuint (count_for (y2, y1, "carry.in_force"), ==, 0);
  }
}

static void
test_order (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);
  g_autoptr(GPtrArray) p = NULL;
  gboolean seen_warning = FALSE;

  set (r, "requests/new/natural", "1");
  set (r, "text/problems", "一是XX。");
  p = nb_check_report (r, NULL);
  g_assert_cmpuint (p->len, >=, 2);
  for (guint i = 0; i < p->len; i++)
    {
      NbSeverity s = nb_problem_get_severity (g_ptr_array_index (p, i));
      if (s == NB_SEVERITY_WARNING)
        seen_warning = TRUE;
      else
        g_assert_false (seen_warning);   /* errors first */
    }
}


/* ---- blank is not zero (imported reports) ---- */

static void
blank (NbReport *r, const char *key)
{
  NbNumber b = nb_number_blank ();
  nb_report_set_stated_value (r, key, &b);
}

static gboolean
any_message_has (GPtrArray *p, const char *needle)
{
  for (guint i = 0; i < p->len; i++)
    if (strstr (nb_problem_get_message (g_ptr_array_index (p, i)), needle))
      return TRUE;
  return FALSE;
}

static void
test_blank_not_zero (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(NbReport) r = report_new (versions[v], g_str_equal (versions[v], "2019") ? 2020 : 2024);
      NbFormat *format = nb_report_get_format (r);
      const NbTableDef *requests = nb_format_find_table (format, "requests");
      g_autoptr(GPtrArray) p = NULL;
      NbProblem *problem;
      const char *m;

      /* An imported table whose result items were left blank, but whose
       * printed （七）总计 says 412 for 自然人. */
      for (guint i = 0; i < requests->cells->len; i++)
        {
          const NbCellDef *def = g_ptr_array_index (requests->cells, i);
          if (g_str_equal (def->column->key, "natural") && !def->computed &&
              !g_str_equal (def->row->key, "new") && !g_str_equal (def->row->key, "carried_in") &&
              !g_str_equal (def->row->key, "carried_out"))
            blank (r, def->key);
        }
      stated (r, "requests/results_total/natural", 412);
      set (r, "requests/new/natural", "412");
      p = nb_check_report (r, NULL);
      dump_problems (p);
      problem = find (p, "requests.results_total");
      g_assert_nonnull (problem);
      m = nb_problem_get_message (problem);
      /* Not the false "应为…之和 0，但填报为 412". */
      g_assert_null (strstr (m, "之和 0"));
      g_assert_nonnull (strstr (m, "412"));
      g_assert_nonnull (strstr (m, "“（一）予以公开”、“（二）部分公开”"));
      g_assert_nonnull (strstr (m, "为空"));
      /* Blanks show as 空, never as (0). */
      g_assert_false (any_message_has (p, "予以公开(0)"));
      /* Blank items in one row are one problem per row (listing its
       * columns), not one per cell: here 自然人 is blank in each item row. */
      problem = find (p, "cell.blank");
      g_assert_nonnull (problem);
      g_assert_nonnull (strstr (nb_problem_get_message (problem), "“（一）予以公开 · 自然人”为空"));
      g_clear_pointer (&p, g_ptr_array_unref);

      /* A whole row blank: one problem naming its columns. */
      g_clear_object (&r);
      r = report_new (versions[v], g_str_equal (versions[v], "2019") ? 2020 : 2024);
      g_assert_cmpuint (count_for (r, NULL, "cell.blank"), ==, 0);
      for (guint c = 0; c < requests->columns->len; c++)
        {
          const NbColumnDef *col = g_ptr_array_index (requests->columns, c);
          g_autofree char *key = g_strdup_printf ("requests/partial/%s", col->key);
          blank (r, key);
        }
      p = nb_check_report (r, NULL);
      g_assert_cmpuint (count (p, "cell.blank"), ==, 1);
      m = nb_problem_get_message (find (p, "cell.blank"));
      g_assert_nonnull (strstr (m, "7 格为空"));
      g_assert_nonnull (strstr (m, "“自然人”、“商业企业”"));
      g_assert_true (nb_problem_has_key (find (p, "cell.blank"), "requests/partial/legal"));
      /* The row's blanks balance as zeros: no arithmetic error on top. */
      g_assert_cmpuint (count (p, "requests.results_total"), ==, 0);
      g_clear_pointer (&p, g_ptr_array_unref);

      /* The review table's repeated labels are named with their group. */
      g_clear_object (&r);
      r = report_new (versions[v], g_str_equal (versions[v], "2019") ? 2020 : 2024);
      blank (r, "review/count/direct_upheld");
      blank (r, "review/count/after_upheld");
      m = NULL;
      p = nb_check_report (r, NULL);
      g_assert_cmpuint (count (p, "cell.blank"), ==, 1);
      g_assert_nonnull (strstr (nb_problem_get_message (find (p, "cell.blank")), "“行政诉讼未经复议直接起诉结果维持”"));
      g_assert_nonnull (strstr (nb_problem_get_message (find (p, "cell.blank")), "复议后起诉结果维持”"));
    }
}

/* A figure quoted against blank cells: the table is 空, not 0. */
static void
test_figure_against_blank (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(NbReport) r = report_new (versions[v], g_str_equal (versions[v], "2019") ? 2020 : 2024);
      NbFormat *format = nb_report_get_format (r);
      const NbTableDef *review = nb_format_find_table (format, "review");
      g_autoptr(GPtrArray) p = NULL;
      const char *m;

      for (guint i = 0; i < review->cells->len; i++)
        {
          const NbCellDef *def = g_ptr_array_index (review->cells, i);
          if (!def->computed)
            blank (r, def->key);
        }
      set (r, "text/overview", "本年度发生政府信息公开行政复议0件。");
      p = nb_check_report (r, NULL);
      dump_problems (p);
      g_assert_cmpuint (count (p, "text.figures"), ==, 1);
      m = nb_problem_get_message (find (p, "text.figures"));
      g_assert_nonnull (strstr (m, "表四行政复议总计为 空"));
      /* The blank review table is one problem (its one row), not fifteen. */
      g_assert_cmpuint (count (p, "cell.blank"), ==, 1);
      g_assert_false (any_message_has (p, "(0)"));
    }
}

static void
test_fees_blank_field (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);
  g_autoptr(GPtrArray) p = NULL;
  const char *m;

  set (r, "requests/other_no_fee/natural", "2");
  set (r, "requests/new/natural", "2");
  set (r, "other/fee_notices", "");
  p = nb_check_report (r, NULL);
  g_assert_cmpuint (count (p, "fees.consistent"), ==, 1);
  m = nb_problem_get_message (find (p, "fees.consistent"));
  g_assert_nonnull (strstr (m, "未填写"));
  g_assert_null (strstr (m, "为 0"));
  g_assert_null (strstr (m, "为  件"));
  g_clear_pointer (&p, g_ptr_array_unref);
  set (r, "other/fee_notices", "2");
  g_assert_cmpuint (count_for (r, NULL, "fees.consistent"), ==, 0);
}


/* ---- figures quoted in the text: the ways real reports say them ---- */

typedef struct
{
  const char *version;   /* NULL: both formats */
  const char *agrees;    /* a sentence that agrees with figures_report () */
  const char *differs;   /* one that does not, with one wrong figure */
  const char *message;   /* part of the message for the wrong one */
} FigureCase;

static NbReport *
figures_report (const char *version)
{
  NbReport *r = report_new (version, g_str_equal (version, "2019") ? 2020 : 2024);
  gboolean v2019 = g_str_equal (version, "2019");

  /* 43 new + 2 carried in = 41 handled + 4 carried out. */
  set (r, "requests/new/natural", "40");
  set (r, "requests/new/business", "3");
  set (r, "requests/carried_in/natural", "2");
  set (r, "requests/open/natural", "20");
  set (r, "requests/partial/business", "3");
  set (r, "requests/partial/natural", "7");
  set (r, "requests/withheld_secret/natural", "2");
  set (r, "requests/unable_none/natural", "5");
  set (r, "requests/rejected_repeat/natural", "3");
  set (r, v2019 ? "requests/other/natural" : "requests/other_other/natural", "1");
  set (r, "requests/carried_out/natural", "4");
  /* Reviews all upheld; suits: 1 upheld, 1 corrected, 1 pending. */
  set (r, "review/count/reconsideration_upheld", "3");
  set (r, "review/count/direct_upheld", "1");
  set (r, "review/count/direct_corrected", "1");
  set (r, "review/count/after_pending", "1");
  set (r, "active/license/decisions", "12");
  set (r, "active/penalty/decisions", "7");
  set (r, "active/coercion/decisions", "2");
  if (v2019)
    {
      set (r, "active/regulation/made", "1");
      set (r, "active/normative/made", "3");
      set (r, "active/procurement/count", "2");
      set (r, "active/procurement/amount", "380.5");
    }
  else
    {
      set (r, "active/regulation/issued", "1");
      set (r, "active/regulation/repealed", "2");
      set (r, "active/regulation/in_force", "5");
      set (r, "active/normative/issued", "3");
      set (r, "active/normative/repealed", "1");
      set (r, "active/normative/in_force", "20");
      set (r, "active/fee/amount", "38");
    }
  g_assert_cmpuint (count_for (r, NULL, "requests.balance"), ==, 0);
  return r;
}

static const FigureCase figure_cases[] = {
  { NULL, "本年度，本机关共收到政府信息公开申请四十三件。", "本年度，本机关共收到政府信息公开申请四十二件。",
    "正文称收到政府信息公开申请 42 件，但表三“一、本年新收”总计为 43，与“二、上年结转”合计为 45" },
  /* New plus carried in is the other way to count what was received. */
  { NULL, "全年收到申请共计45件（含上年结转）。", "全年收到申请共计52件。", "收到政府信息公开申请 52 件" },
  { NULL, "全年受理政府信息公开申请43件。", "全年受理政府信息公开申请8件。", "收到政府信息公开申请 8 件" },
  { NULL, "本年度共新收政府信息公开申请43件。", "本年度共新收政府信息公开申请96件。", "96 件，但表三“一、本年新收”总计为 43" },
  { NULL, "本年度办理政府信息公开申请45件。", "本年度办理政府信息公开申请130件。",
    "正文称办理政府信息公开申请 130 件，但表三“（七）总计”为 41，“一、本年新收”与“二、上年结转”合计为 45" },
  { NULL, "依申请公开方面，我局严格按照条例规定的时限办理。全年答复41件，按时答复率100%。",
    "依申请公开方面，我局严格按照条例规定的时限办理。全年答复15件，按时答复率100%。",
    "正文称办结/答复 15 件，但表三“（七）总计”为 41" },
  { NULL, "对收到的申请，予以公开及部分公开30件。", "对收到的申请，予以公开及部分公开140件。",
    "正文称予以公开及部分公开 140 件，但表三“（一）予以公开”与“（二）部分公开”合计为 30" },
  { NULL, "对收到的申请，予以公开20件、部分公开10件。", "对收到的申请，予以公开21件、部分公开10件。",
    "正文称予以公开 21 件，但表三“（一）予以公开”总计为 20" },
  { NULL, "上述申请中，部分公开10件。", "上述申请中，部分公开11件。", "表三“（二）部分公开”总计为 10" },
  { NULL, "办结的申请中不予公开2件。", "办结的申请中不予公开3件。", "表三“（三）不予公开”各项合计为 2" },
  { NULL, "办结的申请中无法提供5件。", "办结的申请中无法提供37件。", "正文称无法提供 37 件，但表三“（四）无法提供”各项合计为 5" },
  { NULL, "办结的申请中不予处理3件。", "办结的申请中不予处理4件。", "表三“（五）不予处理”各项合计为 3" },
  { NULL, "办结的申请中其他处理1件。", "办结的申请中其他处理2件。", "表三“（六）其他处理”为 1" },
  { NULL, "上年结转政府信息公开申请两件。", "上年结转政府信息公开申请3件。", "正文称上年结转 3 件，但表三“二、上年结转”总计为 2" },
  { NULL, "结转下年度继续办理4件。", "结转下年度继续办理5件。", "表三“四、结转下年度继续办理”总计为 4" },
  { NULL, "本年度发生政府信息公开行政复议3起。", "本年度发生政府信息公开行政复议21起。", "正文称行政复议 21 件，但表四行政复议总计为 3" },
  { NULL, "本年度涉及政府信息公开的诉讼3件。", "本年度涉及政府信息公开的诉讼4件。", "正文称行政诉讼 4 件" },
  { NULL, "行政复议结果维持3件。", "行政复议结果维持2件。", "正文称结果维持 2 件，但表四行政复议“结果维持”为 3" },
  { NULL, "行政诉讼结果纠正1件。", "行政诉讼结果纠正2件。", "表四行政诉讼“结果纠正”（未经复议直接起诉 + 复议后起诉）为 1" },
  { NULL, "行政诉讼中尚未审结1件。", "行政复议尚未审结1件。", "表四行政复议“尚未审结”为 0" },
  /* "均获维持" while a suit is corrected and one pending. */
  { NULL, "被申请行政复议3件，均获维持。", "被申请行政复议3件、提起行政诉讼3件，均获维持。",
    "正文称案件“均获维持”，但表四中行政诉讼“结果纠正” 1 件，行政诉讼“尚未审结” 1 件" },
  { NULL, "全年作出行政许可决定12件。", "全年作出行政许可处理决定13件。", "正文称行政许可处理决定 13 件，但表二“行政许可”处理决定数量为 12" },
  { NULL, "全年作出行政处罚决定7件。", "全年作出行政处罚决定8件。", "表二“行政处罚”处理决定数量为 7" },
  { NULL, "全年作出行政强制决定两件。", "全年作出行政强制决定3件。", "表二“行政强制”处理决定数量为 2" },
  { "2021", "制发规章1件、废止2件，现行有效5件。", "制发规章2件、废止2件，现行有效5件。", "正文称制发 2 件，但表二“规章”本年制发件数为 1" },
  { "2021", "制发行政规范性文件3件、废止1件，现行有效20件。", "制发行政规范性文件3件、废止2件，现行有效20件。",
    "正文称废止 2 件，但表二“规范性文件”本年废止件数为 1" },
  { "2021", "现行有效规范性文件20件。", "现行有效规范性文件十二件。", "正文称现行有效 12 件" },
  /* 380,000元 is 38 万元. */
  { "2021", "全年收取行政事业性收费380,000元。", "全年收取行政事业性收费38.5万元。",
    "正文称行政事业性收费 38.5 万元，但表二“行政事业性收费”本年收费金额为 38 万元" },
  { "2019", "新制作规章1件、规范性文件3件。", "新制作规章2件。", "正文称新制作 2 件，但表二“规章”本年新制作数量为 1" },
  { "2019", "政府集中采购项目2个，采购总金额380.5万元。", "政府集中采购项目3个，采购总金额380.5万元。",
    "正文称政府集中采购项目 3 个，但表二“政府集中采购”采购项目数量为 2" },
  { "2019", "采购总金额3,805,000元。", "采购总金额380.6万元。", "采购总金额为 380.5 万元" },
};

static void
test_figure_phrasings (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(NbReport) r = figures_report (versions[v]);

      for (guint i = 0; i < G_N_ELEMENTS (figure_cases); i++)
        {
          const FigureCase *c = &figure_cases[i];
          g_autoptr(GPtrArray) p = NULL;

          if (c->version && !g_str_equal (c->version, versions[v]))
            continue;
          g_test_message ("%s: %s | %s", versions[v], c->agrees, c->differs);
          set (r, "text/overview", c->agrees);
          p = nb_check_report (r, NULL);
          dump_problems (p);
          g_assert_cmpuint (count (p, "text.figures"), ==, 0);
          g_clear_pointer (&p, g_ptr_array_unref);

          set (r, "text/overview", c->differs);
          p = nb_check_report (r, NULL);
          dump_problems (p);
          g_assert_cmpuint (count (p, "text.figures"), ==, 1);
          g_assert_nonnull (strstr (nb_problem_get_message (find (p, "text.figures")), c->message));
        }
    }
}

/* A paragraph in the style of a real report: every figure agrees, and the
 * figures that are not the tables' (执法信息, 条, 人大建议) are left alone. */
static void
test_figures_paragraph (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(NbReport) r = figures_report (versions[v]);
      g_autoptr(GPtrArray) p = NULL;
      NbProblem *problem;
      const char *text =
        "（三）依申请公开情况\n"
        "全年共收到政府信息公开申请43件，同比增长10%，上年结转两件。所有申请均在法定期限内答复，"
        "其中予以公开20件，部分公开10件，不予公开2件，无法提供5件，不予处理3件，其他处理1件；"
        "结转下年度继续办理4件。\n"
        "（四）行政复议、行政诉讼情况\n"
        "本年度被申请行政复议3件，均获维持；涉及政府信息公开的行政诉讼3件，其中维持1件、纠正1件、尚未审结1件。"
        "2023年收到申请15件。公开执法信息73期，发布信息327条，公开人大代表建议办理工作4件。\n";

      set (r, "text/overview", text);
      p = nb_check_report (r, NULL);
      dump_problems (p);
      g_assert_cmpuint (count (p, "text.figures"), ==, 0);
      g_clear_pointer (&p, g_ptr_array_unref);

      /* One wrong figure: found where it is, with the cells it is about. */
      set (r, "review/count/reconsideration_upheld", "2");
      set (r, "review/count/reconsideration_pending", "1");
      p = nb_check_report (r, NULL);
      dump_problems (p);
      g_assert_cmpuint (count (p, "text.figures"), ==, 1);
      problem = find (p, "text.figures");
      g_assert_nonnull (strstr (nb_problem_get_message (problem), "行政复议“尚未审结” 1 件"));
      g_assert_true (nb_problem_has_key (problem, "review/count/reconsideration_pending"));
      g_assert_cmpstr (nb_problem_get_section (problem), ==, "overview");
      {
        g_autofree char *quote = g_utf8_substring (text, nb_problem_get_start (problem), nb_problem_get_end (problem));
        g_assert_cmpstr (quote, ==, "均获维持");
      }
    }
}


/* ---- the report's own form ---- */

typedef struct
{
  const char *id;
  const char *section;   /* "overview", "problems", "other" */
  const char *breaks;    /* text that breaks the rule once */
  const char *satisfies;
  const char *message;   /* part of the message for the broken one */
} FormCase;

static const FormCase form_cases[] = {
  /* {Y} is the report year, {P} the year before it. */
  { "text.own_year", "overview",
    "现将本单位{P}年度政府信息公开工作情况报告如下。",
    "现将本单位{Y}年度政府信息公开工作情况报告如下。与本单位{P}年度相比，申请数量有所增加。",
    "所说的本年度是 {P} 年，但这是 {Y} 年度的报告" },
  { "text.own_year", "overview",
    "本报告是根据《条例》要求编制的{P}年度政府信息公开工作年度报告。",
    "本报告是根据《条例》要求编制的{Y}年度政府信息公开工作年度报告。", NULL },
  { "text.period_missing", "overview",
    "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "本报告中所列数据的统计期限自{Y}年1月1日起至{Y}年12月31日止。", "没有说明统计期限" },
  { "text.numbering", "problems",
    "一是公开内容不够全面。二是信息更新不够及时。二是解读形式较为单一。",
    "一是公开内容不够全面。二是信息更新不够及时。三是解读形式较为单一。",
    "编号重复：“二是”之后又是“二是”" },
  { "text.numbering", "overview",
    "（一）主动公开情况\n全年主动公开信息。\n（二）依申请公开情况\n依法答复。\n（四）政府信息管理\n规范管理。",
    "（一）主动公开情况\n全年主动公开信息。\n（二）依申请公开情况\n依法答复。\n（三）政府信息管理\n规范管理。",
    "编号不连续：“（二）”之后是“（四）”" },
  { "text.item_count", "problems",
    "主要存在以下三个方面问题：一是公开内容不够全面；二是信息更新不够及时。",
    "主要存在以下两个方面问题：一是公开内容不够全面；二是信息更新不够及时。",
    "说有 3 项，但随后列出了 2 项" },
  { "text.item_count", "problems",
    "下一步重点做好以下两项工作：\n1.加强培训，提升业务能力。\n2.完善制度，规范公开流程。\n3.强化监督，及时整改问题。",
    "下一步重点做好以下3项工作：\n1.加强培训，提升业务能力。\n2.完善制度，规范公开流程。\n3.强化监督，及时整改问题。",
    "说有 2 项，但随后列出了 3 项" },
  /* Items in the same paragraph count, not a numbered list further down. */
  { "text.item_count", "problems",
    "仍存在以下两个方面的不足：一是解读形式单一。\n下一步重点做好以下三项工作：\n1.丰富解读形式。\n2.加强培训。\n3.强化考核。",
    "仍存在以下两个方面的不足：一是解读形式单一；二是答复不够规范。\n下一步重点做好以下三项工作：\n1.丰富解读形式。\n2.加强培训。\n3.强化考核。",
    "说有 2 项，但随后列出了 1 项" },
  /* 十二 is one number, not 十 after 二. */
  { "text.item_count", "problems",
    "今年重点推进以下十二项工作：一是加强培训。二是完善制度。",
    "今年重点推进以下两项工作：一是加强培训。二是完善制度。",
    "说有 12 项，但随后列出了 2 项" },
  { "text.total_parts", "overview",
    "全年共发布信息6条，其中政策解读5条，工作动态3条。",
    "全年共发布信息8条，其中政策解读5条，工作动态3条。",
    "总数 6条 小于其中所列各项之和 8条" },
  { "text.punctuation", "problems",
    "我局政务公开工作取得了一定进步,但是与上级要求还存在差距:主要是宣传不够。",
    "我局政务公开工作取得了一定进步，但是与上级要求还存在差距：主要是宣传不够。全年办结1,234件，12:30前答复。",
    "本段有 2 处半角标点（如“,”）" },
  { "section.present", "problems", "无", "一是公开内容不够全面，二是将进一步加强培训。", "只写了“无”" },
  { "section.present", "problems", "暂无问题。", "公开内容不够全面，将进一步加强培训。", "只写了“暂无问题。”" },
  { "section.present", "problems", "有待加强。", "政策解读形式较为单一，将进一步丰富解读形式。", "不足 10 个字" },
  /* 六 may say 无 (in 2021 the 信息处理费 fields are what is required). */
  { "section.present", "other", "", "无。", "没有内容" },
};

static char *
years_in (const char *text, int year)
{
  g_autofree char *y = g_strdup_printf ("%d", year);
  g_autofree char *p = g_strdup_printf ("%d", year - 1);
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "{Y}", y, 0);
  g_string_replace (s, "{P}", p, 0);
  return g_strdup (s->str);
}

static void
test_report_form (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    for (guint i = 0; i < G_N_ELEMENTS (form_cases); i++)
      {
        const FormCase *c = &form_cases[i];
        g_autoptr(NbReport) r = report_new (versions[v], g_str_equal (versions[v], "2019") ? 2020 : 2024);
        int year = nb_report_get_year (r);
        g_autofree char *key = g_strconcat ("text/", c->section, NULL);
        g_autofree char *breaks = years_in (c->breaks, year);
        g_autofree char *satisfies = years_in (c->satisfies, year);
        g_autoptr(GPtrArray) p = NULL;

        g_test_message ("%s %s: %s | %s", versions[v], c->id, breaks, satisfies);
        set (r, key, satisfies);
        p = nb_check_report (r, NULL);
        dump_problems (p);
        g_assert_cmpuint (count (p, c->id), ==, 0);
        g_clear_pointer (&p, g_ptr_array_unref);

        set (r, key, breaks);
        p = nb_check_report (r, NULL);
        dump_problems (p);
        g_assert_cmpuint (count (p, c->id), ==, 1);
        if (c->message)
          {
            g_autofree char *m = years_in (c->message, year);
            g_assert_nonnull (strstr (nb_problem_get_message (find (p, c->id)), m));
          }
      }
}

/* One warning per paragraph, and the one-click fix the window offers. */
static void
test_punctuation_fix (void)
{
  g_autoptr(NbReport) r = report_new ("2021", 2024);
  g_autoptr(GPtrArray) p = NULL;
  const char *text = "虽然我局政务公开工作取得了一定进步,但是存在差距,主要是宣传不够。\n"
                     "下一步,我局将从以下方面改进:一是加强培训(每季度一次)。\n"
                     "全年办结1,234件。";
  g_autofree char *fixed = NULL;
  NbProblem *problem;

  set (r, "text/problems", text);
  p = nb_check_report (r, NULL);
  g_assert_cmpuint (count (p, "text.punctuation"), ==, 2);
  problem = find (p, "text.punctuation");
  g_assert_cmpstr (nb_problem_get_section (problem), ==, "problems");
  g_assert_cmpuint (nb_problem_get_start (problem), ==, 0);
  g_assert_cmpuint (nb_problem_get_end (problem), ==, g_utf8_strlen ("虽然我局政务公开工作取得了一定进步,但是存在差距,主要是宣传不够。", -1));
  fixed = nb_text_fix_halfwidth_range (text, nb_problem_get_start (problem), nb_problem_get_end (problem));
  g_assert_cmpstr (fixed, ==, "虽然我局政务公开工作取得了一定进步，但是存在差距，主要是宣传不够。\n"
                              "下一步,我局将从以下方面改进:一是加强培训(每季度一次)。\n"
                              "全年办结1,234件。");
  g_clear_pointer (&fixed, g_free);
  fixed = nb_text_fix_halfwidth (text);
  g_assert_cmpstr (fixed, ==, "虽然我局政务公开工作取得了一定进步，但是存在差距，主要是宣传不够。\n"
                              "下一步，我局将从以下方面改进：一是加强培训（每季度一次）。\n"
                              "全年办结1,234件。");
  set (r, "text/problems", fixed);
  g_assert_cmpuint (count_for (r, NULL, "text.punctuation"), ==, 0);

  /* The fix as the window applies it: one problem, one undo step. */
  set (r, "text/problems", text);
  g_clear_pointer (&p, g_ptr_array_unref);
  p = nb_check_report (r, NULL);
  problem = find (p, "text.punctuation");
  g_assert_true (nb_checker_can_fix (problem));
  g_assert_false (nb_checker_can_fix (find (p, "publish.deadline")));
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (nb_checker_apply_fix (r, problem, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_for (r, NULL, "text.punctuation"), ==, 1);
    g_assert_true (g_str_has_prefix (nb_report_get_text (r, "problems"), "虽然我局政务公开工作取得了一定进步，但是"));
    /* Applied twice: the text no longer has that problem. */
    g_assert_false (nb_checker_apply_fix (r, problem, &error));
    g_assert_error (error, NB_ERROR, NB_ERROR_STALE);
    g_assert_true (nb_report_undo (r));
    g_assert_cmpstr (nb_report_get_text (r, "problems"), ==, text);
  }
}

/* 2019 （一） rows: this year's 对外公开总数量 is last year's plus this year's 本年新公开数量. */
static void
test_total_across_years (void)
{
  g_autoptr(NbReport) last = report_new ("2019", 2019);
  g_autoptr(NbReport) r = report_new ("2019", 2020);

  set (last, "active/normative/published", "2");
  set (last, "active/normative/total", "5");
  set (r, "active/normative/published", "2");
  set (r, "active/normative/total", "7");
  g_assert_cmpuint (count_for (r, last, "carry.total"), ==, 0);
  set (r, "active/normative/total", "5");
  g_assert_cmpuint (count_for (r, last, "carry.total"), ==, 1);
  g_assert_cmpuint (count_for (r, NULL, "carry.total"), ==, 0);
}


/* ---- the paragraph cache ---- */

static char *
describe_problems (GPtrArray *p)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < p->len; i++)
    {
      NbProblem *x = g_ptr_array_index (p, i);
      g_string_append_printf (s, "%s %s [%u,%u) %s\n", nb_problem_get_id (x),
                              nb_problem_get_section (x) ? nb_problem_get_section (x) : "-",
                              nb_problem_get_start (x), nb_problem_get_end (x), nb_problem_get_message (x));
    }
  return g_string_free (s, FALSE);
}

/* After each edit the shared checker, which reads only changed paragraphs
 * again, finds exactly what a new checker finds reading everything. */
static void
test_incremental_text (void)
{
  g_autoptr(NbReport) r = figures_report ("2021");
  NbFormat *format = nb_report_get_format (r);
  static const char *const texts[] = {
    "（一）主动公开情况\n全年共发布信息6条，其中政策解读5条，工作动态3条。\n（二）依申请公开情况\n"
    "全年共收到政府信息公开申请43件,上年结转两件。\n（四）政府信息管理\n一是强化领导。二是压实责任。二是加强培训。",
    /* one character typed in the middle */
    "（一）主动公开情况\n全年共发布信息6条，其中政策解读5条，工作动态3条。\n（二）依申请公开情况\n"
    "全年共收到政府信息公开申请44件,上年结转两件。\n（四）政府信息管理\n一是强化领导。二是压实责任。二是加强培训。",
    /* a paragraph split in two */
    "（一）主动公开情况\n全年共发布信息6条，其中政策解读5条，\n工作动态3条。\n（二）依申请公开情况\n"
    "全年共收到政府信息公开申请44件,上年结转两件。\n（四）政府信息管理\n一是强化领导。二是压实责任。二是加强培训。",
    /* the first and last paragraphs changed */
    "（1）主动公开情况\n全年共发布信息6条，其中政策解读5条，\n工作动态3条。\n（二）依申请公开情况\n"
    "全年共收到政府信息公开申请44件,上年结转两件。\n（四）政府信息管理\n一是强化领导。二是压实责任。三是加强培训。",
    /* paragraphs deleted, an identical paragraph repeated */
    "（1）主动公开情况\n（1）主动公开情况\n全年共收到政府信息公开申请43件,上年结转两件。",
    "\n\n全年共收到政府信息公开申请43件,上年结转两件。\n",
    "全年共收到政府信息公开申请43件,上年结转两件。\n",
    "",
    "本单位2023年度共收到政府信息公开申请四十三件。",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(NbChecker) fresh = nb_checker_new (format, NULL);
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;
      g_autofree char *da = NULL, *db = NULL;

      set (r, "text/overview", texts[i]);
      a = nb_check_report (r, NULL);
      b = nb_checker_run (fresh, r, NULL);
      da = describe_problems (a);
      db = describe_problems (b);
      g_test_message ("%s", da);
      g_assert_cmpstr (da, ==, db);
    }
  /* And the edits did find something: the last text quotes another year. */
  g_assert_cmpuint (count_for (r, NULL, "text.own_year"), ==, 1);
}


/* Random edits of fragments real reports are made of (and broken pieces of
 * them): the scanners never read past a paragraph or crash, and the cached
 * checker always agrees with a fresh one. */
static void
test_incremental_random (void)
{
  static const char *const pieces[] = {
    "共收到政府信息公开申请", "43", "四十三", "件", "起", "，", ",", "。", "；", "\n", "其中", "予以公开",
    "部分公开", "1,234", "万元", "元", "一是", "二是", "（一）", "（二）", "1.", "以下三个方面：", "均获维持",
    "行政复议", "行政诉讼", "维持", "纠正", "本单位2023年度", "统计期限", "2024年1月1日至2024年12月31日",
    "制发规章", "废止", "现行有效", "收费金额", "3.5", "(", ")", ":", " ", "上年结转", "办理", "答复",
  };
  g_autoptr(NbReport) r = figures_report ("2021");
  NbFormat *format = nb_report_get_format (r);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241231);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(NbChecker) fresh = nb_checker_new (format, NULL);
      g_autoptr(GPtrArray) a = NULL, b = NULL;
      g_autofree char *da = NULL, *db = NULL;
      glong n = g_utf8_strlen (text->str, -1);
      glong at = n > 0 ? g_rand_int_range (rand, 0, (gint32) n + 1) : 0;
      gsize byte = g_utf8_offset_to_pointer (text->str, at) - text->str;

      if (n > 0 && g_rand_int_range (rand, 0, 4) == 0)
        {
          /* Delete a few characters. */
          glong len = MIN (n - at, g_rand_int_range (rand, 1, 6));
          gsize end = g_utf8_offset_to_pointer (text->str, at + len) - text->str;
          g_string_erase (text, (gssize) byte, (gssize) (end - byte));
        }
      else
        g_string_insert (text, (gssize) byte, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      set (r, "text/overview", text->str);
      a = nb_check_report (r, NULL);
      b = nb_checker_run (fresh, r, NULL);
      da = describe_problems (a);
      db = describe_problems (b);
      g_assert_cmpstr (da, ==, db);
      for (guint i = 0; i < a->len; i++)
        g_assert_cmpuint (nb_problem_get_end (g_ptr_array_index (a, i)), <=, (guint) g_utf8_strlen (text->str, -1));
    }
}

/* ---- a published report's headings ---- */

static guint
heading_count (const char *version, const char *const *headings, const char *id)
{
  g_autoptr(GPtrArray) p = nb_checker_check_headings (nb_checker_for_format (nb_format_get (version, NULL)),
                                                      headings);
  dump_problems (p);
  return count (p, id);
}

static void
test_headings (void)
{
  const char *versions[] = { "2019", "2021" };
  const char *official[] = { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                             "六、其他需要报告的事项", NULL };
  const char *variant[] = { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在问题及改进情况",
                            "六、其他需要报告的事项", NULL };
  const char *misnumbered[] = { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                "四、政府信息公开行政复议、行政诉讼情况", "六、存在的主要问题及改进情况",
                                "六、其他需要报告的事项", NULL };
  const char *missing[] = { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "五、存在的主要问题及改进情况", "六、其他需要报告的事项", NULL };
  const char *swapped[] = { "一、总体情况", "三、收到和处理政府信息公开申请情况", "二、主动公开政府信息情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                            "六、其他需要报告的事项", NULL };
  const char *unknown[] = { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                            "四、政府信息公开行政复议、行政诉讼情况", "五、工作亮点", "五、存在的主要问题及改进情况",
                            "六、其他需要报告的事项", NULL };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(GPtrArray) p = NULL;

      g_assert_cmpuint (heading_count (versions[v], official, "section.headings"), ==, 0);
      g_assert_cmpuint (heading_count (versions[v], official, "section.heading_variant"), ==, 0);
      g_assert_cmpuint (heading_count (versions[v], variant, "section.headings"), ==, 0);
      g_assert_cmpuint (heading_count (versions[v], variant, "section.heading_variant"), ==, 1);
      g_assert_cmpuint (heading_count (versions[v], missing, "section.headings"), ==, 1);
      g_assert_cmpuint (heading_count (versions[v], swapped, "section.headings"), ==, 1);
      g_assert_cmpuint (heading_count (versions[v], unknown, "section.headings"), ==, 1);
      p = nb_checker_check_headings (nb_checker_for_format (nb_format_get (versions[v], NULL)), misnumbered);
      g_assert_cmpuint (count (p, "section.headings"), ==, 1);
      g_assert_cmpstr (nb_problem_get_message (find (p, "section.headings")), ==,
                       "标题“六、存在的主要问题及改进情况”的序号不对，应为“五、存在的主要问题及改进情况”");
      g_assert_true (nb_problem_has_key (find (p, "section.headings"), "heading/4"));
      g_assert_cmpint (nb_problem_get_severity (find (p, "section.headings")), ==, NB_SEVERITY_ERROR);
    }
}


/* A generated sentence, once in the text, is checked like any other when
 * the figures change afterwards. */
static void
test_sentence_rechecked (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autoptr(NbReport) r = figures_report (versions[v]);
      g_autofree char *requests = nb_sentence_render (r, "requests");
      g_autofree char *active = nb_sentence_render (r, "active");
      g_autofree char *review = nb_sentence_render (r, "review");
      g_autofree char *text = g_strconcat (requests, "\n", active, "\n", review, NULL);
      g_autoptr(GPtrArray) p = NULL;

      set (r, "text/overview", text);
      p = nb_check_report (r, NULL);
      dump_problems (p);
      g_assert_cmpuint (count (p, "text.figures"), ==, 0);
      g_assert_cmpuint (count (p, "text.total_parts"), ==, 0);
      g_clear_pointer (&p, g_ptr_array_unref);

      /* One more application, answered; one more 行政处罚 decision. */
      set (r, "requests/new/natural", "41");
      set (r, "requests/open/natural", "21");
      set (r, "active/penalty/decisions", "8");
      p = nb_check_report (r, NULL);
      dump_problems (p);
      /* 收到 43, 办结 41, 予以公开 20 and 处罚 7 are now out of date. */
      g_assert_cmpuint (count (p, "text.figures"), ==, 4);
    }
}

/* 六 may say just 无。; in 2021 what it must state is the 信息处理费. */
static void
test_other_section (void)
{
  g_autoptr(NbReport) r2019 = report_new ("2019", 2020);
  g_autoptr(NbReport) r2021 = nb_report_new (nb_format_get ("2021", NULL), 2024, "某局");

  set (r2019, "text/other", "无。");
  g_assert_cmpuint (count_for (r2019, NULL, "section.present"), ==, 0);
  set (r2021, "text/overview", "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。");
  set (r2021, "text/problems", "公开内容不够全面，将进一步加强培训。");
  set (r2021, "text/other", "无。");
  g_assert_cmpuint (count_for (r2021, NULL, "section.present"), ==, 0);
  g_assert_cmpuint (count_for (r2021, NULL, "fees.present"), ==, 1);
  set (r2021, "text/other", "无。本年度无收取信息处理费情况。");
  g_assert_cmpuint (count_for (r2021, NULL, "fees.present"), ==, 0);
}

/* ---- sentences from the tables ---- */

static void
test_sentences_agree_with_checks (void)
{
  const char *versions[] = { "2019", "2021" };

  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      NbFormat *format = nb_format_get (versions[v], NULL);
      g_autoptr(NbReport) r = report_new (versions[v], g_str_equal (versions[v], "2019") ? 2020 : 2024);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) p = NULL;
      g_autofree char *requests = NULL;

      g_assert_true (nb_sentence_check_format (format, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (nb_sentence_get_n_sentences (format), >=, 3);

      /* A balanced request table with something in every kind of result. */
      set (r, "requests/new/natural", "9");
      set (r, "requests/new/business", "3");
      set (r, "requests/carried_in/legal", "2");
      set (r, "requests/open/natural", "5");
      set (r, "requests/partial/business", "1");
      set (r, "requests/withheld_secret/natural", "1");
      set (r, "requests/unable_none/natural", "2");
      set (r, "requests/rejected_repeat/business", "1");
      set (r, "requests/carried_out/legal", "2");
      set (r, "requests/carried_out/business", "1");
      set (r, "requests/carried_out/natural", "1");
      set (r, "review/count/reconsideration_upheld", "2");
      set (r, "review/count/direct_pending", "1");

      requests = nb_sentence_render (r, "requests");
      /* Figures worked out here from what was set above, not by the code. */
      g_assert_nonnull (strstr (requests, "共收到政府信息公开申请12件"));
      g_assert_nonnull (strstr (requests, "法人或其他组织3件"));
      g_assert_nonnull (strstr (requests, "上年结转2件"));
      g_assert_nonnull (strstr (requests, "不予公开1件"));
      g_assert_nonnull (strstr (requests, "无法提供2件"));
      g_assert_nonnull (strstr (requests, "结转下年度继续办理4件"));
      g_assert_null (nb_sentence_render (r, "no-such-sentence"));

      /* Every sentence, quoted in the text, agrees with the tables. */
      for (guint i = 0; i < nb_sentence_get_n_sentences (format); i++)
        {
          g_autofree char *s = nb_sentence_render (r, nb_sentence_get_id (format, i));

          g_assert_nonnull (s);
          g_string_append (text, s);
          g_string_append (text, "\n");
        }
      set (r, "text/overview", text->str);
      p = nb_check_report (r, NULL);
      dump_problems (p);
      g_assert_cmpuint (count (p, "text.figures"), ==, 0);
      g_assert_cmpuint (count (p, "requests.balance"), ==, 0);

      /* No review cases: the sentence says so instead of "0件". */
      set (r, "review/count/reconsideration_upheld", "0");
      set (r, "review/count/direct_pending", "0");
      {
        g_autofree char *review = nb_sentence_render (r, "review");
        g_assert_nonnull (strstr (review, "未发生"));
      }
    }
}

/* The threads' warm-up writes the period in the format's own wording, and
 * the checks read it back (period_text and the period reader agree). */
static void
test_warm_up (void)
{
  for (const char *const *v = nb_format_list_versions (); *v; v++)
    {
      g_autoptr(NbChecker) checker = nb_checker_new (nb_format_get (*v, NULL), NULL);

      g_assert_true (nb_checker_warm_up (checker));
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/checker/fixture", test_fixture);
  g_test_add_func ("/checker/sentences", test_sentences_agree_with_checks);
  g_test_add_func ("/checker/requests-balance", test_balance);
  g_test_add_func ("/checker/stated-totals", test_stated_totals);
  g_test_add_func ("/checker/cell-kind-blank", test_cell_kind_blank);
  g_test_add_func ("/checker/format-year", test_format_year);
  g_test_add_func ("/checker/sections", test_sections);
  g_test_add_func ("/checker/fees", test_fees);
  g_test_add_func ("/checker/text-figures", test_text_figures);
  g_test_add_func ("/checker/text-scanner", test_text_scanner);
  g_test_add_func ("/checker/text-period-year-template", test_text_period_year_template);
  g_test_add_func ("/checker/active-warnings", test_active_warnings);
  g_test_add_func ("/checker/deadline", test_deadline);
  g_test_add_func ("/checker/across-years", test_across_years);
  g_test_add_func ("/checker/order", test_order);
  g_test_add_func ("/checker/blank-not-zero", test_blank_not_zero);
  g_test_add_func ("/checker/fees-blank-field", test_fees_blank_field);
  g_test_add_func ("/checker/figure-against-blank", test_figure_against_blank);
  g_test_add_func ("/checker/figure-phrasings", test_figure_phrasings);
  g_test_add_func ("/checker/figures-paragraph", test_figures_paragraph);
  g_test_add_func ("/checker/report-form", test_report_form);
  g_test_add_func ("/checker/punctuation-fix", test_punctuation_fix);
  g_test_add_func ("/checker/total-across-years", test_total_across_years);
  g_test_add_func ("/checker/incremental-text", test_incremental_text);
  g_test_add_func ("/checker/incremental-random", test_incremental_random);
  g_test_add_func ("/checker/headings", test_headings);
  g_test_add_func ("/checker/sentence-rechecked", test_sentence_rechecked);
  g_test_add_func ("/checker/other-section", test_other_section);
  g_test_add_func ("/checker/warm-up", test_warm_up);
  return g_test_run ();
}
