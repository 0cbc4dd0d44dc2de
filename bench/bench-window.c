/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window — what a keystroke costs in the window: the text buffer
 * change, the checks, and everything the window then updates (marks, tab
 * counts, problems list), as medians of N keystrokes.
 * Cases: a 200-page text; a text quoting hundreds of figures that disagree
 * with the tables; a table cell. Needs a display (bench/bench-window.sh
 * runs it under Xvfb). */
#include "config.h"

#include <stdlib.h>

#include "nb-cell-entry.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-window.h"

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare);
  return g_array_index (times, double, times->len / 2);
}

static NbWindow *
window_with_text (const char *paragraph,
                  int         n)
{
  NbWindow *window = nb_window_new (NULL);
  g_autoptr(NbReport) report = nb_report_new (nb_format_for_year (2024), 2024, "某局");
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    g_string_append_printf (text, paragraph, i, i, i);
  nb_report_set_text (report, "overview", text->str, NULL);
  nb_window_set_report (window, report, NULL);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  return window;
}

static void
bench_text (const char *what,
            NbWindow   *window,
            int         runs)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (nb_text_view_get_text_view (NB_TEXT_VIEW (nb_window_get_page (window, "overview"))));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int k = 0; k < runs; k++)
    {
      GtkTextIter iter;
      gint64 t0;
      double ms;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, 100);
      t0 = g_get_monotonic_time ();
      gtk_text_buffer_insert (buffer, &iter, "字", -1);
      nb_window_check_now (window);
      drain ();
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_print ("%-44s median of %d: %7.2f ms\n", what, runs, median (times));
}

int
main (int   argc,
      char *argv[])
{
  int runs = argc > 1 ? MAX (1, atoi (argv[1])) : 20;
  NbWindow *window;

  g_autofree char *data_home = g_dir_make_tmp ("nb-bench-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The windows' autosaves must not land among the clerk's own. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display\n");
      return 77;
    }

  window = window_with_text ("第%d段：本机关认真贯彻落实条例，围绕中心工作，加强政务公开，推进决策、执行、管理、服务、结果公开，提升公开质量%d%d。\n\n", 3000);
  bench_text ("keystroke in a 200-page text", window, runs);
  gtk_window_destroy (GTK_WINDOW (window));

  window = window_with_text ("第%d段：本机关共收到政府信息公开申请%d件，办结%d件。\n\n", 300);
  bench_text ("keystroke, 600 figures disagreeing in text", window, runs);

  /* A table cell: typed and entered. */
  {
    NbCellEntry *entry = nb_table_view_get_entry (NB_TABLE_VIEW (nb_window_get_page (window, "requests")),
                                                  "requests/new/natural");
    GtkEditable *editable = nb_cell_entry_get_editable (entry);
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

    for (int k = 0; k < runs; k++)
      {
        g_autofree char *value = g_strdup_printf ("%d", k + 1);
        gint64 t0 = g_get_monotonic_time ();
        double ms;

        gtk_editable_set_text (editable, value);
        nb_cell_entry_commit (entry);
        nb_window_check_now (window);
        drain ();
        ms = (g_get_monotonic_time () - t0) / 1000.0;
        g_array_append_val (times, ms);
      }
    g_print ("%-44s median of %d: %7.2f ms\n", "table cell entered (same report)", runs, median (times));
  }
  nb_report_set_modified (nb_window_get_report (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
