/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-pdf-writer.c — the report as a PDF document, page by page as printed */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>

#include "nb-error.h"
#include "nb-page-layout.h"
#include "nb-pdf-writer.h"
#include "nb-export.h"
#include "nb-safe-write.h"

typedef struct
{
  GOutputStream *stream;
  GError        *error;   /* the first write error, for the message */
} WriteClosure;

/* cairo writes through GIO: the path is UTF-8 on every platform and a
 * failing disk becomes a GError we can show. */
static cairo_status_t
write_to_stream (void                *data,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  WriteClosure *closure = data;

  if (closure->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (closure->stream, bytes, length, NULL, NULL, &closure->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static const char *
describe_status (cairo_status_t status)
{
  switch (status)
    {
    case CAIRO_STATUS_NO_MEMORY:
      return _("there is not enough memory");
    case CAIRO_STATUS_WRITE_ERROR:
      return _("the file could not be written (is the disk full?)");
    case CAIRO_STATUS_FONT_TYPE_MISMATCH:
    case CAIRO_STATUS_USER_FONT_ERROR:
    case CAIRO_STATUS_FREETYPE_ERROR:
      return _("a font could not be used; check that the Chinese fonts are installed");
    default:
      return cairo_status_to_string (status);
    }
}

static void
set_metadata (cairo_surface_t *surface,
              NbReport        *report)
{
  NbFormat *format = nb_report_get_format (report);
  g_autofree char *title = nb_report_dup_title (report);
  g_autofree char *year = g_strdup_printf ("%d", nb_report_get_year (report));
  g_autofree char *subject = nb_format_fill (nb_format_get_document_texts (format)->pdf_subject,
                                             "year", year, "name", nb_format_get_name (format), NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  const char *agency = nb_report_get_agency (report);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (agency != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, agency);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "nianbao");
  if (date != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
}

static void
add_outline (cairo_surface_t *surface,
             NbPageLayout    *layout)
{
  for (guint i = 0; i < nb_page_layout_get_n_headings (layout); i++)
    {
      const char *text;
      guint page;
      double y;
      g_autofree char *link = NULL;
      char ybuf[G_ASCII_DTOSTR_BUF_SIZE];

      nb_page_layout_get_heading (layout, i, &text, &page, &y);
      /* Locale-independent number: a decimal comma would break the link. */
      g_ascii_formatd (ybuf, sizeof ybuf, "%.1f", y);
      link = g_strdup_printf ("page=%u pos=[0 %s]", page + 1, ybuf);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, text, link, 0);
    }
}

/* The first pass over the pages only notes their glyphs (nothing is
 * drawn), so that every face is subset once before the real pass. */
static void
collect_glyphs (NbPageLayout *layout)
{
  g_autoptr(NbFontSubsetter) subsetter = nb_font_subsetter_new ();
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (scratch);

  nb_page_layout_set_font_subsetter (layout, subsetter);
  for (guint page = 0; page < nb_page_layout_get_n_pages (layout); page++)
    nb_page_layout_draw_page (layout, cr, page);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  nb_font_subsetter_prepare (subsetter);
}

/* The report's pages, laid out by NbPageLayout, with its metadata and its
 * headings as bookmarks. */
static void
draw_report (cairo_t         *cr,
             cairo_surface_t *surface,
             gpointer         user_data)
{
  NbReport *report = user_data;
  g_autoptr(NbPageLayout) layout = nb_page_layout_new (report);

  nb_page_layout_paginate (layout, NULL, NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  set_metadata (surface, report);
  collect_glyphs (layout);
  for (guint page = 0; page < nb_page_layout_get_n_pages (layout); page++)
    {
      nb_page_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  add_outline (surface, layout);
}

typedef struct
{
  NbPdfDrawFunc draw;
  gpointer      user_data;
} PagesJob;

/* The temporary file nb-safe-write made: the pages go into it through GIO
 * (the path is UTF-8 on every platform; a failing disk is a GError). */
static gboolean
write_pages_to (const char  *tmp_path,
                gpointer     user_data,
                GError     **error)
{
  PagesJob *job = user_data;
  g_autoptr(GFile) tmp = g_file_new_for_path (tmp_path);
  g_autoptr(GFileOutputStream) file_stream = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  WriteClosure closure = { NULL, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!(file_stream = g_file_append_to (tmp, G_FILE_CREATE_NONE, NULL, error)))
    return FALSE;
  /* cairo hands over a few bytes at a time: one write call each would be
   * some 1,700 system calls for the fixture. */
  stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (file_stream), 64 * 1024);

  closure.stream = stream;
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, &closure,
                                                 NB_PAGE_A4_WIDTH, NB_PAGE_A4_HEIGHT);
  cr = cairo_create (surface);
  job->draw (cr, surface, job->user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && closure.error == NULL)
    g_output_stream_close (stream, NULL, &closure.error);
  else
    g_output_stream_close (stream, NULL, NULL);

  if (status != CAIRO_STATUS_SUCCESS || closure.error != NULL)
    {
      g_set_error_literal (error, NB_ERROR, NB_ERROR_EXPORT,
                           closure.error != NULL ? closure.error->message : describe_status (status));
      g_clear_error (&closure.error);
      return FALSE;
    }
  return TRUE;
}

/* A whole PDF: its header, and the end-of-file marker cairo writes last
 * (a file cut short by a full disk has no trailer). */
static gboolean
verify_pdf (const char  *path,
            gpointer     user_data,
            GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  const char *tail;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  tail = length > 32 ? data + length - 32 : data;
  if (length < 16 || memcmp (data, "%PDF-", 5) != 0 ||
      g_strstr_len (tail, data + length - tail, "%%EOF") == NULL)
    {
      g_set_error (error, NB_ERROR, NB_ERROR_EXPORT, _("the PDF file is incomplete"));
      return FALSE;
    }
  return TRUE;
}

gboolean
nb_pdf_write_pages (const char        *path,
                    NbPdfDrawFunc      draw,
                    gpointer           user_data,
                    NbSafeWriteFlags   flags,
                    GError           **error)
{
  PagesJob job = { draw, user_data };

  g_return_val_if_fail (draw != NULL, FALSE);

  return nb_export_write_file (path, write_pages_to, &job, flags, verify_pdf, error);
}

gboolean
nb_pdf_write_full (NbReport          *report,
                   const char        *path,
                   NbSafeWriteFlags   flags,
                   GError           **error)
{
  g_return_val_if_fail (NB_IS_REPORT (report), FALSE);

  return nb_pdf_write_pages (path, draw_report, report, flags, error);
}

gboolean
nb_pdf_write (NbReport    *report,
              const char  *path,
              GError     **error)
{
  return nb_pdf_write_full (report, path, NB_SAFE_WRITE_NONE, error);
}
