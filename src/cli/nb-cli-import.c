/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nianbao-cli import — published reports (text, web page, Word, PDF) read into documents,
 * one at a time (-o) or many at once, checked (--check: the evaluator's job) */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#ifdef G_OS_WIN32
#include <windows.h>
#endif
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "nb-checker.h"
#include "nb-cli-common.h"
#include "nb-import.h"
#include "nb-safe-write.h"
#include "nb-xlsx-reader.h"

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      g_print ("%s %s: %s\n",
               nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? _("error") : _("warning"),
               nb_problem_get_id (p), nb_problem_get_message (p));
    }
}

/* The published headings' problems (misnumbered, reworded, missing) with the checks'. */
static void
add_heading_problems (NbReport  *report,
                      GPtrArray *problems)
{
  g_autoptr(GPtrArray) headings = nb_import_check_headings (report, NULL);

  for (guint i = 0; i < headings->len; i++)
    g_ptr_array_add (problems, g_object_ref (g_ptr_array_index (headings, i)));
}

static int
import_one (const char *path,
            const char *output)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbImport) import = nb_import_file (file, NULL, &error);
  g_autoptr(GPtrArray) problems = NULL;
  guint n_errors, n_warnings;

  if (!import)
    {
      nb_cli_error ("%s: %s", path, error->message);
      return NB_CLI_USAGE;
    }
  for (guint i = 0; i < import->warnings->len; i++)
    g_print ("%s %s\n", _("import:"), (char *) g_ptr_array_index (import->warnings, i));
  for (guint i = 0; i < import->tables->len; i++)
    {
      NbImportTable *t = &g_array_index (import->tables, NbImportTable, i);
      g_print (_("%s: %u of %u cells read (%u printed blank)\n"), t->title, t->read, t->cells, t->blank);
    }

  problems = nb_check_report (import->report, NULL);
  add_heading_problems (import->report, problems);
  print_problems (problems);
  n_errors = nb_problems_count (problems, NB_SEVERITY_ERROR);
  n_warnings = nb_problems_count (problems, NB_SEVERITY_WARNING);
  g_print (_("%s %d, format %s: %u errors, %u warnings, %u import warnings\n"),
           nb_report_get_agency (import->report), nb_report_get_year (import->report),
           nb_format_get_version (nb_report_get_format (import->report)),
           n_errors, n_warnings, import->warnings->len);

  if (!nb_cli_save (import->report, output))
    return NB_CLI_USAGE;
  return n_errors ? NB_CLI_REPORT_ERRORS : NB_CLI_OK;
}

/* ---- many at once ---- */

typedef struct
{
  char    *path;
  char    *error;     /* unreadable: why */
  char    *agency;
  int      year;
  char    *format;
  guint    read, cells;
  guint    errors, warnings, import_warnings;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;
  g_free (row->path);
  g_free (row->error);
  g_free (row->agency);
  g_free (row->format);
  g_free (row);
}

static gboolean
importable (const char *name)
{
  static const char *const ext[] = { ".txt", ".text", ".html", ".htm", ".shtml", ".docx", ".pdf", NULL };
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; ext[i]; i++)
    if (g_str_has_suffix (lower, ext[i]))
      return TRUE;
  return FALSE;
}

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
#ifdef G_OS_WIN32
  /* g_utf8_collate goes through the C library's code page there, which
   * cannot hold a Chinese name unless the system's is Chinese (such names
   * then sorted last): Windows' own comparison of the UTF-16 names. */
  g_autofree gunichar2 *wa = g_utf8_to_utf16 (*(const char **) a, -1, NULL, NULL, NULL);
  g_autofree gunichar2 *wb = g_utf8_to_utf16 (*(const char **) b, -1, NULL, NULL, NULL);
  int order = wa && wb ? CompareStringW (LOCALE_USER_DEFAULT, 0, (const wchar_t *) wa, -1,
                                         (const wchar_t *) wb, -1) : 0;

  if (order != 0)
    return order - CSTR_EQUAL;
#endif
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* The files of a folder (and its subfolders) that import reads, sorted. */
static void
list_folder (GFile     *folder,
             GPtrArray *paths)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (folder,
                                                            G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  GFileInfo *info;

  if (!e)
    return;
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)))
    {
      g_autoptr(GFile) child = g_file_get_child (folder, g_file_info_get_name (info));
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (folders, g_file_get_path (child));
      else if (importable (g_file_info_get_name (info)))
        g_ptr_array_add (found, g_file_get_path (child));
      g_object_unref (info);
    }
  /* The folder's own files, then its subfolders', each sorted by name. */
  g_ptr_array_sort (found, compare_paths);
  g_ptr_array_sort (folders, compare_paths);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (paths, g_strdup (g_ptr_array_index (found, i)));
  for (guint i = 0; i < folders->len; i++)
    {
      g_autoptr(GFile) sub = g_file_new_for_path (g_ptr_array_index (folders, i));
      list_folder (sub, paths);
    }
}

/* @checkers: format → NbChecker of this thread (the shared ones are the
 * main thread's). */
static Row *
check_one (const char *path,
           GHashTable *checkers)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbImport) import = nb_import_file (file, NULL, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  NbFormat *format;
  NbChecker *checker;
  Row *row = g_new0 (Row, 1);

  row->path = g_strdup (path);
  if (!import)
    {
      row->error = g_strdup (error->message);
      return row;
    }
  format = nb_report_get_format (import->report);
  if (!(checker = g_hash_table_lookup (checkers, format)) && (checker = nb_checker_new (format, NULL)))
    g_hash_table_insert (checkers, format, checker);
  problems = checker ? nb_checker_run (checker, import->report, NULL)
                     : g_ptr_array_new_with_free_func (g_object_unref);
  headings = nb_import_check_headings (import->report, checker);
  row->agency = g_strdup (nb_report_get_agency (import->report));
  row->year = nb_report_get_year (import->report);
  row->format = g_strdup (nb_format_get_version (nb_report_get_format (import->report)));
  row->read = import->read;
  row->cells = import->cells;
  row->errors = nb_problems_count (problems, NB_SEVERITY_ERROR) + nb_problems_count (headings, NB_SEVERITY_ERROR);
  row->warnings = nb_problems_count (problems, NB_SEVERITY_WARNING) +
                  nb_problems_count (headings, NB_SEVERITY_WARNING);
  row->import_warnings = import->warnings->len;
  return row;
}

/* ---- several reports read by several threads, printed in order ---- */

typedef struct
{
  GMutex     lock;
  GCond      cond;
  GPtrArray *paths;
  Row      **rows;    /* filled by the threads, in any order */
  guint      next;    /* the next file a thread takes */
} Pool;

static gpointer
pool_thread (gpointer data)
{
  Pool *pool = data;
  g_autoptr(GHashTable) checkers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  for (;;)
    {
      guint i;
      Row *row;

      g_mutex_lock (&pool->lock);
      i = pool->next < pool->paths->len ? pool->next++ : G_MAXUINT;
      g_mutex_unlock (&pool->lock);
      if (i == G_MAXUINT)
        break;
      row = check_one (g_ptr_array_index (pool->paths, i), checkers);
      g_mutex_lock (&pool->lock);
      pool->rows[i] = row;
      g_cond_broadcast (&pool->cond);
      g_mutex_unlock (&pool->lock);
    }
  return NULL;
}

/* What the threads share is made once, here: the formats, libgsf's types
 * and libxml2 (nb_xlsx_reader_init_threads), and the regular expressions
 * of the importer and the checks, which GRegex finishes compiling on their
 * first match — by importing and checking a small report in each format. */
static void
warm_up (void)
{
  static const char sample[] =
    "温县交通运输局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n"
    "本报告所列数据统计期限为2023年1月1日至2023年12月31日。共收到申请3件。\n\n"
    "五、存在问题及改进情况\n\n一是宣传不够。\n\n六、其他需要报告的事项\n\n"
    "发出收费通知书1件，金额共计100元，实际收取0元。\n\n温县交通运输局\n二〇二四年一月二十日\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (sample, sizeof sample - 1);
  g_autoptr(NbImport) import = NULL;

  nb_xlsx_reader_init_threads ();
  import = nb_import_bytes (bytes, "warm-up.txt", NULL);
  for (const char *const *v = nb_format_list_versions (); *v; v++)
    {
      NbFormat *format = nb_format_get (*v, NULL);
      g_autoptr(NbChecker) checker = format ? nb_checker_new (format, NULL) : NULL;

      if (!checker)
        continue;
      nb_checker_warm_up (checker);
      if (import && nb_report_get_format (import->report) == format)
        g_ptr_array_unref (nb_checker_run (checker, import->report, NULL));
    }
}

/* Rows for @paths, in order; @on_row is called for each as soon as it and
 * every one before it is read. A few files take one thread; more take one
 * per processor (at most 4). */
static void
check_paths (GPtrArray *paths,
             void     (*on_row) (Row *row, guint i, guint n, gpointer data),
             gpointer   data)
{
  guint n_threads = paths->len < 8 ? 1 : CLAMP (g_get_num_processors (), 1, 4);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Pool pool = { 0 };

  if (n_threads == 1)
    {
      g_autoptr(GHashTable) checkers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
      for (guint i = 0; i < paths->len; i++)
        on_row (check_one (g_ptr_array_index (paths, i), checkers), i, paths->len, data);
      return;
    }
  warm_up ();
  g_mutex_init (&pool.lock);
  g_cond_init (&pool.cond);
  pool.paths = paths;
  pool.rows = g_new0 (Row *, paths->len);
  for (guint t = 0; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("nb-import-check", pool_thread, &pool));
  for (guint i = 0; i < paths->len; i++)
    {
      Row *row;

      g_mutex_lock (&pool.lock);
      while (!pool.rows[i])
        g_cond_wait (&pool.cond, &pool.lock);
      row = pool.rows[i];
      g_mutex_unlock (&pool.lock);
      on_row (row, i, paths->len, data);
    }
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  g_free (pool.rows);
  g_mutex_clear (&pool.lock);
  g_cond_clear (&pool.cond);
}

static void
print_json (GPtrArray *rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, row->path);
      if (row->error)
        {
          json_builder_set_member_name (b, "error");
          json_builder_add_string_value (b, row->error);
        }
      else
        {
          json_builder_set_member_name (b, "agency");
          json_builder_add_string_value (b, row->agency);
          json_builder_set_member_name (b, "year");
          json_builder_add_int_value (b, row->year);
          json_builder_set_member_name (b, "format");
          json_builder_add_string_value (b, row->format);
          json_builder_set_member_name (b, "cells_read");
          json_builder_add_int_value (b, row->read);
          json_builder_set_member_name (b, "cells");
          json_builder_add_int_value (b, row->cells);
          json_builder_set_member_name (b, "errors");
          json_builder_add_int_value (b, row->errors);
          json_builder_set_member_name (b, "warnings");
          json_builder_add_int_value (b, row->warnings);
          json_builder_set_member_name (b, "import_warnings");
          json_builder_add_int_value (b, row->import_warnings);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  nb_cli_print_json (b);
}

static void
csv_field (GString    *s,
           const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append (s, "\",");
}

static gboolean
write_csv (GPtrArray  *rows,
           const char *path)
{
  g_autoptr(GString) s = g_string_new ("\xEF\xBB\xBF");   /* so spreadsheets take it as UTF-8 */
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  const char *headers[] = { N_("file"), N_("agency"), N_("year"), N_("format"), N_("cells read"),
                            N_("cells in the format"), N_("errors"), N_("warnings"),
                            N_("import warnings"), N_("unreadable") };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    csv_field (s, _(headers[i]));
  s->str[s->len - 1] = '\n';
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *year = row->error ? g_strdup ("") : g_strdup_printf ("%d", row->year);
      g_autofree char *read = row->error ? g_strdup ("") : g_strdup_printf ("%u", row->read);
      g_autofree char *cells = row->error ? g_strdup ("") : g_strdup_printf ("%u", row->cells);
      g_autofree char *errors = row->error ? g_strdup ("") : g_strdup_printf ("%u", row->errors);
      g_autofree char *warnings = row->error ? g_strdup ("") : g_strdup_printf ("%u", row->warnings);
      g_autofree char *iw = row->error ? g_strdup ("") : g_strdup_printf ("%u", row->import_warnings);

      csv_field (s, row->path);
      csv_field (s, row->agency ? row->agency : "");
      csv_field (s, year);
      csv_field (s, row->format ? row->format : "");
      csv_field (s, read);
      csv_field (s, cells);
      csv_field (s, errors);
      csv_field (s, warnings);
      csv_field (s, iw);
      csv_field (s, row->error ? row->error : "");
      s->str[s->len - 1] = '\n';
    }
  bytes = g_bytes_new (s->str, s->len);
  /* The one atomic writer of every file nianbao writes. */
  if (!nb_safe_write_bytes (file, bytes, NB_SAFE_WRITE_NONE, NULL, NULL, NULL, &error))
    {
      nb_cli_error ("%s: %s", path, error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GPtrArray *rows;
  gboolean   json, tty;
  guint      with_errors, unreadable, errors, warnings, read, cells;
} Totals;

/* One report's line, printed as soon as it is read (in order). */
static void
add_row (Row      *row,
         guint     i,
         guint     n,
         gpointer  data)
{
  Totals *t = data;

  g_ptr_array_add (t->rows, row);
  if (row->error)
    t->unreadable++;
  else
    {
      t->with_errors += row->errors > 0;
      t->errors += row->errors;
      t->warnings += row->warnings + row->import_warnings;
      t->read += row->read;
      t->cells += row->cells;
    }
  if (!t->json)
    {
      if (row->error)
        g_print (_("%s\tunreadable: %s\n"), row->path, row->error);
      else
        /* TRANSLATORS: file, agency, year, format, cells read/cells, errors, warnings */
        g_print (_("%s\t%s\t%d\t%s\t%u/%u\t%u errors\t%u warnings\n"),
                 row->path, row->agency, row->year, row->format, row->read, row->cells,
                 row->errors, row->warnings + row->import_warnings);
    }
  else if (t->tty && n > 20)
    g_printerr ("\r%u/%u", i + 1, n);
}

static int
check_many (char      **args,
            gboolean    json,
            const char *csv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  guint with_errors = 0, unreadable = 0, errors = 0, warnings = 0, read = 0, cells = 0;
#ifdef G_OS_UNIX
  gboolean tty = isatty (fileno (stderr));   /* progress only for a person watching */
#else
  gboolean tty = FALSE;
#endif

  for (guint i = 0; args[i]; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (args[i]);
      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        list_folder (file, paths);
      else
        g_ptr_array_add (paths, g_strdup (args[i]));
    }
  if (paths->len == 0)
    {
      nb_cli_error (_("no report to check: the folders hold no .txt, .html, .docx or .pdf file"));
      return NB_CLI_USAGE;
    }

  {
    Totals totals = { rows, json, tty, 0, 0, 0, 0, 0, 0 };

    check_paths (paths, add_row, &totals);
    with_errors = totals.with_errors;
    unreadable = totals.unreadable;
    errors = totals.errors;
    warnings = totals.warnings;
    read = totals.read;
    cells = totals.cells;
  }
  if (json)
    {
      if (tty && paths->len > 20)
        g_printerr ("\n");
      print_json (rows);
    }
  {
    FILE *out = json ? stderr : stdout;
    g_autofree char *total = g_strdup_printf (_("total: %u reports, %u with errors, %u unreadable; "
                                                "%u/%u cells read, %u errors, %u warnings\n"),
                                              rows->len, with_errors, unreadable, read, cells, errors, warnings);
    fputs (total, out);
  }
  if (csv && !write_csv (rows, csv))
    return NB_CLI_USAGE;
  return with_errors || unreadable ? NB_CLI_REPORT_ERRORS : NB_CLI_OK;
}

int
nb_cli_import (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *csv = NULL;
  gboolean check = FALSE, json = FALSE, force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The document to write"), N_("OUT.nianbao") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Overwrite an existing file"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Read and check every report given (files or folders): one line each, then a total"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("With --check: print the lines as JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("With --check: also write the lines as a CSV table"),
      N_("OUT.csv") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o OUT.nianbao | --check FILES…|FOLDER"));

  g_option_context_set_summary (context,
                                _("Read a published report (plain text, web page, Word file or PDF) into a "
                                  "document, saying what could not be read, then check it. With --check, "
                                  "read and check many reports; exit status 1 if any has errors or cannot "
                                  "be read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!nb_cli_parse (context, &argc, &argv))
    return NB_CLI_USAGE;

  if (check)
    {
      if (argc < 2 || output)
        {
          nb_cli_error (_("usage: nianbao-cli import --check FILES…|FOLDER [--json] [--csv OUT.csv]"));
          return NB_CLI_USAGE;
        }
      return check_many (argv + 1, json, csv);
    }
  if (argc != 2 || !output || json || csv)
    {
      nb_cli_error (_("usage: nianbao-cli import FILE -o OUT.nianbao"));
      return NB_CLI_USAGE;
    }
  /* As new does: a report already there (the clerk's own, perhaps) is not
   * replaced by a published one by accident. */
  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      nb_cli_error (_("“%s” already exists; use --force to overwrite it"), output);
      return NB_CLI_USAGE;
    }
  return import_one (argv[1], output);
}
