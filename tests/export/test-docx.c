/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Word exporter, through nianbao-cli: the file is read back by
 * python-docx (check-docx.py) against expectations made from the model and
 * the grid (export-expect.c); LibreOffice, when installed, converts it to
 * PDF and the headings, figures' sign-off and page numbers are in its text. */
#include <locale.h>
#include <string.h>

#include "nb-format.h"
#include "nb-report-file.h"
#include "export-expect.h"

static void
check_docx (NbReport *report,
            gboolean  with_libreoffice)
{
  g_autofree char *dir = export_expect_make_tmpdir ();
  g_autofree char *path = export_expect_run_cli (report, dir, "年度报告.docx");
  g_autofree char *expected = export_expect_json (report);
  g_autofree char *expected_path = g_build_filename (dir, "expected.json", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents (expected_path, expected, -1, &error));
  status = export_expect_run_python ("docx", "check-docx.py", path, expected_path, NULL);
  if (status == 77)
    g_test_message ("python-docx is not installed: the cells were not read back");
  else
    g_assert_cmpint (status, ==, 0);

  if (with_libreoffice)
    {
      g_autofree char *soffice = g_find_program_in_path ("soffice");
      g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
      g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
      g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
      g_autofree char *env_arg = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
      g_autofree char *pdf = g_build_filename (dir, "年度报告.pdf", NULL);
      g_autofree char *text = NULL;
      NbFormat *format = nb_report_get_format (report);

      if (!soffice || !pdftotext)
        {
          g_test_message ("LibreOffice or pdftotext not installed: the Word file was not converted");
        }
      else
        {
          const char *convert[] = { soffice, env_arg, "--headless", "--convert-to", "pdf", "--outdir", dir, path, NULL };
          const char *extract[] = { pdftotext, pdf, "-", NULL };

          g_assert_true (g_spawn_sync (dir, (char **) convert, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                       NULL, NULL, NULL, NULL, &status, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
          g_assert_true (g_spawn_sync (dir, (char **) extract, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                       NULL, NULL, &text, NULL, &status, &error));
          g_assert_no_error (error);
          for (guint s = 0; s < nb_format_get_n_sections (format); s++)
            g_assert_nonnull (strstr (text, nb_format_get_section (format, s)->heading));
          /* The PAGE field counts pages: "— 1 —", "— 2 —" (pdftotext
           * may drop the thin spaces). */
          g_assert_true (g_regex_match_simple ("—\\s*1\\s*—", text, 0, 0));
          g_assert_true (g_regex_match_simple ("—\\s*2\\s*—", text, 0, 0));
          g_assert_nonnull (strstr (text, nb_report_get_agency (report)));
        }
    }
  export_expect_rm_rf (dir);
}

static void
test_synthetic (gconstpointer data)
{
  g_autoptr(NbReport) report = export_expect_synthetic_report (data);

  check_docx (report, FALSE);
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
  check_docx (report, TRUE);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/docx/fixture", test_fixture);
  g_test_add_data_func ("/docx/synthetic-2019", "2019", test_synthetic);
  g_test_add_data_func ("/docx/synthetic-2021", "2021", test_synthetic);
  return g_test_run ();
}
