/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-actions.c — every action of NbWindow (win.*)
 *
 * The activations only ask and route: the document work is in
 * nb-window.c, export and print in nb-window-export.c. Which actions are
 * enabled is decided in one place, _nb_window_actions_update().
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "nb-compare-window.h"
#include "nb-convert.h"
#include "nb-details-view.h"
#include "nb-dialogs.h"
#include "nb-new-dialog.h"
#include "nb-preview-window.h"
#include "nb-print-operation.h"
#include "nb-report-file.h"
#include "nb-table-view.h"
#include "nb-text-view.h"
#include "nb-window-import.h"
#include "nb-window-private.h"

void
_nb_window_actions_update (NbWindow *self)
{
  gboolean has = self->report != NULL;
  NbHistory *history = has ? nb_report_get_history (self->report) : NULL;
  const char *doc_actions[] = { "win.save", "win.save-as", "win.show-problems", "win.next-problem",
                                "win.clear-import-warnings", "win.choose-previous" };

  for (guint i = 0; i < G_N_ELEMENTS (doc_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), doc_actions[i], has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", has && nb_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", has && nb_history_can_redo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pdf", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-html", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-docx", has && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-preview", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", has);
}

/* ---- actions ----------------------------------------------------------- */

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (!self->report)
    return;
  if (self->file)
    _nb_window_save_or_report (self, self->file, NULL);
  else
    _nb_window_save_as_async (self, NULL, NULL, NULL);
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (self->report)
    _nb_window_save_as_async (self, NULL, NULL, NULL);
}

static void
on_summary_response (int      response,
                     gpointer user_data)
{
}

/* After "start from last year's report": what came over and what did not. */
char *
nb_window_describe_carry_over (NbReport *report,
                               NbReport *previous)
{
  NbFormat *format = nb_report_get_format (report);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) drafts = g_string_new (NULL);
  g_autoptr(GString) empty = g_string_new (NULL);
  guint n_figures = 0;

  g_string_append_printf (body, _("Carried over from the %d report:"), nb_report_get_year (previous));
  g_string_append (body, "\n• ");
  g_string_append (body, _("the agency, its kind and the sign-off"));
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);

      if (def->computed || !nb_report_is_touched (report, i))
        continue;
      if (n_figures++ < 8)
        {
          g_autofree char *title = nb_format_dup_cell_title (format, def);
          g_autofree char *value = nb_report_dup_field (report, def->key, NULL);

          g_string_append_printf (body, "\n• %s：%s", title, value);
        }
    }
  if (n_figures > 8)
    {
      g_string_append (body, "\n• ");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more figure",
                                                 "and %u more figures", n_figures - 8), n_figures - 8);
    }
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      GString *into;

      if (s->kind != NB_SECTION_TEXT)
        continue;
      into = nb_report_get_needs_review (report, s->key) ? drafts : empty;
      if (into->len)
        g_string_append (into, _("; "));
      g_string_append (into, s->short_heading);
    }
  if (drafts->len)
    {
      g_string_append (body, "\n• ");
      g_string_append_printf (body, _("the texts of %s, as drafts marked for review until you edit them"),
                              drafts->str);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Not carried over:"));
  g_string_append (body, "\n• ");
  g_string_append (body, _("this year's figures (the tables start at 0 and count as not filled in)"));
  g_string_append (body, "\n• ");
  g_string_append (body, _("the report date"));
  if (empty->len)
    {
      g_string_append (body, "\n• ");
      g_string_append_printf (body, _("texts that were empty last year: %s"), empty->str);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
on_new_report (NbNewDialog *dialog,
               NbReport    *report,
               NbWindow    *self)
{
  NbReport *previous = nb_new_dialog_get_previous (dialog);

  nb_window_set_report (self, report, NULL);
  /* A new report is unsaved work from the first keystroke. */
  nb_report_set_modified (report, TRUE);
  gtk_notebook_set_current_page (self->notebook, 1);
  /* The keyboard starts where the clerk is shown to start: in the first
   * section's text, not on the start page's button the dialog came from. */
  gtk_widget_child_focus (gtk_notebook_get_nth_page (self->notebook, 1), GTK_DIR_TAB_FORWARD);
  if (previous && nb_report_get_previous_uri (report))
    {
      const char *buttons[] = { _("_OK"), NULL };
      g_autofree char *body = nb_window_describe_carry_over (report, previous);
      g_autofree char *heading = g_strdup_printf (_("Started from the %d report"), nb_report_get_year (previous));

      /* The checks across years run against it from now on. */
      g_set_object (&self->previous, previous);
      nb_window_check_now (self);
      nb_alert (GTK_WINDOW (self), heading, body, buttons, 0, -1, 0, on_summary_response, NULL);
    }
}

/* New, Open and Import go on once unsaved changes are saved or dropped. */
static void
on_new_confirmed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);
  NbNewDialog *dialog;

  if (!nb_window_confirm_discard_finish (self, result, NULL))
    return;
  dialog = nb_new_dialog_new (GTK_WINDOW (self));
  g_signal_connect_object (dialog, "create", G_CALLBACK (on_new_report), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  nb_window_confirm_discard_async (NB_WINDOW (widget), NULL, on_new_confirmed, NULL);
}

static void
on_open_chosen (GFile   *file,
                gpointer user_data)
{
  NbWindow *self = user_data;

  if (file)
    nb_window_open_file (self, file);
  g_object_unref (self);
}

static void
on_open_confirmed (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);
  g_autoptr(GFile) folder = NULL;

  if (!nb_window_confirm_discard_finish (self, result, NULL))
    return;
  folder = self->file ? g_file_get_parent (self->file) : NULL;
  nb_choose_file (GTK_WINDOW (self), FALSE, _("Open Report"), nb_report_file_filters (), folder, NULL,
                  on_open_chosen, g_object_ref (self));
}

static void
on_import_confirmed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);

  if (!nb_window_confirm_discard_finish (self, result, NULL))
    return;
  nb_choose_file (GTK_WINDOW (self), FALSE, _("Import Published Report"), nb_import_file_filters (), NULL, NULL,
                  on_open_chosen, g_object_ref (self));
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  nb_window_confirm_discard_async (NB_WINDOW (widget), NULL, on_import_confirmed, NULL);
}

static void
clear_import_warnings_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  nb_window_clear_import_warnings (NB_WINDOW (widget));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  nb_window_confirm_discard_async (NB_WINDOW (widget), NULL, on_open_confirmed, NULL);
}

/* What an undo or redo changes: field keys as the history has them. */
static void
on_replay_cell (NbReport   *report,
                const char *key,
                guint       index,
                GPtrArray  *keys)
{
  g_ptr_array_add (keys, g_strdup (key));
}

static void
on_replay_text (NbReport   *report,
                const char *section,
                GPtrArray  *keys)
{
  g_ptr_array_add (keys, g_strconcat ("text/", section, NULL));
}

static void
on_replay_notify (NbReport   *report,
                  GParamSpec *pspec,
                  GPtrArray  *keys)
{
  if (g_str_equal (pspec->name, "modified"))
    return;
  g_ptr_array_add (keys, g_strdelimit (g_strdup (pspec->name), "-", '_'));
}

static void
replay (NbWindow *self,
        gboolean  undo)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  NbFormat *format;
  /* Listens only while the history replays (GLib 2.74 has no g_autoptr for it). */
  GSignalGroup *watch;
  gboolean done;

  if (!self->report)
    return;
  format = nb_report_get_format (self->report);
  for (guint i = 0; i < nb_format_get_n_sections (format); i++)
    {
      const NbSectionDef *s = nb_format_get_section (format, i);
      if (s->kind == NB_SECTION_TEXT)
        g_hash_table_insert (texts, (gpointer) s->key, g_strdup (nb_report_get_text (self->report, s->key)));
    }
  watch = g_signal_group_new (NB_TYPE_REPORT);
  g_signal_group_connect (watch, "cell-changed", G_CALLBACK (on_replay_cell), keys);
  g_signal_group_connect (watch, "text-changed", G_CALLBACK (on_replay_text), keys);
  g_signal_group_connect (watch, "notify", G_CALLBACK (on_replay_notify), keys);
  g_signal_group_set_target (watch, self->report);
  done = undo ? nb_report_undo (self->report) : nb_report_redo (self->report);
  g_object_unref (watch);
  if (done && keys->len > 0)
    _nb_window_reveal_change (self, g_ptr_array_index (keys, 0), texts);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  replay (NB_WINDOW (widget), TRUE);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  replay (NB_WINDOW (widget), FALSE);
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
next_problem_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (!self->problems->len)
    {
      _nb_window_show_message (self, "emblem-ok-symbolic", _("No problems found"));
      return;
    }
  self->next_problem %= self->problems->len;
  nb_problems_view_activate (self->problems_view, self->next_problem++);
}

static void
show_problems_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  /* Toggle between the summary line alone and the list. */
  self->problems_collapsed = !self->problems_collapsed;
  _nb_window_apply_problems_height (self);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _nb_window_export_with (NB_WINDOW (widget), ".xlsx");
}

static void
export_pdf_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _nb_window_export_with (NB_WINDOW (widget), ".pdf");
}

static void
export_html_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _nb_window_export_with (NB_WINDOW (widget), ".html");
}

static void
export_docx_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _nb_window_export_with (NB_WINDOW (widget), ".docx");
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               NbWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      nb_alert_error (GTK_WINDOW (self), _("The report could not be printed"),
                      error ? error->message : NULL);
    }
}

static void
on_convert_response (int      response,
                     gpointer user_data)
{
  NbWindow *self = user_data;

  if (response == 0 && self->report)
    {
      NbFormat *target = nb_format_for_year (nb_report_get_year (self->report));
      g_autoptr(NbReport) converted = nb_report_convert (self->report, target, NULL);
      g_autoptr(GFile) file = self->file ? g_object_ref (self->file) : NULL;
      g_autofree char *text = g_strdup_printf (_("Converted to the %s format. Save to keep it."),
                                               nb_format_get_version (target));

      /* Same file: saving replaces it, the old one is kept as a backup (~). */
      nb_window_set_report (self, converted, file);
      nb_report_set_modified (converted, TRUE);
      _nb_window_show_message (self, "emblem-ok-symbolic", text);
    }
  g_object_unref (self);
}

static void
convert_format_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  NbFormat *target;
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(NbReport) trial = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  const char *buttons[] = { _("_Convert"), _("_Cancel"), NULL };

  if (!self->report || !(target = nb_format_for_year (nb_report_get_year (self->report))))
    return;
  trial = nb_report_convert (self->report, target, lost);
  heading = g_strdup_printf (_("Convert the report to the %s format?"), nb_format_get_version (target));
  g_string_append_printf (body, _("The details, the texts and every figure both formats have are kept (%s)."),
                          nb_format_get_name (target));
  if (lost->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("These figures have no place in the new format and are dropped:"));
      for (guint i = 0; i < lost->len; i++)
        {
          const NbCellDef *def = nb_format_find_cell (nb_report_get_format (self->report),
                                                      g_ptr_array_index (lost, i));
          g_autofree char *value = nb_report_dup_field (self->report, def->key, NULL);

          g_string_append_printf (body, "\n• %s: %s", def->label, value);
        }
    }
  nb_alert (GTK_WINDOW (self), heading, body->str, buttons, 0, -1, 1,
            on_convert_response, g_object_ref (self));
}

/* Last year's report for the across-years checks (carry.*), kept in the
 * document so that they run whenever it is opened. */
gboolean
nb_window_set_previous_file (NbWindow  *self,
                             GFile     *file,
                             GError   **error)
{
  g_autoptr(NbReport) previous = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  if (!(previous = nb_report_file_load (file, NULL, error)))
    return FALSE;
  if (nb_report_get_year (previous) != nb_report_get_year (self->report) - 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("That is the report for %d; the %d report is checked against the one for %d."),
                   nb_report_get_year (previous), nb_report_get_year (self->report),
                   nb_report_get_year (self->report) - 1);
      return FALSE;
    }
  uri = g_file_get_uri (file);
  nb_report_set_previous_uri (self->report, uri);
  nb_report_set_modified (self->report, TRUE);
  g_set_object (&self->previous, previous);
  nb_window_check_now (self);
  return TRUE;
}

static void
on_previous_chosen (GFile   *file,
                    gpointer user_data)
{
  NbWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (file && self->report)
    {
      if (nb_window_set_previous_file (self, file, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The report is now checked against the %d report as well"),
                                                   nb_report_get_year (self->previous));
          _nb_window_show_message (self, "emblem-ok-symbolic", text);
        }
      else
        nb_alert_error (GTK_WINDOW (self), _("Last year's report could not be used"), error->message);
    }
  g_object_unref (self);
}

static void
choose_previous_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  if (self->report)
    nb_choose_file (GTK_WINDOW (self), FALSE, _("Last Year's Report"), nb_report_file_filters (), folder, NULL,
                    on_previous_chosen, g_object_ref (self));
}

static void
print_preview_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);

  if (self->report)
    gtk_window_present (GTK_WINDOW (nb_preview_window_new (GTK_WINDOW (self), self->report)));
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  g_autoptr(NbPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->report)
    return;
  op = nb_print_operation_new (self->report);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (op), TRUE);
  g_signal_connect_object (op, "done", G_CALLBACK (on_print_done), self, 0);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    nb_alert_error (GTK_WINDOW (self), _("The report could not be printed"), error->message);
}

/* ---- 与上年对比 (the comparison window is nb-compare-window.c) -------- */

GtkWindow *
nb_window_compare_with (NbWindow *self,
                        NbReport *last)
{
  NbCompareWindow *compare;

  g_return_val_if_fail (NB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->report != NULL, NULL);
  compare = nb_compare_window_new (GTK_WINDOW (self), last, self->report);
  gtk_window_present (GTK_WINDOW (compare));
  return GTK_WINDOW (compare);
}

static void
on_compare_chosen (GFile   *file,
                   gpointer user_data)
{
  g_autoptr(NbWindow) self = user_data;
  g_autoptr(NbReport) last = NULL;
  g_autoptr(GError) error = NULL;

  if (!file || !self->report)
    return;
  if (!(last = nb_report_file_load (file, NULL, &error)))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      nb_alert_error (GTK_WINDOW (self), heading, error->message);
      return;
    }
  nb_window_compare_with (self, last);
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NbWindow *self = NB_WINDOW (widget);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  nb_choose_file (GTK_WINDOW (self), FALSE, _("Last Year's Report"), nb_report_file_filters (), folder,
                  NULL, on_compare_chosen, g_object_ref (self));
}

void
_nb_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.clear-import-warnings", NULL,
                                   clear_import_warnings_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "win.next-problem", NULL, next_problem_activated);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_activated);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.export-pdf", NULL, export_pdf_activated);
  gtk_widget_class_install_action (widget_class, "win.export-html", NULL, export_html_activated);
  gtk_widget_class_install_action (widget_class, "win.export-docx", NULL, export_docx_activated);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "win.print-preview", NULL, print_preview_activated);
  gtk_widget_class_install_action (widget_class, "win.convert-format", NULL, convert_format_activated);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "win.choose-previous", NULL, choose_previous_activated);
}
