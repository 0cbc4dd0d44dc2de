/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli end to end: the built binary (NB_CLI) on temporary files with
 * Chinese names, as a person or a script would use it. */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static char *tmpdir;

/* Runs nianbao-cli with the arguments (NULL-terminated) in @env's locale. */
static void
run_env (Result      *r,
         const char  *lang,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;
  const char *arg;
  int wait_status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("NB_CLI"));
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", lang ? lang : "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", lang ? "zh_CN" : "", TRUE);
  g_assert_true (g_spawn_sync (tmpdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  /* Portable (the POSIX wait-status macros are not): the exit code, or a
   * test failure if the program was killed by a signal. */
  if (g_spawn_check_wait_status (wait_status, &error))
    r->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    r->status = error->code;
  else
    g_error ("%s did not exit normally: %s", g_getenv ("NB_CLI"), error->message);
}

#define run(r, ...) run_env (r, NULL, __VA_ARGS__, NULL)

/* Absolute, for the CLI started in another folder: on Windows a path such as
 * \work\tests (rooted, no drive) is on the current folder's drive, which is
 * not the same in the temporary folder. */
static char *
fixture_path (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), name, NULL);

#ifdef G_OS_WIN32
  if (G_IS_DIR_SEPARATOR (path[0]) && !G_IS_DIR_SEPARATOR (path[1]))
    {
      g_autofree char *cwd = g_get_current_dir ();

      if (g_ascii_isalpha (cwd[0]) && cwd[1] == ':')
        return g_strdup_printf ("%c:%s", cwd[0], path);
    }
#endif
  return g_canonicalize_filename (path, NULL);
}

static char *
read_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

static void
test_new_set_get (void)
{
  g_auto(Result) r = { 0, };
  g_auto(Result) r2 = { 0, };
  g_auto(Result) r3 = { 0, };
  g_auto(Result) r4 = { 0, };
  g_auto(Result) r5 = { 0, };

  run (&r, "new", "--year", "2024", "--agency", "温县交通运输局", "-o", "温县交通运输局2024.nianbao");
  g_assert_cmpint (r.status, ==, 0);
  run (&r2, "get", "温县交通运输局2024.nianbao", "format");
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_cmpstr (r2.out, ==, "2021\n");   /* the format follows the year */

  run (&r3, "set", "温县交通运输局2024.nianbao", "requests/new/natural=3", "requests/new/legal=４",
       "active/fee/amount=18651.060", "date=2025-01-20", "agency=温县交通运输局（港航中心）");
  g_assert_cmpint (r3.status, ==, 0);
  run (&r4, "get", "温县交通运输局2024.nianbao", "requests/new/total");
  g_assert_cmpstr (r4.out, ==, "7\n");
  run (&r5, "get", "温县交通运输局2024.nianbao", "active/fee/amount");
  g_assert_cmpstr (r5.out, ==, "18651.060\n");
}

/* An imported report keeps its printed totals (the fixture prints 0 for
 * 一、本年新收's 总计); once the clerk enters the row's figures, the total
 * is theirs again, not the stale printed 0 (which cannot be set). */
static void
test_set_after_import (void)
{
  g_autofree char *fixture = fixture_path ("wenxian-transport-2020.txt");
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, };

  run (&a, "import", fixture, "-o", "导入后修改.nianbao");
  g_assert_cmpint (a.status, ==, 0);
  run (&b, "set", "导入后修改.nianbao", "requests/new/natural=10", "requests/new/legal=3",
       "requests/open/natural=4");
  g_assert_cmpint (b.status, ==, 0);
  run (&c, "get", "导入后修改.nianbao", "requests/new/total");
  g_assert_cmpstr (c.out, ==, "13\n");
  run (&d, "get", "导入后修改.nianbao", "requests/results_total/total");
  g_assert_cmpstr (d.out, ==, "4\n");
  /* A total over untouched figures keeps what was printed. */
  run (&e, "get", "导入后修改.nianbao", "requests/carried_in/total");
  g_assert_cmpstr (e.out, ==, "0\n");
}

/* import -o does not replace a document already there (as new does not),
 * unless given --force. */
static void
test_import_keeps_existing (void)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.txt", NULL);
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, };

  run (&a, "new", "--year", "2024", "--agency", "本局", "-o", "本局自己的.nianbao");
  g_assert_cmpint (a.status, ==, 0);
  run (&b, "import", fixture, "-o", "本局自己的.nianbao");
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "--force"));
  run (&c, "get", "本局自己的.nianbao", "agency");
  g_assert_cmpstr (c.out, ==, "本局\n");
  run (&d, "import", "--force", fixture, "-o", "本局自己的.nianbao");
  g_assert_cmpint (d.status, ==, 0);
  run (&e, "get", "本局自己的.nianbao", "agency");
  g_assert_cmpstr (e.out, ==, "温县交通运输局\n");
}

static void
test_new_2019_and_usage (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, }, f = { 0, };

  run (&a, "new", "--year", "2020", "--agency", "某局", "-o", "某局2020.nianbao");
  g_assert_cmpint (a.status, ==, 0);
  run (&b, "get", "某局2020.nianbao", "format");
  g_assert_cmpstr (b.out, ==, "2019\n");
  /* Existing files are not overwritten by accident. */
  run (&c, "new", "--year", "2020", "--agency", "某局", "-o", "某局2020.nianbao");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "--force"));
  run (&d, "new", "--agency", "某局", "-o", "x.nianbao");
  g_assert_cmpint (d.status, ==, 2);
  run (&e, "frobnicate");
  g_assert_cmpint (e.status, ==, 2);
  run (&f, "get", "没有这个文件.nianbao", "year");
  g_assert_cmpint (f.status, ==, 2);
  g_assert_nonnull (strstr (f.err, "没有这个文件.nianbao"));
}

static void
test_refused_set (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, };
  g_autofree char *before = NULL, *after = NULL, *after2 = NULL;

  run (&a, "new", "--year", "2024", "--agency", "某局", "-o", "refuse.nianbao");
  before = read_file ("refuse.nianbao");
  /* The first value is good, the second is not: nothing changes. */
  run (&b, "set", "refuse.nianbao", "requests/new/natural=3", "requests/new/legal=-1");
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "requests/new/legal"));
  after = read_file ("refuse.nianbao");
  g_assert_cmpstr (before, ==, after);

  run (&c, "set", "refuse.nianbao", "requests/new/total=3");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "computed"));
  after2 = read_file ("refuse.nianbao");
  g_assert_cmpstr (before, ==, after2);
}

static void
test_text_from_file (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, };
  g_autofree char *path = g_build_filename (tmpdir, "总体情况.txt", NULL);

  g_assert_true (g_file_set_contents (path, "本报告所列数据统计期限为2024年1月1日至2024年12月31日。\n", -1, NULL));
  run (&a, "new", "--year", "2024", "--agency", "某局", "-o", "text.nianbao");
  run (&b, "set", "text.nianbao", "text/overview=@总体情况.txt");
  g_assert_cmpint (b.status, ==, 0);
  run (&c, "get", "text.nianbao", "text/overview");
  g_assert_cmpstr (c.out, ==, "本报告所列数据统计期限为2024年1月1日至2024年12月31日。\n");
}

static void
test_dump (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  run (&a, "new", "--year", "2020", "--agency", "某局", "-o", "dump.nianbao");
  run (&b, "set", "dump.nianbao", "active/procurement/amount=793.9397", "requests/open/other=2");
  run (&c, "dump", "dump.nianbao");
  g_assert_cmpint (c.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, c.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "active/procurement/amount"), ==, "793.9397");
  g_assert_cmpint (json_object_get_int_member (o, "requests/results_total/total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (o, "year"), ==, 2020);
  g_assert_true (json_object_has_member (o, "review/count/after_total"));
}

static void
test_check (void)
{
  g_autofree char *fixture = fixture_path ("wenxian-transport-2020.nianbao");
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *problems;
  gboolean found = FALSE;

  run (&a, "check", fixture);
  g_assert_cmpint (a.status, ==, 0);
  /* The published report carries no date, states no statistics period and
   * its 五 uses half-width commas in two paragraphs: warnings, no error. */
  g_assert_true (g_str_has_suffix (a.out, "0 errors, 4 warnings\n"));
  g_assert_nonnull (strstr (a.out, "warning text.period_missing: "));
  g_assert_nonnull (strstr (a.out, "warning text.punctuation: "));
  g_assert_nonnull (strstr (a.out, "warning publish.deadline: 尚未填写成文日期"));

  run (&b, "new", "--year", "2024", "--agency", "某局", "-o", "check.nianbao");
  run (&c, "set", "check.nianbao", "requests/new/research=5", "requests/carried_in/research=1",
       "requests/open/research=4", "requests/carried_out/research=1");
  run (&d, "check", "check.nianbao");
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.out, "error requests.balance: 第（三）列“科研机构”：一、本年新收(5) + 二、上年结转(1) = 6，"
                                   "但 三、办理结果总计(4) + 四、结转下年度(1) = 5"));

  run (&e, "check", "check.nianbao", "--json");
  g_assert_cmpint (e.status, ==, 1);
  g_assert_true (json_parser_load_from_data (parser, e.out, -1, NULL));
  problems = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *p = json_array_get_object_element (problems, i);
      if (g_str_equal (json_object_get_string_member (p, "id"), "requests.balance"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (p, "severity"), ==, "error");
        }
    }
  g_assert_true (found);
}

static void
test_check_previous (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, };

  run (&a, "new", "--year", "2023", "--agency", "某局", "-o", "y2023.nianbao");
  run (&b, "set", "y2023.nianbao", "requests/new/natural=2", "requests/carried_out/natural=2");
  /* Started from last year's report, the carried requests come over. */
  {
    g_auto(Result) f = { 0, }, g = { 0, }, h = { 0, }, k = { 0, };

    run (&f, "new", "--year", "2024", "--from", "y2023.nianbao", "-o", "from2023.nianbao");
    g_assert_cmpint (f.status, ==, 0);
    run (&g, "get", "from2023.nianbao", "requests/carried_in/natural");
    g_assert_cmpstr (g_strstrip (g.out), ==, "2");
    run (&h, "get", "from2023.nianbao", "agency");
    g_assert_cmpstr (g_strstrip (h.out), ==, "某局");
    /* Not last year's: refused. */
    run (&k, "new", "--year", "2025", "--from", "y2023.nianbao", "-o", "from-wrong.nianbao");
    g_assert_cmpint (k.status, ==, 2);
  }
  run (&c, "new", "--year", "2024", "--agency", "某局", "-o", "y2024.nianbao");
  run (&d, "check", "y2024.nianbao", "--previous", "y2023.nianbao");
  g_assert_nonnull (strstr (d.out, "carry.requests"));
  run (&e, "check", "y2024.nianbao", "--previous", "nothing-here.nianbao");
  g_assert_cmpint (e.status, ==, 2);
  /* Another year's report is not taken as last year's (its figures were
   * held to this year's as if carried over one year). */
  {
    g_auto(Result) m = { 0, }, n = { 0, };

    run (&m, "new", "--year", "2022", "--agency", "某局", "-o", "y2022.nianbao");
    g_assert_cmpint (m.status, ==, 0);
    run (&n, "check", "y2024.nianbao", "--previous", "y2022.nianbao");
    g_assert_cmpint (n.status, ==, 2);
    g_assert_null (strstr (n.out, "carry."));
    g_assert_nonnull (strstr (n.err, "2023"));
  }
}

static void
test_chinese_messages (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, };

  if (!setlocale (LC_ALL, "zh_CN.UTF-8"))
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  setlocale (LC_ALL, "");
  run_env (&a, "zh_CN.UTF-8", "new", "--year", "2024", "--agency", "某局", "-o", "zh.nianbao", NULL);
  run_env (&b, "zh_CN.UTF-8", "set", "zh.nianbao", "requests/new/natural=-1", NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "负数"));
  run_env (&c, "zh_CN.UTF-8", "check", "zh.nianbao", NULL);
  g_assert_nonnull (strstr (c.out, "个错误"));

  /* Issue 13: a refused file says where and what, in Chinese. */
  {
    g_auto(Result) d = { 0, };
    g_autofree char *path = g_build_filename (tmpdir, "重复.nianbao", NULL);

    g_assert_true (g_file_set_contents (path, "{\n  \"nianbao\" : 1,\n  \"nianbao\" : 1\n}\n", -1, NULL));
    run_env (&d, "zh_CN.UTF-8", "check", "重复.nianbao", NULL);
    g_assert_cmpint (d.status, ==, 2);
    g_assert_nonnull (strstr (d.err, "第 3 行第 3 列，名称“nianbao”在同一对象中出现了两次"));
  }
}

static gboolean
starts_with_file (const char *name,
                  const char *magic)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &data, &length, NULL) &&
         length > strlen (magic) && memcmp (data, magic, strlen (magic)) == 0;
}

static void
test_export (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, }, f = { 0, }, g = { 0, };
  g_autofree char *fixture = fixture_path ("wenxian-transport-2020.nianbao");

  /* The fixture has no errors: both exports succeed with status 0. */
  run (&a, "export", fixture, "-o", "温县年报.xlsx");
  g_assert_cmpint (a.status, ==, 0);
  g_assert_true (starts_with_file ("温县年报.xlsx", "PK\x03\x04"));
  run (&b, "export", fixture, "-o", "温县年报.PDF");
  g_assert_cmpint (b.status, ==, 0);
  g_assert_true (starts_with_file ("温县年报.PDF", "%PDF-"));

  /* An unknown extension is bad usage; nothing is written. */
  run (&c, "export", fixture, "-o", "温县年报.odt");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, ".xlsx"));
  {
    g_autofree char *path = g_build_filename (tmpdir, "温县年报.odt", NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  run (&d, "export", fixture);
  g_assert_cmpint (d.status, ==, 2);

  /* A report with errors is exported, its errors listed, status 1. */
  run (&e, "new", "--year", "2024", "--agency", "某局", "-o", "bad.nianbao");
  run (&f, "set", "bad.nianbao", "requests/new/natural=5");
  run (&g, "export", "bad.nianbao", "-o", "bad.xlsx");
  g_assert_cmpint (g.status, ==, 1);
  g_assert_nonnull (strstr (g.err, "requests"));
  g_assert_true (starts_with_file ("bad.xlsx", "PK\x03\x04"));
}

/* Untouched is not zero: exporting warns about tables nobody filled in,
 * and a file keeps which cells were set. */
static void
test_export_untouched (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, };
  g_autofree char *fixture = fixture_path ("wenxian-transport-2020.nianbao");

  run (&a, "new", "--year", "2024", "--agency", "某局", "-o", "untouched.nianbao");
  /* 0 over the default 0 still says "we had none". */
  run (&b, "set", "untouched.nianbao", "requests/new/natural=0", "active/regulation/issued=1");
  g_assert_cmpint (b.status, ==, 0);
  run (&c, "export", "untouched.nianbao", "-o", "untouched.xlsx");
  g_assert_nonnull (strstr (c.err, "Nobody has filled in the table “四、政府信息公开行政复议、行政诉讼情况”"));
  g_assert_null (strstr (c.err, "三、收到和处理"));
  g_assert_null (strstr (c.err, "二、主动公开"));
  /* A file written before cells were tracked: everything counts as set. */
  run (&d, "export", fixture, "-o", "fixture.xlsx");
  g_assert_cmpint (d.status, ==, 0);
  g_assert_null (strstr (d.err, "Nobody"));
}

/* Issue 13: names that look like options or URIs, texts that begin with @. */
static void
test_odd_names_and_texts (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, }, e = { 0, }, f = { 0, }, g = { 0, };

  /* "v2:" is not a URI scheme here: it is part of the file name. */
  run (&a, "new", "--year", "2024", "--agency", "某局", "-o", "v2:报告.nianbao");
  g_assert_cmpint (a.status, ==, 0);
  run (&b, "set", "v2:报告.nianbao", "requests/new/natural=5");
  g_assert_cmpint (b.status, ==, 0);
  run (&c, "get", "v2:报告.nianbao", "requests/new/natural");
  g_assert_cmpstr (c.out, ==, "5\n");

  /* "--" ends the options: the file may begin with "-". */
  run (&d, "new", "--year", "2024", "--agency", "某局", "-o", "./-x.nianbao");
  g_assert_cmpint (d.status, ==, 0);
  run (&e, "check", "--", "-x.nianbao");
  g_assert_cmpint (e.status, !=, 2);
  g_assert_null (strstr (e.err, "usage"));

  /* "@@" stores a text that begins with "@". */
  run (&f, "set", "--", "-x.nianbao", "text/other=@@某某（微信公众号）", "signoff=@@局办公室");
  g_assert_cmpint (f.status, ==, 0);
  run (&g, "get", "--", "-x.nianbao", "text/other");
  g_assert_cmpstr (g.out, ==, "@某某（微信公众号）\n");
}

static void
test_export_targets (void)
{
  g_auto(Result) a = { 0, }, b = { 0, }, c = { 0, }, d = { 0, };
  g_autofree char *folder = g_build_filename (tmpdir, "导出.xlsx", NULL);
  g_autofree char *ro = g_build_filename (tmpdir, "只读.xlsx", NULL);
  g_autofree char *before = NULL, *after = NULL;

  run (&a, "new", "--year", "2024", "--agency", "某局", "-o", "export-targets.nianbao");
  g_assert_cmpint (a.status, ==, 0);

  /* Exporting onto a folder's name says so. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  run (&b, "export", "export-targets.nianbao", "-o", "导出.xlsx");
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "name of a folder"));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_rmdir (folder);

  /* A read-only target is refused without --force, replaced with it. */
  g_assert_true (g_file_set_contents (ro, "old", -1, NULL));
  g_assert_cmpint (g_chmod (ro, 0444), ==, 0);
  run (&c, "export", "export-targets.nianbao", "-o", "只读.xlsx");
  g_assert_cmpint (c.status, ==, 2);
  g_assert_nonnull (strstr (c.err, "read-only"));
  g_assert_nonnull (strstr (c.err, "--force"));
  before = read_file ("只读.xlsx");
  g_assert_cmpstr (before, ==, "old");
  run (&d, "export", "--force", "export-targets.nianbao", "-o", "只读.xlsx");
  g_assert_true (d.status == 0 || d.status == 1);
  g_assert_true (starts_with_file ("只读.xlsx", "PK\x03\x04"));
  {
    GStatBuf st;

    /* Replaced, and still read-only as it was. */
    g_assert_cmpint (g_stat (ro, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0444);
  }
  g_remove (ro);
}

/* --force replaces a read-only file in every format, the web page and the
 * Word file too (they once dropped the flag and refused it all the same);
 * a missing folder is said once, by the writer that knows it. */
static void
test_export_force_every_format (void)
{
  static const struct { const char *name, *magic; } targets[] = {
    { "只读.pdf", "%PDF-" },
    { "只读.html", "<!DOCTYPE html>" },
    { "只读.docx", "PK\x03\x04" },
  };
  g_auto(Result) a = { 0, };

  run (&a, "new", "--year", "2024", "--agency", "某局", "-o", "force-targets.nianbao");
  g_assert_cmpint (a.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_auto(Result) b = { 0, }, c = { 0, };
      g_autofree char *ro = g_build_filename (tmpdir, targets[i].name, NULL);
      g_autofree char *missing = g_strconcat ("没有的文件夹/", targets[i].name, NULL);
      GStatBuf st;

      g_assert_true (g_file_set_contents (ro, "old", -1, NULL));
      g_assert_cmpint (g_chmod (ro, 0444), ==, 0);
      run (&b, "export", "--force", "force-targets.nianbao", "-o", targets[i].name);
      g_assert_true (b.status == 0 || b.status == 1);
      g_assert_true (starts_with_file (targets[i].name, targets[i].magic));
      g_assert_cmpint (g_stat (ro, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0444);
      g_remove (ro);

      run (&c, "export", "force-targets.nianbao", "-o", missing);
      g_assert_cmpint (c.status, ==, 2);
      g_assert_nonnull (strstr (c.err, "does not exist"));
      /* Not "Could not export to “…”: Cannot write “…”": the name once. */
      g_assert_nonnull (strstr (c.err, targets[i].name));
      g_assert_null (strstr (strstr (c.err, targets[i].name) + 1, targets[i].name));
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nianbao-cli-测试-XXXXXX", NULL);
  g_test_add_func ("/cli/new-set-get", test_new_set_get);
  g_test_add_func ("/cli/new-2019-and-usage", test_new_2019_and_usage);
  g_test_add_func ("/cli/set-after-import", test_set_after_import);
  g_test_add_func ("/cli/import-keeps-existing", test_import_keeps_existing);
  g_test_add_func ("/cli/refused-set", test_refused_set);
  g_test_add_func ("/cli/text-from-file", test_text_from_file);
  g_test_add_func ("/cli/dump", test_dump);
  g_test_add_func ("/cli/check", test_check);
  g_test_add_func ("/cli/check-previous", test_check_previous);
  g_test_add_func ("/cli/chinese-messages", test_chinese_messages);
  g_test_add_func ("/cli/export", test_export);
  g_test_add_func ("/cli/export-untouched", test_export_untouched);
  g_test_add_func ("/cli/odd-names-and-texts", test_odd_names_and_texts);
  g_test_add_func ("/cli/export-targets", test_export_targets);
  g_test_add_func ("/cli/export-force-every-format", test_export_force_every_format);
  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmpdir);
    g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
    GFileInfo *info;
    while (e && (info = g_file_enumerator_next_file (e, NULL, NULL)))
      {
        g_autofree char *p = g_build_filename (tmpdir, g_file_info_get_name (info), NULL);
        g_remove (p);
        g_object_unref (info);
      }
    g_rmdir (tmpdir);
  }
  return status;
}
