/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-html-reader.c — the html reader and the matcher: any bytes give a
 * document or a readable refusal, and every imported document saves as a
 * file that loads again */
#include "fuzz.h"
#include "nb-html-reader.h"
#include "nb-import.h"
#include "nb-report-file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  g_autoptr(NbImport) import = NULL;
  g_autoptr(NbReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize length;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();

  bytes = g_bytes_new (data, size);
  if (!nb_html_reader_read (bytes, &doc, &error) ||
      !(import = nb_import_match (doc, "fuzz", &error)))
    {
      /* Every refusal is a message a person can read. */
      if (error == NULL || error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }
  for (guint i = 0; i < import->warnings->len; i++)
    if (!g_utf8_validate (g_ptr_array_index (import->warnings, i), -1, NULL))
      abort ();
  if (import->read > import->cells)
    abort ();
  saved = nb_report_file_to_data (import->report, &length);
  again = nb_report_file_load_from_data (saved, (gssize) length, &error);
  if (again == NULL)
    {
      fprintf (stderr, "an imported document saved as a file that does not load: %s\n", error->message);
      abort ();
    }
  return 0;
}
