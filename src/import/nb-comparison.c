/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-comparison.c — this year's report beside last year's
 *
 * Paragraphs: the longest common run of identical paragraphs (ignoring
 * surrounding spaces) are the unchanged ones; between two of them, a
 * paragraph of last year and one of this year that share at least half
 * of their character pairs (bigrams) are one paragraph changed, the rest
 * removed or added.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "nb-checker.h"
#include "nb-comparison.h"
#include "nb-format.h"
#include "nb-problem.h"

/* Paragraph lists longer than this are not aligned by LCS (n × m table). */
#define MAX_LCS_CELLS (4 * 1024 * 1024)
#define SAME_ENOUGH 50

struct _NbComparison
{
  GObject    parent_instance;
  NbReport  *last;
  NbReport  *this;
  GPtrArray *figures;
  GPtrArray *sections;
  GPtrArray *problems;
  GArray    *chart;
};

G_DEFINE_FINAL_TYPE (NbComparison, nb_comparison, G_TYPE_OBJECT)

static void
figure_free (gpointer data)
{
  NbFigureChange *f = data;

  g_free (f->last);
  g_free (f->this);
  g_free (f->change);
  g_free (f);
}

static void
paragraph_free (gpointer data)
{
  NbParagraphChange *p = data;

  g_free (p->last);
  g_free (p->this);
  g_free (p);
}

static void
section_free (gpointer data)
{
  NbSectionChange *s = data;

  g_ptr_array_unref (s->paragraphs);
  g_free (s);
}

static void
nb_comparison_finalize (GObject *object)
{
  NbComparison *self = NB_COMPARISON (object);

  g_clear_object (&self->last);
  g_clear_object (&self->this);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->chart, g_array_unref);
  G_OBJECT_CLASS (nb_comparison_parent_class)->finalize (object);
}

static void
nb_comparison_class_init (NbComparisonClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_comparison_finalize;
}

static void
nb_comparison_init (NbComparison *self)
{
}

/* ---- paragraphs --------------------------------------------------------- */

static int
cmp_u64 (gconstpointer a,
         gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

static GArray *
bigrams (const char *text)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint64));
  gunichar prev = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (prev)
        {
          guint64 b = ((guint64) prev << 32) | c;
          g_array_append_val (out, b);
        }
      prev = c;
    }
  g_array_sort (out, cmp_u64);
  return out;
}

/* How alike two paragraphs are, in per cent (Dice over bigrams). */
static guint
similarity (const char *a,
            const char *b)
{
  g_autoptr(GArray) x = bigrams (a);
  g_autoptr(GArray) y = bigrams (b);
  guint i = 0, j = 0, common = 0;

  if (x->len == 0 || y->len == 0)
    return g_str_equal (a, b) ? 100 : 0;
  while (i < x->len && j < y->len)
    {
      guint64 p = g_array_index (x, guint64, i), q = g_array_index (y, guint64, j);

      if (p == q)
        common++, i++, j++;
      else if (p < q)
        i++;
      else
        j++;
    }
  return (guint) (200 * (guint64) common / (x->len + y->len));
}

static void
add_change (GPtrArray  *out,
            NbDiffKind  kind,
            const char *last,
            const char *this,
            guint       same)
{
  NbParagraphChange *p = g_new0 (NbParagraphChange, 1);

  p->kind = kind;
  p->last = g_strdup (last);
  p->this = g_strdup (this);
  p->similarity = same;
  g_ptr_array_add (out, p);
}

/* Between two unchanged paragraphs: pair what changed, in order. */
static void
diff_block (GPtrArray         *out,
            const char *const *last,
            guint              n_last,
            const char *const *this,
            guint              n_this)
{
  guint i = 0, j = 0;

  while (i < n_last && j < n_this)
    {
      guint s = similarity (last[i], this[j]);

      if (s >= SAME_ENOUGH)
        {
          add_change (out, NB_DIFF_CHANGED, last[i++], this[j++], s);
          continue;
        }
      if (j + 1 < n_this && similarity (last[i], this[j + 1]) >= SAME_ENOUGH)
        add_change (out, NB_DIFF_ADDED, NULL, this[j++], 0);
      else
        add_change (out, NB_DIFF_REMOVED, last[i++], NULL, 0);
    }
  for (; i < n_last; i++)
    add_change (out, NB_DIFF_REMOVED, last[i], NULL, 0);
  for (; j < n_this; j++)
    add_change (out, NB_DIFF_ADDED, NULL, this[j], 0);
}

GPtrArray *
nb_diff_paragraphs (const char *const *last,
                    const char *const *this)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (paragraph_free);
  guint n = last ? g_strv_length ((GStrv) last) : 0;
  guint m = this ? g_strv_length ((GStrv) this) : 0;
  g_autofree guint32 *lcs = NULL;
  guint i = 0, j = 0, bi = 0, bj = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_LCS_CELLS)
    {
      diff_block (out, last, n, this, m);
      return out;
    }

  /* lcs[i][j]: the longest common run of last[i..] and this[j..] */
  lcs = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define L(a, b) lcs[(gsize) (a) * (m + 1) + (b)]
  for (guint a = n; a-- > 0;)
    for (guint b = m; b-- > 0;)
      L (a, b) = g_str_equal (last[a], this[b]) ? L (a + 1, b + 1) + 1
                                                 : MAX (L (a + 1, b), L (a, b + 1));
  while (i < n && j < m)
    {
      if (g_str_equal (last[i], this[j]))
        {
          diff_block (out, last + bi, i - bi, this + bj, j - bj);
          add_change (out, NB_DIFF_UNCHANGED, last[i], this[j], 100);
          bi = ++i;
          bj = ++j;
        }
      else if (L (i + 1, j) >= L (i, j + 1))
        i++;
      else
        j++;
    }
#undef L
  diff_block (out, last + bi, n - bi, this + bj, m - bj);
  return out;
}

/* A section's text as paragraphs, surrounding spaces (and 　) dropped. */
static GStrv
paragraphs_of (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; lines[i]; i++)
    {
      const char *start = lines[i];
      const char *end = start + strlen (start);

      while (*start && (g_unichar_isspace (g_utf8_get_char (start))))
        start = g_utf8_next_char (start);
      while (end > start)
        {
          const char *prev = g_utf8_find_prev_char (start, end);
          if (!prev || !g_unichar_isspace (g_utf8_get_char (prev)))
            break;
          end = prev;
        }
      if (end > start)
        g_ptr_array_add (out, g_strndup (start, end - start));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* ---- figures ------------------------------------------------------------ */

static char *
figure_change (const NbNumber *last,
               const NbNumber *this)
{
  NbNumber d;
  char buf[NB_NUMBER_BUF];

  if (!last || !this || last->blank || this->blank)
    return g_strdup ("");
  d = *this;
  if (!nb_number_sub (&d, last))
    return g_strdup ("");
  nb_number_format (&d, buf);
  return d.units > 0 ? g_strconcat ("+", buf, NULL) : g_strdup (buf);
}

static void
compare_figures (NbComparison *self)
{
  NbFormat *format = nb_report_get_format (self->this);

  self->figures = g_ptr_array_new_with_free_func (figure_free);
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      NbFigureChange *f;
      const NbNumber *now, *before;

      if (def->kind.type == NB_KIND_TEXT)
        continue;
      now = nb_report_get_value (self->this, def->key);
      before = nb_format_find_cell (nb_report_get_format (self->last), def->key)
               ? nb_report_get_value (self->last, def->key) : NULL;
      f = g_new0 (NbFigureChange, 1);
      f->key = def->key;
      f->label = def->label;
      f->section = def->section;
      f->in_last = before != NULL;
      f->this = now ? nb_number_to_string (now) : g_strdup ("");
      f->last = before ? nb_number_to_string (before) : g_strdup ("");
      f->change = figure_change (before, now);
      g_ptr_array_add (self->figures, f);
    }
}

static void
compare_sections (NbComparison *self)
{
  NbFormat *format = nb_report_get_format (self->this);

  self->sections = g_ptr_array_new_with_free_func (section_free);
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *def = nb_format_get_section (format, i);
      g_auto(GStrv) last = NULL, this = NULL;
      NbSectionChange *s;

      if (def->kind != NB_SECTION_TEXT)
        continue;
      last = paragraphs_of (nb_format_find_section (nb_report_get_format (self->last), def->key)
                            ? nb_report_get_text (self->last, def->key) : "");
      this = paragraphs_of (nb_report_get_text (self->this, def->key));
      s = g_new0 (NbSectionChange, 1);
      s->key = def->key;
      s->heading = def->heading;
      s->paragraphs = nb_diff_paragraphs ((const char *const *) last, (const char *const *) this);
      for (guint k = 0; k < s->paragraphs->len; k++)
        s->n[((NbParagraphChange *) s->paragraphs->pdata[k])->kind]++;
      g_ptr_array_add (self->sections, s);
    }
}

static gint64
sum_cells (NbReport          *report,
           const char *const *cells)
{
  gint64 sum = 0;

  for (guint i = 0; cells[i]; i++)
    {
      const NbNumber *v = nb_report_get_value (report, cells[i]);
      if (v && !v->blank)
        sum += nb_number_integer_part (v);
    }
  return sum;
}

/* Formats name a figure's cells differently (2019's （六）其他处理 is three
 * rows in 2021), so last year's figure is found by its label. */
static void
compare_chart (NbComparison *self)
{
  NbFormat *format = nb_report_get_format (self->this);
  NbFormat *last_format = nb_report_get_format (self->last);

  self->chart = g_array_new (FALSE, TRUE, sizeof (NbChartBar));
  for (guint i = 0; i < nb_format_get_n_chart_figures (format); i++)
    {
      const NbChartFigureDef *item = nb_format_get_chart_figure (format, i);
      const NbChartFigureDef *before = nb_format_find_chart_figure (last_format, item->label);
      NbChartBar bar = { 0 };

      bar.label = item->label;
      bar.this = sum_cells (self->this, item->cells);
      bar.in_last = before != NULL;
      if (bar.in_last)
        bar.last = sum_cells (self->last, before->cells);
      g_array_append_val (self->chart, bar);
    }
}

NbComparison *
nb_comparison_new (NbReport *last,
                   NbReport *this)
{
  NbComparison *self;
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (NB_IS_REPORT (last), NULL);
  g_return_val_if_fail (NB_IS_REPORT (this), NULL);

  self = g_object_new (NB_TYPE_COMPARISON, NULL);
  self->last = g_object_ref (last);
  self->this = g_object_ref (this);
  compare_figures (self);
  compare_sections (self);
  compare_chart (self);

  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
  if (nb_report_get_year (this) != nb_report_get_year (last) + 1)
    {
      /* What is carried over is carried from one year to the next: two
       * reports further apart (or given the wrong way round) are compared
       * figure by figure, but not held to each other's carry-over. */
      g_autofree char *message =
        g_strdup_printf (nb_report_get_year (this) <= nb_report_get_year (last)
                           ? _("Last year’s report is for %d and this year’s for %d: the later report was given as last year’s; the checks across years were not made")
                           : _("Last year’s report is for %d and this year’s for %d: they are not consecutive years, so the checks across years were not made"),
                         nb_report_get_year (last), nb_report_get_year (this));

      g_ptr_array_add (self->problems,
                       nb_problem_new ("compare.years", NB_SEVERITY_WARNING, NULL, NULL, 0, 0, message));
      return self;
    }

  /* the checks across the two years are the checker's (carry.* in the format data) */
  problems = nb_check_report (this, last);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_has_prefix (nb_problem_get_id (problems->pdata[i]), "carry."))
      g_ptr_array_add (self->problems, g_object_ref (problems->pdata[i]));
  return self;
}

NbReport *
nb_comparison_get_last (NbComparison *self)
{
  g_return_val_if_fail (NB_IS_COMPARISON (self), NULL);
  return self->last;
}

NbReport *
nb_comparison_get_this (NbComparison *self)
{
  g_return_val_if_fail (NB_IS_COMPARISON (self), NULL);
  return self->this;
}

GPtrArray *
nb_comparison_get_figures (NbComparison *self)
{
  g_return_val_if_fail (NB_IS_COMPARISON (self), NULL);
  return self->figures;
}

GPtrArray *
nb_comparison_get_sections (NbComparison *self)
{
  g_return_val_if_fail (NB_IS_COMPARISON (self), NULL);
  return self->sections;
}

GPtrArray *
nb_comparison_get_problems (NbComparison *self)
{
  g_return_val_if_fail (NB_IS_COMPARISON (self), NULL);
  return self->problems;
}

guint
nb_comparison_count_changed (NbComparison *self)
{
  guint n = 0;

  g_return_val_if_fail (NB_IS_COMPARISON (self), 0);
  for (guint i = 0; i < self->figures->len; i++)
    {
      NbFigureChange *f = self->figures->pdata[i];
      if (!g_str_equal (f->last, f->this))
        n++;
    }
  return n;
}

GArray *
nb_comparison_get_chart (NbComparison *self)
{
  g_return_val_if_fail (NB_IS_COMPARISON (self), NULL);
  return self->chart;
}
