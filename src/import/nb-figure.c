/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-figure.c — a table figure as published reports print it */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-figure.h"

/* Units printed after a figure; "万元" before "元" so the longer wins. */
static const char *const units[] = { "万元", "元", "件", "个", "项", "条", "次", NULL };

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x00A0 && c != 0x3000 && c != 0xFEFF)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

gboolean
nb_figure_is_blank_mark (const char *text)
{
  g_autofree char *s = squeeze (text);
  static const char *const marks[] = {
    "—", "——", "———", "-", "--", "－", "－－", "–", "/", "／", "\\", "无", "空", "×", NULL
  };

  for (guint i = 0; marks[i]; i++)
    if (g_str_equal (s, marks[i]))
      return TRUE;
  return FALSE;
}

/* The number part and the unit: "380000元" → "380000", "元". */
static char *
split_unit (const char  *squeezed,
            const char **unit)
{
  *unit = NULL;
  for (guint i = 0; units[i]; i++)
    if (g_str_has_suffix (squeezed, units[i]) && strlen (squeezed) > strlen (units[i]))
      {
        *unit = units[i];
        return g_strndup (squeezed, strlen (squeezed) - strlen (units[i]));
      }
  return g_strdup (squeezed);
}

static gboolean
strict_number (const char *text,
               NbNumber   *out)
{
  const char *p = text;
  gboolean digit = FALSE;

  /* nb_number_parse is lenient about what follows ("1." is 1); a figure in a
   * table must be whole: sign, digits, groups, one point followed by digits. */
  if (*p == '+' || *p == '-')
    p++;
  else if (g_str_has_prefix (p, "＋") || g_str_has_prefix (p, "－"))
    p += strlen ("＋");
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar n = g_utf8_get_char (g_utf8_next_char (p));

      if (g_unichar_isdigit (c))
        digit = TRUE;
      else if ((c == '.' || c == 0xFF0E) && digit && g_unichar_isdigit (n))
        ;
      else if ((c == ',' || c == 0xFF0C) && digit && g_unichar_isdigit (n))
        ;
      else
        return FALSE;
    }
  return digit && nb_number_parse (text, out, NULL);
}

gboolean
nb_figure_looks_like (const char *text)
{
  g_autofree char *s = squeeze (text);
  g_autofree char *number = NULL;
  const char *unit;
  NbNumber n;

  if (!*s)
    return FALSE;
  if (nb_figure_is_blank_mark (s))
    return TRUE;
  number = split_unit (s, &unit);
  return strict_number (number, &n);
}

NbFigureResult
nb_figure_parse (const char      *text,
                 const NbCellDef *def,
                 NbNumber        *out,
                 char           **note)
{
  g_autofree char *s = squeeze (text);
  g_autofree char *number = NULL;
  const char *unit;
  gboolean finer;

  *out = nb_number_blank ();
  if (note)
    *note = NULL;
  if (!*s)
    return NB_FIGURE_EMPTY;
  if (nb_figure_is_blank_mark (s))
    return NB_FIGURE_BLANK_MARK;
  number = split_unit (s, &unit);
  if (!strict_number (number, out))
    {
      *out = nb_number_blank ();
      return NB_FIGURE_INVALID;
    }

  /* 380000元 in a 万元 column (the column's finer unit). */
  finer = def && def->column && def->column->finer_unit && unit && g_str_equal (unit, def->column->finer_unit);
  if (finer)
    {
      char before[NB_NUMBER_BUF], after[NB_NUMBER_BUF];
      NbNumber yuan = *out;
      guint printed_places = out->places;

      /* 元 → 万元 is exact: the same digits, four more places; the zeros
       * that only the shift added go (380000元 is 38 万元, not 38.0000). */
      guint shift = def->column->finer_places;

      if (out->places + shift <= NB_NUMBER_MAX_PLACES + shift)
        {
          out->places += shift;
          while (out->places > printed_places && out->units % 10 == 0)
            {
              out->units /= 10;
              out->places--;
            }
          if (out->places > NB_NUMBER_MAX_PLACES)
            {
              *out = nb_number_blank ();
              return NB_FIGURE_INVALID;
            }
        }
      nb_number_format (&yuan, before);
      nb_number_format (out, after);
      if (note)
        /* TRANSLATORS: an amount printed in yuan where the form asks for 10,000 yuan */
        *note = g_strdup_printf (_("“%s” is printed in 元 where the form asks for 万元: read as %s 万元 (%s 元)"),
                                 text, after, before);
    }
  return NB_FIGURE_VALUE;
}
