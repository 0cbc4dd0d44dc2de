/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-decode.h — the bytes of a published report as UTF-8 text */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* UTF-8 with or without BOM, UTF-16 with BOM, otherwise what uchardet
 * detects (GB18030/GBK for files saved on Chinese Windows), converted with
 * GLib. Sets @encoding (transfer full) to what the bytes were. Line ends
 * are left as they are. Fails with NB_ERROR_IMPORT when the bytes are in
 * no encoding that can be detected and converted. */
char *nb_decode_text (GBytes  *data,
                      char   **encoding,
                      GError **error);

G_END_DECLS
