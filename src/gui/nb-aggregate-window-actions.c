/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-window-actions.c — the 汇总 window's actions ("agg.*"), their
 * keys, and the one function that enables them for the window's state */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-aggregate-window-private.h"
#include "nb-dialogs.h"
#include "nb-feedback-writer.h"
#include "nb-report-file.h"
#include "nb-summary-writer.h"
#include "nb-window.h"

/* The window keeps its paths in UTF-8, as NbAggregate takes them; NULL for
 * none or a file without a local path. */
static char *
utf8_path (GFile *file)
{
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  return path ? g_filename_to_utf8 (path, -1, NULL, NULL, NULL) : NULL;
}

void
_nb_aggregate_window_update_actions (NbAggregateWindow *self)
{
  gboolean running = self->cancellable != NULL;
  gboolean done = self->aggregate && nb_aggregate_get_summary (self->aggregate);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.start", !running && self->paths->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.add-files", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.add-folder", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.roster", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.against", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.export", !running && done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.feedback", !running && done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agg.open-totals", !running && done);
  gtk_widget_set_visible (self->progress_box, running);
}

static void
sources_chosen (GListModel *files,
                gpointer    user_data)
{
  g_autoptr(NbAggregateWindow) self = user_data;

  for (guint i = 0; files && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) f = g_list_model_get_item (files, i);
      g_autofree char *utf8 = utf8_path (f);

      if (utf8)
        g_ptr_array_add (self->paths, g_steal_pointer (&utf8));
    }
  _nb_aggregate_window_update_sources (self);
}

static void
choose_sources (NbAggregateWindow *self,
                gboolean           folder)
{
  NbFileFilter filters[] = { { _("Reports (*.nianbao, *.xlsx)"), "*.nianbao;*.xlsx" }, { NULL, NULL } };

  nb_choose_files (GTK_WINDOW (self), folder, folder ? _("Add a Folder of Reports") : _("Add Report Files"),
                   _("_Add"), filters, sources_chosen, g_object_ref (self));
}

static void
add_files_activated (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  choose_sources (NB_AGGREGATE_WINDOW (widget), FALSE);
}

static void
add_folder_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  choose_sources (NB_AGGREGATE_WINDOW (widget), TRUE);
}

/* The roster and the area's report: one file each, given to @set. */
typedef struct
{
  NbAggregateWindow *self;
  void             (*set) (NbAggregateWindow *self,
                           const char        *path);
} OneFile;

static void
one_file_chosen (GFile   *file,
                 gpointer user_data)
{
  g_autofree OneFile *one = user_data;
  g_autoptr(NbAggregateWindow) self = one->self;
  g_autofree char *utf8 = utf8_path (file);

  if (utf8)
    one->set (self, utf8);
}

static void
choose_one_file (NbAggregateWindow  *self,
                 const char         *title,
                 const NbFileFilter *filters,
                 void              (*set) (NbAggregateWindow *self,
                                           const char        *path))
{
  OneFile *one = g_new0 (OneFile, 1);

  one->self = g_object_ref (self);
  one->set = set;
  nb_choose_file (GTK_WINDOW (self), FALSE, title, filters, NULL, NULL, one_file_chosen, one);
}

static void
roster_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  NbFileFilter filters[] = {
    { _("Rosters, one agency a line (*.txt)"), "*.txt" },
    { _("Rosters in a workbook's first column (*.xlsx)"), "*.xlsx" },
    { NULL, NULL },
  };

  choose_one_file (NB_AGGREGATE_WINDOW (widget), _("Choose the Roster"), filters, nb_aggregate_window_set_roster);
}

static void
against_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  NbFileFilter filters[] = { { _("Reports (*.nianbao, *.xlsx)"), "*.nianbao;*.xlsx" }, { NULL, NULL } };

  choose_one_file (NB_AGGREGATE_WINDOW (widget), _("The Area's Own Report"), filters,
                   nb_aggregate_window_set_against);
}

static void
start_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  nb_aggregate_window_start (NB_AGGREGATE_WINDOW (widget));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  nb_aggregate_window_cancel (NB_AGGREGATE_WINDOW (widget));
}

static void
export_chosen (GFile   *file,
               gpointer user_data)
{
  g_autoptr(NbAggregateWindow) self = user_data;
  g_autofree char *utf8 = utf8_path (file);
  g_autoptr(GError) error = NULL;

  if (utf8 && !nb_aggregate_window_export (self, utf8, &error))
    nb_alert_error (GTK_WINDOW (self), _("The workbook was not exported"), error->message);
}

gboolean
nb_aggregate_window_export (NbAggregateWindow  *self,
                            const char         *path,
                            GError            **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (NB_IS_AGGREGATE_WINDOW (self), FALSE);
  g_return_val_if_fail (self->aggregate != NULL, FALSE);

  if (nb_aggregate_is_input (self->aggregate, NULL, path))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("This file is one of the reports read; choose another name."));
      return FALSE;
    }
  /* With the area's report, its differences are the 对比 sheet. */
  if (!nb_summary_write (self->aggregate, self->differences, path, error))
    return FALSE;
  text = g_strdup_printf (_("Summary workbook written: %s"), path);
  gtk_label_set_text (self->status_label, text);
  return TRUE;
}

static void
export_activated (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  NbAggregateWindow *self = NB_AGGREGATE_WINDOW (widget);
  NbFileFilter filters[] = { { _("Excel workbooks (*.xlsx)"), "*.xlsx" }, { NULL, NULL } };
  g_autofree char *name = g_strdup_printf ("%s%d年汇总.xlsx",
                                           nb_report_get_agency (nb_aggregate_get_summary (self->aggregate)),
                                           nb_aggregate_get_year (self->aggregate));

  nb_choose_file (GTK_WINDOW (self), TRUE, _("Export the Summary Workbook"), filters, NULL, name,
                  export_chosen, g_object_ref (self));
}

typedef struct
{
  char *folder;
  char *from;
} FeedbackData;

static void
feedback_data_free (gpointer data)
{
  FeedbackData *d = data;

  g_free (d->folder);
  g_free (d->from);
  g_free (d);
}

static void
feedback_progress (guint    done,
                   guint    total,
                   gpointer user_data)
{
  GTask *task = user_data;
  g_autofree char *text = g_strdup_printf (_("Feedback: %u of %u"), done, total);

  _nb_aggregate_window_post_progress (task, total ? (double) done / total : 1, text);
}

static void
feedback_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  NbAggregateWindow *self = source;
  FeedbackData *d = task_data;
  GError *error = NULL;
  guint n = 0;

  /* The aggregate is not changed while the run is shown: read-only here. */
  if (!nb_feedback_write_all (self->aggregate, d->folder, d->from, cancellable, feedback_progress, task, &n, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

static void
feedback_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  NbAggregateWindow *self = NB_AGGREGATE_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);
  FeedbackData *d = g_task_get_task_data (G_TASK (result));

  g_clear_object (&self->cancellable);
  _nb_aggregate_window_update_actions (self);
  if (error)
    {
      nb_alert_error (GTK_WINDOW (self), _("The feedback was not written"), error->message);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Feedback for %u agency written to %s",
                                                          "Feedback for %u agencies written to %s", (gulong) n),
                                             (guint) n, d->folder);

    gtk_label_set_text (self->status_label, text);
  }
}

static void
feedback_folder_chosen (GListModel *files,
                        gpointer    user_data)
{
  g_autoptr(NbAggregateWindow) self = user_data;
  g_autoptr(GFile) f = files ? g_list_model_get_item (files, 0) : NULL;
  g_autofree char *utf8 = utf8_path (f);
  g_autoptr(GTask) task = NULL;
  FeedbackData *d;

  if (!utf8 || !self->aggregate || self->cancellable)
    return;
  d = g_new0 (FeedbackData, 1);
  d->folder = g_steal_pointer (&utf8);
  d->from = g_strdup (nb_report_get_agency (nb_aggregate_get_summary (self->aggregate)));
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress, 0);
  _nb_aggregate_window_update_actions (self);
  task = g_task_new (self, self->cancellable, feedback_done, NULL);
  g_task_set_task_data (task, d, feedback_data_free);
  g_task_run_in_thread (task, feedback_thread);
}

static void
feedback_activated (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  nb_choose_files (GTK_WINDOW (widget), TRUE, _("Folder for the Feedback Documents"), _("_Write Here"), NULL,
                   feedback_folder_chosen, g_object_ref (widget));
}

static void
open_totals_activated (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  NbAggregateWindow *self = NB_AGGREGATE_WINDOW (widget);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *data = NULL;
  g_autoptr(NbReport) copy = NULL;
  NbWindow *window;

  if (!self->aggregate || !nb_aggregate_get_summary (self->aggregate))
    return;
  /* A copy: editing the area's report does not change the run's totals. */
  data = nb_report_file_to_data (nb_aggregate_get_summary (self->aggregate), NULL);
  copy = nb_report_file_load_from_data (data, -1, NULL);
  nb_report_set_modified (copy, TRUE);
  window = nb_window_new (NB_APPLICATION (app));
  nb_window_set_report (window, copy, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

void
_nb_aggregate_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "agg.add-files", NULL, add_files_activated);
  gtk_widget_class_install_action (widget_class, "agg.add-folder", NULL, add_folder_activated);
  gtk_widget_class_install_action (widget_class, "agg.roster", NULL, roster_activated);
  gtk_widget_class_install_action (widget_class, "agg.against", NULL, against_activated);
  gtk_widget_class_install_action (widget_class, "agg.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "agg.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "agg.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "agg.feedback", NULL, feedback_activated);
  gtk_widget_class_install_action (widget_class, "agg.open-totals", NULL, open_totals_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "agg.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "agg.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "agg.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}
