/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-import.h — File → Import…: a published report into the window */
#pragma once

#include "nb-dialogs.h"
#include "nb-window.h"

G_BEGIN_DECLS

/* Documents and the published reports import reads (translated,
 * NULL-name-terminated): Open, Import and New Report's last year. */
const NbFileFilter *nb_import_file_filters (void);

/* Imports @file into the window as a new, unsaved document; its import
 * warnings are listed beside the checks. */
gboolean nb_window_import_file (NbWindow  *self,
                                GFile     *file,
                                GError   **error);

/* The clerk has gone through the import warnings: they leave the list. */
void     nb_window_clear_import_warnings (NbWindow *self);

G_END_DECLS
