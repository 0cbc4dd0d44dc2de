/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-json-check.h — a strict, bounded pass over JSON text before json-glib */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A .nianbao document needs three levels; far fewer than json-glib's
 * recursive parser can take. */
#define NB_JSON_MAX_DEPTH 32

/* Refuses (NB_ERROR_FILE, with line and column) what json-glib 1.6 would
 * accept silently or crash on: nesting deeper than NB_JSON_MAX_DEPTH, a
 * name twice in one object, anything after the document, single quotes,
 * comments, bare words, "\u0000", lone surrogates, raw control characters
 * in texts, integers beyond ±NB_NUMBER_MAX_INTEGER. @data is valid UTF-8.
 * Syntax errors it does not look for are left to json-glib. */
gboolean nb_json_check (const char  *data,
                        gsize        length,
                        GError     **error);

G_END_DECLS
