/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-chart.c — bar charts drawn with cairo and pango */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "nb-aggregate-chart.h"

#define BAR_MIN   14.0   /* narrowest bar group, px */
#define MARGIN    12.0
#define AXIS_W    44.0
#define LABEL_H   64.0   /* room for the agency names, turned */
#define TITLE_H   24.0
#define LEGEND_H  40.0   /* two lines */

struct _NbAggregateChart
{
  GtkWidget    parent_instance;

  NbAggregate *aggregate;
  GPtrArray   *counted;    /* const NbAggregateEntry* with figures */
};

G_DEFINE_FINAL_TYPE (NbAggregateChart, nb_aggregate_chart, GTK_TYPE_WIDGET)

/* Tango-like colours, distinct in print and for most colour-blind eyes. */
static const double palette[][3] = {
  { 0.20, 0.40, 0.80 }, { 0.90, 0.45, 0.10 }, { 0.30, 0.65, 0.25 }, { 0.75, 0.20, 0.25 },
  { 0.55, 0.35, 0.70 }, { 0.55, 0.55, 0.55 }, { 0.10, 0.65, 0.70 }, { 0.85, 0.70, 0.10 },
};

static double
value_of (const NbNumber *n)
{
  char buf[NB_NUMBER_BUF];

  return n->blank ? 0 : g_ascii_strtod (nb_number_format (n, buf), NULL);
}

static void
draw_text (cairo_t    *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       angle,
           gboolean     right)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, right ? -w : 0, -h / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* One chart in the box (x, y, w, h): bars of @series (figure indexes),
 * stacked or side by side. */

double
nb_aggregate_chart_scale (double  max,
                          double *step)
{
  if (max <= 0)
    max = 1;
  /* A round scale: 1, 2 or 5 times a power of ten, four or five steps;
   * never under 1, the figures being counts of cases (a step of 0.2 made
   * the labels 0 0 0 1 1 1 for an area with 1 or 2 cases). */
  *step = pow (10, floor (log10 (max / 4)));
  if (max / *step > 20)
    *step *= 5;
  else if (max / *step > 8)
    *step *= 2;
  *step = MAX (*step, 1);
  return ceil (max / *step) * *step;
}

static void
draw_chart (NbAggregateChart *self,
            cairo_t          *cr,
            PangoLayout      *layout,
            double            x,
            double            y,
            double            w,
            double            h,
            const char       *title,
            const guint      *series,
            guint             n_series,
            gboolean          stacked)
{
  guint n = self->counted->len;
  double plot_x = x + AXIS_W, plot_y = y + TITLE_H, plot_w = w - AXIS_W - MARGIN;
  double plot_h = h - TITLE_H - LABEL_H - LEGEND_H;
  double max = 0, step, group;
  GdkRGBA fg = { 0, 0, 0, 1 };

  pango_layout_set_text (layout, title, -1);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, plot_x, y);
  pango_cairo_show_layout (cr, layout);
  if (n == 0 || plot_h < 20 || plot_w < 20)
    return;

  for (guint i = 0; i < n; i++)
    {
      const NbAggregateEntry *e = g_ptr_array_index (self->counted, i);
      double total = 0;

      for (guint s = 0; s < n_series; s++)
        {
          double v = value_of (&e->figures[series[s]]);

          total = stacked ? total + v : MAX (total, v);
        }
      max = MAX (max, total);
    }
  max = nb_aggregate_chart_scale (max, &step);

  cairo_set_line_width (cr, 1);
  for (double t = 0; t <= max + step / 2; t += step)
    {
      double ty = plot_y + plot_h - t / max * plot_h;
      g_autofree char *label = g_strdup_printf ("%.0f", t);

      cairo_set_source_rgba (cr, 0, 0, 0, t == 0 ? 0.6 : 0.12);
      cairo_move_to (cr, plot_x, floor (ty) + 0.5);
      cairo_line_to (cr, plot_x + plot_w, floor (ty) + 0.5);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (cr, layout, label, plot_x - 4, ty, 0, TRUE);
    }

  group = plot_w / n;
  for (guint i = 0; i < n; i++)
    {
      const NbAggregateEntry *e = g_ptr_array_index (self->counted, i);
      double gx = plot_x + i * group + group * 0.15, gw = group * 0.7, base = plot_y + plot_h;

      for (guint s = 0; s < n_series; s++)
        {
          double v = value_of (&e->figures[series[s]]);
          double bh = v / max * plot_h;
          const double *c = palette[s % G_N_ELEMENTS (palette)];

          cairo_set_source_rgb (cr, c[0], c[1], c[2]);
          if (stacked)
            {
              cairo_rectangle (cr, gx, base - bh, gw, bh);
              base -= bh;
            }
          else
            cairo_rectangle (cr, gx + s * gw / n_series, base - bh, gw / n_series, bh);
          cairo_fill (cr);
        }
      gdk_cairo_set_source_rgba (cr, &fg);
      /* Names turned 45°, so many agencies still fit. */
      draw_text (cr, layout, e->agency ? e->agency : "", plot_x + i * group + group / 2,
                 plot_y + plot_h + 6, -G_PI / 4, TRUE);
    }

  /* The legend under the names, wrapped onto a second line if need be. */
  {
    double lx = plot_x, ly = y + h - LEGEND_H + 2;

    for (guint s = 0; s < n_series; s++)
      {
        const double *c = palette[s % G_N_ELEMENTS (palette)];
        const char *label = nb_aggregate_get_figure_label (self->aggregate, series[s]);
        int tw, th;

        pango_layout_set_text (layout, label, -1);
        pango_layout_get_pixel_size (layout, &tw, &th);
        if (lx > plot_x && lx + 16 + tw > x + w)
          {
            lx = plot_x;
            ly += 18;
          }
        cairo_set_source_rgb (cr, c[0], c[1], c[2]);
        cairo_rectangle (cr, lx, ly + 2, 12, 12);
        cairo_fill (cr);
        gdk_cairo_set_source_rgba (cr, &fg);
        cairo_move_to (cr, lx + 16, ly + 8 - th / 2.0);
        pango_cairo_show_layout (cr, layout);
        lx += 16 + tw + 14;
      }
  }
}

static void
nb_aggregate_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  NbAggregateChart *self = NB_AGGREGATE_CHART (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GArray) handled = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) reviews = g_array_new (FALSE, FALSE, sizeof (guint));
  PangoLayout *layout;
  cairo_t *cr;
  guint first, end;

  if (!self->aggregate || self->counted->len == 0)
    return;
  nb_aggregate_get_handled_range (self->aggregate, &first, &end);
  for (guint f = first; f < end; f++)
    g_array_append_val (handled, f);
  for (guint f = 0; f < nb_aggregate_get_n_figures (self->aggregate); f++)
    if (nb_aggregate_figure_is_charted (self->aggregate, f))
      g_array_append_val (reviews, f);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  layout = gtk_widget_create_pango_layout (widget, NULL);
  draw_chart (self, cr, layout, MARGIN, MARGIN, w * 0.62 - MARGIN, h - 2 * MARGIN,
              _("Requests handled, by result"), (guint *) handled->data, handled->len, TRUE);
  draw_chart (self, cr, layout, w * 0.62, MARGIN, w * 0.38 - MARGIN, h - 2 * MARGIN,
              _("Administrative reviews and lawsuits"), (guint *) reviews->data, reviews->len, FALSE);
  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
nb_aggregate_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  NbAggregateChart *self = NB_AGGREGATE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Wide enough for every agency's bar: the view scrolls beyond. */
      *minimum = (int) (AXIS_W * 2 + 3 * MARGIN + self->counted->len * BAR_MIN / 0.62);
      *natural = MAX (*minimum, 800);
    }
  else
    {
      *minimum = 240;
      *natural = 320;
    }
}

static void
nb_aggregate_chart_dispose (GObject *object)
{
  NbAggregateChart *self = NB_AGGREGATE_CHART (object);

  g_clear_object (&self->aggregate);
  g_clear_pointer (&self->counted, g_ptr_array_unref);
  G_OBJECT_CLASS (nb_aggregate_chart_parent_class)->dispose (object);
}

static void
nb_aggregate_chart_class_init (NbAggregateChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nb_aggregate_chart_dispose;
  widget_class->snapshot = nb_aggregate_chart_snapshot;
  widget_class->measure = nb_aggregate_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "nb-aggregate-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
nb_aggregate_chart_init (NbAggregateChart *self)
{
  self->counted = g_ptr_array_new ();
}

GtkWidget *
nb_aggregate_chart_new (void)
{
  return g_object_new (NB_TYPE_AGGREGATE_CHART, NULL);
}

void
nb_aggregate_chart_set_aggregate (NbAggregateChart *self,
                                  NbAggregate      *aggregate)
{
  g_return_if_fail (NB_IS_AGGREGATE_CHART (self));

  g_set_object (&self->aggregate, aggregate);
  g_ptr_array_set_size (self->counted, 0);
  for (guint i = 0; aggregate && i < nb_aggregate_get_n_entries (aggregate); i++)
    {
      const NbAggregateEntry *e = nb_aggregate_get_entry (aggregate, i);

      if (e->counted && e->figures)
        g_ptr_array_add (self->counted, (gpointer) e);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
