/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-aggregate.h — NbAggregate: an area's agencies' reports, totalled
 *
 * A superior office adds the reports of its agencies one file at a time
 * (read one, add it, let it go: only a small record per file is kept), then
 * finishes: the reports of the run's year and format are summed cell by
 * cell (exact NbNumbers), the others are listed as not counted, the roster
 * says who is missing, and an agency sent twice counts once (the newer
 * file). No file ever stops the run: a file that cannot be read becomes an
 * entry with its message.
 */
#pragma once

#include <gio/gio.h>

#include "nb-format.h"
#include "nb-problem.h"
#include "nb-report.h"

G_BEGIN_DECLS

typedef enum
{
  NB_ENTRY_FINE,        /* counted, no problem */
  NB_ENTRY_WARNINGS,    /* counted, with warnings */
  NB_ENTRY_ERRORS,      /* counted, but its checks find errors */
  NB_ENTRY_UNREADABLE,  /* the file could not be read */
  NB_ENTRY_EXCLUDED,    /* another year or another format: not counted */
  NB_ENTRY_REPLACED,    /* the same agency sent a newer report: not counted */
  NB_ENTRY_MISSING,     /* on the roster, no report received */
} NbEntryState;

typedef struct
{
  char         *agency;      /* the report's agency, the roster's name, NULL if unreadable */
  char         *path;        /* UTF-8; NULL for a missing agency */
  NbEntryState  state;
  int           year;        /* 0 when unknown */
  const char   *version;     /* format version, NULL when unknown */
  guint         n_errors;    /* of the report's checks */
  guint         n_warnings;
  gboolean      counted;     /* in the totals */
  gint64        mtime;       /* the file's modification time (µs), for "the newer" */
  NbNumber     *figures;     /* nb_aggregate_get_n_figures() key figures, when kept; else NULL */
  GPtrArray    *notes;       /* char*: what the run found about the file (translated) */
  GPtrArray    *problems;    /* NbProblem*: the report's checks, when kept; else NULL */
} NbAggregateEntry;

#define NB_TYPE_AGGREGATE (nb_aggregate_get_type ())
G_DECLARE_FINAL_TYPE (NbAggregate, nb_aggregate, NB, AGGREGATE, GObject)

NbAggregate  *nb_aggregate_new               (void);

/* The report year to total; 0 (default): the year most reports have. */
void          nb_aggregate_set_year          (NbAggregate  *self,
                                              int           year);
/* The area's name, the summary report's agency (default "汇总"). */
void          nb_aggregate_set_name          (NbAggregate  *self,
                                              const char   *name);
/* Keep every report's problems and key figures (for the summary workbook,
 * the feedback documents, the window's table and chart); off by default,
 * so that a run that only totals keeps a few bytes per file. */
void          nb_aggregate_set_keep_details (NbAggregate  *self,
                                              gboolean      keep);

/* The roster: one agency a line of a text file (UTF-8 or GB18030), or the
 * first column of a workbook's first sheet (a heading such as 单位名称 is
 * skipped). */
gboolean      nb_aggregate_load_roster       (NbAggregate  *self,
                                              const char   *path,
                                              GError      **error);
void          nb_aggregate_set_roster        (NbAggregate  *self,
                                              const char *const *names);

/* Reads any report file nianbao understands (.nianbao document, exported
 * workbook), by its content. */
NbReport     *nb_aggregate_read_report       (const char   *path,
                                              GPtrArray    *warnings,
                                              GError      **error);
/* The report files in @folder and its subfolders (.nianbao, .xlsx; no
 * hidden files, no Office lock files "~$…"), sorted; char* UTF-8. */
GPtrArray    *nb_aggregate_list_folder       (const char   *folder,
                                              GError      **error);

/* Reads @path, checks it and adds it. Never fails: a bad file becomes an
 * entry saying why. Returns the entry. */
const NbAggregateEntry *nb_aggregate_add_file (NbAggregate  *self,
                                              const char   *path);

/* The same for many files, read and checked by @n_threads threads (0: one
 * a processor, at most 4) a few files ahead, added in their order: the
 * result is the same as adding them one by one. @progress (may be NULL) is
 * called in the caller's thread after each file is added (@done files so
 * far; the threads no longer use @paths[@done - 1]). FALSE (and
 * G_IO_ERROR_CANCELLED) when cancelled: the files added so far stay. */
typedef void (*NbAggregateProgress) (guint       done,
                                     guint       total,
                                     const char *path,
                                     gpointer    user_data);
gboolean      nb_aggregate_add_files         (NbAggregate        *self,
                                              const char *const  *paths,
                                              guint               n,
                                              guint               n_threads,
                                              GCancellable       *cancellable,
                                              NbAggregateProgress progress,
                                              gpointer            user_data,
                                              GError            **error);

/* After the last file: chooses the year and format, marks the rest as not
 * counted, adds the missing agencies of the roster, makes the summary.
 * FALSE when no report could be counted. */
gboolean      nb_aggregate_finish            (NbAggregate  *self,
                                              GError      **error);

guint         nb_aggregate_get_n_entries     (NbAggregate  *self);
const NbAggregateEntry *nb_aggregate_get_entry (NbAggregate *self,
                                              guint         i);
guint         nb_aggregate_count_state       (NbAggregate  *self,
                                              NbEntryState  state);
/* The reports counted. */
guint         nb_aggregate_get_n_counted     (NbAggregate  *self);

/* After finish: the totals as a report (texts empty), transfer none. */
NbReport     *nb_aggregate_get_summary       (NbAggregate  *self);
NbFormat     *nb_aggregate_get_format        (NbAggregate  *self);
int           nb_aggregate_get_year          (NbAggregate  *self);

/* Key figures kept for every entry (the format's "summary" figures) and,
 * for the chart, how requests were handled (one group each of the
 * requests table's 办理结果 rows, labelled as in the form). */
guint         nb_aggregate_get_n_figures     (NbAggregate  *self);
const char   *nb_aggregate_get_figure_key    (NbAggregate  *self,
                                              guint         i);
/* A figure of the table the format's summary charts per agency (四 review). */
gboolean      nb_aggregate_figure_is_charted (NbAggregate  *self,
                                              guint         i);
/* A short label: "本年新收申请", "予以公开". */
const char   *nb_aggregate_get_figure_label  (NbAggregate  *self,
                                              guint         i);
/* The first and one past the last handled-request figure. */
void          nb_aggregate_get_handled_range (NbAggregate  *self,
                                              guint        *first,
                                              guint        *end);

/* Compares the area's own report with the totals figure by figure: one
 * message (char*, translated) per cell that differs. NULL + error when
 * @area is of another format. */
GPtrArray    *nb_aggregate_compare           (NbAggregate  *self,
                                              NbReport     *area,
                                              GError      **error);

/* Whether @path is one of @paths (char*; NULL: the files added so far),
 * also through another spelling or a hard link: nothing is ever written
 * over an input. */
gboolean      nb_aggregate_is_input          (NbAggregate  *self,
                                              GPtrArray    *paths,
                                              const char   *path);

const char   *nb_entry_state_to_string       (NbEntryState  state);  /* translated */

G_END_DECLS
