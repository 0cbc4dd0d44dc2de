/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-source-doc.c — a published report as a reader finds it */
#include "config.h"

#include "nb-source-doc.h"
#include "nb-text-check.h"

static void
cell_free (gpointer data)
{
  NbSourceCell *cell = data;

  g_free (cell->text);
  g_free (cell);
}

static void
row_free (gpointer data)
{
  NbSourceRow *row = data;

  g_ptr_array_unref (row->cells);
  g_free (row);
}

static void
block_free (gpointer data)
{
  NbSourceBlock *block = data;

  g_free (block->text);
  if (block->rows)
    g_ptr_array_unref (block->rows);
  g_free (block->where);
  g_free (block);
}

/* What a document cannot hold (controls, noncharacters such as U+FFFF from
 * a damaged UTF-16 file) is mapped here, once for every reader: the agency,
 * title and texts taken from it must save and load again. A carriage return
 * is kept (the model takes it as a line end). */
static char *
source_text (const char *text)
{
  if (!text)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return nb_text_sanitize (text);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\r' && !nb_text_char_is_allowed (c))
        return nb_text_sanitize (text);
    }
  return g_strdup (text);
}

NbSourceDoc *
nb_source_doc_new (const char *kind)
{
  NbSourceDoc *doc = g_new0 (NbSourceDoc, 1);

  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  doc->warnings = g_ptr_array_new_with_free_func (g_free);
  doc->kind = g_strdup (kind);
  return doc;
}

void
nb_source_doc_free (NbSourceDoc *doc)
{
  if (!doc)
    return;
  g_ptr_array_unref (doc->blocks);
  g_ptr_array_unref (doc->warnings);
  g_free (doc->kind);
  g_free (doc->encoding);
  g_free (doc);
}

static NbSourceBlock *
add_block (NbSourceDoc       *doc,
           NbSourceBlockKind  kind,
           guint              line)
{
  NbSourceBlock *block = g_new0 (NbSourceBlock, 1);

  block->kind = kind;
  block->line = line;
  g_ptr_array_add (doc->blocks, block);
  return block;
}

NbSourceBlock *
nb_source_doc_add_paragraph (NbSourceDoc *doc,
                             const char  *text,
                             guint        line)
{
  NbSourceBlock *block = add_block (doc, NB_SOURCE_PARAGRAPH, line);

  block->text = source_text (text);
  return block;
}

NbSourceBlock *
nb_source_doc_add_table (NbSourceDoc *doc,
                         guint        line)
{
  NbSourceBlock *block = add_block (doc, NB_SOURCE_TABLE, line);

  block->rows = g_ptr_array_new_with_free_func (row_free);
  return block;
}

NbSourceRow *
nb_source_block_add_row (NbSourceBlock *table,
                         guint          line)
{
  NbSourceRow *row;

  g_return_val_if_fail (table->kind == NB_SOURCE_TABLE, NULL);
  row = g_new0 (NbSourceRow, 1);
  row->cells = g_ptr_array_new_with_free_func (cell_free);
  row->line = line;
  g_ptr_array_add (table->rows, row);
  return row;
}

NbSourceCell *
nb_source_row_add_cell (NbSourceRow *row,
                        const char  *text,
                        guint        colspan,
                        guint        rowspan)
{
  NbSourceCell *cell = g_new0 (NbSourceCell, 1);

  cell->text = source_text (text);
  cell->colspan = MAX (colspan, 1);
  cell->rowspan = MAX (rowspan, 1);
  g_ptr_array_add (row->cells, cell);
  return cell;
}

void
nb_source_doc_warn (NbSourceDoc *doc,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (doc->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}
