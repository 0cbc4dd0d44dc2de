/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-import.h — a published report (text, web page, Word file, PDF) read into an NbReport
 *
 * nb_import_bytes() sniffs the kind from the content (and the file name),
 * runs that kind's reader into an NbSourceDoc, and nb_import_match() turns
 * the NbSourceDoc into a report by the labels of the format data: title,
 * headings, section texts and every table figure into its cell key. Every
 * figure not found, ambiguous or out of place is a warning naming its
 * place; cells not found stay blank (never an invented 0); printed totals
 * are kept as stated values so the checks see a published report's errors.
 */
#pragma once

#include <gio/gio.h>

#include "nb-checker.h"
#include "nb-report.h"
#include "nb-source-doc.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;    /* table key: "requests" */
  const char *title;    /* "三、收到和处理政府信息公开申请情况" */
  guint       cells;    /* input cells the format has in this table */
  guint       read;     /* of which a figure was read */
  guint       blank;    /* of which the report prints nothing, —, /, 无 */
} NbImportTable;

typedef struct
{
  NbReport  *report;      /* the imported document (modified, no undo history) */
  char      *kind;        /* "text", "html", "docx", "pdf" */
  char      *encoding;    /* or NULL */
  GPtrArray *warnings;    /* char*: the reader's, then the matcher's, each naming its place */
  GArray    *tables;      /* NbImportTable, in the format's order */
  guint      cells;       /* input table cells in the format */
  guint      read;        /* of which read (figures and printed blanks) */
} NbImport;

void      nb_import_free   (NbImport     *import);

/* The matcher. @file_name (display name, may be NULL) is recorded in the
 * report with the kind, encoding and warnings. Fails (NB_ERROR_IMPORT)
 * only when nothing of a report is found. */
NbImport *nb_import_match  (NbSourceDoc  *doc,
                            const char   *file_name,
                            GError      **error);

/* The kind a reader would take these bytes for: "text", "html", "docx",
 * "pdf"; @file_name's extension breaks ties (may be NULL). */
const char *nb_import_sniff (GBytes      *data,
                             const char  *file_name);

/* Reads @data with the reader of its kind into a source document. Kinds
 * whose reader is not built in fail with NB_ERROR_IMPORT ("not supported"). */
gboolean  nb_import_read   (GBytes       *data,
                            const char   *file_name,
                            NbSourceDoc **out,
                            GError      **error);

/* Read and match. */
NbImport *nb_import_bytes  (GBytes       *data,
                            const char   *file_name,
                            GError      **error);
NbImport *nb_import_file   (GFile        *file,
                            GCancellable *cancellable,
                            GError      **error);

/* Is @file a nianbao document (by its name)? Anything else is imported. */
gboolean   nb_import_is_document (GFile        *file);
/* A .nianbao document loaded, or a published report imported (its
 * warnings kept in the report): what "last year's report" may be. */
NbReport  *nb_import_load_any    (GFile        *file,
                                  GCancellable *cancellable,
                                  GError      **error);
/* The headings the import found (nb_report_get_import_headings) checked
 * by nb_checker_check_headings with @checker (NULL: the format's shared
 * one): misnumbered, reworded, missing. Empty when none were recorded
 * (a workbook, a document not imported). NbProblem* (transfer full). */
GPtrArray *nb_import_check_headings (NbReport    *report,
                                     NbChecker   *checker);
/* The import warnings recorded in @report (see nb_report_get_import_warnings)
 * as problems (id "import", warnings) appended to @problems, so they are
 * shown beside the checks until cleared; the headings' problems first. */
void       nb_import_add_problems (NbReport    *report,
                                   GPtrArray   *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbImport, nb_import_free)

G_END_DECLS
