/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-import.c — one entry point: the kind sniffed, its reader, the matcher */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "nb-error.h"
#include "nb-html-reader.h"
#include "nb-checker.h"
#include "nb-import.h"
#include "nb-xlsx-reader.h"
#include "nb-problem.h"
#include "nb-report-file.h"
#include "nb-text-reader.h"
#include "nb-docx-reader.h"
#include "nb-pdf-reader.h"

static gboolean
has_extension (const char *file_name,
               const char *const *extensions)
{
  g_autofree char *lower = file_name ? g_utf8_strdown (file_name, -1) : NULL;

  for (guint i = 0; lower && extensions[i]; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

/* Does the start of the text look like markup? (ASCII tags, so any
 * ASCII-compatible encoding; UTF-16 pages are decoded first by the HTML reader.) */
static gboolean
looks_like_html (const char *bytes,
                 gsize       len)
{
  g_autofree char *head = NULL;
  static const char *const tags[] = { "<html", "<!doctype html", "<body", "<table", "<p", "<div", "<meta", NULL };

  if (!bytes || len == 0)
    return FALSE;
  head = g_ascii_strdown (bytes, MIN (len, 4096));

  for (guint i = 0; tags[i]; i++)
    if (strstr (head, tags[i]))
      return TRUE;
  return FALSE;
}

/* Whether @needle occurs in the binary @bytes (which hold NULs). */
static gboolean
has_bytes (const char *bytes,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (bytes[i] == needle[0] && memcmp (bytes + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

const char *
nb_import_sniff (GBytes     *data,
                 const char *file_name)
{
  static const char *const html_ext[] = { ".html", ".htm", ".shtml", ".xhtml", NULL };
  gsize len = 0;
  const char *bytes = g_bytes_get_data (data, &len);

  if (len >= 5 && memcmp (bytes, "%PDF-", 5) == 0)
    return "pdf";
  if (len >= 4 && memcmp (bytes, "PK\x03\x04", 4) == 0)
    /* Part names are stored as they are in a zip: a workbook has xl/. */
    return has_bytes (bytes, len, "xl/workbook.xml") ? "xlsx" : "docx";
  if (len >= 2 && (memcmp (bytes, "\xFF\xFE", 2) == 0 || memcmp (bytes, "\xFE\xFF", 2) == 0))
    {
      /* UTF-16: look at the ASCII bytes only. */
      g_autofree char *ascii = g_malloc (MIN (len, 8192) / 2 + 1);
      gsize n = 0;
      for (gsize i = 2 + (bytes[0] == '\xFE'); i < MIN (len, 8192); i += 2)
        ascii[n++] = bytes[i] ? bytes[i] : ' ';
      ascii[n] = '\0';
      return looks_like_html (ascii, n) ? "html" : "text";
    }
  if (has_extension (file_name, html_ext) || looks_like_html (bytes, len))
    return "html";
  return "text";
}

gboolean
nb_import_read (GBytes       *data,
                const char   *file_name,
                NbSourceDoc **out,
                GError      **error)
{
  const char *kind = nb_import_sniff (data, file_name);

  if (g_str_equal (kind, "html"))
    return nb_html_reader_read (data, out, error);
  if (g_str_equal (kind, "text"))
    return nb_text_reader_read (data, out, error);
  if (g_str_equal (kind, "docx"))
    return nb_docx_reader_read (data, out, error);
  if (g_str_equal (kind, "pdf"))
    {
      /* One PDF at a time: poppler's cairo and FreeType state is shared
       * between documents (import --check reads in several threads). */
      static GMutex pdf_lock;
      gboolean ok;

      g_mutex_lock (&pdf_lock);
      ok = nb_pdf_reader_read (data, out, error);
      g_mutex_unlock (&pdf_lock);
      return ok;
    }
  /* nb_import_sniff() has no other kind. */
  g_assert (g_str_equal (kind, "xlsx"));
  g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
               _("A workbook is read from its file, not from memory"));
  return FALSE;
}

NbImport *
nb_import_bytes (GBytes      *data,
                 const char  *file_name,
                 GError     **error)
{
  g_autoptr(NbSourceDoc) doc = NULL;

  if (!nb_import_read (data, file_name, &doc, error))
    return NULL;
  return nb_import_match (doc, file_name, error);
}

NbImport *
nb_import_file (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = NULL;

  if (!(bytes = g_file_load_bytes (file, cancellable, NULL, error)))
    return NULL;
  display = name ? g_filename_display_name (name) : NULL;
  if (g_str_equal (nb_import_sniff (bytes, display), "xlsx"))
    {
      /* A workbook (a superior's template, one typed in Excel/WPS, or
       * nianbao's own): its sheets by the official tables' labels. */
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(NbSourceDoc) doc = NULL;

      if (path == NULL)
        {
          g_set_error (error, NB_ERROR, NB_ERROR_IMPORT,
                       _("A workbook is read from its file, not from memory"));
          return NULL;
        }
      if (!(doc = nb_xlsx_read_source (path, error)))
        return NULL;
      return nb_import_match (doc, display, error);
    }
  return nb_import_bytes (bytes, display, error);
}

gboolean
nb_import_is_document (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_utf8_strdown (name, -1) : NULL;

  return lower && (g_str_has_suffix (lower, NB_FILE_EXTENSION) || g_str_has_suffix (lower, NB_FILE_EXTENSION "~"));
}

NbReport *
nb_import_load_any (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(NbImport) import = NULL;

  if (nb_import_is_document (file))
    return nb_report_file_load (file, cancellable, error);
  if (!(import = nb_import_file (file, cancellable, error)))
    return NULL;
  return g_object_ref (import->report);
}

GPtrArray *
nb_import_check_headings (NbReport  *report,
                          NbChecker *checker)
{
  const char *const *headings = nb_report_get_import_headings (report);

  if (!headings)
    return g_ptr_array_new_with_free_func (g_object_unref);
  if (!checker)
    checker = nb_checker_for_format (nb_report_get_format (report));
  return nb_checker_check_headings (checker, headings);
}

void
nb_import_add_problems (NbReport  *report,
                        GPtrArray *problems)
{
  g_autoptr(GPtrArray) headings = nb_import_check_headings (report, NULL);

  for (guint i = 0; i < headings->len; i++)
    g_ptr_array_add (problems, g_object_ref (g_ptr_array_index (headings, i)));

  const char *const *warnings = nb_report_get_import_warnings (report);

  for (guint i = 0; warnings && warnings[i]; i++)
    {
      /* TRANSLATORS: an import warning in the problems list */
      g_autofree char *message = g_strdup_printf (_("Import: %s"), warnings[i]);
      g_ptr_array_add (problems, nb_problem_new ("import", NB_SEVERITY_WARNING, NULL, NULL, 0, 0, message));
    }
}
