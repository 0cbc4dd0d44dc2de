/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-window — the anchor for nianbao's start-up: a GTK4 application whose
 * window holds one label, ending after its first frame is painted (as
 * nianbao does with NB_BENCH_FIRST_FRAME set). bench/bench-start.sh runs both. */
#include <stdlib.h>
#include <gtk/gtk.h>

static void
after_paint (GdkFrameClock *clock,
             GApplication  *app)
{
  /* Measured up to the first frame: not the tear-down of the window. */
  exit (0);
}

static void
on_realize (GtkWidget    *window,
            GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint), app, G_CONNECT_AFTER);
}

static void
activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("政府信息公开工作年度报告"));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("org.nianbao.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
