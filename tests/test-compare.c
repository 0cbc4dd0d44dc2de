/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Comparing with last year: the paragraph diff on its own, then
 * `nianbao-cli compare` on the published fixture and a next year's
 * report made from it with the command line (figures changed, a carried
 * figure that disagrees, a paragraph changed, one added, one removed, a
 * section copied unchanged). */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nb-comparison.h"
#include "nb-comparison-chart.h"
#include "nb-report-file.h"

static char *tmpdir;

static void
assert_change (GPtrArray  *changes,
               guint       i,
               NbDiffKind  kind,
               const char *last,
               const char *this)
{
  NbParagraphChange *p;

  g_assert_cmpuint (i, <, changes->len);
  p = changes->pdata[i];
  g_assert_cmpint (p->kind, ==, kind);
  g_assert_cmpstr (p->last, ==, last);
  g_assert_cmpstr (p->this, ==, this);
}

static void
test_diff (void)
{
  const char *last[] = { "一、总体情况", "2020年，本局共主动公开政府信息327条，比上年增长10%。",
                         "（一）主动公开", "本段今年删去了。", "结尾一段。", NULL };
  const char *this[] = { "一、总体情况", "2021年，本局共主动公开政府信息412条，比上年增长26%。",
                         "今年新写的一段，与去年毫无关系。", "（一）主动公开", "结尾一段。", NULL };
  g_autoptr(GPtrArray) d = nb_diff_paragraphs (last, this);
  g_autoptr(GPtrArray) empty = nb_diff_paragraphs (NULL, this);

  g_assert_cmpuint (d->len, ==, 6);
  assert_change (d, 0, NB_DIFF_UNCHANGED, last[0], this[0]);
  assert_change (d, 1, NB_DIFF_CHANGED, last[1], this[1]);
  g_assert_cmpuint (((NbParagraphChange *) d->pdata[1])->similarity, >=, 50);
  g_assert_cmpuint (((NbParagraphChange *) d->pdata[1])->similarity, <, 100);
  assert_change (d, 2, NB_DIFF_ADDED, NULL, this[2]);
  assert_change (d, 3, NB_DIFF_UNCHANGED, last[2], this[3]);
  assert_change (d, 4, NB_DIFF_REMOVED, last[3], NULL);
  assert_change (d, 5, NB_DIFF_UNCHANGED, last[4], this[4]);

  g_assert_cmpuint (empty->len, ==, 5);
  for (guint i = 0; i < empty->len; i++)
    assert_change (empty, i, NB_DIFF_ADDED, NULL, this[i]);
}

/* Runs nianbao-cli; returns its standard output. */
static char *
cli (int         expect_status,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("NB_CLI"));
  va_start (args, first);
  for (const char *a = first; a; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (tmpdir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) != (expect_status != 0))
    g_error ("nianbao-cli %s: unexpected status %d: %s", first, status, err);
  return out;
}

static JsonObject *
find_figure (JsonArray  *figures,
             const char *key)
{
  for (guint i = 0; i < json_array_get_length (figures); i++)
    {
      JsonObject *f = json_array_get_object_element (figures, i);
      if (g_str_equal (json_object_get_string_member (f, "key"), key))
        return f;
    }
  g_error ("no figure %s", key);
}

static JsonObject *
find_section (JsonArray  *sections,
              const char *key)
{
  for (guint i = 0; i < json_array_get_length (sections); i++)
    {
      JsonObject *s = json_array_get_object_element (sections, i);
      if (g_str_equal (json_object_get_string_member (s, "key"), key))
        return s;
    }
  g_error ("no section %s", key);
}

static void
test_cli (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autofree char *last = g_build_filename (tmpdir, "去年.nianbao", NULL);
  g_autofree char *this = g_build_filename (tmpdir, "今年.nianbao", NULL);
  g_autofree char *text_path = g_build_filename (tmpdir, "overview.txt", NULL);
  g_autofree char *overview = NULL, *data = NULL, *json = NULL, *text = NULL;
  g_autofree char *text_arg = NULL;
  g_auto(GStrv) paras = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *figures, *checks, *paragraphs;
  gsize len;
  gboolean carry = FALSE;

  g_assert_true (g_file_get_contents (fixture, &data, &len, NULL));
  g_assert_true (g_file_set_contents (last, data, len, NULL));
  g_assert_true (g_file_set_contents (this, data, len, NULL));
  g_free (cli (0, "set", last, "requests/carried_out/natural=3", NULL));

  /* this year: its own figures; the first paragraph reworded, the second
   * dropped, a new one at the end; 五 left as it was */
  overview = cli (0, "get", last, "text/overview", NULL);
  paras = g_strsplit (g_strstrip (overview), "\n", -1);
  for (guint i = 0; paras[i]; i++)
    if (*g_strstrip (paras[i]))
      g_ptr_array_add (kept, paras[i]);
  g_assert_cmpuint (kept->len, >=, 4);
  {
    g_autoptr(GString) s = g_string_new (NULL);
    g_autofree char *first = g_strdup (kept->pdata[0]);
    char *year = strstr (first, "2020年");

    g_assert_nonnull (year);
    memcpy (year, "2021", 4);
    g_string_append_printf (s, "%s\n", first);
    for (guint i = 2; i < kept->len; i++)
      g_string_append_printf (s, "%s\n", (char *) kept->pdata[i]);
    g_string_append (s, "2021年新增的一段。\n");
    g_assert_true (g_file_set_contents (text_path, s->str, -1, NULL));
  }
  text_arg = g_strconcat ("text/overview=@", text_path, NULL);
  g_free (cli (0, "set", this, "year=2021", "requests/new/natural=5", "requests/new/business=2",
               "active/penalty/prev=200", text_arg, NULL));

  json = cli (0, "compare", last, this, "--json", NULL);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "last_year"), ==, 2020);
  g_assert_cmpint (json_object_get_int_member (root, "this_year"), ==, 2021);

  figures = json_object_get_array_member (root, "figures");
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "requests/new/natural"), "last"), ==, "0");
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "requests/new/natural"), "this"), ==, "5");
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "requests/new/natural"), "change"), ==, "+5");
  /* a computed total compared too */
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "requests/new/total"), "change"), ==, "+7");
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "active/penalty/prev"), "last"), ==, "189");
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "active/penalty/prev"), "change"), ==, "+11");
  g_assert_cmpstr (json_object_get_string_member (find_figure (figures, "active/procurement/amount"), "change"), ==, "0.0000");

  /* last year carried 3 requests over; this year says none came in */
  checks = json_object_get_array_member (root, "checks");
  for (guint i = 0; i < json_array_get_length (checks); i++)
    {
      JsonObject *c = json_array_get_object_element (checks, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (c, "id"), "carry."));
      if (g_str_equal (json_object_get_string_member (c, "id"), "carry.requests"))
        carry = TRUE;
    }
  g_assert_true (carry);

  paragraphs = json_object_get_array_member (find_section (json_object_get_array_member (root, "sections"),
                                                           "overview"), "paragraphs");
  g_assert_cmpuint (json_array_get_length (paragraphs), ==, kept->len + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, 0), "kind"),
                   ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, 1), "kind"),
                   ==, "removed");
  for (guint i = 2; i < kept->len; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, i), "kind"),
                     ==, "unchanged");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, kept->len), "kind"),
                   ==, "added");
  paragraphs = json_object_get_array_member (find_section (json_object_get_array_member (root, "sections"),
                                                           "problems"), "paragraphs");
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (paragraphs, i), "kind"),
                     ==, "unchanged");

  /* the text form: every figure, the changed ones marked; the diff marks */
  text = cli (0, "compare", last, this, NULL);
  g_assert_nonnull (strstr (text, "* requests/new/natural  一、本年新收 · 自然人: 0 → 5  (+5)\n"));
  g_assert_nonnull (strstr (text, "  requests/new/research  一、本年新收 · 科研机构: 0 → 0  (0)\n"));
  g_assert_nonnull (strstr (text, "\n+ 2021年新增的一段。\n"));
  g_assert_nonnull (strstr (text, "\n~ ("));
  g_assert_nonnull (strstr (text, "carry.requests"));
  g_free (text);
  text = cli (0, "compare", "--changed", last, this, NULL);
  g_assert_null (strstr (text, "requests/new/research"));
  g_assert_null (strstr (text, "\n= "));

  /* bad use */
  g_free (cli (2, "compare", last, NULL));
  g_free (cli (2, "compare", last, "没有这个文件.nianbao", NULL));
  g_remove (text_path);
  g_remove (last);
  g_remove (this);
}

/* The pixel value cairo gives a colour on an RGB24 surface. */
static guint32
pixel_of (double r,
          double g,
          double b)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (s);
  guint32 px;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  px = *(guint32 *) cairo_image_surface_get_data (s) & 0xffffff;
  cairo_surface_destroy (s);
  return px;
}

/* Pixels of each year's bar colour in the chart of last → this. */
static void
count_bars (NbReport *last,
            NbReport *this,
            guint    *n_last,
            guint    *n_this,
            const char *png)
{
  g_autoptr(NbComparison) cmp = nb_comparison_new (last, this);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 480);
  cairo_t *cr = cairo_create (s);
  guint32 last_px = pixel_of (NB_CHART_LAST_RGB), this_px = pixel_of (NB_CHART_THIS_RGB);
  int stride = cairo_image_surface_get_stride (s);

  g_assert_cmpuint (nb_comparison_get_chart (cmp)->len, ==, 11);
  nb_comparison_chart_draw (cmp, cr, 700, 480);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  if (png)
    cairo_surface_write_to_png (s, png);
  *n_last = *n_this = 0;
  for (int y = 40; y < 480; y++)   /* below the legend's swatches */
    for (int x = 0; x < 700; x++)
      {
        guint32 px = *(guint32 *) (cairo_image_surface_get_data (s) + y * stride + 4 * x) & 0xffffff;
        *n_last += px == last_px;
        *n_this += px == this_px;
      }
  cairo_surface_destroy (s);
}

static void
test_chart (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(NbReport) last = nb_report_file_load (file, NULL, NULL);
  g_autoptr(NbReport) this = nb_report_file_load (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (tmpdir, "chart.png", NULL);
  guint n_last, n_this;
  NbChartBar *bar;

  g_assert_nonnull (last);
  nb_report_set_year (this, 2021);
  /* the fixture has no requests and no reviews: no bars at all */
  count_bars (last, this, &n_last, &n_this, NULL);
  g_assert_cmpuint (n_last, ==, 0);
  g_assert_cmpuint (n_this, ==, 0);

  /* last year 10 new requests, this year 40: this year's bar is four times as long */
  g_assert_true (nb_report_set_field (last, "requests/new/natural", "10", &error));
  g_assert_true (nb_report_set_field (this, "requests/new/natural", "30", &error));
  g_assert_true (nb_report_set_field (this, "requests/new/business", "10", &error));
  g_assert_true (nb_report_set_field (this, "review/count/direct_upheld", "2", &error));
  g_assert_true (nb_report_set_field (this, "review/count/after_pending", "1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(NbComparison) cmp = nb_comparison_new (last, this);
    GArray *chart = nb_comparison_get_chart (cmp);

    bar = &g_array_index (chart, NbChartBar, 0);
    g_assert_cmpstr (bar->label, ==, "本年新收申请");
    g_assert_cmpint (bar->last, ==, 10);
    g_assert_cmpint (bar->this, ==, 40);
    bar = &g_array_index (chart, NbChartBar, chart->len - 1);
    g_assert_cmpstr (bar->label, ==, "行政诉讼");
    g_assert_cmpint (bar->this, ==, 3);        /* direct and after review suits */
    g_assert_cmpint (bar->last, ==, 0);
  }
  count_bars (last, this, &n_last, &n_this, png);
  g_test_message ("chart: %s", png);
  g_assert_cmpuint (n_last, >, 0);
  g_assert_cmpuint (n_this, >, 3 * n_last);
  if (!g_getenv ("NB_KEEP_CHART"))
    g_remove (png);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nb-compare-XXXXXX", NULL);
  g_test_add_func ("/compare/diff", test_diff);
  g_test_add_func ("/compare/cli", test_cli);
  g_test_add_func ("/compare/chart", test_chart);
  status = g_test_run ();
  g_rmdir (tmpdir);
  return status;
}
