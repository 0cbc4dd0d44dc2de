/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-reader.c — a plain-text published report as an NbSourceDoc
 *
 * Sites' plain-text versions and text copied out of Word keep a table's
 * cells apart with tabs; header cells spread over several lines and blank
 * lines fall inside tables. Nothing here knows a label: the reader only
 * tells rows from paragraphs and figures from words. */
#include "config.h"

#include <string.h>

#include "nb-decode.h"
#include "nb-figure.h"
#include "nb-text-reader.h"

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0x00A0 || c == 0xFEFF || c == '\r';
}

static char *
trim (const char *start,
      const char *end)
{
  while (start < end && is_space (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!is_space (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}

/* Words separated by runs of spaces (ASCII or ideographic). */
static GPtrArray *
split_words (const char *line)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = line, *start = NULL;

  for (; *p; p = g_utf8_next_char (p))
    {
      gboolean space = is_space (g_utf8_get_char (p));
      if (!space && !start)
        start = p;
      else if (space && start)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
    }
  if (start)
    g_ptr_array_add (words, g_strndup (start, p - start));
  return words;
}

static GPtrArray *
split_tabs (const char *line)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  const char *start = line;

  for (const char *p = line;; p++)
    if (*p == '\t' || *p == '\0')
      {
        g_ptr_array_add (cells, trim (start, p));
        if (*p == '\0')
          break;
        start = p + 1;
      }
  return cells;
}

/* Cells of a table row, or NULL for a paragraph line. */
static GPtrArray *
row_cells (const char *line)
{
  g_autoptr(GPtrArray) words = NULL;
  gboolean figure = FALSE;

  if (strchr (line, '\t'))
    return split_tabs (line);

  /* Without tabs, words with figures among them are a row whose cells were
   * written with spaces; a sentence (。) never is. */
  if (strstr (line, "。"))
    return NULL;
  words = split_words (line);
  if (words->len < 2)
    return NULL;
  for (guint i = 0; i < words->len && !figure; i++)
    figure = nb_figure_looks_like (g_ptr_array_index (words, i));
  return figure ? g_steal_pointer (&words) : NULL;
}

static NbSourceBlock *
last_block (NbSourceDoc *doc)
{
  return doc->blocks->len ? g_ptr_array_index (doc->blocks, doc->blocks->len - 1) : NULL;
}

/* A figure alone on its line: it belongs to the row before, or makes the
 * short line before (a row label) into a row. */
static gboolean
attach_figure (NbSourceDoc *doc,
               const char  *figure,
               guint        line)
{
  NbSourceBlock *last = last_block (doc);
  NbSourceBlock *table = NULL;
  NbSourceRow *row;

  if (!last)
    return FALSE;
  if (last->kind == NB_SOURCE_TABLE)
    {
      row = g_ptr_array_index (last->rows, last->rows->len - 1);
      nb_source_row_add_cell (row, figure, 1, 1);
      return TRUE;
    }
  if (g_utf8_strlen (last->text, -1) > 60 || strstr (last->text, "。"))
    return FALSE;

  /* The label line becomes a row, of the table before it if there is one. */
  if (doc->blocks->len >= 2)
    {
      NbSourceBlock *before = g_ptr_array_index (doc->blocks, doc->blocks->len - 2);
      if (before->kind == NB_SOURCE_TABLE)
        table = before;
    }
  {
    g_autofree char *label = g_strdup (last->text);
    guint label_line = last->line;

    g_ptr_array_remove_index (doc->blocks, doc->blocks->len - 1);
    if (!table)
      table = nb_source_doc_add_table (doc, label_line);
    row = nb_source_block_add_row (table, label_line);
    nb_source_row_add_cell (row, label, 1, 1);
    nb_source_row_add_cell (row, figure, 1, 1);
  }
  return TRUE;
}

NbSourceDoc *
nb_text_reader_read_utf8 (const char *text,
                          gsize       length)
{
  NbSourceDoc *doc = nb_source_doc_new ("text");
  NbSourceBlock *table = NULL;   /* the table rows go into, while open */
  const char *p = text, *end = text + length;
  guint line_no = 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *line = NULL;
      g_autoptr(GPtrArray) cells = NULL;
      g_autofree char *trimmed = NULL;

      if (!eol)
        eol = end;
      line = g_strndup (p, eol - p);
      p = eol < end ? eol + 1 : end;
      line_no++;

      /* CR line ends (old Mac files) inside one "line". */
      if (strchr (line, '\r'))
        {
          char *cr = strchr (line, '\r');
          if (cr[1] == '\0')
            *cr = '\0';
          else
            g_strdelimit (line, "\r", '\n');
        }

      trimmed = trim (line, line + strlen (line));
      if (!*trimmed)
        continue;   /* blank lines separate paragraphs, and fall inside tables */

      cells = row_cells (line);
      if (cells)
        {
          NbSourceRow *row;

          if (!table || last_block (doc) != table)
            table = nb_source_doc_add_table (doc, line_no);
          row = nb_source_block_add_row (table, line_no);
          for (guint i = 0; i < cells->len; i++)
            nb_source_row_add_cell (row, g_ptr_array_index (cells, i), 1, 1);
          continue;
        }
      if (nb_figure_looks_like (trimmed) && attach_figure (doc, trimmed, line_no))
        {
          table = last_block (doc);
          continue;
        }
      nb_source_doc_add_paragraph (doc, trimmed, line_no);
      table = NULL;
    }
  return doc;
}

gboolean
nb_text_reader_read (GBytes       *data,
                     NbSourceDoc **out,
                     GError      **error)
{
  g_autofree char *encoding = NULL;
  g_autofree char *text = nb_decode_text (data, &encoding, error);
  NbSourceDoc *doc;

  if (!text)
    return FALSE;
  doc = nb_text_reader_read_utf8 (text, strlen (text));
  g_free (doc->encoding);
  doc->encoding = g_steal_pointer (&encoding);
  *out = doc;
  return TRUE;
}
