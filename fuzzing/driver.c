/* SPDX-License-Identifier: GPL-3.0-or-later */
/* driver.c — runs a fuzz target over files, without libFuzzer
 *
 * Built with every target when -Dfuzzing=false (the default), so the
 * seeds and the regression inputs in tests/fuzz/<target>/ run as ordinary
 * tests, also under ASan. Arguments are files or folders of files.
 */
#include <stdio.h>
#include <glib.h>

#include "fuzz.h"

static int
run_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("running %s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  int status = 0, n = 0;

  setvbuf (stdout, NULL, _IOLBF, 0);   /* the last "ok" before a crash */

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir && (name = g_dir_read_name (dir)))
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);
              status |= run_file (path);
              n++;
            }
        }
      else
        {
          status |= run_file (argv[i]);
          n++;
        }
    }
  if (n == 0)
    {
      fprintf (stderr, "usage: %s FILE|FOLDER…\n", argv[0]);
      return 2;
    }
  return status;
}
