/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c — the import entry point (nb-import.c) as `nianbao-cli
 * import` and File → Import reach it: the kind sniffed from the bytes and
 * the file name, that kind's reader (text, HTML, Word, PDF; a workbook is
 * refused from memory: it is read from its file), the matcher.
 * The first byte picks the file name, so extensions break ties as for a
 * user's file. Any bytes give a document that saves and loads again, or a
 * readable refusal. */
#include "fuzz.h"
#include "nb-import.h"
#include "nb-report-file.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const names[] = { NULL, "报告.txt", "报告.html", "报告.HTM", "报告.docx", "报告.pdf",
                                       "report", "年报.xhtml" };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NbImport) import = NULL;
  g_autoptr(NbReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  const char *name, *kind;
  gsize length;

  if (size < 1 || size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();

  name = names[data[0] % G_N_ELEMENTS (names)];
  bytes = g_bytes_new (data + 1, size - 1);
  kind = nb_import_sniff (bytes, name);
  if (!g_str_equal (kind, "text") && !g_str_equal (kind, "html") && !g_str_equal (kind, "docx")
      && !g_str_equal (kind, "pdf") && !g_str_equal (kind, "xlsx"))
    abort ();
  if (!(import = nb_import_bytes (bytes, name, &error)))
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
