/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-gui-test.h — what every window test sets up before gtk_init_check() */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>

#ifdef G_OS_WIN32
/* GTK's Windows backend turns the system's message font into the
 * gtk-font-name setting; under Wine that font has no Pango description and
 * GTK itself passes NULL to pango_font_description_to_string() (a
 * five-line program shows it: the setting becomes "(NULL) 8"). That one
 * critical is GTK's, not nianbao's. Pango logs it structured, which
 * g_test_log_set_fatal_handler() does not see: criticals are made fatal
 * here, by the writer, for every message but that one. */
static GLogWriterOutput
nb_gui_test_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  GLogWriterOutput out = g_log_writer_default (level, fields, n_fields, user_data);
  const char *domain = NULL, *message = NULL;

  if (!(level & G_LOG_LEVEL_CRITICAL))
    return out;
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if (g_strcmp0 (domain, "Pango") == 0 && message
      && strstr (message, "pango_font_description_to_string") != NULL)
    return out;
  g_printerr ("Bail out! critical: %s\n", message ? message : "?");
  abort ();
}
#endif

/* Criticals fatal (warnings not: GTK 4.8 warns about its own widgets on a
 * loaded machine). */
static inline void
nb_gui_test_init_logging (void)
{
#ifdef G_OS_WIN32
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_log_set_writer_func (nb_gui_test_writer, NULL, NULL);
#else
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
#endif
}

/* gtk_test_init(), whose gtk_init would meet GTK's Windows font critical
 * before the writer above is in place: there, the same steps in order. */
static inline void
nb_gui_test_init (int    *argc,
                  char ***argv)
{
#ifdef G_OS_WIN32
  g_test_init (argc, argv, NULL);
  nb_gui_test_init_logging ();
  gtk_disable_setlocale ();
  gtk_init ();
#else
  gtk_test_init (argc, argv, NULL);
  nb_gui_test_init_logging ();
#endif
}
