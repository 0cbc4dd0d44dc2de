/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-comparison-chart.c — the main figures of two years as bars
 *
 * Horizontal bars share one scale (the largest value of either year), so
 * a figure that fell or rose shows at a glance; each bar carries its value,
 * since a chart of a report is read for its figures.
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "nb-comparison-chart.h"

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Noto Sans CJK SC");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Text with its left edge at x, centred on y; returns its width. */
static double
show_text (cairo_t    *cr,
           const char *text,
           double      size,
           double      x,
           double      y,
           gboolean    right_aligned)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, right_aligned ? x - w : x, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  return w;
}

void
nb_comparison_chart_draw (NbComparison *comparison,
                          cairo_t      *cr,
                          double        width,
                          double        height)
{
  GArray *bars = nb_comparison_get_chart (comparison);
  /* TRANSLATORS: a year in the chart's legend: "2020年" */
  g_autofree char *last_year = g_strdup_printf (_("Year %d"), nb_report_get_year (nb_comparison_get_last (comparison)));
  g_autofree char *this_year = g_strdup_printf (_("Year %d"), nb_report_get_year (nb_comparison_get_this (comparison)));
  double legend_h, row_h, text, label_w = 0, x0, bar_w, top;
  gint64 max = 0;

  g_return_if_fail (NB_IS_COMPARISON (comparison));
  if (bars->len == 0 || width < 40 || height < 40)
    return;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  legend_h = MIN (28, height / 10);
  row_h = (height - legend_h - 8) / bars->len;
  text = CLAMP (row_h * 0.30, 7, 15);

  for (guint i = 0; i < bars->len; i++)
    {
      NbChartBar *b = &g_array_index (bars, NbChartBar, i);
      g_autoptr(PangoLayout) layout = make_layout (cr, b->label, text);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      label_w = MAX (label_w, w);
      max = MAX (max, MAX (b->last, b->this));
    }
  x0 = MIN (label_w + 12, width * 0.4);
  /* room on the right for the largest value's text */
  {
    g_autofree char *widest = g_strdup_printf ("%" G_GINT64_FORMAT, max);
    g_autoptr(PangoLayout) layout = make_layout (cr, widest, text);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    bar_w = MAX (width - x0 - w - 12, 10);
  }

  /* legend: a swatch and the year, for each year */
  {
    double x = x0, y = legend_h / 2;

    cairo_set_source_rgb (cr, NB_CHART_LAST_RGB);
    cairo_rectangle (cr, x, y - text / 2, text * 1.4, text);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
    x += text * 1.8 + show_text (cr, last_year, text, x + text * 1.8, y, FALSE) + text * 1.5;
    cairo_set_source_rgb (cr, NB_CHART_THIS_RGB);
    cairo_rectangle (cr, x, y - text / 2, text * 1.4, text);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
    show_text (cr, this_year, text, x + text * 1.8, y, FALSE);
  }

  top = legend_h + 8;
  for (guint i = 0; i < bars->len; i++)
    {
      NbChartBar *b = &g_array_index (bars, NbChartBar, i);
      double y = top + i * row_h;
      double bar_h = row_h * 0.34;
      const gint64 values[2] = { b->last, b->this };

      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      show_text (cr, b->label, text, x0 - 8, y + row_h / 2, TRUE);
      for (guint k = 0; k < 2; k++)
        {
          double by = y + row_h * 0.14 + k * bar_h;
          double len = max > 0 ? bar_w * values[k] / (double) max : 0;
          g_autofree char *value = (k == 0 && !b->in_last) ? g_strdup ("—")
                                   : g_strdup_printf ("%" G_GINT64_FORMAT, values[k]);

          if (k == 0)
            cairo_set_source_rgb (cr, NB_CHART_LAST_RGB);
          else
            cairo_set_source_rgb (cr, NB_CHART_THIS_RGB);
          if (len >= 1)
            {
              /* whole pixels, so that the bars' colours are exact */
              cairo_rectangle (cr, round (x0), round (by), round (len), round (bar_h) - 1);
              cairo_fill (cr);
            }
          cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
          show_text (cr, value, text * 0.9, x0 + len + 4, by + bar_h / 2, FALSE);
        }
    }
  /* the axis */
  cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x0) - 0.5, top);
  cairo_line_to (cr, round (x0) - 0.5, top + bars->len * row_h);
  cairo_stroke (cr);
  cairo_restore (cr);
}
