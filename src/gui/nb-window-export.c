/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-window-export.c — NbWindow's export: the questions before it, the
 * file chooser, the worker thread, and printing into a PDF
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nb-checker.h"
#include "nb-dialogs.h"
#include "nb-export.h"
#include "nb-print-operation.h"
#include "nb-report-file.h"
#include "nb-safe-write.h"
#include "nb-window-private.h"

/* ---- export and print -------------------------------------------------- */

typedef struct
{
  char             *path;
  char             *data;
  gsize             length;
  NbSafeWriteFlags  flags;   /* FORCE: the clerk agreed to replace a read-only file */
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job->data);
  g_free (job);
}

/* Runs in a worker thread on a private copy of the report, so the clerk
 * can go on typing while a long report is written. */
static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) copy = nb_report_file_load_from_data (job->data, (gssize) job->length, &error);

  if (!copy || !nb_export_to_path_full (copy, job->path, job->flags, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
nb_window_export_async (NbWindow            *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (NB_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nb_window_export_async);
  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  job->data = nb_report_file_to_data (self->report, &job->length);
  /* Set by start_export once the clerk said to replace a read-only file. */
  if (g_object_get_data (G_OBJECT (self), "nb-export-force"))
    job->flags = NB_SAFE_WRITE_FORCE;
  g_object_set_data (G_OBJECT (self), "nb-export-force", NULL);
  g_task_set_task_data (task, job, export_job_free);
  if (!job->path)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Can only export to a local folder"));
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gboolean
nb_window_export_finish (NbWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  NbWindow *self = NB_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);

  self->exporting = FALSE;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _nb_window_actions_update (self);
  if (!nb_window_export_finish (self, result, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("Could not export “%s”"), name);

      _nb_window_hide_message (self);
      nb_alert_error (GTK_WINDOW (self), heading, error->message);
      return;
    }
  {
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

    _nb_window_show_message_with_folder (self, "emblem-ok-symbolic", text, folder);
  }
}

static void start_export (NbWindow *self, GFile *file);

static void start_export (NbWindow *self, GFile *file);

typedef struct
{
  NbWindow *self;
  GFile    *file;
} ReadOnlyAsk;

static void
on_read_only_answer (int      response,
                     gpointer user_data)
{
  ReadOnlyAsk *ask = user_data;

  if (response == 0)
    {
      g_object_set_data (G_OBJECT (ask->self), "nb-export-force", GINT_TO_POINTER (TRUE));
      start_export (ask->self, ask->file);
    }
  g_object_unref (ask->self);
  g_object_unref (ask->file);
  g_free (ask);
}

static void
start_export (NbWindow *self,
              GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), name);

  /* A read-only file is replaced only when the clerk says so. */
  if (!g_object_get_data (G_OBJECT (self), "nb-export-force") && nb_safe_write_is_read_only (file))
    {
      const char *buttons[] = { _("_Replace"), _("_Cancel"), NULL };
      g_autofree char *body = g_strdup_printf (_("“%s” is read-only. Replace it with the new export?"), name);
      ReadOnlyAsk *ask = g_new0 (ReadOnlyAsk, 1);

      ask->self = g_object_ref (self);
      ask->file = g_object_ref (file);
      nb_alert (GTK_WINDOW (self), _("Replace a read-only file?"), body, buttons, 1, 0, 1,
                on_read_only_answer, ask);
      return;
    }
  self->exporting = TRUE;
  _nb_window_actions_update (self);
  _nb_window_show_message (self, "document-send-symbolic", text);
  {
    g_autoptr(GdkCursor) busy = gdk_cursor_new_from_name ("progress", NULL);
    gtk_widget_set_cursor (GTK_WIDGET (self), busy);
  }
  nb_window_export_async (self, file, NULL, on_export_done, g_object_ref (file));
}

void
nb_window_export_to (NbWindow *self,
                     GFile    *file)
{
  g_return_if_fail (NB_IS_WINDOW (self));
  g_return_if_fail (self->report != NULL);
  start_export (self, file);
}

static void
on_export_chosen (GFile   *file,
                  gpointer user_data)
{
  NbWindow *self = user_data;
  const char *default_ext = g_object_get_data (G_OBJECT (self), "nb-export-ext");

  if (file && self->report)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* No known extension typed: use the one the clerk asked for. */
      if (nb_export_kind_for_path (name) == NB_EXPORT_UNKNOWN)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *with_ext = g_strconcat (name, default_ext, NULL);
          g_autoptr(GFile) target = g_file_get_child (parent, with_ext);

          start_export (self, target);
        }
      else
        start_export (self, file);
    }
  g_object_unref (self);
}

static void
choose_export_file (NbWindow   *self,
                    const char *ext)
{
  g_autofree char *title = nb_report_dup_title (self->report);
  g_autofree char *name = g_strconcat (title, ext, NULL);
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;
  const struct { const char *ext; NbFileFilter filter; } kinds[] = {
    { ".xlsx", { _("Excel workbook for superiors (*.xlsx)"), "*.xlsx" } },
    { ".pdf", { _("PDF for printing and publishing (*.pdf)"), "*.pdf" } },
    { ".html", { _("Web page for the site’s information disclosure column (*.html)"), "*.html" } },
    { ".docx", { _("Word document for editors and leaders (*.docx)"), "*.docx" } },
  };
  NbFileFilter filters[G_N_ELEMENTS (kinds) + 1] = { { NULL, NULL }, };
  guint n = 0, chosen = 0;

  /* The asked-for format first: it is the default filter. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (ext, kinds[i].ext))
      chosen = i;
  filters[n++] = kinds[chosen].filter;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (i != chosen)
      filters[n++] = kinds[i].filter;
  g_object_set_data (G_OBJECT (self), "nb-export-ext", (gpointer) kinds[chosen].ext);
  nb_choose_file (GTK_WINDOW (self), TRUE, _("Export Report"), filters, folder, name,
                  on_export_chosen, g_object_ref (self));
}

/* Before exporting, in order: errors, tables nobody filled, a PDF without
 * a date. "Export anyway" goes on to the next question. */
typedef enum
{
  EXPORT_ASK_ERRORS,
  EXPORT_ASK_UNTOUCHED,
  EXPORT_ASK_DATE,
  EXPORT_ASK_DONE,
} ExportStage;

typedef struct
{
  NbWindow    *self;
  const char  *ext;
  ExportStage  stage;
} ExportAsk;

static void export_from (NbWindow *self, const char *ext, ExportStage stage);

static void export_from (NbWindow *self, const char *ext, ExportStage stage);

static void
go_to_untouched_table (NbWindow *self)
{
  g_autoptr(GPtrArray) tables = nb_report_dup_untouched_tables (self->report);
  const NbTableDef *table = tables->len ? g_ptr_array_index (tables, 0) : NULL;
  const char *first = NULL;

  if (!table)
    return;
  for (guint i = 0; i < table->cells->len && !first; i++)
    {
      const NbCellDef *def = g_ptr_array_index (table->cells, i);

      if (!def->computed)
        first = def->key;
    }
  _nb_window_go_to_key (self, table->key, first);
}

static void
on_export_ask_response (int      response,
                        gpointer user_data)
{
  g_autofree ExportAsk *ask = user_data;
  NbWindow *self = ask->self;

  if (response == 0 && self->report)          /* go and correct it */
    {
      switch (ask->stage)
        {
        case EXPORT_ASK_ERRORS:
          for (guint i = 0; i < self->problems->len; i++)
            if (nb_problem_get_severity (g_ptr_array_index (self->problems, i)) == NB_SEVERITY_ERROR)
              {
                nb_problems_view_activate (self->problems_view, i);
                break;
              }
          break;
        case EXPORT_ASK_UNTOUCHED:
          go_to_untouched_table (self);
          break;
        case EXPORT_ASK_DATE:
          _nb_window_go_to_key (self, "details", "date");
          break;
        default:
          break;
        }
    }
  else if (response == 1 && self->report)     /* export anyway */
    export_from (self, ask->ext, ask->stage + 1);
  g_object_unref (self);
}

static void
export_ask (NbWindow    *self,
            const char  *ext,
            ExportStage  stage,
            const char  *heading,
            const char  *body,
            const char  *go_label)
{
  const char *buttons[] = { go_label, _("Export _Anyway"), _("_Cancel"), NULL };
  ExportAsk *ask = g_new0 (ExportAsk, 1);

  ask->self = g_object_ref (self);
  ask->ext = ext;
  ask->stage = stage;
  nb_alert (GTK_WINDOW (self), heading, body, buttons, 0, -1, 2, on_export_ask_response, ask);
}

static void
export_from (NbWindow    *self,
             const char  *ext,
             ExportStage  stage)
{
  if (!self->report || self->exporting)
    return;
  if (stage <= EXPORT_ASK_ERRORS)
    {
      guint n_errors;

      nb_window_check_now (self);
      n_errors = nb_problems_count (self->problems, NB_SEVERITY_ERROR);
      if (n_errors > 0)
        {
          g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "The report has %u error",
                                                                   "The report has %u errors", n_errors),
                                                      n_errors);

          export_ask (self, ext, EXPORT_ASK_ERRORS, heading,
                      _("What you export still contains these errors, and superiors and evaluators "
                        "will find them. Go to them to correct them, or export anyway."),
                      _("_Go to Problems"));
          return;
        }
    }
  if (stage <= EXPORT_ASK_UNTOUCHED)
    {
      g_autofree char *untouched = nb_report_describe_untouched (self->report);

      if (untouched)
        {
          g_autofree char *body = g_strconcat (untouched, " ",
                                               _("Zeros nobody typed pass every check. If the agency really "
                                                 "had none, type 0 in a cell of the table to say so."),
                                               NULL);

          export_ask (self, ext, EXPORT_ASK_UNTOUCHED, _("A table was never filled in"), body,
                      _("_Go to the Table"));
          return;
        }
    }
  /* The printed report ends with its date: say so before a PDF without one. */
  if (stage <= EXPORT_ASK_DATE && g_str_equal (ext, ".pdf") && !nb_report_get_date (self->report))
    {
      export_ask (self, ext, EXPORT_ASK_DATE, _("The report date is not filled in"),
                  _("The printed report ends with the agency and the date it was issued. "
                    "Without a date the PDF ends with the agency only."),
                  _("_Fill In the Date"));
      return;
    }
  choose_export_file (self, ext);
}

void
_nb_window_export_with (NbWindow   *self,
             const char *ext)
{
  export_from (self, ext, EXPORT_ASK_ERRORS);
}

gboolean
nb_window_print_to_pdf (NbWindow    *self,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(NbPrintOperation) op = NULL;

  g_return_val_if_fail (NB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  op = nb_print_operation_new (self->report);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (op), path);
  return gtk_print_operation_run (GTK_PRINT_OPERATION (op), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                  GTK_WINDOW (self), error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
