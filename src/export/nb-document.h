/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-document.h — the printed report as one document, before any renderer
 *
 * What a report prints, said once: the title (with where it breaks), the
 * section headings, the paragraphs of the texts with their heading levels,
 * the generated 信息处理费 sentence, the tables (over their NbGrid) and the
 * sign-off with the date written in Chinese. The PDF and print layout, the
 * workbook's 报告正文 sheet and the HTML and Word exporters only render
 * these blocks; none of them reads the report's texts on its own. No cairo,
 * no GTK. See docs/typesetting.md for how each block is set.
 */
#pragma once

#include <glib-object.h>

#include "nb-grid.h"
#include "nb-report.h"

G_BEGIN_DECLS

typedef enum
{
  NB_BLOCK_TITLE,      /* text: the whole title; break_at: see below */
  NB_BLOCK_HEADING,    /* a section heading ("一、总体情况"), level 1, 黑体 */
  NB_BLOCK_PARAGRAPH,  /* a paragraph of a section text; level 0, 2 or 3 */
  NB_BLOCK_TABLE,      /* an official table: table, grid */
  NB_BLOCK_FIELD,      /* a fee field while the fee fields are incomplete:
                        * the workbook shows it to be filled in, printed
                        * output leaves it out */
  NB_BLOCK_SIGNOFF,    /* text: the signing agency; date: "2021年1月25日" or NULL */
} NbBlockKind;

typedef struct
{
  NbBlockKind         kind;
  /* Headings 1; paragraphs: 0 body text, 2 "（一）…" (楷体), 3 "1. …"
   * (仿宋 bold). */
  guint               level;
  const char         *text;       /* UTF-8, no leading or trailing space */
  /* Paragraphs of level 2 and 3: the bytes of @text that are the heading
   * (up to and including the first 。, or all of it). */
  gsize               lead_len;
  /* A paragraph that is only a heading ("（二）依申请公开"): it must not
   * be left alone at the foot of a page. */
  gboolean            heading_only;
  /* The paragraph was generated from the report's figures (the fee
   * sentence), not typed. */
  gboolean            generated;
  /* NB_BLOCK_TITLE: where a title too long for a line breaks (after the
   * agency and year), as a byte offset into @text; 0 when it has no such
   * place (a stated title of another shape). */
  gsize               break_at;
  const char         *date;       /* NB_BLOCK_SIGNOFF */
  const NbSectionDef *section;    /* the section a heading, paragraph,
                                   * table or field belongs to */
  const NbTableDef   *table;      /* NB_BLOCK_TABLE */
  NbGrid             *grid;       /* NB_BLOCK_TABLE (owned by the format) */
} NbBlock;

/* The faces of GB/T 9704 (docs/typesetting.md), Windows names first (every
 * Chinese Windows has them), then free fall-backs. */
typedef enum
{
  NB_FONT_TITLE,     /* 方正小标宋 */
  NB_FONT_HEI,       /* 黑体: level-1 headings */
  NB_FONT_KAI,       /* 楷体: level-2 headings */
  NB_FONT_FANGSONG,  /* 仿宋: body text */
  NB_FONT_SONG,      /* 宋体: tables, page numbers */
  NB_N_FONT_ROLES
} NbFontRole;

typedef struct
{
  const char *family;
  /* Set bold: the plain 宋体 faces standing in for the heavy title face. */
  gboolean    bold;
} NbFace;

/* The faces for @role, in order of preference; ends with { NULL }. */
const NbFace  *nb_document_get_faces    (NbFontRole     role);

#define NB_TYPE_DOCUMENT (nb_document_get_type ())
G_DECLARE_FINAL_TYPE (NbDocument, nb_document, NB, DOCUMENT, GObject)

/* A snapshot of @report as printed now: build a new one after it changed. */
NbDocument    *nb_document_new          (NbReport      *report);

NbReport      *nb_document_get_report   (NbDocument    *self);
guint          nb_document_get_n_blocks (NbDocument    *self);
const NbBlock *nb_document_get_block    (NbDocument    *self,
                                         guint          i);

/* The text a table's grid cell shows: labels as the format states them,
 * values as the report holds them ("" for blank). */
char          *nb_document_dup_cell_text (NbDocument       *self,
                                          const NbGridCell *cell);

/* The title's lines when broken at break_at (the whole title when it has
 * no break): NULL-terminated. */
char         **nb_document_dup_title_lines (const NbBlock *title);

G_END_DECLS
