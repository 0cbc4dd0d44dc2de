/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-reader.h — a plain-text published report as an NbSourceDoc */
#pragma once

#include <glib.h>

#include "nb-source-doc.h"

G_BEGIN_DECLS

/* Lines with tabs (or figures among space-separated words) are table rows;
 * other lines are paragraphs; a line holding only a figure goes on the row
 * or label before it (reports printed one value per line). Any encoding
 * nb_decode_text() knows. */
gboolean nb_text_reader_read (GBytes       *data,
                              NbSourceDoc **out,
                              GError      **error);

/* The same on text already in UTF-8 (the HTML reader's fall-back). */
NbSourceDoc *nb_text_reader_read_utf8 (const char *text,
                                       gsize       length);

G_END_DECLS
