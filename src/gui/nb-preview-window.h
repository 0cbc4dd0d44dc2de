/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-preview-window.h — the printed pages on screen, before printing */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_PREVIEW_WINDOW (nb_preview_window_get_type ())
G_DECLARE_FINAL_TYPE (NbPreviewWindow, nb_preview_window, NB, PREVIEW_WINDOW, GtkWindow)

/* Lays out @report with NbPageLayout (the PDF's and the printer's pages). */
NbPreviewWindow *nb_preview_window_new      (GtkWindow       *parent,
                                             NbReport        *report);
guint            nb_preview_window_get_n_pages (NbPreviewWindow *self);
guint            nb_preview_window_get_page    (NbPreviewWindow *self);
void             nb_preview_window_set_page    (NbPreviewWindow *self,
                                                guint            page);

/* The "Print…" button activates win.print on the parent window. */

G_END_DECLS
