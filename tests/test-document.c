/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NbDocument: the printed report said once (title break, heading levels,
 * the fee sentence, tables, sign-off and date). */
#include <string.h>

#include "nb-document.h"
#include "nb-sentence.h"

static NbReport *
new_report (const char *version,
            int         year)
{
  return nb_report_new (nb_format_get (version, NULL), year, "温县交通运输局");
}

static guint
count_kind (NbDocument  *doc,
            NbBlockKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < nb_document_get_n_blocks (doc); i++)
    if (nb_document_get_block (doc, i)->kind == kind)
      n++;
  return n;
}

static void
test_title_and_signoff (void)
{
  g_autoptr(NbReport) r = new_report ("2019", 2020);
  g_autoptr(NbDocument) doc = NULL;
  const NbBlock *title, *last;
  g_auto(GStrv) lines = NULL;

  g_assert_true (nb_report_set_date (r, "2021-01-05", NULL));
  doc = nb_document_new (r);
  title = nb_document_get_block (doc, 0);
  g_assert_cmpint (title->kind, ==, NB_BLOCK_TITLE);
  g_assert_cmpstr (title->text, ==, "温县交通运输局2020年政府信息公开工作年度报告");
  lines = nb_document_dup_title_lines (title);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[0], ==, "温县交通运输局2020年");
  g_assert_cmpstr (lines[1], ==, "政府信息公开工作年度报告");

  last = nb_document_get_block (doc, nb_document_get_n_blocks (doc) - 1);
  g_assert_cmpint (last->kind, ==, NB_BLOCK_SIGNOFF);
  g_assert_cmpstr (last->text, ==, "温县交通运输局");
  g_assert_cmpstr (last->date, ==, "2021年1月5日");

  /* Six headings, three tables, each table right after its heading. */
  g_assert_cmpuint (count_kind (doc, NB_BLOCK_HEADING), ==, 6);
  g_assert_cmpuint (count_kind (doc, NB_BLOCK_TABLE), ==, 3);
  for (guint i = 1; i < nb_document_get_n_blocks (doc); i++)
    if (nb_document_get_block (doc, i)->kind == NB_BLOCK_TABLE)
      g_assert_cmpint (nb_document_get_block (doc, i - 1)->kind, ==, NB_BLOCK_HEADING);

  /* A stated title of another shape has no break. */
  nb_report_set_stated_title (r, "关于某事的报告");
  g_clear_object (&doc);
  doc = nb_document_new (r);
  g_assert_cmpuint (nb_document_get_block (doc, 0)->break_at, ==, 0);
  g_clear_pointer (&lines, g_strfreev);
  lines = nb_document_dup_title_lines (nb_document_get_block (doc, 0));
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
}

static void
test_paragraph_levels (void)
{
  g_autoptr(NbReport) r = new_report ("2019", 2020);
  g_autoptr(NbDocument) doc = NULL;
  GPtrArray *paras = g_ptr_array_new ();

  g_assert_true (nb_report_set_text (r, "overview",
                                     "（一）主动公开情况。本年公开120条。\n"
                                     "\u3000\u3000 开头有空格。\n\n"
                                     "（二）依申请公开\n"
                                     "1.规范答复。按时答复。\n"
                                     "2.加强培训", NULL));
  doc = nb_document_new (r);
  for (guint i = 0; i < nb_document_get_n_blocks (doc); i++)
    {
      const NbBlock *b = nb_document_get_block (doc, i);

      if (b->kind == NB_BLOCK_PARAGRAPH && g_str_equal (b->section->key, "overview"))
        g_ptr_array_add (paras, (gpointer) b);
    }
  g_assert_cmpuint (paras->len, ==, 5);
#define P(i) ((const NbBlock *) g_ptr_array_index (paras, i))
  g_assert_cmpuint (P (0)->level, ==, 2);
  g_assert_false (P (0)->heading_only);
  g_assert_cmpuint (P (0)->lead_len, ==, strlen ("（一）主动公开情况。"));
  g_assert_cmpuint (P (1)->level, ==, 0);
  g_assert_cmpstr (P (1)->text, ==, "开头有空格。");
  g_assert_cmpuint (P (2)->level, ==, 2);
  g_assert_true (P (2)->heading_only);
  g_assert_cmpuint (P (3)->level, ==, 3);
  g_assert_false (P (3)->heading_only);
  g_assert_cmpuint (P (4)->level, ==, 3);
  g_assert_true (P (4)->heading_only);
#undef P
  g_ptr_array_unref (paras);
}

static void
test_fees (void)
{
  g_autoptr(NbReport) r = new_report ("2021", 2022);
  g_autoptr(NbDocument) doc = NULL;
  const char *keys[] = { "other/fee_notices", "other/fee_notified_amount",
                         "other/fee_collected_cases", "other/fee_collected_amount" };
  g_autofree char *fees = NULL;
  guint generated = 0;

  /* Incomplete: the fields, no sentence. */
  g_assert_true (nb_report_set_value_from_string (r, keys[0], "1", NULL));
  doc = nb_document_new (r);
  g_assert_cmpuint (count_kind (doc, NB_BLOCK_FIELD), ==, 4);

  for (guint i = 1; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (nb_report_set_value_from_string (r, keys[i], i == 2 ? "1" : "120.5", NULL));
  g_clear_object (&doc);
  doc = nb_document_new (r);
  g_assert_cmpuint (count_kind (doc, NB_BLOCK_FIELD), ==, 0);
  fees = nb_sentence_fees (r);
  g_assert_nonnull (fees);
  g_assert_nonnull (strstr (fees, "120.5"));
  for (guint i = 0; i < nb_document_get_n_blocks (doc); i++)
    {
      const NbBlock *b = nb_document_get_block (doc, i);

      if (b->generated)
        {
          g_assert_cmpstr (b->text, ==, fees);
          g_assert_cmpstr (b->section->key, ==, "other");
          generated++;
        }
    }
  g_assert_cmpuint (generated, ==, 1);

  /* Stated in the text already: not a second time. */
  g_assert_true (nb_report_set_text (r, "other", fees, NULL));
  g_clear_object (&doc);
  doc = nb_document_new (r);
  for (guint i = 0; i < nb_document_get_n_blocks (doc); i++)
    g_assert_false (nb_document_get_block (doc, i)->generated);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/document/title-signoff", test_title_and_signoff);
  g_test_add_func ("/document/paragraph-levels", test_paragraph_levels);
  g_test_add_func ("/document/fees", test_fees);
  return g_test_run ();
}
