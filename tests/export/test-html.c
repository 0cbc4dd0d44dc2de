/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The HTML exporter, through nianbao-cli: the page is read back by
 * Python's html.parser (check-html.py) and compared with expectations made
 * from the model and the grid (export-expect.c); tidy, when installed,
 * validates it as HTML5 with no warning. */
#include <locale.h>
#include <string.h>

#include "nb-report-file.h"
#include "export-expect.h"

static void
check_page (NbReport *report)
{
  g_autofree char *dir = export_expect_make_tmpdir ();
  g_autofree char *page = export_expect_run_cli (report, dir, "年度报告.html");
  g_autofree char *expected = export_expect_json (report);
  g_autofree char *expected_path = g_build_filename (dir, "expected.json", NULL);
  g_autofree char *tidy = g_find_program_in_path ("tidy");
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents (expected_path, expected, -1, &error));
  status = export_expect_run_python ("html.parser", "check-html.py", page, expected_path, NULL);
  if (status == 77)
    {
      g_test_skip ("python3 is not installed");
      export_expect_rm_rf (dir);
      return;
    }
  g_assert_cmpint (status, ==, 0);

  if (tidy != NULL)
    {
      const char *argv[] = { tidy, "-e", "-q", page, NULL };
      g_autofree char *err = NULL;
      int wait_status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                   NULL, &err, &wait_status, &error));
      g_assert_no_error (error);
      /* Any warning is a failure: the page must be valid as written. */
      if (*err)
        g_test_message ("tidy: %s", err);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    }
  else
    g_test_message ("tidy not installed: HTML5 validation skipped");
  export_expect_rm_rf (dir);
}

static void
test_synthetic (gconstpointer data)
{
  g_autoptr(NbReport) report = export_expect_synthetic_report (data);

  check_page (report);
}

static void
test_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (nb_report_set_field (report, "date", "2021-01-25", NULL));
  check_page (report);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/html/fixture", test_fixture);
  g_test_add_data_func ("/html/synthetic-2019", "2019", test_synthetic);
  g_test_add_data_func ("/html/synthetic-2021", "2021", test_synthetic);
  return g_test_run ();
}
