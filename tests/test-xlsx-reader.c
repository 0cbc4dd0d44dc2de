/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Workbooks read back: an export gives back the exact document; another
 * workbook's cells (shared and inline strings, numbers, numbers stored as
 * text, cached formula results, merged cells) reach the NbSourceDoc; every
 * kind of bad file gives its own message, never a crash. */
#include <string.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <xlsxwriter.h>

#include "nb-error.h"
#include "nb-report-file.h"
#include "nb-test-gen.h"
#include "nb-xlsx-reader.h"
#include "nb-xlsx-writer.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
assert_round_trip (NbReport   *r,
                   const char *name)
{
  g_autofree char *path = tmp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) back = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *want = NULL, *got = NULL;

  g_assert_true (nb_xlsx_write (r, path, &error));
  g_assert_no_error (error);
  back = nb_xlsx_read (path, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (warnings->len, ==, 0);
  /* The whole document as its file holds it: metadata, texts, every
   * input cell and every stated total. */
  want = nb_report_file_to_data (r, NULL);
  got = nb_report_file_to_data (back, NULL);
  g_assert_cmpstr (got, ==, want);
  g_assert_false (nb_report_get_modified (back));
  g_assert_false (nb_history_can_undo (nb_report_get_history (back)));
}

static void
test_round_trip (gconstpointer data)
{
  const char *version = data;
  int year = g_str_equal (version, "2019") ? 2020 : 2024;

  for (guint32 seed = 1; seed <= 12; seed++)
    {
      g_autofree char *agency = g_strdup_printf ("某县第%u局", seed);
      g_autoptr(NbReport) r = nb_test_gen_report (version, year, agency, seed, seed == 3);
      g_autofree char *name = g_strdup_printf ("round-%s-%u.xlsx", version, seed);

      if (seed % 4 == 0)
        {
          /* An imported report: a stated total that disagrees with its
           * sum, one that agrees, a stated title, a value of the wrong kind. */
          NbFormat *format = nb_report_get_format (r);
          NbNumber n = nb_number_from_int (999), neg = nb_number_from_int (-4);
          const NbCellDef *total = nb_format_get_computed (format, 0);
          const NbCellDef *total2 = nb_format_get_computed (format, 1);
          NbNumber same = nb_report_compute_at (r, total2->index);

          nb_report_set_stated_value (r, total->key, &n);
          nb_report_set_stated_value (r, total2->key, &same);
          nb_report_set_stated_value (r, "requests/new/natural", &neg);
          nb_report_set_stated_title (r, "关于某县第四局2024年政府信息公开工作的报告");
        }
      assert_round_trip (r, name);
    }
}

static void
test_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) r = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  assert_round_trip (r, "温县交通运输局.xlsx");
}

/* ---- workbooks written by hand, part by part ---- */

typedef struct
{
  const char *name;
  const char *content;
} Part;

static void
write_zip (const char *path,
           const Part *parts,
           guint       n)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *out = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (out, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) dirs = g_strsplit (parts[i].name, "/", -1);
      GsfOutfile *dir = zip;
      GsfOutput *child;
      guint k;

      for (k = 0; dirs[k + 1]; k++)
        {
          GsfInput *unused = NULL;
          GsfOutput *sub = gsf_outfile_new_child (dir, dirs[k], TRUE);

          (void) unused;
          /* Each part gets its own folder chain: libgsf joins equal names. */
          dir = GSF_OUTFILE (sub);
        }
      child = gsf_outfile_new_child (dir, dirs[k], FALSE);
      gsf_output_write (child, strlen (parts[i].content), (const guint8 *) parts[i].content);
      gsf_output_close (child);
      g_object_unref (child);
      for (; dir != zip;)
        {
          GsfOutfile *parent = (GsfOutfile *) gsf_output_container (GSF_OUTPUT (dir));

          gsf_output_close (GSF_OUTPUT (dir));
          g_object_unref (dir);
          dir = parent;
        }
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (out);
}

#define CT "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
#define ROOT_RELS(target) "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"" target "\"/></Relationships>"

/* What Excel writes for a form typed by hand: shared strings (one with
 * rich-text runs and a phonetic guide), an inline string, a number with
 * binary noise, a number stored as text, a formula with its cached value,
 * a merged heading. */
static const Part hand_workbook[] = {
  { "[Content_Types].xml", CT },
  { "_rels/.rels", ROOT_RELS ("xl/workbook.xml") },
  { "xl/workbook.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"主动公开\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"隐藏\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets></workbook>" },
  { "xl/_rels/workbook.xml.rels",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>" },
  { "xl/sharedStrings.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>二、主动公开政府信息情况</t></si>"
    "<si><r><t>信息</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">内容 </t></r><rPh sb=\"0\" eb=\"2\"><t>xinxi</t></rPh></si>"
    "<si><t>793.9397</t></si>"
    "<si><t>规章_x000D_制度</t></si>"
    "</sst>" },
  { "xl/worksheets/sheet1.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" t=\"inlineStr\"><is><t>本年制发件数</t></is></c><c r=\"C2\" t=\"s\"><v>3</v></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><r><t>政府集中</t></r><r><t>采购</t></r></is></c>"
    "<c r=\"B4\"><v>793.93970000000002</v></c><c r=\"C4\" t=\"s\"><v>2</v></c></row>"
    "<row r=\"5\"><c r=\"A5\" t=\"str\"><f>\"合\"&amp;\"计\"</f><v>合计</v></c><c r=\"B5\"><f>SUM(B4:B4)</f><v>1.5E-3</v></c>"
    "<c r=\"C5\"><v>1E+21</v></c></row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>" },
  { "xl/worksheets/sheet2.xml",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>不应读到</t></is></c></row></sheetData></worksheet>" },
};

static const char *
cell_text (NbSourceBlock *table,
           guint          row,
           guint          cell)
{
  NbSourceRow *r = g_ptr_array_index (table->rows, row);

  g_assert_cmpuint (cell, <, r->cells->len);
  return ((NbSourceCell *) g_ptr_array_index (r->cells, cell))->text;
}

static void
test_hand_workbook (void)
{
  g_autofree char *path = tmp_path ("手工填写.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  g_autoptr(NbReport) r = NULL;
  NbSourceBlock *table;
  NbSourceRow *row;
  NbXlsxKind kind = NB_XLSX_NIANBAO;

  write_zip (path, hand_workbook, G_N_ELEMENTS (hand_workbook));
  g_assert_true (nb_xlsx_probe (path, &kind, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, NB_XLSX_OTHER);

  doc = nb_xlsx_read_source (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (doc->kind, ==, "xlsx");
  /* The hidden sheet is not part of the form. */
  g_assert_cmpuint (doc->blocks->len, ==, 1);
  table = g_ptr_array_index (doc->blocks, 0);
  g_assert_cmpint (table->kind, ==, NB_SOURCE_TABLE);
  g_assert_cmpstr (table->where, ==, "sheet “主动公开”");
  /* Row 3 is empty and left out. */
  g_assert_cmpuint (table->rows->len, ==, 4);
  row = g_ptr_array_index (table->rows, 0);
  g_assert_cmpuint (row->cells->len, ==, 1);
  g_assert_cmpuint (((NbSourceCell *) g_ptr_array_index (row->cells, 0))->colspan, ==, 3);
  g_assert_cmpuint (((NbSourceCell *) g_ptr_array_index (row->cells, 0))->rowspan, ==, 1);
  g_assert_cmpstr (cell_text (table, 0, 0), ==, "二、主动公开政府信息情况");
  g_assert_cmpstr (cell_text (table, 1, 0), ==, "信息内容");   /* runs joined, phonetic left out, stripped */
  g_assert_cmpstr (cell_text (table, 1, 1), ==, "本年制发件数");
  g_assert_cmpstr (cell_text (table, 1, 2), ==, "规章\r制度");
  g_assert_cmpstr (cell_text (table, 2, 0), ==, "政府集中采购");
  g_assert_cmpstr (cell_text (table, 2, 1), ==, "793.9397");     /* 15 significant digits, as Excel shows */
  g_assert_cmpstr (cell_text (table, 2, 2), ==, "793.9397");     /* number stored as text */
  g_assert_cmpstr (cell_text (table, 3, 0), ==, "合计");          /* cached formula result (string) */
  g_assert_cmpstr (cell_text (table, 3, 1), ==, "0.0015");       /* cached formula result (number) */
  g_assert_cmpstr (cell_text (table, 3, 2), ==, "1000000000000000000000");

  /* Until the label matcher lands, such a workbook says so. */
  r = nb_xlsx_read (path, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "手工填写.xlsx"));
  g_assert_nonnull (strstr (error->message, "not supported yet"));
}

/* ---- bad input ---- */

static void
assert_read_fails (const char *path,
                   const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) r = nb_xlsx_read (path, NULL, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (r);
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  if (!strstr (error->message, words) || !strstr (error->message, base))
    g_error ("“%s”: message “%s” lacks “%s”", path, error->message, words);
}

static void
write_ole (const char *path,
           gboolean    encrypted)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *out = gsf_output_stdio_new (path, &error);
  GsfOutfile *ole;
  GsfOutput *child;

  g_assert_no_error (error);
  ole = gsf_outfile_msole_new (out);
  child = gsf_outfile_new_child (ole, encrypted ? "EncryptedPackage" : "Workbook", FALSE);
  gsf_output_write (child, 16, (const guint8 *) "0123456789abcdef");
  gsf_output_close (child);
  g_object_unref (child);
  if (encrypted)
    {
      child = gsf_outfile_new_child (ole, "EncryptionInfo", FALSE);
      gsf_output_write (child, 4, (const guint8 *) "\4\0\4\0");
      gsf_output_close (child);
      g_object_unref (child);
    }
  gsf_output_close (GSF_OUTPUT (ole));
  g_object_unref (ole);
  g_object_unref (out);
}

static void
test_bad_input (void)
{
  g_autofree char *empty = tmp_path ("空文件.xlsx");
  g_autofree char *text = tmp_path ("文本.xlsx");
  g_autofree char *good = tmp_path ("good.xlsx");
  g_autofree char *cut = tmp_path ("截断.xlsx");
  g_autofree char *pk = tmp_path ("pk.xlsx");
  g_autofree char *docx = tmp_path ("word.xlsx");
  g_autofree char *plainzip = tmp_path ("plain.xlsx");
  g_autofree char *locked = tmp_path ("加密.xlsx");
  g_autofree char *xls = tmp_path ("old.xls");
  g_autofree char *missing = tmp_path ("不存在.xlsx");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(NbReport) r = nb_test_gen_report ("2021", 2024, "某局", 7, FALSE);
  static const Part word[] = {
    { "[Content_Types].xml", CT },
    { "_rels/.rels", ROOT_RELS ("word/document.xml") },
    { "word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>" },
  };
  static const Part plain[] = { { "readme.txt", "hello" } };

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_read_fails (empty, "empty");
  g_assert_true (g_file_set_contents (text, "agency,year\n某局,2024\n", -1, NULL));
  assert_read_fails (text, "not an Excel workbook");

  g_assert_true (nb_xlsx_write (r, good, NULL));
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (cut, contents, (gssize) length / 2, NULL));
  assert_read_fails (cut, "damaged");
  g_assert_true (g_file_set_contents (pk, "PK\3\4garbage that is no zip at all", -1, NULL));
  assert_read_fails (pk, "damaged");

  write_zip (docx, word, G_N_ELEMENTS (word));
  assert_read_fails (docx, "Word document");
  write_zip (plainzip, plain, G_N_ELEMENTS (plain));
  assert_read_fails (plainzip, "not an Office document");

  write_ole (locked, TRUE);
  assert_read_fails (locked, "password");
  write_ole (xls, FALSE);
  assert_read_fails (xls, "old-style Excel file");

  assert_read_fails (missing, "cannot be opened");
  assert_read_fails (tmpdir, "folder");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nb-xlsx-reader-XXXXXX", NULL);
  g_test_add_data_func ("/xlsx-reader/round-trip-2019", "2019", test_round_trip);
  g_test_add_data_func ("/xlsx-reader/round-trip-2021", "2021", test_round_trip);
  g_test_add_func ("/xlsx-reader/fixture", test_fixture);
  g_test_add_func ("/xlsx-reader/hand-workbook", test_hand_workbook);
  g_test_add_func ("/xlsx-reader/bad-input", test_bad_input);
  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
      (void) !system (cmd);
    }
  return status;
}
