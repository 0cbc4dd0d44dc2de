/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-item.h — NbAggregateItem: one row of the 汇总 window's table */
#pragma once

#include <glib-object.h>

#include "nb-aggregate.h"

G_BEGIN_DECLS

#define NB_TYPE_AGGREGATE_ITEM (nb_aggregate_item_get_type ())
G_DECLARE_FINAL_TYPE (NbAggregateItem, nb_aggregate_item, NB, AGGREGATE_ITEM, GObject)

NbAggregateItem        *nb_aggregate_item_new       (NbAggregate     *aggregate,
                                                     guint            index);
const NbAggregateEntry *nb_aggregate_item_get_entry (NbAggregateItem *self);
NbAggregate            *nb_aggregate_item_get_aggregate (NbAggregateItem *self);
/* The agency, or the file name for a file that could not be read. */
const char             *nb_aggregate_item_get_name  (NbAggregateItem *self);

G_END_DECLS
