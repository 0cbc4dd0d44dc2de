/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-new-dialog.h — agency, year and format of a new report */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_NEW_DIALOG (nb_new_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NbNewDialog, nb_new_dialog, NB, NEW_DIALOG, GtkWindow)

NbNewDialog *nb_new_dialog_new (GtkWindow *parent);

/* Starts the new report from last year's (as the check box does after
 * choosing its file); NULL unchecks it. */
/* Last year's report when the clerk starts from it, else NULL. */
NbReport    *nb_new_dialog_get_previous (NbNewDialog *self);
void         nb_new_dialog_set_previous (NbNewDialog *self,
                                         NbReport    *previous);
/* Signal "create" (NbReport *report): the clerk pressed Create. */

G_END_DECLS
