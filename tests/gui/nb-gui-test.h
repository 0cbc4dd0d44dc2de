/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-gui-test.h — what every window test sets up before gtk_init_check() */
#pragma once

#include <string.h>
#include <glib.h>

#ifdef G_OS_WIN32
/* GTK's Windows backend turns the system's message font into the
 * gtk-font-name setting; under Wine that font has no Pango description and
 * GTK itself passes NULL to pango_font_description_to_string() inside
 * gtk_init (a five-line program shows it: the setting becomes "(NULL) 8").
 * That one critical is GTK's, before any of nianbao's code runs; every
 * other stays fatal. */
static gboolean
nb_gui_test_fatal_handler (const char     *domain,
                           GLogLevelFlags  level,
                           const char     *message,
                           gpointer        user_data)
{
  return !(g_strcmp0 (domain, "Pango") == 0 &&
           strstr (message, "pango_font_description_to_string") != NULL);
}
#endif

/* Criticals fatal (warnings not: GTK 4.8 warns about its own widgets on a
 * loaded machine). */
static inline void
nb_gui_test_init_logging (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
#ifdef G_OS_WIN32
  g_test_log_set_fatal_handler (nb_gui_test_fatal_handler, NULL);
#endif
}
