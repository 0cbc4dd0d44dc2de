/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-core — medians of many runs: check a full report after one edit,
 * load a document, save a document. Not a test: run by bench/run.sh. */
#include <glib/gstdio.h>

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
  return 0;
}
