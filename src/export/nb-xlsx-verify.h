/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-xlsx-verify.h — check a written workbook reads back */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @path is a zip whose directory reads (libgsf) and every XML
 * part in it parses (libxml2). An NbSafeVerifyFunc; @user_data unused. */
gboolean nb_xlsx_verify (const char  *path,
                         gpointer     user_data,
                         GError     **error);

G_END_DECLS
