/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-report.h — NbReport, the document: one agency's annual report
 *
 * Holds every value by cell key (input cells only: computed totals are
 * derived on read), the section texts and the metadata. Emits signals on
 * every change so the window, the checks and the totals update live; keeps
 * the undo history so every front end gets undo.
 *
 * Generic field keys, used by the file, the command line and the history:
 *   agency, agency_kind (department|government), year, date (YYYY-MM-DD or
 *   empty), signoff, title (empty = derived from the format's template),
 *   text/<section> and every cell key of the format ("requests/new/natural",
 *   "other/fee_notices").
 */
#pragma once

#include <glib-object.h>

#include "nb-format.h"
#include "nb-history.h"
#include "nb-number.h"

G_BEGIN_DECLS

/* NbAgencyKind: nb-format.h (the format names the kinds). */

#define NB_TYPE_REPORT (nb_report_get_type ())
G_DECLARE_FINAL_TYPE (NbReport, nb_report, NB, REPORT, GObject)

/* A new report: table cells 0, texts empty, section fields blank. */
NbReport     *nb_report_new             (NbFormat     *format,
                                         int           year,
                                         const char   *agency);

NbFormat     *nb_report_get_format      (NbReport     *self);

const char   *nb_report_get_agency      (NbReport     *self);
void          nb_report_set_agency      (NbReport     *self,
                                         const char   *agency);
NbAgencyKind  nb_report_get_agency_kind (NbReport     *self);
void          nb_report_set_agency_kind (NbReport     *self,
                                         NbAgencyKind  kind);
int           nb_report_get_year        (NbReport     *self);
void          nb_report_set_year        (NbReport     *self,
                                         int           year);
/* The report (publication) date, "YYYY-MM-DD", or NULL when not set. The
 * setter also takes it as printed (2025年1月20日), 2025/1/20, full-width. */
const char   *nb_report_get_date        (NbReport     *self);
gboolean      nb_report_set_date        (NbReport     *self,
                                         const char   *date,
                                         GError      **error);
/* "2025年1月20日" → "2025-01-20"; NULL + error when it is no date. */
char         *nb_report_normalize_date  (const char   *text,
                                         GError      **error);
/* The signature at the end; NULL means the agency name. */
const char   *nb_report_get_signoff     (NbReport     *self);
void          nb_report_set_signoff     (NbReport     *self,
                                         const char   *signoff);
/* The printed title when imported; NULL means derived. */
const char   *nb_report_get_stated_title (NbReport    *self);
void          nb_report_set_stated_title (NbReport    *self,
                                          const char  *title);
/* "温县交通运输局2020年政府信息公开工作年度报告" */
char         *nb_report_dup_title       (NbReport     *self);

/* Section texts ("overview", "problems", "other"): never NULL. */
const char   *nb_report_get_text        (NbReport     *self,
                                         const char   *section);
gboolean      nb_report_set_text        (NbReport     *self,
                                         const char   *section,
                                         const char   *text,
                                         GError      **error);

/* Values. get returns the stated value for imported totals, the derived
 * sum for computed cells, else the input value. NULL for unknown keys. */
const NbNumber *nb_report_get_value     (NbReport     *self,
                                         const char   *key);
const NbNumber *nb_report_get_value_at  (NbReport     *self,
                                         guint         index);
/* The derived value of a computed cell, ignoring any stated value. */
NbNumber      nb_report_compute_at      (NbReport     *self,
                                         guint         index);
/* Validates against the cell's kind; refuses computed cells. */
gboolean      nb_report_set_value       (NbReport     *self,
                                         const char   *key,
                                         const NbNumber *value,
                                         GError      **error);
gboolean      nb_report_set_value_from_string (NbReport   *self,
                                         const char   *key,
                                         const char   *text,
                                         GError      **error);
/* For importers: store a value as printed, unvalidated, on any cell,
 * computed ones included (so the checks see an imported report's errors). */
void          nb_report_set_stated_value (NbReport    *self,
                                          const char  *key,
                                          const NbNumber *value);
/* For readers of whole documents: every input cell at once (@values and
 * @present by cell index; computed cells ignored), stored as read like
 * nb_report_set_stated_value() does, with one recomputation and no undo
 * step — cheaper than one set per cell when reading thousands of files. */
void          nb_report_load_inputs      (NbReport    *self,
                                          const NbNumber *values,
                                          const gboolean *present);
/* The same for many cells at once, recomputing the totals once. */
void          nb_report_set_stated_values (NbReport          *self,
                                           const char *const *keys,
                                           const NbNumber    *values,
                                           guint              n);
gboolean      nb_report_has_stated_value (NbReport    *self,
                                          guint        index);
void          nb_report_clear_stated_values (NbReport *self);

/* Untouched is not zero: a cell is touched once the clerk or an import has
 * set it (even to the 0 it already held). Not part of the history. */
gboolean      nb_report_is_touched      (NbReport     *self,
                                         guint         index);
void          nb_report_set_touched     (NbReport     *self,
                                         const char   *key,
                                         gboolean      touched);
/* Tables none of whose input cells was ever touched (NbTableDef*, owned
 * by the format): filled by nobody, they pass every check with their 0s. */
GPtrArray    *nb_report_dup_untouched_tables (NbReport *self);
/* One sentence naming them for the clerk (export warnings), or NULL. */
char         *nb_report_describe_untouched   (NbReport *self);

/* A section whose text was carried from last year's report as a draft:
 * marked for review until the clerk edits it (or says it is reviewed).
 * Not part of the history. */
void          nb_report_set_needs_review (NbReport    *self,
                                          const char  *section,
                                          gboolean     needs_review);
gboolean      nb_report_get_needs_review (NbReport    *self,
                                          const char  *section);
/* Where last year's report is (a URI), when known: the window runs the
 * across-years checks (carry.*) against it. Not part of the history. */
const char   *nb_report_get_previous_uri (NbReport    *self);
void          nb_report_set_previous_uri (NbReport    *self,
                                          const char  *uri);

/* Generic access by field key (see the top of this file): what the command
 * line's set/get, the file and the history use. Cells take numbers as text;
 * text/<section> takes the text itself. */
gboolean      nb_report_set_field       (NbReport     *self,
                                         const char   *key,
                                         const char   *value,
                                         GError      **error);
/* The field as text (cells: "793.9397", blank ""); NULL + error if unknown. */
char         *nb_report_dup_field       (NbReport     *self,
                                         const char   *key,
                                         GError      **error);

/* Undo/redo of every edit made through the setters above. */
NbHistory    *nb_report_get_history     (NbReport     *self);
gboolean      nb_report_undo            (NbReport     *self);
gboolean      nb_report_redo            (NbReport     *self);
/* Edits between begin and end undo as one step (a paste, an import). */
void          nb_report_begin_group     (NbReport     *self);
void          nb_report_end_group       (NbReport     *self);

/* TRUE after any change since creation, load or nb_report_set_modified(FALSE).
 * The saved state is a position in the history: undo/redo back to it clears
 * the flag. set_modified(TRUE) (recovered work, a conversion) and stated
 * values (imports) change the document outside the history, so afterwards no
 * undo reaches an unmodified state until the next save. */
gboolean      nb_report_get_modified    (NbReport     *self);
void          nb_report_set_modified    (NbReport     *self,
                                         gboolean      modified);

/* Signals:
 *   "cell-changed"  (const char *key, guint index)  an input cell changed
 *                    (computed totals that depend on it may have changed too)
 *   "text-changed"  (const char *section)
 *   "changed"       ()  after any change, once per group
 * and notify:: for the properties agency, agency-kind, year, date, signoff,
 * title, modified. */

/* Where an imported report came from: the file's name, the reader's kind
 * ("text", "html", "docx", "pdf"), the encoding (or NULL) and the import's
 * warnings (NULL-terminated). Kept in the .nianbao file so the window can
 * show the warnings beside the checks until the clerk has gone through
 * them (nb_report_clear_import_source). Not part of the undo history. */
void               nb_report_set_import_source   (NbReport          *self,
                                                  const char        *file_name,
                                                  const char        *kind,
                                                  const char        *encoding,
                                                  const char *const *warnings);
gboolean           nb_report_has_import_source   (NbReport          *self);
const char        *nb_report_get_import_file     (NbReport          *self);
const char        *nb_report_get_import_kind     (NbReport          *self);
const char        *nb_report_get_import_encoding (NbReport          *self);
/* Never NULL once set (may be empty); NULL when not imported. */
const char *const *nb_report_get_import_warnings (NbReport          *self);
void               nb_report_clear_import_source (NbReport          *self);
/* The top-level headings the import found, as printed, in order
 * (NULL-terminated), for nb_checker_check_headings. Set after
 * nb_report_set_import_source (NULL clears); NULL when not recorded. */
void               nb_report_set_import_headings (NbReport          *self,
                                                  const char *const *headings);
const char *const *nb_report_get_import_headings (NbReport          *self);

G_END_DECLS
