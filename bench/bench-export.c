/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-export — PDF and xlsx export of a report, in process: the first
 * (cold: fonts loaded and parsed) run apart, then the median of N warm runs,
 * as when the window exports again. Usage: bench-export REPORT OUTDIR [RUNS] */
#include "config.h"

#include <stdlib.h>

#include "nb-pdf-writer.h"
#include "nb-report-file.h"
#include "nb-xlsx-writer.h"

typedef gboolean (*Writer) (NbReport *, const char *, GError **);

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
measure (const char *what,
         Writer      writer,
         NbReport   *report,
         const char *path,
         int         runs)
{
  g_autofree double *times = g_new0 (double, runs);
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  double cold;

  if (!writer (report, path, &error))
    g_error ("%s: %s", what, error->message);
  cold = (g_get_monotonic_time () - t0) / 1000.0;
  for (int i = 0; i < runs; i++)
    {
      t0 = g_get_monotonic_time ();
      if (!writer (report, path, &error))
        g_error ("%s: %s", what, error->message);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (times, runs, sizeof *times, compare);
  g_print ("%-5s first run %8.1f ms, median of %d warm runs %8.1f ms\n",
           what, cold, runs, runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL, *xlsx = NULL;
  int runs;

  if (argc < 3)
    {
      g_printerr ("usage: bench-export REPORT OUTDIR [RUNS]\n");
      return 2;
    }
  runs = argc > 3 ? MAX (1, atoi (argv[3])) : 20;
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(report = nb_report_file_load (file, NULL, &error)))
    g_error ("%s", error->message);
  pdf = g_build_filename (argv[2], "bench.pdf", NULL);
  xlsx = g_build_filename (argv[2], "bench.xlsx", NULL);
  /* BENCH_ONLY=pdf or xlsx: one of them, e.g. under perf. */
  if (g_strcmp0 (g_getenv ("BENCH_ONLY"), "xlsx") != 0)
    measure ("PDF", nb_pdf_write, report, pdf, runs);
  if (g_strcmp0 (g_getenv ("BENCH_ONLY"), "pdf") != 0)
    measure ("xlsx", nb_xlsx_write, report, xlsx, runs);
  return 0;
}
