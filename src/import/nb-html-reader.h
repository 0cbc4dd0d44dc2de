/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-html-reader.h — a saved web page (a site's article, a Word-exported page) as an NbSourceDoc */
#pragma once

#include <glib.h>

#include "nb-source-doc.h"

G_BEGIN_DECLS

/* Parsed with libxml2's HTML parser (it tolerates broken markup). The
 * report is found among the site's menus, scripts and footers as the
 * block holding its title and its tables; <table> keeps colspan/rowspan. */
gboolean nb_html_reader_read (GBytes       *data,
                              NbSourceDoc **out,
                              GError      **error);

G_END_DECLS
