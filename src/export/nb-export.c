/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-export.c — export a report by the target's extension */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>

#include "nb-error.h"
#include "nb-export.h"
#include "nb-safe-write.h"
#include "nb-docx-writer.h"
#include "nb-html-writer.h"
#include "nb-pdf-writer.h"
#include "nb-xlsx-writer.h"

NbExportKind
nb_export_kind_for_path (const char *path)
{
  g_autofree char *lower = NULL;

  if (!path)
    return NB_EXPORT_UNKNOWN;
  lower = g_utf8_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    return NB_EXPORT_XLSX;
  if (g_str_has_suffix (lower, ".pdf"))
    return NB_EXPORT_PDF;
  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    return NB_EXPORT_HTML;
  if (g_str_has_suffix (lower, ".docx"))
    return NB_EXPORT_DOCX;
  return NB_EXPORT_UNKNOWN;
}

gboolean
nb_export_to_path (NbReport    *report,
                   const char  *path,
                   GError     **error)
{
  return nb_export_to_path_full (report, path, NB_SAFE_WRITE_NONE, error);
}

gboolean
nb_export_to_path_full (NbReport          *report,
                        const char        *path,
                        NbSafeWriteFlags   flags,
                        GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  switch (nb_export_kind_for_path (path))
    {
    case NB_EXPORT_XLSX:
      return nb_xlsx_write_full (report, path, flags, error);
    case NB_EXPORT_PDF:
      return nb_pdf_write_full (report, path, flags, error);
    case NB_EXPORT_HTML:
      bytes = nb_html_render (report);
      return nb_export_write_bytes (path, bytes, flags, error);
    case NB_EXPORT_DOCX:
      bytes = nb_docx_render (report, error);
      return bytes != NULL && nb_export_write_bytes (path, bytes, flags, error);
    case NB_EXPORT_UNKNOWN:
    default:
      {
        g_autofree char *name = g_path_get_basename (path);

        g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                     _("Cannot export to “%s”: the name must end in .xlsx (Excel workbook), .pdf (printable report), .html (web page) or .docx (Word document)"),
                     name);
        return FALSE;
      }
    }
}

/* Where @path (UTF-8) goes: a GFile of the file name in the GLib
 * filename encoding. */
static GFile *
export_target (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *filename = g_filename_from_utf8 (path, -1, NULL, NULL, &local_error);

  if (filename == NULL)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                   _("Cannot use “%s” as a file name: %s"), path, local_error->message);
      return NULL;
    }
  return g_file_new_for_path (filename);
}

/* nb-safe-write's messages name the file and say what to do ("the folder
 * “…” does not exist"); a writer's own failure gets the file's name. */
static gboolean
export_failed (const char  *path,
               GError      *local_error,
               GError     **error)
{
  if (local_error->domain == NB_SAFE_WRITE_ERROR)
    g_set_error_literal (error, NB_ERROR, NB_ERROR_EXPORT, local_error->message);
  else
    g_set_error (error, NB_ERROR, NB_ERROR_EXPORT,
                 _("Could not export to “%s”: %s"), path, local_error->message);
  return FALSE;
}

gboolean
nb_export_write_file (const char        *path,
                      NbSafeWriteFunc    write_func,
                      gpointer           write_data,
                      NbSafeWriteFlags   flags,
                      NbSafeVerifyFunc   verify,
                      GError           **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (write_func != NULL, FALSE);

  if (!(target = export_target (path, error)))
    return FALSE;
  /* The one atomic writer of every file nianbao writes. */
  if (!nb_safe_write_file (target, write_func, write_data, flags, verify, NULL, NULL, &local_error))
    return export_failed (path, local_error, error);
  return TRUE;
}

gboolean
nb_export_write_bytes (const char        *path,
                       GBytes            *bytes,
                       NbSafeWriteFlags   flags,
                       GError           **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!(target = export_target (path, error)))
    return FALSE;
  if (!nb_safe_write_bytes (target, bytes, flags, NULL, NULL, NULL, &local_error))
    return export_failed (path, local_error, error);
  return TRUE;
}
