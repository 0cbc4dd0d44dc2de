/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-problems.c — NbWindow's checks and the problems list below the pages
 *
 * The checks run at the next idle after a change (they take ~0.1 ms); the
 * problems go to the list, the tabs' counts and the pages built. The list
 * is as tall as its rows, up to the height the clerk last dragged it to.
 * A problem activated takes the clerk to its cell (building the page if it
 * was never shown, nb-window-pages.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-checker.h"
#include "nb-import.h"
#include "nb-window-private.h"

/* ---- the problems list's height ---------------------------------------- */

void
_nb_window_apply_problems_height (NbWindow *self)
{
  int max_pos, min_h, nat_h, width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int wanted;

  if (width <= 0)
    return;
  g_object_get (self->paned, "max-position", &max_pos, NULL);
  gtk_widget_measure (GTK_WIDGET (self->problems_view), GTK_ORIENTATION_VERTICAL, width,
                      &min_h, &nat_h, NULL, NULL);
  nat_h = MAX (nat_h, nb_problems_view_get_wanted_height (self->problems_view, width));
  {
    int most = self->problems_height;

    /* Until the clerk chooses, a small screen keeps most of its height for the pages. */
    if (!self->problems_height_chosen)
      most = MIN (most, (max_pos + min_h) / 4);
    wanted = self->problems_collapsed ? min_h : CLAMP (nat_h, min_h, MAX (min_h, most));
  }
  self->setting_position = TRUE;
  gtk_paned_set_position (self->paned, MAX (0, max_pos - (wanted - min_h)));
  self->setting_position = FALSE;
}

static gboolean
problems_size_cb (gpointer user_data)
{
  NbWindow *self = user_data;

  self->problems_size_idle = 0;
  _nb_window_apply_problems_height (self);
  return G_SOURCE_REMOVE;
}

static void
queue_problems_height (NbWindow *self)
{
  if (!self->problems_size_idle)
    self->problems_size_idle = g_idle_add (problems_size_cb, self);
}

static void
on_paned_resized (GtkPaned   *paned,
                  GParamSpec *pspec,
                  NbWindow   *self)
{
  queue_problems_height (self);
}

/* The clerk dragged the divider: remember how tall they want the list. */
static void
on_paned_position (GtkPaned   *paned,
                   GParamSpec *pspec,
                   NbWindow   *self)
{
  NbApplication *app;
  GSettings *settings;
  int max_pos, min_h, nat_h, height;

  /* Only the clerk's drags: GTK also moves it when the window shrinks. */
  if (self->setting_position || !self->paned_pressed || !gtk_widget_get_mapped (GTK_WIDGET (paned)))
    return;
  g_object_get (paned, "max-position", &max_pos, NULL);
  gtk_widget_measure (GTK_WIDGET (self->problems_view), GTK_ORIENTATION_VERTICAL,
                      gtk_widget_get_width (GTK_WIDGET (paned)), &min_h, &nat_h, NULL, NULL);
  height = max_pos - gtk_paned_get_position (paned) + min_h;
  self->problems_collapsed = height <= min_h;
  if (self->problems_collapsed)
    return;
  self->problems_height = height;
  self->problems_height_chosen = TRUE;
  app = _nb_window_get_app (self);
  settings = app ? nb_application_get_settings (app) : NULL;
  if (settings)
    g_settings_set_int (settings, "problems-height", height);
}

static gboolean
on_paned_event (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                NbWindow                 *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS || type == GDK_TOUCH_BEGIN)
    self->paned_pressed = TRUE;
  else if (type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END || type == GDK_TOUCH_CANCEL)
    self->paned_pressed = FALSE;
  return GDK_EVENT_PROPAGATE;
}

int
nb_window_get_problems_height (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), 0);
  return gtk_widget_get_height (GTK_WIDGET (self->problems_view));
}

/* ---- checks ------------------------------------------------------------ */

/* Texts carried from last year are drafts: one warning each until edited. */
static void
add_review_problems (NbWindow *self)
{
  NbFormat *format = nb_report_get_format (self->report);

  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      g_autofree char *message = NULL;

      if (!nb_report_get_needs_review (self->report, s->key))
        continue;
      message = g_strdup_printf (_("“%s” is last year's text, carried over as a draft: "
                                   "bring its year, figures and work up to date"), s->heading);
      g_ptr_array_add (self->problems,
                       nb_problem_new ("text.review", NB_SEVERITY_WARNING, NULL, s->key, 0, 0, message));
    }
}

void
nb_window_check_now (NbWindow *self)
{
  g_return_if_fail (NB_IS_WINDOW (self));

  g_clear_handle_id (&self->check_idle, g_source_remove);
  g_ptr_array_set_size (self->problems, 0);
  if (self->report)
    {
      g_autoptr(GPtrArray) found = nb_check_report (self->report, self->previous);

      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (self->problems, g_object_ref (g_ptr_array_index (found, i)));
      nb_import_add_problems (self->report, self->problems);
      add_review_problems (self);
    }
  self->next_problem = 0;
  _nb_window_pages_set_problems (self);
  nb_problems_view_set_problems (self->problems_view, self->problems);
  queue_problems_height (self);
}

static gboolean
check_idle_cb (gpointer user_data)
{
  NbWindow *self = user_data;

  self->check_idle = 0;
  nb_window_check_now (self);
  return G_SOURCE_REMOVE;
}

void
_nb_window_queue_check (NbWindow *self)
{
  if (!self->check_idle)
    self->check_idle = g_idle_add (check_idle_cb, self);
}

static void
on_problem_activated (NbProblemsView *view,
                      NbProblem      *problem,
                      NbWindow       *self)
{
  _nb_window_go_to_problem (self, problem);
}

/* The one-click fix of a problem (half-width punctuation in a paragraph):
 * applied as one undoable edit, then checked again. */
static void
on_problem_fix (NbProblemsView *view,
                NbProblem      *problem,
                NbWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->report)
    return;
  if (!nb_checker_apply_fix (self->report, problem, &error))
    _nb_window_show_message (self, "dialog-warning-symbolic", error->message);
  nb_window_check_now (self);
}

GPtrArray *
nb_window_get_problems (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->problems;
}

NbProblemsView *
nb_window_get_problems_view (NbWindow *self)
{
  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  return self->problems_view;
}

/* ---- set-up ------------------------------------------------------------ */

void
_nb_window_class_problems_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (NB_TYPE_PROBLEMS_VIEW);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_problem_fix);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_position);
  gtk_widget_class_bind_template_callback (widget_class, on_paned_resized);
}

void
_nb_window_problems_init (NbWindow *self)
{
  GtkEventController *legacy = gtk_event_controller_legacy_new ();

  self->problems = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems_height = 180;
  /* Whether a pointer is down on the divider: only the clerk's drags count. */
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (on_paned_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->paned), legacy);
}

/* The height the clerk chose in an earlier session, if they did. */
void
_nb_window_problems_restore (NbWindow  *self,
                             GSettings *settings)
{
  g_autoptr(GVariant) chosen = g_settings_get_user_value (settings, "problems-height");

  self->problems_height = g_settings_get_int (settings, "problems-height");
  self->problems_height_chosen = chosen != NULL;
}
