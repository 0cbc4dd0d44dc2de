/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export-safety.c — odd characters, over-long fields and damaged
 * output never replace a good workbook (issue 13) */
#include <string.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>

#include "nb-error.h"
#include "nb-text-check.h"
#include "nb-xlsx-verify.h"
#include "nb-xlsx-writer.h"

/* One part of the zip at @path, or NULL. */
static char *
zip_part (const char *path,
          const char *name)
{
  GsfInput *input = gsf_input_stdio_new (path, NULL);
  GsfInfile *zip = input ? gsf_infile_zip_new (input, NULL) : NULL;
  GsfInput *part = zip ? gsf_infile_child_by_vname (zip, "xl", name, NULL) : NULL;
  char *text = NULL;

  if (part)
    {
      gsf_off_t size = gsf_input_size (part);
      text = g_strndup ((const char *) gsf_input_read (part, size, NULL), (gsize) size);
      g_object_unref (part);
    }
  g_clear_object (&zip);
  g_clear_object (&input);
  return text;
}

static void
test_control_characters (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-xlsx-chars-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.xlsx", NULL);
  NbFormat *format = nb_format_get ("2021", NULL);
  /* nb_report_new and the plain setters take what importers hand them. */
  g_autoptr(NbReport) r = nb_report_new (format, 2024, "某市\x01交通局");
  g_autoptr(GError) error = NULL;
  g_autofree char *strings = NULL;

  nb_report_set_signoff (r, "办公室\x0b第二行\xef\xbf\xbe");
  nb_report_set_stated_title (r, "年度\x0c报告\xef\xbf\xbf");
  nb_xlsx_write (r, path, &error);
  g_assert_no_error (error);
  g_assert_true (nb_xlsx_verify (path, NULL, &error));
  g_assert_no_error (error);

  strings = zip_part (path, "sharedStrings.xml");
  g_assert_nonnull (strings);
  g_assert_null (strchr (strings, '\x01'));
  g_assert_null (strchr (strings, '\x0b'));
  g_assert_null (strchr (strings, '\x0c'));
  g_assert_null (strstr (strings, "\xef\xbf\xbe"));
  g_assert_null (strstr (strings, "\xef\xbf\xbf"));
  /* Word's line break became a line break; the rest is kept. */
  g_assert_nonnull (strstr (strings, "办公室\n第二行"));
  g_assert_nonnull (strstr (strings, "年度\n报告"));
  g_remove (path);
  g_rmdir (dir);
}

static void
test_long_field_keeps_old_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-xlsx-long-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.xlsx", NULL);
  NbFormat *format = nb_format_get ("2021", NULL);
  g_autoptr(NbReport) r = nb_report_new (format, 2024, "某市交通局");
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (nb_xlsx_write (r, path, &error));
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  for (guint n = 0; n <= NB_TEXT_MAX_CELL_CHARS; n += 4)
    g_string_append (title, "年度报告");
  nb_report_set_stated_title (r, title->str);
  g_assert_false (nb_xlsx_write (r, path, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
  /* Names the field, not libxlsxwriter's "String exceeds Excel's limit". */
  g_assert_nonnull (strstr (error->message, "The title is too long"));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (g_str_equal (before, after));
  g_remove (path);
  g_rmdir (dir);
}

/* A zip of @n_parts, one of them @bad (not well-formed XML). */
static void
write_zip (const char *path,
           const char *bad)
{
  GsfOutput *out = gsf_output_stdio_new (path, NULL);
  GsfOutfile *zip = gsf_outfile_zip_new (out, NULL);
  const char *names[] = { "[Content_Types].xml", "a.xml", "b.xml", "c.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GsfOutput *part = gsf_outfile_new_child (zip, names[i], FALSE);
      const char *text = (i == 2 && bad) ? bad : "<?xml version=\"1.0\"?><a>text</a>";

      gsf_output_write (part, strlen (text), (const guint8 *) text);
      gsf_output_close (part);
      g_object_unref (part);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  gsf_output_close (out);
  g_object_unref (out);
}

static void
test_verify (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nb-xlsx-verify-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.xlsx", NULL);
  g_autofree char *cut = g_build_filename (dir, "cut.xlsx", NULL);
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  write_zip (good, NULL);
  g_assert_true (nb_xlsx_verify (good, NULL, &error));
  g_assert_no_error (error);

  write_zip (bad, "<?xml version=\"1.0\"?><a>\x01</a>");
  g_assert_false (nb_xlsx_verify (bad, NULL, &error));
  g_assert_nonnull (strstr (error->message, "b.xml"));
  g_clear_error (&error);

  /* A workbook cut short by a full disk. */
  g_assert_true (g_file_get_contents (good, &data, &length, NULL));
  g_assert_true (g_file_set_contents (cut, data, (gssize) (length / 2), NULL));
  g_assert_false (nb_xlsx_verify (cut, NULL, &error));
  g_clear_error (&error);

  g_remove (good);
  g_remove (bad);
  g_remove (cut);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export-safety/control-characters", test_control_characters);
  g_test_add_func ("/export-safety/long-field-keeps-old-file", test_long_field_keeps_old_file);
  g_test_add_func ("/export-safety/verify", test_verify);
  return g_test_run ();
}
