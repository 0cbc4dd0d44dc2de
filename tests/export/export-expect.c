/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "nb-grid.h"
#include "nb-report-file.h"
#include "nb-sentence.h"
#include "export-expect.h"

NbReport *
export_expect_synthetic_report (const char *version)
{
  NbFormat *format = nb_format_get (version, NULL);
  gboolean v2019 = g_str_equal (version, "2019");
  NbReport *r = nb_report_new (format, v2019 ? 2020 : 2024, "某某县交通运输局");

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
        text = g_strdup_printf ("%u", (i * 7) % 23 + 1);
      g_assert_true (nb_report_set_value_from_string (r, def->key, text, NULL));
    }
  g_assert_true (nb_report_set_field (r, "date", v2019 ? "2021-01-20" : "2025-01-15", NULL));
  g_assert_true (nb_report_set_field (r, "text/overview",
                                      "本报告所列数据统计期限为一年。<b>不是标签</b> & 符号\n\n"
                                      "（一）主动公开\n"
                                      "1.加强决策公开。重大决策预公开。\n"
                                      "2.加强培训\n"
                                      "（二）依申请公开。全年答复全部申请。", NULL));
  g_assert_true (nb_report_set_field (r, "text/problems", "一是公开意识有待加强。\n二是平台建设仍需完善。", NULL));
  return r;
}

char *
export_expect_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nb-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
export_expect_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          export_expect_rm_rf (child);
        }
    }
  g_remove (path);
}

char *
export_expect_run_cli (NbReport   *report,
                       const char *dir,
                       const char *name)
{
  g_autofree char *in = g_build_filename (dir, "报告.nianbao", NULL);
  char *out = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (in);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("NB_CLI"), "export", in, "-o", out, NULL };
  int status;

  g_assert_true (nb_report_file_save (report, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  /* 1: exported, but the report has errors (the synthetic one does). */
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_assert_error (error, G_SPAWN_EXIT_ERROR, 1);
      g_clear_error (&error);
    }
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  return out;
}

static void
add_lines (JsonBuilder *b,
           const char  *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i])
        json_builder_add_string_value (b, lines[i]);
    }
}

char *
export_expect_json (NbReport *report)
{
  NbFormat *format = nb_report_get_format (report);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *fees = nb_sentence_fees (report);
  const char *date = nb_report_get_date (report);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, title);

  json_builder_set_member_name (b, "headings");
  json_builder_begin_array (b);
  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    json_builder_add_string_value (b, nb_format_get_section (format, s)->heading);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "paragraphs");
  json_builder_begin_array (b);
  for (guint s = 0; s < nb_format_get_n_sections (format); s++)
    {
      const NbSectionDef *section = nb_format_get_section (format, s);

      if (section->kind != NB_SECTION_TABLE)
        add_lines (b, nb_report_get_text (report, section->key));
    }
  if (fees)
    json_builder_add_string_value (b, fees);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "signoff");
  json_builder_add_string_value (b, nb_report_get_agency (report));
  json_builder_set_member_name (b, "date");
  if (date)
    {
      int y, m, d;
      g_autofree char *chinese = NULL;

      g_assert_cmpint (sscanf (date, "%d-%d-%d", &y, &m, &d), ==, 3);
      chinese = g_strdup_printf ("%d年%d月%d日", y, m, d);
      json_builder_add_string_value (b, chinese);
    }
  else
    json_builder_add_null_value (b);

  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint t = 0; t < nb_format_get_n_tables (format); t++)
    {
      const NbTableDef *table = nb_format_get_table (format, t);
      NbGrid *grid = table->grid;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, table->key);
      json_builder_set_member_name (b, "n_rows");
      json_builder_add_int_value (b, nb_grid_get_n_rows (grid));
      json_builder_set_member_name (b, "n_columns");
      json_builder_add_int_value (b, nb_grid_get_n_columns (grid));
      json_builder_set_member_name (b, "header_rows");
      json_builder_add_int_value (b, nb_grid_get_header_rows (grid));
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
        {
          const NbGridCell *cell = nb_grid_get_cell (grid, i);
          g_autofree char *text = NULL;

          if (cell->role == NB_GRID_VALUE)
            text = nb_report_dup_field (report, cell->cell->key, NULL);
          else
            text = g_strdup (cell->text ? cell->text : "");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "row");
          json_builder_add_int_value (b, cell->row);
          json_builder_set_member_name (b, "column");
          json_builder_add_int_value (b, cell->column);
          json_builder_set_member_name (b, "rowspan");
          json_builder_add_int_value (b, cell->rowspan);
          json_builder_set_member_name (b, "colspan");
          json_builder_add_int_value (b, cell->colspan);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, text);
          json_builder_set_member_name (b, "header");
          json_builder_add_boolean_value (b, cell->role == NB_GRID_HEADER || cell->role == NB_GRID_LABEL
                                             || cell->role == NB_GRID_CAPTION);
          json_builder_set_member_name (b, "value");
          json_builder_add_boolean_value (b, cell->role == NB_GRID_VALUE);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

static gboolean
python_has (const char *python,
            const char *module)
{
  g_autofree char *code = g_strdup_printf ("import %s", module);
  const char *argv[] = { python, "-c", code, NULL };
  int status;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* The first python3 that has @module: $NB_PYTHON, python3 on PATH (may be
 * a private interpreter without Debian's modules), the system's. */
static char *
find_python (const char *module)
{
  const char *candidates[] = { g_getenv ("NB_PYTHON"), "python3", "/usr/bin/python3" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *path = candidates[i] ? g_find_program_in_path (candidates[i]) : NULL;

      if (path && python_has (path, module))
        return g_steal_pointer (&path);
    }
  return NULL;
}

int
export_expect_run_python (const char *module,
                          const char *script,
                          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *python = find_python (module);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "export", script, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  if (!python)
    return 77;
  g_ptr_array_add (argv, python);
  g_ptr_array_add (argv, path);
  va_start (args, script);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (out && *out)
    g_test_message ("%s", out);
  if (err && *err)
    g_test_message ("%s", err);
  if (g_spawn_check_wait_status (status, &error))
    return 0;
  return error->domain == G_SPAWN_EXIT_ERROR ? error->code : -1;
}
