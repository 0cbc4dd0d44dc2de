/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli aggregate end to end, on generated reports: the totals agree
 * with an independent computation (python3 + openpyxl reading the same
 * files, and LibreOffice recalculating the summary workbook); 300
 * procurement amounts with 4 decimals add up exactly; every bad input gets
 * its message and the rest are still totalled; the roster finds the
 * missing agency; the same agency twice counts once; --against lists the
 * differing figure; feedback documents; nothing is written over an input. */
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <xlsxwriter.h>

#include "nb-checker.h"
#include "nb-report-file.h"
#include "nb-test-gen.h"
#include "nb-xlsx-writer.h"

static char *tmpdir;

typedef struct
{
  char *out;
  char *err;
  int   status;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* nianbao-cli with the arguments (NULL-terminated), in @lang's locale. */
static void
run_env (Result     *r,
         const char *lang,
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
  /* Portable: the exit code, or a failure if the program was killed. */
  if (g_spawn_check_wait_status (wait_status, &error))
    r->status = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    r->status = error->code;
  else
    g_error ("nianbao-cli did not exit normally: %s", error->message);
}

#define run(r, ...) run_env (r, NULL, __VA_ARGS__, NULL)

static char *
path_in (const char *dir,
         const char *name)
{
  return g_build_filename (tmpdir, dir, name, NULL);
}

static char *
make_dir (const char *name)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

static void
save_report (NbReport   *r,
             const char *path)
{
  g_autoptr(GError) error = NULL;

  if (g_str_has_suffix (path, ".xlsx"))
    g_assert_true (nb_xlsx_write (r, path, &error));
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (nb_report_file_save (r, file, NULL, &error));
    }
  g_assert_no_error (error);
}

static void
set_mtime (const char *path,
           guint64     seconds)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, seconds,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
}

static gboolean
python_has_openpyxl (const char *python)
{
  const char *argv[] = { python, "-c", "import openpyxl", NULL };
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static const char *
find_python (void)
{
  static char *found = NULL;
  static gboolean searched = FALSE;

  if (!searched)
    {
      const char *candidates[] = { g_getenv ("NB_PYTHON"), "python3", "/usr/bin/python3" };

      searched = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (candidates) && !found; i++)
        {
          g_autofree char *path = candidates[i] ? g_find_program_in_path (candidates[i]) : NULL;

          if (path && python_has_openpyxl (path))
            found = g_steal_pointer (&path);
        }
    }
  return found;
}

/* The independent check; FALSE (and the test skipped) without openpyxl. */
static gboolean
python_check (const char *summary_doc,
              const char *summary_xlsx,
              GPtrArray  *counted,
              gboolean    with_libreoffice)
{
  const char *python = find_python ();
  g_autofree char *script = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "check-aggregate.py", NULL);
  g_autofree char *listing = g_build_filename (tmpdir, "counted.txt", NULL);
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *workdir = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!python)
    {
      g_test_skip ("python3 with openpyxl is not installed");
      return FALSE;
    }
  for (guint i = 0; i < counted->len; i++)
    g_string_append_printf (list, "%s\n", (const char *) g_ptr_array_index (counted, i));
  g_assert_true (g_file_set_contents (listing, list->str, -1, NULL));
  g_ptr_array_add (argv, (gpointer) python);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) summary_doc);
  g_ptr_array_add (argv, (gpointer) summary_xlsx);
  g_ptr_array_add (argv, listing);
  if (with_libreoffice && soffice)
    {
      workdir = make_dir ("lo");
      g_ptr_array_add (argv, (gpointer) "--libreoffice");
      g_ptr_array_add (argv, soffice);
      g_ptr_array_add (argv, workdir);
    }
  else if (with_libreoffice)
    g_test_message ("LibreOffice is not installed: its recalculation is not checked");
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-aggregate.py found disagreements:\n%s%s", out, err);
  g_assert_nonnull (strstr (out, " 0 disagreements"));
  return TRUE;
}

/* ---- totals ---- */

static void
test_totals (void)
{
  g_autofree char *dir = make_dir ("totals");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *doc = path_in (".", "totals.nianbao");
  g_autofree char *xlsx = path_in (".", "totals.xlsx");
  g_auto(Result) r1 = { 0 };
  g_auto(Result) r2 = { 0 };

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某区第%u局", i + 1);
      g_autoptr(NbReport) r = nb_test_gen_report ("2021", 2024, agency, 100 + i, i == 5);
      g_autofree char *name = g_strdup_printf ("%s.%s", agency, i % 4 == 3 ? "nianbao" : "xlsx");
      char *path = path_in ("totals", name);

      save_report (r, path);
      g_ptr_array_add (files, path);
    }
  run (&r1, "aggregate", dir, "-o", doc, "--name", "某区");
  g_assert_cmpint (r1.status, ==, 1);   /* the generated reports do not add up */
  g_assert_nonnull (strstr (r1.out, "24 of 24 files counted for 2024 (2021 format)"));
  run (&r2, "aggregate", dir, "-o", xlsx, "--name", "某区");
  g_assert_cmpint (r2.status, ==, 1);
  python_check (doc, xlsx, files, TRUE);
}

/* 300 amounts with 4 decimals: the exact sum, as integer units. */
static void
test_procurement (void)
{
  g_autofree char *dir = make_dir ("procurement");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *doc = path_in (".", "procurement.nianbao");
  g_autofree char *xlsx = path_in (".", "procurement.xlsx");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2020);
  g_autoptr(NbReport) sum = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r1 = { 0 };
  g_auto(Result) r2 = { 0 };
  gint64 units = 0;
  g_autofree char *want = NULL, *got = NULL;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某市采购单位%03u", i + 1);
      g_autoptr(NbReport) r = nb_test_gen_report ("2019", 2020, agency, 7000 + i, FALSE);
      g_autofree char *name = g_strdup_printf ("%03u.%s", i + 1, i % 5 ? "xlsx" : "nianbao");
      NbNumber amount;
      char *path = path_in ("procurement", name);

      /* 0.0001 to 99 999.9999 万元, always four places (“793.9397”). */
      amount.units = (gint64) g_rand_int_range (rand, 1, 1000000000);
      amount.places = 4;
      amount.blank = FALSE;
      units += amount.units;
      g_assert_true (nb_report_set_value (r, "active/procurement/amount", &amount, NULL));
      save_report (r, path);
      g_ptr_array_add (files, path);
    }
  run (&r1, "aggregate", dir, "-o", doc);
  g_assert_nonnull (strstr (r1.out, "300 of 300 files counted for 2020 (2019 format)"));
  file = g_file_new_for_path (doc);
  sum = nb_report_file_load (file, NULL, &error);
  g_assert_no_error (error);
  want = g_strdup_printf ("%" G_GINT64_FORMAT ".%04" G_GINT64_FORMAT, units / 10000, units % 10000);
  got = nb_report_dup_field (sum, "active/procurement/amount", NULL);
  g_assert_cmpstr (got, ==, want);
  run (&r2, "aggregate", dir, "-o", xlsx);
  g_assert_cmpint (r2.status, ==, 1);
  python_check (doc, xlsx, files, FALSE);
}

/* ---- bad input, roster, duplicates, another year or format ---- */

static void
write_bytes (const char *path,
             const char *data,
             gssize      len)
{
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
test_bad_input (void)
{
  g_autofree char *dir = make_dir ("mixed");
  g_autoptr(GPtrArray) counted = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *roster = path_in (".", "名单.txt");
  g_autofree char *doc = path_in (".", "mixed.nianbao");
  g_autofree char *xlsx = path_in (".", "mixed.xlsx");
  g_autofree char *good = NULL, *contents = NULL;
  gsize length;
  g_auto(Result) r = { 0 };
  g_auto(Result) zh = { 0 };
  g_auto(Result) x = { 0 };

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某县第%u局", i + 1);
      g_autoptr(NbReport) rep = nb_test_gen_report ("2021", 2024, agency, 300 + i, FALSE);
      g_autofree char *name = g_strdup_printf ("%u-%s.%s", i + 1, agency, i == 2 ? "nianbao" : "xlsx");
      char *path = path_in ("mixed", name);

      save_report (rep, path);
      if (i == 1)
        {
          /* 某县第2局 sends again, a newer report: that one counts. */
          g_autoptr(NbReport) again = nb_test_gen_report ("2021", 2024, agency, 999, FALSE);
          char *newer = path_in ("mixed", "7-某县第2局-修改后.xlsx");

          save_report (again, newer);
          set_mtime (path, 1700000000);
          set_mtime (newer, 1700090000);
          g_ptr_array_add (counted, newer);
          g_free (path);
          continue;
        }
      g_ptr_array_add (counted, path);
    }
  good = g_strdup (g_ptr_array_index (counted, 0));
  {
    g_autoptr(NbReport) last_year = nb_test_gen_report ("2021", 2023, "某县第8局", 5, FALSE);
    g_autoptr(NbReport) old_format = nb_test_gen_report ("2019", 2024, "某县第9局", 6, FALSE);
    g_autofree char *p1 = path_in ("mixed", "8-上年.xlsx");
    g_autofree char *p2 = path_in ("mixed", "9-旧格式.nianbao");

    save_report (last_year, p1);
    save_report (old_format, p2);
  }
  {
    g_autofree char *empty = path_in ("mixed", "a-空.xlsx");
    g_autofree char *cut = path_in ("mixed", "b-截断.xlsx");
    g_autofree char *text = path_in ("mixed", "c-文本.xlsx");
    g_autofree char *json = path_in ("mixed", "d-坏文档.nianbao");
    g_autofree char *locked = path_in ("mixed", "e-加密.xlsx");
    g_autofree char *lockfile = path_in ("mixed", "~$1-某县第1局.xlsx");
    g_autoptr(GError) error = NULL;

    write_bytes (empty, "", 0);
    g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
    write_bytes (cut, contents, (gssize) length / 3);
    write_bytes (text, "单位,年度\n某局,2024\n", -1);
    write_bytes (json, "{\"nianbao\": 1, \"format\": \"2021\"", -1);
    write_bytes (lockfile, "lock", -1);   /* an Office lock file: not a report */
    {
      /* 某县第11局 sent a file that cannot be read: it sent one, it must
       * send it again (not "has not sent a report"). */
      g_autofree char *broken = path_in ("mixed", "f-某县第11局.nianbao");

      write_bytes (broken, contents, (gssize) length / 4);
    }
    {
      GsfOutput *out = gsf_output_stdio_new (locked, &error);
      GsfOutfile *ole = gsf_outfile_msole_new (out);
      GsfOutput *child = gsf_outfile_new_child (ole, "EncryptedPackage", FALSE);

      gsf_output_write (child, 8, (const guint8 *) "01234567");
      gsf_output_close (child);
      g_object_unref (child);
      gsf_output_close (GSF_OUTPUT (ole));
      g_object_unref (ole);
      g_object_unref (out);
    }
  }
  write_bytes (roster, "单位名称\n某县第1局\n某县第2局\n 某县第3局 \n某县第4局\n某县第5局\n某县第6局\n某县第10局\n某县第11局\n", -1);

  run (&r, "aggregate", dir, "-o", doc, "--roster", roster, "--year", "2024");
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 1);
  /* Each bad file is named with its own reason. */
  g_assert_nonnull (strstr (r.out, "“a-空.xlsx”: the file is empty"));
  g_assert_nonnull (strstr (r.out, "“b-截断.xlsx”: the workbook is damaged"));
  g_assert_nonnull (strstr (r.out, "“c-文本.xlsx”: this is neither a nianbao document"));
  g_assert_nonnull (strstr (r.out, "“d-坏文档.nianbao”: "));
  g_assert_nonnull (strstr (r.out, "“e-加密.xlsx”: the workbook is protected with a password"));
  g_assert_null (strstr (r.out, "~$"));
  g_assert_nonnull (strstr (r.out, "The report is for 2023, the summary for 2024: not counted"));
  g_assert_nonnull (strstr (r.out, "The report uses the 2019 format, the other reports of 2024 the 2021 format"));
  g_assert_nonnull (strstr (r.out, "某县第2局 sent a newer report, “7-某县第2局-修改后.xlsx”"));
  g_assert_nonnull (strstr (r.out, "某县第2局 sent two reports: this newer one is counted, “2-某县第2局.xlsx” is not"));
  /* The roster: 第10局 is missing; 第8局 and 第9局 are not on it. */
  g_assert_nonnull (strstr (r.out, "某县第10局 has not sent a report"));
  g_assert_nonnull (strstr (r.out, "某县第8局 is not on the roster"));
  g_assert_null (strstr (r.out, "某县第3局 has not sent"));
  g_assert_null (strstr (r.out, "某县第11局 has not sent"));
  g_assert_nonnull (strstr (r.out, "By its name this is 某县第11局’s report: it cannot be read, ask for it again"));
  g_assert_nonnull (strstr (r.out, "6 of 15 files counted for 2024 (2021 format); 6 with errors, 6 unreadable, "
                                   "3 not counted, 1 missing"));

  /* The same in Chinese. */
  run_env (&zh, "zh_CN.UTF-8", "aggregate", dir, "-o", doc, "--roster", roster, NULL);
  g_assert_nonnull (strstr (zh.out, "“a-空.xlsx”：文件是空的"));
  g_assert_nonnull (strstr (zh.out, "某县第10局尚未报送年度报告"));

  /* The totals are those of the six counted reports. */
  run (&x, "aggregate", dir, "-o", xlsx, "--roster", roster);
  python_check (doc, xlsx, counted, FALSE);
}

/* A roster in a workbook's first column, under a heading. */
static void
test_roster_workbook (void)
{
  g_autofree char *dir = make_dir ("roster-xlsx");
  g_autofree char *roster = path_in (".", "名单.xlsx");
  g_autofree char *doc = path_in (".", "roster.nianbao");
  lxw_workbook *wb = workbook_new (roster);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "名单");
  g_auto(Result) r = { 0 };

  worksheet_write_string (ws, 0, 0, "单位名称", NULL);
  worksheet_write_string (ws, 0, 1, "联系人", NULL);
  worksheet_write_string (ws, 1, 0, "某乡人民政府", NULL);
  worksheet_write_string (ws, 2, 0, "某乡卫生院", NULL);
  worksheet_write_string (ws, 1, 1, "张三", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  {
    g_autoptr(NbReport) rep = nb_test_gen_report ("2021", 2024, "某乡人民政府", 1, FALSE);
    g_autofree char *path = path_in ("roster-xlsx", "a.xlsx");

    save_report (rep, path);
  }
  run (&r, "aggregate", dir, "-o", doc, "--roster", roster);
  g_test_message ("%s", r.out);
  g_assert_nonnull (strstr (r.out, "某乡卫生院 has not sent a report"));
  g_assert_null (strstr (r.out, "单位名称"));
  g_assert_null (strstr (r.out, "张三"));
  g_assert_null (strstr (r.out, "某乡人民政府 is not on the roster"));
}

/* ---- the area's own report ---- */

static void
test_against (void)
{
  g_autofree char *dir = make_dir ("against");
  g_autofree char *sum = path_in (".", "against-sum.nianbao");
  g_autofree char *area = path_in (".", "area.nianbao");
  g_autoptr(NbReport) summary = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r1 = { 0 };
  g_auto(Result) r2 = { 0 };
  g_auto(Result) r3 = { 0 };
  g_autofree char *v = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.xlsx", i);
      g_autofree char *agency = g_strdup_printf ("某镇%u", i);
      g_autofree char *path = path_in ("against", name);
      g_autoptr(NbReport) r = nb_test_gen_report ("2021", 2024, agency, 40 + i, FALSE);

      save_report (r, path);
    }
  run (&r1, "aggregate", dir, "-o", sum, "--name", "某县");
  file = g_file_new_for_path (sum);
  summary = nb_report_file_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb_report_get_agency (summary), ==, "某县");
  /* The area publishes one figure wrong. */
  v = nb_report_dup_field (summary, "requests/new/natural", NULL);
  {
    g_autofree char *wrong = g_strdup_printf ("%d", atoi (v) + 1);

    g_assert_true (nb_report_set_field (summary, "requests/new/natural", wrong, NULL));
  }
  save_report (summary, area);
  run (&r2, "aggregate", dir, "-o", sum, "--against", area);
  g_test_message ("%s", r2.out);
  g_assert_cmpint (r2.status, ==, 1);
  g_assert_nonnull (strstr (r2.out, "(requests/new/natural): the area's report says"));
  /* The row total differs too; nothing else. */
  g_assert_nonnull (strstr (r2.out, "(requests/new/total)"));
  {
    guint n = 0;

    for (const char *p = r2.out; (p = strstr (p, "difference: ")); p++)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }

  /* Nothing is written over an input. */
  {
    g_autofree char *input = path_in ("against", "0.xlsx");
    g_autofree char *before = NULL, *after = NULL;
    gsize l1, l2;

    g_assert_true (g_file_get_contents (input, &before, &l1, NULL));
    run (&r3, "aggregate", dir, "-o", input);
    g_assert_cmpint (r3.status, ==, 2);
    g_assert_nonnull (strstr (r3.err, "is one of the reports read"));
    g_assert_true (g_file_get_contents (input, &after, &l2, NULL));
    g_assert_cmpmem (before, l1, after, l2);
  }
}

/* ---- feedback ---- */

static void
test_feedback (void)
{
  g_autofree char *dir = make_dir ("fb-in");
  g_autofree char *out = path_in (".", "fb-out");
  g_autofree char *sum = path_in (".", "fb.nianbao");
  g_autofree char *txt = NULL, *pdf = NULL, *text = NULL, *clean = NULL;
  g_autoptr(NbReport) bad = nb_test_gen_report ("2021", 2024, "某县统计局", 77, FALSE);
  g_autoptr(NbReport) ok = nb_report_new (nb_format_get ("2021", NULL), 2024, "某县档案局");
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *p1 = path_in ("fb-in", "统计局.xlsx");
  g_autofree char *p2 = path_in ("fb-in", "档案局.nianbao");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_auto(Result) r = { 0 };

  /* 五 with half-width commas: the check's words say 本段 (this paragraph). */
  g_assert_true (nb_report_set_text (ok, "problems", "我局政务公开工作还存在差距,主要是宣传不够,知晓率不高。", NULL));
  save_report (bad, p1);
  save_report (ok, p2);
  run_env (&r, "zh_CN.UTF-8", "aggregate", dir, "-o", sum, "--name", "某县政务公开办", "--feedback", out, NULL);
  g_test_message ("%s%s", r.out, r.err);
  txt = path_in ("fb-out", "某县统计局-反馈意见.txt");
  pdf = path_in ("fb-out", "某县统计局-反馈意见.pdf");
  g_assert_true (g_file_get_contents (txt, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "关于某县统计局2024年政府信息公开工作年度报告的反馈意见\n"));
  g_assert_nonnull (strstr (text, "（文件“统计局.xlsx”）"));
  g_assert_nonnull (strstr (text, "需要改正的错误"));
  g_assert_nonnull (strstr (text, "某县政务公开办\n"));
  /* Every error of the report is in it, in its own words. */
  problems = nb_check_report (bad, NULL);
  g_assert_cmpuint (problems->len, >, 0);
  for (guint i = 0; i < problems->len; i++)
    g_assert_nonnull (strstr (text, nb_problem_get_message (g_ptr_array_index (problems, i))));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  if (pdftotext)
    {
      const char *argv[] = { pdftotext, pdf, "-", NULL };
      g_autofree char *pdf_text = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &pdf_text, NULL,
                                   &status, NULL));
      g_assert_nonnull (strstr (pdf_text, "某县统计局"));
      g_assert_nonnull (strstr (pdf_text, "需要改正的错误"));
      /* The title broken after the agency and year, as the report's is. */
      g_assert_true (g_str_has_prefix (pdf_text, "关于某县统计局2024年\n政府信息公开工作年度报告的反馈意见\n"));
    }
  if (pdftotext)
    {
      /* Set as the report is, in 3号 (16 pt): the greeting line measured
       * (it was 21 pt, points taken at 96 dpi). */
      const char *argv[] = { pdftotext, "-bbox", pdf, "-", NULL };
      g_autofree char *bbox = NULL;
      g_autoptr(GRegex) word = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" "
                                            "xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">某县统计局：</word>",
                                            0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &bbox, NULL,
                                   &status, NULL));
      g_assert_true (g_regex_match (word, bbox, 0, &match));
      {
        g_autofree char *x0 = g_match_info_fetch (match, 1);
        g_autofree char *x1 = g_match_info_fetch (match, 2);
        double advance = (g_ascii_strtod (x1, NULL) - g_ascii_strtod (x0, NULL)) / 6;

        g_test_message ("feedback body: %.2f pt a character", advance);
        g_assert_cmpfloat_with_epsilon (advance, 16.0, 0.5);
      }
    }
  /* A report with only warnings still gets its list; count what it got. */
  clean = path_in ("fb-out", "某县档案局-反馈意见.txt");
  {
    g_autoptr(GPtrArray) p = nb_check_report (ok, NULL);

    g_assert_cmpint (g_file_test (clean, G_FILE_TEST_EXISTS), ==, p->len > 0);
  }
  /* A problem about a section's words says which section: the agency reads
   * the letter without the window that shows it in place. */
  {
    g_autofree char *letter = NULL;

    g_assert_true (g_file_get_contents (clean, &letter, NULL, NULL));
    g_test_message ("%s", letter);
    g_assert_nonnull (strstr (letter, "“五、存在的主要问题及改进情况”：本段有"));
    /* one that names its section already is not named twice */
    g_assert_null (strstr (letter, "“一、总体情况”：“一、总体情况”"));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("nb-aggregate-XXXXXX", NULL);
  g_test_add_func ("/aggregate/totals", test_totals);
  g_test_add_func ("/aggregate/procurement-300", test_procurement);
  g_test_add_func ("/aggregate/bad-input", test_bad_input);
  g_test_add_func ("/aggregate/roster-workbook", test_roster_workbook);
  g_test_add_func ("/aggregate/against", test_against);
  g_test_add_func ("/aggregate/feedback", test_feedback);
  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
      (void) !system (cmd);
    }
  return status;
}
