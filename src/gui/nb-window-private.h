/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-private.h — NbWindow's instance and what its parts share
 *
 * nb-window.c is the document shown, saving and the window itself;
 * nb-window-open.c what comes in (open, drop, the recent list, recovery);
 * nb-window-problems.c the checks and the problems list; nb-window-pages.c
 * the tabs and their pages, built when first needed; nb-window-actions.c
 * every action (and the one function that says which are enabled);
 * nb-window-export.c the export and print flow. As GNOME Text Editor
 * splits editor-window.c.
 */
#pragma once

#include <gtk/gtk.h>

#include "nb-autosave.h"
#include "nb-section-page.h"
#include "nb-window.h"

G_BEGIN_DECLS

typedef struct _NbWindowPage NbWindowPage;

#define MESSAGE_SECONDS 8

struct _NbWindow
{
  GtkApplicationWindow parent_instance;

  /* template */
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkRevealer       *message_revealer;
  GtkImage          *message_icon;
  GtkLabel          *message_label;
  GtkButton         *message_button;
  GtkStack          *stack;
  GtkWidget         *recent_box;
  GtkListBox        *recent_list;
  GtkPaned          *paned;
  GtkNotebook       *notebook;
  NbProblemsView    *problems_view;
  GtkButton         *save_button;

  /* The problems list: as tall as its rows, at most problems_height
   * (what the clerk last dragged it to); collapsed to its summary line. */
  int                problems_height;
  gboolean           problems_collapsed;
  gboolean           setting_position;
  gboolean           paned_pressed;     /* a pointer button is down on the divider */
  gboolean           problems_height_chosen;  /* dragged by the clerk (now or before) */
  guint              problems_size_idle;

  /* document */
  NbReport          *report;
  NbReport          *previous;        /* last year's, for the carry.* checks */
  GFile             *file;
  GPtrArray         *problems;
  GPtrArray         *pages;           /* NbWindowPage*, one per tab */
  gboolean           adding_tabs;
  gboolean           focus_into_page;   /* a tab switch took the focus out of a page */
  GSignalGroup      *report_signals;  /* "changed", "notify::modified" of the report shown */
  guint              check_idle;
  guint              message_timeout;
  NbAutosave        *autosave;        /* copies of unsaved work, offers them back */
  guint              next_problem;
  gboolean           close_confirmed;
  GFile             *message_folder;  /* "Open Folder" after an export */
  gboolean           exporting;
  gboolean           message_is_refusal;
};

/* nb-window.c */
NbApplication *_nb_window_get_app                  (NbWindow     *self);
/* An inline note above the pages (a refused key, a saved file), and one
 * with an "Open Folder" button. */
void           _nb_window_show_message             (NbWindow     *self,
                                                    const char   *icon,
                                                    const char   *text);
void           _nb_window_show_message_with_folder (NbWindow     *self,
                                                    const char   *icon,
                                                    const char   *text,
                                                    GFile        *folder);
void           _nb_window_hide_message             (NbWindow     *self);
void           _nb_window_update_title             (NbWindow     *self);
/* Saves to @file and says so; an alert, FALSE and @error if it cannot. */
gboolean       _nb_window_save_or_report           (NbWindow     *self,
                                                    GFile        *file,
                                                    GError      **error);
/* Asks where to save (the file chooser), then saves: FALSE and
 * G_IO_ERROR_CANCELLED when no file was chosen. */
void           _nb_window_save_as_async            (NbWindow            *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean       _nb_window_save_as_finish           (NbWindow      *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);

/* nb-window-open.c */
void           _nb_window_class_open_init          (GtkWidgetClass *widget_class);
/* The drop target and the autosave's "recover" (after self->autosave). */
void           _nb_window_open_init                (NbWindow     *self);
/* The start page's list of recent reports. */
void           _nb_window_fill_recent              (NbWindow     *self);

/* nb-window-problems.c */
void           _nb_window_class_problems_init      (GtkWidgetClass *widget_class);
void           _nb_window_problems_init            (NbWindow     *self);
void           _nb_window_problems_restore         (NbWindow     *self,
                                                    GSettings    *settings);
/* The checks at the next idle (once however many changes come first). */
void           _nb_window_queue_check              (NbWindow     *self);
/* The list as tall as its rows, at most the height the clerk chose. */
void           _nb_window_apply_problems_height    (NbWindow     *self);

/* nb-window-actions.c */
void           _nb_window_class_actions_init       (GtkWidgetClass *widget_class);
/* The one place that says which of the window's actions are enabled. */
void           _nb_window_actions_update           (NbWindow     *self);
/* nb-window-pages.c */
void           _nb_window_page_free                (gpointer      data);
/* A tab per section; @current's page is built (the others when needed). */
void           _nb_window_pages_build              (NbWindow     *self,
                                                    int           current);
void           _nb_window_pages_clear              (NbWindow     *self);
void           _nb_window_on_switch_page           (GtkNotebook  *notebook,
                                                    GtkWidget    *slot,
                                                    guint         page_num,
                                                    NbWindow     *self);
void           _nb_window_on_switch_page_after     (GtkNotebook  *notebook,
                                                    GtkWidget    *slot,
                                                    guint         page_num,
                                                    NbWindow     *self);
/* The tabs' problem counts, and self->problems to every page built. */
void           _nb_window_pages_set_problems       (NbWindow     *self);
/* Shows @section's tab and returns its page (built first if need be). */
NbSectionPage *_nb_window_show_section             (NbWindow     *self,
                                                    const char   *section);
gboolean       _nb_window_go_to_key                (NbWindow     *self,
                                                    const char   *section,
                                                    const char   *key);
void           _nb_window_go_to_problem            (NbWindow     *self,
                                                    NbProblem    *problem);
/* After an undo or redo: @key's tab, the cell focused or the words changed
 * (against @texts_before, section key → text) selected. */
void           _nb_window_reveal_change            (NbWindow     *self,
                                                    const char   *key,
                                                    GHashTable   *texts_before);

/* nb-window-export.c */
/* Export as the menu does: asks about errors, untouched tables and a
 * missing date first, then where to write (@ext: ".xlsx", ".pdf", …). */
void           _nb_window_export_with              (NbWindow     *self,
                                                    const char   *ext);

G_END_DECLS
