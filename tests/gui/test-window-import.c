/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-import.c — published reports into the window (File → Import…,
 * a dropped or opened file, New Report from last year's published report),
 * driven through the window under Xvfb. */
#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "nb-cell-entry.h"
#include "nb-import.h"
#include "nb-new-dialog.h"
#include "nb-table-view.h"
#include "nb-window.h"
#include "nb-gui-test.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
destroy (NbWindow *window)
{
  NbReport *report = nb_window_get_report (window);

  if (report)
    nb_report_set_modified (report, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static guint
count_id (GPtrArray  *problems,
          const char *id)
{
  guint n = 0;
  for (guint i = 0; i < problems->len; i++)
    n += g_str_equal (nb_problem_get_id (g_ptr_array_index (problems, i)), id);
  return n;
}

/* What Open and a drop do with a file that is no .nianbao: import it. */
static void
test_open_imports_published_page (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "import",
                                            "qingtian-market-2023-extra-column.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  NbReport *report;
  GtkWidget *page;
  NbCellEntry *entry;

  gtk_window_present (GTK_WINDOW (window));
  nb_window_open_file (window, file);
  drain ();
  nb_window_check_now (window);

  report = nb_window_get_report (window);
  g_assert_nonnull (report);
  g_assert_cmpstr (nb_report_get_agency (report), ==, "青田县市场监督管理局");
  g_assert_null (nb_window_get_file (window));          /* never saved over the page */
  g_assert_true (nb_report_get_modified (report));

  /* The figures are in the table's entries as the clerk sees them. */
  page = nb_window_get_page (window, "requests");
  entry = nb_table_view_get_entry (NB_TABLE_VIEW (page), "requests/new/natural");
  g_assert_cmpstr (gtk_editable_get_text (nb_cell_entry_get_editable (entry)), ==, "25");

  /* The import's warnings are listed beside the checks… */
  g_assert_cmpuint (count_id (nb_window_get_problems (window), "import"), ==, 2);
  /* …with its headings' check: the page prints 五、存在问题及改进情况. */
  g_assert_cmpuint (count_id (nb_window_get_problems (window), "section.heading_variant"), ==, 1);
  g_assert_cmpstr (nb_window_get_tab_count (window, "details"), ==, "3");
  /* …until the clerk has gone through them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-import-warnings", NULL));
  drain ();
  g_assert_cmpuint (count_id (nb_window_get_problems (window), "import"), ==, 0);
  g_assert_false (nb_report_has_import_source (report));
  destroy (window);
}

static void
on_create (NbNewDialog *dialog,
           NbReport    *report,
           NbReport   **out)
{
  *out = g_object_ref (report);
}

/* New Report: last year's report may be the one that was published. */
static void
test_new_report_from_published (void)
{
  NbWindow *window = nb_window_new (NULL);
  g_autofree char *path = g_build_filename (g_getenv ("NB_FIXTURES"), "import",
                                            "qingtian-market-2023.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) last = nb_import_load_any (file, NULL, &error);
  g_autoptr(NbReport) created = NULL;
  NbNewDialog *dialog;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  dialog = nb_new_dialog_new (GTK_WINDOW (window));
  g_signal_connect (dialog, "create", G_CALLBACK (on_create), &created);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();
  nb_new_dialog_set_previous (dialog, last);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.create", NULL));
  drain ();

  g_assert_nonnull (created);
  g_assert_cmpint (nb_report_get_year (created), ==, 2024);
  g_assert_cmpstr (nb_report_get_agency (created), ==, "青田县市场监督管理局");
  {
    /* 2023's published 结转下年度 (business 1, legal 1) is 2024's 上年结转. */
    g_autofree char *business = nb_report_dup_field (created, "requests/carried_in/business", NULL);
    g_autofree char *legal = nb_report_dup_field (created, "requests/carried_in/legal", NULL);
    g_assert_cmpstr (business, ==, "1");
    g_assert_cmpstr (legal, ==, "1");
  }
  destroy (window);
}

int
main (int    argc,
      char **argv)
{
  if (!g_getenv ("DISPLAY") && !g_getenv ("WAYLAND_DISPLAY"))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  nb_gui_test_init (&argc, &argv);

  /* Criticals stay fatal (G_DEBUG=fatal-criticals, as the window tests are
   * run); warnings do not: on a loaded machine GTK 4.8 may warn that it
   * snapshots one of its own internal widgets before their first
   * allocation ("Trying to snapshot GtkGizmo … without a current
   * allocation"), which says nothing about nianbao. */
  g_test_add_func ("/window-import/open-published", test_open_imports_published_page);
  g_test_add_func ("/window-import/new-from-published", test_new_report_from_published);
  return g_test_run ();
}
