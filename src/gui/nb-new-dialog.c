/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-new-dialog.c — agency, year (default: last year) and the format, chosen
 * from the year; choosing another format than the year's warns. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-carry-over.h"
#include "nb-dialogs.h"
#include "nb-new-dialog.h"
#include "nb-import.h"
#include "nb-window-import.h"
#include "nb-report-file.h"

struct _NbNewDialog
{
  GtkWindow       parent_instance;

  GtkEntry       *agency_entry;
  GtkDropDown    *kind_dropdown;
  GtkSpinButton  *year_spin;
  GtkDropDown    *format_dropdown;
  GtkLabel       *format_note;
  GtkCheckButton *carry_check;
  NbReport       *previous;     /* last year's report, when starting from it */
  char           *previous_uri; /* where it is */
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (NbNewDialog, nb_new_dialog, GTK_TYPE_WINDOW)

enum { CREATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_note (NbNewDialog *self)
{
  const char *const *versions = nb_format_list_versions ();
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  guint chosen = gtk_drop_down_get_selected (self->format_dropdown);
  NbFormat *format = nb_format_get (versions[chosen], NULL);
  g_autofree char *note = NULL;

  /* Before 2019 there is no official format to fill in: say so, don't
   * quietly change the year. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", nb_format_for_year (year) != NULL);
  if (!nb_format_for_year (year))
    {
      note = g_strdup_printf (_("There is no official format for %d: the first is the 2019 format, for report years from 2019."),
                              year);
      gtk_label_set_text (self->format_note, note);
      gtk_widget_add_css_class (GTK_WIDGET (self->format_note), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->format_note), "error");
  if (self->previous && gtk_check_button_get_active (self->carry_check) &&
      nb_report_get_year (self->previous) != year - 1)
    {
      note = g_strdup_printf (_("A report for %d starts from the report for %d, but this one is for %d"),
                              year, year - 1, nb_report_get_year (self->previous));
      gtk_label_set_text (self->format_note, note);
      gtk_widget_add_css_class (GTK_WIDGET (self->format_note), "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.create", FALSE);
      return;
    }
  if (nb_format_covers_year (format, year))
    note = g_strdup_printf (_("The format in force for %d (%s)."), year,
                            nb_format_get_issued_by (format) ? nb_format_get_issued_by (format) : "");
  else
    note = g_strdup_printf (_("Warning: the %s format is not the one in force for %d; evaluators mark a wrong format."),
                            versions[chosen], year);
  gtk_label_set_text (self->format_note, note);
  gtk_widget_remove_css_class (GTK_WIDGET (self->format_note), "warning");
  if (!nb_format_covers_year (format, year))
    gtk_widget_add_css_class (GTK_WIDGET (self->format_note), "warning");
}

static void
on_year_changed (NbNewDialog *self)
{
  const char *const *versions = nb_format_list_versions ();
  NbFormat *format = nb_format_for_year (gtk_spin_button_get_value_as_int (self->year_spin));

  /* The format follows the year. */
  for (guint i = 0; format && versions[i]; i++)
    if (g_str_equal (versions[i], nb_format_get_version (format)))
      gtk_drop_down_set_selected (self->format_dropdown, i);
  update_note (self);
}

static void
create (GtkWidget  *widget,
        const char *action,
        GVariant   *param)
{
  NbNewDialog *self = NB_NEW_DIALOG (widget);
  const char *const *versions = nb_format_list_versions ();
  g_autofree char *agency = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->agency_entry))));
  g_autoptr(NbReport) report = NULL;

  if (*agency == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->agency_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->agency_entry), _("The agency's name is needed for the title"));
      gtk_widget_grab_focus (GTK_WIDGET (self->agency_entry));
      return;
    }
  report = nb_report_new (nb_format_get (versions[gtk_drop_down_get_selected (self->format_dropdown)], NULL),
                          gtk_spin_button_get_value_as_int (self->year_spin), agency);
  if (self->previous && gtk_check_button_get_active (self->carry_check))
    {
      g_autoptr(GError) error = NULL;

      g_clear_object (&report);
      if (!(report = nb_carry_over (self->previous, gtk_spin_button_get_value_as_int (self->year_spin),
                                    agency, &error)))
        {
          gtk_label_set_text (self->format_note, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->format_note), "error");
          return;
        }
      /* The window checks this year against it (carry.*). */
      nb_report_set_previous_uri (report, self->previous_uri);
    }
  nb_report_set_agency_kind (report, gtk_drop_down_get_selected (self->kind_dropdown) == 1
                                       ? NB_AGENCY_GOVERNMENT : NB_AGENCY_DEPARTMENT);
  nb_history_clear (nb_report_get_history (report));
  nb_report_set_modified (report, FALSE);
  g_signal_emit (self, signals[CREATE], 0, report);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_previous (NbNewDialog *self,
              NbReport    *previous,
              GFile       *file)
{
  g_set_object (&self->previous, previous);
  g_clear_pointer (&self->previous_uri, g_free);
  if (previous)
    {
      self->previous_uri = g_file_get_uri (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *label = g_strdup_printf (_("Start from last year's report: %s (%d)"),
                                                name, nb_report_get_year (previous));

      gtk_check_button_set_label (self->carry_check, label);
      /* Its agency and the year after it, unless typed already. */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->agency_entry)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->agency_entry), nb_report_get_agency (previous));
      gtk_drop_down_set_selected (self->kind_dropdown,
                                  nb_report_get_agency_kind (previous) == NB_AGENCY_GOVERNMENT);
      gtk_spin_button_set_value (self->year_spin, nb_report_get_year (previous) + 1);
    }
  else
    {
      gtk_check_button_set_label (self->carry_check, _("Start from last year's report…"));
      gtk_check_button_set_active (self->carry_check, FALSE);
    }
  update_note (self);
}

static void
on_previous_chosen (GFile   *file,
                    gpointer user_data)
{
  NbNewDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) previous = NULL;

  /* Last year's .nianbao, or last year's published report (imported). */
  if (file && !(previous = nb_import_load_any (file, NULL, &error)))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      nb_alert_error (GTK_WINDOW (self), heading, error->message);
    }
  set_previous (self, previous, file);
  g_object_unref (self);
}

static void
on_carry_toggled (GtkCheckButton *check,
                  NbNewDialog    *self)
{
  update_note (self);
  if (self->updating || !gtk_check_button_get_active (check) || self->previous)
    return;
  nb_choose_file (GTK_WINDOW (self), FALSE, _("Last Year's Report"), nb_import_file_filters (), NULL, NULL,
                  on_previous_chosen, g_object_ref (self));
}

NbReport *
nb_new_dialog_get_previous (NbNewDialog *self)
{
  g_return_val_if_fail (NB_IS_NEW_DIALOG (self), NULL);
  return self->previous && gtk_check_button_get_active (self->carry_check) ? self->previous : NULL;
}

/* For tests and callers that already hold last year's report. */
void
nb_new_dialog_set_previous (NbNewDialog *self,
                            NbReport    *previous)
{
  g_autoptr(GFile) file = g_file_new_for_path ("last-year.nianbao");

  g_return_if_fail (NB_IS_NEW_DIALOG (self));
  self->updating = TRUE;
  gtk_check_button_set_active (self->carry_check, previous != NULL);
  self->updating = FALSE;
  set_previous (self, previous, file);
}

static void
nb_new_dialog_dispose (GObject *object)
{
  g_clear_object (&NB_NEW_DIALOG (object)->previous);
  g_clear_pointer (&NB_NEW_DIALOG (object)->previous_uri, g_free);
  G_OBJECT_CLASS (nb_new_dialog_parent_class)->dispose (object);
}

static void
nb_new_dialog_class_init (NbNewDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nb_new_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-new-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, NbNewDialog, agency_entry);
  gtk_widget_class_bind_template_child (widget_class, NbNewDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NbNewDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, NbNewDialog, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NbNewDialog, format_note);
  gtk_widget_class_bind_template_child (widget_class, NbNewDialog, carry_check);
  gtk_widget_class_install_action (widget_class, "dialog.create", NULL, create);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  signals[CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, NB_TYPE_REPORT);
}

static void
nb_new_dialog_init (NbNewDialog *self)
{
  const char *const *versions = nb_format_list_versions ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  const char *kinds[] = { _("Department (publishes by 31 January)"),
                          _("Government at this level (publishes by 31 March)"), NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; versions[i]; i++)
    {
      NbFormat *f = nb_format_get (versions[i], NULL);
      g_strv_builder_add (names, nb_format_get_name (f));
    }
  labels = g_strv_builder_end (names);
  gtk_drop_down_set_model (self->format_dropdown, G_LIST_MODEL (gtk_string_list_new ((const char *const *) labels)));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (gtk_string_list_new (kinds)));

  /* Reports are written in January about the year before. */
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) - 1);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (on_year_changed), self);
  g_signal_connect_swapped (self->format_dropdown, "notify::selected", G_CALLBACK (update_note), self);
  on_year_changed (self);
  g_signal_connect (self->carry_check, "toggled", G_CALLBACK (on_carry_toggled), self);
}

NbNewDialog *
nb_new_dialog_new (GtkWindow *parent)
{
  return g_object_new (NB_TYPE_NEW_DIALOG, "transient-for", parent, NULL);
}
