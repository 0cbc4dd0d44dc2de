/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-xlsx-reader.c — the workbook reader (nb-xlsx-reader.c, libgsf zip +
 * libxml2) on any bytes: a nianbao export comes back as a document that
 * saves and loads again, any other workbook as a source document or a
 * readable refusal. The reader opens a path (as `aggregate` gives it), so
 * the bytes go to one temporary file per process. */
#include <glib/gstdio.h>

#include "fuzz.h"
#include "nb-report-file.h"
#include "nb-xlsx-reader.h"

static char *path;

static void
remove_path (void)
{
  g_unlink (path);
}

static void
check_error (const GError *error)
{
  /* Every refusal is a message a person can read. */
  if (error == NULL || error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) again = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  NbXlsxKind kind;
  gsize length;
  FILE *f;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();
  if (path == NULL)
    {
      int fd = g_file_open_tmp ("nb-fuzz-XXXXXX.xlsx", &path, NULL);

      if (fd < 0)
        abort ();
      g_close (fd, NULL);
      atexit (remove_path);
    }
  if (!(f = fopen (path, "wb")) || fwrite (data, 1, size, f) != size || fclose (f) != 0)
    abort ();

  if (!nb_xlsx_probe (path, &kind, &error))
    check_error (error);
  g_clear_error (&error);

  if (!(doc = nb_xlsx_read_source (path, &error)))
    check_error (error);
  g_clear_error (&error);

  report = nb_xlsx_read (path, warnings, &error);
  for (guint i = 0; i < warnings->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (warnings, i), -1, NULL))
      abort ();
  if (report == NULL)
    {
      check_error (error);
      return 0;
    }
  saved = nb_report_file_to_data (report, &length);
  again = nb_report_file_load_from_data (saved, (gssize) length, &error);
  if (again == NULL)
    {
      fprintf (stderr, "a workbook's document saved as a file that does not load: %s\n", error->message);
      abort ();
    }
  return 0;
}
