/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problem-row.c — one row of the problems list */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pango.h>

#include "nb-checker.h"
#include "nb-problem-row.h"

struct _NbProblemRow
{
  GObject    parent_instance;

  NbProblem *problem;
  guint      position;   /* its place in the list (the rows stay there) */
  /* The list's width and the font's advances (px), to tell how many lines
   * the message needs without laying it out (see estimate_lines). */
  int           width;       /* the message's, without the Fix button */
  int           fix_width;
  NbAdvanceFunc advance;
  gpointer      advance_data;
  guint         generation;
  guint         lines;
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
  PROP_LINES,
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
    case PROP_LINES:
      g_value_set_uint (value, self->lines);
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
  /* "lines": how many lines the message takes at the list's width. */
  properties[PROP_LINES] =
    g_param_spec_uint ("lines", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The lines the message wraps to, from the characters' advances alone
 * (each measured once for the whole list). The row shows its text in a
 * GtkInscription, which takes its height from this count instead of laying
 * the text out to measure it: with GTK 4.8's list view that meant shaping
 * up to 200 messages again whenever a table figure reworded them. The
 * estimate errs a little long (line-breaking rules move a character or a
 * Latin word to the next line); a cut line would end in "…". */
static guint
estimate_lines (NbProblemRow *self)
{
  const char *message = self->problem ? nb_problem_get_message (self->problem) : NULL;
  gint64 text = 0;
  int available;

  if (message == NULL || self->width <= 0 || self->advance == NULL)
    return 1;
  for (const char *p = message; *p; p = g_utf8_next_char (p))
    text += self->advance (g_utf8_get_char (p), self->advance_data);
  text = (text + PANGO_SCALE - 1) / PANGO_SCALE;
  available = self->width;
  if (nb_checker_can_fix (self->problem))
    available -= self->fix_width;
  available = MAX (available, 48);
  text = text * 103 / 100;
  return (guint) MAX (1, (text + available - 1) / available);
}

static void
update_lines (NbProblemRow *self)
{
  guint lines = estimate_lines (self);

  if (lines != self->lines)
    {
      self->lines = lines;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINES]);
    }
}

void
nb_problem_row_set_metrics (NbProblemRow *self,
                            int           text_width,
                            int           fix_width,
                            NbAdvanceFunc advance,
                            gpointer      advance_data,
                            guint         generation)
{
  g_return_if_fail (NB_IS_PROBLEM_ROW (self));

  if (text_width == self->width && fix_width == self->fix_width && advance == self->advance
      && advance_data == self->advance_data && generation == self->generation)
    return;
  self->width = text_width;
  self->fix_width = fix_width;
  self->advance = advance;
  self->advance_data = advance_data;
  self->generation = generation;
  update_lines (self);
}

guint
nb_problem_row_get_lines (NbProblemRow *self)
{
  g_return_val_if_fail (NB_IS_PROBLEM_ROW (self), 1);

  return self->lines;
}

static void
nb_problem_row_init (NbProblemRow *self)
{
  self->lines = 1;
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
  if (severity_changed || message_changed)
    update_lines (self);
  g_object_thaw_notify (G_OBJECT (self));
}
