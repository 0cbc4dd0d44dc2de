/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-details-view.h — the report's details: agency, kind, year, date, sign-off */
#pragma once

#include <gtk/gtk.h>

#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_DETAILS_VIEW (nb_details_view_get_type ())
G_DECLARE_FINAL_TYPE (NbDetailsView, nb_details_view, NB, DETAILS_VIEW, GtkWidget)

GtkWidget *nb_details_view_new         (NbReport      *report);
/* Marks the fields (agency, date, sign-off) that problems are about. */
void       nb_details_view_set_problems (NbDetailsView *self,
                                         GPtrArray     *problems);
/* Focuses the entry of "agency", "date" or "signoff"; FALSE for others. */
gboolean   nb_details_view_focus_field (NbDetailsView *self,
                                        const char    *key);

/* The date's calendar (in the popover beside the entry) and its entry. */
GtkCalendar *nb_details_view_get_calendar   (NbDetailsView *self);
GtkEntry    *nb_details_view_get_date_entry (NbDetailsView *self);

/* Implements NbSectionPage (its "refused" signal too). */

G_END_DECLS
