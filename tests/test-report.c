/* SPDX-License-Identifier: GPL-3.0-or-later */
/* NbReport: values, computed totals, fields, signals, undo/redo. */
#include "nb-report.h"
#include "nb-error.h"

static NbReport *
new_report (const char *version)
{
  return nb_report_new (nb_format_get (version, NULL), g_str_equal (version, "2019") ? 2020 : 2024, "测试局");
}

static void
test_values (void)
{
  g_autoptr(NbReport) r = new_report ("2019");
  g_autoptr(GError) error = NULL;
  NbNumber n;

  g_assert_cmpint (nb_report_get_value (r, "requests/new/natural")->units, ==, 0);
  g_assert_false (nb_report_get_value (r, "requests/new/natural")->blank);
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/natural", "3", NULL));
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/legal", "４", NULL));
  g_assert_cmpint (nb_report_get_value (r, "requests/new/total")->units, ==, 7);
  g_assert_true (nb_report_set_value_from_string (r, "requests/open/legal", "2", NULL));
  g_assert_true (nb_report_set_value_from_string (r, "requests/withheld_query/legal", "1", NULL));
  g_assert_true (nb_report_set_value_from_string (r, "requests/other/legal", "1", NULL));
  g_assert_cmpint (nb_report_get_value (r, "requests/results_total/legal")->units, ==, 4);
  g_assert_cmpint (nb_report_get_value (r, "requests/results_total/total")->units, ==, 4);

  g_assert_true (nb_report_set_value_from_string (r, "active/procurement/amount", "793.9397", NULL));
  {
    g_autofree char *amount = nb_report_dup_field (r, "active/procurement/amount", NULL);
    g_assert_cmpstr (amount, ==, "793.9397");
  }
  g_assert_true (nb_report_set_value_from_string (r, "active/penalty/delta", "-33", NULL));

  g_assert_false (nb_report_set_value_from_string (r, "requests/new/total", "5", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_COMPUTED);
  g_clear_error (&error);
  g_assert_false (nb_report_set_value_from_string (r, "requests/new/natural", "-1", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_KIND);
  g_clear_error (&error);
  g_assert_false (nb_report_set_value_from_string (r, "active/procurement/amount", "1.23456", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (nb_report_set_value_from_string (r, "requests/new/nobody", "1", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_KEY);
  g_clear_error (&error);
  /* Refused values leave the cell as it was. */
  g_assert_cmpint (nb_report_get_value (r, "requests/new/natural")->units, ==, 3);

  /* Stated (imported) totals are what the checks see. */
  n = nb_number_from_int (21);
  nb_report_set_stated_value (r, "requests/results_total/total", &n);
  g_assert_cmpint (nb_report_get_value (r, "requests/results_total/total")->units, ==, 21);
  g_assert_cmpint (nb_report_compute_at (r, nb_format_find_cell (nb_report_get_format (r), "requests/results_total/total")->index).units, ==, 4);
}

static void
test_fields (void)
{
  g_autoptr(NbReport) r = new_report ("2021");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_true (nb_report_set_field (r, "agency", "温县交通运输局", NULL));
  g_assert_true (nb_report_set_field (r, "date", "2025-01-20", NULL));
  g_assert_false (nb_report_set_field (r, "date", "2025-02-30", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_cmpstr (nb_report_get_date (r), ==, "2025-01-20");
  g_assert_true (nb_report_set_field (r, "text/overview", "本报告所列数据统计期限为2024年1月1日至2024年12月31日。", NULL));
  g_assert_false (nb_report_set_field (r, "text/requests", "x", &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_KEY);
  g_clear_error (&error);
  g_assert_true (nb_report_set_field (r, "agency_kind", "government", NULL));
  g_assert_cmpint (nb_report_get_agency_kind (r), ==, NB_AGENCY_GOVERNMENT);
  title = nb_report_dup_title (r);
  g_assert_cmpstr (title, ==, "温县交通运输局2024年政府信息公开工作年度报告");
  g_assert_true (nb_report_get_value (r, "other/fee_notices")->blank);
  g_assert_true (nb_report_set_field (r, "other/fee_notified_amount", "2950.5", NULL));
  g_assert_false (nb_report_set_field (r, "year", "twenty", &error));
  g_clear_error (&error);
  g_assert_false (nb_report_set_field (r, "format", "2019", &error));
  g_clear_error (&error);
}

static void
count_signal (gpointer data)
{
  (*(int *) data)++;
}

static void
test_undo (void)
{
  g_autoptr(NbReport) r = new_report ("2021");
  int changed = 0;

  g_signal_connect_swapped (r, "changed", G_CALLBACK (count_signal), &changed);
  g_assert_false (nb_report_get_modified (r));
  g_assert_false (nb_history_can_undo (nb_report_get_history (r)));

  nb_report_set_value_from_string (r, "requests/new/natural", "5", NULL);
  nb_report_set_value_from_string (r, "requests/new/natural", "6", NULL);
  g_assert_cmpint (changed, ==, 2);
  g_assert_true (nb_report_get_modified (r));
  g_assert_true (nb_report_undo (r));
  g_assert_cmpint (nb_report_get_value (r, "requests/new/natural")->units, ==, 5);
  g_assert_cmpint (nb_report_get_value (r, "requests/new/total")->units, ==, 5);
  g_assert_true (nb_report_undo (r));
  g_assert_cmpint (nb_report_get_value (r, "requests/new/natural")->units, ==, 0);
  g_assert_false (nb_report_get_modified (r));   /* back at the saved state */
  g_assert_false (nb_report_undo (r));
  g_assert_true (nb_report_redo (r));
  g_assert_cmpint (nb_report_get_value (r, "requests/new/natural")->units, ==, 5);
  g_assert_true (nb_report_get_modified (r));

  /* A group (a paste) undoes as one step and signals once. */
  changed = 0;
  nb_report_begin_group (r);
  nb_report_set_value_from_string (r, "requests/new/business", "1", NULL);
  nb_report_set_value_from_string (r, "requests/new/research", "2", NULL);
  nb_report_end_group (r);
  g_assert_cmpint (changed, ==, 1);
  g_assert_cmpint (nb_report_get_value (r, "requests/new/total")->units, ==, 8);
  nb_report_undo (r);
  g_assert_cmpint (nb_report_get_value (r, "requests/new/total")->units, ==, 5);

  /* Typing in a text merges into one step; other edits seal it. */
  nb_report_set_text (r, "overview", "一", NULL);
  nb_report_set_text (r, "overview", "一二", NULL);
  nb_report_set_text (r, "overview", "一二三", NULL);
  nb_report_undo (r);
  g_assert_cmpstr (nb_report_get_text (r, "overview"), ==, "");
  nb_report_redo (r);
  g_assert_cmpstr (nb_report_get_text (r, "overview"), ==, "一二三");

  nb_report_set_field (r, "agency", "新名称", NULL);
  nb_report_undo (r);
  g_assert_cmpstr (nb_report_get_agency (r), ==, "测试局");

  /* A new edit after undo drops the redo branch. */
  nb_report_set_value_from_string (r, "requests/new/legal", "9", NULL);
  g_assert_false (nb_history_can_redo (nb_report_get_history (r)));

  nb_report_set_modified (r, FALSE);
  nb_report_set_value_from_string (r, "requests/new/legal", "10", NULL);
  g_assert_true (nb_report_get_modified (r));
  nb_report_undo (r);
  g_assert_false (nb_report_get_modified (r));
}

/* Work that is not in the history (recovered, imported) has no saved
 * position: undoing the edits made after it never reads as unmodified. */
static void
test_saved_position (void)
{
  g_autoptr(NbReport) r = new_report ("2021");
  NbNumber v = nb_number_from_int (4);

  /* Saved, edited, undone: back at the saved state. */
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/natural", "3", NULL));
  nb_report_set_modified (r, FALSE);
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/natural", "5", NULL));
  g_assert_true (nb_report_get_modified (r));
  g_assert_true (nb_report_undo (r));
  g_assert_false (nb_report_get_modified (r));
  g_assert_true (nb_report_redo (r));
  g_assert_true (nb_report_get_modified (r));
  g_assert_true (nb_report_undo (r));
  g_assert_false (nb_report_get_modified (r));

  /* Recovered: modified without history, then one edit and its undo. */
  nb_report_set_modified (r, TRUE);
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/business", "1", NULL));
  g_assert_true (nb_report_undo (r));
  g_assert_true (nb_report_get_modified (r));
  g_assert_true (nb_report_undo (r));   /* the 3 of before the save */
  g_assert_true (nb_report_get_modified (r));

  /* Saved again, then an imported value: no undo reaches "saved". */
  nb_report_set_modified (r, FALSE);
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/legal", "2", NULL));
  nb_report_set_stated_value (r, "requests/new/total", &v);
  g_assert_true (nb_report_undo (r));
  g_assert_true (nb_report_get_modified (r));
}

/* The date as printed, as typed, in full-width digits; stored as ISO. */
static void
test_date_forms (void)
{
  g_autoptr(NbReport) r = new_report ("2019");
  g_autoptr(GError) error = NULL;
  const char *good[][2] = {
    { "2021年1月25日", "2021-01-25" }, { "2021-01-25", "2021-01-25" },
    { "２０２１年１月５日", "2021-01-05" }, { " 2021 年 1 月 5 日 ", "2021-01-05" },
    { "2021/1/5", "2021-01-05" }, { "2021.01.05", "2021-01-05" },
  };
  const char *bad[] = { "2021年2月30日", "2021-13-01", "21-01-05", "2021年1月", "一月", "2021-01-05x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (nb_report_set_date (r, good[i][0], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (nb_report_get_date (r), ==, good[i][1]);
    }
  g_assert_true (nb_report_set_date (r, "2021-01-20", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (nb_report_set_date (r, bad[i], &error));
      g_assert_error (error, NB_ERROR, NB_ERROR_PARSE);
      g_clear_error (&error);
      g_assert_cmpstr (nb_report_get_date (r), ==, "2021-01-20");
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/values", test_values);
  g_test_add_func ("/report/fields", test_fields);
  g_test_add_func ("/report/undo", test_undo);
  g_test_add_func ("/report/saved-position", test_saved_position);
  g_test_add_func ("/report/date-forms", test_date_forms);
  return g_test_run ();
}
