/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-checker.c — runs a format's checks, described as data in the format
 *
 * NbFormat compiles the checks of its data file once into NbCheckDefs
 * (cells resolved, "foreach" expanded, parameters and message templates
 * validated); a full check is then a few hundred additions over cell
 * indexes. The check types are generic built-ins that the data
 * parameterises (sums, text figures, periods, template text, deadlines, …);
 * what each reads is in docs/checks.md.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "nb-checker.h"
#include "nb-error.h"
#include "nb-text-figures.h"
#include "nb-text-form.h"

/* What a quoted figure may mean: one sum of cells, and how to say it
 * ("表三“一、本年新收”总计为 {value}"). */
typedef struct
{
  GArray *cells;   /* guint cell indexes */
  char   *text;
} Alternative;

typedef struct
{
  GPtrArray *alternatives;   /* Alternative*: the figure may equal any one */
  GPtrArray *scopes;         /* GPtrArray* of Alternative*, per scope of the rule */
  gboolean   claim;          /* "均获维持": every scope named must sum to 0 */
  char      *message;
} FigureRule;

/* What one paragraph says, kept while the paragraph is unchanged: after
 * an edit only the edited paragraph is read again (a 200-page text is
 * checked in a few milliseconds). Offsets are in the paragraph. */
typedef struct
{
  char      *text;        /* the paragraph, also its key in the pool */
  GArray    *figures;     /* NbTextFigure */
  GArray    *periods;     /* NbTextPeriod */
  GArray    *own_years;   /* NbTextMatch */
  GPtrArray *markers;     /* GArray* of NbTextMatch, per numbering family */
  GArray    *announces;   /* NbTextMatch: "以下三个方面：", value 3 */
  GArray    *totals;      /* NbTextTotal */
  guint      n_halfwidth;
  guint      first_halfwidth;
  gboolean   period_keyword;
  guint      length;      /* characters */
  guint      generation;  /* of the last analysis that used it */
  gsize      n_bytes;
} Paragraph;

/* A mark found in a section's text, in section characters. */
typedef struct
{
  guint  start, end;
  gint64 value;
  guint  paragraph;
  guint  family;
} Mark;

typedef struct
{
  char       *text;
  int         year;
  GHashTable *pool;        /* paragraph text → Paragraph* */
  GPtrArray  *paragraphs;  /* Paragraph*, borrowed from pool, in order */
  GArray     *offsets;     /* guint: each paragraph's first character */
  GArray     *bytes;       /* guint: … and its first byte */
  guint       generation;
  GArray     *figures;     /* NbTextFigure, section offsets */
  GArray     *periods;     /* NbTextPeriod, section offsets */
} TextCache;

struct _NbChecker
{
  GObject             parent_instance;

  GHashTable         *text_cache;    /* section key → TextCache* */

  NbFormat           *format;
  GPtrArray          *checks;        /* const NbCheckDef*, the format's */
  NbTextFigureRules  *figure_rules;
  GPtrArray          *figure_info;   /* FigureRule* */
  GPtrArray          *text_sections; /* const NbSectionDef* */
  const char *const  *period_keywords;
  /* What the text checks read from every paragraph (from their data). */
  GPtrArray          *own_year_res;  /* GRegex* */
  GPtrArray          *numbering_res; /* GRegex*, per family */
  GArray             *inline_family; /* gboolean per family: "一是" runs inside a paragraph */
  GRegex             *announce_re;
  const char *const  *total_words, *const *part_words, *const *units;
};

G_DEFINE_FINAL_TYPE (NbChecker, nb_checker, G_TYPE_OBJECT)


static void
alternative_free (gpointer data)
{
  Alternative *a = data;

  g_array_unref (a->cells);
  g_free (a->text);
  g_free (a);
}

static void
figure_rule_free (gpointer data)
{
  FigureRule *f = data;

  g_ptr_array_unref (f->alternatives);
  g_ptr_array_unref (f->scopes);
  g_free (f->message);
  g_free (f);
}

static void
paragraph_free (gpointer data)
{
  Paragraph *p = data;

  g_clear_pointer (&p->figures, g_array_unref);
  g_clear_pointer (&p->periods, g_array_unref);
  g_clear_pointer (&p->own_years, g_array_unref);
  g_clear_pointer (&p->markers, g_ptr_array_unref);
  g_clear_pointer (&p->announces, g_array_unref);
  g_clear_pointer (&p->totals, g_array_unref);
  g_free (p->text);
  g_free (p);
}

static void
text_cache_free (gpointer data)
{
  TextCache *c = data;

  g_free (c->text);
  g_clear_pointer (&c->pool, g_hash_table_unref);
  g_clear_pointer (&c->paragraphs, g_ptr_array_unref);
  g_clear_pointer (&c->offsets, g_array_unref);
  g_clear_pointer (&c->bytes, g_array_unref);
  g_clear_pointer (&c->figures, g_array_unref);
  g_clear_pointer (&c->periods, g_array_unref);
  g_free (c);
}


static void
nb_checker_finalize (GObject *object)
{
  NbChecker *self = NB_CHECKER (object);

  g_clear_pointer (&self->text_cache, g_hash_table_unref);

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->figure_rules, nb_text_figure_rules_free);
  g_clear_pointer (&self->figure_info, g_ptr_array_unref);
  g_clear_pointer (&self->text_sections, g_ptr_array_unref);
  g_clear_pointer (&self->own_year_res, g_ptr_array_unref);
  g_clear_pointer (&self->numbering_res, g_ptr_array_unref);
  g_clear_pointer (&self->inline_family, g_array_unref);
  g_clear_pointer (&self->announce_re, g_regex_unref);
  g_clear_object (&self->format);

  G_OBJECT_CLASS (nb_checker_parent_class)->finalize (object);
}

static void
nb_checker_class_init (NbCheckerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_checker_finalize;
}

static void
nb_checker_init (NbChecker *self)
{
  self->checks = g_ptr_array_new ();
  self->figure_info = g_ptr_array_new_with_free_func (figure_rule_free);
  self->text_sections = g_ptr_array_new ();
  self->text_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, text_cache_free);
  self->own_year_res = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  self->numbering_res = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  self->inline_family = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

/* ---- compiling ---- */

/* A key with a star (requests/withheld_STAR/total) names every cell it matches. */
static gboolean
add_cells (NbChecker  *self,
           const char *key,
           GArray     *cells)
{
  guint before = cells->len;

  if (!key)
    return FALSE;
  if (!strchr (key, '*'))
    {
      const NbCellDef *def = nb_format_find_cell (self->format, key);
      if (def)
        g_array_append_val (cells, def->index);
    }
  else
    for (guint i = 0; i < nb_format_get_n_cells (self->format); i++)
      {
        const NbCellDef *def = nb_format_get_cell (self->format, i);
        if (g_pattern_match_simple (key, def->key))
          g_array_append_val (cells, def->index);
      }
  return cells->len > before;
}

static gboolean
compile_expect (NbChecker               *self,
                guint                    n_expect,
                const NbFigureExpectDef *expect,
                GPtrArray               *out,
                guint                    rule,
                GError                 **error)
{
  for (guint a = 0; a < n_expect; a++)
    {
      Alternative *alt = g_new0 (Alternative, 1);

      alt->cells = g_array_new (FALSE, FALSE, sizeof (guint));
      g_ptr_array_add (out, alt);
      alt->text = g_strdup (expect[a].text);
      for (guint t = 0; expect[a].cells[t]; t++)
        if (!add_cells (self, expect[a].cells[t], alt->cells))
          {
            g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                         "format data: text_figures[%u] names an unknown cell “%s”", rule,
                         expect[a].cells[t]);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
compile_figures (NbChecker   *self,
                 GError     **error)
{
  self->figure_rules = nb_text_figure_rules_new (self->format);

  for (guint i = 0; i < nb_format_get_n_figure_rules (self->format); i++)
    {
      const NbFigureRuleDef *def = nb_format_get_figure_rule (self->format, i);
      FigureRule *f = g_new0 (FigureRule, 1);

      f->alternatives = g_ptr_array_new_with_free_func (alternative_free);
      f->scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      f->message = g_strdup (def->message);
      f->claim = def->claim;
      g_ptr_array_add (self->figure_info, f);
      if (!compile_expect (self, def->n_expect, def->expect, f->alternatives, i, error))
        return FALSE;
      for (guint k = 0; k < def->n_scopes; k++)
        {
          GPtrArray *alts = g_ptr_array_new_with_free_func (alternative_free);

          g_ptr_array_add (f->scopes, alts);
          if (!compile_expect (self, def->scopes[k].n_expect, def->scopes[k].expect, alts, i, error))
            return FALSE;
        }
    }
  return TRUE;
}


static GRegex *
compile_regex (const char        *pattern,
               const NbCheckDef  *check,
               GError           **error)
{
  g_autoptr(GError) local = NULL;
  GRegex *re = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &local);

  if (!re)
    g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: check %s: bad pattern: %s",
                 check->id, local->message);
  return re;
}

/* What the text checks read from every paragraph: their patterns compiled
 * for matching (the format has checked that they compile). */
static gboolean
compile_text_forms (NbChecker         *self,
                    const NbCheckDef  *check,
                    GError           **error)
{
  switch (check->type)
    {
    case NB_CHECK_TEXT_OWN_YEAR:
      for (guint i = 0; check->own_year.patterns[i]; i++)
        {
          GRegex *re = compile_regex (check->own_year.patterns[i], check, error);
          if (!re)
            return FALSE;
          g_ptr_array_add (self->own_year_res, re);
        }
      break;
    case NB_CHECK_NUMBERING:
      for (guint i = 0; i < check->numbering.n_families; i++)
        {
          GRegex *re = compile_regex (check->numbering.families[i].pattern, check, error);
          if (!re)
            return FALSE;
          g_ptr_array_add (self->numbering_res, re);
          g_array_append_val (self->inline_family, check->numbering.families[i].inline_);
        }
      break;
    case NB_CHECK_ITEM_COUNT:
      if (!self->announce_re && !(self->announce_re = compile_regex (check->item_count.pattern, check, error)))
        return FALSE;
      break;
    case NB_CHECK_TOTAL_PARTS:
      self->total_words = check->total_parts.total_words;
      self->part_words = check->total_parts.part_words;
      self->units = check->total_parts.units;
      break;
    case NB_CHECK_TEXT_PERIOD:
    case NB_CHECK_TEXT_YEAR:
    case NB_CHECK_PERIOD_MISSING:
      if (!self->period_keywords)
        self->period_keywords = check->period.keywords;
      break;
    default:
      break;
    }
  return TRUE;
}

NbChecker *
nb_checker_new (NbFormat  *format,
                GError   **error)
{
  g_autoptr(NbChecker) self = g_object_new (NB_TYPE_CHECKER, NULL);

  g_return_val_if_fail (NB_IS_FORMAT (format), NULL);

  self->format = g_object_ref (format);
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      if (s->kind == NB_SECTION_TEXT)
        g_ptr_array_add (self->text_sections, (gpointer) s);
    }
  if (!compile_figures (self, error))
    return NULL;
  for (guint i = 0; i < nb_format_get_n_checks (format); i++)
    {
      const NbCheckDef *check = nb_format_get_check (format, i);

      g_ptr_array_add (self->checks, (gpointer) check);
      if (!compile_text_forms (self, check, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

NbChecker *
nb_checker_for_format (NbFormat *format)
{
  NbChecker *checker;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (NB_IS_FORMAT (format), NULL);

  checker = g_object_get_data (G_OBJECT (format), "nb-checker");
  if (checker)
    return checker;
  checker = nb_checker_new (format, &error);
  if (!checker)
    {
      g_critical ("The checks of format %s cannot be compiled: %s",
                  nb_format_get_version (format), error->message);
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (format), "nb-checker", checker, g_object_unref);
  return checker;
}

/* ---- running ---- */

typedef struct
{
  NbChecker *self;
  NbReport  *report;
  NbReport  *previous;
  GPtrArray *errors;
  GPtrArray *warnings;
} Run;

static void
add_problem (Run               *run,
             const NbCheckDef  *check,
             const char *const *keys,
             const char        *section,
             guint              start,
             guint              end,
             const char        *message)
{
  NbProblem *p = nb_problem_new (check->id, check->severity, keys, section, start, end, message);

  g_ptr_array_add (check->severity == NB_SEVERITY_ERROR ? run->errors : run->warnings, p);
}

static const NbNumber *
term_value (Run                  *run,
            const NbCheckTermDef *term)
{
  static const NbNumber zero = { 0, 0, FALSE };

  if (term->prev)
    {
      const NbNumber *v = run->previous ? nb_report_get_value (run->previous, term->key) : NULL;
      return v ? v : &zero;
    }
  return nb_report_get_value_at (run->report, term->cell->index);
}

static gboolean
terms_available (Run                  *run,
                 const NbCheckTermDef *terms,
                 guint                 n)
{
  for (guint i = 0; i < n; i++)
    {
      const NbCheckTermDef *t = &terms[i];
      if (t->prev && (!run->previous || !nb_report_get_value (run->previous, t->key)))
        return FALSE;
    }
  return TRUE;
}

static const char *
check_text (NbChecker  *self,
            const char *name)
{
  const char *s = nb_format_get_check_text (self->format, name);

  return s ? s : "";
}

/* One more name of a list in a message: "、“自然人”" (the format's
 * check_texts "list_separator" and "quoted"). */
static void
append_name (NbChecker  *self,
             GString    *list,
             gboolean    separated,
             const char *name)
{
  g_autoptr(GString) quoted = g_string_new (check_text (self, "quoted"));

  g_string_replace (quoted, "{name}", name, 0);
  if (separated)
    g_string_append (list, check_text (self, "list_separator"));
  g_string_append (list, quoted->str);
}

/* "793.9397"; for a blank the format's word: 空 for a table cell, 未填写
 * for a section field — never "0", a blank is not a zero. */
static const char *
value_text (NbChecker       *self,
            const NbCellDef *def,
            const NbNumber  *v,
            char            *buf)
{
  if (v->blank)
    return check_text (self, def && !def->table ? "blank_field" : "blank_cell");
  return nb_number_format (v, buf);
}

/* The sum of @terms, blanks counting 0; blank itself when every term is. */
static NbNumber
sum_terms (Run                  *run,
           const NbCheckTermDef *terms,
           guint                 n)
{
  NbNumber sum = nb_number_from_int (0);
  gboolean all_blank = n > 0;

  for (guint i = 0; i < n; i++)
    {
      const NbCheckTermDef *t = &terms[i];
      const NbNumber *v = term_value (run, t);

      if (!v->blank)
        all_blank = FALSE;
      if (t->negate)
        {
          NbNumber neg = nb_number_negate (v);
          nb_number_add (&sum, &neg);
        }
      else
        nb_number_add (&sum, v);
    }
  sum.blank = all_blank;
  return sum;
}

/* Blank, or a computed total over a blank (its 0 would be a false figure). */
static gboolean
cell_has_blank (Run   *run,
                guint  index)
{
  const NbCellDef *def = nb_format_get_cell (run->self->format, index);

  if (nb_report_get_value_at (run->report, index)->blank)
    return TRUE;
  if (!def->computed || nb_report_has_stated_value (run->report, index))
    return FALSE;
  for (guint t = 0; t < def->n_terms; t++)
    if (cell_has_blank (run, def->terms[t]))
      return TRUE;
  return FALSE;
}

static gboolean
term_has_blank (Run                  *run,
                const NbCheckTermDef *t)
{
  if (t->prev)
    return term_value (run, t)->blank;
  return cell_has_blank (run, t->cell->index);
}

static gboolean
terms_have_blank (Run                  *run,
                  const NbCheckTermDef *terms,
                  guint                 n)
{
  for (guint i = 0; i < n; i++)
    if (term_has_blank (run, &terms[i]))
      return TRUE;
  return FALSE;
}

static const char *
term_label (const NbCheckDef     *check,
            const NbCheckTermDef *term)
{
  const NbCellDef *def = term->cell;

  if (!def)
    return term->key;
  if (!def->table)
    return def->label;
  switch (check->compare.term_label)
    {
    case NB_TERM_LABEL_ROW: return def->row->short_label;
    case NB_TERM_LABEL_COLUMN: return def->column->short_label;
    case NB_TERM_LABEL_CELL:
    default: return def->label;
    }
}

/* "一、本年新收(5) + 二、上年结转(空)" */
static char *
render_terms (Run                  *run,
              const NbCheckDef     *check,
              const NbCheckTermDef *terms,
              guint                 n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const NbCheckTermDef *t = &terms[i];
      char buf[NB_NUMBER_BUF];

      if (i > 0 || t->negate)
        g_string_append (s, t->negate ? " − " : " + ");
      if (i == 0 && t->negate)
        g_string_truncate (s, 0), g_string_append (s, "−");
      g_string_append_printf (s, "%s%s(%s)", t->prev ? check_text (run->self, "previous_year") : "",
                              term_label (check, t), value_text (run->self, t->cell, term_value (run, t), buf));
    }
  return g_string_free (s, FALSE);
}

/* "“（一）予以公开”、“（二）部分公开”等 20 项": which cells are blank. */
static char *
render_blanks (Run                        *run,
               const NbCheckDef           *check,
               const NbCompareInstanceDef *in)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *s = g_string_new (NULL);
  const guint shown = 4;

  for (guint i = 0; i < in->n_left + in->n_right; i++)
    {
      const NbCheckTermDef *t = i < in->n_left ? &in->left[i] : &in->right[i - in->n_left];
      if (term_has_blank (run, t))
        g_ptr_array_add (names, (gpointer) term_label (check, t));
    }
  for (guint i = 0; i < names->len && i < shown; i++)
    append_name (run->self, s, i > 0, names->pdata[i]);
  if (names->len > shown)
    {
      g_autofree char *n = g_strdup_printf ("%u", names->len);
      g_autoptr(GString) more = g_string_new (check_text (run->self, "blank_more"));
      g_string_replace (more, "{n}", n, 0);
      g_string_append (s, more->str);
    }
  return g_string_free (s, FALSE);
}

static char *
render_message (const char         *template,
                const char *const  *names,
                const char *const  *values)
{
  GString *s = g_string_new (template);

  for (guint i = 0; names[i]; i++)
    if (values[i])
      g_string_replace (s, names[i], values[i], 0);
  return g_string_free (s, FALSE);
}

static gboolean
compare_ok (NbCheckOp       op,
            const NbNumber *a,
            const NbNumber *b)
{
  int c = nb_number_compare (a, b);

  switch (op)
    {
    case NB_CHECK_OP_EQ: return c == 0;
    case NB_CHECK_OP_GE: return c >= 0;
    case NB_CHECK_OP_LE: return c <= 0;
    case NB_CHECK_OP_GT: return c > 0;
    case NB_CHECK_OP_LT: return c < 0;
    default: return TRUE;
    }
}

static void
run_compare (Run              *run,
             const NbCheckDef *check)
{
  const NbCheckCompareDef *c = &check->compare;

  for (guint i = 0; i < c->n_instances; i++)
    {
      const NbCompareInstanceDef *in = &c->instances[i];
      NbNumber left, right;

      if (check->across_years &&
          (!terms_available (run, in->left, in->n_left) || !terms_available (run, in->right, in->n_right)))
        continue;
      left = sum_terms (run, in->left, in->n_left);
      right = c->has_const ? c->right_const : sum_terms (run, in->right, in->n_right);
      /* Blanks count 0 here; a failing comparison that involves blanks
       * says which cells are blank instead of quoting a false sum. */
      if (!compare_ok (c->op, &left, &right))
        {
          g_autoptr(GPtrArray) keys = g_ptr_array_new ();
          gboolean blanks = terms_have_blank (run, in->left, in->n_left) ||
                            terms_have_blank (run, in->right, in->n_right);
          g_autofree char *l = render_terms (run, check, in->left, in->n_left);
          g_autofree char *r = c->has_const ? NULL : render_terms (run, check, in->right, in->n_right);
          g_autofree char *b = render_blanks (run, check, in);
          g_autofree char *message = NULL;
          g_autofree char *v_label = c->var ? g_strdup_printf ("{%s.label}", c->var) : NULL;
          g_autofree char *v_short = c->var ? g_strdup_printf ("{%s.short}", c->var) : NULL;
          g_autofree char *v_ordinal = c->var ? g_strdup_printf ("{%s.ordinal}", c->var) : NULL;
          g_autofree char *v_key = c->var ? g_strdup_printf ("{%s}", c->var) : NULL;
          const NbCellDef *ldef = in->n_left == 1 ? in->left[0].cell : NULL;
          const NbCellDef *rdef = in->n_right == 1 ? in->right[0].cell : NULL;
          char lv[NB_NUMBER_BUF], rv[NB_NUMBER_BUF];
          const char *names[] = { "{left}", "{right}", "{left_value}", "{right_value}", "{blank}",
                                  v_label, v_short, v_ordinal, v_key, NULL };
          const char *values[] = { l, r ? r : value_text (run->self, rdef, &right, rv),
                                   value_text (run->self, ldef, &left, lv),
                                   value_text (run->self, rdef, &right, rv), b,
                                   in->var_label, in->var_short, in->var_ordinal, in->var_key, NULL };

          if (!c->var)
            names[5] = NULL;
          for (guint t = 0; t < in->n_left; t++)
            if (!in->left[t].prev)
              g_ptr_array_add (keys, (gpointer) in->left[t].key);
          for (guint t = 0; t < in->n_right; t++)
            if (!in->right[t].prev)
              g_ptr_array_add (keys, (gpointer) in->right[t].key);
          g_ptr_array_add (keys, NULL);
          message = render_message (blanks && c->message_blank ? c->message_blank : check->message,
                                    names, values);
          add_problem (run, check, (const char *const *) keys->pdata, NULL, 0, 0, message);
        }
    }
}

static void
run_cell_kind (Run         *run,
               const NbCheckDef *check)
{
  NbFormat *format = run->self->format;
  guint n = nb_format_get_n_cells (format);

  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      const NbNumber *v = nb_report_get_value_at (run->report, i);

      /* Derived totals inherit their terms' faults: report only the cells
       * that hold a value of their own. */
      if (def->computed && !nb_report_has_stated_value (run->report, i))
        continue;
      if (v->blank || nb_number_validate (v, &def->kind, NULL))
        continue;
      {
        char buf[NB_NUMBER_BUF];
        g_autofree char *places = g_strdup_printf ("%u", def->kind.places);
        const char *kn[] = { "{places}", NULL };
        const char *kv[] = { places, NULL };
        g_autofree char *kind = render_message (check->cell_kind.kind_texts[MIN ((guint) def->kind.type, 3u)], kn, kv);
        const char *names[] = { "{cell}", "{kind}", "{value}", NULL };
        const char *values[] = { def->label, kind, nb_number_format (v, buf), NULL };
        g_autofree char *message = render_message (check->message, names, values);
        const char *keys[] = { def->key, NULL };
        add_problem (run, check, keys, NULL, 0, 0, message);
      }
    }
}

/* One problem per row: a hundred identical lines would be noise. */
static void
run_cell_blank (Run         *run,
                const NbCheckDef *check)
{
  NbFormat *format = run->self->format;
  guint n = nb_format_get_n_cells (format);
  guint i = 0;

  while (i < n)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      g_autoptr(GPtrArray) keys = NULL;
      g_autoptr(GString) columns = NULL;
      const NbCellDef *first = NULL;
      guint j;

      if (!def->table)
        {
          i++;
          continue;
        }
      keys = g_ptr_array_new ();
      columns = g_string_new (NULL);
      for (j = i; j < n; j++)
        {
          const NbCellDef *d = nb_format_get_cell (format, j);
          if (d->table != def->table || d->row != def->row)
            break;
          /* A total of blanks is blank because of them: they are named. */
          if (nb_report_get_value_at (run->report, j)->blank &&
              (!d->computed || nb_report_has_stated_value (run->report, j)))
            {
              /* Short labels name the group where the review table repeats labels. */
              const char *name = d->column->short_label;
              if (!first)
                first = d;
              g_ptr_array_add (keys, (gpointer) d->key);
              append_name (run->self, columns, keys->len > 1, name);
            }
        }
      i = j;
      if (keys->len == 0)
        continue;
      {
        g_autofree char *n_text = g_strdup_printf ("%u", keys->len);
        const char *names[] = { "{cell}", "{row}", "{columns}", "{n}", NULL };
        /* A one-row table (四) is named by its title, not its row "件数". */
        const char *row = def->table->rows->len == 1 ? def->table->title : def->row->label;
        const char *values[] = { first->label, row, columns->str, n_text, NULL };
        g_autofree char *message = render_message (keys->len > 1 && check->cell_blank.message_row
                                                     ? check->cell_blank.message_row : check->message,
                                                   names, values);
        g_ptr_array_add (keys, NULL);
        add_problem (run, check, (const char *const *) keys->pdata, NULL, 0, 0, message);
      }
    }
}

static void
run_format_year (Run         *run,
                 const NbCheckDef *check)
{
  NbFormat *format = run->self->format;
  int year = nb_report_get_year (run->report);
  NbFormat *right;
  g_autofree char *message = NULL;

  right = nb_format_for_year (year);
  /* Covered, unless a later revision is in force for the year. */
  if (nb_format_covers_year (format, year) &&
      (!right || right == format || nb_format_get_from_year (right) <= nb_format_get_from_year (format)))
    return;
  {
    g_autofree char *y = g_strdup_printf ("%d", year);
    g_autofree char *from = g_strdup_printf ("%d", nb_format_get_from_year (format));
    const char *names[] = { "{year}", "{right}", "{issued_by}", "{version}", "{from}", NULL };
    const char *values[] = { y, right ? nb_format_get_version (right) : "",
                             right && nb_format_get_issued_by (right) ? nb_format_get_issued_by (right) : "",
                             nb_format_get_version (format), from, NULL };
    message = render_message (right ? check->message : check->format_year.message_none, names, values);
  }
  add_problem (run, check, NULL, NULL, 0, 0, message);
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        return FALSE;
    }
  return TRUE;
}

/* Characters that say something: not spaces or punctuation. */
static guint
content_length (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && !g_unichar_ispunct (c))
        n++;
    }
  return n;
}

static void
run_section_present (Run              *run,
                     const NbCheckDef *check)
{
  for (guint i = 0; i < check->section_present.n_sections; i++)
    {
      const NbSectionRuleDef *rule = &check->section_present.sections[i];
      const NbSectionDef *s = rule->section;
      const char *text = nb_report_get_text (run->report, s->key);
      g_autofree char *key = g_strconcat ("text/", s->key, NULL);
      g_autofree char *stripped = NULL;
      g_autofree char *n_text = NULL;
      const char *template = NULL;

      if (is_blank_text (text))
        {
          if (rule->message_empty)
            {
              const char *keys[] = { key, NULL };
              const char *names[] = { "{heading}", NULL };
              const char *values[] = { s->heading, NULL };
              g_autofree char *message = render_message (rule->message_empty, names, values);
              add_problem (run, check, keys, s->key, 0, 0, message);
            }
          continue;
        }
      stripped = g_strstrip (g_strdup (text));
      if (g_strv_contains (rule->not_just, stripped))
        template = check->section_present.message_nothing;
      else if (rule->min_chars > 0 && content_length (stripped) < rule->min_chars)
        template = check->section_present.message_short;
      if (template)
        {
          const char *keys[] = { key, NULL };
          const char *names[] = { "{heading}", "{text}", "{n}", NULL };
          const char *values[] = { s->heading, stripped, (n_text = g_strdup_printf ("%u", rule->min_chars)), NULL };
          g_autofree char *message = render_message (template, names, values);
          add_problem (run, check, keys, s->key, 0, (guint) g_utf8_strlen (text, -1), message);
        }
    }
}

static void
run_fees_present (Run         *run,
                  const NbCheckDef *check)
{
  gboolean all_filled = TRUE;
  const char *section;
  const char *text;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  /* The text that may state the fees is the fields' own section's. */
  section = check->fees_present.fields[0]->section;
  text = nb_report_get_text (run->report, section);

  for (guint i = 0; i < check->fees_present.n_fields; i++)
    {
      guint index = check->fees_present.fields[i]->index;
      if (nb_report_get_value_at (run->report, index)->blank)
        all_filled = FALSE;
      g_ptr_array_add (keys, (gpointer) nb_format_get_cell (run->self->format, index)->key);
    }
  if (all_filled)
    return;
  for (guint i = 0; check->fees_present.text_mentions[i]; i++)
    if (strstr (text, check->fees_present.text_mentions[i]))
      return;
  g_ptr_array_add (keys, NULL);
  add_problem (run, check, (const char *const *) keys->pdata, section, 0, 0, check->message);
}

static Paragraph *
analyse_paragraph (NbChecker  *self,
                   const char *text,
                   int         year)
{
  Paragraph *p = g_new0 (Paragraph, 1);

  p->length = (guint) g_utf8_strlen (text, -1);
  p->figures = nb_text_find_figures (self->figure_rules, text, year);
  p->periods = nb_text_find_periods (text, (const char *const *) self->period_keywords);
  p->own_years = g_array_new (FALSE, FALSE, sizeof (NbTextMatch));
  for (guint i = 0; i < self->own_year_res->len; i++)
    {
      g_autoptr(GArray) m = nb_text_find_matches (self->own_year_res->pdata[i], text, "year");
      g_array_append_vals (p->own_years, m->data, m->len);
    }
  p->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < self->numbering_res->len; i++)
    g_ptr_array_add (p->markers, nb_text_find_matches (self->numbering_res->pdata[i], text, "n"));
  p->announces = nb_text_find_matches (self->announce_re, text, "n");
  p->totals = self->units && self->units[0]
    ? nb_text_find_totals (text, (const char *const *) self->total_words,
                           (const char *const *) self->part_words, (const char *const *) self->units)
    : g_array_new (FALSE, FALSE, sizeof (NbTextTotal));
  p->n_halfwidth = nb_text_count_halfwidth (text, &p->first_halfwidth);
  for (guint k = 0; self->period_keywords && self->period_keywords[k] && !p->period_keyword; k++)
    p->period_keyword = strstr (text, self->period_keywords[k]) != NULL;
  return p;
}

static void
cache_append (TextCache *c,
              Paragraph *para,
              guint      byte,
              guint     *chars)
{
  para->generation = c->generation;
  g_ptr_array_add (c->paragraphs, para);
  g_array_append_val (c->offsets, *chars);
  g_array_append_val (c->bytes, byte);
  for (guint i = 0; i < para->figures->len; i++)
    {
      NbTextFigure f = g_array_index (para->figures, NbTextFigure, i);
      f.start += *chars;
      f.end += *chars;
      g_array_append_val (c->figures, f);
    }
  for (guint i = 0; i < para->periods->len; i++)
    {
      NbTextPeriod f = g_array_index (para->periods, NbTextPeriod, i);
      f.start += *chars;
      f.end += *chars;
      g_array_append_val (c->periods, f);
    }
  *chars += para->length + 1;
}

static gboolean
unused_paragraph (gpointer key,
                  gpointer value,
                  gpointer generation)
{
  return ((Paragraph *) value)->generation != GPOINTER_TO_UINT (generation);
}

/* The section's paragraphs, reading again only those an edit changed:
 * the paragraphs before the first changed byte and after the last one are
 * taken over as they are, the others are looked up by their text. */
static TextCache *
analyse_text (NbChecker  *self,
              const char *section,
              const char *text,
              int         year)
{
  TextCache *old = g_hash_table_lookup (self->text_cache, section);
  TextCache *c;
  gsize len = strlen (text), old_len = 0, prefix = 0, suffix = 0;
  guint first_suffix = G_MAXUINT;   /* old paragraph index */
  guint chars = 0, i = 0;
  const char *p = text;
  const char *middle_end = text + len;

  if (old && old->year == year && strcmp (old->text, text) == 0)
    return old;
  c = g_new0 (TextCache, 1);
  c->text = g_strdup (text);
  c->year = year;
  c->paragraphs = g_ptr_array_new ();
  c->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  c->bytes = g_array_new (FALSE, FALSE, sizeof (guint));
  c->figures = g_array_new (FALSE, FALSE, sizeof (NbTextFigure));
  c->periods = g_array_new (FALSE, FALSE, sizeof (NbTextPeriod));
  if (old && old->year == year)
    {
      c->pool = g_steal_pointer (&old->pool);
      c->generation = old->generation + 1;
      old_len = strlen (old->text);
      while (prefix < len && prefix < old_len && text[prefix] == old->text[prefix])
        prefix++;
      while (suffix < len - prefix && suffix < old_len - prefix &&
             text[len - 1 - suffix] == old->text[old_len - 1 - suffix])
        suffix++;
      /* Unchanged paragraphs before the edit: their newline is common too. */
      for (; i < old->paragraphs->len; i++)
        {
          Paragraph *para = g_ptr_array_index (old->paragraphs, i);
          guint b = g_array_index (old->bytes, guint, i);
          if (b + para->n_bytes >= prefix)
            break;
          cache_append (c, para, b, &chars);
        }
      p = text + (i < old->bytes->len ? g_array_index (old->bytes, guint, i) : len);
      /* … and after it: the newline before them is common. */
      for (guint k = old->paragraphs->len; k-- > i + 1;)
        {
          guint b = g_array_index (old->bytes, guint, k);
          if (b == 0 || b - 1 < old_len - suffix)
            break;
          first_suffix = k;
        }
      if (first_suffix != G_MAXUINT)
        middle_end = text + (g_array_index (old->bytes, guint, first_suffix) + len - old_len) - 1;
    }
  else
    {
      c->pool = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, paragraph_free);
      c->generation = 1;
    }

  /* The changed paragraphs. */
  for (;;)
    {
      const char *nl = memchr (p, '\n', middle_end - p);
      const char *stop = nl ? nl : middle_end;
      g_autofree char *line = g_strndup (p, stop - p);
      Paragraph *para = g_hash_table_lookup (c->pool, line);

      if (!para)
        {
          para = analyse_paragraph (self, line, year);
          para->n_bytes = (gsize) (stop - p);
          para->text = g_steal_pointer (&line);
          g_hash_table_insert (c->pool, para->text, para);
        }
      cache_append (c, para, (guint) (p - text), &chars);
      if (!nl)
        break;
      p = nl + 1;
    }
  if (first_suffix != G_MAXUINT)
    for (guint k = first_suffix; k < old->paragraphs->len; k++)
      cache_append (c, g_ptr_array_index (old->paragraphs, k),
                    (guint) (g_array_index (old->bytes, guint, k) + len - old_len), &chars);

  g_hash_table_foreach_remove (c->pool, unused_paragraph, GUINT_TO_POINTER (c->generation));
  g_hash_table_replace (self->text_cache, (gpointer) section, c);
  return c;
}

/* The sum of an alternative's cells; blank when all of them are. */
static NbNumber
alternative_value (Run               *run,
                   const Alternative *alt)
{
  NbNumber sum = nb_number_from_int (0);
  gboolean all_blank = alt->cells->len > 0;

  for (guint c = 0; c < alt->cells->len; c++)
    {
      const NbNumber *v = nb_report_get_value_at (run->report, g_array_index (alt->cells, guint, c));
      all_blank = all_blank && v->blank;
      nb_number_add (&sum, v);
    }
  sum.blank = all_blank;
  return sum;
}

static void
describe_alternative (Run               *run,
                      const Alternative *alt,
                      GString           *expected,
                      GPtrArray         *keys)
{
  NbNumber v = alternative_value (run, alt);
  char buf[NB_NUMBER_BUF];
  g_autoptr(GString) text = g_string_new (alt->text);
  const NbCellDef *def = alt->cells->len == 1
    ? nb_format_get_cell (run->self->format, g_array_index (alt->cells, guint, 0)) : NULL;

  g_string_replace (text, "{value}", value_text (run->self, def, &v, buf), 0);
  if (expected->len > 0)
    g_string_append (expected, check_text (run->self, "alternatives_separator"));
  g_string_append (expected, text->str);
  for (guint c = 0; c < alt->cells->len; c++)
    {
      const char *key = nb_format_get_cell (run->self->format, g_array_index (alt->cells, guint, c))->key;
      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, (gpointer) key);
    }
}

static void
check_figure (Run                *run,
              const NbCheckDef   *check,
              const char         *section,
              const NbTextFigure *fig)
{
  const FigureRule *rule = g_ptr_array_index (run->self->figure_info, fig->rule);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GString) expected = g_string_new (NULL);
  gboolean ok = FALSE;

  if (rule->claim)
    {
      /* "均获维持": nothing corrected or pending in any scope it covers. */
      NbNumber total = nb_number_from_int (0);
      gboolean any = FALSE;

      for (guint k = 0; k < rule->scopes->len; k++)
        if (fig->scopes & (1u << k))
          for (guint a = 0; a < ((GPtrArray *) rule->scopes->pdata[k])->len; a++)
            {
              const Alternative *alt = g_ptr_array_index ((GPtrArray *) rule->scopes->pdata[k], a);
              NbNumber v = alternative_value (run, alt);
              if (!v.blank)
                any = TRUE;
              nb_number_add (&total, &v);
              if (!nb_number_equal (&v, &(NbNumber) NB_NUMBER_INIT) && !v.blank)
                describe_alternative (run, alt, expected, keys);
            }
      ok = !any || nb_number_equal (&total, &(NbNumber) NB_NUMBER_INIT);
    }
  else
    {
      GPtrArray *alts = fig->scope >= 0 && (guint) fig->scope < rule->scopes->len
                          ? g_ptr_array_index (rule->scopes, fig->scope) : rule->alternatives;

      if (alts->len == 0)
        return;   /* a scoped phrase that names no scope: not about the tables */
      for (guint a = 0; a < alts->len && !ok; a++)
        {
          NbNumber v = alternative_value (run, g_ptr_array_index (alts, a));
          ok = !v.blank && nb_number_equal (&v, &fig->number);
        }
      if (!ok)
        for (guint a = 0; a < alts->len; a++)
          describe_alternative (run, g_ptr_array_index (alts, a), expected, keys);
    }
  if (!ok)
    {
      char fb[NB_NUMBER_BUF];
      const char *names[] = { "{found}", "{expected}", NULL };
      const char *values[] = { nb_number_format (&fig->number, fb), expected->str, NULL };
      g_autofree char *message = render_message (rule->message, names, values);

      g_ptr_array_add (keys, NULL);
      add_problem (run, check, (const char *const *) keys->pdata, section, fig->start, fig->end, message);
    }
}

static void
run_text_figures (Run         *run,
                  const NbCheckDef *check)
{
  int year = nb_report_get_year (run->report);

  for (guint s = 0; s < run->self->text_sections->len; s++)
    {
      const NbSectionDef *section = g_ptr_array_index (run->self->text_sections, s);
      const char *text = nb_report_get_text (run->report, section->key);
      GArray *figures;

      if (*text == '\0')
        continue;
      figures = analyse_text (run->self, section->key, text, year)->figures;
      for (guint i = 0; i < figures->len; i++)
        check_figure (run, check, section->key, &g_array_index (figures, NbTextFigure, i));
    }
}

static void
run_text_period (Run         *run,
                 const NbCheckDef *check,
                 gboolean     years)
{
  int year = nb_report_get_year (run->report);

  for (guint s = 0; s < run->self->text_sections->len; s++)
    {
      const NbSectionDef *section = g_ptr_array_index (run->self->text_sections, s);
      const char *text = nb_report_get_text (run->report, section->key);
      GArray *periods;

      if (*text == '\0')
        continue;
      periods = analyse_text (run->self, section->key, text, year)->periods;
      for (guint i = 0; i < periods->len; i++)
        {
          const NbTextPeriod *p = &g_array_index (periods, NbTextPeriod, i);
          gboolean year_ok = p->start_year == year && p->end_year == year;
          g_autofree char *found = NULL;
          g_autofree char *y = g_strdup_printf ("%d", year);
          const char *names[] = { "{found}", "{year}", NULL };
          const char *values[] = { NULL, y, NULL };

          {
            char n[6][16];
            const int parts[] = { p->start_year, p->start_month, p->start_day,
                                  p->end_year, p->end_month, p->end_day };
            const char *pn[] = { "{from_year}", "{from_month}", "{from_day}",
                                 "{to_year}", "{to_month}", "{to_day}", NULL };
            const char *pv[7] = { NULL };

            for (guint k = 0; k < 6; k++)
              pv[k] = (g_snprintf (n[k], sizeof n[k], "%d", parts[k]), n[k]);
            values[0] = found = render_message (check->period.period_text, pn, pv);
          }
          if ((years && !year_ok) ||
              (!years && year_ok &&
               (p->start_month != 1 || p->start_day != 1 || p->end_month != 12 || p->end_day != 31)))
            {
              g_autofree char *message = render_message (check->message, names, values);
              add_problem (run, check, NULL, section->key, p->start, p->end, message);
            }
        }
    }

  if (years)
    {
      const char *title = nb_report_get_stated_title (run->report);
      for (const char *p = title; p && p[0]; p++)
        if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
            g_ascii_isdigit (p[3]) && g_str_has_prefix (p + 4, "年") &&
            atoi (p) / 10000 == 0 && g_ascii_strtoll (p, NULL, 10) != year)
          {
            g_autofree char *found = g_strndup (p, 4);
            g_autofree char *y = g_strdup_printf ("%d", year);
            const char *names[] = { "{found}", "{year}", NULL };
            const char *values[] = { found, y, NULL };
            g_autofree char *message = render_message (check->period.message_title, names, values);
            const char *keys[] = { "title", NULL };
            add_problem (run, check, keys, NULL, 0, 0, message);
            break;
          }
    }
}

static void
find_patterns (Run         *run,
               const NbCheckDef *check,
               const char  *section,
               const char  *field,
               const char  *text)
{
  const char *const *patterns = check->text_template.patterns;

  for (guint i = 0; patterns[i]; i++)
    {
      const char *hit = text ? strstr (text, patterns[i]) : NULL;

      if (hit)
        {
          guint start = (guint) g_utf8_pointer_to_offset (text, hit);
          guint len = (guint) g_utf8_strlen (patterns[i], -1);
          const char *names[] = { "{pattern}", NULL };
          const char *values[] = { patterns[i], NULL };
          g_autofree char *message = render_message (section ? check->message : check->text_template.message_title,
                                                     names, values);
          const char *keys[] = { field, NULL };

          add_problem (run, check, keys, section, section ? start : 0, section ? start + len : 0, message);
          return;   /* one finding per text is enough to send the clerk there */
        }
    }
}

static void
run_text_template (Run         *run,
                   const NbCheckDef *check)
{
  for (guint s = 0; s < run->self->text_sections->len; s++)
    {
      const NbSectionDef *section = g_ptr_array_index (run->self->text_sections, s);
      g_autofree char *key = g_strconcat ("text/", section->key, NULL);

      find_patterns (run, check, section->key, key, nb_report_get_text (run->report, section->key));
    }
  find_patterns (run, check, NULL, "agency", nb_report_get_agency (run->report));
  find_patterns (run, check, NULL, "title", nb_report_get_stated_title (run->report));
}

static void
run_deadline (Run         *run,
              const NbCheckDef *check)
{
  const char *date = nb_report_get_date (run->report);
  gboolean government = nb_report_get_agency_kind (run->report) == NB_AGENCY_GOVERNMENT;
  const char *limit = government ? check->deadline.government : check->deadline.department;
  g_autofree char *deadline = g_strdup_printf ("%04d-%s", nb_report_get_year (run->report) + 1, limit);
  g_autofree char *year = g_strdup_printf ("%d", nb_report_get_year (run->report));
  g_autofree char *next = g_strdup_printf ("%d", nb_report_get_year (run->report) + 1);
  g_autofree char *year_end = g_strdup_printf ("%04d-12-31", nb_report_get_year (run->report));
  const char *names[] = { "{date}", "{deadline}", "{year}", "{next_year}", "{limit}", "{agency_kind}", NULL };
  const char *values[] = { date, deadline, year, next,
                           government ? check->deadline.government_text : check->deadline.department_text,
                           government ? check->deadline.government_word : check->deadline.department_word, NULL };
  const char *template = NULL;

  /* The printed report ends with its date, and without one the deadline
   * cannot be checked: a reminder while drafting. An annual report is
   * dated after its year has ended (a date inside the year is usually the
   * year typed wrong). ISO dates compare as strings. */
  if (date == NULL)
    template = check->deadline.message_no_date;
  else if (strcmp (date, year_end) <= 0)
    template = check->deadline.message_in_year;
  else if (strcmp (date, deadline) > 0)
    template = check->message;
  if (template)
    {
      const char *keys[] = { "date", NULL };
      g_autofree char *message = render_message (template, names, values);

      add_problem (run, check, keys, NULL, 0, 0, message);
    }
}

static void
run_carry_jump (Run         *run,
                const NbCheckDef *check)
{
  NbFormat *format = run->self->format;
  guint n = nb_format_get_n_cells (format);

  if (!run->previous)
    return;
  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      const NbNumber *now, *then;
      gint64 a, b;

      if (!def->table || def->computed)
        continue;
      then = nb_report_get_value (run->previous, def->key);
      if (!then || then->blank)
        continue;
      now = nb_report_get_value_at (run->report, i);
      if (now->blank)
        continue;
      a = ABS (nb_number_integer_part (then));
      b = ABS (nb_number_integer_part (now));
      if ((b > a * check->carry_jump.factor || a > b * check->carry_jump.factor) &&
          ABS (b - a) > check->carry_jump.min_change)
        {
          char tb[NB_NUMBER_BUF], nbuf[NB_NUMBER_BUF];
          const char *names[] = { "{cell}", "{then}", "{now}", NULL };
          const char *values[] = { def->label, nb_number_format (then, tb), nb_number_format (now, nbuf), NULL };
          g_autofree char *message = render_message (check->message, names, values);
          const char *keys[] = { def->key, NULL };
          add_problem (run, check, keys, NULL, 0, 0, message);
        }
    }
}

static void
run_carry_agency (Run         *run,
                  const NbCheckDef *check)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!run->previous)
    return;
  a = g_strstrip (g_strdup (nb_report_get_agency (run->previous)));
  b = g_strstrip (g_strdup (nb_report_get_agency (run->report)));
  if (g_strcmp0 (a, b) != 0)
    {
      const char *names[] = { "{then}", "{now}", NULL };
      const char *values[] = { a, b, NULL };
      g_autofree char *message = render_message (check->message, names, values);
      const char *keys[] = { "agency", NULL };
      add_problem (run, check, keys, NULL, 0, 0, message);
    }
}

/* ---- the report's own form ---- */

static char *
quote_of (const char *text,
          guint       start,
          guint       end)
{
  return g_utf8_substring (text, start, end);
}

static void
add_text_problem (Run               *run,
                  const NbCheckDef  *check,
                  const char        *template,
                  const char *const *names,
                  const char *const *values,
                  const char        *section,
                  guint              start,
                  guint              end)
{
  g_autofree char *key = g_strconcat ("text/", section, NULL);
  const char *keys[] = { key, NULL };
  g_autofree char *message = render_message (template, names, values);

  add_problem (run, check, keys, section, start, end, message);
}

/* Runs @fn over every non-empty text section with its analysis. */
#define FOR_EACH_TEXT(run, section, text, cache)                                           \
  for (guint _s = 0; _s < (run)->self->text_sections->len; _s++)                           \
    for (const NbSectionDef *section = g_ptr_array_index ((run)->self->text_sections, _s);  \
         section; section = NULL)                                                          \
      for (const char *text = nb_report_get_text ((run)->report, section->key);            \
           text && *text; text = NULL)                                                     \
        for (TextCache *cache = analyse_text ((run)->self, section->key, text,             \
                                              nb_report_get_year ((run)->report));        \
             cache; cache = NULL)

static void
run_own_year (Run         *run,
              const NbCheckDef *check)
{
  int year = nb_report_get_year (run->report);
  g_autofree char *year_text = g_strdup_printf ("%d", year);

  FOR_EACH_TEXT (run, section, text, cache)
    for (guint i = 0; i < cache->paragraphs->len; i++)
      {
        const Paragraph *p = g_ptr_array_index (cache->paragraphs, i);
        guint base = g_array_index (cache->offsets, guint, i);

        for (guint m = 0; m < p->own_years->len; m++)
          {
            const NbTextMatch *y = &g_array_index (p->own_years, NbTextMatch, m);
            if (y->value > 0 && y->value != year)
              {
                g_autofree char *quote = quote_of (p->text, y->start, y->end);
                g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, y->value);
                const char *names[] = { "{quote}", "{found}", "{year}", NULL };
                const char *values[] = { quote, found, year_text, NULL };
                add_text_problem (run, check, check->message, names, values, section->key,
                                  base + y->start, base + y->end);
              }
          }
      }
}

static void
run_period_missing (Run         *run,
                    const NbCheckDef *check)
{
  gboolean stated = FALSE;
  gboolean any_text = FALSE;

  FOR_EACH_TEXT (run, section, text, cache)
    {
      any_text = TRUE;
      for (guint i = 0; i < cache->paragraphs->len && !stated; i++)
        stated = ((const Paragraph *) g_ptr_array_index (cache->paragraphs, i))->period_keyword;
    }
  if (!stated && any_text)
    {
      g_autofree char *year = g_strdup_printf ("%d", nb_report_get_year (run->report));
      const char *names[] = { "{year}", NULL };
      const char *values[] = { year, NULL };
      add_text_problem (run, check, check->message, names, values,
                        ((const NbSectionDef *) g_ptr_array_index (run->self->text_sections, 0))->key, 0, 0);
    }
}

/* Marks of numbering family @f in a section, in order. */
static GArray *
section_marks (const TextCache *cache,
               GPtrArray *(*pick) (const Paragraph *),
               guint            f)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Mark));

  for (guint i = 0; i < cache->paragraphs->len; i++)
    {
      const Paragraph *p = g_ptr_array_index (cache->paragraphs, i);
      GPtrArray *families = pick (p);
      GArray *found = f < families->len ? g_ptr_array_index (families, f) : NULL;
      guint base = g_array_index (cache->offsets, guint, i);

      for (guint m = 0; found && m < found->len; m++)
        {
          const NbTextMatch *x = &g_array_index (found, NbTextMatch, m);
          Mark mark = { base + x->start, base + x->end, x->value, i, f };
          g_array_append_val (out, mark);
        }
    }
  return out;
}

static char *
mark_quote (const TextCache *cache,
            const Mark      *m)
{
  const Paragraph *p = g_ptr_array_index (cache->paragraphs, m->paragraph);
  guint base = g_array_index (cache->offsets, guint, m->paragraph);

  return quote_of (p->text, m->start - base, m->end - base);
}

static GPtrArray *
pick_markers (const Paragraph *p)
{
  return p->markers;
}

static void
run_numbering (Run         *run,
               const NbCheckDef *check)
{
  FOR_EACH_TEXT (run, section, text, cache)
    for (guint f = 0; f < run->self->numbering_res->len; f++)
      {
        g_autoptr(GArray) marks = section_marks (cache, pick_markers, f);

        for (guint i = 1; i < marks->len; i++)
          {
            const Mark *prev = &g_array_index (marks, Mark, i - 1);
            const Mark *m = &g_array_index (marks, Mark, i);
            const char *template = NULL;

            /* "一是" starts a new list; otherwise the next number. */
            if (m->value == 1 || m->value < 0 || prev->value < 0 || m->value == prev->value + 1)
              continue;
            template = m->value == prev->value ? check->numbering.message_repeat : check->numbering.message_skip;
            {
              g_autofree char *a = mark_quote (cache, prev);
              g_autofree char *b = mark_quote (cache, m);
              const char *names[] = { "{prev}", "{found}", NULL };
              const char *values[] = { a, b, NULL };
              add_text_problem (run, check, template, names, values, section->key, m->start, m->end);
            }
          }
      }
}

/* How many items follow an announcement ("以下三个方面：") ending at @end
 * in paragraph @para: "一是…二是…" in the same paragraph, else the
 * numbered paragraphs after it (1. 2. 3. or （一）（二）), counted while
 * they run 1, 2, 3 in one family. */
static guint
count_family (GArray   *marks,
              gboolean  inline_,
              guint     para,
              guint     end)
{
  guint n = 0;

  for (guint i = 0; i < marks->len; i++)
    {
      const Mark *m = &g_array_index (marks, Mark, i);
      if (m->start < end || (inline_ ? m->paragraph != para : m->paragraph <= para))
        continue;
      /* Listed paragraphs start right after the announcement. */
      if (!inline_ && n == 0 && m->paragraph != para + 1)
        break;
      if (m->value != (gint64) n + 1)
        break;
      n++;
    }
  return n;
}

/* How many items follow an announcement ("以下三个方面：") ending at @end
 * in paragraph @para: "一是…二是…" in the rest of that paragraph, or, when
 * the announcement ends its paragraph, the numbered paragraphs right after
 * it (1. 2. 3. or （一）（二）) while they run 1, 2, 3 in one family. */
static guint
count_items (const TextCache *cache,
             GArray          *families_marks,
             const GArray    *inline_family,
             guint            para,
             guint            end,
             gboolean         ends_paragraph)
{
  guint best = 0;

  for (guint f = 0; f < families_marks->len; f++)
    if (g_array_index (inline_family, gboolean, f))
      best = MAX (best, count_family (g_array_index (families_marks, GArray *, f), TRUE, para, end));
  if (best > 0 || !ends_paragraph)
    return best;
  for (guint f = 0; f < families_marks->len; f++)
    if (!g_array_index (inline_family, gboolean, f))
      best = MAX (best, count_family (g_array_index (families_marks, GArray *, f), FALSE, para, end));
  return best;
}

static void
run_item_count (Run         *run,
                const NbCheckDef *check)
{
  FOR_EACH_TEXT (run, section, text, cache)
    {
      g_autoptr(GArray) families = g_array_new (FALSE, FALSE, sizeof (GArray *));

      for (guint f = 0; f < run->self->numbering_res->len; f++)
        {
          GArray *marks = section_marks (cache, pick_markers, f);
          g_array_append_val (families, marks);
        }
      for (guint i = 0; i < cache->paragraphs->len; i++)
        {
          const Paragraph *p = g_ptr_array_index (cache->paragraphs, i);
          guint base = g_array_index (cache->offsets, guint, i);

          for (guint a = 0; a < p->announces->len; a++)
            {
              const NbTextMatch *x = &g_array_index (p->announces, NbTextMatch, a);
              const char *rest = g_utf8_offset_to_pointer (p->text, x->end);
              guint n;

              while (*rest && g_unichar_isspace (g_utf8_get_char (rest)))
                rest = g_utf8_next_char (rest);
              n = count_items (cache, families, run->self->inline_family, i, base + x->end, *rest == '\0');

              if (x->value > 0 && n > 0 && (gint64) n != x->value)
                {
                  g_autofree char *quote = quote_of (p->text, x->start, x->end);
                  g_autofree char *said = g_strdup_printf ("%" G_GINT64_FORMAT, x->value);
                  g_autofree char *found = g_strdup_printf ("%u", n);
                  const char *names[] = { "{quote}", "{said}", "{found}", NULL };
                  const char *values[] = { quote, said, found, NULL };
                  add_text_problem (run, check, check->message, names, values, section->key,
                                    base + x->start, base + x->end);
                }
            }
        }
      for (guint f = 0; f < families->len; f++)
        g_array_unref (g_array_index (families, GArray *, f));
    }
}

static void
run_total_parts (Run         *run,
                 const NbCheckDef *check)
{
  FOR_EACH_TEXT (run, section, text, cache)
    for (guint i = 0; i < cache->paragraphs->len; i++)
      {
        const Paragraph *p = g_ptr_array_index (cache->paragraphs, i);
        guint base = g_array_index (cache->offsets, guint, i);

        for (guint t = 0; t < p->totals->len; t++)
          {
            const NbTextTotal *x = &g_array_index (p->totals, NbTextTotal, t);
            if (x->parts_sum > x->total)
              {
                g_autofree char *quote = quote_of (p->text, x->start, x->end);
                g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, x->total);
                g_autofree char *sum = g_strdup_printf ("%" G_GINT64_FORMAT, x->parts_sum);
                const char *names[] = { "{quote}", "{total}", "{sum}", "{unit}", NULL };
                const char *values[] = { quote, total, sum, run->self->units[x->unit], NULL };
                add_text_problem (run, check, check->message, names, values, section->key,
                                  base + x->start, base + x->end);
              }
          }
      }
}

/* One problem per paragraph, covering it: nb_text_fix_halfwidth_range ()
 * with the problem's range is the one-click fix. */
static void
run_punctuation (Run         *run,
                 const NbCheckDef *check)
{
  FOR_EACH_TEXT (run, section, text, cache)
    for (guint i = 0; i < cache->paragraphs->len; i++)
      {
        const Paragraph *p = g_ptr_array_index (cache->paragraphs, i);
        guint base = g_array_index (cache->offsets, guint, i);

        if (p->n_halfwidth > 0)
          {
            g_autofree char *n = g_strdup_printf ("%u", p->n_halfwidth);
            g_autofree char *mark = quote_of (p->text, p->first_halfwidth, p->first_halfwidth + 1);
            const char *names[] = { "{n}", "{mark}", NULL };
            const char *values[] = { n, mark, NULL };
            add_text_problem (run, check, check->message, names, values, section->key,
                              base, base + p->length);
          }
      }
}

/* A 万元 figure that is a whole number of ten thousand or more is surely
 * typed in 元 (380000 for 38 万元). */
static void
run_amount_unit (Run         *run,
                 const NbCheckDef *check)
{
  for (guint i = 0; i < check->amount_unit.n_cells; i++)
    {
      const NbCellDef *def = check->amount_unit.cells[i];
      guint index = def->index;
      const NbNumber *v = nb_report_get_value_at (run->report, index);
      NbNumber whole = nb_number_from_int (nb_number_integer_part (v));

      if (v->blank || !nb_number_equal (v, &whole) || nb_number_integer_part (v) < check->amount_unit.min_change)
        continue;
      {
        char buf[NB_NUMBER_BUF], wb[NB_NUMBER_BUF];
        NbNumber as_wan = { nb_number_integer_part (v), 4, FALSE };   /* 元 → 万元 */
        const char *keys[] = { def->key, NULL };
        const char *names[] = { "{cell}", "{value}", "{as_wan}", NULL };
        const char *values[] = { def->label, nb_number_format (v, buf), nb_number_format (&as_wan, wb), NULL };
        g_autofree char *message = render_message (check->message, names, values);
        add_problem (run, check, keys, NULL, 0, 0, message);
      }
    }
}

/* 本年增/减 more than @factor times 上一年项目数量, and by more than @min_change. */
static void
run_ratio (Run         *run,
           const NbCheckDef *check)
{
  for (guint i = 0; i < check->ratio.n_rows; i++)
    {
      guint vi = check->ratio.values[i]->index;
      guint bi = check->ratio.bases[i]->index;
      const NbNumber *v = nb_report_get_value_at (run->report, vi);
      const NbNumber *b = nb_report_get_value_at (run->report, bi);
      gint64 change, base;

      if (v->blank || b->blank)
        continue;
      change = ABS (nb_number_integer_part (v));
      base = ABS (nb_number_integer_part (b));
      if (change > base * check->ratio.factor && change > check->ratio.min_change)
        {
          const NbCellDef *dv = check->ratio.values[i];
          const NbCellDef *db = check->ratio.bases[i];
          char vb[NB_NUMBER_BUF], bb[NB_NUMBER_BUF];
          const char *keys[] = { dv->key, db->key, NULL };
          const char *names[] = { "{row}", "{value}", "{base}", NULL };
          const char *values[] = { dv->row->label, nb_number_format (v, vb), nb_number_format (b, bb), NULL };
          g_autofree char *message = render_message (check->message, names, values);
          add_problem (run, check, keys, NULL, 0, 0, message);
        }
    }
}

gboolean
nb_checker_warm_up (NbChecker *self)
{
  int year = nb_format_get_from_year (self->format);
  g_autoptr(NbReport) warm = nb_report_new (self->format, year, "");
  g_autofree char *text = NULL;
  g_autofree char *y = g_strdup_printf ("%d", year);
  const char *pn[] = { "{from_year}", "{from_month}", "{from_day}",
                       "{to_year}", "{to_month}", "{to_day}", NULL };
  const char *pv[] = { y, "1", "1", y, "12", "31", NULL };

  const NbCheckDef *period = NULL;
  gboolean read_back = FALSE;

  for (guint i = 0; i < nb_format_get_n_checks (self->format) && !period; i++)
    {
      const NbCheckDef *check = nb_format_get_check (self->format, i);

      if (check->type == NB_CHECK_TEXT_PERIOD && check->period.period_text)
        period = check;
    }
  if (period)
    {
      g_autofree char *dates = render_message (period->period.period_text, pn, pv);
      g_autoptr(GArray) found = NULL;

      /* "统计期限2024年1月1日至2024年12月31日": a keyword, then the period. */
      text = g_strconcat (period->period.keywords[0] ? period->period.keywords[0] : "", dates, NULL);
      found = nb_text_find_periods (text, period->period.keywords);
      read_back = found->len == 1 && g_array_index (found, NbTextPeriod, 0).start_year == year &&
                  g_array_index (found, NbTextPeriod, 0).end_day == 31;
    }
  if (text && self->text_sections->len > 0)
    nb_report_set_text (warm, ((const NbSectionDef *) g_ptr_array_index (self->text_sections, 0))->key,
                        text, NULL);
  g_ptr_array_unref (nb_checker_run (self, warm, NULL));
  return read_back;
}

GPtrArray *
nb_checker_run (NbChecker *self,
                NbReport  *report,
                NbReport  *previous)
{
  Run run = { self, report, previous, NULL, NULL };

  g_return_val_if_fail (NB_IS_CHECKER (self), NULL);
  g_return_val_if_fail (NB_IS_REPORT (report), NULL);
  g_return_val_if_fail (nb_report_get_format (report) == self->format, NULL);

  run.errors = g_ptr_array_new_with_free_func (g_object_unref);
  run.warnings = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->checks->len; i++)
    {
      const NbCheckDef *check = g_ptr_array_index (self->checks, i);

      if (check->across_years && previous == NULL)
        continue;
      switch (check->type)
        {
        case NB_CHECK_COMPARE: run_compare (&run, check); break;
        case NB_CHECK_CELL_KIND: run_cell_kind (&run, check); break;
        case NB_CHECK_CELL_BLANK: run_cell_blank (&run, check); break;
        case NB_CHECK_FORMAT_YEAR: run_format_year (&run, check); break;
        case NB_CHECK_SECTION_PRESENT: run_section_present (&run, check); break;
        case NB_CHECK_FEES_PRESENT: run_fees_present (&run, check); break;
        case NB_CHECK_TEXT_FIGURES: run_text_figures (&run, check); break;
        case NB_CHECK_TEXT_PERIOD: run_text_period (&run, check, FALSE); break;
        case NB_CHECK_TEXT_YEAR: run_text_period (&run, check, TRUE); break;
        case NB_CHECK_TEXT_TEMPLATE: run_text_template (&run, check); break;
        case NB_CHECK_DEADLINE: run_deadline (&run, check); break;
        case NB_CHECK_CARRY_JUMP: run_carry_jump (&run, check); break;
        case NB_CHECK_CARRY_AGENCY: run_carry_agency (&run, check); break;
        case NB_CHECK_TEXT_OWN_YEAR: run_own_year (&run, check); break;
        case NB_CHECK_PERIOD_MISSING: run_period_missing (&run, check); break;
        case NB_CHECK_NUMBERING: run_numbering (&run, check); break;
        case NB_CHECK_ITEM_COUNT: run_item_count (&run, check); break;
        case NB_CHECK_TOTAL_PARTS: run_total_parts (&run, check); break;
        case NB_CHECK_PUNCTUATION: run_punctuation (&run, check); break;
        case NB_CHECK_AMOUNT_UNIT: run_amount_unit (&run, check); break;
        case NB_CHECK_RATIO: run_ratio (&run, check); break;
        default: break;
        }
    }

  /* Errors first, then warnings, each in the order of the checks. */
  for (guint i = 0; i < run.warnings->len; i++)
    g_ptr_array_add (run.errors, g_object_ref (g_ptr_array_index (run.warnings, i)));
  g_ptr_array_unref (run.warnings);
  return run.errors;
}

GPtrArray *
nb_check_report (NbReport *report,
                 NbReport *previous)
{
  NbChecker *checker = nb_checker_for_format (nb_report_get_format (report));

  if (!checker)
    return g_ptr_array_new_with_free_func (g_object_unref);
  return nb_checker_run (checker, report, previous);
}

guint
nb_problems_count (GPtrArray  *problems,
                   NbSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; problems && i < problems->len; i++)
    if (nb_problem_get_severity (g_ptr_array_index (problems, i)) == severity)
      n++;
  return n;
}

/* ---- one-click fixes ---- */

gboolean
nb_checker_can_fix (NbProblem *problem)
{
  g_return_val_if_fail (NB_IS_PROBLEM (problem), FALSE);

  return g_strcmp0 (nb_problem_get_id (problem), "text.punctuation") == 0 &&
         nb_problem_get_section (problem) != NULL;
}

gboolean
nb_checker_apply_fix (NbReport   *report,
                      NbProblem  *problem,
                      GError    **error)
{
  const char *section;
  const char *text;
  g_autofree char *fixed = NULL;
  gboolean ok;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (NB_IS_PROBLEM (problem), FALSE);

  section = nb_problem_get_section (problem);
  text = section ? nb_report_get_text (report, section) : NULL;
  if (!nb_checker_can_fix (problem) || !text ||
      (glong) nb_problem_get_end (problem) > g_utf8_strlen (text, -1))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_STALE, _("This problem cannot be fixed automatically"));
      return FALSE;
    }
  fixed = nb_text_fix_halfwidth_range (text, nb_problem_get_start (problem), nb_problem_get_end (problem));
  if (g_str_equal (fixed, text))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_STALE, _("The text has changed since it was checked"));
      return FALSE;
    }
  /* A step of its own, not merged into the typing before it. */
  nb_report_begin_group (report);
  ok = nb_report_set_text (report, section, fixed, error);
  nb_report_end_group (report);
  return ok;
}

/* ---- a published report's headings ---- */

/* "五、存在问题及改进情况" → 5 and "存在问题及改进情况"; -1 without a number. */
static gint64
split_heading (const char  *heading,
               char       **title)
{
  const char *p = heading;
  const char *num_end;
  gint64 n = -1;

  while (*p && (g_unichar_isspace (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0x3000))
    p = g_utf8_next_char (p);
  num_end = p;
  while (*num_end && g_utf8_get_char (num_end) != 0x3001 /*、*/ && g_utf8_get_char (num_end) != 0xFF0E &&
         *num_end != '.' && (guint) (num_end - p) < 4 * 3)
    num_end = g_utf8_next_char (num_end);
  if (num_end > p && (g_utf8_get_char (num_end) == 0x3001 || g_utf8_get_char (num_end) == 0xFF0E || *num_end == '.') &&
      nb_text_parse_count (p, num_end - p, &n))
    p = g_utf8_next_char (num_end);
  else
    n = -1;
  *title = g_strstrip (g_strdup (p));
  return n;
}

static const NbCheckDef *
find_check_of_type (NbChecker   *self,
                    NbCheckType  type)
{
  for (guint i = 0; i < self->checks->len; i++)
    if (((const NbCheckDef *) g_ptr_array_index (self->checks, i))->type == type)
      return g_ptr_array_index (self->checks, i);
  return NULL;
}

static void
heading_problem (Run               *run,
                 const NbCheckDef  *check,
                 const char        *template,
                 guint              index,
                 const char *const *names,
                 const char *const *values)
{
  g_autofree char *key = g_strdup_printf ("heading/%u", index);
  const char *keys[] = { key, NULL };
  g_autofree char *message = NULL;

  if (!template)
    return;
  message = render_message (template, names, values);
  add_problem (run, check, keys, NULL, 0, 0, message);
}

GPtrArray *
nb_checker_check_headings (NbChecker         *self,
                           const char *const *headings)
{
  Run run = { self, NULL, NULL, NULL, NULL };
  const NbCheckDef *check = find_check_of_type (self, NB_CHECK_HEADINGS);
  const NbCheckDef *variant = find_check_of_type (self, NB_CHECK_HEADING_VARIANT);
  guint n_sections = nb_format_get_n_sections (self->format);
  g_autofree gboolean *seen = g_new0 (gboolean, n_sections);
  gint next = 0;   /* the section expected next */

  g_return_val_if_fail (NB_IS_CHECKER (self), NULL);

  run.errors = g_ptr_array_new_with_free_func (g_object_unref);
  run.warnings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint h = 0; check && headings && headings[h]; h++)
    {
      g_autofree char *title = NULL;
      gint64 number = split_heading (headings[h], &title);
      gint found = -1;
      gboolean reworded = FALSE;
      const NbSectionDef *s;

      for (guint k = 0; k < n_sections && found < 0; k++)
        {
          g_autofree char *official = NULL;

          s = nb_format_get_section (self->format, k);
          split_heading (s->heading, &official);
          if (g_str_equal (official, title))
            found = (gint) k;
          if (found < 0 && variant && g_strv_contains (variant->heading_variant.variants[k], title))
            found = (gint) k, reworded = TRUE;
        }
      if (found < 0)
        {
          const char *names[] = { "{heading}", NULL };
          const char *values[] = { headings[h], NULL };
          heading_problem (&run, check, check->headings.message_unknown, h, names, values);
          continue;
        }
      s = nb_format_get_section (self->format, found);
      {
        const char *names[] = { "{heading}", "{official}", NULL };
        const char *values[] = { headings[h], s->heading, NULL };

        if (seen[found])
          heading_problem (&run, check, check->headings.message_repeated, h, names, values);
        else if (found < next)
          heading_problem (&run, check, check->headings.message_order, h, names, values);
        else if (number != (gint64) found + 1)
          heading_problem (&run, check, check->headings.message_number, h, names, values);
        if (reworded)
          heading_problem (&run, variant, variant->heading_variant.message_variant, h, names, values);
      }
      seen[found] = TRUE;
      next = MAX (next, found + 1);
    }
  /* Missing: never found anywhere (a misplaced one is reported where it is). */
  for (guint k = 0; check && k < n_sections; k++)
    if (!seen[k])
      {
        const char *names[] = { "{official}", NULL };
        const char *values[] = { nb_format_get_section (self->format, k)->heading, NULL };
        heading_problem (&run, check, check->headings.message_missing, k, names, values);
      }
  for (guint i = 0; i < run.warnings->len; i++)
    g_ptr_array_add (run.errors, g_object_ref (g_ptr_array_index (run.warnings, i)));
  g_ptr_array_unref (run.warnings);
  return run.errors;
}

/* ---- carrying last year's figures over ---- */

guint
nb_checker_carry_over (NbChecker *self,
                       NbReport  *report,
                       NbReport  *previous)
{
  Run run = { self, report, previous, NULL, NULL };
  guint n_set = 0;

  g_return_val_if_fail (NB_IS_CHECKER (self), 0);
  g_return_val_if_fail (NB_IS_REPORT (report), 0);
  g_return_val_if_fail (NB_IS_REPORT (previous), 0);

  nb_report_begin_group (report);
  for (guint c = 0; c < self->checks->len; c++)
    {
      const NbCheckDef *check = g_ptr_array_index (self->checks, c);

      /* "this year's X = (last year's …)": the format's own carry rules. */
      if (check->type != NB_CHECK_COMPARE || !check->across_years || check->compare.op != NB_CHECK_OP_EQ)
        continue;
      for (guint i = 0; i < check->compare.n_instances; i++)
        {
          const NbCompareInstanceDef *inst = &check->compare.instances[i];
          const NbCheckTermDef *left;
          const NbCellDef *def;
          NbNumber value;

          if (inst->n_left != 1 || check->compare.has_const || inst->n_right == 0)
            continue;
          left = &inst->left[0];
          if (left->prev || left->negate || left->cell->computed)
            continue;
          def = left->cell;
          /* Last year's report in another format may lack the cells. */
          if (!terms_available (&run, inst->right, inst->n_right))
            continue;
          value = sum_terms (&run, inst->right, inst->n_right);
          /* A negative carried count is last year's own error: not copied. */
          if (nb_report_set_value (report, def->key, &value, NULL))
            n_set++;
        }
    }
  nb_report_end_group (report);
  return n_set;
}
