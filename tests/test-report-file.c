/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The .nianbao file: lossless round trips, atomic saves, and a clear error
 * (never a crash) for every kind of bad file. */
#include <glib/gstdio.h>
#include <string.h>

#include "nb-error.h"
#include "nb-report-file.h"
#include "nb-safe-write.h"
#include "nb-text-check.h"

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("NB_FIXTURES"), name, NULL);
}

/* A report with a distinct value in every input cell. */
static NbReport *
full_report (const char *version)
{
  NbFormat *format = nb_format_get (version, NULL);
  NbReport *r = nb_report_new (format, g_str_equal (version, "2019") ? 2020 : 2024, "某市教育局");
  guint n = nb_format_get_n_cells (format);

  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      g_autofree char *text = NULL;

      if (def->computed)
        continue;
      if (def->kind.type == NB_KIND_DECIMAL)
        text = g_strdup (def->kind.places >= 4 ? "793.9397" : "18651.06");
      else if (def->kind.type == NB_KIND_SIGNED)
        text = g_strdup_printf ("-%u", i + 1);
      else
        text = g_strdup_printf ("%u", i + 1);
      g_assert_true (nb_report_set_value_from_string (r, def->key, text, NULL));
    }
  if (g_str_equal (version, "2021"))
    g_assert_true (nb_report_set_field (r, "active/fee/amount", "18651.060", NULL));
  g_assert_true (nb_report_set_field (r, "text/overview", "本报告所列数据统计期限为2024年1月1日至2024年12月31日。\n（一）主动公开\n“引号”\t\"quotes\" \\ 😀", NULL));
  g_assert_true (nb_report_set_field (r, "text/problems", "一是……二是……", NULL));
  g_assert_true (nb_report_set_field (r, "date", "2025-01-20", NULL));
  g_assert_true (nb_report_set_field (r, "agency_kind", "government", NULL));
  g_assert_true (nb_report_set_field (r, "signoff", "某市教育局办公室", NULL));
  return r;
}

static void
assert_same (NbReport *a, NbReport *b)
{
  NbFormat *format = nb_report_get_format (a);

  g_assert_true (format == nb_report_get_format (b));
  g_assert_cmpstr (nb_report_get_agency (a), ==, nb_report_get_agency (b));
  g_assert_cmpint (nb_report_get_year (a), ==, nb_report_get_year (b));
  g_assert_cmpint (nb_report_get_agency_kind (a), ==, nb_report_get_agency_kind (b));
  g_assert_cmpstr (nb_report_get_date (a), ==, nb_report_get_date (b));
  g_assert_cmpstr (nb_report_get_signoff (a), ==, nb_report_get_signoff (b));
  g_assert_cmpstr (nb_report_get_stated_title (a), ==, nb_report_get_stated_title (b));
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      if (s->kind == NB_SECTION_TEXT)
        g_assert_cmpstr (nb_report_get_text (a, s->key), ==, nb_report_get_text (b, s->key));
    }
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      char x[NB_NUMBER_BUF], y[NB_NUMBER_BUF];
      const NbNumber *va = nb_report_get_value_at (a, i);
      const NbNumber *vb = nb_report_get_value_at (b, i);

      g_assert_cmpint (va->blank, ==, vb->blank);
      /* Same figures printed the same way: 18651.060 keeps its three places. */
      g_assert_cmpstr (nb_number_format (va, x), ==, nb_number_format (vb, y));
    }
}

static void
test_round_trip (gconstpointer data)
{
  const char *version = data;
  g_autoptr(NbReport) r = full_report (version);
  g_autoptr(NbReport) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = nb_report_file_to_data (r, NULL);
  g_autofree char *again = NULL;

  back = nb_report_file_load_from_data (text, -1, &error);
  g_assert_no_error (error);
  assert_same (r, back);
  g_assert_false (nb_report_get_modified (back));
  g_assert_false (nb_history_can_undo (nb_report_get_history (back)));
  /* Decimals are stored as text so no place is lost. */
  g_assert_nonnull (strstr (text, g_str_equal (version, "2019") ? "\"793.9397\"" : "\"18651.060\""));
  again = nb_report_file_to_data (back, NULL);
  g_assert_cmpstr (text, ==, again);
}

static void
test_stated_round_trip (void)
{
  g_autoptr(NbReport) r = nb_report_new (nb_format_get ("2019", NULL), 2020, "某县政府办");
  g_autoptr(NbReport) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  NbNumber n = nb_number_from_int (21), neg = nb_number_from_int (-4), blank = nb_number_blank ();

  nb_report_set_stated_value (r, "requests/results_total/total", &n);
  nb_report_set_stated_value (r, "requests/open/natural", &neg);     /* wrong kind, as printed */
  nb_report_set_stated_value (r, "requests/open/legal", &blank);
  text = nb_report_file_to_data (r, NULL);
  back = nb_report_file_load_from_data (text, -1, &error);
  g_assert_no_error (error);
  assert_same (r, back);
  g_assert_cmpint (nb_report_get_value (back, "requests/results_total/total")->units, ==, 21);
  g_assert_cmpint (nb_report_get_value (back, "requests/open/natural")->units, ==, -4);
  g_assert_true (nb_report_get_value (back, "requests/open/legal")->blank);
}

static void
test_fixture (void)
{
  g_autofree char *path = fixture_path ("wenxian-transport-2020.nianbao");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) r = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (nb_format_get_version (nb_report_get_format (r)), ==, "2019");
  g_assert_cmpint (nb_report_get_year (r), ==, 2020);
  /* The figures docs/checks.md gives for the fixture. */
  g_assert_cmpint (nb_report_get_value (r, "active/license/prev")->units, ==, 61);
  g_assert_cmpint (nb_report_get_value (r, "active/license/decisions")->units, ==, 43);
  g_assert_cmpint (nb_report_get_value (r, "active/service/prev")->units, ==, 64);
  g_assert_cmpint (nb_report_get_value (r, "active/penalty/prev")->units, ==, 189);
  g_assert_cmpint (nb_report_get_value (r, "active/penalty/delta")->units, ==, -33);
  g_assert_cmpint (nb_report_get_value (r, "active/penalty/decisions")->units, ==, 795);
  g_assert_cmpint (nb_report_get_value (r, "active/procurement/count")->units, ==, 1);
  {
    g_autofree char *amount = nb_report_dup_field (r, "active/procurement/amount", NULL);
    g_assert_cmpstr (amount, ==, "793.9397");
  }
  g_assert_cmpint (nb_report_get_value (r, "requests/results_total/total")->units, ==, 0);
  g_assert_true (g_str_has_prefix (nb_report_get_text (r, "overview"), "2020年，温县交通运输局"));
  g_assert_cmpstr (nb_report_get_text (r, "other"), ==, "无其他需要报告的事项。");
}

/* Which cells were set survives a save; 0 typed over 0 counts as set. */
static void
test_untouched (void)
{
  g_autoptr(NbReport) r = nb_report_new (nb_format_get ("2021", NULL), 2024, "某局");
  g_autoptr(NbReport) back = NULL;
  g_autoptr(NbReport) old = NULL;
  g_autoptr(GPtrArray) tables = nb_report_dup_untouched_tables (r);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fixture = fixture_path ("wenxian-transport-2020.nianbao");
  const NbCellDef *natural = nb_format_find_cell (nb_report_get_format (r), "requests/new/natural");

  g_assert_cmpuint (tables->len, ==, 3);   /* 二 三 四 */
  g_assert_false (nb_report_is_touched (r, natural->index));
  g_assert_true (nb_report_set_value_from_string (r, "requests/new/natural", "0", NULL));
  g_assert_true (nb_report_is_touched (r, natural->index));

  text = nb_report_file_to_data (r, NULL);
  g_assert_nonnull (strstr (text, "\"untouched\""));
  back = nb_report_file_load_from_data (text, -1, &error);
  g_assert_no_error (error);
  after = nb_report_dup_untouched_tables (back);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (((NbTableDef *) g_ptr_array_index (after, 0))->key, ==, "active");
  g_assert_cmpstr (((NbTableDef *) g_ptr_array_index (after, 1))->key, ==, "review");
  g_assert_true (nb_report_is_touched (back, natural->index));
  {
    const NbCellDef *business = nb_format_find_cell (nb_report_get_format (r), "requests/new/business");
    g_autofree char *sentence = nb_report_describe_untouched (back);

    g_assert_false (nb_report_is_touched (back, business->index));
    g_assert_nonnull (strstr (sentence, "四、政府信息公开行政复议、行政诉讼情况"));
  }

  /* Older files have no "untouched": every cell counts as set. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (fixture);
    g_autoptr(GPtrArray) none = NULL;

    old = nb_report_file_load (file, NULL, &error);
    g_assert_no_error (error);
    none = nb_report_dup_untouched_tables (old);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_null (nb_report_describe_untouched (old));
  }

  /* A bad list is a clear error. */
  {
    g_autofree char *bad = g_strdup (text);
    char *at = strstr (strstr (bad, "\"untouched\""), "\"requests/new/business\"");
    g_autoptr(NbReport) none = NULL;

    g_assert_nonnull (at);
    memcpy (at, "\"requests/new/total\"   ", 23);   /* a computed total, same length */
    none = nb_report_file_load_from_data (bad, -1, &error);
    g_assert_null (none);
    g_assert_error (error, NB_ERROR, NB_ERROR_FILE);
    g_clear_error (&error);
  }
}

static void
test_save_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nianbao-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "温县交通运输局2024.nianbao", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NbReport) r = full_report ("2021");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *saved_backup = NULL;
  g_autofree char *missing = g_build_filename (dir, "没有这个文件夹", "x.nianbao", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (missing);

  g_assert_true (nb_report_get_modified (r));
  g_assert_true (nb_report_file_save (r, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (nb_report_get_modified (r));
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));

  nb_report_set_field (r, "requests/new/natural", "999", NULL);
  g_assert_true (nb_report_file_save (r, file, NULL, &error));
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  g_assert_cmpstr (first, !=, second);
  /* The previous version is kept as a backup. */
  g_assert_true (g_file_get_contents (backup, &saved_backup, NULL, NULL));
  g_assert_cmpstr (saved_backup, ==, first);

  /* A save that cannot happen says so and leaves the report modified. */
  nb_report_set_field (r, "requests/new/natural", "1000", NULL);
  g_assert_false (nb_report_file_save (r, bad, NULL, &error));
  g_assert_error (error, NB_SAFE_WRITE_ERROR, NB_SAFE_WRITE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_true (nb_report_get_modified (r));
  g_clear_error (&error);

  g_remove (path);
  g_remove (backup);
  g_rmdir (dir);
}

/* ---- bad files ---- */

typedef struct
{
  const char *name;
  const char *find;      /* replaced in a valid 2021 document … */
  const char *replace;   /* … by this (NULL: the whole file is `find`) */
  int         code;
  const char *expect;    /* part of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "empty", "", NULL, NB_ERROR_FILE, "empty" },
  { "not-json", "年度报告", NULL, NB_ERROR_FILE, "JSON" },
  { "truncated", NULL, NULL, NB_ERROR_FILE, "truncated" },
  { "array", "[1, 2]", NULL, NB_ERROR_FILE, "not a JSON object" },
  { "invalid-utf8", "{\"nianbao\" : 1, \"agency\" : \"\xff\xfe\"}", NULL, NB_ERROR_FILE, "UTF-8" },
  { "no-version", "\"nianbao\" : 1,", "", NB_ERROR_FILE, "“nianbao”" },
  { "version-string", "\"nianbao\" : 1,", "\"nianbao\" : \"1\",", NB_ERROR_FILE, "whole number" },
  { "newer", "\"nianbao\" : 1,", "\"nianbao\" : 2,", NB_ERROR_NEWER, "newer version" },
  { "unknown-format", "\"format\" : \"2021\"", "\"format\" : \"2030\"", NB_ERROR_FILE, "2030" },
  { "no-format", "\"format\" : \"2021\",", "", NB_ERROR_FILE, "“format”" },
  { "year-string", "\"year\" : 2024", "\"year\" : \"2024\"", NB_ERROR_FILE, "“year”" },
  { "year-range", "\"year\" : 2024", "\"year\" : 202", NB_ERROR_FILE, "202" },
  { "agency-number", "\"agency\" : \"某市教育局\"", "\"agency\" : 5", NB_ERROR_FILE, "“agency”" },
  { "unknown-member", "\"nianbao\" : 1,", "\"nianbao\" : 1, \"colour\" : \"red\",", NB_ERROR_FILE, "colour" },
  { "unknown-cell", "\"requests/new/natural\"", "\"requests/new/alien\"", NB_ERROR_FILE, "requests/new/alien" },
  { "missing-cell", "\"requests/new/natural\" : 1,", "", NB_ERROR_FILE, "requests/new/natural" },
  { "string-in-count", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : \"many\",", NB_ERROR_FILE, "many" },
  { "decimal-in-count", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : \"1.5\",", NB_ERROR_FILE, "whole number" },
  { "float-json", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : 1.5,", NB_ERROR_FILE, "as text" },
  { "negative", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : -1,", NB_ERROR_FILE, "negative" },
  { "out-of-range", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : 123456789012345,", NB_ERROR_FILE, "range" },
  { "too-many-places", "\"active/fee/amount\" : \"18651.060\"", "\"active/fee/amount\" : \"1.1234567\"", NB_ERROR_FILE, "decimal places" },
  { "computed-in-cells", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : 1, \"requests/new/total\" : 1,", NB_ERROR_FILE, "computed" },
  { "unknown-section", "\"problems\"", "\"problem\"", NB_ERROR_FILE, "problem" },
  { "text-number", "\"problems\" : \"一是……二是……\"", "\"problems\" : 5", NB_ERROR_FILE, "problems" },
  { "bad-date", "\"date\" : \"2025-01-20\"", "\"date\" : \"2025-13-40\"", NB_ERROR_FILE, "2025-13-40" },
  { "bad-kind", "\"agency_kind\" : \"government\"", "\"agency_kind\" : \"ministry\"", NB_ERROR_FILE, "ministry" },
  { "cells-string", "\"cells\" : {", "\"cells\" : \"none\", \"stated\" : {", NB_ERROR_FILE, "“cells” must be an object" },
  /* What json-glib 1.6 accepts silently (issue 13): each refused, with its place. */
  { "duplicate-key", "\"nianbao\" : 1,", "\"nianbao\" : 1, \"nianbao\" : 1,", NB_ERROR_FILE, "“nianbao” appears twice" },
  { "duplicate-cell", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : 1, \"requests/new/natural\" : 2,",
    NB_ERROR_FILE, "line 26, column 33, the name “requests/new/natural” appears twice" },
  { "duplicate-escaped", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : 1, \"requests/new/n\\u0061tural\" : 2,",
    NB_ERROR_FILE, "appears twice" },
  { "single-quoted-key", "\"nianbao\" : 1,", "'nianbao' : 1,", NB_ERROR_FILE, "line 2, column 3, names and texts must be in double quotes" },
  { "comment", "\"nianbao\" : 1,", "\"nianbao\" : 1, /* c */", NB_ERROR_FILE, "comments are not allowed" },
  { "bare-word", "\"agency_kind\" : \"government\"", "\"agency_kind\" : government", NB_ERROR_FILE, "“government” is not a value" },
  { "nul-escape", "某市教育局", "某市\\u0000教育局", NB_ERROR_FILE, "\\u0000" },
  { "lone-high-surrogate", "\"signoff\" : \"某市教育局办公室\"", "\"signoff\" : \"办公室\\ud800\"", NB_ERROR_FILE, "lone high surrogate" },
  { "lone-low-surrogate", "\"signoff\" : \"某市教育局办公室\"", "\"signoff\" : \"\\udc00办公室\"", NB_ERROR_FILE, "lone low surrogate" },
  { "surrogate-pair-ok-then-bad", "\"signoff\" : \"某市教育局办公室\"", "\"signoff\" : \"\\ud83d\\ude00\\u0001\"", NB_ERROR_FILE, "control character" },
  { "control-escape", "\"title\" : null", "\"title\" : \"标题\\u000b\"", NB_ERROR_FILE, "control character" },
  { "control-raw", "\"title\" : null", "\"title\" : \"标题\x01\"", NB_ERROR_FILE, "control character (U+0001)" },
  { "formfeed-escape", "\"title\" : null", "\"title\" : \"标题\\f\"", NB_ERROR_FILE, "control character" },
  { "noncharacter-escape", "\"title\" : null", "\"title\" : \"标题\\uFFFE\"", NB_ERROR_FILE, "U+FFFE" },
  { "noncharacter-raw", "某市教育局", "某市教育局\xef\xbf\xbf", NB_ERROR_FILE, "U+FFFF" },
  { "huge-integer", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : 18446744073709551611,", NB_ERROR_FILE,
    "the number 18446744073709551611 is out of range" },
  { "huge-negative", "\"requests/new/natural\" : 1,", "\"requests/new/natural\" : -9223372036854775809,", NB_ERROR_FILE,
    "out of range" },
  { "huge-year", "\"year\" : 2024", "\"year\" : 4294969320", NB_ERROR_FILE, "but it is 4294969320" },
  { "not-an-object-after", "\"nianbao\" : 1,", "\"nianbao\" : 1 }, {", NB_ERROR_FILE, "more follows after the end" },
};

/* Generated hostile documents: too deep, two in one, too long. */
static void
test_hostile (void)
{
  g_autoptr(NbReport) good = full_report ("2021");
  g_autofree char *valid = nb_report_file_to_data (good, NULL);
  g_autoptr(GString) deep = g_string_new ("{\"nianbao\" : 1, \"x\" : ");
  g_autofree char *twice = g_strconcat (valid, valid, NULL);
  g_autoptr(GString) long_agency = g_string_new (NULL);
  g_autofree char *long_doc = NULL;
  struct { const char *name; const char *text; const char *expect; } cases[4];

  /* ~75 000 levels overflowed json-glib's recursive parser (a crash). */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  for (guint n = 0; n <= NB_TEXT_MAX_CELL_CHARS; n += 5)
    g_string_append (long_agency, "某市教育局");
  {
    GString *s = g_string_new (valid);
    g_string_replace (s, "某市教育局", long_agency->str, 1);
    long_doc = g_string_free (s, FALSE);
  }
  cases[0].name = "deep"; cases[0].text = deep->str; cases[0].expect = "nested more than 32 levels";
  cases[1].name = "two-documents"; cases[1].text = twice; cases[1].expect = "more follows after the end";
  cases[2].name = "long-agency"; cases[2].text = long_doc; cases[2].expect = "too long";
  cases[3].name = "deep-in-string-is-text"; cases[3].text = NULL; cases[3].expect = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NbReport) r = nb_report_file_load_from_data (cases[i].text, -1, &error);

      g_assert_null (r);
      g_assert_error (error, NB_ERROR, NB_ERROR_FILE);
      if (!strstr (error->message, cases[i].expect))
        g_error ("case %s: message “%s” does not mention “%s”", cases[i].name, error->message, cases[i].expect);
    }

  /* Brackets inside a text are only text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NbReport) r = NULL;
    g_autofree char *brackets = g_strnfill (5000, '[');
    g_autoptr(NbReport) b = full_report ("2021");
    g_autofree char *text = NULL;

    g_assert_true (nb_report_set_field (b, "text/other", brackets, NULL));
    text = nb_report_file_to_data (b, NULL);
    r = nb_report_file_load_from_data (text, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (nb_report_get_text (r, "other"), ==, brackets);
  }
}

/* What a person types or pastes is checked as a file is (issue 13). */
static void
test_set_refuses_bad_text (void)
{
  g_autoptr(NbReport) r = full_report ("2021");
  g_autoptr(GString) long_title = g_string_new (NULL);
  const char *bad[] = { "a\x01b", "标题\x0b", "\xef\xbf\xbe", "\xed\xa0\x80", "x\xc2\x85" };
  const char *fields[] = { "agency", "signoff", "title", "text/overview" };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *before = nb_report_dup_field (r, fields[f], NULL);
        g_autofree char *after = NULL;

        g_assert_false (nb_report_set_field (r, fields[f], bad[i], &error));
        g_assert_error (error, NB_ERROR, NB_ERROR_PARSE);
        after = nb_report_dup_field (r, fields[f], NULL);
        g_assert_cmpstr (before, ==, after);
      }

  for (guint n = 0; n <= NB_TEXT_MAX_CELL_CHARS; n += 4)
    g_string_append (long_title, "年度报告");
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (nb_report_set_field (r, "title", long_title->str, &error));
    g_assert_error (error, NB_ERROR, NB_ERROR_RANGE);
    g_assert_nonnull (strstr (error->message, "The title is too long"));
  }
  /* Newlines and tabs are text; Windows line ends become newlines. */
  g_assert_true (nb_report_set_field (r, "text/other", "一\t二\r\n三\n", NULL));
  g_assert_cmpstr (nb_report_get_text (r, "other"), ==, "一\t二\n三\n");
}

static void
test_bad_file (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(NbReport) good = full_report ("2021");
  g_autofree char *valid = NULL;

  g_assert_true (nb_report_set_field (good, "requests/new/natural", "1", NULL));
  valid = nb_report_file_to_data (good, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) r = NULL;

  if (c->find == NULL)
    text = g_strndup (valid, strlen (valid) / 2);   /* truncated */
  else if (c->replace == NULL)
    text = g_strdup (c->find);
  else
    {
      GString *s = g_string_new (valid);
      g_assert_nonnull (strstr (valid, c->find));   /* the case must apply */
      g_string_replace (s, c->find, c->replace, 1);
      text = g_string_free (s, FALSE);
    }

  r = nb_report_file_load_from_data (text, strlen (text), &error);
  g_assert_null (r);
  g_assert_error (error, NB_ERROR, c->code);
  if (!strstr (error->message, c->expect))
    g_error ("case %s: message “%s” does not mention “%s”", c->name, error->message, c->expect);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/file/round-trip/2019", "2019", test_round_trip);
  g_test_add_data_func ("/file/round-trip/2021", "2021", test_round_trip);
  g_test_add_func ("/file/round-trip/stated", test_stated_round_trip);
  g_test_add_func ("/file/fixture", test_fixture);
  g_test_add_func ("/file/untouched", test_untouched);
  g_test_add_func ("/file/save-atomic", test_save_atomic);
  g_test_add_func ("/file/hostile", test_hostile);
  g_test_add_func ("/file/set-refuses-bad-text", test_set_refuses_bad_text);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/file/bad/%s", bad_cases[i].name);
      g_test_add_data_func (path, &bad_cases[i], test_bad_file);
    }
  return g_test_run ();
}
