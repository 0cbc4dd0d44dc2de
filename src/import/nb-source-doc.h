/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-source-doc.h — a published report as a reader finds it, before matching
 *
 * Every reader of published reports (plain text, HTML page, Word file, PDF)
 * turns its input into this one shape: a sequence of blocks, each a
 * paragraph or a table of rows of cells with the spans the source gave.
 * One matcher (nb-import.c) then finds the title, the headings, the texts
 * and each table's figures by the labels of the format data; no reader
 * knows a table's labels, and no second description of a table exists.
 *
 * Spans: HTML and Word files give colspan/rowspan (gridSpan/vMerge); a text
 * file or a PDF gives none (all 1), and the matcher then works from the
 * order of the cells in each row.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *text;      /* the cell's text, as read (may be empty, never NULL) */
  guint  colspan;   /* ≥ 1 */
  guint  rowspan;   /* ≥ 1 */
} NbSourceCell;

typedef struct
{
  GPtrArray *cells;  /* NbSourceCell*, left to right */
  guint      line;   /* where it starts: text line, or PDF page; 0 if unknown */
} NbSourceRow;

typedef enum
{
  NB_SOURCE_PARAGRAPH,
  NB_SOURCE_TABLE,
} NbSourceBlockKind;

typedef struct
{
  NbSourceBlockKind kind;
  char      *text;    /* NB_SOURCE_PARAGRAPH: one paragraph, no newline */
  GPtrArray *rows;    /* NB_SOURCE_TABLE: NbSourceRow*, top to bottom */
  guint      line;    /* text line (1-based), PDF page, or 0 */
  /* Readers that know it say where the block is, for warnings:
   * "第3页", "第2个表格"; NULL otherwise. */
  char      *where;
} NbSourceBlock;

typedef struct
{
  GPtrArray *blocks;    /* NbSourceBlock*, in reading order */
  char      *kind;      /* "text", "html", "docx", "pdf" */
  char      *encoding;  /* what the bytes were ("UTF-8", "GB18030", …), or NULL */
  /* Reader warnings (char*, translated, each naming its place): text the
   * reader could not split safely, a scanned page, … */
  GPtrArray *warnings;
} NbSourceDoc;

NbSourceDoc   *nb_source_doc_new            (const char    *kind);
void           nb_source_doc_free           (NbSourceDoc   *doc);

NbSourceBlock *nb_source_doc_add_paragraph  (NbSourceDoc   *doc,
                                             const char    *text,
                                             guint          line);
NbSourceBlock *nb_source_doc_add_table      (NbSourceDoc   *doc,
                                             guint          line);
NbSourceRow   *nb_source_block_add_row      (NbSourceBlock *table,
                                             guint          line);
NbSourceCell  *nb_source_row_add_cell       (NbSourceRow   *row,
                                             const char    *text,
                                             guint          colspan,
                                             guint          rowspan);
void           nb_source_doc_warn           (NbSourceDoc   *doc,
                                             const char    *format,
                                             ...) G_GNUC_PRINTF (2, 3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbSourceDoc, nb_source_doc_free)

G_END_DECLS
