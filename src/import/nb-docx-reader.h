/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-docx-reader.h — a Word file (.docx) as an NbSourceDoc */
#pragma once

#include <glib.h>

#include "nb-source-doc.h"

G_BEGIN_DECLS

/* The most word/document.xml may expand to: a zip bomb stops here. */
#define NB_DOCX_MAX_XML_SIZE (16 * 1024 * 1024)

gboolean nb_docx_reader_read (GBytes       *data,
                              NbSourceDoc **out,
                              GError      **error);

G_END_DECLS
