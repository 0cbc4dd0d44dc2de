/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-number.h — exact values: integers and scaled decimals, never double */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Largest integer part accepted anywhere (11 digits): sums of a whole
 * table of such values still fit in a gint64 at 6 decimal places. */
#define NB_NUMBER_MAX_INTEGER G_GINT64_CONSTANT (99999999999)
#define NB_NUMBER_MAX_PLACES 6

typedef enum
{
  NB_KIND_COUNT,    /* integer ≥ 0 */
  NB_KIND_SIGNED,   /* integer, may be negative */
  NB_KIND_DECIMAL,  /* decimal ≥ 0 with at most `places` decimal places */
  NB_KIND_TEXT,
} NbKindType;

typedef struct
{
  NbKindType type;
  guint      places;  /* NB_KIND_DECIMAL only */
} NbKind;

/* value = units / 10^places; places is what was typed (793.9397 → 4,
 * 18651.060 → 3), kept so the value prints as it was entered. */
typedef struct
{
  gint64   units;
  guint8   places;
  gboolean blank;   /* no value at all (imported blank cells) */
} NbNumber;

#define NB_NUMBER_INIT { 0, 0, FALSE }

NbNumber  nb_number_from_int        (gint64          value);
NbNumber  nb_number_blank           (void);

/* Parses what a person types or a file holds: ASCII or full-width digits
 * (０–９, ．, －, ＋), an optional sign, one decimal point, thousands
 * separators ',' between groups of three. Blank text is an error. */
gboolean  nb_number_parse           (const char     *text,
                                     NbNumber       *out,
                                     GError        **error);
/* Parse, then validate against @kind (sign, places, range). */
gboolean  nb_number_parse_for_kind  (const char     *text,
                                     const NbKind   *kind,
                                     NbNumber       *out,
                                     GError        **error);
gboolean  nb_number_validate        (const NbNumber *number,
                                     const NbKind   *kind,
                                     GError        **error);

/* "793.9397", "-33", "0"; "" for blank. */
char     *nb_number_to_string       (const NbNumber *number);
/* Same, into a caller buffer of at least NB_NUMBER_BUF bytes. */
#define NB_NUMBER_BUF 32
const char *nb_number_format        (const NbNumber *number,
                                     char           *buf);

int       nb_number_compare         (const NbNumber *a,
                                     const NbNumber *b);
gboolean  nb_number_equal           (const NbNumber *a,
                                     const NbNumber *b);
/* Exact sum; blanks count as 0. Returns FALSE on overflow. */
gboolean  nb_number_add             (NbNumber       *acc,
                                     const NbNumber *value);
gboolean  nb_number_sub             (NbNumber       *acc,
                                     const NbNumber *value);
NbNumber  nb_number_negate          (const NbNumber *value);
/* The integer part (truncated) — for counts and jump heuristics. */
gint64    nb_number_integer_part    (const NbNumber *number);

const char *nb_kind_type_to_string  (NbKindType      type);
gboolean    nb_kind_type_from_string (const char    *text,
                                      NbKindType    *out);
/* Human description of a kind, translated: "整数（≥0）" … */
char       *nb_kind_describe        (const NbKind   *kind);

G_END_DECLS
