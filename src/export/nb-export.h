/* nb-export.h — export a report by the target's extension (.xlsx or .pdf)
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

G_END_DECLS
