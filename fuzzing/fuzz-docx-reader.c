/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the Word reader on any bytes (a zip or not). */
#include "config.h"

#include "fuzz.h"
#include "nb-docx-reader.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  NbSourceDoc *doc = NULL;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();

  if (nb_docx_reader_read (bytes, &doc, &error))
    nb_source_doc_free (doc);
  /* Every refusal is a message a person can read. */
  else if (error == NULL || error->message == NULL || !g_utf8_validate (error->message, -1, NULL))
    abort ();
  return 0;
}
