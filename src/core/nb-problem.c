/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problem.c — one finding of the checks */
#include "config.h"

#include "nb-problem.h"

struct _NbProblem
{
  GObject     parent_instance;

  char       *id;
  NbSeverity  severity;
  char      **keys;
  char       *section;
  guint       start;
  guint       end;
  char       *message;
};

G_DEFINE_FINAL_TYPE (NbProblem, nb_problem, G_TYPE_OBJECT)

static void
nb_problem_finalize (GObject *object)
{
  NbProblem *self = NB_PROBLEM (object);

  g_free (self->id);
  g_strfreev (self->keys);
  g_free (self->section);
  g_free (self->message);

  G_OBJECT_CLASS (nb_problem_parent_class)->finalize (object);
}

static void
nb_problem_class_init (NbProblemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_problem_finalize;
}

static void
nb_problem_init (NbProblem *self)
{
}

NbProblem *
nb_problem_new (const char        *id,
                NbSeverity         severity,
                const char *const *keys,
                const char        *section,
                guint              start,
                guint              end,
                const char        *message)
{
  NbProblem *self = g_object_new (NB_TYPE_PROBLEM, NULL);
  static const char *const no_keys[] = { NULL };

  self->id = g_strdup (id);
  self->severity = severity;
  self->keys = g_strdupv ((char **) (keys ? keys : no_keys));
  self->section = g_strdup (section);
  self->start = start;
  self->end = end;
  self->message = g_strdup (message);
  return self;
}

const char *nb_problem_get_id (NbProblem *self) { return self->id; }
NbSeverity nb_problem_get_severity (NbProblem *self) { return self->severity; }
const char *const *nb_problem_get_keys (NbProblem *self) { return (const char *const *) self->keys; }
const char *nb_problem_get_section (NbProblem *self) { return self->section; }
guint nb_problem_get_start (NbProblem *self) { return self->start; }
guint nb_problem_get_end (NbProblem *self) { return self->end; }
const char *nb_problem_get_message (NbProblem *self) { return self->message; }

gboolean
nb_problem_has_key (NbProblem  *self,
                    const char *key)
{
  return g_strv_contains ((const char *const *) self->keys, key);
}

const char *
nb_severity_to_string (NbSeverity severity)
{
  return severity == NB_SEVERITY_ERROR ? "error" : "warning";
}
