/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-problems-view.c — the list of every problem; activating one takes the
 * clerk to its cell or its words.
 *
 * A GtkListView: only the visible rows are widgets, so a report with
 * hundreds of problems (an imported text quoting figures that all
 * disagree) updates as fast as one with none. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-problem-row.h"
#include "nb-problems-view.h"

struct _NbProblemsView
{
  GtkWidget           parent_instance;

  GtkLabel           *summary;
  GtkWidget          *scroller;
  GtkListView        *list;

  GListStore         *store;       /* NbProblemRow, one per position */
  GtkSingleSelection *selection;
  GPtrArray          *problems;    /* what activating a row gives (current offsets) */
};

G_DEFINE_FINAL_TYPE (NbProblemsView, nb_problems_view, GTK_TYPE_WIDGET)

enum { PROBLEM_ACTIVATED, PROBLEM_FIX, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_activate (GtkListView    *list,
             guint           position,
             NbProblemsView *self)
{
  /* The array, not the store: its problems carry the current offsets. */
  if (self->problems && position < self->problems->len)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, g_ptr_array_index (self->problems, position));
}

static void
nb_problems_view_dispose (GObject *object)
{
  NbProblemsView *self = NB_PROBLEMS_VIEW (object);

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_PROBLEMS_VIEW);
  /* The template's root has no id, so dispose_template leaves it to us. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nb_problems_view_parent_class)->dispose (object);
}

/* The fix button of a row (a problem with a one-click fix). */
static void
fix_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NbProblemsView *self = NB_PROBLEMS_VIEW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->problems && position < self->problems->len)
    g_signal_emit (self, signals[PROBLEM_FIX], 0, g_ptr_array_index (self->problems, position));
}

static void
nb_problems_view_class_init (NbProblemsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_problems_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-problems-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, summary);
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, list);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  signals[PROBLEM_ACTIVATED] = g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, NB_TYPE_PROBLEM);
  /* "problem-fix" (NbProblem): the clerk asked for the problem's fix. */
  signals[PROBLEM_FIX] = g_signal_new ("problem-fix", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, NB_TYPE_PROBLEM);
  gtk_widget_class_install_action (widget_class, "problems.fix", "u", fix_activated);
}

static void
nb_problems_view_init (NbProblemsView *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_type_ensure (NB_TYPE_PROBLEM_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (NB_TYPE_PROBLEM_ROW);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  factory = gtk_builder_list_item_factory_new_from_resource (NULL, "/org/nianbao/Nianbao/ui/nb-problem-row.ui");
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  nb_problems_view_set_problems (self, NULL);
}

GtkWidget *
nb_problems_view_new (void)
{
  return g_object_new (NB_TYPE_PROBLEMS_VIEW, NULL);
}

void
nb_problems_view_set_problems (NbProblemsView *self,
                               GPtrArray      *problems)
{
  guint errors = 0, warnings = 0;
  g_autofree char *summary = NULL;
  guint n_rows;

  for (guint i = 0; problems && i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);

      nb_problem_get_severity (p) == NB_SEVERITY_ERROR ? errors++ : warnings++;
    }

  if (problems != self->problems)
    {
      g_clear_pointer (&self->problems, g_ptr_array_unref);
      if (problems)
        self->problems = g_ptr_array_ref (problems);
    }

  /* Rows stay where they are and take the problem now at their place: a
   * row whose words did not change is not touched, and no row widget is
   * rebuilt (a splice of every row made the list rebuild up to two hundred
   * of them, ~0.3 s, when a table figure reworded hundreds of messages).
   * Only a change in number adds or drops rows at the end. */
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < MIN (n_rows, problems ? problems->len : 0); i++)
    {
      g_autoptr(NbProblemRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      nb_problem_row_set_problem (row, g_ptr_array_index (problems, i));
    }
  if (problems && problems->len > n_rows)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_rows; i < problems->len; i++)
        g_ptr_array_add (added, nb_problem_row_new (g_ptr_array_index (problems, i), i));
      g_list_store_splice (self->store, n_rows, 0, added->pdata, added->len);
    }
  else if ((problems ? problems->len : 0) < n_rows)
    {
      guint keep = problems ? problems->len : 0;

      g_list_store_splice (self->store, keep, n_rows - keep, NULL, 0);
    }

  if (errors == 0 && warnings == 0)
    summary = g_strdup (_("No problems found"));
  else
    {
      g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", errors), errors);
      g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", warnings), warnings);
      summary = g_strdup_printf (_("Problems: %s, %s"), e, w);
    }
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_visible (self->scroller, errors + warnings > 0);
}

guint
nb_problems_view_get_n_rows (NbProblemsView *self)
{
  g_return_val_if_fail (NB_IS_PROBLEMS_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

void
nb_problems_view_activate (NbProblemsView *self,
                           guint           i)
{
  g_return_if_fail (NB_IS_PROBLEMS_VIEW (self));
  if (i >= g_list_model_get_n_items (G_LIST_MODEL (self->store)))
    return;
  /* Show which one it is, as a click would. */
  gtk_single_selection_set_selected (self->selection, i);
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", i);
  on_activate (self->list, i, self);
}

int
nb_problems_view_get_wanted_height (NbProblemsView *self,
                                    int             width)
{
  guint n = self->problems ? self->problems->len : 0;
  int summary = 0, line = 0;
  g_autoptr(GtkWidget) probe = NULL;

  g_return_val_if_fail (NB_IS_PROBLEMS_VIEW (self), 0);

  gtk_widget_measure (GTK_WIDGET (self->summary), GTK_ORIENTATION_VERTICAL, width, NULL, &summary, NULL, NULL);
  summary += gtk_widget_get_margin_top (GTK_WIDGET (self->summary)) +
             gtk_widget_get_margin_bottom (GTK_WIDGET (self->summary));
  if (n == 0)
    return summary;
  /* A row is a line of text and its margins (see setup_row); long
   * messages wrap and the list scrolls. */
  probe = g_object_ref_sink (gtk_label_new ("国"));
  gtk_widget_measure (probe, GTK_ORIENTATION_VERTICAL, -1, NULL, &line, NULL, NULL);
  return summary + (int) n * (line + 8 + 4);
}
