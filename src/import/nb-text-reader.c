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


/* ---- hard-wrapped paragraphs ---- */

/* Columns a line takes in a fixed-width text: a wide (CJK) character two. */
static guint
display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/* A line indented as a paragraph's first: two ideographic spaces (or two
 * ASCII ones). */
static gboolean
is_indented (const char *line)
{
  guint spaces = 0;

  for (const char *p = line; *p && spaces < 2; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c == 0x3000)
        spaces += 2;
      else if (c == ' ' || c == 0x00A0)
        spaces++;
      else
        break;
    }
  return spaces >= 2;
}

/* A heading starts its own line: 一、 （一） (一) 1、 1. 第一部分. */
static gboolean
starts_heading (const char *text)
{
  static gsize once;
  static GRegex *re;

  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("^(?:[一二三四五六七八九十]+\\s*[、.．]|[（(]\\s*[一二三四五六七八九十]+\\s*[）)]|"
                        "[0-9０-９]{1,2}\\s*[、．]|[0-9０-９]{1,2}\\.(?![0-9])|第[一二三四五六七八九十]+[部章节])",
                        G_REGEX_OPTIMIZE, 0, NULL);
      g_regex_match (re, "", 0, NULL);   /* GRegex's JIT, once, before any thread shares it */
      g_once_init_leave (&once, 1);
    }
  return g_regex_match (re, text, 0, NULL);
}

static gint
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* A site's plain-text version or pdftotext's output breaks every line at
 * about the same width, with no blank line between paragraphs: a line goes
 * on the one before while that one runs to the full width and it is
 * neither indented nor a heading. Files whose paragraphs are one line each
 * (blank lines between) are left alone. */
static void
rejoin_wrapped (NbSourceDoc *doc,
                GHashTable  *indented)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (guint));
  NbSourceBlock *acc = NULL;
  guint acc_line = 0, acc_width = 0, acc_chars = 0, full, full_chars;
  gboolean acc_heading = FALSE, acc_sentence_end = FALSE;

  for (guint i = 0; i + 1 < doc->blocks->len; i++)
    {
      NbSourceBlock *a = g_ptr_array_index (doc->blocks, i);
      NbSourceBlock *b = g_ptr_array_index (doc->blocks, i + 1);

      if (a->kind == NB_SOURCE_PARAGRAPH && b->kind == NB_SOURCE_PARAGRAPH && b->line == a->line + 1)
        {
          guint w = display_width (a->text), n = g_utf8_strlen (a->text, -1);
          g_array_append_val (widths, w);
          g_array_append_val (lengths, n);
        }
    }
  if (widths->len < 3)
    return;
  /* The width text breaks at, reached by several lines (a stray long line
   * or two is no measure), in columns (pdftotext breaks by position) and in
   * characters (a site's text version breaks every N characters, figures
   * and Latin letters taking half the room). */
  g_array_sort (widths, compare_guint);
  g_array_sort (lengths, compare_guint);
  full = g_array_index (widths, guint, widths->len - 3);
  full_chars = g_array_index (lengths, guint, lengths->len - 3);
  if (full < 30)
    return;   /* short lines one under another (a list, labels): not wrapped prose */

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);

      if (b->kind != NB_SOURCE_PARAGRAPH)
        {
          acc = NULL;
          continue;
        }
      if (acc && b->line == acc_line + 1 && !acc_heading &&
          (acc_width * 100 >= full * 85 || acc_chars * 100 >= full_chars * 85) &&
          !(acc_sentence_end && acc_width * 100 < full * 95 && acc_chars * 100 < full_chars * 95) &&
          !g_hash_table_contains (indented, b) && !starts_heading (b->text))
        {
          char *joined = g_strconcat (acc->text, b->text, NULL);
          g_free (acc->text);
          acc->text = joined;
          g_array_append_val (merged, i);
        }
      else
        {
          acc = b;
          acc_heading = starts_heading (b->text) && g_utf8_strlen (b->text, -1) <= 30 && !strstr (b->text, "。");
        }
      acc_line = b->line;
      acc_width = display_width (b->text);
      acc_chars = g_utf8_strlen (b->text, -1);
      /* A line a little short that ends a sentence ends its paragraph. */
      acc_sentence_end = g_str_has_suffix (b->text, "。") || g_str_has_suffix (b->text, "！") ||
                         g_str_has_suffix (b->text, "？") || g_str_has_suffix (b->text, "：");
    }
  for (guint k = merged->len; k > 0; k--)
    g_ptr_array_remove_index (doc->blocks, g_array_index (merged, guint, k - 1));
}

NbSourceDoc *
nb_text_reader_read_utf8 (const char *text,
                          gsize       length)
{
  NbSourceDoc *doc = nb_source_doc_new ("text");
  NbSourceBlock *table = NULL;   /* the table rows go into, while open */
  g_autoptr(GHashTable) indented = g_hash_table_new (NULL, NULL);   /* paragraph blocks */
  const char *p = text, *end = text + length;
  guint line_no = 0;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *line = NULL;
      g_autoptr(GPtrArray) cells = NULL;
      g_autofree char *trimmed = NULL;
      NbSourceBlock *before;

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

      before = last_block (doc);
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
          /* A label line made into a row is gone: forget it (its address may come again). */
          g_hash_table_remove (indented, before);
          table = last_block (doc);
          continue;
        }
      {
        NbSourceBlock *para = nb_source_doc_add_paragraph (doc, trimmed, line_no);
        if (is_indented (line))
          g_hash_table_add (indented, para);
      }
      table = NULL;
    }
  rejoin_wrapped (doc, indented);
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
