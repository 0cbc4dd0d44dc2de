/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-export.h — export a report by the target's extension (.xlsx, .pdf, .html or .docx)
 *
 * What the window's Export and "nianbao-cli export" both call, so the two
 * front ends choose formats the same way.
 */
#pragma once

#include "nb-report.h"
#include "nb-safe-write.h"

G_BEGIN_DECLS

typedef enum
{
  NB_EXPORT_UNKNOWN,
  NB_EXPORT_XLSX,   /* the workbook for superiors */
  NB_EXPORT_PDF,    /* the printed report */
  NB_EXPORT_HTML,   /* the web page for the site's 信息公开 column */
  NB_EXPORT_DOCX,   /* the Word file for the site's editor and the leaders */
} NbExportKind;

/* From the file name's extension, case-insensitive. */
NbExportKind nb_export_kind_for_path (const char   *path);

/* Writes @report to @path (UTF-8) in the format its extension names; an
 * unknown extension is an NB_ERROR_EXPORT that says which ones work. */
gboolean     nb_export_to_path       (NbReport     *report,
                                      const char   *path,
                                      GError      **error);

/* The same with nb-safe-write @flags (NB_SAFE_WRITE_FORCE replaces a
 * read-only file; without it a read-only target is an error). */
gboolean     nb_export_to_path_full  (NbReport          *report,
                                      const char        *path,
                                      NbSafeWriteFlags   flags,
                                      GError           **error);

/* For every writer of a file (the PDFs, the workbooks, the web page, the
 * Word file): @path (UTF-8) replaced through nb-safe-write with what
 * @write_func writes to a temporary file, once @verify (may be NULL) has
 * read it back. Fails with NB_ERROR_EXPORT: nb-safe-write's message, which
 * names the file, or “Could not export to “@path”: …” with the writer's. */
gboolean     nb_export_write_file    (const char        *path,
                                      NbSafeWriteFunc    write_func,
                                      gpointer           write_data,
                                      NbSafeWriteFlags   flags,
                                      NbSafeVerifyFunc   verify,
                                      GError           **error);

/* The same for a file made in memory. */
gboolean     nb_export_write_bytes   (const char        *path,
                                      GBytes            *bytes,
                                      NbSafeWriteFlags   flags,
                                      GError           **error);

G_END_DECLS
