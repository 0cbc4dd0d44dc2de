/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-item.c — one entry of an NbAggregate, as a list item */
#include "config.h"

#include "nb-aggregate-item.h"

struct _NbAggregateItem
{
  GObject      parent_instance;

  NbAggregate *aggregate;   /* owns the entry */
  guint        index;
  char        *name;
};

G_DEFINE_FINAL_TYPE (NbAggregateItem, nb_aggregate_item, G_TYPE_OBJECT)

static void
nb_aggregate_item_finalize (GObject *object)
{
  NbAggregateItem *self = NB_AGGREGATE_ITEM (object);

  g_clear_object (&self->aggregate);
  g_free (self->name);
  G_OBJECT_CLASS (nb_aggregate_item_parent_class)->finalize (object);
}

static void
nb_aggregate_item_class_init (NbAggregateItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_aggregate_item_finalize;
}

static void
nb_aggregate_item_init (NbAggregateItem *self)
{
}

NbAggregateItem *
nb_aggregate_item_new (NbAggregate *aggregate,
                       guint        index)
{
  NbAggregateItem *self = g_object_new (NB_TYPE_AGGREGATE_ITEM, NULL);
  const NbAggregateEntry *e;

  self->aggregate = g_object_ref (aggregate);
  self->index = index;
  e = nb_aggregate_get_entry (aggregate, index);
  if (e->agency && *e->agency)
    self->name = g_strdup (e->agency);
  else
    self->name = e->path ? g_path_get_basename (e->path) : g_strdup ("");
  return self;
}

const NbAggregateEntry *
nb_aggregate_item_get_entry (NbAggregateItem *self)
{
  g_return_val_if_fail (NB_IS_AGGREGATE_ITEM (self), NULL);
  return nb_aggregate_get_entry (self->aggregate, self->index);
}

NbAggregate *
nb_aggregate_item_get_aggregate (NbAggregateItem *self)
{
  g_return_val_if_fail (NB_IS_AGGREGATE_ITEM (self), NULL);
  return self->aggregate;
}

const char *
nb_aggregate_item_get_name (NbAggregateItem *self)
{
  g_return_val_if_fail (NB_IS_AGGREGATE_ITEM (self), NULL);
  return self->name;
}
