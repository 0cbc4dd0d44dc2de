/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-aggregate — writes N varied reports (workbooks exported by nianbao,
 * one in ten a .nianbao document) into a folder, for bench-aggregate.sh to
 * total with nianbao-cli. Not a test. Usage: bench-aggregate DIR N */
#include <stdlib.h>
#include <time.h>

#include "nb-checker.h"
#include "nb-xlsx-reader.h"

#include "nb-report-file.h"
#include "nb-test-gen.h"
#include "nb-xlsx-writer.h"

int
main (int    argc,
      char **argv)
{
  guint n;

  /* bench-aggregate --read DIR: CPU time of the reader's phases. */
  if (argc == 3 && g_str_equal (argv[1], "--read"))
    {
      g_autoptr(GDir) dir = g_dir_open (argv[2], 0, NULL);
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      clock_t t0, t1, t2, t3;

      while (dir && (name = g_dir_read_name (dir)))
        if (g_str_has_suffix (name, ".xlsx"))
          g_ptr_array_add (paths, g_build_filename (argv[2], name, NULL));
      t0 = clock ();
      for (guint i = 0; i < paths->len; i++)
        nb_xlsx_probe (g_ptr_array_index (paths, i), NULL, NULL);
      t1 = clock ();
      for (guint i = 0; i < paths->len; i++)
        g_object_unref (nb_xlsx_read (g_ptr_array_index (paths, i), NULL, NULL));
      t2 = clock ();
      for (guint i = 0; i < paths->len; i++)
        {
          g_autoptr(NbReport) r = nb_xlsx_read (g_ptr_array_index (paths, i), NULL, NULL);
          g_ptr_array_unref (nb_check_report (r, NULL));
        }
      t3 = clock ();
      g_print ("%u workbooks, CPU: open %.3f s, read %.3f s, read+check %.3f s\n", paths->len,
               (double) (t1 - t0) / CLOCKS_PER_SEC, (double) (t2 - t1) / CLOCKS_PER_SEC,
               (double) (t3 - t2) / CLOCKS_PER_SEC);
      return 0;
    }
  if (argc != 3)
    {
      g_printerr ("usage: bench-aggregate DIR N\n");
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  g_mkdir_with_parents (argv[1], 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某市第%u局", i + 1);
      g_autoptr(NbReport) r = nb_test_gen_report ("2021", 2024, agency, i + 1, FALSE);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%05u-%s.%s", i + 1, agency, i % 10 == 9 ? "nianbao" : "xlsx");
      g_autofree char *path = g_build_filename (argv[1], name, NULL);

      if (i % 10 == 9)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);

          if (!nb_report_file_save (r, file, NULL, &error))
            g_error ("%s", error->message);
        }
      else if (!nb_xlsx_write (r, path, &error))
        g_error ("%s", error->message);
    }
  return 0;
}
