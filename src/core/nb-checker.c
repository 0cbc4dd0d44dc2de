/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-checker.c — runs a format's checks, described as data in the format
 *
 * Checks of type "compare" (sums and (in)equalities over cell keys, with
 * foreach expansion, last year's cells as "prev:KEY" and message templates)
 * are compiled once into arrays of cell indexes, so a full check is a few
 * hundred additions. The other types are generic built-ins that the data
 * parameterises (text figures, periods, template text, deadlines, …).
 */
#include "config.h"

#include <string.h>

#include "nb-checker.h"
#include "nb-error.h"
#include "nb-text-figures.h"

typedef enum
{
  OP_EQ, OP_GE, OP_LE, OP_GT, OP_LT,
} Op;

typedef enum
{
  LABEL_ROW, LABEL_COLUMN, LABEL_CELL,
} TermLabel;

typedef struct
{
  guint     index;      /* this year's cell; for prev terms, also this format's index if any */
  char     *key;
  gboolean  negate;
  gboolean  prev;       /* from last year's report */
} Term;

typedef struct
{
  GArray     *left;      /* Term */
  GArray     *right;     /* Term; empty when right_const */
  NbNumber    right_const;
  gboolean    has_const;
  char       *var;       /* foreach variable or NULL */
  char       *var_key;
  char       *var_label;
  char       *var_short;
  char       *var_ordinal;
} Instance;

typedef enum
{
  CHECK_COMPARE,
  CHECK_CELL_KIND,
  CHECK_CELL_BLANK,
  CHECK_FORMAT_YEAR,
  CHECK_SECTION_PRESENT,
  CHECK_FEES_PRESENT,
  CHECK_TEXT_FIGURES,
  CHECK_TEXT_PERIOD,
  CHECK_TEXT_TEMPLATE,
  CHECK_TEXT_YEAR,
  CHECK_DEADLINE,
  CHECK_CARRY_JUMP,
  CHECK_CARRY_AGENCY,
} CheckType;

typedef struct
{
  char        *id;
  NbSeverity   severity;
  CheckType    type;
  gboolean     across_years;
  /* compare */
  GPtrArray   *instances;  /* Instance* */
  Op           op;
  TermLabel    term_label;
  char        *message;
  /* built-ins */
  GStrv        strings;    /* not_just, patterns, keywords, text_mentions */
  GArray      *fields;     /* guint cell indexes (fees_present) */
  char        *deadline_department;
  char        *deadline_government;
  gint64       factor;
  gint64       min_change;
} Check;

typedef struct
{
  GArray  *alternatives;   /* GArray* of guint cell indexes */
  char    *message;
} FigureRule;

/* The analysis of one section's text, reused while the text is unchanged:
 * after a cell edit, a check need not rescan pages of text. */
typedef struct
{
  char   *text;
  int     year;
  GArray *figures;   /* NbTextFigure */
  GArray *periods;   /* NbTextPeriod */
} TextCache;

struct _NbChecker
{
  GObject             parent_instance;

  GHashTable         *text_cache;    /* section key → TextCache* */

  NbFormat           *format;
  GPtrArray          *checks;        /* Check* */
  NbTextFigureRules  *figure_rules;
  GPtrArray          *figure_info;   /* FigureRule* */
  GPtrArray          *text_sections; /* const NbSectionDef* */
  GStrv               period_keywords;
};

G_DEFINE_FINAL_TYPE (NbChecker, nb_checker, G_TYPE_OBJECT)

static void
term_clear (gpointer data)
{
  g_free (((Term *) data)->key);
}

static void
instance_free (gpointer data)
{
  Instance *in = data;

  g_array_unref (in->left);
  g_array_unref (in->right);
  g_free (in->var);
  g_free (in->var_key);
  g_free (in->var_label);
  g_free (in->var_short);
  g_free (in->var_ordinal);
  g_free (in);
}

static void
check_free (gpointer data)
{
  Check *c = data;

  g_free (c->id);
  g_clear_pointer (&c->instances, g_ptr_array_unref);
  g_free (c->message);
  g_strfreev (c->strings);
  g_clear_pointer (&c->fields, g_array_unref);
  g_free (c->deadline_department);
  g_free (c->deadline_government);
  g_free (c);
}

static void
figure_rule_free (gpointer data)
{
  FigureRule *f = data;

  g_ptr_array_unref ((GPtrArray *) f->alternatives);
  g_free (f->message);
  g_free (f);
}

static void
text_cache_free (gpointer data)
{
  TextCache *c = data;

  g_free (c->text);
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
  g_clear_pointer (&self->period_keywords, g_strfreev);
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
  self->checks = g_ptr_array_new_with_free_func (check_free);
  self->figure_info = g_ptr_array_new_with_free_func (figure_rule_free);
  self->text_sections = g_ptr_array_new ();
  self->text_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, text_cache_free);
}

/* ---- compiling ---- */

static char *
substitute (const char *pattern,
            const char *var,
            const char *value)
{
  g_autofree char *needle = NULL;
  g_auto(GStrv) parts = NULL;

  if (var == NULL)
    return g_strdup (pattern);
  needle = g_strdup_printf ("{%s}", var);
  parts = g_strsplit (pattern, needle, -1);
  return g_strjoinv (value, parts);
}

static gboolean
compile_terms (NbChecker   *self,
               JsonArray   *array,
               const char  *var,
               const char  *value,
               gboolean     allow_prev,
               GArray      *terms,
               const char  *id,
               GError     **error)
{
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      const char *pattern = json_array_get_string_element (array, i);
      g_autofree char *expanded = NULL;
      const char *key;
      Term term = { 0, };
      const NbCellDef *def;

      if (!pattern)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: check %s: terms must be cell keys", id);
          return FALSE;
        }
      expanded = substitute (pattern, var, value);
      key = expanded;
      if (key[0] == '-')
        {
          term.negate = TRUE;
          key++;
        }
      if (g_str_has_prefix (key, "prev:"))
        {
          if (!allow_prev)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: check %s: prev: terms need \"across_years\"", id);
              return FALSE;
            }
          term.prev = TRUE;
          key += 5;
        }
      def = nb_format_find_cell (self->format, key);
      if (!def && !term.prev)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: check %s names unknown cell “%s”", id, key);
          return FALSE;
        }
      term.index = def ? def->index : G_MAXUINT;
      term.key = g_strdup (key);
      g_array_append_val (terms, term);
    }
  return TRUE;
}

static gboolean
parse_op (const char *text,
          Op         *op)
{
  static const char *const names[] = { "==", ">=", "<=", ">", "<" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *op = (Op) i;
        return TRUE;
      }
  return FALSE;
}

static const char *
member_string (JsonObject *obj,
               const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static GStrv
member_strv (JsonObject *obj,
             const char *member)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (obj, member);

  if (node && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *s = json_array_get_string_element (a, i);
          if (s)
            g_strv_builder_add (b, s);
        }
    }
  return g_strv_builder_end (b);
}

static gboolean
compile_compare (NbChecker   *self,
                 Check       *check,
                 JsonObject  *obj,
                 GError     **error)
{
  JsonObject *foreach = NULL;
  JsonArray *keys = NULL;
  JsonObject *labels = NULL;
  const char *var = NULL, *over = NULL, *table_key = NULL, *term_label;
  const NbTableDef *table = NULL;
  JsonArray *left = NULL, *right = NULL;
  const char *right_const = member_string (obj, "right_const");
  guint n = 1;

  check->instances = g_ptr_array_new_with_free_func (instance_free);
  if (!parse_op (member_string (obj, "op"), &check->op))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: check %s: bad “op”", check->id);
      return FALSE;
    }
  term_label = member_string (obj, "term_label");
  check->term_label = g_strcmp0 (term_label, "column") == 0 ? LABEL_COLUMN
                      : g_strcmp0 (term_label, "cell") == 0 ? LABEL_CELL : LABEL_ROW;
  check->message = g_strdup (member_string (obj, "message"));
  if (!check->message)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: check %s: missing “message”", check->id);
      return FALSE;
    }
  if (json_object_has_member (obj, "left"))
    left = json_object_get_array_member (obj, "left");
  if (json_object_has_member (obj, "right"))
    right = json_object_get_array_member (obj, "right");
  if (!left || (!right && !right_const))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   "format data: check %s needs “left” and “right” or “right_const”", check->id);
      return FALSE;
    }

  if (json_object_has_member (obj, "foreach"))
    {
      foreach = json_object_get_object_member (obj, "foreach");
      var = foreach ? member_string (foreach, "var") : NULL;
      over = foreach ? member_string (foreach, "over") : NULL;
      table_key = foreach ? member_string (foreach, "table") : NULL;
      keys = foreach && json_object_has_member (foreach, "keys")
               ? json_object_get_array_member (foreach, "keys") : NULL;
      if (foreach && json_object_has_member (foreach, "labels"))
        labels = json_object_get_object_member (foreach, "labels");
      table = table_key ? nb_format_find_table (self->format, table_key) : NULL;
      if (!var || !keys || (table_key && !table))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: check %s: bad “foreach”", check->id);
          return FALSE;
        }
      n = json_array_get_length (keys);
    }

  for (guint k = 0; k < n; k++)
    {
      Instance *in = g_new0 (Instance, 1);
      const char *value = keys ? json_array_get_string_element (keys, k) : NULL;

      in->left = g_array_new (FALSE, TRUE, sizeof (Term));
      in->right = g_array_new (FALSE, TRUE, sizeof (Term));
      g_array_set_clear_func (in->left, term_clear);
      g_array_set_clear_func (in->right, term_clear);
      g_ptr_array_add (check->instances, in);

      if (var)
        {
          in->var = g_strdup (var);
          in->var_key = g_strdup (value);
          if (table && g_strcmp0 (over, "columns") == 0)
            {
              const NbColumnDef *c = nb_table_def_find_column (table, value);
              if (c)
                {
                  in->var_label = g_strdup (c->label);
                  in->var_short = g_strdup (c->short_label);
                  in->var_ordinal = g_strdup (c->ordinal ? c->ordinal : "");
                }
            }
          else if (table && g_strcmp0 (over, "rows") == 0)
            {
              const NbRowDef *r = nb_table_def_find_row (table, value);
              if (r)
                {
                  in->var_label = g_strdup (r->label);
                  in->var_short = g_strdup (r->short_label);
                }
            }
          if (labels && json_object_has_member (labels, value))
            {
              g_free (in->var_label);
              in->var_label = g_strdup (json_object_get_string_member (labels, value));
            }
          if (!in->var_label)
            in->var_label = g_strdup (value);
          if (!in->var_short)
            in->var_short = g_strdup (in->var_label);
          if (!in->var_ordinal)
            in->var_ordinal = g_strdup ("");
        }

      if (!compile_terms (self, left, var, value, check->across_years, in->left, check->id, error) ||
          !compile_terms (self, right, var, value, check->across_years, in->right, check->id, error))
        return FALSE;
      if (right_const)
        {
          in->has_const = TRUE;
          if (!nb_number_parse (right_const, &in->right_const, NULL))
            {
              g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                           "format data: check %s: bad “right_const”", check->id);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
compile_figures (NbChecker   *self,
                 GError     **error)
{
  JsonArray *rules = nb_format_get_text_figures (self->format);

  if (!(self->figure_rules = nb_text_figure_rules_new (rules, error)))
    return FALSE;

  for (guint i = 0; rules && i < json_array_get_length (rules); i++)
    {
      JsonObject *obj = json_array_get_object_element (rules, i);
      FigureRule *f = g_new0 (FigureRule, 1);
      JsonArray *expect = json_object_has_member (obj, "expect")
                            ? json_object_get_array_member (obj, "expect") : NULL;

      f->alternatives = (GArray *) g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      f->message = g_strdup (member_string (obj, "message"));
      g_ptr_array_add (self->figure_info, f);
      if (!expect || json_array_get_length (expect) == 0 || !f->message)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: text_figures[%u] needs “expect” and “message”", i);
          return FALSE;
        }
      for (guint a = 0; a < json_array_get_length (expect); a++)
        {
          JsonArray *sum = json_array_get_array_element (expect, a);
          GArray *indexes = g_array_new (FALSE, FALSE, sizeof (guint));

          g_ptr_array_add ((GPtrArray *) f->alternatives, indexes);
          for (guint t = 0; sum && t < json_array_get_length (sum); t++)
            {
              const NbCellDef *def = nb_format_find_cell (self->format,
                                                          json_array_get_string_element (sum, t));
              if (!def)
                {
                  g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                               "format data: text_figures[%u] names an unknown cell", i);
                  return FALSE;
                }
              g_array_append_val (indexes, def->index);
            }
        }
    }
  return TRUE;
}

NbChecker *
nb_checker_new (NbFormat  *format,
                GError   **error)
{
  g_autoptr(NbChecker) self = g_object_new (NB_TYPE_CHECKER, NULL);
  JsonArray *checks = nb_format_get_checks (format);
  static const struct { const char *name; CheckType type; } types[] = {
    { "compare", CHECK_COMPARE }, { "cell_kind", CHECK_CELL_KIND }, { "cell_blank", CHECK_CELL_BLANK },
    { "format_year", CHECK_FORMAT_YEAR }, { "section_present", CHECK_SECTION_PRESENT },
    { "fees_present", CHECK_FEES_PRESENT }, { "text_figures", CHECK_TEXT_FIGURES },
    { "text_period", CHECK_TEXT_PERIOD }, { "text_template", CHECK_TEXT_TEMPLATE },
    { "text_year", CHECK_TEXT_YEAR }, { "deadline", CHECK_DEADLINE },
    { "carry_jump", CHECK_CARRY_JUMP }, { "carry_agency", CHECK_CARRY_AGENCY },
  };

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

  for (guint i = 0; checks && i < json_array_get_length (checks); i++)
    {
      JsonObject *obj = json_array_get_object_element (checks, i);
      Check *check;
      const char *type, *severity;
      gboolean known = FALSE;

      if (!obj)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: checks[%u] must be an object", i);
          return NULL;
        }
      check = g_new0 (Check, 1);
      g_ptr_array_add (self->checks, check);
      check->id = g_strdup (member_string (obj, "id"));
      type = member_string (obj, "type");
      severity = member_string (obj, "severity");
      if (!check->id || !type || !severity)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: checks[%u] needs “id”, “type” and “severity”", i);
          return NULL;
        }
      check->severity = g_str_equal (severity, "error") ? NB_SEVERITY_ERROR : NB_SEVERITY_WARNING;
      check->across_years = json_object_get_boolean_member_with_default (obj, "across_years", FALSE);
      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        if (g_str_equal (type, types[t].name))
          {
            check->type = types[t].type;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "format data: check %s has unknown type “%s”", check->id, type);
          return NULL;
        }

      switch (check->type)
        {
        case CHECK_COMPARE:
          if (!compile_compare (self, check, obj, error))
            return NULL;
          break;
        case CHECK_SECTION_PRESENT:
          check->strings = member_strv (obj, "not_just");
          break;
        case CHECK_FEES_PRESENT:
          {
            g_auto(GStrv) fields = member_strv (obj, "fields");
            check->strings = member_strv (obj, "text_mentions");
            check->fields = g_array_new (FALSE, FALSE, sizeof (guint));
            for (guint f = 0; fields[f]; f++)
              {
                const NbCellDef *def = nb_format_find_cell (format, fields[f]);
                if (!def)
                  {
                    g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                                 "format data: check %s names unknown field “%s”", check->id, fields[f]);
                    return NULL;
                  }
                g_array_append_val (check->fields, def->index);
              }
          }
          break;
        case CHECK_TEXT_TEMPLATE:
          check->strings = member_strv (obj, "patterns");
          break;
        case CHECK_TEXT_PERIOD:
        case CHECK_TEXT_YEAR:
          check->strings = member_strv (obj, "keywords");
          if (!self->period_keywords)
            self->period_keywords = g_strdupv (check->strings);
          break;
        case CHECK_DEADLINE:
          {
            JsonObject *d = json_object_has_member (obj, "deadlines")
                              ? json_object_get_object_member (obj, "deadlines") : NULL;
            check->deadline_department = g_strdup (d ? member_string (d, "department") : NULL);
            check->deadline_government = g_strdup (d ? member_string (d, "government") : NULL);
            if (!check->deadline_department || !check->deadline_government)
              {
                g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                             "format data: check %s needs “deadlines”", check->id);
                return NULL;
              }
          }
          break;
        case CHECK_CARRY_JUMP:
          check->factor = json_object_get_int_member_with_default (obj, "factor", 10);
          check->min_change = json_object_get_int_member_with_default (obj, "min_change", 20);
          break;
        default:
          break;
        }
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
             const Check       *check,
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
term_value (Run        *run,
            const Term *term)
{
  static const NbNumber zero = { 0, 0, FALSE };

  if (term->prev)
    {
      const NbNumber *v = run->previous ? nb_report_get_value (run->previous, term->key) : NULL;
      return v ? v : &zero;
    }
  return nb_report_get_value_at (run->report, term->index);
}

static gboolean
terms_available (Run    *run,
                 GArray *terms)
{
  for (guint i = 0; i < terms->len; i++)
    {
      const Term *t = &g_array_index (terms, Term, i);
      if (t->prev && (!run->previous || !nb_report_get_value (run->previous, t->key)))
        return FALSE;
    }
  return TRUE;
}

static NbNumber
sum_terms (Run    *run,
           GArray *terms)
{
  NbNumber sum = nb_number_from_int (0);

  for (guint i = 0; i < terms->len; i++)
    {
      const Term *t = &g_array_index (terms, Term, i);
      const NbNumber *v = term_value (run, t);

      if (t->negate)
        {
          NbNumber neg = nb_number_negate (v);
          nb_number_add (&sum, &neg);
        }
      else
        nb_number_add (&sum, v);
    }
  return sum;
}

static const char *
term_label (NbChecker   *self,
            const Check *check,
            const Term  *term)
{
  const NbCellDef *def = nb_format_find_cell (self->format, term->key);

  if (!def)
    return term->key;
  if (!def->table)
    return def->label;
  switch (check->term_label)
    {
    case LABEL_ROW: return def->row->short_label;
    case LABEL_COLUMN: return def->column->short_label;
    case LABEL_CELL:
    default: return def->label;
    }
}

/* "一、本年新收(5) + 二、上年结转(1)" */
static char *
render_terms (Run         *run,
              const Check *check,
              GArray      *terms)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < terms->len; i++)
    {
      const Term *t = &g_array_index (terms, Term, i);
      char buf[NB_NUMBER_BUF];

      if (i > 0 || t->negate)
        g_string_append (s, t->negate ? " − " : " + ");
      if (i == 0 && t->negate)
        g_string_truncate (s, 0), g_string_append (s, "−");
      g_string_append_printf (s, "%s%s(%s)", t->prev ? "上年" : "",
                              term_label (run->self, check, t),
                              nb_number_format (term_value (run, t), buf));
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
compare_ok (Op              op,
            const NbNumber *a,
            const NbNumber *b)
{
  int c = nb_number_compare (a, b);

  switch (op)
    {
    case OP_EQ: return c == 0;
    case OP_GE: return c >= 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    case OP_LT: return c < 0;
    default: return TRUE;
    }
}

static void
run_compare (Run         *run,
             const Check *check)
{
  for (guint i = 0; i < check->instances->len; i++)
    {
      Instance *in = g_ptr_array_index (check->instances, i);
      NbNumber left, right;

      if (check->across_years && (!terms_available (run, in->left) || !terms_available (run, in->right)))
        continue;
      left = sum_terms (run, in->left);
      right = in->has_const ? in->right_const : sum_terms (run, in->right);
      if (!compare_ok (check->op, &left, &right))
        {
          g_autoptr(GPtrArray) keys = g_ptr_array_new ();
          g_autofree char *l = render_terms (run, check, in->left);
          g_autofree char *r = in->has_const ? NULL : render_terms (run, check, in->right);
          g_autofree char *message = NULL;
          g_autofree char *v_label = in->var ? g_strdup_printf ("{%s.label}", in->var) : NULL;
          g_autofree char *v_short = in->var ? g_strdup_printf ("{%s.short}", in->var) : NULL;
          g_autofree char *v_ordinal = in->var ? g_strdup_printf ("{%s.ordinal}", in->var) : NULL;
          g_autofree char *v_key = in->var ? g_strdup_printf ("{%s}", in->var) : NULL;
          char lv[NB_NUMBER_BUF], rv[NB_NUMBER_BUF];
          const char *names[] = { "{left}", "{right}", "{left_value}", "{right_value}",
                                  v_label, v_short, v_ordinal, v_key, NULL };
          const char *values[] = { l, r ? r : nb_number_format (&right, rv),
                                   nb_number_format (&left, lv), nb_number_format (&right, rv),
                                   in->var_label, in->var_short, in->var_ordinal, in->var_key, NULL };

          if (!in->var)
            names[4] = NULL;
          for (guint t = 0; t < in->left->len; t++)
            if (!g_array_index (in->left, Term, t).prev)
              g_ptr_array_add (keys, g_array_index (in->left, Term, t).key);
          for (guint t = 0; t < in->right->len; t++)
            if (!g_array_index (in->right, Term, t).prev)
              g_ptr_array_add (keys, g_array_index (in->right, Term, t).key);
          g_ptr_array_add (keys, NULL);
          message = render_message (check->message, names, values);
          add_problem (run, check, (const char *const *) keys->pdata, NULL, 0, 0, message);
        }
    }
}

static const char *
kind_zh (const NbKind *kind,
         char         *buf,
         gsize         size)
{
  switch (kind->type)
    {
    case NB_KIND_COUNT: return "不小于 0 的整数";
    case NB_KIND_SIGNED: return "整数";
    case NB_KIND_DECIMAL:
      g_snprintf (buf, size, "不小于 0、最多 %u 位小数的数", kind->places);
      return buf;
    default: return "文字";
    }
}

static void
run_cell_kind (Run         *run,
               const Check *check)
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
        char buf[NB_NUMBER_BUF], kb[64];
        g_autofree char *message = g_strdup_printf ("“%s”应为%s，但填报为 %s", def->label,
                                                    kind_zh (&def->kind, kb, sizeof kb),
                                                    nb_number_format (v, buf));
        const char *keys[] = { def->key, NULL };
        add_problem (run, check, keys, NULL, 0, 0, message);
      }
    }
}

static void
run_cell_blank (Run         *run,
                const Check *check)
{
  NbFormat *format = run->self->format;
  guint n = nb_format_get_n_cells (format);

  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);

      if (def->table && nb_report_get_value_at (run->report, i)->blank)
        {
          g_autofree char *message = g_strdup_printf ("“%s”为空：没有数据也应填写 0，不能空白或填写“/”“—”",
                                                      def->label);
          const char *keys[] = { def->key, NULL };
          add_problem (run, check, keys, NULL, 0, 0, message);
        }
    }
}

static void
run_format_year (Run         *run,
                 const Check *check)
{
  NbFormat *format = run->self->format;
  int year = nb_report_get_year (run->report);
  NbFormat *right;
  g_autofree char *message = NULL;

  if (nb_format_covers_year (format, year))
    return;
  right = nb_format_for_year (year);
  if (right)
    message = g_strdup_printf ("报告年度为 %d 年，应使用 %s 年版格式（%s），但本报告使用的是 %s 年版格式",
                               year, nb_format_get_version (right),
                               nb_format_get_issued_by (right) ? nb_format_get_issued_by (right) : "",
                               nb_format_get_version (format));
  else
    message = g_strdup_printf ("报告年度为 %d 年，没有适用于该年度的官方格式（%s 年版格式适用于 %d 年起的报告）",
                               year, nb_format_get_version (format), nb_format_get_from_year (format));
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

static void
run_section_present (Run         *run,
                     const Check *check)
{
  for (guint i = 0; i < run->self->text_sections->len; i++)
    {
      const NbSectionDef *s = g_ptr_array_index (run->self->text_sections, i);
      const char *text = nb_report_get_text (run->report, s->key);
      g_autofree char *key = g_strconcat ("text/", s->key, NULL);
      const char *keys[] = { key, NULL };
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (is_blank_text (text))
        {
          /* Only 六 may honestly have nothing to report; the others must say what happened. */
          g_autofree char *message = g_str_equal (s->key, "other")
            ? g_strdup_printf ("“%s”没有内容；没有需要报告的事项也应写明（如“无其他需要报告的事项。”）", s->heading)
            : g_strdup_printf ("“%s”没有内容；请按本节应写的内容填写", s->heading);
          add_problem (run, check, keys, s->key, 0, 0, message);
        }
      else if (check->strings && g_strv_contains ((const char *const *) check->strings, stripped))
        {
          g_autofree char *message = g_strdup_printf ("“%s”只写了“%s”；应具体说明%s",
                                                      s->heading, stripped,
                                                      g_str_equal (s->key, "problems")
                                                        ? "存在的主要问题和改进情况"
                                                        : "有关情况");
          add_problem (run, check, keys, s->key, 0, (guint) g_utf8_strlen (text, -1), message);
        }
    }
}

static void
run_fees_present (Run         *run,
                  const Check *check)
{
  gboolean all_filled = TRUE;
  const char *text = nb_report_get_text (run->report, "other");
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < check->fields->len; i++)
    {
      guint index = g_array_index (check->fields, guint, i);
      if (nb_report_get_value_at (run->report, index)->blank)
        all_filled = FALSE;
      g_ptr_array_add (keys, (gpointer) nb_format_get_cell (run->self->format, index)->key);
    }
  if (all_filled)
    return;
  for (guint i = 0; check->strings && check->strings[i]; i++)
    if (strstr (text, check->strings[i]))
      return;
  g_ptr_array_add (keys, NULL);
  add_problem (run, check, (const char *const *) keys->pdata, "other", 0, 0,
               "“六、其他需要报告的事项”未说明信息处理费收取情况：请填写收费通知件数和金额、实际收取件数和金额"
               "（没有收费填 0，正文写“无收取信息处理费情况”）");
}

static TextCache *
analyse_text (NbChecker  *self,
              const char *section,
              const char *text,
              int         year)
{
  TextCache *c = g_hash_table_lookup (self->text_cache, section);

  if (c && c->year == year && strcmp (c->text, text) == 0)
    return c;
  c = g_new0 (TextCache, 1);
  c->text = g_strdup (text);
  c->year = year;
  c->figures = nb_text_find_figures (self->figure_rules, text, year);
  c->periods = nb_text_find_periods (text, (const char *const *) self->period_keywords);
  g_hash_table_replace (self->text_cache, (gpointer) section, c);
  return c;
}

static void
run_text_figures (Run         *run,
                  const Check *check)
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
        {
          const NbTextFigure *fig = &g_array_index (figures, NbTextFigure, i);
          const FigureRule *rule = g_ptr_array_index (run->self->figure_info, fig->rule);
          GPtrArray *alts = (GPtrArray *) rule->alternatives;
          NbNumber found = nb_number_from_int (fig->value);
          NbNumber first = nb_number_from_int (0);
          gboolean ok = FALSE;

          for (guint a = 0; a < alts->len && !ok; a++)
            {
              GArray *cells = g_ptr_array_index (alts, a);
              NbNumber sum = nb_number_from_int (0);

              for (guint c = 0; c < cells->len; c++)
                nb_number_add (&sum, nb_report_get_value_at (run->report, g_array_index (cells, guint, c)));
              if (a == 0)
                first = sum;
              ok = nb_number_equal (&sum, &found);
            }
          if (!ok)
            {
              GArray *cells = g_ptr_array_index (alts, 0);
              g_autoptr(GPtrArray) keys = g_ptr_array_new ();
              char fb[NB_NUMBER_BUF], eb[NB_NUMBER_BUF];
              const char *names[] = { "{found}", "{expected}", NULL };
              const char *values[] = { nb_number_format (&found, fb), nb_number_format (&first, eb), NULL };
              g_autofree char *message = render_message (rule->message, names, values);

              for (guint c = 0; c < cells->len; c++)
                g_ptr_array_add (keys, (gpointer) nb_format_get_cell (run->self->format,
                                                                     g_array_index (cells, guint, c))->key);
              g_ptr_array_add (keys, NULL);
              add_problem (run, check, (const char *const *) keys->pdata, section->key,
                           fig->start, fig->end, message);
            }
        }
    }
}

static void
run_text_period (Run         *run,
                 const Check *check,
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
          g_autofree char *message = NULL;
          gboolean year_ok = p->start_year == year && p->end_year == year;

          if (years && !year_ok)
            message = g_strdup_printf ("正文所述统计期限（%d年%d月%d日至%d年%d月%d日）的年份与报告年度 %d 年不一致",
                                       p->start_year, p->start_month, p->start_day,
                                       p->end_year, p->end_month, p->end_day, year);
          else if (!years && year_ok &&
                   (p->start_month != 1 || p->start_day != 1 || p->end_month != 12 || p->end_day != 31))
            message = g_strdup_printf ("统计期限应为%d年1月1日至%d年12月31日，但正文写作%d年%d月%d日至%d年%d月%d日",
                                       year, year, p->start_year, p->start_month, p->start_day,
                                       p->end_year, p->end_month, p->end_day);
          if (message)
            add_problem (run, check, NULL, section->key, p->start, p->end, message);
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
            g_autofree char *message = g_strdup_printf ("标题中的年份（%.4s年）与报告年度 %d 年不一致", p, year);
            const char *keys[] = { "title", NULL };
            add_problem (run, check, keys, NULL, 0, 0, message);
            break;
          }
    }
}

static void
find_patterns (Run         *run,
               const Check *check,
               const char  *section,
               const char  *field,
               const char  *text)
{
  for (guint i = 0; check->strings && check->strings[i]; i++)
    {
      const char *hit = text ? strstr (text, check->strings[i]) : NULL;

      if (hit)
        {
          guint start = (guint) g_utf8_pointer_to_offset (text, hit);
          guint len = (guint) g_utf8_strlen (check->strings[i], -1);
          g_autofree char *message = g_strdup_printf ("%s留有模板提示文字“%s”，请替换为实际内容",
                                                      section ? "正文中" : "机关名称或标题中",
                                                      check->strings[i]);
          const char *keys[] = { field, NULL };

          add_problem (run, check, keys, section, section ? start : 0, section ? start + len : 0, message);
          return;   /* one finding per text is enough to send the clerk there */
        }
    }
}

static void
run_text_template (Run         *run,
                   const Check *check)
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
              const Check *check)
{
  const char *date = nb_report_get_date (run->report);
  gboolean government = nb_report_get_agency_kind (run->report) == NB_AGENCY_GOVERNMENT;
  const char *limit = government ? check->deadline_government : check->deadline_department;
  g_autofree char *deadline = NULL;

  if (date == NULL)
    {
      /* The printed report ends with its date, and without one the
       * deadline cannot be checked: a reminder while drafting. */
      g_autofree char *message =
        g_strdup_printf ("尚未填写成文日期；印发的报告末尾应有成文日期，且不晚于%d年%s",
                         nb_report_get_year (run->report) + 1,
                         government ? "3月31日" : "1月31日");
      const char *keys[] = { "date", NULL };

      add_problem (run, check, keys, NULL, 0, 0, message);
      return;
    }
  /* An annual report is dated after its year has ended (a date inside the
   * year is usually the year typed wrong). */
  {
    g_autofree char *year_end = g_strdup_printf ("%04d-12-31", nb_report_get_year (run->report));

    if (strcmp (date, year_end) <= 0)
      {
        g_autofree char *message =
          g_strdup_printf ("成文日期 %s 仍在%d年度内；年度报告应在次年（%d年）成文、公开",
                           date, nb_report_get_year (run->report), nb_report_get_year (run->report) + 1);
        const char *keys[] = { "date", NULL };
        add_problem (run, check, keys, NULL, 0, 0, message);
        return;
      }
  }
  deadline = g_strdup_printf ("%04d-%s", nb_report_get_year (run->report) + 1, limit);
  /* ISO dates compare as strings. */
  if (strcmp (date, deadline) > 0)
    {
      g_autofree char *message =
        g_strdup_printf ("成文日期 %s 晚于公开期限 %s（%s应于次年%s前公开年度报告）",
                         date, deadline, government ? "本级人民政府" : "部门",
                         government ? "3月31日" : "1月31日");
      const char *keys[] = { "date", NULL };
      add_problem (run, check, keys, NULL, 0, 0, message);
    }
}

static void
run_carry_jump (Run         *run,
                const Check *check)
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
      if ((b > a * check->factor || a > b * check->factor) && ABS (b - a) > check->min_change)
        {
          char tb[NB_NUMBER_BUF], nbuf[NB_NUMBER_BUF];
          g_autofree char *message = g_strdup_printf ("“%s”由上年的 %s 变为 %s，变化超过十倍，请核实",
                                                      def->label, nb_number_format (then, tb),
                                                      nb_number_format (now, nbuf));
          const char *keys[] = { def->key, NULL };
          add_problem (run, check, keys, NULL, 0, 0, message);
        }
    }
}

static void
run_carry_agency (Run         *run,
                  const Check *check)
{
  g_autofree char *a = NULL, *b = NULL;

  if (!run->previous)
    return;
  a = g_strstrip (g_strdup (nb_report_get_agency (run->previous)));
  b = g_strstrip (g_strdup (nb_report_get_agency (run->report)));
  if (g_strcmp0 (a, b) != 0)
    {
      g_autofree char *message = g_strdup_printf ("机关名称与上年报告不同：上年为“%s”，本年为“%s”", a, b);
      const char *keys[] = { "agency", NULL };
      add_problem (run, check, keys, NULL, 0, 0, message);
    }
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
      const Check *check = g_ptr_array_index (self->checks, i);

      if (check->across_years && previous == NULL)
        continue;
      switch (check->type)
        {
        case CHECK_COMPARE: run_compare (&run, check); break;
        case CHECK_CELL_KIND: run_cell_kind (&run, check); break;
        case CHECK_CELL_BLANK: run_cell_blank (&run, check); break;
        case CHECK_FORMAT_YEAR: run_format_year (&run, check); break;
        case CHECK_SECTION_PRESENT: run_section_present (&run, check); break;
        case CHECK_FEES_PRESENT: run_fees_present (&run, check); break;
        case CHECK_TEXT_FIGURES: run_text_figures (&run, check); break;
        case CHECK_TEXT_PERIOD: run_text_period (&run, check, FALSE); break;
        case CHECK_TEXT_YEAR: run_text_period (&run, check, TRUE); break;
        case CHECK_TEXT_TEMPLATE: run_text_template (&run, check); break;
        case CHECK_DEADLINE: run_deadline (&run, check); break;
        case CHECK_CARRY_JUMP: run_carry_jump (&run, check); break;
        case CHECK_CARRY_AGENCY: run_carry_agency (&run, check); break;
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
      const Check *check = g_ptr_array_index (self->checks, c);

      /* "this year's X = (last year's …)": the format's own carry rules. */
      if (check->type != CHECK_COMPARE || !check->across_years || check->op != OP_EQ)
        continue;
      for (guint i = 0; i < check->instances->len; i++)
        {
          const Instance *inst = g_ptr_array_index (check->instances, i);
          const Term *left;
          const NbCellDef *def;
          NbNumber value;

          if (inst->left->len != 1 || inst->has_const || inst->right->len == 0)
            continue;
          left = &g_array_index (inst->left, Term, 0);
          def = nb_format_get_cell (self->format, left->index);
          if (left->prev || left->negate || def->computed)
            continue;
          /* Last year's report in another format may lack the cells. */
          if (!terms_available (&run, inst->right))
            continue;
          value = sum_terms (&run, inst->right);
          /* A negative carried count is last year's own error: not copied. */
          if (nb_report_set_value (report, def->key, &value, NULL))
            n_set++;
        }
    }
  nb_report_end_group (report);
  return n_set;
}
