/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-carry-over.c — "start from last year's report": the figures the
 * format's across-years checks derive from last year are filled in. */
#include <string.h>

#include "nb-carry-over.h"
#include "nb-checker.h"
#include "nb-convert.h"
#include "nb-error.h"
#include "nb-report-file.h"

static void
set (NbReport   *r,
     const char *key,
     const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nb_report_set_field (r, key, value, &error));
  g_assert_no_error (error);
}

static void
assert_field (NbReport   *r,
              const char *key,
              const char *expected)
{
  g_autofree char *value = nb_report_dup_field (r, key, NULL);

  g_assert_cmpstr (value, ==, expected);
}

static guint
count_id (GPtrArray  *problems,
          const char *id)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), id))
      n++;
  return n;
}

static void
test_2021_to_2021 (void)
{
  g_autoptr(NbReport) last = nb_report_new (nb_format_get ("2021", NULL), 2023, "某市教育局");
  g_autoptr(NbReport) next = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  set (last, "agency_kind", "government");
  set (last, "signoff", "某市人民政府办公室");
  set (last, "requests/carried_out/natural", "2");
  set (last, "requests/carried_out/other", "1");
  set (last, "active/regulation/in_force", "10");
  set (last, "active/regulation/issued", "3");
  set (last, "active/regulation/repealed", "1");
  set (last, "active/normative/in_force", "40");

  next = nb_carry_over (last, 2024, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpint (nb_report_get_year (next), ==, 2024);
  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (next)), ==, "2021");
  g_assert_cmpstr (nb_report_get_agency (next), ==, "某市教育局");
  g_assert_cmpint (nb_report_get_agency_kind (next), ==, NB_AGENCY_GOVERNMENT);
  g_assert_cmpstr (nb_report_get_signoff (next), ==, "某市人民政府办公室");

  /* Carried in = last year's carried out, per column; the total follows. */
  assert_field (next, "requests/carried_in/natural", "2");
  assert_field (next, "requests/carried_in/other", "1");
  assert_field (next, "requests/carried_in/business", "0");
  assert_field (next, "requests/carried_in/total", "3");
  /* In force = last year's in force (nothing issued or repealed yet). */
  assert_field (next, "active/regulation/in_force", "10");
  assert_field (next, "active/normative/in_force", "40");
  /* Nothing else comes over: this year's own figures start at 0. */
  assert_field (next, "requests/new/natural", "0");
  assert_field (next, "active/regulation/issued", "0");
  g_assert_cmpstr (nb_report_get_text (next, "overview"), ==, "");

  /* The checks across years hold from the start. */
  problems = nb_check_report (next, last);
  g_assert_cmpuint (count_id (problems, "carry.requests"), ==, 0);
  g_assert_cmpuint (count_id (problems, "carry.in_force"), ==, 0);
  g_assert_cmpuint (count_id (problems, "carry.agency"), ==, 0);

  /* One new document, nothing to undo. */
  g_assert_false (nb_report_undo (next));
}

static void
test_2019_items (void)
{
  g_autoptr(NbReport) last = nb_report_new (nb_format_get ("2019", NULL), 2019, "某局");
  g_autoptr(NbReport) next = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  set (last, "active/license/prev", "61");
  set (last, "active/license/delta", "5");
  set (last, "active/penalty/prev", "189");
  set (last, "active/penalty/delta", "-33");
  next = nb_carry_over (last, 2020, "新名称局", NULL);
  g_assert_nonnull (next);
  g_assert_cmpstr (nb_report_get_agency (next), ==, "新名称局");
  /* This year's previous count = last year's previous count + change. */
  assert_field (next, "active/license/prev", "66");
  assert_field (next, "active/penalty/prev", "156");
  problems = nb_check_report (next, last);
  g_assert_cmpuint (count_id (problems, "carry.items"), ==, 0);
}

static void
test_2019_to_2021_across_formats (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) last = nb_report_file_load (file, NULL, NULL);
  g_autoptr(NbReport) next = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_nonnull (last);
  set (last, "requests/carried_out/legal", "4");
  next = nb_carry_over (last, 2021, NULL, NULL);
  g_assert_nonnull (next);
  /* 2021 is the first year of the 2021 format: its own tables. */
  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (next)), ==, "2021");
  assert_field (next, "requests/carried_in/legal", "4");
  /* The 2019 form has no documents-in-force figure: nothing invented. */
  assert_field (next, "active/regulation/in_force", "0");
  problems = nb_check_report (next, last);
  g_assert_cmpuint (count_id (problems, "carry.requests"), ==, 0);
}

static void
test_wrong_year_refused (void)
{
  g_autoptr(NbReport) last = nb_report_new (nb_format_get ("2021", NULL), 2022, "某局");
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) next = nb_carry_over (last, 2024, NULL, &error);

  g_assert_null (next);
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
}

static void
test_convert_format (void)
{
  /* A 2024 report begun in the 2019 format by mistake. */
  g_autoptr(NbReport) wrong = nb_report_new (nb_format_get ("2019", NULL), 2024, "某局");
  g_autoptr(NbReport) right = NULL;
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;

  set (wrong, "date", "2025-01-20");
  set (wrong, "text/overview", "总体情况。");
  set (wrong, "requests/new/natural", "7");
  set (wrong, "requests/open/natural", "7");
  set (wrong, "review/count/reconsideration_upheld", "1");
  set (wrong, "active/license/prev", "61");   /* the 2019 form only */

  right = nb_report_convert (wrong, nb_format_get ("2021", NULL), lost);
  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (right)), ==, "2021");
  g_assert_cmpint (nb_report_get_year (right), ==, 2024);
  g_assert_cmpstr (nb_report_get_agency (right), ==, "某局");
  g_assert_cmpstr (nb_report_get_date (right), ==, "2025-01-20");
  g_assert_cmpstr (nb_report_get_text (right, "overview"), ==, "总体情况。");
  assert_field (right, "requests/new/natural", "7");
  assert_field (right, "requests/new/total", "7");
  assert_field (right, "review/count/reconsideration_upheld", "1");
  /* What the 2021 form has no place for is reported, not silently gone. */
  g_assert_cmpuint (lost->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lost, 0), ==, "active/license/prev");

  problems = nb_check_report (right, NULL);
  g_assert_cmpuint (count_id (problems, "format.year"), ==, 0);
  g_assert_false (nb_report_undo (right));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/carry-over/2021", test_2021_to_2021);
  g_test_add_func ("/carry-over/2019-items", test_2019_items);
  g_test_add_func ("/carry-over/2019-to-2021", test_2019_to_2021_across_formats);
  g_test_add_func ("/carry-over/wrong-year", test_wrong_year_refused);
  g_test_add_func ("/convert/format", test_convert_format);
  return g_test_run ();
}
