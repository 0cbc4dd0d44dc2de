/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-dialogs.h — message and file dialogs that work on GTK 4.8 and newer
 *
 * GtkAlertDialog and GtkFileDialog arrive in GTK 4.10; Debian 12 has 4.8.
 * These helpers pick what the running GTK offers, so callers don't care.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @response is the index of the pressed button in @buttons, or @cancel
 * when the dialog was closed (Escape, the close button). */
typedef void (*NbAlertCallback) (int      response,
                                 gpointer user_data);

/* A modal message transient for @parent. @buttons: NULL-terminated labels
 * (mnemonics allowed); @default_button gets Enter and the suggested style;
 * @destructive_button (or -1) is styled as destructive. The window has the
 * CSS name "nb-alert" so tests can find it. */
GtkWindow *nb_alert (GtkWindow          *parent,
                     const char         *heading,
                     const char         *body,
                     const char *const  *buttons,
                     int                 default_button,
                     int                 destructive_button,
                     int                 cancel,
                     NbAlertCallback     callback,
                     gpointer            user_data);

/* An error with one Close button. */
GtkWindow *nb_alert_error (GtkWindow  *parent,
                           const char *heading,
                           const char *body);

typedef void (*NbFileCallback) (GFile   *file,   /* NULL when cancelled */
                                gpointer user_data);

typedef struct
{
  const char *name;      /* "Annual reports (*.nianbao)" */
  const char *pattern;   /* "*.nianbao", or several: "*.txt;*.html" */
} NbFileFilter;

/* The filter list for .nianbao documents (translated, NULL-name-terminated). */
const NbFileFilter *nb_report_file_filters (void);

/* Open (@save FALSE) or save (@save TRUE) dialog. @filters is
 * NULL-name-terminated; @initial_folder and @initial_name may be NULL. */
void nb_choose_file (GtkWindow          *parent,
                     gboolean            save,
                     const char         *title,
                     const NbFileFilter *filters,
                     GFile              *initial_folder,
                     const char         *initial_name,
                     NbFileCallback      callback,
                     gpointer            user_data);

typedef void (*NbFilesCallback) (GListModel *files,   /* of GFile; NULL when cancelled */
                                 gpointer    user_data);

/* Open dialog for several files (@folder FALSE) or for one folder (@folder
 * TRUE, @filters unused), with @accept the button's label. */
void nb_choose_files (GtkWindow          *parent,
                      gboolean            folder,
                      const char         *title,
                      const char         *accept,
                      const NbFileFilter *filters,
                      NbFilesCallback     callback,
                      gpointer            user_data);

G_END_DECLS
