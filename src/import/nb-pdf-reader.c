/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-pdf-reader.c — a PDF as an NbSourceDoc
 *
 * poppler-glib gives each page's text with every character's box; it does
 * not give the lines a table is ruled with, so the page is also drawn at a
 * low resolution and the ruling lines are found on the image (characters
 * blanked out).  nb-pdf-layout.c makes the paragraphs and tables of both.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "nb-error.h"
#include "nb-pdf-layout.h"
#include "nb-pdf-reader.h"

/* Pixels per point for finding the rules: a 0.5 pt line is a pixel wide. */
#define RULE_SCALE 2.0
#define MAX_PIXELS (12 * 1024 * 1024)

typedef struct
{
  GArray *chars;   /* NbPdfChar */
  GArray *rules;   /* NbPdfRule */
  double  width, height;
} PageData;

static void
page_data_clear (gpointer data)
{
  PageData *pd = data;

  g_clear_pointer (&pd->chars, g_array_unref);
  g_clear_pointer (&pd->rules, g_array_unref);
}

static guint
read_chars (PopplerPage *page,
            GArray      *chars)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0, i = 0, n_text = 0;

  if (!text || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return 0;
  for (const char *p = text; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      NbPdfChar ch;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isspace (c))
        continue;
      ch = (NbPdfChar) { c, rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2 };
      g_array_append_val (chars, ch);
      n_text++;
    }
  return n_text;
}

static void
find_rules (PopplerPage *page,
            PageData    *pd)
{
  double scale = RULE_SCALE;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  if (pd->width * pd->height * scale * scale > MAX_PIXELS)
    scale = sqrt (MAX_PIXELS / (pd->width * pd->height));
  w = (int) ceil (pd->width * scale);
  h = (int) ceil (pd->height * scale);
  if (w <= 0 || h <= 0)
    return;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    nb_pdf_layout_find_rules (cairo_image_surface_get_data (surface), w, h,
                              cairo_image_surface_get_stride (surface), scale,
                              (const NbPdfChar *) pd->chars->data, pd->chars->len, pd->rules);
  cairo_surface_destroy (surface);
}

static NbSourceDoc *read_document (PopplerDocument *pdf, GError **error);

gboolean
nb_pdf_reader_read (GBytes       *data,
                    NbSourceDoc **out,
                    GError      **error)
{
  PopplerDocument *pdf;
  g_autoptr(GError) pdf_error = NULL;
  NbSourceDoc *doc;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  pdf = poppler_document_new_from_bytes (data, NULL, &pdf_error);
  if (!pdf)
    {
      if (g_error_matches (pdf_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                             _("The PDF is protected by a password. Open it, save a copy "
                               "without the password, then import that."));
      else
        g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                             _("The file is not a PDF or it is damaged."));
      return FALSE;
    }
  doc = read_document (pdf, error);
  g_object_unref (pdf);
  if (!doc)
    return FALSE;
  *out = doc;
  return TRUE;
}

static NbSourceDoc *
read_document (PopplerDocument *pdf,
               GError         **error)
{
  g_autoptr(NbSourceDoc) doc = NULL;
  g_autoptr(GArray) pages = NULL;
  g_autofree NbPdfPage *layout = NULL;
  guint n_pages, with_text = 0;

  doc = nb_source_doc_new ("pdf");
  n_pages = (guint) MAX (poppler_document_get_n_pages (pdf), 0);
  if (n_pages > NB_PDF_MAX_PAGES)
    {
      nb_source_doc_warn (doc, _("The PDF has %u pages; only the first %u were read."),
                          n_pages, NB_PDF_MAX_PAGES);
      n_pages = NB_PDF_MAX_PAGES;
    }

  pages = g_array_sized_new (FALSE, TRUE, sizeof (PageData), n_pages);
  g_array_set_clear_func (pages, page_data_clear);
  for (guint p = 0; p < n_pages; p++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, (int) p);
      PageData pd = { g_array_new (FALSE, FALSE, sizeof (NbPdfChar)),
                      g_array_new (FALSE, FALSE, sizeof (NbPdfRule)), 0, 0 };

      if (page)
        {
          poppler_page_get_size (page, &pd.width, &pd.height);
          if (read_chars (page, pd.chars) > 0)
            {
              with_text++;
              find_rules (page, &pd);
            }
          else
            nb_source_doc_warn (doc, _("Page %u has no text (a scanned image?); "
                                       "it was not read."), p + 1);
          g_object_unref (page);
        }
      g_array_append_val (pages, pd);
    }

  if (with_text == 0)
    {
      g_set_error_literal (error, NB_ERROR, NB_ERROR_IMPORT,
                           n_pages == 0
                           ? _("The PDF has no pages.")
                           : _("The PDF has no text: it looks like a scanned document (pages "
                               "as images). Import the Word file or a PDF saved from it "
                               "instead, or type the report in."));
      return NULL;
    }

  layout = g_new0 (NbPdfPage, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      PageData *pd = &g_array_index (pages, PageData, p);

      layout[p] = (NbPdfPage) { pd->width, pd->height,
                                (const NbPdfChar *) pd->chars->data, pd->chars->len,
                                (const NbPdfRule *) pd->rules->data, pd->rules->len };
    }
  nb_pdf_layout_rebuild (layout, n_pages, doc);
  return g_steal_pointer (&doc);
}
