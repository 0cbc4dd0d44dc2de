/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-compare-window.c — 与上年对比: this year's report beside last year's
 *
 * Three pages over one NbComparison: every figure with last year's and its
 * change (changed ones in bold), the texts paragraph by paragraph (what
 * was copied unchanged greyed, added, removed and changed marked), and the
 * chart of the main figures. The checks across the two years stay above.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "nb-compare-window.h"
#include "nb-comparison-chart.h"
#include "nb-problem.h"

struct _NbCompareWindow
{
  GtkWindow     parent_instance;

  GtkLabel     *summary_label;
  GtkLabel     *checks_label;
  GtkStack     *stack;
  GtkGrid      *figures_grid;
  GtkTextView  *text_view;
  GtkDrawingArea *chart_area;

  NbComparison *comparison;
};

G_DEFINE_FINAL_TYPE (NbCompareWindow, nb_compare_window, GTK_TYPE_WINDOW)

static GtkWidget *
cell_label (const char *text,
            gboolean    bold,
            gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (!numeric)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      gtk_label_set_attributes (GTK_LABEL (label), attrs);
      pango_attr_list_unref (attrs);
    }
  return label;
}

static void
fill_figures (NbCompareWindow *self)
{
  GPtrArray *figures = nb_comparison_get_figures (self->comparison);
  NbFormat *format = nb_report_get_format (nb_comparison_get_this (self->comparison));
  g_autofree char *last = g_strdup_printf (_("Year %d"),
                                           nb_report_get_year (nb_comparison_get_last (self->comparison)));
  g_autofree char *this = g_strdup_printf (_("Year %d"),
                                           nb_report_get_year (nb_comparison_get_this (self->comparison)));
  const char *section = NULL;
  int row = 0;

  gtk_grid_attach (self->figures_grid, cell_label (_("Figure"), TRUE, FALSE), 0, row, 1, 1);
  gtk_grid_attach (self->figures_grid, cell_label (last, TRUE, TRUE), 1, row, 1, 1);
  gtk_grid_attach (self->figures_grid, cell_label (this, TRUE, TRUE), 2, row, 1, 1);
  gtk_grid_attach (self->figures_grid, cell_label (_("Change"), TRUE, TRUE), 3, row, 1, 1);
  row++;

  for (guint i = 0; i < figures->len; i++)
    {
      NbFigureChange *f = figures->pdata[i];
      gboolean changed = !g_str_equal (f->last, f->this);

      if (g_strcmp0 (section, f->section) != 0)
        {
          const NbSectionDef *def = nb_format_find_section (format, f->section);
          GtkWidget *heading = cell_label (def ? def->heading : f->section, TRUE, FALSE);

          section = f->section;
          gtk_widget_set_margin_top (heading, 12);
          gtk_grid_attach (self->figures_grid, heading, 0, row++, 4, 1);
        }
      gtk_grid_attach (self->figures_grid, cell_label (f->label, changed, FALSE), 0, row, 1, 1);
      gtk_grid_attach (self->figures_grid,
                       cell_label (f->in_last ? (*f->last ? f->last : _("(blank)")) : "—", changed, TRUE),
                       1, row, 1, 1);
      gtk_grid_attach (self->figures_grid, cell_label (*f->this ? f->this : _("(blank)"), changed, TRUE),
                       2, row, 1, 1);
      gtk_grid_attach (self->figures_grid, cell_label (f->change, changed, TRUE), 3, row, 1, 1);
      row++;
    }
}

static void
fill_texts (NbCompareWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GPtrArray *sections = nb_comparison_get_sections (self->comparison);
  GtkTextIter end;

  gtk_text_buffer_create_tag (buffer, "heading", "weight", PANGO_WEIGHT_BOLD, "scale", 1.15,
                              "pixels-above-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "unchanged", "foreground", "#77767b", NULL);
  gtk_text_buffer_create_tag (buffer, "added", "background", "#d7f5dd", NULL);
  gtk_text_buffer_create_tag (buffer, "removed", "background", "#fbd9d9", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "mark", "weight", PANGO_WEIGHT_BOLD, "family", "monospace", NULL);

  gtk_text_buffer_get_end_iter (buffer, &end);
  for (guint i = 0; i < sections->len; i++)
    {
      NbSectionChange *s = sections->pdata[i];
      g_autofree char *heading = g_strdup_printf (_("%s: %u unchanged, %u changed, %u added, %u removed\n"),
                                                  s->heading, s->n[NB_DIFF_UNCHANGED],
                                                  s->n[NB_DIFF_CHANGED], s->n[NB_DIFF_ADDED],
                                                  s->n[NB_DIFF_REMOVED]);

      gtk_text_buffer_insert_with_tags_by_name (buffer, &end, heading, -1, "heading", NULL);
      for (guint k = 0; k < s->paragraphs->len; k++)
        {
          NbParagraphChange *p = s->paragraphs->pdata[k];

          switch (p->kind)
            {
            case NB_DIFF_UNCHANGED:
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, "= ", -1, "mark", NULL);
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p->this, -1, "unchanged", NULL);
              break;
            case NB_DIFF_CHANGED:
              {
                /* TRANSLATORS: a changed paragraph; %u is how much of it is the same */
                g_autofree char *same = g_strdup_printf (_("~ (%u%% the same)\n"), p->similarity);

                gtk_text_buffer_insert_with_tags_by_name (buffer, &end, same, -1, "mark", NULL);
                gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p->last, -1, "removed", NULL);
                gtk_text_buffer_insert (buffer, &end, "\n", -1);
                gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p->this, -1, "added", NULL);
              }
              break;
            case NB_DIFF_ADDED:
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, "+ ", -1, "mark", NULL);
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p->this, -1, "added", NULL);
              break;
            case NB_DIFF_REMOVED:
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, "- ", -1, "mark", NULL);
              gtk_text_buffer_insert_with_tags_by_name (buffer, &end, p->last, -1, "removed", NULL);
              break;
            }
          gtk_text_buffer_insert (buffer, &end, "\n", -1);
        }
    }
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  NbCompareWindow *self = data;

  nb_comparison_chart_draw (self->comparison, cr, width, height);
}

static void
fill (NbCompareWindow *self)
{
  NbReport *last = nb_comparison_get_last (self->comparison);
  NbReport *this = nb_comparison_get_this (self->comparison);
  GPtrArray *problems = nb_comparison_get_problems (self->comparison);
  g_autofree char *title = g_strdup_printf (_("%s: %d Compared with %d"), nb_report_get_agency (this),
                                            nb_report_get_year (this), nb_report_get_year (last));
  g_autofree char *summary = g_strdup_printf (_("%u of %u figures changed."),
                                              nb_comparison_count_changed (self->comparison),
                                              nb_comparison_get_figures (self->comparison)->len);
  g_autoptr(GString) checks = g_string_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (checks, "%s%s", i ? "\n" : "", nb_problem_get_message (problems->pdata[i]));
  gtk_label_set_text (self->checks_label, checks->str);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_label), problems->len > 0);

  fill_figures (self);
  fill_texts (self);
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
}

static void
nb_compare_window_dispose (GObject *object)
{
  NbCompareWindow *self = NB_COMPARE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_COMPARE_WINDOW);
  g_clear_object (&self->comparison);
  G_OBJECT_CLASS (nb_compare_window_parent_class)->dispose (object);
}

static void
nb_compare_window_class_init (NbCompareWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nb_compare_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, checks_label);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, NbCompareWindow, chart_area);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nb_compare_window_init (NbCompareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

NbCompareWindow *
nb_compare_window_new (GtkWindow *parent,
                       NbReport  *last,
                       NbReport  *this)
{
  NbCompareWindow *self;

  g_return_val_if_fail (NB_IS_REPORT (last), NULL);
  g_return_val_if_fail (NB_IS_REPORT (this), NULL);

  self = g_object_new (NB_TYPE_COMPARE_WINDOW, "transient-for", parent, NULL);
  self->comparison = nb_comparison_new (last, this);
  fill (self);
  return self;
}

NbComparison *
nb_compare_window_get_comparison (NbCompareWindow *self)
{
  g_return_val_if_fail (NB_IS_COMPARE_WINDOW (self), NULL);
  return self->comparison;
}

void
nb_compare_window_show_page (NbCompareWindow *self,
                             const char      *name)
{
  g_return_if_fail (NB_IS_COMPARE_WINDOW (self));
  gtk_stack_set_visible_child_name (self->stack, name);
}
