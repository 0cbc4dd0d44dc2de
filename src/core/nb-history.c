/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-history.c — undo/redo of report edits, as (key, before, after) texts */
#include "config.h"

#include "nb-history.h"

/* Typing in one text merges into one step while pauses stay below this. */
#define MERGE_USEC (G_USEC_PER_SEC * 3 / 2)

typedef struct
{
  char *key;
  char *before;
  char *after;
} Change;

typedef struct
{
  GPtrArray *changes;   /* Change* in the order they were made */
  guint      id;
  gint64     time;
  gboolean   sealed;
} Step;

struct _NbHistory
{
  GObject    parent_instance;

  GPtrArray *undo;      /* Step*, oldest first */
  GPtrArray *redo;      /* Step*, next to redo last */
  Step      *group;     /* open group, or NULL */
  guint      group_depth;
  guint      next_id;
};

G_DEFINE_FINAL_TYPE (NbHistory, nb_history, G_TYPE_OBJECT)

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
change_free (gpointer data)
{
  Change *c = data;

  g_free (c->key);
  g_free (c->before);
  g_free (c->after);
  g_free (c);
}

static void
step_free (gpointer data)
{
  Step *s = data;

  g_ptr_array_unref (s->changes);
  g_free (s);
}

static Step *
step_new (NbHistory *self)
{
  Step *s = g_new0 (Step, 1);

  s->changes = g_ptr_array_new_with_free_func (change_free);
  s->id = ++self->next_id;
  s->time = g_get_monotonic_time ();
  return s;
}

static void
notify_state (NbHistory *self,
              gboolean   could_undo,
              gboolean   could_redo)
{
  if (could_undo != nb_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != nb_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
nb_history_finalize (GObject *object)
{
  NbHistory *self = NB_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->group, step_free);

  G_OBJECT_CLASS (nb_history_parent_class)->finalize (object);
}

static void
nb_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  NbHistory *self = NB_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, nb_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, nb_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nb_history_class_init (NbHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nb_history_finalize;
  object_class->get_property = nb_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nb_history_init (NbHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
}

NbHistory *
nb_history_new (void)
{
  return g_object_new (NB_TYPE_HISTORY, NULL);
}

void
nb_history_record (NbHistory  *self,
                   const char *key,
                   const char *old_value,
                   const char *new_value)
{
  gboolean could_undo = nb_history_can_undo (self);
  gboolean could_redo = nb_history_can_redo (self);
  Change *change;
  Step *step;

  g_return_if_fail (NB_IS_HISTORY (self));
  g_return_if_fail (key != NULL);

  if (g_strcmp0 (old_value, new_value) == 0)
    return;

  g_ptr_array_set_size (self->redo, 0);

  if (self->group)
    {
      step = self->group;
    }
  else
    {
      Step *top = self->undo->len ? g_ptr_array_index (self->undo, self->undo->len - 1) : NULL;
      gint64 now = g_get_monotonic_time ();

      /* Typing in a text: merge into the previous step of the same text. */
      if (top && !top->sealed && top->changes->len == 1 &&
          g_str_has_prefix (key, "text/") &&
          g_str_equal (((Change *) g_ptr_array_index (top->changes, 0))->key, key) &&
          now - top->time < MERGE_USEC)
        {
          Change *c = g_ptr_array_index (top->changes, 0);

          g_free (c->after);
          c->after = g_strdup (new_value);
          top->time = now;
          top->id = ++self->next_id;   /* a new state: not the saved one */
          notify_state (self, could_undo, could_redo);
          return;
        }
      if (top)
        top->sealed = TRUE;
      step = step_new (self);
      step->sealed = !g_str_has_prefix (key, "text/");
      g_ptr_array_add (self->undo, step);
    }

  change = g_new0 (Change, 1);
  change->key = g_strdup (key);
  change->before = g_strdup (old_value);
  change->after = g_strdup (new_value);
  g_ptr_array_add (step->changes, change);

  notify_state (self, could_undo, could_redo);
}

void
nb_history_begin_group (NbHistory *self)
{
  g_return_if_fail (NB_IS_HISTORY (self));

  if (self->group_depth++ == 0)
    {
      nb_history_seal (self);
      self->group = step_new (self);
      self->group->sealed = TRUE;
    }
}

void
nb_history_end_group (NbHistory *self)
{
  gboolean could_undo = nb_history_can_undo (self);
  gboolean could_redo = nb_history_can_redo (self);

  g_return_if_fail (NB_IS_HISTORY (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  if (self->group->changes->len > 0)
    g_ptr_array_add (self->undo, self->group);
  else
    step_free (self->group);
  self->group = NULL;
  notify_state (self, could_undo, could_redo);
}

void
nb_history_seal (NbHistory *self)
{
  g_return_if_fail (NB_IS_HISTORY (self));

  if (self->undo->len)
    ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->sealed = TRUE;
}

void
nb_history_clear (NbHistory *self)
{
  gboolean could_undo = nb_history_can_undo (self);
  gboolean could_redo = nb_history_can_redo (self);

  g_return_if_fail (NB_IS_HISTORY (self));

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_state (self, could_undo, could_redo);
}

gboolean
nb_history_can_undo (NbHistory *self)
{
  return self->undo->len > 0;
}

gboolean
nb_history_can_redo (NbHistory *self)
{
  return self->redo->len > 0;
}

static void
history_change_free (gpointer data)
{
  NbHistoryChange *c = data;

  g_free (c->key);
  g_free (c->value);
  g_free (c);
}

static GPtrArray *
take (NbHistory *self,
      GPtrArray *from,
      GPtrArray *to,
      gboolean   undo)
{
  gboolean could_undo = nb_history_can_undo (self);
  gboolean could_redo = nb_history_can_redo (self);
  GPtrArray *result;
  Step *step;

  if (from->len == 0 || self->group)
    return NULL;

  step = g_ptr_array_steal_index (from, from->len - 1);
  step->sealed = TRUE;
  result = g_ptr_array_new_with_free_func (history_change_free);
  for (guint i = 0; i < step->changes->len; i++)
    {
      /* Undo applies the changes backwards, redo forwards. */
      Change *c = g_ptr_array_index (step->changes, undo ? step->changes->len - 1 - i : i);
      NbHistoryChange *hc = g_new0 (NbHistoryChange, 1);

      hc->key = g_strdup (c->key);
      hc->value = g_strdup (undo ? c->before : c->after);
      g_ptr_array_add (result, hc);
    }
  g_ptr_array_add (to, step);
  notify_state (self, could_undo, could_redo);
  return result;
}

GPtrArray *
nb_history_take_undo (NbHistory *self)
{
  g_return_val_if_fail (NB_IS_HISTORY (self), NULL);
  return take (self, self->undo, self->redo, TRUE);
}

GPtrArray *
nb_history_take_redo (NbHistory *self)
{
  g_return_val_if_fail (NB_IS_HISTORY (self), NULL);
  return take (self, self->redo, self->undo, FALSE);
}

guint
nb_history_get_position (NbHistory *self)
{
  g_return_val_if_fail (NB_IS_HISTORY (self), 0);

  if (self->undo->len == 0)
    return 0;
  return ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->id;
}
