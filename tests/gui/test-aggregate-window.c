/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-aggregate-window.c — 汇总 driven through its widgets under Xvfb:
 * a folder of generated reports (and a bad file) is read in the worker
 * thread, the table lists every agency with its state, the state filter
 * narrows it, a row opens its report, the totals open as a report, Cancel
 * stops a long run. NB_SCREENSHOT_DIR=DIR writes a PNG of the window. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>

#include "nb-aggregate-item.h"
#include "nb-aggregate-window.h"
#include "nb-i18n.h"
#include "nb-report-file.h"
#include "nb-test-gen.h"
#include "nb-window.h"
#include "nb-xlsx-writer.h"

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

static char *
make_reports (const char *name,
              guint       n)
{
  char *dir = g_build_filename (tmpdir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *agency = g_strdup_printf ("某县第%u局", i + 1);
      g_autoptr(NbReport) r = nb_test_gen_report ("2021", 2024, agency, 50 + i, FALSE);
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
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* The locale's language, for the screenshots (C under meson test). */
  nb_i18n_init ();
  if (!gtk_init_check ())
    {
      g_test_skip ("No display (run under xvfb-run)");
      return 77;
    }
  g_test_add_func ("/aggregate-window/run", test_run);
  g_test_add_func ("/aggregate-window/cancel", test_cancel);
  status = g_test_run ();
  if (status == 0)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
      (void) !system (cmd);
    }
  return status;
}
