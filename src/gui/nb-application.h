/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-application.h — NbApplication: windows, settings, recent documents */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NB_TYPE_APPLICATION (nb_application_get_type ())
G_DECLARE_FINAL_TYPE (NbApplication, nb_application, NB, APPLICATION, GtkApplication)

NbApplication *nb_application_new              (void);

/* The application's settings, or NULL when the schema is not installed
 * (running from an unprepared build tree): then nothing is remembered. */
GSettings     *nb_application_get_settings     (NbApplication *self);

/* Recent documents, newest first (URIs). */
char         **nb_application_dup_recent       (NbApplication *self);
void           nb_application_add_recent       (NbApplication *self,
                                                GFile         *file);
void           nb_application_remove_recent    (NbApplication *self,
                                                const char    *uri);

/* Where autosaved copies of unsaved documents live. */
char          *nb_application_dup_recovery_dir (void);

G_END_DECLS
