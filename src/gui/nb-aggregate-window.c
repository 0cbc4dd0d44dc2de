/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate-window.c — 汇总: collect, check and total the agencies' reports */
#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "nb-aggregate-item.h"
#include "nb-aggregate-window-private.h"
#include "nb-checker.h"
#include "nb-dialogs.h"
#include "nb-report-file.h"
#include "nb-window.h"

G_DEFINE_FINAL_TYPE (NbAggregateWindow, nb_aggregate_window, GTK_TYPE_WINDOW)

/* The state drop-down: "all", then each NbEntryState in order. */
#define N_STATES (NB_ENTRY_MISSING + 1)

void
_nb_aggregate_window_update_sources (NbAggregateWindow *self)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (self->paths->len == 0)
    g_string_append (s, _("Add the agencies' reports: .nianbao documents or workbooks exported by nianbao."));
  else
    {
      g_autofree char *first = g_path_get_basename (g_ptr_array_index (self->paths, 0));

      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u file or folder: %s", "%u files or folders: %s…",
                                              self->paths->len),
                              self->paths->len, first);
    }
  if (self->roster)
    {
      g_autofree char *base = g_path_get_basename (self->roster);

      g_string_append_printf (s, _(" · roster: %s"), base);
    }
  if (self->against)
    {
      g_autofree char *base = g_path_get_basename (self->against);

      g_string_append_printf (s, _(" · compared with: %s"), base);
    }
  gtk_label_set_text (self->sources_label, s->str);
  _nb_aggregate_window_update_actions (self);
}

void
nb_aggregate_window_add_path (NbAggregateWindow *self,
                              const char        *path)
{
  g_return_if_fail (NB_IS_AGGREGATE_WINDOW (self));
  g_ptr_array_add (self->paths, g_strdup (path));
  _nb_aggregate_window_update_sources (self);
}

void
nb_aggregate_window_set_roster (NbAggregateWindow *self,
                                const char        *path)
{
  g_return_if_fail (NB_IS_AGGREGATE_WINDOW (self));
  g_free (self->roster);
  self->roster = g_strdup (path);
  _nb_aggregate_window_update_sources (self);
}

void
nb_aggregate_window_set_against (NbAggregateWindow *self,
                                 const char        *path)
{
  g_return_if_fail (NB_IS_AGGREGATE_WINDOW (self));
  g_free (self->against);
  self->against = g_strdup (path);
  _nb_aggregate_window_update_sources (self);
}

/* ---- the worker ---- */

typedef struct
{
  GPtrArray *paths;
  char      *roster;
  char      *name;
  int        year;         /* 0: the year most reports have */
  char      *against;
  /* The worker's answers about @against, read once it is done. */
  GPtrArray *differences;
  GError    *against_error;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *d = data;

  g_ptr_array_unref (d->paths);
  g_free (d->roster);
  g_free (d->name);
  g_free (d->against);
  g_clear_pointer (&d->differences, g_ptr_array_unref);
  g_clear_error (&d->against_error);
  g_free (d);
}

typedef struct
{
  GWeakRef  window;
  double    fraction;
  char     *text;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *p = data;
  g_autoptr(NbAggregateWindow) self = g_weak_ref_get (&p->window);

  if (self && self->cancellable)
    {
      gtk_progress_bar_set_fraction (self->progress, p->fraction);
      gtk_progress_bar_set_text (self->progress, p->text);
    }
  g_weak_ref_clear (&p->window);
  g_free (p->text);
  g_free (p);
  return G_SOURCE_REMOVE;
}

void
_nb_aggregate_window_post_progress (GTask      *task,
                                    double      fraction,
                                    const char *text)
{
  Progress *p = g_new0 (Progress, 1);

  g_weak_ref_init (&p->window, g_task_get_source_object (task));
  p->fraction = fraction;
  p->text = g_strdup (text);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, show_progress, p, NULL);
}

typedef struct
{
  GTask  *task;
  gint64  last;
} Progressing;

static void
run_progress (guint       done,
              guint       total,
              const char *path,
              gpointer    user_data)
{
  Progressing *p = user_data;
  gint64 now = g_get_monotonic_time ();

  /* At most 20 updates a second, whatever the number of files. */
  if (now - p->last > 50000 || done == total)
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("%u of %u: %s"), done, total, base);

      _nb_aggregate_window_post_progress (p->task, (double) done / total, text);
      p->last = now;
    }
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *d = task_data;
  g_autoptr(NbAggregate) agg = nb_aggregate_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  nb_aggregate_set_keep_details (agg, TRUE);
  nb_aggregate_set_name (agg, d->name);
  nb_aggregate_set_year (agg, d->year);
  if (d->roster && !nb_aggregate_load_roster (agg, d->roster, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < d->paths->len; i++)
    {
      const char *path = g_ptr_array_index (d->paths, i);
      g_autofree char *native = g_filename_from_utf8 (path, -1, NULL, NULL, NULL);

      if (native && g_file_test (native, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GPtrArray) found = nb_aggregate_list_folder (path, &error);

          if (!found)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          for (guint k = 0; k < found->len; k++)
            g_ptr_array_add (files, g_strdup (g_ptr_array_index (found, k)));
        }
      else
        g_ptr_array_add (files, g_strdup (path));
    }
  {
    Progressing p = { task, 0 };

    if (!nb_aggregate_add_files (agg, (const char *const *) files->pdata, files->len, 0, cancellable,
                                 run_progress, &p, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }
  if (!nb_aggregate_finish (agg, &error))
    {
      /* The entries still say what went wrong with each file. */
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_set_data_full (G_OBJECT (task), "nb-aggregate", g_steal_pointer (&agg), g_object_unref);
      return;
    }
  /* The totals stand even when the area's report cannot be compared. */
  if (d->against)
    {
      g_autoptr(NbReport) area = nb_aggregate_read_report (d->against, NULL, &d->against_error);

      if (area)
        d->differences = nb_aggregate_compare (agg, area, &d->against_error);
    }
  g_task_return_pointer (task, g_steal_pointer (&agg), g_object_unref);
}

static void
show_aggregate (NbAggregateWindow *self,
                NbAggregate       *agg)
{
  g_list_store_remove_all (self->store);
  g_set_object (&self->aggregate, agg);
  for (guint i = 0; agg && i < nb_aggregate_get_n_entries (agg); i++)
    {
      g_autoptr(NbAggregateItem) item = nb_aggregate_item_new (agg, i);

      g_list_store_append (self->store, item);
    }
  nb_aggregate_chart_set_aggregate (self->chart, agg && nb_aggregate_get_summary (agg) ? agg : NULL);
}

static void
show_differences (NbAggregateWindow *self,
                  const GError      *error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *heading = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->differences_expander), error || self->differences);
  if (error)
    {
      heading = g_strdup (_("The area's own report was not compared"));
      g_string_append (text, error->message);
    }
  else if (self->differences && self->differences->len == 0)
    {
      heading = g_strdup (_("The area's own report agrees with the totals"));
      g_string_append (text, _("Every figure is the same."));
    }
  else if (self->differences)
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u difference between the area's own report and the totals",
                                              "%u differences between the area's own report and the totals",
                                              self->differences->len),
                                 self->differences->len);
      for (guint i = 0; i < self->differences->len; i++)
        g_string_append_printf (text, "%s%s", i ? "\n" : "", (const char *) g_ptr_array_index (self->differences, i));
    }
  gtk_expander_set_label (self->differences_expander, heading);
  gtk_label_set_text (self->differences_label, text->str);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  NbAggregateWindow *self = NB_AGGREGATE_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(NbAggregate) agg = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  if (!agg)
    {
      NbAggregate *partial = g_object_get_data (G_OBJECT (result), "nb-aggregate");

      show_aggregate (self, partial);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, _("Cancelled: nothing was totalled."));
      else
        gtk_label_set_text (self->status_label, error->message);
      _nb_aggregate_window_update_actions (self);
      return;
    }
  show_aggregate (self, agg);
  {
    RunData *d = g_task_get_task_data (G_TASK (result));

    self->differences = g_steal_pointer (&d->differences);
    show_differences (self, d->against_error);
  }
  {
    g_autofree char *text = g_strdup_printf (_("%u reports counted for %d (%s format): %u with errors, %u with warnings, "
                                               "%u unreadable, %u not counted, %u missing."),
                                             nb_aggregate_get_n_counted (agg), nb_aggregate_get_year (agg),
                                             nb_format_get_version (nb_aggregate_get_format (agg)),
                                             nb_aggregate_count_state (agg, NB_ENTRY_ERRORS),
                                             nb_aggregate_count_state (agg, NB_ENTRY_WARNINGS),
                                             nb_aggregate_count_state (agg, NB_ENTRY_UNREADABLE),
                                             nb_aggregate_count_state (agg, NB_ENTRY_EXCLUDED)
                                               + nb_aggregate_count_state (agg, NB_ENTRY_REPLACED),
                                             nb_aggregate_count_state (agg, NB_ENTRY_MISSING));

    gtk_label_set_text (self->status_label, text);
  }
  _nb_aggregate_window_update_actions (self);
}

static int
selected_year (NbAggregateWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->year_dropdown);

  return selected == 0 || !item ? 0 : atoi (gtk_string_object_get_string (item));
}

void
nb_aggregate_window_start (NbAggregateWindow *self)
{
  g_autoptr(GTask) task = NULL;
  RunData *d;
  const char *name;

  g_return_if_fail (NB_IS_AGGREGATE_WINDOW (self));
  if (self->cancellable || self->paths->len == 0)
    return;

  /* The shared checkers are made here, not in two threads at once. */
  for (const char *const *v = nb_format_list_versions (); *v; v++)
    nb_checker_for_format (nb_format_get (*v, NULL));

  d = g_new0 (RunData, 1);
  d->paths = g_ptr_array_copy (self->paths, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  g_ptr_array_set_free_func (d->paths, g_free);
  d->roster = g_strdup (self->roster);
  name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  d->name = g_strdup (name && *name ? name : _("Summary"));
  d->year = selected_year (self);
  d->against = g_strdup (self->against);

  self->cancellable = g_cancellable_new ();
  show_aggregate (self, NULL);
  g_clear_pointer (&self->differences, g_ptr_array_unref);
  show_differences (self, NULL);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Reading…"));
  gtk_label_set_text (self->status_label, "");
  _nb_aggregate_window_update_actions (self);

  task = g_task_new (self, self->cancellable, run_done, NULL);
  g_task_set_task_data (task, d, run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
nb_aggregate_window_is_running (NbAggregateWindow *self)
{
  return self->cancellable != NULL;
}

void
nb_aggregate_window_cancel (NbAggregateWindow *self)
{
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

NbAggregate *
nb_aggregate_window_get_aggregate (NbAggregateWindow *self)
{
  return self->aggregate;
}

GPtrArray *
nb_aggregate_window_get_differences (NbAggregateWindow *self)
{
  return self->differences;
}

GListModel *
nb_aggregate_window_get_rows (NbAggregateWindow *self)
{
  return G_LIST_MODEL (self->sorted);
}

/* ---- the table ---- */

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  NbAggregateWindow *self = user_data;
  const NbAggregateEntry *e = nb_aggregate_item_get_entry (item);
  guint selected = gtk_drop_down_get_selected (self->state_filter);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && e->state != (NbEntryState) (selected - 1))
    return FALSE;
  if (search && *search)
    {
      g_autofree char *base = e->path ? g_path_get_basename (e->path) : NULL;

      return strstr (nb_aggregate_item_get_name (item), search) || (base && strstr (base, search));
    }
  return TRUE;
}

static void
on_filter_changed (NbAggregateWindow *self)
{
  /* Also called while the template is built and torn down. */
  if (self->filter)
    gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

void
nb_aggregate_window_filter_state (NbAggregateWindow *self,
                                  int                state)
{
  gtk_drop_down_set_selected (self->state_filter, state < 0 ? 0 : (guint) state + 1);
}

typedef enum
{
  COL_AGENCY,
  COL_FILE,
  COL_STATE,
  COL_ERRORS,
  COL_WARNINGS,
  COL_FIGURE,    /* 本年新收 */
  COL_NOTES,
} Column;

static char *
cell_text (NbAggregateItem *item,
           Column           column)
{
  const NbAggregateEntry *e = nb_aggregate_item_get_entry (item);
  char buf[NB_NUMBER_BUF];

  switch (column)
    {
    case COL_AGENCY:
      return g_strdup (nb_aggregate_item_get_name (item));
    case COL_FILE:
      return e->path ? g_path_get_basename (e->path) : g_strdup ("");
    case COL_STATE:
      return g_strdup (nb_entry_state_to_string (e->state));
    case COL_ERRORS:
    case COL_WARNINGS:
      if (e->state == NB_ENTRY_UNREADABLE || e->state == NB_ENTRY_MISSING)
        return g_strdup ("");
      return g_strdup_printf ("%u", column == COL_ERRORS ? e->n_errors : e->n_warnings);
    case COL_FIGURE:
      return e->figures ? g_strdup (nb_number_format (&e->figures[0], buf)) : g_strdup ("");
    case COL_NOTES:
      {
        g_autoptr(GString) s = g_string_new (NULL);

        for (guint i = 0; e->notes && i < e->notes->len; i++)
          g_string_append_printf (s, "%s%s", i ? "；" : "", (const char *) g_ptr_array_index (e->notes, i));
        return g_string_free (g_steal_pointer (&s), FALSE);
      }
    }
  return g_strdup ("");
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Column column = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), column == COL_ERRORS || column == COL_WARNINGS || column == COL_FIGURE ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  NbAggregateItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_INT (user_data);
  g_autofree char *text = cell_text (item, column);
  const NbAggregateEntry *e = nb_aggregate_item_get_entry (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COL_NOTES)
    gtk_widget_set_tooltip_text (label, *text ? text : NULL);
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (column == COL_STATE)
    {
      if (e->state == NB_ENTRY_ERRORS || e->state == NB_ENTRY_UNREADABLE || e->state == NB_ENTRY_MISSING)
        gtk_widget_add_css_class (label, "error");
      else if (e->state != NB_ENTRY_FINE)
        gtk_widget_add_css_class (label, "warning");
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  const NbAggregateEntry *x = nb_aggregate_item_get_entry ((gpointer) a);
  const NbAggregateEntry *y = nb_aggregate_item_get_entry ((gpointer) b);

  switch (column)
    {
    case COL_STATE:
      return (int) x->state - (int) y->state;
    case COL_ERRORS:
      return (int) x->n_errors - (int) y->n_errors;
    case COL_WARNINGS:
      return (int) x->n_warnings - (int) y->n_warnings;
    case COL_FIGURE:
      if (!x->figures || !y->figures)
        return (x->figures != NULL) - (y->figures != NULL);
      return nb_number_compare (&x->figures[0], &y->figures[0]);
    default:
      {
        g_autofree char *s = cell_text ((gpointer) a, column);
        g_autofree char *t = cell_text ((gpointer) b, column);

        return g_utf8_collate (s, t);
      }
    }
}

/* The columns are the template's, in Column's order: each gets its cells
 * and, but for the notes, its sorter. */
static void
setup_columns (NbAggregateWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->view);

  g_assert (g_list_model_get_n_items (columns) == COL_NOTES + 1);
  for (Column column = COL_AGENCY; column <= COL_NOTES; column++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, column);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
      gtk_column_view_column_set_factory (col, factory);
      if (column != COL_NOTES)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (column),
                                                                           NULL));

          gtk_column_view_column_set_sorter (col, sorter);
        }
    }
}

GtkWindow *
nb_aggregate_window_open_row (NbAggregateWindow *self,
                              guint              position)
{
  g_autoptr(NbAggregateItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  const NbAggregateEntry *e;
  g_autoptr(GError) error = NULL;
  g_autoptr(NbReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  NbWindow *window;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!item)
    return NULL;
  e = nb_aggregate_item_get_entry (item);
  if (!e->path)
    {
      nb_alert_error (GTK_WINDOW (self), nb_aggregate_item_get_name (item),
                      e->notes && e->notes->len ? g_ptr_array_index (e->notes, 0) : "");
      return NULL;
    }
  if (!(report = nb_aggregate_read_report (e->path, NULL, &error)))
    {
      nb_alert_error (GTK_WINDOW (self), _("The report cannot be opened"), error->message);
      return NULL;
    }
  /* A document opens as itself; a workbook as a new, unsaved document
   * (saving asks where, so the agency's workbook is never written over). */
  if (g_str_has_suffix (e->path, NB_FILE_EXTENSION))
    {
      g_autofree char *native = g_filename_from_utf8 (e->path, -1, NULL, NULL, NULL);

      file = g_file_new_for_path (native ? native : e->path);
    }
  else
    nb_report_set_modified (report, TRUE);
  window = nb_window_new (NB_APPLICATION (app));
  nb_window_set_report (window, report, file);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
on_row_activated (NbAggregateWindow *self,
                  guint              position)
{
  nb_aggregate_window_open_row (self, position);
}

/* ---- the class ---- */

static void
nb_aggregate_window_dispose (GObject *object)
{
  NbAggregateWindow *self = NB_AGGREGATE_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->aggregate);
  self->filter = NULL;   /* owned by the filter model */
  g_clear_object (&self->store);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->roster, g_free);
  g_clear_pointer (&self->against, g_free);
  g_clear_pointer (&self->differences, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), NB_TYPE_AGGREGATE_WINDOW);
  G_OBJECT_CLASS (nb_aggregate_window_parent_class)->dispose (object);
}

static void
nb_aggregate_window_class_init (NbAggregateWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = nb_aggregate_window_dispose;
  g_type_ensure (NB_TYPE_AGGREGATE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/nianbao/Nianbao/ui/nb-aggregate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, sources_label);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, differences_expander);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, differences_label);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, progress_box);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, progress);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, state_filter);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, view);
  gtk_widget_class_bind_template_child (widget_class, NbAggregateWindow, chart);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  _nb_aggregate_window_class_actions_init (widget_class);
}

/* An empty selectable label is still a stop for Tab, with nothing to see:
 * the status shows once it says something. */
static void
on_status_changed (GtkLabel   *label,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  gtk_widget_set_visible (GTK_WIDGET (label), *gtk_label_get_label (label) != '\0');
}

static void
nb_aggregate_window_init (NbAggregateWindow *self)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  GtkFilterListModel *filtered;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->paths = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (self->status_label, "notify::label", G_CALLBACK (on_status_changed), NULL);
  on_status_changed (self->status_label, NULL, NULL);

  gtk_string_list_append (states, _("All states"));
  for (int s = 0; s < N_STATES; s++)
    gtk_string_list_append (states, nb_entry_state_to_string (s));
  gtk_drop_down_set_model (self->state_filter, G_LIST_MODEL (states));

  /* As `nianbao-cli aggregate --year`: the years an official format covers,
   * the latest first (reports are written early in the year after). */
  {
    g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    gtk_string_list_append (years, _("The year most reports have"));
    for (int y = g_date_time_get_year (now); nb_format_for_year (y); y--)
      {
        char buf[16];

        g_snprintf (buf, sizeof buf, "%d", y);
        gtk_string_list_append (years, buf);
      }
    gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (years));
  }

  self->store = g_list_store_new (NB_TYPE_AGGREGATE_ITEM);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_row, self, NULL));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), self->filter);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), NULL);
  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->view));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  setup_columns (self);
  _nb_aggregate_window_update_sources (self);
}

NbAggregateWindow *
nb_aggregate_window_new (GtkApplication *app)
{
  return g_object_new (NB_TYPE_AGGREGATE_WINDOW, "application", app, NULL);
}
