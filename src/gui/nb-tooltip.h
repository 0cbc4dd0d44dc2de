/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-tooltip.h — tooltips that do not wrap after a few Chinese characters
 *
 * GTK 4.8 sizes a tooltip's label in "characters" of the Latin digit width,
 * so a short Chinese tooltip ("不小于0的整数") wraps after three or four
 * characters. These helpers show the same tooltip text in a label sized by
 * the characters' real width.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every widget below @widget that has a tooltip now (and keeps whatever
 * tooltip text it is given later). Safe to call again on the same tree. */
void nb_tooltip_fix_tree (GtkWidget *widget);

/* gtk_widget_set_tooltip_text() without its cost where it does nothing:
 * nothing is done for the same text, and a widget not yet in a window is
 * not made to ask the display where the pointer is. */
void nb_tooltip_set_text (GtkWidget  *widget,
                          const char *text);

G_END_DECLS
