/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the Word reader on any bytes (a zip or not). */
#include "fuzz.h"
#include "nb-docx-reader.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  NbSourceDoc *doc = NULL;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();
  bytes = g_bytes_new_static (data, size);
  if (nb_docx_reader_read (bytes, &doc, &error))
    nb_source_doc_free (doc);
  return 0;
}
