/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problem.h — one finding of the checks */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  NB_SEVERITY_ERROR,    /* the report is wrong */
  NB_SEVERITY_WARNING,  /* suspicious: a person should look */
} NbSeverity;

#define NB_TYPE_PROBLEM (nb_problem_get_type ())
G_DECLARE_FINAL_TYPE (NbProblem, nb_problem, NB, PROBLEM, GObject)

/* @keys: cell or field keys involved (NULL-terminated, may be NULL);
 * @section: for text problems the section key, with the character range
 * [start, end) in that section's text; else NULL and 0, 0. */
NbProblem          *nb_problem_new          (const char         *id,
                                             NbSeverity          severity,
                                             const char *const  *keys,
                                             const char         *section,
                                             guint               start,
                                             guint               end,
                                             const char         *message);

const char         *nb_problem_get_id       (NbProblem *self);
NbSeverity          nb_problem_get_severity (NbProblem *self);
const char *const  *nb_problem_get_keys     (NbProblem *self);
gboolean            nb_problem_has_key      (NbProblem  *self,
                                             const char *key);
const char         *nb_problem_get_section  (NbProblem *self);
guint               nb_problem_get_start    (NbProblem *self);
guint               nb_problem_get_end      (NbProblem *self);
/* zh_CN, with the expected and the found figures. */
const char         *nb_problem_get_message  (NbProblem *self);

const char         *nb_severity_to_string   (NbSeverity severity);  /* "error" */

G_END_DECLS
