/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-text-figures.h — figures and periods that a report's text quotes
 *
 * "共收到政府信息公开申请12件" → rule 收到申请, value 12, at [start, end).
 * Rules come from the format data ("text_figures"): triggers, phrases that
 * may stand between trigger and number ("between"), units, words the
 * sentence must or must not contain, and scopes (which table a "维持2件"
 * is about). Offsets are in characters (not bytes) from the start of the
 * text.
 */
#pragma once

#include <glib.h>
#include "nb-format.h"

#include "nb-number.h"

G_BEGIN_DECLS

typedef struct
{
  guint    rule;     /* index into the rules array */
  gint64   value;    /* integer part of number */
  guint    start;    /* characters: the whole quote, trigger to unit */
  guint    end;
  NbNumber number;   /* exact, in the rule's first unit ("380000元" → 38 for 万元) */
  gint     scope;    /* the rule's scope the quote is about (nearest keyword before
                      * it in the sentence), or -1 */
  guint32  scopes;   /* claims ("均获维持"): every scope the sentence names before it */
} NbTextFigure;

typedef struct
{
  int   start_year, start_month, start_day;
  int   end_year, end_month, end_day;   /* end_year = start_year when omitted */
  guint start;    /* characters */
  guint end;
} NbTextPeriod;

typedef struct _NbTextFigureRules NbTextFigureRules;

/* The matcher for the format's text-figure rules (never fails: NbFormat
 * has checked them). */
NbTextFigureRules *nb_text_figure_rules_new   (NbFormat           *format);
void               nb_text_figure_rules_free  (NbTextFigureRules  *rules);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NbTextFigureRules, nb_text_figure_rules_free)

/* Figures quoted in @text about @report_year (sentences about another year,
 * "上年…", "去年…", are skipped). Returns NbTextFigure (GArray). */
GArray *nb_text_find_figures  (const NbTextFigureRules *rules,
                               const char              *text,
                               int                      report_year);

/* Statistics periods: date ranges "2024年1月1日至2024年12月31日" in a sentence
 * that contains one of @keywords (NULL-terminated). Returns NbTextPeriod. */
GArray *nb_text_find_periods  (const char              *text,
                               const char *const       *keywords);

/* Parses "12", "１２", "十二", "一百零五" → TRUE and the value. */
gboolean nb_text_parse_count  (const char *text,
                               gssize      length,
                               gint64     *out);

G_END_DECLS
