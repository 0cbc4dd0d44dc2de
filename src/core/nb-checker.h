/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-checker.h — runs a format's checks (data in data/formats/VERSION.json) */
#pragma once

#include <glib-object.h>

#include "nb-format.h"
#include "nb-problem.h"
#include "nb-report.h"

G_BEGIN_DECLS

#define NB_TYPE_CHECKER (nb_checker_get_type ())
G_DECLARE_FINAL_TYPE (NbChecker, nb_checker, NB, CHECKER, GObject)

/* Compiles the format's checks once (fails on bad check data). */
NbChecker  *nb_checker_new          (NbFormat   *format,
                                     GError    **error);
/* A shared checker per format (transfer none). */
NbChecker  *nb_checker_for_format   (NbFormat   *format);

/* Every problem of @report, errors first then warnings, each in the order
 * of the format's checks; @previous (last year's report) enables the
 * across-years checks. Returns NbProblem* (transfer full). */
GPtrArray  *nb_checker_run          (NbChecker  *self,
                                     NbReport   *report,
                                     NbReport   *previous);

/* Runs @self once over a report of its format's first year whose first
 * text states the statistics period in the format's own wording, so that
 * what the checks compile on a first match (GRegex's JIT) is compiled
 * before threads share it. TRUE when the period so written is read back
 * (the format's period_text is one the checks recognise). */
gboolean    nb_checker_warm_up      (NbChecker  *self);

/* Convenience: nb_checker_run with the shared checker of the report's format. */
GPtrArray  *nb_check_report         (NbReport   *report,
                                     NbReport   *previous);
guint       nb_problems_count       (GPtrArray  *problems,
                                     NbSeverity  severity);

/* Whether @problem has a one-click fix (text.punctuation: the half-width
 * marks of its paragraph put in full width). */
gboolean    nb_checker_can_fix       (NbProblem  *problem);
/* Applies that fix to @report's text (one undo step); FALSE with @error
 * if the text no longer matches the problem (check again first). */
gboolean    nb_checker_apply_fix     (NbReport   *report,
                                      NbProblem  *problem,
                                      GError    **error);

/* The top-level headings of a published report as its reader found them,
 * in order ("一、总体情况", …, NULL-terminated): the six official headings,
 * in order, with their numbers. A reworded heading the format knows as a
 * common variant ("五、存在问题及改进情况") is a warning; a missing,
 * misnumbered, unknown or misplaced one an error (checks section.headings
 * and section.heading_variant of the format). Returns NbProblem* (transfer
 * full), each with the key "heading/N" (N: 0-based index into @headings,
 * or the section's position when it is missing). */
GPtrArray  *nb_checker_check_headings (NbChecker          *self,
                                       const char *const  *headings);

/* Starts @report from @previous (last year's): sets every cell that an
 * across-years equality check of the format derives from last year
 * (requests carried in = last year's carried out, 2019 items' previous
 * count, 2021 documents in force), so the checks hold from the start.
 * One undo step. Returns how many cells were set. */
guint       nb_checker_carry_over   (NbChecker  *self,
                                     NbReport   *report,
                                     NbReport   *previous);

G_END_DECLS
