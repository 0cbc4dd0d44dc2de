/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-format-checks.c — a format's "checks" compiled into NbCheckDefs
 *
 * Everything a check reads from the data is read and validated here, once,
 * when the format loads: cell keys resolved, "foreach" expanded, numbers
 * and patterns checked, and every message template checked for the
 * {names} its check fills in (docs/checks.md lists them). A mistake in a
 * revision's data file is then an error naming the check and the member,
 * not a message with "{lft}" in it at the clerk's desk.
 */
#include "config.h"

#include <string.h>

#include "nb-error.h"
#include "nb-format-private.h"

#define FAIL(error, where, ...)                                          \
  G_STMT_START {                                                         \
    g_autofree char *_what = g_strdup_printf (__VA_ARGS__);              \
    g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "format data: %s: %s", where, _what); \
    return FALSE;                                                        \
  } G_STMT_END

static const struct
{
  const char  *name;
  NbCheckType  type;
  gboolean     needs_message;
  const char  *names;   /* the {names} its messages may use, space-separated */
} types[] = {
  { "compare", NB_CHECK_COMPARE, TRUE, "left right left_value right_value blank" },
  { "cell_kind", NB_CHECK_CELL_KIND, TRUE, "cell kind value places" },
  { "cell_blank", NB_CHECK_CELL_BLANK, TRUE, "cell row columns n" },
  { "format_year", NB_CHECK_FORMAT_YEAR, TRUE, "year right issued_by version from" },
  { "section_present", NB_CHECK_SECTION_PRESENT, FALSE, "heading text n" },
  { "fees_present", NB_CHECK_FEES_PRESENT, TRUE, "" },
  { "text_figures", NB_CHECK_TEXT_FIGURES, FALSE, "" },
  { "text_period", NB_CHECK_TEXT_PERIOD, TRUE, "found year" },
  { "text_template", NB_CHECK_TEXT_TEMPLATE, TRUE, "pattern" },
  { "text_year", NB_CHECK_TEXT_YEAR, TRUE, "found year" },
  { "deadline", NB_CHECK_DEADLINE, TRUE, "date deadline year next_year limit agency_kind" },
  { "carry_jump", NB_CHECK_CARRY_JUMP, TRUE, "cell then now" },
  { "carry_agency", NB_CHECK_CARRY_AGENCY, TRUE, "then now" },
  { "text_own_year", NB_CHECK_TEXT_OWN_YEAR, TRUE, "quote found year" },
  { "period_missing", NB_CHECK_PERIOD_MISSING, TRUE, "year" },
  { "numbering", NB_CHECK_NUMBERING, FALSE, "prev found" },
  { "item_count", NB_CHECK_ITEM_COUNT, TRUE, "quote said found" },
  { "total_parts", NB_CHECK_TOTAL_PARTS, TRUE, "quote total sum unit" },
  { "punctuation", NB_CHECK_PUNCTUATION, TRUE, "n mark" },
  { "amount_unit", NB_CHECK_AMOUNT_UNIT, TRUE, "cell value as_wan" },
  { "ratio", NB_CHECK_RATIO, TRUE, "row value base" },
  { "headings", NB_CHECK_HEADINGS, FALSE, "heading official" },
  { "heading_variant", NB_CHECK_HEADING_VARIANT, FALSE, "heading official" },
};

/* Every {name} of @template is one of @names (space-separated) or of
 * @extra (NULL-terminated, may be NULL). */
static gboolean
check_template (const char         *template,
                const char         *member,
                const char         *names,
                const char *const  *extra,
                const char         *where,
                GError            **error)
{
  g_auto(GStrv) known = g_strsplit (names, " ", -1);

  for (const char *p = template; p && (p = strchr (p, '{'));)
    {
      const char *close = strchr (p, '}');
      g_autofree char *name = NULL;

      if (!close)
        FAIL (error, where, "“%s” has a “{” that is not closed", member);
      name = g_strndup (p + 1, close - p - 1);
      if (!g_strv_contains ((const char *const *) known, name) &&
          !(extra && g_strv_contains (extra, name)))
        FAIL (error, where, "“%s” uses {%s}, which this check does not fill in", member, name);
      p = close + 1;
    }
  return TRUE;
}

/* A template member: @required or not, and checked against the type's names. */
static gboolean
read_template (JsonObject         *obj,
               const char         *member,
               gboolean            required,
               const char         *names,
               const char *const  *extra,
               const char        **out,
               const char         *where,
               GError            **error)
{
  *out = nb_format_read_string (obj, member, required, where, error);
  if (*error)
    return FALSE;
  return check_template (*out, member, names, extra, where, error);
}

static gboolean
read_int (JsonObject  *obj,
          const char  *member,
          gint64       fallback,
          gint64      *out,
          const char  *where,
          GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  *out = fallback;
  if (!node)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    FAIL (error, where, "“%s” must be a whole number, 0 or more", member);
  *out = json_node_get_int (node);
  return TRUE;
}

/* An optional object whose members are all lists of strings, as a table
 * by section position ("not_just", "variants"): every key a section of the
 * format (of kind text when @text_only). */
static gboolean
read_section_lists (NbFormat             *format,
                    JsonObject           *obj,
                    const char           *member,
                    gboolean              text_only,
                    const char *const *const **out,
                    const char           *where,
                    GError              **error)
{
  guint n = nb_format_get_n_sections (format);
  const char *const **v = nb_format_keep (format, g_new0 (const char *const *, n + 1));
  static const char *const none[] = { NULL };
  JsonObject *lists = NULL;

  *out = v;
  for (guint i = 0; i < n; i++)
    v[i] = none;
  if (json_object_has_member (obj, member) &&
      !(lists = nb_format_read_object (obj, member, where, error)))
    return FALSE;
  if (lists)
    {
      g_autoptr(GList) keys = json_object_get_members (lists);

      for (GList *l = keys; l; l = l->next)
        {
          const NbSectionDef *s = nb_format_find_section (format, l->data);

          if (!s || (text_only && s->kind != NB_SECTION_TEXT))
            FAIL (error, where, "“%s” names “%s”, which is not a %ssection of the format",
                  member, (const char *) l->data, text_only ? "text " : "");
          if (!(v[s->position] = nb_format_read_strv (format, lists, l->data, where, error)))
            return FALSE;
        }
    }
  return TRUE;
}

/* Only the names in @allowed (space-separated) — or "empty_KEY" of a text
 * section when @sections — as members of "messages". */
static gboolean
check_message_names (NbFormat    *format,
                     JsonObject  *messages,
                     const char  *allowed,
                     gboolean     sections,
                     const char  *where,
                     GError     **error)
{
  g_auto(GStrv) known = g_strsplit (allowed, " ", -1);
  g_autoptr(GList) names = json_object_get_members (messages);

  for (GList *l = names; l; l = l->next)
    {
      const char *name = l->data;
      const NbSectionDef *s = sections && g_str_has_prefix (name, "empty_")
                                ? nb_format_find_section (format, name + strlen ("empty_")) : NULL;

      if (!g_strv_contains ((const char *const *) known, name) && !(s && s->kind == NB_SECTION_TEXT))
        FAIL (error, where, "“messages” has “%s”, which this check does not use", name);
    }
  return TRUE;
}

/* ---- compare ---- */

/* "requests/{R}/total" with R=new → "requests/new/total" */
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
  return g_strjoinv ((char *) value, parts);
}

static gboolean
read_terms (NbFormat              *format,
            NbCheckDef            *check,
            JsonArray             *array,
            const char            *var,
            const char            *value,
            guint                 *n_out,
            const NbCheckTermDef **out,
            const char            *where,
            GError               **error)
{
  guint n = array ? json_array_get_length (array) : 0;
  NbCheckTermDef *terms = nb_format_keep (format, g_new0 (NbCheckTermDef, n + 1));

  *n_out = n;
  *out = terms;
  for (guint i = 0; i < n; i++)
    {
      const char *pattern = json_array_get_string_element (array, i);
      g_autofree char *expanded = NULL;
      const char *key;
      NbCheckTermDef *t = &terms[i];

      if (!pattern)
        FAIL (error, where, "terms must be cell keys");
      key = expanded = substitute (pattern, var, value);
      if (key[0] == '-')
        {
          t->negate = TRUE;
          key++;
        }
      if (g_str_has_prefix (key, "prev:"))
        {
          if (!check->across_years)
            FAIL (error, where, "prev: terms need \"across_years\"");
          t->prev = TRUE;
          key += strlen ("prev:");
        }
      t->cell = nb_format_find_cell (format, key);
      if (!t->cell && !t->prev)
        FAIL (error, where, "names unknown cell “%s”", key);
      t->key = nb_format_intern (format, key);
    }
  return TRUE;
}

static gboolean
parse_op (const char *text,
          NbCheckOp  *op)
{
  static const char *const names[] = { "==", ">=", "<=", ">", "<" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *op = (NbCheckOp) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
load_compare (NbFormat    *format,
              NbCheckDef  *check,
              JsonObject  *obj,
              const char  *where,
              GError     **error)
{
  NbCheckCompareDef *c = &check->compare;
  const char *op, *term_label, *right_const, *over = NULL, *table_key = NULL;
  JsonArray *left, *right, *keys = NULL;
  JsonObject *foreach = NULL, *labels = NULL;
  const NbTableDef *table = NULL;
  NbCompareInstanceDef *instances;
  g_autofree char *v_label = NULL, *v_short = NULL, *v_ordinal = NULL;
  const char *extra[5] = { NULL };
  guint n = 1;

  if (!(op = nb_format_read_string (obj, "op", TRUE, where, error)))
    return FALSE;
  if (!parse_op (op, &c->op))
    FAIL (error, where, "bad “op” “%s” (==, >=, <=, > or <)", op);
  term_label = nb_format_read_string (obj, "term_label", FALSE, where, error);
  right_const = nb_format_read_string (obj, "right_const", FALSE, where, error);
  left = nb_format_read_array (obj, "left", FALSE, where, error);
  right = nb_format_read_array (obj, "right", FALSE, where, error);
  if (*error)
    return FALSE;
  if (!term_label || g_str_equal (term_label, "row"))
    c->term_label = NB_TERM_LABEL_ROW;
  else if (g_str_equal (term_label, "column"))
    c->term_label = NB_TERM_LABEL_COLUMN;
  else if (g_str_equal (term_label, "cell"))
    c->term_label = NB_TERM_LABEL_CELL;
  else
    FAIL (error, where, "“term_label” must be row, column or cell, not “%s”", term_label);
  if (!left || (!right && !right_const) || (right && right_const))
    FAIL (error, where, "needs “left” and “right” or “right_const”");
  if (right_const)
    {
      c->has_const = TRUE;
      if (!nb_number_parse (right_const, &c->right_const, NULL))
        FAIL (error, where, "bad “right_const” “%s”", right_const);
    }

  if (json_object_has_member (obj, "foreach"))
    {
      if (!(foreach = nb_format_read_object (obj, "foreach", where, error)) ||
          !(c->var = nb_format_read_string (foreach, "var", TRUE, where, error)) ||
          !(keys = nb_format_read_array (foreach, "keys", TRUE, where, error)))
        return FALSE;
      over = nb_format_read_string (foreach, "over", FALSE, where, error);
      table_key = nb_format_read_string (foreach, "table", FALSE, where, error);
      if (*error)
        return FALSE;
      if (json_object_has_member (foreach, "labels") &&
          !(labels = nb_format_read_object (foreach, "labels", where, error)))
        return FALSE;
      if (table_key && !(table = nb_format_find_table (format, table_key)))
        FAIL (error, where, "“foreach” names unknown table “%s”", table_key);
      if (over && !g_str_equal (over, "columns") && !g_str_equal (over, "rows") && !g_str_equal (over, "groups"))
        FAIL (error, where, "“foreach” goes over columns, rows or groups, not “%s”", over);
      if (over && !g_str_equal (over, "groups") && !table)
        FAIL (error, where, "“foreach” over %s needs its “table”", over);
      n = json_array_get_length (keys);
      extra[0] = c->var;
      extra[1] = v_label = g_strdup_printf ("%s.label", c->var);
      extra[2] = v_short = g_strdup_printf ("%s.short", c->var);
      extra[3] = v_ordinal = g_strdup_printf ("%s.ordinal", c->var);
    }
  if (!read_template (obj, "message", TRUE, types[0].names, extra, &check->message, where, error) ||
      !read_template (obj, "message_blank", FALSE, types[0].names, extra, &c->message_blank, where, error))
    return FALSE;

  c->n_instances = n;
  c->instances = instances = nb_format_keep (format, g_new0 (NbCompareInstanceDef, n + 1));
  for (guint k = 0; k < n; k++)
    {
      NbCompareInstanceDef *in = &instances[k];
      const char *value = NULL;

      if (keys)
        {
          if (!(value = json_array_get_string_element (keys, k)))
            FAIL (error, where, "“foreach” “keys” must list strings");
          in->var_key = value;
          in->var_ordinal = "";
          if (over && g_str_equal (over, "columns"))
            {
              const NbColumnDef *col = nb_table_def_find_column (table, value);

              if (!col)
                FAIL (error, where, "“%s” is not a column of table “%s”", value, table->key);
              in->var_label = col->label;
              in->var_short = col->short_label;
              in->var_ordinal = col->ordinal ? col->ordinal : "";
            }
          else if (over && g_str_equal (over, "rows"))
            {
              const NbRowDef *row = nb_table_def_find_row (table, value);

              if (!row)
                FAIL (error, where, "“%s” is not a row of table “%s”", value, table->key);
              in->var_label = row->label;
              in->var_short = row->short_label;
            }
          if (labels && json_object_has_member (labels, value))
            {
              const char *label = nb_format_read_string (labels, value, TRUE, where, error);

              if (!label)
                return FALSE;
              /* The data's own label; the short one stays the table's. */
              if (!in->var_short)
                in->var_short = label;
              in->var_label = label;
            }
          if (!in->var_label)
            in->var_label = value;
          if (!in->var_short)
            in->var_short = in->var_label;
        }
      if (!read_terms (format, check, left, c->var, value, &in->n_left, &in->left, where, error) ||
          !read_terms (format, check, right, c->var, value, &in->n_right, &in->right, where, error))
        return FALSE;
      if (in->n_left == 0)
        FAIL (error, where, "“left” is empty");
    }
  return TRUE;
}

/* ---- the built-in kinds ---- */

static gboolean
read_cells (NbFormat                *format,
            JsonObject              *obj,
            const char              *member,
            const char              *suffix,   /* "/delta" or NULL */
            guint                   *n_out,
            const NbCellDef *const **out,
            const char              *where,
            GError                 **error)
{
  const char *const *keys = nb_format_read_strv (format, obj, member, where, error);
  guint n = keys ? g_strv_length ((char **) keys) : 0;
  const NbCellDef **cells;

  if (!keys)
    return FALSE;
  cells = nb_format_keep (format, g_new0 (const NbCellDef *, n + 1));
  *n_out = n;
  *out = cells;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = suffix ? g_strconcat (keys[i], "/", suffix, NULL) : g_strdup (keys[i]);

      if (!(cells[i] = nb_format_find_cell (format, key)))
        FAIL (error, where, "names unknown cell “%s”", key);
    }
  return TRUE;
}

static gboolean
check_regex (const char  *pattern,
             const char  *member,
             const char  *group,
             const char  *where,
             GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GRegex) re = NULL;

  if (!pattern)
    FAIL (error, where, "missing “%s”", member);
  if (!(re = g_regex_new (pattern, 0, 0, &local)))
    FAIL (error, where, "bad pattern in “%s”: %s", member, local->message);
  if (group && g_regex_get_string_number (re, group) < 0)
    FAIL (error, where, "the pattern in “%s” has no group (?<%s>…)", member, group);
  return TRUE;
}

static gboolean
load_section_present (NbFormat    *format,
                      NbCheckDef  *check,
                      JsonObject  *obj,
                      const char  *where,
                      GError     **error)
{
  const char *names = "heading text n";
  const char *const *const *not_just;
  JsonObject *messages = NULL, *min_chars = NULL;
  const char *empty = NULL;
  NbSectionRuleDef *rules;
  guint n = 0;

  if (!read_section_lists (format, obj, "not_just", TRUE, &not_just, where, error))
    return FALSE;
  if (json_object_has_member (obj, "min_chars") &&
      !(min_chars = nb_format_read_object (obj, "min_chars", where, error)))
    return FALSE;
  if (json_object_has_member (obj, "messages"))
    {
      if (!(messages = nb_format_read_object (obj, "messages", where, error)) ||
          !check_message_names (format, messages, "empty nothing short", TRUE, where, error) ||
          !read_template (messages, "empty", FALSE, "heading", NULL, &empty, where, error) ||
          !read_template (messages, "nothing", FALSE, names, NULL,
                          &check->section_present.message_nothing, where, error) ||
          !read_template (messages, "short", FALSE, names, NULL,
                          &check->section_present.message_short, where, error))
        return FALSE;
    }
  if (min_chars)
    {
      g_autoptr(GList) keys = json_object_get_members (min_chars);

      for (GList *l = keys; l; l = l->next)
        {
          const NbSectionDef *s = nb_format_find_section (format, l->data);
          if (!s || s->kind != NB_SECTION_TEXT)
            FAIL (error, where, "“min_chars” names “%s”, which is not a text section of the format",
                  (const char *) l->data);
        }
    }

  rules = nb_format_keep (format, g_new0 (NbSectionRuleDef, nb_format_get_n_sections (format) + 1));
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      NbSectionRuleDef *r = &rules[n];
      g_autofree char *own = NULL;
      gint64 min = 0;

      if (s->kind != NB_SECTION_TEXT)
        continue;
      n++;
      r->section = s;
      r->not_just = not_just[i];
      if (min_chars && !read_int (min_chars, s->key, 0, &min, where, error))
        return FALSE;
      r->min_chars = (guint) MIN (min, G_MAXUINT);
      /* A section may have its own wording ("empty_other": 六 may honestly
       * have nothing to report, and must say so). */
      own = g_strconcat ("empty_", s->key, NULL);
      if (messages && !read_template (messages, own, FALSE, "heading", NULL, &r->message_empty, where, error))
        return FALSE;
      if (!r->message_empty)
        r->message_empty = empty;
    }
  check->section_present.n_sections = n;
  check->section_present.sections = rules;
  return TRUE;
}

static gboolean
load_headings (NbFormat    *format,
               NbCheckDef  *check,
               JsonObject  *obj,
               const char  *where,
               GError     **error)
{
  const char *names = "heading official";
  JsonObject *messages = nb_format_read_object (obj, "messages", where, error);

  if (!messages)
    return FALSE;
  if (check->type == NB_CHECK_HEADING_VARIANT)
    return check_message_names (format, messages, "variant", FALSE, where, error) &&
           read_template (messages, "variant", TRUE, names, NULL,
                          &check->heading_variant.message_variant, where, error) &&
           read_section_lists (format, obj, "variants", FALSE,
                               &check->heading_variant.variants, where, error);
  return check_message_names (format, messages, "unknown number order repeated missing", FALSE, where, error) &&
         read_template (messages, "unknown", FALSE, names, NULL, &check->headings.message_unknown, where, error) &&
         read_template (messages, "number", FALSE, names, NULL, &check->headings.message_number, where, error) &&
         read_template (messages, "order", FALSE, names, NULL, &check->headings.message_order, where, error) &&
         read_template (messages, "repeated", FALSE, names, NULL, &check->headings.message_repeated, where, error) &&
         read_template (messages, "missing", FALSE, names, NULL, &check->headings.message_missing, where, error);
}

/* "01-31": a day of the year as the deadline compares it (ISO, as text). */
static gboolean
read_month_day (JsonObject   *obj,
                const char   *member,
                const char  **out,
                const char   *where,
                GError      **error)
{
  const char *s = nb_format_read_string (obj, member, TRUE, where, error);
  guint month, day;

  if (!s)
    return FALSE;
  if (strlen (s) != 5 || !g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]) || s[2] != '-' ||
      !g_ascii_isdigit (s[3]) || !g_ascii_isdigit (s[4]) ||
      (month = (guint) g_ascii_strtoull (s, NULL, 10)) < 1 || month > 12 ||
      (day = (guint) g_ascii_strtoull (s + 3, NULL, 10)) < 1 || day > 31)
    FAIL (error, where, "“%s” must be a day as MM-DD, not “%s”", member, s);
  *out = s;
  return TRUE;
}

static gboolean
load_deadline (NbFormat    *format,
               NbCheckDef  *check,
               JsonObject  *obj,
               const char  *where,
               GError     **error)
{
  const char *names = types[NB_CHECK_DEADLINE].names;   /* types[] is in NbCheckType's order */
  JsonObject *d = nb_format_read_object (obj, "deadlines", where, error);

  if (!d || !read_month_day (d, "department", &check->deadline.department, where, error) ||
      !read_month_day (d, "government", &check->deadline.government, where, error))
    return FALSE;
  check->deadline.department_text = nb_format_read_string (d, "department_text", FALSE, where, error);
  check->deadline.government_text = nb_format_read_string (d, "government_text", FALSE, where, error);
  if (*error)
    return FALSE;
  /* {agency_kind}: the format's words for the kinds of agency. */
  check->deadline.department_word = nb_format_get_agency_kind_word (format, NB_AGENCY_DEPARTMENT);
  check->deadline.government_word = nb_format_get_agency_kind_word (format, NB_AGENCY_GOVERNMENT);
  return read_template (obj, "message_no_date", TRUE, names, NULL, &check->deadline.message_no_date, where, error) &&
         read_template (obj, "message_in_year", TRUE, names, NULL, &check->deadline.message_in_year, where, error);
}

static gboolean
load_params (NbFormat    *format,
             NbCheckDef  *check,
             JsonObject  *obj,
             const char  *names,
             const char  *where,
             GError     **error)
{
  switch (check->type)
    {
    case NB_CHECK_COMPARE:
      return load_compare (format, check, obj, where, error);
    case NB_CHECK_CELL_KIND:
      {
        static const char *const members[] = { "kind_count", "kind_signed", "kind_decimal", "kind_text" };

        for (guint i = 0; i < G_N_ELEMENTS (members); i++)
          if (!read_template (obj, members[i], TRUE, "places", NULL, &check->cell_kind.kind_texts[i], where, error))
            return FALSE;
      }
      return TRUE;
    case NB_CHECK_CELL_BLANK:
      return read_template (obj, "message_row", FALSE, names, NULL, &check->cell_blank.message_row, where, error);
    case NB_CHECK_FORMAT_YEAR:
      return read_template (obj, "message_none", TRUE, names, NULL, &check->format_year.message_none, where, error);
    case NB_CHECK_SECTION_PRESENT:
      return load_section_present (format, check, obj, where, error);
    case NB_CHECK_HEADINGS:
    case NB_CHECK_HEADING_VARIANT:
      return load_headings (format, check, obj, where, error);
    case NB_CHECK_FEES_PRESENT:
      if (!read_cells (format, obj, "fields", NULL, &check->fees_present.n_fields,
                       &check->fees_present.fields, where, error) ||
          !(check->fees_present.text_mentions = nb_format_read_strv (format, obj, "text_mentions", where, error)))
        return FALSE;
      if (check->fees_present.n_fields == 0)
        FAIL (error, where, "“fields” is empty");
      return TRUE;
    case NB_CHECK_TEXT_PERIOD:
    case NB_CHECK_TEXT_YEAR:
    case NB_CHECK_PERIOD_MISSING:
      if (!(check->period.keywords = nb_format_read_strv (format, obj, "keywords", where, error)))
        return FALSE;
      if (check->type != NB_CHECK_PERIOD_MISSING &&
          !read_template (obj, "period_text", TRUE, "from_year from_month from_day to_year to_month to_day",
                          NULL, &check->period.period_text, where, error))
        return FALSE;
      return check->type != NB_CHECK_TEXT_YEAR ||
             read_template (obj, "message_title", TRUE, names, NULL, &check->period.message_title, where, error);
    case NB_CHECK_TEXT_TEMPLATE:
      return (check->text_template.patterns = nb_format_read_strv (format, obj, "patterns", where, error)) &&
             read_template (obj, "message_title", TRUE, names, NULL, &check->text_template.message_title,
                            where, error);
    case NB_CHECK_TEXT_OWN_YEAR:
      if (!(check->own_year.patterns = nb_format_read_strv (format, obj, "patterns", where, error)))
        return FALSE;
      for (guint i = 0; check->own_year.patterns[i]; i++)
        if (!check_regex (check->own_year.patterns[i], "patterns", "year", where, error))
          return FALSE;
      return TRUE;
    case NB_CHECK_NUMBERING:
      {
        JsonArray *families = nb_format_read_array (obj, "families", TRUE, where, error);
        NbNumberingFamilyDef *f;
        guint n;

        if (!families ||
            !read_template (obj, "message_skip", TRUE, names, NULL, &check->numbering.message_skip, where, error) ||
            !read_template (obj, "message_repeat", TRUE, names, NULL, &check->numbering.message_repeat, where, error))
          return FALSE;
        n = json_array_get_length (families);
        f = nb_format_keep (format, g_new0 (NbNumberingFamilyDef, n + 1));
        check->numbering.n_families = n;
        check->numbering.families = f;
        for (guint i = 0; i < n; i++)
          {
            JsonObject *o = nb_format_read_element (families, i, where, error);

            if (!o ||
                !(f[i].pattern = nb_format_read_string (o, "pattern", TRUE, where, error)) ||
                !check_regex (f[i].pattern, "families", "n", where, error) ||
                !nb_format_read_boolean (o, "inline", &f[i].inline_, where, error))
              return FALSE;
            f[i].name = nb_format_read_string (o, "name", FALSE, where, error);
            if (*error)
              return FALSE;
          }
      }
      return TRUE;
    case NB_CHECK_ITEM_COUNT:
      check->item_count.pattern = nb_format_read_string (obj, "pattern", TRUE, where, error);
      return check->item_count.pattern && check_regex (check->item_count.pattern, "pattern", "n", where, error);
    case NB_CHECK_TOTAL_PARTS:
      return (check->total_parts.total_words = nb_format_read_strv (format, obj, "total_words", where, error)) &&
             (check->total_parts.part_words = nb_format_read_strv (format, obj, "part_words", where, error)) &&
             (check->total_parts.units = nb_format_read_strv (format, obj, "units", where, error));
    case NB_CHECK_AMOUNT_UNIT:
      return read_cells (format, obj, "cells", NULL, &check->amount_unit.n_cells, &check->amount_unit.cells,
                         where, error) &&
             read_int (obj, "min_change", 10000, &check->amount_unit.min_change, where, error);
    case NB_CHECK_RATIO:
      {
        /* "value" and "base" columns of each row ("delta" against "prev"). */
        const char *value = nb_format_read_string (obj, "value", TRUE, where, error);
        const char *base = value ? nb_format_read_string (obj, "base", TRUE, where, error) : NULL;
        guint n_bases = 0;

        return base &&
               read_cells (format, obj, "rows", value, &check->ratio.n_rows, &check->ratio.values, where, error) &&
               read_cells (format, obj, "rows", base, &n_bases, &check->ratio.bases, where, error) &&
               read_int (obj, "factor", 10, &check->ratio.factor, where, error) &&
               read_int (obj, "min_change", 20, &check->ratio.min_change, where, error);
      }
    case NB_CHECK_DEADLINE:
      return load_deadline (format, check, obj, where, error);
    case NB_CHECK_CARRY_JUMP:
      return read_int (obj, "factor", 10, &check->carry_jump.factor, where, error) &&
             read_int (obj, "min_change", 20, &check->carry_jump.min_change, where, error);
    case NB_CHECK_TEXT_FIGURES:
    case NB_CHECK_CARRY_AGENCY:
    case NB_CHECK_PUNCTUATION:
    default:
      return TRUE;
    }
}

gboolean
nb_format_load_checks (NbFormat    *format,
                       JsonArray   *checks,
                       GPtrArray   *out,
                       GError     **error)
{
  for (guint i = 0; checks && i < json_array_get_length (checks); i++)
    {
      g_autofree char *where = g_strdup_printf ("checks[%u]", i);
      JsonObject *obj = nb_format_read_element (checks, i, "checks", error);
      NbCheckDef *check;
      const char *type, *severity;
      guint t;

      if (!obj)
        return FALSE;
      check = nb_format_keep (format, g_new0 (NbCheckDef, 1));
      if (!(check->id = nb_format_read_string (obj, "id", TRUE, where, error)))
        return FALSE;
      g_free (where);
      where = g_strdup_printf ("check %s", check->id);
      if (!(type = nb_format_read_string (obj, "type", TRUE, where, error)) ||
          !(severity = nb_format_read_string (obj, "severity", TRUE, where, error)) ||
          !nb_format_read_boolean (obj, "across_years", &check->across_years, where, error))
        return FALSE;
      for (guint k = 0; k < out->len; k++)
        if (g_str_equal (((NbCheckDef *) out->pdata[k])->id, check->id))
          FAIL (error, where, "the id is given to two checks");
      for (t = 0; t < G_N_ELEMENTS (types); t++)
        if (g_str_equal (type, types[t].name))
          break;
      if (t == G_N_ELEMENTS (types))
        FAIL (error, where, "unknown type “%s”", type);
      check->type = types[t].type;
      if (g_str_equal (severity, "error"))
        check->severity = NB_SEVERITY_ERROR;
      else if (g_str_equal (severity, "warning"))
        check->severity = NB_SEVERITY_WARNING;
      else
        FAIL (error, where, "“severity” must be error or warning, not “%s”", severity);
      if (check->type != NB_CHECK_COMPARE &&
          !read_template (obj, "message", types[t].needs_message, types[t].names, NULL,
                          &check->message, where, error))
        return FALSE;
      if (!load_params (format, check, obj, types[t].names, where, error))
        return FALSE;
      g_ptr_array_add (out, check);
    }
  return TRUE;
}
