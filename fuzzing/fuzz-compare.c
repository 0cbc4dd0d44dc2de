/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-compare.c — `nianbao-cli compare` and the 与上年对比 view on any
 * texts: last year's and this year's section texts (the input split at
 * the first form feed; the first byte picks last year's format) diffed
 * paragraph by paragraph (nb-comparison.c). Every paragraph of each year
 * comes out once, in its order, and each change is of a consistent kind. */
#include "fuzz.h"
#include "nb-comparison.h"
#include "nb-format.h"

/* The paragraphs of one year's side, in order, each within @text after the previous. */
static void
check_side (GPtrArray  *paragraphs,
            gboolean    last,
            const char *text)
{
  const char *at = text;

  for (guint i = 0; i < paragraphs->len; i++)
    {
      const NbParagraphChange *p = paragraphs->pdata[i];
      const char *s = last ? p->last : p->this;

      if (s == NULL)
        continue;
      if (*s == '\0' || !(at = strstr (at, s)))
        {
          fprintf (stderr, "paragraph “%s” is not in %s year's text, or out of order\n", s,
                   last ? "last" : "this");
          abort ();
        }
      at += strlen (s);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(NbReport) last = NULL;
  g_autoptr(NbReport) this = NULL;
  g_autoptr(NbComparison) comparison = NULL;
  g_autofree char *text = NULL;
  const char *last_text, *this_text;
  char *split;
  GPtrArray *sections;

  if (size < 1 || size > NB_FUZZ_MAX_INPUT)
    return 0;
  nb_fuzz_set_logging ();

  text = nb_fuzz_strndup (data + 1, size - 1);
  last_text = text;
  this_text = "";
  if ((split = strchr (text, '\f')))
    {
      *split = '\0';
      this_text = split + 1;
    }
  last = nb_report_new (nb_format_get (data[0] & 1 ? "2019" : "2021", NULL), 2023, "甲");
  this = nb_report_new (nb_format_get ("2021", NULL), 2024, "甲");
  /* What the model refuses (invalid UTF-8, control characters) never reaches a comparison. */
  if (!nb_report_set_text (last, "overview", last_text, NULL)
      || !nb_report_set_text (this, "overview", this_text, NULL)
      || !nb_report_set_text (last, "problems", this_text, NULL)
      || !nb_report_set_text (this, "problems", last_text, NULL))
    return 0;

  comparison = nb_comparison_new (last, this);
  sections = nb_comparison_get_sections (comparison);
  for (guint i = 0; i < sections->len; i++)
    {
      const NbSectionChange *s = sections->pdata[i];
      const char *l = nb_report_get_text (last, s->key), *t = nb_report_get_text (this, s->key);

      for (guint k = 0; k < s->paragraphs->len; k++)
        {
          const NbParagraphChange *p = s->paragraphs->pdata[k];

          if ((p->kind == NB_DIFF_UNCHANGED && (!p->last || !p->this || strcmp (p->last, p->this) != 0))
              || (p->kind == NB_DIFF_CHANGED && (!p->last || !p->this || p->similarity > 100))
              || (p->kind == NB_DIFF_ADDED && (p->last || !p->this))
              || (p->kind == NB_DIFF_REMOVED && (!p->last || p->this)))
            abort ();
        }
      check_side (s->paragraphs, TRUE, l ? l : "");
      check_side (s->paragraphs, FALSE, t ? t : "");
    }
  nb_comparison_get_figures (comparison);
  nb_comparison_get_chart (comparison);
  return 0;
}
