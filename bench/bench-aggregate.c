/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-aggregate — writes N varied reports (workbooks exported by nianbao,
 * one in ten a .nianbao document) into a folder, for bench-aggregate.sh to
 * total with nianbao-cli. Not a test. Usage: bench-aggregate DIR N */
#include <stdlib.h>

#include "nb-report-file.h"
#include "nb-test-gen.h"
#include "nb-xlsx-writer.h"

int
main (int    argc,
      char **argv)
{
  guint n;

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
