/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-pdf-layout.c — paragraphs and tables rebuilt from positioned characters
 *
 * A ruled table is found from its lines: lines that touch are one table;
 * the distinct heights of its horizontal lines and the distinct places of
 * its vertical ones make the grid, and where a line is missing between two
 * grid rectangles they are one cell (colspan/rowspan).  Each character goes
 * to the cell its centre falls in, so a figure lands in its cell however
 * the text around it is spaced.  The other characters make lines (by their
 * vertical centre), the lines paragraphs: a paragraph starts with an
 * indented line, after a short one, after a wider gap or a change of size.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-pdf-layout.h"

/* Bounds that keep a crafted page from costing much. */
#define MAX_CHARS_PER_PAGE 200000
#define MAX_RULES_PER_PAGE 4000
#define MAX_GRID           256
#define MAX_TABLES_PER_PAGE 64
#define MAX_UNRULED_COLUMNS 64

#define GRID_TOL  2.5   /* pt: lines this close are one */

/* ---- characters and lines ---------------------------------------------- */

static gboolean
is_cjk (gunichar c)
{
  return c >= 0x2e80 || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
}

static gboolean
char_ok (const NbPdfChar *ch,
         const NbPdfPage *page)
{
  double w = ch->x2 - ch->x1, h = ch->y2 - ch->y1;

  if (!isfinite (ch->x1) || !isfinite (ch->x2) || !isfinite (ch->y1) || !isfinite (ch->y2))
    return FALSE;
  if (!(w > 0.01 && h > 0.5 && w < 1000 && h < 1000))
    return FALSE;
  if (ch->x2 < -10 || ch->y2 < -10 || ch->x1 > page->width + 10 || ch->y1 > page->height + 10)
    return FALSE;
  if (ch->c < 0x20 || !g_unichar_validate (ch->c) || g_unichar_isspace (ch->c)
      || ch->c == 0xfffd || ch->c == 0x3000 || ch->c == 0xa0)
    return FALSE;
  return TRUE;
}

#define CY(ch) (((ch)->y1 + (ch)->y2) / 2)
#define CX(ch) (((ch)->x1 + (ch)->x2) / 2)

static int
cmp_cy (gconstpointer a,
        gconstpointer b)
{
  const NbPdfChar *x = *(const NbPdfChar **) a, *y = *(const NbPdfChar **) b;

  return CY (x) < CY (y) ? -1 : CY (x) > CY (y);
}

static int
cmp_x (gconstpointer a,
       gconstpointer b)
{
  const NbPdfChar *x = *(const NbPdfChar **) a, *y = *(const NbPdfChar **) b;

  return x->x1 < y->x1 ? -1 : x->x1 > y->x1;
}

typedef struct
{
  double     x1, y1, x2, y2;
  double     size;       /* the characters' height */
  char      *text;
  GPtrArray *segments;   /* char*: the line cut at wide gaps (columns without rules) */
  GArray    *seg_x;      /* double pairs: each segment's left and right */
  GPtrArray *chars;      /* const NbPdfChar*, left to right (fake bold dropped) */
} Line;

static void
line_clear (gpointer data)
{
  Line *l = data;

  g_free (l->text);
  g_clear_pointer (&l->segments, g_ptr_array_unref);
  g_clear_pointer (&l->seg_x, g_array_unref);
  g_clear_pointer (&l->chars, g_ptr_array_unref);
}

static gboolean
needs_space (gunichar a,
             gunichar b)
{
  return !is_cjk (a) && !is_cjk (b);
}

/* One line from characters of about the same height, left to right. */
static void
finish_line (GPtrArray *chars,
             GArray    *lines)
{
  Line line = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, 0, NULL, NULL, NULL, NULL };
  double seg_start = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) seg = g_string_new (NULL);
  const NbPdfChar *prev = NULL;
  double sum = 0;

  g_ptr_array_sort (chars, cmp_x);
  for (guint i = 0; i < chars->len; i++)
    sum += ((const NbPdfChar *) chars->pdata[i])->y2 - ((const NbPdfChar *) chars->pdata[i])->y1;
  line.size = chars->len ? sum / chars->len : 10;

  line.segments = g_ptr_array_new_with_free_func (g_free);
  line.seg_x = g_array_new (FALSE, FALSE, sizeof (double));
  line.chars = g_ptr_array_new ();
  for (guint i = 0; i < chars->len; i++)
    {
      const NbPdfChar *ch = chars->pdata[i];

      if (!prev)
        seg_start = ch->x1;
      else
        {
          double gap = ch->x1 - prev->x2;

          /* Fake bold: the same character drawn twice, a little apart. */
          if (ch->c == prev->c && fabs (ch->x1 - prev->x1) < 0.3 * line.size)
            continue;
          if (gap > 2.0 * line.size)
            {
              g_ptr_array_add (line.segments, g_strdup (seg->str));
              g_array_append_val (line.seg_x, seg_start);
              g_array_append_val (line.seg_x, prev->x2);
              seg_start = ch->x1;
              g_string_truncate (seg, 0);
              g_string_append_c (text, ' ');
            }
          else if (gap > 0.2 * line.size && needs_space (prev->c, ch->c))
            {
              g_string_append_c (text, ' ');
              g_string_append_c (seg, ' ');
            }
        }
      g_string_append_unichar (text, ch->c);
      g_string_append_unichar (seg, ch->c);
      line.x1 = MIN (line.x1, ch->x1);
      line.y1 = MIN (line.y1, ch->y1);
      line.x2 = MAX (line.x2, ch->x2);
      line.y2 = MAX (line.y2, ch->y2);
      g_ptr_array_add (line.chars, (gpointer) ch);
      prev = ch;
    }
  g_ptr_array_add (line.segments, g_strdup (seg->str));
  g_array_append_val (line.seg_x, seg_start);
  if (prev)
    g_array_append_val (line.seg_x, prev->x2);
  else
    g_array_append_val (line.seg_x, seg_start);
  line.text = g_string_free (g_steal_pointer (&text), FALSE);
  g_array_append_val (lines, line);
}

/* Characters into lines, top to bottom. */
static GArray *
make_lines (GPtrArray *chars)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GPtrArray) cur = g_ptr_array_new ();
  double cy = 0, h = 0;

  g_array_set_clear_func (lines, line_clear);
  g_ptr_array_sort (chars, cmp_cy);
  for (guint i = 0; i < chars->len; i++)
    {
      const NbPdfChar *ch = chars->pdata[i];
      double ch_h = ch->y2 - ch->y1;

      if (cur->len > 0 && CY (ch) - cy > 0.5 * MAX (h, ch_h))
        {
          finish_line (cur, lines);
          g_ptr_array_set_size (cur, 0);
        }
      if (cur->len == 0)
        {
          cy = CY (ch);
          h = ch_h;
        }
      g_ptr_array_add (cur, (gpointer) ch);
    }
  if (cur->len > 0)
    finish_line (cur, lines);
  return lines;
}

static void
append_joined (GString    *out,
               const char *text)
{
  if (out->len > 0 && *text)
    {
      gunichar a = g_utf8_get_char (g_utf8_find_prev_char (out->str, out->str + out->len));
      gunichar b = g_utf8_get_char (text);

      /* Only words go on with a space; a figure wrapped in a narrow
       * cell ("1043" over "1") is one number. */
      if (a < 0x80 && b < 0x80 && g_ascii_isalpha (a) && g_ascii_isalpha (b))
        g_string_append_c (out, ' ');
    }
  g_string_append (out, text);
}

/* ---- ruled tables ------------------------------------------------------- */

typedef struct
{
  double pos;        /* y of a horizontal line, x of a vertical one */
  double a1, a2;     /* its extent along the other axis */
  guint  comp;
} Seg;

typedef struct
{
  GArray     *xs, *ys;     /* double: the grid's lines */
  guint       nrows, ncols;
  int        *owner;       /* nrows × ncols: index of the cell in cells */
  GPtrArray  *cells;       /* TCell* */
  double      top;
} Table;

typedef struct
{
  guint      row, col, rowspan, colspan;
  GPtrArray *chars;
  char      *before;   /* text of a part on an earlier page (a row cut by a page break) */
  char      *after;    /* text of a part on a later page */
} TCell;

static void
tcell_free (gpointer data)
{
  TCell *c = data;

  g_ptr_array_unref (c->chars);
  g_free (c->before);
  g_free (c->after);
  g_free (c);
}

static void
table_free (gpointer data)
{
  Table *t = data;

  g_array_unref (t->xs);
  g_array_unref (t->ys);
  g_free (t->owner);
  g_ptr_array_unref (t->cells);
  g_free (t);
}

static guint
uf_find (guint *parent,
         guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The distinct positions of lines, those within GRID_TOL taken as one. */
static GArray *
cluster (GArray *pos)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  double sum = 0;
  guint n = 0;

  g_array_sort (pos, cmp_double);
  for (guint i = 0; i < pos->len; i++)
    {
      double p = g_array_index (pos, double, i);

      if (n > 0 && p - sum / n > GRID_TOL)
        {
          double c = sum / n;
          g_array_append_val (out, c);
          sum = 0;
          n = 0;
        }
      sum += p;
      n++;
    }
  if (n > 0)
    {
      double c = sum / n;
      g_array_append_val (out, c);
    }
  return out;
}

/* How much of [a1, a2] the lines on one grid line cover (0…1). */
static double
coverage (GPtrArray *on_line,
          double     a1,
          double     a2)
{
  double covered = 0;

  if (a2 - a1 <= 0)
    return 1;
  for (guint i = 0; i < on_line->len; i++)
    {
      Seg *s = on_line->pdata[i];
      double lo, hi;

      lo = MAX (s->a1, a1);
      hi = MIN (s->a2, a2);
      if (hi > lo)
        covered += hi - lo;
    }
  return MIN (covered / (a2 - a1), 1.0);
}

static guint grid_index (GArray *lines, double pos);

/* The band between two grid lines that p falls in (binary search). */
static guint
band (GArray *lines,
      double  p)
{
  guint lo = 0, hi = lines->len - 1;   /* answer in [lo, hi) */

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (p < g_array_index (lines, double, mid))
        hi = mid;
      else
        lo = mid;
    }
  return lo;
}

/* Each grid line's segments (of one component). */
static GPtrArray **
segments_on_lines (GArray *segs,
                   guint   comp,
                   GArray *grid)
{
  GPtrArray **on = g_new0 (GPtrArray *, grid->len);

  for (guint i = 0; i < grid->len; i++)
    on[i] = g_ptr_array_new ();
  for (guint i = 0; i < segs->len; i++)
    {
      Seg *s = &g_array_index (segs, Seg, i);
      guint j;

      if (s->comp != comp)
        continue;
      j = grid_index (grid, s->pos);
      if (fabs (g_array_index (grid, double, j) - s->pos) <= 2 * GRID_TOL)
        g_ptr_array_add (on[j], s);
    }
  return on;
}

static void
free_lines (GPtrArray **on,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    g_ptr_array_unref (on[i]);
  g_free (on);
}

/* Tables from the page's ruling lines; the characters inside them are
 * taken (used[i] set). */
static GPtrArray *
find_tables (const NbPdfPage *page,
             GPtrArray       *chars,
             gboolean        *used)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func (table_free);
  g_autoptr(GArray) hs = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_autoptr(GArray) vs = g_array_new (FALSE, FALSE, sizeof (Seg));
  g_autofree guint *parent = NULL;
  guint n_rules = MIN (page->n_rules, MAX_RULES_PER_PAGE);
  guint nh, nv;

  for (guint i = 0; i < n_rules; i++)
    {
      const NbPdfRule *r = &page->rules[i];
      Seg s;

      if (!isfinite (r->x1) || !isfinite (r->x2) || !isfinite (r->y1) || !isfinite (r->y2))
        continue;
      if (fabs (r->y2 - r->y1) <= 1.5 && fabs (r->x2 - r->x1) >= 3)
        {
          s = (Seg) { (r->y1 + r->y2) / 2, MIN (r->x1, r->x2), MAX (r->x1, r->x2), 0 };
          g_array_append_val (hs, s);
        }
      else if (fabs (r->x2 - r->x1) <= 1.5 && fabs (r->y2 - r->y1) >= 3)
        {
          s = (Seg) { (r->x1 + r->x2) / 2, MIN (r->y1, r->y2), MAX (r->y1, r->y2), 0 };
          g_array_append_val (vs, s);
        }
    }
  nh = hs->len;
  nv = vs->len;
  if (nh < 2 || nv < 2)
    return tables;

  /* Lines that touch are one table. */
  parent = g_new (guint, nh + nv);
  for (guint i = 0; i < nh + nv; i++)
    parent[i] = i;
  for (guint i = 0; i < nh; i++)
    for (guint j = 0; j < nv; j++)
      {
        Seg *h = &g_array_index (hs, Seg, i), *v = &g_array_index (vs, Seg, j);

        if (v->pos >= h->a1 - GRID_TOL && v->pos <= h->a2 + GRID_TOL
            && h->pos >= v->a1 - GRID_TOL && h->pos <= v->a2 + GRID_TOL)
          {
            guint a = uf_find (parent, i), b = uf_find (parent, nh + j);
            if (a != b)
              parent[a] = b;
          }
      }
  for (guint i = 0; i < nh; i++)
    g_array_index (hs, Seg, i).comp = uf_find (parent, i);
  for (guint j = 0; j < nv; j++)
    g_array_index (vs, Seg, j).comp = uf_find (parent, nh + j);

  for (guint root = 0; root < nh + nv; root++)
    {
      g_autoptr(GArray) ypos = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) xpos = g_array_new (FALSE, FALSE, sizeof (double));
      Table *t;
      GPtrArray **v_on, **h_on;
      guint nrows, ncols;

      if (uf_find (parent, root) != root || tables->len >= MAX_TABLES_PER_PAGE)
        continue;
      for (guint i = 0; i < nh; i++)
        if (g_array_index (hs, Seg, i).comp == root)
          g_array_append_val (ypos, g_array_index (hs, Seg, i).pos);
      for (guint j = 0; j < nv; j++)
        if (g_array_index (vs, Seg, j).comp == root)
          g_array_append_val (xpos, g_array_index (vs, Seg, j).pos);

      t = g_new0 (Table, 1);
      t->ys = cluster (ypos);
      t->xs = cluster (xpos);
      t->cells = g_ptr_array_new_with_free_func (tcell_free);
      if (t->ys->len < 2 || t->xs->len < 2 || t->ys->len > MAX_GRID || t->xs->len > MAX_GRID
          || (t->ys->len == 2 && t->xs->len == 2))
        {
          /* no grid, or one frame around text: not a table */
          table_free (t);
          continue;
        }
      nrows = t->nrows = t->ys->len - 1;
      ncols = t->ncols = t->xs->len - 1;
      t->top = g_array_index (t->ys, double, 0);
      t->owner = g_new (int, nrows * ncols);
      for (guint i = 0; i < nrows * ncols; i++)
        t->owner[i] = -1;

#define X(i) g_array_index (t->xs, double, (i))
#define Y(i) g_array_index (t->ys, double, (i))
      v_on = segments_on_lines (vs, root, t->xs);
      h_on = segments_on_lines (hs, root, t->ys);
      for (guint r = 0; r < nrows; r++)
        for (guint c = 0; c < ncols; c++)
          {
            TCell *cell;
            guint cs = 1, rs = 1;

            if (t->owner[r * ncols + c] >= 0)
              continue;
            while (c + cs < ncols && t->owner[r * ncols + c + cs] < 0
                   && coverage (v_on[c + cs], Y (r), Y (r + 1)) < 0.5)
              cs++;
            while (r + rs < nrows && t->owner[(r + rs) * ncols + c] < 0
                   && coverage (h_on[r + rs], X (c), X (c + cs)) < 0.5)
              rs++;
            cell = g_new0 (TCell, 1);
            *cell = (TCell) { r, c, rs, cs, g_ptr_array_new () };
            for (guint i = r; i < r + rs; i++)
              for (guint j = c; j < c + cs; j++)
                t->owner[i * ncols + j] = (int) t->cells->len;
            g_ptr_array_add (t->cells, cell);
          }
      free_lines (v_on, t->xs->len);
      free_lines (h_on, t->ys->len);

      for (guint i = 0; i < chars->len; i++)
        {
          const NbPdfChar *ch = chars->pdata[i];
          double cx = CX (ch), cy = CY (ch);
          TCell *cell;

          if (used[i] || cx < X (0) || cx > X (ncols) || cy < Y (0) || cy > Y (nrows))
            continue;
          cell = t->cells->pdata[t->owner[band (t->ys, cy) * ncols + band (t->xs, cx)]];
          g_ptr_array_add (cell->chars, (gpointer) ch);
          used[i] = TRUE;
        }
#undef X
#undef Y
      g_ptr_array_add (tables, t);
    }
  return tables;
}

static int
cmp_tcell (gconstpointer a,
           gconstpointer b,
           gpointer      data)
{
  const TCell *x = *(TCell *const *) a, *y = *(TCell *const *) b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return x->col < y->col ? -1 : x->col > y->col;
}

static char *
cell_text (TCell *cell)
{
  g_autoptr(GArray) lines = make_lines (cell->chars);
  GString *out = g_string_new (cell->before);

  for (guint i = 0; i < lines->len; i++)
    append_joined (out, g_array_index (lines, Line, i).text);
  if (cell->after)
    append_joined (out, cell->after);
  return g_string_free (out, FALSE);
}

static gboolean
looks_numeric (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (!strchr ("+-.,% ", *p))
        return FALSE;
    }
  return digit;
}

/* Where a grid line of one part is in the joined grid. */
static guint
grid_index (GArray *lines,
            double  pos)
{
  guint best = 0;

  for (guint i = 1; i < lines->len; i++)
    if (fabs (g_array_index (lines, double, i) - pos)
        < fabs (g_array_index (lines, double, best) - pos))
      best = i;
  return best;
}

static gboolean
same_edges (Table *a,
            Table *b)
{
  return fabs (g_array_index (a->xs, double, 0) - g_array_index (b->xs, double, 0)) < 3
         && fabs (g_array_index (a->xs, double, a->xs->len - 1)
                  - g_array_index (b->xs, double, b->xs->len - 1)) < 3;
}

/* The table ending one page and the one starting the next, as one: the
 * columns of both (each part may lack some lines), b's rows under a's.
 * A cell with a row span cut by the page break comes on as an empty cell
 * under it: the two are one.  A row cut in two (its text goes on, its
 * figures are on one side) is one row. */
static Table *
join_tables (Table *a,
             Table *b)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  Table *t = g_new0 (Table, 1);
  g_autofree TCell **bottom = NULL;
  gboolean split_row = TRUE, any_text = FALSE;
  guint shift;

  g_array_append_vals (all, a->xs->data, a->xs->len);
  g_array_append_vals (all, b->xs->data, b->xs->len);
  t->xs = cluster (all);
  t->ys = g_array_new (FALSE, FALSE, sizeof (double));
  t->cells = g_ptr_array_new_with_free_func (tcell_free);
  t->top = a->top;
  t->ncols = t->xs->len - 1;

  /* a's cells, in the joined columns */
  bottom = g_new0 (TCell *, t->ncols);
  for (guint i = 0; i < a->cells->len; i++)
    {
      TCell *c = a->cells->pdata[i];
      TCell *n = g_new0 (TCell, 1);
      guint c1 = grid_index (t->xs, g_array_index (a->xs, double, c->col));
      guint c2 = grid_index (t->xs, g_array_index (a->xs, double, c->col + c->colspan));

      *n = (TCell) { c->row, c1, c->rowspan, MAX (c2, c1 + 1) - c1, g_ptr_array_ref (c->chars),
                     g_strdup (c->before), g_strdup (c->after) };
      g_ptr_array_add (t->cells, n);
      if (c->row + c->rowspan == a->nrows)
        for (guint j = c1; j < c1 + n->colspan && j < t->ncols; j++)
          bottom[j] = n;
    }

  /* Is b's first row the rest of a's last one? */
  for (guint i = 0; i < b->cells->len; i++)
    {
      TCell *c = b->cells->pdata[i];
      guint c1 = grid_index (t->xs, g_array_index (b->xs, double, c->col));
      g_autofree char *text = NULL;
      TCell *above;

      if (c->row != 0)
        break;
      text = cell_text (c);
      above = c1 < t->ncols ? bottom[c1] : NULL;
      if (!*text)
        {
          if (c->rowspan > 1 && !(above && above->col == c1))
            split_row = FALSE;
          continue;
        }
      any_text = TRUE;
      if (looks_numeric (text) || !above || above->col != c1)
        split_row = FALSE;
      else
        {
          g_autofree char *above_text = cell_text (above);
          if (looks_numeric (above_text))
            split_row = FALSE;
        }
    }
  split_row = split_row && any_text;
  shift = split_row ? a->nrows - 1 : a->nrows;

  for (guint i = 0; i < b->cells->len; i++)
    {
      TCell *c = b->cells->pdata[i];
      guint c1 = grid_index (t->xs, g_array_index (b->xs, double, c->col));
      guint c2 = grid_index (t->xs, g_array_index (b->xs, double, c->col + c->colspan));
      TCell *above = c->row == 0 && c1 < t->ncols ? bottom[c1] : NULL;
      guint cs = MAX (c2, c1 + 1) - c1;

      if (above && (above->col != c1 || above->colspan != cs))
        above = NULL;
      if (c->row == 0)
        {
          g_autofree char *text = cell_text (c);
          g_autofree char *above_text = above ? cell_text (above) : NULL;

          if (split_row && above)
            {
              /* the rest of the cell's text, and of its span */
              if (*text)
                {
                  char *after = above->after ? g_strconcat (above->after, text, NULL)
                                             : g_strdup (text);
                  g_free (above->after);
                  above->after = after;
                }
              above->rowspan += c->rowspan - 1;
              continue;
            }
          if (split_row && !*text && c->rowspan == 1)
            continue;
          if (!*text && above && *above_text && !looks_numeric (above_text))
            {
              /* a label's span going on over the page break */
              above->rowspan += c->rowspan - (split_row ? 1 : 0);
              continue;
            }
        }
      {
        TCell *n = g_new0 (TCell, 1);

        *n = (TCell) { c->row + shift, c1, c->rowspan, cs, g_ptr_array_ref (c->chars),
                       g_strdup (c->before), g_strdup (c->after) };
        if (split_row && c->row == 0)
          n->row = shift, n->rowspan = MAX (c->rowspan, 2) - 1;
        g_ptr_array_add (t->cells, n);
      }
    }
  t->nrows = shift + b->nrows;
  return t;
}

/* ---- pages into blocks -------------------------------------------------- */

typedef struct
{
  NbSourceDoc   *doc;
  GString       *para;        /* the paragraph being joined, or NULL */
  guint          para_page;
  Line           prev;        /* the last line joined (text not owned) */
  gboolean       have_prev;
  guint          prev_page;
  double         left, right; /* the text's margins, over the document */
  double         body_size;   /* the body text's size */
  Table         *pending;     /* the last table, not yet added: it may go on */
  guint          pending_page;   /* where it starts */
  guint          pending_last;   /* where its last part is */
  GPtrArray     *joined;      /* Table*: tables made by join_tables */
} Builder;

static void flush_table (Builder *b);

static void
flush_para (Builder *b)
{
  if (b->para && b->para->len > 0)
    {
      NbSourceBlock *block = nb_source_doc_add_paragraph (b->doc, b->para->str, b->para_page);
      block->where = g_strdup_printf (_("page %u"), b->para_page);
    }
  if (b->para)
    g_string_free (b->para, TRUE);
  b->para = NULL;
  b->have_prev = FALSE;
}

static gboolean
is_page_number (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GRegex) re = NULL;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '-' || c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2212
          || c == 0xff0d || c == 0x2500)
        continue;
      if (c >= 0xff10 && c <= 0xff19)
        c = c - 0xff10 + '0';
      g_string_append_unichar (s, c);
    }
  if (s->len == 0)
    return FALSE;
  re = g_regex_new ("^(第?[0-9]+页?(/?共[0-9]+页)?|[0-9]+/[0-9]+|page[0-9]+(of[0-9]+)?)$",
                    G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  return g_regex_match (re, s->str, 0, NULL);
}

static gboolean
in_margin (const Line      *l,
           const NbPdfPage *page)
{
  return l->y2 < 0.1 * page->height || l->y1 > 0.88 * page->height;
}

/* A running header or footer's text, page numbers made alike. */
static char *
margin_key (const Line *l)
{
  char *key = g_strdup (l->text);

  for (char *p = key; *p; p++)
    if (g_ascii_isdigit (*p))
      *p = '#';
  return key;
}

typedef struct
{
  gboolean is_table;
  double   top;
  guint    index;
} Item;

static int
cmp_item (gconstpointer a,
          gconstpointer b)
{
  const Item *x = a, *y = b;

  return x->top < y->top ? -1 : x->top > y->top;
}

static void
flush_table (Builder *b)
{
  Table *t = b->pending;
  NbSourceBlock *block;
  guint next = 0;
  g_autoptr(GPtrArray) cells = NULL;

  if (!t)
    return;
  b->pending = NULL;
  block = nb_source_doc_add_table (b->doc, b->pending_page);
  block->where = g_strdup_printf (_("page %u"), b->pending_page);

  /* the cells row by row, left to right */
  cells = g_ptr_array_copy (t->cells, NULL, NULL);
  g_ptr_array_set_free_func (cells, NULL);   /* the copy would free t's cells */
  g_ptr_array_sort_with_data (cells, cmp_tcell, NULL);
  for (guint r = 0; r < t->nrows; r++)
    {
      NbSourceRow *row = nb_source_block_add_row (block, b->pending_page);

      for (; next < cells->len; next++)
        {
          TCell *cell = cells->pdata[next];
          g_autofree char *text = NULL;

          if (cell->row != r)
            break;
          text = cell_text (cell);
          nb_source_row_add_cell (row, text, cell->colspan, cell->rowspan);
        }
    }
}

/* A table that opens a page goes on with one that ended the last page
 * if their outer edges are the same. */
static void
add_table (Builder *b,
           Table   *t,
           guint    page_no,
           gboolean opens_page)
{
  flush_para (b);
  if (b->pending && opens_page && b->pending_last + 1 == page_no && same_edges (b->pending, t))
    {
      Table *joined = join_tables (b->pending, t);

      g_ptr_array_add (b->joined, joined);
      b->pending = joined;
      b->pending_last = page_no;
      return;
    }
  flush_table (b);
  b->pending = t;
  b->pending_page = b->pending_last = page_no;
}

/* A line's characters in [x1, x2), as text. */
static char *
text_between (const Line *l,
              double      x1,
              double      x2)
{
  GString *out = g_string_new (NULL);
  const NbPdfChar *prev = NULL;

  for (guint i = 0; i < l->chars->len; i++)
    {
      const NbPdfChar *ch = l->chars->pdata[i];
      double cx = CX (ch);

      if (cx < x1 || cx >= x2)
        continue;
      if (prev && ch->x1 - prev->x2 > 0.2 * l->size && needs_space (prev->c, ch->c))
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, ch->c);
      prev = ch;
    }
  return g_string_free (out, FALSE);
}

/* Lines cut into pieces by wide gaps, one after another, are a table
 * without rules.  Its columns begin where the pieces of its fullest lines
 * (the rows of figures) begin, in the gaps they agree on; every line's characters go to the column they
 * stand in, so a heading whose words are closer than a gap still splits;
 * a line with text in one column only, between rows, is the rest of the
 * cell above (a label wrapped in its cell). */
static guint
emit_unruled (Builder *b,
              GArray  *lines,
              Item    *items,
              guint    n_items,
              guint    k,
              guint    page_no)
{
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (double));
  guint end = k, n_multi = 0, ncols = 0;
  NbSourceBlock *block;
  NbSourceRow *prev_row = NULL;

#define LINE(i) (&g_array_index (lines, Line, items[i].index))
  /* the run: lines of pieces, and single lines between two of them */
  while (end < n_items && !items[end].is_table)
    {
      Line *l = LINE (end);

      if (l->segments->len >= 2)
        n_multi++, end++;
      else if (end > k && end + 1 < n_items && !items[end + 1].is_table
               && LINE (end + 1)->segments->len >= 2
               && l->y1 - LINE (end - 1)->y2 < 1.0 * l->size)
        end++;
      else
        break;
    }
  if (n_multi < 2)
    return k;

  for (guint i = k; i < end; i++)
    ncols = MAX (ncols, LINE (i)->segments->len);
  /* a gap between column j and j+1: right of j's pieces, left of j+1's */
  for (guint j = 0; j + 1 < ncols && ncols <= MAX_UNRULED_COLUMNS; j++)
    {
      double lo = -G_MAXDOUBLE, hi = G_MAXDOUBLE;

      for (guint i = k; i < end; i++)
        {
          Line *l = LINE (i);

          if (l->segments->len != ncols)
            continue;
          lo = MAX (lo, g_array_index (l->seg_x, double, 2 * j + 1));
          hi = MIN (hi, g_array_index (l->seg_x, double, 2 * j + 2));
        }
      if (lo >= hi)
        {
          g_array_set_size (bounds, 0);   /* the fullest rows disagree */
          break;
        }
      {
        /* cells' text starts at their left edge: the column begins just
         * before its figures, and a heading wider than them stays whole */
        double size = LINE (k)->size;
        double at = MAX ((lo + hi) / 2, hi - 0.25 * size);
        g_array_append_val (bounds, at);
      }
    }
  if ((ncols > 1 && bounds->len != ncols - 1) || ncols > MAX_UNRULED_COLUMNS)
    ncols = 0;

  flush_para (b);
  flush_table (b);
  block = nb_source_doc_add_table (b->doc, page_no);
  block->where = g_strdup_printf (_("page %u"), page_no);
  for (guint i = k; i < end; i++)
    {
      Line *l = LINE (i);
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      guint filled = 0, last_filled = 0;

      if (ncols == 0)
        {
          /* no agreed columns: the pieces as they are */
          NbSourceRow *row = nb_source_block_add_row (block, page_no);
          for (guint s = 0; s < l->segments->len; s++)
            nb_source_row_add_cell (row, l->segments->pdata[s], 1, 1);
          continue;
        }
      for (guint j = 0; j < ncols; j++)
        {
          double x1 = j == 0 ? -G_MAXDOUBLE : g_array_index (bounds, double, j - 1);
          double x2 = j + 1 == ncols ? G_MAXDOUBLE : g_array_index (bounds, double, j);
          char *t = text_between (l, x1, x2);

          if (*t)
            filled++, last_filled = j;
          g_ptr_array_add (texts, t);
        }
      if (filled == 1 && l->segments->len == 1 && prev_row
          && last_filled < prev_row->cells->len)
        {
          NbSourceCell *above = prev_row->cells->pdata[last_filled];
          char *joined;
          g_autoptr(GString) s = g_string_new (above->text);

          append_joined (s, texts->pdata[last_filled]);
          joined = g_string_free (g_steal_pointer (&s), FALSE);
          g_free (above->text);
          above->text = joined;
          continue;
        }
      prev_row = nb_source_block_add_row (block, page_no);
      for (guint j = 0; j < ncols; j++)
        nb_source_row_add_cell (prev_row, texts->pdata[j], 1, 1);
    }
#undef LINE
  return end;
}

static gboolean
is_centred (Builder    *b,
            const Line *l)
{
  double middle = (b->left + b->right) / 2;

  return l->x1 > b->left + l->size && fabs ((l->x1 + l->x2) / 2 - middle) < 1.5 * l->size;
}

static gboolean
starts_paragraph (Builder    *b,
                  const Line *l,
                  guint       page_no,
                  double      pitch)
{
  const Line *p = &b->prev;
  double size = MAX (l->size, 1);

  if (!b->para || !b->have_prev)
    return TRUE;
  /* a title in larger type set on two centred lines is one */
  if (page_no == b->prev_page && fabs (l->size - p->size) < 0.1 * size
      && l->size > 1.15 * b->body_size && is_centred (b, l) && is_centred (b, p)
      && l->y1 - p->y2 < 1.5 * size)
    return FALSE;
  if (l->x1 > b->left + 0.8 * size)                  /* indented, or centred */
    return TRUE;
  /* the last line was short (by more than the two characters line breaking
   * rules may leave free before a quotation mark or a bracket) */
  if (p->x2 < b->right - 2.5 * size)
    return TRUE;
  if (fabs (l->size - p->size) > 0.2 * MAX (l->size, p->size))
    return TRUE;
  if (page_no == b->prev_page && pitch > 0 && (l->y1 - p->y1) > 1.45 * pitch)
    return TRUE;
  return FALSE;
}

static double
median_pitch (GArray *lines)
{
  g_autoptr(GArray) d = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 1; i < lines->len; i++)
    {
      Line *a = &g_array_index (lines, Line, i - 1), *c = &g_array_index (lines, Line, i);
      double p = c->y1 - a->y1;

      if (p > 0 && p < 3 * MAX (a->size, c->size))
        g_array_append_val (d, p);
    }
  if (d->len == 0)
    return 0;
  g_array_sort (d, cmp_double);
  return g_array_index (d, double, d->len / 2);
}

typedef struct
{
  GArray    *lines;    /* Line, the page's lines outside tables */
  GPtrArray *tables;   /* Table* */
  GPtrArray *chars;    /* const NbPdfChar*: the page's usable characters */
} PageParts;

static void
page_parts_clear (PageParts *pp)
{
  g_clear_pointer (&pp->lines, g_array_unref);
  g_clear_pointer (&pp->tables, g_ptr_array_unref);
  g_clear_pointer (&pp->chars, g_ptr_array_unref);
}

/* The most frequent value, to a point. */
static double
mode (GArray *values,
      double  fallback)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  int best = 0;
  guint best_n = 0;

  for (guint i = 0; i < values->len; i++)
    {
      int v = (int) lround (g_array_index (values, double, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GINT_TO_POINTER (v + 100000))) + 1;

      g_hash_table_insert (counts, GINT_TO_POINTER (v + 100000), GUINT_TO_POINTER (n));
      if (n > best_n || (n == best_n && v < best))
        {
          best_n = n;
          best = v;
        }
    }
  return best_n ? best : fallback;
}

/* The left margin: where most lines start, unless that is the first-line
 * indent (a report of one- and two-line paragraphs starts most lines
 * indented), which other lines then start left of by more than what
 * counts as an indent (starts_paragraph()) and less than three sizes. */
static double
left_margin (GArray *lefts,
             double  body_size)
{
  double most = mode (lefts, 0);
  g_autoptr(GArray) further = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < lefts->len; i++)
    {
      double x = g_array_index (lefts, double, i);

      if (x < most - 0.8 * body_size && x > most - 3 * body_size)
        g_array_append_val (further, x);
    }
  return further->len >= 2 ? mode (further, most) : most;
}

void
nb_pdf_layout_rebuild (const NbPdfPage *pages,
                       guint            n_pages,
                       NbSourceDoc     *doc)
{
  g_autofree PageParts *parts = g_new0 (PageParts, n_pages);
  g_autoptr(GHashTable) margin_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) lefts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (double));
  Builder b = { doc, NULL };

  b.joined = g_ptr_array_new_with_free_func (table_free);

  g_return_if_fail (doc != NULL);

  /* First every page's tables and lines, for what the pages share: the
   * margins, and what repeats at their tops and bottoms. */
  for (guint p = 0; p < n_pages; p++)
    {
      const NbPdfPage *page = &pages[p];
      g_autoptr(GPtrArray) rest = g_ptr_array_new ();
      g_autofree gboolean *used = NULL;
      guint n = MIN (page->n_chars, MAX_CHARS_PER_PAGE);

      parts[p].chars = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        if (char_ok (&page->chars[i], page))
          g_ptr_array_add (parts[p].chars, (gpointer) &page->chars[i]);
      used = g_new0 (gboolean, parts[p].chars->len + 1);
      parts[p].tables = find_tables (page, parts[p].chars, used);
      for (guint i = 0; i < parts[p].chars->len; i++)
        if (!used[i])
          g_ptr_array_add (rest, parts[p].chars->pdata[i]);
      parts[p].lines = make_lines (rest);

      for (guint i = 0; i < parts[p].lines->len; i++)
        {
          Line *l = &g_array_index (parts[p].lines, Line, i);

          if (in_margin (l, page))
            {
              char *key = margin_key (l);
              guint count = GPOINTER_TO_UINT (g_hash_table_lookup (margin_counts, key));
              g_hash_table_replace (margin_counts, key, GUINT_TO_POINTER (count + 1));
            }
          else
            {
              g_array_append_val (lefts, l->x1);
              g_array_append_val (sizes, l->size);
              if (l->x2 > page->width / 2)
                g_array_append_val (rights, l->x2);
            }
        }
    }
  b.body_size = mode (sizes, 12);
  b.left = left_margin (lefts, b.body_size);
  b.right = mode (rights, G_MAXDOUBLE / 4);

  for (guint p = 0; p < n_pages; p++)
    {
      const NbPdfPage *page = &pages[p];
      GArray *lines = parts[p].lines;
      GPtrArray *tables = parts[p].tables;
      g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
      guint page_no = p + 1;
      double pitch = median_pitch (lines);

      for (guint i = 0; i < lines->len; i++)
        {
          Line *l = &g_array_index (lines, Line, i);

          if (in_margin (l, page))
            {
              g_autofree char *key = margin_key (l);

              if (is_page_number (l->text)
                  || (n_pages > 1
                      && GPOINTER_TO_UINT (g_hash_table_lookup (margin_counts, key)) > 1))
                continue;
            }
          g_array_append_val (items, ((Item) { FALSE, l->y1, i }));
        }
      for (guint i = 0; i < tables->len; i++)
        g_array_append_val (items, ((Item) { TRUE, ((Table *) tables->pdata[i])->top, i }));
      g_array_sort (items, cmp_item);

      for (guint k = 0; k < items->len;)
        {
          Item *it = &g_array_index (items, Item, k);
          Line *l;
          guint after;

          if (it->is_table)
            {
              add_table (&b, tables->pdata[it->index], page_no, k == 0);
              k++;
              continue;
            }
          after = emit_unruled (&b, lines, (Item *) items->data, items->len, k, page_no);
          if (after != k)
            {
              k = after;
              continue;
            }

          l = &g_array_index (lines, Line, it->index);
          flush_table (&b);
          if (starts_paragraph (&b, l, page_no, pitch))
            {
              flush_para (&b);
              b.para = g_string_new (NULL);
              b.para_page = page_no;
            }
          append_joined (b.para, l->text);
          b.prev = *l;
          b.have_prev = TRUE;
          b.prev_page = page_no;
          k++;
        }
    }
  flush_para (&b);
  flush_table (&b);
  g_ptr_array_unref (b.joined);
  for (guint p = 0; p < n_pages; p++)
    page_parts_clear (&parts[p]);
}

/* ---- ruling lines from the page's image -------------------------------- */

typedef struct
{
  int o1, o2;     /* rows (or columns) it spans */
  int i1, i2;     /* its extent along them */
  gboolean open;
} Run;

/* Long runs of dark pixels along one axis, runs in neighbouring rows
 * joined into one line; a run thicker than a line (a filled area) is not
 * one. */
static void
scan_runs (const guint8 *dark,
           int           w,
           int           h,
           gboolean      vertical,
           double        scale,
           GArray       *rules)
{
  int outer = vertical ? w : h, inner = vertical ? h : w;
  int min_len = MAX ((int) (4.0 * scale), 4);
  int max_thick = MAX ((int) (2.5 * scale), 2);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));

#define DARK(o, i) (vertical ? dark[(size_t) (i) * w + (o)] : dark[(size_t) (o) * w + (i)])
  for (int o = 0; o <= outer; o++)
    {
      /* close the runs the previous row did not go on with */
      for (guint k = 0; k < runs->len; k++)
        {
          Run *r = &g_array_index (runs, Run, k);

          if (r->open && r->o2 < o - 1)
            {
              r->open = FALSE;
              if (r->o2 - r->o1 + 1 <= max_thick && runs->len < 100000)
                {
                  double pos = (r->o1 + r->o2 + 1) / 2.0 / scale;
                  double a1 = r->i1 / scale, a2 = (r->i2 + 1) / scale;
                  NbPdfRule rule = vertical ? (NbPdfRule) { pos, a1, pos, a2 }
                                            : (NbPdfRule) { a1, pos, a2, pos };
                  g_array_append_val (rules, rule);
                }
            }
        }
      /* forget closed runs */
      for (guint k = runs->len; k > 0; k--)
        if (!g_array_index (runs, Run, k - 1).open)
          g_array_remove_index_fast (runs, k - 1);
      if (o == outer)
        break;

      for (int i = 0; i < inner;)
        {
          int start, end, gap;

          if (!DARK (o, i))
            {
              i++;
              continue;
            }
          start = end = i;
          gap = 0;
          for (i++; i < inner; i++)
            {
              if (DARK (o, i))
                {
                  end = i;
                  gap = 0;
                }
              else if (++gap > 2)
                break;
            }
          if (end - start + 1 < min_len)
            continue;
          {
            gboolean joined = FALSE;

            for (guint k = 0; k < runs->len && !joined; k++)
              {
                Run *r = &g_array_index (runs, Run, k);

                if (r->o2 == o - 1 && abs (r->i1 - start) <= 3 && abs (r->i2 - end) <= 3)
                  {
                    r->o2 = o;
                    r->i1 = MIN (r->i1, start);
                    r->i2 = MAX (r->i2, end);
                    joined = TRUE;
                  }
              }
            if (!joined && runs->len < 10000)
              {
                Run r = { o, o, start, end, TRUE };
                g_array_append_val (runs, r);
              }
          }
        }
    }
#undef DARK
}

/* A rule never goes through a character: a vertical "rule" inside a
 * character's box is the stroke at its edge (信's left stroke against a
 * shaded cell), a horizontal one through the middle of a box is a dash. */
static void
drop_strokes (GArray          *rules,
              guint            first,
              const NbPdfChar *chars,
              guint            n_chars)
{
  for (guint i = rules->len; i > first; i--)
    {
      NbPdfRule *r = &g_array_index (rules, NbPdfRule, i - 1);
      gboolean vertical = r->x1 == r->x2;

      for (guint k = 0; k < n_chars; k++)
        {
          const NbPdfChar *ch = &chars[k];
          double w = ch->x2 - ch->x1, h = ch->y2 - ch->y1;
          gboolean through;

          if (!(w > 0 && h > 0))
            continue;
          if (vertical)
            through = r->x1 > ch->x1 + 0.03 * w && r->x1 < ch->x2 - 0.03 * w
                      && r->y1 < ch->y2 - 0.3 * h && r->y2 > ch->y1 + 0.3 * h;
          else
            through = r->y1 > ch->y1 + 0.3 * h && r->y1 < ch->y2 - 0.3 * h
                      && r->x1 < ch->x2 - 0.3 * w && r->x2 > ch->x1 + 0.3 * w;
          if (through)
            {
              g_array_remove_index_fast (rules, i - 1);
              break;
            }
        }
    }
}

void
nb_pdf_layout_find_rules (const guint8    *pixels,
                          int              width,
                          int              height,
                          int              stride,
                          double           scale,
                          const NbPdfChar *chars,
                          guint            n_chars,
                          GArray          *rules)
{
  g_autofree guint8 *lum = NULL;
  g_autofree guint8 *dark_h = NULL;
  g_autofree guint8 *dark_v = NULL;
  int d;

  g_return_if_fail (rules != NULL);
  if (!pixels || width <= 0 || height <= 0 || stride < width * 4 || scale <= 0)
    return;

  lum = g_malloc ((size_t) width * height);
  for (int y = 0; y < height; y++)
    {
      const guint8 *row = pixels + (size_t) y * stride;

      for (int x = 0; x < width; x++)
        {
          guint32 px;

          memcpy (&px, row + 4 * x, 4);
          lum[(size_t) y * width + x] = (((px >> 16) & 0xff) * 3 + ((px >> 8) & 0xff) * 6 + (px & 0xff)) / 10;
        }
    }

  /* A rule is darker than what lies a little above or below it (left or
   * right of it, for a vertical one): so the inside of a shaded cell is no
   * line, while a rule between two shaded cells still is. */
  d = MAX ((int) (1.5 * scale), 2);
  dark_h = g_malloc0 ((size_t) width * height);
  dark_v = g_malloc0 ((size_t) width * height);
#define LUM(x, y) ((x) < 0 || (y) < 0 || (x) >= width || (y) >= height ? 255 : lum[(size_t) (y) * width + (x)])
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int l = LUM (x, y);

        if (l >= 200)
          continue;
        dark_h[(size_t) y * width + x] = LUM (x, y - d) - l >= 48 || LUM (x, y + d) - l >= 48;
        dark_v[(size_t) y * width + x] = LUM (x - d, y) - l >= 48 || LUM (x + d, y) - l >= 48;
      }
#undef LUM

  /* The characters' strokes are not lines: blank out the middle of each
   * box (its edges may touch a cell's rule). */
  for (guint i = 0; i < n_chars; i++)
    {
      const NbPdfChar *ch = &chars[i];
      double w = ch->x2 - ch->x1, h = ch->y2 - ch->y1;
      int x1, x2, y1, y2;

      if (!(w > 0 && h > 0 && w < 1000 && h < 1000) || !isfinite (ch->x1) || !isfinite (ch->y1))
        continue;
      x1 = CLAMP ((int) floor ((ch->x1 + 0.12 * w) * scale), 0, width);
      x2 = CLAMP ((int) ceil ((ch->x2 - 0.12 * w) * scale), 0, width);
      y1 = CLAMP ((int) floor ((ch->y1 + 0.12 * h) * scale), 0, height);
      y2 = CLAMP ((int) ceil ((ch->y2 - 0.12 * h) * scale), 0, height);
      for (int y = y1; y < y2 && x2 > x1; y++)
        {
          memset (dark_h + (size_t) y * width + x1, 0, x2 - x1);
          memset (dark_v + (size_t) y * width + x1, 0, x2 - x1);
        }
    }

  {
    guint first = rules->len;

    scan_runs (dark_h, width, height, FALSE, scale, rules);
    scan_runs (dark_v, width, height, TRUE, scale, rules);
    drop_strokes (rules, first, chars, n_chars);
  }
}
