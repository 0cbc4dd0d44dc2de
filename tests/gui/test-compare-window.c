/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The 与上年对比 window under Xvfb: opened from the editor window on the
 * published fixture and a next year's report made from it; its figures,
 * texts and chart read back from the widgets. */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "nb-compare-window.h"
#include "nb-report-file.h"
#include "nb-window.h"
#include "nb-gui-test.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static NbReport *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "wenxian-transport-2020.nianbao", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NbReport *report = nb_report_file_load (file, NULL, &error);

  g_assert_no_error (error);
  return report;
}

/* The first widget of @type under @root, depth first. */
static GtkWidget *
find_child (GtkWidget *root,
            GType      type,
            int        unused)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_child (c, type, 0)))
        return found;
    }
  return NULL;
}

static gboolean
is_bold (GtkLabel *label)
{
  PangoAttrList *attrs = gtk_label_get_attributes (label);
  g_autofree char *s = attrs ? pango_attr_list_to_string (attrs) : NULL;

  return s && strstr (s, "weight bold");
}

static void
test_compare_window (void)
{
  g_autoptr(NbReport) last = load_fixture ();
  g_autoptr(NbReport) this = load_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *overview = g_strconcat (nb_report_get_text (this, "overview"), "\n今年新增的一段。", NULL);
  NbWindow *window = nb_window_new (NULL);
  GtkWindow *compare;
  GtkGrid *grid;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  nb_report_set_year (this, 2021);
  g_assert_true (nb_report_set_field (this, "requests/new/natural", "5", &error));
  g_assert_true (nb_report_set_text (this, "overview", overview, &error));
  g_assert_no_error (error);
  nb_window_set_report (window, this, NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  compare = nb_window_compare_with (window, last);
  drain ();
  g_assert_true (NB_IS_COMPARE_WINDOW (compare));
  g_assert_true (gtk_window_get_transient_for (compare) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (gtk_window_get_title (compare), "2021"));
  g_assert_nonnull (strstr (gtk_window_get_title (compare), "2020"));

  /* the figures page: the changed figure in bold with its change */
  grid = GTK_GRID (find_child (GTK_WIDGET (compare), GTK_TYPE_GRID, 0));
  g_assert_nonnull (grid);
  for (int row = 1; row < 400 && !found; row++)
    {
      GtkWidget *label = gtk_grid_get_child_at (grid, 0, row);

      if (label && g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "一、本年新收 · 自然人"))
        {
          found = TRUE;
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 1, row))), ==, "0");
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 2, row))), ==, "5");
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, 3, row))), ==, "+5");
          g_assert_true (is_bold (GTK_LABEL (label)));
          g_assert_false (is_bold (GTK_LABEL (gtk_grid_get_child_at (grid, 0, row + 1))));
        }
    }
  g_assert_true (found);

  /* the texts page: the copied paragraphs and the new one */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (find_child (GTK_WIDGET (compare), GTK_TYPE_TEXT_VIEW, 0)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "\n+ 今年新增的一段。\n"));
  g_assert_nonnull (strstr (text, "\n= 无其他需要报告的事项。\n"));
  g_assert_nonnull (strstr (text, "0 added"));

  /* the chart page draws */
  nb_compare_window_show_page (NB_COMPARE_WINDOW (compare), "chart");
  drain ();
  g_assert_true (gtk_widget_get_mapped (find_child (GTK_WIDGET (compare), GTK_TYPE_DRAWING_AREA, 0)));
  /* NB_SCREENSHOT=DIR: each page as a person sees it, for looking at */
  if (g_getenv ("NB_SCREENSHOT"))
    {
      const char *pages[] = { "figures", "texts", "chart" };

      gtk_window_maximize (compare);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autofree char *cmd = g_strdup_printf ("import -window root %s/compare-%s.png",
                                                  g_getenv ("NB_SCREENSHOT"), pages[p]);

          nb_compare_window_show_page (NB_COMPARE_WINDOW (compare), pages[p]);
          for (int i = 0; i < 20; i++)
            {
              drain ();
              g_usleep (50000);
            }
          g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
        }
    }

  gtk_window_destroy (compare);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

int
main (int   argc,
      char *argv[])
{
  nb_gui_test_init (&argc, &argv);

  /* Criticals stay fatal (G_DEBUG=fatal-criticals, as the window tests are
   * run); warnings do not: on a loaded machine GTK 4.8 may warn that it
   * snapshots one of its own internal widgets before their first
   * allocation ("Trying to snapshot GtkGizmo … without a current
   * allocation"), which says nothing about nianbao. */
  g_test_add_func ("/compare-window/open", test_compare_window);
  return g_test_run ();
}
