/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window.h — NbWindow: one report, a tab per section, live checks */
#pragma once

#include <gtk/gtk.h>

#include "nb-application.h"
#include "nb-problems-view.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_WINDOW (nb_window_get_type ())
G_DECLARE_FINAL_TYPE (NbWindow, nb_window, NB, WINDOW, GtkApplicationWindow)

NbWindow       *nb_window_new               (NbApplication *app);

/* Shows @report (NULL: the start page). @file is where it is saved, or
 * NULL for a new, never saved report. */
void            nb_window_set_report        (NbWindow      *self,
                                             NbReport      *report,
                                             GFile         *file);
NbReport       *nb_window_get_report        (NbWindow      *self);
GFile          *nb_window_get_file          (NbWindow      *self);

/* Loads @file; FALSE + @error if it cannot be read (the window is unchanged). */
gboolean        nb_window_load_file         (NbWindow      *self,
                                             GFile         *file,
                                             GError       **error);
/* What Open does: loads, and shows the loader's message in a dialog on failure. */
void            nb_window_open_file         (NbWindow      *self,
                                             GFile         *file);
/* Saves to @file (which becomes the document's file). */
gboolean        nb_window_save_to           (NbWindow      *self,
                                             GFile         *file,
                                             GError       **error);

/* The save-changes question, before the document is closed or replaced
 * (close, New, Open, Import, a recent or dropped file, Quit): TRUE to go
 * on — nothing unsaved, saved (Save, through Save As for a new report), or
 * knowingly discarded; FALSE with G_IO_ERROR_CANCELLED when the clerk
 * cancelled (or chose no file), or with the save's error (already shown). */
void            nb_window_confirm_discard_async  (NbWindow            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        nb_window_confirm_discard_finish (NbWindow            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* Runs the checks now instead of at the next idle (tests). */
void            nb_window_check_now         (NbWindow      *self);
GPtrArray      *nb_window_get_problems      (NbWindow      *self);
NbProblemsView *nb_window_get_problems_view (NbWindow      *self);
/* The page widget (NbTextView, NbTableView, NbDetailsView) of a section key
 * ("details" for the report details), or NULL; built now if it was not. */
GtkWidget      *nb_window_get_page          (NbWindow      *self,
                                             const char    *section);
/* Whether @section's page was built yet (pages are built when first shown
 * or addressed; nb_window_get_page() builds it). */
gboolean        nb_window_is_page_built     (NbWindow      *self,
                                             const char    *section);
/* The problem count shown on a section's tab ("" when none). */
const char     *nb_window_get_tab_count     (NbWindow      *self,
                                             const char    *section);
const char     *nb_window_get_current_section (NbWindow    *self);

/* Autosave: writes the unsaved document to the recovery folder now. */
gboolean        nb_window_autosave_now      (NbWindow      *self,
                                             GError       **error);
const char     *nb_window_get_recovery_path (NbWindow      *self);
/* Asks whether to recover what a crashed session left; does nothing when
 * there is nothing to recover. */
void            nb_window_offer_recovery    (NbWindow      *self);
/* Opens a recovery file (with its original file name, if it had one). */
gboolean        nb_window_recover           (NbWindow      *self,
                                             const char    *recovery_path,
                                             GError       **error);

/* What Export does once a file is chosen: asks before replacing a
 * read-only file, then exports in the background and says how it went. */
void            nb_window_export_to         (NbWindow      *self,
                                             GFile         *file);
/* Exports to @file (.xlsx or .pdf by its name) in a worker thread, from a
 * snapshot of the report taken now. */
void            nb_window_export_async      (NbWindow      *self,
                                             GFile         *file,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
gboolean        nb_window_export_finish     (NbWindow      *self,
                                             GAsyncResult  *result,
                                             GError       **error);
/* Runs the print operation (the same as Print) into a PDF file instead of
 * a printer: what the preview and the printer receive. */
gboolean        nb_window_print_to_pdf      (NbWindow      *self,
                                             const char    *path,
                                             GError       **error);

/* Opens the 与上年对比 window of this report against @last. */
GtkWindow      *nb_window_compare_with      (NbWindow      *self,
                                             NbReport      *last);
/* Last year's report the across-years checks run against, or NULL. */
NbReport       *nb_window_get_previous        (NbWindow *self);
/* Runs the across-years checks against @file from now on (kept in the
 * document); fails unless it is the report of the year before. */
gboolean        nb_window_set_previous_file   (NbWindow  *self,
                                               GFile     *file,
                                               GError   **error);
/* What "start from last year's report" carried over and what not. */
char           *nb_window_describe_carry_over (NbReport *report,
                                               NbReport *previous);
/* The problems list's height now (tests: it takes only the room it needs). */
int             nb_window_get_problems_height (NbWindow *self);

G_END_DECLS
