/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-window — what an edit costs in the window: the text buffer or cell
 * change, the checks, and everything the window then updates (marks, tab
 * counts, problems list) until the window has painted it and nothing more
 * is pending (deferred work included).
 *
 * Cases, in interleaved rounds: a keystroke in a 200-page text (the anchor);
 * a keystroke in a text quoting 600 figures that disagree with the tables;
 * a table cell that those figures quote, typed and entered. Each case is
 * printed as the median of its rounds (process CPU time, and wall time until
 * the last paint) and as the median of its per-round ratio to the anchor.
 *
 * Usage: bench-window [ROUNDS [CASE]]; CASE (anchor, text, table) runs one
 * case alone, for a profiler (bench_table_edit is the function to collect).
 * Needs a display (bench/bench-window.sh runs it under Xvfb). */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "nb-cell-entry.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-window.h"

/* The process's CPU time: the machine is shared, so wall time alone also
 * counts the other programs' turns. */
static double
cpu_ms (void)
{
#ifdef CLOCK_PROCESS_CPUTIME_ID
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
#else
  return g_get_monotonic_time () / 1e3;
#endif
}

typedef struct
{
  guint   paints;
  double  last_paint_cpu;
  gint64  last_paint_wall;
} Frames;

static void
on_after_paint (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->paints++;
  frames->last_paint_cpu = cpu_ms ();
  frames->last_paint_wall = g_get_monotonic_time ();
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

typedef struct
{
  double cpu;
  double wall;
} Cost;

/* Runs the main loop until the edit made at (@cpu0, @wall0) is painted and
 * nothing follows it for 50 ms (an idle that queues another frame, a list
 * that measures its rows over several frames). The cost ends at the last
 * paint or the last event handled, whichever is later. */
static Cost
settle (Frames *frames,
        double  cpu0,
        gint64  wall0)
{
  guint paints = frames->paints;
  double last_cpu = cpu_ms ();
  gint64 last_wall = g_get_monotonic_time ();
  Cost cost;

  for (;;)
    {
      gboolean quiet = FALSE;
      guint id;

      while (g_main_context_iteration (NULL, FALSE))
        {
          last_cpu = cpu_ms ();
          last_wall = g_get_monotonic_time ();
        }
      id = g_timeout_add (50, set_flag, &quiet);
      g_main_context_iteration (NULL, TRUE);
      if (quiet && frames->paints > paints)
        break;
      if (quiet)
        {
          /* Nothing was drawn: one more frame shows what changed. */
          if (g_get_monotonic_time () - wall0 > G_USEC_PER_SEC)
            break;
          continue;
        }
      g_source_remove (id);
      last_cpu = cpu_ms ();
      last_wall = g_get_monotonic_time ();
    }
  cost.cpu = MAX (last_cpu, frames->paints > paints ? frames->last_paint_cpu : 0) - cpu0;
  cost.wall = (MAX (last_wall, frames->paints > paints ? frames->last_paint_wall : 0) - wall0) / 1e3;
  return cost;
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare);
  return sorted->len ? g_array_index (sorted, double, sorted->len / 2) : 0;
}

typedef struct
{
  NbWindow *window;
  Frames    frames;
} Subject;

static void
subject_init (Subject    *subject,
              const char *paragraph,
              int         n)
{
  g_autoptr(NbReport) report = nb_report_new (nb_format_for_year (2024), 2024, "某局");
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    g_string_append_printf (text, paragraph, i, i, i);
  nb_report_set_text (report, "overview", text->str, NULL);
  subject->window = nb_window_new (NULL);
  nb_window_set_report (subject->window, report, NULL);
  gtk_window_present (GTK_WINDOW (subject->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (subject->window)), "after-paint",
                    G_CALLBACK (on_after_paint), &subject->frames);
  /* Its first frames and the first checks' deferred work. */
  settle (&subject->frames, cpu_ms (), g_get_monotonic_time ());
}

static void
subject_clear (Subject *subject)
{
  if (subject->window == NULL)
    return;
  nb_report_set_modified (nb_window_get_report (subject->window), FALSE);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (subject->window)),
                                        &subject->frames);
  gtk_window_destroy (GTK_WINDOW (subject->window));
  subject->window = NULL;
}

/* A character typed into the overview, then the checks the window would
 * run after it. */
static G_GNUC_NO_INLINE Cost
bench_keystroke (Subject *subject)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (nb_text_view_get_text_view (NB_TEXT_VIEW (nb_window_get_page (subject->window, "overview"))));
  GtkTextIter iter;
  double cpu0 = cpu_ms ();
  gint64 wall0 = g_get_monotonic_time ();

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 100);
  gtk_text_buffer_insert (buffer, &iter, "字", -1);
  nb_window_check_now (subject->window);
  return settle (&subject->frames, cpu0, wall0);
}

/* The cell the figures quote (表三's 自然人 new requests), typed and entered. */
static G_GNUC_NO_INLINE Cost
bench_table_edit (Subject *subject,
                  int      k)
{
  NbCellEntry *entry = nb_table_view_get_entry (NB_TABLE_VIEW (nb_window_get_page (subject->window, "requests")),
                                                "requests/new/natural");
  GtkEditable *editable = nb_cell_entry_get_editable (entry);
  g_autofree char *value = g_strdup_printf ("%d", k + 1);
  double cpu0 = cpu_ms ();
  gint64 wall0 = g_get_monotonic_time ();

  gtk_editable_set_text (editable, value);
  nb_cell_entry_commit (entry);
  nb_window_check_now (subject->window);
  return settle (&subject->frames, cpu0, wall0);
}

enum { ANCHOR, TEXT, TABLE, N_CASES };

static const char *case_names[N_CASES] = { "anchor", "text", "table" };
static const char *case_titles[N_CASES] = {
  "keystroke in a 200-page text (anchor)",
  "keystroke, 600 figures disagreeing in text",
  "table cell the 600 figures quote, entered",
};

int
main (int   argc,
      char *argv[])
{
  int rounds = argc > 1 ? MAX (1, atoi (argv[1])) : 20;
  const char *only = argc > 2 ? argv[2] : NULL;
  Subject long_text = { 0 }, figures = { 0 };
  GArray *cpu[N_CASES], *wall[N_CASES], *ratio[N_CASES];
  gboolean run[N_CASES];
  g_autofree char *data_home = g_dir_make_tmp ("nb-bench-XXXXXX", NULL);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* The windows' autosaves must not land among the clerk's own. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  if (!gtk_init_check ())
    {
      g_printerr ("bench-window: no display\n");
      return 77;
    }

  for (int c = 0; c < N_CASES; c++)
    {
      cpu[c] = g_array_new (FALSE, FALSE, sizeof (double));
      wall[c] = g_array_new (FALSE, FALSE, sizeof (double));
      ratio[c] = g_array_new (FALSE, FALSE, sizeof (double));
      run[c] = only == NULL || g_strcmp0 (only, case_names[c]) == 0;
    }

  if (run[ANCHOR])
    subject_init (&long_text, "第%d段：本机关认真贯彻落实条例，围绕中心工作，加强政务公开，推进决策、执行、管理、服务、结果公开，提升公开质量%d%d。\n\n", 3000);
  if (run[TEXT] || run[TABLE])
    subject_init (&figures, "第%d段：本机关共收到政府信息公开申请%d件，办结%d件。\n\n", 300);

  for (int k = 0; k < rounds; k++)
    {
      Cost cost[N_CASES] = { { 0 } };

      if (run[ANCHOR])
        cost[ANCHOR] = bench_keystroke (&long_text);
      if (run[TEXT])
        cost[TEXT] = bench_keystroke (&figures);
      if (run[TABLE])
        cost[TABLE] = bench_table_edit (&figures, k);
      for (int c = 0; c < N_CASES; c++)
        if (run[c])
          {
            g_array_append_val (cpu[c], cost[c].cpu);
            g_array_append_val (wall[c], cost[c].wall);
            if (run[ANCHOR] && cost[ANCHOR].cpu > 0)
              {
                double r = cost[c].cpu / cost[ANCHOR].cpu;
                g_array_append_val (ratio[c], r);
              }
          }
    }

  g_print ("medians of %d interleaved rounds, each until painted and settled\n", rounds);
  for (int c = 0; c < N_CASES; c++)
    if (run[c])
      {
        g_print ("%-44s %7.2f ms CPU, %7.2f ms wall", case_titles[c], median (cpu[c]), median (wall[c]));
        if (c != ANCHOR && ratio[c]->len)
          g_print ("  (%.1f× the anchor)", median (ratio[c]));
        g_print ("\n");
      }

  subject_clear (&long_text);
  subject_clear (&figures);
  for (int c = 0; c < N_CASES; c++)
    {
      g_array_unref (cpu[c]);
      g_array_unref (wall[c]);
      g_array_unref (ratio[c]);
    }
  return 0;
}
