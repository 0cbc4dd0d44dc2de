/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c — the nianbao desktop application */
#include "config.h"

#include <stdlib.h>

#include "nb-application.h"
#include "nb-i18n.h"

/* bench/bench-start.sh: with NB_BENCH_FIRST_FRAME set, nianbao ends once
 * its first window has painted its first frame (cold start to first frame,
 * beside a bare GTK window). */
static void
bench_after_paint (GdkFrameClock *clock,
                   GApplication  *app)
{
  /* Measured up to the first frame: not the tear-down of the window. */
  exit (0);
}

static void
bench_on_realize (GtkWidget    *window,
                  GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (bench_after_paint), app, G_CONNECT_AFTER);
}

static void
bench_window_added (GtkApplication *app,
                    GtkWindow      *window)
{
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    bench_on_realize (GTK_WIDGET (window), G_APPLICATION (app));
  else
    g_signal_connect (window, "realize", G_CALLBACK (bench_on_realize), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NbApplication) app = NULL;

  nb_i18n_init ();
  app = nb_application_new ();
  if (g_getenv ("NB_BENCH_FIRST_FRAME"))
    g_signal_connect (app, "window-added", G_CALLBACK (bench_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
