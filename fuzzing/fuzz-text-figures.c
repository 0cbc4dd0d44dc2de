/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-text-figures.c — the scanner of figures and periods in a report's
 * text: no crash, and every place it reports lies within the text */
#include "fuzz.h"
#include "nb-format.h"
#include "nb-text-figures.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static NbTextFigureRules *rules;
  static const char *const keywords[] = { "统计", "期限", NULL };
  g_autofree char *text = NULL;
  g_autoptr(GArray) figures = NULL;
  g_autoptr(GArray) periods = NULL;
  glong n_chars;
  gint64 count;

  if (size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();
  if (rules == NULL)
    {
      NbFormat *format = nb_format_get ("2021", NULL);
      rules = nb_text_figure_rules_new (format);
      if (rules == NULL)
        abort ();
    }

  text = nb_fuzz_strndup (data, size);
  if (!g_utf8_validate (text, -1, NULL))
    return 0;   /* the model never holds invalid UTF-8 */
  n_chars = g_utf8_strlen (text, -1);

  figures = nb_text_find_figures (rules, text, 2024);
  for (guint i = 0; i < figures->len; i++)
    {
      const NbTextFigure *f = &g_array_index (figures, NbTextFigure, i);
      if (f->start > f->end || (glong) f->end > n_chars)
        abort ();
    }
  periods = nb_text_find_periods (text, keywords);
  for (guint i = 0; i < periods->len; i++)
    {
      const NbTextPeriod *p = &g_array_index (periods, NbTextPeriod, i);
      if (p->start > p->end || (glong) p->end > n_chars)
        abort ();
    }
  nb_text_parse_count (text, (gssize) size, &count);
  return 0;
}
