/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problem-row.c — one row of the problems list */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-checker.h"
#include "nb-problem-row.h"

struct _NbProblemRow
{
  GObject    parent_instance;

  NbProblem *problem;
  guint      position;   /* its place in the list (the rows stay there) */
};

G_DEFINE_FINAL_TYPE (NbProblemRow, nb_problem_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PROBLEM,
  PROP_ICON_NAME,
  PROP_KIND,
  PROP_MESSAGE,
  PROP_CSS_CLASSES,
  PROP_POSITION,
  PROP_FIXABLE,
  PROP_FIX_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_error (NbProblem *problem)
{
  return problem != NULL && nb_problem_get_severity (problem) == NB_SEVERITY_ERROR;
}

static void
nb_problem_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NbProblemRow *self = NB_PROBLEM_ROW (object);
  gboolean error = is_error (self->problem);

  switch (prop_id)
    {
    case PROP_PROBLEM:
      g_value_set_object (value, self->problem);
      break;
    case PROP_ICON_NAME:
      /* Not by colour alone: an icon and a word too. */
      g_value_set_static_string (value, error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      break;
    case PROP_KIND:
      g_value_set_string (value, error ? _("Error") : _("Warning"));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->problem ? nb_problem_get_message (self->problem) : "");
      break;
    case PROP_CSS_CLASSES:
      {
        const char *classes[] = { "nb-problem", error ? "error" : "warning", NULL };
        g_value_set_boxed (value, classes);
      }
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_FIXABLE:
      g_value_set_boolean (value, self->problem != NULL && nb_checker_can_fix (self->problem));
      break;
    case PROP_FIX_TARGET:
      /* The "problems.fix" action's target: this row's place. */
      g_value_set_variant (value, g_variant_new_uint32 (self->position));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_problem_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PROBLEM:
      nb_problem_row_set_problem (NB_PROBLEM_ROW (object), g_value_get_object (value));
      break;
    case PROP_POSITION:
      NB_PROBLEM_ROW (object)->position = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_problem_row_finalize (GObject *object)
{
  NbProblemRow *self = NB_PROBLEM_ROW (object);

  g_clear_object (&self->problem);
  G_OBJECT_CLASS (nb_problem_row_parent_class)->finalize (object);
}

static void
nb_problem_row_class_init (NbProblemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = nb_problem_row_get_property;
  object_class->set_property = nb_problem_row_set_property;
  object_class->finalize = nb_problem_row_finalize;

  properties[PROP_PROBLEM] =
    g_param_spec_object ("problem", NULL, NULL, NB_TYPE_PROBLEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CSS_CLASSES] =
    g_param_spec_boxed ("css-classes", NULL, NULL, G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIXABLE] =
    g_param_spec_boolean ("fixable", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIX_TARGET] =
    g_param_spec_variant ("fix-target", NULL, NULL, G_VARIANT_TYPE_UINT32, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nb_problem_row_init (NbProblemRow *self)
{
}

NbProblemRow *
nb_problem_row_new (NbProblem *problem,
                    guint      position)
{
  return g_object_new (NB_TYPE_PROBLEM_ROW, "position", position, "problem", problem, NULL);
}

NbProblem *
nb_problem_row_get_problem (NbProblemRow *self)
{
  g_return_val_if_fail (NB_IS_PROBLEM_ROW (self), NULL);

  return self->problem;
}

void
nb_problem_row_set_problem (NbProblemRow *self,
                            NbProblem    *problem)
{
  gboolean severity_changed, message_changed;

  g_return_if_fail (NB_IS_PROBLEM_ROW (self));
  g_return_if_fail (problem == NULL || NB_IS_PROBLEM (problem));

  if (problem == self->problem)
    return;
  severity_changed = self->problem == NULL || problem == NULL
                     || is_error (self->problem) != is_error (problem);
  message_changed = self->problem == NULL || problem == NULL
                    || g_strcmp0 (nb_problem_get_message (self->problem), nb_problem_get_message (problem)) != 0;
  g_set_object (&self->problem, problem);

  /* Rows whose words stay the same are not touched: each notification
   * makes its label lay its text out again. */
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
  if (severity_changed || message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXABLE]);
  if (severity_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CSS_CLASSES]);
    }
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  g_object_thaw_notify (G_OBJECT (self));
}
