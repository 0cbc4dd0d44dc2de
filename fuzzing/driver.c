/* SPDX-License-Identifier: GPL-3.0-or-later */
/* driver.c — runs a fuzz target over files, without libFuzzer
 *
 * Built with every target when -Dfuzzing=false (the default), so the
 * seeds and the regression inputs in tests/fuzz/<target>/ run as ordinary
 * tests, also under ASan. Arguments are files or folders of files;
 *   --grow=N          each input repeated to N bytes first (a large input
 *                     of the kind the seed is);
 *   --max-seconds=S   fail when one input takes more processor time, thrice
 *                     (×4 under ASan; processor time, not the clock: the
 *                     machine may be shared).
 */
#include <stdio.h>
#include <time.h>
#include <glib.h>

#include "fuzz.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

static gsize grow;
static double max_seconds;

static int
run_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  clock_t start;
  double seconds;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (grow > 0)
    {
      char *big;

      if (length == 0)
        return 0;
      big = g_malloc (grow);
      for (gsize i = 0; i < grow; i += length)
        memcpy (big + i, data, MIN (length, grow - i));
      g_free (data);
      data = big;
      length = grow;
    }
  printf ("running %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  /* The best of three when one is slow: on a machine shared by many, one
   * run can be charged ten times its time; a real blow-up is slow thrice. */
  for (int attempt = 0; attempt < (max_seconds > 0 ? 3 : 1); attempt++)
    {
      start = clock ();
      LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
      seconds = (double) (clock () - start) / CLOCKS_PER_SEC;
      if (max_seconds <= 0 || seconds <= max_seconds)
        break;
    }
  if (max_seconds > 0 && seconds > max_seconds)
    {
      fprintf (stderr, "%s: %.2f s of processor time, more than %.2f s\n", path, seconds, max_seconds);
      return 1;
    }
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
      if (g_str_has_prefix (argv[i], "--grow="))
        grow = g_ascii_strtoull (argv[i] + 7, NULL, 10);
      else if (g_str_has_prefix (argv[i], "--max-seconds="))
        {
          max_seconds = g_ascii_strtod (argv[i] + 14, NULL);
#ifdef SANITIZED
          max_seconds *= 4;
#endif
        }
      else if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;

          while (dir && (name = g_dir_read_name (dir)))
            {
              g_autofree char *path = g_build_filename (argv[i], name, NULL);

              /* The corpus folder may hold the script that made its seeds. */
              if (g_str_has_suffix (name, ".py") || g_str_has_suffix (name, ".md"))
                continue;
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
      fprintf (stderr, "usage: %s [--grow=BYTES] [--max-seconds=S] FILE|FOLDER…\n", argv[0]);
      return 2;
    }
  return status;
}
