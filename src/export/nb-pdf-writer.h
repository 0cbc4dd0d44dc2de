/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-pdf-writer.h — the report as a PDF document, page by page as printed */
#pragma once

#include <cairo.h>

#include "nb-report.h"
#include "nb-safe-write.h"

G_BEGIN_DECLS

/* Writes @report as an A4 PDF to @path (UTF-8, may be Chinese), laid out by
 * NbPageLayout, fonts embedded, with title/author/subject metadata and the
 * section headings as bookmarks. Atomic: a temporary file in the same
 * folder is renamed over @path, so a failure leaves no half-written file
 * and an existing @path untouched. NB_ERROR_EXPORT on failure. */
gboolean nb_pdf_write (NbReport    *report,
                       const char  *path,
                       GError     **error);

/* The same through nb-safe-write with @flags (NB_SAFE_WRITE_FORCE to
 * replace a read-only file). */
gboolean nb_pdf_write_full (NbReport          *report,
                            const char        *path,
                            NbSafeWriteFlags   flags,
                            GError           **error);

/* Draws the pages of a PDF on @cr, each ended with cairo_show_page();
 * @surface for its metadata and bookmarks. */
typedef void (*NbPdfDrawFunc) (cairo_t         *cr,
                               cairo_surface_t *surface,
                               gpointer         user_data);

/* For every PDF nianbao writes (the report, the feedback letters): an A4
 * PDF drawn by @draw, written to @path (UTF-8) through GIO and nb-safe-write
 * with @flags; it replaces @path only once it reads back whole. Fails with
 * NB_ERROR_EXPORT, cairo's failures said in words. */
gboolean nb_pdf_write_pages (const char        *path,
                             NbPdfDrawFunc      draw,
                             gpointer           user_data,
                             NbSafeWriteFlags   flags,
                             GError           **error);

G_END_DECLS
