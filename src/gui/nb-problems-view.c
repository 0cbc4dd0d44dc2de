/* nb-problems-view.c — the list of every problem; activating one takes the
 * clerk to its cell or its words. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-problems-view.h"

struct _NbProblemsView
{
  GtkWidget   parent_instance;

  GtkLabel   *summary;
  GtkListBox *list;
  GPtrArray  *problems;
};

G_DEFINE_FINAL_TYPE (NbProblemsView, nb_problems_view, GTK_TYPE_WIDGET)

enum { PROBLEM_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_row_activated (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  NbProblemsView *self)
{
  int i = gtk_list_box_row_get_index (row);

  if (self->problems && i >= 0 && (guint) i < self->problems->len)
    g_signal_emit (self, signals[PROBLEM_ACTIVATED], 0, g_ptr_array_index (self->problems, i));
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

  G_OBJECT_CLASS (nb_problems_view_parent_class)->dispose (object);
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
  gtk_widget_class_bind_template_child (widget_class, NbProblemsView, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  signals[PROBLEM_ACTIVATED] = g_signal_new ("problem-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, NB_TYPE_PROBLEM);
}

static void
nb_problems_view_init (NbProblemsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  GtkWidget *child;
  guint errors = 0, warnings = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (problems)
    self->problems = g_ptr_array_ref (problems);

  for (guint i = 0; problems && i < problems->len; i++)
    {
      NbProblem *p = g_ptr_array_index (problems, i);
      gboolean error = nb_problem_get_severity (p) == NB_SEVERITY_ERROR;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
      GtkWidget *kind = gtk_label_new (error ? _("Error") : _("Warning"));
      GtkWidget *label = gtk_label_new (nb_problem_get_message (p));

      error ? errors++ : warnings++;
      gtk_widget_add_css_class (icon, error ? "error" : "warning");
      gtk_widget_add_css_class (kind, error ? "error" : "warning");
      gtk_widget_add_css_class (kind, "nb-kind");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), kind);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_box_append (self->list, box);
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
}

guint
nb_problems_view_get_n_rows (NbProblemsView *self)
{
  return self->problems ? self->problems->len : 0;
}

void
nb_problems_view_activate (NbProblemsView *self,
                           guint           i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);

  if (row)
    {
      /* Show which one it is, as a click would. */
      gtk_list_box_select_row (self->list, row);
      on_row_activated (self->list, row, self);
    }
}
