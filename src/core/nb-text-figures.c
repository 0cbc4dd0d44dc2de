/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-figures.c — figures and statistics periods quoted in a report's text */
#include "config.h"

#include <string.h>

#include "nb-error.h"
#include "nb-text-figures.h"

typedef struct
{
  char  *unit;
  guint  places;         /* "元" for a 万元 figure: 4 more decimal places */
} Unit;

typedef struct
{
  GPtrArray *triggers;   /* char* */
  GPtrArray *between;    /* char*: phrases skipped between trigger and number, longest first */
  GPtrArray *context;    /* char*: the sentence must contain one of these (if any) */
  GPtrArray *exclude;    /* char*: … and none of these */
  gboolean   context_before;  /* context may be in an earlier sentence of the paragraph */
  char      *filler;     /* characters allowed between trigger and number:
                          * the format's shared ones and the rule's own */
  GArray    *units;      /* Unit; the format's default when the rule names none */
  gboolean   decimal;
  gboolean   claim;      /* no number: "均获维持" states a zero */
  GPtrArray *scopes;     /* GPtrArray* of char*: keywords per scope */
} Rule;

struct _NbTextFigureRules
{
  GArray            *rules;       /* Rule */
  const char *const *other_year;  /* "上年": a figure just after it is not this year's */
};

#define MAX_FILLER 8

static void
rule_clear (gpointer data)
{
  Rule *r = data;

  g_clear_pointer (&r->triggers, g_ptr_array_unref);
  g_clear_pointer (&r->between, g_ptr_array_unref);
  g_clear_pointer (&r->context, g_ptr_array_unref);
  g_clear_pointer (&r->exclude, g_ptr_array_unref);
  g_clear_pointer (&r->filler, g_free);
  g_clear_pointer (&r->units, g_array_unref);
  g_clear_pointer (&r->scopes, g_ptr_array_unref);
}

/* The non-empty strings of @v, copied. */
static GPtrArray *
string_list (const char *const *v)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; v && v[i]; i++)
    if (*v[i])
      g_ptr_array_add (list, g_strdup (v[i]));
  return list;
}

static gint
longest_first (gconstpointer a,
               gconstpointer b)
{
  return (int) strlen (*(const char *const *) b) - (int) strlen (*(const char *const *) a);
}

static gint
longest_unit_first (gconstpointer a,
                    gconstpointer b)
{
  return (int) strlen (((const Unit *) b)->unit) - (int) strlen (((const Unit *) a)->unit);
}

static void
unit_clear (gpointer data)
{
  g_free (((Unit *) data)->unit);
}

NbTextFigureRules *
nb_text_figure_rules_new (NbFormat *format)
{
  NbTextFigureRules *self = g_new0 (NbTextFigureRules, 1);
  const NbFigureWordsDef *words = nb_format_get_figure_words (format);

  self->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (self->rules, rule_clear);
  self->other_year = words->other_year;

  for (guint i = 0; i < nb_format_get_n_figure_rules (format); i++)
    {
      const NbFigureRuleDef *def = nb_format_get_figure_rule (format, i);
      Rule rule = { 0, };

      rule.triggers = string_list (def->triggers);
      rule.between = string_list (def->between);
      g_ptr_array_sort (rule.between, longest_first);
      rule.context = string_list (def->context);
      rule.exclude = string_list (def->exclude);
      rule.context_before = def->context_before;
      rule.filler = g_strconcat (words->filler, def->filler, NULL);
      rule.decimal = def->decimal;
      rule.claim = def->claim;
      rule.units = g_array_new (FALSE, TRUE, sizeof (Unit));
      g_array_set_clear_func (rule.units, unit_clear);
      for (guint u = 0; def->units[u]; u++)
        if (*def->units[u])
          {
            Unit unit = { g_strdup (def->units[u]), def->unit_places[u] };
            g_array_append_val (rule.units, unit);
          }
      if (rule.units->len == 0)
        {
          Unit unit = { g_strdup (words->unit), 0 };
          g_array_append_val (rule.units, unit);
        }
      g_array_sort (rule.units, longest_unit_first);
      rule.scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
      for (guint k = 0; k < def->n_scopes && k < 32; k++)
        g_ptr_array_add (rule.scopes, string_list (def->scopes[k].keywords));
      g_array_append_val (self->rules, rule);
    }
  return self;
}

void
nb_text_figure_rules_free (NbTextFigureRules *rules)
{
  if (rules == NULL)
    return;
  g_array_unref (rules->rules);
  g_free (rules);
}

static int
digit_value (gunichar c)
{
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xFF10 && c <= 0xFF19)
    return (int) (c - 0xFF10);
  return -1;
}

static int
han_digit (gunichar c)
{
  static const gunichar digits[] = { 0x96F6 /*零*/, 0x4E00 /*一*/, 0x4E8C /*二*/, 0x4E09 /*三*/,
                                     0x56DB /*四*/, 0x4E94 /*五*/, 0x516D /*六*/, 0x4E03 /*七*/,
                                     0x516B /*八*/, 0x4E5D /*九*/ };
  if (c == 0x3007 /*〇*/)
    return 0;
  if (c == 0x4E24 /*两*/)
    return 2;
  for (int i = 0; i < 10; i++)
    if (digits[i] == c)
      return i;
  return -1;
}

static int
han_unit (gunichar c)
{
  switch (c)
    {
    case 0x5341: return 10;     /* 十 */
    case 0x767E: return 100;    /* 百 */
    case 0x5343: return 1000;   /* 千 */
    case 0x4E07: return 10000;  /* 万 */
    default: return 0;
    }
}

/* Reads a number at @p: Arabic (ASCII or full-width, "1,234") or Chinese
 * numerals ("十二", "一百零五"). Returns the end, or NULL if none. */
static const char *
read_count (const char *p,
            const char *end,
            gint64     *out)
{
  const char *q = p;
  gunichar c = g_utf8_get_char (q);

  if (digit_value (c) >= 0)
    {
      gint64 v = 0;
      int n = 0;

      while (q < end)
        {
          int d;

          c = g_utf8_get_char (q);
          d = digit_value (c);
          if (d >= 0)
            {
              if (++n > 12)
                return NULL;
              v = v * 10 + d;
            }
          else if ((c == ',' || c == 0xFF0C) && n > 0 && q + 1 < end &&
                   digit_value (g_utf8_get_char (g_utf8_next_char (q))) >= 0)
            ;   /* thousands separator */
          else
            break;
          q = g_utf8_next_char (q);
        }
      *out = v;
      return q;
    }

  if (han_digit (c) >= 0 || han_unit (c) == 10)
    {
      gint64 total = 0, section = 0, number = 0;
      gboolean any = FALSE;

      while (q < end)
        {
          int d, u;

          c = g_utf8_get_char (q);
          if ((d = han_digit (c)) >= 0)
            number = d;
          else if ((u = han_unit (c)) > 0)
            {
              if (u == 10000)
                {
                  total += (section + number) * 10000;
                  section = 0;
                }
              else
                section += (number == 0 && u == 10 ? 1 : number) * u;
              number = 0;
            }
          else
            break;
          any = TRUE;
          q = g_utf8_next_char (q);
        }
      if (!any)
        return NULL;
      *out = total + section + number;
      return q;
    }
  return NULL;
}

gboolean
nb_text_parse_count (const char *text,
                     gssize      length,
                     gint64     *out)
{
  const char *end = text + (length < 0 ? (gssize) strlen (text) : length);
  const char *q = read_count (text, end, out);

  return q != NULL && q == end;
}

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /*。*/ || c == 0xFF1B /*；*/ || c == ';' || c == 0xFF01 || c == 0xFF1F ||
         c == '!' || c == '?' || c == '\n';
}

/* The sentence around [p, q): from after the previous sentence end to the next. */
static void
sentence_bounds (const char  *text,
                 const char  *end,
                 const char  *p,
                 const char **start_out,
                 const char **end_out)
{
  const char *s = p;
  const char *e = p;

  while (s > text)
    {
      const char *prev = g_utf8_prev_char (s);
      if (is_sentence_end (g_utf8_get_char (prev)))
        break;
      s = prev;
    }
  while (e < end && !is_sentence_end (g_utf8_get_char (e)))
    e = g_utf8_next_char (e);
  *start_out = s;
  *end_out = e;
}

static gboolean
contains_in (const char *start,
             const char *end,
             const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = start; p + n <= end; p++)
    if (memcmp (p, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* "2023年收到申请15件" in a 2024 report is about another year. */
static gboolean
about_other_year (const NbTextFigureRules *rules,
                  const char              *sentence,
                  const char              *trigger,
                  int                      report_year)
{
  const char *window = trigger;

  for (int i = 0; i < 6 && window > sentence; i++)
    window = g_utf8_prev_char (window);
  for (guint i = 0; rules->other_year[i]; i++)
    if (contains_in (window, trigger, rules->other_year[i]))
      return TRUE;

  for (const char *p = sentence; p + 4 < trigger; p++)
    {
      if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
          g_ascii_isdigit (p[3]) && (p == sentence || !g_ascii_isdigit (p[-1])) &&
          strncmp (p + 4, "年", strlen ("年")) == 0)
        {
          int year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
          if (year != report_year)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_filler (const Rule *rule,
           gunichar    c)
{
  char buf[8];
  int n = g_unichar_to_utf8 (c, buf);

  buf[n] = '\0';
  return strstr (rule->filler, buf) != NULL;
}

static gint
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  const NbTextFigure *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (int) x->rule - (int) y->rule;
}

/* "793.9397", "1,234.5": Arabic digits (ASCII or full-width) with
 * thousands separators and one decimal point. */
static const char *
read_decimal (const char *p,
              const char *end,
              NbNumber   *out)
{
  GString *digits = g_string_new (NULL);
  const char *q = p;
  gboolean point = FALSE;
  gboolean ok;

  while (q < end)
    {
      gunichar c = g_utf8_get_char (q);
      int d = digit_value (c);
      const char *next = g_utf8_next_char (q);

      if (d >= 0)
        g_string_append_c (digits, (char) ('0' + d));
      else if ((c == '.' || c == 0xFF0E) && !point && digits->len > 0 && next < end &&
               digit_value (g_utf8_get_char (next)) >= 0)
        {
          point = TRUE;
          g_string_append_c (digits, '.');
        }
      else if ((c == ',' || c == 0xFF0C) && !point && digits->len > 0 && next < end &&
               digit_value (g_utf8_get_char (next)) >= 0)
        ;   /* thousands separator */
      else
        break;
      q = next;
    }
  ok = digits->len > 0 && nb_number_parse (digits->str, out, NULL);
  g_string_free (digits, TRUE);
  return ok ? q : NULL;
}

/* Past the phrases and filler that may stand between trigger and number:
 * "收到" + "政府信息公开申请" + "共计" + "52件". */
static const char *
skip_between (const Rule *rule,
              const char *q,
              const char *end)
{
  for (guint steps = 0; q < end && steps < MAX_FILLER + 4; steps++)
    {
      gboolean phrase = FALSE;

      for (guint b = 0; b < rule->between->len && !phrase; b++)
        {
          const char *w = g_ptr_array_index (rule->between, b);
          gsize n = strlen (w);
          if ((gsize) (end - q) >= n && memcmp (q, w, n) == 0)
            {
              q += n;
              phrase = TRUE;
            }
        }
      if (phrase)
        continue;
      if (!is_filler (rule, g_utf8_get_char (q)))
        break;
      q = g_utf8_next_char (q);
    }
  return q;
}

/* The end of the last occurrence of any of @words in [start, limit), or NULL. */
static const char *
last_occurrence (const char *start,
                 const char *limit,
                 GPtrArray  *words)
{
  const char *best = NULL;

  for (guint w = 0; w < words->len; w++)
    {
      const char *word = g_ptr_array_index (words, w);
      gsize n = strlen (word);

      for (const char *p = start; p + n <= limit; p++)
        if (memcmp (p, word, n) == 0 && (!best || p + n > best))
          best = p + n;
    }
  return best;
}

static const char *
paragraph_start (const char *text,
                 const char *p)
{
  while (p > text && p[-1] != '\n')
    p--;
  return p;
}

static gboolean
any_in (GPtrArray  *words,
        const char *start,
        const char *end)
{
  for (guint c = 0; c < words->len; c++)
    if (contains_in (start, end, g_ptr_array_index (words, c)))
      return TRUE;
  return FALSE;
}

/* Keeps the longest quote of a number: "予以公开及部分公开140件" is not
 * also "部分公开140件", "被申请行政复议3件" not also "行政复议3件". */
static void
add_figure (GArray             *found,
            const NbTextFigure *fig)
{
  for (guint k = 0; k < found->len; k++)
    {
      NbTextFigure *o = &g_array_index (found, NbTextFigure, k);
      if (o->end == fig->end)
        {
          if (fig->start < o->start)
            *o = *fig;
          return;
        }
    }
  g_array_append_val (found, *fig);
}

GArray *
nb_text_find_figures (const NbTextFigureRules *rules,
                      const char              *text,
                      int                      report_year)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (NbTextFigure));
  const char *end;

  if (text == NULL || *text == '\0')
    return found;
  end = text + strlen (text);

  for (guint r = 0; r < rules->rules->len; r++)
    {
      const Rule *rule = &g_array_index (rules->rules, Rule, r);

      for (guint t = 0; t < rule->triggers->len; t++)
        {
          const char *trigger = g_ptr_array_index (rule->triggers, t);
          gsize tlen = strlen (trigger);
          const char *p = text;

          for (; (p = strstr (p, trigger)) != NULL; p += tlen)
            {
              const char *q = p + tlen;
              const char *num = q, *num_end = NULL;
              const char *s_start, *s_end;
              NbTextFigure fig = { 0, };
              const Unit *unit = NULL;

              fig.scope = -1;
              if (!rule->claim)
                {
                  num = skip_between (rule, q, end);
                  if (num >= end)
                    continue;
                  num_end = rule->decimal ? read_decimal (num, end, &fig.number) : NULL;
                  if (!rule->decimal)
                    {
                      gint64 v;
                      num_end = read_count (num, end, &v);
                      fig.number = nb_number_from_int (v);
                    }
                  while (num_end && num_end < end && *num_end == ' ')
                    num_end++;
                  for (guint u = 0; num_end && u < rule->units->len && !unit; u++)
                    {
                      const Unit *un = &g_array_index (rule->units, Unit, u);
                      if (g_str_has_prefix (num_end, un->unit))
                        unit = un;
                    }
                  if (!unit)
                    continue;
                  num_end += strlen (unit->unit);
                  if (unit->places > 0)
                    {
                      if (fig.number.places + unit->places > NB_NUMBER_MAX_PLACES)
                        continue;
                      fig.number.places += unit->places;
                    }
                }
              else
                num_end = q;

              sentence_bounds (text, end, p, &s_start, &s_end);
              if (rule->context->len > 0 &&
                  !any_in (rule->context, rule->context_before ? paragraph_start (text, p) : s_start, s_end))
                continue;
              if (rule->exclude->len > 0 && any_in (rule->exclude, s_start, s_end))
                continue;
              if (about_other_year (rules, s_start, p, report_year))
                continue;

              /* Which scope: the nearest keyword before the number (for a
               * claim, every keyword the sentence names before it). */
              for (guint k = 0; k < rule->scopes->len; k++)
                {
                  const char *at = last_occurrence (s_start, rule->claim ? p : num,
                                                    g_ptr_array_index (rule->scopes, k));
                  if (!at)
                    continue;
                  fig.scopes |= 1u << k;
                  if (fig.scope < 0 || at > last_occurrence (s_start, rule->claim ? p : num,
                                                              g_ptr_array_index (rule->scopes, fig.scope)))
                    fig.scope = (gint) k;
                }
              if (rule->scopes->len > 0 && rule->claim && fig.scopes == 0)
                fig.scopes = rule->scopes->len >= 32 ? G_MAXUINT32 : (1u << rule->scopes->len) - 1;

              fig.rule = r;
              fig.value = nb_number_integer_part (&fig.number);
              /* Byte offsets for now; characters once all are found. */
              fig.start = (guint) (p - text);
              fig.end = (guint) (num_end - text);
              add_figure (found, &fig);
            }
        }
    }
  g_array_sort (found, compare_figures);

  /* One pass from bytes to characters, the figures being sorted by start. */
  {
    const char *q = text;
    guint chars = 0;
    for (guint i = 0; i < found->len; i++)
      {
        NbTextFigure *f = &g_array_index (found, NbTextFigure, i);
        const char *start = text + f->start;
        const char *stop = text + f->end;

        if (start < q)   /* overlapping quotes of two rules: rare, count again */
          {
            q = text;
            chars = 0;
          }
        chars += (guint) g_utf8_pointer_to_offset (q, start);
        q = start;
        f->start = chars;
        f->end = chars + (guint) g_utf8_pointer_to_offset (start, stop);
      }
  }
  return found;
}

static int
parse_small (const char *text,
             gssize      len)
{
  gint64 v;

  if (len <= 0)
    return 0;
  return nb_text_parse_count (text, len, &v) ? (int) v : 0;
}

GArray *
nb_text_find_periods (const char        *text,
                      const char *const *keywords)
{
  static GRegex *regex;
  GArray *found = g_array_new (FALSE, FALSE, sizeof (NbTextPeriod));
  g_autoptr(GMatchInfo) match = NULL;
  const char *end;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("([0-9０-９]{4})\\s*年\\s*([0-9０-９]{1,2})\\s*月\\s*([0-9０-９]{1,2})\\s*日"
                               "\\s*(?:起)?\\s*(?:至|到|—|－|-|~|～|–)+\\s*"
                               "(?:([0-9０-９]{4})\\s*年)?\\s*([0-9０-９]{1,2})\\s*月\\s*([0-9０-９]{1,2})\\s*日",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }

  if (text == NULL || *text == '\0')
    return found;
  end = text + strlen (text);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int s, e, gs[7], ge[7];
      const char *s_start, *s_end;
      gboolean keyword = keywords == NULL || keywords[0] == NULL;
      NbTextPeriod period = { 0, };

      g_match_info_fetch_pos (match, 0, &s, &e);
      for (int g = 1; g <= 6; g++)
        g_match_info_fetch_pos (match, g, &gs[g], &ge[g]);

      sentence_bounds (text, end, text + s, &s_start, &s_end);
      for (guint k = 0; keywords && keywords[k] && !keyword; k++)
        keyword = contains_in (s_start, s_end, keywords[k]);

      if (keyword)
        {
          period.start_year = parse_small (text + gs[1], ge[1] - gs[1]);
          period.start_month = parse_small (text + gs[2], ge[2] - gs[2]);
          period.start_day = parse_small (text + gs[3], ge[3] - gs[3]);
          period.end_year = gs[4] >= 0 ? parse_small (text + gs[4], ge[4] - gs[4]) : period.start_year;
          period.end_month = parse_small (text + gs[5], ge[5] - gs[5]);
          period.end_day = parse_small (text + gs[6], ge[6] - gs[6]);
          period.start = (guint) g_utf8_pointer_to_offset (text, text + s);
          period.end = (guint) g_utf8_pointer_to_offset (text, text + e);
          g_array_append_val (found, period);
        }
      g_match_info_next (match, NULL);
    }
  return found;
}
