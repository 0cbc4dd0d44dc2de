/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-figure.h — a table figure as published reports print it
 *
 * Readers use nb_figure_looks_like() to tell a figure from a label (a text
 * file printing one value per line); the matcher parses with
 * nb_figure_parse() into the cell's kind. Nothing here knows a label.
 */
#pragma once

#include <glib.h>

#include "nb-format.h"

G_BEGIN_DECLS

typedef enum
{
  NB_FIGURE_VALUE,      /* a number (perhaps converted: see the note) */
  NB_FIGURE_EMPTY,      /* nothing printed */
  NB_FIGURE_BLANK_MARK, /* ——, —, /, 无: printed as "nothing" */
  NB_FIGURE_INVALID,    /* text that is no figure */
} NbFigureResult;

/* Digits (ASCII or full-width) with an optional sign, thousands separators,
 * decimal point and a unit (元, 万元, 件, 个, 项, 条), or a blank mark. Empty text is not. */
gboolean        nb_figure_looks_like    (const char      *text);
gboolean        nb_figure_is_blank_mark (const char      *text);

/* Parses @text for cell @def. An amount printed in 元 in a 万元 column is
 * converted, and *@note (transfer full) says so; signs and places are not
 * checked here (the checks report a wrong kind as printed). */
NbFigureResult  nb_figure_parse         (const char      *text,
                                         const NbCellDef *def,
                                         NbNumber        *out,
                                         char           **note);

G_END_DECLS
