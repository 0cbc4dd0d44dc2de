/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-tooltip.c — tooltips sized by their characters' real width */
#include "config.h"

#include "nb-tooltip.h"

#define FIXED_KEY "nb-tooltip-fixed"
/* Wider than this (in Latin-digit widths) and the tooltip wraps. */
#define MAX_WIDTH 64

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label;
  int width = 0, longest = 0;

  /* Entries show their icons' own tooltips. */
  if (GTK_IS_ENTRY (widget) && gtk_entry_get_icon_at_pos (GTK_ENTRY (widget), x, y) >= 0)
    return FALSE;
  if (!text || !*text)
    return FALSE;
  /* Chinese characters are two digits wide: count them so. */
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          longest = MAX (longest, width);
          width = 0;
          continue;
        }
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  longest = MAX (longest, width);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), MIN (longest, MAX_WIDTH));
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (longest, MAX_WIDTH));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static void
fix (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), FIXED_KEY))
    return;
  g_object_set_data (G_OBJECT (widget), FIXED_KEY, GINT_TO_POINTER (1));
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
}

void
nb_tooltip_fix_tree (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_has_tooltip (widget))
    fix (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    nb_tooltip_fix_tree (c);
}

/* GTK 4.8's gtk_widget_set_tooltip_text() asks the display where the pointer
 * is each time it is called on a visible widget (a round trip to the X
 * server), even for the same text or a widget in no window: two per table
 * cell while a report's pages are built. A widget in no window cannot be
 * under the pointer, so it is given its text hidden, which skips the query. */
void
nb_tooltip_set_text (GtkWidget  *widget,
                     const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text && !*text)
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  if (gtk_widget_get_root (widget) || !gtk_widget_get_visible (widget))
    {
      gtk_widget_set_tooltip_text (widget, text);
      return;
    }
  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, TRUE);
}
