/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import — reading a large Word-exported web page (goal: ≤ 50 ms each)
 *
 * The test page (tests/fixtures/import/qingtian-market-2023.html, GB18030,
 * a site's page around a Word body) is grown to 400 KB and to 1 MB with
 * more paragraphs of its own kind, as long reports are; then it is
 * imported (decoded, parsed, matched) many times. Prints the medians. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "nb-import.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static GBytes *
grow (const char *page,
      gsize       len,
      gsize       target)
{
  /* A paragraph of the report's own, copied into its first section. */
  const char *start = strstr (page, "<p class=MsoNormal style='text-indent:32.0pt");
  const char *end = start ? strstr (start, "</p>\n") : NULL;
  g_autoptr(GString) out = g_string_new_len (page, start - page);

  g_assert (start && end);
  end += strlen ("</p>\n");
  while (out->len + (len - (start - page)) < target)
    g_string_append_len (out, start, end - start);
  g_string_append_len (out, start, len - (start - page));
  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Wall time, and the process's CPU time: on a machine shared with other
 * work the wall time mostly measures the others. */
static double
run (GBytes *page,
     guint   runs,
     double *cpu_median)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      clock_t c0 = clock ();
      g_autoptr(GError) error = NULL;
      g_autoptr(NbImport) import = nb_import_bytes (page, "page.html", &error);

      if (!import)
        g_error ("%s", error->message);
      if (import->read != import->cells)
        g_error ("the grown page reads %u of %u cells", import->read, import->cells);
      times[i] = (g_get_monotonic_time () - t0) / 1000.0;
      cpu[i] = (clock () - c0) * 1000.0 / CLOCKS_PER_SEC;
    }
  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpu, runs, sizeof (double), compare_doubles);
  *cpu_median = cpu[runs / 2];
  return times[runs / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *page = NULL;
  gsize len = 0;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 20;
  const gsize sizes[] = { 400 * 1024, 1024 * 1024 };

  if (argc < 2 || !g_file_get_contents (argv[1], &page, &len, NULL))
    {
      g_printerr ("usage: bench-import PAGE.html [RUNS]\n");
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GBytes) big = grow (page, len, sizes[i]);
      double cpu, wall = run (big, runs, &cpu);
      g_print ("import a %4zu KB Word-exported page: median %.1f ms CPU, %.1f ms wall, of %u runs "
               "(goal ≤ 50 ms)\n", g_bytes_get_size (big) / 1024, cpu, wall, runs);
    }
  return 0;
}
