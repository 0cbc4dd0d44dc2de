/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Word reader: a report made by python-docx (an independent producer)
 * with the official tables' merged cells, Word's other constructs in small
 * files written here with libgsf, and the files a user may pick by mistake. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <json-glib/json-glib.h>

#include "nb-docx-reader.h"
#include "nb-error.h"

static char *tmpdir;

#define W_DOC_START "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" \
  "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
  "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>"
#define W_DOC_END "<w:sectPr/></w:body></w:document>"

/* A zip with the given members (name, content, …, NULL), written by libgsf. */
static GBytes *
make_zip (const char *first_name,
          ...)
{
  GsfOutput *mem = gsf_output_memory_new ();
  GsfOutfile *zip = gsf_outfile_zip_new (mem, NULL);
  GBytes *bytes;
  va_list args;
  const char *name = first_name;

  va_start (args, first_name);
  while (name)
    {
      const char *content = va_arg (args, const char *);
      g_auto(GStrv) parts = g_strsplit (name, "/", -1);
      GsfOutfile *dir = g_object_ref (zip);
      GsfOutput *member;

      for (guint i = 0; parts[i + 1]; i++)
        {
          GsfOutfile *sub = GSF_OUTFILE (gsf_outfile_new_child (dir, parts[i], TRUE));
          g_object_unref (dir);
          dir = sub;
        }
      member = gsf_outfile_new_child_full (dir, parts[g_strv_length (parts) - 1], FALSE,
                                           "compression-level", GSF_ZIP_DEFLATED, NULL);
      gsf_output_write (member, strlen (content), (const guint8 *) content);
      gsf_output_close (member);
      g_object_unref (member);
      if (dir != zip)
        gsf_output_close (GSF_OUTPUT (dir));
      g_object_unref (dir);
      name = va_arg (args, const char *);
    }
  va_end (args);
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (mem)),
                       (gsize) gsf_output_size (mem));
  g_object_unref (mem);
  return bytes;
}

static NbSourceDoc *
read_docx_xml (const char *body)
{
  g_autofree char *xml = g_strconcat (W_DOC_START, body, W_DOC_END, NULL);
  g_autoptr(GBytes) bytes = make_zip ("[Content_Types].xml", "<Types/>", "word/document.xml", xml, NULL);
  g_autoptr(GError) error = NULL;
  NbSourceDoc *doc = NULL;

  g_assert_true (nb_docx_reader_read (bytes, &doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (doc->kind, ==, "docx");
  return doc;
}

static NbSourceBlock *
block (NbSourceDoc *doc,
       guint        i)
{
  g_assert_cmpuint (i, <, doc->blocks->len);
  return doc->blocks->pdata[i];
}

static NbSourceCell *
cell (NbSourceBlock *table,
      guint          r,
      guint          c)
{
  NbSourceRow *row;

  g_assert_cmpint (table->kind, ==, NB_SOURCE_TABLE);
  g_assert_cmpuint (r, <, table->rows->len);
  row = table->rows->pdata[r];
  g_assert_cmpuint (c, <, row->cells->len);
  return row->cells->pdata[c];
}

static void
assert_cell (NbSourceBlock *table,
             guint          r,
             guint          c,
             const char    *text,
             guint          colspan,
             guint          rowspan)
{
  NbSourceCell *x = cell (table, r, c);

  g_assert_cmpstr (x->text, ==, text);
  g_assert_cmpuint (x->colspan, ==, colspan);
  g_assert_cmpuint (x->rowspan, ==, rowspan);
}

static guint
n_cells (NbSourceBlock *table,
         guint          r)
{
  g_assert_cmpuint (r, <, table->rows->len);
  return ((NbSourceRow *) table->rows->pdata[r])->cells->len;
}

/* ---- a whole report from python-docx ------------------------------------ */

static const char *
python (void)
{
  return g_getenv ("NB_PYTHON") ? g_getenv ("NB_PYTHON") : "python3";
}

/* Runs tests/import/make-docx.py for the 2019 format and the fixture's texts. */
static JsonNode *
make_report_docx (const char *docx)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "import", "make-docx.py", NULL);
  g_autofree char *format = g_test_build_filename (G_TEST_DIST, "..", "data", "formats", "2019.json", NULL);
  g_autofree char *text = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.txt", NULL);
  g_autofree char *expected = g_strconcat (docx, ".json", NULL);
  const char *argv[] = { python (), script, format, text, docx, expected, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-docx.py failed (python3-docx installed?): %s", err);
  g_assert_true (json_parser_load_from_file (parser, expected, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_report (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "温县交通运输局2020年报告.docx", NULL);
  g_autoptr(JsonNode) expected = make_report_docx (path);
  JsonObject *exp = json_node_get_object (expected);
  JsonArray *paragraphs = json_object_get_array_member (exp, "paragraphs");
  JsonArray *tables = json_object_get_array_member (exp, "tables");
  g_autoptr(GError) error = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  guint n_para = 0, n_table = 0, n_figures = 0;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  g_assert_true (nb_docx_reader_read (bytes, &doc, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = doc->blocks->pdata[i];

      if (b->kind == NB_SOURCE_PARAGRAPH)
        {
          g_assert_cmpuint (n_para, <, json_array_get_length (paragraphs));
          g_assert_cmpstr (b->text, ==, json_array_get_string_element (paragraphs, n_para));
          n_para++;
        }
      else
        {
          JsonArray *rows;

          g_assert_cmpuint (n_table, <, json_array_get_length (tables));
          rows = json_object_get_array_member (json_array_get_object_element (tables, n_table), "rows");
          g_assert_cmpuint (b->rows->len, ==, json_array_get_length (rows));
          for (guint r = 0; r < b->rows->len; r++)
            {
              JsonArray *cells = json_array_get_array_element (rows, r);

              g_assert_cmpuint (n_cells (b, r), ==, json_array_get_length (cells));
              for (guint c = 0; c < json_array_get_length (cells); c++)
                {
                  JsonObject *x = json_array_get_object_element (cells, c);

                  assert_cell (b, r, c, json_object_get_string_member (x, "text"),
                               json_object_get_int_member (x, "colspan"),
                               json_object_get_int_member (x, "rowspan"));
                  if (g_regex_match_simple ("^-?[0-9]+(\\.[0-9]+)?$", cell (b, r, c)->text, 0, 0))
                    n_figures++;
                }
            }
          n_table++;
        }
    }
  g_assert_cmpuint (n_para, ==, json_array_get_length (paragraphs));
  g_assert_cmpuint (n_table, ==, 3);
  /* every figure of the three tables: 表二 (22), 表三 (23 rows of 7), 表四 (15) */
  g_assert_cmpuint (n_figures, ==, 22 + 23 * 7 + 15);
  /* the deleted text is gone, the inserted and linked text is there */
  for (guint i = 0; i < doc->blocks->len; i++)
    if (block (doc, i)->kind == NB_SOURCE_PARAGRAPH)
      g_assert_null (strstr (block (doc, i)->text, "删去"));
}

/* ---- Word's constructs, one by one -------------------------------------- */

#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(pr, text) "<w:tc><w:tcPr>" pr "</w:tcPr>" P (text) "</w:tc>"

static void
test_runs (void)
{
  g_autoptr(NbSourceDoc) doc = read_docx_xml (
    /* a field: its code is not text, its result is */
    "<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
    "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    "<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r></w:p>"
    /* a text box (a drawing) is not the paragraph's text */
    "<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">"
    "<w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing>"
    "</mc:Choice><mc:Fallback><w:pict><w:t>文本框</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    /* empty paragraphs are not blocks; a smart tag and a simple field keep their text */
    "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>"
    "<w:p><w:smartTag><w:r><w:t>2020年</w:t></w:r></w:smartTag>"
    "<w:fldSimple w:instr=\"DATE\"><w:r><w:t>1月</w:t></w:r></w:fldSimple>"
    "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>"
    /* a deleted paragraph's text (w:del at block level) */
    "<w:del><w:p><w:r><w:delText>删去</w:delText></w:r></w:p></w:del>"
    "<w:p><w:r><w:t>一、总体情况</w:t><w:br/><w:t>2020年，本局……</w:t></w:r></w:p>");

  g_assert_cmpuint (doc->blocks->len, ==, 5);
  g_assert_cmpstr (block (doc, 0)->text, ==, "第3页");
  g_assert_cmpstr (block (doc, 1)->text, ==, "正文");
  g_assert_cmpstr (block (doc, 2)->text, ==, "2020年1月移来");
  /* a manual line break ends a heading */
  g_assert_cmpstr (block (doc, 3)->text, ==, "一、总体情况");
  g_assert_cmpstr (block (doc, 4)->text, ==, "2020年，本局……");
}

static void
test_merges (void)
{
  g_autoptr(NbSourceDoc) doc = read_docx_xml (
    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
    /* row 0: a vertical merge over three rows, a span of three */
    "<w:tr>" TC ("<w:vMerge w:val=\"restart\"/>", "三、本年度办理结果")
             TC ("<w:gridSpan w:val=\"3\"/>", "申请人情况") "</w:tr>"
    /* row 1: the merge goes on (w:vMerge without w:val), a second merge starts */
    "<w:tr>" TC ("<w:vMerge/>", "") TC ("<w:vMerge w:val=\"restart\"/>", "（三）不予公开")
             TC ("", "5") TC ("", "6") "</w:tr>"
    /* a deleted row is not there */
    "<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"a\"/></w:trPr>" TC ("", "x") TC ("", "y")
             TC ("", "z") TC ("", "w") "</w:tr>"
    /* row 2: both go on, in a content control */
    "<w:tr>" TC ("<w:vMerge w:val=\"continue\"/>", "") TC ("<w:vMerge/>", "")
             "<w:sdt><w:sdtContent>" TC ("", "7") "</w:sdtContent></w:sdt>" TC ("", "8") "</w:tr>"
    /* row 3: a row missing its first cell (w:gridBefore); a continuation
     * under nothing is a cell of its own */
    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC ("<w:gridSpan w:val=\"2\"/>", "9")
             TC ("<w:vMerge/>", "孤") "</w:tr>"
    "</w:tbl>"
    /* a one-cell table is a frame: what is in it is the document's */
    "<w:tbl><w:tr><w:tc>" P ("框中的段落")
    "<w:tbl><w:tr>" TC ("", "甲") TC ("", "乙") "</w:tr><w:tr>" TC ("", "1") TC ("", "2")
    "</w:tr></w:tbl></w:tc></w:tr></w:tbl>"
    /* a table in a cell is its cell's text, row by row */
    "<w:tbl><w:tr><w:tc>" P ("外") "</w:tc><w:tc>"
    "<w:tbl><w:tr>" TC ("", "a") TC ("", "b") "</w:tr><w:tr>" TC ("", "c") TC ("", "d") "</w:tr></w:tbl>"
    "</w:tc></w:tr></w:tbl>"
    /* a cell of two paragraphs, one with a deletion and a line break */
    "<w:tbl><w:tr><w:tc>" P ("一") "<w:p><w:r><w:t>二</w:t></w:r><w:del><w:r><w:delText>删</w:delText>"
    "</w:r></w:del><w:r><w:br/><w:t>三</w:t></w:r></w:p></w:tc><w:tc>" P ("4") "</w:tc></w:tr></w:tbl>");
  NbSourceBlock *t;

  g_assert_cmpuint (doc->blocks->len, ==, 5);
  t = block (doc, 0);
  g_assert_cmpstr (t->where, ==, "table 1");
  g_assert_cmpuint (t->rows->len, ==, 4);
  g_assert_cmpuint (n_cells (t, 0), ==, 2);
  assert_cell (t, 0, 0, "三、本年度办理结果", 1, 3);
  assert_cell (t, 0, 1, "申请人情况", 3, 1);
  g_assert_cmpuint (n_cells (t, 1), ==, 3);
  assert_cell (t, 1, 0, "（三）不予公开", 1, 2);
  assert_cell (t, 1, 1, "5", 1, 1);
  assert_cell (t, 1, 2, "6", 1, 1);
  g_assert_cmpuint (n_cells (t, 2), ==, 2);
  assert_cell (t, 2, 0, "7", 1, 1);
  assert_cell (t, 2, 1, "8", 1, 1);
  g_assert_cmpuint (n_cells (t, 3), ==, 3);
  assert_cell (t, 3, 0, "", 1, 1);
  assert_cell (t, 3, 1, "9", 2, 1);
  assert_cell (t, 3, 2, "孤", 1, 1);

  g_assert_cmpint (block (doc, 1)->kind, ==, NB_SOURCE_PARAGRAPH);
  g_assert_cmpstr (block (doc, 1)->text, ==, "框中的段落");
  t = block (doc, 2);
  g_assert_cmpuint (t->rows->len, ==, 2);
  assert_cell (t, 0, 0, "甲", 1, 1);
  assert_cell (t, 1, 1, "2", 1, 1);
  g_assert_cmpstr (t->where, ==, "table 2");

  t = block (doc, 3);
  assert_cell (t, 0, 0, "外", 1, 1);
  assert_cell (t, 0, 1, "a\tb\nc\td", 1, 1);
  t = block (doc, 4);
  assert_cell (t, 0, 0, "一\n二\n三", 1, 1);
  assert_cell (t, 0, 1, "4", 1, 1);
}

/* ---- what is not a Word file -------------------------------------------- */

static void
assert_refused (GBytes     *bytes,
                const char *part)
{
  g_autoptr(GError) error = NULL;
  NbSourceDoc *doc = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_false (nb_docx_reader_read (bytes, &doc, &error));
  g_assert_null (doc);
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  if (part)
    g_assert_nonnull (strstr (error->message, part));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static GBytes *
make_ole (gboolean encrypted)
{
  GsfOutput *mem = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (mem);
  GsfOutput *stream = gsf_outfile_new_child (ole, encrypted ? "EncryptedPackage" : "WordDocument", FALSE);
  GBytes *bytes;
  guint8 junk[600] = { 1, 2, 3 };

  gsf_output_write (stream, sizeof junk, junk);
  gsf_output_close (stream);
  g_object_unref (stream);
  if (encrypted)
    {
      stream = gsf_outfile_new_child (ole, "EncryptionInfo", FALSE);
      gsf_output_write (stream, sizeof junk, junk);
      gsf_output_close (stream);
      g_object_unref (stream);
    }
  gsf_output_close (GSF_OUTPUT (ole));
  g_object_unref (ole);
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (mem)),
                       (gsize) gsf_output_size (mem));
  g_object_unref (mem);
  return bytes;
}

static void
test_refused (void)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("一、总体情况\n", strlen ("一、总体情况\n"));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) no_doc = make_zip ("[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<x/>", NULL);
  g_autoptr(GBytes) bad_xml = make_zip ("word/document.xml", "<w:document><w:body><w:p>", NULL);
  g_autoptr(GBytes) not_word = make_zip ("word/document.xml", "<html><body/></html>", NULL);
  g_autoptr(GBytes) encrypted = make_ole (TRUE);
  g_autoptr(GBytes) old_doc = make_ole (FALSE);
  g_autoptr(GBytes) whole = make_zip ("word/document.xml", W_DOC_START P ("正文") W_DOC_END, NULL);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);

  assert_refused (text, "zip");
  assert_refused (empty, "zip");
  assert_refused (no_doc, "word/document.xml");
  assert_refused (bad_xml, "damaged");
  assert_refused (not_word, "damaged");
  assert_refused (encrypted, "password");
  assert_refused (old_doc, ".doc");
  assert_refused (cut, NULL);
}

/* A zip bomb: a small file whose text unpacks to more than a report's. */
static void
test_bomb (void)
{
  gsize n = NB_DOCX_MAX_XML_SIZE + 1024;
  g_autofree char *xml = g_malloc (n + 1);
  g_autoptr(GBytes) bomb = NULL;

  memset (xml, ' ', n);
  xml[n] = '\0';
  memcpy (xml, W_DOC_START, strlen (W_DOC_START));
  bomb = make_zip ("word/document.xml", xml, NULL);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 200 * 1024);
  assert_refused (bomb, "16 MB");
}

/* A large report (1 MB of Word XML) is read well within a second. */
static void
test_large (void)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(NbSourceDoc) doc = NULL;
  gint64 start;

  while (body->len < 1024 * 1024)
    g_string_append (body, "<w:tbl><w:tr>" TC ("<w:vMerge w:val=\"restart\"/>", "标签")
                     TC ("<w:gridSpan w:val=\"2\"/>", "12") "</w:tr><w:tr>" TC ("<w:vMerge/>", "")
                     TC ("", "3") TC ("", "4") "</w:tr></w:tbl>" P ("一段正文。"));
  start = g_get_monotonic_time ();
  doc = read_docx_xml (body->str);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpuint (doc->blocks->len, >, 4000);
  assert_cell (block (doc, 0), 0, 0, "标签", 1, 2);
}

/* What a user reads is Chinese under zh_CN. */
static void
test_chinese (void)
{
  g_autoptr(GBytes) encrypted = make_ole (TRUE);
  g_autoptr(GError) error = NULL;
  NbSourceDoc *doc = NULL;

  if (!setlocale (LC_ALL, "zh_CN.UTF-8"))
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("NB_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_assert_false (nb_docx_reader_read (encrypted, &doc, &error));
  g_assert_nonnull (strstr (error->message, "密码"));
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nb-docx-XXXXXX", NULL);

  g_test_add_func ("/docx/report", test_report);
  g_test_add_func ("/docx/runs", test_runs);
  g_test_add_func ("/docx/merges", test_merges);
  g_test_add_func ("/docx/refused", test_refused);
  g_test_add_func ("/docx/bomb", test_bomb);
  g_test_add_func ("/docx/large", test_large);
  g_test_add_func ("/docx/chinese", test_chinese);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)))
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_remove (path);
      }
    g_rmdir (tmpdir);
  }
  return status;
}
