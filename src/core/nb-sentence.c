/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-sentence.c — sentences generated from the tables, so that the figures a
 * text quotes are the tables' own (and the text checks can verify them). */
#include "config.h"

#include <string.h>

#include "nb-error.h"
#include "nb-sentence.h"

/* One term of an expression: a cell key, where a path segment may end in
 * '*' (a prefix: the row segment "withheld_" followed by a star). Adds the indexes of the
 * cells it names; FALSE if none. */
static gboolean
expand_term (NbFormat   *format,
             const char *term,
             GArray     *indexes)
{
  g_auto(GStrv) want = g_strsplit (term, "/", -1);
  guint found = 0;

  if (!strchr (term, '*'))
    {
      const NbCellDef *def = nb_format_find_cell (format, term);

      if (!def)
        return FALSE;
      g_array_append_val (indexes, def->index);
      return TRUE;
    }
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      g_auto(GStrv) have = g_strsplit (def->key, "/", -1);
      gboolean match = g_strv_length (have) == g_strv_length (want);

      for (guint k = 0; match && want[k]; k++)
        {
          gsize n = strlen (want[k]);

          if (n > 0 && want[k][n - 1] == '*')
            match = strncmp (have[k], want[k], n - 1) == 0;
          else
            match = g_str_equal (have[k], want[k]);
        }
      if (match)
        {
          g_array_append_val (indexes, def->index);
          found++;
        }
    }
  return found > 0;
}

/* "a+b+c" → the cells it sums; FALSE (and @bad set) on a term naming none. */
static gboolean
expand (NbFormat    *format,
        const char  *expr,
        GArray      *indexes,
        char       **bad)
{
  g_auto(GStrv) terms = g_strsplit (expr, "+", -1);

  for (guint i = 0; terms[i]; i++)
    {
      g_strstrip (terms[i]);
      if (!expand_term (format, terms[i], indexes))
        {
          if (bad)
            *bad = g_strdup (terms[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The exact sum of @expr's cells, as the tables show it ("793.9397");
 * FALSE if a term names no cell, or, with @no_blanks, if a cell is blank. */
static gboolean
evaluate (NbReport   *report,
          const char *expr,
          gboolean    no_blanks,
          NbNumber   *sum)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));

  *sum = nb_number_from_int (0);
  if (!expand (nb_report_get_format (report), expr, indexes, NULL))
    return FALSE;
  for (guint i = 0; i < indexes->len; i++)
    {
      const NbNumber *v = nb_report_get_value_at (report, g_array_index (indexes, guint, i));

      if (no_blanks && v->blank)
        return FALSE;
      nb_number_add (sum, v);
    }
  return TRUE;
}

/* The sentences offered in every text section (a section's own fields'
 * sentence is offered beside its fields: nb_sentence_fees ()). */
static const NbSentenceDef *
general_sentence (NbFormat *format,
                  guint     i)
{
  for (guint k = 0; k < nb_format_get_n_sentences (format); k++)
    {
      const NbSentenceDef *def = nb_format_get_sentence (format, k);

      if (def->section == NULL && i-- == 0)
        return def;
    }
  return NULL;
}

guint
nb_sentence_get_n_sentences (NbFormat *format)
{
  guint n = 0;

  for (guint k = 0; k < nb_format_get_n_sentences (format); k++)
    if (nb_format_get_sentence (format, k)->section == NULL)
      n++;
  return n;
}

const char *
nb_sentence_get_id (NbFormat *format,
                    guint     i)
{
  const NbSentenceDef *def = general_sentence (format, i);

  g_return_val_if_fail (def != NULL, NULL);
  return def->id;
}

const char *
nb_sentence_get_label (NbFormat *format,
                       guint     i)
{
  const NbSentenceDef *def = general_sentence (format, i);

  g_return_val_if_fail (def != NULL, NULL);
  return def->label;
}

/* Fills every {…} of @template; NULL if one names no cell (or a blank
 * one, with @no_blanks). */
static char *
fill (NbReport   *report,
      const char *template,
      gboolean    no_blanks)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = template;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      g_autofree char *expr = NULL;

      if (!open || !close)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);
      expr = g_strndup (open + 1, close - open - 1);
      if (g_str_equal (expr, "year"))
        g_string_append_printf (out, "%d", nb_report_get_year (report));
      else
        {
          NbNumber sum;
          char buf[NB_NUMBER_BUF];

          if (!evaluate (report, expr, no_blanks, &sum))
            return NULL;
          g_string_append (out, nb_number_format (&sum, buf));
        }
      p = close + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nb_sentence_render (NbReport   *report,
                    const char *id)
{
  const NbSentenceDef *def;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  if (!(def = nb_format_find_sentence (nb_report_get_format (report), id)))
    return NULL;
  if (def->zero_sum)
    {
      NbNumber sum;

      if (evaluate (report, def->zero_sum, def->needs_all, &sum))
        {
          if (sum.units == 0)
            return fill (report, def->zero_template, def->needs_all);
        }
      else if (def->needs_all)
        return NULL;
    }
  return fill (report, def->template, def->needs_all);
}

static gboolean
check_template (NbFormat    *format,
                const char  *id,
                const char  *template,
                GError     **error)
{
  const char *p = template;

  while (p && (p = strchr (p, '{')))
    {
      const char *close = strchr (p, '}');
      g_autofree char *expr = NULL;
      g_autofree char *bad = NULL;
      g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));

      if (!close)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT, "sentence “%s”: a “{” is not closed", id);
          return FALSE;
        }
      expr = g_strndup (p + 1, close - p - 1);
      if (!g_str_equal (expr, "year") && !expand (format, expr, indexes, &bad))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                       "sentence “%s”: “%s” names no cell of format %s", id, bad, nb_format_get_version (format));
          return FALSE;
        }
      p = close + 1;
    }
  return TRUE;
}

gboolean
nb_sentence_check_format (NbFormat  *format,
                          GError   **error)
{
  for (guint i = 0; i < nb_format_get_n_sentences (format); i++)
    {
      const NbSentenceDef *def = nb_format_get_sentence (format, i);

      if (!check_template (format, def->id, def->template, error))
        return FALSE;
      if (def->zero_sum)
        {
          g_autofree char *sum = g_strdup_printf ("{%s}", def->zero_sum);
          if (!check_template (format, def->id, sum, error) ||
              !check_template (format, def->id, def->zero_template, error))
            return FALSE;
        }
    }
  return TRUE;
}

char *
nb_sentence_fees (NbReport *report)
{
  const NbSectionDef *section;

  g_return_val_if_fail (NB_IS_REPORT (report), NULL);

  section = nb_format_get_fee_section (nb_report_get_format (report));
  if (!section)
    return NULL;
  return nb_sentence_render (report, section->fields_sentence->id);
}
