/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate.c — totalling an area's reports, one file at a time
 *
 * Sums are kept per (format, year) group while reading, so the run's year
 * can be chosen at the end without reading any file twice; only an agency
 * sent twice makes the older file be read again, to take it out. A file
 * costs a record of about a hundred bytes, its problems and figures only
 * when they are to be written out (keep_details).
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-aggregate.h"
#include "nb-checker.h"
#include "nb-error.h"
#include "nb-grid.h"
#include "nb-report-file.h"
#include "nb-xlsx-reader.h"

typedef struct
{
  NbFormat *format;
  int       year;
  NbNumber *sums;      /* by cell index; input cells only */
  guint     n_reports;
  gboolean  overflow;
} Group;

typedef struct
{
  char   *label;
  GArray *cells;   /* guint cell indexes summed */
} Figure;

struct _NbAggregate
{
  GObject     parent_instance;

  int         year;            /* requested; 0 = most common */
  char       *name;
  gboolean    keep_details;
  GPtrArray  *roster;          /* char*, or NULL */

  GPtrArray  *entries;         /* NbAggregateEntry* */
  GHashTable *groups;          /* "version/year" → Group* */
  GStringChunk *strings;       /* the entries' paths and agencies: a few bytes a file */

  /* Figures are defined by the first report's format. */
  NbFormat   *figure_format;
  GPtrArray  *figures;         /* Figure* */
  guint       handled_first, handled_end;

  Group      *chosen;
  NbReport   *summary;
};

G_DEFINE_FINAL_TYPE (NbAggregate, nb_aggregate, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  NbAggregateEntry *e = data;

  g_free (e->figures);
  g_clear_pointer (&e->notes, g_ptr_array_unref);
  g_clear_pointer (&e->problems, g_ptr_array_unref);
  g_free (e);
}

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->sums);
  g_free (g);
}

static void
figure_free (gpointer data)
{
  Figure *f = data;

  g_free (f->label);
  g_array_unref (f->cells);
  g_free (f);
}

static void
nb_aggregate_finalize (GObject *object)
{
  NbAggregate *self = NB_AGGREGATE (object);

  g_free (self->name);
  g_clear_pointer (&self->roster, g_ptr_array_unref);
  g_ptr_array_unref (self->entries);
  g_hash_table_unref (self->groups);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->figures);
  g_clear_object (&self->summary);
  G_OBJECT_CLASS (nb_aggregate_parent_class)->finalize (object);
}

static void
nb_aggregate_class_init (NbAggregateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_aggregate_finalize;
}

static void
nb_aggregate_init (NbAggregate *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, group_free);
  self->strings = g_string_chunk_new (16384);
  self->figures = g_ptr_array_new_with_free_func (figure_free);
}

NbAggregate *
nb_aggregate_new (void)
{
  return g_object_new (NB_TYPE_AGGREGATE, NULL);
}

void
nb_aggregate_set_year (NbAggregate *self,
                       int          year)
{
  g_return_if_fail (NB_IS_AGGREGATE (self));
  self->year = year;
}

void
nb_aggregate_set_name (NbAggregate *self,
                       const char  *name)
{
  g_return_if_fail (NB_IS_AGGREGATE (self));
  g_free (self->name);
  self->name = g_strdup (name);
}

void
nb_aggregate_set_keep_details (NbAggregate *self,
                                gboolean     keep)
{
  g_return_if_fail (NB_IS_AGGREGATE (self));
  self->keep_details = keep;
}

/* ---- names ---- */

/* Agency names as people type them: spaces (also full-width) around and
 * inside do not make another agency. */
static char *
normalize_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name ? name : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000 && c != 0xFEFF)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

void
nb_aggregate_set_roster (NbAggregate        *self,
                         const char *const  *names)
{
  g_return_if_fail (NB_IS_AGGREGATE (self));

  g_clear_pointer (&self->roster, g_ptr_array_unref);
  self->roster = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (names[i]));
      g_autofree char *key = normalize_name (name);
      gboolean dup = FALSE;

      if (!*key)
        continue;
      for (guint k = 0; k < self->roster->len && !dup; k++)
        {
          g_autofree char *other = normalize_name (g_ptr_array_index (self->roster, k));

          dup = g_str_equal (other, key);
        }
      if (!dup)
        g_ptr_array_add (self->roster, g_steal_pointer (&name));
    }
}

/* A roster's first line may be its heading (单位名称…): the words any
 * format's summary names (docs/formats.md). */
static gboolean
is_roster_heading (const char *text)
{
  for (const char *const *v = nb_format_list_versions (); *v; v++)
    {
      NbFormat *format = nb_format_get (*v, NULL);
      const NbSummaryDef *summary = format ? nb_format_get_summary (format) : NULL;

      for (guint i = 0; summary && summary->roster_contains[i]; i++)
        if (strstr (text, summary->roster_contains[i]))
          return TRUE;
      if (summary && g_strv_contains (summary->roster_is, text))
        return TRUE;
    }
  return FALSE;
}

gboolean
nb_aggregate_load_roster (NbAggregate  *self,
                          const char   *path,
                          GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *filename = g_filename_from_utf8 (path, -1, NULL, NULL, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (NB_IS_AGGREGATE (self), FALSE);

  if (g_str_has_suffix (path, ".xlsx") || g_str_has_suffix (path, ".XLSX"))
    {
      g_autoptr(NbSourceDoc) doc = nb_xlsx_read_source (path, error);
      NbSourceBlock *first;

      if (!doc)
        return FALSE;
      if (doc->blocks->len == 0)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: the roster workbook is empty"), base);
          return FALSE;
        }
      first = g_ptr_array_index (doc->blocks, 0);
      for (guint i = 0; i < doc->blocks->len; i++)
        {
          NbSourceBlock *b = g_ptr_array_index (doc->blocks, i);

          /* Only the first sheet: the paragraphs or the table it gave. */
          if (g_strcmp0 (b->where, first->where) != 0)
            break;
          if (b->kind == NB_SOURCE_PARAGRAPH)
            g_ptr_array_add (names, g_strdup (b->text));
          else
            for (guint r = 0; r < b->rows->len; r++)
              {
                NbSourceRow *row = g_ptr_array_index (b->rows, r);

                if (row->cells->len > 0)
                  g_ptr_array_add (names, g_strdup (((NbSourceCell *) g_ptr_array_index (row->cells, 0))->text));
              }
        }
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) lines = NULL;
      const char *text;

      if (!filename || !g_file_get_contents (filename, &data, &length, &local_error))
        {
          g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: the roster cannot be read: %s"),
                       base, local_error ? local_error->message : "");
          return FALSE;
        }
      text = data;
      if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
        text += 3;
      if (!g_utf8_validate_len (data, length, NULL))
        {
          /* Windows Notepad in China saves GB18030 (ANSI). */
          g_autofree char *converted = g_convert (data, (gssize) length, "UTF-8", "GB18030", NULL, NULL, NULL);

          if (!converted)
            {
              g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                           _("“%s”: the roster is neither UTF-8 nor GB18030 text"), base);
              return FALSE;
            }
          g_free (data);
          data = g_steal_pointer (&converted);
          text = data;
        }
      lines = g_strsplit_set (text, "\r\n", -1);
      for (guint i = 0; lines[i]; i++)
        g_ptr_array_add (names, g_strdup (lines[i]));
    }

  for (guint i = 0; i < names->len; i++)
    g_strstrip (g_ptr_array_index (names, i));
  while (names->len > 0 && !*(char *) g_ptr_array_index (names, 0))
    g_ptr_array_remove_index (names, 0);
  if (names->len > 0 && is_roster_heading (g_ptr_array_index (names, 0)))
    g_ptr_array_remove_index (names, 0);
  g_ptr_array_add (names, NULL);
  nb_aggregate_set_roster (self, (const char *const *) names->pdata);
  if (self->roster->len == 0)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: the roster names no agency"), base);
      return FALSE;
    }
  return TRUE;
}

/* ---- figures ---- */

static void
define_figures (NbAggregate *self,
                NbFormat    *format)
{
  const NbSummaryDef *summary = nb_format_get_summary (format);
  const NbTableDef *requests = summary->groups;

  self->figure_format = format;
  for (guint i = 0; i < summary->n_figures; i++)
    {
      const NbCellDef *def = summary->figures[i];
      Figure *f;

      f = g_new0 (Figure, 1);
      f->cells = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (f->cells, def->index);
      if (def->table && def->table->rows->len == 1)
        f->label = g_strdup (def->column->short_label);
      else if (def->row)
        f->label = g_strdup (def->row->short_label);
      else
        f->label = g_strdup (def->label);
      g_ptr_array_add (self->figures, f);
    }

  /* How requests were handled: the groups of the 办理结果 block, as the
   * form draws them — a row label spanning rows in the second column
   * groups those rows; their last-column (总计) cells are summed. A row
   * whose first value is itself a sum (the 总计 row) is not a group. */
  self->handled_first = self->handled_end = self->figures->len;
  if (!requests)
    return;
  {
    NbGrid *grid = requests->grid;
    guint n_columns = nb_grid_get_n_columns (grid);

    for (guint i = 0; i < nb_grid_get_n_cells (grid); i++)
      {
        const NbGridCell *gc = nb_grid_get_cell (grid, i);
        const NbGridCell *first_value, *last_value;
        Figure *f;

        if (gc->role != NB_GRID_LABEL || gc->column != 1 || !gc->text)
          continue;
        first_value = NULL;
        for (guint c = gc->column + gc->colspan; c < n_columns && !first_value; c++)
          {
            const NbGridCell *at = nb_grid_cell_at (grid, gc->row, c);

            if (at && at->role == NB_GRID_VALUE)
              first_value = at;
          }
        if (!first_value || first_value->role != NB_GRID_VALUE || !first_value->cell
            || first_value->cell->computed)
          continue;
        f = g_new0 (Figure, 1);
        f->cells = g_array_new (FALSE, FALSE, sizeof (guint));
        /* A row's own label is its short one ("（二）部分公开", without its note). */
        f->label = g_strdup (gc->row_def ? gc->row_def->short_label : gc->text);
        for (guint r = gc->row; r < gc->row + gc->rowspan; r++)
          {
            last_value = nb_grid_cell_at (grid, r, n_columns - 1);
            if (last_value && last_value->role == NB_GRID_VALUE && last_value->cell)
              g_array_append_val (f->cells, last_value->cell->index);
          }
        g_ptr_array_add (self->figures, f);
      }
  }
  self->handled_end = self->figures->len;
}

static NbNumber *
figures_of (NbAggregate *self,
            NbReport    *report)
{
  NbNumber *values;

  if (nb_report_get_format (report) != self->figure_format)
    return NULL;
  values = g_new0 (NbNumber, self->figures->len);
  for (guint i = 0; i < self->figures->len; i++)
    {
      Figure *f = g_ptr_array_index (self->figures, i);

      values[i] = nb_number_from_int (0);
      for (guint k = 0; k < f->cells->len; k++)
        nb_number_add (&values[i], nb_report_get_value_at (report, g_array_index (f->cells, guint, k)));
    }
  return values;
}

guint
nb_aggregate_get_n_figures (NbAggregate *self)
{
  g_return_val_if_fail (NB_IS_AGGREGATE (self), 0);
  return self->figures->len;
}

const char *
nb_aggregate_get_figure_key (NbAggregate *self,
                             guint        i)
{
  Figure *f;

  g_return_val_if_fail (i < self->figures->len, NULL);
  f = g_ptr_array_index (self->figures, i);
  if (i >= self->handled_first && i < self->handled_end)
    return NULL;
  return nb_format_get_cell (self->figure_format, g_array_index (f->cells, guint, 0))->key;
}

gboolean
nb_aggregate_figure_is_charted (NbAggregate *self,
                                guint        i)
{
  const NbTableDef *chart;
  Figure *f;

  g_return_val_if_fail (i < self->figures->len, FALSE);
  if (i >= self->handled_first && i < self->handled_end)
    return FALSE;
  chart = nb_format_get_summary (self->figure_format)->chart;
  f = g_ptr_array_index (self->figures, i);
  return chart && nb_format_get_cell (self->figure_format, g_array_index (f->cells, guint, 0))->table == chart;
}

const char *
nb_aggregate_get_figure_label (NbAggregate *self,
                               guint        i)
{
  g_return_val_if_fail (i < self->figures->len, NULL);
  return ((Figure *) g_ptr_array_index (self->figures, i))->label;
}

void
nb_aggregate_get_handled_range (NbAggregate *self,
                                guint       *first,
                                guint       *end)
{
  *first = self->handled_first;
  *end = self->handled_end;
}

/* ---- reading ---- */

NbReport *
nb_aggregate_read_report (const char  *path,
                          GPtrArray   *warnings,
                          GError     **error)
{
  g_autofree char *filename = g_filename_from_utf8 (path, -1, NULL, NULL, NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  guint8 head[8] = { 0 };
  gssize n;
  gsize skip = 0;

  if (!filename)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: the name is not valid UTF-8"), base);
      return NULL;
    }
  file = g_file_new_for_path (filename);
  in = g_file_read (file, NULL, &local_error);
  if (!in)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: this is a folder, not a file"), base);
      else
        g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: the file cannot be opened: %s"),
                     base, local_error->message);
      return NULL;
    }
  n = g_input_stream_read (G_INPUT_STREAM (in), head, sizeof head, NULL, NULL);
  g_input_stream_close (G_INPUT_STREAM (in), NULL, NULL);
  if (n == 0)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: the file is empty"), base);
      return NULL;
    }
  /* Workbooks by content (zip, or an OLE file: encrypted or old .xls). */
  if (n >= 2 && ((head[0] == 'P' && head[1] == 'K') || (n >= 4 && head[0] == 0xD0 && head[1] == 0xCF
                                                       && head[2] == 0x11 && head[3] == 0xE0)))
    return nb_xlsx_read (path, warnings, error);
  if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    skip = 3;
  while (skip < (gsize) n && g_ascii_isspace (head[skip]))
    skip++;
  if (skip < (gsize) n && head[skip] == '{')
    {
      NbReport *report = nb_report_file_load (file, NULL, &local_error);

      if (!report)
        g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("“%s”: %s"), base, local_error->message);
      return report;
    }
  g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
               _("“%s”: this is neither a nianbao document (.nianbao) nor a workbook exported by nianbao (.xlsx)"),
               base);
  return NULL;
}

static gboolean
is_report_name (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  if (name[0] == '.' || g_str_has_prefix (name, "~$"))
    return FALSE;
  return g_str_has_suffix (lower, ".nianbao") || g_str_has_suffix (lower, ".xlsx");
}

static gboolean
list_into (GFile      *dir,
           GPtrArray  *out,
           guint       depth,
           GError    **error)
{
  g_autoptr(GFileEnumerator) e = NULL;
  GFileInfo *info;

  e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE
                                 "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                 G_FILE_QUERY_INFO_NONE, NULL, error);
  if (!e)
    return FALSE;
  while ((info = g_file_enumerator_next_file (e, NULL, NULL)))
    {
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = g_file_get_child (dir, name);
      g_autofree char *utf8 = g_filename_to_utf8 (name, -1, NULL, NULL, NULL);

      if (utf8 && !g_file_info_get_is_hidden (info) && utf8[0] != '.')
        {
          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY && depth < 8)
            list_into (child, out, depth + 1, NULL);
          else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR && is_report_name (utf8))
            {
              g_autofree char *path = g_file_get_path (child);

              g_ptr_array_add (out, g_filename_to_utf8 (path, -1, NULL, NULL, NULL));
            }
        }
      g_object_unref (info);
    }
  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

GPtrArray *
nb_aggregate_list_folder (const char  *folder,
                          GError     **error)
{
  g_autofree char *filename = g_filename_from_utf8 (folder, -1, NULL, NULL, NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (filename ? filename : folder);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;

  if (!list_into (dir, out, 0, &local_error))
    {
      g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("The folder “%s” cannot be read: %s"),
                   folder, local_error->message);
      return NULL;
    }
  g_ptr_array_sort (out, compare_paths);
  return g_steal_pointer (&out);
}

/* ---- adding ---- */

static void
note (NbAggregateEntry *e,
      const char       *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
note (NbAggregateEntry *e,
      const char       *format,
      ...)
{
  va_list args;

  if (!e->notes)
    e->notes = g_ptr_array_new_with_free_func (g_free);
  va_start (args, format);
  g_ptr_array_add (e->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static char *
group_key (NbFormat *format,
           int       year)
{
  return g_strdup_printf ("%s/%d", nb_format_get_version (format), year);
}

static Group *
group_for (NbAggregate *self,
           NbFormat    *format,
           int          year)
{
  g_autofree char *key = group_key (format, year);
  Group *g = g_hash_table_lookup (self->groups, key);

  if (!g)
    {
      guint n = nb_format_get_n_cells (format);

      g = g_new0 (Group, 1);
      g->format = format;
      g->year = year;
      g->sums = g_new0 (NbNumber, n);
      for (guint i = 0; i < n; i++)
        g->sums[i] = nb_number_blank ();
      g_hash_table_insert (self->groups, g_steal_pointer (&key), g);
    }
  return g;
}

/* Adds (or, @sign < 0, takes out) @report's input cells. Blank fields
 * stay blank in the totals only while every report left them blank. */
static void
group_add (Group    *g,
           NbReport *report,
           int       sign)
{
  guint n = nb_format_get_n_cells (g->format);

  for (guint i = 0; i < n; i++)
    {
      const NbCellDef *def = nb_format_get_cell (g->format, i);
      const NbNumber *v;

      if (def->computed)
        continue;
      v = nb_report_get_value_at (report, i);
      if (v->blank)
        continue;
      if (g->sums[i].blank)
        g->sums[i] = nb_number_from_int (0);
      if (!(sign > 0 ? nb_number_add (&g->sums[i], v) : nb_number_sub (&g->sums[i], v)))
        g->overflow = TRUE;
    }
  g->n_reports = sign > 0 ? g->n_reports + 1 : g->n_reports - 1;
}

static gint64
file_mtime (const char *path)
{
  g_autofree char *filename = g_filename_from_utf8 (path, -1, NULL, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (filename ? filename : path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GDateTime) dt = NULL;

  if (!info || !(dt = g_file_info_get_modification_date_time (info)))
    return 0;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static char *
mtime_text (gint64 mtime)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (mtime / G_USEC_PER_SEC);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
}

static void
set_state_from_counts (NbAggregateEntry *e)
{
  e->state = e->n_errors ? NB_ENTRY_ERRORS : e->n_warnings ? NB_ENTRY_WARNINGS : NB_ENTRY_FINE;
}

/* What reading and checking one file gives, before it is added: made in
 * any thread (with that thread's own checker), added in the caller's. */
typedef struct
{
  char      *path;
  gint64     mtime;
  NbReport  *report;
  GPtrArray *warnings;
  GPtrArray *problems;
  GError    *error;
  gboolean   done;
} Job;

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->path, g_free);
  g_clear_object (&job->report);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_error (&job->error);
  job->done = FALSE;
}

/* @checkers: format → NbChecker of this thread, or NULL for the shared ones. */
static void
job_run (Job        *job,
         GHashTable *checkers)
{
  job->mtime = file_mtime (job->path);
  job->warnings = g_ptr_array_new_with_free_func (g_free);
  job->report = nb_aggregate_read_report (job->path, job->warnings, &job->error);
  if (!job->report)
    return;
  if (checkers)
    {
      NbFormat *format = nb_report_get_format (job->report);
      NbChecker *checker = g_hash_table_lookup (checkers, format);

      if (!checker)
        {
          checker = nb_checker_new (format, NULL);
          g_hash_table_insert (checkers, format, checker);
        }
      job->problems = checker ? nb_checker_run (checker, job->report, NULL)
                              : g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    job->problems = nb_check_report (job->report, NULL);
}

static const NbAggregateEntry *
job_add (NbAggregate *self,
         Job         *job)
{
  NbAggregateEntry *e = g_new0 (NbAggregateEntry, 1);
  NbReport *report = job->report;
  NbFormat *format;
  Group *g;

  e->path = g_string_chunk_insert (self->strings, job->path);
  e->mtime = job->mtime;
  g_ptr_array_add (self->entries, e);
  if (!report)
    {
      e->state = NB_ENTRY_UNREADABLE;
      note (e, "%s", job->error->message);
      return e;
    }
  for (guint i = 0; i < job->warnings->len; i++)
    note (e, "%s", (const char *) g_ptr_array_index (job->warnings, i));

  format = nb_report_get_format (report);
  e->agency = g_string_chunk_insert (self->strings, nb_report_get_agency (report));
  e->year = nb_report_get_year (report);
  e->version = nb_format_get_version (format);
  if (!self->figure_format)
    define_figures (self, format);
  if (self->keep_details)
    e->figures = figures_of (self, report);

  e->n_errors = nb_problems_count (job->problems, NB_SEVERITY_ERROR);
  e->n_warnings = job->problems->len - e->n_errors;
  if (self->keep_details)
    e->problems = g_steal_pointer (&job->problems);
  set_state_from_counts (e);

  if (!e->agency || !*e->agency)
    note (e, _("The report does not name its agency"));

  /* The same agency twice is resolved at the end (nb_aggregate_finish). */
  g = group_for (self, format, e->year);
  group_add (g, report, +1);
  e->counted = TRUE;
  return e;
}

const NbAggregateEntry *
nb_aggregate_add_file (NbAggregate *self,
                       const char  *path)
{
  Job job = { 0 };
  const NbAggregateEntry *e;

  g_return_val_if_fail (NB_IS_AGGREGATE (self), NULL);
  g_return_val_if_fail (self->summary == NULL, NULL);

  job.path = g_strdup (path);
  job_run (&job, NULL);
  e = job_add (self, &job);
  job_clear (&job);
  return e;
}

/* ---- several files, read by several threads ---- */

/* Files read ahead of the one being added, per thread: enough to keep the
 * threads busy, few enough that memory stays flat. */
#define READ_AHEAD 4

typedef struct
{
  GMutex       lock;
  GCond        cond;
  const char *const *paths;
  guint        n;
  guint        next;       /* the next file a thread takes */
  guint        added;      /* files added so far, in order */
  guint        window;
  Job         *jobs;       /* ring of @window jobs: file i in jobs[i % window] */
  GCancellable *cancellable;
} Pool;

static gpointer
pool_thread (gpointer data)
{
  Pool *pool = data;
  g_autoptr(GHashTable) checkers = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  for (;;)
    {
      guint i;
      Job *job;

      g_mutex_lock (&pool->lock);
      while (pool->next < pool->n && pool->next >= pool->added + pool->window
             && !g_cancellable_is_cancelled (pool->cancellable))
        g_cond_wait (&pool->cond, &pool->lock);
      if (pool->next >= pool->n || g_cancellable_is_cancelled (pool->cancellable))
        {
          g_mutex_unlock (&pool->lock);
          break;
        }
      i = pool->next++;
      job = &pool->jobs[i % pool->window];
      job->path = g_strdup (pool->paths[i]);
      g_mutex_unlock (&pool->lock);

      job_run (job, checkers);

      g_mutex_lock (&pool->lock);
      job->done = TRUE;
      g_cond_broadcast (&pool->cond);
      g_mutex_unlock (&pool->lock);
    }
  return NULL;
}

static void
wake_pool (GCancellable *cancellable,
           gpointer      data)
{
  Pool *pool = data;

  g_mutex_lock (&pool->lock);
  g_cond_broadcast (&pool->cond);
  g_mutex_unlock (&pool->lock);
}

gboolean
nb_aggregate_add_files (NbAggregate        *self,
                        const char *const  *paths,
                        guint               n,
                        guint               n_threads,
                        GCancellable       *cancellable,
                        NbAggregateProgress progress,
                        gpointer            user_data,
                        GError            **error)
{
  Pool pool = { 0 };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  gulong handler = 0;

  g_return_val_if_fail (NB_IS_AGGREGATE (self), FALSE);
  g_return_val_if_fail (self->summary == NULL, FALSE);

  if (n_threads == 0)
    n_threads = CLAMP (g_get_num_processors (), 1, 4);
  n_threads = MIN (n_threads, MAX (n, 1));
  /* What the threads share is made here, once: the formats, libgsf's
   * types and libxml2, and the checks' one shared regular expression
   * (nb_text_find_periods: GRegex compiles it further on its first match),
   * by checking a report with a dated text in each format. */
  nb_xlsx_reader_init_threads ();
  for (const char *const *v = nb_format_list_versions (); *v; v++)
    {
      NbFormat *format = nb_format_get (*v, NULL);
      /* A checker of its own: the shared one may be busy in the caller's
       * main thread (the window checks open reports). */
      g_autoptr(NbChecker) checker = format ? nb_checker_new (format, NULL) : NULL;

      if (checker)
        nb_checker_warm_up (checker);
    }

  g_mutex_init (&pool.lock);
  g_cond_init (&pool.cond);
  pool.paths = paths;
  pool.n = n;
  pool.window = READ_AHEAD * n_threads;
  pool.jobs = g_new0 (Job, pool.window);
  pool.cancellable = cancellable;
  if (cancellable)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_pool), &pool, NULL);
  for (guint t = 0; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("nb-aggregate", pool_thread, &pool));

  for (guint i = 0; i < n; i++)
    {
      Job *job = &pool.jobs[i % pool.window];

      g_mutex_lock (&pool.lock);
      while (!job->done && !g_cancellable_is_cancelled (cancellable))
        g_cond_wait (&pool.cond, &pool.lock);
      g_mutex_unlock (&pool.lock);
      if (g_cancellable_is_cancelled (cancellable))
        break;
      job_add (self, job);
      g_mutex_lock (&pool.lock);
      job_clear (job);
      pool.added++;
      g_cond_broadcast (&pool.cond);
      g_mutex_unlock (&pool.lock);
      if (progress)
        progress (i + 1, n, paths[i], user_data);
    }

  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  if (handler)
    g_cancellable_disconnect (cancellable, handler);
  for (guint k = 0; k < pool.window; k++)
    job_clear (&pool.jobs[k]);
  g_free (pool.jobs);
  g_mutex_clear (&pool.lock);
  g_cond_clear (&pool.cond);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ---- finishing ---- */

static Group *
choose_group (NbAggregate *self)
{
  GHashTableIter iter;
  gpointer value;
  Group *best = NULL;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Group *g = value;
      gboolean official, best_official;

      if (g->n_reports == 0 || (self->year && g->year != self->year))
        continue;
      official = nb_format_for_year (g->year) == g->format;
      best_official = best && nb_format_for_year (best->year) == best->format;
      if (!best
          || g->n_reports > best->n_reports
          || (g->n_reports == best->n_reports && official && !best_official)
          || (g->n_reports == best->n_reports && official == best_official && g->year > best->year))
        best = g;
    }
  return best;
}

/* Agency names compared as people mean them: spaces do not count. */
static int
compare_names (const char *a,
               const char *b)
{
  for (;;)
    {
      gunichar x, y;

      while (*a && (g_unichar_isspace (g_utf8_get_char (a)) || g_utf8_get_char (a) == 0x3000
                    || g_utf8_get_char (a) == 0xFEFF))
        a = g_utf8_next_char (a);
      while (*b && (g_unichar_isspace (g_utf8_get_char (b)) || g_utf8_get_char (b) == 0x3000
                    || g_utf8_get_char (b) == 0xFEFF))
        b = g_utf8_next_char (b);
      x = *a ? g_utf8_get_char (a) : 0;
      y = *b ? g_utf8_get_char (b) : 0;
      if (x != y)
        return x < y ? -1 : 1;
      if (!x)
        return 0;
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }
}

/* Counted entries of one agency in one group, oldest first (then in the
 * order added). */
static int
compare_for_duplicates (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GPtrArray *entries = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const NbAggregateEntry *x = g_ptr_array_index (entries, i), *y = g_ptr_array_index (entries, j);
  int c = g_strcmp0 (x->version, y->version);

  if (c)
    return c;
  if (x->year != y->year)
    return x->year < y->year ? -1 : 1;
  if ((c = compare_names (x->agency, y->agency)))
    return c;
  if (x->mtime != y->mtime)
    return x->mtime < y->mtime ? -1 : 1;
  return i < j ? -1 : i > j;
}

/* The same agency sent twice (or more) in a year: the newest file counts,
 * the others are read again to take them out of the sums. */
static void
resolve_duplicates (NbAggregate *self)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < self->entries->len; i++)
    {
      NbAggregateEntry *e = g_ptr_array_index (self->entries, i);

      if (e->counted && e->agency && *e->agency)
        g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_for_duplicates, self->entries);
  for (guint k = 0; k < order->len;)
    {
      guint end = k + 1;
      NbAggregateEntry *newest;
      g_autofree char *base_new = NULL, *when = NULL;

      while (end < order->len)
        {
          NbAggregateEntry *a = g_ptr_array_index (self->entries, g_array_index (order, guint, k));
          NbAggregateEntry *b = g_ptr_array_index (self->entries, g_array_index (order, guint, end));

          if (g_strcmp0 (a->version, b->version) || a->year != b->year || compare_names (a->agency, b->agency))
            break;
          end++;
        }
      newest = g_ptr_array_index (self->entries, g_array_index (order, guint, end - 1));
      base_new = g_path_get_basename (newest->path);
      when = mtime_text (newest->mtime);
      for (guint m = k; m + 1 < end; m++)
        {
          NbAggregateEntry *older = g_ptr_array_index (self->entries, g_array_index (order, guint, m));
          g_autoptr(NbReport) old_report = nb_aggregate_read_report (older->path, NULL, NULL);
          g_autofree char *base_old = g_path_get_basename (older->path);
          g_autofree char *key = g_strdup_printf ("%s/%d", older->version, older->year);
          Group *g = g_hash_table_lookup (self->groups, key);

          if (old_report && g)
            group_add (g, old_report, -1);
          older->counted = FALSE;
          older->state = NB_ENTRY_REPLACED;
          note (older, _("%s sent a newer report, “%s” (changed %s): this one is not counted"),
                older->agency, base_new, when);
          note (newest, _("%s sent two reports: this newer one is counted, “%s” is not"),
                newest->agency, base_old);
        }
      k = end;
    }
}

gboolean
nb_aggregate_finish (NbAggregate  *self,
                     GError      **error)
{
  Group *g;
  guint n_entries = self->entries->len;

  g_return_val_if_fail (NB_IS_AGGREGATE (self), FALSE);
  g_return_val_if_fail (self->summary == NULL, FALSE);

  resolve_duplicates (self);
  g = self->chosen = choose_group (self);

  for (guint i = 0; i < n_entries; i++)
    {
      NbAggregateEntry *e = g_ptr_array_index (self->entries, i);

      if (!e->counted || !g)
        continue;
      if (e->year != g->year)
        {
          e->counted = FALSE;
          e->state = NB_ENTRY_EXCLUDED;
          note (e, _("The report is for %d, the summary for %d: not counted"), e->year, g->year);
        }
      else if (!g_str_equal (e->version, nb_format_get_version (g->format)))
        {
          e->counted = FALSE;
          e->state = NB_ENTRY_EXCLUDED;
          note (e, _("The report uses the %s format, the other reports of %d the %s format: "
                     "not counted (convert it to the %s format first)"),
                e->version, e->year, nb_format_get_version (g->format), nb_format_get_version (g->format));
        }
    }

  /* Who is expected: the missing, and who is not on the list. */
  if (self->roster)
    {
      g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) counted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint r = 0; r < self->roster->len; r++)
        g_hash_table_add (listed, normalize_name (g_ptr_array_index (self->roster, r)));
      for (guint i = 0; i < n_entries; i++)
        {
          NbAggregateEntry *e = g_ptr_array_index (self->entries, i);
          g_autofree char *key = NULL;

          if (!e->agency || !*e->agency)
            continue;
          key = normalize_name (e->agency);
          if (e->state != NB_ENTRY_REPLACED && !g_hash_table_contains (listed, key))
            note (e, _("%s is not on the roster"), e->agency);
          if (e->counted)
            g_hash_table_add (counted, g_strdup (key));
          g_hash_table_add (sent, g_steal_pointer (&key));
        }
      for (guint r = 0; r < self->roster->len; r++)
        {
          const char *name = g_ptr_array_index (self->roster, r);
          g_autofree char *key = normalize_name (name);
          NbAggregateEntry *m;

          if (g_hash_table_contains (counted, key))
            continue;
          /* A file that could not be read, whose name names this agency
           * ("03-温县公安局.nianbao"): it was sent, it must be sent again —
           * the agency is not told it sent nothing. */
          if (!g_hash_table_contains (sent, key))
            {
              NbAggregateEntry *unreadable = NULL;

              for (guint i = 0; i < n_entries && !unreadable; i++)
                {
                  NbAggregateEntry *e = g_ptr_array_index (self->entries, i);
                  g_autofree char *base = NULL, *file_key = NULL;

                  if (e->state != NB_ENTRY_UNREADABLE || !e->path || (e->agency && *e->agency))
                    continue;
                  base = g_path_get_basename (e->path);
                  file_key = normalize_name (base);
                  if (*key && strstr (file_key, key))
                    unreadable = e;
                }
              if (unreadable)
                {
                  note (unreadable, _("By its name this is %s’s report: it cannot be read, ask for it again"), name);
                  continue;
                }
            }
          m = g_new0 (NbAggregateEntry, 1);
          m->agency = g_string_chunk_insert (self->strings, name);
          m->state = NB_ENTRY_MISSING;
          if (g_hash_table_contains (sent, key))
            note (m, _("%s sent no report that could be counted (see its file above)"), name);
          else
            note (m, _("%s has not sent a report"), name);
          g_ptr_array_add (self->entries, m);
        }
    }

  if (!g)
    {
      if (self->year)
        g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("No readable report for %d"), self->year);
      else
        g_set_error (error, NB_ERROR, NB_ERROR_IMPORT, _("No readable report"));
      return FALSE;
    }
  if (g->overflow)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_RANGE, _("The totals are too large to be added exactly"));
      return FALSE;
    }

  self->summary = nb_report_new (g->format, g->year, self->name ? self->name : _("Summary"));
  nb_report_begin_group (self->summary);
  for (guint i = 0; i < nb_format_get_n_cells (g->format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (g->format, i);

      if (def->computed)
        continue;
      /* A total beyond a cell's range stays as it is, for the checks. */
      if (!nb_report_set_value (self->summary, def->key, &g->sums[i], NULL))
        nb_report_set_stated_value (self->summary, def->key, &g->sums[i]);
    }
  nb_report_end_group (self->summary);
  nb_history_clear (nb_report_get_history (self->summary));
  nb_report_set_modified (self->summary, FALSE);
  return TRUE;
}

guint
nb_aggregate_get_n_entries (NbAggregate *self)
{
  g_return_val_if_fail (NB_IS_AGGREGATE (self), 0);
  return self->entries->len;
}

const NbAggregateEntry *
nb_aggregate_get_entry (NbAggregate *self,
                        guint        i)
{
  g_return_val_if_fail (NB_IS_AGGREGATE (self), NULL);
  g_return_val_if_fail (i < self->entries->len, NULL);
  return g_ptr_array_index (self->entries, i);
}

guint
nb_aggregate_count_state (NbAggregate  *self,
                          NbEntryState  state)
{
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    if (((NbAggregateEntry *) g_ptr_array_index (self->entries, i))->state == state)
      n++;
  return n;
}

guint
nb_aggregate_get_n_counted (NbAggregate *self)
{
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    if (((NbAggregateEntry *) g_ptr_array_index (self->entries, i))->counted)
      n++;
  return n;
}

NbReport *
nb_aggregate_get_summary (NbAggregate *self)
{
  g_return_val_if_fail (NB_IS_AGGREGATE (self), NULL);
  return self->summary;
}

NbFormat *
nb_aggregate_get_format (NbAggregate *self)
{
  return self->chosen ? self->chosen->format : NULL;
}

int
nb_aggregate_get_year (NbAggregate *self)
{
  return self->chosen ? self->chosen->year : 0;
}

GPtrArray *
nb_aggregate_compare (NbAggregate  *self,
                      NbReport     *area,
                      GError      **error)
{
  GPtrArray *out;
  NbFormat *format;

  g_return_val_if_fail (NB_IS_AGGREGATE (self), NULL);
  g_return_val_if_fail (self->summary != NULL, NULL);

  format = nb_report_get_format (self->summary);
  if (nb_report_get_format (area) != format)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_FORMAT,
                   _("The area's report uses the %s format, the agencies' reports the %s format"),
                   nb_format_get_version (nb_report_get_format (area)), nb_format_get_version (format));
      return NULL;
    }
  out = g_ptr_array_new_with_free_func (g_free);
  if (nb_report_get_year (area) != nb_report_get_year (self->summary))
    g_ptr_array_add (out, g_strdup_printf (_("The area's report is for %d, the agencies' reports for %d"),
                                           nb_report_get_year (area), nb_report_get_year (self->summary)));
  for (guint i = 0; i < nb_format_get_n_cells (format); i++)
    {
      const NbCellDef *def = nb_format_get_cell (format, i);
      const NbNumber *stated = nb_report_get_value_at (area, i);
      const NbNumber *total = nb_report_get_value_at (self->summary, i);
      char a[NB_NUMBER_BUF], b[NB_NUMBER_BUF];

      if (stated->blank && total->blank)
        continue;
      if (!stated->blank && !total->blank && nb_number_compare (stated, total) == 0)
        continue;
      g_ptr_array_add (out, g_strdup_printf (_("%s (%s): the area's report says %s, its agencies' reports add up to %s"),
                                             def->label, def->key,
                                             stated->blank ? _("nothing") : nb_number_format (stated, a),
                                             total->blank ? _("nothing") : nb_number_format (total, b)));
    }
  return out;
}

static char *
file_id (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? g_strdup (g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE)) : NULL;
}

gboolean
nb_aggregate_is_input (NbAggregate *self,
                       GPtrArray   *paths,
                       const char  *path)
{
  g_autofree char *native = g_filename_from_utf8 (path, -1, NULL, NULL, NULL);
  g_autoptr(GFile) target = g_file_new_for_path (native ? native : path);
  g_autofree char *tid = file_id (target);
  guint n = paths ? paths->len : self->entries->len;

  for (guint i = 0; i < n; i++)
    {
      const char *p = paths ? g_ptr_array_index (paths, i)
                            : ((NbAggregateEntry *) g_ptr_array_index (self->entries, i))->path;
      g_autofree char *pn = NULL;
      g_autoptr(GFile) in = NULL;
      g_autofree char *id = NULL;

      if (!p)
        continue;
      pn = g_filename_from_utf8 (p, -1, NULL, NULL, NULL);
      in = g_file_new_for_path (pn ? pn : p);
      if (g_file_equal (in, target))
        return TRUE;
      if (tid && (id = file_id (in)) && g_str_equal (id, tid))
        return TRUE;
    }
  return FALSE;
}

const char *
nb_entry_state_to_string (NbEntryState state)
{
  switch (state)
    {
    case NB_ENTRY_FINE: return _("fine");
    case NB_ENTRY_WARNINGS: return _("warnings");
    case NB_ENTRY_ERRORS: return _("errors");
    case NB_ENTRY_UNREADABLE: return _("unreadable");
    case NB_ENTRY_EXCLUDED: return _("not counted");
    case NB_ENTRY_REPLACED: return _("replaced by a newer report");
    case NB_ENTRY_MISSING: return _("missing");
    default: return "?";
    }
}
