/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-form-grid.c — a GtkGrid whose header rows and row labels stay in view
 *
 * A GtkGrid inside lays everything out as usual; afterwards the sticky cells
 * are allocated again, moved by how far the visible area has scrolled past
 * the grid's top or left edge, and drawn last (attached last) so they cover
 * what is under them. (GtkGrid's allocation is its layout manager's, so it
 * is wrapped rather than subclassed.)
 * Moving the allocation (not only the drawing) keeps tooltips and clicks on
 * what the clerk sees. A focused cell that would end up under the header
 * rows is scrolled out from under them.
 */
#include "config.h"

#include "nb-form-grid.h"

#define STICKY_TOP  "nb-sticky-top"
#define STICKY_LEFT "nb-sticky-left"

struct _NbFormGrid
{
  GtkWidget      parent_instance;

  GtkWidget     *grid;
  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  /* "value-changed" of each. GLib 2.74's groups must be emptied while the
   * target lives: hence the strong references above. */
  GSignalGroup  *hadjustment_signals;
  GSignalGroup  *vadjustment_signals;
  double         dx;
  double         dy;
  guint          reveal_idle;
};

G_DEFINE_FINAL_TYPE (NbFormGrid, nb_form_grid, GTK_TYPE_WIDGET)

/* Where the grid put a sticky cell, and where we moved it: if the cell is
 * still where we moved it, the grid has not laid it out again since. */
typedef struct
{
  graphene_rect_t natural;
  graphene_rect_t moved;
} Placement;

static gboolean
is_top (GtkWidget *child)
{
  return g_object_get_data (G_OBJECT (child), STICKY_TOP) != NULL;
}

static gboolean
is_left (GtkWidget *child)
{
  return g_object_get_data (G_OBJECT (child), STICKY_LEFT) != NULL;
}

/* Where the visible area begins, in the grid's coordinates. */
static void
visible_origin (NbFormGrid *self,
                double     *x,
                double     *y)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  graphene_point_t zero = GRAPHENE_POINT_INIT (0, 0), at;

  *x = *y = 0;
  if (viewport && gtk_widget_compute_point (viewport, GTK_WIDGET (self), &zero, &at))
    {
      *x = at.x;
      *y = at.y;
    }
}

static void
nb_form_grid_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gtk_widget_measure (NB_FORM_GRID (widget)->grid, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static Placement *
placement_of (GtkWidget *child,
              GtkWidget *grid)
{
  Placement *p = g_object_get_data (G_OBJECT (child), "nb-placement");
  graphene_rect_t now;

  if (!gtk_widget_compute_bounds (child, grid, &now))
    return NULL;
  if (!p)
    {
      p = g_new0 (Placement, 1);
      g_object_set_data_full (G_OBJECT (child), "nb-placement", p, g_free);
      p->natural = p->moved = now;
    }
  else if (!graphene_rect_equal (&now, &p->moved))
    p->natural = p->moved = now;   /* laid out anew by the grid */
  return p;
}

/* The bottom of the sticky header rows and the right edge of the sticky
 * row labels, as the grid laid them out; @place: (re)place the sticky cells
 * first (during allocation), else read the placements as they are. */
static void
sticky_extent (NbFormGrid *self,
               gboolean    place,
               double     *header_bottom,
               double     *labels_right)
{
  *header_bottom = *labels_right = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (self->grid); c; c = gtk_widget_get_next_sibling (c))
    {
      Placement *p;

      if (!(is_top (c) || is_left (c)))
        continue;
      p = place ? placement_of (c, self->grid) : g_object_get_data (G_OBJECT (c), "nb-placement");
      if (!p)
        continue;
      if (is_top (c))
        *header_bottom = MAX (*header_bottom, p->natural.origin.y + p->natural.size.height);
      if (is_left (c) && !is_top (c))
        *labels_right = MAX (*labels_right, p->natural.origin.x + p->natural.size.width);
    }
}

static void
nb_form_grid_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  NbFormGrid *self = NB_FORM_GRID (widget);
  double x, y, header_bottom, labels_right;

  gtk_widget_allocate (self->grid, width, height, baseline, NULL);

  /* How much room the sticky parts take, to keep them inside the grid. */
  sticky_extent (self, TRUE, &header_bottom, &labels_right);
  visible_origin (self, &x, &y);
  self->dy = CLAMP (y, 0, MAX (0, height - header_bottom));
  self->dx = CLAMP (x, 0, MAX (0, width - labels_right));

  for (GtkWidget *c = gtk_widget_get_first_child (self->grid); c; c = gtk_widget_get_next_sibling (c))
    {
      Placement *p = g_object_get_data (G_OBJECT (c), "nb-placement");
      GtkAllocation a;

      if (!p || (!is_top (c) && !is_left (c)))
        continue;
      p->moved = p->natural;
      if (is_left (c))
        p->moved.origin.x += (int) self->dx;
      if (is_top (c))
        p->moved.origin.y += (int) self->dy;
      a.x = (int) p->moved.origin.x;
      a.y = (int) p->moved.origin.y;
      a.width = (int) p->moved.size.width;
      a.height = (int) p->moved.size.height;
      gtk_widget_size_allocate (c, &a, -1);
    }
}

/* Scrolls the focused cell into the part of the view that the sticky
 * header rows and row labels leave free (the viewport's own scroll-to-focus
 * is off: it animates and would not know about them). */
static gboolean
reveal_cb (gpointer user_data)
{
  NbFormGrid *self = user_data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  double header_bottom, labels_right;
  graphene_rect_t cell, seen;

  self->reveal_idle = 0;
  while (focus && gtk_widget_get_parent (focus) != self->grid)
    focus = gtk_widget_get_parent (focus);
  if (!focus || !viewport || !gtk_widget_compute_bounds (focus, viewport, &cell))
    return G_SOURCE_REMOVE;
  sticky_extent (self, FALSE, &header_bottom, &labels_right);
  /* The free part of the view, in the viewport's coordinates. */
  seen = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (viewport), gtk_widget_get_height (viewport));
  if (self->dy > 0 || cell.origin.y < header_bottom)
    {
      graphene_point_t zero = GRAPHENE_POINT_INIT (0, 0), top;

      /* The header's bottom edge as drawn now (or would be once scrolled). */
      if (gtk_widget_compute_point (GTK_WIDGET (self), viewport, &zero, &top))
        {
          double edge = MAX (0, top.y + self->dy) + header_bottom;
          seen.size.height -= MAX (0, edge - seen.origin.y);
          seen.origin.y = MAX (seen.origin.y, edge);
        }
    }
  if (self->vadjustment)
    {
      double v = gtk_adjustment_get_value (self->vadjustment);

      if (cell.origin.y < seen.origin.y)
        gtk_adjustment_set_value (self->vadjustment, v - (seen.origin.y - cell.origin.y));
      else if (cell.origin.y + cell.size.height > seen.origin.y + seen.size.height)
        gtk_adjustment_set_value (self->vadjustment,
                                  v + MIN (cell.origin.y - seen.origin.y,
                                           cell.origin.y + cell.size.height - (seen.origin.y + seen.size.height)));
    }
  if (self->hadjustment)
    {
      double h = gtk_adjustment_get_value (self->hadjustment);
      double left = self->dx > 0 ? labels_right : 0;

      if (cell.origin.x < left)
        gtk_adjustment_set_value (self->hadjustment, h - (left - cell.origin.x));
      else if (cell.origin.x + cell.size.width > seen.size.width)
        gtk_adjustment_set_value (self->hadjustment, h + (cell.origin.x + cell.size.width - seen.size.width));
    }
  return G_SOURCE_REMOVE;
}

static void
on_focus_widget (GtkRoot    *root,
                 GParamSpec *pspec,
                 NbFormGrid *self)
{
  GtkWidget *focus = gtk_root_get_focus (root);

  /* After the viewport has scrolled to the focus. */
  if (focus && gtk_widget_is_ancestor (focus, self->grid) && !self->reveal_idle)
    self->reveal_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reveal_cb, g_object_ref (self), g_object_unref);
}

static void
nb_form_grid_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (nb_form_grid_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (on_focus_widget), widget, 0);
}

static void
nb_form_grid_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_focus_widget, widget);
  GTK_WIDGET_CLASS (nb_form_grid_parent_class)->unroot (widget);
}

static void
on_scrolled (GtkAdjustment *adjustment,
             NbFormGrid    *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
nb_form_grid_dispose (GObject *object)
{
  NbFormGrid *self = NB_FORM_GRID (object);

  nb_form_grid_set_adjustments (self, NULL, NULL);
  g_clear_object (&self->hadjustment_signals);
  g_clear_object (&self->vadjustment_signals);
  g_clear_handle_id (&self->reveal_idle, g_source_remove);
  g_clear_pointer (&self->grid, gtk_widget_unparent);
  G_OBJECT_CLASS (nb_form_grid_parent_class)->dispose (object);
}

static void
nb_form_grid_class_init (NbFormGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_form_grid_dispose;
  widget_class->measure = nb_form_grid_measure;
  widget_class->size_allocate = nb_form_grid_size_allocate;
  widget_class->root = nb_form_grid_root;
  widget_class->unroot = nb_form_grid_unroot;
}

static void
nb_form_grid_init (NbFormGrid *self)
{
  self->grid = gtk_grid_new ();
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));
  self->hadjustment_signals = g_signal_group_new (GTK_TYPE_ADJUSTMENT);
  g_signal_group_connect (self->hadjustment_signals, "value-changed", G_CALLBACK (on_scrolled), self);
  self->vadjustment_signals = g_signal_group_new (GTK_TYPE_ADJUSTMENT);
  g_signal_group_connect (self->vadjustment_signals, "value-changed", G_CALLBACK (on_scrolled), self);
}

GtkGrid *
nb_form_grid_get_grid (NbFormGrid *self)
{
  g_return_val_if_fail (NB_IS_FORM_GRID (self), NULL);
  return GTK_GRID (self->grid);
}

GtkWidget *
nb_form_grid_new (void)
{
  return g_object_new (NB_TYPE_FORM_GRID, NULL);
}

void
nb_form_grid_set_sticky (NbFormGrid *self,
                         GtkWidget  *child,
                         gboolean    top,
                         gboolean    left)
{
  g_return_if_fail (NB_IS_FORM_GRID (self));

  g_object_set_data (G_OBJECT (child), STICKY_TOP, GINT_TO_POINTER (top));
  g_object_set_data (G_OBJECT (child), STICKY_LEFT, GINT_TO_POINTER (left));
  if (top || left)
    gtk_widget_add_css_class (child, "nb-sticky");
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
nb_form_grid_set_adjustments (NbFormGrid    *self,
                              GtkAdjustment *hadjustment,
                              GtkAdjustment *vadjustment)
{
  g_return_if_fail (NB_IS_FORM_GRID (self));

  g_signal_group_set_target (self->hadjustment_signals, hadjustment);
  g_set_object (&self->hadjustment, hadjustment);
  g_signal_group_set_target (self->vadjustment_signals, vadjustment);
  g_set_object (&self->vadjustment, vadjustment);
}

void
nb_form_grid_get_offset (NbFormGrid *self,
                         double     *dx,
                         double     *dy)
{
  g_return_if_fail (NB_IS_FORM_GRID (self));

  if (dx)
    *dx = self->dx;
  if (dy)
    *dy = self->dy;
}
