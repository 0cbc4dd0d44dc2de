/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every check of docs/checks.md fails on a report built to break it and passes on
 * one built to satisfy it; the fixture's figures pass every error check. */
#include <string.h>

#include "nb-checker.h"
#include "nb-sentence.h"
#include "nb-text-figures.h"

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
    g_test_message ("%s: %s", nb_problem_get_id (g_ptr_array_index (p, i)),
                    nb_problem_get_message (g_ptr_array_index (p, i)));
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
  g_autoptr(NbTextFigureRules) rules = nb_text_figure_rules_new (nb_format_get_text_figures (f), NULL);
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

  set (r, "active/procurement/amount", "251000");
  g_assert_cmpuint (count_for (r, NULL, "active.fee_unit"), ==, 0);
  set (r, "active/procurement/amount", "2510000");
  g_assert_cmpuint (count_for (r, NULL, "active.fee_unit"), ==, 1);

  set (n, "active/regulation/issued", "2");
  g_assert_cmpuint (count_for (n, NULL, "active.in_force_below_issued"), ==, 1);
  set (n, "active/regulation/in_force", "12");
  g_assert_cmpuint (count_for (n, NULL, "active.in_force_below_issued"), ==, 0);
  set (n, "active/fee/amount", "1000000.5");
  g_assert_cmpuint (count_for (n, NULL, "active.fee_unit"), ==, 1);
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

int
main (int argc, char **argv)
{
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
  return g_test_run ();
}
