/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A new format revision is one data file: 2021.json copied as 2027.json
 * into $NB_FORMATS_DIR with another column label, another minimum length
 * and message for 五, and one more sentence. nianbao-cli — the same
 * binary, not rebuilt — picks it for a 2027 report, checks with its
 * threshold and wording, and prints its label in the PDF, the workbook and
 * the web page. */
#include "config.h"

#include <string.h>
#include <gsf/gsf.h>
#include <poppler.h>

#include "nb-format.h"
#include "nb-report.h"
#include "nb-sentence.h"
#include "nb-core-resources.h"

static char *tmpdir;
static char *last_err;   /* the last run's standard error */

static char *
cli (int expected, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  char *err = NULL;
  char *out = NULL;
  va_list args;
  const char *arg;
  int wait_status, status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("NB_CLI"));
  va_start (args, expected);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (tmpdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    {
      g_assert_true (error->domain == G_SPAWN_EXIT_ERROR);
      status = error->code;
    }
  if (status != expected)
    g_error ("nianbao-cli exited %d, not %d: %s%s", status, expected, out, err);
  g_free (last_err);
  last_err = err;
  return out;
}

static char *
edited (const char *data,
        const char *from,
        const char *to)
{
  GString *s = g_string_new (data);

  g_assert_nonnull (strstr (data, from));
  g_string_replace (s, from, to, 1);
  return g_string_free (s, FALSE);
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      /* A narrow cell breaks its label over lines. */
      for (const char *c = text; *c; c++)
        if (*c != '\n' && *c != ' ')
          g_string_append_c (s, *c);
      g_object_unref (page);
    }
  g_object_unref (doc);
  return g_string_free (s, FALSE);
}

/* Every XML part of the workbook, as text (its strings are in one of them). */
static char *
xlsx_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  GsfInput *in = gsf_input_stdio_new (path, &error);
  GsfInfile *zip = NULL;
  GsfInfile *xl = NULL;
  GsfInput *strings;
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (in, &error);
  g_assert_no_error (error);
  xl = GSF_INFILE (gsf_infile_child_by_name (zip, "xl"));
  g_assert_nonnull (xl);
  strings = gsf_infile_child_by_name (xl, "sharedStrings.xml");
  g_assert_nonnull (strings);
  g_string_append_len (s, (const char *) gsf_input_read (strings, gsf_input_size (strings), NULL),
                       gsf_input_size (strings));
  g_object_unref (strings);
  g_object_unref (xl);
  g_object_unref (zip);
  g_object_unref (in);
  return g_string_free (s, FALSE);
}

static void
test_revision_is_one_file (void)
{
  g_autoptr(GBytes) bytes = (nb_core_register_resource (), g_resources_lookup_data ("/org/nianbao/core/formats/2021.json", 0, NULL));
  g_autofree char *formats = g_build_filename (tmpdir, "formats", NULL);
  g_autofree char *file = g_build_filename (formats, "2027.json", NULL);
  g_autofree char *report = g_build_filename (tmpdir, "某局2027.nianbao", NULL);
  g_autofree char *old = g_build_filename (tmpdir, "某局2024.nianbao", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "某局2027.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (tmpdir, "某局2027.xlsx", NULL);
  g_autofree char *html = g_build_filename (tmpdir, "某局2027.html", NULL);
  g_autofree char *data = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *out = NULL, *text = NULL, *page = NULL, *sentence = NULL;
  const char *problems = "text/problems=本年度主要问题是答复期限把握不够严格，下一步将完善登记和督办制度。";
  const char *steps[][2] = {
    { "\"version\": \"2021\"", "\"version\": \"2027\"" },
    { "\"from\": 2021", "\"from\": 2027" },
    { "\"label\": \"自然人\"", "\"label\": \"自然人（个人）\"" },
    { "\"problems\": 10", "\"problems\": 50" },
    { "\"short\": \"“{heading}”只有", "\"short\": \"（2027年版）“{heading}”只有" },
    { "\"sentences\": [", "\"sentences\": [\n  {\"id\": \"applications\", \"label\": \"申请总数\", "
                          "\"template\": \"{year}年共受理申请{requests/new/total}件。\"}," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      char *next = edited (data, steps[i][0], steps[i][1]);
      g_free (data);
      data = next;
    }
  g_assert_cmpint (g_mkdir_with_parents (formats, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, data, -1, NULL));
  g_setenv ("NB_FORMATS_DIR", formats, TRUE);

  /* In force from 2027: chosen for 2027, not for 2024. */
  g_free (cli (0, "new", "--year", "2027", "--agency", "某局", "-o", report, NULL));
  g_free (cli (0, "new", "--year", "2024", "--agency", "某局", "-o", old, NULL));
  g_free (cli (0, "set", report, problems, NULL));
  g_free (cli (0, "set", old, problems, NULL));

  /* The revision's threshold (50, not 10) and its wording. */
  out = cli (1, "check", report, NULL);
  g_assert_nonnull (strstr (out, "（2027年版）“五、存在的主要问题及改进情况”只有"));
  g_assert_nonnull (strstr (out, "不足 50 个字"));
  g_clear_pointer (&out, g_free);
  out = cli (1, "check", old, NULL);
  g_assert_null (strstr (out, "个字"));
  g_clear_pointer (&out, g_free);

  /* The revision's label in every output. */
  g_free (cli (1, "export", report, "-o", pdf, NULL));
  page = pdf_text (pdf);
  g_assert_nonnull (strstr (page, "自然人（个人）"));
  g_clear_pointer (&page, g_free);
  g_free (cli (1, "export", report, "-o", xlsx, NULL));
  text = xlsx_text (xlsx);
  g_assert_nonnull (strstr (text, "自然人（个人）"));
  g_clear_pointer (&text, g_free);
  g_free (cli (1, "export", report, "-o", html, NULL));
  g_assert_true (g_file_get_contents (html, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "自然人（个人）"));
  g_clear_pointer (&text, g_free);
  g_free (cli (1, "export", old, "-o", pdf, NULL));
  page = pdf_text (pdf);
  g_assert_null (strstr (page, "自然人（个人）"));

  /* In this process too: the new version is listed, in force for 2027,
   * with its extra sentence. */
  g_assert_true (g_strv_contains (nb_format_list_versions (), "2027"));
  g_assert_cmpstr (nb_format_get_version (nb_format_for_year (2027)), ==, "2027");
  g_assert_cmpstr (nb_format_get_version (nb_format_for_year (2026)), ==, "2021");
  {
    g_autoptr(NbReport) r = nb_report_new (nb_format_get ("2027", NULL), 2027, "某局");
    g_assert_true (nb_report_set_value_from_string (r, "requests/new/natural", "4", NULL));
    sentence = nb_sentence_render (r, "applications");
    g_assert_cmpstr (sentence, ==, "2027年共受理申请4件。");
  }
}

/* A broken revision names its file and what is wrong. */
static void
test_broken_revision_names_file (void)
{
  g_autofree char *formats = g_build_filename (tmpdir, "formats", NULL);
  g_autofree char *file = g_build_filename (formats, "2027.json", NULL);
  g_autofree char *data = NULL, *broken = NULL;
  g_autoptr(GError) error = NULL;

  /* nb_format_get caches: the broken copy is read as another version. */
  g_assert_true (g_file_get_contents (file, &data, NULL, NULL));
  broken = edited (data, "\"op\": \"==\"", "\"op\": \"=\"");
  g_free (data);
  data = g_build_filename (formats, "2028.json", NULL);
  g_assert_true (g_file_set_contents (data, broken, -1, NULL));
  g_free (cli (2, "new", "--year", "2027", "--agency", "某局", "--format", "2028", "-o", "x.nianbao", NULL));
  g_assert_nonnull (strstr (last_err, "2028.json"));
  g_assert_nonnull (strstr (last_err, "check requests.balance: bad “op” “=”"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nb-revision-XXXXXX", NULL);
  g_test_add_func ("/revision/one-file", test_revision_is_one_file);
  g_test_add_func ("/revision/broken-names-file", test_broken_revision_names_file);
  status = g_test_run ();
  g_free (tmpdir);
  return status;
}
