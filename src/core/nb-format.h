/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-format.h — one official report format, loaded from data/formats/VERSION.json
 *
 * The format is the single description of a report version: sections,
 * tables, rows, columns, cell kinds, computed totals, the official grid and
 * the checks. Everything else (model, editor, checks, exporters, importers)
 * reads it from here. The structures below are owned by the NbFormat and
 * read-only for everyone else.
 */
#pragma once

#include <glib-object.h>

#include "nb-number.h"
#include "nb-problem.h"

G_BEGIN_DECLS

typedef struct _NbGrid NbGrid;

typedef enum
{
  NB_SECTION_TEXT,
  NB_SECTION_TABLE,
} NbSectionKind;

typedef struct _NbTableDef NbTableDef;
typedef struct _NbSectionDef NbSectionDef;
typedef struct _NbSentenceDef NbSentenceDef;

typedef struct
{
  const char *key;          /* "natural" */
  const char *label;        /* official label: "自然人" */
  const char *short_label;  /* for messages; = label when the data has none */
  const char *ordinal;      /* "（一）" for request columns, else NULL */
  const char *group;        /* "未经复议直接起诉" for review columns, else NULL */
  const char *unit;         /* "万元" for amounts, else NULL */
  const char *finer_unit;   /* "元": a figure stated in it … (NULL: none) */
  guint       finer_places; /* … is this many decimal places finer (4) */
  NbKind      kind;
  guint       position;     /* 0-based among the table's columns */
} NbColumnDef;

typedef struct
{
  const char  *key;          /* "new" */
  const char  *label;        /* "一、本年新收政府信息公开申请数量" */
  const char  *short_label;  /* "一、本年新收" */
  const char  *group;        /* "第二十条第（一）项" for active rows, else NULL */
  GPtrArray   *columns;      /* NbColumnDef*: the columns this row has, in order */
  guint        position;
} NbRowDef;

typedef struct
{
  const char        *key;        /* "requests/new/natural" or "other/fee_notices" */
  guint              index;      /* dense 0…n_cells-1, for arrays indexed by cell */
  NbKind             kind;
  const NbTableDef  *table;      /* NULL for section fields */
  const NbRowDef    *row;        /* NULL for section fields */
  const NbColumnDef *column;     /* NULL for section fields */
  const char        *section;    /* owning section key: "requests", "other" */
  const char        *label;      /* fields: "发出收费通知的件数"; cells: row · column */
  const char        *unit;       /* fields: "件", "元"; else NULL */
  gboolean           computed;   /* a total derived from other cells */
  guint              n_terms;    /* computed: the cells it sums */
  const guint       *terms;      /* indexes of NbCellDef */
} NbCellDef;

struct _NbTableDef
{
  const char *key;          /* "requests" */
  const char *title;        /* "三、收到和处理政府信息公开申请情况" */
  GPtrArray  *columns;      /* NbColumnDef* */
  GPtrArray  *rows;         /* NbRowDef* */
  GPtrArray  *cells;        /* NbCellDef*: row-major, official order */
  NbGrid     *grid;
};

/* How an importer reads a section's fields from a published sentence
 * (2021 六: 发出收费通知书3件，金额共计1200元，实际收取0元). Lists are
 * NULL-terminated. */
typedef struct
{
  const char *const      *mentions;          /* a sentence about the fields names one */
  const char             *notice_starts;     /* the notified part begins here … */
  const char *const      *notice_ends;       /* … and ends at the first of these after it */
  const NbCellDef *const *notice_fields;     /* read from it, each by its unit */
  const char             *collected_starts;  /* without a notified part: the sentence
                                              * states what was collected when it has this */
  const NbCellDef *const *collected_fields;  /* read from the rest (an amount of 0: no case either) */
  const char             *none;              /* a regular expression: "none were charged" … */
  GRegex                 *none_regex;        /* … compiled */
} NbFieldsReadingDef;

struct _NbSectionDef
{
  const char        *key;          /* "overview" */
  const char        *heading;      /* "三、收到和处理政府信息公开申请情况" */
  const char        *short_heading;  /* for tabs: "三、依申请公开" (= heading if none) */
  NbSectionKind      kind;
  const char        *guidance;     /* text sections: what it should cover */
  const char *const *subheadings;  /* NULL-terminated, may be empty */
  const NbTableDef  *table;        /* table sections */
  GPtrArray         *fields;       /* NbCellDef*: e.g. the 2021 信息处理费 fields */
  const NbSentenceDef *fields_sentence;  /* the sentence stating them, or NULL */
  const NbFieldsReadingDef *fields_reading;  /* reading them from text, or NULL */
  guint              position;
};

/* A sentence generated from the tables: {cell key}, {a+b}, {row/prefix_*}
 * and {year} are filled from the report. */
struct _NbSentenceDef
{
  const char         *id;             /* "requests" */
  const char         *label;          /* the menu's name: "依申请公开（表三）" */
  const char         *template;
  const char         *zero_sum;       /* when these cells sum to 0 … (NULL: never) */
  const char         *zero_template;  /* … this template instead */
  const NbSectionDef *section;        /* offered in this section only (its fields'
                                       * sentence), or NULL: in every text section */
  gboolean            needs_all;      /* no sentence while a cell it names is blank */
};

/* The words the exporters print around the report; {names} as listed,
 * checked at load (docs/formats.md "Documents"). */
typedef struct
{
  const char *workbook_subject;   /* {year} {version} {issued_by} */
  const char *pdf_subject;        /* {year} {name} */
  const char *keywords;
  const char *generated_by;       /* {program} */
  const char *field;              /* a section field printed: {label} {value} {unit} */
  const char *field_blank;        /* … left blank: {label} */
  const char *table_link;         /* the text sheet's link to a table's sheet: {sheet} */
  const char *invalid_title;      /* the workbook's refusal of a bad value … */
  const char *invalid_count;      /* … by kind of cell */
  const char *invalid_signed;
  const char *invalid_decimal;    /* {places} */
} NbDocumentTextsDef;

/* The kinds of agency, as the deadlines tell them apart; the format has
 * their words ("agency_kinds"). */
typedef enum
{
  NB_AGENCY_DEPARTMENT,  /* 部门: publishes by 31 January */
  NB_AGENCY_GOVERNMENT,  /* 本级人民政府: publishes by 31 March */
} NbAgencyKind;

/* The report's title and the date under its sign-off. */
typedef struct
{
  const char *template;     /* "{agency}{year}年政府信息公开工作年度报告" */
  const char *second_line;  /* where a printed title breaks: "政府信息公开工作年度报告" */
  const char *date;         /* "{year}年{month}月{day}日" */
} NbTitleDef;

/* The area's summary (汇总) of its agencies' reports. */
typedef struct
{
  guint                   n_figures;
  const NbCellDef *const *figures;    /* each agency's row: these figures … */
  const NbTableDef       *groups;     /* … then the row groups of this table's
                                       * results (requests), or NULL */
  const NbTableDef       *chart;      /* its figures charted per agency (review), or NULL */
  const char *const      *roster_contains;  /* a roster's first line that contains one … */
  const char *const      *roster_is;        /* … or is one is its heading, not an agency */
} NbSummaryDef;

/* One figure of the 与上年对比 chart: the cells it sums, by key. */
typedef struct
{
  const char        *label;   /* "本年新收申请" */
  const char *const *cells;   /* NULL-terminated */
} NbChartFigureDef;

/* What a figure quoted in the text must equal: the sum of @cells (patterns
 * with '*' allowed), and how a message shows it ("…{value}"). */
typedef struct
{
  const char *const *cells;   /* NULL-terminated */
  const char        *text;
} NbFigureExpectDef;

/* A rule's scope: the keywords that pick it, and its own expectations. */
typedef struct
{
  const char *const       *keywords;  /* NULL-terminated */
  guint                    n_expect;
  const NbFigureExpectDef *expect;
} NbFigureScopeDef;

/* What every text-figure rule shares. */
typedef struct
{
  const char        *filler;      /* characters allowed between a trigger and its number */
  const char        *unit;        /* the unit of a rule that names none ("件") */
  const char *const *other_year;  /* just before a trigger, these make it another year's ("上年") */
} NbFigureWordsDef;

/* A text-figure rule ("共收到政府信息公开申请N件" ↔ requests/new/total).
 * Lists are NULL-terminated and never NULL. */
typedef struct
{
  const char *const       *triggers;     /* at least one */
  const char *const       *between;
  const char *const       *context;
  const char *const       *exclude;
  gboolean                 context_before;
  const char              *filler;       /* "" when none */
  gboolean                 decimal;
  gboolean                 claim;        /* no number: "均获维持" states a zero */
  const char *const       *units;        /* may be empty: the reader's default */
  const guint             *unit_places;  /* per unit: decimal places it adds */
  const char              *message;
  guint                    n_expect;
  const NbFigureExpectDef *expect;
  guint                    n_scopes;
  const NbFigureScopeDef  *scopes;
} NbFigureRuleDef;

/* ---- the checks (docs/checks.md), compiled and validated at load ---- */

typedef enum
{
  NB_CHECK_COMPARE,          /* sums and (in)equalities over cells */
  NB_CHECK_CELL_KIND,
  NB_CHECK_CELL_BLANK,
  NB_CHECK_FORMAT_YEAR,
  NB_CHECK_SECTION_PRESENT,
  NB_CHECK_FEES_PRESENT,
  NB_CHECK_TEXT_FIGURES,
  NB_CHECK_TEXT_PERIOD,
  NB_CHECK_TEXT_TEMPLATE,
  NB_CHECK_TEXT_YEAR,
  NB_CHECK_DEADLINE,
  NB_CHECK_CARRY_JUMP,
  NB_CHECK_CARRY_AGENCY,
  NB_CHECK_TEXT_OWN_YEAR,
  NB_CHECK_PERIOD_MISSING,
  NB_CHECK_NUMBERING,
  NB_CHECK_ITEM_COUNT,
  NB_CHECK_TOTAL_PARTS,
  NB_CHECK_PUNCTUATION,
  NB_CHECK_AMOUNT_UNIT,
  NB_CHECK_RATIO,
  NB_CHECK_HEADINGS,
  NB_CHECK_HEADING_VARIANT,
} NbCheckType;

typedef enum
{
  NB_CHECK_OP_EQ, NB_CHECK_OP_GE, NB_CHECK_OP_LE, NB_CHECK_OP_GT, NB_CHECK_OP_LT,
} NbCheckOp;

/* How a compare message names its terms: by row, column or cell label. */
typedef enum
{
  NB_TERM_LABEL_ROW, NB_TERM_LABEL_COLUMN, NB_TERM_LABEL_CELL,
} NbTermLabel;

/* "-prev:active/regulation/in_force": one term of a side of a comparison. */
typedef struct
{
  const char      *key;     /* the cell key, without "-" and "prev:" */
  const NbCellDef *cell;    /* this format's cell; NULL only for a prev term
                             * naming a cell this format does not have */
  gboolean         negate;
  gboolean         prev;    /* from last year's report */
} NbCheckTermDef;

/* One comparison, after "foreach" is expanded (one per column, row, …). */
typedef struct
{
  const char           *var_key;      /* "natural"; NULL without foreach */
  const char           *var_label;    /* its label ("自然人") or the data's */
  const char           *var_short;
  const char           *var_ordinal;  /* "（一）" or "" */
  guint                 n_left;
  const NbCheckTermDef *left;
  guint                 n_right;      /* 0 when has_const */
  const NbCheckTermDef *right;
} NbCompareInstanceDef;

typedef struct
{
  const char                 *var;           /* "C" ({C.label} …), or NULL */
  NbCheckOp                   op;
  NbTermLabel                 term_label;
  gboolean                    has_const;
  NbNumber                    right_const;
  const char                 *message_blank; /* when blanks make it moot; may be NULL */
  guint                       n_instances;
  const NbCompareInstanceDef *instances;
} NbCheckCompareDef;

/* section_present, for one text section. */
typedef struct
{
  const NbSectionDef *section;
  const char *const  *not_just;       /* texts that say nothing ("无。") */
  guint               min_chars;      /* 0: no minimum */
  const char         *message_empty;  /* its own or the shared wording; NULL: not checked */
} NbSectionRuleDef;

/* A numbering family of the text ("一是", "（一）", "1."). */
typedef struct
{
  const char *name;
  const char *pattern;   /* a regular expression with a group "n" */
  gboolean    inline_;   /* runs inside one paragraph ("一是…二是…") */
} NbNumberingFamilyDef;

/* Lists are NULL-terminated and never NULL; templates use {name}s that the
 * format checked at load (docs/checks.md). Only the member of the union
 * that @type names is set. */
typedef struct
{
  const char  *id;            /* "requests.balance" */
  NbCheckType  type;
  NbSeverity   severity;
  gboolean     across_years;  /* needs last year's report */
  const char  *message;       /* the main template; NULL for the types without one */
  union
  {
    NbCheckCompareDef compare;
    struct { const char *kind_texts[4]; } cell_kind;   /* by NbKindType */
    struct { const char *message_row; } cell_blank;
    struct { const char *message_none; } format_year;
    struct
    {
      guint                   n_sections;
      const NbSectionRuleDef *sections;   /* every text section, in order */
      const char             *message_nothing;
      const char             *message_short;
    } section_present;
    struct
    {
      const char *message_unknown, *message_number, *message_order;
      const char *message_repeated, *message_missing;   /* each may be NULL */
    } headings;
    struct
    {
      const char *const *const *variants;   /* per section position */
      const char               *message_variant;
    } heading_variant;
    struct
    {
      guint                   n_fields;
      const NbCellDef *const *fields;
      const char *const      *text_mentions;
    } fees_present;
    struct
    {
      const char *const *keywords;     /* text_period, text_year, period_missing */
      const char        *message_title;  /* text_year */
      const char        *period_text;    /* how {found} shows a period (text_period, text_year) */
    } period;
    struct
    {
      const char *const *patterns;
      const char        *message_title;
    } text_template;
    struct { const char *const *patterns; } own_year;
    struct
    {
      guint                       n_families;
      const NbNumberingFamilyDef *families;
      const char                 *message_skip;
      const char                 *message_repeat;
    } numbering;
    struct { const char *pattern; } item_count;
    struct { const char *const *total_words, *const *part_words, *const *units; } total_parts;
    struct
    {
      guint                   n_cells;
      const NbCellDef *const *cells;
      gint64                  min_change;
    } amount_unit;
    struct
    {
      guint                   n_rows;
      const NbCellDef *const *values;   /* "delta" of each row … */
      const NbCellDef *const *bases;    /* … against its "prev" */
      gint64                  factor;
      gint64                  min_change;
    } ratio;
    struct
    {
      const char *department, *government;            /* "01-31", "03-31" */
      const char *department_text, *government_text;  /* "1月31日" */
      const char *department_word, *government_word;  /* "部门" */
      const char *message_no_date, *message_in_year;
    } deadline;
    struct { gint64 factor, min_change; } carry_jump;
  };
} NbCheckDef;

#define NB_TYPE_FORMAT (nb_format_get_type ())
G_DECLARE_FINAL_TYPE (NbFormat, nb_format, NB, FORMAT, GObject)

/* Registered versions, oldest first ("2019", "2021"). */
const char *const *nb_format_list_versions (void);
/* Shared, cached instances (transfer none; they live as long as the process). */
NbFormat   *nb_format_get            (const char  *version,
                                      GError     **error);
/* The version in force for a report year, or NULL if none (year < 2019). */
NbFormat   *nb_format_for_year       (int          year);
/* Load a format from JSON data (for tests and future revisions). */
NbFormat   *nb_format_new_from_data  (const char  *data,
                                      gsize        length,
                                      GError     **error);

const char *nb_format_get_version    (NbFormat    *self);
const char *nb_format_get_name       (NbFormat    *self);
const char *nb_format_get_issued_by  (NbFormat    *self);
/* Report years this version covers; to_year is G_MAXINT when open-ended. */
int         nb_format_get_from_year  (NbFormat    *self);
int         nb_format_get_to_year    (NbFormat    *self);
gboolean    nb_format_covers_year    (NbFormat    *self,
                                      int          year);
/* The title template: "{agency}{year}年政府信息公开工作年度报告". */
const char *nb_format_get_title_template (NbFormat *self);
const NbTitleDef *nb_format_get_title    (NbFormat    *self);
/* The template filled in: "温县交通运输局2020年政府信息公开工作年度报告". */
char       *nb_format_dup_title      (NbFormat    *self,
                                      const char  *agency,
                                      int          year);
/* Where @title (the format's or a report's own) prints on a second line:
 * the byte offset of the format's second line in it, or 0 (one line). */
gsize       nb_format_title_break    (NbFormat    *self,
                                      const char  *title);
/* "2021-01-20" as the sign-off writes it ("2021年1月20日"); other text as is. */
char       *nb_format_dup_date       (NbFormat    *self,
                                      const char  *iso_date);

guint               nb_format_get_n_sections (NbFormat   *self);
const NbSectionDef *nb_format_get_section    (NbFormat   *self,
                                              guint       position);
const NbSectionDef *nb_format_find_section   (NbFormat   *self,
                                              const char *key);

guint               nb_format_get_n_tables   (NbFormat   *self);
const NbTableDef   *nb_format_get_table      (NbFormat   *self,
                                              guint       position);
const NbTableDef   *nb_format_find_table     (NbFormat   *self,
                                              const char *key);
const NbRowDef     *nb_table_def_find_row    (const NbTableDef *table,
                                              const char       *key);
const NbColumnDef  *nb_table_def_find_column (const NbTableDef *table,
                                              const char       *key);

/* Every value cell of every table, then every section field. */
guint               nb_format_get_n_cells    (NbFormat   *self);
const NbCellDef    *nb_format_get_cell       (NbFormat   *self,
                                              guint       index);
const NbCellDef    *nb_format_find_cell      (NbFormat   *self,
                                              const char *key);
/* How messages name a cell, from the data's headings and labels:
 * "二、主动公开 · 政府集中采购 · 采购总金额" (never the key). */
char               *nb_format_dup_cell_title (NbFormat        *self,
                                              const NbCellDef *cell);
/* Computed cells in an order where each comes after what it sums. */
guint               nb_format_get_n_computed (NbFormat   *self);
const NbCellDef    *nb_format_get_computed   (NbFormat   *self,
                                              guint       i);

/* The checks, in the data's order (for NbChecker). */
guint                  nb_format_get_n_checks       (NbFormat *self);
const NbCheckDef      *nb_format_get_check          (NbFormat *self,
                                                     guint     i);
const NbCheckDef      *nb_format_find_check         (NbFormat   *self,
                                                     const char *id);
/* The text-figure rules. */
guint                  nb_format_get_n_figure_rules (NbFormat *self);
const NbFigureRuleDef *nb_format_get_figure_rule    (NbFormat *self,
                                                     guint     i);
const NbFigureWordsDef *nb_format_get_figure_words   (NbFormat *self);
/* Wording shared by the checks ("blank_cell" → "空"), or NULL if the
 * format has none by that name. */
const char         *nb_format_get_check_text    (NbFormat   *self,
                                                 const char *name);
/* Sentence templates built from the tables (for NbSentence). */
guint                nb_format_get_n_sentences  (NbFormat   *self);
const NbSentenceDef *nb_format_get_sentence     (NbFormat   *self,
                                                 guint       i);
const NbSentenceDef *nb_format_find_sentence    (NbFormat   *self,
                                                 const char *id);
/* The section whose fields a sentence states (2021: 六 and its 信息处理费
 * sentence), or NULL when the format has none (2019). */
const NbSectionDef  *nb_format_get_fee_section  (NbFormat   *self);
/* "部门", "本级人民政府": how the report's text names a kind of agency. */
const char          *nb_format_get_agency_kind_word (NbFormat     *self,
                                                    NbAgencyKind  kind);
/* The kind @word names ("department", "government" or the format's word). */
gboolean             nb_format_parse_agency_kind    (NbFormat     *self,
                                                    const char   *word,
                                                    NbAgencyKind *kind);
const NbDocumentTextsDef *nb_format_get_document_texts (NbFormat *self);
/* @template with each "{name}" of the NULL-terminated name, value pairs
 * after it replaced: nb_format_fill (t, "year", "2024", NULL). */
char                *nb_format_fill             (const char *template,
                                                 ...) G_GNUC_NULL_TERMINATED;
/* What the area's summary shows (never NULL; empty when the data has none). */
const NbSummaryDef  *nb_format_get_summary      (NbFormat   *self);
/* The main figures the 与上年对比 view draws. */
guint                   nb_format_get_n_chart_figures (NbFormat   *self);
const NbChartFigureDef *nb_format_get_chart_figure    (NbFormat   *self,
                                                       guint       i);
const NbChartFigureDef *nb_format_find_chart_figure   (NbFormat   *self,
                                                       const char *label);

G_END_DECLS
