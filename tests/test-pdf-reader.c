/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF reader on PDFs from two producers: nianbao's own exporter and
 * LibreOffice (from a Word file made by python3-docx), both with a distinct
 * non-zero figure in every cell, so that a figure read into the wrong cell
 * shows; the layout rebuilder on made-up pages; scanned and broken PDFs. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nb-error.h"
#include "nb-pdf-layout.h"
#include "nb-pdf-reader.h"

static char *tmpdir;

static void
spawn (const char *const *argv,
       const char        *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_assert_true (g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", what, out, err);
}

/* LibreOffice's own profile in the temporary folder, as a URI (file:///C:/…
 * on Windows, not file://C:\…). */
static char *
lo_profile_arg (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "lo", NULL);
  g_autofree char *uri = g_filename_to_uri (dir, NULL, NULL);

  return g_strconcat ("-env:UserInstallation=", uri, NULL);
}

static NbSourceDoc *
read_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  NbSourceDoc *doc = NULL;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);
  g_assert_true (nb_pdf_reader_read (bytes, &doc, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (doc->kind, ==, "pdf");
  return doc;
}

/* The Word file of tests/import/make-docx.py and what it holds. */
static JsonNode *
make_docx_with (const char *docx,
                const char *option)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "import", "make-docx.py", NULL);
  g_autofree char *format = g_test_build_filename (G_TEST_DIST, "..", "data", "formats", "2019.json", NULL);
  g_autofree char *text = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.txt", NULL);
  g_autofree char *expected = g_strconcat (docx, ".json", NULL);
  const char *python = g_getenv ("NB_PYTHON") ? g_getenv ("NB_PYTHON") : "python3";
  const char *argv[] = { python, script, format, text, docx, expected, option, NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  spawn (argv, "make-docx.py (python3-docx installed?)");
  g_assert_true (json_parser_load_from_file (parser, expected, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
make_docx (const char *docx)
{
  return make_docx_with (docx, NULL);
}

static gboolean
is_figure (const char *text)
{
  return g_regex_match_simple ("^-?[0-9]+(\\.[0-9]+)?$", text, 0, 0);
}

/* Every table row's figures, in order, against the rows of the tables the
 * Word file was made with (rows without figures left out on both sides:
 * a header repeated on a new page is no figure).  Returns how many figures
 * are in their place; all must be. */
static guint
check_figures (NbSourceDoc *doc,
               JsonObject  *expected)
{
  JsonArray *tables = json_object_get_array_member (expected, "tables");
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) got = g_ptr_array_new_with_free_func (g_free);
  guint right = 0, total = 0;

  for (guint t = 0; t < json_array_get_length (tables); t++)
    {
      JsonArray *rows = json_object_get_array_member (json_array_get_object_element (tables, t), "rows");

      for (guint r = 0; r < json_array_get_length (rows); r++)
        {
          JsonArray *cells = json_array_get_array_element (rows, r);
          g_autoptr(GString) line = g_string_new (NULL);

          for (guint c = 0; c < json_array_get_length (cells); c++)
            {
              const char *text = json_object_get_string_member (json_array_get_object_element (cells, c), "text");
              if (is_figure (text))
                g_string_append_printf (line, "%s ", text), total++;
            }
          if (line->len)
            g_ptr_array_add (want, g_string_free (g_steal_pointer (&line), FALSE));
        }
    }
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = doc->blocks->pdata[i];

      for (guint r = 0; b->kind == NB_SOURCE_TABLE && r < b->rows->len; r++)
        {
          NbSourceRow *row = b->rows->pdata[r];
          g_autoptr(GString) line = g_string_new (NULL);

          for (guint c = 0; c < row->cells->len; c++)
            {
              const char *text = ((NbSourceCell *) row->cells->pdata[c])->text;
              if (is_figure (text))
                g_string_append_printf (line, "%s ", text);
            }
          if (line->len)
            g_ptr_array_add (got, g_string_free (g_steal_pointer (&line), FALSE));
        }
    }
  /* each figure is followed by a space */
  for (guint i = 0; i < MIN (want->len, got->len); i++)
    if (g_str_equal (want->pdata[i], got->pdata[i]))
      for (const char *p = want->pdata[i]; *p; p++)
        right += *p == ' ';
  g_test_message ("%u of %u figures in their rows and cells", right, total);
  for (guint i = 0; i < MAX (want->len, got->len); i++)
    {
      const char *w = i < want->len ? want->pdata[i] : "(none)";
      const char *g = i < got->len ? got->pdata[i] : "(none)";
      if (!g_str_equal (w, g))
        g_test_message ("row %u: want %s, got %s", i, w, g);
    }
  g_assert_cmpuint (got->len, ==, want->len);
  g_assert_cmpuint (right, ==, total);
  return right;
}

static gboolean
has_paragraph (NbSourceDoc *doc,
               const char  *text)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = doc->blocks->pdata[i];
      if (b->kind == NB_SOURCE_PARAGRAPH && g_str_equal (b->text, text))
        return TRUE;
    }
  return FALSE;
}

static void
assert_no_page_numbers (NbSourceDoc *doc)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = doc->blocks->pdata[i];
      if (b->kind == NB_SOURCE_PARAGRAPH)
        g_assert_false (g_regex_match_simple ("^[—-] ?[0-9]+ ?[—-]$|^[0-9]+$", b->text, 0, 0));
    }
}

/* LibreOffice's PDF of a Word file: every paragraph and every figure. */
static void
test_libreoffice (void)
{
  g_autofree char *docx = g_build_filename (tmpdir, "报告.docx", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "报告.pdf", NULL);
  g_autofree char *profile = lo_profile_arg ();
  g_autoptr(JsonNode) expected = make_docx (docx);
  JsonObject *exp = json_node_get_object (expected);
  JsonArray *paragraphs = json_object_get_array_member (exp, "paragraphs");
  const char *argv[] = { "soffice", profile, "--headless", "--convert-to", "pdf",
                         "--outdir", tmpdir, docx, NULL };
  g_autoptr(NbSourceDoc) doc = NULL;
  guint found = 0;

  spawn (argv, "soffice --convert-to pdf");
  doc = read_pdf (pdf);
  g_assert_cmpuint (doc->warnings->len, ==, 0);

  /* The paragraphs as written (a tab is a space on paper; LibreOffice shows
   * the tracked deletion, so that one paragraph differs) */
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    {
      g_autofree char *text = g_strdup (json_array_get_string_element (paragraphs, i));
      g_autoptr(GString) bare = g_string_new (NULL);

      for (const char *p = text; *p; p++)
        if (*p != '\t')
          g_string_append_c (bare, *p);
      if (strstr (text, "新增"))
        continue;
      if (!has_paragraph (doc, bare->str))
        g_test_message ("paragraph not found: %s", bare->str);
      found += has_paragraph (doc, bare->str);
    }
  g_assert_cmpuint (found, ==, json_array_get_length (paragraphs) - 1);
  check_figures (doc, exp);
  assert_no_page_numbers (doc);
}

static gboolean
has_cell (NbSourceDoc *doc,
          const char  *text)
{
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      NbSourceBlock *b = doc->blocks->pdata[i];

      for (guint r = 0; b->kind == NB_SOURCE_TABLE && r < b->rows->len; r++)
        {
          NbSourceRow *row = b->rows->pdata[r];

          for (guint c = 0; c < row->cells->len; c++)
            if (g_str_equal (((NbSourceCell *) row->cells->pdata[c])->text, text))
              return TRUE;
        }
    }
  return FALSE;
}

/* The same with the header cells shaded grey: the shading is no rule, the
 * rules between shaded cells are, and characters' strokes against the
 * shading are none either. */
static void
test_libreoffice_shaded (void)
{
  g_autofree char *docx = g_build_filename (tmpdir, "shaded.docx", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "shaded.pdf", NULL);
  g_autofree char *profile = lo_profile_arg ();
  g_autoptr(JsonNode) expected = make_docx_with (docx, "shaded");
  const char *argv[] = { "soffice", profile, "--headless", "--convert-to", "pdf",
                         "--outdir", tmpdir, docx, NULL };
  g_autoptr(NbSourceDoc) doc = NULL;
  const char *labels[] = { "第二十条第（一）项", "信息内容", "本年新制作数量", "处理决定数量", "自然人",
                           "法人或其他组织", "社会公益组织", "行政复议", "未经复议直接起诉", "尚未审结" };

  spawn (argv, "soffice --convert-to pdf");
  doc = read_pdf (pdf);
  check_figures (doc, json_node_get_object (expected));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (!has_cell (doc, labels[i]))
        g_test_message ("no cell %s", labels[i]);
      g_assert_true (has_cell (doc, labels[i]));
    }
}

/* nianbao's own PDF of a report with the same figures. */
static void
test_nianbao (void)
{
  g_autofree char *docx = g_build_filename (tmpdir, "figures.docx", NULL);
  g_autofree char *report = g_build_filename (tmpdir, "温县.nianbao", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "温县.pdf", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(JsonNode) expected = make_docx (docx);
  JsonObject *exp = json_node_get_object (expected);
  JsonObject *values = json_object_get_object_member (exp, "values");
  g_autoptr(GPtrArray) set = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) keys = json_object_get_members (values);
  g_autofree char *data = NULL;
  gsize len;
  g_autoptr(NbSourceDoc) doc = NULL;
  const char *heads[] = { "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                          "六、其他需要报告的事项" };

  g_assert_true (g_file_get_contents (fixture, &data, &len, NULL));
  g_assert_true (g_file_set_contents (report, data, len, NULL));

  /* the figures through the command line, as a user sets them; totals are computed */
  g_ptr_array_add (set, g_strdup (g_getenv ("NB_CLI")));
  g_ptr_array_add (set, g_strdup ("set"));
  g_ptr_array_add (set, g_strdup (report));
  for (GList *l = keys; l; l = l->next)
    if (!(g_str_has_prefix (l->data, "requests/") && g_str_has_suffix (l->data, "/total"))
        && !g_str_has_suffix (l->data, "_total")
        && !g_str_has_prefix (l->data, "requests/results_total/"))
      g_ptr_array_add (set, g_strdup_printf ("%s=%s", (char *) l->data,
                                             json_object_get_string_member (values, l->data)));
  g_ptr_array_add (set, NULL);
  spawn ((const char *const *) set->pdata, "nianbao-cli set");
  {
    /* the figures do not add up (the balance check fails): it says so, and exports */
    const char *argv[] = { g_getenv ("NB_CLI"), "export", report, "-o", pdf, NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                                 | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }

  doc = read_pdf (pdf);
  g_assert_cmpuint (doc->warnings->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    g_assert_true (has_paragraph (doc, heads[i]));
  /* the title, set on two lines, is one paragraph */
  g_assert_true (has_paragraph (doc, "温县交通运输局2020年政府信息公开工作年度报告"));
  /* a paragraph going on over a page break is one paragraph */
  g_assert_true (has_paragraph (doc, "2.及时公开行政执法信息。严格落实行政执法公示制度，按照“谁执法谁公示”原则，"
                                     "通过行政执法专栏，向社会依法公开行政执法主体、执法职责、执法依据、执法决定等信息，"
                                     "2020年共公开执法信息73期，做到执法公开透明，接受社会监督。"));
  check_figures (doc, exp);
  assert_no_page_numbers (doc);
}

/* ---- the rebuilder on made-up pages ------------------------------------- */

static void
add_text (GArray     *chars,
          double      x,
          double      y,
          double      size,
          const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      double w = c < 0x80 ? size / 2 : size;
      NbPdfChar ch = { c, x, y, x + w, y + size };

      g_array_append_val (chars, ch);
      x += w;
    }
}

static void
add_rule (GArray *rules,
          double  x1,
          double  y1,
          double  x2,
          double  y2)
{
  NbPdfRule r = { x1, y1, x2, y2 };
  g_array_append_val (rules, r);
}

static NbSourceCell *
cell (NbSourceBlock *t,
      guint          r,
      guint          c)
{
  NbSourceRow *row;

  g_assert_cmpint (t->kind, ==, NB_SOURCE_TABLE);
  g_assert_cmpuint (r, <, t->rows->len);
  row = t->rows->pdata[r];
  g_assert_cmpuint (c, <, row->cells->len);
  return row->cells->pdata[c];
}

static void
test_layout (void)
{
  g_autoptr(GArray) c1 = g_array_new (FALSE, FALSE, sizeof (NbPdfChar));
  g_autoptr(GArray) c2 = g_array_new (FALSE, FALSE, sizeof (NbPdfChar));
  g_autoptr(GArray) r1 = g_array_new (FALSE, FALSE, sizeof (NbPdfRule));
  g_autoptr(GArray) r2 = g_array_new (FALSE, FALSE, sizeof (NbPdfRule));
  g_autoptr(NbSourceDoc) doc = nb_source_doc_new ("pdf");
  NbPdfPage pages[2];
  NbSourceBlock *t;

  /* page 1: a heading, a paragraph of three lines (the first indented,
   * the last short), a table whose last row goes on to page 2; the page
   * number */
  add_text (c1, 100, 100, 16, "一、总体情况");
  add_text (c1, 132, 130, 16, "第一行文字第一行文字第一行文字第一行文字第一行文字");   /* ends at 532 */
  add_text (c1, 100, 158, 16, "第二行文字第二行文字第二行文字第二行文字第二行文字甲乙");
  add_text (c1, 100, 186, 16, "短行。");
  /* the table: columns at 100|200|300|400, rows at 600|620|640|660 */
  add_rule (r1, 100, 600, 400, 600);
  add_rule (r1, 100, 620, 400, 620);
  add_rule (r1, 200, 640, 400, 640);            /* not in column 1: a row span */
  add_rule (r1, 100, 660, 400, 660);
  add_rule (r1, 100, 600, 100, 660);
  add_rule (r1, 200, 620, 200, 660);            /* not in the first row: a column span */
  add_rule (r1, 300, 600, 300, 660);
  add_rule (r1, 400, 600, 400, 660);
  add_text (c1, 105, 603, 10, "申请人情况");
  add_text (c1, 305, 603, 10, "总计");
  add_text (c1, 105, 623, 10, "（三）不予");
  add_text (c1, 205, 623, 10, "1.国家秘密");
  add_text (c1, 305, 623, 10, "12");
  add_text (c1, 205, 643, 10, "2.其他法律");
  add_text (c1, 305, 642, 8, "3");               /* a figure wrapped in a narrow cell */
  add_text (c1, 305, 650, 8, "4");
  add_text (c1, 280, 800, 10, "— 1 —");
  pages[0] = (NbPdfPage) { 595, 842, (NbPdfChar *) c1->data, c1->len, (NbPdfRule *) r1->data, r1->len };

  /* page 2: the table goes on (the span of column 1 comes on as an empty
   * cell), then a paragraph, the page number */
  add_rule (r2, 100, 100, 400, 100);
  add_rule (r2, 100, 120, 400, 120);
  add_rule (r2, 100, 100, 100, 120);
  add_rule (r2, 200, 100, 200, 120);
  add_rule (r2, 300, 100, 300, 120);
  add_rule (r2, 400, 100, 400, 120);
  add_text (c2, 205, 103, 10, "3.危及安全");
  add_text (c2, 305, 103, 10, "56");
  add_text (c2, 132, 200, 16, "末段。");
  add_text (c2, 280, 800, 10, "— 2 —");
  pages[1] = (NbPdfPage) { 595, 842, (NbPdfChar *) c2->data, c2->len, (NbPdfRule *) r2->data, r2->len };

  nb_pdf_layout_rebuild (pages, 2, doc);

  g_assert_cmpuint (doc->blocks->len, ==, 4);
  g_assert_cmpstr (((NbSourceBlock *) doc->blocks->pdata[0])->text, ==, "一、总体情况");
  g_assert_cmpstr (((NbSourceBlock *) doc->blocks->pdata[1])->text, ==,
                   "第一行文字第一行文字第一行文字第一行文字第一行文字"
                   "第二行文字第二行文字第二行文字第二行文字第二行文字甲乙短行。");
  t = doc->blocks->pdata[2];
  g_assert_cmpstr (t->where, ==, "page 1");
  g_assert_cmpuint (t->rows->len, ==, 4);
  g_assert_cmpstr (cell (t, 0, 0)->text, ==, "申请人情况");
  g_assert_cmpuint (cell (t, 0, 0)->colspan, ==, 2);
  g_assert_cmpstr (cell (t, 0, 1)->text, ==, "总计");
  g_assert_cmpstr (cell (t, 1, 0)->text, ==, "（三）不予");
  g_assert_cmpuint (cell (t, 1, 0)->rowspan, ==, 3);     /* over the page break too */
  g_assert_cmpstr (cell (t, 1, 2)->text, ==, "12");
  g_assert_cmpstr (cell (t, 2, 0)->text, ==, "2.其他法律");
  g_assert_cmpstr (cell (t, 2, 1)->text, ==, "34");
  g_assert_cmpuint (((NbSourceRow *) t->rows->pdata[3])->cells->len, ==, 2);
  g_assert_cmpstr (cell (t, 3, 0)->text, ==, "3.危及安全");
  g_assert_cmpstr (cell (t, 3, 1)->text, ==, "56");
  g_assert_cmpstr (((NbSourceBlock *) doc->blocks->pdata[3])->text, ==, "末段。");
}

/* A report of one-line paragraphs: most lines start indented, and that
 * indent is not the margin. The line before the heading ends less than the
 * two characters short that line breaking may leave, yet the indented
 * heading after it is a paragraph of its own. */
static void
test_indented_majority (void)
{
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (NbPdfChar));
  g_autoptr(NbSourceDoc) doc = nb_source_doc_new ("pdf");
  NbPdfPage page;

  /* the margin at 100, the text 28 characters wide (to 548) */
  add_text (c, 132, 100, 16, "（一）主动公开");
  add_text (c, 132, 128, 16, "本年通过门户网站主动公开政府信息一千三百余条，其中有");   /* to 548 */
  add_text (c, 100, 156, 16, "行政许可信息一千二百余条。");
  add_text (c, 132, 184, 16, "（二）依申请公开");
  add_text (c, 132, 212, 16, "本年共收到政府信息公开申请三十一件，上年结转两件，均");   /* to 548 */
  add_text (c, 100, 240, 16, "已按期答复。");
  add_text (c, 132, 268, 16, "（三）监督保障");
  add_text (c, 132, 296, 16, "将政务公开工作纳入年度考核，全年开展业务培训两次。");   /* to 532 */
  add_text (c, 132, 324, 16, "二、主动公开政府信息情况");
  add_text (c, 132, 352, 16, "（四）平台建设");
  page = (NbPdfPage) { 595, 842, (NbPdfChar *) c->data, c->len, NULL, 0 };
  nb_pdf_layout_rebuild (&page, 1, doc);

  g_assert_true (has_paragraph (doc, "将政务公开工作纳入年度考核，全年开展业务培训两次。"));
  g_assert_true (has_paragraph (doc, "二、主动公开政府信息情况"));
  g_assert_true (has_paragraph (doc, "本年通过门户网站主动公开政府信息一千三百余条，其中有行政许可信息一千二百余条。"));
  g_assert_cmpuint (doc->blocks->len, ==, 8);
}

/* A table printed without rules: columns from where the figures begin. */
static void
test_unruled (void)
{
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (NbPdfChar));
  g_autoptr(NbSourceDoc) doc = nb_source_doc_new ("pdf");
  NbPdfPage page;
  NbSourceBlock *t;

  add_text (c, 100, 100, 10, "二、主动公开政府信息情况");
  add_text (c, 100, 130, 10, "信息内容");
  add_text (c, 200, 130, 10, "本年新制作数量");       /* closer to the next heading than a gap */
  add_text (c, 280, 130, 10, "本年新公开数量");
  add_text (c, 100, 145, 10, "规章");
  add_text (c, 200, 145, 10, "1");
  add_text (c, 280, 145, 10, "2");
  add_text (c, 100, 160, 10, "规范性文件");
  add_text (c, 200, 160, 10, "4");
  add_text (c, 280, 160, 10, "5");
  page = (NbPdfPage) { 595, 842, (NbPdfChar *) c->data, c->len, NULL, 0 };
  nb_pdf_layout_rebuild (&page, 1, doc);

  g_assert_cmpuint (doc->blocks->len, ==, 2);
  t = doc->blocks->pdata[1];
  g_assert_cmpuint (t->rows->len, ==, 3);
  g_assert_cmpstr (cell (t, 0, 0)->text, ==, "信息内容");
  g_assert_cmpstr (cell (t, 0, 1)->text, ==, "本年新制作数量");
  g_assert_cmpstr (cell (t, 0, 2)->text, ==, "本年新公开数量");
  g_assert_cmpstr (cell (t, 1, 0)->text, ==, "规章");
  g_assert_cmpstr (cell (t, 1, 1)->text, ==, "1");
  g_assert_cmpstr (cell (t, 2, 0)->text, ==, "规范性文件");
  g_assert_cmpstr (cell (t, 2, 2)->text, ==, "5");
}

/* ---- what is not a readable PDF ----------------------------------------- */

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of n_pages; those in text_pages carry text, the others an image. */
static GBytes *
make_pdf (guint    n_pages,
          gboolean text_on_first)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (write_bytes, out, 595, 842);
  cairo_t *cr = cairo_create (pdf);

  for (guint p = 0; p < n_pages; p++)
    {
      if (p == 0 && text_on_first)
        {
          cairo_move_to (cr, 100, 100);
          cairo_show_text (cr, "Report 2020");
        }
      else
        {
          /* a scanned page: an image of text */
          cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
          cairo_t *icr = cairo_create (img);

          cairo_set_source_rgb (icr, 1, 1, 1);
          cairo_paint (icr);
          cairo_set_source_rgb (icr, 0, 0, 0);
          cairo_move_to (icr, 10, 50);
          cairo_show_text (icr, "scanned");
          cairo_destroy (icr);
          cairo_set_source_surface (cr, img, 100, 100);
          cairo_paint (cr);
          cairo_surface_destroy (img);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  cairo_surface_destroy (pdf);
  return g_byte_array_free_to_bytes (out);
}

static void
test_refused (void)
{
  g_autoptr(GBytes) scanned = make_pdf (3, FALSE);
  g_autoptr(GBytes) partly = make_pdf (2, TRUE);
  g_autoptr(GBytes) junk = g_bytes_new_static ("%PDF-1.4\nnot really", 19);
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (partly, 0, g_bytes_get_size (partly) / 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbSourceDoc) doc = NULL;
  NbSourceDoc *none = NULL;

  g_assert_false (nb_pdf_reader_read (scanned, &none, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "scanned"));
  g_clear_error (&error);

  g_assert_false (nb_pdf_reader_read (junk, &none, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  g_clear_error (&error);
  if (!nb_pdf_reader_read (cut, &none, &error))
    g_assert_error (error, NB_ERROR, NB_ERROR_IMPORT);
  else
    nb_source_doc_free (none);
  g_clear_error (&error);

  /* one page of text, one scanned: read, with a warning naming the page */
  g_assert_true (nb_pdf_reader_read (partly, &doc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (doc->warnings->len, ==, 1);
  g_assert_nonnull (strstr (doc->warnings->pdata[0], "Page 2"));
  g_assert_nonnull (strstr (((NbSourceBlock *) doc->blocks->pdata[0])->text, "Report"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nb-pdf-XXXXXX", NULL);

  g_test_add_func ("/pdf/layout", test_layout);
  g_test_add_func ("/pdf/unruled", test_unruled);
  g_test_add_func ("/pdf/indented-majority", test_indented_majority);
  g_test_add_func ("/pdf/refused", test_refused);
  g_test_add_func ("/pdf/nianbao", test_nianbao);
  g_test_add_func ("/pdf/libreoffice", test_libreoffice);
  g_test_add_func ("/pdf/libreoffice-shaded", test_libreoffice_shaded);
  status = g_test_run ();

  {
    g_autofree char *quoted = g_shell_quote (tmpdir);
    g_autofree char *cmd = g_strconcat ("rm -rf ", quoted, NULL);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  return status;
}
