/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-error.h — the error domain for every failure a user can cause */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NB_ERROR (nb_error_quark ())

typedef enum
{
  NB_ERROR_PARSE,      /* text that is not a number, date, … */
  NB_ERROR_KIND,       /* a value of the wrong kind for its cell */
  NB_ERROR_RANGE,      /* a number out of range, too many decimal places */
  NB_ERROR_KEY,        /* unknown or missing cell / field key */
  NB_ERROR_COMPUTED,   /* a computed total cannot be set */
  NB_ERROR_FORMAT,     /* unknown format version, bad format data */
  NB_ERROR_FILE,       /* a document file that is not valid */
  NB_ERROR_NEWER,      /* a document file written by a newer nianbao */
  NB_ERROR_EXPORT,     /* an exporter could not write its output */
  NB_ERROR_IMPORT,     /* an importer could not read its input */
  NB_ERROR_STALE,      /* a fix for a problem the document no longer has */
} NbErrorCode;

GQuark nb_error_quark (void);

G_END_DECLS
