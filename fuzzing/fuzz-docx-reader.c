/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target: the Word reader on any bytes (a zip or not). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "nb-docx-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  NbSourceDoc *doc = NULL;

  if (nb_docx_reader_read (bytes, &doc, &error))
    nb_source_doc_free (doc);
  return 0;
}
