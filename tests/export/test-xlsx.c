/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The xlsx exporter: the workbook is read back by an independent reader
 * (openpyxl, through check-xlsx.py) and recalculated by LibreOffice, and
 * compared with what the model says — never with output of the exporter.
 *
 * The expectations handed to check-xlsx.py come from the model and the
 * official grid: values from nb_report_dup_field(), positions from NbGrid
 * (grid row r is sheet row r + 2: the table's title sits above it),
 * merged ranges from the grid's spans. */
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <xlsxwriter.h>

#include "nb-error.h"
#include "nb-grid.h"
#include "nb-report-file.h"
#include "nb-xlsx-writer.h"

#ifdef G_OS_UNIX
#include <unistd.h>
#endif

/* ---- helpers ---- */

static char *
script_path (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  /* G_TEST_SRCDIR is tests/; the script lives beside this file. */
  return g_build_filename (srcdir ? srcdir : ".", "export", "check-xlsx.py", NULL);
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

/* The first python3 that has openpyxl: $NB_PYTHON, python3 on PATH (may be
 * a private interpreter without it), the system's. NULL if none. */
static const char *
find_python (void)
{
  static char *found = NULL;
  static gboolean searched = FALSE;

  if (!searched)
    {
      const char *candidates[] = { g_getenv ("NB_PYTHON"), "python3", "/usr/bin/python3", "python" };

      searched = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (candidates) && !found; i++)
        {
          g_autofree char *path = NULL;

          if (!candidates[i])
            continue;
          path = g_find_program_in_path (candidates[i]);
          if (path && python_has_openpyxl (path))
            found = g_steal_pointer (&path);
        }
    }
  return found;
}

static const char *
find_soffice (void)
{
  static char *found = NULL;
  static gboolean searched = FALSE;

  if (!searched)
    {
      searched = TRUE;
      found = g_find_program_in_path ("soffice");
      if (!found)
        found = g_find_program_in_path ("libreoffice");
    }
  return found;
}

static char *
make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nb-xlsx-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
    }
  g_remove (path);
}

static NbReport *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NbReport *r = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return r;
}

/* A report with a distinct value in every input cell, texts that look like
 * formulas, and (2021) the fee fields. */
static NbReport *
synthetic_report (const char *version)
{
  NbFormat *format = nb_format_get (version, NULL);
  gboolean v2019 = g_str_equal (version, "2019");
  NbReport *r = nb_report_new (format, v2019 ? 2020 : 2024, "某某局");

  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      g_autofree char *text = NULL;

      if (def->computed)
        continue;
      if (def->kind.type == NB_KIND_DECIMAL)
        text = g_strdup (def->table ? (v2019 ? "793.9397" : "18651.060") : "2950.5");
      else if (def->kind.type == NB_KIND_SIGNED)
        text = g_strdup_printf ("-%u", i % 40 + 1);
      else
        text = g_strdup_printf ("%u", (i * 7) % 23);
      g_assert_true (nb_report_set_value_from_string (r, def->key, text, NULL));
    }
  g_assert_true (nb_report_set_field (r, "date", v2019 ? "2021-01-20" : "2025-01-15", NULL));
  g_assert_true (nb_report_set_field (r, "text/overview",
                                      "本报告所列数据统计期限为2024年1月1日至2024年12月31日。\n\n（一）主动公开\n=1+1\n+86 10 1234\n-5件\n@所有人 注意", NULL));
  {
    /* A paragraph longer than one row can hold (Excel's row limit is 409
     * points): it is spread over several rows, losing nothing. */
    g_autoptr(GString) text = g_string_new ("一是=SUM(A1:A3)不是公式。二是改进。\n");

    for (guint i = 0; i < 80; i++)
      g_string_append_printf (text, "第%u句：进一步提高政务公开工作质量和实效，", i + 1);
    g_string_append (text, "完。");
    g_assert_true (nb_report_set_field (r, "text/problems", text->str, NULL));
  }
  return r;
}

static char *
number_format_for (const NbCellDef *cell,
                   const NbNumber  *value)
{
  guint places = 0;

  /* The figure as typed: "18651.060" shows three places. */
  if (cell->kind.type == NB_KIND_DECIMAL)
    places = value->blank ? cell->kind.places : value->places;
  return places ? g_strdup_printf ("0.%.*s", (int) places, "0000000") : g_strdup ("0");
}

static const char *
kind_name (NbKindType type)
{
  switch (type)
    {
    case NB_KIND_COUNT: return "count";
    case NB_KIND_SIGNED: return "signed";
    case NB_KIND_DECIMAL: return "decimal";
    default: return "text";
    }
}

static char *
sheet_name (NbFormat         *format,
            const NbTableDef *table)
{
  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);

      if (section->table == table)
        return g_strdup (section->short_heading);
    }
  g_assert_not_reached ();
}

static char *
ref (guint row,
     guint column)
{
  char buf[LXW_MAX_CELL_NAME_LENGTH];

  lxw_rowcol_to_cell (buf, row, column);
  return g_strdup (buf);
}

static char *
number_text (NbNumber n)
{
  return nb_number_to_string (&n);
}

/* What the workbook must contain, from the model. @edits (may be NULL):
 * input cells the LibreOffice check changes, with the totals expected after. */
static char *
expectations (NbReport   *r,
              GHashTable *edits,
              GHashTable *after)
{
  NbFormat *format = nb_report_get_format (r);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = nb_report_dup_title (r);
  static const char *const meta[] = { "format", "agency", "agency_kind", "year", "date" };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);
  json_builder_set_member_name (b, "agency");
  json_builder_add_string_value (b, nb_report_get_agency (r));
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, nb_report_get_year (r));
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, nb_format_get_version (format));

  json_builder_set_member_name (b, "data");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (meta) + nb_format_get_n_cells (format); i++)
    {
      const char *key = i < G_N_ELEMENTS (meta) ? meta[i] : nb_format_get_cell (format, i - G_N_ELEMENTS (meta))->key;
      g_autofree char *value = nb_report_dup_field (r, key, NULL);

      g_assert_nonnull (value);
      json_builder_begin_array (b);
      json_builder_add_string_value (b, key);
      json_builder_add_string_value (b, value);
      json_builder_end_array (b);
    }
  /* The document's own rows (nb-xlsx-writer.c write_data_document). */
  {
    g_autoptr(GString) stated = g_string_new (NULL);
    const char *title_stated = nb_report_get_stated_title (r);

    json_builder_begin_array (b);
    json_builder_add_string_value (b, "signoff");
    json_builder_add_string_value (b, nb_report_get_signoff (r) ? nb_report_get_signoff (r) : "");
    json_builder_end_array (b);
    json_builder_begin_array (b);
    json_builder_add_string_value (b, "stated_title");
    json_builder_add_string_value (b, title_stated ? title_stated : "");
    json_builder_end_array (b);
    for (guint s = 0; s < nb_format_get_n_sections (format); s++)
      {
        const NbSectionDef *section = nb_format_get_section (format, s);
        g_autofree char *key = g_strconcat ("text/", section->key, NULL);

        if (section->kind != NB_SECTION_TEXT)
          continue;
        json_builder_begin_array (b);
        json_builder_add_string_value (b, key);
        json_builder_add_string_value (b, nb_report_get_text (r, section->key));
        json_builder_end_array (b);
      }
    for (guint i = 0; i < nb_format_get_n_cells (format); i++)
      if (nb_report_has_stated_value (r, i))
        g_string_append_printf (stated, "%s%s", stated->len ? " " : "", nb_format_get_cell (format, i)->key);
    json_builder_begin_array (b);
    json_builder_add_string_value (b, "stated_totals");
    json_builder_add_string_value (b, stated->str);
    json_builder_end_array (b);
  }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "sections");
  json_builder_begin_array (b);
  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "heading");
      json_builder_add_string_value (b, section->heading);
      json_builder_set_member_name (b, "sheet");
      if (section->kind == NB_SECTION_TABLE)
        json_builder_add_string_value (b, section->short_heading);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "paragraphs");
      json_builder_begin_array (b);
      if (section->kind == NB_SECTION_TEXT)
        {
          g_auto(GStrv) lines = g_strsplit (nb_report_get_text (r, section->key), "\n", -1);

          for (guint i = 0; lines[i]; i++)
            if (*g_strchomp (lines[i]))
              json_builder_add_string_value (b, lines[i]);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint t = 0; t < nb_format_get_n_tables (format); t++)
    {
      const NbTableDef *table = nb_format_get_table (format, t);
      NbGrid *grid = table->grid;
      g_autofree char *name = sheet_name (format, table);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "sheet");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, table->title);
      json_builder_set_member_name (b, "n_rows");
      json_builder_add_int_value (b, nb_grid_get_n_rows (grid));
      json_builder_set_member_name (b, "n_columns");
      json_builder_add_int_value (b, nb_grid_get_n_columns (grid));
      json_builder_set_member_name (b, "header_rows");
      json_builder_add_int_value (b, nb_grid_get_header_rows (grid));

      json_builder_set_member_name (b, "merges");
      json_builder_begin_array (b);
      for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
        {
          const NbGridCell *gc = nb_grid_get_cell (grid, i);

          if (gc->rowspan > 1 || gc->colspan > 1)
            {
              g_autofree char *a = ref (gc->row + 1, gc->column);
              g_autofree char *z = ref (gc->row + gc->rowspan, gc->column + gc->colspan - 1);
              g_autofree char *range = g_strdup_printf ("%s:%s", a, z);

              json_builder_add_string_value (b, range);
            }
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "labels");
      json_builder_begin_array (b);
      for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
        {
          const NbGridCell *gc = nb_grid_get_cell (grid, i);

          if (gc->role != NB_GRID_VALUE && gc->text)
            {
              g_autofree char *at = ref (gc->row + 1, gc->column);

              json_builder_begin_array (b);
              json_builder_add_string_value (b, at);
              json_builder_add_string_value (b, gc->text);
              json_builder_end_array (b);
            }
        }
      json_builder_end_array (b);

      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
        {
          const NbGridCell *gc = nb_grid_get_cell (grid, i);
          const NbCellDef *cell = gc->cell;
          g_autofree char *at = NULL;
          g_autofree char *value = NULL;
          g_autofree char *numfmt = NULL;
          g_autofree char *last = NULL;

          if (gc->role != NB_GRID_VALUE)
            continue;
          at = ref (gc->row + 1, gc->column);
          last = ref (gc->row + gc->rowspan, gc->column + gc->colspan - 1);
          value = cell->computed ? number_text (nb_report_compute_at (r, cell->index))
                                 : nb_report_dup_field (r, cell->key, NULL);
          numfmt = number_format_for (cell, nb_report_get_value_at (r, cell->index));
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, cell->key);
          json_builder_set_member_name (b, "ref");
          json_builder_add_string_value (b, at);
          json_builder_set_member_name (b, "last");
          json_builder_add_string_value (b, last);
          json_builder_set_member_name (b, "computed");
          json_builder_add_boolean_value (b, cell->computed);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, kind_name (cell->kind.type));
          json_builder_set_member_name (b, "places");
          json_builder_add_int_value (b, cell->kind.places);
          json_builder_set_member_name (b, "value");
          json_builder_add_string_value (b, value);
          json_builder_set_member_name (b, "num_format");
          json_builder_add_string_value (b, numfmt);
          if (edits && g_hash_table_contains (edits, cell->key))
            {
              json_builder_set_member_name (b, "edit");
              json_builder_add_string_value (b, g_hash_table_lookup (edits, cell->key));
            }
          if (after && cell->computed)
            {
              json_builder_set_member_name (b, "after_edit");
              json_builder_add_string_value (b, g_hash_table_lookup (after, cell->key));
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/* Runs check-xlsx.py on @xlsx; TRUE when it ran (FALSE: skipped). */
static gboolean
run_check (const char *xlsx,
           const char *json,
           const char *soffice,
           const char *workdir)
{
  const char *python = find_python ();
  g_autofree char *script = script_path ();
  g_autofree char *json_path = g_build_filename (workdir, "expected.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = -1;

  if (!python)
    {
      g_test_skip ("python3 with openpyxl (python3-openpyxl) is not installed");
      return FALSE;
    }
  g_assert_true (g_file_set_contents (json_path, json, -1, NULL));
  g_ptr_array_add (argv, (char *) python);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) xlsx);
  g_ptr_array_add (argv, json_path);
  if (soffice)
    {
      g_ptr_array_add (argv, (char *) "--libreoffice");
      g_ptr_array_add (argv, (char *) soffice);
      g_ptr_array_add (argv, (char *) workdir);
    }
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (out && *out)
    g_test_message ("%s", out);
  if (!g_spawn_check_wait_status (status, &error))
    {
      if (g_error_matches (error, G_SPAWN_EXIT_ERROR, 77))
        {
          g_test_skip ("check-xlsx.py skipped: openpyxl missing");
          return FALSE;
        }
      g_printerr ("check-xlsx.py failed on %s:\n%s\n%s\n", xlsx, out ? out : "", err ? err : "");
      g_test_fail ();
    }
  return TRUE;
}

static void
assert_is_zip (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (data, 2, "PK", 2);
}

static void
export_and_check (NbReport *r)
{
  g_autofree char *dir = make_tmpdir ();
  /* A Chinese folder and file name. */
  g_autofree char *sub = g_build_filename (dir, "年报 导出", NULL);
  g_autofree char *path = g_build_filename (sub, "某某局 年报.xlsx", NULL);
  g_autofree char *json = expectations (r, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_assert_true (nb_xlsx_write (r, path, &error));
  g_assert_no_error (error);
  assert_is_zip (path);
  run_check (path, json, NULL, dir);
  rm_rf (dir);
}

/* ---- tests ---- */

static void
test_fixture (void)
{
  g_autoptr(NbReport) r = load_fixture ();

  export_and_check (r);
}

static void
test_synthetic (gconstpointer data)
{
  g_autoptr(NbReport) r = synthetic_report (data);

  export_and_check (r);
}

/* A fresh report: zeros, blank fee fields, no texts, no date. */
static void
test_empty (gconstpointer data)
{
  g_autoptr(NbReport) r = nb_report_new (nb_format_get (data, NULL), 2024, "某某局");

  export_and_check (r);
}

/* Change every input that a total sums, save with openpyxl (which keeps the
 * formulas but drops every cached value) and let LibreOffice recalculate:
 * its totals must be the model's totals after the same edits. The original
 * workbook must also show the model's figures in LibreOffice. */
static void
test_libreoffice (gconstpointer data)
{
  const char *soffice = find_soffice ();
  g_autoptr(NbReport) r = NULL;
  g_autoptr(GHashTable) edits = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  NbFormat *format;

  if (!soffice)
    {
      g_test_skip ("LibreOffice (libreoffice-calc-nogui) is not installed");
      return;
    }
  if (!find_python ())
    {
      g_test_skip ("python3 with openpyxl (python3-openpyxl) is not installed");
      return;
    }

  r = g_str_equal (data, "fixture") ? load_fixture () : synthetic_report (data);
  format = nb_report_get_format (r);
  dir = make_tmpdir ();
  path = g_build_filename (dir, "导出.xlsx", NULL);
  g_assert_true (nb_xlsx_write (r, path, &error));
  g_assert_no_error (error);

  /* The edits, applied to the model too, give the expected totals. */
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *c = nb_format_get_cell (format, i);

      if (!c->computed)
        continue;
      for (guint t = 0; t < c->n_terms; t++)
        {
          const NbCellDef *term = nb_format_get_cell (format, c->terms[t]);
          const NbNumber *old = nb_report_get_value_at (r, term->index);

          if (term->computed || term->kind.type != NB_KIND_COUNT || g_hash_table_contains (edits, term->key))
            continue;
          g_hash_table_insert (edits, (char *) term->key,
                               g_strdup_printf ("%" G_GINT64_FORMAT, nb_number_integer_part (old) + term->index % 5 + 1));
        }
    }
  {
    /* A copy of the model, edited the same way. */
    g_autofree char *saved = nb_report_file_to_data (r, NULL);
    g_autoptr(NbReport) edited = nb_report_file_load_from_data (saved, -1, &error);
    GHashTableIter iter;
    gpointer key, value;

    g_assert_no_error (error);
    g_hash_table_iter_init (&iter, edits);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_true (nb_report_set_value_from_string (edited, key, value, NULL));
    for (guint i = 0; i < nb_format_get_n_cells (format); i++)
      {
        const NbCellDef *c = nb_format_get_cell (format, i);

        if (c->computed)
          g_hash_table_insert (after, (char *) c->key, number_text (nb_report_compute_at (edited, c->index)));
      }
    g_assert_cmpuint (g_hash_table_size (edits), >, 10);
  }

  json = expectations (r, edits, after);
  run_check (path, json, soffice, dir);
  rm_rf (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

/* Failures are NB_ERROR_EXPORT with the path in the message, and leave
 * neither a half file nor a temporary one; success replaces a file whole. */
static void
test_errors_and_atomic (void)
{
  g_autoptr(NbReport) r = synthetic_report ("2021");
  g_autofree char *dir = make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "不存在", "报告.xlsx", NULL);
  g_autofree char *folder = g_build_filename (dir, "文件夹.xlsx", NULL);
  g_autofree char *path = g_build_filename (dir, "报告.xlsx", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (nb_xlsx_write (r, missing, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
  g_assert_nonnull (strstr (error->message, "不存在"));
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (nb_xlsx_write (r, folder, &error));
  g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Replacing an existing file. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (nb_xlsx_write (r, path, &error));
  g_assert_no_error (error);
  assert_is_zip (path);
  g_assert_cmpuint (count_entries (dir), ==, 2);  /* the folder and the file */

#ifdef G_OS_UNIX
  /* A folder that cannot be written: the old file stays as it was. */
  if (geteuid () != 0)
    {
      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
      g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
      g_assert_false (nb_xlsx_write (r, path, &error));
      g_assert_error (error, NB_ERROR, NB_ERROR_EXPORT);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      g_assert_cmpstr (data, ==, "old");
    }
#endif
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* UTF-8 messages (the sheet and file names are Chinese). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx/fixture", test_fixture);
  g_test_add_data_func ("/xlsx/synthetic-2019", "2019", test_synthetic);
  g_test_add_data_func ("/xlsx/synthetic-2021", "2021", test_synthetic);
  g_test_add_data_func ("/xlsx/empty-2019", "2019", test_empty);
  g_test_add_data_func ("/xlsx/empty-2021", "2021", test_empty);
  g_test_add_func ("/xlsx/errors-and-atomic", test_errors_and_atomic);
  g_test_add_data_func ("/xlsx/libreoffice-fixture", "fixture", test_libreoffice);
  g_test_add_data_func ("/xlsx/libreoffice-2021", "2021", test_libreoffice);

  return g_test_run ();
}
