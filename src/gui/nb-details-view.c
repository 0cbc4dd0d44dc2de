/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-details-view.c — the report's details, edited through the model's
 * generic fields so that they undo like everything else. */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-details-view.h"
#include "nb-section-page.h"
#include "nb-problem.h"
#include "nb-tooltip.h"

struct _NbDetailsView
{
  GtkWidget     parent_instance;

  GtkEntry     *agency_entry;
  GtkDropDown  *kind_dropdown;
  GtkLabel     *year_label;
  GtkLabel     *format_label;
  GtkButton    *convert_button;
  GtkEntry     *date_entry;
  GtkMenuButton *date_button;
  GtkCalendar  *date_calendar;
  GtkLabel     *date_hint;
  GtkEntry     *signoff_entry;
  GtkLabel     *title_label;

  NbReport     *report;
  GSignalGroup *report_signals;  /* the report's "changed", emptied before the report is let go */
  gboolean      updating;
  /* A refused date stays in the entry, marked, until the model's date
   * changes, the clerk corrects it or presses Esc. */
  char         *date_refused_base;
};

static void section_page_iface_init (NbSectionPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NbDetailsView, nb_details_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (NB_TYPE_SECTION_PAGE, section_page_iface_init))

static void
clear_date_refused (NbDetailsView *self)
{
  if (!self->date_refused_base)
    return;
  g_clear_pointer (&self->date_refused_base, g_free);
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_entry), "nb-refused");
  gtk_entry_set_icon_from_icon_name (self->date_entry, GTK_ENTRY_ICON_SECONDARY, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_entry), NULL);
}

static void
mark_date_refused (NbDetailsView *self,
                   const char    *reason)
{
  const char *date = nb_report_get_date (self->report);
  g_autofree char *note = g_strdup_printf (_("Not accepted: %s (Esc restores %s)"), reason,
                                           date ? date : _("nothing"));

  g_free (self->date_refused_base);
  self->date_refused_base = g_strdup (date ? date : "");
  gtk_widget_add_css_class (GTK_WIDGET (self->date_entry), "nb-refused");
  gtk_entry_set_icon_from_icon_name (self->date_entry, GTK_ENTRY_ICON_SECONDARY, "action-unavailable-symbolic");
  gtk_entry_set_icon_tooltip_text (self->date_entry, GTK_ENTRY_ICON_SECONDARY, note);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_entry), note);
}

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
  if (self->date_refused_base && g_strcmp0 (self->date_refused_base, date ? date : "") != 0)
    clear_date_refused (self);
  if (!self->date_refused_base)
    gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date ? date : "");
  {
    int next = nb_report_get_year (self->report) + 1;
    g_autofree char *placeholder = g_strdup_printf (_("e.g. %d-01-20 or %d年1月20日"), next, next);
    gtk_entry_set_placeholder_text (self->date_entry, placeholder);
  }
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
    {
      if (entry == self->date_entry)
        clear_date_refused (self);
      return;
    }
  if (!nb_report_set_field (self->report, key, text, &error))
    {
      if (entry == self->date_entry)
        mark_date_refused (self, error->message);
      nb_section_page_emit_refused (NB_SECTION_PAGE (self), error->message);
      return;
    }
  if (entry == self->date_entry)
    {
      /* Shown as stored: 2025年1月20日 becomes 2025-01-20. */
      clear_date_refused (self);
      refresh (self);
    }
}

static gboolean
on_date_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     NbDetailsView         *self)
{
  const char *date;

  if (keyval != GDK_KEY_Escape || !self->date_refused_base)
    return FALSE;
  clear_date_refused (self);
  date = nb_report_get_date (self->report);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date ? date : "");
  self->updating = FALSE;
  return TRUE;
}

/* The calendar opens on the date, or where it is usually: January of the
 * year after the report year (departments publish by 31 January). */
static void
on_date_popover_show (GtkPopover    *popover,
                      NbDetailsView *self)
{
  const char *date = self->report ? nb_report_get_date (self->report) : NULL;
  int next = self->report ? nb_report_get_year (self->report) + 1 : 2025;
  g_autoptr(GDateTime) shown = NULL;
  g_autofree char *hint = NULL;

  if (date)
    {
      g_autofree char *iso = g_strconcat (date, "T00:00:00", NULL);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      shown = g_date_time_new_from_iso8601 (iso, local);
    }
  if (!shown)
    shown = g_date_time_new_local (next, 1, 20, 0, 0, 0);
  self->updating = TRUE;
  gtk_calendar_select_day (self->date_calendar, shown);
  self->updating = FALSE;
  hint = g_strdup_printf (_("Usually dated in January %d"), next);
  gtk_label_set_text (self->date_hint, hint);
}

static void
on_calendar_day_selected (GtkCalendar   *calendar,
                          NbDetailsView *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  if (self->updating || !self->report)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  commit (self, self->date_entry, "date");
  gtk_menu_button_popdown (self->date_button);
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

  g_clear_object (&self->report_signals);
  g_clear_object (&self->report);
  g_clear_pointer (&self->date_refused_base, g_free);
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
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, date_button);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, date_hint);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, signoff_entry);
  gtk_widget_class_bind_template_child (widget_class, NbDetailsView, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected);
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
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_date_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->date_entry), keys);
  }
}

GtkCalendar *
nb_details_view_get_calendar (NbDetailsView *self)
{
  g_return_val_if_fail (NB_IS_DETAILS_VIEW (self), NULL);
  return self->date_calendar;
}

GtkEntry *
nb_details_view_get_date_entry (NbDetailsView *self)
{
  g_return_val_if_fail (NB_IS_DETAILS_VIEW (self), NULL);
  return self->date_entry;
}

GtkWidget *
nb_details_view_new (NbReport *report)
{
  NbDetailsView *self = g_object_new (NB_TYPE_DETAILS_VIEW, NULL);

  self->report = g_object_ref (report);
  self->report_signals = g_signal_group_new (NB_TYPE_REPORT);
  g_signal_group_connect (self->report_signals, "changed", G_CALLBACK (on_report_changed), self);
  g_signal_group_set_target (self->report_signals, report);
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
      if (fields[f].widget == GTK_WIDGET (self->date_entry) && self->date_refused_base)
        continue;   /* the refusal's note stays on the field */
      nb_tooltip_set_text (fields[f].widget, worst ? nb_problem_get_message (worst) : NULL);
    }
}

/* ---- NbSectionPage ----------------------------------------------------- */

static void
section_page_set_problems (NbSectionPage *page,
                           GPtrArray     *problems)
{
  nb_details_view_set_problems (NB_DETAILS_VIEW (page), problems);
}

static gboolean
section_page_focus_key (NbSectionPage *page,
                        const char    *key)
{
  return nb_details_view_focus_field (NB_DETAILS_VIEW (page), key);
}

static void
section_page_iface_init (NbSectionPageInterface *iface)
{
  iface->set_problems = section_page_set_problems;
  iface->focus_key = section_page_focus_key;
}
