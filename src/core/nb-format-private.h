/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-format-private.h — what the parts of NbFormat's loader share
 *
 * Every reader names where in the data a failure is ("check cell.kind:
 * “message” must be a string") and fails whatever the caller passed as
 * @error: the loader always gives a real GError (see format_load).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "nb-format.h"

G_BEGIN_DECLS

const char         *nb_format_read_string  (JsonObject  *obj,
                                            const char  *member,
                                            gboolean     required,
                                            const char  *where,
                                            GError     **error);
JsonArray          *nb_format_read_array   (JsonObject  *obj,
                                            const char  *member,
                                            gboolean     required,
                                            const char  *where,
                                            GError     **error);
/* Required: a missing member is an error. */
JsonObject         *nb_format_read_object  (JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            GError     **error);
JsonObject         *nb_format_read_element (JsonArray   *array,
                                            guint        i,
                                            const char  *where,
                                            GError     **error);
/* An optional list of strings: empty, never NULL, when absent (NULL on error). */
const char *const  *nb_format_read_strv    (NbFormat    *self,
                                            JsonObject  *obj,
                                            const char  *member,
                                            const char  *where,
                                            GError     **error);
gboolean            nb_format_read_boolean (JsonObject  *obj,
                                            const char  *member,
                                            gboolean    *value,
                                            const char  *where,
                                            GError     **error);
/* @data lives as long as @self. */
gpointer            nb_format_keep         (NbFormat    *self,
                                            gpointer     data);
const char         *nb_format_intern       (NbFormat    *self,
                                            const char  *text);

/* FALSE + @error unless @text's {names} are all among @allowed. */
gboolean            nb_format_check_names  (const char         *text,
                                            const char *const  *allowed,
                                            const char         *where,
                                            GError            **error);

/* nb-format-checks.c: "checks" compiled into NbCheckDefs (after the cells
 * and sections). */
gboolean            nb_format_load_checks  (NbFormat    *self,
                                            JsonArray   *checks,
                                            GPtrArray   *out,
                                            GError     **error);

/* What nb-format-usage.c compiles; public through its accessors. */
typedef struct
{
  NbSummaryDef     summary;
  NbFigureWordsDef figure_words;
  const char      *agency_kinds[2];   /* by NbAgencyKind */
  GPtrArray       *regexes;           /* GRegex* the typed parts point to */
  NbDocumentTextsDef documents;
} NbFormatUsage;

NbFormatUsage      *nb_format_get_usage    (NbFormat    *self);
void                nb_format_usage_clear  (NbFormatUsage *usage);

/* nb-format-usage.c: what the summary, the importers and the exporters
 * take from the format, after the tables, sections and checks. */
gboolean            nb_format_load_usage   (NbFormat    *self,
                                            JsonObject  *root,
                                            GError     **error);

/* nb-grid.c: the grid from a table's "grid" object. Resolves cell keys through
 * @format; fails on overlapping spans, rows of the wrong width, unknown keys
 * or value cells of the table that the grid leaves out. */
NbGrid             *nb_grid_new_from_json  (JsonObject        *grid,
                                            NbFormat          *format,
                                            const NbTableDef  *table,
                                            GError           **error);

G_END_DECLS
