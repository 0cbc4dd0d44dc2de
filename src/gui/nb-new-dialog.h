/* nb-new-dialog.h — agency, year and format of a new report */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_NEW_DIALOG (nb_new_dialog_get_type ())
G_DECLARE_FINAL_TYPE (NbNewDialog, nb_new_dialog, NB, NEW_DIALOG, GtkWindow)

NbNewDialog *nb_new_dialog_new (GtkWindow *parent);

/* Signal "create" (NbReport *report): the clerk pressed Create. */

G_END_DECLS
