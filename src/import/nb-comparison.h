/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-comparison.h — this year's report beside last year's
 *
 * Every figure of this year's format with last year's value of the same
 * cell key and the change; the checks across the two years (carry.*); and
 * each text section diffed paragraph by paragraph, so that a reviewer sees
 * what was copied unchanged from last year.
 */
#pragma once

#include <glib-object.h>

#include "nb-report.h"

G_BEGIN_DECLS

typedef enum
{
  NB_DIFF_UNCHANGED,
  NB_DIFF_CHANGED,
  NB_DIFF_ADDED,     /* only this year */
  NB_DIFF_REMOVED,   /* only last year */
} NbDiffKind;

typedef struct
{
  const char *key;        /* "requests/new/natural" */
  const char *label;      /* the cell's label (row · column), from this year's format */
  const char *section;    /* its section key */
  gboolean    in_last;    /* last year's format has the cell */
  char       *last;       /* last year's value as printed; "" blank */
  char       *this;       /* this year's; "" blank */
  char       *change;     /* "+12", "-3", "0"; "" when either is blank or missing */
} NbFigureChange;

typedef struct
{
  NbDiffKind kind;
  char      *last;        /* NULL when added */
  char      *this;        /* NULL when removed */
  guint      similarity;  /* CHANGED: how much is the same, in per cent */
} NbParagraphChange;

typedef struct
{
  const char *key;        /* "overview" */
  const char *heading;    /* "一、总体情况" */
  GPtrArray  *paragraphs; /* NbParagraphChange*, in reading order */
  guint       n[4];       /* how many of each NbDiffKind */
} NbSectionChange;

/* One of the main figures (the format data's comparison_chart): a sum of
 * cells, last year and this; blank cells count as 0. */
typedef struct
{
  const char *label;      /* "本年新收申请" */
  gint64      last;
  gint64      this;
  gboolean    in_last;    /* last year's format has the figure */
} NbChartBar;

#define NB_TYPE_COMPARISON (nb_comparison_get_type ())
G_DECLARE_FINAL_TYPE (NbComparison, nb_comparison, NB, COMPARISON, GObject)

NbComparison *nb_comparison_new            (NbReport     *last,
                                            NbReport     *this);

NbReport     *nb_comparison_get_last       (NbComparison *self);
NbReport     *nb_comparison_get_this       (NbComparison *self);
/* NbFigureChange*, in the official order of this year's format. */
GPtrArray    *nb_comparison_get_figures    (NbComparison *self);
/* NbSectionChange*, the text sections of this year's format. */
GPtrArray    *nb_comparison_get_sections   (NbComparison *self);
/* NbProblem*: the checks across years (ids carry.*). */
GPtrArray    *nb_comparison_get_problems   (NbComparison *self);
guint         nb_comparison_count_changed  (NbComparison *self);
/* NbChartBar, in the order of the format data. */
GArray       *nb_comparison_get_chart      (NbComparison *self);

/* Two paragraph lists diffed (exported for tests and other front ends):
 * NbParagraphChange* in reading order. */
GPtrArray    *nb_diff_paragraphs           (const char *const *last,
                                            const char *const *this);

G_END_DECLS
