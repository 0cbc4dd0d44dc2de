/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-core — medians of many runs: check a full report after one edit,
 * load a document, save a document. Not a test: run by bench/run.sh. */
#include <glib/gstdio.h>
#include <time.h>

#include "nb-checker.h"
#include "nb-report-file.h"

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, cmp_double);
  return g_array_index (samples, double, samples->len / 2);
}

/* A 2021 report with every cell filled and realistic texts. */
static NbReport *
full_2021 (void)
{
  NbFormat *f = nb_format_get ("2021", NULL);
  NbReport *r = nb_report_new (f, 2024, "某市教育局");
  GString *overview = g_string_new ("本报告所列数据统计期限为2024年1月1日至2024年12月31日。");

  for (guint i = 0; i < nb_format_get_n_cells (f); i++)
    {
      const NbCellDef *def = nb_format_get_cell (f, i);
      g_autofree char *v = g_strdup_printf ("%u", i % 7 + 1);
      if (!def->computed)
        nb_report_set_value_from_string (r, def->key, v, NULL);
    }
  for (int i = 0; i < 40; i++)
    g_string_append (overview, "（一）主动公开。2024年，本机关共收到政府信息公开申请12件，其中自然人10件、法人或其他组织2件；"
                               "发生政府信息公开行政复议3件、行政诉讼1件。全年发布信息327条，公开执法信息73期。\n");
  nb_report_set_text (r, "overview", overview->str, NULL);
  nb_report_set_text (r, "problems", "一是公开内容不够全面。二是将进一步加强培训，提高公开质量。", NULL);
  nb_report_set_text (r, "other", "2024年，本机关无收取信息处理费情况。", NULL);
  g_string_free (overview, TRUE);
  return r;
}

static void
bench (const char *name,
       NbReport   *report,
       guint       runs)
{
  g_autoptr(GArray) check = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) check_text = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *original = g_strdup (nb_report_get_text (report, "overview"));
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("nb-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.nianbao", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const NbCellDef *cell = nb_format_get_cell (nb_report_get_format (report), 0);

  nb_report_file_save (report, file, NULL, NULL);
  for (guint i = 0; i < runs; i++)
    {
      gint64 t0, t1;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(NbReport) loaded = NULL;
      g_autofree char *value = g_strdup_printf ("%u", i % 50);
      double d;

      /* One edit, then a whole check: what the window does per keystroke. */
      nb_report_set_value_from_string (report, cell->key, value, NULL);
      t0 = g_get_monotonic_time ();
      problems = nb_check_report (report, NULL);
      t1 = g_get_monotonic_time ();
      d = (t1 - t0) / 1000.0;
      g_array_append_val (check, d);

      /* One keystroke in a text: the text is scanned again. */
      {
        g_autofree char *typed = g_strdup_printf ("%s%u", original, i);
        g_autoptr(GPtrArray) p2 = NULL;

        nb_report_set_text (report, "overview", typed, NULL);
        t0 = g_get_monotonic_time ();
        p2 = nb_check_report (report, NULL);
        t1 = g_get_monotonic_time ();
        d = (t1 - t0) / 1000.0;
        g_array_append_val (check_text, d);
      }

      t0 = g_get_monotonic_time ();
      loaded = nb_report_file_load (file, NULL, NULL);
      t1 = g_get_monotonic_time ();
      d = (t1 - t0) / 1000.0;
      g_array_append_val (load, d);
      g_assert (loaded != NULL);

      t0 = g_get_monotonic_time ();
      nb_report_file_save (report, file, NULL, NULL);
      t1 = g_get_monotonic_time ();
      d = (t1 - t0) / 1000.0;
      g_array_append_val (save, d);
    }
  g_print ("%-28s %12.4f %12.4f %12.4f %12.4f  (%u chars of text)\n", name, median (check), median (check_text),
           median (load), median (save), (guint) g_utf8_strlen (original, -1));
  g_remove (path);
  g_remove (backup);
  g_rmdir (dir);
}

/* Processor time of this thread: on a machine shared with other work the
 * wall clock measures the others too. */
static double
cpu_ms (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
#else
  return g_get_monotonic_time () / 1000.0;
#endif
}

/* A 200-page report (about 900 characters a page, all distinct paragraphs
 * in the style of real reports, figures, numbering and lists included):
 * the window checks it after every edit, so one edit must stay under 5 ms. */
static void
bench_long (guint runs)
{
  static const char *const kinds[] = {
    "围绕重点领域推进公开，第%u批信息已按时发布。本年度共发布信息%u条，其中政策解读%u条，工作动态30条。"
    "一是加强组织领导，明确分管领导和工作人员；二是完善制度建设，规范信息发布流程；三是强化督促检查，及时整改发现的问题。",
    "第%u项工作中，全年公开执法信息%u期，公开人大代表建议办理结果%u件、政协委员提案办理结果%u件，办结率100%%，"
    "做到执法公开透明，接受社会监督，群众满意度明显提升。",
    "1.加强重点领域信息公开（第%u部分）。紧紧抓住涉及权力运用的关键部位、关键环节，突出群众关心、社会关注的重要事项，"
    "及时公开本部门工作职责、部门文件、重大项目建设、应急管理等领域信息%u条，阅读量%u次，回应关切%u次。",
    "依申请公开方面，本机关严格按照条例规定的期限办理，第%u批申请已全部答复，按时答复率100%%，"
    "未发生因答复不及时被申请行政复议的情况。在第%u次培训中，共培训%u人次，覆盖全部%u个科室。",
  };
  NbFormat *f = nb_format_get ("2021", NULL);
  g_autoptr(NbReport) r = nb_report_new (f, 2024, "某市教育局");
  g_autoptr(GString) text = g_string_new ("本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n");
  g_autoptr(GArray) cell = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cell_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typed_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  const NbCellDef *first = nb_format_get_cell (f, 0);
  g_autofree char *original = NULL;
  glong middle;
  double worst = 0;
  guint n_problems;

  for (guint i = 0, chars = 0; chars < 200 * 900; i++)
    {
      gsize before = text->len;
      g_string_append_printf (text, kinds[i % G_N_ELEMENTS (kinds)], i + 1, 40 + i, 10 + i, 30 + i);
      g_string_append_c (text, '\n');
      chars += (guint) g_utf8_strlen (text->str + before, -1);
    }
  nb_report_set_text (r, "overview", text->str, NULL);
  nb_report_set_text (r, "problems", "一是公开内容不够全面。二是将进一步加强培训，提高公开质量。", NULL);
  nb_report_set_text (r, "other", "2024年，本机关无收取信息处理费情况。", NULL);
  original = g_strdup (text->str);
  middle = g_utf8_strlen (original, -1) / 2;
  {
    /* The first check reads every paragraph; a realistic text has few findings. */
    g_autoptr(GPtrArray) p = nb_check_report (r, NULL);
    n_problems = p->len;
  }

  for (guint i = 0; i < runs; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", i % 50);
      g_autofree char *edited = NULL;
      const char *at = g_utf8_offset_to_pointer (original, middle);
      gint64 t0, t1;
      double d, c0;

      nb_report_set_value_from_string (r, first->key, value, NULL);
      t0 = g_get_monotonic_time ();
      c0 = cpu_ms ();
      g_ptr_array_unref (nb_check_report (r, NULL));
      d = cpu_ms () - c0;
      t1 = g_get_monotonic_time ();
      g_array_append_val (cell_cpu, d);
      d = (t1 - t0) / 1000.0;
      g_array_append_val (cell, d);

      /* One character typed in the middle of the text. */
      edited = g_strdup_printf ("%.*s%c%s", (int) (at - original), original, 'a' + i % 26, at);
      nb_report_set_text (r, "overview", edited, NULL);
      t0 = g_get_monotonic_time ();
      c0 = cpu_ms ();
      g_ptr_array_unref (nb_check_report (r, NULL));
      d = cpu_ms () - c0;
      t1 = g_get_monotonic_time ();
      g_array_append_val (typed_cpu, d);
      d = (t1 - t0) / 1000.0;
      g_array_append_val (typed, d);
      worst = MAX (worst, d);
    }
  g_print ("%-28s %12.4f %12.4f  (%ld chars, about %ld pages, %u problems; slowest text edit %.3f ms)\n",
           "200-page 2021 report", median (cell), median (typed),
           g_utf8_strlen (original, -1), g_utf8_strlen (original, -1) / 900, n_problems, worst);
  g_print ("%-28s %12.4f %12.4f  (processor time of the same runs: what the edit costs on a shared machine)\n",
           "  processor time", median (cell_cpu), median (typed_cpu));
  g_print ("checking a 200-page report after one edit: %s 5 ms\n",
           MAX (median (cell_cpu), median (typed_cpu)) < 5.0 ? "under" : "OVER");
}

int
main (int argc, char **argv)
{
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 200;
  g_autoptr(GFile) fixture = g_file_new_for_path (argc > 1 ? argv[1] : "tests/fixtures/wenxian-transport-2020.nianbao");
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) wenxian = nb_report_file_load (fixture, NULL, &error);
  g_autoptr(NbReport) full = full_2021 ();

  if (!wenxian)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("medians of %u runs, milliseconds\n", runs);
  g_print ("%-28s %12s %12s %12s %12s\n", "report", "check/cell", "check/text", "load", "save");
  bench ("fixture (2019, wenxian)", wenxian, runs);
  bench ("full 2021 report", full, runs);
  bench_long (MIN (runs, 100));
  return 0;
}
