/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dump-source — what the docx or PDF reader makes of a file (for looking) */
#include "config.h"

#include <locale.h>

#include "nb-docx-reader.h"
#include "nb-pdf-reader.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");
  if (argc != 2)
    return 2;
  file = g_mapped_file_new (argv[1], FALSE, &error);
  if (!file)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bytes = g_mapped_file_get_bytes (file);
  if (g_str_has_suffix (argv[1], ".pdf"))
    ok = nb_pdf_reader_read (bytes, &doc, &error);
  else
    ok = nb_docx_reader_read (bytes, &doc, &error);
  if (!ok)
    {
      g_printerr ("error: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < doc->warnings->len; i++)
    g_print ("warning: %s\n", (char *) doc->warnings->pdata[i]);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = doc->blocks->pdata[i];

      if (b->kind == NB_SOURCE_PARAGRAPH)
        g_print ("P[%u] %s\n", b->line, b->text);
      else
        {
          g_print ("T[%u] %s\n", b->line, b->where ? b->where : "");
          for (guint r = 0; r < b->rows->len; r++)
            {
              NbSourceRow *row = b->rows->pdata[r];
              g_print ("  |");
              for (guint c = 0; c < row->cells->len; c++)
                {
                  NbSourceCell *cell = row->cells->pdata[c];
                  g_autofree char *t = g_strdup (cell->text);
                  g_strdelimit (t, "\n", '/');
                  if (cell->colspan > 1 || cell->rowspan > 1)
                    g_print (" %s{%u,%u} |", t, cell->colspan, cell->rowspan);
                  else
                    g_print (" %s |", t);
                }
              g_print ("\n");
            }
        }
    }
  return 0;
}
