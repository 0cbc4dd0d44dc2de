/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-form.c — numbering, totals and punctuation in a report's text */
#include "config.h"

#include <string.h>

#include "nb-text-figures.h"
#include "nb-text-form.h"

GArray *
nb_text_find_matches (const GRegex *regex,
                      const char   *paragraph,
                      const char   *group)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (NbTextMatch));
  g_autoptr(GMatchInfo) match = NULL;
  const char *counted = paragraph;
  guint chars = 0;

  if (!regex || !paragraph || !*paragraph)
    return found;
  g_regex_match (regex, paragraph, 0, &match);
  while (g_match_info_matches (match))
    {
      NbTextMatch m = { 0, 0, -1 };
      int s, e, gs = -1, ge = -1;

      g_match_info_fetch_pos (match, 0, &s, &e);
      if (group)
        g_match_info_fetch_named_pos (match, group, &gs, &ge);
      if (gs >= 0 && ge > gs && !nb_text_parse_count (paragraph + gs, ge - gs, &m.value))
        m.value = -1;
      chars += (guint) g_utf8_pointer_to_offset (counted, paragraph + s);
      counted = paragraph + s;
      m.start = chars;
      m.end = chars + (guint) g_utf8_pointer_to_offset (paragraph + s, paragraph + e);
      g_array_append_val (found, m);
      g_match_info_next (match, NULL);
    }
  return found;
}

/* ---- totals and their parts ---- */

static gboolean
is_sentence_end (gunichar c)
{
  return c == 0x3002 /*。*/ || c == 0xFF1B /*；*/ || c == ';' || c == 0xFF01 || c == 0xFF1F ||
         c == '!' || c == '?' || c == '\n';
}

static gboolean
is_han_numeral (gunichar c)
{
  static const gunichar han[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
                                  0x516B, 0x4E5D, 0x5341, 0x767E, 0x5343, 0x4E24, 0x3007 };
  for (guint i = 0; i < G_N_ELEMENTS (han); i++)
    if (han[i] == c)
      return TRUE;
  return FALSE;
}

typedef struct
{
  const char *start;   /* the number */
  const char *end;     /* after the unit */
  gint64      value;
  guint       unit;
} Quantity;

/* The quantities "6条", "十二件" in [p, end), in order. */
static GArray *
quantities (const char         *p,
            const char         *end,
            const char *const  *units)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Quantity));

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean arabic = (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
      const char *q = p;

      if (!arabic && !is_han_numeral (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      while (q < end)
        {
          gunichar d = g_utf8_get_char (q);
          gboolean digit = (d >= '0' && d <= '9') || (d >= 0xFF10 && d <= 0xFF19);
          if (arabic ? !(digit || (d == ',' && g_ascii_isdigit (q[1]))) : !is_han_numeral (d))
            break;
          q = g_utf8_next_char (q);
        }
      if (q < end && *q != '.' && *q != '%')
        for (guint u = 0; units[u]; u++)
          {
            gsize n = strlen (units[u]);
            Quantity x = { p, q + n, 0, u };
            if ((gsize) (end - q) >= n && memcmp (q, units[u], n) == 0 &&
                nb_text_parse_count (p, q - p, &x.value))
              {
                g_array_append_val (out, x);
                break;
              }
          }
      p = q;
    }
  return out;
}

static const char *
find_word (const char         *p,
           const char         *end,
           const char *const  *words,
           gsize              *len)
{
  const char *best = NULL;

  for (guint w = 0; words[w]; w++)
    {
      gsize n = strlen (words[w]);
      for (const char *q = p; q + n <= end; q++)
        if (memcmp (q, words[w], n) == 0)
          {
            if (!best || q < best)
              {
                best = q;
                *len = n;
              }
            break;
          }
    }
  return best;
}

GArray *
nb_text_find_totals (const char         *paragraph,
                     const char *const  *total_words,
                     const char *const  *part_words,
                     const char *const  *units)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (NbTextTotal));
  const char *end = paragraph + strlen (paragraph);
  const char *s = paragraph;

  while (s < end)
    {
      const char *e = s;
      const char *split, *next_split;
      gsize split_len = 0, next_len = 0;

      while (e < end && !is_sentence_end (g_utf8_get_char (e)))
        e = g_utf8_next_char (e);
      split = find_word (s, e, part_words, &split_len);
      if (split)
        {
          g_autoptr(GArray) before = quantities (s, split, units);
          next_split = find_word (split + split_len, e, part_words, &next_len);
          if (before->len > 0)
            {
              const Quantity *total = &g_array_index (before, Quantity, before->len - 1);
              const char *window = total->start;
              gsize tw = 0;

              /* "共…6条": a total word shortly before the figure. */
              for (int i = 0; i < 12 && window > s; i++)
                window = g_utf8_prev_char (window);
              if (find_word (window, total->start, total_words, &tw))
                {
                  g_autoptr(GArray) parts = quantities (split + split_len, next_split ? next_split : e, units);
                  NbTextTotal t = { 0, };
                  const char *last = NULL;

                  for (guint i = 0; i < parts->len; i++)
                    {
                      const Quantity *q = &g_array_index (parts, Quantity, i);
                      if (q->unit != total->unit)
                        continue;
                      t.parts_sum += q->value;
                      t.n_parts++;
                      last = q->end;
                    }
                  if (t.n_parts >= 2)
                    {
                      t.total = total->value;
                      t.unit = total->unit;
                      t.start = (guint) g_utf8_pointer_to_offset (paragraph, total->start);
                      t.end = (guint) g_utf8_pointer_to_offset (paragraph, last);
                      g_array_append_val (found, t);
                    }
                }
            }
        }
      s = e < end ? g_utf8_next_char (e) : e;
    }
  return found;
}

/* ---- half-width punctuation ---- */

static const char halfwidth[] = ",:;()?!";
static const char *const fullwidth[] = { "，", "：", "；", "（", "）", "？", "！" };

static gboolean
is_chinese (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         c == 0x201C || c == 0x201D;   /* “” */
}

static gboolean
is_ascii_digit (const char *p)
{
  return p && g_ascii_isdigit (*p);
}

/* Whether the half-width mark at @p belongs in full width: it touches
 * Chinese text, and is not a thousands separator or a time. */
static gboolean
misplaced_mark (const char *text,
                const char *p)
{
  const char *prev = p > text ? g_utf8_prev_char (p) : NULL;
  const char *next = p[1] ? p + 1 : NULL;
  gunichar pc, nc;

  if (*p == '\0' || !strchr (halfwidth, *p))
    return FALSE;
  if ((*p == ',' || *p == ':') && is_ascii_digit (prev) && is_ascii_digit (next))
    return FALSE;
  while (prev && prev > text && *prev == ' ')
    prev = g_utf8_prev_char (prev);
  while (next && *next == ' ')
    next++;
  pc = prev ? g_utf8_get_char (prev) : 0;
  nc = next && *next ? g_utf8_get_char (next) : 0;
  return (pc && is_chinese (pc)) || (nc && is_chinese (nc));
}

guint
nb_text_count_halfwidth (const char *paragraph,
                         guint      *first)
{
  guint n = 0, chars = 0;

  for (const char *p = paragraph; p && *p; p = g_utf8_next_char (p), chars++)
    if (misplaced_mark (paragraph, p))
      {
        if (n++ == 0 && first)
          *first = chars;
      }
  return n;
}

char *
nb_text_fix_halfwidth (const char *paragraph)
{
  GString *s = g_string_new (NULL);

  for (const char *p = paragraph; p && *p; p = g_utf8_next_char (p))
    {
      if (misplaced_mark (paragraph, p))
        {
          g_string_append (s, fullwidth[strchr (halfwidth, *p) - halfwidth]);
          /* "，" carries its own space: drop the one typed after "," */
          while (p[1] == ' ')
            p++;
        }
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (s, FALSE);
}

char *
nb_text_fix_halfwidth_range (const char *text,
                             guint       start,
                             guint       end)
{
  glong length = g_utf8_strlen (text, -1);
  const char *a, *b;
  g_autofree char *middle = NULL, *fixed = NULL;

  if (start > end || (glong) end > length)
    return g_strdup (text);
  a = g_utf8_offset_to_pointer (text, start);
  b = g_utf8_offset_to_pointer (text, end);
  middle = g_strndup (a, b - a);
  fixed = nb_text_fix_halfwidth (middle);
  return g_strdup_printf ("%.*s%s%s", (int) (a - text), text, fixed, b);
}
