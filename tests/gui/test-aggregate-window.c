/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-aggregate-window.c — 汇总 driven through its widgets under Xvfb:
 * a folder of generated reports (and a bad file) is read in the worker
 * thread, the table lists every agency with its state, the state filter
 * narrows it, a row opens its report, the totals open as a report, Cancel
 * stops a long run. NB_SCREENSHOT_DIR=DIR writes a PNG of the window. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>
#include <gsf/gsf.h>

#include "nb-aggregate-chart.h"
#include "nb-aggregate-item.h"
#include "nb-aggregate-window.h"
#include "nb-i18n.h"
#include "nb-report-file.h"
#include "nb-test-gen.h"
#include "nb-window.h"
#include "nb-xlsx-writer.h"
#include "nb-gui-test.h"

static char *tmpdir;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_done (NbAggregateWindow *window)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (nb_aggregate_window_is_running (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nb_aggregate_window_is_running (window));
  drain ();
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("NB_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int w, h;

  if (!dir)
    return;
  /* Let the window lay out and draw at its size first. */
  for (int i = 0; i < 20; i++)
    {
      drain ();
      g_usleep (20000);
    }
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* @n reports for @year, of agencies numbered from @first. */
static char *
make_reports_of (const char *name,
                 guint       n,
                 int         year,
                 guint       first)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某县第%u局", first + i);
      g_autoptr(NbReport) r = nb_test_gen_report ("2021", year, agency, 50 + i, FALSE);
      g_autofree char *file = g_strdup_printf ("%02u-%s.%s", i + 1, agency, i % 3 == 2 ? "nianbao" : "xlsx");
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(GError) error = NULL;

      if (i % 3 == 2)
        {
          g_autoptr(GFile) f = g_file_new_for_path (path);

          g_assert_true (nb_report_file_save (r, f, NULL, &error));
        }
      else
        g_assert_true (nb_xlsx_write (r, path, &error));
      g_assert_no_error (error);
    }
  return dir;
}

static char *
make_reports (const char *name,
              guint       n)
{
  return make_reports_of (name, n, 2024, 1);
}

/* A widget of the window by its name (the template names the ones tests use). */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found)
        return found;
    }
  return NULL;
}

static void
run_and_wait (NbAggregateWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "agg.start", NULL));
  g_assert_true (nb_aggregate_window_is_running (window));
  wait_done (window);
  g_assert_nonnull (nb_aggregate_window_get_aggregate (window));
}

/* Whether the workbook at @path has a sheet named @sheet (libgsf has no
 * g_autoptr in Debian 12). */
static gboolean
has_sheet (const char *path,
           const char *sheet)
{
  g_autoptr(GError) error = NULL;
  GsfInput *input = gsf_input_stdio_new (path, &error);
  GsfInfile *zip;
  GsfInput *book;
  g_autofree char *name = g_strdup_printf ("name=\"%s\"", sheet);
  g_autofree char *xml = NULL;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (input, &error);
  g_assert_no_error (error);
  book = gsf_infile_child_by_vname (zip, "xl", "workbook.xml", NULL);
  g_assert_nonnull (book);
  xml = g_strndup ((const char *) gsf_input_read (book, gsf_input_size (book), NULL), gsf_input_size (book));
  g_object_unref (book);
  g_object_unref (zip);
  g_object_unref (input);
  return strstr (xml, name) != NULL;
}

/* 汇总's year and area-report choices, as `nianbao-cli aggregate --year
 * --against`: the year drop-down picks the year totalled; the area's own
 * report is compared figure by figure, the differences shown and exported. */
static void
test_year_against (void)
{
  g_autofree char *dir = make_reports_of ("years", 4, 2024, 1);
  g_autofree char *dir_2023 = make_reports_of ("years/2023", 2, 2023, 11);
  g_autofree char *area_path = g_build_filename (tmpdir, "本县.nianbao", NULL);
  g_autofree char *book = g_build_filename (tmpdir, "汇总.xlsx", NULL);
  g_autofree char *book_plain = g_build_filename (tmpdir, "汇总-无对比.xlsx", NULL);
  NbAggregateWindow *window = nb_aggregate_window_new (NULL);
  GtkDropDown *years = GTK_DROP_DOWN (find_named (GTK_WIDGET (window), "year"));
  GtkWidget *differences = find_named (GTK_WIDGET (window), "differences");
  GListModel *model;
  NbAggregate *agg;
  guint at_2023 = G_MAXUINT;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (years);
  g_assert_true (GTK_IS_EXPANDER (differences));
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  nb_aggregate_window_add_path (window, dir);

  /* Left alone: the year most reports have, as the CLI without --year. */
  g_assert_cmpuint (gtk_drop_down_get_selected (years), ==, 0);
  run_and_wait (window);
  agg = nb_aggregate_window_get_aggregate (window);
  g_assert_cmpint (nb_aggregate_get_year (agg), ==, 2024);
  g_assert_cmpuint (nb_aggregate_get_n_counted (agg), ==, 4);
  g_assert_cmpuint (nb_aggregate_count_state (agg, NB_ENTRY_EXCLUDED), ==, 2);
  g_assert_null (nb_aggregate_window_get_differences (window));
  g_assert_false (gtk_widget_get_visible (differences));

  /* The area's own report: the totals with one figure changed. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (area_path);
    g_autofree char *data = nb_report_file_to_data (nb_aggregate_get_summary (agg), NULL);
    g_autoptr(NbReport) area = nb_report_file_load_from_data (data, -1, NULL);
    g_autofree char *total = nb_report_dup_field (area, "requests/new/natural", NULL);
    g_autofree char *other = g_strdup_printf ("%d", atoi (total) + 7);

    g_assert_true (nb_report_set_field (area, "requests/new/natural", other, &error));
    g_assert_no_error (error);
    g_assert_true (nb_report_file_save (area, file, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (nb_aggregate_window_export (window, book_plain, &error));
  g_assert_no_error (error);
  g_assert_false (has_sheet (book_plain, "对比"));

  /* 2023 chosen in the drop-down: its two reports are totalled. */
  model = gtk_drop_down_get_model (years);
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "2023"))
      at_2023 = i;
  g_assert_cmpuint (at_2023, !=, G_MAXUINT);
  gtk_drop_down_set_selected (years, at_2023);
  run_and_wait (window);
  agg = nb_aggregate_window_get_aggregate (window);
  g_assert_cmpint (nb_aggregate_get_year (agg), ==, 2023);
  g_assert_cmpuint (nb_aggregate_get_n_counted (agg), ==, 2);
  g_assert_cmpuint (nb_aggregate_count_state (agg, NB_ENTRY_EXCLUDED), ==, 4);

  /* Back to 2024 with the area's report: one difference, shown. */
  gtk_drop_down_set_selected (years, 0);
  nb_aggregate_window_set_against (window, area_path);
  run_and_wait (window);
  agg = nb_aggregate_window_get_aggregate (window);
  g_assert_cmpint (nb_aggregate_get_year (agg), ==, 2024);
  g_assert_nonnull (nb_aggregate_window_get_differences (window));
  {
    GPtrArray *found = nb_aggregate_window_get_differences (window);
    GtkWidget *label = find_named (gtk_expander_get_child (GTK_EXPANDER (differences)), "GtkLabel");
    const char *text = gtk_label_get_text (GTK_LABEL (label));

    /* The figure changed, and the total it is part of. */
    g_assert_cmpuint (found->len, ==, 2);
    g_assert_nonnull (strstr (found->pdata[0], "requests/new/natural"));
    g_assert_nonnull (strstr (found->pdata[1], "requests/new/total"));
    g_assert_true (gtk_widget_get_visible (differences));
    g_assert_nonnull (strstr (text, found->pdata[0]));
    g_assert_nonnull (strstr (text, found->pdata[1]));
  }
  gtk_expander_set_expanded (GTK_EXPANDER (differences), TRUE);
  screenshot (GTK_WIDGET (window), "aggregate-against.png");
  g_assert_true (nb_aggregate_window_export (window, book, &error));
  g_assert_no_error (error);
  g_assert_true (has_sheet (book, "对比"));

  /* Against a report of another year: said, the totals still stand. */
  gtk_drop_down_set_selected (years, at_2023);
  run_and_wait (window);
  g_assert_cmpint (nb_aggregate_get_year (nb_aggregate_window_get_aggregate (window)), ==, 2023);
  g_assert_true (gtk_widget_get_visible (differences));
  g_assert_nonnull (nb_aggregate_window_get_differences (window));
  g_assert_nonnull (strstr (g_ptr_array_index (nb_aggregate_window_get_differences (window), 0), "2024"));

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_run (void)
{
  g_autofree char *dir = make_reports ("reports", 12);
  g_autofree char *bad = g_build_filename (dir, "坏文件.xlsx", NULL);
  g_autofree char *roster = g_build_filename (tmpdir, "名单.txt", NULL);
  NbAggregateWindow *window = nb_aggregate_window_new (NULL);
  GListModel *rows;
  NbAggregate *agg;
  guint missing = G_MAXUINT, n_errors = 0;
  GtkWindow *opened;

  g_assert_true (g_file_set_contents (bad, "not a workbook", -1, NULL));
  {
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; i < 12; i++)
      g_string_append_printf (names, "某县第%u局\n", i + 1);
    g_string_append (names, "某县审计局\n");
    g_assert_true (g_file_set_contents (roster, names->str, -1, NULL));
  }
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 900);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  nb_aggregate_window_add_path (window, dir);
  nb_aggregate_window_set_roster (window, roster);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "agg.start", NULL));
  g_assert_true (nb_aggregate_window_is_running (window));
  wait_done (window);

  agg = nb_aggregate_window_get_aggregate (window);
  g_assert_nonnull (agg);
  g_assert_cmpuint (nb_aggregate_get_n_counted (agg), ==, 12);
  rows = nb_aggregate_window_get_rows (window);
  /* 12 reports, the bad file, the missing 审计局. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 14);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(NbAggregateItem) item = g_list_model_get_item (rows, i);
      const NbAggregateEntry *e = nb_aggregate_item_get_entry (item);

      if (e->state == NB_ENTRY_MISSING)
        {
          missing = i;
          g_assert_cmpstr (nb_aggregate_item_get_name (item), ==, "某县审计局");
        }
      if (e->state == NB_ENTRY_ERRORS)
        n_errors++;
    }
  g_assert_cmpuint (missing, !=, G_MAXUINT);
  screenshot (GTK_WIDGET (window), "aggregate-window.png");

  /* The state filter: only the unreadable file. */
  nb_aggregate_window_filter_state (window, NB_ENTRY_UNREADABLE);
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  {
    g_autoptr(NbAggregateItem) item = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (nb_aggregate_item_get_name (item), ==, "坏文件.xlsx");
  }
  nb_aggregate_window_filter_state (window, NB_ENTRY_ERRORS);
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_errors);

  /* Activating a row opens that agency's report. */
  opened = nb_aggregate_window_open_row (window, 0);
  g_assert_nonnull (opened);
  g_assert_true (NB_IS_WINDOW (opened));
  {
    g_autoptr(NbAggregateItem) item = g_list_model_get_item (rows, 0);

    g_assert_cmpstr (nb_report_get_agency (nb_window_get_report (NB_WINDOW (opened))), ==,
                     nb_aggregate_item_get_name (item));
  }
  gtk_window_destroy (opened);

  /* The totals as a report of their own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "agg.open-totals", NULL));
  drain ();
  {
    GList *toplevels = gtk_window_list_toplevels ();
    NbWindow *totals = NULL;

    for (GList *l = toplevels; l; l = l->next)
      if (NB_IS_WINDOW (l->data))
        totals = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (totals);
    g_assert_cmpstr (nb_report_dup_field (nb_window_get_report (totals), "requests/new/total", NULL), ==,
                     nb_report_dup_field (nb_aggregate_get_summary (agg), "requests/new/total", NULL));
    screenshot (GTK_WIDGET (totals), "aggregate-totals.png");
    gtk_window_destroy (GTK_WINDOW (totals));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
test_cancel (void)
{
  g_autofree char *dir = make_reports ("many", 30);
  NbAggregateWindow *window = nb_aggregate_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  /* The same folder many times: a long run. */
  for (int i = 0; i < 40; i++)
    nb_aggregate_window_add_path (window, dir);
  nb_aggregate_window_start (window);
  g_assert_true (nb_aggregate_window_is_running (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "agg.cancel", NULL));
  wait_done (window);
  g_assert_null (nb_aggregate_window_get_aggregate (window));
  g_assert_cmpuint (g_list_model_get_n_items (nb_aggregate_window_get_rows (window)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* A widget Tab stops on that shows nothing: a visible, focusable label
 * without text. */
static GtkWidget *
empty_focus_stop (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_get_focusable (widget)
      && *gtk_label_get_label (GTK_LABEL (widget)) == '\0')
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = empty_focus_stop (c);

      if (found)
        return found;
    }
  return NULL;
}

/* Tabbing through the window before a run, no stop lands on nothing (the
 * status line, empty until a run, was one); after the run it says what was
 * totalled, and Tab reaches it. */
static void
test_no_empty_focus_stop (void)
{
  g_autofree char *dir = make_reports_of ("stops", 2, 2024, 1);
  NbAggregateWindow *window = nb_aggregate_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_null (empty_focus_stop (GTK_WIDGET (window)));
  nb_aggregate_window_add_path (window, dir);
  run_and_wait (window);
  g_assert_null (empty_focus_stop (GTK_WIDGET (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The charts' value axis: whole numbers, each labelled once, from an area
 * with no case at all to one with thousands. */
static void
test_chart_scale (void)
{
  const double maxima[] = { 0, 1, 2, 3, 4, 5, 7, 9, 10, 19, 37, 100, 1234, 98765 };

  for (guint i = 0; i < G_N_ELEMENTS (maxima); i++)
    {
      double step, top = nb_aggregate_chart_scale (maxima[i], &step);
      g_autofree char *previous = NULL;

      g_assert_cmpfloat (step, >=, 1);
      g_assert_cmpfloat (step, ==, floor (step));
      g_assert_cmpfloat (top, >=, maxima[i]);
      g_assert_cmpfloat (top / step, <=, 10);
      /* The labels as drawn ("%.0f"): no two alike. */
      for (double t = 0; t <= top + step / 2; t += step)
        {
          g_autofree char *label = g_strdup_printf ("%.0f", t);

          g_assert_cmpstr (label, !=, previous);
          g_free (previous);
          previous = g_steal_pointer (&label);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  tmpdir = g_dir_make_tmp ("nb-gui-agg-XXXXXX", NULL);
  data_home = g_build_filename (tmpdir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* Criticals stay fatal (G_DEBUG=fatal-criticals, as the window tests are
   * run); warnings do not: on a loaded machine GTK 4.8 may warn that it
   * snapshots one of its own internal widgets before their first
   * allocation ("Trying to snapshot GtkGizmo … without a current
   * allocation"), which says nothing about nianbao. */
  nb_gui_test_init_logging ();
  /* The locale's language, for the screenshots (C under meson test). */
  nb_i18n_init ();
  if (!gtk_init_check ())
    {
      g_test_skip ("No display (run under xvfb-run)");
      return 77;
    }
  g_test_add_func ("/aggregate-window/run", test_run);
  g_test_add_func ("/aggregate-window/chart-scale", test_chart_scale);
  g_test_add_func ("/aggregate-window/no-empty-focus-stop", test_no_empty_focus_stop);
  g_test_add_func ("/aggregate-window/cancel", test_cancel);
  g_test_add_func ("/aggregate-window/year-against", test_year_against);
  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
      (void) !system (cmd);
    }
  return status;
}
