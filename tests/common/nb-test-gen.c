/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-test-gen.c — varied reports for tests and benchmarks */
#include "nb-test-gen.h"

static const char *const phrases[] = {
  "本年度，我局坚持以习近平新时代中国特色社会主义思想为指导，",
  "认真贯彻落实《中华人民共和国政府信息公开条例》，",
  "“放管服”改革信息及时公开；",
  "主动公开政府信息 1,234 条。",
  "依申请公开工作规范有序，",
  "\"引号\" & <尖括号> 以及 =1+1 这样的文字，",
  "存在的主要问题：一是公开内容不够全面；二是解读形式较为单一。😀",
};

static char *
gen_text (GRand   *rand,
          gboolean long_text)
{
  GString *s = g_string_new (NULL);
  guint paragraphs = (guint) g_rand_int_range (rand, 0, 4);

  for (guint p = 0; p < paragraphs; p++)
    {
      guint n = (guint) g_rand_int_range (rand, 1, 6);

      if (p > 0)
        g_string_append_c (s, '\n');
      for (guint i = 0; i < n; i++)
        g_string_append (s, phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (phrases))]);
    }
  if (long_text)
    {
      g_string_append_c (s, '\n');
      while (g_utf8_strlen (s->str, -1) < 40000)
        g_string_append (s, phrases[g_rand_int_range (rand, 0, G_N_ELEMENTS (phrases))]);
    }
  return g_string_free (s, FALSE);
}

NbReport *
nb_test_gen_report (const char *version,
                    int         year,
                    const char *agency,
                    guint32     seed,
                    gboolean    long_text)
{
  NbFormat *format = nb_format_get (version, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  NbReport *r;
  guint n;

  g_return_val_if_fail (format != NULL, NULL);
  r = nb_report_new (format, year, agency);
  n = nb_format_get_n_cells (format);
  nb_report_begin_group (r);
  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      NbNumber v;

      if (def->computed)
        continue;
      switch (def->kind.type)
        {
        case NB_KIND_COUNT:
          /* Mostly small, some zero, as real reports are. */
          v = nb_number_from_int (g_rand_int_range (rand, 0, 4) == 0 ? 0 : g_rand_int_range (rand, 0, 61));
          break;
        case NB_KIND_SIGNED:
          v = nb_number_from_int (g_rand_int_range (rand, -20, 21));
          break;
        case NB_KIND_DECIMAL:
          {
            guint places = (guint) g_rand_int_range (rand, 0, (int) def->kind.places + 1);
            gint64 scale = 1;

            for (guint k = 0; k < places; k++)
              scale *= 10;
            v.units = (gint64) g_rand_int_range (rand, 0, 100000) * scale / 10
                      + g_rand_int_range (rand, 0, (gint32) scale);
            v.places = (guint8) places;
            v.blank = FALSE;
          }
          break;
        default:
          continue;
        }
      g_assert_true (nb_report_set_value (r, def->key, &v, NULL));
    }
  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);
      g_autofree char *text = NULL;

      if (section->kind != NB_SECTION_TEXT)
        continue;
      text = gen_text (rand, long_text && s == 0);
      g_assert_true (nb_report_set_text (r, section->key, text, NULL));
    }
  if (g_rand_boolean (rand))
    {
      g_autofree char *date = g_strdup_printf ("%d-01-%02d", year + 1, g_rand_int_range (rand, 1, 29));

      g_assert_true (nb_report_set_date (r, date, NULL));
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    nb_report_set_signoff (r, "办公室");
  if (g_rand_int_range (rand, 0, 5) == 0)
    nb_report_set_agency_kind (r, NB_AGENCY_GOVERNMENT);
  nb_report_end_group (r);
  return r;
}
