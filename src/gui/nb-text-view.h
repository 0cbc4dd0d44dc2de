/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-view.h — one text section of the report */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_TEXT_VIEW (nb_text_view_get_type ())
G_DECLARE_FINAL_TYPE (NbTextView, nb_text_view, NB, TEXT_VIEW, GtkWidget)

GtkWidget   *nb_text_view_new          (NbReport           *report,
                                        const NbSectionDef *section);
const char  *nb_text_view_get_section  (NbTextView         *self);
GtkTextView *nb_text_view_get_text_view (NbTextView        *self);
/* Underlines the text ranges of problems in this section; marks fields. */
void         nb_text_view_set_problems (NbTextView         *self,
                                        GPtrArray          *problems);
/* Selects [start, end) (characters) and scrolls to it; focuses a field key. */
void         nb_text_view_select       (NbTextView         *self,
                                        guint               start,
                                        guint               end);
gboolean     nb_text_view_focus_field  (NbTextView         *self,
                                        const char         *key);
/* "What this section covers" beside the text (property show-guidance). */
void         nb_text_view_set_show_guidance (NbTextView    *self,
                                             gboolean       show);
gboolean     nb_text_view_get_show_guidance (NbTextView    *self);

/* Implements NbSectionPage (its "refused" signal too). */

G_END_DECLS
