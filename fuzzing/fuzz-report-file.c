/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-report-file.c — the document loader: whatever loads, saves and
 * loads again as the same document */
#include "fuzz.h"
#include "nb-report-file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NbReport) report = NULL;
  g_autoptr(NbReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL, *resaved = NULL;
  gsize length;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();

  report = nb_report_file_load_from_data ((const char *) data, (gssize) size, &error);
  if (report == NULL)
    {
      /* Every refusal is a message a person can read. */
      if (error == NULL || error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }
  saved = nb_report_file_to_data (report, &length);
  again = nb_report_file_load_from_data (saved, (gssize) length, &error);
  if (again == NULL)
    {
      fprintf (stderr, "a loaded document saved as a file that does not load: %s\n", error->message);
      abort ();
    }
  resaved = nb_report_file_to_data (again, NULL);
  if (strcmp (saved, resaved) != 0)
    {
      fprintf (stderr, "load → save → load gave another document\n");
      abort ();
    }
  return 0;
}
