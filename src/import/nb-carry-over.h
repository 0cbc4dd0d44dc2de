/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-carry-over.h — a new year's report started from last year's */
#pragma once

#include "nb-report.h"

G_BEGIN_DECLS

/* A new report for @year (in the format in force for it) with last year's
 * agency, kind and sign-off and every figure the format carries across
 * years (see nb_checker_carry_over()) and last year's texts as drafts to
 * review (nb_carry_over_texts()). @agency NULL keeps last year's name.
 * Fails with NB_ERROR_IMPORT unless @previous is the report of @year − 1,
 * or NB_ERROR_FORMAT when no format covers @year. */
NbReport *nb_carry_over (NbReport    *previous,
                         int          year,
                         const char  *agency,
                         GError     **error);

/* Copies last year's texts into @report as drafts: each non-empty text
 * section both formats have, marked for review (nb_report_get_needs_review)
 * until edited. nb_carry_over() does this too. Returns the section keys
 * copied (owned by the format). */
GPtrArray *nb_carry_over_texts (NbReport *report,
                                NbReport *previous);

G_END_DECLS
