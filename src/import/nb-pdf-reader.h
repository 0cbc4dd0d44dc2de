/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-pdf-reader.h — a PDF (as Word, WPS or nianbao print it) as an NbSourceDoc */
#pragma once

#include <glib.h>

#include "nb-source-doc.h"

G_BEGIN_DECLS

/* More pages than a report has are not read (a warning says so). */
#define NB_PDF_MAX_PAGES 300

gboolean nb_pdf_reader_read (GBytes       *data,
                             NbSourceDoc **out,
                             GError      **error);

G_END_DECLS
