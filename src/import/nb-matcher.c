/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-matcher.c — an NbSourceDoc matched against the format data: the one matcher
 *
 * Every reader gives paragraphs and tables of cells (nb-source-doc.h); this
 * finds the title, the section headings and texts, and puts each table
 * figure into its cell key. All labels come from the format data and its
 * NbGrid: a grid row's own label (“1.属于国家秘密”) and the labels that span
 * it (“（三）不予公开”, “三、本年度办理结果”), the header cells over its
 * columns. Labels are compared in a normalised form (NFKC, so full-width
 * and half-width agree; no spaces or punctuation), exactly first, then by
 * edit distance (typos, 其他法律法规禁止公开 for 其他法律行政法规禁止公开),
 * and a fuzzy match is always reported.
 *
 * Figures go into a grid row by position when the source table has the
 * official grid's width (HTML and Word tables with their spans), otherwise
 * in order; a row short of its printed totals reads its items; a row with
 * one figure more than the form is checked for a subtotal column over a
 * spanning header (法人或其他组织) and read without it only when the sums
 * say where it is. Anything else is a warning and the cells stay blank.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-figure.h"
#include "nb-format.h"
#include "nb-grid.h"
#include "nb-import.h"
#include "nb-import-text.h"

/* No official table is wider than 15 columns; a page claiming thousands
 * (colspan=1000 on every cell) is not read beyond this. */
#define MAX_COLUMNS 256

/* ---- labels ---------------------------------------------------------- */

/* NFKC, then letters and digits only: “（三）不予公开 1.属于国家秘密” and
 * “(三) 不予公开1．属于国家秘密” are both “三不予公开1属于国家秘密”. */
static char *
normalize (const char *text)
{
  g_autofree char *nfkc = NULL;
  GString *s;

  if (!text)
    return g_strdup ("");
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (!nfkc)
    return g_strdup ("");
  s = g_string_new (NULL);
  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Levenshtein distance in characters, giving up above @limit. */
static guint
distance (const char *a,
          const char *b,
          guint       limit)
{
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, NULL);
  guint la = 0, lb = 0;
  g_autofree guint *prev = NULL, *cur = NULL;

  while (ua[la]) la++;
  while (ub[lb]) lb++;
  if ((la > lb ? la - lb : lb - la) > limit)
    return limit + 1;
  prev = g_new (guint, lb + 1);
  cur = g_new (guint, lb + 1);
  for (guint j = 0; j <= lb; j++)
    prev[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint best = G_MAXUINT;

      cur[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint d = prev[j - 1] + (ua[i - 1] == ub[j - 1] ? 0 : 1);
          d = MIN (d, prev[j] + 1);
          d = MIN (d, cur[j - 1] + 1);
          cur[j] = d;
          best = MIN (best, d);
        }
      if (best > limit)
        return limit + 1;
      memcpy (prev, cur, sizeof (guint) * (lb + 1));
    }
  return prev[lb];
}

/* How far a label may be from the official one: a typo or a word more or
 * less in a long label, nothing in a two-character one. */
static guint
tolerance (const char *official)
{
  glong len = g_utf8_strlen (official, -1);
  return len < 4 ? 0 : (guint) MAX (1, len / 4);
}

/* Longest common subsequence, for headings worded otherwise. */
static guint
common_chars (const char *a,
              const char *b)
{
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, NULL);
  guint la = 0, lb = 0;
  g_autofree guint *prev = NULL, *cur = NULL;

  while (ua[la]) la++;
  while (ub[lb]) lb++;
  prev = g_new0 (guint, lb + 1);
  cur = g_new0 (guint, lb + 1);
  for (guint i = 1; i <= la; i++)
    {
      for (guint j = 1; j <= lb; j++)
        cur[j] = ua[i - 1] == ub[j - 1] ? prev[j - 1] + 1 : MAX (prev[j], cur[j - 1]);
      memcpy (prev, cur, sizeof (guint) * (lb + 1));
    }
  return prev[lb];
}

/* ---- the format's tables, as the matcher sees them --------------------- */

typedef struct
{
  guint              grid_row;
  const NbGridCell **values;    /* left to right */
  guint              n_values;
  char              *own;       /* normalised own label ("" for the 复议诉讼 row) */
  const char        *own_text;
  const char        *group_text; /* the spanning label over it, or NULL */
  glong              own_len;   /* characters */
  gboolean           own_long;  /* own label of 4 characters or more */
  gboolean           found;
} GridRow;

typedef struct
{
  const NbTableDef *def;
  NbGrid           *grid;
  GPtrArray        *rows;      /* GridRow* */
  GPtrArray        *groups;    /* char*: normalised spanning labels */
  GPtrArray        *group_texts;
  GHashTable       *texts;     /* normalised grid texts (headers, labels, captions) */
  GPtrArray        *data;      /* SourceData*: matched source rows, in order */
  NbImportTable     count;
} TableInfo;

typedef struct
{
  GridRow   *row;
  GPtrArray *values;     /* char*: the figure texts */
  gboolean   positional; /* values[i] is at grid column i */
  char      *place;      /* for warnings: "第12行" */
} SourceData;

static void
grid_row_free (gpointer data)
{
  GridRow *row = data;
  g_free (row->values);
  g_free (row->own);
  g_free (row);
}

static void
source_data_free (gpointer data)
{
  SourceData *d = data;
  g_ptr_array_unref (d->values);
  g_free (d->place);
  g_free (d);
}

static void
table_info_free (gpointer data)
{
  TableInfo *t = data;
  g_ptr_array_unref (t->rows);
  g_ptr_array_unref (t->groups);
  g_ptr_array_unref (t->group_texts);
  g_hash_table_unref (t->texts);
  g_ptr_array_unref (t->data);
  g_free (t);
}

static TableInfo *
table_info_new (const NbTableDef *def)
{
  TableInfo *t = g_new0 (TableInfo, 1);
  NbGrid *grid = def->grid;
  guint n_rows = nb_grid_get_n_rows (grid), n_cols = nb_grid_get_n_columns (grid);

  t->def = def;
  t->grid = grid;
  t->rows = g_ptr_array_new_with_free_func (grid_row_free);
  t->groups = g_ptr_array_new_with_free_func (g_free);
  t->group_texts = g_ptr_array_new ();
  t->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t->data = g_ptr_array_new_with_free_func (source_data_free);
  t->count.table = def->key;
  t->count.title = def->title;

  for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (grid, i);

      if (cell->text)
        g_hash_table_add (t->texts, normalize (cell->text));
      if (cell->role == NB_GRID_LABEL && cell->text && cell->rowspan > 1)
        {
          g_ptr_array_add (t->groups, normalize (cell->text));
          g_ptr_array_add (t->group_texts, (gpointer) cell->text);
        }
      if (cell->role == NB_GRID_VALUE && !cell->cell->computed)
        t->count.cells++;
    }

  for (guint r = 0; r < n_rows; r++)
    {
      GridRow *row = NULL;
      GPtrArray *values = g_ptr_array_new ();

      for (guint c = 0; c < n_cols; c++)
        {
          const NbGridCell *cell = nb_grid_cell_at (grid, r, c);
          if (cell && cell->role == NB_GRID_VALUE && cell->row == r && cell->column == c)
            g_ptr_array_add (values, (gpointer) cell);
        }
      if (values->len == 0)
        {
          g_ptr_array_unref (values);
          continue;
        }
      row = g_new0 (GridRow, 1);
      row->grid_row = r;
      row->n_values = values->len;
      row->values = (const NbGridCell **) g_ptr_array_free (values, FALSE);
      for (guint c = 0; c < row->values[0]->column; c++)
        {
          const NbGridCell *cell = nb_grid_cell_at (grid, r, c);

          if (!cell || cell->role != NB_GRID_LABEL || !cell->text)
            continue;
          if (cell->rowspan == 1)
            row->own_text = cell->text;
          else
            row->group_text = cell->text;
        }
      row->own = normalize (row->own_text);
      row->own_len = g_utf8_strlen (row->own, -1);
      row->own_long = row->own_len >= 4;
      g_ptr_array_add (t->rows, row);
    }
  return t;
}

/* ---- the match --------------------------------------------------------- */

typedef struct
{
  NbSourceDoc *doc;
  NbFormat    *format;
  GPtrArray   *tables;      /* TableInfo*, the format's order */
  GPtrArray   *warnings;    /* char* */
  NbReport    *report;
  GPtrArray   *keys;        /* values to set, all at once at the end */
  GArray      *values;      /* NbNumber */
} Match;

static void
stage (Match          *m,
       const char     *key,
       const NbNumber *value)
{
  g_ptr_array_add (m->keys, (gpointer) key);
  g_array_append_vals (m->values, value, 1);
}

static void
warn (Match      *m,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
warn (Match      *m,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (m->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Where a source row is, for warnings. */
static char *
describe_row (const NbSourceBlock *block,
              const NbSourceRow   *row,
              guint                index)
{
  if (block->where)
    /* TRANSLATORS: "第2个表格" + row number */
    return g_strdup_printf (_("%s, row %u"), block->where, index + 1);
  if (row->line)
    return g_strdup_printf (_("line %u"), row->line);
  return g_strdup_printf (_("table row %u"), index + 1);
}

/* A row's cells with spans resolved: labels covering it (also from rows
 * above, through rowspan) and the figures that start in it. */
typedef struct
{
  GPtrArray *labels;       /* const char*: non-figure texts, left to right */
  GPtrArray *values;       /* char*: texts of the cells after the last label */
  GArray    *columns;      /* guint: the grid column of each value */
  guint      width;        /* resolved width of the source table */
} ResolvedRow;

static void
resolved_row_clear (ResolvedRow *r)
{
  g_clear_pointer (&r->labels, g_ptr_array_unref);
  g_clear_pointer (&r->values, g_ptr_array_unref);
  g_clear_pointer (&r->columns, g_array_unref);
}

typedef struct
{
  const NbSourceCell *cell;
  guint               left;   /* rows still covered below */
} Cover;

/* One table's rows resolved, HTML-style: rowspan cells cover the rows
 * below them in their columns. */
static ResolvedRow *
resolve_table (const NbSourceBlock *block,
               gboolean             strip_padding)
{
  guint n = block->rows->len;
  ResolvedRow *out = g_new0 (ResolvedRow, n + 1);
  g_autoptr(GArray) cover = g_array_new (FALSE, TRUE, sizeof (Cover));
  guint width = 0;

  for (guint r = 0; r < n; r++)
    {
      const NbSourceRow *row = g_ptr_array_index (block->rows, r);
      g_autoptr(GPtrArray) slots = g_ptr_array_new ();   /* const NbSourceCell*, one per origin */
      g_autoptr(GArray) slot_col = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) slot_above = g_array_new (FALSE, FALSE, sizeof (gboolean));
      guint col = 0, next = 0;
      ResolvedRow *rr = &out[r];
      gint last_label = -1;

      while ((next < row->cells->len || col < cover->len) && col < MAX_COLUMNS)
        {
          Cover *cv = col < cover->len ? &g_array_index (cover, Cover, col) : NULL;

          if (cv && cv->left > 0)
            {
              /* Covered from above: once per spanning cell. */
              if (col == 0 || g_array_index (cover, Cover, col - 1).cell != cv->cell ||
                  g_array_index (cover, Cover, col - 1).left == 0)
                {
                  gboolean above = TRUE;
                  g_ptr_array_add (slots, (gpointer) cv->cell);
                  g_array_append_val (slot_col, col);
                  g_array_append_val (slot_above, above);
                }
              cv->left--;
              col++;
              continue;
            }
          if (next >= row->cells->len)
            {
              col++;
              continue;
            }
          {
            const NbSourceCell *cell = g_ptr_array_index (row->cells, next++);
            guint span = MIN (cell->colspan, MAX_COLUMNS - col);
            gboolean above = FALSE;

            g_ptr_array_add (slots, (gpointer) cell);
            g_array_append_val (slot_col, col);
            g_array_append_val (slot_above, above);
            for (guint k = 0; k < span; k++)
              {
                Cover c = { cell, MIN (cell->rowspan, 1000) - 1 };
                if (col + k >= cover->len)
                  g_array_set_size (cover, col + k + 1);
                g_array_index (cover, Cover, col + k) = c;
              }
            col += span;
          }
        }
      width = MAX (width, col);

      rr->labels = g_ptr_array_new ();
      rr->values = g_ptr_array_new_with_free_func (g_free);
      rr->columns = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < slots->len; i++)
        {
          const NbSourceCell *cell = g_ptr_array_index (slots, i);
          if (*cell->text && !nb_figure_looks_like (cell->text))
            last_label = (gint) i;
        }
      for (guint i = 0; i < slots->len; i++)
        {
          const NbSourceCell *cell = g_ptr_array_index (slots, i);
          gboolean above = g_array_index (slot_above, gboolean, i);

          if ((gint) i <= last_label)
            {
              if (*cell->text && !nb_figure_looks_like (cell->text))
                g_ptr_array_add (rr->labels, cell->text);
            }
          else if (!above)
            {
              g_ptr_array_add (rr->values, g_strdup (cell->text));
              g_array_append_val (rr->columns, g_array_index (slot_col, guint, i));
            }
        }
      if (strip_padding)
        {
          /* Text and PDF rows carry empty cells where the form merges
           * labels, and trailing ones: only those between figures count. */
          while (rr->values->len && !*(char *) g_ptr_array_index (rr->values, 0))
            {
              g_ptr_array_remove_index (rr->values, 0);
              g_array_remove_index (rr->columns, 0);
            }
          while (rr->values->len && !*(char *) g_ptr_array_index (rr->values, rr->values->len - 1))
            {
              g_ptr_array_remove_index (rr->values, rr->values->len - 1);
              g_array_remove_index (rr->columns, rr->columns->len - 1);
            }
        }
    }
  for (guint r = 0; r < n; r++)
    out[r].width = width;
  return out;
}

static gboolean
block_has_spans (const NbSourceBlock *block)
{
  for (guint r = 0; r < block->rows->len; r++)
    {
      const NbSourceRow *row = g_ptr_array_index (block->rows, r);
      for (guint c = 0; c < row->cells->len; c++)
        {
          const NbSourceCell *cell = g_ptr_array_index (row->cells, c);
          if (cell->colspan > 1 || cell->rowspan > 1)
            return TRUE;
        }
    }
  return FALSE;
}

/* A source table's distinct label texts, normalised: what scoring it
 * against the format's tables looks at (computed once per table). */
static GPtrArray *
block_labels (const NbSourceBlock *block)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 0; r < block->rows->len; r++)
    {
      const NbSourceRow *row = g_ptr_array_index (block->rows, r);
      for (guint c = 0; c < row->cells->len && c < MAX_COLUMNS; c++)
        {
          const NbSourceCell *cell = g_ptr_array_index (row->cells, c);
          char *norm;

          if (!*cell->text || nb_figure_looks_like (cell->text))
            continue;
          norm = normalize (cell->text);
          if (!*norm || g_hash_table_contains (seen, norm))
            {
              g_free (norm);
              continue;
            }
          g_hash_table_add (seen, norm);
          g_ptr_array_add (labels, norm);
        }
    }
  return labels;
}

/* How well a source table's texts fit a format table: grid texts found. */
static guint
score_table (GPtrArray *labels,
             TableInfo *t)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *norm = g_ptr_array_index (labels, i);
      char *key;

      if (g_hash_table_lookup_extended (t->texts, norm, (gpointer *) &key, NULL))
        g_hash_table_add (seen, key);
      else
        {
          /* A row label printed with its spanning label in one cell. */
          for (guint k = 0; k < t->rows->len; k++)
            {
              GridRow *gr = g_ptr_array_index (t->rows, k);
              if (gr->own_long && g_str_has_suffix (norm, gr->own))
                {
                  g_hash_table_add (seen, gr->own);
                  break;
                }
            }
        }
    }
  return g_hash_table_size (seen);
}

/* The grid row a source label names, or NULL; *@fuzzy when not exact,
 * *@group_only when it names a spanning label with items (（六）其他处理
 * printed as one row in the 2021 format). */
static GridRow *
match_row (TableInfo   *t,
           const char  *label,
           gboolean    *fuzzy,
           const char **group_only)
{
  g_autofree char *norm = normalize (label);
  const char *rest = norm;
  GridRow *best = NULL;
  guint best_d = G_MAXUINT, second_d = G_MAXUINT;
  gboolean stripped = TRUE;
  glong rest_len;

  *fuzzy = FALSE;
  *group_only = NULL;

  /* Spanning labels first (“三、本年度办理结果”, “（三）不予公开”), in any order. */
  while (stripped && *rest)
    {
      stripped = FALSE;
      for (guint i = 0; i < t->groups->len; i++)
        {
          const char *g = g_ptr_array_index (t->groups, i);
          if (g_str_has_prefix (rest, g))
            {
              if (!rest[strlen (g)])
                {
                  /* Exactly a spanning label: is it also a row of its own? */
                  for (guint k = 0; k < t->rows->len; k++)
                    {
                      GridRow *gr = g_ptr_array_index (t->rows, k);
                      if (g_str_equal (gr->own, g))
                        return gr;
                    }
                  *group_only = g_ptr_array_index (t->group_texts, i);
                  return NULL;
                }
              rest += strlen (g);
              stripped = TRUE;
            }
        }
    }
  if (!*rest)
    return NULL;
  rest_len = g_utf8_strlen (rest, -1);

  for (guint i = 0; i < t->rows->len; i++)
    {
      GridRow *gr = g_ptr_array_index (t->rows, i);
      guint limit, d;

      if (!*gr->own)
        continue;
      if (g_str_equal (rest, gr->own))
        return gr;
      limit = tolerance (gr->own);
      if ((glong) limit < ABS (rest_len - gr->own_len))
        continue;
      d = distance (rest, gr->own, limit);
      if (d > limit)
        continue;
      if (d < best_d)
        {
          second_d = best_d;
          best_d = d;
          best = gr;
        }
      else if (d < second_d)
        second_d = d;
    }
  if (best && second_d > best_d)
    {
      *fuzzy = TRUE;
      return best;
    }
  if (best)
    return NULL;   /* two rows fit equally: ambiguous */

  /* A word more or less around the whole official label (行政处罚事项). */
  for (guint i = 0; i < t->rows->len; i++)
    {
      GridRow *gr = g_ptr_array_index (t->rows, i);
      if (g_utf8_strlen (gr->own, -1) < 4 || (!strstr (rest, gr->own) && !strstr (gr->own, rest)) ||
          g_utf8_strlen (rest, -1) < 4)
        continue;
      if (best)
        return NULL;
      best = gr;
    }
  *fuzzy = best != NULL;
  return best;
}

static GridRow *
labelless_row (TableInfo *t)
{
  for (guint i = 0; i < t->rows->len; i++)
    {
      GridRow *gr = g_ptr_array_index (t->rows, i);
      if (!*gr->own)
        return gr;
    }
  return NULL;
}

static char *
join_labels (GPtrArray *labels)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    {
      if (s->len)
        g_string_append_c (s, ' ');
      g_string_append (s, g_ptr_array_index (labels, i));
    }
  return g_strdup (s->str);
}

/* Source rows of one table block into their tables' data lists. */
static void
collect_table (Match               *m,
               const NbSourceBlock *block,
               TableInfo           *t)
{
  gboolean spans = block_has_spans (block);
  ResolvedRow *resolved = resolve_table (block, !spans);

  for (guint r = 0; r < block->rows->len; r++)
    {
      const NbSourceRow *row = g_ptr_array_index (block->rows, r);
      ResolvedRow *rr = &resolved[r];
      g_autofree char *label = join_labels (rr->labels);
      g_autofree char *place = describe_row (block, row, r);
      GridRow *gr = NULL;
      gboolean fuzzy = FALSE, any_figure = FALSE;
      const char *group_only = NULL;
      SourceData *d;

      for (guint i = 0; i < rr->values->len; i++)
        any_figure |= *(char *) g_ptr_array_index (rr->values, i) != '\0';

      if (*label)
        gr = match_row (t, label, &fuzzy, &group_only);
      if (!gr && any_figure && !group_only)
        {
          /* The 复议诉讼 figures have no label of their own; a text printing
           * one value per line hangs them on the last heading (总计). */
          g_autofree char *norm = normalize (label);
          if (!*label || g_hash_table_contains (t->texts, norm))
            gr = labelless_row (t);
        }

      if (group_only)
        {
          if (any_figure)
            {
              g_autoptr(GPtrArray) figures = g_ptr_array_new ();
              g_autofree char *list = NULL;

              for (guint i = 0; i < rr->values->len; i++)
                g_ptr_array_add (figures, g_ptr_array_index (rr->values, i));
              g_ptr_array_add (figures, NULL);
              list = g_strjoinv (" ", (char **) figures->pdata);
              warn (m, _("%s: “%s” is printed as one row (%s), but the %s format has items under it; "
                         "the items are left blank"),
                    place, label, list, nb_format_get_version (m->format));
            }
          continue;
        }
      if (!gr)
        {
          if (any_figure && *label)
            warn (m, _("%s: the row “%s” is not in the form of %s; its figures were not read"),
                  place, label, t->def->title);
          else if (any_figure)
            warn (m, _("%s: figures without a row label; they were not read"), place);
          continue;
        }
      if (*label && fuzzy)
        warn (m, _("%s: “%s” was read as the row “%s”"), place, label, gr->own_text);
      if (gr->found)
        {
          /* The same row again: a repeated part of a table split by a page break. */
          gboolean same = FALSE;
          for (guint i = 0; i < t->data->len && !same; i++)
            {
              SourceData *prev = g_ptr_array_index (t->data, i);
              if (prev->row == gr && prev->values->len == rr->values->len)
                {
                  same = TRUE;
                  for (guint k = 0; k < rr->values->len && same; k++)
                    same = g_str_equal (g_ptr_array_index (prev->values, k), g_ptr_array_index (rr->values, k));
                }
            }
          if (!same)
            warn (m, _("%s: the row “%s” is printed a second time with other figures; the first is kept"),
                  place, gr->own_text ? gr->own_text : t->def->title);
          continue;
        }
      gr->found = TRUE;

      d = g_new0 (SourceData, 1);
      d->row = gr;
      d->place = g_steal_pointer (&place);
      /* Positions are reliable when the table has the official width. */
      d->positional = spans && rr->width == nb_grid_get_n_columns (t->grid);
      if (d->positional)
        {
          d->values = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < gr->n_values; i++)
            {
              const char *text = "";
              for (guint k = 0; k < rr->columns->len; k++)
                if (g_array_index (rr->columns, guint, k) == gr->values[i]->column)
                  text = g_ptr_array_index (rr->values, k);
              g_ptr_array_add (d->values, g_strdup (text));
            }
        }
      else
        {
          if (spans)
            {
              /* Word tables with the label's merge left out: empty padding. */
              while (rr->values->len > gr->n_values && !*(char *) g_ptr_array_index (rr->values, 0))
                g_ptr_array_remove_index (rr->values, 0);
              while (rr->values->len > gr->n_values &&
                     !*(char *) g_ptr_array_index (rr->values, rr->values->len - 1))
                g_ptr_array_remove_index (rr->values, rr->values->len - 1);
            }
          d->values = g_ptr_array_ref (rr->values);
        }
      g_ptr_array_add (t->data, d);
    }

  for (guint r = 0; r < block->rows->len; r++)
    resolved_row_clear (&resolved[r]);
  g_free (resolved);
}

/* The value cells a spanning header covers, as indexes into @gr->values. */
static GArray *
spanning_headers (TableInfo *t,
                  GridRow   *gr)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint header_rows = nb_grid_get_header_rows (t->grid);

  for (guint i = 0; i < nb_grid_get_n_cells (t->grid); i++)
    {
      const NbGridCell *cell = nb_grid_get_cell (t->grid, i);
      guint lo = G_MAXUINT, hi = 0;

      if (cell->row >= header_rows || cell->colspan < 2 || !cell->text)
        continue;
      for (guint v = 0; v < gr->n_values; v++)
        if (gr->values[v]->column >= cell->column && gr->values[v]->column < cell->column + cell->colspan)
          {
            lo = MIN (lo, v);
            hi = MAX (hi, v);
          }
      /* Only a header over some of the figures can have a subtotal beside them. */
      if (lo != G_MAXUINT && hi > lo && hi - lo + 1 < gr->n_values)
        {
          guint range[2] = { lo, hi };
          g_array_append_vals (ranges, range, 1);
        }
    }
  return ranges;
}

/* Source figures with the one at @skip left out. */
static GPtrArray *
without (GPtrArray *values,
         guint      skip)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < values->len; i++)
    if (i != skip)
      g_ptr_array_add (out, g_strdup (g_ptr_array_index (values, i)));
  return out;
}

static gint64
figure_or_zero (const char *text)
{
  NbNumber n;
  if (nb_figure_parse (text, NULL, &n, NULL) != NB_FIGURE_VALUE || n.places)
    return n.blank ? 0 : -1;
  return n.units;
}

/* Does the figure at @pos add up the figures the header's range maps to? */
static gboolean
subtotal_fits (GPtrArray *values,
               guint      pos,
               guint      lo,
               guint      hi)
{
  gint64 sum = 0, stated = figure_or_zero (g_ptr_array_index (values, pos));

  for (guint v = lo; v <= hi; v++)
    {
      guint src = v < pos ? v : v + 1;
      gint64 x = figure_or_zero (g_ptr_array_index (values, src));
      if (x < 0 || stated < 0)
        return FALSE;
      sum += x;
    }
  return sum == stated;
}

/* A table printed with one column more than the form (a 法人或其他组织
 * subtotal): find the column every such row agrees on, by the sums. */
static void
drop_subtotal_column (Match     *m,
                      TableInfo *t)
{
  GridRow *gr = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_extra = 0;

  for (guint i = 0; i < t->data->len; i++)
    {
      SourceData *d = g_ptr_array_index (t->data, i);
      if (!d->positional && d->values->len == d->row->n_values + 1)
        {
          n_extra++;
          gr = d->row;
        }
    }
  if (!n_extra)
    return;

  ranges = spanning_headers (t, gr);
  for (guint k = 0; k < ranges->len; k++)
    {
      guint lo = ((guint *) ranges->data)[2 * k], hi = ((guint *) ranges->data)[2 * k + 1];
      guint positions[2] = { lo, hi + 1 };

      for (guint p = 0; p < 2; p++)
        {
          gboolean fits = TRUE;
          for (guint i = 0; i < t->data->len && fits; i++)
            {
              SourceData *d = g_ptr_array_index (t->data, i);
              if (!d->positional && d->values->len == d->row->n_values + 1)
                fits = subtotal_fits (d->values, positions[p], lo, hi);
            }
          if (fits)
            g_array_append_val (candidates, positions[p]);
        }
    }

  for (guint i = 0; i < t->data->len; i++)
    {
      SourceData *d = g_ptr_array_index (t->data, i);
      gboolean agree = TRUE;
      GPtrArray *first;

      if (d->positional || d->values->len != d->row->n_values + 1)
        continue;
      if (!candidates->len)
        continue;   /* reported as a count mismatch when placed */
      first = without (d->values, g_array_index (candidates, guint, 0));
      for (guint c = 1; c < candidates->len && agree; c++)
        {
          g_autoptr(GPtrArray) other = without (d->values, g_array_index (candidates, guint, c));
          for (guint v = 0; v < first->len && agree; v++)
            agree = g_str_equal (g_ptr_array_index (first, v), g_ptr_array_index (other, v));
        }
      if (agree)
        {
          g_ptr_array_unref (d->values);
          d->values = first;
        }
      else
        g_ptr_array_unref (first);
    }
  if (candidates->len)
    {
      guint pos = g_array_index (candidates, guint, 0);
      /* Name the header whose columns the extra one adds up. */
      const char *header = "";
      for (guint k = 0; k < ranges->len; k++)
        {
          guint lo = ((guint *) ranges->data)[2 * k], hi = ((guint *) ranges->data)[2 * k + 1];
          if (pos == lo || pos == hi + 1)
            {
              const NbGridCell *a = gr->values[lo];
              for (guint i = 0; i < nb_grid_get_n_cells (t->grid); i++)
                {
                  const NbGridCell *cell = nb_grid_get_cell (t->grid, i);
                  if (cell->row < nb_grid_get_header_rows (t->grid) && cell->text && cell->colspan > 1 &&
                      a->column >= cell->column && gr->values[hi]->column < cell->column + cell->colspan &&
                      cell->colspan == gr->values[hi]->column - a->column + 1)
                    header = cell->text;
                }
            }
        }
      warn (m, _("%s: the table has a column more than the form, a subtotal of “%s” (figure %u of each row); "
                 "it adds up and was left out"),
            t->def->title, header, pos + 1);
    }
}

static void
set_cell (Match           *m,
          TableInfo       *t,
          SourceData      *d,
          const NbGridCell *cell,
          const char      *text)
{
  const NbCellDef *def = cell->cell;
  g_autofree char *note = NULL;
  NbNumber value;

  switch (nb_figure_parse (text, def, &value, &note))
    {
    case NB_FIGURE_VALUE:
      stage (m, def->key, &value);
      if (!def->computed)
        t->count.read++;
      if (note)
        /* TRANSLATORS: place, cell, what was found */
        warn (m, _("%s, %s: %s"), d->place, def->label, note);
      break;
    case NB_FIGURE_EMPTY:
    case NB_FIGURE_BLANK_MARK:
      if (!def->computed)
        {
          t->count.read++;
          t->count.blank++;
        }
      break;
    case NB_FIGURE_INVALID:
      warn (m, _("%s, %s: “%s” is not a figure; the cell is left blank"), d->place, def->label, text);
      break;
    }
}

static void
place_table (Match     *m,
             TableInfo *t)
{
  guint short_rows = 0;
  const char *short_column = NULL;

  drop_subtotal_column (m, t);

  for (guint i = 0; i < t->data->len; i++)
    {
      SourceData *d = g_ptr_array_index (t->data, i);
      GridRow *gr = d->row;
      guint n = d->values->len;

      if (n > gr->n_values)
        {
          warn (m, _("%s: %u figures where the form has %u columns; the row was not read"),
                d->place, n, gr->n_values);
          gr->found = FALSE;
          continue;
        }
      if (n < gr->n_values)
        {
          /* Only printed totals may be missing: the items say what they are. */
          gboolean totals_only = TRUE;
          for (guint v = n; v < gr->n_values; v++)
            totals_only &= gr->values[v]->cell->computed;
          if (!totals_only || n == 0)
            {
              warn (m, _("%s: %u figures where the form has %u columns; it cannot be told which is missing, "
                         "so the row was not read"),
                    d->place, n, gr->n_values);
              gr->found = FALSE;
              continue;
            }
          short_rows++;
          short_column = gr->values[n]->cell->column ? gr->values[n]->cell->column->label : NULL;
        }
      for (guint v = 0; v < n; v++)
        set_cell (m, t, d, gr->values[v], g_ptr_array_index (d->values, v));
    }
  if (short_rows)
    warn (m, _("%s: %u rows print no “%s”; it is computed from their items"),
          t->def->title, short_rows, short_column ? short_column : "");

  /* Every row not found is said, with the cells it leaves blank. */
  {
    g_autoptr(GString) missing = g_string_new (NULL);
    guint n_missing = 0;

    for (guint i = 0; i < t->rows->len; i++)
      {
        GridRow *gr = g_ptr_array_index (t->rows, i);
        if (gr->found)
          continue;
        for (guint v = 0; v < gr->n_values; v++)
          if (!gr->values[v]->cell->computed)
            n_missing++;
        if (missing->len)
          g_string_append (missing, "、");
        g_string_append (missing, gr->own_text ? gr->own_text : t->def->title);
      }
    if (n_missing)
      warn (m, _("%s: %u cells were not found and are left blank (rows: %s)"),
            t->def->title, n_missing, missing->str);
  }
}

/* ---- paragraphs: title, headings, texts --------------------------------- */

static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

/* The section a paragraph heads, or NULL: the heading's number, then most
 * of its words (五、存在问题及改进情况; 四、因政府信息公开工作被申请行政复议…). */
static const NbSectionDef *
match_heading (NbFormat   *format,
               const char *text)
{
  g_autofree char *norm = NULL;
  g_autofree char *nfkc = NULL;
  const char *start;
  glong len;

  /* Most paragraphs are sentences: cheap tests first. */
  if (strlen (text) > 60 * 4 || strstr (text, "。"))
    return NULL;
  norm = normalize (text);
  len = g_utf8_strlen (norm, -1);
  if (len > 60)
    return NULL;
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  for (start = nfkc; *start == ' ' || g_str_has_prefix (start, "\u3000");)
    start += *start == ' ' ? 1 : strlen ("\u3000");
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      const char *numeral = i < G_N_ELEMENTS (numerals) ? numerals[i] : NULL;
      const char *p = start;
      g_autofree char *heading = NULL;
      glong hlen;

      if (!numeral || !g_str_has_prefix (p, numeral))
        continue;
      p += strlen (numeral);
      if (!(g_str_has_prefix (p, "、") || g_str_has_prefix (p, ".") || g_str_has_prefix (p, ",") ||
            g_str_has_prefix (p, " ") || g_str_has_prefix (p, "．")))
        continue;
      heading = normalize (s->heading);
      hlen = g_utf8_strlen (heading, -1);
      if (len <= 2 * hlen && common_chars (norm, heading) * 10 >= (guint) hlen * 6)
        return s;
    }
  return NULL;
}

/* A top-level heading numbered otherwise than its section
 * (四、存在的主要问题及改进情况 for 五): any numeral, then most of one
 * section's words after its own number. The heading check says so. */
static const NbSectionDef *
match_misnumbered_heading (NbFormat   *format,
                           const char *text)
{
  g_autofree char *nfkc = NULL;
  const char *p;
  gboolean numbered = FALSE;

  if (strlen (text) > 40 * 4 || strstr (text, "。"))
    return NULL;
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  for (p = nfkc; *p == ' ' || g_str_has_prefix (p, "\u3000");)
    p += *p == ' ' ? 1 : strlen ("\u3000");
  for (gboolean more = TRUE; more;)
    {
      more = FALSE;
      for (guint n = 0; n < G_N_ELEMENTS (numerals); n++)
        if (g_str_has_prefix (p, numerals[n]))
          {
            p += strlen (numerals[n]);
            numbered = more = TRUE;
          }
    }
  if (!numbered || !(g_str_has_prefix (p, "、") || g_str_has_prefix (p, "．")))
    return NULL;
  p += strlen ("、");
  {
    g_autofree char *norm = normalize (p);
    glong len = g_utf8_strlen (norm, -1);

    for (guint i = 0; i < nb_format_get_n_sections (format); i++)
      {
        const NbSectionDef *s = nb_format_get_section (format, i);
        const char *title = strstr (s->heading, "、");
        g_autofree char *heading = normalize (title ? title + strlen ("、") : s->heading);
        glong hlen = g_utf8_strlen (heading, -1);

        if (len >= 2 && len <= 2 * hlen && common_chars (norm, heading) * 10 >= (guint) hlen * 7)
          return s;
      }
  }
  return NULL;
}

static gboolean
match_heading_any (const char *text)
{
  const char *const *versions = nb_format_list_versions ();

  for (guint v = 0; versions[v]; v++)
    {
      NbFormat *format = nb_format_get (versions[v], NULL);
      if (format && match_heading (format, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
parse_title (const char  *text,
             char       **agency,
             int         *year)
{
  static gsize once;
  GRegex *re;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *nfkc = NULL;
  g_autofree char *y = NULL;

  if (strlen (text) > 80 * 4 || !strstr (text, "报告"))
    return FALSE;
  /* Compiled once: an import looks at every paragraph. */
  if (g_once_init_enter (&once))
    g_once_init_leave (&once, (gsize) g_regex_new ("^\\s*(.*?)\\s*((?:19|20)\\d\\d)\\s*年\\s*度?\\s*(?:政府)?"
                                                 "信息公开.*年度?报告\\s*$", 0, 0, NULL));
  re = (GRegex *) once;
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (!nfkc || g_utf8_strlen (nfkc, -1) > 80 || !g_regex_match (re, nfkc, 0, &info))
    return FALSE;
  *agency = g_match_info_fetch (info, 1);
  g_strstrip (*agency);
  /* 《…》 around a title */
  if (g_str_has_prefix (*agency, "《"))
    memmove (*agency, *agency + strlen ("《"), strlen (*agency) - strlen ("《") + 1);
  y = g_match_info_fetch (info, 2);
  *year = atoi (y);
  return TRUE;
}

/* The title at block @i: one paragraph, or two short ones when it is
 * printed over two lines (机关名称 / YYYY年政府信息公开工作年度报告). */
static char *
title_at (NbSourceDoc *doc,
          guint        i,
          char       **agency,
          int         *year,
          guint       *span)
{
  NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);
  NbSourceBlock *next = i + 1 < doc->blocks->len ? g_ptr_array_index (doc->blocks, i + 1) : NULL;
  g_autofree char *joined = NULL;

  if (span)
    *span = 1;
  if (b->kind != NB_SOURCE_PARAGRAPH)
    return NULL;
  if (parse_title (b->text, agency, year))
    return g_strdup (b->text);
  if (!next || next->kind != NB_SOURCE_PARAGRAPH || strlen (b->text) > 40 * 4 || strlen (next->text) > 60 * 4 ||
      strstr (b->text, "。"))
    return NULL;
  {
    /* The next paragraph a whole title by itself: this one is something else. */
    g_autofree char *a = NULL;
    int y;
    if (parse_title (next->text, &a, &y) && *a)
      return NULL;
  }
  joined = g_strconcat (b->text, next->text, NULL);
  if (!parse_title (joined, agency, year))
    return NULL;
  if (span)
    *span = 2;
  return g_steal_pointer (&joined);
}

/* A title that names the agency shortly (交通运输局) while the text gives
 * its whole name (温县交通运输局): the place before it ends in 县/市/区… */
static char *
fuller_agency (NbSourceDoc *doc,
               const char  *agency)
{
  static const char *const ends = "县市区州盟旗省镇乡";
  char *best = NULL;

  if (!agency || g_utf8_strlen (agency, -1) < 2)
    return NULL;
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);
      const char *p;

      if (b->kind != NB_SOURCE_PARAGRAPH)
        continue;
      for (p = strstr (b->text, agency); p; p = strstr (p + 1, agency))
        {
          const char *start = p;
          guint n = 0;
          gunichar prev;

          if (p == b->text)
            continue;
          prev = g_utf8_get_char (g_utf8_prev_char (p));
          {
            char buf[8] = { 0 };
            g_unichar_to_utf8 (prev, buf);
            if (!strstr (ends, buf))
              continue;
          }
          /* The place name: Han characters back to punctuation, at most 8. */
          while (start > b->text && n < 8)
            {
              const char *q = g_utf8_prev_char (start);
              gunichar c = g_utf8_get_char (q);
              if (g_unichar_get_script (c) != G_UNICODE_SCRIPT_HAN)
                break;
              start = q;
              n++;
            }
          if (n >= 2 && (!best || g_utf8_strlen (best, -1) > (glong) n + g_utf8_strlen (agency, -1)))
            {
              g_autofree char *place = g_strndup (start, p - start);
              g_free (best);
              best = g_strconcat (place, agency, NULL);
            }
        }
    }
  return best;
}

/* Cells run together with no separator (规章000行政规范性文件6233440): a
 * row label followed at once by digits. Cannot be split safely. */
static void
check_run_together (Match      *m,
                    TableInfo  *t,
                    const char *text,
                    guint       line)
{
  g_autofree char *norm = normalize (text);
  g_autoptr(GString) found = g_string_new (NULL);

  for (guint i = 0; i < t->rows->len; i++)
    {
      GridRow *gr = g_ptr_array_index (t->rows, i);
      const char *p;

      if (!*gr->own || gr->found)
        continue;
      for (p = strstr (norm, gr->own); p; p = strstr (p + 1, gr->own))
        if (g_ascii_isdigit (p[strlen (gr->own)]))
          {
            if (found->len)
              g_string_append (found, "、");
            g_string_append (found, gr->own_text);
            break;
          }
    }
  if (found->len)
    warn (m, _("line %u: “%s” runs the cells together with no separator (rows %s); "
               "its figures cannot be split safely and are left blank"),
          line, text, found->str);
}

/* ---- the whole ----------------------------------------------------------- */

static NbFormat *
choose_format (NbSourceDoc *doc,
               GHashTable  *labels,
               int          year,
               GPtrArray  **tables_out)
{
  const char *const *versions = nb_format_list_versions ();
  NbFormat *best = NULL;
  guint best_score = 0;
  gboolean tie = FALSE;

  for (guint v = 0; versions[v]; v++)
    {
      NbFormat *format = nb_format_get (versions[v], NULL);
      guint score = 0;
      g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (table_info_free);

      if (!format)
        continue;
      for (guint i = 0; i < nb_format_get_n_tables (format); i++)
        g_ptr_array_add (infos, table_info_new (nb_format_get_table (format, i)));
      for (guint b = 0; b < doc->blocks->len; b++)
        {
          NbSourceBlock *block = g_ptr_array_index (doc->blocks, b);
          guint block_best = 0;

          if (block->kind != NB_SOURCE_TABLE)
            continue;
          for (guint i = 0; i < infos->len; i++)
            block_best = MAX (block_best, score_table (g_hash_table_lookup (labels, block),
                                                       g_ptr_array_index (infos, i)));
          score += block_best;
        }
      if (!best || score > best_score)
        {
          best = format;
          best_score = score;
          tie = FALSE;
        }
      else if (score == best_score)
        tie = TRUE;
    }
  /* No table tells (or both fit equally): the format in force for the year. */
  if ((tie || best_score == 0) && nb_format_for_year (year))
    best = nb_format_for_year (year);
  if (best)
    {
      *tables_out = g_ptr_array_new_with_free_func (table_info_free);
      for (guint i = 0; i < nb_format_get_n_tables (best); i++)
        g_ptr_array_add (*tables_out, table_info_new (nb_format_get_table (best, i)));
    }
  return best;
}

void
nb_import_free (NbImport *import)
{
  if (!import)
    return;
  g_clear_object (&import->report);
  g_free (import->kind);
  g_free (import->encoding);
  g_ptr_array_unref (import->warnings);
  g_array_unref (import->tables);
  g_free (import);
}

NbImport *
nb_import_match (NbSourceDoc  *doc,
                 const char   *file_name,
                 GError      **error)
{
  Match m = { doc, NULL, NULL, NULL, NULL, NULL, NULL };
  g_autoptr(GPtrArray) staged_keys = g_ptr_array_new ();
  g_autoptr(GArray) staged_values = g_array_new (FALSE, FALSE, sizeof (NbNumber));
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) headings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *agency = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *signoff = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  const NbSectionDef *section = NULL;
  guint n_headings = 0, n_tables = 0;
  gint last_title = -1;
  int year = 0;
  NbImport *import;

  g_return_val_if_fail (doc != NULL, NULL);

  m.warnings = warnings;
  m.keys = staged_keys;
  m.values = staged_values;
  for (guint i = 0; i < doc->warnings->len; i++)
    g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (doc->warnings, i)));

  /* The title: the first paragraph that is one. */
  for (guint i = 0; i < doc->blocks->len && !title; i++)
    title = title_at (doc, i, &agency, &year, NULL);
  /* The last title printed before the first heading: a site's heading
   * and the title in the report's own body. */
  for (guint i = 0; i < doc->blocks->len && title; i++)
    {
      NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);
      g_autofree char *a = NULL;
      g_autofree char *t = NULL;
      guint span = 1;
      int y = 0;

      if (b->kind == NB_SOURCE_TABLE)
        break;
      if ((t = title_at (doc, i, &a, &y, &span)))
        {
          last_title = (gint) (i + span - 1);
          i += span - 1;
        }
      else if (last_title >= 0 && match_heading_any (b->text))
        break;
    }
  if (!title)
    {
      g_autoptr(GRegex) re = g_regex_new ("((?:19|20)\\d\\d)年", 0, 0, NULL);
      for (guint i = 0; i < doc->blocks->len && !year; i++)
        {
          NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);
          g_autoptr(GMatchInfo) info = NULL;
          if (b->kind == NB_SOURCE_PARAGRAPH && g_regex_match (re, b->text, 0, &info))
            {
              g_autofree char *y = g_match_info_fetch (info, 1);
              year = atoi (y);
            }
        }
      warn (&m, _("No title “…年政府信息公开工作年度报告” was found: the agency is not known and the year "
                  "(%d) is the first one the text names"), year);
    }
  {
    g_autofree char *fuller = fuller_agency (doc, agency);
    if (fuller && !g_str_equal (fuller, agency))
      {
        warn (&m, _("The title names the agency “%s”; the text calls it “%s”, which is used"), agency, fuller);
        g_free (agency);
        agency = g_steal_pointer (&fuller);
      }
  }

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);
      if (b->kind == NB_SOURCE_TABLE)
        g_hash_table_insert (labels, b, block_labels (b));
    }
  m.format = choose_format (doc, labels, year, &tables);
  if (!m.format)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                   _("This does not look like an annual report on open government information: "
                     "no title, no year and no table of the official forms were found"));
      return NULL;
    }
  m.tables = tables;
  if (year == 0)
    year = nb_format_get_from_year (m.format);
  m.report = nb_report_new (m.format, year, agency ? agency : "");

  /* Cells start blank: what is not found is not invented as 0. */
  for (guint i = 0; i < nb_format_get_n_cells (m.format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (m.format, i);
      NbNumber blank = nb_number_blank ();
      if (def->table && !def->computed)
        stage (&m, def->key, &blank);
    }

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);

      if (b->kind == NB_SOURCE_PARAGRAPH)
        {
          const NbSectionDef *heading;
          GPtrArray *paras;

          /* Before the title (a site's own lines: 发布时间, 来源…) and the
           * title itself, however often printed, are no section text. */
          if ((gint) i <= last_title)
            continue;
          if (((heading = match_heading (m.format, b->text)) ||
               (heading = match_misnumbered_heading (m.format, b->text))) &&
              (!section || heading->position > section->position))
            {
              section = heading;
              n_headings++;
              g_ptr_array_add (headings, g_strstrip (g_strdup (b->text)));
              continue;
            }
          if (section && section->kind == NB_SECTION_TABLE)
            {
              for (guint t = 0; t < tables->len; t++)
                {
                  TableInfo *ti = g_ptr_array_index (tables, t);
                  if (section->table == ti->def)
                    check_run_together (&m, ti, b->text, b->line);
                }
              continue;   /* notes under a table are not a section text */
            }
          {
            /* Text before 一、 (a preamble) belongs to 一、总体情况. */
            const NbSectionDef *into = section ? section : nb_format_get_section (m.format, 0);
            if (into->kind != NB_SECTION_TEXT)
              continue;
            paras = g_hash_table_lookup (texts, into->key);
            if (!paras)
              {
                paras = g_ptr_array_new ();
                g_hash_table_insert (texts, (gpointer) into->key, paras);
              }
            g_ptr_array_add (paras, b->text);
          }
        }
      else
        {
          /* The table this is: by its labels, else by the section it is in. */
          TableInfo *best = NULL;
          guint best_score = 0;

          for (guint t = 0; t < tables->len; t++)
            {
              TableInfo *ti = g_ptr_array_index (tables, t);
              guint score = score_table (g_hash_table_lookup (labels, b), ti);
              /* Equal scores (总计 is in two tables): the section decides. */
              if (score > best_score ||
                  (score && score == best_score && section && section->table == ti->def))
                {
                  best = ti;
                  best_score = score;
                }
            }
          if (!best && section && section->table)
            for (guint t = 0; t < tables->len; t++)
              {
                TableInfo *ti = g_ptr_array_index (tables, t);
                if (ti->def == section->table)
                  best = ti;
              }
          if (!best)
            {
              g_autofree char *place = b->where ? g_strdup (b->where) : g_strdup_printf (_("line %u"), b->line);
              warn (&m, _("%s: a table that is none of the official ones; it was not read"), place);
              continue;
            }
          n_tables++;
          for (guint r = 0; r < b->rows->len; r++)
            {
              NbSourceRow *row = g_ptr_array_index (b->rows, r);
              if (row->cells->len == 1)
                check_run_together (&m, best, ((NbSourceCell *) g_ptr_array_index (row->cells, 0))->text,
                                    row->line);
            }
          collect_table (&m, b, best);
        }
    }

  if (!title && n_headings == 0 && n_tables == 0)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                   _("This does not look like an annual report on open government information: "
                     "no title, no section heading and no table of the official forms were found"));
      g_clear_object (&m.report);
      return NULL;
    }

  for (guint t = 0; t < tables->len; t++)
    place_table (&m, g_ptr_array_index (tables, t));
  nb_report_set_stated_values (m.report, (const char *const *) staged_keys->pdata,
                               (const NbNumber *) staged_values->data, staged_keys->len);

  /* Section texts; the date and the signature after 六 are fields. */
  for (guint s = 0; s < nb_format_get_n_sections (m.format); s++)
    {
      const NbSectionDef *sd = nb_format_get_section (m.format, s);
      GPtrArray *paras = g_hash_table_lookup (texts, sd->key);
      g_autofree char *joined = NULL;

      if (sd->kind != NB_SECTION_TEXT)
        continue;
      if (!paras || !paras->len)
        {
          warn (&m, _("No text was found for “%s”"), sd->heading);
          continue;
        }
      if (s == nb_format_get_n_sections (m.format) - 1)
        nb_import_text_take_closing (paras, agency, &signoff, &date);
      g_ptr_array_add (paras, NULL);
      joined = g_strjoinv ("\n\n", (char **) paras->pdata);
      g_ptr_array_remove_index (paras, paras->len - 1);
      nb_report_set_text (m.report, sd->key, joined, NULL);
      nb_import_text_read_fees (m.report, sd->key, joined, warnings);
    }
  if (n_headings == 0)
    warn (&m, _("No section heading (一、总体情况 …) was found: the whole text is put under “%s”"),
          nb_format_get_section (m.format, 0)->heading);

  if (date)
    nb_report_set_date (m.report, date, NULL);
  if (signoff && !g_str_equal (signoff, nb_report_get_agency (m.report)))
    nb_report_set_signoff (m.report, signoff);
  if (title)
    {
      g_autofree char *derived = nb_report_dup_title (m.report);
      g_autofree char *a = normalize (derived), *b = normalize (title);
      if (!g_str_equal (a, b))
        nb_report_set_stated_title (m.report, title);
    }

  import = g_new0 (NbImport, 1);
  import->tables = g_array_new (FALSE, FALSE, sizeof (NbImportTable));
  for (guint t = 0; t < tables->len; t++)
    {
      TableInfo *ti = g_ptr_array_index (tables, t);
      g_array_append_val (import->tables, ti->count);
      import->cells += ti->count.cells;
      import->read += ti->count.read;
    }
  import->kind = g_strdup (doc->kind);
  import->encoding = g_strdup (doc->encoding);

  g_ptr_array_add (warnings, NULL);
  nb_report_set_import_source (m.report, file_name, doc->kind, doc->encoding,
                               (const char *const *) warnings->pdata);
  g_ptr_array_remove_index (warnings, warnings->len - 1);
  import->warnings = g_steal_pointer (&warnings);
  /* A workbook has no headings to check; a text without any lacks all six. */
  if (!g_str_equal (doc->kind, "xlsx"))
    {
      g_ptr_array_add (headings, NULL);
      nb_report_set_import_headings (m.report, (const char *const *) headings->pdata);
    }

  /* An import is one new document: nothing to undo, not yet saved. */
  nb_history_clear (nb_report_get_history (m.report));
  nb_report_set_modified (m.report, TRUE);
  import->report = m.report;
  return import;
}
