/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-details-view.c — the report's details, edited through the model's
 * generic fields so that they undo like everything else. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-details-view.h"
#include "nb-problem.h"

struct _NbDetailsView
{
  GtkWidget     parent_instance;

  GtkEntry     *agency_entry;
  GtkDropDown  *kind_dropdown;
  GtkLabel     *year_label;
  GtkLabel     *format_label;
  GtkButton    *convert_button;
  GtkEntry     *date_entry;
  GtkEntry     *signoff_entry;
  GtkLabel     *title_label;

  NbReport     *report;
  gulong        changed_id;
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (NbDetailsView, nb_details_view, GTK_TYPE_WIDGET)

enum { REFUSED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
refresh (NbDetailsView *self)
{
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *year = g_strdup_printf ("%d", nb_report_get_year (self->report));
  NbFormat *format = nb_report_get_format (self->report);
  g_autofree char *format_text = g_strdup (nb_format_get_name (format));
  const char *signoff = nb_report_get_signoff (self->report);
  const char *date = nb_report_get_date (self->report);

  self->updating = TRUE;
  if (!gtk_widget_has_focus (GTK_WIDGET (self->agency_entry)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->agency_entry)), nb_report_get_agency (self->report)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->agency_entry), nb_report_get_agency (self->report));
  gtk_drop_down_set_selected (self->kind_dropdown, nb_report_get_agency_kind (self->report) == NB_AGENCY_GOVERNMENT);
  gtk_label_set_text (self->year_label, year);
  gtk_label_set_text (self->format_label, format_text);
  {
    NbFormat *in_force = nb_format_for_year (nb_report_get_year (self->report));

    /* A wrong format is fixed here, not by retyping the report. */
    gtk_widget_set_visible (GTK_WIDGET (self->convert_button), in_force && in_force != format);
    if (in_force && in_force != format)
      {
        g_autofree char *label = g_strdup_printf (_("_Convert to the %s Format…"), nb_format_get_version (in_force));
        gtk_button_set_label (self->convert_button, label);
      }
  }
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date ? date : "");
  gtk_editable_set_text (GTK_EDITABLE (self->signoff_entry), signoff ? signoff : "");
  gtk_label_set_text (self->title_label, title);
  self->updating = FALSE;
}

static void
commit (NbDetailsView *self,
        GtkEntry      *entry,
        const char    *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->updating || !self->report)
    return;
  old = nb_report_dup_field (self->report, key, NULL);
  if (g_strcmp0 (old ? old : "", text) == 0)
    return;
  if (!nb_report_set_field (self->report, key, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      g_signal_emit (self, signals[REFUSED], 0, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
}

static const char *
key_of (NbDetailsView *self,
        GtkEntry      *entry)
{
  if (entry == self->agency_entry)
    return "agency";
  if (entry == self->date_entry)
    return "date";
  return "signoff";
}

static void
on_entry_activate (GtkEntry      *entry,
                   NbDetailsView *self)
{
  commit (self, entry, key_of (self, entry));
}

static void
on_entry_focus_leave (GtkEventControllerFocus *controller,
                      NbDetailsView           *self)
{
  GtkEntry *entry = GTK_ENTRY (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));

  commit (self, entry, key_of (self, entry));
}

static void
on_kind_selected (GtkDropDown   *dropdown,
                  GParamSpec    *pspec,
                  NbDetailsView *self)
{
  if (self->updating || !self->report)
    return;
  nb_report_set_field (self->report, "agency_kind",
                       gtk_drop_down_get_selected (dropdown) == 1 ? "government" : "department", NULL);
}

static void
on_report_changed (NbReport      *report,
                   NbDetailsView *self)
{
  refresh (self);
}

static void
nb_details_view_dispose (GObject *object)
{
  NbDetailsView *self = NB_DETAILS_VIEW (object);

  if (self->report && self->changed_id)
    g_signal_handler_disconnect (self->report, self->changed_id);
  self->changed_id = 0;
  g_clear_object (&self->report);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_DETAILS_VIEW);
  /* The template's root has no id, so dispose_template leaves it to us. */
  {
    GtkWidget *child;
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (nb_details_view_parent_class)->dispose (object);
}

static void
nb_details_view_class_init (NbDetailsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nb_details_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-details-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, agency_entry);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, year_label);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, format_label);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, convert_button);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, date_entry);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, signoff_entry);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);

  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
nb_details_view_init (NbDetailsView *self)
{
  GtkEntry *entries[3];
  const char *kinds[] = { _("Department (publishes by 31 January)"),
                          _("Government at this level (publishes by 31 March)"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (gtk_string_list_new (kinds)));

  entries[0] = self->agency_entry;
  entries[1] = self->date_entry;
  entries[2] = self->signoff_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "leave", G_CALLBACK (on_entry_focus_leave), self);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
    }
}

GtkWidget *
nb_details_view_new (NbReport *report)
{
  NbDetailsView *self = g_object_new (NB_TYPE_DETAILS_VIEW, NULL);

  self->report = g_object_ref (report);
  self->changed_id = g_signal_connect (report, "changed", G_CALLBACK (on_report_changed), self);
  refresh (self);
  return GTK_WIDGET (self);
}

gboolean
nb_details_view_focus_field (NbDetailsView *self,
                             const char    *key)
{
  GtkWidget *target = NULL;

  g_return_val_if_fail (NB_IS_DETAILS_VIEW (self), FALSE);
  if (g_strcmp0 (key, "agency") == 0)
    target = GTK_WIDGET (self->agency_entry);
  else if (g_strcmp0 (key, "date") == 0)
    target = GTK_WIDGET (self->date_entry);
  else if (g_strcmp0 (key, "signoff") == 0)
    target = GTK_WIDGET (self->signoff_entry);
  else if (g_strcmp0 (key, "agency_kind") == 0)
    target = GTK_WIDGET (self->kind_dropdown);
  if (!target)
    return FALSE;
  gtk_widget_grab_focus (target);
  return TRUE;
}

void
nb_details_view_set_problems (NbDetailsView *self,
                              GPtrArray     *problems)
{
  struct { const char *key; GtkWidget *widget; } fields[] = {
    { "agency", GTK_WIDGET (self->agency_entry) },
    { "date", GTK_WIDGET (self->date_entry) },
    { "signoff", GTK_WIDGET (self->signoff_entry) },
  };

  g_return_if_fail (NB_IS_DETAILS_VIEW (self));
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      NbProblem *worst = NULL;

      for (guint i = 0; problems && i < problems->len; i++)
        {
          NbProblem *p = g_ptr_array_index (problems, i);

          if (nb_problem_has_key (p, fields[f].key) &&
              (!worst || nb_problem_get_severity (p) < nb_problem_get_severity (worst)))
            worst = p;
        }
      gtk_widget_remove_css_class (fields[f].widget, "error");
      gtk_widget_remove_css_class (fields[f].widget, "warning");
      if (worst)
        {
          gboolean error = nb_problem_get_severity (worst) == NB_SEVERITY_ERROR;

          /* An icon as well as the colour, as in the tables. */
          gtk_widget_add_css_class (fields[f].widget, error ? "error" : "warning");
          gtk_entry_set_icon_from_icon_name (GTK_ENTRY (fields[f].widget), GTK_ENTRY_ICON_PRIMARY,
                                             error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
        }
      else if (gtk_entry_get_icon_name (GTK_ENTRY (fields[f].widget), GTK_ENTRY_ICON_PRIMARY))
        gtk_entry_set_icon_from_icon_name (GTK_ENTRY (fields[f].widget), GTK_ENTRY_ICON_PRIMARY, NULL);
      gtk_widget_set_tooltip_text (fields[f].widget, worst ? nb_problem_get_message (worst) : NULL);
    }
}
